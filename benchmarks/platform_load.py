"""A city's end of shift: N stations upload to the reference platform at once (issue 14).

The platform runs on PostgreSQL (127.0.0.1:5432, database `test`, a fresh schema per N, dropped
afterwards) under uvicorn with several worker processes and its own TLS on loopback. Each station is
an enrolled device with its own Ed25519 key (enrolled through `Central.enroll`, the code path the API
uses) and one sealed batch of 100 records (`wsb/1`, encrypted to the platform key, signed, with a signed
audit checkpoint), built before the clock starts. All N stations then upload concurrently over
HTTPS, as the sync client does: a 503 (busy) or a dropped connection is retried with the identical
bytes after a short backoff. Afterwards the platform's record log is checked: every record applied
exactly once.

    python benchmarks/platform_load.py [--stations 100,1000,5000] [--workers 2] [--connections 96]

Prints one line per N; the last reads
``platform_load: stations=5000 batches_per_s=<n> p95_ms=<ms> errors=<n> dup=<n>``.
batches_per_s = N / seconds from the first upload to the last receipt; p95_ms = 95th percentile of one
upload's time from when it has one of the `--connections` connections to its receipt (the stations
beyond that wait their turn, as they would in the platform's accept queue); errors = batches never
acknowledged or records missing; dup = record versions applied more than once.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from workstation.central.keys import init_keys
from workstation.central.service import Central
from workstation.central.store import Store
from workstation.sync import client as sc
from workstation.sync import envelope as env

PG_URL = os.environ.get("WORKSTATION_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
RECORDS_PER_BATCH = 100


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_batches(central: Central, n: int) -> list[tuple[str, bytes, int]]:
    """Enroll n stations and seal one batch of RECORDS_PER_BATCH records for each (16 threads: the
    enrollments wait on PostgreSQL commits)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(16) as pool:
        return list(pool.map(lambda i: make_station_batch(central, i), range(n)))


def make_station_batch(central: Central, i: int) -> tuple[str, bytes, int]:
    """Enroll station number i (its own Ed25519 key) and seal its batch of 100 new residents."""
    station = f"44{i:07d}"
    key = Ed25519PrivateKey.generate()
    ans = central.enroll(central.enroll_code(station), station, env.b64e(env.raw_public(key.public_key())))
    records = []
    for j in range(RECORDS_PER_BATCH):
        rid = str(uuid.uuid4())
        payload = {"id": rid, "name": f"测试居民{i}-{j}", "id_number": f"1101051949{i % 100:02d}{j:04d}X"[:18]}
        records.append(
            {
                "seq": j + 1,
                "record_type": "person",
                "record_id": rid,
                "version": 1,
                "base_version": None,
                "operation": "create",
                "payload": json.dumps(payload, ensure_ascii=False, sort_keys=True),
                "created_at": "2026-05-01T09:30:00+00:00",
            }
        )
    cp = {"seq": 100 + i, "hash": env.sha256_hex(station.encode())}
    content = {
        "records": records,
        "checkpoint": cp,
        "checkpoint_sig": env.b64e(key.sign(env.canonical(cp))),
        "station_code": station,
    }
    header = env.Header(
        device=ans["device_id"],
        batch_id=str(uuid.uuid4()),
        seq=1,
        prev_hash="",
        key_id=ans["key_id"],
        count=len(records),
    )
    blob = env.seal(header, env.canonical(content), device_key=key, platform_enc_pub=env.b64d(ans["platform_enc_pub"]))
    return ans["device_id"], blob, len(records)


