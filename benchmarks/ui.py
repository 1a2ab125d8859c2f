"""UI benchmark: the registration desk and the residents table on a station of 1 M residents, offscreen.

Measured (issue 10, "Benchmark"):

* ``max_stall_ms`` — the longest GUI-thread stall: a 5 ms timer runs throughout and its lateness is
  recorded while (1) cards are read on the emulated reader (wire pacing on, 115200 baud), (2) a
  fingerprint image uploads from the emulated scanner (paced, 57600 baud, ~7 s), (3) a sync of 20 000
  changed records to a reference platform on loopback runs from the Sync page ("Sync now", the page
  open and following its progress), and (4) the residents table scrolls (fetching page after page)
  and searches over 1 M residents. Each phase's worst stall is printed, split by the GUI thread's
  scheduler statistics into its own work (cpu), waiting for a core (runq: the machine's load) and
  asleep (blocked: mostly waiting for the interpreter lock a background thread holds).
* ``card_to_form_ms`` — card placed on the emulator → registration form shown with its fields, minus
  the wire time of the bytes the reader sent meanwhile (median of the placements; the reader's 40 ms
  poll is included).
* ``search_p95_ms`` — last keystroke of a query typed into the search box → its rows shown (95th
  percentile over the officer's search mix of `benchmarks/storage.py`: ID number, name, pinyin,
  initials, phone, address fragment, grid filter).
* ``start_s``, ``rss_mb`` — `benchmarks/ui_start.py` (ui-shell): process start to the login window on
  a demo station; this process's resident memory after the residents page was opened, scrolled and
  searched at 1 M.
* ``audit_open_ms`` — the audit viewer opened on a trail of 1 M events (``--audit-events``; the run's
  copy of the store is topped up with a valid chain of synthetic events first): `AuditPage.on_shown`
  → its first page of rows shown (median of 9 opens, each a new page; issue 12, target ≤ 100 ms).
* ``dashboard_refresh_ms``, ``dashboard_work_ms``, ``dashboard_gui_ms`` — the Today page's four charts
  at 1 M residents (plus 100 000 spot checks, 3 000 tasks and 400 000 acknowledged outbox rows over
  60 days, added to the pristine store once): from the refresh timer firing to the last
  `setData` (median of `--refreshes`), the part of it spent on the DB lane (median) and the part on the
  GUI thread (the worst). Targets: work ≤ 300 ms, GUI ≤ 16 ms. The first, cold refresh is printed apart.
* ``property_open_ms`` — the properties page (issue 11) with 50 000 more properties in the store
  (`grow_properties`: 4 rooms each, spot checks on a fifth of them, and one property of 40 rooms with
  60 tenants, a declaration and spot checks): a property row opened (what a double click does) →
  its 40 tiles shown (median of 5 opens).
* ``grid_list_ms`` — the property list filtered by a grid (typed into its grid box) → its first
  page of rows shown with their figures (median over 10 grids). The GUI-thread stall during both
  is a phase of ``max_stall_ms`` ("properties").
* ``late_list_ms`` — the property list's "landlords late only" box ticked → its first page of rows
  shown (median over 5 grids and the whole station, each its own query), on a store where
  `grow_late_bindings` made 100 000 of the demo's bindings officer-recorded (a tenth of them ended)
  and entered a landlord declaration for 9 in 10 of them, and `make_undeclared_overdue` moved the
  other tenth's stays after the demo's declarations (~9 000 overdue; added once per store). Target
  ≤ 100 ms for a grid (issue 11 follow-up); the station's figure is printed apart.

* ``sync_records`` — the changes the sync sent: exactly ``--sync-records`` (the run stops otherwise).
  Everything seeded for the other phases counts as synced (the acknowledged outbox history is in a
  batch of its own), so only the 20 000 changes made for the sync wait.

The 1 M store takes minutes to build: ``--keep DIR`` builds it there once (a pristine copy holding
20 000 unsynced changes) and each later run copies it afresh. ``--residents 50000`` for a smoke run.
``--only card,sync`` runs some phases (in their usual order; the others print as nan);
``--dashboard-only`` is ``--only dashboard``. To see where a stall goes: ``--sample-stalls`` (every
thread's stack sampled while the GUI thread is late, and each search's steps timed), ``--watchdog
FILE`` (every thread's stack written 100 ms into each stall, by faulthandler, without the
interpreter lock) or py-spy (``py-spy record --gil --threads``) on the run.
Last line: ``ui: max_stall_ms=<ms> card_to_form_ms=<ms> search_p95_ms=<ms> start_s=<s> rss_mb=<MB>
audit_open_ms=<ms> property_open_ms=<ms> grid_list_ms=<ms> late_list_ms=<ms> dashboard_refresh_ms=<ms>
dashboard_work_ms=<ms> dashboard_gui_ms=<ms> sync_records=<n>`` (one line).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))  # ui_start.py, storage.py
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "sync"))  # platform_helpers

STATION_CODE = "440305001"
ADMIN = ("admin", "admin-pass-1")
OFFICER = ("officer1", "password-officer1")
SYNC_RECORDS = 20_000
AUDIT_EVENTS = 1_000_000
PROPERTIES = 50_000  # added to the demo's own properties for property_open_ms and grid_list_ms
LATE_BINDINGS = 100_000  # demo bindings made officer-recorded for late_list_ms (9 in 10 declared)
BIG_PROPERTY = "基准市幸福路1号大院"  # the 40-room property
PASSPHRASE_FILE = "benchmark-passphrase.txt"  # a benchmark-only station of synthetic data
COMPLETE_FILE = "benchmark-built"  # written last: a build that was interrupted is built again
# the batch of the seeded history: acknowledged outbox rows belong to a batch the platform took (the
# batcher gathers rows without one: seeded without it, 400 000 rows of history were sent again)
HISTORY_BATCH = "benchmark-history"


# ---- the store ------------------------------------------------------------------------------------
def build(pristine: Path, n: int, sync_records: int = SYNC_RECORDS) -> None:
    """A demo station with `n` synthetic residents, an officer, and `sync_records` unsynced changes."""
    from keyring.backends import fail
    from sqlalchemy import select

    from workstation.domain.enums import Role
    from workstation.storage import demo, operators, station
    from workstation.storage.schema import Person
    from workstation.storage.vault import KdfParams
    from workstation.wiring import open_desk

    t = time.perf_counter()
    res = station.init_station(
        pristine, station_code=STATION_CODE, station_name="基准测试警务室", admin_username=ADMIN[0],
        admin_password=ADMIN[1], use_keyring=False, backend=fail.Keyring(), kdf=KdfParams.fast_for_tests(),
        demo=True,
    )
    (pristine / PASSPHRASE_FILE).write_text(res.recovery_passphrase)
    db = res.database
    admin = operators.authenticate(db, *ADMIN)
    operators.create_operator(db, admin, username=OFFICER[0], display_name="李警官", role=Role.OFFICER,
                              password=OFFICER[1])
    done = 0
    while done < n:
        step = min(200_000, n - done)
        demo.generate(db, step, seed=1 + done)
        done += step
        print(f"  {done} residents ({time.perf_counter() - t:.0f} s)", flush=True)
    officer = operators.authenticate(db, *OFFICER)
    desk = open_desk(db, officer)
    with db.read() as s:
        ids = list(s.execute(select(Person.id).limit(sync_records)).scalars())
    # the residents area's own record life cycle (record, outbox and audit rows), 2000 changes a
    # transaction: one call per change would take a quarter of an hour on a busy desk machine
    for start in range(0, len(ids), 2000):
        with desk.residents._write() as tx:
            for i, pid in enumerate(ids[start : start + 2000], start):
                tx.update(tx.load(Person, pid), {"phone": f"139{i:08d}"})
    with db.write() as s:
        s.connection().exec_driver_sql("ANALYZE")
    conn = db.raw_connection()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    db.close()
    (pristine / COMPLETE_FILE).write_text("ok")
    print(f"  built in {time.perf_counter() - t:.0f} s", flush=True)


def _top_up(pristine: Path, marker_name: str, grow) -> None:
    """Run `grow(db)` on the pristine store once (a marker file says it was done), then checkpoint."""
    marker = pristine / marker_name
    if marker.exists():
        return
    from keyring.backends import fail

    from workstation.storage import station

    db, _how = station.unlock(pristine, passphrase=(pristine / PASSPHRASE_FILE).read_text(),
                              backend=fail.Keyring())
    try:
        grow(db)
        conn = db.raw_connection()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    finally:
        db.close()
    marker.write_text("ok")


def build_pristine(pristine: Path, n: int, sync_records: int = SYNC_RECORDS, audit_events: int = 0) -> None:
    """The pristine store: built when missing, then topped up with what the phases need (each once)."""
    if not (pristine / COMPLETE_FILE).exists():
        if pristine.exists():
            shutil.rmtree(pristine)
        print(f"building a station of {n} residents in {pristine} (once with --keep)", flush=True)
        build(pristine, n, sync_records)
    if audit_events:  # a few minutes at 1 M
        _top_up(pristine, f"audit-events-{audit_events}", lambda db: grow_audit_trail(db, audit_events))
    _top_up(pristine, f"properties-{PROPERTIES}", lambda db: grow_properties(db, PROPERTIES))
    # staff-recorded bindings and declarations for late_list_ms
    _top_up(pristine, f"late-bindings-{LATE_BINDINGS}", lambda db: grow_late_bindings(db, LATE_BINDINGS))
    # the undeclared tenth made overdue (stores built before this step too)
    _top_up(pristine, "late-bindings-overdue", make_undeclared_overdue)
    # spot checks, tasks and outbox history for the Today charts
    _top_up(pristine, "dashboard-figures", seed_dashboard)


def prepare(
    keep: Path | None, n: int, scratch: Path, sync_records: int = SYNC_RECORDS, audit_events: int = 0
) -> Path:
    """The station folder of this run: a fresh copy of the pristine store.

    Building and topping up the pristine store runs in a child process, so that this process's
    memory (`rss_mb`) and its collector's objects are the app's alone, on a first run as on later ones.
    """
    import multiprocessing

    pristine = (keep or scratch) / f"pristine-{n}-{sync_records}"
    child = multiprocessing.get_context("spawn").Process(
        target=build_pristine, args=(pristine, n, sync_records, audit_events)
    )
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"building the benchmark store failed (exit code {child.exitcode})")
    run = scratch / "station"
    if run.exists():
        shutil.rmtree(run)
    shutil.copytree(pristine, run)
    return run


def grow_properties(db, n: int, seed: int = 9) -> None:
    """`n` more properties in the demo's 40 grids, 4 rooms each, a spot check on every fifth; and the
    40-room `BIG_PROPERTY` with 60 tenants (people of the store, so their other bindings overlap), a
    landlord declaration naming 20 of its rooms and 10 spot checks. Written in bulk, as the demo is."""
    import uuid
    from datetime import timedelta

    from sqlalchemy import insert, select

    from workstation.storage.schema import Declaration, Person, Property, Room, SpotCheck, Tenancy, utcnow

    rng = random.Random(seed)
    now = utcnow()
    today = date.today()
    t = time.perf_counter()

    def base(**values):
        return dict(id=str(uuid.uuid4()), version=1, acked_version=1, created_at=now, updated_at=now,
                    created_by="bench", **values)

    for start in range(0, n, 10_000):
        props, rooms, checks = [], [], []
        for i in range(start, min(n, start + 10_000)):
            grid = f"G{rng.randrange(1, 41):02d}"
            p = base(address=f"基准市第{rng.randrange(1, 60)}街区{i + 1}号", grid_code=grid, kind="apartment",
                     landlord_name=f"业主{i}", landlord_phone=f"171{i:08d}", district_code=f"JQ-{grid[1:]}")
            props.append(p)
            rooms += [base(property_id=p["id"], label=f"{r}01", capacity=4) for r in range(1, 5)]
            if i % 5 == 0:
                checked = now - timedelta(days=rng.randrange(60))
                checks.append(base(property_id=p["id"], grid_code=grid, checked_at=checked,
                                   result="consistent" if rng.random() < 0.8 else "inconsistent", notes="基准"))
        with db.write() as s:
            s.execute(insert(Property.__table__), props)
            s.execute(insert(Room.__table__), rooms)
            if checks:
                s.execute(insert(SpotCheck.__table__), checks)
    big = base(address=BIG_PROPERTY, grid_code="G07", kind="dormitory", landlord_name="基准业主",
               landlord_phone="17100000000", manager_name="基准物业", district_code="JQ-07")
    big_rooms = [base(property_id=big["id"], label=f"{f}{r:02d}", capacity=4)
                 for f in range(1, 5) for r in range(1, 11)]
    with db.read() as s:
        people = list(s.execute(select(Person.id).limit(60)).scalars())
    tenancies = [base(person_id=pid, room_id=big_rooms[i // 2]["id"], start_date=today - timedelta(days=10 + i),
                      relation="tenant", source="officer") for i, pid in enumerate(people)]
    declaration = base(property_id=big["id"], declared_on=today, declarant_name="基准业主",
                       entries=[{"name": f"住户{i}", "room": big_rooms[i]["label"]} for i in range(20)])
    checks = [base(property_id=big["id"], grid_code="G07", tenancy_id=tenancies[i]["id"], checked_at=now,
                   result="consistent", notes="基准") for i in range(0, 60, 6)]
    with db.write() as s:
        s.execute(insert(Property.__table__), [big])
        s.execute(insert(Room.__table__), big_rooms)
        s.execute(insert(Tenancy.__table__), tenancies)
        s.execute(insert(Declaration.__table__), [declaration])
        s.execute(insert(SpotCheck.__table__), checks)
        s.connection().exec_driver_sql("ANALYZE")
    print(f"  properties: {n} more and the 40-room one ({time.perf_counter() - t:.0f} s)", flush=True)


def grow_late_bindings(db, n: int) -> None:
    """`n` of the demo's bindings (all recorded from declarations) made officer-recorded, a tenth of
    them ended five days ago, and a declaration dated the day each started entered for 9 in 10 of
    them (naming the person by document number): what the late-landlord filter searches. Written in
    bulk, with `staff_binding` filled once at the end (migration 0013's own fill)."""
    # the triggers of migration 0013 refresh a property's rows on each declaration written: in bulk
    # they are set aside and `staff_binding` filled once afterwards, as the migration itself does
    m0013 = _migration_0013()
    t = time.perf_counter()
    with db.write() as s:
        c = s.connection()
        for name in m0013.TRIGGERS:
            c.exec_driver_sql(f"DROP TRIGGER {name}")
        c.exec_driver_sql("CREATE TEMP TABLE pick AS SELECT rowid AS r FROM tenancy "
                          f"WHERE source = 'landlord_declaration' ORDER BY random() LIMIT {int(n)}")
        c.exec_driver_sql("UPDATE tenancy SET source = 'officer' WHERE rowid IN (SELECT r FROM pick)")
        c.exec_driver_sql("UPDATE tenancy SET end_date = date('now', '-5 days') "
                          f"WHERE rowid IN (SELECT r FROM pick LIMIT {int(n) // 10})")
        c.exec_driver_sql(
            "INSERT INTO declaration (id, version, acked_version, created_at, updated_at, created_by, property_id, "
            "declared_on, declarant_name, entries) "
            "SELECT lower(hex(randomblob(16))), 1, 1, datetime('now'), datetime('now'), 'bench', room.property_id, "
            "tenancy.start_date, '业主', json_array(json_object('name', person.name, 'id_number', "
            "(SELECT number FROM identity_document WHERE person_id = person.id LIMIT 1), 'room', room.label)) "
            "FROM pick JOIN tenancy ON tenancy.rowid = pick.r JOIN room ON room.id = tenancy.room_id "
            "JOIN person ON person.id = tenancy.person_id WHERE pick.r % 10 != 0"
        )
        c.exec_driver_sql("DROP TABLE pick")
        c.exec_driver_sql("DELETE FROM staff_binding")
        c.exec_driver_sql(m0013.fill(f"t.deleted_at IS NULL AND t.source IN {m0013.STAFF}"))
        for name, body in m0013.TRIGGERS.items():
            c.exec_driver_sql(f"CREATE TRIGGER {name} {body} END")
        c.exec_driver_sql("ANALYZE")
    print(f"  late bindings: {n} officer-recorded ({time.perf_counter() - t:.0f} s)", flush=True)


def _migration_0013():
    """Migration 0013's module (its triggers and its `staff_binding` fill), loaded from its file."""
    import importlib.util

    import workstation.storage.migrations as migrations

    spec = importlib.util.spec_from_file_location(
        "m0013", Path(migrations.__file__).parent / "versions" / "0013_staff_binding.py")
    assert spec is not None and spec.loader is not None
    m0013 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m0013)
    return m0013


