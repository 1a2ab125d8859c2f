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

Registrations respect the platform's freeze rules (`sync.freeze.guard`), injected here so storage
never imports sync. Every call blocks on the database: run it on a worker, never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.storage.areas.base import AreaContext
from workstation.storage.areas.biometrics import Biometrics
from workstation.storage.areas.housing import Housing
from workstation.storage.areas.residents import Residents
from workstation.storage.areas.supervision import Supervision
from workstation.storage.areas.tasks import Tasks
from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.sync import freeze
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
    )
