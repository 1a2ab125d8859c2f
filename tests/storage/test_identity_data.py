"""Issue 15 items 1-5 end to end on a real SQLCipher station: identifiers normalised where records
enter and in search, surname readings, Extension-B names, ICAO codes, validity recorded."""

from datetime import date

import pytest
from alembic import command
from sqlalchemy import select, text

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, DocumentValidity, Role, Sex
from workstation.domain.validation import gb11643_check_char
from workstation.errors import ValidationError
from workstation.storage.migrate import alembic_config
from workstation.storage.schema import AuditEvent, Declaration, IdentityDocumentRow, Person, Property
from workstation.wiring import open_desk

ASCII_NUMBER = "44030519850612004X"
FULL_WIDTH_X = "４４０３０５１９８５０６１２００４x"


def _number(seq: int, born: date = date(1990, 5, 17)) -> str:
    first17 = f"440305{born:%Y%m%d}{seq:03d}"
    return first17 + gb11643_check_char(first17)


def _doc(name: str, seq: int = 1, **kw):
    born = kw.pop("birth_date", date(1990, 5, 17))
    number = kw.pop("number", None) or _number(seq, born)
    return IdentityDocument(
        doc_type=kw.pop("doc_type", DocumentType.RESIDENT_ID),
        number=number,
        name=name,
        sex=kw.pop("sex", Sex.MALE if seq % 2 else Sex.FEMALE),
        birth_date=born,
        **kw,
    )


@pytest.fixture
def sv(st):
    return open_desk(st.db, st.actor(Role.OFFICER), freeze_rules=False)


def _names(hits):
    return {h.name for h in hits}


# ---- item 1 --------------------------------------------------------------------------------------
def test_full_width_number_is_stored_ascii_found_by_ascii_and_not_registered_twice(sv, st):
    doc = _doc("王芳", number=FULL_WIDTH_X, birth_date=date(1985, 6, 12), sex=Sex.FEMALE)
    pid = sv.residents.register(doc, phone="１３９ １２３４ ５６７８").id
    with st.db.read() as s:
        assert s.execute(select(IdentityDocumentRow.number)).scalar_one() == ASCII_NUMBER
        assert s.get(Person, pid).phone == "13912345678"
    all_full_width = "４４０３０５１９８５０６１２００４Ｘ"
    queries = (ASCII_NUMBER, FULL_WIDTH_X, ASCII_NUMBER.lower(), all_full_width, "13912345678", "１３９１２３４")
    for query in queries:
        assert [h.id for h in sv.residents.find(query).items] == [pid], query
    again = _doc("王芳", number=ASCII_NUMBER, birth_date=date(1985, 6, 12), sex=Sex.FEMALE)
    with pytest.raises(ValidationError) as exc:
        sv.residents.register(again)
    assert exc.value.problems[0].field == "number"


def test_arabic_indic_digits_are_the_same_number(sv):
    doc = _doc("赵六", number="٤٤٠٣٠٥١٩٨٥٠٦١٢٠٠٤X", birth_date=date(1985, 6, 12), sex=Sex.FEMALE)
    pid = sv.residents.register(doc).id
    assert [h.id for h in sv.residents.find(ASCII_NUMBER).items] == [pid]


def test_non_ascii_number_is_refused_with_a_reason(sv):
    with pytest.raises(ValidationError) as exc:
        sv.residents.register(_doc("赵六", number="4403051985061200四"))
    assert any("“四”" in p.message for p in exc.value.problems)


def test_every_identifier_field_is_normalised_where_records_enter(sv, st):
    prop = sv.housing.create_property(
        address="幸福路1号",
        grid_code="G01",
        landlord_phone="＋８６ １３８-００１３-８０００",
        landlord_id_number=FULL_WIDTH_X,
        manager_phone="１３７００００１１１１",
    ).id
    decl = sv.housing.record_declaration(
        prop,
        declared_on=date(2024, 1, 1),
        declarant_name="房东",
        declarant_phone="１３８００１３８０００",
        entries=[{"name": "租客", "id_number": FULL_WIDTH_X, "phone": "１３６ ００００ ００００"}],
    ).id
    with st.db.read() as s:
        p = s.get(Property, prop)
        assert (p.landlord_phone, p.landlord_id_number, p.manager_phone) == (
            "13800138000",
            ASCII_NUMBER,
            "13700001111",
        )
        d = s.get(Declaration, decl)
        assert d.declarant_phone == "13800138000"
        assert d.entries == [{"name": "租客", "id_number": ASCII_NUMBER, "phone": "13600000000"}]
    with st.db.read() as s:
        version = s.get(Property, prop).version
    sv.housing.update_property(
        prop, base_version=version, landlord_phone="１３９００００００００", landlord_id_number="٤٤٠٣٠٥١٩٨٥٠٦١٢٠٠٤x"
    )
    with st.db.read() as s:
        p = s.get(Property, prop)
        assert (p.landlord_phone, p.landlord_id_number) == ("13900000000", ASCII_NUMBER)
    with pytest.raises(ValidationError):
        sv.housing.create_property(address="x", grid_code="G01", landlord_id_number="4403051985061200四")


