"""Byte transport over pyserial: real ports, ``socket://host:port`` and Linux pty pairs.

`Transport` is deliberately small: exact reads that loop over short reads until a deadline, and
writes. It is owned by one thread (see `PortWorker`); nothing else touches it.

Every failure of the port itself becomes `DeviceDisconnected`, whatever raised it: pyserial's
`SerialException`, an `OSError` (EIO once a USB adapter is gone) and `termios.error`, which
`tcflush`/`tcdrain` raise on a vanished tty and which is *not* an `OSError`.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import serial

from workstation.devices.errors import DEVICE, DeviceDisconnected, DeviceTimeout

try:
    import termios

    _TERMIOS_ERRORS: tuple[type[BaseException], ...] = (termios.error,)
except ImportError:  # Windows
    _TERMIOS_ERRORS = ()

# what a port raises when the device or its adapter is gone (see the module docstring)
TRANSPORT_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError, *_TERMIOS_ERRORS)

# what opening a port raises besides those: pyserial's ValueError for a malformed URL or setting
_OPEN_ERRORS: tuple[type[BaseException], ...] = (*TRANSPORT_ERRORS, ValueError)

T = TypeVar("T")

logger = logging.getLogger(__name__)


class Transport:
    def __init__(self, url: str, *, baudrate: int = 115200, timeout: float = 0.05) -> None:
        self.url = url
        self.baudrate = baudrate
        #: the device's name once the port is known to be one (`DeviceDisconnected(what=)`); set by the manager
        self.what: str | None = None
        try:
            self._port: Any = serial.serial_for_url(url, baudrate=baudrate, timeout=timeout, write_timeout=5)
        except _OPEN_ERRORS as exc:
            raise DeviceDisconnected(url) from exc

    @property
    def is_open(self) -> bool:
        return bool(self._port is not None and self._port.is_open)

    def check_alive(self) -> None:
        """Raise `DeviceDisconnected` when the port is closed or hung up (a pulled USB adapter's tty, whose
        ioctls fail with EIO), reading and sending nothing: the liveness check of a passive device (MRZ)."""
        if not self.is_open:
            raise DeviceDisconnected(self.url, what=self.what)
        try:
            self._port.in_waiting  # noqa: B018  (TIOCINQ: fails on a hung-up tty)
        except TRANSPORT_ERRORS as exc:
            raise DeviceDisconnected(self.url, what=self.what) from exc

    def set_baudrate(self, baudrate: int) -> None:
        self.baudrate = baudrate
        try:
            self._port.baudrate = baudrate
        except TRANSPORT_ERRORS as exc:
            raise DeviceDisconnected(self.url, what=self.what) from exc

    def write(self, data: bytes) -> None:
        try:
            self._port.write(data)
            self._port.flush()
        except TRANSPORT_ERRORS as exc:
            raise DeviceDisconnected(self.url, what=self.what) from exc

    def read_some(self, max_bytes: int = 4096) -> bytes:
        """Whatever is available within the port timeout (maybe nothing)."""
        try:
            waiting = self._port.in_waiting
            return bytes(self._port.read(max(1, min(max_bytes, waiting or 1))))
        except TRANSPORT_ERRORS as exc:
            raise DeviceDisconnected(self.url, what=self.what) from exc

    def read_exact(self, n: int, deadline: float, what: str = DEVICE) -> bytes:
        """Read exactly n bytes, looping over short reads; DeviceTimeout at the monotonic deadline."""
        buf = bytearray()
        while len(buf) < n:
            if time.monotonic() > deadline:
                raise DeviceTimeout(what)
            try:
                chunk = self._port.read(n - len(buf))
            except TRANSPORT_ERRORS as exc:
                raise DeviceDisconnected(self.url, what=self.what) from exc
            if chunk:
                buf += chunk
        return bytes(buf)

    def reset_input(self) -> None:
        """Discard bytes received but not read. DeviceDisconnected when the port is gone; a transport
        without an input buffer to flush (some URL handlers) is left as it is."""
        try:
            self._port.reset_input_buffer()
        except (AttributeError, NotImplementedError):
            pass
        except TRANSPORT_ERRORS as exc:
            raise DeviceDisconnected(self.url, what=self.what) from exc

    def close(self) -> None:
        try:
            self._port.close()
        except TRANSPORT_ERRORS:
            pass


def wire_seconds(n_bytes: int, baudrate: int, bits_per_byte: int = 10) -> float:
    """Time n bytes take on an 8N1 line (10 bits per byte)."""
    return n_bytes * bits_per_byte / baudrate


def open_pty_pair() -> tuple[int, str]:
    """A raw pty pair: (master fd for the emulator, slave path for the driver). Linux/macOS only."""
    import tty

    master, slave = os.openpty()
    tty.setraw(master)
    tty.setraw(slave)
    path = os.ttyname(slave)
    # keep the slave open in this process so the master does not see EIO before the driver opens it
    _KEEP_SLAVES[master] = slave
    return master, path


_KEEP_SLAVES: dict[int, int] = {}


def pty_slave_fd(master: int) -> int | None:
    """The slave fd this process keeps open for a pty made by `open_pty_pair` (for emulators that need
    to see the host's side of the link, e.g. whether the host can write), None when unknown."""
    return _KEEP_SLAVES.get(master)


def close_pty(master: int) -> None:
    for fd in (master, _KEEP_SLAVES.pop(master, None)):
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass


class PortWorker:
    """One owner thread per port: every call that touches the transport runs on it.

    Like Electrum's hardware thread: `submit` returns a Future; `call` waits for it. Code running on
    the worker may check `in_owner_thread()`.
    """

    def __init__(self, name: str) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"port-{name}")
        self._thread_id: int | None = None
        self._executor.submit(self._remember).result()

    def _remember(self) -> None:
        self._thread_id = threading.get_ident()

    def in_owner_thread(self) -> bool:
        return threading.get_ident() == self._thread_id

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future[T]:
        return self._executor.submit(fn, *args, **kwargs)

    def call(self, fn: Callable[..., T], *args: Any, timeout: float | None = None, **kwargs: Any) -> T:
        if self.in_owner_thread():
            return fn(*args, **kwargs)
        return self._executor.submit(fn, *args, **kwargs).result(timeout)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


class PortLoop:
    """Runs `tick()` over and over on a port's owner thread, from a scheduling thread of its own.

    The worker is released between ticks, so other calls on the port run in between. Subclasses
    implement `tick()` (on the worker) and `pause()` (seconds to wait after a tick). An exception
    from a tick (a bug in a callback) is logged and the loop goes on. `stop()` joins the thread.
    """

    thread_name = "port-loop"

    def __init__(self, worker: PortWorker) -> None:
        self.worker = worker
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tick(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def pause(self) -> float:
        return 0.0

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.worker.call(self.tick)
            except Exception:  # a bug in a callback must not stop the loop; report it
                logger.exception("%s: tick failed", self.thread_name)
            wait = self.pause()
            if wait > 0:
                self._stop.wait(wait)
