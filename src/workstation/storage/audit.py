"""The tamper-evident audit trail.

Each row is written in the caller's transaction (so it commits with the change it records). Row
hash = SHA-256(prev_hash ‖ canonical fields); MAC = HMAC-SHA256(audit key, hash), the audit key
derived from the master secret, not from the SQLCipher key. `audit_head` keeps the last seq and
hash under a MAC. Triggers refuse UPDATE and DELETE. ID numbers are masked in audit text.

Nothing extends the chain without first checking its head: `record` refuses (`AuditTrailDamaged`)
unless the head's MAC is valid and the last row is the one the head names, with a valid MAC. A
cut tail with an older head put back (a validly MAC'd head from earlier) is still a consistent
chain, so the chain's length and head are also **anchored outside the table**:

* the *anchor file* ``workstation.db.anchor`` (JSON: seq, hash, HMAC under the audit key), written
  atomically at unlock, at close and at most every few seconds after a write; verification
  requires the anchored row to still be in the chain with the anchored hash;
* the same (seq, hash) is sent signed with every sync batch (`checkpoint`), and the platform
  refuses a checkpoint that goes backwards or forks, which catches an older anchor file put back
  with an older database.

Verification also checks that the append-only triggers are still in place.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from workstation.files import write_atomic
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage.errors import AuditTrailDamaged
from workstation.storage.schema import AuditEvent, AuditHead, utcnow

ANCHOR_VERSION = 1
ANCHOR_INTERVAL_S = 5.0  # at most one anchor write per this many seconds of writing
# The append-only guards (migration 0001) and the clause each must contain.
TRIGGERS = {
    "audit_event_no_update": "BEFORE UPDATE ON audit_event",
    "audit_event_no_delete": "BEFORE DELETE ON audit_event",
}

GENESIS = "0" * 64
VERIFY_STEP = 2000  # rows between two progress reports (and cancel checks) of `AuditLog.verify`


class VerifyProgress(Protocol):
    """What `AuditLog.verify` reports to and asks whether to stop (``ui.tasks.CancelToken`` is one)."""

    def report(self, done: int, total: int | None = None, text: str | None = None) -> None: ...

    def raise_if_cancelled(self) -> None: ...

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
        self._last_anchor = float("-inf")

    # ---- checks that need no walk of the chain -------------------------------------------------
    def head_problem(self, session: Session) -> str | None:
        """Is the head sound and does it name the last row? Returns a problem in words, or None."""
        head = session.get(AuditHead, 1)
        last = session.execute(  # columns, not an ORM object: this runs before every audit row
            select(
                AuditEvent.seq,
                AuditEvent.at,
                AuditEvent.actor,
                AuditEvent.action,
                AuditEvent.target_type,
                AuditEvent.target_id,
                AuditEvent.details,
                AuditEvent.outcome,
                AuditEvent.prev_hash,
                AuditEvent.hash,
                AuditEvent.mac,
            )
            .order_by(AuditEvent.seq.desc())
            .limit(1)
        ).first()
        if head is None:
            return None if last is None else QT_TRANSLATE_NOOP("audit", "the head record (audit_head) was deleted")
        if not hmac.compare_digest(_mac(self._key, f"head:{head.seq}:{head.hash}"), head.mac):
            return QT_TRANSLATE_NOOP("audit", "the head record (audit_head) was altered")
        if last is None:
            return QT_TRANSLATE_NOOP("audit", "the head names row {seq} but every row was deleted").format(seq=head.seq)
        if last.seq != head.seq or last.hash != head.hash:
            return QT_TRANSLATE_NOOP(
                "audit",
                "the last row is {last} but the head names row {head}: rows were removed or added, "
                "or an older head was put back",
            ).format(last=last.seq, head=head.seq)
        body = _canonical(
            last.seq, last.at, last.actor, last.action, last.target_type, last.target_id, last.details, last.outcome
        )
        mac_ok = hmac.compare_digest(_mac(self._key, last.hash), last.mac)
        if _row_hash(last.prev_hash, body) != last.hash or not mac_ok:
            return QT_TRANSLATE_NOOP("audit", "row {seq} was altered").format(seq=last.seq)
        return None

    @staticmethod
    def triggers_problem(session: Session) -> str | None:
        """Are the append-only triggers in place and unchanged?"""
        result = session.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_event'")
        )
        rows = {str(name): sql for name, sql in result}
        for name, clause in TRIGGERS.items():
            sql = " ".join(str(rows.get(name) or "").split())
            if clause not in sql or "RAISE(ABORT" not in sql.replace(" ", ""):
                return QT_TRANSLATE_NOOP(
                    "audit", "the guard {name} that keeps the trail append-only was removed or changed"
                ).format(name=name)
        return None

    def anchor_problem(self, session: Session, path: Path) -> str | None:
        """Does the chain still hold the anchored row with the anchored hash?"""
        try:
            doc = json.loads(Path(path).read_text())
            seq, h, mac = int(doc["seq"]), str(doc["hash"]), str(doc["mac"])
        except FileNotFoundError:
            return QT_TRANSLATE_NOOP("audit", "its anchor file {name} is missing").format(name=Path(path).name)
        except (OSError, ValueError, KeyError, TypeError):
            return QT_TRANSLATE_NOOP("audit", "its anchor file {name} is unreadable").format(name=Path(path).name)
        if not hmac.compare_digest(_mac(self._key, f"anchor:{seq}:{h}"), mac):
            return QT_TRANSLATE_NOOP(
                "audit", "its anchor file {name} was altered or belongs to another station"
            ).format(name=Path(path).name)
        head = session.get(AuditHead, 1)
        head_seq = head.seq if head is not None else 0
        if head_seq < seq:
            return QT_TRANSLATE_NOOP(
                "audit",
                "the trail ends at row {head} but was anchored at row {seq}: rows were cut off its end, "
                "or an older copy of the database was put back",
            ).format(head=head_seq, seq=seq)
        if seq > 0:
            row = session.get(AuditEvent, seq)
            if row is None or row.hash != h:
                return QT_TRANSLATE_NOOP(
                    "audit", "row {seq} is not the row that was anchored: the trail was replaced"
                ).format(seq=seq)
        return None

    def quick_check(self, session: Session, anchor: Path | None) -> str | None:
        """Head, triggers and anchor (O(1) in the trail's length): run at every unlock."""
        return (
            self.head_problem(session)
            or (self.anchor_problem(session, anchor) if anchor is not None else None)
            or self.triggers_problem(session)
        )

    # ---- the anchor file ---------------------------------------------------------------------
    def anchor_document(self, seq: int, h: str) -> dict[str, Any]:
        return {"version": ANCHOR_VERSION, "seq": seq, "hash": h, "mac": _mac(self._key, f"anchor:{seq}:{h}")}

    def write_anchor(self, session: Session, path: Path) -> None:
        """Anchor the current head in `path` (atomic, private). Refuses to anchor a damaged head."""
        problem = self.head_problem(session) or (self.anchor_problem(session, path) if Path(path).exists() else None)
        if problem:  # never move the anchor back over a cut: keep the evidence
            raise AuditTrailDamaged(problem)
        head = session.get(AuditHead, 1)
        seq, h = (head.seq, head.hash) if head is not None else (0, GENESIS)
        write_atomic(Path(path), json.dumps(self.anchor_document(seq, h)).encode())
        self._last_anchor = time.monotonic()

    def anchor_after_commit(self, path: Path, seq: int, h: str, *, before: Callable[[], None] | None = None) -> None:
        """Called by `Database.write` after a commit that extended the chain (already checked).
        `before` runs first when the anchor is written (`Database.flush_wal` after a commit that was
        not synced: the anchor must never name a row a power cut could take back)."""
        if time.monotonic() - self._last_anchor < ANCHOR_INTERVAL_S:
            return
        try:
            if int(json.loads(Path(path).read_text())["seq"]) > seq:
                return  # the anchor is ahead of the chain: leave it for verification to report
        except (OSError, ValueError, KeyError, TypeError):
            pass
        if before is not None:
            before()
        write_atomic(Path(path), json.dumps(self.anchor_document(seq, h)).encode())
        self._last_anchor = time.monotonic()

    def mac_of(self, message: str) -> str:
        """HMAC-SHA256 under this log's key (used by rekey to re-MAC rows under a new key)."""
        return _mac(self._key, message)

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
        problem = self.head_problem(session)
        if problem:
            raise AuditTrailDamaged(problem)
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
        session.info["audit_head"] = (seq, h)
        return ev

    def checkpoint(self, session: Session) -> dict[str, object]:
        """The head as {"seq", "hash"} (sent signed with sync batches). Raises `AuditTrailDamaged`
        rather than vouch for a damaged head."""
        problem = self.head_problem(session)
        if problem:
            raise AuditTrailDamaged(problem)
        head = session.get(AuditHead, 1)
        if head is None:
            return {"seq": 0, "hash": GENESIS}
        return {"seq": head.seq, "hash": head.hash}

    def verify(
        self, session: Session, anchor: Path | None = None, *, progress: VerifyProgress | None = None
    ) -> VerifyResult:
        """Walk the whole chain, then check the head, the triggers and (given its path) the anchor.
        Names the first broken row (or the head, guard or anchor) and why (`VerifyResult.message`, a
        marked text).

        `progress` (optional): its ``report(done, total, None)`` is called every `VERIFY_STEP` rows
        (rows checked so far / rows in the trail) and its ``raise_if_cancelled()`` before each step,
        so a cancel stops the walk (raises whatever it raises, e.g. `workstation.errors.Cancelled`).
        A ``ui.tasks.CancelToken`` is one."""
        prev = GENESIS
        expected_seq = 1
        count = 0
        total = int(session.execute(select(func.max(AuditEvent.seq))).scalar() or 0)
        if progress is not None:
            progress.raise_if_cancelled()
            progress.report(0, total, None)
        rows = session.execute(
            select(
                AuditEvent.seq,
                AuditEvent.at,
                AuditEvent.actor,
                AuditEvent.action,
                AuditEvent.target_type,
                AuditEvent.target_id,
                AuditEvent.details,
                AuditEvent.outcome,
                AuditEvent.prev_hash,
                AuditEvent.hash,
                AuditEvent.mac,
            ).order_by(AuditEvent.seq)
        )
        for ev in rows:
            count += 1
            if progress is not None and count % VERIFY_STEP == 0:
                progress.raise_if_cancelled()
                progress.report(count, max(total, count), None)
            body = _canonical(ev.seq, ev.at, ev.actor, ev.action, ev.target_type, ev.target_id, ev.details, ev.outcome)
            if ev.seq != expected_seq:
                return VerifyResult(
                    False,
                    count - 1,
                    expected_seq,
                    QT_TRANSLATE_NOOP("audit", "row {seq} is missing (next row is {next})").format(
                        seq=expected_seq, next=ev.seq
                    ),
                )
            if ev.prev_hash != prev:
                return VerifyResult(
                    False,
                    count - 1,
                    ev.seq,
                    QT_TRANSLATE_NOOP("audit", "row {seq} does not link to row {prev}").format(
                        seq=ev.seq, prev=ev.seq - 1
                    ),
                )
            if _row_hash(prev, body) != ev.hash:
                return VerifyResult(
                    False,
                    count - 1,
                    ev.seq,
                    QT_TRANSLATE_NOOP("audit", "row {seq} was altered (hash mismatch)").format(seq=ev.seq),
                )
            if not hmac.compare_digest(_mac(self._key, ev.hash), ev.mac):
                forged = QT_TRANSLATE_NOOP("audit", "row {seq} has a forged MAC").format(seq=ev.seq)
                return VerifyResult(False, count - 1, ev.seq, forged)
            prev = ev.hash
            expected_seq += 1
        if progress is not None:
            progress.report(count, max(total, count), None)
        head = session.get(AuditHead, 1)
        last = expected_seq - 1
        anchored = self.anchor_problem(session, anchor) if anchor is not None else None
        if head is None:
            if last:
                return VerifyResult(
                    False, count, None, QT_TRANSLATE_NOOP("audit", "the head record (audit_head) was deleted")
                )
            if anchored:
                return VerifyResult(False, count, None, anchored)
            return VerifyResult(True, 0, None, QT_TRANSLATE_NOOP("audit", "empty audit trail"))
        if not hmac.compare_digest(_mac(self._key, f"head:{head.seq}:{head.hash}"), head.mac):
            return VerifyResult(False, count, None, QT_TRANSLATE_NOOP("audit", "the audit head was altered"))
        if head.seq != last or head.hash != prev:
            return VerifyResult(
                False,
                count,
                last + 1,
                QT_TRANSLATE_NOOP(
                    "audit", "the trail ends at row {last} but the head says {head}: rows were removed"
                ).format(last=last, head=head.seq),
            )
        if anchored:
            return VerifyResult(False, count, None, anchored)
        guard = self.triggers_problem(session)
        if guard:
            return VerifyResult(False, count, None, guard)
        return VerifyResult(True, count, None, QT_TRANSLATE_NOOP("audit", "{count} rows verified").format(count=count))


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


def verify(session: Session, *, progress: VerifyProgress | None = None) -> VerifyResult:
    """Full verification; for a station database also against its anchor file. `progress`: see
    `AuditLog.verify`."""
    db = session.info.get("database")
    return _log_for(session).verify(session, getattr(db, "anchor_path", None), progress=progress)
