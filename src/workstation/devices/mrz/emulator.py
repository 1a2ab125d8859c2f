"""A byte-faithful passive MRZ reader emulator and the scenario files it replays.

Like a real reader it ignores whatever the host sends and pushes a document only when one is
presented: `present(lines or scenario, framing=...)` sends the MRZ in the chosen framing through
the `EmulatorServer` (so faults and wire pacing apply) and returns the bytes it sent.

Scenario files (resources/scenarios/mrz/*.json)::

    {"label": "...", "lines": ["P<UTO…", "L898…"], "framing": "3m"}

``framing`` is optional (the emulator's default is used), and so is ``options`` (builder options
such as ``{"bcc": "from_soh"}`` or ``{"sod": "1c"}`` with bytes given as hex).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workstation.devices.emulation import EmulatedDevice
from workstation.devices.mrz import framer as fr
from workstation.resources import resource_path

SCENARIO_DIR = resource_path("scenarios", "mrz")
_BYTE_OPTIONS = ("sod", "eod", "flag", "eol", "device", "kind")


@dataclass(frozen=True)
class MrzScenario:
    lines: tuple[str, ...]
    label: str = ""
    framing: str | None = None
    options: dict[str, Any] = field(default_factory=dict)


def scenario_from_spec(spec: dict[str, Any]) -> MrzScenario:
    lines = spec.get("lines")
    if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines) or not lines:
        raise ValueError('an MRZ scenario needs "lines": a list of strings')
    framing = spec.get("framing")
    if framing is not None and framing not in fr.FRAMINGS:
        raise ValueError(f"unknown MRZ framing {framing!r}")
    options = {k: bytes.fromhex(v) if k in _BYTE_OPTIONS else v for k, v in dict(spec.get("options", {})).items()}
    return MrzScenario(tuple(lines), str(spec.get("label", "")), framing, options)


def load_mrz_scenario(path: str | Path) -> MrzScenario:
    """Load one MRZ scenario JSON file."""
    return scenario_from_spec(json.loads(Path(path).read_text(encoding="utf-8")))


class MrzEmulator(EmulatedDevice):
    """A passive passport reader. `framing` is the default for `present()` ("3m", "desko", "plain")."""

    name = "mrz"

    def __init__(self, *, framing: str = "3m", **options: Any) -> None:
        super().__init__()
        if framing not in fr.FRAMINGS:
            raise ValueError(f"unknown MRZ framing {framing!r}")
        self.framing = framing
        self.options: dict[str, Any] = dict(options)
        self.presented: list[bytes] = []  # every document's wire bytes, in order
        self.host_bytes = 0  # a real reader ignores host input; counted for tests
        self._lock = threading.Lock()
        self._connected = threading.Condition()
        self.connections = 0  # links opened (TCP accepts; 1 for a pty)

    def on_connect(self) -> None:
        with self._connected:
            self.connections += 1
            self._connected.notify_all()

    def wait_for_connection(self, count: int = 1, timeout: float = 5.0) -> bool:
        """Block until `count` links have been opened (a passive reader can only push to a connected host)."""
        with self._connected:
            return self._connected.wait_for(lambda: self.connections >= count, timeout)

    def encode(self, document: MrzScenario | Sequence[str], *, framing: str | None = None, **options: Any) -> bytes:
        """The wire bytes `present()` would send."""
        if isinstance(document, MrzScenario):
            lines: Sequence[str] = document.lines
            framing = framing or document.framing
            options = {**document.options, **options}
        elif isinstance(document, str):  # one string with line breaks, not a sequence of one-character lines
            lines = document.splitlines()
        else:
            lines = document
        chosen = framing or self.framing
        merged = {**(self.options if chosen == self.framing else {}), **options}
        return fr.build(chosen, lines, **merged)

    def present(self, document: MrzScenario | Sequence[str], *, framing: str | None = None, **options: Any) -> bytes:
        """Send one document as the reader would when a passport is swiped; returns the bytes sent."""
        data = self.encode(document, framing=framing, **options)
        with self._lock:
            self.presented.append(data)
            self.send(data)
        return data

    def on_bytes(self, data: bytes) -> None:
        self.host_bytes += len(data)
