"""Station policy (`storage.policy`): each value checked against its range or choices before anything
is written, each change audited, only an administrator may read or change it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from workstation.domain.enums import Role
from workstation.errors import PermissionDenied, ValidationError
from workstation.storage import operators, policy, settings
from workstation.storage.schema import AuditEvent


def _changes(db):
    with db.read() as s:
        rows = s.execute(select(AuditEvent).where(AuditEvent.action == "settings.change")).scalars()
        return [(r.actor, r.target_id, r.details) for r in rows]


def test_defaults_then_a_change_is_audited_per_key(st):
    p = policy.read(st.db, st.admin)
    assert (p.retention_days, p.idle_lock_minutes, p.max_failed_logins, p.lockout_minutes) == (730, 10, 5, 10)
    assert (p.fingerprint_policy, p.store_fingerprint_images, p.photo_policy, p.language) == (
        "optional", False, "show", "")
    res = policy.change(st.db, st.admin, retention_days="90", idle_lock_minutes=5, language="zh_CN",
                        photo_policy="show")
    assert res.changed == ("retention_days", "idle_lock_minutes", "language")
    assert res.policy.retention_days == 90 and res.policy.language == "zh_CN"
    assert _changes(st.db) == [
        ("admin", "retention_days", "730 -> 90"),
        ("admin", "idle_lock_minutes", "10 -> 5"),
        ("admin", "language", "'' -> 'zh_CN'"),
    ]
    with st.db.read() as s:  # what the rest of the core reads
        assert settings.get(s, "retention_days") == 90
    assert policy.change(st.db, st.admin, retention_days=90).changed == ()


@pytest.mark.parametrize(
    ("key", "value"),
    [("retention_days", 29), ("retention_days", "3651"), ("retention_days", "1.5"), ("idle_lock_minutes", 0),
     ("idle_lock_minutes", "ten"), ("max_failed_logins", 2), ("lockout_minutes", 1441), ("lockout_minutes", ""),
     ("fingerprint_policy", "sometimes"), ("photo_policy", "blur"), ("language", "fr")],
)
def test_a_bad_value_is_named_and_nothing_is_written(st, key, value):
    with pytest.raises(ValidationError) as err:
        good = {"lockout_minutes": 3} if key == "idle_lock_minutes" else {"idle_lock_minutes": 3}
        policy.change(st.db, st.admin, **good, **{key: value})
    assert [p.field for p in err.value.problems] == [key]
    p = policy.read(st.db, st.admin)
    assert (p.idle_lock_minutes, p.lockout_minutes) == (10, 10)  # the good value was not written either
    assert _changes(st.db) == []


def test_the_lockout_policy_is_what_logins_apply(st):
    st.actor(Role.OFFICER, "officer1")
    policy.change(st.db, st.admin, max_failed_logins=3, lockout_minutes=30)
    for _ in range(2):
        with pytest.raises(operators.AuthenticationFailed):
            operators.authenticate(st.db, "officer1", "wrong-password")
    with pytest.raises(operators.AuthenticationFailed) as err:
        operators.authenticate(st.db, "officer1", "wrong-password")
    assert "30 minutes" in err.value.message  # the attempt that locks says for how long
    (acc,) = [a for a in operators.accounts(st.db, st.admin) if a.username == "officer1"]
    assert acc.state == operators.LOCKED and acc.locked_until is not None
    assert operators.unlock(st.db, st.admin, "officer1") is True
    (acc,) = [a for a in operators.accounts(st.db, st.admin) if a.username == "officer1"]
    assert acc.state == operators.ACTIVE and acc.failed_attempts == 0


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SUPERVISOR, Role.ASSISTANT])
def test_only_an_administrator_reads_or_changes_the_policy(st, role):
    who = st.actor(role, f"user-{role.value}")
    with pytest.raises(PermissionDenied):
        policy.read(st.db, who)
    with pytest.raises(PermissionDenied):
        policy.change(st.db, who, idle_lock_minutes=60)
    assert _changes(st.db) == []
