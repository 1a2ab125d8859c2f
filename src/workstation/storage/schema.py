"""Tables of the workstation database (SQLAlchemy 2 declarative models).

Syncable records (`SyncMixin`) carry a client-generated UUID, a version that every change
increments, and `acked_version`: the highest version the platform has acknowledged (set by sync;
purge after retention needs `acked_version == version`). Only the area services (`storage.areas`) write them.

Boundary: there is no ethnicity, religion or political column anywhere, and no watch-list table.
Fingerprint templates live in their own table, encrypted under their own key.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy import (
    false as sa_false,
)
from sqlalchemy import (
    func as sa_func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class SyncMixin:
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    version: Mapped[int] = mapped_column(Integer, default=1)
    acked_version: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    created_by: Mapped[str | None] = mapped_column(String(64), default=None)


class Station(Base):
    __tablename__ = "station"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    parent_station: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # set once by `init_station(demo=True)`: synthetic data (storage/demo.py) only on such a station
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())


class Operator(Base):
    __tablename__ = "operator"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)


class Person(SyncMixin, Base):
    """A resident (实有人口)."""

    __tablename__ = "person"
    name: Mapped[str] = mapped_column(String(64))
    name_pinyin: Mapped[str] = mapped_column(String(128), default="")  # "zhangsan"
    name_initials: Mapped[str] = mapped_column(String(32), default="")  # "zs"
    # the everyday reading when the surname has its own (曾 zeng / ceng): domain.names.name_readings
    name_pinyin_alt: Mapped[str | None] = mapped_column(String(128))  # "cengzhiqiang"
    name_initials_alt: Mapped[str | None] = mapped_column(String(32))  # "czq"
    name_latin: Mapped[str | None] = mapped_column(String(128))
    sex: Mapped[str] = mapped_column(String(1), default="0")
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20))
    employer: Mapped[str | None] = mapped_column(String(128))
    arrival_date: Mapped[date | None] = mapped_column(Date)
    household_address: Mapped[str | None] = mapped_column(String(128))  # 户籍地址
    nationality: Mapped[str | None] = mapped_column(String(3))
    # a foreign guest's stay (migration 0007): visa or permit type and number, date of entry, and the
    # date the guest intends to stay until (出入境管理法 art. 39; 境外人员住宿登记)
    visa_type: Mapped[str | None] = mapped_column(String(24))
    visa_number: Mapped[str | None] = mapped_column(String(32))
    entry_date: Mapped[date | None] = mapped_column(Date)
    stay_until: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    # current residence, kept in step with active tenancies (for filters by grid and property)
    grid_code: Mapped[str | None] = mapped_column(String(32))
    property_id: Mapped[str | None] = mapped_column(String(36))

    __table_args__ = (
        Index("ix_person_name", "name"),
        Index("ix_person_name_pinyin", "name_pinyin"),
        Index("ix_person_name_initials", "name_initials"),
        Index("ix_person_name_pinyin_alt", "name_pinyin_alt"),
        Index("ix_person_name_initials_alt", "name_initials_alt"),
        Index("ix_person_phone", "phone"),
        Index("ix_person_grid_code", "grid_code", "name_pinyin"),
        Index("ix_person_grid_initials", "grid_code", "name_initials"),
        Index("ix_person_grid_pinyin_alt", "grid_code", "name_pinyin_alt"),
        Index("ix_person_grid_initials_alt", "grid_code", "name_initials_alt"),
        Index("ix_person_property_id", "property_id"),
        Index("ix_person_created_at", "created_at"),
    )


class IdentityDocumentRow(SyncMixin, Base):
    __tablename__ = "identity_document"
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    doc_type: Mapped[str] = mapped_column(String(24))
    number: Mapped[str] = mapped_column(String(32))
    issuer: Mapped[str | None] = mapped_column(String(64))
    nationality: Mapped[str | None] = mapped_column(String(3))
    name_latin: Mapped[str | None] = mapped_column(String(128))
    address: Mapped[str | None] = mapped_column(String(128))  # address printed on the document
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    long_term: Mapped[bool] = mapped_column(Boolean, default=False)
    pass_number: Mapped[str | None] = mapped_column(String(32))
    issue_count: Mapped[int | None] = mapped_column(Integer)
    previous_number: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16), default="manual")
    # DocumentValidity on the day of registration ("valid", "expired", "not_yet_valid", "unknown");
    # NULL for documents registered before it was recorded
    validity_at_registration: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (
        Index("ix_identity_document_number", "number"),
        Index("ix_identity_document_person_id", "person_id"),
    )


#: The last four characters of a document number: the resident search by an ID number's tail
#: ("002X", `storage.search`) is one lookup in this expression index (migration 0014).
NUMBER_TAIL = 4
Index("ix_identity_document_number_tail", sa_func.substr(IdentityDocumentRow.number, -NUMBER_TAIL))


class Property(SyncMixin, Base):
    """A rental property (出租屋)."""

    __tablename__ = "property"
    address: Mapped[str] = mapped_column(String(200))
    grid_code: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(24))
    landlord_name: Mapped[str | None] = mapped_column(String(64))
    landlord_phone: Mapped[str | None] = mapped_column(String(20))
    landlord_id_number: Mapped[str | None] = mapped_column(String(32))
    manager_name: Mapped[str | None] = mapped_column(String(128))  # 物管单位
    manager_phone: Mapped[str | None] = mapped_column(String(20))
    assistant_username: Mapped[str | None] = mapped_column(String(64))  # 协管员 who registers it (0007)
    district_code: Mapped[str | None] = mapped_column(String(32))  # 警区 that checks it (0007)
    __table_args__ = (
        Index("ix_property_grid_code", "grid_code"),
        Index("ix_property_assistant_username", "assistant_username"),
        Index("ix_property_address", "address", "id"),  # the property list's order (0011)
        Index("ix_property_grid_address", "grid_code", "address", "id"),  # a grid's list (0011)
    )


@event.listens_for(Property, "after_insert")
def _property_inserted(_mapper: Any, connection: Any, target: Property) -> None:
    """A new property's pinyin keys (`storage.search.index_property_keys`), in its transaction."""
    from workstation.storage.search import index_property_keys

    index_property_keys(connection, [(target.id, target.address, target.landlord_name)])


