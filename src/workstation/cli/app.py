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
from workstation.i18n import QT_TRANSLATE_NOOP, render
from workstation.resources import resource_path

SCENARIOS = resource_path("scenarios")

NO_STATION = QT_TRANSLATE_NOOP(
    "cli", "No station at {data_dir}. Set one up with `workstation-admin init`, or try `workstation --demo`."
)
OPENED = QT_TRANSLATE_NOOP("cli", "{name} ({code}) — database {data_dir} opened ({how})")
OPENED_DEMO = QT_TRANSLATE_NOOP(
    "cli", "{name} ({code}, a demo station: synthetic data only) — database {data_dir} opened ({how})"
)
#: how the station's key was obtained (`station.unlock`, `wiring.open_demo_station`)
HOW_OPENED = {
    "keyring": QT_TRANSLATE_NOOP("cli", "key from the system keyring"),
    "passphrase": QT_TRANSLATE_NOOP("cli", "key from the recovery passphrase"),
    "created": QT_TRANSLATE_NOOP("cli", "created now"),
}
COUNTS = QT_TRANSLATE_NOOP(
    "cli", "Residents: {people}   unsynced changes: {unsynced}   consistency rate {consistency}   "
    "feedback rate {feedback}"
)
DEMO_LOGINS = QT_TRANSLATE_NOOP(
    "cli", "Demo logins: officer {officer}/{officer_password}, assistant {assistant}/{assistant_password}"
)


def run_app(args: argparse.Namespace) -> int:
    from workstation.storage import metrics, station
    from workstation.wiring import DEMO_ASSISTANT_PASSWORD, DEMO_OFFICER, demo_data_dir, open_demo_station

    if args.demo:
        data_dir = Path(args.data_dir) if args.data_dir else demo_data_dir()
        db, how = open_demo_station(data_dir)
    else:
        data_dir = Path(args.data_dir) if args.data_dir else station.default_data_dir()
        if not station.db_path(data_dir).exists():
            print(render(NO_STATION.format(data_dir=data_dir)))
            return 1
        db, how = station.unlock(data_dir, passphrase=os.environ.get("WORKSTATION_PASSPHRASE"))
    st = station.station_of(db)
    with db.read() as s:
        backlog = metrics.unsynced_backlog(s)
        fb = metrics.feedback_rate(s)
        cons = metrics.consistency_station(s)
    opened = OPENED_DEMO if st.demo else OPENED
    print(render(opened.format(name=st.name, code=st.code, data_dir=data_dir, how=HOW_OPENED.get(how, how))))
    from workstation.domain.enums import Role
    from workstation.storage.operators import Actor
    from workstation.wiring import open_desk

    people = open_desk(db, Actor("system", Role.OFFICER)).supervision.count_residents()
    print(render(COUNTS.format(people=people, unsynced=backlog.records, consistency=cons.percent(),
                               feedback=fb.percent())))
    if args.demo:
        logins = DEMO_LOGINS.format(officer=DEMO_OFFICER[0], officer_password=DEMO_OFFICER[1],
                                    assistant="assistant", assistant_password=DEMO_ASSISTANT_PASSWORD)
        print(render(logins))
    _report_devices(args)
    db.close()
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
    from workstation.devices.manager import DeviceState, ManagerConfig, open_device_manager, station_assignments_path
    from workstation.devices.sam.emulator import load_card_scenario
    from workstation.domain.documents import document_type_label
    from workstation.storage.audit import mask_id_numbers

    manager = open_device_manager(ManagerConfig(assignments_path=station_assignments_path(data_dir)), demo=True)
    try:
        manager.wait_discovered(15)
        for st in manager.statuses().values():
            print(f"  {render(st.message)}")
        if manager.demo is None or manager.status("idcard").state is not DeviceState.CONNECTED:
            return
        manager.demo.device("idcard").place_card(  # type: ignore[attr-defined]
            load_card_scenario(SCENARIOS / "cards" / "resident_id.json")
        )
        try:
            doc = manager.call("idcard", lambda reader: reader.read_card(), timeout=10).document
        except DeviceError as exc:
            print(render(QT_TRANSLATE_NOOP("cli", "Demo card could not be read: {reason}").format(reason=exc.message)))
            return
        card = QT_TRANSLATE_NOOP("cli", "Demo card on the emulated reader: {name} {number} ({kind})")
        print(render(card.format(name=doc.name, number=mask_id_numbers(doc.number),
                                 kind=document_type_label(doc.doc_type))))
    finally:
        manager.shutdown()


def _report_devices(args: argparse.Namespace) -> None:
    from workstation.devices.manager import describe_environment

    for line in describe_environment(demo=args.demo):
        print(render(line))


def build_parser() -> argparse.ArgumentParser:
    """The `workstation` command line (texts in the operator's language; see `terminal.run_main`)."""
    from workstation.cli import sync as sync_cli
    from workstation.cli.terminal import COMMAND, DIR

    p = argparse.ArgumentParser(
        prog="workstation", description=render(QT_TRANSLATE_NOOP("cli", "Police-room workstation"))
    )
    p.add_argument("--data-dir", type=checks.folder_to_write, metavar=render(DIR),
                   help=render(QT_TRANSLATE_NOOP("cli", "station data directory")))
    p.add_argument("--demo", action="store_true",
                   help=render(QT_TRANSLATE_NOOP("cli", "run on embedded defaults: demo station, emulated devices")))
    p.add_argument(
        "--self-test",
        action="store_true",
        help=render(QT_TRANSLATE_NOOP(
            "cli",
            "check this installation without a display or a station (temporary encrypted database, device "
            "drivers, an emulated card read, the main window offscreen) and exit non-zero on any failure or warning",
        )),
    )
    sub = p.add_subparsers(dest="command", metavar=render(COMMAND))
    st = sub.add_parser("status", help=render(QT_TRANSLATE_NOOP(
        "cli", "print what the station holds and which devices answer (terminal)")))
    st.set_defaults(func=run_app)
    sp = sub.add_parser("sync", help=render(QT_TRANSLATE_NOOP("cli", "end-of-shift sync with the central platform")))
    sync_cli.add_arguments(sp)
    sp.set_defaults(func=sync_cli.run)
    return p


def main(argv: list[str] | None = None) -> int:
    from workstation.cli.terminal import run_main

    return run_main(build_parser, argv, default=_run)


def _run(args: argparse.Namespace) -> int:
    if args.self_test:
        from workstation.ui import selftest

        return selftest.run()
    return run_desktop(args)


if __name__ == "__main__":
    sys.exit(main())
