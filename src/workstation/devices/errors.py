"""Typed device errors. Framers raise only `ProtocolError`; drivers turn failures into user messages."""

from __future__ import annotations

from workstation.errors import UserFacingError


class ProtocolError(Exception):
    """A frame could not be parsed (bad preamble, length, checksum, address). Never user-facing alone."""


class DeviceError(UserFacingError):
    """A device failure the operator can act on."""


class DeviceTimeout(DeviceError):
    def __init__(self, what: str = "the device", what_zh: str = "设备") -> None:
        super().__init__(
            f"No answer from {what}. Check the cable and that the device is powered.",
            f"{what_zh}无响应，请检查连接线和电源。",
        )


class DeviceDisconnected(DeviceError):
    def __init__(self, port: str = "") -> None:
        super().__init__(
            f"The device on {port or 'its port'} was disconnected. Plug it back in; it will reconnect.",
            f"设备（{port or '串口'}）已断开，重新插上后会自动重连。",
        )
