"""The fingerprint module's own settings on the Devices page (administrator only): baud, data packet size
and security level, kept in the module's flash.

The same guards and code as ``workstation-admin devices scanner-set``: the permission (MANAGE_DEVICES,
checked by the core again), the value checked before anything is sent, the scanner must be connected,
its current value is read and shown for a confirmation, then `workstation.wiring.change_scanner_setting`
writes it, reads it back, remembers a new baud and writes the ``device.scanner_set`` audit event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from workstation.devices.manager import scanner_settings as ss
from workstation.domain.permissions import Permission
from workstation.ui import i18n
from workstation.ui.tasks import Lane, OpHandle

if TYPE_CHECKING:
    from workstation.devices.zfm.driver import SystemParameters
    from workstation.ui.context import DeskContext

ERROR_STYLE = "color: #8c1d18;"
OK_STYLE = "color: #12361a;"


def _t(text: str) -> str:
    return QCoreApplication.translate("ScannerSettingsBox", text)


def setting_label(setting: str) -> str:
    return {
        "baud": _t("Baud rate"),
        "packet-size": _t("Data packet size"),
        "security": _t("Security level"),
    }[setting]


def value_text(setting: str, value: int) -> str:
    """A value as `scanner_settings.parse_value` returns it, in words of the UI language."""
    if setting == "baud":
        return _t("{rate} baud").format(rate=9600 * value)
    if setting == "packet-size":
        return _t("{n} bytes").format(n=value)
    return _t("level {n}").format(n=value)


def current_text(setting: str, p: SystemParameters) -> str:
    if setting == "baud":
        return value_text(setting, p.baud_n)
    if setting == "packet-size":
        return value_text(setting, p.packet_size)
    return value_text(setting, p.security)


def _lupdate_strings() -> None:  # pragma: no cover - lupdate reads literal strings only
    QCoreApplication.translate("ScannerSettingsBox", "Baud rate")
    QCoreApplication.translate("ScannerSettingsBox", "Data packet size")
    QCoreApplication.translate("ScannerSettingsBox", "Security level")
    QCoreApplication.translate("ScannerSettingsBox", "{rate} baud")
    QCoreApplication.translate("ScannerSettingsBox", "{n} bytes")
    QCoreApplication.translate("ScannerSettingsBox", "level {n}")


def authorize(ctx: DeskContext) -> None:
    """The core's permission check for device administration (raises PermissionDenied/OperatorInactive)."""
    from workstation.storage import operators

    operators.authorize(ctx.db, ctx.operator, Permission.MANAGE_DEVICES)


