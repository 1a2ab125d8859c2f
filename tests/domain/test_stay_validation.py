"""A foreign guest's stay (visa or permit type and number, date of entry, intended stay): the checks the
residents service and the desk's form share (`validate_stay`)."""

from datetime import date

import pytest

from workstation.domain.enums import VisaType
from workstation.domain.validation import parse_visa_type, validate_stay
from workstation.i18n import render

TODAY = date(2026, 11, 30)
BORN = date(1990, 5, 17)


def _codes(**kw):
    args = {"visa_type": "L", "visa_number": "E12345678", "entry_date": date(2026, 11, 1),
            "stay_until": date(2026, 12, 20), "birth_date": BORN, "today": TODAY}
    args.update(kw)
    return {(p.field, p.code) for p in validate_stay(**args)}


def test_a_complete_stay_is_valid():
    assert _codes() == set()
    assert _codes(required=True) == set()


@pytest.mark.parametrize("typed, kind", [
    ("L", VisaType.L), ("q1", VisaType.Q1), (" Z ", VisaType.Z), ("Ｘ２", VisaType.X2),
    ("residence_permit", VisaType.RESIDENCE_PERMIT), ("STAY_PERMIT", VisaType.STAY_PERMIT),
    (VisaType.VISA_FREE, VisaType.VISA_FREE), ("", None), (None, None),
])
def test_visa_types_are_read_from_their_value_or_name(typed, kind):
    assert parse_visa_type(typed) is kind


def test_an_unknown_visa_type_is_refused_with_examples():
    problems = validate_stay(visa_type="K", visa_number="E12345678", entry_date=None, stay_until=None)
    assert [(p.field, p.code) for p in problems] == [("visa_type", "unknown_type")]
    assert "“K”" in render(problems[0].message, "en") and "Q1" in render(problems[0].message, "en")
    with pytest.raises(ValueError):
        parse_visa_type("K")


def test_entry_is_not_in_the_future_nor_before_birth():
    assert _codes(entry_date=date(2026, 12, 1), stay_until=None) == {("entry_date", "too_late")}
    assert _codes(entry_date=date(1989, 1, 1)) == {("entry_date", "before_birth")}
    message = validate_stay(visa_type=None, visa_number=None, entry_date=date(1989, 1, 1), stay_until=None,
                            birth_date=BORN, today=TODAY)[0].message
    assert render(message, "en") == "The date of entry 1989-01-01 is before the date of birth (1990-05-17)."
    assert _codes(entry_date=TODAY) == set()  # arrived today


def test_the_stay_does_not_end_before_the_entry():
    assert _codes(stay_until=date(2026, 10, 31)) == {("stay_until", "ends_before_start")}
    assert _codes(stay_until=date(2026, 11, 1)) == set()  # a day's stay
    assert _codes(entry_date=None, stay_until=date(2026, 10, 31)) == set()  # no entry to compare with


def test_numbers_are_ascii_letters_and_digits_and_visa_free_has_none():
    assert _codes(visa_number="E-1234") == {("visa_number", "characters")}
    assert _codes(visa_number="E12") == {("visa_number", "format")}
    assert _codes(visa_number="ｅ１２３４５６７８") == set()  # full-width, normalised
    assert _codes(visa_type="visa_free", visa_number="E12345678") == {("visa_number", "not_numbered")}
    assert _codes(visa_type="visa_free", visa_number=None, required=True) == set()
    assert _codes(visa_type=None, visa_number="E12345678") == {("visa_type", "required")}


def test_required_at_the_desk_optional_in_the_store():
    empty = {"visa_type": None, "visa_number": None, "entry_date": None, "stay_until": None}
    assert _codes(**empty) == set()
    assert _codes(**empty, required=True) == {
        ("visa_type", "required"), ("entry_date", "required"), ("stay_until", "required")
    }
    assert _codes(visa_number=None, required=True) == {("visa_number", "required")}
    message = validate_stay(**empty, required=True)[0].message
    assert render(message, "en") == "The visa or permit type is required for a foreign national's registration."
    assert "签证" in render(message, "zh_CN")
