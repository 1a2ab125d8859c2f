"""Byte transport over pyserial: real ports, ``socket://host:port`` and Linux pty pairs.

`Transport` is deliberately small: exact reads that loop over short reads until a deadline, and
writes. It is owned by one thread (see `PortWorker`); nothing else touches it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import serial

from workstation.devices.errors import DeviceDisconnected, DeviceTimeout

T = TypeVar("T")


class Transport:
    def __init__(self, url: str, *, baudrate: int = 115200, timeout: float = 0.05) -> None:
        self.url = url
        self.baudrate = baudrate
        try:
            self._port: Any = serial.serial_for_url(url, baudrate=baudrate, timeout=timeout, write_timeout=5)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise DeviceDisconnected(url) from exc

    @property
    def is_open(self) -> bool:
        return bool(self._port is not None and self._port.is_open)

    def set_baudrate(self, baudrate: int) -> None:
        self.baudrate = baudrate
        self._port.baudrate = baudrate

    def write(self, data: bytes) -> None:
        try:
            self._port.write(data)
            self._port.flush()
        except (serial.SerialException, OSError) as exc:
            raise DeviceDisconnected(self.url) from exc

    def read_some(self, max_bytes: int = 4096) -> bytes:
        """Whatever is available within the port timeout (maybe nothing)."""
        try:
            waiting = self._port.in_waiting
            return bytes(self._port.read(max(1, min(max_bytes, waiting or 1))))
        except (serial.SerialException, OSError) as exc:
            raise DeviceDisconnected(self.url) from exc

    def read_exact(self, n: int, deadline: float, what: str = "the device") -> bytes:
        """Read exactly n bytes, looping over short reads; DeviceTimeout at the monotonic deadline."""
        buf = bytearray()
        while len(buf) < n:
            if time.monotonic() > deadline:
                raise DeviceTimeout(what)
            try:
                chunk = self._port.read(n - len(buf))
            except (serial.SerialException, OSError) as exc:
                raise DeviceDisconnected(self.url) from exc
            if chunk:
                buf += chunk
        return bytes(buf)

    def reset_input(self) -> None:
        try:
            self._port.reset_input_buffer()
        except (serial.SerialException, OSError, AttributeError, NotImplementedError):
            pass

    def close(self) -> None:
        try:
            self._port.close()
        except (serial.SerialException, OSError):
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
