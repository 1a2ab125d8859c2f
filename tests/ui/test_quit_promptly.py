"""Quitting does not wait on work blocked outside the app: a request to a platform that does not answer, a
fingerprint capture waiting for a finger, a port held by a long device call. Each case blocks for far longer
than the test waits (an hour, or until the test itself lets go), so the quit returning at all is the proof;
nothing here measures time."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import *  # noqa: F403 - the desk's fixtures (bridge, ctx, runner, station_fx, ...)

from workstation.devices.manager import DeviceManager, DeviceState, ManagerConfig
from workstation.ui.screens.registration.fingerprint import FingerprintDialog
from workstation.ui.tasks import Lane, Op, Runner

pytestmark = pytest.mark.qt
GIVE_UP_S = 30.0  # how long the test waits for the quit before calling it stuck


def _returns(fn) -> bool:
    """Run `fn()` on a thread: does it return within GIVE_UP_S?"""
    done = threading.Event()

    def run() -> None:
        fn()
        done.set()

    threading.Thread(target=run, daemon=True).start()
    return done.wait(GIVE_UP_S)


def test_quit_does_not_wait_for_a_request_that_never_answers(qapp, caplog):
    import logging

    caplog.set_level(logging.WARNING, "workstation.ui.tasks")
    r = Runner()
    never = threading.Event()  # the platform's answer: it never comes while the app quits
    started = threading.Event()

    def hung_request(_token):
        started.set()
        never.wait()  # a socket read that nothing interrupts

    Op(r, hung_request, lane=Lane.NET, runner=r).start()
    assert started.wait(GIVE_UP_S)
    try:
        assert _returns(r.shutdown), "quitting waited for a request that never answers"
        assert "the net lane was still busy at quit" in caplog.text  # said so, and went on
    finally:
        never.set()


def test_cancel_runs_the_abort_hooks_once(qapp):
    from workstation.ui.tasks import CancelToken

    token = CancelToken()
    calls: list[str] = []
    token.on_cancel(lambda: calls.append("a"))
    token.cancel()
    token.cancel()
    token.on_cancel(lambda: calls.append("b"))  # already cancelled: at once
    assert calls == ["a", "b"] and token.cancelled


def test_quit_ends_a_capture_waiting_for_a_finger(qtbot, ctx, runner, bridge):
    dialog = FingerprintDialog(ctx, None, person_label="张三", timeout_per_press=3600)
    steps: list[str] = []
    dialog._relay.step.connect(lambda s: steps.append(s.code))
    dialog.show()
    qtbot.waitUntil(lambda: "place_finger" in steps, timeout=20_000)  # waiting for a finger that never comes
    handle = dialog._handle
    assert handle is not None and not handle.future.done()
    assert _returns(runner.shutdown), "quitting waited for the finger"
    assert handle.future.done()  # the capture itself ended, not only the wait for it


def test_device_shutdown_does_not_wait_for_a_long_call_on_the_port(qapp):
    m = DeviceManager.with_emulators(ManagerConfig(assignments_path=None, probe_timeout=0.5))
    m.start()
    stop = threading.Event()
    entered = threading.Event()
    try:
        assert m.wait_discovered(30)
        assert m.status("fingerprint").state is DeviceState.CONNECTED

        def long_call(scanner):  # holds the port thread, reading, for as long as the test lets it
            entered.set()
            while not stop.is_set():
                scanner.capture_image()

        threading.Thread(target=lambda: _swallow(lambda: m.call("fingerprint", long_call, timeout=None)),
                         daemon=True).start()
        assert entered.wait(30)
        assert _returns(m.shutdown), "shutting the devices down waited for the call holding the port"
    finally:
        stop.set()
        m.shutdown()


def _swallow(fn) -> None:
    try:
        fn()
    except Exception:  # the call fails once its port is closed under it: that is the point
        pass
