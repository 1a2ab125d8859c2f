"""The encrypted database: SQLCipher under SQLAlchemy.

Every connection applies the raw key first, checks it with a real query, then sets WAL,
synchronous=FULL, foreign keys, temp_store=MEMORY and secure_delete. An audited read commits its
audit row with synchronous=NORMAL (`write(durable=False)`): crash-consistent, made durable by the
next change's commit, a checkpoint or before anything names the audit head outside the database
(the anchor file: `flush_wal`); see docs/security.md, "Durability of audited reads". The key never appears in a
URL or a log line. A wrong key is reported as `WrongKey` and the file is left byte-for-byte as it
was (nothing is written before the check, and a missing file is never created by `open`).

Writes go through `Database.write()`: one writer at a time (a process-wide lock plus
``BEGIN IMMEDIATE``), one transaction, committed on exit. Call it from a worker, never from the
GUI thread.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.orm import Session, sessionmaker
from sqlcipher3 import dbapi2 as sqlcipher

if TYPE_CHECKING:
    from workstation.storage.lock import StationLock

from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import filecheck
from workstation.storage.audit import AuditLog
from workstation.storage.errors import AuditTrailDamaged, DatabaseDamaged, WrongKey
from workstation.storage.sqlite_errors import SQLITE_NOTADB, known_error, sqlite_code, translated
from workstation.storage.vault import db_key_of, derive_subkey
from workstation.threads import assert_not_gui_thread

SQLITE_PLAIN = "plain"  # benchmarks compare the same schema on plaintext SQLite


def _key_pragma(raw_key: bytes) -> str:
    """The one SQL text built from a value (SQLite's PRAGMA takes no bound parameters): the value
    is 32 bytes checked here and rendered as 64 hex digits, which cannot change the statement.
    Everywhere else a value is bound (`tests/storage/test_sql_text.py` scans src/ for it)."""
    if not isinstance(raw_key, bytes) or len(raw_key) != 32:
        raise ValueError("the database key must be 32 bytes")
    return f"PRAGMA key = \"x'{raw_key.hex()}'\""


def key_literal(raw_key: bytes) -> str:
    """The raw-key form SQLCipher takes as a bound parameter: ``ATTACH DATABASE ? AS x KEY ?``."""
    if not isinstance(raw_key, bytes) or len(raw_key) != 32:
        raise ValueError("the database key must be 32 bytes")
    return f"x'{raw_key.hex()}'"


def connect_raw(path: Path | str, raw_key: bytes | None, *, check: bool = True) -> Any:
    """A DB-API connection with the key applied first and checked. raw_key None → plaintext SQLite."""
    # the same SQLite build either way: SQLCipher with no key is plain SQLite (the benchmark baseline)
    conn: Any = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    if raw_key is not None:
        conn.execute(_key_pragma(raw_key))
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported by us, not on stderr
    if check:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.Error as exc:
            conn.close()
            if sqlite_code(exc) == SQLITE_NOTADB:  # SQLCipher's answer to a wrong key (by code, not by text)
                raise WrongKey() from exc
            known = known_error(exc, path)
            if known is not None:
                raise known from exc
            raise
    return conn


_BEGIN = {"DEFERRED": "BEGIN DEFERRED", "IMMEDIATE": "BEGIN IMMEDIATE"}


class _HintingCompiler(SQLiteCompiler):
    """SQLite's compiler, rendering `Select.with_hint(table, "INDEXED BY ix_…", "sqlite")` after the
    table name (SQLAlchemy's SQLite dialect drops table hints). `storage.search` names the index a
    search phase must walk: with the statistics of a large store the planner may otherwise skip-scan
    a composite index and sort every match (a 1-letter pinyin prefix at 1 M residents: 0.4 s)."""

    def get_from_hint_text(self, table: Any, text: str | None) -> str | None:
        return text


def _apply_pragmas(conn: Any, *, encrypted: bool) -> None:
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB of decrypted pages per connection: a hit costs no decryption
    if encrypted:
        conn.execute("PRAGMA cipher_memory_security = OFF")


class Database:
    """An open workstation database (encrypted unless created plain for a benchmark baseline)."""

    def __init__(self, path: Path, master: bytes | None, *, encrypted: bool = True) -> None:
        self.path = Path(path)
        self._master = master
        self.encrypted = encrypted
        self._raw_key = db_key_of(master) if (encrypted and master) else None
        if encrypted and self._raw_key is None:
            raise ValueError("an encrypted database needs its master secret")
        raw_key = self._raw_key

        def creator() -> Any:
            conn = connect_raw(self.path, raw_key)
            _apply_pragmas(conn, encrypted=encrypted)
            if self.read_only_reason is not None:
                conn.execute("PRAGMA query_only = ON")
            return conn

        self.engine = sa.create_engine(
            # module=: SQLAlchemy wraps the DB-API errors of the module it is given, so SQLCipher's
            # errors arrive as `sqlalchemy.exc.DBAPIError`s (IntegrityError, OperationalError, …) with
            # the original in `.orig`, like any other driver's (the stdlib sqlite3 would not match them)
            "sqlite://", module=sqlcipher, creator=creator, poolclass=sa.pool.QueuePool, pool_size=4, max_overflow=4,
            # the connection used last is used next: one warm page cache (64 MiB of decrypted pages)
            # instead of four lukewarm ones a round robin would fill, each holding its own memory
            pool_use_lifo=True,
        )
        self.engine.dialect.statement_compiler = _HintingCompiler

        @event.listens_for(self.engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            conn.exec_driver_sql(_BEGIN[conn.info.pop("begin_mode", "DEFERRED")])

        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = threading.RLock()
        self._closed = False
        self.read_only_reason: str | None = None  # set when the audit trail is damaged
        self.station_lock: StationLock | None = None  # the data-folder lock, released by close()
        self.anchor_path: Path | None = None  # where the audit anchor is kept (station databases)

    # ---- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, master: bytes, *, create: bool = False, migrate: bool = True) -> Database:
        """Open (or with ``create=True`` create) a database. Never creates one it was asked to open:
        a missing, empty, cut, foreign or damaged file raises `DatabaseMissing`/`DatabaseDamaged`
        (checks on a read-only connection, see `filecheck`), and the files are left as they were."""
        path = Path(path)
        raw = db_key_of(master)
        if not create:
            filecheck.check(path, raw, _key_pragma(raw))
        elif path.exists() and path.stat().st_size:
            raise FileExistsError(f"{path} already exists; refusing to create a database over it")
        db = cls(path, master)
        if migrate:
            try:
                db.migrate()
            except sa.exc.DatabaseError as exc:
                db.close()
                raise DatabaseDamaged(
                    str(path),
                    QT_TRANSLATE_NOOP("storage", "the database file is damaged ({orig})").format(orig=exc.orig),
                ) from exc
        return db

    @classmethod
    def open_plain(cls, path: Path, *, migrate: bool = True) -> Database:
        """Plaintext SQLite with the same schema: only for the benchmark baseline."""
        db = cls(path, None, encrypted=False)
        if migrate:
            db.migrate()
        return db

    def migrate(self) -> None:
        """Upgrade the schema to the newest revision; an existing database is first copied aside
        (`migrate.snapshot_before_upgrade`) so an upgrade can always be undone by hand."""
        from workstation.storage.migrate import snapshot_before_upgrade, upgrade

        def before(current: tuple[str, ...], target: tuple[str, ...]) -> None:
            if self.encrypted:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                snapshot_before_upgrade(self.path, current, target)

        upgrade(self.engine, before=before)

    def close(self) -> None:
        """Close every connection, anchor the audit trail's head (station databases) and release
        the data-folder lock. Closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        if self.anchor_path is not None and self.read_only_reason is None:
            with contextlib.suppress(AuditTrailDamaged, sa.exc.DBAPIError, OSError):
                self.write_anchor()
        self.engine.dispose()
        if self.station_lock is not None:
            self.station_lock.release()
            self.station_lock = None

    def set_read_only(self, reason: str) -> None:
        """From now on every connection is ``query_only`` and `write()` raises `AuditTrailDamaged`."""
        self.read_only_reason = reason
        self.engine.dispose()

    def write_anchor(self) -> None:
        """Write the audit anchor file for the current head (no-op without an anchor path)."""
        if self.anchor_path is None:
            return
        self.flush_wal()
        with self.read() as s:
            self.audit_log.write_anchor(s, self.anchor_path)

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- keys ------------------------------------------------------------------------------
    def subkey(self, label: str) -> bytes:
        """A 32-byte key for `label`, derived from the master secret (not from the DB key)."""
        if self._master is None:
            return derive_subkey(b"\0" * 64, label)  # plaintext benchmark database only
        return derive_subkey(self._master, label)

    @functools.cached_property
    def audit_log(self) -> AuditLog:
        return AuditLog(self.subkey("audit-mac"))

    @property
    def raw_key(self) -> bytes | None:
        return self._raw_key

    def cipher_version(self) -> str:
        """SQLCipher's version as the open connection reports it (``PRAGMA cipher_version``, e.g.
        ``"4.6.1 community"``); "" for a plaintext database. Blocks on the database: a worker thread."""
        with self.read() as s:
            value = s.connection().exec_driver_sql("PRAGMA cipher_version").scalar()
        return str(value or "")

    # ---- sessions --------------------------------------------------------------------------
    def flush_wal(self) -> None:
        """Make every committed transaction durable now: fsync the write-ahead log (commits made with
        ``durable=False`` sit in it unsynced). Called before the audit head is anchored outside the
        database, so an anchor never names a row a power cut could take back."""
        wal = self.path.with_name(self.path.name + "-wal")
        try:
            fd = os.open(wal, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            return  # checkpointed and removed: everything is in the (synced) database file
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def write(self, *, durable: bool = True) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE), committed on exit, rolled back on error.

        Args:
            durable: commit with synchronous=FULL (the WAL is fsynced before the commit returns).
                ``False`` (audited reads: the only row written is the audit row of the read) commits
                with synchronous=NORMAL: as crash-consistent, but a power cut (not an app crash) may
                take back the last such commits until the next durable commit, checkpoint or
                `flush_wal`; it saves an fsync per read (docs/security.md).

        Raises:
            AuditTrailDamaged: the station is open read-only for an inspection.
            EnvironmentProblem: disk full, database busy or read-only, I/O error, damaged file
                (`storage.sqlite_errors`); nothing was saved.
            OnGuiThread: called on the thread the app marked as its GUI thread (`workstation.threads`).
        """
        if self.read_only_reason is not None:
            raise AuditTrailDamaged(self.read_only_reason)
        assert_not_gui_thread("Database.write()")
        with translated(self.path), self._write_lock, self.engine.connect() as conn:
            conn.info["begin_mode"] = "IMMEDIATE"
            raw = conn.connection.dbapi_connection if not durable else None
            if raw is not None:  # the driver's autocommit connection: no transaction is opened by this
                raw.execute("PRAGMA synchronous = NORMAL")
            try:
                with conn.begin():
                    session = Session(bind=conn, expire_on_commit=False, autoflush=True)
                    session.info["database"] = self
                    try:
                        yield session
                        session.flush()
                    finally:
                        session.close()
            finally:
                if raw is not None:
                    raw.execute("PRAGMA synchronous = FULL")
            if self.anchor_path is not None and "audit_head" in session.info:
                # committed already: a failed anchor write (disk full) must not report the write as failed
                with contextlib.suppress(OSError):
                    self.audit_log.anchor_after_commit(
                        self.anchor_path, *session.info["audit_head"], before=None if durable else self.flush_wal
                    )

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read session (its own snapshot until it ends).

        Raises:
            EnvironmentProblem: as `write()`.
        """
        with translated(self.path):
            session = self._sessions()
            session.info["database"] = self
            try:
                yield session
            finally:
                session.close()  # ends the read transaction; loaded objects stay usable (not expired)

    def raw_connection(self) -> Any:
        """A DB-API connection (for integrity checks and admin tools)."""
        return connect_raw(self.path, self._raw_key)
