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


def event_label(action: str) -> str:
    """Words for an audit action in the UI language (the action code itself when it has none)."""
    labels = {
        "login": QCoreApplication.translate("AuditEvents", "Logged in"),
        "database.unlock": QCoreApplication.translate("AuditEvents", "Station unlocked"),
        "operator.change_password": QCoreApplication.translate("AuditEvents", "Changed own password"),
        "operator.create": QCoreApplication.translate("AuditEvents", "Created an operator"),
        "operator.disable": QCoreApplication.translate("AuditEvents", "Disabled or enabled an operator"),
        "operator.reset_password": QCoreApplication.translate("AuditEvents", "Reset an operator's password"),
        "operator.role": QCoreApplication.translate("AuditEvents", "Changed an operator's role"),
        "person.read": QCoreApplication.translate("AuditEvents", "Opened a resident's record"),
        "person.search": QCoreApplication.translate("AuditEvents", "Searched residents"),
        "person.rows": QCoreApplication.translate("AuditEvents", "Listed residents"),
        "person.count": QCoreApplication.translate("AuditEvents", "Counted residents"),
        "person.export": QCoreApplication.translate("AuditEvents", "Exported residents"),
        "person.create": QCoreApplication.translate("AuditEvents", "Registered a resident"),
        "person.update": QCoreApplication.translate("AuditEvents", "Changed a resident"),
        "person.delete": QCoreApplication.translate("AuditEvents", "Deleted a resident"),
        "identity_document.create": QCoreApplication.translate("AuditEvents", "Added an identity document"),
        "identity_document.update": QCoreApplication.translate("AuditEvents", "Changed an identity document"),
        "identity_document.delete": QCoreApplication.translate("AuditEvents", "Deleted an identity document"),
        "property.read": QCoreApplication.translate("AuditEvents", "Opened a rental property"),
        "property.search": QCoreApplication.translate("AuditEvents", "Searched rental properties"),
        "property.create": QCoreApplication.translate("AuditEvents", "Added a rental property"),
        "property.update": QCoreApplication.translate("AuditEvents", "Changed a rental property"),
        "property.delete": QCoreApplication.translate("AuditEvents", "Deleted a rental property"),
        "room.list": QCoreApplication.translate("AuditEvents", "Listed rooms"),
        "room.occupants": QCoreApplication.translate("AuditEvents", "Listed who lives in a property's rooms"),
        "declaration.compare": QCoreApplication.translate("AuditEvents", "Compared a declaration with the record"),
        "declaration.overdue": QCoreApplication.translate("AuditEvents", "Listed overdue declarations"),
        "declaration.late_properties": QCoreApplication.translate("AuditEvents", "Listed landlords late declaring"),
        "monthly_round.read": QCoreApplication.translate("AuditEvents", "Listed a grid's monthly round"),
        "visit_sheet.print": QCoreApplication.translate("AuditEvents", "Printed a visit sheet"),
        "settings.change": QCoreApplication.translate("AuditEvents", "Changed a station setting"),
        "tenancy.create": QCoreApplication.translate("AuditEvents", "Recorded who lives where"),
        "tenancy.update": QCoreApplication.translate("AuditEvents", "Changed a tenancy"),
        "tenancy.delete": QCoreApplication.translate("AuditEvents", "Ended a tenancy"),
        "declaration.create": QCoreApplication.translate("AuditEvents", "Entered a residence declaration"),
        "spot_check.create": QCoreApplication.translate("AuditEvents", "Recorded a spot check"),
        "task.list": QCoreApplication.translate("AuditEvents", "Listed tasks"),
        "task.create": QCoreApplication.translate("AuditEvents", "Created a task"),
        "task.update": QCoreApplication.translate("AuditEvents", "Updated a task"),
        "fingerprint.read": QCoreApplication.translate("AuditEvents", "Read fingerprints"),
        "fingerprint.create": QCoreApplication.translate("AuditEvents", "Captured a fingerprint"),
        "fingerprint.delete": QCoreApplication.translate("AuditEvents", "Deleted a fingerprint"),
        "prereg.list": QCoreApplication.translate("AuditEvents", "Listed pre-registrations"),
        "report.read": QCoreApplication.translate("AuditEvents", "Read the dashboard figures"),
        "registration.blocked": QCoreApplication.translate("AuditEvents", "Registration blocked (freeze rule)"),
        "freeze.override": QCoreApplication.translate("AuditEvents", "Overrode the freeze rule"),
        "audit.read": QCoreApplication.translate("AuditEvents", "Read the audit trail"),
        "audit.verify": QCoreApplication.translate("AuditEvents", "Verified the audit trail"),
        "audit.export": QCoreApplication.translate("AuditEvents", "Exported the audit trail"),
        "audit.anchor": QCoreApplication.translate("AuditEvents", "Anchored the audit trail"),
        "sync.enroll": QCoreApplication.translate("AuditEvents", "Enrolled with the platform"),
        "sync.conflict": QCoreApplication.translate("AuditEvents", "Platform reported a conflict"),
        "sync.conflict.resolve": QCoreApplication.translate("AuditEvents", "Resolved a sync conflict"),
        "sync.checkpoint_refused": QCoreApplication.translate("AuditEvents", "Platform refused the audit checkpoint"),
        "sync.revoked": QCoreApplication.translate("AuditEvents", "Platform revoked this workstation"),
        "sync.platform_key": QCoreApplication.translate("AuditEvents", "Platform key changed"),
        "sync.offline_export": QCoreApplication.translate("AuditEvents", "Exported batches for offline transfer"),
        "sync.offline_import": QCoreApplication.translate("AuditEvents", "Imported receipts from offline transfer"),
        "database.backup": QCoreApplication.translate("AuditEvents", "Backed up the station"),
        "database.restore": QCoreApplication.translate("AuditEvents", "Restored the station"),
        "database.rekey": QCoreApplication.translate("AuditEvents", "Changed the database key"),
        "station.init": QCoreApplication.translate("AuditEvents", "Station set up"),
        "setting.platform": QCoreApplication.translate("AuditEvents", "Platform setting received"),
        "device.assign": QCoreApplication.translate("AuditEvents", "Assigned a device"),
        "device.forget": QCoreApplication.translate("AuditEvents", "Forgot a device"),
        "device.scan": QCoreApplication.translate("AuditEvents", "Scanned for devices"),
        "device.scanner_set": QCoreApplication.translate("AuditEvents", "Changed the fingerprint scanner's settings"),
        "retention.purge": QCoreApplication.translate("AuditEvents", "Purged records past retention"),
        "demo.generate": QCoreApplication.translate("AuditEvents", "Generated demo data"),
    }
    return labels.get(action, action)


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
            if not r.target_id:
                return r.target_type or ""
            short = r.target_id if len(r.target_id) <= 12 else r.target_id[:8] + "…"
            return f"{r.target_type or ''} {short}".strip()
        if col == "details":
            return " ".join(r.details.split())[:300]
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
