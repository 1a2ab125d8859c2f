"""What the desk's table models share: a column spec over rows kept by id, and lazy keyset paging.

`TableModel` keeps its rows as Anki's browser model does (`qt/aqt/browser/table/model.py`): the ids
in the order shown (`_ids`) and a cache of rows by id (`_cache`, least recently shown last; bounded
or not). It answers Qt's model API from a column spec: row and column counts, header titles, flags
(a row deleted since it was read is greyed: no flags), `data` bounds-checked, the row's id under
`UserRole`, right alignment of the numeric columns. A subclass says only what is its own:

* ``COLUMNS`` (the column names), ``RIGHT_ALIGNED`` (names), ``ROLES`` (the item roles `cell` answers;
  any other role is None without looking at the row);
* `column_title(name)`, `cell(row, column, role)`; `key_of(row)` when the id is not ``row.id``;
  `deleted_text()` for a row deleted meanwhile (shown in the first column).

A row missing from the cache (evicted, or dropped by `refetch(..., keep_shown=False)`) shows a
placeholder ("…") and is asked for: `missing_row(key)`.

`PagedTableModel` adds one query at a time read a keyset page at a time through the app's background
runner (`workstation.ui.tasks`, DB lane):

* `search(query)` asks for the first page (`fetch_page(desk, query, after=None, limit)`; ``first_page``
  rows when a subclass asks for a shorter first page than the next ones, e.g. a screenful); the rows
  shown stay until it arrives, then the model resets to it and `searched(query, seconds)` is emitted;
* `canFetchMore`/`fetchMore` ask for the next page (the cursor the last page gave) when the view
  scrolls near the end; a page adds only the rows not shown yet; at the last page (no cursor)
  `canFetchMore` is False;
* every fetch carries the generation it was asked in: a result that arrives after a newer `search`
  or `clear` is dropped, and work still waiting for the lane then is not run (`Cancelled`); while a
  search runs, only the newest of the queries asked for meanwhile runs next;
* rows missing or stale are read again in batches of a page (`fetch_rows(desk, keys)` → rows by key;
  a key it does not return was deleted meanwhile: the row stays, greyed, until the next search);
* `loading(bool)` says when the model starts and stops waiting for the store (`busy`); `failed(exc)`
  hands a failed fetch to the page, which shows it (the model only drops what it was fetching).

Nothing here holds more than the pages asked for, and the cache bound (`cache_rows`) caps the rows.
"""

from __future__ import annotations

import time
from collections import Counter, OrderedDict
from collections.abc import Hashable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal

from workstation.ui.tasks import Cancelled, Lane, Op

Index = QModelIndex | QPersistentModelIndex

#: The roles whose answer is the cell's text.
TEXT_ROLES: frozenset[int] = frozenset(
    {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole}
)
PLACEHOLDER = "…"  # a row being read (again): its first cell
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


#: What QAbstractTableModel.flags answers for a valid index.
ROW_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren


class _Deleted:
    """Cache entry of a row deleted since it was shown (greyed until the next search)."""

    def __repr__(self) -> str:
        return "DELETED"


DELETED: Any = _Deleted()


