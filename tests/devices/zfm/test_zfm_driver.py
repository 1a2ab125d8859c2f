"""FingerprintScanner against ZfmEmulator over a real pty and over socket:// (EmulatorServer)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from workstation.devices.emulation import EmulatorServer, Faults
from workstation.devices.errors import DeviceDisconnected, DeviceTimeout
from workstation.devices.transport import Transport
from workstation.devices.zfm import framer as fr
from workstation.devices.zfm.driver import (
    CC_MESSAGES,
    DEFAULT_BAUD,
    PROTOCOL,
    BadPacket,
    FingerprintScanner,
    PasswordRequired,
    SystemParameters,
    WrongPassword,
    ZfmError,
    detect_baud,
    probe,
)
from workstation.devices.zfm.emulator import ZfmEmulator
from workstation.devices.zfm.image import pack_4bit, unpack_4bit
from workstation.i18n import render

LINKS = ["pty", "tcp"]


class Rig:
    def __init__(self, link: str = "pty", faults: Faults | None = None, *, host_password: int = 0, **emu: Any) -> None:
        self.emu = ZfmEmulator(**emu)
        self.server = EmulatorServer(self.emu, baudrate=DEFAULT_BAUD, faults=faults)
        self.link = link
        self.url = self.server.start_pty() if link == "pty" else self.server.start_tcp()
        self.password = host_password
        self.transport = Transport(self.url, baudrate=DEFAULT_BAUD, timeout=0.02)
        self.scanner = FingerprintScanner(self.transport, password=host_password, timeout=1.0)

    def reopen(self) -> None:
        self.transport.close()
        self.transport = Transport(self.url, baudrate=DEFAULT_BAUD, timeout=0.02)
        self.scanner = FingerprintScanner(self.transport, password=self.password, timeout=1.0)

    def close(self) -> None:
        self.transport.close()
        self.server.stop()


@pytest.fixture(params=LINKS)
def rig(request: pytest.FixtureRequest) -> Iterator[Rig]:
    r = Rig(request.param)
    yield r
    r.close()


@pytest.fixture
def make_rig() -> Iterator[Any]:
    rigs: list[Rig] = []

    def make(link: str = "pty", faults: Faults | None = None, **kw: Any) -> Rig:
        r = Rig(link, faults, **kw)
        rigs.append(r)
        return r

    yield make
    for r in rigs:
        r.close()


# ---- pure units ------------------------------------------------------------------------------------
def test_constants() -> None:
    assert PROTOCOL == "zfm" and DEFAULT_BAUD == 57600


def test_system_parameters_from_spec_vector() -> None:
    ack = fr.parse_packet(
        bytes.fromhex("EF01FFFFFFFF 07 0013 00 0000 0000 00A3 0003 FFFFFFFF 0002 0006 04C4".replace(" ", ""))
    )
    p = SystemParameters.parse(ack.data)
    assert (p.status, p.system_id, p.capacity, p.security, p.address) == (0, 0, 0xA3, 3, 0xFFFFFFFF)
    assert p.packet_size == 128 and p.baudrate == 57600
    assert not (p.busy or p.passed or p.password_verified or p.image_valid)


def test_unpack_4bit_layout_and_pack_round_trip() -> None:
    data = bytes([0xF0, 0x1E, 0x00, 0xFF]) * 3  # 4 × 3 image: rows top → bottom, left pixel = high nibble
    img = unpack_4bit(data, 4, 6)
    assert img.shape == (6, 4) and img.dtype == np.uint8
    assert img[0].tolist() == [255, 0, 17, 238] and img[1].tolist() == [0, 0, 255, 255]
    assert pack_4bit(img) == data
    rng = np.random.default_rng(0)
    raw = rng.integers(0, 256, 256 * 288 // 2, dtype=np.uint8).tobytes()
    full = unpack_4bit(raw, 256, 288)
    assert (full % 17 == 0).all() and pack_4bit(full) == raw
    with pytest.raises(ValueError):
        unpack_4bit(raw[:-1], 256, 288)


def test_every_confirmation_code_has_both_languages() -> None:
    for code, (message, vendor) in CC_MESSAGES.items():
        zh = render(message, "zh_CN")
        assert message and zh and vendor and zh != str(message), hex(code)
        err = ZfmError(code, "op")
        assert err.code == code and f"0x{code:02X}" in str(err) and vendor in str(err)
    unknown = ZfmError(0x77)
    assert "0x77" in unknown.message and "0x77" in unknown.message_zh


# ---- handshake ---------------------------------------------------------------------------------------
def test_handshake_parameters_and_probe(rig: Rig) -> None:
    rig.scanner.verify_password()
    p = rig.scanner.read_system_parameters()
    assert p.capacity == 300 and p.security == 3 and p.address == 0xFFFFFFFF
    assert p.packet_size == 128 and p.baudrate == 57600
    assert probe(rig.transport)


def test_parameters_follow_the_module(make_rig: Any) -> None:
    rig = make_rig(capacity=1000, packet_size=64, security=5, baud_n=12)
    p = rig.scanner.read_system_parameters()
    assert (p.capacity, p.packet_size, p.security, p.baudrate) == (1000, 64, 5, 115200)


@pytest.mark.parametrize("link", LINKS)
def test_wrong_password_and_password_required(make_rig: Any, link: str) -> None:
    rig = make_rig(link, password=0x12345678)  # the module's password was changed; the station uses 0
    with pytest.raises(PasswordRequired) as required:
        rig.scanner.read_system_parameters()
    assert required.value.code == 0x21 and "password" in required.value.message and "0x21" in str(required.value)
    with pytest.raises(WrongPassword) as wrong:
        rig.scanner.verify_password()
    err = wrong.value
    assert err.code == 0x13 and "password was changed" in err.message and "密码已被修改" in err.message_zh
    assert "0x13" in str(err)
    assert probe(rig.transport)  # a module answering 0x13 is still a fingerprint module
    scanner = FingerprintScanner(rig.transport, password=0x12345678, timeout=1.0)
    scanner.verify_password()
    assert scanner.read_system_parameters().capacity == 300


def test_capture_no_finger_then_finger(rig: Rig) -> None:
    assert rig.scanner.capture_image() is False
    rig.emu.place_finger("alice", 2)
    assert rig.scanner.capture_image() is True
    assert rig.scanner.wait_for_finger(1.0, poll_interval=0.01)
    rig.emu.lift_finger()
    assert rig.scanner.wait_for_removal(1.0, poll_interval=0.01)
    assert rig.scanner.wait_for_finger(0.05, poll_interval=0.01) is False


# ---- image -------------------------------------------------------------------------------------------
def test_upload_image_shape_from_module_and_4bit_values(rig: Rig) -> None:
    rig.scanner.read_system_parameters()
    rig.emu.place_finger("alice", 2)
    assert rig.scanner.capture_image()
    img = rig.scanner.upload_image()
    assert img.shape == (288, 256) and img.dtype == np.uint8
    assert rig.scanner.image_size() == (288, 256)
    assert (img % 17 == 0).all()
    assert len(np.unique(img)) > 4  # a print, not a flat buffer


def test_presses_differ_but_are_the_same_finger(make_rig: Any) -> None:
    rig = make_rig()
    s = rig.scanner
    images = []
    for _ in range(2):
        rig.emu.place_finger("alice", 2)
        assert s.capture_image()
        images.append(s.upload_image())
        rig.emu.lift_finger()
    assert not np.array_equal(images[0], images[1])


def test_image_size_is_read_from_the_module(make_rig: Any) -> None:
    rig = make_rig(image_width=192, image_height=192, model="R503")
    info = rig.scanner.read_product_info()
    assert info is not None and (info.image_width, info.image_height) == (192, 192)
    rig.emu.place_finger("bob", 7)
    assert rig.scanner.capture_image()
    assert rig.scanner.upload_image().shape == (192, 192)


def test_product_info_unsupported_falls_back_to_256x288(rig: Rig) -> None:
    assert rig.scanner.read_product_info() is None
    assert rig.scanner.image_size() == (288, 256)
    rig.scanner.verify_password()  # the exchange is still in step afterwards


def test_download_image_round_trip(rig: Rig) -> None:
    rng = np.random.default_rng(5)
    img = (rng.integers(0, 16, (288, 256)) * 17).astype(np.uint8)
    rig.scanner.download_image(img)
    assert np.array_equal(rig.scanner.upload_image(), img)
    with pytest.raises(ValueError):
        rig.scanner.download_image(img[:100])


# ---- templates and library --------------------------------------------------------------------------
def _press(rig: Rig, identity: str, position: int, buffer: int, quality: str = "good") -> None:
    rig.emu.place_finger(identity, position, quality=quality)
    assert rig.scanner.capture_image()
    rig.scanner.image_to_features(buffer)
    rig.emu.lift_finger()


def _enrol_raw(rig: Rig, identity: str, position: int, page: int) -> None:
    _press(rig, identity, position, 1)
    _press(rig, identity, position, 2)
    rig.scanner.merge()
    rig.scanner.store(1, page)


def test_store_search_hit_and_miss_index_table_delete(rig: Rig) -> None:
    s = rig.scanner
    assert s.template_count() == 0 and s.index_table() == set() and s.free_page() == 0
    _enrol_raw(rig, "alice", 2, 0)
    _enrol_raw(rig, "bob", 7, 5)
    assert s.template_count() == 2 and s.index_table() == {0, 5} and s.free_page() == 1
    assert set(rig.emu.library) == {0, 5}
    _press(rig, "bob", 7, 1)
    hit = s.search(1)
    assert hit is not None and hit.page == 5 and hit.score > 0
    assert s.search(1, start=0, count=5) is None  # page 5 is outside 0..4
    _press(rig, "carol", 3, 1)
    assert s.search(1) is None
    _press(rig, "alice", 2, 2)
    s.load(1, 0)
    assert s.match() > 0
    s.load(1, 5)
    assert s.match() == 0
    s.delete(5)
    assert s.index_table() == {0} and s.template_count() == 1
    with pytest.raises(ZfmError) as info:
        s.load(1, 5)
    assert info.value.code in (0x0C, 0x22)


def test_index_table_spans_table_pages(make_rig: Any) -> None:
    rig = make_rig(capacity=1000)
    _enrol_raw(rig, "dave", 1, 0)
    rig.scanner.load(1, 0)
    for page in (255, 256, 700, 999):
        rig.scanner.store(1, page)
    assert rig.scanner.index_table() == {0, 255, 256, 700, 999}
    with pytest.raises(ZfmError) as info:
        rig.scanner.store(1, 1000)
    assert info.value.code == 0x0B and "out of range" in info.value.message


@pytest.mark.parametrize(
    ("packet_size", "template_size"),
    [(128, 512), (128, 300), (256, 384), (32, 100), (64, 768), (256, 200)],
)
def test_template_round_trip(make_rig: Any, packet_size: int, template_size: int) -> None:
    """Including lengths that are not a multiple of the packet size, and 384 bytes in 256-byte packets
    (the classic pyfingerprint bug sent that as one oversize packet)."""
    rig = make_rig(packet_size=packet_size, template_size=template_size)
    s = rig.scanner
    assert s.read_system_parameters().packet_size == packet_size
    _enrol_raw(rig, "erin", 4, 3)
    template = s.upload_template(1)
    assert len(template) == template_size
    s.download_template(2, template)
    assert s.upload_template(2) == template
    # the downloaded template matches a new press of the same finger, and can be stored
    s.store(2, 9)
    s.load(1, 9)
    assert s.upload_template(1) == template


@pytest.mark.parametrize("link", LINKS)
def test_template_round_trip_over_both_links(make_rig: Any, link: str) -> None:
    rig = make_rig(link)
    _enrol_raw(rig, "frank", 6, 0)
    t = rig.scanner.upload_template(1)
    rig.scanner.download_template(2, t)
    assert rig.scanner.upload_template(2) == t and len(t) == 512


# ---- confirmation codes ------------------------------------------------------------------------------
ERROR_CODES = [c for c in CC_MESSAGES if c not in (0x00, 0x02)]


@pytest.mark.parametrize("code", ERROR_CODES)
def test_each_confirmation_code_is_a_clear_error(make_rig: Any, code: int) -> None:
    rig = make_rig()
    rig.emu.place_finger("gina", 2)
    rig.emu.set_failure(code)
    with pytest.raises(ZfmError) as info:
        rig.scanner.capture_image()
    err = info.value
    message, vendor = CC_MESSAGES[code]
    assert err.code == code and (err.message, err.message_zh) == (message, render(message, "zh_CN"))
    assert f"0x{code:02X}" in str(err) and vendor in str(err)
    rig.emu.set_failure(None)
    assert rig.scanner.capture_image() is True


# ---- faults ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("link", LINKS)
def test_unplug_mid_image_then_replug(make_rig: Any, link: str) -> None:
    rig = make_rig(link)
    rig.scanner.timeout = 0.5
    rig.scanner.read_system_parameters()
    rig.scanner.read_product_info()
    rig.emu.place_finger("hana", 2)
    assert rig.scanner.capture_image()
    rig.server.faults.drop_after_bytes = rig.server.bytes_sent + 20_000  # about half the image
    got: list[Any] = []
    with pytest.raises((DeviceDisconnected, DeviceTimeout)) as info:
        got.append(rig.scanner.upload_image())
    assert got == []  # never a partial image
    msg = info.value.message
    assert ("disconnected" in msg or "No answer" in msg) and info.value.message_zh
    rig.server.replug()
    rig.reopen()
    rig.scanner.verify_password()
    assert rig.scanner.capture_image()
    assert rig.scanner.upload_image().shape == (288, 256)


@pytest.mark.parametrize("link", LINKS)
def test_damaged_image_data_is_a_clear_error(make_rig: Any, link: str) -> None:
    rig = make_rig(link, Faults(seed=1))  # seeded: the same bytes are damaged on every run
    rig.scanner.timeout = 0.5
    rig.scanner.read_system_parameters()
    rig.scanner.read_product_info()
    rig.emu.place_finger("ivan", 2)
    assert rig.scanner.capture_image()
    rig.server.faults.corrupt_probability = 0.002  # about 80 flipped bits in the 40 kB transfer
    got: list[Any] = []
    with pytest.raises(BadPacket) as info:
        got.append(rig.scanner.upload_image())
    assert got == []  # never a partial image
    assert "damaged" in info.value.message and "损坏" in info.value.message_zh
    assert info.value.hint and "checksum" in info.value.hint
    rig.server.faults.corrupt_probability = 0.0
    rig.scanner.verify_password()  # back in step: the rest of the damaged transfer was discarded
    assert rig.scanner.upload_image().shape == (288, 256)


def test_probe_of_silent_port_and_other_device(make_rig: Any) -> None:
    from workstation.devices.sam.emulator import SamEmulator

    rig = make_rig()
    rig.server.unplug()
    assert not probe(rig.transport, timeout=0.2)
    sam = EmulatorServer(SamEmulator(), baudrate=DEFAULT_BAUD)
    url = sam.start_pty()
    t = Transport(url, baudrate=DEFAULT_BAUD, timeout=0.02)
    try:
        assert not probe(t, timeout=0.3)
    finally:
        t.close()
        sam.stop()


@pytest.mark.parametrize("link", LINKS)
def test_detect_baud(make_rig: Any, link: str) -> None:
    rig = make_rig(link)
    rig.transport.close()  # the probe opens the port itself
    assert detect_baud(rig.url, timeout=0.3) == 57600


def test_detect_baud_finds_a_module_not_at_the_default(make_rig: Any) -> None:
    rig = make_rig(baud_n=2)  # a module set to 19200 on a link that, like a UART, hears only its own speed
    rig.server.enforce_baud = True
    rig.transport.close()
    assert detect_baud(rig.url, timeout=0.3) == 19200
    assert rig.server.bytes_lost > 0  # the 57600 probe went first and was not heard


# ---- administration ----------------------------------------------------------------------------------
def test_admin_settings(make_rig: Any) -> None:
    rig = make_rig()
    s = rig.scanner
    s.admin_set_security(5)
    assert s.read_system_parameters().security == 5
    s.admin_set_packet_size(32)
    assert s.read_system_parameters().packet_size == 32
    _enrol_raw(rig, "jan", 2, 0)
    t = s.upload_template(1)
    s.download_template(2, t)
    assert s.upload_template(2) == t
    s.admin_set_password(0xCAFEBABE)
    assert s.password == 0xCAFEBABE
    fresh = FingerprintScanner(rig.transport, timeout=1.0)
    with pytest.raises(WrongPassword):
        fresh.verify_password()
    s.verify_password()
    s.admin_empty_library()
    assert s.template_count() == 0
    with pytest.raises(ValueError):
        s.admin_set_packet_size(100)
    with pytest.raises(ValueError):
        s.admin_set_security(9)


def test_status_register_bits(make_rig: Any) -> None:
    rig = make_rig(password=0x0BADF00D, host_password=0x0BADF00D)
    rig.scanner.verify_password()
    p = rig.scanner.read_system_parameters()
    assert p.password_verified and not p.image_valid
    rig.emu.place_finger("kim", 2)
    assert rig.scanner.capture_image()
    assert rig.scanner.read_system_parameters().image_valid


def test_admin_set_baud_switches_the_host_too(make_rig: Any) -> None:
    rig = make_rig()
    assert rig.scanner.admin_set_baud(12) == 115200
    assert rig.transport.baudrate == 115200
    assert rig.scanner.read_system_parameters().baudrate == 115200
    with pytest.raises(ValueError):
        rig.scanner.admin_set_baud(13)


def test_manual_parameters_for_modules_without_readsyspara(make_rig: Any) -> None:
    rig = make_rig(packet_size=32)
    manual = SystemParameters(0, 0, 300, 3, 0xFFFFFFFF, packet_size_code=0, baud_n=6)
    s = FingerprintScanner(rig.transport, timeout=1.0, parameters=manual)
    rig.emu.place_finger("ned", 2)
    assert s.capture_image()
    s.image_to_features(1)
    t = s.upload_template(1)
    s.download_template(2, t)  # chunked by the manual packet size (32), as the module expects
    assert s.upload_template(2) == t


def test_paced_template_and_image_transfers(make_rig: Any) -> None:
    """At real wire speed the data arrives in many small reads; the exchange must still reassemble it."""
    rig = make_rig(model="R503", image_width=192, image_height=96, packet_size=256)
    rig.server.pace = True
    rig.server.baudrate = 115200
    s = rig.scanner
    rig.emu.place_finger("olga", 2)
    assert s.capture_image()
    img = s.upload_image()
    assert img.shape == (96, 192) and (img % 17 == 0).all()
    s.image_to_features(1)
    t = s.upload_template(1)
    s.download_template(2, t)
    assert s.upload_template(2) == t
