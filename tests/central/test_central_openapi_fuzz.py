"""Schemathesis over the service's own OpenAPI document with every check it has (no 500s, status codes
and bodies as documented, schema-valid requests accepted and schema-invalid ones refused, ...).

The signed route gets an enrolled device's real signed headers for schema-valid requests, and the
sealed-batch media type gets real sealed batches from that device (records drawn by Hypothesis), so
the fuzzer reaches past the signature checks. Example counts are CI-sized."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path

import schemathesis
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import CHECKS, load_all_checks

from workstation.central.app import BATCH_MEDIA_TYPE, create_app
from workstation.central.keys import init_keys
from workstation.central.service import Central
from workstation.central.store import Store
from workstation.sync import envelope as env

STATION = "440305001"
_dir = Path(tempfile.mkdtemp(prefix="ws-fuzz-"))
atexit.register(shutil.rmtree, _dir, True)
_keys = init_keys(_dir)
_store = Store(f"sqlite:///{_dir / 'central.sqlite3'}")
_central = Central(_store, _keys)
_central.enroll_code(STATION)
_device_key = Ed25519PrivateKey.generate()
_device = _central.enroll(_central.enroll_code(STATION), STATION, env.b64e(env.raw_public(_device_key.public_key())))[
    "device_id"
]
_central.push_task(STATION, title="走访 3 号楼")
app = create_app(_central)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
load_all_checks()
ALL_CHECKS = CHECKS.get_all()
CP0 = {"seq": 0, "hash": "0" * 64}

_records = st.lists(
    st.fixed_dictionaries(
        {
            "seq": st.integers(1, 10**6),
            "record_type": st.sampled_from(["person", "property", "tenancy"]),
            "record_id": st.uuids().map(str),
            "version": st.integers(1, 50),
            "base_version": st.none() | st.integers(1, 50),
            "operation": st.sampled_from(["create", "update", "delete"]),
            "payload": st.text(max_size=40).map(lambda t: env.canonical({"name": t}).decode()),
            "created_at": st.just("2026-05-01T08:30:00+00:00"),
        }
    ),
    max_size=4,
)


@st.composite
def _sealed_batches(draw: st.DrawFn) -> bytes:
    """A real sealed batch from the enrolled device: sequence 1 is accepted once, later ones are
    answered 409 (sequence), both documented answers to a valid request."""
    records = draw(_records)
    seq = draw(st.integers(1, 3))
    content = {"records": records, "checkpoint": CP0, "checkpoint_sig": env.b64e(_device_key.sign(env.canonical(CP0)))}
    header = env.Header(
        device=_device, batch_id=str(uuid.uuid4()), seq=seq, prev_hash="", key_id=_keys.key_id, count=len(records)
    )
    return env.seal(header, env.canonical(content), device_key=_device_key, platform_enc_pub=_keys.enc_pub)


schemathesis.openapi.media_type(BATCH_MEDIA_TYPE, _sealed_batches())


def _sign(case, path: str = "/v1/downlink", query: str | None = None) -> None:
    """Replace a schema-valid signed request's headers by the enrolled device's signed ones."""
    if query is None:
        after = (case.query or {}).get("after", 0)
        limit = (case.query or {}).get("limit", 500)
        query = f"after={after}&limit={limit}"
    ts = env.utc_iso(datetime.now(UTC))
    nonce = env.new_request_nonce()
    sig = _device_key.sign(env.signing_message("GET", path, query, ts, nonce))
    case.headers = {
        **(case.headers or {}),
        "x-ws-device": _device,
        "x-ws-time": ts,
        "x-ws-nonce": nonce,
        "x-ws-sig": env.b64e(sig),
    }


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_with_all_checks(case):
    if case.path == "/v1/downlink" and case.meta is not None and case.meta.generation.mode.is_positive:
        if isinstance(case.query, dict) and all(isinstance(v, int) for v in case.query.values()):
            _sign(case)
    if case.path.startswith("/v1/records/") and case.meta is not None and case.meta.generation.mode.is_positive:
        params = case.path_parameters or {}
        _sign(case, f"/v1/records/{params.get('record_type')}/{params.get('record_id')}", "")
    case.call_and_validate(checks=ALL_CHECKS)


def test_openapi_is_published():
    doc = app.openapi()
    assert {"/v1/enroll", "/v1/batches", "/v1/downlink", "/v1/health"} <= set(doc["paths"])
    assert "/v1/records/{record_type}/{record_id}" in doc["paths"]
    assert BATCH_MEDIA_TYPE in doc["paths"]["/v1/batches"]["post"]["requestBody"]["content"]


def test_schema_carries_the_real_rules():
    """Keys: base64 of exactly 32 bytes; times: date-time; signature and nonce: exact shapes."""
    doc = app.openapi()
    enroll = doc["components"]["schemas"]["EnrollRequest"]["properties"]
    assert enroll["sign_pub"]["pattern"] and enroll["sign_pub"]["minLength"] == enroll["sign_pub"]["maxLength"] == 44
    params = {p["name"]: p["schema"] for p in doc["paths"]["/v1/downlink"]["get"]["parameters"]}
    assert params["x-ws-time"]["format"] == "date-time"
    assert params["x-ws-nonce"]["pattern"] and params["x-ws-sig"]["pattern"]
