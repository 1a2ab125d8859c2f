"""MRZ framers: spec 6.3 reader-framing samples byte for byte, both directions, and robustness (Hypothesis)."""

from __future__ import annotations

from functools import reduce
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.devices.errors import ProtocolError
from workstation.devices.mrz import framer as fr
from workstation.devices.mrz.emulator import MrzEmulator, load_mrz_scenario
from workstation.devices.mrz.parse import parse_mrz, split_lines

SCENARIOS = {
    p.stem: load_mrz_scenario(p)
    for p in sorted((Path(__file__).resolve().parents[3] / "resources" / "scenarios" / "mrz").glob("*.json"))
}
TD3 = list(SCENARIOS["td3_specimen"].lines)
TD2 = list(SCENARIOS["td2_specimen"].lines)
TD1 = list(SCENARIOS["td1_specimen"].lines)


def lrc(data: bytes) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def drain(framer: fr.MrzFramer, now: float = 0.0) -> tuple[list[list[str]], int]:
    """Every document the framer can give now, and how many ProtocolErrors it raised on the way."""
    docs: list[list[str]] = []
    errors = 0
    for _ in range(10_000):
        try:
            doc = framer.next_document(now)
        except ProtocolError:
            errors += 1
            continue
        if doc is None:
            return docs, errors
        docs.append(doc)
    raise AssertionError("framer did not settle")


# ---- spec 6.3 wire samples -----------------------------------------------------------------------
def test_3m_two_line_document_bytes() -> None:
    """``\\x01<len>OU\\x02<flag>`` + empty line 1 + L1 + L2 (padded to 44 with ``_``) + ``\\x03<BCC>``."""
    wire = fr.build_3m(TD2, flag=b"0")
    body = b"OU\x02" + b"0" + b"\r" + TD2[0].encode() + b"_" * 8 + b"\r" + TD2[1].encode() + b"_" * 8 + b"\r\x03"
    assert wire[0] == 0x01 and wire[1:3] == len(body).to_bytes(2, "big") and wire[3:-1] == body
    assert wire[-1] == lrc(wire[1:-1])  # default BCC: XOR of every byte after SOH up to and including ETX


def test_3m_three_line_document_bytes() -> None:
    wire = fr.build_3m(TD1, flag=b"0", bcc="from_soh")
    assert wire[3:-1] == b"OU\x020" + b"".join(x.encode() + b"\r" for x in TD1) + b"\x03"
    assert wire[-1] == lrc(wire[:-1])
    assert fr.build_3m(TD1, bcc="after_stx")[-1] == lrc(wire[wire.index(b"\x02") + 1 : -1])
    assert fr.build_3m(TD1, bcc="none")[-1] == 0x03


def test_3m_truncates_over_long_lines() -> None:
    wire = fr.build_3m([TD3[0], TD3[1] + "XYZ"])
    assert TD3[1].encode() + b"\r\x03" in wire and b"XYZ" not in wire


def test_desko_bytes() -> None:
    assert fr.build_desko(TD3, sod=b"\x1c", eod=b"\x1d") == (
        b"\x1c\x02" + TD3[0].encode() + b"\r" + TD3[1].encode() + b"\r\x03\x1d"
    )  # absent third line: nothing, not even CR


def test_plain_bytes() -> None:
    assert fr.build_plain(TD1) == b"".join(x.encode() + b"\r\n" for x in TD1)
    assert fr.build_plain(TD1, eol=b"\r") == b"".join(x.encode() + b"\r" for x in TD1)


FRAMINGS_AND_OPTIONS = [
    ("3m", {}),
    ("3m", {"bcc": "after_stx"}),
    ("3m", {"bcc": "none"}),
    ("3m", {"flag": b""}),
    ("3m", {"flag": b"\x00"}),
    ("3m", {"pad": False}),
    ("desko", {}),
    ("desko", {"sod": b"\x1c", "eod": b"\x1d"}),
    ("plain", {}),
    ("plain", {"eol": b"\r"}),
    ("plain", {"eol": b"\n"}),
]


