"""The desktop app's start-up: crash handler → QApplication → fonts and translators → one instance
per station → the main window with its login → unlock (keyring, or the passphrase dialog) on a
worker while the login shows → devices (and, on the demo station, the demo platform).

The login window shows before the store is open: the operator types while the station is unlocked
(the demo's unlock is an Argon2 key derivation of about a second; a real desk's keyring unlock is
quicker), and a Log in pressed meanwhile is answered as soon as it is open. Storage (SQLAlchemy,
Alembic, cryptography, pypinyin …) is imported by that worker, not before the window: nothing the
login window imports pulls it in (`python -X importtime -m workstation.ui.app --demo` shows it).

Every stage that touches the disk, the keyring or the network runs on a worker (`tasks.Runner`);
the GUI thread only shows what comes back. Exit codes: see `Exit`.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from workstation.errors import UserFacingError
from workstation.storage.errors import AppAlreadyRunning
from workstation.storage.lock import StationLock, acquire_app_lock
from workstation.threads import mark_gui_thread, unmark_gui_thread
from workstation.ui import errors, i18n
from workstation.ui.bridges.devices import DeviceBridge
from workstation.ui.context import Station, StationSettings
from workstation.ui.tasks import Lane, Op, Runner

if TYPE_CHECKING:
    from workstation.storage.db import Database
    from workstation.ui.main_window import MainWindow

logger = logging.getLogger("workstation.ui.app")

PROCESS_START = time.perf_counter()
PLATFORM_STOP_WAIT_S = 0.3  # at quit, the demo platform's own stop gets this long before it is ended


class Exit(IntEnum):
    OK = 0
    NO_STATION = 4
    ALREADY_RUNNING = 5
    CANCELLED = 6
    FAILED = 7


def _t(text: str) -> str:
    return QCoreApplication.translate("Startup", text)


# ---- one instance per station ---------------------------------------------------------------------------
def lock_station(data_dir: Path) -> StationLock:
    """Hold the station's data folder for this app (the core's app lock, `storage.lock`): returns the
    held lock, or raises `AppAlreadyRunning` when another app instance holds it."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    return acquire_app_lock(data_dir)


# ---- start-up ------------------------------------------------------------------------------------------------
class Opened:
    """What the unlock stage hands to the window (built on a worker)."""

    def __init__(
        self, db: Database, settings: StationSettings, name: str, code: str, demo: bool, key_backend: str = ""
    ) -> None:
        self.db, self.settings, self.name, self.code, self.demo = db, settings, name, code, demo
        self.key_backend = key_backend


def key_backend_of(method: str, backend: Any) -> str:
    """How the station's key was unlocked, for the About box: ``keyring:<backend>`` or ``passphrase``."""
    if method != "keyring":
        return "passphrase"
    if backend is None:
        from workstation.storage.vault import default_keyring_backend

        backend = default_keyring_backend()
    return "keyring:" + str(getattr(backend, "name", "") or type(backend).__name__)


def _unlock_worker(data_dir: Path, demo: bool, passphrase: str | None, backend: Any) -> Opened:
    from workstation.storage import station

    if demo:
        from workstation.wiring import open_demo_station

        db, how = open_demo_station(data_dir)
    else:
        db, how = station.unlock(data_dir, passphrase=passphrase, backend=backend)
    try:
        st = station.station_of(db)
        key = key_backend_of(how, None if demo else backend)
        return Opened(db, StationSettings.load(db), st.name, st.code, bool(st.demo), key)
    except BaseException:
        db.close()
        raise


def _needs_passphrase(exc: BaseException) -> bool:
    from workstation.storage.errors import KeyringUnavailable

    return isinstance(exc, KeyringUnavailable)


DeviceFactory = Callable[[Path, bool], Any]


def default_devices(data_dir: Path, demo: bool) -> Any:
    """A started device manager: real devices; on the demo station emulators when no hardware is present."""
    from workstation.devices.manager import ManagerConfig, open_device_manager, station_assignments_path

    return open_device_manager(ManagerConfig(assignments_path=station_assignments_path(data_dir)), demo=demo)


