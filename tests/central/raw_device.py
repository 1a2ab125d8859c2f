"""An enrolled device without a workstation around it: its own key, batches with exactly the records a
test wants (any operation, any version), sealed and signed as a real station's would be."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from workstation.sync import client as sc
from workstation.sync import envelope as env


@dataclass
class RawDevice:
    device_id: str
    station_code: str
    key: Ed25519PrivateKey
    enc_pub: bytes
    key_id: str
    seq: int = 0
    last_hash: str = ""
    checkpoint: dict[str, object] = field(default_factory=lambda: {"seq": 0, "hash": "0" * 64})

    def seal(self, records: list[dict[str, object]], *, checkpoint: dict[str, object] | None = None) -> bytes:
        cp = checkpoint if checkpoint is not None else self.checkpoint
        content = {
            "records": records,
            "checkpoint": cp,
            "checkpoint_sig": env.b64e(self.key.sign(env.canonical(cp))),
            "station_code": self.station_code,
        }
        header = env.Header(
            device=self.device_id,
            batch_id=str(uuid.uuid4()),
            seq=self.seq + 1,
            prev_hash=self.last_hash,
            key_id=self.key_id,
            count=len(records),
        )
        return env.seal(header, env.canonical(content), device_key=self.key, platform_enc_pub=self.enc_pub)

    def upload(self, http: httpx.Client, records: list[dict[str, object]], **kw: object) -> httpx.Response:
        """Seal and post; on 200 the device's chain advances. Returns the response."""
        blob = self.seal(records, **kw)  # type: ignore[arg-type]
        r = http.post("/v1/batches", content=blob, headers={"content-type": sc.BATCH_MEDIA_TYPE})
        if r.status_code == 200:
            self.seq += 1
            self.last_hash = env.sha256_hex(blob)
        return r

    def signed_headers(self, after: int = 0, limit: int = 500, *, ts: str | None = None) -> dict[str, str]:
        ts = ts or datetime.now(UTC).isoformat()
        nonce = env.new_request_nonce()
        sig = self.key.sign(env.signing_message("GET", "/v1/downlink", f"after={after}&limit={limit}", ts, nonce))
        return {"x-ws-device": self.device_id, "x-ws-time": ts, "x-ws-nonce": nonce, "x-ws-sig": env.b64e(sig)}


def enroll_raw(central, station_code: str) -> RawDevice:
    key = Ed25519PrivateKey.generate()
    ans = central.enroll(central.enroll_code(station_code), station_code, env.b64e(env.raw_public(key.public_key())))
    return RawDevice(ans["device_id"], station_code, key, env.b64d(ans["platform_enc_pub"]), ans["key_id"])


def rec(record_id: str, op: str, version: int, base: int | None, payload: dict[str, object] | None = None) -> dict:
    return {
        "seq": version,
        "record_type": "person",
        "record_id": record_id,
        "version": version,
        "base_version": base,
        "operation": op,
        "payload": json.dumps(payload or {"id": record_id, "version": version}),
        "created_at": "2026-05-01T08:30:00+00:00",
    }
