"""A shared desk logs in and out all day: what one session's pages connected to the window's long-lived
objects (the device bridge, the station) must not outlive them. The kind: a page that connects a lambda
to the device bridge keeps being called after logout, on deleted widgets (an internal error each time
a device changes state)."""

from __future__ import annotations

from conftest import window_login
from workstation.domain.enums import Role


def test_device_changes_after_logout_and_login_reach_only_live_pages(main_window, qtbot, emulated_devices):
    bridge = main_window.station.devices
    for role in (Role.OFFICER, Role.ASSISTANT, Role.OFFICER):
        window_login(qtbot, main_window, role)
        for key in list(main_window.session.pages):  # every page built and shown once
            main_window.show_page(key)
        qtbot.wait(50)
        main_window.logout()
        qtbot.waitUntil(lambda: main_window.session is None)
        qtbot.wait(50)  # the closed session's widgets are deleted (deleteLater)

    window_login(qtbot, main_window, Role.OFFICER)
    states = []
    bridge.state_changed.connect(lambda role, st: states.append(role))
    main_window.demo_desk.unplug_buttons["idcard"].click()  # a state change reaches every listener
    qtbot.waitUntil(lambda: "idcard" in states, timeout=15_000)
    qtbot.wait(100)  # pytest-qt fails the test on an exception raised in any slot
    main_window.demo_desk.unplug_buttons["idcard"].click()
    qtbot.waitUntil(lambda: main_window.lights["idcard"].look == "ready", timeout=15_000)