def make_undeclared_overdue(db) -> int:
    """The tenth of `grow_late_bindings`' officer-recorded bindings left without a declaration were still
    named by the demo's own declarations (the demo records every binding from one), so none of them was
    late and the late filter listed next to nothing (one property of the station, none in a grid). Each
    of those stays is moved to have started 10-40 days ago, after the demo's declaration: overdue by the
    station's rule (declaration due within 3 days) while it runs. Returns the bindings moved."""
    m0013 = _migration_0013()
    t = time.perf_counter()
    with db.write() as s:
        c = s.connection()
        for name in m0013.TRIGGERS:
            c.exec_driver_sql(f"DROP TRIGGER {name}")
        moved = c.exec_driver_sql(
            "UPDATE tenancy SET start_date = date('now', '-' || (10 + abs(random()) % 31) || ' days') "
            "WHERE source = 'officer' AND deleted_at IS NULL AND created_by IS NOT 'bench' AND NOT EXISTS ("
            " SELECT 1 FROM declaration d JOIN room r ON r.property_id = d.property_id"
            " WHERE r.id = tenancy.room_id AND d.created_by = 'bench' AND d.declared_on = tenancy.start_date)"
        ).rowcount
        c.exec_driver_sql("DELETE FROM staff_binding")
        c.exec_driver_sql(m0013.fill(f"t.deleted_at IS NULL AND t.source IN {m0013.STAFF}"))
        for name, body in m0013.TRIGGERS.items():
            c.exec_driver_sql(f"CREATE TRIGGER {name} {body} END")
        c.exec_driver_sql("ANALYZE")
        late = c.exec_driver_sql(
            "SELECT count(*) FROM staff_binding WHERE start_date < date('now', '-3 days')"
            " AND (end_date IS NULL OR end_date > date('now'))"
            " AND (last_declared_on IS NULL OR last_declared_on < date(start_date, '-3 days'))").scalar()
    print(f"  late bindings: {moved} undeclared stays moved after their declarations, {late} overdue "
          f"({time.perf_counter() - t:.0f} s)", flush=True)
    return int(moved)


