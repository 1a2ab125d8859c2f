"""Help: F1 on every page shows that page's "what is this" text, in English and in Chinese; the Help menu
has the same entry; the About box shows the versions, the station, the database path and the key backend."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from conftest import window_login
from workstation.domain.enums import Role
from workstation.storage.station import db_path
from workstation.ui.help import page_help
from workstation.ui.pages import NAV

CJK = re.compile(r"[\u4e00-\u9fff]")


def press_f1(qtbot, win):
    # the offscreen platform does not give activation back to the window when a dialog closes; a desktop does
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(win, "help_dialog", None) is not None and win.help_dialog.isVisible())
    return win.help_dialog


def test_every_page_has_help_in_both_languages(languages):
    for item in NAV:
        languages.switch("en")
        en = page_help(item.key)
        assert en and not CJK.search(en), item.key
        languages.switch("zh_CN")
        zh = page_help(item.key)
        assert CJK.search(zh) and zh != en, item.key
    languages.switch("en")


@pytest.mark.parametrize("role", [Role.OFFICER, Role.ADMIN])
def test_f1_on_each_page_shows_its_text_in_both_languages(qtbot, main_window, switch_language, role):
    win = main_window
    window_login(qtbot, win, role)
    session = win.session
    assert session is not None
    for i, item in enumerate(session.items):
        switch_language("en")
        win.go_to_index(i)
        assert session.current_page is session.pages[item.key]
        dlg = press_f1(qtbot, win)
        assert dlg.text() == session.pages[item.key].help_text() == page_help(item.key)
        assert dlg.heading.text() == session.pages[item.key].title()
        english = dlg.text()
        switch_language("zh_CN")  # the open help follows the language
        qtbot.waitUntil(lambda d=dlg, en=english: d.text() != en)
        assert CJK.search(dlg.text()) and dlg.text() == page_help(item.key), item.key
        dlg.close()
        dlg = press_f1(qtbot, win)  # and F1 in Chinese shows the Chinese text
        assert dlg.text() == page_help(item.key) and CJK.search(dlg.text())
        dlg.close()
    switch_language("en")


def test_help_menu_entry_and_the_login_screen(qtbot, main_window):
    win = main_window
    assert win.act_help in win.menu_help.actions()
    assert win.act_help.shortcut().toString() == "F1"
    win.act_help.trigger()  # nobody logged in: the login screen's help
    qtbot.waitUntil(lambda: win.help_dialog.isVisible())
    assert win.help_dialog.text() == page_help("login")
    win.help_dialog.close()


def test_about_shows_versions_station_database_and_key(qtbot, main_window, ui_station, shoot):
    import PySide6

    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    win.act_about.trigger()
    dlg = win.about_dialog
    qtbot.waitUntil(dlg.isVisible)
    values = {k: v.text() for k, v in dlg.values.items()}
    assert values["database"] == str(db_path(ui_station.data_dir))
    assert PySide6.__version__ in values["qt"]
    assert ui_station.station_code in values["station"] and ui_station.station_name in values["station"]
    assert values["key"] == QCoreApplication.translate("help", "recovery passphrase (no keyring entry used)")
    qtbot.waitUntil(lambda: dlg.values["sqlcipher"].text() not in ("…", "?"), timeout=10_000)
    assert re.match(r"\d+\.\d+", dlg.values["sqlcipher"].text())
    dlg.close()

    from workstation.ui.help import AboutDialog, HelpDialog

    def about():
        d = AboutDialog(ui_station, win)
        qtbot.waitUntil(lambda: d.values["sqlcipher"].text() != "…", timeout=10_000)
        return d

    shots = shoot.made(about, "about")
    shots += shoot.made(
        lambda: HelpDialog("devices", lambda: QCoreApplication.translate("pages", "Devices"), win), "help-devices"
    )
    assert len(shots) == 4
