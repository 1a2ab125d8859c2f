"""Text/fingerprint/photo decoding for all four layouts; the ethnicity boundary."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from workstation.devices.sam import decode as dec
from workstation.devices.sam.emulator import card_from_document, load_card_scenario
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, FingerPosition, Sex

CARDS = Path(__file__).resolve().parents[3] / "resources" / "scenarios" / "cards"


def u(s: str) -> bytes:
    return s.encode("utf-16-le")


def test_spec_synthetic_block_by_hand() -> None:
    """Spec 6.2: name 张三 = 20 5F 09 4E, sex 2, nation 01, born 19491231, ID at offset 122."""
    block = bytearray(u(" ") * 128)
    block[0:4] = bytes.fromhex("20 5F 09 4E")
    block[30:32] = u("2")
    block[32:36] = u("01")
    block[36:52] = u("19491231")
    block[122:158] = u("11010519491231002X")
    doc, problems = dec.decode_text_block(bytes(block))
    assert problems == []
    assert doc.doc_type == DocumentType.RESIDENT_ID
    assert (doc.name, doc.sex, doc.birth_date, doc.number) == (
        "张三",
        Sex.FEMALE,
        date(1949, 12, 31),
        "11010519491231002X",
    )
    assert doc.source == "card" and doc.valid_to is None and not doc.long_term


def test_encoder_writes_spec_offsets() -> None:
    doc = IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID,
        number="11010519491231002X",
        name="张三",
        sex=Sex.FEMALE,
        birth_date=date(1949, 12, 31),
    )
    block = dec.encode_text_block(doc, ethnicity="01")
    assert len(block) == 256
    assert block[0:8] == bytes.fromhex("20 5F 09 4E 20 00 20 00")
    assert block[30:32] == u("2") and block[32:36] == u("01") and block[36:52] == u("19491231")
    assert block[122:158] == u("11010519491231002X")
    assert block[248:250] == u(" ")


@pytest.mark.parametrize("path", sorted(CARDS.glob("*.json")), ids=lambda p: p.stem)
def test_scenarios_decode_valid_and_round_trip(path: Path) -> None:
    card = load_card_scenario(path)
    read = dec.decode_card(card.text, card.photo, card.fingerprint)
    assert read.problems == [], read.problems
    doc = read.document
    assert doc.source == "card" and doc.photo == card.photo
    again = dec.encode_text_block(doc)
    if doc.doc_type == DocumentType.RESIDENT_ID:  # the ethnicity is dropped, so only that field differs
        assert again[:32] == card.text[:32] and again[36:] == card.text[36:]
    elif doc.doc_type == DocumentType.FOREIGNER_PR_2017:
        assert again[:236] == card.text[:236] and again[248:] == card.text[248:]
    else:
        assert again == card.text


def test_each_layout_fields() -> None:
    by_type = {load_card_scenario(p).text[248:250]: p for p in CARDS.glob("*.json")}
    assert set(by_type) == {u(" "), u("J"), u("I"), u("Y")}
    docs = {t: dec.decode_text_block(load_card_scenario(p).text)[0] for t, p in by_type.items()}
    r = docs[u(" ")]
    assert r.doc_type == DocumentType.RESIDENT_ID and r.long_term and r.valid_to is None
    assert r.address is not None and r.address.endswith("401室") and r.issuer == "北京市公安局朝阳分局"
    j = docs[u("J")]
    assert (j.doc_type, j.number, j.pass_number, j.issue_count) == (
        DocumentType.HMT_PERMIT,
        "810000199001010019",
        "H00000001",
        1,
    )
    assert j.valid_to == date(2030, 3, 1)
    i = docs[u("I")]
    assert (i.doc_type, i.number, i.nationality, i.name_latin, i.name) == (
        DocumentType.FOREIGNER_PR_2017,
        "UTO110085031201",
        "UTO",
        "SPECIMEN, ANNA MARIA",
        "安娜",
    )
    assert i.birth_date == date(1985, 3, 12) and i.sex == Sex.FEMALE
    y = docs[u("Y")]
    assert y.doc_type == DocumentType.FOREIGNER_PR_2023
    # the English name spans the 35-char field at 52 and the 11-char field at 220; the split falls on a space
    assert y.name_latin == "SPECIMEN, JOHN ALEXANDER MAXIMILIAN BART"
    assert (y.nationality, y.issue_count, y.name) == ("UTO", 0, "测试约翰")


def test_trailing_spaces_only_are_stripped() -> None:
    doc = IdentityDocument(
        doc_type=DocumentType.FOREIGNER_PR_2017,
        number="UTO110085031201",
        name="",
        name_latin="VAN DER  BERG, JAN",
        nationality="UTO",
        birth_date=date(1985, 3, 12),
        sex=Sex.MALE,
    )
    got, _ = dec.decode_text_block(dec.encode_text_block(doc))
    assert got.name_latin == "VAN DER  BERG, JAN" and got.name == "VAN DER  BERG, JAN"


def test_ethnicity_never_reaches_the_result() -> None:
    doc = IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID,
        number="440524188001010014",
        name="李四",
        sex=Sex.MALE,
        birth_date=date(1880, 1, 1),
        address="广东省测试县",
        issuer="测试县公安局",
        valid_from=date(2010, 1, 1),
        valid_to=date(2030, 1, 1),
    )
    code = "37"
    card = card_from_document(doc, ethnicity=code, fingerprints=[(11, 90)])
    assert u(code) in card.text  # it is on the wire …
    read = dec.decode_card(card.text, card.photo, card.fingerprint)
    assert read.problems == []

    def walk(obj: object) -> list[object]:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            return [v for f in dataclasses.fields(obj) for v in walk(getattr(obj, f.name))]
        if isinstance(obj, (list, tuple)):
            return [v for x in obj for v in walk(x)]
        return [obj]

    names = {f.name.lower() for f in dataclasses.fields(read.document)} | {f.name for f in dataclasses.fields(read)}
    assert not any(w in n for n in names for w in ("ethnic", "nation_code", "minzu", "nation_group"))
    for value in walk(read):
        if isinstance(value, str):
            assert code not in value and "汉" not in value, value
    assert read.document.nationality is None
    # … and changing only the ethnicity code changes nothing in the result
    other = dec.decode_card(card_from_document(doc, ethnicity="01").text, card.photo, card.fingerprint)
    assert other == read


def test_invalid_number_is_reported_not_raised() -> None:
    doc = IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID,
        number="110105194912310029",
        name="张三",
        sex=Sex.FEMALE,
        birth_date=date(1949, 12, 31),
    )
    read = dec.decode_card(dec.encode_text_block(doc))
    assert read.document.number == "110105194912310029"
    assert not read.ok and any(f == "number" and "check digit" in m for f, _, m in read.problems)


def test_bad_date_is_a_problem() -> None:
    block = bytearray(
        dec.encode_text_block(
            IdentityDocument(
                doc_type=DocumentType.RESIDENT_ID,
                number="11010519491231002X",
                name="张三",
                sex=Sex.FEMALE,
                birth_date=date(1949, 12, 31),
            )
        )
    )
    block[188:204] = u("20151399")
    read = dec.decode_card(bytes(block))
    assert read.document.valid_from is None and ("valid_from" in [f for f, _, _ in read.problems])


def test_fingerprints_map_chinese_codes_to_iso() -> None:
    block = dec.encode_fingerprint_record(16, quality=55) + dec.encode_fingerprint_record(
        97, quality=0, registered=False
    )
    fps = dec.decode_fingerprints(block)
    assert [(f.position, f.chinese_code, f.quality, f.registered) for f in fps] == [
        (FingerPosition.LEFT_THUMB, 16, 55, True),
        (FingerPosition.UNKNOWN, 97, 0, False),
    ]
    assert fps[0].features == block[:512]
    assert dec.decode_fingerprints(bytes(1024)) == ()
    assert dec.decode_fingerprints(b"") == ()


def test_photo_hook() -> None:
    assert not dec.photo_decoder_available()
    assert dec.decode_photo(b"\x01" * 1024) is None
    assert "not installed" in dec.PHOTO_DECODER_MISSING and "WLT" in dec.PHOTO_DECODER_MISSING
    try:
        dec.register_photo_decoder(lambda blob: b"BM" + blob[:4])
        assert dec.decode_photo(b"\x01\x02\x03\x04\x05") == b"BM\x01\x02\x03\x04"
    finally:
        dec.register_photo_decoder(None)
    assert dec.decode_photo(b"\x01") is None
