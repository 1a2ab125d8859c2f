"""Pre-registrations (网上备案 / 预登记) pushed by the platform, as the desk reaches them
(`desk.preregistrations`).

    list(*, status: str = "pending") -> tuple[PreRegistrationRow, ...]
    match(*, number: str | None = None, name: str | None = None) -> tuple[PreRegistrationMatch, ...]
    settle(prereg_id: str, *, outcome: str, reason: str | None = None) -> Changes
                                                     (outcome "confirmed" or "rejected")

A pre-registration holds what a resident or landlord typed online: reading the list is audited and
bounded like any read of personal data. The platform's payload is free-form; the desk reads these
fields when present: ``name``, ``id_number`` (full), ``id_number_masked``, ``phone``, ``address``,
``submitted_at``. The outcome (with the reason of a rejection) goes back to the platform through the
outbox (`client.settle_prereg`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from sqlalchemy import select

from workstation.domain.enums import Operation
from workstation.domain.identifiers import normalise_identifier
from workstation.domain.permissions import Permission
from workstation.errors import Problem, ValidationError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage.areas.base import Area, Change, Changes, Kind
from workstation.storage.masking import mask_number
from workstation.storage.sync_tables import SyncPrereg
from workstation.sync import client

REASON_MAX = 200  # characters of a rejection's reason


def _norm(number: object) -> str:
    """A document number in its one compared form (`domain.identifiers.normalise_identifier`)."""
    return normalise_identifier(str(number or ""))


@dataclass(frozen=True)
class PreRegistrationRow:
    id: str
    status: str  # "pending", "confirmed", "rejected"
    received_at: datetime
    payload: Mapping[str, object]  # as the platform sent it (read-only)

    def text(self, key: str) -> str:
        """The payload's `key` as text ("" when absent or null)."""
        value = self.payload.get(key)
        return "" if value is None else str(value)

    @property
    def name(self) -> str:
        return self.text("name")

    @property
    def number_masked(self) -> str:
        """The ID number as a list may show it (masked, `storage.masking.mask_number`)."""
        full = _norm(self.payload.get("id_number"))
        if full:
            return mask_number(full) or ""
        return self.text("id_number_masked")

    def matches(self, *, number: str | None, name: str | None) -> str | None:
        """How this pre-registration matches a person: "number" (the full ID number is the same),
        "masked_number" (the masked number fits and the name is the same), "name" (it holds no number
        and the name is the same), or None."""
        num = _norm(number)
        full = _norm(self.payload.get("id_number"))
        same_name = bool(name and name.strip() and name.strip() == self.name.strip())
        if full:
            return "number" if num and num == full else None
        masked = _norm(self.payload.get("id_number_masked"))
        if masked:
            fits = len(masked) == len(num) and all(m == "*" or m == c for m, c in zip(masked, num, strict=True))
            return "masked_number" if num and fits and same_name else None
        return "name" if same_name else None


@dataclass(frozen=True)
class PreRegistrationMatch:
    row: PreRegistrationRow
    basis: str  # "number", "masked_number" or "name" (see `PreRegistrationRow.matches`)


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
            rows = tuple(_row(p) for p in found)
            tx.audit("prereg.list", details=json.dumps({"status": status, "rows": len(rows)}))
        return rows

    def match(self, *, number: str | None = None, name: str | None = None) -> tuple[PreRegistrationMatch, ...]:
        """The pending pre-registrations that match a person's document (`number`, e.g. read from the
        card) and `name`; matches on the full number first. Audited (the number masked).

        Raises:
            PermissionDenied: the role may not read residents.
        """
        self._require(Permission.READ_PERSON)
        order = {"number": 0, "masked_number": 1, "name": 2}
        with self._write() as tx:
            found = tx.session.execute(
                select(SyncPrereg).where(SyncPrereg.status == "pending").order_by(SyncPrereg.received_at)
            ).scalars()
            hits = []
            for p in found:
                row = _row(p)
                basis = row.matches(number=number, name=name)
                if basis is not None:
                    hits.append(PreRegistrationMatch(row, basis))
            hits.sort(key=lambda m: order[m.basis])
            tx.audit(
                "prereg.match",
                details=json.dumps({"number": mask_number(_norm(number)) or "", "matches": len(hits)}),
            )
        return tuple(hits)

    def settle(self, prereg_id: str, *, outcome: str, reason: str | None = None) -> Changes:
        """The officer confirmed (after registering the person) or rejected a pre-registration. Audited;
        the outcome and the reason sync back to the platform.

        Args:
            outcome: "confirmed" or "rejected".
            reason: why it was rejected (required then, at most `REASON_MAX` characters); a note when
                confirming (optional).

        Returns:
            `Changes` with the pre-registration (kind PREREGISTRATION).

        Raises:
            PermissionDenied: the role may not register.
            ValidationError: a rejection without a reason, or a reason too long (problem "reason").
            SyncError: no such pending pre-registration.
            ValueError: `outcome` is neither "confirmed" nor "rejected" (a bug in the caller).
        """
        self._require(Permission.REGISTER)
        reason = (reason or "").strip() or None
        if outcome == "rejected" and reason is None:
            raise ValidationError(
                [Problem("reason", "required", QT_TRANSLATE_NOOP("storage", "say why it is rejected"))]
            )
        if reason is not None and len(reason) > REASON_MAX:
            raise ValidationError(
                [
                    Problem(
                        "reason", "too_long",
                        QT_TRANSLATE_NOOP("storage", "at most 200 characters (now {n})").format(n=len(reason)),
                    )
                ]
            )
        client.settle_prereg(self.db, prereg_id, actor=self.actor.username, outcome=outcome, reason=reason)
        return Changes((Change(Kind.PREREGISTRATION, prereg_id, Operation.UPDATE, 1),))


def _row(p: SyncPrereg) -> PreRegistrationRow:
    return PreRegistrationRow(p.id, p.status, p.received_at, MappingProxyType(json.loads(p.payload)))
