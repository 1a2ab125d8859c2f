"""Where the files beside the code are: ``resources/`` (translations, icons, styles, fonts,
emulator scenarios) and ``drivers/`` (udev rules, device profiles).

Three layouts, one answer:

* a source checkout or an editable install: the repository root (``src/workstation/`` → ``../..``);
* a PyInstaller one-folder build: the bundle's data folder (``sys._MEIPASS``), where
  ``packaging/workstation.spec`` puts ``resources/`` and ``drivers/``;
* anything else: ``WORKSTATION_RESOURCES`` names the folder that holds ``resources/`` and ``drivers/``.

Qt-free, so the core, the CLIs and the app share it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def base_dir() -> Path:
    """The folder holding ``resources/`` and ``drivers/`` (see the module docstring for the order)."""
    env = os.environ.get("WORKSTATION_RESOURCES")
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    """A path under ``resources/``, e.g. ``resource_path("scenarios", "mrz")``. It may not exist."""
    return base_dir().joinpath("resources", *parts)


def drivers_path(*parts: str) -> Path:
    """A path under ``drivers/``, e.g. ``drivers_path("profiles", "usb-serial-adapters.json")``."""
    return base_dir().joinpath("drivers", *parts)
