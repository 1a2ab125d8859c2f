"""Administration, tab "Operators and roles": every operator with their state; create one, change a
role, reset a password, unlock a locked-out account, disable or enable one.

Each action calls the same core function the console's ``workstation-admin operator …`` calls
(`storage.operators`: permission, "the last active administrator" rule, audit), on the DB lane.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.domain.enums import Role
from workstation.domain.permissions import Permission
from workstation.errors import Problem
from workstation.storage import operators
from workstation.storage.operators import DISABLED, LOCKED, OperatorAccount
from workstation.ui.context import DeskContext, role_label
from workstation.ui.screens.admin.common import Note, Reasons, failure_to, hint
from workstation.ui.screens.admin.models import OperatorsModel

ROLES = (Role.OFFICER, Role.ASSISTANT, Role.SUPERVISOR, Role.ADMIN)


def _role_combo() -> QComboBox:
    combo = QComboBox()
    for role in ROLES:
        combo.addItem(role_label(role), role.value)
    return combo


def _retitle_roles(combo: QComboBox) -> None:
    for i in range(combo.count()):
        combo.setItemText(i, role_label(Role(combo.itemData(i))))


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(operators.MAX_PASSWORD)
    return edit


class _ActionDialog(QDialog):
    """A small form whose OK runs one core call on the DB lane; reasons appear beside the fields, and
    the dialog closes (``done_with(text)``) only when the call succeeded."""

    done_with = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.errors = Reasons()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.intro = hint("dialog_intro")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.general = Note("dialog_error")
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(self.form)
        lay.addWidget(self.general)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.busy = False

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def row(self, label: str, name: str, widget: QWidget) -> QLabel:
        lab = QLabel(label)
        self.form.addRow(lab, self.errors.wrap(name, widget))
        return lab

    def work(self) -> tuple[Callable[[], Any], str] | None:
        """The core call and the text shown when it succeeded; None after showing a local problem."""
        raise NotImplementedError

    def submit(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        self.general.clear_note()
        job = self.work()
        if job is None:
            return
        call, done_text = job
        self.busy = True
        self.ok_button.setEnabled(False)

        def finished() -> None:
            self.busy = False
            self.ok_button.setEnabled(True)

        def success(_r: Any) -> None:
            self.done_with.emit(done_text)
            self.accept()

        self.ctx.op(lambda _t: call(), parent=self).on_success(success).on_failure(
            failure_to(self, self.general, self.errors)
        ).on_finished(finished).start()


class NewOperatorDialog(_ActionDialog):
    """Create an operator: user name, display name, role, first password (typed twice)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("new_operator_dialog")
        self.setWindowTitle(self.tr("New operator"))
        self.intro.setText(
            self.tr(
                "The new operator logs in with this password and can change it at once. User names use letters, "
                "digits and . _ - (at most 32)."
            )
        )
        self.username = QLineEdit()
        self.username.setObjectName("new_username")
        self.username.setMaxLength(4 * operators.MAX_USERNAME)
        self.display_name = QLineEdit()
        self.display_name.setObjectName("new_display_name")
        self.display_name.setMaxLength(4 * operators.MAX_DISPLAY_NAME)
        self.role = _role_combo()
        self.role.setObjectName("new_role")
        self.password = _password_edit("new_password")
        self.confirm = _password_edit("new_password_confirm")
        self.row(self.tr("User name"), "username", self.username)
        self.row(self.tr("Name shown"), "display_name", self.display_name)
        self.row(self.tr("Role"), "role", self.role)
        self.row(
            self.tr("Password (at least {n} characters)").replace("{n}", str(operators.MIN_PASSWORD)),
            "password",
            self.password,
        )
        self.row(self.tr("Password again"), "confirm", self.confirm)

    def work(self) -> tuple[Callable[[], Any], str] | None:
        if self.password.text() != self.confirm.text():
            self.errors.show([Problem("confirm", "mismatch", self.tr("the two passwords differ"))])
            return None
        db, actor = self.ctx.db, self.ctx.operator
        username, display, pw = self.username.text(), self.display_name.text(), self.password.text()
        role = Role(self.role.currentData())
        shown = operators.canonical_username(username)
        return (
            lambda: operators.create_operator(
                db, actor, username=username, display_name=display or username, role=role, password=pw
            ),
            self.tr("Operator {user} ({role}) created.").replace("{user}", shown).replace("{role}", role_label(role)),
        )


