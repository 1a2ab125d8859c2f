"""The audit viewer's table: the trail newest first, loaded a keyset page at a time.

`search(AuditQuery)` asks the core for the first page (`desk.supervision.audit_trail`, DB lane);
`canFetchMore`/`fetchMore` ask for the next page when the view scrolls near the end. A page that
arrives for an older query is dropped (the latest query wins); the machinery is
`models.paged.PagedTableModel`'s. Rows are the core's frozen `AuditRow`s, text as recorded (ID
numbers were masked when the row was written). `clear()` forgets every row (the desk locks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from workstation.ui.models.paged import PagedTableModel
from workstation.ui.screens.audit.labels import (
    details_text,
    event_label,
    outcome_label,
    target_id_label,
    target_type_label,
)

PAGE_SIZE = 200
COLUMNS = ("seq", "at", "actor", "event", "outcome", "target", "details")


@dataclass(frozen=True)
class AuditQuery:
    """The viewer's filter (every field optional). `since`/`until` are naive UTC times (until excluded);
    `upto_seq` starts the list at that row (used to show a broken row)."""

    actor: str | None = None
    target_id: str | None = None
    kind: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    upto_seq: int | None = None

    def core_filter(self) -> dict[str, Any]:
        """The keyword filters of `Supervision.audit_trail` / `export_audit` (no `upto_seq`)."""
        return {
            "actor": self.actor,
            "target_id": self.target_id,
            "kind": self.kind,
            "since": self.since,
            "until": self.until,
        }


def local_time(dt: datetime) -> str:
    """A stored (naive UTC) time as local ``YYYY-MM-DD HH:MM:SS``."""
    return dt.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def subject_text(row: Any) -> str:
    """The record a row is about in words: ``"张三 110105********002X"`` for a resident (name and masked
    ID number, as the residents list shows them), the address for a property or room; "" when the core
    gave none (`AuditRow.subject`)."""
    subject = getattr(row, "subject", None)
    if subject is None:
        return ""
    return " ".join(p for p in (subject.name, subject.id_number_masked) if p)


def column_title(name: str) -> str:
    t = {
        "seq": QCoreApplication.translate("AuditTrailModel", "No."),
        "at": QCoreApplication.translate("AuditTrailModel", "Time"),
        "actor": QCoreApplication.translate("AuditTrailModel", "Operator"),
        "event": QCoreApplication.translate("AuditTrailModel", "Event"),
        "target": QCoreApplication.translate("AuditTrailModel", "About"),
        "details": QCoreApplication.translate("AuditTrailModel", "Details"),
        "outcome": QCoreApplication.translate("AuditTrailModel", "Outcome"),
    }
    return t[name]


class AuditTrailModel(PagedTableModel):
    """Rows of the audit table for one `AuditQuery` at a time; the paging and the signals (`searched`,
    `loading`, `failed`) are `PagedTableModel`'s. `UserRole` is the row's seq."""

    COLUMNS = COLUMNS
    RIGHT_ALIGNED = frozenset({"seq"})
    ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole})

    def __init__(self, ctx: Any, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(ctx, AuditQuery(), parent, page_size=page_size)
        self.highlight_seq: int | None = None  # a broken row the page points at

    def column_title(self, column: str) -> str:
        return column_title(column)

    def key_of(self, row: Any) -> Any:
        return row.seq

    def cell(self, r: Any, col: str, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.highlight_seq is not None and r.seq == self.highlight_seq:
                return QBrush(QColor("#fde7e9"))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "event":
                return r.action
            if col == "details":
                return r.details
            if col == "outcome":  # the column is narrow: the longer words in full
                return outcome_label(r.outcome)
            if col == "target":
                raw = f"{r.target_type or ''} {r.target_id or ''}".strip()
                return "\n".join(t for t in (subject_text(r), raw) if t)
            return None
        if col == "seq":
            return str(r.seq)
        if col == "at":
            return local_time(r.at)
        if col == "actor":
            return r.actor
        if col == "event":
            return event_label(r.action)
        if col == "target":
            kind = target_type_label(r.target_type)
            if not r.target_id:
                return kind
            words = subject_text(r) or target_id_label(r.target_type, r.target_id)
            if words:
                return f"{kind} {words}".strip()
            short = r.target_id if len(r.target_id) <= 12 else r.target_id[:8] + "…"
            return f"{kind} {short}".strip()
        if col == "details":
            return details_text(r.details, r.action)[:300]
        if col == "outcome":
            return outcome_label(r.outcome)
        return None

    def fetch_page(self, desk: Any, query: AuditQuery, after: str | None, limit: int) -> Any:
        return desk.supervision.audit_trail(**query.core_filter(), upto_seq=query.upto_seq, after=after, limit=limit)

    def row(self, i: int) -> Any:
        """The `AuditRow` shown in row `i` (None: out of range)."""
        return self.row_at(i)
