"""Running one sync from the desktop app: on the NET lane through `Op`, progress and result delivered
on the GUI thread. Used by the Sync page ("sync now", F5) and the end-of-shift dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from workstation.storage.db import Database
from workstation.sync.client import SendResult, SyncClient
from workstation.ui.context import DeskContext
from workstation.ui.tasks import CancelToken, Lane, Op, OpHandle


def default_client(db: Database) -> SyncClient:
    """A sync client on the station's enrollment (platform URL and pinned CA from the ledger)."""
    return SyncClient(db)


#: How the app builds its sync client; tests point it at a fault proxy (see tests/ui/test_sync_page.py).
client_factory: Callable[[Database], SyncClient] = default_client


_current: OpHandle | None = None  # one sync at a time in the app (the ledger is sent in sequence)
_was_reachable = False


def running() -> bool:
    """Is a sync (sync now, end of shift or background) running? GUI thread."""
    return _current is not None and not _current.done and not _current.future.done()


def _track(op: Op[Any]) -> OpHandle | None:
    """Start `op` and remember it as the running sync; None when the app is shutting down (the runner
    refuses new work then: a timer firing during quit is not an error)."""
    global _current
    try:
        handle = op.start()
    except RuntimeError:
        if ctx_runner_closed(op):
            return None
        raise
    _current = handle
    return handle


def ctx_runner_closed(op: Op[Any]) -> bool:
    runner = op._runner  # the session's runner (DeskContext.op sets it)
    return bool(runner is not None and getattr(runner, "_closed", False))


def start_sync(
    ctx: DeskContext,
    parent: QObject,
    *,
    on_progress: Callable[[int, int], None],
    on_done: Callable[[SendResult], None],
    on_failed: Callable[[BaseException], bool],
    on_finished: Callable[[], None] | None = None,
) -> OpHandle | None:
    """Build, seal and send what is waiting, then fetch the platform's updates (`SyncClient.sync`).
    Returns None (and does nothing) while another sync runs.

    `on_progress(done, total)` (changes acknowledged so far / to send), `on_done(result)`, and
    `on_failed(exc) -> handled` run on the GUI thread while `parent` exists. What was acknowledged
    before a failure or a cancel stays acknowledged (the ledger is per batch)."""
    if running():
        return None
    db = ctx.db
    runner = ctx.runner

    def work(token: CancelToken) -> SendResult:
        def progress(done: int, total: int, _message: str) -> None:
            token.raise_if_cancelled()
            runner.call_soon(lambda: on_progress(done, total) if shiboken6.isValid(parent) else None)

        client = client_factory(db)
        try:
            return client.sync(progress=progress)
        finally:
            client.close()

    def done(result: SendResult) -> None:
        on_done(result)
        if result.downloaded:
            ctx.station.broadcast(downloaded_changes())  # the Tasks page shows what arrived

    op = ctx.op(work, lane=Lane.NET, parent=parent).on_success(done).on_failure(on_failed)
    if on_finished is not None:
        op.on_finished(on_finished)
    return _track(op)


def downloaded_changes() -> Any:
    """What a downlink may have changed, as `Changes` for `ctx.changed` (tasks and pre-registrations
    arrive only this way; ids are not known here, so pages showing them read them again)."""
    from workstation.domain.enums import Operation
    from workstation.storage.areas.base import Change, Changes, Kind

    return Changes((Change(Kind.TASK, "", Operation.UPDATE, 0), Change(Kind.PREREGISTRATION, "", Operation.UPDATE, 0)))


def start_background(ctx: DeskContext, parent: QObject, on_finished: Callable[[], None]) -> OpHandle | None:
    """One background step (`SyncClient.tick`): batches what is new and sends what is due — at once when
    the platform has just become reachable again, else after each batch's backoff. Silent: failures
    are in the ledger (the Sync page shows them). None while another sync runs."""
    if running():
        return None
    db = ctx.db

    def work(_token: CancelToken) -> bool:
        client = client_factory(db)
        try:
            reachable, _result = client.tick(was_reachable=_was_reachable)
            return reachable
        finally:
            client.close()

    def done(reachable: bool) -> None:
        global _was_reachable
        _was_reachable = reachable

    def failed(exc: BaseException) -> bool:
        from workstation.errors import UserFacingError

        return isinstance(exc, UserFacingError)  # not enrolled / revoked: the page says so

    op = ctx.op(work, lane=Lane.NET, parent=parent).on_success(done).on_failure(failed).on_finished(on_finished)
    return _track(op)


def describe_failure(exc: BaseException) -> str:
    """A failure of the whole sync (not enrolled, revoked, the updates could not be fetched) in words."""
    from workstation.ui import i18n

    return i18n.message_of(exc)


__all__ = ["client_factory", "default_client", "describe_failure", "running", "start_background", "start_sync"]
