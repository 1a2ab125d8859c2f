"""The fault proxy between client and service (real HTTPS on loopback): nothing is lost or
duplicated whatever happens to the connection, and the officer sees why a send failed."""

from __future__ import annotations

import os
import signal
import ssl
import subprocess
import sys
import threading
import time
from collections import Counter

import httpx
import pytest
from fault_proxy import FaultProxy
from sqlalchemy import select
from sync_fixtures import add_properties, enroll, services

from workstation.storage.schema import OutboxEntry
from workstation.sync import client as sc
from workstation.sync.models import SyncBatch


def http_via(proxy, ca_pem, timeout=5.0):
    ctx = sc.ssl_context(ca_pem)
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2  # see fault_proxy's docstring
    return httpx.Client(
        base_url=proxy.url, verify=ctx, timeout=timeout, limits=httpx.Limits(max_keepalive_connections=0)
    )


@pytest.fixture
def rig(platform, station):
    enroll(platform, station)
    proxy = FaultProxy(platform.server.port).start()
    http = http_via(proxy, platform.ca_pem, timeout=1.5)
    client = sc.SyncClient(station.db, http=http, max_records=4)
    yield platform, station, proxy, client
    http.close()
    proxy.stop()


def acked(st):
    with st.db.read() as s:
        return sorted(
            (r.record_id, r.version)
            for r in s.execute(select(OutboxEntry).where(OutboxEntry.acked_at.is_not(None))).scalars()
        )


def platform_versions(p):
    return [(rid, v) for _t, rid, v in p.central.record_versions()]


def check_invariant(p, st, expect_all=True):
    plat = platform_versions(p)
    assert not [k for k, n in Counter(plat).items() if n > 1], "duplicates on the platform"
    if not expect_all:  # mid-flight: the platform may hold more than the client knows is acknowledged
        assert set(acked(st)) <= set(plat)
        return
    assert sorted(plat) == acked(st)
    if expect_all:
        with st.db.read() as s:
            assert s.scalar(select(OutboxEntry).where(OutboxEntry.acked_at.is_(None))) is None


def ledger(st):
    with st.db.read() as s:
        return s.execute(select(SyncBatch).order_by(SyncBatch.seq)).scalars().all()


@pytest.mark.parametrize("fault", ["drop_request", "drop_response", "stall", "reset"])
def test_connection_faults_then_recovery(rig, fault):
    p, st, proxy, c = rig
    add_properties(services(st), 10)
    proxy.faults.extend(["pass", fault])
    res = c.sync(downlink=False)
    assert res.acknowledged == 1 and res.failed == 1 and res.remaining == 2
    b = ledger(st)[1]
    assert b.state == "sealed" and b.attempts == 1 and b.next_retry_at is not None
    assert b.last_error.startswith("Not sent:") and "retried automatically" in b.last_error
    envelope_before = b.envelope
    check_invariant(p, st, expect_all=False)
    res = c.sync(downlink=False)  # the link is back: identical bytes go again
    assert res.error is None and res.remaining == 0
    assert ledger(st)[1].envelope == envelope_before and ledger(st)[1].attempts == 2
    check_invariant(p, st)
    if fault == "drop_response":
        assert proxy.responses_dropped == 1 and p.central.status()["batches"] == 3


def test_5xx_before_and_after_commit(rig):
    p, st, _proxy, c = rig
    add_properties(services(st), 8)
    p.central.hooks.fail_before = 1
    res = c.sync(downlink=False)
    assert res.acknowledged == 0 and "problem (503)" in res.error
    p.central.hooks.fail_after_commit = 1
    res = c.sync(downlink=False)
    assert res.acknowledged == 0 and "(500)" in res.error and p.central.status()["batches"] == 1
    res = c.sync(downlink=False)
    assert res.error is None and res.acknowledged == 2
    check_invariant(p, st)


