"""Status bar pieces: a light per device with its state in words, the sync state, the operator, DEMO."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QWidget

from workstation.devices.manager import DeviceState, DeviceStatus
from workstation.ui import i18n

ROLE_TITLES = {"idcard": "ID card", "fingerprint": "Fingerprint", "mrz": "Passport"}

# (glyph, colour, words): never colour alone — the words say it too (desk-ui.md "Lights and badges")
_LOOK = {
    "ready": ("●", "#1e7d32", "ready"),
    "busy": ("●", "#1565c0", "reading…"),
    "searching": ("●", "#b26a00", "searching…"),
    "lost": ("○", "#616161", "not connected"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("status", text)


def _lupdate_strings() -> None:  # pragma: no cover
    (
        QCoreApplication.translate("status", "ID card"),
        QCoreApplication.translate("status", "Fingerprint"),
        QCoreApplication.translate("status", "Passport"),
        QCoreApplication.translate("status", "ready"),
        QCoreApplication.translate("status", "reading…"),
        QCoreApplication.translate("status", "searching…"),
    )
    QCoreApplication.translate("status", "not connected")


def look_of(status: DeviceStatus | None, busy: bool) -> str:
    if status is None or status.state is DeviceState.SEARCHING:
        return "searching"
    if status.state is DeviceState.CONNECTED:
        return "busy" if busy else "ready"
    return "lost"


class DeviceLight(QLabel):
    """ "● ID card ready" with the core's message (in the UI language) on hover."""

    def __init__(self, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.setObjectName(f"light_{role}")
        self.status: DeviceStatus | None = None
        self.busy = False
        self.refresh()

    def set_status(self, status: DeviceStatus) -> None:
        self.status = status
        if status.state is not DeviceState.CONNECTED:
            self.busy = False
        self.refresh()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.refresh()

    @property
    def look(self) -> str:
        return look_of(self.status, self.busy)

    def words(self) -> str:
        return _t(_LOOK[self.look][2])

    def refresh(self) -> None:
        glyph, colour, _words = _LOOK[self.look]
        title = _t(ROLE_TITLES.get(self.role, self.role))
        self.setText(f'<span style="color:{colour}">{glyph}</span> {title} {self.words()}')
        tip = i18n.message_of(self.status) if self.status is not None else self.words()
        if self.status is not None and self.status.emulated:
            tip += "\n" + QCoreApplication.translate("status", "Emulated device (demo).")
        self.setToolTip(tip)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)


class DemoBadge(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo_badge")
        self.setStyleSheet("background: #ffd600; color: #000; font-weight: bold; padding: 1px 8px;")
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(QCoreApplication.translate("status", "DEMO"))
        self.setToolTip(
            QCoreApplication.translate(
                "status", "Demo: synthetic data or emulated devices. Nothing here is a real registration."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
