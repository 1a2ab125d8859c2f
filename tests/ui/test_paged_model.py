"""The shared table-model base (`workstation.ui.models.paged`) through real subclasses over a real
encrypted station: which page results are kept, which are dropped, when paging stops, what `clear`
forgets, where a failure goes. What the store was asked is read back from its audit trail (every
resident search is an audited read that records its grid filter and whether it read a first or a
next page)."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from workstation.errors import PermissionDenied
from workstation.storage.schema import AuditEvent
from workstation.ui.models.residents import Query, ResidentsModel
from workstation.ui.screens.audit.model import AuditQuery, AuditTrailModel
from workstation.ui.tasks import Lane

pytestmark = pytest.mark.qt


def max_seq(db: Any) -> int:
    with db.read() as s:
        return int(s.execute(select(func.max(AuditEvent.seq))).scalar_one())


def searches_since(db: Any, seq: int) -> list[dict[str, Any]]:
    """The details of the resident searches the store ran after audit row `seq`, oldest first."""
    with db.read() as s:
        rows = s.execute(
            select(AuditEvent.details)
            .where(AuditEvent.action == "person.search", AuditEvent.seq > seq)
            .order_by(AuditEvent.seq)
        ).scalars().all()
    return [json.loads(d) for d in rows]


def drain(qtbot: Any, ctx: Any) -> None:
    qtbot.waitUntil(lambda: ctx.runner.active == 0, timeout=10_000)
    qtbot.wait(20)


class BlockedLane:
    """Holds the DB lane's one worker until `release()`: what is asked for meanwhile waits in the queue."""

    def __init__(self, ctx: Any) -> None:
        self._go = threading.Event()
        self._started = threading.Event()

        def hold() -> None:
            self._started.set()
            self._go.wait(10)

        self._future = ctx.runner.submit(Lane.DB, hold)
        assert self._started.wait(10)

    def release(self) -> None:
        self._go.set()
        self._future.result(10)


def two_grids(ctx: Any) -> tuple[str, str, str]:
    rows = ctx.desk.residents.find("", limit=200).items
    grids = sorted({r.grid_code for r in rows if r.grid_code})
    assert len(grids) >= 3, grids
    return grids[0], grids[1], grids[2]


def test_a_next_page_read_before_a_new_search_is_dropped(qtbot, qtmodeltester, ctx):
    model = ResidentsModel(ctx, page_size=10)
    qtmodeltester.check(model, force_py=True)  # stays connected for what follows
    with qtbot.waitSignal(model.searched, timeout=10_000):
        model.search(Query(""))
    assert model.rowCount() == 10 and model.canFetchMore()
    inserted: list[Any] = []
    model.rowsInserted.connect(lambda *a: inserted.append(a))
    grid = two_grids(ctx)[0]
    since = max_seq(ctx.db)

    model.fetchMore()
    ctx.runner.submit(Lane.DB, lambda: None).result(10)  # the lane has read the next page; its result waits
    with qtbot.waitSignal(model.searched, timeout=10_000) as shown:
        model.search(Query(grid_code=grid))
    drain(qtbot, ctx)

    read = searches_since(ctx.db, since)
    assert [(d.get("grid"), d["page"]) for d in read] == [(None, "next"), (grid, "first")]  # it was read…
    assert inserted == []  # …and dropped: the rows are the new query's only
    assert shown.args[0] == Query(grid_code=grid) and model.query == Query(grid_code=grid)
    assert model.rowCount() == min(10, read[1]["rows"]) > 0
    assert {model.row_at(r).grid_code for r in range(model.rowCount())} == {grid}