def test_passport_number_and_nationality_in_full_width(sv, st):
    doc = IdentityDocument(
        doc_type=DocumentType.PASSPORT,
        number="ｃ０１ｘ００ｔ４７",
        name="MUSTERMANN, ERIKA",
        name_latin="MUSTERMANN, ERIKA",
        birth_date=date(1964, 8, 12),
        sex=Sex.FEMALE,
        nationality="ｄ",
    )
    pid = sv.residents.register(doc).id
    with st.db.read() as s:
        row = s.execute(select(IdentityDocumentRow)).scalar_one()
        assert (row.number, row.nationality, s.get(Person, pid).nationality) == ("C01X00T47", "D", "D")
    assert [h.id for h in sv.residents.find("C01X00T47").items] == [pid]


def test_phone_changes_are_normalised(sv, st):
    pid = sv.residents.register(_doc("钱七", seq=3)).id
    sv.residents.update(pid, base_version=1, phone="１３９－１２３４－５６７８", nationality="ｃｈｎ")
    with st.db.read() as s:
        p = s.get(Person, pid)
        assert (p.phone, p.nationality) == ("13912345678", "CHN")


# ---- item 2: surname readings --------------------------------------------------------------------
SURNAMES = [
    # (name, surname reading: full, initials; everyday reading: full, initials)
    ("曾志强", "zengzhiqiang", "zzq", "cengzhiqiang", "czq"),
    ("单丽", "shanli", "sl", "danli", "dl"),
    ("仇明", "qiuming", "qm", "chouming", "cm"),
    ("区志华", "ouzhihua", "ozh", "quzhihua", "qzh"),
    ("朴成勋", "piaochengxun", "pcx", "puchengxun", "pcx"),
    ("查伟", "zhawei", "zw", "chawei", "cw"),
    ("解放", "xiefang", "xf", "jiefang", "jf"),
    ("盖丽丽", "gelili", "gll", "gailili", "gll"),
    ("尉迟恭", "yuchigong", "ycg", None, None),
    ("万俟卨", "moqixie", "mqx", None, None),
    ("翟文", "zhaiwen", "zw", "diwen", "dw"),
    ("覃海", "qinhai", "qh", "tanhai", "th"),
    ("缪斌", "miaobin", "mb", "moubin", "mb"),
    ("乐平", "yueping", "yp", "leping", "lp"),
    ("单于飞", "chanyufei", "cyf", None, None),
]


@pytest.fixture
def surname_town(sv):
    ids = {}
    for i, (name, *_rest) in enumerate(SURNAMES, start=101):
        ids[name] = sv.residents.register(_doc(name, seq=i)).id
    return ids


@pytest.mark.parametrize(("name", "full", "initials", "everyday", "everyday_initials"), SURNAMES)
def test_surname_reading_and_everyday_reading_both_find_the_person(
    sv, surname_town, name, full, initials, everyday, everyday_initials
):
    pid = surname_town[name]
    assert pid in [h.id for h in sv.residents.find(full).items]
    assert pid in [h.id for h in sv.residents.find(initials).items]
    assert pid in [h.id for h in sv.residents.find(full[:4]).items]  # a prefix of the surname reading
    if everyday is not None:
        assert pid in [h.id for h in sv.residents.find(everyday).items]
        assert pid in [h.id for h in sv.residents.find(everyday_initials).items]


def test_issue_cases_zengzhiqiang_zzq_shanli(sv):
    zeng = sv.residents.register(_doc("曾志强", seq=1)).id
    shan = sv.residents.register(_doc("单丽", seq=2)).id
    assert [h.id for h in sv.residents.find("zengzhiqiang").items] == [zeng]
    assert [h.id for h in sv.residents.find("zzq").items] == [zeng]
    assert [h.id for h in sv.residents.find("shanli").items] == [shan]


def test_renaming_rebuilds_both_readings(sv, st):
    pid = sv.residents.register(_doc("张三", seq=5)).id
    sv.residents.update(pid, base_version=1, name="曾三")
    with st.db.read() as s:
        p = s.get(Person, pid)
        assert (p.name_pinyin, p.name_initials, p.name_pinyin_alt, p.name_initials_alt) == (
            "zengsan",
            "zs",
            "cengsan",
            "cs",
        )
    assert [h.id for h in sv.residents.find("cengsan").items] == [pid]


