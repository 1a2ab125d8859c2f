"""Spec 6.3 MRZ vectors: every field and every check digit; normalisation, overflow, centuries, bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.devices.errors import ProtocolError
from workstation.devices.mrz.parse import (
    MRVA,
    MRVB,
    TD1,
    TD2,
    TD3,
    MrzFormatError,
    MrzResult,
    birth_date_from,
    expiry_date_from,
    parse_mrz,
)
from workstation.domain.enums import DocumentType, Sex
from workstation.domain.validation import mrz_check_digit

TODAY = date(2026, 11, 24)
SCENARIOS = Path(__file__).resolve().parents[3] / "resources" / "scenarios" / "mrz"
NAME44 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"


def pos(line: str, first: int, last: int) -> str:
    """Characters first..last, 1-based inclusive, as the spec writes positions."""
    return line[first - 1 : last]


# name → (lines, expected fields, expected check digits as the spec states them)
VECTORS: dict[str, tuple[list[str], dict[str, Any], dict[str, str]]] = {
    "td3_specimen": (
        [NAME44, "L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
        dict(
            format=TD3,
            document_code="P",
            issuing_state="UTO",
            surname="ERIKSSON",
            given_names="ANNA MARIA",
            document_number="L898902C3",
            nationality="UTO",
            birth_date=date(1974, 8, 12),
            sex=Sex.FEMALE,
            expiry_date=date(2012, 4, 15),
            optional_data="ZE184226B",
        ),
        dict(document_number="6", birth_date="2", expiry_date="9", personal_number="1", composite="0"),
    ),
    "td3_old_specimen": (
        [NAME44, "L898902C<3UTO6908061F9406236ZE184226B<<<<<14"],
        dict(
            format=TD3,
            document_number="L898902C",
            birth_date=date(1969, 8, 6),
            expiry_date=date(1994, 6, 23),
            optional_data="ZE184226B",
            sex=Sex.FEMALE,
        ),
        dict(document_number="3", birth_date="1", expiry_date="6", personal_number="1", composite="4"),
    ),
    "td2_specimen": (
        ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"],
        dict(
            format=TD2,
            document_code="I",
            issuing_state="UTO",
            surname="ERIKSSON",
            given_names="ANNA MARIA",
            document_number="D23145890",
            nationality="UTO",
            birth_date=date(1974, 8, 12),
            expiry_date=date(2012, 4, 15),
            optional_data="",
        ),
        dict(document_number="7", birth_date="2", expiry_date="9", composite="6"),
    ),
    "td1_specimen": (
        ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"],
        dict(
            format=TD1,
            document_code="I",
            issuing_state="UTO",
            surname="ERIKSSON",
            given_names="ANNA MARIA",
            document_number="D23145890",
            nationality="UTO",
            birth_date=date(1974, 8, 12),
            sex=Sex.FEMALE,
            expiry_date=date(2012, 4, 15),
            optional_data="",
            optional_data_2="",
        ),
        dict(document_number="7", birth_date="2", expiry_date="9", composite="6"),
    ),
    "td1_spain": (
        ["IDESPBAA000589599999999R<<<<<<", "8001014F2501017ESP<<<<<<<<<<<7", "ESPANOLA<ESPANOLA<<CARMEN<<<<<"],
        dict(
            format=TD1,
            document_code="ID",
            issuing_state="ESP",
            surname="ESPANOLA ESPANOLA",
            given_names="CARMEN",
            document_number="BAA000589",
            nationality="ESP",
            birth_date=date(1980, 1, 1),
            expiry_date=date(2025, 1, 1),
            optional_data="99999999R",
        ),
        dict(document_number="5", birth_date="4", expiry_date="7", composite="7"),
    ),
    "td3_canada_short_number": (
        ["P<CANMARTIN<<SARAH<<<<<<<<<<<<<<<<<<<<<<<<<<", "ZE000509<9CAN8501019F2301147<<<<<<<<<<<<<<08"],
        dict(
            format=TD3,
            issuing_state="CAN",
            surname="MARTIN",
            given_names="SARAH",
            document_number="ZE000509",
            nationality="CAN",
            birth_date=date(1985, 1, 1),
            expiry_date=date(2023, 1, 14),
            optional_data="",
        ),
        dict(document_number="9", birth_date="9", expiry_date="7", personal_number="0", composite="8"),
    ),
    "mrva_specimen": (
        ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"],
        dict(
            format=MRVA,
            document_code="V",
            issuing_state="UTO",
            document_number="L8988901C",
            nationality="XXX",
            birth_date=date(1940, 9, 7),
            expiry_date=date(1996, 12, 10),
            optional_data="6ZE184226B",
        ),
        dict(document_number="4", birth_date="8", expiry_date="9"),
    ),
    "mrvb_specimen": (
        ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"],
        dict(
            format=MRVB,
            document_code="V",
            document_number="L8988901C",
            nationality="XXX",
            birth_date=date(1940, 9, 7),
            expiry_date=date(1996, 12, 10),
            optional_data="",
        ),
        dict(document_number="4", birth_date="8", expiry_date="9"),
    ),
    "mrva_honeywell": (
        ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C<3UTO6908061F9406236ZE184226B<<<<<<<"],
        dict(format=MRVA, document_number="L898902C", optional_data="ZE184226B", birth_date=date(1969, 8, 6)),
        dict(document_number="3", birth_date="1", expiry_date="6"),
    ),
    "mrvb_honeywell": (
        ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L898902C<3UTO6908061F9406236ZE184226"],
        dict(format=MRVB, document_number="L898902C", optional_data="ZE184226", expiry_date=date(1994, 6, 23)),
        dict(document_number="3", birth_date="1", expiry_date="6"),
    ),
}

# composite check data by the spec's 1-based position definitions (independent of the parser)
COMPOSITE_DATA = {
    TD3: lambda ls: pos(ls[1], 1, 10) + pos(ls[1], 14, 20) + pos(ls[1], 22, 43),
    TD2: lambda ls: pos(ls[1], 1, 10) + pos(ls[1], 14, 20) + pos(ls[1], 22, 35),
    TD1: lambda ls: pos(ls[0], 6, 30) + pos(ls[1], 1, 7) + pos(ls[1], 9, 15) + pos(ls[1], 19, 29),
}


@pytest.mark.parametrize("name", list(VECTORS))
def test_spec_vector_fields_and_every_check_digit(name: str) -> None:
    lines, fields, digits = VECTORS[name]
    r = parse_mrz(lines, today=TODAY)
    for key, want in fields.items():
        assert getattr(r, key) == want, key
    assert r.lines == tuple(lines)
    assert [c.field for c in r.check_digits] == list(digits)  # exactly the check digits the layout has
    for c in r.check_digits:
        assert c.given == digits[c.field], c.field
        assert str(c.computed) == c.given and c.ok, c.field
    assert r.valid and r.failed_fields == () and r.problems == ()
    if r.format in COMPOSITE_DATA:
        composite = next(c for c in r.check_digits if c.field == "composite")
        assert composite.data == COMPOSITE_DATA[r.format](lines)
    else:
        assert "composite" not in r.checks  # MRV has no composite


@pytest.mark.parametrize("name", list(VECTORS))
def test_scenario_files_hold_the_spec_vectors(name: str) -> None:
    spec = json.loads((SCENARIOS / f"{name}.json").read_text(encoding="utf-8"))
    assert spec["lines"] == VECTORS[name][0] and spec["label"]


def test_to_document() -> None:
    doc = parse_mrz(VECTORS["td3_specimen"][0], today=TODAY).to_document()
    assert doc.doc_type == DocumentType.PASSPORT and doc.source == "mrz"
    assert doc.number == "L898902C3" and doc.name_latin == "ERIKSSON, ANNA MARIA" == doc.name
    assert (doc.nationality, doc.issuer, doc.sex) == ("UTO", "UTO", Sex.FEMALE)
    assert (doc.birth_date, doc.valid_to) == (date(1974, 8, 12), date(2012, 4, 15))
    assert doc.mrz_checks == {
        "document_number": True,
        "birth_date": True,
        "expiry_date": True,
        "personal_number": True,
        "composite": True,
    }
    for name in ("td1_specimen", "td2_specimen", "mrva_specimen", "mrvb_specimen", "td1_spain"):
        r = parse_mrz(VECTORS[name][0], today=TODAY)
        d = r.to_document()
        assert d.doc_type == DocumentType.OTHER and r.document_code in ("I", "ID", "V")
        assert d.mrz_checks == r.checks and all(d.mrz_checks.values())


def test_wrong_check_digit_names_the_failing_fields() -> None:
    spec = json.loads((SCENARIOS / "td3_bad_check_digit.json").read_text(encoding="utf-8"))
    r = parse_mrz(spec["lines"], today=TODAY)
    assert not r.valid
    assert r.failed_fields == ("birth_date", "composite")  # the DOB digit is also inside the composite
    bad = next(c for c in r.check_digits if c.field == "birth_date")
    assert (bad.data, bad.given, bad.computed) == ("740812", "3", 2)
    assert r.document_number == "L898902C3" and r.birth_date == date(1974, 8, 12)  # fields still there
    assert r.to_document().mrz_checks == {
        "document_number": True,
        "birth_date": False,
        "expiry_date": True,
        "personal_number": True,
        "composite": False,
    }


def test_reader_padding_case_spaces_and_empty_top_line() -> None:
    lines = VECTORS["td2_specimen"][0]
    messy = ["", lines[0].lower() + "________", " " + lines[1] + "  \r\n"]
    assert parse_mrz(messy, today=TODAY).lines == tuple(lines)
    assert parse_mrz("\r\n".join(messy), today=TODAY).lines == tuple(lines)


def test_reader_that_drops_trailing_fillers() -> None:
    lines = VECTORS["td1_specimen"][0]
    r = parse_mrz([x.rstrip("<") for x in lines], today=TODAY)
    assert r.lines == tuple(lines) and r.valid
    assert len(r.problems) == 2 and all("padded" in p for p in r.problems)  # line 2 ends in a digit


def _td1_with(number: str, optional1: str = "") -> list[str]:
    """A TD1 with check digits computed by the spec rules (overflow when the number is longer than 9)."""
    if len(number) <= 9:
        l1 = f"I<UTO{number.ljust(9, '<')}{mrz_check_digit(number.ljust(9, '<'))}{optional1}".ljust(30, "<")
    else:
        l1 = f"I<UTO{number[:9]}<{number[9:]}{mrz_check_digit(number)}<{optional1}".ljust(30, "<")
    l2 = "7408122F1204159UTO<<<<<<<<<<<"
    composite = mrz_check_digit(pos(l1, 6, 30) + pos(l2, 1, 7) + pos(l2, 9, 15) + pos(l2, 19, 29))
    return [l1, l2 + str(composite), "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]


def test_td1_document_number_overflow() -> None:
    lines = _td1_with("D231458901234", "ABC")
    assert lines[0][14] == "<"
    r = parse_mrz(lines, today=TODAY)
    assert r.document_number == "D231458901234"
    number = next(c for c in r.check_digits if c.field == "document_number")
    assert number.data == "D231458901234" and number.ok
    assert r.optional_data == "ABC" and r.valid
    # a damaged overflow character is caught by the number's own check digit
    damaged = [lines[0].replace("<1234", "<1235"), *lines[1:]]
    assert damaged[0] != lines[0]
    assert "document_number" in parse_mrz(damaged, today=TODAY).failed_fields


def test_short_number_with_filler_is_not_overflow() -> None:
    r = parse_mrz(_td1_with("AB12345", "XYZ"), today=TODAY)
    assert r.document_number == "AB12345" and r.optional_data == "XYZ" and r.valid


@pytest.mark.parametrize(
    ("raw", "today", "want"),
    [
        ("250101", date(2026, 11, 24), date(2025, 1, 1)),
        ("250101", date(2024, 6, 1), date(1925, 1, 1)),
        ("261231", date(2026, 11, 24), date(1926, 12, 31)),  # same YY but later in the year: not born yet
        ("261124", date(2026, 11, 24), date(2026, 11, 24)),
        ("740812", date(2026, 11, 24), date(1974, 8, 12)),
        ("000229", date(2026, 11, 24), date(2000, 2, 29)),
        ("050101", date(2101, 1, 1), date(2005, 1, 1)),
        ("7408<<", date(2026, 11, 24), None),
        ("741332", date(2026, 11, 24), None),
    ],
)
def test_birth_date_century(raw: str, today: date, want: date | None) -> None:
    assert birth_date_from(raw, today) == want
    if want is not None:
        assert want <= today


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("120415", date(2012, 4, 15)),
        ("940623", date(1994, 6, 23)),
        ("350101", date(2035, 1, 1)),
        ("751231", date(2075, 12, 31)),
        ("770101", date(1977, 1, 1)),
        ("<<<<<<", None),
    ],
)
def test_expiry_window(raw: str, want: date | None) -> None:
    assert expiry_date_from(raw, TODAY) == want


def test_unknown_day_still_checked() -> None:
    l2 = "D23145890" + "7" + "UTO" + "7408<<" + str(mrz_check_digit("7408<<")) + "F1204159<<<<<<<"
    l2 += str(mrz_check_digit(pos(l2, 1, 10) + pos(l2, 14, 20) + pos(l2, 22, 35)))
    r = parse_mrz(["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", l2], today=TODAY)
    assert r.valid and r.birth_date is None and r.birth_date_raw == "7408<<"
    assert any("birth" in p for p in r.problems)


@pytest.mark.parametrize(
    ("code", "sex"), [("M", Sex.MALE), ("F", Sex.FEMALE), ("X", Sex.UNSPECIFIED), ("<", Sex.UNSPECIFIED)]
)
def test_sex_codes(code: str, sex: Sex) -> None:
    lines = list(VECTORS["td2_specimen"][0])
    lines[1] = lines[1][:20] + code + lines[1][21:]
    assert parse_mrz(lines, today=TODAY).sex == sex  # the sex is outside every check digit


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "got 0 line"),
        (["P<UTO"], "got 1 line"),
        ([NAME44, "L898902C36UTO7408122F1204159ZE184226B<<<<<10", NAME44], "3 lines"),
        ([NAME44 + "<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"], "45"),
        ([NAME44, "L898902C36UTO7408122F12041-9ZE184226B<<<<<10"], "'-'"),
        ([NAME44, "L898902C36UTO7408122F1204159ZE184226B<<<<<10".replace("Z", "Ü")], "line 2 at position 29"),
    ],
)
def test_bad_input_is_a_format_error(lines: list[str], message: str) -> None:
    with pytest.raises(MrzFormatError, match=message) as info:
        parse_mrz(lines, today=TODAY)
    assert isinstance(info.value, ProtocolError)


MRZ_ALPHABET = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<_ \r\n")


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=140),
        st.lists(st.text(MRZ_ALPHABET, max_size=50), max_size=4),
        st.lists(st.text(max_size=46), max_size=4),
    )
)
def test_random_text_raises_only_format_error(text: str | list[str]) -> None:
    try:
        r = parse_mrz(text, today=TODAY)
    except MrzFormatError:
        return
    assert isinstance(r, MrzResult) and r.format in (TD1, TD2, TD3, MRVA, MRVB)
    assert set(r.checks) >= {"document_number", "birth_date", "expiry_date"}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(VECTORS)), st.data())
def test_mutated_vectors_raise_only_format_error(name: str, data: st.DataObject) -> None:
    lines = list(VECTORS[name][0])
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        j = data.draw(st.integers(0, len(lines[i])))
        ch = data.draw(st.one_of(st.characters(), MRZ_ALPHABET))
        op = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        line = lines[i]
        lines[i] = (
            line[:j] + ch + line[j + 1 :]
            if op == "replace"
            else line[:j] + ch + line[j:]
            if op == "insert"
            else line[:j] + line[j + 1 :]
        )
    try:
        r = parse_mrz(lines, today=TODAY)
    except MrzFormatError:
        return
    assert r.to_document().mrz_checks == r.checks


def test_ocr_confusions_repaired_only_where_the_check_digit_confirms() -> None:
    lines = VECTORS["td3_specimen"][0]
    misread = [lines[0], lines[1].replace("7408122", "74O8I22").replace("1204159", "12O4IS9")]
    r = parse_mrz(misread, today=TODAY)
    assert r.valid and r.lines == tuple(lines)
    assert (r.birth_date, r.expiry_date) == (date(1974, 8, 12), date(2012, 4, 15))
    assert [p.split(":")[0] for p in r.problems] == ["date of birth", "date of expiry"]
    assert "74O8I22" in r.problems[0] and "7408122" in r.problems[0]
    # check-digit positions: the document number's 6 misread as B is not a confusion pair, 0 as O is
    td1 = VECTORS["td1_spain"][0]
    r = parse_mrz([td1[0], td1[1][:-1] + "Z", td1[2]], today=TODAY)  # composite 7 misread as Z (→ 2): no match
    assert r.failed_fields == ("composite",) and r.lines[1].endswith("Z")
    canada = VECTORS["td3_canada_short_number"][0]
    r = parse_mrz([canada[0], canada[1][:42] + "O8"], today=TODAY)  # empty personal number check 0 read as O
    assert r.valid and r.lines[1] == canada[1] and "personal number" in r.problems[0]


def test_ocr_repair_never_touches_alphanumeric_fields() -> None:
    lines = VECTORS["td3_specimen"][0]
    r = parse_mrz([lines[0], lines[1].replace("L898902C3", "L898902CS")], today=TODAY)
    assert r.document_number == "L898902CS" and "document_number" in r.failed_fields
    # a date misread that does not satisfy its check digit stays as read, and the field fails
    r = parse_mrz([lines[0], lines[1].replace("7408122", "74O8132")], today=TODAY)
    assert r.birth_date_raw == "74O813" and r.birth_date is None and "birth_date" in r.failed_fields
