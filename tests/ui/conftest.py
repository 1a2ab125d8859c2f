"""Fixtures for the desktop app's tests (reusable by every UI test, see UI-CONTRACT.md).

* `ui_station` — a temporary encrypted station (SQLCipher, fast KDF) with synthetic demo data and one
  operator per role, opened as the app opens it; a `Station` (runner, device bridge, settings) on it.
  Emulated devices are NOT attached: add `emulated_devices` for the SAM, ZFM and MRZ emulators over
  ptys (real serial transports) behind a real `DeviceManager`.
* `login(role)` — a `DeskContext` for an operator of that role (authenticated for real).
* `ctx` — an officer's `DeskContext`.
* `main_window` — the `MainWindow` on `ui_station`, shown, nobody logged in; `window_login(win, role)`
  logs in through the login screen.
* `shoot(widget, name)` — PNGs of a widget in both languages (and at 1366×768 and 1920×1080 for a
  window) into ``$WORKSTATION_SHOTS`` or ``build/screenshots/`` (git-ignored);
  `shoot.made(factory, name)` — a dialog built anew in each language (texts set at construction).
* `switch_language(code)` — install the translators for "zh_CN" / "en" (restored after the test).

Passwords of the operators: ``password-<username>``; user names ``assistant1``, ``officer1``,
``supervisor1``, ``admin`` (password ``admin-pass-1``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from helpers import ADMIN_PASSWORD, make_station
from workstation.domain.enums import Role
from workstation.storage import demo, operators, station
from workstation.storage.operators import Actor

ROOT = Path(__file__).resolve().parents[2]
SCREEN_SIZES = ((1366, 768), (1920, 1080))
USERS = {Role.ASSISTANT: "assistant1", Role.OFFICER: "officer1", Role.SUPERVISOR: "supervisor1", Role.ADMIN: "admin"}


def password_of(username: str) -> str:
    return ADMIN_PASSWORD if username == "admin" else "password-" + username


@dataclass
class Template:
    folder: Path
    passphrase: str


@pytest.fixture(scope="session")
def station_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """One station built per test session; each test gets a copy of its folder."""
    folder = tmp_path_factory.mktemp("ui-template") / "station"
    st = make_station(folder, demo=True)
    for role in (Role.ASSISTANT, Role.OFFICER, Role.SUPERVISOR):
        user = USERS[role]
        operators.create_operator(st.db, st.admin, username=user, display_name=user, role=role,
                                  password=password_of(user))
    demo.generate(st.db, 60, actor="demo")
    with st.db.write() as s:  # demo station name, like cli/app.py's demo station
        from sqlalchemy import update

        from workstation.storage.schema import Station as StationRow

        s.execute(update(StationRow).values(name="演示警务室"))
    st.db.close()
    return Template(folder, st.passphrase)


@pytest.fixture(scope="session", autouse=True)
def _ui_fonts(qapp: Any) -> Iterator[None]:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from workstation.ui import i18n

    i18n.apply_fonts(qapp)
    from workstation.ui.widgets import enter_key, focus_ring

    focus_ring.install(qapp)  # as `ui.app.make_app` does
    enter_key.install(qapp)
    yield
    # no Qt object may outlive the application at interpreter exit: close and delete what tests left
    from workstation.ui import errors

    errors._open.clear()
    errors._relay = None
    for w in QApplication.topLevelWidgets():
        w.close()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.fixture(autouse=True)
def _background_sync_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Sync page's background sync (soon after login, then every minute) would race a test's own
    steps against an enrolled station: tests start it themselves (`background_sync()`) or set the
    intervals (``monkeypatch.setattr(SyncPage, "FIRST_BACKGROUND_MS", 50)``)."""
    from workstation.ui.screens.sync.page import SyncPage

    monkeypatch.setattr(SyncPage, "FIRST_BACKGROUND_MS", 3_600_000)
    monkeypatch.setattr(SyncPage, "BACKGROUND_MS", 3_600_000)


@pytest.fixture(scope="session")
def languages(qapp: Any) -> Any:
    from workstation.ui import i18n

    langs = i18n.Languages(qapp)
    langs.switch("en")
    return langs


@pytest.fixture
def switch_language(languages: Any) -> Iterator[Callable[[str], str]]:
    yield languages.switch
    languages.switch("en")


@pytest.fixture
def station_folder(station_template: Template, tmp_path: Path) -> Path:
    folder = tmp_path / "station"
    shutil.copytree(station_template.folder, folder)
    return folder


@pytest.fixture
def ui_station(station_folder: Path, station_template: Template, qapp: Any, languages: Any) -> Iterator[Any]:
    from workstation.ui import errors
    from workstation.ui.bridges.devices import DeviceBridge
    from workstation.ui.context import Station, StationSettings
    from workstation.ui.tasks import Runner

    db, _how = station.unlock(station_folder, passphrase=station_template.passphrase,
                              backend=_no_keyring())
    runner = Runner()
    bridge = DeviceBridge(runner)
    st = station.station_of(db)
    ui = Station(db=db, data_dir=station_folder, is_demo=bool(st.demo), runner=runner, devices=bridge,
                 settings=StationSettings.load(db), languages=languages, station_name=st.name,
                 station_code=st.code, key_backend=_how)
    errors.configure(data_dir=station_folder)
    yield ui
    runner.shutdown()
    bridge.shutdown()
    db.close()
    ui.deleteLater()
    bridge.deleteLater()
    runner.deleteLater()


