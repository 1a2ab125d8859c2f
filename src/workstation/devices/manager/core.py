"""The device manager: finds the desk's serial devices, keeps them connected, and runs work on them.

Threading model (one owner per resource, like Electrum's device manager):

* **Port threads** — one `PortWorker` per serial port in use. Opening, probing, closing and every
  consumer call (`call`, `submit`, `poll`) run on the owning port's thread; nothing else touches a
  `Transport`. Probes of different ports run in parallel, each on its own port thread.
* **Supervisor thread** (``device-manager``) — lists ports, decides what to probe/connect/check and
  when, and submits that work to port threads. It never does serial I/O itself, so a dead port that
  swallows a 0.5 s probe never delays another device's reconnect.
* **Event thread** (``device-events``) — every `on_state(role, DeviceStatus)` callback runs here, in
  the order the changes happened, never on the caller's thread nor on a port thread. Keep callbacks
  short (the UI emits a queued Qt signal).

The manager asks for the device on every call rather than handing out driver objects to keep:
a pulled cable replaces the connection (new transport, new driver object) under the caller.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import CancelledError, Future
from concurrent.futures import ThreadPoolExecutor as _Executor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from workstation.devices.errors import DeviceDisconnected, DeviceError, DeviceTimeout
from workstation.devices.manager.assignments import Assignment, AssignmentStore, default_assignments_path
from workstation.devices.manager.backoff import Backoff
from workstation.devices.manager.plugins import ProtocolPlugin, load_plugins
from workstation.devices.manager.ports import (
    Lister,
    PortIdentity,
    PortInfo,
    real_device,
    system_ports,
    with_named_ports,
)
from workstation.devices.manager.profiles import ProfileSet, load_profiles
from workstation.devices.manager.status import (
    DeviceManagerStopped,
    DeviceNotConnected,
    DeviceState,
    DeviceStatus,
    WrongProtocol,
    role_label,
)
from workstation.devices.transport import PortWorker, Transport
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.threads import assert_not_gui_thread

if TYPE_CHECKING:
    from workstation.devices.manager.demo import EmulatedDesk

logger = logging.getLogger("workstation.devices.manager")

T = TypeVar("T")
CLOSE_WAIT_S = 1.0  # at shutdown, how long a port's thread may take to close its port itself
StateCallback = Callable[[str, DeviceStatus], None]

_LOST = (DeviceState.DISCONNECTED, DeviceState.RECONNECTING)


@dataclass(frozen=True)
class ManagerConfig:
    """Settings (Settings → Devices). Times in seconds."""

    assignments_path: Path | None = field(default_factory=default_assignments_path)  # None: memory only
    profile_path: Path | None = None  # None: bundled/source/built-in profile (see profiles.py)
    extra_ports: tuple[str, ...] = ()  # non-USB ports to probe too, e.g. ("/dev/ttyS0", "COM1")
    probe_unknown_usb: bool = True  # USB-serial adapters not in the profile: every protocol, default baud
    probe_timeout: float = 0.5
    health_interval: float = 3.0  # probe an idle connected device this often (0: never)
    list_interval: float = 1.0  # how often the port list is refreshed (hotplug detection)
    rescan_interval: float = 60.0  # rescan unassigned ports this often while a device is missing (0: never)
    read_timeout: float = 0.05  # Transport read timeout
    backoff: Backoff = field(default_factory=Backoff)
    # keyword arguments for each protocol's driver, e.g. {"zfm": {"password": 0x1234}}; never sent by probes
    driver_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass
class _Conn:
    port: PortInfo
    protocol: str
    baud: int
    transport: Transport
    driver: object
    worker: PortWorker
    generation: int


@dataclass
class _Slot:
    role: str
    plugin: ProtocolPlugin
    status: DeviceStatus
    conn: _Conn | None = None
    target: Assignment | None = None  # where the device is expected (remembered, explicit or last seen)
    retry_at: float | None = None  # next connect attempt at target (monotonic); None: none scheduled
    attempt: int = 0  # failed attempts since the device was last healthy
    busy: bool = False  # a connect or check job for this role is in flight
    check_due: bool = False  # a user reported a failure: verify with a probe
    lose_requested: int = 0  # generation whose loss is already queued (port left the listing)
    last_ok: float = 0.0
    generation: int = 0


@dataclass(eq=False)
class _Poll:
    role: str
    fn: Callable[[Any], object]
    interval: float
    on_error: Callable[[DeviceError], None] | None
    next_at: float = 0.0
    running: bool = False


class PollHandle:
    """Returned by `DeviceManager.poll`; `stop()` ends the polling (a tick already running finishes)."""

    def __init__(self, manager: DeviceManager, poll: _Poll) -> None:
        self._manager = manager
        self._poll = poll

    def stop(self) -> None:
        self._manager._remove_poll(self._poll)


class DeviceManager:
    """Discovery, probing, remembered assignments, reconnects and calls for the desk's serial devices.

    Use: ``m = DeviceManager(config, on_state=cb); m.start(); ...; m.call("idcard", lambda r: r.read_card());
    m.shutdown()`` (or ``with DeviceManager(...) as m:``). Roles: "idcard", "fingerprint", "mrz" — one per
    installed protocol plugin.
    """

    def __init__(
        self,
        config: ManagerConfig | None = None,
        *,
        lister: Lister | None = None,
        on_state: StateCallback | None = None,
        plugins: dict[str, ProtocolPlugin] | None = None,
        profiles: ProfileSet | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config or ManagerConfig()
        self._lister: Lister = lister or system_ports
        self._plugins = plugins if plugins is not None else load_plugins()
        self.profiles = profiles or load_profiles(self.config.profile_path)
        self._store = AssignmentStore(self.config.assignments_path)
        self._clock = clock
        self._listeners: list[StateCallback] = [on_state] if on_state else []
        self._lock = threading.RLock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._discovered = threading.Event()
        self._events = _Executor(max_workers=1, thread_name_prefix="device-events")
        self._events_thread = self._events.submit(threading.get_ident).result()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._slots: dict[str, _Slot] = {}
        for plugin in self._plugins.values():
            if plugin.role not in self._slots:
                st = DeviceStatus.make(plugin.role, DeviceState.SEARCHING, protocol=plugin.protocol,
                                       handshake=plugin.handshake)
                self._slots[plugin.role] = _Slot(plugin.role, plugin, st)
        self._ports: list[PortInfo] = []
        self._listed = False
        self._next_list = 0.0
        self._workers: dict[str, PortWorker] = {}
        self._inflight: dict[str, int] = {}
        self._port_busy: set[str] = set()
        self._owners: dict[str, str] = {}  # port device → role
        self._phase = "idle"  # idle → quick (remembered) → scan → steady
        self._phase_started = False
        self._rescan_wanted = False
        self._next_rescan = 0.0
        self._polls: list[_Poll] = []
        self._listed_only: set[str] = set()  # devices present only while the lister lists them (demo)
        self.probe_attempts = 0  # probes run so far (all ports); for diagnostics
        self._demo: EmulatedDesk | None = None

    # ---- construction helpers -------------------------------------------------------------------
    @classmethod
    def with_emulators(
        cls,
        config: ManagerConfig | None = None,
        *,
        link: str = "auto",
        on_state: StateCallback | None = None,
    ) -> DeviceManager:
        """A manager whose devices are emulators (SAM, ZFM, MRZ — whichever are installed) on pty pairs
        (TCP ports where there are no ptys). Assignments stay in memory. Drive scenarios through
        `manager.demo` (an `EmulatedDesk`); `shutdown()` stops the emulators too. Call `start()`.
        """
        from dataclasses import replace

        from workstation.devices.manager.demo import start_emulated_desk

        desk = start_emulated_desk(link=link)
        cfg = replace(config or ManagerConfig(assignments_path=None), assignments_path=None, extra_ports=(),
                      probe_unknown_usb=False)
        manager = cls(cfg, lister=desk.listed_ports, on_state=on_state)
        manager._demo = desk
        desk.on_change = manager.ports_changed  # a pulled or plugged cable is seen at once
        # the emulators' ports are there when the desk lists them, as USB adapters are: their names are
        # never "named" ports kept whatever the listing says (a TCP link's URL would always be)
        manager._listed_only = {p.device for p in desk.ports.values()}
        for role, port in desk.ports.items():
            manager.assign(role, port, protocol=desk.protocols[role], baud=desk.bauds[role])
        return manager

    @property
    def demo(self) -> EmulatedDesk | None:
        """The emulators behind a `with_emulators` manager (place a card, press a finger), else None."""
        return self._demo

    # ---- public API -----------------------------------------------------------------------------
    @property
    def roles(self) -> list[str]:
        return list(self._slots)

    def add_listener(self, callback: StateCallback) -> None:
        with self._lock:
            self._listeners.append(callback)

    def remove_listener(self, callback: StateCallback) -> None:
        with self._lock:
            if callback in self._listeners:
                self._listeners.remove(callback)

    def start(self) -> None:
        """Start the supervisor: remembered assignments first, then a scan of the other ports."""
        with self._lock:
            if self._thread is not None or self._closed:
                return
            for slot in self._slots.values():
                slot.target = self._store.get(slot.role)
                if slot.target is not None and slot.target.protocol not in self._plugins:
                    slot.target = None
                self._emit(slot, DeviceState.SEARCHING, force=True)
            self._phase = "quick"
            self._thread = threading.Thread(target=self._run, name="device-manager", daemon=True)
            self._thread.start()

    def __enter__(self) -> DeviceManager:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    def wait_discovered(self, timeout: float | None = None) -> bool:
        """Block until start-up discovery (remembered assignments, then the scan) has finished.
        Raises OnGuiThread on the GUI thread (`workstation.threads`): use `add_listener` there."""
        assert_not_gui_thread("DeviceManager.wait_discovered()")
        return self._discovered.wait(timeout)

    def status(self, role: str) -> DeviceStatus:
        with self._lock:
            slot = self._slots.get(role)
            return slot.status if slot else _not_installed(role)

    def statuses(self) -> dict[str, DeviceStatus]:
        with self._lock:
            return {r: s.status for r, s in self._slots.items()}

    def ports(self) -> list[PortInfo]:
        """The last port listing (for Settings → Devices)."""
        with self._lock:
            return list(self._ports)

    def assignments(self) -> dict[str, Assignment]:
        return self._store.all()

    def submit(self, role: str, fn: Callable[[Any], T]) -> Future[T]:
        """Run ``fn(driver)`` on the device's port thread; the Future holds its result or error.

        `DeviceNotConnected` (a `DeviceError`) at once when the role has no device. If `fn` raises
        `DeviceDisconnected` the device is marked lost and reconnected; the error reaches the Future.
        """
        with self._lock:
            if self._closed:
                raise DeviceManagerStopped()
            slot = self._slots.get(role)
            if slot is None:
                raise DeviceNotConnected(_not_installed(role))
            conn = slot.conn
            if conn is None:
                raise DeviceNotConnected(slot.status)
            if not conn.worker.in_owner_thread():
                return self._submit_port(conn.port.device, self._job_call, role, conn.generation, fn)
        # already on this port's thread (e.g. from a poll's on_error): run inline, waiting would deadlock
        fut: Future[T] = Future()
        try:
            fut.set_result(self._job_call(role, conn.generation, fn))
        except BaseException as exc:
            fut.set_exception(exc)
        return fut

    def call(self, role: str, fn: Callable[[Any], T], *, timeout: float | None = None) -> T:
        """`submit` and wait. Raises OnGuiThread on the GUI thread (`workstation.threads`): use `submit`
        with a done callback there."""
        assert_not_gui_thread("DeviceManager.call()")
        fut = self.submit(role, fn)
        try:
            return fut.result(timeout)
        except CancelledError as exc:
            raise DeviceManagerStopped() from exc
        except TimeoutError as exc:
            if fut.done():  # the TimeoutError came from fn itself
                raise
            raise DeviceTimeout(role_label(role)) from exc

    def poll(
        self,
        role: str,
        fn: Callable[[Any], object],
        *,
        interval: float,
        on_error: Callable[[DeviceError], None] | None = None,
    ) -> PollHandle:
        """Run ``fn(driver)`` every `interval` seconds while the role is connected, on its port thread.

        Survives reconnects (each tick gets the current driver). A `DeviceError` from `fn` goes to
        `on_error` (called on the port thread); a lost device is handled as in `submit`.
        """
        p = _Poll(role, fn, interval, on_error)
        with self._lock:
            self._polls.append(p)
        self._wake.set()
        return PollHandle(self, p)

    def report_failure(self, role: str, error: BaseException | None = None) -> None:
        """A consumer saw the device fail (e.g. a poller's on_error): check it now, reconnect if it is gone."""
        with self._lock:
            slot = self._slots.get(role)
            if slot is None or slot.conn is None:
                return
            if isinstance(error, DeviceDisconnected) and not slot.plugin.handshake:
                self._submit_port(slot.conn.port.device, self._lose, role, slot.conn.generation, str(error))
            else:
                slot.check_due = True
        self._wake.set()

    def assign(self, role: str, port: PortInfo | str, *, protocol: str | None = None, baud: int | None = None) -> None:
        """Administrator's explicit assignment (needed for MRZ readers, which have no handshake).

        Remembered across restarts; the device on that port is connected at once (probed first when the
        protocol has a handshake, and retried with backoff if it does not answer).
        """
        with self._lock:
            slot = self._slots.get(role)
            if slot is None:
                raise DeviceNotConnected(_not_installed(role))
            plugin = self._plugins.get(protocol) if protocol else slot.plugin
            if plugin is None or plugin.role != role:
                allowed = [p.protocol for p in self._plugins.values() if p.role == role]
                raise WrongProtocol(role, protocol or "", allowed)
            info = port if isinstance(port, PortInfo) else (
                PortIdentity(port).find(self._ports) or PortInfo(port))
            a = Assignment(role, info.identity(), plugin.protocol, baud or plugin.default_baud, explicit=True)
            self._store.set(a)
            slot.target = a
            slot.attempt = 0
            slot.retry_at = self._clock()
            conn = slot.conn
            if conn is not None and (conn.port.device, conn.protocol, conn.baud) != (info.device, a.protocol, a.baud):
                self._submit_port(conn.port.device, self._release, role, conn.generation)
        self._wake.set()

    def ports_changed(self) -> None:
        """The system says serial ports came or went (a hotplug notification; the demo desk's cables):
        list them now rather than at the next `list_interval`. A device whose port appears is connected
        at once (its backoff does not apply); one whose port left is marked lost. Returns at once."""
        with self._lock:
            self._next_list = 0.0
        self._wake.set()

    def reconnect(self, role: str) -> None:
        """The operator's "Reconnect": close the role's connection, if any, and connect again at once (the
        backoff is reset); the ports are listed again and a missing device is searched for now. Returns at
        once; the states follow through the listeners."""
        with self._lock:
            slot = self._slots.get(role)
            if slot is None:
                raise DeviceNotConnected(_not_installed(role))
            slot.attempt = 0
            slot.retry_at = self._clock()
            self._next_list = 0.0
            self._rescan_wanted = True
            conn = slot.conn
            if conn is not None:
                self._submit_port(conn.port.device, self._release, role, conn.generation, "reconnect asked for")
        self._wake.set()

    def remember_baud(self, role: str, device: str, baud: int) -> int | None:
        """After the device on `device` changed its own baud (the fingerprint module's setting): the role's
        remembered assignment on that port gets `baud`, so the next connection uses it at once. An explicit
        assignment of the role to another port is left as it is. Returns the baud remembered, None when
        nothing was written."""
        from dataclasses import replace

        with self._lock:
            slot = self._slots.get(role)
            if slot is None:
                return None
            port = next((p for p in self._ports if p.device == device), None) or PortInfo(device)
            old = self._store.get(role)
            if old is not None and old.port.find([port]) is not None:
                new = replace(old, baud=baud)
            elif old is not None and old.explicit:
                logger.info("%s: explicit assignment %s is not %s; left as it is", role, old.port.device, device)
                return None
            else:
                new = Assignment(role, port.identity(), slot.plugin.protocol, baud)
            self._store.set(new)
            slot.target = new
        return baud if self._store.get(role) == new else None

    def forget(self, role: str) -> None:
        """Drop the remembered assignment (the connection, if any, stays until the device is lost)."""
        self._store.remove(role)
        with self._lock:
            slot = self._slots.get(role)
            if slot is not None and slot.conn is None:
                slot.target = None

    def refresh(self) -> None:
        """List ports again now and rescan unassigned ones for missing devices ("Search again")."""
        with self._lock:
            self._next_list = 0.0
            self._rescan_wanted = True
        self._wake.set()

    def shutdown(self) -> None:
        """Stop every thread: supervisor, port threads (after closing their ports), events, emulators."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._stopping.set()
            self._polls.clear()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            conns = [s.conn for s in self._slots.values() if s.conn is not None]
            for s in self._slots.values():
                s.conn = None
            self._owners.clear()
            workers = list(self._workers.values())
            self._workers.clear()
        for c in conns:
            # on the port's thread, unless a long call holds it (a capture waiting for a finger): then
            # from here, which makes that call fail at its next read instead of the app waiting for it
            try:
                c.worker.submit(c.transport.close).result(timeout=CLOSE_WAIT_S)
            except FutureTimeout:
                c.transport.close()
            except Exception:
                logger.exception("closing %s failed", c.port.device)
        for w in workers:
            w.shutdown()
        # from an on_state callback the event thread cannot wait for itself; it ends after this callback
        self._events.shutdown(wait=threading.get_ident() != self._events_thread)
        if self._demo is not None:
            self._demo.stop()

    # ---- supervisor -----------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self._step()
            except Exception:  # a bug here must not leave the desk without device supervision
                logger.exception("device manager step failed")
            self._wake.wait(self._sleep_for())

    def _step(self) -> None:
        now = self._clock()
        if now >= self._next_list:
            self._refresh_listing(now)
        with self._lock:
            if self._stopping.is_set():
                return
            self._advance_phase(now)
            if self._phase == "steady":
                self._schedule_connects(now)
                if self._rescan_wanted or (
                    self.config.rescan_interval and now >= self._next_rescan and self._missing_roles()
                ):
                    self._rescan_wanted = False
                    self._next_rescan = now + self.config.rescan_interval
                    self._start_scan()
            self._schedule_checks(now)
            self._schedule_polls(now)
            idle = [d for d in self._workers if not self._inflight.get(d) and d not in self._owners]
            reaped = [self._workers.pop(d) for d in idle]
        for w in reaped:
            w.shutdown()  # idle: returns at once

    def _sleep_for(self) -> float:
        """Until the next thing falls due; anything already due but blocked waits for a wake or the listing."""
        now = self._clock()
        with self._lock:
            due = [self._next_list]
            for s in self._slots.values():
                if s.conn is None and s.retry_at is not None:
                    due.append(s.retry_at)
                if s.conn is not None and not s.busy and self.config.health_interval:
                    due.append(s.last_ok + self.config.health_interval)
            due += [p.next_at for p in self._polls if not p.running]
        return min(1.0, max(0.005, min([t for t in due if t > now], default=now + 1.0) - now))

    def _refresh_listing(self, now: float) -> None:
        try:
            ports: list[PortInfo] | None = with_named_ports(self._lister(), self._named_ports())
        except Exception:
            logger.exception("listing serial ports failed")
            ports = None
        with self._lock:
            self._next_list = now + self.config.list_interval
            if ports is None:
                return
            before = {p.device for p in self._ports}
            after = {p.device for p in ports}
            first = not self._listed
            self._ports, self._listed = ports, True
            if first:
                return
            for slot in self._slots.values():
                conn = slot.conn
                if conn is not None and conn.port.device not in after and slot.lose_requested != conn.generation:
                    slot.lose_requested = conn.generation
                    self._submit_port(conn.port.device, self._lose, slot.role, conn.generation,
                                      f"{conn.port.device} is no longer listed")
            appeared = [p for p in ports if p.device not in before]
            if appeared:
                for slot in self._slots.values():
                    if slot.conn is None and slot.target is not None and slot.target.port.find(appeared):
                        slot.retry_at = now  # replugged: try at once, whatever the backoff said
                if self._missing_roles():
                    self._rescan_wanted = True

    def _advance_phase(self, now: float) -> None:
        if not self._listed or self._phase in ("idle", "steady"):
            return
        if self._phase == "quick":
            if not self._phase_started:
                self._phase_started = True
                for slot in self._slots.values():
                    if slot.target is not None:
                        self._try_target(slot)
            if not self._port_busy:
                self._phase, self._phase_started = "scan", False
        if self._phase == "scan":
            if not self._phase_started:
                self._phase_started = True
                if self._missing_roles():
                    self._start_scan()
            if not self._port_busy:
                self._phase = "steady"
                self._next_rescan = now + self.config.rescan_interval
                for slot in self._slots.values():
                    if slot.conn is None and slot.status.state is DeviceState.SEARCHING:
                        self._emit(slot, DeviceState.NOT_FOUND)
                self._discovered.set()

    def _named_ports(self) -> list[str]:
        """Ports the administrator named: extra ports, and assignments remembered by path only (not the
        demo desk's emulators, which come and go with their cables like USB adapters)."""
        named = list(self.config.extra_ports)
        named += [a.port.device for a in self._store.all().values() if a.port.vid is None]
        return [n for n in named if n not in self._listed_only]

    def _missing_roles(self) -> list[str]:
        """Roles without a device that a scan can recognise (MRZ readers are silent: assigned, not scanned for)."""
        return [r for r, s in self._slots.items() if s.conn is None and s.plugin.handshake]

    def _is_candidate(self, port: PortInfo) -> bool:
        if self.profiles.match(port) is not None or real_device(port.device) in {
            real_device(x) for x in self.config.extra_ports
        }:
            return True
        return port.is_usb and self.config.probe_unknown_usb

    def _start_scan(self) -> None:
        wanted = {p.protocol: p.default_baud for p in self._plugins.values() if self._role_wanted(p.role)}
        if not wanted:
            return
        for port in self._ports:
            if not self._is_candidate(port) or port.device in self._owners or port.device in self._port_busy:
                continue
            plan = self.profiles.plan(port, wanted)
            if plan:
                self._port_busy.add(port.device)
                fut = self._submit_port(port.device, self._job_scan, port, plan)
                fut.add_done_callback(self._port_done_callback(port.device))

    def _try_target(self, slot: _Slot) -> bool:
        target = slot.target
        if target is None or slot.busy:
            return False
        port = target.port.find(self._ports)
        if port is None or port.device in self._owners or port.device in self._port_busy:
            return False
        plugin = self._plugins.get(target.protocol)
        if plugin is None:
            return False
        slot.busy = True
        slot.retry_at = None
        self._port_busy.add(port.device)
        fut = self._submit_port(port.device, self._job_connect, slot.role, port, plugin, target.baud)

        def done(_: Future[None], d: str = port.device, s: _Slot = slot) -> None:
            with self._lock:
                s.busy = False
            self._port_done(d)

        fut.add_done_callback(done)
        return True

    def _schedule_connects(self, now: float) -> None:
        for slot in self._slots.values():
            if slot.conn is None and slot.retry_at is not None and slot.retry_at <= now:
                self._try_target(slot)

    def _schedule_checks(self, now: float) -> None:
        hi = self.config.health_interval
        for slot in self._slots.values():
            conn = slot.conn
            if conn is None or slot.busy:
                continue
            # a passive device (MRZ: no handshake) gets the liveness check: its port must not be hung up
            due = slot.check_due or (hi > 0 and now - slot.last_ok >= hi)
            if due:
                slot.check_due = False
                slot.busy = True
                fut = self._submit_port(conn.port.device, self._job_check, slot.role, conn.generation)

                def done(_: Future[None], s: _Slot = slot) -> None:
                    with self._lock:
                        s.busy = False
                    self._wake.set()

                fut.add_done_callback(done)

    def _schedule_polls(self, now: float) -> None:
        for p in self._polls:
            slot = self._slots.get(p.role)
            if slot is None or slot.conn is None or p.running or now < p.next_at:
                continue
            p.running = True
            self._submit_port(slot.conn.port.device, self._job_poll, p, slot.conn.generation)

    def _remove_poll(self, p: _Poll) -> None:
        with self._lock:
            if p in self._polls:
                self._polls.remove(p)

    # ---- helpers (call with the lock held) ------------------------------------------------------
    def _role_wanted(self, role: str) -> bool:
        slot = self._slots.get(role)
        return slot is not None and slot.conn is None and not slot.busy

    def _submit_port(self, device: str, fn: Callable[..., T], *args: Any) -> Future[T]:
        worker = self._workers.get(device)
        if worker is None:
            worker = self._workers[device] = PortWorker(_short_name(device))
        self._inflight[device] = self._inflight.get(device, 0) + 1
        fut = worker.submit(fn, *args)
        fut.add_done_callback(self._job_done_callback(device))
        return fut

    def _job_done_callback(self, device: str) -> Callable[[Future[Any]], None]:
        return lambda _: self._job_done(device)

    def _job_done(self, device: str) -> None:
        with self._lock:
            self._inflight[device] -= 1
            if not self._inflight[device]:
                del self._inflight[device]
        self._wake.set()

    def _port_done_callback(self, device: str) -> Callable[[Future[Any]], None]:
        return lambda _: self._port_done(device)

    def _port_done(self, device: str) -> None:
        with self._lock:
            self._port_busy.discard(device)
        self._wake.set()

    def _emit(self, slot: _Slot, state: DeviceState, detail: str | None = None, *, force: bool = False) -> None:
        conn = slot.conn
        target = slot.target
        status = DeviceStatus.make(
            slot.role,
            state,
            port=conn.port.device if conn else (target.port.device if target else None),
            protocol=conn.protocol if conn else slot.plugin.protocol,
            baud=conn.baud if conn else None,
            attempt=slot.attempt if state is DeviceState.RECONNECTING else 0,
            emulated=bool(conn and conn.port.emulated),
            handshake=slot.plugin.handshake,
            detail=detail,
        )
        if status == slot.status and not force:
            return
        slot.status = status
        logger.info("%s: %s%s", slot.role, state.value, f" ({detail})" if detail else "")
        if self._listeners:
            try:
                self._events.submit(self._deliver, list(self._listeners), slot.role, status)
            except RuntimeError:  # events executor already shut down
                pass

    @staticmethod
    def _deliver(listeners: Sequence[StateCallback], role: str, status: DeviceStatus) -> None:
        for cb in listeners:
            try:
                cb(role, status)
            except Exception:
                logger.exception("device state callback failed")

    # ---- jobs (run on the port's own thread) ----------------------------------------------------
    def _probe(self, plugin: ProtocolPlugin, transport: Transport) -> bool:
        with self._lock:
            self.probe_attempts += 1
        try:
            transport.reset_input()
            return plugin.probe(transport, self.config.probe_timeout)
        except DeviceError:
            return False
        except Exception:  # a plugin bug: log it, treat the port as not this device
            logger.exception("%s probe raised", plugin.protocol)
            return False

    def _open(self, device: str, baud: int) -> Transport | None:
        try:
            return Transport(device, baudrate=baud, timeout=self.config.read_timeout)
        except DeviceError as exc:
            logger.info("cannot open %s: %s", device, exc.hint or exc)
            return None

    def _job_scan(self, port: PortInfo, plan: Iterable[tuple[str, int]]) -> None:
        transport: Transport | None = None
        try:
            for protocol, baud in plan:
                plugin = self._plugins[protocol]
                with self._lock:
                    if self._stopping.is_set():
                        return
                    if not self._role_wanted(plugin.role):
                        continue
                if transport is None:
                    transport = self._open(port.device, baud)
                    if transport is None:
                        return
                else:
                    try:
                        transport.set_baudrate(baud)
                    except Exception as exc:  # pyserial raises several types here
                        logger.info("cannot set %s to %d baud: %r", port.device, baud, exc)
                        return
                if self._probe(plugin, transport):
                    if self._claim(plugin.role, port, plugin, baud, transport):
                        transport = None  # the connection owns it now
                    else:
                        logger.warning("a second %s on %s is ignored", role_label(plugin.role), port.device)
                    return  # one device per port
        finally:
            if transport is not None:
                transport.close()

    def _job_connect(self, role: str, port: PortInfo, plugin: ProtocolPlugin, baud: int) -> None:
        transport = self._open(port.device, baud)
        if transport is None:
            self._connect_failed(role, f"cannot open {port.device}")
            return
        if plugin.handshake and not self._probe(plugin, transport):
            transport.close()
            self._connect_failed(role, f"no {plugin.protocol} answer on {port.device} at {baud} baud")
            return
        if not self._claim(role, port, plugin, baud, transport):
            transport.close()

    def _connect_failed(self, role: str, detail: str) -> None:
        with self._lock:
            slot = self._slots[role]
            if slot.conn is not None:
                return
            slot.attempt += 1
            slot.retry_at = self._clock() + self.config.backoff.delay(slot.attempt)
            if slot.status.state in _LOST:
                self._emit(slot, DeviceState.RECONNECTING, detail)
            elif self._phase == "steady":
                self._emit(slot, DeviceState.NOT_FOUND, detail)
        self._wake.set()

    def _claim(self, role: str, port: PortInfo, plugin: ProtocolPlugin, baud: int, transport: Transport) -> bool:
        transport.what = role_label(role)  # a lost port names the device, not its path
        try:
            driver = plugin.open_driver(transport, **self.config.driver_options.get(plugin.protocol, {}))
        except Exception:
            logger.exception("%s driver could not be created", plugin.protocol)
            return False
        with self._lock:
            slot = self._slots[role]
            if self._closed or slot.conn is not None or self._owners.get(port.device, role) != role:
                return False
            worker = self._workers[port.device]  # we run on it
            slot.generation += 1
            slot.conn = _Conn(port, plugin.protocol, baud, transport, driver, worker, slot.generation)
            self._owners[port.device] = role
            slot.attempt = 0
            slot.retry_at = None
            slot.check_due = False
            slot.last_ok = self._clock()
            old = self._store.get(role)
            if old is not None and old.explicit and old.port.find([port]) is not None:
                slot.target = old
            else:
                slot.target = Assignment(role, port.identity(), plugin.protocol, baud)
                if not port.emulated and not (old is not None and old.explicit):
                    self._store.set(slot.target)
            self._emit(slot, DeviceState.CONNECTED)
        self._wake.set()
        return True

    def _lose(self, role: str, generation: int, detail: str) -> None:
        """The device is gone: close its port (we are on its thread), report, schedule reconnects."""
        with self._lock:
            slot = self._slots[role]
            conn = slot.conn
            if conn is None or conn.generation != generation:
                return
            slot.conn = None
            self._owners.pop(conn.port.device, None)
            slot.attempt = 0
            slot.retry_at = self._clock() + self.config.backoff.delay(0)
            self._emit(slot, DeviceState.DISCONNECTED, detail)
            self._emit(slot, DeviceState.RECONNECTING, detail)
        conn.transport.close()
        self._wake.set()

    def _release(self, role: str, generation: int, detail: str = "assignment changed") -> None:
        """Close the connection for a new explicit assignment or a reconnect (not a failure: no 'disconnected')."""
        with self._lock:
            slot = self._slots[role]
            conn = slot.conn
            if conn is None or conn.generation != generation:
                return
            slot.conn = None
            self._owners.pop(conn.port.device, None)
            self._emit(slot, DeviceState.SEARCHING, detail)
        conn.transport.close()
        self._wake.set()

    def _job_check(self, role: str, generation: int) -> None:
        with self._lock:
            conn = self._slots[role].conn
            if conn is None or conn.generation != generation:
                return
        plugin = self._plugins[conn.protocol]
        if not plugin.handshake:  # nothing to ask a passive reader: is its port still there?
            try:
                conn.transport.check_alive()
            except DeviceDisconnected:
                self._lose(role, generation, f"{conn.port.device} was hung up")
            else:
                self._mark_ok(role, generation)
            return
        # two misses in a row: one lost reply on a noisy line is not a pulled cable
        if self._probe(plugin, conn.transport) or self._probe(plugin, conn.transport):
            self._mark_ok(role, generation)
        else:
            self._lose(role, generation, f"{conn.port.device} stopped answering")

    def _mark_ok(self, role: str, generation: int) -> None:
        with self._lock:
            slot = self._slots[role]
            if slot.conn is not None and slot.conn.generation == generation:
                slot.last_ok = self._clock()
                slot.attempt = 0

    def _job_call(self, role: str, generation: int, fn: Callable[[Any], T]) -> T:
        with self._lock:
            slot = self._slots[role]
            conn = slot.conn
            if conn is None or conn.generation != generation:
                raise DeviceNotConnected(slot.status)
        try:
            result = fn(conn.driver)
        except DeviceDisconnected as exc:
            self._lose(role, generation, exc.hint or exc.message)
            raise
        except DeviceTimeout:
            with self._lock:
                slot.check_due = True
            self._wake.set()
            raise
        self._mark_ok(role, generation)
        return result

    def _job_poll(self, p: _Poll, generation: int) -> None:
        try:
            self._job_call(p.role, generation, p.fn)
        except DeviceError as exc:
            if p.on_error is not None:
                try:
                    p.on_error(exc)
                except Exception:
                    logger.exception("poll error callback failed")
        except Exception:
            logger.exception("%s poll failed", p.role)
        finally:
            with self._lock:
                p.running = False
                p.next_at = self._clock() + p.interval
            self._wake.set()


def _not_installed(role: str) -> DeviceStatus:
    message = QT_TRANSLATE_NOOP("devices", "Support for the {device} is not installed in this build.")
    return DeviceStatus(
        role, DeviceState.NOT_FOUND, message.format(device=role_label(role)), detail="plugin not installed"
    )


def _short_name(device: str) -> str:
    return device.rsplit("/", 1)[-1] or device
