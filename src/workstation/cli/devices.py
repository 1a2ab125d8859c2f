"""`workstation-admin devices ...`: see and set up the desk's serial devices from a terminal.

* ``list [--probe] [--port PATH ...]`` — serial ports, matched adapter profile, remembered assignments;
  ``--probe`` adds a short discovery run (on a temporary copy of the assignments: nothing is written).
  Without ``--probe`` no port is opened. No login, no station database needed.
* ``scan [--port PATH ...]`` — start the real device manager (never emulators), wait for discovery, print
  each role's state and remember what was found. Audited (``device.scan``) when a station exists.
* ``assign ROLE PORT [--protocol P] [--baud N] [--no-check]`` / ``forget ROLE`` — explicit assignments.
* ``scanner-set {baud,packet-size,security} VALUE [--yes]`` — the only way the product changes a
  fingerprint module's settings (they persist in the module's flash).

``assign``, ``forget`` and ``scanner-set`` need the admin login (``--user``; password prompted or from
WORKSTATION_ADMIN_PASSWORD) and the MANAGE_DEVICES permission, and write an audit event. Every failure an
administrator can cause is a `UserFacingError` (English + Chinese, exit code 2) raised before anything
is changed.
"""

from __future__ import annotations

import argparse
import getpass
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workstation.cli import checks
from workstation.cli.terminal import login, open_station
from workstation.errors import UserFacingError

if TYPE_CHECKING:
    from workstation.devices.manager import Assignment, DeviceManager, PortInfo, ProtocolPlugin
    from workstation.storage.db import Database
    from workstation.storage.operators import Actor

DEFAULT_TIMEOUT = 15.0  # seconds to wait for discovery (hidden --timeout)



# ---- small helpers ------------------------------------------------------------------------------
def _assignments_path(args: argparse.Namespace) -> Path:
    from workstation.devices.manager import default_assignments_path

    return Path(args.assignments) if args.assignments else default_assignments_path()


def _plugins() -> dict[str, ProtocolPlugin]:
    from workstation.devices.manager import load_plugins

    return load_plugins()


def _role_plugin(role: str) -> ProtocolPlugin:
    """The installed plugin of `role` (its default protocol); a clear error for anything else."""
    from workstation.devices.manager.status import role_name

    plugins = _plugins()
    for plugin in plugins.values():
        if plugin.role == role:
            return plugin
    known = ", ".join(f"{p.role} ({role_name(p.role)[0]})" for p in plugins.values())
    known_zh = "、".join(f"{p.role}（{role_name(p.role)[1]}）" for p in plugins.values())
    raise UserFacingError(
        f"Unknown device role {role!r}. Use one of: {known}.",
        f"未知的设备类型“{role}”，可用：{known_zh}。",
    )


def _protocol_for(role: str, protocol: str | None) -> ProtocolPlugin:
    plugin = _role_plugin(role)
    if protocol is None or protocol == plugin.protocol:
        return plugin
    same_role = [p for p in _plugins().values() if p.role == role]
    for p in same_role:
        if p.protocol == protocol:
            return p
    names = ", ".join(p.protocol for p in same_role)
    raise UserFacingError(
        f"Protocol {protocol!r} is not one of the {role} protocols ({names}).",
        f"协议“{protocol}”不适用于{role}（可用：{names}）。",
    )


def _check_baud(baud: int) -> int:
    import serial

    if baud not in serial.SerialBase.BAUDRATES or baud <= 0:
        raise UserFacingError(
            f"{baud} is not a serial baud rate (e.g. 9600, 57600, 115200).",
            f"{baud} 不是有效的串口波特率（例如 9600、57600、115200）。",
        )
    return baud


def _port_label(port: PortInfo) -> str:
    return port.label()


def _find_port(device: str, listed: Sequence[PortInfo]) -> PortInfo | None:
    """The port an administrator named: the listed one (also through a symlink such as a udev
    /dev/ws-serial-* name, so the USB identity is remembered), else an existing path or a URL."""
    from workstation.devices.manager import PortIdentity, with_named_ports

    return PortIdentity(device).find(with_named_ports(listed, [device]))


def _no_such_port(device: str) -> UserFacingError:
    return UserFacingError(
        f"There is no serial port {device}. `workstation-admin devices list` shows the ports of this computer.",
        f"没有串口 {device}。可用 `workstation-admin devices list` 查看本机串口。",
    )


def _system_ports() -> list[PortInfo]:
    from workstation.devices.manager import system_ports

    try:
        return system_ports()
    except Exception as exc:  # listing can fail on odd systems; report it plainly
        raise UserFacingError(
            f"The serial ports cannot be listed ({exc!r}).", f"无法列出串口（{exc!r}）。"
        ) from exc


