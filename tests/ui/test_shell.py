"""The frame: login with lockout, role-based navigation, idle lock hiding every personal field, re-auth
as the same or another operator, log out, card routing (nothing while locked), errors."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QMessageBox, QWidget

from conftest import USERS, password_of, window_login
from workstation.domain.enums import Role
from workstation.domain.permissions import MATRIX, Permission
from workstation.errors import UserFacingError, ValidationError
from workstation.resources import resource_path
from workstation.ui import errors
from workstation.ui.pages import NAV


def visible_texts(root: QWidget) -> list[str]:
    """Every text a person could read in `root` and its visible descendants (labels, fields, buttons)."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        for kind in (QLabel, QLineEdit, QAbstractButton):
            if isinstance(w, kind):
                out.append(w.text())
        if hasattr(w, "toPlainText"):
            out.append(w.toPlainText())
    return out


def test_login_wrong_password_then_lockout(main_window, qtbot):
    screen = main_window.login_screen
    assert screen.isVisible() and main_window.session is None
    answers = []
    for _ in range(5):
        window_login(qtbot, main_window, Role.OFFICER, password="wrong-password")
        qtbot.waitUntil(lambda: screen.error.isVisible() and screen.login_button.isEnabled())
        answers.append(screen.error.text())
        assert screen.password.text() == "" and screen.password.hasFocus()
        screen.show_error(None)
    assert main_window.session is None
    # four times the rule (one answer for unknown and wrong: no account enumeration), then the fifth
    # failure locks and the screen says for how long
    assert len(set(answers[:4])) == 1 and answers[0].startswith("Wrong user name or password.")
    assert "locked for 10 minutes" in answers[0]
    assert "locked for another 10 minutes" in answers[4]
    # the sixth try, even with the right password, is refused with the time left
    window_login(qtbot, main_window, Role.OFFICER, password=password_of("officer1"))
    qtbot.waitUntil(lambda: screen.error.isVisible() and screen.login_button.isEnabled())
    assert main_window.session is None
    assert "locked for another 10 minutes" in screen.error.text()
    # the time left is kept up to date while it is shown (moved on by hand here, not waited for)
    screen._lockout_deadline -= 121
    screen.refresh_lockout()
    assert "locked for another 8 minutes" in screen.error.text()
    screen._lockout_deadline -= 8 * 60
    screen.refresh_lockout()
    assert screen.error.text() == "The lockout is over: you can try to log in again."
    assert screen.lockout_seconds_left() is None


def test_password_reset_by_admin_is_changed_at_login(main_window, qtbot, ui_station):
    from conftest import authenticate
    from workstation.storage import operators

    admin = authenticate(ui_station.db, Role.ADMIN)
    operators.reset_password(ui_station.db, admin, "assistant1", "temporary-1")
    screen = main_window.login_screen
    window_login(qtbot, main_window, Role.ASSISTANT, password="temporary-1")
    qtbot.waitUntil(lambda: screen.new_password.isVisible())
    assert "reset by an administrator" in screen.heading.text()
    qtbot.keyClicks(screen.new_password, "brand-new-pass")
    qtbot.keyClicks(screen.repeat_password, "brand-new-typo")
    qtbot.keyClick(screen.repeat_password, Qt.Key.Key_Return)
    assert screen.error.text() == "The two new passwords differ." and main_window.session is None
    screen.repeat_password.clear()
    qtbot.keyClicks(screen.repeat_password, "brand-new-pass")
    qtbot.keyClick(screen.repeat_password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main_window.session is not None)
    assert main_window.session.ctx.operator.username == "assistant1"
    assert not screen.new_password.isVisible()
    operators.authenticate(ui_station.db, "assistant1", "brand-new-pass")  # the new password works


def test_login_empty_fields_say_what_is_missing(main_window, qtbot):
    screen = main_window.login_screen
    qtbot.keyClick(screen.username, Qt.Key.Key_Return)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    assert screen.error.text() == "Enter your user name."


