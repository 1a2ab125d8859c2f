"""The reference platform's logic, independent of HTTP (the API and the offline import both use it)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import secrets
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
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
    RecordTransfer,
    RequestNonce,
    StationCheckpoint,
    Store,
    now,
)
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage.outbox import content_hash
from workstation.sync import envelope as env

# refusals an operator of the platform's console command meets (marked; the HTTP body carries the English)
NO_DEVICE = QT_TRANSLATE_NOOP("platform", "no device {device}")
NO_RECORD = QT_TRANSLATE_NOOP("platform", "no {kind} {record}")

ENROLL_CODE_TTL = timedelta(minutes=15)
REQUEST_SKEW = timedelta(minutes=10)
NONCE_RE = re.compile(r"^[0-9a-f]{32}$")
HASH_RE = re.compile(r"^[0-9a-f]{64}$")


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
    return hashlib.sha256(code.strip().upper().encode("utf-8", "surrogatepass")).hexdigest()


class Central:
    def __init__(self, store: Store, keys: PlatformKeys) -> None:
        self.store = store
        self.keys = keys
        self.hooks = Hooks()
        # SQLite has no row locks: one ingest at a time per process. PostgreSQL serialises uploads of
        # one device by locking its row (SELECT ... FOR UPDATE), across every process.
        self._ingest_lock: contextlib.AbstractContextManager[Any] = (
            threading.Lock() if store.url.startswith("sqlite") else contextlib.nullcontext()
        )
        self._nonce_checks = 0

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
                raise ServiceError(404, "unknown_device", NO_DEVICE.format(device=device_id))
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
                raise ServiceError(404, "unknown_record", NO_RECORD.format(kind=record_type, record=record_id))
            payload = json.loads(r.payload)
            payload.update(changes)
            r.version += 1
            payload["version"] = r.version
            r.payload = json.dumps(payload, ensure_ascii=False, sort_keys=True)
            r.updated_at = now()
            return r.version

    def delete_record(self, record_type: str, record_id: str) -> int:
        """A platform-side deletion (e.g. a back-office clerk removing a duplicate): the record stays as a
        tombstone (``deleted``) at a new version, like a station's delete. Returns that version; raises
        ServiceError(404) for an unknown record."""
        with self.store.sessions.begin() as s:
            r = s.get(Record, (record_type, record_id))
            if r is None:
                raise ServiceError(404, "unknown_record", NO_RECORD.format(kind=record_type, record=record_id))
            payload = json.loads(r.payload)
            r.version += 1
            payload["version"] = r.version
            r.payload = json.dumps(payload, ensure_ascii=False, sort_keys=True)
            r.deleted = True
            r.updated_at = now()
            return r.version

    def transfer_record(self, record_type: str, record_id: str, to_station: str, *, reason: str = "") -> str | None:
        """Hand a record to another station (e.g. a resident moved to another police room's area).
        From now on only `to_station`'s devices may change it. Returns the previous owner; raises
        ServiceError(404) for an unknown record. Kept in ``record_transfer``."""
        with self.store.sessions.begin() as s:
            r = s.get(Record, (record_type, record_id), with_for_update=True)
            if r is None:
                raise ServiceError(404, "unknown_record", NO_RECORD.format(kind=record_type, record=record_id))
            previous = r.station_code
            r.station_code = to_station
            r.updated_at = now()
            s.add(
                RecordTransfer(
                    record_type=record_type,
                    record_id=record_id,
                    from_station=previous,
                    to_station=to_station,
                    reason=reason,
                )
            )
            return previous

    def checkpoint_of(self, station_code: str) -> dict[str, Any] | None:
        """The highest audit checkpoint a station has sent: {seq, hash, device_id, batch_id}, or None."""
        with self.store.sessions() as s:
            row = s.get(StationCheckpoint, station_code)
            if row is None:
                return None
            return {"seq": row.seq, "hash": row.hash, "device_id": row.device_id, "batch_id": row.batch_id}

    def reset_checkpoint(self, station_code: str) -> None:
        """Forget a station's checkpoint, after the platform's administrators have examined why its audit
        trail went back (e.g. a station restored from a backup or reinstalled). Its next batch sets it."""
        with self.store.sessions.begin() as s:
            s.execute(delete(StationCheckpoint).where(StationCheckpoint.station_code == station_code))

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
            raise ServiceError(
                400, "bad_key", QT_TRANSLATE_NOOP("platform", "the device signing key is not a valid Ed25519 key")
            ) from exc
        with self.store.sessions.begin() as s:
            row = s.get(EnrollCode, _hash_code(code), with_for_update=True)
            if row is None:
                raise ServiceError(403, "bad_code", QT_TRANSLATE_NOOP("platform", "this enrollment code is not known"))
            if row.used_at is not None:
                raise ServiceError(
                    403, "code_used", QT_TRANSLATE_NOOP("platform", "this enrollment code has already been used")
                )
            if row.expires_at < now():
                raise ServiceError(
                    403, "code_expired",
                    QT_TRANSLATE_NOOP("platform", "this enrollment code has expired; ask for a new one"),
                )
            if row.station_code != station_code:
                raise ServiceError(
                    403, "wrong_station",
                    QT_TRANSLATE_NOOP("platform", "this enrollment code was issued for another station"),
                )
            device_id = str(uuid.uuid4())
            claimed = s.execute(  # compare-and-set: two racing uses of one code cannot both win
                update(EnrollCode)
                .where(EnrollCode.code_hash == row.code_hash, EnrollCode.used_at.is_(None))
                .values(used_at=now(), device_id=device_id)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                raise ServiceError(
                    403, "code_used", QT_TRANSLATE_NOOP("platform", "this enrollment code has already been used")
                )
            s.add(Device(id=device_id, station_code=station_code, sign_pub=sign_pub_b64))
        return {
            "device_id": device_id,
            "station_code": station_code,
            "key_id": self.keys.key_id,
            "platform_enc_pub": env.b64e(self.keys.enc_pub),
            "platform_sign_pub": env.b64e(self.keys.sign_pub),
        }

    # ---- signed requests -------------------------------------------------------------------
    def authenticate(self, device_id: str, timestamp: str, nonce: str, signature: str, message: bytes) -> Device:
        """Check a signed request: known, active device; `timestamp` with a UTC offset within
        ±REQUEST_SKEW of the platform clock; Ed25519 signature over `message`; `nonce` not seen from
        this device within the window (kept in the database, so it holds across processes).
        Returns the device; raises ServiceError 403 (unknown_device, revoked) or 401 (bad_time,
        clock_skew, bad_request_signature, replayed)."""
        with self.store.sessions() as s:
            d = s.get(Device, device_id)
        if d is None:
            raise ServiceError(403, "unknown_device", QT_TRANSLATE_NOOP("platform", "this device is not enrolled"))
        if d.status == "revoked":
            raise ServiceError(
                403, "revoked", QT_TRANSLATE_NOOP("platform", "this device has been revoked by the platform")
            )
        try:
            when = env.parse_time(timestamp)
        except ValueError as exc:
            raise ServiceError(
                401, "bad_time",
                QT_TRANSLATE_NOOP("platform", "the request time is not an ISO 8601 time with a UTC offset"),
            ) from exc
        current = now().replace(tzinfo=UTC)
        if abs(when - current) > REQUEST_SKEW:
            raise ServiceError(
                401, "clock_skew",
                QT_TRANSLATE_NOOP("platform", "the request time is too far from the platform's clock"),
            )
        if not NONCE_RE.match(nonce):
            raise ServiceError(
                401, "bad_nonce", QT_TRANSLATE_NOOP("platform", "the request nonce must be 32 lowercase hex digits")
            )
        try:
            Ed25519PublicKey.from_public_bytes(env.b64d(d.sign_pub)).verify(env.b64d(signature), message)
        except (ValueError, InvalidSignature) as exc:
            raise ServiceError(
                401, "bad_request_signature", QT_TRANSLATE_NOOP("platform", "the request signature does not verify")
            ) from exc
        self._remember_nonce(d.id, nonce, when.replace(tzinfo=None) + REQUEST_SKEW)
        return d

    def _remember_nonce(self, device_id: str, nonce: str, expires_at: Any) -> None:
        """Insert (device, nonce); a second use inside the window violates the primary key → 401."""
        self._nonce_checks += 1
        try:
            with self.store.sessions.begin() as s:
                if self._nonce_checks % 200 == 1:  # forget nonces whose window has passed
                    s.execute(delete(RequestNonce).where(RequestNonce.expires_at < now()))
                s.add(RequestNonce(device_id=device_id, nonce=nonce, expires_at=expires_at))
        except IntegrityError as exc:
            raise ServiceError(
                401, "replayed", QT_TRANSLATE_NOOP("platform", "this signed request was already received (replay)")
            ) from exc

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

    def record_copy(self, device: Device, record_type: str, record_id: str) -> dict[str, Any]:
        """The platform's current copy of one record, for a device of the station that owns it (a
        station deciding a conflict compares it with its own). Returns ``{record_type, record_id,
        version, deleted, payload (the record's fields), updated_at}``.

        Raises ServiceError 404 ``unknown_record`` (the platform holds no such record) or 403
        ``not_owner`` (another station's or the platform's own record: never shown to this one)."""
        with self.store.sessions() as s:
            r = s.get(Record, (record_type, record_id))
            if r is None:
                raise ServiceError(
                    404, "unknown_record", QT_TRANSLATE_NOOP("platform", "the platform holds no such record")
                )
            if r.station_code != device.station_code:
                raise ServiceError(
                    403, "not_owner",
                    QT_TRANSLATE_NOOP(
                        "platform", "this record belongs to another station; its copy is not shown to this one"
                    ),
                )
            try:
                payload = json.loads(r.payload)
            except ValueError:
                payload = {}
            return {
                "record_type": r.record_type,
                "record_id": r.record_id,
                "version": r.version,
                "deleted": bool(r.deleted),
                "payload": payload if isinstance(payload, dict) else {},
                "updated_at": env.utc_iso(r.updated_at),
            }

    # ---- batches ---------------------------------------------------------------------------
    def ingest(self, envelope: bytes) -> dict[str, Any]:
        """Verify, decrypt and store one sealed batch; returns the signed receipt. Refusals raise
        ServiceError in the order PROTOCOL.md gives; nothing is stored on any refusal. A database
        conflict with a concurrent upload (lock timeout, deadlock, a racing insert) answers 503 so that
        the station sends the identical bytes again."""
        try:
            return self._ingest(envelope)
        except DBAPIError as exc:
            raise ServiceError(
                503, "busy",
                QT_TRANSLATE_NOOP("platform", "the platform was busy with a concurrent upload; send the batch again"),
            ) from exc

    def _ingest(self, envelope: bytes) -> dict[str, Any]:
        if self.hooks.fail_before > 0:
            self.hooks.fail_before -= 1
            raise ServiceError(
                503, "unavailable", QT_TRANSLATE_NOOP("platform", "the platform is temporarily unavailable (injected)")
            )
        try:
            parsed = env.parse(envelope)
        except env.EnvelopeError as exc:
            raise ServiceError(400, exc.reason, exc.message) from exc
        h = parsed.header
        digest = env.sha256_hex(envelope)
        with self._ingest_lock, self.store.sessions.begin() as s:
            d = s.get(Device, h.device, with_for_update=True)
            if d is None:
                raise ServiceError(403, "unknown_device", QT_TRANSLATE_NOOP("platform", "this device is not enrolled"))
            if d.status == "revoked":
                raise ServiceError(
                    403, "revoked", QT_TRANSLATE_NOOP("platform", "this device has been revoked by the platform")
                )
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
                raise ServiceError(
                    409, "batch_id_reused",
                    QT_TRANSLATE_NOOP("platform", "this batch id was already received with different content"),
                )
            enc_key = self.keys.enc_key_for(h.key_id)
            if enc_key is None:
                raise ServiceError(400, "unknown_key", QT_TRANSLATE_NOOP(
                    "platform", "the batch is sealed to platform key {key}, not ours").format(key=h.key_id))
            try:
                plaintext = env.decrypt(parsed, enc_key)
                content = json.loads(plaintext)
                records = content["records"]
                if not isinstance(records, list):
                    raise TypeError
            except env.EnvelopeError as exc:
                raise ServiceError(400, exc.reason, exc.message) from exc
            except (ValueError, KeyError, TypeError) as exc:
                raise ServiceError(
                    400, "malformed", QT_TRANSLATE_NOOP("platform", "the batch content is not valid")
                ) from exc
            checkpoint = content.get("checkpoint")
            try:  # the audit checkpoint rides along, signed by the device key
                Ed25519PublicKey.from_public_bytes(env.b64d(d.sign_pub)).verify(
                    env.b64d(str(content["checkpoint_sig"])), env.canonical(checkpoint)
                )
                cp_seq, cp_hash = _checkpoint_fields(checkpoint)
            except (KeyError, ValueError, TypeError, InvalidSignature) as exc:
                raise ServiceError(
                    400, "bad_checkpoint",
                    QT_TRANSLATE_NOOP("platform", "the audit checkpoint is missing or not signed by the device"),
                ) from exc
            if len(records) != h.count:
                raise ServiceError(
                    400, "count_mismatch",
                    QT_TRANSLATE_NOOP("platform", "the batch holds a different number of records than its header says"),
                )
            if h.seq != d.next_seq:
                raise ServiceError(
                    409,
                    "sequence",
                    QT_TRANSLATE_NOOP("platform", "expected batch sequence {expected}, got {got}").format(
                        expected=d.next_seq, got=h.seq
                    ),
                    expected=d.next_seq,
                )
            if h.prev_hash != d.last_hash:
                raise ServiceError(
                    409,
                    "chain",
                    QT_TRANSLATE_NOOP("platform", "the previous-batch hash does not match the platform's chain"),
                    expected=d.next_seq,
                )
            self._advance_checkpoint(s, d, h.batch_id, cp_seq, cp_hash)
            applied, conflicts = self._apply(s, d, h.batch_id, records)
            body = {
                "device": d.id,
                "batch_id": h.batch_id,
                "seq": h.seq,
                "envelope_hash": digest,
                "server_time": env.utc_iso(now()),
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
            raise ServiceError(500, "injected", QT_TRANSLATE_NOOP("platform", "internal error after commit (injected)"))
        return receipt

    def _advance_checkpoint(self, s: Session, d: Device, batch_id: str, seq: int, digest: str) -> None:
        """Keep the station's highest audit checkpoint; refuse one that goes back or forks (409
        ``checkpoint_behind`` / ``checkpoint_fork`` with the platform's checkpoint). A station's audit
        trail only grows, so either means rows were cut off its end or it was replaced."""
        row = s.get(StationCheckpoint, d.station_code, with_for_update=True)
        if row is None:
            s.add(
                StationCheckpoint(station_code=d.station_code, seq=seq, hash=digest, device_id=d.id, batch_id=batch_id)
            )
            return
        known = {"seq": row.seq, "hash": row.hash}
        if seq < row.seq:
            raise ServiceError(
                409,
                "checkpoint_behind",
                QT_TRANSLATE_NOOP(
                    "platform",
                    "the station's audit trail ends at entry {seq}, but it already reported entry {reported}: "
                    "audit entries were removed or the station was restored from an older copy",
                ).format(seq=seq, reported=row.seq),
                checkpoint=known,
            )
        if seq == row.seq and digest != row.hash:
            raise ServiceError(
                409,
                "checkpoint_fork",
                QT_TRANSLATE_NOOP(
                    "platform",
                    "the station's audit entry {seq} differs from the one it reported before: "
                    "the audit trail was rewritten or replaced",
                ).format(seq=seq),
                checkpoint=known,
            )
        if seq > row.seq:
            row.seq, row.hash, row.device_id, row.batch_id, row.updated_at = seq, digest, d.id, batch_id, now()

    def _apply(
        self, s: Session, d: Device, batch_id: str, records: list[dict[str, Any]]
    ) -> tuple[int, list[dict[str, Any]]]:
        """Apply in batch order (PROTOCOL.md, "Apply rules"): a change to a record another station owns is
        refused (``not_owner``); a ``create`` for an id that exists is refused (``exists``); an update or
        delete whose base version is not the platform's is refused (``stale``), and one whose base hash
        is not that of the platform's copy (``diverged``: the same version number, another content);
        a change already applied
        (same owner, version and content) is not applied twice. Refusals are listed in the receipt.
        Existing rows are loaded in one query and new rows written with Core executemany (bulk path)."""
        parsed: list[tuple[str, str, int, int | None, str, str, str | None]] = []
        for rec in records:
            try:
                base = rec.get("base_version")
                base_hash = rec.get("base_hash")  # optional (PROTOCOL.md): absent in older batches
                parsed.append(
                    (
                        str(rec["record_type"]),
                        str(rec["record_id"]),
                        int(rec["version"]),
                        None if base is None else int(base),
                        str(rec["operation"]),
                        str(rec["payload"]),
                        None if base_hash is None else str(base_hash),
                    )
                )
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise ServiceError(
                    400, "malformed", QT_TRANSLATE_NOOP("platform", "a record in the batch lacks required fields")
                ) from exc
            rtype, rid, version, base, op, payload, base_hash = parsed[-1]
            if base_hash is not None and not HASH_RE.match(base_hash):
                raise ServiceError(
                    400, "malformed", QT_TRANSLATE_NOOP("platform", "a record in the batch has an invalid base hash")
                )
            if not (_short_ascii(rtype, 32) and _short_ascii(rid, 36)) or op not in ("create", "update", "delete"):
                raise ServiceError(
                    400, "malformed",
                    QT_TRANSLATE_NOOP("platform", "a record in the batch has an invalid type, id or operation"),
                )
            if not (0 <= version < 2**31 and (base is None or 0 <= base < 2**31)):
                raise ServiceError(
                    400, "malformed", QT_TRANSLATE_NOOP("platform", "a record in the batch has a version out of range")
                )
            try:
                payload.encode("utf-8")
                if "\x00" in payload:  # PostgreSQL text cannot hold NUL
                    raise UnicodeEncodeError("utf-8", payload, 0, 1, "NUL")
            except UnicodeEncodeError as exc:
                raise ServiceError(
                    400, "malformed", QT_TRANSLATE_NOOP("platform", "a record's payload is not valid text")
                ) from exc
        current: dict[tuple[str, str], Record] = {}
        by_type: dict[str, set[str]] = {}
        for rtype, rid, *_ in parsed:
            by_type.setdefault(rtype, set()).add(rid)
        for rtype in sorted(by_type):  # one lock order for every batch: no deadlocks between uploads
            id_list = sorted(by_type[rtype])
            for i in range(0, len(id_list), 500):
                for r in s.execute(
                    select(Record)
                    .where(Record.record_type == rtype, Record.record_id.in_(id_list[i : i + 500]))
                    .order_by(Record.record_id)
                    .with_for_update()
                ).scalars():
                    current[(r.record_type, r.record_id)] = r
        applied = 0
        conflicts: list[dict[str, Any]] = []
        new_rows: dict[tuple[str, str], dict[str, Any]] = {}
        log: list[dict[str, Any]] = []
        at = now()
        for rtype, rid, version, base, op, payload, base_hash in parsed:
            k = (rtype, rid)
            cur = current.get(k)
            state: dict[str, Any] | None = None
            if cur is not None:
                state = {"version": cur.version, "station_code": cur.station_code, "payload": cur.payload}
                state["deleted"] = cur.deleted
            elif k in new_rows:
                state = new_rows[k]
            reason: str | None = None
            if state is not None:
                same = (state["version"], state["payload"], state["deleted"]) == (version, payload, op == "delete")
                if state["station_code"] != d.station_code:
                    reason = "not_owner"  # another station's record (or the platform's own)
                elif same:
                    applied += 1  # this very change is already applied (sent again after a re-enrollment)
                    continue
                elif op == "create":
                    reason = "exists"  # a create never overwrites
                elif base is not None and state["version"] != base:
                    reason = "stale"
                elif base_hash is not None and content_hash(state["payload"]) != base_hash:
                    # the same version number, another content: the platform's own edit (or another
                    # device's) the station never saw - its change is not applied over it
                    reason = "diverged"
            if reason is not None:
                assert state is not None
                conflicts.append(
                    {
                        "record_type": rtype,
                        "record_id": rid,
                        "version": version,
                        "base_version": base,
                        "platform_version": state["version"],
                        "reason": reason,
                    }
                )
                s.add(
                    ConflictRow(
                        reason=reason,
                        device_id=d.id,
                        batch_id=batch_id,
                        record_type=rtype,
                        record_id=rid,
                        base_version=base,
                        incoming_version=version,
                        platform_version=state["version"],
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


def _short_ascii(value: str, limit: int) -> bool:
    return 0 < len(value) <= limit and value.isascii() and value.isprintable()


def _checkpoint_fields(checkpoint: Any) -> tuple[int, str]:
    """(seq, hash) of an audit checkpoint ``{seq: int >= 0, hash: 64 hex}``; ValueError otherwise."""
    if not isinstance(checkpoint, dict) or not {"seq", "hash"} <= set(checkpoint):
        raise ValueError("checkpoint fields")
    seq, digest = checkpoint["seq"], checkpoint["hash"]
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 2**62:
        raise ValueError("checkpoint seq")
    if not isinstance(digest, str) or not HASH_RE.match(digest):
        raise ValueError("checkpoint hash")
    return seq, digest


def import_folder(central: Central, folder: Any) -> tuple[int, list[str]]:
    """Offline transfer: ingest every ``*.wsb`` in sequence order, writing a receipt beside each.
    Returns (receipts written, the refusals: marked texts naming the file, in the operator's language
    through `i18n.render`)."""
    from pathlib import Path

    written = 0
    errors: list[str] = []
    for p in sorted(Path(folder).glob("*.wsb")):
        try:
            receipt = central.ingest(p.read_bytes())
        except ServiceError as exc:
            errors.append(QT_TRANSLATE_NOOP("platform", "{file}: {reason}").format(file=p.name, reason=exc.message))
            continue
        p.with_name(p.name[: -len(".wsb")] + ".receipt.json").write_text(json.dumps(receipt))
        written += 1
    return written, errors