def test_existing_stores_get_both_readings_on_upgrade(st):
    """A store made before the surname readings: migration 0004 rebuilds the name keys."""
    cfg = alembic_config(st.db.engine)
    command.downgrade(cfg, "0003")
    with st.db.engine.begin() as conn:
        for pid, name, pinyin, initials in (
            ("p1", "曾志强", "cengzhiqiang", "czq"),
            ("p2", "张三", "zhangsan", "zs"),
            ("p3", "\U00020bb7\U00020bb7", "", ""),
        ):
            conn.execute(
                text(
                    "INSERT INTO person (id, version, acked_version, name, name_pinyin, name_initials, sex, created_by,"
                    " created_at, updated_at) VALUES (:id, 1, 0, :n, :p, :i, '1', 'test', '2024-01-01', '2024-01-01')"
                ),
                {"id": pid, "n": name, "p": pinyin, "i": initials},
            )
    st.db.migrate()
    with st.db.read() as s:
        rows = {
            r.id: (r.name_pinyin, r.name_initials, r.name_pinyin_alt, r.name_initials_alt)
            for r in s.execute(select(Person)).scalars()
        }
    assert rows["p1"] == ("zengzhiqiang", "zzq", "cengzhiqiang", "czq")
    assert rows["p2"] == ("zhangsan", "zs", None, None)
    assert rows["p3"][0] and rows["p3"][1]  # never empty


# ---- item 3: Extension B ---------------------------------------------------------------------------
def test_extension_b_name_is_chinese_and_found_by_name(sv, st):
    only_ext_b = sv.residents.register(_doc("\U00020bb7\U0002a6a5", seq=7)).id  # 𠮷𪚥
    mixed = sv.residents.register(_doc("\U00020bb7野家", seq=9)).id
    with st.db.read() as s:
        p = s.get(Person, only_ext_b)
        assert p.name_pinyin and p.name_initials
    assert [h.id for h in sv.residents.find("\U00020bb7\U0002a6a5").items] == [only_ext_b]
    assert {h.id for h in sv.residents.find("\U00020bb7").items} == {only_ext_b, mixed}
    assert [h.id for h in sv.residents.find("\U00020bb7野").items] == [mixed]


def test_extension_b_query_does_not_go_to_address_search(sv):
    prop = sv.housing.create_property(address="\U00020bb7\U00020bb7路8号", grid_code="G01").id
    room = sv.housing.add_room(prop, label="101").id
    sv.residents.register(_doc("李四", seq=11), room_id=room)
    assert sv.residents.find("\U00020bb7").items == ()  # a 1-character name prefix, not an address fragment


# ---- item 4 / 5 -----------------------------------------------------------------------------------
def test_german_passport_from_mrz_registers_with_code_d(sv, st):
    from workstation.devices.mrz.parse import parse_mrz

    mrz = parse_mrz(
        ["P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<", "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<04"],
        today=date(2024, 1, 1),
    )
    assert mrz.valid and mrz.nationality == "D" and mrz.issuing_state == "D"
    assert mrz.nationality_name == ("Germany", "德国")
    pid = sv.residents.register(mrz.to_document(), today=date(2024, 1, 1)).id
    with st.db.read() as s:
        assert s.get(Person, pid).nationality == "D"


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "expected"),
    [
        (date(2015, 3, 1), date(2020, 3, 1), DocumentValidity.EXPIRED),
        (date(2025, 3, 1), date(2030, 3, 1), DocumentValidity.NOT_YET_VALID),
        (date(2019, 3, 1), date(2029, 3, 1), DocumentValidity.VALID),
    ],
)
def test_registration_records_the_documents_validity(sv, st, valid_from, valid_to, expected):
    permit = IdentityDocument(
        doc_type=DocumentType.HMT_PERMIT,
        number="810000199001010019",
        name="陈大文",
        sex=Sex.MALE,
        birth_date=date(1990, 1, 1),
        valid_from=valid_from,
        valid_to=valid_to,
        pass_number="H12345678",
    )
    assert permit.validity(date(2024, 6, 1)) == expected
    pid = sv.residents.register(permit, today=date(2024, 6, 1)).id
    with st.db.read() as s:
        row = s.execute(select(IdentityDocumentRow).where(IdentityDocumentRow.person_id == pid)).scalar_one()
        assert row.validity_at_registration == expected.value
        details = " ".join(
            e.details or "" for e in s.execute(select(AuditEvent).where(AuditEvent.target_id == pid)).scalars()
        )
    if expected is DocumentValidity.VALID:
        assert "expired" not in details and "not yet valid" not in details
    else:
        assert expected.value.replace("_", " ") in details
