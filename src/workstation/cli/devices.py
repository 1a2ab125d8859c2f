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
administrator can cause is a `UserFacingError` (exit code 1) raised before anything is changed.
Every line a person reads is a marked text (`workstation.i18n`) printed in the operator's language
(``WORKSTATION_LANG`` or the locale); audit details stay English.
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
from workstation.i18n import QT_TRANSLATE_NOOP, Listing, render

if TYPE_CHECKING:
    from workstation.devices.manager import Assignment, DeviceManager, PortInfo, ProtocolPlugin
    from workstation.storage.db import Database
    from workstation.storage.operators import Actor

DEFAULT_TIMEOUT = 15.0  # seconds to wait for discovery (hidden --timeout)

NONE = QT_TRANSLATE_NOOP("cli", "none")


def _say(text: object, indent: int = 0) -> None:
    """Print one line in the operator's language (`workstation.i18n.operator_language`), indented."""
    print(" " * indent + render(text))


# ---- small helpers ------------------------------------------------------------------------------
def _assignments_path(args: argparse.Namespace) -> Path:
    """`--assignments`, else the station's file in `--data-dir`: the one the app reads."""
    from workstation.devices.manager import station_assignments_path

    return Path(args.assignments) if args.assignments else station_assignments_path(args.data_dir)


def _plugins() -> dict[str, ProtocolPlugin]:
    from workstation.devices.manager import load_plugins

    return load_plugins()


def _role_plugin(role: str) -> ProtocolPlugin:
    """The installed plugin of `role` (its default protocol); a clear error for anything else."""
    from workstation.devices.manager.status import role_label

    plugins = _plugins()
    for plugin in plugins.values():
        if plugin.role == role:
            return plugin
    known = Listing(
        QT_TRANSLATE_NOOP("cli", "{role} ({device})").format(role=p.role, device=role_label(p.role))
        for p in plugins.values()
    )
    raise UserFacingError(
        QT_TRANSLATE_NOOP("cli", "Unknown device role '{role}'. Use one of: {known}.").format(role=role, known=known)
    )


def _protocol_for(role: str, protocol: str | None) -> ProtocolPlugin:
    plugin = _role_plugin(role)
    if protocol is None or protocol == plugin.protocol:
        return plugin
    same_role = [p for p in _plugins().values() if p.role == role]
    for p in same_role:
        if p.protocol == protocol:
            return p
    names = Listing(p.protocol for p in same_role)
    raise UserFacingError(
        QT_TRANSLATE_NOOP("cli", "Protocol '{protocol}' is not one of the {role} protocols ({names}).").format(
            protocol=protocol, role=role, names=names
        )
    )


def _check_baud(baud: int) -> int:
    import serial

    if baud not in serial.SerialBase.BAUDRATES or baud <= 0:
        raise UserFacingError(
            QT_TRANSLATE_NOOP("cli", "{baud} is not a serial baud rate (e.g. 9600, 57600, 115200).").format(baud=baud)
        )
    return baud


def _port_label(port: PortInfo) -> str:
    """The port's path with its USB identity and serial number when it has them (a marked text)."""
    extra: list[str] = [port.usb_id] if port.usb_id else []
    if port.serial_number:
        extra.append(QT_TRANSLATE_NOOP("cli", "serial number {serial}").format(serial=port.serial_number))
    if not extra:
        return port.device
    return QT_TRANSLATE_NOOP("cli", "{device} ({details})").format(device=port.device, details=Listing(extra))


def _find_port(device: str, listed: Sequence[PortInfo]) -> PortInfo | None:
    """The port an administrator named: the listed one (also through a symlink such as a udev
    /dev/ws-serial-* name, so the USB identity is remembered), else an existing path or a URL."""
    from workstation.devices.manager import PortIdentity, with_named_ports

    return PortIdentity(device).find(with_named_ports(listed, [device]))


def _no_such_port(device: str) -> UserFacingError:
    return UserFacingError(
        QT_TRANSLATE_NOOP(
            "cli",
            "There is no serial port {device}. `workstation-admin devices list` shows the ports of this computer.",
        ).format(device=device)
    )


