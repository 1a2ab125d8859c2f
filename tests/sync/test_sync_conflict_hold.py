"""A platform edit is never silently overwritten by a later change of this station (issue 12 follow-up).

Versions are not unique across the two sides: the platform's staff edit a record to version 2 while this
station makes its own version 2. The platform refuses the station's version 2 (a conflict, waiting for the
officer's decision); a later edit here is version 3, based on version 2 - which the platform holds, but
its own, not this station's. Two guards, each tested against the reference platform on loopback:

* the desk holds every later change of a record with an undecided conflict: it is not batched, waits
  visibly ("held by a conflict": sync status and the Sync page's counts) and goes with the decision;
* the platform compares what a change was based on by content as well as by number (`base_hash`: a
  hash of the base version as this station holds it), so a change already on its way when the conflict
  was reported (sealed in a later batch, or in the same batch) is refused too, not applied over the
  platform's edit.

Either way both sides end with the platform's edit kept (still in conflict, or decided by the officer).
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sync_fixtures import add_properties, enroll, services

from workstation.central.store import Record
from workstation.storage import outbox
from workstation.storage.schema import OutboxEntry, Property
from workstation.storage.sync_tables import SyncConflict
from workstation.sync import client as sc

PLATFORM_ADDRESS = "平台修改的地址"


def _linked(platform, st, **kw):
    enroll(platform, st)
    return sc.SyncClient(st.db, **kw)


def _platform_copy(platform, pid):
    """The platform's stored payload and version of the property (read from its store)."""
    with platform.central.store.sessions() as s:
        r = s.get(Record, ("property", pid))
        return json.loads(r.payload), r.version


def _platform_address(platform, pid):
    payload, version = _platform_copy(platform, pid)
    return payload["address"], version


def _local(st, pid):
    with st.db.read() as s:
        return s.get(Property, pid)


def _scenario(platform, st, client):
    """Property at version 1 on both sides; the platform edits it (its version 2); this station edits it
    too (its version 2, refused at the next sync)."""
    svc = services(st)
    (pid,) = add_properties(svc, 1)
    client.sync()
    platform.central.edit_record("property", pid, {"address": PLATFORM_ADDRESS})
    svc.housing.update_property(pid, base_version=1, manager_name="本站物业")
    return svc, pid


def test_a_later_edit_waits_held_by_the_conflict_and_never_overwrites_the_platform(sqlite_platform, station):
    platform, st = sqlite_platform, station
    client = _linked(platform, st)
    svc, pid = _scenario(platform, st, client)
    assert client.sync().conflicts == 1  # this station's version 2 refused
    svc.housing.update_property(pid, base_version=2, landlord_phone="13800138000")  # version 3, based on 2

    res = client.sync()
    assert res.error is None
    assert _platform_address(platform, pid) == (PLATFORM_ADDRESS, 2)  # the platform's edit stands
    status = sc.status(st.db)
    assert status.held_records == 1 and status.open_conflicts == 1
    assert status.unbatched_records == 0  # held, not merely "not in a batch yet"
    with st.db.read() as s:
        (held,) = s.scalars(select(OutboxEntry).where(OutboxEntry.record_id == pid, OutboxEntry.version == 3))
    assert held.batch_id is None and held.acked_at is None  # waits, visibly

    client.sync()  # and keeps waiting, sync after sync
    assert _platform_address(platform, pid) == (PLATFORM_ADDRESS, 2) and sc.status(st.db).held_records == 1

    # the officer decides for the platform's version: the held change is replaced by the decision
    (c,) = svc.conflicts.open()
    done = svc.conflicts.resolve(c.id, choice="platform", client=client)
    assert done.replaced == 1 and sc.status(st.db).held_records == 0
    assert client.sync().error is None
    address, version = _platform_address(platform, pid)
    local = _local(st, pid)
    assert address == local.address == PLATFORM_ADDRESS and version == local.version == local.acked_version


def test_the_held_edit_goes_with_a_decision_for_this_station(sqlite_platform, station):
    platform, st = sqlite_platform, station
    client = _linked(platform, st)
    svc, pid = _scenario(platform, st, client)
    client.sync()
    svc.housing.update_property(pid, base_version=2, landlord_phone="13800138000")
    client.sync()
    (c,) = svc.conflicts.open()
    done = svc.conflicts.resolve(c.id, choice="station", client=client)
    assert done.replaced == 1 and done.outcome == "sent_station"
    assert client.sync().conflicts == 0
    theirs, _version = _platform_copy(platform, pid)
    # the officer chose this station's version: it stands whole, the held edit with it
    assert (theirs["manager_name"], theirs["landlord_phone"]) == ("本站物业", "13800138000")
    assert sc.status(st.db).unacknowledged_records == 0