def _extra_ports(names: Sequence[str] | None, listed: Sequence[PortInfo]) -> list[PortInfo]:
    """`--port` values resolved to ports; an error for one that does not exist."""
    out: list[PortInfo] = []
    for name in names or ():
        port = _find_port(name, listed)
        if port is None:
            raise _no_such_port(name)
        if port not in out:
            out.append(port)
    return out


def _named(extra: Sequence[PortInfo], assignments: dict[str, Assignment]) -> list[str]:
    """Ports named by the administrator: `--port`, and assignments remembered by path only (the manager
    uses these too, while they exist, although the operating system does not list them)."""
    return [p.device for p in extra] + [a.port.device for a in assignments.values() if a.port.vid is None]

def _status_line(role: str, message_zh: str, message: str) -> str:
    return f"  {role:12} {message_zh}  {message}"


def _print_statuses(manager: DeviceManager) -> None:
    from workstation.devices.manager import DeviceState

    for role, st in manager.statuses().items():
        print(_status_line(role, st.message_zh, st.message))
        if st.state is not DeviceState.CONNECTED:
            print(f"  {'':12} → workstation-admin devices assign {role} PORT")


def _wait(manager: DeviceManager, timeout: float) -> None:
    if not manager.wait_discovered(timeout):
        print(f"  (discovery not finished after {timeout:g} s; states so far / 查找未在 {timeout:g} 秒内完成)")


def _audit_details(**items: object) -> str:
    return "; ".join(f"{k}={v}" for k, v in items.items())


def _describe_assignment(a: Assignment | None) -> str:
    if a is None:
        return "none"
    kind = "explicit" if a.explicit else "remembered"
    return f"{a.port.device} {a.protocol} {a.baud} baud {kind}"


def _admin(args: argparse.Namespace) -> tuple[Database, Actor]:
    """Open the station database and log the admin in; MANAGE_DEVICES is required."""
    from workstation.domain.permissions import Permission
    from workstation.storage import operators

    db: Database = open_station(args)
    try:
        actor: Actor = login(db, args)
        operators.authorize(db, actor, Permission.MANAGE_DEVICES)
    except BaseException:
        db.close()
        raise
    return db, actor


# ---- list ---------------------------------------------------------------------------------------
def cmd_list(args: argparse.Namespace) -> int:
    from workstation.devices.manager import (
        AssignmentStore,
        DeviceManager,
        ManagerConfig,
        load_profiles,
        with_named_ports,
    )

    path = _assignments_path(args)
    store = AssignmentStore(path)
    assignments = store.all()
    listed = _system_ports()
    extra = _extra_ports(args.port, listed)
    ports = with_named_ports(listed, _named(extra, assignments))
    listed_devices = {p.device for p in listed}
    profiles = load_profiles()
    print("Serial ports / 串口:")
    if not ports:
        print("  none / 无")
    for p in ports:
        adapter = profiles.match(p)
        if adapter is not None:
            kind = f"{adapter.chip} adapter (profile: {', '.join(proto for proto, _ in adapter.protocols)})"
        elif p.is_usb:
            kind = f"USB serial {p.usb_id} (no profile: every protocol at its default baud)"
        elif p.device not in listed_devices:
            how = "named with --port" if p in extra else "remembered by path"
            kind = f"{how} (not listed by the system; used while it exists)"
        else:
            kind = "built-in (probed only when named with --port or assigned)"
        users = [r for r, a in assignments.items() if a.port.find([p]) is not None]
        who = f"  ← {', '.join(users)}" if users else ""
        print(f"  {_port_label(p)}: {kind}{who}")
    print(f"Remembered assignments / 已记住的设备 ({path}):")
    if not assignments:
        print("  none / 无")
    for role, a in sorted(assignments.items()):
        where = a.port.find(ports)
        present = f"present as {where.device}" if where is not None else "not plugged in / 未连接"
        print(f"  {role:12} {_describe_assignment(a)}  ({present})")
    if not args.probe:
        return 0
    # a short discovery run on a copy of the assignments, so listing never changes what is remembered
    with tempfile.TemporaryDirectory(prefix="ws-devices-") as tmp:
        copy = Path(tmp) / "device-assignments.json"
        if path.is_file():
            shutil.copyfile(path, copy)
        cfg = ManagerConfig(assignments_path=copy, extra_ports=tuple(p.device for p in extra))
        manager = DeviceManager(cfg)
        manager.start()
        try:
            print(f"Probe / 探测 (at most {args.timeout:g} s):")
            _wait(manager, args.timeout)
            _print_statuses(manager)
        finally:
            manager.shutdown()
    return 0


