"""The demo: the demo desk drives the emulators (card, passport, fingers, cables) through the real
device path, and the demo platform on loopback makes "Sync now" reach a real reference platform."""

from __future__ import annotations

import os

from conftest import window_login
from helpers import ADMIN_PASSWORD
from workstation.domain.enums import Role


def test_demo_desk_places_cards_swipes_passports_and_pulls_cables(main_window, qtbot, emulated_devices):
    desk = main_window.demo_desk
    assert desk is not None and desk.isVisible() and desk.isWindow()
    bridge = main_window.station.devices
    qtbot.waitUntil(lambda: desk.note.text() == "")  # emulators attached: no "real devices" note
    cards, passports = [], []
    bridge.card_placed.connect(cards.append)
    bridge.passport_read.connect(passports.append)

    desk.card_choice.setCurrentIndex(desk.card_choice.findText("Foreigner permanent residence card (2017)"))
    desk.place_card.click()
    qtbot.waitUntil(lambda: len(cards) == 1, timeout=10_000)
    assert cards[0].name_latin == "SPECIMEN, ANNA MARIA"
    desk.card_choice.setCurrentIndex(desk.card_choice.findText("Resident ID card"))
    desk.place_card.click()  # a card is on the reader: lifted first, then the new one read
    qtbot.waitUntil(lambda: len(cards) == 2, timeout=10_000)
    assert cards[1].name == "张三"

    # the default passport, first in the list, is valid today: a first swipe shows no expiry warning
    assert desk.passport_choice.currentIndex() == 0 and desk.passport_choice.currentText() == "Passport"
    desk.swipe.click()
    qtbot.waitUntil(lambda: len(passports) == 1, timeout=10_000)
    assert passports[0].surname == "MUSTERFRAU" and passports[0].valid
    from datetime import date

    assert passports[0].to_document().valid_to > date.today()
    # the expired ICAO specimen is still there, and says it is expired
    expired = desk.passport_choice.findText("Passport, expired (ICAO specimen, 2012)")
    assert expired > 0
    desk.passport_choice.setCurrentIndex(expired)
    desk.swipe.click()
    qtbot.waitUntil(lambda: len(passports) == 2, timeout=10_000)
    assert passports[1].surname == "ERIKSSON"

    desk.good_finger.click()
    qtbot.waitUntil(lambda: emulated_devices.device("fingerprint").finger_present)
    desk.lift_finger.click()
    qtbot.waitUntil(lambda: not emulated_devices.device("fingerprint").finger_present)

    desk.unplug_buttons["fingerprint"].click()
    assert "Plug in" in desk.unplug_buttons["fingerprint"].text()
    qtbot.waitUntil(lambda: main_window.lights["fingerprint"].look == "lost", timeout=15_000)
    desk.unplug_buttons["fingerprint"].click()
    qtbot.waitUntil(lambda: main_window.lights["fingerprint"].look == "ready", timeout=15_000)


def test_demo_desk_says_devices_are_starting_not_real_before_they_attach(main_window):
    # the window shows before the device manager starts (stage 3 of the start-up)
    assert main_window.station.devices.manager is None
    assert main_window.demo_desk.note.text() == "The devices are starting…"


def test_demo_logins_shown_on_the_demo_station_only(main_window, qtbot):
    screen = main_window.login_screen
    assert screen.demo_box.isVisible() and "demo-officer-1" in screen.demo_box.text()


def test_sync_now_reaches_the_demo_platform(main_window, qtbot, ui_station, ctx):
    from workstation.ui.demo_platform import start_demo_platform

    platform = start_demo_platform(ui_station.db, ui_station.data_dir, ui_station.station_code,
                                   admin=("admin", ADMIN_PASSWORD))
    try:
        window_login(qtbot, main_window, Role.OFFICER)
        qtbot.waitUntil(lambda: "changes waiting" in main_window.sync_label.text(), timeout=10_000)
        main_window.act_sync.trigger()
        qtbot.waitUntil(lambda: main_window.message_bar.isVisible(), timeout=60_000)
        assert main_window.message_bar.kind == "info", main_window.message_bar.label.text()
        assert "Sync done" in main_window.message_bar.label.text()
        qtbot.waitUntil(lambda: "last sync" in main_window.sync_label.text())  # after the status refresh
        from workstation.sync import client as sc

        assert sc.current_enrollment(ui_station.db).platform_url == platform.url
    finally:
        platform.stop()


