"""The core half of ``workstation --self-test``: what a frozen (packaged) build must be able to do
without a display and without a station of its own.

Each check returns a `CheckResult`; `run_core_checks()` runs them in order and never raises (a
failure is a result). The desktop app adds its own stage (build the main window offscreen, quit
the event loop) in `workstation.ui.selftest`, which calls this first. Qt-free.

Checks:
1. ``database``: a temporary encrypted station (SQLCipher key, Alembic migrations to the newest
   revision), a write and an audited read back, the audit chain verifies, files removed.
2. ``drivers``: every device plugin of the registry (`DEFAULT_PLUGINS`) imports and follows the
   plugin contract, and so does its emulator.
3. ``card``: the emulated desk starts, the device manager discovers the emulated ID-card reader
   over a real serial link (pty, or TCP where there are none) and reads a scenario card.
4. ``resources``: the translation catalogue and the emulator scenario files are in the bundle.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO


@dataclass(frozen=True)
class CheckResult:
    """One self-test stage: `name`, whether it passed, a one-line detail, and its wall time (s)."""

    name: str
    ok: bool
    detail: str
    seconds: float


def _timed(name: str, fn: Callable[[], str]) -> CheckResult:
    t0 = time.monotonic()
    try:
        detail = fn()
    except Exception as exc:  # a self-test reports every failure as a result, never a traceback
        return CheckResult(name, False, f"{type(exc).__name__}: {exc}", time.monotonic() - t0)
    return CheckResult(name, True, detail, time.monotonic() - t0)


def check_database() -> str:
    """Create, migrate, write, read and verify a temporary encrypted station."""
    from keyring.backends import fail
    from sqlalchemy import func, select

    from workstation.storage import audit
    from workstation.storage.migrate import current_revision
    from workstation.storage.schema import Station
    from workstation.storage.station import init_station, unlock
    from workstation.storage.vault import KdfParams

    with tempfile.TemporaryDirectory(prefix="workstation-selftest-") as tmp:
        data = Path(tmp) / "station"
        res = init_station(
            data,
            station_code="SELFTEST",
            station_name="self-test",
            admin_username="admin",
            admin_password="Self-test-1",  # noqa: S106 (throwaway station in a temporary folder)
            use_keyring=False,
            kdf=KdfParams.fast_for_tests(),
        )
        res.database.close()
        plain = (data / "workstation.db").read_bytes()[:16]
        if plain.startswith(b"SQLite format 3"):
            raise RuntimeError("the database file is not encrypted")
        db, _ = unlock(data, passphrase=res.recovery_passphrase, backend=fail.Keyring())  # type: ignore[no-untyped-call]
        try:
            revision = current_revision(db.engine)
            with db.read() as s:
                stations = s.execute(select(func.count()).select_from(Station)).scalar_one()
                result = audit.verify(s)
            if stations != 1 or not result.ok:
                raise RuntimeError(f"station rows {stations}; audit: {result.message}")
        finally:
            db.close()
    return f"encrypted store at revision {'+'.join(revision)}, audit chain of {result.rows_checked} rows verified"


def check_drivers() -> str:
    """Every registered device plugin and emulator imports and follows its contract."""
    from workstation.devices.manager.plugins import DEFAULT_PLUGINS, load_emulator, load_plugin

    loaded = []
    for spec in DEFAULT_PLUGINS:
        if load_plugin(spec) is None:
            raise RuntimeError(f"device driver {spec.driver_module} did not load")
        if spec.emulator and load_emulator(spec) is None:
            raise RuntimeError(f"emulator {spec.emulator} did not load")
        loaded.append(spec.protocol)
    return "drivers " + ", ".join(loaded)


def check_card(timeout: float = 20.0) -> str:
    """The device manager finds the emulated ID-card reader and reads a scenario card through it."""
    from workstation.devices.manager import DeviceState, ManagerConfig, open_device_manager
    from workstation.devices.sam.emulator import load_card_scenario
    from workstation.resources import resource_path

    with tempfile.TemporaryDirectory(prefix="workstation-selftest-") as tmp:
        cfg = ManagerConfig(assignments_path=Path(tmp) / "device-assignments.json")
        manager = open_device_manager(cfg, demo=True, lister=lambda: [])
        try:
            if not manager.wait_discovered(timeout):
                raise RuntimeError("device discovery did not finish")
            if manager.demo is None:
                raise RuntimeError("no emulated desk")
            deadline = time.monotonic() + timeout
            while manager.status("idcard").state is not DeviceState.CONNECTED:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"ID-card reader: {manager.status('idcard').message}")
                time.sleep(0.05)
            card = load_card_scenario(resource_path("scenarios", "cards", "resident_id.json"))
            manager.demo.device("idcard").place_card(card)  # type: ignore[attr-defined]
            doc = manager.call("idcard", lambda reader: reader.read_card(), timeout=timeout).document
        finally:
            manager.shutdown()
    if not doc.number:
        raise RuntimeError("the card was read without a number")
    return f"card read through the device manager ({doc.doc_type})"


def check_resources() -> str:
    """The files the app loads at run time are in the bundle."""
    from workstation.resources import resource_path

    needed = [resource_path("scenarios", "cards", "resident_id.json"), resource_path("scenarios", "mrz")]
    translations = resource_path("translations")
    if translations.exists():
        needed += sorted(translations.glob("*.ts"))
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        raise RuntimeError("missing: " + ", ".join(missing))
    return f"{len(needed)} resource paths present"


CORE_CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("resources", check_resources),
    ("database", check_database),
    ("drivers", check_drivers),
    ("card", check_card),
)


def run_core_checks() -> list[CheckResult]:
    """Run every core check in order; returns one result per check (never raises)."""
    return [_timed(name, fn) for name, fn in CORE_CHECKS]


class _Recorder(logging.Handler):
    """Keeps every WARNING-or-worse log record (and, through `logging.captureWarnings`, every
    Python warning) raised while the self-test runs: each one fails it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(f"{record.levelname} {record.name}: {record.getMessage()}")


def run(extra: Sequence[tuple[str, Callable[[], str]]] = (), *, out: TextIO | None = None) -> int:
    """Run the core checks, then `extra` stages (the desktop app adds the window), print one line
    per stage to `out` (default stdout) and return the exit code: 0 when every stage passed and
    nothing logged a warning, 1 otherwise."""
    out = out or sys.stdout
    recorder = _Recorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    logging.captureWarnings(True)
    warnings.simplefilter("default")
    try:
        results = run_core_checks() + [_timed(name, fn) for name, fn in extra]
    finally:
        root.removeHandler(recorder)
        logging.captureWarnings(False)
    for r in results:
        print(f"{'ok  ' if r.ok else 'FAIL'} {r.name:<10} {r.seconds * 1000:7.0f} ms  {r.detail}", file=out)
    for line in recorder.records:
        print(f"FAIL warning    {line}", file=out)
    ok = all(r.ok for r in results) and not recorder.records
    print("self-test: " + ("passed" if ok else "FAILED"), file=out)
    return 0 if ok else 1
