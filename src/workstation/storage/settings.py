"""Key–value settings (JSON values): station policy and what the platform owns."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from workstation.storage.schema import Setting, utcnow

DEFAULTS: dict[str, Any] = {
    "retention_days": 730,
    "max_failed_logins": 5,
    "lockout_minutes": 10,
    "idle_lock_minutes": 10,  # the desk locks itself after this many idle minutes (issue 10 item 4)
    "store_fingerprint_images": False,
    "fingerprint_policy": "optional",  # "required", "optional", "off" (storage.policy)
    "photo_policy": "show",  # "show", "hide"
    "language": "",  # the desk's language for operators who chose none; "": the computer's
    "freeze_max_unsynced_age_hours": 72,
    "freeze_max_unsynced_records": 5000,
    # a landlord declares a new tenant within this many days of moving in (issue 11 item 4)
    "declaration_deadline_days": 3,
}


def get(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    if row is None:
        return DEFAULTS.get(key, default) if default is None else default
    return row.value


def set(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value, updated_at=utcnow()))
    else:
        row.value = value
        row.updated_at = utcnow()
