"""The residents table's model: instant at a million residents because it never holds them.

Anki's browser model (`qt/aqt/browser/table/model.py`), paged by keyset instead of one id list (the
machinery is `models.paged.PagedTableModel`'s; this module says the columns and the core's calls):

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

from dataclasses import dataclass
from datetime import date
from typing import Any

from workstation.ui.models.paged import PagedTableModel

PAGE_SIZE = 200
FIRST_PAGE = 50  # a search's first page: a screenful and more (reading and building 200 rows took ~12 ms at 1 M)
CACHE_ROWS = 5000


@dataclass(frozen=True)
class Query:
    text: str = ""
    grid_code: str | None = None
    property_id: str | None = None
    registered_on: date | None = None  # residents registered that day (the Today page's chart)


COLUMNS = ("name", "sex", "birth_date", "id_number", "phone", "address", "grid_code")


class ResidentsModel(PagedTableModel):
    """Rows of the residents table for one query at a time (`search(Query)`); the paging, the row
    cache and the signals (`searched`, `loading`, `failed`) are `PagedTableModel`'s."""

    COLUMNS = COLUMNS

    def __init__(
        self,
        ctx: Any,
        parent: Any = None,
        *,
        page_size: int = PAGE_SIZE,
        cache_rows: int = CACHE_ROWS,
        first_page: int = FIRST_PAGE,
    ):
        super().__init__(ctx, Query(), parent, page_size=page_size, cache_rows=cache_rows, first_page=first_page)

    def column_title(self, column: str) -> str:
        return column_title(column)

    def deleted_text(self) -> str:
        return column_deleted()

    def cell(self, row: Any, column: str, role: int) -> Any:
        return display(row, column)

    def fetch_page(self, desk: Any, query: Query, after: str | None, limit: int) -> Any:
        return desk.residents.find(
            query.text, grid_code=query.grid_code, property_id=query.property_id,
            registered_on=query.registered_on, after=after, limit=limit,
        )

    def fetch_rows(self, desk: Any, keys: list[Any]) -> dict[Any, Any]:
        return desk.residents.rows(keys)  # type: ignore[no-any-return]

    def on_changed(self, changes: Any) -> None:
        """The core wrote something: residents we show that changed are fetched again (stale; a
        placeholder until they arrive, all in one batch)."""
        ids = set()
        for change in getattr(changes, "changed", ()):
            if str(getattr(change.kind, "value", change.kind)) in ("person", "identity_document", "tenancy"):
                ids.add(change.id)
        self.refetch(ids, keep_shown=False)


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
    if column == "name":
        if row.name_latin and row.name_latin != row.name:
            return f"{row.name} ({row.name_latin})" if row.name else row.name_latin
        return row.name or ""
    if column == "sex":
        from workstation.ui.screens.registration.texts import sex_name  # only here: an import costs ~15 µs

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
