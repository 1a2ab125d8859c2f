"""The Administration page's tables: the operators (`OperatorsModel`) and a purge preview
(`PurgePreviewModel`: what a purge would delete, per kind of record)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from workstation.i18n import render
from workstation.storage.operators import DISABLED, LOCKED, OperatorAccount
from workstation.ui import i18n as ui_i18n
from workstation.ui.context import role_label
from workstation.ui.screens.sync.model import local_time

Index = QModelIndex | QPersistentModelIndex


def state_text(acc: OperatorAccount) -> str:
    """An account's state in words ("Locked until 2026-11-30 14:05 · must change password")."""
    if acc.state == DISABLED:
        text = QCoreApplication.translate("AdminOperators", "Disabled")
    elif acc.state == LOCKED:
        text = QCoreApplication.translate("AdminOperators", "Locked until {t}").replace(
            "{t}", local_time(acc.locked_until)
        )
    else:
        text = QCoreApplication.translate("AdminOperators", "Active")
    if acc.must_change_password:
        text += " · " + QCoreApplication.translate("AdminOperators", "must change password")
    return text


class _Table(QAbstractTableModel):
    """A read-only table of rows replaced as a whole (`set_rows`)."""

    HEADERS: tuple[str, ...] = ()
    CONTEXT = ""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Any) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        return None

    def _cell(self, row: Any, col: int) -> str:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return row
        return self._extra(row, index.column(), role)

    def _extra(self, row: Any, col: int, role: int) -> Any:
        return None


class OperatorsModel(_Table):
    """Rows: `storage.operators.OperatorAccount`s. Columns: user name, display name, role, state, last
    login. UserRole gives the account."""

    CONTEXT = "AdminOperators"
    HEADERS = ("User name", "Name", "Role", "State", "Last login")

    def _cell(self, acc: OperatorAccount, col: int) -> str:
        if col == 0:
            return acc.username
        if col == 1:
            return acc.display_name
        if col == 2:
            return role_label(acc.role)
        if col == 3:
            return state_text(acc)
        if col == 4:
            return local_time(acc.last_login_at) if acc.last_login_at else "—"
        return ""

    def _extra(self, acc: OperatorAccount, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and acc.state != "active":
            from PySide6.QtGui import QColor

            return QColor("#8c1d18") if acc.state == LOCKED else QColor("#555555")
        return None

    def row_of(self, username: str) -> int:
        for i, acc in enumerate(self._rows):
            if acc.username == username:
                return i
        return -1


def purge_kind_label(kind: str) -> str:
    """What a purge removes, in words, per `retention.PurgeReport.counts` key, in the UI language (the
    table is the core's, `retention.PURGE_LABELS`, which ``workstation-admin purge`` shows too)."""
    from workstation.storage.retention import purge_label

    return render(purge_label(kind), ui_i18n.current())


class PurgePreviewModel(_Table):
    """Rows: (kind, count) pairs of a purge report. Columns: what, how many. UserRole gives the pair."""

    CONTEXT = "AdminPurge"
    HEADERS = ("What", "Records")

    def _cell(self, row: tuple[str, int], col: int) -> str:
        return purge_kind_label(row[0]) if col == 0 else str(row[1])

    def _extra(self, row: tuple[str, int], col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @property
    def total(self) -> int:
        return sum(n for _k, n in self._rows)


def _lupdate_strings() -> None:  # pragma: no cover - lupdate reads literal strings only
    QCoreApplication.translate("AdminOperators", "User name")
    QCoreApplication.translate("AdminOperators", "Name")
    QCoreApplication.translate("AdminOperators", "Role")
    QCoreApplication.translate("AdminOperators", "State")
    QCoreApplication.translate("AdminOperators", "Last login")
    QCoreApplication.translate("AdminPurge", "What")
    QCoreApplication.translate("AdminPurge", "Records")
