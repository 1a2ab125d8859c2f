"""USB-serial adapter profiles: which protocols, at which bauds, are worth probing on a port.

Where the profile comes from (first that exists wins; documented in drivers/README.md):
1. the path given in settings (`ManagerConfig.profile_path`) — an error if it cannot be read;
2. a PyInstaller bundle: ``<sys._MEIPASS>/drivers/profiles/usb-serial-adapters.json``;
3. a source checkout: ``<repo>/drivers/profiles/usb-serial-adapters.json``;
4. the copy built into this module (`BUILTIN_PROFILE`), which a test keeps equal to the file, so a
   wheel install without ``drivers/`` still probes the same way.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.devices.errors import DeviceError
from workstation.devices.manager.ports import PortInfo
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.resources import drivers_path

logger = logging.getLogger(__name__)

PROFILE_NAME = "usb-serial-adapters.json"
SOURCE_PROFILE = drivers_path("profiles", PROFILE_NAME)

BUILTIN_PROFILE: dict[str, Any] = {
    "adapters": [
        {"vid": "1a86", "pid": "7523", "chip": "CH340/CH341",
         "protocols": [["sam", [115200, 57600, 38400, 19200, 9600]], ["zfm", [57600, 115200, 9600, 19200, 38400]]]},
        {"vid": "10c4", "pid": "ea60", "chip": "CP210x",
         "protocols": [["sam", [115200]], ["zfm", [57600, 115200]], ["mrz", [9600]]]},
        {"vid": "0403", "pid": "6001", "chip": "FTDI FT232R",
         "protocols": [["sam", [115200]], ["zfm", [57600, 115200]], ["mrz", [9600, 115200]]]},
        {"vid": "0403", "pid": "6015", "chip": "FTDI FT231X",
         "protocols": [["sam", [115200]], ["zfm", [57600, 115200]], ["mrz", [9600, 115200]]]},
        {"vid": "067b", "pid": "2303", "chip": "Prolific PL2303",
         "protocols": [["sam", [115200]], ["zfm", [57600]], ["mrz", [9600]]]},
    ]
}


class ProfileError(DeviceError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "devices",
                "The device profile file {path} cannot be used. Fix or remove it in Settings → Devices.",
            ).format(path=path),
            hint=detail,
        )


@dataclass(frozen=True)
class AdapterProfile:
    vid: int
    pid: int
    chip: str
    protocols: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True)
class ProfileSet:
    adapters: tuple[AdapterProfile, ...]
    source: str

    def match(self, port: PortInfo) -> AdapterProfile | None:
        return next((a for a in self.adapters if (a.vid, a.pid) == (port.vid, port.pid)), None)

    def plan(self, port: PortInfo, default_bauds: dict[str, int]) -> list[tuple[str, int]]:
        """(protocol, baud) pairs to probe, in order; only protocols in `default_bauds` (installed plugins).

        A known adapter: its profile's order. Anything else: every protocol at its default baud.
        """
        profile = self.match(port)
        if profile is None:
            return list(default_bauds.items())
        out: list[tuple[str, int]] = []
        for proto, bauds in profile.protocols:
            if proto in default_bauds:
                out += [(proto, b) for b in bauds if (proto, b) not in out]
        return out


def parse_profiles(data: Any, source: str) -> ProfileSet:
    adapters: list[AdapterProfile] = []
    for item in data["adapters"]:
        protocols = tuple((str(p), tuple(int(b) for b in bauds)) for p, bauds in item["protocols"])
        vid, pid = int(item["vid"], 16), int(item["pid"], 16)
        adapters.append(AdapterProfile(vid, pid, str(item.get("chip", "")), protocols))
    return ProfileSet(tuple(adapters), source)


def candidate_paths(explicit: Path | None = None) -> Sequence[Path]:
    if explicit is not None:
        return [explicit]
    paths: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        paths.append(Path(bundle) / "drivers" / "profiles" / PROFILE_NAME)
    paths.append(SOURCE_PROFILE)
    return paths


def load_profiles(path: Path | None = None) -> ProfileSet:
    """The adapter profiles (see the module docstring for where they are looked up)."""
    for candidate in candidate_paths(path):
        if not candidate.is_file():
            if path is not None:
                raise ProfileError(candidate, "file not found")
            continue
        try:
            return parse_profiles(json.loads(candidate.read_text(encoding="utf-8")), str(candidate))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            if path is not None:
                raise ProfileError(candidate, repr(exc)) from exc
            logger.warning("ignoring unreadable adapter profile %s: %r", candidate, exc)
    return parse_profiles(BUILTIN_PROFILE, "built-in")


def known_ports(ports: Iterable[PortInfo], profiles: ProfileSet) -> list[tuple[PortInfo, AdapterProfile]]:
    return [(p, a) for p in ports if (a := profiles.match(p)) is not None]
