"""Enrollment only by an administrator, audited, never silently replaced, never rewriting what the old
platform acknowledged (issue 14 item 2); the client's handling of a refused audit checkpoint (item 7).
Against the real reference platform on loopback."""

from __future__ import annotations

import pytest
from platform_helpers import make_platform
from sqlalchemy import select
from sync_fixtures import STATION, add_properties, enroll, services

from workstation.domain.enums import Role
from workstation.errors import PermissionDenied
from workstation.storage.schema import AuditEvent, OutboxEntry
from workstation.sync import client as sc
from workstation.sync.models import SyncBatch, SyncDevice


def audit_rows(st, action):
    with st.db.read() as s:
        return [
            (e.actor, e.outcome, e.details) for e in s.scalars(select(AuditEvent).where(AuditEvent.action == action))
        ]


def ledger(st):
    with st.db.read() as s:
        return [(b.seq, b.state, b.receipt) for b in s.scalars(select(SyncBatch).order_by(SyncBatch.seq))]


def device(st):
    with st.db.read() as s:
        return s.get(SyncDevice, 1)


def test_only_an_administrator_enrolls(sqlite_platform, station):
    p = sqlite_platform
    for role in (Role.OFFICER, Role.SUPERVISOR, Role.ASSISTANT):
        with pytest.raises(PermissionDenied):
            sc.enroll(station.db, p.url, p.central.enroll_code(STATION), STATION, p.ca_pem, actor=station.actor(role))
    assert device(station) is None
    assert [o for _a, o, _d in audit_rows(station, "sync.enroll")] == ["denied"] * 3
    dev = enroll(p, station)
    assert device(station).device_id == dev
    assert audit_rows(station, "sync.enroll")[-1][:2] == ("admin", "ok")


def test_an_enrollment_is_not_replaced_unless_asked_and_confirmed(sqlite_platform, station, tmp_path):
    p = sqlite_platform
    first = enroll(p, station)
    other = make_platform(tmp_path / "other")  # a desk person's own server
    try:
        asked = []
        for replace, answer in ((False, True), (True, False), (True, None)):
            code = other.central.enroll_code(STATION)
            confirm = None if answer is None else (lambda cur, a=answer: asked.append(cur.device_id) or a)
            with pytest.raises(sc.SyncError):
                sc.enroll(
                    station.db,
                    other.url,
                    code,
                    STATION,
                    other.ca_pem,
                    actor=station.admin,
                    replace=replace,
                    confirm=confirm,
                )
        assert asked == [first]  # shown what it replaces; only the explicit request got that far
        d = device(station)
        assert (d.device_id, d.platform_url) == (first, p.url)
        assert [o for _a, o, _d in audit_rows(station, "sync.enroll")] == ["ok", "refused", "refused", "refused"]
        assert other.central.status()["devices"] == 0  # nothing was even sent
    finally:
        other.close()


def test_replacing_keeps_what_the_old_platform_acknowledged(sqlite_platform, station, tmp_path):
    """Re-pointing a station to another platform: acknowledged batches stay acknowledged with their
    receipts; the batch the old platform never acknowledged is superseded and its changes reach the
    new platform as its sequence 1 (no `unknown_device`, nothing lost, nothing twice)."""
    p = sqlite_platform
    enroll(p, station)
    svc = services(station)
    add_properties(svc, 3)
    c = sc.SyncClient(station.db)
    assert c.sync(downlink=False).acknowledged == 1
    c.close()
    acked_before = ledger(station)
    add_properties(svc, 2)
    p.stop()  # the old platform is gone before the next batch got through
    c = sc.SyncClient(station.db)
    assert c.sync(downlink=False).error
    c.close()
    assert [state for _s, state, _r in ledger(station)] == ["acknowledged", "sealed"]
    other = make_platform(tmp_path / "other")
    try:
        new = sc.enroll(
            station.db,
            other.url,
            other.central.enroll_code(STATION),
            STATION,
            other.ca_pem,
            actor=station.admin,
            replace=True,
            confirm=lambda cur: True,
        )
        rows = ledger(station)
        assert rows[0] == acked_before[0]  # untouched, receipt and all
        assert rows[1][1] == "superseded"
        c = sc.SyncClient(station.db)
        res = c.sync(downlink=False)
        c.close()
        assert res.error is None and res.acknowledged == 1 and res.records == 2
        assert [state for _s, state, _r in ledger(station)] == ["acknowledged", "superseded", "acknowledged"]
        assert other.central.status()["record_versions"] == 2 and p.central.status()["record_versions"] == 3
        with other.store.sessions() as s:
            from workstation.central.store import Batch

            assert [(b.device_id, b.seq) for b in s.scalars(select(Batch))] == [(new, 1)]
        with station.db.read() as s:
            assert s.scalar(select(OutboxEntry).where(OutboxEntry.acked_at.is_(None))) is None
        assert "replaces device" in audit_rows(station, "sync.enroll")[-1][2]
        st = sc.status(station.db)
        assert st.pending_batches == [] and st.batches["superseded"] == 1
    finally:
        other.close()


