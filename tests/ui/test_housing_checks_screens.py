"""Landlord declarations, spot checks, visit sheets and the monthly round on real widgets against a real
encrypted station (issue 11 items 4–6): a binding not declared in time is overdue on screen and stops
being overdue once the declaration is entered through the dialog; a visit's findings move the
consistency rate on screen to the value `storage.metrics` computes, and that rate reaches the
reference platform on sync; an assistant declares but never verifies; the visit sheet renders to a
PDF whose first page is turned into an image (saved with the screenshots)."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from conftest import authenticate
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex, SpotCheckResult
from workstation.domain.validation import gb11643_check_char
from workstation.errors import PermissionDenied
from workstation.storage import metrics
from workstation.storage.areas.checks import Agreement, VisitFinding
from workstation.ui.screens.housing_checks import (
    DeclarationDialog,
    MonthlyRoundDialog,
    SpotCheckDialog,
    property_actions,
    write_pdf,
)
from workstation.ui.screens.housing_checks.models import (
    NOTES_COLUMN,
    RESULT_COLUMN,
    ComparisonModel,
    EntriesModel,
    FindingRow,
    FindingsModel,
    RoundModel,
)

TODAY = date.today()
GRID = "HC01"
ROLE = Qt.ItemDataRole.UserRole


def _doc(name: str, seq: int, born: date = date(1988, 6, 1)) -> IdentityDocument:
    first17 = f"440305{born:%Y%m%d}{seq:03d}"
    number = first17 + gb11643_check_char(first17)
    return IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number=number, name=name,
                            sex=Sex.MALE if seq % 2 else Sex.FEMALE, birth_date=born, source="card")


@pytest.fixture
def town(ctx):
    """A property of grid HC01 with rooms 101 (张三 moved in 10 days ago, 李四 yesterday), 102 (王五,
    20 days ago) and 103 (empty), all recorded by an officer; and a second property of the grid."""
    h = ctx.desk.housing
    pid = h.create_property(address="演示市南湖区核查路8号", grid_code=GRID, landlord_name="房东甲",
                            landlord_phone="13800138000").id
    other = h.create_property(address="演示市南湖区核查路9号", grid_code=GRID).id
    rooms = {lb: h.add_room(pid, label=lb).id for lb in ("101", "102", "103")}
    h.add_room(other, label="201")
    people = {}
    for i, (name, room, days) in enumerate((("张三", "101", 10), ("李四", "101", 1), ("王五", "102", 20))):
        doc = _doc(name, 51 + i)
        person = ctx.desk.residents.register(doc, phone=f"1390000{i:04d}").id
        tenancy = h.bind(person, rooms[room], start=TODAY - timedelta(days=days)).id
        people[name] = (person, doc.number, tenancy)
    return pid, other, people


def _line(model, name):
    for r in range(model.rowCount()):
        if model.data(model.index(r, 1)) == name:
            return r
    raise KeyError(name)


def test_models_pass_qtmodeltester(qtmodeltester, ctx, town):
    pid, _other, people = town
    comparison = ComparisonModel()
    qtmodeltester.check(comparison, force_py=True)
    comparison.set_rows(ctx.desk.housing.declaration_comparison(pid).lines)
    qtmodeltester.check(comparison, force_py=True)
    comparison.retranslate()

    entries = EntriesModel()
    qtmodeltester.check(entries, force_py=True)
    entries.append({"name": "张三", "room": "101"})
    assert entries.insertRows(1, 2)
    assert entries.setData(entries.index(1, 0), "李四")
    assert entries.removeRows(2, 1)
    qtmodeltester.check(entries, force_py=True)
    assert entries.entries() == [{"name": "张三", "room": "101"}, {"name": "李四"}]

    findings = FindingsModel()
    qtmodeltester.check(findings, force_py=True)
    findings.set_rows([FindingRow("101", people["张三"][2], "张三", "4403**", "2024-01-01"),
                       FindingRow("103", None, "", None, "")])
    assert findings.setData(findings.index(0, RESULT_COLUMN), "not_found")
    assert not findings.setData(findings.index(0, RESULT_COLUMN), "bogus")
    assert findings.setData(findings.index(0, NOTES_COLUMN), " 不在 ")
    assert not findings.setData(findings.index(0, 1), "x")  # the name is not editable
    qtmodeltester.check(findings, force_py=True)
    assert findings.row(0).notes == "不在" and findings.row(0).result is SpotCheckResult.NOT_FOUND

    rounds = RoundModel()
    qtmodeltester.check(rounds, force_py=True)
    rounds.set_rows(ctx.desk.housing.visit_sheet(grid_code=GRID).properties)
    qtmodeltester.check(rounds, force_py=True)
    assert rounds.rowCount() == 2


def open_declarations(qtbot, ctx, pid) -> DeclarationDialog:
    dialog = DeclarationDialog(ctx, None, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.comparison is not None and not dialog.loading, timeout=10_000)
    return dialog


def test_overdue_until_the_declaration_is_entered(qtbot, ctx, town, shoot):
    pid, _other, people = town
    dialog = open_declarations(qtbot, ctx, pid)
    m = dialog.model
    zhang = _line(m, "张三")
    assert m.data(m.index(zhang, 0), ROLE) == Agreement.OVERDUE.value
    assert m.data(m.index(zhang, 0)) == "Declaration overdue"
    assert m.data(m.index(zhang, 0), Qt.ItemDataRole.BackgroundRole) is not None  # highlighted
    assert m.data(m.index(zhang, 8)) == (TODAY - timedelta(days=7)).isoformat()  # declare by
    assert m.data(m.index(_line(m, "李四"), 0), ROLE) == Agreement.PENDING.value
    assert {o.person_name for o in ctx.desk.housing.overdue_tenancies(property_id=pid)} == {"张三", "王五"}
    assert "3 of 3 lines differ" in dialog.summary.text()
    shoot(dialog, "declarations-before", sizes=((1180, 440),))

    entry = dialog.enter_declaration()
    assert entry is not None
    qtbot.waitUntil(lambda: entry.room_delegate.rooms == ["101", "102", "103"], timeout=10_000)
    assert entry.declarant_name.text() == "房东甲"
    em = entry.model
    em.setData(em.index(0, 0), "张三")
    em.setData(em.index(0, 1), people["张三"][1])
    em.setData(em.index(0, 2), "101")
    em.setData(em.index(0, 3), "2024.3.1x")  # not a date: said under the table, nothing saved
    entry.add_tenant()
    em.setData(em.index(1, 0), "王五")
    em.setData(em.index(1, 2), "103")
    entry.add_tenant()  # a blank row is left out
    entry.save()
    assert entry.entry_errors.isVisible() and "Tenant 1" in entry.entry_errors.text()
    assert not entry.saved
    shoot(entry, "declaration-entry", sizes=((820, 480),))
    em.setData(em.index(0, 3), (TODAY - timedelta(days=10)).isoformat())
    entry.save()
    qtbot.waitUntil(lambda: entry.saved, timeout=10_000)

    # the comparison reloads on the change: 张三 agrees, 王五 was declared in another room, nobody overdue
    qtbot.waitUntil(lambda: m.rowCount() == 3 and m.data(m.index(_line(m, "张三"), 0), ROLE) == "same",
                    timeout=10_000)
    wang = _line(m, "王五")
    assert m.data(m.index(wang, 0), ROLE) == Agreement.OTHER_ROOM.value
    assert m.data(m.index(wang, 3)) == "103" and m.data(m.index(wang, 6)) == "102"
    assert m.data(m.index(_line(m, "张三"), 0), Qt.ItemDataRole.BackgroundRole) is None
    assert ctx.desk.housing.overdue_tenancies(property_id=pid) == ()
    assert "房东甲" in dialog.history.text()
    shoot(dialog, "declarations-after", sizes=((1180, 440),))


def test_an_ended_binding_is_not_overdue_and_shows_as_never_declared(qtbot, ctx, town, shoot):
    """Ending a binding the landlord never declared takes it off the overdue list; the comparison keeps
    it as history (not highlighted)."""
    pid, _other, _people = town
    t = next(x for x in ctx.desk.housing.room_tenancies(
        next(r.id for r in ctx.desk.housing.rooms(pid) if r.label == "102")) if x.person_name == "王五")
    ctx.desk.housing.end_tenancy(t.id, base_version=t.version, end=TODAY - timedelta(days=2))
    assert {o.person_name for o in ctx.desk.housing.overdue_tenancies(property_id=pid)} == {"张三"}
    dialog = open_declarations(qtbot, ctx, pid)
    m = dialog.model
    wang = _line(m, "王五")
    assert m.data(m.index(wang, 0), ROLE) == Agreement.NEVER_DECLARED.value
    assert m.data(m.index(wang, 0)) == "Moved out, never declared"
    assert m.data(m.index(wang, 0), Qt.ItemDataRole.BackgroundRole) is None  # history, not highlighted
    assert m.data(m.index(_line(m, "张三"), 0), ROLE) == Agreement.OVERDUE.value
    shoot(dialog, "declarations-never-declared", sizes=((1180, 440),))


def open_spot_check(qtbot, ctx, pid) -> SpotCheckDialog:
    dialog = SpotCheckDialog(ctx, None, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.sheet is not None and dialog.rates is not None and dialog.rates.grid is not None
                    and not dialog.loading, timeout=10_000)
    return dialog


def _rate_shown(dialog, rate) -> bool:
    return rate.percent() in dialog.rate_label.text() and f"({rate.numerator} of {rate.denominator})" in \
        dialog.rate_label.text()


def test_visit_moves_the_consistency_rate_on_screen(qtbot, ctx, town, shoot):
    pid, other, people = town
    ctx.desk.housing.record_declaration(pid, declared_on=TODAY, declarant_name="房东甲", declarant_phone=None,
                                        entries=[{"name": "张三", "id_number": people["张三"][1], "room": "101"}])
    dialog = open_spot_check(qtbot, ctx, pid)
    assert "no spot checks yet" in dialog.rate_label.text()
    m = dialog.model
    assert [m.data(m.index(r, 0)) for r in range(m.rowCount())] == ["101", "101", "102", "103"]
    assert m.data(m.index(3, 1)) == "(nobody recorded)"
    assert "*" in m.data(m.index(0, 2))  # ID numbers masked

    # through the result delegate, as a person edits the cell
    view = dialog.table
    index = m.index(0, RESULT_COLUMN)
    view.setCurrentIndex(index)  # opens the editor (any edit trigger)
    editor = view.indexWidget(index) or view.focusWidget()
    editor.setCurrentIndex(editor.findData("consistent"))
    view.commitData(editor)
    view.closeEditor(editor, view.itemDelegate().EndEditHint.NoHint)
    assert m.row(0).result is SpotCheckResult.CONSISTENT
    m.setData(m.index(1, RESULT_COLUMN), "not_found")  # no notes: refused, said in words
    dialog.save()
    qtbot.waitUntil(lambda: dialog.problems.isVisible(), timeout=10_000)
    assert "李四" in dialog.problems.text()
    shoot(dialog, "spot-check", sizes=((1000, 460),))
    m.setData(m.index(1, NOTES_COLUMN), "邻居说已搬走")
    dialog.all_button.click()  # 王五 and the empty room: consistent
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved_count == 4, timeout=10_000)

    with ctx.db.read() as s:
        prop_rate = metrics.consistency_by_property(s)[pid]
        grid_rate = metrics.consistency_by_grid(s)[GRID]
    assert (prop_rate.numerator, prop_rate.denominator) == (3, 4)
    qtbot.waitUntil(lambda: _rate_shown(dialog, prop_rate), timeout=10_000)  # at once, without reopening
    assert _rate_shown(dialog, grid_rate)

    # a check of the other property (another desk session) moves the grid's rate on this screen too
    ctx.desk.housing.record_visit(other, findings=[VisitFinding(SpotCheckResult.INCONSISTENT, None, "201: 多人")])
    from workstation.domain.enums import Operation
    from workstation.storage.areas.base import Change, Changes, Kind

    ctx.changed.emit(Changes((Change(Kind.SPOT_CHECK, "x", Operation.CREATE, 1),)))
    with ctx.db.read() as s:
        grid_rate = metrics.consistency_by_grid(s)[GRID]
    qtbot.waitUntil(lambda: _rate_shown(dialog, grid_rate), timeout=10_000)
    assert (grid_rate.numerator, grid_rate.denominator) == (3, 5)
    shoot(dialog, "spot-check-saved", sizes=((1000, 460),))


def test_saved_findings_stay_on_screen_marked_saved(qtbot, ctx, town, shoot, switch_language):
    """Fresh-eyes report: after 保存核查结果 every line went back to 未核查, as if lost. The saved lines
    keep their findings, say so, and cannot be changed; a line left unmarked can still be saved."""
    pid, _other, people = town
    dialog = open_spot_check(qtbot, ctx, pid)
    m = dialog.model
    li, zhang, wang = _line(m, "李四"), _line(m, "张三"), _line(m, "王五")
    m.setData(m.index(li, RESULT_COLUMN), "not_found")
    m.setData(m.index(li, NOTES_COLUMN), "查无此人")
    m.setData(m.index(zhang, RESULT_COLUMN), "consistent")
    m.setData(m.index(wang, RESULT_COLUMN), "inconsistent")
    m.setData(m.index(wang, NOTES_COLUMN), "换了工作")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved_count == 3, timeout=10_000)
    results = {r: m.row(r).result for r in (li, zhang, wang)}
    assert results == {li: SpotCheckResult.NOT_FOUND, zhang: SpotCheckResult.CONSISTENT,
                       wang: SpotCheckResult.INCONSISTENT}
    assert m.data(m.index(li, RESULT_COLUMN)) == "Not found · saved"
    assert m.data(m.index(li, NOTES_COLUMN)) == "查无此人"
    assert not m.flags(m.index(li, RESULT_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert not m.setData(m.index(li, RESULT_COLUMN), "consistent")  # a saved finding stays as saved
    assert "Saved 3 findings at" in dialog.status.text() and "marked saved" in dialog.status.text()
    empty = _line(m, "(nobody recorded)")
    assert m.row(empty).result is None and m.flags(m.index(empty, RESULT_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    shoot(dialog, "spot-check-kept", sizes=((1000, 460),))
    dialog.save()  # nothing new: said in words, nothing written twice
    assert dialog.problems.isVisible() and "saved" in dialog.problems.text() and dialog.saved_count == 3
    m.setData(m.index(empty, RESULT_COLUMN), "consistent")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved_count == 4, timeout=10_000)
    assert "Saved 1 finding at" in dialog.status.text() and not dialog.problems.isVisible()
    switch_language("zh_CN")
    assert m.data(m.index(li, RESULT_COLUMN)) == "查无此人 · 已保存"
    qtbot.waitUntil(lambda: "已保存" in dialog.status.text(), timeout=5_000)  # LanguageChange is posted
    switch_language("en")
    tiles = {r.label: r for r in ctx.desk.housing.rooms(pid)}
    assert not tiles["101"].verified and not tiles["102"].verified and tiles["103"].verified
    assert people


def test_the_visit_sheet_has_a_box_for_each_finding_the_dialog_offers(ctx, town, switch_language):
    """The dialog offers 一致 / 不一致 / 查无此人; the printed sheet had no 不一致 box."""
    from workstation.ui.screens.housing_checks.sheet import BOX, WIDTHS, sheet_html

    pid, _other, _people = town
    sheet = ctx.desk.housing.visit_sheet(property_id=pid)
    for code, words in (("zh_CN", ("一致", "不一致", "查无此人")), ("en", ("Consistent", "Inconsistent", "Not found"))):
        switch_language(code)
        page = sheet_html(sheet)
        heads = [h.split(">", 1)[1].split("<", 1)[0] for h in page.split("<th ")[1:]]
        assert len(heads) == len(WIDTHS) and sum(WIDTHS) == 100
        for w in words:
            assert heads.count(w) == 1, (w, heads)
        rows = page.split("</table>")[0].split("<tr>")[2:]  # the property's table, after its header
        assert rows and all(r.count(BOX) == 4 for r in rows)  # present, consistent, inconsistent, not found


def test_an_assistant_declares_but_never_verifies(qtbot, login, town, shoot):
    pid, _other, people = town
    assistant = login(Role.ASSISTANT)
    names = [a.objectName() for a in property_actions(assistant, _parent(qtbot), lambda: pid)]
    assert names == ["declarations", "visitSheet"]
    officer_names = [a.objectName() for a in property_actions(login(Role.OFFICER), _parent(qtbot), lambda: pid)]
    assert officer_names == ["declarations", "spotCheck", "visitSheet"]

    dialog = SpotCheckDialog(assistant, None, pid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.sheet is not None and not dialog.loading, timeout=10_000)
    assert dialog.refusal.isVisible() and not dialog.save_button.isVisible()
    dialog.model.setData(dialog.model.index(0, RESULT_COLUMN), "consistent")
    dialog.save()  # nothing happens
    assert dialog.saved_count == 0
    shoot(dialog, "spot-check-assistant", sizes=((1000, 460),))
    with pytest.raises(PermissionDenied):
        assistant.desk.housing.record_visit(pid, findings=[VisitFinding(SpotCheckResult.CONSISTENT,
                                                                        people["张三"][2])])

    declarations = open_declarations(qtbot, assistant, pid)
    assert declarations.enter_button.isVisible() and declarations.enter_button.isEnabled()
    entry = declarations.enter_declaration()
    entry.model.setData(entry.model.index(0, 0), "李四")
    entry.model.setData(entry.model.index(0, 2), "101")
    entry.save()
    qtbot.waitUntil(lambda: entry.saved, timeout=10_000)


def _parent(qtbot):
    from PySide6.QtWidgets import QWidget

    w = QWidget()
    qtbot.addWidget(w)
    return w


def _render_first_page(pdf: Path, png: Path) -> tuple[int, str]:
    """Page 1 of `pdf` as an image (pdftoppm; QtPdf is not in PySide6-Essentials), saved to `png`;
    returns (dark pixels sampled, the page's text by pdftotext)."""
    import subprocess

    from PySide6.QtGui import QImage

    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                   check=True, timeout=60)
    image = QImage(str(png))
    assert not image.isNull(), png
    ink = sum(1 for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)
              if image.pixelColor(x, y).lightness() < 128)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    return ink, text


