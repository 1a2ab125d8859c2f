"""Device events as Qt signals (Electrum's `hw_wallet/qt.py` idea: the device side stays Qt-free).

The device manager calls back on its own threads: state changes on ``device-events``, card and
passport polls on each port's owner thread. `DeviceBridge` only *emits* from there; it lives on the
GUI thread, so every connected slot runs there (Qt queues signals across threads). Nothing here
ever waits on a port from the GUI thread: reads are polls on the port thread, and other calls go
through `device_op` (the ``device`` lane waits on the manager, never the GUI thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from workstation.devices.errors import DeviceError
from workstation.devices.manager import DeviceManager, DeviceState, DeviceStatus, PollHandle
from workstation.ui.tasks import Lane, Op, Runner

logger = logging.getLogger("workstation.ui.devices")

T = TypeVar("T")
ROLES = ("idcard", "fingerprint", "mrz")
CARD_POLL_S = 0.04  # placement → read within 40 ms (see benchmarks/devices.py)
MRZ_SLICE_S = 0.1


class DeviceBridge(QObject):
    """Signals (all delivered on the GUI thread):

    * ``card_placed(IdentityDocument)`` — once per card placed on the ID card reader, decoded;
    * ``card_removed()`` — once when it is lifted;
    * ``passport_read(MrzResult)`` — every document swiped on the passport reader (check `.valid`);
    * ``state_changed(role, DeviceStatus)`` — connection state of "idcard", "fingerprint", "mrz";
    * ``reading(role, bool)`` — a read is under way on that device (the light pulses);
    * ``read_failed(role, DeviceError)`` — a card or passport could not be read (once per run).
    """

    card_placed = Signal(object)
    card_removed = Signal()
    passport_read = Signal(object)
    state_changed = Signal(str, object)
    reading = Signal(str, bool)
    read_failed = Signal(str, object)

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.manager: DeviceManager | None = None
        self._polls: list[PollHandle] = []
        self._statuses: dict[str, DeviceStatus] = {}
        self._lock = threading.Lock()
        self._card_reader: object | None = None
        self._card_present = False
        self._last_error: dict[str, tuple[type, str]] = {}
        self.state_changed.connect(self._remember)

    # ---- life cycle -------------------------------------------------------------------------------
    def attach(self, manager: DeviceManager, *, poll_card: bool = True, listen_passport: bool = True) -> None:
        """Listen to `manager` (already started or not) and start the card poll and passport listener."""
        self.manager = manager
        manager.add_listener(self._on_state)
        for role, st in manager.statuses().items():
            self._statuses[role] = st
            self.state_changed.emit(role, st)
        if poll_card and "idcard" in manager.roles:
            self._polls.append(
                manager.poll(
                    "idcard", self._card_tick, interval=CARD_POLL_S, on_error=lambda e: self._on_error("idcard", e)
                )
            )
        if listen_passport and "mrz" in manager.roles:
            self._polls.append(
                manager.poll("mrz", self._mrz_tick, interval=0.0, on_error=lambda e: self._on_error("mrz", e))
            )

    def shutdown(self) -> None:
        """Stop polls and the manager (joins its threads: call at quit only)."""
        for p in self._polls:
            p.stop()
        self._polls.clear()
        m, self.manager = self.manager, None
        if m is not None:
            m.remove_listener(self._on_state)
            m.shutdown()

    @property
    def demo(self) -> Any:
        """The emulated desk (`EmulatedDesk`) when the devices are emulators, else None."""
        return self.manager.demo if self.manager is not None else None

    @property
    def emulated(self) -> bool:
        return self.demo is not None or any(s.emulated for s in self._statuses.values())

    def status(self, role: str) -> DeviceStatus | None:
        return self._statuses.get(role)

    def _remember(self, role: str, status: DeviceStatus) -> None:
        self._statuses[role] = status

    # ---- calls --------------------------------------------------------------------------------------
    def device_op(self, parent: QObject, role: str, fn: Callable[[Any], T], *, timeout: float | None = 60) -> Op[T]:
        """An `Op` that runs ``fn(driver)`` on the device's port thread (the ``device`` lane waits for it).
        For long device work pass a function that polls a `CancelToken` of its own."""

        def work(_token: Any) -> T:
            if self.manager is None:
                from workstation.devices.manager import DeviceManagerStopped

                raise DeviceManagerStopped()
            return self.manager.call(role, fn, timeout=timeout)

        return Op(parent, work, lane=Lane.DEVICE, runner=self.runner)

    # ---- callbacks (device threads: emit only) -------------------------------------------------------
    def _on_state(self, role: str, status: DeviceStatus) -> None:
        if status.state is not DeviceState.CONNECTED and role == "idcard":
            with self._lock:
                self._card_reader = None
                self._card_present = False
        self.state_changed.emit(role, status)

    def _on_error(self, role: str, exc: DeviceError) -> None:
        self.reading.emit(role, False)
        key = (type(exc), exc.message)
        if self._last_error.get(role) == key:
            return
        self._last_error[role] = key
        self.read_failed.emit(role, exc)

    def _card_tick(self, reader: Any) -> None:
        """Runs on the ID card reader's port thread: one find; a read once per placed card (SAM readers keep
        answering *find* while a read card stays on the reader, see `devices/sam/driver.py`)."""
        with self._lock:
            if reader is not self._card_reader:
                self._card_reader, self._card_present = reader, False
            present = self._card_present
        found = reader.find_card()
        if not found:
            self._last_error.pop("idcard", None)
            if present:
                with self._lock:
                    self._card_present = False
                self.card_removed.emit()
            return
        if present:
            return
        self.reading.emit("idcard", True)
        reader.select_card()
        card = reader.read_selected(with_fingerprint=False)
        with self._lock:
            self._card_present = True
        self._last_error.pop("idcard", None)
        self.reading.emit("idcard", False)
        self.card_placed.emit(card.document)

    def _mrz_tick(self, reader: Any) -> None:
        from workstation.devices.mrz.driver import NoDocument

        try:
            result = reader.read_document(MRZ_SLICE_S)
        except NoDocument:
            return
        self._last_error.pop("mrz", None)
        self.passport_read.emit(result)
