"""`workstation-admin devices ...` against real emulators on pty pairs; no mocks of our own code.

The CLI runs in-process (`admin.main`) with secrets in the environment, as a script would pass them.
Every command gets its own assignments file (`--assignments`), never the user's. Waits are bounded by the
hidden `--timeout` (generous); nothing asserts on how long anything took.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from keyring.backends import fail
from sqlalchemy import select

from helpers import ADMIN_PASSWORD, make_station
from workstation.cli import admin
from workstation.cli.terminal import EXIT_REFUSED
from workstation.devices.emulation import EmulatedDevice, EmulatorServer
from workstation.devices.manager import AssignmentStore
from workstation.devices.mrz.emulator import MrzEmulator
from workstation.devices.sam.emulator import SamEmulator
from workstation.devices.zfm.emulator import ZfmEmulator
from workstation.domain.enums import Role
from workstation.storage import station
from workstation.storage.schema import AuditEvent

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="pty pairs needed (POSIX)")

TIMEOUT = "20"  # discovery bound for the CLI; generous for a loaded CI machine


@dataclass
class Result:
    rc: int
    out: str
    err: str


@dataclass
class Desk:
    tmp: Path
    data_dir: Path
    assignments: Path
    passphrase: str
    capsys: pytest.CaptureFixture[str]

    def run(self, *argv: str, user: str = "admin") -> Result:
        self.capsys.readouterr()
        rc = admin.main(["--data-dir", str(self.data_dir), "--user", user, *argv])
        captured = self.capsys.readouterr()
        return Result(rc, captured.out, captured.err)

    def devices(self, *argv: str, user: str = "admin") -> Result:
        """`devices <sub> ...` with this desk's assignments file and discovery bound."""
        sub, *rest = argv
        return self.run("devices", sub, *rest, "--assignments", str(self.assignments), "--timeout", TIMEOUT,
                        user=user)

    def audit_rows(self, action_prefix: str = "device.") -> list[AuditEvent]:
        db, _ = station.unlock(self.data_dir, passphrase=self.passphrase, backend=fail.Keyring())
        try:
            with db.read() as s:
                rows = s.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars().all()
                return [r for r in rows if r.action.startswith(action_prefix)]
        finally:
            db.close()


@pytest.fixture
def no_os_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    # the CLI picks the OS keyring itself; without a D-Bus session it falls back to none, so a test never
    # writes into a developer's real keyring
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")


@pytest.fixture
def desk(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         no_os_keyring: None) -> Desk:
    st = make_station(tmp_path / "station")
    st.actor(Role.OFFICER, "officer1")
    st.actor(Role.ASSISTANT, "assistant1")
    st.db.close()
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", st.passphrase)
    return Desk(tmp_path, st.data_dir, tmp_path / "config" / "device-assignments.json", st.passphrase, capsys)


@pytest.fixture
def emulator() -> Iterator[Callable[..., tuple[EmulatorServer, str]]]:
    servers: list[EmulatorServer] = []

    def start(device: EmulatedDevice, **options: object) -> tuple[EmulatorServer, str]:
        server = EmulatorServer(device, **options)  # type: ignore[arg-type]
        servers.append(server)
        return server, server.start_pty()

    yield start
    for s in servers:
        s.stop()


# ---- list ---------------------------------------------------------------------------------------
def test_list_needs_no_station_and_touches_no_port_unless_probing(tmp_path, capsys, emulator, no_os_keyring,
                                                                    monkeypatch):
    server, pty = emulator(SamEmulator())
    desk = Desk(tmp_path, tmp_path / "no-station", tmp_path / "assignments.json", "", capsys)

    r = desk.devices("list", "--port", pty)
    assert r.rc == 0, r.err
    assert f"{pty}: named with --port" in r.out
    assert "Remembered assignments" in r.out and "\n  none\n" in r.out
    assert server.bytes_received == 0  # listing opened no port
    assert not desk.data_dir.exists() and not desk.assignments.exists()

    monkeypatch.setenv("WORKSTATION_LANG", "zh_CN")  # the operator's language, one language throughout
    r = desk.devices("list", "--probe", "--port", pty)
    assert r.rc == 0, r.err
    assert f"{pty}：由 --port 指定" in r.out and "已记住的设备" in r.out and "\n  无\n" in r.out
    assert f"  idcard       身份证阅读器已连接（{pty}）。\n" in r.out
    assert "护照阅读器无法自动识别" in r.out and "workstation-admin devices assign mrz <串口>" in r.out
    assert "ready" not in r.out and "Remembered" not in r.out
    assert server.bytes_received > 0
    assert not desk.assignments.exists()  # a probe remembers nothing
    assert not desk.data_dir.exists()


