"""Cutting the audit trail (issue 9, item 4): nothing extends the chain without checking its head;
the head is anchored outside the table; triggers are checked; a damaged trail is reported in words
and the station opens read-only for an inspection."""

import shutil

import pytest
from keyring.backends import fail
from sqlalchemy import func, select

from helpers import make_station
from workstation.errors import UserFacingError
from workstation.storage import audit, station
from workstation.storage.errors import AuditTrailDamaged
from workstation.storage.schema import AuditEvent


def _fill(db, n=6):
    with db.write() as s:
        for i in range(n):
            audit.record(s, actor="tester", action="test.event", details=f"event {i}")


def _raw(db, *statements):
    conn = db.raw_connection()
    conn.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    conn.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    for sql, *params in statements:
        conn.execute(sql, *params)
    conn.close()


def _head(db):
    conn = db.raw_connection()
    row = conn.execute("SELECT seq, hash, mac FROM audit_head WHERE id = 1").fetchone()
    conn.close()
    return row


def _unlock(st):
    db, _ = station.unlock(st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    return db


def _rows(db):
    with db.read() as s:
        return s.execute(select(func.count()).select_from(AuditEvent)).scalar_one()


def _assert_read_only_inspection(st, words):
    db = _unlock(st)
    try:
        assert db.read_only_reason is not None and words in db.read_only_reason, db.read_only_reason
        n = _rows(db)
        with pytest.raises(AuditTrailDamaged) as err, db.write() as s:
            audit.record(s, actor="x", action="x")
        assert "read-only" in err.value.message
        assert _rows(db) == n, "nothing may be appended to a damaged trail"
        with db.read() as s:
            v = audit.verify(s)
        assert not v.ok
        return v
    finally:
        db.close()


def test_tail_cut_with_an_older_head_put_back_is_found_and_not_extended(st):
    """The reported case: cut the tail, put back the head of that time, run any command."""
    _fill(st.db)
    old_head = _head(st.db)
    _fill(st.db, 4)
    st.db.close()
    db = _unlock(st)  # an ordinary run moves the anchor past old_head
    db.close()
    _raw(
        db,
        ("DELETE FROM audit_event WHERE seq > ?", (old_head[0],)),
        ("UPDATE audit_head SET seq = ?, hash = ?, mac = ? WHERE id = 1", old_head),
    )
    v = _assert_read_only_inspection(st, "anchored")
    assert "cut off" in v.message


def test_head_not_matching_the_last_row_refuses_to_extend(st):
    _fill(st.db)
    old_head = _head(st.db)
    _fill(st.db, 2)
    _raw(st.db, ("UPDATE audit_head SET seq = ?, hash = ?, mac = ? WHERE id = 1", old_head))
    with pytest.raises(AuditTrailDamaged), st.db.write() as s:
        audit.record(s, actor="x", action="x")
    st.db.close()
    _assert_read_only_inspection(st, "older head")


def test_deleting_only_the_head_row_is_reported_not_a_traceback(st):
    _fill(st.db)
    _raw(st.db, ("DELETE FROM audit_head",))
    st.db.close()
    _assert_read_only_inspection(st, "head record")


def test_deleting_every_row_with_triggers_dropped_is_found(st):
    _fill(st.db)
    _raw(st.db, ("DELETE FROM audit_event",), ("DELETE FROM audit_head",))
    st.db.close()
    v = _assert_read_only_inspection(st, "anchored")
    assert "1 rows verified" not in v.message


def test_dropped_triggers_are_found(st):
    _fill(st.db)
    _raw(st.db)  # only drops the guards
    st.db.close()
    v = _assert_read_only_inspection(st, "append-only")
    assert "audit_event_no_" in v.message


def test_an_older_copy_of_the_whole_station_is_found(st, tmp_path):
    _fill(st.db)
    st.db.close()
    old = tmp_path / "old"
    shutil.copytree(st.data_dir, old, ignore=shutil.ignore_patterns("*.lock"))
    db = _unlock(st)
    _fill(db)
    db.close()
    for name in ("workstation.db",):
        shutil.copy2(old / name, st.data_dir / name)
    _assert_read_only_inspection(st, "older copy")


def test_a_deleted_or_foreign_anchor_is_found(st, tmp_path):
    _fill(st.db)
    st.db.close()
    anchor = st.data_dir / "workstation.db.anchor"
    other = make_station(tmp_path / "other")
    other.db.close()
    shutil.copy2(other.data_dir / "workstation.db.anchor", anchor)
    _assert_read_only_inspection(st, "another station")
    anchor.unlink()
    _assert_read_only_inspection(st, "missing")


def test_cli_verify_audit_reports_in_words(st, tmp_path):
    import os
    import subprocess
    import sys

    from helpers import ADMIN_PASSWORD

    _fill(st.db)
    st.db.close()
    _raw(st.db, ("DELETE FROM audit_head",))
    env = dict(
        os.environ,
        WORKSTATION_PASSPHRASE=st.passphrase,
        WORKSTATION_ADMIN_PASSWORD=ADMIN_PASSWORD,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    r = subprocess.run(
        [sys.executable, "-m", "workstation.cli.admin", "--data-dir", str(st.data_dir), "verify-audit"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and "BROKEN" in r.stdout and "head record" in r.stdout
    assert "read-only" in r.stderr
    r = subprocess.run(
        [sys.executable, "-m", "workstation.cli.admin", "--data-dir", str(st.data_dir), "demo-data", "3"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode != 0 and "Traceback" not in r.stderr and "audit trail is damaged" in r.stderr


def test_checkpoint_for_sync_refuses_a_damaged_head(st):
    _fill(st.db)
    _raw(st.db, ("DELETE FROM audit_head",))
    with st.db.read() as s, pytest.raises(UserFacingError):
        audit.checkpoint(s)


def test_a_station_made_before_anchors_adopts_one_once(tmp_path):
    """A station written by the first schema revision (no anchor file, no adoption row) is anchored
    at its first unlock, which says so in the trail; from then on a missing anchor is damage."""
    import json
    from pathlib import Path

    from helpers import MemoryKeyring

    fixture = Path(__file__).parents[1] / "upgrade" / "data" / "rev0001"
    data = tmp_path / "old"
    shutil.copytree(fixture, data)
    passphrase = json.loads((data / "expected.json").read_text())["passphrase"]
    (data / "expected.json").unlink()
    assert not (data / "workstation.db.anchor").exists()
    db, _ = station.unlock(data, passphrase=passphrase, backend=MemoryKeyring())
    try:
        assert db.read_only_reason is None
        with db.read() as s:
            assert audit.verify(s).ok
            adopted = s.execute(select(AuditEvent).where(AuditEvent.action == "audit.anchor")).scalars().all()
        assert len(adopted) == 1
    finally:
        db.close()
    assert (data / "workstation.db.anchor").exists()
    (data / "workstation.db.anchor").unlink()
    db, _ = station.unlock(data, passphrase=passphrase, backend=MemoryKeyring())
    try:
        assert db.read_only_reason is not None and "missing" in db.read_only_reason
    finally:
        db.close()
