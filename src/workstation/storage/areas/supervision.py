"""Supervision: the audit trail, the dashboard's figures, exports. Reached as `desk.supervision`.

    audit_trail(*, target_id: str | None = None, after: str | None = None, limit: int = 200) -> Page[AuditRow]
    report() -> Report
    count_residents() -> int
    export_residents(*, grid_code: str | None = None) -> tuple[ExportRow, ...]

Every one of these reads is itself audited.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from workstation.domain.permissions import Permission
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
