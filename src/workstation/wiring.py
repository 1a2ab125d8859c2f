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

from dataclasses import dataclass
from pathlib import Path

from workstation.storage.areas.base import AreaContext
from workstation.storage.areas.biometrics import Biometrics
from workstation.storage.areas.housing import Housing
from workstation.storage.areas.residents import Residents
from workstation.storage.areas.supervision import Supervision
from workstation.storage.areas.tasks import Tasks
from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.sync import freeze
from workstation.sync.conflicts import Conflicts
from workstation.sync.preregistrations import PreRegistrations


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
    from workstation.storage.station import default_data_dir

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
        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "cli",
                "{data_dir} holds a station that is not a demo station; `--demo` opens only demo stations.",
            ).format(data_dir=data_dir)
        )
    backend = fail.Keyring()  # type: ignore[no-untyped-call]
    return station.unlock(data_dir, passphrase=pass_file.read_text().strip(), backend=backend)
