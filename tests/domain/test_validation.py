from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Sex
from workstation.domain.validation import (
    gb11643_check_char,
    mrz_check_digit,
    validate_citizen_id,
    validate_document,
    validate_mobile,
)
from workstation.i18n import render


@pytest.mark.parametrize(
    "number",
    ["11010519491231002X", "440524188001010014", "810000199001010019", "820000199001010029", "830000199001010039"],
)
def test_spec_valid_numbers(number):
    assert validate_citizen_id(number) == []


def test_wrong_check_digit_names_the_expected_one():
    problems = validate_citizen_id("110105194912310029", source="card")
    assert len(problems) == 1
    assert "should be X" in problems[0].message


def test_bad_length_and_characters():
    (short,) = validate_citizen_id("1101051949")
    assert (short.field, short.code) == ("number", "length") and "18 characters" in short.message
    assert render(short.message, "zh_CN") == "身份证号码应为18位，此号码为10位。"
    (letter,) = validate_citizen_id("11010519491231002Y")
    assert letter.code == "characters" and "digits" in letter.message


def test_impossible_birth_date():
    n = "11010519490231" + "002"
    n += gb11643_check_char(n)
    assert any("not a real date" in m for _, _, m in validate_citizen_id(n))


def test_birth_and_sex_must_agree_with_number():
    # 17th digit 2 -> female
    assert validate_citizen_id("11010519491231002X", sex=Sex.FEMALE, birth_date=date(1949, 12, 31)) == []
    problems = validate_citizen_id("11010519491231002X", sex=Sex.MALE, birth_date=date(1950, 1, 1))
    assert {f for f, _, _ in problems} == {"birth_date", "sex"}


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_single_digit_change_is_always_detected(first17):
    number = first17 + gb11643_check_char(first17)
    for i in range(17):
        d = str((int(number[i]) + 1) % 10)
        mutated = number[:i] + d + number[i + 1 :]
        assert mutated[17] != gb11643_check_char(mutated[:17])


def test_mobile():
    assert validate_mobile("13800138000") == []
    assert validate_mobile("+86 138-0013-8000") == []
    assert validate_mobile("12800138000")
    assert validate_mobile("1380013800")
    assert validate_mobile(None) == []
    assert validate_mobile(None, required=True)


@pytest.mark.parametrize(
    ("field", "expected"),
    [("L898902C3", 6), ("740812", 2), ("120415", 9), ("ZE184226B<<<<<", 1), ("D23145890", 7)],
)
def test_mrz_check_digits(field, expected):
    assert mrz_check_digit(field) == expected


def test_required_fields_per_document_type():
    doc = IdentityDocument(doc_type=DocumentType.PASSPORT, number="E12345678", name="")
    fields = {f for f, _, _ in validate_document(doc)}
    assert {"name_latin", "birth_date", "nationality"} <= fields
    ok = IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID,
        number="11010519491231002X",
        name="张三",
        sex=Sex.FEMALE,
        birth_date=date(1949, 12, 31),
        valid_from=date(2015, 1, 1),
        long_term=True,
    )
    assert validate_document(ok) == []


def test_document_validity_range():
    doc = IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID,
        number="11010519491231002X",
        name="张三",
        sex=Sex.FEMALE,
        birth_date=date(1949, 12, 31),
        valid_from=date(2020, 1, 1),
        valid_to=date(2010, 1, 1),
    )
    assert "valid_to" in {f for f, _, _ in validate_document(doc)}


def test_hmt_permit_prefix():
    doc = IdentityDocument(
        doc_type=DocumentType.HMT_PERMIT,
        number="11010519491231002X",
        name="陈大文",
        sex=Sex.FEMALE,
        birth_date=date(1949, 12, 31),
    )
    assert any("81, 82 or 83" in m for _, _, m in validate_document(doc))
