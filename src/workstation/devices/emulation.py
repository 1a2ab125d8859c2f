"""Shared machinery for device emulators: a link (pty or TCP) with fault injection and wire pacing.

An emulator is an `EmulatedDevice` subclass that receives host bytes in `on_bytes()` and answers
with `self.send()`. `EmulatorServer` puts it on a pty pair or a TCP port (pyserial's
``socket://``), applies faults (corrupt bytes, drop the connection after N bytes, latency) and
paces output at the configured baud so timing is as on a real wire. Paced pty links also take host
bytes as a UART does (see `EmulatorServer._paced_pty_step`). With ``enforce_baud`` a pty link
behaves like a real UART: bytes the host sends at another line speed are lost (framing errors), so
auto-baud probes and baud changes can be tested; socket:// carries no line speed and is never checked.

Two ways to take a device away: `unplug()` keeps the port and the device falls silent (a device that
hangs, or a cable pulled on a TCP link: the connection drops); `hang_up()` is a USB-serial adapter
pulled out: the pty is closed (the host's next read, write or ioctl fails with EIO) and its port
disappears (the stable link `start_pty(link=)` made is removed). `plug_in()` puts it back on a new pty
behind the same link, as udev re-creates ``/dev/serial/by-id/…`` for a replugged adapter, so a port
assignment made by that name finds it again.
"""

from __future__ import annotations

import os
import random
import select
import socket
import threading
import time
from dataclasses import dataclass

try:
    import termios
except ImportError:  # Windows: no pty links, so no line speed to read
    termios = None  # type: ignore[assignment]

from workstation.devices.transport import close_pty, open_pty_pair, pty_slave_fd, wire_seconds

UART_BUFFER = 4096  # bytes a real serial port's kernel buffer holds while a host writes
HOST_DONE_S = 0.05  # paced pty: the pty had room this long and the host wrote nothing: its write returned


@dataclass
class Faults:
    corrupt_probability: float = 0.0  # per byte sent to the host
    drop_after_bytes: int | None = None  # drop the link after this many bytes were sent (unplug mid-frame)
    # pty: the device vanishes (the pty is closed, as a USB adapter's tty goes away) once this many bytes
    # were sent; the host's next I/O on the port fails (EIO, termios.error)
    pull_after_bytes: int | None = None
    latency_s: float = 0.0  # before each reply
    seed: int | None = None


class EmulatedDevice:
    """Protocol logic of one device. Subclasses implement `on_bytes` and call `send`."""

    name = "device"

    def __init__(self) -> None:
        self._server: EmulatorServer | None = None

    def attach(self, server: EmulatorServer) -> None:
        self._server = server

    def send(self, data: bytes) -> None:
        if self._server is not None:
            self._server.send(data)

    def on_bytes(self, data: bytes) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def on_connect(self) -> None:
        """Called when a host connects (TCP) or the link is (re)opened; reset per-connection state."""


