"""Storage benchmark: the same schema and code path on plaintext SQLite and on SQLCipher.

1. bulk insert of 100k synthetic residents (with documents, properties, rooms, bindings);
2. grow to 1 M residents; run the officer's search mix through `desk.residents.find` (the real,
   audited path): exact ID number, Chinese name prefix, full pinyin, initials, phone, address
   fragment, grid filter.

Last line: ``storage: ratio=<encrypted/plain> search_p95_ms=<ms> insert_per_s=<n>``
(ratio = total search-mix time encrypted / plain; p95 and insert rate are the encrypted ones).
Sizes can be reduced for a smoke run: ``--insert 10000 --total 50000``. ``--keep DIR`` builds the two
databases into DIR once and reuses them on later runs (insert rate then reads "reused").
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from workstation.domain.enums import Role
from workstation.storage import demo
from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.storage.schema import IdentityDocumentRow, Person, Property, Station
from workstation.wiring import open_desk


def build(db: Database, n_insert: int, n_total: int) -> float:
    with db.write() as s:  # a bare benchmark database: make it a demo station, as generate requires
        s.add(Station(code="BENCH", name="benchmark (demo)", demo=True))
    t = time.perf_counter()
    demo.generate(db, n_insert, seed=1)
    rate = n_insert / (time.perf_counter() - t)
    if n_total > n_insert:
        demo.generate(db, n_total - n_insert, seed=2)
    with db.write() as s:
        s.connection().exec_driver_sql("ANALYZE")
    conn = db.raw_connection()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return rate


KINDS = ["id_number", "name_1char", "name_2char", "pinyin", "initials", "phone", "address", "grid+initial"]


def query_mix(db: Database, n: int, seed: int = 3) -> list[tuple[str, str | None]]:
    rng = random.Random(seed)
    with db.read() as s:
        ids = list(s.execute(select(IdentityDocumentRow.number).limit(5000)).scalars())
        people = list(
            s.execute(
                select(Person.name, Person.name_pinyin, Person.name_initials, Person.phone, Person.grid_code).limit(
                    5000
                )
            ).all()
        )
        addrs = list(s.execute(select(Property.address).limit(2000)).scalars())
    mix: list[tuple[str, str | None]] = []
    for i in range(n):
        kind = i % 8
        name, pinyin, initials, phone, grid = rng.choice(people)
        if kind == 0:
            mix.append((rng.choice(ids), None))
        elif kind == 1:
            mix.append((name[:1], None))
        elif kind == 2:
            mix.append((name[:2], None))
        elif kind == 3:
            mix.append((pinyin[: rng.randint(min(3, len(pinyin)), len(pinyin))], None))
        elif kind == 4:
            mix.append((initials, None))
        elif kind == 5:
            mix.append((phone, None))
        elif kind == 6:
            a = rng.choice(addrs)
            start = rng.randrange(3, max(4, len(a) - 4))
            mix.append((a[start : start + rng.randint(3, 5)], None))
        else:
            mix.append((initials[:1], grid))
    return mix


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--insert", type=int, default=100_000)
    ap.add_argument("--total", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=2000)
    # The database built first measures slower (seen both ways); building the encrypted one first
    # makes the ratio an upper bound.
    ap.add_argument("--build-order", default="encrypted,plain", help="which database is built first")
    ap.add_argument("--dir", default=None, help="parent folder for the (deleted afterwards) databases")
    ap.add_argument("--no-reopen", dest="reopen", action="store_false",
                    help="query through the connections that built the databases instead of reopening them")
    ap.add_argument("--keep", default=None, help="build the databases here once and reuse them on later runs")
    a = ap.parse_args()
    if a.keep:
        Path(a.keep).mkdir(parents=True, exist_ok=True)
        return run(a, Path(a.keep))
    with tempfile.TemporaryDirectory(prefix="bench-storage-", dir=a.dir) as tmp:
        return run(a, Path(tmp))


def run(a: argparse.Namespace, work: Path) -> int:
    dbs: dict[str, Database] = {}
    insert_rate: dict[str, float] = {}
    key_file = work / "master.key"  # a benchmark-only key for the synthetic database, kept with it
    if not key_file.exists():
        key_file.write_bytes(os.urandom(64))
    for mode in a.build_order.split(","):
        path = work / f"{mode}.db"
        reuse = path.exists() and a.keep is not None
        db = Database.open_plain(path) if mode == "plain" else Database.open(path, key_file.read_bytes(), create=True)
        t = time.perf_counter()
        insert_rate[mode] = float("nan") if reuse else build(db, a.insert, a.total)
        size = sum(p.stat().st_size for p in work.glob(f"{mode}.db*"))
        rate = "reused" if reuse else f"{insert_rate[mode]:,.0f}/s"
        print(f"{mode:9}: insert {rate}  build {time.perf_counter() - t:.0f}s  "
              f"size {size / 1e6:.0f} MB", flush=True)
        if a.reopen:  # as the app does at start: open the existing station afresh
            db.close()
            db = Database.open_plain(path) if mode == "plain" else Database.open(path, key_file.read_bytes())
        dbs[mode] = db
    # Both files are read through once so that both sit in the OS page cache alike: otherwise whichever
    # file the build left partly evicted pays disk reads, and that is not the cost of encryption.
    for mode in dbs:
        for f in sorted(work.glob(f"{mode}.db*")):
            with f.open("rb") as fh:
                while fh.read(1 << 22):
                    pass
    # the same queries, interleaved query by query (alternating which goes first), so both modes
    # see the same machine load and the same OS page cache conditions
    mix = query_mix(dbs["plain"], a.queries)
    desks = {m: open_desk(db, Actor("bench-officer", Role.OFFICER), freeze_rules=False) for m, db in dbs.items()}
    for q, g in mix[:100]:
        for desk in desks.values():
            desk.residents.find(q, grid_code=g, limit=50)
    times: dict[str, list[float]] = {"plain": [], "encrypted": []}
    for i, (q, g) in enumerate(mix):
        order = ("plain", "encrypted") if i % 2 == 0 else ("encrypted", "plain")
        for mode in order:
            t = time.perf_counter()
            desks[mode].residents.find(q, grid_code=g, limit=50)
            times[mode].append((time.perf_counter() - t) * 1000)
    for mode, ts in times.items():
        per_kind = {k: statistics.median(ts[i::8]) for i, k in enumerate(KINDS)}
        print(f"{mode:9}: search median {statistics.median(ts):.2f} ms  p95 {p95(ts):.2f} ms  total {sum(ts):.0f} ms"
              f"  | median by kind " + " ".join(f"{k}={v:.1f}" for k, v in per_kind.items()), flush=True)
        dbs[mode].close()
    ratio = sum(times["encrypted"]) / sum(times["plain"])
    rate = insert_rate["encrypted"]
    print(f"storage: ratio={ratio:.2f} search_p95_ms={p95(times['encrypted']):.1f} "
          f"insert_per_s={'reused' if math.isnan(rate) else round(rate)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
