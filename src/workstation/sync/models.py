"""The workstation's sync tables (on the foundation's declarative base; migration 0002_sync)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Index, Integer, LargeBinary, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from workstation.i18n import dumps, loads
from workstation.storage.schema import Base, utcnow


class MarkedText(TypeDecorator[str]):
    """A text column holding a message for people: a marked text (`workstation.i18n`) is kept with its
    context and parameters (`i18n.dumps`) and comes back marked (`i18n.loads`; ``str`` is English),
    so it can be shown in the language of whoever reads it later. Plain strings pass through."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else dumps(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else loads(value)


class SyncDevice(Base):
    """This workstation's enrollment with the platform (one row, id 1). Private key AES-GCM wrapped
    under the database subkey ``sync-device-keys``."""

    __tablename__ = "sync_device"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    station_code: Mapped[str] = mapped_column(String(32))
    platform_url: Mapped[str] = mapped_column(String(300))
    ca_pem: Mapped[str] = mapped_column(Text)
    key_id: Mapped[str] = mapped_column(String(32))
    platform_enc_pub: Mapped[str] = mapped_column(String(64))
    platform_sign_pub: Mapped[str] = mapped_column(String(64))
    sign_pub: Mapped[str] = mapped_column(String(64))
    sign_priv_wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default="active")
    enrolled_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SyncBatch(Base):
    """The ledger: one row per batch, building → sealed → sending → acknowledged."""

    __tablename__ = "sync_batch"
    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    state: Mapped[str] = mapped_column(String(16))
    record_count: Mapped[int] = mapped_column(Integer)
    envelope: Mapped[bytes | None] = mapped_column(LargeBinary)
    envelope_hash: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    sealed_at: Mapped[datetime | None] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(MarkedText)  # shown to people: marked (MarkedText)
    next_retry_at: Mapped[datetime | None] = mapped_column(DateTime)
    acked_at: Mapped[datetime | None] = mapped_column(DateTime)
    receipt: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_sync_batch_state", "state"),)


class SyncConflict(Base):
    """A change the platform did not apply because it was based on a stale version."""

    __tablename__ = "sync_conflict"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    batch_id: Mapped[str] = mapped_column(String(36))
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    base_version: Mapped[int | None] = mapped_column(Integer)
    platform_version: Mapped[int] = mapped_column(Integer)
    detected_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(String(200))
    __table_args__ = (Index("ix_sync_conflict_record", "record_type", "record_id"),)


class SyncPrereg(Base):
    """A pre-registration pushed by the platform, waiting for the officer to confirm."""

    __tablename__ = "sync_prereg"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
