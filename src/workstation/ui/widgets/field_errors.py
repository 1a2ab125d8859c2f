"""Reasons shown beside the fields they belong to (`ValidationError.problems`), and a label of reasons
that belong to no one field (`ProblemsLabel`), in the same red."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

COLOUR = "#b3261e"  # with words, never colour alone


def _style(label: QLabel, name: str) -> None:
    label.setObjectName(name)
    label.setWordWrap(True)
    # the red through the palette, not a style sheet of its own: a form has a label per field, and each
    # sheet was parsed and polished apart while the form was built (a spare registration form: ~5 ms)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(COLOUR))
    label.setPalette(palette)
    label.hide()


class ProblemsLabel(QLabel):
    """Reasons that name no field of a form (one a line), hidden while there are none."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _style(self, name)

    def show_lines(self, lines: Iterable[str]) -> None:
        """Show `lines` (texts in the UI language); none: hide the label."""
        lines = list(lines)
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))


class FieldErrors:
    """Maps field names (the names the domain's validation uses: "number", "phone", …) to a label under
    each field. `show(problems)` returns the problems that name no registered field (shown elsewhere).

    The reasons shown are remembered: `retranslate()` says them again in a new UI language.

    Usage::

        self.errors = FieldErrors()
        layout.addRow(self.tr("Phone"), self.errors.wrap("phone", self.phone_edit))
    """

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}
        self._shown: list[Any] = []

    def register(self, name: str, field: QWidget, label: QLabel) -> None:
        _style(label, f"error_{name}")
        self._labels[name] = label
        self._fields[name] = field

    def wrap(self, name: str, field: QWidget) -> QWidget:
        """A container with `field` and its (hidden) error label below it; register both."""
        from PySide6.QtWidgets import QVBoxLayout

        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(field)
        label = QLabel(box)
        lay.addWidget(label)
        self.register(name, field, label)
        return box

    def label(self, name: str) -> QLabel | None:
        return self._labels.get(name)

    def clear(self) -> None:
        self._shown = []
        for label in self._labels.values():
            label.clear()
            label.hide()

    def show(self, problems: Iterable[Any]) -> list[Any]:
        """Show each problem (`workstation.errors.Problem`, or a (field, text) pair) beside its field, in
        the UI language (several for one field are joined); focus the first such field. Returns the
        problems that name no registered field."""
        self.clear()
        rest: list[Any] = []
        for p in problems:
            (self._shown if p[0] in self._labels else rest).append(p)
        first: QWidget | None = None
        for name in self._say():
            self._labels[name].show()
            if first is None:
                first = self._fields[name]
        if first is not None:
            first.setFocus()
        return rest

    def retranslate(self) -> None:
        """Say the reasons shown again in the UI language (after a language switch)."""
        self._say()

    def _say(self) -> list[str]:
        """Set the labels' texts from `_shown`; returns the fields named, in order."""
        from workstation.ui.i18n import problem_text

        texts: dict[str, list[str]] = {}
        for p in self._shown:
            texts.setdefault(p[0], []).append(problem_text(p))
        for name, items in texts.items():
            self._labels[name].setText("\n".join(items))
        return list(texts)
