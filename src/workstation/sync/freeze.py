"""Freeze rules: when unsynced work is older or larger than the platform's thresholds, new
registrations are blocked — with the reason and the way out. A supervisor may override for a while;
the override is audited.

Thresholds come from settings the platform owns (``freeze_max_unsynced_age_hours``,
``freeze_max_unsynced_records``), delivered by the downlink.

What the rule counts is what a sync could send (`outbox.Backlog.sendable`): the rule (MOSIP's "freeze
rules", shared/spec/security-and-sync.md) exists to make a station sync, and its way out is "sync now".
Changes waiting for the officer's decision on a sync conflict - held behind it, or refused by the
platform - cannot be sent by any sync, so they neither count toward the number nor age the backlog;
they stay in the outbox (never purged while they wait) and are shown apart (`FreezeStatus.for_decision`,
`FreezeOutlook.for_decision`, ``workstation sync --status``, the Sync page), where the officer decides them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from workstation.domain.permissions import Permission
from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP, Listing, Sentences, render
from workstation.storage import audit, operators, outbox, settings
from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.storage.schema import utcnow

AGE_KEY = "freeze_max_unsynced_age_hours"
COUNT_KEY = "freeze_max_unsynced_records"
OVERRIDE_KEY = "freeze.override_until"
WAY_OUT = QT_TRANSLATE_NOOP(
    "sync",
    "Sync now (`workstation sync`, or export batches to a USB stick if there is no network), or ask a "
    "supervisor for a temporary override.",
)

#: The changes the rule leaves out, said beside its state ({count}: `Backlog.for_decision`).
NOT_COUNTED = QT_TRANSLATE_NOOP(
    "sync",
    "Not counted: {count} changes that wait for a decision on a sync conflict, not for a sync (decide them on "
    "the Sync page).",
)


@dataclass
class FreezeStatus:
    frozen: bool
    reasons: list[str] = field(default_factory=list)  # marked texts
    way_out: str = WAY_OUT
    override_until: datetime | None = None
    for_decision: int = 0  # changes waiting for a conflict decision: not counted (see the module docstring)

    @property
    def reasons_zh(self) -> list[str]:
        return [render(r, "zh_CN") for r in self.reasons]

    def explain(self) -> str:
        """The state in one marked text (``str`` is English; render it for the operator), with the changes
        waiting for a conflict decision named apart when there are any."""
        text: str
        if not self.reasons:
            text = QT_TRANSLATE_NOOP("sync", "Registration is open: unsynced work is within the platform's limits.")
        elif self.frozen:
            text = QT_TRANSLATE_NOOP("sync", "Registration is blocked: {reasons}. {way_out}").format(
                reasons=Listing(self.reasons, "semicolon"), way_out=self.way_out
            )
        else:
            text = QT_TRANSLATE_NOOP(
                "sync", "Limits exceeded, but a supervisor override is active: {reasons}. {way_out}"
            ).format(reasons=Listing(self.reasons, "semicolon"), way_out=self.way_out)
        if not self.for_decision:
            return text
        return Sentences([text, NOT_COUNTED.format(count=self.for_decision)])


class RegistrationFrozen(UserFacingError):
    def __init__(self, status: FreezeStatus) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("sync", "New registrations are blocked: {reasons}").format(
                reasons=Listing(status.reasons, "semicolon")
            ),
            hint=status.way_out,
        )
        self.status = status


def evaluate(session: Session, now: datetime | None = None) -> FreezeStatus:
    """The freeze rule now: the changes a sync could send (`outbox.Backlog.sendable`, and the oldest of them)
    against the platform's limits (settings `COUNT_KEY`, default 5000 changes; `AGE_KEY`, default 72 hours),
    and a supervisor's override (`override`). `now` naive UTC. Never raises on stored data."""
    now = now or utcnow()
    return _evaluate(session, outbox.backlog(session), now)


