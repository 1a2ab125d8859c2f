"""Property search by pinyin (the address's, the landlord's name and initials) and resident search by the
last four characters of an ID number ("002x"), on a real station (fresh-eyes report: 'xingfu' and
'002x' found nothing)."""

from datetime import date

import pytest
from sqlalchemy import select, text

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex
from workstation.domain.names import text_pinyin
from workstation.domain.validation import gb11643_check_char
from workstation.storage import demo, search
from workstation.storage.schema import IdentityDocumentRow, Property
from workstation.wiring import open_desk


def _doc(name, seq, born=date(1990, 5, 17)):
    first17 = f"110105{born:%Y%m%d}{seq:03d}"
    return IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number=first17 + gb11643_check_char(first17),
                            name=name, sex=Sex.MALE if seq % 2 else Sex.FEMALE, birth_date=born)


@pytest.fixture
def desk(st):
    return open_desk(st.db, st.actor(Role.OFFICER), freeze_rules=False)


def _found(desk, query):
    return {r.address for r in desk.housing.find_properties(query, limit=50).items}


def test_text_pinyin_reads_addresses():
    assert text_pinyin("演示市北山区幸福路38号") == "yanshishibeishanquxingfulu38hao"
    assert text_pinyin("幸福路３８号Ａ栋 2-301") == "xingfulu38haoadong2301"  # full-width folded, punctuation gone
    assert search.property_keys("幸福路1号", "曾小明") == "xingfulu1hao zengxiaoming cengxiaoming ^zxm ^cxm"
    assert search.property_keys("幸福路1号", None) == "xingfulu1hao"


def test_properties_are_found_by_the_pinyin_of_address_and_landlord(desk):
    h = desk.housing
    h.create_property(address="演示市北山区幸福路38号", grid_code="G37", landlord_name="杜晓明",
                      landlord_phone="17009898122")
    h.create_property(address="演示市南湖区和平街3号", grid_code="G01", landlord_name="曾志强")
    h.create_property(address="演示市南湖区张家街9号", grid_code="G01")
    fortune, peace, zhang = "演示市北山区幸福路38号", "演示市南湖区和平街3号", "演示市南湖区张家街9号"
    assert _found(desk, "xingfu") == {fortune}
    assert _found(desk, "Xingfu") == _found(desk, "XING FU") == _found(desk, "ｘｉｎｇｆｕ") == {fortune}
    assert _found(desk, "xingfulu38") == {fortune} and _found(desk, "xingfulu39") == set()
    assert _found(desk, "nanhu") == {peace, zhang}
    assert _found(desk, "duxiaoming") == _found(desk, "xiaoming") == _found(desk, "dxm") == {fortune}
    assert _found(desk, "zengzhiqiang") == _found(desk, "cengzhiqiang") == {peace}  # both surname readings
    assert _found(desk, "zzq") == _found(desk, "zz") == {peace}  # initials from two letters
    assert _found(desk, "zhang") == {zhang}  # 张家街, not the landlord 曾志强's "zhiqiang"
    assert _found(desk, "d") == set()  # one letter: no pinyin condition (an address holds no "d")
    # what worked before still does
    assert _found(desk, "幸福路") == {fortune} and _found(desk, "杜晓明") == {fortune}
    assert _found(desk, "9898") == {fortune}


def test_the_keys_follow_the_address_and_the_landlord(st, desk):
    h = desk.housing
    pid = h.create_property(address="演示市幸福路1号", grid_code="G01", landlord_name="王五").id
    h.update_property(pid, base_version=1, address="演示市和平街1号")
    assert _found(desk, "xingfu") == set() and _found(desk, "hepingjie") == {"演示市和平街1号"}
    h.update_property(pid, base_version=2, landlord_name="赵六")
    assert _found(desk, "wangwu") == set() and _found(desk, "zhaoliu") == {"演示市和平街1号"}
    with st.db.write() as s:  # a hard delete (retention) takes its keys away too
        s.execute(Property.__table__.delete().where(Property.id == pid))
        left = s.execute(text("SELECT count(*) FROM property_fts_pinyin")).scalar_one()
    assert left == 0


def test_demo_properties_are_found_by_pinyin(tmp_path):
    from helpers import make_station

    st = make_station(tmp_path / "demo", demo=True)
    try:
        demo.generate(st.db, 40, seed=3)
        with st.db.read() as s:
            address = s.execute(select(Property.address).limit(1)).scalar_one()
        desk = open_desk(st.db, st.actor(Role.OFFICER), freeze_rules=False)
        assert address in _found(desk, text_pinyin(address))
    finally:
        st.db.close()


def test_a_resident_is_found_by_the_last_four_characters_of_the_id_number(st, desk):
    r = desk.residents
    zhang = r.register(_doc("张三", 2), phone="13912340000").id  # ...0020 + check char
    number = _doc("张三", 2).number
    tail = number[-4:]
    li = r.register(_doc("李四", 3)).id
    assert [x.id for x in r.find(tail).items] == [zhang]
    assert [x.id for x in r.find(tail.lower()).items] == [zhang]  # x or X
    assert [x.id for x in r.find(" " + tail + " ").items] == [zhang]
    assert zhang not in {x.id for x in r.find(_doc("李四", 3).number[-4:]).items}
    assert li in {x.id for x in r.find(_doc("李四", 3).number[-4:]).items}
    # a number the person no longer holds (the document deleted) does not find them
    with st.db.write() as s:
        row = s.execute(select(IdentityDocumentRow).where(IdentityDocumentRow.person_id == zhang)).scalar_one()
        row.deleted_at = row.updated_at
    assert [x.id for x in r.find(tail).items] == []


def test_the_demo_cards_tail_finds_its_holder(tmp_path):
    """The report's case: the demo card 11010519491231002X, searched as '002x'."""
    from helpers import make_station

    st = make_station(tmp_path / "card", demo=True)
    try:
        desk = open_desk(st.db, st.actor(Role.OFFICER), freeze_rules=False)
        doc = IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number=demo.DEMO_CARD_NUMBER, name="张三",
                               sex=Sex.FEMALE, birth_date=date(1949, 12, 31))
        pid = desk.residents.register(doc).id
        found = desk.residents.find("002x")
        assert [x.id for x in found.items] == [pid]
    finally:
        st.db.close()
