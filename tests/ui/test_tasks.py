"""Background work: success, failure, cancel, progress only after the delay, callbacks on the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QWidget

from workstation.errors import UserFacingError
from workstation.ui import progress
from workstation.ui.tasks import Cancelled, Lane, Op, Runner


@pytest.fixture
def runner(qapp):
    r = Runner()
    yield r
    r.shutdown()
    r.deleteLater()


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    return w


def test_success_runs_on_gui_thread_with_result(runner, parent, qtbot):
    gui = threading.get_ident()
    seen = {}

    def work(token):
        seen["worker"] = threading.current_thread().name
        return 6 * 7

    def ok(result):
        seen["result"] = result
        seen["gui"] = threading.get_ident() == gui

    h = Op(parent, work, runner=runner).on_success(ok).start()
    qtbot.waitUntil(lambda: h.done)
    assert seen == {"worker": seen["worker"], "result": 42, "gui": True}
    assert seen["worker"].startswith("ui-db")


def test_db_lane_is_one_thread_net_lane_runs_in_parallel(runner, parent, qtbot):
    names, barrier = set(), threading.Barrier(2, timeout=5)

    def db_work(_t):
        names.add(threading.current_thread().name)
        return threading.get_ident()

    handles = [Op(parent, db_work, runner=runner).start() for _ in range(5)]
    qtbot.waitUntil(lambda: all(h.done for h in handles))
    assert len({h.future.result() for h in handles}) == 1

    def net_work(_t):  # two at once, or the barrier times out
        barrier.wait()
        return True

    nets = [Op(parent, net_work, lane=Lane.NET, runner=runner).start() for _ in range(2)]
    qtbot.waitUntil(lambda: all(h.done for h in nets), timeout=10_000)
    assert all(h.future.result() for h in nets)


def test_failure_handler_gets_the_exception(runner, parent, qtbot):
    got = []
    h = Op(parent, lambda _t: 1 / 0, runner=runner).on_failure(lambda e: got.append(e) or True).start()
    qtbot.waitUntil(lambda: h.done)
    assert len(got) == 1 and isinstance(got[0], ZeroDivisionError)


def test_unhandled_user_error_shown_in_the_window(runner, parent, qtbot):
    from PySide6.QtWidgets import QMessageBox

    def work(_t):
        raise UserFacingError("The platform could not be reached.", "无法连接平台。")

    h = Op(parent, work, runner=runner).start()
    qtbot.waitUntil(lambda: h.done)
    boxes = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    assert [b.text() for b in boxes] == ["The platform could not be reached."]
    boxes[0].accept()


def test_cancel_stops_cooperative_work_and_shows_nothing(runner, parent, qtbot):
    from PySide6.QtWidgets import QMessageBox

    started = threading.Event()
    results = []

    def work(token):
        started.set()
        while True:
            token.raise_if_cancelled()
            time.sleep(0.01)

    finished = []
    h = (Op(parent, work, runner=runner).on_success(results.append)
         .on_failure(lambda e: results.append(e) or False).on_finished(lambda: finished.append(True)).start())
    assert started.wait(5)
    h.cancel()
    qtbot.waitUntil(lambda: h.done)
    # a cancelled Op calls neither handler (nothing to report), only on_finished
    assert results == [] and finished == [True]
    assert isinstance(h.future.exception(), Cancelled)
    assert not [b for b in parent.findChildren(QMessageBox) if b.isVisible()]


def test_progress_appears_only_after_the_delay_and_cancel_button_cancels(runner, parent, qtbot):
    from PySide6.QtWidgets import QProgressDialog

    # quick work: never a dialog
    h = Op(parent, lambda _t: 1, runner=runner).with_progress("Quick").start()
    qtbot.waitUntil(lambda: h.done)
    qtbot.wait(progress.DELAY_MS + 150)
    assert not [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]

    # slow work: a dialog after the delay, with the reported progress; Cancel cancels the token
    def slow(token):
        for i in range(1000):
            token.report(i, 1000, f"step {i}")
            if token.wait(0.01):
                token.raise_if_cancelled()
        return "finished"

    t0 = time.monotonic()
    h = Op(parent, slow, runner=runner).with_progress("Working", cancellable=True).start()
    qtbot.wait(200)
    assert not [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QProgressDialog)), timeout=3000)
    assert time.monotonic() - t0 >= progress.DELAY_MS / 1000 * 0.9
    dlg = next(d for d in parent.findChildren(QProgressDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dlg.value() > 0 and dlg.maximum() == 1000)
    assert "Working" in dlg.labelText()
    from PySide6.QtWidgets import QPushButton

    (button,) = dlg.findChildren(QPushButton)
    assert button.text() == "Cancel"
    button.click()
    qtbot.waitUntil(lambda: h.done, timeout=5000)
    assert h.cancelled
    assert isinstance(h.future.exception(), Cancelled)
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in parent.findChildren(QProgressDialog)))


def test_callbacks_skipped_when_parent_was_deleted(runner, qtbot):
    w = QWidget()
    release = threading.Event()
    called = []
    h = Op(w, lambda _t: release.wait(5), runner=runner).on_success(called.append).start()
    w.deleteLater()
    qtbot.wait(50)
    release.set()
    qtbot.waitUntil(lambda: h.done)
    assert called == []


def test_shutdown_cancels_and_joins(qapp, qtbot):
    r = Runner()
    w = QWidget()
    qtbot.addWidget(w)
    started = threading.Event()

    def work(token):
        started.set()
        while not token.cancelled:
            time.sleep(0.01)
        return "stopped"

    h = Op(w, work, runner=r).start()
    assert started.wait(5)
    r.shutdown()
    assert h.future.result(0) == "stopped"
    assert not [t for t in threading.enumerate() if t.name.startswith("ui-db")]
    r.deleteLater()


@pytest.mark.parametrize("lane", list(Lane))
def test_work_started_while_quitting_is_dropped_quietly(qapp, qtbot, lane):
    """A refresh timer that fires while the app quits starts an op after `shutdown`: dropped as cancelled,
    no work, no callback, no exception in the slot that started it."""
    r = Runner()
    w = QWidget()
    qtbot.addWidget(w)
    r.shutdown()
    ran, called = [], []
    h = Op(w, lambda _t: ran.append(1), lane=lane, runner=r).on_success(called.append).on_failure(
        lambda e: called.append(e) or True).start()
    qtbot.wait(50)
    assert h.done and h.cancelled and h.future.cancelled()
    assert ran == [] and called == []
    r.deleteLater()