def seed_dashboard(db, *, spot_checks: int = 100_000, tasks: int = 3_000, acked_outbox: int = 400_000) -> None:
    """What a station that has run for months holds besides residents, for the dashboard's charts: spot
    checks of its properties (9 in 10 consistent), tasks received over 60 days (4 in 5 answered, a day
    later), and acknowledged outbox rows over 60 days (kept for their retention). Nothing when the store
    has them already."""
    import uuid
    from datetime import datetime, timedelta

    from sqlalchemy import func, insert, select

    from workstation.storage.schema import OutboxEntry, Property, SpotCheck, Task, utcnow

    rng = random.Random(3)
    with db.read() as s:
        if s.execute(select(func.count()).select_from(Task).where(Task.platform_id == "BENCH-0")).scalar_one():
            return
        props = list(s.execute(select(Property.id, Property.grid_code).limit(spot_checks)).all())
    now = utcnow()
    t = time.perf_counter()

    def when(days: int = 60) -> datetime:
        return now - timedelta(days=rng.randrange(days), minutes=rng.randrange(1440))

    rows = []
    for i in range(spot_checks):
        pid, grid = props[i % len(props)]
        at = when()
        rows.append(dict(id=str(uuid.uuid4()), version=1, acked_version=1, created_at=at, updated_at=at,
                         created_by="officer1", property_id=pid, grid_code=grid, checked_at=at,
                         result="consistent" if rng.random() < 0.9 else "inconsistent",
                         notes=None))
    task_rows = []
    for i in range(tasks):
        at = when()
        done = rng.random() < 0.8
        task_rows.append(dict(id=str(uuid.uuid4()), version=1, acked_version=1, created_at=at, updated_at=at,
                              platform_id=f"BENCH-{i}", kind="verify_person", title="核查", status="done" if done
                              else "open", result="verified" if done else None,
                              completed_at=at + timedelta(days=1) if done else None, received_at=at,
                              due_date=(at + timedelta(days=7)).date()))
    with db.write() as s:
        for start in range(0, len(rows), 20_000):
            s.execute(insert(SpotCheck.__table__), rows[start:start + 20_000])
        s.execute(insert(Task.__table__), task_rows)
    for start in range(0, acked_outbox, 50_000):
        batch = []
        for _ in range(min(50_000, acked_outbox - start)):
            at = when()
            batch.append(dict(record_type="person", record_id=str(uuid.uuid4()), version=2, base_version=1,
                              operation="update", payload="{}", created_at=at, batch_id=HISTORY_BATCH,
                              acked_at=at + timedelta(minutes=rng.randrange(5, 3000))))
        with db.write() as s:
            s.execute(insert(OutboxEntry.__table__), batch)
    with db.write() as s:
        s.connection().exec_driver_sql("ANALYZE")
    print(f"  dashboard figures added in {time.perf_counter() - t:.0f} s", flush=True)


def measure_dashboard(ctx, meter, refreshes: int) -> tuple[float, list]:
    """The Today page on `ctx`: the cold first refresh (ms), then `refreshes` refreshes fired by its timer;
    returns (cold ms, [RefreshTiming, ...])."""
    from workstation.ui.today import TodayPage

    page = TodayPage(ctx)
    page.resize(1366, 700)
    page.show()
    timings: list = []
    page.refreshed.connect(timings.append)
    page.on_shown()
    wait_for(lambda: bool(timings), 120, "the first dashboard")
    cold = timings.pop().total
    meter.start("dashboard")
    for _ in range(refreshes):
        pump(0.2)
        before = len(timings)
        page.timer.timeout.emit()  # the refresh timer fires
        wait_for(lambda before=before: len(timings) > before, 60, "a dashboard refresh")
    meter.stop()
    page.close()
    return cold, timings


