"""Delete a resident: the reason asked in a window-modal dialog over the record, then
`desk.residents.delete` on the DB lane.

Window-modal and opened with `open()` (no nested event loop): it blocks the record's window and the
main window behind it, never the demo desk or the devices — a card placed meanwhile is still read.
"Delete" stays disabled until a reason is typed (the core refuses a blank one too); Enter deletes,
Esc cancels. A refusal of the core (the record changed or went meanwhile, the role may not delete)
shows in the dialog in the operator's language; the reason typed stays for another try.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from workstation.errors import Conflict, UserFacingError, ValidationError
from workstation.ui import i18n
from workstation.ui.widgets.dialogs import DeskDialog, heading, ok_cancel


class DeleteResidentDialog(DeskDialog):
    """Ask why `detail` (a `ResidentDetail`: `id`, `version`, `name`) is deleted, then delete it.
    `deleted(person_id)` after the core deleted it (the dialog then accepts); `reason_text` is what the core
    is given, `refusal` the core's last refusal (shown in `message`)."""

    deleted = Signal(str)

    def __init__(self, ctx: Any, detail: Any, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.detail = detail
        self.setObjectName("deleteResident")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.refusal: UserFacingError | None = None  # the core's last refusal, shown in `message`

        self.heading = heading("heading", scale=1.2)
        self.about = QLabel()
        self.about.setObjectName("about")
        self.about.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.reason_label, self.reason)
        self.message = QLabel()  # the core's refusal, in the operator's language
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel#message { background: #fdecea; color: #8a1c1c; border: 1px solid #8a1c1c;"
                                   " padding: 6px; }")
        self.message.hide()
        self.buttons, self.ok_button, self.cancel_button = ok_cancel(self.delete, self.reject)
        self.ok_button.setEnabled(False)
        self.reason.textChanged.connect(self._on_reason)

        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.about)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()
        self.reason.setFocus()

    def retranslate(self) -> None:
        """Every text in the UI language (again after a language switch)."""
        self.setWindowTitle(self.tr("Delete the resident"))
        self.heading.setText(self.tr("Delete %1?").replace("%1", self.detail.name))
        self.about.setText(self.tr("The record and its housing bindings are deleted; the deletion is sent to "
                                   "the platform at the next sync. The reason is recorded in the audit trail."))
        self.reason_label.setText(self.tr("&Reason:"))
        self.reason.setPlaceholderText(self.tr("Why is the record deleted? For example: moved out of the area"))
        self.ok_button.setText(self.tr("&Delete"))
        self._on_reason("")
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_refusal()

    @property
    def reason_text(self) -> str:
        """The reason as the core gets it (trimmed)."""
        return self.reason.text().strip()

    def _on_reason(self, _text: str) -> None:
        self.ok_button.setEnabled(bool(self.reason_text) and not self.busy)
        self.ok_button.setToolTip("" if self.reason_text else self.tr("Type the reason first"))

    def delete(self) -> None:
        """Delete with the typed reason (DB lane). Nothing without a reason or while a delete runs."""
        reason = self.reason_text
        if not reason or self.busy:
            return
        self.refusal = None
        self.message.hide()
        pid, version = self.detail.id, self.detail.version
        residents = self.ctx.desk.residents
        self.submit(lambda: residents.delete(pid, base_version=version, reason=reason), self._deleted,
                    failed=self._failed, disable=(self.reason, self.buttons), after=self._after_submit)

    def _after_submit(self) -> None:
        self._on_reason("")
        self.reason.setFocus()  # the keyboard back in the reason (it was disabled meanwhile)

    def _deleted(self, _changes: Any) -> None:
        self.deleted.emit(self.detail.id)
        self.accept()

    def _failed(self, exc: BaseException) -> bool:
        from workstation.storage.errors import OperatorInactive

        if not isinstance(exc, UserFacingError) or isinstance(exc, OperatorInactive):
            return False  # a bug, or the session ended: the app's own handling
        self.refusal = exc
        self._show_refusal()
        return True

    def _show_refusal(self) -> None:
        """The core's refusal (`refusal`) in the UI language, under the reason."""
        exc = self.refusal
        if exc is None:
            self.message.hide()
            return
        if isinstance(exc, Conflict):
            text = self.tr("Not deleted: someone changed this record after you opened it. Press Cancel, then "
                           "Reload (F5) to see the current record; delete it again if it should still go.")
        elif isinstance(exc, ValidationError):
            text = self.tr("Not deleted:") + " " + "; ".join(i18n.problem_text(p) for p in exc.problems)
        else:
            text = self.tr("Not deleted:") + " " + i18n.message_of(exc)
        self.message.setText(text)
        self.message.show()

    def reject(self) -> None:
        if self.busy:  # the delete is on its way: its answer comes to this dialog
            return
        super().reject()