# ---- scan ---------------------------------------------------------------------------------------
def cmd_scan(args: argparse.Namespace) -> int:
    from workstation.devices.manager import AssignmentStore, ManagerConfig, open_device_manager
    from workstation.storage import audit, station

    path = _assignments_path(args)
    listed = _system_ports()
    extra = _extra_ports(args.port, listed)
    # open the station first: a scan that cannot be audited is not started
    db = open_station(args) if station.db_path(Path(args.data_dir)).exists() else None
    try:
        cfg = ManagerConfig(assignments_path=path, extra_ports=tuple(p.device for p in extra))
        manager = open_device_manager(cfg, demo=False)
        try:
            print(f"Scanning / 正在查找 (at most {args.timeout:g} s):")
            _wait(manager, args.timeout)
            statuses = manager.statuses()
            _print_statuses(manager)
        finally:
            manager.shutdown()
        after = AssignmentStore(path).all()
        print(f"Remembered / 已记住 ({path}):")
        for role, a in sorted(after.items()):
            print(f"  {role:12} {_describe_assignment(a)}")
        if not after:
            print("  none / 无")
        if db is not None:
            found = ", ".join(f"{r} on {s.port} ({s.protocol} {s.baud})" for r, s in statuses.items()
                              if s.port and s.baud) or "nothing"
            with db.write() as s:
                audit.record(
                    s,
                    actor="system",
                    action="device.scan",
                    target_type="device",
                    details=_audit_details(
                        os_user=getpass.getuser(),
                        extra_ports=",".join(p.device for p in extra) or "-",
                        found=found,
                        states=",".join(f"{r}:{st.state.value}" for r, st in statuses.items()),
                    ),
                )
    finally:
        if db is not None:
            db.close()
    return 0


# ---- assign / forget ----------------------------------------------------------------------------
@contextmanager
def _store_change(db: Database, path: Path, role: str) -> Iterator[Any]:
    """Audit and assignment change together: if either fails, the remembered assignment is put back
    and the audit row is rolled back."""
    from workstation.devices.manager import AssignmentStore

    old = AssignmentStore(path).get(role)
    try:
        with db.write() as s:
            yield s
    except BaseException:
        store = AssignmentStore(path)
        if store.get(role) != old:
            if old is None:
                store.remove(role)
            else:
                store.set(old)
        raise


def _check_port(port: PortInfo, plugin: ProtocolPlugin, baud: int, timeout: float) -> None:
    """Open the port; for a protocol with a handshake, the device must answer (read-only probe)."""
    from workstation.devices.errors import DeviceError
    from workstation.devices.manager.status import role_name
    from workstation.devices.transport import Transport

    try:
        transport = Transport(port.device, baudrate=baud, timeout=0.05)
    except DeviceError as exc:
        raise UserFacingError(
            f"Port {port.device} cannot be opened ({exc.__cause__ or exc}). Is it in use by another program, or "
            "are you missing the rights (Linux: group dialout)? Nothing was saved.",
            f"无法打开串口 {port.device}：是否被其他程序占用，或没有权限（Linux：dialout 组）？未保存任何更改。",
        ) from exc
    try:
        if plugin.handshake and not plugin.probe(transport, max(timeout, 0.5)):
            en, zh = role_name(plugin.role)
            raise UserFacingError(
                f"No {en} ({plugin.protocol}) answered on {port.device} at {baud} baud. Nothing was saved. "
                "Check the cable, power and baud (--baud), or add --no-check to save it anyway.",
                f"{port.device}（{baud} 波特）上没有{zh}（{plugin.protocol}）应答，未保存。请检查连接线、电源和波特率"
                "（--baud），或加 --no-check 强制保存。",
            )
    finally:
        transport.close()


