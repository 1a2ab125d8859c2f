"""Demo desk: every installed emulator on a pty pair (TCP where there are no ptys), as ports to manage."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
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

    def device(self, role: str) -> EmulatedDevice:
        """The emulator itself, e.g. ``desk.device("idcard").place_card(card)``."""
        return self.servers[role].device

    def unplug(self, role: str) -> None:
        self.servers[role].unplug()

    def replug(self, role: str) -> None:
        self.servers[role].replug()

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
