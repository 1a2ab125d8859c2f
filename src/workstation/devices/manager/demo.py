"""Demo desk: every installed emulator on a pty pair (TCP where there are no ptys), as ports to manage.

On ptys each device's port is a stable link in a private folder (``…/ws-emu-XXXX/mrz`` → ``/dev/pts/N``),
like the ``/dev/serial/by-id`` name udev gives a USB adapter. Unplugging a device (`EmulatedDesk.unplug`)
is a USB unplug: its pty hangs up and the link goes, so the port leaves the listing and the host's open
port fails; plugging it back makes a new pty behind the same link, so the assignment finds it again.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
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
    link_dir: str | None = None  # the folder of the ports' stable links (pty links)
    #: called after a device is unplugged or plugged back in (the manager lists the ports at once, as a
    #: system's hotplug notification would make it, instead of at its next listing)
    on_change: Callable[[], None] | None = None

    def device(self, role: str) -> EmulatedDevice:
        """The emulator itself, e.g. ``desk.device("idcard").place_card(card)``."""
        return self.servers[role].device

    def listed_ports(self) -> list[PortInfo]:
        """The ports a system listing would show now: an unplugged device's port is not there."""
        return [port for role, port in self.ports.items() if self.servers[role].plugged]

    def plugged(self, role: str) -> bool:
        return self.servers[role].plugged

    def unplug(self, role: str) -> None:
        """Pull the device out as a USB adapter is pulled: its port hangs up and leaves the listing."""
        self.servers[role].hang_up()
        self._changed()

    def replug(self, role: str) -> None:
        """Plug it back in: a new port behind the same name (a no-op while it is plugged in)."""
        self.servers[role].plug_in()
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()
        if self.link_dir is not None:
            shutil.rmtree(self.link_dir, ignore_errors=True)


def pty_available() -> bool:
    return os.name == "posix" and hasattr(os, "openpty")


def start_emulated_desk(*, link: str = "auto", specs: Iterable[PluginSpec] = DEFAULT_PLUGINS) -> EmulatedDesk:
    """Start one emulator per installed plugin that has both a driver and an emulator.

    `link`: "pty", "tcp" or "auto" (pty where available).
    """
    use_pty = pty_available() if link == "auto" else link == "pty"
    desk = EmulatedDesk(link_dir=tempfile.mkdtemp(prefix="ws-emu-") if use_pty else None)
    try:
        for spec in specs:
            plugin = load_plugin(spec)
            cls = load_emulator(spec) if plugin is not None else None
            if plugin is None or cls is None:
                logger.info("demo: no emulated %s", spec.role)
                continue
            server = EmulatorServer(cls(), baudrate=plugin.default_baud)
            if desk.link_dir is not None:
                url = server.start_pty(os.path.join(desk.link_dir, spec.role))
            else:
                url = server.start_tcp()
            desk.servers[spec.role] = server
            desk.ports[spec.role] = PortInfo(url, description=f"emulated {spec.role} ({spec.protocol})", emulated=True)
            desk.protocols[spec.role] = spec.protocol
            desk.bauds[spec.role] = plugin.default_baud
    except BaseException:
        desk.stop()
        raise
    return desk
