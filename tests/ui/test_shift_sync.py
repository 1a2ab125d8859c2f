"""End of shift and background sync on real widgets, against the reference platform on loopback (tests/sync's
platform helpers): "sync now, then log out" shows its progress and outcome before the logout and the login
screen shows the store's new state; a sync that fails at logout says what stays and offers log out anyway /
stay; tasks and pre-registrations come down soon after login without pressing Sync; the banner says what
came down."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))


from conftest import window_login
from workstation.domain.enums import Role
from workstation.storage import settings
from workstation.storage.schema import utcnow
from workstation.sync import client as sc
from workstation.ui.main_window import _last_sync_text
from workstation.ui.screens.sync import EndOfShiftDialog, SyncPage

STATION = "440305001"




def _dialog(qtbot, win) -> EndOfShiftDialog:
    def there():
        d = win.findChild(EndOfShiftDialog, "end_of_shift")
        return d is not None and d.isVisible()

    qtbot.waitUntil(there, timeout=10_000)
    return win.findChild(EndOfShiftDialog, "end_of_shift")


def _synced_two_days_ago(db) -> None:
    """The station's last finished sync, as the store keeps it, two days back (the status bar shows its date)."""
    with db.write() as s:
        settings.set(s, sc.LAST_SYNC_KEY, (utcnow() - timedelta(days=2)).isoformat())


def _add_property(ctx) -> str:
    return ctx.desk.housing.create_property(address="深圳市南山区交班路1号", grid_code="G01").id


def test_sync_then_logout_shows_progress_and_outcome_and_the_login_shows_the_new_state(qtbot, main_window, enrolled):
    win = main_window
    db = win.station.db
    _synced_two_days_ago(db)
    window_login(qtbot, win, Role.OFFICER)
    old = _last_sync_text(sc.status(db).last_synced_at, None)
    qtbot.waitUntil(lambda: old in win.sync_label.text(), timeout=10_000)
    _add_property(win.ctx)
    waiting = sc.status(db).unacknowledged_records
    assert waiting >= 1

    win.logout()
    dlg = _dialog(qtbot, win)
    seen: list[tuple[bool, bool, str]] = []
    dlg.outcome_shown.connect(lambda text: seen.append((win.session is not None, dlg.isVisible(), text)))
    qtbot.mouseClick(dlg.sync_button, Qt.MouseButton.LeftButton)
    assert dlg.progress.isVisible() and dlg.state.isVisible()  # the sync runs in front of the officer
    assert "Sending the waiting changes" in dlg.state.text()
    assert not dlg.sync_button.isEnabled() and not dlg.leave_button.isEnabled()
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    still_in, visible, text = seen[0]
    assert still_in and visible  # the outcome is on screen before the logout completes
    sent = f"{waiting} change{'' if waiting == 1 else 's'} sent"
    assert f"Sync done: {sent}, nothing new received." in text and "Logging out" in text
    assert dlg.state.text() == text and dlg.body.isHidden()

    qtbot.waitUntil(lambda: win.session is None, timeout=10_000)
    assert win.screens.currentWidget() is win.login_screen
    assert f"Sync done: {sent}" in win.message_bar.label.text()  # the login screen says what happened
    st = sc.status(db)
    assert st.unacknowledged_records == 0
    new = _last_sync_text(st.last_synced_at, st.last_failed_at)
    assert new != old and ":" in new
    # the status bar on the login screen: the store's new state, not the one from before the logout
    qtbot.waitUntil(lambda: win.sync_label.text() == f"⇅ 0 changes waiting · {new}", timeout=10_000)

    window_login(qtbot, win, Role.OFFICER)  # and after logging back in
    qtbot.waitUntil(lambda: win.sync_label.text() == f"⇅ 0 changes waiting · {new}", timeout=10_000)