def test_workstation_sync_enroll_needs_the_admin_login_and_a_confirmation(
    sqlite_platform, station, tmp_path, monkeypatch, capsys
):
    from helpers import ADMIN_PASSWORD
    from workstation.cli import app

    p = sqlite_platform
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", station.passphrase)
    monkeypatch.delenv("WORKSTATION_ADMIN_PASSWORD", raising=False)
    monkeypatch.delenv("WORKSTATION_CONFIRM", raising=False)
    station.db.close()
    ca = tmp_path / "ca.pem"
    ca.write_bytes(p.keys.ca_pem)
    d = str(station.data_dir)

    def run(*extra):
        code = p.central.enroll_code(STATION)
        argv = ["--data-dir", d, "sync", "--enroll", p.url, "--code", code, "--station-code", STATION, "--ca", str(ca)]
        rc = app.main([*argv, *extra])
        out = capsys.readouterr()
        return rc, out.out + out.err

    rc, text = run()  # no password and no terminal: refused, nothing enrolled
    assert rc != 0 and "Traceback" not in text and p.central.status()["devices"] == 0
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", ADMIN_PASSWORD)
    rc, text = run()
    assert rc == 0 and "Enrolled as device" in text
    first = p.central.status()["devices"]
    rc, text = run()
    assert rc != 0 and "already enrolled" in text and "Traceback" not in text
    rc, text = run("--replace-enrollment")  # no confirmation typed
    assert rc != 0 and "not confirmed" in text
    assert app.main(["--data-dir", d, "sync", "--status"]) == 0
    current = capsys.readouterr().out.split("Device ", 1)[1].split(" ", 1)[0]
    monkeypatch.setenv("WORKSTATION_CONFIRM", current)
    rc, text = run("--replace-enrollment")
    assert rc == 0 and "Enrolled as device" in text and current in text
    assert p.central.status()["devices"] == first + 1


def test_a_refused_checkpoint_stops_sync_and_says_why_in_the_ledger(sqlite_platform, station):
    from workstation.central.store import StationCheckpoint

    p = sqlite_platform
    enroll(p, station)
    svc = services(station)
    add_properties(svc, 2)
    c = sc.SyncClient(station.db)
    assert c.sync(downlink=False).error is None
    with p.store.sessions.begin() as s:  # the station once reported far more audit entries than it has now
        s.get(StationCheckpoint, STATION).seq += 1000
    add_properties(svc, 1)
    res = c.sync(downlink=False)
    c.close()
    assert res.error and "audit trail" in res.error and res.acknowledged == 0
    with station.db.read() as s:
        b = s.scalars(select(SyncBatch).order_by(SyncBatch.seq.desc())).first()
        assert (b.state, b.next_retry_at, b.last_error) == ("sealed", None, res.error)
    refused = audit_rows(station, "sync.checkpoint_refused")
    assert len(refused) == 1 and refused[0][1] == "refused" and "checkpoint_behind" in refused[0][2]
    assert p.central.status()["record_versions"] == 2
    st = sc.status(station.db)
    assert "audit trail" in st.pending_batches[0].last_error
