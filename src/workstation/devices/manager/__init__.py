"""Device manager: discovery, probing, remembered assignments, reconnects, demo emulators. No Qt.

See `core` for the threading model. Typical use from the app::

    manager = open_device_manager(ManagerConfig(), demo=args.demo, on_state=bridge)  # started
    manager.call("idcard", lambda reader: reader.read_card())   # off the GUI thread
    manager.shutdown()
"""

from __future__ import annotations

from workstation.devices.manager.assignments import (
    Assignment,
    AssignmentStore,
    default_assignments_path,
    station_assignments_path,
)
from workstation.devices.manager.backoff import Backoff
from workstation.devices.manager.core import DeviceManager, ManagerConfig, PollHandle, StateCallback
from workstation.devices.manager.demo import EmulatedDesk, start_emulated_desk
from workstation.devices.manager.plugins import DEFAULT_PLUGINS, PluginSpec, ProtocolPlugin, load_plugins
from workstation.devices.manager.ports import Lister, PortIdentity, PortInfo, system_ports, with_named_ports
from workstation.devices.manager.profiles import AdapterProfile, ProfileSet, load_profiles
from workstation.devices.manager.status import (
    DeviceManagerStopped,
    DeviceNotConnected,
    DeviceState,
    DeviceStatus,
    WrongProtocol,
    role_label,
)
from workstation.i18n import QT_TRANSLATE_NOOP, Listing

__all__ = [
    "DEFAULT_PLUGINS",
    "Assignment",
    "AssignmentStore",
    "Backoff",
    "DeviceManager",
    "DeviceManagerStopped",
    "DeviceNotConnected",
    "DeviceState",
    "DeviceStatus",
    "EmulatedDesk",
    "Lister",
    "ManagerConfig",
    "PluginSpec",
    "PollHandle",
    "PortIdentity",
    "PortInfo",
    "ProfileSet",
    "ProtocolPlugin",
    "StateCallback",
    "WrongProtocol",
    "default_assignments_path",
    "describe_environment",
    "hardware_present",
    "load_plugins",
    "load_profiles",
    "open_device_manager",
    "start_emulated_desk",
    "station_assignments_path",
    "system_ports",
    "with_named_ports",
]


def hardware_present(config: ManagerConfig, ports: list[PortInfo], profiles: ProfileSet) -> bool:
    """Is there anything worth probing: a known adapter, a configured port or a remembered assignment?"""
    if AssignmentStore(config.assignments_path).all():
        return True
    return any(p.device in config.extra_ports or profiles.match(p) is not None for p in ports)


def open_device_manager(
    config: ManagerConfig | None = None,
    *,
    demo: bool = False,
    lister: Lister | None = None,
    on_state: StateCallback | None = None,
) -> DeviceManager:
    """A started manager. Outside demo mode always the real one (emulated devices at a real desk would
    let invented identities into the register). In demo mode: real devices when a known adapter, a
    configured port or a remembered assignment is present, else emulators (`manager.demo`).
    """
    cfg = config or ManagerConfig()
    if demo:
        ports = list((lister or system_ports)())
        if not hardware_present(cfg, ports, load_profiles(cfg.profile_path)):
            manager = DeviceManager.with_emulators(cfg, on_state=on_state)
            manager.start()
            return manager
    manager = DeviceManager(cfg, lister=lister, on_state=on_state)
    manager.start()
    return manager


def describe_environment(*, demo: bool = False) -> list[str]:
    """A few lines for the console: serial ports, recognised adapters, installed device support.

    No I/O to ports. Each line is a marked message (`workstation.i18n.Message`, English as ``str``);
    the caller renders it in the operator's language.
    """
    plugins = load_plugins()
    profiles = load_profiles()
    try:
        ports = system_ports()
    except Exception as exc:  # listing can fail on odd systems; this is only a report
        return [_CANNOT_LIST.format(error=repr(exc))]
    known = [(p, profiles.match(p)) for p in ports]

    def describe(p: PortInfo, a: AdapterProfile | None) -> str:
        if a is not None:
            return _PORT_ADAPTER.format(port=p.device, chip=a.chip)
        if p.is_usb:
            return _PORT_USB.format(port=p.device, usb_id=p.usb_id)
        return _PORT_BUILT_IN.format(port=p.device)

    shown: str = Listing([describe(p, a) for p, a in known]) if known else _NONE
    support: str = (
        Listing(
            [_SUPPORT_ITEM.format(device=role_label(p.role), protocol=p.protocol.upper()) for p in plugins.values()]
        )
        if plugins
        else _NONE
    )
    lines: list[str] = [_PORTS_LINE.format(ports=shown), _SUPPORT_LINE.format(support=support)]
    if demo and not any(a for _, a in known):
        lines.append(_DEMO_LINE)
    return lines


_CANNOT_LIST = QT_TRANSLATE_NOOP("devices", "Devices: cannot list serial ports ({error})")
_PORT_ADAPTER = QT_TRANSLATE_NOOP("devices", "{port} ({chip})")
_PORT_USB = QT_TRANSLATE_NOOP("devices", "{port} (USB {usb_id})")
_PORT_BUILT_IN = QT_TRANSLATE_NOOP("devices", "{port} (built-in; probed only if configured)")
_NONE = QT_TRANSLATE_NOOP("devices", "none")
_PORTS_LINE = QT_TRANSLATE_NOOP("devices", "Serial ports: {ports}")
_SUPPORT_LINE = QT_TRANSLATE_NOOP("devices", "Device support: {support}")
#: one supported device: its kind in words and its protocol's name ("ID card reader (SAM)")
_SUPPORT_ITEM = QT_TRANSLATE_NOOP("devices", "{device} ({protocol})")
_DEMO_LINE = QT_TRANSLATE_NOOP("devices", "Devices: no USB-serial reader plugged in; demo mode uses emulated devices")
