"""Deciding a sync conflict makes the station and the platform hold the same record (issue 12): against
the reference platform on loopback, a real conflict is made (the platform's staff edit or delete a
record while the station changes it), decided through `desk.conflicts.resolve`, and the next sync is
checked to converge: the platform's copy and the station's record have the same values, version and
deletion state, and nothing waits."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sync_fixtures import add_properties, enroll, services

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex
from workstation.domain.validation import gb11643_check_char
from workstation.errors import Conflict, PermissionDenied
from workstation.storage import outbox
from workstation.storage.schema import SYNCABLE, AuditEvent, OutboxEntry, Property, Tenancy
from workstation.sync import client as sc


@pytest.fixture
def linked(sqlite_platform, station):
    enroll(sqlite_platform, station)
    c = sc.SyncClient(station.db)
    yield sqlite_platform, station, c
    c.close()


def _doc(name: str, seq: int) -> IdentityDocument:
    first17 = f"44030519900517{seq:03d}"
    return IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID, number=first17 + gb11643_check_char(first17), name=name,
        sex=Sex.MALE, birth_date=date(1990, 5, 17), source="card",
    )


def _record(st, record_type, record_id):
    with st.db.read() as s:
        return s.get(SYNCABLE[record_type], record_id)


def _values(record) -> dict:
    payload = outbox.record_payload(record)
    return {k: v for k, v in payload.items() if k not in outbox.NOT_FROM_PAYLOAD}


def assert_converged(platform, st, client, record_type, record_id):
    """After a sync: nothing waits, no conflict is open, and both sides hold the same record."""
    res = client.sync()
    assert res.error is None and res.conflicts == 0
    status = sc.status(st.db)
    assert status.unacknowledged_records == 0 and status.open_conflicts == 0
    copy = client.platform_record(record_type, record_id)
    local = _record(st, record_type, record_id)
    assert copy.version == local.version == local.acked_version
    assert copy.deleted == (local.deleted_at is not None)
    theirs = {k: v for k, v in copy.payload.items() if k not in outbox.NOT_FROM_PAYLOAD}
    assert theirs == _values(local)
    return copy, local


def _property_conflict(platform, st, client):
    svc = services(st)
    (pid,) = add_properties(svc, 1)
    client.sync()
    platform.central.edit_record("property", pid, {"address": "平台修改的地址", "landlord_name": "王平台"})
    svc.housing.update_property(pid, base_version=1, address="本站修改的地址", manager_name="本站物业")
    assert client.sync().conflicts == 1
    (c,) = svc.conflicts.open()
    return svc, pid, c


def _audit(st, action, target_id):
    with st.db.read() as s:
        return list(s.execute(
            select(AuditEvent).where(AuditEvent.action == action, AuditEvent.target_id == target_id)
            .order_by(AuditEvent.seq)
        ).scalars())


def test_accepting_the_platforms_version_writes_it_here_and_converges(linked):
    platform, st, client = linked
    svc, pid, c = _property_conflict(platform, st, client)
    comparison = svc.conflicts.compare(c.id, client=client)
    assert comparison.choices == ("platform", "station") and comparison.station_version == 2
    before = _record(st, "property", pid)
    assert before.address == "本站修改的地址"

    done = svc.conflicts.resolve(c.id, choice="platform", note="与房东核实", client=client,
                                 seen_version=comparison.platform.version)
    assert done.outcome == "took_platform" and done.version == 3 and done.closed == 1
    assert "now stored here" in done.message
    after = _record(st, "property", pid)
    assert (after.address, after.landlord_name) == ("平台修改的地址", "王平台")
    assert after.manager_name is None  # the platform's copy never had this station's refused change
    assert after.version == 3  # above both sides' version 2
    with st.db.read() as s:
        (row,) = s.execute(select(OutboxEntry).where(OutboxEntry.record_id == pid, OutboxEntry.version == 3)).scalars()
    assert (row.operation, row.base_version) == ("update", 2)
    (update,) = [e for e in _audit(st, "property.update", pid) if "platform's version taken" in e.details]
    (decided,) = _audit(st, "sync.conflict.resolve", pid)
    assert "accepted the platform's version: 与房东核实" in decided.details
    assert update.seq + 1 == decided.seq  # the record's change and the decision, one after the other

    copy, _ = assert_converged(platform, st, client, "property", pid)
    assert copy.payload["address"] == "平台修改的地址" and copy.version == 3


def test_keeping_this_stations_version_sends_it_again_and_converges(linked):
    platform, st, client = linked
    svc, pid, c = _property_conflict(platform, st, client)
    done = svc.conflicts.resolve(c.id, choice="station", client=client)
    assert done.outcome == "sent_station" and done.version == 3
    assert "in place of its version 2" in done.message
    local = _record(st, "property", pid)
    assert (local.address, local.manager_name) == ("本站修改的地址", "本站物业")
    copy, _ = assert_converged(platform, st, client, "property", pid)
    assert copy.payload["address"] == "本站修改的地址" and copy.payload["manager_name"] == "本站物业"
    assert copy.payload["landlord_name"] is None  # the station's version stands whole


def test_a_later_unsent_edit_is_carried_by_the_decision_not_sent_first(linked):
    platform, st, client = linked
    svc, pid, c = _property_conflict(platform, st, client)
    svc.housing.update_property(pid, base_version=2, landlord_phone="13800138000")  # v3 from v2: not sent yet
    done = svc.conflicts.resolve(c.id, choice="station", client=client)
    assert done.replaced == 1 and done.version == 4
    with st.db.read() as s:
        waiting = s.scalars(select(OutboxEntry.version).where(OutboxEntry.record_id == pid,
                                                              OutboxEntry.acked_at.is_(None))).all()
    assert waiting == [4]
    copy, _ = assert_converged(platform, st, client, "property", pid)
    assert copy.payload["landlord_phone"] == "13800138000" and copy.payload["address"] == "本站修改的地址"


def _person_conflict(platform, st, client, *, platform_deletes: bool, station_deletes: bool):
    svc = services(st)
    prop = svc.housing.create_property(address="深圳市南山区冲突路1号", grid_code="G01").id
    room = svc.housing.add_room(prop, label="101").id
    pid = svc.residents.register(_doc("张冲突", 7), phone="13900000001", room_id=room).id
    client.sync()
    person = _record(st, "person", pid)
    if platform_deletes:
        platform.central.delete_record("person", pid)
    else:
        platform.central.edit_record("person", pid, {"phone": "13900000002", "employer": "平台单位"})
    if station_deletes:
        svc.residents.delete(pid, base_version=person.version, reason="重复登记")
    else:
        svc.residents.update(pid, base_version=person.version, employer="本站单位")
    assert client.sync().conflicts >= 1
    c = next(x for x in svc.conflicts.open() if x.record_type == "person")
    return svc, pid, c


def _live_tenancies(st, pid) -> int:
    with st.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Tenancy).where(
            Tenancy.person_id == pid, Tenancy.deleted_at.is_(None))))


def test_platform_deleted_the_resident_accepting_deletes_here_with_bindings(linked):
    platform, st, client = linked
    svc, pid, c = _person_conflict(platform, st, client, platform_deletes=True, station_deletes=False)
    comparison = svc.conflicts.compare(c.id, client=client)
    assert comparison.platform.deleted and not comparison.station_deleted
    assert _live_tenancies(st, pid) == 1
    done = svc.conflicts.resolve(c.id, choice="platform", client=client)
    assert done.outcome == "deleted_person_here" and "bindings" in done.message
    assert _record(st, "person", pid).deleted_at is not None and _live_tenancies(st, pid) == 0
    copy, _ = assert_converged(platform, st, client, "person", pid)
    assert copy.deleted


def test_platform_deleted_the_resident_keeping_restores_it_there(linked):
    platform, st, client = linked
    svc, pid, c = _person_conflict(platform, st, client, platform_deletes=True, station_deletes=False)
    done = svc.conflicts.resolve(c.id, choice="station", client=client)
    assert done.outcome == "sent_station_restore" and "restores it there" in done.message
    assert _record(st, "person", pid).deleted_at is None and _live_tenancies(st, pid) == 1
    copy, _ = assert_converged(platform, st, client, "person", pid)
    assert not copy.deleted and copy.payload["employer"] == "本站单位"


def test_deleted_here_accepting_the_platforms_version_restores_it(linked):
    platform, st, client = linked
    svc, pid, c = _person_conflict(platform, st, client, platform_deletes=False, station_deletes=True)
    comparison = svc.conflicts.compare(c.id, client=client)
    assert comparison.station_deleted and not comparison.platform.deleted
    done = svc.conflicts.resolve(c.id, choice="platform", client=client)
    assert done.outcome == "restored_here"
    person = _record(st, "person", pid)
    assert person.deleted_at is None and (person.phone, person.employer) == ("13900000002", "平台单位")
    assert svc.residents.get(pid).name == "张冲突"  # readable again through the desk
    assert_converged(platform, st, client, "person", pid)


def test_deleted_here_keeping_asks_the_platform_to_delete_it(linked):
    platform, st, client = linked
    svc, pid, c = _person_conflict(platform, st, client, platform_deletes=False, station_deletes=True)
    done = svc.conflicts.resolve(c.id, choice="station", client=client)
    assert done.outcome == "sent_delete" and "delete its copy too" in done.message
    copy, _ = assert_converged(platform, st, client, "person", pid)
    assert copy.deleted


def test_accepting_a_changed_name_updates_the_search_keys(linked):
    platform, st, client = linked
    svc = services(st)
    pid = svc.residents.register(_doc("张三", 11)).id
    client.sync()
    platform.central.edit_record("person", pid, {"name": "李四"})
    svc.residents.update(pid, base_version=1, phone="13900000003")
    client.sync()
    (c,) = svc.conflicts.open()
    svc.conflicts.resolve(c.id, choice="platform", client=client)
    person = _record(st, "person", pid)
    assert (person.name, person.name_pinyin, person.name_initials) == ("李四", "lisi", "ls")
    assert [r.id for r in svc.residents.find("lisi").items] == [pid]


def test_another_stations_record_can_only_be_withdrawn(linked):
    platform, st, client = linked
    svc, pid, c = _property_conflict(platform, st, client)
    platform.central.transfer_record("property", pid, "440305999", reason="moved")
    comparison = svc.conflicts.compare(c.id, client=client)
    assert comparison.not_owner and comparison.choices == ("platform",)
    with pytest.raises(sc.SyncError, match="another station") as refused:
        svc.conflicts.resolve(c.id, choice="station", client=client)
    assert "withdraw" in refused.value.message
    done = svc.conflicts.resolve(c.id, choice="platform", client=client)
    assert done.outcome == "withdrawn" and done.version is None
    assert _record(st, "property", pid).address == "本站修改的地址"  # left as it is
    assert sc.status(st.db).open_conflicts == 0 and sc.status(st.db).unacknowledged_records == 0


def test_platform_moved_since_the_comparison_decides_nothing(linked):
    platform, st, client = linked
    svc, pid, c = _property_conflict(platform, st, client)
    comparison = svc.conflicts.compare(c.id, client=client)
    platform.central.edit_record("property", pid, {"address": "平台再次修改"})
    with pytest.raises(Conflict, match="version 3"):
        svc.conflicts.resolve(c.id, choice="platform", client=client, seen_version=comparison.platform.version)
    assert _record(st, "property", pid).address == "本站修改的地址" and sc.status(st.db).open_conflicts == 1


def test_a_change_on_its_way_makes_the_decision_wait(linked):
    platform, st, client = linked
    svc = services(st)
    (pid,) = add_properties(svc, 1)
    client.sync()
    platform.central.edit_record("property", pid, {"address": "平台修改的地址"})
    svc.housing.update_property(pid, base_version=1, address="本站修改的地址")
    svc.housing.update_property(pid, base_version=2, landlord_phone="13800138001")
    client.max_records = 1
    client.build_batches()
    client.seal_batches()  # each change in its own batch, sealed before the platform answered
    client.send(max_rounds=1)  # the first comes back refused; the second is sealed, on its way
    (c,) = svc.conflicts.open()
    with pytest.raises(sc.SyncError, match="on its way"):
        svc.conflicts.resolve(c.id, choice="platform", client=client)
    assert sc.status(st.db).open_conflicts == 1


def test_deciding_writes_needs_the_right_to_write_that_record(linked):
    platform, st, client = linked
    _svc, pid, c = _property_conflict(platform, st, client)
    supervisor = services(st, Role.SUPERVISOR)  # may sync, may not manage properties
    with pytest.raises(PermissionDenied):
        supervisor.conflicts.resolve(c.id, choice="platform", client=client)
    assert sc.status(st.db).open_conflicts == 1
    with st.db.read() as s:
        assert s.get(Property, pid).version == 2


def test_a_platform_value_this_station_cannot_store_is_refused_plainly(linked):
    platform, st, client = linked
    svc, pid, c = _property_conflict(platform, st, client)
    platform.central.edit_record("property", pid, {"grid_code": None})  # required here
    with pytest.raises(sc.SyncError, match="cannot be stored here: grid_code: may not be empty"):
        svc.conflicts.resolve(c.id, choice="platform", client=client)
    assert _record(st, "property", pid).grid_code == "G01" and sc.status(st.db).open_conflicts == 1
