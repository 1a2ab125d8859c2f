"""Languages: switched in the running app without a restart (every screen re-labels itself), the
core's messages follow, Qt's own strings too, and the choice is remembered per operator."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from conftest import window_login
from workstation.domain.enums import Role
from workstation.ui import i18n


def test_switch_without_restart_and_remembered_per_operator(main_window, qtbot, emulated_devices, monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: "en")
    window_login(qtbot, main_window, Role.OFFICER)
    light = main_window.lights["idcard"]
    assert "emulated" in light.toolTip()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"

    main_window.act_languages["zh_CN"].trigger()
    qtbot.wait(50)  # Qt posts QEvent.LanguageChange to every window
    assert i18n.current() == "zh_CN"
    assert "模拟设备" in light.toolTip()  # the core's message, in the UI language
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"  # Qt's own strings
    assert main_window.act_languages["zh_CN"].isChecked()
    assert main_window.station.preferences.language_of("officer1") == "zh_CN"

    # another operator: their own (here none: the system's) language
    main_window.logout()
    window_login(qtbot, main_window, Role.ASSISTANT)
    assert i18n.current() == "en"
    main_window.logout()
    # the first operator again: Chinese, remembered
    window_login(qtbot, main_window, Role.OFFICER)
    assert i18n.current() == "zh_CN"
    main_window.act_languages["en"].trigger()
    qtbot.wait(50)
    assert i18n.current() == "en" and "emulated" in light.toolTip()


def test_login_screen_language_box_switches_at_once(main_window, qtbot, monkeypatch):
    screen = main_window.login_screen
    i = screen.language.findData("zh_CN")
    screen.language.setCurrentIndex(i)
    assert i18n.current() == "zh_CN"
    screen.language.setCurrentIndex(screen.language.findData("en"))
    assert i18n.current() == "en"


def test_cjk_font_fallback_list(qapp):
    from PySide6.QtGui import QFontDatabase

    font = qapp.font()
    assert font.families()[:5] == [f for f in i18n.CJK_FONTS if f in QFontDatabase.families()] + [
        f for f in i18n.CJK_FONTS if f not in QFontDatabase.families()]
    assert font.pointSizeF() >= i18n.MIN_POINT_SIZE


def test_start_language_follows_workstation_lang_then_the_system_locale(qapp, monkeypatch):
    from PySide6.QtCore import QLocale

    monkeypatch.setenv("WORKSTATION_LANG", "en_GB.UTF-8")
    assert i18n.system_language() == "en"
    monkeypatch.setenv("WORKSTATION_LANG", "zh_CN")
    assert i18n.system_language() == "zh_CN"
    monkeypatch.delenv("WORKSTATION_LANG")
    expected = {QLocale.Language.Chinese: "zh_CN", QLocale.Language.C: "zh_CN"}.get(
        QLocale.system().language(), "en")
    assert i18n.system_language() == expected
