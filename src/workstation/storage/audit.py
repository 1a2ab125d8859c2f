"""The tamper-evident audit trail.

Each row is written in the caller's transaction (so it commits with the change it records). Row
hash = SHA-256(prev_hash ‖ canonical fields); MAC = HMAC-SHA256(audit key, hash), the audit key
derived from the master secret, not from the SQLCipher key. `audit_head` keeps the last seq and
hash under a MAC, so a truncated tail is found too. Triggers refuse UPDATE and DELETE.
ID numbers are masked in audit text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.storage.schema import AuditEvent, AuditHead, utcnow

GENESIS = "0" * 64
_ID18 = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{6})(\d{3})(?![0-9A-Za-z])")
_PR17 = re.compile(r"(?<![0-9A-Za-z])([A-Z]{3})(\d{8})(\d{4})(?![0-9A-Za-z])")


def mask_id_numbers(text: str) -> str:
    """110105194912310029 → 110105********0029 (region kept, birth date and sequence hidden)."""
    text = _ID18.sub(lambda m: m.group(1) + "*" * 8 + m.group(3)[-4:], text)
    text = _PR17.sub(lambda m: m.group(1) + "*" * 8 + m.group(3), text)
    return _ID15.sub(lambda m: m.group(1) + "*" * 6 + m.group(3), text)


def _canonical(
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    target_type: str | None,
    target_id: str | None,
    details: str,
    outcome: str,
) -> bytes:
    return json.dumps(
        [seq, at.isoformat(timespec="microseconds"), actor, action, target_type, target_id, details, outcome],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def _row_hash(prev_hash: str, body: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + body).hexdigest()


def _mac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


class AuditLog:
    """Bound to the audit MAC key of one database."""

    def __init__(self, mac_key: bytes) -> None:
        self._key = mac_key

    def record(
        self,
        session: Session,
        *,
        actor: str,
        action: str,
        target_type: str | None = None,
        target_id: str | None = None,
        details: str = "",
        outcome: str = "ok",
    ) -> AuditEvent:
        head = session.get(AuditHead, 1)
        seq = (head.seq + 1) if head else 1
        prev = head.hash if head else GENESIS
        at = utcnow()
        details = mask_id_numbers(details)
        h = _row_hash(prev, _canonical(seq, at, actor, action, target_type, target_id, details, outcome))
        ev = AuditEvent(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            target_type=target_type,
            target_id=target_id,
            details=details,
            outcome=outcome,
            prev_hash=prev,
            hash=h,
            mac=_mac(self._key, h),
        )
        session.add(ev)
        head_mac = _mac(self._key, f"head:{seq}:{h}")
        if head is None:
            session.add(AuditHead(id=1, seq=seq, hash=h, mac=head_mac))
        else:
            head.seq, head.hash, head.mac = seq, h, head_mac
        session.flush()
        return ev

    def checkpoint(self, session: Session) -> dict[str, object]:
        head = session.get(AuditHead, 1)
        if head is None:
            return {"seq": 0, "hash": GENESIS}
        return {"seq": head.seq, "hash": head.hash}

    def verify(self, session: Session) -> VerifyResult:
        """Walk the whole chain. Names the first broken row (or the head) and why."""
        prev = GENESIS
        expected_seq = 1
        count = 0
        rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()
        for ev in rows:
            count += 1
            body = _canonical(ev.seq, ev.at, ev.actor, ev.action, ev.target_type, ev.target_id, ev.details, ev.outcome)
            if ev.seq != expected_seq:
                return VerifyResult(
                    False, count - 1, expected_seq, f"row {expected_seq} is missing (next row is {ev.seq})"
                )
            if ev.prev_hash != prev:
                return VerifyResult(False, count - 1, ev.seq, f"row {ev.seq} does not link to row {ev.seq - 1}")
            if _row_hash(prev, body) != ev.hash:
                return VerifyResult(False, count - 1, ev.seq, f"row {ev.seq} was altered (hash mismatch)")
            if not hmac.compare_digest(_mac(self._key, ev.hash), ev.mac):
                return VerifyResult(False, count - 1, ev.seq, f"row {ev.seq} has a forged MAC")
            prev = ev.hash
            expected_seq += 1
            session.expunge(ev)
        head = session.get(AuditHead, 1)
        last = expected_seq - 1
        if head is None:
            if last:
                return VerifyResult(False, count, None, "the audit head is missing")
            return VerifyResult(True, 0, None, "empty audit trail")
        if not hmac.compare_digest(_mac(self._key, f"head:{head.seq}:{head.hash}"), head.mac):
            return VerifyResult(False, count, None, "the audit head was altered")
        if head.seq != last or head.hash != prev:
            return VerifyResult(
                False, count, last + 1, f"the trail ends at row {last} but the head says {head.seq}: rows were removed"
            )
        return VerifyResult(True, count, None, f"{count} rows verified")


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    rows_checked: int
    first_broken_seq: int | None
    message: str


def _log_for(session: Session) -> AuditLog:
    db = session.info.get("database")
    if db is None:
        raise RuntimeError("audit.record needs a session from Database.write()")
    log: AuditLog = db.audit_log
    return log


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    target_type: str | None = None,
    target_id: str | None = None,
    details: str = "",
    outcome: str = "ok",
) -> AuditEvent:
    """Append an audit row in the caller's transaction (session from `Database.write()`)."""
    return _log_for(session).record(
        session,
        actor=actor,
        action=action,
        target_type=target_type,
        target_id=target_id,
        details=details,
        outcome=outcome,
    )


def checkpoint(session: Session) -> dict[str, object]:
    return _log_for(session).checkpoint(session)


def verify(session: Session) -> VerifyResult:
    return _log_for(session).verify(session)
