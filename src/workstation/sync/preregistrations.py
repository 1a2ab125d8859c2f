"""Pre-registrations (网上备案 / 预登记) pushed by the platform, as the desk reaches them
(`desk.preregistrations`).

    list(*, status: str = "pending") -> tuple[PreRegistrationRow, ...]
    settle(prereg_id: str, *, outcome: str) -> Changes     (outcome "confirmed" or "rejected")

A pre-registration holds what a resident or landlord typed online: reading the list is audited and
bounded like any read of personal data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from sqlalchemy import select

from workstation.domain.enums import Operation
from workstation.domain.permissions import Permission
from workstation.storage.areas.base import Area, Change, Changes, Kind
from workstation.sync import client
from workstation.sync.models import SyncPrereg


@dataclass(frozen=True)
class PreRegistrationRow:
    id: str
    status: str  # "pending", "confirmed", "rejected"
    received_at: datetime
    payload: Mapping[str, object]  # as the platform sent it (read-only)


class PreRegistrations(Area):
    """Pre-registrations waiting for the officer. See the module docstring."""

    def list(self, *, status: str = "pending") -> tuple[PreRegistrationRow, ...]:
        """Pre-registrations in `status`, oldest first, at most `max_page(role)`. Audited.

        Raises:
            PermissionDenied: the role may not read residents.
        """
        self._require(Permission.READ_PERSON)
        n = self._limit(10**9)
        with self._write() as tx:
            found = tx.session.execute(
                select(SyncPrereg).where(SyncPrereg.status == status).order_by(SyncPrereg.received_at).limit(n)
            ).scalars()
            rows = tuple(
                PreRegistrationRow(p.id, p.status, p.received_at, MappingProxyType(json.loads(p.payload)))
                for p in found
            )
            tx.audit("prereg.list", details=json.dumps({"status": status, "rows": len(rows)}))
        return rows

    def settle(self, prereg_id: str, *, outcome: str) -> Changes:
        """The officer confirmed (after registering the person) or rejected a pre-registration. Audited.

        Raises:
            PermissionDenied: the role may not register.
            SyncError: no such pending pre-registration.
            ValueError: `outcome` is neither "confirmed" nor "rejected" (a bug in the caller).
        """
        self._require(Permission.REGISTER)
        client.settle_prereg(self.db, prereg_id, actor=self.actor.username, outcome=outcome)
        return Changes((Change(Kind.PREREGISTRATION, prereg_id, Operation.UPDATE, 1),))