def test_the_demo_starts_whole_devices_platform_and_logins(tmp_path, qtbot, languages):
    """What `python3 scripts/run` does: the demo station (created on first run), emulated devices, the
    reference platform on loopback with the station enrolled; log in with a listed demo login, sync."""
    from PySide6.QtCore import Qt

    from workstation.ui.app import Startup
    from workstation.wiring import DEMO_OFFICER

    s = Startup(data_dir=tmp_path / "demo", demo=True, languages=languages)
    try:
        with qtbot.waitSignal(s.window_ready, timeout=120_000) as ready:
            s.start()
        win = ready.args[0]
        screen = win.login_screen
        assert f"{DEMO_OFFICER[0]} / {DEMO_OFFICER[1]}" in screen.demo_box.text()
        qtbot.keyClicks(screen.username, DEMO_OFFICER[0])
        qtbot.keyClicks(screen.password, DEMO_OFFICER[1])
        qtbot.keyClick(screen.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: win.session is not None, timeout=20_000)
        qtbot.waitUntil(lambda: all(light.look == "ready" for light in win.lights.values()), timeout=30_000)
        assert win.demo_badge.isVisible() and win.station.devices.demo is not None
        qtbot.waitUntil(lambda: s.platform is not None, timeout=60_000)
        qtbot.waitUntil(lambda: "changes waiting" in win.sync_label.text(), timeout=20_000)
        win.sync_now()
        qtbot.waitUntil(lambda: "Sync done" in win.message_bar.label.text(), timeout=60_000)
        win.close()
    finally:
        s.shutdown()


def test_demo_hands_are_not_queued_behind_device_work_waiting_for_them(main_window, qtbot, emulated_devices):
    """An enrolment waits on the device lane for a finger; the demo desk's "press" must not wait behind it
    (the kind: the hand that the device work waits for is queued behind that work)."""
    import threading

    from workstation.ui.tasks import Lane, Op

    runner = main_window.station.runner
    release = threading.Event()
    holders = [
        runner.start(Op(main_window, lambda _t: release.wait(120), lane=Lane.DEVICE, runner=runner))
        for _ in range(4)  # more than the device lane has threads: every one of them is waiting
    ]
    try:
        main_window.demo_desk.good_finger.click()
        qtbot.waitUntil(lambda: emulated_devices.device("fingerprint").finger_present, timeout=30_000)
        main_window.demo_desk.lift_finger.click()
        qtbot.waitUntil(lambda: not emulated_devices.device("fingerprint").finger_present, timeout=30_000)
    finally:
        release.set()
    qtbot.waitUntil(lambda: all(h.done for h in holders), timeout=10_000)


def test_unplugging_the_passport_reader_turns_its_light_off_and_back(main_window, qtbot, emulated_devices,
                                                                     switch_language, shoot):
    """Issue 10: the passport (MRZ) reader never answers anything, so only a real unplug can show it gone: its
    pty hangs up and its port leaves the listing; plugged back in, it is found behind the same port name."""
    desk = main_window.demo_desk
    light = main_window.lights["mrz"]
    bridge = main_window.station.devices
    qtbot.waitUntil(lambda: light.look == "ready", timeout=15_000)
    port = bridge.status("mrz").port
    desk.unplug_buttons["mrz"].click()
    assert desk.unplug_buttons["mrz"].text() == "Plug in the passport reader"
    qtbot.waitUntil(lambda: light.look == "lost", timeout=15_000)
    assert "Passport not connected" in light.text()
    assert "The passport reader is disconnected" in light.toolTip() or "was disconnected" in light.toolTip()
    assert main_window.lights["idcard"].look == "ready" and main_window.lights["fingerprint"].look == "ready"
    switch_language("zh_CN")
    qtbot.waitUntil(lambda: "护照" in light.text(), timeout=5_000)
    assert "passport" not in light.toolTip().lower() and "护照阅读器" in light.toolTip()
    switch_language("en")
    written = shoot(main_window, "demo-passport-unplugged")

    desk.unplug_buttons["mrz"].click()
    assert desk.unplug_buttons["mrz"].text() == "Unplug the passport reader"
    qtbot.waitUntil(lambda: light.look == "ready", timeout=20_000)
    assert bridge.status("mrz").port == port  # the same port name, a new pty behind it
    passports = []
    bridge.passport_read.connect(passports.append)
    desk.swipe.click()
    qtbot.waitUntil(lambda: len(passports) == 1, timeout=10_000)
    assert passports[0].valid
    assert all(p.stat().st_size > 5000 for p in written)


def test_every_emulated_device_unplugs_like_a_usb_device(main_window, qtbot, emulated_devices):
    desk = main_window.demo_desk
    for role in ("idcard", "fingerprint", "mrz"):
        light = main_window.lights[role]
        qtbot.waitUntil(lambda light=light: light.look == "ready", timeout=15_000)
        port = main_window.station.devices.status(role).port
        desk.unplug_buttons[role].click()
        qtbot.waitUntil(lambda light=light: light.look == "lost", timeout=15_000)
        qtbot.waitUntil(lambda port=port: not os.path.lexists(port), timeout=5_000)  # the port went
        desk.unplug_buttons[role].click()
        qtbot.waitUntil(lambda light=light: light.look == "ready", timeout=20_000)
        assert main_window.station.devices.status(role).port == port
