"""Shared test helpers (importable from tests as `helpers`)."""

from __future__ import annotations

import hashlib
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
