"""Bindings are half-open [start, end): ended or moved today, a binding is no longer current today.

Every reader of "current" / "bound now" must agree: room tiles, property counts, a room's list, the
visit sheet, the spot-check list (occupants), the declaration comparison and the person's residence."""

from datetime import date, timedelta

import pytest

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex, SpotCheckResult
from workstation.domain.housing import periods_overlap, running_on
from workstation.domain.validation import gb11643_check_char
from workstation.storage import metrics
from workstation.storage.areas import Kind
from workstation.storage.areas.checks import Agreement, VisitFinding
from workstation.storage.schema import Person
from workstation.wiring import open_desk

TODAY = date.today()


def _doc(name, seq, born=date(1990, 5, 17)):
    first17 = f"440305{born:%Y%m%d}{seq:03d}"
    return IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number=first17 + gb11643_check_char(first17),
                            name=name, sex=Sex.MALE if seq % 2 else Sex.FEMALE, birth_date=born, source="card")


@pytest.fixture
def officer(st):
    return open_desk(st.db, st.actor(Role.OFFICER), freeze_rules=False)


def _state(st, officer, pid, person):
    """Everything that says where `person` is bound now, as {reader: [room labels]}."""
    detail = officer.housing.get_property(pid)
    tiles = {r.label: r.occupants for r in detail.rooms}
    lists = {r.label: [t.person_id for t in officer.housing.room_tenancies(r.id) if t.current(TODAY)]
             for r in detail.rooms}
    (row,) = [r for r in officer.housing.find_properties("同日路").items if r.id == pid]
    sheet = officer.housing.visit_sheet(property_id=pid)
    occupants = officer.housing.occupants(pid)
    resident = officer.residents.get(person)
    with st.db.read() as s:
        residence = s.get(Person, person).property_id
    return {
        "tiles": sorted(label for label, n in tiles.items() if n),
        "lists": sorted(label for label, ids in lists.items() if person in ids),
        "detail_count": detail.bound_now,
        "list_count": row.bound_now,
        "sheet": sorted(r.label for p in sheet.properties for r in p.rooms for x in r.people
                        if x.person_id == person),
        "occupants": sorted(r.label for r in occupants.rooms for x in r.people if x.person_id == person),
        "resident_current": sorted(t.room_label for t in resident.tenancies if t.current(TODAY)),
        "residence": residence,
    }


def test_rule_is_half_open():
    d = date(2026, 5, 10)
    assert running_on(d, None, d) and running_on(d - timedelta(days=3), d + timedelta(days=1), d)
    assert not running_on(d - timedelta(days=3), d, d)  # moved out today: not current today
    assert not running_on(d, d, d)  # ended the day it began: never current
    assert not running_on(d + timedelta(days=1), None, d)  # not yet
    assert not periods_overlap(d, d, d - timedelta(days=5), None)  # an empty period overlaps nothing
    assert not periods_overlap(d - timedelta(days=5), None, d, d)


def test_same_day_bind_move_end_leaves_one_room_then_none(st, officer):
    pid = officer.housing.create_property(address="同日路1号", grid_code="G09").id
    r204 = officer.housing.add_room(pid, label="204").id
    r403 = officer.housing.add_room(pid, label="403").id
    other = officer.residents.register(_doc("李四", 71)).id
    officer.housing.bind(other, r403, start=TODAY - timedelta(days=30))
    person = officer.residents.register(_doc("张三", 72)).id
    first = officer.housing.bind(person, r204, start=TODAY)
    before = _state(st, officer, pid, person)
    assert before["tiles"] == ["204", "403"] and before["lists"] == before["sheet"] == ["204"]
    assert before["occupants"] == before["resident_current"] == ["204"]
    assert before["detail_count"] == before["list_count"] == 2 and before["residence"] == pid

    moved = officer.housing.move_tenant(first.id, base_version=first.version, room_id=r403, on=TODAY)
    after_move = _state(st, officer, pid, person)
    assert after_move["lists"] == after_move["sheet"] == after_move["occupants"] == ["403"]
    assert after_move["resident_current"] == ["403"]
    assert after_move["tiles"] == ["403"]  # 204 is empty again
    assert after_move["detail_count"] == after_move["list_count"] == 2
    detail = officer.housing.get_property(pid)
    assert {r.label: r.occupants for r in detail.rooms} == {"204": 0, "403": 2}
    assert not any(r.overlaps for r in detail.rooms)  # the move day is no overlap

    # the spot check lists each person once: "mark the rest consistent" counts 2, not 3
    occupants = officer.housing.occupants(pid)
    ids = [x.tenancy_id for r in occupants.rooms for x in r.people]
    assert len(ids) == len(set(ids)) == 2
    officer.housing.record_visit(pid, findings=[VisitFinding(SpotCheckResult.CONSISTENT, t) for t in ids])
    with st.db.read() as s:
        assert metrics.consistency_of_property(s, pid).denominator == 2

    new = next(t for t in officer.housing.room_tenancies(r403) if t.person_id == person)
    assert new.id in moved.ids(Kind.TENANCY)
    officer.housing.end_tenancy(new.id, base_version=new.version, end=TODAY)
    ended = _state(st, officer, pid, person)
    assert ended["lists"] == ended["sheet"] == ended["occupants"] == ended["resident_current"] == []
    assert ended["detail_count"] == ended["list_count"] == 1  # only 李四
    assert ended["residence"] is None  # no longer lives in a registered room
    comparison = officer.housing.declaration_comparison(pid)
    current_lines = [line.name for line in comparison.lines
                     if line.recorded_room and line.agreement is not Agreement.NEVER_DECLARED]
    assert current_lines == ["李四"]
    # 张三 never lived here by the rule (both periods are empty): no "never declared" history either
    assert [line.name for line in comparison.lines] == ["李四"]
    # history keeps all three bindings of 张三
    history = [t for r in (r204, r403) for t in officer.housing.room_tenancies(r) if t.person_id == person]
    assert sorted((t.start_date, t.end_date) for t in history) == [(TODAY, TODAY), (TODAY, TODAY)]


