"""Counts in English read "1 resident", "(1 tenant)", "1 property" (fresh-eyes report: "1 residents",
"(1 tenants)", "1 properties"): every text shown with a count is asked for with it (`tr(..., n=...)`,
%n), English forms from the source (`ui.i18n.english_plural`), Chinese from the numerus forms of the
.ts. Real widgets on a real station, and a scan of the UI's texts for counts written without %n."""

from __future__ import annotations

import ast
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

sys.path.insert(0, str(Path(__file__).parent))
from desk_fixtures import close_windows, drain, off_gui  # noqa: F401 - close_windows: autouse fixture

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Sex
from workstation.domain.validation import gb11643_check_char
from workstation.ui.i18n import english_plural

pytestmark = pytest.mark.qt
UI = Path(__file__).resolve().parents[2] / "src" / "workstation" / "ui"


def _doc(name: str, seq: int) -> IdentityDocument:
    first17 = f"440305{date(1990, 1, 2):%Y%m%d}{seq:03d}"
    return IdentityDocument(DocumentType.RESIDENT_ID, first17 + gb11643_check_char(first17), name,
                            Sex.MALE if seq % 2 else Sex.FEMALE, date(1990, 1, 2), source="card")


def test_english_forms_come_from_the_source():
    assert english_plural("%n resident(s)", 1) == "%n resident"
    assert english_plural("%n resident(s)", 0) == "%n residents"
    assert english_plural("%n [property|properties] shown", 1) == "%n property shown"
    assert english_plural("%n [property|properties] shown", 7) == "%n properties shown"
    assert english_plural("%1 / %n [person|people]", 2) == "%1 / %n people"


@pytest.mark.parametrize(("context", "source", "one", "two", "zh_two"), [
    ("PropertyList", "%n [property|properties]", "1 property", "2 properties", "共 2 处出租屋"),
    ("ResidentsPage", "%n resident(s)", "1 resident", "2 residents", "共 2 人"),
    ("DeclarationDialog", "%1 by %2 (%n tenant(s))", "%1 by %2 (1 tenant)", "%1 by %2 (2 tenants)",
     "%1 由 %2 申报（2 名租客）"),
    ("HousingChecks", "%n [property|properties]", "1 property", "2 properties", "2 处出租屋"),
    ("PropertyView", "%n [person|people]", "1 person", "2 people", "2 人"),
    ("TasksPage", "Overdue, %n day(s)", "Overdue, 1 day", "Overdue, 2 days", "已逾期 2 天"),
])
def test_installed_translators_give_each_form(switch_language, context, source, one, two, zh_two):
    switch_language("en")
    assert QCoreApplication.translate(context, source, None, 1) == one
    assert QCoreApplication.translate(context, source, None, 2) == two
    switch_language("zh_CN")
    assert QCoreApplication.translate(context, source, None, 2) == zh_two


def test_lists_tiles_and_declarations_say_one_in_the_singular(qtbot, ctx, ui_station, switch_language):
    from PySide6.QtWidgets import QWidget

    from workstation.ui.screens.housing_checks.declaration import DeclarationDialog
    from workstation.ui.screens.properties import PropertiesPage
    from workstation.ui.screens.properties.view import tile_lines

    switch_language("en")
    h = ctx.desk.housing

    def make():
        pid = h.create_property(address="演示市单数路1号", grid_code="PL1", landlord_name="房东").id
        room = h.add_room(pid, label="101", capacity=1).id
        person = ctx.desk.residents.register(_doc("张单", 31)).id
        h.bind(person, room, start=date.today() - timedelta(days=2))
        h.record_declaration(pid, declared_on=date.today(), declarant_name="房东", declarant_phone=None,
                             entries=[{"name": "张单", "room": "101"}])
        return pid

    pid = off_gui(make)
    page = PropertiesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.on_shown()
    page.list.grid_box.setText("PL1")
    page.list.run_search()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.list.status.text() != "", timeout=10_000)
    assert page.list.status.text() == "1 property"
    with qtbot.waitSignal(page.property_view.shown, timeout=10_000):
        page.open_property(pid)
    summary = page.property_view.summary.text()
    assert "1 room · 1 person bound now" in summary, summary
    room = page.property_view.detail.rooms[0]
    assert tile_lines(room)[0] == "1 / 1 person"
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = DeclarationDialog(ctx, parent, pid)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.comparison is not None and not dialog.loading, timeout=10_000)
    assert "(1 tenant)" in dialog.history.text() and "tenants" not in dialog.history.text()
    switch_language("zh_CN")  # LanguageChange is posted: wait for the texts
    qtbot.waitUntil(lambda: "（1 名租客）" in dialog.history.text(), timeout=5_000)
    qtbot.waitUntil(lambda: page.list.status.text() == "共 1 处出租屋", timeout=5_000)
    qtbot.waitUntil(lambda: "1 个房间 · 现捆绑 1 人" in page.property_view.summary.text(), timeout=5_000)
    switch_language("en")
    dialog.done(0)
    drain(qtbot, ui_station.runner)


# a placeholder followed by a noun counted by it, in a marked UI text: each must be a %n numerus text
COUNTED = re.compile(r"(%\d|\{[a-z_]+\})\s+(?:[a-z-]+\s)?(residents|properties|rooms|people|tenants|tasks|events|"
                     r"rows|records|changes|findings|batches|lines|days|checks|tenancies|declarations|documents|"
                     r"fingerprints|outcomes|minutes)\b")
NOT_COUNTS = {  # a fixed or fractional figure, never 1
    "the oldest waiting change is {age} hours old (limit {limit} hours)",
}


def test_no_ui_text_counts_without_its_plural_forms():
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", "")
            if name not in ("tr", "translate", "QT_TRANSLATE_NOOP"):
                continue
            for arg in node.args[:2]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and COUNTED.search(arg.value):
                    if arg.value not in NOT_COUNTS:
                        found.append(f"{path.relative_to(UI)}:{node.lineno}: {arg.value[:90]}")
    assert not found, "counts without %n and plural forms:\n" + "\n".join(found)
