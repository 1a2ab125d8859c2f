"""Which thread is the GUI thread, stated in code rather than only in prose (Electrum's
`assert_runs_in_hwd_thread`, turned around).

The desktop app calls `mark_gui_thread()` once, on its GUI thread, before it builds the first
window. From then on every call that blocks (a database write or an audited read,
`Database.write()`; a device call that waits for the port thread, `DeviceManager.call()`) runs
`assert_not_gui_thread()` first and raises `OnGuiThread` when it is on that thread: a frozen window
becomes a bug report with a stack instead of a hang. Qt-free, so the core, its tests and the
console commands use it (none of them marks a thread, so nothing changes for them).
"""

from __future__ import annotations

import threading

_gui_thread: int | None = None


class OnGuiThread(RuntimeError):
    """A blocking call was made on the GUI thread (a bug in the caller: run it on a worker)."""


def mark_gui_thread() -> None:
    """Mark the calling thread as the GUI thread (the app does this once at start-up)."""
    global _gui_thread
    _gui_thread = threading.get_ident()


def unmark_gui_thread() -> None:
    """Forget the mark (for tests and for an app that is shutting down its GUI)."""
    global _gui_thread
    _gui_thread = None


def is_gui_thread() -> bool:
    """True on the thread `mark_gui_thread` marked."""
    return _gui_thread is not None and threading.get_ident() == _gui_thread


def assert_not_gui_thread(what: str) -> None:
    """Raise OnGuiThread when called on the marked GUI thread; `what` names the blocking call."""
    if is_gui_thread():
        raise OnGuiThread(f"{what} blocks and must not run on the GUI thread; run it on a worker thread")
