"""What goes into the one-folder build, shared by the PyInstaller spec, the build script, the
Windows installer check and the tests (so the lists exist once).

Qt-free and importable without PyInstaller.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

# The executables of the build: (name, console). Windows tells console from windowed programs
# apart, so it gets all three; elsewhere there is one program and build.py links the other names
# to it (each executable carries its own ~15 MB copy of the Python archive).
WINDOWS_EXECUTABLES: tuple[tuple[str, bool], ...] = (
    ("workstation", False),
    ("workstation-console", True),
    ("workstation-admin", True),
)
POSIX_EXECUTABLES: tuple[tuple[str, bool], ...] = (("workstation", True),)
POSIX_LINKS: tuple[str, ...] = ("workstation-console", "workstation-admin")
CONTENTS_DIR = "_internal"  # PyInstaller 6's default contents directory

# Resource folders copied as data: (source relative to the repository, destination in the bundle).
DATA_DIRS: tuple[tuple[str, str], ...] = (
    ("resources", "resources"),
    ("drivers/profiles", "drivers/profiles"),
    ("drivers/udev", "drivers/udev"),
    ("src/workstation/storage/migrations", "workstation/storage/migrations"),
    ("src/workstation/central/PROTOCOL.md", "workstation/central"),
)

# Modules never used by the desk: unused Qt modules (the PySide6 hook then skips their plugins
# and libraries), test tools, and the build tools themselves.
EXCLUDED_MODULES: list[str] = [
    "tkinter",
    "pytest",
    "hypothesis",
    "schemathesis",
    "mypy",
    "PyInstaller",
    "IPython",
    "matplotlib",
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DRender",
    "PySide6.QtBluetooth",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtDesigner",
    "PySide6.QtGraphs",
    "PySide6.QtHelp",
    "PySide6.QtLocation",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtNetworkAuth",
    "PySide6.QtNfc",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPositioning",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtSensors",
    "PySide6.QtSerialBus",
    "PySide6.QtSerialPort",
    "PySide6.QtSpatialAudio",
    "PySide6.QtSql",
    "PySide6.QtStateMachine",
    "PySide6.QtTextToSpeech",
    "PySide6.QtUiTools",
    "PySide6.QtWebChannel",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets",
    "PySide6.QtWebView",
    "PySide6.QtXml",
    "pyqtgraph.opengl",
    "pyqtgraph.jupyter",
    "PySide6.QtOpenGLWidgets",
    "psycopg",  # PostgreSQL is for the reference platform, never the desk
    "psycopg_binary",
    "psycopg_pool",
    "yaml",
    "readline",
]


def hidden_imports(plugins: Iterable[Any]) -> list[str]:
    """Modules imported by name at run time: every device plugin's driver and emulator module
    (from the registry, `workstation.devices.manager.plugins.DEFAULT_PLUGINS`), plus the
    dynamically loaded pieces of our dependencies."""
    names: list[str] = []
    for spec in plugins:
        names.append(spec.driver_module)
        if spec.emulator:
            names.append(spec.emulator.partition(":")[0])
    names += [
        "sqlalchemy.dialects.sqlite",
        "alembic.runtime.migration",
        "keyring.backends",
        "uvicorn.logging",
        "uvicorn.loops.auto",
        "uvicorn.protocols.http.auto",
        "uvicorn.lifespan.on",
    ]
    return sorted(set(names))


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source, destination folder) pairs for PyInstaller's `datas`; sources that do not exist in
    this checkout are left out (a build without icons still builds)."""
    out: list[tuple[str, str]] = []
    for src, dest in DATA_DIRS:
        path = root / src
        if path.is_file():
            out.append((str(path), dest))
            continue
        for f in sorted(path.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts and f.suffix not in {".pyc", ".pyo"}:
                rel = f.parent.relative_to(path)
                out.append((str(f), str(Path(dest) / rel) if str(rel) != "." else dest))
    return out
