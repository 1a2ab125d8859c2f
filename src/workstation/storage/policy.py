"""Station policy: the settings an administrator sets for the whole station, read and changed with
their rules, each change audited.

The values live in the key–value settings (`storage.settings`, keys as below); this module is the
one way an administrator reads and changes them (the desktop app's Administration page; tests).

| key                          | meaning                                                 | allowed            |
|------------------------------|---------------------------------------------------------|--------------------|
| ``retention_days``           | acknowledged data older than this is purged             | 30–3650 days       |
| ``idle_lock_minutes``        | the desk locks itself after this many idle minutes      | 1–120 minutes      |
| ``max_failed_logins``        | failed logins in a row before an account is locked      | 3–20               |
| ``lockout_minutes``          | how long such an account stays locked                  | 1–1440 minutes     |
| ``fingerprint_policy``       | a registration requires / offers / never asks a finger  | required, optional, off |
| ``store_fingerprint_images`` | keep the fingerprint image besides the template         | yes / no           |
| ``photo_policy``             | show the ID card's photo at registration                | show, hide         |
| ``language``                 | the desk's language for operators who chose none        | "", zh_CN, en      |
| ``declaration_deadline_days``| days a landlord has to declare a new tenant (业主申报时限) | 1–30 days          |

(The fingerprint policy: "optional" lets the operator skip the finger with a reason, "required" only
with a supervisor's confirmation, both recorded as "fingerprint.skip" by `storage.areas.biometrics`.
"" for the language: the computer's. The declaration deadline: 《租赁房屋治安管理规定》 art. 7 makes the
lessor report his tenants to the police; local rules set the days; `storage.areas.checks` marks a
staff-recorded binding overdue after them.) The platform may set some of these too (sync downlink,
audited as ``setting.platform``); the last writer wins.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy.orm import Session

from workstation.domain.permissions import Permission
from workstation.errors import Problem, ValidationError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import audit, operators, settings
from workstation.storage.db import Database
from workstation.storage.operators import Actor

FINGERPRINT_POLICIES = ("required", "optional", "off")
PHOTO_POLICIES = ("show", "hide")
LANGUAGES = ("", "zh_CN", "en")  # "": the computer's language

#: whole-number settings: (lowest, highest)
RANGES: dict[str, tuple[int, int]] = {
    "retention_days": (30, 3650),
    "idle_lock_minutes": (1, 120),
    "max_failed_logins": (3, 20),
    "lockout_minutes": (1, 1440),
    "declaration_deadline_days": (1, 30),
}
_RANGE_TEXT = {
    "retention_days": QT_TRANSLATE_NOOP("storage", "a whole number of days from {low} to {high}"),
    "idle_lock_minutes": QT_TRANSLATE_NOOP("storage", "a whole number of minutes from {low} to {high}"),
    "max_failed_logins": QT_TRANSLATE_NOOP("storage", "a whole number of attempts from {low} to {high}"),
    "lockout_minutes": QT_TRANSLATE_NOOP("storage", "a whole number of minutes from {low} to {high}"),
    "declaration_deadline_days": QT_TRANSLATE_NOOP("storage", "a whole number of days from {low} to {high}"),
}


@dataclass(frozen=True)
class StationPolicy:
    """The station's policy as stored (defaults where nothing was set). Units: days and minutes."""

    retention_days: int
    idle_lock_minutes: int
    max_failed_logins: int
    lockout_minutes: int
    fingerprint_policy: str
    store_fingerprint_images: bool
    photo_policy: str
    language: str
    declaration_deadline_days: int


@dataclass(frozen=True)
class PolicyChange:
    """What `change` did: the policy afterwards and the keys whose value changed (in field order;
    empty when every value was already as asked)."""

    policy: StationPolicy
    changed: tuple[str, ...]


