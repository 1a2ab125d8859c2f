"""The hash-pinned build requirements (made by pip-compile) cover every dependency the package
declares, each pinned to one version with hashes, and satisfy pyproject's version ranges. A
dependency added to pyproject without regenerating them fails here, not in a release build
(the arm64 build once failed that way: portalocker was missing)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
FILES = ["packaging/requirements-build.txt", "packaging/requirements-build-arm64.txt"]


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["build"]]
    return [r for r in reqs if r.marker is None or r.marker.evaluate()]


def _pins(path: Path) -> dict[str, tuple[str, int]]:
    """name → (version, number of hashes) of a pip-compile --generate-hashes file."""
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for line in path.read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", line)
        if m:
            current = canonicalize_name(m.group(1))
            pins[current] = (m.group(2), 0)
        elif current and line.strip().startswith("--hash=sha256:"):
            version, n = pins[current]
            pins[current] = (version, n + 1)
    return pins


@pytest.mark.parametrize("name", FILES)
def test_every_declared_dependency_is_pinned_with_hashes(name):
    pins = _pins(ROOT / name)
    for req in _declared():
        key = canonicalize_name(req.name)
        assert key in pins, f"{req.name} is declared in pyproject.toml but not pinned in {name}: run pip-compile"
        version, hashes = pins[key]
        assert hashes >= 1, f"{req.name} has no hash in {name}"
        assert req.specifier.contains(version, prereleases=True), f"{req.name}=={version} is outside {req.specifier}"