def cmd_assign(args: argparse.Namespace) -> int:
    from workstation.devices.manager import AssignmentStore, DeviceManager, ManagerConfig
    from workstation.devices.manager.status import role_name
    from workstation.storage import audit

    plugin = _protocol_for(args.role, args.protocol)
    baud = _check_baud(args.baud) if args.baud is not None else plugin.default_baud
    path = _assignments_path(args)
    listed = _system_ports()
    port = _find_port(args.port, listed)
    if port is None:
        raise _no_such_port(args.port)
    db, actor = _admin(args)
    try:
        if not args.no_check:
            _check_port(port, plugin, baud, 0.5)
        old = AssignmentStore(path).get(args.role)
        manager = DeviceManager(ManagerConfig(assignments_path=path), lister=lambda: listed)
        try:
            with _store_change(db, path, args.role) as s:
                manager.assign(args.role, port, protocol=plugin.protocol, baud=baud)
                new = AssignmentStore(path).get(args.role)
                if new is None or new.port != port.identity() or new.baud != baud:
                    raise UserFacingError(
                        f"The assignment could not be saved to {path}.", f"无法将设备设置保存到 {path}。"
                    )
                audit.record(
                    s,
                    actor=actor.username,
                    action="device.assign",
                    target_type="device",
                    target_id=args.role,
                    details=_audit_details(
                        port=_port_label(port), protocol=plugin.protocol, baud=baud,
                        checked="no" if args.no_check else "yes",
                        was=_describe_assignment(old),
                    ),
                )
        finally:
            manager.shutdown()
    finally:
        db.close()
    en, zh = role_name(args.role)
    print(f"{zh}已指定到 {port.device}（{plugin.protocol}，{baud} 波特）。")
    print(f"The {en} is assigned to {_port_label(port)} ({plugin.protocol}, {baud} baud); remembered in {path}.")
    if port not in listed:
        print(f"Note: {port.device} is not in the system's port list; the workstation app uses only listed ports.")
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    from workstation.devices.manager import AssignmentStore, DeviceManager, ManagerConfig
    from workstation.devices.manager.status import role_name
    from workstation.storage import audit

    _role_plugin(args.role)
    path = _assignments_path(args)
    en, zh = role_name(args.role)
    db, actor = _admin(args)
    try:
        old = AssignmentStore(path).get(args.role)
        if old is None:
            print(f"没有记住的{zh}，无需更改。")
            print(f"Nothing is remembered for the {en}; nothing changed.")
            return 0
        manager = DeviceManager(ManagerConfig(assignments_path=path), lister=list)
        try:
            with _store_change(db, path, args.role) as s:
                manager.forget(args.role)
                if AssignmentStore(path).get(args.role) is not None:
                    raise UserFacingError(
                        f"The assignment could not be removed from {path}.", f"无法从 {path} 删除设备设置。"
                    )
                audit.record(
                    s,
                    actor=actor.username,
                    action="device.forget",
                    target_type="device",
                    target_id=args.role,
                    details=_audit_details(was=_describe_assignment(old)),
                )
        finally:
            manager.shutdown()
    finally:
        db.close()
    print(f"已忘记{zh}的串口（{old.port.device}），下次启动时会重新查找。")
    print(f"The {en}'s port ({old.port.device}) is forgotten; it will be searched for at the next start.")
    return 0


# ---- scanner-set --------------------------------------------------------------------------------
# The guards and the change itself are `workstation.wiring.change_scanner_setting` (the Devices page of
# the desktop app calls the same code); this command adds the terminal's confirmation and output.
def _confirm(question: str) -> bool:
    answer = input(f"{question} [y/N] ").strip().lower()
    return answer in ("y", "yes", "是", "确定")


def cmd_scanner_set(args: argparse.Namespace) -> int:
    from workstation.devices.manager import DeviceManager, ManagerConfig
    from workstation.devices.manager import scanner_settings as ss
    from workstation.wiring import change_scanner_setting

    setting = args.setting
    ss.parse_value(setting, args.value)  # a bad value is refused before anything else
    if not args.yes and not sys.stdin.isatty():
        raise UserFacingError(
            "Changing the fingerprint scanner's settings needs a confirmation: run this in a terminal, or add "
            "--yes in scripts. Nothing was changed.",
            "更改指纹仪设置需要确认：请在终端中运行，脚本中请加 --yes。未作任何更改。",
        )
    path = _assignments_path(args)
    listed = _system_ports()
    extra = _extra_ports(args.port, listed)
    db, actor = _admin(args)
    try:
        plugin = _role_plugin("fingerprint")
        cfg = ManagerConfig(assignments_path=path, extra_ports=tuple(p.device for p in extra))
        # only the fingerprint role: this command does not touch the other devices
        manager = DeviceManager(cfg, plugins={plugin.protocol: plugin})
        manager.start()

        def confirm(pv: ss.ScannerPreview) -> bool:
            print(f"Fingerprint scanner on {pv.port} / 指纹仪（{pv.port}）")
            print(f"  {setting} now / 当前: {pv.now_text}")
            print(f"  {setting} new / 新值: {pv.new_text}")
            if setting == "baud":
                print("  A wrong baud makes the module seem to disappear until it is found at its new rate.")
                print("  波特率设置错误时指纹仪会“消失”，直到按新速率重新找到。")
            return bool(args.yes) or _confirm("Write this to the module's flash? / 写入指纹仪？")

        try:
            _wait(manager, args.timeout)
            change = change_scanner_setting(db, actor, manager, setting, args.value, confirm=confirm)
        finally:
            manager.shutdown()
        if change is None:
            print("Not changed. / 未更改。")
            return 1
        assert change.after is not None
        print(f"  {setting} was / 原值: {change.preview.now_text}")
        print(f"  {setting} is now / 现值: {ss.describe(setting, change.after)}")
        if setting == "baud":
            target, rate = 9600 * change.preview.value, change.rate
            if rate is not None and rate != target:
                print(f"  The module still answers at {rate} baud; it switches to {target} at its next power-up.")
                print(f"  指纹仪目前仍以 {rate} 波特应答，下次上电后改为 {target} 波特。")
            if change.remembered_baud is None:
                print("  Note: the explicit assignment of the fingerprint scanner is another port; it was left as is.")
            print(f"  Remembered baud / 已记住的波特率: {change.remembered_baud} ({path})")
    finally:
        db.close()
    return 0