# ---- scan ---------------------------------------------------------------------------------------
def test_scan_finds_the_id_card_reader_on_a_named_port_remembers_and_audits_it(desk, emulator):
    _, pty = emulator(SamEmulator())
    r = desk.devices("scan", "--port", pty)
    assert r.rc == 0, r.err
    assert f"The ID card reader is ready on {pty}." in r.out
    remembered = AssignmentStore(desk.assignments).get("idcard")
    assert remembered is not None
    assert (remembered.port.device, remembered.protocol, remembered.baud, remembered.explicit) == (
        pty, "sam", 115200, False)
    (scan,) = desk.audit_rows()
    assert scan.action == "device.scan" and scan.outcome == "ok"
    assert f"idcard on {pty} (sam 115200)" in scan.details and "idcard:connected" in scan.details


def test_scan_of_a_port_that_does_not_exist_changes_nothing(desk, tmp_path):
    r = desk.devices("scan", "--port", str(tmp_path / "ttyUSB9"))
    assert r.rc == EXIT_REFUSED
    assert "There is no serial port" in r.err
    assert not desk.assignments.exists()
    assert desk.audit_rows() == []


# ---- assign / forget ----------------------------------------------------------------------------
def test_assign_and_forget_an_mrz_reader_persist_and_are_in_the_audit_trail(desk, emulator, monkeypatch):
    _, pty = emulator(MrzEmulator())
    r = desk.devices("assign", "mrz", pty)
    assert r.rc == 0, r.err
    assert f"The passport reader is assigned to {pty} (mrz, 9600 baud); remembered in {desk.assignments}." in r.out
    a = AssignmentStore(desk.assignments).get("mrz")
    assert a is not None and (a.port.device, a.protocol, a.baud, a.explicit) == (pty, "mrz", 9600, True)

    listed = desk.devices("list")
    assert f"mrz          {pty} mrz 9600 baud explicit  (present as {pty})" in listed.out

    monkeypatch.setenv("WORKSTATION_LANG", "zh_CN")
    r = desk.devices("forget", "mrz")
    assert r.rc == 0, r.err
    assert r.out.strip() == f"已忘记护照阅读器的串口（{pty}），下次启动时会重新查找。"
    monkeypatch.setenv("WORKSTATION_LANG", "en")
    assert AssignmentStore(desk.assignments).get("mrz") is None
    assert AssignmentStore(desk.assignments).all() == {}

    assign, forget = desk.audit_rows()
    assert (assign.action, assign.actor, assign.target_id) == ("device.assign", "admin", "mrz")
    assert f"port={pty}" in assign.details and "protocol=mrz" in assign.details and "was=none" in assign.details
    assert (forget.action, forget.actor, forget.target_id) == ("device.forget", "admin", "mrz")
    assert f"was={pty} mrz 9600 baud explicit" in forget.details
    v = desk.run("verify-audit")
    assert v.rc == 0 and v.out.startswith("OK")


def test_assign_refuses_a_port_where_the_device_does_not_answer(desk, emulator):
    _, pty = emulator(MrzEmulator())  # silent: no ID card reader answers here
    r = desk.devices("assign", "idcard", pty)
    assert r.rc == EXIT_REFUSED
    assert "No ID card reader (sam) answered" in r.err and "Nothing was saved" in r.err
    assert not desk.assignments.exists()
    assert desk.audit_rows() == []


