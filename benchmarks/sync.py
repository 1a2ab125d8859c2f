"""Sync benchmark: seal + upload to the reference platform over HTTPS on loopback.

Builds a station with a one-week backlog (about 20k outbox records from synthetic residents,
properties, rooms and bindings), enrolls it with a fresh reference platform (SQLite, uvicorn with
its own CA, 127.0.0.1), then drains the backlog with the real client: batch, seal (X25519 + HKDF +
AES-256-GCM + Ed25519), upload, verify signed receipts, acknowledge in the local transaction.

Last line: ``sync: records_per_s=<n> backlog_20k_s=<s>``. ``--records`` changes the backlog size
(backlog_20k_s is then scaled linearly to 20k).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from workstation.central.app import create_app
from workstation.central.keys import init_keys
from workstation.central.server import ServerThread
from workstation.central.service import Central
from workstation.central.store import Store
from workstation.storage import demo, operators, station
from workstation.storage.schema import OutboxEntry
from workstation.storage.vault import KdfParams
from workstation.sync import client as sc


def outbox_count(db: station.Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None))) or 0)


def make_backlog(db: station.Database, target: int) -> None:
    """Outbox rows (real record payloads) for the generated records, as a week's edits would leave."""
    import json

    from sqlalchemy import insert

    from workstation.storage.outbox import record_payload, record_type_of
    from workstation.storage.schema import SYNCABLE, utcnow

    made = 0
    with db.write() as s:
        for model in SYNCABLE.values():
            if made >= target:
                break
            rows = s.execute(select(model).limit(target - made)).scalars().all()
            values = [
                {
                    "record_type": record_type_of(r),
                    "record_id": r.id,
                    "version": r.version,
                    "base_version": None,
                    "operation": "create",
                    "created_at": utcnow(),
                    "payload": json.dumps(record_payload(r), ensure_ascii=False, sort_keys=True),
                }
                for r in rows
            ]
            if values:
                s.execute(insert(OutboxEntry), values)
            made += len(values)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=20_000)
    ap.add_argument("--batch", type=int, default=1000)
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ws-sync-bench-"))
    try:
        keys = init_keys(work / "central")
        store = Store(f"sqlite:///{work / 'central' / 'central.sqlite3'}")
        central = Central(store, keys)
        server = ServerThread(create_app(central), keys.tls_cert, keys.tls_key).start()
        res = station.init_station(
            work / "station",
            station_code="440305001",
            station_name="bench",
            admin_username="admin",
            admin_password="bench-admin-1",
            use_keyring=False,
            kdf=KdfParams.fast_for_tests(),
            demo=True,
        )
        db = res.database
        admin = operators.authenticate(db, "admin", "bench-admin-1")
        sc.enroll(db, server.url, central.enroll_code("440305001"), "440305001", keys.ca_pem.decode(), actor=admin)
        demo.generate(db, a.records // 3 + 10, actor="bench", seed=1)
        make_backlog(db, a.records)
        n = outbox_count(db)
        print(f"backlog: {n} records", file=sys.stderr)
        client = sc.SyncClient(db, max_records=a.batch)
        t = time.perf_counter()
        result = client.sync(downlink=False)
        elapsed = time.perf_counter() - t
        client.close()
        assert result.error is None and result.remaining == 0, result
        assert outbox_count(db) == 0
        assert central.status()["record_versions"] == n
        rate = n / elapsed
        print(f"drained {n} records in {result.acknowledged} batches in {elapsed:.2f} s", file=sys.stderr)
        server.stop()
        store.close()
        db.close()
        print(f"sync: records_per_s={rate:.0f} backlog_20k_s={elapsed * 20_000 / n:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
