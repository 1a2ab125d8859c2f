"""The Devices page on real widgets over the SAM, ZFM and MRZ emulators on ptys (`emulated_devices`) behind a
real `DeviceManager`: the ports listed, a test read of each device, unplug/replug changes the light, reconnect,
and the fingerprint module's settings — hidden and refused for other roles, guarded for the administrator
(the same core code as `workstation-admin devices scanner-set`, audited)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from conftest import authenticate, window_login
from workstation.devices.manager import DeviceState
from workstation.devices.mrz.emulator import load_mrz_scenario
from workstation.devices.sam.decode import decode_card
from workstation.devices.sam.emulator import load_card_scenario
from workstation.domain.enums import Role
from workstation.errors import PermissionDenied
from workstation.storage.schema import AuditEvent
from workstation.ui.demo_desk import DEMO_FINGER, scenario_files
from workstation.ui.screens.devices import DevicesPage
from workstation.wiring import change_scanner_setting

ROLES = ("idcard", "fingerprint", "mrz")


def card_document(card):
    """What a reader decodes from an emulated card."""
    return decode_card(card.text, card.photo).document


def scenario(kind: str, stem: str):
    return next(f for f in scenario_files(kind) if f.stem == stem)


def open_page(qtbot, ctx) -> DevicesPage:
    page = DevicesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.on_shown()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    return page


def read_until_done(qtbot, page, role, timeout=20_000):
    """Run the page's test read of `role` and wait for its result; a read that failed on the way (the
    emulator's pty on a loaded machine answers late, the device is checked and reconnected) is run again
    once the device is ready again. The failure text is kept for the assertion message."""
    errors = []

    def done():
        row = page.rows[role]
        if role in page.last_results:
            return True
        if row.handle is None:
            if row.result.text():
                errors.append(row.result.text())
            if row.test.isEnabled():
                page.test_read(role)
        return False

    page.test_read(role)
    try:
        qtbot.waitUntil(done, timeout=timeout)
    except Exception as exc:
        raise AssertionError(f"no {role} test result; shown: {errors[-3:]}") from exc
    return page.last_results[role]


def audit_actions(db, prefix="device."):
    with db.read() as s:
        rows = s.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars().all()
        return [(r.action, r.actor, r.outcome, r.details) for r in rows if r.action.startswith(prefix)]


def test_ports_listed_with_their_devices_and_the_emulator_banner(qtbot, qtmodeltester, emulated_devices, login):
    page = open_page(qtbot, login(Role.OFFICER))
    qtmodeltester.check(page.model)
    rows = {r.device: r for r in page.port_rows}
    assert set(rows) == {emulated_devices.ports[r].device for r in ROLES}
    for role in ROLES:
        row = rows[emulated_devices.ports[role].device]
        assert row.roles == (role,) and row.emulated
    m = page.model
    shown = {m.data(m.index(i, 0)): m.data(m.index(i, 4)) for i in range(m.rowCount())}
    assert shown[emulated_devices.ports["idcard"].device] == "ID card"
    assert m.data(m.index(0, 1)) == "emulated (demo)"
    assert page.banner.isVisible() and "EMULATED DEVICES" in page.banner.text()
    for role in ROLES:
        assert page.rows[role].light.look == "ready"
        assert page.rows[role].test.isEnabled()
    # an officer does not assign ports nor change the scanner's settings
    assert page.scanner_box is None and not page.assign_button.isVisible()


def test_test_read_of_the_card_reader_shows_the_cards_name(qtbot, emulated_devices, login):
    page = open_page(qtbot, login(Role.OFFICER))
    # nothing on the reader: said in words beside the device
    page.test_read("idcard")
    qtbot.waitUntil(lambda: page.rows["idcard"].handle is None, timeout=10_000)
    assert "card" in page.rows["idcard"].result.text().lower() and "idcard" not in page.last_results

    card = load_card_scenario(scenario("cards", "resident_id"))
    emulated_devices.device("idcard").place_card(card)
    read_until_done(qtbot, page, "idcard")
    text = page.rows["idcard"].result.text()
    assert card_document(card).name in text
    assert card_document(card).number not in text  # masked, as in lists
    assert card_document(card).number[-4:] in text


def test_test_reads_of_the_scanner_and_the_passport_reader(qtbot, emulated_devices, login):
    page = open_page(qtbot, login(Role.ASSISTANT))
    emulated_devices.device("fingerprint").place_finger(*DEMO_FINGER, quality="good")
    page.test_read("fingerprint")
    qtbot.waitUntil(lambda: page.rows["fingerprint"].handle is None, timeout=15_000)
    print("FP", page.rows["fingerprint"].result.text())
    qtbot.waitUntil(lambda: "fingerprint" in page.last_results, timeout=15_000)
    assert "finger was detected" in page.rows["fingerprint"].result.text()

    page.test_read("mrz")
    doc = load_mrz_scenario(scenario("mrz", "td3_specimen"))
    qtbot.waitUntil(lambda: page.rows["mrz"].handle is not None)
    emulated_devices.device("mrz").present(doc)
    qtbot.waitUntil(lambda: "mrz" in page.last_results, timeout=15_000)
    r = page.last_results["mrz"]
    assert r.ok and r.headline
    assert r.headline in page.rows["mrz"].result.text() and "check digits correct" in page.rows["mrz"].result.text()


def test_unplug_and_replug_change_the_light_and_reconnect(qtbot, emulated_devices, login):
    page = open_page(qtbot, login(Role.OFFICER))
    light = page.rows["idcard"].light
    assert light.look == "ready"
    emulated_devices.unplug("idcard")
    qtbot.waitUntil(lambda: light.look == "lost", timeout=15_000)
    assert "not connected" in light.text()
    assert not page.rows["idcard"].test.isEnabled()
    emulated_devices.replug("idcard")
    qtbot.waitUntil(lambda: light.look == "ready", timeout=20_000)
    assert page.rows["idcard"].test.isEnabled()

    # "Reconnect" closes the connection and connects again
    seen: list[DeviceState] = []
    page.ctx.devices.state_changed.connect(lambda role, st: seen.append(st.state) if role == "mrz" else None)
    page.reconnect("mrz")
    qtbot.waitUntil(lambda: DeviceState.SEARCHING in seen and page.rows["mrz"].light.look == "ready", timeout=15_000)


def test_scanner_settings_refused_for_other_roles(qtbot, emulated_devices, login, ui_station):
    zfm = emulated_devices.device("fingerprint")
    for role in (Role.OFFICER, Role.ASSISTANT, Role.SUPERVISOR):
        page = open_page(qtbot, login(role))
        assert page.scanner_box is None  # not offered
    # and the core refuses it all the same
    officer = authenticate(ui_station.db, Role.OFFICER)
    with pytest.raises(PermissionDenied):
        change_scanner_setting(ui_station.db, officer, ui_station.devices.manager, "security", 5)
    assert zfm.security == 3
    assert audit_actions(ui_station.db) == []


def test_scanner_settings_guarded_for_the_admin(qtbot, emulated_devices, login, ui_station):
    zfm = emulated_devices.device("fingerprint")
    page = open_page(qtbot, login(Role.ADMIN))
    box = page.scanner_box
    assert box is not None and box.isVisible()
    box.read_settings()
    qtbot.waitUntil(lambda: box.params is not None, timeout=10_000)
    assert "level 3" in box.current.text()

    # a value the module does not take is refused before anything is sent (the CLI's check)
    box.request_change("security", 9)
    qtbot.waitUntil(lambda: bool(box.result.text()), timeout=10_000)
    assert "Security level must be 1..5" in box.result.text() and box.confirm_box is None

    # the value now and the new one are shown; Cancel changes nothing
    box.setting.setCurrentIndex(box.setting.findData("security"))
    box.value.setCurrentIndex(box.value.findData(5))
    qtbot.mouseClick(box.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.confirm_box is not None and box.confirm_box.isVisible(), timeout=10_000)
    assert "now level 3, new level 5" in box.confirm_box.informativeText()
    box.confirm_cancel.click()
    qtbot.waitUntil(lambda: box.result.text() == "Not changed.")
    assert zfm.security == 3 and audit_actions(ui_station.db) == []

    qtbot.mouseClick(box.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.confirm_box is not None and box.confirm_box.isVisible(), timeout=10_000)
    box.confirm_write.click()
    qtbot.waitUntil(lambda: box.result.text().startswith("Written."), timeout=20_000)
    assert "is now level 5" in box.result.text(), box.result.text()
    assert zfm.security == 5
    [(action, actor, outcome, details)] = audit_actions(ui_station.db)
    assert (action, actor, outcome) == ("device.scanner_set", "admin", "ok")
    assert "old=level 3" in details and "new=level 5" in details


def test_admin_assigns_a_port_to_a_role(qtbot, emulated_devices, login, ui_station):
    page = open_page(qtbot, login(Role.ADMIN))
    assert page.assign_button.isVisible()
    device = emulated_devices.ports["mrz"].device
    page.assign("mrz", device)
    qtbot.waitUntil(lambda: "assigned" in page.message.text(), timeout=10_000)
    a = ui_station.devices.manager.assignments()["mrz"]
    assert a.port.device == device and a.explicit
    [(action, actor, _outcome, details)] = audit_actions(ui_station.db)
    assert (action, actor) == ("device.assign", "admin") and device in details


def test_devices_page_in_the_window_consumes_a_placed_card(qtbot, main_window, emulated_devices):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    page = win.show_page("devices")
    assert isinstance(page, DevicesPage)
    card = load_card_scenario(scenario("cards", "resident_id"))
    emulated_devices.device("idcard").place_card(card)
    qtbot.waitUntil(lambda: "idcard" in page.last_results, timeout=10_000)
    assert card_document(card).name in page.rows["idcard"].result.text()
    assert win.demo_badge.isVisible()


def test_devices_page_screenshots(qtbot, main_window, emulated_devices, shoot):
    win = main_window
    window_login(qtbot, win, Role.ADMIN)
    page = win.show_page("devices")
    assert isinstance(page, DevicesPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    page.scanner_box.read_settings()
    qtbot.waitUntil(lambda: page.scanner_box.params is not None, timeout=10_000)
    card = load_card_scenario(scenario("cards", "resident_id"))
    emulated_devices.device("idcard").place_card(card)
    qtbot.waitUntil(lambda: "idcard" in page.last_results, timeout=10_000)
    written = shoot(win, "devices-page")
    assert len(written) == 4

    # the administrator's confirmation before anything is written to the scanner
    box = page.scanner_box
    box.setting.setCurrentIndex(box.setting.findData("baud"))
    box.value.setCurrentIndex(box.value.findData(12))
    box.request_change("baud", 12)
    qtbot.waitUntil(lambda: box.confirm_box is not None and box.confirm_box.isVisible(), timeout=10_000)
    box.confirm_cancel.click()
    qtbot.waitUntil(lambda: box.confirm_box is None)

    def confirmation():
        box._confirm(box.preview)
        return box.confirm_box

    written = shoot.made(confirmation, "scanner-confirm")
    assert len(written) == 2 and emulated_devices.device("fingerprint").baud_n == 6


def test_scanner_settings_without_a_scanner_change_nothing(qtbot, emulated_devices, login, ui_station):
    zfm = emulated_devices.device("fingerprint")
    page = open_page(qtbot, login(Role.ADMIN))
    box = page.scanner_box
    emulated_devices.unplug("fingerprint")
    qtbot.waitUntil(lambda: page.rows["fingerprint"].light.look == "lost", timeout=15_000)
    box.request_change("security", 5)
    qtbot.waitUntil(lambda: bool(box.result.text()), timeout=10_000)
    assert "The fingerprint scanner was not found, so nothing was changed" in box.result.text()
    assert box.confirm_box is None and zfm.security == 3
    assert audit_actions(ui_station.db) == []


def test_a_usb_adapter_shows_its_identity_and_matched_profile(qtbot, qtmodeltester, tmp_path):
    """A CH340 adapter (as the system lists it; nothing answers on it) and an unknown USB adapter: VID:PID,
    serial number and the profile from drivers/profiles, or "no profile"."""
    from workstation.devices.manager import DeviceManager, ManagerConfig, PortInfo
    from workstation.ui.screens.devices.data import port_rows
    from workstation.ui.screens.devices.model import PortsModel

    listed = [
        PortInfo(str(tmp_path / "ttyUSB0"), vid=0x1A86, pid=0x7523, serial_number="A5C1", description="USB Serial"),
        PortInfo(str(tmp_path / "ttyUSB1"), vid=0x1234, pid=0x5678),
    ]
    manager = DeviceManager(ManagerConfig(assignments_path=None, rescan_interval=0), lister=lambda: listed)
    manager.start()
    try:
        qtbot.waitUntil(lambda: len(manager.ports()) == 2, timeout=10_000)
        rows = port_rows(manager)
    finally:
        manager.shutdown()
    model = PortsModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    shown = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert shown[0][1:4] == ["USB 1a86:7523", "A5C1", "CH340/CH341 (sam, zfm)"]
    assert shown[1][1:4] == ["USB 1234:5678", "—", "no profile"]
    assert "default baud" in model.data(model.index(1, 3), Qt.ItemDataRole.ToolTipRole)


def test_device_details_are_words_in_chinese(qtbot, emulated_devices, login, switch_language):
    """'指纹仪：57600 baud · 128 bytes · security 3' and '/dev/pts/1 · sam，115200 波特' were the kind."""
    page = open_page(qtbot, login(Role.ASSISTANT))
    switch_language("zh_CN")
    qtbot.waitUntil(lambda: all(page.rows[r].port.text() for r in ROLES), timeout=10_000)
    qtbot.waitUntil(lambda: "波特" in page.rows["idcard"].port.text())
    for role, name in (("idcard", "身份证阅读器"), ("fingerprint", "指纹仪"), ("mrz", "护照阅读器")):
        text = page.rows[role].port.text()
        assert name in text and "sam" not in text and "zfm" not in text and "baud" not in text, text
    emulated_devices.device("fingerprint").place_finger(*DEMO_FINGER, quality="good")
    page.test_read("fingerprint")
    qtbot.waitUntil(lambda: "fingerprint" in page.last_results, timeout=15_000)
    text = page.rows["fingerprint"].result.text()
    assert "波特 · 数据包" in text and "字节 · 安全等级" in text, text
    assert "baud" not in text and "bytes" not in text and "security" not in text
