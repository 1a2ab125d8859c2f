from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from workstation.domain.enums import Role
from workstation.errors import PermissionDenied, ValidationError
from workstation.i18n import render
from workstation.storage import operators, settings
from workstation.storage.errors import AccountLocked, AuthenticationFailed, OperatorInactive, PasswordChangeRequired
from workstation.storage.schema import AuditEvent, Operator, utcnow
from workstation.wiring import open_desk


def _outcomes(st, username):
    with st.db.read() as s:
        return [e.outcome for e in s.execute(
            select(AuditEvent).where(AuditEvent.action == "login", AuditEvent.target_id == username)
            .order_by(AuditEvent.seq)).scalars()]


def test_five_failures_lock_for_ten_minutes_then_unlock(st):
    st.actor(Role.OFFICER, "li")
    now = utcnow()
    for _ in range(4):
        with pytest.raises(AuthenticationFailed, match="locked for 10 minutes") as exc:  # the rule
            operators.authenticate(st.db, "li", "wrong-password", now=now)
        assert not isinstance(exc.value, AccountLocked)
    with pytest.raises(AccountLocked, match="locked for another 10 minutes") as exc:  # the fifth failure locks
        operators.authenticate(st.db, "li", "wrong-password", now=now)
    assert exc.value.seconds_left == 600
    # right password, still locked: the time left, in minutes rounded up
    with pytest.raises(AccountLocked, match="locked for another 8 minutes") as exc:
        operators.authenticate(st.db, "li", "password-li", now=now + timedelta(minutes=2, seconds=1))
    assert exc.value.seconds_left == 479
    assert "被锁定" in render(exc.value.message, "zh_CN") and "8" in render(exc.value.message, "zh_CN")
    with pytest.raises(AccountLocked, match="locked for another minute\\."):
        operators.authenticate(st.db, "li", "password-li", now=now + timedelta(minutes=9, seconds=50))
    actor = operators.authenticate(st.db, "li", "password-li", now=now + timedelta(minutes=10, seconds=1))
    assert actor.role is Role.OFFICER
    assert _outcomes(st, "li")[-8:] == ["failed"] * 4 + ["locked"] * 3 + ["ok"]


def test_lockout_thresholds_are_configurable(st):
    st.actor(Role.ASSISTANT, "zhao")
    with st.db.write() as s:
        settings.set(s, "max_failed_logins", 2)
        settings.set(s, "lockout_minutes", 30)
    now = utcnow()
    for _ in range(2):
        with pytest.raises(AuthenticationFailed):
            operators.authenticate(st.db, "zhao", "nope-nope", now=now)
    with pytest.raises(AccountLocked, match="locked for another 30 minutes"):
        operators.authenticate(st.db, "zhao", "password-zhao", now=now)
    assert _outcomes(st, "zhao")[-1] == "locked"


class CountingHasher(PasswordHasher):
    """argon2-cffi's hasher, counting the verifications it runs (the timing of a login is its Argon2 work)."""

    def __init__(self):
        super().__init__(time_cost=1, memory_cost=8192, parallelism=1)
        self.verifications = 0

    def verify(self, hash, password):
        self.verifications += 1
        return super().verify(hash, password)


def test_unknown_name_gets_the_same_answer_and_the_same_work_as_a_real_one(st):
    hasher = CountingHasher()
    operators.set_password_hasher(hasher)
    try:
        st.actor(Role.OFFICER, "real")
        st.actor(Role.OFFICER, "gone")
        operators.set_disabled(st.db, st.admin, "gone")
        now = utcnow()
        answers = {}
        for name in ["real", "nobody", "gone"] * 6 + ["real", "nobody", "gone"]:
            before = hasher.verifications
            with pytest.raises(AuthenticationFailed) as exc:
                operators.authenticate(st.db, name, "wrong-password", now=now)
            assert hasher.verifications == before + 1, name  # one Argon2 verification on every path
            answers.setdefault(name, []).append((type(exc.value), exc.value.message, exc.value.message_zh))
        # the same answers in the same order: the rule four times, then locked for another 10 minutes
        assert answers["real"] == answers["nobody"] == answers["gone"]
        assert [t for t, _m, _z in answers["real"]] == [AuthenticationFailed] * 4 + [AccountLocked] * 3
        with st.db.read() as s:
            assert s.execute(select(Operator).where(Operator.username == "nobody")).first() is None
        assert _outcomes(st, "nobody") == ["refused"] * 4 + ["locked"] * 3
        with pytest.raises(AccountLocked) as exc:  # a name's lockout runs out like an account's
            operators.authenticate(st.db, "nobody", "wrong-password", now=now + timedelta(minutes=9))
        assert exc.value.seconds_left == 60
        with pytest.raises(AuthenticationFailed) as exc:
            operators.authenticate(st.db, "nobody", "wrong-password", now=now + timedelta(minutes=10, seconds=1))
        assert not isinstance(exc.value, AccountLocked)
        before = hasher.verifications
        with pytest.raises(AuthenticationFailed):  # locked, right password: still the Argon2 work
            operators.authenticate(st.db, "real", "password-real", now=now)
        assert hasher.verifications == before + 1
    finally:
        operators.set_password_hasher(PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1))


