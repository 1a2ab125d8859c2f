"""Demo desk: every installed emulator on a pty pair (TCP where there are no ptys), as ports to manage."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from workstation.devices.emulation import EmulatedDevice, EmulatorServer
from workstation.devices.manager.plugins import DEFAULT_PLUGINS, PluginSpec, load_emulator, load_plugin
from workstation.devices.manager.ports import PortInfo

logger = logging.getLogger(__name__)


@dataclass
class EmulatedDesk:
    """Emulators by role ("idcard", "fingerprint", "mrz"): drive scenarios through `device(role)`."""

    servers: dict[str, EmulatorServer] = field(default_factory=dict)
    ports: dict[str, PortInfo] = field(default_factory=dict)
    protocols: dict[str, str] = field(default_factory=dict)
    bauds: dict[str, int] = field(default_factory=dict)
    unplugged: set[str] = field(default_factory=set)
    #: called after a cable is pulled or plugged back (the manager lists the ports at once, as a
    #: system's hotplug notification would make it)
    on_change: Callable[[], None] | None = None

    def device(self, role: str) -> EmulatedDevice:
        """The emulator itself, e.g. ``desk.device("idcard").place_card(card)``."""
        return self.servers[role].device

    def listed_ports(self) -> list[PortInfo]:
        """The ports as the system would list them: a pulled cable's adapter is not listed (a USB-serial
        adapter disappears when pulled and comes back when plugged in)."""
        return [port for role, port in self.ports.items() if role not in self.unplugged]

    def unplug(self, role: str) -> None:
        """Pull the device's cable: it stops answering and its port leaves the listing."""
        self.servers[role].unplug()
        self.unplugged.add(role)
        self._changed()

    def replug(self, role: str) -> None:
        """Plug it back: its port is listed again and it answers."""
        self.servers[role].replug()
        self.unplugged.discard(role)
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()


def pty_available() -> bool:
    return os.name == "posix" and hasattr(os, "openpty")


def start_emulated_desk(*, link: str = "auto", specs: Iterable[PluginSpec] = DEFAULT_PLUGINS) -> EmulatedDesk:
    """Start one emulator per installed plugin that has both a driver and an emulator.

    `link`: "pty", "tcp" or "auto" (pty where available).
    """
    use_pty = pty_available() if link == "auto" else link == "pty"
    desk = EmulatedDesk()
    try:
        for spec in specs:
            plugin = load_plugin(spec)
            cls = load_emulator(spec) if plugin is not None else None
            if plugin is None or cls is None:
                logger.info("demo: no emulated %s", spec.role)
                continue
            server = EmulatorServer(cls(), baudrate=plugin.default_baud)
            url = server.start_pty() if use_pty else server.start_tcp()
            desk.servers[spec.role] = server
            desk.ports[spec.role] = PortInfo(url, description=f"emulated {spec.role} ({spec.protocol})", emulated=True)
            desk.protocols[spec.role] = spec.protocol
            desk.bauds[spec.role] = plugin.default_baud
    except BaseException:
        desk.stop()
        raise
    return desk
