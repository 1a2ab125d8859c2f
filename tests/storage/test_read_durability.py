"""Audited reads commit with synchronous=NORMAL, changes with FULL, and the write-ahead log is fsynced
before the audit head is anchored outside the database (docs/security.md, "Durability of audited
reads")."""

import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex
from workstation.storage import audit
from workstation.storage.schema import AuditEvent
from workstation.wiring import open_desk

FULL, NORMAL = 2, 1


def _synchronous(session):
    return session.connection().exec_driver_sql("PRAGMA synchronous").scalar()


def test_a_read_transaction_commits_with_normal_and_every_other_with_full(st):
    with st.db.write() as s:
        assert _synchronous(s) == FULL
    with st.db.write(durable=False) as s:
        assert _synchronous(s) == NORMAL
    for _ in range(6):  # every pooled connection is back to FULL afterwards
        with st.db.write() as s:
            assert _synchronous(s) == FULL
    with st.db.read() as s:
        assert _synchronous(s) == FULL


def test_a_failed_read_transaction_leaves_its_connection_full(st):
    try:
        with st.db.write(durable=False):
            raise RuntimeError("the read failed")
    except RuntimeError:
        pass
    with st.db.write() as s:
        assert _synchronous(s) == FULL


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="names an fd's file through /proc (Linux)")
def test_the_wal_is_synced_before_the_anchor_names_a_read(st, monkeypatch):
    desk = open_desk(st.db, st.actor(Role.OFFICER))
    pid = desk.residents.register(
        IdentityDocument(DocumentType.RESIDENT_ID, "11010519491231002X", "张三", Sex.FEMALE, date(1949, 12, 31))
    ).id
    events: list[str] = []
    real_fsync, real_write_atomic = os.fsync, audit.write_atomic
    wal = str(st.db.path) + "-wal"

    def fsync(fd):
        if os.path.realpath(f"/proc/self/fd/{fd}") == os.path.realpath(wal):
            events.append("wal fsync")
        return real_fsync(fd)

    def write_atomic(path, data, *a, **k):
        if Path(path) == st.db.anchor_path:
            events.append("anchor")
        return real_write_atomic(path, data, *a, **k)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(audit, "write_atomic", write_atomic)
    st.db.audit_log._last_anchor = float("-inf")  # the anchor is due with the next commit
    desk.residents.get(pid)  # an audited read: NORMAL commit, then the anchor
    assert events[-2:] == ["wal fsync", "anchor"]
    with st.db.read() as s:
        last = s.execute(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).scalar_one()
    assert last.action == "person.read" and last.target_id == pid
    assert str(last.seq) in st.db.anchor_path.read_text()
