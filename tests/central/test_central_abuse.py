"""The platform under abuse (issue 14): record ownership, timestamps with offsets, invalid text, audit
checkpoints that go back or fork, replayed signed requests, private store files. Real HTTPS on
loopback against the reference service (SQLite and PostgreSQL where the backend matters)."""

from __future__ import annotations

import json
import os
import stat
import uuid
from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest
from raw_device import enroll_raw, rec
from sqlalchemy import select

from workstation.central.app import create_app
from workstation.central.server import ServerThread
from workstation.central.service import Central
from workstation.central.store import ConflictRow, Record, RecordLog, Store
from workstation.sync import client as sc
from workstation.sync import envelope as env

A, B = "440305001", "440305002"


@pytest.fixture
def http(platform):
    h = sc.make_http(platform.url, platform.ca_pem)
    yield h
    h.close()


def receipt_conflicts(r: httpx.Response) -> list[tuple[str, str]]:
    assert r.status_code == 200, r.text
    return [(c["record_id"], c["reason"]) for c in r.json()["body"]["conflicts"]]


def state(p, rid: str) -> tuple[int, str, bool, str]:
    with p.store.sessions() as s:
        r = s.get(Record, ("person", rid))
        return r.version, r.payload, r.deleted, r.station_code


# ---- 1. ownership -----------------------------------------------------------------------------
def test_a_foreign_station_can_change_nothing(platform, http):
    """Station B's device tries every operation on a person station A registered: each is refused
    (not_owner), listed in B's receipt, and A's record is exactly as A left it."""
    a, b = enroll_raw(platform.central, A), enroll_raw(platform.central, B)
    x = str(uuid.uuid4())
    assert receipt_conflicts(a.upload(http, [rec(x, "create", 1, None, {"name": "张三"})])) == []
    before = state(platform, x)
    attempts = [
        rec(x, "create", 1, None, {"name": "张三"}),  # the same create, from the wrong station
        rec(x, "create", 2, None, {"name": "李四"}),
        rec(x, "update", 2, 1, {"name": "李四"}),  # a correct base version does not make it B's
        rec(x, "update", 99, None, {"name": "李四"}),
        rec(x, "delete", 100, 99),
        rec(x, "delete", 2, 1),
    ]
    for attempt in attempts:  # one per batch, and then all in one batch
        assert receipt_conflicts(b.upload(http, [attempt])) == [(x, "not_owner")]
    assert receipt_conflicts(b.upload(http, attempts)) == [(x, "not_owner")] * len(attempts)
    assert state(platform, x) == before
    with platform.store.sessions() as s:
        assert s.scalars(select(RecordLog.device_id).where(RecordLog.record_id == x)).all() == [a.device_id]
        assert {c.reason for c in s.scalars(select(ConflictRow).where(ConflictRow.record_id == x))} == {"not_owner"}
    # the owner still can; a create for an id that exists is a conflict, never an overwrite
    assert receipt_conflicts(a.upload(http, [rec(x, "create", 1, None, {"name": "王五"})])) == [(x, "exists")]
    assert receipt_conflicts(a.upload(http, [rec(x, "create", 5, None, {"name": "王五"})])) == [(x, "exists")]
    assert state(platform, x) == before
    assert receipt_conflicts(a.upload(http, [rec(x, "update", 2, 1, {"name": "张三丰"})])) == []
    assert state(platform, x)[0] == 2


def test_a_platform_transfer_moves_ownership(platform, http):
    a, b = enroll_raw(platform.central, A), enroll_raw(platform.central, B)
    x = str(uuid.uuid4())
    a.upload(http, [rec(x, "create", 1, None)])
    assert platform.central.transfer_record("person", x, B, reason="moved to B's area") == A
    assert receipt_conflicts(a.upload(http, [rec(x, "update", 2, 1)])) == [(x, "not_owner")]
    assert receipt_conflicts(b.upload(http, [rec(x, "update", 2, 1)])) == []
    assert state(platform, x)[0] == 2 and state(platform, x)[3] == B


