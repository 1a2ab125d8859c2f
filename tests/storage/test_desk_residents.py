"""The residents area as the desk uses it: keyset pages, rows, the audited detail, writes that say what
changed, and reads bounded per role with masked audit rows (issue 8 items 1–2, issue 9 item 8)."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, FingerPosition, Role, Sex, TenancyRelation, VisaType
from workstation.domain.permissions import max_page
from workstation.domain.validation import gb11643_check_char
from workstation.errors import Conflict, NotFound, PermissionDenied, ValidationError
from workstation.storage import demo
from workstation.storage.areas import UNSET, Kind
from workstation.storage.schema import AuditEvent, OutboxEntry
from workstation.storage.search import BadCursor
from workstation.wiring import open_desk


def _doc(name, seq, born=date(1990, 5, 17)):
    first17 = f"440305{born:%Y%m%d}{seq:03d}"
    n = first17 + gb11643_check_char(first17)
    return IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID, number=n, name=name, sex=Sex.MALE if seq % 2 else Sex.FEMALE,
        birth_date=born, source="card",
    )


def _audit_since(st, seq):
    with st.db.read() as s:
        return list(s.execute(select(AuditEvent).where(AuditEvent.seq > seq).order_by(AuditEvent.seq)).scalars())


def _head(st):
    with st.db.read() as s:
        return s.execute(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1)).scalar() or 0


def _town(st):
    desk = open_desk(st.db, st.actor(Role.OFFICER))
    h = desk.housing
    p1 = h.create_property(address="演示市南湖区幸福路12号", grid_code="G01").id
    p2 = h.create_property(address="演示市北山区张家街3号", grid_code="G02").id
    r1, r2 = h.add_room(p1, label="301").id, h.add_room(p2, label="101").id
    names = ["张三", "张珊珊", "张伟", "张伟明", "章程", "李四", "李思思", "王五", "赵六", "钱七", "孙八", "周九"]
    ids = {}
    for i, name in enumerate(names):
        ids[name] = desk.residents.register(
            _doc(name, seq=10 + i), phone=f"139{i:08d}", room_id=r1 if i % 2 else r2
        ).id
    return desk, ids, (p1, p2), (r1, r2)


@pytest.fixture
def town(st):
    return _town(st)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One town for the tests that only read (each station costs seconds to set up)."""
    from helpers import make_station

    st = make_station(tmp_path_factory.mktemp("desk") / "station")
    yield st, _town(st)
    st.db.close()


def _all_pages(area, query, limit, **filters):
    out, after, pages = [], None, 0
    while True:
        page = area.find(query, after=after, limit=limit, **filters)
        out.extend(r.id for r in page)
        pages += 1
        assert pages < 100
        if page.next is None:
            return out
        after = page.next


@pytest.mark.parametrize("query", ["", "张", "张伟", "zs", "z", "zhang", "139", "1390000", "张家街", "li"])
@pytest.mark.parametrize("limit", [1, 2, 5])
def test_pages_follow_on_without_gaps_or_repeats(shared, query, limit):
    desk, *_ = shared[1]
    whole = [r.id for r in desk.residents.find(query, limit=200)]
    paged = _all_pages(desk.residents, query, limit)
    assert paged == whole
    assert len(set(paged)) == len(paged)


def test_search_paths_and_order(shared):
    desk, ids, (p1, _p2), _ = shared[1]
    find = desk.residents.find
    assert [r.name for r in find("张伟")] == ["张伟", "张伟明"]
    # a name prefix first, then residents of properties whose address holds the text
    names = [r.name for r in find("张家街")]
    assert set(names) == {n for i, n in enumerate(ids) if i % 2 == 0}
    assert {r.name for r in find("zs")} == {"张三", "张珊珊"}
    assert {r.name for r in find("", property_id=p1)} == {n for i, n in enumerate(ids) if i % 2}
    assert [r.name for r in find("", grid_code="G01")] == [r.name for r in find("", property_id=p1)]


def desk_pinyin(name):
    from workstation.storage.search import name_keys

    return name_keys(name)[0]


