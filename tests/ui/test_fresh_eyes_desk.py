"""Findings of the fresh-eyes trial of the demo desk (the lead's report of a newcomer's first hour): the
demo desk stays usable while a dialog waits for the hand it stands in for, the keyboard and focus at
the registration form's room, page keys from any field of the main window, the photo setting, the
save's confirmation, the lock message's wrapping."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))


from conftest import window_login
from workstation.domain.enums import FingerPosition, FingerprintSkipReason, Role
from workstation.storage.schema import Fingerprint, IdentityDocumentRow

pytestmark = pytest.mark.qt


@pytest.fixture(autouse=True)
def _close_dialogs() -> Any:
    """Close what a test left open without the "discard?" question (`done`, not `reject`)."""
    yield
    from PySide6.QtWidgets import QDialog

    for w in QApplication.topLevelWidgets():
        if shiboken6.isValid(w) and isinstance(w, QDialog) and w.isVisible():
            w.done(0)
    QApplication.processEvents()



def click(widget: QWidget) -> None:
    """A mouse click as the window system delivers it: to the widget's window (a QWindow event), so a
    window blocked by a modal dialog does not get it (QTest's widget overload would bypass that)."""
    window = widget.window()
    handle = window.windowHandle()
    assert handle is not None, f"{window.objectName()} has no native window"
    pos: QPoint = widget.mapTo(window, widget.rect().center())
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press as the keyboard sends it: to the window that has the focus (there must be one)."""
    window = QApplication.focusWindow()
    assert window is not None, "no window has the keyboard"
    QTest.keyClick(window, k, modifier)


def type_chinese(widget: QWidget, text: str) -> None:
    """Chinese typed through an input method (QTest knows ASCII keys only)."""
    from PySide6.QtGui import QInputMethodEvent

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def ring_shown(widget: QWidget) -> bool:
    """The focus ring is drawn round `widget` (its four edges in the ring's colour), as it looks."""
    from workstation.ui.widgets.focus_ring import COLOUR

    img = widget.grab().toImage()
    w, h = img.width(), img.height()

    def near(x: int, y: int) -> bool:
        c = img.pixelColor(x, y)
        return max(abs(c.red() - COLOUR.red()), abs(c.green() - COLOUR.green()), abs(c.blue() - COLOUR.blue())) < 40

    return all(near(x, y) for x, y in ((1, h // 2), (w - 2, h // 2), (w // 2, 1), (w // 2, h - 2)))


def card_form(main_window: Any, qtbot: Any) -> Any:
    """Log in as an officer, place the resident ID card from the demo desk: the new registration's form."""
    window_login(qtbot, main_window, Role.OFFICER)
    desk = main_window.demo_desk
    qtbot.waitUntil(lambda: desk.note.text() == "", timeout=10_000)
    desk.card_choice.setCurrentIndex(desk.card_choice.findText("Resident ID card"))
    click(desk.place_card)
    qtbot.waitUntil(lambda: len(visible_forms()) == 1, timeout=15_000)
    form = visible_forms()[0]
    # the form put the cursor in its first field (it does so once it is on screen)
    qtbot.waitUntil(lambda: not form._focus_pending and QApplication.focusWidget() is form.editors["phone"],
                    timeout=5_000)
    return form


def visible_forms() -> list[Any]:
    from workstation.ui.screens.registration.form import RegistrationForm

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, RegistrationForm) and w.isVisible()]


def test_fingerprint_is_captured_by_pressing_the_demo_desks_own_buttons(main_window, qtbot, emulated_devices):
    """Finding 1 (blocker): the capture dialog is modal; the demo desk stands in for the hand and must not be
    blocked by it. A card placed from the demo desk opens the form, F4 opens the capture, three presses on
    the demo desk's buttons enrol the finger, and the saved resident has the template."""
    window_login(qtbot, main_window, Role.OFFICER)
    desk = main_window.demo_desk
    qtbot.waitUntil(lambda: desk.note.text() == "", timeout=10_000)
    desk.card_choice.setCurrentIndex(desk.card_choice.findText("Resident ID card"))
    click(desk.place_card)
    qtbot.waitUntil(lambda: len(visible_forms()) == 1, timeout=15_000)
    form = visible_forms()[0]
    click(form.fingerprint_button)
    qtbot.waitUntil(lambda: getattr(form, "fingerprint_dialog", None) is not None, timeout=5_000)
    dialog = form.fingerprint_dialog
    assert dialog.isVisible() and dialog.isModal()
    scanner = emulated_devices.device("fingerprint")

    def asks(code: str, press: int) -> bool:  # what the dialog shows now (a step waits for the hand)
        step = dialog._last_step
        return step is not None and step.code == code and step.press == press

    for press in (1, 2, 3):
        qtbot.waitUntil(lambda press=press: asks("place_finger", press), timeout=20_000)
        click(desk.good_finger)
        qtbot.waitUntil(lambda press=press: asks("lift_finger", press), timeout=20_000)
        click(desk.lift_finger)
        qtbot.waitUntil(lambda: not scanner.finger_present, timeout=5_000)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=20_000)
    assert QApplication.activeWindow() is dialog  # the presses did not take the keyboard from the dialog
    QTest.keyClick(QApplication.focusWindow(), Qt.Key.Key_Return)  # "Use this fingerprint" (the default)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=5_000)
    assert form.capture is not None and form.capture.result is not None
    assert QApplication.focusWindow() is form.windowHandle()  # the keyboard is back in the form
    QTest.keyClick(QApplication.focusWindow(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not visible_forms(), timeout=20_000)
    with main_window.station.db.read() as s:
        rows = s.execute(
            select(Fingerprint.position, Fingerprint.quality)
            .join(IdentityDocumentRow, IdentityDocumentRow.person_id == Fingerprint.person_id)
            .where(IdentityDocumentRow.number == "11010519491231002X")
        ).all()
    assert [r.position for r in rows] == [int(FingerPosition.RIGHT_INDEX)] and rows[0].quality >= 50


def test_a_test_read_waiting_for_a_finger_takes_the_demo_desks_press(main_window, qtbot, emulated_devices):
    """The Devices page's test read of the scanner waits for a finger behind a window-modal progress
    dialog: the demo desk's "Good press" reaches the scanner all the same."""
    from PySide6.QtWidgets import QProgressDialog

    window_login(qtbot, main_window, Role.OFFICER)
    page = main_window.show_page("devices")
    qtbot.waitUntil(lambda: page.rows["fingerprint"].test.isEnabled(), timeout=15_000)
    click(page.rows["fingerprint"].test)

    def progress() -> Any:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()),
                    None)

    qtbot.waitUntil(lambda: progress() is not None, timeout=10_000)  # the read waits, the window is blocked
    assert progress().windowModality() == Qt.WindowModality.WindowModal
    click(main_window.demo_desk.good_finger)
    qtbot.waitUntil(lambda: "fingerprint" in page.last_results, timeout=15_000)
    assert "finger was detected" in page.rows["fingerprint"].result.text()
    click(main_window.demo_desk.lift_finger)
    qtbot.waitUntil(lambda: not emulated_devices.device("fingerprint").finger_present, timeout=5_000)


def test_the_skip_question_does_not_block_the_demo_desk(main_window, qtbot, emulated_devices):
    """Skip… asks why in a dialog of its own, modal to the capture dialog's window only: the demo desk
    stays usable while it is open."""
    from workstation.ui.screens.registration import new_manual_registration
    from workstation.ui.screens.registration.fingerprint import SkipDialog

    window_login(qtbot, main_window, Role.OFFICER)
    form = new_manual_registration(main_window.session.ctx, main_window)
    qtbot.waitUntil(form.isVisible)
    form.take_fingerprint()
    dialog = form.fingerprint_dialog
    qtbot.waitUntil(lambda: dialog._last_step is not None and dialog._last_step.code == "place_finger",
                    timeout=20_000)
    click(dialog.skip_button)
    ask = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SkipDialog) and w.isVisible())
    assert ask.windowModality() == Qt.WindowModality.WindowModal
    scanner = emulated_devices.device("fingerprint")
    click(main_window.demo_desk.good_finger)
    qtbot.waitUntil(lambda: scanner.finger_present, timeout=5_000)
    click(main_window.demo_desk.lift_finger)
    qtbot.waitUntil(lambda: not scanner.finger_present, timeout=5_000)
    ask.reject()
    form._dirty = False
    form.close()