def test_searches_asked_while_one_waits_run_only_the_newest(qtbot, ctx):
    model = ResidentsModel(ctx, page_size=10)
    g1, g2, g3 = two_grids(ctx)
    shown: list[Any] = []
    model.searched.connect(lambda q, _s: shown.append(q))
    since = max_seq(ctx.db)

    lane = BlockedLane(ctx)
    for grid in (g1, g2, g3):
        model.search(Query(grid_code=grid))
    assert model.busy and not model.canFetchMore()
    lane.release()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    drain(qtbot, ctx)

    assert shown == [Query(grid_code=g3)]
    # the first was still waiting for the lane when the newer ones came: never read; the second skipped
    assert [d.get("grid") for d in searches_since(ctx.db, since)] == [g3]
    assert {model.row_at(r).grid_code for r in range(model.rowCount())} == {g3}
    assert not model.busy


def test_fetch_more_stops_at_the_last_page(qtbot, qtmodeltester, ctx):
    everyone = ctx.desk.residents.find("", limit=200)
    assert everyone.next is None
    total = len(everyone.items)
    assert total > 50
    model = ResidentsModel(ctx, page_size=25)
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(model.searched, timeout=10_000):
        model.search(Query(""))
    pages = 1
    while model.canFetchMore():
        with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
            model.fetchMore()
        drain(qtbot, ctx)
        pages += 1
    assert pages == -(-total // 25) and model.rowCount() == total and not model.has_more()
    ids = [model.row_id(r) for r in range(total)]
    assert sorted(ids) == sorted(r.id for r in everyone.items)

    since = max_seq(ctx.db)
    model.fetchMore()  # the last page is shown: nothing is asked for
    assert not model.busy
    drain(qtbot, ctx)
    assert searches_since(ctx.db, since) == [] and model.rowCount() == total


def test_clear_forgets_the_search_running_and_the_one_waiting(qtbot, ctx):
    model = ResidentsModel(ctx, page_size=10)
    with qtbot.waitSignal(model.searched, timeout=10_000):
        model.search(Query(""))
    shown: list[Any] = []
    model.searched.connect(lambda q, _s: shown.append(q))
    g1, g2, _g3 = two_grids(ctx)

    lane = BlockedLane(ctx)
    model.search(Query(grid_code=g1))
    model.search(Query(grid_code=g2))  # waits for the first
    model.clear()  # the desk locks
    assert model.rowCount() == 0
    lane.release()
    drain(qtbot, ctx)

    assert shown == [] and model.rowCount() == 0 and not model.busy and not model.has_more()


def test_a_refused_page_goes_to_failed_and_nothing_is_shown(qtbot, ctx):
    model = AuditTrailModel(ctx)  # an officer may not read the audit trail
    failures: list[BaseException] = []
    model.failed.connect(failures.append)
    with qtbot.waitSignal(model.failed, timeout=10_000):
        model.search(AuditQuery())
    drain(qtbot, ctx)
    assert len(failures) == 1 and isinstance(failures[0], PermissionDenied)
    assert model.rowCount() == 0 and not model.busy and not model.canFetchMore()


def test_row_of_follows_the_rows_shown_through_pages_and_clear(qtbot, qtmodeltester, ctx):
    model = ResidentsModel(ctx, page_size=10, cache_rows=15)  # a small cache: rows are evicted, not forgotten
    qtmodeltester.check(model, force_py=True)
    with qtbot.waitSignal(model.searched, timeout=10_000):
        model.search(Query(""))
    for _ in range(2):
        before = model.rowCount()
        model.fetchMore()
        qtbot.waitUntil(lambda before=before: model.rowCount() > before, timeout=10_000)
    assert model.rowCount() == 30
    keys = [model.row_id(r) for r in range(model.rowCount())]
    assert len(set(keys)) == 30
    assert [model.row_of(k) for k in keys] == list(range(30))  # evicted rows too (only 15 are cached)
    assert model.row_of("no such id") == -1
    with qtbot.waitSignal(model.searched, timeout=10_000):
        model.search(Query(""))  # the first page again: only its rows have rows
    assert model.rowCount() == 10 and model.row_of(keys[0]) == 0 and model.row_of(keys[20]) == -1
    model.clear()
    assert model.row_of(keys[0]) == -1
    drain(qtbot, ctx)