def grow_audit_trail(db, total: int, seed: int = 7) -> int:
    """Append synthetic events until the trail holds `total` rows: a valid chain (hash, MAC, head and
    anchor as `storage.audit` writes them), written in bulk. Actors, actions and targets are a desk's
    mix. Returns the rows added."""
    from sqlalchemy import func, insert, select

    from workstation.storage import audit
    from workstation.storage.schema import AuditEvent, AuditHead, Person

    rng = random.Random(seed)
    log = db.audit_log
    with db.read() as s:
        have = int(s.execute(select(func.count()).select_from(AuditEvent)).scalar_one())
        head = s.get(AuditHead, 1)
        seq, prev = (head.seq, head.hash) if head is not None else (0, audit.GENESIS)
        at = s.execute(select(func.max(AuditEvent.at))).scalar()
        people = list(s.execute(select(Person.id).limit(20_000)).scalars())
    from datetime import timedelta

    from workstation.storage.schema import utcnow

    at = at or utcnow()
    actors = ("officer1", "officer1", "officer1", "assistant1", "assistant2", "admin", "sync")
    actions = ("person.search", "person.read", "person.search", "person.update", "person.create",
               "property.search", "tenancy.create", "task.list", "login", "audit.read")
    added = 0
    t = time.perf_counter()
    while have + added < total:
        chunk = []
        for _ in range(min(50_000, total - have - added)):
            seq += 1
            at = at + timedelta(microseconds=10)
            action = rng.choice(actions)
            actor = rng.choice(actors)
            kind = action.split(".")[0]
            target_type = "person" if kind == "person" else (None if action in ("login", "audit.read") else kind)
            target_id = rng.choice(people) if target_type == "person" and people else None
            details = f'{{"rows": {rng.randint(0, 200)}}}' if action.endswith("search") else ""
            h = audit._row_hash(prev, audit._canonical(seq, at, actor, action, target_type, target_id, details, "ok"))
            chunk.append({"seq": seq, "at": at, "actor": actor, "action": action, "target_type": target_type,
                          "target_id": target_id, "details": details, "outcome": "ok", "prev_hash": prev, "hash": h,
                          "mac": log.mac_of(h)})
            prev = h
        with db.write() as s:
            s.execute(insert(AuditEvent), chunk)
            row = s.get(AuditHead, 1)
            row.seq, row.hash, row.mac = seq, prev, log.mac_of(f"head:{seq}:{prev}")
        added += len(chunk)
    if added:
        with db.write() as s:
            log.write_anchor(s, db.anchor_path)
        print(f"  audit trail: {have} + {added} events ({time.perf_counter() - t:.0f} s)", flush=True)
    return added


