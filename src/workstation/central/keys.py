"""The platform's keys: its own CA, a TLS certificate for its host names, an Ed25519 receipt-signing
key and an X25519 batch-encryption key. Kept as files in the platform's data directory (0600)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.x509.oid import NameOID

from workstation.sync.envelope import key_id_of, raw_private, raw_public, sha256_hex

CA_CERT = "ca.pem"
CA_KEY = "ca.key"
TLS_CERT = "tls.pem"
TLS_KEY = "tls.key"
SIGN_KEY = "sign.key"
ENC_KEY = "enc.key"
CONFIG = "central.json"


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def ca_fingerprint(ca_pem: bytes) -> str:
    """SHA-256 of the CA certificate (DER), the value an installer compares when pinning."""
    cert = x509.load_pem_x509_certificate(ca_pem)
    return sha256_hex(cert.public_bytes(serialization.Encoding.DER))


def make_ca(name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def make_tls_cert(
    ca_key: ec.EllipticCurvePrivateKey, ca_cert: x509.Certificate, hosts: list[str]
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = []
    for h in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(h)))
        except ValueError:
            names.append(x509.DNSName(h))
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=825))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


@dataclass
class PlatformKeys:
    data_dir: Path
    sign_key: Ed25519PrivateKey
    enc_key: X25519PrivateKey
    retired: dict[str, X25519PrivateKey] = field(default_factory=dict)

    def enc_key_for(self, key_id: str) -> X25519PrivateKey | None:
        """The current key, or a retired one still kept to open batches sealed before a rotation."""
        if key_id == self.key_id:
            return self.enc_key
        return self.retired.get(key_id)

    @property
    def sign_pub(self) -> bytes:
        return raw_public(self.sign_key.public_key())

    @property
    def enc_pub(self) -> bytes:
        return raw_public(self.enc_key.public_key())

    @property
    def key_id(self) -> str:
        return key_id_of(self.enc_pub)

    @property
    def ca_pem(self) -> bytes:
        return (self.data_dir / CA_CERT).read_bytes()

    @property
    def tls_cert(self) -> Path:
        return self.data_dir / TLS_CERT

    @property
    def tls_key(self) -> Path:
        return self.data_dir / TLS_KEY


def init_keys(
    data_dir: Path,
    *,
    name: str = "Workstation reference platform",
    hosts: list[str] | None = None,
    db_url: str | None = None,
) -> PlatformKeys:
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(data_dir, 0o700)  # keys, config and the SQLite store: private to the platform's user
    if (data_dir / SIGN_KEY).exists():
        raise FileExistsError(f"{data_dir} already holds a platform")
    hosts = hosts or ["localhost", "127.0.0.1"]
    ca_key, ca_cert = make_ca(name + " CA")
    tls_key, tls_cert = make_tls_cert(ca_key, ca_cert, hosts)
    (data_dir / CA_CERT).write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    _write_private(data_dir / CA_KEY, _pem_key(ca_key))
    (data_dir / TLS_CERT).write_bytes(tls_cert.public_bytes(serialization.Encoding.PEM))
    _write_private(data_dir / TLS_KEY, _pem_key(tls_key))
    _write_private(data_dir / SIGN_KEY, raw_private(Ed25519PrivateKey.generate()))
    _write_private(data_dir / ENC_KEY, raw_private(X25519PrivateKey.generate()))
    url = db_url or f"sqlite:///{(data_dir / 'central.sqlite3').resolve()}"
    _write_private(data_dir / CONFIG, json.dumps({"db_url": url, "hosts": hosts}, indent=2).encode())
    return load_keys(data_dir)


def load_keys(data_dir: Path) -> PlatformKeys:
    data_dir = Path(data_dir)
    retired = {}
    for p in sorted(data_dir.glob("enc-*.key")):
        k = X25519PrivateKey.from_private_bytes(p.read_bytes())
        retired[key_id_of(raw_public(k.public_key()))] = k
    return PlatformKeys(
        data_dir,
        Ed25519PrivateKey.from_private_bytes((data_dir / SIGN_KEY).read_bytes()),
        X25519PrivateKey.from_private_bytes((data_dir / ENC_KEY).read_bytes()),
        retired,
    )


def rotate_enc_key(data_dir: Path) -> PlatformKeys:
    """New batch-encryption key; the old one is kept (enc-<key id>.key) for batches already sealed."""
    data_dir = Path(data_dir)
    old = load_keys(data_dir)
    _write_private(data_dir / f"enc-{old.key_id}.key", raw_private(old.enc_key))
    tmp = data_dir / (ENC_KEY + ".tmp")
    _write_private(tmp, raw_private(X25519PrivateKey.generate()))
    os.replace(tmp, data_dir / ENC_KEY)
    return load_keys(data_dir)


def load_config(data_dir: Path) -> dict[str, object]:
    cfg: dict[str, object] = json.loads((Path(data_dir) / CONFIG).read_text())
    return cfg
