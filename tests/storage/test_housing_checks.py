"""Landlord declarations against the record, the overdue rule, visits and the consistency rate, visit
sheets and the monthly round (issue 11 items 4–6), on a real station."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex, SpotCheckResult, TenancySource
from workstation.domain.validation import gb11643_check_char
from workstation.errors import PermissionDenied, ValidationError
from workstation.storage import metrics, settings
from workstation.storage.areas import Kind
from workstation.storage.areas.checks import Agreement, VisitFinding
from workstation.storage.schema import AuditEvent, OutboxEntry
from workstation.wiring import open_desk

TODAY = date.today()


def _doc(name, seq, born=date(1991, 3, 9)):
    first17 = f"440305{born:%Y%m%d}{seq:03d}"
    n = first17 + gb11643_check_char(first17)
    return IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number=n, name=name,
                            sex=Sex.MALE if seq % 2 else Sex.FEMALE,
                            birth_date=born, source="card")


@pytest.fixture
def town(st):
    desk = open_desk(st.db, st.actor(Role.OFFICER))
    h = desk.housing
    p1 = h.create_property(address="演示市南湖区幸福路12号", grid_code="G01", landlord_name="房东甲").id
    p2 = h.create_property(address="演示市南湖区幸福路3号", grid_code="G01").id
    p3 = h.create_property(address="演示市北山区张家街3号", grid_code="G02").id
    r = {lb: h.add_room(p1, label=lb).id for lb in ("101", "102")}
    r["p2"] = h.add_room(p2, label="201").id
    r["p3"] = h.add_room(p3, label="301").id
    people = {}
    for i, (name, room, days_ago) in enumerate(
        [("张三", "101", 10), ("李四", "101", 1), ("王五", "102", 20), ("赵六", "p2", 8), ("钱七", "p3", 30)]
    ):
        doc = _doc(name, 20 + i)
        pid = desk.residents.register(doc, phone=f"139{i:08d}").id
        t = h.bind(pid, r[room], start=TODAY - timedelta(days=days_ago)).id
        people[name] = (pid, doc.number, t)
    return desk, (p1, p2, p3), r, people


def _audit_actions(st):
    with st.db.read() as s:
        return [a for (a,) in s.execute(select(AuditEvent.action).order_by(AuditEvent.seq)).all()]


def _late_by_condition(st):
    """The properties `checks.landlord_late` selects (what a property list filters on)."""
    from workstation.storage.areas.checks import landlord_late
    from workstation.storage.schema import Property

    with st.db.read() as s:
        return set(s.execute(select(Property.id).where(landlord_late(days=3, today=TODAY))).scalars())


def test_overdue_until_declared_and_late_landlords(st, town):
    desk, (p1, p2, p3), _r, people = town
    h = desk.housing
    overdue = h.overdue_tenancies()
    # 李四 moved in yesterday (within 3 days): not overdue yet; the other four are
    assert {o.person_name for o in overdue} == {"张三", "王五", "赵六", "钱七"}
    first = overdue[0]
    assert first.person_name == "钱七" and first.due_date == TODAY - timedelta(days=27)
    assert first.source is TenancySource.OFFICER
    assert {o.person_name for o in h.overdue_tenancies(property_id=p1)} == {"张三", "王五"}
    assert {o.person_name for o in h.overdue_tenancies(grid_code="G02")} == {"钱七"}
    late = h.late_properties(grid_code="G01")
    assert [(lp.property_id, lp.overdue) for lp in late] == [(p1, 2), (p2, 1)]  # by address: 12号 < 3号
    assert late[0].oldest_due == TODAY - timedelta(days=17)
    assert h.late_property_ids([p1, p2, p3]) == {p1, p2, p3}
    assert _late_by_condition(st) == {p1, p2, p3}
    assert [r.id for r in h.find_properties(grid_code="G01", landlord_late=True)] == [p1, p2]

    # the landlord declares 张三 (by ID number) and 王五 (by name only), late: both stop being overdue
    ch = h.record_declaration(
        p1, declared_on=TODAY, declarant_name="房东甲", declarant_phone=None,
        entries=[{"name": "张三", "id_number": people["张三"][1], "room": "101",
                  "since": (TODAY - timedelta(days=10)).isoformat()},
                 {"name": " 王五 ", "room": "101"}],
    )
    assert ch.kinds == {Kind.DECLARATION}
    assert {o.person_name for o in h.overdue_tenancies(property_id=p1)} == set()
    assert h.late_property_ids([p1, p2]) == {p2}
    assert _late_by_condition(st) == {p2, p3}
    assert [r.id for r in h.find_properties(grid_code="G01", landlord_late=True)] == [p2]
    assert [r.id for r in h.find_properties(landlord_late=True)] == [p3, p2]
    assert len(h.find_properties(grid_code="G01")) == 2
    assert [lp.property_id for lp in h.late_properties()] == [p3, p2]  # by address (code point order)

    # an entry with someone else's ID number and the same name does not count
    h.record_declaration(p2, declared_on=TODAY, declarant_name="房东乙", declarant_phone=None,
                         entries=[{"name": "赵六", "id_number": people["张三"][1], "room": "201"}])
    assert {o.person_name for o in h.overdue_tenancies(property_id=p2)} == {"赵六"}

    # a declaration older than the stay (start - deadline) is about an earlier stay
    h.record_declaration(p3, declared_on=TODAY - timedelta(days=40), declarant_name="房东丙", declarant_phone=None,
                         entries=[{"name": "钱七", "id_number": people["钱七"][1], "room": "301"}])
    assert {o.person_name for o in h.overdue_tenancies(property_id=p3)} == {"钱七"}

    # the deadline is the station's setting
    with st.db.write() as s:
        settings.set(s, "declaration_deadline_days", 0)
    assert "李四" in {o.person_name for o in h.overdue_tenancies(property_id=p1)}
    assert "declaration.overdue" in _audit_actions(st)


def test_comparison_highlights_differences(town):
    desk, (p1, _p2, _p3), _r, people = town
    h = desk.housing
    h.record_declaration(
        p1, declared_on=TODAY, declarant_name="房东甲", declarant_phone="13800138000",
        entries=[{"name": "张三", "id_number": people["张三"][1], "room": "101", "since": "2020-01-02"},
                 {"name": "王五", "id_number": people["王五"][1], "room": "103"},
                 {"name": "孙八", "room": "102"}],
    )
    c = h.declaration_comparison(p1)
    by_name = {line.name: line for line in c.lines}
    assert by_name["张三"].agreement is Agreement.SAME and not by_name["张三"].agreement.differs
    assert by_name["张三"].declared_since == date(2020, 1, 2)
    assert by_name["张三"].id_number_masked.startswith("440305") and "*" in by_name["张三"].id_number_masked
    assert by_name["王五"].agreement is Agreement.OTHER_ROOM and by_name["王五"].declared_room == "103"
    assert by_name["李四"].agreement is Agreement.PENDING and by_name["李四"].due_date == TODAY + timedelta(days=2)
    assert by_name["孙八"].agreement is Agreement.NOT_RECORDED and by_name["孙八"].recorded_room is None
    assert c.differences == 3 and c.deadline_days == 3
    assert [d.entries for d in c.declarations] == [3]


def test_declaration_validates_since(town):
    desk, (p1, *_), _r, _people = town
    with pytest.raises(ValidationError) as e:
        desk.housing.record_declaration(p1, declared_on=TODAY, declarant_name="房东", declarant_phone=None,
                                        entries=[{"name": "甲", "since": "03/01/2024"}, {"name": ""}])
    assert [p.field for p in e.value.problems] == ["entries[1]", "entries[2]"]


def test_visit_updates_the_consistency_rate(st, town):
    desk, (p1, p2, _p3), _r, people = town
    h = desk.housing
    assert h.consistency(property_id=p1).property.value is None
    changes = h.record_visit(p1, findings=[
        VisitFinding(SpotCheckResult.CONSISTENT, people["张三"][2]),
        VisitFinding(SpotCheckResult.NOT_FOUND, people["李四"][2], notes="不在家，邻居说已搬走"),
        VisitFinding(SpotCheckResult.CONSISTENT, None, notes="102: 空置"),
    ])
    assert [c.kind for c in changes.changed] == [Kind.SPOT_CHECK] * 3
    h.record_visit(p2, findings=[VisitFinding(SpotCheckResult.INCONSISTENT, people["赵六"][2], notes="换人了")])
    c = h.consistency(property_id=p1, grid_code="G01")
    with st.db.read() as s:
        assert c.property == metrics.consistency_by_property(s)[p1]
        assert c.grid == metrics.consistency_by_grid(s)["G01"]
        assert c.station == metrics.consistency_station(s)
        assert s.query(OutboxEntry).filter(OutboxEntry.record_type == "spot_check").count() == 4
    assert (c.property.numerator, c.property.denominator) == (2, 3)
    assert (c.grid.numerator, c.grid.denominator) == (2, 4)

    with pytest.raises(ValidationError) as e:
        h.record_visit(p1, findings=[VisitFinding(SpotCheckResult.INCONSISTENT, people["张三"][2])])
    assert e.value.problems[0].field == "findings[1]"
    with pytest.raises(ValidationError):
        h.record_visit(p2, findings=[VisitFinding(SpotCheckResult.CONSISTENT, people["张三"][2])])


def test_an_assistant_declares_but_never_verifies(st, town):
    _desk, (p1, *_), _r, people = town
    assistant = open_desk(st.db, st.actor(Role.ASSISTANT)).housing
    assistant.record_declaration(p1, declared_on=TODAY, declarant_name="房东甲", declarant_phone=None,
                                 entries=[{"name": "张三", "room": "101"}])
    with pytest.raises(PermissionDenied):
        assistant.record_visit(p1, findings=[VisitFinding(SpotCheckResult.CONSISTENT, people["张三"][2])])
    with pytest.raises(PermissionDenied):
        assistant.record_spot_check(p1, result=SpotCheckResult.CONSISTENT)


def test_visit_sheet_and_monthly_round(st, town):
    desk, (p1, p2, p3), _r, people = town
    h = desk.housing
    sheet = h.visit_sheet(property_id=p1)
    (prop,) = sheet.properties
    assert [r.label for r in prop.rooms] == ["101", "102"]
    assert [p.name for p in prop.rooms[0].people] == ["张三", "李四"]
    masked = prop.rooms[0].people[0].id_number_masked
    assert masked != people["张三"][1] and masked.endswith(people["张三"][1][-4:]) and "*" in masked
    assert _audit_actions(st)[-1] == "visit_sheet.print"

    grid = h.visit_sheet(grid_code="G01")
    assert [p.address for p in grid.properties] == ["演示市南湖区幸福路12号", "演示市南湖区幸福路3号"]
    assert not grid.truncated

    assert [p.property_id for p in h.monthly_round("G01").properties] == [p1, p2]
    h.record_visit(p1, findings=[VisitFinding(SpotCheckResult.CONSISTENT, people["张三"][2])])
    rnd = h.monthly_round("G01")
    assert [p.property_id for p in rnd.properties] == [p2] and rnd.month == TODAY.replace(day=1)
    # a check last month does not count for this month's round
    h.record_visit(p2, findings=[VisitFinding(SpotCheckResult.CONSISTENT, people["赵六"][2])],
                   checked_at=datetime.combine(TODAY.replace(day=1) - timedelta(days=2), datetime.min.time()))
    assert [p.property_id for p in h.monthly_round("G01").properties] == [p2]
    assert h.monthly_round("G02").properties[0].property_id == p3
    with pytest.raises(ValueError):
        h.visit_sheet()


def test_an_ended_binding_never_declared_is_no_longer_overdue_but_stays_visible(st, town):
    """The late-landlord list follows up the people living there now (《租赁房屋治安管理规定》 art. 7;
    the deadline a local rule): an ended binding drops out of every overdue read; the declaration
    comparison still shows it as never declared. One ending later than today still counts."""
    desk, (p1, p2, p3), _r, people = town
    h = desk.housing
    tid = people["王五"][2]
    assert "王五" in {o.person_name for o in h.overdue_tenancies(property_id=p1)}
    version = desk.housing.room_tenancies(_r["102"])[0].version
    h.end_tenancy(tid, base_version=version, end=TODAY - timedelta(days=1))
    assert {o.person_name for o in h.overdue_tenancies(property_id=p1)} == {"张三"}
    assert {o.person_name for o in h.overdue_tenancies()} == {"张三", "赵六", "钱七"}
    assert [(lp.property_id, lp.overdue) for lp in h.late_properties(grid_code="G01")] == [(p1, 1), (p2, 1)]
    line = next(x for x in h.declaration_comparison(p1).lines if x.name == "王五")
    assert line.agreement is Agreement.NEVER_DECLARED and not line.agreement.differs
    assert line.tenancy_id == tid and line.recorded_room == "102"

    # 赵六's binding ends next week: still living there, still overdue
    t = h.room_tenancies(_r["p2"])[0]
    h.end_tenancy(t.id, base_version=t.version, end=TODAY + timedelta(days=7))
    assert "赵六" in {o.person_name for o in h.overdue_tenancies(property_id=p2)}
    # 钱七 moved out on a planned day still ahead counts; moved out today (end_date is the move-out
    # day, half-open periods: domain.housing.running_on) no longer lives there: gone at once
    t = h.room_tenancies(_r["p3"])[0]
    h.end_tenancy(t.id, base_version=t.version, end=TODAY + timedelta(days=1))
    assert p3 in h.late_property_ids([p3]) and p3 in _late_by_condition(st)
    t = h.room_tenancies(_r["p3"])[0]
    h.end_tenancy(t.id, base_version=t.version, end=TODAY)
    assert h.late_property_ids([p1, p2, p3]) == {p1, p2}
    assert _late_by_condition(st) == {p1, p2}
    assert [r.id for r in h.find_properties(landlord_late=True)] == [p1, p2]
    # an ended binding that was declared shows as moved out, not as never declared
    h.record_declaration(p1, declared_on=TODAY, declarant_name="房东甲", declarant_phone=None,
                         entries=[{"name": "王五", "id_number": people["王五"][1], "room": "102"}])
    line = next(x for x in h.declaration_comparison(p1).lines if x.name == "王五")
    assert line.agreement is Agreement.MOVED_OUT


def test_the_late_landlord_reads_start_from_the_staff_binding_table(st, town):
    """EXPLAIN QUERY PLAN: the station-wide filter scans `staff_binding` alone (no tenancy, declaration
    or JSON per binding), a grid's looks each property up in it by its index (migration 0013)."""
    from workstation.storage.areas.checks import landlord_late
    from workstation.storage.schema import Property

    def plan(stmt):
        sql = str(stmt.compile(st.db.engine, compile_kwargs={"literal_binds": True}))
        with st.db.read() as s:
            return [r[3] for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]

    station = plan(select(Property.id).where(landlord_late(days=3, today=TODAY)))
    assert any("staff_binding" in p for p in station), station
    assert not any(t in p for p in station for t in ("tenancy", "declaration", "json_each", "entry")), station
    grid = plan(select(Property.id).where(Property.grid_code == "G01",
                                          landlord_late(days=3, today=TODAY, grid_code="G01")))
    assert any(p.startswith("SEARCH staff_binding") and "ix_staff_binding_property_id (property_id=?" in p
               for p in grid), grid


