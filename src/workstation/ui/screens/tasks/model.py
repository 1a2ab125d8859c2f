"""Table models of the Tasks page: the task inbox (`TasksModel`) and the pre-registrations waiting at
the desk (`PreRegistrationsModel`), on the shared bases of `models.paged`. The inbox reads its pages
itself (`desk.tasks.list`, DB lane, keyset); the pre-registrations hold what the page hands them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from workstation.domain.enums import TaskStatus
from workstation.ui.models.paged import PagedTableModel, TableModel

OVERDUE_COLOUR = QColor("#b3261e")  # with words ("Overdue, 3 days"), never colour alone
DONE_COLOUR = QColor("#1b5e20")

PAGE_SIZE = 200  # the core's default page of tasks (clamped to the role's page)
FILTERS = ("open", "week", "overdue", "done", "all")
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
        return QCoreApplication.translate("TasksPage", "Overdue, %n day(s)", None, days)
    if row.due_date is not None and row.due_date == today:
        return QCoreApplication.translate("TasksPage", "Open, due today")
    return QCoreApplication.translate("TasksPage", "Open")


@dataclass(frozen=True)
class TaskFilter:
    """What the inbox shows: one of `FILTERS`, with the day that decides what is overdue."""

    name: str = "open"
    today: date = field(default_factory=date.today)


def filter_args(name: str, today: date) -> dict[str, Any]:
    """The keyword arguments of `desk.tasks.list` for a filter of the inbox."""
    if name == "open":
        return {"status": TaskStatus.OPEN}
    if name == "week":
        monday = today - timedelta(days=today.weekday())
        return {"status": TaskStatus.OPEN, "due_from": monday, "due_before": monday + timedelta(days=7)}
    if name == "overdue":
        return {"status": TaskStatus.OPEN, "due_before": today}
    if name == "done":
        return {"status": TaskStatus.DONE}
    return {}


def _bold() -> QFont:
    f = QFont()
    f.setBold(True)
    return f


class TasksModel(PagedTableModel):
    """Rows of the task inbox (`TaskRow`s), one filter's keyset pages at a time (`search(TaskFilter)`;
    `PagedTableModel` does the paging). `UserRole` is the task id. `set_rows` shows rows handed over."""

    COLUMNS = TASK_COLUMNS
    ROLES = frozenset({
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
    })

    def __init__(self, ctx: Any = None, parent: Any = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(ctx, TaskFilter(), parent, page_size=page_size)
        self.today = self.query.today

    def column_title(self, column: str) -> str:
        titles = {
            "kind": QCoreApplication.translate("TasksPage", "Kind"),
            "title": QCoreApplication.translate("TasksPage", "Task"),
            "subject": QCoreApplication.translate("TasksPage", "Subject"),
            "due": QCoreApplication.translate("TasksPage", "Due"),
            "status": QCoreApplication.translate("TasksPage", "Status"),
        }
        return titles[column]

    def cell(self, row: Any, col: str, role: int) -> Any:
        overdue = row.overdue(self.today)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col not in ("due", "status"):
                return None
            if overdue:
                return QBrush(OVERDUE_COLOUR)
            if row.status is TaskStatus.DONE:
                return QBrush(DONE_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole:
            return _bold() if overdue and col in ("due", "status") else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.details or None
        if col == "kind":
            return kind_label(row.kind)
        if col == "title":
            return row.title
        if col == "subject":
            return subject_label(row.subject_type)
        if col == "due":
            return row.due_date.isoformat() if row.due_date else QCoreApplication.translate("TasksPage", "no date")
        return status_text(row, self.today)

    def fetch_page(self, desk: Any, query: TaskFilter, after: str | None, limit: int) -> Any:
        return desk.tasks.list(**filter_args(query.name, query.today), after=after, limit=limit)

    def show_query(self, query: TaskFilter) -> None:
        self.query = query
        self.today = query.today

    def set_rows(self, rows: Iterable[Any], today: date | None = None) -> None:
        """Show `rows` (`TaskRow`s); `today` decides what is overdue (None: as before)."""
        if today is not None:
            self.today = today
        super().set_rows(rows)


class PreRegistrationsModel(TableModel):
    """Pre-registrations waiting (`PreRegistrationRow`s); ID numbers masked. `UserRole` is the id."""

    COLUMNS = PREREG_COLUMNS
    ROLES = frozenset({
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.FontRole,
    })

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.highlight: set[str] = set()  # ids matching the card placed / the number typed

    def column_title(self, column: str) -> str:
        titles = {
            "received": QCoreApplication.translate("TasksPage", "Received"),
            "name": QCoreApplication.translate("TasksPage", "Name"),
            "number": QCoreApplication.translate("TasksPage", "ID number"),
            "phone": QCoreApplication.translate("TasksPage", "Phone"),
            "address": QCoreApplication.translate("TasksPage", "Address"),
        }
        return titles[column]

    def cell(self, row: Any, col: str, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#fff3c4")) if row.id in self.highlight else None
        if role == Qt.ItemDataRole.FontRole:
            return _bold() if row.id in self.highlight else None
        if col == "received":
            return row.received_at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")  # stored in UTC
        if col == "name":
            return row.name
        if col == "number":
            return row.number_masked
        if col == "phone":
            return row.text("phone")
        return row.text("address")

    def set_rows(self, rows: Iterable[Any]) -> None:
        """Show `rows`; the highlight keeps only the ids still shown."""
        super().set_rows(rows)
        self.highlight &= set(self._ids)

    def set_highlight(self, ids: set[str]) -> None:
        self.highlight = set(ids)
        self._changed_all()