def test_the_room_is_next_after_the_property_and_its_focus_is_visible(main_window, qtbot, emulated_devices):
    """Finding 2: ↓+Enter on the property moves the cursor to the room, visibly, and opens its list; Tab
    goes property → room → notes; a refused save's "choose the room" puts a visible cursor on the room."""
    form = card_form(main_window, qtbot)
    housing = main_window.session.ctx.desk.housing
    pid = housing.create_property(address="演示市东城区焦点路7号", grid_code="G07").id
    for label in ("101", "102"):
        housing.add_room(pid, label=label)
    prop, room, notes = form.editors["property"], form.editors["room"], form.editors["notes"]
    for _ in range(3):  # phone → employer → arrival date → property
        key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is prop
    assert ring_shown(prop)
    type_chinese(prop, "焦点路")
    popup = form.property_completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=10_000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: room.count() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: room.view().isVisible(), timeout=5_000)  # its list is open: ↓ and Enter choose
    key(Qt.Key.Key_Escape)  # closes the list only (the form stays)
    qtbot.waitUntil(lambda: not room.view().isVisible(), timeout=5_000)
    assert form.isVisible() and QApplication.focusWidget() is room and room.currentIndex() == -1
    assert ring_shown(room)  # an empty drop-down with the cursor in it shows it
    key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is notes
    key(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is room
    key(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is prop

    notes.setFocus()
    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # no room chosen: refused, said at the room
    qtbot.waitUntil(lambda: form.errors.label("room").isVisible(), timeout=5_000)
    assert form.errors.label("room").text() == "choose the room"
    assert QApplication.focusWidget() is room and ring_shown(room)
    form._dirty = False


def test_after_esc_in_the_fingerprint_dialog_ctrl_s_saves_at_once(main_window, qtbot, emulated_devices):
    """Finding 2: Esc closes the capture dialog and the keyboard is back in the form: Ctrl+S is the
    form's save at once (here it asks for the fingerprint again, as saving without one does)."""
    form = card_form(main_window, qtbot)
    key(Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: getattr(form, "fingerprint_dialog", None) is not None, timeout=5_000)
    first = form.fingerprint_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first, timeout=5_000)
    key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(first) or not first.isVisible(), timeout=5_000)
    assert QApplication.activeWindow() is form
    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.fingerprint_dialog is not first and form.fingerprint_dialog.isVisible(),
                    timeout=5_000)
    second = form.fingerprint_dialog
    key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(second) or not second.isVisible(), timeout=5_000)


