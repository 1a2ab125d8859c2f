"""Fingerprints (biometrics). Reached as `desk.biometrics`.

Templates (and images, when the station allows keeping them) are sealed with AES-GCM under the
`fingerprint-templates` subkey, bound to the person's id (GB/T 35273: biometrics apart from identity
data). A resident's record lists enrolled fingers as position + quality only; the template leaves
storage only through `template()`, which is audited.

    add(person_id, *, position: FingerPosition, template: bytes, quality: int, device=None, image=None) -> Changes
    check_finger(finger: EnrolledFinger) -> EnrolledFinger      (add's checks only)
    write_finger(tx, person_id, finger) -> None                 (add's write, in the caller's transaction)
    template(fingerprint_id: str) -> bytes
    approver(username, password) -> Actor                     (a supervisor confirms a skip with their password)
    check_skip(*, reason, note=None, approver=None) -> (reason, words, policy)   (record_skip's checks only)
    record_skip(person_id, *, reason, note=None, approver=None) -> FingerprintSkip
    last_skip(session, person_id) -> FingerprintSkip | None   (module function: the resident's detail shows it)

A finger taken at registration is stored in the registration's own transaction:
`desk.residents.register(..., fingerprint=EnrolledFinger(position, template, quality))` checks it first
(`check_finger`: the permission, then position, template and quality) and writes it with the resident
(`write_finger`), so no failure can leave a registered resident without the finger the officer saw taken.
`add` stores a finger of a resident registered earlier, with the same checks and the same write.

A resident registered without a fingerprint has the skip recorded in the registration's own transaction:
`desk.residents.register(..., fingerprint_skip=SkipRequest(reason, note, approver))` checks it first
(`check_skip`) and writes it with the resident (`write_skip`), so no failure can leave a registered
resident without the skip. `record_skip` records one for a resident registered earlier.

A registration without a fingerprint is an event of its own, not a line in the resident's notes: the
operator picks the reason from a fixed list (`FingerprintSkipReason`; "other" with a few words), and
`record_skip` audits it as "fingerprint.skip" with the reason code, the words, the station's policy and
who confirmed it. The station's `fingerprint_policy` (`storage.policy`) decides who may skip: "optional"
— the operator, giving the reason; "required" — only with a supervisor's confirmation (their name and
password at the desk, `approver`); "off" — fingerprints are not taken, so there is nothing to skip.
"""

from __future__ import annotations

import json
import numbers
import os
from dataclasses import dataclass, replace
from datetime import datetime

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.domain.enums import FingerPosition, FingerprintSkipReason
from workstation.domain.permissions import Permission
from workstation.domain.validation import Problems
from workstation.errors import Problem, UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP, Text
from workstation.storage import operators, settings
from workstation.storage.areas.base import Area, Changes, Transaction, raise_problems
from workstation.storage.operators import Actor
from workstation.storage.schema import AuditEvent, Fingerprint, Operator, Person

SKIP_ACTION = "fingerprint.skip"
#: What a supervisor's confirmation of a skip is for, in the audit row "operator.confirm" (its words:
#: `sync.audit_words`).
SKIP_PURPOSE = "registration without a fingerprint"
NOTE_LIMIT = 200  # characters of the words given with a reason
#: Each reason in the operator's words (the "fingerprint" context).
SKIP_REASONS: dict[FingerprintSkipReason, Text] = {
    FingerprintSkipReason.FINGER_INJURED: QT_TRANSLATE_NOOP("fingerprint", "finger injured or missing"),
    FingerprintSkipReason.NO_USABLE_FINGER: QT_TRANSLATE_NOOP(
        "fingerprint", "no usable finger (ridges worn or damaged)"
    ),
    FingerprintSkipReason.DEVICE_UNAVAILABLE: QT_TRANSLATE_NOOP("fingerprint", "fingerprint scanner unavailable"),
    FingerprintSkipReason.TOO_YOUNG: QT_TRANSLATE_NOOP("fingerprint", "child under the age for fingerprints"),
    FingerprintSkipReason.REFUSED: QT_TRANSLATE_NOOP("fingerprint", "the person refused"),
    FingerprintSkipReason.OTHER: QT_TRANSLATE_NOOP("fingerprint", "other reason"),
}
_OTHER_WITH_WORDS = QT_TRANSLATE_NOOP("fingerprint", "other: {note}")
_WITH_NOTE = QT_TRANSLATE_NOOP("fingerprint", "{reason} ({note})")


