"""ZhianTec / Synochip packets: building and a resynchronising streaming parser (spec §1.2–1.7).

    offset 0  EF 01            header
           2  ADDR (4)         module address, default FF FF FF FF
           6  PID (1)          01 command, 02 data, 07 acknowledge, 08 end of data
           7  LENGTH (2)       len(payload) + 2 (the checksum), big-endian
           9  payload          instruction + params | confirmation code + data | raw data
         9+n  SUM (2)          (PID + LEN_hi + LEN_lo + sum(payload)) & 0xFFFF

Header and address are not summed. The parser raises only `ProtocolError` (or its subclasses
below); after a bad packet it has already skipped that header, so calling `next_packet()` again
continues hunting in the rest of the buffer. An empty read is "no data yet", never an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.devices.errors import ProtocolError

HEADER = b"\xef\x01"
DEFAULT_ADDRESS = 0xFFFFFFFF
DEFAULT_PASSWORD = 0x00000000
HEAD_LEN = 9  # header 2 + address 4 + PID 1 + LENGTH 2
MIN_LENGTH = 3  # a confirmation code (or instruction) + checksum
MAX_LENGTH = 258  # 256-byte data packets + checksum

PID_COMMAND = 0x01
PID_DATA = 0x02
PID_ACK = 0x07
PID_END = 0x08
PIDS = frozenset({PID_COMMAND, PID_DATA, PID_ACK, PID_END})

PACKET_SIZES = {0: 32, 1: 64, 2: 128, 3: 256}  # SetSysPara 6 / ReadSysPara code → payload bytes

# instruction codes (spec §1.4)
GEN_IMG = 0x01
IMG2TZ = 0x02
MATCH = 0x03
SEARCH = 0x04
REG_MODEL = 0x05
STORE = 0x06
LOAD_CHAR = 0x07
UP_CHAR = 0x08
DOWN_CHAR = 0x09
UP_IMAGE = 0x0A
DOWN_IMAGE = 0x0B
DELETE_CHAR = 0x0C
EMPTY = 0x0D
SET_SYS_PARA = 0x0E
READ_SYS_PARA = 0x0F
SET_PWD = 0x12
VFY_PWD = 0x13
GET_RANDOM = 0x14
SET_ADDR = 0x15
READ_NOTEPAD = 0x19
WRITE_NOTEPAD = 0x18
HIGH_SPEED_SEARCH = 0x1B
TEMPLATE_NUM = 0x1D
READ_INDEX_TABLE = 0x1F
AURA_LED = 0x35
READ_PROD_INFO = 0x3C
SOFT_RESET = 0x3D
GET_ECHO = 0x53

# SetSysPara parameter numbers
PARAM_BAUD = 4
PARAM_SECURITY = 5
PARAM_PACKET_SIZE = 6

# confirmation codes (spec §1.5) used by both ends
CC_OK = 0x00
CC_PACKET_ERROR = 0x01
CC_NO_FINGER = 0x02
CC_CAPTURE_FAIL = 0x03
CC_TOO_DRY = 0x04
CC_TOO_WET = 0x05
CC_MESSY = 0x06
CC_FEW_FEATURES = 0x07
CC_NO_MATCH = 0x08
CC_NOT_FOUND = 0x09
CC_COMBINE_FAIL = 0x0A
CC_BAD_PAGE = 0x0B
CC_READ_TEMPLATE = 0x0C
CC_UPLOAD_TEMPLATE = 0x0D
CC_CANT_RECEIVE = 0x0E
CC_UPLOAD_IMAGE = 0x0F
CC_DELETE_FAIL = 0x10
CC_CLEAR_FAIL = 0x11
CC_WRONG_PASSWORD = 0x13
CC_NO_IMAGE = 0x15
CC_FLASH = 0x18
CC_BAD_REGISTER = 0x1A
CC_BAD_NOTEPAD_PAGE = 0x1C
CC_LIBRARY_FULL = 0x1F
CC_PASSWORD_REQUIRED = 0x21
CC_ECHO_OK = 0x55
CC_UNSUPPORTED = 0xFC


class ChecksumError(ProtocolError):
    """A packet whose checksum does not add up; `address` and `pid` as received (the module answers 0x01)."""

    def __init__(self, message: str, address: int, pid: int) -> None:
        super().__init__(message)
        self.address = address
        self.pid = pid


class AddressMismatch(ProtocolError):
    """A well-formed packet for another address (a module stays silent; a host ignores it)."""


def checksum(pid: int, payload: bytes) -> int:
    length = len(payload) + 2
    return (pid + (length >> 8) + (length & 0xFF) + sum(payload)) & 0xFFFF


def build_packet(pid: int, payload: bytes, address: int = DEFAULT_ADDRESS) -> bytes:
    length = len(payload) + 2
    if not MIN_LENGTH <= length <= MAX_LENGTH:
        raise ValueError(f"payload of {len(payload)} bytes does not fit one packet")
    return (
        HEADER
        + (address & 0xFFFFFFFF).to_bytes(4, "big")
        + bytes([pid & 0xFF])
        + length.to_bytes(2, "big")
        + payload
        + checksum(pid, payload).to_bytes(2, "big")
    )


def build_command(code: int, params: bytes = b"", address: int = DEFAULT_ADDRESS) -> bytes:
    """Host → module, e.g. build_command(GEN_IMG) == EF 01 FF FF FF FF 01 00 03 01 00 05."""
    return build_packet(PID_COMMAND, bytes([code & 0xFF]) + params, address)


def build_ack(cc: int, data: bytes = b"", address: int = DEFAULT_ADDRESS) -> bytes:
    """Module → host acknowledgement: confirmation code + return data."""
    return build_packet(PID_ACK, bytes([cc & 0xFF]) + data, address)


def split_data(data: bytes, packet_size: int, address: int = DEFAULT_ADDRESS) -> list[bytes]:
    """Bulk data as packets: ceil(len/size) chunks, PID 0x02 for all but the last, 0x08 for the last
    (also when there is only one, and when the last is short). Empty data cannot be sent: a packet needs at
    least one payload byte (LENGTH ≥ 3), so it raises ValueError."""
    if packet_size not in PACKET_SIZES.values():
        raise ValueError(f"packet size {packet_size} is not one of 32/64/128/256")
    if not data:
        raise ValueError("no data to send: an empty data packet (LENGTH 2) is not a valid packet")
    chunks = [data[i : i + packet_size] for i in range(0, len(data), packet_size)]
    return [
        build_packet(PID_END if i == len(chunks) - 1 else PID_DATA, chunk, address) for i, chunk in enumerate(chunks)
    ]


@dataclass(frozen=True, slots=True)
class Packet:
    address: int
    pid: int
    payload: bytes

    @property
    def code(self) -> int:
        """Instruction (command packet) or confirmation code (acknowledge packet)."""
        if not self.payload:
            raise ProtocolError("packet has no payload")
        return self.payload[0]

    @property
    def data(self) -> bytes:
        """Parameters (command) or return data (acknowledge): the payload after its first byte."""
        return self.payload[1:]


class PacketParser:
    """Streaming parser: feed any chunks, take whole packets out.

    `address` None accepts any address; otherwise a well-formed packet for another address raises
    `AddressMismatch` (it has been consumed). A bad checksum raises `ChecksumError`, a bad PID or
    LENGTH raises `ProtocolError`; in both cases only the header is skipped.
    """

    def __init__(self, address: int | None = DEFAULT_ADDRESS, *, max_length: int = MAX_LENGTH) -> None:
        self.address = address
        self.max_length = max_length
        self._buf = bytearray()
        self.discarded = 0

    def feed(self, data: bytes) -> None:
        self._buf += data

    def clear(self) -> None:
        self._buf.clear()

    @property
    def pending(self) -> int:
        return len(self._buf)

    def _skip(self, n: int) -> None:
        del self._buf[:n]
        self.discarded += n

    def _hunt(self) -> bool:
        i = self._buf.find(HEADER)
        if i < 0:
            keep = 1 if self._buf.endswith(HEADER[:1]) else 0
            self._skip(len(self._buf) - keep)
            return False
        if i:
            self._skip(i)
        return True

    def next_packet(self) -> Packet | None:
        if not self._hunt() or len(self._buf) < HEAD_LEN:
            return None
        pid = self._buf[6]
        length = int.from_bytes(self._buf[7:9], "big")
        if pid not in PIDS:
            self._skip(1)
            raise ProtocolError(f"unknown packet identifier 0x{pid:02X}")
        if not MIN_LENGTH <= length <= self.max_length:
            self._skip(1)
            raise ProtocolError(f"packet length {length} out of range {MIN_LENGTH}..{self.max_length}")
        total = HEAD_LEN + length
        if len(self._buf) < total:
            return None
        raw = bytes(self._buf[:total])
        address = int.from_bytes(raw[2:6], "big")
        payload = raw[HEAD_LEN:-2]
        got, want = int.from_bytes(raw[-2:], "big"), checksum(pid, payload)
        if got != want:
            self._skip(1)
            raise ChecksumError(f"checksum mismatch (got 0x{got:04X}, computed 0x{want:04X})", address, pid)
        del self._buf[:total]
        if self.address is not None and address != self.address:
            raise AddressMismatch(f"packet for address 0x{address:08X}, expected 0x{self.address:08X}")
        return Packet(address, pid, payload)

    def packets(self, data: bytes = b"") -> list[Packet]:
        """Feed data and return every complete valid packet for this address, skipping bad ones."""
        self.feed(data)
        out: list[Packet] = []
        while True:
            try:
                packet = self.next_packet()
            except ProtocolError:
                continue
            if packet is None:
                return out
            out.append(packet)


def parse_packet(frame: bytes, address: int | None = None) -> Packet:
    """Parse exactly one complete packet (nothing before or after it)."""
    parser = PacketParser(address)
    parser.feed(frame)
    packet = parser.next_packet()
    if packet is None or parser.pending:
        raise ProtocolError("not exactly one complete packet")
    return packet
