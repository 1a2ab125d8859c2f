"""The audit trail: written with the change, append-only, and any tampering is found and named."""

import hashlib
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlcipher3 import dbapi2 as sqlcipher

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex
from workstation.storage import audit
from workstation.storage.schema import AuditEvent
from workstation.wiring import open_desk


def _fill(st, n=8):
    with st.db.write() as s:
        for i in range(n):
            audit.record(s, actor="tester", action="test.event", details=f"event {i}")


def _verify(st):
    with st.db.read() as s:
        return audit.verify(s)


def _raw(st, *statements):
    conn = st.db.raw_connection()
    conn.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    for sql, *params in statements:
        conn.execute(sql, *params)
    conn.close()


def _max_seq(st):
    with st.db.read() as s:
        return s.execute(select(func.max(AuditEvent.seq))).scalar_one()


def test_intact_trail_verifies(st):
    _fill(st)
    v = _verify(st)
    assert v.ok and v.rows_checked == _max_seq(st)


def test_triggers_refuse_update_and_delete(st):
    _fill(st)
    conn = st.db.raw_connection()
    with pytest.raises(sqlcipher.DatabaseError, match="append-only"):
        conn.execute("UPDATE audit_event SET details = 'x' WHERE seq = 2")
    with pytest.raises(sqlcipher.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM audit_event WHERE seq = 2")
    conn.close()


def test_edit_is_detected(st):
    _fill(st)
    _raw(st, ("UPDATE audit_event SET details = 'nothing happened' WHERE seq = 4",))
    v = _verify(st)
    assert not v.ok and v.first_broken_seq == 4 and "altered" in v.message


def test_edit_with_recomputed_hash_is_detected_by_mac(st):
    _fill(st)
    with st.db.read() as s:
        ev = s.get(AuditEvent, 4)
        body = audit._canonical(
            ev.seq, ev.at, "someone-else", ev.action, ev.target_type, ev.target_id, ev.details, ev.outcome
        )
    new_hash = hashlib.sha256(ev.prev_hash.encode() + body).hexdigest()
    _raw(st, ("UPDATE audit_event SET actor = 'someone-else', hash = ? WHERE seq = 4", (new_hash,)))
    v = _verify(st)
    assert not v.ok and v.first_broken_seq in (4, 5)


def test_delete_is_detected(st):
    _fill(st)
    _raw(st, ("DELETE FROM audit_event WHERE seq = 3",))
    v = _verify(st)
    assert not v.ok and v.first_broken_seq == 3 and "missing" in v.message


def test_insert_is_detected(st):
    _fill(st)
    last = _max_seq(st)
    with st.db.read() as s:
        tail = s.get(AuditEvent, last)
        body = audit._canonical(last + 1, tail.at, "intruder", "x", None, None, "forged", "ok")
    h = hashlib.sha256(tail.hash.encode() + body).hexdigest()
    _raw(
        st,
        (
            "INSERT INTO audit_event (seq, at, actor, action, target_type, target_id, details, outcome, "
            "prev_hash, hash, mac) VALUES (?, ?, 'intruder', 'x', NULL, NULL, 'forged', 'ok', ?, ?, ?)",
            (last + 1, tail.at.isoformat(sep=" "), tail.hash, h, "0" * 64),
        ),
    )
    v = _verify(st)
    assert not v.ok and v.first_broken_seq == last + 1


def test_reorder_is_detected(st):
    _fill(st)
    cols = "at, actor, action, target_type, target_id, details, outcome, prev_hash, hash, mac"
    conn = st.db.raw_connection()
    r2 = conn.execute(f"SELECT {cols} FROM audit_event WHERE seq = 2").fetchone()
    r3 = conn.execute(f"SELECT {cols} FROM audit_event WHERE seq = 3").fetchone()
    conn.close()
    setter = ", ".join(f"{c.strip()} = ?" for c in cols.split(","))
    _raw(
        st,
        (f"UPDATE audit_event SET {setter} WHERE seq = 2", r3),
        (f"UPDATE audit_event SET {setter} WHERE seq = 3", r2),
    )
    v = _verify(st)
    assert not v.ok and v.first_broken_seq == 2


def test_truncated_tail_is_detected(st):
    _fill(st)
    last = _max_seq(st)
    _raw(st, ("DELETE FROM audit_event WHERE seq > ?", (last - 2,)))
    v = _verify(st)
    assert not v.ok and "removed" in v.message and v.first_broken_seq == last - 1


def test_truncated_tail_with_head_rewritten_is_detected(st):
    _fill(st)
    last = _max_seq(st)
    conn = st.db.raw_connection()
    new_last_hash = conn.execute("SELECT hash FROM audit_event WHERE seq = ?", (last - 2,)).fetchone()[0]
    conn.close()
    _raw(
        st,
        ("DELETE FROM audit_event WHERE seq > ?", (last - 2,)),
        ("UPDATE audit_head SET seq = ?, hash = ?", (last - 2, new_last_hash)),
    )
    v = _verify(st)
    assert not v.ok and "head was altered" in v.message


def test_changes_and_reads_are_audited_with_masked_numbers(st):
    officer = st.actor(Role.OFFICER)
    sv = open_desk(st.db, officer, freeze_rules=False)
    doc = IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID,
        number="11010519491231002X",
        name="张三",
        sex=Sex.FEMALE,
        birth_date=date(1949, 12, 31),
    )
    pid = sv.residents.register(doc).id
    sv.residents.get(pid)
    sv.residents.find("11010519491231002X")
    with st.db.read() as s:
        rows = list(s.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars())
    actions = [(r.actor, r.action, r.target_id) for r in rows]
    assert (officer.username, "person.create", pid) in actions
    assert (officer.username, "person.read", pid) in actions
    assert any(a == "person.search" for _, a, _ in actions)
    text = " ".join(r.details for r in rows)
    assert "11010519491231002X" not in text
    assert "110105********002X" in text
    assert _verify(st).ok


def test_failed_write_leaves_no_audit_row(st):
    officer = st.actor(Role.OFFICER)
    before = _max_seq(st)
    bad = IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID,
        number="110105194912310029",
        name="张三",
        sex=Sex.FEMALE,
        birth_date=date(1949, 12, 31),
    )
    from workstation.errors import ValidationError

    with pytest.raises(ValidationError):
        open_desk(st.db, officer, freeze_rules=False).residents.register(bad)
    assert _max_seq(st) == before


def test_mask_id_numbers():
    assert audit.mask_id_numbers("id 11010519491231002X ok") == "id 110105********002X ok"
    assert audit.mask_id_numbers("old 110105491231002") == "old 110105******002"
    assert audit.mask_id_numbers("phone 13800138000") == "phone 13800138000"
