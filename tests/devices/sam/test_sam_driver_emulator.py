"""SamReader against SamEmulator over a real pty and over socket:// (EmulatorServer)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from workstation.devices.emulation import EmulatedDevice, EmulatorServer, Faults
from workstation.devices.errors import DeviceDisconnected, DeviceError, DeviceTimeout
from workstation.devices.sam import framer as fr
from workstation.devices.sam.decode import CardRead
from workstation.devices.sam.driver import (
    DEFAULT_BAUD,
    PROTOCOL,
    BadReply,
    CardPoller,
    NoCard,
    SamReader,
    SamStatusError,
    probe,
)
from workstation.devices.sam.emulator import SamCard, SamEmulator, load_card_scenario
from workstation.devices.transport import PortWorker, Transport
from workstation.domain.enums import DocumentType, FingerPosition
from workstation.i18n import render

CARDS = Path(__file__).resolve().parents[3] / "resources" / "scenarios" / "cards"
SCENARIOS = {p.stem: p for p in sorted(CARDS.glob("*.json"))}
EXPECTED_TYPE = {
    "resident_id": DocumentType.RESIDENT_ID,
    "hmt_permit": DocumentType.HMT_PERMIT,
    "foreigner_2017": DocumentType.FOREIGNER_PR_2017,
    "foreigner_2023": DocumentType.FOREIGNER_PR_2023,
}


class Rig:
    def __init__(self, link: str, faults: Faults | None = None) -> None:
        self.emu = SamEmulator()
        self.server = EmulatorServer(self.emu, baudrate=DEFAULT_BAUD, faults=faults)
        self.link = link
        self.url = self.server.start_pty() if link == "pty" else self.server.start_tcp()
        self.transport = Transport(self.url, baudrate=DEFAULT_BAUD, timeout=0.02)
        self.reader = SamReader(self.transport, timeout=1.0, read_timeout=2.0)

    def reopen(self) -> None:
        self.transport.close()
        self.transport = Transport(self.url, baudrate=DEFAULT_BAUD, timeout=0.02)
        self.reader = SamReader(self.transport, timeout=1.0, read_timeout=2.0)

    def close(self) -> None:
        self.transport.close()
        self.server.stop()


@pytest.fixture(params=["pty", "tcp"])
def rig(request: pytest.FixtureRequest) -> Iterator[Rig]:
    r = Rig(request.param)
    yield r
    r.close()


def test_constants() -> None:
    assert PROTOCOL == "sam" and DEFAULT_BAUD == 115200


def test_reset_status_sam_id_and_probe(rig: Rig) -> None:
    rig.reader.reset()
    rig.reader.status()
    assert rig.reader.sam_id() == "05.01-20101226-0052101829-3031401011"
    rig.reader.set_max_rf_bytes(0x50)
    assert probe(rig.transport)
    assert rig.emu.commands_seen[:4] == [fr.CMD_RESET, fr.CMD_STATUS, fr.CMD_SAM_ID, fr.CMD_SET_MAX_RF]


@pytest.mark.parametrize("with_fp", [False, True], ids=["30-01", "30-10"])
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_read_every_layout(rig: Rig, scenario: str, with_fp: bool) -> None:
    card = load_card_scenario(SCENARIOS[scenario])
    rig.emu.place_card(card)
    read = rig.reader.read_card(with_fingerprint=with_fp)
    assert read.problems == []
    assert read.document.doc_type == EXPECTED_TYPE[scenario]
    assert read.document.photo == card.photo and len(card.photo) == 1024
    assert rig.emu.commands_seen[-1] == (fr.CMD_READ_ALL if with_fp else fr.CMD_READ_BASE)
    if with_fp and card.fingerprint:
        assert read.raw_fingerprint_len == 1024
        assert [f.position for f in read.document.fingerprints] == [
            FingerPosition.RIGHT_INDEX,
            FingerPosition.LEFT_INDEX,
        ]
    else:
        assert read.raw_fingerprint_len == 0 and read.document.fingerprints == ()


def test_no_card(rig: Rig) -> None:
    assert rig.reader.find_card() is False
    with pytest.raises(NoCard) as info:
        rig.reader.read_card()
    assert "No card" in info.value.message and "身份证" in info.value.message_zh


def test_read_failure_then_success(rig: Rig) -> None:
    rig.emu.place_card(load_card_scenario(SCENARIOS["resident_id"]))
    rig.emu.set_failure("read", fr.SW_READ_FAILED, times=1)
    with pytest.raises(SamStatusError) as info:
        rig.reader.read_card()
    assert info.value.code == 0x41 and "Reading the card failed" in info.value.message
    rig.emu.remove_card()
    rig.emu.place_card(load_card_scenario(SCENARIOS["resident_id"]))
    assert rig.reader.read_card().document.number == "11010519491231002X"


def test_select_fails_while_read_card_stays(rig: Rig) -> None:
    rig.emu.place_card(load_card_scenario(SCENARIOS["hmt_permit"]))
    rig.reader.read_card()
    assert rig.reader.find_card() is True
    with pytest.raises(SamStatusError) as info:
        rig.reader.select_card()
    assert info.value.code == fr.SW_SELECT_FAILED


def test_bad_host_frame_gets_checksum_error_reply(rig: Rig) -> None:
    rig.transport.write(bytes.fromhex("AA AA AA 96 69 00 03 20 01 21"))  # wrong CHK from public code
    parser = fr.FrameParser()
    deadline = time.monotonic() + 2
    bodies: list[bytes] = []
    while not bodies and time.monotonic() < deadline:
        bodies = parser.frames(rig.transport.read_some())
    assert bodies == [b"\x00\x00\x10"]


@pytest.mark.parametrize("code", [0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x81])
def test_each_error_code_has_a_clear_message(code: int) -> None:
    rig = Rig("pty")
    try:
        rig.emu.place_card(load_card_scenario(SCENARIOS["resident_id"]))
        rig.emu.set_failure("select", code)
        with pytest.raises(SamStatusError) as info:
            rig.reader.read_card()
        err = info.value
        assert err.code == code
        assert (err.message, err.message_zh) == (fr.STATUS_MESSAGES[code], render(fr.STATUS_MESSAGES[code], "zh_CN"))
        assert f"0x{code:02X}" in str(err)
    finally:
        rig.close()


def test_self_test_failure_and_probe_of_silent_port() -> None:
    rig = Rig("pty")
    try:
        rig.emu.self_test_ok = False
        with pytest.raises(SamStatusError) as info:
            rig.reader.status()
        assert info.value.code == 0x60 and "self-test" in info.value.message
        assert probe(rig.transport)  # still a SAM answering
        rig.server.unplug()
        assert not probe(rig.transport, timeout=0.2)
    finally:
        rig.close()


class BadChecksumDevice(EmulatedDevice):
    """A device on the wire whose replies carry a wrong CHK byte (after some line noise)."""

    def on_bytes(self, data: bytes) -> None:
        frame = bytearray(fr.build_response(fr.SW_OK))
        frame[-1] ^= 0x01
        self.send(b"\x13\x37" + bytes(frame))


@pytest.mark.parametrize("link", ["pty", "tcp"])
def test_damaged_reply_is_a_clear_error(link: str) -> None:
    server = EmulatorServer(BadChecksumDevice())
    url = server.start_pty() if link == "pty" else server.start_tcp()
    transport = Transport(url, timeout=0.02)
    try:
        with pytest.raises(BadReply) as info:
            SamReader(transport, timeout=1.0).status()
        assert "damaged" in info.value.message and "checksum" in str(info.value)
        assert not probe(transport)
    finally:
        transport.close()
        server.stop()


@pytest.mark.parametrize("link", ["pty", "tcp"])
def test_unplug_mid_frame_then_replug(link: str) -> None:
    rig = Rig(link, Faults(drop_after_bytes=600))  # the 1295-byte read reply is cut
    try:
        rig.emu.place_card(load_card_scenario(SCENARIOS["resident_id"]))
        result: list[CardRead] = []
        with pytest.raises((DeviceDisconnected, DeviceTimeout)) as info:
            result.append(rig.reader.read_card())
        assert result == []  # no partial record
        msg = info.value.message
        assert "disconnected" in msg or "No answer" in msg
        assert info.value.message_zh
        rig.server.replug()
        rig.reopen()
        rig.emu.remove_card()
        rig.emu.place_card(load_card_scenario(SCENARIOS["resident_id"]))
        assert rig.reader.read_card().document.number == "11010519491231002X"
    finally:
        rig.close()


def test_paced_read_in_many_chunks() -> None:
    emu = SamEmulator()
    server = EmulatorServer(emu, baudrate=DEFAULT_BAUD, pace=True)
    url = server.start_pty()
    transport = Transport(url, timeout=0.01)
    try:
        emu.place_card(load_card_scenario(SCENARIOS["foreigner_2023"]))
        read = SamReader(transport, read_timeout=3.0).read_card(with_fingerprint=True)
        assert read.document.name_latin == "SPECIMEN, JOHN ALEXANDER MAXIMILIAN BART"
    finally:
        transport.close()
        server.stop()


class Events:
    def __init__(self) -> None:
        self.log: list[str] = []
        self.cards: list[CardRead] = []
        self.errors: list[DeviceError] = []
        self.changed = threading.Condition()

    def _add(self, what: str) -> None:
        with self.changed:
            self.log.append(what)
            self.changed.notify_all()

    def placed(self, card: CardRead) -> None:
        self.cards.append(card)
        self._add("placed")

    def removed(self) -> None:
        self._add("removed")

    def error(self, err: DeviceError) -> None:
        self.errors.append(err)
        self._add("error")

    def wait_for(self, n_events: int, timeout: float = 10) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.log) >= n_events, timeout), self.log


def _wait_polls(emu: SamEmulator, n: int) -> None:
    """Wait until the emulator has seen n more find commands (poll ticks), not a fixed time."""
    start = emu.commands_seen.count(fr.CMD_FIND)
    deadline = time.monotonic() + 10
    while emu.commands_seen.count(fr.CMD_FIND) < start + n:
        assert time.monotonic() < deadline
        time.sleep(0.005)


def test_poller_placed_once_removed_once(rig: Rig) -> None:
    worker = PortWorker(f"sam-{rig.link}")
    ev = Events()
    poller = CardPoller(
        rig.reader, worker, on_card_placed=ev.placed, on_card_removed=ev.removed, on_error=ev.error, interval=0.01
    )
    card: SamCard = load_card_scenario(SCENARIOS["resident_id"])
    poller.start()
    try:
        _wait_polls(rig.emu, 2)
        assert ev.log == []
        rig.emu.place_card(card)
        ev.wait_for(1)
        _wait_polls(rig.emu, 5)  # card stays: no second read
        rig.emu.remove_card()
        ev.wait_for(2)
        _wait_polls(rig.emu, 3)
        assert ev.log == ["placed", "removed"]
        assert ev.cards[0].document.number == "11010519491231002X"
        assert rig.emu.commands_seen.count(fr.CMD_READ_BASE) == 1
        # a read failure is reported once, then the next placement reads
        rig.emu.set_failure("read", fr.SW_READ_FAILED, times=1)
        rig.emu.place_card(card)
        ev.wait_for(4)
        assert ev.log == ["placed", "removed", "error", "placed"]
        assert isinstance(ev.errors[0], SamStatusError) and ev.errors[0].code == 0x41
    finally:
        poller.stop()
        worker.shutdown()
    assert not any(t.name == "sam-poller" for t in threading.enumerate())
