"""The Devices page: the desk's ID card reader, fingerprint scanner and passport reader with their state
lights, a test read each, reconnect; the serial ports with their USB adapter and matched profile;
for an administrator, assigning a port to a device and the fingerprint module's own settings (the same
guards and code as ``workstation-admin devices scanner-set``: `workstation.wiring.change_scanner_setting`).

Nothing here waits on a port on the GUI thread: the port listing comes from the device manager's last
listing on the device lane, test reads run on the device's own port thread (`DeviceBridge.device_op`),
and states arrive as `DeviceBridge.state_changed` signals. Emulated devices (demo) show a banner.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.devices.manager import DeviceState, DeviceStatus
from workstation.devices.manager.status import role_label
from workstation.domain.permissions import Permission
from workstation.errors import UserFacingError
from workstation.i18n import render
from workstation.ui import i18n
from workstation.ui.context import DeskContext
from workstation.ui.pages import NavItem, PageBase
from workstation.ui.screens.devices import data
from workstation.ui.screens.devices.model import PortsModel, role_title
from workstation.ui.screens.devices.scanner import ScannerSettingsBox
from workstation.ui.tasks import Lane, OpHandle
from workstation.ui.widgets.status import DeviceLight

ROLES = ("idcard", "fingerprint", "mrz")
REFRESH_MS = 3_000  # the port list is re-read this often while the page is visible
BANNER_STYLE = "background: #ffd600; color: #000; font-weight: bold; padding: 10px; border: 2px solid #8a6d00;"
ERROR_STYLE = "color: #8c1d18;"
OK_STYLE = "color: #12361a;"


def handled(exc: BaseException) -> bool:
    """A failure the page shows itself: a `UserFacingError` other than the end of the session."""
    from workstation.storage.errors import OperatorInactive

    return isinstance(exc, UserFacingError) and not isinstance(exc, OperatorInactive)


class RoleRow:
    """The widgets of one device role: light, message, port, test and reconnect buttons, test result."""

    def __init__(self, role: str) -> None:
        self.role = role
        self.light = DeviceLight(role)
        self.light.setObjectName(f"devices_light_{role}")
        self.message = QLabel()
        self.message.setObjectName(f"devices_message_{role}")
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(200)  # a long port name (a udev link) must not squeeze it to a column
        self.port = QLabel()
        self.port.setObjectName(f"devices_port_{role}")
        self.port.setWordWrap(True)  # "<port> · <device>, <baud>" breaks after the port name
        self.port.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test = QPushButton()
        self.test.setObjectName(f"devices_test_{role}")
        self.reconnect = QPushButton()
        self.reconnect.setObjectName(f"devices_reconnect_{role}")
        self.result = QLabel()
        self.result.setObjectName(f"devices_result_{role}")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.handle: OpHandle | None = None


class DevicesPage(PageBase):
    """The Devices page (nav key ``devices``, every role; port assignment and scanner settings for roles
    with MANAGE_DEVICES). `test_read(role)`, `reconnect(role)`, `assign(role, device)`, `refresh()`."""

    nav_key = "devices"
    permission = None

    def __init__(self, ctx: DeskContext, item: NavItem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.port_rows: list[data.PortRow] = []
        self._refreshing = False
        self.last_results: dict[str, data.TestResult] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(32, 24, 32, 24)
        lay.setSpacing(12)

        self.heading = QLabel()
        self.heading.setObjectName("devices_heading")
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        self.heading.setFont(f)
        lay.addWidget(self.heading)
        self.banner = QLabel()
        self.banner.setObjectName("devices_emulated_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        lay.addWidget(self.banner)
        self.intro = QLabel()
        self.intro.setObjectName("devices_intro")
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)

        # ---- the devices ----
        self.roles_box = QGroupBox()
        grid = QGridLayout(self.roles_box)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(16)
        self.rows: dict[str, RoleRow] = {}
        for i, role in enumerate(ROLES):
            row = RoleRow(role)
            self.rows[role] = row
            grid.addWidget(row.light, 2 * i, 0)
            grid.addWidget(row.message, 2 * i, 1)
            grid.addWidget(row.port, 2 * i, 2)
            grid.addWidget(row.test, 2 * i, 3)
            grid.addWidget(row.reconnect, 2 * i, 4)
            grid.addWidget(row.result, 2 * i + 1, 1, 1, 4)
            row.test.clicked.connect(lambda _c=False, r=role: self.test_read(r))
            row.reconnect.clicked.connect(lambda _c=False, r=role: self.reconnect(r))
        lay.addWidget(self.roles_box)

        # ---- the ports ----
        self.ports_box = QGroupBox()
        pl = QVBoxLayout(self.ports_box)
        self.model = PortsModel(self)
        self.table = QTableView()
        self.table.setObjectName("devices_ports")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3, 4):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(150)
        pl.addWidget(self.table)
        self.ports_note = QLabel()
        self.ports_note.setObjectName("devices_ports_note")
        self.ports_note.setWordWrap(True)
        pl.addWidget(self.ports_note)
        actions = QHBoxLayout()
        self.search_button = QPushButton()
        self.search_button.setObjectName("devices_search_again")
        self.search_button.clicked.connect(self.search_again)
        actions.addWidget(self.search_button)
        actions.addStretch(1)
        self.can_manage = ctx.can(Permission.MANAGE_DEVICES)
        self.assign_label = QLabel()
        self.assign_role = QComboBox()
        self.assign_role.setObjectName("devices_assign_role")
        for role in ROLES:
            self.assign_role.addItem("", role)
        self.assign_button = QPushButton()
        self.assign_button.setObjectName("devices_assign")
        self.assign_button.clicked.connect(self._on_assign)
        for w in (self.assign_label, self.assign_role, self.assign_button):
            actions.addWidget(w)
            w.setVisible(self.can_manage)
        pl.addLayout(actions)
        lay.addWidget(self.ports_box)

        # ---- the fingerprint module's settings (administrator) ----
        self.scanner_box: ScannerSettingsBox | None = None
        if self.can_manage:
            self.scanner_box = ScannerSettingsBox(ctx, self)
            lay.addWidget(self.scanner_box)

        self.message = QLabel()
        self.message.setObjectName("devices_page_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.message)
        lay.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._on_timer)
        self._timer.start()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(200)
        self._soon.timeout.connect(self.refresh)

        bridge = ctx.devices
        bridge.state_changed.connect(self._on_state)
        bridge.reading.connect(self._on_reading)
        bridge.passport_read.connect(self._on_passport_signal)
        for role in ROLES:
            st = bridge.status(role)
            if st is not None:
                self.rows[role].light.set_status(st)
        self.retranslate()

    # ---- PageBase ------------------------------------------------------------------------------------
    def title(self) -> str:
        return QCoreApplication.translate("pages", "Devices")

    def retranslate(self) -> None:
        self.heading.setText(self.title())
        self.banner.setText(
            self.tr(
                "EMULATED DEVICES (demo). The card reader, fingerprint scanner and passport reader below are "
                "programs standing in for real ones: every card, finger and passport here is synthetic. "
                "Do not register real people at this desk."
            )
        )
        self.intro.setText(
            self.tr(
                "While this page is open, a card placed on the reader or a passport swiped is shown here as a "
                "test read; nothing is opened or saved."
            )
        )
        self.roles_box.setTitle(self.tr("Devices on this desk"))
        tests = {
            "idcard": (self.tr("Test: read card"), self.tr("Read the card on the reader and show its name")),
            "fingerprint": (
                self.tr("Test: finger press"),
                self.tr("Wait for a finger on the scanner and take one image"),
            ),
            "mrz": (self.tr("Test: passport"), self.tr("Wait for a passport to be swiped and show its name")),
        }
        for role, row in self.rows.items():
            row.test.setText(tests[role][0])
            row.test.setToolTip(tests[role][1])
            row.reconnect.setText(self.tr("Reconnect"))
            row.reconnect.setToolTip(
                self.tr("Close the connection and connect again; a missing device is searched for now")
            )
            row.light.refresh()
            self._render_status(role)
            self._render_result(role)
        self.ports_box.setTitle(self.tr("Serial ports"))
        self.search_button.setText(self.tr("Search again"))
        self.search_button.setToolTip(self.tr("List the ports again and look for missing devices"))
        self.assign_label.setText(self.tr("Assign the selected port to:"))
        for i in range(self.assign_role.count()):
            self.assign_role.setItemText(i, role_title(self.assign_role.itemData(i)))
        self.assign_button.setText(self.tr("Assign"))
        self.assign_button.setToolTip(
            self.tr("Remember this port for the device (needed for passport readers, which cannot be detected)")
        )
        self.model.retranslate()
        self._render_ports_note()
        if self.scanner_box is not None:
            self.scanner_box.retranslate()

    def on_shown(self) -> None:
        self.refresh()

    def on_card_placed(self, doc: Any) -> bool:
        """On this page a placed card is a test read: shown here, not opened."""
        self._show_result(data.card_result(doc))
        return True

    def on_passport_read(self, mrz: Any) -> bool:
        self._show_result(data.passport_result(mrz))
        return True

    def _on_passport_signal(self, mrz: Any) -> None:
        """A passport test waits while the reader's listener got the swipe first: that is the test's result."""
        handle = self.rows["mrz"].handle
        if handle is not None:
            handle.cancel()
            self._show_result(data.passport_result(mrz))

    def clear_personal(self) -> None:
        self.last_results.clear()
        for role in ROLES:
            self._render_result(role)

    # ---- states -------------------------------------------------------------------------------------------
    @property
    def manager(self) -> Any:
        return self.ctx.devices.manager

    @property
    def emulated(self) -> bool:
        return bool(self.ctx.devices.emulated)

    def _on_state(self, role: str, status: DeviceStatus) -> None:
        row = self.rows.get(role)
        if row is None:
            return
        row.light.set_status(status)
        self._render_status(role)
        if self.isVisible():
            self._soon.start()

    def _on_reading(self, role: str, busy: bool) -> None:
        row = self.rows.get(role)
        if row is not None:
            row.light.set_busy(busy)

    def _render_status(self, role: str) -> None:
        row = self.rows[role]
        st = self.ctx.devices.status(role)
        if st is None:
            row.message.setText(self.tr("Devices are starting…"))
            row.port.setText("")
        else:
            row.message.setText(i18n.message_of(st))
            where = st.port or ""
            if st.port and st.baud and st.state is DeviceState.CONNECTED:
                where = self.tr("{port} · {device}, {baud} baud").format(  # the device's name, not "sam"
                    port=st.port, device=render(role_label(role), i18n.current()), baud=st.baud
                )
            row.port.setText(where)
        connected = st is not None and st.state is DeviceState.CONNECTED
        row.test.setEnabled(connected and row.handle is None)
        row.reconnect.setEnabled(self.manager is not None)
        self.banner.setVisible(self.emulated)

    def _render_ports_note(self) -> None:
        if self.manager is None:
            self.ports_note.setText(self.tr("Devices are starting…"))
        elif not self.port_rows:
            self.ports_note.setText(self.tr("No serial port is listed. Plug in the USB cable of a device."))
        else:
            self.ports_note.setText("")
        self.ports_note.setVisible(bool(self.ports_note.text()))

    # ---- refresh --------------------------------------------------------------------------------------------
    def _on_timer(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> OpHandle | None:
        """Re-read the port listing (the manager's last one; no port is opened) on the device lane."""
        if self._refreshing:
            return None
        manager = self.manager
        op = (
            self.ctx.op(lambda _t: data.port_rows(manager), lane=Lane.DEVICE, parent=self)
            .on_success(self._show_ports)
            .on_finished(self._refreshed)
        )
        try:
            handle = op.start()
        except RuntimeError:  # the app is shutting down (a timer fired after the runner stopped)
            return None
        self._refreshing = True
        return handle

    def _refreshed(self) -> None:
        self._refreshing = False

    def _show_ports(self, rows: list[data.PortRow]) -> None:
        selected = self.selected_port()
        self.port_rows = rows
        self.model.set_rows(rows)
        if selected is not None:
            for i, r in enumerate(rows):
                if r.device == selected:
                    self.table.selectRow(i)
        self._render_ports_note()
        for role in ROLES:
            self._render_status(role)

    def selected_port(self) -> str | None:
        idx = self.table.selectionModel().selectedRows()
        return self.model.row(idx[0].row()).device if idx else None

    def search_again(self) -> None:
        manager = self.manager
        if manager is None:
            return
        self.ctx.op(lambda _t: manager.refresh(), lane=Lane.DEVICE, parent=self).on_success(
            lambda _r: self._soon.start()
        ).start()

    # ---- test reads -------------------------------------------------------------------------------------------
    def test_read(self, role: str) -> OpHandle | None:
        """Run one test read on `role`'s device (its port thread); the result shows under its row."""
        row = self.rows[role]
        if row.handle is not None:
            return None
        holder: dict[str, OpHandle] = {}

        def cancelled() -> bool:
            h = holder.get("h")
            return h is not None and h.cancelled

        if role == "idcard":
            fn: Any = data.read_card
            waiting = self.tr("Reading the card…")
        elif role == "fingerprint":
            fn = lambda scanner: data.press_finger(scanner, cancelled)  # noqa: E731
            waiting = self.tr("Place a finger on the scanner…")
        else:
            fn = lambda reader: data.read_passport(reader, cancelled)  # noqa: E731
            waiting = self.tr("Swipe a passport through the reader…")
        self.last_results.pop(role, None)
        row.result.setStyleSheet("")
        row.result.setText(waiting)
        op = (
            self.ctx.devices.device_op(self, role, fn)
            .on_success(self._show_result)
            .on_failure(lambda exc: self._test_failed(role, exc))
            .on_finished(lambda: self._test_done(role))
        )
        if role != "idcard":
            op.with_progress(waiting, cancellable=True)
        row.handle = holder["h"] = op.start()
        row.test.setEnabled(False)
        return row.handle

    def _test_done(self, role: str) -> None:
        self.rows[role].handle = None
        self._render_status(role)

    def _test_failed(self, role: str, exc: BaseException) -> bool:
        if not handled(exc):
            return False
        row = self.rows[role]
        row.result.setStyleSheet(ERROR_STYLE)
        row.result.setText(i18n.message_of(exc))
        return True

    def _show_result(self, result: data.TestResult) -> None:
        self.last_results[result.role] = result
        self._render_result(result.role)

    def _render_result(self, role: str) -> None:
        row = self.rows[role]
        r = self.last_results.get(role)
        if r is None:
            if row.handle is None:
                row.result.setText("")
            return
        details = " · ".join(r.details)
        if role == "idcard":
            text = self.tr("Card read: {name} ({details})").format(name=r.headline, details=details)
        elif role == "fingerprint":
            if len(r.details) == 3:  # baud, data packet size, security level (`data.press_finger`)
                details = self.tr("{baud} baud · data packet {packet} bytes · security level {security}").format(
                    baud=r.details[0], packet=r.details[1], security=r.details[2]
                )
            text = self.tr("A finger was detected and an image taken. Module: {details}").format(details=details)
        elif r.ok:
            text = self.tr("Passport read: {name} ({details}); check digits correct").format(
                name=r.headline, details=details
            )
        else:
            text = self.tr("Passport read: {name} ({details}); a check digit is WRONG").format(
                name=r.headline, details=details
            )
        row.result.setStyleSheet(OK_STYLE if r.ok else ERROR_STYLE)
        row.result.setText(text)

    # ---- reconnect, assign -------------------------------------------------------------------------------------
    def reconnect(self, role: str) -> OpHandle | None:
        """Close `role`'s connection and connect again (or search for it now)."""
        manager = self.manager
        if manager is None:
            return None
        self.rows[role].result.setStyleSheet("")
        self.rows[role].result.setText(self.tr("Reconnecting…"))
        self.last_results.pop(role, None)
        return (
            self.ctx.op(lambda _t: manager.reconnect(role), lane=Lane.DEVICE, parent=self)
            .on_failure(lambda exc: self._test_failed(role, exc))
            .start()
        )

    def _on_assign(self) -> None:
        device = self.selected_port()
        if device is None:
            self.show_note(self.tr("Select a port in the list first."), error=True)
            return
        self.assign(self.assign_role.currentData(), device)

    def assign(self, role: str, device: str) -> OpHandle | None:
        """Assign `role` to the listed port `device` (administrator; audited)."""
        from workstation.wiring import assign_device

        manager = self.manager
        if manager is None:
            return None
        ctx = self.ctx

        def work(_t: Any) -> Any:
            port = next((p for p in manager.ports() if p.device == device), None)
            if port is None:
                raise UserFacingError(
                    QCoreApplication.translate("DevicesPage", "The port {port} is no longer listed.").format(
                        port=device
                    )
                )
            return assign_device(ctx.db, ctx.operator, manager, role, port)

        def done(_a: Any) -> None:
            self.show_note(
                self.tr("The {device} is assigned to {port}; it is remembered for the next start.").format(
                    device=role_title(role), port=device
                )
            )
            self._soon.start()

        return self.ctx.op(work, lane=Lane.DEVICE, parent=self).on_success(done).on_failure(self._failed).start()

    def _failed(self, exc: BaseException) -> bool:
        if not handled(exc):
            return False
        self.show_note(i18n.message_of(exc), error=True)
        return True

    def show_note(self, text: str, *, error: bool = False) -> None:
        """A line under the page for what belongs to no device row (assignments, permissions)."""
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)