@pytest.mark.parametrize("role", list(Role))
def test_navigation_follows_the_permission_matrix(main_window, qtbot, role):
    window_login(qtbot, main_window, role)
    shown = [main_window.session.nav.item(i).data(Qt.ItemDataRole.UserRole)
             for i in range(main_window.session.nav.count())]
    expected = [n.key for n in NAV if n.permission is None or n.permission in MATRIX[role]]
    assert shown == expected
    assert ("residents" in shown) == (Permission.READ_PERSON in MATRIX[role])
    assert ("audit" in shown) == (Permission.READ_AUDIT in MATRIX[role])
    assert ("admin" in shown) == (role is Role.ADMIN)
    # Alt+N goes to the N-th page shown
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert main_window.session.current_page.nav_key == shown[1]
    assert main_window.operator_status.text().startswith(USERS[role])


def test_ctrl_l_lock_hides_every_personal_field_and_same_operator_continues(main_window, qtbot, ctx):
    window_login(qtbot, main_window, Role.OFFICER)
    session = main_window.session
    # personal data on screen: a search in the box, a dialog of this session with a name and ID number
    session.search.setText("张三")
    dialog = QMessageBox(QMessageBox.Icon.Information, "Record", "张三 110105199003078888", parent=main_window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    main_window.show_message("110105199003078888 already registered", "error")
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # works from a dialog too
    assert main_window.locked
    texts = " ".join(visible_texts(main_window))
    assert "张三" not in texts and "110105199003078888" not in texts
    assert not dialog.isVisible()
    assert not session.isVisible() and main_window.login_screen.isVisible()
    assert main_window.login_screen.username.text() == "officer1"
    assert not main_window.act_new.isEnabled() and not main_window.act_search.isEnabled()
    # the same operator unlocks: the dialog (their unsaved work) comes back
    window_login(qtbot, main_window, Role.OFFICER)
    assert main_window.session is session and dialog.isVisible()
    dialog.close()


def test_idle_lock_after_the_station_setting(main_window, qtbot):
    window_login(qtbot, main_window, Role.ASSISTANT)
    assert main_window.idle_timer.interval() == 10 * 60_000  # the station's default
    main_window.set_idle_minutes(0.005)  # 300 ms
    main_window.idle_timer.start()
    qtbot.waitUntil(lambda: main_window.locked, timeout=3000)
    for w in main_window.findChildren(QWidget):
        if w.isVisible():
            assert not w.objectName().startswith(("page_", "session_", "global_search"))


def test_another_operator_gets_a_new_session_and_the_first_ones_work_stays_hidden(main_window, qtbot):
    window_login(qtbot, main_window, Role.OFFICER)
    first = main_window.session
    draft = QMessageBox(QMessageBox.Icon.Information, "Draft", "unsaved form of officer1", parent=main_window)
    draft.show()
    main_window.lock()
    main_window.login_screen.other_button.click()
    window_login(qtbot, main_window, Role.ASSISTANT)
    second = main_window.session
    assert second is not first and second.ctx.operator.username == "assistant1"
    assert not draft.isVisible()
    # back to the first operator: their draft returns, only for them
    main_window.lock()
    main_window.login_screen.other_button.click()
    window_login(qtbot, main_window, Role.OFFICER)
    assert main_window.session is first and draft.isVisible()
    draft.close()


def test_log_out_closes_the_session(main_window, qtbot):
    window_login(qtbot, main_window, Role.OFFICER)
    main_window.act_logout.trigger()
    assert main_window.session is None and main_window.login_screen.isVisible()
    assert main_window.login_screen.username.text() == "" and not main_window.login_screen.username.isReadOnly()
    assert main_window.sessions == {}


def test_card_placed_while_locked_opens_nothing(main_window, qtbot, emulated_devices, monkeypatch):
    from workstation.devices.sam.emulator import load_card_scenario
    from workstation.ui import main_window as mw

    opened = []

    class FakeDesk:  # stands in for ui-desk's registration module; records what the shell asked for
        @staticmethod
        def open_for_card(ctx, parent, doc):
            opened.append(doc)

        @staticmethod
        def spare_form(ctx, parent):  # built a second after login (on a busy machine, within this test)
            pass

    monkeypatch.setattr(mw, "_desk_screens", lambda: FakeDesk)
    seen = []
    main_window.station.devices.card_placed.connect(seen.append)
    window_login(qtbot, main_window, Role.OFFICER)
    main_window.lock()
    card = load_card_scenario(resource_path("scenarios", "cards", "resident_id.json"))
    emulated_devices.device("idcard").place_card(card)
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=10_000)  # the reader read it ...
    qtbot.wait(100)
    assert opened == []  # ... and nothing opened while locked
    emulated_devices.device("idcard").remove_card()
    window_login(qtbot, main_window, Role.OFFICER)
    qtbot.wait(200)
    emulated_devices.device("idcard").place_card(card)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    assert opened[0].name == "张三" and opened[0].number.endswith("002X")


