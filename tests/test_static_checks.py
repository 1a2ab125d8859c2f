"""The types and the lint are checked with the suite, so a change that breaks them fails here: mypy with
the project's configuration (strict on the core, pyproject `[tool.mypy]`) and ruff (`[tool.ruff]`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(tool: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MYPY_CACHE_DIR=str(tmp_path / "mypy-cache"), RUFF_CACHE_DIR=str(tmp_path / "ruff-cache"))
    return subprocess.run([sys.executable, "-m", *tool], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_mypy_finds_no_error(tmp_path: Path) -> None:
    r = _run(["mypy"], tmp_path)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]


def test_ruff_finds_no_problem(tmp_path: Path) -> None:
    r = _run(["ruff", "check", "src", "tests"], tmp_path)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
