"""Architecture contracts: the layers of pyproject.toml's [tool.importlinter] hold (import-linter), the
core imports no Qt; no field for ethnicity, religion or politics."""

import ast
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import workstation

SRC = Path(workstation.__file__).parent
ROOT = Path(__file__).resolve().parents[1]
CORE = ["domain", "storage", "devices", "sync", "central"]
QT = ("PySide6", "pyqtgraph", "shiboken6", "PyQt5", "PyQt6")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter's `lint-imports` over `root`'s pyproject.toml contracts and `root`/src."""
    exe = Path(sys.executable).parent / "lint-imports"
    env = dict(os.environ, PYTHONPATH=str(root / "src"))
    return subprocess.run([str(exe), "--no-cache"], cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_import_layer_contracts_hold():
    r = _lint_imports(ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


def test_a_broken_layer_is_caught(tmp_path):
    """The contracts can fail: the desk's sync client importing the platform breaks "the desk never
    imports the platform", and storage importing sync breaks the layers."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    client = tmp_path / "src" / "workstation" / "sync" / "client.py"
    client.write_text(client.read_text(encoding="utf-8") + "\nfrom workstation.central import app as _app  # noqa\n",
                      encoding="utf-8")
    db = tmp_path / "src" / "workstation" / "storage" / "db.py"
    db.write_text(db.read_text(encoding="utf-8") + "\nfrom workstation.sync import freeze as _freeze  # noqa\n",
                  encoding="utf-8")
    r = _lint_imports(tmp_path)
    assert r.returncode != 0
    assert "workstation.sync.client -> workstation.central.app" in r.stdout
    assert "workstation.storage.db -> workstation.sync.freeze" in r.stdout
    assert "1 kept, 2 broken" in r.stdout


def test_core_sources_do_not_import_qt():
    offenders = []
    for pkg in CORE:
        for path in (SRC / pkg).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{path.relative_to(SRC)}: {n}" for n in names if n.split(".")[0] in QT]
    assert not offenders


def test_importing_the_core_loads_no_qt():
    modules = [
        m.name
        for pkg in CORE
        for m in pkgutil.walk_packages([str(SRC / pkg)], f"workstation.{pkg}.")
        if ".migrations" not in m.name
    ]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + (f"bad = [m for m in sys.modules if m.split('.')[0] in {QT!r}]\nprint(bad)\nsys.exit(1 if bad else 0)")
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_schema_has_no_ethnicity_religion_or_political_fields():
    from workstation.storage.schema import Base

    forbidden = ("ethnic", "nation_code", "minzu", "religio", "politic", "party", "watch")
    columns = [f"{t.name}.{c.name}" for t in Base.metadata.tables.values() for c in t.columns]
    assert columns
    assert not [c for c in columns if any(f in c.lower() for f in forbidden)]


def test_identity_document_type_has_no_ethnicity():
    from dataclasses import fields

    from workstation.domain.documents import IdentityDocument

    assert not [f.name for f in fields(IdentityDocument) if "ethnic" in f.name or "nation_code" in f.name]