def test_the_last_active_admin_cannot_be_disabled_or_demoted(st):
    with pytest.raises(ValidationError, match="last active administrator"):
        operators.set_disabled(st.db, st.admin, "admin")
    with pytest.raises(ValidationError, match="last active administrator"):
        operators.set_role(st.db, st.admin, "admin", Role.OFFICER)
    assert operators.authenticate(st.db, "admin", "admin-pass-1").role is Role.ADMIN
    second = st.actor(Role.ADMIN, "admin2")
    operators.set_disabled(st.db, st.admin, "admin2")  # another admin may go while one remains
    with pytest.raises(ValidationError, match="last active administrator"):
        operators.set_disabled(st.db, st.admin, "ADMIN")
    operators.set_disabled(st.db, st.admin, "admin2", False)
    operators.set_role(st.db, second, "admin", Role.SUPERVISOR)  # now admin2 is the one left
    with pytest.raises(ValidationError, match="last active administrator"):
        operators.set_role(st.db, second, "admin2", Role.OFFICER)
    assert {(o.username, o.role, o.disabled) for o in operators.list_operators(st.db, second)} == {
        ("admin", "supervisor", False), ("admin2", "admin", False)}


def test_reset_password_is_changed_at_next_login(st):
    st.actor(Role.OFFICER, "wang")
    operators.reset_password(st.db, st.admin, "wang", "temporary-1")
    with pytest.raises(AuthenticationFailed):  # the old password is gone
        operators.authenticate(st.db, "wang", "password-wang")
    with pytest.raises(PasswordChangeRequired) as exc:  # right password: no Actor until a new one is chosen
        operators.authenticate(st.db, "wang", "temporary-1")
    assert exc.value.username == "wang"
    with pytest.raises(ValidationError, match="differ"):
        operators.change_password(st.db, "wang", "temporary-1", "temporary-1")
    with pytest.raises(AuthenticationFailed):
        operators.change_password(st.db, "wang", "not-the-temporary", "my-own-pass-1")
    actor = operators.change_password(st.db, "wang", "temporary-1", "my-own-pass-1")
    assert actor.username == "wang" and actor.role is Role.OFFICER
    assert operators.authenticate(st.db, "wang", "my-own-pass-1").username == "wang"
    assert _outcomes(st, "wang")[-2:] == ["ok", "ok"] and "must_change" in _outcomes(st, "wang")


def test_an_operator_changes_their_own_password(st):
    st.actor(Role.ASSISTANT, "zhou")
    with pytest.raises(ValidationError, match="at least 8"):
        operators.change_password(st.db, "zhou", "password-zhou", "short")
    operators.change_password(st.db, "zhou", "password-zhou", "a-better-one-9")
    with pytest.raises(AuthenticationFailed):
        operators.authenticate(st.db, "zhou", "password-zhou")
    assert operators.authenticate(st.db, "zhou", "a-better-one-9").role is Role.ASSISTANT


@pytest.mark.parametrize("name", [
    "bad\x1b[31mname", "tab\tname", "nul\x00", "rtl\u202egnp.exe", "zero\u200bwidth", "with space",
    "x" * 100_000, "x" * 33, "", "   ", "semi;colon", "quote'name", "slash/name",
])
def test_user_names_are_validated(st, name):
    with pytest.raises(ValidationError, match="user name") as err:
        operators.create_operator(st.db, st.admin, username=name, display_name="x", role=Role.OFFICER,
                                  password="password-x1")
    assert [p.field for p in err.value.problems] == ["username"]