def _no_keyring() -> Any:
    from keyring.backends import fail

    return fail.Keyring()


@pytest.fixture
def emulated_devices(ui_station: Any, qtbot: Any) -> Any:
    """SAM, ZFM and MRZ emulators on ptys behind a started `DeviceManager`, attached to the station's
    `DeviceBridge`. Returns the `EmulatedDesk` (place a card: ``desk.device("idcard").place_card(card)``)."""
    from workstation.devices.manager import DeviceManager, DeviceState, ManagerConfig

    manager = DeviceManager.with_emulators(ManagerConfig(assignments_path=None), link="pty")
    manager.start()
    ui_station.devices.attach(manager)
    assert manager.wait_discovered(20)
    qtbot.waitUntil(lambda: all(
        (ui_station.devices.status(r) is not None and ui_station.devices.status(r).state is DeviceState.CONNECTED)
        for r in ("idcard", "fingerprint", "mrz")), timeout=20_000)
    return manager.demo


def authenticate(db: Any, role: Role) -> Actor:
    user = USERS[role]
    return operators.authenticate(db, user, password_of(user))



#: the test station's code (`helpers.make_station`)
STATION = "440305001"


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Any]:
    """A reference platform on loopback (SQLite store), closed after the test."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
    from platform_helpers import make_platform

    p = make_platform(tmp_path / "central", "sqlite")
    yield p
    p.close()


@pytest.fixture
def enrolled(ui_station: Any, central: Any) -> Any:
    """The test station enrolled with `central` (its admin's one-time code); returns the platform."""
    from workstation.sync import client as sc

    code = central.central.enroll_code(STATION)
    sc.enroll(ui_station.db, central.url, code, STATION, central.ca_pem, actor=authenticate(ui_station.db, Role.ADMIN))
    return central

@pytest.fixture
def login(ui_station: Any) -> Callable[[Role], Any]:
    """`login(Role.OFFICER)` → a `DeskContext` for that role's operator."""
    def make(role: Role) -> Any:
        return ui_station.context_for(authenticate(ui_station.db, role))

    return make


@pytest.fixture
def ctx(login: Callable[[Role], Any]) -> Any:
    return login(Role.OFFICER)


@pytest.fixture
def main_window(ui_station: Any, qtbot: Any) -> Iterator[Any]:
    from workstation.ui.main_window import MainWindow

    win = MainWindow(ui_station)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    win.close()


def window_login(qtbot: Any, win: Any, role: Role, *, password: str | None = None) -> None:
    """Log in through the login screen with the keyboard, and wait for the session."""
    from PySide6.QtCore import Qt

    screen = win.login_screen
    user = USERS[role]
    if not screen.username.isReadOnly():
        screen.username.clear()
        qtbot.keyClicks(screen.username, user)
    screen.password.clear()
    qtbot.keyClicks(screen.password, password or password_of(user))
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)
    if password is None:
        qtbot.waitUntil(lambda: win.session is not None and not win.locked
                        and win.session.ctx.operator.username == user, timeout=10_000)
        qtbot.wait(20)
        # the offscreen platform drops window activation when the central widget changes; a desktop's
        # window manager does not — re-activate so that window shortcuts reach the window
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)


@pytest.fixture
def shots_dir(request: pytest.FixtureRequest) -> Path:
    base = Path(os.environ.get("WORKSTATION_SHOTS") or ROOT / "build" / "screenshots")
    folder = base / request.node.name.replace("[", "_").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def shoot(shots_dir: Path, languages: Any, qtbot: Any) -> Iterator[Callable[..., list[Path]]]:
    """`shoot(widget, name)` → the PNGs written: ``<name>-<lang>-<w>x<h>.png`` for a window at both screen
    sizes (``sizes=None``: a dialog at its own size), in English and Chinese."""
    from PySide6.QtWidgets import QApplication

    written: list[Path] = []

    def shoot(widget: Any, name: str, *, sizes: Any = SCREEN_SIZES, prepare: Callable[[], None] | None = None
              ) -> list[Path]:
        out = []
        for code in ("en", "zh_CN"):
            languages.switch(code)
            for size in sizes or (None,):
                if size is not None:
                    widget.resize(*size)
                else:
                    widget.adjustSize()
                if prepare is not None:
                    prepare()
                for _ in range(3):
                    QApplication.processEvents()
                qtbot.wait(20)
                suffix = f"{size[0]}x{size[1]}" if size else "natural"
                path = shots_dir / f"{name}-{code}-{suffix}.png"
                assert widget.grab().save(str(path)), path
                out.append(path)
        languages.switch("en")
        written.extend(out)
        return out

    def shoot_made(make: Callable[[], Any], name: str) -> list[Path]:
        """A dialog made anew in each language (its texts are set when it is built), at its own size."""
        out = []
        for code in ("en", "zh_CN"):
            languages.switch(code)
            widget = make()
            widget.show()
            widget.adjustSize()
            for _ in range(3):
                QApplication.processEvents()
            qtbot.wait(20)
            path = shots_dir / f"{name}-{code}-natural.png"
            assert widget.grab().save(str(path)), path
            out.append(path)
            widget.close()
        languages.switch("en")
        written.extend(out)
        return out

    shoot.made = shoot_made  # type: ignore[attr-defined]
    yield shoot
