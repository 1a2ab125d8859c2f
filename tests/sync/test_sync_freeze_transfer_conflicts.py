"""Freeze rules, offline transfer by folder, conflicts and the CLIs."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sync_fixtures import STATION, add_properties, enroll, services

from workstation.cli import central as central_cli
from workstation.cli.terminal import EXIT_REFUSED
from workstation.domain.enums import Role
from workstation.errors import PermissionDenied
from workstation.storage import settings
from workstation.storage.schema import AuditEvent, OutboxEntry, utcnow
from workstation.storage.sync_tables import SyncBatch, SyncConflict
from workstation.sync import client as sc
from workstation.sync import freeze, transfer


def test_freeze_blocks_explains_and_supervisor_override_is_audited(station):
    officer_svc = services(station)
    add_properties(officer_svc, 3)
    with station.db.write() as s:
        settings.set(s, freeze.COUNT_KEY, 2)
        settings.set(s, freeze.AGE_KEY, 24)
        s.execute(update(OutboxEntry).values(created_at=utcnow() - timedelta(hours=30)))
    with station.db.read() as s:
        st = freeze.evaluate(s)
    assert st.frozen and len(st.reasons) == 2
    assert "30 hours old (limit 24 hours)" in st.explain() and "3 changes are waiting" in st.explain()
    assert "Sync now" in st.explain()
    with pytest.raises(freeze.RegistrationFrozen) as exc, station.db.write() as s:
        freeze.guard(s, officer_svc.actor)
    assert "limit" in exc.value.message and exc.value.hint
    with pytest.raises(PermissionDenied):
        freeze.override(station.db, officer_svc.actor, reason="need to register")
    sup = station.actor(Role.SUPERVISOR)
    freeze.override(station.db, sup, reason="platform outage, registering arrivals", hours=2)
    with station.db.write() as s:
        freeze.guard(s, officer_svc.actor)  # no longer raises
        assert not freeze.evaluate(s).frozen
        ev = s.execute(select(AuditEvent).where(AuditEvent.action == "freeze.override")).scalar_one()
    assert ev.actor == sup.username and "platform outage" in ev.details


def test_freeze_clears_after_sync(sqlite_platform, station):
    enroll(sqlite_platform, station)
    add_properties(services(station), 3)
    with station.db.write() as s:
        settings.set(s, freeze.COUNT_KEY, 2)
    with station.db.read() as s:
        assert freeze.evaluate(s).frozen
    c = sc.SyncClient(station.db)
    c.sync()
    c.close()
    with station.db.read() as s:
        assert not freeze.evaluate(s).frozen


def test_offline_transfer_round_trip(sqlite_platform, station, tmp_path):
    p = sqlite_platform
    enroll(p, station)
    add_properties(services(station), 7)
    stick = tmp_path / "usb"
    c = sc.SyncClient(station.db, max_records=3)
    c.build_batches()
    paths = transfer.export_batches(station.db, stick)
    assert len(paths) == 3
    with station.db.read() as s:
        stored = [b.envelope for b in s.execute(select(SyncBatch).order_by(SyncBatch.seq)).scalars()]
    assert [pp.read_bytes() for pp in paths] == stored  # exact sealed bytes
    rc = central_cli.main(["--data-dir", str(p.data_dir), "--db-url", p.store.url, "import-folder", str(stick)])
    assert rc == 0
    assert transfer.import_receipts(station.db, stick) == 3
    assert transfer.import_receipts(station.db, stick) == 0  # idempotent
    assert sc.status(station.db).unacknowledged_records == 0
    assert sorted((r, v) for _t, r, v in p.central.record_versions()) == sorted((r, v) for r, v in _acked(station))
    # a forged receipt is refused
    forged = json.loads(next(stick.glob("*.receipt.json")).read_text())
    forged["body"]["seq"] = 99
    (stick / "zz.receipt.json").write_text(json.dumps(forged))
    with pytest.raises(sc.SyncError, match="signature"):
        transfer.import_receipts(station.db, stick)


def _acked(st):
    with st.db.read() as s:
        return [
            (r.record_id, r.version)
            for r in s.execute(select(OutboxEntry).where(OutboxEntry.acked_at.is_not(None))).scalars()
        ]


def test_stale_update_comes_back_as_conflict(platform, station):
    enroll(platform, station)
    svc = services(station)
    (pid,) = add_properties(svc, 1)
    c = sc.SyncClient(station.db)
    c.sync()
    platform.central.edit_record("property", pid, {"address": "platform edit"})  # platform now at v2
    svc.housing.update_property(pid, base_version=1, address="local edit")  # local v2 based on v1
    res = c.sync()
    assert res.error is None and res.conflicts == 1
    with station.db.read() as s:
        conflict = s.execute(select(SyncConflict)).scalar_one()
    assert (conflict.record_id, conflict.version, conflict.base_version, conflict.platform_version) == (pid, 2, 1, 2)
    st = sc.status(station.db)
    assert st.open_conflicts == 1 and st.unacknowledged_records == 1  # not silently acknowledged
    assert not hasattr(c, "resolve_conflict")  # one way to decide: desk.conflicts.resolve (it converges)
    done = svc.conflicts.resolve(conflict.id, choice="platform", client=c)
    assert done.outcome == "took_platform"
    st = sc.status(station.db)
    assert st.open_conflicts == 0 and (st.refused_records, st.decided_records) == (0, 1)
    assert st.unacknowledged_records == 1  # the decision itself, for the platform
    res = c.sync()
    assert res.error is None and res.conflicts == 0
    assert sc.status(station.db).unacknowledged_records == 0
    assert svc.housing.get_property(pid).address == "platform edit"
    c.close()


def test_central_cli_and_sync_status(tmp_path, station, capsys):
    d = tmp_path / "plat"
    assert central_cli.main(["--data-dir", str(d), "init"]) == 0
    assert central_cli.main(["--data-dir", str(d), "enroll-code", STATION]) == 0
    assert central_cli.main(["--data-dir", str(d), "push-task", STATION, "走访"]) == 0
    (tmp_path / "pre.json").write_text(json.dumps([{"name": "李四"}]))
    assert central_cli.main(["--data-dir", str(d), "import-prereg", STATION, str(tmp_path / "pre.json")]) == 0
    assert central_cli.main(["--data-dir", str(d), "status"]) == 0
    out = capsys.readouterr().out
    assert "Enrollment code" in out and "CA fingerprint" in out
    assert "Items queued for stations (tasks, pre-registrations, settings): 2" in out
    assert central_cli.main(["--data-dir", str(d), "revoke-device", "nope"]) == EXIT_REFUSED
    from workstation.cli.sync import print_status

    add_properties(services(station), 2)
    print_status(station.db)
    out = capsys.readouterr().out
    assert "Not enrolled" in out and "not yet acknowledged by the platform: 2" in out
