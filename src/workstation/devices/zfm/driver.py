"""Host driver for ZhianTec / Synochip optical fingerprint modules (ZFM-20, R30x, AS608, R503, FPM10A).

One `FingerprintScanner` per module on a `Transport`, used from the port's owner thread: one command
at a time, each answered by one acknowledge packet (spec §1.2–1.8). Receiving is a resynchronising
state machine (`framer.PacketParser`): it hunts for EF 01, checks LENGTH, checksum and address, and an
empty read means "no data yet". Bulk data (images, templates) is chunked with ceil(len / packet size),
PID 0x02 for all but the last packet and 0x08 for the last, using the packet size the module reports in
ReadSysPara (read lazily before the first bulk transfer).

Nothing here changes the module's settings except the explicitly named ``admin_*`` methods: baud,
packet size, security level and password persist in the module's flash (spec §1.6, §5.5).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workstation.devices.errors import DeviceDisconnected, DeviceError, DeviceTimeout, ProtocolError
from workstation.devices.transport import Transport, wire_seconds
from workstation.devices.zfm import framer as fr
from workstation.devices.zfm.image import DEFAULT_HEIGHT, DEFAULT_WIDTH, pack_4bit, packed_size, unpack_4bit
from workstation.i18n import QT_TRANSLATE_NOOP

PROTOCOL = "zfm"
DEFAULT_BAUD = 57600
PROBE_BAUDS = (57600, 9600, 19200, 38400, 115200)
SCANNER = QT_TRANSLATE_NOOP("devices", "fingerprint scanner")
CHAR_BUFFERS = (1, 2)  # every family has CharBuffer 1 and 2 (R503 also 3..6)
MAX_TRANSFER_WIRE_BYTES = 49_536  # a 256×288 image in 32-byte packets (spec §1.7 table)

# Minimum answer budgets (seconds) for the slow commands; the scanner's `timeout` applies when larger.
# Capture < 0.2 s and feature extraction < 0.5 s (R503 spec); searching and flash writes take longer on
# big libraries; real drivers wait up to 2 s (FPM) for any answer (spec §1.1).
COMMAND_TIMEOUTS: dict[int, float] = {
    fr.GEN_IMG: 2.0,
    fr.IMG2TZ: 2.0,
    fr.REG_MODEL: 2.0,
    fr.STORE: 2.0,
    fr.SEARCH: 3.0,
    fr.HIGH_SPEED_SEARCH: 3.0,
    fr.DELETE_CHAR: 2.0,
    fr.EMPTY: 3.0,
    fr.SET_SYS_PARA: 2.0,
    fr.SET_PWD: 2.0,
}

# Operator message (marked) and vendor wording from the manuals / libdriver enum, per confirmation code
# (spec §1.5). The Chinese is in resources/translations/workstation_zh_CN.ts.
CC_MESSAGES: dict[int, tuple[str, str]] = {
    0x00: (
        QT_TRANSLATE_NOOP("zfm", "OK."),
        "OK",
    ),
    0x01: (
        QT_TRANSLATE_NOOP(
            "zfm",
            "The fingerprint scanner received a damaged command. Try again; if it repeats, check the cable or use "
            "a lower baud rate.",
        ),
        "error when receiving package (FRAME_ERROR)",
    ),
    0x02: (
        QT_TRANSLATE_NOOP("zfm", "No finger on the scanner. Place the finger flat on the glass."),
        "no finger on sensor (NO_FINGERPRINT)",
    ),
    0x03: (
        QT_TRANSLATE_NOOP(
            "zfm",
            "The scanner could not take the image. Clean the glass and place the finger again.",
        ),
        "fail to collect finger (INPUT_ERROR)",
    ),
    0x04: (
        QT_TRANSLATE_NOOP("zfm", "The image is too light (dry finger or light press). Press a little harder."),
        "image too dry/light (AS608 IMAGE_TOO_DRY)",
    ),
    0x05: (
        QT_TRANSLATE_NOOP(
            "zfm",
            "The image is too dark (wet finger or pressing too hard). Dry the finger and press more gently.",
        ),
        "image too wet/dark (AS608 IMAGE_TOO_WET)",
    ),
    0x06: (
        QT_TRANSLATE_NOOP("zfm", "The fingerprint image is too unclear to use. Lift the finger and press again."),
        "character file fail: image too disorderly (IMAGE_TOO_CLUTTER)",
    ),
    0x07: (
        QT_TRANSLATE_NOOP(
            "zfm",
            "Too few fingerprint features in the image. Place more of the finger, centred, on the glass.",
        ),
        "too few feature points / poor image (TOO_FEW_FEATURE)",
    ),
    0x08: (
        QT_TRANSLATE_NOOP("zfm", "The fingerprints do not match."),
        "finger doesn't match (NOT_MATCH)",
    ),
    0x09: (
        QT_TRANSLATE_NOOP("zfm", "No matching fingerprint in this scanner's library."),
        "no matching finger found (NOT_FOUND)",
    ),
    0x0A: (
        QT_TRANSLATE_NOOP(
            "zfm",
            "The presses could not be combined (perhaps different fingers). Enrol this finger again.",
        ),
        "fail to combine character files (FEATURE_COMBINE_ERROR)",
    ),
    0x0B: (
        QT_TRANSLATE_NOOP("zfm", "The scanner's library has no such position (page number out of range)."),
        "PageID beyond library (LIB_ADDR_OVER)",
    ),
    0x0C: (
        QT_TRANSLATE_NOOP("zfm", "The scanner could not read that stored template (empty or damaged)."),
        "error reading template / invalid template (LIB_READ_ERROR)",
    ),
    0x0D: (
        QT_TRANSLATE_NOOP("zfm", "The scanner failed to send the template. Try again."),
        "error uploading template (UPLOAD_FEATURE_ERROR)",
    ),
    0x0E: (
        QT_TRANSLATE_NOOP(
            "zfm",
            "The scanner could not receive the data that followed. Try again; if it repeats, check the cable.",
        ),
        "module can't receive following data packages (NO_FRAME)",
    ),
    0x0F: (
        QT_TRANSLATE_NOOP("zfm", "The scanner failed to send the image. Try again."),
        "error uploading image (UPLOAD_IMAGE_ERROR)",
    ),
    0x10: (
        QT_TRANSLATE_NOOP("zfm", "The scanner could not delete the template."),
        "fail to delete (LIB_DELETE_ERROR)",
    ),
    0x11: (
        QT_TRANSLATE_NOOP("zfm", "The scanner could not empty its library."),
        "fail to clear library (LIB_CLEAR_ERROR)",
    ),
    0x12: (
        QT_TRANSLATE_NOOP("zfm", "The scanner could not enter low-power mode."),
        "enter low-power error (AS608 ENTER_LOW_POWER_ERROR)",
    ),
    0x13: (
        QT_TRANSLATE_NOOP(
            "zfm",
            "The scanner refused the password: the module's password was changed and no longer matches the "
            "station's setting. An administrator must enter the module's password in the station settings (it "
            "cannot be read back from the module).",
        ),
        "wrong password (libdriver COMMAND_INVALID)",
    ),
    0x14: (
        QT_TRANSLATE_NOOP("zfm", "The scanner failed to reset."),
        "reset error (AS608 RESET_ERROR)",
    ),
    0x15: (
        QT_TRANSLATE_NOOP("zfm", "There is no valid image in the scanner to process. Place the finger again."),
        "fail to generate image: no valid primary image (BUFFER_INVALID)",
    ),
    0x16: (
        QT_TRANSLATE_NOOP("zfm", "The scanner's firmware update failed."),
        "UPDATE_ERROR",
    ),
    0x17: (
        QT_TRANSLATE_NOOP(
            "zfm",
            "A residual print or an unmoved finger was detected. Lift the finger, clean the glass and press again.",
        ),
        "residual finger / no move (AS608 NO_MOVE)",
    ),
    0x18: (
        QT_TRANSLATE_NOOP(
            "zfm",
            "The scanner could not write its memory (flash error); the module may be failing.",
        ),
        "error writing flash (FLASH_ERROR)",
    ),
    0x19: (
        QT_TRANSLATE_NOOP("zfm", "The scanner reported an undefined error. Try again."),
        "undefined error",
    ),
    0x1A: (
        QT_TRANSLATE_NOOP("zfm", "The scanner does not have that setting (invalid register number)."),
        "invalid register number (REG_INVALID)",
    ),
    0x1B: (
        QT_TRANSLATE_NOOP("zfm", "The scanner refused the setting value (incorrect register configuration)."),
        "incorrect register configuration (DATA_INVALID)",
    ),
    0x1C: (
        QT_TRANSLATE_NOOP("zfm", "Wrong notepad page number."),
        "wrong notepad page number (NOTE_PAGE_INVALID)",
    ),
    0x1D: (
        QT_TRANSLATE_NOOP("zfm", "The scanner could not operate its communication port."),
        "fail to operate communication port (PORT_INVALID)",
    ),
    0x1E: (
        QT_TRANSLATE_NOOP("zfm", "The scanner's automatic enrolment failed."),
        "auto-enroll error (ENROLL_ERROR)",
    ),
    0x1F: (
        QT_TRANSLATE_NOOP("zfm", "The scanner's fingerprint library is full."),
        "fingerprint library full (LIB_FULL)",
    ),
    0x20: (
        QT_TRANSLATE_NOOP("zfm", "The scanner's address does not match the station's setting."),
        "address code incorrect",
    ),
    0x21: (
        QT_TRANSLATE_NOOP(
            "zfm",
            "The scanner needs its password verified before anything else, and the station has not done so. "
            "Reconnect the scanner; if it repeats, check the scanner password in the station settings.",
        ),
        "password must be verified",
    ),
    0x22: (
        QT_TRANSLATE_NOOP("zfm", "The fingerprint template is empty."),
        "fingerprint template empty (R503)",
    ),
    0x24: (
        QT_TRANSLATE_NOOP("zfm", "The scanner's fingerprint library is empty."),
        "fingerprint library empty (R503)",
    ),
    0x26: (
        QT_TRANSLATE_NOOP("zfm", "The scanner timed out."),
        "timeout (R503)",
    ),
    0x27: (
        QT_TRANSLATE_NOOP("zfm", "This fingerprint already exists in the scanner's library."),
        "fingerprint already exists (R503)",
    ),
    0x29: (
        QT_TRANSLATE_NOOP("zfm", "The scanner's sensor reported a hardware error."),
        "sensor hardware error (R503)",
    ),
    0xFC: (
        QT_TRANSLATE_NOOP("zfm", "This scanner model does not support that command."),
        "unsupported command (R503)",
    ),
    0xFD: (
        QT_TRANSLATE_NOOP("zfm", "The scanner reported a hardware error."),
        "hardware error (R503)",
    ),
    0xFE: (
        QT_TRANSLATE_NOOP("zfm", "The scanner failed to execute the command."),
        "command execution failure (R503)",
    ),
}


def cc_message(code: int) -> tuple[str, str]:
    """(operator message, vendor text) for a confirmation code; unknown codes get a generic text.

    The message is marked (``str`` is English; ``workstation.i18n.render`` translates it).
    """
    if code in CC_MESSAGES:
        return CC_MESSAGES[code]
    return (
        QT_TRANSLATE_NOOP(
            "zfm", "The fingerprint scanner reported an unknown error (code 0x{code:02X}). Try again."
        ).format(code=code),
        "not in the documented code list",
    )


class ZfmError(DeviceError):
    """The module answered with a confirmation code other than OK; `code` is that code."""

    def __init__(self, code: int, what: str = "") -> None:
        message, vendor = cc_message(code)
        self.code = code
        self.operation = what
        where = f"{what}: " if what else ""
        super().__init__(message, hint=f"{where}confirmation code 0x{code:02X} ({vendor})")


class WrongPassword(ZfmError):
    def __init__(self, what: str = "verify password") -> None:
        super().__init__(fr.CC_WRONG_PASSWORD, what)


class PasswordRequired(ZfmError):
    def __init__(self, what: str = "") -> None:
        super().__init__(fr.CC_PASSWORD_REQUIRED, what)


def zfm_error(code: int, what: str = "") -> ZfmError:
    if code == fr.CC_WRONG_PASSWORD:
        return WrongPassword(what)
    if code == fr.CC_PASSWORD_REQUIRED:
        return PasswordRequired(what)
    return ZfmError(code, what)


class BadPacket(DeviceError):
    """A packet from the module was damaged (checksum, length, identifier) or did not fit the exchange."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "zfm",
                "Data from the fingerprint scanner was damaged on the way. Try again; if it repeats, check the "
                "cable or use a lower baud rate.",
            ),
            hint=detail,
        )


