"""The property list's model (lazy keyset pages, like `models.residents`) and a room's tenancy history.

`PropertiesModel`:

* a search asks the core for ONE page (`desk.housing.find_properties(text, grid_code=…, order=…,
  after=cursor, limit=page_size)`) and keeps the rows in order plus the cursor of the next page;
  `canFetchMore`/`fetchMore` ask for the next page when the view scrolls near the end;
* every call runs on the DB lane; a result that belongs to an older search is dropped (the latest
  query wins) and a search asked for while one runs waits, only the newest one running next;
* `on_changed(Changes)`: a write to properties, rooms, bindings, declarations or spot checks fetches
  the rows shown again (`desk.housing.property_rows(ids)`, a page at a time) so the figures stay true;
  a property deleted meanwhile stays as a greyed "(deleted)" row until the next search.

The figures of a row (rooms, people bound now, last spot check, consistency rate) come with the row:
the core computes them for the page's rows only, never over the whole store.

`TenanciesModel`: the bindings of one room (a short list, held whole), current ones first.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from workstation.ui.tasks import Cancelled, Lane, Op

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 40  # about two screens of rows: each row carries figures the core computes for it
REFRESH_KINDS = frozenset({"property", "room", "tenancy", "declaration", "spot_check", "person"})


@dataclass(frozen=True)
class PropertyQuery:
    text: str = ""
    grid_code: str | None = None
    order: str = "address"  # storage.areas.housing.PropertyOrder value
    landlord_late: bool = False  # only properties whose landlord is late declaring (housing checks)


class _Deleted:
    """Row of a property deleted since the search (shown greyed until the next search)."""


DELETED = _Deleted()

COLUMNS = ("address", "grid_code", "landlord", "assistant", "rooms", "bound_now", "last_check", "consistency")


def column_title(name: str) -> str:
    titles = {
        "address": QCoreApplication.translate("PropertiesModel", "Address"),
        "grid_code": QCoreApplication.translate("PropertiesModel", "Grid"),
        "landlord": QCoreApplication.translate("PropertiesModel", "Landlord"),
        "assistant": QCoreApplication.translate("PropertiesModel", "Assistant"),
        "rooms": QCoreApplication.translate("PropertiesModel", "Rooms"),
        "bound_now": QCoreApplication.translate("PropertiesModel", "People now"),
        "last_check": QCoreApplication.translate("PropertiesModel", "Last spot check"),
        "consistency": QCoreApplication.translate("PropertiesModel", "Consistency rate"),
    }
    return titles[name]


def percent(rate: Any) -> str:
    """A `storage.metrics.Rate` as the list shows it: "75.0% (3/4)", or "not checked"."""
    if rate is None or rate.value is None:
        return QCoreApplication.translate("PropertiesModel", "not checked")
    return f"{rate.value * 100:.1f}% ({rate.numerator}/{rate.denominator})"


def display(row: Any, column: str, me: str | None = None) -> str:
    """One cell of a `PropertyRow` (the landlord's ID number never appears in a list)."""
    if column == "address":
        return str(row.address)
    if column == "grid_code":
        return str(row.grid_code or "")
    if column == "landlord":
        parts = [p for p in (row.landlord_name, row.landlord_phone) if p]
        return " · ".join(parts)
    if column == "assistant":
        if not row.assistant_username:
            return ""
        return str(row.assistant_username) + (" ★" if me and row.assistant_username == me else "")
    if column == "rooms":
        return str(row.rooms)
    if column == "bound_now":
        return str(row.bound_now)
    if column == "last_check":
        return (
            row.last_spot_check.date().isoformat()
            if row.last_spot_check
            else QCoreApplication.translate("PropertiesModel", "never")
        )
    if column == "consistency":
        return percent(row.consistency)
    return ""


class PropertiesModel(QAbstractTableModel):
    """Rows of the property list for one query at a time (`search(PropertyQuery)`).

    Signals: `searched(PropertyQuery, float)` when a search's first page is shown (seconds since the
    search was asked for); `loading(bool)`; `failed(exc)` when a fetch failed (the page shows it)."""

    searched = Signal(object, float)
    loading = Signal(bool)
    failed = Signal(object)

    def __init__(self, ctx: Any, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = min(page_size, _role_limit(ctx))
        self.query = PropertyQuery()
        self._rows: list[Any] = []
        self._next: str | None = None
        self._generation = 0
        self._fetching_page = False
        self._busy = 0
        self._searched_at = 0.0
        self._pending: PropertyQuery | None = None
        self._searching = False
        operator = getattr(ctx, "operator", None)
        self._me = getattr(operator, "username", None)

    # ---- Qt model API ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        return column_title(COLUMNS[section])

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()][1] is DELETED:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        pid, row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return pid
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("rooms", "bound_now", "consistency"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row is not DELETED and column == "consistency":
            value = row.consistency.value
            if value is not None and value < 0.8:
                return QBrush(QColor("#8c1d18"))  # with the figure itself: never colour alone
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if row is DELETED:
            return QCoreApplication.translate("PropertiesModel", "(deleted)") if column == "address" else ""
        return display(row, column, self._me)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next is not None and not self._fetching_page and not self._searching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetch_page(self._generation, self.query, self._next)

    # ---- what the page calls ---------------------------------------------------------------------
    def search(self, query: PropertyQuery) -> None:
        """Show `query`'s first page when it arrives (the rows shown so far stay until then)."""
        self._searched_at = time.perf_counter()
        if self._searching:
            self._pending = query
            self._generation += 1
            return
        self._start(query)

    def refresh(self) -> None:
        """Search the current query again from its first page."""
        self.search(self.query)

    def row_id(self, row: int) -> str | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, property_id: str) -> int:
        for i, (pid, _r) in enumerate(self._rows):
            if pid == property_id:
                return i
        return -1

    def row_at(self, row: int) -> Any:
        """The `PropertyRow` shown in `row` (None: out of range or deleted)."""
        if not 0 <= row < len(self._rows):
            return None
        r = self._rows[row][1]
        return None if r is DELETED else r

    def has_more(self) -> bool:
        return self._next is not None

    def on_changed(self, changes: Any) -> None:
        """The core wrote something that may change what rows show: fetch the rows shown again."""
        kinds = {str(getattr(c.kind, "value", c.kind)) for c in getattr(changes, "changed", ())}
        if not kinds & REFRESH_KINDS or not self._rows:
            return
        if "property" in kinds:
            new = {c.id for c in changes.changed if str(getattr(c.kind, "value", c.kind)) == "property"}
            if new - {pid for pid, _r in self._rows}:  # a property created: it belongs somewhere in the order
                self.refresh()
                return
        self._refetch([pid for pid, r in self._rows if r is not DELETED])

    def clear(self) -> None:
        """Forget every row (the lock screen calls this)."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._next = None
        self.endResetModel()

    # ---- fetching --------------------------------------------------------------------------------
    def _set_busy(self, delta: int) -> None:
        before = self._busy > 0
        self._busy += delta
        if (self._busy > 0) != before:
            self.loading.emit(self._busy > 0)

    def _start(self, query: PropertyQuery) -> None:
        self._generation += 1
        self._searching = True
        self._fetch_page(self._generation, query, None)

    def _fetch_page(self, generation: int, query: PropertyQuery, after: str | None) -> None:
        desk = self.ctx.desk
        first = after is None
        self._fetching_page = True
        self._set_busy(+1)
        size = self.page_size

        def work(_token: Any) -> Any:
            if generation != self._generation:
                raise Cancelled()
            return desk.housing.find_properties(
                query.text, grid_code=query.grid_code, order=query.order, landlord_late=query.landlord_late,
                after=after, limit=size
            )

        def done(page: Any) -> None:
            if generation != self._generation:
                return
            if first:
                self.beginResetModel()
                self.query = query
                self._rows = [(r.id, r) for r in page.items]
                self._next = page.next
                self.endResetModel()
                self.searched.emit(query, time.perf_counter() - self._searched_at)
            else:
                shown = {pid for pid, _r in self._rows}
                new = [r for r in page.items if r.id not in shown]
                if new:
                    start = len(self._rows)
                    self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
                    self._rows.extend((r.id, r) for r in new)
                    self.endInsertRows()
                self._next = page.next

        def finished() -> None:
            self._set_busy(-1)
            self._fetching_page = False
            if first:
                self._searching = False
                pending, self._pending = self._pending, None
                if pending is not None:
                    self._start(pending)

        def failed(exc: BaseException) -> bool:
            if generation == self._generation:
                self.failed.emit(exc)
            return True

        Op(self, work, lane=Lane.DB).on_success(done).on_failure(failed).on_finished(finished).start()

    def _refetch(self, ids: list[str]) -> None:
        generation = self._generation
        desk = self.ctx.desk
        size = self.page_size

        def work(_token: Any) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for i in range(0, len(ids), size):
                out.update(desk.housing.property_rows(ids[i : i + size]))
            return out

        def done(rows: dict[str, Any]) -> None:
            if generation != self._generation or not self._rows:
                return
            wanted = set(ids)
            self._rows = [(pid, rows.get(pid, DELETED) if pid in wanted else r) for pid, r in self._rows]
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

        def failed(exc: BaseException) -> bool:
            self.failed.emit(exc)
            return True

        self._set_busy(+1)
        Op(self, work, lane=Lane.DB).on_success(done).on_failure(failed).on_finished(lambda: self._set_busy(-1)).start()


def _role_limit(ctx: Any) -> int:
    from workstation.domain.permissions import max_page

    operator = getattr(ctx, "operator", None)
    return max_page(operator.role) if operator is not None else PAGE_SIZE


# ---- a room's bindings ----------------------------------------------------------------------------
TENANCY_COLUMNS = ("name", "id_number", "from", "to", "relation", "source", "note")


def tenancy_column_title(name: str) -> str:
    titles = {
        "name": QCoreApplication.translate("PropertiesModel", "Name"),
        "id_number": QCoreApplication.translate("PropertiesModel", "Document number"),
        "from": QCoreApplication.translate("PropertiesModel", "From"),
        "to": QCoreApplication.translate("PropertiesModel", "Moved out"),
        "relation": QCoreApplication.translate("PropertiesModel", "Relation"),
        "source": QCoreApplication.translate("PropertiesModel", "Source"),
        "note": QCoreApplication.translate("PropertiesModel", "Note"),
    }
    return titles[name]


def relation_name(value: Any) -> str:
    names = {
        "tenant": QCoreApplication.translate("PropertiesModel", "Tenant"),
        "owner": QCoreApplication.translate("PropertiesModel", "Owner"),
        "family": QCoreApplication.translate("PropertiesModel", "Family member"),
        "employee_dorm": QCoreApplication.translate("PropertiesModel", "Employee dormitory"),
        "other": QCoreApplication.translate("PropertiesModel", "Other"),
    }
    return names.get(str(getattr(value, "value", value)), str(value))


def source_name(value: Any) -> str:
    names = {
        "landlord_declaration": QCoreApplication.translate("PropertiesModel", "Landlord declaration"),
        "assistant": QCoreApplication.translate("PropertiesModel", "Assistant"),
        "officer": QCoreApplication.translate("PropertiesModel", "Officer"),
    }
    return names.get(str(getattr(value, "value", value)), str(value))


def overlap_note(t: Any) -> str:
    """⚠ and the other rooms a binding overlaps, in words (empty when none)."""
    if not t.overlaps:
        return ""
    others = "; ".join(
        QCoreApplication.translate("PropertiesModel", "%1 at %2 from %3")
        .replace("%1", o.room_label)
        .replace("%2", o.address)
        .replace("%3", o.start_date.isoformat())
        for o in t.overlaps
    )
    return "⚠ " + QCoreApplication.translate("PropertiesModel", "Also bound to room %1").replace("%1", others)


class TenanciesModel(QAbstractTableModel):
    """The bindings of one room (`desk.housing.room_tenancies`), current first; `set_rows(rows)`."""

    def __init__(self, parent: Any = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self.today = today or date.today()

    def set_rows(self, rows: Any) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.today = date.today()
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def tenancy(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TENANCY_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(TENANCY_COLUMNS):
            return None
        return tenancy_column_title(TENANCY_COLUMNS[section])

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not 0 <= index.column() < len(TENANCY_COLUMNS):
            return None
        t = self._rows[index.row()]
        column = TENANCY_COLUMNS[index.column()]
        current = t.current(self.today)
        if role == Qt.ItemDataRole.UserRole:
            return t.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "note" and t.overlaps:
                return QBrush(QColor("#8c1d18"))
            return None if current else QBrush(QColor("#555555"))
        if role == Qt.ItemDataRole.FontRole and current:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == "name":
            return t.person_name
        if column == "id_number":
            return t.id_number_masked or ""
        if column == "from":
            return t.start_date.isoformat()
        if column == "to":
            if t.end_date is None:
                return QCoreApplication.translate("PropertiesModel", "now")
            return t.end_date.isoformat()
        if column == "relation":
            return relation_name(t.relation)
        if column == "source":
            return source_name(t.source)
        if column == "note":
            note = overlap_note(t)
            if not note and t.start_date > self.today:
                return QCoreApplication.translate("PropertiesModel", "from a later date")
            if not note and not current:
                return QCoreApplication.translate("PropertiesModel", "ended")
            return note
        return None
