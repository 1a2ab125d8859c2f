"""The residents model and page over the real desk facade on an encrypted station with generated residents."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import *  # noqa: F403 - the desk's fixtures (bridge, ctx, runner, station_fx, ...)
from desk_fixtures import drain, make_ctx, off_gui

from helpers import make_station
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex, VisaType
from workstation.storage import demo
from workstation.storage.schema import AuditEvent, Person
from workstation.ui.models.residents import Query, ResidentsModel
from workstation.ui.screens.residents import ResidentsPage
from workstation.ui.screens.residents.detail import ResidentDetailDialog

pytestmark = pytest.mark.qt


@pytest.fixture
def populated(tmp_path):
    st = make_station(tmp_path / "demo-station", demo=True)
    off_gui(lambda: demo.generate(st.db, 1200, seed=7))
    yield st
    st.db.close()


def search(qtbot, model, query, timeout=10000):
    with qtbot.waitSignal(model.searched, timeout=timeout):
        model.search(query)


def test_model_pages_lazily_and_passes_the_model_tester(qtbot, qtmodeltester, populated, runner, bridge):
    ctx = make_ctx(populated, runner, bridge)
    model = ResidentsModel(ctx)
    search(qtbot, model, Query(""))
    first = model.rowCount()
    # a screenful first (shown sooner), then pages of 200 as the view scrolls
    assert first == model.first_page == 50 and model.page_size == 200 and model.canFetchMore()
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.rowsInserted, timeout=10000):
        model.fetchMore()
    assert model.rowCount() == 250
    # every id appears once and rows follow the pinyin order of the browse
    ids = [model.row_id(r) for r in range(model.rowCount())]
    assert len(set(ids)) == len(ids)
    qtmodeltester.check(model)
    # the same rows in the same order as pages of 200 from the start: the short first page loses nothing
    whole = ResidentsModel(ctx, first_page=200)
    search(qtbot, whole, Query(""))
    with qtbot.waitSignal(whole.rowsInserted, timeout=10000):
        whole.fetchMore()
    assert [whole.row_id(r) for r in range(250)] == ids
    drain(qtbot, runner)


def test_evicted_rows_show_placeholders_then_fill_in(qtbot, populated, runner, bridge):
    ctx = make_ctx(populated, runner, bridge)
    model = ResidentsModel(ctx, cache_rows=50, first_page=200)  # a first page bigger than the cache
    search(qtbot, model, Query(""))
    row = 0  # the oldest rows were evicted from the 50-row cache
    assert model.cached(model.row_id(row)) is None
    assert model.data(model.index(row, 0)) == "…"
    qtbot.waitUntil(lambda: model.cached(model.row_id(row)) is not None, timeout=5000)
    assert model.data(model.index(row, 0)) not in ("…", "")
    drain(qtbot, runner)


def test_latest_query_wins(qtbot, populated, runner, bridge):
    ctx = make_ctx(populated, runner, bridge)
    model = ResidentsModel(ctx)
    with populated.db.read() as s:
        name = s.execute(select(Person.name).limit(1)).scalar_one()
    shown = []
    model.searched.connect(lambda q, _s: shown.append(q.text))
    for q in ("王", "李", "zh", name):
        model.search(Query(q))
    qtbot.waitUntil(lambda: bool(shown) and shown[-1] == name, timeout=10000)
    drain(qtbot, runner)
    assert shown[-1] == name and len(shown) <= 2  # the first, then only the newest
    assert all(model.data(model.index(r, 0)).startswith(name) for r in range(model.rowCount()))


def test_changed_residents_are_refetched_and_deleted_ones_greyed(qtbot, populated, runner, bridge):
    ctx = make_ctx(populated, runner, bridge)
    model = ResidentsModel(ctx)
    ctx.changed.connect(model.on_changed)
    search(qtbot, model, Query(""))
    pid = model.row_id(3)
    version = model.cached(pid).version
    with qtbot.waitSignal(ctx.changed, timeout=5000):
        ctx.op(lambda _t: ctx.desk.residents.update(pid, base_version=version, phone="13912345678")).start()
    qtbot.waitUntil(lambda: model.cached(pid) is not None and model.cached(pid).phone == "13912345678", timeout=5000)
    version += 1
    with qtbot.waitSignal(ctx.changed, timeout=5000):
        ctx.op(lambda _t: ctx.desk.residents.delete(pid, base_version=version, reason="moved away")).start()
    qtbot.waitUntil(lambda: not (model.flags(model.index(3, 0)) & Qt.ItemFlag.ItemIsEnabled), timeout=5000)
    drain(qtbot, runner)


def test_page_search_filters_and_opens_the_record(qtbot, populated, runner, bridge):
    ctx = make_ctx(populated, runner, bridge)
    page = ResidentsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    with populated.db.read() as s:
        person = s.execute(select(Person).limit(1)).scalar_one()
        pid, grid, phone = person.id, person.grid_code, person.phone
    with qtbot.waitSignal(page.model.searched, timeout=10000):
        page.search_box.setText(phone)
    assert page.model.row_id(0) == pid
    with qtbot.waitSignal(page.model.searched, timeout=10000):
        page.search_box.setText("")
        page.grid_box.setText(grid)
    assert all(page.model.cached(page.model.row_id(r)).grid_code == grid for r in range(page.model.rowCount()))
    # keyboard: ↓ from the search box into the list, Enter opens the record (an audited read)
    with qtbot.waitSignal(page.model.searched, timeout=10000):
        page.search_box.setText(phone)
        page.grid_box.setText("")
    page.search_box.setFocus()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(isinstance(w, ResidentDetailDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    drain(qtbot, runner)
    with populated.db.read() as s:
        assert s.execute(select(AuditEvent).where(AuditEvent.action == "person.read",
                                                  AuditEvent.target_id == pid)).first()
    page.clear_personal()
    assert page.model.rowCount() == 0 and page.search_box.text() == ""


def _register(ctx):
    doc = IdentityDocument(DocumentType.RESIDENT_ID, "11010519491231002X", "张三", Sex.FEMALE, date(1949, 12, 31))
    return off_gui(lambda: ctx.desk.residents.register(doc, phone="13800138000")).id


def test_detail_edit_and_stale_edit_conflict(qtbot, ctx, runner, station_fx):
    pid = _register(ctx)
    a = ResidentDetailDialog(ctx, None, off_gui(lambda: ctx.desk.residents.get(pid)))
    b = ResidentDetailDialog(ctx, None, off_gui(lambda: ctx.desk.residents.get(pid)))
    a.show()
    b.show()
    a.editors["employer"].setText("演示科技有限公司")
    a.save()
    qtbot.waitUntil(lambda: a.detail.employer == "演示科技有限公司", timeout=5000)
    b.editors["phone"].setText("13911112222")
    b.save()
    qtbot.waitUntil(lambda: b.conflict.isVisible(), timeout=5000)
    assert "Reload" in b.conflict.text()
    b.reload()
    qtbot.waitUntil(lambda: b.detail.version == a.detail.version, timeout=5000)
    assert b.editors["employer"].text() == "演示科技有限公司" and not b.conflict.isVisible()
    b.editors["phone"].setText("13911112222")
    b.save()
    qtbot.waitUntil(lambda: b.detail.phone == "13911112222", timeout=5000)
    drain(qtbot, runner)


def test_detail_shows_documents_tenancies_and_fingerprints_not_templates(qtbot, ctx, runner):
    from workstation.domain.enums import FingerPosition

    pid = _register(ctx)
    prop = off_gui(lambda: ctx.desk.housing.create_property(address="演示市东城区幸福路1号", grid_code="G01")).id
    room = off_gui(lambda: ctx.desk.housing.add_room(prop, label="101")).id
    off_gui(lambda: ctx.desk.housing.bind(pid, room, start=date(2024, 1, 1), end=date(2024, 6, 30)))
    off_gui(lambda: ctx.desk.housing.bind(pid, room, start=date(2024, 7, 1)))
    off_gui(lambda: ctx.desk.biometrics.add(pid, position=FingerPosition.RIGHT_INDEX, template=b"\x01" * 512,
                                            quality=77))
    d = ResidentDetailDialog(ctx, None, off_gui(lambda: ctx.desk.residents.get(pid)))
    d.show()
    assert d.documents.rowCount() == 1 and d.documents.item(0, 1).text() == "11010519491231002X"
    assert d.tenancies.rowCount() == 2
    assert d.fingerprints.rowCount() == 1 and d.fingerprints.item(0, 1).text() == "77/100"
    cells = [d.fingerprints.item(0, c).text() for c in range(d.fingerprints.columnCount())]
    assert not any("\x01" in c for c in cells)


def test_delete_asks_the_reason(qtbot, ctx, runner, station_fx):
    pid = _register(ctx)
    d = ResidentDetailDialog(ctx, None, off_gui(lambda: ctx.desk.residents.get(pid)))
    d.show()
    d.delete()  # the reason is asked in a window-modal dialog over the record (tests/ui/test_modal_demo_desk.py)
    ask = d.delete_dialog
    assert ask is not None and ask.isVisible() and not ask.ok_button.isEnabled()
    event = QInputMethodEvent()  # Chinese typed through an input method
    event.setCommitString("搬离本辖区")
    QApplication.sendEvent(ask.reason, event)
    with qtbot.waitSignal(d.changed_record, timeout=5000):
        qtbot.keyClick(ask.reason, Qt.Key.Key_Return)
    drain(qtbot, runner)
    with station_fx.db.read() as s:
        assert s.get(Person, pid).deleted_at is not None
        ev = s.execute(select(AuditEvent).where(AuditEvent.action == "person.delete",
                                                AuditEvent.target_id == pid)).scalar_one()
        assert "搬离本辖区" in ev.details


def test_assistant_pages_are_bounded_by_the_role(qtbot, populated, runner, bridge):
    ctx = make_ctx(populated, runner, bridge, Role.ASSISTANT)
    model = ResidentsModel(ctx)
    search(qtbot, model, Query(""))
    assert model.rowCount() == model.page_size == 50
    drain(qtbot, runner)


def test_detail_shows_and_edits_a_foreign_guests_stay(qtbot, ctx, runner):
    doc = IdentityDocument(DocumentType.PASSPORT, "P1234567", "ERIKSSON, ANNA", Sex.FEMALE, date(1985, 3, 2),
                           name_latin="ERIKSSON, ANNA", nationality="SWE", issuer="SWE", source="mrz")
    pid = off_gui(lambda: ctx.desk.residents.register(
        doc, visa_type="L", visa_number="E12345678", entry_date=date(2026, 1, 10), stay_until=date(2026, 2, 10)
    )).id
    d = ResidentDetailDialog(ctx, None, off_gui(lambda: ctx.desk.residents.get(pid)))
    d.show()
    ed = d.editors
    assert ed["visa_type"].currentData() == "L" and ed["visa_type"].currentText().startswith("L — tourism")
    assert ed["visa_number"].text() == "E12345678" and ed["entry_date"].text() == "2026-01-10"
    assert ed["stay_until"].isVisible()
    ed["stay_until"].setText("2025-12-31")  # before the entry: refused beside the field, by the service
    d.save()
    qtbot.waitUntil(lambda: d.errors.label("stay_until").isVisible(), timeout=5000)
    assert "before the date of entry" in d.errors.label("stay_until").text()
    ed["visa_type"].setCurrentIndex(ed["visa_type"].findData(VisaType.RESIDENCE_PERMIT.value))
    ed["stay_until"].setText("2027-02-10")
    d.save()
    qtbot.waitUntil(lambda: d.detail.stay_until == date(2027, 2, 10), timeout=5000)
    assert d.detail.visa_type is VisaType.RESIDENCE_PERMIT and d.detail.version == 2
    drain(qtbot, runner)


def test_detail_of_a_citizen_has_no_stay_rows(qtbot, ctx, runner):
    pid = _register(ctx)
    d = ResidentDetailDialog(ctx, None, off_gui(lambda: ctx.desk.residents.get(pid)))
    d.show()
    assert not any(d.editors[f].isVisible() for f in ("visa_type", "visa_number", "entry_date", "stay_until"))
    d.editors["employer"].setText("演示科技有限公司")  # the hidden, empty stay is not sent along
    d.save()
    qtbot.waitUntil(lambda: d.detail.employer == "演示科技有限公司", timeout=5000)
    assert d.detail.visa_type is None
    drain(qtbot, runner)


def test_each_search_paints_the_table_once(qtbot, populated, runner, bridge):
    """A search's new rows are painted once: the scroll bar stays (it does not come and go with the
    number of rows, resizing the columns) and the rows are laid out before the paint, not after it."""
    from PySide6.QtCore import QEvent, QObject

    ctx = make_ctx(populated, runner, bridge)
    page = ResidentsPage(ctx)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    paints: list[int] = []

    class Count(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                paints.append(page.table.viewport().width())
            return False

    counter = Count()
    page.table.viewport().installEventFilter(counter)
    search(qtbot, page.model, Query(""))
    qtbot.wait(300)
    assert page.table.verticalScrollBar().isVisible()
    some = page.model.cached(page.model.row_id(0)).name[:1]
    for text in (some, "", "zzzzzz", ""):  # many rows, few, none, many: the scroll bar stays
        paints.clear()
        search(qtbot, page.model, Query(text))
        qtbot.wait(300)  # whatever the view still had to lay out
        assert len(paints) == 1, (text, paints)
        assert page.table.verticalScrollBar().isVisible()
    assert len(set(paints)) == 1  # the same width throughout
    drain(qtbot, runner)
