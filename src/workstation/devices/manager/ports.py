"""Serial ports as plain data, and the identity a remembered assignment is matched by.

`/dev/ttyUSB0` numbering changes from boot to boot and with the order adapters are plugged in, so a
port is remembered by its USB serial number when the adapter has one, else by its USB location
(the physical socket), and only as a last resort by its device path.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PortInfo:
    """One listed port. `device` is what `Transport` opens: a path, COMn, or a pyserial URL (tests, demo)."""

    device: str
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    location: str | None = None
    description: str = ""
    emulated: bool = False

    @property
    def is_usb(self) -> bool:
        return self.vid is not None and self.pid is not None

    @property
    def usb_id(self) -> str:
        return f"{self.vid:04x}:{self.pid:04x}" if self.vid is not None and self.pid is not None else ""

    @classmethod
    def from_pyserial(cls, info: Any) -> PortInfo:
        return cls(
            device=str(info.device),
            vid=info.vid,
            pid=info.pid,
            serial_number=info.serial_number or None,
            location=info.location or None,
            description=str(info.description or ""),
        )

    def identity(self) -> PortIdentity:
        return PortIdentity(self.device, self.vid, self.pid, self.serial_number, self.location)

    def label(self) -> str:
        extra = ", ".join(x for x in (self.usb_id, self.serial_number and f"serial {self.serial_number}") if x)
        return f"{self.device} ({extra})" if extra else self.device


Lister = Callable[[], Sequence[PortInfo]]


def is_url(device: str) -> bool:
    """A pyserial URL (``socket://``, ``rfc2217://``…) rather than a device path."""
    return "://" in device


def real_device(device: str) -> str:
    """The device a path names after following links (udev names); URLs as they are."""
    return device if is_url(device) else os.path.realpath(device)


def with_named_ports(ports: Sequence[PortInfo], names: Iterable[str]) -> list[PortInfo]:
    """The listed ports plus the ports an administrator named that the system does not list: a udev
    link such as ``/dev/ws-serial-idcard`` to an unlisted device, a pty, a pyserial URL. A name that is
    a link to a listed port adds nothing (that port is found through `PortIdentity.find`); a path that
    does not exist (yet) adds nothing either, so an unplugged device stays unplugged."""
    out = list(ports)
    known = {real_device(p.device) for p in out}
    for name in names:
        if not name or real_device(name) in known or not (is_url(name) or os.path.exists(name)):
            continue
        known.add(real_device(name))
        out.append(PortInfo(name, description="named by the administrator"))
    return out


def system_ports() -> list[PortInfo]:
    """The operating system's serial ports (pyserial `list_ports.comports`)."""
    from serial.tools import list_ports

    return [PortInfo.from_pyserial(p) for p in list_ports.comports()]


@dataclass(frozen=True)
class PortIdentity:
    device: str
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    location: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "vid": f"{self.vid:04x}" if self.vid is not None else None,
            "pid": f"{self.pid:04x}" if self.pid is not None else None,
            "serial_number": self.serial_number,
            "location": self.location,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PortIdentity:
        def hex_or_none(v: Any) -> int | None:
            return int(str(v), 16) if v not in (None, "") else None

        return cls(
            device=str(data["device"]),
            vid=hex_or_none(data.get("vid")),
            pid=hex_or_none(data.get("pid")),
            serial_number=data.get("serial_number") or None,
            location=data.get("location") or None,
        )

    def find(self, ports: Iterable[PortInfo]) -> PortInfo | None:
        """The listed port this identity refers to, or None when it is not plugged in.

        USB serial number first (several cheap clones share one serial: then location, then path
        break the tie); without a serial number, USB location; without either, the device path.
        """
        ports = list(ports)
        if self.vid is not None and self.serial_number:
            same = [p for p in ports if (p.vid, p.pid, p.serial_number) == (self.vid, self.pid, self.serial_number)]
            return _tie_break(same, self)
        if self.vid is not None and self.location:
            same = [p for p in ports if (p.vid, p.pid, p.location) == (self.vid, self.pid, self.location)]
            return _tie_break(same, self)
        exact = next((p for p in ports if p.device == self.device), None)
        if exact is not None or is_url(self.device):
            return exact
        real = real_device(self.device)  # a udev link (/dev/ws-serial-idcard) to the listed /dev/ttyUSB0
        return next((p for p in ports if not is_url(p.device) and real_device(p.device) == real), None)


def _tie_break(same: list[PortInfo], ident: PortIdentity) -> PortInfo | None:
    if len(same) <= 1:
        return same[0] if same else None
    by_location = [p for p in same if ident.location and p.location == ident.location]
    if len(by_location) == 1:
        return by_location[0]
    by_device = [p for p in (by_location or same) if p.device == ident.device]
    if by_device:
        return by_device[0]
    logger.warning("%d ports share serial number %s and none matches %s; not guessing", len(same),
                   ident.serial_number, ident.device)
    return None
