"""Host driver for SAM_V ID card readers, a presence poller and a probe for the device manager.

Poller behaviour (decided and emulated the same way): while a card that has been read stays on the
reader, *find* keeps succeeding (0x9F) but *select* fails (0x81) until the card is lifted. The poller
therefore never selects again while it believes the card is present: it reads once when find first
succeeds, reports removal when find fails (0x80), and reads again only after that.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from workstation.devices.errors import DeviceError, DeviceTimeout, ProtocolError
from workstation.devices.sam import framer as fr
from workstation.devices.sam.decode import FINGERPRINT_LEN, PHOTO_LEN, TEXT_LEN, CardRead, decode_card
from workstation.devices.transport import PortLoop, PortWorker, Transport
from workstation.i18n import QT_TRANSLATE_NOOP

PROTOCOL = "sam"
DEFAULT_BAUD = 115200
READER = QT_TRANSLATE_NOOP("devices", "ID card reader")


class SamStatusError(DeviceError):
    """The reader answered with an error status; `code` is SW3."""

    def __init__(self, code: int, what: str = "") -> None:
        self.code = code
        super().__init__(
            fr.status_message(code), hint=f"{what} status 0x{code:02X}" if what else f"status 0x{code:02X}"
        )


class NoCard(SamStatusError):
    def __init__(self) -> None:
        super().__init__(fr.SW_FIND_FAILED, "find card")


class BadReply(DeviceError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "sam",
                "The reply from the ID card reader was damaged on the way. Try again; if it repeats, check the cable.",
            ),
            hint=detail,
        )


def format_sam_id(raw: bytes) -> str:
    """16 bytes → "%02d.%02d-%08d-%010d-%010d" (u16 LE, u16 LE, u32 LE ×3, all unsigned)."""
    if len(raw) < 16:
        raise ProtocolError(f"SAM id needs 16 bytes, got {len(raw)}")
    a = int.from_bytes(raw[0:2], "little")
    b = int.from_bytes(raw[2:4], "little")
    c, d, e = (int.from_bytes(raw[i : i + 4], "little") for i in (4, 8, 12))
    return f"{a:02d}.{b:02d}-{c:08d}-{d:010d}-{e:010d}"


def split_read_reply(data: bytes, *, with_fingerprint: bool) -> tuple[bytes, bytes, bytes]:
    """DATA of a 30 01 / 30 10 reply → (text, photo, fingerprint), using the length fields.

    Offsets relative to the frame: lengths at 10.. and text at 14 (30 01) or 16 (30 10); here
    relative to DATA (frame offset 10) they are 0.. and 4 or 6. Never hard-code the text offset.
    """
    n_len = 3 if with_fingerprint else 2
    if len(data) < 2 * n_len:
        raise ProtocolError("read reply too short for its length fields")
    lens = [int.from_bytes(data[2 * i : 2 * i + 2], "big") for i in range(n_len)]
    text_len, photo_len = lens[0], lens[1]
    fp_len = lens[2] if with_fingerprint else 0
    if text_len > TEXT_LEN or photo_len > PHOTO_LEN or fp_len > FINGERPRINT_LEN:
        raise ProtocolError(f"read reply block lengths out of range {lens}")
    pos = 2 * n_len
    if len(data) < pos + text_len + photo_len + fp_len:
        raise ProtocolError("read reply shorter than its length fields")
    text = data[pos : pos + text_len]
    photo = data[pos + text_len : pos + text_len + photo_len]
    fp = data[pos + text_len + photo_len : pos + text_len + photo_len + fp_len]
    return bytes(text), bytes(photo), bytes(fp)


class SamReader:
    """One SAM_V reader on a `Transport`. Not thread-safe: call it from its port's owner thread."""

    def __init__(self, transport: Transport, *, timeout: float = 2.0, read_timeout: float = 5.0) -> None:
        self.transport = transport
        self.timeout = timeout
        self.read_timeout = read_timeout
        # after a timeout: until when the reader may still answer the timed-out command (monotonic)
        self._late_until: float | None = None

    # ---- raw exchange ----------------------------------------------------------------------------
    def exchange(self, cmd: int, para: int, data: bytes = b"", *, timeout: float | None = None) -> fr.Response:
        """Send one command, return the reply (any SW3). DeviceTimeout/DeviceDisconnected/BadReply.

        Replies carry no command identifier, so after a timeout the late reply to the timed-out command is
        awaited and discarded before this command is sent (`_discard_late`)."""
        self._discard_late()
        self.transport.reset_input()
        self.transport.write(fr.build_command(cmd, para, data))
        parser = fr.FrameParser(min_len=4)
        budget = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + budget
        while True:
            try:
                body = parser.next_frame()
            except ProtocolError as exc:
                raise BadReply(str(exc)) from exc
            if body is not None:
                try:
                    return fr.Response.from_body(body)
                except ProtocolError as exc:
                    raise BadReply(str(exc)) from exc
            if time.monotonic() > deadline:
                self._late_until = time.monotonic() + budget
                raise DeviceTimeout(READER)
            parser.feed(self.transport.read_some())

    def _discard_late(self) -> None:
        """After a timed-out command: wait for the reader's late reply (at most as long again as the budget
        that ran out) and discard it, so it is not taken as the reply to the next command (a late SAM-id
        reply read as the answer to find card)."""
        until = self._late_until
        if until is None:
            return
        self._late_until = None
        parser = fr.FrameParser(min_len=4)
        while time.monotonic() <= until:
            parser.feed(self.transport.read_some())
            try:
                if parser.next_frame() is not None:
                    return
            except ProtocolError:
                continue

    def _checked(self, cmd: tuple[int, int], what: str, *, timeout: float | None = None) -> fr.Response:
        r = self.exchange(*cmd, timeout=timeout)
        if not r.ok:
            raise SamStatusError(r.sw3, what)
        return r

    # ---- commands --------------------------------------------------------------------------------
    def reset(self) -> None:
        self._checked(fr.CMD_RESET, "reset")

    def status(self) -> None:
        """SAM self-test; raises SamStatusError (e.g. 0x60) when the module is unusable."""
        self._checked(fr.CMD_STATUS, "SAM status")

    def sam_id(self) -> str:
        r = self._checked(fr.CMD_SAM_ID, "SAM id")
        try:
            return format_sam_id(r.data)
        except ProtocolError as exc:
            raise BadReply(str(exc)) from exc

    def set_max_rf_bytes(self, n: int = 0x50) -> None:
        r = self.exchange(*fr.CMD_SET_MAX_RF, bytes([n & 0xFF]))
        if not r.ok:
            raise SamStatusError(r.sw3, "set max RF bytes")

    def find_card(self) -> bool:
        """True when a card is in the field; False for 0x80 (no card); other codes raise."""
        r = self.exchange(*fr.CMD_FIND)
        if r.sw3 == fr.SW_FIND_FAILED:
            return False
        if r.sw3 != fr.SW_FIND_OK:
            raise SamStatusError(r.sw3, "find card")
        return True

    def select_card(self) -> bytes:
        """Select the card; returns its 8-byte serial (often zeros)."""
        return self._checked(fr.CMD_SELECT, "select card").data

    def read_selected(self, *, with_fingerprint: bool = False) -> CardRead:
        """Read the selected card: text + photo (30 01), or with fingerprints (30 10).

        A card without fingerprints may answer 30 10 with status 0x91 ("no content") and no data on
        some readers (spec §7 lists it among the readings to tolerate): that means "no fingerprints",
        and the card is read with 30 01 instead (selecting it again if the reader requires it)."""
        cmd = fr.CMD_READ_ALL if with_fingerprint else fr.CMD_READ_BASE
        r = self.exchange(*cmd, timeout=self.read_timeout)
        if with_fingerprint and (r.sw3 == fr.SW_NO_CONTENT or (r.ok and not r.data)):
            return self._read_without_fingerprints()
        if not r.ok or r.sw3 == fr.SW_NO_CONTENT:
            raise SamStatusError(r.sw3, "read card")
        return self._decode_reply(r, with_fingerprint=with_fingerprint)

    def _read_without_fingerprints(self) -> CardRead:
        r = self.exchange(*fr.CMD_READ_BASE, timeout=self.read_timeout)
        if r.sw3 == fr.SW_READ_FAILED:  # this reader deselected the card after the 0x91: select it again
            if not self.find_card():
                raise NoCard()
            self.select_card()
            r = self.exchange(*fr.CMD_READ_BASE, timeout=self.read_timeout)
        if not r.ok or r.sw3 == fr.SW_NO_CONTENT:
            raise SamStatusError(r.sw3, "read card")
        return self._decode_reply(r, with_fingerprint=False)

    @staticmethod
    def _decode_reply(r: fr.Response, *, with_fingerprint: bool) -> CardRead:
        try:
            text, photo, fp = split_read_reply(r.data, with_fingerprint=with_fingerprint)
        except ProtocolError as exc:
            raise BadReply(str(exc)) from exc
        return decode_card(text, photo, fp)

    def read_card(self, *, with_fingerprint: bool = False) -> CardRead:
        """find → select → read. NoCard when nothing is on the reader; other SW3 → SamStatusError."""
        if not self.find_card():
            raise NoCard()
        self.select_card()
        return self.read_selected(with_fingerprint=with_fingerprint)


