"""Sealed batch envelopes (format ``wsb/1``).

Wire layout::

    b"WSB1" | u32 header_len | header (canonical JSON) | u32 ct_len | ciphertext | signature (64)

* header: format, suite, device, batch_id, seq, prev_hash, key_id, count, eph (ephemeral X25519
  public key, base64) and nonce. Canonical bytes: JSON, sorted keys, no spaces, ASCII only.
* content key: HKDF-SHA256(X25519(eph, platform)) with salt = eph_pub || platform_pub and info =
  ``b"wsb/1 " + suite``; AES-256-GCM with the header bytes as associated data.
* Ed25519 signature by the device key over everything before it (magic, lengths, header and
  ciphertext), so the platform rejects junk before it decrypts anything.

The ``suite`` field names the algorithms so that an SM2/SM3/SM4 suite can be added beside this one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from workstation.i18n import QT_TRANSLATE_NOOP

MAGIC = b"WSB1"
FORMAT = "wsb/1"
SUITE = "X25519-HKDF-SHA256-AES256GCM-Ed25519"
SUPPORTED_SUITES = (SUITE,)
SIG_LEN = 64
MAX_HEADER = 4096


class EnvelopeError(Exception):
    """An envelope that cannot be accepted. `reason` is a short machine-readable code."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def canonical(obj: Any) -> bytes:
    """Canonical JSON bytes: sorted keys, no whitespace, ASCII."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def canonical_sliced(obj: dict[str, Any], key: str, step: int = 50) -> bytes:
    """`canonical(obj)`, byte for byte, with the list ``obj[key]`` encoded `step` items at a time.

    One `json.dumps` of a sync batch (a thousand records, about a megabyte) holds the interpreter lock
    for tens of milliseconds in one C call; in slices the interpreter may switch threads between them,
    so the GUI thread never waits long for it."""
    items = obj[key]
    listed = b"[" + b",".join(canonical(items[i : i + step])[1:-1] for i in range(0, len(items), step)) + b"]"
    fields = [canonical(k) + b":" + (listed if k == key else canonical(v)) for k, v in sorted(obj.items())]
    return b"{" + b",".join(fields) + b"}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def raw_public(key: X25519PublicKey | Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def raw_private(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def key_id_of(platform_enc_pub: bytes) -> str:
    """The platform encryption key's id: the first 16 hex digits of SHA-256 of its raw bytes."""
    return sha256_hex(platform_enc_pub)[:16]


# ---- protocol timestamps ------------------------------------------------------------------------
def utc_iso(when: datetime) -> str:
    """A protocol timestamp: ISO 8601 with an explicit offset, in UTC (``2026-05-01T08:30:00.123456+00:00``).

    A naive `when` is taken as UTC (the workstation's and the platform's stores keep naive UTC)."""
    if when.tzinfo is None:
        return when.isoformat() + "+00:00"  # what .replace(tzinfo=UTC).isoformat() gives, at a third of the cost
    return when.astimezone(UTC).isoformat()


def parse_time(text: str) -> datetime:
    """Parse a protocol timestamp with any UTC offset (``Z``, ``+00:00``, ``+08:00`` ...) into an aware
    UTC datetime (RFC 3339 / ISO 8601). Raises ValueError for text without an offset or not a time."""
    if not isinstance(text, str) or len(text) > 64:
        raise ValueError("not a timestamp")
    when = datetime.fromisoformat(text)
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("a protocol timestamp must carry a UTC offset")
    return when.astimezone(UTC)


def signing_message(method: str, path: str, query: str, timestamp: str, nonce: str) -> bytes:
    """The bytes a device signs for a signed request (Ed25519): method, path, canonical query,
    timestamp (`x-ws-time`) and nonce (`x-ws-nonce`), one per line (PROTOCOL.md, "Signed requests")."""
    return f"{method}\n{path}\n{query}\n{timestamp}\n{nonce}".encode()


def ca_fingerprint(ca_pem: bytes) -> str:
    """SHA-256 (lowercase hex) of a CA certificate's DER bytes: the value an installer compares when
    pinning the platform (printed by ``workstation-central enroll-code``, checked by `sync.client.enroll`).
    Raises ValueError when `ca_pem` holds no PEM certificate."""
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(ca_pem)
    return sha256_hex(cert.public_bytes(serialization.Encoding.DER))


