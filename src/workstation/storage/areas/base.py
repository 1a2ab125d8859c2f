"""What every area service shares: the record life cycle, what a write changed, pages of rows.

The record life cycle (create / update / delete of a syncable record) is the one way to write:
each step writes the record, its outbox row and its audit row in the caller's transaction
(`Transaction`, opened by `Area._write()`), and notes the change in the transaction's `Changes`.
A call that writes returns those `Changes`, so a screen refreshes only the kinds of record it
shows (Anki's `OpChanges`).

Lists are `Page`s: a bounded run of rows plus an opaque keyset cursor for the next run (never an
OFFSET, so page 5,000 of a million residents costs what page 1 costs). The largest page a role may
ask for is `domain.permissions.max_page`: a search returns a page, not the store.

Results are frozen dataclasses; ORM rows never leave storage.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from workstation.domain.enums import Operation, TenancySource
from workstation.domain.permissions import Permission, max_page
from workstation.domain.validation import Problems
from workstation.errors import Conflict, NotFound, UserFacingError, ValidationError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import audit, operators, outbox
from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.storage.schema import SyncMixin, utcnow

R = TypeVar("R", bound=SyncMixin)
T = TypeVar("T")
FreezeGuard = Callable[[Session, Actor], None]


class Kind(enum.StrEnum):
    """Kinds of record a write can change (the syncable table names)."""

    PERSON = "person"
    IDENTITY_DOCUMENT = "identity_document"
    PROPERTY = "property"
    ROOM = "room"
    TENANCY = "tenancy"
    DECLARATION = "declaration"
    SPOT_CHECK = "spot_check"
    TASK = "task"
    FINGERPRINT = "fingerprint"
    PREREGISTRATION = "prereg"


class Unset(enum.Enum):
    """The type of `UNSET`: "leave this field as it is" in an update (None clears a field)."""

    TOKEN = "UNSET"  # noqa: S105 (not a password)

    def __repr__(self) -> str:
        return "UNSET"


UNSET = Unset.TOKEN


@dataclass(frozen=True)
class Change:
    """One record written: its kind, id, what happened to it and its version afterwards."""

    kind: Kind
    id: str
    operation: Operation
    version: int


@dataclass(frozen=True)
class Changes:
    """What one call changed, in the order it was written. The first change is the record the call
    was about (the resident registered, the property updated), so `changes.id` is its id and
    `changes.version` its new version. Empty (falsy) when nothing changed (an update to equal values):
    the record is then still at the `base_version` the caller passed, and `id`/`version` raise."""

    changed: tuple[Change, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.changed)

    @property
    def kinds(self) -> frozenset[Kind]:
        """Every kind of record written (what a screen checks before refreshing)."""
        return frozenset(c.kind for c in self.changed)

    @property
    def id(self) -> str:
        """Id of the record the call was about. Raises LookupError when nothing changed."""
        if not self.changed:
            raise LookupError("nothing changed")
        return self.changed[0].id

    @property
    def version(self) -> int:
        """Version of that record after the call. Raises LookupError when nothing changed."""
        if not self.changed:
            raise LookupError("nothing changed")
        return self.changed[0].version

    def ids(self, kind: Kind) -> frozenset[str]:
        """Ids of the records of `kind` written."""
        return frozenset(c.id for c in self.changed if c.kind is kind)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.changed + other.changed)


@dataclass(frozen=True)
class Page(Generic[T]):
    """A run of rows and the cursor of the next run (None: this was the last run).

    Pass `next` back as `after=` to continue. A cursor is opaque: store it, never build one."""

    items: tuple[T, ...]
    next: str | None = None

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)


@dataclass
class Transaction:
    """One write transaction of one actor: the record life cycle plus audit rows, collecting Changes."""

    session: Session
    actor: Actor
    _changed: list[Change] = field(default_factory=list)

    @property
    def changes(self) -> Changes:
        return Changes(tuple(self._changed))

    def _note(self, record: SyncMixin, operation: Operation) -> None:
        self._changed.append(Change(Kind(outbox.record_type_of(record)), record.id, operation, record.version))

    def create(self, record: R, details: str = "") -> R:
        """Insert `record` (version 1) with its outbox and audit rows. Returns the record, id assigned."""
        s = self.session
        record.version = 1
        record.created_by = self.actor.username
        record.created_at = record.updated_at = utcnow()
        s.add(record)
        s.flush()
        outbox.append(s, record, Operation.CREATE, base_version=None)
        kind = outbox.record_type_of(record)
        self.audit(f"{kind}.create", target_type=kind, target_id=record.id, details=details)
        self._note(record, Operation.CREATE)
        return record

    def load(self, model: type[R], record_id: str, base_version: int | None = None) -> R:
        """The live record `record_id`.

        Raises:
            NotFound: no such record, or it was deleted.
            Conflict: `base_version` is given and the record has moved on since (someone else's save).
        """
        record = self.session.get(model, record_id)
        return check_live(model, record, base_version)

    def update(self, record: R, values: Mapping[str, object], details: str = "") -> R:
        """Set `values` on `record`; when any differs, bump its version and write outbox and audit rows.
        Returns the record (unchanged version when every value was already equal)."""
        base = record.version
        changed = [k for k, v in values.items() if getattr(record, k) != v]
        for k in changed:
            setattr(record, k, values[k])
        if not changed:
            return record
        record.version = base + 1
        record.updated_at = utcnow()
        self.session.flush()
        outbox.append(self.session, record, Operation.UPDATE, base_version=base)
        kind = outbox.record_type_of(record)
        self.audit(
            f"{kind}.update", target_type=kind, target_id=record.id,
            details=details or "changed: " + ", ".join(sorted(changed)),
        )
        self._note(record, Operation.UPDATE)
        return record

    def delete(self, record: R, details: str = "") -> None:
        """Mark `record` deleted (a tombstone that syncs), with its outbox and audit rows."""
        base = record.version
        record.version = base + 1
        record.deleted_at = record.updated_at = utcnow()
        self.session.flush()
        outbox.append(self.session, record, Operation.DELETE, base_version=base)
        kind = outbox.record_type_of(record)
        self.audit(f"{kind}.delete", target_type=kind, target_id=record.id, details=details)
        self._note(record, Operation.DELETE)

    def converge(
        self,
        record: R,
        values: Mapping[str, object],
        *,
        over_version: int | None,
        deleted: bool,
        details: str = "",
        over_hash: str | None = None,
    ) -> R:
        """Write the state a sync conflict was decided for over `record`: `values` set, the record
        deleted (`deleted`) or live, as one change based on the platform's version `over_version`
        (None: the platform holds no copy). The version rises above both this station's and the
        platform's (`max(record.version, over_version) + 1`) and the outbox row carries
        `base_version=over_version` and `base_hash=over_hash` (`outbox.content_hash` of the platform's
        copy the decision was made over: the platform applies the change only while it still holds
        that copy), so the platform applies it and both sides hold the same values at the same
        version. Always writes (outbox + audit), even when no value changed here: the platform's copy
        still has to move. Returns the record.

        The outbox operation is "delete" when the record ends deleted, "create" when the platform
        holds no copy, else "update"; the audit action is ``<kind>.delete`` or ``<kind>.update``."""
        base = over_version
        changed = sorted(k for k, v in values.items() if getattr(record, k) != v)
        for k in changed:
            setattr(record, k, values[k])
        was_deleted = record.deleted_at is not None
        now = utcnow()
        if deleted and not was_deleted:
            record.deleted_at = now
        elif not deleted and was_deleted:
            record.deleted_at = None
        record.version = max(record.version, over_version or 0) + 1
        record.updated_at = now
        self.session.flush()
        operation = Operation.DELETE if deleted else Operation.CREATE if base is None else Operation.UPDATE
        outbox.append(self.session, record, operation, base_version=base, base_hash=over_hash)
        kind = outbox.record_type_of(record)
        what = "changed: " + ", ".join(changed) if changed else "no field changed here"
        if was_deleted and not deleted:
            what = "restored; " + what
        self.audit(
            f"{kind}.delete" if deleted else f"{kind}.update", target_type=kind, target_id=record.id,
            details=f"{details}; {what}" if details else what,
        )
        self._note(record, operation)
        return record

    def audit(
        self,
        action: str,
        *,
        target_type: str | None = None,
        target_id: str | None = None,
        details: str = "",
        outcome: str = "ok",
    ) -> None:
        """An audit row in this transaction, by this actor (ID numbers in `details` are masked)."""
        audit.record(
            self.session, actor=self.actor.username, action=action, target_type=target_type,
            target_id=target_id, details=details, outcome=outcome,
        )


def check_live(model: type[R], record: R | None, base_version: int | None) -> R:
    """`record` if it exists and is not deleted (and is at `base_version` when that is given).

    Raises:
        NotFound: `record` is None or deleted.
        Conflict: the record's version is not `base_version`.
    """
    if record is None or record.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP("storage", "The record no longer exists: it was deleted meanwhile."))
    if base_version is not None and record.version != base_version:
        raise Conflict(
            QT_TRANSLATE_NOOP(
                "storage",
                "Someone changed this record meanwhile (version {current}, you edited {base}). "
                "Reload it and apply your change again.",
            ).format(current=record.version, base=base_version)
        )
    return record


def raise_problems(problems: Problems) -> None:
    """Raises ValidationError listing every problem, when there is any."""
    if problems:
        raise ValidationError(problems)


@dataclass(frozen=True)
class AreaContext:
    """What every area of one desk shares: the database, who acts, and the freeze guard (sync's
    freeze rules, injected by `wiring` so storage never imports sync)."""

    db: Database
    actor: Actor
    freeze_guard: FreezeGuard | None = None


class Area:
    """Base of the area services: permission checks, transactions, the freeze guard."""

    def __init__(self, ctx: AreaContext) -> None:
        self._ctx = ctx

    @property
    def db(self) -> Database:
        return self._ctx.db

    @property
    def actor(self) -> Actor:
        return self._ctx.actor

    def _require(self, permission: Permission) -> None:
        """What every public call runs first (`operators.authorize`): the role may do `permission`
        and the operator is still active. Raises PermissionDenied or OperatorInactive."""
        operators.authorize(self.db, self.actor, permission)

    def _require_active(self) -> None:
        """For calls every role may make: the operator is still active. Raises OperatorInactive."""
        with self.db.read() as s:
            operators.check_active(s, self.actor)

    def _limit(self, limit: int) -> int:
        """`limit` clamped to 1..the largest page the actor's role may read (`max_page`)."""
        return max(1, min(int(limit), max_page(self.actor.role)))

    @contextlib.contextmanager
    def _write(self) -> Iterator[Transaction]:
        """A write transaction (also used by audited reads: the audit row commits with the read)."""
        with self.db.write() as s:
            yield Transaction(s, self.actor)

    @contextlib.contextmanager
    def _audited_read(self) -> Iterator[Transaction]:
        """The transaction of a read of personal data: its audit row commits with the read, without
        waiting for an fsync (`Database.write(durable=False)`: crash-consistent, durable with the next
        change or before the audit head is anchored; docs/security.md). Write nothing else in it."""
        with self.db.write(durable=False) as s:
            yield Transaction(s, self.actor)

    def _default_source(self) -> TenancySource:
        return TenancySource.OFFICER if self.actor.role.value == "officer" else TenancySource.ASSISTANT

    def _guard_registration(self, what: str) -> None:
        """Ask the freeze guard (sync's freeze rules) before a registration. A refusal is audited in
        its own transaction, so the record of the refused attempt survives the refusal.

        Raises:
            UserFacingError: registration is frozen (the guard's own error).
        """
        guard = self._ctx.freeze_guard
        if guard is None:
            return
        try:
            with self.db.read() as s:
                guard(s, self.actor)
        except UserFacingError as exc:
            with self._write() as tx:
                tx.audit("registration.blocked", outcome="refused", details=f"{what}: {exc.message}")
            raise
