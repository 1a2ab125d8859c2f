"""Conflicts the platform reported, as the desk decides them (`desk.conflicts`).

    open() -> tuple[OpenConflict, ...]
    compare(conflict_id, *, client) -> Comparison        (this station's version beside the platform's)
    resolve(conflict_id, *, choice, note="", client, seen_version=UNSET) -> Resolution

A conflict is a change the platform did not apply (its receipt listed it: based on an older version,
a create for an id it already holds, or another station's record). The station keeps only the
version numbers (`sync_conflict`); its own copy is the record as it stands here now (the outbox row
of the refused change when there is no such record), the platform's copy is fetched with a signed
request (`SyncClient.platform_record`). Reading the two copies is audited like any read of personal
data.

Deciding makes both sides hold the same values (`resolve`), in one local transaction that also
closes every open conflict of the record (`client.settle_conflict`: audited "sync.conflict.resolve",
the refused changes stop waiting):

* "platform": the platform's values are written over the record here through the record life cycle
  (`Transaction.converge`: version above both sides, outbox row based on the platform's version,
  audit row). A record the platform deleted is deleted here too (a resident with their bindings); a
  record deleted here that the platform still holds is restored with its values. When the platform
  does not show its copy (the record now belongs to another station) nothing can be taken: this
  station's change is withdrawn and the record here is left as it is.
* "station": the record as it stands here is sent again, based on the platform's current version, so
  the platform applies it with the next sync (a record deleted here: the platform is asked to delete
  it too; a record the platform deleted: this station's version restores it there).

While a conflict is open, later changes of the record are held here (`outbox.held_by_conflict`: not
batched, counted as "held by a conflict"): made over a version the platform refused, sent they would
be applied over the platform's version nobody has decided about. The decision replaces them (the
decided state carries them; a withdrawn change takes them with it). While a change of the record is
already on its way (sealed before the conflict came back) the decision waits for the next sync; the
platform refuses that change too (its base, by content, is not the platform's copy).

Held and refused changes wait for the decision, not for a sync: they stay in the outbox and are counted
apart (`outbox.Backlog`), not toward the freeze rule (`sync.freeze`), which no sync could clear of them.
`resolve` is the one way to decide a conflict (the screens call it through `desk.conflicts`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from workstation.domain.permissions import Permission
from workstation.errors import Conflict, NotFound
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import outbox, search
from workstation.storage.areas.base import UNSET, Area, Changes, Transaction, Unset
from workstation.storage.masking import mask_number
from workstation.storage.schema import SYNCABLE, OutboxEntry, Person, SyncMixin, Tenancy, utcnow
from workstation.storage.sync_tables import SyncBatch, SyncConflict
from workstation.sync.client import (
    ACKNOWLEDGED,
    SUPERSEDED,
    PlatformCopy,
    RecordNotShown,
    SyncClient,
    SyncError,
    settle_conflict,
)

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
    "station": "kept this station's version",
}
# Who may write each kind of record (what writing the decided values needs, beyond SYNC).
WRITE_PERMISSION = {
    "person": Permission.REGISTER,
    "identity_document": Permission.REGISTER,
    "tenancy": Permission.REGISTER,
    "property": Permission.MANAGE_PROPERTY,
    "room": Permission.MANAGE_PROPERTY,
    "declaration": Permission.ENTER_DECLARATION,
    "spot_check": Permission.VERIFY,
    "task": Permission.COMPLETE_TASK,
    "fingerprint": Permission.CAPTURE_FINGERPRINT,
}
#: What deciding did (`Resolution.outcome`), in the officer's words ({v}: the record's version here
#: afterwards, {p}: the platform's version it was based on).
OUTCOMES = {
    "took_platform": QT_TRANSLATE_NOOP(
        "sync", "The platform's version is now stored here (version {v}); the next sync confirms it to the platform."
    ),
    "restored_here": QT_TRANSLATE_NOOP(
        "sync",
        "The record had been deleted here; it is restored with the platform's version (version {v}). The next "
        "sync confirms it to the platform.",
    ),
    "deleted_here": QT_TRANSLATE_NOOP(
        "sync", "The platform had deleted this record; it is now deleted here too. The next sync confirms it."
    ),
    "deleted_person_here": QT_TRANSLATE_NOOP(
        "sync",
        "The platform had deleted this resident; the resident and their bindings to rooms are now deleted here "
        "too. The next sync confirms it.",
    ),
    "sent_station": QT_TRANSLATE_NOOP(
        "sync",
        "This station's version stays (version {v}); the next sync sends it to the platform in place of its "
        "version {p}.",
    ),
    "sent_station_restore": QT_TRANSLATE_NOOP(
        "sync",
        "The platform had deleted this record; the next sync sends this station's version (version {v}) and "
        "restores it there.",
    ),
    "sent_delete": QT_TRANSLATE_NOOP(
        "sync", "The record stays deleted here; the next sync asks the platform to delete its copy too."
    ),
    "withdrawn": QT_TRANSLATE_NOOP(
        "sync",
        "The record belongs to another station now, so this station's change cannot reach the platform. It "
        "is withdrawn; the record here is left as it is.",
    ),
    "recorded": QT_TRANSLATE_NOOP("sync", "The decision is recorded; no record here is changed."),
}
ON_ITS_WAY = QT_TRANSLATE_NOOP(
    "sync",
    "A change of this record is on its way to the platform and not acknowledged yet. Sync first, then decide "
    "(the platform's answer may change what there is to decide).",
)
PLATFORM_MOVED = QT_TRANSLATE_NOOP(
    "sync",
    "The platform's copy changed since you compared the two versions (it is now at version {now}); compare "
    "again with what it holds now.",
)
NOTHING_TO_TAKE = QT_TRANSLATE_NOOP(
    "sync",
    "The platform holds no copy of this record, so there is no version of its to accept. Keep this station's "
    "version to send it again.",
)
CANNOT_SEND = QT_TRANSLATE_NOOP(
    "sync",
    "The record belongs to another station now: the platform does not accept this station's version of it. "
    "Accept the platform's version to withdraw this station's change.",
)
NOT_KEPT_HERE = QT_TRANSLATE_NOOP(
    "sync", "This station no longer keeps the record, so there is no version of its to keep."
)
NOT_STORABLE = QT_TRANSLATE_NOOP(
    "sync",
    "The platform's version cannot be stored here: {problem}. Nothing was changed; keep this station's "
    "version, or ask the platform's staff to correct their copy.",
)


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
    station_deleted: bool = False  # the record is deleted here
    station_version: int = 0  # the record's version here now (what "station" keeps)
    not_owner: bool = False  # the platform does not show its copy: the record is another station's
    choices: tuple[str, ...] = ("platform", "station")  # the decisions `resolve` can carry out


@dataclass(frozen=True)
class Resolution:
    """What deciding a conflict did (`Conflicts.resolve`).

    `outcome` is a key of `OUTCOMES`; `message` the marked text saying it to the officer. `version` is
    the record's version here afterwards (None: no record was written); `closed` how many open
    conflicts of the record the decision closed; `replaced` how many unsent changes of it it replaced;
    `changes` the records written (for the screens that show them)."""

    choice: str
    outcome: str
    message: str
    version: int | None
    closed: int
    replaced: int
    changes: Changes = field(default_factory=Changes)


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

    def _local(self, c: SyncConflict) -> tuple[dict[str, Any], bool, int, str, datetime | None]:
        """This station's copy of the conflicted record: (fields, deleted here, version here, operation,
        changed at). The record as it stands now when the station keeps it, else the refused change
        (operation "" when there is neither)."""
        model = SYNCABLE.get(c.record_type)
        with self.db.read() as s:
            record = s.get(model, c.record_id) if model is not None else None
            if record is not None:
                deleted = record.deleted_at is not None
                return (outbox.record_payload(record), deleted, record.version, "delete" if deleted else "update",
                        record.updated_at)
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
            return station, entry.operation == "delete", entry.version, entry.operation, entry.created_at
        return station, False, c.version, "", None

    def compare(self, conflict_id: int, *, client: SyncClient) -> Comparison:
        """This station's version (the record as it stands here now: what keeping it sends) beside the
        platform's current copy (a signed request through `client`: blocks on the network). Audited
        ("sync.conflict.compare"). `Comparison.choices` lists the decisions `resolve` can carry out.

        Raises:
            PermissionDenied: the role may not sync or may not read residents.
            NotFound: the conflict was decided meanwhile.
            SyncError: the platform could not be reached or refused the request (a platform that holds
                no copy, or shows none to this station, is not an error: `platform_missing` says so).
        """
        self._require(Permission.SYNC)
        self._require(Permission.READ_PERSON)
        c = self._row(conflict_id)
        station, station_deleted, station_version, operation, changed_at = self._local(c)
        platform: PlatformCopy | None = None
        missing: str | None = None
        not_owner = False
        try:
            platform = client.platform_record(c.record_type, c.record_id)
        except RecordNotShown as exc:
            missing = exc.message
            not_owner = exc.reason == "not_owner"
        with self._audited_read() as tx:
            tx.audit(
                "sync.conflict.compare",
                target_type=c.record_type,
                target_id=c.record_id,
                details=f"ours {station_version}, platform {platform.version if platform else 'not shown'}",
            )
        conflict = OpenConflict(c.id, c.record_type, c.record_id, c.version, c.base_version, c.platform_version,
                                c.detected_at)
        model = SYNCABLE.get(c.record_type)
        if model is None:
            kept_here = True  # no table here: the decision is only recorded
        else:
            with self.db.read() as s:
                kept_here = s.get(model, c.record_id) is not None
        if not_owner:
            choices: tuple[str, ...] = ("platform",)
        elif platform is None:
            choices = ("station",) if kept_here else ()
        else:
            choices = ("platform", "station") if kept_here else ("platform",)
        return Comparison(
            conflict,
            operation,
            changed_at,
            platform,
            missing,
            _diff(station, platform.payload if platform is not None else None),
            station_deleted=station_deleted,
            station_version=station_version,
            not_owner=not_owner,
            choices=choices,
        )

    def resolve(
        self,
        conflict_id: int,
        *,
        choice: str,
        note: str = "",
        client: SyncClient,
        seen_version: int | Unset | None = UNSET,
    ) -> Resolution:
        """Decide a conflict and make both sides converge (see the module docstring): "platform" writes
        the platform's current copy over the record here, "station" sends the record as it stands here
        again over the platform's version. Fetches the platform's copy first (a signed request through
        `client`: blocks on the network); then one local transaction writes the record (outbox + audit,
        version bumped), closes every open conflict of the record (audited "sync.conflict.resolve" with
        the choice and the optional `note`) and drops the record's unsent changes it replaces.

        Args:
            seen_version: the platform's version the officer compared (`Comparison.platform.version`,
                None when no copy was shown); when given and the platform has moved on since, nothing is
                decided (Conflict).

        Returns:
            Resolution: what was done, with the words for the officer.

        Raises:
            PermissionDenied: the role may not sync, or may not write this kind of record.
            NotFound: the conflict was decided meanwhile.
            Conflict: the platform's copy changed since `seen_version`.
            SyncError: the platform could not be reached; a change of the record is still on its way to the
                platform (sync first); the choice cannot be carried out (the platform holds no copy to
                accept, or the record is another station's and cannot be sent); the platform's values
                cannot be stored here.
            ValueError: `choice` is not a key of `CHOICES` (a bug in the caller).
        """
        self._require(Permission.SYNC)
        if choice not in CHOICES:
            raise ValueError(f"choice must be one of {sorted(CHOICES)}")
        c = self._row(conflict_id)
        model = SYNCABLE.get(c.record_type)
        if model is not None:
            self._require(WRITE_PERMISSION.get(c.record_type, Permission.REGISTER))
        platform: PlatformCopy | None = None
        shown: str | None = None  # why the platform shows no copy
        try:
            platform = client.platform_record(c.record_type, c.record_id)
        except RecordNotShown as exc:
            shown = exc.reason
        now_version = platform.version if platform is not None else None
        if not isinstance(seen_version, Unset) and seen_version != now_version:
            raise Conflict(PLATFORM_MOVED.format(now=now_version if now_version is not None else "—"))
        if choice == "platform" and shown == "unknown_record":
            raise SyncError(NOTHING_TO_TAKE)
        if choice == "station" and shown == "not_owner":
            raise SyncError(CANNOT_SEND)
        words = CHOICES[choice] + (f": {note.strip()[:120]}" if note.strip() else "")
        try:
            with self._write() as tx:
                return self._decide(tx, conflict_id, model, choice, platform, words)
        except IntegrityError as exc:  # the platform's values break a rule of this station's database
            raise SyncError(NOT_STORABLE.format(problem=type(exc.orig).__name__ if exc.orig else "")) from exc

    def _decide(
        self,
        tx: Transaction,
        conflict_id: int,
        model: type[SyncMixin] | None,
        choice: str,
        platform: PlatformCopy | None,
        words: str,
    ) -> Resolution:
        s = tx.session
        c = s.get(SyncConflict, conflict_id)
        if c is None or c.resolved_at is not None:
            raise NotFound(QT_TRANSLATE_NOOP("sync", "This conflict was already decided or no longer exists."))
        on_its_way = s.scalar(
            select(OutboxEntry.seq)
            .join(SyncBatch, SyncBatch.batch_id == OutboxEntry.batch_id)
            .where(
                OutboxEntry.record_type == c.record_type,
                OutboxEntry.record_id == c.record_id,
                OutboxEntry.acked_at.is_(None),
                SyncBatch.state.not_in([ACKNOWLEDGED, SUPERSEDED]),
            )
            .limit(1)
        )
        if on_its_way is not None:
            raise SyncError(ON_ITS_WAY)
        record = s.get(model, c.record_id) if model is not None else None
        if model is not None and record is None and choice == "station":
            raise SyncError(NOT_KEPT_HERE)
        over = platform.version if platform is not None else None
        outcome = "recorded"
        replaced = 0
        if record is not None:
            # unsent changes of the record (held while the conflict was open): the decided state replaces them
            # (it carries them, or takes the platform's version over them); sent, they would be based on a
            # version the platform does not hold. A record that is another station's now takes none of them.
            result: Any = s.execute(
                delete(OutboxEntry).where(
                    OutboxEntry.record_type == c.record_type,
                    OutboxEntry.record_id == c.record_id,
                    OutboxEntry.batch_id.is_(None),
                    OutboxEntry.acked_at.is_(None),
                )
            )
            replaced = int(result.rowcount or 0)
            if choice == "platform" and platform is None:
                outcome = "withdrawn"  # another station's record: nothing to take, nothing to send
            else:
                outcome = self._converge(tx, record, choice, platform, over)
        closed = list(
            s.execute(
                select(SyncConflict)
                .where(
                    SyncConflict.record_type == c.record_type,
                    SyncConflict.record_id == c.record_id,
                    SyncConflict.resolved_at.is_(None),
                )
                .order_by(SyncConflict.id)
            ).scalars()
        )
        version = record.version if record is not None and outcome not in ("withdrawn", "recorded") else None
        extra = f" ({outcome}" + (f", {replaced} unsent changes replaced" if replaced else "") + ")"
        for each in closed:
            settle_conflict(s, each, actor=self.actor.username, resolution=words + extra, at=utcnow())
        message = OUTCOMES[outcome].format(v=version if version is not None else "—", p=over if over else "—")
        return Resolution(choice, outcome, message, version, len(closed), replaced, tx.changes)

    def _converge(
        self, tx: Transaction, record: SyncMixin, choice: str, platform: PlatformCopy | None, over: int | None
    ) -> str:
        """Write the decided state over `record` (see `resolve`); returns the `OUTCOMES` key."""
        deleted_here = record.deleted_at is not None
        over_hash = outbox.content_hash(platform.payload) if platform is not None else None
        if choice == "station":
            tx.converge(record, {}, over_version=over, deleted=deleted_here, over_hash=over_hash,
                        details="sync conflict: this station's version sent again")
            if deleted_here:
                return "sent_delete"
            return "sent_station_restore" if platform is not None and platform.deleted else "sent_station"
        assert platform is not None
        try:
            values = outbox.values_from_payload(type(record), platform.payload)
        except ValueError as exc:
            raise SyncError(NOT_STORABLE.format(problem=str(exc))) from exc
        if isinstance(record, Person) and "name" in values:
            values["name"] = str(values["name"]).strip()
            if not values["name"]:
                raise SyncError(NOT_STORABLE.format(problem="name: may not be empty"))
            values.update(search.name_index(values["name"]))  # the search keys follow the name
        if platform.deleted and isinstance(record, Person) and not deleted_here:
            for t in tx.session.execute(
                select(Tenancy).where(Tenancy.person_id == record.id, Tenancy.deleted_at.is_(None))
            ).scalars():
                tx.delete(t, details="resident deleted on the platform (sync conflict decided)")
        tx.converge(record, values, over_version=over, deleted=platform.deleted, over_hash=over_hash,
                    details="sync conflict: the platform's version taken")
        if platform.deleted:
            return "deleted_person_here" if isinstance(record, Person) and not deleted_here else "deleted_here"
        return "restored_here" if deleted_here else "took_platform"


__all__ = ["CHOICES", "OUTCOMES", "Comparison", "Conflicts", "FieldDiff", "OpenConflict", "Resolution", "SyncError"]