def _int_or(value: Any, fallback: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return fallback


def _read(s: Session) -> StationPolicy:
    d = settings.DEFAULTS

    def choice(key: str, allowed: tuple[str, ...], default: str) -> str:
        v = settings.get(s, key, None)
        v = default if v is None else str(v)
        return v if v in allowed else default

    return StationPolicy(
        retention_days=_int_or(settings.get(s, "retention_days"), int(d["retention_days"])),
        idle_lock_minutes=_int_or(settings.get(s, "idle_lock_minutes"), int(d["idle_lock_minutes"])),
        max_failed_logins=_int_or(settings.get(s, "max_failed_logins"), int(d["max_failed_logins"])),
        lockout_minutes=_int_or(settings.get(s, "lockout_minutes"), int(d["lockout_minutes"])),
        fingerprint_policy=choice("fingerprint_policy", FINGERPRINT_POLICIES, "optional"),
        store_fingerprint_images=bool(settings.get(s, "store_fingerprint_images")),
        photo_policy=choice("photo_policy", PHOTO_POLICIES, "show"),
        language=choice("language", LANGUAGES, ""),
        declaration_deadline_days=_int_or(settings.get(s, "declaration_deadline_days"),
                                          int(d["declaration_deadline_days"])),
    )


def read(db: Database, actor: Actor) -> StationPolicy:
    """The station policy. Needs MANAGE_SETTINGS; raises PermissionDenied or OperatorInactive."""
    operators.authorize(db, actor, Permission.MANAGE_SETTINGS)
    with db.read() as s:
        return _read(s)


def _whole(key: str, value: int | str, problems: list[Problem]) -> int | None:
    low, high = RANGES[key]
    text = str(value).strip()
    n: int | None
    try:
        n = int(text) if not isinstance(value, bool) else None
    except ValueError:
        n = None
    if n is None or not low <= n <= high:
        problems.append(Problem(key, "range", _RANGE_TEXT[key].format(low=low, high=high)))
        return None
    return n


def _choice(key: str, value: str, allowed: tuple[str, ...], problems: list[Problem]) -> str | None:
    if value not in allowed:
        problems.append(
            Problem(
                key,
                "invalid",
                QT_TRANSLATE_NOOP("storage", "choose one of: {choices}").format(
                    choices=", ".join(a or "(default)" for a in allowed)
                ),
            )
        )
        return None
    return value


def change(
    db: Database,
    actor: Actor,
    *,
    retention_days: int | str | None = None,
    idle_lock_minutes: int | str | None = None,
    max_failed_logins: int | str | None = None,
    lockout_minutes: int | str | None = None,
    fingerprint_policy: str | None = None,
    store_fingerprint_images: bool | None = None,
    photo_policy: str | None = None,
    language: str | None = None,
    declaration_deadline_days: int | str | None = None,
) -> PolicyChange:
    """Change the given settings (None: leave as it is). Whole numbers may come as typed text
    ("30"); ranges and choices are in the module docstring. Every value is checked before anything
    is written: one bad value changes nothing. Each changed key is audited (``settings.change``,
    target the key, details "old -> new") in the same transaction.

    Raises ValidationError (one `Problem` per bad value, named by its key), PermissionDenied,
    OperatorInactive."""
    operators.authorize(db, actor, Permission.MANAGE_SETTINGS)
    problems: list[Problem] = []
    wanted: dict[str, Any] = {}
    for key, value in (
        ("retention_days", retention_days),
        ("idle_lock_minutes", idle_lock_minutes),
        ("max_failed_logins", max_failed_logins),
        ("lockout_minutes", lockout_minutes),
        ("declaration_deadline_days", declaration_deadline_days),
    ):
        if value is not None:
            n = _whole(key, value, problems)
            if n is not None:
                wanted[key] = n
    for key, choice, allowed in (
        ("fingerprint_policy", fingerprint_policy, FINGERPRINT_POLICIES),
        ("photo_policy", photo_policy, PHOTO_POLICIES),
        ("language", language, LANGUAGES),
    ):
        if choice is not None:
            c = _choice(key, choice, allowed, problems)
            if c is not None:
                wanted[key] = c
    if store_fingerprint_images is not None:
        wanted["store_fingerprint_images"] = bool(store_fingerprint_images)
    if problems:
        raise ValidationError(problems)
    with db.write() as s:
        before = _read(s)
        changed: list[str] = []
        for f in fields(StationPolicy):
            if f.name not in wanted:
                continue
            old, new = getattr(before, f.name), wanted[f.name]
            if old == new:
                continue
            settings.set(s, f.name, new)
            audit.record(
                s, actor=actor.username, action="settings.change", target_type="setting", target_id=f.name,
                details=f"{old!r} -> {new!r}",
            )
            changed.append(f.name)
        return PolicyChange(_read(s), tuple(changed))