class TableModel(QAbstractTableModel):
    """Rows by id in columns named by ``COLUMNS`` (see the module docstring). `set_rows(rows)` shows
    rows handed over whole; `append_rows(rows)` adds the ones not shown yet."""

    COLUMNS: tuple[str, ...] = ()
    RIGHT_ALIGNED: frozenset[str] = frozenset()
    ROLES: frozenset[int] = TEXT_ROLES
    #: Every role `data` answers something for (made from the above for each class): a paint asks ~7
    #: roles of each cell, and the others are answered None before anything else is looked at.
    _ANSWERED: frozenset[int] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._ANSWERED = _answered(cls)

    def __init__(self, parent: Any = None, *, cache_rows: int | None = None) -> None:
        super().__init__(parent)
        self.cache_rows = cache_rows  # None: every row shown stays cached
        self._ids: list[Hashable] = []
        self._row_of: dict[Hashable, int] = {}  # id → its row (`row_of`; a list search per id was O(rows))
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()

    # ---- what a subclass says ----------------------------------------------------------------------
    def column_title(self, column: str) -> str:
        """The header of the column named `column`, in the UI language."""
        raise NotImplementedError

    def cell(self, row: Any, column: str, role: int) -> Any:
        """What `data` answers for `role` (one of ``ROLES``) in `column` of `row` (a row, never DELETED)."""
        raise NotImplementedError

    def key_of(self, row: Any) -> Hashable:
        """The id of `row` (unique among the rows; `UserRole` answers it)."""
        return row.id  # type: ignore[no-any-return]

    def deleted_text(self) -> str:
        """The first cell of a row deleted since it was shown."""
        return ""

    def missing_row(self, key: Hashable) -> None:
        """`data` was asked for a row not in the cache (it shows a placeholder meanwhile)."""

    # ---- Qt model API ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return self.column_title(self.COLUMNS[section])

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        if self._cache.get(self._ids[index.row()]) is DELETED:
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS  # QAbstractTableModel.flags of a valid index, without a call into Qt per cell

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in self._ANSWERED or not self._valid(index):
            return None
        key = self._ids[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return key
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT_ALIGNED:
            return RIGHT
        if role not in self.ROLES:
            return None
        row = self._cache.get(key)
        if row is None:
            self.missing_row(key)
            if role not in TEXT_ROLES:
                return None
            return PLACEHOLDER if index.column() == 0 else ""
        self._cache.move_to_end(key)
        if row is DELETED:
            if role not in TEXT_ROLES:
                return None
            return self.deleted_text() if index.column() == 0 else ""
        return self.cell(row, column, role)

    # ---- rows --------------------------------------------------------------------------------------
    @property
    def rows(self) -> list[Any]:
        """The rows shown, in order (None for one not in the cache, DELETED for one deleted meanwhile)."""
        return [self._cache.get(k) for k in self._ids]

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Show `rows` (in order) instead of what is shown."""
        self.beginResetModel()
        self._fill(rows)
        self.endResetModel()

    def append_rows(self, rows: Iterable[Any]) -> None:
        """Add, at the end, the rows of `rows` not shown yet (by id)."""
        shown = self._row_of
        new = []
        seen: set[Hashable] = set()
        for r in rows:
            key = self.key_of(r)
            if key not in shown and key not in seen:
                seen.add(key)
                new.append((key, r))
        if not new:
            return
        start = len(self._ids)
        self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
        for key, r in new:
            self._row_of[key] = len(self._ids)
            self._ids.append(key)
            self._cache[key] = r
        self.endInsertRows()
        self._evict()

    def row_id(self, row: int) -> Any:
        """The id shown in `row` (None: out of range)."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, key: Hashable) -> int:
        """The row showing id `key`, or -1."""
        return self._row_of.get(key, -1)

    def row_at(self, row: int) -> Any:
        """The row object shown in `row` (None: out of range, not cached, or deleted meanwhile)."""
        if not 0 <= row < len(self._ids):
            return None
        r = self._cache.get(self._ids[row])
        return None if r is DELETED else r

    def cached(self, key: Hashable) -> Any:
        """The cached row of id `key` (None: not cached; DELETED: deleted meanwhile)."""
        return self._cache.get(key)

    def retranslate(self) -> None:
        """The UI language changed: headers and cells are asked for again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        self._changed_all()

    # ---- helpers for subclasses --------------------------------------------------------------------
    def _valid(self, index: Index) -> bool:
        return (
            index.isValid() and 0 <= index.row() < len(self._ids) and 0 <= index.column() < len(self.COLUMNS)
        )

    def _fill(self, rows: Iterable[Any]) -> None:
        """Replace ids and cache (call between begin/endResetModel)."""
        self._cache.clear()
        self._ids = []
        self._row_of = {}
        for r in rows:
            key = self.key_of(r)
            self._row_of.setdefault(key, len(self._ids))
            self._ids.append(key)
            self._cache[key] = r
        self._evict()

    def _changed_all(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.COLUMNS) - 1))

    def _evict(self) -> None:
        if self.cache_rows is None:
            return
        while len(self._cache) > self.cache_rows:
            self._cache.popitem(last=False)


def _answered(cls: type[TableModel]) -> frozenset[int]:
    roles = set(cls.ROLES) | {Qt.ItemDataRole.UserRole}
    if cls.RIGHT_ALIGNED:
        roles.add(Qt.ItemDataRole.TextAlignmentRole)
    return frozenset(roles)


TableModel._ANSWERED = _answered(TableModel)


def page_limit(ctx: Any, page_size: int) -> int:
    """`page_size`, at most what the operator's role may read at once (the core refuses more)."""
    from workstation.domain.permissions import max_page

    operator = getattr(ctx, "operator", None)
    return min(page_size, max_page(operator.role)) if operator is not None else page_size


class PagedTableModel(TableModel):
    """A `TableModel` over one query at a time, read a keyset page at a time (see the module docstring).

    A subclass says how to read a page (`fetch_page`) and, when its rows can go stale or be evicted,
    how to read rows again by id (`fetch_rows`). Both run on the DB lane: no Qt there.

    Signals: `searched(query, float)` when a query's first page is shown (seconds since it was asked
    for); `loading(bool)` while pages or rows are being fetched; `failed(exc)` when a fetch failed."""

    searched = Signal(object, float)
    loading = Signal(bool)
    failed = Signal(object)

    def __init__(
        self,
        ctx: Any,
        query: Any,
        parent: Any = None,
        *,
        page_size: int,
        cache_rows: int | None = None,
        first_page: int | None = None,
    ) -> None:
        super().__init__(parent, cache_rows=cache_rows)
        self.ctx = ctx
        self.page_size = page_limit(ctx, page_size)
        # a search's first page: a screenful is enough to show it sooner (the rest comes as the view scrolls)
        self.first_page = min(first_page, self.page_size) if first_page else self.page_size
        self.query = query
        self._next: str | None = None
        self._generation = 0
        self._pages_in_flight = 0  # page reads asked for and not finished (stale ones included)
        self._searching = False
        self._pending: tuple[Any] | None = None  # the newest query asked for while a search ran
        self._searched_at = 0.0
        self._busy = 0
        self._missing: dict[Hashable, None] = {}  # ids to read again, in the order asked (a set in order)
        self._in_flight: Counter[Hashable] = Counter()
        self._refill = QTimer(self)
        self._refill.setSingleShot(True)
        self._refill.setInterval(0)  # every id asked for during one paint, read in one batch
        self._refill.timeout.connect(self._fetch_missing)

    # ---- what a subclass says ----------------------------------------------------------------------
    def fetch_page(self, desk: Any, query: Any, after: str | None, limit: int) -> Any:
        """One page of `query` (DB lane): a `storage.areas.base.Page` (``items``, ``next`` cursor or None)."""
        raise NotImplementedError

    def fetch_rows(self, desk: Any, keys: list[Any]) -> dict[Any, Any]:
        """The current rows of `keys` (DB lane, at most a page of them); a key left out was deleted."""
        raise NotImplementedError

    def show_query(self, query: Any) -> None:
        """The first page of `query` is being shown (inside the model reset)."""
        self.query = query

    # ---- Qt model API ------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._next is not None and not self._pages_in_flight and not self._searching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetch_page(self._generation, self.query, self._next)

    def missing_row(self, key: Hashable) -> None:
        self._want(key)

    # ---- what the page calls -----------------------------------------------------------------------
    def search(self, query: Any) -> None:
        """Show `query`'s first page when it arrives (the rows shown so far stay until then). While a
        search runs, only the newest of the queries asked for meanwhile runs next."""
        self._searched_at = time.perf_counter()
        if self._searching:
            self._pending = (query,)
            self._generation += 1  # whatever runs now is already stale
            return
        self._start(query)

    def refresh(self) -> None:
        """Search the current query again from its first page."""
        self.search(self.query)

    def has_more(self) -> bool:
        """True while the query has pages not read yet."""
        return self._next is not None

    @property
    def busy(self) -> bool:
        """True while a page or rows are being read."""
        return self._busy > 0

    def refetch(self, keys: Iterable[Hashable], *, keep_shown: bool = True) -> None:
        """Read the rows of `keys` that are shown again (a write changed them), in batches of a page.
        `keep_shown`: the old row stays until the new one arrives; else a placeholder meanwhile."""
        shown = self._row_of
        for key in keys:
            if key not in shown:
                continue
            if not keep_shown:
                self._cache.pop(key, None)
                row = self.row_of(key)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
            self._want(key, again=True)

    def clear(self) -> None:
        """Forget every row (the lock screen calls this: no personal data stays in memory)."""
        self._generation += 1
        self._pending = None
        self.beginResetModel()
        self._ids = []
        self._row_of = {}
        self._cache.clear()
        self._next = None
        self._missing.clear()
        self.endResetModel()

    # ---- fetching ----------------------------------------------------------------------------------
    def _set_busy(self, delta: int) -> None:
        before = self._busy > 0
        self._busy += delta
        if (self._busy > 0) != before:
            self.loading.emit(self._busy > 0)

    def _start(self, query: Any) -> None:
        self._generation += 1
        self._searching = True
        self._fetch_page(self._generation, query, None)

    def _run(self, work: Any, done: Any, failed: Any, finished: Any) -> None:
        """Run `work` on the DB lane of the context's runner; `finished` runs in every case."""
        op = Op(self, work, lane=Lane.DB, runner=getattr(self.ctx, "runner", None))
        try:
            op.on_success(done).on_failure(failed).on_finished(finished).start()
        except RuntimeError:  # no runner, or the app is shutting down: nothing more is read
            finished()

    def _fetch_page(self, generation: int, query: Any, after: str | None) -> None:
        desk = self.ctx.desk
        first = after is None
        size = self.first_page if first else self.page_size
        self._pages_in_flight += 1
        self._set_busy(+1)

        def work(_token: Any) -> Any:
            if generation != self._generation:
                raise Cancelled()  # a newer search was asked for while this one waited for the lane
            return self.fetch_page(desk, query, after, size)

        def done(page: Any) -> None:
            if generation != self._generation:
                return
            if first:
                self.beginResetModel()
                self.show_query(query)
                self._fill(page.items)
                self._next = page.next
                self._missing.clear()
                self.endResetModel()
                self.searched.emit(query, time.perf_counter() - self._searched_at)
            else:
                self.append_rows(page.items)
                self._next = page.next

        def finished() -> None:
            self._pages_in_flight -= 1
            if first:
                self._searching = False
                pending, self._pending = self._pending, None
                if pending is not None:
                    self._start(pending[0])  # before saying "not busy": no blink of the loading state
            self._set_busy(-1)

        def failed(exc: BaseException) -> bool:
            if generation == self._generation:
                self.failed.emit(exc)
            return True  # handled: the page shows it (a stale one is dropped)

        self._run(work, done, failed, finished)

    def _want(self, key: Hashable, *, again: bool = False) -> None:
        """Read row `key` with the next batch. `again`: even if a read of it runs now (it may predate a
        write); otherwise a row being read is not asked for twice."""
        if key in self._missing or (not again and self._in_flight[key] > 0):
            return
        self._missing[key] = None
        self._refill.start()

    def _fetch_missing(self) -> None:
        if not self._missing:
            return
        keys = list(self._missing)[: self.page_size]
        for key in keys:
            del self._missing[key]
        self._in_flight.update(keys)
        generation = self._generation
        desk = self.ctx.desk
        self._set_busy(+1)

        def done(rows: dict[Any, Any]) -> None:
            if generation != self._generation:
                return
            for key in keys:
                self._cache[key] = rows.get(key, DELETED)
            changed = sorted(r for r in (self.row_of(k) for k in keys) if r >= 0)
            if changed:
                self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], len(self.COLUMNS) - 1))
            self._evict()

        def finished() -> None:
            self._in_flight.subtract(keys)
            self._in_flight = +self._in_flight  # drop the counts that reached 0
            self._set_busy(-1)
            if self._missing:
                self._refill.start()

        def failed(exc: BaseException) -> bool:
            self.failed.emit(exc)
            return True  # handled: the page shows it

        self._run(lambda _t: self.fetch_rows(desk, keys), done, failed, finished)
