"""The Tasks page (任务单 and 网上备案) on real widgets over an encrypted station, with the reference platform on
loopback (tests/sync's platform helpers) pushing tasks and pre-registrations down and receiving the results:
filters asked of the core, overdue marked, completing a task (result + notes, validated) → the feedback rate
on screen is the core's → the result reaches the platform; a pre-registration confirmed against a card placed
on the emulated reader (and one rejected with a reason) → the outcome reaches the platform."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import card

from conftest import window_login
from workstation.central.store import Record
from workstation.domain.enums import Role, TaskStatus
from workstation.storage import metrics
from workstation.storage.schema import AuditEvent, OutboxEntry, Task, utcnow
from workstation.sync import client as sc
from workstation.ui.screens.tasks import CompleteTaskDialog, SettlePreRegistrationDialog, TasksPage, filter_args
from workstation.ui.screens.tasks.model import OVERDUE_COLOUR, PreRegistrationsModel, TasksModel

pytestmark = pytest.mark.qt

STATION = "440305001"
TODAY = date(2026, 11, 25)  # a Wednesday: this week is 23–29 November
CARD_NUMBER = "11010519491231002X"  # resources/scenarios/cards/resident_id.json




def downlink(db) -> int:
    c = sc.SyncClient(db)
    try:
        return c.downlink()
    finally:
        c.close()


def sync(db):
    c = sc.SyncClient(db)
    try:
        return c.sync()
    finally:
        c.close()


def add_task(db, title, due=None, *, status="open", subject_type=None, subject_ref=None, kind="verify_person"):
    """A task as the downlink stores it (tests of the page alone; the end-to-end tests use the platform)."""
    import uuid

    tid = str(uuid.uuid4())
    with db.write() as s:
        s.add(Task(id=tid, platform_id=tid, version=1, acked_version=1, received_at=utcnow(), kind=kind,
                   title=title, due_date=due, status=status, subject_type=subject_type, subject_ref=subject_ref,
                   result="verified" if status == "done" else None, details=f"details of {title}"))
    return tid


def open_page(qtbot, ctx, *, today=TODAY, size=(1100, 650)) -> TasksPage:
    page = TasksPage(ctx, None)
    page.today = today
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    page.on_shown()
    settle(qtbot, page)
    return page


def settle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: not page.loading and not page.prereg_loading and page.rate is not None, timeout=10_000)


def rate_now(db):
    with db.read() as s:
        return metrics.feedback_rate(s)


def shown_titles(page) -> list[str]:
    m = page.model
    return [m.data(m.index(r, 1)) for r in range(m.rowCount())]


def gone(widget) -> bool:
    import shiboken6

    return not shiboken6.isValid(widget) or not widget.isVisible()


def wait_dialog(qtbot, cls):
    found = []

    def there():
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]
        return bool(found)

    qtbot.waitUntil(there, timeout=10_000)
    return found[0]


# ---- core --------------------------------------------------------------------------------------------
def test_core_filters_and_overdue(ctx):
    db = ctx.db
    add_task(db, "late", TODAY - timedelta(days=3))
    add_task(db, "monday", date(2026, 11, 23))
    add_task(db, "sunday", date(2026, 11, 29))
    add_task(db, "next week", date(2026, 11, 30))
    add_task(db, "undated")
    add_task(db, "finished", TODAY - timedelta(days=10), status="done")

    def titles(name):
        return [r.title for r in ctx.desk.tasks.list(**filter_args(name, TODAY))]

    assert titles("open") == ["late", "monday", "sunday", "next week", "undated"]
    assert titles("week") == ["monday", "sunday"]  # late is due 22 Nov, the Sunday before
    assert titles("overdue") == ["late", "monday"]
    assert titles("done") == ["finished"]
    assert len(titles("all")) == 6
    rows = {r.title: r for r in ctx.desk.tasks.list()}
    assert rows["late"].overdue(TODAY) and rows["late"].days_overdue(TODAY) == 3
    assert not rows["finished"].overdue(TODAY) and not rows["undated"].overdue(TODAY)
    # keyset pages keep the filter
    first = ctx.desk.tasks.list(status=TaskStatus.OPEN, limit=2)
    rest = ctx.desk.tasks.list(status=TaskStatus.OPEN, after=first.next, limit=10)
    assert [r.title for r in (*first, *rest)] == titles("open")
    with db.read() as s:
        audits = s.execute(select(AuditEvent.details).where(AuditEvent.action == "task.list")).scalars().all()
    assert any('"due_before": "2026-11-25"' in d for d in audits)


def test_core_complete_validates_and_rate(ctx):
    from workstation.errors import ValidationError

    tid = add_task(ctx.db, "t", TODAY)
    with pytest.raises(ValidationError) as e:
        ctx.desk.tasks.complete(tid, result=" ", notes="x" * 2001)
    assert {p.field for p in e.value.problems} == {"result", "notes"}
    assert ctx.desk.tasks.feedback_rate() == rate_now(ctx.db)
    assert ctx.desk.tasks.feedback_rate().numerator == 0
    ctx.desk.tasks.complete(tid, result="verified", notes="  ")
    r = ctx.desk.tasks.feedback_rate()
    assert (r.numerator, r.denominator) == (1, 1) and r == rate_now(ctx.db)


# ---- models ------------------------------------------------------------------------------------------
def test_models_pass_the_model_tester(qtmodeltester, ctx):
    add_task(ctx.db, "late", TODAY - timedelta(days=1))
    add_task(ctx.db, "done", TODAY, status="done")
    model = TasksModel()
    qtmodeltester.check(model, force_py=True)
    rows = ctx.desk.tasks.list().items
    model.set_rows(rows, TODAY)
    qtmodeltester.check(model, force_py=True)
    model.append_rows(rows)  # nothing new: no rows added
    assert model.rowCount() == 2
    model.retranslate()

    with ctx.db.write() as s:
        from workstation.storage.sync_tables import SyncPrereg

        s.add(SyncPrereg(id="p1", payload=json.dumps({"name": "张三", "id_number": CARD_NUMBER})))
        s.add(SyncPrereg(id="p2", payload=json.dumps({"name": "李四", "phone": "13800000000"})))
    pm = PreRegistrationsModel()
    qtmodeltester.check(pm, force_py=True)
    pm.set_rows(ctx.desk.preregistrations.list())
    pm.set_highlight({"p1"})
    qtmodeltester.check(pm, force_py=True)
    numbers = [pm.data(pm.index(r, 2)) for r in range(pm.rowCount())]
    assert CARD_NUMBER not in numbers and numbers[0].startswith("110105") and numbers[0].endswith("002X")


# ---- the page ----------------------------------------------------------------------------------------
def test_filters_and_overdue_marked_in_words_and_colour(qtbot, ctx, shoot):
    add_task(ctx.db, "核查出租屋人员 (late)", TODAY - timedelta(days=3))
    add_task(ctx.db, "走访 (this week)", date(2026, 11, 27))
    add_task(ctx.db, "复查 (next month)", date(2026, 12, 20))
    add_task(ctx.db, "已办 (done)", TODAY - timedelta(days=5), status="done")
    page = open_page(qtbot, ctx)
    assert shown_titles(page) == ["核查出租屋人员 (late)", "走访 (this week)", "复查 (next month)"]
    m = page.model
    status = m.index(0, 4)
    assert m.data(status) == "Overdue, 3 days"
    assert m.data(status, Qt.ItemDataRole.ForegroundRole).color() == OVERDUE_COLOUR
    assert m.data(m.index(1, 4)) == "Open" and m.data(m.index(1, 4), Qt.ItemDataRole.ForegroundRole) is None
    assert "1 overdue" in page.status.text()
    for name, expected in (("week", ["走访 (this week)"]),
                           ("overdue", ["核查出租屋人员 (late)"]),
                           ("done", ["已办 (done)"])):
        qtbot.mouseClick(page.filter_buttons[name], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.loading)
        assert shown_titles(page) == expected, name
    assert page.model.data(page.model.index(0, 4)).startswith("Done: ")
    assert not page.complete_button.isEnabled()  # done already
    page.set_filter("open")
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 3)
    # the rate with none answered yet: 1 of 4
    assert page.rate_label.text() == "Feedback rate: 25.0% (1 of 4 tasks answered)"
    shoot(page, "tasks-page", sizes=((1366, 768),))


def test_open_subject_person_and_property(qtbot, main_window):
    import importlib.util

    from workstation.ui.screens.residents.detail import ResidentDetailDialog

    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    ctx = win.session.ctx
    person = ctx.desk.residents.find("", limit=1).items[0]
    prop = ctx.desk.housing.find_properties("", limit=1).items[0]
    add_task(ctx.db, "a person", TODAY, subject_type="person", subject_ref=person.id)
    add_task(ctx.db, "a property", TODAY + timedelta(days=1), subject_type="property", subject_ref=prop.id,
             kind="revisit_property")
    page = win.show_page("tasks")
    page.today = TODAY
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.loading, timeout=10_000)
    page.select_task(page.model.rows[0].id)
    assert page.open_button.isEnabled()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    d = wait_dialog(qtbot, ResidentDetailDialog)  # the record the Residents page opens
    assert d.detail.id == person.id
    d.close()

    page.select_task(page.model.rows[1].id)
    assert page.model.data(page.model.index(1, 2)) == "Property"
    page.open_subject()
    if importlib.util.find_spec("workstation.ui.screens.properties") is None:
        qtbot.waitUntil(lambda: prop.address in getattr(page, "last_message", ""), timeout=10_000)
        assert "not in this version" in page.last_message
    else:
        qtbot.waitUntil(lambda: win.session.current_page.nav_key == "properties", timeout=10_000)


def test_complete_validates_then_rate_is_the_cores_and_result_reaches_the_platform(qtbot, ctx, enrolled, shoot):
    central = enrolled.central
    t1 = central.push_task(STATION, title="核查张三居住情况", kind="verify_person", due_date="2026-11-20",
                           details="平台下发：请核实是否仍在此居住")
    central.push_task(STATION, title="复查出租屋", kind="revisit_property", due_date="2026-12-02")
    assert downlink(ctx.db) == 2
    page = open_page(qtbot, ctx)
    assert page.rate_label.text() == "Feedback rate: 0.0% (0 of 2 tasks answered)"
    assert page.select_task(t1)
    assert page.model.data(page.model.index(0, 4)) == "Overdue, 5 days"

    dialog = page.complete_current()
    assert isinstance(dialog, CompleteTaskDialog) and dialog.isVisible()
    shoot.made(lambda: CompleteTaskDialog(ctx, page.current_task(), None), "complete-task")
    # nothing chosen: the reason beside the field, nothing saved
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    label = dialog.errors.label("result")
    assert label.isVisible() and label.text() == "choose a result"
    assert dialog.isVisible()
    with ctx.db.read() as s:
        assert s.get(Task, t1).status == "open"
    shoot(dialog, "complete-task-error", sizes=None)
    dialog.result_box.setCurrentIndex(dialog.result_box.findData("corrected"))
    dialog.notes.insertPlainText("已核实，电话已更正")  # keyClicks takes Latin-1 only
    dialog.save()
    qtbot.waitUntil(lambda: gone(dialog), timeout=10_000)
    # Changes → the page reads the rate again: the same as the core's metrics on the same store
    qtbot.waitUntil(lambda: page.rate is not None and page.rate.numerator == 1, timeout=10_000)
    core = rate_now(ctx.db)
    assert (page.rate.numerator, page.rate.denominator) == (core.numerator, core.denominator) == (1, 2)
    assert core.percent() in page.rate_label.text() == "Feedback rate: 50.0% (1 of 2 tasks answered)"
    qtbot.waitUntil(lambda: not page.loading)
    assert page.model.rowCount() == 1  # the open filter: the completed one left the list

    with ctx.db.read() as s:
        pending = s.execute(select(OutboxEntry).where(OutboxEntry.record_type == "task")).scalars().all()
    assert [(o.record_id, o.version) for o in pending] == [(t1, 2)]
    res = sync(ctx.db)
    assert res.error is None and res.conflicts == 0
    assert ("task", t1, 2) in central.record_versions()
    with central.store.sessions() as s:
        payload = json.loads(s.get(Record, ("task", t1)).payload)
    assert payload["result"] == "corrected" and payload["result_notes"] == "已核实，电话已更正"
    assert payload["status"] == "done"


def test_roles_without_completion(qtbot, login):
    sup = login(Role.SUPERVISOR)
    add_task(sup.db, "t", TODAY)
    page = open_page(qtbot, sup)
    assert not page.complete_button.isVisible() and page.complete_current() is None
    assert not page.confirm_button.isVisible() and not page.reject_button.isVisible()


def test_prereg_confirmed_against_the_card_reaches_the_platform(qtbot, main_window, enrolled, emulated_devices,
                                                                shoot):
    central = enrolled.central
    central.import_prereg(STATION, [
        {"id": "pre-1", "name": "张三", "id_number": CARD_NUMBER, "phone": "13800000001",
         "address": "深圳市南山区测试路1号201室"},
        {"id": "pre-2", "name": "王五", "id_number_masked": "4403**********1234", "phone": "13800000002"},
    ])
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    ctx = win.session.ctx
    assert downlink(ctx.db) == 2
    page = win.show_page("tasks")
    assert isinstance(page, TasksPage)
    page.show_preregs()
    qtbot.waitUntil(lambda: page.prereg_model.rowCount() == 2 and not page.prereg_loading, timeout=10_000)
    assert page.prereg_shown()

    reader = emulated_devices.device("idcard")
    reader.place_card(card("hmt_permit"))  # somebody else's card: said plainly
    qtbot.waitUntil(lambda: "No pre-registration matches this card" in page.match_status.text(), timeout=20_000)
    assert page.current_prereg() is None or not page.prereg_model.highlight
    reader.remove_card()
    qtbot.wait(300)
    reader.place_card(card("resident_id"))
    qtbot.waitUntil(lambda: page.match_status.text().startswith("Matches the pre-registration of 张三"),
                    timeout=20_000)
    assert "same ID number" in page.match_status.text()
    assert page.current_prereg().id == "pre-1" and page.prereg_model.highlight == {"pre-1"}
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "registrationForm" and w.isVisible()]
    shoot(win, "tasks-prereg-matched", sizes=((1366, 768),))

    dialog = page.settle_current("confirmed")
    assert isinstance(dialog, SettlePreRegistrationDialog)
    assert "ID number is the same" in dialog.card_note.text()
    assert CARD_NUMBER not in dialog.card_note.text()
    shoot(dialog, "prereg-confirm", sizes=None)
    dialog.save()
    qtbot.waitUntil(lambda: gone(dialog), timeout=10_000)
    qtbot.waitUntil(lambda: page.prereg_model.rowCount() == 1, timeout=10_000)
    assert "confirmed" in page.match_status.text()
    # the person opens next (registered already → the record; else a new registration from the card)
    qtbot.waitUntil(lambda: any(w.isVisible() and w.objectName() in ("registrationForm", "residentDetail")
                                for w in QApplication.topLevelWidgets()), timeout=10_000)
    for w in QApplication.topLevelWidgets():
        if w.objectName() in ("registrationForm", "residentDetail") and w.isVisible():
            w.setProperty("_test_closing", True)
            w.close()

    res = sync(ctx.db)
    assert res.error is None and res.conflicts == 0
    with central.store.sessions() as s:
        rec = s.get(Record, ("prereg", "pre-1"))
        assert rec is not None
        payload = json.loads(rec.payload)
    assert payload["outcome"] == "confirmed" and payload["settled_by"] == "officer1"
    with ctx.db.read() as s:
        assert s.execute(select(AuditEvent.action).where(AuditEvent.action == "prereg.confirmed")).first()
    reader.remove_card()


def test_prereg_manual_match_and_reject_with_reason(qtbot, ctx, enrolled, shoot, switch_language):
    enrolled.central.import_prereg(STATION, [
        {"id": "pre-3", "name": "王五", "id_number_masked": "4403**********1234", "phone": "13800000002"},
    ])
    assert downlink(ctx.db) == 1
    page = open_page(qtbot, ctx)
    page.show_preregs()
    qtbot.waitUntil(lambda: page.prereg_model.rowCount() == 1 and not page.prereg_loading, timeout=10_000)
    # the visible digits alone are not enough: the name must be the same too
    qtbot.keyClicks(page.number_box, "440305199001011234")
    qtbot.keyClick(page.number_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "No pre-registration matches what you typed." in page.match_status.text())
    page.name_box.setText("王五")
    qtbot.mouseClick(page.match_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.match_status.text().startswith("Matches the pre-registration of 王五"))
    assert page.current_prereg().id == "pre-3"
    switch_language("zh_CN")  # what the page says is said again in the new language
    qtbot.waitUntil(lambda: page.match_status.text().startswith("与王五的网上备案匹配"))
    assert "网上备案" in page.tabs.tabText(1)
    assert page.tabs.tabText(1).endswith("（1）")
    switch_language("en")
    qtbot.waitUntil(lambda: page.match_status.text().startswith("Matches"))
    shoot(page, "tasks-prereg-tab", sizes=((1366, 768),))

    dialog = page.settle_current("rejected")
    assert dialog.objectName() == "rejectPrereg"
    dialog.save()  # no reason: refused beside the field
    assert dialog.errors.label("reason").isVisible() and dialog.isVisible()
    shoot(dialog, "prereg-reject-error", sizes=None)
    dialog.reason.insertPlainText("经核实不在此居住")
    dialog.save()
    qtbot.waitUntil(lambda: gone(dialog), timeout=10_000)
    qtbot.waitUntil(lambda: page.prereg_model.rowCount() == 0, timeout=10_000)
    assert "rejected" in page.match_status.text()
    assert sync(ctx.db).error is None
    with enrolled.central.store.sessions() as s:
        payload = json.loads(s.get(Record, ("prereg", "pre-3")).payload)
    assert payload == {**payload, "outcome": "rejected", "reason": "经核实不在此居住"}


def test_prereg_tab_hidden_card_goes_to_the_window_and_lock_clears(qtbot, ctx):
    from workstation.domain.documents import IdentityDocument
    from workstation.domain.enums import DocumentType

    page = open_page(qtbot, ctx)
    assert page.tabs.currentIndex() == 0
    doc = IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number=CARD_NUMBER, name="张三")
    assert page.on_card_placed(doc) is False
    page.show_preregs()
    assert page.on_card_placed(doc) is True
    qtbot.waitUntil(lambda: "No pre-registration matches this card" in page.match_status.text())
    add_task(ctx.db, "t", TODAY)
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.loading)
    page.clear_personal()  # the desk locks: nothing personal stays
    assert page.model.rowCount() == 0 and page.prereg_model.rowCount() == 0 and not page.match_status.text()


def test_demo_platform_sends_tasks_and_preregistrations(qtbot, ui_station, ctx, shoot):
    """The demo's platform gives a new demo station work to see: tasks (one overdue, one about a resident,
    one about a property) and pre-registrations (one for the emulated reader's card), down with a sync."""
    from helpers import ADMIN_PASSWORD
    from workstation.ui.demo_platform import start_demo_platform

    platform = start_demo_platform(ui_station.db, ui_station.data_dir, ui_station.station_code,
                                   admin=("admin", ADMIN_PASSWORD))
    try:
        assert sync(ctx.db).error is None
    finally:
        platform.stop()
    page = open_page(qtbot, ctx, today=date.today(), size=(1366, 768))
    page.set_filter("all")
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 3, timeout=10_000)
    assert {r.subject_type for r in page.model.rows} == {"person", "property", None}
    assert sum(r.overdue(date.today()) for r in page.model.rows) == 1
    assert page.rate is not None and page.rate.denominator == 3
    qtbot.waitUntil(lambda: page.prereg_model.rowCount() == 2, timeout=10_000)
    page.set_filter("open")
    qtbot.waitUntil(lambda: not page.loading)
    shoot(page, "tasks-page-demo")
    page.show_preregs()
    shoot(page, "tasks-prereg-demo", sizes=((1366, 768),))


