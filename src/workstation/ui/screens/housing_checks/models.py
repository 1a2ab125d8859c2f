"""Table models of the housing-check dialogs (each checked with qtmodeltester in the tests).

* `ComparisonModel` — a declaration beside the record, one person a row, differences highlighted;
* `EntriesModel` — the tenants a landlord declares (editable: name, ID number, room, moving-in date);
* `FindingsModel` — a visit's findings, one person (or empty room) a row (editable: result, notes);
* `RoundModel` — the properties of a visit sheet or a monthly round.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from workstation.domain.enums import SpotCheckResult
from workstation.storage.areas.checks import ComparisonLine, SheetProperty
from workstation.ui.screens.housing_checks import texts

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
DIFFERS_BG = QColor("#fdecd2")  # with words in the status column, never colour alone
DIFFERS_FG = QColor("#7a3d00")
ROLE_KEY = Qt.ItemDataRole.UserRole


class _Table(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def header_texts(self) -> list[str]:
        return [texts.tr(h) for h in self.headers]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.header_texts()[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def set_rows(self, rows: Any) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, r: int) -> Any:
        return self._rows[r]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def retranslate(self) -> None:
        if self.headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.headers) - 1))


# lupdate reads the column names here
def _headers_for_lupdate() -> None:  # pragma: no cover - never called
    QCoreApplication.translate("HousingChecks", "Status")
    QCoreApplication.translate("HousingChecks", "Name")
    QCoreApplication.translate("HousingChecks", "ID number")
    QCoreApplication.translate("HousingChecks", "Declared room")
    QCoreApplication.translate("HousingChecks", "Moved in (declared)")
    QCoreApplication.translate("HousingChecks", "Declared on")
    QCoreApplication.translate("HousingChecks", "Recorded room")
    QCoreApplication.translate("HousingChecks", "Moved in (recorded)")
    QCoreApplication.translate("HousingChecks", "Declare by")
    QCoreApplication.translate("HousingChecks", "Room")
    QCoreApplication.translate("HousingChecks", "Moving-in date")
    QCoreApplication.translate("HousingChecks", "Since")
    QCoreApplication.translate("HousingChecks", "Finding")
    QCoreApplication.translate("HousingChecks", "Notes")
    QCoreApplication.translate("HousingChecks", "Address")
    QCoreApplication.translate("HousingChecks", "Rooms")
    QCoreApplication.translate("HousingChecks", "People")
    QCoreApplication.translate("HousingChecks", "Last spot check")


class ComparisonModel(_Table):
    """`DeclarationComparison.lines`; rows that differ have a warm background (and say so in words)."""

    headers = ("Status", "Name", "ID number", "Declared room", "Moved in (declared)", "Declared on",
               "Recorded room", "Moved in (recorded)", "Declare by")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        line: ComparisonLine = self._rows[index.row()]
        c = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (texts.agreement_name(line.agreement), line.name, line.id_number_masked or "",
                      line.declared_room or "", texts.day(line.declared_since), texts.day(line.declared_on),
                      line.recorded_room or "", texts.day(line.recorded_since),
                      texts.day(line.due_date) if line.declared_on is None and line.recorded_room else "")
            return values[c]
        if role == Qt.ItemDataRole.BackgroundRole and line.agreement.differs:
            return QBrush(DIFFERS_BG)
        if role == Qt.ItemDataRole.ForegroundRole and line.agreement.differs:
            return QBrush(DIFFERS_FG)
        if role == Qt.ItemDataRole.FontRole and c == 0 and line.agreement.differs:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        if role == ROLE_KEY:
            return line.agreement.value
        return None


ENTRY_FIELDS = ("name", "id_number", "room", "since")


class EntriesModel(_Table):
    """The tenants of a declaration being entered: dicts with `ENTRY_FIELDS` (text as typed)."""

    headers = ("Name", "ID number", "Room", "Moving-in date")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._rows[index.row()].get(ENTRY_FIELDS[index.column()], "")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not (0 <= index.row() < len(self._rows)):
            return False
        self._rows[index.row()] = {**self._rows[index.row()], ENTRY_FIELDS[index.column()]: str(value or "").strip()}
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def insertRows(self, row: int, count: int, parent: Index = ROOT) -> bool:
        if parent.isValid() or count < 1 or not (0 <= row <= len(self._rows)):
            return False
        self.beginInsertRows(ROOT, row, row + count - 1)
        self._rows[row:row] = [dict.fromkeys(ENTRY_FIELDS, "") for _ in range(count)]
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: Index = ROOT) -> bool:
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows):
            return False
        self.beginRemoveRows(ROOT, row, row + count - 1)
        del self._rows[row:row + count]
        self.endRemoveRows()
        return True

    def append(self, entry: dict[str, str]) -> None:
        n = len(self._rows)
        self.beginInsertRows(ROOT, n, n)
        self._rows.append({f: entry.get(f, "") for f in ENTRY_FIELDS})
        self.endInsertRows()

    def entries(self) -> list[dict[str, str]]:
        """The rows that are not blank, as `record_declaration` takes them."""
        return [{k: v for k, v in r.items() if v} for r in self._rows if any(v.strip() for v in r.values())]


@dataclass(frozen=True)
class FindingRow:
    """One line of a visit: a person bound to a room (`tenancy_id`), or an empty room (None)."""

    room: str
    tenancy_id: str | None
    name: str
    id_number_masked: str | None
    since: str
    result: SpotCheckResult | None = None
    notes: str = ""
    room_id: str | None = None  # the room, for an empty room's line
    saved_at: datetime | None = None  # when its finding was saved (UTC, naive); a saved line is read-only


RESULT_COLUMN = 4
NOTES_COLUMN = 5


class FindingsModel(_Table):
    """A visit's findings. The result column edits with `SpotCheckResult` values (EditRole: the value,
    or "" for not checked); notes are free text. A line saved already (`FindingRow.saved_at`) keeps
    its finding, says "saved" beside it and is no longer editable (`mark_saved`)."""

    headers = ("Room", "Name", "ID number", "Since", "Finding", "Notes")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        f: FindingRow = self._rows[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.EditRole:
            if c == RESULT_COLUMN:
                return f.result.value if f.result else ""
            if c == NOTES_COLUMN:
                return f.notes
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            name = f.name if f.tenancy_id else QCoreApplication.translate("HousingChecks", "(nobody recorded)")
            result = texts.result_name(f.result)
            if f.saved_at is not None:
                if role == Qt.ItemDataRole.ToolTipRole and c == RESULT_COLUMN:
                    return QCoreApplication.translate("HousingChecks", "%1, saved at %2").replace(
                        "%1", result).replace("%2", texts.moment(f.saved_at))
                result = QCoreApplication.translate("HousingChecks", "%1 · saved").replace("%1", result)
            return (f.room, name, f.id_number_masked or "", f.since, result, f.notes)[c]
        if role == Qt.ItemDataRole.BackgroundRole and c == RESULT_COLUMN and f.result is not None:
            return QBrush(QColor("#e6f4ea") if f.result is SpotCheckResult.CONSISTENT else DIFFERS_BG)
        if role == ROLE_KEY:
            return f.tenancy_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        saved = 0 <= index.row() < len(self._rows) and self._rows[index.row()].saved_at is not None
        if index.column() in (RESULT_COLUMN, NOTES_COLUMN) and not saved:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not (0 <= index.row() < len(self._rows)):
            return False
        f: FindingRow = self._rows[index.row()]
        if f.saved_at is not None:
            return False
        if index.column() == RESULT_COLUMN:
            try:
                new = replace(f, result=SpotCheckResult(value) if value else None)
            except ValueError:
                return False
        elif index.column() == NOTES_COLUMN:
            new = replace(f, notes=str(value or "").strip())
        else:
            return False
        self._rows[index.row()] = new
        self.dataChanged.emit(index, index)
        return True

    def set_all(self, result: SpotCheckResult) -> None:
        """Every line not marked yet takes `result` (a visit where everything matched)."""
        for r, f in enumerate(self._rows):
            if f.result is None:
                self._rows[r] = replace(f, result=result)
        if self._rows:
            self.dataChanged.emit(self.index(0, RESULT_COLUMN), self.index(len(self._rows) - 1, RESULT_COLUMN))

    def to_save(self) -> list[int]:
        """The rows marked and not saved yet, in order (what the next save sends)."""
        return [r for r, f in enumerate(self._rows) if f.result is not None and f.saved_at is None]

    def mark_saved(self, rows: list[int], when: datetime) -> None:
        """Rows whose findings were saved at `when` (UTC, naive): they keep their finding, say "saved"
        and become read-only."""
        for r in rows:
            if 0 <= r < len(self._rows):
                self._rows[r] = replace(self._rows[r], saved_at=when)
                self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))

    def saved(self) -> int:
        """How many lines are saved."""
        return sum(1 for f in self._rows if f.saved_at is not None)


class RoundModel(_Table):
    """Properties of a visit sheet (`SheetProperty`): address, rooms, people bound, last spot check."""

    headers = ("Address", "Rooms", "People", "Last spot check")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        p: SheetProperty = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            people = sum(len(r.people) for r in p.rooms)
            return (p.address, str(len(p.rooms)), str(people),
                    texts.moment(p.last_check) or QCoreApplication.translate("HousingChecks", "never"))[index.column()]
        if role == ROLE_KEY:
            return p.property_id
        return None
