"""The composition root: the `Desk` facade the app and the console commands hold (Qt-free, so tests
use the same wiring).

A `Desk` is one operator's way into one open station: every area service, each checking that
operator's permissions, writing records with their outbox and audit rows, and returning frozen
results and `Changes`:

    desk = open_desk(db, actor)
    desk.residents        # storage.areas.residents.Residents: find, rows, get, register, update, delete
    desk.housing          # storage.areas.housing.Housing: properties, rooms, bindings, declarations, spot checks
    desk.tasks            # storage.areas.tasks.Tasks: the task inbox and results
    desk.preregistrations # sync.preregistrations.PreRegistrations
    desk.biometrics       # storage.areas.biometrics.Biometrics: fingerprints
    desk.supervision      # storage.areas.supervision.Supervision: audit trail, report, export
    desk.conflicts        # sync.conflicts.Conflicts: the platform's conflicts, both versions, decisions

Registrations respect the platform's freeze rules (`sync.freeze.guard`), injected here so storage
never imports sync. Every call blocks on the database: run it on a worker, never on the GUI thread.

The demo station (`open_demo_station`, `demo_data_dir`, the documented demo logins) is built here
too, so the console commands and the desktop app share it without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the desktop app's login window shows before storage loads
    from workstation.storage.areas.biometrics import Biometrics
    from workstation.storage.areas.housing import Housing
    from workstation.storage.areas.residents import Residents
    from workstation.storage.areas.supervision import Supervision
    from workstation.storage.areas.tasks import Tasks
    from workstation.storage.db import Database
    from workstation.storage.operators import Actor
    from workstation.sync.conflicts import Conflicts
    from workstation.sync.preregistrations import PreRegistrations

if TYPE_CHECKING:
    from workstation.devices.manager import Assignment, DeviceManager, PortInfo
    from workstation.devices.manager.scanner_settings import ScannerChange, ScannerPreview


@dataclass(frozen=True)
class Desk:
    """Every area service of one station for one operator. Build it with `open_desk`."""

    db: Database
    actor: Actor
    residents: Residents
    housing: Housing
    tasks: Tasks
    preregistrations: PreRegistrations
    biometrics: Biometrics
    supervision: Supervision
    conflicts: Conflicts


def open_desk(db: Database, actor: Actor, *, freeze_rules: bool = True) -> Desk:
    """The desk of `actor` on the open station `db`.

    Args:
        freeze_rules: apply the platform's freeze rules to registrations (the app always does; tests
            of storage alone may turn them off).
    """
    from workstation.storage.areas.base import AreaContext
    from workstation.storage.areas.biometrics import Biometrics
    from workstation.storage.areas.housing import Housing
    from workstation.storage.areas.residents import Residents
    from workstation.storage.areas.supervision import Supervision
    from workstation.storage.areas.tasks import Tasks
    from workstation.sync import freeze
    from workstation.sync.conflicts import Conflicts
    from workstation.sync.preregistrations import PreRegistrations

    ctx = AreaContext(db, actor, freeze.guard if freeze_rules else None)
    return Desk(
        db=db,
        actor=actor,
        residents=Residents(ctx),
        housing=Housing(ctx),
        tasks=Tasks(ctx),
        preregistrations=PreRegistrations(ctx),
        biometrics=Biometrics(ctx),
        supervision=Supervision(ctx),
        conflicts=Conflicts(ctx),
    )


# Demo station only (synthetic data, its own folder): fixed, documented demo logins.
DEMO_OFFICER = ("demo", "demo-officer-1")
DEMO_ADMIN_PASSWORD = "demo-admin-1"  # noqa: S105
DEMO_ASSISTANT_PASSWORD = "demo-assistant-1"  # noqa: S105


def demo_data_dir() -> Path:
    """Where the demo station lives: beside the real station's folder, with "-demo" appended."""
    from workstation.storage.paths import default_data_dir

    return default_data_dir().parent / (default_data_dir().name + "-demo")


def open_demo_station(data_dir: Path) -> tuple[Database, str]:
    """Open (creating on first run) the demo station in `data_dir`; returns the database and how it
    was opened ("created" or the unlock method). Its passphrase sits in a file beside it: acceptable
    only because a demo station holds synthetic data and says so everywhere.

    Raises:
        UserFacingError: `data_dir` holds a station that is not a demo station.
    """
    from keyring.backends import fail

    from workstation.domain.enums import Role
    from workstation.errors import UserFacingError
    from workstation.files import write_atomic
    from workstation.i18n import QT_TRANSLATE_NOOP
    from workstation.storage import demo, operators, station

    pass_file = data_dir / "DEMO-PASSPHRASE.txt"
    if not station.db_path(data_dir).exists():
        res = station.init_station(
            data_dir,
            station_code="DEMO0001",
            station_name="演示警务室",  # demo=True marks it; the desk and the CLIs say so in words
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
        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "cli",
                "{data_dir} holds a station that is not a demo station; `--demo` opens only demo stations.",
            ).format(data_dir=data_dir)
        )
    backend = fail.Keyring()  # type: ignore[no-untyped-call]
    return station.unlock(data_dir, passphrase=pass_file.read_text().strip(), backend=backend)


