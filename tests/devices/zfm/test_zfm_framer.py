"""Spec 6.1 ZhianTec vectors in both directions, data-packet splitting, and parser robustness (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.devices.errors import ProtocolError
from workstation.devices.zfm import framer as fr


def h(s: str) -> bytes:
    return bytes.fromhex(s)


# (instruction, params) → wire, spec 6.1 "ZhianTec command packets (address 0xFFFFFFFF)"
COMMAND_VECTORS = [
    ((fr.VFY_PWD, h("00000000")), "EF 01 FF FF FF FF 01 00 07 13 00 00 00 00 00 1B"),
    ((fr.GEN_IMG, b""), "EF 01 FF FF FF FF 01 00 03 01 00 05"),
    ((fr.IMG2TZ, h("01")), "EF 01 FF FF FF FF 01 00 04 02 01 00 08"),
    ((fr.IMG2TZ, h("02")), "EF 01 FF FF FF FF 01 00 04 02 02 00 09"),
    ((fr.MATCH, b""), "EF 01 FF FF FF FF 01 00 03 03 00 07"),
    ((fr.SEARCH, h("01 0000 00A3")), "EF 01 FF FF FF FF 01 00 08 04 01 00 00 00 A3 00 B1"),
    ((fr.REG_MODEL, b""), "EF 01 FF FF FF FF 01 00 03 05 00 09"),
    ((fr.STORE, h("01 0001")), "EF 01 FF FF FF FF 01 00 06 06 01 00 01 00 0F"),
    ((fr.LOAD_CHAR, h("01 0001")), "EF 01 FF FF FF FF 01 00 06 07 01 00 01 00 10"),
    ((fr.UP_CHAR, h("01")), "EF 01 FF FF FF FF 01 00 04 08 01 00 0E"),
    ((fr.DOWN_CHAR, h("01")), "EF 01 FF FF FF FF 01 00 04 09 01 00 0F"),
    ((fr.UP_IMAGE, b""), "EF 01 FF FF FF FF 01 00 03 0A 00 0E"),
    ((fr.DOWN_IMAGE, b""), "EF 01 FF FF FF FF 01 00 03 0B 00 0F"),
    ((fr.DELETE_CHAR, h("0001 0001")), "EF 01 FF FF FF FF 01 00 07 0C 00 01 00 01 00 16"),
    ((fr.EMPTY, b""), "EF 01 FF FF FF FF 01 00 03 0D 00 11"),
    ((fr.SET_SYS_PARA, bytes([fr.PARAM_BAUD, 6])), "EF 01 FF FF FF FF 01 00 05 0E 04 06 00 1E"),
    ((fr.SET_SYS_PARA, bytes([fr.PARAM_BAUD, 12])), "EF 01 FF FF FF FF 01 00 05 0E 04 0C 00 24"),
    ((fr.SET_SYS_PARA, bytes([fr.PARAM_PACKET_SIZE, 2])), "EF 01 FF FF FF FF 01 00 05 0E 06 02 00 1C"),
    ((fr.READ_SYS_PARA, b""), "EF 01 FF FF FF FF 01 00 03 0F 00 13"),
    ((fr.SET_PWD, h("12345678")), "EF 01 FF FF FF FF 01 00 07 12 12 34 56 78 01 2E"),
    ((fr.GET_RANDOM, b""), "EF 01 FF FF FF FF 01 00 03 14 00 18"),
    ((fr.SET_ADDR, h("FFFFFFFF")), "EF 01 FF FF FF FF 01 00 07 15 FF FF FF FF 04 19"),
    ((fr.HIGH_SPEED_SEARCH, h("01 0000 00A3")), "EF 01 FF FF FF FF 01 00 08 1B 01 00 00 00 A3 00 C8"),
    ((fr.TEMPLATE_NUM, b""), "EF 01 FF FF FF FF 01 00 03 1D 00 21"),
    ((fr.READ_INDEX_TABLE, h("00")), "EF 01 FF FF FF FF 01 00 04 1F 00 00 24"),
    ((fr.AURA_LED, h("01 80 03 00")), "EF 01 FF FF FF FF 01 00 07 35 01 80 03 00 00 C1"),
    ((fr.READ_PROD_INFO, b""), "EF 01 FF FF FF FF 01 00 03 3C 00 40"),
    ((fr.SOFT_RESET, b""), "EF 01 FF FF FF FF 01 00 03 3D 00 41"),
    ((fr.GET_ECHO, b""), "EF 01 FF FF FF FF 01 00 03 53 00 57"),
]

# (confirmation code, return data) → wire, spec 6.1 "Acknowledgements"
ACK_VECTORS = [
    ((fr.CC_OK, b""), "EF 01 FF FF FF FF 07 00 03 00 00 0A"),
    ((fr.CC_NO_FINGER, b""), "EF 01 FF FF FF FF 07 00 03 02 00 0C"),
    ((fr.CC_NOT_FOUND, b""), "EF 01 FF FF FF FF 07 00 03 09 00 13"),
    ((fr.CC_WRONG_PASSWORD, b""), "EF 01 FF FF FF FF 07 00 03 13 00 1D"),
    ((fr.CC_OK, h("0005 0064")), "EF 01 FF FF FF FF 07 00 07 00 00 05 00 64 00 77"),
    ((fr.CC_OK, h("0003")), "EF 01 FF FF FF FF 07 00 05 00 00 03 00 0F"),
    ((fr.CC_OK, h("12345678")), "EF 01 FF FF FF FF 07 00 07 00 12 34 56 78 01 22"),
    (
        (fr.CC_OK, h("0000 0000 00A3 0003 FFFFFFFF 0002 0006")),
        "EF 01 FF FF FF FF 07 00 13 00 00 00 00 00 00 A3 00 03 FF FF FF FF 00 02 00 06 04 C4",
    ),
]

# independent confirmations quoted in spec 6.1 (CircuitPython issue #29 trace, STM32 AS608 driver constant)
QUOTED_TRACES = [
    "ef 01 ff ff ff ff 01 00 04 08 01 00 0e",
    "ef 01 ff ff ff ff 07 00 03 00 00 0a",
]


@pytest.mark.parametrize(
    ("args", "wire"), COMMAND_VECTORS, ids=[hex(a[0][0]) + "-" + a[1][-5:] for a in COMMAND_VECTORS]
)
def test_zfm_command_vectors_both_directions(args: tuple[int, bytes], wire: str) -> None:
    code, params = args
    assert fr.build_command(code, params) == h(wire)
    p = fr.parse_packet(h(wire), fr.DEFAULT_ADDRESS)
    assert (p.address, p.pid, p.code, p.data) == (0xFFFFFFFF, fr.PID_COMMAND, code, params)
    # LENGTH counts payload + checksum
    assert int.from_bytes(h(wire)[7:9], "big") == len(p.payload) + 2


@pytest.mark.parametrize(("args", "wire"), ACK_VECTORS)
def test_zfm_ack_vectors_both_directions(args: tuple[int, bytes], wire: str) -> None:
    cc, data = args
    assert fr.build_ack(cc, data) == h(wire)
    p = fr.parse_packet(h(wire))
    assert (p.address, p.pid, p.code, p.data) == (0xFFFFFFFF, fr.PID_ACK, cc, data)


def test_zfm_quoted_traces_and_constants() -> None:
    assert fr.parse_packet(h(QUOTED_TRACES[0])).payload == h("08 01")
    assert fr.parse_packet(h(QUOTED_TRACES[1])).payload == h("00")
    assert h(COMMAND_VECTORS[0][1])[6:] == h("01 00 07 13 00 00 00 00 00 1b")  # STM32 AS608 VfyPwd constant
    assert fr.checksum(fr.PID_COMMAND, bytes([fr.TEMPLATE_NUM])) == 0x0021  # R503 manual
    assert fr.PACKET_SIZES == {0: 32, 1: 64, 2: 128, 3: 256}


def test_zfm_data_packet_vectors() -> None:
    first = fr.build_packet(fr.PID_DATA, bytes(range(128)))
    assert first[:9] == h("EF 01 FF FF FF FF 02 00 82") and first[-2:] == h("20 44") and len(first) == 139
    end = fr.build_packet(fr.PID_END, b"\xff" * 128)
    assert end[:9] == h("EF 01 FF FF FF FF 08 00 82") and end[-2:] == h("80 0A")
    big = fr.build_packet(fr.PID_DATA, b"\xff" * 256)
    assert big[:9] == h("EF 01 FF FF FF FF 02 01 02") and big[-2:] == h("FF 05")
    for frame, payload in ((first, bytes(range(128))), (end, b"\xff" * 128), (big, b"\xff" * 256)):
        assert fr.parse_packet(frame).payload == payload


def test_zfm_image_packet_count_256x288_at_128() -> None:
    image = bytes(i & 0xFF for i in range(256 * 288 // 2))
    assert len(image) == 36864
    packets = fr.split_data(image, 128)
    assert len(packets) == 288
    pids = [fr.parse_packet(p).pid for p in packets]
    assert pids.count(fr.PID_DATA) == 287 and pids[-1] == fr.PID_END
    assert sum(len(p) for p in packets) == 40032  # wire bytes, spec 1.7 table
    assert b"".join(fr.parse_packet(p).payload for p in packets) == image
    # the other packet sizes of the 1.7 table
    assert len(fr.split_data(image, 32)) == 1152 and sum(map(len, fr.split_data(image, 32))) == 49536
    assert len(fr.split_data(image, 256)) == 144 and sum(map(len, fr.split_data(image, 256))) == 38448
    assert len(fr.split_data(bytes(192 * 192 // 2), 128)) == 144


@pytest.mark.parametrize(
    ("size", "packet_size", "lengths"),
    [
        (512, 128, [128, 128, 128, 128]),
        (100, 128, [100]),  # one short packet is the end packet
        (384, 256, [256, 128]),  # pyfingerprint #92/#93: the tail must be its own packet
        (130, 128, [128, 2]),
    ],
)
def test_zfm_split_data_pids_and_lengths(size: int, packet_size: int, lengths: list[int]) -> None:
    packets = [fr.parse_packet(p) for p in fr.split_data(bytes(size), packet_size)]
    assert [len(p.payload) for p in packets] == lengths
    assert [p.pid for p in packets] == [fr.PID_DATA] * (len(lengths) - 1) + [fr.PID_END]


def test_zfm_build_rejects_oversize_and_bad_packet_size() -> None:
    with pytest.raises(ValueError):
        fr.build_packet(fr.PID_DATA, bytes(257))
    with pytest.raises(ValueError):
        fr.build_packet(fr.PID_DATA, b"")
    with pytest.raises(ValueError):
        fr.split_data(bytes(10), 100)
    with pytest.raises(ValueError):  # a packet needs a payload byte, so there is no empty end packet
        fr.split_data(b"", 128)


def test_zfm_parser_errors_are_typed() -> None:
    good = fr.build_command(fr.GEN_IMG)
    bad = good[:-1] + bytes([good[-1] ^ 0x01])
    p = fr.PacketParser()
    p.feed(bad)
    with pytest.raises(fr.ChecksumError) as info:
        p.next_packet()
    assert (info.value.address, info.value.pid) == (0xFFFFFFFF, fr.PID_COMMAND)
    other = fr.build_command(fr.GEN_IMG, address=0x12345678)
    p = fr.PacketParser()
    p.feed(other + good)
    with pytest.raises(fr.AddressMismatch):
        p.next_packet()
    assert p.next_packet() == fr.Packet(0xFFFFFFFF, fr.PID_COMMAND, b"\x01")
    p = fr.PacketParser(None)  # any address
    assert p.packets(other) == [fr.Packet(0x12345678, fr.PID_COMMAND, b"\x01")]
    for junk in (
        h("EF 01 FF FF FF FF 05 00 03 01 00 09"),
        h("EF 01 FF FF FF FF 01 00 02 01 00"),
        h("EF 01 FF FF FF FF 01 01 03"),
    ):
        p = fr.PacketParser()
        p.feed(junk)
        with pytest.raises(ProtocolError):
            p.next_packet()
    assert issubclass(fr.ChecksumError, ProtocolError) and issubclass(fr.AddressMismatch, ProtocolError)
    with pytest.raises(ProtocolError):
        fr.parse_packet(good + b"\x00")
    with pytest.raises(ProtocolError):
        fr.parse_packet(good[:-1])


def test_zfm_parser_one_byte_at_a_time_with_garbage() -> None:
    stream = h("00 EF EF 01 FF") + fr.build_ack(fr.CC_OK) + h("EF") + fr.build_ack(fr.CC_NO_FINGER) + h("01")
    p = fr.PacketParser()
    found: list[fr.Packet] = []
    for i in range(len(stream)):
        p.feed(stream[i : i + 1])
        while True:
            try:
                packet = p.next_packet()
            except ProtocolError:
                continue
            if packet is None:
                break
            found.append(packet)
    assert [x.code for x in found] == [fr.CC_OK, fr.CC_NO_FINGER]
    assert p.next_packet() is None  # an empty read is "no data yet", not an error


def test_zfm_empty_read_is_not_an_error() -> None:
    p = fr.PacketParser()
    assert p.next_packet() is None
    p.feed(b"")
    assert p.next_packet() is None
    assert p.packets(b"") == []


packets = st.builds(
    lambda pid, payload, addr: fr.build_packet(pid, payload, addr),
    st.sampled_from(sorted(fr.PIDS)),
    st.binary(min_size=1, max_size=256),
    st.sampled_from([0xFFFFFFFF, 0x00000000, 0x12345678]),
)


def _drain(p: fr.PacketParser, limit: int) -> list[fr.Packet]:
    out: list[fr.Packet] = []
    for _ in range(limit):
        try:
            packet = p.next_packet()
        except ProtocolError:
            continue
        if packet is None:
            break
        out.append(packet)
    return out


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.lists(st.integers(1, 80), max_size=20), st.sampled_from([None, 0xFFFFFFFF]))
def test_zfm_random_bytes_only_raise_protocol_error(data: bytes, cuts: list[int], address: int | None) -> None:
    p = fr.PacketParser(address)
    pos = 0
    for c in [*cuts, len(data)]:
        p.feed(data[pos : pos + c])
        pos += c
        _drain(p, len(data) + 2)
    assert p.pending <= len(data)


@settings(max_examples=300, deadline=None)
@given(st.lists(packets, min_size=1, max_size=4), st.data())
def test_zfm_mutated_packets_only_raise_protocol_error(frames: list[bytes], data: st.DataObject) -> None:
    stream = bytearray(b"".join(frames))
    for i in data.draw(st.lists(st.integers(0, len(stream) - 1), max_size=8)):
        i = min(i, len(stream) - 1)
        op = data.draw(st.integers(0, 2))
        if op == 0:
            stream[i] ^= 1 << data.draw(st.integers(0, 7))
        elif op == 1:
            del stream[i : i + 1]
        else:
            stream[i:i] = fr.HEADER[: data.draw(st.integers(1, 2))]
        if not stream:
            break
    p = fr.PacketParser(data.draw(st.sampled_from([None, 0xFFFFFFFF])))
    chunk = data.draw(st.integers(1, 97))
    for i in range(0, len(stream), chunk):
        p.feed(bytes(stream[i : i + chunk]))
        for packet in _drain(p, len(stream) + 2):
            assert packet.pid in fr.PIDS and 1 <= len(packet.payload) <= 256


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), packets, st.data())
def test_zfm_valid_packet_after_garbage_is_found(garbage: bytes, frame: bytes, data: st.DataObject) -> None:
    if garbage:  # sprinkle partial and whole headers into the garbage
        g = bytearray(garbage)
        for i in data.draw(st.lists(st.integers(0, len(garbage) - 1), max_size=5)):
            g[i : i + 1] = fr.HEADER[: data.draw(st.integers(1, 2))]
        garbage = bytes(g)
    chunk = data.draw(st.integers(1, 64))
    stream = garbage + frame
    p = fr.PacketParser(None)
    found: list[fr.Packet] = []
    for i in range(0, len(stream), chunk):
        p.feed(stream[i : i + chunk])
        found += _drain(p, len(stream) + 2)
    expected = fr.parse_packet(frame)
    if fr.HEADER not in garbage and not garbage.endswith(fr.HEADER[:1]):
        assert found == [expected]  # nothing in the garbage can start a packet: found at once, exactly once
    else:
        # a pseudo-header in the garbage may claim a LENGTH that swallows the real packet; once that
        # claimed length has passed, the parser is back in sync and finds the next valid packet
        p.feed(bytes(fr.HEAD_LEN + fr.MAX_LENGTH) + frame)
        found += _drain(p, 10 * len(stream) + 1000)
        assert found[-1] == expected
