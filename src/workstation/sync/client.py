"""The workstation's sync client: enrollment, batcher, sealed-batch ledger, upload, receipts, downlink.

Ledger states per batch: ``building`` (outbox rows gathered, sequence fixed) → ``sealed`` (exact
envelope bytes stored) → ``sending`` (an attempt is under way or its outcome is unknown) →
``acknowledged`` (the platform's signed receipt is stored, in the same local transaction that marks
the outbox rows acknowledged). A failed attempt returns the batch to ``sealed`` with the attempt
count, the last error in plain language and the next retry time. Retries send identical bytes.
"""

from __future__ import annotations

import json
import os
import random
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, defer

from workstation.domain.permissions import Permission
from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import audit, operators, outbox, settings
from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.storage.outbox import held_by_conflict
from workstation.storage.schema import OutboxEntry, Task, utcnow
from workstation.storage.sync_tables import SyncBatch, SyncConflict, SyncDevice, SyncPrereg
from workstation.sync import envelope as env

Progress = Callable[[int, int, str], None]
KEY_LABEL = "sync-device-keys"
CURSOR_KEY = "sync.downlink_cursor"
DEFERRED_KEY = "sync.deferred_downlink"
LAST_SYNC_KEY = "sync.last_success_at"  # naive UTC ISO time of the last exchange that finished
LAST_FAILURE_KEY = "sync.last_failure_at"  # naive UTC ISO time of the last exchange that did not
BACKOFF_BASE_S = 5.0
BACKOFF_CAP_S = 3600.0

BUILDING, SEALED, SENDING, ACKNOWLEDGED = "building", "sealed", "sending", "acknowledged"
SUPERSEDED = "superseded"  # never acknowledged by a platform the station was enrolled with before
UNBATCHED = "unbatched"  # not a batch state: changes waiting in the outbox, not gathered into a batch yet
# States of one change (an outbox row), not of a batch, that a conflict gives it:
HELD = "held"  # not in a batch yet, its record has an undecided conflict: it waits for the decision
REFUSED = "refused"  # its batch was acknowledged, but the platform did not apply it: waiting for a decision
DECIDED = "decided"  # refused, then superseded by the officer's decision: never applied by the platform
#: Words for the ledger states (and `UNBATCHED` and a change's conflict states): one table, shown by the
#: desk's Sync page and by ``workstation sync --status`` (marked; render them in the operator's language).
STATE_LABELS = {
    UNBATCHED: QT_TRANSLATE_NOOP("SyncStates", "Not in a batch yet"),
    HELD: QT_TRANSLATE_NOOP("SyncStates", "Held by a conflict (sent with the decision)"),
    BUILDING: QT_TRANSLATE_NOOP("SyncStates", "Building (being gathered)"),
    SEALED: QT_TRANSLATE_NOOP("SyncStates", "Sealed (signed, waiting to send)"),
    SENDING: QT_TRANSLATE_NOOP("SyncStates", "Sending"),
    ACKNOWLEDGED: QT_TRANSLATE_NOOP("SyncStates", "Acknowledged by the platform"),
    SUPERSEDED: QT_TRANSLATE_NOOP("SyncStates", "Left behind by a re-enrollment (never acknowledged)"),
    REFUSED: QT_TRANSLATE_NOOP("SyncStates", "Not applied by the platform (waiting for your decision)"),
    DECIDED: QT_TRANSLATE_NOOP("SyncStates", "Superseded by a conflict decision (never applied by the platform)"),
}
#: Words for `SyncDevice.status` (this workstation's standing with the platform).
DEVICE_STATUS_LABELS = {
    "active": QT_TRANSLATE_NOOP("SyncStates", "active"),
    "revoked": QT_TRANSLATE_NOOP("SyncStates", "revoked by the platform"),
}
SEQ_BASE_KEY = "sync.seq_base"
BATCH_MEDIA_TYPE = "application/vnd.workstation.wsb1"  # the platform's media type for a sealed batch
CHECKPOINT_REFUSALS = ("checkpoint_behind", "checkpoint_fork")
RESENDING = QT_TRANSLATE_NOOP("sync", "resending: the platform expects batch {expected}")
CONFLICT_REASONS = {
    "stale": QT_TRANSLATE_NOOP("sync", "it was based on an older version"),
    "exists": QT_TRANSLATE_NOOP("sync", "a record with this id already exists on the platform"),
    "not_owner": QT_TRANSLATE_NOOP("sync", "the record belongs to another station"),
    "diverged": QT_TRANSLATE_NOOP(
        "sync", "it was based on a version the platform holds with other content (an edit not seen here)"
    ),
}


class SyncError(UserFacingError):
    pass


def state_label(state: str) -> str:
    """The marked words for a ledger state (`STATE_LABELS`); an unknown state reads as itself."""
    return STATE_LABELS.get(state, state)


def device_status_label(status: str | None) -> str:
    """The marked words for a `SyncDevice.status` (`DEVICE_STATUS_LABELS`); unknown ones as themselves."""
    return DEVICE_STATUS_LABELS.get(status or "", status or "")


class RecordNotShown(SyncError):
    """The platform has no copy of a record to show this station: `reason` is "unknown_record" (it
    holds none) or "not_owner" (another station's, or the platform's own, record)."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class PlatformCopy:
    """The platform's current copy of a record (`SyncClient.platform_record`); `updated_at` naive UTC."""

    version: int
    deleted: bool
    payload: dict[str, Any]
    updated_at: datetime


class NotEnrolled(SyncError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("sync", "This workstation is not enrolled with the platform yet."),
            hint="ask the platform for an enrollment code and run enrollment",
        )