def _system_ports() -> list[PortInfo]:
    from workstation.devices.manager import system_ports

    try:
        return system_ports()
    except Exception as exc:  # listing can fail on odd systems; report it plainly
        raise UserFacingError(
            QT_TRANSLATE_NOOP("cli", "The serial ports cannot be listed ({error}).").format(error=repr(exc))
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


def _print_statuses(manager: DeviceManager) -> None:
    """One line per role: its command-line name, then its state in the operator's language."""
    from workstation.devices.manager import DeviceState

    for role, st in manager.statuses().items():
        print(f"  {role:12} {render(st.message)}")
        if st.state is not DeviceState.CONNECTED:
            assign = QT_TRANSLATE_NOOP("cli", "→ workstation-admin devices assign {role} PORT").format(role=role)
            print(f"  {'':12} {render(assign)}")


def _wait(manager: DeviceManager, timeout: float) -> None:
    if not manager.wait_discovered(timeout):
        _say(
            QT_TRANSLATE_NOOP("cli", "(discovery not finished after {seconds} s; the states so far:)").format(
                seconds=f"{timeout:g}"
            ),
            2,
        )


def _audit_details(**items: object) -> str:
    return "; ".join(f"{k}={v}" for k, v in items.items())


def _describe_assignment(a: Assignment | None) -> str:
    """An assignment in words (a marked text: ``str`` is the English the audit details keep)."""
    if a is None:
        return NONE
    if a.explicit:
        text = QT_TRANSLATE_NOOP("cli", "{device} {protocol} {baud} baud explicit")
    else:
        text = QT_TRANSLATE_NOOP("cli", "{device} {protocol} {baud} baud remembered")
    return text.format(device=a.port.device, protocol=a.protocol, baud=a.baud)


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
    _say(QT_TRANSLATE_NOOP("cli", "Serial ports:"))
    if not ports:
        _say(NONE, 2)
    for p in ports:
        adapter = profiles.match(p)
        kind: str
        if adapter is not None:
            kind = QT_TRANSLATE_NOOP("cli", "{chip} adapter (profile: {protocols})").format(
                chip=adapter.chip, protocols=Listing(proto for proto, _ in adapter.protocols)
            )
        elif p.is_usb:
            kind = QT_TRANSLATE_NOOP(
                "cli", "USB serial {usb_id} (no profile: every protocol at its default baud)"
            ).format(usb_id=p.usb_id)
        elif p.device not in listed_devices:
            if p in extra:
                kind = QT_TRANSLATE_NOOP("cli", "named with --port (not listed by the system; used while it exists)")
            else:
                kind = QT_TRANSLATE_NOOP("cli", "remembered by path (not listed by the system; used while it exists)")
        else:
            kind = QT_TRANSLATE_NOOP("cli", "built-in (probed only when named with --port or assigned)")
        users = [r for r, a in assignments.items() if a.port.find([p]) is not None]
        who = f"  ← {', '.join(users)}" if users else ""  # command-line role names
        _say(render(QT_TRANSLATE_NOOP("cli", "{port}: {kind}").format(port=_port_label(p), kind=kind)) + who, 2)
    _say(QT_TRANSLATE_NOOP("cli", "Remembered assignments ({path}):").format(path=path))
    if not assignments:
        _say(NONE, 2)
    for role, a in sorted(assignments.items()):
        where = a.port.find(ports)
        present: str
        if where is not None:
            present = QT_TRANSLATE_NOOP("cli", "present as {device}").format(device=where.device)
        else:
            present = QT_TRANSLATE_NOOP("cli", "not plugged in")
        line = QT_TRANSLATE_NOOP("cli", "{assignment}  ({present})").format(
            assignment=_describe_assignment(a), present=present
        )
        print(f"  {role:12} {render(line)}")
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
            _say(QT_TRANSLATE_NOOP("cli", "Probe (at most {seconds} s):").format(seconds=f"{args.timeout:g}"))
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
            _say(QT_TRANSLATE_NOOP("cli", "Scanning (at most {seconds} s):").format(seconds=f"{args.timeout:g}"))
            _wait(manager, args.timeout)
            statuses = manager.statuses()
            _print_statuses(manager)
        finally:
            manager.shutdown()
        after = AssignmentStore(path).all()
        _say(QT_TRANSLATE_NOOP("cli", "Remembered ({path}):").format(path=path))
        for role, a in sorted(after.items()):
            print(f"  {role:12} {render(_describe_assignment(a))}")
        if not after:
            _say(NONE, 2)
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
    from workstation.devices.manager.status import role_label
    from workstation.devices.transport import Transport

    try:
        transport = Transport(port.device, baudrate=baud, timeout=0.05)
    except DeviceError as exc:
        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "cli",
                "Port {port} cannot be opened ({error}). Is it in use by another program, or are you missing the "
                "rights (Linux: group `dialout`)? Nothing was saved.",
            ).format(port=port.device, error=str(exc.__cause__ or exc))
        ) from exc
    try:
        if plugin.handshake and not plugin.probe(transport, max(timeout, 0.5)):
            raise UserFacingError(
                QT_TRANSLATE_NOOP(
                    "cli",
                    "No {device} ({protocol}) answered on {port} at {baud} baud. Nothing was saved. Check the cable, "
                    "power and baud (--baud), or add --no-check to save it anyway.",
                ).format(device=role_label(plugin.role), protocol=plugin.protocol, port=port.device, baud=baud)
            )
    finally:
        transport.close()