class Startup(QObject):
    """Runs the start-up stages on the event loop. `login_shown(MainWindow)` when the login window
    is on screen (the station may still be unlocking); `window_ready(MainWindow)` when the station
    is open and a login can be answered; `failed(int)` (an `Exit` code) when start-up ends without
    an open station."""

    login_shown = Signal(object)
    window_ready = Signal(object)
    failed = Signal(int)

    def __init__(
        self,
        *,
        data_dir: Path,
        demo: bool,
        languages: i18n.Languages | None,
        keyring_backend: Any = None,
        devices: DeviceFactory | None = default_devices,
        demo_platform: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.demo = demo
        self.languages = languages
        self.keyring_backend = keyring_backend
        self.device_factory = devices
        self.want_platform = demo and demo_platform
        self.runner = Runner(self)
        self.lock: StationLock | None = None
        self.station: Station | None = None
        self.window: Any = None
        self.platform: Any = None
        self.passphrase_dialog: Any = None
        self.refusal: QMessageBox | None = None
        self._closing = threading.Event()  # set when quitting: a device manager starting then is stopped
        self._started_devices: list[Any] = []

    # stage 1: one instance, then unlock on a worker
    def start(self) -> None:
        errors.configure(data_dir=self.data_dir)
        try:
            self.lock = lock_station(self.data_dir)
        except AppAlreadyRunning as exc:
            print(exc.message, file=sys.stderr)
            self._refuse(i18n.message_of(exc), Exit.ALREADY_RUNNING)
            return
        from workstation.storage.paths import db_path

        if not self.demo and not db_path(self.data_dir).exists():
            self._refuse(
                QCoreApplication.translate(
                    "Startup",
                    "There is no station in {folder} yet. An administrator sets one up with the command "
                    "\"workstation-admin init\"; to try the workstation, start it with \"--demo\".",
                ).replace("{folder}", str(self.data_dir)),
                Exit.NO_STATION,
            )
            return
        self._show_window()
        QTimer.singleShot(0, lambda: self._unlock(None))  # once the window is up

    def _show_window(self) -> None:
        """The main window with its login, before the store is open (`Station.set_open` later)."""
        from workstation.ui.main_window import MainWindow

        bridge = DeviceBridge(self.runner, self)
        self.station = Station(
            db=None,
            data_dir=self.data_dir,
            is_demo=self.demo,
            runner=self.runner,
            devices=bridge,
            settings=StationSettings(),
            languages=self.languages,
            parent=self,
        )
        self.window = MainWindow(self.station)
        self.window.show()
        self.window.login_screen.username.setFocus()
        self.login_shown.emit(self.window)

    def _refuse(self, text: str, code: Exit) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("Startup", "Police-room workstation"),
            text,
            QMessageBox.StandardButton.Ok,
        )
        box.setObjectName("startup_refusal")
        box.finished.connect(lambda _r: self.failed.emit(int(code)))
        self.refusal = box
        box.open()

    def _unlock(self, passphrase: str | None) -> None:
        data_dir, demo, backend = self.data_dir, self.demo, self.keyring_backend
        Op(
            self, lambda _t: _unlock_worker(data_dir, demo, passphrase, backend), lane=Lane.DB, runner=self.runner
        ).on_success(self._on_unlocked).on_failure(self._on_unlock_failed).start()

    def _on_unlock_failed(self, exc: BaseException) -> bool:
        from workstation.storage.errors import WrongKey

        if self.passphrase_dialog is not None and isinstance(exc, WrongKey | UserFacingError):
            self.passphrase_dialog.show_error(i18n.message_of(exc))
            self.passphrase_dialog.open()
            return True
        if _needs_passphrase(exc):
            self._ask_passphrase()
            return True
        if isinstance(exc, UserFacingError):
            self._refuse(i18n.message_of(exc), Exit.FAILED)
            return True
        errors.report_bug(exc, None)
        self.failed.emit(int(Exit.FAILED))
        return True

    def _ask_passphrase(self) -> None:
        from workstation.ui.unlock import PassphraseDialog

        dlg = PassphraseDialog(str(self.data_dir))
        dlg.accepted.connect(lambda: self._unlock(dlg.passphrase()))
        dlg.rejected.connect(lambda: self.failed.emit(int(Exit.CANCELLED)))
        self.passphrase_dialog = dlg
        dlg.open()

    # stage 2: the store is open behind the login
    def _on_unlocked(self, opened: Opened) -> None:
        if self.passphrase_dialog is not None:
            self.passphrase_dialog.hide()
        if self.station is None:  # shut down meanwhile
            opened.db.close()
            return
        # the DEMO badge and demo logins: a station created as a demo station, however it was started
        self.station.set_open(
            opened.db, opened.settings, name=opened.name, code=opened.code, is_demo=self.demo or opened.demo,
            key_backend=opened.key_backend,
        )
        self.window_ready.emit(self.window)
        QTimer.singleShot(0, self._start_background)

    # stage 3: devices and the demo platform, after the window shows
    def _start_background(self) -> None:
        if self.device_factory is not None:
            factory, data_dir, demo, closing = self.device_factory, self.data_dir, self.demo, self._closing
            started: list[Any] = self._started_devices

            def open_devices(_t: Any) -> Any:
                manager = factory(data_dir, demo)
                started.append(manager)
                if closing.is_set():  # the app quit while the devices were starting: stop them here
                    manager.shutdown()
                return manager

            Op(self, open_devices, lane=Lane.DEVICE, runner=self.runner).on_success(self._on_devices).start()
        if self.want_platform and self.station is not None:
            from workstation.ui.demo_platform import start_demo_platform

            db, data_dir, code = self.station.db, self.data_dir, self.station.station_code
            Op(self, lambda _t: start_demo_platform(db, data_dir, code), lane=Lane.NET, runner=self.runner).on_success(
                self._on_platform
            ).on_failure(self._on_platform_failed).start()

    def _on_devices(self, manager: Any) -> None:
        if self.station is None:
            manager.shutdown()
            return
        self.station.devices.attach(manager)

    def _on_platform(self, platform: Any) -> None:
        self.platform = platform
        if self.window is not None:
            self.window.refresh_sync_state()
            self.window.sync_in_background()  # tasks waiting on the demo platform come down now

    def _on_platform_failed(self, exc: BaseException) -> bool:
        logger.warning("demo platform did not start: %s", type(exc).__name__, exc_info=exc)
        if self.window is not None:
            self.window.show_message(
                QCoreApplication.translate(
                    "Startup", "The demo's central platform did not start; sync is not available in this demo session."
                ),
                "warning",
            )
        return True

    # quit
    def shutdown(self) -> None:
        """Delete the window, then stop workers, devices, the demo platform; close the store; release the
        station. The window goes first and at once, while everything its pages refer to still exists:
        left to interpreter exit, the charts' graphics scenes (pyqtgraph) are destroyed in no useful
        order and can crash in Qt's destructors."""
        window, self.window = self.window, None
        still_in = window.open_operators() if window is not None and shiboken6.isValid(window) else []
        if window is not None and shiboken6.isValid(window):
            window.close()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self._closing.set()
        self.runner.shutdown()
        if self.station is not None:
            self.station.devices.shutdown()
        for manager in self._started_devices:  # started but not attached yet (quit during start-up)
            manager.shutdown()
        if self.platform is not None:
            self.platform.stop(wait=PLATFORM_STOP_WAIT_S)
            self.platform = None
        if self.station is not None and self.station.is_open:
            self._record_logouts(still_in)
            self.station.db.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


    def _record_logouts(self, actors: list[Any]) -> None:
        """The app closed with these operators' sessions open: each is a "logout" in the trail (written
        here, after the workers stopped: a quitting app runs no more work on them)."""
        from workstation.storage import operators

        for actor in actors:
            try:
                operators.record_session_event(self.station.db, actor, "logout")  # type: ignore[union-attr]
            except Exception:  # closing goes on; the trail's own checks report a broken store
                logger.warning("the logout of %s was not recorded", actor.username, exc_info=True)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="workstation", description="Police-room workstation (desktop app)")
    p.add_argument("--data-dir", help="station data directory")
    p.add_argument("--demo", action="store_true", help="the demo station: synthetic data, emulated devices")
    p.add_argument("--language", choices=sorted(i18n.LANGUAGES), help="UI language (default: the system's)")
    return p


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *(argv or [])])
    assert isinstance(app, QApplication)
    app.setApplicationName("police-room-workstation")
    app.setApplicationDisplayName("")
    i18n.apply_fonts(app)
    from workstation.ui.widgets import enter_key, focus_ring

    focus_ring.install(app)  # the keyboard's place is always marked (a drop-down, a button too)
    enter_key.install(app)  # Enter presses the focused button, as on every desktop
    return app


