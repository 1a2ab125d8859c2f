"""Files the station writes outside its database: private to the user, written atomically.

Used by storage (key files, anchors, backups, exports) and by the device manager (remembered
device assignments), hence its place below both layers.

Every file is created with mode 0600 and every folder with 0700 on POSIX, whatever the umask
(the mode is given to ``open``/``mkdir`` and then set explicitly). On Windows ``os.chmod`` can only
toggle the read-only flag: there the files rely on the ACL of the folder they live in (the user's
profile, see docs/security.md).

`write_atomic` is the only way the station writes such a file: a temporary name in the same
folder, fsync, rename over the target, fsync of the folder. A kill at any instant leaves either the
old file or the new one, never a half-written one under the real name.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
TMP_MARK = ".tmp-"


def make_private_dir(path: Path) -> bool:
    """Create `path` (and parents) if missing; the folder itself becomes 0700 when we created it or
    it is empty. Returns True if it was created. Raises OSError (e.g. NotADirectoryError)."""
    path = Path(path)
    created = not path.exists()
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if created or not any(path.iterdir()):
        make_private(path)
    return created


def make_private(path: Path) -> None:
    """chmod 0600 (file) or 0700 (folder) on POSIX; nothing on Windows (ACLs: docs/security.md)."""
    if os.name == "nt":
        return
    path = Path(path)
    mode = PRIVATE_DIR if path.is_dir() else PRIVATE_FILE
    with contextlib.suppress(FileNotFoundError):
        if (path.stat().st_mode & 0o777) != mode:
            os.chmod(path, mode)


def create_private_file(path: Path) -> None:
    """Create an empty 0600 file; FileExistsError if it exists. Used before SQLite creates a
    database, so the database and its -wal/-shm (SQLite copies the main file's mode) are private."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(fd)
    make_private(path)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (POSIX); Windows has no directory handles to fsync."""
    if os.name == "nt":
        return
    fsync_file(path)


def temp_name(path: Path) -> Path:
    """A temporary sibling of `path`: ``<name>.tmp-<random>`` (never mistaken for the real file)."""
    return path.with_name(f"{path.name}{TMP_MARK}{secrets.token_hex(4)}")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` privately and atomically: temp file (0600), fsync, rename over the
    target, fsync the folder. Survives a kill at any point (old or new content, never a mix)."""
    with open_atomic(path) as fh:
        fh.write(data)


@contextlib.contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """Stream a file to `path` privately and atomically, for content too large to hold in memory.

    Yields a binary file open on a temporary sibling (0600). When the block ends normally the file
    is flushed, fsynced and renamed over `path`, and the folder fsynced; when it raises (an error,
    a `Cancelled`), the temporary file is removed, `path` is untouched and the exception goes on.

    Raises:
        OSError: the temporary file could not be created, written or renamed (nothing left behind).
    """
    path = Path(path)
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        make_private(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def temp_files(folder: Path, name: str) -> list[Path]:
    """Leftovers of a killed `write_atomic` or backup for every file whose name starts with
    `name` (``workstation.db.tmp-*``, ``workstation.db.anchor.tmp-*``, ``workstation.db.keys.tmp-*`` …)."""
    return sorted(Path(folder).glob(f"{name}*{TMP_MARK}*"))


def remove_temp_files(folder: Path, name: str) -> None:
    """Delete `temp_files(folder, name)`. Only while no other process may be writing them (the
    station's exclusive lock, or a backup folder of our own)."""
    for p in temp_files(folder, name):
        with contextlib.suppress(OSError):
            p.unlink()