# ---- parser wiring ------------------------------------------------------------------------------
def add_parser(sub: Any) -> None:
    """Register `devices` on the `workstation-admin` subparsers."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--assignments", metavar="PATH", default=None, type=checks.json_file_to_update,
        help="device assignments file (default: the app's, in the user config directory)",
    )
    common.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help=argparse.SUPPRESS)
    # also accepted after the subcommand (`devices assign mrz COM3 --user li`); SUPPRESS keeps the global value
    common.add_argument("--user", default=argparse.SUPPRESS, help="admin operator (as before `devices`)")
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="station data directory (as before `devices`)")
    ports = argparse.ArgumentParser(add_help=False)
    ports.add_argument("--port", action="append", metavar="PATH",
                       help="also probe this port (e.g. a built-in /dev/ttyS0 or COM1); repeatable")

    d = sub.add_parser("devices", help="serial devices: list, scan, assign, forget, fingerprint module settings",
                       description="See and set up this desk's serial devices (ID card, fingerprint, passport).")
    dsub = d.add_subparsers(dest="devices_command", required=True)

    li = dsub.add_parser("list", parents=[common, ports],
                         help="ports, matched adapter profiles and remembered assignments (no login)")
    li.add_argument("--probe", action="store_true",
                    help="also run a short discovery and show each device's state (nothing is remembered)")
    li.set_defaults(func=cmd_list)

    sc = dsub.add_parser("scan", parents=[common, ports],
                         help="find the devices now and remember where they are (audited when a station exists)")
    sc.set_defaults(func=cmd_scan)

    roles = ", ".join(("idcard", "fingerprint", "mrz"))
    a = dsub.add_parser("assign", parents=[common],
                        help="assign a device to a port (needed for MRZ passport readers); admin login",
                        description="Assign a device role to a port. The device is checked first (MRZ readers, "
                                    "which send nothing until a passport is swiped, only by opening the port).")
    a.add_argument("role", help=f"device role: {roles}")
    a.add_argument("port", help="port path, COM name or pyserial URL")
    a.add_argument("--protocol", help="protocol (default: the role's own)")
    a.add_argument("--baud", type=int, help="baud rate (default: the protocol's default)")
    a.add_argument("--no-check", action="store_true", help="save without checking that the device answers")
    a.set_defaults(func=cmd_assign)

    f = dsub.add_parser("forget", parents=[common], help="forget a device's remembered port; admin login")
    f.add_argument("role", help=f"device role: {roles}")
    f.set_defaults(func=cmd_forget)

    s = dsub.add_parser(
        "scanner-set", parents=[common, ports],
        help="change a fingerprint module setting stored in its flash (baud, packet size, security); admin login",
        description="Change one setting of the fingerprint module. The module keeps it in flash; a wrong baud "
                    "makes it seem to disappear until it is found at the new rate. Changing the module's "
                    "password or address is deliberately not offered: a lost password or address makes the "
                    "module unusable, and the app always uses the factory ones.",
    )
    s.add_argument("setting", metavar="{baud,packet-size,security}",
                   help="baud: N 1..12 (9600·N) or the rate; packet-size: 32/64/128/256; security: 1..5")
    s.add_argument("value")
    s.add_argument("--yes", action="store_true", help="do not ask for confirmation (scripts)")
    s.set_defaults(func=cmd_scanner_set)
