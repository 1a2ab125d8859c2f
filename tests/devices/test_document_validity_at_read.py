"""Issue 15 item 5 at read: every decoded document carries its validity on the day it was read."""

from __future__ import annotations

from datetime import date

from workstation.devices.emulation import EmulatorServer
from workstation.devices.mrz.parse import parse_mrz
from workstation.devices.sam.decode import decode_card, encode_text_block
from workstation.devices.sam.driver import DEFAULT_BAUD, SamReader
from workstation.devices.sam.emulator import SamEmulator, card_from_document
from workstation.devices.transport import Transport
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, DocumentValidity, Sex
from workstation.i18n import render

PERMIT = IdentityDocument(
    doc_type=DocumentType.HMT_PERMIT,
    number="810000199001010019",
    name="陈大文",
    sex=Sex.MALE,
    birth_date=date(1990, 1, 1),
    address="广东省深圳市福田区",
    issuer="深圳市公安局",
    valid_from=date(2015, 3, 1),
    valid_to=date(2020, 3, 1),
    pass_number="H12345678",
    issue_count=1,
)


def test_expired_permit_read_from_the_reader_is_flagged():
    device = SamEmulator()
    server = EmulatorServer(device, baudrate=DEFAULT_BAUD)
    transport = Transport(server.start_pty(), baudrate=DEFAULT_BAUD, timeout=0.02)
    try:
        device.place_card(card_from_document(PERMIT))
        card = SamReader(transport, timeout=1.0).read_card()
        assert card.ok  # decodes and validates: an expired permit is not damaged data
        assert card.validity is DocumentValidity.EXPIRED
        assert card.validity_warning is not None and "expired" in card.validity_warning
        assert "过期" in render(card.validity_warning, "zh_CN")
    finally:
        transport.close()
        server.stop()


def test_validity_is_against_the_day_of_reading():
    text = encode_text_block(PERMIT)
    assert decode_card(text, today=date(2019, 6, 1)).validity is DocumentValidity.VALID
    assert decode_card(text, today=date(2014, 6, 1)).validity is DocumentValidity.NOT_YET_VALID
    assert decode_card(text, today=date(2020, 3, 2)).validity is DocumentValidity.EXPIRED
    long_term = encode_text_block(PERMIT.with_changes(valid_to=None, long_term=True))
    assert decode_card(long_term, today=date(2090, 1, 1)).validity is DocumentValidity.VALID


def test_expired_passport_from_the_mrz_is_flagged():
    lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]
    assert parse_mrz(lines, today=date(2024, 1, 1)).validity is DocumentValidity.EXPIRED
    valid = parse_mrz(lines, today=date(2011, 1, 1))
    assert valid.validity is DocumentValidity.VALID and valid.validity_warning is None
    assert parse_mrz(lines, today=date(2024, 1, 1)).nationality_name == ("Utopia (ICAO specimen)", "乌托邦（ICAO样本）")
