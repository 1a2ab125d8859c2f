"""Dialogs of the Tasks page: complete a task (result and notes), confirm or reject a pre-registration
(with the reason). Each validates beside its fields, runs the write on the DB lane and closes on
success; the `Changes` are announced on `ctx.changed` (the page refreshes the list and the rate)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workstation.errors import Problem
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.ui.screens.tasks.model import RESULTS, kind_label, result_label, subject_label
from workstation.ui.widgets.field_errors import FieldErrors

NOTES_MAX = 2000  # the core's limits (storage.areas.tasks.NOTES_MAX, sync.preregistrations.REASON_MAX)
REASON_MAX = 200


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("heading")
    label.setWordWrap(True)
    f = label.font()
    f.setPointSizeF(f.pointSizeF() * 1.2)
    f.setBold(True)
    label.setFont(f)
    return label


class CompleteTaskDialog(QDialog):
    """Complete one task: choose the result, write notes. `done_changes` holds the `Changes` after a save."""

    def __init__(self, ctx: Any, task: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task = task
        self.done_changes: Any = None
        self._busy = False
        self.setObjectName("completeTask")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(self.tr("Complete the task"))
        self.errors = FieldErrors()

        self.heading = _heading(task.title)
        about = QLabel(
            self.tr("%1 · subject: %2 · due %3")
            .replace("%1", kind_label(task.kind))
            .replace("%2", subject_label(task.subject_type))
            .replace("%3", task.due_date.isoformat() if task.due_date else self.tr("no date"))
        )
        about.setObjectName("about")
        about.setWordWrap(True)
        details = QLabel(task.details or "")
        details.setObjectName("details")
        details.setWordWrap(True)
        details.setVisible(bool(task.details))

        self.result_box = QComboBox()
        self.result_box.setObjectName("result")
        self.result_box.addItem(self.tr("— choose the result —"), "")
        for code in RESULTS:
            self.result_box.addItem(result_label(code), code)
        if task.result:
            i = self.result_box.findData(task.result)
            self.result_box.setCurrentIndex(max(0, i))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What you found, what was done (sent to the platform with the result)"))
        self.notes.setPlainText(task.result_notes or "")
        self.notes.setMinimumHeight(110)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        result_label_w = QLabel(self.tr("&Result:"))
        result_label_w.setBuddy(self.result_box)
        notes_label = QLabel(self.tr("&Notes:"))
        notes_label.setBuddy(self.notes)
        form.addRow(result_label_w, self.errors.wrap("result", self.result_box))
        form.addRow(notes_label, self.errors.wrap("notes", self.notes))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Complete"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(about)
        lay.addWidget(details)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.result_box.setFocus()

    def problems(self) -> list[Problem]:
        """What is wrong with the fields before anything is sent (the core checks again)."""
        out = []
        if not self.result_box.currentData():
            out.append(Problem("result", "required", QT_TRANSLATE_NOOP("storage", "choose a result")))
        n = len(self.notes.toPlainText().strip())
        if n > NOTES_MAX:
            out.append(
                Problem("notes", "too_long", QT_TRANSLATE_NOOP("storage", "at most 2000 characters (now {n})").format(n=n))
            )
        return out

    def save(self) -> None:
        if self._busy:
            return
        problems = self.problems()
        if problems:
            self.errors.show(problems)
            return
        self.errors.clear()
        self._busy = True
        self.buttons.setEnabled(False)
        desk = self.ctx.desk
        task_id = self.task.id
        result = str(self.result_box.currentData())
        notes = self.notes.toPlainText()

        def done(changes: Any) -> None:
            self.done_changes = changes
            self.accept()

        def failed(exc: BaseException) -> bool:
            from workstation.ui.errors import show_error

            show_error(self, exc, fields=self.errors)
            return True

        def finished() -> None:
            self._busy = False
            self.buttons.setEnabled(True)

        self.ctx.op(lambda _t: desk.tasks.complete(task_id, result=result, notes=notes), parent=self).on_success(
            done
        ).on_failure(failed).on_finished(finished).start()


class SettlePreRegistrationDialog(QDialog):
    """Confirm (`outcome="confirmed"`) or reject (`"rejected"`, a reason required) one pre-registration.
    `card` is the document placed on the reader when it matched (shown beside what was submitted)."""

    def __init__(self, ctx: Any, row: Any, outcome: str, parent: QWidget | None = None, *, card: Any = None,
                 basis: str | None = None) -> None:
        super().__init__(parent)
        assert outcome in ("confirmed", "rejected")
        self.ctx = ctx
        self.row = row
        self.outcome = outcome
        self.card = card
        self.done_changes: Any = None
        self._busy = False
        self.setObjectName("confirmPrereg" if outcome == "confirmed" else "rejectPrereg")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.errors = FieldErrors()
        confirming = outcome == "confirmed"
        self.setWindowTitle(self.tr("Confirm the pre-registration") if confirming else
                            self.tr("Reject the pre-registration"))

        heading = _heading(
            (self.tr("Confirm the pre-registration of %1") if confirming else
             self.tr("Reject the pre-registration of %1")).replace("%1", row.name or self.tr("(no name)"))
        )
        submitted = QFormLayout()
        submitted.addRow(self.tr("Name:"), QLabel(row.name))
        submitted.addRow(self.tr("ID number:"), QLabel(row.number_masked or self.tr("not given")))
        for key, label in (("phone", self.tr("Phone:")), ("address", self.tr("Address:")),
                           ("submitted_at", self.tr("Submitted:"))):
            if row.text(key):
                value = QLabel(row.text(key))
                value.setWordWrap(True)
                submitted.addRow(label, value)
        self.card_note = QLabel()
        self.card_note.setObjectName("cardNote")
        self.card_note.setWordWrap(True)
        if card is not None:
            from workstation.storage.masking import mask_number

            how = {
                "number": self.tr("the ID number is the same"),
                "masked_number": self.tr("the visible digits of the ID number and the name are the same"),
                "name": self.tr("only the name is the same: the pre-registration holds no ID number; check it"),
            }.get(basis or "", "")
            self.card_note.setText(
                self.tr("Card on the reader: %1, %2 — %3")
                .replace("%1", card.name)
                .replace("%2", mask_number(card.number) or "")
                .replace("%3", how)
            )
        elif confirming:
            self.card_note.setText(self.tr("No card was read: check the person's document by eye before confirming."))
        self.card_note.setVisible(bool(self.card_note.text()))
        if confirming and card is not None:
            self.next_step = QLabel(self.tr("After confirming, the person's record opens (or a new registration "
                                            "from the card, when the person is not registered yet)."))
        else:
            self.next_step = QLabel("")
        self.next_step.setWordWrap(True)
        self.next_step.setVisible(bool(self.next_step.text()))

        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(80)
        self.reason.setPlaceholderText(
            self.tr("e.g. the person does not live at the address") if not confirming else self.tr("optional")
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        reason_label = QLabel(self.tr("&Reason:") if not confirming else self.tr("&Note:"))
        reason_label.setBuddy(self.reason)
        form.addRow(reason_label, self.errors.wrap("reason", self.reason))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("&Confirm") if confirming else self.tr("&Reject")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addLayout(submitted)
        lay.addWidget(self.card_note)
        lay.addWidget(self.next_step)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(540)
        self.reason.setFocus()

    def problems(self) -> list[Problem]:
        text = self.reason.toPlainText().strip()
        if self.outcome == "rejected" and not text:
            return [Problem("reason", "required", QT_TRANSLATE_NOOP("storage", "say why it is rejected"))]
        if len(text) > REASON_MAX:
            return [
                Problem(
                    "reason", "too_long",
                    QT_TRANSLATE_NOOP("storage", "at most 200 characters (now {n})").format(n=len(text)),
                )
            ]
        return []

    def save(self) -> None:
        if self._busy:
            return
        problems = self.problems()
        if problems:
            self.errors.show(problems)
            return
        self.errors.clear()
        self._busy = True
        self.buttons.setEnabled(False)
        desk = self.ctx.desk
        pid, outcome, reason = self.row.id, self.outcome, self.reason.toPlainText()

        def done(changes: Any) -> None:
            self.done_changes = changes
            self.accept()

        def failed(exc: BaseException) -> bool:
            from workstation.ui.errors import show_error

            show_error(self, exc, fields=self.errors)
            return True

        def finished() -> None:
            self._busy = False
            self.buttons.setEnabled(True)

        self.ctx.op(
            lambda _t: desk.preregistrations.settle(pid, outcome=outcome, reason=reason), parent=self
        ).on_success(done).on_failure(failed).on_finished(finished).start()
