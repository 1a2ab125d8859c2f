"""The login screen, also the lock screen: it covers the whole window while nobody is logged in or the
desk is locked, so no personal field stays visible.

Authentication (Argon2id, audited, with the station's lockout) runs on the database lane. After
repeated failures the core answers `AccountLocked` with the time left; the screen shows it ("locked
for another 8 minutes") and counts it down while it is shown, then says the name may be tried again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.errors import UserFacingError, ValidationError
from workstation.i18n import render
from workstation.storage.errors import AccountLocked, PasswordChangeRequired, locked_text
from workstation.ui import i18n
from workstation.ui.context import Station
from workstation.ui.tasks import Op
from workstation.wiring import DEMO_ADMIN_PASSWORD, DEMO_ASSISTANT_PASSWORD, DEMO_OFFICER

if TYPE_CHECKING:
    from workstation.storage.operators import Actor

DEMO_LOGINS = (  # shown on a demo station only (wiring.open_demo_station creates these accounts)
    (DEMO_OFFICER[0], DEMO_OFFICER[1], "Officer"),
    ("assistant", DEMO_ASSISTANT_PASSWORD, "Assistant"),
    ("admin", DEMO_ADMIN_PASSWORD, "Administrator"),
)


LOCKOUT_REFRESH_MS = 5000  # how often a shown lockout's time left is brought up to date


class LoginScreen(QWidget):
    """`logged_in(Actor)` after a successful login. `set_locked(username)` turns it into the lock screen
    (the same operator continues, or another logs in); `set_locked(None)` is the plain login."""

    logged_in = Signal(object)

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("login_screen")
        self.station = station
        self.locked_by: str | None = None
        self._other = False  # the desk is locked and another operator logs in (the locked session stays)
        self._busy = False
        self._submit_when_open = False  # Log in pressed while the station was still being unlocked
        station.opened.connect(self._on_station_opened)
        self._lockout_deadline: float | None = None  # time.monotonic() when a shown lockout ends
        self._lockout_timer = QTimer(self)
        self._lockout_timer.setInterval(LOCKOUT_REFRESH_MS)
        self._lockout_timer.timeout.connect(self.refresh_lockout)
        self._pending: Op[Actor] | None = None
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame()
        card.setObjectName("login_card")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMinimumWidth(440)
        card.setMaximumWidth(560)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

        lay = QVBoxLayout(card)
        lay.setContentsMargins(28, 24, 28, 24)
        lay.setSpacing(10)
        self.station_label = QLabel(station.station_name or "")
        self.station_label.setObjectName("station_name")
        f = self.station_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.station_label.setFont(f)
        self.station_label.setWordWrap(True)
        self.station_label.setVisible(bool(station.station_name))  # the name comes with the store
        lay.addWidget(self.station_label)
        self.heading = QLabel()
        self.heading.setObjectName("login_heading")
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("login_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        # shown only when an administrator reset the password: the operator chooses a new one now
        self.new_password = QLineEdit()
        self.new_password.setObjectName("new_password")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_password = QLineEdit()
        self.repeat_password.setObjectName("repeat_password")
        self.repeat_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.user_label, self.pass_label = QLabel(), QLabel()
        self.new_label, self.repeat_label = QLabel(), QLabel()
        self.user_label.setBuddy(self.username)
        self.pass_label.setBuddy(self.password)
        self.new_label.setBuddy(self.new_password)
        self.repeat_label.setBuddy(self.repeat_password)
        form.addRow(self.user_label, self.username)
        form.addRow(self.pass_label, self.password)
        form.addRow(self.new_label, self.new_password)
        form.addRow(self.repeat_label, self.repeat_password)
        form.addRow("", self.error)
        self._form = form
        self._changing = False
        self._show_change_fields(False)
        lay.addLayout(form)

        buttons = QHBoxLayout()
        self.language = QComboBox()
        self.language.setObjectName("login_language")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.currentIndexChanged.connect(self._on_language_chosen)
        buttons.addWidget(self.language)
        buttons.addStretch(1)
        self.other_button = QPushButton()
        self.other_button.setObjectName("login_other")
        self.other_button.clicked.connect(self._on_other_operator)
        buttons.addWidget(self.other_button)
        self.login_button = QPushButton()
        self.login_button.setObjectName("login_button")
        self.login_button.setDefault(True)
        self.login_button.setAutoDefault(True)
        self.login_button.clicked.connect(self.submit)
        buttons.addWidget(self.login_button)
        lay.addLayout(buttons)
        self.busy_bar = QProgressBar()  # while the password is checked (a few seconds: Argon2)
        self.busy_bar.setObjectName("login_busy")
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(6)
        self.busy_bar.hide()
        lay.addWidget(self.busy_bar)

        self.demo_box = QLabel()
        self.demo_box.setObjectName("demo_logins")
        self.demo_box.setWordWrap(True)
        self.demo_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_box.setStyleSheet("background: #fff4ce; color: #3d2e00; border: 1px solid #c8a600; padding: 8px;")
        self.demo_box.setVisible(station.is_demo)
        lay.addWidget(self.demo_box)

        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.new_password.returnPressed.connect(self.repeat_password.setFocus)
        self.repeat_password.returnPressed.connect(self.submit)
        self.retranslate()
        self._sync_language_box()

    # ---- texts -------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Log in"))
        self.user_label.setText(self.tr("&User name"))
        self.pass_label.setText(self.tr("&Password") if not self._changing else self.tr("Current &password"))
        self.new_label.setText(self.tr("&New password"))
        self.repeat_label.setText(self.tr("&Repeat new password"))
        self.login_button.setText(self.tr("Checking…") if self._busy else self._button_text())
        self.login_button.setToolTip(self.tr("Log in (Enter)"))
        self.other_button.setText(
            self.tr("&Another operator") if not self._other
            else self.tr("&Back to unlocking {user}").replace("{user}", self.locked_by or "")
        )
        self.other_button.setVisible(self.locked_by is not None)
        self.language.setToolTip(self.tr("Language of the workstation"))
        if self._changing:
            self.heading.setText(
                i18n.keep_line_ends(
                    self.tr(
                        "Your password was reset by an administrator. Choose a new password "
                        "(at least 8 characters) to continue."
                    )
                )
            )
        elif self.locked_by is None:
            self.heading.setText(self.tr("Log in with your operator account."))
        elif self._other:
            self.heading.setText(
                i18n.keep_line_ends(
                    self.tr(
                        "Another operator logs in. The session of {user} stays locked until {user} unlocks it."
                    ).replace("{user}", self.locked_by)
                )
            )
        else:
            # the state, then what to do: each on its own line (a Chinese line never ends in one word alone)
            self.heading.setText(
                i18n.keep_line_ends(
                    self.tr("The desk is locked.")
                    + "\n"
                    + self.tr("{user}, enter your password to continue, or another operator can log in.").replace(
                        "{user}", self.locked_by
                    )
                )
            )
        if self.station.is_demo:
            lines = [self.tr("Demo station: synthetic data only. Demo logins:")]
            for user, pw, role in DEMO_LOGINS:
                from workstation.domain.enums import Role
                from workstation.ui.context import role_label

                label = role_label(
                    {"Officer": Role.OFFICER, "Assistant": Role.ASSISTANT, "Administrator": Role.ADMIN}[role]
                )
                lines.append(f"  {label}: {user} / {pw}")
            self.demo_box.setText("\n".join(lines))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._sync_language_box()
            self.refresh_lockout()
        super().changeEvent(event)

    def _sync_language_box(self) -> None:
        i = self.language.findData(i18n.current())
        if i >= 0 and i != self.language.currentIndex():
            self.language.blockSignals(True)
            self.language.setCurrentIndex(i)
            self.language.blockSignals(False)

    def _on_language_chosen(self, index: int) -> None:
        code = self.language.itemData(index)
        if self.station.languages is not None and code != i18n.current():
            self.station.languages.switch(code)

    # ---- state ---------------------------------------------------------------------------------------------
    def _show_change_fields(self, show: bool) -> None:
        self._changing = show
        for w in (self.new_password, self.repeat_password, self.new_label, self.repeat_label):
            w.setVisible(show)
        if not show:
            self.new_password.clear()
            self.repeat_password.clear()

    def set_locked(self, username: str | None) -> None:
        """Lock screen for `username` (their user name filled in), or the plain login (None)."""
        self.locked_by = username
        self._other = False
        self._show_change_fields(False)
        self.password.clear()
        self.show_error(None)
        self.username.setText(username or "")
        self.username.setReadOnly(username is not None)
        self.retranslate()
        (self.password if username else self.username).setFocus()

    def _on_other_operator(self) -> None:
        """Toggle, on the lock screen, between another operator's login and unlocking the locked session."""
        if self._other:
            self.set_locked(self.locked_by)
            return
        self._other = True
        self.username.setReadOnly(False)
        self.username.clear()
        self.password.clear()
        self.show_error(None)
        self.retranslate()
        self.username.setFocus()

    def _button_text(self) -> str:
        return self.tr("Unlock") if self.locked_by is not None and not self._other else self.tr("Log in")

    def show_error(self, text: str | None) -> None:
        self._lockout_deadline = None
        self._lockout_timer.stop()
        self._set_error(text)

    def _set_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))

    def show_lockout(self, seconds_left: int) -> None:
        """Show how long logging in with the name is locked, and keep it up to date while shown."""
        self._lockout_deadline = time.monotonic() + seconds_left
        self._lockout_timer.start()
        self.refresh_lockout()

    def lockout_seconds_left(self) -> float | None:
        """Seconds until the lockout shown ends (None: none shown)."""
        return None if self._lockout_deadline is None else self._lockout_deadline - time.monotonic()

    def refresh_lockout(self) -> None:
        left = self.lockout_seconds_left()
        if left is None:
            return
        if left <= 0:
            self._lockout_deadline = None
            self._lockout_timer.stop()
            self._set_error(self.tr("The lockout is over: you can try to log in again."))
            return
        self._set_error(render(locked_text(int(left + 0.999)), i18n.current()))

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        (self.password if self.username.text() else self.username).setFocus()

    # ---- login ---------------------------------------------------------------------------------------------
    def _on_station_opened(self) -> None:
        self.station_label.setText(self.station.station_name or "")  # read with the store: no empty band
        self.station_label.setVisible(bool(self.station.station_name))
        self.retranslate()  # a station created as a demo shows its demo logins
        self.demo_box.setVisible(self.station.is_demo)
        if self._submit_when_open:
            self._submit_when_open = False
            self._set_busy(False)
            self.submit()

    def submit(self) -> None:
        if self._busy:
            return
        user = self.username.text().strip()
        password = self.password.text()
        if not user:
            self.show_error(self.tr("Enter your user name."))
            self.username.setFocus()
            return
        if not password:
            self.show_error(self.tr("Enter your password."))
            self.password.setFocus()
            return
        if not self.station.is_open:  # still unlocking (`ui.app`): log in as soon as it is open
            self._submit_when_open = True
            self._set_busy(True, self.tr("Opening the station…"))
            return
        from workstation.storage import operators  # loaded on a worker meanwhile (`ui.app`)

        db = self.station.db
        work: Callable[[object], Actor]
        if self._changing:
            new, repeat = self.new_password.text(), self.repeat_password.text()
            if new != repeat:
                self.show_error(self.tr("The two new passwords differ."))
                self.repeat_password.selectAll()
                self.repeat_password.setFocus()
                return
            change: Callable[..., Actor] = operators.change_password
            work = lambda _t: change(db, user, password, new)  # noqa: E731
        else:
            authenticate: Callable[..., Actor] = operators.authenticate
            unlock = self.locked_by is not None and not self._other and user == self.locked_by  # audited so
            work = lambda _t: authenticate(db, user, password, unlock=unlock)  # noqa: E731
        self._set_busy(True)
        op = self.station.runner.start(
            Op(self, work, runner=self.station.runner)
            .on_success(self._on_success)
            .on_failure(self._on_failure)
            .on_finished(lambda: self._set_busy(False))
        )
        self._handle = op

    def _set_busy(self, busy: bool, text: str | None = None) -> None:
        """While the password is checked: inputs and buttons off, "Checking…", a moving bar, a busy cursor;
        after, back (the failure handlers put the focus where the operator types next)."""
        if busy == self._busy and not busy:
            return
        self._busy = busy
        for w in (self.username, self.password, self.new_password, self.repeat_password, self.other_button,
                  self.language, self.login_button):
            w.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
        self.login_button.setText((text or self.tr("Checking…")) if busy else self._button_text())

    def _on_success(self, actor: Actor) -> None:
        self._show_change_fields(False)
        self.retranslate()
        self.password.clear()
        self.show_error(None)
        self.logged_in.emit(actor)

    def _on_failure(self, exc: BaseException) -> bool:
        self._set_busy(False)  # the inputs back on before the focus goes into one
        self.password.setFocus()  # (any failure: the keyboard where the operator types again)
        if isinstance(exc, PasswordChangeRequired):
            self._show_change_fields(True)
            self.retranslate()
            self.show_error(None)
            self.new_password.setFocus()
            return True
        if isinstance(exc, ValidationError) and self._changing:
            self.show_error("; ".join(i18n.problem_text(p) for p in exc.problems))
            self.new_password.selectAll()
            self.new_password.setFocus()
            return True
        if isinstance(exc, AccountLocked):
            self.password.clear()
            self.password.setFocus()
            self.show_lockout(exc.seconds_left)
            return True
        if isinstance(exc, UserFacingError):
            self.password.clear()
            self.password.setFocus()
            self.show_error(i18n.message_of(exc))
            return True
        return False