def test_the_staff_binding_table_follows_every_write(st, town):
    """The triggers keep `staff_binding` equal to a recomputation from the records after declarations,
    a renamed person, a removed document, a moved and an ended binding, and a deleted declaration."""
    import importlib.util
    from pathlib import Path

    import workstation.storage.migrations as migrations
    from workstation.storage.schema import Declaration, IdentityDocumentRow, Person, StaffBinding

    spec = importlib.util.spec_from_file_location(
        "m0013", Path(migrations.__file__).parent / "versions" / "0013_staff_binding.py")
    m0013 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m0013)

    def kept():
        with st.db.read() as s:
            return sorted(tuple(map(str, r)) for r in s.execute(select(
                StaffBinding.tenancy_id, StaffBinding.property_id, StaffBinding.start_date, StaffBinding.end_date,
                StaffBinding.last_declared_on)).all())

    def recomputed():
        with st.db.write() as s:
            c = s.connection()
            c.exec_driver_sql("CREATE TEMP TABLE fresh AS SELECT * FROM staff_binding WHERE 0")
            c.exec_driver_sql(m0013.fill("t.deleted_at IS NULL").replace("INTO staff_binding", "INTO fresh"))
            rows = sorted(tuple(map(str, r)) for r in c.exec_driver_sql(
                "SELECT tenancy_id, property_id, start_date, end_date, last_declared_on FROM fresh").all())
            c.exec_driver_sql("DROP TABLE fresh")
            return rows

    desk, (p1, _p2, _p3), r, people = town
    h = desk.housing
    assert len(kept()) == 5 and kept() == recomputed()
    h.record_declaration(p1, declared_on=TODAY, declarant_name="房东甲", declarant_phone=None,
                         entries=[{"name": "张三", "id_number": people["张三"][1], "room": "101"},
                                  {"name": "王五", "room": "102"}])
    assert kept() == recomputed()
    declared = {t for t, *_rest, last in kept() if last != "None"}
    assert declared == {people["张三"][2], people["王五"][2]}
    with st.db.write() as s:  # writes that do not go through the housing area (sync, an editor)
        s.get(Person, people["王五"][0]).name = "王五一"
        s.execute(IdentityDocumentRow.__table__.update()
                  .where(IdentityDocumentRow.person_id == people["张三"][0]).values(deleted_at=datetime.now()))
    assert kept() == recomputed() and not {t for t, *_rest, last in kept() if last != "None"}
    assert {o.person_name for o in h.overdue_tenancies(property_id=p1)} == {"张三", "王五一"}
    t = h.room_tenancies(r["p2"])[0]
    h.move_tenant(t.id, base_version=t.version, room_id=r["101"], on=TODAY)
    t = h.room_tenancies(r["102"])[0]
    h.end_tenancy(t.id, base_version=t.version, end=TODAY - timedelta(days=1))
    assert kept() == recomputed()
    with st.db.write() as s:
        for d in s.execute(select(Declaration)).scalars():
            d.deleted_at = datetime.now()
    assert kept() == recomputed()


