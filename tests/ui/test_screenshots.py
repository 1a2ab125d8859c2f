"""Screenshots of every screen and dialog of the frame, in English and Chinese, at 1366×768 and
1920×1080 (windows) or their own size (dialogs), into the folder `shots_dir` names (see conftest).
A person looks at them; the test checks what a machine can: every PNG written, no English left in
the Chinese frame's menus and navigation, the window's texts fit (no label cut off)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox

from conftest import window_login
from workstation.domain.enums import Role
from workstation.ui import errors, i18n


def _labels_fit(root) -> list[str]:
    """Single-line labels whose text is wider than the label (clipped)."""
    bad = []
    for lab in root.findChildren(QLabel):
        if lab.isVisible() and not lab.wordWrap() and lab.text() and "<" not in lab.text():
            need = lab.fontMetrics().horizontalAdvance(lab.text())
            if need > lab.width() + 2:
                bad.append(f"{lab.objectName() or lab.text()[:20]}: {need} > {lab.width()}")
    return bad


def test_frame_screens(main_window, qtbot, shoot, shots_dir, emulated_devices, switch_language):
    written = []
    written += shoot(main_window, "01-login")
    window_login(qtbot, main_window, Role.OFFICER)
    written += shoot(main_window, "02-today-officer")
    for key in ("residents", "properties", "sync"):
        written += shoot(main_window, f"03-page-{key}", prepare=lambda key=key: main_window.show_page(key))
    main_window.show_page("today")
    main_window.show_message(errors.tr("Not saved:") + " phone: not a mobile number", "error")
    written += shoot(main_window, "04-message-bar")
    main_window.message_bar.clear()
    main_window.lock()
    written += shoot(main_window, "05-locked")
    main_window.logout()
    window_login(qtbot, main_window, Role.ADMIN)
    for key in ("audit", "admin", "devices"):
        written += shoot(main_window, f"06-admin-{key}", prepare=lambda key=key: main_window.show_page(key))

    switch_language("zh_CN")
    qtbot.wait(50)
    for size in ((1366, 768), (1920, 1080)):
        main_window.resize(*size)
        qtbot.wait(20)
        assert _labels_fit(main_window) == []
    assert len(written) == 4 * (1 + 1 + 3 + 1 + 1 + 3)
    assert all(p.stat().st_size > 5000 for p in written)
    print(f"screenshots in {shots_dir}")


def test_chinese_frame_has_no_english_left(main_window, qtbot, switch_language):
    window_login(qtbot, main_window, Role.ADMIN)
    switch_language("zh_CN")
    qtbot.wait(50)
    for menu in (main_window.menu_desk, main_window.menu_go, main_window.menu_view, main_window.menu_help):
        assert not menu.title().replace("&", "").isascii(), menu.title()
    session = main_window.session
    for i in range(session.nav.count()):
        assert not session.nav.item(i).text().isascii(), session.nav.item(i).text()
    for light in main_window.lights.values():
        assert not light.text().isascii()


def test_frame_dialogs(main_window, qtbot, shoot, ui_station):
    from workstation.storage.errors import WrongKey
    from workstation.ui.progress import DelayedProgress
    from workstation.ui.unlock import PassphraseDialog

    shoot.made(lambda: PassphraseDialog(str(ui_station.data_dir), main_window), "10-passphrase")

    def wrong():
        dlg = PassphraseDialog(str(ui_station.data_dir), main_window)
        dlg.show_error(i18n.message_of(WrongKey("passphrase")))
        return dlg

    shots = shoot.made(wrong, "11-passphrase-wrong")
    assert len(shots) == 2

    def crash():
        try:
            raise RuntimeError("demo bug")
        except RuntimeError as exc:
            errors.report_bug(exc, main_window)
        return [b for b in main_window.findChildren(QMessageBox, "crash_dialog") if b.isVisible()][-1]

    shoot.made(crash, "12-crash")

    def progress():
        p = DelayedProgress(main_window, QCoreApplication.translate("MainWindow", "Syncing with the central platform…"),
                            cancellable=True, delay_ms=0)
        qtbot.waitUntil(lambda: p.shown)
        p.update(40, 100, "2 / 5")
        return p.dialog

    shoot.made(progress, "13-progress")
