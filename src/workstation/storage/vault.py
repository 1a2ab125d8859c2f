"""The key vault: a random master secret, stored only wrapped, beside the database.

Key hierarchy (see docs/security.md):

    master secret (64 random bytes, never on disk in plaintext; rekey replaces all 64)
      ├─ first half  → HKDF "sqlcipher-db" → raw SQLCipher key (PRAGMA key = x'…')
      └─ second half → HKDF "audit-mac"             → HMAC key of the audit chain and its anchor
                     → HKDF "fingerprint-templates" → AES-GCM key for fingerprint templates
                     → HKDF "sync-device-keys"      → AES-GCM key wrapping the sync device key
    The subkeys are not derivable from the SQLCipher key, so whoever holds only the database key
    cannot forge audit rows. Every value sealed under a subkey is listed in `SEALED`, which
    `station.rekey` re-seals under the new master (a test checks that no subkey label escapes it).

The key file (``<db>.keys``, JSON) holds the master secret wrapped with AES-256-GCM by
(a) a key-encryption key kept in the OS keyring and (b) a key derived from the station recovery
passphrase with Argon2id. A missing or changed keyring falls back to the passphrase, never to
plaintext; after a passphrase unlock the keyring entry is re-created. The file is written
atomically and privately (`files.write_atomic`) and the last good copy is kept as
``<db>.keys.bak``. A missing, unreadable or mistyped key file (checked against a schema) raises
`KeyFileDamaged`, naming the file and what to do.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import secrets
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import keyring
import keyring.backend
import keyring.errors
import pydantic
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from workstation.files import write_atomic
from workstation.i18n import QT_TRANSLATE_NOOP, Text
from workstation.storage.errors import KeyFileDamaged, KeyringUnavailable, WrongKey

KEYRING_SERVICE = "police-room-workstation"
KEYFILE_VERSION = 1
PASSPHRASE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105  # no 0/O, 1/I


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters. The defaults take ≈0.5–1 s on a slow desk PC."""

    time_cost: int = 3
    memory_kib: int = 128 * 1024
    parallelism: int = 2

    @classmethod
    def fast_for_tests(cls) -> KdfParams:
        return cls(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _hkdf(secret: bytes, label: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label.encode()).derive(secret)


def db_key_of(master: bytes) -> bytes:
    """The raw SQLCipher key: from the first half of the master, which `rekey` rotates."""
    return _hkdf(master[:32], "sqlcipher-db")


def derive_subkey(master: bytes, label: str) -> bytes:
    """Audit MAC, fingerprint and sync keys: from the second half, which survives a rekey (old audit
    rows keep verifying, old templates keep decrypting)."""
    return _hkdf(master[32:], label)


def rotated_master(master: bytes) -> bytes:
    """A new master for rekey: all 64 bytes fresh, so the database key and every subkey rotate
    (the values sealed under the old subkeys are re-sealed, see `SEALED`)."""
    new = os.urandom(64)
    assert new[:32] != master[:32] and new[32:] != master[32:]
    return new


@dataclass(frozen=True)
class Sealed:
    """A column holding AES-GCM blobs (12-byte nonce ‖ ciphertext) under ``subkey(label)``, with
    the associated data taken from column `aad_column` or the constant `aad`."""

    table: str
    column: str
    label: str
    aad_column: str | None = None
    aad: bytes = b""


SEALED: tuple[Sealed, ...] = (
    Sealed("fingerprint", "template_enc", "fingerprint-templates", aad_column="person_id"),
    Sealed("fingerprint", "image_enc", "fingerprint-templates", aad_column="person_id"),
    Sealed("sync_device", "sign_priv_wrapped", "sync-device-keys", aad=b"sync-device-sign"),
)
# Subkeys that seal nothing stored: "audit-mac" (MACs, re-computed by rekey).
SUBKEY_LABELS = frozenset({s.label for s in SEALED} | {"audit-mac"})


def reseal(blob: bytes, old_key: bytes, new_key: bytes, aad: bytes) -> bytes:
    """Decrypt under the old subkey, encrypt under the new one (fresh nonce)."""
    plain = AESGCM(old_key).decrypt(blob[:12], blob[12:], aad)
    nonce = os.urandom(12)
    return nonce + AESGCM(new_key).encrypt(nonce, plain, aad)


def new_recovery_passphrase() -> str:
    """Six groups of five characters from a 32-symbol alphabet: 150 bits, easy to read aloud."""
    chars = "".join(secrets.choice(PASSPHRASE_ALPHABET) for _ in range(30))
    return "-".join(chars[i : i + 5] for i in range(0, 30, 5))


def normalise_passphrase(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def default_keyring_backend() -> keyring.backend.KeyringBackend:
    """Choose the backend in code, so a user-writable keyringrc.cfg cannot redirect it."""
    try:
        if sys.platform == "win32":
            from keyring.backends import Windows

            backend: keyring.backend.KeyringBackend = Windows.WinVaultKeyring()  # type: ignore[no-untyped-call,unused-ignore]
            # Local-machine persistence: the key must not roam with the profile.
            with contextlib.suppress(AttributeError):
                backend.persist = 2  # type: ignore[attr-defined]  # CRED_PERSIST_LOCAL_MACHINE
            return backend
        if sys.platform == "darwin":
            from keyring.backends import macOS

            return macOS.Keyring()  # type: ignore[no-untyped-call,unused-ignore]
        from keyring.backends import SecretService

        ss = SecretService.Keyring()  # type: ignore[no-untyped-call]
        ss.priority  # raises if no D-Bus session / Secret Service  # noqa: B018
        return ss
    except Exception:
        from keyring.backends import fail

        return fail.Keyring()  # type: ignore[no-untyped-call]


def _wrap(kek: bytes, secret: bytes, aad: bytes) -> dict[str, str]:
    nonce = os.urandom(12)
    return {"nonce": b64(nonce), "ct": b64(AESGCM(kek).encrypt(nonce, secret, aad))}


def _unwrap(kek: bytes, blob: dict[str, str], aad: bytes) -> bytes:
    return AESGCM(kek).decrypt(unb64(blob["nonce"]), unb64(blob["ct"]), aad)


def _passphrase_kek(passphrase: str, salt: bytes, p: KdfParams) -> bytes:
    return hash_secret_raw(
        normalise_passphrase(passphrase).encode(),
        salt,
        time_cost=p.time_cost,
        memory_cost=p.memory_kib,
        parallelism=p.parallelism,
        hash_len=32,
        type=Type.ID,
    )


class _Strict(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(strict=True, extra="allow")


class _Wrap(_Strict):
    nonce: str = pydantic.Field(min_length=16, max_length=16)  # 12 bytes, base64
    ct: str = pydantic.Field(min_length=4, max_length=4096)


class _PassphraseWrap(_Wrap):
    kdf: Literal["argon2id"]
    salt: str = pydantic.Field(min_length=4, max_length=128)
    time_cost: int = pydantic.Field(ge=1, le=64)
    memory_kib: int = pydantic.Field(ge=8, le=4 * 1024 * 1024)  # bounded: a crafted file cannot ask for 1 TB
    parallelism: int = pydantic.Field(ge=1, le=64)


class _KeyringWrap(_Wrap):
    service: str


class _Wrapped(_Strict):
    passphrase: _PassphraseWrap
    keyring: _KeyringWrap | None = None


class _KeyFile(_Strict):
    """The key file's schema: a file that does not fit it is reported as damaged, not traced back."""

    version: Literal[1]
    key_id: str = pydantic.Field(min_length=1, max_length=64)
    wrapped: _Wrapped


def _parse_keyfile(path: Path) -> dict[str, Any] | None:
    """The document if `path` is a readable key file of a known version, else None."""
    try:
        raw = path.read_bytes()
        _KeyFile.model_validate_json(raw)
        doc: dict[str, Any] = json.loads(raw)
    except (OSError, ValueError, pydantic.ValidationError):
        return None
    return doc


def key_id_of(path: Path) -> str | None:
    doc = _parse_keyfile(path)
    return None if doc is None else str(doc["key_id"])


class KeyVault:
    """Reads and writes the key file of one database."""

    def __init__(self, keyfile: Path, *, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self.keyfile = keyfile
        self.backend = backend if backend is not None else default_keyring_backend()

    # ---- creation --------------------------------------------------------------------------
    def create(self, *, passphrase: str, kdf: KdfParams | None = None) -> bytes:
        """Make a new master secret, wrap it both ways, write the key file. Returns the master."""
        if self.keyfile.exists():
            raise FileExistsError(f"{self.keyfile} already exists; refusing to overwrite a key file")
        master = os.urandom(64)
        key_id = str(uuid.uuid4())
        doc: dict[str, Any] = {"version": KEYFILE_VERSION, "key_id": key_id, "wrapped": {}}
        self._add_passphrase_wrap(doc, master, passphrase, kdf or KdfParams())
        self._add_keyring_wrap(doc, master, required=False)
        write_atomic(self.keyfile, json.dumps(doc, indent=1).encode())
        return master

    def _aad(self, doc: dict[str, Any], method: str) -> bytes:
        return f"workstation-keyfile/{doc['version']}/{doc['key_id']}/{method}".encode()

    def _add_passphrase_wrap(self, doc: dict[str, Any], master: bytes, passphrase: str, p: KdfParams) -> None:
        salt = os.urandom(16)
        kek = _passphrase_kek(passphrase, salt, p)
        doc["wrapped"]["passphrase"] = {
            "kdf": "argon2id",
            "salt": b64(salt),
            "time_cost": p.time_cost,
            "memory_kib": p.memory_kib,
            "parallelism": p.parallelism,
            **_wrap(kek, master, self._aad(doc, "passphrase")),
        }

    def _add_keyring_wrap(self, doc: dict[str, Any], master: bytes, *, required: bool) -> bool:
        kek = os.urandom(32)
        try:
            self.backend.set_password(KEYRING_SERVICE, doc["key_id"], b64(kek))
        except (keyring.errors.KeyringError, RuntimeError) as exc:
            doc["wrapped"].pop("keyring", None)
            if required:
                raise KeyringUnavailable(str(exc)) from exc
            return False
        doc["wrapped"]["keyring"] = {"service": KEYRING_SERVICE, **_wrap(kek, master, self._aad(doc, "keyring"))}
        return True

    # ---- unlock ----------------------------------------------------------------------------
    @property
    def backup_keyfile(self) -> Path:
        return self.keyfile.with_name(self.keyfile.name + ".bak")

    def _load(self) -> dict[str, Any]:
        """The key file, else its last good copy. Raises `KeyFileDamaged` naming the file."""
        self._loaded_from: Path | None = None
        found = False
        for candidate in (self.keyfile, self.backup_keyfile):
            doc = _parse_keyfile(candidate)
            if doc is not None:
                self._loaded_from = candidate
                return doc
            found = found or candidate.exists()
        if not found:
            raise KeyFileDamaged(str(self.keyfile), QT_TRANSLATE_NOOP("storage", "the key file is missing"))
        raise KeyFileDamaged(
            str(self.keyfile),
            QT_TRANSLATE_NOOP("storage", "the key file is damaged (it is not a workstation key file)"),
        )

    def unlock_with_keyring(self) -> bytes:
        doc = self._load()
        blob = doc["wrapped"].get("keyring")
        if blob is None:
            raise KeyringUnavailable("this station has no keyring entry yet")
        try:
            stored = self.backend.get_password(KEYRING_SERVICE, doc["key_id"])
        except (keyring.errors.KeyringError, RuntimeError) as exc:
            raise KeyringUnavailable(str(exc)) from exc
        if stored is None:
            raise KeyringUnavailable("the keyring entry is missing")
        try:
            return _unwrap(unb64(stored), blob, self._aad(doc, "keyring"))
        except (InvalidTag, ValueError, binascii.Error) as exc:
            raise KeyringUnavailable("the keyring entry does not match this station") from exc

    def unlock_with_passphrase(self, passphrase: str, *, restore_keyring: bool = True) -> bytes:
        doc = self._load()
        w = doc["wrapped"]["passphrase"]
        p = KdfParams(w["time_cost"], w["memory_kib"], w["parallelism"])
        try:
            kek = _passphrase_kek(passphrase, unb64(w["salt"]), p)
            master = _unwrap(kek, w, self._aad(doc, "passphrase"))
        except InvalidTag as exc:
            raise WrongKey("passphrase") from exc
        except (ValueError, binascii.Error) as exc:  # bad base64, wrong nonce length, argon2 limits
            raise KeyFileDamaged(
                str(self._loaded_from or self.keyfile),
                QT_TRANSLATE_NOOP("storage", "the key file is damaged (a wrapped key cannot be read)"),
            ) from exc
        if len(master) != 64:
            raise KeyFileDamaged(
                str(self.keyfile), QT_TRANSLATE_NOOP("storage", "the key file holds a key of the wrong size")
            )
        if restore_keyring:
            self.restore_keyring(master)
        return master

    def unlock(self, passphrase: str | None = None, *, restore_keyring: bool = True) -> tuple[bytes, str]:
        """Keyring first; else the passphrase (then the keyring entry is re-created unless
        `restore_keyring` is False). Returns (master, method used)."""
        try:
            return self.unlock_with_keyring(), "keyring"
        except KeyringUnavailable:
            if passphrase is None:
                raise
        return self.unlock_with_passphrase(passphrase, restore_keyring=restore_keyring), "passphrase"

    def restore_keyring(self, master: bytes) -> bool:
        """Re-create the keyring entry (after the keyring vanished or changed). False if impossible,
        or when the key file itself is damaged (only its last good copy was readable: then nothing
        is written, so the damaged file is left as it was for an inspection)."""
        doc = self._load()
        if self._loaded_from != self.keyfile:
            return False
        if not self._add_keyring_wrap(doc, master, required=False):
            return False
        self._save(doc)
        return True

    def change_passphrase(self, master: bytes, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        doc = self._load()
        self._add_passphrase_wrap(doc, master, new_passphrase, kdf or KdfParams())
        self._save(doc)

    def rewrap(self, new_master: bytes, passphrase: str, kdf: KdfParams | None = None) -> dict[str, Any]:
        """A key-file document for a new master (rekey); the caller writes it at the right moment."""
        doc: dict[str, Any] = {"version": KEYFILE_VERSION, "key_id": str(uuid.uuid4()), "wrapped": {}}
        self._add_passphrase_wrap(doc, new_master, passphrase, kdf or KdfParams())
        self._add_keyring_wrap(doc, new_master, required=False)
        return doc

    def _save(self, doc: dict[str, Any]) -> None:
        if _parse_keyfile(self.keyfile) is not None:  # never let a damaged file replace the good copy
            write_atomic(self.backup_keyfile, self.keyfile.read_bytes())
        write_atomic(self.keyfile, json.dumps(doc, indent=1).encode())

    def forget_keyring_entry(self, key_id: str) -> None:
        """Delete the keyring entry of a retired key file (after rekey or restore); best effort."""
        with contextlib.suppress(keyring.errors.KeyringError, RuntimeError):
            self.backend.delete_password(KEYRING_SERVICE, key_id)

    def save_document(self, doc: dict[str, Any]) -> None:
        self._save(doc)

    @property
    def backend_name(self) -> str:
        b = self.backend
        return f"{type(b).__module__}.{type(b).__name__}"


_NO_KEYRING = QT_TRANSLATE_NOOP("keys", "none (no keyring service: the recovery passphrase is the everyday key)")
_DESKTOP_KEYRING = QT_TRANSLATE_NOOP("keys", "the desktop's keyring service")
#: `KeyVault.backend_name` → what it is, in words (marked): ``workstation-admin status`` and ``unlock``.
BACKEND_LABELS: dict[str, Text] = {
    "keyring.backends.fail.Keyring": _NO_KEYRING,
    "keyring.backends.null.Keyring": _NO_KEYRING,
    "keyring.backends.SecretService.Keyring": _DESKTOP_KEYRING,
    "keyring.backends.libsecret.Keyring": _DESKTOP_KEYRING,
    "keyring.backends.kwallet.DBusKeyring": _DESKTOP_KEYRING,
    "keyring.backends.Windows.WinVaultKeyring": QT_TRANSLATE_NOOP("keys", "the Windows Credential Manager"),
    "keyring.backends.chainer.ChainerBackend": QT_TRANSLATE_NOOP("keys", "the system keyring"),
}
_OTHER_BACKEND = QT_TRANSLATE_NOOP("keys", "another keyring ({name})")


def backend_label(name: str) -> str:
    """`KeyVault.backend_name` in words, marked (render it): "none (…)" for the keyring library's
    stand-in when no service answers; a backend not listed in `BACKEND_LABELS` keeps its name."""
    return BACKEND_LABELS.get(name) or _OTHER_BACKEND.format(name=name)
