"""Dialogs of the Tasks page: complete a task (result and notes), confirm or reject a pre-registration
(with the reason). Each validates beside its fields, runs the write on the DB lane and closes on
success; the `Changes` are announced on `ctx.changed` (the page refreshes the list and the rate)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from workstation.domain.permissions import Permission
from workstation.errors import Problem
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.ui.screens.tasks.model import RESULTS, kind_label, result_label, subject_label
from workstation.ui.widgets.dialogs import DeskDialog, heading, ok_cancel
from workstation.ui.widgets.field_errors import FieldErrors

NOTES_MAX = 2000  # the core's limits (storage.areas.tasks.NOTES_MAX, sync.preregistrations.REASON_MAX)
REASON_MAX = 200


class _FormDialog(DeskDialog):
    """A form whose OK checks the fields (`problems`, reasons beside them), then runs one write
    (`write()` gives the call, values read from the fields) and closes on success; `done_changes`
    holds the write's `Changes`. A refusal of the core shows beside the fields too."""

    def __init__(self, ctx: Any, parent: QWidget | None) -> None:
        super().__init__(ctx, parent)
        self.done_changes: Any = None
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.errors = FieldErrors()
        self.buttons, self.ok_button, self.cancel_button = ok_cancel(self.save, self.reject)

    def problems(self) -> list[Problem]:
        """What is wrong with the fields before anything is sent (the core checks again)."""
        return []

    def write(self) -> Callable[[], Any]:
        """The core call that saves what the fields say (runs on the DB lane)."""
        raise NotImplementedError

    def save(self) -> None:
        if self.busy:
            return
        problems = self.problems()
        if problems:
            self.errors.show(problems)
            return
        self.errors.clear()
        self.submit(self.write(), self._saved, failed=self._failed, disable=(self.buttons,))

    def _saved(self, changes: Any) -> None:
        self.done_changes = changes
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        from workstation.ui.errors import show_error

        show_error(self, exc, fields=self.errors)
        return True


