"""A focus ring that is always visible: a 2 px ring drawn over the edge of the widget that has the
keyboard focus (fields, drop-downs, buttons, check boxes, lists).

Why not the style's own: Fusion marks a focused drop-down or button only after a Tab or a shortcut moved
the focus (Qt's "keyboard focus change" state); a focus the desk moves itself — to the room once a
property is chosen, to the first field a validation error names, back into a form after a dialog —
is not marked at all, and a keyboard user loses the cursor. Why not a style sheet: a ``:focus`` rule
switches a focused drop-down or button to the style sheet's flat drawing, and an empty drop-down's
placeholder ("choose the room") is then drawn like a chosen value.

One filter for the whole app (`install`): it follows `QApplication.focusChanged` and watches only the
widget that has the focus, drawing the ring after the widget painted itself.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

COLOUR = QColor("#0b57d0")  # a strong blue: 7:1 against the window's grey, not an error's red
WIDTH = 2.0  # px
RINGED = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView)


class FocusRing(QObject):
    """Draws the ring on the focus widget (see the module docstring). `target` is the widget ringed now."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.target: QWidget | None = None
        app.focusChanged.connect(self._on_focus_changed)

    @staticmethod
    def ringed(widget: QWidget | None) -> QWidget | None:
        """The widget to ring for a focus on `widget`: the widget, its drop-down or spin box when it is
        their line edit, None for a widget that is not an input (or lives in a popup: a list of choices)."""
        if widget is None or not shiboken6.isValid(widget):
            return None
        parent = widget.parentWidget()
        if isinstance(widget, QLineEdit) and isinstance(parent, QComboBox | QAbstractSpinBox):
            widget = parent
        if not isinstance(widget, RINGED):
            return None
        if widget.window().windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            return None
        return widget

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        old = self.target
        self.target = self.ringed(new)
        if old is self.target:
            return
        if old is not None and shiboken6.isValid(old):
            old.removeEventFilter(self)
            old.update()
        if self.target is not None:
            self.target.installEventFilter(self)
            self.target.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or watched is not self.target:
            return False
        widget = self.target
        assert widget is not None
        widget.event(event)  # the widget paints itself first; the ring goes on top of its edge
        focus = QApplication.focusWidget()
        if focus is not None and (focus is widget or widget.isAncestorOf(focus)):
            painter = QPainter(widget)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(COLOUR, WIDTH))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = WIDTH / 2
            painter.drawRoundedRect(QRectF(widget.rect()).adjusted(half, half, -half, -half), 3, 3)
            painter.end()
        return True


_installed: list[FocusRing] = []


def install(app: QApplication) -> FocusRing:
    """Draw the focus ring in every window of `app` (once per application; returns the ring)."""
    for ring in _installed:
        if shiboken6.isValid(ring) and ring.parent() is app:
            return ring
    ring = FocusRing(app)
    _installed[:] = [ring]
    return ring
