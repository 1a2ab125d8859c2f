"""`DeskContext`: the one object every screen receives (no globals reached from anywhere).

A `Station` holds what the whole app shares on this desk (the open store, the background runner,
the devices, settings, languages); a `DeskContext` is one logged-in operator's view of it: the core
facade bound to that operator, their permissions, and the signals screens listen to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from workstation.domain.enums import Role
from workstation.domain.permissions import ROLE_LABELS, Permission, allowed
from workstation.ui import i18n
from workstation.ui.bridges.devices import DeviceBridge
from workstation.ui.tasks import CancelToken, Lane, Op, Runner

if TYPE_CHECKING:  # storage loads on a worker while the login window shows (`ui.app`)
    from workstation.storage.db import Database
    from workstation.storage.operators import Actor

T = TypeVar("T")

ROLE_NAMES = ROLE_LABELS  # English source, marked in the "roles" context by the domain


def role_label(role: Role) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("roles", ROLE_NAMES[role])


@dataclass
class StationSettings:
    """Station policy the desk needs (read once after unlock; admins change them in part 3's Admin page)."""

    idle_lock_minutes: float = 10.0
    fingerprint_policy: str = "optional"  # "required", "optional", "off"
    photo_policy: str = "show"
    values: dict[str, Any] = field(default_factory=dict)
    language: str = ""  # the desk's language for operators who chose none; "": the computer's

    def update(self, values: dict[str, Any]) -> None:
        """Take new station settings (an administrator changed them; `storage.policy` keys)."""
        self.values.update(values)
        if "idle_lock_minutes" in values:
            self.idle_lock_minutes = float(values["idle_lock_minutes"] or 10)
        if "fingerprint_policy" in values:
            self.fingerprint_policy = str(values["fingerprint_policy"])
        if "photo_policy" in values:
            self.photo_policy = str(values["photo_policy"])
        if "language" in values:
            self.language = str(values["language"] or "")

    @classmethod
    def load(cls, db: Database) -> StationSettings:
        """Read from the store (a worker thread or before the window opens; never from the GUI thread
        once it runs)."""
        from workstation.storage import settings as st

        with db.read() as s:
            values = {k: st.get(s, k) for k in st.DEFAULTS}
            idle = st.get(s, "idle_lock_minutes")
            fp = st.get(s, "fingerprint_policy", "optional")
            photo = st.get(s, "photo_policy", "show")
            language = st.get(s, "language", "")
        # the station's setting decides; the desk default is 10 minutes (issue 10 item 4)
        return cls(
            idle_lock_minutes=float(idle or 10), fingerprint_policy=str(fp), photo_policy=str(photo), values=values,
            language=str(language or ""),
        )


class Station(QObject):
    """What the app shares on this desk. Built by `workstation.ui.app` before the store is open (the
    login window shows while the station is unlocked on a worker; `db` is None until `set_open`
    announces it with `opened`), or by the tests with an open store.

    ``settings_changed(dict)`` — an administrator changed station settings (the changed keys and
    their new values); `settings` is already updated (the main window applies the idle lock).
    ``synced(object)`` — a sync with the platform ended (sync now, end of shift or background; the
    `SendResult`, or None when it failed as a whole): the status bar reads the store again."""

    settings_changed = Signal(object)
    opened = Signal()
    synced = Signal(object)

    def __init__(
        self,
        *,
        db: Database | None,
        data_dir: Path,
        is_demo: bool,
        runner: Runner,
        devices: DeviceBridge,
        settings: StationSettings,
        languages: i18n.Languages | None,
        station_name: str = "",
        station_code: str = "",
        key_backend: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db  # type: ignore[assignment]  # None only until `opened` (see is_open)
        self.data_dir = Path(data_dir)
        self.is_demo = is_demo
        self.runner = runner
        self.devices = devices
        self.settings = settings
        self.languages = languages
        self.station_name = station_name
        self.station_code = station_code
        self.key_backend = key_backend  # how the key was unlocked: "keyring:<backend name>", "passphrase", ""
        self.preferences = i18n.Preferences(self.data_dir)
        self.sync_state: Any = None  # set by the sync bridge
        self.contexts: list[DeskContext] = []

    db: Database

    @property
    def is_open(self) -> bool:
        """The store is unlocked and open (`db` is usable)."""
        return getattr(self, "db", None) is not None

    def set_open(
        self, db: Database, settings: StationSettings, *, name: str, code: str, is_demo: bool, key_backend: str = ""
    ) -> None:
        """The unlock finished: take the store and what was read from it; emits `opened`."""
        self.db = db
        self.settings = settings
        self.station_name = name
        self.station_code = code
        self.is_demo = is_demo
        self.key_backend = key_backend
        self.opened.emit()

    def desk_for(self, actor: Actor) -> Any:
        """The core facade bound to `actor` (`workstation.wiring.Desk`: residents, housing, tasks,
        preregistrations, biometrics, supervision)."""
        from workstation.wiring import open_desk

        return open_desk(self.db, actor)

    def context_for(self, actor: Actor, parent: QObject | None = None) -> DeskContext:
        ctx = DeskContext(self, actor, parent=parent)
        self.contexts.append(ctx)
        ctx.destroyed.connect(lambda *_: self.contexts.remove(ctx) if ctx in self.contexts else None)
        return ctx

    def apply_settings(self, values: dict[str, Any]) -> None:
        """Take station settings an administrator just saved (GUI thread) and announce them."""
        if values:
            self.settings.update(values)
            self.settings_changed.emit(dict(values))

    def broadcast(self, changes: Any) -> None:
        for ctx in list(self.contexts):
            ctx.changed.emit(changes)


class DeskContext(QObject):
    """One operator's session on the desk. Attributes (see UI-CONTRACT.md):

    * ``desk`` — the core facade bound to `operator`; ``operator`` — the `Actor`;
    * ``runner``, ``op(work, lane=…)``; ``devices`` (`DeviceBridge`);
    * ``changed(Changes)`` — after every successful write through `op`, on every open session;
    * ``settings``, ``is_demo``, ``data_dir``, ``language`` / ``set_language(code)``.
    """

    changed = Signal(object)

    def __init__(self, station: Station, operator: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.operator = operator
        self.desk = station.desk_for(operator)

    # ---- shared parts ---------------------------------------------------------------------------------
    @property
    def runner(self) -> Runner:
        return self.station.runner

    @property
    def devices(self) -> DeviceBridge:
        return self.station.devices

    @property
    def settings(self) -> StationSettings:
        return self.station.settings

    @property
    def is_demo(self) -> bool:
        return self.station.is_demo

    @property
    def data_dir(self) -> Path:
        return self.station.data_dir

    @property
    def db(self) -> Database:
        return self.station.db

    # ---- permissions ----------------------------------------------------------------------------------
    @property
    def role(self) -> Role:
        return self.operator.role

    def can(self, permission: Permission | str) -> bool:
        """The domain permission matrix (the services still enforce it)."""
        return allowed(self.operator.role, Permission(permission))

    # ---- background work ------------------------------------------------------------------------------
    def op(self, work: Callable[[CancelToken], T], *, lane: Lane = Lane.DB, parent: QObject | None = None) -> Op[T]:
        """An `Op` on this session's runner. A result that is a non-empty `Changes` (has ``kinds``) is
        announced on `changed` after the Op's own success callback, on every open session."""
        op = Op(parent or self, work, lane=lane, runner=self.runner)
        inner = op.on_success
        station = self.station

        def on_success(fn: Callable[[T], None]) -> Op[T]:
            def both(result: T) -> None:
                fn(result)
                _announce(station, result)

            return inner(both)

        op.on_success = on_success  # type: ignore[method-assign]
        op.on_success(lambda _r: None)
        return op

    # ---- language -------------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return i18n.current()

    def set_language(self, code: str) -> None:
        """Switch the UI language now and remember it for this operator."""
        languages = self.station.languages
        code = languages.switch(code) if languages is not None else i18n.normalise(code)
        self.station.preferences.set_language_of(self.operator.username, code)


def _announce(station: Station, result: Any) -> None:
    if result and hasattr(result, "kinds"):  # workstation.storage Changes (duck-typed until the facade lands)
        station.broadcast(result)