# ---- keys ------------------------------------------------------------------------------------
def _wrap(db: Database, secret: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(db.subkey(KEY_LABEL)).encrypt(nonce, secret, b"sync-device-sign")


def _unwrap(db: Database, blob: bytes) -> bytes:
    return AESGCM(db.subkey(KEY_LABEL)).decrypt(blob[:12], blob[12:], b"sync-device-sign")


def ssl_context(ca_pem: str) -> ssl.SSLContext:
    """Trust only the platform's own CA (pinned at enrollment), not the system store."""
    ctx = ssl.create_default_context(cadata=ca_pem)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def make_http(url: str, ca_pem: str, *, timeout: float = 30.0) -> httpx.Client:
    return httpx.Client(base_url=url, verify=ssl_context(ca_pem), timeout=timeout)


@dataclass(frozen=True)
class Enrollment:
    """This workstation's current enrollment, as an administrator is shown it before replacing it."""

    device_id: str
    station_code: str
    platform_url: str
    enrolled_at: datetime
    unacknowledged_batches: int


def current_enrollment(db: Database) -> Enrollment | None:
    """The enrollment in force, or None when the workstation is not enrolled."""
    with db.read() as s:
        d = s.get(SyncDevice, 1)
        if d is None:
            return None
        pending = int(
            s.scalar(
                select(func.count()).select_from(SyncBatch).where(SyncBatch.state.in_([BUILDING, SEALED, SENDING]))
            )
            or 0
        )
        return Enrollment(d.device_id, d.station_code, d.platform_url, d.enrolled_at, pending)


def _audit_enroll(db: Database, actor: Actor, outcome: str, details: str, target: str | None = None) -> None:
    with db.write() as s:
        audit.record(
            s,
            actor=actor.username,
            action="sync.enroll",
            target_type="device",
            target_id=target,
            details=details,
            outcome=outcome,
        )


def enroll(
    db: Database,
    url: str,
    code: str,
    station_code: str,
    ca_pem: str,
    *,
    actor: Actor,
    ca_fingerprint: str | None = None,
    replace: bool = False,
    confirm: Callable[[Enrollment], bool] | None = None,
    http: httpx.Client | None = None,
) -> str:
    """Enroll this workstation: new device key, one-time code over TLS pinned to the platform CA.
    Returns the device id.

    `actor` must be a logged-in administrator (permission ``manage_settings``, operator still active),
    else PermissionDenied / OperatorInactive. `ca_fingerprint` (printed by ``workstation-central
    enroll-code``) is checked against the CA certificate before anything is sent. An existing
    enrollment is replaced only when `replace` is true **and** `confirm(current)` returns true;
    otherwise SyncError. Replacing keeps every batch the old platform acknowledged, with its receipt,
    as it is; batches it never acknowledged become ``superseded`` and their changes are batched again
    for the new enrollment, whose sequence starts at 1. Every attempt is audited (``sync.enroll``,
    outcome ok / denied / refused / failed)."""
    try:
        operators.authorize(db, actor, Permission.MANAGE_SETTINGS)
    except UserFacingError:
        _audit_enroll(db, actor, "denied", f"enrollment with {url} refused: not an administrator")
        raise
    current = current_enrollment(db)
    if current is not None:
        if not replace:
            _audit_enroll(db, actor, "refused", f"already enrolled as {current.device_id}; replacement not asked for")
            raise SyncError(
                QT_TRANSLATE_NOOP(
                    "sync",
                    "This workstation is already enrolled with {platform_url} as device {device_id}. Its "
                    "enrollment is replaced only when an administrator asks for it explicitly "
                    "(--replace-enrollment) and confirms.",
                ).format(platform_url=current.platform_url, device_id=current.device_id),
                hint="check `workstation sync --status` first",
            )
        if confirm is None or not confirm(current):
            _audit_enroll(db, actor, "refused", f"replacing {current.device_id} was not confirmed")
            raise SyncError(
                QT_TRANSLATE_NOOP("sync", "Replacing the enrollment was not confirmed; nothing was changed.")
            )
    if ca_fingerprint is not None and env.ca_fingerprint(ca_pem.encode()) != ca_fingerprint.lower().replace(":", ""):
        _audit_enroll(db, actor, "refused", f"CA fingerprint of {url} does not match")
        raise SyncError(
            QT_TRANSLATE_NOOP("sync", "The platform certificate does not match the fingerprint you were given."),
            hint="check the CA file and fingerprint with the platform team",
        )
    key = Ed25519PrivateKey.generate()
    pub = env.raw_public(key.public_key())
    typed = "".join(ch for ch in code if ch.isalnum()).upper()  # as read out: spaces, dashes, lower case
    client = http or make_http(url, ca_pem)
    try:
        resp = client.post("/v1/enroll", json={"code": typed, "station_code": station_code, "sign_pub": env.b64e(pub)})
    except httpx.HTTPError as exc:
        _audit_enroll(db, actor, "failed", f"{url}: {plain_error(exc)}")
        raise SyncError(
            QT_TRANSLATE_NOOP("sync", "Could not reach the platform to enroll: {error}").format(error=plain_error(exc))
        ) from exc
    finally:
        if http is None:
            client.close()
    if resp.status_code != 200:
        _audit_enroll(db, actor, "failed", f"{url} refused: {_reason(resp) or resp.status_code}")
        raise SyncError(
            QT_TRANSLATE_NOOP("sync", "The platform refused enrollment: {problem}").format(problem=_problem(resp))
        )
    data = resp.json()
    if env.key_id_of(env.b64d(data["platform_enc_pub"])) != data["key_id"]:
        _audit_enroll(db, actor, "failed", f"{url} sent an inconsistent key id")
        raise SyncError(QT_TRANSLATE_NOOP("sync", "The platform sent an inconsistent key id."))
    with db.write() as s:
        existing = s.get(SyncDevice, 1)
        replaced = ""
        if existing is not None:
            replaced = f"; replaces device {existing.device_id} at {existing.platform_url}"
            if existing.platform_sign_pub != data["platform_sign_pub"]:
                settings.set(s, CURSOR_KEY, 0)  # another platform: its downlink starts from the beginning
            _supersede_unacknowledged(s, data["device_id"])
            s.delete(existing)
            s.flush()
        s.add(
            SyncDevice(
                id=1,
                device_id=data["device_id"],
                station_code=station_code,
                platform_url=url,
                ca_pem=ca_pem,
                key_id=data["key_id"],
                platform_enc_pub=data["platform_enc_pub"],
                platform_sign_pub=data["platform_sign_pub"],
                sign_pub=env.b64e(pub),
                sign_priv_wrapped=_wrap(db, env.raw_private(key)),
            )
        )
        audit.record(
            s,
            actor=actor.username,
            action="sync.enroll",
            target_type="device",
            target_id=data["device_id"],
            details=f"enrolled with {url} (platform key {data['key_id']}){replaced}",
        )
    return str(data["device_id"])


def _supersede_unacknowledged(s: Session, new_device: str) -> None:
    """Re-enrollment: batches the old enrollment never got acknowledged are retired (``superseded``,
    kept for the record) and their outbox rows released to be batched again; acknowledged batches and
    their receipts are not touched. The new enrollment's wire sequence starts after the ledger's last."""
    retired = s.execute(select(SyncBatch).where(SyncBatch.state.in_([BUILDING, SEALED, SENDING]))).scalars().all()
    ids = [b.batch_id for b in retired]
    for b in retired:
        b.state = SUPERSEDED
        b.next_retry_at = None
        b.last_error = QT_TRANSLATE_NOOP(
            "sync", "re-enrolled before the platform acknowledged it: its changes are sent again as device {device}"
        ).format(device=new_device)
    if ids:
        tbl: Any = OutboxEntry.__table__
        s.connection().execute(
            update(tbl).where(tbl.c.batch_id.in_(ids), tbl.c.acked_at.is_(None)).values(batch_id=None)
        )
    settings.set(s, SEQ_BASE_KEY, int(s.scalar(select(func.max(SyncBatch.seq))) or 0))


def seq_base(s: Session) -> int:
    """Ledger seq of the last batch before the current enrollment (0 for a first enrollment): the
    batch sent as wire sequence n is ledger seq ``n + seq_base``."""
    return int(settings.get(s, SEQ_BASE_KEY, 0) or 0)


#: What the platform's refusal codes (its ``reason`` field) mean, in the station's words. A code not
#: listed here is shown with the platform's own (English) message and the HTTP status.
PLATFORM_REASONS: dict[str, str] = {
    "bad_code": QT_TRANSLATE_NOOP("platform", "this enrollment code is not known"),
    "code_used": QT_TRANSLATE_NOOP("platform", "this enrollment code has already been used"),
    "code_expired": QT_TRANSLATE_NOOP("platform", "this enrollment code has expired; ask for a new one"),
    "wrong_station": QT_TRANSLATE_NOOP("platform", "this enrollment code was issued for another station"),
    "bad_key": QT_TRANSLATE_NOOP("platform", "the device signing key was not accepted"),
    "unknown_device": QT_TRANSLATE_NOOP("platform", "this workstation is not enrolled with the platform"),
    "revoked": QT_TRANSLATE_NOOP("platform", "this workstation has been revoked by the platform"),
    "bad_time": QT_TRANSLATE_NOOP("platform", "the request time was not understood"),
    "clock_skew": QT_TRANSLATE_NOOP(
        "platform", "this computer's clock is too far from the platform's; correct the date and time"
    ),
    "bad_nonce": QT_TRANSLATE_NOOP("platform", "the request was malformed"),
    "bad_request_signature": QT_TRANSLATE_NOOP("platform", "the request signature did not verify"),
    "replayed": QT_TRANSLATE_NOOP("platform", "the same signed request was received twice"),
    "unavailable": QT_TRANSLATE_NOOP("platform", "the platform is temporarily unavailable"),
    "busy": QT_TRANSLATE_NOOP("platform", "the platform was busy; the batch is sent again"),
    "batch_id_reused": QT_TRANSLATE_NOOP("platform", "a batch with this id was already received with other content"),
    "unknown_key": QT_TRANSLATE_NOOP("platform", "the batch is sealed to a platform key the platform no longer has"),
    "malformed": QT_TRANSLATE_NOOP("platform", "the batch content is not valid"),
    "truncated": QT_TRANSLATE_NOOP("platform", "the batch arrived incomplete; it is sent again"),
    "unsupported": QT_TRANSLATE_NOOP(
        "platform", "the platform does not accept this workstation's batch format; the workstation needs an update"
    ),
    "bad_signature": QT_TRANSLATE_NOOP(
        "platform", "the platform could not verify this workstation's signature on the batch"
    ),
    "decrypt_failed": QT_TRANSLATE_NOOP("platform", "the platform could not decrypt the batch"),
    "bad_checkpoint": QT_TRANSLATE_NOOP("platform", "the audit checkpoint is missing or not signed"),
    "count_mismatch": QT_TRANSLATE_NOOP("platform", "the batch holds a different number of records than its header"),
    "sequence": QT_TRANSLATE_NOOP("platform", "the batch is not the one the platform expects next"),
    "chain": QT_TRANSLATE_NOOP("platform", "the batch does not follow the previous one the platform received"),
    "media_type": QT_TRANSLATE_NOOP("platform", "the batch was sent in the wrong format"),
    "invalid_request": QT_TRANSLATE_NOOP("platform", "the request does not match the platform's interface"),
    "unknown_record": QT_TRANSLATE_NOOP("platform", "the platform holds no such record"),
    "not_owner": QT_TRANSLATE_NOOP(
        "platform", "this record belongs to another station; the platform does not show it here"
    ),
}
_UNKNOWN_REFUSAL = QT_TRANSLATE_NOOP("platform", "{message} (HTTP {status} {reason})")
_HTTP_STATUS = QT_TRANSLATE_NOOP("platform", "HTTP status {status}")


def _problem(resp: httpx.Response) -> str:
    """Why the platform refused a request, as a marked text: a known ``reason`` code in the station's
    words, else the platform's own message with status and code. Never raises."""
    try:
        body = resp.json()
    except ValueError:
        return _HTTP_STATUS.format(status=resp.status_code)
    if not isinstance(body, dict):
        return _HTTP_STATUS.format(status=resp.status_code)
    reason = str(body.get("reason", ""))
    if reason in PLATFORM_REASONS:
        return PLATFORM_REASONS[reason]
    return _UNKNOWN_REFUSAL.format(message=str(body.get("message", ""))[:300], status=resp.status_code, reason=reason)


def _reason(resp: httpx.Response) -> str:
    try:
        return str(resp.json().get("reason", ""))
    except (ValueError, AttributeError):
        return ""


#: Why a request to the platform failed, by kind of network error (`plain_error`).
CERTIFICATE_NOT_TRUSTED = QT_TRANSLATE_NOOP("sync", "the platform's certificate is not the one this workstation trusts")
UNREACHABLE = QT_TRANSLATE_NOOP("sync", "the platform could not be reached (no network, or the platform is down)")
NO_ANSWER_IN_TIME = QT_TRANSLATE_NOOP("sync", "the platform did not answer in time")
CONNECTION_DROPPED = QT_TRANSLATE_NOOP("sync", "the connection dropped during the transfer")
NETWORK_ERROR = QT_TRANSLATE_NOOP("sync", "network error ({kind})")


def plain_error(exc: BaseException) -> str:
    """Why a request to the platform failed, as a marked text (``str`` is English; `i18n.render` gives
    the operator's language): an untrusted certificate, no connection, no answer in time, a dropped
    connection, or another network error named by its kind. Never raises."""
    if isinstance(exc, ssl.SSLError) or "CERTIFICATE" in str(exc).upper():
        return CERTIFICATE_NOT_TRUSTED
    if isinstance(exc, httpx.ConnectError):
        return UNREACHABLE
    if isinstance(exc, httpx.TimeoutException):
        return NO_ANSWER_IN_TIME
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return CONNECTION_DROPPED
    return NETWORK_ERROR.format(kind=type(exc).__name__)


# ---- results ---------------------------------------------------------------------------------
@dataclass
class SendResult:
    acknowledged: int = 0
    records: int = 0
    failed: int = 0
    remaining: int = 0
    error: str | None = None
    conflicts: int = 0
    downloaded: int = 0  # items the downlink applied (tasks, pre-registrations, settings, ...)
    received: dict[str, int] = field(default_factory=dict)  # of those, per kind: "task", "prereg", ...

    @property
    def tasks_received(self) -> int:
        """Tasks the downlink stored (new or updated by the platform)."""
        return int(self.received.get("task", 0))

    @property
    def preregs_received(self) -> int:
        """Pre-registrations (网上备案) the downlink stored."""
        return int(self.received.get("prereg", 0))


@dataclass
class LedgerRow:
    batch_id: str
    seq: int
    state: str
    record_count: int
    attempts: int
    last_error: str | None
    next_retry_at: datetime | None
    acked_at: datetime | None


@dataclass
class SyncStatus:
    enrolled: bool
    device_id: str | None
    device_status: str | None
    unbatched_records: int  # not in a batch yet and free to go (held ones not counted)
    unacknowledged_records: int  # every change still waiting (held and refused ones too): `outbox.Backlog`
    oldest_unacknowledged: datetime | None
    batches: dict[str, int] = field(default_factory=dict)
    open_conflicts: int = 0
    pending_batches: list[LedgerRow] = field(default_factory=list)
    downlink_cursor: int = 0
    last_synced_at: datetime | None = None  # naive UTC: the last exchange with the platform that finished
    last_failed_at: datetime | None = None  # naive UTC: the last one that did not (None: none since)
    held_records: int = 0  # `HELD`: not sent, their record has an undecided conflict
    refused_records: int = 0  # `REFUSED`: not applied by the platform, waiting for a decision
    decided_records: int = 0  # `DECIDED`: superseded by a conflict decision, never applied by the platform
    sendable_records: int = 0  # of the unacknowledged: what a sync sends (neither held nor refused)
    oldest_sendable: datetime | None = None  # naive UTC: the oldest of those (what the freeze rule ages)


class SyncClient:
    def __init__(
        self,
        db: Database,
        *,
        http: httpx.Client | None = None,
        max_records: int = 1000,
        max_bytes: int = 2_000_000,
        rng: random.Random | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.max_records = max_records
        self.max_bytes = max_bytes
        self.rng = rng or random.Random()
        self.clock = clock
        self._http = http
        self._own_http = False
        self.received: dict[str, int] = {}  # what the downlinks of this client stored, per item kind

    # ---- plumbing --------------------------------------------------------------------------
    def device(self) -> SyncDevice:
        with self.db.read() as s:
            d = s.get(SyncDevice, 1)
        if d is None:
            raise NotEnrolled()
        return d

    @property
    def http(self) -> httpx.Client:
        if self._http is None:
            d = self.device()
            self._http = make_http(d.platform_url, d.ca_pem)
            self._own_http = True
        return self._http

    def close(self) -> None:
        if self._own_http and self._http is not None:
            self._http.close()
        self._http = None

    def _sign_key(self, d: SyncDevice) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(_unwrap(self.db, d.sign_priv_wrapped))

    def backoff(self, attempts: int) -> timedelta:
        """Exponential backoff with full jitter in [0.5, 1.5) of the nominal delay."""
        nominal = min(BACKOFF_CAP_S, BACKOFF_BASE_S * (2 ** max(0, attempts - 1)))
        return timedelta(seconds=nominal * (0.5 + self.rng.random()))

    # ---- batcher ---------------------------------------------------------------------------
    def build_batches(self) -> int:
        """Gather unbatched outbox rows into bounded batches (state ``building``). Returns how many.

        Changes of a record with an undecided conflict are held (`held_by_conflict`): they were made over
        a version the platform refused, so they wait for the officer's decision, which carries them."""
        made = 0
        while True:
            with self.db.write() as s:
                rows = s.execute(
                    select(OutboxEntry.seq, func.length(OutboxEntry.payload))
                    .where(OutboxEntry.batch_id.is_(None), ~held_by_conflict())
                    .order_by(OutboxEntry.seq)
                    .limit(self.max_records)
                ).all()  # the rows outbox.pending() returns, without loading their payloads
                if not rows:
                    return made
                take: list[int] = []
                size = 0
                for seq_no, length in rows:
                    n = int(length or 0) * 3 + 200  # length() counts characters; UTF-8 is at most 3 bytes each
                    if take and size + n > self.max_bytes:
                        break
                    take.append(seq_no)
                    size += n
                seq = (s.scalar(select(func.max(SyncBatch.seq))) or 0) + 1
                batch_id = _new_id()
                tbl: Any = OutboxEntry.__table__
                s.connection().execute(update(tbl).where(tbl.c.seq.in_(take)).values(batch_id=batch_id))
                s.add(
                    SyncBatch(
                        batch_id=batch_id, seq=seq, state=BUILDING, record_count=len(take), created_at=self.clock()
                    )
                )
                made += 1

    def seal_batches(self) -> int:
        """Seal every ``building`` batch in sequence order: exact envelope bytes are stored."""
        d = self.device()
        key = self._sign_key(d)
        sealed = 0
        while True:
            with self.db.write() as s:
                b = s.execute(
                    select(SyncBatch).where(SyncBatch.state == BUILDING).order_by(SyncBatch.seq).limit(1)
                ).scalar_one_or_none()
                if b is None:
                    return sealed
                base = seq_base(s)
                prev = None  # the first batch of an enrollment has no predecessor on its platform
                if b.seq - 1 > base:
                    prev = s.execute(select(SyncBatch.envelope_hash).where(SyncBatch.seq == b.seq - 1)).scalar()
                # plain rows, not ORM objects: building a thousand entities holds the interpreter lock
                # for tens of milliseconds at a time, and the window waits for it
                rows = s.execute(
                    select(
                        OutboxEntry.seq,
                        OutboxEntry.record_type,
                        OutboxEntry.record_id,
                        OutboxEntry.version,
                        OutboxEntry.base_version,
                        OutboxEntry.operation,
                        OutboxEntry.payload,
                        OutboxEntry.created_at,
                        OutboxEntry.base_hash,
                    )
                    .where(OutboxEntry.batch_id == b.batch_id)
                    .order_by(OutboxEntry.seq)
                ).all()
                utc_iso = env.utc_iso
                records = [
                    {
                        "seq": seq_no,
                        "record_type": record_type,
                        "record_id": record_id,
                        "version": version,
                        "base_version": base_version,
                        "operation": operation,
                        "payload": payload,
                        "created_at": utc_iso(created_at),
                        # what the change was based on, by content (PROTOCOL.md); left out when not known
                        **({"base_hash": base_hash} if base_hash else {}),
                    }
                    for seq_no, record_type, record_id, version, base_version, operation, payload, created_at, base_hash
                    in rows
                ]
                checkpoint = audit.checkpoint(s)
                content = {
                    "records": records,
                    "checkpoint": checkpoint,
                    "checkpoint_sig": env.b64e(key.sign(env.canonical(checkpoint))),
                    "station_code": d.station_code,
                }
                header = env.Header(
                    device=d.device_id,
                    batch_id=b.batch_id,
                    seq=b.seq - base,
                    prev_hash=prev or "",
                    key_id=d.key_id,
                    count=len(records),
                )
                blob = env.seal(
                    header,
                    env.canonical_sliced(content, "records"),
                    device_key=key,
                    platform_enc_pub=env.b64d(d.platform_enc_pub),
                )
                b.envelope = blob
                b.envelope_hash = env.sha256_hex(blob)
                b.prev_hash = prev or ""
                b.record_count = len(records)
                b.state = SEALED
                b.sealed_at = self.clock()
                sealed += 1

    # ---- upload ----------------------------------------------------------------------------
    def send(self, *, due_only: bool = False, progress: Progress | None = None, max_rounds: int = 100000) -> SendResult:
        """Upload sealed batches in sequence order; stop at the first failure (later batches would
        only hit a sequence gap). `due_only` respects each batch's next retry time."""
        d = self.device()
        if d.status == "revoked":
            raise SyncError(
                QT_TRANSLATE_NOOP(
                    "sync",
                    "This workstation has been revoked by the platform; it can no longer sync.",
                ),
                hint="contact the platform administrator",
            )
        result = SendResult()
        with self.db.read() as s:
            total = int(
                s.scalar(select(func.sum(SyncBatch.record_count)).where(SyncBatch.state.in_([SEALED, SENDING]))) or 0
            )
        done = 0
        rounds = 0
        while rounds < max_rounds:
            rounds += 1
            with self.db.read() as s:  # only the head of the queue is loaded (envelopes can be MBs)
                b = s.execute(
                    select(SyncBatch).where(SyncBatch.state.in_([SEALED, SENDING])).order_by(SyncBatch.seq).limit(1)
                ).scalar_one_or_none()
            if b is None:
                break
            now = self.clock()
            if due_only and b.next_retry_at is not None and b.next_retry_at > now:
                result.error = b.last_error
                break
            assert b.envelope is not None
            with self.db.write() as s:
                row = s.get(SyncBatch, b.batch_id)
                assert row is not None
                row.state = SENDING
                row.attempts += 1
                row.last_attempt_at = now
            if progress:
                progress(
                    done,
                    total,
                    QT_TRANSLATE_NOOP("sync", "sending batch {seq} ({count} records)").format(
                        seq=b.seq, count=b.record_count
                    ),
                )
            outcome = self._post(d, b)
            if outcome is None:
                result.acknowledged += 1
                result.records += b.record_count
                done += b.record_count
                if progress:
                    progress(done, total, QT_TRANSLATE_NOOP("sync", "batch {seq} acknowledged").format(seq=b.seq))
                continue
            if outcome == "resend":
                continue
            result.failed += 1
            result.error = outcome
            break
        with self.db.read() as s:
            result.remaining = int(
                s.scalar(select(func.count()).select_from(SyncBatch).where(SyncBatch.state.in_([SEALED, SENDING]))) or 0
            )
            result.conflicts = int(
                s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))) or 0
            )
        return result

    def wire_seq(self, b: SyncBatch) -> int:
        """The batch's sequence number on the wire (its platform's), from its ledger seq."""
        with self.db.read() as s:
            return b.seq - seq_base(s)

    def _mark_revoked(self) -> None:
        with self.db.write() as s:
            dev = s.get(SyncDevice, 1)
            if dev is None or dev.status == "revoked":
                return
            dev.status = "revoked"
            audit.record(
                s,
                actor="sync",
                action="sync.revoked",
                target_type="device",
                target_id=dev.device_id,
                details="the platform reports this device revoked",
            )

    def _fail(self, b: SyncBatch, message: str, *, retry: bool = True) -> str:
        with self.db.write() as s:
            row = s.get(SyncBatch, b.batch_id)
            assert row is not None
            row.state = SEALED
            row.last_error = message
            row.next_retry_at = self.clock() + self.backoff(row.attempts) if retry else None
        return message

    def _post(self, d: SyncDevice, b: SyncBatch) -> str | None:
        """One attempt. None = acknowledged; "resend" = ledger rewound; otherwise the error text."""
        assert b.envelope is not None
        try:
            resp = self.http.post("/v1/batches", content=b.envelope, headers={"content-type": BATCH_MEDIA_TYPE})
        except httpx.HTTPError as exc:
            return self._fail(
                b,
                QT_TRANSLATE_NOOP("sync", "Not sent: {error}. It will be retried automatically.").format(
                    error=plain_error(exc)
                ),
            )
        if resp.status_code == 200:
            try:
                receipt = resp.json()
                body = env.verify_receipt(receipt, env.b64d(d.platform_sign_pub))
            except (ValueError, env.EnvelopeError):
                return self._fail(
                    b,
                    QT_TRANSLATE_NOOP(
                        "sync", "The platform's answer could not be verified; the batch will be sent again."
                    ),
                )
            if (body["device"], body["batch_id"], body["seq"], body["envelope_hash"]) != (
                d.device_id,
                b.batch_id,
                self.wire_seq(b),
                b.envelope_hash,
            ):
                return self._fail(
                    b,
                    QT_TRANSLATE_NOOP(
                        "sync", "The platform's receipt is for a different batch; the batch will be sent again."
                    ),
                )
            self._acknowledge(b, receipt, body)
            return None
        problem = _problem(resp)
        try:
            pbody = resp.json()
        except ValueError:
            pbody = {}
        if resp.status_code == 403:
            if pbody.get("reason") == "revoked":
                self._mark_revoked()
            return self._fail(
                b,
                QT_TRANSLATE_NOOP(
                    "sync", "The platform refused this workstation: {problem}. Contact the platform administrator."
                ).format(problem=problem),
                retry=False,
            )
        if resp.status_code == 409 and pbody.get("reason") in CHECKPOINT_REFUSALS:
            return self._checkpoint_refused(b, pbody)
        if resp.status_code == 409 and pbody.get("reason") in ("sequence", "chain"):
            expected = pbody.get("expected")
            wire = self.wire_seq(b)
            if isinstance(expected, int) and 1 <= expected < wire:
                with self.db.write() as s:
                    first = expected + seq_base(s)  # never a batch of an earlier enrollment
                    earlier = (
                        s.execute(
                            select(SyncBatch).where(
                                SyncBatch.seq >= first,
                                SyncBatch.seq < b.seq,
                                SyncBatch.envelope.is_not(None),
                                SyncBatch.state != SUPERSEDED,
                            )
                        )
                        .scalars()
                        .all()
                    )
                    if len(earlier) == wire - expected:
                        for e in earlier:  # the platform lost these: send them again, in order
                            e.state = SEALED
                            e.last_error = RESENDING.format(expected=expected)
                        return "resend"
            return self._fail(
                b,
                QT_TRANSLATE_NOOP(
                    "sync",
                    "The platform expects a different batch sequence: {problem}. "
                    "This needs an administrator (the local ledger and the platform disagree).",
                ).format(problem=problem),
                retry=False,
            )
        if resp.status_code >= 500:
            return self._fail(
                b,
                QT_TRANSLATE_NOOP(
                    "sync", "The platform had a problem ({status}); it will be retried automatically."
                ).format(status=resp.status_code),
            )
        return self._fail(
            b,
            QT_TRANSLATE_NOOP("sync", "The platform rejected the batch: {problem}.").format(problem=problem),
            retry=False,
        )

    def _checkpoint_refused(self, b: SyncBatch, pbody: dict[str, Any]) -> str:
        """The platform refused the batch's audit checkpoint: this station's audit trail is behind (or
        differs from) what it reported before. Not retried; the ledger says why, and the refusal is audited."""
        found = pbody.get("checkpoint")
        known: dict[str, Any] = found if isinstance(found, dict) else {}
        with self.db.read() as s:
            ours = audit.checkpoint(s)
        if pbody.get("reason") == "checkpoint_behind":
            refused = QT_TRANSLATE_NOOP(
                "sync",
                "The platform refused this batch: the station's audit trail (entry {ours}) is behind what it "
                "reported before (entry {theirs}). Audit entries may have been removed or the station restored "
                "from an older copy. Sync is stopped until an administrator checks the audit trail "
                "(workstation-admin verify-audit) and the platform's administrators release the station.",
            )
        else:
            refused = QT_TRANSLATE_NOOP(
                "sync",
                "The platform refused this batch: the station's audit trail (entry {ours}) differs from what it "
                "reported before (entry {theirs}). Audit entries may have been removed or the station restored "
                "from an older copy. Sync is stopped until an administrator checks the audit trail "
                "(workstation-admin verify-audit) and the platform's administrators release the station.",
            )
        message = refused.format(ours=ours.get("seq"), theirs=known.get("seq"))
        with self.db.write() as s:
            audit.record(
                s,
                actor="sync",
                action="sync.checkpoint_refused",
                target_type="batch",
                target_id=b.batch_id,
                details=f"{pbody.get('reason')}: ours {ours.get('seq')}, platform {known.get('seq')}",
                outcome="refused",
            )
        return self._fail(b, message, retry=False)

    def _acknowledge(self, b: SyncBatch, receipt: dict[str, Any], body: dict[str, Any]) -> None:
        """Receipt, ledger state, conflicts and outbox acknowledgement: one local transaction."""
        conflicts = body.get("conflicts") or []
        with self.db.write() as s:
            row = s.get(SyncBatch, b.batch_id)
            assert row is not None
            if row.state == ACKNOWLEDGED:
                return
            conflicted: set[tuple[str, str, int]] = set()
            for c in conflicts:
                conflicted.add((c["record_type"], c["record_id"], int(c["version"])))
                s.add(
                    SyncConflict(
                        batch_id=b.batch_id,
                        record_type=c["record_type"],
                        record_id=c["record_id"],
                        version=int(c["version"]),
                        base_version=c.get("base_version"),
                        platform_version=int(c["platform_version"]),
                        detected_at=self.clock(),
                    )
                )
                audit.record(
                    s,
                    actor="sync",
                    action="sync.conflict",
                    target_type=c["record_type"],
                    target_id=c["record_id"],
                    details=(
                        f"not applied: {CONFLICT_REASONS.get(str(c.get('reason', 'stale')), c.get('reason'))}; "
                        f"platform has version {c['platform_version']}; "
                        f"ours {c['version']} was based on {c.get('base_version')}"
                    ),
                )
            rows = s.execute(
                select(OutboxEntry.seq, OutboxEntry.record_type, OutboxEntry.record_id, OutboxEntry.version).where(
                    OutboxEntry.batch_id == b.batch_id
                )
            ).all()
            seqs = [q for q, rt, rid, v in rows if (rt, rid, v) not in conflicted]
            row.state = ACKNOWLEDGED
            row.receipt = json.dumps(receipt)
            row.acked_at = self.clock()
            row.last_error = None
            row.next_retry_at = None
            outbox.mark_acknowledged(s, seqs, self.clock())

    # ---- downlink --------------------------------------------------------------------------
    def _signed_get(self, d: SyncDevice, path: str, after: int, limit: int) -> httpx.Response:
        """A signed GET: device id, time (UTC, with its offset), a fresh nonce and the device's Ed25519
        signature over `env.signing_message` (PROTOCOL.md, "Signed requests")."""
        ts = env.utc_iso(utcnow())  # the real clock: the platform compares it with its own
        nonce = env.new_request_nonce()
        sig = self._sign_key(d).sign(env.signing_message("GET", path, f"after={after}&limit={limit}", ts, nonce))
        return self.http.get(
            path,
            params={"after": after, "limit": limit},
            headers={"x-ws-device": d.device_id, "x-ws-time": ts, "x-ws-nonce": nonce, "x-ws-sig": env.b64e(sig)},
        )

    def platform_record(self, record_type: str, record_id: str) -> PlatformCopy:
        """The platform's current copy of one of this station's records (signed ``GET
        /v1/records/<type>/<id>``, PROTOCOL.md): what a conflict is decided against.

        Raises:
            RecordNotShown: the platform holds no such record, or it belongs to another station (its
                copy is not shown to this one); the message says which.
            SyncError: not enrolled, the platform could not be reached, or it refused the request.
        """
        d = self.device()
        path = f"/v1/records/{record_type}/{record_id}"
        ts = env.utc_iso(utcnow())
        nonce = env.new_request_nonce()
        sig = self._sign_key(d).sign(env.signing_message("GET", path, "", ts, nonce))
        headers = {"x-ws-device": d.device_id, "x-ws-time": ts, "x-ws-nonce": nonce, "x-ws-sig": env.b64e(sig)}
        try:
            resp = self.http.get(path, headers=headers)
        except httpx.HTTPError as exc:
            raise SyncError(
                QT_TRANSLATE_NOOP("sync", "Could not fetch the platform's copy: {error}").format(error=plain_error(exc))
            ) from exc
        reason = _reason(resp) if resp.status_code != 200 else ""
        if resp.status_code == 404 and reason == "unknown_record":
            raise RecordNotShown(
                QT_TRANSLATE_NOOP("sync", "the platform holds no copy of this record"), reason="unknown_record"
            )
        if resp.status_code == 403 and reason == "not_owner":
            raise RecordNotShown(
                QT_TRANSLATE_NOOP("sync", "the record belongs to another station: the platform does not show its copy"),
                reason="not_owner",
            )
        if resp.status_code == 403 and reason == "revoked":
            self._mark_revoked()
        if resp.status_code != 200:
            raise SyncError(
                QT_TRANSLATE_NOOP("sync", "The platform refused to show its copy: {problem}").format(
                    problem=_problem(resp)
                )
            )
        try:
            body = resp.json()
            payload = body["payload"]
            copy = PlatformCopy(
                version=int(body["version"]),
                deleted=bool(body["deleted"]),
                payload=dict(payload) if isinstance(payload, dict) else {},
                updated_at=env.parse_time(str(body["updated_at"])).replace(tzinfo=None),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise SyncError(QT_TRANSLATE_NOOP("sync", "The platform's answer could not be read.")) from exc
        return copy

    def downlink(self, *, limit: int = 500) -> int:
        """Fetch tasks, pre-registrations, reference data and settings after the cursor."""
        d = self.device()
        applied = 0
        with self.db.write() as s:
            deferred = list(settings.get(s, DEFERRED_KEY, []) or [])
            settings.set(s, DEFERRED_KEY, [])
            for item in deferred:
                applied += self._count(item, self._apply_item(s, item))
        while True:
            with self.db.read() as s:
                cursor = int(settings.get(s, CURSOR_KEY, 0) or 0)
            try:
                resp = self._signed_get(d, "/v1/downlink", cursor, limit)
            except httpx.HTTPError as exc:
                raise SyncError(
                    QT_TRANSLATE_NOOP("sync", "Could not fetch updates: {error}").format(error=plain_error(exc))
                ) from exc
            if resp.status_code == 403 and _reason(resp) == "revoked":
                self._mark_revoked()
            if resp.status_code != 200:
                raise SyncError(
                    QT_TRANSLATE_NOOP("sync", "The platform refused the update request: {problem}").format(
                        problem=_problem(resp)
                    )
                )
            page = resp.json()
            with self.db.write() as s:
                for item in page["items"]:
                    applied += self._count(item, self._apply_item(s, item))
                settings.set(s, CURSOR_KEY, int(page["next"]))
            if not page["more"]:
                return applied

    def _count(self, item: dict[str, Any], applied: int) -> int:
        if applied:
            kind = str(item.get("kind"))
            self.received[kind] = self.received.get(kind, 0) + applied
        return applied

    def _apply_item(self, s: Session, item: dict[str, Any]) -> int:
        kind, key, p = item["kind"], item["key"], item["payload"]
        if kind == "task":
            return self._apply_task(s, item)
        if kind == "prereg":
            row = s.get(SyncPrereg, key)
            if row is None:
                s.add(SyncPrereg(id=key, payload=json.dumps(p, ensure_ascii=False)))
            elif row.status == "pending":
                row.payload = json.dumps(p, ensure_ascii=False)
            return 1
        if kind == "reference":
            settings.set(s, f"reference.{key}", p)
            return 1
        if kind == "platform_key":
            pub = env.b64d(str(p["platform_enc_pub"]))
            if env.key_id_of(pub) != p["key_id"]:
                raise SyncError(QT_TRANSLATE_NOOP("sync", "The platform announced a key whose id does not match it."))
            dev = s.get(SyncDevice, 1)
            if dev is not None and dev.key_id != p["key_id"]:
                audit.record(
                    s,
                    actor="sync",
                    action="sync.platform_key",
                    target_type="device",
                    target_id=dev.device_id,
                    details=f"platform key {dev.key_id} -> {p['key_id']}",
                )
                dev.key_id = str(p["key_id"])
                dev.platform_enc_pub = str(p["platform_enc_pub"])
            return 1
        if kind == "setting":
            settings.set(s, key, p.get("value"))
            audit.record(
                s,
                actor="sync",
                action="setting.platform",
                target_type="setting",
                target_id=key,
                details=f"set by the platform to {p.get('value')!r}",
            )
            return 1
        return 0

    def _apply_task(self, s: Session, item: dict[str, Any]) -> int:
        p = item["payload"]
        task = s.execute(select(Task).where(Task.platform_id == p["platform_id"])).scalar_one_or_none()
        if task is not None:
            pending = s.scalar(
                select(func.count())
                .select_from(OutboxEntry)
                .where(
                    OutboxEntry.record_type == "task", OutboxEntry.record_id == task.id, OutboxEntry.acked_at.is_(None)
                )
            )
            if pending:
                deferred = list(settings.get(s, DEFERRED_KEY, []) or [])
                deferred.append(item)
                settings.set(s, DEFERRED_KEY, deferred)
                return 0
        due = p.get("due_date")
        fields = {
            "kind": p.get("kind") or "visit",
            "title": p.get("title") or "",
            "details": p.get("details"),
            "subject_type": p.get("subject_type"),
            "subject_ref": p.get("subject_ref"),
            "due_date": datetime.fromisoformat(due).date() if due else None,
        }
        version = int(p.get("version") or 1)
        if task is None:
            task = Task(
                id=p.get("id") or p["platform_id"],
                platform_id=p["platform_id"],
                version=version,
                acked_version=version,
                received_at=utcnow(),
                **fields,
            )
            s.add(task)
            action = "task.received"
        else:
            for k, v in fields.items():
                setattr(task, k, v)
            task.version = max(task.version, version)
            task.acked_version = task.version
            action = "task.updated_by_platform"
        s.flush()
        audit.record(s, actor="sync", action=action, target_type="task", target_id=task.id, details=fields["title"])
        return 1

    # ---- background use --------------------------------------------------------------------
    def reachable(self) -> bool:
        """Does the platform answer (TLS pinned) right now?"""
        try:
            return self.http.get("/v1/health").status_code == 200
        except httpx.HTTPError:
            return False

    def tick(self, *, was_reachable: bool) -> tuple[bool, SendResult | None]:
        """One step of a background loop: send what is due — when the platform has just become
        reachable again, at once instead of waiting out the backoff — then fetch the platform's
        updates (tasks, pre-registrations, settings). Returns (reachable, result); result is None when
        the platform could not be reached. The outcome is recorded for `status` (last sync / last try)."""
        self.build_batches()
        self.seal_batches()
        now_reachable = self.reachable()
        if not now_reachable:
            self._record_outcome(ok=False)
            return False, None
        before = dict(self.received)
        result = self.send(due_only=was_reachable)
        try:
            result.downloaded = self.downlink()
        except SyncError as exc:
            self._record_outcome(ok=False)
            result.error = result.error or str(exc)
            return True, result
        finally:
            result.received = _minus(self.received, before)
        self._record_outcome(ok=not result.failed)
        return True, result

    # ---- all together ----------------------------------------------------------------------
    def sync(self, *, progress: Progress | None = None, downlink: bool = True) -> SendResult:
        """Build, seal and send every waiting batch, then (when nothing failed and `downlink`) fetch the
        platform's updates. Returns the `SendResult` (``received``: what came down, per kind). Raises
        `SyncError` (not enrolled, revoked, the updates could not be fetched). The outcome is recorded
        for `status`: ``last_synced_at`` when everything finished, ``last_failed_at`` otherwise."""
        before = dict(self.received)
        try:
            self.build_batches()
            self.seal_batches()
            result = self.send(progress=progress)
            if downlink and result.error is None:
                result.downloaded = self.downlink()
        except NotEnrolled:
            raise
        except SyncError:
            self._record_outcome(ok=False)
            raise
        result.received = _minus(self.received, before)
        self._record_outcome(ok=result.error is None)
        return result

    def _record_outcome(self, *, ok: bool) -> None:
        """Remember when the last exchange finished (or did not), for the desk's status bar."""
        with self.db.write() as s:
            settings.set(s, LAST_SYNC_KEY if ok else LAST_FAILURE_KEY, self.clock().isoformat())
            if ok:
                settings.set(s, LAST_FAILURE_KEY, None)

    def status(self, *, now: datetime | None = None) -> SyncStatus:
        return status(self.db)


def decided_conflicts(s: Session) -> int:
    """Changes in state `DECIDED` (refused by the platform, then superseded by the officer's decision),
    counted from the conflicts the platform reported (one per refused change; the change's outbox row may
    have been purged since its retention)."""
    decided = select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_not(None))
    return int(s.scalar(decided) or 0)


