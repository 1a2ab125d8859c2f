"""Envelope attacks and upload semantics against the service over real HTTPS on loopback.
Each forged or damaged batch is refused for the right reason, and nothing is stored."""

from __future__ import annotations

import json
import struct

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sync_fixtures import STATION, add_properties, enroll, services

from workstation.sync import client as sc
from workstation.sync import envelope as env
from workstation.sync.models import SyncBatch, SyncDevice


@pytest.fixture
def setup(sqlite_platform, station):
    p = sqlite_platform
    enroll(p, station)
    svc = services(station)
    add_properties(svc, 6)
    c = sc.SyncClient(station.db, max_records=2)
    c.build_batches()
    c.seal_batches()
    with station.db.read() as s:
        batches = s.execute(select(SyncBatch).order_by(SyncBatch.seq)).scalars().all()
        dev = s.get(SyncDevice, 1)
    key = Ed25519PrivateKey.from_private_bytes(sc._unwrap(station.db, dev.sign_priv_wrapped))
    http = sc.make_http(p.url, p.ca_pem)
    yield p, c, [b.envelope for b in batches], dev, key, http
    http.close()
    c.close()


CP0 = {"seq": 0, "hash": "0" * 64}  # an audit checkpoint of an empty trail


def post(http, blob):
    return http.post("/v1/batches", content=blob, headers={"content-type": sc.BATCH_MEDIA_TYPE})


def split(blob):
    parsed = env.parse(blob)
    return json.loads(parsed.header_bytes), parsed.ciphertext, parsed.signature


def assemble(header: dict, ct: bytes, sig: bytes | None = None, key: Ed25519PrivateKey | None = None) -> bytes:
    hb = env.canonical(header)
    signed = env.MAGIC + struct.pack(">I", len(hb)) + hb + struct.pack(">I", len(ct)) + ct
    if key is not None:
        sig = key.sign(signed)
    assert sig is not None
    return signed + sig


def nothing_stored(p, batches=0, records=0):
    st = p.central.status()
    assert (st["batches"], st["record_versions"]) == (batches, records)


def refused(resp, status, reason):
    assert resp.status_code == status, resp.text
    assert resp.json()["reason"] == reason
    assert resp.json()["message"]


def flip(blob: bytes, pos: int) -> bytes:
    b = bytearray(blob)
    b[pos] ^= 0x01
    return bytes(b)


def test_bit_flip_in_header_ciphertext_and_signature(setup):
    p, _c, blobs, *_rest, http = setup
    blob = blobs[0]
    hb = env.parse(blob).header_bytes
    in_header = 8 + hb.index(b'"batch_id":"') + len(b'"batch_id":"')
    refused(post(http, flip(blob, in_header)), 400, "bad_signature")
    refused(post(http, flip(blob, 8 + len(hb) + 4 + 5)), 400, "bad_signature")  # ciphertext
    refused(post(http, flip(blob, len(blob) - 3)), 400, "bad_signature")  # signature
    refused(post(http, flip(blob, 8 + hb.index(b"{"))), 400, "malformed")  # header no longer JSON
    nothing_stored(p)
    assert post(http, blob).status_code == 200  # the genuine batch still goes through


def test_header_swapped_between_batches(setup):
    p, _c, blobs, *_rest, http = setup
    h2, _ct2, _ = split(blobs[1])
    _h1, ct1, sig1 = split(blobs[0])
    refused(post(http, assemble(h2, ct1, sig1)), 400, "bad_signature")
    nothing_stored(p)


def test_header_swapped_and_resigned_fails_decryption(setup):
    """Even with a valid device signature, a header that is not the one the content was sealed
    under fails AES-GCM (the header is the associated data)."""
    p, _c, blobs, _dev, key, http = setup
    h2, _ct2, _ = split(blobs[1])
    _h1, ct1, _ = split(blobs[0])
    h2 = {**h2, "seq": 1, "prev_hash": ""}
    refused(post(http, assemble(h2, ct1, key=key)), 400, "decrypt_failed")
    nothing_stored(p)


