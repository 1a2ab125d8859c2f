"""Background work for the desktop app: every blocking call (database, device, network) runs here.

Modelled on Anki's `CollectionOp`/`QueryOp` and task manager (`qt/aqt/operations`, `qt/aqt/taskman.py`)
and Electrum's single device thread: a small fluent `Op` says what to run off the GUI thread, what to
do with the result on the GUI thread and what to do on failure; a `Runner` owns the worker threads.

Lanes:

* ``Lane.DB`` — ONE worker thread (``ui-db``): the store has a single writer, and audited reads take
  the write lock too, so database work is serialised here rather than contending for the lock.
* ``Lane.NET`` — a small pool (``ui-net``): sync and platform calls.
* ``Lane.DEVICE`` — a small pool (``ui-device``) whose threads wait on the device manager (the I/O
  itself runs on each port's owner thread, see `workstation.devices.manager.core`). A fingerprint
  enrolment holds one of them for as long as the operator takes.
* ``Lane.EMULATOR`` — ONE thread (``ui-emulator``) for the demo desk's hands: placing a card or a
  finger on an emulator, pulling its cable. It never waits on the device manager, so a hand is never
  queued behind the device work that waits for it (an enrolment waiting for the finger).

Results come back to the GUI thread through one queued signal (`Runner._deliver`). A callback is
skipped when the `Op`'s parent widget was deleted meanwhile (`shiboken6.isValid`). A failure that
no `on_failure` handler claims goes to `workstation.ui.errors.show_error`; `Cancelled` is silent.
The GUI thread never waits on a worker, except in `Runner.shutdown` when the app quits.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from enum import Enum
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

from workstation.errors import Cancelled  # re-exported: `from workstation.ui.tasks import Cancelled` works too

logger = logging.getLogger("workstation.ui.tasks")

T = TypeVar("T")

__all__ = ["CancelToken", "Cancelled", "Lane", "Op", "OpHandle", "Runner"]


class Lane(Enum):
    DB = "db"
    NET = "net"
    DEVICE = "device"
    EMULATOR = "emulator"


class CancelToken:
    """Handed to the work function: poll `cancelled` / `raise_if_cancelled()`, report progress. Qt-free,
    thread-safe."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._progress: Callable[[int, int | None, str | None], None] | None = None

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()

    def raise_if_cancelled(self) -> None:
        """Raises `workstation.errors.Cancelled` once `cancel()` was called."""
        if self._event.is_set():
            raise Cancelled()

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds` (returns early, True, when cancelled). For work that paces itself."""
        return self._event.wait(seconds)

    def report(self, done: int, total: int | None = None, text: str | None = None) -> None:
        """Progress from the work: `done` of `total` units (None: unknown), optional text for the dialog.
        Cheap; may be called often (the dialog shows the latest value)."""
        cb = self._progress
        if cb is not None:
            cb(done, total, text)


class OpHandle:
    """What `Op.start()` returns: `cancel()` asks the work to stop; `done` is True once the GUI-thread
    callbacks have run (or were skipped)."""

    def __init__(self, token: CancelToken, future: Future[Any]) -> None:
        self.token = token
        self.future = future
        self.done = False

    def cancel(self) -> None:
        self.token.cancel()

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled


class Op(Generic[T]):
    """One piece of background work. Build, chain, `start()`::

        ctx.op(lambda token: desk.residents.get(pid)).on_success(self._show).with_progress(self.tr("Opening…")).start()

    `work(token)` runs on the lane's thread and must not touch widgets. `on_success(result)` and
    `on_failure(exc) -> bool` (True: handled) run on the GUI thread, only while `parent` exists.
    """

    def __init__(
        self, parent: QObject, work: Callable[[CancelToken], T], *, lane: Lane = Lane.DB, runner: Runner | None = None
    ) -> None:
        self.parent = parent
        self.work = work
        self.lane = lane
        self._runner = runner
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], bool] | None = None
        self._progress_label: str | None = None
        self._cancellable = False
        self._after: list[Callable[[], None]] = []

    def on_success(self, fn: Callable[[T], None]) -> Op[T]:
        self._success = fn
        return self

    def on_failure(self, fn: Callable[[BaseException], bool]) -> Op[T]:
        self._failure = fn
        return self

    def on_finished(self, fn: Callable[[], None]) -> Op[T]:
        """Runs on the GUI thread after success or failure (e.g. re-enable a button); also when cancelled."""
        self._after.append(fn)
        return self

    def with_progress(self, label: str, *, cancellable: bool = False) -> Op[T]:
        """Show a progress dialog with `label` if the work takes longer than ~0.5 s; `cancellable` adds a
        Cancel button that cancels the token (the work must poll it)."""
        self._progress_label = label
        self._cancellable = cancellable
        return self

    def start(self) -> OpHandle:
        runner = self._runner or Runner.instance()
        return runner.start(self)


class Runner(QObject):
    """Owns the lanes' threads; create one on the GUI thread (the app's `DeskContext` does)."""

    _deliver = Signal(object)  # a zero-argument closure to run on the GUI thread
    busy_changed = Signal(int)  # number of running ops
    _current: Runner | None = None

    def __init__(self, parent: QObject | None = None, *, net_workers: int = 3, device_workers: int = 2) -> None:
        super().__init__(parent)
        self._pools = {
            Lane.DB: ThreadPoolExecutor(max_workers=1, thread_name_prefix="ui-db"),
            Lane.NET: ThreadPoolExecutor(max_workers=net_workers, thread_name_prefix="ui-net"),
            Lane.DEVICE: ThreadPoolExecutor(max_workers=device_workers, thread_name_prefix="ui-device"),
            Lane.EMULATOR: ThreadPoolExecutor(max_workers=1, thread_name_prefix="ui-emulator"),
        }
        self._gui_thread = threading.get_ident()
        self._ids = itertools.count(1)
        self._running: dict[int, OpHandle] = {}
        self._closed = False
        self._deliver.connect(self._run_closure, Qt.ConnectionType.QueuedConnection)
        Runner._current = self

    @classmethod
    def instance(cls) -> Runner:
        if cls._current is None:
            raise RuntimeError("no Runner: create the app's DeskContext first")
        return cls._current

    @property
    def active(self) -> int:
        return len(self._running)

    def in_gui_thread(self) -> bool:
        return threading.get_ident() == self._gui_thread

    def call_soon(self, fn: Callable[[], None]) -> None:
        """Run `fn` on the GUI thread (from any thread), after the current event."""
        self._deliver.emit(fn)

    @Slot(object)
    def _run_closure(self, fn: Callable[[], None]) -> None:
        fn()

    def submit(self, lane: Lane, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Raw submit for code that manages its own completion (e.g. the residents model's fetches)."""
        return self._pools[lane].submit(fn, *args)

    def start(self, op: Op[T]) -> OpHandle:
        """Run `op` on its lane; its callbacks come back on the GUI thread. Once the app is quitting
        (`shutdown`), new work is dropped as if cancelled at once: no work, no callback, a handle that
        is already done (a refresh timer that fires during quit is not an error)."""
        if self._closed:
            dropped: Future[Any] = Future()
            dropped.cancel()
            handle = OpHandle(CancelToken(), dropped)
            handle.token.cancel()
            handle.done = True
            return handle
        from workstation.ui.progress import DelayedProgress

        token = CancelToken()
        op_id = next(self._ids)
        progress: DelayedProgress | None = None
        if op._progress_label is not None:
            parent_widget = _widget_of(op.parent)
            progress = DelayedProgress(
                parent_widget, op._progress_label, cancellable=op._cancellable, on_cancel=token.cancel
            )
            pr = progress

            def report(done: int, total: int | None, text: str | None) -> None:
                self._deliver.emit(lambda: pr.update(done, total, text) if shiboken6.isValid(pr) else None)

            token._progress = report

        def job() -> T:
            return op.work(token)

        future: Future[T] = self._pools[op.lane].submit(job)
        handle = OpHandle(token, future)
        self._running[op_id] = handle
        self.busy_changed.emit(len(self._running))

        def finish() -> None:
            self._running.pop(op_id, None)
            handle.done = True
            self.busy_changed.emit(len(self._running))
            if progress is not None and shiboken6.isValid(progress):
                progress.finish()
            alive = op.parent is None or shiboken6.isValid(op.parent)
            if not alive:
                return
            try:
                if future.cancelled():  # dropped from a lane's queue at shutdown: like Cancelled, no callback
                    return
                exc = future.exception()
                if exc is None:
                    if op._success is not None:
                        op._success(future.result())
                else:
                    self._fail(op, exc)
            finally:
                for fn in op._after:
                    fn()

        future.add_done_callback(lambda _f: self._deliver.emit(finish))
        return handle

    def _fail(self, op: Op[Any], exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return
        handled = False
        if op._failure is not None:
            handled = bool(op._failure(exc))
        if not handled:
            from workstation.ui.errors import show_error

            show_error(_widget_of(op.parent), exc)

    def cancel_all(self) -> None:
        for h in list(self._running.values()):
            h.cancel()

    def wait_idle(self, timeout: float | None = None) -> None:
        """Cancel what runs and wait for the workers (app quit). The only place the GUI thread waits."""
        self.cancel_all()
        for h in list(self._running.values()):
            try:
                h.future.result(timeout)
            except BaseException:  # noqa: S110 - results no longer matter at quit
                pass

    def shutdown(self) -> None:
        """Stop accepting work, cancel and join every lane's threads."""
        if self._closed:
            return
        self._closed = True
        self.cancel_all()
        for pool in self._pools.values():
            pool.shutdown(wait=True, cancel_futures=True)
        self._running.clear()
        if Runner._current is self:
            Runner._current = None


def _widget_of(obj: QObject | None) -> Any:
    from PySide6.QtWidgets import QWidget

    while obj is not None and not isinstance(obj, QWidget):
        obj = obj.parent()
    return obj
