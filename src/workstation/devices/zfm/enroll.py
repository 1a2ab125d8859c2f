"""The enrolment workflow officers follow at the scanner, step by step.

Per press: wait for the finger → capture (GenImg) → upload the image → host quality gate (a refused
press is not counted: the officer sees the guidance and the finger is asked for again) → Img2Tz into
CharBuffer 1 (first press) or 2 → ask to lift the finger and wait until it is off the glass.

Presses 1 and 2 are combined on the module (RegModel; the template then sits in CharBuffer 1). Modules
of this family have only two character buffers (ZFM-20, R30x, AS608), so a third press cannot be
merged in; it *verifies* the template instead: its features must Match the template, otherwise it is
refused like a bad press and asked for again.

Then a **local** duplicate check: Search the module's own library, which holds this station's recent
enrolments (up to the module's capacity). A hit is reported honestly as "already enrolled on this
scanner at page N"; checking against everyone (1:N) is the platform's job, and the step says so. A
duplicate is not stored a second time. Otherwise the template is stored in the lowest free page. When
the library is full the template is not stored on the module unless an `evict` callback (given the
pages in use) names a page to free — the application knows from its records which enrolment on this
scanner is the oldest; the module itself keeps no dates. Finally the template bytes are uploaded
(UpChar); they are what the station encrypts and keeps.

Every step goes to `on_step` with a machine code and English + Chinese text. Module settings are never
changed here. Step codes, in the order they can occur:

    start                     the finger and number of presses
    place_finger              press N of M: place the finger (repeated for the same N after a refusal)
    captured                  an image was taken; it is being uploaded and checked
    capture_failed            the module could not take the image (0x03); lift and press again
    quality_refused           host quality below `min_quality`; carries the QualityReport and its guidance
    quality_ok                host quality accepted (the score is in the step's QualityReport)
    features_refused          the module could not extract features (0x06/0x07/…); press again
    press_mismatch            third press does not match the first two; press the same finger again
    press_accepted            press N counted
    lift_finger               lift the finger (after every press, accepted or refused)
    merging / merge_failed    RegModel; merge_failed ends the enrolment (EnrollmentFailed)
    checking_duplicate        local search of this scanner's library (says 1:N is the platform's job)
    duplicate / not_duplicate result of the local check (`page` = the page already holding the finger)
    library_full / evicted    the module library is full: not stored / a page was freed via `evict`
    stored                    stored on the module at `page`
    uploading_template        reading the template bytes (UpChar)
    done                      finished; `page` = where it was stored (None if not)
    cancelled / timeout / failed   the enrolment stopped (the matching exception follows)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from workstation.devices.errors import DeviceError
from workstation.devices.zfm import framer as fr
from workstation.devices.zfm.driver import BadPacket, FingerprintScanner, ZfmError
from workstation.devices.zfm.quality import ACCEPT_SCORE, QualityReport, assess
from workstation.domain.enums import FingerPosition
from workstation.errors import Cancelled
from workstation.i18n import QT_TRANSLATE_NOOP, Sentences, render

FINGER_NAMES: dict[FingerPosition, str] = {
    FingerPosition.UNKNOWN: QT_TRANSLATE_NOOP("zfm", "finger"),
    FingerPosition.RIGHT_THUMB: QT_TRANSLATE_NOOP("zfm", "right thumb"),
    FingerPosition.RIGHT_INDEX: QT_TRANSLATE_NOOP("zfm", "right index finger"),
    FingerPosition.RIGHT_MIDDLE: QT_TRANSLATE_NOOP("zfm", "right middle finger"),
    FingerPosition.RIGHT_RING: QT_TRANSLATE_NOOP("zfm", "right ring finger"),
    FingerPosition.RIGHT_LITTLE: QT_TRANSLATE_NOOP("zfm", "right little finger"),
    FingerPosition.LEFT_THUMB: QT_TRANSLATE_NOOP("zfm", "left thumb"),
    FingerPosition.LEFT_INDEX: QT_TRANSLATE_NOOP("zfm", "left index finger"),
    FingerPosition.LEFT_MIDDLE: QT_TRANSLATE_NOOP("zfm", "left middle finger"),
    FingerPosition.LEFT_RING: QT_TRANSLATE_NOOP("zfm", "left ring finger"),
    FingerPosition.LEFT_LITTLE: QT_TRANSLATE_NOOP("zfm", "left little finger"),
}

# Img2Tz answers that mean "this press is not usable, press again" rather than a fault
RETRY_FEATURE_CODES = frozenset({fr.CC_MESSY, fr.CC_FEW_FEATURES, fr.CC_NO_IMAGE, fr.CC_TOO_DRY, fr.CC_TOO_WET})
# Transient answers: the command was not carried out or its data did not get through; sending it again is
# safe. 0x01 the module received a damaged packet, 0x03 capture failed (GenImg), 0x0D/0x0F upload of a
# template/image failed, 0x0E the module could not receive the data that followed (spec §1.5).
TRANSIENT_CODES = frozenset(
    {fr.CC_PACKET_ERROR, fr.CC_CAPTURE_FAIL, fr.CC_UPLOAD_TEMPLATE, fr.CC_CANT_RECEIVE, fr.CC_UPLOAD_IMAGE}
)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EnrollStep:
    """One step shown to the officer. `code` is for the program; `message` is for people (marked:
    ``workstation.i18n.render(step.message, lang)``; ``str`` is English)."""

    code: str
    message: str
    press: int = 0  # the press in progress (1-based), 0 when not about one press
    presses: int = 0
    quality: QualityReport | None = None
    page: int | None = None

    @property
    def message_en(self) -> str:
        return render(self.message, "en")

    @property
    def message_zh(self) -> str:
        return render(self.message, "zh_CN")


@dataclass(frozen=True, slots=True)
class EnrollmentResult:
    template: bytes
    quality: int  # the lowest score among the accepted presses
    position: FingerPosition
    page_id: int | None  # where the template was stored on the module (None: not stored)
    duplicate_of: int | None  # page of the same finger already on this scanner
    qualities: tuple[int, ...] = ()


class EnrollmentError(DeviceError):
    """Enrolment stopped; the step that explains why has already been reported."""


class EnrollmentCancelled(Cancelled):
    """The officer cancelled the enrolment: not an error (`errors.Cancelled`; the UI shows nothing)."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("zfm", "Fingerprint enrolment was cancelled."))