@pytest.mark.parametrize(("framing", "options"), FRAMINGS_AND_OPTIONS, ids=lambda v: str(v))
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_emulator_bytes_through_framer_and_parser(name: str, framing: str, options: dict[str, bytes]) -> None:
    scenario = SCENARIOS[name]
    wire = MrzEmulator().encode(scenario, framing=framing, **options)
    expected = parse_mrz(scenario.lines)
    for chunk in (len(wire), 1, 7):  # whole, byte by byte, odd chunks
        framer = fr.make_framer(framing)
        docs: list[list[str]] = []
        for i in range(0, len(wire), chunk):
            framer.feed(wire[i : i + chunk], now=0.0)
            got, errors = drain(framer, now=0.0)
            assert errors == 0
            docs += got
        docs += drain(framer, now=5.0)[0]  # BCC-less 3M and unterminated plain lines complete after a quiet gap
        assert len(docs) == 1
        assert parse_mrz(docs[0]).lines == expected.lines == tuple(scenario.lines)


def test_two_documents_back_to_back_in_every_framing() -> None:
    for framing in fr.FRAMINGS:
        wire = fr.build(framing, TD3) + fr.build(framing, TD1)
        docs, errors = drain_fed(fr.make_framer(framing), wire)
        assert errors == 0 and [parse_mrz(d).lines for d in docs] == [tuple(TD3), tuple(TD1)], framing


def drain_fed(framer: fr.MrzFramer, data: bytes, now: float = 0.0) -> tuple[list[list[str]], int]:
    framer.feed(data, now)
    return drain(framer, now)


# ---- 3M BCC, flag and message handling ---------------------------------------------------------
@pytest.mark.parametrize("mode", fr.BCC_RANGES)
def test_3m_each_bcc_reading(mode: str) -> None:
    wire = fr.build_3m(TD3, bcc=mode)
    assert drain_fed(fr.ThreeMFramer(bcc=mode), wire) == ([TD3], 0)
    # auto accepts after_soh and after_stx; from_soh only when chosen (it differs from after_soh by 0x01)
    assert drain_fed(fr.ThreeMFramer(), wire) == (([TD3], 0) if mode in fr.BCC_AUTO else ([], 1))
    others = [m for m in fr.BCC_RANGES if fr.build_3m(TD3, bcc=m)[-1] != wire[-1]]
    for other in others:  # a framer fixed to another reading rejects it
        assert drain_fed(fr.ThreeMFramer(bcc=other), wire) == ([], 1)


def test_3m_bad_bcc_then_next_document() -> None:
    bad = bytearray(fr.build_3m(TD3))
    bad[-1] ^= 0xFF
    framer = fr.ThreeMFramer()
    framer.feed(bytes(bad) + fr.build_3m(TD1), 0.0)
    with pytest.raises(ProtocolError, match="BCC"):
        framer.next_document(0.0)
    assert framer.next_document(0.0) == TD1


def test_3m_damaged_data_byte_is_caught_by_bcc() -> None:
    wire = bytearray(fr.build_3m(TD3))
    wire[20] ^= 0x01  # a letter in line 1 becomes another letter: only the BCC can tell
    assert drain_fed(fr.ThreeMFramer(), bytes(wire)) == ([], 1)


def test_3m_without_bcc_is_delivered_after_a_quiet_gap_or_at_the_next_frame() -> None:
    framer = fr.ThreeMFramer(bcc_wait=0.2)
    framer.feed(fr.build_3m(TD3, bcc="none"), now=10.0)
    assert framer.next_document(10.1) is None
    assert framer.next_document(10.25) == TD3
    framer.feed(fr.build_3m(TD3, bcc="none") + fr.build_3m(TD1, bcc="none"), now=20.0)
    assert framer.next_document(20.0) == TD3  # the next SOH starts a valid header: no BCC here
    assert framer.next_document(20.0) is None
    assert framer.next_document(20.5) == TD1


def test_3m_bcc_equal_to_soh_is_not_mistaken_for_a_frame_start() -> None:
    # the flag byte enters the XOR directly: pick the one that makes the BCC 0x01
    wire = b""
    for kind in b"UABCD":
        wire = fr.build_3m(TD3, flag=b"\x00", kind=bytes([kind]))
        flag = wire[-1] ^ 0x01
        if flag not in (0x01, 0x02, 0x03, 0x0A, 0x0D):
            wire = fr.build_3m(TD3, flag=bytes([flag]), kind=bytes([kind]))
            break
    assert wire[-1] == 0x01
    for follow in (fr.build_3m(TD1), b""):
        framer = fr.ThreeMFramer()
        docs, errors = drain_fed(framer, wire + follow)
        docs += drain(framer, 1.0)[0]
        assert errors == 0 and docs == ([TD3, TD1] if follow else [TD3])
        assert framer.discarded == 0


