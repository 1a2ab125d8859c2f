"""Metrics as queries over the store; the dashboard draws them.

- consistency rate (一致率): consistent spot checks / all spot checks, per property, grid, station
- feedback rate (反馈率): tasks with a result / tasks received (target 100%)
- registrations per day
- unsynced backlog: unacknowledged outbox rows and the age of the oldest
- over time, one value per day (the Today dashboard): registrations, the feedback rate as it stood
  at the end of each day, and the backlog at the end of each day

Days are the store's days: timestamps are kept in UTC, so a day runs from 00:00 to 24:00 UTC. The
big tables' series (registrations, the outbox) and the spot checks per grid are read from the running
counts triggers keep (`schema.DailyCount`, `schema.GridCheckCount`, migration 0010): a few dozen
primary-key reads instead of a step per row, whatever the station holds. Tasks are few: counted.
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
from workstation.storage.schema import DailyCount, GridCheckCount, SpotCheck, Task
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
    """Consistent / all live spot checks of each grid that has any (the running counts of
    `GridCheckCount`: one row per grid and result, not a pass over every spot check)."""
    out: dict[str, list[int]] = {}
    for grid, result, n in session.execute(select(GridCheckCount.grid_code, GridCheckCount.result, GridCheckCount.n)):
        counts = out.setdefault(grid, [0, 0])
        counts[1] += int(n)
        if result == "consistent":
            counts[0] += int(n)
    return {grid: Rate(ok, total) for grid, (ok, total) in out.items() if total}


def consistency_of_property(session: Session, property_id: str) -> Rate:
    """The consistency rate of one property (its index, not a scan of every spot check)."""
    return _consistency(session, None, SpotCheck.property_id == property_id).get("station", Rate(0, 0))


def consistency_of_grid(session: Session, grid_code: str) -> Rate:
    """The consistency rate of one grid."""
    return _consistency(session, None, SpotCheck.grid_code == grid_code).get("station", Rate(0, 0))


def consistency_station(session: Session) -> Rate:
    """Consistent / all live spot checks of the station (the sum of `consistency_by_grid`)."""
    ok = total = 0
    for rate in consistency_by_grid(session).values():
        ok, total = ok + rate.numerator, total + rate.denominator
    return Rate(ok, total)


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


def _daily(session: Session, series: str, first: date) -> dict[date, int]:
    """`DailyCount` of `series` from `first` on (later days included): {day: rows}."""
    rows = session.execute(
        select(DailyCount.day, DailyCount.n).where(DailyCount.series == series, DailyCount.day >= first.isoformat())
    ).all()
    return {date.fromisoformat(day): int(n) for day, n in rows}


def _tasks_per_day(session: Session, column: Any, bounds: list[datetime], *where: Any) -> list[int]:
    """Tasks with `column` in each day [bounds[i], bounds[i + 1]): one pass grouped by ``date(column)``
    (tasks are few)."""
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
    days_ = [b.date() for b in day_starts(days, today)[:-1]]
    counts = _daily(session, "person.created", days_[0])
    return [(d, counts.get(d, 0)) for d in days_]


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
    for n in _tasks_per_day(session, column, bounds, *where):
        before += n
        out.append(before)
    return out


def backlog_per_day(session: Session, *, days: int = 30, today: date | None = None) -> list[tuple[date, int]]:
    """Changes waiting for the platform at the end of each of the `days` days ending with `today`,
    oldest first: ``[(day, count), ...]``. Derived from the backlog now: a change created after a
    day's end was not waiting then, one acknowledged after it still was. Outbox rows purged after
    their retention were acknowledged long before any of these days, so they change nothing."""
    days_ = [b.date() for b in day_starts(days, today)[:-1]]
    now_waiting = outbox.backlog(session).records
    created = _daily(session, "outbox.created", days_[0])
    acked = _daily(session, "outbox.acked", days_[0])
    out = []
    for d in days_:  # changes created after the day's end were not waiting then; acknowledged after it, were
        created_after = sum(n for day, n in created.items() if day > d)
        acked_after = sum(n for day, n in acked.items() if day > d)
        out.append((d, now_waiting - created_after + acked_after))
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


#: Changes waiting for the platform now (`outbox.Backlog`: what a sync sends, and apart from it what waits
#: for a conflict decision).
Backlog = outbox.Backlog


def unsynced_backlog(session: Session) -> Backlog:
    """The changes not acknowledged by the platform now (`outbox.backlog`, the one count of them)."""
    return outbox.backlog(session)
