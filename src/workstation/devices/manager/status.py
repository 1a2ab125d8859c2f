"""Connection states of a device role and the plain-language message for each (marked; see `workstation.i18n`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workstation.devices.errors import DeviceError
from workstation.i18n import QT_TRANSLATE_NOOP, render

ROLE_NAMES: dict[str, str] = {
    "idcard": QT_TRANSLATE_NOOP("devices", "ID card reader"),
    "fingerprint": QT_TRANSLATE_NOOP("devices", "fingerprint scanner"),
    "mrz": QT_TRANSLATE_NOOP("devices", "passport reader"),
}
_UNKNOWN_ROLE = QT_TRANSLATE_NOOP("devices", "{role} device")


class DeviceState(StrEnum):
    SEARCHING = "searching"  # start-up discovery is running
    CONNECTED = "connected"  # the device answered; calls go to it
    DISCONNECTED = "disconnected"  # just lost (emitted once), followed by RECONNECTING
    RECONNECTING = "reconnecting"  # trying again with backoff, at once when the port reappears
    NOT_FOUND = "not_found"  # discovery finished without it; found later when it is plugged in


def role_label(role: str) -> str:
    """What a role's device is called in a sentence, marked (``"ID card reader"``; no article)."""
    return ROLE_NAMES.get(role) or _UNKNOWN_ROLE.format(role=role)


def role_name(role: str) -> tuple[str, str]:
    """(English, Chinese) name of a role's device; prefer `role_label` with `render`."""
    label = role_label(role)
    return render(label, "en"), render(label, "zh_CN")


def state_message(
    role: str,
    state: DeviceState,
    *,
    port: str | None = None,
    attempt: int = 0,
    emulated: bool = False,
    handshake: bool = True,
) -> str:
    """The operator's message for ``role`` in ``state`` (a marked `Message`; ``str`` is English)."""
    device = role_label(role)
    if state is DeviceState.SEARCHING:
        return QT_TRANSLATE_NOOP("devices", "Looking for the {device}…").format(device=device)
    if state is DeviceState.CONNECTED:
        if emulated:
            return QT_TRANSLATE_NOOP("devices", "The {device} is emulated (demo mode).").format(device=device)
        if port:
            return QT_TRANSLATE_NOOP("devices", "The {device} is ready on {port}.").format(device=device, port=port)
        return QT_TRANSLATE_NOOP("devices", "The {device} is ready.").format(device=device)
    if state is DeviceState.DISCONNECTED:
        return QT_TRANSLATE_NOOP(
            "devices", "The {device} was disconnected. Plug it back in; it will reconnect by itself."
        ).format(device=device)
    if state is DeviceState.RECONNECTING:
        if attempt:
            return QT_TRANSLATE_NOOP(
                "devices", "The {device} is disconnected; reconnecting (attempt {attempt}). Check its cable and power."
            ).format(device=device, attempt=attempt)
        return QT_TRANSLATE_NOOP(
            "devices", "The {device} is disconnected; reconnecting. Check its cable and power."
        ).format(device=device)
    if not handshake:
        return QT_TRANSLATE_NOOP(
            "devices", "The {device} cannot be detected automatically. Assign its port in Settings → Devices."
        ).format(device=device)
    return QT_TRANSLATE_NOOP(
        "devices",
        "The {device} was not found. Plug it in (it is found by itself), or assign its port in Settings → Devices.",
    ).format(device=device)


@dataclass(frozen=True)
class DeviceStatus:
    """What the UI shows for one role. ``message`` is a marked text: ``render(message, lang)`` (or
    ``message_zh``) gives it in a language, ``str(message)`` is English."""

    role: str
    state: DeviceState
    message: str
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
        message = state_message(role, state, port=port, attempt=attempt, emulated=emulated, handshake=handshake)
        return cls(role, state, message, port, protocol, baud, attempt, emulated, detail)

    @property
    def message_zh(self) -> str:
        """The message in Chinese."""
        return render(self.message, "zh_CN")


class DeviceNotConnected(DeviceError):
    """A call was made for a role that has no connected device; the message says why and what to do."""

    def __init__(self, status: DeviceStatus) -> None:
        self.status = status
        super().__init__(status.message, hint=f"{status.role}: {status.state.value}")


class DeviceManagerStopped(DeviceError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("devices", "Devices are shutting down."))


class WrongProtocol(DeviceError):
    """An assignment named a protocol that is not installed or belongs to another kind of device."""

    def __init__(self, role: str, protocol: str, allowed: list[str]) -> None:
        device = role_label(role)
        if allowed:
            message = QT_TRANSLATE_NOOP(
                "devices", "The {device} cannot use the protocol '{protocol}'; it speaks: {protocols}."
            ).format(device=device, protocol=protocol, protocols=", ".join(allowed))
        else:
            message = QT_TRANSLATE_NOOP(
                "devices", "The {device} cannot use the protocol '{protocol}'; no protocol for it is installed."
            ).format(device=device, protocol=protocol)
        super().__init__(message, hint=f"{role}: protocol {protocol!r}")
