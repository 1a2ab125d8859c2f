"""Protocol plugins: each device family is a package `workstation.devices.<proto>` whose `driver` module
exposes ``PROTOCOL: str``, ``DEFAULT_BAUD: int`` and ``probe(transport, *, timeout=0.5) -> bool``.

Modules are imported lazily; a plugin that is not installed (or fails to import) is skipped with a
log line, so a build without, say, the MRZ package still finds the other devices.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, cast

from workstation.devices.emulation import EmulatedDevice
from workstation.devices.transport import Transport

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PluginSpec:
    protocol: str
    role: str
    driver_module: str
    driver_class: str | None  # built as cls(transport); a module-level ``open_driver(transport)`` wins
    emulator: str | None  # "module:Class" of an `EmulatedDevice`, for demo mode
    handshake: bool = True  # False: probe only recognises traffic (MRZ); assign explicitly


DEFAULT_PLUGINS: tuple[PluginSpec, ...] = (
    PluginSpec("sam", "idcard", "workstation.devices.sam.driver", "SamReader",
               "workstation.devices.sam.emulator:SamEmulator"),
    PluginSpec("zfm", "fingerprint", "workstation.devices.zfm.driver", "FingerprintScanner",
               "workstation.devices.zfm.emulator:ZfmEmulator"),
    PluginSpec("mrz", "mrz", "workstation.devices.mrz.driver", "MrzReader",
               "workstation.devices.mrz.emulator:MrzEmulator", handshake=False),
)


@dataclass(frozen=True)
class ProtocolPlugin:
    spec: PluginSpec
    default_baud: int
    probe_fn: Callable[..., bool]
    driver_factory: Callable[..., object] | None
    handshake: bool

    @property
    def protocol(self) -> str:
        return self.spec.protocol

    @property
    def role(self) -> str:
        return self.spec.role

    def probe(self, transport: Transport, timeout: float) -> bool:
        return bool(self.probe_fn(transport, timeout=timeout))

    def open_driver(self, transport: Transport, **options: Any) -> object:
        """The object `DeviceManager.call` passes to consumers (the transport itself when there is no driver).

        `options` come from `ManagerConfig.driver_options[protocol]` (e.g. a fingerprint module's password).
        """
        return self.driver_factory(transport, **options) if self.driver_factory is not None else transport


def _import(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        logger.info("device plugin %s not available: %s", name, exc)
    except Exception:  # a broken plugin must not stop the others; it is a bug, so log it loudly
        logger.exception("device plugin %s failed to import", name)
    return None


def load_plugin(spec: PluginSpec) -> ProtocolPlugin | None:
    mod = _import(spec.driver_module)
    if mod is None:
        return None
    proto, baud, probe = (getattr(mod, n, None) for n in ("PROTOCOL", "DEFAULT_BAUD", "probe"))
    if proto != spec.protocol or not isinstance(baud, int) or not callable(probe):
        logger.warning("device plugin %s does not follow the plugin contract (PROTOCOL=%r); skipped",
                       spec.driver_module, proto)
        return None
    factory: Any = getattr(mod, "open_driver", None)
    if factory is None and spec.driver_class:
        factory = getattr(mod, spec.driver_class, None)
    handshake = bool(getattr(mod, "HANDSHAKE", spec.handshake))
    return ProtocolPlugin(spec, baud, cast(Callable[..., bool], probe), factory, handshake)


def load_plugins(specs: Iterable[PluginSpec] = DEFAULT_PLUGINS) -> dict[str, ProtocolPlugin]:
    """Installed plugins by protocol, in spec order (which is the probe order for unknown adapters)."""
    out: dict[str, ProtocolPlugin] = {}
    for spec in specs:
        plugin = load_plugin(spec)
        if plugin is not None:
            out[plugin.protocol] = plugin
    return out


def load_emulator(spec: PluginSpec) -> type[EmulatedDevice] | None:
    if not spec.emulator:
        return None
    module, _, cls_name = spec.emulator.partition(":")
    mod = _import(module)
    cls = getattr(mod, cls_name, None) if mod is not None else None
    if cls is None:
        logger.info("no emulator %s", spec.emulator)
        return None
    return cast(type[EmulatedDevice], cls)
