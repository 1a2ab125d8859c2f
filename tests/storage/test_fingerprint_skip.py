"""A registration without a fingerprint is an audited event of the biometrics area (issue 10 item 7): a
fixed reason code (words only for "other"), never a line in the resident's notes; the station's
fingerprint policy decides who may skip ("optional": the operator; "required": only with a supervisor's
confirmation by name and password; "off": nothing to skip); the resident's detail shows the latest skip."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, FingerprintSkipReason, Role, Sex
from workstation.domain.validation import gb11643_check_char
from workstation.errors import NotFound, PermissionDenied, ValidationError
from workstation.i18n import render
from workstation.storage import policy
from workstation.storage.areas.biometrics import NothingToSkip, SupervisorNeeded
from workstation.storage.errors import AuthenticationFailed
from workstation.storage.schema import AuditEvent, Operator, OutboxEntry, Person
from workstation.wiring import open_desk


def _doc(seq: int) -> IdentityDocument:
    first17 = f"44030519900517{2 * seq + 1:03d}"  # odd: male
    return IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID, number=first17 + gb11643_check_char(first17), name="张三",
        sex=Sex.MALE, birth_date=date(1990, 5, 17), source="card",
    )


@pytest.fixture
def desk(st):
    return open_desk(st.db, st.actor(Role.OFFICER), freeze_rules=False)


def _set_policy(st, value):
    policy.change(st.db, st.admin, fingerprint_policy=value)


def _skips(st, pid):
    with st.db.read() as s:
        return list(s.execute(select(AuditEvent).where(AuditEvent.action == "fingerprint.skip",
                                                       AuditEvent.target_id == pid)).scalars())


def test_an_optional_skip_is_an_audited_reason_code_not_a_note(st, desk):
    pid = desk.residents.register(_doc(1)).id
    skip = desk.biometrics.record_skip(pid, reason=FingerprintSkipReason.FINGER_INJURED)
    assert (skip.reason, skip.note, skip.by, skip.policy, skip.approved_by) == (
        FingerprintSkipReason.FINGER_INJURED, None, "officer1", "optional", None)
    (ev,) = _skips(st, pid)
    assert ev.actor == "officer1" and ev.target_type == "person" and ev.outcome == "ok"
    assert json.loads(ev.details) == {"reason": "finger_injured", "note": None, "policy": "optional",
                                      "approved_by": None}
    with st.db.read() as s:
        assert s.get(Person, pid).notes is None  # nothing in the resident's notes
        assert not s.scalars(select(OutboxEntry).where(OutboxEntry.record_type == "fingerprint")).all()
    detail = desk.residents.get(pid)
    assert detail.fingerprint_skip == skip and not detail.fingerprints
    assert render(skip.reason_text, "en") == "finger injured or missing"
    assert render(skip.reason_text, "zh_CN") != "finger injured or missing"  # translated


def test_other_needs_words_and_words_are_kept(st, desk):
    pid = desk.residents.register(_doc(2)).id
    with pytest.raises(ValidationError) as bad:
        desk.biometrics.record_skip(pid, reason="other", note="   ")
    assert bad.value.problems[0][0] == "note"
    with pytest.raises(ValidationError):
        desk.biometrics.record_skip(pid, reason="no_such_reason")
    with pytest.raises(ValidationError):
        desk.biometrics.record_skip(pid, reason="other", note="x" * 201)
    assert not _skips(st, pid)  # a refused call records nothing
    skip = desk.biometrics.record_skip(pid, reason="other", note="  双手  缠着绷带 ")
    assert skip.note == "双手 缠着绷带" and render(skip.reason_text, "en") == "other: 双手 缠着绷带"
    again = desk.biometrics.record_skip(pid, reason=FingerprintSkipReason.REFUSED, note="称宗教原因")
    assert desk.residents.get(pid).fingerprint_skip == again  # the latest one shows
    assert render(again.reason_text, "en") == "the person refused (称宗教原因)"


def test_required_policy_needs_a_supervisors_confirmation(st, desk):
    pid = desk.residents.register(_doc(3)).id
    _set_policy(st, "required")
    with pytest.raises(SupervisorNeeded):
        desk.biometrics.record_skip(pid, reason="finger_injured")
    st.actor(Role.SUPERVISOR, "sup1")
    st.actor(Role.OFFICER, "officer2")
    with st.db.read() as s:
        logged_in = s.execute(select(Operator.last_login_at).where(Operator.username == "sup1")).scalar()
    with pytest.raises(AuthenticationFailed):
        desk.biometrics.approver("sup1", "wrong password")
    with pytest.raises(PermissionDenied):  # an officer's password is no supervisor's confirmation
        desk.biometrics.approver("officer2", "password-officer2")
    sup = desk.biometrics.approver("sup1", "password-sup1")
    assert sup.role is Role.SUPERVISOR
    with st.db.read() as s:
        confirm = s.execute(select(AuditEvent).where(AuditEvent.action == "operator.confirm",
                                                     AuditEvent.actor == "sup1")).scalars().all()
        assert [e.outcome for e in confirm] == ["failed", "ok"]  # the wrong password is a failed confirmation
        # confirming is not logging in
        assert s.execute(select(Operator.last_login_at).where(Operator.username == "sup1")).scalar() == logged_in
        failed = s.execute(select(Operator.failed_attempts).where(Operator.username == "sup1")).scalar()
    assert failed == 0  # the right password cleared the failure count, as a login does
    skip = desk.biometrics.record_skip(pid, reason="device_unavailable", approver=sup)
    assert (skip.policy, skip.approved_by, skip.approved_by_name) == ("required", "sup1", "sup1")
    assert json.loads(_skips(st, pid)[-1].details)["approved_by"] == "sup1"


def test_a_forged_approver_is_refused(st, desk):
    pid = desk.residents.register(_doc(4)).id
    _set_policy(st, "required")
    officer = st.actor(Role.OFFICER, "officer3")
    with pytest.raises(PermissionDenied):
        desk.biometrics.record_skip(pid, reason="refused", approver=officer)
    assert not _skips(st, pid)


def test_policy_off_has_nothing_to_skip(st, desk):
    pid = desk.residents.register(_doc(5)).id
    _set_policy(st, "off")
    with pytest.raises(NothingToSkip):
        desk.biometrics.record_skip(pid, reason="finger_injured")


def test_who_may_skip_and_of_whom(st, desk):
    pid = desk.residents.register(_doc(6)).id
    supervisor_desk = open_desk(st.db, st.actor(Role.SUPERVISOR, "sup2"), freeze_rules=False)
    with pytest.raises(PermissionDenied):
        supervisor_desk.biometrics.record_skip(pid, reason="finger_injured")
    assistant_desk = open_desk(st.db, st.actor(Role.ASSISTANT), freeze_rules=False)
    assert assistant_desk.biometrics.record_skip(pid, reason="too_young").by == "assistant1"
    person = desk.residents.get(pid)
    desk.residents.delete(pid, base_version=person.version, reason="重复")
    with pytest.raises(NotFound):
        desk.biometrics.record_skip(pid, reason="finger_injured")


def _persons(st) -> int:
    with st.db.read() as s:
        return len(s.execute(select(Person.id)).all())


def test_a_skip_at_registration_is_written_with_the_resident_in_one_transaction(st, desk):
    """The skip goes with the registration: both are written, or neither. A failure while the skip is
    recorded (here the database refuses its audit row) leaves no resident registered without it."""
    from sqlalchemy import text

    from workstation.storage.areas.biometrics import SkipRequest

    with st.db.write() as s:
        s.execute(text("CREATE TRIGGER test_refuse_skip BEFORE INSERT ON audit_event "
                       "WHEN NEW.action = 'fingerprint.skip' BEGIN SELECT RAISE(ABORT, 'refused'); END"))
    before = _persons(st)
    with pytest.raises(Exception, match="refused"):  # the database's refusal, whatever its class
        desk.residents.register(_doc(7), fingerprint_skip=SkipRequest(FingerprintSkipReason.FINGER_INJURED))
    assert _persons(st) == before  # nothing registered without its skip
    with st.db.read() as s:
        assert not s.scalars(select(OutboxEntry).where(OutboxEntry.record_type == "person")).all()
    with st.db.write() as s:
        s.execute(text("DROP TRIGGER test_refuse_skip"))

    pid = desk.residents.register(_doc(7), fingerprint_skip=SkipRequest("other", note="  双手 缠着绷带 ")).id
    (ev,) = _skips(st, pid)
    with st.db.read() as s:
        (created,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "person.create",
                                                        AuditEvent.target_id == pid)).all()
    assert created.seq < ev.seq  # written after the resident, in the same transaction
    assert json.loads(ev.details) == {"reason": "other", "note": "双手 缠着绷带", "policy": "optional",
                                      "approved_by": None}
    assert desk.residents.get(pid).fingerprint_skip.by == "officer1"


def test_a_skip_the_core_refuses_stops_the_registration(st, desk):
    from workstation.storage.areas.biometrics import SkipRequest

    before = _persons(st)
    with pytest.raises(ValidationError):
        desk.residents.register(_doc(8), fingerprint_skip=SkipRequest("other"))  # no words
    _set_policy(st, "required")
    with pytest.raises(SupervisorNeeded):
        desk.residents.register(_doc(8), fingerprint_skip=SkipRequest("finger_injured"))
    officer = st.actor(Role.OFFICER, "officer4")
    with pytest.raises(PermissionDenied):
        desk.residents.register(_doc(8), fingerprint_skip=SkipRequest("finger_injured", approver=officer))
    assert _persons(st) == before
    sup = st.actor(Role.SUPERVISOR, "sup4")
    pid = desk.residents.register(_doc(8), fingerprint_skip=SkipRequest("too_young", approver=sup)).id
    assert desk.residents.get(pid).fingerprint_skip.approved_by == "sup4"


def _rows(st, username):
    with st.db.read() as s:
        return [(e.action, e.outcome) for e in s.execute(
            select(AuditEvent).where(AuditEvent.target_type == "operator", AuditEvent.target_id == username)
            .order_by(AuditEvent.seq)).scalars()]


def test_a_wrong_supervisor_password_is_a_failed_confirmation_not_a_failed_login(st, desk):
    """Audited as "operator.confirm" with outcome failed (with what it was for); it counts towards that
    supervisor's lockout like a failed login, and the lockout is a confirmation's too."""
    from workstation.storage import operators
    from workstation.storage.errors import AccountLocked
    from workstation.sync.audit_words import EVENT_LABELS, details_text

    st.actor(Role.SUPERVISOR, "sup5")
    before = _rows(st, "sup5")
    with pytest.raises(AuthenticationFailed):
        desk.biometrics.approver("sup5", "wrong password")
    new = _rows(st, "sup5")[len(before):]
    assert new == [("operator.confirm", "failed")]  # no failed login
    with st.db.read() as s:
        ev = s.execute(select(AuditEvent).where(AuditEvent.action == "operator.confirm")
                       .order_by(AuditEvent.seq.desc()).limit(1)).scalar_one()
        assert s.execute(select(Operator.failed_attempts).where(Operator.username == "sup5")).scalar() == 1
    assert details_text(ev.details, "en", ev.action) == "for a registration without a fingerprint"
    assert "operator.confirm" in EVENT_LABELS

    # failed confirmations and failed logins count together towards the lockout
    from workstation.storage import settings

    with st.db.read() as s:
        limit = int(settings.get(s, "max_failed_logins"))
    for _ in range(limit - 2):
        with pytest.raises(AuthenticationFailed):
            desk.biometrics.approver("sup5", "wrong password")
    with pytest.raises(AuthenticationFailed):
        operators.authenticate(st.db, "sup5", "wrong again")  # the last one allowed: a login
    with pytest.raises(AccountLocked):
        desk.biometrics.approver("sup5", "password-sup5")  # locked: even the right password is refused
    with pytest.raises(AccountLocked):
        operators.authenticate(st.db, "sup5", "password-sup5")
    outcomes = _rows(st, "sup5")[len(before):]
    assert outcomes[-3:] == [("login", "locked"), ("operator.confirm", "locked"), ("login", "locked")]
    assert [a for a, o in outcomes if o == "failed"].count("operator.confirm") == limit - 1


def test_an_unknown_name_at_the_confirmation_counts_towards_that_names_lockout(st, desk):
    from workstation.storage import settings
    from workstation.storage.errors import AccountLocked

    with st.db.read() as s:
        limit = int(settings.get(s, "max_failed_logins"))
    for _ in range(limit - 1):
        with pytest.raises(AuthenticationFailed):
            desk.biometrics.approver("nobody", "x")
    with pytest.raises(AccountLocked):
        desk.biometrics.approver("nobody", "x")
    assert _rows(st, "nobody") == [("operator.confirm", "refused")] * (limit - 1) + [("operator.confirm", "locked")]
