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
import queue
import threading
import time
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
        self._aborts: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        """Ask the work to stop; runs the `on_cancel` callbacks (once), on the calling thread."""
        with self._lock:
            first = not self._event.is_set()
            self._event.set()
            aborts, self._aborts = self._aborts, []
        if first:
            for fn in aborts:
                _run_abort(fn)

    def on_cancel(self, fn: Callable[[], None]) -> None:
        """Call `fn()` when the work is cancelled (at once when it already is): for work that blocks where
        it cannot poll the token — a network request to abort, a device wait to end. `fn` runs on the
        thread that cancels (the GUI thread, or the app quitting) and must not block."""
        with self._lock:
            if not self._event.is_set():
                self._aborts.append(fn)
                return
        _run_abort(fn)

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
        self._pools: dict[Lane, ThreadPoolExecutor | DaemonPool] = {
            Lane.DB: ThreadPoolExecutor(max_workers=1, thread_name_prefix="ui-db"),
            Lane.NET: DaemonPool(net_workers, "ui-net"),
            Lane.DEVICE: DaemonPool(device_workers, "ui-device"),
            Lane.EMULATOR: DaemonPool(1, "ui-emulator"),
        }
        self._gui_thread = threading.get_ident()
        self._ids = itertools.count(1)
        self._running: dict[int, OpHandle] = {}
        self._closed = False
        self.left_busy: list[Lane] = []  # lanes whose work was still running when `shutdown` returned
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

    #: At quit, how long the lanes other than the database's may take to end their cancelled work. Their
    #: threads are daemons: one still blocked after this (a request to a platform that does not answer)
    #: does not hold the app's exit. The database lane is always waited for: the store closes after it.
    SHUTDOWN_WAIT_S = 1.0

    def shutdown(self) -> None:
        """Stop accepting work, cancel what runs (`CancelToken.on_cancel` aborts what blocks) and join
        the lanes: the database lane to the end, the others for at most `SHUTDOWN_WAIT_S` together."""
        if self._closed:
            return
        self._closed = True
        self.cancel_all()
        for pool in self._pools.values():
            pool.shutdown(wait=False, cancel_futures=True)
        self._pools[Lane.DB].shutdown(wait=True)
        deadline = time.monotonic() + self.SHUTDOWN_WAIT_S
        for lane, pool in self._pools.items():
            if isinstance(pool, DaemonPool) and not pool.join(max(0.0, deadline - time.monotonic())):
                logger.warning("the %s lane was still busy at quit", lane.value)
                self.left_busy.append(lane)
        self._running.clear()
        if Runner._current is self:
            Runner._current = None


class DaemonPool:
    """A small thread pool of daemon threads (`submit` → Future, `shutdown`, `join(timeout)`): the lanes
    whose work may block on the outside world (network, devices). Unlike `ThreadPoolExecutor`, whose
    threads the interpreter joins at exit, a thread still blocked when the app quits does not keep the
    process alive."""

    def __init__(self, workers: int, name: str) -> None:
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None] = (
            queue.SimpleQueue()
        )
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}_{i}", daemon=True) for i in range(max(1, workers))
        ]
        self._closed = False
        self._lock = threading.Lock()
        for t in self._threads:
            t.start()

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run ``fn(*args)`` on a pool thread. Raises RuntimeError after `shutdown`."""
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("cannot schedule new work after shutdown")
            self._queue.put((future, fn, args))
        return future

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            future, fn, args = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args)
            except BaseException as exc:
                future.set_exception(exc)
            else:
                future.set_result(result)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Take no more work; `cancel_futures`: drop what waits in the queue; `wait`: join the threads."""
        with self._lock:
            if not self._closed:
                self._closed = True
                if cancel_futures:
                    while True:
                        try:
                            item = self._queue.get_nowait()
                        except queue.Empty:
                            break
                        if item is not None:
                            item[0].cancel()
                for _ in self._threads:
                    self._queue.put(None)
        if wait:
            self.join(None)

    def join(self, timeout: float | None) -> bool:
        """Wait up to `timeout` seconds (None: for ever) for the threads to end; True when they have."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for t in self._threads:
            t.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in self._threads)


def _run_abort(fn: Callable[[], None]) -> None:
    try:
        fn()
    except Exception:  # an abort that fails leaves the work to notice the token itself
        logger.exception("cancelling background work failed")


def _widget_of(obj: QObject | None) -> Any:
    from PySide6.QtWidgets import QWidget

    while obj is not None and not isinstance(obj, QWidget):
        obj = obj.parent()
    return obj
