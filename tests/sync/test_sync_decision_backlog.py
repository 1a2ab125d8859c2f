"""Changes waiting for a conflict decision are not the freeze rule's backlog, and deciding releases them.

The freeze rule blocks new registrations when the changes a sync could send are too many or too old
(`sync.freeze`): its way out is "sync now". A change held behind an undecided conflict, or refused by
the platform, waits for the officer's decision instead - no sync sends it - so it does not count toward
the rule; it is kept and shown apart (`outbox.backlog`, the one count that ``workstation sync --status``,
the Sync page and the freeze rule read). Deciding through the public core API (`desk.conflicts.resolve`)
carries the held changes to the platform without a new conflict. Against the reference platform on
loopback (SQLite and PostgreSQL stores).
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select, update
from sync_fixtures import add_properties, enroll, services

from workstation.central.store import Record
from workstation.cli.sync import print_status
from workstation.storage import outbox, settings
from workstation.storage.schema import OutboxEntry, utcnow
from workstation.storage.sync_tables import SyncConflict
from workstation.sync import client as sc
from workstation.sync import freeze

PLATFORM_ADDRESS = "平台修改的地址"


def _platform_copy(platform, pid):
    with platform.central.store.sessions() as s:
        r = s.get(Record, ("property", pid))
        return json.loads(r.payload), r.version


def _conflict_with_held_edits(platform, st, client, held=2):
    """A property synced; the platform edits it, this station edits it too (refused at the next sync), then
    `held` more edits here, each held behind the undecided conflict. Returns (desk, property id)."""
    svc = services(st)
    (pid,) = add_properties(svc, 1)
    assert client.sync().error is None
    platform.central.edit_record("property", pid, {"address": PLATFORM_ADDRESS})
    svc.housing.update_property(pid, base_version=1, manager_name="本站物业")  # our version 2: refused
    assert client.sync().conflicts == 1
    for i in range(held):  # versions 3, 4, ...: held
        svc.housing.update_property(pid, base_version=2 + i, landlord_phone=f"1380013800{i}")
    res = client.sync()
    assert (res.acknowledged, res.conflicts) == (0, 1)  # nothing of the record sent; the conflict still open
    return svc, pid


def _freeze(st, **kw):
    with st.db.read() as s:
        return freeze.evaluate(s, **kw), freeze.outlook(s, **kw)


def test_changes_waiting_for_a_decision_do_not_freeze_registration(platform, station, capsys, monkeypatch):
    st = station
    enroll(platform, st)
    client = sc.SyncClient(st.db)
    svc, _pid = _conflict_with_held_edits(platform, st, client, held=2)
    with st.db.write() as s:  # strict limits: any change a sync could send, or any change a day old, freezes
        settings.set(s, freeze.COUNT_KEY, 0)
        settings.set(s, freeze.AGE_KEY, 24)
        s.execute(update(OutboxEntry).where(OutboxEntry.acked_at.is_(None)).values(
            created_at=utcnow() - timedelta(hours=100)))

    with st.db.read() as s:
        waiting = outbox.backlog(s)
    assert (waiting.records, waiting.sendable, waiting.held, waiting.refused) == (3, 0, 2, 1)
    assert waiting.sendable_oldest is None and waiting.held_oldest is not None and waiting.oldest is not None
    status, outlook = _freeze(st)
    assert not status.frozen and not status.reasons  # nothing a sync could send: nothing to freeze on
    assert (outlook.waiting, outlook.oldest_age_h, outlook.for_decision, outlook.frozen) == (0, None, 3, False)
    assert "Registration is open" in status.explain() and "Not counted: 3 changes" in status.explain()
    with st.db.write() as s:
        freeze.guard(s, svc.actor)  # registration goes on

    status_now = sc.status(st.db)  # the same figures in the sync status
    assert (status_now.unacknowledged_records, status_now.sendable_records) == (3, 0)
    assert (status_now.held_records, status_now.refused_records, status_now.unbatched_records) == (2, 1, 0)

    add_properties(svc, 1)  # a change a sync sends: that one counts, young as it is
    status, outlook = _freeze(st)
    assert status.frozen and outlook.waiting == 1 and outlook.for_decision == 3
    assert len(status.reasons) == 1 and "1 changes are waiting to sync (limit 0)" in status.reasons[0]
    assert outlook.oldest_age_h is not None and outlook.oldest_age_h < 1  # the held changes' age is not its

    print_status(st.db)
    out = capsys.readouterr().out
    assert "Changes not yet acknowledged by the platform: 4" in out
    assert "  of which a sync sends: 1 (oldest " in out
    assert "  of which not yet in a batch: 1" in out
    assert "  of which waiting for a decision on a sync conflict, not for a sync: 3" in out
    assert "Registration is blocked" in out and "Not counted: 3 changes that wait for a decision" in out
    monkeypatch.setenv("WORKSTATION_LANG", "zh_CN")
    print_status(st.db)
    zh = capsys.readouterr().out
    assert "of which" not in zh and "Not counted" not in zh  # translated
    monkeypatch.setenv("WORKSTATION_LANG", "en")

    assert client.sync().error is None  # the sendable change goes; the others still wait for the decision
    status, outlook = _freeze(st)
    assert not status.frozen and outlook.for_decision == 3
    with st.db.read() as s:
        assert outbox.backlog(s).sendable == 0
    client.close()


def test_deciding_through_the_core_api_sends_the_held_changes_without_a_new_conflict(platform, station):
    """`desk.conflicts.resolve` (what the Sync page calls; `SyncClient.resolve_conflict`, which only closed
    the conflict and let the held changes go out over the refused version - a new "diverged" conflict -
    is gone): keeping this station's version carries every held edit to the platform in one change."""
    st = station
    enroll(platform, st)
    client = sc.SyncClient(st.db)
    svc, pid = _conflict_with_held_edits(platform, st, client, held=2)
    (c,) = svc.conflicts.open()
    done = svc.conflicts.resolve(c.id, choice="station", client=client)
    assert (done.outcome, done.replaced, done.closed) == ("sent_station", 2, 1)
    with st.db.read() as s:
        waiting = outbox.backlog(s)
    assert (waiting.records, waiting.sendable, waiting.for_decision) == (1, 1, 0)  # the decision, to send

    res = client.sync()
    assert res.error is None and res.conflicts == 0
    with st.db.read() as s:
        conflicts = s.scalars(select(SyncConflict)).all()
        waiting = outbox.backlog(s)
    assert len(conflicts) == 1 and conflicts[0].resolved_at is not None  # no new conflict
    assert waiting.records == 0
    theirs, version = _platform_copy(platform, pid)
    assert (theirs["manager_name"], theirs["landlord_phone"]) == ("本站物业", "13800138001")  # the held edits
    local = svc.housing.get_property(pid)
    assert version == local.version and theirs["address"] == local.address
    assert client.sync().conflicts == 0  # and stays settled
    client.close()


