"""Enter on a focused button presses it (`widgets.enter_key`), although the desk's buttons are not
auto-default: the new officer's trial tabbed to "Save" after the fingerprint, pressed Enter and got
nothing (Space worked). Enter in a field still does what the form says (next field), never a button."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QVBoxLayout

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import *  # noqa: F403 - the desk's fixtures (bridge, ctx, runner, station_fx, ...)
from desk_fixtures import drain
from test_registration_fingerprint_atomic import _fill, _fingerprints, _hand_over, _persons, _taken

from workstation.ui.screens.registration import new_manual_registration

pytestmark = pytest.mark.qt


def _focus(qtbot, widget) -> None:
    window = widget.window()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=5_000)


def test_enter_on_the_focused_save_button_saves_after_the_fingerprint(qtbot, ctx, runner, station_fx):
    form = new_manual_registration(ctx, None)
    _fill(form)
    _hand_over(form, _taken())
    assert not form.save_button.autoDefault()  # Enter in a field must not press it
    _focus(qtbot, form.save_button)
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        qtbot.keyClick(form.save_button, Qt.Key.Key_Return)
    drain(qtbot, runner)
    assert _persons(station_fx.db) == [saved.args[0]]
    assert len(_fingerprints(station_fx.db)) == 1


def test_enter_in_a_field_moves_on_and_presses_no_button(qtbot, ctx, runner, station_fx):
    form = new_manual_registration(ctx, None)
    _fill(form)
    _hand_over(form, _taken())
    _focus(qtbot, form.editors["phone"])
    qtbot.keyClick(form.editors["phone"], Qt.Key.Key_Return)
    qtbot.wait(200)
    drain(qtbot, runner)
    assert _persons(station_fx.db) == []
    assert QApplication.focusWidget() is not form.editors["phone"]


def test_enter_and_keypad_enter_press_a_focused_plain_button_but_not_with_ctrl(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    field = QLineEdit(dialog)
    button = QPushButton("Go", dialog)
    button.setAutoDefault(False)
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addWidget(button)
    pressed: list[bool] = []
    button.clicked.connect(lambda: pressed.append(True))
    _focus(qtbot, button)
    qtbot.keyClick(button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert pressed == []
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert pressed == [True]
    qtbot.keyClick(button, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert pressed == [True, True]
    button.setEnabled(False)
    button.setEnabled(True)
    _focus(qtbot, field)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # a field's Enter is the field's (no default button here)
    assert pressed == [True, True]