def test_a_pushed_task_belongs_to_its_station(platform, http):
    a, b = enroll_raw(platform.central, A), enroll_raw(platform.central, B)
    tid = platform.central.push_task(A, title="核查 5 号楼")
    t = {**rec(tid, "update", 2, 1), "record_type": "task"}
    r = b.upload(http, [t])
    assert [c["reason"] for c in r.json()["body"]["conflicts"]] == ["not_owner"]
    assert a.upload(http, [t]).json()["body"]["conflicts"] == []


def test_a_change_already_applied_is_not_applied_twice(platform, http):
    """A re-enrolled station sends a change the platform already has (its old device's last batch):
    it counts as applied, with no second version in the log and no conflict."""
    a1 = enroll_raw(platform.central, A)
    x = str(uuid.uuid4())
    a1.upload(http, [rec(x, "create", 1, None)])
    a2 = enroll_raw(platform.central, A)
    r = a2.upload(http, [rec(x, "create", 1, None), rec(x, "update", 2, 1)])
    assert r.json()["body"]["conflicts"] == [] and r.json()["body"]["applied"] == 2
    assert [v for _t, rid, v in platform.central.record_versions() if rid == x] == [1, 2]


# ---- 3. timestamps ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("offset", "style"),
    [(timedelta(0), "Z"), (timedelta(0), "+00:00"), (timedelta(hours=8), "+08:00"), (timedelta(hours=-5.5), "-05:30")],
)
def test_signed_request_time_with_any_offset(sqlite_platform, offset, style):
    p = sqlite_platform
    d = enroll_raw(p.central, A)
    ts = datetime.now(UTC).astimezone(timezone(offset)).isoformat()
    assert ts.endswith("+00:00" if style == "Z" else style)
    if style == "Z":
        ts = ts.replace("+00:00", "Z")
    with sc.make_http(p.url, p.ca_pem) as h:
        r = h.get("/v1/downlink", params={"after": 0, "limit": 500}, headers=d.signed_headers(ts=ts))
        assert r.status_code == 200, r.text
        late = (datetime.now(UTC) + timedelta(minutes=30)).astimezone(timezone(offset)).isoformat()
        r = h.get("/v1/downlink", params={"after": 0, "limit": 500}, headers=d.signed_headers(ts=late))
        assert (r.status_code, r.json()["reason"]) == (401, "clock_skew")
        naive = datetime.now(UTC).replace(tzinfo=None).isoformat()
        r = h.get("/v1/downlink", params={"after": 0, "limit": 500}, headers=d.signed_headers(ts=naive))
        assert r.status_code == 422 and r.json()["reason"] == "invalid_request"


def test_receipt_times_carry_their_offset(sqlite_platform):
    d = enroll_raw(sqlite_platform.central, A)
    with sc.make_http(sqlite_platform.url, sqlite_platform.ca_pem) as h:
        body = d.upload(h, [rec(str(uuid.uuid4()), "create", 1, None)]).json()["body"]
    when = env.parse_time(body["server_time"])
    assert abs(when - datetime.now(UTC)) < timedelta(minutes=1)
    for text in ("2026-05-01T08:30:00+08:00", "2026-05-01T00:30:00Z", "2026-05-01T00:30:00.000001+00:00"):
        assert env.parse_time(text).tzinfo == UTC
    assert env.parse_time("2026-05-01T08:30:00+08:00") == env.parse_time("2026-05-01T00:30:00Z")
    for bad in ("2026-05-01T08:30:00", "yesterday", ""):
        with pytest.raises(ValueError):
            env.parse_time(bad)


