"""Running one sync from the desktop app: on the NET lane through `Op`, progress and result delivered
on the GUI thread. Used by the Sync page ("sync now", F5, background) and the end-of-shift dialog.

Every sync, whatever started it, ends with `Station.synced` on the GUI thread (the status bar reads the
store's last-sync time again), and one that brought tasks or pre-registrations down announces them on
`ctx.changed` (the Tasks page and the Today page read them again)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject

from workstation.storage.db import Database
from workstation.sync.client import SendResult, SyncClient
from workstation.ui.context import DeskContext
from workstation.ui.screens.sync import data
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

    station = ctx.station

    def work(token: CancelToken) -> SendResult:
        def progress(done: int, total: int, _message: str) -> None:
            token.raise_if_cancelled()
            runner.call_soon(lambda: on_progress(done, total) if shiboken6.isValid(parent) else None)

        client = client_factory(db)
        outcome: list[SendResult] = []
        try:
            outcome.append(client.sync(progress=progress))
            return outcome[0]
        finally:
            client.close()
            _later(runner, lambda: _announce(station, outcome[0] if outcome else None))

    def done(result: SendResult) -> None:
        on_done(result)

    op = ctx.op(work, lane=Lane.NET, parent=parent).on_success(done).on_failure(on_failed)
    if on_finished is not None:
        op.on_finished(on_finished)
    return _track(op)


def _later(runner: Any, fn: Callable[[], None]) -> None:
    try:
        runner.call_soon(fn)
    except RuntimeError:  # the app is quitting: the runner is gone, nobody to tell
        pass


def _announce(station: Any, result: SendResult | None) -> None:
    """GUI thread, after a sync: what came down is announced (pages read it again), then `synced`.
    Runs even when the widget that started the sync is gone (the end-of-shift dialog)."""
    if not shiboken6.isValid(station):
        return
    if result is not None and result.downloaded:
        station.broadcast(downloaded_changes())  # the Tasks and Today pages show what arrived
    station.synced.emit(result)


def downloaded_changes() -> Any:
    """What a downlink may have changed, as `Changes` for `ctx.changed` (tasks and pre-registrations
    arrive only this way; ids are not known here, so pages showing them read them again)."""
    from workstation.domain.enums import Operation
    from workstation.storage.areas.base import Change, Changes, Kind

    return Changes((Change(Kind.TASK, "", Operation.UPDATE, 0), Change(Kind.PREREGISTRATION, "", Operation.UPDATE, 0)))


def start_background(
    ctx: DeskContext, parent: QObject, on_finished: Callable[[], None],
    on_received: Callable[[SendResult], None] | None = None,
) -> OpHandle | None:
    """One background step (`SyncClient.tick`): batches what is new, sends what is due — at once when
    the platform has just become reachable again, else after each batch's backoff — and fetches the
    platform's updates. Silent: failures are in the ledger (the Sync page shows them).
    `on_received(result)` (GUI thread) when tasks or pre-registrations came down. None while
    another sync runs."""
    if running():
        return None
    db = ctx.db
    runner = ctx.runner
    station = ctx.station

    def work(_token: CancelToken) -> tuple[bool, SendResult | None]:
        if not data.enrolled(db):  # not enrolled or revoked: nothing to do (read here, off the GUI thread)
            return _was_reachable, None
        client = client_factory(db)
        outcome: list[SendResult | None] = []
        try:
            reachable, result = client.tick(was_reachable=_was_reachable)
            outcome.append(result)
            return reachable, result
        finally:
            client.close()
            _later(runner, lambda: _announce(station, outcome[0] if outcome else None))

    def done(answer: tuple[bool, SendResult | None]) -> None:
        global _was_reachable
        _was_reachable, result = answer
        if result is not None and on_received is not None and (result.tasks_received or result.preregs_received):
            on_received(result)

    def failed(exc: BaseException) -> bool:
        from workstation.errors import UserFacingError

        return isinstance(exc, UserFacingError)  # not enrolled / revoked: the page says so

    op = ctx.op(work, lane=Lane.NET, parent=parent).on_success(done).on_failure(failed).on_finished(on_finished)
    return _track(op)


def received_text(res: SendResult) -> str:
    """What came down, in words: ``"4 tasks and 4 pre-registrations received"``, ``"nothing new
    received"``."""
    parts = []
    tasks, preregs = res.tasks_received, res.preregs_received  # (lupdate reads a plain name as the count)
    if tasks:
        parts.append(QCoreApplication.translate("SyncResult", "%n task(s)", "", tasks))
    if preregs:
        parts.append(QCoreApplication.translate("SyncResult", "%n pre-registration(s)", "", preregs))
    if not parts:
        return QCoreApplication.translate("SyncResult", "nothing new received")
    items = parts[0]
    if len(parts) == 2:
        both = QCoreApplication.translate("SyncResult", "{a} and {b}")
        items = both.replace("{a}", parts[0]).replace("{b}", parts[1])
    return QCoreApplication.translate("SyncResult", "{items} received").replace("{items}", items)


def result_text(res: SendResult) -> str:
    """A finished sync in one sentence for the banner and the end-of-shift dialog: ``"Sync done: 0
    changes sent, 4 tasks and 4 pre-registrations received."`` (UI language)."""
    records = res.records
    sent = QCoreApplication.translate("SyncResult", "%n change(s) sent", "", records)
    return (
        QCoreApplication.translate("SyncResult", "Sync done: {sent}, {received}.")
        .replace("{sent}", sent)
        .replace("{received}", received_text(res))
    )


def arrived_text(res: SendResult) -> str:
    """A background sync brought something: ``"From the platform: 2 tasks received."``"""
    return QCoreApplication.translate("SyncResult", "From the platform: {received}.").replace(
        "{received}", received_text(res)
    )


def describe_failure(exc: BaseException) -> str:
    """A failure of the whole sync (not enrolled, revoked, the updates could not be fetched) in words."""
    from workstation.ui import i18n

    return i18n.message_of(exc)


__all__ = [
    "arrived_text",
    "client_factory",
    "default_client",
    "describe_failure",
    "received_text",
    "result_text",
    "running",
    "start_background",
    "start_sync",
]
