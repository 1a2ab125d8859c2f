"""The desktop app's stage of ``workstation --self-test``: start the real start-up sequence on a
temporary demo station, offscreen, up to the login window; log in as the demo officer; check the
Today page draws its charts (pyqtgraph and numpy are in the bundle); show every page the officer
may use; start the demo's central platform in its child process and sync with it through the
window's Sync now; close; quit the event loop. Any Qt warning (a missing platform or image
plugin, a broken layout, a failed translation load) fails the stage.

Used by a packaged build to prove that Qt, its plugins, the translations and the app's own
modules are all in the bundle (`workstation.selftest` runs the core stages first).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from workstation.selftest import run as run_core

# What the offscreen platform always says and means nothing (the same list as pyproject's
# qt_log_ignore for the tests, kept equal by tests/test_selftest.py): windows cannot pass size hints to
# a window manager it lacks, nor raise themselves (the demo desk's tool window, a completer's popup) or
# grab the keyboard without a window system.
OFFSCREEN_NOISE = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
)


def _wait(app: Any, done: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.005)


def _series_pixels(image: Any) -> int:
    """How many pixels of a grabbed chart have one of the charts' series colours (bars, the line):
    the figures drawn, not only the axes."""
    from PySide6.QtGui import QColor

    from workstation.ui.widgets.charts import SERIES_COLOURS

    wanted = {int(QColor(c).rgb()) for c in SERIES_COLOURS}
    return sum(1 for y in range(image.height()) for x in range(0, image.width(), 2) if image.pixel(x, y) in wanted)


def _check_today_charts(app: Any, today: Any, timeout: float) -> str:
    """The Today page (the session's first page) gets its figures and draws them (pyqtgraph and numpy
    in the bundle, Qt's OpenGL modules not: packaging/pyi_rth_no_qtopengl.py). Returns e.g.
    ``4 Today charts, 3 with figures drawn``; raises RuntimeError when none is drawn."""
    if today is None or not hasattr(today, "charts"):
        raise RuntimeError("the officer's session has no Today page")
    _wait(app, lambda: getattr(today, "timing", None) is not None, timeout, "the Today charts")
    today.resize(1200, 800)
    app.processEvents()
    shown = [chart for chart in today.charts.values() if chart.isVisibleTo(today)]
    drawn = [chart for chart in shown if _series_pixels(chart.plot.grab().toImage()) > 0]
    if not drawn:
        raise RuntimeError(f"the Today page drew no figures ({len(shown)} charts shown)")
    return f"{len(shown)} Today charts, {len(drawn)} with figures drawn"


def _check_demo_platform_sync(app: Any, window: Any, timeout: float) -> str:
    """The demo's central platform starts in a child process (`multiprocessing` spawn: in the frozen
    build the program starts itself again, packaging/entry.py `freeze_support`), the station enrolls
    with it, and the window's Sync now reaches it. Returns a summary; raises RuntimeError otherwise."""
    from workstation.sync import client as sc
    from workstation.ui.demo_platform import start_demo_platform

    station = window.station
    platform = start_demo_platform(station.db, station.data_dir, station.station_code)
    try:
        bar = window.message_bar
        bar.clear()
        window.act_sync.trigger()
        _wait(app, lambda: bool(bar.label.text()), timeout, "the sync with the demo platform")  # its outcome
        status = sc.status(station.db)
        if bar.kind != "info" or status.unbatched_records or status.unacknowledged_records:
            raise RuntimeError(f"the sync did not reach the demo platform: {bar.label.text()}")
    finally:
        platform.stop()
    return "a sync reached the demo platform (child process)"


def check_window(timeout: float = 60.0) -> str:
    """Start-up → login window → log in → the Today charts drawn → every page shown → a sync with the
    demo platform → closed. Returns a one-line summary; raises RuntimeError naming the first thing
    that went wrong (Qt warnings and exceptions raised in Qt's callbacks included)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless by definition, whatever the desk has
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from workstation.ui.app import build_for_benchmark, make_app
    from workstation.wiring import DEMO_OFFICER

    qt_messages: list[str] = []

    def handler(kind: QtMsgType, _ctx: object, text: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or text.startswith(OFFSCREEN_NOISE):
            return
        qt_messages.append(f"{kind.name}: {text}")

    errors: list[str] = []  # exceptions raised in Qt's callbacks (a chart's paint) reach sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, _tb: object) -> None:
        errors.append(f"{kind.__name__}: {exc}")

    previous = qInstallMessageHandler(handler)
    previous_hook, sys.excepthook = sys.excepthook, hook
    app = make_app()
    try:
        with tempfile.TemporaryDirectory(prefix="workstation-selftest-ui-") as tmp:
            startup, window = build_for_benchmark(Path(tmp) / "station", demo=True)
            try:
                if window is None:
                    raise RuntimeError("start-up ended without a window")
                logged: list[object] = []
                window.login_screen.logged_in.connect(logged.append)
                window.login_screen.username.setText(DEMO_OFFICER[0])
                window.login_screen.password.setText(DEMO_OFFICER[1])
                window.login_screen.submit()
                _wait(app, lambda: bool(logged) and window.session is not None, timeout, "the login")
                session = window.session
                assert session is not None
                pages = list(session.pages.values())
                charts = _check_today_charts(app, session.pages.get("today"), timeout)
                for key in list(session.pages):
                    session.show_page(key)
                    app.processEvents()
                window.grab()  # renders every widget of the visible page once
                synced = _check_demo_platform_sync(app, window, timeout)
                window.close()
                app.processEvents()
            finally:
                startup.shutdown()
                app.processEvents()
    finally:
        qInstallMessageHandler(previous)
        sys.excepthook = previous_hook
    if errors:
        raise RuntimeError("an error while drawing or handling events: " + " | ".join(errors[:3]))
    if qt_messages:
        raise RuntimeError("Qt said: " + " | ".join(qt_messages[:5]))
    return f"main window built offscreen, logged in, {len(pages)} pages, {charts}, {synced}"


def run() -> int:
    """``workstation --self-test``: core stages, then the window stage. Returns the exit code."""
    return run_core(extra=[("window", check_window)])
