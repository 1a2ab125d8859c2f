"""The composition root: how the app builds its services (Qt-free, so tests use the same wiring)."""

from __future__ import annotations

from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.storage.services import Services
from workstation.sync import freeze


def services_for(db: Database, actor: Actor) -> Services:
    """Services as the desk uses them: registrations respect the platform's freeze rules."""
    return Services(db, actor, freeze_guard=freeze.guard)