class NothingToSkip(UserFacingError):
    """The station does not take fingerprints (policy "off"): a skip is not recorded."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "fingerprint", "This station does not take fingerprints at registration, so there is nothing to skip."
        ))


class SupervisorNeeded(UserFacingError):
    """Policy "required": a skip needs a supervisor's confirmation, and none (or no supervisor) gave it."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "fingerprint",
            "This station requires a fingerprint: registering without one needs a supervisor's confirmation "
            "(their name and password).",
        ))


@dataclass(frozen=True)
class SkipRequest:
    """A skip asked for at registration (`Residents.register(fingerprint_skip=)`): the reason (a
    `FingerprintSkipReason` or its value), the operator's words, and the supervisor who confirmed it
    (`Biometrics.approver`; needed where the station's policy is "required")."""

    reason: FingerprintSkipReason | str
    note: str | None = None
    approver: Actor | None = None


@dataclass(frozen=True)
class EnrolledFinger:
    """A finger enrolled at the scanner, to store (`Biometrics.add`, `Residents.register(fingerprint=)`):
    its ISO/IEC 19794-2 position (`FingerPosition` or its number), the template as the scanner made it,
    the quality 0–100 (the lowest accepted press), the scanner that took it (optional) and its image
    (optional; kept only where the station setting `store_fingerprint_images` says so)."""

    position: FingerPosition | int
    template: bytes
    quality: int
    device: str | None = None
    image: bytes | None = None


@dataclass(frozen=True)
class FingerprintSkip:
    """A registration that went without a fingerprint, as audited. Times naive UTC.

    `by` is the operator at the desk (username) and `by_name` their display name; `approved_by` /
    `approved_by_name` the supervisor who confirmed it (None when the policy did not ask for one);
    `policy` the station's fingerprint policy then."""

    person_id: str
    reason: FingerprintSkipReason
    note: str | None
    by: str
    by_name: str
    at: datetime
    policy: str
    approved_by: str | None = None
    approved_by_name: str | None = None

    @property
    def reason_text(self) -> str:
        """The reason in words (a marked text: `i18n.render` gives the operator's language), with the
        words the operator added ("other: …" for another reason)."""
        if self.reason is FingerprintSkipReason.OTHER and self.note:
            return _OTHER_WITH_WORDS.format(note=self.note)
        if self.note:
            return _WITH_NOTE.format(reason=SKIP_REASONS[self.reason], note=self.note)
        return SKIP_REASONS[self.reason]


def _policy(s: Session) -> str:
    value = str(settings.get(s, "fingerprint_policy") or "optional")
    return value if value in ("required", "optional", "off") else "optional"


def _display_names(s: Session, usernames: set[str]) -> dict[str, str]:
    if not usernames:
        return {}
    rows = s.execute(select(Operator.username, Operator.display_name).where(Operator.username.in_(usernames)))
    return {u: d for u, d in rows.all()}


def last_skip(s: Session, person_id: str) -> FingerprintSkip | None:
    """The latest skip recorded for `person_id` in the audit trail (None: none, or unreadable). Reads only."""
    ev = s.execute(
        select(AuditEvent)
        .where(AuditEvent.target_type == "person", AuditEvent.target_id == person_id,
               AuditEvent.action == SKIP_ACTION, AuditEvent.outcome == "ok")
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).scalar_one_or_none()
    if ev is None:
        return None
    try:
        data = json.loads(ev.details)
        reason = FingerprintSkipReason(data["reason"])
    except (ValueError, KeyError, TypeError):
        return None
    approved = data.get("approved_by") or None
    names = _display_names(s, {ev.actor} | ({approved} if approved else set()))
    return FingerprintSkip(
        person_id=person_id, reason=reason, note=data.get("note") or None, by=ev.actor,
        by_name=names.get(ev.actor, ev.actor), at=ev.at, policy=str(data.get("policy") or ""),
        approved_by=approved, approved_by_name=names.get(approved, approved) if approved else None,
    )


