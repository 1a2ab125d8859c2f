"""No question of the desk blocks the demo desk: every question is window-modal and opened with `open()`
(no static `QMessageBox.question`/`QInputDialog.getText`, no nested `exec()`), so the card, finger and
passport the demo desk stands in for are still read while it waits. And the page keys (Alt+1…n) are the
main window's: pressed in another window (the registration form) they do not switch the page behind it.

Clicks and keys go the window system's way (to a QWindow), so a window blocked by a modal dialog does
not get them, as on a desk."""

from __future__ import annotations

import ast
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import off_gui

from conftest import window_login
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex
from workstation.storage.schema import AuditEvent, Person

pytestmark = pytest.mark.qt

UI = Path(__file__).resolve().parents[2] / "src" / "workstation" / "ui"


@pytest.fixture(autouse=True)
def _close_dialogs() -> Any:
    """Close what a test left open without the "discard?" question (`done`, not `reject`)."""
    yield
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


def activate(qtbot: Any, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def visible(kind: type) -> list[Any]:
    return [w for w in QApplication.topLevelWidgets() if shiboken6.isValid(w) and isinstance(w, kind) and w.isVisible()]


def guest(ctx: Any) -> str:
    """A resident registered from a passport (not the holder of any demo desk card): the id."""
    doc = IdentityDocument(DocumentType.PASSPORT, "P1234567", "ERIKSSON, ANNA", Sex.FEMALE, date(1985, 3, 2),
                           name_latin="ERIKSSON, ANNA", nationality="SWE", issuer="SWE", source="mrz")
    return str(off_gui(lambda: ctx.desk.residents.register(doc, phone="13800138000")).id)


def open_record(qtbot: Any, main_window: Any, pid: str) -> Any:
    """The record of `pid` opened the way the Residents page opens it, active."""
    from workstation.ui.screens.residents.detail import ResidentDetailDialog, open_detail

    open_detail(main_window.session.ctx, main_window, pid)
    qtbot.waitUntil(lambda: len(visible(ResidentDetailDialog)) == 1, timeout=10_000)
    record = visible(ResidentDetailDialog)[0]
    activate(qtbot, record)
    return record


def card_form(main_window: Any, qtbot: Any) -> Any:
    """Log in as an officer, place the resident ID card from the demo desk: the new registration's form,
    the cursor in its phone field."""
    from workstation.ui.screens.registration.form import RegistrationForm

    window_login(qtbot, main_window, Role.OFFICER)
    desk = main_window.demo_desk
    qtbot.waitUntil(lambda: desk.note.text() == "", timeout=10_000)
    desk.card_choice.setCurrentIndex(desk.card_choice.findText("Resident ID card"))
    click(desk.place_card)
    qtbot.waitUntil(lambda: len(visible(RegistrationForm)) == 1, timeout=15_000)
    form = visible(RegistrationForm)[0]
    qtbot.waitUntil(lambda: not form._focus_pending and QApplication.focusWidget() is form.editors["phone"],
                    timeout=5_000)
    return form


# ---- deleting a resident ------------------------------------------------------------------------------------
def test_while_the_delete_reason_is_asked_the_demo_desk_reads_a_card_and_a_finger(main_window, qtbot,
                                                                                 emulated_devices):
    """The reason for a delete was asked by the static `QInputDialog.getText` (application-modal, a nested
    event loop): the demo desk was blocked until it was answered. Now: window-modal over the record."""
    from workstation.ui.screens.registration.form import RegistrationForm

    window_login(qtbot, main_window, Role.OFFICER)
    ctx = main_window.session.ctx
    desk = main_window.demo_desk
    qtbot.waitUntil(lambda: desk.note.text() == "", timeout=10_000)
    pid = guest(ctx)
    record = open_record(qtbot, main_window, pid)
    click(record.delete_button)
    qtbot.waitUntil(lambda: record.delete_dialog is not None and record.delete_dialog.isVisible(), timeout=5_000)
    ask = record.delete_dialog
    assert ask.windowModality() == Qt.WindowModality.WindowModal
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ask, timeout=5_000)
    assert QApplication.focusWidget() is ask.reason
    # the record behind it is blocked: a click on its Close does nothing
    click(record.close_button)
    assert record.isVisible() and ask.isVisible()

    # the demo desk is not: a finger on the scanner, a card on the reader
    scanner = emulated_devices.device("fingerprint")
    click(desk.good_finger)
    qtbot.waitUntil(lambda: scanner.finger_present, timeout=20_000)
    click(desk.lift_finger)
    qtbot.waitUntil(lambda: not scanner.finger_present, timeout=20_000)
    cards: list[Any] = []
    main_window.station.devices.card_placed.connect(cards.append)
    desk.card_choice.setCurrentIndex(desk.card_choice.findText("Resident ID card"))
    click(desk.place_card)
    qtbot.waitUntil(lambda: len(cards) == 1, timeout=15_000)
    assert cards[0].name == "张三"
    # the card opened its registration (a sibling of the record, so it waits behind the question too)
    qtbot.waitUntil(lambda: len(visible(RegistrationForm)) == 1, timeout=15_000)
    visible(RegistrationForm)[0].done(0)
    assert ask.isVisible() and record.isVisible()

    # the question is still there, the reason still to type; then Enter deletes
    activate(qtbot, ask)
    ask.reason.setFocus()
    qtbot.keyClicks(ask.reason, "moved away")
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(record) or not record.isVisible(), timeout=10_000)
    with main_window.station.db.read() as s:
        assert s.get(Person, pid).deleted_at is not None
        ev = s.execute(select(AuditEvent).where(AuditEvent.action == "person.delete",
                                                AuditEvent.target_id == pid)).scalar_one()
        assert "moved away" in (ev.details or "")


