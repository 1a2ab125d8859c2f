#!/usr/bin/env python3
"""Wrap a one-folder build (``dist/workstation``) in a Debian package with Debian's own dpkg-deb.

    python3 packaging/linux/build_deb.py [--folder dist/workstation] [--arch amd64|arm64] [--out dist/]

Layout of the package:

    /opt/police-room-workstation/                 the one-folder build, as built
    /usr/bin/workstation, workstation-admin         links into it
    /usr/share/applications/police-room-workstation.desktop
    /usr/share/icons/hicolor/scalable/apps/police-room-workstation.svg
    /usr/lib/udev/rules.d/70-police-workstation.rules   (from drivers/udev)
    /usr/share/doc/police-room-workstation/          admin guide, drivers notes, copyright

`postinst` reloads udev and does nothing else; `postrm` keeps the officers' data on remove and
deletes it only on purge (the admin guide warns first). Depends lists the libraries Qt's xcb
platform plugin loads at run time, and CUPS for printing (they are not in the build). Returns the .deb path; raises
CalledProcessError when dpkg-deb fails.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "police-room-workstation"
PREFIX = Path("opt") / PACKAGE

# Libraries the Qt xcb platform plugin and Qt GUI load from the system (Debian 12 / UOS 20 /
# Kylin V10 package names; all three carry them under these names).
DEPENDS = [
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-sync1",
    "libxcb-xfixes0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libcups2",  # printing (Qt's CUPS plugin); not bundled: packaging/bundle.py SYSTEM_LIBRARIES
]
RECOMMENDS = ["fonts-noto-cjk | fonts-wqy-microhei"]


def version() -> str:
    """The package version: pyproject's ``project.version``."""
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])


def host_arch() -> str:
    """dpkg's name for this machine's architecture (amd64, arm64, …)."""
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()


def glibc_required(folder: Path) -> str:
    """The newest GLIBC_x.y symbol version any ELF file of the build needs (``objdump -T``), e.g.
    "2.34" for Qt 6.11's x86-64 wheels: the package's libc6 dependency, so dpkg refuses a desk
    whose C library is too old instead of the app failing to start there."""
    newest = (2, 17)
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with open(path, "rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True).stdout
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", out):
            newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


def control(arch: str, installed_kib: int, glibc: str) -> str:
    return "\n".join(
        [
            f"Package: {PACKAGE}",
            f"Version: {version()}",
            f"Architecture: {arch}",
            "Maintainer: Police-room Workstation developers <workstation@invalid>",
            f"Installed-Size: {installed_kib}",
            "Section: misc",
            "Priority: optional",
            "Depends: " + ", ".join([f"libc6 (>= {glibc})", *DEPENDS]),
            "Recommends: " + ", ".join(RECOMMENDS),
            "Homepage: https://invalid/police-room-workstation",
            "Description: desk workstation for community police rooms (社区警务室工作站)",
            " Registers residents and rental housing, reads ID cards (SAM), passports (MRZ)",
            " and fingerprints (ZFM) on serial devices, keeps everything in an encrypted local",
            " database and syncs sealed batches with the central platform.",
            "",
        ]
    )


def build_deb(folder: Path, *, arch: str | None = None, out: Path | None = None, compression: str = "xz") -> Path:
    """Make ``<out>/police-room-workstation_<version>_<arch>.deb`` from the one-folder build.
    `compression` is dpkg-deb's -Z (xz for releases; tests use gzip, which is faster)."""
    arch = arch or host_arch()
    out = out or ROOT / "dist"
    stage = out / f"deb-{arch}"
    shutil.rmtree(stage, ignore_errors=True)
    target = stage / PREFIX
    shutil.copytree(folder, target, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    for name in ("workstation", "workstation-admin"):
        os.symlink(f"/{PREFIX}/{name}", stage / "usr" / "bin" / name)
    apps = stage / "usr/share/applications"
    apps.mkdir(parents=True)
    shutil.copy(ROOT / "packaging/linux/police-room-workstation.desktop", apps)
    icons = stage / "usr/share/icons/hicolor/scalable/apps"
    icons.mkdir(parents=True)
    shutil.copy(ROOT / "resources/icons/police-room-workstation.svg", icons)
    rules = stage / "usr/lib/udev/rules.d"
    rules.mkdir(parents=True)
    for rule in sorted((ROOT / "drivers/udev").glob("*.rules")):
        shutil.copy(rule, rules)
    doc = stage / "usr/share/doc" / PACKAGE
    doc.mkdir(parents=True)
    for src, name in (("docs/admin-guide.md", "admin-guide.md"), ("drivers/README.md", "drivers.md")):
        if (ROOT / src).exists():
            shutil.copy(ROOT / src, doc / name)
    (doc / "copyright").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {PACKAGE}\nLicense: Apache-2.0\n"
    )
    debian = stage / "DEBIAN"
    debian.mkdir()
    size_kib = sum(f.stat().st_size for f in stage.rglob("*") if f.is_file() and not f.is_symlink()) // 1024
    (debian / "control").write_text(control(arch, size_kib, glibc_required(folder)))
    for script in ("postinst", "postrm"):
        shutil.copy(ROOT / "packaging/linux" / script, debian / script)
        (debian / script).chmod(0o755)
    for path in stage.rglob("*"):  # root-owned, world-readable program files (dpkg-deb --root-owner-group)
        if path.is_symlink():
            continue
        path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
    deb = out / f"{PACKAGE}_{version()}_{arch}.deb"
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "0"))
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(stage), str(deb)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(stage)
    return deb


def main() -> int:
    ap = argparse.ArgumentParser(description="Build the .deb from a one-folder build")
    ap.add_argument("--folder", type=Path, default=ROOT / "dist" / "workstation")
    ap.add_argument("--arch", default=None, help="Debian architecture (default: this machine's)")
    ap.add_argument("--out", type=Path, default=ROOT / "dist")
    ap.add_argument(
        "--print-depends",
        action="store_true",
        help="print the Debian packages the desktop app needs from the system (for `apt-get install`) and exit",
    )
    args = ap.parse_args()
    if args.print_depends:
        print(" ".join([*DEPENDS, RECOMMENDS[0].split(" | ")[0]]))
        return 0
    if not (args.folder / "workstation").exists():
        print(f"No one-folder build at {args.folder}: run packaging/build.py first", file=sys.stderr)
        return 1
    print(build_deb(args.folder, arch=args.arch, out=args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
