"""The Sync page's table: one row per ledger state (changes not in a batch yet, building, sealed,
sending, acknowledged) and per state a conflict gives a change (held, not applied, superseded by a
decision: shown when there are any) with its batches, changes and oldest waiting change."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from workstation.i18n import render
from workstation.sync import client as sync_client
from workstation.ui import i18n as ui_i18n
from workstation.ui.screens.sync.data import CHANGE_STATES, StateRow

Index = QModelIndex | QPersistentModelIndex


def local_time(dt: datetime | None) -> str:
    """A stored (naive UTC) time as local ``YYYY-MM-DD HH:MM``; "" for None."""
    if dt is None:
        return ""
    return dt.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def state_label(state: str) -> str:
    """The words for a ledger state in the UI language (the core's table, `sync.client.STATE_LABELS`,
    which ``workstation sync --status`` shows too)."""
    return render(sync_client.state_label(state), ui_i18n.current())


class SyncStateModel(QAbstractTableModel):
    """Rows: `StateRow`s (`set_rows` replaces them). Columns: state, batches, changes, oldest waiting."""

    COLUMNS = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StateRow] = []

    def set_rows(self, rows: list[StateRow] | tuple[StateRow, ...]) -> None:
        new = list(rows)
        if [r.state for r in new] == [r.state for r in self._rows]:
            self._rows = new
            if new:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, self.COLUMNS - 1))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def row(self, i: int) -> StateRow:
        return self._rows[i]

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return state_label(r.state)
            if col == 1:
                return "" if r.state in CHANGE_STATES else str(r.batches)
            if col == 2:
                return str(r.changes)
            if col == 3:
                return local_time(r.oldest) if r.oldest else "—"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r.state
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        names = (
            QCoreApplication.translate("SyncStateModel", "State"),
            QCoreApplication.translate("SyncStateModel", "Batches"),
            QCoreApplication.translate("SyncStateModel", "Changes"),
            QCoreApplication.translate("SyncStateModel", "Oldest waiting change"),
        )
        return names[section] if 0 <= section < len(names) else None
