"""What an administrator checks before enrolling with the platform: its address and its CA certificate.

Enrollment (`sync.client.enroll`) pins the platform's own CA: every later connection trusts that
certificate and nothing else. So before anything is sent, the administrator compares the CA's
SHA-256 fingerprint with the one the platform team gave with the one-time code (printed by
``workstation-central enroll-code``). `read_ca_certificate` reads a CA file and gives that
fingerprint; `check_platform_url` and `check_fingerprint` refuse bad input in words. The console's
``workstation sync --enroll`` and the desktop app's Administration page use the same checks.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workstation.errors import Problem, ValidationError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.sync import envelope as env

MAX_CA_BYTES = 1 << 20  # a CA certificate is a few KB; anything larger is not one
_HOSTNAME = re.compile(r"^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$")


@dataclass(frozen=True)
class CaCertificate:
    """A platform CA read from a file: its PEM text (what `enroll` pins), the SHA-256 of its DER bytes
    (64 lowercase hex digits), its subject (RFC 4514 text) and validity (UTC, naive)."""

    pem: str
    sha256: str
    subject: str
    not_before: datetime
    not_after: datetime

    @property
    def fingerprint_groups(self) -> str:
        """The fingerprint as it is read aloud: upper-case pairs separated by colons."""
        return format_fingerprint(self.sha256)


def format_fingerprint(hex_digits: str) -> str:
    """"ab12…" → "AB:12:…" (the form `workstation-central enroll-code` and browsers print)."""
    h = hex_digits.replace(":", "").upper()
    return ":".join(h[i : i + 2] for i in range(0, len(h), 2))


def _bad(field: str, text: str) -> ValidationError:
    return ValidationError([Problem(field, "invalid", text)])


def check_platform_url(url: str, *, field: str = "url") -> str:
    """The platform's address, stripped: ``https://`` with a host name or IP address and an optional
    port 1–65535. Raises ValidationError naming `field`."""
    from urllib.parse import urlsplit

    url = url.strip()
    if not url:
        raise ValidationError(
            [Problem(field, "required", QT_TRANSLATE_NOOP("sync", "the platform's address is required"))]
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        port, parts = -1, None
    if parts is None or port == 0 or port == -1 or parts.scheme != "https" or not parts.hostname:
        raise _bad(
            field,
            QT_TRANSLATE_NOOP("sync", "give the platform's https:// address, e.g. https://platform.example:8443"),
        )
    host = parts.hostname
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not _HOSTNAME.match(host):
            raise _bad(field, QT_TRANSLATE_NOOP("sync", "{host} is neither a host name nor an IP address").format(
                host=host)) from None
    return url


def check_fingerprint(value: str, *, field: str = "fingerprint") -> str:
    """A SHA-256 fingerprint as typed (colons, spaces allowed) → 64 lowercase hex digits. Raises
    ValidationError naming `field`."""
    digits = "".join(c for c in value if c not in ": \t").lower()
    if len(digits) != 64 or any(c not in "0123456789abcdef" for c in digits):
        raise _bad(field, QT_TRANSLATE_NOOP("sync", "a SHA-256 fingerprint has 64 hexadecimal digits (0–9, A–F)"))
    return digits


def read_ca_certificate(path: Path | str, *, field: str = "ca_file") -> CaCertificate:
    """Read the platform's CA certificate (PEM) from `path`. Raises ValidationError naming `field`
    when the file is missing, unreadable, too large or holds no PEM certificate."""
    from cryptography import x509

    p = Path(path)
    if not str(path).strip():
        raise ValidationError(
            [Problem(field, "required", QT_TRANSLATE_NOOP("sync", "choose the platform's CA certificate file"))]
        )
    try:
        if p.is_dir():
            raise _bad(field, QT_TRANSLATE_NOOP("sync", "{path} is a folder, not a certificate file").format(path=p))
        if p.stat().st_size > MAX_CA_BYTES:
            raise _bad(field, QT_TRANSLATE_NOOP("sync", "{path} is too large to be a certificate").format(path=p))
        data = p.read_bytes()
    except FileNotFoundError:
        raise _bad(field, QT_TRANSLATE_NOOP("sync", "there is no file {path}").format(path=p)) from None
    except OSError as exc:
        raise _bad(
            field,
            QT_TRANSLATE_NOOP("sync", "{path} cannot be read ({reason})").format(path=p, reason=exc.strerror or exc),
        ) from None
    try:
        cert = x509.load_pem_x509_certificate(data)
        pem = data.decode("ascii")
    except (ValueError, UnicodeDecodeError):
        raise _bad(
            field,
            QT_TRANSLATE_NOOP(
                "sync", "{path} is not a PEM certificate (it should start with `-----BEGIN CERTIFICATE-----`)"
            ).format(path=p),
        ) from None
    return CaCertificate(
        pem=pem,
        sha256=env.ca_fingerprint(data),
        subject=cert.subject.rfc4514_string(),
        not_before=cert.not_valid_before_utc.replace(tzinfo=None),
        not_after=cert.not_valid_after_utc.replace(tzinfo=None),
    )


def check_one_time_code(code: str, *, field: str = "code") -> str:
    """The one-time enrollment code as read out (spaces, dashes and case do not matter) → its letters
    and digits, upper case. Raises ValidationError naming `field` when it is empty or too long."""
    typed = "".join(ch for ch in code if ch.isalnum()).upper()
    if not typed:
        raise ValidationError(
            [Problem(field, "required", QT_TRANSLATE_NOOP("sync", "type the one-time code the platform gave you"))]
        )
    if len(typed) > 64 or not typed.isascii():
        raise _bad(field, QT_TRANSLATE_NOOP("sync", "a one-time code has at most 64 letters and digits (A–Z, 0–9)"))
    return typed


def check_station_code(value: str, *, field: str = "station_code") -> str:
    """A station code: 1–32 ASCII letters, digits, '-' or '_' (stripped). Raises ValidationError."""
    value = value.strip()
    if not value or len(value) > 32 or not all(c.isascii() and (c.isalnum() or c in "-_") for c in value):
        raise _bad(field, QT_TRANSLATE_NOOP("sync", "a station code has 1–32 letters A–Z, digits, - or _"))
    return value
