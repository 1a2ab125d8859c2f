"""A station's data directory: create it, unlock it, rekey it, back it up.

Layout of a data directory::

    workstation.db        SQLCipher database (+ -wal, -shm while open)
    workstation.db.keys   the wrapped master secret (JSON); .bak is the last good copy
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import keyring.backend
from platformdirs import user_data_dir
from sqlalchemy import select

from workstation.domain.enums import Role
from workstation.storage import audit
from workstation.storage.db import Database, connect_raw
from workstation.storage.errors import DatabaseMissing, WrongKey
from workstation.storage.operators import Actor, create_operator
from workstation.storage.schema import Station
from workstation.storage.vault import (
    KdfParams,
    KeyVault,
    db_key_of,
    new_recovery_passphrase,
    rotated_master,
    write_atomic,
)

DB_NAME = "workstation.db"


def default_data_dir() -> Path:
    env = os.environ.get("WORKSTATION_DATA_DIR")
    return Path(env) if env else Path(user_data_dir("police-room-workstation", appauthor=False))


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / DB_NAME


def keyfile_path(data_dir: Path) -> Path:
    return Path(data_dir) / (DB_NAME + ".keys")


@dataclass
class InitResult:
    database: Database
    recovery_passphrase: str
    station_id: str
    keyring_used: bool


def init_station(
    data_dir: Path,
    *,
    station_code: str,
    station_name: str,
    admin_username: str,
    admin_password: str,
    use_keyring: bool = True,
    backend: keyring.backend.KeyringBackend | None = None,
    kdf: KdfParams | None = None,
    passphrase: str | None = None,
    demo: bool = False,
) -> InitResult:
    """New station: keys, database, schema, station row, first admin. Shows the passphrase once.
    `demo` marks a demo station (for training; the only kind that accepts synthetic data)."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    if db_path(data_dir).exists() or keyfile_path(data_dir).exists():
        raise FileExistsError(f"{data_dir} already holds a workstation database")
    if not use_keyring:
        from keyring.backends import fail

        backend = fail.Keyring()  # type: ignore[no-untyped-call]
    vault = KeyVault(keyfile_path(data_dir), backend=backend)
    passphrase = passphrase or new_recovery_passphrase()
    master = vault.create(passphrase=passphrase, kdf=kdf)
    db = Database.open(db_path(data_dir), master, create=True)
    with db.write() as s:
        st = Station(code=station_code, name=station_name, demo=demo)
        s.add(st)
        s.flush()
        audit.record(
            s,
            actor="init",
            action="station.init",
            target_type="station",
            target_id=st.id,
            details=f"{station_code} {station_name}; key backend {vault.backend_name}"
            + ("; demo station" if demo else ""),
        )
        station_id = st.id
    create_operator(
        db, None, username=admin_username, display_name=admin_username, role=Role.ADMIN, password=admin_password
    )
    keyring_used = "keyring" in json.loads(keyfile_path(data_dir).read_text())["wrapped"]
    return InitResult(db, passphrase, station_id, keyring_used)


def unlock(
    data_dir: Path,
    *,
    passphrase: str | None = None,
    backend: keyring.backend.KeyringBackend | None = None,
) -> tuple[Database, str]:
    """Open a station's database: keyring first, else the recovery passphrase (the keyring entry is
    then re-created). Finishes an interrupted rekey. Returns (database, method)."""
    data_dir = Path(data_dir)
    _recover_rekey(data_dir, backend)
    if not db_path(data_dir).exists():
        raise DatabaseMissing(str(db_path(data_dir)))
    vault = KeyVault(keyfile_path(data_dir), backend=backend)
    master, method = vault.unlock(passphrase)
    db = Database.open(db_path(data_dir), master)
    with db.write() as s:
        audit.record(s, actor="system", action="database.unlock", details=f"via {method}")
    return db, method


def station_of(db: Database) -> Station:
    with db.read() as s:
        return s.execute(select(Station)).scalar_one()


