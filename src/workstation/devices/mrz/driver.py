"""Host driver for serial MRZ (passport machine-readable zone) readers, a listener and a probe.

MRZ readers are passive: nothing is sent to them; when a passport is swiped or placed the reader
pushes the MRZ lines in its vendor framing (see framer.py). `MrzReader.read_document()` waits for
the next document, parses it and returns an `MrzResult` *even when check digits fail*: the result
names the failing fields (`failed_fields`) and `check_error(result)` gives the operator message, so
the officer sees which field to compare against the printed page. Pass ``strict=True`` to get a
`CheckDigitFailed` exception instead.

Errors: `BadFrame` (damaged on the wire or not an MRZ), `IncompleteDocument` (the reader stopped
mid-document), `NoDocument` (nothing arrived within the timeout; a `DeviceTimeout`),
`DeviceDisconnected` (from the transport). After any of them the next document reads normally:
the framer has already skipped the bad bytes (and is cleared after a disconnect).

`probe()`: MRZ readers have no handshake and send nothing until a document is presented, so a probe
can only listen; it returns True only when well-formed MRZ traffic arrives within the timeout. The
device manager therefore assigns MRZ readers by explicit (operator) assignment, not by probing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from workstation.devices.errors import DeviceDisconnected, DeviceError, DeviceTimeout, ProtocolError
from workstation.devices.mrz import framer as fr
from workstation.devices.mrz.parse import MrzFormatError, MrzResult, failed_fields_text, parse_mrz
from workstation.devices.transport import PortLoop, PortWorker, Transport
from workstation.i18n import QT_TRANSLATE_NOOP

PROTOCOL = "mrz"
DEFAULT_BAUD = 9600
READER = QT_TRANSLATE_NOOP("devices", "passport reader")


class BadFrame(DeviceError):
    """What the reader sent was damaged on the way, or is not a machine-readable zone."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "mrz",
                "The passport data from the reader was damaged or unreadable. Swipe the passport again; if it "
                "repeats, check the cable and the reader's settings.",
            ),
            hint=detail,
        )


