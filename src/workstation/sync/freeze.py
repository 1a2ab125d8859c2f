"""Freeze rules: when unsynced work is older or larger than the platform's thresholds, new
registrations are blocked — with the reason and the way out. A supervisor may override for a while;
the override is audited.

Thresholds come from settings the platform owns (``freeze_max_unsynced_age_hours``,
``freeze_max_unsynced_records``), delivered by the downlink.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from workstation.domain.permissions import Permission
from workstation.errors import UserFacingError
from workstation.storage import audit, operators, outbox, settings
from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.storage.schema import utcnow

AGE_KEY = "freeze_max_unsynced_age_hours"
COUNT_KEY = "freeze_max_unsynced_records"
OVERRIDE_KEY = "freeze.override_until"
WAY_OUT = "Sync now (`workstation sync`, or export batches to a USB stick if there is no network)."
WAY_OUT_ZH = "请立即同步（或无网络时导出批次到U盘），或请所长临时解除。"


@dataclass
class FreezeStatus:
    frozen: bool
    reasons: list[str] = field(default_factory=list)
    reasons_zh: list[str] = field(default_factory=list)
    way_out: str = WAY_OUT
    override_until: datetime | None = None

    def explain(self) -> str:
        if not self.reasons:
            return "Registration is open: unsynced work is within the platform's limits."
        lead = "Registration is blocked" if self.frozen else "Limits exceeded, but a supervisor override is active"
        return f"{lead}: {'; '.join(self.reasons)}. {self.way_out}"


class RegistrationFrozen(UserFacingError):
    def __init__(self, status: FreezeStatus) -> None:
        super().__init__(
            "New registrations are blocked: " + "; ".join(status.reasons),
            "新登记已暂停：" + "；".join(status.reasons_zh),
            hint=status.way_out,
        )
        self.status = status


def evaluate(session: Session, now: datetime | None = None) -> FreezeStatus:
    now = now or utcnow()
    count, oldest = outbox.backlog(session)
    max_age = float(settings.get(session, AGE_KEY, 72))
    max_count = int(settings.get(session, COUNT_KEY, 5000))
    reasons: list[str] = []
    zh: list[str] = []
    if oldest is not None:
        age_h = (now - oldest).total_seconds() / 3600
        if age_h > max_age:
            reasons.append(f"the oldest unsynced change is {age_h:.0f} hours old (limit {max_age:g} hours)")
            zh.append(f"最早未同步记录已{age_h:.0f}小时（上限{max_age:g}小时）")
    if count > max_count:
        reasons.append(f"{count} changes are waiting to sync (limit {max_count})")
        zh.append(f"{count}条记录待同步（上限{max_count}条）")
    until_raw = settings.get(session, OVERRIDE_KEY, None)
    until = datetime.fromisoformat(until_raw) if until_raw else None
    overridden = until is not None and until > now
    return FreezeStatus(bool(reasons) and not overridden, reasons, zh, WAY_OUT, until if overridden else None)


def guard(session: Session, actor: Actor) -> None:
    """The desk's freeze guard (`wiring.open_desk`): raises RegistrationFrozen when registration must wait."""
    st = evaluate(session)
    if st.frozen:
        raise RegistrationFrozen(st)


def override(db: Database, supervisor: Actor, *, reason: str, hours: float = 8) -> datetime:
    """A supervisor lifts the freeze for `hours`. Audited with the reason."""
    operators.authorize(db, supervisor, Permission.OVERRIDE_FREEZE)
    if not reason.strip():
        raise UserFacingError("Give a reason for the override.", "请填写解除原因。")
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