async def upload_all(url: str, ca_pem: str, batches: list[tuple[str, bytes, int]], connections: int) -> dict:
    """Every station at once; at most `connections` HTTPS connections (a city's stations behind NAT
    do not share connections either, but a test machine has few sockets to spare)."""
    lat: list[float] = []
    stats = {"ok": 0, "errors": 0, "retries": 0}
    gate = asyncio.Semaphore(connections)  # latency counts from when a station has its connection
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    ctx = sc.ssl_context(ca_pem)
    async with httpx.AsyncClient(base_url=url, verify=ctx, limits=limits, timeout=120.0) as client:

        async def station(blob: bytes) -> None:
            await asyncio.sleep(random.random() * 0.5)  # they do not all press the button in the same ms
            for attempt in range(12):
                async with gate:
                    t0 = time.perf_counter()
                    try:
                        r = await client.post(
                            "/v1/batches", content=blob, headers={"content-type": sc.BATCH_MEDIA_TYPE}
                        )
                    except httpx.HTTPError:
                        r = None
                    took = time.perf_counter() - t0
                if r is not None and r.status_code == 200:
                    lat.append(took)
                    stats["ok"] += 1
                    return
                if r is not None and r.status_code < 500:
                    print(f"refused: {r.status_code} {r.text[:200]}", file=sys.stderr)
                    break
                stats["retries"] += 1
                await asyncio.sleep(min(8.0, 0.2 * 2**attempt) * (0.5 + random.random()))
            stats["errors"] += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(station(blob) for _d, blob, _n in batches))
        stats["elapsed"] = time.perf_counter() - t0
    lat.sort()
    stats["p95_ms"] = lat[int(0.95 * (len(lat) - 1))] * 1000 if lat else 0.0
    return stats


def run_once(n: int, workers: int, connections: int) -> str:
    schema = "plat_load_" + uuid.uuid4().hex[:10]
    eng = sa.create_engine(PG_URL)
    with eng.begin() as c:
        c.execute(sa.text(f"CREATE SCHEMA {schema}"))
    tmp = Path(tempfile.mkdtemp(prefix="platform-load-"))
    proc = None
    try:
        keys = init_keys(tmp / "central", db_url=PG_URL)
        store = Store(PG_URL, schema=schema)  # creates the tables once, before the workers start
        central = Central(store, keys)
        t_prep = time.perf_counter()
        batches = make_batches(central, n)
        prep = time.perf_counter() - t_prep
        port = free_port()
        envv = {
            **os.environ,
            "WORKSTATION_CENTRAL_DIR": str(tmp / "central"),
            "WORKSTATION_CENTRAL_DB": PG_URL,
            "WORKSTATION_CENTRAL_SCHEMA": schema,
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src"),
        }
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "workstation.central.server:app_from_env",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--ssl-certfile",
                str(keys.tls_cert),
                "--ssl-keyfile",
                str(keys.tls_key),
                "--log-level",
                "warning",
                "--no-access-log",
                "--limit-concurrency",
                "64",
                "--timeout-keep-alive",
                "30",
            ],
            env=envv,
            start_new_session=True,
        )
        url = f"https://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        with httpx.Client(base_url=url, verify=sc.ssl_context(keys.ca_pem.decode()), timeout=5) as h:
            while True:
                try:
                    if h.get("/v1/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("the platform did not start")
                time.sleep(0.2)
        stats = asyncio.run(upload_all(url, keys.ca_pem.decode(), batches, connections))
        with store.engine.connect() as c:
            total = c.scalar(sa.text("SELECT count(*) FROM record_log"))
            distinct = c.scalar(
                sa.text("SELECT count(*) FROM (SELECT DISTINCT record_type, record_id, version FROM record_log) d")
            )
            n_batches = c.scalar(sa.text("SELECT count(*) FROM batch"))
        dup = int(total) - int(distinct)
        missing = n * RECORDS_PER_BATCH - int(distinct)
        errors = stats["errors"] + max(0, missing) + (n - int(n_batches))
        line = (
            f"platform_load: stations={n} batches_per_s={n / stats['elapsed']:.1f} p95_ms={stats['p95_ms']:.0f} "
            f"errors={errors} dup={dup}"
        )
        print(
            f"  (N={n}: {stats['elapsed']:.1f} s upload, {stats['retries']} retries after 503/dropped connections, "
            f"{n * RECORDS_PER_BATCH / stats['elapsed']:.0f} records/s, {workers} workers, "
            f"preparation {prep:.1f} s)",
            file=sys.stderr,
        )
        store.close()
        return line
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        with eng.begin() as c:
            c.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        eng.dispose()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stations", default="100,1000,5000", help="comma-separated N values, smallest first")
    ap.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    ap.add_argument(
        "--connections", type=int, default=24, help="HTTPS connections the stations share at most (uploads in flight)"
    )
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: still stop the platform, drop the schema
    for n in [int(x) for x in args.stations.split(",")]:
        print(run_once(n, args.workers, args.connections), flush=True)


if __name__ == "__main__":
    main()
