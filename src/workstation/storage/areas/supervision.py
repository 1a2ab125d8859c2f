"""Supervision: the audit trail, the dashboard's figures, exports. Reached as `desk.supervision`.

    audit_trail(*, target_id: str | None = None, after: str | None = None, limit: int = 200) -> Page[AuditRow]
    report() -> Report
    dashboard(*, days: int = 30, today: date | None = None) -> Dashboard
    count_residents() -> int
    export_residents(*, grid_code: str | None = None) -> tuple[ExportRow, ...]

Every one of these reads is itself audited, except `dashboard`: it returns counts and rates that
name nobody, and the Today page reads it every minute (an audit row a minute per open desk would
bury the rows that matter). What a role may not read is left out of it (None), never computed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from workstation.domain.permissions import Permission, allowed
from workstation.storage import metrics
from workstation.storage.areas.base import Area, Page
from workstation.storage.schema import AuditEvent, Person
from workstation.storage.search import BadCursor


@dataclass(frozen=True)
class AuditRow:
    """One audit event as recorded (ID numbers and search text already masked)."""

    seq: int
    at: datetime
    actor: str
    action: str
    target_type: str | None
    target_id: str | None
    details: str
    outcome: str


@dataclass(frozen=True)
class Report:
    """The dashboard's figures (一致率, 反馈率, registrations, backlog)."""

    consistency_station: metrics.Rate
    consistency_by_grid: tuple[tuple[str, metrics.Rate], ...]
    feedback_rate: metrics.Rate
    registrations_per_day: tuple[tuple[date, int], ...]  # the last 14 days, oldest first
    backlog: metrics.Backlog


@dataclass(frozen=True)
class Dashboard:
    """What the Today page draws, for one operator. Series are oldest first, one value per day
    (`metrics.day_starts`), the last day being `day`. A field is None when the operator's role may not
    read it: the three charts need ``read_reports``, the backlog ``sync``, tasks due ``read_tasks`` and
    the pre-registrations ``read_person``."""

    day: date
    registrations_per_day: tuple[tuple[date, int], ...] | None  # residents registered that day
    consistency_by_grid: tuple[tuple[str, metrics.Rate], ...] | None  # by grid code, sorted
    feedback_per_day: tuple[tuple[date, metrics.Rate], ...] | None  # 反馈率 at each day's end
    backlog: metrics.Backlog | None  # changes waiting for the platform now, and the oldest
    backlog_per_day: tuple[tuple[date, int], ...] | None  # changes waiting at each day's end
    tasks_due: int | None  # open tasks due today or earlier
    tasks_overdue: int | None  # of those, due before today
    preregistrations_waiting: int | None  # pre-registrations waiting for the officer


@dataclass(frozen=True)
class ExportRow:
    name: str
    sex: str
    birth_date: date | None
    phone: str | None
    grid_code: str | None
    employer: str | None


class Supervision(Area):
    """Audit trail, reports and export. See the module docstring."""

    def audit_trail(
        self, *, target_id: str | None = None, after: str | None = None, limit: int = 200
    ) -> Page[AuditRow]:
        """Audit events, newest first (optionally only those about `target_id`).

        Raises:
            PermissionDenied: the role may not read the audit trail.
            BadCursor: `after` is not a cursor of this list.
        """
        self._require(Permission.READ_AUDIT)
        n = self._limit(limit)
        stmt = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(n + 1)
        if after is not None:
            if not after.isdigit():
                raise BadCursor()
            stmt = stmt.where(AuditEvent.seq < int(after))
        if target_id is not None:
            stmt = stmt.where(AuditEvent.target_id == target_id)
        with self._write() as tx:
            found = list(tx.session.execute(stmt).scalars())
            rows = tuple(
                AuditRow(e.seq, e.at, e.actor, e.action, e.target_type, e.target_id, e.details, e.outcome)
                for e in found[:n]
            )
            tx.audit("audit.read", details=f"{len(rows)} rows" + (f" of {target_id}" if target_id else ""))
        return Page(rows, str(rows[-1].seq) if len(found) > n else None)

    def report(self) -> Report:
        """The dashboard's figures. Audited.

        Raises:
            PermissionDenied: the role may not read reports.
        """
        self._require(Permission.READ_REPORTS)
        with self._write() as tx:
            s = tx.session
            report = Report(
                consistency_station=metrics.consistency_station(s),
                consistency_by_grid=tuple(sorted(metrics.consistency_by_grid(s).items())),
                feedback_rate=metrics.feedback_rate(s),
                registrations_per_day=tuple(metrics.registrations_per_day(s, days=14)),
                backlog=metrics.unsynced_backlog(s),
            )
            tx.audit("report.read")
        return report

    def dashboard(self, *, days: int = 30, today: date | None = None) -> Dashboard:
        """The Today page's figures over the `days` days (1..366) ending with `today` (default: the
        local date), each part only if the role may read it (see `Dashboard`). Not audited (see the
        module docstring). One read transaction: the parts agree with each other.

        Raises:
            OperatorInactive: the operator was disabled or changed since logging in.
            ValueError: `days` is outside 1..366 (a bug in the caller).
        """
        if not 1 <= days <= 366:
            raise ValueError(f"days must be 1..366, not {days}")
        self._require_active()
        day = today or date.today()
        role = self.actor.role
        reports = allowed(role, Permission.READ_REPORTS)
        sync = allowed(role, Permission.SYNC)
        tasks = allowed(role, Permission.READ_TASKS)
        with self.db.read() as s:
            due = metrics.tasks_due(s, today=day) if tasks else None
            return Dashboard(
                day=day,
                registrations_per_day=tuple(metrics.registrations_per_day(s, days=days, today=day))
                if reports else None,
                consistency_by_grid=tuple(sorted(metrics.consistency_by_grid(s).items())) if reports else None,
                feedback_per_day=tuple(metrics.feedback_rate_per_day(s, days=days, today=day)) if reports else None,
                backlog=metrics.unsynced_backlog(s) if sync else None,
                backlog_per_day=tuple(metrics.backlog_per_day(s, days=days, today=day)) if sync else None,
                tasks_due=due[0] if due is not None else None,
                tasks_overdue=due[1] if due is not None else None,
                preregistrations_waiting=metrics.preregistrations_waiting(s)
                if allowed(role, Permission.READ_PERSON) else None,
            )

    def count_residents(self) -> int:
        """How many live residents the station holds (any role: a count names nobody). Audited.

        Raises:
            OperatorInactive: the operator was disabled or changed since logging in.
        """
        self._require_active()
        with self._write() as tx:
            n = int(tx.session.execute(
                select(func.count()).select_from(Person).where(Person.deleted_at.is_(None))
            ).scalar_one())
            tx.audit("person.count", details=json.dumps({"rows": n}))
        return n

    def export_residents(self, *, grid_code: str | None = None) -> tuple[ExportRow, ...]:
        """Rows for a CSV export of residents (optionally one grid). Audited with the row count.

        Raises:
            PermissionDenied: the role may not export.
        """
        self._require(Permission.EXPORT)
        stmt = select(Person).where(Person.deleted_at.is_(None)).order_by(Person.name_pinyin)
        if grid_code:
            stmt = stmt.where(Person.grid_code == grid_code)
        with self._write() as tx:
            rows = tuple(
                ExportRow(p.name, p.sex, p.birth_date, p.phone, p.grid_code, p.employer)
                for p in tx.session.execute(stmt).scalars()
            )
            tx.audit("person.export", details=f"{len(rows)} residents, grid {grid_code or 'all'}")
        return rows
