"""SAM_V frames: building host commands and a resynchronising streaming parser.

Host → SAM:  AA AA AA 96 69 | LEN_hi LEN_lo | CMD | PARA | DATA… | CHK
SAM → host:  AA AA AA 96 69 | LEN_hi LEN_lo | SW1 | SW2 | SW3 | DATA… | CHK
LEN counts every byte after itself up to and including CHK; CHK is the XOR of every byte after
the 5-byte preamble (LEN included), excluding CHK itself.

The parser raises only `ProtocolError`. After a bad frame it has already skipped the bad preamble,
so calling `next_frame()` again continues hunting in the rest of the buffer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

from workstation.devices.errors import ProtocolError
from workstation.i18n import QT_TRANSLATE_NOOP

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
MIN_LEN = 3  # CMD PARA CHK (host) — a SAM reply is at least 4 (SW1 SW2 SW3 CHK)
MAX_LEN = 0x1000  # largest known reply is 0x090A (30 10); anything much bigger is garbage

# commands (CMD, PARA)
CMD_RESET = (0x10, 0xFF)
CMD_STATUS = (0x11, 0xFF)
CMD_SAM_ID = (0x12, 0xFF)
CMD_FIND = (0x20, 0x01)
CMD_SELECT = (0x20, 0x02)
CMD_READ_BASE = (0x30, 0x01)  # text + photo
CMD_READ_ADDRESS = (0x30, 0x03)  # additional address
CMD_READ_MID = (0x30, 0x05)
CMD_READ_ALL = (0x30, 0x10)  # text + photo + fingerprint
CMD_SET_MAX_RF = (0x61, 0xFF)  # + 1 data byte
CMD_SET_BAUD = 0x60  # PARA 0..4

# SW3 status codes
SW_OK = 0x90
SW_NO_CONTENT = 0x91
SW_FIND_OK = 0x9F
SW_CHECKSUM = 0x10
SW_LENGTH = 0x11
SW_COMMAND = 0x21
SW_UNAUTHORISED_OP = 0x23
SW_UNRECOGNISED = 0x24
SW_CARD_AUTH_SAM = 0x31
SW_SAM_AUTH_CARD = 0x32
SW_VERIFY = 0x33
SW_CARD_TYPE = 0x40
SW_READ_FAILED = 0x41
SW_RANDOM = 0x47
SW_SELF_TEST = 0x60
SW_NOT_AUTHORISED = 0x66
SW_FIND_FAILED = 0x80
SW_SELECT_FAILED = 0x81

SUCCESS_CODES = frozenset({SW_OK, SW_NO_CONTENT, SW_FIND_OK})

# SW3 → plain-language message for the operator (marked; Chinese in resources/translations/*.ts)
STATUS_MESSAGES: dict[int, str] = {
    SW_OK: QT_TRANSLATE_NOOP("sam", "Operation successful."),
    SW_NO_CONTENT: QT_TRANSLATE_NOOP("sam", "The card has no content for this item."),
    SW_FIND_OK: QT_TRANSLATE_NOOP("sam", "Card found."),
    SW_CHECKSUM: QT_TRANSLATE_NOOP(
        "sam",
        "The ID card reader received a damaged command (checksum error). Try again; if it repeats, check the cable.",
    ),
    SW_LENGTH: QT_TRANSLATE_NOOP("sam", "The ID card reader received a command of the wrong length. Try again."),
    SW_COMMAND: QT_TRANSLATE_NOOP("sam", "The ID card reader rejected the command (not supported by this reader)."),
    SW_UNAUTHORISED_OP: QT_TRANSLATE_NOOP("sam", "The ID card reader refused an unauthorised operation."),
    SW_UNRECOGNISED: QT_TRANSLATE_NOOP("sam", "The ID card reader reported an unknown error. Try again."),
    SW_CARD_AUTH_SAM: QT_TRANSLATE_NOOP(
        "sam",
        "The card did not accept the reader's security module. Place the card again; if it repeats, the card may "
        "be damaged.",
    ),
    SW_SAM_AUTH_CARD: QT_TRANSLATE_NOOP(
        "sam",
        "The reader could not authenticate this card. It may not be a genuine ID card, or it is damaged.",
    ),
    SW_VERIFY: QT_TRANSLATE_NOOP("sam", "The card's information failed verification. Place the card again."),
    SW_CARD_TYPE: QT_TRANSLATE_NOOP(
        "sam", "This card type is not recognised. Use a resident ID card or residence permit."
    ),
    SW_READ_FAILED: QT_TRANSLATE_NOOP(
        "sam", "Reading the card failed. Keep the card still on the reader and try again."
    ),
    SW_RANDOM: QT_TRANSLATE_NOOP(
        "sam", "The reader could not get a random number from the card. Place the card again."
    ),
    SW_SELF_TEST: QT_TRANSLATE_NOOP(
        "sam",
        "The ID card reader's security module failed its self-test. Restart the reader; if it repeats, it needs "
        "service.",
    ),
    SW_NOT_AUTHORISED: QT_TRANSLATE_NOOP(
        "sam",
        "The ID card reader's security module is not authorised and cannot be used. Contact the supplier.",
    ),
    SW_FIND_FAILED: QT_TRANSLATE_NOOP("sam", "No card on the reader. Place the ID card flat on the reader."),
    SW_SELECT_FAILED: QT_TRANSLATE_NOOP("sam", "The card could not be selected. Lift the card and place it again."),
}


def status_message(sw3: int) -> str:
    """The operator's message for an SW3 code, including unknown ones (marked; ``str`` is English)."""
    if sw3 in STATUS_MESSAGES:
        return STATUS_MESSAGES[sw3]
    return QT_TRANSLATE_NOOP("sam", "The ID card reader reported an unknown status (0x{code:02X}). Try again.").format(
        code=sw3
    )


