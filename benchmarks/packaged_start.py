"""Cold start of the packaged app (the PyInstaller one-folder build) to its login window,
offscreen, beside the same start from source in the same run, and the size of the folder.

    python benchmarks/packaged_start.py [--folder dist/workstation] [--runs 5]

Builds the folder first (``packaging/build.py``) when there is none. Each launch opens an existing
demo station (created by one launch that is not counted) and quits as soon as the login window is
shown (``WORKSTATION_EXIT_AT_LOGIN``); the figure is the median of `--runs` launches. "Cold": the
page cache is dropped before each launch when this process may do so (root on Linux); otherwise the
launches run warm and the line says ``cache=warm``. Sizes are MiB (du -sm).

Last line: ``packaged_start: start_s=<s> size_mb=<MB> source_start_s=<s> cache=<cold|warm>``.
Targets: start_s ≤ 2.0, size_mb ≤ 200.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build  # noqa: E402
from ui_start import measure_start_s  # noqa: E402


def drop_page_cache() -> bool:
    """Write back and drop the Linux page cache (needs root); False when not allowed."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def folder_mib(folder: Path) -> float:
    """Size of the folder in MiB, counting each file once (links not followed)."""
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / (1024 * 1024)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folder", type=Path, default=build.DIST / "workstation")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not (args.folder / "workstation").exists():
        print("no one-folder build yet: building it …", flush=True)
        args.folder = build.build(dist=args.folder.parent)
    cold = drop_page_cache()
    before = drop_page_cache if cold else None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        packaged = measure_start_s(
            Path(tmp) / "packaged", runs=args.runs, command=[str(args.folder / "workstation")], before_each=before
        )
        source = measure_start_s(Path(tmp) / "source", runs=args.runs, before_each=before)
    size = folder_mib(args.folder)
    print(f"packaged: {packaged:.2f} s, source: {source:.2f} s, folder {size:.0f} MiB ({args.folder})")
    print(
        f"packaged_start: start_s={packaged:.2f} size_mb={size:.0f} source_start_s={source:.2f} "
        f"cache={'cold' if cold else 'warm'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
