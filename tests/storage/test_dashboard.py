"""The Today dashboard's figures: the series over days (feedback rate at each day's end, backlog at each
day's end, registrations), what each role gets from `supervision.dashboard`, the residents registered on
a day (the list behind a bar), and the query plans at the size of a station (indexes, no table scans)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from workstation.domain.enums import Role, SpotCheckResult
from workstation.storage import metrics
from workstation.storage.schema import OutboxEntry, Person, Property, Task
from workstation.storage.sync_tables import SyncPrereg
from workstation.wiring import open_desk

TODAY = date(2026, 3, 10)


def at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)


@pytest.fixture
def desks(st):
    actors = {role: st.actor(role) for role in (Role.ASSISTANT, Role.OFFICER, Role.SUPERVISOR)}
    actors[Role.ADMIN] = st.admin
    return {role: open_desk(st.db, a, freeze_rules=False) for role, a in actors.items()}


def test_feedback_rate_at_each_days_end(st):
    d = TODAY
    with st.db.write() as s:
        rows = [  # (received, answered or None)
            (at(d - timedelta(days=10)), at(d - timedelta(days=1))),  # before the window, answered yesterday
            (at(d - timedelta(days=2)), None),
            (at(d - timedelta(days=2)), at(d - timedelta(days=2), 18)),  # answered the day it came
            (at(d), at(d, 13)),
        ]
        for i, (received, answered) in enumerate(rows):
            t = Task(platform_id=f"T{i}", kind="verify_person", title="核查", version=1, received_at=received)
            if answered:
                t.result, t.status, t.completed_at = "verified", "done", answered
            s.add(t)
        gone = Task(platform_id="T-gone", kind="verify_person", title="撤回", version=1, received_at=at(d),
                    deleted_at=at(d))  # withdrawn: counts nowhere
        s.add(gone)
        s.add(Task(platform_id="T-old", kind="verify_person", title="核查", version=1, received_at=at(d - timedelta(9)),
                   result="verified", status="done"))  # arrived answered, no completion time: at its arrival
    with st.db.read() as s:
        series = metrics.feedback_rate_per_day(s, days=4, today=d)
        overall = metrics.feedback_rate(s)
    assert [day for day, _r in series] == [d - timedelta(days=i) for i in (3, 2, 1, 0)]
    assert [(r.numerator, r.denominator) for _d, r in series] == [(1, 2), (2, 4), (3, 4), (4, 5)]
    assert series[-1][1] == overall


def test_backlog_at_each_days_end(st):
    d = TODAY
    with st.db.write() as s:
        for i, (created, acked) in enumerate([
            (at(d - timedelta(days=5)), at(d - timedelta(days=4))),  # before the window, acked before it
            (at(d - timedelta(days=5)), at(d - timedelta(days=1))),  # waited 4 days
            (at(d - timedelta(days=2)), None),  # still waiting
            (at(d), None),
            (at(d - timedelta(days=1), 9), at(d - timedelta(days=1), 10)),  # sent within the hour
        ]):
            s.add(OutboxEntry(record_type="person", record_id=f"p{i}", version=1, operation="create", payload="{}",
                              created_at=created, acked_at=acked))
    with st.db.read() as s:
        series = metrics.backlog_per_day(s, days=4, today=d)
        now = metrics.unsynced_backlog(s)
    assert [n for _d, n in series] == [1, 2, 1, 2]
    assert series[-1][1] == now.records == 2


def test_registrations_per_day_counts_each_day(st, desks):
    d = TODAY
    with st.db.write() as s:
        for i, when in enumerate([at(d, 0), at(d, 23), at(d - timedelta(days=1), 23), at(d - timedelta(days=7))]):
            s.add(Person(name=f"测试{i}", version=1, created_at=when))
        s.add(Person(name="明天", version=1, created_at=at(d + timedelta(days=1), 0)))
    with st.db.read() as s:
        series = metrics.registrations_per_day(s, days=7, today=d)
    assert series == [(d - timedelta(days=i), n) for i, n in zip(range(6, -1, -1), [0, 0, 0, 0, 0, 1, 2], strict=True)]
    # the list behind a day's bar: those residents, and only they
    found = desks[Role.OFFICER].residents.find("", registered_on=d)
    assert sorted(r.name for r in found) == ["测试0", "测试1"]
    assert not desks[Role.OFFICER].residents.find("", registered_on=d - timedelta(days=3)).items


def test_dashboard_gives_each_role_what_it_may_read(st, desks):
    officer = desks[Role.OFFICER]
    pid = officer.housing.create_property(address="演示市幸福路1号", grid_code="G07").id
    officer.housing.record_spot_check(pid, result=SpotCheckResult.CONSISTENT)
    with st.db.write() as s:
        s.add(Task(platform_id="T1", kind="verify_person", title="核查", version=1, due_date=date.today()))
        s.add(Task(platform_id="T2", kind="verify_person", title="核查", version=1,
                   due_date=date.today() - timedelta(days=3)))
        s.add(Task(platform_id="T3", kind="verify_person", title="核查", version=1,
                   due_date=date.today() + timedelta(days=3)))
        s.add(SyncPrereg(id="PR1", payload="{}", status="pending"))
        s.add(SyncPrereg(id="PR2", payload="{}", status="confirmed"))
    full = desks[Role.SUPERVISOR].supervision.dashboard(days=7)
    with st.db.read() as s:
        assert full.registrations_per_day == tuple(metrics.registrations_per_day(s, days=7))
        assert full.consistency_by_grid == (("G07", metrics.Rate(1, 1)),)
        assert full.feedback_per_day == tuple(metrics.feedback_rate_per_day(s, days=7))
        assert full.backlog == metrics.unsynced_backlog(s)
        assert full.backlog_per_day == tuple(metrics.backlog_per_day(s, days=7))
    assert (full.tasks_due, full.tasks_overdue, full.preregistrations_waiting) == (2, 1, 1)
    assert full.backlog is not None and full.backlog.records >= 2  # the property and its spot check

    assistant = desks[Role.ASSISTANT].supervision.dashboard(days=7)
    assert assistant.registrations_per_day is None and assistant.consistency_by_grid is None
    assert assistant.feedback_per_day is None
    assert assistant.backlog == full.backlog and assistant.tasks_due == 2 and assistant.preregistrations_waiting == 1

    admin = desks[Role.ADMIN].supervision.dashboard(days=7)
    assert admin.registrations_per_day is None and admin.backlog is None and admin.backlog_per_day is None
    assert admin.tasks_due is None and admin.preregistrations_waiting is None
    with pytest.raises(ValueError):
        officer.supervision.dashboard(days=0)


def test_dashboard_is_refused_to_a_disabled_operator(st, desks):
    from workstation.storage.errors import OperatorInactive
    from workstation.storage import operators

    officer = desks[Role.OFFICER]
    operators.set_disabled(st.db, st.admin, officer.actor.username)
    with pytest.raises(OperatorInactive):
        officer.supervision.dashboard()


def _plan(s, stmt) -> str:
    compiled = stmt.compile(s.bind, compile_kwargs={"literal_binds": True})
    rows = s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
    return "\n".join(str(r[-1]) for r in rows)


def test_the_big_tables_are_read_through_indexes(st):
    """person and outbox grow with the station (a million residents, every change kept for its retention):
    a dashboard query on them must search an index range, never scan the table."""
    from sqlalchemy import func

    lo, hi = at(TODAY, 0), at(TODAY + timedelta(days=1), 0)
    with st.db.write() as s:
        s.connection().exec_driver_sql("ANALYZE")
    with st.db.read() as s:
        plans = {
            "registrations": _plan(s, select(func.count()).where(Person.created_at >= lo, Person.created_at < hi)),
            "outbox created": _plan(s, select(func.count()).where(OutboxEntry.created_at >= lo,
                                                                 OutboxEntry.created_at < hi)),
            "outbox acked": _plan(s, select(func.count()).where(OutboxEntry.acked_at >= lo, OutboxEntry.acked_at < hi)),
            "backlog": _plan(s, select(func.count(), func.min(OutboxEntry.created_at)).where(
                OutboxEntry.acked_at.is_(None))),
        }
    assert "ix_person_created_at" in plans["registrations"]
    assert "ix_outbox_created_at" in plans["outbox created"]
    assert "ix_outbox_acked_at" in plans["outbox acked"]
    assert "ix_outbox_acked_at" in plans["backlog"]
    for name, plan in plans.items():
        assert "SCAN person" not in plan and "SCAN outbox" not in plan, (name, plan)


def test_spot_check_rates_are_read_from_an_index(st):
    from sqlalchemy import case, func

    from workstation.storage.schema import SpotCheck

    consistent = func.sum(case((SpotCheck.result == "consistent", 1), else_=0))
    with st.db.read() as s:
        plan = _plan(s, select(SpotCheck.grid_code, consistent, func.count())
                     .where(SpotCheck.deleted_at.is_(None)).group_by(SpotCheck.grid_code))
        assert s.execute(select(Property)).first() is None
    assert "COVERING INDEX ix_spot_check_grid_result" in plan, plan


def test_days_before_the_station_existed_are_zero(st):
    with st.db.read() as s:
        assert metrics.backlog_per_day(s, days=3, today=TODAY - timedelta(days=400)) == [
            (TODAY - timedelta(days=400 + i), 0) for i in (2, 1, 0)
        ]