@event.listens_for(Property, "after_update")
def _property_updated(_mapper: Any, connection: Any, target: Property) -> None:
    """The pinyin keys again when the address or the landlord's name changed (any writer: the
    housing area, a sync conflict decided for the platform's copy)."""
    from sqlalchemy import inspect

    from workstation.storage.search import index_property_keys

    state = inspect(target)
    if state.attrs.address.history.has_changes() or state.attrs.landlord_name.history.has_changes():
        index_property_keys(connection, [(target.id, target.address, target.landlord_name)])


class Room(SyncMixin, Base):
    __tablename__ = "room"
    property_id: Mapped[str] = mapped_column(ForeignKey("property.id"))
    label: Mapped[str] = mapped_column(String(32))
    capacity: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (Index("ix_room_property_id", "property_id"),)


class Tenancy(SyncMixin, Base):
    """A person bound to a room (人屋捆绑)."""

    __tablename__ = "tenancy"
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    room_id: Mapped[str] = mapped_column(ForeignKey("room.id"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    relation: Mapped[str] = mapped_column(String(24))
    source: Mapped[str] = mapped_column(String(24))
    __table_args__ = (
        Index("ix_tenancy_person_id", "person_id"),
        Index("ix_tenancy_room_id", "room_id"),
        # the live bindings recorded by staff, the only ones a landlord can be late declaring (0012)
        Index("ix_tenancy_staff_open", "room_id", "start_date", "end_date", "person_id",
              sqlite_where=text("deleted_at IS NULL AND source IN ('officer', 'assistant')")),
    )


class Declaration(SyncMixin, Base):
    """A landlord declaration (业主申报): who the landlord says lives in the property."""

    __tablename__ = "declaration"
    property_id: Mapped[str] = mapped_column(ForeignKey("property.id"))
    declared_on: Mapped[date] = mapped_column(Date)
    declarant_name: Mapped[str] = mapped_column(String(64))
    declarant_phone: Mapped[str | None] = mapped_column(String(20))
    entries: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)  # [{name, id_number, room}]
    __table_args__ = (Index("ix_declaration_property_id", "property_id"),)


class SpotCheck(SyncMixin, Base):
    """An officer's spot check (抽查核查) of one binding, one room (an empty one) or the property."""

    __tablename__ = "spot_check"
    property_id: Mapped[str] = mapped_column(ForeignKey("property.id"))
    tenancy_id: Mapped[str | None] = mapped_column(ForeignKey("tenancy.id"))
    room_id: Mapped[str | None] = mapped_column(ForeignKey("room.id"))  # a room checked on its own (0012)
    grid_code: Mapped[str] = mapped_column(String(32))
    result: Mapped[str] = mapped_column(String(16))
    notes: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (
        Index("ix_spot_check_property_id", "property_id"),
        Index("ix_spot_check_grid_code", "grid_code"),
    )


class Task(SyncMixin, Base):
    """A task (任务单) pushed by the platform."""

    __tablename__ = "task"
    platform_id: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    subject_type: Mapped[str | None] = mapped_column(String(32))
    subject_ref: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    details: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")
    result: Mapped[str | None] = mapped_column(String(32))
    result_notes: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)
    completed_by: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (Index("ix_task_status", "status"),)


