"""Issue 15 items 1, 3, 4, 5 (pure domain): identifiers normalised once, CJK in every block, ICAO
nationality codes, document validity."""

from datetime import date

import pytest

from workstation.domain.countries import country_label, country_name, is_known_code, normalise_country_code
from workstation.domain.documents import IdentityDocument, document_validity
from workstation.domain.enums import DocumentType, DocumentValidity, Sex
from workstation.domain.identifiers import identifier_problems, normalise_identifier, normalise_phone
from workstation.domain.names import display_width, has_han, is_han
from workstation.domain.validation import (
    gb11643_check_char,
    normalise_mobile,
    validate_citizen_id,
    validate_document,
    validate_mobile,
)

ISSUE_NUMBER = "４４０３０５１９８５０６１２００４x"  # full-width digits, ASCII x (issue 15 item 1)
ASCII_NUMBER = "44030519850612004X"
ARABIC_INDIC = "٤٤٠٣٠٥١٩٨٥٠٦١٢٠٠٤X"


def test_issue_number_has_a_valid_check_character():
    assert gb11643_check_char(ASCII_NUMBER[:17]) == "X"


@pytest.mark.parametrize(
    "typed",
    [
        ISSUE_NUMBER,
        "４４０３０５１９８５０６１２００４Ｘ",  # all full-width, as the input method's full-width mode types it
        ARABIC_INDIC,
        "440305 19850612 004x",
        "４４０３０５\u3000１９８５０６１２００４ｘ",  # ideographic space
        "۴۴۰۳۰۵۱۹۸۵۰۶۱۲۰۰۴x",  # Extended Arabic-Indic (Persian) digits
        "४४०३०५१९८५०६१२००४x",  # Devanagari digits
    ],
)
def test_every_way_of_typing_the_number_is_the_ascii_number(typed):
    assert normalise_identifier(typed) == ASCII_NUMBER
    assert validate_citizen_id(typed) == []


def test_full_width_wrong_check_character_is_named_in_ascii():
    problems = validate_citizen_id("４４０３０５１９８５０６１２００４７", source="card")
    assert len(problems) == 1 and "should be X" in problems[0].message
    # the issue's case: typed entirely in full-width with the right check character: no "should be ７"
    assert validate_citizen_id("４４０３０５１９８５０６１２００４Ｘ") == []


@pytest.mark.parametrize(("typed", "bad"), [("4403051985061200四", "四"), ("44030519850612004é", "é")])
def test_non_ascii_left_after_normalisation_is_refused_with_a_reason(typed, bad):
    problems = validate_citizen_id(typed)
    assert len(problems) == 1
    assert f"“{bad}”" in problems[0].message and "only digits" in problems[0].message


def test_phone_normalisation():
    assert normalise_mobile("１３９ １２３４ ５６７８") == "13912345678"
    assert normalise_mobile("+86 139-1234-5678") == "13912345678"
    assert normalise_phone("００８６１３９１２３４５６７８") == "13912345678"
    assert normalise_mobile("١٣٩١٢٣٤٥٦٧٨") == "13912345678"
    assert validate_mobile("１３９１２３４５６７８") == []
    problems = validate_mobile("139一二三45678")
    assert problems and "only digits" in problems[0].message and "“一”" in problems[0].message


def test_identifier_problems_allows_named_punctuation():
    assert identifier_problems("L898902C<", field_name="number", label="x", allowed="<") == []
    assert identifier_problems("L898902C<", field_name="number", label="x") != []


def _doc(doc_type, number, **kw):
    base = dict(name="测试", sex=Sex.FEMALE, birth_date=date(1985, 6, 12))
    base.update(kw)
    return IdentityDocument(doc_type=doc_type, number=number, **base)


@pytest.mark.parametrize(
    ("field", "typed", "stored"),
    [
        ("number", ISSUE_NUMBER, ASCII_NUMBER),
        ("pass_number", "ｈ１２３４５６７８", "H12345678"),
        ("previous_number", " ｕｔｏ１２３ ", "UTO123"),
        ("nationality", "ｕｔｏ", "UTO"),
        ("nationality", "D<<", "D"),
    ],
)
def test_every_identifier_field_of_a_document_is_normalised_when_it_enters(field, typed, stored):
    kw = {field: typed}
    number = kw.pop("number", ASCII_NUMBER)
    doc = _doc(DocumentType.RESIDENT_ID, number, **kw)
    assert getattr(doc, field) == stored
    assert getattr(doc.with_changes(name="改"), field) == stored