class EnrollmentTimeout(EnrollmentError):
    def __init__(self, what: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("zfm", "Fingerprint enrolment stopped: {reason} Start again when ready.").format(
                reason=what
            )
        )


class EnrollmentFailed(EnrollmentError):
    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)


StepCallback = Callable[[EnrollStep], None]
EvictCallback = Callable[[set[int]], int | None]


class _Session:
    def __init__(
        self,
        scanner: FingerprintScanner,
        position: FingerPosition,
        presses: int,
        min_quality: int,
        on_step: StepCallback | None,
        cancel: threading.Event | None,
        timeout_per_press: float,
        poll_interval: float,
        max_refusals: int,
    ) -> None:
        self.scanner = scanner
        self.position = position
        self.presses = presses
        self.min_quality = min_quality
        self.on_step = on_step
        self.cancel = cancel
        self.timeout = timeout_per_press
        self.poll = poll_interval
        self.max_refusals = max_refusals
        self.refusals = 0
        self.finger = FINGER_NAMES.get(position, FINGER_NAMES[FingerPosition.UNKNOWN])

    def step(
        self,
        code: str,
        message: str,
        press: int = 0,
        *,
        quality: QualityReport | None = None,
        page: int | None = None,
    ) -> None:
        if self.on_step is not None:
            self.on_step(EnrollStep(code, message, press, self.presses, quality, page))

    def check_cancel(self, press: int = 0) -> None:
        if self.cancel is not None and self.cancel.is_set():
            self.step("cancelled", QT_TRANSLATE_NOOP("zfm", "Enrolment cancelled."), press)
            raise EnrollmentCancelled()

    def refuse(self, press: int) -> None:
        self.refusals += 1
        if self.refusals > self.max_refusals:
            message = QT_TRANSLATE_NOOP(
                "zfm", "Too many unusable presses of the {finger}; enrolment stopped. Clean the glass and start again."
            ).format(finger=self.finger)
            self.step("failed", message, press)
            raise EnrollmentFailed(message)

    def wait_finger(self, press: int) -> None:
        self.check_cancel(press)
        self.step(
            "place_finger",
            QT_TRANSLATE_NOOP("zfm", "Place the {finger} flat on the scanner (press {press} of {presses}).").format(
                finger=self.finger, press=press, presses=self.presses
            ),
            press,
        )
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                placed = self.scanner.wait_for_finger(
                    max(deadline - time.monotonic(), 0.0), poll_interval=self.poll, cancel=self.cancel
                )
                break
            except BadPacket:  # a damaged answer to GenImg: poll again within the step's budget
                if time.monotonic() >= deadline:
                    raise
            except ZfmError as exc:  # 0x03 is shown to the officer by take_press; 0x01 is polled again
                if exc.code != fr.CC_PACKET_ERROR or time.monotonic() >= deadline:
                    raise
            self.pause()
        if not placed:
            self.check_cancel(press)
            message = QT_TRANSLATE_NOOP("zfm", "No finger was placed in time.")
            self.step("timeout", message, press)
            raise EnrollmentTimeout(message)

    def wait_lift(self, press: int) -> None:
        """Poll until the finger is off the glass. A transient answer (a failed capture while the finger
        is half lifted, a damaged packet) means "not yet": polling goes on within the step's budget."""
        self.check_cancel(press)
        self.step("lift_finger", QT_TRANSLATE_NOOP("zfm", "Lift the finger off the scanner."), press)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                lifted = self.scanner.wait_for_removal(
                    max(deadline - time.monotonic(), 0.0), poll_interval=self.poll, cancel=self.cancel
                )
            except (ZfmError, BadPacket) as exc:
                if not _transient(exc) or time.monotonic() >= deadline:
                    raise
                self.pause()
                continue
            if lifted:
                return
            self.check_cancel(press)
            message = QT_TRANSLATE_NOOP("zfm", "The finger was not lifted in time.")
            self.step("timeout", message, press)
            raise EnrollmentTimeout(message)

    def pause(self) -> None:
        if self.cancel is not None:
            self.cancel.wait(self.poll)
        else:
            time.sleep(self.poll)

    def retrying(self, fn: Callable[[], T], *, idempotent: bool = True) -> T:
        """Run one module step, repeating it after a transient answer (`TRANSIENT_CODES`; a damaged reply
        too when the step is `idempotent`) until it succeeds or the step's budget (`timeout_per_press`)
        has passed; then the last error is raised."""
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return fn()
            except ZfmError as exc:
                if exc.code not in TRANSIENT_CODES or time.monotonic() >= deadline:
                    raise
            except BadPacket:
                if not idempotent or time.monotonic() >= deadline:
                    raise
            self.check_cancel()
            self.pause()

    def take_press(self, press: int, buffer: int) -> QualityReport:
        """Until one press is accepted: wait, capture, quality gate, features into `buffer`, lift."""
        while True:
            try:
                self.wait_finger(press)
            except ZfmError as exc:
                if exc.code != fr.CC_CAPTURE_FAIL:
                    raise
                self.step("capture_failed", exc.message, press)
                self.refuse(press)
                self.wait_lift(press)
                continue
            self.step("captured", QT_TRANSLATE_NOOP("zfm", "Image taken; checking its quality…"), press)
            report = assess(self.retrying(self.scanner.upload_image))
            if report.score < self.min_quality:
                guidance = report.guidance or QT_TRANSLATE_NOOP("zfm", "Lift the finger and press again.")
                too_low = QT_TRANSLATE_NOOP("zfm", "Image quality {score}/100 is too low (needs {needed}).")
                self.step(
                    "quality_refused",
                    Sentences([too_low.format(score=report.score, needed=self.min_quality), guidance]),
                    press,
                    quality=report,
                )
                self.refuse(press)
                self.wait_lift(press)
                continue
            self.step(
                "quality_ok",
                QT_TRANSLATE_NOOP("zfm", "Image quality {score}/100.").format(score=report.score),
                press,
                quality=report,
            )
            try:
                self.retrying(lambda: self.scanner.image_to_features(buffer))
            except ZfmError as exc:
                if exc.code not in RETRY_FEATURE_CODES:
                    raise
                self.step(
                    "features_refused",
                    QT_TRANSLATE_NOOP("zfm", "The scanner could not use this press: {reason}").format(
                        reason=exc.message
                    ),
                    press,
                    quality=report,
                )
                self.refuse(press)
                self.wait_lift(press)
                continue
            if buffer == 2 and press > 2:
                score = self.retrying(self.scanner.match)
                if score == 0:
                    self.step(
                        "press_mismatch",
                        QT_TRANSLATE_NOOP(
                            "zfm", "This press does not match the earlier ones. Press the same {finger} again."
                        ).format(finger=self.finger),
                        press,
                        quality=report,
                    )
                    self.refuse(press)
                    self.wait_lift(press)
                    continue
            self.step(
                "press_accepted",
                QT_TRANSLATE_NOOP("zfm", "Press {press} of {presses} accepted.").format(
                    press=press, presses=self.presses
                ),
                press,
                quality=report,
            )
            self.wait_lift(press)
            return report


