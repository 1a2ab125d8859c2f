"""The residents table's model: instant at a million residents because it never holds them.

Anki's browser model (`qt/aqt/browser/table/model.py`), paged by keyset instead of one id list:

* a search asks the core for ONE page (`desk.residents.find(query, grid_code, property_id,
  after=cursor, limit=page_size)`) and keeps its ids in order plus the cursor of the next page;
  `canFetchMore`/`fetchMore` ask for the next page when the view scrolls near the end;
* rows live in a bounded cache (`ResidentRow`s, least recently shown evicted first); a row whose
  entry is missing (evicted, or marked stale after a write) shows a placeholder and is fetched again
  in one batch with its neighbours (`desk.residents.rows(ids)`);
* every call runs on the DB lane; a result that belongs to an older search is dropped (the latest
  query wins), and a search waiting for the lane is skipped when a newer one has been asked for;
* `changed(Changes)` from the core marks the changed residents stale; a resident deleted meanwhile
  stays as a greyed "deleted" row until the next search.

Nothing here loads more than a page of rows at a time, whatever the store holds.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from workstation.ui.tasks import Cancelled, Lane, Op

Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
CACHE_ROWS = 5000


@dataclass(frozen=True)
class Query:
    text: str = ""
    grid_code: str | None = None
    property_id: str | None = None
    registered_on: date | None = None  # residents registered that day (the Today page's chart)


class _Deleted:
    """Cache entry of a resident deleted since the search (shown greyed until the next search)."""


DELETED = _Deleted()

COLUMNS = ("name", "sex", "birth_date", "id_number", "phone", "address", "grid_code")


class ResidentsModel(QAbstractTableModel):
    """Rows of the residents table for one query at a time (`search(Query)`).

    Signals: `searched(Query, float)` when a search's first page is shown (seconds since the search
    was asked for); `loading(bool)` while a page or rows are being fetched; `failed(exc)` when a
    fetch failed (the page shows it)."""

    searched = Signal(object, float)
    loading = Signal(bool)
    failed = Signal(object)

    def __init__(self, ctx: Any, parent: Any = None, *, page_size: int = PAGE_SIZE, cache_rows: int = CACHE_ROWS):
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = min(page_size, _role_limit(ctx))  # the core refuses more rows per read
        self.cache_rows = cache_rows
        self.query = Query()
        self._ids: list[str] = []
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._next: str | None = None
        self._generation = 0
        self._fetching_page = False
        self._missing: set[str] = set()  # ids asked for by data(), fetched in one batch
        self._in_flight: set[str] = set()
        self._busy = 0
        self._refill = QTimer(self)
        self._refill.setSingleShot(True)
        self._refill.setInterval(0)
        self._refill.timeout.connect(self._fetch_missing)
        self._searched_at = 0.0
        self._pending_search: Query | None = None
        self._searching = False

    # ---- Qt model API ----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

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
        if self._cache.get(self._ids[index.row()]) is DELETED:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        pid = self._ids[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return pid
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self._cache.get(pid)
        if row is None:
            self._want(pid)
            return "…" if index.column() == 0 else ""
        self._cache.move_to_end(pid)
        if row is DELETED:
            return column_deleted() if index.column() == 0 else ""
        return display(row, COLUMNS[index.column()])

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next is not None and not self._fetching_page and not self._searching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetch_page(self._generation, self.query, self._next)

    # ---- what the page calls ---------------------------------------------------------------------
    def search(self, query: Query) -> None:
        """Show `query`'s first page when it arrives (the rows shown so far stay until then). While a
        search runs, only the newest of the queries asked for meanwhile runs next."""
        self._searched_at = time.perf_counter()
        if self._searching:
            self._pending_search = query
            self._generation += 1  # whatever runs now is already stale
            return
        self._start_search(query)

    def row_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, person_id: str) -> int:
        try:
            return self._ids.index(person_id)
        except ValueError:
            return -1

    def cached(self, person_id: str) -> Any:
        return self._cache.get(person_id)

    def has_more(self) -> bool:
        return self._next is not None

    def on_changed(self, changes: Any) -> None:
        """The core wrote something: residents we show that changed are fetched again (stale)."""
        ids = set()
        for change in getattr(changes, "changed", ()):
            if str(getattr(change.kind, "value", change.kind)) in ("person", "identity_document", "tenancy"):
                ids.add(change.id)
        shown = set(self._ids)
        stale = [pid for pid in ids if pid in shown]
        for pid in stale:
            self._cache.pop(pid, None)
            self._want(pid)  # fetched again at once, in one batch; a placeholder meanwhile
            row = self.row_of(pid)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def clear(self) -> None:
        """Forget every row (the lock screen calls this: no personal data stays in memory)."""
        self._generation += 1
        self.beginResetModel()
        self._ids = []
        self._cache.clear()
        self._next = None
        self._missing.clear()
        self.endResetModel()

    # ---- fetching --------------------------------------------------------------------------------
    def _set_busy(self, delta: int) -> None:
        before = self._busy > 0
        self._busy += delta
        if (self._busy > 0) != before:
            self.loading.emit(self._busy > 0)

    def _start_search(self, query: Query) -> None:
        self._generation += 1
        self._searching = True
        self._fetch_page(self._generation, query, None)

    def _fetch_page(self, generation: int, query: Query, after: str | None) -> None:
        desk = self.ctx.desk
        first = after is None
        self._fetching_page = True
        self._set_busy(+1)
        size = self.page_size

        def work(_token: Any) -> Any:
            if generation != self._generation:
                raise Cancelled()  # a newer search was asked for while this one waited for the lane
            return desk.residents.find(
                query.text, grid_code=query.grid_code, property_id=query.property_id,
                registered_on=query.registered_on, after=after, limit=size,
            )

        def done(page: Any) -> None:
            if generation != self._generation:
                return
            if first:
                self.beginResetModel()
                self.query = query
                self._ids = [r.id for r in page.items]
                self._cache.clear()
                for r in page.items:
                    self._cache[r.id] = r
                self._next = page.next
                self._missing.clear()
                self.endResetModel()
                self.searched.emit(query, time.perf_counter() - self._searched_at)
            else:
                new = [r for r in page.items if r.id not in self._cache]
                if new:
                    start = len(self._ids)
                    self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
                    self._ids.extend(r.id for r in new)
                    for r in new:
                        self._cache[r.id] = r
                    self.endInsertRows()
                self._next = page.next
            self._evict()

        def finished() -> None:
            self._set_busy(-1)
            self._fetching_page = False
            if first:
                self._searching = False
                pending, self._pending_search = self._pending_search, None
                if pending is not None:
                    self._start_search(pending)

        def failed(exc: BaseException) -> bool:
            if generation == self._generation:
                self.failed.emit(exc)
                return True
            return True

        Op(self, work, lane=Lane.DB).on_success(done).on_failure(failed).on_finished(finished).start()

    def _want(self, pid: str) -> None:
        if pid in self._in_flight or pid in self._missing:
            return
        self._missing.add(pid)
        self._refill.start()

    def _fetch_missing(self) -> None:
        if not self._missing:
            return
        ids = list(self._missing)[: self.page_size]
        self._missing.difference_update(ids)
        self._in_flight.update(ids)
        generation = self._generation
        desk = self.ctx.desk
        self._set_busy(+1)

        def done(rows: dict[str, Any]) -> None:
            if generation != self._generation:
                return
            for pid in ids:
                self._cache[pid] = rows.get(pid, DELETED)
            rows_changed = sorted(r for r in (self.row_of(pid) for pid in ids) if r >= 0)
            if rows_changed:
                self.dataChanged.emit(self.index(rows_changed[0], 0), self.index(rows_changed[-1], len(COLUMNS) - 1))
            self._evict()

        def finished() -> None:
            self._in_flight.difference_update(ids)
            self._set_busy(-1)
            if self._missing:
                self._refill.start()

        def failed(exc: BaseException) -> bool:
            self.failed.emit(exc)
            return True  # handled: the view reports it

        Op(self, lambda _t: desk.residents.rows(ids), lane=Lane.DB).on_success(done).on_failure(failed).on_finished(
            finished
        ).start()

    def _evict(self) -> None:
        while len(self._cache) > self.cache_rows:
            self._cache.popitem(last=False)


def _role_limit(ctx: Any) -> int:
    from workstation.domain.permissions import max_page

    operator = getattr(ctx, "operator", None)
    return max_page(operator.role) if operator is not None else PAGE_SIZE


def column_title(name: str) -> str:
    from PySide6.QtCore import QCoreApplication

    t = {
        "name": QCoreApplication.translate("ResidentsModel", "Name"),
        "sex": QCoreApplication.translate("ResidentsModel", "Sex"),
        "birth_date": QCoreApplication.translate("ResidentsModel", "Born"),
        "id_number": QCoreApplication.translate("ResidentsModel", "Document number"),
        "phone": QCoreApplication.translate("ResidentsModel", "Phone"),
        "address": QCoreApplication.translate("ResidentsModel", "Current address"),
        "grid_code": QCoreApplication.translate("ResidentsModel", "Grid"),
    }
    return t[name]


def column_deleted() -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ResidentsModel", "(deleted)")


def display(row: Any, column: str) -> str:
    """One cell of a `ResidentRow` as the table shows it (ID numbers masked by the core)."""
    from workstation.ui.screens.registration.texts import sex_name

    if column == "name":
        if row.name_latin and row.name_latin != row.name:
            return f"{row.name} ({row.name_latin})" if row.name else row.name_latin
        return row.name or ""
    if column == "sex":
        return sex_name(row.sex)
    if column == "birth_date":
        return row.birth_date.isoformat() if row.birth_date else ""
    if column == "id_number":
        return row.id_number_masked or ""
    if column == "phone":
        return row.phone or ""
    if column == "address":
        return row.address or ""
    if column == "grid_code":
        return row.grid_code or ""
    return ""
