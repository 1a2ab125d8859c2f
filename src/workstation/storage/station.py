"""A station's data directory: create it, unlock it, rekey it, back it up, restore it.

Layout of a data directory (folder 0700, files 0600 on POSIX)::

    workstation.db         SQLCipher database (+ -wal, -shm while open)
    workstation.db.keys    the wrapped master secret (JSON); .bak is the last good copy
    workstation.db.anchor  the audit trail's anchored head (see `audit`)
    workstation.lock       the data-folder lock (see `lock`); workstation.app.lock: one app

Replacing the database (rekey, restore) stages ``workstation.db.new``, ``workstation.db.anchor.new``
and ``workstation.db.keys.new``; renaming ``keys.new`` to ``keys.commit`` is the one atomic commit
point; then the staged files are renamed over the live ones. `unlock` finishes a committed swap
and discards an uncommitted one, so a kill at any instant leaves exactly one known key file in use.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import keyring.backend
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlcipher3 import dbapi2 as sqlcipher

from workstation.domain.enums import Role
from workstation.errors import UserFacingError
from workstation.files import (
    create_private_file,
    fsync_dir,
    fsync_file,
    make_private,
    make_private_dir,
    remove_temp_files,
    temp_files,
    temp_name,
    write_atomic,
)
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import audit, filecheck
from workstation.storage.db import Database, connect_raw, key_literal
from workstation.storage.errors import (
    CHOOSE_ANOTHER_BACKUP,
    AuditTrailDamaged,
    BackupFailed,
    DatabaseDamaged,
    DatabaseMissing,
    PassphraseMismatch,
    StationBusy,
    WrongKey,
)
from workstation.storage.lock import StationLock, acquire_station_lock
from workstation.storage.operators import Actor, create_operator
from workstation.storage.paths import DB_NAME
from workstation.storage.paths import db_path as db_path  # re-exported: station.db_path(folder)
from workstation.storage.paths import default_data_dir as default_data_dir  # re-exported (cli)
from workstation.storage.schema import Station
from workstation.storage.vault import (
    SEALED,
    KdfParams,
    KeyVault,
    db_key_of,
    derive_subkey,
    key_id_of,
    new_recovery_passphrase,
    normalise_passphrase,
    reseal,
    rotated_master,
)

MANIFEST = "BACKUP.json"
ANCHOR_ADOPTED = ("audit_anchor", "adopted")  # (target_type, target_id) of the row that starts anchoring
Step = Callable[[str], None]


def keyfile_path(data_dir: Path) -> Path:
    return Path(data_dir) / (DB_NAME + ".keys")


def anchor_path(data_dir: Path) -> Path:
    return Path(data_dir) / (DB_NAME + ".anchor")


@dataclass(frozen=True)
class _Swap:
    """The staged files of a database replacement (rekey or restore) in one data folder."""

    data_dir: Path
    backend: keyring.backend.KeyringBackend | None = field(default=None, compare=False)

    @property
    def db(self) -> Path:
        return db_path(self.data_dir)

    @property
    def keys(self) -> Path:
        return keyfile_path(self.data_dir)

    @property
    def anchor(self) -> Path:
        return anchor_path(self.data_dir)

    @property
    def db_new(self) -> Path:
        return self.data_dir / (DB_NAME + ".new")

    @property
    def anchor_new(self) -> Path:
        return self.data_dir / (DB_NAME + ".anchor.new")

    @property
    def keys_new(self) -> Path:
        return self.data_dir / (DB_NAME + ".keys.new")

    @property
    def keys_commit(self) -> Path:
        return self.data_dir / (DB_NAME + ".keys.commit")

    def pending(self) -> bool:
        return any(p.exists() for p in (self.db_new, self.anchor_new, self.keys_new, self.keys_commit))

    def discard(self) -> None:
        """Drop an uncommitted swap (and the keyring entry its key file made)."""
        if self.keys_new.exists():
            kid = key_id_of(self.keys_new)
            if kid:
                KeyVault(self.keys, backend=self.backend).forget_keyring_entry(kid)
        for p in (
            self.db_new,
            Path(str(self.db_new) + "-wal"),
            Path(str(self.db_new) + "-shm"),
            self.anchor_new,
            self.keys_new,
        ):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        remove_temp_files(self.data_dir, DB_NAME)
        fsync_dir(self.data_dir)

    def commit(self) -> None:
        """The commit point: one atomic rename."""
        os.replace(self.keys_new, self.keys_commit)
        fsync_dir(self.data_dir)

    def finish(self, step: Step) -> None:
        """Roll a committed swap forward; idempotent, so a kill anywhere in it is finished by unlock."""
        if self.db_new.exists():
            for suffix in ("-wal", "-shm"):  # the retired database's journal must not meet the new file
                with contextlib.suppress(FileNotFoundError):
                    Path(str(self.db) + suffix).unlink()
            os.replace(self.db_new, self.db)
            fsync_dir(self.data_dir)
            step("db-swapped")
        if self.anchor_new.exists():
            os.replace(self.anchor_new, self.anchor)
            fsync_dir(self.data_dir)
            step("anchor-swapped")
        if self.keys_commit.exists():
            old_id = key_id_of(self.keys)
            # the last good copy becomes the new key file first: no copy wrapped by a retired
            # passphrase is left behind
            write_atomic(self.keys.with_name(self.keys.name + ".bak"), self.keys_commit.read_bytes())
            step("bak-written")
            new_id = key_id_of(self.keys_commit)
            os.replace(self.keys_commit, self.keys)
            fsync_dir(self.data_dir)
            step("keys-swapped")
            if old_id and old_id != new_id:
                KeyVault(self.keys, backend=self.backend).forget_keyring_entry(old_id)
        remove_temp_files(self.data_dir, DB_NAME)


def _recover_swap(data_dir: Path, backend: keyring.backend.KeyringBackend | None) -> None:
    """After a kill during rekey or restore: finish a committed swap, discard an uncommitted one."""
    sw = _Swap(data_dir, backend)
    if sw.keys_commit.exists():
        sw.finish(lambda _step: None)
    else:
        sw.discard()


def _tighten_modes(data_dir: Path) -> None:
    """Stations made before files were private: make the folder 0700 and its files 0600."""
    make_private(data_dir)
    for p in data_dir.iterdir():
        if p.is_file() and p.name.startswith(("workstation.", "DEMO-")):
            make_private(p)


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
    make_private_dir(data_dir)
    if db_path(data_dir).exists() or keyfile_path(data_dir).exists():
        raise FileExistsError(f"{data_dir} already holds a workstation database")
    if not use_keyring:
        from keyring.backends import fail

        backend = fail.Keyring()  # type: ignore[no-untyped-call]
    lock = acquire_station_lock(data_dir, exclusive=True)
    try:
        res = _init_locked(
            data_dir, station_code, station_name, admin_username, admin_password, backend, kdf, passphrase, demo
        )
    except BaseException:
        lock.release()
        raise
    lock.downgrade()
    res.database.station_lock = lock
    return res


def _init_locked(
    data_dir: Path,
    station_code: str,
    station_name: str,
    admin_username: str,
    admin_password: str,
    backend: keyring.backend.KeyringBackend | None,
    kdf: KdfParams | None,
    passphrase: str | None,
    demo: bool,
) -> InitResult:
    vault = KeyVault(keyfile_path(data_dir), backend=backend)
    passphrase = passphrase or new_recovery_passphrase()
    master = vault.create(passphrase=passphrase, kdf=kdf)
    create_private_file(db_path(data_dir))  # SQLite gives -wal/-shm the main file's mode
    db = Database.open(db_path(data_dir), master, create=True)
    db.anchor_path = anchor_path(data_dir)
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
        _record_anchor_adoption(s)
        station_id = st.id
    create_operator(
        db, None, username=admin_username, display_name=admin_username, role=Role.ADMIN, password=admin_password
    )
    db.write_anchor()
    keyring_used = "keyring" in json.loads(keyfile_path(data_dir).read_text())["wrapped"]
    return InitResult(db, passphrase, station_id, keyring_used)


def _record_anchor_adoption(s: Session) -> None:
    audit.record(
        s,
        actor="system",
        action="audit.anchor",
        target_type=ANCHOR_ADOPTED[0],
        target_id=ANCHOR_ADOPTED[1],
        details="the audit trail's head is anchored in workstation.db.anchor from here on",
    )


def _anchor_missing_but_never_adopted(db: Database) -> bool:
    """A station made before anchoring has no anchor file and no adoption row: adopt it now."""
    from workstation.storage.schema import AuditEvent

    if db.anchor_path is None or db.anchor_path.exists():
        return False
    with db.read() as s:
        row = s.execute(
            select(AuditEvent.seq).where(
                AuditEvent.target_type == ANCHOR_ADOPTED[0], AuditEvent.target_id == ANCHOR_ADOPTED[1]
            )
        ).first()
    return row is None


def unlock(
    data_dir: Path,
    *,
    passphrase: str | None = None,
    backend: keyring.backend.KeyringBackend | None = None,
) -> tuple[Database, str]:
    """Open a station's database: keyring first, else the recovery passphrase (the keyring entry is
    then re-created). Returns (database, method); the database holds a shared lock on the data
    folder until it is closed.

    Finishes an interrupted rekey or restore (that needs the folder exclusively). Checks the audit
    trail's head, triggers and anchor: when they fail the database is opened **read-only** for an
    inspection (``db.read_only_reason`` says why; every write raises `AuditTrailDamaged`) and
    nothing is appended to the trail. Raises `DatabaseMissing`, `DatabaseDamaged`/`KeyFileDamaged`
    (files left as they were), `WrongKey`, `KeyringUnavailable`, `StationBusy`."""
    data_dir = Path(data_dir)
    if not db_path(data_dir).exists() and not _Swap(data_dir).keys_commit.exists():
        raise DatabaseMissing(str(db_path(data_dir)))
    lock = acquire_station_lock(data_dir)
    try:
        db, method = _unlock_locked(data_dir, lock, passphrase, backend)
    except BaseException:
        lock.release()
        raise
    return db, method


def _unlock_locked(
    data_dir: Path, lock: StationLock, passphrase: str | None, backend: keyring.backend.KeyringBackend | None
) -> tuple[Database, str]:
    pending = _Swap(data_dir).pending()
    if pending or temp_files(data_dir, DB_NAME):
        # A killed rekey/restore is finished or discarded, and the temporary files of a killed
        # atomic write removed, only while no other process has the station open.
        try:
            lock.upgrade()
        except StationBusy:
            if pending:
                raise
        else:
            if pending:
                _recover_swap(data_dir, backend)
            remove_temp_files(data_dir, DB_NAME)
            lock.downgrade()
    vault = KeyVault(keyfile_path(data_dir), backend=backend)
    # the keyring entry is re-created only once the database opened: a damaged station is left as it was
    master, method = vault.unlock(passphrase, restore_keyring=False)
    db = Database.open(db_path(data_dir), master)
    db.station_lock = lock
    db.anchor_path = anchor_path(data_dir)
    try:
        adopt = _anchor_missing_but_never_adopted(db)
        with db.read() as s:
            problem = db.audit_log.quick_check(s, None if adopt else db.anchor_path)
        if problem:
            db.set_read_only(problem)
            return db, method
        with db.write() as s:
            if adopt:
                _record_anchor_adoption(s)
            audit.record(s, actor="system", action="database.unlock", details=f"via {method}")
        db.write_anchor()
        _tighten_modes(data_dir)
        if method == "passphrase":
            vault.restore_keyring(master)
    except BaseException:
        db.station_lock = None
        db.close()
        raise
    return db, method


def station_of(db: Database) -> Station:
    with db.read() as s:
        return s.execute(select(Station)).scalar_one()


# ---- rekey ----------------------------------------------------------------------------------
def _no_step(_step: str) -> None:
    return None


@dataclass
class PendingRekey:
    """A prepared key change, not yet committed: the station still opens with the old passphrase.

    Show `new_passphrase` to the administrator, ask them to type it back, then `commit(typed)`.
    Until then (and after `abandon()` or a kill) nothing has changed. Holds the data folder
    exclusively until committed or abandoned."""

    data_dir: Path
    new_passphrase: str
    _lock: StationLock | None
    _old_master: bytes
    _backend: keyring.backend.KeyringBackend | None
    _on_step: Step
    _actor: str

    def commit(self, typed_back: str) -> None:
        """Commit the key change once the new passphrase was typed back. Raises `PassphraseMismatch`
        (still pending: try again) when it differs. After this only the new passphrase opens it."""
        if self._lock is None:
            raise RuntimeError("this key change was already committed or abandoned")
        if normalise_passphrase(typed_back) != normalise_passphrase(self.new_passphrase):
            raise PassphraseMismatch()
        sw = _Swap(self.data_dir, self._backend)
        self._on_step("confirmed")
        sw.commit()
        self._on_step("committed")
        sw.finish(self._on_step)
        self._on_step("done")
        self._lock.release()
        self._lock = None

    def abandon(self) -> None:
        """Drop the prepared change; the old passphrase stays in force. Audited as abandoned."""
        if self._lock is None:
            return
        _Swap(self.data_dir, self._backend).discard()
        db = Database.open(db_path(self.data_dir), self._old_master, migrate=False)
        db.anchor_path = anchor_path(self.data_dir)
        try:
            with db.write() as s:
                audit.record(
                    s,
                    actor=self._actor,
                    action="database.rekey",
                    details="abandoned before the new passphrase was confirmed",
                    outcome="abandoned",
                )
        finally:
            db.close()
        self._lock.release()
        self._lock = None


def begin_rekey(
    db: Database,
    data_dir: Path,
    actor: Actor,
    *,
    passphrase: str,
    backend: keyring.backend.KeyringBackend | None = None,
    kdf: KdfParams | None = None,
    on_step: Step | None = None,
) -> PendingRekey:
    """Prepare a new master secret (every key rotates: database key, audit MAC, fingerprint and
    sync-device-key wrapping; see docs/security.md) without committing it.

    Needs the data folder exclusively (`StationBusy`: "close the workstation app first") and the
    current recovery passphrase (`WrongKey`); refuses a damaged audit trail (`AuditTrailDamaged`:
    re-MACing it would launder the damage). Steps, reported to `on_step` (for progress, and for
    the kill test aimed at each of them): "checked", "exported", "resealed", "audited",
    "staged"; then in `PendingRekey.commit`: "confirmed", "committed", "db-swapped",
    "anchor-swapped", "bak-written", "keys-swapped", "done".

    Closes `db`; reopen with `unlock` after commit or abandon."""
    from workstation.domain.permissions import Permission
    from workstation.storage.operators import authorize

    authorize(db, actor, Permission.MANAGE_SETTINGS)  # permission and operator still active
    step = on_step or _no_step
    data_dir = Path(data_dir)
    vault = KeyVault(keyfile_path(data_dir), backend=backend)
    old_master = vault.unlock_with_passphrase(passphrase, restore_keyring=False)
    if db.raw_key != db_key_of(old_master):  # the key file and the open database must be one station
        raise WrongKey("passphrase")
    lock = db.station_lock
    own_lock = lock is None
    if lock is None:
        lock = acquire_station_lock(data_dir, exclusive=True)
    else:
        lock.upgrade()
    try:
        with db.read() as s:
            v = audit.verify(s)
        if not v.ok:
            raise AuditTrailDamaged(v.message)
        db.station_lock = None  # the pending rekey holds it now
        db.close()  # anchors the old file's head; later close() calls are no-ops
        sw = _Swap(data_dir, backend)
        sw.discard()
        step("checked")
        new_master = rotated_master(old_master)
        _export(db, sw.db_new, db_key_of(new_master))
        step("exported")
        _reseal_copy(sw.db_new, old_master, new_master)
        step("resealed")
        new_db = Database.open(sw.db_new, new_master, migrate=False)
        new_db.anchor_path = sw.anchor_new
        try:
            with new_db.write() as s:
                audit.record(
                    s,
                    actor=actor.username,
                    action="database.rekey",
                    details="new master key: database key, audit MAC, fingerprint and device-key wrapping",
                )
        finally:
            new_db.close()  # checkpoints and removes its journal, writes anchor.new
        fsync_file(sw.db_new)
        step("audited")
        new_pass = new_recovery_passphrase()
        write_atomic(sw.keys_new, json.dumps(vault.rewrap(new_master, new_pass, kdf), indent=1).encode())
        step("staged")
    except BaseException:
        with contextlib.suppress(Exception):
            _Swap(data_dir, backend).discard()
        if own_lock or db.station_lock is None:  # db already closed: nobody else will release it
            lock.release()
        else:
            with contextlib.suppress(Exception):
                lock.downgrade()
        raise
    return PendingRekey(data_dir, new_pass, lock, old_master, backend, step, actor.username)


def rekey(
    db: Database,
    data_dir: Path,
    actor: Actor,
    *,
    passphrase: str,
    confirm: Callable[[str], str],
    backend: keyring.backend.KeyringBackend | None = None,
    kdf: KdfParams | None = None,
    on_step: Step | None = None,
) -> str:
    """`begin_rekey`, then show the new passphrase through `confirm(new_passphrase)`, which returns
    what the administrator typed back; commits on a match, else abandons (raising
    `PassphraseMismatch`). Returns the new recovery passphrase."""
    pending = begin_rekey(db, data_dir, actor, passphrase=passphrase, backend=backend, kdf=kdf, on_step=on_step)
    try:
        typed = confirm(pending.new_passphrase)
        pending.commit(typed)
    except BaseException:
        pending.abandon()
        raise
    return pending.new_passphrase


def _export(db: Database, target: Path, raw_key: bytes) -> None:
    """sqlcipher_export of `db` into a new private file `target` under `raw_key` (bound, never
    pasted into SQL), fsynced."""
    create_private_file(target)
    conn = db.raw_connection()
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ATTACH DATABASE ? AS export KEY ?", (str(target), key_literal(raw_key)))
        try:
            conn.execute("SELECT sqlcipher_export('export')")
        finally:
            conn.execute("DETACH DATABASE export")
    finally:
        conn.close()
    fsync_file(target)


def _reseal_copy(path: Path, old_master: bytes, new_master: bytes) -> None:
    """In the rekeyed copy: re-seal every value under a subkey (`vault.SEALED`) and re-MAC every
    audit row and the head under the new audit key, in one transaction. The append-only triggers
    are dropped and re-created from their own stored SQL inside that transaction."""
    old_log, new_log = (
        audit.AuditLog(derive_subkey(old_master, "audit-mac")),
        audit.AuditLog(derive_subkey(new_master, "audit-mac")),
    )
    conn = connect_raw(path, db_key_of(new_master))
    try:
        conn.execute("BEGIN IMMEDIATE")
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)", tuple(audit.TRIGGERS)
        ).fetchall()
        for name, _sql in triggers:
            conn.execute(_DROP_TRIGGER[name])
        for seq, h, mac in conn.execute("SELECT seq, hash, mac FROM audit_event ORDER BY seq").fetchall():
            if mac != old_log.mac_of(h):
                raise AuditTrailDamaged(f"row {seq} has a forged MAC")
            conn.execute("UPDATE audit_event SET mac = ? WHERE seq = ?", (new_log.mac_of(h), seq))
        head = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        if head is not None:
            conn.execute("UPDATE audit_head SET mac = ? WHERE id = 1", (new_log.mac_of(f"head:{head[0]}:{head[1]}"),))
        for spec in SEALED:
            old_key, new_key = derive_subkey(old_master, spec.label), derive_subkey(new_master, spec.label)
            if not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (spec.table,)
            ).fetchone():
                continue
            rows = conn.execute(_SEALED_SELECT[(spec.table, spec.column)]).fetchall()
            for rowid, blob, aad_value in rows:
                if blob is None:
                    continue
                aad = str(aad_value).encode() if spec.aad_column else spec.aad
                conn.execute(_SEALED_UPDATE[(spec.table, spec.column)], (reseal(blob, old_key, new_key, aad), rowid))
        for _name, sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()


# Constant statements per known name (identifiers cannot be bound; no SQL is built from a value).
_DROP_TRIGGER = {
    "audit_event_no_update": "DROP TRIGGER audit_event_no_update",
    "audit_event_no_delete": "DROP TRIGGER audit_event_no_delete",
}
_SEALED_SELECT = {
    ("fingerprint", "template_enc"): "SELECT rowid, template_enc, person_id FROM fingerprint",
    ("fingerprint", "image_enc"): "SELECT rowid, image_enc, person_id FROM fingerprint",
    ("sync_device", "sign_priv_wrapped"): "SELECT rowid, sign_priv_wrapped, NULL FROM sync_device",
}
_SEALED_UPDATE = {
    ("fingerprint", "template_enc"): "UPDATE fingerprint SET template_enc = ? WHERE rowid = ?",
    ("fingerprint", "image_enc"): "UPDATE fingerprint SET image_enc = ? WHERE rowid = ?",
    ("sync_device", "sign_priv_wrapped"): "UPDATE sync_device SET sign_priv_wrapped = ? WHERE rowid = ?",
}


# ---- backup and restore -----------------------------------------------------------------------
def _bad_target(target: object, problem: str) -> BackupFailed:
    """``problem``: what is wrong with the target, a marked text that follows its name."""
    return BackupFailed(
        QT_TRANSLATE_NOOP("storage", "Backup not made: {target} {problem}. Nothing was written.").format(
            target=target, problem=problem
        )
    )


#: The steps of a backup, as `backup` reports them to its `progress` callback.
BACKUP_STEPS = (
    QT_TRANSLATE_NOOP("storage", "Copying the encrypted database…"),
    QT_TRANSLATE_NOOP("storage", "Checking the copy…"),
    QT_TRANSLATE_NOOP("storage", "Writing the key file, anchor and manifest…"),
    QT_TRANSLATE_NOOP("storage", "Finishing the backup…"),
)
BackupProgress = Callable[[int, int, str], None]


def backup(db: Database, actor: Actor, target: Path | str, *, progress: BackupProgress | None = None) -> Path:
    """An encrypted copy (same key) in the folder `target`: ``workstation.db`` (sqlcipher_export),
    its key file and audit anchor, and ``BACKUP.json`` (station, time, audit head, SHA-256 of the
    copy). Every file goes to a temporary name, is fsynced and renamed; the copy is renamed last,
    after the manifest that vouches for it, so a killed backup leaves no copy that looks valid. The
    outcome (ok or failed, with the reason) is audited. Restoring needs the recovery passphrase of
    the time of the backup.

    `progress(done, total, text)` (optional, called on the calling thread) hears each step of
    `BACKUP_STEPS` as it starts (``done`` of ``total`` steps; ``text`` a marked text) and once more
    with ``done == total`` at the end.

    Raises `BackupFailed` (empty path, a file, the data folder itself, a folder that already holds
    a backup, an unwritable place, a full disk) and `PermissionDenied`."""
    from workstation.domain.permissions import Permission
    from workstation.storage.operators import authorize

    authorize(db, actor, Permission.MANAGE_SETTINGS)  # permission and operator still active
    if not str(target).strip():
        raise BackupFailed(QT_TRANSLATE_NOOP("storage", "Backup not made: give a folder to write the backup to."))
    target = Path(target).expanduser()
    data_dir = db.path.parent
    if target.exists() and not target.is_dir():
        raise _bad_target(target, QT_TRANSLATE_NOOP("storage", "is a file, not a folder"))
    if target.resolve() == data_dir.resolve():
        raise _bad_target(target, QT_TRANSLATE_NOOP("storage", "is the station's own data folder; choose another"))
    if (target / DB_NAME).exists():  # a manifest alone is what a killed backup left: written over
        raise _bad_target(target, QT_TRANSLATE_NOOP("storage", "already holds a backup; choose an empty or new folder"))
    try:
        manifest = _write_backup(db, target, progress or _no_progress)
    except (OSError, sqlcipher.Error, DBAPIError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(getattr(exc, "orig", None) or exc)
        with db.write() as s:
            audit.record(
                s, actor=actor.username, action="database.backup", details=f"{target}: {reason}", outcome="failed"
            )
        raise _bad_target(
            target, QT_TRANSLATE_NOOP("storage", "could not be written ({reason})").format(reason=reason)
        ) from exc
    with db.write() as s:
        audit.record(
            s, actor=actor.username, action="database.backup", details=f"{target}; audit row {manifest['audit_seq']}"
        )
    if progress is not None:
        progress(len(BACKUP_STEPS), len(BACKUP_STEPS), BACKUP_STEPS[-1])
    return target / DB_NAME


def _no_progress(_done: int, _total: int, _text: str) -> None:
    pass


def _write_backup(db: Database, target: Path, progress: BackupProgress) -> dict[str, object]:
    steps = len(BACKUP_STEPS)
    make_private_dir(target)
    remove_temp_files(target, DB_NAME)
    out = target / DB_NAME
    tmp = temp_name(out)
    assert db.raw_key is not None
    try:
        progress(0, steps, BACKUP_STEPS[0])
        _export(db, tmp, db.raw_key)
        progress(1, steps, BACKUP_STEPS[1])
        conn = connect_raw(tmp, db.raw_key)
        try:
            seq, h = conn.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone() or (0, audit.GENESIS)
        finally:
            conn.close()
        progress(2, steps, BACKUP_STEPS[2])
        keys = keyfile_path(data_dir := db.path.parent)
        write_atomic(target / keys.name, keys.read_bytes())
        write_atomic(target / anchor_path(data_dir).name, json.dumps(db.audit_log.anchor_document(seq, h)).encode())
        manifest: dict[str, object] = {
            "format": 1,
            "station_code": station_of(db).code,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "audit_seq": seq,
            "db_sha256": _sha256(tmp),
        }
        write_atomic(target / MANIFEST, json.dumps(manifest, indent=1).encode())
        progress(3, steps, BACKUP_STEPS[3])
        # the commit point: the copy takes its real name only once everything that vouches for it
        # (key file, anchor, manifest with its hash) is in place, so a real-named copy is complete
        os.replace(tmp, out)
        fsync_dir(target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return manifest


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_backup(backup_dir: Path) -> dict[str, object]:
    """The manifest of a complete backup. Raises `DatabaseDamaged` for an incomplete or altered one."""
    backup_dir = Path(backup_dir)
    out = backup_dir / DB_NAME
    try:
        manifest = json.loads((backup_dir / MANIFEST).read_text())
        digest = str(manifest["db_sha256"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DatabaseDamaged(
            str(backup_dir),
            QT_TRANSLATE_NOOP("storage", "this is not a complete backup (BACKUP.json is missing or unreadable)"),
            todo=CHOOSE_ANOTHER_BACKUP,
        ) from exc
    if not out.is_file() or _sha256(out) != digest:
        raise DatabaseDamaged(
            str(out),
            QT_TRANSLATE_NOOP("storage", "the backup copy does not match its BACKUP.json (damaged or altered)"),
            todo=CHOOSE_ANOTHER_BACKUP,
        )
    return dict(manifest)


def restore(
    backup_dir: Path,
    data_dir: Path,
    *,
    passphrase: str,
    actor: str = "admin",
    backend: keyring.backend.KeyringBackend | None = None,
) -> Database:
    """Replace the station in `data_dir` (or set up an empty folder) with the backup in
    `backup_dir`, which must be complete (`check_backup`) and open with `passphrase` (the recovery
    passphrase of the time of the backup). Needs the data folder exclusively (`StationBusy`).
    The swap is staged and committed like a rekey. Returns the restored database, opened, with
    ``database.restore`` audited."""
    backup_dir, data_dir = Path(backup_dir), Path(data_dir)
    manifest = check_backup(backup_dir)
    src_keys = backup_dir / keyfile_path(data_dir).name
    master = KeyVault(src_keys, backend=backend).unlock_with_passphrase(passphrase, restore_keyring=False)
    raw = db_key_of(master)
    filecheck.check(backup_dir / DB_NAME, raw, _key_pragma_for_check(raw))
    make_private_dir(data_dir)
    lock = acquire_station_lock(data_dir, exclusive=True)
    try:
        sw = _Swap(data_dir, backend)
        if sw.pending():
            _recover_swap(data_dir, backend)
        sw.discard()
        for src, dst in (
            (backup_dir / DB_NAME, sw.db_new),
            (backup_dir / anchor_path(data_dir).name, sw.anchor_new),
            (src_keys, sw.keys_new),
        ):
            if src.exists():
                _copy_private(src, dst)
        sw.commit()
        sw.finish(_no_step)
    finally:
        lock.release()
    db, _method = unlock(data_dir, passphrase=passphrase, backend=backend)
    try:
        with db.write() as s:
            audit.record(
                s,
                actor=actor,
                action="database.restore",
                details=f"from {backup_dir} made {manifest.get('created_at')}; audit row {manifest.get('audit_seq')}",
            )
    except UserFacingError:
        db.close()
        raise
    return db


def _key_pragma_for_check(raw: bytes) -> str:
    from workstation.storage.db import _key_pragma

    return _key_pragma(raw)


def _copy_private(src: Path, dst: Path) -> None:
    tmp = temp_name(dst)
    create_private_file(tmp)
    try:
        with open(src, "rb") as fi, open(tmp, "wb") as fo:
            shutil.copyfileobj(fi, fo, 1 << 20)
            fo.flush()
            os.fsync(fo.fileno())
        os.replace(tmp, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(dst.parent)
