"""The packaged app: build the one-folder PyInstaller build from this checkout, run its frozen
self-test, wrap it in a .deb, install that with dpkg, run the installed self-test, remove it
(the officers' data stays) and purge it (the data goes).

Slow (a PyInstaller build, ~1-2 min on 2 cores); CI runs it. The dpkg steps need root and
dpkg; they are skipped elsewhere, with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT / "packaging" / "linux"))

import build as pkg_build  # noqa: E402
import build_deb  # noqa: E402

pytestmark = [pytest.mark.slow]

PYINSTALLER = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "WORKSTATION_"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    if PYINSTALLER is None:
        pytest.fail("PyInstaller is not installed in the test environment (it is in the dev extra)")
    out = tmp_path_factory.mktemp("dist")
    return pkg_build.build(sys.executable, dist=out, work=tmp_path_factory.mktemp("work"))


def _self_test(program: Path | str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), "--self-test"], capture_output=True, text=True, timeout=300, env=_env(), cwd="/"
    )


def _assert_clean_pass(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith("self-test: passed"), proc.stdout
    assert "FAIL" not in proc.stdout
    assert proc.stderr.strip() == "", proc.stderr  # unexpected output (a Qt plugin, an import) fails


def test_frozen_folder_runs_its_self_test(frozen: Path):
    assert (frozen / "workstation").exists()
    for alias in ("workstation-admin", "workstation-console"):
        assert (frozen / alias).is_symlink()
    _assert_clean_pass(_self_test(frozen / "workstation"))


def test_frozen_admin_command_answers(frozen: Path):
    proc = subprocess.run(
        [str(frozen / "workstation-admin"), "--help"], capture_output=True, text=True, timeout=120, env=_env()
    )
    assert proc.returncode == 0, proc.stderr
    assert "workstation-admin" in proc.stdout


def test_frozen_build_carries_no_build_or_test_tools(frozen: Path):
    contents = frozen / "_internal"
    for absent in ("PyInstaller", "pytest", "hypothesis", "psycopg", "PySide6/Qt/lib/libQt6WebEngineCore.so.6"):
        assert not (contents / absent).exists(), absent
    assert (contents / "resources" / "scenarios" / "cards").is_dir()
    assert (contents / "workstation" / "storage" / "migrations" / "versions").is_dir()


def test_frozen_build_leaves_out_what_the_app_never_uses(frozen: Path):
    """Qt's OpenGL and test bindings (the self-test above draws the Today charts without them), the CUPS
    library and what only it needed (the system's, .deb Depends), terminal colouring."""
    from PyInstaller.archive.readers import CArchiveReader

    contents = frozen / "_internal"
    bindings = {p.name.split(".")[0] for p in (contents / "PySide6").glob("Qt*.*")}
    assert bindings and not bindings & {"QtOpenGL", "QtOpenGLWidgets", "QtTest"}, bindings
    for absent in ("libcups.so.2", "libgnutls.so.30", "libkrb5.so.3", "libavahi-client.so.3"):
        assert not (contents / absent).exists(), absent
    assert (contents / "PySide6" / "Qt" / "plugins" / "printsupport").is_dir()  # printing itself stays
    pyz = CArchiveReader(str(pkg_build.frozen_executable(frozen, "workstation"))).open_embedded_archive("PYZ.pyz")
    modules = {name.split(".")[0] for name in pyz.toc}
    assert not modules & {"rich", "pygments", "markdown_it"}, modules & {"rich", "pygments", "markdown_it"}
    assert {"workstation", "pyqtgraph", "numpy", "alembic", "mako"} <= modules


def _can_install() -> str | None:
    if os.name != "posix" or os.geteuid() != 0:
        return "installing a .deb needs root"
    if shutil.which("dpkg") is None:
        return "no dpkg on this machine"
    if subprocess.run(["dpkg", "-s", build_deb.PACKAGE], capture_output=True).returncode == 0:
        return f"{build_deb.PACKAGE} is already installed here; not touching it"
    return None


def _user_data_dirs() -> list[Path]:
    homes = [Path("/root"), *Path("/home").glob("*")]
    return [h / ".local/share" / n for h in homes for n in ("police-room-workstation", "police-room-workstation-demo")]


def test_deb_installs_runs_removes_and_purges(frozen: Path, tmp_path: Path):
    reason = _can_install()
    if reason:
        pytest.skip(reason)
    deb = build_deb.build_deb(frozen, out=tmp_path, compression="gzip")
    info = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Depends"], capture_output=True, text=True, check=True
    ).stdout
    assert "libxcb-cursor0" in info and build_deb.version() in info
    # --force-depends: CI machines lack some desktop libraries the package asks for; the self-test
    # below is offscreen and proves the build itself is complete
    subprocess.run(["dpkg", "-i", "--force-depends", str(deb)], check=True, capture_output=True)
    try:
        assert Path("/usr/lib/udev/rules.d/70-police-workstation.rules").exists()
        assert Path("/usr/share/applications/police-room-workstation.desktop").exists()
        _assert_clean_pass(_self_test("/usr/bin/workstation"))
        preexisting = [d for d in _user_data_dirs() if d.exists()]
        marker_home = Path("/home/ws-package-test")
        data = marker_home / ".local/share/police-room-workstation"
        data.mkdir(parents=True, exist_ok=True)
        (data / "workstation.db").write_bytes(b"encrypted records stand here")
        subprocess.run(["dpkg", "-r", build_deb.PACKAGE], check=True, capture_output=True)
        assert not Path("/opt/police-room-workstation/workstation").exists()
        assert (data / "workstation.db").exists(), "removing the package must keep the officers' data"
        if preexisting:
            shutil.rmtree(marker_home)
            pytest.skip(f"purge not tried: this machine holds real stations ({preexisting[0]})")
        subprocess.run(["dpkg", "--purge", build_deb.PACKAGE], check=True, capture_output=True)
        assert not data.exists(), "purge deletes the data (after the guide's warning)"
        shutil.rmtree(marker_home, ignore_errors=True)
    finally:
        subprocess.run(["dpkg", "--purge", build_deb.PACKAGE], capture_output=True)
