"""Metrics as queries over the store; the dashboard draws them.

- consistency rate (一致率): consistent spot checks / all spot checks, per property, grid, station
- feedback rate (反馈率): tasks with a result / tasks received (target 100%)
- registrations per day
- unsynced backlog: unacknowledged outbox rows and the age of the oldest
- over time, one value per day (the Today dashboard): registrations, the feedback rate as it stood
  at the end of each day, and the backlog at the end of each day

Days are the store's days: timestamps are kept in UTC, so a day runs from 00:00 to 24:00 UTC. A
series over days counts each day with a range over an indexed timestamp (``ts >= day and ts <
day + 1``), never ``date(ts)`` per row: at a million residents the range counts cost a tenth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import String, case, func, select
from sqlalchemy.orm import Session

from workstation.domain.enums import TaskStatus
from workstation.storage import outbox
from workstation.storage.schema import OutboxEntry, Person, SpotCheck, Task
from workstation.storage.sync_tables import SyncPrereg


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def percent(self) -> str:
        v = self.value
        return "—" if v is None else f"{v * 100:.1f}%"


def _consistency(session: Session, group: Any, *where: Any) -> dict[str, Rate]:
    consistent = func.sum(case((SpotCheck.result == "consistent", 1), else_=0))
    cols = [consistent, func.count()]
    entities: list[Any] = ([group] if group is not None else []) + cols
    stmt = select(*entities).where(SpotCheck.deleted_at.is_(None), *where)
    if group is not None:
        stmt = stmt.group_by(group)
    out: dict[str, Rate] = {}
    for row in session.execute(stmt):
        if group is None:
            out["station"] = Rate(int(row[0] or 0), int(row[1]))
        else:
            out[str(row[0])] = Rate(int(row[1] or 0), int(row[2]))
    return out


def consistency_by_property(session: Session) -> dict[str, Rate]:
    return _consistency(session, SpotCheck.property_id)


def consistency_for_properties(session: Session, property_ids: Sequence[str]) -> dict[str, Rate]:
    """`consistency_by_property` for the given properties only (a page of a list): the same rate,
    computed over their spot checks alone. Properties never checked are absent."""
    if not property_ids:
        return {}
    return _consistency(session, SpotCheck.property_id, SpotCheck.property_id.in_(list(property_ids)))


def consistency_by_grid(session: Session) -> dict[str, Rate]:
    return _consistency(session, SpotCheck.grid_code)


def consistency_of_property(session: Session, property_id: str) -> Rate:
    """The consistency rate of one property (its index, not a scan of every spot check)."""
    return _consistency(session, None, SpotCheck.property_id == property_id).get("station", Rate(0, 0))


def consistency_of_grid(session: Session, grid_code: str) -> Rate:
    """The consistency rate of one grid."""
    return _consistency(session, None, SpotCheck.grid_code == grid_code).get("station", Rate(0, 0))


def consistency_station(session: Session) -> Rate:
    return _consistency(session, None).get("station", Rate(0, 0))


def feedback_rate(session: Session) -> Rate:
    done, total = session.execute(
        select(func.sum(case((Task.result.is_not(None), 1), else_=0)), func.count()).where(Task.deleted_at.is_(None))
    ).one()
    return Rate(int(done or 0), int(total))


def day_starts(days: int, today: date | None = None) -> list[datetime]:
    """The starts (00:00) of the `days` days ending with `today` (default: the local date), oldest
    first, plus the start of the day after `today`: ``days + 1`` boundaries."""
    today = today or date.today()
    start = today - timedelta(days=days - 1)
    return [datetime.combine(start + timedelta(days=i), datetime.min.time()) for i in range(days + 1)]


def _counts_per_day(
    session: Session, column: Any, bounds: list[datetime], *where: Any, small: bool = False
) -> list[int]:
    """How many rows have `column` in each day [bounds[i], bounds[i + 1]).

    Over an indexed column, one range count a day (an index range each, no function per row); for a
    `small` table (tasks), one pass grouped by ``date(column)``."""
    if not small:
        stmts = [
            select(func.count()).where(column >= lo, column < hi, *where)
            for lo, hi in zip(bounds, bounds[1:], strict=False)
        ]
        return [int(session.execute(stmt).scalar_one()) for stmt in stmts]
    day = func.date(column, type_=String)
    found = dict(
        session.execute(
            select(day, func.count()).where(column >= bounds[0], column < bounds[-1], *where).group_by(day)
        ).all()
    )
    return [int(found.get(b.date().isoformat(), 0)) for b in bounds[:-1]]


def registrations_per_day(session: Session, *, days: int = 30, today: date | None = None) -> list[tuple[date, int]]:
    """Residents registered on each of the `days` days ending with `today` (default: the local date),
    oldest first: ``[(day, count), ...]``, a day without registrations counted 0. A registration
    deleted since still counts on its day (it happened)."""
    bounds = day_starts(days, today)
    counts = _counts_per_day(session, Person.created_at, bounds)
    return [(b.date(), c) for b, c in zip(bounds, counts, strict=False)]


def feedback_rate_per_day(session: Session, *, days: int = 30, today: date | None = None) -> list[tuple[date, Rate]]:
    """The feedback rate (反馈率) as it stood at the end of each of the `days` days ending with `today`,
    oldest first: ``[(day, Rate(tasks with a result by then, tasks received by then)), ...]``.

    A task counts as received at its ``received_at`` and as answered at its ``completed_at`` (a task
    that arrived with its result already set, without a completion time: at its arrival). Withdrawn
    (deleted) tasks count nowhere, as in `feedback_rate`; so the last day's rate is `feedback_rate`
    whenever nothing is dated after today."""
    bounds = day_starts(days, today)
    live = Task.deleted_at.is_(None)
    answered_at = func.coalesce(Task.completed_at, Task.received_at)
    received = _cumulative(session, Task.received_at, bounds, live)
    answered = _cumulative(session, answered_at, bounds, live, Task.result.is_not(None))
    return [(b.date(), Rate(a, r)) for b, a, r in zip(bounds, answered, received, strict=False)]


def _cumulative(session: Session, column: Any, bounds: list[datetime], *where: Any) -> list[int]:
    """Rows (of a small table) with `column` before the end of each day (bounds[i + 1])."""
    before = int(session.execute(select(func.count()).where(column < bounds[0], *where)).scalar_one())
    out = []
    for n in _counts_per_day(session, column, bounds, *where, small=True):
        before += n
        out.append(before)
    return out


def backlog_per_day(session: Session, *, days: int = 30, today: date | None = None) -> list[tuple[date, int]]:
    """Changes waiting for the platform at the end of each of the `days` days ending with `today`,
    oldest first: ``[(day, count), ...]``. Derived from the backlog now: a change created after a
    day's end was not waiting then, one acknowledged after it still was. Outbox rows purged after
    their retention were acknowledged long before any of these days, so they change nothing."""
    bounds = day_starts(days, today)
    now_waiting, _oldest = outbox.backlog(session)
    created_after = _after(session, OutboxEntry.created_at, bounds)
    acked_after = _after(session, OutboxEntry.acked_at, bounds)
    return [
        (b.date(), now_waiting - c + a) for b, c, a in zip(bounds, created_after, acked_after, strict=False)
    ]


def _after(session: Session, column: Any, bounds: list[datetime]) -> list[int]:
    """Rows with `column` at or after the end of each day (bounds[i + 1]), up to now and beyond."""
    later = int(session.execute(select(func.count()).where(column >= bounds[-1])).scalar_one())
    counts = _counts_per_day(session, column, bounds)
    out = [0] * len(counts)
    for i in range(len(counts) - 1, -1, -1):
        out[i] = later
        later += counts[i]
    return out


def tasks_due(session: Session, *, today: date | None = None) -> tuple[int, int]:
    """Open tasks due by `today` (default: the local date): ``(due today or earlier, of which overdue)``."""
    today = today or date.today()
    open_ = (Task.deleted_at.is_(None), Task.status == TaskStatus.OPEN.value)
    due, overdue = session.execute(
        select(func.count(), func.sum(case((Task.due_date < today, 1), else_=0))).where(
            *open_, Task.due_date <= today
        )
    ).one()
    return int(due), int(overdue or 0)


def preregistrations_waiting(session: Session) -> int:
    """Pre-registrations from the platform waiting for the officer (status "pending")."""
    return int(
        session.execute(select(func.count()).select_from(SyncPrereg).where(SyncPrereg.status == "pending")).scalar_one()
    )


@dataclass(frozen=True)
class Backlog:
    records: int
    oldest: datetime | None

    def age_hours(self, now: datetime) -> float:
        return 0.0 if self.oldest is None else (now - self.oldest).total_seconds() / 3600


def unsynced_backlog(session: Session) -> Backlog:
    n, oldest = outbox.backlog(session)
    return Backlog(n, oldest)