# ---- measuring --------------------------------------------------------------------------------------
class StallMeter:
    """A 5 ms timer on the GUI thread; the lateness of each tick is a stall (per phase: the worst, and how
    many were over 50 ms). Each stall is split by the GUI thread's scheduler statistics
    (/proc/thread-self/schedstat): ``cpu`` (the GUI thread ran: its own work), ``runq`` (runnable, waiting
    for a core: the machine's load) and ``blocked`` (asleep: waiting on the interpreter lock, a mutex or
    I/O) — the parts summed over the stalls over 20 ms are printed per phase."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst: dict[str, float] = {}
        self.worst_parts: dict[str, tuple[float, float, float]] = {}
        self.over: dict[str, int] = {}
        self.parts: dict[str, list[float]] = {}  # phase → [stall, cpu, runq, blocked] over the stalls > 20 ms
        self.phase = "idle"
        self.running = False
        self.watchdog = None  # a file: every thread's stack is written to it when a tick is this late:
        self.watchdog_s = 0.105
        try:
            self._fd: int | None = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
        except OSError:
            self._fd = None
        self._sched = self._read_sched()

    def _read_sched(self) -> tuple[float, float]:
        if self._fd is None:
            return 0.0, 0.0
        run_ns, wait_ns, _slices = os.pread(self._fd, 100, 0).split()
        return int(run_ns) / 1e9, int(wait_ns) / 1e9

    def start(self, phase: str) -> None:
        self.phase = phase
        self.last = time.perf_counter()
        self._sched = self._read_sched()
        self.worst.setdefault(phase, 0.0)
        self.over.setdefault(phase, 0)
        self.parts.setdefault(phase, [0.0, 0.0, 0.0, 0.0])
        self.timer.start()
        self.running = True

    def _tick(self) -> None:
        now = time.perf_counter()
        sched = self._read_sched()
        wall = now - self.last
        late = wall - 0.005
        cpu, runq = sched[0] - self._sched[0], sched[1] - self._sched[1]
        self.last, self._sched = now, sched
        if self.watchdog is not None:
            import faulthandler

            if late > self.watchdog_s - 0.005:
                self.watchdog.write(f"=== the stall above: {1000 * late:.0f} ms, phase {self.phase}\n".encode())
                self.watchdog.flush()
            faulthandler.dump_traceback_later(self.watchdog_s, file=self.watchdog)  # re-armed by every tick
        if late > 0.05:
            self.over[self.phase] += 1
        if late > 0.02:
            p = self.parts[self.phase]
            p[0] += late
            p[1] += cpu
            p[2] += runq
            p[3] += max(0.0, wall - cpu - runq)
        if late > self.worst.get(self.phase, 0.0):
            self.worst[self.phase] = late
            self.worst_parts[self.phase] = (cpu, runq, max(0.0, wall - cpu - runq))

    def stop(self) -> None:
        self.timer.stop()
        self.running = False
        if self.watchdog is not None:
            import faulthandler

            faulthandler.cancel_dump_traceback_later()

    @property
    def max_ms(self) -> float:
        return 1000 * max(self.worst.values(), default=0.0)

    def report(self) -> None:
        print("phases (worst stall ms [its cpu/runq/blocked ms]; stalls over 50 ms; sum over the stalls > 20 ms "
              "of stall/cpu/runq/blocked ms):")
        for phase, worst in self.worst.items():
            cpu, runq, blocked = self.worst_parts.get(phase, (0.0, 0.0, 0.0))
            total = self.parts[phase]
            print(f"  {phase}: {1000 * worst:.1f} [{1000 * cpu:.0f}/{1000 * runq:.0f}/{1000 * blocked:.0f}]; "
                  f"{self.over[phase]}; " + "/".join(f"{1000 * v:.0f}" for v in total))


IDLE = {"_worker", "wait", "_pty_loop", "read", "select", "sleep", "_run"}  # frames of a thread waiting


class GcPauses:
    """The interpreter's garbage collections, per phase of the meter: a collection runs with the
    interpreter lock held, so a long one stalls the GUI thread whichever thread triggered it."""

    def __init__(self, meter: StallMeter) -> None:
        import gc

        self.meter = meter
        self.gui = threading.get_ident()
        self._start: dict[int, float] = {}
        self.pauses: dict[str, list[tuple[int, float, bool, int]]] = {}  # phase → (generation, ms, on GUI, objects)
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        ident = threading.get_ident()
        if phase == "start":
            self._start[ident] = time.perf_counter()
            return
        t = self._start.pop(ident, None)
        if t is None or not self.meter.running:
            return

        objects = info.get("collected", 0)
        self.pauses.setdefault(self.meter.phase, []).append(
            (info["generation"], 1000 * (time.perf_counter() - t), ident == self.gui, objects))

    def report(self) -> None:
        for phase, rows in self.pauses.items():
            parts = []
            for gen in (0, 1, 2):
                ms = [r[1] for r in rows if r[0] == gen]
                if ms:
                    parts.append(f"gen{gen} {len(ms)}x max {max(ms):.1f} ms (sum {sum(ms):.0f})")
            big = [r for r in rows if r[0] == 2]
            if big:
                worst = max(big, key=lambda r: r[1])
                parts.append(f"worst gen2 on the {'GUI' if worst[2] else 'a background'} thread")
            print(f"  gc, phase {phase}: " + "; ".join(parts))


class StallSampler:
    """Where the time goes while the GUI thread stalls (``--sample-stalls``): a thread looks every 2 ms at
    the meter's last tick; while the GUI thread is over `threshold` late it samples the Python stacks of
    every thread (`sys._current_frames`). A sample of the GUI thread in Qt's own code shows the Python
    frame that called into Qt (e.g. `pump`); the other threads' samples show what ran beside it (what may
    hold the interpreter lock). Each sample stands for ~2 ms."""

    def __init__(self, meter: StallMeter, threshold: float = 0.02) -> None:
        from collections import Counter, defaultdict

        self.meter = meter
        self.threshold = threshold
        self.gui = threading.get_ident()
        self.gui_samples: dict[str, Counter[str]] = defaultdict(Counter)
        self.other_samples: dict[str, Counter[str]] = defaultdict(Counter)
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name="bench-stall-sampler", daemon=True)
        self.thread.start()

    @staticmethod
    def _where(frame, depth: int = 4) -> str:
        parts = []
        while frame is not None and len(parts) < depth:
            code = frame.f_code
            name = code.co_filename
            short = name.split("/src/")[-1] if "/src/" in name else name.rsplit("/", 2)[-1] if "site-packages" not in \
                name else name.split("site-packages/")[-1]
            parts.append(f"{short}:{code.co_name}:{frame.f_lineno}")
            frame = frame.f_back
        return " < ".join(parts)

    def _run(self) -> None:
        names = {}
        while not self._stop.wait(0.002):
            m = self.meter
            if not m.running or time.perf_counter() - m.last - 0.005 < self.threshold:
                continue
            frames = sys._current_frames()
            phase = m.phase
            for ident, frame in frames.items():
                if ident == self.gui:
                    self.gui_samples[phase][self._where(frame)] += 1
                elif ident != threading.get_ident() and frame.f_code.co_name not in IDLE:
                    if ident not in names:
                        names = {t.ident: t.name for t in threading.enumerate()}
                    self.other_samples[phase][f"[{names.get(ident, ident)}] {self._where(frame, 3)}"] += 1

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(1)

    def report(self, top: int = 8) -> None:
        for phase, counter in self.gui_samples.items():
            print(f"stall samples, phase {phase}: GUI thread ({sum(counter.values())} samples of ~2 ms)")
            for where, n in counter.most_common(top):
                print(f"  {n:5d}  {where}")
            others = self.other_samples.get(phase)
            if others:
                print("  beside it, the other threads:")
                for where, n in others.most_common(top):
                    print(f"  {n:5d}  {where}")


class SearchTiming:
    """Where a search's latency goes (``--sample-stalls``): the last keystroke → the search asked (the
    typing pause) → the residents area's `find` starts on the DB lane (queue) → it returns (the query)
    → the model's `searched` (delivery and model reset) → rows painted. Finds of older queries typed on
    the way are counted."""

    def __init__(self, ctx) -> None:
        self.area = ctx.desk.residents
        original = self.area.find
        self.finds: list[tuple[str, str | None, float, float]] = []

        def find(query, *args, **kw):
            t = time.perf_counter()
            try:
                return original(query, *args, **kw)
            finally:
                self.finds.append((query, kw.get("after"), t, time.perf_counter()))

        self.area.find = find
        self.rows: list[tuple[str, float, float, float, int]] = []

    def reset(self) -> None:
        self.finds.clear()

    def last(self, text: str, t_key: float, total_ms: float) -> None:
        mine = [f for f in self.finds if f[0] == text and f[1] is None]
        if not mine:
            return
        _q, _after, start, end = mine[-1]
        firsts = [f for f in self.finds if f[1] is None]
        self.rows.append((text, 1000 * (start - t_key), 1000 * (end - start), total_ms, len(firsts)))

    def report(self, b) -> None:
        if not self.rows:
            return
        to_start = [r[1] for r in self.rows]
        query = [r[2] for r in self.rows]
        after = [r[3] - r[1] - r[2] for r in self.rows]
        b.note("search timing (median / p95 ms): last keystroke → its find starts "
               f"{statistics.median(to_start):.1f} / {_p95(to_start):.1f}; the find "
               f"{statistics.median(query):.1f} / {_p95(query):.1f}; find done → rows painted "
               f"{statistics.median(after):.1f} / {_p95(after):.1f}; finds per typed query "
               f"{statistics.mean(r[4] for r in self.rows):.1f}")
        worst = sorted(self.rows, key=lambda r: -r[3])[:6]
        b.note("slowest searches (query, to start, find, total ms): "
               + "; ".join(f"{r[0]!r} {r[1]:.0f}/{r[2]:.0f}/{r[3]:.0f}" for r in worst))


class PaintCount:
    """Counts the paint events of a widget (e.g. a table's viewport); `cost_ms()` times a full repaint."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        count = self

        class Filter(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint:
                    count.n += 1
                return False

        self.n = 0
        self.widget = widget
        self.filter = Filter()
        widget.installEventFilter(self.filter)

    def cost_ms(self, times: int = 9) -> float:
        """The median time of a full repaint of the widget, ms."""
        spent = []
        for _ in range(times):
            t = time.perf_counter()
            self.widget.repaint()
            spent.append(1000 * (time.perf_counter() - t))
        return statistics.median(spent)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) >= 2 else values[0]


def pump(seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.001)


def wait_for(cond, timeout: float, what: str) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > end:
            raise RuntimeError(f"timed out waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.0005)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--residents", type=int, default=1_000_000)
    ap.add_argument("--keep", default=None, help="build the store here once and reuse it on later runs")
    ap.add_argument("--sync-records", type=int, default=SYNC_RECORDS, help="changed records the sync sends")
    ap.add_argument("--cards", type=int, default=10, help="card placements for card_to_form_ms")
    ap.add_argument("--queries", type=int, default=80, help="queries of the search mix")
    ap.add_argument("--no-start", action="store_true", help="skip start_s (it launches the app 4 times)")
    ap.add_argument("--refreshes", type=int, default=10, help="dashboard refreshes measured")
    ap.add_argument("--dashboard-only", action="store_true", help="measure the Today dashboard alone")
    ap.add_argument("--switch-interval", type=float, default=None,
                    help="sys.setswitchinterval for the run, seconds (an experiment; the app keeps Python's 0.005)")
    ap.add_argument("--watchdog", default=None,
                    help="a file: every thread's Python stack is written to it 100 ms (--watchdog-ms) into each stall")
    ap.add_argument("--watchdog-ms", type=float, default=100, help="how late a tick is when --watchdog writes")
    ap.add_argument("--no-gc-freeze", action="store_true",
                    help="an experiment: leave the start's objects to the collector (the app freezes them)")
    ap.add_argument("--only", default=None, help="comma-separated phases to run: " + ", ".join(PHASES))
    ap.add_argument("--sample-stalls", action="store_true",
                    help="sample the threads' stacks while the GUI thread stalls, and time each search's steps")
    ap.add_argument("--audit-events", type=int, default=AUDIT_EVENTS, help="events in the trail for audit_open_ms")
    a = ap.parse_args()
    if a.switch_interval:
        sys.setswitchinterval(a.switch_interval)
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        return run(a, Path(tmp))


PHASES = ("residents", "audit", "properties", "card", "fingerprint", "sync", "dashboard")


class Bench:
    """What the phases share: the app's objects on the benchmark's station and the figures measured."""

    def __init__(self, a: argparse.Namespace, scratch: Path, folder: Path) -> None:
        from keyring.backends import fail
        from PySide6.QtWidgets import QApplication

        from workstation.storage import operators, station
        from workstation.ui import i18n
        from workstation.ui.bridges.devices import DeviceBridge
        from workstation.ui.context import Station, StationSettings
        from workstation.ui.tasks import Runner

        self.a = a
        self.scratch = scratch
        self.app = QApplication.instance() or QApplication(["bench-ui"])
        i18n.apply_fonts(self.app)
        self.languages = i18n.Languages(self.app)  # the app's translators, as the app installs them
        self.languages.switch(os.environ.get("WORKSTATION_LANG") or "en")
        self.db, _how = station.unlock(folder, passphrase=(folder / PASSPHRASE_FILE).read_text(),
                                       backend=fail.Keyring())
        self.officer = operators.authenticate(self.db, *OFFICER)
        self.admin = operators.authenticate(self.db, *ADMIN)
        self.runner = Runner()
        self.bridge = DeviceBridge(self.runner)
        self.station = Station(db=self.db, data_dir=folder, is_demo=True, runner=self.runner, devices=self.bridge,
                               settings=StationSettings.load(self.db), languages=self.languages,
                               station_name="基准测试警务室", station_code=STATION_CODE)
        self.ctx = self.station.context_for(self.officer)
        self.meter = StallMeter()
        self.sampler = StallSampler(self.meter) if a.sample_stalls else None
        self.gc = GcPauses(self.meter)
        if a.watchdog:
            self.meter.watchdog = open(a.watchdog, "wb")  # noqa: SIM115 - open for the whole run
            self.meter.watchdog_s = a.watchdog_ms / 1000 + 0.005
        self.manager = None
        self.keep_open: list[object] = []  # pages left open (the residents page stays open throughout)
        nan = float("nan")
        self.figures: dict[str, float] = {
            "max_stall_ms": nan, "card_to_form_ms": nan, "search_p95_ms": nan, "start_s": nan, "rss_mb": nan,
            "audit_open_ms": nan, "property_open_ms": nan, "grid_list_ms": nan, "late_list_ms": nan,
            "dashboard_refresh_ms": nan, "dashboard_work_ms": nan, "dashboard_gui_ms": nan, "sync_records": nan,
        }
        self.notes: list[str] = []

    def note(self, line: str) -> None:
        self.notes.append(line)
        print("  " + line, flush=True)

    def emulated_desk(self):
        """The emulated reader and scanner with wire pacing on (after rss_mb: emulators are not the app)."""
        if self.manager is None:
            from workstation.devices.manager import DeviceManager, DeviceState, ManagerConfig

            manager = DeviceManager.with_emulators(ManagerConfig(assignments_path=None), link="pty")
            for server in manager.demo.servers.values():
                server.pace = True  # every byte takes its wire time, as on a real line
            manager.start()
            self.bridge.attach(manager)
            wait_for(lambda: all(manager.status(r).state is DeviceState.CONNECTED for r in ("idcard", "fingerprint")),
                     30, "the emulated devices")
            self.manager = manager
        return self.manager

    def close(self) -> None:
        for w in self.keep_open:
            w.close()  # type: ignore[attr-defined]
        if self.sampler is not None:
            self.sampler.stop()
        self.bridge.shutdown()
        self.runner.shutdown()
        self.db.close()


# ---- 1. the residents table: open, scroll, search (rss_mb right after: the app's own memory) ----------
def phase_residents(b: Bench) -> None:
    import ui_start
    from PySide6.QtWidgets import QApplication

    from storage import query_mix
    from workstation.ui.screens.residents import ResidentsPage

    page = ResidentsPage(b.ctx)
    page.resize(1366, 700)
    page.show()
    b.keep_open.append(page)
    searches: list[float] = []
    page.model.searched.connect(lambda _q, _s: searches.append(time.perf_counter()))
    timing = SearchTiming(b.ctx) if b.a.sample_stalls else None
    paints = PaintCount(page.table.viewport())
    b.meter.start("residents")
    page.on_shown()
    wait_for(lambda: bool(searches), 60, "the first page of residents")
    bar = page.table.verticalScrollBar()
    b.meter.start("residents.scroll")
    for _ in range(25):  # scroll to the end of what is loaded, again and again: page after page arrives
        rows = page.model.rowCount()
        bar.setValue(bar.maximum())
        pump(0.3)
        if page.model.rowCount() == rows and page.model.canFetchMore():
            page.model.fetchMore()  # the end was reached while the previous page was still on its way
        wait_for(lambda rows=rows: page.model.rowCount() > rows or not page.model.has_more(), 30, "a page")
        pump(0.02)
    scrolled = page.model.rowCount()
    for _ in range(40):  # and back up, through evicted rows
        bar.setValue(max(0, bar.value() - bar.pageStep() * 3))
        pump(0.01)
    scroll_paints, paints.n = paints.n, 0
    b.meter.start("residents.search")
    mix = query_mix(b.db, b.a.queries, seed=11)
    latencies = []
    for text, grid in mix:
        page.grid_box.setText(grid or "")
        page.search_box.clear()
        pump(0.15)
        before = len(searches)
        if timing is not None:
            timing.reset()
        for i in range(1, len(text) + 1):  # typed, one keystroke every 80 ms
            page.search_box.setText(text[:i])
            t_key = time.perf_counter()
            pump(0.08 if i < len(text) else 0)
        wait_for(lambda before=before, text=text: len(searches) > before and page.model.query.text == text, 30,
                 "a search")
        QApplication.processEvents()  # the rows painted
        latencies.append(1000 * (time.perf_counter() - t_key))
        if timing is not None:
            timing.last(text, t_key, latencies[-1])
    b.meter.stop()
    b.figures["rss_mb"] = ui_start.rss_mb()
    b.figures["search_p95_ms"] = statistics.quantiles(latencies, n=100)[94] if len(latencies) >= 2 else latencies[0]
    b.note(f"residents: the table painted {scroll_paints} times while scrolling, {paints.n} times while searching; "
           f"a full repaint takes {paints.cost_ms():.1f} ms")
    b.note(f"residents: {scrolled} rows loaded while scrolling; {len(latencies)} searches, "
           f"median {statistics.median(latencies):.1f} ms, p95 {b.figures['search_p95_ms']:.1f} ms, "
           f"max {max(latencies):.1f} ms")
    if timing is not None:
        timing.report(b)


# ---- 1b. the audit viewer on a trail of 1 M events: first page shown -------------------------------------
def phase_audit(b: Bench) -> None:
    from PySide6.QtWidgets import QApplication

    from workstation.ui.screens.audit import AuditPage

    audit_ctx = b.station.context_for(b.admin)
    opens = []
    rows_shown = 0
    b.meter.start("audit")
    for _ in range(9):
        audit_page = AuditPage(audit_ctx)
        audit_page.resize(1366, 700)
        audit_page.show()
        done: list[float] = []
        audit_page.model.searched.connect(lambda _q, _s, done=done: done.append(time.perf_counter()))
        t_open = time.perf_counter()
        audit_page.on_shown()
        wait_for(lambda done=done: bool(done), 30, "the first page of the audit trail")
        QApplication.processEvents()  # the rows painted
        opens.append(1000 * (time.perf_counter() - t_open))
        rows_shown = audit_page.model.rowCount()
        audit_page.close()
        audit_page.deleteLater()
        pump(0.2)
    b.meter.stop()
    b.figures["audit_open_ms"] = statistics.median(opens)
    b.note(f"audit: {b.a.audit_events} events, first page of {rows_shown} rows; opens ms "
           + ", ".join(f"{v:.1f}" for v in opens))


# ---- 1c. the properties page: a grid's list, the 40-room property opened, landlords late -------------------
def phase_properties(b: Bench) -> None:
    from PySide6.QtWidgets import QApplication

    from workstation.ui.screens.properties import PropertiesPage

    prop_page = PropertiesPage(b.ctx)
    prop_page.resize(1366, 700)
    prop_page.show()
    listed: list[float] = []
    prop_page.model.searched.connect(lambda _q, _s: listed.append(time.perf_counter()))
    b.meter.start("properties")
    prop_page.on_shown()
    wait_for(lambda: bool(listed), 60, "the first page of properties")
    grid_ms = []
    for g in range(10):
        grid = f"G{3 + 4 * g:02d}"
        before = len(listed)
        prop_page.list.grid_box.setText(grid)
        t_grid = time.perf_counter()
        prop_page.list.grid_box.returnPressed.emit()  # Enter: the filter applies now
        wait_for(lambda before=before, grid=grid: len(listed) > before and prop_page.model.query.grid_code == grid,
                 30, "a grid's properties")
        QApplication.processEvents()  # the rows painted
        grid_ms.append(1000 * (time.perf_counter() - t_grid))
        pump(0.1)
    grid_rows = prop_page.model.rowCount()
    prop_page.list.grid_box.setText("G07")
    prop_page.list.search_box.setText(BIG_PROPERTY)
    before = len(listed)
    prop_page.list.run_search()
    wait_for(lambda: len(listed) > before and prop_page.model.rowCount() > 0, 30, "the 40-room property")
    big_row = next(r for r in range(prop_page.model.rowCount())
                   if prop_page.model.data(prop_page.model.index(r, 0)) == BIG_PROPERTY)
    view = prop_page.property_view
    property_ms = []
    for _ in range(5):
        view.clear()
        prop_page.show_list()
        pump(0.2)
        tiles_shown: list[float] = []
        view.shown.connect(lambda _p, _s, tiles_shown=tiles_shown: tiles_shown.append(time.perf_counter()))
        t_open = time.perf_counter()
        prop_page.open_row(big_row)  # what a double click on the row does
        wait_for(lambda tiles_shown=tiles_shown: bool(tiles_shown), 30, "the property's tiles")
        QApplication.processEvents()  # the tiles painted
        property_ms.append(1000 * (time.perf_counter() - t_open))
        view.shown.disconnect()
    tiles = len(view.tiles.tiles)
    # the "landlords late only" filter: five grids, then the whole station
    view.clear()
    prop_page.show_list()
    prop_page.list.search_box.setText("")
    late_ms, late_rows = [], []
    for grid in ("G03", "G11", "G19", "G27", "G35", ""):
        prop_page.list.grid_box.setText(grid)
        prop_page.list.late_box.setChecked(False)
        prop_page.list.run_search()
        before = len(listed)
        wait_for(lambda before=before: len(listed) > before, 60, "the list before the late filter")
        pump(0.1)
        before = len(listed)
        t_late = time.perf_counter()
        prop_page.list.late_box.setChecked(True)  # the filter applies at once
        wait_for(lambda before=before: len(listed) > before and prop_page.model.query.landlord_late, 120,
                 "the late landlords' properties")
        QApplication.processEvents()  # the rows painted
        late_ms.append(1000 * (time.perf_counter() - t_late))
        late_rows.append(prop_page.model.rowCount())
    prop_page.list.late_box.setChecked(False)
    b.meter.stop()
    prop_page.close()
    b.figures["grid_list_ms"] = statistics.median(grid_ms)
    b.figures["property_open_ms"] = statistics.median(property_ms)
    b.figures["late_list_ms"] = statistics.median(late_ms)
    b.note(f"properties: a grid's first page of {grid_rows} rows, list ms " + ", ".join(f"{v:.1f}" for v in grid_ms))
    b.note(f"properties: {tiles} tiles; opens ms " + ", ".join(f"{v:.1f}" for v in property_ms))
    b.note(f"properties: landlords late, first page rows {late_rows}; ms 5 grids "
           + ", ".join(f"{v:.1f}" for v in late_ms[:5]) + f"; the whole station {late_ms[5]:.1f}")


# ---- 2. cards: placed → form shown --------------------------------------------------------------------------
def phase_card(b: Bench) -> None:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from workstation.devices.sam.emulator import card_from_document
    from workstation.devices.transport import wire_seconds
    from workstation.domain.documents import IdentityDocument
    from workstation.domain.enums import DocumentType, Sex
    from workstation.domain.validation import gb11643_check_char
    from workstation.ui.screens.registration import open_for_card, spare_form
    from workstation.ui.screens.registration.form import RegistrationForm

    emulated = b.emulated_desk().demo
    ctx = b.ctx
    shown: list[float] = []
    decoded: list[float] = []

    class ShowWatch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Show and isinstance(obj, RegistrationForm):
                shown.append(time.perf_counter())
            return False

    watch = ShowWatch()
    b.app.installEventFilter(watch)
    sam = emulated.servers["idcard"]
    sent = [0]
    original_send = sam.send

    def counting_send(data: bytes) -> None:
        sent[0] += len(data)
        original_send(data)

    sam.send = counting_send  # type: ignore[method-assign]

    def placed(doc) -> None:
        decoded.append(time.perf_counter())
        open_for_card(ctx, None, doc)

    lookups: list[tuple[float, float]] = []  # the holder's lookup on the DB lane: (start, end)
    area = ctx.desk.residents
    original_lookup = area.find_by_id_number

    def timed_lookup(number):
        t = time.perf_counter()
        try:
            return original_lookup(number)
        finally:
            lookups.append((t, time.perf_counter()))

    area.find_by_id_number = timed_lookup

    b.bridge.card_placed.connect(placed)
    spare_form(ctx, None)  # as the main window does after login
    pump(0.5)
    rng = random.Random(5)
    card_ms, gui_ms, wire_ms, read_ms, lookup_ms, to_lookup_ms = [], [], [], [], [], []
    b.meter.start("card")
    for i in range(b.a.cards):
        first17 = f"110105{1960 + i:04d}0101{900 + i:03d}"[:17]
        number = first17 + gb11643_check_char(first17)
        doc = IdentityDocument(DocumentType.RESIDENT_ID, number, "测试" + "甲乙丙丁戊己庚辛壬癸"[i % 10],
                               Sex.MALE if int(number[16]) % 2 else Sex.FEMALE, date(1960 + i, 1, 1),
                               address="演示市东城区幸福路1号", issuer="演示市公安局", long_term=True)
        card = card_from_document(doc)
        before = len(shown)
        sent[0] = 0
        t0 = time.perf_counter()
        emulated.device("idcard").place_card(card)
        wait_for(lambda before=before: len(shown) > before, 10, "the registration form")
        wire = wire_seconds(sent[0], sam.baudrate)
        card_ms.append(1000 * (shown[-1] - t0 - wire))
        gui_ms.append(1000 * (shown[-1] - lookups[-1][1]))
        wire_ms.append(1000 * wire)
        read_ms.append(1000 * (decoded[-1] - t0 - wire))
        to_lookup_ms.append(1000 * (lookups[-1][0] - decoded[-1]))
        lookup_ms.append(1000 * (lookups[-1][1] - lookups[-1][0]))
        pump(0.05)
        for w in QApplication.topLevelWidgets():
            if isinstance(w, RegistrationForm) and w.isVisible():
                w.done(0)
        emulated.device("idcard").remove_card()
        pump(0.8 + rng.random() * 0.2)  # the next person steps up (the spare form is rebuilt meanwhile)
    b.meter.stop()
    b.app.removeEventFilter(watch)
    b.bridge.card_placed.disconnect(placed)
    sam.send = original_send  # type: ignore[method-assign]
    area.find_by_id_number = original_lookup
    b.figures["card_to_form_ms"] = statistics.median(card_ms)

    def mm(v: list[float]) -> str:
        return f"{statistics.median(v):.1f}/{max(v):.1f}"

    b.note(f"cards: {len(card_ms)} placements, card_to_form ms median {statistics.median(card_ms):.1f} "
           f"max {max(card_ms):.1f}; the parts (median/max ms): wire {mm(wire_ms)} (subtracted), placed → "
           f"decoded card on the GUI thread (poll, reads, decoding, delivery) {mm(read_ms)}, → the lookup starts "
           f"on the DB lane {mm(to_lookup_ms)}, the lookup {mm(lookup_ms)}, → the form shown {mm(gui_ms)}")


# ---- 3. a fingerprint image uploading at 57600 baud ---------------------------------------------------------
def phase_fingerprint(b: Bench) -> None:
    from workstation.ui.screens.registration.fingerprint import FingerprintDialog

    emulated = b.emulated_desk().demo
    dialog = FingerprintDialog(b.ctx, None, timeout_per_press=30)
    images: list[object] = []
    dialog._relay.image.connect(images.append)
    zfm = emulated.device("fingerprint")

    def press(step) -> None:  # the person's finger, not the app: off the GUI thread
        if step.code == "place_finger":
            threading.Thread(target=zfm.place_finger, args=("bench", 2), daemon=True).start()

    dialog._relay.step.connect(press)
    t = time.perf_counter()
    b.meter.start("fingerprint")
    dialog.show()
    wait_for(lambda: bool(images), 60, "the fingerprint image")
    b.meter.stop()
    b.note(f"fingerprint: image in {time.perf_counter() - t:.1f} s")
    dialog.done(0)
    zfm.lift_finger()
    wait_for(lambda: b.runner.active == 0, 30, "the enrolment to stop")


# ---- 4. a 20k-record sync with the Sync page open -----------------------------------------------------------
def phase_sync(b: Bench) -> None:
    from workstation.central.child import PlatformProcess  # the reference platform: a process of its own,

    # as the demo's is (not the app's: its request handling would hold this process's interpreter lock)
    from workstation.sync import client as sc
    from workstation.ui.screens.sync.page import SyncPage

    waiting = unsent_changes(b.db)
    b.note(f"sync: {waiting} changes waiting before the sync (the seeded base counts as synced)")
    if waiting != b.a.sync_records:
        raise RuntimeError(f"the sync would send {waiting} changes, not {b.a.sync_records}: the benchmark's "
                           "seeding left changes unsent")
    platform = PlatformProcess.start(b.scratch / "central")
    try:
        code = platform.enroll_code(STATION_CODE)
        sc.enroll(b.db, platform.url, code, STATION_CODE, platform.ca_pem, actor=b.admin)
        page = SyncPage(b.ctx)
        page.resize(1366, 700)
        page.show()
        page.on_shown()
        wait_for(lambda: page.overview is not None, 60, "the Sync page's overview")
        pump(0.2)
        b.meter.start("sync")
        t_sync = time.perf_counter()
        handle = page.sync_now()
        if handle is None:
            raise RuntimeError("the Sync page did not start a sync")
        wait_for(lambda: handle.done, 900, "the sync")
        sync_s = time.perf_counter() - t_sync
        wait_for(lambda: not page._refreshing, 60, "the Sync page's refresh after the sync")
        pump(0.2)
        b.meter.stop()
    finally:
        platform.stop()
    result = page.last_result
    if result is None:
        raise RuntimeError(f"the sync failed: {page.last_failure}")
    b.figures["sync_records"] = result.records
    b.note(f"sync: {result.records} records in {sync_s:.1f} s ({result.acknowledged} batches), "
           f"error={result.error}; the page shows {page.overview.waiting if page.overview else '?'} waiting")
    page.close()
    if result.records != b.a.sync_records:
        raise RuntimeError(f"the sync sent {result.records} records, not {b.a.sync_records}")


def unsent_changes(db) -> int:
    """Outbox rows neither acknowledged nor in a batch: what the next sync sends."""
    from sqlalchemy import func, select

    from workstation.storage.schema import OutboxEntry

    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(OutboxEntry)
                             .where(OutboxEntry.batch_id.is_(None), OutboxEntry.acked_at.is_(None))).scalar_one())