def _compact(text: str) -> str:
    """pdftotext's text without spaces, NFKC (CJK fonts map 示 to the radical ⽰ in their ToUnicode)."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


def test_visit_sheet_renders_to_pdf(qtbot, ctx, town, shots_dir, switch_language, tmp_path):
    import shutil
    import subprocess

    pid, _other, people = town
    for code in ("zh_CN", "en"):
        switch_language(code)
        sheet = ctx.desk.housing.visit_sheet(property_id=pid)
        pdf = write_pdf(sheet, tmp_path / f"sheet-{code}.pdf", station_name="演示警务室")
        assert pdf.stat().st_size > 2000
        ink, text = _render_first_page(pdf, shots_dir / f"visit-sheet-pdf-{code}.png")
        assert ink > 200  # something is drawn
        compact = _compact(text)
        assert "演示市南湖区核查路8号" in compact and "张三" in compact and "王五" in compact  # Chinese, not tofu
        assert people["张三"][1] not in compact and "********" in compact  # ID numbers only masked
        assert ("走访登记表" if code == "zh_CN" else "Visitsheet") in compact
        if shutil.which("pdffonts"):  # the CJK font is embedded: the PDF reads the same on any computer
            fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
            assert "CJK" in fonts, fonts
    with ctx.db.read() as s:
        from workstation.storage.schema import AuditEvent

        actions = [a for (a,) in s.execute(select(AuditEvent.action).where(AuditEvent.target_id == pid))]
    assert actions.count("visit_sheet.print") == 2  # printing is an audited read


def test_monthly_round_lists_the_unchecked_and_prints(qtbot, ctx, town, tmp_path, shoot, shots_dir):
    import subprocess

    pid, other, people = town
    ctx.desk.housing.record_visit(pid, findings=[VisitFinding(SpotCheckResult.CONSISTENT, people["张三"][2])])
    dialog = MonthlyRoundDialog(ctx, None, GRID)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.sheet is not None and not dialog.loading, timeout=10_000)
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 0), ROLE) == other
    assert dialog.model.data(dialog.model.index(0, 3)) == "never"
    assert dialog.preview_button.isEnabled()
    shoot(dialog, "monthly-round", sizes=((820, 360),))

    from workstation.storage.schema import AuditEvent

    def actions() -> list[str]:
        with ctx.db.read() as s:
            return list(s.execute(select(AuditEvent.action).order_by(AuditEvent.seq)).scalars())

    # listing is an audited read named for what it is; printing (preview, PDF) is audited apart
    assert actions().count("monthly_round.read") == 1 and "visit_sheet.print" not in actions()
    preview = dialog.preview()  # deletes itself on close
    qtbot.waitExposed(preview)
    shoot(preview, "monthly-round-preview", sizes=((1000, 760),))
    preview.close()
    qtbot.waitUntil(lambda: actions().count("visit_sheet.print") == 1, timeout=10_000)
    path = dialog.save_pdf(str(tmp_path / "round.pdf"))
    qtbot.waitUntil(lambda: actions().count("visit_sheet.print") == 2, timeout=10_000)
    assert actions().count("monthly_round.read") == 1
    _ink, text = _render_first_page(path, shots_dir / "monthly-round-pdf.png")
    assert "演示市南湖区核查路9号" in _compact(text)
    assert "演示市南湖区核查路8号" not in _compact(text)  # checked this month

    # a long round runs over pages, each numbered
    for i in range(14):
        new = ctx.desk.housing.create_property(address=f"演示市南湖区核查路{20 + i}号", grid_code=GRID).id
        for label in ("101", "102", "201", "202"):
            ctx.desk.housing.add_room(new, label=label)
    dialog.reload()
    qtbot.waitUntil(lambda: not dialog.loading and dialog.model.rowCount() == 15, timeout=10_000)
    long_pdf = dialog.save_pdf(str(tmp_path / "long-round.pdf"))
    info = subprocess.run(["pdfinfo", str(long_pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2
    last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(long_pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "page" in last  # the foot of the page (pdftotext drops the digits of Qt's embedded font subsets)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", "-singlefile", str(long_pdf),
                    str(shots_dir / "monthly-round-pdf-page2")], check=True, timeout=60)

    # a grid where everything was checked says so
    for p in [other, *(dialog.model.row(r).property_id for r in range(dialog.model.rowCount()))]:
        ctx.desk.housing.record_visit(p, findings=[VisitFinding(SpotCheckResult.CONSISTENT, None, "all rooms")])
    dialog.reload()
    qtbot.waitUntil(lambda: not dialog.loading and dialog.model.rowCount() == 0, timeout=10_000)
    assert "has been spot-checked" in dialog.summary.text()
    assert not dialog.preview_button.isEnabled()


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))



def test_the_rate_reaches_the_platform_on_sync(qtbot, ctx, ui_station, town, central):
    from workstation.central.store import Record
    from workstation.sync import client as sc

    pid, _other, _people = town
    code = central.central.enroll_code("440305001")
    sc.enroll(ui_station.db, central.url, code, "440305001", central.ca_pem,
              actor=authenticate(ui_station.db, Role.ADMIN))
    dialog = open_spot_check(qtbot, ctx, pid)
    m = dialog.model
    m.setData(m.index(0, RESULT_COLUMN), "consistent")
    m.setData(m.index(1, RESULT_COLUMN), "inconsistent")
    m.setData(m.index(1, NOTES_COLUMN), "房间号不符")
    m.setData(m.index(2, RESULT_COLUMN), "consistent")
    assert m.row(3).room == "103" and m.row(3).tenancy_id is None  # the empty room's own line
    m.setData(m.index(3, RESULT_COLUMN), "consistent")
    m.setData(m.index(3, NOTES_COLUMN), "空置")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved_count == 4, timeout=10_000)
    with ctx.db.read() as s:
        rate = metrics.consistency_by_property(s)[pid]
    qtbot.waitUntil(lambda: _rate_shown(dialog, rate), timeout=10_000)
    room_103 = next(r for r in ctx.desk.housing.rooms(pid) if r.label == "103")
    assert room_103.verified and room_103.empty  # the tile shows the empty room verified

    sc.SyncClient(ui_station.db).sync()
    with central.store.sessions() as s:
        rows = s.execute(select(Record.payload).where(Record.record_type == "spot_check"))
        payloads = [json.loads(p) for (p,) in rows]
    mine = [p for p in payloads if p.get("property_id") == pid]
    consistent = sum(1 for p in mine if p.get("result") == "consistent")
    assert (consistent, len(mine)) == (rate.numerator, rate.denominator) == (3, 4)
    # the platform holds the room of the empty room's check (spot_check.room_id), notes as typed
    (room_check,) = [p for p in mine if p.get("tenancy_id") is None]
    assert room_check["room_id"] == room_103.id and room_check["notes"] == "空置"
    assert f"{consistent / len(mine) * 100:.1f}%" in dialog.rate_label.text()


def _cells(model, column):
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_the_properties_page_carries_the_checks(qtbot, ctx, login, town, shoot):
    """Wired into the Properties page: the list filters landlords who are late (and drops one once its
    declaration is entered through the page), the property's toolbar opens the checks, and a saved
    visit shows in the list as the rate storage.metrics computes."""
    from PySide6.QtWidgets import QPushButton

    from workstation.ui.screens.housing_checks import DeclarationDialog, SheetPreview
    from workstation.ui.screens.properties import PropertiesPage

    pid, _other, people = town
    page = PropertiesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.list.grid_box.setText(GRID)
    page.list.run_search()
    qtbot.waitUntil(lambda: page.model.query.grid_code == GRID and page.model.rowCount() == 2, timeout=10_000)
    page.list.late_box.setChecked(True)  # 核查路9号 has nobody bound: its landlord is not late
    qtbot.waitUntil(lambda: page.model.query.landlord_late and page.model.rowCount() == 1, timeout=10_000)
    assert page.model.data(page.model.index(0, 0), ROLE) == pid
    shoot(page, "properties-landlords-late", sizes=((1366, 768),))

    with qtbot.waitSignal(page.property_view.shown, timeout=10_000):
        page.open_property(pid)
    bar = page.property_view.actions_bar
    buttons = {b.objectName(): b for b in bar.findChildren(QPushButton)}
    assert {"declarations", "spotCheck", "visitSheet"} <= set(buttons)
    assert buttons["spotCheck"].text() == "Spot check…"
    shoot(page, "property-with-checks", sizes=((1366, 768),))

    buttons["visitSheet"].click()  # the audited read, then Qt's print preview of the sheet
    qtbot.waitUntil(lambda: page.property_view.findChild(SheetPreview) is not None, timeout=10_000)
    preview = page.property_view.findChild(SheetPreview)
    assert preview.sheet.properties[0].property_id == pid and preview.isVisible()
    preview.close()

    buttons["declarations"].click()
    dialog = page.property_view.findChild(DeclarationDialog)
    qtbot.waitUntil(lambda: dialog.comparison is not None and not dialog.loading, timeout=10_000)
    entry = dialog.enter_declaration()
    em = entry.model
    for r, name in enumerate(("张三", "王五")):
        if r:
            entry.add_tenant()
        em.setData(em.index(r, 0), name)
        em.setData(em.index(r, 1), people[name][1])
        em.setData(em.index(r, 2), "101" if name == "张三" else "102")
    entry.save()
    qtbot.waitUntil(lambda: entry.saved, timeout=10_000)
    dialog.close()

    buttons["spotCheck"].click()
    checks = page.property_view.findChild(SpotCheckDialog)
    qtbot.waitUntil(lambda: checks.sheet is not None and not checks.loading, timeout=10_000)
    checks.model.setData(checks.model.index(2, RESULT_COLUMN), "inconsistent")
    checks.model.setData(checks.model.index(2, NOTES_COLUMN), "住在103")
    checks.all_button.click()
    checks.save()
    qtbot.waitUntil(lambda: checks.saved_count == 4, timeout=10_000)
    checks.close()
    with ctx.db.read() as s:
        rate = metrics.consistency_by_property(s)[pid]
    assert (rate.numerator, rate.denominator) == (3, 4)

    page.show_list()
    page.list.late_box.setChecked(False)
    qtbot.waitUntil(lambda: not page.model.query.landlord_late and page.model.rowCount() == 2, timeout=10_000)
    row = [page.model.data(page.model.index(r, 0), ROLE) for r in range(2)].index(pid)
    consistency = page.model.index(row, 7)
    qtbot.waitUntil(lambda: page.model.data(consistency) == "75.0% (3/4)", timeout=10_000)
    assert rate.percent() == "75.0%"
    page.list.late_box.setChecked(True)  # declared now: nobody late left in the grid
    qtbot.waitUntil(lambda: page.model.query.landlord_late and page.model.rowCount() == 0, timeout=10_000)
    assert page.list.status.text() == "No property found."

    assistant_page = PropertiesPage(login(Role.ASSISTANT))
    qtbot.addWidget(assistant_page)
    names = {b.objectName() for b in assistant_page.property_view.actions_bar.findChildren(QPushButton)}
    assert "declarations" in names and "spotCheck" not in names
