"""Enter on a focused button presses it, in every window of the app.

The desk's forms keep their buttons off auto-default (`widgets.dialogs.button`, the registration form,
the record view): Enter in a field then moves on or saves as the form says, and never presses a button
the operator did not choose. Qt lets such a button take Enter only while it is the dialog's default, so
an officer who tabbed to "Save" and pressed Enter got nothing (Space worked). Windows and the UOS/Kylin
desktops press the focused button on Enter: this filter does that for every focused `QPushButton` that
is not auto-default (an auto-default one already does), and leaves every other key and widget alone.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterPresses(QObject):
    """Follows the focus; while a button that is not auto-default has it, Enter clicks that button."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.target: QPushButton | None = None
        app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        old = self.target
        self.target = new if isinstance(new, QPushButton) and not new.autoDefault() else None
        if old is self.target:
            return
        if old is not None and shiboken6.isValid(old):
            old.removeEventFilter(self)
        if self.target is not None:
            self.target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.target or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() not in ENTER_KEYS or mods != Qt.KeyboardModifier.NoModifier:
            return False
        button = self.target
        assert button is not None
        if button.isEnabled() and button.isVisible() and not event.isAutoRepeat():
            button.click()
        return True


_installed: list[EnterPresses] = []


def install(app: QApplication) -> EnterPresses:
    """Make Enter press the focused button in every window of `app` (once per application)."""
    for filt in _installed:
        if shiboken6.isValid(filt) and filt.parent() is app:
            return filt
    filt = EnterPresses(app)
    _installed[:] = [filt]
    return filt
