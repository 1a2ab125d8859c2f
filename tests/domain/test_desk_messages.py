"""Messages of the registration desk's checks, as an operator reads them (issue 10 review findings):
a typed ID number with a wrong check digit, dates in the future, numbers from abroad."""

from datetime import date

import pytest

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Sex
from workstation.domain.identifiers import normalise_phone
from workstation.domain.validation import (
    validate_citizen_id,
    validate_document,
    validate_mobile,
    validate_not_after_today,
    validate_stay,
)
from workstation.i18n import render

TODAY = date(2026, 11, 30)


def _doc(number: str, source: str, **kw) -> IdentityDocument:
    return IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number=number, name="张三", sex=Sex.FEMALE,
                            birth_date=date(1949, 12, 31), source=source, **kw)


def test_a_typed_number_with_a_wrong_check_digit_is_not_valid_and_the_digit_is_not_revealed():
    (p,) = validate_document(_doc("110105194912310029", "manual"), today=TODAY)
    assert p.code == "check_digit"
    for lang in ("en", "zh_CN"):
        text = render(p.message, lang)
        assert "X" not in text and "re-read" not in text and "重新读卡" not in text, text
    assert "not a valid ID number" in render(p.message, "en")
    assert "证件" in render(p.message, "zh_CN")
    # the same for any typed number (a landlord's, a default call)
    (q,) = validate_citizen_id("110105194912310029")
    assert "X" not in render(q.message, "en")


def test_a_cards_number_with_a_wrong_check_digit_asks_to_read_it_again():
    (p,) = validate_document(_doc("110105194912310029", "card"), today=TODAY)
    assert "re-read the card" in render(p.message, "en") and "X" in render(p.message, "en")


@pytest.mark.parametrize(
    ("field", "problems"),
    [
        ("birth_date", lambda: validate_document(
            IdentityDocument(doc_type=DocumentType.PASSPORT, number="L898902C3", name="ERIKSSON ANNA",
                             name_latin="ERIKSSON ANNA", sex=Sex.FEMALE, birth_date=date(2030, 1, 1),
                             nationality="UTO", source="manual"),
            today=TODAY)),
        ("entry_date", lambda: validate_stay(visa_type="L", visa_number="AB123456", entry_date=date(2027, 1, 5),
                                             stay_until=date(2027, 2, 1), today=TODAY)),
        ("arrival_date", lambda: validate_not_after_today(date(2027, 1, 5), field_name="arrival_date", today=TODAY)),
    ],
)
def test_a_date_in_the_future_says_it_cannot_be_after_today(field, problems):
    found = [p for p in problems() if p.field == field]
    assert len(found) == 1, found
    assert found[0].code == "too_late"
    en, zh = render(found[0].message, "en"), render(found[0].message, "zh_CN")
    assert "cannot be after today (2026-11-30)" in en, en
    assert "不能晚于今天（2026-11-30）" in zh, zh
    assert "out of range" not in en and "超出" not in zh


def test_a_birth_date_in_the_id_number_after_today_says_so():
    from workstation.domain.validation import gb11643_check_char

    first = "11010520300101002"
    (p,) = validate_citizen_id(first + gb11643_check_char(first), today=TODAY)
    assert "cannot be after today (2026-11-30)" in render(p.message, "en")


@pytest.mark.parametrize("number", ["+852 6123 4567", "+85361234567", "+886 912 345 678", "+44 7700 900123",
                                    "00852 6123 4567", "+1 415 555 2671"])
def test_international_numbers_are_accepted(number):
    assert validate_mobile(number) == []


def test_the_international_prefix_00_is_stored_as_plus():
    assert normalise_phone("00852 6123 4567") == "+85261234567"
    assert normalise_phone("+86 139 1234 5678") == "13912345678"


@pytest.mark.parametrize(("number", "expected"), [
    ("+852 123", "+ and the country code"),       # too short
    ("+0852 61234567", "+ and the country code"),  # no country code starts with 0
    ("+8521234567890123", "+ and the country code"),  # more than 15 digits
    ("+86 123 4567", "mainland"),                   # +86 keeps the mainland rule
    ("12345", "mainland"),
])
def test_bad_numbers_say_which_format_is_expected(number, expected):
    (p,) = validate_mobile(number)
    en = render(p.message, "en")
    assert expected in en, en
    assert "+" in en  # both messages show how a number abroad is written
    assert render(p.message, "zh_CN") != en