def test_device_lights_follow_the_manager(main_window, qtbot, emulated_devices):
    light = main_window.lights["idcard"]
    qtbot.waitUntil(lambda: light.look == "ready")
    assert "ID card ready" in light.text()
    assert "emulated" in light.toolTip()
    assert main_window.demo_badge.isVisible()
    emulated_devices.unplug("idcard")
    qtbot.waitUntil(lambda: light.look == "lost", timeout=15_000)
    assert "not connected" in light.text()
    emulated_devices.replug("idcard")
    qtbot.waitUntil(lambda: light.look == "ready", timeout=15_000)


def test_validation_error_beside_its_field(qtbot):
    from PySide6.QtWidgets import QFormLayout

    from workstation.ui.widgets.field_errors import FieldErrors

    form = QWidget()
    qtbot.addWidget(form)
    lay = QFormLayout(form)
    fe = FieldErrors()
    phone = QLineEdit()
    lay.addRow("Phone", fe.wrap("phone", phone))
    form.show()
    errors.show_error(phone, ValidationError([("phone", "not a mobile number")]), fields=fe)
    assert fe.label("phone").isVisible() and fe.label("phone").text() == "not a mobile number"
    assert not [b for b in form.findChildren(QMessageBox) if b.isVisible()]


def test_user_error_goes_to_the_message_bar_in_the_ui_language(main_window, qtbot, switch_language):
    window_login(qtbot, main_window, Role.OFFICER)
    exc = UserFacingError("The platform could not be reached.", "无法连接平台。")
    errors.show_error(main_window.session, exc)
    assert main_window.message_bar.isVisible()
    assert main_window.message_bar.label.text() == "The platform could not be reached."
    switch_language("zh_CN")
    errors.show_error(main_window.session, exc)
    assert main_window.message_bar.label.text() == "无法连接平台。"


def test_crash_dialog_writes_a_report_without_personal_data(main_window, qtbot, ui_station, caplog):
    def buggy():
        name, number = "张三", "110105199003078888"
        raise KeyError(f"no slot for '{name}' {number} phone 17012345678 'ZHANG SAN'")

    with caplog.at_level(logging.ERROR, logger="workstation.ui.errors"):  # a bug is logged as one
        try:
            buggy()
        except KeyError as exc:
            path = errors.report_bug(exc, main_window)
    assert path is not None and path.parent == ui_station.data_dir / "crash-reports"
    text = path.read_text()
    for secret in ("张三", "110105199003078888", "17012345678", "ZHANG SAN"):
        assert secret not in text
    assert "builtins.KeyError" in text and "in buggy" in text and "PySide6" in text
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    dialog = main_window.findChild(QMessageBox, "crash_dialog")
    assert dialog is not None and dialog.isVisible()
    assert "keep working" in dialog.text()
    assert str(path) in dialog.informativeText()
    dialog.accept()
    # the app keeps running: the window still works
    window_login(qtbot, main_window, Role.OFFICER)