def cmd_assign(args: argparse.Namespace) -> int:
    from workstation.devices.manager import AssignmentStore, DeviceManager, ManagerConfig
    from workstation.devices.manager.status import role_label
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
                        QT_TRANSLATE_NOOP("cli", "The assignment could not be saved to {path}.").format(path=path)
                    )
                audit.record(
                    s,
                    actor=actor.username,
                    action="device.assign",
                    target_type="device",
                    target_id=args.role,
                    details=_audit_details(
                        port=port.label(), protocol=plugin.protocol, baud=baud,
                        checked="no" if args.no_check else "yes",
                        was=_describe_assignment(old),
                    ),
                )
        finally:
            manager.shutdown()
    finally:
        db.close()
    _say(
        QT_TRANSLATE_NOOP(
            "cli", "The {device} is assigned to {port} ({protocol}, {baud} baud); remembered in {path}."
        ).format(device=role_label(args.role), port=_port_label(port), protocol=plugin.protocol, baud=baud, path=path)
    )
    if port not in listed:
        _say(
            QT_TRANSLATE_NOOP(
                "cli", "Note: {port} is not in the system's port list; the workstation app uses only listed ports."
            ).format(port=port.device)
        )
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    from workstation.devices.manager import AssignmentStore, DeviceManager, ManagerConfig
    from workstation.devices.manager.status import role_label
    from workstation.storage import audit

    _role_plugin(args.role)
    path = _assignments_path(args)
    device = role_label(args.role)
    db, actor = _admin(args)
    try:
        old = AssignmentStore(path).get(args.role)
        if old is None:
            nothing = QT_TRANSLATE_NOOP("cli", "Nothing is remembered for the {device}; nothing changed.")
            _say(nothing.format(device=device))
            return 0
        manager = DeviceManager(ManagerConfig(assignments_path=path), lister=list)
        try:
            with _store_change(db, path, args.role) as s:
                manager.forget(args.role)
                if AssignmentStore(path).get(args.role) is not None:
                    raise UserFacingError(
                        QT_TRANSLATE_NOOP("cli", "The assignment could not be removed from {path}.").format(path=path)
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
    _say(
        QT_TRANSLATE_NOOP(
            "cli", "The {device}'s port ({port}) is forgotten; it will be searched for at the next start."
        ).format(device=device, port=old.port.device)
    )
    return 0


# ---- scanner-set --------------------------------------------------------------------------------
# The guards and the change itself are `workstation.wiring.change_scanner_setting` (the Devices page of
# the desktop app calls the same code); this command adds the terminal's confirmation and output.
#: What a confirmation question ends with, and the answers (separated by "/") that say yes besides y/yes.
CONFIRM_PROMPT = QT_TRANSLATE_NOOP("cli", "{question} [y/N] ")
YES_ANSWERS = QT_TRANSLATE_NOOP("cli", "y/yes")


def _confirm(question: str) -> bool:
    """Ask `question` (a marked text) at the terminal; only an answer that says yes confirms."""
    answer = input(render(CONFIRM_PROMPT.format(question=question))).strip().lower()
    return answer in {"y", "yes", *render(YES_ANSWERS).lower().split("/")}


def cmd_scanner_set(args: argparse.Namespace) -> int:
    from workstation.devices.manager import DeviceManager, ManagerConfig
    from workstation.devices.manager import scanner_settings as ss
    from workstation.wiring import change_scanner_setting

    setting = args.setting
    ss.parse_value(setting, args.value)  # a bad value is refused before anything else
    if not args.yes and not sys.stdin.isatty():
        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "cli",
                "Changing the fingerprint scanner's settings needs a confirmation: run this in a terminal, or add "
                "--yes in scripts. Nothing was changed.",
            )
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

        name = ss.SETTING_NAMES[setting]

        def confirm(pv: ss.ScannerPreview) -> bool:
            _say(QT_TRANSLATE_NOOP("cli", "Fingerprint scanner on {port}").format(port=pv.port))
            _say(QT_TRANSLATE_NOOP("cli", "{setting} now: {value}").format(setting=name, value=pv.now_text), 2)
            _say(QT_TRANSLATE_NOOP("cli", "{setting} new: {value}").format(setting=name, value=pv.new_text), 2)
            if setting == "baud":
                _say(
                    QT_TRANSLATE_NOOP(
                        "cli", "A wrong baud makes the module seem to disappear until it is found at its new rate."
                    ),
                    2,
                )
            return bool(args.yes) or _confirm(QT_TRANSLATE_NOOP("cli", "Write this to the module's flash?"))

        try:
            _wait(manager, args.timeout)
            change = change_scanner_setting(db, actor, manager, setting, args.value, confirm=confirm)
        finally:
            manager.shutdown()
        if change is None:
            _say(QT_TRANSLATE_NOOP("cli", "Not changed."))
            return 1
        assert change.after is not None
        _say(QT_TRANSLATE_NOOP("cli", "{setting} was: {value}").format(setting=name, value=change.preview.now_text), 2)
        _say(
            QT_TRANSLATE_NOOP("cli", "{setting} is now: {value}").format(
                setting=name, value=ss.describe(setting, change.after)
            ),
            2,
        )
        if setting == "baud":
            target, rate = 9600 * change.preview.value, change.rate
            if rate is not None and rate != target:
                _say(
                    QT_TRANSLATE_NOOP(
                        "cli", "The module still answers at {rate} baud; it switches to {target} at its next power-up."
                    ).format(rate=rate, target=target),
                    2,
                )
            if change.remembered_baud is None:
                _say(
                    QT_TRANSLATE_NOOP(
                        "cli",
                        "Note: the explicit assignment of the fingerprint scanner is another port; it was left as is.",
                    ),
                    2,
                )
            else:
                _say(
                    QT_TRANSLATE_NOOP("cli", "Remembered baud: {baud} ({path})").format(
                        baud=change.remembered_baud, path=path
                    ),
                    2,
                )
    finally:
        db.close()
    return 0