# ---- rekey ----------------------------------------------------------------------------------
def rekey(
    db: Database,
    data_dir: Path,
    actor: Actor,
    *,
    passphrase: str,
    backend: keyring.backend.KeyringBackend | None = None,
    kdf: KdfParams | None = None,
) -> str:
    """New master secret: export to a new file, fsync, swap atomically. Survives a kill at any point.

    Steps: (1) write ``workstation.db.new`` with sqlcipher_export under the new key and fsync it;
    (2) write the new key file as ``.keys.new``; (3) rename db.new over db; (4) rename keys.new
    over keys. `unlock` repairs a kill between any two steps (see `_recover_rekey`). Returns the new
    recovery passphrase (the old one stops working). Closes `db`; reopen with `unlock`.
    """
    from workstation.domain.permissions import Permission, require

    require(actor.role, Permission.MANAGE_SETTINGS)
    data_dir = Path(data_dir)
    new_pass = new_recovery_passphrase()
    vault = KeyVault(keyfile_path(data_dir), backend=backend)
    # the passphrase given must open the current key file: proof of authority over the keys
    new_master = rotated_master(vault.unlock_with_passphrase(passphrase, restore_keyring=False))
    with db.write() as s:
        audit.record(s, actor=actor.username, action="database.rekey", details="new master key")
    new_db = data_dir / (DB_NAME + ".new")
    with contextlib.suppress(FileNotFoundError):
        new_db.unlink()
    conn = db.raw_connection()
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        new_key = db_key_of(new_master).hex()
        conn.execute(f"ATTACH DATABASE '{new_db}' AS rekeyed KEY \"x'{new_key}'\"")
        conn.execute("SELECT sqlcipher_export('rekeyed')")
        conn.execute("DETACH DATABASE rekeyed")
    finally:
        conn.close()
    db.close()
    _fsync(new_db)
    doc = vault.rewrap(new_master, new_pass, kdf)
    keys_new = keyfile_path(data_dir).with_name(keyfile_path(data_dir).name + ".new")
    write_atomic(keys_new, json.dumps(doc, indent=1).encode())
    _finish_swap(data_dir)
    return new_pass


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _finish_swap(data_dir: Path) -> None:
    db, keys = db_path(data_dir), keyfile_path(data_dir)
    new_db, keys_new = data_dir / (DB_NAME + ".new"), keys.with_name(keys.name + ".new")
    if new_db.exists():
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(db) + suffix).unlink()
        os.replace(new_db, db)
    if keys_new.exists():
        if keys.exists():
            write_atomic(keys.with_name(keys.name + ".bak"), keys.read_bytes())
        os.replace(keys_new, keys)
    if os.name != "nt":
        _fsync(data_dir)


def _recover_rekey(data_dir: Path, backend: keyring.backend.KeyringBackend | None) -> None:
    """After a kill during rekey: if keys.new exists the db.new copy was complete (it is written
    and fsynced first), so finish the swap; if only db.new exists, the rekey never committed: drop it."""
    keys = keyfile_path(data_dir)
    keys_new = keys.with_name(keys.name + ".new")
    new_db = data_dir / (DB_NAME + ".new")
    if keys_new.exists():
        try:
            json.loads(keys_new.read_text())
        except ValueError:
            keys_new.unlink()
        else:
            if new_db.exists() or not _opens_with(keys, db_path(data_dir), backend):
                _finish_swap(data_dir)
                return
            keys_new.unlink()
    if new_db.exists():
        new_db.unlink()


def _opens_with(keys: Path, database: Path, backend: keyring.backend.KeyringBackend | None) -> bool:
    """Does the current key file's keyring entry open the database? (Used only during recovery.)"""
    try:
        master = KeyVault(keys, backend=backend).unlock_with_keyring()
        connect_raw(database, db_key_of(master)).close()
        return True
    except (WrongKey, Exception):
        return False


# ---- backup ---------------------------------------------------------------------------------
def backup(db: Database, actor: Actor, target: Path) -> Path:
    """An encrypted copy (same key) via sqlcipher_export, plus the key file beside it."""
    from workstation.domain.permissions import Permission, require

    require(actor.role, Permission.MANAGE_SETTINGS)
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    out = target / DB_NAME
    if out.exists():
        raise FileExistsError(f"{out} exists; choose an empty folder")
    with db.write() as s:
        audit.record(s, actor=actor.username, action="database.backup", details=str(target))
    assert db.raw_key is not None
    conn = db.raw_connection()
    try:
        conn.execute(f"ATTACH DATABASE '{out}' AS backup KEY \"x'{db.raw_key.hex()}'\"")
        conn.execute("SELECT sqlcipher_export('backup')")
        conn.execute("DETACH DATABASE backup")
    finally:
        conn.close()
    _fsync(out)
    keys = keyfile_path(db.path.parent)
    shutil.copy2(keys, target / keys.name)
    return out
