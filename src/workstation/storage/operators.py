"""Operator accounts: create, disable, reset password, authenticate with lockout.

Passwords are hashed with Argon2id (argon2-cffi). After `max_failed_logins` failures (default 5)
the account is locked for `lockout_minutes` (default 10); both are station settings. Every
logon, failure, lockout and account change is audited.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.domain.enums import Role
from workstation.domain.permissions import Permission, require
from workstation.errors import NotFound, ValidationError
from workstation.storage import audit, settings
from workstation.storage.db import Database
from workstation.storage.errors import AccountLocked, AuthenticationFailed
from workstation.storage.schema import Operator, utcnow

_hasher = PasswordHasher()
MIN_PASSWORD = 8


@dataclass(frozen=True)
class Actor:
    """Who is acting: passed to every service call."""

    username: str
    role: Role
    operator_id: str | None = None

    @classmethod
    def system(cls) -> Actor:
        return cls("system", Role.ADMIN)


def set_password_hasher(hasher: PasswordHasher) -> None:
    """Tests use cheaper parameters; production keeps argon2-cffi's defaults."""
    global _hasher
    _hasher = hasher


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError([("password", f"a password needs at least {MIN_PASSWORD} characters")])


def create_operator(
    db: Database, actor: Actor | None, *, username: str, display_name: str, role: Role, password: str
) -> str:
    """`actor` None only for the first admin during `init`."""
    if actor is not None:
        require(actor.role, Permission.MANAGE_OPERATORS)
    _check_password(password)
    username = username.strip()
    if not username:
        raise ValidationError([("username", "a user name is required")])
    with db.write() as s:
        if s.execute(select(Operator).where(Operator.username == username)).first():
            raise ValidationError([("username", f"user name {username!r} is taken")])
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


def _get(s: Session, username: str) -> Operator:
    op = s.execute(select(Operator).where(Operator.username == username)).scalar_one_or_none()
    if op is None:
        raise NotFound(f"No operator named {username!r}", f"没有名为 {username!r} 的操作员")
    return op


def set_disabled(db: Database, actor: Actor, username: str, disabled: bool = True) -> None:
    require(actor.role, Permission.MANAGE_OPERATORS)
    with db.write() as s:
        op = _get(s, username)
        op.disabled = disabled
        audit.record(
            s,
            actor=actor.username,
            action="operator.disable" if disabled else "operator.enable",
            target_type="operator",
            target_id=username,
        )


def reset_password(db: Database, actor: Actor, username: str, new_password: str) -> None:
    require(actor.role, Permission.MANAGE_OPERATORS)
    _check_password(new_password)
    with db.write() as s:
        op = _get(s, username)
        op.password_hash = _hasher.hash(new_password)
        op.failed_attempts = 0
        op.locked_until = None
        op.must_change_password = True
        audit.record(
            s, actor=actor.username, action="operator.reset_password", target_type="operator", target_id=username
        )


def authenticate(db: Database, username: str, password: str, *, now: datetime | None = None) -> Actor:
    """Check a password. Failures are counted and audited; the lockout is enforced here."""
    now = now or utcnow()
    with db.write() as s:
        max_failed = int(settings.get(s, "max_failed_logins"))
        lock_minutes = int(settings.get(s, "lockout_minutes"))
        op = s.execute(select(Operator).where(Operator.username == username)).scalar_one_or_none()
        if op is None or op.disabled:
            audit.record(
                s,
                actor=username,
                action="login",
                target_type="operator",
                target_id=username,
                outcome="refused",
                details="unknown or disabled account",
            )
            failure: Exception = AuthenticationFailed("Wrong user name or password.", "用户名或密码错误。")
        elif op.locked_until is not None and op.locked_until > now:
            minutes = max(1, math.ceil((op.locked_until - now).total_seconds() / 60))
            audit.record(
                s, actor=username, action="login", target_type="operator", target_id=username, outcome="locked"
            )
            failure = AccountLocked(
                f"Too many failed logins. The account is locked for {minutes} more minute(s).",
                f"登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试。",
            )
        else:
            try:
                _hasher.verify(op.password_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                op.failed_attempts += 1
                locked = op.failed_attempts >= max_failed
                if locked:
                    op.locked_until = now + timedelta(minutes=lock_minutes)
                    op.failed_attempts = 0
                audit.record(
                    s,
                    actor=username,
                    action="login",
                    target_type="operator",
                    target_id=username,
                    outcome="locked" if locked else "failed",
                )
                failure = AuthenticationFailed("Wrong user name or password.", "用户名或密码错误。")
            else:
                op.failed_attempts = 0
                op.locked_until = None
                op.last_login_at = now
                if _hasher.check_needs_rehash(op.password_hash):
                    op.password_hash = _hasher.hash(password)
                audit.record(s, actor=username, action="login", target_type="operator", target_id=username)
                return Actor(op.username, Role(op.role), op.id)
    # raised after the transaction committed, so the failure count and audit row are kept
    raise failure


def list_operators(db: Database, actor: Actor) -> list[Operator]:
    require(actor.role, Permission.MANAGE_OPERATORS)
    with db.read() as s:
        return list(s.execute(select(Operator).order_by(Operator.username)).scalars())
