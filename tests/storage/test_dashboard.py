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
    from workstation.storage import operators
    from workstation.storage.errors import OperatorInactive

    officer = desks[Role.OFFICER]
    operators.set_disabled(st.db, st.admin, officer.actor.username)
    with pytest.raises(OperatorInactive):
        officer.supervision.dashboard()


def _plan(s, stmt) -> str:
    compiled = stmt.compile(s.bind, compile_kwargs={"literal_binds": True})
    rows = s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
    return "\n".join(str(r[-1]) for r in rows)


def test_the_backlog_is_read_from_an_index_alone(st):
    """The outbox keeps every change for its retention: what waits (count and oldest) comes from the
    index on (acked_at, created_at), never from the table's rows."""
    from sqlalchemy import func

    with st.db.write() as s:
        s.connection().exec_driver_sql("ANALYZE")
    with st.db.read() as s:
        plan = _plan(s, select(func.count(), func.min(OutboxEntry.created_at)).where(OutboxEntry.acked_at.is_(None)))
    assert "COVERING INDEX ix_outbox_acked_at_created_at" in plan, plan


def _raw_series(s, column, days: int, today: date, *where) -> list[int]:
    """The per-day counts straight from a table (what the running counts must equal)."""
    from sqlalchemy import func

    out = []
    for d in metrics.day_starts(days, today)[:-1]:
        out.append(int(s.execute(select(func.count()).where(column >= d, column < d + timedelta(days=1), *where))
                       .scalar_one()))
    return out


def test_the_running_counts_follow_every_kind_of_write(tmp_path):
    """Registrations, outbox rows and spot checks written every way the station writes them (the areas,
    the demo's bulk insert, sync's acknowledgements, updates, deletes): the counts the dashboard reads
    equal counting the tables."""
    from sqlalchemy import delete, func, update

    from helpers import make_station
    from workstation.storage import demo
    from workstation.storage.schema import SpotCheck

    st = make_station(tmp_path / "demo", demo=True)
    try:
        officer = open_desk(st.db, st.actor(Role.OFFICER), freeze_rules=False)
        demo.generate(st.db, 300)  # bulk, backdated over 60 days
        with st.db.read() as s:
            props = list(s.execute(select(Property.id)).scalars())[:8]
        for i, pid in enumerate(props):
            officer.housing.record_spot_check(pid, result=SpotCheckResult.CONSISTENT)
            officer.housing.record_spot_check(pid, result=SpotCheckResult.INCONSISTENT if i % 2 else
                                              SpotCheckResult.CONSISTENT, notes="不符")
        today = date.today()
        with st.db.write() as s:
            # sync acknowledges some changes, one of them "yesterday"; a spot check is withdrawn, another
            # moves grid; an old registration is purged; a registration's time corrected
            seqs = list(s.execute(select(OutboxEntry.seq).order_by(OutboxEntry.seq)).scalars())
            s.execute(update(OutboxEntry).where(OutboxEntry.seq.in_(seqs[:5])).values(acked_at=datetime.now()))
            s.execute(update(OutboxEntry).where(OutboxEntry.seq == seqs[5])
                      .values(acked_at=datetime.now() - timedelta(days=1)))
            s.execute(update(OutboxEntry).where(OutboxEntry.seq == seqs[0]).values(acked_at=None))  # un-acked
            s.execute(delete(OutboxEntry).where(OutboxEntry.seq == seqs[1]))
            checks = list(s.execute(select(SpotCheck.id)).scalars())
            s.execute(update(SpotCheck).where(SpotCheck.id == checks[0]).values(deleted_at=datetime.now()))
            s.execute(update(SpotCheck).where(SpotCheck.id == checks[1]).values(grid_code="G99"))
            s.execute(update(SpotCheck).where(SpotCheck.id == checks[2]).values(result="not_found"))
            s.execute(delete(SpotCheck).where(SpotCheck.id == checks[3]))
            gone = Person(name="临时", version=1, created_at=datetime.now() - timedelta(days=2))
            s.add(gone)
            s.flush()
            s.execute(delete(Person).where(Person.id == gone.id).execution_options(synchronize_session=False))
            first = s.execute(select(Person.id).limit(1)).scalar_one()
            s.execute(update(Person).where(Person.id == first).values(created_at=datetime.now() - timedelta(3)))
        with st.db.read() as s:
            assert [n for _d, n in metrics.registrations_per_day(s, days=62, today=today)] == _raw_series(
                s, Person.created_at, 62, today)
            assert sum(n for _d, n in metrics.registrations_per_day(s, days=62, today=today)) == 300
            live = SpotCheck.deleted_at.is_(None)
            consistent = func.sum(func.iif(SpotCheck.result == "consistent", 1, 0))
            raw = {g: metrics.Rate(int(ok), int(n)) for g, ok, n in s.execute(
                select(SpotCheck.grid_code, consistent, func.count()).where(live).group_by(SpotCheck.grid_code))}
            assert metrics.consistency_by_grid(s) == raw and "G99" in raw
            assert metrics.consistency_station(s) == metrics.Rate(sum(r.numerator for r in raw.values()),
                                                                  sum(r.denominator for r in raw.values()))
            waiting = metrics.unsynced_backlog(s).records
            created = _raw_series(s, OutboxEntry.created_at, 3, today)
            acked = _raw_series(s, OutboxEntry.acked_at, 3, today)
            series = [n for _d, n in metrics.backlog_per_day(s, days=3, today=today)]
        assert series[-1] == waiting
        assert series[-2] == waiting - created[-1] + acked[-1]  # yesterday's end: today's work undone
    finally:
        st.db.close()


def test_days_before_the_station_existed_are_zero(st):
    with st.db.read() as s:
        assert metrics.backlog_per_day(s, days=3, today=TODAY - timedelta(days=400)) == [
            (TODAY - timedelta(days=400 + i), 0) for i in (2, 1, 0)
        ]
