"""A card or passport read while another desk window is in front (a new registration, a record) is
not acted on by the page behind it: the new officer's trial opened room 403, pressed F2, and a swiped
passport raised the room's "bound to another room: move or keep both" question over the empty form.
The read opens the holder's record (or a new registration) in front instead, as on Today; with the
main window in front again, the open room binds as before."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import card, close_windows, drain, off_gui  # noqa: F401 - close_windows: autouse fixture
from test_properties import CARD_NUMBER, _open, _open_room, _town, _visible

from conftest import window_login
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex
from workstation.storage.schema import Tenancy
from workstation.ui.screens.registration import new_manual_registration
from workstation.ui.screens.residents.detail import ResidentDetailDialog

pytestmark = pytest.mark.qt


def _focus(qtbot, widget) -> None:
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=5_000)


def test_a_card_with_a_form_in_front_opens_the_record_and_binds_nothing(qtbot, main_window, ui_station,
                                                                       emulated_devices):
    window_login(qtbot, main_window, Role.OFFICER)
    ctx = main_window.ctx
    pid, _rooms, _person = _town(ctx, grid="G97", seq=41)
    person = off_gui(lambda: ctx.desk.residents.register(
        IdentityDocument(DocumentType.RESIDENT_ID, CARD_NUMBER, "张三", Sex.FEMALE, date(1949, 12, 31)))).id
    page = main_window.show_page("properties")
    view = _open(qtbot, page, pid)
    _open_room(qtbot, view, "102")
    form = new_manual_registration(ctx, main_window)  # F2: a new registration in front of the open room
    qtbot.waitUntil(form.isVisible, timeout=5_000)
    _focus(qtbot, form.editors["number"])
    emulated_devices.device("idcard").place_card(card("resident_id"))
    qtbot.waitUntil(lambda: bool(_visible(ResidentDetailDialog)), timeout=15_000)  # the holder's record, in front
    assert _visible(ResidentDetailDialog)[0].detail.id == person
    drain(qtbot, ui_station.runner)
    assert view.tenancies.rowCount() == 0  # the room behind bound nobody
    with ui_station.db.read() as s:
        assert s.scalars(select(Tenancy.id).where(Tenancy.person_id == person)).all() == []
    # the officer closes both and works in the main window again: the open room binds the card's holder
    for w in _visible(ResidentDetailDialog):
        w.close()
    form.close()
    _focus(qtbot, view.table)
    emulated_devices.device("idcard").remove_card()
    qtbot.wait(500)  # the reader's poll sees the card gone; the next placement is a new read
    assert main_window._front_window() is None, main_window._front_window()
    emulated_devices.device("idcard").place_card(card("resident_id"))
    qtbot.waitUntil(lambda: view.tenancies.rowCount() == 1, timeout=15_000)
    assert view.tenancies.tenancy(0).person_id == person
    drain(qtbot, ui_station.runner)
