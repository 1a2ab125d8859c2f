"""Connection states of a device role and the plain-language message (English + Chinese) for each."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workstation.devices.errors import DeviceError

ROLE_NAMES: dict[str, tuple[str, str]] = {
    "idcard": ("ID card reader", "身份证阅读器"),
    "fingerprint": ("fingerprint scanner", "指纹仪"),
    "mrz": ("passport reader", "护照阅读器"),
}


class DeviceState(StrEnum):
    SEARCHING = "searching"  # start-up discovery is running
    CONNECTED = "connected"  # the device answered; calls go to it
    DISCONNECTED = "disconnected"  # just lost (emitted once), followed by RECONNECTING
    RECONNECTING = "reconnecting"  # trying again with backoff, at once when the port reappears
    NOT_FOUND = "not_found"  # discovery finished without it; found later when it is plugged in


def role_name(role: str) -> tuple[str, str]:
    return ROLE_NAMES.get(role, (f"{role} device", f"{role}设备"))


def state_message(
    role: str,
    state: DeviceState,
    *,
    port: str | None = None,
    attempt: int = 0,
    emulated: bool = False,
    handshake: bool = True,
) -> tuple[str, str]:
    en, zh = role_name(role)
    if state is DeviceState.SEARCHING:
        return f"Looking for the {en}…", f"正在查找{zh}……"
    if state is DeviceState.CONNECTED:
        if emulated:
            return f"The {en} is emulated (demo mode).", f"{zh}为模拟设备（演示模式）。"
        where = f" on {port}" if port else ""
        return f"The {en} is ready{where}.", f"{zh}已连接{f'（{port}）' if port else ''}。"
    if state is DeviceState.DISCONNECTED:
        return (
            f"The {en} was disconnected. Plug it back in; it will reconnect by itself.",
            f"{zh}已断开，重新插上后会自动重连。",
        )
    if state is DeviceState.RECONNECTING:
        tries = f" (attempt {attempt})" if attempt else ""
        tries_zh = f"（第{attempt}次）" if attempt else ""
        return (
            f"The {en} is disconnected; reconnecting{tries}. Check its cable and power.",
            f"{zh}已断开，正在重连{tries_zh}，请检查连接线和电源。",
        )
    if not handshake:
        return (
            f"The {en} cannot be detected automatically. Assign its port in Settings → Devices.",
            f"{zh}无法自动识别，请在“设置 → 设备”中指定其串口。",
        )
    return (
        f"The {en} was not found. Plug it in (it is found by itself), or assign its port in Settings → Devices.",
        f"未找到{zh}。请插上设备（会自动识别），或在“设置 → 设备”中指定其串口。",
    )


@dataclass(frozen=True)
class DeviceStatus:
    """What the UI shows for one role. `message`/`message_zh` are ready to display."""

    role: str
    state: DeviceState
    message: str
    message_zh: str
    port: str | None = None
    protocol: str | None = None
    baud: int | None = None
    attempt: int = 0  # reconnect attempts since the device was last healthy
    emulated: bool = False
    detail: str | None = None  # technical reason, for logs and the details pane

    @classmethod
    def make(
        cls,
        role: str,
        state: DeviceState,
        *,
        port: str | None = None,
        protocol: str | None = None,
        baud: int | None = None,
        attempt: int = 0,
        emulated: bool = False,
        handshake: bool = True,
        detail: str | None = None,
    ) -> DeviceStatus:
        en, zh = state_message(role, state, port=port, attempt=attempt, emulated=emulated, handshake=handshake)
        return cls(role, state, en, zh, port, protocol, baud, attempt, emulated, detail)


class DeviceNotConnected(DeviceError):
    """A call was made for a role that has no connected device; the message says why and what to do."""

    def __init__(self, status: DeviceStatus) -> None:
        self.status = status
        super().__init__(status.message, status.message_zh, hint=f"{status.role}: {status.state.value}")


class DeviceManagerStopped(DeviceError):
    def __init__(self) -> None:
        super().__init__("Devices are shutting down.", "设备正在关闭。")


class WrongProtocol(DeviceError):
    """An assignment named a protocol that is not installed or belongs to another kind of device."""

    def __init__(self, role: str, protocol: str, allowed: list[str]) -> None:
        en, zh = role_name(role)
        which = ", ".join(allowed) or "none installed"
        super().__init__(
            f"The {en} cannot use the protocol {protocol!r}; it speaks: {which}.",
            f"{zh}不能使用协议“{protocol}”，可用协议：{which}。",
            hint=f"{role}: protocol {protocol!r}",
        )