def test_3m_non_optical_messages_are_skipped() -> None:
    framer = fr.ThreeMFramer()
    docs, errors = drain_fed(framer, fr.build_3m(["%B123^X"], device=b"M") + fr.build_3m(TD3))
    assert (docs, errors, framer.ignored) == ([TD3], 0, 1)


def test_3m_flag_detected_when_lines_are_not_padded_to_one_width() -> None:
    short = [TD1[0], TD1[1], TD1[2].rstrip("<")]  # a reader that neither pads nor keeps trailing fillers
    docs, errors = drain_fed(fr.ThreeMFramer(), fr.build_3m(short, flag=b"7", pad=False))
    assert errors == 0 and docs == [short] and parse_mrz(docs[0]).lines == tuple(TD1)


def test_3m_fixed_flag_width() -> None:
    assert drain_fed(fr.ThreeMFramer(flag_bytes=0), fr.build_3m(TD1, flag=b"")) == ([TD1], 0)
    assert drain_fed(fr.ThreeMFramer(flag_bytes=2), fr.build_3m(TD1, flag=b"AB")) == ([TD1], 0)


def test_3m_stale_partial_frame_is_dropped_then_next_reads() -> None:
    framer = fr.ThreeMFramer(stale_after=1.0)
    wire = fr.build_3m(TD3)
    framer.feed(wire[:40], now=0.0)
    assert framer.next_document(0.5) is None
    with pytest.raises(fr.IncompleteFrame):
        framer.next_document(1.5)
    framer.feed(wire, now=5.0)
    assert drain(framer, 5.0) == ([TD3], 0)


def test_3m_frame_cut_by_the_next_frame() -> None:
    wire = fr.build_3m(TD3)
    docs, errors = drain_fed(fr.ThreeMFramer(), wire[:50] + wire)
    assert docs == [TD3] and errors == 1


# ---- DESKO -------------------------------------------------------------------------------------
def test_desko_with_sod_eod_and_noise() -> None:
    wire = b"\xff\x00" + fr.build_desko(TD3, sod=b"\x1c", eod=b"\x1d") + b"\x13" + fr.build_desko(TD1)
    framer = fr.DeskoFramer(sod=b"\x1c", eod=b"\x1d")
    assert drain_fed(framer, wire) == ([TD3, TD1], 0)
    assert framer.discarded == 4


def test_desko_cut_frame_and_too_long_frame() -> None:
    wire = fr.build_desko(TD3)
    assert drain_fed(fr.DeskoFramer(), wire[:30] + wire) == ([TD3], 1)
    assert drain_fed(fr.DeskoFramer(), b"\x02" + b"A" * 300 + wire) == ([TD3], 1)
    framer = fr.DeskoFramer(stale_after=1.0)
    framer.feed(wire[:30], 0.0)
    with pytest.raises(fr.IncompleteFrame):
        framer.next_document(2.0)


# ---- plain lines -------------------------------------------------------------------------------
def test_plain_line_count_follows_the_width() -> None:
    framer = fr.PlainLineFramer()
    framer.feed(fr.build_plain(TD1)[:-2], 0.0)  # third line not yet terminated
    assert framer.next_document(0.1) is None
    assert framer.next_document(0.3) == TD1  # quiet gap ends the unterminated last line
    assert drain_fed(fr.PlainLineFramer(), fr.build_plain(TD2) + fr.build_plain(TD3)) == ([TD2, TD3], 0)


def test_plain_incomplete_document_dropped_after_gap() -> None:
    framer = fr.PlainLineFramer(gap=0.2)
    framer.feed(fr.build_plain(TD3[:1]), 0.0)
    assert framer.next_document(0.1) is None
    with pytest.raises(fr.IncompleteFrame):
        framer.next_document(0.3)
    assert drain_fed(framer, fr.build_plain(TD3), 1.0) == ([TD3], 0)