def test_a_room_checked_on_its_own_is_stored_with_its_room_and_shows_verified(st, town):
    from workstation.storage.schema import SpotCheck

    desk, (p1, _p2, _p3), r, people = town
    h = desk.housing
    empty = h.add_room(p1, label="103").id
    assert not next(x for x in h.rooms(p1) if x.id == empty).verified
    h.record_visit(p1, findings=[VisitFinding(SpotCheckResult.CONSISTENT, None, "空置", room_id=empty),
                                 VisitFinding(SpotCheckResult.CONSISTENT, people["王五"][2])])
    with st.db.read() as s:
        rows = {(c.room_id, c.tenancy_id, c.notes) for c in s.execute(select(SpotCheck)).scalars()}
    assert rows == {(empty, None, "空置"), (r["102"], people["王五"][2], None)}  # a binding's room too
    tiles = {x.label: x for x in h.rooms(p1)}
    assert tiles["103"].verified and tiles["102"].verified
    assert not tiles["101"].verified  # a check of another room says nothing of this one
    # an inconsistent later check of the room un-verifies it; a room of another property is refused
    h.record_visit(p1, findings=[VisitFinding(SpotCheckResult.INCONSISTENT, None, "有人住", room_id=empty)])
    assert not next(x for x in h.rooms(p1) if x.id == empty).verified
    with pytest.raises(ValidationError) as e:
        h.record_visit(p1, findings=[VisitFinding(SpotCheckResult.CONSISTENT, None, None, room_id=r["p2"])])
    assert e.value.problems[0].field == "findings[1]"
    with pytest.raises(ValidationError):
        h.record_visit(p1, findings=[VisitFinding(SpotCheckResult.CONSISTENT, people["张三"][2], None,
                                                  room_id=empty)])
    # the outbox carries the room with the check (the payload is the record's columns)
    with st.db.read() as s:
        payloads = [e.payload for e in s.query(OutboxEntry).filter(OutboxEntry.record_type == "spot_check")]
    assert any(empty in str(p) for p in payloads)


