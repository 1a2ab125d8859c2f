"""A finger taken at registration is stored in the registration's own transaction
(`Residents.register(fingerprint=EnrolledFinger(...))`): the person, the document, the fingerprint and
their outbox and audit rows are written together or not at all. The finger is checked (the permission to
capture fingerprints, then position, template and quality) before anything is written; a fingerprint and
a skip at once are refused. Real encrypted station (SQLCipher file)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from workstation.domain import permissions
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, FingerPosition, FingerprintSkipReason, Role, Sex
from workstation.domain.permissions import Permission
from workstation.domain.validation import gb11643_check_char
from workstation.errors import PermissionDenied, ValidationError
from workstation.i18n import render
from workstation.storage import policy
from workstation.storage.areas.base import Kind
from workstation.storage.areas.biometrics import EnrolledFinger, SkipRequest
from workstation.storage.schema import AuditEvent, Fingerprint, IdentityDocumentRow, OutboxEntry, Person
from workstation.wiring import open_desk

TEMPLATE = b"\x03\x01" * 256


def _doc(seq: int) -> IdentityDocument:
    first17 = f"44030519900517{2 * seq + 1:03d}"  # odd: male
    return IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID, number=first17 + gb11643_check_char(first17), name="李四",
        sex=Sex.MALE, birth_date=date(1990, 5, 17), source="card",
    )


def _finger(**changes) -> EnrolledFinger:
    values = {"position": FingerPosition.RIGHT_INDEX, "template": TEMPLATE, "quality": 87, "device": "ZFM-20"}
    values.update(changes)
    return EnrolledFinger(**values)


@pytest.fixture
def desk(st):
    return open_desk(st.db, st.actor(Role.OFFICER), freeze_rules=False)


def _counts(st) -> tuple[int, int, int, int, int]:
    """Persons, documents, fingerprints, outbox rows and audit rows about records ("<kind>.create")."""
    with st.db.read() as s:
        return (
            len(s.scalars(select(Person.id)).all()),
            len(s.scalars(select(IdentityDocumentRow.id)).all()),
            len(s.scalars(select(Fingerprint.id)).all()),
            len(s.scalars(select(OutboxEntry.seq)).all()),
            len(s.scalars(select(AuditEvent.seq).where(AuditEvent.action.like("%.create"))).all()),
        )


def test_the_finger_is_written_with_the_resident_in_one_transaction(st, desk):
    changes = desk.residents.register(_doc(1), fingerprint=_finger())
    pid = changes.id
    assert [c.kind for c in changes.changed] == [Kind.PERSON, Kind.IDENTITY_DOCUMENT, Kind.FINGERPRINT]
    (fid,) = changes.ids(Kind.FINGERPRINT)
    with st.db.read() as s:
        fp = s.get(Fingerprint, fid)
        assert (fp.person_id, fp.position, fp.quality, fp.device) == (pid, 2, 87, "ZFM-20")
        assert fp.version == 1 and fp.created_by == "officer1"
        assert TEMPLATE not in fp.template_enc  # sealed
        assert fp.image_enc is None  # none given, and the station keeps no images anyway
        (doc_id,) = s.scalars(select(IdentityDocumentRow.id).where(IdentityDocumentRow.person_id == pid)).all()
        outbox = s.execute(select(OutboxEntry.record_type, OutboxEntry.record_id, OutboxEntry.operation)
                           .order_by(OutboxEntry.seq)).all()
        assert [tuple(r) for r in outbox] == [("person", pid, "create"), ("identity_document", doc_id, "create"),
                                              ("fingerprint", fid, "create")]
        audit = s.execute(select(AuditEvent.seq, AuditEvent.action, AuditEvent.target_id, AuditEvent.actor)
                          .where(AuditEvent.target_id.in_([pid, doc_id, fid])).order_by(AuditEvent.seq)).all()
    assert [(a, t, who) for _seq, a, t, who in audit] == [
        ("person.create", pid, "officer1"), ("identity_document.create", doc_id, "officer1"),
        ("fingerprint.create", fid, "officer1")]
    seqs = [r[0] for r in audit]
    assert seqs == list(range(seqs[0], seqs[0] + 3))  # one run of the audit chain: nothing written between
    assert desk.biometrics.template(fid) == TEMPLATE
    (shown,) = desk.residents.get(pid).fingerprints
    assert (shown.position, shown.quality) == (FingerPosition.RIGHT_INDEX, 87)


def test_the_image_is_kept_only_where_the_station_keeps_images(st, desk):
    pid = desk.residents.register(_doc(2), fingerprint=_finger(image=b"\x80" * 64)).id
    policy.change(st.db, st.admin, store_fingerprint_images=True)
    kept = desk.residents.register(_doc(3), fingerprint=_finger(image=b"\x80" * 64, position=7)).id
    with st.db.read() as s:
        images = dict(s.execute(select(Fingerprint.person_id, Fingerprint.image_enc)).all())
    assert images[pid] is None
    assert images[kept] is not None and b"\x80" * 64 not in images[kept]  # kept, sealed


def test_a_failure_while_the_finger_is_written_leaves_no_resident(st, desk):
    """The database refuses the fingerprint's audit row (the last row the registration writes): the
    person, the document and the fingerprint row written before it in the transaction go too."""
    with st.db.write() as s:
        s.execute(text("CREATE TRIGGER test_refuse_finger BEFORE INSERT ON audit_event "
                       "WHEN NEW.action = 'fingerprint.create' BEGIN SELECT RAISE(ABORT, 'refused'); END"))
    before = _counts(st)
    with pytest.raises(Exception, match="refused"):  # the database's refusal, whatever its class
        desk.residents.register(_doc(4), fingerprint=_finger())
    assert _counts(st) == before
    with st.db.write() as s:
        s.execute(text("DROP TRIGGER test_refuse_finger"))
    desk.residents.register(_doc(4), fingerprint=_finger())  # the same registration goes through now
    assert _counts(st) == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 3, before[4] + 3)


@pytest.mark.parametrize(("finger", "fields"), [
    (_finger(quality=101), {"quality"}),
    (_finger(quality=-1), {"quality"}),
    (_finger(template=b""), {"template"}),
    (_finger(position=11), {"position"}),
    (_finger(position=42, template=b"", quality=300), {"position", "template", "quality"}),
])
def test_an_invalid_finger_registers_nothing(st, desk, finger, fields):
    before = _counts(st)
    with pytest.raises(ValidationError) as bad:
        desk.residents.register(_doc(5), fingerprint=finger)
    assert {p[0] for p in bad.value.problems} == fields
    assert _counts(st) == before
    with pytest.raises(ValidationError):  # the same rules for a finger added later
        desk.biometrics.add(desk.residents.register(_doc(6)).id, position=finger.position,
                            template=finger.template, quality=finger.quality)


def test_a_role_that_registers_but_may_not_capture_registers_nothing_with_a_finger(st, monkeypatch):
    """No role of the written matrix registers without capturing fingerprints; a station whose matrix
    took capturing from assistants (the matrix changed, the code as it is) must not register a resident
    whose finger it would then refuse. The permission is checked before the finger itself."""
    monkeypatch.setitem(permissions.MATRIX, Role.ASSISTANT,
                        permissions.MATRIX[Role.ASSISTANT] - {Permission.CAPTURE_FINGERPRINT})
    assistant = open_desk(st.db, st.actor(Role.ASSISTANT), freeze_rules=False)
    before = _counts(st)
    with pytest.raises(PermissionDenied) as refused:
        assistant.residents.register(_doc(7), fingerprint=_finger())
    assert render(refused.value.message, "en") == "The role Assistant may not capture fingerprints."
    with pytest.raises(PermissionDenied):  # the permission first: an invalid finger is refused for it too
        assistant.residents.register(_doc(7), fingerprint=_finger(quality=500))
    assert _counts(st) == before
    pid = assistant.residents.register(_doc(7)).id  # without a finger the role registers
    assert not assistant.residents.get(pid).fingerprints


def test_a_role_that_may_not_register_is_refused_for_that_first(st):
    supervisor = open_desk(st.db, st.actor(Role.SUPERVISOR, "sup1"), freeze_rules=False)
    before = _counts(st)
    with pytest.raises(PermissionDenied):
        supervisor.residents.register(_doc(8), fingerprint=_finger())
    assert _counts(st) == before


def test_a_finger_and_a_skip_at_once_are_refused(st, desk):
    before = _counts(st)
    with pytest.raises(ValidationError) as bad:
        desk.residents.register(_doc(9), fingerprint=_finger(),
                                fingerprint_skip=SkipRequest(FingerprintSkipReason.FINGER_INJURED))
    assert [p[0] for p in bad.value.problems] == ["fingerprint"]
    assert _counts(st) == before
    with st.db.read() as s:
        assert not s.scalars(select(AuditEvent).where(AuditEvent.action == "fingerprint.skip")).all()