def test_browse_is_in_pinyin_order(shared):
    desk, *_ = shared[1]
    rows = list(desk.residents.find("", limit=200))
    keys = [desk_pinyin(r.name) for r in rows]
    assert keys == sorted(keys)


def test_rows_show_masked_id_number_and_address(shared):
    desk, ids, *_ = shared[1]
    row = desk.residents.find("张三").items[0]
    number = _doc("张三", seq=10).number
    assert row.id == ids["张三"] and row.version == 1
    assert row.id_number_masked == number[:6] + "********" + number[-4:]
    assert row.doc_type is DocumentType.RESIDENT_ID
    assert row.address == "演示市北山区张家街3号" and row.grid_code == "G02"
    assert row.sex is Sex.FEMALE


def test_a_cursor_from_elsewhere_is_refused(shared):
    desk, *_ = shared[1]
    with pytest.raises(BadCursor):
        desk.residents.find("张", after="not-a-cursor")
    first = desk.residents.find("zs", limit=1)
    assert first.next is not None
    with pytest.raises(BadCursor):
        desk.residents.find("张三", after=first.next)  # a cursor of another plan


def test_rows_for_ids_leave_out_the_vanished(town):
    desk, ids, *_ = town
    detail = desk.residents.get(ids["李四"])
    desk.residents.delete(ids["李四"], base_version=detail.version, reason="moved away")
    rows = desk.residents.rows([ids["张三"], ids["李四"], "no-such-id"])
    assert set(rows) == {ids["张三"]}
    assert rows[ids["张三"]].name == "张三"
    with pytest.raises(ValidationError):
        desk.residents.rows([f"id{i}" for i in range(max_page(Role.OFFICER) + 1)])


def test_writes_say_what_they_changed(st, town):
    desk, _ids, _props, (r1, _r2) = town
    ch = desk.residents.register(_doc("新人", seq=90), room_id=r1)
    assert ch.kinds == {Kind.PERSON, Kind.IDENTITY_DOCUMENT, Kind.TENANCY}
    assert ch.changed[0].kind is Kind.PERSON and ch.id == ch.changed[0].id and ch.version == 1
    pid = ch.id
    same = desk.residents.update(pid, base_version=1, name="新人")
    assert not same and same.kinds == frozenset()
    up = desk.residents.update(pid, base_version=1, employer="演示公司", phone=None)
    assert up.kinds == {Kind.PERSON} and up.version == 2
    with pytest.raises(Conflict):
        desk.residents.update(pid, base_version=1, employer="别的公司")
    with pytest.raises(ValidationError) as err:
        desk.residents.update(pid, base_version=2, name="  ", phone="123")
    assert {p.field for p in err.value.problems} == {"name", "phone"}
    gone = desk.residents.delete(pid, base_version=2, reason="registered twice")
    assert gone.changed[0].kind is Kind.PERSON and gone.ids(Kind.TENANCY)
    with pytest.raises(NotFound):
        desk.residents.get(pid)
    assert UNSET is not None and repr(UNSET) == "UNSET"


def test_detail_has_documents_history_and_fingers_only(st, town):
    desk, ids, _props, (_r1, r2) = town
    pid = ids["王五"]
    bind = desk.housing.bind(pid, r2, start=date(2020, 1, 1), end=date(2021, 1, 1), relation=TenancyRelation.FAMILY)
    assert bind.kinds == {Kind.TENANCY}  # an ended binding does not move the current residence
    desk.biometrics.add(pid, position=FingerPosition.RIGHT_INDEX, template=b"\x03\x01" * 256, quality=87)
    d = desk.residents.get(pid)
    assert d.name == "王五" and d.version == 1
    assert [doc.number for doc in d.documents] == [_doc("王五", seq=17).number]
    assert [(t.room_label, t.end_date) for t in d.tenancies] == [("301", None), ("101", date(2021, 1, 1))]
    assert [t.current(date.today()) for t in d.tenancies] == [True, False]
    assert [(f.position, f.quality) for f in d.fingerprints] == [(FingerPosition.RIGHT_INDEX, 87)]
    assert not hasattr(d.fingerprints[0], "template")
    with pytest.raises(AttributeError):
        d.name = "x"  # frozen