def _minus(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    return {k: n - before.get(k, 0) for k, n in after.items() if n - before.get(k, 0)}


def _stored_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def settle_conflict(s: Session, c: SyncConflict, *, actor: str, resolution: str, at: datetime) -> None:
    """In the caller's transaction: mark the open conflict `c` decided (`resolution`, the words the
    audit trail keeps), let its refused change stop waiting (state `DECIDED`: superseded by the
    decision, never applied by the platform - its outbox row's `acked_at` says when it stopped waiting,
    the record's `acked_version` is not raised) and audit "sync.conflict.resolve"."""
    c.resolved_at = at
    c.resolution = resolution
    tbl: Any = OutboxEntry.__table__
    s.connection().execute(
        update(tbl)
        .where(
            tbl.c.batch_id == c.batch_id,
            tbl.c.record_type == c.record_type,
            tbl.c.record_id == c.record_id,
            tbl.c.version == c.version,
            tbl.c.acked_at.is_(None),
        )
        .values(acked_at=at)
    )
    audit.record(
        s,
        actor=actor,
        action="sync.conflict.resolve",
        target_type=c.record_type,
        target_id=c.record_id,
        details=resolution,
    )


def _new_id() -> str:
    import uuid

    return str(uuid.uuid4())


def status(db: Database) -> SyncStatus:
    with db.read() as s:
        d = s.get(SyncDevice, 1)
        waiting = outbox.backlog(s)
        unbatched = int(
            s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.batch_id.is_(None))) or 0
        )
        decided = decided_conflicts(s)
        states = dict(s.execute(select(SyncBatch.state, func.count()).group_by(SyncBatch.state)).all())
        pend = (
            s.execute(
                select(SyncBatch)
                .options(defer(SyncBatch.envelope))
                .where(SyncBatch.state.not_in([ACKNOWLEDGED, SUPERSEDED]))
                .order_by(SyncBatch.seq)
            )
            .scalars()
            .all()
        )
        conflicts = int(
            s.scalar(select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))) or 0
        )
        cursor = int(settings.get(s, CURSOR_KEY, 0) or 0)
        last_ok = _stored_time(settings.get(s, LAST_SYNC_KEY))
        last_failed = _stored_time(settings.get(s, LAST_FAILURE_KEY))
    return SyncStatus(
        enrolled=d is not None,
        device_id=d.device_id if d else None,
        device_status=d.status if d else None,
        unbatched_records=unbatched - waiting.held,
        unacknowledged_records=waiting.records,
        held_records=waiting.held,
        refused_records=waiting.refused,
        decided_records=decided,
        oldest_unacknowledged=waiting.oldest,
        sendable_records=waiting.sendable,
        oldest_sendable=waiting.sendable_oldest,
        batches={str(k): int(v) for k, v in states.items()},
        open_conflicts=conflicts,
        pending_batches=[
            LedgerRow(
                b.batch_id,
                b.seq,
                b.state,
                b.record_count,
                b.attempts,
                b.last_error,
                b.next_retry_at,
                b.acked_at,
            )
            for b in pend
        ],
        downlink_cursor=cursor,
        last_synced_at=last_ok,
        last_failed_at=last_failed,
    )


