"""The reference platform's store: SQLAlchemy models on their own metadata (not the workstation's).

SQLite file by default (created private to the platform's user: file 0600, folder 0700); PostgreSQL by
URL (``postgresql+psycopg://...``) for anything beyond a test (PROTOCOL.md, "Running the platform").
`schema` puts every table in a PostgreSQL schema (tests use a fresh one per run).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import (
    Boolean,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class CBase(DeclarativeBase):
    pass


class Device(CBase):
    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_code: Mapped[str] = mapped_column(String(32), index=True)
    sign_pub: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="active")
    enrolled_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    next_seq: Mapped[int] = mapped_column(Integer, default=1)
    last_hash: Mapped[str] = mapped_column(String(64), default="")


class EnrollCode(CBase):
    __tablename__ = "enroll_code"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_code: Mapped[str] = mapped_column(String(32))
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)


class Batch(CBase):
    __tablename__ = "batch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    batch_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    envelope_hash: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    record_count: Mapped[int] = mapped_column(Integer)
    receipt: Mapped[str] = mapped_column(Text)
    checkpoint: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    __table_args__ = (
        UniqueConstraint("device_id", "batch_id", name="uq_batch_device_batch"),
        UniqueConstraint("device_id", "seq", name="uq_batch_device_seq"),
    )


class Record(CBase):
    """The current state of each record (upsert by record id and version).

    `station_code` is the record's **owner**: the station whose device first sent it (its origin), the
    station a platform task was pushed to, or the station the platform transferred it to
    (`Central.transfer_record`). Only the owner's devices may change it (PROTOCOL.md, "Ownership")."""

    __tablename__ = "record"
    record_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    device_id: Mapped[str | None] = mapped_column(String(36))
    station_code: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class RecordLog(CBase):
    """Every applied record version, in arrival order (no uniqueness: duplicates would show)."""

    __tablename__ = "record_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36))
    batch_id: Mapped[str] = mapped_column(String(36))
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    operation: Mapped[str] = mapped_column(String(8))
    applied_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    __table_args__ = (Index("ix_record_log_record", "record_type", "record_id"),)


class RecordTransfer(CBase):
    """A change of owner made by the platform (the only way a record changes hands)."""

    __tablename__ = "record_transfer"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36))
    from_station: Mapped[str | None] = mapped_column(String(32))
    to_station: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    transferred_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class StationCheckpoint(CBase):
    """The highest audit checkpoint (seq, hash of the station's audit head) each station has sent."""

    __tablename__ = "station_checkpoint"
    station_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(sa.BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(36))
    batch_id: Mapped[str] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class RequestNonce(CBase):
    """Nonces of signed requests, kept until their time window has passed (replay protection that
    holds across every process sharing the database)."""

    __tablename__ = "request_nonce"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(32), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class ConflictRow(CBase):
    __tablename__ = "conflict"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reason: Mapped[str] = mapped_column(String(16), default="stale")
    device_id: Mapped[str] = mapped_column(String(36))
    batch_id: Mapped[str] = mapped_column(String(36))
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36))
    base_version: Mapped[int | None] = mapped_column(Integer)
    incoming_version: Mapped[int] = mapped_column(Integer)
    platform_version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class DownlinkItem(CBase):
    """Tasks, pre-registrations, reference data and settings for stations, in cursor order."""

    __tablename__ = "downlink"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    station_code: Mapped[str | None] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class Blob(CBase):
    """Small named values (unused by the core flow; room for key rotation history)."""

    __tablename__ = "blob"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


def _private_sqlite_file(url: sa.URL) -> None:
    """Create the SQLite file (and its folder) private to this user before SQLite opens it: file 0600,
    folder 0700. SQLite gives its -wal and -shm files the database file's mode."""
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return
    path = Path(db)
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        if p.exists():
            os.chmod(p, 0o600)


def make_engine(url: str, *, schema: str | None = None) -> sa.Engine:
    if url.startswith("sqlite"):
        _private_sqlite_file(sa.make_url(url))
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _rec: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.close()

        return engine
    # Plan every statement with its actual parameters. psycopg prepares a statement after a few uses,
    # and PostgreSQL then may settle on a generic plan made while a table was still small (a sequential
    # scan of `record` for each batch's id lookup): on a platform whose tables grow from empty in one
    # evening, that turned a 1 ms index lookup into seconds per batch (benchmarks/platform_load.py).
    options = ["-cplan_cache_mode=force_custom_plan"]
    if schema:
        options.append(f"-csearch_path={schema}")
    connect_args: dict[str, Any] = {"options": " ".join(options)}
    return sa.create_engine(url, connect_args=connect_args, pool_pre_ping=True)


class Store:
    def __init__(self, url: str, *, schema: str | None = None) -> None:
        self.url = url
        self.engine = make_engine(url, schema=schema)
        CBase.metadata.create_all(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()