MISTAKES = {
    "en": (
        "Unknown device role 'passport'",
        "Unknown device role 'scanner'",
        "There is no serial port",
        "'sam' is not one of the mrz protocols",
        "Unknown setting 'password'",
        "Wrong user name or password.",
    ),
    "zh_CN": ("未知的设备类型", "未知的设备类型", "没有串口", "mrz", "不提供更改指纹仪密码", "用户名或密码错误。"),
}


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_admin_mistakes_exit_2_in_both_languages_and_change_nothing(desk, emulator, tmp_path, monkeypatch, lang):
    monkeypatch.setenv("WORKSTATION_LANG", lang)
    expected = iter(MISTAKES[lang])
    _, pty = emulator(MrzEmulator())
    r = desk.devices("assign", "passport", pty)
    assert r.rc == EXIT_REFUSED
    assert next(expected) in r.err
    r = desk.devices("forget", "scanner")
    assert r.rc == EXIT_REFUSED and next(expected) in r.err
    r = desk.devices("assign", "mrz", str(tmp_path / "ttyUSB7"))
    assert r.rc == EXIT_REFUSED and next(expected) in r.err
    r = desk.devices("assign", "mrz", pty, "--protocol", "sam")
    assert r.rc == EXIT_REFUSED and next(expected) in r.err
    r = desk.devices("scanner-set", "password", "1234", "--yes")
    assert r.rc == EXIT_REFUSED and next(expected) in r.err
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", "wrong-password")
    r = desk.devices("assign", "mrz", pty)
    assert r.rc == EXIT_REFUSED and next(expected) in r.err
    assert not desk.assignments.exists()
    assert desk.audit_rows() == []


@pytest.mark.parametrize("user", ["officer1", "assistant1"])
def test_officers_and_assistants_may_not_manage_devices(desk, emulator, monkeypatch, user):
    _, mrz_pty = emulator(MrzEmulator())
    zfm = ZfmEmulator()
    _, zfm_pty = emulator(zfm, baudrate=57600)
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", "password-" + user)
    monkeypatch.setenv("WORKSTATION_USER", user)
    for argv, login in (
        (("assign", "mrz", mrz_pty), {"user": user}),
        (("forget", "mrz", "--user", user), {}),  # --user after the subcommand works too
        (("scanner-set", "security", "5", "--port", zfm_pty, "--yes"), {"user": user}),
    ):
        r = desk.devices(*argv, **login)
        assert r.rc == EXIT_REFUSED, argv
        assert "may not manage devices" in r.err
    assert not desk.assignments.exists()
    assert zfm.commands_seen == [] and zfm.security == 3
    assert desk.audit_rows() == []


# ---- scanner-set --------------------------------------------------------------------------------
def test_scanner_set_baud_then_security_on_the_module(desk, emulator, monkeypatch):
    zfm = ZfmEmulator(baud_n=6)
    # a real UART: bytes at another line speed are lost, so the host must really follow the baud change
    _, pty = emulator(zfm, baudrate=57600, enforce_baud=True)
    assert desk.devices("assign", "fingerprint", pty).rc == 0

    r = desk.devices("scanner-set", "baud", "12", "--yes")
    assert r.rc == 0, r.err
    assert zfm.baud_n == 12
    assert "  baud was: 57600 baud (N=6)" in r.out and "  baud is now: 115200 baud (N=12)" in r.out
    assert "  Remembered baud: 115200" in r.out
    a = AssignmentStore(desk.assignments).get("fingerprint")
    assert a is not None and (a.port.device, a.baud, a.explicit) == (pty, 115200, True)

    # the next start connects at the remembered baud (at 57600 this module would no longer hear us)
    monkeypatch.setenv("WORKSTATION_LANG", "zh_CN")
    r = desk.devices("scanner-set", "security", "5", "--yes")
    assert r.rc == 0, r.err
    assert zfm.security == 5 and zfm.baud_n == 12
    assert "  当前安全等级：3 级" in r.out and "  新安全等级：5 级" in r.out
    assert "  原安全等级：3 级" in r.out and "  现安全等级：5 级" in r.out
    assert "level" not in r.out
    monkeypatch.setenv("WORKSTATION_LANG", "en")

    baud, security = [e for e in desk.audit_rows() if e.action == "device.scanner_set"]
    assert baud.actor == "admin" and baud.target_id == "fingerprint" and baud.outcome == "ok"
    assert "setting=baud" in baud.details and "old=57600 baud (N=6)" in baud.details
    assert "new=115200 baud (N=12)" in baud.details and "remembered_baud=115200" in baud.details
    assert f"port={pty}" in baud.details
    assert "setting=security" in security.details and "old=level 3" in security.details
    assert "new=level 5" in security.details
    assert desk.run("verify-audit").rc == 0


