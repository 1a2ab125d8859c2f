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
        assert [e.outcome for e in confirm] == ["ok"]
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