def probe(transport: Transport, *, timeout: float = 0.5) -> bool:
    """Device-manager probe: send SAM status and accept any well-formed SAM reply with SW1=SW2=0."""
    try:
        r = SamReader(transport, timeout=timeout).exchange(*fr.CMD_STATUS)
    except (DeviceError, ProtocolError):
        return False
    return r.sw1 == 0 and r.sw2 == 0 and r.sw3 in fr.STATUS_MESSAGES


class CardPoller(PortLoop):
    """Polls for cards on `worker` (the port's owner thread) and reports each card once.

    Callbacks run on the worker thread: `on_card_placed(CardRead)` once per placed card,
    `on_card_removed()` once when it is lifted, `on_error(DeviceError)` once per run of the same
    failure (it is retried on the next tick). `stop()` joins the scheduling thread.
    """

    thread_name = "sam-poller"

    def __init__(
        self,
        reader: SamReader,
        worker: PortWorker,
        *,
        on_card_placed: Callable[[CardRead], None],
        on_card_removed: Callable[[], None] | None = None,
        on_error: Callable[[DeviceError], None] | None = None,
        interval: float = 0.04,  # find costs ~2 ms of wire at 115200; placement → read within 40 ms
        with_fingerprint: bool = False,
    ) -> None:
        super().__init__(worker)
        self.reader = reader
        self.on_card_placed = on_card_placed
        self.on_card_removed = on_card_removed or (lambda: None)
        self.on_error = on_error or (lambda e: None)
        self.interval = interval
        self.with_fingerprint = with_fingerprint
        self.card_present = False
        self._last_error: tuple[type, str] | None = None

    def pause(self) -> float:
        return self.interval

    def tick(self) -> None:
        """One poll step (runs on the worker thread)."""
        try:
            found = self.reader.find_card()
            if not found:
                if self.card_present:
                    self.card_present = False
                    self.on_card_removed()
            elif not self.card_present:
                self.reader.select_card()
                card = self.reader.read_selected(with_fingerprint=self.with_fingerprint)
                self.card_present = True
                self._last_error = None
                self.on_card_placed(card)
                return
            self._last_error = None
        except DeviceError as exc:
            key = (type(exc), exc.message)
            if key != self._last_error:
                self._last_error = key
                self.on_error(exc)