def test_ending_one_of_two_bindings_moves_the_residence(st, officer):
    p1 = officer.housing.create_property(address="同日路2号", grid_code="G09").id
    p2 = officer.housing.create_property(address="同日路3号", grid_code="G10").id
    a = officer.housing.add_room(p1, label="1").id
    b = officer.housing.add_room(p2, label="1").id
    person = officer.residents.register(_doc("王五", 73)).id
    older = officer.housing.bind(person, a, start=TODAY - timedelta(days=40))
    officer.housing.bind(person, b, start=TODAY - timedelta(days=5), acknowledge_overlap=True)
    newer = next(t for t in officer.housing.room_tenancies(b) if t.person_id == person)
    officer.housing.end_tenancy(newer.id, base_version=newer.version, end=TODAY)
    with st.db.read() as s:
        p = s.get(Person, person)
        assert (p.property_id, p.grid_code) == (p1, "G09")
    officer.housing.end_tenancy(older.id, base_version=older.version, end=TODAY + timedelta(days=7))
    with st.db.read() as s:  # a planned move-out: still living there
        assert s.get(Person, person).property_id == p1


def test_ended_today_is_no_longer_overdue(st, officer):
    pid = officer.housing.create_property(address="同日路4号", grid_code="G09").id
    room = officer.housing.add_room(pid, label="1").id
    person = officer.residents.register(_doc("赵六", 74)).id
    t = officer.housing.bind(person, room, start=TODAY - timedelta(days=20))
    assert [o.tenancy_id for o in officer.housing.overdue_tenancies(property_id=pid)] == [t.id]
    officer.housing.end_tenancy(t.id, base_version=t.version, end=TODAY)
    assert officer.housing.overdue_tenancies(property_id=pid) == ()
    assert officer.housing.late_property_ids([pid]) == frozenset()


def test_a_binding_from_a_declaration_counts_as_declared(st, officer):
    """The tile's "declared" and the comparison agree with the tenants' source column."""
    from workstation.domain.enums import TenancySource

    pid = officer.housing.create_property(address="同日路5号", grid_code="G09").id
    r204 = officer.housing.add_room(pid, label="204").id
    r205 = officer.housing.add_room(pid, label="205").id
    a = officer.residents.register(_doc("孙七", 75)).id
    b = officer.residents.register(_doc("周八", 76)).id
    start = TODAY - timedelta(days=20)
    officer.housing.bind(a, r204, start=start, source=TenancySource.LANDLORD_DECLARATION)
    officer.housing.bind(b, r205, start=start)  # recorded by the officer, never declared
    tiles = {r.label: r.declared for r in officer.housing.get_property(pid).rooms}
    assert tiles == {"204": True, "205": False}
    lines = {line.name: line for line in officer.housing.declaration_comparison(pid).lines}
    line = lines["孙七"]
    assert line.agreement is Agreement.FROM_DECLARATION and not line.agreement.differs
    assert (line.declared_room, line.declared_since, line.declared_on) == ("204", start, TODAY)
    assert lines["周八"].agreement is Agreement.OVERDUE and lines["周八"].declared_room is None