def test_an_empty_room_is_verified_only_by_a_check_since_its_last_tenant_left(st, town):
    """A room-only check made while tenants still lived there does not vouch for the room once they
    have moved out: the tile shows it verified again only after a check on or after the move-out day
    (`[start, end)`: the end date is the move-out day)."""
    desk, (p1, _p2, _p3), _r, _people = town
    h = desk.housing
    room = h.add_room(p1, label="104").id
    pid = desk.residents.register(_doc("孙八", 40), phone="13900000040").id
    t = h.bind(pid, room, start=TODAY - timedelta(days=20))
    _recorded_days_ago(st, t.id, 20)  # bound when they moved in, before the visit
    ten_days_ago = datetime.combine(TODAY - timedelta(days=10), datetime.min.time()).replace(hour=10)
    h.record_visit(p1, findings=[VisitFinding(SpotCheckResult.CONSISTENT, None, "看过", room_id=room)],
                   checked_at=ten_days_ago)
    tile = next(x for x in h.rooms(p1) if x.id == room)
    assert tile.occupants == 1 and tile.verified  # a check of the room since the move-in
    binding = h.room_tenancies(room)[0]
    h.end_tenancy(binding.id, base_version=binding.version, end=TODAY - timedelta(days=2))
    tile = next(x for x in h.rooms(p1) if x.id == room)
    assert tile.empty and not tile.verified  # checked before the tenant left: says nothing of now
    h.record_visit(p1, findings=[VisitFinding(SpotCheckResult.CONSISTENT, None, "空置", room_id=room)])
    assert next(x for x in h.rooms(p1) if x.id == room).verified
    assert t.id == binding.id