def test_page_keys_switch_pages_from_any_field_of_the_main_window_and_never_type_a_digit(main_window, qtbot,
                                                                                     emulated_devices):
    """Finding 3: Alt+1…6 typed a digit into the field that had the cursor instead of going to the page.
    The page keys are the main window's: in another window (the registration form) they neither switch
    the page behind it nor type a digit (tests/ui/test_modal_demo_desk.py)."""
    form = card_form(main_window, qtbot)  # a window of its own, the cursor in its phone field
    session = main_window.session
    phone = form.editors["phone"]
    key(Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert session.current_page.nav_key == "today" and phone.text() == ""
    form._dirty = False
    form.close()
    qtbot.waitUntil(lambda: not visible_forms())
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    key(Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # in the main window: its third page
    assert session.current_page.nav_key == "properties"
    search = session.current_page.list.search_box
    click(search)
    assert QApplication.focusWidget() is search
    key(Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert session.current_page.nav_key == "today" and search.text() == ""
    key(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # the residents' search box in the header
    assert QApplication.focusWidget() is session.search
    key(Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)  # an officer has six pages: no page, and no "7"
    assert session.search.text() == ""
    key(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert session.current_page.nav_key == "residents" and session.search.text() == ""


def test_the_photo_setting_says_this_desk_has_no_photo_decoder(main_window, qtbot):
    """Finding 4: Administration said the ID card photo is "Shown" at registration while registration on
    this desk says no photo decoder is installed. The setting now says so beside it; a desk with a decoder
    says nothing there."""
    from workstation.devices.sam import decode

    assert not decode.photo_decoder_available()  # as on the trial's desk (no vendor WLT decoder here)
    window_login(qtbot, main_window, Role.ADMIN)
    tab = main_window.show_page("admin").show_tab("settings")
    qtbot.waitUntil(lambda: tab.policy is not None, timeout=10_000)
    assert tab.photo.currentData() == "show"
    note = tab.findChild(QWidget, "photo_decoder_note")
    assert note is not None and note.isVisible()
    assert "No photo decoder is installed on this desk" in note.text()
    # beside the setting: directly under its drop-down, in the same group
    assert note.parentWidget() is tab.photo.parentWidget().parentWidget()  # in the field's own column
    gap = note.mapTo(tab, note.rect().topLeft()).y() - tab.photo.mapTo(tab, tab.photo.rect().bottomLeft()).y()
    assert 0 <= gap < 40

    decode.register_photo_decoder(lambda blob: b"")  # a desk where a vendor's decoder is installed
    try:
        tab.hide()
        tab.show()
        assert not note.isVisible()
    finally:
        decode.register_photo_decoder(None)


def test_a_saved_registration_is_confirmed_and_today_never_contradicts_the_status_bar(
    main_window, qtbot, emulated_devices, enrolled
):
    """Finding 5: saving closed the form with no word; the Today page still said nothing was waiting
    while the status bar counted the new changes. Now the message bar says who was registered, with a
    button to the record; the Today page's backlog line never states a count other than the real one
    once the write is announced, and then agrees with the status bar."""
    import re

    from workstation.storage import outbox
    from workstation.ui.screens.residents.detail import ResidentDetailDialog

    form = card_form(main_window, qtbot)
    session = main_window.session
    today = session.pages["today"]
    assert session.current_page is today
    qtbot.waitUntil(lambda: today.dashboard is not None, timeout=20_000)
    qtbot.waitUntil(lambda: "waiting" in main_window.sync_label.text(), timeout=10_000)
    said_at_change: list[str] = []
    session.ctx.changed.connect(lambda _c: said_at_change.append(today.charts["backlog"].summary.text()))

    from workstation.ui.screens.registration.fingerprint import Capture, SkipChoice

    form.capture = Capture(skip=SkipChoice(FingerprintSkipReason.FINGER_INJURED))  # Ctrl+S saves at once
    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not visible_forms(), timeout=20_000)
    bar = main_window.message_bar
    assert bar.isVisible() and bar.label.text() == "Registered 张三."
    with main_window.station.db.read() as s:
        waiting = outbox.backlog(s).records
    assert said_at_change, "no change was announced"

    def counts(text: str) -> list[int]:
        return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]

    stated = said_at_change[0]
    assert "Nothing waiting" not in stated and all(n == waiting for n in counts(stated)), stated
    qtbot.waitUntil(lambda: counts(today.charts["backlog"].summary.text())[:1] == [waiting], timeout=20_000)
    qtbot.waitUntil(lambda: counts(main_window.sync_label.text())[:1] == [waiting], timeout=10_000)

    click(bar.action_button)  # "Open the record"
    assert not bar.isVisible()

    def record() -> Any:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, ResidentDetailDialog) and w.isVisible()), None)

    qtbot.waitUntil(lambda: record() is not None, timeout=10_000)
    assert record().detail.name == "张三"
    record().close()


