"""Spec 6.2 test vectors in both directions, and framer robustness (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.devices.errors import ProtocolError
from workstation.devices.sam import framer as fr
from workstation.devices.sam.driver import format_sam_id
from workstation.i18n import render


def h(s: str) -> bytes:
    return bytes.fromhex(s)


COMMAND_VECTORS = [
    ((0x10, 0xFF, b""), "AA AA AA 96 69 00 03 10 FF EC"),
    ((0x11, 0xFF, b""), "AA AA AA 96 69 00 03 11 FF ED"),
    ((0x12, 0xFF, b""), "AA AA AA 96 69 00 03 12 FF EE"),
    ((0x20, 0x01, b""), "AA AA AA 96 69 00 03 20 01 22"),
    ((0x20, 0x02, b""), "AA AA AA 96 69 00 03 20 02 21"),
    ((0x30, 0x01, b""), "AA AA AA 96 69 00 03 30 01 32"),
    ((0x30, 0x10, b""), "AA AA AA 96 69 00 03 30 10 23"),
    ((0x30, 0x03, b""), "AA AA AA 96 69 00 03 30 03 30"),
    ((0x61, 0xFF, b"\x50"), "AA AA AA 96 69 00 04 61 FF 50 CA"),
]
SAM_ID_BYTES = h("05 00 01 00 6A B8 32 01 C5 02 1B 03 33 82 AF B4")
RESPONSE_VECTORS = [
    ((0x9F, bytes(4)), "AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"),
    ((0x80, b""), "AA AA AA 96 69 00 04 00 00 80 84"),
    ((0x90, bytes(8)), "AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C"),
    ((0x81, b""), "AA AA AA 96 69 00 04 00 00 81 85"),
    ((0x41, b""), "AA AA AA 96 69 00 04 00 00 41 45"),
    ((0x90, b""), "AA AA AA 96 69 00 04 00 00 90 94"),
    ((0x90, SAM_ID_BYTES), "AA AA AA 96 69 00 14 00 00 90 05 00 01 00 6A B8 32 01 C5 02 1B 03 33 82 AF B4 14"),
]


@pytest.mark.parametrize(("args", "wire"), COMMAND_VECTORS)
def test_command_vectors_both_directions(args: tuple[int, int, bytes], wire: str) -> None:
    assert fr.build_command(*args) == h(wire)
    parsed = fr.parse_command(h(wire))
    assert (parsed.cmd, parsed.para, parsed.data) == args


@pytest.mark.parametrize(("args", "wire"), RESPONSE_VECTORS)
def test_response_vectors_both_directions(args: tuple[int, bytes], wire: str) -> None:
    assert fr.build_response(*args) == h(wire)
    r = fr.parse_response(h(wire))
    assert (r.sw1, r.sw2, r.sw3, r.data) == (0, 0, *args)


def test_sam_id_format_is_unsigned() -> None:
    r = fr.parse_response(h(RESPONSE_VECTORS[-1][1]))
    assert format_sam_id(r.data) == "05.01-20101226-0052101829-3031401011"
    # 0xB4AF8233 > 2^31: a signed formatter would print a negative number
    assert int.from_bytes(SAM_ID_BYTES[12:], "little") > 2**31


def test_read_reply_sizes() -> None:
    f1 = fr.build_response(0x90, (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + bytes(256 + 1024))
    assert f1[5:7] == b"\x05\x08" and len(f1) == 1295
    f2 = fr.build_response(0x90, b"\x01\x00\x04\x00\x04\x00" + bytes(256 + 1024 + 1024))
    assert f2[5:7] == b"\x09\x0a" and len(f2) == 2321


def test_wrong_public_constant_frame_is_rejected() -> None:
    # find card with CHK 0x21 (a bug in public code; correct is 0x22)
    with pytest.raises(ProtocolError, match="checksum"):
        fr.parse_command(h("AA AA AA 96 69 00 03 20 01 21"))


def test_parser_handles_one_byte_chunks_and_garbage() -> None:
    stream = b"\x00\xaa\xaa\x96" + fr.build_response(0x9F, bytes(4)) + b"\xaa\xaa" + fr.build_response(0x80)
    p = fr.FrameParser()
    bodies: list[bytes] = []
    for i in range(len(stream)):
        bodies += p.frames(stream[i : i + 1])
    assert bodies == [b"\x00\x00\x9f\x00\x00\x00\x00", b"\x00\x00\x80"]
    assert p.discarded == 6


def test_length_out_of_bounds_then_resync() -> None:
    p = fr.FrameParser()
    p.feed(fr.PREAMBLE + b"\xff\xff" + fr.build_response(0x90))
    with pytest.raises(ProtocolError, match="length"):
        p.next_frame()
    assert p.next_frame() == b"\x00\x00\x90"
    p.feed(fr.PREAMBLE + b"\x00\x01")
    with pytest.raises(ProtocolError):
        p.next_frame()


def test_status_messages_cover_every_spec_code() -> None:
    codes = [0x90, 0x91, 0x9F, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81]
    for code in codes:
        message = fr.status_message(code)
        zh = render(message, "zh_CN")
        assert message and zh and zh != str(message) and "0x" not in message
    assert "0x7E" in fr.status_message(0x7E) and "0x7E" in render(fr.status_message(0x7E), "zh_CN")


frames = st.builds(
    lambda sw3, data: fr.build_response(sw3, data),
    st.integers(0, 255),
    st.binary(max_size=64),
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.lists(st.integers(1, 50), max_size=20))
def test_random_bytes_only_raise_protocol_error(data: bytes, cuts: list[int]) -> None:
    p = fr.FrameParser()
    pos = 0
    for c in [*cuts, len(data)]:
        p.feed(data[pos : pos + c])
        pos += c
        for _ in range(len(data) + 2):
            try:
                if p.next_frame() is None:
                    break
            except ProtocolError:
                continue


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=200),
    frames,
    st.data(),
)
def test_valid_frame_after_garbage_and_mutations_is_found(garbage: bytes, frame: bytes, data: st.DataObject) -> None:
    # mutate the garbage so it may contain partial preambles / bogus lengths
    if garbage:
        idx = data.draw(st.lists(st.integers(0, len(garbage) - 1), max_size=5))
        g = bytearray(garbage)
        for i in idx:
            g[i : i + 1] = fr.PREAMBLE[: data.draw(st.integers(1, 5))]
        garbage = bytes(g)
    chunk = data.draw(st.integers(1, 64))
    stream = garbage + frame
    p = fr.FrameParser()
    found: list[bytes] = []
    for i in range(0, len(stream), chunk):
        found += p.frames(stream[i : i + chunk])
    body = frame[7:-1]
    if fr.PREAMBLE not in garbage:
        assert found == [body]  # no pseudo-frame possible: found at once, exactly once
    else:
        # a pseudo-frame in the garbage may claim a length that swallows the real frame; once that
        # claimed length has passed, the parser is back in sync and finds the next valid frame
        found += p.frames(bytes(fr.MAX_LEN + 8) + frame)
        assert found[-1] == body


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=40), frames.map(lambda f: f[:-1] + bytes([f[-1] ^ 1]))), max_size=10))
def test_emulator_survives_any_host_bytes(chunks: list[bytes]) -> None:
    from workstation.devices.sam.emulator import SamEmulator

    class Capture(SamEmulator):
        replies: list[bytes]

        def send(self, data: bytes) -> None:
            self.replies.append(data)

    emu = Capture()
    emu.replies = []
    for c in chunks:
        emu.on_bytes(c)
    for reply in emu.replies:  # whatever arrived, every reply is one well-formed SAM frame
        assert fr.parse_response(reply).sw1 == 0
    # a corrupted command frame is answered with the checksum-error status 0x10
    emu.replies.clear()
    emu.on_connect()  # a new link starts with an empty receive buffer
    emu.on_bytes(h("AA AA AA 96 69 00 03 20 01 21"))
    assert emu.replies == [h("AA AA AA 96 69 00 04 00 00 10 14")]