class ResetPasswordDialog(_ActionDialog):
    """Set a temporary password; the operator must choose their own at the next login."""

    def __init__(self, ctx: DeskContext, account: OperatorAccount, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.account = account
        self.setObjectName("reset_password_dialog")
        self.setWindowTitle(self.tr("Reset password"))
        self.intro.setText(
            self.tr(
                "Give {user} a temporary password. They must choose their own at the next login; their open "
                "session ends now. Resetting also lifts a lockout."
            ).replace("{user}", account.username)
        )
        self.password = _password_edit("reset_password")
        self.confirm = _password_edit("reset_password_confirm")
        self.row(
            self.tr("Temporary password (at least {n} characters)").replace("{n}", str(operators.MIN_PASSWORD)),
            "password",
            self.password,
        )
        self.row(self.tr("Password again"), "confirm", self.confirm)

    def work(self) -> tuple[Callable[[], Any], str] | None:
        if self.password.text() != self.confirm.text():
            self.errors.show([Problem("confirm", "mismatch", self.tr("the two passwords differ"))])
            return None
        db, actor, user, pw = self.ctx.db, self.ctx.operator, self.account.username, self.password.text()
        return (
            lambda: operators.reset_password(db, actor, user, pw),
            self.tr("Password of {user} reset; they must change it at the next login.").replace("{user}", user),
        )


class ChangeRoleDialog(_ActionDialog):
    """Give an operator another role (their open session ends)."""

    def __init__(self, ctx: DeskContext, account: OperatorAccount, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.account = account
        self.setObjectName("change_role_dialog")
        self.setWindowTitle(self.tr("Change role"))
        self.intro.setText(
            self.tr("What {user} may do depends on the role. Their open session ends when the role changes.").replace(
                "{user}", account.username
            )
        )
        self.who = QLabel(f"{account.username} · {account.display_name}")
        self.who.setObjectName("role_operator")
        self.role = _role_combo()
        self.role.setObjectName("role_choice")
        self.role.setCurrentIndex(max(0, self.role.findData(account.role.value)))
        self.row(self.tr("Operator"), "username", self.who)
        self.row(self.tr("New role"), "role", self.role)

    def work(self) -> tuple[Callable[[], Any], str] | None:
        db, actor, user = self.ctx.db, self.ctx.operator, self.account.username
        role = Role(self.role.currentData())
        return (
            lambda: operators.set_role(db, actor, user, role),
            self.tr("{user} is now {role}.").replace("{user}", user).replace("{role}", role_label(role)),
        )


class OperatorsTab(QWidget):
    """The operators table and its actions. `refresh()` re-reads the accounts (DB lane)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admin_operators")
        self.ctx = ctx
        self.loaded = False
        self._loading = False
        self._again = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        self.intro = hint("operators_intro")
        lay.addWidget(self.intro)
        self.model = OperatorsModel(self)
        self.table = QTableView()
        self.table.setObjectName("operators_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.change_role())
        lay.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.new_button = QPushButton()
        self.new_button.setObjectName("operator_new")
        self.new_button.clicked.connect(self.new_operator)
        self.role_button = QPushButton()
        self.role_button.setObjectName("operator_role")
        self.role_button.clicked.connect(self.change_role)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("operator_reset")
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("operator_unlock")
        self.unlock_button.clicked.connect(self.unlock)
        self.disable_button = QPushButton()
        self.disable_button.setObjectName("operator_disable")
        self.disable_button.clicked.connect(self.toggle_disabled)
        for b in (self.new_button, self.role_button, self.reset_button, self.unlock_button, self.disable_button):
            actions.addWidget(b)
        actions.addStretch(1)
        lay.addLayout(actions)
        self.note = Note("operators_note")
        lay.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "Who may log in at this desk and what each may do. A locked account had too many wrong passwords; "
                "unlock it, or reset its password. The last active administrator cannot be disabled or given "
                "another role."
            )
        )
        self.new_button.setText(self.tr("New operator…"))
        self.role_button.setText(self.tr("Change role…"))
        self.reset_button.setText(self.tr("Reset password…"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.model.retranslate()
        self._update_buttons()

    # ---- reading --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the accounts (DB lane); asked while a read runs, it reads once more afterwards."""
        if self._loading:
            self._again = True
            return
        self._loading = True
        self._again = False
        db, actor = self.ctx.db, self.ctx.operator

        def done() -> None:
            self._loading = False
            if self._again:
                self.refresh()

        self.ctx.op(lambda _t: operators.accounts(db, actor), parent=self).on_success(self._show).on_failure(
            failure_to(self, self.note)
        ).on_finished(done).start()

    def _show(self, rows: list[OperatorAccount]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        self.loaded = True
        if chosen is not None:
            self.select(chosen.username)
        self._update_buttons()

    def select(self, username: str) -> None:
        row = self.model.row_of(username)
        if row >= 0:
            self.table.selectRow(row)

    def selected(self) -> OperatorAccount | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        acc = self.model.data(rows[0], Qt.ItemDataRole.UserRole)
        return acc if isinstance(acc, OperatorAccount) else None

    def _update_buttons(self) -> None:
        acc = self.selected()
        can = self.ctx.can(Permission.MANAGE_OPERATORS)
        self.new_button.setEnabled(can)
        for b in (self.role_button, self.reset_button, self.disable_button):
            b.setEnabled(can and acc is not None)
        self.unlock_button.setEnabled(can and acc is not None and acc.state == LOCKED)
        disabled = acc is not None and acc.state == DISABLED
        self.disable_button.setText(self.tr("Enable") if disabled else self.tr("Disable"))

    # ---- actions --------------------------------------------------------------------------------------
    def _after(self, text: str) -> None:
        self.note.say(text, "info")
        self.refresh()

    def _open(self, dialog: _ActionDialog) -> _ActionDialog:
        dialog.done_with.connect(self._after)
        dialog.open()
        return dialog

    def new_operator(self) -> _ActionDialog:
        self.note.clear_note()
        return self._open(NewOperatorDialog(self.ctx, self))

    def change_role(self) -> _ActionDialog | None:
        acc = self.selected()
        if acc is None:
            return None
        self.note.clear_note()
        return self._open(ChangeRoleDialog(self.ctx, acc, self))

    def reset_password(self) -> _ActionDialog | None:
        acc = self.selected()
        if acc is None:
            return None
        self.note.clear_note()
        return self._open(ResetPasswordDialog(self.ctx, acc, self))

    def _run(self, call: Callable[[], Any], done: Callable[[Any], str]) -> None:
        self.note.clear_note()
        self.ctx.op(lambda _t: call(), parent=self).on_success(lambda r: self._after(done(r))).on_failure(
            failure_to(self, self.note)
        ).start()

    def unlock(self) -> None:
        acc = self.selected()
        if acc is None:
            return
        db, actor, user = self.ctx.db, self.ctx.operator, acc.username
        self._run(
            lambda: operators.unlock(db, actor, user),
            lambda was: (
                self.tr("{user} is unlocked and can log in again.")
                if was
                else self.tr("{user} was not locked (any more).")
            ).replace("{user}", user),
        )

    def toggle_disabled(self) -> None:
        acc = self.selected()
        if acc is None:
            return
        db, actor, user = self.ctx.db, self.ctx.operator, acc.username
        disable = acc.state != DISABLED
        self._run(
            lambda: operators.set_disabled(db, actor, user, disable),
            lambda _r: (
                self.tr("{user} is disabled: they cannot log in, and their open session ends.")
                if disable
                else self.tr("{user} is enabled and can log in again.")
            ).replace("{user}", user),
        )

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
