"""What the desk shows right after login, on real widgets: the Today page's frame (welcome, how to begin,
the work of the day) is there at once with a placeholder where the charts go, the charts come after it and
only for a role that sees figures; the pages' modules are imported on a worker while the login window
waits, and a login that succeeds meanwhile opens its session once they are in (never two threads
importing at once)."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication

from conftest import window_login
from workstation.domain.enums import Role
from workstation.ui import main_window as mw
from workstation.ui.today import TodayPage


def test_today_frame_shows_at_once_and_the_charts_follow(qtbot, login):
    page = TodayPage(login(Role.OFFICER))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    # before the event loop has run once: the frame, a placeholder for the charts, no chart yet
    assert "Welcome, officer1" in page.heading.text() and page.body.text()
    assert page.charts == {} and page.charts_loading.isVisible()
    assert page.charts_loading.text() == "Loading the figures…"
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.on_shown()
    assert set(page.charts) == {"registrations", "consistency", "feedback", "backlog"}
    assert page.charts["registrations"].isVisible() and page.charts_loading.isHidden()


def test_a_role_without_figures_says_so_at_once_and_builds_no_chart(qtbot, login):
    page = TodayPage(login(Role.ADMIN))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert page.no_charts.isVisible() and "roles that work with residents" in page.no_charts.text()
    assert page.charts_loading.isHidden()
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.on_shown()
    qtbot.wait(20)
    assert page.charts == {} and page.no_charts.isVisible()


def test_a_login_during_the_warm_up_opens_when_the_modules_are_in(qtbot, main_window, monkeypatch):
    win = main_window
    release = threading.Event()
    running = threading.Event()
    imported: list[bool] = []
    real = mw.warm_up_imports

    def warm_up(check) -> None:  # the real imports, held until the test lets go
        running.set()
        release.wait(30)
        real(check)
        imported.append(True)

    monkeypatch.setattr(mw, "warm_up_imports", warm_up)
    win._on_station_opened()  # what start-up does once the store is open
    assert running.wait(10)
    window_login_started(qtbot, win)
    qtbot.wait(100)
    assert win.session is None and win.screens.currentWidget() is win.login_screen  # waits for the imports
    release.set()
    qtbot.waitUntil(lambda: win.session is not None, timeout=30_000)
    assert imported == [True] and win.screens.currentWidget() is win.session


def window_login_started(qtbot, win) -> None:
    """Log in through the login screen without waiting for the session (it is held back)."""
    from PySide6.QtCore import Qt

    from conftest import USERS, password_of

    screen = win.login_screen
    qtbot.keyClicks(screen.username, USERS[Role.OFFICER])
    qtbot.keyClicks(screen.password, password_of(USERS[Role.OFFICER]))
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win._pending_login is not None, timeout=10_000)
    QApplication.processEvents()


def test_warm_up_imports_every_page_module():
    import sys

    mw.warm_up_imports()
    for target in mw.PAGES.values():
        assert target.partition(":")[0] in sys.modules
    assert "workstation.ui.screens.registration.form" in sys.modules
    window_login  # noqa: B018 - the shared login helper stays importable here
