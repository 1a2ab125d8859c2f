"""The outbox: one row per change of a syncable record, in the same transaction as the change."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, LargeBinary, String, Text, bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from workstation.storage.schema import SYNCABLE, OutboxEntry, SyncMixin
from workstation.storage.sync_tables import SyncConflict


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        import base64

        return {"b64": base64.b64encode(value).decode()}
    return value


def record_payload(record: SyncMixin) -> dict[str, Any]:
    """The record as it is synced: every column except local bookkeeping."""
    skip = {"acked_version"}
    table = record.__table__  # type: ignore[attr-defined]
    return {c.key: _jsonable(getattr(record, c.key)) for c in table.columns if c.key not in skip}


#: Columns a synced copy never sets on a local record: its identity and the local bookkeeping
#: (version, acknowledgement, creation, change and deletion times are the life cycle's).
NOT_FROM_PAYLOAD = frozenset({"id", "version", "acked_version", "created_at", "created_by", "updated_at", "deleted_at"})


def _from_json(column: Any, value: Any) -> Any:
    """One payload value as the column stores it (`_jsonable` reversed). Raises ValueError."""
    import base64

    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(str(value)).replace(tzinfo=None)
    if isinstance(kind, Date):
        return date.fromisoformat(str(value)[:10])
    if isinstance(kind, LargeBinary):
        if not isinstance(value, dict) or not isinstance(value.get("b64"), str):
            raise ValueError(f"{column.key}: not binary data")
        return base64.b64decode(value["b64"], validate=True)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"{column.key}: not true or false")
        return value
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{column.key}: not a whole number")
        return value
    if isinstance(kind, String | Text):
        if not isinstance(value, str):
            raise ValueError(f"{column.key}: not text")
        length = getattr(kind, "length", None)
        if length is not None and len(value) > length:
            raise ValueError(f"{column.key}: longer than {length} characters")
        return value
    return value  # JSON columns keep the JSON value


def values_from_payload(model: type[SyncMixin], payload: dict[str, Any]) -> dict[str, Any]:
    """The column values a synced copy of a record (`record_payload` as the platform holds it) sets on
    a local record of `model`: only columns of the table the payload names, without `NOT_FROM_PAYLOAD`;
    dates, times and binary data converted back. A column the payload leaves out is not in the result
    (the local value stays).

    Raises:
        ValueError: a value is not of the column's kind (names the column; no value in the message).
    """
    table: Any = model.__table__  # type: ignore[attr-defined]
    out: dict[str, Any] = {}
    for column in table.columns:
        if column.key in NOT_FROM_PAYLOAD or column.key not in payload:
            continue
        try:
            out[column.key] = _from_json(column, payload[column.key])
        except (TypeError, ValueError) as exc:
            if str(exc).startswith(column.key + ":"):
                raise
            raise ValueError(f"{column.key}: not a valid value") from None
        if out[column.key] is None and not column.nullable:
            raise ValueError(f"{column.key}: may not be empty")
    return out


def record_type_of(record: SyncMixin) -> str:
    name: str = record.__tablename__  # type: ignore[attr-defined]
    return name


def content_hash(payload: str | dict[str, Any]) -> str:
    """The hash a change's base is compared by (the ``base_hash`` of a sealed batch's record, PROTOCOL.md):
    SHA-256 hex of the payload as canonical JSON (sorted keys, no whitespace, ASCII), so the platform's
    stored text, this station's outbox text and a copy fetched from the platform hash alike. `payload`
    is the record's JSON text or the parsed object; text that is not JSON is hashed as its UTF-8 bytes.
    Never raises."""
    import hashlib

    value: Any = payload
    if isinstance(payload, str):
        try:
            value = json.loads(payload)
        except ValueError:
            return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()
    try:
        data = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    except (TypeError, ValueError):
        data = repr(value).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


#: `append`'s default `base_hash`: the base is this station's own change at `base_version`.
OWN_BASE = "own"


def base_hash_of(session: Session, record_type: str, record_id: str, base_version: int | None) -> str | None:
    """`content_hash` of this station's own change of the record at `base_version` (its newest outbox
    row of that version), the content a change based on that version was made from; None when the base
    is no change of this station's (a create, a version that came from the platform, a row purged after
    its retention)."""
    if base_version is None:
        return None
    payload = session.execute(
        select(OutboxEntry.payload)
        .where(
            OutboxEntry.record_type == record_type,
            OutboxEntry.record_id == record_id,
            OutboxEntry.version == base_version,
        )
        .order_by(OutboxEntry.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    return None if payload is None else content_hash(payload)


def append(
    session: Session,
    record: SyncMixin,
    operation: str,
    *,
    base_version: int | None,
    base_hash: str | None = OWN_BASE,
) -> OutboxEntry:
    """An outbox row for `record` as it stands, in the caller's transaction. The row's `base_hash` is what
    the change was based on by content (`content_hash`): by default (`OWN_BASE`) this station's own change
    at `base_version` (`base_hash_of`); a conflict decision gives the hash of the platform's copy it was
    decided over; None: not known (the platform compares the version alone)."""
    kind = record_type_of(record)
    if base_hash == OWN_BASE:
        base_hash = base_hash_of(session, kind, record.id, base_version)
    entry = OutboxEntry(
        record_type=kind,
        record_id=record.id,
        version=record.version,
        base_version=base_version,
        base_hash=base_hash,
        operation=operation,
        payload=json.dumps(record_payload(record), ensure_ascii=False, sort_keys=True),
    )
    session.add(entry)
    return entry


def append_payload(
    session: Session,
    *,
    record_type: str,
    record_id: str,
    operation: str,
    version: int,
    base_version: int | None,
    payload: dict[str, Any],
) -> OutboxEntry:
    """An outbox row for a change that has no syncable table of its own (e.g. the outcome of a
    pre-registration, record type "prereg"): `payload` is sent as it is (JSON-able values; dates are
    written as ISO 8601). Call it in the transaction that makes the change."""
    entry = OutboxEntry(
        record_type=record_type,
        record_id=record_id,
        version=version,
        base_version=base_version,
        operation=operation,
        payload=json.dumps({k: _jsonable(v) for k, v in payload.items()}, ensure_ascii=False, sort_keys=True),
    )
    session.add(entry)
    return entry


def pending(session: Session, limit: int = 1000) -> list[OutboxEntry]:
    """Rows not yet gathered into a batch, oldest first."""
    rows = session.execute(
        select(OutboxEntry).where(OutboxEntry.batch_id.is_(None)).order_by(OutboxEntry.seq).limit(limit)
    ).scalars()
    return list(rows)


#: Outbox rows acknowledged per statement by `mark_acknowledged` (their seqs travel as one JSON array).
ACK_CHUNK = 5000


def _in_chunk() -> Any:
    """`outbox.seq IN (the seqs of the JSON array bound as "seqs")`: one bound value for any number of
    rows, unpacked by SQLite (json_each) rather than by Python."""
    otbl: Any = OutboxEntry.__table__
    return otbl.c.seq.in_(select(func.json_each(bindparam("seqs")).table_valued("value").c.value))


def mark_acknowledged(session: Session, seqs: list[int], at: datetime) -> int:
    """Mark outbox rows acknowledged and raise each record's acked_version to the highest
    acknowledged version. Call it in the transaction that stores the receipt. Set-based: per chunk of
    `ACK_CHUNK` rows, one UPDATE per record type found and one for the outbox rows, all done by SQLite
    (a sync's Python thread holds the interpreter lock for no per-row work, so the window stays
    responsive; a backlog of 20k records drains in well under a second). Returns the number of outbox
    rows newly acknowledged."""
    n = 0
    conn = session.connection()
    otbl: Any = OutboxEntry.__table__
    for i in range(0, len(seqs), ACK_CHUNK):
        params = {"seqs": json.dumps([int(q) for q in seqs[i : i + ACK_CHUNK]])}
        types = conn.execute(select(otbl.c.record_type).where(_in_chunk()).distinct(), params).scalars().all()
        for record_type in types:
            model = SYNCABLE.get(record_type)
            if model is None:
                continue
            tbl: Any = model.__table__  # type: ignore[attr-defined]
            acked = (
                select(otbl.c.record_id, func.max(otbl.c.version).label("v"))
                .where(_in_chunk(), otbl.c.record_type == record_type)
                .group_by(otbl.c.record_id)
                .subquery()
            )
            conn.execute(  # UPDATE … FROM: each record found by its key, raised to its newest version acknowledged
                update(tbl)
                .where(tbl.c.id == acked.c.record_id)
                .where(or_(tbl.c.acked_version.is_(None), tbl.c.acked_version < acked.c.v))
                .values(acked_version=acked.c.v),
                params,
            )
        result = conn.execute(update(otbl).where(_in_chunk(), otbl.c.acked_at.is_(None)).values(acked_at=at), params)
        n += result.rowcount
    return n


def held_by_conflict() -> Any:
    """SQL condition on `OutboxEntry`: the change's record has an undecided conflict (`SyncConflict` not
    resolved). Such a change, not in a batch yet, is held: sent, it would be applied over the platform's
    version the officer has not decided about (versions are numbered on each side, so "based on
    version 2" can name the platform's version 2 although the change was made over this station's)."""
    return (
        select(SyncConflict.id)
        .where(
            SyncConflict.record_type == OutboxEntry.record_type,
            SyncConflict.record_id == OutboxEntry.record_id,
            SyncConflict.resolved_at.is_(None),
        )
        .exists()
    )


def refused_change(*, decided: bool | None = None) -> Any:
    """SQL condition on `OutboxEntry`: the platform refused this very change (a `SyncConflict` names its
    batch, record and version). `decided`: True - the refusal is decided, False - not yet, None - either."""
    where = [
        SyncConflict.batch_id == OutboxEntry.batch_id,
        SyncConflict.record_type == OutboxEntry.record_type,
        SyncConflict.record_id == OutboxEntry.record_id,
        SyncConflict.version == OutboxEntry.version,
    ]
    if decided is not None:
        where.append(SyncConflict.resolved_at.is_not(None) if decided else SyncConflict.resolved_at.is_(None))
    return select(SyncConflict.id).where(*where).exists()


@dataclass(frozen=True)
class Backlog:
    """The changes the platform has not acknowledged (outbox rows without `acked_at`), split by what a sync
    can do about them (`backlog`). Times naive UTC (``created_at`` of the change); None when there is none.

    * `sendable`: what a sync sends - not in a batch yet (and not held), or in a batch not acknowledged.
      The freeze rule (`sync.freeze`) counts only these, by number and by age: syncing clears them.
    * `held`: not in a batch, their record has an undecided conflict (`held_by_conflict`): they wait for
      the officer's decision, which carries them (or replaces them).
    * `refused`: the platform did not apply them (a conflict names them), waiting for the decision.

    Held and refused changes are kept (never purged while they wait) and counted in `records`: they have
    not reached the platform, but no sync can send them, so they do not count toward the freeze rule."""

    records: int  # every change not acknowledged: sendable + held + refused
    oldest: datetime | None
    sendable: int
    sendable_oldest: datetime | None
    held: int
    held_oldest: datetime | None
    refused: int
    refused_oldest: datetime | None

    @property
    def for_decision(self) -> int:
        """Changes waiting for the officer's decision on a sync conflict (held + refused), not for a sync."""
        return self.held + self.refused

    def age_hours(self, now: datetime) -> float:
        """Hours since the oldest change not acknowledged was made (0 when none); `now` naive UTC."""
        return 0.0 if self.oldest is None else (now - self.oldest).total_seconds() / 3600


def backlog(session: Session) -> Backlog:
    """The changes not acknowledged by the platform, in the caller's session (see `Backlog`): the one
    count that the freeze rule, ``workstation sync --status``, the Sync page, the status bar and the
    dashboard read. Cheap when no conflict is open (two index reads); with open conflicts it looks only
    at the changes not in a batch and at the refused ones (indexed joins)."""
    count, oldest = session.execute(
        select(func.count(), func.min(OutboxEntry.created_at)).where(OutboxEntry.acked_at.is_(None))
    ).one()
    count = int(count)
    if not count or session.scalar(select(SyncConflict.id).where(SyncConflict.resolved_at.is_(None)).limit(1)) is None:
        return Backlog(count, oldest, count, oldest, 0, None, 0, None)
    unsent = OutboxEntry.acked_at.is_(None)
    held_where = (OutboxEntry.batch_id.is_(None), unsent, held_by_conflict())
    held, held_oldest = session.execute(select(func.count(), func.min(OutboxEntry.created_at)).where(*held_where)).one()
    refused, refused_oldest = session.execute(
        select(func.count(), func.min(OutboxEntry.created_at)).where(
            OutboxEntry.batch_id.is_not(None), unsent, refused_change(decided=False)
        )
    ).one()
    held, refused = int(held), int(refused)
    sendable_oldest: datetime | None = oldest
    if held or refused:  # the oldest change a sync sends: walk the backlog's index from its oldest
        sendable_oldest = session.scalar(
            select(OutboxEntry.created_at)
            .where(
                unsent,
                ~((OutboxEntry.batch_id.is_(None)) & held_by_conflict()),
                ~((OutboxEntry.batch_id.is_not(None)) & refused_change(decided=False)),
            )
            .order_by(OutboxEntry.created_at)
            .limit(1)
        )
    return Backlog(count, oldest, count - held - refused, sendable_oldest, held, held_oldest, refused, refused_oldest)