class IncompleteDocument(DeviceError):
    """A document started arriving and stopped (cable pulled, reader reset). Nothing was returned."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "mrz",
                "The passport reader stopped in the middle of sending a document. Check the cable and swipe the "
                "passport again.",
            ),
            hint=detail or None,
        )


class NoDocument(DeviceTimeout):
    """Nothing was presented within the timeout."""

    def __init__(self, seconds: float) -> None:
        DeviceError.__init__(
            self,
            QT_TRANSLATE_NOOP(
                "mrz", "No passport was read within {seconds:g} s. Place the passport on the reader, photo page down."
            ).format(seconds=seconds),
        )


class CheckDigitFailed(DeviceError):
    """Some check digits do not match; `result` still holds every field and `failed_fields` names them."""

    def __init__(self, result: MrzResult) -> None:
        self.result = result
        self.failed_fields = result.failed_fields
        super().__init__(
            QT_TRANSLATE_NOOP(
                "mrz",
                "The check digits of the passport do not match for: {fields}. Compare these fields with the printed "
                "page and correct them, or swipe the passport again.",
            ).format(fields=failed_fields_text(result)),
            hint="failed: " + ", ".join(result.failed_fields),
        )


def check_error(result: MrzResult) -> CheckDigitFailed | None:
    """The operator message for a document whose check digits fail, None when all match."""
    return None if result.valid else CheckDigitFailed(result)


class MrzReader:
    """One passive MRZ reader on a `Transport`. Not thread-safe: call it from its port's owner thread.

    `framing` is one of framer.FRAMINGS ("3m", "desko", "plain") or a framer object.
    """

    def __init__(
        self,
        transport: Transport,
        *,
        framing: str | fr.MrzFramer = "3m",
        timeout: float = 30.0,
        today: date | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport = transport
        self.framer: fr.MrzFramer = fr.make_framer(framing) if isinstance(framing, str) else framing
        self.timeout = timeout
        self.today = today
        self.clock = clock

    @property
    def framing(self) -> str:
        return self.framer.name

    def reset(self) -> None:
        """Forget any partly received frame (after reopening the port)."""
        self.framer.clear()

    def read_document(self, timeout: float | None = None, *, strict: bool = False) -> MrzResult:
        """Wait for the next presented document and parse it.

        Returns the result even when check digits fail (see `MrzResult.failed_fields`), unless
        `strict`, which raises `CheckDigitFailed`. Raises `NoDocument` at the timeout, `BadFrame`,
        `IncompleteDocument`, `DeviceDisconnected`.
        """
        seconds = self.timeout if timeout is None else timeout
        deadline = self.clock() + seconds
        while True:
            now = self.clock()
            try:
                lines = self.framer.next_document(now)
            except fr.IncompleteFrame as exc:
                raise IncompleteDocument(str(exc)) from exc
            except ProtocolError as exc:
                raise BadFrame(str(exc)) from exc
            if lines is not None:
                try:
                    result = parse_mrz(lines, today=self.today)
                except MrzFormatError as exc:
                    raise BadFrame(str(exc)) from exc
                if strict and not result.valid:
                    raise CheckDigitFailed(result)
                return result
            if now > deadline:
                raise NoDocument(seconds)
            try:
                data = self.transport.read_some()
            except DeviceDisconnected:
                self.framer.clear()
                raise
            self.framer.feed(data, self.clock())


def probe(transport: Transport, *, timeout: float = 0.5) -> bool:
    """Listen for `timeout` seconds; True only if a well-formed MRZ arrives in any framing.

    MRZ readers have no handshake and are silent until a document is presented, so this is normally
    False; the device manager assigns MRZ readers explicitly. Nothing is written to the port.
    """
    framers = [fr.make_framer(name) for name in fr.FRAMINGS]
    deadline = time.monotonic() + timeout
    while time.monotonic() <= deadline:
        try:
            data = transport.read_some()
        except DeviceError:
            return False
        now = time.monotonic()
        for f in framers:
            f.feed(data, now)
            while True:
                try:
                    lines = f.next_document(now)
                except ProtocolError:
                    continue
                if lines is None:
                    break
                try:
                    parse_mrz(lines)
                except MrzFormatError:
                    continue
                return True
    return False


class MrzListener(PortLoop):
    """Listens for documents on `worker` (the port's owner thread) and reports each one.

    Callbacks run on the worker thread: `on_document(MrzResult)` for every parsed document (check
    `result.valid` / `check_error(result)`), `on_error(DeviceError)` for damaged or incomplete frames
    (each time) and for a disconnected port (once per run of disconnects). The worker is released
    between short listening slices so other calls on the port can run. `stop()` joins the thread.
    """

    thread_name = "mrz-listener"

    def __init__(
        self,
        reader: MrzReader,
        worker: PortWorker,
        *,
        on_document: Callable[[MrzResult], None],
        on_error: Callable[[DeviceError], None] | None = None,
        slice_s: float = 0.1,
        retry_interval: float = 0.5,
    ) -> None:
        super().__init__(worker)
        self.reader = reader
        self.on_document = on_document
        self.on_error = on_error or (lambda e: None)
        self.slice_s = slice_s
        self.retry_interval = retry_interval
        self._disconnected = False

    def pause(self) -> float:
        return self.retry_interval if self._disconnected else 0.0

    def tick(self) -> None:
        """Listen for one slice (runs on the worker thread)."""
        try:
            result = self.reader.read_document(self.slice_s)
        except NoDocument:
            self._disconnected = False
            return
        except DeviceDisconnected as exc:
            if not self._disconnected:
                self._disconnected = True
                self.on_error(exc)
            return
        except DeviceError as exc:
            self._disconnected = False
            self.on_error(exc)
            return
        self._disconnected = False
        self.on_document(result)