def data_dir_of(args: argparse.Namespace) -> Path:
    if args.data_dir:
        return Path(args.data_dir)
    if args.demo:
        from workstation.wiring import demo_data_dir

        return demo_data_dir()
    from workstation.storage.paths import default_data_dir

    return default_data_dir()


def run(argv: list[str] | None = None) -> int:
    """`workstation [--demo] [--data-dir DIR]`: the desktop app. Returns an `Exit` code."""
    args = build_parser().parse_args(argv)
    errors.install_excepthook()
    app = make_app()
    languages = i18n.Languages(app)
    languages.switch(args.language)
    startup = Startup(data_dir=data_dir_of(args), demo=args.demo, languages=languages)
    startup.failed.connect(app.exit)
    if os.environ.get("WORKSTATION_EXIT_AT_LOGIN"):  # smoke tests and the start-up benchmark
        startup.login_shown.connect(lambda _w: _report("login window"))
        startup.window_ready.connect(lambda _w: _report_open_and_quit(app))
    QTimer.singleShot(0, startup.start)
    _quit_on_signals(app)
    mark_gui_thread()  # from here a blocking core call on this thread raises (workstation.threads)
    try:
        rc = app.exec()
    finally:
        unmark_gui_thread()  # shutting down may close the database from here
        startup.shutdown()
    if startup.runner.left_busy:
        _exit_now(rc)
    return rc