def test_duplicate_delivery_concurrently(rig):
    """The same sealed batch arrives twice at once (a retry racing the original)."""
    p, st, proxy, c = rig
    add_properties(services(st), 3)
    c.build_batches()
    c.seal_batches()
    blob = ledger(st)[0].envelope
    answers = []

    def go():
        with http_via(proxy, p.ca_pem) as h:
            answers.append(h.post("/v1/batches", content=blob, headers={"content-type": sc.BATCH_MEDIA_TYPE}))

    threads = [threading.Thread(target=go) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [200] * 4
    assert len({a.text for a in answers}) == 1
    assert len(platform_versions(p)) == 3
    assert c.send().error is None
    check_invariant(p, st)


def test_reordered_delivery(rig):
    p, st, proxy, c = rig
    add_properties(services(st), 12)
    c.build_batches()
    c.seal_batches()
    third = ledger(st)[2].envelope
    with http_via(proxy, p.ca_pem) as h:
        r = h.post("/v1/batches", content=third, headers={"content-type": sc.BATCH_MEDIA_TYPE})
    assert r.status_code == 409 and r.json()["expected"] == 1
    assert c.send().remaining == 0
    check_invariant(p, st)


def test_service_restarted(rig):
    p, st, _proxy, c = rig
    add_properties(services(st), 8)
    assert c.sync(downlink=False).acknowledged == 2
    add_properties(services(st), 4)
    p.stop()
    res = c.sync(downlink=False)
    assert res.acknowledged == 0 and "could not be reached" in res.error
    p.restart()  # same port, new service object, store reopened from disk
    assert c.sync(downlink=False).error is None
    check_invariant(p, st)


WORKER = r"""
import sys
from keyring.backends import fail
from workstation.storage import station
from workstation.sync import client as sc
import httpx, ssl
db, _ = station.unlock(sys.argv[1], passphrase=sys.argv[2], backend=fail.Keyring())
ctx = sc.ssl_context(sc.SyncClient(db).device().ca_pem)
ctx.maximum_version = ssl.TLSVersion.TLSv1_2
http = httpx.Client(base_url=sys.argv[3], verify=ctx, timeout=60, limits=httpx.Limits(max_keepalive_connections=0))
sc.SyncClient(db, http=http, max_records=4).sync(downlink=False)
"""


@pytest.mark.parametrize("fault", ["stall", "hold_response"])
def test_client_killed_mid_upload(rig, fault):
    """The client process is killed while a batch is on the wire (before the platform has it, or
    after it committed but before the receipt came back); reopening from the DB finishes the job."""
    p, st, proxy, c = rig
    add_properties(services(st), 10)
    proxy.stall_s = 30
    proxy.faults.extend(["pass", fault])
    proc = subprocess.Popen([sys.executable, "-c", WORKER, str(st.data_dir), st.passphrase, proxy.url])
    try:
        deadline = time.monotonic() + 120  # liveness bound only
        while proxy.requests_seen < 2 or (fault == "hold_response" and proxy.responses_dropped == 0):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    states = [b.state for b in ledger(st)]
    assert states[0] == "acknowledged" and states[1] == "sending"
    res = c.sync(downlink=False)
    assert res.error is None and res.remaining == 0
    check_invariant(p, st)


def test_backoff_grows_with_jitter_and_reachability_retries_at_once(rig):
    p, st, _proxy, c = rig
    delays = [c.backoff(n).total_seconds() for n in range(1, 8)]
    nominal = [min(sc.BACKOFF_CAP_S, sc.BACKOFF_BASE_S * 2 ** (n - 1)) for n in range(1, 8)]
    assert all(0.5 * nom <= dl < 1.5 * nom for dl, nom in zip(delays, nominal, strict=True))
    assert len({c.backoff(3).total_seconds() for _ in range(5)}) > 1  # jitter
    add_properties(services(st), 2)
    p.stop()
    reachable, res = c.tick(was_reachable=True)
    assert reachable is False and res is None
    assert c.send(due_only=True).acknowledged == 0  # failed attempt is recorded, backoff set
    b = ledger(st)[0]
    assert b.next_retry_at is not None and b.attempts == 1
    c.send(due_only=True)  # not due yet: no new attempt
    assert ledger(st)[0].attempts == 1
    p.restart()
    reachable, res = c.tick(was_reachable=False)  # platform is back: retry now, not at next_retry_at
    assert reachable and res.acknowledged == 1
    check_invariant(p, st)
