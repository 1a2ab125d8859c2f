"""ZfmEmulator with raw packets over a real pty and over socket:// (EmulatorServer), plus its synthetic fingers.

The helper below only frames commands with framer.py and reads replies with PacketParser; it is not a driver.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import serial
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.devices.emulation import EmulatorServer
from workstation.devices.errors import ProtocolError
from workstation.devices.zfm import framer as fr
from workstation.devices.zfm.emulator import (
    GET_IMAGE_EX,
    SECURITY_THRESHOLDS,
    ZfmEmulator,
    buffer_features,
    emulator_for_scenario,
    load_finger_scenario,
)
from workstation.devices.zfm.synthetic import finger_image, pack_4bit, unpack_4bit

FINGERS = Path(__file__).resolve().parents[3] / "resources" / "scenarios" / "fingers"
SCENARIOS = {p.stem: p for p in sorted(FINGERS.glob("*.json"))}
LINKS = ["pty", "tcp"]
REPLY_DEADLINE = 20.0  # generous: only bounds a hang, never asserted on


def h(s: str) -> bytes:
    return bytes.fromhex(s)


class RecordingServer(EmulatorServer):
    """A real EmulatorServer that also notes the pacing baud each reply went out at."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent_at: list[tuple[int, bytes]] = []

    def send(self, data: bytes) -> None:
        self.sent_at.append((self.baudrate, data))
        super().send(data)


