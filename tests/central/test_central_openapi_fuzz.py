"""Schemathesis over the service's own OpenAPI document: whatever it sends, no 500s."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from workstation.central.app import create_app
from workstation.central.keys import init_keys
from workstation.central.service import Central
from workstation.central.store import Store

_dir = Path(tempfile.mkdtemp(prefix="ws-fuzz-"))
atexit.register(shutil.rmtree, _dir, True)
_keys = init_keys(_dir)
_store = Store(f"sqlite:///{_dir / 'central.sqlite3'}")
_central = Central(_store, _keys)
_central.enroll_code("440305001")
app = create_app(_central)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call()
    assert response.status_code < 500, (response.status_code, response.text)


def test_openapi_is_published():
    doc = app.openapi()
    assert {"/v1/enroll", "/v1/batches", "/v1/downlink", "/v1/health"} <= set(doc["paths"])
    assert "application/octet-stream" in doc["paths"]["/v1/batches"]["post"]["requestBody"]["content"]
