"""The Today dashboard on real widgets over a real encrypted store: each chart's numbers are the core
metric queries' numbers for the same store (read back from the plot items), a click on a bar opens the
list behind it, each role sees only what it may, and screenshots in both languages."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import numpy as np
import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from conftest import window_login
from workstation.domain.enums import Role, SpotCheckResult
from workstation.storage import metrics
from workstation.storage.schema import Person, Property, Task, utcnow
from workstation.storage.sync_tables import SyncPrereg
from workstation.ui.today import DAYS, TodayPage


@pytest.fixture
def figures(ui_station, login):
    """Spot checks in three grids, tasks received and answered over the last weeks, a pre-registration
    waiting, and a few changes waiting for the platform (the officer's own writes)."""
    officer = login(Role.OFFICER)
    db = ui_station.db
    with db.read() as s:
        props = list(s.execute(select(Property.id, Property.grid_code).order_by(Property.grid_code)).all())
    for i, (pid, _grid) in enumerate(props[:6]):
        officer.desk.housing.record_spot_check(pid, result=SpotCheckResult.CONSISTENT)
        if i % 2:
            officer.desk.housing.record_spot_check(
                pid, result=SpotCheckResult.INCONSISTENT, notes="房东称已搬走"
            )
    now = utcnow()
    with db.write() as s:
        for i in range(12):
            received = now - timedelta(days=2 * i + 1)
            t = Task(platform_id=f"T-{i}", kind="verify_person", title="核查", version=1, received_at=received,
                     due_date=(now + timedelta(days=1 - i)).date())
            if i % 3 == 0:
                t.result, t.status, t.completed_at = "verified", "done", received + timedelta(hours=20)
            s.add(t)
        s.add(SyncPrereg(id="PR-1", payload="{}", status="pending", received_at=now))
    return officer


def open_page(qtbot, ctx) -> TodayPage:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.on_shown()
    return page


def test_each_chart_shows_the_core_metrics_of_the_store(qtbot, ui_station, figures):
    page = open_page(qtbot, figures)
    with ui_station.db.read() as s:
        registrations = metrics.registrations_per_day(s, days=DAYS)
        consistency = sorted(metrics.consistency_by_grid(s).items())
        feedback = metrics.feedback_rate_per_day(s, days=DAYS)
        backlog = metrics.backlog_per_day(s, days=DAYS)
        waiting = metrics.unsynced_backlog(s)
        due, overdue = metrics.tasks_due(s)

    x, h = page.registrations.getData()
    assert list(h) == [n for _d, n in registrations]
    assert list(x) == list(range(DAYS))
    assert sum(h) > 0  # the demo residents were registered over the last 60 days
    _x, h = page.consistency.getData()
    assert len(consistency) >= 2
    assert list(h) == pytest.approx([100 * r.numerator / r.denominator for _g, r in consistency])
    assert page._grids == tuple(g for g, _r in consistency)
    _x, y = page.feedback.getData()
    want = [math.nan if r.value is None else 100 * r.value for _d, r in feedback]
    np.testing.assert_allclose(y, want)
    assert feedback[-1][1] == metrics.feedback_rate(ui_station.db.read().__enter__())
    _x, h = page.backlog.getData()
    assert list(h) == [n for _d, n in backlog]
    assert h[-1] == waiting.records > 0  # the officer's spot checks wait for the platform

    assert page.tiles["tasks"].text() == f"Tasks due: {due} ({overdue} overdue)"
    assert due > overdue > 0
    assert page.tiles["preregistrations"].text() == "Pre-registrations waiting: 1"
    assert not page.tiles["devices"].isVisible()  # no device manager attached: nothing to say
    for name in ("registrations", "consistency", "feedback", "backlog"):
        assert page.charts[name].isVisible()
    assert page.timing is not None and page.timing.gui < 1000


def test_a_new_registration_refreshes_the_charts(qtbot, ui_station, figures):
    page = open_page(qtbot, figures)
    before = page.registrations.getData()[1][-1]
    with ui_station.db.write() as s:  # someone registered meanwhile (another desk's sync, say)
        s.add(Person(name="王测试", version=1, created_at=utcnow()))
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.timer.timeout.emit()  # the minute is up
    assert page.registrations.getData()[1][-1] == before + 1


def test_a_write_at_the_desk_refreshes_the_backlog(qtbot, ui_station, figures):
    page = open_page(qtbot, figures)
    before = page.backlog.getData()[1][-1]
    with qtbot.waitSignal(page.refreshed, timeout=10_000):  # ctx.changed, then the page's short delay
        figures.op(lambda _t: figures.desk.housing.create_property(address="演示市新路1号", grid_code="G01")).start()
    assert page.backlog.getData()[1][-1] > before


def test_devices_not_ready_are_named(qtbot, ui_station, figures, emulated_devices):
    from workstation.devices.manager import DeviceState

    page = open_page(qtbot, figures)
    assert page.tiles["devices"].text() == "Devices: all ready"
    emulated_devices.unplug("fingerprint")
    qtbot.waitUntil(lambda: ui_station.devices.status("fingerprint").state is not DeviceState.CONNECTED,
                    timeout=10_000)
    qtbot.waitUntil(lambda: "not ready: 1 (Fingerprint)" in page.tiles["devices"].text(), timeout=5000)


def click_column(qtbot, chart, column: int, y: float) -> None:
    pos = chart.point_of(column, y).toPoint()
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def today_page(qtbot, main_window) -> TodayPage:
    window_login(qtbot, main_window, Role.OFFICER)
    page = main_window.session.pages["today"]
    assert isinstance(page, TodayPage)
    qtbot.waitUntil(lambda: page.dashboard is not None, timeout=10_000)
    return page


def test_clicking_a_days_bar_lists_the_residents_registered_that_day(qtbot, qtmodeltester, ui_station, figures,
                                                                     main_window):
    page = today_page(qtbot, main_window)
    _x, h = page.registrations.getData()
    day_index = int(np.argmax(h))
    day = page._days[day_index]
    click_column(qtbot, page.charts["registrations"], day_index, h[day_index] / 2)
    residents = main_window.session.current_page
    assert residents is main_window.session.pages["residents"]
    qtbot.waitUntil(lambda: residents.model.query.registered_on == day and not residents.model._searching,
                    timeout=10_000)
    qtbot.waitUntil(lambda: residents.model.rowCount() == h[day_index], timeout=10_000)
    assert residents.day_filter.isVisible() and day.isoformat() in residents.day_filter.text()
    start = datetime.combine(day, datetime.min.time())
    with ui_station.db.read() as s:
        ids = set(s.execute(select(Person.id).where(Person.created_at >= start,
                                                    Person.created_at < start + timedelta(days=1))).scalars())
    assert {residents.model.row_id(r) for r in range(residents.model.rowCount())} == ids
    qtmodeltester.check(residents.model)
    residents.day_filter.click()  # the filter goes: every resident again
    qtbot.waitUntil(lambda: residents.model.query.registered_on is None, timeout=10_000)
    assert not residents.day_filter.isVisible()


def test_clicking_a_grids_bar_lists_the_properties_of_that_grid(qtbot, qtmodeltester, ui_station, figures,
                                                                main_window):
    page = today_page(qtbot, main_window)
    grid = page._grids[1]
    click_column(qtbot, page.charts["consistency"], 1, 10)
    win = main_window
    properties = win.session.current_page
    assert properties is win.session.pages["properties"]
    model = properties.list.model
    qtbot.waitUntil(lambda: model.query.grid_code == grid and model.rowCount() > 0, timeout=10_000)
    assert properties.list.grid_box.text() == grid
    assert {model.index(r, 1).data() for r in range(model.rowCount())} == {grid}
    with ui_station.db.read() as s:
        assert model.rowCount() == len(s.execute(select(Property.id).where(Property.grid_code == grid)).all())
    qtmodeltester.check(model)


def test_without_a_properties_list_a_grids_bar_lists_its_residents(qtbot, ui_station, figures, main_window,
                                                                   monkeypatch):
    """A build (or role) whose Properties page cannot filter by grid: the residents of the grid instead."""
    page = today_page(qtbot, main_window)
    monkeypatch.setattr(type(main_window.session.pages["properties"]), "show_filtered", None, raising=False)
    grid = page._grids[0]
    click_column(qtbot, page.charts["consistency"], 0, 10)
    residents = main_window.session.current_page
    assert residents is main_window.session.pages["residents"]
    qtbot.waitUntil(lambda: residents.model.query.grid_code == grid and residents.model.rowCount() > 0,
                    timeout=10_000)
    assert residents.grid_box.text() == grid
    assert {residents.model.index(r, 6).data() for r in range(residents.model.rowCount())} == {grid}


def test_a_click_beside_the_bars_opens_nothing(qtbot, ui_station, figures, main_window):
    page = today_page(qtbot, main_window)
    chart = page.charts["registrations"]
    pos = chart.point_of(DAYS + 3, 1).toPoint()  # right of the last day, inside the widget
    pos.setX(min(pos.x(), chart.plot.viewport().width() - 2))
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.wait(50)
    assert main_window.session.current_page is page


@pytest.mark.parametrize(
    ("role", "charts", "tiles"),
    [
        (Role.ASSISTANT, {"backlog"}, {"tasks", "preregistrations"}),
        (Role.SUPERVISOR, {"registrations", "consistency", "feedback", "backlog"}, {"tasks", "preregistrations"}),
        (Role.ADMIN, set(), set()),
    ],
)
def test_each_role_sees_what_it_may(qtbot, login, figures, role, charts, tiles):
    ctx = login(role)
    d = ctx.desk.supervision.dashboard()
    assert (d.registrations_per_day is None) == ("registrations" not in charts)
    assert (d.tasks_due is None) == ("tasks" not in tiles)
    page = open_page(qtbot, ctx)
    assert {n for n, c in page.charts.items() if c.isVisible()} == charts
    assert {n for n, t in page.tiles.items() if t.isVisible()} == tiles
    assert "Ctrl+L" in page.body.text()
    assert ("F2" in page.body.text()) == ctx.can("register")


def test_screenshots(qtbot, ui_station, figures, main_window, shoot):
    page = today_page(qtbot, main_window)
    shots = shoot(main_window, "today-officer", prepare=lambda: page.refresh())
    assert len(shots) == 4


def test_the_work_of_the_day_and_the_other_charts_open_their_pages(qtbot, ui_station, figures, main_window):
    page = today_page(qtbot, main_window)
    session = main_window.session
    page.tiles["preregistrations"].click()
    tasks = session.current_page
    assert tasks is session.pages["tasks"]
    assert tasks.prereg_shown()  # the pre-registrations tab, where the one waiting is
    qtbot.waitUntil(lambda: tasks.prereg_model.rowCount() == 1, timeout=10_000)

    main_window.show_page("today")
    _x, y = page.feedback.getData()
    last = len(y) - 1
    click_column(qtbot, page.charts["feedback"], last, y[last])  # today's point: the tasks
    assert session.current_page is tasks

    main_window.show_page("today")
    _x, h = page.backlog.getData()
    click_column(qtbot, page.charts["backlog"], len(h) - 1, h[-1] / 2)  # what waits: the Sync page
    assert session.current_page is session.pages["sync"]


@pytest.mark.parametrize("role", [Role.ASSISTANT, Role.ADMIN])
def test_screenshots_of_the_other_roles(qtbot, ui_station, figures, main_window, shoot, role):
    window_login(qtbot, main_window, role)
    page = main_window.session.pages["today"]
    qtbot.waitUntil(lambda: page.dashboard is not None, timeout=10_000)
    assert len(shoot(main_window, f"today-{role.value}", sizes=((1366, 768),))) == 2