def _evaluate(session: Session, waiting: outbox.Backlog, now: datetime) -> FreezeStatus:
    count, oldest = waiting.sendable, waiting.sendable_oldest
    max_age = float(settings.get(session, AGE_KEY, 72))
    max_count = int(settings.get(session, COUNT_KEY, 5000))
    reasons: list[str] = []
    if oldest is not None:
        age_h = (now - oldest).total_seconds() / 3600
        if age_h > max_age:
            reasons.append(
                QT_TRANSLATE_NOOP(
                    "sync", "the oldest unsynced change is {hours:.0f} hours old (limit {limit:g} hours)"
                ).format(hours=age_h, limit=max_age)
            )
    if count > max_count:
        reasons.append(
            QT_TRANSLATE_NOOP("sync", "{count} changes are waiting to sync (limit {limit})").format(
                count=count, limit=max_count
            )
        )
    until_raw = settings.get(session, OVERRIDE_KEY, None)
    until = datetime.fromisoformat(until_raw) if until_raw else None
    overridden = until is not None and until > now
    return FreezeStatus(
        bool(reasons) and not overridden, reasons, WAY_OUT, until if overridden else None, waiting.for_decision
    )


# Share of a limit at which the desk starts warning that registration will be blocked.
WARN_AT = 0.8


@dataclass(frozen=True)
class FreezeOutlook:
    """How close unsynced work is to the freeze rule's limits (`outlook`), for warnings shown before
    anything is blocked. Times naive UTC; ages in hours."""

    waiting: int  # changes a sync could send (`outbox.Backlog.sendable`): what the rule counts
    max_waiting: int  # the platform's limit (``freeze_max_unsynced_records``)
    oldest_age_h: float | None  # age of the oldest of them, None when nothing waits to be sent
    max_age_h: float  # the platform's limit (``freeze_max_unsynced_age_hours``)
    blocks_at: datetime | None  # when the age limit is passed if nothing is synced (None: nothing waits)
    frozen: bool  # registration is blocked now (limits exceeded, no override)
    override_until: datetime | None  # a supervisor's override in force until then
    for_decision: int = 0  # changes waiting for a conflict decision (held or refused): not counted

    @property
    def share(self) -> float:
        """The larger of the two limits' shares used (1.0 = at the limit)."""
        by_count = self.waiting / self.max_waiting if self.max_waiting > 0 else 0.0
        by_age = (self.oldest_age_h or 0.0) / self.max_age_h if self.max_age_h > 0 else 0.0
        return max(by_count, by_age)

    @property
    def warning(self) -> bool:
        """Not blocked yet, but at `WARN_AT` of a limit or beyond (or past it under an override)."""
        return not self.frozen and self.share >= WARN_AT


def outlook(session: Session, now: datetime | None = None) -> FreezeOutlook:
    """The freeze rule's limits against what waits now (the same figures `evaluate` decides on)."""
    now = now or utcnow()
    waiting = outbox.backlog(session)
    count, oldest = waiting.sendable, waiting.sendable_oldest
    max_age = float(settings.get(session, AGE_KEY, 72))
    max_count = int(settings.get(session, COUNT_KEY, 5000))
    status = _evaluate(session, waiting, now)
    age_h = (now - oldest).total_seconds() / 3600 if oldest is not None else None
    return FreezeOutlook(
        waiting=int(count),
        max_waiting=max_count,
        oldest_age_h=age_h,
        max_age_h=max_age,
        blocks_at=oldest + timedelta(hours=max_age) if oldest is not None else None,
        frozen=status.frozen,
        override_until=status.override_until,
        for_decision=waiting.for_decision,
    )


def outlook_of(db: Database) -> FreezeOutlook:
    """`outlook` in a read of `db` (for the desk: run off the GUI thread)."""
    with db.read() as s:
        return outlook(s)


def guard(session: Session, actor: Actor) -> None:
    """The desk's freeze guard (`wiring.open_desk`): raises RegistrationFrozen when registration must wait."""
    st = evaluate(session)
    if st.frozen:
        raise RegistrationFrozen(st)


def override(db: Database, supervisor: Actor, *, reason: str, hours: float = 8) -> datetime:
    """A supervisor lifts the freeze for `hours`. Audited with the reason."""
    operators.authorize(db, supervisor, Permission.OVERRIDE_FREEZE)
    if not reason.strip():
        raise UserFacingError(QT_TRANSLATE_NOOP("sync", "Give a reason for the override."))
    until = utcnow() + timedelta(hours=hours)
    with db.write() as s:
        st = evaluate(s)
        settings.set(s, OVERRIDE_KEY, until.isoformat())
        audit.record(
            s,
            actor=supervisor.username,
            action="freeze.override",
            target_type=None,
            target_id=None,
            details=f"until {until.isoformat(timespec='minutes')}: {reason} (state: {st.explain()})",
        )
    return until