def test_scanner_set_packet_size_on_a_named_port(desk, emulator):
    zfm = ZfmEmulator(packet_size=128)
    _, pty = emulator(zfm, baudrate=57600)
    r = desk.devices("scanner-set", "packet-size", "64", "--port", pty, "--yes")
    assert r.rc == 0, r.err
    assert zfm.packet_size == 64
    assert "  packet size now: 128 bytes" in r.out and "  packet size is now: 64 bytes" in r.out


def test_scanner_set_a_value_the_module_refuses_changes_nothing(desk, emulator):
    zfm = ZfmEmulator(model="R503")  # R503 takes baud N 1, 2, 4, 6 or 12 only
    _, pty = emulator(zfm, baudrate=57600, enforce_baud=True)
    assert desk.devices("assign", "fingerprint", pty).rc == 0
    r = desk.devices("scanner-set", "baud", "5", "--yes")
    assert r.rc == EXIT_REFUSED
    assert "refused or did not take the new baud; nothing was changed" in r.err
    assert zfm.baud_n == 6
    a = AssignmentStore(desk.assignments).get("fingerprint")
    assert a is not None and a.baud == 57600
    assert [e.action for e in desk.audit_rows()] == ["device.assign"]


def test_scanner_set_without_yes_is_refused_when_stdin_is_not_a_terminal(desk, emulator):
    zfm = ZfmEmulator()
    server, pty = emulator(zfm, baudrate=57600)
    r = desk.devices("scanner-set", "security", "5", "--port", pty)
    assert r.rc == EXIT_REFUSED
    assert "needs a confirmation" in r.err and "--yes" in r.err
    assert zfm.security == 3 and server.bytes_received == 0
    assert desk.audit_rows() == []


def test_scanner_set_when_no_scanner_is_there(desk):
    r = desk.devices("scanner-set", "security", "5", "--yes")
    assert r.rc == EXIT_REFUSED
    assert "The fingerprint scanner was not found, so nothing was changed" in r.err
    assert desk.audit_rows() == []


def test_scanner_set_baud_on_a_module_that_switches_only_after_a_power_cycle(desk, emulator):
    zfm = ZfmEmulator(baud_n=6)
    zfm.baud_applies_on_reset = True
    _, pty = emulator(zfm, baudrate=57600, enforce_baud=True)
    assert desk.devices("assign", "fingerprint", pty).rc == 0
    r = desk.devices("scanner-set", "baud", "115200", "--yes")  # the rate is accepted as well as N
    assert r.rc == 0, r.err
    assert zfm.baud_n == 12  # in flash; the line stays at 57600 until power-up
    assert "The module still answers at 57600 baud; it switches to 115200 at its next power-up." in r.out
    a = AssignmentStore(desk.assignments).get("fingerprint")
    assert a is not None and a.baud == 115200


def test_assign_without_a_file_writes_the_station_file_the_app_reads(desk, emulator):
    """With no `--assignments`, `devices assign` writes the station's file in `--data-dir`, the one the desk
    app's device manager opens (`station_assignments_path`, in `ui.app`): the trial found the console
    writing the user config directory while the app read the station folder, so an assignment made at
    the console never reached the desk."""
    from workstation.devices.manager import station_assignments_path

    _, pty = emulator(MrzEmulator())
    r = desk.run("devices", "assign", "mrz", pty, "--timeout", TIMEOUT)
    assert r.rc == 0, r.err
    station_file = desk.data_dir / "device-assignments.json"
    assert station_assignments_path(desk.data_dir) == station_file
    assert f"remembered in {station_file}." in r.out
    a = AssignmentStore(station_file).get("mrz")
    assert a is not None and (a.port.device, a.explicit) == (pty, True)
    assert not desk.assignments.exists()