def _recorded_days_ago(st, tenancy_id, days):
    """Make a binding look recorded `days` ago (it was bound then, not just now)."""
    from workstation.storage.schema import Tenancy

    with st.db.write() as s:
        row = s.get(Tenancy, tenancy_id)
        row.created_at = row.updated_at = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=days)


def test_one_mismatch_or_one_unchecked_tenant_makes_the_room_unverified(st, town):
    """The demo case (fresh-eyes report, room 201): one visit finds one tenant 查无此人 and the other
    consistent; the room must not stay green. Once the missing tenant's binding is ended the room is
    verified by the other's check, until new tenants are bound after the visit (one backdated, one
    moving in today): never seen, so not verified until checked."""
    desk, (p1, _p2, _p3), r, people = town
    h = desk.housing
    h.record_visit(p1, findings=[VisitFinding(SpotCheckResult.NOT_FOUND, people["李四"][2], "已搬走"),
                                 VisitFinding(SpotCheckResult.CONSISTENT, people["张三"][2]),
                                 VisitFinding(SpotCheckResult.CONSISTENT, people["王五"][2])])
    tiles = {x.label: x for x in h.rooms(p1)}
    assert not tiles["101"].verified and tiles["102"].verified
    li = next(t for t in h.room_tenancies(r["101"]) if t.id == people["李四"][2])
    h.end_tenancy(li.id, base_version=li.version, end=TODAY)
    assert {x.label: x for x in h.rooms(p1)}["101"].verified  # 张三, the one left, was found
    newcomers = []
    for name, seq, start in (("周九", 41, TODAY - timedelta(days=30)), ("吴十", 42, TODAY)):
        person = desk.residents.register(_doc(name, seq), phone=f"1390000{seq:04d}").id
        newcomers.append(h.bind(person, r["101"], start=start).id)
        assert not {x.label: x for x in h.rooms(p1)}["101"].verified, name
    assert {x.label: x for x in h.rooms(p1)}["102"].verified
    h.record_visit(p1, findings=[VisitFinding(SpotCheckResult.CONSISTENT, t) for t in newcomers])
    assert {x.label: x for x in h.rooms(p1)}["101"].verified


