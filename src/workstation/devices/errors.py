"""Typed device errors. Framers raise only `ProtocolError`; drivers turn failures into user messages."""

from __future__ import annotations

from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP

#: What a device is called in a sentence when no better name is known (no article: "the {device}").
DEVICE = QT_TRANSLATE_NOOP("devices", "device")
ITS_PORT = QT_TRANSLATE_NOOP("devices", "its port")


class ProtocolError(Exception):
    """A frame could not be parsed (bad preamble, length, checksum, address). Never user-facing alone."""


class DeviceError(UserFacingError):
    """A device failure the operator can act on."""


class DeviceTimeout(DeviceError):
    """No answer in time; ``what`` names the device, marked and without article (``"ID card reader"``)."""

    def __init__(self, what: str = DEVICE) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "devices", "No answer from the {device}. Check the cable and that the device is powered."
            ).format(device=what)
        )


class DeviceDisconnected(DeviceError):
    """The port or its device is gone (a pulled cable or USB adapter).

    Args:
        port: the port's name or URL (``/dev/ttyUSB0``, ``COM3``, ``socket://…``).
        what: the device's name when the port is known to be one (marked, no article: ``"fingerprint
            scanner"``; the device manager sets it on the transport it hands a driver). The message then
            names the device, which is what an officer knows, and the port goes to the hint (logs, the
            details pane); without it the message names the port.
    """

    def __init__(self, port: str = "", *, what: str | None = None) -> None:
        if what:
            super().__init__(
                QT_TRANSLATE_NOOP(
                    "devices", "The {device} was disconnected. Plug it back in; it will reconnect by itself."
                ).format(device=what),
                hint=port or None,
            )
        else:
            super().__init__(
                QT_TRANSLATE_NOOP(
                    "devices", "The device on {port} was disconnected. Plug it back in; it will reconnect."
                ).format(port=port or ITS_PORT)
            )
        self.port = port
        self.what = what
