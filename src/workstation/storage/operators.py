"""Operator accounts: create, disable, change role, reset and change passwords, authenticate with
lockout, and re-check on every service call that the operator is still active.

Passwords are hashed with Argon2id (argon2-cffi). After `max_failed_logins` failures in a row
(default 5) the account is locked for `lockout_minutes` (default 10); both are station settings.
Every logon, failure, lockout and account change is audited.

Rules (station-integrity issue, item 7):

* A login answers every refusal — unknown name, wrong password, disabled account — with the same
  `AuthenticationFailed` message and after the same work (an unknown name is checked against a
  dummy Argon2 hash made with the same parameters), so neither the answer nor its timing tells which
  user names exist (OWASP Authentication Cheat Sheet, "Authentication and error messages").
* A locked name is answered with `AccountLocked` and the time left ("locked for another 8
  minutes"). So that this does not tell real accounts from others, a name that is no account (or a
  disabled one) is locked the same way after the same number of failures: its failures are counted
  from the audit trail (the login rows of that name since its last lockout or success), and its
  lockout is an audit row too (``outcome="locked"``, ``details="lockout until <UTC time>…"``).
  A real account's count and lockout stay on the operator row.
* The last active administrator cannot be disabled or given another role.
* After an administrator resets a password, the next correct login raises `PasswordChangeRequired`;
  `change_password` sets the operator's own new password and logs them in.
* User names are NFKC-normalised and case-folded (Unicode Standard Annex #15 and #31), 1–32 letters,
  digits and ``. _ -``; no control, format (bidi overrides, zero-width) or space characters; unique
  without regard to case.
* `authorize` (permission + "still active") is what every service call runs first.
* An administrator unlocks a locked-out account with `unlock` (the password stays as it is), or by
  resetting the password. `accounts` lists every operator with the state an administrator is shown
  (active, locked, disabled, must change password): the console's `operator list` and the desktop
  app's Administration page read the same.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.domain.enums import Role
from workstation.domain.permissions import Permission, require
from workstation.errors import NotFound, Problem, ValidationError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import audit, settings
from workstation.storage.db import Database
from workstation.storage.errors import (
    AccountLocked,
    AuthenticationFailed,
    OperatorInactive,
    PasswordChangeRequired,
)
from workstation.storage.schema import AuditEvent, Operator, utcnow

_hasher = PasswordHasher()
_dummy_hash: str | None = None
MIN_PASSWORD = 8
MAX_PASSWORD = 1024
MAX_USERNAME = 32
MAX_DISPLAY_NAME = 64
USERNAME_PUNCTUATION = "._-"


@dataclass(frozen=True)
class Actor:
    """Who is acting: passed to every service call. `operator_id` None only for internal actors
    (`system`, init) that no one logs in as; those are not re-checked against the operator table."""

    username: str
    role: Role
    operator_id: str | None = None

    @classmethod
    def system(cls) -> Actor:
        return cls("system", Role.ADMIN)


def set_password_hasher(hasher: PasswordHasher) -> None:
    """Tests use cheaper parameters; production keeps argon2-cffi's defaults."""
    global _hasher, _dummy_hash
    _hasher = hasher
    _dummy_hash = None


def _dummy() -> str:
    """A hash of a random secret with the current parameters: verifying against it costs what a real
    verification costs, and no password matches it."""
    global _dummy_hash
    if _dummy_hash is None:
        import secrets

        _dummy_hash = _hasher.hash(secrets.token_hex(16))
    return _dummy_hash


