"""The main window: login/lock screen, one session per logged-in operator, navigation, menus with
shortcuts, the status bar, the message bar, idle lock, and card/passport routing.

Lock: the central area switches to the lock screen (the session's widgets are not visible), the
session's other windows (dialogs, message boxes) are hidden, pages drop what is cheap to reload
(`PageBase.clear_personal`), the search box and message bar are cleared, and menus that act on a
session are disabled. The same operator gets everything back; another operator gets a new session
and the first one's windows stay hidden, kept for the first one only.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from workstation.ui import i18n, memory
from workstation.ui.context import DeskContext, Station, role_label
from workstation.ui.login import LoginScreen
from workstation.ui.pages import NAV, NavItem, PageBase, PlaceholderPage, visible_nav
from workstation.ui.tasks import Lane, Op
from workstation.ui.widgets.status import DemoBadge, DeviceLight

if TYPE_CHECKING:
    from workstation.storage.operators import Actor

logger = logging.getLogger("workstation.ui.main_window")

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}

PageFactory = Callable[[DeskContext, NavItem], PageBase]


def _desk_screens() -> Any:
    """The registration desk (`open_for_card`, `open_for_passport`, `new_manual_registration`)."""
    from workstation.ui.screens import registration

    return registration


# nav key -> "module:Class" of its page. Parts 2 and 3 of the desktop app add their pages here (the
# class is built as ``Class(ctx, item)``); a key whose module is not in this build yet shows the
# placeholder, so every navigation entry leads somewhere.
PAGES: dict[str, str] = {
    "today": "workstation.ui.today:TodayPage",
    "residents": "workstation.ui.screens.residents:ResidentsPage",
    "properties": "workstation.ui.screens.properties:PropertiesPage",
    "tasks": "workstation.ui.screens.tasks:TasksPage",
    "sync": "workstation.ui.screens.sync:SyncPage",
    "devices": "workstation.ui.screens.devices:DevicesPage",
    "audit": "workstation.ui.screens.audit:AuditPage",
    "admin": "workstation.ui.screens.admin:AdminPage",
}


def warm_up_imports(check: Callable[[], None] = lambda: None) -> None:
    """Import the modules of the pages and of the registration desk (and pyqtgraph, for the Today
    page's charts): run on a worker while the login window waits for the operator, so that building a
    session after login does not first spend a second or more importing (`MainWindow._warm_up`).
    `check()` runs between modules (a cancelled token raises there: the app is quitting)."""
    import pkgutil

    from workstation.ui import screens

    for target in PAGES.values():
        check()
        module_name = target.partition(":")[0]
        if importlib.util.find_spec(module_name) is not None:
            importlib.import_module(module_name)
    for info in pkgutil.walk_packages(screens.__path__, "workstation.ui.screens."):  # their dialogs too
        check()
        importlib.import_module(info.name)
    for module_name in (
        "workstation.ui.widgets.charts",
        # what `wiring.open_desk` imports when a session opens
        "workstation.storage.areas.biometrics",
        "workstation.storage.areas.housing",
        "workstation.storage.areas.residents",
        "workstation.storage.areas.supervision",
        "workstation.storage.areas.tasks",
        "workstation.sync.conflicts",
        "workstation.sync.preregistrations",
    ):
        check()
        importlib.import_module(module_name)


def default_page(ctx: DeskContext, item: NavItem) -> PageBase:
    """The page for a navigation item: the class named in `PAGES`, or a placeholder for a page a later
    part of the desktop app brings (its module is not in this build; checked with `find_spec`, no
    import error is swallowed)."""
    target = PAGES.get(item.key)
    if target is None:
        return PlaceholderPage(ctx, item)
    module_name, _, class_name = target.partition(":")
    if importlib.util.find_spec(module_name) is None:
        return PlaceholderPage(ctx, item)
    page_class = getattr(importlib.import_module(module_name), class_name)
    page: PageBase = page_class(ctx, item)
    return page


def _last_sync_text(synced_at: Any, failed_at: Any) -> str:
    """The status bar's "last sync 15:55" (or "last try 16:02 not finished" when a later try failed)
    from the store's naive UTC times, in local time; the date too when it was not today."""
    from datetime import UTC, datetime

    def local(dt: datetime) -> str:
        here = dt.replace(tzinfo=UTC).astimezone()
        return here.strftime("%H:%M") if here.date() == datetime.now().astimezone().date() else here.strftime(
            "%m-%d %H:%M"
        )

    if failed_at is not None and (synced_at is None or failed_at > synced_at):
        return QCoreApplication.translate("MainWindow", "last try {t} not finished").replace("{t}", local(failed_at))
    if synced_at is not None:
        return QCoreApplication.translate("MainWindow", "last sync {t}").replace("{t}", local(synced_at))
    return ""


FIT_DELAY_MS = 300  # after the first show, when the window manager has put its frame around the window


def fit_inside(frame: QRect, client: QRect, area: QRect) -> QRect:
    """The frame rectangle that keeps a window whole on `area` (a screen's work area, pixels).

    Args:
        frame: the window's frame geometry (title bar and borders included).
        client: its geometry without the frame (what `resize` sets).
        area: the screen's available geometry.

    Returns:
        `frame` moved (and, where it is larger than `area`, shrunk: the frame's own width and height
        kept) so that it lies inside `area`; `frame` itself when it already does.
    """
    extra_w, extra_h = frame.width() - client.width(), frame.height() - client.height()
    width = min(frame.width(), area.width())
    height = min(frame.height(), area.height())
    width, height = max(width, extra_w + 1), max(height, extra_h + 1)
    x = min(max(frame.left(), area.left()), area.left() + area.width() - width)
    y = min(max(frame.top(), area.top()), area.top() + area.height() - height)
    return QRect(x, y, width, height)


class MessageBar(QWidget):
    """One line at the top of the window for messages that belong to no field (errors, notes)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_bar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 8, 6)
        self.label = QLabel()
        self.label.setObjectName("message_text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.label, 1)
        self.action_button = QPushButton()  # what the message offers to do next (e.g. open the record saved)
        self.action_button.setObjectName("message_action")
        self.action_button.clicked.connect(self._on_action)
        self.action_button.hide()
        lay.addWidget(self.action_button)
        self._action: Callable[[], object] | None = None
        self.close_button = QPushButton()
        self.close_button.setFlat(True)
        self.close_button.clicked.connect(self.clear)
        lay.addWidget(self.close_button)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self.kind = ""
        self._texts: tuple[str | Callable[[], str], str | Callable[[], str]] = ("", "")
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.close_button.setText(QCoreApplication.translate("MainWindow", "Close"))
        self.close_button.setToolTip(QCoreApplication.translate("MainWindow", "Close this message"))
        self._show_texts()

    def _show_texts(self) -> None:
        text, action = self._texts
        self.label.setText(text() if callable(text) else text)
        self.action_button.setText(action() if callable(action) else action)

    def show_message(
        self,
        text: str | Callable[[], str],
        kind: str = "info",
        action: tuple[str | Callable[[], str], Callable[[], object]] | None = None,
    ) -> None:
        """Show `text` (`kind`: "info", "warning" or "error"); `action` = (button text, what it does)
        adds a button beside it (the message closes when it is pressed). A text given as a function
        (returning it in the UI language) follows a change of language while it shows."""
        self.kind = kind
        self._action = action[1] if action is not None else None
        self._texts = (text, action[0] if action is not None else "")
        self.action_button.setVisible(action is not None)
        self._show_texts()
        colours = {"error": ("#fde7e9", "#8c1d18"), "warning": ("#fff4ce", "#3d2e00"), "info": ("#e8f0fe", "#0b3d91")}
        bg, fg = colours.get(kind, colours["info"])
        self.setStyleSheet(f"#message_bar {{ background: {bg}; }} #message_text {{ color: {fg}; }}")
        self.show()
        self._timer.start(30_000 if kind == "error" else 10_000)

    def clear(self) -> None:
        self._timer.stop()
        self.label.clear()
        self._texts = ("", "")
        self._action = None
        self.action_button.hide()
        self.hide()

    def _on_action(self) -> None:
        action = self._action
        self.clear()
        if action is not None:
            action()


class Session(QWidget):
    """One operator's pages: header (station, search, operator), navigation, page stack."""

    def __init__(self, ctx: DeskContext, page_factory: PageFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"session_{ctx.operator.username}")
        self.ctx = ctx
        ctx.setParent(self)
        self.hidden_windows: list[QWidget] = []
        self.items = visible_nav(ctx)
        self.pages: dict[str, PageBase] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.setContentsMargins(12, 8, 12, 4)
        self.station_label = QLabel(ctx.station.station_name)
        self.station_label.setObjectName("header_station")
        f = self.station_label.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.station_label.setFont(f)
        header.addWidget(self.station_label)
        header.addSpacing(24)
        self.search = QLineEdit()
        self.search.setObjectName("global_search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.setVisible(ctx.can("read_person"))
        header.addWidget(self.search, 1)
        if not ctx.can("read_person"):  # no search for this role: keep the operator at the right
            header.addStretch(1)
        header.addSpacing(24)
        self.operator_label = QLabel()
        self.operator_label.setObjectName("header_operator")
        header.addWidget(self.operator_label)
        outer.addLayout(header)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(170)
        self.nav.setSpacing(2)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        for item in self.items:
            page = page_factory(ctx, item)
            self.pages[item.key] = page
            self.stack.addWidget(page)
            QListWidgetItem(self.nav).setData(Qt.ItemDataRole.UserRole, item.key)
        self.nav.currentRowChanged.connect(self._on_nav)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.retranslate()
        if self.items:
            self.nav.setCurrentRow(0)

    def retranslate(self) -> None:
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setText(self.pages[key].title())
            item.setToolTip(f"{self.pages[key].title()} (Alt+{row + 1})")
        self.search.setPlaceholderText(
            QCoreApplication.translate(
                "MainWindow", "Search residents: name, pinyin, ID number, phone, address… (Ctrl+F)"
            )
        )
        op = self.ctx.operator
        self.operator_label.setText(f"{op.username} · {role_label(op.role)}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def current_page(self) -> PageBase | None:
        w = self.stack.currentWidget()
        return w if isinstance(w, PageBase) else None

    def show_page(self, key: str) -> PageBase | None:
        for row, item in enumerate(self.items):
            if item.key == key:
                self.nav.setCurrentRow(row)
                return self.pages[key]
        return None

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(self.items):
            page = self.pages[self.items[row].key]
            if self.items[row].key != "residents":  # the search is the residents': it does not follow you
                self.search.clear()
            self.stack.setCurrentWidget(page)
            page.on_shown()

    def clear_personal(self) -> None:
        self.search.clear()
        for page in self.pages.values():
            page.clear_personal()


class MainWindow(QMainWindow):
    """The desk's one window. Build with a `Station`; `lock()`, `logout()`, `login_as(actor)`."""

    def __init__(
        self, station: Station, *, page_factory: PageFactory = default_page, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.station = station
        self.page_factory = page_factory
        self.sessions: dict[str, Session] = {}
        self.session: Session | None = None
        self.locked = False
        self._sync_enrolled: bool | None = None
        self._sync_times: tuple[Any, Any] = (None, None)  # the store's last sync / last failed try
        self._warming: Any = None  # the pages' modules being imported on a worker (`_warm_up`)
        self._pending_login: Actor | None = None

        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.message_bar = MessageBar()
        lay.addWidget(self.message_bar)
        self.screens = QStackedWidget()
        self.screens.setObjectName("screens")
        self.login_screen = LoginScreen(station)
        self.login_screen.logged_in.connect(self.login_as)
        self.screens.addWidget(self.login_screen)
        lay.addWidget(self.screens, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_status_bar()
        self.demo_desk: Any = None  # the demo desk's own window (a demo station only; `ui.demo_desk`)
        self._fitted = False  # `fit_to_screen` ran after the first show
        self._front: QWidget | None = None  # the desk's window the operator last worked in (`_front_window`)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        if station.is_demo and station.is_open:
            self._build_demo_desk()
        station.opened.connect(self._on_station_opened)  # the login showed while the store was unlocked
        station.synced.connect(self._on_synced)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._on_idle)
        self.set_idle_minutes(station.settings.idle_lock_minutes)
        station.settings_changed.connect(self._on_settings_changed)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

        devices = station.devices
        devices.state_changed.connect(self._on_device_state)
        devices.reading.connect(self._on_device_reading)
        devices.card_placed.connect(self._on_card_placed)
        devices.passport_read.connect(self._on_passport_read)
        devices.read_failed.connect(self._on_read_failed)
        for role, light in self.lights.items():
            st = devices.status(role)
            if st is not None:
                light.set_status(st)
        self._sync_timer = QTimer(self)
        self._sync_timer.timeout.connect(self.refresh_sync_state)
        self._sync_timer.start(30_000)
        self.retranslate()
        self._update_enabled()
        self.resize(1366, 768)

    # ---- actions & menus ------------------------------------------------------------------------------
    def _action(
        self,
        name: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        a = QAction(self)
        a.setObjectName(name)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        self.act_new = self._action("act_new_registration", self.new_registration, QKeySequence("F2"))
        self.act_search = self._action("act_search", self.focus_search, QKeySequence.StandardKey.Find)
        self.act_sync = self._action("act_sync", self.sync_now, QKeySequence("F5"))
        self.act_lock = self._action("act_lock", self.lock, QKeySequence("Ctrl+L"))
        self.act_lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # modal dialogs: see eventFilter
        self.act_logout = self._action("act_logout", self.logout)
        self.act_quit = self._action("act_quit", self.close, QKeySequence("Ctrl+Q"))
        self.act_pages: list[QAction] = []
        for i in range(len(NAV)):
            a = self._action(f"act_page_{i + 1}", self._go_to(i), QKeySequence(f"Alt+{i + 1}"))
            # this window's keys (`_action`: a window shortcut): from any of its fields while it is the active
            # window, never from another window (the registration form, a record, a dialog), which would
            # switch the page behind it; there `eventFilter` drops the key (no digit typed)
            self.act_pages.append(a)
        self.language_group = QActionGroup(self)
        self.act_languages: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            a = QAction(name, self)
            a.setObjectName(f"act_language_{code}")
            a.setCheckable(True)
            a.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            self.language_group.addAction(a)
            self.act_languages[code] = a
        self.act_help = self._action("act_help", self.show_help, QKeySequence("F1"))
        self.act_about = self._action("act_about", self.about)

        bar = self.menuBar()
        self.menu_desk = QMenu(self)
        for a in (self.act_new, self.act_search, self.act_sync):
            self.menu_desk.addAction(a)
        self.menu_desk.addSeparator()
        for a in (self.act_lock, self.act_logout, self.act_quit):
            self.menu_desk.addAction(a)
        self.menu_go = QMenu(self)
        self.menu_view = QMenu(self)
        self.menu_language = QMenu(self)
        for a in self.act_languages.values():
            self.menu_language.addAction(a)
        self.menu_view.addMenu(self.menu_language)
        self.menu_help = QMenu(self)
        self.menu_help.addAction(self.act_help)
        self.menu_help.addAction(self.act_about)
        for m in (self.menu_desk, self.menu_go, self.menu_view, self.menu_help):
            bar.addMenu(m)

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        sb.setObjectName("status_bar")
        self.lights = {role: DeviceLight(role) for role in ("idcard", "fingerprint", "mrz")}
        for light in self.lights.values():
            sb.addWidget(light)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("sync_state")
        sb.addWidget(self.sync_label)
        self.operator_status = QLabel()
        self.operator_status.setObjectName("operator_status")
        sb.addPermanentWidget(self.operator_status)
        self.demo_badge = DemoBadge()
        sb.addPermanentWidget(self.demo_badge)
        self._update_demo_badge()

    def _build_demo_desk(self) -> None:
        """The demo desk in a window of its own, outside this window's hierarchy: a dialog modal to this
        window (the fingerprint capture, a test read) does not block it (`ui.demo_desk`)."""
        from workstation.ui.demo_desk import DemoDesk

        desk = self.demo_desk = DemoDesk(self.station)
        self.destroyed.connect(desk.deleteLater)  # it has no parent: it goes with this window
        if self.isVisible():
            self._show_demo_desk()

    def _show_demo_desk(self) -> None:
        desk = self.demo_desk
        if desk is not None and shiboken6.isValid(desk) and not desk.isVisible():
            desk.place_beside(self)
            desk.show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            # once the window manager has framed the window (its title bar is then known)
            QTimer.singleShot(FIT_DELAY_MS, self, self.fit_to_screen)
        self._show_demo_desk()

    def fit_to_screen(self) -> None:
        """Keep the whole window, frame included, on its screen's work area: at 1366×768 the 768-pixel
        window and its title bar went past the bottom, and the status bar (device lights, changes
        waiting) was off the screen. Not on the offscreen platform (tests): its screen is a stand-in."""
        screen = self.screen()
        if screen is None or QGuiApplication.platformName() == "offscreen" or self.isMaximized() or self.isFullScreen():
            return
        frame = self.frameGeometry()
        target = fit_inside(frame, self.geometry(), screen.availableGeometry())
        if target != frame:
            extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
            self.resize(target.width() - extra_w, target.height() - extra_h)
            self.move(target.topLeft())
            desk = self.demo_desk
            if desk is not None and shiboken6.isValid(desk) and desk.isVisible():
                desk.place_beside(self)

    def _is_demo_desk(self, w: QWidget) -> bool:
        return w is self.demo_desk

    def _t(self, text: str) -> str:
        return QCoreApplication.translate("MainWindow", text)

    def _on_station_opened(self) -> None:
        """The store is open now: its name, its idle-lock time and (demo station) the demo desk."""
        self.set_idle_minutes(self.station.settings.idle_lock_minutes)
        if self.station.is_demo and self.demo_desk is None:
            self._build_demo_desk()
        self.retranslate()
        self.refresh_sync_state()
        self._warm_up()

    def _warm_up(self) -> None:
        """The pages' modules imported on a worker while the operator types (`warm_up_imports`). A login
        that succeeds meanwhile opens its session when they are in: the GUI thread never imports them
        while the worker does (no two threads importing the same modules at once)."""
        try:
            self._warming = (
                Op(self, lambda t: warm_up_imports(t.raise_if_cancelled), lane=Lane.NET, runner=self.station.runner)
                .on_failure(self._warm_up_failed)
                .on_finished(self._warmed)
                .start()
            )
        except RuntimeError:  # the app is quitting
            self._warming = None

    @staticmethod
    def _warm_up_failed(exc: BaseException) -> bool:
        logger.warning("importing the pages ahead failed (they load at login instead): %r", exc)
        return True

    def _warmed(self) -> None:
        self._warming = None
        actor, self._pending_login = self._pending_login, None
        if actor is not None:
            self.login_as(actor)

    def retranslate(self) -> None:
        name = self.station.station_name
        title = QCoreApplication.translate("MainWindow", "Police-room workstation")
        self.setWindowTitle(f"{name} — {title}" if name else title)
        self.menu_desk.setTitle(QCoreApplication.translate("MainWindow", "&Desk"))
        self.menu_go.setTitle(QCoreApplication.translate("MainWindow", "&Go"))
        self.menu_view.setTitle(QCoreApplication.translate("MainWindow", "&View"))
        self.menu_language.setTitle(QCoreApplication.translate("MainWindow", "&Language"))
        self.menu_help.setTitle(QCoreApplication.translate("MainWindow", "&Help"))
        texts = {
            self.act_new: (
                QCoreApplication.translate("MainWindow", "&New registration"),
                QCoreApplication.translate("MainWindow", "Register a person by typing (no card)"),
            ),
            self.act_search: (
                QCoreApplication.translate("MainWindow", "&Search residents"),
                QCoreApplication.translate("MainWindow", "Go to the search box"),
            ),
            self.act_sync: (
                QCoreApplication.translate("MainWindow", "S&ync now"),
                QCoreApplication.translate("MainWindow", "Send changes to the central platform and fetch tasks"),
            ),
            self.act_lock: (
                QCoreApplication.translate("MainWindow", "&Lock"),
                QCoreApplication.translate("MainWindow", "Lock the desk: your work stays, hidden, until you log in"),
            ),
            self.act_logout: (
                QCoreApplication.translate("MainWindow", "Log &out"),
                QCoreApplication.translate("MainWindow", "Close your session"),
            ),
            self.act_quit: (
                QCoreApplication.translate("MainWindow", "&Quit"),
                QCoreApplication.translate("MainWindow", "Close the workstation"),
            ),
            self.act_help: (
                QCoreApplication.translate("MainWindow", "&What is this page?"),
                QCoreApplication.translate("MainWindow", "A short explanation of the page in front of you"),
            ),
            self.act_about: (
                QCoreApplication.translate("MainWindow", "&About"),
                QCoreApplication.translate("MainWindow", "About the workstation"),
            ),
        }
        for a, (text, tip) in texts.items():
            a.setText(text)
            sc = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            a.setToolTip(f"{tip} ({sc})" if sc else tip)
            a.setStatusTip(tip)
        self.message_bar.retranslate()
        self._rebuild_go_menu()
        self._update_operator_status()
        self._render_sync_state()
        for code, a in self.act_languages.items():
            a.setChecked(code == i18n.current())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _rebuild_go_menu(self) -> None:
        self.menu_go.clear()
        items = self.session.items if self.session else []
        for i, a in enumerate(self.act_pages):
            if i < len(items):
                a.setText(self.session.pages[items[i].key].title() if self.session else "")
                a.setToolTip(f"{a.text()} (Alt+{i + 1})")
                a.setEnabled(not self.locked)
                self.menu_go.addAction(a)
            else:
                a.setEnabled(False)

    def _update_enabled(self) -> None:
        active = self.session is not None and not self.locked
        ctx = self.session.ctx if self.session else None
        self.act_new.setEnabled(active and ctx is not None and ctx.can("register"))
        self.act_search.setEnabled(active and ctx is not None and ctx.can("read_person"))
        self.act_sync.setEnabled(active and ctx is not None and ctx.can("sync"))
        self.act_lock.setEnabled(active)
        self.act_logout.setEnabled(self.session is not None)
        self.menu_go.setEnabled(active)
        self._rebuild_go_menu()

    def _update_operator_status(self) -> None:
        if self.session is None:
            self.operator_status.setText(QCoreApplication.translate("MainWindow", "Not logged in"))
        else:
            op = self.session.ctx.operator
            state = QCoreApplication.translate("MainWindow", " (locked)") if self.locked else ""
            self.operator_status.setText(f"{op.username} · {role_label(op.role)}{state}")

    def _update_demo_badge(self) -> None:
        self.demo_badge.setVisible(self.station.is_demo or self.station.devices.emulated)

    def show_message(
        self,
        text: str | Callable[[], str],
        kind: str = "info",
        action: tuple[str | Callable[[], str], Callable[[], object]] | None = None,
    ) -> None:
        """Messages that belong to no field (used by `workstation.ui.errors.show_error`); `action` =
        (button text, callable) offers the next step beside the message (see `MessageBar.show_message`)."""
        self.message_bar.show_message(text, kind, action)

    # ---- sessions -----------------------------------------------------------------------------------------
    @property
    def ctx(self) -> DeskContext | None:
        return self.session.ctx if self.session else None

    def login_as(self, actor: Actor) -> None:
        """After a successful authentication: continue the locked session of the same operator, or open a
        session for this one (another operator's session stays suspended and hidden)."""
        if self._warming is not None and not self._warming.done:  # `_warmed` opens it in a moment
            self._pending_login = actor
            return
        session = self.sessions.get(actor.username)
        if session is not None and session.ctx.operator.role != actor.role:
            self._close_session(session)
            session = None
        if session is None:
            ctx = self.station.context_for(actor)
            session = Session(ctx, self.page_factory, self.screens)
            session.search.returnPressed.connect(self._on_search)
            ctx.changed.connect(self._on_changes)
            self.sessions[actor.username] = session
            self.screens.addWidget(session)
            if ctx.can("register"):  # the first card of the session opens its form at once
                QTimer.singleShot(1000, ctx, lambda c=ctx: _desk_screens().spare_form(c, self))
            # what exists once the first session is built lives as long as the app: out of the garbage
            # collector's full walks, which froze the window for 100-300 ms each (workstation.ui.memory)
            QTimer.singleShot(1500, ctx, memory.freeze_long_lived)
        self.session = session
        self.locked = False
        self.screens.setCurrentWidget(session)
        for w in session.hidden_windows:
            if shiboken6.isValid(w):
                w.show()
        session.hidden_windows.clear()
        self._apply_operator_language(actor.username)
        self._update_enabled()
        self._update_operator_status()
        self.idle_timer.start()
        session.nav.setFocus()  # keyboard first: arrows move between pages, Tab into the page
        page = session.current_page
        if page is not None:
            page.on_shown()
        self.refresh_sync_state()

    def _apply_operator_language(self, username: str) -> None:
        """The operator's remembered language, else the station's (Administration), else the system's."""
        code = (
            self.station.preferences.language_of(username) or self.station.settings.language or i18n.system_language()
        )
        if code != i18n.current() and self.station.languages is not None:
            self.station.languages.switch(code)

    def lock(self, *, idle: bool = False) -> None:
        """Cover everything: the lock screen; the session's windows hidden; personal data dropped. Audited
        ("lock", or "lock.idle" when the idle time locked it)."""
        if self.session is None or self.locked:
            return
        self.locked = True
        session = self.session
        self._record_session_event(session.ctx.operator, "lock.idle" if idle else "lock")
        for w in QApplication.topLevelWidgets():
            if w is self or not w.isVisible() or self._is_demo_desk(w):  # the desk holds nothing personal
                continue
            if w.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
                w.hide()
                continue
            w.hide()
            session.hidden_windows.append(w)
        QToolTip.hideText()
        session.clear_personal()
        self.message_bar.clear()
        self.login_screen.set_locked(session.ctx.operator.username)
        self.screens.setCurrentWidget(self.login_screen)
        self.idle_timer.stop()
        self._update_enabled()
        self._update_operator_status()

    def logout(self) -> None:
        """Close the current session (its windows too) and show the login."""
        if self.session is None:
            return
        from workstation.ui.screens.sync import offer_end_of_shift

        if offer_end_of_shift(self, self.session.ctx, self.logout):  # changes not on the platform yet
            return
        session, self.session = self.session, None
        self._record_session_event(session.ctx.operator, "logout")
        self._close_session(session)
        self.locked = False
        self.message_bar.clear()
        self.login_screen.set_locked(None)
        self.screens.setCurrentWidget(self.login_screen)
        self.idle_timer.stop()
        self._update_enabled()
        self._update_operator_status()

    def end_session(self, reason: str) -> None:
        """The core refused the operator (`OperatorInactive`: disabled, new role, password reset): close
        their session and show why on the login screen."""
        self.logout()
        self.login_screen.show_error(reason)

    def _close_session(self, session: Session) -> None:
        for w in session.hidden_windows:
            if shiboken6.isValid(w):
                w.close()
        session.hidden_windows.clear()
        if self.locked or self.session is session:
            for w in QApplication.topLevelWidgets():
                if w is not self and w.isVisible() and not self._is_demo_desk(w):
                    w.close()
        self.sessions.pop(session.ctx.operator.username, None)
        self.screens.removeWidget(session)
        session.deleteLater()

    # ---- idle lock ------------------------------------------------------------------------------------------
    def set_idle_minutes(self, minutes: float) -> None:
        self.idle_timer.setInterval(max(1, int(minutes * 60_000)))

    def _on_settings_changed(self, values: dict[str, Any]) -> None:
        """An administrator saved station settings: a new idle lock counts from now."""
        if "idle_lock_minutes" in values:
            self.set_idle_minutes(self.station.settings.idle_lock_minutes)
            if self.session is not None and not self.locked:
                self.idle_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
            and Qt.Key.Key_1.value <= event.key() <= Qt.Key.Key_9.value
        ):
            # Alt+digit is a page key; one no page key took (no such page, locked, another window active: the
            # registration form, a dialog) must not type its digit into the field that has the cursor
            return True
        if event.type() in _INPUT_EVENTS and self.session is not None and not self.locked:
            self.idle_timer.start()
            # Ctrl+L from a modal dialog (the registration form): Qt does not run the window's shortcuts
            # behind a modal dialog, so the key press reaches its focus widget; lock from here
            if (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and QKeySequence(event.keyCombination()) == self.act_lock.shortcut()
            ):
                self.lock()
                return True
        return False

    def _on_idle(self) -> None:
        self.lock(idle=True)

    def _record_session_event(self, actor: Actor, action: str) -> None:
        """Audit a session event ("logout", "lock", "lock.idle": `operators.record_session_event`) on the
        DB lane; the window goes on at once."""
        if not self.station.is_open:
            return
        from workstation.storage import operators

        db = self.station.db
        try:
            Op(self, lambda _t: operators.record_session_event(db, actor, action), runner=self.station.runner).start()
        except RuntimeError:  # the app is quitting: `ui.app.Startup.shutdown` records the logout
            pass

    def open_operators(self) -> list[Actor]:
        """The operators with a session open on this desk (the current one and locked ones), for the
        "logout" the app records when it closes."""
        return [s.ctx.operator for s in self.sessions.values()]

    # ---- navigation & commands --------------------------------------------------------------------------------
    def _go_to(self, index: int) -> Callable[[], None]:
        return lambda: self.go_to_index(index)

    def go_to_index(self, index: int) -> None:
        if self.session is not None and not self.locked and index < len(self.session.items):
            self.session.nav.setCurrentRow(index)
            page = self.session.current_page
            if page is not None:
                page.focusNextChild() if page.focusPolicy() == Qt.FocusPolicy.NoFocus else page.setFocus()

    def show_page(self, key: str) -> PageBase | None:
        if self.session is None or self.locked:
            return None
        return self.session.show_page(key)

    def has_page(self, key: str, *, filtered: bool = False) -> bool:
        """Whether this session has page `key` (its role may use it) in this build (not a placeholder),
        and with `filtered`, one that `open_list` can filter (it has ``show_filtered``)."""
        if self.session is None:
            return False
        page = self.session.pages.get(key)
        if page is None or isinstance(page, PlaceholderPage):
            return False
        return not filtered or callable(getattr(page, "show_filtered", None))

    def open_list(self, key: str, **filters: Any) -> PageBase | None:
        """Show page `key` listing what `filters` select: the list behind a bar or point of the Today
        page's charts. The page's ``show_filtered(**filters)`` is called when it has one (residents:
        ``grid_code=``, ``registered_on=``); a page without it is only shown. Returns the page, or None
        when locked, logged out, or the role has no such page."""
        page = self.show_page(key)
        if page is not None and filters:
            show_filtered = getattr(page, "show_filtered", None)
            if callable(show_filtered):
                show_filtered(**filters)
        return page

    def focus_search(self) -> None:
        if self.session is not None and not self.locked and self.session.search.isVisible():
            self.session.search.setFocus()
            self.session.search.selectAll()

    def _on_search(self) -> None:
        if self.session is None or self.locked:
            return
        text = self.session.search.text().strip()
        page = self.show_page("residents")
        search = getattr(page, "search", None)
        if callable(search):
            search(text)

    def new_registration(self) -> None:
        ctx = self.ctx
        if ctx is None or self.locked or not ctx.can("register"):
            return
        _desk_screens().new_manual_registration(ctx, self)

    def set_language(self, code: str) -> None:
        if self.ctx is not None:
            self.ctx.set_language(code)
        elif self.station.languages is not None:
            self.station.languages.switch(code)

    def about(self) -> None:
        """The About box: versions, the station, the database path, the key backend (`ui.help`)."""
        from workstation.ui.help import AboutDialog

        self.about_dialog = AboutDialog(self.station, self)
        self.about_dialog.open()

    def show_help(self) -> None:
        """F1: the current page's "what is this" text (the login screen's when nobody is logged in)."""
        from workstation.ui.help import HelpDialog

        page = self.session.current_page if self.session is not None and not self.locked else None
        if page is not None:
            key, text_of, title_of = page.nav_key, page.help_text, page.title
        else:
            key, text_of, title_of = "login", None, lambda: QCoreApplication.translate("MainWindow", "Log in")
        dlg = getattr(self, "help_dialog", None)
        if dlg is None or not shiboken6.isValid(dlg):
            dlg = self.help_dialog = HelpDialog(key, title_of, self)
        session = self.session if not self.locked else None
        dlg.pages = min(len(session.items), len(self.act_pages)) if session is not None else 0
        dlg.set_page(key, title_of, text_of)
        dlg.show()
        dlg.raise_()

    # ---- sync ------------------------------------------------------------------------------------------------
    def refresh_sync_state(self) -> None:
        """Read the waiting count, the last sync's time and the freeze outlook from the store (DB lane)
        and show them in the status bar; logged in or not (the login screen shows them too)."""
        if not self.station.is_open:
            return
        from workstation.sync import client as sc
        from workstation.sync import freeze

        db = self.station.db
        try:
            Op(self, lambda _t: (sc.status(db), freeze.outlook_of(db)), runner=self.station.runner).on_success(
                self._on_sync_status
            ).on_failure(lambda _e: True).start()  # a convenience; the Sync page reports errors
        except RuntimeError:  # the app is quitting
            return

    def sync_in_background(self) -> None:
        """One background sync now for the current session (the demo's platform just came up)."""
        page = self.session.pages.get("sync") if self.session is not None else None
        start = getattr(page, "background_sync", None)
        if callable(start):
            start()

    def _on_synced(self, _result: Any) -> None:
        """A sync ended (any kind, also during logout): the status bar reads the store again."""
        self.refresh_sync_state()

    def _on_changes(self, _changes: Any) -> None:
        """A write's Changes were announced: the waiting count (and the freeze outlook) read again."""
        if self.session is not None and not self.locked:
            self.refresh_sync_state()

    def _on_sync_status(self, result: Any) -> None:
        st, outlook = result if isinstance(result, tuple) else (result, None)
        self._sync_enrolled = bool(st.enrolled)
        self._sync_waiting = int(st.unacknowledged_records)
        self._sync_for_decision = int(st.held_records + st.refused_records)  # of those: not for a sync
        self._sync_times = (st.last_synced_at, st.last_failed_at)
        self._freeze_outlook = outlook
        self._render_sync_state()

    def _render_sync_state(self) -> None:
        if self._sync_enrolled is None:
            text = ""
        elif not self._sync_enrolled:
            text = QCoreApplication.translate("MainWindow", "⇅ not enrolled with the platform")
        else:
            waiting = int(getattr(self, "_sync_waiting", 0))
            text = self.tr("⇅ %n change(s) waiting", "", waiting)
            for_decision = int(getattr(self, "_sync_for_decision", 0))
            if for_decision:  # apart: a sync does not send them, the freeze rule does not count them
                text += " " + self.tr("({n} for a conflict decision)").replace("{n}", str(for_decision))
            last = _last_sync_text(*self._sync_times)
            if last:
                text += " · " + last
        # the freeze rule: a warning before registration is blocked, then the block (sync/freeze_text.py)
        outlook = getattr(self, "_freeze_outlook", None)
        notice = None
        if outlook is not None:  # (not at start-up: the sync screens load storage, the login must not wait)
            from workstation.ui.screens.sync.freeze_text import freeze_notice

            notice = freeze_notice(outlook)
        if notice is not None and text:
            text += " · ⚠ " + notice.short
        self.sync_label.setStyleSheet(
            "" if notice is None else ("color: #a4262c; font-weight: bold;" if notice.kind == "blocked"
                                       else "color: #7a5a00; font-weight: bold;")
        )
        self.sync_label.setToolTip(notice.text if notice is not None else "")
        self.sync_label.setText(text)
        self.sync_label.setVisible(bool(text))

    def sync_now(self) -> None:
        ctx = self.ctx
        if ctx is None or self.locked or not ctx.can("sync"):
            return
        assert self.session is not None
        page = self.session.pages.get("sync")
        if page is not None and hasattr(page, "sync_now"):  # the Sync page runs it (progress, errors, retry)
            page.sync_now()
            return
        from workstation.sync import client as sc

        db = self.station.db

        def work(token: Any) -> Any:
            def progress(done: int, total: int, _message: str) -> None:
                token.raise_if_cancelled()  # between batches: what was acknowledged stays acknowledged
                token.report(done, total)

            client = sc.SyncClient(db)
            try:
                return client.sync(progress=progress)
            finally:
                client.close()

        def done(res: Any) -> None:
            from workstation.ui.screens.sync import run
            from workstation.ui.screens.sync.errors_text import plain_sync_error

            if res.error:
                self.show_message(
                    QCoreApplication.translate("MainWindow", "Sync not finished: {e}").replace(
                        "{e}", plain_sync_error(res.error)
                    ),
                    "warning",
                )
            else:
                self.show_message(run.result_text(res), "info")
            self.station.synced.emit(res)

        self.station.runner.start(
            ctx.op(work, lane=Lane.NET, parent=self)
            .on_success(done)
            .with_progress(
                QCoreApplication.translate("MainWindow", "Syncing with the central platform…"), cancellable=True
            )
        )

    # ---- devices -----------------------------------------------------------------------------------------------
    def _on_device_state(self, role: str, status: Any) -> None:
        light = self.lights.get(role)
        if light is not None:
            light.set_status(status)
        self._update_demo_badge()

    def _on_device_reading(self, role: str, busy: bool) -> None:
        light = self.lights.get(role)
        if light is not None:
            light.set_busy(busy)

    def _can_route(self) -> bool:
        return self.session is not None and not self.locked and self.isVisible()

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        window = new.window()
        if not self._is_demo_desk(window):  # the demo desk stands for the hardware, not a place of work
            self._front = window

    def _front_window(self) -> QWidget | None:
        """Another of the desk's windows (a registration form, a record, a dialog) the operator last
        worked in and which is still open, or None when that is this window (or nothing had focus)."""
        front = self._front
        if front is None or front is self or not shiboken6.isValid(front) or not front.isVisible():
            return None
        return front

    def _page_for_reads(self) -> Any:
        """The page that may act on a card or passport: the current page, unless the operator works in
        another window in front of it (a registration form, a record, a dialog). A room open behind a new
        registration must not bind the holder there: the trial saw the bind question pop up over an empty
        form. The read then opens the holder's record or a new registration in front, as on Today."""
        assert self.session is not None
        return self.session.current_page if self._front_window() is None else None

    def _on_card_placed(self, doc: Any) -> None:
        """A card on the reader: the current page first (unless another desk window is in front:
        `_page_for_reads`), else the registration desk. Nothing while locked or logged out (the card is
        ignored; it is read again when placed again)."""
        if not self._can_route():
            return
        assert self.session is not None
        page = self._page_for_reads()
        if page is not None and page.on_card_placed(doc):
            return
        ctx = self.session.ctx
        if not ctx.can("read_person"):
            self.show_message(
                QCoreApplication.translate("MainWindow", "Your role does not open residents' records."), "warning"
            )
            return
        _desk_screens().open_for_card(ctx, self, doc)

    def _on_passport_read(self, mrz: Any) -> None:
        if not self._can_route():
            return
        assert self.session is not None
        page = self._page_for_reads()
        if page is not None and page.on_passport_read(mrz):
            return
        ctx = self.session.ctx
        if not ctx.can("read_person"):
            self.show_message(
                QCoreApplication.translate("MainWindow", "Your role does not open residents' records."), "warning"
            )
            return
        _desk_screens().open_for_passport(ctx, self, mrz)

    def _on_read_failed(self, role: str, exc: Any) -> None:
        if self._can_route():
            self.show_message(i18n.message_of(exc), "warning")

    # ---- quit ------------------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session is not None:
            from workstation.ui.screens.sync import offer_end_of_shift

            if offer_end_of_shift(self, self.session.ctx, self.close, quitting=True):
                event.ignore()
                return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.idle_timer.stop()
        self._sync_timer.stop()
        if self.demo_desk is not None and shiboken6.isValid(self.demo_desk):
            self.demo_desk.close()
        super().closeEvent(event)
