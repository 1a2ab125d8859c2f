"""SQLite's environment errors, mapped once to errors an operator can act on.

A full disk, a database another program holds locked, a read-only file, an I/O error or a damaged
file is not a bug in the workstation: each becomes an `EnvironmentProblem` with a plain message in
both languages that names the file. The mapping goes by SQLite's result code (the primary code, the
low byte of the extended one, https://sqlite.org/rescode.html), never by the text of the message,
as qutebrowser's `misc/sql.py` does. Anything else stays what it is: a bug, reported as one.

`Database.read()` and `Database.write()` translate inside their context managers, so every caller
(area services, sync, admin commands) gets the same errors.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlalchemy.exc
from sqlcipher3 import dbapi2 as sqlcipher

from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP, Message

# SQLite primary result codes (sqlite3.h)
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class EnvironmentProblem(UserFacingError):
    """The computer, not the workstation, stopped a database operation. Nothing was half-saved: the
    transaction was rolled back. `code` is SQLite's primary result code."""

    code: int = 0

    def __init__(self, message: Message, *, code: int) -> None:
        super().__init__(message)
        self.code = code


class DiskFull(EnvironmentProblem):
    def __init__(self, path: str, *, code: int = SQLITE_FULL) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage",
                "The disk holding {path} is full. Nothing was saved; free some space and try again.",
            ).format(path=path),
            code=code,
        )


class DatabaseBusy(EnvironmentProblem):
    def __init__(self, path: str, *, code: int = SQLITE_BUSY) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage",
                "The database {path} is in use by another program. Nothing was saved; try again in a moment, "
                "or close the other program (a second workstation, a backup tool).",
            ).format(path=path),
            code=code,
        )


class DatabaseReadOnly(EnvironmentProblem):
    def __init__(self, path: str, *, code: int = SQLITE_READONLY) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage",
                "The database {path} cannot be written (read-only file, folder or disk). Nothing was saved; "
                "ask the administrator to check the file's permissions and the disk.",
            ).format(path=path),
            code=code,
        )


class DatabaseIOError(EnvironmentProblem):
    def __init__(self, path: str, *, code: int = SQLITE_IOERR) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage",
                "The disk reported an error while reading or writing {path}. Nothing was saved; check the disk "
                "(cable, USB drive, free space) and try again.",
            ).format(path=path),
            code=code,
        )


class DatabaseCorrupt(EnvironmentProblem):
    def __init__(self, path: str, *, code: int = SQLITE_CORRUPT) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage",
                "The database {path} is damaged. Stop working on this station and ask the administrator to "
                "restore it from the latest backup (`workstation-admin restore`).",
            ).format(path=path),
            code=code,
        )


_KNOWN: dict[int, Callable[..., EnvironmentProblem]] = {
    SQLITE_FULL: DiskFull,
    SQLITE_BUSY: DatabaseBusy,
    SQLITE_LOCKED: DatabaseBusy,
    SQLITE_READONLY: DatabaseReadOnly,
    SQLITE_PERM: DatabaseReadOnly,
    SQLITE_IOERR: DatabaseIOError,
    SQLITE_CANTOPEN: DatabaseIOError,
    SQLITE_NOMEM: DatabaseIOError,
    SQLITE_CORRUPT: DatabaseCorrupt,
    SQLITE_NOTADB: DatabaseCorrupt,  # once the key has been checked, "not a database" means damage
}


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code carried by `exc` (a DB-API error, or SQLAlchemy's wrapper of one),
    or None when it carries none."""
    if isinstance(exc, sqlalchemy.exc.DBAPIError) and exc.orig is not None:
        exc = exc.orig
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def known_error(exc: BaseException, path: Path | str) -> EnvironmentProblem | None:
    """The `EnvironmentProblem` that `exc` stands for (None: not an environment problem, i.e. a bug)."""
    code = sqlite_code(exc)
    kind = _KNOWN.get(code) if code is not None else None
    return kind(str(path), code=code) if (kind is not None and code is not None) else None


@contextlib.contextmanager
def translated(path: Path | str) -> Iterator[None]:
    """Re-raise SQLite environment errors inside the block as `EnvironmentProblem`s (the original is
    chained as the cause); every other exception passes unchanged."""
    try:
        yield
    except (sqlcipher.Error, sqlalchemy.exc.DBAPIError) as exc:
        known = known_error(exc, path)
        if known is None:
            raise
        raise known from exc