# ---- names and passwords -------------------------------------------------------------------
def canonical_username(name: str) -> str:
    """The form a user name is stored and compared in: NFKC, case-folded, NFKC again (so that
    "ＯＦＦＩＣＥＲ", "Officer" and "officer" are one name). Does not validate; see `validate_username`."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold()).strip()


def validate_username(name: str) -> str:
    """Return the canonical user name or raise ValidationError naming what is wrong.

    Allowed: 1–32 characters, each a letter (Unicode category L*), a decimal digit (Nd) or one of
    ``. _ -``. Refused: control and format characters (terminal escapes, bidi overrides such as
    U+202E, zero-width characters), spaces and every other symbol."""
    if len(name) > 4 * MAX_USERNAME:
        raise ValidationError(
            [
                Problem(
                    "username",
                    "invalid",
                    QT_TRANSLATE_NOOP("storage", "a user name has at most {max_username} characters").format(
                        max_username=MAX_USERNAME
                    ),
                )
            ]
        )
    canon = canonical_username(name)
    if not canon:
        raise ValidationError(
            [Problem("username", "required", QT_TRANSLATE_NOOP("storage", "a user name is required"))]
        )
    if len(canon) > MAX_USERNAME:
        raise ValidationError(
            [
                Problem(
                    "username",
                    "invalid",
                    QT_TRANSLATE_NOOP("storage", "a user name has at most {max_username} characters").format(
                        max_username=MAX_USERNAME
                    ),
                )
            ]
        )
    bad = [c for c in canon if not (unicodedata.category(c)[0] == "L" or unicodedata.category(c) == "Nd"
                                   or c in USERNAME_PUNCTUATION)]
    if bad:
        shown = ", ".join(sorted({f"U+{ord(c):04X}" for c in bad}))
        raise ValidationError(
            [
                Problem(
                    "username",
                    "invalid",
                    QT_TRANSLATE_NOOP(
                        "storage", "a user name may hold only letters, digits and . _ - (not {shown})"
                    ).format(shown=shown),
                )
            ]
        )
    return canon


def validate_display_name(name: str) -> str:
    """NFC-normalised, stripped display name of 1–64 characters with no control, format, private-use
    or unassigned characters; raises ValidationError."""
    if len(name) > 4 * MAX_DISPLAY_NAME:
        raise ValidationError(
            [
                Problem(
                    "display_name",
                    "invalid",
                    QT_TRANSLATE_NOOP("storage", "a display name has at most {max_display_name} characters").format(
                        max_display_name=MAX_DISPLAY_NAME
                    ),
                )
            ]
        )
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        raise ValidationError(
            [Problem("display_name", "required", QT_TRANSLATE_NOOP("storage", "a display name is required"))]
        )
    if len(name) > MAX_DISPLAY_NAME:
        raise ValidationError(
            [
                Problem(
                    "display_name",
                    "invalid",
                    QT_TRANSLATE_NOOP("storage", "a display name has at most {max_display_name} characters").format(
                        max_display_name=MAX_DISPLAY_NAME
                    ),
                )
            ]
        )
    bad = [c for c in name if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp")]
    if bad:
        shown = ", ".join(sorted({f"U+{ord(c):04X}" for c in bad}))
        raise ValidationError(
            [
                Problem(
                    "display_name",
                    "invalid",
                    QT_TRANSLATE_NOOP("storage", "a display name may not hold control characters ({shown})").format(
                        shown=shown
                    ),
                )
            ]
        )
    return name


def _check_password(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            [
                Problem(
                    field,
                    "invalid",
                    QT_TRANSLATE_NOOP("storage", "a password needs at least {min_password} characters").format(
                        min_password=MIN_PASSWORD
                    ),
                )
            ]
        )
    if len(password) > MAX_PASSWORD:
        raise ValidationError(
            [
                Problem(
                    field,
                    "invalid",
                    QT_TRANSLATE_NOOP("storage", "a password has at most {max_password} characters").format(
                        max_password=MAX_PASSWORD
                    ),
                )
            ]
        )


def _for_audit(name: str) -> str:
    """A user name as typed at a login, safe to keep in the audit trail and show at a terminal:
    canonical, at most 64 characters, control/format characters replaced by their code point."""
    canon = canonical_username(name[: 4 * MAX_USERNAME])
    out = "".join(c if unicodedata.category(c)[0] not in "CZ" or c == " " else f"<U+{ord(c):04X}>" for c in canon)
    return out[:64]


# ---- account management --------------------------------------------------------------------
def _find(s: Session, username: str) -> Operator | None:
    """The operator whose canonical name equals `username`'s (also finds rows stored before names
    were canonicalised)."""
    canon = canonical_username(username[: 4 * MAX_USERNAME])
    op = s.execute(select(Operator).where(Operator.username == canon)).scalar_one_or_none()
    if op is not None:
        return op
    for other in s.execute(select(Operator)).scalars():
        if canonical_username(other.username) == canon:
            return other
    return None


def _get(s: Session, username: str) -> Operator:
    op = _find(s, username)
    if op is None:
        shown = _for_audit(username)
        raise NotFound(QT_TRANSLATE_NOOP("storage", "No operator named '{shown}'").format(shown=shown))
    return op


def create_operator(
    db: Database, actor: Actor | None, *, username: str, display_name: str, role: Role, password: str
) -> str:
    """Create an operator; returns its id. `actor` None only for the first admin during `init`.

    The user name is stored in its canonical form (`validate_username`). Raises PermissionDenied,
    OperatorInactive, ValidationError (bad or taken name, short password)."""
    if actor is not None:
        authorize(db, actor, Permission.MANAGE_OPERATORS)
    username = validate_username(username)
    display_name = validate_display_name(display_name or username)
    _check_password(password)
    with db.write() as s:
        if _find(s, username) is not None:
            raise ValidationError(
                [
                    Problem(
                        "username",
                        "invalid",
                        QT_TRANSLATE_NOOP("storage", "user name '{username}' is taken").format(username=username),
                    )
                ]
            )
        op = Operator(
            username=username, display_name=display_name, role=role.value, password_hash=_hasher.hash(password)
        )
        s.add(op)
        s.flush()
        audit.record(
            s,
            actor=actor.username if actor else "init",
            action="operator.create",
            target_type="operator",
            target_id=username,
            details=f"role={role.value}",
        )
        return op.id


def _other_active_admins(s: Session, op: Operator) -> int:
    return int(
        s.execute(
            select(func.count())
            .select_from(Operator)
            .where(Operator.role == Role.ADMIN.value, Operator.disabled.is_(False), Operator.id != op.id)
        ).scalar_one()
    )


def _refuse_last_admin(s: Session, op: Operator, what: str) -> None:
    if op.role == Role.ADMIN.value and not op.disabled and _other_active_admins(s, op) == 0:
        raise ValidationError(
            [
                Problem(
                    "username",
                    "invalid",
                    QT_TRANSLATE_NOOP(
                        "storage",
                        "'{username}' is the last active administrator and cannot be {what}; create or enable "
                        "another administrator first",
                    ).format(username=op.username, what=what),
                )
            ]
        )


def set_disabled(db: Database, actor: Actor, username: str, disabled: bool = True) -> None:
    """Disable (or enable) an operator. Refuses to disable the last active administrator."""
    authorize(db, actor, Permission.MANAGE_OPERATORS)
    with db.write() as s:
        op = _get(s, username)
        if disabled:
            _refuse_last_admin(s, op, QT_TRANSLATE_NOOP("storage", "disabled"))
        op.disabled = disabled
        audit.record(
            s,
            actor=actor.username,
            action="operator.disable" if disabled else "operator.enable",
            target_type="operator",
            target_id=op.username,
        )


def set_role(db: Database, actor: Actor, username: str, role: Role) -> None:
    """Give an operator another role; their open sessions end (see `authorize`). Refuses to demote the
    last active administrator."""
    authorize(db, actor, Permission.MANAGE_OPERATORS)
    with db.write() as s:
        op = _get(s, username)
        if role.value == op.role:
            return
        if role is not Role.ADMIN:
            _refuse_last_admin(s, op, QT_TRANSLATE_NOOP("storage", "given another role"))
        old = op.role
        op.role = role.value
        audit.record(
            s, actor=actor.username, action="operator.role", target_type="operator", target_id=op.username,
            details=f"{old} -> {role.value}",
        )


def unlock(db: Database, actor: Actor, username: str, *, now: datetime | None = None) -> bool:
    """Lift a lockout: clear the failed-login count and the lock (the password is unchanged; the
    operator's open sessions are not affected). Audited as ``operator.unlock`` with whether the
    account was locked at `now` (UTC, naive; default now). Returns True when it was locked.

    Raises PermissionDenied, OperatorInactive, NotFound (no such operator)."""
    authorize(db, actor, Permission.MANAGE_OPERATORS)
    now = now or utcnow()
    with db.write() as s:
        op = _get(s, username)
        was_locked = op.locked_until is not None and op.locked_until > now
        op.failed_attempts = 0
        op.locked_until = None
        audit.record(
            s, actor=actor.username, action="operator.unlock", target_type="operator", target_id=op.username,
            details="was locked" if was_locked else "was not locked",
        )
        return was_locked


def reset_password(db: Database, actor: Actor, username: str, new_password: str) -> None:
    """Set a temporary password; the operator must choose their own at the next login
    (`PasswordChangeRequired`), and their open sessions end."""
    authorize(db, actor, Permission.MANAGE_OPERATORS)
    _check_password(new_password)
    with db.write() as s:
        op = _get(s, username)
        op.password_hash = _hasher.hash(new_password)
        op.failed_attempts = 0
        op.locked_until = None
        op.must_change_password = True
        audit.record(
            s, actor=actor.username, action="operator.reset_password", target_type="operator", target_id=op.username
        )


# ---- login ---------------------------------------------------------------------------------
def _refused(s: Session) -> AuthenticationFailed:
    max_failed = int(settings.get(s, "max_failed_logins"))
    minutes = int(settings.get(s, "lockout_minutes"))
    return AuthenticationFailed(
        QT_TRANSLATE_NOOP(
            "storage",
            "Wrong user name or password. After {max_failed} failed attempts in a row an account is locked for "
            "{minutes} minutes; an administrator can unlock it sooner.",
        ).format(max_failed=max_failed, minutes=minutes),
    )


_LOCKOUT_UNTIL = "lockout until "  # how an audit row that starts a lockout begins its details
#: Audit actions of a password check that count towards a name's lockout: a login, and a confirmation
#: given at another operator's desk (`confirm`).
PASSWORD_CHECKS = ("login", "operator.confirm")


def _locked(until: datetime, now: datetime) -> AccountLocked:
    return AccountLocked(int((until - now).total_seconds() + 0.999))


def _lockout_details(until: datetime, extra: str = "") -> str:
    return f"{_LOCKOUT_UNTIL}{until.isoformat()}" + (f"; {extra}" if extra else "")


def _name_lockout(s: Session, name: str, now: datetime) -> tuple[int, datetime | None]:
    """(failures in a row, locked until or None) of a name that is no account or a disabled one, from
    its login rows in the audit trail, newest first: failures count back to its last lockout or
    success; a lockout still running gives its end."""
    rows = s.execute(
        select(AuditEvent.outcome, AuditEvent.details)
        .where(AuditEvent.target_type == "operator", AuditEvent.target_id == name,
               AuditEvent.action.in_(PASSWORD_CHECKS))
        .order_by(AuditEvent.seq.desc())
        .limit(200)
    ).all()
    failed = 0
    for outcome, details in rows:
        if outcome == "locked" and details.startswith(_LOCKOUT_UNTIL):
            try:
                until = datetime.fromisoformat(details[len(_LOCKOUT_UNTIL):].split(";")[0])
            except ValueError:
                return failed, None
            return failed, until if until > now else None
        if outcome in ("refused", "failed"):
            failed += 1
        elif outcome != "locked":  # a success ends the run of failures
            break
    return failed, None


def _verify(password_hash: str, password: str) -> bool:
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _check_credentials(
    s: Session, username: str, password: str, now: datetime, *, action: str = "login", purpose: str = ""
) -> Operator:
    """The login rules, inside the caller's write transaction. Returns the operator whose password
    was right, or raises AuthenticationFailed after recording the failure (the caller must let the
    transaction commit first: see `_login`). Failures are audited as `action` ("login", or
    "operator.confirm" for a confirmation at another operator's desk, with `purpose` in the details);
    both count towards the same lockout."""
    extra = f"; {purpose}" if purpose else ""
    max_failed = int(settings.get(s, "max_failed_logins"))
    lock_minutes = int(settings.get(s, "lockout_minutes"))
    op = _find(s, username) if len(username) <= 4 * MAX_USERNAME else None
    name = op.username if op is not None else _for_audit(username)
    # the same Argon2 work on every path: a real hash, or the dummy for an unknown name
    right = _verify(op.password_hash if op is not None else _dummy(), password[: 4 * MAX_PASSWORD])
    if op is None or op.disabled:  # locked like an account, so the answers do not tell them apart
        unknown = "unknown or disabled account"
        failed, until = _name_lockout(s, name, now)
        if until is not None:
            audit.record(s, actor=name, action=action, target_type="operator", target_id=name,
                         outcome="locked", details=unknown + extra)
            raise _locked(until, now)
        if failed + 1 >= max_failed:
            until = now + timedelta(minutes=lock_minutes)
            audit.record(s, actor=name, action=action, target_type="operator", target_id=name,
                         outcome="locked", details=_lockout_details(until, unknown + extra))
            raise _locked(until, now)
        audit.record(s, actor=name, action=action, target_type="operator", target_id=name,
                     outcome="refused", details=unknown + extra)
        raise _refused(s)
    if op.locked_until is not None and op.locked_until > now:
        audit.record(s, actor=name, action=action, target_type="operator", target_id=name, outcome="locked",
                     details=purpose)
        raise _locked(op.locked_until, now)
    if not right:
        op.failed_attempts += 1
        if op.failed_attempts >= max_failed:
            op.locked_until = now + timedelta(minutes=lock_minutes)
            op.failed_attempts = 0
            audit.record(s, actor=name, action=action, target_type="operator", target_id=name,
                         outcome="locked", details=_lockout_details(op.locked_until, purpose))
            raise _locked(op.locked_until, now)
        audit.record(s, actor=name, action=action, target_type="operator", target_id=name, outcome="failed",
                     details=purpose)
        raise _refused(s)
    op.failed_attempts = 0
    op.locked_until = None
    if _hasher.check_needs_rehash(op.password_hash):
        op.password_hash = _hasher.hash(password)
    return op


def _inspection_login(db: Database, username: str, password: str, now: datetime) -> Actor:
    """Login on a station opened read-only because its audit trail is damaged (see
    `station.unlock`): the same checks, but nothing can be counted or audited, so it only lets an
    operator in for an inspection (`Database.write` refuses everything else)."""
    with db.read() as s, s.no_autoflush:
        op = _find(s, username) if len(username) <= 4 * MAX_USERNAME else None
        right = _verify(op.password_hash if op is not None else _dummy(), password[: 4 * MAX_PASSWORD])
        if (
            op is None
            or op.disabled
            or not right
            or op.must_change_password
            or (op.locked_until is not None and op.locked_until > now)
        ):
            raise _refused(s)
        return Actor(op.username, Role(op.role), op.id)


def _login(
    db: Database, username: str, password: str, now: datetime, new_password: str | None, *, unlock: bool = False
) -> Actor:
    if db.read_only_reason is not None and new_password is None:
        return _inspection_login(db, username, password, now)
    failure: Exception | None = None
    with db.write() as s:
        try:
            op = _check_credentials(s, username, password, now)
        except AuthenticationFailed as exc:
            failure = exc  # raised after the transaction committed: the count and audit row are kept
        else:
            if new_password is None and op.must_change_password:
                audit.record(s, actor=op.username, action="login", target_type="operator",
                             target_id=op.username, outcome="must_change")
                failure = PasswordChangeRequired(op.username)
            else:
                if new_password is not None:
                    op.password_hash = _hasher.hash(new_password)
                    op.must_change_password = False
                    audit.record(s, actor=op.username, action="operator.change_password",
                                 target_type="operator", target_id=op.username)
                op.last_login_at = now
                audit.record(s, actor=op.username, action="unlock" if unlock else "login", target_type="operator",
                             target_id=op.username)
                return Actor(op.username, Role(op.role), op.id)
    assert failure is not None
    raise failure


def authenticate(
    db: Database, username: str, password: str, *, now: datetime | None = None, unlock: bool = False
) -> Actor:
    """Log an operator in; returns their Actor. `unlock`: the operator is unlocking their own locked
    desk session (the same checks; the success is audited as "unlock" rather than "login").

    Raises AuthenticationFailed — one message for an unknown name, a wrong password or a disabled
    account, after the same Argon2 work; AccountLocked (with `seconds_left`) from the failure that
    reaches `max_failed_logins` in a row until `lockout_minutes` have passed, for a real account and
    for any other name alike; or PasswordChangeRequired when the password was right but was reset
    by an administrator (then call `change_password`). Failures are counted and audited; the
    lockout is enforced here."""
    return _login(db, username, password, now or utcnow(), None, unlock=unlock)


#: Desk session events the trail records besides logging in (`record_session_event`).
SESSION_EVENTS = ("logout", "lock", "lock.idle")


def record_session_event(db: Database, actor: Actor, action: str) -> None:
    """Audit a desk session event of `actor`: "logout" (logged out, or the app closed with the session
    open), "lock" (locked by the operator) or "lock.idle" (locked after the idle time). Nothing is
    written on a station opened read-only for an inspection.

    Raises:
        ValueError: `action` is not one of `SESSION_EVENTS`.
    """
    if action not in SESSION_EVENTS:
        raise ValueError(f"not a session event: {action!r}")
    if db.read_only_reason is not None:
        return
    with db.write() as s:
        audit.record(s, actor=actor.username, action=action, target_type="operator", target_id=actor.username)


def confirm(db: Database, username: str, password: str, *, purpose: str, now: datetime | None = None) -> Actor:
    """Another operator confirms an action at a desk someone else is logged in to (a supervisor
    countersigning), with their name and password: checked exactly as `authenticate` checks a login
    (same refusals, failures counted towards the same lockout), but it is no login: every attempt is
    audited as "operator.confirm" with `purpose` (plain words, no personal data) - outcome "ok", or
    "failed" / "refused" / "locked" as a login's would be - and a success does not log them in or
    touch their last login time. Returns their Actor.

    Raises:
        AuthenticationFailed: as `authenticate` (AccountLocked, and PasswordChangeRequired when their
            password was reset: they must log in once themselves first).
        AuditTrailDamaged: the station is open for an inspection only (nothing can be confirmed).
    """
    when = now or utcnow()
    failure: Exception | None = None
    with db.write() as s:
        try:
            op = _check_credentials(s, username, password, when, action="operator.confirm", purpose=purpose)
        except AuthenticationFailed as exc:
            failure = exc  # raised after the transaction committed: the count and audit row are kept
        else:
            if op.must_change_password:
                audit.record(s, actor=op.username, action="operator.confirm", target_type="operator",
                             target_id=op.username, outcome="must_change", details=purpose)
                failure = PasswordChangeRequired(op.username)
            else:
                audit.record(s, actor=op.username, action="operator.confirm", target_type="operator",
                             target_id=op.username, details=purpose)
                return Actor(op.username, Role(op.role), op.id)
    assert failure is not None
    raise failure


def change_password(
    db: Database, username: str, old_password: str, new_password: str, *, now: datetime | None = None
) -> Actor:
    """An operator sets their own password (also the way through `PasswordChangeRequired`): checks the
    old password exactly as `authenticate` does (same failures, same lockout), sets the new one,
    clears "must change" and returns the logged-in Actor. The new password needs at least 8
    characters and must differ from the old. Raises AuthenticationFailed or ValidationError."""
    _check_password(new_password, "new_password")
    if new_password == old_password:
        raise ValidationError(
            [
                Problem(
                    "new_password",
                    "invalid",
                    QT_TRANSLATE_NOOP("storage", "the new password must differ from the old one"),
                )
            ]
        )
    return _login(db, username, old_password, now or utcnow(), new_password)


# ---- every service call ----------------------------------------------------------------------
def check_active(s: Session, actor: Actor) -> None:
    """Raise OperatorInactive unless `actor`'s operator row still exists, is enabled, has the same
    role and has no pending password reset. Internal actors (operator_id None) pass."""
    if actor.operator_id is None:
        return
    row = s.execute(
        select(Operator.disabled, Operator.role, Operator.must_change_password).where(Operator.id == actor.operator_id)
    ).first()
    if row is None or row.disabled or row.role != actor.role.value or row.must_change_password:
        raise OperatorInactive(actor.username)


def authorize(db: Database, actor: Actor, permission: Permission) -> None:
    """What every service call runs first: the role may do `permission` (domain/permissions.py
    matrix) and the operator is still active (`check_active`). Raises PermissionDenied or
    OperatorInactive (the app then returns to the login screen)."""
    require(actor.role, permission)
    if actor.operator_id is not None:
        with db.read() as s:
            check_active(s, actor)


@dataclass(frozen=True)
class OperatorAccount:
    """One operator as an administrator sees it (no password hash).

    ``state`` is "disabled", "locked" (failed logins; until ``locked_until``, UTC naive) or "active";
    ``must_change_password`` is set after an administrator reset the password; ``failed_attempts``
    counts failures in a row since the last success or lockout."""

    id: str
    username: str
    display_name: str
    role: Role
    state: str
    must_change_password: bool
    failed_attempts: int
    locked_until: datetime | None
    last_login_at: datetime | None
    created_at: datetime

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


ACTIVE, LOCKED, DISABLED = "active", "locked", "disabled"


def _account(op: Operator, now: datetime) -> OperatorAccount:
    locked = op.locked_until is not None and op.locked_until > now
    return OperatorAccount(
        id=op.id,
        username=op.username,
        display_name=op.display_name,
        role=Role(op.role),
        state=DISABLED if op.disabled else (LOCKED if locked else ACTIVE),
        must_change_password=bool(op.must_change_password),
        failed_attempts=int(op.failed_attempts or 0),
        locked_until=op.locked_until if locked else None,
        last_login_at=op.last_login_at,
        created_at=op.created_at,
    )


def accounts(db: Database, actor: Actor, *, now: datetime | None = None) -> list[OperatorAccount]:
    """Every operator with their state at `now` (UTC naive; default now), by user name. Needs
    MANAGE_OPERATORS (an administrator); raises PermissionDenied or OperatorInactive."""
    authorize(db, actor, Permission.MANAGE_OPERATORS)
    now = now or utcnow()
    with db.read() as s:
        return [_account(op, now) for op in s.execute(select(Operator).order_by(Operator.username)).scalars()]


def list_operators(db: Database, actor: Actor) -> list[Operator]:
    """Every operator, by user name (admin only)."""
    authorize(db, actor, Permission.MANAGE_OPERATORS)
    with db.read() as s:
        return list(s.execute(select(Operator).order_by(Operator.username)).scalars())
