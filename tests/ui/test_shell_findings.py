"""What a new officer found in the window frame: lock screen for another operator, the waiting count in
the status bar, the search box that followed them around, the Alt+1…n range, the busy login, the charts'
SI prefix."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))


from conftest import password_of, window_login
from workstation.domain.enums import Role
from workstation.ui.pages import visible_nav


def test_another_operator_reads_as_a_login_and_says_whose_session_stays_locked(main_window, qtbot,
                                                                                 switch_language):
    window_login(qtbot, main_window, Role.OFFICER)
    main_window.lock()
    screen = main_window.login_screen
    assert screen.login_button.text() == "Unlock"
    screen.other_button.click()
    assert screen.login_button.text() == "Log in"
    heading = screen.heading.text()
    assert "locked. officer1, enter your password" not in heading
    assert "Another operator" in heading and "officer1" in heading and "stays locked" in heading
    assert not screen.username.isReadOnly() and screen.username.text() == ""
    switch_language("zh_CN")
    qtbot.waitUntil(lambda: screen.login_button.text() == "登录")  # (LanguageChange is posted)
    assert "officer1" in screen.heading.text() and "Another operator" not in screen.heading.text()
    switch_language("en")
    qtbot.waitUntil(lambda: screen.login_button.text() == "Log in")
    screen.other_button.click()  # back: unlock the locked session
    assert screen.login_button.text() == "Unlock" and screen.username.text() == "officer1"
    assert screen.username.isReadOnly()


def sync_count(win) -> int | None:
    text = win.sync_label.text()
    if "waiting" not in text:
        return None
    return int(text.split("⇅", 1)[1].split()[0])



def test_status_bar_count_follows_a_write_and_says_change_for_one(main_window, qtbot, enrolled):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    qtbot.waitUntil(lambda: sync_count(win) is not None, timeout=10_000)
    before = sync_count(win)
    ctx = win.ctx
    with qtbot.waitSignal(ctx.changed, timeout=10_000):
        ctx.op(lambda _t: ctx.desk.housing.create_property(address="深圳市南山区状态路1号", grid_code="G01")).start()
    qtbot.waitUntil(lambda: sync_count(win) == before + 1, timeout=10_000)  # no sync page, no timer: the write
    n = sync_count(win)
    assert f"⇅ {n} change{'' if n == 1 else 's'} waiting" in win.sync_label.text()


def test_count_texts_use_plural_forms_in_both_languages(languages):
    def t(n: int) -> str:
        return QCoreApplication.translate("MainWindow", "⇅ %n change(s) waiting", "", n)

    languages.switch("en")
    assert (t(0), t(1), t(3)) == ("⇅ 0 changes waiting", "⇅ 1 change waiting", "⇅ 3 changes waiting")
    languages.switch("zh_CN")
    assert "1" in t(1) and "(s)" not in t(1) and "change" not in t(1)
    languages.switch("en")


def test_search_box_is_cleared_when_the_page_changes(main_window, qtbot):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    search = win.session.search
    qtbot.keyClicks(search, "zhangsan")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert win.session.current_page is win.session.pages["residents"]
    assert search.text() == "zhangsan"  # the residents page shows what it searched
    win.show_page("today")
    assert search.text() == ""
    qtbot.keyClicks(search, "lisi")
    win.lock()
    window_login(qtbot, win, Role.OFFICER)
    assert win.session.search.text() == ""


def test_page_keys_hint_states_the_sessions_range(main_window, qtbot):
    from workstation.ui.help import HelpDialog

    win = main_window
    for role in (Role.OFFICER, Role.ADMIN):
        window_login(qtbot, win, role)
        n = len(visible_nav(win.ctx))
        today = win.session.pages["today"]
        today.retranslate()
        assert f"Alt+1…{n}" in today.body.text().replace("<b>", "").replace("</b>", "")
        assert "Alt+1…8" not in today.body.text() or n == 8
        win.show_help()
        dlg = win.help_dialog
        assert isinstance(dlg, HelpDialog) and f"Alt+1…{n}" in dlg.keys.text()
        dlg.close()
        win.act_logout.trigger()
    assert visible_nav  # (officer and admin differ: 6 and 4 pages)


def test_login_shows_it_is_busy_and_gives_the_keyboard_back_on_failure(main_window, qtbot):
    screen = main_window.login_screen
    qtbot.keyClicks(screen.username, "officer1")
    qtbot.keyClicks(screen.password, password_of("officer1") + "x")
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    # the check runs on a worker: until it answers, nothing can be typed or pressed again
    assert screen.login_button.text() == "Checking…"
    assert not screen.login_button.isEnabled()
    assert not screen.username.isEnabled() and not screen.password.isEnabled()
    assert screen.busy_bar.isVisible()
    qtbot.waitUntil(lambda: screen.error.isVisible(), timeout=20_000)
    assert screen.password.isEnabled() and screen.login_button.isEnabled()
    assert not screen.busy_bar.isVisible() and screen.login_button.text() == "Log in"
    assert screen.password.hasFocus()


def test_chart_axes_never_show_an_si_prefix(qtbot):
    import numpy as np
    import pyqtgraph as pg

    from workstation.ui.widgets.charts import Chart

    for counts in (False, True):
        chart = Chart("t", counts=counts)
        qtbot.addWidget(chart)
        chart.set_axis_labels("changes", "grid")
        chart.add(pg.PlotDataItem(np.arange(3.0), np.array([0.0, 0.0, 0.0])))
        chart.resize(400, 300)
        chart.show()
        qtbot.waitExposed(chart)
        item = chart.plot.getPlotItem()
        item.getViewBox().setRange(yRange=(0, 0.003), padding=0)  # small range: pyqtgraph would add "(x0.001)"
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.updateAutoSIPrefix()
            assert "x0.001" not in axis.labelString() and "(x" not in axis.labelString()


def test_screenshots(qtbot, emulated_devices, main_window, enrolled, shoot):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    qtbot.waitUntil(lambda: sync_count(win) is not None, timeout=10_000)
    today = win.session.pages["today"]
    qtbot.waitUntil(lambda: getattr(today, "dashboard", None) is not None, timeout=10_000)
    shoot(win, "frame-today-officer", sizes=[(1366, 768)])
    win.show_page("devices")
    qtbot.waitUntil(lambda: "baud" in win.session.pages["devices"].rows["idcard"].port.text(), timeout=10_000)
    shoot(win, "frame-devices", sizes=[(1366, 768)])
    win.lock()
    win.login_screen.other_button.click()
    shoot(win, "frame-lock-another-operator", sizes=[(1366, 768)])
    screen = win.login_screen
    qtbot.keyClicks(screen.username, "assistant1")
    qtbot.keyClicks(screen.password, "wrong-password")
    screen._set_busy(True)  # what the screen shows while the worker checks (the test above presses Enter)
    shoot(win, "frame-login-checking", sizes=[(1366, 768)])
    qtbot.waitUntil(lambda: screen.login_button.text() == "Checking…")  # (a language switch keeps it)
    screen._set_busy(False)
