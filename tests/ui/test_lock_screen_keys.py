"""The lock screen's "Another operator" has a key (Alt+A) like every other control there: the new
officer's trial typed Alt+O and got an "o" in the password field. Its other state says where it goes
back to ("Back to unlocking officer1"), and both read in Chinese with the same key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from conftest import window_login
from workstation.domain.enums import Role


def _mnemonic(text: str) -> str:
    return QKeySequence.mnemonic(text).toString()


def test_alt_a_switches_to_another_operator_and_back(main_window, qtbot, switch_language):
    window_login(qtbot, main_window, Role.OFFICER)
    main_window.lock()
    screen = main_window.login_screen
    button = screen.other_button
    assert _mnemonic(button.text()) == "Alt+A"
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow, timeout=5_000)
    screen.password.setFocus()
    qtbot.keyClick(screen.password, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: screen.login_button.text() == "Log in", timeout=5_000)
    assert screen.password.text() == ""  # the key switched, it typed nothing
    assert button.text() == "&Back to unlocking officer1" and _mnemonic(button.text()) == "Alt+B"
    switch_language("zh_CN")
    qtbot.waitUntil(lambda: screen.login_button.text() == "登录")
    assert "officer1" in button.text() and "Back" not in button.text() and _mnemonic(button.text()) == "Alt+B"
    switch_language("en")
    qtbot.waitUntil(lambda: screen.login_button.text() == "Log in")
    button.click()
    assert screen.login_button.text() == "Unlock" and _mnemonic(button.text()) == "Alt+A"