def test_tasks_arriving_with_sync_now_appear_on_the_open_page(qtbot, ctx, enrolled):
    from workstation.ui.screens.sync import SyncPage

    page = open_page(qtbot, ctx)
    assert page.model.rowCount() == 0 and "No open task." in page.status.text()
    tid = enrolled.central.push_task(STATION, title="新任务", kind="verify_person", due_date="2026-12-01")
    enrolled.central.import_prereg(STATION, [{"id": "pre-9", "name": "赵六"}])
    sync_page = SyncPage(ctx)
    qtbot.addWidget(sync_page)
    handle = sync_page.sync_now()
    assert handle is not None
    qtbot.waitUntil(lambda: page.model.row_of(tid) == 0 and page.prereg_model.rowCount() == 1, timeout=30_000)
    assert page.rate.denominator == 1


def test_the_inbox_reads_its_next_page_when_scrolled_to_the_end(qtbot, ctx):
    for i in range(215):
        add_task(ctx.db, f"任务 {i:03d}", TODAY + timedelta(days=i % 40))
    page = open_page(qtbot, ctx)
    assert page.model.rowCount() == page.model.page_size == 200
    assert page.status.text() == "200 tasks shown; scroll for more"
    bar = page.table.verticalScrollBar()
    bar.setValue(bar.maximum())  # the view asks the model for more (canFetchMore/fetchMore)
    qtbot.waitUntil(lambda: page.model.rowCount() == 215 and not page.loading, timeout=10_000)
    assert not page.model.canFetchMore() and page.status.text() == "215 tasks"
    titles = shown_titles(page)
    assert len(set(titles)) == 215 and titles == [r.title for r in page.model.rows]