class CompleteTaskDialog(_FormDialog):
    """Complete one task: choose the result, write notes. `done_changes` holds the `Changes` after a save."""

    def __init__(self, ctx: Any, task: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.task = task
        self.setObjectName("completeTask")

        self.heading = heading("heading", task.title, scale=1.2)
        self.about = about = QLabel()
        about.setObjectName("about")
        about.setWordWrap(True)
        details = QLabel(task.details or "")
        details.setObjectName("details")
        details.setWordWrap(True)
        details.setVisible(bool(task.details))

        self.result_box = QComboBox()
        self.result_box.setObjectName("result")
        self.result_box.addItem("", "")
        for code in RESULTS:
            self.result_box.addItem("", code)
        if task.result:
            i = self.result_box.findData(task.result)
            self.result_box.setCurrentIndex(max(0, i))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlainText(task.result_notes or "")
        self.notes.setMinimumHeight(110)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.result_label = QLabel()
        self.result_label.setBuddy(self.result_box)
        self.notes_label = QLabel()
        self.notes_label.setBuddy(self.notes)
        form.addRow(self.result_label, self.errors.wrap("result", self.result_box))
        form.addRow(self.notes_label, self.errors.wrap("notes", self.notes))

        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(about)
        lay.addWidget(details)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()
        self.result_box.setFocus()

    def retranslate(self) -> None:
        """Every text in the UI language (again after a language switch)."""
        task = self.task
        self.setWindowTitle(self.tr("Complete the task"))
        parts = [kind_label(task.kind)]
        if task.subject_type:
            parts.append(self.tr("subject: %1").replace("%1", subject_label(task.subject_type)))
        parts.append(self.tr("due %1").replace("%1", task.due_date.isoformat()) if task.due_date else
                     self.tr("no due date"))
        self.about.setText(" · ".join(parts))
        self.result_box.setItemText(0, self.tr("— choose the result —"))
        for i, code in enumerate(RESULTS, start=1):
            self.result_box.setItemText(i, result_label(code))
        self.notes.setPlaceholderText(self.tr("What you found, what was done (sent to the platform with the result)"))
        self.result_label.setText(self.tr("&Result:"))
        self.notes_label.setText(self.tr("&Notes:"))
        self.ok_button.setText(self.tr("&Complete"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.errors.retranslate()

    def problems(self) -> list[Problem]:
        """What is wrong with the fields before anything is sent (the core checks again)."""
        out = []
        if not self.result_box.currentData():
            out.append(Problem("result", "required", QT_TRANSLATE_NOOP("storage", "choose a result")))
        n = len(self.notes.toPlainText().strip())
        if n > NOTES_MAX:
            text = QT_TRANSLATE_NOOP("storage", "at most 2000 characters (now {n})").format(n=n)
            out.append(Problem("notes", "too_long", text))
        return out

    def write(self) -> Callable[[], Any]:
        desk = self.ctx.desk
        task_id = self.task.id
        result = str(self.result_box.currentData())
        notes = self.notes.toPlainText()
        return lambda: desk.tasks.complete(task_id, result=result, notes=notes)


class SettlePreRegistrationDialog(_FormDialog):
    """Confirm (`outcome="confirmed"`) or reject (`"rejected"`, a reason required) one pre-registration.
    `card` is the document placed on the reader when it matched (shown beside what was submitted)."""

    def __init__(self, ctx: Any, row: Any, outcome: str, parent: QWidget | None = None, *, card: Any = None,
                 basis: str | None = None) -> None:
        super().__init__(ctx, parent)
        assert outcome in ("confirmed", "rejected")
        self.row = row
        self.outcome = outcome
        self.card = card
        self.basis = basis
        self.existing: Any = None  # the registered resident holding the submitted ID number (a ResidentRow)
        self.looked_up = False  # True once the lookup of that resident has answered
        self.setObjectName("confirmPrereg" if outcome == "confirmed" else "rejectPrereg")

        self.heading = heading("heading", scale=1.2)
        self.submitted = QFormLayout()
        self.field_labels: dict[str, QLabel] = {}
        self._form_rows: dict[str, int] = {}
        for key in ("name", "number", "phone", "address", "submitted_at"):
            value = row.number_masked if key == "number" else row.text(key)
            if key in ("phone", "address", "submitted_at") and not value:
                continue
            label = QLabel()
            shown = QLabel(value)
            shown.setObjectName(f"submitted_{key}")
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.field_labels[key] = label
            if key == "number":
                self.number_value = shown
            self._form_rows[key] = self.submitted.rowCount()
            self.submitted.addRow(label, shown)
        self.card_note = QLabel()
        self.card_note.setObjectName("cardNote")
        self.card_note.setWordWrap(True)
        self.compare = QLabel()
        self.compare.setObjectName("existingRecord")
        self.compare.setTextFormat(Qt.TextFormat.RichText)
        self.compare.setWordWrap(True)
        self.compare.hide()
        self.next_step = QLabel()
        self.next_step.setObjectName("nextStep")
        self.next_step.setWordWrap(True)

        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(80)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        form.addRow(self.reason_label, self.errors.wrap("reason", self.reason))

        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(self.submitted)
        lay.addWidget(self.card_note)
        lay.addWidget(self.compare)
        lay.addWidget(self.next_step)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(540)
        self.retranslate()
        self.reason.setFocus()
        self._look_up_existing()

    def _look_up_existing(self) -> None:
        """Find the registered resident holding the submitted ID number (DB lane, audited with the number
        masked), to show the submitted data beside the record. Only when confirming, with a full number,
        and for a role that may read residents."""
        number = self.row.text("id_number")
        if self.outcome != "confirmed" or not number or not self.ctx.can(Permission.READ_PERSON):
            return
        residents = self.ctx.desk.residents

        def found(existing: Any) -> None:
            self.existing = existing
            self.looked_up = True
            self.retranslate()
            self.adjustSize()

        def failed(_exc: BaseException) -> bool:
            self.looked_up = True  # the dialog still confirms; it just cannot compare
            self.retranslate()
            return True

        self.ctx.op(lambda _t: residents.find_by_id_number(number), parent=self).on_success(found).on_failure(
            failed).start()

    def differences(self) -> list[str]:
        """The submitted fields ("name", "phone", "address") that differ from the registered record."""
        e = self.existing
        if e is None:
            return []
        out = []
        for key, recorded in (("name", e.name), ("phone", e.phone), ("address", e.address)):
            submitted = self.row.text(key).strip()
            if submitted and submitted != (recorded or "").strip():
                out.append(key)
        return out

    def _render_compare(self, titles: dict[str, str]) -> None:
        e = self.existing
        for key in ("phone", "address"):  # shown in the comparison instead, beside the record
            if key in self._form_rows:
                self.submitted.setRowVisible(self._form_rows[key], e is None)
        if e is None:
            self.compare.hide()
            return
        differ = set(self.differences())
        submitted_title = escape(self.tr("Submitted online"))
        recorded_title = escape(self.tr("On the record"))
        rows = [
            f"<tr><th align='left'></th><th align='left'>{submitted_title}</th>"
            f"<th align='left'>{recorded_title}</th></tr>"
        ]
        for key, recorded in (("name", e.name), ("phone", e.phone), ("address", e.address)):
            submitted = self.row.text(key)
            style = " style='background-color:#fff4ce; font-weight:bold'" if key in differ else ""
            rows.append(
                f"<tr{style}><td>{escape(titles[key])}</td><td>{escape(submitted or '—')}</td>"
                f"<td>{escape(recorded or '—')}</td></tr>"
            )
        heading = escape(self.tr("Already registered: %1 (%2)").replace("%1", e.name)
                         .replace("%2", e.id_number_masked or ""))
        self.compare.setText(f"<p><b>{heading}</b></p><table cellspacing='0' cellpadding='4'>{''.join(rows)}</table>")
        self.compare.show()

    def retranslate(self) -> None:
        """Every text in the UI language (again after a language switch)."""
        confirming = self.outcome == "confirmed"
        row, card = self.row, self.card
        self.setWindowTitle(self.tr("Confirm the pre-registration") if confirming else
                            self.tr("Reject the pre-registration"))
        self.heading.setText(
            (self.tr("Confirm the pre-registration of %1") if confirming else
             self.tr("Reject the pre-registration of %1")).replace("%1", row.name or self.tr("(no name)"))
        )
        titles = {
            "name": self.tr("Name:"),
            "number": self.tr("ID number:"),
            "phone": self.tr("Phone:"),
            "address": self.tr("Address:"),
            "submitted_at": self.tr("Submitted:"),
        }
        for key, label in self.field_labels.items():
            label.setText(titles[key])
        if not row.number_masked:
            self.number_value.setText(self.tr("not given"))
        if card is not None:
            from workstation.storage.masking import mask_number

            how = {
                "number": self.tr("the ID number is the same"),
                "masked_number": self.tr("the visible digits of the ID number and the name are the same"),
                "name": self.tr("only the name is the same: the pre-registration holds no ID number; check it"),
            }.get(self.basis or "", "")
            self.card_note.setText(
                self.tr("Card on the reader: %1, %2 — %3")
                .replace("%1", card.name)
                .replace("%2", mask_number(card.number) or "")
                .replace("%3", how)
            )
        elif confirming:
            self.card_note.setText(self.tr("No card was read: check the person's document by eye before confirming."))
        self.card_note.setVisible(bool(self.card_note.text()))
        self._render_compare(titles)
        differ = self.differences()
        if confirming and card is not None:
            self.next_step.setText(self.tr("After confirming, the person's record opens (or a new registration "
                                           "from the card, when the person is not registered yet)."))
        elif confirming and self.existing is not None and differ:
            names = {"name": self.tr("name"), "phone": self.tr("phone"), "address": self.tr("address")}
            self.next_step.setText(
                self.tr("Confirm marks the pre-registration as checked (the platform hears of it with the next "
                        "sync). The differing %1 are NOT copied to the record: if they are right, update the "
                        "resident's record in Residents.").replace("%1", self.tr(", ").join(names[k] for k in differ))
            )
        elif confirming and self.existing is not None:
            self.next_step.setText(self.tr("Confirm marks the pre-registration as checked (the platform hears of "
                                           "it with the next sync); the record already agrees with it."))
        elif confirming and self.looked_up:
            self.next_step.setText(self.tr("No registered resident holds this ID number. Confirm only marks the "
                                           "pre-registration as checked: register the person in Residents (read "
                                           "their card) to create the record."))
        elif confirming:
            self.next_step.setText(self.tr("Confirm only marks the pre-registration as checked (the platform hears "
                                           "of it with the next sync); it changes no resident's record."))
        self.next_step.setVisible(bool(self.next_step.text()))
        self.reason.setPlaceholderText(
            self.tr("e.g. the person does not live at the address") if not confirming else self.tr("optional")
        )
        self.reason_label.setText(self.tr("&Reason:") if not confirming else self.tr("&Note:"))
        self.ok_button.setText(
            self.tr("&Confirm") if confirming else self.tr("&Reject")
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.errors.retranslate()

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

    def write(self) -> Callable[[], Any]:
        desk = self.ctx.desk
        pid, outcome, reason = self.row.id, self.outcome, self.reason.toPlainText()
        return lambda: desk.preregistrations.settle(pid, outcome=outcome, reason=reason)