def test_exception_in_a_slot_becomes_a_crash_report(main_window, qtbot, ui_station, caplog):
    from PySide6.QtCore import QTimer

    errors.install_excepthook()

    def slot():
        raise RuntimeError("bug in a slot")

    with qtbot.capture_exceptions() as caught:
        QTimer.singleShot(0, slot)
        qtbot.wait(50)
    # pytest-qt captures exceptions in slots itself; hand them to our hook as the app's hook would get them
    assert caught
    import sys

    with caplog.at_level(logging.ERROR, logger="workstation.ui.errors"):  # a bug is logged as one
        sys.excepthook(*caught[0])
        qtbot.waitUntil(lambda: any(b.objectName() == "crash_dialog" and b.isVisible()
                                    for b in main_window.findChildren(QMessageBox)) or
                        bool(list((ui_station.data_dir / "crash-reports").glob("*.txt"))))
    assert list((ui_station.data_dir / "crash-reports").glob("crash-*.txt"))
    sys.excepthook = sys.__excepthook__
    import threading

    threading.excepthook = threading.__excepthook__


def test_idle_lock_minutes_come_from_the_station_setting(ui_station, qtbot):
    from workstation.storage import settings
    from workstation.ui.context import StationSettings
    from workstation.ui.main_window import MainWindow

    with ui_station.db.write() as s:
        settings.set(s, "idle_lock_minutes", 3)
    ui_station.settings = StationSettings.load(ui_station.db)
    win = MainWindow(ui_station)
    qtbot.addWidget(win)
    assert win.idle_timer.interval() == 3 * 60_000


def test_a_disabled_operator_is_sent_back_to_the_login(main_window, qtbot, ui_station):
    from conftest import authenticate
    from workstation.storage import operators

    window_login(qtbot, main_window, Role.ASSISTANT)
    operators.set_disabled(ui_station.db, authenticate(ui_station.db, Role.ADMIN), "assistant1")
    actor = main_window.ctx.operator
    # the next call through the session is refused by the core
    h = main_window.ctx.op(lambda _t: operators.authorize(ui_station.db, actor, Permission.REGISTER),
                           parent=main_window.session).start()
    qtbot.waitUntil(lambda: h.done)
    assert main_window.session is None and main_window.login_screen.isVisible()
    assert "Log in again" in main_window.login_screen.error.text()


def test_keyboard_f2_ctrl_f_enter_and_tooltips_show_shortcuts(ui_station, qtbot, monkeypatch):
    from workstation.ui import main_window as mw
    from workstation.ui.pages import PlaceholderPage

    calls = []

    class FakeDesk:  # stands in for ui-desk's registration module
        @staticmethod
        def new_manual_registration(ctx, parent):
            calls.append(("new", ctx.operator.username))

        @staticmethod
        def spare_form(ctx, parent):  # built a second after login (on a busy machine, within this test)
            pass

    class Residents(PlaceholderPage):  # stands in for ui-desk's ResidentsPage: records searches
        def search(self, text):
            calls.append(("search", text))

    def factory(ctx, item):
        return Residents(ctx, item) if item.key == "residents" else mw.default_page(ctx, item)

    monkeypatch.setattr(mw, "_desk_screens", lambda: FakeDesk)
    win = mw.MainWindow(ui_station, page_factory=factory)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    window_login(qtbot, win, Role.OFFICER)
    qtbot.keyClick(win.session.nav, Qt.Key.Key_F2)
    assert calls == [("new", "officer1")]
    qtbot.keyClick(win.session.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert win.session.search.hasFocus()
    qtbot.keyClicks(win.session.search, "zhang")
    qtbot.keyClick(win.session.search, Qt.Key.Key_Return)
    assert calls[-1] == ("search", "zhang")
    assert win.session.current_page.nav_key == "residents"
    for action in (win.act_new, win.act_search, win.act_sync, win.act_lock):
        assert action.toolTip().endswith(f"({action.shortcut().toString()})"), action.toolTip()
    assert "Ctrl+F" in win.session.search.placeholderText()
    win.close()