# ---- parser wiring ------------------------------------------------------------------------------
def add_parser(sub: Any) -> None:
    """Register `devices` on the `workstation-admin` subparsers (texts in the operator's language)."""
    from workstation.cli.terminal import DIR, FILE, PATH, USER

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--assignments", metavar=render(FILE), default=None, type=checks.json_file_to_update,
        help=render(QT_TRANSLATE_NOOP(
            "cli", "device assignments file (default: the station's, in its data directory)")),
    )
    common.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help=argparse.SUPPRESS)
    # also accepted after the subcommand (`devices assign mrz COM3 --user li`); SUPPRESS keeps the global value
    common.add_argument("--user", default=argparse.SUPPRESS, metavar=render(USER),
                        help=render(QT_TRANSLATE_NOOP("cli", "admin operator (as before `devices`)")))
    common.add_argument("--data-dir", default=argparse.SUPPRESS, metavar=render(DIR),
                        help=render(QT_TRANSLATE_NOOP("cli", "station data directory (as before `devices`)")))
    ports = argparse.ArgumentParser(add_help=False)
    ports.add_argument("--port", action="append", metavar=render(PATH),
                       help=render(QT_TRANSLATE_NOOP(
                           "cli", "also probe this port (e.g. a built-in /dev/ttyS0 or COM1); repeatable")))

    d = sub.add_parser(
        "devices",
        help=render(QT_TRANSLATE_NOOP(
            "cli", "serial devices: list, scan, assign, forget, fingerprint module settings")),
        description=render(QT_TRANSLATE_NOOP(
            "cli", "See and set up this desk's serial devices (ID card, fingerprint, passport).")),
    )
    dsub = d.add_subparsers(dest="devices_command", required=True,
                            metavar=render(QT_TRANSLATE_NOOP("cli", "COMMAND")))

    li = dsub.add_parser("list", parents=[common, ports],
                         help=render(QT_TRANSLATE_NOOP(
                             "cli", "ports, matched adapter profiles and remembered assignments (no login)")))
    li.add_argument("--probe", action="store_true",
                    help=render(QT_TRANSLATE_NOOP(
                        "cli", "also run a short discovery and show each device's state (nothing is remembered)")))
    li.set_defaults(func=cmd_list)

    sc = dsub.add_parser("scan", parents=[common, ports],
                         help=render(QT_TRANSLATE_NOOP(
                             "cli", "find the devices now and remember where they are (audited when a station "
                             "exists)")))
    sc.set_defaults(func=cmd_scan)

    roles = ", ".join(("idcard", "fingerprint", "mrz"))
    role_help = render(QT_TRANSLATE_NOOP("cli", "device role: {roles}").format(roles=roles))
    role_metavar = render(QT_TRANSLATE_NOOP("cli", "ROLE"))
    a = dsub.add_parser(
        "assign", parents=[common],
        help=render(QT_TRANSLATE_NOOP(
            "cli", "assign a device to a port (needed for MRZ passport readers); admin login")),
        description=render(QT_TRANSLATE_NOOP(
            "cli", "Assign a device role to a port. The device is checked first (MRZ readers, which send nothing "
            "until a passport is swiped, only by opening the port).")),
    )
    a.add_argument("role", metavar=role_metavar, help=role_help)
    a.add_argument("port", metavar=render(QT_TRANSLATE_NOOP("cli", "PORT")),
                   help=render(QT_TRANSLATE_NOOP("cli", "port path, COM name or pyserial URL")))
    a.add_argument("--protocol", metavar=render(QT_TRANSLATE_NOOP("cli", "PROTOCOL")),
                   help=render(QT_TRANSLATE_NOOP("cli", "protocol (default: the role's own)")))
    a.add_argument("--baud", type=checks.int_range(1, 10_000_000, QT_TRANSLATE_NOOP("cli", "baud rate")),
                   metavar=render(QT_TRANSLATE_NOOP("cli", "N")),
                   help=render(QT_TRANSLATE_NOOP("cli", "baud rate (default: the protocol's default)")))
    a.add_argument("--no-check", action="store_true",
                   help=render(QT_TRANSLATE_NOOP("cli", "save without checking that the device answers")))
    a.set_defaults(func=cmd_assign)

    f = dsub.add_parser("forget", parents=[common],
                        help=render(QT_TRANSLATE_NOOP("cli", "forget a device's remembered port; admin login")))
    f.add_argument("role", metavar=role_metavar, help=role_help)
    f.set_defaults(func=cmd_forget)

    s = dsub.add_parser(
        "scanner-set", parents=[common, ports],
        help=render(QT_TRANSLATE_NOOP(
            "cli", "change a fingerprint module setting stored in its flash (baud, packet size, security); "
            "admin login")),
        description=render(QT_TRANSLATE_NOOP(
            "cli", "Change one setting of the fingerprint module. The module keeps it in flash; a wrong baud makes "
            "it seem to disappear until it is found at the new rate. Changing the module's password or address "
            "is deliberately not offered: a lost password or address makes the module unusable, and the app "
            "always uses the factory ones.")),
    )
    s.add_argument("setting", metavar="{baud,packet-size,security}",
                   help=render(QT_TRANSLATE_NOOP(
                       "cli", "baud: N 1..12 (9600·N) or the rate; packet-size: 32/64/128/256; security: 1..5")))
    s.add_argument("value", metavar=render(QT_TRANSLATE_NOOP("cli", "VALUE")),
                   help=render(QT_TRANSLATE_NOOP("cli", "the new value")))
    s.add_argument("--yes", action="store_true",
                   help=render(QT_TRANSLATE_NOOP("cli", "do not ask for confirmation (scripts)")))
    s.set_defaults(func=cmd_scanner_set)
