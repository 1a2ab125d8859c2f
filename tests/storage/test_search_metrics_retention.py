from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex, SpotCheckResult
from workstation.domain.validation import gb11643_check_char
from workstation.errors import Conflict, ValidationError
from workstation.storage import metrics, outbox, retention
from workstation.storage.schema import OutboxEntry, Person, Task, Tenancy
from workstation.storage.search import name_keys
from workstation.wiring import open_desk


def _doc(name, born=date(1990, 5, 17), seq=123, **kw):
    first17 = f"440305{born:%Y%m%d}{seq:03d}"
    n = first17 + gb11643_check_char(first17)
    return IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID,
        number=n,
        name=name,
        sex=Sex.MALE if seq % 2 else Sex.FEMALE,
        birth_date=born,
        **kw,
    )


@pytest.fixture
def town(st):
    officer = st.actor(Role.OFFICER)
    sv = open_desk(st.db, officer, freeze_rules=False)
    p1 = sv.housing.create_property(address="演示市南湖区幸福路12号", grid_code="G01").id
    p2 = sv.housing.create_property(address="演示市北山区和平街3号", grid_code="G02").id
    r1, r2 = sv.housing.add_room(p1, label="301").id, sv.housing.add_room(p2, label="101").id
    ids = {
        "张三": sv.residents.register(_doc("张三", seq=11), phone="13912345678", room_id=r1).id,
        "张珊珊": sv.residents.register(_doc("张珊珊", seq=12), room_id=r2, tenancy_start=date(2019, 1, 1)).id,
        "李四": sv.residents.register(_doc("李四", seq=13), phone="13700001111", room_id=r2).id,
    }
    return sv, ids, (p1, p2), (r1, r2)


def test_name_keys():
    assert name_keys("张三") == ("zhangsan", "zs")
    assert name_keys("Anna Maria ERIKSSON") == ("annamariaeriksson", "ame")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张", {"张三", "张珊珊"}),
        ("张三", {"张三"}),
        ("zs", {"张三", "张珊珊"}),
        ("zhangsan", {"张三"}),
        ("zhangshan", {"张珊珊"}),
        ("ls", {"李四"}),
        ("ZS", {"张三", "张珊珊"}),
        ("13912345678", {"张三"}),
        ("1370000", {"李四"}),
        ("幸福路", {"张三"}),
        ("和平街3号", {"张珊珊", "李四"}),
        ("王", set()),
    ],
)
def test_search_paths(town, query, expected):
    sv, *_ = town
    assert {h.name for h in sv.residents.find(query).items} == expected


def test_search_by_exact_id_number_and_filters(town):
    sv, ids, (p1, _p2), _ = town
    number = _doc("李四", seq=13).number
    assert [h.id for h in sv.residents.find(number).items] == [ids["李四"]]
    assert [h.id for h in sv.residents.find(number.lower()).items] == [ids["李四"]]
    assert {h.name for h in sv.residents.find("z", grid_code="G02").items} == {"张珊珊"}
    assert {h.name for h in sv.residents.find("", property_id=p1).items} == {"张三"}


def test_duplicate_document_refused(town):
    sv, *_ = town
    with pytest.raises(ValidationError, match="already registered"):
        sv.residents.register(_doc("张三", seq=11))


def test_invalid_input_saves_nothing(st, town):
    sv, *_ = town
    with st.db.read() as s:
        before = s.query(OutboxEntry).count()
    bad = _doc("王五", seq=15).with_changes(number="440305199005170150")
    with pytest.raises(ValidationError) as err:
        sv.residents.register(bad, phone="12345")
    fields = {p.field for p in err.value.problems}
    assert {"number", "phone"} <= fields
    with st.db.read() as s:
        assert s.query(OutboxEntry).count() == before


def test_stale_update_is_a_conflict(town):
    sv, ids, *_ = town
    v = sv.residents.update(ids["张三"], base_version=1, employer="演示公司").version
    assert v == 2
    with pytest.raises(Conflict):
        sv.residents.update(ids["张三"], base_version=1, employer="别的公司")


def test_every_change_has_its_outbox_row(st, town):
    sv, ids, *_ = town
    sv.residents.update(ids["李四"], base_version=1, phone="13700002222")
    with st.db.read() as s:
        rows = (
            s.execute(select(OutboxEntry).where(OutboxEntry.record_id == ids["李四"]).order_by(OutboxEntry.seq))
            .scalars()
            .all()
        )
    assert [(r.operation, r.version, r.base_version) for r in rows] == [("create", 1, None), ("update", 2, 1)]
    assert '"phone": "13700002222"' in rows[-1].payload


def test_consistency_and_feedback_rates(st, town):
    sv, _ids, (p1, p2), _ = town
    sv.housing.record_spot_check(p1, result=SpotCheckResult.CONSISTENT)
    sv.housing.record_spot_check(p2, result=SpotCheckResult.CONSISTENT)
    sv.housing.record_spot_check(p2, result=SpotCheckResult.INCONSISTENT, notes="多住了一人")
    sv.housing.record_spot_check(p2, result=SpotCheckResult.NOT_FOUND, notes="查无此人")
    with st.db.write() as s:
        for i in range(4):
            s.add(Task(platform_id=f"T{i}", kind="verify_person", title="核查", version=1))
    tasks = sv.tasks.list().items
    sv.tasks.complete(tasks[0].id, result="verified")
    with st.db.read() as s:
        assert metrics.consistency_station(s).value == pytest.approx(2 / 4)
        by_grid = metrics.consistency_by_grid(s)
        assert by_grid["G01"].value == 1.0 and by_grid["G02"].value == pytest.approx(1 / 3)
        assert metrics.consistency_by_property(s)[p2].denominator == 3
        fb = metrics.feedback_rate(s)
        assert (fb.numerator, fb.denominator) == (1, 4) and fb.percent() == "25.0%"
        per_day = metrics.registrations_per_day(s, days=3)
        assert per_day[-1] == (date.today(), 3)
        backlog = metrics.unsynced_backlog(s)
        assert backlog.records > 0


def test_purge_only_acknowledged_and_past_retention(st, town):
    sv, ids, _, _ = town
    with st.db.write() as s:  # the resident 张珊珊 moved out long ago
        t = s.execute(select(Tenancy).where(Tenancy.person_id == ids["张珊珊"])).scalar_one()
    sv_end = sv.housing.end_tenancy(t.id, base_version=1, end=date(2020, 1, 1)).version
    assert sv_end == 2
    later = datetime.now() + timedelta(days=800)
    # nothing acknowledged yet: nothing is purged even far in the future
    rep = retention.purge(st.db, st.admin, now=later)
    assert rep.total == 0
    with st.db.write() as s:
        seqs = [r.seq for r in s.execute(select(OutboxEntry)).scalars()]
        outbox.mark_acknowledged(s, seqs, datetime.now())
    # acknowledged but within retention: still kept
    assert retention.purge(st.db, st.admin).total == 0
    rep = retention.purge(st.db, st.admin, now=later)
    assert rep.counts["tenancy"] == 1 and rep.counts["person"] == 1
    with st.db.read() as s:
        assert s.get(Person, ids["张珊珊"]) is None
        assert s.get(Person, ids["张三"]) is not None  # still bound to a room
    audit_rows = sv.db  # noqa: F841
    from workstation.storage import audit

    with st.db.read() as s:
        assert audit.verify(s).ok
    sup = st.actor(Role.SUPERVISOR)
    trail = open_desk(st.db, sup, freeze_rules=False).supervision.audit_trail(limit=20)
    assert any(e.action == "retention.purge" for e in trail)