def test_sync_at_logout_that_fails_says_what_stays_and_offers_log_out_anyway_or_stay(qtbot, main_window, enrolled):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    _add_property(win.ctx)
    enrolled.stop()  # the platform is down
    win.logout()
    dlg = _dialog(qtbot, win)
    assert dlg.cancel_button.text() == "Stay logged in"
    qtbot.mouseClick(dlg.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.error.isVisible(), timeout=60_000)
    assert win.session is not None and dlg.isVisible()  # not logged out
    assert "The sync did not finish: The central platform could not be reached" in dlg.error.text()
    assert "rental propert" in dlg.body.text() and "stay on this desk" in dlg.body.text()
    assert dlg.leave_button.text() == "Log out anyway" and dlg.leave_button.isEnabled()
    assert dlg.cancel_button.text() == "Stay logged in" and dlg.cancel_button.isEnabled()
    assert dlg.sync_button.text() == "Try again"
    assert dlg.progress.isHidden()
    st = sc.status(win.station.db)
    qtbot.waitUntil(lambda: _last_sync_text(st.last_synced_at, st.last_failed_at) in win.sync_label.text(),
                    timeout=10_000)
    assert "not finished" in win.sync_label.text()

    qtbot.mouseClick(dlg.cancel_button, Qt.MouseButton.LeftButton)  # stay
    qtbot.waitUntil(lambda: not dlg.isVisible())
    assert win.session is not None and win.screens.currentWidget() is win.session

    win.logout()
    dlg = _dialog(qtbot, win)
    qtbot.mouseClick(dlg.leave_button, Qt.MouseButton.LeftButton)  # log out without syncing
    qtbot.waitUntil(lambda: win.session is None, timeout=10_000)
    assert sc.status(win.station.db).unacknowledged_records >= 1  # still on this desk


def _push_tasks_and_prereg(platform) -> None:
    platform.central.push_task(STATION, title="核查幸福路3号出租屋", due_date="2026-12-01")
    platform.central.push_task(STATION, title="走访新登记住户")
    platform.central.import_prereg(STATION, [{"name": "张三", "id_number_masked": "4403**********1234"}])


def test_tasks_arrive_soon_after_login_without_pressing_sync(qtbot, main_window, enrolled, monkeypatch):
    monkeypatch.setattr(SyncPage, "FIRST_BACKGROUND_MS", 50)
    _push_tasks_and_prereg(enrolled)
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    tasks = win.session.pages["tasks"]
    win.show_page("tasks")
    qtbot.waitUntil(lambda: tasks.model.rowCount() == 2, timeout=30_000)  # no Sync pressed
    qtbot.waitUntil(lambda: "From the platform:" in win.message_bar.label.text(), timeout=10_000)
    assert win.message_bar.label.text() == "From the platform: 2 tasks and 1 pre-registration received."
    assert win.session.pages["sync"].syncing is False
    qtbot.waitUntil(lambda: "last sync" in win.sync_label.text(), timeout=10_000)


def test_sync_now_banner_says_what_came_down(qtbot, main_window, enrolled):
    _push_tasks_and_prereg(enrolled)
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    page = win.session.pages["sync"]
    qtbot.keyClick(win, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.last_result is not None and not page.syncing, timeout=30_000)
    banner = win.message_bar.label.text()
    assert banner.startswith("Sync done: ") and banner.endswith(", 2 tasks and 1 pre-registration received.")
    assert page.result_label.text() == banner


def test_f5_during_a_background_sync_runs_right_after_it(qtbot, main_window, enrolled):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    page = win.session.pages["sync"]
    page.background_sync()
    assert page._background_handle is not None and not page._background_handle.done
    assert page.sync_now() is None  # the background step runs: this one follows it
    qtbot.waitUntil(lambda: page.last_result is not None and not page.syncing, timeout=30_000)
    assert win.message_bar.label.text().startswith("Sync done: ")


def test_sync_then_logout_during_a_background_sync_waits_for_it_then_runs(qtbot, main_window, enrolled):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    _add_property(win.ctx)
    win.logout()
    dlg = _dialog(qtbot, win)
    page = win.session.pages["sync"]
    page.background_sync()  # the minute's background step starts just before the click
    assert page._background_handle is not None and not page._background_handle.done
    seen: list[str] = []
    dlg.outcome_shown.connect(seen.append)
    qtbot.mouseClick(dlg.sync_button, Qt.MouseButton.LeftButton)
    assert dlg.error.isHidden()  # not "another sync is running": it waits for it
    qtbot.waitUntil(lambda: win.session is None, timeout=30_000)
    assert seen and seen[0].startswith("Sync done: ")
    assert sc.status(win.station.db).unacknowledged_records == 0