def test_device_relabelled(setup, tmp_path):
    p, _c, blobs, *_rest, http = setup
    other = p.central.enroll(
        p.central.enroll_code(STATION), STATION, env.b64e(env.raw_public(Ed25519PrivateKey.generate().public_key()))
    )
    h, ct, sig = split(blobs[0])
    refused(post(http, assemble({**h, "device": other["device_id"]}, ct, sig)), 400, "bad_signature")
    refused(
        post(http, assemble({**h, "device": "00000000-0000-0000-0000-000000000000"}, ct, sig)), 403, "unknown_device"
    )
    nothing_stored(p)


def test_replay_of_acknowledged_batch(setup):
    p, _c, blobs, *_rest, http = setup
    first = post(http, blobs[0])
    assert first.status_code == 200
    nothing_stored(p, 1, 2)
    again = post(http, blobs[0])
    assert again.status_code == 200 and again.json() == first.json()
    nothing_stored(p, 1, 2)


def test_old_sequence_with_new_content_and_reused_batch_id(setup):
    p, _c, blobs, dev, key, http = setup
    assert post(http, blobs[0]).status_code == 200
    h, *_ = split(blobs[0])
    content = env.canonical(
        {"records": [], "checkpoint": CP0, "checkpoint_sig": env.b64e(key.sign(env.canonical(CP0)))}
    )
    newer = env.seal(
        env.Header(device=dev.device_id, batch_id="b-new", seq=1, prev_hash="", key_id=dev.key_id, count=0),
        content,
        device_key=key,
        platform_enc_pub=env.b64d(dev.platform_enc_pub),
    )
    r = post(http, newer)
    refused(r, 409, "sequence")
    assert r.json()["expected"] == 2
    same_id = env.seal(
        env.Header(device=dev.device_id, batch_id=h["batch_id"], seq=1, prev_hash="", key_id=dev.key_id, count=0),
        content,
        device_key=key,
        platform_enc_pub=env.b64d(dev.platform_enc_pub),
    )
    refused(post(http, same_id), 409, "batch_id_reused")
    nothing_stored(p, 1, 2)


def test_sequence_gap_names_expected(setup):
    p, _c, blobs, *_rest, http = setup
    r = post(http, blobs[2])
    refused(r, 409, "sequence")
    assert r.json()["expected"] == 1
    nothing_stored(p)


def test_sealed_to_wrong_platform_key(setup):
    p, _c, _blobs, dev, key, http = setup
    wrong = X25519PrivateKey.generate()
    wrong_pub = env.raw_public(wrong.public_key())
    content = env.canonical(
        {"records": [], "checkpoint": CP0, "checkpoint_sig": env.b64e(key.sign(env.canonical(CP0)))}
    )
    hdr = env.Header(device=dev.device_id, batch_id="x", seq=1, prev_hash="", key_id=env.key_id_of(wrong_pub), count=0)
    refused(post(http, env.seal(hdr, content, device_key=key, platform_enc_pub=wrong_pub)), 400, "unknown_key")
    hdr = env.Header(device=dev.device_id, batch_id="y", seq=1, prev_hash="", key_id=dev.key_id, count=0)
    refused(post(http, env.seal(hdr, content, device_key=key, platform_enc_pub=wrong_pub)), 400, "decrypt_failed")
    nothing_stored(p)


