"""DeviceManager against real emulators over pty pairs and socket://; no mocks of our own code.

Ports are listed by an injected lister that returns `PortInfo` data objects (emulator URLs with fake
USB VID/PID/serial metadata), exactly what `system_ports()` builds from pyserial on a real desk.
Waits are on state callbacks with generous timeouts; nothing asserts on how long anything took.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import logging
import os
import random
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from workstation.devices.emulation import EmulatedDevice, EmulatorServer
from workstation.devices.errors import DeviceDisconnected, DeviceError
from workstation.devices.manager import (
    Assignment,
    AssignmentStore,
    Backoff,
    DeviceManager,
    DeviceNotConnected,
    DeviceState,
    DeviceStatus,
    ManagerConfig,
    PortIdentity,
    PortInfo,
    load_plugins,
    load_profiles,
    open_device_manager,
)
from workstation.devices.manager.profiles import BUILTIN_PROFILE, SOURCE_PROFILE, ProfileError, parse_profiles
from workstation.devices.sam import framer as sam_fr
from workstation.devices.sam.emulator import SamEmulator, load_card_scenario

ROOT = Path(__file__).resolve().parents[2]
CARD = ROOT / "resources" / "scenarios" / "cards" / "resident_id.json"
CH340 = (0x1A86, 0x7523)  # profile: sam at 115200, 57600, ...; then zfm at 57600, ...
CP210X = (0x10C4, 0xEA60)
FTDI = (0x0403, 0x6001)
SAM_STATUS = sam_fr.build_command(*sam_fr.CMD_STATUS)
WAIT = 30.0  # generous: a loaded CI machine must not fail these

HAVE_ZFM = importlib.util.find_spec("workstation.devices.zfm.emulator") is not None
HAVE_MRZ = importlib.util.find_spec("workstation.devices.mrz.emulator") is not None
needs_zfm = pytest.mark.skipif(not HAVE_ZFM, reason="fingerprint emulator (devices.zfm.emulator) not installed")
needs_mrz = pytest.mark.skipif(not HAVE_MRZ, reason="MRZ emulator (devices.mrz.emulator) not installed")
LINKS = ["pty", "tcp"] if hasattr(os, "openpty") else ["tcp"]


# ---- helpers --------------------------------------------------------------------------------------
class Recorder:
    """The on_state callback: every status in order, and a way to wait for one."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, DeviceStatus, str]] = []
        self._cond = threading.Condition()

    def __call__(self, role: str, status: DeviceStatus) -> None:
        with self._cond:
            self.seen.append((role, status, threading.current_thread().name))
            self._cond.notify_all()

    def wait(self, role: str, *states: DeviceState, after: int = 0, timeout: float = WAIT) -> DeviceStatus:
        """First status of `role` in `states` recorded at index >= `after`."""
        def found() -> DeviceStatus | None:
            return next((s for r, s, _ in self.seen[after:] if r == role and s.state in states), None)

        with self._cond:
            self._cond.wait_for(lambda: found() is not None, timeout)
            hit = found()
        assert hit is not None, f"{role} never reached {states}; saw {[(r, s.state.value) for r, s, _ in self.seen]}"
        return hit

    def mark(self) -> int:
        with self._cond:
            return len(self.seen)


