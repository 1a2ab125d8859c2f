"""The audit viewer's table: the trail newest first, loaded a keyset page at a time.

`search(AuditQuery)` asks the core for the first page (`desk.supervision.audit_trail`, DB lane);
`canFetchMore`/`fetchMore` ask for the next page when the view scrolls near the end. A page that
arrives for an older query is dropped (the latest query wins). Rows are the core's frozen `AuditRow`s,
text as recorded (ID numbers were masked when the row was written). `clear()` forgets every row
(the desk locks).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from workstation.ui.screens.audit.labels import details_text, event_label, target_type_label
from workstation.ui.tasks import Cancelled, Lane, Op

Index = QModelIndex | QPersistentModelIndex

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


def outcome_label(outcome: str) -> str:
    labels = {
        "ok": QCoreApplication.translate("AuditEvents", "ok"),
        "refused": QCoreApplication.translate("AuditEvents", "refused"),
        "failed": QCoreApplication.translate("AuditEvents", "failed"),
        "broken": QCoreApplication.translate("AuditEvents", "broken"),
    }
    return labels.get(outcome, outcome)


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


class AuditTrailModel(QAbstractTableModel):
    """Rows of the audit table for one `AuditQuery` at a time.

    Signals: `searched(AuditQuery, float)` when a query's first page is shown (seconds since asked);
    `loading(bool)` while a page is being fetched; `failed(exc)` when a fetch failed."""

    searched = Signal(object, float)
    loading = Signal(bool)
    failed = Signal(object)

    def __init__(self, ctx: Any, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = page_size
        self.query = AuditQuery()
        self._rows: list[Any] = []
        self._next: str | None = None
        self._generation = 0
        self._in_flight = 0
        self._searched_at = 0.0
        self.highlight_seq: int | None = None  # a broken row the page points at

    # ---- Qt model API ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return column_title(COLUMNS[section])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        r = self._rows[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return r.seq
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.highlight_seq is not None and r.seq == self.highlight_seq:
                return QBrush(QColor("#fde7e9"))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "seq":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "event":
                return r.action
            if col == "details":
                return r.details
            if col == "target":
                return f"{r.target_type or ''} {r.target_id or ''}".strip()
            return None
        if role != Qt.ItemDataRole.DisplayRole:
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
            short = r.target_id if len(r.target_id) <= 12 else r.target_id[:8] + "…"
            return f"{kind} {short}".strip()
        if col == "details":
            return details_text(r.details, r.action)[:300]
        if col == "outcome":
            return outcome_label(r.outcome)
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next is not None and not self._in_flight

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetch(self._generation, self.query, self._next)

    # ---- what the page calls ---------------------------------------------------------------------
    def search(self, query: AuditQuery) -> None:
        """Show `query`'s first page when it arrives (the rows shown so far stay until then)."""
        self._searched_at = time.perf_counter()
        self._generation += 1
        self._fetch(self._generation, query, None)

    def row(self, i: int) -> Any:
        return self._rows[i]

    def row_of(self, seq: int) -> int:
        for i, r in enumerate(self._rows):
            if r.seq == seq:
                return i
        return -1

    def has_more(self) -> bool:
        return self._next is not None

    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def clear(self) -> None:
        """Forget every row (the lock screen calls this)."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._next = None
        self.endResetModel()

    # ---- fetching --------------------------------------------------------------------------------
    def _fetch(self, generation: int, query: AuditQuery, after: str | None) -> None:
        supervision = self.ctx.desk.supervision
        first = after is None
        size = self.page_size
        self._in_flight += 1
        self.loading.emit(True)

        def work(_token: Any) -> Any:
            if generation != self._generation:
                raise Cancelled()  # a newer query was asked for while this one waited for the lane
            return supervision.audit_trail(**query.core_filter(), upto_seq=query.upto_seq, after=after, limit=size)

        def done(page: Any) -> None:
            if generation != self._generation:
                return
            if first:
                self.beginResetModel()
                self.query = query
                self._rows = list(page.items)
                self._next = page.next
                self.endResetModel()
                self.searched.emit(query, time.perf_counter() - self._searched_at)
            else:
                if page.items:
                    start = len(self._rows)
                    self.beginInsertRows(QModelIndex(), start, start + len(page.items) - 1)
                    self._rows.extend(page.items)
                    self.endInsertRows()
                self._next = page.next

        def finished() -> None:
            self._in_flight -= 1
            if not self._in_flight:
                self.loading.emit(False)

        def failed(exc: BaseException) -> bool:
            if generation == self._generation:
                self.failed.emit(exc)
            return True

        op = Op(self, work, lane=Lane.DB, runner=getattr(self.ctx, "runner", None))
        try:
            op.on_success(done).on_failure(failed).on_finished(finished).start()
        except RuntimeError:  # the app (or the test's runner) is shutting down: no more reads
            finished()
