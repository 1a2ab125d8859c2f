"""How serial OCR passport readers frame the MRZ on the wire: pluggable streaming framers and builders.

Every framer is a streaming object: ``feed(data, now)`` any chunks, then ``next_document(now)``
returns the document's lines (a list of str, empty lines dropped), None if more bytes are needed,
or raises `ProtocolError` for a damaged frame. The bad frame start has already been skipped when it
raises, so calling again continues hunting in the rest of the buffer (resynchronisation after
garbage). ``now`` is a monotonic clock value (seconds); it defaults to `time.monotonic()` and is a
parameter so quiet-gap behaviour is testable without sleeping. A frame that stops arriving for
``stale_after`` seconds is dropped with `IncompleteFrame` (a pulled cable mid-document).

Bytes are decoded as Latin-1 (one character per byte, never fails); checking the characters is
the parser's job (`parse.parse_mrz`).

Framings (device-protocols.md §3.4, §6.3; the UNVERIFIED values are resolved as follows):

3M / Gemalto / Thales RTE6701-OEM ``"3m"``::

    SOH [length] DEV TYPE STX [flag] line1 CR line2 CR line3 CR ETX [BCC]

* DEV TYPE are two upper-case letters; only ``O`` (optical) messages are delivered, others are
  consumed and counted in ``ignored``. TYPE (``U`` unsolicited) is not checked.
* [length]: 0–4 bytes, none of them SOH/STX/ETX. Its width and meaning are not documented, so it is
  informational only and never used for framing: the optical data is ASCII, ETX ends it. The
  builder writes 2 bytes big-endian = number of bytes from DEV up to and including ETX.
* [flag]: ``flag_bytes`` bytes after STX; None (default) detects it: 3M pads every line to the same
  width (30 or 44, with ``_``), so the first segment is ``flag`` + line 1 and the flag length is how
  much longer it is than the other lines (0–4), or the whole first segment when it is that short
  (flag + empty missing top line).
* Missing top lines are sent as empty lines; an all-``_`` line is treated as empty too.
* BCC: a XOR. ``bcc="auto"`` (default) accepts the byte after ETX if it equals the XOR over
  ``after_soh`` or ``after_stx`` below (``from_soh`` is only checked when chosen explicitly: it always
  differs from ``after_soh`` by exactly 0x01, so accepting both would hide every bit-0 error). If no
  byte follows within ``bcc_wait`` seconds, or the byte after ETX is a SOH that starts a valid header
  (or matches no range), the frame is taken to have no BCC ("checked when present"); a BCC of 0x01
  is told from the next frame's SOH by that header test.
  A specific range name checks only that range; ``"none"`` expects no BCC byte.

  - ``"after_soh"``: every byte after SOH up to and including ETX (the builder's default)
  - ``"from_soh"``: SOH up to and including ETX
  - ``"after_stx"``: every byte after STX up to and including ETX

DESKO ``"desko"``: ``[SOD] STX line1 CR line2 CR [line3 CR] ETX [EOD]``. SOD/EOD values are not
documented; they default to nothing (b""), the builder writes what it is given, and the parser frames
on STX…ETX alone, skipping whatever SOD/EOD bytes surround it as inter-frame bytes. No checksum:
damage shows in the MRZ check digits.

Plain lines ``"plain"``: lines ended by CR, LF or CR LF. A document is complete when it has
``lines_per_document`` lines (default: decided by the first line's width, 30 → 3 lines, 36/44 → 2)
or, for an unterminated last line, after a quiet gap of ``gap`` seconds. A line of another width or
with characters that cannot be in an MRZ is garbage (ProtocolError), and the rest of that burst
(until a quiet gap) is dropped with it, since it is the remainder of the same damaged document; a
line of a different width than the document's first line starts a new document; lines that stay
incomplete for ``gap`` are dropped with `IncompleteFrame`, and so is an unterminated line cut short.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from functools import reduce
from typing import Protocol

from workstation.devices.errors import ProtocolError

SOH = 0x01
STX = 0x02
ETX = 0x03
CR = 0x0D
LF = 0x0A

FRAMINGS = ("3m", "desko", "plain")
BCC_RANGES = ("after_soh", "from_soh", "after_stx")
BCC_AUTO = ("after_soh", "after_stx")
BCC_MODES = ("auto", "none", *BCC_RANGES)
MAX_DATA = 3 * 46 + 8  # three lines of up to 44 characters + CR, a flag and slack; longer is garbage
_3M_HEADER = re.compile(rb"\x01([^\x01\x02\x03]{0,4}?)([A-Z])([A-Z])\x02", re.DOTALL)
_PRINTABLE = frozenset(range(0x20, 0x7F)) | {CR, LF}
_MRZ_LINE = re.compile(r"[0-9A-Za-z< ]+")
_WIDTHS = (30, 36, 44)


class IncompleteFrame(ProtocolError):
    """A frame started but stopped arriving (cable pulled, reader reset); it was dropped."""


class MrzFramer(Protocol):
    name: str
    discarded: int

    def feed(self, data: bytes, now: float | None = None) -> None: ...

    def next_document(self, now: float | None = None) -> list[str] | None: ...

    def clear(self) -> None: ...

    @property
    def in_frame(self) -> bool: ...


def xor(data: bytes) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def _lines(text: str) -> list[str]:
    """Split optical data on CR (LF ignored); drop empty and all-padding lines."""
    out = []
    for seg in text.replace("\n", "").split("\r"):
        if seg.strip("_ "):
            out.append(seg)
    return out


def _clock(now: float | None) -> float:
    return time.monotonic() if now is None else now


# ---- builders (the emulator's wire bytes) ------------------------------------------------------
def _ascii(line: str) -> bytes:
    return line.encode("ascii")


def build_3m(
    lines: Sequence[str],
    *,
    flag: bytes = b"0",
    device: bytes = b"O",
    kind: bytes = b"U",
    bcc: str = "after_soh",
    pad: bool = True,
) -> bytes:
    """3M optical message: bottom line is always line 3 (missing top lines empty), lines padded with
    ``_`` to 30 (3-line documents) or 44 (2-line documents) and truncated when longer."""
    if bcc not in ("none", *BCC_RANGES):
        raise ValueError(f"bcc must be one of none, {', '.join(BCC_RANGES)}")
    rows = list(lines)
    width = 30 if len(rows) >= 3 else 44
    rows = [""] * (3 - len(rows)) + rows
    body = bytearray(flag)
    for row in rows:
        body += _ascii(row[:width].ljust(width, "_") if pad and row else row) + b"\r"
    message = device + kind + b"\x02" + bytes(body) + b"\x03"
    frame = b"\x01" + len(message).to_bytes(2, "big") + message
    if bcc == "none":
        return frame
    return frame + bytes([_bcc(frame, bcc)])


def _bcc(frame: bytes, mode: str) -> int:
    """XOR over `frame` (SOH … ETX inclusive) for one of BCC_RANGES."""
    if mode == "from_soh":
        return xor(frame)
    if mode == "after_stx":
        return xor(frame[frame.index(b"\x02") + 1 :])
    return xor(frame[1:])


def build_desko(lines: Sequence[str], *, sod: bytes = b"", eod: bytes = b"") -> bytes:
    """DESKO: variable-length lines, nothing at all for an absent third line."""
    return sod + b"\x02" + b"".join(_ascii(x) + b"\r" for x in lines if x) + b"\x03" + eod


def build_plain(lines: Sequence[str], *, eol: bytes = b"\r\n") -> bytes:
    return b"".join(_ascii(x) + eol for x in lines if x)


def build(framing: str, lines: Sequence[str], **options: object) -> bytes:
    """Wire bytes for `lines` in one of FRAMINGS; options go to the builder (e.g. bcc=, sod=, eol=)."""
    if framing == "3m":
        return build_3m(lines, **options)  # type: ignore[arg-type]
    if framing == "desko":
        return build_desko(lines, **options)  # type: ignore[arg-type]
    if framing == "plain":
        return build_plain(lines, **options)  # type: ignore[arg-type]
    raise ValueError(f"unknown MRZ framing {framing!r}; use one of {', '.join(FRAMINGS)}")


# ---- framed readers ----------------------------------------------------------------------------
class _DelimitedFramer:
    """What the 3M and DESKO framers share: a buffer of received bytes and when the last ones came."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._last_rx = 0.0
        self.discarded = 0  # bytes skipped while hunting for the start of a frame

    def feed(self, data: bytes, now: float | None = None) -> None:
        if data:
            self._buf += data
            self._last_rx = _clock(now)

    def clear(self) -> None:
        self._buf.clear()

    @property
    def in_frame(self) -> bool:
        return bool(self._buf)

    def _skip(self, n: int) -> None:
        self.discarded += n
        del self._buf[:n]


