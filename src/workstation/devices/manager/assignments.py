"""Remembered and explicit assignments: role → port identity + protocol + baud, in a small JSON file.

The app and `workstation-admin devices` keep them in the station's data folder
(`station_assignments_path`: ``<data dir>/device-assignments.json``), so what an administrator assigns
from the console is what the desk uses; `default_assignments_path` (the user config directory) is only
the device manager's own default when it is given no path.
Written atomically (temporary file + rename), so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.devices.manager.ports import PortIdentity
from workstation.files import make_private_dir, write_atomic

logger = logging.getLogger(__name__)

APP_NAME = "police-room-workstation"
FILE_NAME = "device-assignments.json"


def station_assignments_path(data_dir: Path | str) -> Path:
    """The assignments file of the station in `data_dir` (the app's and `workstation-admin devices`')."""
    return Path(data_dir) / FILE_NAME


def default_assignments_path() -> Path:
    """The device manager's default when it is given no path: ``<user config dir>/police-room-workstation/``."""
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / FILE_NAME


@dataclass(frozen=True)
class Assignment:
    role: str
    port: PortIdentity
    protocol: str
    baud: int
    explicit: bool = False  # set by an administrator (kept when discovery finds the device elsewhere)

    def to_json(self) -> dict[str, Any]:
        return {"port": self.port.to_json(), "protocol": self.protocol, "baud": self.baud, "explicit": self.explicit}

    @classmethod
    def from_json(cls, role: str, data: dict[str, Any]) -> Assignment:
        return cls(role, PortIdentity.from_json(data["port"]), str(data["protocol"]), int(data["baud"]),
                   bool(data.get("explicit", False)))


class AssignmentStore:
    """Thread-safe; `path=None` keeps assignments in memory only (demo mode, tests)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._items: dict[str, Assignment] = self._load()

    def _load(self) -> dict[str, Assignment]:
        if self.path is None or not self.path.exists():
            return {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return {role: Assignment.from_json(role, item) for role, item in raw.get("assignments", {}).items()}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            logger.warning("ignoring unreadable device assignments %s: %r (devices will be searched for)",
                           self.path, exc)
            return {}

    def get(self, role: str) -> Assignment | None:
        with self._lock:
            return self._items.get(role)

    def all(self) -> dict[str, Assignment]:
        with self._lock:
            return dict(self._items)

    def set(self, assignment: Assignment) -> None:
        with self._lock:
            self._items[assignment.role] = assignment
            self._save()

    def remove(self, role: str) -> None:
        with self._lock:
            if self._items.pop(role, None) is not None:
                self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        data = {"version": 1, "assignments": {r: a.to_json() for r, a in sorted(self._items.items())}}
        try:  # private (0600 in a 0700 folder), temporary name, fsync, rename: like every station file
            make_private_dir(self.path.parent)
            write_atomic(self.path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        except OSError as exc:  # not fatal: the device still works, it is only found more slowly next time
            logger.warning("could not save device assignments to %s: %r", self.path, exc)
