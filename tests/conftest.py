import logging
import os
import re
import sys
import threading
import time
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Console commands speak the operator's language (workstation.i18n.operator_language); tests pin it so
# a developer's locale cannot change what they see. Tests of the Chinese text set it themselves.
os.environ["WORKSTATION_LANG"] = "en"
sys.path.insert(0, str(Path(__file__).parent))  # tests/helpers.py

IN_CI = os.environ.get("CI") == "true"


# ---- a test fails when it logs a warning it did not declare (qutebrowser's logfail) --------------
class LogFailHandler(logging.Handler):
    """Keeps every record at WARNING or above that the test did not declare. A test declares the
    warnings it expects with ``caplog.at_level(logging.WARNING, logger=...)``: a record whose level
    equals the level set on its own logger is expected, and so is one at the root logger's level
    when the test uses `caplog` (``caplog.at_level(logging.WARNING)`` sets the root's), as in
    qutebrowser's tests/helpers/logfail.py. Records from any thread count; the test fails at teardown."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.unexpected: list[logging.LogRecord] = []
        self.caplog_in_use = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.getLogger(record.name).level:
            return  # declared with caplog.at_level(level, logger=record.name)
        if self.caplog_in_use and record.levelno == logging.getLogger().level:
            return  # declared with caplog.at_level(level)
        self.unexpected.append(record)


_logfail = LogFailHandler()
logging.getLogger().addHandler(_logfail)


@pytest.fixture(autouse=True)
def _fail_on_unexpected_log_warnings(request):
    _logfail.unexpected.clear()
    _logfail.caplog_in_use = "caplog" in request.fixturenames
    yield
    found, _logfail.unexpected[:] = list(_logfail.unexpected), []
    if found:
        lines = "\n".join(f"  {r.levelname} {r.name} ({r.threadName}): {r.getMessage()}" for r in found[:10])
        pytest.fail(f"logged {len(found)} warning(s) the test did not declare with caplog.at_level:\n{lines}",
                    pytrace=False)


@pytest.fixture(autouse=True)
def _no_gui_thread_mark_left_behind():
    """A test that marks the GUI thread (or runs the app in-process) must not leave the mark for the
    next test, whose database writes on this thread would then be refused."""
    yield
    from workstation.threads import unmark_gui_thread

    unmark_gui_thread()


# ---- a test fails when it leaves a thread running -------------------------------------------------
PROJECT_THREADS = re.compile(r"^(device-|port-|emu-|sync-|db-|desk-|workstation)")
THREAD_GRACE = 3.0  # seconds a stopping thread gets to finish after the test


@pytest.fixture(autouse=True)
def _fail_on_leaked_threads(request):
    """Threads the test started (or its function-scoped fixtures) must be gone when it ends:
    non-daemon threads always, daemon threads when they are the project's own (named device-*,
    port-*, emu-*, ...). Threads of module- and session-scoped fixtures started before the test."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + THREAD_GRACE
    while True:
        leaked = [
            t for t in threading.enumerate()
            if t not in before and t.is_alive() and (not t.daemon or PROJECT_THREADS.match(t.name))
        ]
        if not leaked or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    if leaked:
        names = ", ".join(f"{t.name}{' (daemon)' if t.daemon else ''}" for t in leaked)
        pytest.fail(f"the test left {len(leaked)} thread(s) running: {names}", pytrace=False)
