"""Small pieces the Administration page's tabs share: a note line that says what an action did (or
why it was refused, in plain words), and the way a failed action is shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from workstation.errors import UserFacingError, ValidationError
from workstation.ui import i18n
from workstation.ui.errors import show_error
from workstation.ui.widgets.field_errors import FieldErrors

_BOX = "padding: 6px 8px; border: 1px solid {b}; background: {bg}; color: {fg};"
STYLES = {
    "info": _BOX.format(b="#5a9e5a", bg="#e8f5e8", fg="#12361a"),
    "warning": _BOX.format(b="#c8a600", bg="#fff4ce", fg="#3d2e00"),
    "error": _BOX.format(b="#b3261e", bg="#fde7e9", fg="#8c1d18"),
}


class Note(QLabel):
    """One line under a tab's actions: what the last action did, or why it was refused."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = ""
        self.hide()

    def say(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setStyleSheet(STYLES.get(kind, STYLES["info"]))
        self.setText(text)
        self.setVisible(bool(text))

    def clear_note(self) -> None:
        self.kind = ""
        self.clear()
        self.hide()


Reasons = FieldErrors  # reasons beside their fields, said again in a new UI language (`retranslate`)


def refusal_text(exc: BaseException) -> str:
    """A user-facing error as one plain sentence (validation reasons joined)."""
    if isinstance(exc, ValidationError):
        return QCoreApplication.translate("AdminPage", "Not done:") + " " + "; ".join(
            i18n.problem_text(p) for p in exc.problems
        )
    return i18n.message_of(exc)


def failure_to(widget: QWidget, note: Note | None = None, fields: FieldErrors | None = None) -> Any:
    """An `Op.on_failure` handler: validation reasons beside their fields (`fields`), the rest of a
    user-facing error on `note` (or the window's message bar); bugs and a changed account go to
    `workstation.ui.errors.show_error` (crash dialog / back to the login)."""
    from workstation.storage.errors import OperatorInactive

    def handle(exc: BaseException) -> bool:
        if isinstance(exc, UserFacingError) and not isinstance(exc, OperatorInactive):
            if isinstance(exc, ValidationError) and fields is not None:
                rest = fields.show(exc.problems)
                if not rest:
                    if note is not None:
                        note.clear_note()
                    return True
                exc = ValidationError(rest)
            if note is not None:
                note.say(refusal_text(exc), "error")
                return True
        show_error(widget, exc, fields=fields)
        return True

    return handle


def heading(text_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(text_name)
    f = label.font()
    f.setPointSizeF(f.pointSizeF() * 1.15)
    f.setBold(True)
    label.setFont(f)
    return label


def hint(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #444;")
    return label
