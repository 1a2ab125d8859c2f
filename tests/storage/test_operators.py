from datetime import timedelta

import pytest

from workstation.domain.enums import Role
from workstation.errors import ValidationError
from workstation.storage import operators, settings
from workstation.storage.errors import AccountLocked, AuthenticationFailed
from workstation.storage.schema import utcnow
from workstation.wiring import open_desk


def test_five_failures_lock_for_ten_minutes_then_unlock(st):
    st.actor(Role.OFFICER, "li")
    now = utcnow()
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            operators.authenticate(st.db, "li", "wrong-password", now=now)
    with pytest.raises(AuthenticationFailed):  # the fifth failure locks
        operators.authenticate(st.db, "li", "wrong-password", now=now)
    with pytest.raises(AccountLocked, match="10 more minute"):
        operators.authenticate(st.db, "li", "password-li", now=now + timedelta(seconds=1))
    with pytest.raises(AccountLocked):
        operators.authenticate(st.db, "li", "password-li", now=now + timedelta(minutes=9, seconds=50))
    actor = operators.authenticate(st.db, "li", "password-li", now=now + timedelta(minutes=10, seconds=1))
    assert actor.role is Role.OFFICER


def test_lockout_thresholds_are_configurable(st):
    st.actor(Role.ASSISTANT, "zhao")
    with st.db.write() as s:
        settings.set(s, "max_failed_logins", 2)
        settings.set(s, "lockout_minutes", 30)
    now = utcnow()
    for _ in range(2):
        with pytest.raises(AuthenticationFailed):
            operators.authenticate(st.db, "zhao", "nope-nope", now=now)
    with pytest.raises(AccountLocked, match="30 more minute"):
        operators.authenticate(st.db, "zhao", "password-zhao", now=now)


def test_disable_reset_and_audit(st):
    st.actor(Role.OFFICER, "wang")
    operators.set_disabled(st.db, st.admin, "wang")
    with pytest.raises(AuthenticationFailed):
        operators.authenticate(st.db, "wang", "password-wang")
    operators.set_disabled(st.db, st.admin, "wang", False)
    operators.reset_password(st.db, st.admin, "wang", "brand-new-pass")
    with pytest.raises(AuthenticationFailed):
        operators.authenticate(st.db, "wang", "password-wang")
    assert operators.authenticate(st.db, "wang", "brand-new-pass").username == "wang"
    with pytest.raises(ValidationError, match="at least 8"):
        operators.reset_password(st.db, st.admin, "wang", "short")
    events = open_desk(st.db, st.admin, freeze_rules=False).supervision.audit_trail(limit=50).items
    outcomes = {(e.action, e.outcome) for e in events if e.target_id == "wang"}
    assert {("operator.disable", "ok"), ("operator.enable", "ok"), ("operator.reset_password", "ok"),
            ("login", "refused"), ("login", "failed"), ("login", "ok")} <= outcomes


def test_passwords_are_hashed_with_argon2(st):
    st.actor(Role.OFFICER, "hash")
    from sqlalchemy import select

    from workstation.storage.schema import Operator

    with st.db.read() as s:
        h = s.execute(select(Operator.password_hash).where(Operator.username == "hash")).scalar_one()
    assert h.startswith("$argon2id$") and "password-hash" not in h
