#!/usr/bin/env python3
"""Build the one-folder workstation from this checkout: ``dist/workstation/``.

    python3 packaging/build.py            # build (creates .venv with the build tools if needed)
    python3 packaging/build.py --self-test   # build, then run the frozen self-test

Reproducible inputs: PYTHONHASHSEED=0 and SOURCE_DATE_EPOCH = the commit time of HEAD (or the
value already in the environment), so two builds of one commit carry the same Python payload
(`packaging/compare_builds.py` checks it). No UPX. The requirements for a release build are
pinned with hashes in `packaging/requirements-build.txt` (made by `pip-compile
--generate-hashes`, see that file's header); a release machine installs them with
``pip install --require-hashes -r packaging/requirements-build.txt`` before running this script.

What a frozen start spends its time on: build with ``WORKSTATION_PYI_IMPORTTIME=1`` in the environment
(into another ``--dist``) and its programs print Python's ``-X importtime`` report on stderr (the
frozen programs ignore PYTHON* variables such as PYTHONPROFILEIMPORTTIME).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
from bundle import POSIX_LINKS  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
SPEC = ROOT / "packaging" / "workstation.spec"


def source_date_epoch() -> str:
    """SOURCE_DATE_EPOCH from the environment, else the commit time of HEAD, else 0."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        )
        return out.stdout.strip() or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


def build(python: str | None = None, *, dist: Path = DIST, work: Path = WORK) -> Path:
    """Run PyInstaller on the spec; returns the one-folder build (``dist/workstation``).
    Raises CalledProcessError when PyInstaller fails."""
    py = python or sys.executable
    env = dict(os.environ, PYTHONHASHSEED="0", SOURCE_DATE_EPOCH=source_date_epoch())
    env.pop("PYTHONPATH", None)  # the spec puts src/ first itself
    shutil.rmtree(dist / "workstation", ignore_errors=True)
    subprocess.run(
        [
            py,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(SPEC),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    folder = dist / "workstation"
    if sys.platform.startswith("linux"):
        strip_debug_symbols(folder)
    if os.name != "nt":  # one program, three names (packaging/bundle.py says why)
        for alias in POSIX_LINKS:
            (folder / alias).unlink(missing_ok=True)
            os.symlink("workstation", folder / alias)
    return folder


def strip_debug_symbols(folder: Path) -> int:
    """Linux: ``strip --strip-unneeded`` every shared library of the build (about 50 MB of debug
    symbols), except the executables and the auditwheel-patched libraries in ``*.libs/`` folders,
    which strip would break. Returns how many files were stripped; a file strip refuses is left as
    it was."""
    count = 0
    for path in sorted(folder.rglob("*.so*")):
        if path.is_symlink() or not path.is_file() or any(p.endswith(".libs") for p in path.parts):
            continue
        with open(path, "rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        if subprocess.run(["strip", "--strip-unneeded", str(path)], capture_output=True).returncode == 0:
            count += 1
    return count


def frozen_executable(folder: Path, name: str = "workstation-console") -> Path:
    """The path of one executable in a one-folder build (``.exe`` on Windows)."""
    return folder / (name + (".exe" if os.name == "nt" else ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--self-test", action="store_true", help="run the frozen self-test after building")
    ap.add_argument("--dist", type=Path, default=DIST, help="output folder (default: dist/)")
    args = ap.parse_args()
    if sys.prefix == sys.base_prefix:  # not in a virtual environment: use (or make) the project's .venv
        sys.path.insert(0, str(ROOT / "scripts"))
        import _venv

        py = str(_venv.ensure("dev"))
    else:
        py = sys.executable
    folder = build(py, dist=args.dist)
    print(f"built {folder}")
    if args.self_test:
        return subprocess.call([str(frozen_executable(folder)), "--self-test"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