def test_changes_sealed_before_the_refusal_are_refused_not_sendable(sqlite_platform, station):
    """A change of the conflicted record already sealed when the conflict came back is sent (and refused by
    the platform): until then it counts as sendable, after that as refused - never twice, never lost."""
    platform, st = sqlite_platform, station
    enroll(platform, st)
    client = sc.SyncClient(st.db, max_records=1)
    svc = services(st)
    (pid,) = add_properties(svc, 1)
    client.sync()
    platform.central.edit_record("property", pid, {"address": PLATFORM_ADDRESS})
    svc.housing.update_property(pid, base_version=1, manager_name="本站物业")
    svc.housing.update_property(pid, base_version=2, landlord_phone="13800138000")
    client.build_batches()
    client.seal_batches()
    with st.db.read() as s:
        assert (outbox.backlog(s).sendable, outbox.backlog(s).for_decision) == (2, 0)
    assert client.send().acknowledged == 2
    with st.db.read() as s:
        waiting = outbox.backlog(s)
    assert (waiting.records, waiting.sendable, waiting.refused, waiting.held) == (2, 0, 2, 0)
    (c, _c3) = svc.conflicts.open()
    svc.conflicts.resolve(c.id, choice="platform", client=client)
    with st.db.read() as s:
        waiting = outbox.backlog(s)
    assert (waiting.records, waiting.sendable, waiting.refused) == (1, 1, 0)  # the decision
    assert client.sync().conflicts == 0
    with st.db.read() as s:
        assert outbox.backlog(s).records == 0
    client.close()
