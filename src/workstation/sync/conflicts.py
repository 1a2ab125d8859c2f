"""Conflicts the platform reported, as the desk decides them (`desk.conflicts`).

    open() -> tuple[OpenConflict, ...]
    compare(conflict_id, *, client) -> Comparison        (this station's version beside the platform's)
    resolve(conflict_id, *, choice, note="", client) -> None

A conflict is a change the platform did not apply (its receipt listed it: based on an older version,
a create for an id it already holds, or another station's record). The station keeps only the
version numbers (`sync_conflict`); its own copy is the outbox row of the refused change, the
platform's copy is fetched with a signed request (`SyncClient.platform_record`). Reading the two
copies is audited like any read of personal data; the decision goes through the sync client's
`resolve_conflict` (audited "sync.conflict.resolve"; the refused change stops waiting).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from workstation.domain.permissions import Permission
from workstation.errors import NotFound
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage.areas.base import Area
from workstation.storage.masking import mask_number
from workstation.storage.schema import OutboxEntry
from workstation.storage.sync_tables import SyncConflict
from workstation.sync.client import PlatformCopy, RecordNotShown, SyncClient, SyncError

# Fields the comparison leaves out: identifiers, bookkeeping, and search keys derived from the name.
HIDDEN_FIELDS = frozenset(
    {"id", "version", "acked_version", "created_at", "created_by", "name_pinyin", "name_initials",
     "name_pinyin_alt", "name_initials_alt"}
)
# Document numbers: shown masked (`storage.masking.mask_number`), as in every list.
MASKED_FIELDS = frozenset(
    {"number", "previous_number", "pass_number", "visa_number", "id_number", "landlord_id_number"}
)
# The decisions an officer can record, and the words the audit trail keeps for each.
CHOICES = {
    "platform": "accepted the platform's version",
    "station": "kept this station's version; the platform's record is to be corrected",
}


@dataclass(frozen=True)
class OpenConflict:
    """A conflict not decided yet (no personal data: kinds, ids and versions). Times naive UTC."""

    id: int
    record_type: str
    record_id: str
    version: int  # this station's version the platform refused
    base_version: int | None  # the version that change was based on
    platform_version: int  # the platform's version when it refused
    detected_at: datetime


@dataclass(frozen=True)
class FieldDiff:
    """One field of the record: this station's value and the platform's, as text (None: the platform
    shows no copy); document numbers masked."""

    name: str
    station: str
    platform: str | None
    differs: bool


@dataclass(frozen=True)
class Comparison:
    """Both versions of a conflicted record side by side (`Conflicts.compare`).

    `platform` is None when the platform shows no copy; `platform_missing` then says why (a marked
    text). `station_operation` is what this station did ("create", "update", "delete")."""

    conflict: OpenConflict
    station_operation: str
    station_changed_at: datetime | None
    platform: PlatformCopy | None
    platform_missing: str | None
    fields: tuple[FieldDiff, ...]


def _text(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "b64" in value:
        return "…"  # binary data (a fingerprint template): not shown
    if isinstance(value, bool):
        return "✓" if value else "✗"
    text = str(value)
    if name.endswith("_at") and len(text) >= 19 and text[10:11] == "T":
        return text[:19].replace("T", " ")  # a stored time (UTC), to the second
    if name in MASKED_FIELDS:
        return mask_number(text) or ""
    return text


def _diff(station: dict[str, Any], platform: dict[str, Any] | None) -> tuple[FieldDiff, ...]:
    names = sorted((set(station) | set(platform or {})) - HIDDEN_FIELDS)
    rows = []
    for n in names:
        ours = station.get(n)
        theirs = None if platform is None else platform.get(n)
        rows.append(
            FieldDiff(
                n,
                _text(n, ours),
                None if platform is None else _text(n, theirs),
                platform is not None and ours != theirs,
            )
        )
    # the fields that differ first, then the rest, each alphabetically
    return tuple(sorted(rows, key=lambda r: (not r.differs, r.name)))


class Conflicts(Area):
    """The platform's conflicts for the desk. See the module docstring."""

    def _row(self, conflict_id: int) -> SyncConflict:
        with self.db.read() as s:
            c = s.get(SyncConflict, conflict_id)
        if c is None or c.resolved_at is not None:
            raise NotFound(QT_TRANSLATE_NOOP("sync", "This conflict was already decided or no longer exists."))
        return c

    def open(self) -> tuple[OpenConflict, ...]:
        """Conflicts not decided yet, oldest first (at most `max_page(role)`). Not audited: no personal data.

        Raises:
            PermissionDenied: the role may not sync.
        """
        self._require(Permission.SYNC)
        with self.db.read() as s:
            rows = s.execute(
                select(SyncConflict)
                .where(SyncConflict.resolved_at.is_(None))
                .order_by(SyncConflict.detected_at, SyncConflict.id)
                .limit(self._limit(10**9))
            ).scalars()
            return tuple(
                OpenConflict(c.id, c.record_type, c.record_id, c.version, c.base_version, c.platform_version,
                             c.detected_at)
                for c in rows
            )

    def compare(self, conflict_id: int, *, client: SyncClient) -> Comparison:
        """This station's refused version (its outbox row) beside the platform's current copy (a signed
        request through `client`: blocks on the network). Audited ("sync.conflict.compare").

        Raises:
            PermissionDenied: the role may not sync or may not read residents.
            NotFound: the conflict was decided meanwhile.
            SyncError: the platform could not be reached or refused the request (a platform that holds
                no copy, or shows none to this station, is not an error: `platform_missing` says so).
        """
        self._require(Permission.SYNC)
        self._require(Permission.READ_PERSON)
        c = self._row(conflict_id)
        with self.db.read() as s:
            entry = s.execute(
                select(OutboxEntry)
                .where(
                    OutboxEntry.batch_id == c.batch_id,
                    OutboxEntry.record_type == c.record_type,
                    OutboxEntry.record_id == c.record_id,
                    OutboxEntry.version == c.version,
                )
                .limit(1)
            ).scalar_one_or_none()
        station: dict[str, Any] = {}
        if entry is not None:
            try:
                loaded = json.loads(entry.payload)
                station = loaded if isinstance(loaded, dict) else {}
            except ValueError:
                station = {}
        platform: PlatformCopy | None = None
        missing: str | None = None
        try:
            platform = client.platform_record(c.record_type, c.record_id)
        except RecordNotShown as exc:
            missing = exc.message
        with self._audited_read() as tx:
            tx.audit(
                "sync.conflict.compare",
                target_type=c.record_type,
                target_id=c.record_id,
                details=f"ours {c.version}, platform {platform.version if platform else 'not shown'}",
            )
        conflict = OpenConflict(c.id, c.record_type, c.record_id, c.version, c.base_version, c.platform_version,
                                c.detected_at)
        return Comparison(
            conflict,
            entry.operation if entry is not None else "",
            entry.created_at if entry is not None else None,
            platform,
            missing,
            _diff(station, platform.payload if platform is not None else None),
        )

    def resolve(self, conflict_id: int, *, choice: str, note: str = "", client: SyncClient) -> None:
        """Record the officer's decision (`CHOICES`: "platform" or "station", with an optional note) through
        `SyncClient.resolve_conflict`: audited, and the refused change stops waiting for the platform.

        Raises:
            PermissionDenied: the role may not sync.
            SyncError: the conflict was decided meanwhile.
            ValueError: `choice` is not a key of `CHOICES` (a bug in the caller).
        """
        self._require(Permission.SYNC)
        if choice not in CHOICES:
            raise ValueError(f"choice must be one of {sorted(CHOICES)}")
        resolution = CHOICES[choice] + (f": {note.strip()[:120]}" if note.strip() else "")
        client.resolve_conflict(conflict_id, actor=self.actor.username, resolution=resolution)


__all__ = ["CHOICES", "Comparison", "Conflicts", "FieldDiff", "OpenConflict", "SyncError"]
