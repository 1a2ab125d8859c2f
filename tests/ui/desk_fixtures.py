"""Fixtures of the registration desk's and the residents page's tests: a real encrypted station, the
desk facade bound to an operator, the background runner, and the emulated devices behind the real
device manager over pty serial links (the same bytes a real reader sends)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from helpers import make_station
from workstation.devices.manager import DeviceManager, DeviceState
from workstation.devices.sam.emulator import card_from_spec
from workstation.domain.enums import Role
from workstation.ui.bridges.devices import DeviceBridge
from workstation.ui.context import Station, StationSettings
from workstation.ui.tasks import Runner

__all__ = ["bridge", "close_windows", "ctx", "runner", "station_fx"]  # the fixtures (tests star-import them)

SCENARIOS = Path(__file__).resolve().parents[2] / "resources" / "scenarios"


def card_spec(name: str) -> dict:
    return json.loads((SCENARIOS / "cards" / f"{name}.json").read_text(encoding="utf-8"))


def card(name: str, **changes):
    spec = card_spec(name)
    spec.update(changes)
    return card_from_spec(spec)


def mrz_lines(name: str) -> list[str]:
    return json.loads((SCENARIOS / "mrz" / f"{name}.json").read_text(encoding="utf-8"))["lines"]


def wait_connected(bridge: DeviceBridge, roles, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    manager = bridge.manager
    while time.monotonic() < end:
        if all(manager.status(r).state is DeviceState.CONNECTED for r in roles):
            return
        time.sleep(0.05)
    raise AssertionError(f"devices not connected: {manager.statuses()}")


@pytest.fixture(autouse=True)
def close_windows(qapp):
    """Close the windows a test opened (forms and records delete themselves when closed)."""
    yield
    import shiboken6
    from PySide6.QtWidgets import QApplication, QDialog

    for w in QApplication.topLevelWidgets():
        if shiboken6.isValid(w) and isinstance(w, QDialog) and w.isVisible():
            w.setProperty("_test_closing", True)
            w.done(0)
    QApplication.processEvents()


@pytest.fixture
def station_fx(tmp_path):
    st = make_station(tmp_path / "station")
    yield st
    st.db.close()


@pytest.fixture
def runner(qapp):
    r = Runner()
    yield r
    r.shutdown()


@pytest.fixture
def bridge(runner):
    manager = DeviceManager.with_emulators(link="pty")
    b = DeviceBridge(runner)
    b.attach(manager)
    manager.start()
    wait_connected(b, ("idcard", "fingerprint", "mrz"))
    yield b
    b.shutdown()


def make_ctx(station_fx, runner, bridge, role: Role = Role.OFFICER, **settings):
    values = off_gui(lambda: StationSettings.load(station_fx.db))
    for k, v in settings.items():
        setattr(values, k, v) if hasattr(values, k) else values.values.__setitem__(k, v)
    station = Station(
        db=station_fx.db, data_dir=station_fx.data_dir, is_demo=False, runner=runner, devices=bridge,
        settings=values, languages=None, station_name="测试警务室", station_code="440305001",
    )
    actor = off_gui(lambda: station_fx.actor(role))
    return station.context_for(actor)


@pytest.fixture
def ctx(station_fx, runner, bridge):
    return make_ctx(station_fx, runner, bridge)


def drain(qtbot, runner, timeout_ms: int = 5000) -> None:
    """Process events until the runner has no background work left."""
    qtbot.waitUntil(lambda: runner.active == 0, timeout=timeout_ms)
    qtbot.wait(20)


def off_gui(fn):
    """Run a blocking core call (`fn()`) on a worker thread and return its result: the desk's core
    refuses blocking calls on the GUI thread (`workstation.threads`), and tests set records up too."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1, thread_name_prefix="test-setup") as pool:
        return pool.submit(fn).result()