def test_passport_and_permit_numbers_in_full_width_validate():
    passport = _doc(
        DocumentType.PASSPORT, "ｅ１２３４５６７８", name_latin="ZHANG, SAN", nationality="ｄ", issuer="D"
    )
    assert passport.number == "E12345678"
    assert validate_document(passport, today=date(2024, 1, 1)) == []
    permit = _doc(
        DocumentType.HMT_PERMIT, "８１００００１９９００１０１００１９", birth_date=date(1990, 1, 1), sex=Sex.MALE
    )
    assert permit.number == "810000199001010019"
    assert validate_document(permit, today=date(2024, 1, 1)) == []


def test_document_number_with_chinese_left_is_refused():
    doc = _doc(DocumentType.PASSPORT, "E1234五678", name_latin="ZHANG, SAN", nationality="CHN")
    problems = validate_document(doc, today=date(2024, 1, 1))
    assert ("number", "A document number may contain only digits and Latin letters; “五” is not allowed.") in [
        (p.field, p.message) for p in problems
    ]


# ---- item 3: CJK ideographs in every block -------------------------------------------------------
@pytest.mark.parametrize(
    "ch",
    [
        "张",  # basic block
        "㐀",  # Extension A U+3400
        "\U00020bb7",  # 𠮷 Extension B
        "\U0002a700",  # Extension C
        "\U0002b740",  # Extension D
        "\U0002b820",  # Extension E
        "\U0002ceb0",  # Extension F
        "\U00030000",  # Extension G
        "\U00031350",  # Extension H
        "\U0002ebf0",  # Extension I
        "\uf900",  # CJK Compatibility Ideographs
        "\U0002f800",  # Compatibility Ideographs Supplement
        "〇",
    ],
)
def test_every_cjk_block_counts_as_chinese(ch):
    assert is_han(ch) and has_han(f"a{ch}b")


@pytest.mark.parametrize(
    ("text", "width"),
    [("张三", 4), ("\U00020bb7野家", 6), ("\U00031350", 2), ("\U0002ebf0", 2), ("Anna", 4), ("ＡＢ", 4), ("é", 1)],
)
def test_display_width_counts_every_han_block_as_wide(text, width):
    assert display_width(text) == width


@pytest.mark.parametrize("ch", ["a", "1", "。", "ー", "가", "·"])
def test_non_ideographs_are_not_chinese(ch):
    assert not is_han(ch)


# ---- item 4: ICAO 9303 Part 3 codes --------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "english", "chinese"),
    [
        ("D", "Germany", "德国"),
        ("D<<", "Germany", "德国"),
        ("DEU", "Germany", "德国"),
        ("XXA", "Stateless person", "无国籍人"),
        ("XXB", "Refugee (1951 Convention)", "难民（1951年公约）"),
        ("XXC", "Refugee (other)", "难民（其他）"),
        ("XXX", "Unspecified nationality", "国籍不明"),
        ("UNO", "United Nations Organization", "联合国"),
        ("UNA", "Specialized agency of the United Nations", "联合国专门机构"),
        ("UNK", "Resident of Kosovo (UNMIK travel document)", "科索沃居民（联合国科索沃特派团旅行证件）"),
        ("GBD", "British Overseas Territories Citizen", "英国海外领土公民"),
        ("GBN", "British National (Overseas)", "英国国民（海外）"),
        ("EUE", "European Union", "欧洲联盟"),
        ("XOM", "Sovereign Military Order of Malta", "马耳他主权军事修会"),
        ("XPO", "International Criminal Police Organization (INTERPOL)", "国际刑警组织"),
        ("RKS", "Kosovo", "科索沃"),
        ("CHN", "China", "中国"),
        ("GBR", "United Kingdom", "英国"),
        ("KOR", "South Korea", "韩国"),
        ("FRA", "France", "法国"),
        ("JPN", "Japan", "日本"),
        ("USA", "United States", "美国"),
        ("UTO", "Utopia (ICAO specimen)", "乌托邦（ICAO样本）"),
    ],
)
def test_icao_codes_have_names_in_both_languages(code, english, chinese):
    assert is_known_code(code)
    assert country_name(code) == (english, chinese)


