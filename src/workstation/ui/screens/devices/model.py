"""The Devices page's table of serial ports: port, USB adapter (VID:PID), serial number, matched adapter
profile, and which device is assigned to it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from workstation.ui.screens.devices.data import PortRow
from workstation.ui.widgets.status import ROLE_TITLES

Index = QModelIndex | QPersistentModelIndex


def role_title(role: str) -> str:
    """A role's short name in the UI language ("ID card", "Fingerprint", "Passport")."""
    return QCoreApplication.translate("status", ROLE_TITLES.get(role, role))


class PortsModel(QAbstractTableModel):
    """Rows: `PortRow`s (`set_rows` replaces them). Columns: port, adapter, serial number, profile, used by.
    ``Qt.UserRole`` on any column gives the port's device path."""

    COLUMNS = 5

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PortRow] = []

    def set_rows(self, rows: list[PortRow]) -> None:
        if rows == self._rows:
            return
        if [r.device for r in rows] == [r.device for r in self._rows]:
            self._rows = list(rows)
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, self.COLUMNS - 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, i: int) -> PortRow:
        return self._rows[i]

    @property
    def rows(self) -> list[PortRow]:
        return list(self._rows)

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def _text(self, r: PortRow, col: int) -> str:
        if col == 0:
            return r.device
        if col == 1:
            if r.emulated:
                return QCoreApplication.translate("PortsModel", "emulated (demo)")
            return f"USB {r.usb_id}" if r.usb_id else QCoreApplication.translate("PortsModel", "built-in or named")
        if col == 2:
            return r.serial_number or "—"
        if col == 3:
            if r.profile:
                return f"{r.profile} ({', '.join(r.protocols)})"
            if r.emulated:
                return QCoreApplication.translate("PortsModel", "emulator")
            return QCoreApplication.translate("PortsModel", "no profile") if r.usb_id else "—"
        if col == 4:
            return ", ".join(role_title(x) for x in r.roles) or "—"
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 3 and not r.profile and r.usb_id:
                return QCoreApplication.translate(
                    "PortsModel", "No adapter profile matches: every device kind is tried at its default baud."
                )
            return r.description or None
        if role == Qt.ItemDataRole.UserRole:
            return r.device
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        names = (
            QCoreApplication.translate("PortsModel", "Port"),
            QCoreApplication.translate("PortsModel", "Adapter"),
            QCoreApplication.translate("PortsModel", "Serial number"),
            QCoreApplication.translate("PortsModel", "Profile"),
            QCoreApplication.translate("PortsModel", "Device"),
        )
        return names[section] if 0 <= section < len(names) else None