class SilentPort:
    """A TCP port that accepts connections and never answers (a dead adapter); counts connections."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.05)
        self.url = f"socket://127.0.0.1:{self.sock.getsockname()[1]}"
        self.accepted = 0
        self._conns: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="silent-port", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.accepted += 1
            self._conns.append(conn)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for c in self._conns:
            c.close()
        self.sock.close()


def refused_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens: connecting is refused
    return f"socket://127.0.0.1:{port}"


class Desk:
    """Emulators and dead ports, listed with fake USB metadata; stopped at the end of the test."""

    def __init__(self) -> None:
        self.ports: list[PortInfo] = []
        self.servers: list[EmulatorServer] = []
        self.silent: list[SilentPort] = []

    def lister(self) -> list[PortInfo]:
        return list(self.ports)

    def add(self, device: EmulatedDevice, link: str, usb: tuple[int, int] | None, serial: str | None = None,
            baud: int = 115200, enforce_baud: bool = False) -> tuple[EmulatorServer, PortInfo]:
        server = EmulatorServer(device, baudrate=baud, enforce_baud=enforce_baud)
        url = server.start_pty() if link == "pty" else server.start_tcp()
        self.servers.append(server)
        port = self._list(url, usb, serial)
        return server, port

    def add_silent(self, usb: tuple[int, int] | None, serial: str | None = None) -> tuple[SilentPort, PortInfo]:
        s = SilentPort()
        self.silent.append(s)
        return s, self._list(s.url, usb, serial)

    def _list(self, url: str, usb: tuple[int, int] | None, serial: str | None) -> PortInfo:
        vid, pid = usb if usb else (None, None)
        port = PortInfo(url, vid=vid, pid=pid, serial_number=serial, description="test port")
        self.ports.append(port)
        return port

    def close(self) -> None:
        for s in self.servers:
            s.stop()
        for p in self.silent:
            p.close()


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    ours = ("port-", "device-")
    left = [t.name for t in threading.enumerate() if t not in before and t.name.startswith(ours) and t.is_alive()]
    assert not left, f"threads left running after shutdown: {left}"


@pytest.fixture
def desk() -> Iterator[Desk]:
    d = Desk()
    yield d
    d.close()


def fast_config(tmp_path: Path, **overrides: Any) -> ManagerConfig:
    settings: dict[str, Any] = {
        "assignments_path": tmp_path / "device-assignments.json",
        "probe_timeout": 0.5,  # a loaded CI machine still answers within this
        "health_interval": 60.0,
        "list_interval": 0.1,
        "rescan_interval": 0.0,
        "read_timeout": 0.02,
        "backoff": Backoff(base=0.05, factor=2.0, cap=0.4, jitter=0.25),
    }
    settings.update(overrides)
    return ManagerConfig(**settings)


def started(config: ManagerConfig, lister: Callable[[], list[PortInfo]], rec: Recorder) -> DeviceManager:
    m = DeviceManager(config, lister=lister, on_state=rec)
    m.start()
    assert m.wait_discovered(WAIT)
    return m


# ---- pure parts ---------------------------------------------------------------------------------------
def test_backoff_grows_is_capped_and_jitter_stays_in_bounds() -> None:
    b = Backoff(base=0.5, factor=2.0, cap=30.0, jitter=0.25)
    nominal = [b.nominal(n) for n in range(12)]
    assert nominal[:6] == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0]
    assert all(x < y for x, y in itertools.pairwise(nominal[:7]))
    assert nominal[6:] == [30.0] * 6
    assert b.nominal(100_000) == 30.0  # no OverflowError for a device that stays away for a week
    rng = random.Random(7)
    for n in range(40):
        d = b.delay(n, rng.random)
        assert b.nominal(n) * 0.75 <= d <= b.nominal(n) <= 30.0
    assert b.delay(3, lambda: 0.0) == 4.0
    assert b.delay(3, lambda: 0.999999) == pytest.approx(3.0, rel=1e-5)
    spread = {round(b.delay(4, rng.random), 6) for _ in range(50)}
    assert len(spread) > 10  # actually jittered, so desks do not retry in lock-step


@pytest.mark.parametrize("bad", [{"base": 0}, {"factor": 0.5}, {"cap": 0.1}, {"jitter": 1.0}])
def test_backoff_refuses_nonsense(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Backoff(**bad)


def test_builtin_profile_is_the_shipped_file_and_settings_path_wins(tmp_path: Path) -> None:
    shipped = load_profiles()
    assert shipped.source == str(SOURCE_PROFILE)
    assert parse_profiles(BUILTIN_PROFILE, "built-in").adapters == shipped.adapters
    custom = tmp_path / "profiles.json"
    custom.write_text(json.dumps({"adapters": [{"vid": "abcd", "pid": "0001", "chip": "X",
                                                "protocols": [["zfm", [9600]], ["sam", [38400]]]}]}))
    mine = load_profiles(custom)
    assert mine.source == str(custom) and mine.adapters[0].chip == "X"
    with pytest.raises(ProfileError):
        load_profiles(tmp_path / "missing.json")
    custom.write_text("{not json")
    with pytest.raises(ProfileError) as err:
        load_profiles(custom)
    assert err.value.message_zh  # a user-facing error, in both languages


def test_probe_plan_follows_the_profile_and_installed_plugins() -> None:
    profiles = load_profiles()
    defaults = {"sam": 115200, "zfm": 57600, "mrz": 9600}
    ch340 = PortInfo("/dev/ttyUSB0", vid=CH340[0], pid=CH340[1])
    assert profiles.plan(ch340, defaults) == [
        ("sam", 115200), ("sam", 57600), ("sam", 38400), ("sam", 19200), ("sam", 9600),
        ("zfm", 57600), ("zfm", 115200), ("zfm", 9600), ("zfm", 19200), ("zfm", 38400)]
    assert profiles.plan(ch340, {"zfm": 57600})[0] == ("zfm", 57600)  # SAM support missing: skipped
    unknown = PortInfo("/dev/ttyUSB1", vid=0x1234, pid=0x5678)
    assert profiles.plan(unknown, defaults) == [("sam", 115200), ("zfm", 57600), ("mrz", 9600)]


def test_port_identity_prefers_serial_then_location_then_path() -> None:
    a = PortInfo("/dev/ttyUSB0", vid=CH340[0], pid=CH340[1], serial_number="A1", location="1-1.2")
    remembered = a.identity()
    renumbered = PortInfo("/dev/ttyUSB3", vid=CH340[0], pid=CH340[1], serial_number="A1", location="1-1.4")
    stranger = PortInfo("/dev/ttyUSB0", vid=CH340[0], pid=CH340[1], serial_number="B2", location="1-1.2")
    assert remembered.find([stranger, renumbered]) == renumbered  # same path is not the same adapter
    assert remembered.find([stranger]) is None
    # clone adapters sharing one serial number: the physical socket breaks the tie
    clone_here = PortInfo("/dev/ttyUSB5", vid=CH340[0], pid=CH340[1], serial_number="A1", location="1-1.2")
    clone_there = PortInfo("/dev/ttyUSB6", vid=CH340[0], pid=CH340[1], serial_number="A1", location="2-1")
    assert remembered.find([clone_there, clone_here]) == clone_here
    no_serial = PortInfo("/dev/ttyUSB0", vid=CH340[0], pid=CH340[1], location="1-1.2").identity()
    moved_path = PortInfo("/dev/ttyUSB1", vid=CH340[0], pid=CH340[1], location="1-1.2")
    assert no_serial.find([moved_path]) == moved_path
    builtin = PortInfo("/dev/ttyS0").identity()
    assert builtin.find([PortInfo("/dev/ttyS1"), PortInfo("/dev/ttyS0")]) == PortInfo("/dev/ttyS0")
    assert PortIdentity.from_json(remembered.to_json()) == remembered


def test_assignment_store_round_trip_and_unreadable_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "cfg" / "device-assignments.json"
    store = AssignmentStore(path)
    a = Assignment("mrz", PortInfo("/dev/ttyUSB2", vid=CP210X[0], pid=CP210X[1], serial_number="M9").identity(),
                   "mrz", 9600, explicit=True)
    store.set(a)
    assert AssignmentStore(path).get("mrz") == a
    assert json.loads(path.read_text())["assignments"]["mrz"]["port"]["serial_number"] == "M9"
    store.remove("mrz")
    assert AssignmentStore(path).all() == {}
    path.write_text("{broken")
    with caplog.at_level(logging.WARNING, logger="workstation.devices.manager.assignments"):
        assert AssignmentStore(path).all() == {}  # logged and ignored: devices are searched for instead
    assert "ignoring unreadable device assignments" in caplog.text
    assert AssignmentStore(None).all() == {}


def test_missing_plugin_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    from workstation.devices.manager import PluginSpec

    caplog.set_level("INFO")
    plugins = load_plugins([PluginSpec("nope", "gadget", "workstation.devices.no_such_protocol.driver", None, None),
                            PluginSpec("sam", "idcard", "workstation.devices.sam.driver", "SamReader", None)])
    assert list(plugins) == ["sam"]
    assert "no_such_protocol" in caplog.text


# ---- discovery and probing --------------------------------------------------------------------------
@pytest.mark.parametrize("link", LINKS)
def test_discovery_assigns_each_device_to_its_protocol_and_skips_dead_ports(
    link: str, desk: Desk, tmp_path: Path
) -> None:
    sam = SamEmulator()
    _, sam_port = desk.add(sam, link, CH340, "SAM-1")
    if HAVE_ZFM:
        from workstation.devices.zfm.emulator import ZfmEmulator

        zfm_server, zfm_port = desk.add(ZfmEmulator(), link, CH340, "ZFM-1", baud=57600)
    silent_known, silent_port = desk.add_silent(CP210X, "DEAD-1")  # accepts, never answers
    desk._list(refused_url(), FTDI, "GONE-1")  # refuses connections
    builtin, _ = desk.add_silent(None)  # like /dev/ttyS0: not a USB adapter, not configured
    rec = Recorder()
    m = started(fast_config(tmp_path), desk.lister, rec)
    try:
        idcard = m.status("idcard")
        assert (idcard.state, idcard.port, idcard.protocol, idcard.baud) == (
            DeviceState.CONNECTED, sam_port.device, "sam", 115200)  # first baud in the CH340 profile
        assert set(sam.commands_seen) == {sam_fr.CMD_STATUS}  # probing only asked for status
        if HAVE_ZFM:
            fp = m.status("fingerprint")
            # the SAM probe was tried first on this CH340 and rejected; zfm at its first profile baud
            assert (fp.state, fp.port, fp.protocol, fp.baud) == (DeviceState.CONNECTED, zfm_port.device, "zfm", 57600)
            assert zfm_server.bytes_received > 0
        if "mrz" in m.roles:
            mrz = m.status("mrz")
            assert mrz.state is DeviceState.NOT_FOUND and "Settings" in mrz.message and "设置" in mrz.message_zh
        assert silent_known.accepted >= 1  # a known adapter was probed ...
        assert silent_port.device not in {s.port for s in m.statuses().values() if s.state is DeviceState.CONNECTED}
        assert builtin.accepted == 0  # ... a built-in port that is not configured was never opened
        card = m.call("idcard", lambda reader: reader.sam_id())
        assert card == "05.01-20101226-0052101829-3031401011"
        assert {t for _, _, t in rec.seen} == {"device-events_0"}  # callbacks: one event thread, not ours
        saved = json.loads((tmp_path / "device-assignments.json").read_text())["assignments"]
        assert saved["idcard"]["port"]["serial_number"] == "SAM-1" and saved["idcard"]["explicit"] is False
    finally:
        m.shutdown()


def test_configured_builtin_port_is_probed(desk: Desk, tmp_path: Path) -> None:
    sam = SamEmulator()
    _, port = desk.add(sam, "tcp", None)  # no USB metadata, like /dev/ttyS0
    rec = Recorder()
    m = started(fast_config(tmp_path), desk.lister, rec)
    try:
        assert m.status("idcard").state is DeviceState.NOT_FOUND
        assert sam.commands_seen == []
    finally:
        m.shutdown()
    m = started(fast_config(tmp_path, extra_ports=(port.device,)), desk.lister, rec)
    try:
        assert m.status("idcard").state is DeviceState.CONNECTED
    finally:
        m.shutdown()


@pytest.mark.skipif("pty" not in LINKS, reason="needs pty pairs to see the host's baud")
def test_baud_found_in_profile_order_then_remembered_on_restart(desk: Desk, tmp_path: Path) -> None:
    sam = SamEmulator()
    # like a real UART, the reader hears only its own speed
    server, _ = desk.add(sam, "pty", CH340, "SAM-57600", baud=57600, enforce_baud=True)
    rec = Recorder()
    m = started(fast_config(tmp_path), desk.lister, rec)
    try:
        st = m.status("idcard")
        assert (st.state, st.baud) == (DeviceState.CONNECTED, 57600)
        # the CH340 profile says 115200 first: that probe went unanswered, the 57600 one answered
        assert server.bytes_received == 2 * len(SAM_STATUS)
    finally:
        m.shutdown()
    saved = AssignmentStore(tmp_path / "device-assignments.json").get("idcard")
    assert saved is not None and (saved.baud, saved.port.serial_number) == (57600, "SAM-57600")

    before = server.bytes_received
    rec2 = Recorder()
    m = started(fast_config(tmp_path), desk.lister, rec2)
    try:
        st = m.status("idcard")
        assert (st.state, st.baud) == (DeviceState.CONNECTED, 57600)
        assert server.bytes_received - before == len(SAM_STATUS)  # one probe: no wrong-baud attempt needed
        assert m.call("idcard", lambda r: r.sam_id()).startswith("05.01-")
    finally:
        m.shutdown()


# ---- losing and finding devices again ----------------------------------------------------------------
@pytest.mark.parametrize("link", LINKS)
def test_unplug_reports_disconnected_and_replug_reconnects(link: str, desk: Desk, tmp_path: Path) -> None:
    sam = SamEmulator()
    sam.place_card(load_card_scenario(CARD))
    server, port = desk.add(sam, link, CH340, "SAM-1")
    rec = Recorder()
    m = started(fast_config(tmp_path, health_interval=0.2), desk.lister, rec)
    try:
        assert m.call("idcard", lambda r: r.read_card()).document.number == "11010519491231002X"
        mark = rec.mark()
        server.unplug()
        lost = rec.wait("idcard", DeviceState.DISCONNECTED, after=mark)
        assert "disconnected" in lost.message and "断开" in lost.message_zh
        rec.wait("idcard", DeviceState.RECONNECTING, after=mark)
        with pytest.raises(DeviceError) as err:
            m.call("idcard", lambda r: r.read_card())
        assert isinstance(err.value, DeviceNotConnected)
        assert "disconnected" in err.value.message and "断开" in err.value.message_zh
        mark = rec.mark()
        server.replug()
        back = rec.wait("idcard", DeviceState.CONNECTED, after=mark)
        assert back.port == port.device
        sam.remove_card()
        sam.place_card(load_card_scenario(CARD))
        assert m.call("idcard", lambda r: r.read_card()).document.number == "11010519491231002X"
    finally:
        m.shutdown()


def test_call_that_meets_a_pulled_cable_marks_the_device_lost(desk: Desk, tmp_path: Path) -> None:
    sam = SamEmulator()
    server, _ = desk.add(sam, "tcp", CH340, "SAM-1")
    rec = Recorder()
    m = started(fast_config(tmp_path, health_interval=0.0), desk.lister, rec)  # no health probes: the call finds it
    try:
        mark = rec.mark()
        server.unplug()
        with pytest.raises(DeviceDisconnected):
            m.call("idcard", lambda r: r.sam_id())
        rec.wait("idcard", DeviceState.DISCONNECTED, after=mark)
        rec.wait("idcard", DeviceState.RECONNECTING, after=mark)
        server.replug()
        rec.wait("idcard", DeviceState.CONNECTED, after=mark)
    finally:
        m.shutdown()


def test_port_reappearing_in_the_listing_is_retried_at_once(desk: Desk, tmp_path: Path) -> None:
    sam = SamEmulator()
    # an adapter without a profile on a desk that does not probe unknown USB adapters: assigned, not
    # scanned, so only the assignment can bring it back
    _, port = desk.add(sam, "tcp", (0x1234, 0x5678), "UNKNOWN-1")
    rec = Recorder()
    slow = Backoff(base=600.0, cap=600.0, jitter=0.0)  # the schedule alone would not retry within the test
    m = started(fast_config(tmp_path, backoff=slow, probe_unknown_usb=False), desk.lister, rec)
    try:
        mark = rec.mark()
        m.assign("idcard", port.device)
        rec.wait("idcard", DeviceState.CONNECTED, after=mark)
        mark = rec.mark()
        desk.ports.remove(port)  # the USB adapter was pulled: it leaves the port list
        rec.wait("idcard", DeviceState.RECONNECTING, after=mark)
        mark = rec.mark()
        desk.ports.append(port)
        rec.wait("idcard", DeviceState.CONNECTED, after=mark)
    finally:
        m.shutdown()


def test_report_failure_checks_the_device_and_reconnects(desk: Desk, tmp_path: Path) -> None:
    sam = SamEmulator()
    server, _ = desk.add(sam, "pty" if "pty" in LINKS else "tcp", CH340, "SAM-1")
    rec = Recorder()
    m = started(fast_config(tmp_path, health_interval=0.0), desk.lister, rec)
    try:
        m.report_failure("idcard", None)  # healthy: the check probe answers, nothing changes
        assert m.call("idcard", lambda r: r.sam_id()).startswith("05.01-")
        mark = rec.mark()
        server.unplug()
        m.report_failure("idcard", DeviceError("no answer"))
        rec.wait("idcard", DeviceState.DISCONNECTED, after=mark)
        server.replug()
        rec.wait("idcard", DeviceState.CONNECTED, after=mark)
    finally:
        m.shutdown()


def test_poll_runs_on_the_port_thread_and_survives_a_reconnect(desk: Desk, tmp_path: Path) -> None:
    sam = SamEmulator()
    server, _ = desk.add(sam, "tcp", CH340, "SAM-1")
    rec = Recorder()
    m = started(fast_config(tmp_path, health_interval=0.0), desk.lister, rec)
    threads: set[str] = set()
    readers: list[object] = []
    ticked = threading.Event()
    errors: list[DeviceError] = []
    lost_seen = threading.Event()

    def on_error(exc: DeviceError) -> None:
        errors.append(exc)
        if isinstance(exc, DeviceDisconnected):
            lost_seen.set()

    def tick(reader: Any) -> None:
        threads.add(threading.current_thread().name)
        readers.append(reader)
        reader.find_card()
        ticked.set()

    try:
        handle = m.poll("idcard", tick, interval=0.05, on_error=on_error)
        assert ticked.wait(WAIT)
        mark = rec.mark()
        server.unplug()
        rec.wait("idcard", DeviceState.RECONNECTING, after=mark)
        assert lost_seen.wait(WAIT)  # the poll's own call met the pulled cable
        server.replug()
        rec.wait("idcard", DeviceState.CONNECTED, after=mark)
        ticked.clear()
        assert ticked.wait(WAIT)
        handle.stop()
        assert len({id(r) for r in readers}) == 2  # a new driver object after the reconnect
        assert all(t.startswith("port-") for t in threads)
    finally:
        m.shutdown()


# ---- explicit assignment, fingerprint scanner, demo --------------------------------------------------
def test_explicit_assignment_connects_and_is_used_on_restart(desk: Desk, tmp_path: Path) -> None:
    sam = SamEmulator()
    _, port = desk.add(sam, "tcp", None)  # not a candidate for scanning
    rec = Recorder()
    m = started(fast_config(tmp_path), desk.lister, rec)
    try:
        assert m.status("idcard").state is DeviceState.NOT_FOUND
        mark = rec.mark()
        m.assign("idcard", port.device)
        rec.wait("idcard", DeviceState.CONNECTED, after=mark)
        assert m.assignments()["idcard"].explicit
    finally:
        m.shutdown()
    m = started(fast_config(tmp_path), desk.lister, rec)
    try:
        assert m.status("idcard").state is DeviceState.CONNECTED
    finally:
        m.shutdown()


@needs_mrz
def test_mrz_reader_is_assigned_explicitly(desk: Desk, tmp_path: Path) -> None:
    from workstation.devices.mrz.emulator import MrzEmulator

    mrz = MrzEmulator()
    _, port = desk.add(mrz, "tcp", CP210X, "MRZ-1", baud=9600)
    rec = Recorder()
    m = started(fast_config(tmp_path), desk.lister, rec)
    try:
        assert m.status("mrz").state is DeviceState.NOT_FOUND  # silent until a passport is swiped
        mark = rec.mark()
        m.assign("mrz", port)
        st = rec.wait("mrz", DeviceState.CONNECTED, after=mark)
        assert (st.port, st.protocol, st.baud) == (port.device, "mrz", 9600)
        assert type(m.call("mrz", lambda reader: reader)).__name__ == "MrzReader"
    finally:
        m.shutdown()


@needs_zfm
def test_fingerprint_scanner_found_after_a_rejected_probe_and_usable(desk: Desk, tmp_path: Path) -> None:
    from workstation.devices.zfm.emulator import ZfmEmulator

    profile = tmp_path / "profiles.json"
    profile.write_text(json.dumps({"adapters": [
        {"vid": "1a86", "pid": "7523", "chip": "CH340", "protocols": [["zfm", [57600]], ["sam", [115200]]]}]}))
    sam = SamEmulator()
    sam_server, sam_port = desk.add(sam, "tcp", CH340, "SAM-1")
    zfm = ZfmEmulator()
    zfm_server, zfm_port = desk.add(zfm, "tcp", CH340, "ZFM-1", baud=57600)
    rec = Recorder()
    m = started(fast_config(tmp_path, profile_path=profile), desk.lister, rec)
    try:
        assert m.status("idcard").port == sam_port.device and m.status("idcard").protocol == "sam"
        assert m.status("fingerprint").port == zfm_port.device and m.status("fingerprint").protocol == "zfm"
        assert sam_server.bytes_received > len(SAM_STATUS)  # the zfm probe reached the SAM reader first ...
        assert set(sam.commands_seen) <= {sam_fr.CMD_STATUS}  # ... and was not taken for a SAM command
        params = m.call("fingerprint", lambda scanner: scanner.read_system_parameters())
        assert params.capacity == zfm.capacity
        mark = rec.mark()
        zfm_server.unplug()
        with pytest.raises(DeviceError):
            m.call("fingerprint", lambda scanner: scanner.read_system_parameters())
        rec.wait("fingerprint", DeviceState.RECONNECTING, after=mark)
        zfm_server.replug()
        rec.wait("fingerprint", DeviceState.CONNECTED, after=mark)
        assert m.call("fingerprint", lambda s: s.read_system_parameters()).capacity == zfm.capacity
    finally:
        m.shutdown()


def test_demo_manager_runs_every_installed_emulator() -> None:
    rec = Recorder()
    m = DeviceManager.with_emulators(ManagerConfig(assignments_path=None, probe_timeout=0.3), on_state=rec)
    m.start()
    try:
        assert m.wait_discovered(WAIT)
        assert m.demo is not None
        for role in m.demo.servers:
            st = m.status(role)
            assert st.state is DeviceState.CONNECTED and st.emulated and "demo" in st.message
        assert m.assignments() and all(a.explicit for a in m.assignments().values())
        reader = m.demo.device("idcard")
        assert isinstance(reader, SamEmulator)
        reader.place_card(load_card_scenario(CARD))
        assert m.call("idcard", lambda r: r.read_card()).document.number == "11010519491231002X"
    finally:
        m.shutdown()
    assert not [t for t in threading.enumerate() if t.name.startswith("emu-") and t.is_alive()]


@needs_zfm
def test_demo_cable_pulled_and_plugged_back_is_seen_at_once() -> None:
    """The demo desk's cable: pulled, the scanner's port leaves the listing and it is lost; plugged back,
    it is connected again at once — neither waits for the listing interval nor for the reconnect
    backoff (both an hour here, so only the cable's own notice can bring it back within the test)."""
    rec = Recorder()
    hour = Backoff(base=3600.0, cap=3600.0, jitter=0.0)
    config = ManagerConfig(assignments_path=None, probe_timeout=0.5, list_interval=3600.0, health_interval=0.0,
                           backoff=hour)
    m = DeviceManager.with_emulators(config, on_state=rec)
    m.start()
    try:
        assert m.wait_discovered(WAIT) and m.demo is not None
        rec.wait("fingerprint", DeviceState.CONNECTED)
        mark = rec.mark()
        m.demo.unplug("fingerprint")
        rec.wait("fingerprint", DeviceState.DISCONNECTED, DeviceState.RECONNECTING, after=mark)
        with pytest.raises(DeviceNotConnected):
            m.call("fingerprint", lambda r: r.read_system_parameters())
        mark = rec.mark()
        m.demo.replug("fingerprint")
        rec.wait("fingerprint", DeviceState.CONNECTED, after=mark)
        assert m.status("idcard").state is DeviceState.CONNECTED  # the other devices were left alone
    finally:
        m.shutdown()


def test_calls_for_missing_or_stopped_devices_are_clear_errors(desk: Desk, tmp_path: Path) -> None:
    rec = Recorder()
    m = started(fast_config(tmp_path), desk.lister, rec)
    with pytest.raises(DeviceNotConnected) as err:
        m.call("idcard", lambda r: r)
    assert "not found" in err.value.message and err.value.message_zh
    with pytest.raises(DeviceNotConnected) as err:
        m.call("teleporter", lambda r: r)
    assert "not installed" in err.value.message
    m.shutdown()
    with pytest.raises(DeviceError):
        m.call("idcard", lambda r: r)


def test_a_call_made_on_the_port_thread_runs_inline(desk: Desk, tmp_path: Path) -> None:
    desk.add(SamEmulator(), "tcp", CH340, "SAM-1")
    rec = Recorder()
    m = started(fast_config(tmp_path), desk.lister, rec)
    try:
        # e.g. a poll's on_error asking the reader something: waiting on our own thread would deadlock
        outer = m.submit("idcard", lambda r: m.call("idcard", lambda again: again.sam_id()))
        assert outer.result(timeout=WAIT).startswith("05.01-")
    finally:
        m.shutdown()


def test_emulators_only_in_demo_mode_and_only_without_hardware(desk: Desk, tmp_path: Path) -> None:
    cfg = fast_config(tmp_path)
    for demo, listed, emulated in [(True, False, True), (False, False, False), (True, True, False)]:
        if listed and not desk.ports:
            desk.add(SamEmulator(), "tcp", CH340, "SAM-1")
        m = open_device_manager(cfg, demo=demo, lister=desk.lister if listed else list)
        try:
            assert m.wait_discovered(WAIT)
            assert (m.demo is not None) is emulated
            assert m.status("idcard").state is (DeviceState.CONNECTED if emulated or listed else DeviceState.NOT_FOUND)
        finally:
            m.shutdown()


# ---- ports the system does not list, wrong protocols, messages -------------------------------------
@pytest.mark.skipif("pty" not in LINKS, reason="needs pty pairs")
def test_named_ports_the_system_does_not_list_are_used(desk: Desk, tmp_path: Path) -> None:
    """An extra port (a pty, like a built-in UART) and an explicit assignment by a udev-style link are
    connected although the lister never shows them."""
    hidden = EmulatorServer(SamEmulator())
    desk.servers.append(hidden)
    path = hidden.start_pty()
    rec = Recorder()
    m = started(fast_config(tmp_path, extra_ports=(path,)), desk.lister, rec)  # desk.lister lists nothing
    try:
        st = m.status("idcard")
        assert (st.state, st.port, st.protocol) == (DeviceState.CONNECTED, path, "sam")
    finally:
        m.shutdown()

    link = tmp_path / "ws-serial-idcard"  # what the udev rules make: a stable name for the adapter
    link.symlink_to(path)
    cfg = fast_config(tmp_path, assignments_path=tmp_path / "by-link.json")
    rec = Recorder()
    m = started(cfg, desk.lister, rec)
    try:
        mark = rec.mark()
        m.assign("idcard", str(link))
        assert rec.wait("idcard", DeviceState.CONNECTED, after=mark).protocol == "sam"
    finally:
        m.shutdown()
    # remembered by the link and found through it again on the next start
    assert AssignmentStore(cfg.assignments_path).get("idcard").port.device == str(link)  # type: ignore[union-attr]
    rec = Recorder()
    m = started(cfg, desk.lister, rec)
    try:
        assert m.status("idcard").state is DeviceState.CONNECTED
    finally:
        m.shutdown()


def test_assigning_another_roles_protocol_is_refused_and_nothing_remembered(desk: Desk, tmp_path: Path) -> None:
    from workstation.devices.manager import WrongProtocol

    _, port = desk.add(SamEmulator(), "tcp", CH340, "SAM-1")
    cfg = fast_config(tmp_path)
    rec = Recorder()
    m = started(cfg, desk.lister, rec)
    try:
        before = AssignmentStore(cfg.assignments_path).all()
        for protocol in ("zfm", "no-such-protocol"):
            with pytest.raises(WrongProtocol) as err:
                m.assign("idcard", port, protocol=protocol)
            assert protocol in err.value.message and "sam" in err.value.message
            assert "身份证阅读器" in err.value.message_zh
        assert AssignmentStore(cfg.assignments_path).all() == before
        assert m.status("idcard").protocol == "sam"
    finally:
        m.shutdown()


def test_timeout_messages_name_the_device_in_each_language() -> None:
    from workstation.devices.errors import DeviceTimeout
    from workstation.devices.manager.status import ROLE_NAMES, role_name

    for role, label in ROLE_NAMES.items():
        en, zh = role_name(role)
        exc = DeviceTimeout(label)
        assert en in exc.message and zh in exc.message_zh, role
        assert not any(c.isascii() and c.isalpha() for c in exc.message_zh), exc.message_zh


@pytest.mark.skipif("pty" not in LINKS, reason="needs pty pairs")
@pytest.mark.parametrize("health_interval", [0.0, 0.2])  # the call finds it / the idle health probe finds it
def test_a_vanished_usb_adapter_is_disconnected_not_a_bug(
    health_interval: float, desk: Desk, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 15 item 7: once a pty's device goes away, pyserial raises termios.error (not an OSError)
    from the buffer reset before every command; the manager reports a disconnected device, no error."""
    sam = SamEmulator()
    server, _ = desk.add(sam, "pty", CH340, "SAM-1")
    rec = Recorder()
    m = started(fast_config(tmp_path, health_interval=health_interval), desk.lister, rec)
    try:
        assert m.call("idcard", lambda r: r.sam_id()).startswith("05.01-")
        mark = rec.mark()
        caplog.clear()
        server.pull_cable()
        if health_interval == 0.0:
            with pytest.raises(DeviceDisconnected):
                m.call("idcard", lambda r: r.sam_id())
        rec.wait("idcard", DeviceState.DISCONNECTED, after=mark)
        rec.wait("idcard", DeviceState.RECONNECTING, after=mark)
        assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL") or r.exc_info]
    finally:
        m.shutdown()


def test_a_pulled_passport_reader_is_lost_though_it_never_answers(desk: Desk, tmp_path: Path) -> None:
    """The MRZ reader sends only when a passport is swiped (no handshake to probe): the idle liveness check
    finds its hung-up port (a pulled USB adapter), as the ID-card reader's probe finds a silent one."""
    from workstation.devices.mrz.emulator import MrzEmulator

    server, port = desk.add(MrzEmulator(), "pty", CP210X, "MRZ-1", baud=9600)
    rec = Recorder()
    m = started(fast_config(tmp_path, health_interval=0.2), desk.lister, rec)
    try:
        mark = rec.mark()
        m.assign("mrz", port)
        rec.wait("mrz", DeviceState.CONNECTED, after=mark)
        mark = rec.mark()
        server.pull_cable()
        lost = rec.wait("mrz", DeviceState.DISCONNECTED, after=mark)
        assert "disconnected" in lost.message and "断开" in lost.message_zh
        rec.wait("mrz", DeviceState.RECONNECTING, after=mark)
    finally:
        m.shutdown()


def test_a_lost_device_is_named_by_what_it_is_not_by_its_port(desk: Desk, tmp_path: Path) -> None:
    """The officer reads "the ID card reader was disconnected", not a device path (the new officer's trial
    saw "the device on /tmp/ws-emu-…/fingerprint was disconnected"); the port stays in the hint for logs."""
    from workstation.i18n import render

    sam = SamEmulator()
    server, _ = desk.add(sam, "pty", CH340, "SAM-1")
    rec = Recorder()
    m = started(fast_config(tmp_path, health_interval=0.0), desk.lister, rec)
    try:
        port = rec.wait("idcard", DeviceState.CONNECTED).port
        server.pull_cable()
        with pytest.raises(DeviceDisconnected) as lost:
            m.call("idcard", lambda r: r.sam_id())
        en, zh = render(lost.value.message, "en"), render(lost.value.message, "zh_CN")
        assert "ID card reader" in en and port not in en, en
        assert "身份证阅读器" in zh and port not in zh and "reader" not in zh, zh
        assert lost.value.hint == port
    finally:
        m.shutdown()