@dataclass(frozen=True, slots=True)
class SystemParameters:
    """ReadSysPara (spec §1.6)."""

    status: int
    system_id: int
    capacity: int
    security: int
    address: int
    packet_size_code: int
    baud_n: int

    @property
    def packet_size(self) -> int:
        """Data packet payload in bytes (32/64/128/256)."""
        return fr.PACKET_SIZES[self.packet_size_code]

    @property
    def baudrate(self) -> int:
        return 9600 * self.baud_n

    @property
    def busy(self) -> bool:
        return bool(self.status & 0x01)

    @property
    def passed(self) -> bool:
        """A matching finger was found by the last search/match."""
        return bool(self.status & 0x02)

    @property
    def password_verified(self) -> bool:
        return bool(self.status & 0x04)

    @property
    def image_valid(self) -> bool:
        """The image buffer holds a valid image."""
        return bool(self.status & 0x08)

    @classmethod
    def parse(cls, data: bytes) -> SystemParameters:
        if len(data) < 16:
            raise ProtocolError(f"system parameters need 16 bytes, got {len(data)}")

        def u16(i: int) -> int:
            return int.from_bytes(data[i : i + 2], "big")

        code = u16(12)
        if code not in fr.PACKET_SIZES:
            raise ProtocolError(f"packet size code {code} is not 0..3")
        return cls(
            status=u16(0),
            system_id=u16(2),
            capacity=u16(4),
            security=u16(6),
            address=int.from_bytes(data[8:12], "big"),
            packet_size_code=code,
            baud_n=u16(14),
        )