# ---- 5. invalid text --------------------------------------------------------------------------
def test_every_json_string_field_with_a_lone_surrogate(sqlite_platform):
    """Each string field of every JSON request gets "\\ud800": a clear 4xx whose body is valid JSON."""
    d = enroll_raw(sqlite_platform.central, A)
    good = {"code": "ABCDEFGH2345", "station_code": A, "sign_pub": env.b64e(env.raw_public(d.key.public_key()))}
    with sc.make_http(sqlite_platform.url, sqlite_platform.ca_pem) as h:
        for name in good:
            for bad in ("\ud800", "A\udfffB", good[name][:-1] + "\ud800"):
                body = json.dumps({**good, name: bad})  # ASCII JSON: the surrogate travels as an escape
                r = h.post("/v1/enroll", content=body, headers={"content-type": "application/json"})
                assert r.status_code == 422, (name, r.status_code, r.text)
                assert r.json()["reason"] == "invalid_request" and name in r.json()["errors"][0]["loc"]
            raw = json.dumps({**good, name: "x"}).replace('"x"', '"\\udc80"').encode()
            r = h.post("/v1/enroll", content=raw, headers={"content-type": "application/json"})
            assert r.status_code == 422 and r.json()["reason"] == "invalid_request"
        # invalid UTF-8 in the body and in the query string
        r = h.post("/v1/enroll", content=b'{"code": "\xed\xa0\x80"}', headers={"content-type": "application/json"})
        assert 400 <= r.status_code < 500 and "reason" in r.json()
        r = h.get("/v1/downlink?after=%ED%A0%80&limit=1", headers=d.signed_headers())
        assert 400 <= r.status_code < 500 and "reason" in r.json()


# ---- 7. audit checkpoints ---------------------------------------------------------------------
def test_checkpoints_never_go_back_or_fork(platform, http):
    a = enroll_raw(platform.central, A)
    h999, h1 = "a" * 64, "b" * 64
    assert a.upload(http, [], checkpoint={"seq": 999, "hash": h999}).status_code == 200
    r = a.upload(http, [rec(str(uuid.uuid4()), "create", 1, None)], checkpoint={"seq": 1, "hash": h1})
    assert (r.status_code, r.json()["reason"]) == (409, "checkpoint_behind")
    assert r.json()["checkpoint"] == {"seq": 999, "hash": h999}
    r = a.upload(http, [], checkpoint={"seq": 999, "hash": h1})
    assert (r.status_code, r.json()["reason"]) == (409, "checkpoint_fork")
    assert platform.central.status()["record_versions"] == 0 and platform.central.status()["batches"] == 1
    # the same head again (no audit entries since) and a later one are fine
    assert a.upload(http, [], checkpoint={"seq": 999, "hash": h999}).status_code == 200
    assert a.upload(http, [], checkpoint={"seq": 1000, "hash": h1}).status_code == 200
    # per station, not per device: a new device of the same station cannot go back either
    a2 = enroll_raw(platform.central, A)
    r = a2.upload(http, [], checkpoint={"seq": 5, "hash": h1})
    assert (r.status_code, r.json()["reason"]) == (409, "checkpoint_behind")
    assert platform.central.checkpoint_of(A)["seq"] == 1000
    platform.central.reset_checkpoint(A)  # after the platform's administrators have looked
    assert a2.upload(http, [], checkpoint={"seq": 5, "hash": h1}).status_code == 200


# ---- 8. replay --------------------------------------------------------------------------------
def test_a_signed_request_is_refused_the_second_time_by_any_process(platform, tmp_path):
    """The nonce is remembered in the platform's database: a replay to a second process on the same
    database is refused too (a city's platform behind a load balancer)."""
    d = enroll_raw(platform.central, A)
    store2 = Store(platform.store.url, schema=platform.schema)
    second = ServerThread(create_app(Central(store2, platform.keys)), platform.keys.tls_cert, platform.keys.tls_key)
    second.start()
    try:
        headers = d.signed_headers()
        q = {"after": 0, "limit": 500}
        with sc.make_http(platform.url, platform.ca_pem) as h1, sc.make_http(second.url, platform.ca_pem) as h2:
            assert h1.get("/v1/downlink", params=q, headers=headers).status_code == 200
            for h in (h1, h2):
                r = h.get("/v1/downlink", params=q, headers=headers)
                assert (r.status_code, r.json()["reason"]) == (401, "replayed")
            other = d.signed_headers()
            assert h2.get("/v1/downlink", params=q, headers=other).status_code == 200
            assert h1.get("/v1/downlink", params=q, headers=other).json()["reason"] == "replayed"
            missing = {k: v for k, v in d.signed_headers().items() if k != "x-ws-nonce"}
            assert h1.get("/v1/downlink", params=q, headers=missing).status_code == 422
    finally:
        second.stop()
        store2.close()