def new_request_nonce() -> str:
    """A fresh request nonce: 16 random bytes as 32 lowercase hex digits."""
    return os.urandom(16).hex()


@dataclass(frozen=True)
class Header:
    device: str
    batch_id: str
    seq: int
    prev_hash: str
    key_id: str
    count: int
    eph: str = ""
    nonce: str = ""
    format: str = FORMAT
    suite: str = SUITE

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "suite": self.suite,
            "device": self.device,
            "batch_id": self.batch_id,
            "seq": self.seq,
            "prev_hash": self.prev_hash,
            "key_id": self.key_id,
            "count": self.count,
            "eph": self.eph,
            "nonce": self.nonce,
        }

    def to_bytes(self) -> bytes:
        return canonical(self.to_dict())

    @classmethod
    def from_bytes(cls, data: bytes) -> Header:
        try:
            d = json.loads(data.decode("ascii"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise EnvelopeError(
                "malformed", QT_TRANSLATE_NOOP("platform", "the batch header is not valid JSON")
            ) from exc
        if not isinstance(d, dict) or set(d) != set(cls.__dataclass_fields__):
            raise EnvelopeError(
                "malformed", QT_TRANSLATE_NOOP("platform", "the batch header does not have the expected fields")
            )
        try:
            h = cls(
                device=str(d["device"]),
                batch_id=str(d["batch_id"]),
                seq=int(d["seq"]),
                prev_hash=str(d["prev_hash"]),
                key_id=str(d["key_id"]),
                count=int(d["count"]),
                eph=str(d["eph"]),
                nonce=str(d["nonce"]),
                format=str(d["format"]),
                suite=str(d["suite"]),
            )
        except (TypeError, ValueError) as exc:
            raise EnvelopeError(
                "malformed", QT_TRANSLATE_NOOP("platform", "the batch header has a field of the wrong type")
            ) from exc
        if h.to_bytes() != data:
            raise EnvelopeError("malformed", QT_TRANSLATE_NOOP("platform", "the batch header is not in canonical form"))
        for name in ("device", "batch_id", "prev_hash", "key_id", "eph", "nonce", "format", "suite"):
            value = getattr(h, name)  # JSON escapes can carry any code point: only short printable ASCII
            if len(value) > 128 or not (value.isascii() and value.isprintable()):
                raise EnvelopeError("malformed", QT_TRANSLATE_NOOP(
                    "platform", "the batch header field {name} is not short printable ASCII").format(name=name))
        if not (0 <= h.seq < 2**31 and 0 <= h.count < 2**31):
            raise EnvelopeError(
                "malformed", QT_TRANSLATE_NOOP("platform", "the batch header's seq or count is out of range")
            )
        return h


@dataclass(frozen=True)
class Parsed:
    header: Header
    header_bytes: bytes
    ciphertext: bytes
    signature: bytes
    signed: bytes


def _content_key(shared: bytes, eph_pub: bytes, platform_pub: bytes, suite: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=eph_pub + platform_pub, info=b"wsb/1 " + suite.encode()
    ).derive(shared)


def seal(
    header: Header,
    plaintext: bytes,
    *,
    device_key: Ed25519PrivateKey,
    platform_enc_pub: bytes,
) -> bytes:
    """Encrypt `plaintext` to the platform and sign as the device. Returns the envelope bytes."""
    eph = X25519PrivateKey.generate()
    eph_pub = raw_public(eph.public_key())
    shared = eph.exchange(X25519PublicKey.from_public_bytes(platform_enc_pub))
    nonce = os.urandom(12)
    h = Header(
        device=header.device,
        batch_id=header.batch_id,
        seq=header.seq,
        prev_hash=header.prev_hash,
        key_id=header.key_id,
        count=header.count,
        eph=b64e(eph_pub),
        nonce=b64e(nonce),
    )
    hb = h.to_bytes()
    ct = AESGCM(_content_key(shared, eph_pub, platform_enc_pub, h.suite)).encrypt(nonce, plaintext, hb)
    signed = MAGIC + struct.pack(">I", len(hb)) + hb + struct.pack(">I", len(ct)) + ct
    return signed + device_key.sign(signed)


def parse(envelope: bytes) -> Parsed:
    """Split an envelope into its parts without trusting any of them."""
    if len(envelope) < 4 + 4 + 4 + SIG_LEN or envelope[:4] != MAGIC:
        raise EnvelopeError(
            "malformed", QT_TRANSLATE_NOOP("platform", "this is not a sealed batch (bad magic or too short)")
        )
    (hlen,) = struct.unpack(">I", envelope[4:8])
    if hlen > MAX_HEADER or 8 + hlen + 4 > len(envelope):
        raise EnvelopeError(
            "truncated", QT_TRANSLATE_NOOP("platform", "the batch is truncated (header length runs past the end)")
        )
    hb = envelope[8 : 8 + hlen]
    (clen,) = struct.unpack(">I", envelope[8 + hlen : 12 + hlen])
    end = 12 + hlen + clen
    if end + SIG_LEN != len(envelope):
        raise EnvelopeError(
            "truncated",
            QT_TRANSLATE_NOOP("platform", "the batch length does not match its declared sizes (truncated or padded)"),
        )
    header = Header.from_bytes(hb)
    if header.format != FORMAT:
        raise EnvelopeError("unsupported", QT_TRANSLATE_NOOP("platform", "unsupported batch format {format}").format(
            format=repr(header.format)))
    if header.suite not in SUPPORTED_SUITES:
        raise EnvelopeError("unsupported", QT_TRANSLATE_NOOP("platform", "unsupported algorithm suite {suite}").format(
            suite=repr(header.suite)))
    return Parsed(header, hb, envelope[12 + hlen : end], envelope[end:], envelope[:end])


def verify(parsed: Parsed, device_sign_pub: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(device_sign_pub).verify(parsed.signature, parsed.signed)
    except InvalidSignature as exc:
        raise EnvelopeError(
            "bad_signature", QT_TRANSLATE_NOOP("platform", "the device signature does not match the batch")
        ) from exc


def decrypt(parsed: Parsed, platform_enc_key: X25519PrivateKey) -> bytes:
    platform_pub = raw_public(platform_enc_key.public_key())
    if parsed.header.key_id != key_id_of(platform_pub):
        raise EnvelopeError("unknown_key", QT_TRANSLATE_NOOP(
            "platform", "the batch is sealed to platform key {key}, not ours").format(key=parsed.header.key_id))
    try:
        eph_pub = b64d(parsed.header.eph)
        nonce = b64d(parsed.header.nonce)
        shared = platform_enc_key.exchange(X25519PublicKey.from_public_bytes(eph_pub))
        key = _content_key(shared, eph_pub, platform_pub, parsed.header.suite)
        return AESGCM(key).decrypt(nonce, parsed.ciphertext, parsed.header_bytes)
    except (InvalidTag, ValueError) as exc:
        raise EnvelopeError(
            "decrypt_failed", QT_TRANSLATE_NOOP("platform", "the batch could not be decrypted with the platform key")
        ) from exc


def open_envelope(
    envelope: bytes, *, device_sign_pub: bytes, platform_enc_key: X25519PrivateKey
) -> tuple[Header, bytes]:
    """Parse, verify the device signature, then decrypt. Raises EnvelopeError with a reason."""
    parsed = parse(envelope)
    verify(parsed, device_sign_pub)
    return parsed.header, decrypt(parsed, platform_enc_key)


# ---- receipts ----------------------------------------------------------------------------------
RECEIPT_FIELDS = ("device", "batch_id", "seq", "envelope_hash", "server_time")


def sign_receipt(body: dict[str, Any], platform_sign_key: Ed25519PrivateKey) -> dict[str, Any]:
    return {"body": body, "sig": b64e(platform_sign_key.sign(canonical(body)))}


def verify_receipt(receipt: dict[str, Any], platform_sign_pub: bytes) -> dict[str, Any]:
    """Check the platform's signature on a receipt; returns its body."""
    try:
        body = receipt["body"]
        sig = b64d(receipt["sig"])
        Ed25519PublicKey.from_public_bytes(platform_sign_pub).verify(sig, canonical(body))
    except (KeyError, TypeError, ValueError, InvalidSignature) as exc:
        raise EnvelopeError(
            "bad_receipt", QT_TRANSLATE_NOOP("platform", "the platform's receipt signature does not verify")
        ) from exc
    if not isinstance(body, dict) or any(f not in body for f in RECEIPT_FIELDS):
        raise EnvelopeError("bad_receipt", QT_TRANSLATE_NOOP("platform", "the receipt lacks required fields"))
    return body