def _exit_now(rc: int) -> None:
    """End the process at once. After `Startup.shutdown` (the store closed, the station released, the
    devices and the demo platform stopped) some background work was still blocked outside the app — a
    request to a platform that does not answer. The interpreter's own teardown would run beside it (its
    thread is a daemon) and can crash in Qt's C++ (std::terminate); there is nothing left to save."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(rc)


def _quit_on_signals(app: QApplication) -> None:
    """Ctrl+C in the terminal or a service stop (SIGTERM) closes the app the normal way (workers,
    devices and the store shut down). Python runs signal handlers only between bytecodes, so a
    timer gives it a moment regularly while Qt's loop runs."""
    import signal

    def stop(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, app.closeAllWindows)
        QTimer.singleShot(0, app.quit)

    signal.signal(signal.SIGINT, stop)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, stop)
    tick = QTimer(app)
    tick.timeout.connect(lambda: None)
    tick.start(250)


def _report(what: str) -> None:
    """``<what> after <s> s`` since this module was imported (the benchmark times the line's arrival
    from the process start)."""
    print(f"{what} after {time.perf_counter() - PROCESS_START:.3f} s", flush=True)


def _report_open_and_quit(app: QApplication) -> None:
    """The station opened behind the login: say when, and quit (after the window painted)."""
    def done() -> None:
        _report("station open")
        app.exit(0)

    QTimer.singleShot(0, done)


def build_for_benchmark(data_dir: Path, *, demo: bool = True) -> tuple[Startup, MainWindow | None]:
    """For `benchmarks/ui.py`: run start-up on `data_dir` in this process up to the login window (the
    QApplication must exist). Returns (startup, window); `startup.shutdown()` when done."""
    app = make_app()
    languages = i18n.Languages(app)
    languages.switch(None)
    startup = Startup(data_dir=data_dir, demo=demo, languages=languages, devices=None, demo_platform=False)
    got: list[Any] = []
    startup.window_ready.connect(got.append)
    startup.failed.connect(lambda code: got.append(None))
    startup.start()
    while not got:
        app.processEvents()
        time.sleep(0.002)
    return startup, got[0]


def main() -> int:
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
