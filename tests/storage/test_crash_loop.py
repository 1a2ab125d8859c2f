"""Crash loop: SIGKILL a writer at random moments; nothing acknowledged may be lost.

After each kill: every acknowledged write is present, integrity_check is ok, the audit chain
verifies, and outbox and records agree (one outbox row per version of every record).
CRASH_KILLS sets the count (default 200 in CI, 60 locally).
"""

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select as sa_select

from workstation.storage import audit
from workstation.storage.db import Database
from workstation.storage.schema import SYNCABLE, OutboxEntry

KILLS = int(os.environ.get("CRASH_KILLS", "200" if os.environ.get("CI") == "true" else "60"))


def _read_lines(stream, buf: bytearray, timeout: float) -> list[str]:
    lines = []
    end = time.monotonic() + timeout
    while True:
        remaining = end - time.monotonic()
        ready, _, _ = select.select([stream], [], [], max(0.0, remaining))
        if ready:
            chunk = os.read(stream.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, _, rest = bytes(buf).partition(b"\n")
                buf[:] = rest
                lines.append(line.decode())
        if remaining <= 0:
            break
    return lines


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="fork-based crash loop")
def test_kill_writer_at_random_moments(st):
    db_path = st.data_dir / "workstation.db"
    master = st.db._master
    st.db.close()
    zygote = subprocess.Popen(
        [sys.executable, str(Path(__file__).parent / "crash_worker.py"), str(db_path), master.hex()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    rng = random.Random(20261122)
    acked: dict[tuple[str, str], int] = {}
    buf = bytearray()
    total_acks = 0
    try:
        for i in range(KILLS):
            zygote.stdin.write(f"fork {i}\n".encode())
            zygote.stdin.flush()
            pid = None
            deadline = time.monotonic() + 30
            pending = []
            while pid is None and time.monotonic() < deadline:
                for line in _read_lines(zygote.stdout, buf, 0.05):
                    if line.startswith("pid "):
                        pid = int(line.split()[1])
                    else:
                        pending.append(line)
            assert pid is not None, "zygote did not fork"
            if i % 2:  # anywhere from start-up (opening, migrating) on
                time.sleep(rng.uniform(0.0, 0.25))
            else:  # in the middle of steady writing: after its first commit
                until = time.monotonic() + 10
                while not pending and time.monotonic() < until:
                    pending += _read_lines(zygote.stdout, buf, 0.01)
                time.sleep(rng.uniform(0.0, 0.05))
            os.kill(pid, signal.SIGKILL)
            while not _gone(pid):
                time.sleep(0.005)
            pending += _read_lines(zygote.stdout, buf, 0.02)
            for line in pending:
                kind, rtype, rid, version = line.split()
                assert kind == "ack", line
                acked[(rtype, rid)] = max(acked.get((rtype, rid), 0), int(version))
                total_acks += 1
            _check(db_path, master, acked)
    finally:
        zygote.kill()
        zygote.wait()
    assert total_acks >= KILLS // 2, "writers should have committed work between kills"


def _check(db_path: Path, master: bytes, acked: dict[tuple[str, str], int]) -> None:
    db = Database.open(db_path, master)
    try:
        conn = db.raw_connection()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        with db.read() as s:
            versions: dict[tuple[str, str], int] = {}
            for rtype, model in SYNCABLE.items():
                for rid, v in s.execute(sa_select(model.id, model.version)):
                    versions[(rtype, rid)] = v
            for key, v in acked.items():
                assert key in versions, f"acknowledged {key} is missing"
                assert versions[key] >= v, f"acknowledged version {v} of {key} lost"
            outbox = {
                (t, r): (n, mx)
                for t, r, n, mx in s.execute(
                    sa_select(
                        OutboxEntry.record_type, OutboxEntry.record_id, func.count(), func.max(OutboxEntry.version)
                    ).group_by(OutboxEntry.record_type, OutboxEntry.record_id)
                )
            }
            for key, v in versions.items():
                assert outbox.get(key) == (v, v), f"outbox disagrees with {key}: {outbox.get(key)} vs version {v}"
            assert set(outbox) <= set(versions), "outbox row without its record"
            result = audit.verify(s)
            assert result.ok, result.message
    finally:
        db.close()