def test_plain_width_change_starts_a_new_document() -> None:
    wire = fr.build_plain(TD3[:1]) + fr.build_plain(TD1)
    assert drain_fed(fr.PlainLineFramer(), wire) == ([TD1], 1)


def test_plain_damaged_line_drops_the_rest_of_its_burst() -> None:
    damaged = fr.build_plain([TD3[0].replace("ERIKSSON", "ERIK#SON"), TD3[1]])
    framer = fr.PlainLineFramer(gap=0.2)
    framer.feed(damaged + fr.build_plain(TD3[1:]), now=0.0)
    assert drain(framer, 0.0) == ([], 1)  # line 2 of the damaged document is not taken as a new document
    framer.feed(fr.build_plain(TD3), now=0.1)  # still the same burst
    assert drain(framer, 0.1) == ([], 0)
    framer.feed(fr.build_plain(TD3), now=1.0)  # swiped again after a pause
    assert drain(framer, 1.0) == ([TD3], 0)
    assert drain_fed(fr.PlainLineFramer(), b"AT+OK\r\n", 0.0) == ([], 1)


def test_plain_line_cut_short_is_incomplete() -> None:
    framer = fr.PlainLineFramer(gap=0.2)
    framer.feed(fr.build_plain(TD3)[:60], now=0.0)
    assert drain(framer, 0.0) == ([], 0)  # line 1 complete, line 2 cut after 14 characters
    with pytest.raises(fr.IncompleteFrame, match="middle of a line"):
        framer.next_document(1.0)


def test_plain_fixed_line_count() -> None:
    assert drain_fed(fr.PlainLineFramer(lines_per_document=2), fr.build_plain(TD3)) == ([TD3], 0)


def test_make_framer_and_build_reject_unknown_framing() -> None:
    with pytest.raises(ValueError, match="unknown MRZ framing"):
        fr.make_framer("hid")
    with pytest.raises(ValueError, match="unknown MRZ framing"):
        fr.build("hid", TD3)


# ---- robustness ----------------------------------------------------------------------------------
def _mutate(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    out = bytearray(data)
    for op, where, value in edits:
        if not out:
            break
        i = where % len(out)
        if op == 0:
            out[i] = value
        elif op == 1:
            out.insert(i, value)
        else:
            del out[i]
    return bytes(out)


noise = st.one_of(
    st.binary(max_size=200),
    st.lists(
        st.sampled_from([b"\x01", b"\x02", b"\x03", b"\r", b"\n", b"OU", b"<", b"A", b"_", b"\x01\x00`"]), max_size=40
    ).map(b"".join),
)
edits = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10_000), st.integers(0, 255)), max_size=8)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(fr.FRAMINGS), st.sampled_from(list(SCENARIOS)), noise, edits, st.integers(1, 64), st.floats(0, 3)
)
def test_any_bytes_raise_only_protocol_error(
    framing: str, name: str, junk: bytes, changes: list[tuple[int, int, int]], chunk: int, step: float
) -> None:
    stream = _mutate(junk + fr.build(framing, SCENARIOS[name].lines) + junk, changes)
    framer = fr.make_framer(framing)
    now = 0.0
    for i in range(0, len(stream), chunk):
        framer.feed(stream[i : i + chunk], now)
        drain(framer, now)  # only ProtocolError may escape next_document; drain() catches exactly that
        now += step
    drain(framer, now + 10)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(fr.FRAMINGS), st.sampled_from(list(SCENARIOS)), noise, st.integers(1, 64))
def test_valid_frame_after_garbage_is_found(framing: str, name: str, junk: bytes, chunk: int) -> None:
    lines = list(SCENARIOS[name].lines)
    framer = fr.make_framer(framing)
    framer.feed(junk, 0.0)
    drain(framer, 0.0)
    drain(framer, 10.0)  # a quiet gap after line noise (plain lines need it to know the junk has ended)
    wire = fr.build(framing, lines)
    docs: list[list[str]] = []
    for i in range(0, len(wire), chunk):
        framer.feed(wire[i : i + chunk], 20.0)
        docs += drain(framer, 20.0)[0]
    docs += drain(framer, 30.0)[0]
    assert docs and split_lines(docs[-1]) == lines
