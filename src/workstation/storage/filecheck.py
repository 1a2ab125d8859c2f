"""Checks run before a database file is opened for writing, so a damaged file is reported, never
"repaired" by SQLite into something else (issue 9, item 5).

SQLite itself would turn an empty file into a new empty database, and a rw connection to a
database with a foreign ``-wal`` beside it copies that journal's pages into the file on close
(and deletes the journal). So the checks run on a **read-only** connection, which never writes the
database or checkpoints a journal; only when they pass does the caller open it read-write.

What is checked: the file exists, is a file, is not empty and not plaintext SQLite; the key opens
page 1 (SQLCipher checks its HMAC); the schema is a workstation schema; with no pending journal
the file is as long as its header says (a cut file); and, for files up to
`FULL_CHECK_AT_OPEN_MAX`, `PRAGMA cipher_integrity_check` checks every page's HMAC (a bit flip
anywhere; ≈0.16 s for 68 MB with a warm cache). Larger files get that check from `status`; a
damaged page met later is an SQLite error that `errors` maps to a user-facing message.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage.errors import DatabaseDamaged, DatabaseMissing, KeyDoesNotOpenDatabase

SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
PLAIN_HEADER = b"SQLite format 3\x00"
REQUIRED_TABLES = ("station", "audit_event", "alembic_version")
FULL_CHECK_AT_OPEN_MAX = 256 * 1024 * 1024  # every page's HMAC at open up to this size (≈0.16 s per 68 MB)


def _damaged(path: Path, problem: str) -> DatabaseDamaged:
    return DatabaseDamaged(str(path), problem)


def precheck(path: Path) -> None:
    """What can be told without a key. Raises DatabaseMissing or DatabaseDamaged."""
    if not path.exists():
        raise DatabaseMissing(str(path))
    if not path.is_file():
        raise _damaged(path, QT_TRANSLATE_NOOP("storage", "this is not a database file (it is a folder or a device)"))
    size = path.stat().st_size
    if size == 0:
        raise _damaged(
            path,
            QT_TRANSLATE_NOOP("storage", "the database file is empty (0 bytes): it was cut off or never written"),
        )
    with open(path, "rb") as fh:
        head = fh.read(len(PLAIN_HEADER))
    if head == PLAIN_HEADER:
        raise _damaged(
            path,
            QT_TRANSLATE_NOOP(
                "storage",
                "this file is a plain (unencrypted) SQLite database, not a workstation database",
            ),
        )
    if size < 1024:
        raise _damaged(
            path, QT_TRANSLATE_NOOP("storage", "the database file is cut off ({size} bytes)").format(size=size)
        )


def _explain(path: Path, exc: Exception) -> DatabaseDamaged:
    code = getattr(exc, "sqlite_errorcode", None)
    wal = Path(str(path) + "-wal")
    if code == SQLITE_NOTADB:
        problem: str
        if wal.exists() and wal.stat().st_size:
            problem = QT_TRANSLATE_NOOP(
                "storage",
                "the key does not open this database or its journal {journal}: the file is damaged, or it "
                "belongs to another station (a database, key file or journal copied from elsewhere)",
            ).format(journal=wal.name)
        else:
            problem = QT_TRANSLATE_NOOP(
                "storage",
                "the key does not open this database: the file is damaged, or it belongs to another station "
                "(a database, key file or journal copied from elsewhere)",
            )
        return KeyDoesNotOpenDatabase(str(path), problem)
    return _damaged(path, QT_TRANSLATE_NOOP("storage", "the database file is damaged ({exc})").format(exc=exc))


def check(path: Path, raw_key: bytes, key_pragma: str) -> None:
    """Read-only checks with the key. Raises DatabaseMissing/DatabaseDamaged; writes nothing to the
    database or its journal (a read-only connection may leave an empty -wal/-shm index beside it,
    which we remove again when the check fails and we created them)."""
    precheck(path)
    wal, shm = Path(str(path) + "-wal"), Path(str(path) + "-shm")
    had = {p: p.exists() for p in (wal, shm)}
    conn: Any = None
    try:
        conn = sqlcipher.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
        conn.execute(key_pragma)
        conn.execute("PRAGMA cipher_log_level = NONE")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise _damaged(
                path,
                QT_TRANSLATE_NOOP(
                    "storage",
                    "the file opens with this station's key but holds no workstation data (no {tables} table): it "
                    "was never finished or was replaced",
                ).format(tables=", ".join(missing)),
            )
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        pending_journal = had[wal] and wal.stat().st_size > 0
        size = path.stat().st_size
        if not pending_journal and size < page_count * page_size:
            raise _damaged(
                path,
                QT_TRANSLATE_NOOP("storage", "the database file is cut off ({size} of {value} bytes)").format(
                    size=size, value=page_count * page_size
                ),
            )
        conn.execute("SELECT seq, hash FROM audit_head").fetchall()
        conn.execute("SELECT count(*) FROM station").fetchone()
        if size <= FULL_CHECK_AT_OPEN_MAX:
            bad = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            if bad:
                raise _damaged(
                    path,
                    QT_TRANSLATE_NOOP(
                        "storage",
                        "the database file is damaged ({count} pages fail their check, first: {value})",
                    ).format(count=len(bad), value=bad[0][0]),
                )
    except DatabaseDamaged:
        _cleanup(conn, had)
        raise
    except sqlcipher.Error as exc:
        _cleanup(conn, had)
        raise _explain(path, exc) from exc
    conn.close()


def _cleanup(conn: Any, had: dict[Path, bool]) -> None:
    if conn is not None:
        conn.close()
    for p, existed in had.items():
        if not existed:
            with contextlib.suppress(OSError):
                if p.stat().st_size == 0 or p.name.endswith("-shm"):
                    p.unlink()


def full_check(conn: Any) -> list[str]:
    """Every page's HMAC and the b-tree structure, on an open connection. Returns the problems
    found (empty when the file is sound)."""
    problems = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append(str(integrity))
    return problems
