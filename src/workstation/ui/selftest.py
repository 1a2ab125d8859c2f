"""The desktop app's stage of ``workstation --self-test``: start the real start-up sequence on a
temporary demo station, offscreen, up to the login window; log in as the demo officer; show every
page the officer may use (the Today page once its charts have their figures: pyqtgraph and numpy are in
the bundle); close; quit the event loop. Any Qt warning (a missing platform or image
plugin, a broken layout, a failed translation load) fails the stage.

Used by a packaged build to prove that Qt, its plugins, the translations and the app's own
modules are all in the bundle (`workstation.selftest` runs the core stages first).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from workstation.selftest import run as run_core

# What the offscreen platform always says and means nothing (the same list as pyproject's
# qt_log_ignore for the tests): windows cannot pass size hints to a window manager it lacks.
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints",)


def _wait(app: Any, done: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.005)


def check_window(timeout: float = 60.0) -> str:
    """Start-up → login window → log in → every page shown → closed. Returns a one-line summary;
    raises RuntimeError naming the first thing that went wrong (Qt warnings included)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless by definition, whatever the desk has
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from workstation.ui.app import build_for_benchmark, make_app
    from workstation.wiring import DEMO_OFFICER

    qt_messages: list[str] = []

    def handler(kind: QtMsgType, _ctx: object, text: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or text.startswith(OFFSCREEN_NOISE):
            return
        qt_messages.append(f"{kind.name}: {text}")

    previous = qInstallMessageHandler(handler)
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
                today = session.pages.get("today")
                if today is not None and hasattr(today, "refreshed"):  # the dashboard's charts drawn once
                    _wait(app, lambda: getattr(today, "timing", None) is not None, timeout, "the Today charts")
                    today.grab()
                for key in list(session.pages):
                    session.show_page(key)
                    app.processEvents()
                window.grab()  # renders every widget of the visible page once
                window.close()
                app.processEvents()
            finally:
                startup.shutdown()
                app.processEvents()
    finally:
        qInstallMessageHandler(previous)
    if qt_messages:
        raise RuntimeError("Qt said: " + " | ".join(qt_messages[:5]))
    return f"main window built offscreen, logged in, {len(pages)} pages"


def run() -> int:
    """``workstation --self-test``: core stages, then the window stage. Returns the exit code."""
    return run_core(extra=[("window", check_window)])