class EmulatorServer:
    def __init__(
        self,
        device: EmulatedDevice,
        *,
        baudrate: int = 115200,
        pace: bool = False,
        faults: Faults | None = None,
        enforce_baud: bool = False,
    ) -> None:
        self.device = device
        self.baudrate = baudrate
        self.pace = pace
        self.enforce_baud = enforce_baud
        self.bytes_lost = 0  # host bytes lost to a line-speed mismatch (enforce_baud)
        self.faults = faults or Faults()
        self._rng = random.Random(self.faults.seed)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._master: int | None = None
        self._listener: socket.socket | None = None
        self._client: socket.socket | None = None
        self._sent = 0
        self._dropped = False
        self._link: str | None = None  # the stable name of a pty link (`start_pty(link=)`)
        self._hung_up = False
        self._mode = ""  # "pty" or "tcp" once started
        self.url = ""
        self.pty_path = ""  # the pty the link points at now
        self.bytes_received = 0
        device.attach(self)

    # ---- lifecycle -------------------------------------------------------------------------
    def start_pty(self, link: str | None = None) -> str:
        """Put the device on a new pty pair; returns the port's name for the host: `link` when given (a
        symbolic link made to point at the pty, like a udev name, kept across `hang_up`/`plug_in`), else
        the pty's own path."""
        self._master, path = open_pty_pair()
        self._mode = "pty"
        self.pty_path = path
        if link is not None:
            self._link = link
            _point(link, path)
        self.url = link or path
        self._thread = threading.Thread(target=self._pty_loop, name=f"emu-{self.device.name}", daemon=True)
        self._thread.start()
        return self.url

    def start_tcp(self, host: str = "127.0.0.1", port: int = 0) -> str:
        self._mode = "tcp"
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((host, port))
        self._listener.listen(1)
        self._listener.settimeout(0.1)
        h, p = self._listener.getsockname()[:2]
        self.url = f"socket://{h}:{p}"
        self._thread = threading.Thread(target=self._tcp_loop, name=f"emu-{self.device.name}", daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._close_client()
        if self._listener is not None:
            self._listener.close()
        if self._master is not None:
            close_pty(self._master)
            self._master = None
        if self._link is not None:
            _remove(self._link)

    def __enter__(self) -> EmulatorServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def unplug(self) -> None:
        """Simulate a pulled cable: drop the current connection (TCP) and refuse I/O until replug."""
        self._dropped = True
        self._close_client()

    def pull_cable(self) -> None:
        """pty links: the device vanishes for good, as a USB-serial adapter does when pulled: the pty is
        closed, so every further read, write, flush or buffer reset by the host fails."""
        self._dropped = True
        with self._lock:
            master, self._master = self._master, None
        if master is not None:
            close_pty(master)

    def replug(self) -> None:
        self._dropped = False
        self._sent = 0
        self.faults.drop_after_bytes = None

    @property
    def plugged(self) -> bool:
        """False between `hang_up` and `plug_in` (the port does not exist), and after `unplug` until `replug`."""
        return not (self._hung_up or self._dropped)

    def hang_up(self) -> None:
        """A USB-serial adapter pulled out (pty links): the pty is closed, so the host's open port fails on
        its next read, write or ioctl (EIO), and the port's link is removed (it is no longer there to list
        or open). A TCP link drops its connection and refuses new ones (`unplug`). Until `plug_in`."""
        if self._mode != "pty":
            self.unplug()
            return
        self._hung_up = True
        self.pull_cable()
        if self._link is not None:
            _remove(self._link)
        loop = self._thread
        if loop is not None and loop is not threading.current_thread():
            # the loop's select holds the pty open until it returns: once it has ended, the pty is
            # released and the host's side is hung up (reads end, writes and ioctls fail with EIO)
            loop.join(timeout=5)

    def plug_in(self) -> None:
        """The adapter plugged back in after `hang_up`: a new pty pair (a new /dev/pts number, as a new
        ttyUSB), its link pointed at it again, the device's per-connection state reset (`on_connect`).
        A TCP link accepts connections again (`replug`). Nothing happens while the device is plugged in."""
        if self._mode != "pty":
            self.replug()
            return
        if not self._hung_up:
            return
        old = self._thread
        if old is not None and old is not threading.current_thread():
            old.join(timeout=5)  # (ended in hang_up unless that ran on the loop itself) one reader per pty
        self._hung_up = False
        self.replug()
        self.start_pty(self._link)
    @property
    def bytes_sent(self) -> int:
        """Bytes sent to the host since the current connection began."""
        return self._sent

    # ---- output with faults and pacing -----------------------------------------------------
    def send(self, data: bytes) -> None:
        if self._dropped:
            return
        if self.faults.latency_s:
            time.sleep(self.faults.latency_s)
        out = bytearray(data)
        if self.faults.corrupt_probability:
            for i in range(len(out)):
                if self._rng.random() < self.faults.corrupt_probability:
                    out[i] ^= 1 << self._rng.randrange(8)
        if self.faults.drop_after_bytes is not None:
            room = self.faults.drop_after_bytes - self._sent
            if room < len(out):
                self._write(bytes(out[: max(room, 0)]))
                self.unplug()
                return
        if self.faults.pull_after_bytes is not None:
            room = self.faults.pull_after_bytes - self._sent
            if room < len(out):
                self._write(bytes(out[: max(room, 0)]))
                time.sleep(0.02)  # let the host see the partial frame before the tty goes away
                self.pull_cable()
                return
        self._write(bytes(out))

    def _write(self, data: bytes) -> None:
        chunk = 64
        start = time.monotonic()
        for i in range(0, len(data), chunk):
            piece = data[i : i + chunk]
            if self.pace:  # a chunk is released when its last bit would have crossed the wire
                delay = start + wire_seconds(i + len(piece), self.baudrate) - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            self._raw_write(piece)
            self._sent += len(piece)

    def _raw_write(self, data: bytes) -> None:
        with self._lock:
            if self._master is not None:
                view = memoryview(data)
                while view:
                    try:
                        n = os.write(self._master, view)
                    except BlockingIOError:
                        select.select([], [self._master], [], 0.05)
                        continue
                    except OSError:
                        return
                    view = view[n:]
            elif self._client is not None:
                try:
                    self._client.sendall(data)
                except OSError:
                    self._close_client()

    def host_baudrate(self) -> int | None:
        """The line speed the host set on the pty, or None when unknown (TCP, no link, custom speed)."""
        master = self._master
        if termios is None or master is None:
            return None
        try:
            speed = termios.tcgetattr(master)[5]
        except (OSError, termios.error):
            return None
        return _TERMIOS_SPEEDS.get(speed)

    # ---- input loops -----------------------------------------------------------------------
    def _deliver(self, data: bytes, *, paced: bool = True) -> None:
        if self._dropped or not data:
            return
        self.bytes_received += len(data)
        if self.enforce_baud:
            host = self.host_baudrate()
            if host is not None and host != self.baudrate:
                self.bytes_lost += len(data)  # a UART at another speed hears only noise
                return
        if self.pace and paced:  # host → device bytes take their wire time too
            time.sleep(wire_seconds(len(data), self.baudrate))
        self.device.on_bytes(data)

    def _paced_pty_step(self, master: int) -> None:
        """Take host bytes from a pty as a device on a real serial port gets them.

        A real port's kernel buffer holds about `UART_BUFFER` bytes: a host's bulk write (an image
        download) blocks until all but that much has crossed the wire, and the device has the rest
        within that much wire time after the write returns. A pty holds ~20 KB instead, so an emulator
        that merely read at line rate would answer seconds after the host's write returned, and a host
        with a 1 s timeout would fall out of step. So bytes are read `UART_BUFFER` at a time and each
        chunk is given its wire time; while waiting, as soon as the host can write again (its write
        has returned: the slave side of the pty has room), everything still queued except the last
        `UART_BUFFER` bytes is taken at once, as a UART would already have delivered it."""
        data = os.read(master, UART_BUFFER)
        if not data:
            return
        slave = pty_slave_fd(master)
        end = time.monotonic() + wire_seconds(len(data), self.baudrate)
        room_since: float | None = None  # since when the host could have written but did not
        while True:
            now = time.monotonic()
            if now >= end:
                break
            host_can_write = slave is not None and _writable(slave)
            if not host_can_write:
                room_since = None
            elif room_since is None:
                room_since = now
            # a host still writing refills the pty within milliseconds; room for HOST_DONE_S means it is done
            if room_since is not None and now - room_since >= HOST_DONE_S and _readable(master):
                room_since = None
                rest = _read_available(master)
                if len(rest) > UART_BUFFER:
                    self._deliver(data + rest[:-UART_BUFFER], paced=False)
                    data = rest[-UART_BUFFER:]
                    end = time.monotonic() + wire_seconds(len(data), self.baudrate)
                else:
                    data += rest
                    end += wire_seconds(len(rest), self.baudrate)
                continue
            time.sleep(min(0.01, end - now))
        self._deliver(data, paced=False)

    def _pty_loop(self) -> None:
        assert self._master is not None
        self.device.on_connect()
        while not self._stop.is_set():
            master = self._master
            if master is None:
                return
            try:
                ready, _, _ = select.select([master], [], [], 0.05)
            except (OSError, ValueError):
                return
            if not ready:
                continue
            try:
                if self.pace:
                    self._paced_pty_step(master)
                    continue
                data = os.read(master, 65536)
            except OSError:
                time.sleep(0.05)  # EIO while no one holds the slave open
                continue
            self._deliver(data)

    def _tcp_loop(self) -> None:
        assert self._listener is not None
        while not self._stop.is_set():
            if self._client is None:
                try:
                    conn, _ = self._listener.accept()
                except (TimeoutError, OSError):
                    continue
                if self._dropped:
                    conn.close()
                    continue
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                conn.settimeout(0.05)
                self._client = conn
                self._sent = 0
                self.device.on_connect()
            client = self._client
            if client is None:
                continue
            try:
                data = client.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                self._close_client()
                continue
            if not data:
                self._close_client()
                continue
            self._deliver(data)

    def _close_client(self) -> None:
        with self._lock:
            if self._client is not None:
                try:
                    self._client.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                self._client.close()
                self._client = None


def _point(link: str, target: str) -> None:
    """Make `link` a symbolic link to `target`, replacing what was there in one step (never missing)."""
    tmp = f"{link}.{os.getpid()}.{threading.get_ident()}.tmp"
    _remove(tmp)
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _writable(fd: int) -> bool:
    try:
        return bool(select.select([], [fd], [], 0)[1])
    except (OSError, ValueError):
        return False


def _readable(fd: int) -> bool:
    try:
        return bool(select.select([fd], [], [], 0)[0])
    except (OSError, ValueError):
        return False


def _read_available(fd: int) -> bytes:
    """Everything that can be read from `fd` without waiting."""
    out = bytearray()
    while _readable(fd):
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        out += chunk
    return bytes(out)


_TERMIOS_SPEEDS: dict[int, int] = (
    {}
    if termios is None
    else {
        getattr(termios, f"B{b}"): b
        for b in (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600)
        if hasattr(termios, f"B{b}")
    }
)
