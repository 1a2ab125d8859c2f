"""Metrics as queries over the store; the dashboard draws them.

- consistency rate (一致率): consistent spot checks / all spot checks, per property, grid, station
- feedback rate (反馈率): tasks with a result / tasks received (target 100%)
- registrations per day
- unsynced backlog: unacknowledged outbox rows and the age of the oldest
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import String, case, func, select
from sqlalchemy.orm import Session

from workstation.storage import outbox
from workstation.storage.schema import Person, SpotCheck, Task


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


def registrations_per_day(session: Session, *, days: int = 30, today: date | None = None) -> list[tuple[date, int]]:
    today = today or date.today()
    start = today - timedelta(days=days - 1)
    day = func.date(Person.created_at, type_=String)
    counts = dict(
        session.execute(
            select(day, func.count())
            .where(Person.created_at >= datetime.combine(start, datetime.min.time()))
            .group_by(day)
        ).all()
    )
    result = []
    for i in range(days):
        d = start + timedelta(days=i)
        c = counts.get(d.isoformat(), 0)
        result.append((d, int(c)))
    return result


@dataclass(frozen=True)
class Backlog:
    records: int
    oldest: datetime | None

    def age_hours(self, now: datetime) -> float:
        return 0.0 if self.oldest is None else (now - self.oldest).total_seconds() / 3600


def unsynced_backlog(session: Session) -> Backlog:
    n, oldest = outbox.backlog(session)
    return Backlog(n, oldest)