def test_a_property_wide_check_covers_the_tenants_bound_before_it_only(st, town):
    desk, (p1, _p2, _p3), r, people = town
    h = desk.housing
    h.record_spot_check(p1, result=SpotCheckResult.CONSISTENT)  # the whole property
    tiles = {x.label: x for x in h.rooms(p1)}
    assert tiles["101"].verified and tiles["102"].verified
    h.record_spot_check(p1, result=SpotCheckResult.INCONSISTENT, tenancy_id=people["王五"][2], notes="换人了")
    assert not {x.label: x for x in h.rooms(p1)}["102"].verified
    person = desk.residents.register(_doc("郑十一", 43), phone="13900000043").id
    h.bind(person, r["101"], start=TODAY)
    assert not {x.label: x for x in h.rooms(p1)}["101"].verified
    h.record_spot_check(p1, result=SpotCheckResult.CONSISTENT)
    assert all(x.verified for x in h.rooms(p1))


def test_listing_the_monthly_round_and_printing_are_audited_apart(st, town):
    desk, _props, _r, _people = town
    h = desk.housing
    listed = h.monthly_round("G01")
    assert _audit_actions(st)[-1] == "monthly_round.read"
    h.sheet_printed(listed)
    assert _audit_actions(st)[-1] == "visit_sheet.print"
    h.monthly_round("G01", printing=True)
    assert _audit_actions(st)[-2:] == ["visit_sheet.print", "visit_sheet.print"]
    # both are reads of personal data in the audit viewer's kinds
    from workstation.storage.areas.supervision import _kind_condition as kind_condition
    from workstation.storage.schema import AuditEvent

    with st.db.read() as s:
        reads = set(s.execute(select(AuditEvent.action).where(kind_condition("read"))).scalars())
    assert {"monthly_round.read", "visit_sheet.print"} <= reads