# ---- 3M ----------------------------------------------------------------------------------------
class ThreeMFramer(_DelimitedFramer):
    name = "3m"

    def __init__(
        self,
        *,
        bcc: str = "auto",
        flag_bytes: int | None = None,
        bcc_wait: float = 0.2,
        stale_after: float = 1.0,
    ) -> None:
        if bcc not in BCC_MODES:
            raise ValueError(f"bcc must be one of {', '.join(BCC_MODES)}")
        self.bcc = bcc
        self.flag_bytes = flag_bytes
        self.bcc_wait = bcc_wait
        self.stale_after = stale_after
        super().__init__()
        self.ignored = 0  # well-formed non-optical messages skipped

    def next_document(self, now: float | None = None) -> list[str] | None:
        while True:
            i = self._buf.find(b"\x01")
            if i < 0:
                self._skip(len(self._buf))
                return None
            self._skip(i)
            m = _3M_HEADER.match(self._buf)
            if m is None:
                if len(self._buf) >= 8 or b"\x01" in self._buf[1:8] or b"\x03" in self._buf[1:8]:
                    self._skip(1)
                    raise ProtocolError("passport reader frame has no valid header after SOH")
                return self._stale(now)
            start, device = m.end(), bytes(m.group(2))  # read the match before the buffer changes
            end = self._buf.find(b"\x03", start)
            limit = len(self._buf) if end < 0 else end
            flag = self.flag_bytes or 0
            bad = next((k for k in range(start + flag, limit) if self._buf[k] not in _PRINTABLE), -1)
            if self.flag_bytes is None and bad == start:  # an unprintable auto-detected flag byte
                bad = next((k for k in range(start + 1, limit) if self._buf[k] not in _PRINTABLE), -1)
            if bad >= 0:
                got = self._buf[bad]
                self._skip(1)
                raise ProtocolError(f"unexpected byte 0x{got:02X} inside a passport reader frame")
            if end < 0:
                if len(self._buf) - start > MAX_DATA:
                    self._skip(1)
                    raise ProtocolError("passport reader frame too long (no ETX)")
                return self._stale(now)
            frame = bytes(self._buf[: end + 1])
            used = end + 1
            if self.bcc != "none":
                bcc = self._take_bcc(frame, bytes(self._buf[end + 1 :]), now)
                if bcc is None:
                    return self._stale(now)
                used += bcc
            del self._buf[:used]
            if device != b"O":
                self.ignored += 1
                continue
            data = frame[start:end].decode("latin-1")
            return _lines(self._strip_flag(data))

    def _take_bcc(self, frame: bytes, after: bytes, now: float | None) -> int | None:
        """How many bytes after ETX are the BCC (0 or 1); None while that cannot be decided yet."""
        auto = self.bcc == "auto"
        quiet = _clock(now) - self._last_rx >= self.bcc_wait
        if not after:
            return 0 if auto and quiet else None  # auto: no BCC byte follows, accepted unchecked
        got = after[0]
        ranges = BCC_AUTO if auto else (self.bcc,)
        matches = any(_bcc(frame, r) == got for r in ranges)
        if auto and got == SOH:
            if _3M_HEADER.match(after) is not None:
                return 0  # the next frame's SOH: this frame has no BCC
            if len(after) < 8 and not quiet:
                return None  # a BCC of 0x01 or the start of the next frame: wait for more
            return 1 if matches else 0
        if matches:
            return 1
        self._skip(1)
        want = ", ".join(f"{r} 0x{_bcc(frame, r):02X}" for r in ranges)
        raise ProtocolError(f"passport reader frame BCC mismatch (got 0x{got:02X}, computed {want})")

    def _strip_flag(self, data: str) -> str:
        if self.flag_bytes is not None:
            return data[self.flag_bytes :]
        segs = data.replace("\n", "").split("\r")
        if segs and segs[-1] == "":
            segs.pop()
        if len(segs) < 2:
            return data
        first, widest = len(segs[0]), max(len(x) for x in segs[1:])
        if first <= 4:  # no MRZ line is this short: the flag alone before an empty (missing) top line
            return data[first:]
        n = first - widest  # the top line is as wide as the others (3M pads them all) plus the flag
        return data[n:] if 0 < n <= 4 else data

    def _stale(self, now: float | None) -> list[str] | None:
        if self._buf and _clock(now) - self._last_rx > self.stale_after:
            self._skip(1)
            raise IncompleteFrame("the passport reader stopped sending in the middle of a document")
        return None