# ---- device administration (the admin CLI's `devices scanner-set` and the Devices page call these) -------
def change_scanner_setting(
    db: Database,
    actor: Actor,
    manager: DeviceManager,
    setting: str,
    value: str | int,
    *,
    confirm: Callable[[ScannerPreview], bool] | None = None,
    timeout: float | None = None,
) -> ScannerChange | None:
    """Change one setting of the fingerprint module (``"baud"``, ``"packet-size"``, ``"security"``), with
    every guard of ``workstation-admin devices scanner-set``: MANAGE_DEVICES and an active operator first,
    the value checked before anything is sent, the scanner must be connected, its current value is read
    and shown to `confirm` (None: the caller already confirmed), then written and read back; a baud the
    module took is remembered for its port. When the module took the value (even if it was silent
    afterwards) a ``device.scanner_set`` audit event records old and new value and outcome ("ok" or
    "unconfirmed"). Blocks on the device and the database: a worker thread.

    Returns:
        The `ScannerChange` (``ok``), or None when `confirm` said no (nothing changed, nothing audited).
    Raises:
        PermissionDenied / OperatorInactive: the operator may not manage devices (nothing sent).
        UserFacingError: a bad value, no scanner, or the module refused or went silent (`failure_error`).
    """
    from workstation.devices.manager import scanner_settings as ss
    from workstation.domain.permissions import Permission
    from workstation.storage import audit, operators

    operators.authorize(db, actor, Permission.MANAGE_DEVICES)
    call_timeout = ss.CALL_TIMEOUT if timeout is None else timeout
    change = ss.change_setting(manager, setting, value, confirm=confirm, timeout=call_timeout)
    if change is None:
        return None
    pv = change.preview
    if change.acknowledged:
        details = {
            "port": pv.port,
            "setting": pv.setting,
            "old": pv.now_text,
            "new": ss.describe(pv.setting, change.after) if change.after is not None else pv.new_text,
            "remembered_baud": change.remembered_baud if change.remembered_baud is not None else "-",
        }
        with db.write() as s:
            audit.record(
                s,
                actor=actor.username,
                action="device.scanner_set",
                target_type="device",
                target_id=ss.ROLE,
                outcome="ok" if change.failure is None else "unconfirmed",
                details="; ".join(f"{k}={v}" for k, v in details.items()),
            )
    error = ss.failure_error(change)
    if error is not None:
        raise error from change.failure
    return change


def assign_device(
    db: Database, actor: Actor, manager: DeviceManager, role: str, port: PortInfo, *, baud: int | None = None
) -> Assignment:
    """An administrator assigns a device role to a port of the running desk (the Devices page): MANAGE_DEVICES
    first, then `DeviceManager.assign` (remembered, explicit; the device is connected at once, probed first
    when its protocol has a handshake, retried with backoff) and a ``device.assign`` audit event, as
    ``workstation-admin devices assign`` writes. Blocks on the database: a worker thread.

    Returns the assignment now remembered. Raises PermissionDenied / OperatorInactive, `WrongProtocol`
    (no such role here)."""
    from workstation.domain.permissions import Permission
    from workstation.storage import audit, operators

    operators.authorize(db, actor, Permission.MANAGE_DEVICES)
    old = manager.assignments().get(role)
    try:
        with db.write() as s:
            manager.assign(role, port, baud=baud)
            new = manager.assignments()[role]
            was = f"{old.port.device} {old.protocol} {old.baud} baud" if old is not None else "none"
            audit.record(
                s,
                actor=actor.username,
                action="device.assign",
                target_type="device",
                target_id=role,
                details=f"port={port.label()}; protocol={new.protocol}; baud={new.baud}; checked=on connect; "
                f"was={was}",
            )
    except BaseException:  # not audited: put the old assignment back (as the admin CLI does)
        if manager.assignments().get(role) != old:
            if old is None:
                manager.forget(role)
            else:
                manager.assign(role, old.port.device, protocol=old.protocol, baud=old.baud)
        raise
    return new