@dataclass(frozen=True, slots=True)
class ProductInfo:
    """ReadProdInfo (0x3C, R503): 46 bytes (brianrho/FPM `FPMProductInfo`)."""

    model: str
    batch: str
    serial: str
    hardware_version: tuple[int, int]
    sensor: str
    image_width: int
    image_height: int
    template_size: int
    database_size: int

    @classmethod
    def parse(cls, data: bytes) -> ProductInfo:
        if len(data) < 46:
            raise ProtocolError(f"product info needs 46 bytes, got {len(data)}")

        def text(a: int, b: int) -> str:
            return data[a:b].split(b"\x00", 1)[0].decode("ascii", "replace").strip()

        def u16(i: int) -> int:
            return int.from_bytes(data[i : i + 2], "big")

        return cls(
            model=text(0, 16),
            batch=text(16, 20),
            serial=text(20, 28),
            hardware_version=(data[28], data[29]),
            sensor=text(30, 38),
            image_width=u16(38),
            image_height=u16(40),
            template_size=u16(42),
            database_size=u16(44),
        )


@dataclass(frozen=True, slots=True)
class SearchHit:
    page: int
    score: int


class FingerprintScanner:
    """One fingerprint module on a `Transport`. Use it from its port's owner thread; a lock also keeps
    each command and its answer (and any data packets) together if it is shared by mistake.

    `timeout`: seconds to wait for an acknowledge (at least `COMMAND_TIMEOUTS` for slow commands) and
    for each data packet of a bulk transfer (so a 7 s image at 57600 baud never times out as a whole,
    but a stalled one fails within `timeout`)."""

    def __init__(
        self,
        transport: Transport,
        *,
        address: int = fr.DEFAULT_ADDRESS,
        password: int = fr.DEFAULT_PASSWORD,
        timeout: float = 2.0,
        parameters: SystemParameters | None = None,
    ) -> None:
        self.transport = transport
        self.address = address & 0xFFFFFFFF
        self.password = password & 0xFFFFFFFF
        self.timeout = timeout
        # `parameters`: manual defaults for modules that do not answer ReadSysPara (R308, spec §1.8.6);
        # otherwise they are read before the first bulk transfer
        self.parameters: SystemParameters | None = parameters
        self.product: ProductInfo | None = None
        self.image_shape: tuple[int, int] | None = None  # (height, width) once known
        self._lock = threading.RLock()
        # after a timeout: until when the module may still answer the timed-out command (monotonic)
        self._late_until: float | None = None

    # ---- raw exchange ----------------------------------------------------------------------------
    def _parser(self) -> fr.PacketParser:
        return fr.PacketParser(self.address)

    def _next_packet(self, parser: fr.PacketParser, deadline: float) -> fr.Packet:
        """Next valid packet for our address; BadPacket for a damaged one, DeviceTimeout at the deadline."""
        while True:
            try:
                packet = parser.next_packet()
            except fr.AddressMismatch:
                continue  # another module on the bus; not for us
            except ProtocolError as exc:
                raise BadPacket(str(exc)) from exc
            if packet is not None:
                return packet
            if time.monotonic() > deadline:
                raise DeviceTimeout(SCANNER)
            parser.feed(self.transport.read_some())  # empty read = no data yet

    def _exchange(
        self, code: int, params: bytes = b"", *, timeout: float | None = None
    ) -> tuple[fr.Packet, fr.PacketParser]:
        """Send one command; return its acknowledge packet (any confirmation code) and the parser, which
        may already hold the data packets that follow it.

        Acknowledgements carry no command identifier, so after a timeout the late answer to the timed-out
        command is awaited and discarded before the next command is sent (`_discard_late`)."""
        self._discard_late()
        self.transport.reset_input()
        self.transport.write(fr.build_command(code, params, self.address))
        parser = self._parser()
        if timeout is None:
            timeout = max(self.timeout, COMMAND_TIMEOUTS.get(code, 0.0))
        deadline = time.monotonic() + timeout
        try:
            while True:
                packet = self._next_packet(parser, deadline)
                if packet.pid == fr.PID_ACK and packet.payload:
                    return packet, parser
                # a stray data packet left over from an interrupted transfer: skip it
        except BadPacket:
            self._drain()  # a damaged acknowledge may be followed by data packets
            raise
        except DeviceTimeout:
            self._late_until = time.monotonic() + timeout
            raise

    def _discard_late(self, quiet: float = 0.05) -> None:
        """After a timed-out command or transfer: wait for the module's late answer (at most as long again
        as the budget that ran out, plus an image's wire time for a transfer) and discard it with any data
        packets that follow, until the line is quiet. Without this the late acknowledgement would be taken
        as the answer to the next command (a ReadSysPara answer read as TemplateNum = 0)."""
        until = self._late_until
        if until is None:
            return
        self._late_until = None
        parser = fr.PacketParser(None)
        answered: float | None = None
        hard_end = until + wire_seconds(MAX_TRANSFER_WIRE_BYTES, self.transport.baudrate)
        while True:
            now = time.monotonic()
            if answered is not None and now - answered >= quiet:
                return
            if (answered is None and now > until) or now > hard_end:
                return
            data = self.transport.read_some()
            if not data:
                continue
            if answered is not None:
                answered = now  # still arriving: data packets of the late answer
            if any(p.pid in (fr.PID_ACK, fr.PID_END) for p in parser.packets(data)):
                answered = now

    def command(self, code: int, params: bytes = b"", *, timeout: float | None = None) -> fr.Packet:
        """Send one command and return its acknowledge packet, whatever its confirmation code."""
        with self._lock:
            return self._exchange(code, params, timeout=timeout)[0]

    def _checked(self, code: int, params: bytes, what: str, *, timeout: float | None = None) -> fr.Packet:
        ack = self.command(code, params, timeout=timeout)
        if ack.code != fr.CC_OK:
            raise zfm_error(ack.code, what)
        return ack

    def _drain(self, quiet: float = 0.1) -> None:
        """After a damaged packet: discard input until the line has been quiet for `quiet` seconds (at most
        as long as the largest transfer, an image, takes on the wire), so the next command starts in step."""
        end = time.monotonic() + self.timeout + wire_seconds(MAX_TRANSFER_WIRE_BYTES, self.transport.baudrate)
        last = time.monotonic()
        while time.monotonic() < end and time.monotonic() - last < quiet:
            if self.transport.read_some():
                last = time.monotonic()

    def _receive_data(self, parser: fr.PacketParser, what: str, limit: int) -> bytes:
        """Data packets after an acknowledge, until PID 0x08. Each packet must arrive within `timeout`."""
        buf = bytearray()
        try:
            return self._receive_packets(parser, what, limit, buf)
        except DeviceTimeout:
            self._late_until = time.monotonic() + self.timeout  # the rest may still come: discard it later
            raise

    def _receive_packets(self, parser: fr.PacketParser, what: str, limit: int, buf: bytearray) -> bytes:
        try:
            while True:
                packet = self._next_packet(parser, time.monotonic() + self.timeout)
                if packet.pid not in (fr.PID_DATA, fr.PID_END):
                    raise BadPacket(f"{what}: packet identifier 0x{packet.pid:02X} in the middle of the data")
                buf += packet.payload
                if len(buf) > limit:
                    raise BadPacket(f"{what}: more than {limit} bytes of data")
                if packet.pid == fr.PID_END:
                    return bytes(buf)
        except BadPacket:
            self._drain()
            raise

    def _send_data(self, data: bytes) -> None:
        for packet in fr.split_data(data, self.packet_size(), self.address):
            self.transport.write(packet)

    # ---- identification --------------------------------------------------------------------------
    def verify_password(self, password: int | None = None) -> None:
        """VfyPwd with the configured password (or `password`). WrongPassword (0x13) explains that the
        module's password was changed."""
        pwd = self.password if password is None else password & 0xFFFFFFFF
        self._checked(fr.VFY_PWD, pwd.to_bytes(4, "big"), "verify password")

    def read_system_parameters(self) -> SystemParameters:
        """ReadSysPara; the packet size read here is used for every bulk transfer afterwards."""
        ack = self._checked(fr.READ_SYS_PARA, b"", "read system parameters")
        try:
            params = SystemParameters.parse(ack.data)
        except ProtocolError as exc:
            raise BadPacket(str(exc)) from exc
        self.parameters = params
        return params

    def read_product_info(self) -> ProductInfo | None:
        """ReadProdInfo (R503). None when the module does not support it (then the image is 256×288)."""
        try:
            ack = self.command(fr.READ_PROD_INFO, timeout=min(self.timeout, 0.5))
        except (DeviceTimeout, BadPacket):
            ack = None
        if ack is None or ack.code != fr.CC_OK or len(ack.data) < 46:
            if ack is not None and ack.code == fr.CC_PASSWORD_REQUIRED:
                raise PasswordRequired("read product info")
            self.product = None
            self.image_shape = (DEFAULT_HEIGHT, DEFAULT_WIDTH)
            return None
        info = ProductInfo.parse(ack.data)
        self.product = info
        if info.image_width > 0 and info.image_height > 0 and info.image_width % 2 == 0:
            self.image_shape = (info.image_height, info.image_width)
        else:
            self.image_shape = (DEFAULT_HEIGHT, DEFAULT_WIDTH)
        return info

    def system_parameters(self) -> SystemParameters:
        """The cached system parameters, read once if needed."""
        return self.parameters if self.parameters is not None else self.read_system_parameters()

    def packet_size(self) -> int:
        return self.system_parameters().packet_size

    def capacity(self) -> int:
        return self.system_parameters().capacity

    def image_size(self) -> tuple[int, int]:
        """(height, width) of the module's image, from ReadProdInfo where supported, else 256×288."""
        if self.image_shape is None:
            self.read_product_info()
        assert self.image_shape is not None
        return self.image_shape

    # ---- image -----------------------------------------------------------------------------------
    def capture_image(self) -> bool:
        """One GenImg: True when an image was taken, False when no finger is on the glass."""
        ack = self.command(fr.GEN_IMG)
        if ack.code == fr.CC_OK:
            return True
        if ack.code == fr.CC_NO_FINGER:
            return False
        raise zfm_error(ack.code, "capture image")

    def wait_for_finger(
        self, timeout: float, *, poll_interval: float = 0.15, cancel: threading.Event | None = None
    ) -> bool:
        """Poll GenImg until an image is taken (True); False when `timeout` passes or `cancel` is set."""
        end = time.monotonic() + timeout
        while True:
            if cancel is not None and cancel.is_set():
                return False
            if self.capture_image():
                return True
            if time.monotonic() + poll_interval > end:
                return False
            if cancel is not None:
                if cancel.wait(poll_interval):
                    return False
            else:
                time.sleep(poll_interval)

    def wait_for_removal(
        self, timeout: float, *, poll_interval: float = 0.15, cancel: threading.Event | None = None
    ) -> bool:
        """Poll GenImg until it reports no finger (True); False when `timeout` passes or `cancel` is set."""
        end = time.monotonic() + timeout
        while True:
            if cancel is not None and cancel.is_set():
                return False
            if not self.capture_image():
                return True
            if time.monotonic() + poll_interval > end:
                return False
            if cancel is not None:
                if cancel.wait(poll_interval):
                    return False
            else:
                time.sleep(poll_interval)

    def upload_image(self) -> npt.NDArray[np.uint8]:
        """UpImage: the image buffer as a uint8 array (height × width, values nibble × 17).

        The whole image or an error: a short, long or interrupted transfer raises, never returns part."""
        height, width = self.image_size()
        self.packet_size()  # learn the packet size before the transfer (spec §1.8.4)
        expected = packed_size(width, height)
        with self._lock:
            ack, parser = self._exchange(fr.UP_IMAGE)
            if ack.code != fr.CC_OK:
                raise zfm_error(ack.code, "upload image")
            data = self._receive_data(parser, "image", expected)
        if len(data) != expected:
            raise BadPacket(f"image: {len(data)} bytes received, {width}×{height} needs {expected}")
        return unpack_4bit(data, width, height)

    def download_image(self, img: npt.ArrayLike) -> None:
        """DownImage: put an image (height × width as the module's) into the module's image buffer."""
        height, width = self.image_size()
        a = np.asarray(img)
        if a.shape != (height, width):
            raise ValueError(f"the module's image is {width}×{height}, got shape {a.shape}")
        data = pack_4bit(a)
        self.packet_size()
        with self._lock:
            ack, _ = self._exchange(fr.DOWN_IMAGE)
            if ack.code != fr.CC_OK:
                raise zfm_error(ack.code, "download image")
            self._send_data(data)

    # ---- templates -------------------------------------------------------------------------------
    def image_to_features(self, buffer: int = 1) -> None:
        """Img2Tz: features of the image buffer into CharBuffer `buffer`."""
        self._checked(fr.IMG2TZ, bytes([buffer]), "extract features")

    def merge(self) -> None:
        """RegModel: combine CharBuffer 1 and 2 into a template (in both buffers)."""
        self._checked(fr.REG_MODEL, b"", "combine presses")

    def store(self, buffer: int, page: int) -> None:
        self._checked(fr.STORE, bytes([buffer]) + page.to_bytes(2, "big"), f"store at page {page}")

    def load(self, buffer: int, page: int) -> None:
        self._checked(fr.LOAD_CHAR, bytes([buffer]) + page.to_bytes(2, "big"), f"load page {page}")

    def upload_template(self, buffer: int = 1) -> bytes:
        """UpChar: the template / character file in `buffer` as raw bytes (size depends on the module)."""
        self.packet_size()
        with self._lock:
            ack, parser = self._exchange(fr.UP_CHAR, bytes([buffer]))
            if ack.code != fr.CC_OK:
                raise zfm_error(ack.code, "upload template")
            return self._receive_data(parser, "template", 16 * 1024)

    def download_template(self, buffer: int, data: bytes) -> None:
        """DownChar: send template bytes into `buffer` (ceil chunking, last packet PID 0x08)."""
        if not data:
            raise ValueError("empty template")
        self.packet_size()
        with self._lock:
            ack, _ = self._exchange(fr.DOWN_CHAR, bytes([buffer]))
            if ack.code != fr.CC_OK:
                raise zfm_error(ack.code, "download template")
            self._send_data(bytes(data))

    def match(self) -> int:
        """Match CharBuffer 1 against 2: the score, 0 when they do not match."""
        ack = self.command(fr.MATCH)
        if ack.code == fr.CC_NO_MATCH:
            return 0
        if ack.code != fr.CC_OK:
            raise zfm_error(ack.code, "match")
        return int.from_bytes(ack.data[:2], "big") if len(ack.data) >= 2 else 0

    def search(self, buffer: int = 1, start: int = 0, count: int | None = None) -> SearchHit | None:
        """Search the module's library (pages start..start+count-1) for CharBuffer `buffer`."""
        if count is None:
            count = max(self.capacity() - start, 0)
        ack = self.command(fr.SEARCH, bytes([buffer]) + start.to_bytes(2, "big") + count.to_bytes(2, "big"))
        if ack.code == fr.CC_NOT_FOUND:
            return None
        if ack.code != fr.CC_OK:
            raise zfm_error(ack.code, "search")
        if len(ack.data) < 4:
            raise BadPacket(f"search answer has {len(ack.data)} data bytes, expected 4")
        return SearchHit(int.from_bytes(ack.data[0:2], "big"), int.from_bytes(ack.data[2:4], "big"))

    def template_count(self) -> int:
        ack = self._checked(fr.TEMPLATE_NUM, b"", "count templates")
        if len(ack.data) < 2:
            raise BadPacket("template count answer too short")
        return int.from_bytes(ack.data[:2], "big")

    def index_table(self) -> set[int]:
        """Pages in use (ReadIndexTable, 256 pages per table page, LSB first)."""
        capacity = self.capacity()
        used: set[int] = set()
        for table in range(max(1, math.ceil(capacity / 256))):
            ack = self._checked(fr.READ_INDEX_TABLE, bytes([table]), "read index table")
            for i, byte in enumerate(ack.data[:32]):
                for bit in range(8):
                    if byte >> bit & 1:
                        page = 256 * table + 8 * i + bit
                        if page < capacity:
                            used.add(page)
        return used

    def free_page(self) -> int | None:
        """The lowest unused page, None when the library is full."""
        used = self.index_table()
        return next((p for p in range(self.capacity()) if p not in used), None)

    def delete(self, page: int, n: int = 1) -> None:
        self._checked(fr.DELETE_CHAR, page.to_bytes(2, "big") + n.to_bytes(2, "big"), f"delete page {page}")

    # ---- administration: the only methods that change module settings (persisted in flash) -------
    def _set_sys_para(self, param: int, value: int, what: str) -> None:
        self._checked(fr.SET_SYS_PARA, bytes([param, value]), what)
        self.parameters = None

    def admin_set_baud(self, n: int) -> int:
        """ADMIN: set baud N (baud = 9600·N, 1..12). The answer comes at the old baud; then this probes the
        new rate and falls back to the old one (some modules switch only after a power cycle). Returns
        the baud rate that works now."""
        if not 1 <= n <= 12:
            raise ValueError("baud N must be 1..12")
        old = self.transport.baudrate
        self._set_sys_para(fr.PARAM_BAUD, n, "set baud rate")
        time.sleep(0.25)
        for rate in (9600 * n, old):
            self.transport.set_baudrate(rate)
            try:
                self.read_system_parameters()
            except (DeviceTimeout, BadPacket):
                continue
            return rate
        raise DeviceTimeout(SCANNER)

    def admin_set_packet_size(self, size: int) -> None:
        """ADMIN: data packet size in bytes (32/64/128/256; 128 recommended)."""
        codes = {v: k for k, v in fr.PACKET_SIZES.items()}
        if size not in codes:
            raise ValueError("packet size must be 32, 64, 128 or 256")
        self._set_sys_para(fr.PARAM_PACKET_SIZE, codes[size], "set packet size")

    def admin_set_security(self, level: int) -> None:
        """ADMIN: matching security level 1 (lowest FAR threshold) .. 5."""
        if not 1 <= level <= 5:
            raise ValueError("security level must be 1..5")
        self._set_sys_para(fr.PARAM_SECURITY, level, "set security level")

    def admin_set_password(self, password: int) -> None:
        """ADMIN: set the module password. It cannot be read back; losing it makes the module unusable."""
        pwd = password & 0xFFFFFFFF
        self._checked(fr.SET_PWD, pwd.to_bytes(4, "big"), "set password")
        self.password = pwd

    def admin_empty_library(self) -> None:
        """ADMIN: delete every template in the module."""
        self._checked(fr.EMPTY, b"", "empty library")


def probe(transport: Transport, *, timeout: float = 0.5) -> bool:
    """Device-manager probe: VfyPwd with the default password. Any well-formed ZhianTec answer counts,
    including 0x13 (a module whose password was changed is still this kind of device)."""
    scanner = FingerprintScanner(transport, timeout=timeout)
    try:
        scanner.command(fr.VFY_PWD, fr.DEFAULT_PASSWORD.to_bytes(4, "big"))
    except (DeviceError, ProtocolError):
        return False
    return True


def detect_baud(
    url: str, bauds: Iterable[int] = PROBE_BAUDS, *, timeout: float = 0.5, port_timeout: float = 0.02
) -> int | None:
    """Try each baud rate in turn (57600 first) and return the first at which the module answers."""
    for baud in bauds:
        try:
            transport = Transport(url, baudrate=baud, timeout=port_timeout)
        except DeviceDisconnected:
            return None
        try:
            if probe(transport, timeout=timeout):
                return baud
        finally:
            transport.close()
    return None
