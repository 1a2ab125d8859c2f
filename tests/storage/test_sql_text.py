"""No SQL text is ever built from a value (issue 9, item 3): values are bound as parameters.

The scan walks every module under src/ and fails on an f-string, ``%`` or ``.format`` whose
literal text looks like SQL, and on such an expression passed to ``execute``/``text``. The one
allowed exception is `db._key_pragma` (PRAGMA takes no parameters; its value is 32 checked bytes
rendered as hex)."""

import ast
import re
from pathlib import Path

from keyring.backends import fail

from helpers import make_station
from workstation.storage import demo, station
from workstation.storage.db import Database
from workstation.storage.vault import KeyVault

SRC = Path(__file__).parents[2] / "src" / "workstation"
ALLOWED = {
    ("storage/db.py", "_key_pragma"),
    # Trigger DDL of the count tables (0010, 0012) and the staff-binding table (0013): CREATE/DROP
    # TRIGGER takes no bound parameters, and these builders are called only at import time with string
    # literals of the same module (table names, NEW./OLD. column references, +1/-1). No value a person
    # or the platform supplies reaches them. A new entry here needs the same argument.
    ("storage/migrations/versions/0010_dashboard_counts.py", "_bump"),
    ("storage/migrations/versions/0010_dashboard_counts.py", "_check"),
    ("storage/migrations/versions/0010_dashboard_counts.py", "upgrade"),
    ("storage/migrations/versions/0010_dashboard_counts.py", "downgrade"),
    ("storage/migrations/versions/0012_housing_checks.py", "downgrade"),
    ("storage/migrations/versions/0013_staff_binding.py", "_of_property"),
    ("storage/migrations/versions/0013_staff_binding.py", "fill"),
    ("storage/migrations/versions/0013_staff_binding.py", "_refresh"),
    ("storage/migrations/versions/0013_staff_binding.py", "upgrade"),
    ("storage/migrations/versions/0013_staff_binding.py", "downgrade"),
}


def _literal_text(node: ast.AST) -> str:
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        return _literal_text(node.left) + " " + _literal_text(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _literal_text(node.func.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ""


def _built(node: ast.AST) -> bool:
    return (
        (isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in node.values))
        or (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, (ast.Mod, ast.Add))
            and not all(isinstance(n, ast.Constant) for n in (node.left, node.right))
        )
        or (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format")
    )


def _looks_like_sql(text: str) -> bool:
    words = text.split()
    return bool(words) and bool(
        re.match(
            r"\s*(SELECT|INSERT|UPDATE|DELETE|ATTACH|DETACH|PRAGMA|CREATE|DROP|ALTER|BEGIN|VACUUM|REPLACE)\b", text
        )
        or re.search(r"\b(SELECT .* FROM|INSERT INTO|DELETE FROM|UPDATE \w+ SET|ATTACH DATABASE|KEY)\b", text)
    )


def sql_built_from_values(root: Path = SRC) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(), filename=str(path))
        parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                parents[child] = node
        for node in ast.walk(tree):
            if not _built(node) or isinstance(parents.get(node), (ast.JoinedStr, ast.BinOp)):
                continue
            text = _literal_text(node)
            if not _looks_like_sql(text):
                continue
            fn = node
            while fn in parents and not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                fn = parents[fn]
            name = getattr(fn, "name", "<module>")
            if (rel, name) not in ALLOWED:
                found.append(f"{rel}:{node.lineno} in {name}: {text.strip()[:60]!r}")
    return found


def test_no_sql_text_is_built_from_a_value():
    assert sql_built_from_values() == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "bad.py").write_text(
        "def backup(conn, out, key):\n"
        "    conn.execute(f\"ATTACH DATABASE '{out}' AS backup KEY \\\"x'{key}'\\\"\")\n"
        "    conn.execute('SELECT * FROM t WHERE a = %s' % out)\n"
        "    conn.execute('DELETE FROM {}'.format(out))\n"
        "    conn.execute('SELECT * FROM t WHERE a = ?', (out,))\n"
    )
    assert len(sql_built_from_values(tmp_path)) == 3


def test_quotes_in_paths_work_and_a_crafted_path_writes_nothing_plain(tmp_path):
    st = make_station(tmp_path / "O'Brien's station", demo=True)
    demo.generate(st.db, 5)
    out = station.backup(st.db, st.admin, tmp_path / "O'Brien")
    master = KeyVault(out.parent / "workstation.db.keys", backend=fail.Keyring()).unlock_with_passphrase(
        st.passphrase, restore_keyring=False
    )
    Database.open(out, master).close()
    crafted = tmp_path / "plain.db' AS backup KEY '' --"
    station.backup(st.db, st.admin, crafted)
    for p in tmp_path.rglob("*"):
        if p.is_file():
            assert not p.read_bytes().startswith(b"SQLite format 3"), f"{p} is a plaintext database"
    assert not (tmp_path / "plain.db").exists()
    new_pass = station.rekey(st.db, st.data_dir, st.admin, passphrase=st.passphrase, confirm=lambda p: p)
    db, _ = station.unlock(st.data_dir, passphrase=new_pass, backend=fail.Keyring())
    db.close()