def test_truncated_body(setup):
    p, _c, blobs, *_rest, http = setup
    for cut in (len(blobs[0]) - 1, len(blobs[0]) // 2, 20, 3):
        r = post(http, blobs[0][:cut])
        assert r.status_code == 400 and r.json()["reason"] in ("truncated", "malformed")
    refused(post(http, blobs[0][:-1]), 400, "truncated")
    nothing_stored(p)


def test_revoked_device_is_refused(setup):
    p, c, _blobs, dev, *_rest = setup
    p.central.revoke_device(dev.device_id)
    res = c.send()
    assert res.acknowledged == 0 and "refused" in res.error
    assert sc.status(c.db).device_status == "revoked"
    with pytest.raises(sc.SyncError):
        c.send()
    nothing_stored(p)


def test_signature_by_attacker_key_for_real_device(setup):
    p, _c, blobs, *_rest, http = setup
    h, ct, _ = split(blobs[0])
    refused(post(http, assemble(h, ct, key=Ed25519PrivateKey.generate())), 400, "bad_signature")
    nothing_stored(p)


def test_enrollment_code_is_one_time_short_lived_and_bound(sqlite_platform, station):
    from datetime import timedelta

    p = sqlite_platform
    pub = env.b64e(env.raw_public(Ed25519PrivateKey.generate().public_key()))
    with httpx.Client(base_url=p.url, verify=sc.ssl_context(p.ca_pem)) as http:
        code = p.central.enroll_code(STATION)
        r = http.post("/v1/enroll", json={"code": code, "station_code": "999", "sign_pub": pub})
        refused(r, 403, "wrong_station")
        assert http.post("/v1/enroll", json={"code": code, "station_code": STATION, "sign_pub": pub}).status_code == 200
        refused(
            http.post("/v1/enroll", json={"code": code, "station_code": STATION, "sign_pub": pub}), 403, "code_used"
        )
        expired = p.central.enroll_code(STATION, ttl=timedelta(seconds=-1))
        refused(
            http.post("/v1/enroll", json={"code": expired, "station_code": STATION, "sign_pub": pub}),
            403,
            "code_expired",
        )
        refused(
            http.post("/v1/enroll", json={"code": "NOPE2345ABCD", "station_code": STATION, "sign_pub": pub}),
            403,
            "bad_code",
        )


def test_tls_is_pinned_to_the_platform_ca(sqlite_platform, station, tmp_path):
    from cryptography.hazmat.primitives import serialization

    from workstation.central.keys import make_ca

    _k, other_ca = make_ca("someone else")
    other_pem = other_ca.public_bytes(serialization.Encoding.PEM).decode()
    code = sqlite_platform.central.enroll_code(STATION)
    with pytest.raises(sc.SyncError, match="certificate"):
        sc.enroll(station.db, sqlite_platform.url, code, STATION, other_pem, actor=station.admin)
    with pytest.raises(sc.SyncError, match="fingerprint"):
        sc.enroll(
            station.db,
            sqlite_platform.url,
            code,
            STATION,
            sqlite_platform.ca_pem,
            actor=station.admin,
            ca_fingerprint="00" * 32,
        )
    from workstation.central.keys import ca_fingerprint

    fp = ca_fingerprint(sqlite_platform.keys.ca_pem)
    assert sc.enroll(
        station.db, sqlite_platform.url, code, STATION, sqlite_platform.ca_pem, actor=station.admin, ca_fingerprint=fp
    )


def test_unsigned_audit_checkpoint_is_refused(setup):
    p, _c, _blobs, dev, key, http = setup
    for cp_sig in (None, env.b64e(Ed25519PrivateKey.generate().sign(b"{}"))):
        content = {"records": [], "checkpoint": {}}
        if cp_sig:
            content["checkpoint_sig"] = cp_sig
        hdr = env.Header(device=dev.device_id, batch_id="z", seq=1, prev_hash="", key_id=dev.key_id, count=0)
        blob = env.seal(hdr, env.canonical(content), device_key=key, platform_enc_pub=env.b64d(dev.platform_enc_pub))
        refused(post(http, blob), 400, "bad_checkpoint")
    nothing_stored(p)


def test_one_code_used_concurrently_enrolls_once(sqlite_platform):
    import threading

    p = sqlite_platform
    code = p.central.enroll_code(STATION)
    answers = []

    def go():
        pub = env.b64e(env.raw_public(Ed25519PrivateKey.generate().public_key()))
        with httpx.Client(base_url=p.url, verify=sc.ssl_context(p.ca_pem)) as http:
            answers.append(http.post("/v1/enroll", json={"code": code, "station_code": STATION, "sign_pub": pub}))

    threads = [threading.Thread(target=go) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(a.status_code for a in answers) == [200] + [403] * 5
    assert p.central.status()["devices"] == 1


def test_revoked_device_downlink_marks_revoked(setup):
    p, c, _blobs, dev, *_rest = setup
    p.central.revoke_device(dev.device_id)
    with pytest.raises(sc.SyncError, match="revoked"):
        c.downlink()
    assert sc.status(c.db).device_status == "revoked"
