"""MrzReader / MrzListener / probe against MrzEmulator over a real pty and over socket:// (EmulatorServer)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from workstation.devices.emulation import EmulatorServer, Faults
from workstation.devices.errors import DeviceDisconnected, DeviceError
from workstation.devices.mrz import framer as fr
from workstation.devices.mrz.driver import (
    DEFAULT_BAUD,
    PROTOCOL,
    BadFrame,
    CheckDigitFailed,
    IncompleteDocument,
    MrzListener,
    MrzReader,
    NoDocument,
    check_error,
    probe,
)
from workstation.devices.mrz.emulator import MrzEmulator, MrzScenario, load_mrz_scenario
from workstation.devices.mrz.parse import MrzResult, split_lines
from workstation.devices.transport import PortWorker, Transport
from workstation.domain.enums import DocumentType

TODAY = date(2026, 11, 24)
MRZ_DIR = Path(__file__).resolve().parents[3] / "resources" / "scenarios" / "mrz"
SCENARIOS = {p.stem: load_mrz_scenario(p) for p in sorted(MRZ_DIR.glob("*.json"))}
BAD = "td3_bad_check_digit"


def framer_for(framing: str) -> fr.MrzFramer:
    """Short quiet-gap settings so cut frames are noticed quickly in tests."""
    if framing == "plain":
        return fr.PlainLineFramer(gap=0.1)
    return fr.make_framer(framing, stale_after=0.2)


class Rig:
    def __init__(self, link: str, framing: str = "3m", faults: Faults | None = None, pace: bool = False) -> None:
        self.link = link
        self.framing = framing
        self.emu = MrzEmulator(framing=framing)
        self.server = EmulatorServer(self.emu, baudrate=DEFAULT_BAUD, faults=faults, pace=pace)
        self.url = self.server.start_pty() if link == "pty" else self.server.start_tcp()
        self.transport = self._open()
        self.reader = MrzReader(self.transport, framing=framer_for(framing), today=TODAY, timeout=5.0)

    def _open(self) -> Transport:
        seen = self.emu.connections
        transport = Transport(self.url, baudrate=DEFAULT_BAUD, timeout=0.02)
        # a passive reader can only push to a connected host: wait until the link is up
        assert self.emu.wait_for_connection(seen + 1 if self.link == "tcp" else 1)
        return transport

    def reopen(self) -> None:
        self.transport.close()
        self.transport = self._open()
        self.reader.transport = self.transport  # the reader itself forgot the cut frame when the link dropped

    def use(self, framing: str) -> None:
        """Switch reader and emulator to another framing (same link)."""
        self.framing = framing
        self.emu.framing = framing
        self.reader.framer = framer_for(framing)

    def close(self) -> None:
        self.transport.close()
        self.server.stop()


@pytest.fixture(params=["pty", "tcp"])
def link(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def shared_rigs() -> Iterator[dict[str, Rig]]:
    """One rig per link for the tests that leave the link as they found it (pyserial's socket:// close
    sleeps 0.3 s, so rigs are not rebuilt per test). Built here, not by the first test that needs one,
    so their emulator threads belong to this fixture and not to that test (tests/conftest.py)."""
    rigs = {link: Rig(link) for link in ("pty", "tcp")}
    yield rigs
    for r in rigs.values():
        r.close()


@pytest.fixture(params=fr.FRAMINGS)
def rig(request: pytest.FixtureRequest, link: str, shared_rigs: dict[str, Rig]) -> Rig:
    r = shared_rigs[link]
    r.use(str(request.param))
    r.transport.reset_input()
    return r


@pytest.fixture
def own_rig(link: str) -> Iterator[Rig]:
    r = Rig(link)
    yield r
    r.close()


def test_constants() -> None:
    assert PROTOCOL == "mrz" and DEFAULT_BAUD == 9600
    assert MrzEmulator.name == "mrz"


def test_every_format_in_every_framing(rig: Rig) -> None:
    for name, scenario in SCENARIOS.items():
        sent = rig.emu.present(scenario)
        result = rig.reader.read_document()
        assert result.lines == tuple(scenario.lines), name
        assert split_lines(next(iter(framed_lines(rig.framing, sent)))) == list(scenario.lines)
        if name == BAD:
            assert result.failed_fields == ("birth_date", "composite")
        else:
            assert result.valid, name
        doc = result.to_document()
        assert doc.source == "mrz" and doc.mrz_checks == result.checks
        assert doc.doc_type == (DocumentType.PASSPORT if scenario.lines[0].startswith("P") else DocumentType.OTHER)
    assert rig.emu.presented and rig.emu.host_bytes == 0  # nothing was ever sent to the reader


def framed_lines(framing: str, wire: bytes) -> Iterator[list[str]]:
    f = fr.make_framer(framing)
    f.feed(wire, 0.0)
    while (doc := f.next_document(10.0)) is not None:
        yield doc


def test_paced_documents_arrive_in_many_chunks(link: str) -> None:
    rig = Rig(link, pace=True)
    try:
        for framing in fr.FRAMINGS:
            rig.use(framing)
            rig.emu.present(SCENARIOS["td1_spain"])  # ~100 bytes at 9600 baud: two 64-byte chunks ~67 ms apart
            result = rig.reader.read_document()
            assert result.valid and result.surname == "ESPANOLA ESPANOLA" and result.given_names == "CARMEN"
    finally:
        rig.close()


def test_failed_check_digits_are_returned_with_the_fields_named(rig: Rig) -> None:
    rig.emu.present(SCENARIOS[BAD])
    result = rig.reader.read_document()
    assert not result.valid and result.document_number == "L898902C3"
    err = check_error(result)
    assert isinstance(err, CheckDigitFailed) and err.failed_fields == ("birth_date", "composite")
    assert "date of birth" in err.message and "出生日期" in err.message_zh and "总校验位" in err.message_zh
    assert check_error(parse_good(rig)) is None
    rig.emu.present(SCENARIOS[BAD])
    with pytest.raises(CheckDigitFailed) as info:
        rig.reader.read_document(strict=True)
    assert info.value.result.birth_date == date(1974, 8, 12)


def parse_good(rig: Rig) -> MrzResult:
    rig.emu.present(SCENARIOS["td3_specimen"])
    return rig.reader.read_document()


def corrupt(framing: str, wire: bytes) -> bytes:
    """Damage one character of line 1 the way line noise would."""
    out = bytearray(wire)
    i = out.index(b"ERIKSSON") + 2
    out[i] = 0x23 if framing != "3m" else out[i] ^ 0x04  # '#' (not MRZ text) / another letter (only BCC sees it)
    return bytes(out)


def test_corrupted_frame_is_a_clear_error_then_the_next_document_reads(rig: Rig) -> None:
    wire = rig.emu.encode(SCENARIOS["td3_specimen"])
    rig.emu.send(corrupt(rig.framing, wire))
    with pytest.raises(BadFrame) as info:
        rig.reader.read_document()
    assert "damaged" in info.value.message and "损坏" in info.value.message_zh and info.value.hint
    with pytest.raises(NoDocument):  # nothing of the damaged document comes out later
        rig.reader.read_document(0.15)
    result = parse_good(rig)
    assert result.valid and result.surname == "ERIKSSON"


def test_not_an_mrz_is_a_clear_error(rig: Rig) -> None:
    rig.emu.present(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"])  # one line only
    with pytest.raises((BadFrame, IncompleteDocument)) as info:
        rig.reader.read_document()
    assert info.value.message_zh
    assert parse_good(rig).valid


def test_silence_is_no_document(rig: Rig) -> None:
    with pytest.raises(NoDocument) as info:
        rig.reader.read_document(0.05)
    assert "No passport" in info.value.message and "护照" in info.value.message_zh


def test_unplug_mid_frame_then_replug(own_rig: Rig) -> None:
    rig = own_rig
    for framing in fr.FRAMINGS:
        rig.use(framing)
        rig.server.faults.drop_after_bytes = rig.server.bytes_sent + 40  # this document is cut after 40 bytes
        results: list[MrzResult] = []
        rig.emu.present(SCENARIOS["td3_specimen"])
        with pytest.raises((DeviceDisconnected, IncompleteDocument)) as info:
            results.append(rig.reader.read_document())
        assert results == []  # no partial document
        msg = info.value.message
        assert "disconnected" in msg or "stopped in the middle" in msg, framing
        assert info.value.message_zh
        rig.server.replug()
        if rig.link == "tcp":
            rig.reopen()
        result = parse_good(rig)
        assert result.valid and result.lines == tuple(SCENARIOS["td3_specimen"].lines)


def test_server_unplug_between_documents(link: str) -> None:
    rig = Rig(link, "desko")
    try:
        assert parse_good(rig).valid
        rig.server.unplug()
        rig.emu.present(SCENARIOS["td1_specimen"])  # swiped while unplugged: lost, as with a pulled cable
        if link == "tcp":
            with pytest.raises(DeviceDisconnected):
                rig.reader.read_document(1.0)
        else:
            with pytest.raises(NoDocument):
                rig.reader.read_document(0.1)
        rig.server.replug()
        if link == "tcp":
            rig.reopen()
        rig.emu.present(SCENARIOS["td1_specimen"])
        assert rig.reader.read_document().document_number == "D23145890"
    finally:
        rig.close()


def test_probe(link: str) -> None:
    rig = Rig(link, "3m")
    try:
        assert probe(rig.transport, timeout=0.1) is False  # a silent reader cannot be recognised
        rig.emu.send(b"\x00\xff garbage \x02\x03\r\n")
        assert probe(rig.transport, timeout=0.1) is False
        for framing in fr.FRAMINGS:
            rig.emu.present(SCENARIOS["mrvb_specimen"], framing=framing)
            assert probe(rig.transport, timeout=2.0) is True, framing
    finally:
        rig.close()


class Events:
    def __init__(self) -> None:
        self.documents: list[MrzResult] = []
        self.errors: list[DeviceError] = []
        self.changed = threading.Condition()

    def document(self, result: MrzResult) -> None:
        with self.changed:
            self.documents.append(result)
            self.changed.notify_all()

    def error(self, err: DeviceError) -> None:
        with self.changed:
            self.errors.append(err)
            self.changed.notify_all()

    def wait_for(self, documents: int, errors: int = 0, timeout: float = 10) -> None:
        with self.changed:
            ok = self.changed.wait_for(lambda: len(self.documents) >= documents and len(self.errors) >= errors, timeout)
            assert ok, (self.documents, self.errors)


def test_listener_reports_documents_and_errors(link: str) -> None:
    rig = Rig(link, "3m")
    worker = PortWorker(f"mrz-{link}")
    ev = Events()
    listener = MrzListener(
        rig.reader, worker, on_document=ev.document, on_error=ev.error, slice_s=0.05, retry_interval=0.05
    )
    listener.start()
    try:
        rig.emu.present(SCENARIOS["td3_specimen"])
        ev.wait_for(1)
        rig.emu.send(corrupt("3m", rig.emu.encode(SCENARIOS["td2_specimen"])))
        ev.wait_for(1, 1)
        rig.emu.present(SCENARIOS[BAD])
        ev.wait_for(2, 1)
        rig.emu.present(SCENARIOS["mrva_specimen"])
        ev.wait_for(3, 1)
        assert [d.format for d in ev.documents] == ["TD3", "TD3", "MRV-A"]
        assert [d.valid for d in ev.documents] == [True, False, True]
        assert isinstance(ev.errors[0], BadFrame)
        # the port can be used by other calls on the worker between listening slices
        assert worker.call(lambda: rig.reader.framing) == "3m"
        if link == "tcp":  # a dropped connection is reported once, however often the listener retries
            rig.server.unplug()
            ev.wait_for(3, 2)
            worker.call(lambda: None)
            worker.call(lambda: None)
            assert len(ev.errors) == 2 and isinstance(ev.errors[1], DeviceDisconnected)
    finally:
        listener.stop()
        worker.shutdown()
        rig.close()
    assert not any(t.name == "mrz-listener" for t in threading.enumerate())


def test_scenario_loading_and_options(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"lines": ["a"], "framing": "desko", "options": {"sod": "1c", "eod": "1d"}}', encoding="utf-8")
    s = load_mrz_scenario(path)
    assert s == MrzScenario(("a",), "", "desko", {"sod": b"\x1c", "eod": b"\x1d"})
    assert MrzEmulator().encode(s) == b"\x1c\x02a\r\x03\x1d"
    assert MrzEmulator(framing="plain").encode("AB\nCD") == b"AB\r\nCD\r\n"
    path.write_text('{"lines": []}', encoding="utf-8")
    with pytest.raises(ValueError, match="lines"):
        load_mrz_scenario(path)
    path.write_text('{"lines": ["a"], "framing": "hid"}', encoding="utf-8")
    with pytest.raises(ValueError, match="framing"):
        load_mrz_scenario(path)
