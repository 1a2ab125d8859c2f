"""The properties area at 1366×768 with the demo desk open, in both languages (fresh-eyes report):
the landlord column showed "廖彬桂 · …" and hid the mobile; a room's bindings needed sideways
scrolling and lost the names; the declaration dialog's last column was cut off. Each text a person
needs here is checked to fit its column, and each screen is saved for looking at."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).parent))
from desk_fixtures import close_windows, drain, mrz_lines, off_gui  # noqa: F401 - close_windows: autouse

from conftest import window_login
from workstation.devices.mrz.parse import parse_mrz
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex, TenancySource
from workstation.domain.validation import gb11643_check_char

pytestmark = pytest.mark.qt
TODAY = date.today()
LANDLORD, MOBILE = "廖彬桂", "17009898122"
PADDING = 6  # px a cell's text needs beside it: the style's text margins (focus frame margin + 1, each side)


def _doc(name: str, seq: int) -> IdentityDocument:
    first17 = f"420106{date(1985, 4, 2):%Y%m%d}{seq:03d}"
    return IdentityDocument(DocumentType.RESIDENT_ID, first17 + gb11643_check_char(first17), name,
                            Sex.MALE if seq % 2 else Sex.FEMALE, date(1985, 4, 2), source="card")


@pytest.fixture
def scene(qtbot, main_window, ui_station):
    """An officer's desk with a property of grid L66 (landlord 廖彬桂 with his mobile), room 201 with a
    Chinese tenant, a foreign guest with a long Latin name and one who moved out, and a declaration."""
    window_login(qtbot, main_window, Role.OFFICER)
    ctx = main_window.ctx
    h = ctx.desk.housing

    def make():
        pid = h.create_property(address="演示市东城区科技园路50号", grid_code="L66", landlord_name=LANDLORD,
                                landlord_phone=MOBILE).id
        room = h.add_room(pid, label="201").id
        h.add_room(pid, label="202")
        zhang = ctx.desk.residents.register(_doc("欧阳明月", 11)).id
        h.bind(zhang, room, start=TODAY - timedelta(days=200), source=TenancySource.LANDLORD_DECLARATION)
        passport = parse_mrz(mrz_lines("td3_specimen")).to_document()
        guest = ctx.desk.residents.register(passport, visa_type="Q2", visa_number="E12345678",
                                            entry_date=TODAY - timedelta(days=20),
                                            stay_until=TODAY + timedelta(days=60)).id
        h.bind(guest, room, start=TODAY - timedelta(days=3))
        gone = ctx.desk.residents.register(_doc("石兰彤", 12)).id
        t = h.bind(gone, room, start=TODAY - timedelta(days=300))
        h.end_tenancy(t.id, base_version=1, end=TODAY - timedelta(days=30))
        h.record_declaration(pid, declared_on=TODAY - timedelta(days=100), declarant_name=LANDLORD,
                             declarant_phone=None, entries=[{"name": "欧阳明月", "room": "201"}])
        return pid

    pid = off_gui(make)
    assert main_window.demo_desk is not None and main_window.demo_desk.isVisible()
    return main_window, pid


def _settle(window) -> None:
    # a 1366 px screen: the demo desk's window stands beside the main window, which keeps the rest
    window.resize(1366 - window.demo_desk.width(), 768)
    for _ in range(4):
        QApplication.processEvents()


def _fits(view, row: int, col: int) -> list[str]:
    """The lines of a cell that do not fit its column (each line of a two-line cell on its own)."""
    model = view.model()
    text = str(model.data(model.index(row, col)) or "")
    font = model.data(model.index(row, col), Qt.ItemDataRole.FontRole)
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(font) if font is not None else view.fontMetrics()
    width = view.horizontalHeader().sectionSize(col)
    return [line for line in text.split("\n") if metrics.horizontalAdvance(line) + PADDING > width]


def test_the_landlord_column_shows_name_and_mobile(qtbot, scene, switch_language, shots_dir):
    window, _pid = scene
    page = window.show_page("properties")
    page.list.grid_box.setText("L66")
    page.list.run_search()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    table = page.list.table
    for code in ("zh_CN", "en"):
        switch_language(code)
        _settle(window)
        window.grab().save(str(shots_dir / f"properties-list-1366-{code}.png"))
        assert page.model.data(page.model.index(0, 2)) == f"{LANDLORD} · {MOBILE}"
        assert _fits(table, 0, 2) == [], code
        assert not table.horizontalScrollBar().isVisible(), code
        assert table.horizontalHeader().sectionSize(0) >= 150, code  # the address keeps a useful width
    drain(qtbot, window.station.runner)


def test_a_rooms_bindings_read_whole_beside_the_tiles(qtbot, scene, switch_language, shots_dir):
    window, pid = scene
    page = window.show_page("properties")
    with qtbot.waitSignal(page.property_view.shown, timeout=10_000):
        page.open_property(pid)
    view = page.property_view
    tile = next(t for t in view.tiles.tiles if t.room.label == "201")
    with qtbot.waitSignal(view.room_shown, timeout=10_000):
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    table = view.table
    assert view.tenancies.rowCount() == 3
    names = [view.tenancies.tenancy(r).person_name for r in range(3)]
    assert "ERIKSSON, ANNA MARIA" in names
    for code in ("zh_CN", "en"):
        switch_language(code)
        _settle(window)
        window.grab().save(str(shots_dir / f"property-room-1366-{code}.png"))
        assert not table.horizontalScrollBar().isVisible(), code  # no sideways scrolling
        for r in range(3):
            for c in range(3):  # name / number, from / moved out, relation / source: each line whole
                assert _fits(table, r, c) == [], (code, r, c)
            person = str(view.tenancies.data(view.tenancies.index(r, 0)))
            assert person.split("\n")[0] == names[r]
        assert table.rowHeight(0) >= 2 * table.fontMetrics().lineSpacing()  # two lines shown, not clipped
    drain(qtbot, window.station.runner)


def test_the_declaration_dialog_shows_every_column(qtbot, scene, switch_language, shots_dir):
    from workstation.ui.screens.housing_checks.declaration import DeclarationDialog

    window, pid = scene
    _settle(window)
    for code in ("en", "zh_CN"):
        switch_language(code)
        dialog = DeclarationDialog(window.ctx, window, pid)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda d=dialog: d.comparison is not None and not d.loading, timeout=10_000)
        for _ in range(3):
            QApplication.processEvents()
        table = dialog.table
        header = table.horizontalHeader()
        dialog.grab().save(str(shots_dir / f"declarations-1366-{code}.png"))
        assert not table.horizontalScrollBar().isVisible(), code
        last = header.count() - 1
        assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width(), code
        for c in range(header.count()):  # every title whole
            title = str(dialog.model.headerData(c, Qt.Orientation.Horizontal))
            assert header.sectionSize(c) >= header.fontMetrics().horizontalAdvance(title), (code, title)
        assert dialog.width() <= 1366 - 20, code  # it fits the smallest screen
        dialog.done(0)
    drain(qtbot, window.station.runner)
