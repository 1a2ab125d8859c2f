"""What the Sync page and the end-of-shift check read from the store (Qt-free, run off the GUI thread).

The ledger states are the sync client's (`workstation.sync.client`): a batch is ``building`` while
outbox rows are gathered, ``sealed`` once signed and encrypted, ``sending`` during an upload and
``acknowledged`` when the platform's receipt is stored. Changes not yet in any batch are counted
apart (``unbatched``), and so are the changes a conflict stopped: ``held`` (not sent: their record
has an undecided conflict), ``refused`` (the platform did not apply them: waiting for the officer's
decision) and ``decided`` (superseded by that decision: never applied). The acknowledged row counts
only the changes the platform applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from workstation.storage import outbox
from workstation.storage.db import Database
from workstation.storage.schema import OutboxEntry
from workstation.storage.sync_tables import SyncBatch, SyncDevice
from workstation.sync import freeze
from workstation.sync.client import (
    ACKNOWLEDGED,
    BUILDING,
    DECIDED,
    HELD,
    REFUSED,
    SEALED,
    SENDING,
    UNBATCHED,
    decided_conflicts,
)

#: The ledger states the page shows, in the order a change goes through them.
STATES: tuple[str, ...] = (BUILDING, SEALED, SENDING, ACKNOWLEDGED)
#: States of single changes, not of batches (the table shows no batch count for them).
CHANGE_STATES: frozenset[str] = frozenset({UNBATCHED, HELD, REFUSED, DECIDED})


@dataclass(frozen=True)
class StateRow:
    """One line of the page's table: a ledger state (or a change's state, `CHANGE_STATES`: then
    `batches` is 0), how many batches are in it, how many changes they hold and the oldest of those
    changes (None when empty, acknowledged or decided)."""

    state: str
    batches: int
    changes: int
    oldest: datetime | None


@dataclass(frozen=True)
class SyncOverview:
    """Everything the Sync page shows, read in one go (times are naive UTC, as stored)."""

    enrolled: bool
    device_status: str | None
    platform_url: str | None
    rows: tuple[StateRow, ...]
    waiting: int  # unacknowledged changes (outbox rows), whatever their state (`outbox.Backlog.records`)
    oldest_waiting: datetime | None
    last_error: str | None  # the newest error of a batch still waiting
    next_retry_at: datetime | None  # when that batch is tried again (None: not automatically)
    attempts: int
    open_conflicts: int
    last_acknowledged_at: datetime | None
    by_kind: dict[str, int] = field(default_factory=dict)
    freeze: freeze.FreezeOutlook | None = None  # the freeze rule's limits against what waits
    held: int = 0  # of `waiting`: changes held by an undecided conflict (sent with the decision)
    for_decision: int = 0  # of `waiting`: held or refused, waiting for a decision (not for a sync; not
    # counted by the freeze rule)


def enrolled(db: Database) -> bool:
    """Is the station enrolled with a platform and not revoked (can it sync at all)?"""
    with db.read() as s:
        dev = s.get(SyncDevice, 1)
    return dev is not None and dev.status != "revoked"


def unacknowledged_by_kind(db: Database) -> dict[str, int]:
    """Records with at least one change the platform has not acknowledged, per record type
    (outbox ``record_type``: person, property, room, …). A record changed three times counts once."""
    with db.read() as s:
        rows = s.execute(
            select(OutboxEntry.record_type, func.count(func.distinct(OutboxEntry.record_id)))
            .where(OutboxEntry.acked_at.is_(None))
            .group_by(OutboxEntry.record_type)
        ).all()
    return {str(t): int(n) for t, n in rows if n}


def waiting_for_decision(db: Database) -> int:
    """Records whose waiting changes wait for the officer's decision on a sync conflict, not for a sync
    (refused by the platform, or held: `storage.outbox.held_by_conflict`); counted like
    `unacknowledged_by_kind`, a record once however many of its changes wait."""
    with db.read() as s:
        n = s.scalar(
            select(func.count(func.distinct(OutboxEntry.record_type + ":" + OutboxEntry.record_id))).where(
                OutboxEntry.acked_at.is_(None), outbox.held_by_conflict()
            )
        )
    return int(n or 0)


def overview(db: Database) -> SyncOverview:
    """Read the ledger, the outbox backlog and the last error. Raises only on a storage failure."""
    from workstation.storage.sync_tables import SyncConflict

    with db.read() as s:
        dev = s.get(SyncDevice, 1)
        per_state = {
            str(st): (int(n), int(c or 0))
            for st, n, c in s.execute(
                select(SyncBatch.state, func.count(), func.sum(SyncBatch.record_count)).group_by(SyncBatch.state)
            ).all()
        }
        oldest_per_state = {
            str(st): o
            for st, o in s.execute(
                select(SyncBatch.state, func.min(OutboxEntry.created_at))
                .join(SyncBatch, SyncBatch.batch_id == OutboxEntry.batch_id)
                .where(OutboxEntry.acked_at.is_(None))
                .group_by(SyncBatch.state)
            ).all()
        }
        unbatched, oldest_unbatched = s.execute(
            select(func.count(), func.min(OutboxEntry.created_at)).where(
                OutboxEntry.batch_id.is_(None), ~outbox.held_by_conflict()
            )
        ).one()
        backlog = outbox.backlog(s)
        failed = s.execute(
            select(SyncBatch.last_error, SyncBatch.next_retry_at, SyncBatch.attempts)
            .where(SyncBatch.state.in_([SEALED, SENDING]), SyncBatch.last_error.is_not(None))
            .order_by(SyncBatch.seq)
            .limit(1)
        ).first()
        conflicts = int(
            s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))) or 0
        )
        decided = decided_conflicts(s)
        last_ack = s.scalar(select(func.max(SyncBatch.acked_at)))
        outlook = freeze.outlook(s)
    rows = [StateRow(UNBATCHED, 0, int(unbatched), oldest_unbatched)]
    if backlog.held:
        rows.append(StateRow(HELD, 0, backlog.held, backlog.held_oldest))
    for st in STATES:
        n, c = per_state.get(st, (0, 0))
        if st == ACKNOWLEDGED:  # a batch's receipt acknowledges it; the changes the platform refused are apart
            c = max(0, c - backlog.refused - decided)
        rows.append(StateRow(st, n, c, None if st == ACKNOWLEDGED else oldest_per_state.get(st)))
    if backlog.refused:
        rows.append(StateRow(REFUSED, 0, backlog.refused, backlog.refused_oldest))
    if decided:
        rows.append(StateRow(DECIDED, 0, decided, None))
    return SyncOverview(
        enrolled=dev is not None,
        device_status=dev.status if dev else None,
        platform_url=dev.platform_url if dev else None,
        rows=tuple(rows),
        waiting=backlog.records,
        oldest_waiting=backlog.oldest,
        last_error=failed[0] if failed else None,
        next_retry_at=failed[1] if failed else None,
        attempts=int(failed[2]) if failed else 0,
        open_conflicts=conflicts,
        last_acknowledged_at=last_ack,
        by_kind=unacknowledged_by_kind(db) if backlog.records else {},
        freeze=outlook,
        held=backlog.held,
        for_decision=backlog.for_decision,
    )
