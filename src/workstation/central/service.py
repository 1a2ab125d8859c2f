"""The reference platform's logic, independent of HTTP (the API and the offline import both use it)."""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from workstation.central.keys import PlatformKeys
from workstation.central.store import (
    Batch,
    ConflictRow,
    Device,
    DownlinkItem,
    EnrollCode,
    Record,
    RecordLog,
    Store,
    now,
)
from workstation.sync import envelope as env

ENROLL_CODE_TTL = timedelta(minutes=15)
REQUEST_SKEW = timedelta(minutes=10)


class ServiceError(Exception):
    """A refusal with an HTTP status, a machine reason and a plain-language message."""

    def __init__(self, status: int, reason: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"reason": self.reason, "message": self.message, **self.extra}


@dataclass
class Hooks:
    """Test hooks for fault injection (the reference service only)."""

    fail_before: int = 0  # next N batch uploads answer 503 before doing anything
    fail_after_commit: int = 0  # next N uploads commit, then answer 500


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


class Central:
    def __init__(self, store: Store, keys: PlatformKeys) -> None:
        self.store = store
        self.keys = keys
        self.hooks = Hooks()
        self._ingest_lock = threading.Lock()

    # ---- administration --------------------------------------------------------------------
    def enroll_code(self, station_code: str, *, ttl: timedelta = ENROLL_CODE_TTL) -> str:
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        code = "".join(secrets.choice(alphabet) for _ in range(12))
        with self.store.sessions.begin() as s:
            s.add(EnrollCode(code_hash=_hash_code(code), station_code=station_code, expires_at=now() + ttl))
        return code

    def revoke_device(self, device_id: str) -> None:
        with self.store.sessions.begin() as s:
            d = s.get(Device, device_id)
            if d is None:
                raise ServiceError(404, "unknown_device", f"no device {device_id}")
            d.status = "revoked"
            d.revoked_at = now()

    def push(self, kind: str, key: str, payload: dict[str, Any], station_code: str | None) -> int:
        with self.store.sessions.begin() as s:
            item = DownlinkItem(
                station_code=station_code, kind=kind, key=key, payload=json.dumps(payload, ensure_ascii=False)
            )
            s.add(item)
            s.flush()
            return item.seq

    def push_task(
        self,
        station_code: str,
        *,
        title: str,
        kind: str = "visit",
        details: str | None = None,
        due_date: str | None = None,
        subject_type: str | None = None,
        subject_ref: str | None = None,
    ) -> str:
        task_id = str(uuid.uuid4())
        payload = {
            "id": task_id,
            "platform_id": task_id,
            "kind": kind,
            "title": title,
            "details": details,
            "due_date": due_date,
            "subject_type": subject_type,
            "subject_ref": subject_ref,
            "version": 1,
        }
        with self.store.sessions.begin() as s:
            s.add(
                Record(
                    record_type="task",
                    record_id=task_id,
                    version=1,
                    payload=json.dumps(payload),
                    station_code=station_code,
                )
            )
        self.push("task", task_id, payload, station_code)
        return task_id

    def import_prereg(self, station_code: str, rows: list[dict[str, Any]]) -> int:
        for row in rows:
            pid = str(row.get("id") or uuid.uuid4())
            self.push("prereg", pid, {**row, "id": pid}, station_code)
        return len(rows)

    def edit_record(self, record_type: str, record_id: str, changes: dict[str, Any]) -> int:
        """A platform-side edit (e.g. by a back-office clerk): bumps the platform's version."""
        with self.store.sessions.begin() as s:
            r = s.get(Record, (record_type, record_id))
            if r is None:
                raise ServiceError(404, "unknown_record", f"no {record_type} {record_id}")
            payload = json.loads(r.payload)
            payload.update(changes)
            r.version += 1
            payload["version"] = r.version
            r.payload = json.dumps(payload, ensure_ascii=False, sort_keys=True)
            r.updated_at = now()
            return r.version

    def rotate_key(self) -> str:
        """Rotate the batch-encryption key and announce it to every station by the downlink."""
        from workstation.central.keys import rotate_enc_key

        self.keys = rotate_enc_key(self.keys.data_dir)
        self.push(
            "platform_key",
            self.keys.key_id,
            {"key_id": self.keys.key_id, "platform_enc_pub": env.b64e(self.keys.enc_pub)},
            None,
        )
        return self.keys.key_id

    def status(self) -> dict[str, Any]:
        with self.store.sessions() as s:
            return {
                "key_id": self.keys.key_id,
                "devices": s.scalar(select(func.count()).select_from(Device)),
                "revoked": s.scalar(select(func.count()).select_from(Device).where(Device.status == "revoked")),
                "batches": s.scalar(select(func.count()).select_from(Batch)),
                "records": s.scalar(select(func.count()).select_from(Record)),
                "record_versions": s.scalar(select(func.count()).select_from(RecordLog)),
                "conflicts": s.scalar(select(func.count()).select_from(ConflictRow)),
                "downlink_items": s.scalar(select(func.count()).select_from(DownlinkItem)),
            }

    # ---- enrollment ------------------------------------------------------------------------
    def enroll(self, code: str, station_code: str, sign_pub_b64: str) -> dict[str, Any]:
        try:
            sign_pub = env.b64d(sign_pub_b64)
            Ed25519PublicKey.from_public_bytes(sign_pub)
        except ValueError as exc:
            raise ServiceError(400, "bad_key", "the device signing key is not a valid Ed25519 key") from exc
        with self.store.sessions.begin() as s:
            row = s.get(EnrollCode, _hash_code(code), with_for_update=True)
            if row is None:
                raise ServiceError(403, "bad_code", "this enrollment code is not known")
            if row.used_at is not None:
                raise ServiceError(403, "code_used", "this enrollment code has already been used")
            if row.expires_at < now():
                raise ServiceError(403, "code_expired", "this enrollment code has expired; ask for a new one")
            if row.station_code != station_code:
                raise ServiceError(403, "wrong_station", "this enrollment code was issued for another station")
            device_id = str(uuid.uuid4())
            claimed = s.execute(  # compare-and-set: two racing uses of one code cannot both win
                update(EnrollCode)
                .where(EnrollCode.code_hash == row.code_hash, EnrollCode.used_at.is_(None))
                .values(used_at=now(), device_id=device_id)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                raise ServiceError(403, "code_used", "this enrollment code has already been used")
            s.add(Device(id=device_id, station_code=station_code, sign_pub=sign_pub_b64))
        return {
            "device_id": device_id,
            "station_code": station_code,
            "key_id": self.keys.key_id,
            "platform_enc_pub": env.b64e(self.keys.enc_pub),
            "platform_sign_pub": env.b64e(self.keys.sign_pub),
        }

    # ---- signed requests -------------------------------------------------------------------
    def authenticate(self, device_id: str, timestamp: str, signature: str, message: bytes) -> Device:
        with self.store.sessions() as s:
            d = s.get(Device, device_id)
        if d is None:
            raise ServiceError(403, "unknown_device", "this device is not enrolled")
        if d.status == "revoked":
            raise ServiceError(403, "revoked", "this device has been revoked by the platform")
        try:
            when = datetime.fromisoformat(timestamp)
            if abs(when - now()) > REQUEST_SKEW:
                raise ServiceError(401, "clock_skew", "the request time is too far from the platform's clock")
            Ed25519PublicKey.from_public_bytes(env.b64d(d.sign_pub)).verify(env.b64d(signature), message)
        except (ValueError, InvalidSignature) as exc:
            raise ServiceError(401, "bad_request_signature", "the request signature does not verify") from exc
        return d

    def downlink(self, device: Device, after: int, limit: int) -> dict[str, Any]:
        limit = max(1, min(limit, 1000))
        with self.store.sessions() as s:
            rows = (
                s.execute(
                    select(DownlinkItem)
                    .where(DownlinkItem.seq > after)
                    .where((DownlinkItem.station_code == device.station_code) | (DownlinkItem.station_code.is_(None)))
                    .order_by(DownlinkItem.seq)
                    .limit(limit + 1)
                )
                .scalars()
                .all()
            )
        more = len(rows) > limit
        rows = rows[:limit]
        items = [{"seq": r.seq, "kind": r.kind, "key": r.key, "payload": json.loads(r.payload)} for r in rows]
        return {"items": items, "next": rows[-1].seq if rows else after, "more": more}

    # ---- batches ---------------------------------------------------------------------------
    def ingest(self, envelope: bytes) -> dict[str, Any]:
        """Verify, decrypt and store one sealed batch; returns the signed receipt."""
        if self.hooks.fail_before > 0:
            self.hooks.fail_before -= 1
            raise ServiceError(503, "unavailable", "the platform is temporarily unavailable (injected)")
        try:
            parsed = env.parse(envelope)
        except env.EnvelopeError as exc:
            raise ServiceError(400, exc.reason, exc.message) from exc
        h = parsed.header
        digest = env.sha256_hex(envelope)
        with self._ingest_lock, self.store.sessions.begin() as s:
            d = s.get(Device, h.device, with_for_update=True)
            if d is None:
                raise ServiceError(403, "unknown_device", "this device is not enrolled")
            if d.status == "revoked":
                raise ServiceError(403, "revoked", "this device has been revoked by the platform")
            try:
                env.verify(parsed, env.b64d(d.sign_pub))
            except env.EnvelopeError as exc:
                raise ServiceError(400, exc.reason, exc.message) from exc
            existing = s.execute(
                select(Batch).where(Batch.device_id == d.id, Batch.batch_id == h.batch_id)
            ).scalar_one_or_none()
            if existing is not None:
                if existing.envelope_hash == digest:
                    stored: dict[str, Any] = json.loads(existing.receipt)
                    return stored
                raise ServiceError(409, "batch_id_reused", "this batch id was already received with different content")
            enc_key = self.keys.enc_key_for(h.key_id)
            if enc_key is None:
                raise ServiceError(400, "unknown_key", f"the batch is sealed to platform key {h.key_id}, not ours")
            try:
                plaintext = env.decrypt(parsed, enc_key)
                content = json.loads(plaintext)
                records = content["records"]
                if not isinstance(records, list):
                    raise TypeError
            except env.EnvelopeError as exc:
                raise ServiceError(400, exc.reason, exc.message) from exc
            except (ValueError, KeyError, TypeError) as exc:
                raise ServiceError(400, "malformed", "the batch content is not valid") from exc
            checkpoint = content.get("checkpoint")
            try:  # the audit checkpoint rides along, signed by the device key
                Ed25519PublicKey.from_public_bytes(env.b64d(d.sign_pub)).verify(
                    env.b64d(str(content["checkpoint_sig"])), env.canonical(checkpoint)
                )
            except (KeyError, ValueError, TypeError, InvalidSignature) as exc:
                raise ServiceError(
                    400, "bad_checkpoint", "the audit checkpoint is missing or not signed by the device"
                ) from exc
            if len(records) != h.count:
                raise ServiceError(
                    400, "count_mismatch", "the batch holds a different number of records than its header says"
                )
            if h.seq != d.next_seq:
                raise ServiceError(
                    409, "sequence", f"expected batch sequence {d.next_seq}, got {h.seq}", expected=d.next_seq
                )
            if h.prev_hash != d.last_hash:
                raise ServiceError(
                    409, "chain", "the previous-batch hash does not match the platform's chain", expected=d.next_seq
                )
            applied, conflicts = self._apply(s, d, h.batch_id, records)
            body = {
                "device": d.id,
                "batch_id": h.batch_id,
                "seq": h.seq,
                "envelope_hash": digest,
                "server_time": now().isoformat(),
                "count": h.count,
                "applied": applied,
                "conflicts": conflicts,
                "key_id": self.keys.key_id,
            }
            receipt = env.sign_receipt(body, self.keys.sign_key)
            s.add(
                Batch(
                    device_id=d.id,
                    batch_id=h.batch_id,
                    seq=h.seq,
                    envelope_hash=digest,
                    size=len(envelope),
                    record_count=h.count,
                    receipt=json.dumps(receipt),
                    checkpoint=json.dumps(content.get("checkpoint")),
                )
            )
            d.next_seq = h.seq + 1
            d.last_hash = digest
        if self.hooks.fail_after_commit > 0:
            self.hooks.fail_after_commit -= 1
            raise ServiceError(500, "injected", "internal error after commit (injected)")
        return receipt

    def _apply(
        self, s: Session, d: Device, batch_id: str, records: list[dict[str, Any]]
    ) -> tuple[int, list[dict[str, Any]]]:
        """Upsert by (record id, version) in batch order; stale updates become conflicts. Existing
        rows are loaded in one query and new rows written with Core executemany (bulk path)."""
        parsed: list[tuple[str, str, int, int | None, str, str]] = []
        for rec in records:
            try:
                base = rec.get("base_version")
                parsed.append(
                    (
                        str(rec["record_type"]),
                        str(rec["record_id"]),
                        int(rec["version"]),
                        None if base is None else int(base),
                        str(rec["operation"]),
                        str(rec["payload"]),
                    )
                )
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise ServiceError(400, "malformed", "a record in the batch lacks required fields") from exc
        current: dict[tuple[str, str], Record] = {}
        by_type: dict[str, set[str]] = {}
        for rtype, rid, *_ in parsed:
            by_type.setdefault(rtype, set()).add(rid)
        for rtype, ids in by_type.items():
            id_list = sorted(ids)
            for i in range(0, len(id_list), 500):
                for r in s.execute(
                    select(Record).where(Record.record_type == rtype, Record.record_id.in_(id_list[i : i + 500]))
                ).scalars():
                    current[(r.record_type, r.record_id)] = r
        applied = 0
        conflicts: list[dict[str, Any]] = []
        new_rows: dict[tuple[str, str], dict[str, Any]] = {}
        log: list[dict[str, Any]] = []
        at = now()
        for rtype, rid, version, base, op, payload in parsed:
            k = (rtype, rid)
            cur = current.get(k)
            cur_version = cur.version if cur is not None else (new_rows[k]["version"] if k in new_rows else None)
            if cur_version is not None and op != "create" and base is not None and cur_version != base:
                conflicts.append(
                    {
                        "record_type": rtype,
                        "record_id": rid,
                        "version": version,
                        "base_version": base,
                        "platform_version": cur_version,
                    }
                )
                s.add(
                    ConflictRow(
                        device_id=d.id,
                        batch_id=batch_id,
                        record_type=rtype,
                        record_id=rid,
                        base_version=base,
                        incoming_version=version,
                        platform_version=cur_version,
                        payload=payload,
                    )
                )
                continue
            if cur is None:
                new_rows[k] = {
                    "record_type": rtype,
                    "record_id": rid,
                    "version": version,
                    "payload": payload,
                    "deleted": op == "delete",
                    "device_id": d.id,
                    "station_code": d.station_code,
                    "updated_at": at,
                }
            else:
                cur.version = version
                cur.payload = payload
                cur.deleted = op == "delete"
                cur.device_id = d.id
                cur.updated_at = at
            log.append(
                {
                    "device_id": d.id,
                    "batch_id": batch_id,
                    "record_type": rtype,
                    "record_id": rid,
                    "version": version,
                    "operation": op,
                    "applied_at": at,
                }
            )
            applied += 1
        if new_rows:
            s.execute(insert(Record), list(new_rows.values()))
        if log:
            s.execute(insert(RecordLog), log)
        return applied, conflicts

    def record_versions(self) -> list[tuple[str, str, int]]:
        """Every applied (record_type, record_id, version), duplicates included (for checks)."""
        with self.store.sessions() as s:
            return [
                (a, b, c)
                for a, b, c in s.execute(
                    select(RecordLog.record_type, RecordLog.record_id, RecordLog.version).order_by(RecordLog.id)
                ).all()
            ]


def import_folder(central: Central, folder: Any) -> tuple[int, list[str]]:
    """Offline transfer: ingest every ``*.wsb`` in sequence order, writing a receipt beside each.
    Returns (receipts written, plain-language errors)."""
    from pathlib import Path

    written = 0
    errors: list[str] = []
    for p in sorted(Path(folder).glob("*.wsb")):
        try:
            receipt = central.ingest(p.read_bytes())
        except ServiceError as exc:
            errors.append(f"{p.name}: {exc.message}")
            continue
        p.with_name(p.name[: -len(".wsb")] + ".receipt.json").write_text(json.dumps(receipt))
        written += 1
    return written, errors