def wrapped_lines(label: Any) -> list[str]:
    """The lines a word-wrapped label shows its text in, laid out as Qt lays it out at the label's width."""
    from PySide6.QtGui import QTextLayout, QTextOption

    lines: list[str] = []
    width = label.contentsRect().width()
    for paragraph in label.text().split("\n"):
        layout = QTextLayout(paragraph, label.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            lines.append(paragraph[line.textStart():line.textStart() + line.textLength()].replace("\u2060", ""))
        layout.endLayout()
    return lines


def test_the_lock_message_leaves_no_word_alone_on_a_line(main_window, qtbot, switch_language, shoot):
    """Finding 6: the lock screen's message wrapped leaving "录。" alone on its last line. It says the state,
    then what to do, each on its line, and a Chinese line never ends with one or two characters alone."""
    window_login(qtbot, main_window, Role.OFFICER)
    main_window.resize(1366, 768)
    main_window.lock()
    screen = main_window.login_screen
    assert main_window.screens.currentWidget() is screen and screen.locked_by == "officer1"
    card = screen.findChild(QWidget, "login_card")
    for code in ("zh_CN", "en"):
        switch_language(code)
        for width in range(card.minimumWidth(), card.maximumWidth() + 1, 6):  # every width the card takes
            card.setFixedWidth(width)
            for _ in range(3):
                QApplication.processEvents()
            lines = wrapped_lines(screen.heading)
            short = [line for line in lines if len(line.strip()) <= 2]
            assert not short, f"{code} at {width} px: {lines}"
            if code == "zh_CN":
                assert lines[0] == "工作站已锁定。", lines
    card.setMinimumWidth(440)
    card.setMaximumWidth(560)
    name = main_window.station.station_name
    assert name and screen.station_label.text() == name  # no empty band at the top of the card
    shoot(main_window, "lock-screen")


def test_the_login_card_shows_the_station_name_once_the_store_is_open(ui_station, qtbot):
    """Finding 14 (beside the lock message): the login shows before the store is open, and the station's
    name, read with the store, never reached the card: an empty band stood at its top."""
    from workstation.ui.login import LoginScreen

    name = ui_station.station_name
    ui_station.station_name = ""  # as when the app shows the login while the station unlocks
    screen = LoginScreen(ui_station)
    qtbot.addWidget(screen)
    screen.show()
    assert not screen.station_label.isVisible()  # no empty band
    ui_station.station_name = name
    ui_station.opened.emit()
    assert name and screen.station_label.isVisible() and screen.station_label.text() == name


def test_a_finger_pressed_before_the_capture_is_lifted_from_the_demo_desk(main_window, qtbot, emulated_devices):
    """Finding 1 (10b): a finger left on the scanner before the capture opens makes it ask to lift it
    first; the demo desk's "Lift finger" does that while the dialog waits, and the capture goes on."""
    form = card_form(main_window, qtbot)
    desk = main_window.demo_desk
    scanner = emulated_devices.device("fingerprint")
    click(desk.good_finger)
    qtbot.waitUntil(lambda: scanner.finger_present, timeout=5_000)
    key(Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: getattr(form, "fingerprint_dialog", None) is not None, timeout=5_000)
    dialog = form.fingerprint_dialog
    qtbot.waitUntil(lambda: dialog.message.text() == "Lift the finger off the scanner first.", timeout=20_000)
    click(desk.lift_finger)
    qtbot.waitUntil(lambda: dialog._last_step is not None and dialog._last_step.code == "place_finger"
                    and dialog._last_step.press == 1, timeout=20_000)
    key(Qt.Key.Key_Escape)


def test_screenshots_of_the_fresh_eyes_fixes(main_window, qtbot, emulated_devices, enrolled, shoot):
    """The screens these findings touched, in both languages (build/screenshots/, looked at by hand)."""
    from workstation.ui.screens.registration.fingerprint import Capture, SkipChoice

    form = card_form(main_window, qtbot)
    housing = main_window.session.ctx.desk.housing
    pid = housing.create_property(address="演示市东城区焦点路7号", grid_code="G07").id
    for label in ("101", "102"):
        housing.add_room(pid, label=label)
    prop, room = form.editors["property"], form.editors["room"]
    for _ in range(3):
        key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is prop
    type_chinese(prop, "焦点路")
    popup = form.property_completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=10_000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: room.view().isVisible(), timeout=10_000)
    key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not room.view().isVisible() and room.hasFocus(), timeout=5_000)
    shoot(form, "form-room-focused", sizes=None)
    i18n_switch = main_window.station.languages.switch
    i18n_switch("zh_CN")
    qtbot.waitUntil(lambda: room.placeholderText() == "请选择房间")  # the empty room box speaks it too
    i18n_switch("en")
    qtbot.waitUntil(lambda: room.placeholderText() == "choose the room")
    key(Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: getattr(form, "fingerprint_dialog", None) is not None, timeout=5_000)
    dialog = form.fingerprint_dialog
    click(main_window.demo_desk.good_finger)
    qtbot.waitUntil(lambda: dialog._last_step is not None and dialog._last_step.code == "lift_finger", timeout=20_000)
    shoot(dialog, "fingerprint-first-press", sizes=None)
    qtbot.waitUntil(lambda: main_window.demo_desk.heading.text() == "Demo desk")  # named in it, title bar or not
    shoot(main_window.demo_desk, "demo-desk", sizes=None)
    key(Qt.Key.Key_Escape)
    click(main_window.demo_desk.lift_finger)
    form.capture = Capture(skip=SkipChoice(FingerprintSkipReason.FINGER_INJURED))
    room.setCurrentIndex(0)
    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not visible_forms(), timeout=20_000)
    bar = main_window.message_bar
    qtbot.waitUntil(bar.isVisible, timeout=5_000)
    today = main_window.session.pages["today"]
    qtbot.waitUntil(lambda: not today.stale, timeout=20_000)
    main_window.station.languages.switch("zh_CN")  # the message follows the language while it shows
    qtbot.waitUntil(lambda: bar.label.text() == "已登记：张三。" and bar.action_button.text() == "打开该记录")
    main_window.station.languages.switch("en")
    qtbot.waitUntil(lambda: bar.label.text() == "Registered 张三.")
    shoot(main_window, "saved-message-and-today", sizes=((1366, 768),))
    bar.clear()
    main_window.lock()
    click(main_window.login_screen.other_button)  # another operator logs in at the lock screen
    window_login(qtbot, main_window, Role.ADMIN)
    tab = main_window.show_page("admin").show_tab("settings")
    qtbot.waitUntil(lambda: tab.policy is not None, timeout=10_000)
    tab.findChild(QWidget, "settings_scroll").ensureWidgetVisible(tab.photo)
    shoot(main_window, "settings-photo-note", sizes=((1366, 768),))
