"""Reasons shown beside the fields they belong to (`ValidationError.problems`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget


class FieldErrors:
    """Maps field names (the names the domain's validation uses: "number", "phone", …) to a label under
    each field. `show(problems)` returns the problems that name no registered field (shown elsewhere).

    Usage::

        self.errors = FieldErrors()
        layout.addRow(self.tr("Phone"), self.errors.wrap("phone", self.phone_edit))
    """

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}

    def register(self, name: str, field: QWidget, label: QLabel) -> None:
        label.setObjectName(f"error_{name}")
        label.setWordWrap(True)
        label.setStyleSheet("color: #b3261e;")  # with words, never colour alone
        label.hide()
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
        for label in self._labels.values():
            label.clear()
            label.hide()

    def show(self, problems: Iterable[Any]) -> list[Any]:
        """Show each problem (`workstation.errors.Problem`, or a (field, text) pair) beside its field, in
        the UI language (several for one field are joined); focus the first such field. Returns the
        problems that name no registered field."""
        from workstation.ui.i18n import problem_text

        self.clear()
        rest: list[Any] = []
        texts: dict[str, list[str]] = {}
        for p in problems:
            name = p[0]
            if name in self._labels:
                texts.setdefault(name, []).append(problem_text(p))
            else:
                rest.append(p)
        first: QWidget | None = None
        for name, items in texts.items():
            label = self._labels[name]
            label.setText("\n".join(items))
            label.show()
            if first is None:
                first = self._fields[name]
        if first is not None:
            first.setFocus()
        return rest