class Raw:
    """Host end of the link: framer packets out, PacketParser packets in."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.port: Any = serial.serial_for_url(url, baudrate=57600, timeout=0.02)
        self.parser = fr.PacketParser(None)

    def close(self) -> None:
        self.port.close()

    def write(self, data: bytes) -> None:
        self.port.write(data)
        self.port.flush()

    def read_exact(self, n: int) -> bytes:
        buf = bytearray()
        deadline = time.monotonic() + REPLY_DEADLINE
        while len(buf) < n and time.monotonic() < deadline:
            buf += self.port.read(n - len(buf))
        assert len(buf) == n, f"expected {n} bytes, got {len(buf)}"
        return bytes(buf)

    def packets(self, n: int) -> list[fr.Packet]:
        out: list[fr.Packet] = []
        deadline = time.monotonic() + REPLY_DEADLINE
        while len(out) < n and time.monotonic() < deadline:
            self.parser.feed(self.port.read(4096))
            while len(out) < n:
                try:
                    packet = self.parser.next_packet()
                except ProtocolError as exc:  # the emulator never sends a malformed packet
                    raise AssertionError(f"malformed reply: {exc}") from exc
                if packet is None:
                    break
                out.append(packet)
        assert len(out) == n, f"expected {n} packets, got {len(out)}"
        return out

    def command(self, code: int, params: bytes = b"", *, address: int = fr.DEFAULT_ADDRESS) -> fr.Packet:
        self.write(fr.build_command(code, params, address))
        (ack,) = self.packets(1)
        assert ack.pid == fr.PID_ACK
        return ack

    def cc(self, code: int, params: bytes = b"") -> int:
        return self.command(code, params).code

    def upload(self, code: int, params: bytes, n_packets: int) -> tuple[fr.Packet, list[fr.Packet]]:
        self.write(fr.build_command(code, params))
        ack, *data = self.packets(1 + n_packets)
        return ack, data

    def assert_quiet(self) -> None:
        """Nothing is pending: the very next reply is the answer to a GetEcho sent now."""
        ack = self.command(fr.GET_ECHO)
        assert ack.code == fr.CC_ECHO_OK and self.parser.pending == 0


class Rig:
    def __init__(self, link: str, **emu: Any) -> None:
        self.emu = ZfmEmulator(**emu)
        self.server = RecordingServer(self.emu, baudrate=57600)
        self.link = link
        self.url = self.server.start_pty() if link == "pty" else self.server.start_tcp()
        self.raw = Raw(self.url)

    def reconnect(self) -> None:
        """A new host connection; over TCP the module sees a new client (volatile state resets)."""
        self.raw.close()
        if self.link == "pty":
            self.emu.on_connect()  # what the server does when a link (re)opens: a power cycle
        self.raw = Raw(self.url)

    def close(self) -> None:
        self.raw.close()
        self.server.stop()

    # a few host-side sequences built from raw commands
    def capture(self, identity: str, position: int, buffer: int, *, quality: str = "good") -> int:
        self.emu.place_finger(identity, position, quality=quality)
        assert self.raw.cc(fr.GEN_IMG) == fr.CC_OK
        cc = self.raw.cc(fr.IMG2TZ, bytes([buffer]))
        self.emu.lift_finger()
        return cc

    def enrol(self, identity: str, position: int, page: int) -> None:
        assert self.capture(identity, position, 1) == fr.CC_OK
        assert self.raw.cc(fr.GEN_IMG) == fr.CC_NO_FINGER  # the host waits for the finger to be lifted
        assert self.capture(identity, position, 2) == fr.CC_OK
        assert self.raw.cc(fr.REG_MODEL) == fr.CC_OK
        assert self.raw.cc(fr.STORE, bytes([1]) + page.to_bytes(2, "big")) == fr.CC_OK


@pytest.fixture(params=LINKS)
def rig(request: pytest.FixtureRequest) -> Iterator[Rig]:
    r = Rig(request.param)
    yield r
    r.close()


def make_rig(link: str, **emu: Any) -> Rig:
    return Rig(link, **emu)


# ---- system parameters, echo, reset -------------------------------------------------------------------------


@pytest.mark.parametrize("link", LINKS)
def test_zfm_read_sys_para_matches_spec_vector(link: str) -> None:
    r = make_rig(link, capacity=0xA3)
    try:
        r.raw.write(h("EF 01 FF FF FF FF 01 00 03 0F 00 13"))
        wire = r.raw.read_exact(28)
        assert wire == h("EF 01 FF FF FF FF 07 00 13 00 00 00 00 00 00 A3 00 03 FF FF FF FF 00 02 00 06 04 C4")
    finally:
        r.close()


def test_zfm_status_register_follows_the_image_buffer(rig: Rig) -> None:
    def status() -> int:
        return int.from_bytes(rig.raw.command(fr.READ_SYS_PARA).data[0:2], "big")

    assert status() == 0
    rig.emu.place_finger("synthetic-a", 2)
    assert rig.raw.cc(fr.GEN_IMG) == fr.CC_OK
    assert status() & 0x08  # ImgBufStat
    rig.emu.lift_finger()
    assert rig.raw.cc(fr.GEN_IMG) == fr.CC_NO_FINGER
    assert not status() & 0x08


def test_zfm_echo_soft_reset_led_unknown(rig: Rig) -> None:
    assert rig.raw.command(fr.GET_ECHO).code == 0x55
    assert rig.raw.cc(fr.AURA_LED, h("01 80 03 00")) == fr.CC_OK
    assert rig.raw.cc(0x7E) == fr.CC_UNSUPPORTED
    assert rig.raw.cc(fr.READ_PROD_INFO) == fr.CC_UNSUPPORTED  # ZFM-20 has no product info
    assert rig.raw.cc(GET_IMAGE_EX) == fr.CC_UNSUPPORTED
    rig.emu.place_finger("synthetic-a", 2)
    assert rig.raw.cc(fr.GEN_IMG) == fr.CC_OK
    rig.raw.write(h("EF 01 FF FF FF FF 01 00 03 3D 00 41"))
    assert rig.raw.read_exact(13) == h("EF 01 FF FF FF FF 07 00 03 00 00 0A") + b"\x55"
    assert rig.raw.cc(fr.UP_IMAGE) == fr.CC_UPLOAD_IMAGE  # the reset emptied the image buffer
    rig.raw.assert_quiet()


@pytest.mark.parametrize("link", LINKS)
def test_zfm_read_prod_info_on_r503(link: str) -> None:
    emu = ZfmEmulator(model="R503", image_width=192, image_height=192, capacity=200, template_size=1536)
    server = EmulatorServer(emu)
    raw = Raw(server.start_pty() if link == "pty" else server.start_tcp())
    try:
        ack = raw.command(fr.READ_PROD_INFO)
        assert ack.code == fr.CC_OK and len(ack.data) == 46
        info = ack.data
        assert info[:16].rstrip(b"\x00") == b"R503"
        assert [int.from_bytes(info[i : i + 2], "big") for i in (38, 40, 42, 44)] == [192, 192, 1536, 200]
        params = raw.command(fr.READ_SYS_PARA).data
        assert int.from_bytes(params[4:6], "big") == 200
        # GetImageEx: 0x07 for a poor image (kept in the buffer), 0x00 for a good one, 0x02 without a finger
        assert raw.cc(GET_IMAGE_EX) == fr.CC_NO_FINGER
        emu.place_finger("synthetic-f", 2, quality="poor")
        assert raw.cc(GET_IMAGE_EX) == fr.CC_FEW_FEATURES
        ack, data = raw.upload(fr.UP_IMAGE, b"", 144)
        assert ack.code == fr.CC_OK and len(b"".join(p.payload for p in data)) == 192 * 192 // 2
        emu.place_finger("synthetic-f", 2)
        assert raw.cc(GET_IMAGE_EX) == fr.CC_OK and raw.cc(fr.IMG2TZ, b"\x01") == fr.CC_OK
    finally:
        raw.close()
        server.stop()


def test_zfm_random_code_and_notepad(rig: Rig) -> None:
    codes = {rig.raw.command(fr.GET_RANDOM).data for _ in range(4)}
    assert all(len(c) == 4 for c in codes) and len(codes) > 1
    page = bytes(range(32))
    assert rig.raw.cc(fr.WRITE_NOTEPAD, b"\x03" + page) == fr.CC_OK
    ack = rig.raw.command(fr.READ_NOTEPAD, b"\x03")
    assert (ack.code, ack.data) == (fr.CC_OK, page)
    assert rig.raw.command(fr.READ_NOTEPAD, b"\x04").data == bytes(32)
    assert rig.raw.cc(fr.WRITE_NOTEPAD, b"\x10" + page) == fr.CC_BAD_NOTEPAD_PAGE
    assert rig.raw.cc(fr.READ_NOTEPAD, b"\x10") == fr.CC_BAD_NOTEPAD_PAGE
    assert rig.raw.cc(fr.WRITE_NOTEPAD, b"\x03" + page[:31]) == fr.CC_PACKET_ERROR


# ---- link-level behaviour -----------------------------------------------------------------------------------


def test_zfm_bad_checksum_answers_0x01_and_resyncs(rig: Rig) -> None:
    good = fr.build_command(fr.GEN_IMG)
    rig.raw.write(good[:-1] + bytes([good[-1] ^ 0x40]))
    assert rig.raw.read_exact(12) == h("EF 01 FF FF FF FF 07 00 03 01 00 0B")
    assert rig.raw.cc(fr.GEN_IMG) == fr.CC_NO_FINGER
    rig.raw.assert_quiet()


def test_zfm_wrong_address_is_silent(rig: Rig) -> None:
    rig.raw.write(fr.build_command(fr.GEN_IMG, address=0x12345678))
    rig.raw.write(fr.build_command(fr.READ_SYS_PARA, address=0xFFFFFFFE))
    rig.raw.assert_quiet()  # the first reply to arrive is the echo's
    assert rig.emu.commands_seen == [fr.GET_ECHO]


def test_zfm_garbage_between_packets_is_skipped(rig: Rig) -> None:
    junk = h("00 EF 55 EF 01 12 EF") + bytes(range(0xF0, 0x100))
    rig.raw.write(junk + fr.build_command(fr.GEN_IMG) + junk + fr.build_command(fr.TEMPLATE_NUM) + b"\xef")
    first, second = rig.raw.packets(2)
    assert first.code == fr.CC_NO_FINGER
    assert (second.code, second.data) == (fr.CC_OK, h("0000"))


@pytest.mark.parametrize("link", LINKS)
def test_zfm_custom_address(link: str) -> None:
    r = make_rig(link, address=0x0A0B0C0D)
    try:
        r.raw.write(fr.build_command(fr.GET_ECHO))  # default address: not for this module
        ack = r.raw.command(fr.READ_SYS_PARA, address=0x0A0B0C0D)
        assert ack.address == 0x0A0B0C0D and ack.data[8:12] == h("0A0B0C0D")
        # SetAddr: the ACK already comes from the new address, later commands must use it
        ack = r.raw.command(fr.SET_ADDR, h("01020304"), address=0x0A0B0C0D)
        assert (ack.code, ack.address) == (fr.CC_OK, 0x01020304)
        assert r.raw.command(fr.GET_ECHO, address=0x01020304).code == fr.CC_ECHO_OK
        assert r.emu.address == 0x01020304
    finally:
        r.close()


# ---- password ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("link", LINKS)
def test_zfm_password_flow(link: str) -> None:
    r = make_rig(link, password=0x12345678)
    try:
        for code, params in ((fr.GEN_IMG, b""), (fr.READ_SYS_PARA, b""), (fr.TEMPLATE_NUM, b""), (fr.GET_ECHO, b"")):
            assert r.raw.cc(code, params) == fr.CC_PASSWORD_REQUIRED
        assert r.raw.cc(fr.VFY_PWD, h("00000000")) == fr.CC_WRONG_PASSWORD
        assert r.raw.cc(fr.GEN_IMG) == fr.CC_PASSWORD_REQUIRED
        assert r.raw.cc(fr.VFY_PWD, h("12345678")) == fr.CC_OK
        assert r.raw.cc(fr.GEN_IMG) == fr.CC_NO_FINGER
        status = int.from_bytes(r.raw.command(fr.READ_SYS_PARA).data[0:2], "big")
        assert status & 0x04  # PWD verified
        # the password lives in flash: a new connection must verify again
        r.reconnect()
        assert r.raw.cc(fr.GEN_IMG) == fr.CC_PASSWORD_REQUIRED
        assert r.raw.cc(fr.VFY_PWD, h("12345678")) == fr.CC_OK
        # change it, reset: the new one is needed
        assert r.raw.cc(fr.SET_PWD, h("CAFEBABE")) == fr.CC_OK
        r.raw.write(fr.build_command(fr.SOFT_RESET))
        assert r.raw.read_exact(13)[-1] == 0x55
        assert r.raw.cc(fr.TEMPLATE_NUM) == fr.CC_PASSWORD_REQUIRED
        assert r.raw.cc(fr.VFY_PWD, h("12345678")) == fr.CC_WRONG_PASSWORD
        assert r.raw.cc(fr.VFY_PWD, h("CAFEBABE")) == fr.CC_OK
        # back to the default: no verification needed after a reconnect
        assert r.raw.cc(fr.SET_PWD, h("00000000")) == fr.CC_OK
        r.reconnect()
        assert r.raw.cc(fr.TEMPLATE_NUM) == fr.CC_OK
        assert r.emu.password == 0
    finally:
        r.close()


# ---- capture ------------------------------------------------------------------------------------------------


def test_zfm_capture_no_finger_failure_and_no_image(rig: Rig) -> None:
    assert rig.raw.cc(fr.GEN_IMG) == fr.CC_NO_FINGER
    assert rig.raw.cc(fr.IMG2TZ, b"\x01") == fr.CC_NO_IMAGE
    assert rig.raw.cc(fr.UP_IMAGE) == fr.CC_UPLOAD_IMAGE
    rig.emu.place_finger("synthetic-a", 2)
    rig.emu.set_failure(fr.CC_CAPTURE_FAIL)
    assert rig.raw.cc(fr.GEN_IMG) == fr.CC_CAPTURE_FAIL
    assert rig.raw.cc(fr.GEN_IMG) == fr.CC_CAPTURE_FAIL  # until cleared
    assert rig.raw.cc(fr.IMG2TZ, b"\x01") == fr.CC_NO_IMAGE
    rig.emu.set_failure(None)
    assert rig.raw.cc(fr.GEN_IMG) == fr.CC_OK
    assert rig.raw.cc(fr.IMG2TZ, b"\x01") == fr.CC_OK
    assert rig.raw.cc(fr.IMG2TZ, b"\x03") == fr.CC_PACKET_ERROR  # ZFM-20 has CharBuffer 1 and 2 only


def test_zfm_image_upload_bytes_and_pids(rig: Rig) -> None:
    rig.emu.place_finger("synthetic-a", 2)
    assert rig.raw.cc(fr.GEN_IMG) == fr.CC_OK
    ack, data = rig.raw.upload(fr.UP_IMAGE, b"", 288)
    assert ack.code == fr.CC_OK
    assert [p.pid for p in data] == [fr.PID_DATA] * 287 + [fr.PID_END]
    assert all(len(p.payload) == 128 for p in data)
    image = b"".join(p.payload for p in data)
    assert len(image) == 256 * 288 // 2
    assert image == pack_4bit(finger_image("synthetic-a", 2, 0))
    rig.raw.assert_quiet()
    # the packet size applies to the next transfer
    assert rig.raw.cc(fr.SET_SYS_PARA, bytes([fr.PARAM_PACKET_SIZE, 0])) == fr.CC_OK
    ack, data = rig.raw.upload(fr.UP_IMAGE, b"", 1152)
    assert [len(p.payload) for p in data] == [32] * 1152 and data[-1].pid == fr.PID_END
    assert b"".join(p.payload for p in data) == image
    assert rig.raw.command(fr.READ_SYS_PARA).data[12:14] == h("0000")


def test_zfm_download_image_then_extract(rig: Rig) -> None:
    other = pack_4bit(finger_image("synthetic-b", 6, 4))
    assert rig.raw.cc(fr.DOWN_IMAGE) == fr.CC_OK
    rig.raw.write(b"".join(fr.split_data(other, 128)))
    ack, data = rig.raw.upload(fr.UP_IMAGE, b"", 288)
    assert ack.code == fr.CC_OK and b"".join(p.payload for p in data) == other
    assert rig.raw.cc(fr.IMG2TZ, b"\x01") == fr.CC_OK  # features come from the buffer's content
    assert rig.capture("synthetic-b", 6, 2) == fr.CC_OK
    ack = rig.raw.command(fr.MATCH)
    assert ack.code == fr.CC_OK and int.from_bytes(ack.data, "big") >= SECURITY_THRESHOLDS[3]
    # a blank (finger-less) image has no features; a short transfer leaves no valid image
    assert rig.raw.cc(fr.DOWN_IMAGE) == fr.CC_OK
    rig.raw.write(b"".join(fr.split_data(b"\xee" * len(other), 128)))
    assert rig.raw.cc(fr.IMG2TZ, b"\x01") == fr.CC_FEW_FEATURES
    assert rig.raw.cc(fr.DOWN_IMAGE) == fr.CC_OK
    rig.raw.write(b"".join(fr.split_data(other[:-128], 128)))
    assert rig.raw.cc(fr.IMG2TZ, b"\x01") == fr.CC_NO_IMAGE


@pytest.mark.parametrize(
    ("quality", "cc"), [("poor", fr.CC_FEW_FEATURES), ("partial", fr.CC_FEW_FEATURES), ("smudged", fr.CC_MESSY)]
)
def test_zfm_poor_images_fail_img2tz(rig: Rig, quality: str, cc: int) -> None:
    rig.emu.place_finger("synthetic-c", 3, quality=quality)
    assert rig.raw.cc(fr.GEN_IMG) == fr.CC_OK  # capture succeeds, as on an R503
    assert rig.raw.cc(fr.IMG2TZ, b"\x01") == cc


# ---- enrol, search, match ------------------------------------------------------------------------------------


def index_ids(bitmap: bytes, page: int = 0) -> list[int]:
    return [256 * page + 8 * i + b for i, byte in enumerate(bitmap) for b in range(8) if byte >> b & 1]


def test_zfm_enrol_store_count_index(rig: Rig) -> None:
    rig.enrol("synthetic-a", 2, 7)
    assert rig.raw.command(fr.TEMPLATE_NUM).data == h("0001")
    ack = rig.raw.command(fr.READ_INDEX_TABLE, b"\x00")
    assert ack.code == fr.CC_OK and len(ack.data) == 32 and index_ids(ack.data) == [7]
    template = rig.emu.library[7]
    assert len(template) == 512 and template[:2] == h("03 01") and template[256:258] == h("03 03")
    rig.enrol("synthetic-b", 6, 258)
    assert rig.raw.command(fr.TEMPLATE_NUM).data == h("0002")
    assert index_ids(rig.raw.command(fr.READ_INDEX_TABLE, b"\x01").data, 1) == [258]
    assert index_ids(rig.raw.command(fr.READ_INDEX_TABLE, b"\x00").data) == [7]
    assert rig.raw.cc(fr.READ_INDEX_TABLE, b"\x04") == fr.CC_BAD_PAGE
    assert rig.raw.cc(fr.STORE, h("01 012C")) == fr.CC_BAD_PAGE  # page 300 of 0..299
    # delete and empty
    assert rig.raw.cc(fr.DELETE_CHAR, h("0007 0001")) == fr.CC_OK
    assert rig.raw.command(fr.TEMPLATE_NUM).data == h("0001")
    assert rig.raw.cc(fr.DELETE_CHAR, h("012B 0002")) == fr.CC_DELETE_FAIL
    assert rig.raw.cc(fr.EMPTY) == fr.CC_OK
    assert rig.raw.command(fr.TEMPLATE_NUM).data == h("0000") and rig.emu.library == {}


def test_zfm_reg_model_rejects_two_different_fingers(rig: Rig) -> None:
    assert rig.capture("synthetic-a", 2, 1) == fr.CC_OK
    assert rig.capture("synthetic-b", 6, 2) == fr.CC_OK
    assert rig.raw.cc(fr.REG_MODEL) == fr.CC_COMBINE_FAIL
    ack = rig.raw.command(fr.MATCH)
    assert ack.code == fr.CC_NO_MATCH and int.from_bytes(ack.data, "big") < SECURITY_THRESHOLDS[1]


@pytest.mark.parametrize("instruction", [fr.SEARCH, fr.HIGH_SPEED_SEARCH])
def test_zfm_search_finds_the_same_finger_only(rig: Rig, instruction: int) -> None:
    rig.enrol("synthetic-a", 2, 7)
    rig.enrol("synthetic-b", 6, 3)
    everything = h("0000 012C")
    assert rig.capture("synthetic-a", 2, 1) == fr.CC_OK  # a third press
    ack = rig.raw.command(instruction, b"\x01" + everything)
    assert ack.code == fr.CC_OK
    page, score = int.from_bytes(ack.data[:2], "big"), int.from_bytes(ack.data[2:], "big")
    assert page == 7 and score >= SECURITY_THRESHOLDS[3]
    status = int.from_bytes(rig.raw.command(fr.READ_SYS_PARA).data[0:2], "big")
    assert status & 0x02  # Pass
    assert rig.capture("synthetic-b", 6, 2) == fr.CC_OK
    ack = rig.raw.command(instruction, b"\x02" + everything)
    assert (ack.code, ack.data[:2]) == (fr.CC_OK, h("0003"))
    # outside the searched range: not found (CC + zeroed PageID and score)
    ack = rig.raw.command(instruction, b"\x02" + h("0004 0010"))
    assert (ack.code, ack.data) == (fr.CC_NOT_FOUND, bytes(4))
    # a finger that was never enrolled
    assert rig.capture("synthetic-z", 9, 1) == fr.CC_OK
    ack = rig.raw.command(instruction, b"\x01" + everything)
    assert (ack.code, ack.data) == (fr.CC_NOT_FOUND, bytes(4))
    assert rig.raw.cc(instruction, b"\x01" + h("012C 0001")) == fr.CC_BAD_PAGE


def test_zfm_match_scores_same_and_other_finger(rig: Rig) -> None:
    assert rig.capture("synthetic-a", 2, 1) == fr.CC_OK
    assert rig.capture("synthetic-a", 2, 2) == fr.CC_OK
    same = rig.raw.command(fr.MATCH)
    assert same.code == fr.CC_OK and len(same.data) == 2
    assert rig.capture("synthetic-e", 7, 2) == fr.CC_OK
    other = rig.raw.command(fr.MATCH)
    assert other.code == fr.CC_NO_MATCH
    assert int.from_bytes(same.data, "big") > int.from_bytes(other.data, "big") + 50


def test_zfm_up_char_down_char_round_trip(rig: Rig) -> None:
    rig.enrol("synthetic-a", 2, 1)
    assert rig.raw.cc(fr.LOAD_CHAR, h("01 0001")) == fr.CC_OK
    assert rig.raw.cc(fr.LOAD_CHAR, h("01 0002")) == fr.CC_READ_TEMPLATE  # empty page
    assert rig.raw.cc(fr.LOAD_CHAR, h("01 012C")) == fr.CC_BAD_PAGE
    ack, data = rig.raw.upload(fr.UP_CHAR, b"\x01", 4)
    assert ack.code == fr.CC_OK and [p.pid for p in data] == [2, 2, 2, 8]
    template = b"".join(p.payload for p in data)
    assert template == rig.emu.library[1] and len(template) == 512
    # back into CharBuffer2, stored elsewhere, matched against buffer 1
    assert rig.raw.cc(fr.DOWN_CHAR, b"\x02") == fr.CC_OK
    rig.raw.write(b"".join(fr.split_data(template, 128)))
    ack, data = rig.raw.upload(fr.UP_CHAR, b"\x02", 4)
    assert b"".join(p.payload for p in data) == template
    assert rig.raw.cc(fr.STORE, h("02 0009")) == fr.CC_OK and rig.emu.library[9] == template
    ack = rig.raw.command(fr.MATCH)
    assert ack.code == fr.CC_OK and int.from_bytes(ack.data, "big") >= SECURITY_THRESHOLDS[5]
    # a fresh press finds the imported copy too (search from page 2: only page 9 holds it)
    assert rig.capture("synthetic-a", 2, 1) == fr.CC_OK
    assert rig.raw.command(fr.SEARCH, h("01 0002 0100")).data[:2] == h("0009")


@pytest.mark.parametrize(
    ("chunks", "reason"),
    [
        ([128, 128, 128], "too short"),
        ([128, 128, 128, 128, 128], "too long"),
        ([256, 256], "packets bigger than the packet size (pyfingerprint #92)"),
        ([128, 64, 64, 128, 128], "a short packet before the last"),
    ],
)
def test_zfm_down_char_rejects_wrong_sizes(rig: Rig, chunks: list[int], reason: str) -> None:
    rig.enrol("synthetic-a", 2, 1)
    assert rig.raw.cc(fr.LOAD_CHAR, h("02 0001")) == fr.CC_OK
    template = rig.emu.library[1] + bytes(256)
    assert rig.raw.cc(fr.DOWN_CHAR, b"\x02") == fr.CC_OK
    pos = 0
    for i, n in enumerate(chunks):
        pid = fr.PID_END if i == len(chunks) - 1 else fr.PID_DATA
        rig.raw.write(fr.build_packet(pid, template[pos : pos + n]))
        pos += n
    _, data = rig.raw.upload(fr.UP_CHAR, b"\x02", 4)
    assert b"".join(p.payload for p in data) == bytes(512), reason
    assert buffer_features(rig.emu.char_buffers[2]) == ()


def test_zfm_down_char_corrupt_packet_and_abort(rig: Rig) -> None:
    rig.enrol("synthetic-a", 2, 1)
    template = rig.emu.library[1]
    packets = fr.split_data(template, 128)
    assert rig.raw.cc(fr.DOWN_CHAR, b"\x01") == fr.CC_OK
    bad = packets[1][:-1] + bytes([packets[1][-1] ^ 1])
    rig.raw.write(packets[0] + bad + packets[2] + packets[3])  # no reply to a bad data packet
    rig.raw.assert_quiet()
    assert rig.emu.char_buffers[1] == bytes(512)
    # a command in the middle of a transfer aborts it, and is answered
    assert rig.raw.cc(fr.DOWN_CHAR, b"\x01") == fr.CC_OK
    rig.raw.write(packets[0] + packets[1])
    assert rig.raw.cc(fr.TEMPLATE_NUM) == fr.CC_OK
    rig.raw.write(packets[2] + packets[3])  # stray data packets afterwards are ignored
    rig.raw.assert_quiet()
    assert rig.emu.char_buffers[1] == bytes(512)


# ---- SetSysPara -------------------------------------------------------------------------------------------


def test_zfm_set_sys_para_acks_at_the_old_settings(rig: Rig) -> None:
    rig.server.sent_at.clear()
    ack = rig.raw.command(fr.SET_SYS_PARA, bytes([fr.PARAM_BAUD, 12]))
    assert ack.code == fr.CC_OK
    assert rig.server.sent_at[-1] == (57600, fr.build_ack(fr.CC_OK))  # answered at the old baud …
    assert rig.server.baudrate == 115200 and rig.emu.baud_n == 12  # … then switched
    params = rig.raw.command(fr.READ_SYS_PARA)
    assert rig.server.sent_at[-1][0] == 115200
    assert params.data[14:16] == h("000C")
    assert rig.raw.cc(fr.SET_SYS_PARA, bytes([fr.PARAM_SECURITY, 5])) == fr.CC_OK
    assert rig.raw.cc(fr.SET_SYS_PARA, bytes([fr.PARAM_PACKET_SIZE, 3])) == fr.CC_OK
    assert rig.raw.command(fr.READ_SYS_PARA).data[6:8] + b"" == h("0005")
    assert rig.raw.command(fr.READ_SYS_PARA).data[12:14] == h("0003")
    assert rig.raw.cc(fr.SET_SYS_PARA, bytes([fr.PARAM_BAUD, 13])) == 0x1B
    assert rig.raw.cc(fr.SET_SYS_PARA, bytes([fr.PARAM_SECURITY, 0])) == 0x1B
    assert rig.raw.cc(fr.SET_SYS_PARA, bytes([fr.PARAM_PACKET_SIZE, 4])) == 0x1B
    assert rig.raw.cc(fr.SET_SYS_PARA, bytes([7, 1])) == fr.CC_BAD_REGISTER
    # settings are flash: they survive a new connection
    rig.reconnect()
    params = rig.raw.command(fr.READ_SYS_PARA).data
    assert (params[6:8], params[12:14], params[14:16]) == (h("0005"), h("0003"), h("000C"))
    assert rig.server.baudrate == 115200


def test_zfm_baud_applied_only_after_reset_when_configured(rig: Rig) -> None:
    rig.emu.baud_applies_on_reset = True
    assert rig.raw.cc(fr.SET_SYS_PARA, bytes([fr.PARAM_BAUD, 2])) == fr.CC_OK
    assert rig.server.baudrate == 57600
    rig.raw.write(fr.build_command(fr.SOFT_RESET))
    rig.raw.read_exact(13)
    assert rig.server.baudrate == 19200


def test_zfm_host_at_the_wrong_baud_is_not_heard_on_a_pty() -> None:
    r = make_rig("pty", baud_n=2)
    try:
        r.server.enforce_baud = True
        assert r.server.baudrate == 19200 and r.server.host_baudrate() == 57600
        r.raw.write(fr.build_command(fr.GET_ECHO))
        deadline = time.monotonic() + REPLY_DEADLINE
        while r.server.bytes_lost < 12 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert r.server.bytes_lost == 12 and r.emu.commands_seen == []
        r.raw.port.baudrate = 19200
        r.raw.assert_quiet()  # the only answer is to the echo sent at the right speed
        assert r.emu.commands_seen == [fr.GET_ECHO]
        # a baud change is heard at the old speed and answered there; then only the new speed works
        assert r.raw.cc(fr.SET_SYS_PARA, bytes([fr.PARAM_BAUD, 12])) == fr.CC_OK
        r.raw.port.baudrate = 115200
        r.raw.assert_quiet()
    finally:
        r.close()


# ---- scenarios ---------------------------------------------------------------------------------------------


def test_zfm_scenario_files_load() -> None:
    assert {"enrol_good", "impostor", "poor_then_good", "smudged", "partial", "r503_module"} <= set(SCENARIOS)
    for path in SCENARIOS.values():
        spec = load_finger_scenario(path)
        assert spec["identity"].startswith("synthetic-") and spec["label"]
        assert len(spec["expect"]["img2tz"]) == len(spec["presses"])


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_zfm_scenario_presses(name: str) -> None:
    spec = load_finger_scenario(SCENARIOS[name])
    emu = emulator_for_scenario(spec)
    server = EmulatorServer(emu)
    raw = Raw(server.start_tcp())
    try:
        good = []
        for i, (quality, expected) in enumerate(zip(spec["presses"], spec["expect"]["img2tz"], strict=True)):
            emu.place_finger(spec["identity"], spec["position"], quality=quality)
            assert raw.cc(fr.GEN_IMG) == fr.CC_OK
            assert raw.cc(fr.IMG2TZ, b"\x01") == expected, f"press {i} ({quality})"
            if expected == fr.CC_OK:
                good.append(i)
            emu.lift_finger()
        if spec["expect"].get("same_finger"):
            width, height = emu.image_width, emu.image_height
            _, data = raw.upload(fr.UP_IMAGE, b"", width * height // 2 // emu.packet_size)
            assert unpack_4bit(b"".join(p.payload for p in data), width, height).shape == (height, width)
            # enrol from the first two good presses' images, identify with a later one
            for buffer, press in ((1, 0), (2, 1)):
                img = finger_image(spec["identity"], spec["position"], press, width=width, height=height)
                assert raw.cc(fr.DOWN_IMAGE) == fr.CC_OK
                raw.write(b"".join(fr.split_data(pack_4bit(img), emu.packet_size)))
                assert raw.cc(fr.IMG2TZ, bytes([buffer])) == fr.CC_OK
            assert raw.cc(fr.REG_MODEL) == fr.CC_OK
            assert raw.cc(fr.STORE, h("01 0000")) == fr.CC_OK
            assert len(emu.library[0]) == emu.template_size
            emu.place_finger(spec["identity"], spec["position"])
            assert raw.cc(fr.GEN_IMG) == fr.CC_OK and raw.cc(fr.IMG2TZ, b"\x01") == fr.CC_OK
            assert raw.command(fr.SEARCH, h("01 0000") + emu.capacity.to_bytes(2, "big")).code == fr.CC_OK
    finally:
        raw.close()
        server.stop()


def test_zfm_scenario_validation(tmp_path: Path) -> None:
    bad = [
        {"position": 2},
        {"identity": "x", "position": 11},
        {"identity": "x", "presses": ["greasy"]},
        {"identity": "x", "module": {"colour": "red"}},
    ]
    for i, spec in enumerate(bad):
        p = tmp_path / f"{i}.json"
        p.write_text(json.dumps(spec), encoding="utf-8")
        with pytest.raises(ValueError):
            load_finger_scenario(p)


# ---- synthetic fingers -------------------------------------------------------------------------------------


def test_zfm_pack_4bit_layout() -> None:
    img = np.array([[0x12, 0xF0, 0x7F, 0x80], [0x00, 0xFF, 0x10, 0x0F]], dtype=np.uint8)
    packed = pack_4bit(img)
    assert packed == bytes([0x1F, 0x78, 0x0F, 0x10])  # left pixel in the high nibble, rows top→bottom
    assert unpack_4bit(packed, 4, 2).tolist() == [[17, 255, 119, 136], [0, 255, 17, 0]]
    with pytest.raises(ValueError):
        unpack_4bit(packed[:-1], 4, 2)


def test_zfm_synthetic_fingers_are_deterministic_and_distinct() -> None:
    a0 = finger_image("synthetic-a", 2, 0)
    assert a0.shape == (288, 256) and a0.dtype == np.uint8
    assert np.array_equal(a0, finger_image("synthetic-a", 2, 0))
    a1 = finger_image("synthetic-a", 2, 1)
    assert not np.array_equal(a0, a1)  # each press differs a little
    # light background (optical sensor) around a darker finger
    assert a0[:4, :4].mean() > 200 and a0[120:168, 100:156].mean() < a0[:4, :4].mean() - 40
    b0 = finger_image("synthetic-a", 3, 0)
    diff_press = np.abs(a0.astype(int) - a1.astype(int)).mean()
    diff_finger = np.abs(a0.astype(int) - b0.astype(int)).mean()
    assert diff_finger > 0 and diff_press > 0
    small = finger_image("synthetic-a", 2, 0, width=192, height=192)
    assert small.shape == (192, 192)
    with pytest.raises(ValueError):
        finger_image("synthetic-a", 2, quality="greasy")
    # poor is washed out: little contrast inside the finger
    poor = finger_image("synthetic-a", 2, 0, quality="poor")
    assert poor[100:188, 80:176].std() < a0[100:188, 80:176].std() / 3


@pytest.mark.parametrize("link", LINKS)
def test_zfm_press_counter_per_finger(link: str) -> None:
    r = make_rig(link)
    try:
        images = []
        for _ in range(2):
            r.emu.place_finger("synthetic-a", 2)
            assert r.raw.cc(fr.GEN_IMG) == fr.CC_OK
            images.append(b"".join(p.payload for p in r.raw.upload(fr.UP_IMAGE, b"", 288)[1]))
        assert images[0] == pack_4bit(finger_image("synthetic-a", 2, 0))
        assert images[1] == pack_4bit(finger_image("synthetic-a", 2, 1))
        assert r.raw.cc(fr.GEN_IMG) == fr.CC_OK  # the finger stays: the same image again
        assert b"".join(p.payload for p in r.raw.upload(fr.UP_IMAGE, b"", 288)[1]) == images[1]
    finally:
        r.close()


# ---- robustness --------------------------------------------------------------------------------------------


class Capture(ZfmEmulator):
    """The emulator without a link: replies are collected (EmulatedDevice.send is the only output)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.replies = bytearray()

    def send(self, data: bytes) -> None:
        self.replies += data