def test_a_change_sealed_before_the_conflict_came_back_is_refused_by_the_platform(sqlite_platform, station):
    """The desk cannot hold a change already sealed (its bytes are fixed): version 3 sealed in a later
    batch than version 2 reaches the platform after the refusal of version 2. The platform compares the
    content the change was based on and refuses it too."""
    platform, st = sqlite_platform, station
    client = _linked(platform, st, max_records=1)  # one change per batch
    svc, pid = _scenario(platform, st, client)
    svc.housing.update_property(pid, base_version=2, landlord_phone="13800138000")  # version 3, based on 2
    client.build_batches()
    client.seal_batches()  # version 2 and version 3 each sealed in its own batch, before any answer
    res = client.send()
    assert res.error is None and res.acknowledged == 2
    assert _platform_address(platform, pid) == (PLATFORM_ADDRESS, 2)  # not overwritten
    with st.db.read() as s:
        refused = sorted(s.scalars(select(SyncConflict.version).where(SyncConflict.record_id == pid)))
    assert refused == [2, 3]
    (c, _c3) = svc.conflicts.open()
    done = svc.conflicts.resolve(c.id, choice="platform", client=client)
    assert done.closed == 2
    assert client.sync().conflicts == 0
    assert _platform_address(platform, pid)[0] == _local(st, pid).address == PLATFORM_ADDRESS


def test_both_changes_in_one_batch_are_refused(sqlite_platform, station):
    platform, st = sqlite_platform, station
    client = _linked(platform, st)
    svc, pid = _scenario(platform, st, client)
    svc.housing.update_property(pid, base_version=2, landlord_phone="13800138000")
    res = client.sync()
    assert res.conflicts == 2
    assert _platform_address(platform, pid) == (PLATFORM_ADDRESS, 2)


def test_an_ordinary_chain_of_edits_still_applies(sqlite_platform, station):
    """The content check does not refuse what the platform does hold: edits based on this station's own
    acknowledged versions, and a decision based on the platform's copy."""
    platform, st = sqlite_platform, station
    client = _linked(platform, st)
    svc = services(st)
    (pid,) = add_properties(svc, 1)
    client.sync()
    svc.housing.update_property(pid, base_version=1, manager_name="甲")
    svc.housing.update_property(pid, base_version=2, manager_name="乙")  # in the same batch as version 2
    assert client.sync().conflicts == 0
    svc.housing.update_property(pid, base_version=3, manager_name="丙")
    assert client.sync().conflicts == 0
    with st.db.read() as s:
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.record_id == pid).order_by(OutboxEntry.seq)).all()
        hashes = [(r.version, r.base_hash) for r in rows]
        payloads = {r.version: r.payload for r in rows}
    assert hashes[0] == (1, None)  # a create is based on nothing
    assert hashes[1:] == [(v, outbox.content_hash(payloads[v - 1])) for v in (2, 3, 4)]
    theirs, version = _platform_copy(platform, pid)
    assert (version, theirs["manager_name"]) == (4, "丙")


def test_a_refused_change_the_decision_superseded_is_not_acknowledged(sqlite_platform, station, capsys, monkeypatch):
    """Deciding a conflict does not make the refused change 'acknowledged': it is superseded by the
    decision (state "decided"), said in words by `workstation sync --status` and the Sync page's counts,
    and the record is not marked as acknowledged at the refused version."""
    from workstation.cli.sync import print_status
    from workstation.i18n import render
    from workstation.ui.screens.sync.data import overview

    platform, st = sqlite_platform, station
    client = _linked(platform, st)
    svc, pid = _scenario(platform, st, client)
    client.sync()

    def shown(state):
        return {r.state: r.changes for r in overview(st.db).rows}.get(state)

    assert (shown("refused"), shown("acknowledged"), shown("decided")) == (1, 1, None)  # the create only
    assert sc.status(st.db).refused_records == 1
    print_status(st.db)
    assert "Not applied by the platform (waiting for your decision) 1" in capsys.readouterr().out

    (c,) = svc.conflicts.open()
    svc.conflicts.resolve(c.id, choice="platform", client=client)
    status = sc.status(st.db)
    assert (status.refused_records, status.decided_records) == (0, 1)
    assert _local(st, pid).acked_version == 1  # the platform never acknowledged this station's version 2
    assert (shown("refused"), shown("acknowledged"), shown("decided")) == (None, 1, 1)
    print_status(st.db)
    out = capsys.readouterr().out
    assert "Superseded by a conflict decision (never applied by the platform) 1" in out
    assert "Acknowledged by the platform" not in out.split("Changes a conflict stopped")[1].split("\n")[0]
    label = sc.state_label(sc.DECIDED)
    assert render(label, "zh_CN") != label  # translated
    monkeypatch.setenv("WORKSTATION_LANG", "zh_CN")
    print_status(st.db)
    (line,) = [x for x in capsys.readouterr().out.splitlines() if x.startswith("因冲突停下的修改")]
    assert line == "因冲突停下的修改：已被冲突处理结果取代（平台从未采用） 1"
    monkeypatch.setenv("WORKSTATION_LANG", "en")

    client.sync()  # the decision itself reaches the platform and is acknowledged
    assert (shown("acknowledged"), shown("decided")) == (2, 1)
    local = _local(st, pid)
    assert local.acked_version == local.version == 3
