"""Enrollment, sealed upload and downlink over real HTTPS on loopback (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

from sqlalchemy import select
from sync_fixtures import STATION, add_properties, enroll, services

from workstation.domain.enums import Role
from workstation.storage.schema import OutboxEntry, Property, Task
from workstation.storage.sync_tables import SyncBatch
from workstation.sync import client as sc


def platform_set(platform):
    return sorted((rid, v) for _t, rid, v in platform.central.record_versions())


def client_acked(st):
    with st.db.read() as s:
        return sorted(
            (r.record_id, r.version)
            for r in s.execute(select(OutboxEntry).where(OutboxEntry.acked_at.is_not(None))).scalars()
        )


def test_enroll_upload_and_acknowledge(platform, station):
    device_id = enroll(platform, station)
    svc = services(station)
    ids = add_properties(svc, 25)
    svc.housing.update_property(ids[0], base_version=1, address="深圳市南山区新地址1号")
    c = sc.SyncClient(station.db, max_records=10)
    progress = []
    res = c.sync(progress=lambda d, t, m: progress.append((d, t)))
    c.close()
    assert res.error is None and res.remaining == 0
    assert res.acknowledged == 3 and res.records == 26
    assert progress[-1] == (26, 26)
    assert platform_set(platform) == client_acked(station)
    assert len(platform_set(platform)) == 26
    with station.db.read() as s:
        p0 = s.get(Property, ids[0])
        assert p0.acked_version == 2
        batches = s.execute(select(SyncBatch).order_by(SyncBatch.seq)).scalars().all()
    assert [b.state for b in batches] == ["acknowledged"] * 3
    assert all(json.loads(b.receipt)["body"]["device"] == device_id for b in batches)
    st = sc.status(station.db)
    assert st.unacknowledged_records == 0 and st.batches == {"acknowledged": 3}


def test_downlink_tasks_settings_prereg(platform, station):
    enroll(platform, station)
    tid = platform.central.push_task(STATION, title="核查出租屋", due_date="2026-12-01")
    platform.central.push_task("999999999", title="another station's task")
    platform.central.push("setting", "retention_days", {"value": 200}, STATION)
    platform.central.push("reference", "grid_codes", {"codes": ["G01", "G02"]}, None)
    platform.central.import_prereg(STATION, [{"name": "张三", "id_number_masked": "4403**********1234"}])
    c = sc.SyncClient(station.db)
    assert c.downlink(limit=2) == 4
    with station.db.read() as s:
        tasks = s.execute(select(Task)).scalars().all()
    assert [t.platform_id for t in tasks] == [tid]
    from workstation.storage import settings

    with station.db.read() as s:
        assert settings.get(s, "retention_days") == 200
        assert settings.get(s, "reference.grid_codes") == {"codes": ["G01", "G02"]}
    assert c.downlink() == 0  # cursor: nothing new
    # completing the task syncs back and the platform applies it on top of its version 1
    svc = services(station, Role.OFFICER)
    svc.tasks.complete(tasks[0].id, result="done", notes="已核查")
    res = c.sync()
    assert res.error is None and res.conflicts == 0
    assert ("task", tasks[0].id, 2) in platform.central.record_versions()
    c.close()


def test_downlink_never_overwrites_pending_local_change(sqlite_platform, station):
    platform = sqlite_platform
    enroll(platform, station)
    c = sc.SyncClient(station.db)
    platform.central.push_task(STATION, title="v1 title")
    c.downlink()
    with station.db.read() as s:
        task = s.execute(select(Task)).scalar_one()
    services(station).tasks.complete(task.id, result="done")
    # the platform re-sends the task with a new title while our completion is unsynced
    platform.central.push(
        "task",
        task.platform_id,
        {"id": task.id, "platform_id": task.platform_id, "title": "v2 title", "version": 1},
        STATION,
    )
    c.downlink()
    with station.db.read() as s:
        t = s.get(Task, task.id)
    assert t.title == "v1 title" and t.status == "done" and t.version == 2
    c.sync()  # completion acknowledged, then the deferred update applies
    with station.db.read() as s:
        t = s.get(Task, task.id)
    assert t.title == "v2 title" and t.status == "done"
    c.close()


def test_platform_key_rotation_by_downlink(platform, station):
    enroll(platform, station)
    svc = services(station)
    add_properties(svc, 3)
    c = sc.SyncClient(station.db)
    c.build_batches()
    c.seal_batches()  # sealed to the old key, not yet sent
    old_id = platform.central.keys.key_id
    new_id = platform.central.rotate_key()
    assert new_id != old_id
    c.downlink()
    assert c.device().key_id == new_id
    add_properties(svc, 2)
    res = c.sync()
    assert res.error is None and res.acknowledged == 2
    with station.db.read() as s:
        keys = [
            json.loads(b.receipt)["body"]["key_id"]
            for b in s.execute(select(SyncBatch).order_by(SyncBatch.seq)).scalars()
        ]
        from workstation.sync import envelope as env

        ids = [
            env.parse(b.envelope).header.key_id for b in s.execute(select(SyncBatch).order_by(SyncBatch.seq)).scalars()
        ]
    assert ids == [old_id, new_id] and keys == [new_id, new_id]
    c.close()


def test_platform_lost_batches_client_resends_in_order(sqlite_platform, station):
    """The platform was restored from an older backup: it names the sequence it expects and the
    client resends its sealed batches from there, in order (identical bytes)."""
    from sqlalchemy import delete

    from workstation.central.store import Batch, Device, Record, RecordLog, StationCheckpoint

    p = sqlite_platform
    enroll(p, station)
    svc = services(station)
    add_properties(svc, 6)
    c = sc.SyncClient(station.db, max_records=2)
    assert c.sync().acknowledged == 3
    with p.store.sessions.begin() as s:
        lost = s.execute(select(Batch.batch_id).where(Batch.seq > 1)).scalars().all()
        first = s.execute(select(Batch).where(Batch.seq == 1)).scalar_one()
        ids = s.execute(select(RecordLog.record_id).where(RecordLog.batch_id.in_(lost))).scalars().all()
        s.execute(delete(RecordLog).where(RecordLog.batch_id.in_(lost)))
        s.execute(delete(Record).where(Record.record_id.in_(ids)))
        s.execute(delete(Batch).where(Batch.seq > 1))
        dev = s.execute(select(Device)).scalar_one()
        dev.next_seq, dev.last_hash = 2, first.envelope_hash
        cp = s.get(StationCheckpoint, STATION)  # the backup held the checkpoint of batch 1
        cp.seq, cp.hash = json.loads(first.checkpoint)["seq"], json.loads(first.checkpoint)["hash"]
    add_properties(svc, 1)
    res = c.sync()
    assert res.error is None and res.remaining == 0
    assert sorted((r, v) for _t, r, v in p.central.record_versions()) == client_acked(station)
    assert len(client_acked(station)) == 7
    c.close()


def test_device_key_is_stored_wrapped_and_preregs_settle(sqlite_platform, station):
    from workstation.storage.sync_tables import SyncDevice

    enroll(sqlite_platform, station)
    with station.db.read() as s:
        dev = s.get(SyncDevice, 1)
    raw = sc._unwrap(station.db, dev.sign_priv_wrapped)
    assert len(raw) == 32 and raw not in dev.sign_priv_wrapped
    import pytest
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with pytest.raises(InvalidTag):  # another key (e.g. another database's subkey) cannot unwrap it
        AESGCM(b"\x01" * 32).decrypt(dev.sign_priv_wrapped[:12], dev.sign_priv_wrapped[12:], b"sync-device-sign")
    sqlite_platform.central.import_prereg(STATION, [{"name": "王五"}, {"name": "赵六"}])
    c = sc.SyncClient(station.db)
    c.downlink()
    pre = sc.list_preregs(station.db)
    assert sorted(json.loads(p.payload)["name"] for p in pre) == ["王五", "赵六"]
    sc.settle_prereg(station.db, pre[0].id, actor="officer1", outcome="confirmed")
    assert len(sc.list_preregs(station.db)) == 1
    with pytest.raises(sc.SyncError):
        sc.settle_prereg(station.db, pre[0].id, actor="officer1", outcome="confirmed")
    c.close()


def test_sync_and_background_tick_say_what_came_down_and_when(sqlite_platform, station):
    """A sync's result counts the tasks and pre-registrations it stored; a background tick fetches them
    too (not only uploads); the last finished / failed exchange is kept in the store for the status bar."""
    platform = sqlite_platform
    enroll(platform, station)
    assert sc.status(station.db).last_synced_at is None
    for i in range(2):
        platform.central.push_task(STATION, title=f"核查{i}")
    platform.central.import_prereg(STATION, [{"name": "张三", "id_number_masked": "4403**********1234"}])
    c = sc.SyncClient(station.db)
    try:
        res = c.sync()
        assert res.error is None and (res.tasks_received, res.preregs_received) == (2, 1)
        st = sc.status(station.db)
        assert st.last_synced_at is not None and st.last_failed_at is None
        first = st.last_synced_at

        platform.central.push_task(STATION, title="后台收到的任务")
        reachable, res = c.tick(was_reachable=True)  # the background step fetches as well as sends
        assert reachable and res is not None and (res.tasks_received, res.preregs_received) == (1, 0)
        with station.db.read() as s:
            assert "后台收到的任务" in {t.title for t in s.execute(select(Task)).scalars()}
        assert sc.status(station.db).last_synced_at >= first

        platform.stop()  # unreachable: the try is recorded, the last finished sync stays
        c.close()
        reachable, res = c.tick(was_reachable=True)
        assert not reachable and res is None
        st = sc.status(station.db)
        assert st.last_failed_at is not None and st.last_failed_at >= st.last_synced_at >= first
    finally:
        c.close()
