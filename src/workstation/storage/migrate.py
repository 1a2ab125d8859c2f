"""Alembic migrations, run in code on open (no alembic.ini needed on a desk).

Opening a database whose schema is already the newest (every start but the first after an upgrade)
does not load Alembic: `upgrade` compares the stored revision (one query) with the newest revision
read from the migration files (`script_heads`), and only a difference brings in Alembic (~0.4 s of
imports, and the parsing of every migration script).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
_REVISION = re.compile(r"""^revision(?:\s*:[^=]*)?\s*=\s*["']([^"']+)["']\s*$""", re.MULTILINE)
_DOWN_REVISION = re.compile(r"""^down_revision(?:\s*:[^=]*)?\s*=\s*(?:None|["']([^"']+)["'])\s*$""", re.MULTILINE)


#: Indexes on an expression, which SQLAlchemy cannot reflect from SQLite (it warns and skips them):
#: autogenerate leaves them out of its comparison; the migration that creates them is their record.
EXPRESSION_INDEXES = frozenset({"ix_identity_document_number_tail"})


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Autogenerate ignores the FTS5 indexes and their shadow tables (created by raw SQL) and the
    expression indexes (`EXPRESSION_INDEXES`)."""
    if type_ == "table" and name is not None and name.startswith("property_fts"):
        return False
    return not (type_ == "index" and name in EXPRESSION_INDEXES)


def script_heads(versions: Path = MIGRATIONS / "versions") -> tuple[str, ...] | None:
    """The newest revision(s) of the migration scripts in `versions`, read from their
    ``revision = "…"`` and ``down_revision = "…"`` lines without loading Alembic: the revisions no
    other script names as its down revision. None when a script does not read that simply (a merge
    names several down revisions, an unusual layout): then ask Alembic (`upgrade` does)."""
    revisions: set[str] = set()
    downs: set[str] = set()
    try:
        scripts = sorted(versions.glob("*.py"))
        for script in scripts:
            if script.name == "__init__.py":
                continue
            text = script.read_text(encoding="utf-8")
            rev, down = _REVISION.findall(text), _DOWN_REVISION.findall(text)
            if len(rev) != 1 or len(down) != 1:
                return None
            revisions.add(rev[0])
            if down[0]:
                downs.add(down[0])
    except OSError:
        return None
    heads = tuple(sorted(revisions - downs))
    return heads or None


def stored_revision(conn: sa.Connection) -> tuple[str, ...]:
    """The revision(s) recorded in the database (Alembic's ``alembic_version`` table; empty for a
    new database), by one query instead of Alembic's migration context."""
    exists = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if exists is None:
        return ()
    return tuple(sorted(str(row[0]) for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")))


def alembic_config(engine: sa.Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def upgrade(
    engine: sa.Engine,
    revision: str = "head",
    *,
    before: Callable[[tuple[str, ...], tuple[str, ...]], None] | None = None,
) -> None:
    """Bring the schema to `revision` (default: the newest).

    `before(current_heads, target_heads)` is called first when an existing database (one with a
    revision) is about to change, so the caller can take a backup; a new, empty database and one
    already at the target are not reported. Raises whatever Alembic raises for a revision it does
    not know (a database written by a newer build).
    """
    if revision == "head":
        with engine.connect() as conn:
            stored = stored_revision(conn)
        if stored and set(stored) == set(script_heads() or ()):
            return  # the everyday case: nothing to do, and Alembic stays unloaded
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = alembic_config(engine)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn)
        current = tuple(ctx.get_current_heads())
    head = tuple(ScriptDirectory.from_config(cfg).get_heads())
    if revision == "head" and set(current) == set(head):
        return
    if before is not None and current:
        before(current, head if revision == "head" else (revision,))
    command.upgrade(cfg, revision)


def snapshot_before_upgrade(database: Path, current: tuple[str, ...], target: tuple[str, ...]) -> Path:
    """Copy an encrypted database file (and its key file) aside before a schema upgrade.

    The copy goes to ``<data folder>/backups/before-upgrade-<from>-to-<to>-<UTC time>/``: the
    database file exactly as it is on disk (still encrypted with the same key; the caller has
    checkpointed the WAL into it) and ``<name>.keys`` when there is one, each written to a
    temporary name, fsynced and renamed, folders 0700 and files 0600. Returns the folder.
    Raises OSError when the copy cannot be written (then nothing is migrated).
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = database.parent / "backups" / f"before-upgrade-{'+'.join(current)}-to-{'+'.join(target)}-{stamp}"
    folder.mkdir(parents=True, mode=0o700, exist_ok=False)
    with contextlib.suppress(OSError):
        os.chmod(folder.parent, 0o700)
    for src in (database, database.with_name(database.name + ".keys")):
        if not src.exists():
            continue
        dst = folder / src.name
        tmp = folder / (src.name + ".part")
        with open(src, "rb") as fin, open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fout.fileno())
        os.replace(tmp, dst)
    if os.name != "nt":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return folder


def current_revision(engine: sa.Engine) -> tuple[str, ...]:
    """The revision(s) the database's schema is at (Alembic's own reading)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return tuple(MigrationContext.configure(conn).get_current_heads())