def test_delete_needs_a_reason_before_its_button_and_esc_cancels(qtbot, ctx, ui_station):
    from workstation.ui.screens.residents.detail import ResidentDetailDialog

    pid = guest(ctx)
    record = ResidentDetailDialog(ctx, None, off_gui(lambda: ctx.desk.residents.get(pid)))
    record.show()
    record.delete()
    ask = record.delete_dialog
    assert ask is not None and ask.isVisible() and ask.windowModality() == Qt.WindowModality.WindowModal
    assert ask.windowTitle() == "Delete the resident" and "ERIKSSON, ANNA" in ask.heading.text()
    assert not ask.ok_button.isEnabled()
    qtbot.keyClick(ask.reason, Qt.Key.Key_Return)  # no reason: Enter does nothing
    assert ask.isVisible()
    qtbot.keyClicks(ask.reason, "   ")  # blanks are no reason
    assert not ask.ok_button.isEnabled()
    qtbot.keyClicks(ask.reason, "x")
    assert ask.ok_button.isEnabled()
    qtbot.keyClick(ask.reason, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(ask) or not ask.isVisible(), timeout=5_000)
    assert record.isVisible()
    with ui_station.db.read() as s:
        assert s.get(Person, pid).deleted_at is None


def type_chinese(widget: QWidget, text: str) -> None:
    """Chinese typed through an input method (QTest knows ASCII keys only)."""
    from PySide6.QtGui import QInputMethodEvent

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_delete_passes_the_reason_and_a_refusal_shows_in_the_operators_language(qtbot, ctx, ui_station,
                                                                                 switch_language, shoot):
    from workstation.ui.screens.residents.detail import ResidentDetailDialog

    pid = guest(ctx)
    record = ResidentDetailDialog(ctx, None, off_gui(lambda: ctx.desk.residents.get(pid)))
    record.show()
    record.delete()
    ask = record.delete_dialog
    shoot(ask, "resident-delete", sizes=None)
    # someone changes the record meanwhile: the delete is refused (stale version), said in the dialog
    off_gui(lambda: ctx.desk.residents.update(pid, base_version=record.detail.version, employer="演示科技有限公司"))
    type_chinese(ask.reason, "搬离本辖区")
    assert ask.ok_button.isEnabled()
    qtbot.keyClick(ask.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(ask.message.isVisible, timeout=10_000)
    assert ask.message.text().startswith("Not deleted: someone changed this record after you opened it.")
    assert ask.isVisible() and ask.reason.text() == "搬离本辖区" and ask.ok_button.isEnabled()
    assert ask.focusWidget() is ask.reason  # the keyboard back in the reason for another try
    switch_language("zh_CN")
    qtbot.waitUntil(lambda: ask.message.text().startswith("未删除"), timeout=5_000)  # said again in Chinese
    assert "Not deleted" not in ask.message.text()
    assert ask.windowTitle() == "删除人员"
    switch_language("en")
    shoot(ask, "resident-delete-refused", sizes=None)
    with ui_station.db.read() as s:
        assert s.get(Person, pid).deleted_at is None

    # from the record as it is now, the reason goes to the core and into the audit trail
    ask.reject()
    record.reload()
    qtbot.waitUntil(lambda: record.detail.employer == "演示科技有限公司", timeout=10_000)
    record.delete()
    ask = record.delete_dialog
    type_chinese(ask.reason, "  搬离本辖区 ")
    with qtbot.waitSignal(record.changed_record, timeout=10_000):
        qtbot.keyClick(ask.reason, Qt.Key.Key_Return)
    with ui_station.db.read() as s:
        assert s.get(Person, pid).deleted_at is not None
        ev = s.execute(select(AuditEvent).where(AuditEvent.action == "person.delete",
                                                AuditEvent.target_id == pid)).scalar_one()
        assert "搬离本辖区" in ev.details and "  搬离本辖区 " not in ev.details


# ---- the registration form's "discard?" question ------------------------------------------------------------
def test_the_discard_question_waits_without_blocking_the_demo_desk(main_window, qtbot, emulated_devices):
    """It was `box.exec()`: window-modal, but a nested event loop inside `reject`. Now `open()` and its answer."""
    form = card_form(main_window, qtbot)
    qtbot.keyClicks(form.editors["phone"], "139")
    key(Qt.Key.Key_Escape)  # returns at once: the question is open, not run
    box = form.discard_question
    assert box is not None and box.isVisible() and box.windowModality() == Qt.WindowModality.WindowModal
    assert form.isVisible()
    key(Qt.Key.Key_Escape)  # Esc in the question is its Cancel: the form stays, as typed
    qtbot.waitUntil(lambda: form.discard_question is None, timeout=5_000)
    assert form.isVisible() and form.editors["phone"].text() == "139"

    form.close()  # the window's close button asks the same
    box = form.discard_question
    assert box is not None and box.isVisible()
    form.close()  # asked again while it is open: still one question
    assert len(form.findChildren(QMessageBox, "discardQuestion")) == 1
    scanner = emulated_devices.device("fingerprint")
    click(main_window.demo_desk.good_finger)
    qtbot.waitUntil(lambda: scanner.finger_present, timeout=20_000)
    click(main_window.demo_desk.lift_finger)
    qtbot.waitUntil(lambda: not scanner.finger_present, timeout=20_000)
    click(box.button(QMessageBox.StandardButton.Discard))
    qtbot.waitUntil(lambda: not shiboken6.isValid(form) or not form.isVisible(), timeout=5_000)  # closed (and deleted)


# ---- page keys ---------------------------------------------------------------------------------------------
def test_page_keys_in_the_registration_form_do_not_switch_the_page_behind_it(main_window, qtbot, emulated_devices):
    form = card_form(main_window, qtbot)
    session = main_window.session
    phone = form.editors["phone"]
    assert session.current_page.nav_key == "today"
    for digit in (Qt.Key.Key_2, Qt.Key.Key_3):
        qtbot.keyClick(phone, digit, Qt.KeyboardModifier.AltModifier)  # to the form's field
        key(digit, Qt.KeyboardModifier.AltModifier)  # to the form's window, as a keyboard sends it
    assert session.current_page.nav_key == "today"
    assert phone.text() == "" and form.isVisible() and QApplication.activeWindow() is form

    form.done(0)
    activate(qtbot, main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert session.current_page.nav_key == "properties"
    key(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert session.current_page.nav_key == "residents"


# ---- the kind, in the sources -------------------------------------------------------------------------------
STATIC_MODAL = {
    "QMessageBox": {"question", "warning", "information", "critical", "about", "aboutQt"},
    "QInputDialog": {"getText", "getInt", "getDouble", "getItem", "getMultiLineText"},
    "QColorDialog": {"getColor"},
    "QFontDialog": {"getFont"},
}
# the file dialogs stay static (the native one is the platform's): a folder or file picked by an
# administrator, or where to save a sheet, never while a hand on a device is awaited
ALLOWED_EXEC = {("app.py", "app")}  # the application's own event loop


def test_no_question_of_the_desk_runs_a_nested_application_modal_loop():
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            name, owner = node.func.attr, node.func.value
            where = f"{path.relative_to(UI)}:{node.lineno}"
            if isinstance(owner, ast.Name) and name in STATIC_MODAL.get(owner.id, ()):
                found.append(f"{where} {owner.id}.{name}")
            if name in ("exec", "exec_"):
                target = owner.id if isinstance(owner, ast.Name) else ast.unparse(owner)
                if (path.name, target) not in ALLOWED_EXEC:
                    found.append(f"{where} {target}.{name}()")
            if name == "setModal" or (name == "setWindowModality" and "ApplicationModal" in ast.unparse(node)):
                found.append(f"{where} {ast.unparse(node)}")
    assert not found, "application-modal or nested-loop dialogs (use a window-modal dialog and open()):\n" + "\n".join(
        found)
