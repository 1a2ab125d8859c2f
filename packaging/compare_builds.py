#!/usr/bin/env python3
"""Are two one-folder builds of the same commit the same Python payload?

    python3 packaging/compare_builds.py                      # build twice into a temporary folder, compare
    python3 packaging/compare_builds.py DIST_A/workstation DIST_B/workstation   # compare two builds

"Python payload": every entry of the executable's CArchive (bootstrap scripts, the PYZ) and
every module inside the PYZ (marshalled code objects), plus every file under the contents folder
that is Python or data of ours (``.py``, ``.pyc``, ``.zip``, ``workstation/``, ``resources/``,
``drivers/``). Shared libraries copied from the system or from wheels are the same files on both
sides by construction and are compared by size only. Prints one line per difference and a last
line ``compare_builds: entries=<n> differing=<n>``; exits 1 when anything differs.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

from PyInstaller.archive.readers import CArchiveReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle import CONTENTS_DIR

OURS = (".py", ".pyc", ".zip", ".json", ".ts", ".qm", ".md", ".rules", ".mako", ".svg")


def payload(folder: Path) -> dict[str, str]:
    """Name → SHA-256 (or ``size:N`` for binaries) of everything that makes up the payload."""
    out: dict[str, str] = {}
    exe = folder / "workstation"
    if not exe.exists():
        exe = folder / "workstation.exe"
    archive = CArchiveReader(str(exe))
    for name, (_, _, _, _, kind) in archive.toc.items():
        if kind == "z":  # the PYZ: compare module by module
            pyz = archive.open_embedded_archive(name)
            for mod in sorted(pyz.toc):
                data = pyz.extract(mod, raw=True)
                out[f"pyz:{mod}"] = hashlib.sha256(data or b"").hexdigest()
        else:
            out[f"pkg:{name}"] = hashlib.sha256(archive.extract(name) or b"").hexdigest()
    contents = folder / CONTENTS_DIR
    for path in sorted(contents.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(contents).as_posix()
        if path.suffix in OURS or rel.startswith(("workstation/", "resources/", "drivers/")):
            out[f"file:{rel}"] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[f"file:{rel}"] = f"size:{path.stat().st_size}"
    return out


def compare(a: Path, b: Path) -> list[str]:
    """Lines naming each entry that differs or exists on one side only (empty: identical)."""
    pa, pb = payload(a), payload(b)
    diffs = [f"only in {a}: {k}" for k in sorted(pa.keys() - pb.keys())]
    diffs += [f"only in {b}: {k}" for k in sorted(pb.keys() - pa.keys())]
    diffs += [f"differs: {k}" for k in sorted(pa.keys() & pb.keys()) if pa[k] != pb[k]]
    return diffs


def main(argv: list[str]) -> int:
    if len(argv) == 2:
        a, b = Path(argv[0]), Path(argv[1])
    else:
        import build

        tmp = Path(tempfile.mkdtemp(prefix="workstation-repro-"))
        a = build.build(dist=tmp / "a", work=tmp / "work-a")
        b = build.build(dist=tmp / "b", work=tmp / "work-b")
    diffs = compare(a, b)
    for line in diffs[:200]:
        print(line)
    print(f"compare_builds: entries={len(payload(a))} differing={len(diffs)}")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