def test_user_names_are_unique_without_regard_to_case_or_width(st):
    st.actor(Role.OFFICER, "officer")
    for twin in ["OFFICER", "Officer", "ＯＦＦＩＣＥＲ", " officer "]:
        with pytest.raises(ValidationError, match="taken"):
            operators.create_operator(st.db, st.admin, username=twin, display_name="x", role=Role.OFFICER,
                                      password="password-x1")
    # one name whatever case it is typed in, at login too
    assert operators.authenticate(st.db, "OFFICER", "password-officer").username == "officer"
    operators.create_operator(st.db, st.admin, username="张伟.li-2", display_name="张伟", role=Role.OFFICER,
                              password="password-zw")
    assert operators.authenticate(st.db, "张伟.LI-2", "password-zw").username == "张伟.li-2"


def test_display_names_refuse_control_characters(st):
    with pytest.raises(ValidationError, match="display name") as err:
        operators.create_operator(st.db, st.admin, username="ok", display_name="x\x1b]0;pwned\x07",
                                  role=Role.OFFICER, password="password-x1")
    assert [p.field for p in err.value.problems] == ["display_name"]


def test_hostile_login_names_are_answered_and_audited_safely(st):
    for name in ["\x1b[2Jadmin", "a" * 100_000, "\u202eadmin"]:
        with pytest.raises(AuthenticationFailed):
            operators.authenticate(st.db, name, "whatever-1")
    with st.db.read() as s:
        targets = [e.target_id for e in s.execute(select(AuditEvent).where(AuditEvent.action == "login")).scalars()]
    assert all(len(t) <= 64 and "\x1b" not in t and "\u202e" not in t for t in targets)


def test_every_service_call_rechecks_that_its_operator_is_still_active(st):
    officer = st.actor(Role.OFFICER, "kong")
    services = open_desk(st.db, officer, freeze_rules=False)
    assert services.supervision.count_residents() == 0
    services.tasks.list()
    operators.set_disabled(st.db, st.admin, "kong")
    with pytest.raises(OperatorInactive):
        services.tasks.list()
    with pytest.raises(OperatorInactive):
        services.residents.find("张")
    operators.set_disabled(st.db, st.admin, "kong", False)
    services.tasks.list()  # enabled again: the same session works
    operators.set_role(st.db, st.admin, "kong", Role.ASSISTANT)
    with pytest.raises(OperatorInactive):  # a new role needs a new login
        services.tasks.list()
    assistant = operators.authenticate(st.db, "kong", "password-kong")
    open_desk(st.db, assistant, freeze_rules=False).tasks.list()
    operators.reset_password(st.db, st.admin, "kong", "temporary-2")
    with pytest.raises(OperatorInactive):
        open_desk(st.db, assistant, freeze_rules=False).tasks.list()
    # an admin whose own account was disabled by another admin loses their session too
    other = st.actor(Role.ADMIN, "root2")
    operators.set_disabled(st.db, other, "admin")
    with pytest.raises(OperatorInactive):
        operators.list_operators(st.db, st.admin)
    from workstation.storage import station

    with pytest.raises(OperatorInactive):  # key and backup operations re-check too
        station.backup(st.db, st.admin, st.data_dir.parent / "backup-by-a-disabled-admin")
    assert not (st.data_dir.parent / "backup-by-a-disabled-admin").exists()
    with pytest.raises(PermissionDenied):  # the permission matrix is still checked first
        open_desk(st.db, other, freeze_rules=False).tasks.list()


def test_disable_reset_and_audit(st):
    st.actor(Role.OFFICER, "wang")
    operators.set_disabled(st.db, st.admin, "wang")
    with pytest.raises(AuthenticationFailed):
        operators.authenticate(st.db, "wang", "password-wang")
    operators.set_disabled(st.db, st.admin, "wang", False)
    operators.reset_password(st.db, st.admin, "wang", "brand-new-pass")
    with pytest.raises(AuthenticationFailed):
        operators.authenticate(st.db, "wang", "password-wang")
    operators.change_password(st.db, "wang", "brand-new-pass", "brand-new-pass-2")
    with pytest.raises(ValidationError, match="at least 8"):
        operators.reset_password(st.db, st.admin, "wang", "short")
    events = open_desk(st.db, st.admin, freeze_rules=False).supervision.audit_trail(limit=50).items
    outcomes = {(e.action, e.outcome) for e in events if e.target_id == "wang"}
    assert {("operator.disable", "ok"), ("operator.enable", "ok"), ("operator.reset_password", "ok"),
            ("operator.change_password", "ok"), ("login", "refused"), ("login", "failed"),
            ("login", "ok")} <= outcomes


def test_passwords_are_hashed_with_argon2(st):
    st.actor(Role.OFFICER, "hash")
    with st.db.read() as s:
        h = s.execute(select(Operator.password_hash).where(Operator.username == "hash")).scalar_one()
    assert h.startswith("$argon2id$") and "password-hash" not in h
