"""One owner of a station's data folder: a shared/exclusive lock held by every process that opens it.

* Every process that opens a station (the app, every `workstation-admin` command, `workstation
  sync`) holds a **shared** lock on ``<data dir>/workstation.lock`` for as long as the database is
  open (`station.unlock` takes it and `Database.close` releases it).
* Operations that replace the database file (rekey, restore, finishing an interrupted swap) need
  it **exclusively** and refuse with `StationBusy` ("close the workstation app first") while any
  other process holds the station open. Without this, a second process keeps writing into the
  old file and its WAL after the rename, and its saves are lost (issue 9, item 1).
* The desktop app also takes `acquire_app_lock` at start-up: a second app instance on the same
  station is refused with `AppAlreadyRunning`.

The locks are OS advisory locks through `portalocker` (``flock`` on POSIX, ``LockFileEx`` on
Windows): the OS releases them when a process dies, so a killed process never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO

import portalocker

from workstation.files import PRIVATE_FILE, make_private
from workstation.storage.errors import AppAlreadyRunning, StationBusy

LOCK_NAME = "workstation.lock"
APP_LOCK_NAME = "workstation.app.lock"


def _open_lock_file(path: Path) -> IO[bytes]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    make_private(path)
    return os.fdopen(fd, "r+b")


class StationLock:
    """A held lock on one lock file. `release()` (or leaving a ``with`` block) gives it up."""

    def __init__(self, path: Path, fh: IO[bytes], exclusive: bool) -> None:
        self.path = path
        self._fh: IO[bytes] | None = fh
        self.exclusive = exclusive

    @property
    def held(self) -> bool:
        return self._fh is not None

    def upgrade(self) -> None:
        """Shared → exclusive, without waiting. Raises `StationBusy` (and keeps the shared lock) when
        another process holds the station open."""
        if self.exclusive:
            return
        fh = self._require()
        # Not atomic on any OS (flock drops the old lock first; Windows cannot convert): say so in code.
        portalocker.unlock(fh)
        try:
            portalocker.lock(fh, portalocker.LOCK_EX | portalocker.LOCK_NB)
        except portalocker.exceptions.LockException:
            with contextlib.suppress(portalocker.exceptions.LockException):
                portalocker.lock(fh, portalocker.LOCK_SH | portalocker.LOCK_NB)
            raise StationBusy(str(self.path.parent), needs_exclusive=True) from None
        self.exclusive = True

    def downgrade(self) -> None:
        """Exclusive → shared (always succeeds: nobody else can hold it meanwhile... except on
        Windows, where the unlock/lock pair leaves a gap another opener may take; then we still
        end up sharing, which is what a downgrade means)."""
        if not self.exclusive:
            return
        fh = self._require()
        portalocker.unlock(fh)
        portalocker.lock(fh, portalocker.LOCK_SH)
        self.exclusive = False

    def release(self) -> None:
        if self._fh is None:
            return
        with contextlib.suppress(OSError, portalocker.exceptions.LockException):
            portalocker.unlock(self._fh)
        self._fh.close()
        self._fh = None

    def _require(self) -> IO[bytes]:
        if self._fh is None:
            raise RuntimeError("the station lock was already released")
        return self._fh

    def __enter__(self) -> StationLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _acquire(path: Path, exclusive: bool) -> StationLock | None:
    fh = _open_lock_file(path)
    flags = (portalocker.LOCK_EX if exclusive else portalocker.LOCK_SH) | portalocker.LOCK_NB
    try:
        portalocker.lock(fh, flags)
    except portalocker.exceptions.LockException:
        fh.close()
        return None
    return StationLock(path, fh, exclusive)


def acquire_station_lock(data_dir: Path, *, exclusive: bool = False) -> StationLock:
    """Lock a station's data folder (which must exist). Shared: the station may be opened (many
    holders). Exclusive: its files may be replaced (one holder, no shared ones).

    Returns the held `StationLock`. Raises `StationBusy` without waiting: for exclusive, "close the
    workstation app first"; for shared, "being re-keyed or restored". OSError if the folder cannot
    be written."""
    data_dir = Path(data_dir)
    lock = _acquire(data_dir / LOCK_NAME, exclusive)
    if lock is None:
        raise StationBusy(str(data_dir), needs_exclusive=exclusive)
    return lock


def acquire_app_lock(data_dir: Path) -> StationLock:
    """The desktop app calls this once at start-up and keeps the result until it quits: a second
    app instance on the same station gets `AppAlreadyRunning`. (It opens the database with
    `station.unlock` as usual, which takes the shared data-folder lock.)"""
    data_dir = Path(data_dir)
    lock = _acquire(data_dir / APP_LOCK_NAME, True)
    if lock is None:
        raise AppAlreadyRunning(str(data_dir))
    return lock