def test_find_by_id_number(shared):
    desk, ids, *_ = shared[1]
    number = _doc("李四", seq=15).number
    assert desk.residents.find_by_id_number(number.lower()).id == ids["李四"]
    assert desk.residents.find_by_id_number("440305199005170999") is None


def test_search_audit_keeps_the_kind_and_masks_the_text(shared):
    st, (desk, _ids, *_) = shared
    before = _head(st)
    number = _doc("李四", seq=15).number
    desk.residents.find("张三")
    desk.residents.find("13900000003")
    desk.residents.find("zhangsan")
    desk.residents.find(number)
    desk.residents.find_by_id_number(number)
    desk.residents.find("幸福路12号")
    rows = _audit_since(st, before)
    assert [r.action for r in rows] == ["person.search"] * 6
    text = " ".join(r.details for r in rows)
    for clear in ("张三", "13900000003", "zhangsan", number, "幸福路12号"):
        assert clear not in text
    for kind in ("name", "phone", "pinyin", "id_number"):
        assert f'"kind": "{kind}"' in text
    assert '"query": "张*"' in text and '"query": "139********"' in text
    assert number[:6] + "********" + number[-4:] in text


def test_every_personal_read_leaves_an_audit_row(st, town):
    desk, ids, (p1, _p2), _ = town
    sup = open_desk(st.db, st.actor(Role.SUPERVISOR))
    reads = {
        "property.search": lambda: desk.housing.find_properties("幸福"),
        "property.read": lambda: desk.housing.get_property(p1),
        "room.list": lambda: desk.housing.rooms(p1),
        "task.list": lambda: desk.tasks.list(),
        "report.read": lambda: sup.supervision.report(),
        "person.count": lambda: desk.supervision.count_residents(),
        "person.rows": lambda: desk.residents.rows([ids["张三"]]),
        "prereg.list": lambda: desk.preregistrations.list(),
    }
    for action, read in reads.items():
        before = _head(st)
        read()
        assert [r.action for r in _audit_since(st, before)] == [action], action


@pytest.fixture
def demo_station(tmp_path):
    from helpers import make_station

    st = make_station(tmp_path / "demo", demo=True)  # synthetic data only on a demo station
    yield st
    st.db.close()


def test_an_assistant_gets_a_page_not_the_store(demo_station):
    st = demo_station
    demo.generate(st.db, 120, seed=5)
    assistant = open_desk(st.db, st.actor(Role.ASSISTANT))
    page = assistant.residents.find("", limit=10**6)
    assert len(page) == max_page(Role.ASSISTANT) == 50
    assert page.next is not None
    officer = open_desk(st.db, st.actor(Role.OFFICER))
    whole = officer.residents.find("", limit=10**6)
    assert len(whole) == 120 and whole.next is None  # under the officer's bound of 200
    # synthetic names repeat: pages stay exact across ties of the ordering key
    assert _all_pages(officer.residents, "", 7) == [r.id for r in whole]
    props = officer.housing.find_properties("", limit=200)
    paged, after = [], None
    while True:
        page = officer.housing.find_properties("", limit=5, after=after)
        paged += [p.id for p in page]
        if page.next is None:
            break
        after = page.next
    assert paged == [p.id for p in props] and [p.address for p in props] == sorted(p.address for p in props)
    assert len(officer.housing.find_properties("", limit=10**6)) == 12
    assert len(assistant.housing.find_properties("", limit=5)) == 5


def test_admin_reads_no_residents(shared):
    st, _ = shared
    admin = open_desk(st.db, st.admin)
    for read in (lambda: admin.residents.find(""), lambda: admin.housing.find_properties(""),
                 lambda: admin.preregistrations.list()):
        with pytest.raises(PermissionDenied):
            read()


def test_property_search_as_you_type(shared):
    _st, (desk, _ids, (p1, p2), (r1, _r2)) = shared
    assert [p.id for p in desk.housing.find_properties("幸福路")] == [p1]
    assert [p.id for p in desk.housing.find_properties("张家")] == [p2]  # 2 characters: a scan
    assert [p.id for p in desk.housing.find_properties("", grid_code="G02")] == [p2]
    rooms = desk.housing.rooms(p1)
    assert [(r.id, r.label, r.occupants) for r in rooms] == [(r1, "301", 6)]