# ---- DESKO -------------------------------------------------------------------------------------
class DeskoFramer(_DelimitedFramer):
    name = "desko"

    def __init__(self, *, sod: bytes = b"", eod: bytes = b"", stale_after: float = 1.0) -> None:
        self.sod = sod
        self.eod = eod
        self.stale_after = stale_after
        super().__init__()

    def next_document(self, now: float | None = None) -> list[str] | None:
        i = self._buf.find(b"\x02")
        if i < 0:
            self._skip(len(self._buf))
            return None
        self._skip(i)
        end = self._buf.find(b"\x03", 1)
        limit = len(self._buf) if end < 0 else end
        bad = next((k for k in range(1, limit) if self._buf[k] not in _PRINTABLE), -1)
        if bad >= 0:
            got = self._buf[bad]
            self._skip(1)
            raise ProtocolError(f"unexpected byte 0x{got:02X} inside a passport reader frame")
        if end < 0:
            if len(self._buf) > MAX_DATA:
                self._skip(1)
                raise ProtocolError("passport reader frame too long (no ETX)")
            if _clock(now) - self._last_rx > self.stale_after:
                self._skip(1)
                raise IncompleteFrame("the passport reader stopped sending in the middle of a document")
            return None
        data = bytes(self._buf[1:end]).decode("latin-1")
        used = end + 1
        if self.eod and self._buf[used : used + len(self.eod)] == self.eod:
            used += len(self.eod)
        del self._buf[:used]
        return _lines(data)