def enroll_finger(
    scanner: FingerprintScanner,
    *,
    position: FingerPosition | int,
    presses: int = 3,
    min_quality: int = ACCEPT_SCORE,
    on_step: StepCallback | None = None,
    cancel: threading.Event | None = None,
    timeout_per_press: float = 20.0,
    poll_interval: float = 0.15,
    max_refusals: int = 6,
    store: bool = True,
    evict: EvictCallback | None = None,
) -> EnrollmentResult:
    """Enrol one finger with 2 or 3 presses (see the module docstring). Raises `EnrollmentCancelled`
    (an `errors.Cancelled`, not an error: the UI shows nothing), `EnrollmentTimeout`, `EnrollmentFailed`
    or the driver's `DeviceError`s."""
    if presses not in (2, 3):
        raise ValueError("presses must be 2 or 3")
    pos = FingerPosition(position)
    s = _Session(scanner, pos, presses, min_quality, on_step, cancel, timeout_per_press, poll_interval, max_refusals)
    s.step(
        "start",
        QT_TRANSLATE_NOOP("zfm", "Enrolling the {finger}: {presses} presses.").format(finger=s.finger, presses=presses),
    )
    reports = [s.take_press(1, 1), s.take_press(2, 2)]
    s.check_cancel()
    s.step("merging", QT_TRANSLATE_NOOP("zfm", "Combining the presses into a template…"))
    try:
        s.retrying(scanner.merge, idempotent=False)  # RegModel again on merged buffers is not the same
    except ZfmError as exc:
        if exc.code != fr.CC_COMBINE_FAIL:
            raise
        s.step("merge_failed", exc.message)
        raise EnrollmentFailed(exc.message, hint=exc.hint) from exc
    if presses == 3:
        reports.append(s.take_press(3, 2))

    s.check_cancel()
    s.step(
        "checking_duplicate",
        QT_TRANSLATE_NOOP(
            "zfm",
            "Checking this scanner's own library for the same finger (only enrolments made on this scanner; "
            "the check against everyone is done by the platform).",
        ),
    )
    hit = s.retrying(lambda: scanner.search(1))
    duplicate_of = hit.page if hit is not None else None
    page_id: int | None = None
    if hit is not None:
        s.step(
            "duplicate",
            QT_TRANSLATE_NOOP(
                "zfm",
                "This finger is already enrolled on this scanner at page {page} (match score {score}). "
                "It is not stored again. This is a local check only; the platform checks against everyone.",
            ).format(page=hit.page, score=hit.score),
            page=hit.page,
        )
    else:
        s.step(
            "not_duplicate",
            QT_TRANSLATE_NOOP(
                "zfm", "Not found on this scanner (local check only; the platform checks against everyone)."
            ),
        )
        if store:
            page_id = _store(s, scanner, evict)

    s.check_cancel()
    s.step("uploading_template", QT_TRANSLATE_NOOP("zfm", "Reading the template from the scanner…"))
    template = s.retrying(lambda: scanner.upload_template(1))
    qualities = tuple(r.score for r in reports)
    s.step(
        "done",
        QT_TRANSLATE_NOOP("zfm", "The {finger} is enrolled (quality {quality}/100).").format(
            finger=s.finger, quality=min(qualities)
        ),
        page=page_id,
    )
    return EnrollmentResult(
        template=template,
        quality=min(qualities),
        position=pos,
        page_id=page_id,
        duplicate_of=duplicate_of,
        qualities=qualities,
    )


def _store(s: _Session, scanner: FingerprintScanner, evict: EvictCallback | None) -> int | None:
    used = s.retrying(scanner.index_table)
    page = next((p for p in range(scanner.capacity()) if p not in used), None)
    if page is None:
        victim = evict(used) if evict is not None else None
        if victim is None:
            s.step(
                "library_full",
                QT_TRANSLATE_NOOP(
                    "zfm",
                    "This scanner's local library is full, so the template is kept by the station only "
                    "(the local duplicate check will not see it).",
                ),
            )
            return None
        s.retrying(lambda: scanner.delete(victim))
        s.step(
            "evicted",
            QT_TRANSLATE_NOOP(
                "zfm", "This scanner's library was full; the enrolment at page {page} was removed from the scanner."
            ).format(page=victim),
            page=victim,
        )
        page = victim
    s.retrying(lambda: scanner.store(1, page))
    s.step("stored", QT_TRANSLATE_NOOP("zfm", "Stored on this scanner at page {page}.").format(page=page), page=page)
    return page


def _transient(exc: Exception) -> bool:
    return isinstance(exc, BadPacket) or (isinstance(exc, ZfmError) and exc.code in TRANSIENT_CODES)