def _passport(number="P1234567", born=date(1985, 3, 2)):
    return IdentityDocument(
        doc_type=DocumentType.PASSPORT, number=number, name="ERIKSSON, ANNA", name_latin="ERIKSSON, ANNA",
        sex=Sex.FEMALE, birth_date=born, nationality="SWE", issuer="SWE", valid_to=date(2031, 1, 1), source="mrz",
    )


def test_a_foreign_guests_stay_is_stored_shown_and_synced(st):
    desk = open_desk(st.db, st.actor(Role.OFFICER))
    today = date.today()
    ch = desk.residents.register(
        _passport(), visa_type="z", visa_number="ｅ１２３４５６７８", entry_date=today, stay_until=date(2030, 5, 1),
        notes="room keys at the desk",
    )
    d = desk.residents.get(ch.id)
    assert (d.visa_type, d.visa_number, d.entry_date, d.stay_until) == (
        VisaType.Z, "E12345678", today, date(2030, 5, 1)
    )
    assert d.notes == "room keys at the desk"  # the stay is not in the notes any more
    with st.db.read() as s:
        payload = json.loads(
            s.execute(select(OutboxEntry.payload).where(OutboxEntry.record_id == ch.id)).scalar_one()
        )
    assert (payload["visa_type"], payload["visa_number"], payload["entry_date"], payload["stay_until"]) == (
        "Z", "E12345678", today.isoformat(), "2030-05-01"
    )


def test_a_stay_that_does_not_add_up_is_refused_by_field(st):
    desk = open_desk(st.db, st.actor(Role.OFFICER))
    with pytest.raises(ValidationError) as err:
        desk.residents.register(
            _passport(), visa_type="K", entry_date=date(1980, 1, 1), stay_until=date(1979, 1, 1),
        )
    assert {(p.field, p.code) for p in err.value.problems} == {
        ("visa_type", "unknown_type"), ("entry_date", "before_birth"), ("stay_until", "ends_before_start")
    }
    with pytest.raises(ValidationError) as err:
        desk.residents.register(_passport(), entry_date=date.today() + timedelta(days=1))
    assert [(p.field, p.code) for p in err.value.problems] == [("entry_date", "too_late")]
    assert desk.residents.find("ERIKSSON").items == ()  # nothing half-saved


def test_a_stay_edit_is_checked_against_what_is_stored(st):
    desk = open_desk(st.db, st.actor(Role.OFFICER))
    pid = desk.residents.register(
        _passport(), visa_type=VisaType.L, visa_number="E12345678", entry_date=date(2026, 1, 10),
        stay_until=date(2026, 2, 10),
    ).id
    with pytest.raises(ValidationError) as err:  # the stored stay ends before the new entry
        desk.residents.update(pid, base_version=1, entry_date=date(2026, 3, 1))
    assert [(p.field, p.code) for p in err.value.problems] == [("stay_until", "ends_before_start")]
    with pytest.raises(ValidationError) as err:  # the stored number does not fit a visa-free entry
        desk.residents.update(pid, base_version=1, visa_type=VisaType.VISA_FREE)
    assert [(p.field, p.code) for p in err.value.problems] == [("visa_number", "not_numbered")]
    with pytest.raises(ValidationError) as err:  # a birth date after the stored entry
        desk.residents.update(pid, base_version=1, birth_date=date(2026, 1, 20))
    assert ("entry_date", "before_birth") in {(p.field, p.code) for p in err.value.problems}
    up = desk.residents.update(pid, base_version=1, visa_type="residence_permit", visa_number="ｒ９８７６５４３２",
                               stay_until=date(2027, 2, 10))
    assert up.kinds == {Kind.PERSON}
    d = desk.residents.get(pid)
    assert (d.visa_type, d.visa_number, d.stay_until) == (VisaType.RESIDENCE_PERMIT, "R98765432", date(2027, 2, 10))
    desk.residents.update(pid, base_version=2, visa_type=VisaType.VISA_FREE, visa_number="")
    d = desk.residents.get(pid)
    assert (d.visa_type, d.visa_number, d.entry_date) == (VisaType.VISA_FREE, None, date(2026, 1, 10))
