"""The Windows installer script cannot be built here (Inno Setup runs on Windows), so check that it
agrees with the PyInstaller spec: every executable the Windows build produces is installed, the
whole contents folder is installed recursively, the version is the package's, and uninstalling
never deletes the officers' data."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "workstation.iss"
sys.path.insert(0, str(ROOT / "packaging"))

from bundle import CONTENTS_DIR, WINDOWS_EXECUTABLES  # noqa: E402


def _section(name: str) -> list[str]:
    lines, inside = [], False
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            inside = line[1:-1].lower() == name.lower()
            continue
        if inside and line and not line.startswith(";"):
            lines.append(line)
    return lines


def _sources() -> list[str]:
    return [re.search(r'Source:\s*"([^"]+)"', line).group(1) for line in _section("Files")]


def test_every_windows_executable_is_installed():
    sources = _sources()
    for name, _console in WINDOWS_EXECUTABLES:
        assert f"{{#BuildDir}}\\{name}.exe" in sources, name


def test_the_contents_folder_is_installed_whole():
    lines = _section("Files")
    contents = [line for line in lines if f"\\{CONTENTS_DIR}\\*" in line]
    assert len(contents) == 1
    assert "recursesubdirs" in contents[0] and "createallsubdirs" in contents[0]
    # nothing outside the build folder and nothing but the executables at its top level
    top = {s.split("\\", 1)[1] for s in _sources()}
    assert top == {f"{n}.exe" for n, _ in WINDOWS_EXECUTABLES} | {f"{CONTENTS_DIR}\\*"}


def test_version_is_the_packages():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    m = re.search(r'#define AppVersion "([^"]+)"', ISS.read_text(encoding="utf-8"))
    assert m and m.group(1) == version


def test_per_machine_install_and_programs_that_exist():
    setup = dict(line.split("=", 1) for line in _section("Setup"))
    assert setup["PrivilegesRequired"] == "admin"
    assert setup["DefaultDirName"].startswith("{autopf}")
    exes = {f"{n}.exe" for n, _ in WINDOWS_EXECUTABLES}
    defines = dict(re.findall(r'#define (\w+) "([^"]*)"', ISS.read_text(encoding="utf-8")))
    for line in _section("Icons") + _section("Run"):
        m = re.search(r'Filename:\s*"\{app\}\\([^"]+)"', line)
        if m:
            name = re.sub(r"\{#(\w+)\}", lambda d: defines[d.group(1)], m.group(1))
            assert name in exes, line


def test_uninstall_keeps_user_data():
    for line in _section("UninstallDelete"):
        assert "{localappdata}" not in line.lower() and "{userappdata}" not in line.lower()
        assert "{app}" in line
    assert not any(
        "{app}" in line and 'Type: filesandordirs; Name: "{app}"' in line for line in _section("UninstallDelete")
    )