# ---- plain lines -------------------------------------------------------------------------------
class PlainLineFramer:
    name = "plain"

    def __init__(self, *, lines_per_document: int | None = None, gap: float = 0.2, max_line: int = 64) -> None:
        self.lines_per_document = lines_per_document
        self.gap = gap
        self.max_line = max_line
        self._buf = bytearray()
        self._doc: list[str] = []
        self._last_rx = 0.0
        self._skipping = False  # after a damaged line: the rest of that burst is the same damaged document
        self.discarded = 0

    def feed(self, data: bytes, now: float | None = None) -> None:
        if not data:
            return
        t = _clock(now)
        if self._skipping and t - self._last_rx >= self.gap:
            self._end_skip()
        self._buf += data
        self._last_rx = t

    def clear(self) -> None:
        self._buf.clear()
        self._doc.clear()
        self._skipping = False

    @property
    def in_frame(self) -> bool:
        return bool(self._doc) or bool(self._buf.strip(b"\r\n"))

    def _expected(self) -> int:
        if self.lines_per_document:
            return self.lines_per_document
        return 3 if len(self._doc[0].replace(" ", "")) == 30 else 2

    def _end_skip(self) -> None:
        self._skipping = False
        self.discarded += len(self._buf)  # an unterminated tail of the damaged burst
        self._buf.clear()

    def next_document(self, now: float | None = None) -> list[str] | None:
        quiet = _clock(now) - self._last_rx >= self.gap
        if self._skipping and quiet:
            self._end_skip()
        while True:
            m = re.search(rb"\r\n|\r|\n", self._buf)
            if m is not None and m.end() == len(self._buf) and m.group() == b"\r" and not quiet:
                m = None  # a CR at the very end may be the first half of CR LF: wait
            terminated = m is not None
            if m is None:
                if len(self._buf) > self.max_line:
                    n = len(self._buf)
                    self._skip(n)
                    self._doc.clear()
                    self._skipping = True
                    raise ProtocolError(f"passport reader sent {n} bytes without a line break")
                if self._skipping or not (quiet and self._buf):
                    break
                raw = bytes(self._buf)  # unterminated last line after a quiet gap
                del self._buf[:]
            else:
                raw = bytes(self._buf[: m.start()])
                del self._buf[: m.end()]
                if self._skipping:
                    self.discarded += m.end()
                    continue
            doc = self._line(raw, terminated)
            if doc is not None:
                return doc
        if self._doc and quiet:
            got = len(self._doc)
            self._doc.clear()
            raise IncompleteFrame(f"the passport reader sent {got} line(s) of a document and then stopped")
        return None

    def _skip(self, n: int) -> None:
        self.discarded += n
        del self._buf[:n]

    def _line(self, raw: bytes, terminated: bool) -> list[str] | None:
        text = raw.decode("latin-1")
        line = text.strip(" ").rstrip("_")
        if not line:
            return None
        width = len(line.replace(" ", ""))
        if not _MRZ_LINE.fullmatch(line) or width not in _WIDTHS:
            self.discarded += len(raw)
            had = len(self._doc)
            self._doc.clear()
            if not terminated and _MRZ_LINE.fullmatch(line) and width < max(_WIDTHS):
                raise IncompleteFrame(f"the passport reader stopped in the middle of a line ({width} characters)")
            self._skipping = True
            extra = f" (dropping the {had} line(s) before it)" if had else ""
            raise ProtocolError(f"passport reader sent a line that is not MRZ text ({width} characters){extra}")
        if self._doc and len(self._doc[0].replace(" ", "")) != width:
            self._doc.clear()
            self._doc.append(line)
            raise ProtocolError("passport reader sent an incomplete document (line widths differ)")
        self._doc.append(line)
        if len(self._doc) >= self._expected():
            doc = list(self._doc)
            self._doc.clear()
            return doc
        return None


def make_framer(framing: str, **options: object) -> MrzFramer:
    """A fresh framer for one of FRAMINGS ("3m", "desko", "plain")."""
    if framing == "3m":
        return ThreeMFramer(**options)  # type: ignore[arg-type]
    if framing == "desko":
        return DeskoFramer(**options)  # type: ignore[arg-type]
    if framing == "plain":
        return PlainLineFramer(**options)  # type: ignore[arg-type]
    raise ValueError(f"unknown MRZ framing {framing!r}; use one of {', '.join(FRAMINGS)}")