# ---- 5. the Today dashboard (after the sync: its acknowledgements are part of the backlog chart) ----------------
def phase_dashboard(b: Bench) -> None:
    cold, timings = measure_dashboard(b.ctx, b.meter, b.a.refreshes)
    b.figures["dashboard_refresh_ms"] = statistics.median(t.total for t in timings)
    b.figures["dashboard_work_ms"] = statistics.median(t.work for t in timings)
    b.figures["dashboard_gui_ms"] = max(t.gui for t in timings)
    b.note(f"dashboard: cold first refresh {cold:.1f} ms; {len(timings)} refreshes: total ms "
           + ", ".join(f"{t.total:.0f}" for t in timings) + "; work ms " + ", ".join(f"{t.work:.0f}" for t in timings)
           + "; gui ms " + ", ".join(f"{t.gui:.1f}" for t in timings))


def run(a: argparse.Namespace, scratch: Path) -> int:
    keep = Path(a.keep) if a.keep else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    only = ["dashboard"] if a.dashboard_only else (a.only.split(",") if a.only else list(PHASES))
    unknown = set(only) - set(PHASES)
    if unknown:
        raise SystemExit(f"unknown phases {sorted(unknown)}; phases: {', '.join(PHASES)}")
    folder = prepare(keep, a.residents, scratch, a.sync_records, a.audit_events if "audit" in only else 0)

    import ui_start

    b = Bench(a, scratch, folder)
    import gc

    print(f"objects tracked by the collector after the start: {len(gc.get_objects())}", flush=True)
    if not a.no_gc_freeze:
        from workstation.ui import memory

        memory.freeze_long_lived()  # as the main window does once the first session is built
    print(f"machine load average at the start (1, 5, 15 min): {os.getloadavg()} on {os.cpu_count()} cores",
          flush=True)
    for name in PHASES:  # in this order whatever --only says: rss_mb before the emulators and the platform
        if name in only:
            t = time.perf_counter()
            globals()[f"phase_{name}"](b)
            print(f"  phase {name} done in {time.perf_counter() - t:.0f} s; worst stall so far "
                  f"{b.meter.max_ms:.1f} ms; load {os.getloadavg()[0]:.2f}", flush=True)
    b.close()
    if not a.no_start and len(only) == len(PHASES):
        b.figures["start_s"] = ui_start.measure_start_s(scratch / "start-demo")
    b.figures["max_stall_ms"] = b.meter.max_ms if b.meter.worst else float("nan")
    print(f"machine load average at the end (1, 5, 15 min): {os.getloadavg()} on {os.cpu_count()} cores")
    print("phases (worst stall, ms): " + ", ".join(f"{k}={1000 * v:.1f}" for k, v in b.meter.worst.items()))
    b.meter.report()
    b.gc.report()
    t = time.perf_counter()
    import gc

    tracked = len(gc.get_objects())
    gc.collect()
    print(f"  gc: a full collection at the end: {1000 * (time.perf_counter() - t):.0f} ms, {tracked} objects tracked "
          f"({gc.get_freeze_count()} frozen)")
    if b.sampler is not None:
        b.sampler.report()
    for line in b.notes:
        print(line)
    f = b.figures
    print(f"ui: max_stall_ms={f['max_stall_ms']:.1f} card_to_form_ms={f['card_to_form_ms']:.1f} "
          f"search_p95_ms={f['search_p95_ms']:.1f} start_s={f['start_s']:.2f} rss_mb={f['rss_mb']:.0f} "
          f"audit_open_ms={f['audit_open_ms']:.1f} property_open_ms={f['property_open_ms']:.1f} "
          f"grid_list_ms={f['grid_list_ms']:.1f} late_list_ms={f['late_list_ms']:.1f} "
          f"dashboard_refresh_ms={f['dashboard_refresh_ms']:.1f} dashboard_work_ms={f['dashboard_work_ms']:.1f} "
          f"dashboard_gui_ms={f['dashboard_gui_ms']:.1f} sync_records={f['sync_records']:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
