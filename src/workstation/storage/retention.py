"""Retention and purge.

Data is purged only when BOTH hold: the platform has acknowledged its latest version
(`acked_version == version`, set by sync with the receipt) and it is past the retention period
(station setting `retention_days`, which the platform may own). A purge deletes rows physically
(secure_delete is on), leaves an audit row with the counts, and never touches the audit trail.
Residents are purged when they have no binding left and their own record is past retention.
A dry run counts exactly what a purge at the same moment would delete (it deletes inside a
savepoint and rolls it back), so the preview an administrator confirms is the purge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from workstation.domain.permissions import Permission
from workstation.i18n import QT_TRANSLATE_NOOP, Text
from workstation.storage import audit, operators, settings
from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.storage.schema import (
    Declaration,
    Fingerprint,
    IdentityDocumentRow,
    OutboxEntry,
    Person,
    SpotCheck,
    SyncMixin,
    Task,
    Tenancy,
    utcnow,
)

#: What a purge removes, in words, per `PurgeReport.counts` key (the desk's preview and
#: ``workstation-admin purge`` both show these; marked, context ``"AdminPurge"``).
PURGE_LABELS: dict[str, Text] = {
    "spot_check": QT_TRANSLATE_NOOP("AdminPurge", "Spot checks"),
    "declaration": QT_TRANSLATE_NOOP("AdminPurge", "Declarations"),
    "task": QT_TRANSLATE_NOOP("AdminPurge", "Completed tasks"),
    "tenancy": QT_TRANSLATE_NOOP("AdminPurge", "Ended bindings (who lived where)"),
    "fingerprint": QT_TRANSLATE_NOOP("AdminPurge", "Fingerprints"),
    "identity_document": QT_TRANSLATE_NOOP("AdminPurge", "Identity documents"),
    "person": QT_TRANSLATE_NOOP("AdminPurge", "Residents"),
    "outbox": QT_TRANSLATE_NOOP("AdminPurge", "Sync log entries the platform acknowledged"),
}


def purge_label(kind: str) -> str:
    """The marked words for a `PurgeReport.counts` key (the table's words when it has none here)."""
    from workstation.storage.labels import table_label

    return PURGE_LABELS.get(kind) or table_label(kind)


@dataclass
class PurgeReport:
    cutoff: datetime
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _settled(model: type[SyncMixin], cutoff: datetime) -> list[Any]:
    return [model.acked_version == model.version, model.updated_at < cutoff]


def purge(db: Database, actor: Actor, *, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Delete what is acknowledged and past retention at `now` (UTC naive; default now); returns the
    cut-off and the count per table. ``dry_run``: count exactly what a purge at `now` would delete —
    the deletes run inside a savepoint that is rolled back, so residents whose last binding goes in
    the same purge are counted too — and delete nothing. Audited as ``retention.purge`` or
    ``retention.purge.dry_run`` with the counts. Raises PermissionDenied, OperatorInactive."""
    operators.authorize(db, actor, Permission.PURGE)
    now = now or utcnow()
    with db.write() as s:
        days = int(settings.get(s, "retention_days"))
        cutoff = now - timedelta(days=days)
        if dry_run:
            savepoint = s.begin_nested()
            try:
                report = _purge_all(s, cutoff)
            finally:
                savepoint.rollback()
        else:
            report = _purge_all(s, cutoff)
        audit.record(
            s,
            actor=actor.username,
            action="retention.purge" + (".dry_run" if dry_run else ""),
            details=f"retention {days} days, cutoff {cutoff:%Y-%m-%d}: "
            + ", ".join(f"{k}={v}" for k, v in report.counts.items()),
        )
        return report


def _purge_all(s: Session, cutoff: datetime) -> PurgeReport:
    """Delete (in the caller's transaction) and count everything settled before `cutoff`."""
    report = PurgeReport(cutoff)
    _purge(s, report, SpotCheck, _settled(SpotCheck, cutoff))
    _purge(s, report, Declaration, _settled(Declaration, cutoff))
    _purge(s, report, Task, [*_settled(Task, cutoff), Task.status == "done"])
    # bindings that ended before the cutoff (or were deleted), acknowledged, no spot check left on them
    ended = (Tenancy.end_date.is_not(None) & (Tenancy.end_date < cutoff.date())) | Tenancy.deleted_at.is_not(None)
    unreferenced = ~exists().where(SpotCheck.tenancy_id == Tenancy.id)
    _purge(s, report, Tenancy, [*_settled(Tenancy, cutoff), ended, unreferenced])
    no_binding = ~exists().where(Tenancy.person_id == Person.id)
    people = [r for r in s.execute(select(Person.id).where(*_settled(Person, cutoff), no_binding)).scalars()]
    if people:
        docs_settled = ~exists().where(
            IdentityDocumentRow.person_id == Person.id,
            IdentityDocumentRow.acked_version.is_distinct_from(IdentityDocumentRow.version),
        )
        people = [r for r in s.execute(select(Person.id).where(Person.id.in_(people), docs_settled)).scalars()]
    report.counts["fingerprint"] = _count_and_delete(s, Fingerprint, Fingerprint.person_id.in_(people))
    report.counts["identity_document"] = _count_and_delete(
        s, IdentityDocumentRow, IdentityDocumentRow.person_id.in_(people)
    )
    report.counts["person"] = _count_and_delete(s, Person, Person.id.in_(people))
    report.counts["outbox"] = _count_and_delete(
        s, OutboxEntry, (OutboxEntry.acked_at.is_not(None)) & (OutboxEntry.acked_at < cutoff)
    )
    return report


def _purge(s: Session, report: PurgeReport, model: type[SyncMixin], where: list[Any]) -> None:
    cond = where[0]
    for w in where[1:]:
        cond = cond & w
    report.counts[model.__tablename__] = _count_and_delete(s, model, cond)  # type: ignore[attr-defined]


def _count_and_delete(s: Session, model: type[object], cond: object) -> int:
    from sqlalchemy import func

    n = int(s.execute(select(func.count()).select_from(model).where(cond)).scalar_one())  # type: ignore[arg-type]
    if n:
        s.execute(delete(model).where(cond))  # type: ignore[arg-type]
    return n
