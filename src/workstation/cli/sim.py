"""`workstation-sim`: device emulators that speak the real bytes, on pty pairs or TCP ports.

The lines on standard output are a protocol for scripts and tests (not translated); the help, the
errors and what a command did (which device was unplugged) go to standard error in the operator's
language.

Prints one line per device (``idcard socket://127.0.0.1:41234``), then ``ready``, and then reads commands on
standard input until ``quit`` or end of input / Ctrl-C:

    card NAME     place a scenario card (resident_id, hmt_permit, foreigner_2017, foreigner_2023)
    remove        take the card off the reader
    finger ID N   press finger N (ISO position) of identity ID on the scanner; ``lift`` releases it
    passport NAME [3m|desko|plain]   swipe MRZ scenario NAME (resources/scenarios/mrz/NAME.json) on the
                  passport reader, in the given framing (default: the scenario's, else 3m)
    unplug [DEVICE] / replug [DEVICE]   simulate a pulled cable on DEVICE (idcard, fingerprint, mrz), or on
                  every device when none is named; standard error says which were unplugged or plugged
                  back in, in the operator's language
    quit
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from workstation.cli import argparse_i18n, checks
from workstation.devices.emulation import EmulatorServer, Faults
from workstation.devices.manager.status import role_label
from workstation.i18n import QT_TRANSLATE_NOOP, Listing, render
from workstation.resources import resource_path

SCENARIOS = resource_path("scenarios")


def _optional(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def build_parser() -> argparse.ArgumentParser:
    """The `workstation-sim` command line (help in the operator's language; build it after
    `argparse_i18n.install`)."""
    from workstation.cli.terminal import DIR, NUMBER

    p = argparse.ArgumentParser(prog="workstation-sim",
                                description=render(QT_TRANSLATE_NOOP("sim", "Start device emulators")))
    p.add_argument("--tcp", action="store_true",
                   help=render(QT_TRANSLATE_NOOP("sim", "listen on TCP ports (socket://) instead of pty pairs")))
    p.add_argument("--host", default="127.0.0.1", type=checks.host_name,
                   metavar=render(QT_TRANSLATE_NOOP("sim", "HOST")),
                   help=render(QT_TRANSLATE_NOOP("sim", "address to listen on with --tcp (default 127.0.0.1)")))
    p.add_argument("--port-base", type=checks.int_range(0, 65533, QT_TRANSLATE_NOOP("sim", "port base")), default=0,
                   metavar=render(NUMBER), help=render(QT_TRANSLATE_NOOP("sim", "first TCP port (0: any free port)")))
    p.add_argument("--pace", action="store_true",
                   help=render(QT_TRANSLATE_NOOP("sim", "pace output at the device's baud (wire timing)")))
    p.add_argument("--corrupt", type=checks.float_range(0.0, 1.0, QT_TRANSLATE_NOOP("sim", "corrupt probability")),
                   default=0.0, metavar=render(QT_TRANSLATE_NOOP("sim", "P")),
                   help=render(QT_TRANSLATE_NOOP("sim", "probability of corrupting each byte sent (0–1)")))
    p.add_argument("--drop-after", type=checks.int_range(1, 2**31, QT_TRANSLATE_NOOP("sim", "drop-after bytes")),
                   default=None, metavar=render(NUMBER),
                   help=render(QT_TRANSLATE_NOOP("sim", "drop the link after N bytes sent")))
    p.add_argument("--latency", type=checks.float_range(0.0, 60.0, QT_TRANSLATE_NOOP("sim", "latency")), default=0.0,
                   metavar=render(QT_TRANSLATE_NOOP("sim", "SECONDS")),
                   help=render(QT_TRANSLATE_NOOP("sim", "seconds before each reply (0–60)")))
    p.add_argument("--scenario", type=checks.existing_folder, default=SCENARIOS, metavar=render(DIR),
                   help=render(QT_TRANSLATE_NOOP("sim", "scenario folder")))
    p.add_argument("--card", default="resident_id", metavar=render(QT_TRANSLATE_NOOP("sim", "CARD")),
                   help=render(QT_TRANSLATE_NOOP("sim", "card on the reader at start (an empty value for none)")))
    return p


def _check_card(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.card and not (Path(args.scenario) / "cards" / f"{args.card}.json").is_file():
        known = sorted(p.stem for p in (Path(args.scenario) / "cards").glob("*.json"))
        no_card = QT_TRANSLATE_NOOP("sim", "argument --card: no card scenario {card} in {folder} (known: {known})")
        parser.error(
            render(no_card.format(card=repr(args.card), folder=args.scenario,
                                  known=Listing(map(repr, known)) if known else QT_TRANSLATE_NOOP("cli", "none")))
        )


def start(args: argparse.Namespace) -> dict[str, tuple[EmulatorServer, Any]]:
    devices: dict[str, tuple[EmulatorServer, Any]] = {}
    specs = [
        ("idcard", "workstation.devices.sam.emulator", "SamEmulator", 115200),
        ("fingerprint", "workstation.devices.zfm.emulator", "ZfmEmulator", 57600),
        ("mrz", "workstation.devices.mrz.emulator", "MrzEmulator", 9600),
    ]
    for i, (label, module, cls_name, baud) in enumerate(specs):
        cls = _optional(module, cls_name)
        if cls is None:
            print(f"{label} (emulator not available in this build)", flush=True)
            continue
        device = cls()
        faults = Faults(corrupt_probability=args.corrupt, drop_after_bytes=args.drop_after, latency_s=args.latency)
        server = EmulatorServer(device, baudrate=baud, pace=args.pace, faults=faults)
        if args.tcp:
            url = server.start_tcp(args.host, args.port_base + i if args.port_base else 0)
        else:
            url = server.start_pty()
        devices[label] = (server, device)
        print(f"{label} {url}", flush=True)
    if args.card and "idcard" in devices:
        place_card(devices["idcard"][1], args.scenario, args.card)
    print("ready", flush=True)  # every device listed above is set up
    return devices


def place_card(emulator: Any, folder: Path, name: str) -> None:
    load = _optional("workstation.devices.sam.emulator", "load_card_scenario")
    emulator.place_card(load(folder / "cards" / f"{name}.json"))


def present_passport(emulator: Any, folder: Path, name: str, framing: str | None) -> None:
    load = _optional("workstation.devices.mrz.emulator", "load_mrz_scenario")
    emulator.present(load(folder / "mrz" / f"{name}.json"), framing=framing)


#: what `plug` did, told on standard error (the devices by name: "ID card reader, passport reader")
UNPLUGGED = QT_TRANSLATE_NOOP(
    "sim", "Unplugged (as if the cable were pulled): {devices}. Type “replug” to plug back in."
)
REPLUGGED = QT_TRANSLATE_NOOP("sim", "Plugged back in: {devices}.")
ALREADY_UNPLUGGED = QT_TRANSLATE_NOOP("sim", "Already unplugged: {devices}.")
ALREADY_PLUGGED = QT_TRANSLATE_NOOP("sim", "Already plugged in: {devices}.")
NO_SUCH_DEVICE = QT_TRANSLATE_NOOP("sim", "No device “{device}” here. Name one of: {known}.")
#: a device in `NO_SUCH_DEVICE`'s list: the word to type, and what it is
DEVICE_WORD = QT_TRANSLATE_NOOP("sim", "“{role}” ({name})")


def _tell(text: str) -> None:
    """One line for the operator on standard error, in their language (standard output is the protocol)."""
    print(render(text), file=sys.stderr, flush=True)


def plug(devices: dict[str, tuple[EmulatorServer, Any]], roles: list[str], *, plugged: bool) -> list[str]:
    """Unplug (`plugged` False: as if the cable were pulled) or plug back in the devices `roles` of
    `devices` (device role → (server, emulator)), and tell the operator which, by name, on standard
    error; a device already so is named as such. Returns the roles whose state changed."""
    changed: list[str] = []
    already: list[str] = []
    for role in roles:
        server = devices[role][0]
        if server.plugged == plugged:
            already.append(role)
            continue
        if plugged:
            server.replug()
        else:
            server.unplug()
        changed.append(role)
    if changed:
        _tell((REPLUGGED if plugged else UNPLUGGED).format(devices=Listing(role_label(r) for r in changed)))
    if already:
        _tell((ALREADY_PLUGGED if plugged else ALREADY_UNPLUGGED).format(
            devices=Listing(role_label(r) for r in already)))
    return changed


def handle(line: str, devices: dict[str, tuple[EmulatorServer, Any]], folder: Path) -> bool:
    words = line.split()
    if not words:
        return True
    cmd = words[0]
    try:
        if cmd == "quit":
            return False
        if cmd == "card" and len(words) == 2 and "idcard" in devices:
            place_card(devices["idcard"][1], folder, words[1])
        elif cmd == "remove" and "idcard" in devices:
            devices["idcard"][1].remove_card()
        elif cmd == "finger" and len(words) == 3 and "fingerprint" in devices:
            devices["fingerprint"][1].place_finger(words[1], int(words[2]))
        elif cmd == "passport" and len(words) in (2, 3) and "mrz" in devices:
            present_passport(devices["mrz"][1], folder, words[1], words[2] if len(words) == 3 else None)
        elif cmd == "lift" and "fingerprint" in devices:
            devices["fingerprint"][1].lift_finger()
        elif cmd in ("unplug", "replug") and len(words) <= 2:
            if len(words) == 2 and words[1] not in devices:
                known = Listing(DEVICE_WORD.format(role=r, name=role_label(r)) for r in devices)
                _tell(NO_SUCH_DEVICE.format(device=words[1], known=known))
                print(f"? {line.strip()}", flush=True)
                return True
            plug(devices, words[1:] or list(devices), plugged=cmd == "replug")
        else:
            print(f"? {line.strip()}", flush=True)
            return True
        print(f"ok {line.strip()}", flush=True)
    except (OSError, ValueError, KeyError) as exc:
        print(f"error {exc}", flush=True)
    return True


def main(argv: list[str] | None = None) -> int:
    argparse_i18n.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_card(parser, args)
    try:
        devices = start(args)
    except (OSError, ValueError) as exc:  # a port in use, a damaged scenario file
        from workstation.errors import UserFacingError

        print(UserFacingError(QT_TRANSLATE_NOOP("sim", "The emulators could not start: {reason}").format(
            reason=str(exc))).for_operator(), file=sys.stderr)
        return 1
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        for line in sys.stdin:
            if stop.is_set() or not handle(line, devices, args.scenario):
                break
        else:
            if not sys.stdin.isatty():  # no more commands: keep serving until terminated
                stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        for server, _ in devices.values():
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
