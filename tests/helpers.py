"""Shared test helpers (importable from tests as `helpers`)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import keyring.backend
from argon2 import PasswordHasher

from workstation.domain.enums import Role
from workstation.storage import operators, station
from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.storage.vault import KdfParams

operators.set_password_hasher(PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))

ADMIN_PASSWORD = "admin-pass-1"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A real keyring backend that keeps entries in memory (stands in for the OS store)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


@dataclass
class StationFixture:
    data_dir: Path
    db: Database
    passphrase: str
    admin: Actor
    keyring: MemoryKeyring | None

    def actor(self, role: Role, username: str | None = None) -> Actor:
        username = username or f"{role.value}1"
        operators.create_operator(
            self.db, self.admin, username=username, display_name=username, role=role, password="password-" + username
        )
        return operators.authenticate(self.db, username, "password-" + username)


def make_station(
    data_dir: Path, *, backend: keyring.backend.KeyringBackend | None = None, demo: bool = False
) -> StationFixture:
    """A station with a fast KDF and the admin logged in; `demo` creates a demo station (the only kind
    `storage.demo.generate` fills)."""
    res = station.init_station(
        data_dir,
        station_code="440305001",
        station_name="测试警务室",
        admin_username="admin",
        admin_password=ADMIN_PASSWORD,
        use_keyring=backend is not None,
        backend=backend,
        kdf=KdfParams.fast_for_tests(),
        demo=demo,
    )
    admin = operators.authenticate(res.database, "admin", ADMIN_PASSWORD)
    kr = backend if isinstance(backend, MemoryKeyring) else None
    return StationFixture(Path(data_dir), res.database, res.recovery_passphrase, admin, kr)


def file_digests(data_dir: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(data_dir).iterdir()) if p.is_file()}


# ---- one language throughout: what counts as English pasted into Chinese --------------------------
# Words that stay in Latin letters inside Chinese text: device and protocol names, file formats,
# units, command names (in backticks), codes. Anything else is English pasted into Chinese.
# fmt: off
LATIN_ALLOWED = {
    "ID", "SAM", "MRZ", "USB", "WLT", "CA", "PEM", "OK", "U", "s", "ms", "dpi", "Windows", "Linux",
    "N", "x", "X", "COM", "CHN", "GBR", "UTO", "PIN", "QR", "Wi", "Fi", "JSON", "ZFM", "UART", "TTL", "Flash",
    "Enter", "Esc", "Tab",  # keys named in the desktop app
    "ISO", "IEC",  # ISO/IEC 19794-2 finger positions
    "ICAO", "D", "XXA", "UNO",  # ICAO 9303 codes
    "V",  # SAM_V, the security module
    "SQLite", "HTTP", "MB",  # MB: a file's size
    "C", "F", "G", "J", "L", "M", "Q", "R", "S", "Z",  # visa categories (C, J1, Q2, …) as printed in a visa
    "Python", "Qt", "PySide", "SQLCipher",  # the About box's version lines
    "PDF", "pdf",  # the visit sheet's file format ("*.pdf"); a grid code's letter (G01) is listed above
    "TD", "MRV-A", "MRV-B",  # ICAO 9303 document formats (TD1, TD2, MRV-A)
    "SHA-", "IP", "https",  # SHA-256 fingerprints, IP addresses, https:// addresses
    "A",  # character ranges: hexadecimal digits 0–9 and A–F, letters A–Z (F and Z are listed above)
    "TCP", "TLS", "HTTPS", "URL", "UTF-", "ASCII", "NUL", "OpenAPI", "HMAC", "MAC", "UTC",  # protocols, codes, times
}
# fmt: on


def english_words(text: str, allowed: Iterable[str] = ()) -> set[str]:
    """The words of `text` that are English pasted into a Chinese text: Latin-letter words other than
    `LATIN_ALLOWED` and `allowed`, once what is typed as it is has been taken out (placeholders,
    `backticked` or “quoted” commands, options, file names and paths, environment variables, markup, argparse's
    ``%(name)s`` placeholders)."""
    stripped = re.sub(r"\{[^}]*\}|`[^`]*`|“[\x00-\x7f]*”|0x[0-9A-Fa-f]+|[A-Za-z]:\\\S*|/\S+", " ", text)
    # command lines, options and file names stay as they are typed: `workstation-admin audit verify`,
    # --replace-enrollment, BACKUP.json
    stripped = re.sub(r"\bworkstation(?:-\w+)?(?: [a-z][a-z-]*)*|--[\w-]+|\b[\w-]+(?:\.[\w-]+)+", " ", stripped)
    stripped = re.sub(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b", " ", stripped)  # environment variables
    # the desktop app's markup: rich-text tags (<b>), menu mnemonics ("保存(&S)"), shortcuts (Ctrl+F, F2)
    stripped = re.sub(r"<[^>]*>|\(&[A-Za-z]\)|(?:Ctrl|Alt|Shift)\+\w*|\bF\d{1,2}\b", " ", stripped)
    stripped = re.sub(r"%\(\w+\)[sdr]|%[sdrn]|%\d+", " ", stripped)  # argparse (%(prog)s), Qt (%n, %1)
    return set(re.findall(r"[A-Za-z][A-Za-z'-]*", stripped)) - LATIN_ALLOWED - set(allowed)