def test_code_is_stored_as_read_and_labelled():
    assert normalise_country_code("d<<") == "D"
    assert country_label("D") == "德国 (D)"
    assert country_label("D", chinese=False) == "Germany (D)"
    assert country_label("QQQ") == "QQQ"
    assert not is_known_code("QQQ")


@pytest.mark.parametrize("code", ["D", "XXA", "XXB", "XXC", "XXX", "UNO", "UNA", "UNK", "GBO", "XCC", "DEU"])
def test_passport_with_icao_code_validates(code):
    doc = IdentityDocument(
        doc_type=DocumentType.PASSPORT,
        number="C01X00T47",
        name="MUSTERMANN, ERIKA",
        name_latin="MUSTERMANN, ERIKA",
        birth_date=date(1964, 8, 12),
        nationality=code,
        issuer=code,
        source="mrz",
    )
    assert validate_document(doc, today=date(2024, 1, 1)) == []


def test_unknown_nationality_code_is_refused_with_examples():
    doc = IdentityDocument(
        doc_type=DocumentType.PASSPORT, number="C01X00T47", name="X", name_latin="X", birth_date=date(1964, 8, 12),
        nationality="QQQ",
    )
    problems = validate_document(doc, today=date(2024, 1, 1))
    assert [f for f, _, _ in problems] == ["nationality"] and "ICAO 9303" in problems[0].message


# ---- item 5: validity ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("valid_from", "valid_to", "long_term", "expected"),
    [
        (date(2015, 1, 1), date(2025, 1, 1), False, DocumentValidity.VALID),
        (date(2015, 1, 1), date(2024, 6, 1), False, DocumentValidity.VALID),  # the end date is the last valid day
        (date(2015, 1, 1), date(2024, 5, 31), False, DocumentValidity.EXPIRED),
        (date(2024, 6, 2), date(2034, 6, 2), False, DocumentValidity.NOT_YET_VALID),
        (date(2004, 1, 1), None, True, DocumentValidity.VALID),
        (None, date(2020, 1, 1), False, DocumentValidity.EXPIRED),
        (None, None, False, DocumentValidity.UNKNOWN),
    ],
)
def test_document_validity(valid_from, valid_to, long_term, expected):
    assert document_validity(valid_from, valid_to, long_term=long_term, today=date(2024, 6, 1)) == expected


def test_expired_permit_is_flagged_not_refused():
    permit = _doc(
        DocumentType.HMT_PERMIT,
        "810000199001010019",
        birth_date=date(1990, 1, 1),
        sex=Sex.MALE,
        valid_from=date(2015, 3, 1),
        valid_to=date(2020, 3, 1),
    )
    assert validate_document(permit, today=date(2024, 1, 1)) == []
    assert permit.validity(date(2024, 1, 1)) == DocumentValidity.EXPIRED


# ---- MRZ text typed by hand: the same normalisation --------------------------------------------------
def test_mrz_typed_in_full_width_parses_as_the_ascii_mrz():
    from workstation.devices.mrz.parse import parse_mrz

    ascii_lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    full_width = ["".join(chr(ord(c) + 0xFEE0) for c in line) for line in ascii_lines]  # ＰＬ…＜
    typed = parse_mrz(full_width, today=date(2024, 1, 1))
    assert typed.valid and typed.document_number == "L898902C3" and typed.nationality == "UTO"
    assert typed.lines == parse_mrz(ascii_lines, today=date(2024, 1, 1)).lines


def test_mrz_check_digit_takes_only_ascii_digits():
    from workstation.domain.validation import mrz_check_digit

    with pytest.raises(ValueError):
        mrz_check_digit("L898902C٣")
    assert mrz_check_digit("L898902C3") == 6
