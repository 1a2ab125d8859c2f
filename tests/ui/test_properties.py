"""The properties page (issue 11 items 1–3) on a real encrypted station: the list by grid with its
figures, the four parties, rooms as tiles, binding by card (emulated reader) and by search, moving and
ending a binding, overlaps, and screenshots of every screen and dialog in both languages."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import card, close_windows, drain, mrz_lines, off_gui  # noqa: F401 - close_windows: autouse fixture

from conftest import window_login
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex, SpotCheckResult
from workstation.domain.validation import gb11643_check_char
from workstation.storage import metrics
from workstation.storage.schema import AuditEvent, OutboxEntry, Tenancy, utcnow
from workstation.ui.models.properties import PropertiesModel, PropertyQuery
from workstation.ui.screens.properties import PropertiesPage
from workstation.ui.screens.properties.dialogs import (
    BindDialog,
    EndTenancyDialog,
    MoveDialog,
    OverlapQuestion,
    PropertyDialog,
    RoomDialog,
)
from workstation.ui.screens.registration.form import RegistrationForm

pytestmark = pytest.mark.qt
TODAY = date.today()
CARD_NUMBER = "11010519491231002X"  # resources/scenarios/cards/resident_id.json (张三)


def _doc(name: str, seq: int) -> IdentityDocument:
    first17 = f"440305{date(1988, 3, 9):%Y%m%d}{seq:03d}"
    return IdentityDocument(DocumentType.RESIDENT_ID, first17 + gb11643_check_char(first17), name,
                            Sex.MALE if seq % 2 else Sex.FEMALE, date(1988, 3, 9), source="manual")


def _town(ctx, *, grid="G90", rooms=("101", "102", "103"), seq=11):
    """A property with rooms in `grid`, one person bound to the first room, a spot check."""
    h = ctx.desk.housing

    def make():
        pid = h.create_property(address=f"测试市{grid}幸福路8号", grid_code=grid, landlord_name="王房东",
                                landlord_phone="13900000001", manager_name="幸福物业",
                                assistant_username="assistant1", district_code="JQ-02").id
        ids = [h.add_room(pid, label=label, capacity=2).id for label in rooms]
        person = ctx.desk.residents.register(_doc("李四" if seq == 11 else f"王{seq}", seq)).id
        binding = h.bind(person, ids[0], start=TODAY - timedelta(days=30)).id
        with h.db.write() as s:  # bound when they moved in, 30 days ago
            row = s.get(Tenancy, binding)
            row.created_at = row.updated_at = utcnow() - timedelta(days=30)
        # checked 20 days ago: rooms bound since then are "not verified"
        h.record_spot_check(pid, result=SpotCheckResult.CONSISTENT, checked_at=utcnow() - timedelta(days=20))
        return pid, ids, person

    return off_gui(make)


def _visible(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def _page(qtbot, ctx):
    page = PropertiesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _open(qtbot, page, pid):
    with qtbot.waitSignal(page.property_view.shown, timeout=10_000):
        page.open_property(pid)
    return page.property_view


def _open_room(qtbot, view, label):
    tile = next(t for t in view.tiles.tiles if t.room.label == label)
    with qtbot.waitSignal(view.room_shown, timeout=10_000):
        qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    return tile


def _outbox(db, record_id):
    with db.read() as s:
        return [e.operation for e in s.execute(
            select(OutboxEntry).where(OutboxEntry.record_id == record_id).order_by(OutboxEntry.seq)).scalars()]


def _audited(db, action, target_id):
    with db.read() as s:
        return s.execute(select(AuditEvent).where(AuditEvent.action == action, AuditEvent.target_id == target_id)
                         ).first() is not None


# ---- the list -------------------------------------------------------------------------------------------
def test_list_model_pages_lazily_by_grid_and_passes_the_model_tester(qtbot, qtmodeltester, ctx, ui_station):
    h = ctx.desk.housing
    pids = off_gui(lambda: [h.create_property(address=f"格子路{i:02d}号", grid_code="G77").id for i in range(25)])
    off_gui(lambda: h.record_spot_check(pids[3], result=SpotCheckResult.INCONSISTENT, notes="少一人"))
    off_gui(lambda: h.record_spot_check(pids[3], result=SpotCheckResult.CONSISTENT))
    model = PropertiesModel(ctx, page_size=10)
    with qtbot.waitSignal(model.searched, timeout=10_000):
        model.search(PropertyQuery(grid_code="G77"))
    assert model.rowCount() == 10 and model.canFetchMore()
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
        model.fetchMore()
    assert model.rowCount() == 20
    qtmodeltester.check(model)
    with ui_station.db.read() as s:
        rate = metrics.consistency_by_property(s)[pids[3]]
    row = model.row_of(pids[3])
    assert model.data(model.index(row, 7)) == "50.0% (1/2)" == f"{rate.value * 100:.1f}% (1/2)"
    # by consistency: the checked property first, then the others by address
    with qtbot.waitSignal(model.searched, timeout=10_000):
        model.search(PropertyQuery(grid_code="G77", order="consistency"))
    assert model.row_id(0) == pids[3]
    qtmodeltester.check(model)
    drain(qtbot, ui_station.runner)


def test_page_finds_a_property_by_pinyin_typed_in_the_search_box(qtbot, ctx, ui_station):
    """Fresh-eyes report: 'xingfu' found nothing on the English desk. Typed as a person types it."""
    pid, _rooms, _person = _town(ctx, grid="G91", seq=12)
    page = _page(qtbot, ctx)
    page.on_shown()
    for typed in ("xingfu", "Wangfangdong", "wfd"):  # the address 测试市G91幸福路8号, the landlord 王房东
        page.list.search_box.clear()
        qtbot.keyClicks(page.list.search_box, typed)
        qtbot.waitUntil(lambda t=typed: page.model.query.text == t and not page.model.busy
                        and page.model.rowCount() > 0, timeout=10_000)
        m = page.model
        assert pid in [m.row_id(r) for r in range(m.rowCount())], typed
    drain(qtbot, ui_station.runner)


def test_page_filters_by_grid_searches_landlord_and_opens_a_property(qtbot, ctx, ui_station):
    pid, _rooms, _person = _town(ctx)
    page = _page(qtbot, ctx)
    page.on_shown()
    qtbot.keyClicks(page.list.grid_box, "g90")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.query.grid_code == "G90", timeout=10_000)
    m = page.model
    assert [m.data(m.index(0, c)) for c in range(1, 7)] == [
        "G90", "王房东 · 13900000001", "assistant1", "3", "1", (TODAY - timedelta(days=20)).isoformat()]
    page.list.grid_box.clear()
    page.list.search_box.setText("王房")  # keyClicks types ASCII only
    qtbot.waitUntil(lambda: page.model.query.text == "王房" and page.model.rowCount() >= 1, timeout=10_000)
    assert pid in [m.row_id(r) for r in range(m.rowCount())]
    page.list.table.setFocus()
    page.list.table.selectRow(m.row_of(pid))
    with qtbot.waitSignal(page.property_view.shown, timeout=10_000):
        qtbot.keyClick(page.list.table, Qt.Key.Key_Return)
    view = page.property_view
    assert view.heading.text() == "测试市G90幸福路8号"
    assert "王房东" in view.party_labels["landlord"].text() and "幸福物业" in view.party_labels["manager"].text()
    assert "assistant1" in view.party_labels["assistant"].text() and view.party_labels["district"].text() == "JQ-02"
    assert [t.room.label for t in view.tiles.tiles] == ["101", "102", "103"]
    assert view.findChild(type(view.actions_layout), "property_actions") is view.actions_layout
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.list
    drain(qtbot, ui_station.runner)


def test_an_assistants_list_shows_their_properties_first(qtbot, login, ui_station):
    officer = login(Role.OFFICER)
    h = officer.desk.housing
    off_gui(lambda: [h.create_property(address="A助理街1号", grid_code="G66"),
                     h.create_property(address="B助理街2号", grid_code="G66", assistant_username="assistant1")])
    assistant = login(Role.ASSISTANT)
    model = PropertiesModel(assistant)
    with qtbot.waitSignal(model.searched, timeout=10_000):
        model.search(PropertyQuery(grid_code="G66"))
    assert [model.data(model.index(r, 0)) for r in range(2)] == ["B助理街2号", "A助理街1号"]
    assert model.data(model.index(0, 3)) == "assistant1 ★"
    drain(qtbot, ui_station.runner)


# ---- the four parties ---------------------------------------------------------------------------------------
def test_property_dialog_puts_reasons_beside_fields_and_saves_four_parties(qtbot, ctx, ui_station):
    dialog = PropertyDialog(ctx, None)  # deletes itself when closed (close_windows closes it)
    dialog.show()
    combo = dialog.editors["assistant_username"]
    qtbot.waitUntil(lambda: combo.count() > 1, timeout=10_000)
    e = dialog.editors
    qtbot.keyClicks(e["landlord_phone"], "12345")
    e["district_code"].setText("警区")
    dialog.save_button.click()
    for name in ("address", "grid_code", "landlord_phone", "district_code"):
        assert dialog.errors.label(name).isVisible(), name
    assert not dialog.errors.label("manager_phone").isVisible()
    for name, text in (("address", "新建路1号"), ("grid_code", "g91"), ("landlord_name", "赵业主"),
                       ("landlord_id_number", "11010519491231002X"), ("manager_name", "新建物业"),
                       ("manager_phone", "13700000000")):
        e[name].setText(text)
    e["landlord_phone"].setText("13600000000")
    e["district_code"].setText("JQ-05")
    combo.setCurrentIndex(combo.findData("assistant1"))
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.keyClick(e["address"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    detail = off_gui(lambda: ctx.desk.housing.get_property(saved.args[0].id))
    assert (detail.address, detail.grid_code, detail.landlord_phone, detail.manager_phone, detail.district_code,
            detail.assistant_username) == ("新建路1号", "G91", "13600000000", "13700000000", "JQ-05", "assistant1")
    # editing shows what is stored and changes only what was changed
    edit = PropertyDialog(ctx, None, detail)
    edit.show()
    qtbot.waitUntil(lambda: edit.editors["assistant_username"].currentData() == "assistant1", timeout=10_000)
    assert edit.editors["landlord_name"].text() == "赵业主"
    edit.editors["manager_name"].setText("")
    with qtbot.waitSignal(edit.saved, timeout=10_000):
        edit.save_button.click()
    assert off_gui(lambda: ctx.desk.housing.get_property(detail.id)).manager_name is None
    drain(qtbot, ui_station.runner)


# ---- rooms ----------------------------------------------------------------------------------------------------
def test_tiles_show_states_in_words_and_rooms_are_added_renamed_removed(qtbot, main_window, ui_station):
    window_login(qtbot, main_window, Role.OFFICER)
    ctx = main_window.ctx
    pid, _rooms, _person = _town(ctx)
    page = main_window.show_page("properties")
    view = _open(qtbot, page, pid)
    tiles = {t.room.label: t for t in view.tiles.tiles}
    assert tiles["101"].state() == "verified" and "1 / 2 people" in tiles["101"].text()
    assert "Verified" in tiles["101"].text() and "Not declared" in tiles["101"].text()
    assert tiles["102"].state() == "empty" and "Empty" in tiles["102"].text()
    from workstation.ui.screens.properties.view import STATE_COLOURS

    for label in ("101", "102"):  # the colour drawn is the state's (beside its words)
        image = tiles[label].grab().toImage()
        drawn = image.pixelColor(image.width() // 2, image.height() - 6).name()
        assert drawn == STATE_COLOURS[tiles[label].state()][0], (label, drawn)
    # add a room through its dialog
    view.add_room_button.click()
    dialog = next(w for w in _visible(RoomDialog))
    qtbot.keyClicks(dialog.label_edit, "101")  # taken: the core's reason beside the label
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.errors.label("label").isVisible(), timeout=10_000)
    dialog.label_edit.setText("104")
    dialog.capacity_edit.setText("x")
    dialog.save_button.click()
    assert dialog.errors.label("capacity").isVisible()
    dialog.capacity_edit.setText("1")
    with qtbot.waitSignal(view.shown, timeout=10_000, raising=False):
        view._asked_at = 1.0  # count the reload after the save as a showing
        dialog.save_button.click()
    qtbot.waitUntil(lambda: [t.room.label for t in view.tiles.tiles] == ["101", "102", "103", "104"], timeout=10_000)
    # rename the open room
    _open_room(qtbot, view, "104")
    view.rename_room_button.click()
    rename = next(w for w in _visible(RoomDialog))
    rename.label_edit.setText("104B")
    rename.save_button.click()
    qtbot.waitUntil(lambda: "104B" in [t.room.label for t in view.tiles.tiles], timeout=10_000)
    # a room with a tenant cannot be removed: the core says why, the window shows it
    _open_room(qtbot, view, "101")
    view.remove_room_button.click()
    from PySide6.QtWidgets import QMessageBox

    box = next(w for w in _visible(QMessageBox) if w.objectName() == "removeRoomQuestion")
    remove = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    remove.click()
    qtbot.waitUntil(lambda: main_window.message_bar.isVisible(), timeout=10_000)
    assert "cannot be removed" in main_window.message_bar.label.text()
    assert "101" in [t.room.label for t in view.tiles.tiles]
    # an empty one can
    _open_room(qtbot, view, "102")
    view.remove_room_button.click()
    box = next(w for w in _visible(QMessageBox) if w.objectName() == "removeRoomQuestion")
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()
    qtbot.waitUntil(lambda: "102" not in [t.room.label for t in view.tiles.tiles], timeout=10_000)
    drain(qtbot, ui_station.runner)


# ---- people bound to rooms ---------------------------------------------------------------------------------------
def test_card_binds_move_and_end_each_in_outbox_and_audit(qtbot, main_window, ui_station, emulated_devices,
                                                          qtmodeltester):
    window_login(qtbot, main_window, Role.OFFICER)
    ctx = main_window.ctx
    pid, rooms, _person = _town(ctx, grid="G92")
    person = off_gui(lambda: ctx.desk.residents.register(
        IdentityDocument(DocumentType.RESIDENT_ID, CARD_NUMBER, "张三", Sex.FEMALE, date(1949, 12, 31)))).id
    page = main_window.show_page("properties")
    view = _open(qtbot, page, pid)
    _open_room(qtbot, view, "102")
    assert "Place an ID card" in view.card_hint.text()
    # a card on the reader: the holder is bound to the open room (no registration form, no record)
    emulated_devices.device("idcard").place_card(card("resident_id"))
    qtbot.waitUntil(lambda: view.tenancies.rowCount() == 1, timeout=15_000)
    first = view.tenancies.tenancy(0)
    assert (first.person_id, first.start_date, first.end_date) == (person, TODAY, None)
    assert "张三" in main_window.message_bar.label.text()
    assert not _visible(RegistrationForm)
    qtmodeltester.check(view.tenancies)
    qtbot.waitUntil(lambda: view.tiles.tile(rooms[1]).room.occupants == 1, timeout=10_000)
    # move to room 103 in one step
    view.table.selectRow(0)
    view.move_button.click()
    move = _visible(MoveDialog)[0]
    move.room_combo.setCurrentIndex(move.room_combo.findText("103"))
    move.save_button.click()
    qtbot.waitUntil(lambda: view.tenancies.rowCount() == 1 and view.tenancies.tenancy(0).end_date is not None,
                    timeout=10_000)
    moved_from = view.tenancies.tenancy(0)
    assert moved_from.id == first.id and moved_from.end_date == TODAY  # started today: one day
    _open_room(qtbot, view, "103")
    second = view.tenancies.tenancy(0)
    assert second.person_id == person and second.end_date is None and second.id != first.id
    # end the binding with a date
    view.table.selectRow(0)
    view.end_button.click()
    end = _visible(EndTenancyDialog)[0]
    end.end_edit.setText("2000-01-01")  # before it started: the reason beside the field
    end.save_button.click()
    assert end.errors.label("end").isVisible()
    end.end_edit.setText(TODAY.isoformat())
    end.save_button.click()
    qtbot.waitUntil(lambda: view.tenancies.tenancy(0).end_date == TODAY, timeout=10_000)
    assert view.tenancies.data(view.tenancies.index(0, 1)).endswith("– " + TODAY.isoformat())  # from / moved out
    db = ui_station.db
    with db.read() as s:
        history = s.execute(select(Tenancy.room_id, Tenancy.start_date, Tenancy.end_date)
                            .where(Tenancy.person_id == person).order_by(Tenancy.created_at)).all()
    assert [(r, e) for r, _s, e in history] == [(rooms[1], TODAY), (rooms[2], TODAY)]
    assert _outbox(db, first.id) == ["create", "update"]
    assert _outbox(db, second.id) == ["create", "update"]
    for action, target in (("tenancy.create", first.id), ("tenancy.update", first.id), ("tenancy.move", second.id),
                           ("tenancy.create", second.id), ("tenancy.update", second.id)):
        assert _audited(db, action, target), (action, target)
    drain(qtbot, ui_station.runner)


def test_unknown_card_registers_through_the_form_then_is_bound(qtbot, main_window, ui_station, emulated_devices):
    ui_station.settings.fingerprint_policy = "off"
    window_login(qtbot, main_window, Role.OFFICER)
    ctx = main_window.ctx
    pid, rooms, _person = _town(ctx, grid="G93")
    page = main_window.show_page("properties")
    view = _open(qtbot, page, pid)
    _open_room(qtbot, view, "103")
    emulated_devices.device("idcard").place_card(card("resident_id"))
    qtbot.waitUntil(lambda: len(_visible(RegistrationForm)) == 1, timeout=15_000)
    form = _visible(RegistrationForm)[0]
    qtbot.waitUntil(lambda: form._room_id() == rooms[2], timeout=10_000)  # this property and room chosen
    assert form.editors["property"].text() == "测试市G93幸福路8号"
    form.save()  # the form deletes itself once saved
    qtbot.waitUntil(lambda: view.tenancies.rowCount() == 1, timeout=10_000)
    assert view.tenancies.tenancy(0).person_name == "张三"
    drain(qtbot, ui_station.runner)


def test_a_passport_swiped_with_a_room_open_registers_into_that_room(qtbot, main_window, ui_station,
                                                                     emulated_devices):
    window_login(qtbot, main_window, Role.OFFICER)
    pid, rooms, _person = _town(main_window.ctx, grid="G98")
    view = _open(qtbot, main_window.show_page("properties"), pid)
    _open_room(qtbot, view, "102")
    emulated_devices.device("mrz").present(mrz_lines("td3_specimen"))
    qtbot.waitUntil(lambda: len(_visible(RegistrationForm)) == 1, timeout=15_000)
    form = _visible(RegistrationForm)[0]
    assert form.current_doc_type() is DocumentType.PASSPORT
    qtbot.waitUntil(lambda: form._room_id() == rooms[1], timeout=10_000)
    drain(qtbot, ui_station.runner)


def test_search_bind_flags_an_overlap_and_asks_before_keeping_both(qtbot, ctx, ui_station):
    _pid, _rooms, person = _town(ctx, grid="G94")  # 李四 lives in room 101
    other, other_rooms, _p = _town(ctx, grid="G95", seq=12)
    page = _page(qtbot, ctx)
    view = _open(qtbot, page, other)
    _open_room(qtbot, view, "102")
    view.bind_button.click()
    dialog = _visible(BindDialog)[0]
    dialog.save_button.click()  # nobody chosen: said beside the list
    assert dialog.errors.label("person").isVisible()
    dialog.search_box.setText("李四")
    qtbot.waitUntil(lambda: dialog.results.count() >= 1, timeout=10_000)
    for i in range(dialog.results.count()):
        if dialog.results.item(i).data(Qt.ItemDataRole.UserRole) == person:
            dialog.results.setCurrentRow(i)
    assert "*" in dialog.results.currentItem().text()  # ID numbers masked in the list
    dialog.save_button.click()
    qtbot.waitUntil(lambda: len(_visible(OverlapQuestion)) == 1, timeout=10_000)
    question = _visible(OverlapQuestion)[0]
    assert "101" in question.text() and question.move_button is not None
    question.both_button.click()
    qtbot.waitUntil(lambda: view.tenancies.rowCount() == 1, timeout=10_000)
    note = view.tenancies.data(view.tenancies.index(0, 3))
    assert note.startswith("⚠") and "101" in note
    tile = view.tiles.tile(other_rooms[1])
    qtbot.waitUntil(lambda: view.tiles.tile(other_rooms[1]).room.overlaps == 1, timeout=10_000)
    assert "Bound twice" in view.tiles.tile(other_rooms[1]).text() and tile is not None
    assert _audited(ui_station.db, "tenancy.overlap_acknowledged", view.tenancies.tenancy(0).id)
    drain(qtbot, ui_station.runner)


def test_a_supervisor_reads_rooms_but_binds_nobody(qtbot, login, ui_station, ctx):
    pid, _rooms, _person = _town(ctx, grid="G96")
    sup = login(Role.SUPERVISOR)
    page = _page(qtbot, sup)
    view = _open(qtbot, page, pid)
    _open_room(qtbot, view, "101")
    assert view.tenancies.rowCount() == 1
    for b in (view.bind_button, view.end_button, view.move_button, view.add_room_button, view.edit_button):
        assert not b.isVisibleTo(view)
    assert page.on_card_placed(object()) is False  # the window opens the record instead
    drain(qtbot, ui_station.runner)


def test_lock_drops_what_the_page_shows(qtbot, ctx, ui_station):
    pid, _rooms, _person = _town(ctx, grid="G97")
    page = _page(qtbot, ctx)
    view = _open(qtbot, page, pid)
    _open_room(qtbot, view, "101")
    page.clear_personal()
    assert view.detail is None and view.tenancies.rowCount() == 0 and not view.tiles.tiles
    assert page.model.rowCount() == 0 and page.stack.currentWidget() is page.list
    drain(qtbot, ui_station.runner)


# ---- screenshots --------------------------------------------------------------------------------------------------
def test_shoot_properties_screens_and_dialogs(qtbot, main_window, ui_station, shoot):
    window_login(qtbot, main_window, Role.OFFICER)
    ctx = main_window.ctx
    labels = [f"{floor}0{n}" for floor in range(1, 4) for n in range(1, 5)]
    pid, rooms, person = _town(ctx, grid="G01", rooms=labels)
    h = ctx.desk.housing

    def more():
        for i, rid in enumerate(rooms[1:7]):
            pers = ctx.desk.residents.register(_doc(f"住户{i}", 30 + i)).id
            h.bind(pers, rid, start=TODAY - timedelta(days=10))
            if i % 3 == 0:
                h.bind(ctx.desk.residents.register(_doc(f"同住{i}", 60 + i)).id, rid, start=TODAY)
        elsewhere = h.create_property(address="测试市G01东街2号", grid_code="G01").id
        h.bind(person, h.add_room(elsewhere, label="A").id, start=TODAY - timedelta(days=5), acknowledge_overlap=True)
        h.record_declaration(pid, declared_on=TODAY, declarant_name="王房东", declarant_phone=None,
                             entries=[{"name": "李四", "room": "101"}, {"name": "住户0", "room": "102"}])

    off_gui(more)
    page = main_window.show_page("properties")
    page.list.grid_box.setText("G01")
    page.list.run_search()
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1, timeout=10_000)
    paths = shoot(main_window, "properties-list")
    view = _open(qtbot, page, pid)
    _open_room(qtbot, view, "102")
    view.table.selectRow(0)
    paths += shoot(main_window, "property-rooms")
    detail = view.detail
    tenancy = view.tenancies.tenancy(0)
    room = view.current_room
    paths += shoot.made(lambda: PropertyDialog(ctx, main_window, detail), "property-dialog")
    paths += shoot.made(lambda: RoomDialog(ctx, main_window, pid, room), "room-dialog")
    paths += shoot.made(lambda: BindDialog(ctx, main_window, room, detail.address), "bind-dialog")
    paths += shoot.made(lambda: EndTenancyDialog(ctx, main_window, tenancy, room.label), "end-dialog")
    paths += shoot.made(lambda: MoveDialog(ctx, main_window, tenancy, room.label, detail.rooms), "move-dialog")

    from workstation.storage.areas.housing import OverlappingTenancy, TenancyOverlap

    exc = OverlappingTenancy([TenancyOverlap("t", 1, rooms[0], "101", pid, detail.address, TODAY, None)])
    paths += shoot.made(lambda: OverlapQuestion(main_window, exc, can_move=True), "overlap-question")
    assert all(p.exists() and p.stat().st_size > 2000 for p in paths)
    drain(qtbot, ui_station.runner)
