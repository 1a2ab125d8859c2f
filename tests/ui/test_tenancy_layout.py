"""Layout at 1366 px in Chinese: the property list's search box and columns; the visit sheet keeps
masked ID numbers on one line."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).parent))
from desk_fixtures import close_windows, drain  # noqa: F401 - close_windows: autouse fixture

from conftest import window_login
from workstation.domain.enums import Role, TenancyRelation
from workstation.storage.areas.checks import SheetPerson, SheetProperty, SheetRoom, VisitSheet
from workstation.ui.screens.properties import SEARCH_MIN_WIDTH


def test_property_list_fits_1366_in_chinese(qtbot, main_window, ui_station, switch_language):
    window_login(qtbot, main_window, Role.OFFICER)
    page = main_window.show_page("properties")
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1, timeout=10_000)
    for code in ("zh_CN", "en"):
        switch_language(code)
        main_window.resize(1366, 768)
        for _ in range(3):
            QApplication.processEvents()
        table = page.list.table
        assert page.list.search_box.width() >= SEARCH_MIN_WIDTH, code
        assert not table.horizontalScrollBar().isVisible(), code  # every column in view
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        for col in range(1, page.model.columnCount()):  # each title reads whole
            title = str(page.model.headerData(col, header.orientation()))
            assert header.sectionSize(col) >= metrics.horizontalAdvance(title), (code, title)
        assert header.sectionSize(0) >= 150, code  # the address keeps a useful width
    drain(qtbot, ui_station.runner)


def _sheet() -> VisitSheet:
    people = tuple(
        SheetPerson(tenancy_id=f"t{i}", person_id=f"p{i}", name=name, id_number_masked=number,
                    since=date(2026, 11, 1), relation=TenancyRelation.TENANT)
        for i, (name, number) in enumerate([("张三", "350203********4641"), ("欧阳明月", "11010519491231002X"[:6]
                                                                               + "********002X")])
    )
    prop = SheetProperty(property_id="p", address="演示市南湖区核查路8号", grid_code="G01", landlord_name="王房东",
                         landlord_phone="13900000001", last_check=None,
                         rooms=(SheetRoom(room_id="r", label="204", capacity=None, people=people),))
    return VisitSheet(grid_code=None, month=None, generated_at=datetime(2026, 11, 30, 8), generated_by="officer1",
                      properties=(prop,))


def test_visit_sheet_keeps_id_numbers_on_one_line(qtbot, switch_language, tmp_path):
    from PySide6.QtGui import QPdfWriter

    from workstation.ui.screens.housing_checks.sheet import _a4_layout, print_sheet, sheet_document

    for code in ("zh_CN", "en"):
        switch_language(code)
        sheet = _sheet()
        doc = sheet_document(sheet, station_name="演示警务室")
        writer = QPdfWriter(str(tmp_path / f"sheet-{code}.pdf"))
        writer.setResolution(300)
        writer.setPageLayout(_a4_layout())
        print_sheet(doc, writer)
        numbers = {p.id_number_masked for r in sheet.properties[0].rooms for p in r.people}
        seen = set()
        block = doc.begin()
        while block.isValid():
            if block.text() in numbers:
                seen.add(block.text())
                assert block.layout().lineCount() == 1, (code, block.text())
            block = block.next()
        assert seen == numbers, code


def test_declarations_explain_bindings_from_a_declaration(qtbot, ctx, shoot):
    """Tenants bound straight from a landlord's declaration (no form on file): the dialog shows their
    declared room and dates and says why no form is listed, instead of "declared nothing"."""
    from datetime import timedelta

    from PySide6.QtCore import Qt

    from workstation.domain.documents import IdentityDocument
    from workstation.domain.enums import DocumentType, Sex, TenancySource
    from workstation.domain.validation import gb11643_check_char
    from workstation.ui.screens.housing_checks.declaration import DeclarationDialog

    h = ctx.desk.housing
    pid = h.create_property(address="演示市南湖区申报路3号", grid_code="HC02", landlord_name="房东乙").id
    room = h.add_room(pid, label="204").id
    first17 = "44030519900517091"
    doc = IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number=first17 + gb11643_check_char(first17),
                           name="张三", sex=Sex.MALE, birth_date=date(1990, 5, 17), source="card")
    person = ctx.desk.residents.register(doc).id
    start = date.today() - timedelta(days=12)
    h.bind(person, room, start=start, source=TenancySource.LANDLORD_DECLARATION)
    dialog = DeclarationDialog(ctx, None, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.comparison is not None and not dialog.loading, timeout=10_000)
    m = dialog.model
    row = [m.data(m.index(0, c)) for c in range(m.columnCount())]
    assert "204" in row[1:] and start.isoformat() in row and date.today().isoformat() in row, row
    assert m.data(m.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None  # not a difference
    assert "No declaration form is on file" in dialog.history.text()
    assert "declared nothing" not in dialog.history.text()
    shoot(dialog, "declarations-from-binding", sizes=((1180, 440),))
