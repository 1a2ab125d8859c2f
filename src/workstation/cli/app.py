"""`workstation`: the desk application.

With no subcommand it opens the desktop app (`workstation.ui.app`): unlock, login, main window;
`--demo` does the same on the demo station (synthetic data in its own folder, emulated devices, a
reference platform on loopback). `workstation status` prints what the station holds and which
devices answer, in a terminal; `workstation sync` is the end-of-shift sync from a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from workstation.cli import checks
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.resources import resource_path

SCENARIOS = resource_path("scenarios")

# Demo station only (synthetic data, its own folder): fixed, documented demo logins.
DEMO_OFFICER = ("demo", "demo-officer-1")
DEMO_ADMIN_PASSWORD = "demo-admin-1"  # noqa: S105
DEMO_ASSISTANT_PASSWORD = "demo-assistant-1"  # noqa: S105


def demo_data_dir() -> Path:
    from workstation.storage.station import default_data_dir

    return default_data_dir().parent / (default_data_dir().name + "-demo")


def open_demo_station(data_dir: Path) -> tuple[object, str]:
    """Open (creating on first run) the demo station. Its passphrase sits in a file beside it:
    acceptable only because a demo station holds synthetic data and says so everywhere."""
    from keyring.backends import fail

    from workstation.domain.enums import Role
    from workstation.storage import demo, operators, station
    from workstation.storage.files import write_atomic

    pass_file = data_dir / "DEMO-PASSPHRASE.txt"
    if not station.db_path(data_dir).exists():
        res = station.init_station(
            data_dir,
            station_code="DEMO0001",
            station_name="演示警务室 (demo)",
            admin_username="admin",
            admin_password=DEMO_ADMIN_PASSWORD,
            use_keyring=False,
            demo=True,
        )
        write_atomic(pass_file, (res.recovery_passphrase + "\n").encode())  # private (0600), atomic
        admin = operators.authenticate(res.database, "admin", DEMO_ADMIN_PASSWORD)
        operators.create_operator(
            res.database, admin, username=DEMO_OFFICER[0], display_name="演示民警", role=Role.OFFICER,
            password=DEMO_OFFICER[1],
        )
        operators.create_operator(
            res.database, admin, username="assistant", display_name="演示协管员", role=Role.ASSISTANT,
            password=DEMO_ASSISTANT_PASSWORD,
        )
        demo.generate(res.database, 500, actor="demo")
        return res.database, "created"
    if not pass_file.is_file():
        from workstation.errors import UserFacingError

        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "cli",
                "{data_dir} holds a station that is not a demo station; `--demo` opens only demo stations.",
            ).format(data_dir=data_dir),
        )
    db, method = station.unlock(data_dir, passphrase=pass_file.read_text().strip(), backend=fail.Keyring())  # type: ignore[no-untyped-call]
    return db, method


def run_app(args: argparse.Namespace) -> int:
    from workstation.storage import metrics, station

    if args.demo:
        data_dir = Path(args.data_dir) if args.data_dir else demo_data_dir()
        db, how = open_demo_station(data_dir)
    else:
        data_dir = Path(args.data_dir) if args.data_dir else station.default_data_dir()
        if not station.db_path(data_dir).exists():
            print(f"No station at {data_dir}. Set one up with `workstation-admin init`, or try `workstation --demo`.")
            return 1
        db, how = station.unlock(data_dir, passphrase=os.environ.get("WORKSTATION_PASSPHRASE"))
    st = station.station_of(db)  # type: ignore[arg-type]
    with db.read() as s:  # type: ignore[attr-defined]
        backlog = metrics.unsynced_backlog(s)
        fb = metrics.feedback_rate(s)
        cons = metrics.consistency_station(s)
    print(f"{st.name} ({st.code}) — database {data_dir} opened ({how})")
    from workstation.domain.enums import Role
    from workstation.storage.operators import Actor
    from workstation.wiring import open_desk

    people = open_desk(db, Actor("system", Role.OFFICER)).supervision.count_residents()  # type: ignore[arg-type]
    print(f"Residents: {people}   unsynced changes: {backlog.records}   "
          f"一致率 {cons.percent()}   反馈率 {fb.percent()}")
    if args.demo:
        print(f"Demo logins: officer {DEMO_OFFICER[0]}/{DEMO_OFFICER[1]}, "
              f"assistant assistant/{DEMO_ASSISTANT_PASSWORD}")
    _report_devices(args)
    db.close()  # type: ignore[attr-defined]
    if args.demo:
        _demo_devices(data_dir)
    return 0


def run_desktop(args: argparse.Namespace) -> int:
    """The desktop app (the only place the console command imports Qt)."""
    from workstation.ui.app import run

    argv = (["--demo"] if args.demo else []) + (["--data-dir", str(args.data_dir)] if args.data_dir else [])
    return run(argv)


def _demo_devices(data_dir: Path) -> None:
    """Demo mode: start the device manager (emulated devices unless hardware is plugged in), report each
    device's state, and read the demo card through the same path the desk uses."""
    from workstation.devices.errors import DeviceError
    from workstation.devices.manager import DeviceState, ManagerConfig, open_device_manager
    from workstation.devices.sam.emulator import load_card_scenario
    from workstation.storage.audit import mask_id_numbers

    manager = open_device_manager(ManagerConfig(assignments_path=data_dir / "device-assignments.json"), demo=True)
    try:
        manager.wait_discovered(15)
        for st in manager.statuses().values():
            print(f"  {st.message_zh}  {st.message}")
        if manager.demo is None or manager.status("idcard").state is not DeviceState.CONNECTED:
            return
        manager.demo.device("idcard").place_card(  # type: ignore[attr-defined]
            load_card_scenario(SCENARIOS / "cards" / "resident_id.json")
        )
        try:
            doc = manager.call("idcard", lambda reader: reader.read_card(), timeout=10).document
        except DeviceError as exc:
            print(f"Demo card could not be read: {exc.message}")
            return
        print(f"Demo card on the emulated reader: {doc.name} {mask_id_numbers(doc.number)} ({doc.doc_type})")
    finally:
        manager.shutdown()


def _report_devices(args: argparse.Namespace) -> None:
    import importlib

    try:
        manager = importlib.import_module("workstation.devices.manager")
    except ImportError:
        return
    describe = getattr(manager, "describe_environment", None)
    if describe is not None:
        for line in describe(demo=args.demo):
            print(line)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="workstation", description="Police-room workstation")
    p.add_argument("--data-dir", type=checks.folder_to_write, help="station data directory")
    p.add_argument("--demo", action="store_true", help="run on embedded defaults: demo station, emulated devices")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation without a display or a station (temporary encrypted database, "
        "device drivers, an emulated card read, the main window offscreen) and exit non-zero on any "
        "failure or warning",
    )
    sub = p.add_subparsers(dest="command")
    st = sub.add_parser("status", help="print what the station holds and which devices answer (terminal)")
    st.set_defaults(func=run_app)
    try:
        from workstation.sync import cli as sync_cli
    except ImportError:
        sync_cli = None  # type: ignore[assignment]
    if sync_cli is not None:
        sp = sub.add_parser("sync", help="end-of-shift sync with the central platform")
        sync_cli.add_arguments(sp)
        sp.set_defaults(func=sync_cli.run)
    return p


def main(argv: list[str] | None = None) -> int:
    from workstation.cli.terminal import run_main

    return run_main(build_parser(), argv, default=_run)


def _run(args: argparse.Namespace) -> int:
    if args.self_test:
        from workstation.ui import selftest

        return selftest.run()
    return run_desktop(args)


if __name__ == "__main__":
    sys.exit(main())