def xor(data: bytes) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def _frame(body: bytes) -> bytes:
    length = len(body) + 1
    if not MIN_LEN <= length <= 0xFFFF:
        raise ValueError(f"frame body length {len(body)} out of range")
    head = length.to_bytes(2, "big") + body
    return PREAMBLE + head + bytes([xor(head)])


def build_command(cmd: int, para: int, data: bytes = b"") -> bytes:
    """A host → SAM frame, e.g. build_command(0x20, 0x01) == AA AA AA 96 69 00 03 20 01 22."""
    return _frame(bytes([cmd & 0xFF, para & 0xFF]) + data)


def build_response(sw3: int, data: bytes = b"", *, sw1: int = 0, sw2: int = 0) -> bytes:
    """A SAM → host frame (used by the emulator and tests)."""
    return _frame(bytes([sw1 & 0xFF, sw2 & 0xFF, sw3 & 0xFF]) + data)


@dataclass(frozen=True, slots=True)
class Command:
    cmd: int
    para: int
    data: bytes

    @classmethod
    def from_body(cls, body: bytes) -> Command:
        if len(body) < 2:
            raise ProtocolError("command frame too short")
        return cls(body[0], body[1], bytes(body[2:]))


@dataclass(frozen=True, slots=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @classmethod
    def from_body(cls, body: bytes) -> Response:
        if len(body) < 3:
            raise ProtocolError("reply frame too short (needs SW1 SW2 SW3)")
        return cls(body[0], body[1], body[2], bytes(body[3:]))

    @property
    def ok(self) -> bool:
        return self.sw3 in SUCCESS_CODES


class FrameParser:
    """Streaming parser: feed any chunks, take whole frames out.

    `next_frame()` returns the body (bytes between LEN and CHK) of the next complete frame, None if
    more bytes are needed, or raises `ProtocolError` for a bad length or checksum (the bad preamble
    is skipped first, so parsing can continue with the following bytes).
    """

    def __init__(self, *, min_len: int = MIN_LEN, max_len: int = MAX_LEN) -> None:
        self._buf = bytearray()
        self.min_len = min_len
        self.max_len = max_len
        self.discarded = 0  # garbage bytes skipped while hunting

    def feed(self, data: bytes) -> None:
        self._buf += data

    def clear(self) -> None:
        self._buf.clear()

    @property
    def pending(self) -> int:
        return len(self._buf)

    def _hunt(self) -> bool:
        i = self._buf.find(PREAMBLE)
        if i < 0:
            # keep a tail that may be the start of a preamble split across chunks
            keep = 0
            for k in range(min(len(PREAMBLE) - 1, len(self._buf)), 0, -1):
                if self._buf.endswith(PREAMBLE[:k]):
                    keep = k
                    break
            drop = len(self._buf) - keep
            self.discarded += drop
            del self._buf[:drop]
            return False
        if i:
            self.discarded += i
            del self._buf[:i]
        return True

    def next_frame(self) -> bytes | None:
        if not self._hunt():
            return None
        p = len(PREAMBLE)
        if len(self._buf) < p + 2:
            return None
        length = int.from_bytes(self._buf[p : p + 2], "big")
        if not self.min_len <= length <= self.max_len:
            del self._buf[:1]  # skip this preamble and hunt again
            self.discarded += 1
            raise ProtocolError(f"frame length {length} out of range {self.min_len}..{self.max_len}")
        total = p + 2 + length
        if len(self._buf) < total:
            return None
        frame = bytes(self._buf[:total])
        if xor(frame[p:-1]) != frame[-1]:
            del self._buf[:1]
            self.discarded += 1
            raise ProtocolError(f"checksum mismatch (got 0x{frame[-1]:02X}, computed 0x{xor(frame[p:-1]):02X})")
        del self._buf[:total]
        return frame[p + 2 : -1]

    def frames(self, data: bytes = b"") -> list[bytes]:
        """Feed data and return every complete valid frame body, skipping bad ones."""
        self.feed(data)
        out: list[bytes] = []
        while True:
            try:
                body = self.next_frame()
            except ProtocolError:
                continue
            if body is None:
                return out
            out.append(body)


def parse_response(frame: bytes) -> Response:
    """Parse one complete reply frame (exactly one frame, nothing else)."""
    parser = FrameParser(min_len=4)
    parser.feed(frame)
    body = parser.next_frame()
    if body is None or parser.pending:
        raise ProtocolError("not exactly one complete frame")
    return Response.from_body(body)


def parse_command(frame: bytes) -> Command:
    parser = FrameParser()
    parser.feed(frame)
    body = parser.next_frame()
    if body is None or parser.pending:
        raise ProtocolError("not exactly one complete frame")
    return Command.from_body(body)
