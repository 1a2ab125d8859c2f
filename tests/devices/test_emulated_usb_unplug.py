"""The demo desk's "unplug" is a USB unplug (issue 10): the emulated device's pty hangs up and its port
leaves the listing, so the device manager loses it (the passport reader, which never answers anything,
included); "plug in" makes a new pty behind the same stable link, and the remembered assignment finds it
again. Real ptys, the real manager and drivers; waits on state callbacks, nothing timed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from test_device_manager import WAIT, Recorder

from workstation.devices.emulation import EmulatorServer
from workstation.devices.errors import DeviceDisconnected
from workstation.devices.manager import DeviceManager, DeviceState, ManagerConfig
from workstation.devices.mrz.emulator import load_mrz_scenario
from workstation.devices.sam.emulator import SamEmulator, load_card_scenario
from workstation.devices.sam.framer import CMD_STATUS, build_command
from workstation.devices.transport import Transport

ROOT = Path(__file__).resolve().parents[2]
CARD = ROOT / "resources" / "scenarios" / "cards" / "resident_id.json"
PASSPORT = ROOT / "resources" / "scenarios" / "mrz" / "mrva_honeywell.json"

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="pty links need a POSIX system")


@pytest.fixture
def desk():
    rec = Recorder()
    m = DeviceManager.with_emulators(ManagerConfig(assignments_path=None, probe_timeout=0.3), link="pty",
                                     on_state=rec)
    m.start()
    assert m.wait_discovered(WAIT)
    for role in ("idcard", "fingerprint", "mrz"):
        rec.wait(role, DeviceState.CONNECTED)
    yield m, rec
    m.shutdown()


def test_a_hung_up_pty_fails_the_open_port_and_its_link_goes(tmp_path):
    link = str(tmp_path / "idcard")
    server = EmulatorServer(SamEmulator())
    assert server.start_pty(link) == link and os.path.realpath(link) == server.pty_path
    host = Transport(link, baudrate=115200, timeout=0.05)
    try:
        host.write(build_command(*CMD_STATUS))
        assert host.read_exact(1, deadline=float("inf"))  # it answers through the link
        server.hang_up()
        assert not server.plugged and not os.path.lexists(link)  # the port is gone from the folder
        with pytest.raises(DeviceDisconnected):
            host.check_alive()  # the open port is hung up: its ioctls fail
        with pytest.raises(DeviceDisconnected):
            host.read_some()
        server.plug_in()
        assert server.plugged and os.path.realpath(link) == server.pty_path and server.url == link
        assert server.pty_path  # a new pty (its number may be reused by the kernel, as ttyUSB0 is)
        again = Transport(link, baudrate=115200, timeout=0.05)
        try:
            again.reset_input()
            again.write(build_command(*CMD_STATUS))
            assert again.read_exact(1, deadline=float("inf"))
        finally:
            again.close()
        server.plug_in()  # already plugged in: nothing happens
        assert os.path.realpath(link) == server.pty_path
    finally:
        host.close()
        server.stop()
    assert not os.path.lexists(link)


@pytest.mark.parametrize("role", ["mrz", "idcard", "fingerprint"])
def test_unplug_loses_the_device_and_replug_brings_it_back_on_the_same_port(desk, role):
    m, rec = desk
    demo = m.demo
    port = m.status(role).port
    assert port is not None and port.endswith(os.sep + role) and os.path.islink(port)
    mark = rec.mark()
    demo.unplug(role)
    lost = rec.wait(role, DeviceState.DISCONNECTED, after=mark)
    assert "disconnected" in str(lost.message) and lost.message_zh != str(lost.message)
    assert m.status(role).state is not DeviceState.CONNECTED
    assert not os.path.lexists(port)  # the port is gone (the manager's next listing does not show it)
    others = [r for r in ("idcard", "fingerprint", "mrz") if r != role]
    assert all(m.status(r).state is DeviceState.CONNECTED for r in others)  # only that one went

    mark = rec.mark()
    demo.replug(role)
    back = rec.wait(role, DeviceState.CONNECTED, after=mark)
    assert back.port == port  # the assignment found it behind the same name
    assert m.assignments()[role].port.device == port
    if role == "mrz":  # the driver reads from the new pty
        reader = demo.device("mrz")
        reader.present(load_mrz_scenario(PASSPORT))
        result = m.call("mrz", lambda r: r.read_document(WAIT))
        assert result.valid and result.document_number
    elif role == "idcard":
        demo.device("idcard").place_card(load_card_scenario(CARD))
        assert m.call("idcard", lambda r: r.read_card()).document.number == "11010519491231002X"
    else:
        assert m.call("fingerprint", lambda r: r.system_parameters()).capacity > 0


def test_unplugging_twice_and_replugging_twice_is_harmless(desk):
    m, rec = desk
    demo = m.demo
    mark = rec.mark()
    demo.unplug("mrz")
    demo.unplug("mrz")
    rec.wait("mrz", DeviceState.DISCONNECTED, after=mark)
    mark = rec.mark()
    demo.replug("mrz")
    demo.replug("mrz")
    rec.wait("mrz", DeviceState.CONNECTED, after=mark)
    assert demo.plugged("mrz") and len([p for p in m.ports() if p.device == m.status("mrz").port]) == 1