def write_skip(
    tx: Transaction,
    person_id: str,
    *,
    reason: FingerprintSkipReason,
    words: str | None,
    policy: str,
    approver: Actor | None,
) -> None:
    """In the caller's transaction: the audit row "fingerprint.skip" about `person_id` (details JSON
    ``{reason, note, policy, approved_by}``), as `Biometrics.check_skip` returned it (reason, words,
    policy). Checks nothing itself."""
    details = {"reason": reason.value, "note": words, "policy": policy,
               "approved_by": approver.username if approver is not None else None}
    tx.audit(SKIP_ACTION, target_type="person", target_id=person_id, details=json.dumps(details, ensure_ascii=False))


class Biometrics(Area):
    """Fingerprint enrolment records. See the module docstring."""

    def add(
        self,
        person_id: str,
        *,
        position: FingerPosition,
        template: bytes,
        quality: int,
        device: str | None = None,
        image: bytes | None = None,
    ) -> Changes:
        """Store an enrolled finger (ISO finger position, template, quality 0–100) of a resident
        registered earlier (`check_finger`, then `write_finger`). `changes.id` is its id.

        Raises:
            PermissionDenied: the role may not capture fingerprints.
            ValidationError: no such finger position; no template; quality outside 0–100.
            NotFound: the resident was deleted.
        """
        finger = self.check_finger(
            EnrolledFinger(position=position, template=template, quality=quality, device=device, image=image)
        )
        with self._write() as tx:
            tx.load(Person, person_id)
            self.write_finger(tx, person_id, finger)
            return tx.changes

    def check_finger(self, finger: EnrolledFinger) -> EnrolledFinger:
        """Everything `add` checks before it writes, without writing, in this order: the role may
        capture fingerprints, then the finger itself (a known ISO position, a template, quality 0–100;
        every problem at once). `Residents.register(fingerprint=)` calls it before anything of the
        registration is written. Returns the finger with its position as a `FingerPosition`.

        Raises:
            PermissionDenied: the role may not capture fingerprints.
            ValidationError: no such finger position; no template; quality outside 0–100.
        """
        self._require(Permission.CAPTURE_FINGERPRINT)
        problems: Problems = []
        try:
            position = FingerPosition(finger.position)
        except ValueError:
            position = FingerPosition.UNKNOWN
            problems.append(Problem("position", "invalid",
                                    QT_TRANSLATE_NOOP("storage", "no such finger position")))
        if not finger.template:
            problems.append(Problem("template", "invalid", QT_TRANSLATE_NOOP("storage", "no template was captured")))
        quality = finger.quality
        if isinstance(quality, bool) or not isinstance(quality, numbers.Integral) or not 0 <= quality <= 100:
            problems.append(Problem("quality", "invalid", QT_TRANSLATE_NOOP("storage", "quality must be 0–100")))
        raise_problems(problems)
        return replace(finger, position=position, quality=int(quality))

    def write_finger(self, tx: Transaction, person_id: str, finger: EnrolledFinger) -> None:
        """In the caller's transaction: the Fingerprint row of `person_id` (template sealed to the
        person; the image sealed too, and only where the station setting `store_fingerprint_images`
        keeps images) with its outbox and audit rows (`Transaction.create`), as `check_finger` passed
        it. Checks nothing itself."""
        keep_image = bool(settings.get(tx.session, "store_fingerprint_images"))
        position = FingerPosition(finger.position)
        tx.create(
            Fingerprint(
                person_id=person_id,
                position=int(position),
                template_enc=self._seal(finger.template, person_id),
                quality=finger.quality,
                device=finger.device,
                image_enc=self._seal(finger.image, person_id) if (finger.image and keep_image) else None,
            ),
            details=f"finger {int(position)} quality {finger.quality}",
        )

    def template(self, fingerprint_id: str) -> bytes:
        """The decrypted template of an enrolled finger (for matching). Audited.

        Raises:
            PermissionDenied: the role may not capture fingerprints.
            NotFound: no such fingerprint (or deleted).
        """
        self._require(Permission.CAPTURE_FINGERPRINT)
        with self._write() as tx:
            fp = tx.load(Fingerprint, fingerprint_id)
            tx.audit("fingerprint.read", target_type="person", target_id=fp.person_id)
            blob = fp.template_enc
            return AESGCM(self.db.subkey("fingerprint-templates")).decrypt(blob[:12], blob[12:], fp.person_id.encode())

    def approver(self, username: str, password: str) -> Actor:
        """A supervisor, at the desk of the operator registering, confirms a registration without a
        fingerprint with their own name and password (`operators.confirm`: checked like a login, failures
        counted towards their lockout, audited "operator.confirm"; they are not logged in). Pass the
        result to `record_skip(approver=)`.

        Raises:
            PermissionDenied: the operator at the desk may not capture fingerprints, or the one confirming
                is not a supervisor.
            AuthenticationFailed: wrong name or password (or a locked account).
        """
        self._require(Permission.CAPTURE_FINGERPRINT)
        actor = operators.confirm(self.db, username, password,
                                  purpose=SKIP_PURPOSE)
        operators.authorize(self.db, actor, Permission.APPROVE_FINGERPRINT_SKIP)
        return actor

    def check_skip(
        self,
        *,
        reason: FingerprintSkipReason | str,
        note: str | None = None,
        approver: Actor | None = None,
    ) -> tuple[FingerprintSkipReason, str | None, str]:
        """Everything `record_skip` checks before it writes, without writing: a form calls it before it
        registers the resident, so a skip that would be refused stops the registration instead of
        following it. Returns (reason, the words as recorded, the station's policy).

        Raises:
            as `record_skip`, except NotFound.
        """
        self._require(Permission.CAPTURE_FINGERPRINT)
        problems: Problems = []
        try:
            code = FingerprintSkipReason(reason)
        except ValueError:
            code = FingerprintSkipReason.OTHER
            problems.append(Problem("reason", "invalid", QT_TRANSLATE_NOOP("fingerprint", "choose a reason")))
        words = " ".join((note or "").split()) or None
        if code is FingerprintSkipReason.OTHER and not words and not problems:
            problems.append(Problem("note", "required", QT_TRANSLATE_NOOP("fingerprint", "say what the reason is")))
        if words is not None and len(words) > NOTE_LIMIT:
            problems.append(Problem("note", "invalid", QT_TRANSLATE_NOOP(
                "fingerprint", "at most {limit} characters").format(limit=NOTE_LIMIT)))
        raise_problems(problems)
        with self.db.read() as s:
            policy = _policy(s)
        if policy == "off":
            raise NothingToSkip()
        if policy == "required" and approver is None:
            raise SupervisorNeeded()
        if approver is not None:
            operators.authorize(self.db, approver, Permission.APPROVE_FINGERPRINT_SKIP)
        return code, words, policy

    def record_skip(
        self,
        person_id: str,
        *,
        reason: FingerprintSkipReason | str,
        note: str | None = None,
        approver: Actor | None = None,
    ) -> FingerprintSkip:
        """Record that `person_id` was registered without a fingerprint, and why: an audit row
        "fingerprint.skip" about the resident whose details are JSON ``{reason, note, policy,
        approved_by}`` (`reason` a `FingerprintSkipReason` value). Nothing goes into the resident's
        notes. The resident's detail shows the latest one (`last_skip`).

        Args:
            reason: one of the fixed reasons; `FingerprintSkipReason.OTHER` needs `note`.
            note: a few words (at most `NOTE_LIMIT` characters), optional for the listed reasons.
            approver: the supervisor who confirmed it (`approver()`); needed where the station's policy is
                "required", recorded where given.

        Raises:
            PermissionDenied: the operator may not capture fingerprints; `approver` is not an active supervisor.
            ValidationError: an unknown reason; "other" without words; words too long.
            NothingToSkip: the station's policy is "off".
            SupervisorNeeded: the policy is "required" and no approver was given.
            NotFound: the resident was deleted.
        """
        code, words, policy = self.check_skip(reason=reason, note=note, approver=approver)
        with self._write() as tx:
            tx.load(Person, person_id)
            write_skip(tx, person_id, reason=code, words=words, policy=policy, approver=approver)
            skip = last_skip(tx.session, person_id)
        assert skip is not None
        return skip

    def _seal(self, data: bytes, person_id: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + AESGCM(self.db.subkey("fingerprint-templates")).encrypt(nonce, data, person_id.encode())
