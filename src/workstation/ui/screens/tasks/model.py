"""Table models of the Tasks page: the task inbox (`TasksModel`) and the pre-registrations waiting at
the desk (`PreRegistrationsModel`). They hold what the page hands them (frozen rows from the core);
neither touches the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from workstation.domain.enums import TaskStatus

Index = QModelIndex | QPersistentModelIndex

OVERDUE_COLOUR = QColor("#b3261e")  # with words ("Overdue, 3 days"), never colour alone
DONE_COLOUR = QColor("#1b5e20")

TASK_COLUMNS = ("kind", "title", "subject", "due", "status")
PREREG_COLUMNS = ("received", "name", "number", "phone", "address")


def kind_label(kind: str) -> str:
    """A task kind as the inbox shows it (an unknown kind from the platform as it came)."""
    labels = {
        "verify_person": QCoreApplication.translate("TasksPage", "Verify a person"),
        "revisit_property": QCoreApplication.translate("TasksPage", "Revisit a property"),
        "confirm_preregistration": QCoreApplication.translate("TasksPage", "Confirm a pre-registration"),
        "visit": QCoreApplication.translate("TasksPage", "Visit"),
        "other": QCoreApplication.translate("TasksPage", "Other"),
    }
    return labels.get(kind, kind)


def subject_label(subject_type: str | None) -> str:
    if subject_type == "person":
        return QCoreApplication.translate("TasksPage", "Resident")
    if subject_type == "property":
        return QCoreApplication.translate("TasksPage", "Property")
    return subject_type if subject_type else QCoreApplication.translate("TasksPage", "—")


def result_label(result: str | None) -> str:
    labels = {
        "verified": QCoreApplication.translate("TasksPage", "Verified, as recorded"),
        "corrected": QCoreApplication.translate("TasksPage", "Verified, record corrected"),
        "not_found": QCoreApplication.translate("TasksPage", "Not found at the address"),
        "moved_out": QCoreApplication.translate("TasksPage", "Moved out"),
        "other": QCoreApplication.translate("TasksPage", "Other (see notes)"),
    }
    return labels.get(result or "", result or "")


RESULTS = ("verified", "corrected", "not_found", "moved_out", "other")


def status_text(row: Any, today: date) -> str:
    """"Open", "Overdue, 3 days" or "Done: <result>" for a `TaskRow`."""
    if row.status is TaskStatus.DONE:
        return QCoreApplication.translate("TasksPage", "Done: %1").replace("%1", result_label(row.result))
    days = row.days_overdue(today)
    if days:
        if days == 1:
            return QCoreApplication.translate("TasksPage", "Overdue, 1 day")
        return QCoreApplication.translate("TasksPage", "Overdue, %1 days").replace("%1", str(days))
    if row.due_date is not None and row.due_date == today:
        return QCoreApplication.translate("TasksPage", "Open, due today")
    return QCoreApplication.translate("TasksPage", "Open")


class TasksModel(QAbstractTableModel):
    """Rows of the task inbox (`TaskRow`s), one filter's pages at a time. `UserRole` is the task id."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.today = date.today()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TASK_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            "kind": QCoreApplication.translate("TasksPage", "Kind"),
            "title": QCoreApplication.translate("TasksPage", "Task"),
            "subject": QCoreApplication.translate("TasksPage", "Subject"),
            "due": QCoreApplication.translate("TasksPage", "Due"),
            "status": QCoreApplication.translate("TasksPage", "Status"),
        }
        return titles[TASK_COLUMNS[section]] if 0 <= section < len(TASK_COLUMNS) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        if not 0 <= index.column() < len(TASK_COLUMNS):
            return None
        row = self.rows[index.row()]
        col = TASK_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        overdue = row.overdue(self.today)
        if role == Qt.ItemDataRole.ForegroundRole and col in ("due", "status"):
            if overdue:
                return QBrush(OVERDUE_COLOUR)
            if row.status is TaskStatus.DONE:
                return QBrush(DONE_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole and overdue and col in ("due", "status"):
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.details or None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if col == "kind":
            return kind_label(row.kind)
        if col == "title":
            return row.title
        if col == "subject":
            return subject_label(row.subject_type)
        if col == "due":
            return row.due_date.isoformat() if row.due_date else QCoreApplication.translate("TasksPage", "no date")
        return status_text(row, self.today)

    # ---- what the page calls ---------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Any], today: date) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.today = today
        self.endResetModel()

    def append_rows(self, rows: Sequence[Any]) -> None:
        known = {r.id for r in self.rows}
        new = [r for r in rows if r.id not in known]
        if not new:
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(new) - 1)
        self.rows.extend(new)
        self.endInsertRows()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, task_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == task_id), -1)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(TASK_COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(TASK_COLUMNS) - 1))


class PreRegistrationsModel(QAbstractTableModel):
    """Pre-registrations waiting (`PreRegistrationRow`s); ID numbers masked. `UserRole` is the id."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.highlight: set[str] = set()  # ids matching the card placed / the number typed

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PREREG_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            "received": QCoreApplication.translate("TasksPage", "Received"),
            "name": QCoreApplication.translate("TasksPage", "Name"),
            "number": QCoreApplication.translate("TasksPage", "ID number"),
            "phone": QCoreApplication.translate("TasksPage", "Phone"),
            "address": QCoreApplication.translate("TasksPage", "Address"),
        }
        return titles[PREREG_COLUMNS[section]] if 0 <= section < len(PREREG_COLUMNS) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        if not 0 <= index.column() < len(PREREG_COLUMNS):
            return None
        row = self.rows[index.row()]
        col = PREREG_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.BackgroundRole and row.id in self.highlight:
            return QBrush(QColor("#fff3c4"))
        if role == Qt.ItemDataRole.FontRole and row.id in self.highlight:
            f = QFont()
            f.setBold(True)
            return f
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if col == "received":
            return row.received_at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")  # stored in UTC
        if col == "name":
            return row.name
        if col == "number":
            return row.number_masked
        if col == "phone":
            return row.text("phone")
        return row.text("address")

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.highlight &= {r.id for r in self.rows}
        self.endResetModel()

    def set_highlight(self, ids: set[str]) -> None:
        self.highlight = set(ids)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(PREREG_COLUMNS) - 1))

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, prereg_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == prereg_id), -1)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(PREREG_COLUMNS) - 1)