commands = st.builds(
    lambda code, params, addr: fr.build_command(code, params, addr),
    st.sampled_from(
        [
            *(fr.GEN_IMG, fr.IMG2TZ, fr.MATCH, fr.SEARCH, fr.REG_MODEL, fr.STORE, fr.LOAD_CHAR, fr.DELETE_CHAR),
            *(fr.UP_CHAR, fr.DOWN_CHAR, fr.TEMPLATE_NUM, fr.READ_INDEX_TABLE, fr.READ_NOTEPAD, fr.SET_SYS_PARA, 0x99),
        ]
    ),
    st.binary(max_size=6),
    st.sampled_from([0xFFFFFFFF, 0x12345678]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=40), commands, commands.map(lambda c: c[:-1] + b"\x00")), max_size=12))
def test_zfm_emulator_survives_any_host_bytes(chunks: list[bytes]) -> None:
    emu = Capture(capacity=20)
    for c in chunks:
        emu.on_bytes(c)
    p = fr.PacketParser()
    for packet in p.packets(bytes(emu.replies)):  # every reply is a well-formed packet from the module
        assert packet.pid in (fr.PID_ACK, fr.PID_DATA, fr.PID_END)
    # and it still answers afterwards (a pending transfer or partial packet is flushed by a fresh start)
    emu.on_connect()
    emu.replies.clear()
    emu.on_bytes(fr.build_command(fr.GET_ECHO))
    assert bytes(emu.replies) == fr.build_ack(fr.CC_ECHO_OK)
