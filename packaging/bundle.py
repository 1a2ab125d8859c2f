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
    "pyqtgraph.opengl",  # 3-D plots (PyOpenGL); the Today page's charts are 2-D
    "pyqtgraph.jupyter",
    # Qt's OpenGL bindings (~9 MB): pyqtgraph imports them by name when it is imported but draws with
    # them only when OpenGL drawing is switched on, which the charts never do; the run-time hook
    # packaging/pyi_rth_no_qtopengl.py stands in for them (`RUNTIME_HOOKS`)
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtTest",  # pyqtgraph imports it when present and does without it
    "PySide6.QtNetwork",  # the app's HTTP is httpx; nothing of ours uses Qt's network stack
    # terminal colouring and syntax highlighting (~2.5 MB): pydantic imports rich only in a debugging
    # helper, and mako (Alembic's templates) falls back to plain text without pygments
    "rich",
    "pygments",
    "markdown_it",
    "mdurl",
    "numpy.f2py",  # numpy's Fortran wrapper generator, a build tool
    # Japanese and Korean codecs (the desk reads UCS-2, UTF-8, GB18030 and Big5; never EUC-JP, Shift-JIS,
    # EUC-KR or ISO-2022): decoding with one of them says "unknown encoding"
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_iso2022",
    "psycopg",  # PostgreSQL is for the reference platform, never the desk
    "psycopg_binary",
    "psycopg_pool",
    "yaml",
    "readline",
    # CPython's own test and tooling modules
    "_testcapi",
    "_testinternalcapi",
    "_testbuffer",
    "_testmultiphase",
    "_testsinglephase",
    "_testimportmultiple",
    "_testclinic",
    "_xxtestfuzz",
    "_ctypes_test",
    "pydoc_data",
    "lib2to3",
    "idlelib",
    "turtledemo",
    "ensurepip",
]


# Run-time hooks of our own (packaging/<name>), run before the entry script in every process.
RUNTIME_HOOKS: tuple[str, ...] = ("pyi_rth_no_qtopengl.py",)

# Languages the app speaks; other languages' catalogues of our dependencies are left out.
LANGUAGES = ("zh_CN", "en")

# Qt plugins a desk does not need, by path inside the bundle: the GTK3 platform theme (it alone
# pulls GTK, cairo, pango and ATK, ~15 MB; Qt's own Fusion style and the xdg portal theme remain);
# the platforms of embedded boards and remote framebuffers (EGLFS, linuxfb, VNC, Vulkan display)
# and their evdev input plugins; Wayland shells and buffer servers other than xdg-shell and
# wayland-egl; rare image formats. Kept: xcb, wayland, offscreen (the self-test), ibus/compose
# input contexts, svg/jpeg/gif/ico images.
EXCLUDED_QT_PLUGINS = (
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqminimalegl.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay.so",
    "PySide6/Qt/plugins/platforms/libqminimal.so",
    "PySide6/Qt/plugins/egldeviceintegrations/",
    "PySide6/Qt/plugins/generic/",
    "PySide6/Qt/plugins/networkinformation/",
    "PySide6/Qt/plugins/tls/",
    "PySide6/Qt/plugins/wayland-shell-integration/libfullscreen-shell-v1.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libqt-shell.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libwl-shell-plugin.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libdmabuf-server.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libdrm-egl-server.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libshm-emulation-server.so",
    "PySide6/Qt/plugins/wayland-graphics-integration-client/libvulkan-server.so",
    "PySide6/Qt/plugins/imageformats/libqicns.so",
    "PySide6/Qt/plugins/imageformats/libqtga.so",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/Qt/plugins/imageformats/libqwbmp.so",
    "PySide6/Qt/plugins/imageformats/libqwebp.so",
    "PySide6/Qt/lib/libQt6Network.so",  # collected with the Qt plugins; nothing kept needs it
    "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so",
    "PySide6/Qt/lib/libQt6EglFsKmsSupport.so",
)


# Shared libraries taken from the desk's system instead of the bundle (Linux; the .deb depends on
# their packages, packaging/linux/build_deb.py DEPENDS). CUPS: Qt's print-support plugin loads
# libcups, which alone pulls GnuTLS, Kerberos, Avahi, nettle, gmp, p11-kit … (~9 MB); a desk that
# prints has CUPS, and the system's copy gets its security updates where a bundled one would not.
# Without it Qt still prints to PDF. `prune_unneeded_libraries` then drops what only it needed.
SYSTEM_LIBRARIES: tuple[str, ...] = ("libcups.so.2",)


def keep_in_bundle(dest: str) -> bool:
    """Whether a file PyInstaller collected (by its path inside the bundle, '/'-separated) goes
    into the build: other languages' catalogues of pycountry and Qt, `EXCLUDED_QT_PLUGINS` and
    `SYSTEM_LIBRARIES` are left out; everything else stays."""
    dest = dest.replace("\\", "/")
    if dest in SYSTEM_LIBRARIES:
        return False
    if dest.startswith(("pycountry/locales/", "pycountry/databases/")):  # countries only (domain.countries)
        parts = dest.split("/")
        if parts[1] == "locales" and parts[2] not in LANGUAGES:
            return False
        return not parts[-1].endswith((".json", ".mo")) or parts[-1].startswith(("iso3166-1.", "iso3166-3."))
    if dest.startswith("PySide6/Qt/translations/"):
        stem = dest.rsplit("/", 1)[-1].removesuffix(".qm")
        return stem.endswith(tuple(f"_{lang}" for lang in LANGUAGES)) or stem.endswith("_zh")
    return not dest.startswith(EXCLUDED_QT_PLUGINS)


def needed_libraries(path: str) -> list[str]:
    """The DT_NEEDED entries of an ELF file (``objdump -p``); empty for anything else."""
    import subprocess

    try:
        out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False).stdout
    except OSError:
        return []
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


def prune_unneeded_libraries(binaries: list[Any]) -> list[Any]:
    """Linux: drop the shared libraries PyInstaller collected at the top of the bundle that no
    kept binary needs any more (after `keep_in_bundle` removed, say, the GTK3 theme plugin, the
    GTK, cairo and pango libraries it alone pulled in). Entries are PyInstaller TOC tuples
    ``(dest, source, typecode)``; everything that is not a top-level ``lib*`` BINARY (extension
    modules, anything in a folder, libpython) is a root and kept.
    Returns the kept entries in their order."""
    by_name = {  # candidates: plain shared libraries at the top, never Python extension modules
        entry[0]: entry
        for entry in binaries
        if "/" not in entry[0].replace("\\", "/") and entry[2] == "BINARY" and entry[0].startswith("lib")
    }
    roots = [entry for entry in binaries if entry[0] not in by_name or entry[0].startswith("libpython")]
    keep: set[str] = set()
    todo = [entry[1] for entry in roots]
    while todo:
        for name in needed_libraries(todo.pop()):
            if name in by_name and name not in keep:
                keep.add(name)
                todo.append(by_name[name][1])
    return [e for e in binaries if e[0] not in by_name or e[0] in keep or e[0].startswith("libpython")]


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