class ScannerSettingsBox(QGroupBox):
    """Read the module's settings; pick a setting and a value; write it after a confirmation.
    `read_settings()`, `request_change(setting, value)`; the open confirmation is `confirm_box`."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanner_settings")
        self.ctx = ctx
        self.params: SystemParameters | None = None
        self.confirm_box: QMessageBox | None = None
        self.preview: ss.ScannerPreview | None = None
        self.confirm_write: QPushButton | None = None  # the open confirmation's buttons
        self.confirm_cancel: QPushButton | None = None
        self._busy = False
        g = QGridLayout(self)
        g.setColumnStretch(4, 1)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        g.addWidget(self.explain, 0, 0, 1, 5)
        self.current = QLabel()
        self.current.setObjectName("scanner_current")
        g.addWidget(self.current, 1, 0, 1, 4)
        self.read_button = QPushButton()
        self.read_button.setObjectName("scanner_read")
        self.read_button.clicked.connect(self.read_settings)
        g.addWidget(self.read_button, 1, 4, Qt.AlignmentFlag.AlignLeft)
        self.setting = QComboBox()
        self.setting.setObjectName("scanner_setting")
        for s in ss.SETTINGS:
            self.setting.addItem("", s)
        self.setting.currentIndexChanged.connect(self._fill_values)
        self.value = QComboBox()
        self.value.setObjectName("scanner_value")
        self.write_button = QPushButton()
        self.write_button.setObjectName("scanner_write")
        self.write_button.clicked.connect(self._on_write)
        self.setting_label = QLabel()
        self.value_label = QLabel()
        g.addWidget(self.setting_label, 2, 0)
        g.addWidget(self.setting, 2, 1)
        g.addWidget(self.value_label, 2, 2)
        g.addWidget(self.value, 2, 3)
        g.addWidget(self.write_button, 2, 4, Qt.AlignmentFlag.AlignLeft)
        self.result = QLabel()
        self.result.setObjectName("scanner_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        g.addWidget(self.result, 3, 0, 1, 5)
        self._fill_values()
        self.retranslate()

    # ---- texts --------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("Fingerprint scanner settings (administrator)"))
        self.explain.setText(
            self.tr(
                "These settings are kept in the scanner's own memory. A wrong baud makes the scanner seem to "
                "disappear until it is found at its new rate. Every change is recorded in the audit trail."
            )
        )
        self.read_button.setText(self.tr("Read settings"))
        self.setting_label.setText(self.tr("Setting:"))
        self.value_label.setText(self.tr("New value:"))
        self.write_button.setText(self.tr("Write to the scanner…"))
        for i in range(self.setting.count()):
            self.setting.setItemText(i, setting_label(self.setting.itemData(i)))
        setting = self.setting.currentData()
        for i in range(self.value.count()):
            self.value.setItemText(i, value_text(setting, self.value.itemData(i)))
        self._render_current()

    def _fill_values(self) -> None:
        setting = self.setting.currentData()
        values = {"baud": ss.BAUD_NS, "packet-size": ss.PACKET_SIZES, "security": ss.SECURITY_LEVELS}[setting]
        self.value.clear()
        for v in values:
            self.value.addItem(value_text(setting, v), v)
        self._select_current()

    def _select_current(self) -> None:
        if self.params is None:
            return
        setting = self.setting.currentData()
        now = {"baud": self.params.baud_n, "packet-size": self.params.packet_size, "security": self.params.security}
        i = self.value.findData(now[setting])
        if i >= 0:
            self.value.setCurrentIndex(i)

    def _render_current(self) -> None:
        p = self.params
        if p is None:
            self.current.setText(self.tr("Current settings: not read yet."))
            return
        self.current.setText(
            self.tr("Current settings: {baud} · packet {packet} · security {security}").format(
                baud=current_text("baud", p),
                packet=current_text("packet-size", p),
                security=current_text("security", p),
            )
        )

    def _say(self, text: str, *, error: bool = False) -> None:
        self.result.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.result.setText(text)

    def _failed(self, exc: BaseException) -> bool:
        from workstation.ui.screens.devices.page import handled

        if not handled(exc):
            return False
        self._say(i18n.message_of(exc), error=True)
        return True

    def _finished(self) -> None:
        self._busy = False
        self.write_button.setEnabled(True)
        self.read_button.setEnabled(True)

    def _start(self) -> None:
        self._busy = True
        self.write_button.setEnabled(False)
        self.read_button.setEnabled(False)

    # ---- actions --------------------------------------------------------------------------------------------
    def read_settings(self) -> OpHandle | None:
        """Read the module's settings now (administrator; nothing is changed)."""
        if self._busy:
            return None
        manager = self.ctx.devices.manager
        ctx = self.ctx

        def work(_t: Any) -> SystemParameters:
            authorize(ctx)
            if manager is None:
                from workstation.devices.manager import DeviceManagerStopped

                raise DeviceManagerStopped()
            ss.scanner_port(manager)
            return ss.read_parameters(manager)

        self._start()
        return (
            self.ctx.op(work, lane=Lane.DEVICE, parent=self)
            .on_success(lambda p: self._show_params(p, select=True))
            .on_failure(self._failed)
            .on_finished(self._finished)
            .start()
        )

    def _show_params(self, p: SystemParameters, *, select: bool = False) -> None:
        """Show the module's settings; `select`: also put the value list on the current value (after "Read
        settings"; a value the administrator picked is otherwise left as it is)."""
        self.params = p
        self._render_current()
        if select:
            self._select_current()

    def _on_write(self) -> None:
        self.request_change(self.setting.currentData(), self.value.currentData())

    def request_change(self, setting: str, value: int) -> OpHandle | None:
        """Check and read (device lane), then ask for a confirmation showing the value now and the new one;
        `confirm_box` is the open question. Nothing is written before it is accepted."""
        if self._busy:
            return None
        manager = self.ctx.devices.manager
        ctx = self.ctx

        def work(_t: Any) -> ss.ScannerPreview:
            authorize(ctx)
            if manager is None:
                from workstation.devices.manager import DeviceManagerStopped

                raise DeviceManagerStopped()
            return ss.preview(manager, setting, value)

        self._start()
        self._say("")
        return (
            self.ctx.op(work, lane=Lane.DEVICE, parent=self)
            .on_success(self._confirm)
            .on_failure(self._failed)
            .on_finished(self._finished)
            .start()
        )

    def _confirm(self, pv: ss.ScannerPreview) -> None:
        self.preview = pv  # the change asked about last
        self._show_params(pv.before)
        text = self.tr("Write to the fingerprint scanner on {port}?").format(port=pv.port)
        info = self.tr("{setting}: now {now}, new {new}.").format(
            setting=setting_label(pv.setting),
            now=current_text(pv.setting, pv.before),
            new=value_text(pv.setting, pv.value),
        )
        if pv.setting == "baud":
            info += "\n" + self.tr(
                "A wrong baud makes the scanner seem to disappear until it is found at its new rate."
            )
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Fingerprint scanner settings"), text, parent=self)
        box.setObjectName("scanner_confirm")
        box.setInformativeText(info)
        box.setStyleSheet("QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel { min-width: 340px; }")
        # own buttons (not standard ones, which a language switch would rename to Yes/No)
        self.confirm_write = box.addButton(self.tr("Write"), QMessageBox.ButtonRole.AcceptRole)
        self.confirm_cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.confirm_cancel)
        box.setEscapeButton(self.confirm_cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.confirm_box = box
        write = self.confirm_write
        box.finished.connect(lambda _r, p=pv, b=box, w=write: self._answered(p, b.clickedButton() is w))
        box.open()

    def _answered(self, pv: ss.ScannerPreview, accepted: bool) -> None:
        self.confirm_box = None
        if not accepted:
            self._say(self.tr("Not changed."))
            return
        self.write(pv.setting, pv.value)

    def write(self, setting: str, value: int) -> OpHandle | None:
        """Write a confirmed change (`wiring.change_scanner_setting`: permission, checks, audit)."""
        from workstation.wiring import change_scanner_setting

        manager = self.ctx.devices.manager
        ctx = self.ctx

        def work(_t: Any) -> ss.ScannerChange | None:
            if manager is None:
                from workstation.devices.manager import DeviceManagerStopped

                raise DeviceManagerStopped()
            return change_scanner_setting(ctx.db, ctx.operator, manager, setting, value)

        def done(change: ss.ScannerChange | None) -> None:
            if change is None or change.after is None:
                return
            self._show_params(change.after)
            text = self.tr("Written. {setting} was {old}, is now {new}.").format(
                setting=setting_label(setting),
                old=current_text(setting, change.preview.before),
                new=current_text(setting, change.after),
            )
            if setting == "baud" and change.rate is not None and change.rate != 9600 * change.preview.value:
                text += " " + self.tr(
                    "The scanner still answers at {rate} baud until it is powered off and on."
                ).format(rate=change.rate)
            self._say(text)

        self._start()
        self._say(self.tr("Writing to the scanner…"))
        return (
            self.ctx.op(work, lane=Lane.DEVICE, parent=self)
            .on_success(done)
            .on_failure(self._failed)
            .on_finished(self._finished)
            .with_progress(self.tr("Writing to the fingerprint scanner…"))
            .start()
        )
