"""The property list's model (lazy keyset pages, like `models.residents`) and a room's tenancy history.

`PropertiesModel`:

* a search asks the core for ONE page (`desk.housing.find_properties(text, grid_code=…, order=…,
  after=cursor, limit=page_size)`) and keeps the rows in order plus the cursor of the next page;
  `canFetchMore`/`fetchMore` ask for the next page when the view scrolls near the end;
* every call runs on the DB lane; a result that belongs to an older search is dropped (the latest
  query wins) and a search asked for while one runs waits, only the newest one running next
  (the machinery is `models.paged.PagedTableModel`'s);
* `on_changed(Changes)`: a write to properties, rooms, bindings, declarations or spot checks fetches
  the rows shown again (`desk.housing.property_rows(ids)`, a page at a time) so the figures stay true;
  a property deleted meanwhile stays as a greyed "(deleted)" row until the next search.

The figures of a row (rooms, people bound now, last spot check, consistency rate) come with the row:
the core computes them for the page's rows only, never over the whole store.

`TenanciesModel`: the bindings of one room (a short list, held whole), current ones first; two lines a
row (name / document number, from / moved out, relation / source) and a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from workstation.ui.models.paged import DELETED, TEXT_ROLES, PagedTableModel, TableModel

PAGE_SIZE = 40  # about two screens of rows: each row carries figures the core computes for it
REFRESH_KINDS = frozenset({"property", "room", "tenancy", "declaration", "spot_check", "person"})


@dataclass(frozen=True)
class PropertyQuery:
    text: str = ""
    grid_code: str | None = None
    order: str = "address"  # storage.areas.housing.PropertyOrder value
    landlord_late: bool = False  # only properties whose landlord is late declaring (housing checks)


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


class PropertiesModel(PagedTableModel):
    """Rows of the property list for one query at a time (`search(PropertyQuery)`); the paging and the
    signals (`searched`, `loading`, `failed`) are `PagedTableModel`'s."""

    COLUMNS = COLUMNS
    RIGHT_ALIGNED = frozenset({"rooms", "bound_now", "consistency"})
    ROLES = TEXT_ROLES | {Qt.ItemDataRole.ForegroundRole}

    def __init__(self, ctx: Any, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(ctx, PropertyQuery(), parent, page_size=page_size)
        operator = getattr(ctx, "operator", None)
        self._me = getattr(operator, "username", None)

    def column_title(self, column: str) -> str:
        return column_title(column)

    def deleted_text(self) -> str:
        return QCoreApplication.translate("PropertiesModel", "(deleted)")

    def cell(self, row: Any, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "consistency":
                value = row.consistency.value
                if value is not None and value < 0.8:
                    return QBrush(QColor("#8c1d18"))  # with the figure itself: never colour alone
            return None
        return display(row, column, self._me)

    def fetch_page(self, desk: Any, query: PropertyQuery, after: str | None, limit: int) -> Any:
        return desk.housing.find_properties(
            query.text, grid_code=query.grid_code, order=query.order, landlord_late=query.landlord_late,
            after=after, limit=limit,
        )

    def fetch_rows(self, desk: Any, keys: list[Any]) -> dict[Any, Any]:
        return desk.housing.property_rows(keys)  # type: ignore[no-any-return]

    def on_changed(self, changes: Any) -> None:
        """The core wrote something that may change what rows show: fetch the rows shown again (they
        stay shown meanwhile); a property created means a new search (it belongs somewhere in the order)."""
        kinds = {str(getattr(c.kind, "value", c.kind)) for c in getattr(changes, "changed", ())}
        if not kinds & REFRESH_KINDS or not self._ids:
            return
        if "property" in kinds:
            new = {c.id for c in changes.changed if str(getattr(c.kind, "value", c.kind)) == "property"}
            if new - set(self._ids):
                self.refresh()
                return
        self.refetch([pid for pid in self._ids if self._cache.get(pid) is not DELETED])


# ---- a room's bindings ----------------------------------------------------------------------------
# Four columns, the first three of two lines each, so the table reads whole beside the room tiles at
# 1366 px (with the demo desk open) in both languages: who (name / document number), when (from / to),
# how (relation / source); the note (overlaps, ended, later) takes the rest and is elided, whole in its
# tooltip.
TENANCY_COLUMNS = ("person", "period", "relation", "note")


def tenancy_column_title(name: str) -> str:
    """A column's title: two lines for the two-line columns (each line translated on its own)."""
    titles = {
        "person": QCoreApplication.translate("PropertiesModel", "Name") + "\n"
        + QCoreApplication.translate("PropertiesModel", "Document number"),
        "period": QCoreApplication.translate("PropertiesModel", "From") + "\n"
        + QCoreApplication.translate("PropertiesModel", "Moved out"),
        "relation": QCoreApplication.translate("PropertiesModel", "Relation") + "\n"
        + QCoreApplication.translate("PropertiesModel", "Source"),
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
        "landlord_declaration": QCoreApplication.translate("PropertiesModel", "Declaration"),  # the landlord's
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


class TenanciesModel(TableModel):
    """The bindings of one room (`desk.housing.room_tenancies`), current first; `set_rows(rows)`."""

    COLUMNS = TENANCY_COLUMNS
    ROLES = TEXT_ROLES | {Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole}

    def __init__(self, parent: Any = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()

    def set_rows(self, rows: Any) -> None:
        self.today = date.today()
        super().set_rows(rows)

    def clear(self) -> None:
        self.set_rows([])

    def tenancy(self, row: int) -> Any:
        return self.row_at(row)

    def column_title(self, column: str) -> str:
        return tenancy_column_title(column)

    def cell(self, t: Any, column: str, role: int) -> Any:
        current = t.current(self.today)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "note" and t.overlaps:
                return QBrush(QColor("#8c1d18"))
            return None if current else QBrush(QColor("#555555"))
        if role == Qt.ItemDataRole.FontRole:
            if not current:
                return None
            f = QFont()
            f.setBold(True)
            return f
        if column == "person":
            return t.person_name + ("\n" + t.id_number_masked if t.id_number_masked else "")
        if column == "period":
            until = t.end_date.isoformat() if t.end_date else QCoreApplication.translate("PropertiesModel", "now")
            return t.start_date.isoformat() + "\n– " + until
        if column == "relation":
            return relation_name(t.relation) + "\n" + source_name(t.source)
        if column == "note":
            note = overlap_note(t)
            if not note and t.start_date > self.today:
                return QCoreApplication.translate("PropertiesModel", "from a later date")
            if not note and not current:
                return QCoreApplication.translate("PropertiesModel", "ended")
            return note
        return None
