"""The housing area as the properties page uses it (issue 11 items 1–3): the four parties, per-page
figures, consistency order, rooms as tiles, rename/remove, bindings with overlaps, move in one
transaction — each write with its outbox and audit rows."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex, SpotCheckResult, TenancyRelation
from workstation.domain.housing import periods_overlap
from workstation.domain.validation import gb11643_check_char
from workstation.errors import PermissionDenied, ValidationError
from workstation.storage import metrics
from workstation.storage.areas import Kind
from workstation.storage.areas.housing import AlreadyBound, OverlappingTenancy, PropertyOrder, RoomOccupied
from workstation.storage.schema import AuditEvent, OutboxEntry, Tenancy
from workstation.storage.search import BadCursor
from workstation.wiring import open_desk

TODAY = date.today()


def _doc(name, seq, born=date(1990, 5, 17)):
    first17 = f"440305{born:%Y%m%d}{seq:03d}"
    return IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number=first17 + gb11643_check_char(first17),
                            name=name, sex=Sex.MALE if seq % 2 else Sex.FEMALE, birth_date=born, source="card")


@pytest.fixture
def desks(st):
    officer = open_desk(st.db, st.actor(Role.OFFICER), freeze_rules=False)
    assistant = open_desk(st.db, st.actor(Role.ASSISTANT), freeze_rules=False)
    supervisor = open_desk(st.db, st.actor(Role.SUPERVISOR), freeze_rules=False)
    return officer, assistant, supervisor


def _outbox(st, record_id):
    with st.db.read() as s:
        return [(e.operation, e.version) for e in s.execute(
            select(OutboxEntry).where(OutboxEntry.record_id == record_id).order_by(OutboxEntry.seq)).scalars()]


def _audit(st, action, target_id=None):
    with st.db.read() as s:
        q = select(AuditEvent).where(AuditEvent.action == action)
        if target_id:
            q = q.where(AuditEvent.target_id == target_id)
        return list(s.execute(q.order_by(AuditEvent.seq)).scalars())


def test_overlap_rule_allows_a_move_day_only():
    d = date(2026, 5, 10)
    assert not periods_overlap(d - timedelta(days=9), d, d, None)  # moved on the 10th
    assert periods_overlap(d - timedelta(days=9), None, d, None)
    assert periods_overlap(d, d + timedelta(days=3), d + timedelta(days=1), None)
    assert not periods_overlap(d, d + timedelta(days=3), d + timedelta(days=5), None)


def test_four_parties_created_validated_and_updated(st, desks):
    officer, _assistant, _ = desks
    with pytest.raises(ValidationError) as bad:
        officer.housing.create_property(
            address=" ", grid_code="G 1", landlord_phone="123", landlord_id_number="110105194912310021",
            manager_phone="999", district_code="警区一", assistant_username="officer1",
        )
    fields = {p.field for p in bad.value.problems}
    assert {"address", "grid_code", "landlord_phone", "landlord_id_number", "manager_phone", "district_code",
            } <= fields
    with pytest.raises(ValidationError) as who:
        officer.housing.create_property(address="幸福路1号", grid_code="G01", assistant_username="officer1")
    assert [p.field for p in who.value.problems] == ["assistant_username"]
    assert [a.username for a in officer.housing.assistants()] == ["assistant1"]

    ch = officer.housing.create_property(
        address="幸福路1号", grid_code="g01", landlord_name="王房东", landlord_phone="139 0000 0001",
        landlord_id_number="11010519491231002x", manager_name="幸福物业", manager_phone="13900000002",
        assistant_username="assistant1", district_code="jq-02",
    )
    assert ch.kinds == {Kind.PROPERTY}
    d = officer.housing.get_property(ch.id)
    assert (d.grid_code, d.district_code, d.assistant_username, d.assistant_name) == ("G01", "JQ-02", "assistant1",
                                                                                      "assistant1")
    assert d.landlord_id_number == "11010519491231002X" and d.landlord_phone == "13900000001"
    assert d.manager_name == "幸福物业" and d.manager_phone == "13900000002"
    row = officer.housing.find_properties("幸福路").items[0]
    assert row.landlord_id_number_masked != d.landlord_id_number and row.assistant_username == "assistant1"

    with pytest.raises(ValidationError) as bad_update:
        officer.housing.update_property(ch.id, base_version=d.version, address="", district_code="x y")
    assert {p.field for p in bad_update.value.problems} == {"address", "district_code"}
    up = officer.housing.update_property(ch.id, base_version=d.version, assistant_username=None, manager_phone="",
                                         district_code="JQ-03")
    d2 = officer.housing.get_property(ch.id)
    assert (d2.assistant_username, d2.manager_phone, d2.district_code, d2.version) == (None, None, "JQ-03",
                                                                                       up.version)
    assert _outbox(st, ch.id) == [("create", 1), ("update", 2)]
    assert _audit(st, "property.update", ch.id)
    with pytest.raises(PermissionDenied):
        desks[2].housing.create_property(address="x", grid_code="G01")


def test_rows_carry_per_page_figures_equal_to_the_metrics(st, desks):
    officer, _, _ = desks
    pids = [officer.housing.create_property(address=f"南湖路{i}号", grid_code="G05").id for i in range(3)]
    rooms = [officer.housing.add_room(pids[0], label=f"{i}01").id for i in range(3)]
    people = [officer.residents.register(_doc(f"人{i}", 10 + i)).id for i in range(3)]
    officer.housing.bind(people[0], rooms[0], start=TODAY - timedelta(days=5))
    officer.housing.bind(people[1], rooms[1], start=TODAY - timedelta(days=5))
    officer.housing.bind(people[2], rooms[1], start=TODAY - timedelta(days=50), end=TODAY - timedelta(days=10))
    officer.housing.record_spot_check(pids[0], result=SpotCheckResult.CONSISTENT)
    officer.housing.record_spot_check(pids[0], result=SpotCheckResult.INCONSISTENT, notes="少一人")
    officer.housing.record_spot_check(pids[1], result=SpotCheckResult.CONSISTENT)
    rows = {r.id: r for r in officer.housing.find_properties("", grid_code="g05")}
    assert set(rows) == set(pids)
    first = rows[pids[0]]
    assert (first.rooms, first.bound_now) == (3, 2)
    assert first.last_spot_check is not None
    with st.db.read() as s:
        whole = metrics.consistency_by_property(s)
    for pid in pids[:2]:
        assert rows[pid].consistency == whole[pid]
    assert rows[pids[2]].consistency.value is None and rows[pids[2]].last_spot_check is None
    assert officer.housing.property_rows([pids[0]])[pids[0]] == first
    # lowest rate first, never checked last, and pages continue the same order
    by_rate = [r.id for r in officer.housing.find_properties("", grid_code="G05", order=PropertyOrder.CONSISTENCY)]
    assert by_rate == [pids[0], pids[1], pids[2]]
    page1 = officer.housing.find_properties("", grid_code="G05", order="consistency", limit=2)
    page2 = officer.housing.find_properties("", grid_code="G05", order="consistency", limit=2, after=page1.next)
    assert [r.id for r in page1] + [r.id for r in page2] == by_rate and page2.next is None
    with pytest.raises(BadCursor):
        officer.housing.find_properties("", grid_code="G05", order="address", after=page1.next)


def test_search_by_landlord_and_assistant_sees_own_first(st, desks):
    officer, assistant, _ = desks
    a = officer.housing.create_property(address="A街1号", grid_code="G07", landlord_name="赵大房")
    b = officer.housing.create_property(address="B街2号", grid_code="G07", landlord_phone="13912345678",
                                        assistant_username="assistant1")
    assert [r.id for r in officer.housing.find_properties("赵大")] == [a.id]
    assert [r.id for r in officer.housing.find_properties("12345678")] == [b.id]
    assert [r.id for r in officer.housing.find_properties("", grid_code="G07")] == [a.id, b.id]
    assert [r.id for r in assistant.housing.find_properties("", grid_code="G07")] == [b.id, a.id]
    page = assistant.housing.find_properties("", grid_code="G07", limit=1)
    assert [r.id for r in assistant.housing.find_properties("", grid_code="G07", after=page.next)] == [a.id]


def test_room_tiles_say_empty_full_declared_verified(st, desks):
    officer, _, _ = desks
    pid = officer.housing.create_property(address="北山路8号", grid_code="G02").id
    r1 = officer.housing.add_room(pid, label="101", capacity=1).id
    r2 = officer.housing.add_room(pid, label="102", capacity=3).id
    officer.housing.add_room(pid, label="103")
    with pytest.raises(ValidationError) as dup:
        officer.housing.add_room(pid, label="101")
    assert dup.value.problems[0].code == "duplicate"
    p1 = officer.residents.register(_doc("甲", 21)).id
    p2 = officer.residents.register(_doc("乙", 22)).id
    officer.housing.bind(p1, r1, start=TODAY - timedelta(days=3))
    t2 = officer.housing.bind(p2, r2, start=TODAY - timedelta(days=3)).id
    officer.housing.record_declaration(pid, declared_on=TODAY, declarant_name="房东", declarant_phone=None,
                                       entries=[{"name": "甲", "room": "101"}])
    officer.housing.record_spot_check(pid, result=SpotCheckResult.CONSISTENT, tenancy_id=t2)
    tiles = {r.label: r for r in officer.housing.get_property(pid).rooms}
    assert tiles["101"].full and tiles["101"].declared and not tiles["101"].verified
    assert not tiles["102"].full and not tiles["102"].declared and tiles["102"].verified
    assert tiles["103"].empty and not tiles["103"].verified
    # a later inconsistent check un-verifies the room
    officer.housing.record_spot_check(pid, result=SpotCheckResult.NOT_FOUND, tenancy_id=t2, notes="不在")
    assert not {r.label: r for r in officer.housing.rooms(pid)}["102"].verified


def test_rename_and_remove_rooms_refuse_an_occupied_room(st, desks):
    officer, _, _ = desks
    pid = officer.housing.create_property(address="东街3号", grid_code="G03").id
    room = officer.housing.add_room(pid, label="201")
    empty = officer.housing.add_room(pid, label="202")
    ren = officer.housing.rename_room(room.id, base_version=room.version, label="201A", capacity=2)
    assert [r.label for r in officer.housing.rooms(pid)] == ["201A", "202"]
    with pytest.raises(ValidationError):
        officer.housing.rename_room(room.id, base_version=ren.version, label="202")
    person = officer.residents.register(_doc("丙", 31)).id
    officer.housing.bind(person, room.id, start=TODAY)
    with pytest.raises(RoomOccupied) as occupied:
        officer.housing.remove_room(room.id, base_version=ren.version)
    assert "201A" in occupied.value.message and "cannot be removed" in occupied.value.message
    assert "不能删除" in occupied.value.render("zh_CN")
    gone = officer.housing.remove_room(empty.id, base_version=empty.version)
    assert gone.kinds == {Kind.ROOM}
    assert [r.label for r in officer.housing.rooms(pid)] == ["201A"]
    assert _outbox(st, empty.id) == [("create", 1), ("delete", 2)]
    assert _audit(st, "room.delete", empty.id) and _audit(st, "room.update", room.id)


def test_bind_move_end_history_outbox_and_audit(st, desks):
    officer, assistant, _ = desks
    pid = officer.housing.create_property(address="西路5号", grid_code="G04").id
    a = officer.housing.add_room(pid, label="301").id
    b = officer.housing.add_room(pid, label="302").id
    person = officer.residents.register(_doc("丁", 41)).id
    start = TODAY - timedelta(days=20)
    first = officer.housing.bind(person, a, start=start, relation=TenancyRelation.FAMILY)
    with pytest.raises(AlreadyBound):
        officer.housing.bind(person, a, start=TODAY)
    moved = assistant.housing.move_tenant(first.id, base_version=first.version, room_id=b, on=TODAY)
    new_id = next(iter(moved.ids(Kind.TENANCY) - {first.id}))
    assert moved.changed[0].id == first.id and moved.changed[1].id == new_id
    with st.db.read() as s:
        old, new = s.get(Tenancy, first.id), s.get(Tenancy, new_id)
        assert old.end_date == TODAY and new.start_date == TODAY and new.end_date is None  # moved out on TODAY
        assert new.relation == "family" and new.source == "assistant"
    assert [t.person_id for t in officer.housing.room_tenancies(b) if t.current(TODAY)] == [person]
    assert not [t for t in officer.housing.room_tenancies(a) if t.current(TODAY)]
    ended = officer.housing.end_tenancy(new_id, base_version=1, end=TODAY)
    hist_b = officer.housing.room_tenancies(b)
    assert [(t.start_date, t.end_date) for t in hist_b] == [(TODAY, TODAY)]
    hist_a = officer.housing.room_tenancies(a)
    assert [(t.start_date, t.end_date, t.relation) for t in hist_a] == [
        (start, TODAY, TenancyRelation.FAMILY)]
    assert hist_a[0].id_number_masked and "*" in hist_a[0].id_number_masked
    assert _outbox(st, first.id) == [("create", 1), ("update", 2)]
    assert _outbox(st, new_id) == [("create", 1), ("update", ended.version)]
    assert _audit(st, "tenancy.move", new_id)
    assert [e.target_id for e in _audit(st, "tenancy.create") if e.target_id in (first.id, new_id)] == [
        first.id, new_id]
    assert _audit(st, "room.tenancies", a)
    with pytest.raises(ValidationError):
        officer.housing.move_tenant(new_id, base_version=ended.version, room_id=b, on=TODAY)  # same room


def test_move_is_one_transaction(st, desks, monkeypatch):
    officer, _, _ = desks
    pid = officer.housing.create_property(address="南路6号", grid_code="G04").id
    a = officer.housing.add_room(pid, label="1").id
    b = officer.housing.add_room(pid, label="2").id
    person = officer.residents.register(_doc("戊", 51)).id
    t = officer.housing.bind(person, a, start=TODAY - timedelta(days=2))
    from workstation.storage.areas import housing as housing_module

    def broken(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(housing_module, "bind", broken)
    with pytest.raises(RuntimeError):
        officer.housing.move_tenant(t.id, base_version=t.version, room_id=b, on=TODAY)
    with st.db.read() as s:
        assert s.get(Tenancy, t.id).end_date is None  # the end was rolled back with the failed bind
    assert _outbox(st, t.id) == [("create", 1)]


def test_overlap_refused_unless_acknowledged_and_then_flagged(st, desks):
    officer, _, _ = desks
    p1 = officer.housing.create_property(address="甲路1号", grid_code="G06").id
    p2 = officer.housing.create_property(address="乙路2号", grid_code="G06").id
    a = officer.housing.add_room(p1, label="A1").id
    b = officer.housing.add_room(p2, label="B1").id
    person = officer.residents.register(_doc("己", 61)).id
    officer.housing.bind(person, a, start=TODAY - timedelta(days=10))
    with pytest.raises(OverlappingTenancy) as clash:
        officer.housing.bind(person, b, start=TODAY)
    assert clash.value.overlaps[0].room_label == "A1" and "甲路1号" in clash.value.message
    assert not officer.housing.room_tenancies(b)  # nothing written
    ok = officer.housing.bind(person, b, start=TODAY, acknowledge_overlap=True)
    assert _audit(st, "tenancy.overlap_acknowledged", ok.id)
    [in_b] = officer.housing.room_tenancies(b)
    assert [o.room_label for o in in_b.overlaps] == ["A1"]
    assert {r.label: r.overlaps for r in officer.housing.rooms(p1)} == {"A1": 1}
    # a binding that ended the day before does not overlap
    person2 = officer.residents.register(_doc("庚", 62)).id
    officer.housing.bind(person2, a, start=TODAY - timedelta(days=10), end=TODAY - timedelta(days=1))
    officer.housing.bind(person2, b, start=TODAY)
    assert not next(t for t in officer.housing.room_tenancies(b) if t.person_id == person2).overlaps


def test_assistant_may_manage_properties_supervisor_only_reads(st, desks):
    _officer, assistant, supervisor = desks
    pid = assistant.housing.create_property(address="丙路3号", grid_code="G08", assistant_username="assistant1").id
    room = assistant.housing.add_room(pid, label="1")
    with pytest.raises(PermissionDenied):
        supervisor.housing.rename_room(room.id, base_version=room.version, label="2")
    with pytest.raises(PermissionDenied):
        supervisor.housing.remove_room(room.id, base_version=room.version)
    assert supervisor.housing.get_property(pid).rooms[0].label == "1"
    assert datetime.now(UTC)  # the store keeps UTC times