def list_preregs(db: Database, *, status: str = "pending") -> list[SyncPrereg]:
    """Pre-registrations pushed by the platform, waiting for the officer."""
    with db.read() as s:
        return list(s.execute(select(SyncPrereg).where(SyncPrereg.status == status)).scalars())


def _outbox_id(prereg_id: str) -> str:
    """The record id a pre-registration's outcome travels under: its own id when the protocol allows it
    (up to 36 printable ASCII characters), else a stable UUID derived from it (the payload keeps the id)."""
    import uuid

    if 0 < len(prereg_id) <= 36 and prereg_id.isascii() and prereg_id.isprintable():
        return prereg_id
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "workstation:prereg:" + prereg_id))


def settle_prereg(db: Database, prereg_id: str, *, actor: str, outcome: str, reason: str | None = None) -> None:
    """The officer confirmed (after registering the person) or rejected a pre-registration. Audited, and
    the outcome goes back to the platform through the outbox in the same transaction (record type
    "prereg", a create at version 1: ``{id, outcome, reason, settled_by, settled_at}``).

    Raises:
        SyncError: no such pending pre-registration.
        ValueError: `outcome` is neither "confirmed" nor "rejected" (a bug in the caller).
    """
    if outcome not in ("confirmed", "rejected"):
        raise ValueError("outcome is 'confirmed' or 'rejected'")
    with db.write() as s:
        row = s.get(SyncPrereg, prereg_id)
        if row is None or row.status != "pending":
            raise SyncError(QT_TRANSLATE_NOOP("sync", "No such pending pre-registration."))
        row.status = outcome
        outbox.append_payload(
            s,
            record_type="prereg",
            record_id=_outbox_id(prereg_id),
            operation="create",
            version=1,
            base_version=None,
            payload={
                "id": prereg_id,
                "outcome": outcome,
                "reason": reason,
                "settled_by": actor,
                "settled_at": env.utc_iso(utcnow()),
            },
        )
        audit.record(
            s,
            actor=actor,
            action=f"prereg.{outcome}",
            target_type="prereg",
            target_id=prereg_id,
            details="pre-registration from the platform" + (f"; reason: {reason}" if reason else ""),
        )