class Fingerprint(SyncMixin, Base):
    """A fingerprint enrollment. Template (and the optional image) are AES-GCM encrypted under
    their own key (`fingerprint-templates`), apart from identity tables (GB/T 35273)."""

    __tablename__ = "fingerprint"
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"))
    position: Mapped[int] = mapped_column(Integer)  # ISO finger position
    template_enc: Mapped[bytes] = mapped_column(LargeBinary)
    image_enc: Mapped[bytes | None] = mapped_column(LargeBinary)  # only when station policy allows
    quality: Mapped[int] = mapped_column(Integer)
    device: Mapped[str | None] = mapped_column(String(64))
    captured_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (Index("ix_fingerprint_person_id", "person_id"),)


class OutboxEntry(Base):
    """One change waiting for the platform, written in the same transaction as the change."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    base_version: Mapped[int | None] = mapped_column(Integer)
    operation: Mapped[str] = mapped_column(String(8))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    batch_id: Mapped[str | None] = mapped_column(String(36))
    # When the change stopped waiting: the platform's receipt acknowledged it or, for a change the platform
    # refused (a `sync_conflict` row names it), the officer's decision superseded it (`client.settle_conflict`).
    acked_at: Mapped[datetime | None] = mapped_column(DateTime)
    # `outbox.content_hash` of the base version as this station saw it (its own change at `base_version`, or
    # the platform's copy a conflict was decided over); None: not known (sent on the version alone). 0015.
    base_hash: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (
        Index("ix_outbox_batch_id", "batch_id", "seq"),
        Index("ix_outbox_record", "record_type", "record_id"),
        Index("ix_outbox_acked_at_created_at", "acked_at", "created_at"),  # the backlog and its oldest (0010)
    )


class DailyCount(Base):
    """Rows per day of a series, kept by triggers in the transaction of every write (migration 0010):
    ``person.created`` (registrations), ``outbox.created`` and ``outbox.acked``. ``day`` is the first
    ten characters of the stored UTC timestamp. Read by `storage.metrics`; nothing writes it directly."""

    __tablename__ = "daily_count"
    series: Mapped[str] = mapped_column(String(24), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class GridCheckCount(Base):
    """Live spot checks per grid and result, kept by triggers (migration 0010); the consistency rate
    per grid (一致率) reads it. Nothing writes it directly."""

    __tablename__ = "grid_check_count"
    grid_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    result: Mapped[str] = mapped_column(String(16), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class StaffBinding(Base):
    """A live binding recorded by an officer or an assistant (live room and person), kept by triggers
    (migration 0013) for the late-landlord filter (`storage.areas.checks`): its property, its dates
    and the date of the latest live declaration of the property naming its person (None: none).
    Nothing writes it directly."""

    __tablename__ = "staff_binding"
    tenancy_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    property_id: Mapped[str] = mapped_column(String(36))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    last_declared_on: Mapped[date | None] = mapped_column(Date)
    __table_args__ = (Index("ix_staff_binding_property_id", "property_id", "start_date"),)


class AuditEvent(Base):
    """Append-only, hash-chained, MAC'd. Triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_event"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48))
    target_type: Mapped[str | None] = mapped_column(String(32))
    target_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))
    __table_args__ = (
        Index("ix_audit_event_target", "target_type", "target_id"),
        # the audit viewer's filters, each keyset-paged newest first (migration 0008)
        Index("ix_audit_event_actor_seq", "actor", "seq"),
        Index("ix_audit_event_target_id_seq", "target_id", "seq"),
        Index("ix_audit_event_action_seq", "action", "seq"),
        Index("ix_audit_event_at", "at"),
        Index("ix_audit_event_outcome_seq", "outcome", "seq"),
    )


class AuditHead(Base):
    """The chain's head (last seq and hash, MAC'd): detects a truncated tail."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


SYNCABLE: dict[str, type[SyncMixin]] = {
    "person": Person,
    "identity_document": IdentityDocumentRow,
    "property": Property,
    "room": Room,
    "tenancy": Tenancy,
    "declaration": Declaration,
    "spot_check": SpotCheck,
    "task": Task,
    "fingerprint": Fingerprint,
}

__all__ = [
    "SYNCABLE",
    "AuditEvent",
    "AuditHead",
    "Base",
    "Declaration",
    "Fingerprint",
    "IdentityDocumentRow",
    "Operator",
    "OutboxEntry",
    "Person",
    "Property",
    "Room",
    "Setting",
    "SpotCheck",
    "Station",
    "SyncMixin",
    "Tenancy",
    "UniqueConstraint",
]