def test_the_sync_client_downlink_signs_a_fresh_nonce_each_time(sqlite_platform, station):
    from sync_fixtures import enroll

    enroll(sqlite_platform, station)
    sqlite_platform.central.push_task(A, title="走访")
    c = sc.SyncClient(station.db)
    assert c.downlink() == 1
    assert c.downlink() == 0  # a second signed request, not a replay
    c.close()


# ---- 10. private store ------------------------------------------------------------------------
def test_the_platform_store_is_private_to_its_user(tmp_path):
    from workstation.central.keys import CONFIG, init_keys, load_config

    old = os.umask(0o022)
    try:
        d = tmp_path / "central"
        init_keys(d)
        store = Store(str(load_config(d)["db_url"]))
        with store.sessions.begin() as s:
            s.add(Record(record_type="person", record_id="x", version=1, payload="{}", station_code=A))
        files = [d / "central.sqlite3", d / "central.sqlite3-wal", d / CONFIG, d / "sign.key", d / "enc.key"]
        for f in files:
            assert f.exists() and stat.S_IMODE(f.stat().st_mode) == 0o600, f
        assert stat.S_IMODE(d.stat().st_mode) == 0o700
        store.close()
        loose = tmp_path / "elsewhere" / "c.sqlite3"  # a store URL outside the data folder
        Store(f"sqlite:///{loose}").close()
        assert stat.S_IMODE(loose.stat().st_mode) == 0o600 and stat.S_IMODE(loose.parent.stat().st_mode) == 0o700
    finally:
        os.umask(old)


def test_text_inside_a_signed_batch_that_no_database_can_store(platform, http):
    """Lone surrogates, NUL and out-of-range numbers inside a batch (header or records) are refused
    as malformed (400), never a 500 and never a 503 that the station would retry for ever."""
    a = enroll_raw(platform.central, A)
    x = str(uuid.uuid4())
    bad_records = [
        {**rec(x, "create", 1, None), "record_id": "\ud800"},
        {**rec(x, "create", 1, None), "record_type": "per\udfffson"},
        {**rec(x, "create", 1, None), "payload": '{"name": "\ud800"}'},
        {**rec(x, "create", 1, None), "payload": '{"name": "a\x00b"}'},
        {**rec(x, "create", 1, None), "version": 2**40},
        {**rec(x, "update", 2, None), "base_version": -1},
        {**rec(x, "create", 1, None), "operation": "drop"},
    ]
    for bad in bad_records:
        r = a.upload(http, [bad])
        assert (r.status_code, r.json()["reason"]) == (400, "malformed"), (bad, r.text)
    blob = a.seal([rec(x, "create", 1, None)])
    forged = blob.replace(a.device_id.encode(), b"\\ud800" + a.device_id[6:].encode(), 1)
    r = http.post("/v1/batches", content=forged, headers={"content-type": sc.BATCH_MEDIA_TYPE})
    assert r.status_code == 400 and r.json()["reason"] in ("malformed", "truncated"), r.text
    assert platform.central.status()["record_versions"] == 0


def test_platform_commands_transfer_a_record_and_release_a_checkpoint(sqlite_platform, capsys):
    from workstation.cli import central as central_cli

    p = sqlite_platform
    a = enroll_raw(p.central, A)
    x = str(uuid.uuid4())
    with sc.make_http(p.url, p.ca_pem) as h:
        a.upload(h, [rec(x, "create", 1, None)], checkpoint={"seq": 999, "hash": "a" * 64})
    d = str(p.data_dir)
    assert central_cli.main(["--data-dir", d, "transfer-record", "person", x, B]) != 0  # no such station yet
    assert f"No station {B}" in capsys.readouterr().err and state(p, x)[3] == A
    p.central.enroll_code(B)
    assert central_cli.main(["--data-dir", d, "transfer-record", "person", x, B, "--reason", "moved"]) == 0
    assert f"now belongs to station {B}" in capsys.readouterr().out and state(p, x)[3] == B
    assert central_cli.main(["--data-dir", d, "transfer-record", "person", "no-such-id", B]) != 0
    assert "no person no-such-id" in capsys.readouterr().err
    assert central_cli.main(["--data-dir", d, "release-checkpoint", A]) == 0
    assert "checkpoint 999 forgotten" in capsys.readouterr().out and p.central.checkpoint_of(A) is None
