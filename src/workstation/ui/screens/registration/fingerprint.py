"""Fingerprint capture dialog: the core's enrolment workflow, step by step, on the scanner's own thread.

The enrolment (`workstation.devices.zfm.enroll.enroll_finger`) runs on the fingerprint scanner's port
thread through `ctx.devices.device_op`; every step, every uploaded image and the upload's progress come
back as queued Qt signals, so the GUI thread never waits on the port. An image takes seconds at
57600 baud (256×288 pixels, 4 bits each, in 128-byte packets: 37 632 bytes + packet headers), so the
dialog shows how much of it has arrived and how long the whole transfer takes at the line speed.

Cancel (Esc) stops the enrolment at its next step and closes without a message; a changed finger
choice restarts it; Skip (where station policy allows) asks for a reason from the core's fixed list
(`SkipDialog`: "other" with a few words) and, where the policy requires a fingerprint, a supervisor's
name and password (checked by the core, `desk.biometrics.approver`). Nothing is stored here: the
registration form has `result` or the skip written with the resident (`desk.residents.register(
fingerprint=)` / `(fingerprint_skip=)`, one transaction); the resident's detail page adds `result` to a
resident registered earlier (`desk.biometrics.add`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workstation.devices.errors import DeviceError
from workstation.devices.transport import wire_seconds
from workstation.devices.zfm.enroll import EnrollmentCancelled, EnrollmentResult, EnrollStep, enroll_finger
from workstation.devices.zfm.image import packed_size
from workstation.devices.zfm.quality import ACCEPT_SCORE
from workstation.domain.enums import FingerPosition, FingerprintSkipReason
from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP, render
from workstation.storage.areas.biometrics import NOTE_LIMIT, SKIP_REASONS
from workstation.ui import i18n
from workstation.ui.screens.registration import texts
from workstation.ui.tasks import Cancelled, Lane

LIFT_FIRST = QT_TRANSLATE_NOOP("FingerprintDialog", "Lift the finger off the scanner first.")
PACKET_OVERHEAD = 11  # bytes around each data packet: header 2, address 4, PID 1, length 2, checksum 2


class _CountingTransport:
    """Stands in for the scanner's transport during one image upload and counts the bytes received."""

    def __init__(self, inner: Any, on_bytes: Callable[[int], None]) -> None:
        self._inner = inner
        self._on_bytes = on_bytes

    def read_some(self, max_bytes: int = 4096) -> bytes:
        data: bytes = self._inner.read_some(max_bytes)
        if data:
            self._on_bytes(len(data))
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class ObservedScanner:
    """The scanner as `enroll_finger` sees it, reporting each uploaded image and the upload's progress.

    Runs on the port's owner thread like the scanner itself. `on_progress(received, expected, baud)`
    is called at most every 100 ms while an image arrives; `on_image(array)` once it is complete."""

    def __init__(
        self,
        scanner: Any,
        *,
        on_progress: Callable[[int, int, int], None],
        on_image: Callable[[np.ndarray], None],
    ) -> None:
        self._scanner = scanner
        self._on_progress = on_progress
        self._on_image = on_image

    def expected_wire_bytes(self) -> int:
        height, width = self._scanner.image_size()
        data = packed_size(width, height)
        size: int = self._scanner.packet_size()
        return data + -(-data // size) * PACKET_OVERHEAD + 12  # + the acknowledge packet

    def upload_image(self) -> np.ndarray:
        expected = self.expected_wire_bytes()
        baud = int(getattr(self._scanner.transport, "baudrate", 57600) or 57600)
        received = 0
        last = 0.0

        def count(n: int) -> None:
            nonlocal received, last
            received += n
            now = time.monotonic()
            if now - last >= 0.1:
                last = now
                self._on_progress(min(received, expected), expected, baud)

        self._on_progress(0, expected, baud)
        inner = self._scanner.transport
        self._scanner.transport = _CountingTransport(inner, count)
        try:
            image: np.ndarray = self._scanner.upload_image()
        finally:
            self._scanner.transport = inner
        self._on_progress(expected, expected, baud)
        self._on_image(image)
        return image

    def __getattr__(self, name: str) -> Any:
        return getattr(self._scanner, name)


class _Relay(QObject):
    """Carries events from the scanner's thread to the GUI thread (queued: created on the GUI thread)."""

    step = Signal(object)
    image = Signal(object)
    progress = Signal(int, int, int)


@dataclass(frozen=True)
class SkipChoice:
    """Why no fingerprint is taken: a reason of the core's fixed list, the words given with it, and the
    supervisor who confirmed it (their Actor, from `desk.biometrics.approver`; None when not asked)."""

    reason: FingerprintSkipReason
    note: str | None = None
    approver: Any = None

    def text(self) -> str:
        """The reason in the UI's language (with the words given, and who confirmed it)."""
        words = render(SKIP_REASONS[self.reason], i18n.current())
        if self.reason is FingerprintSkipReason.OTHER and self.note:
            words = self.note
        elif self.note:
            words = f"{words} ({self.note})"
        if self.approver is not None:
            words += QCoreApplication.translate("SkipDialog", "; confirmed by %1").replace(
                "%1", str(self.approver.username)
            )
        return words


@dataclass(frozen=True)
class Capture:
    """What the dialog hands back: an enrolment result, or why the capture was skipped."""

    result: EnrollmentResult | None = None
    skip: SkipChoice | None = None

    @property
    def skip_reason(self) -> str | None:
        """The skip's reason in words (None when a finger was taken)."""
        return self.skip.text() if self.skip is not None else None


class SkipDialog(QDialog):
    """Why no fingerprint is taken: one of the core's reasons (`SKIP_REASONS`), words for "other", and
    where the station requires a fingerprint (`needs_supervisor`) a supervisor's name and password,
    checked by the core (`desk.biometrics.approver`, DB lane) before the dialog accepts. After it is
    accepted: `choice`."""

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, needs_supervisor: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.needs_supervisor = needs_supervisor
        self.choice: SkipChoice | None = None
        self.checking = False
        self.setObjectName("skipDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.question = QLabel()
        self.question.setObjectName("skipQuestion")
        self.reasons = QButtonGroup(self)
        box = QVBoxLayout()
        self.reason_buttons: dict[FingerprintSkipReason, QRadioButton] = {}
        for i, reason in enumerate(FingerprintSkipReason):
            b = QRadioButton()
            b.setObjectName(f"skip_{reason.value}")
            self.reasons.addButton(b, i)
            self.reason_buttons[reason] = b
            box.addWidget(b)
        self.reasons.idToggled.connect(lambda _i, _on: self._update())
        self.note = QLineEdit()
        self.note.setObjectName("skipNote")
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.textChanged.connect(lambda _t: self._update())
        box.addWidget(self.note)
        self.supervisor_box = QGroupBox()
        self.supervisor_box.setObjectName("skipSupervisor")
        sup = QFormLayout(self.supervisor_box)
        self.supervisor_note = QLabel()
        self.supervisor_note.setWordWrap(True)
        sup.addRow(self.supervisor_note)
        self.username = QLineEdit()
        self.username.setObjectName("supervisorName")
        self.password = QLineEdit()
        self.password.setObjectName("supervisorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_label = QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        sup.addRow(self.username_label, self.username)
        sup.addRow(self.password_label, self.password)
        for ed in (self.username, self.password):
            ed.textChanged.connect(lambda _t: self._update())
        self.supervisor_box.setVisible(needs_supervisor)
        self.error = QLabel()
        self.error.setObjectName("skipError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4262c;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("skipOk")
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.question)
        lay.addLayout(box)
        lay.addWidget(self.supervisor_box)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self._texts()
        self._update()

    def _texts(self) -> None:
        self.setWindowTitle(self.tr("Skip the fingerprint"))
        self.question.setText(self.tr("Why is no fingerprint taken?"))
        for reason, b in self.reason_buttons.items():
            b.setText(render(SKIP_REASONS[reason], i18n.current()))
        self.supervisor_box.setTitle(self.tr("Supervisor's confirmation"))
        self.supervisor_note.setText(self.tr(
            "This station requires a fingerprint. A supervisor confirms registering without one with their own "
            "name and password (they are not logged in)."
        ))
        self.username_label.setText(self.tr("Supervisor's &name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.ok_button.setText(self.tr("Register without a fingerprint"))
        self._update()

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "ok_button"):
            self._texts()
        super().changeEvent(event)

    @property
    def reason(self) -> FingerprintSkipReason | None:
        i = self.reasons.checkedId()
        return list(FingerprintSkipReason)[i] if i >= 0 else None

    def _update(self) -> None:
        other = self.reason is FingerprintSkipReason.OTHER
        self.note.setPlaceholderText(
            self.tr("Say what the reason is (required)") if other else self.tr("Details (optional)")
        )
        ready = self.reason is not None and (not other or bool(self.note.text().strip()))
        if self.needs_supervisor:
            ready = ready and bool(self.username.text().strip()) and bool(self.password.text())
        self.ok_button.setEnabled(ready and not self.checking)

    def confirm(self) -> None:
        """Accept with `choice` once a reason is chosen (and the supervisor's password checked)."""
        reason = self.reason
        if reason is None or not self.ok_button.isEnabled():
            return
        note = " ".join(self.note.text().split()) or None
        if not self.needs_supervisor:
            self.choice = SkipChoice(reason, note)
            self.accept()
            return
        biometrics = self.ctx.desk.biometrics
        name, password = self.username.text().strip(), self.password.text()
        self.checking = True
        self.error.hide()
        self._update()

        def done(approver: Any) -> None:
            self.checking = False
            self.choice = SkipChoice(reason, note, approver)
            self.accept()

        def failed(exc: BaseException) -> bool:
            self.checking = False
            self.password.clear()
            self._update()
            if not isinstance(exc, UserFacingError):
                return False
            self.error.setText(i18n.message_of(exc))
            self.error.show()
            self.password.setFocus()
            return True

        self.ctx.op(lambda _t: biometrics.approver(name, password), lane=Lane.DB, parent=self).on_success(
            done).on_failure(failed).start()


FINGERS = [p for p in FingerPosition if p is not FingerPosition.UNKNOWN]


class FingerprintDialog(QDialog):
    """Capture one finger for `person_label`. After `exec()`: `capture` (None when cancelled).

    `allow_skip`: the operator may skip with a reason (the station's policy is not "off");
    `skip_needs_supervisor`: the policy is "required", so a supervisor confirms a skip. `presses`: 2 or 3."""

    def __init__(
        self,
        ctx: Any,
        parent: QWidget | None = None,
        *,
        person_label: str = "",
        allow_skip: bool = True,
        skip_needs_supervisor: bool = False,
        position: FingerPosition = FingerPosition.RIGHT_INDEX,
        presses: int = 3,
        min_quality: int = ACCEPT_SCORE,
        timeout_per_press: float = 20.0,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.capture: Capture | None = None
        self.skip_dialog: SkipDialog | None = None
        self._skip_needs_supervisor = skip_needs_supervisor
        self._presses = presses
        self._min_quality = min_quality
        self._timeout = timeout_per_press
        self._cancel: threading.Event | None = None
        self._handle: Any = None
        self._running = False
        self._restart = False
        self._result: EnrollmentResult | None = None
        self._relay = _Relay(self)
        self._relay.step.connect(self._on_step)
        self._relay.image.connect(self._on_image)
        self._relay.progress.connect(self._on_progress)
        self.setObjectName("fingerprintDialog")
        self.setWindowTitle(self.tr("Fingerprint capture"))
        # over the form and the windows behind it only, never the demo desk whose presses it waits for
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.finger = QComboBox()
        self.finger.setObjectName("finger")
        for pos in FINGERS:
            self.finger.addItem(texts.finger_name(pos), int(pos))
        self.finger.setCurrentIndex(FINGERS.index(position) if position in FINGERS else 1)
        self.finger.setToolTip(self.tr("Finger position (ISO/IEC 19794-2): change it if this finger cannot be "
                                       "taken; the capture starts again (Alt+F)"))
        self.finger.currentIndexChanged.connect(self._on_finger_changed)
        finger_label = QLabel(self.tr("&Finger:"))
        finger_label.setBuddy(self.finger)
        self.finger_label = finger_label
        who = QLabel(person_label)
        who.setObjectName("personLabel")

        self.image = QLabel(self.tr("No image yet"))
        self.image.setObjectName("image")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setFixedSize(192, 216)
        self.image.setFrameShape(QLabel.Shape.Box)

        self.press = QLabel()
        self.press.setObjectName("press")
        self.message = QLabel(self.tr("Starting…"))
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(300)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        f = self.message.font()
        f.setPointSizeF(max(f.pointSizeF(), 10) * 1.25)
        self.message.setFont(f)
        self.guidance = QLabel()
        self.guidance.setObjectName("guidance")
        self.guidance.setWordWrap(True)
        self.upload = QProgressBar()
        self.upload.setObjectName("upload")
        self.upload.setRange(0, 100)
        self.upload.setValue(0)
        self.upload.setFormat(self.tr("Image: waiting"))
        self.quality = QProgressBar()
        self.quality.setObjectName("quality")
        self.quality.setRange(0, 100)
        self.quality.setValue(0)
        self.quality.setFormat(self.tr("Quality: –"))

        side = QFormLayout()
        side.addRow(self.press)
        side.addRow(self.message)
        side.addRow(self.guidance)
        self.upload_label = QLabel(self.tr("Image transfer:"))
        self.quality_label = QLabel(self.tr("Image quality:"))
        side.addRow(self.upload_label, self.upload)
        side.addRow(self.quality_label, self.quality)

        grid = QGridLayout()
        grid.addWidget(self.image, 0, 0)
        wrap = QWidget()
        wrap.setLayout(side)
        grid.addWidget(wrap, 0, 1)
        grid.setColumnStretch(1, 1)

        top = QHBoxLayout()
        top.addWidget(finger_label)
        top.addWidget(self.finger, 1)
        top.addSpacing(12)
        top.addWidget(who)

        self.buttons = QDialogButtonBox()
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.retry_button.setObjectName("retry")
        self.retry_button.setToolTip(self.tr("Start the capture of this finger again (Alt+R)"))
        self.retry_button.clicked.connect(self.start)
        self.skip_button = QPushButton(self.tr("&Skip…"))
        self.skip_button.setObjectName("skip")
        self.skip_button.setToolTip(self.tr("Register without a fingerprint; you are asked for the reason (Alt+S)"))
        self.skip_button.clicked.connect(self._on_skip)
        self.ok_button = QPushButton(self.tr("Use this fingerprint"))
        self.ok_button.setObjectName("ok")
        self.ok_button.setToolTip(self.tr("Keep the enrolled fingerprint (Enter)"))
        self.ok_button.clicked.connect(self._on_ok)
        self.ok_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setToolTip(self.tr("Stop the capture and close (Esc)"))
        self.cancel_button.clicked.connect(self.reject)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        for b in (self.ok_button, self.retry_button, self.skip_button, self.cancel_button):
            b.setAutoDefault(False)
        self.skip_button.setVisible(allow_skip)  # after addButton, which shows it

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Alt+F"), self).activated.connect(lambda: self.finger.setFocus())
        self.finger.setFocus()
        self._last_step: EnrollStep | None = None
        self._press: tuple[int, int] | None = None
        self._last_progress: tuple[int, int, int] | None = None
        self._last_error: BaseException | None = None

    def _retranslate(self) -> None:
        """Every text again in the current language (the language can change while the dialog is open)."""
        self.setWindowTitle(self.tr("Fingerprint capture"))
        for i, pos in enumerate(FINGERS):
            self.finger.setItemText(i, texts.finger_name(pos))
        self.finger.setToolTip(self.tr("Finger position (ISO/IEC 19794-2): change it if this finger cannot be "
                                       "taken; the capture starts again (Alt+F)"))
        self.finger_label.setText(self.tr("&Finger:"))
        self.upload_label.setText(self.tr("Image transfer:"))
        self.quality_label.setText(self.tr("Image quality:"))
        if self.image.pixmap() is None or self.image.pixmap().isNull():
            self.image.setText(self.tr("No image yet"))
        self.retry_button.setText(self.tr("&Retry"))
        self.retry_button.setToolTip(self.tr("Start the capture of this finger again (Alt+R)"))
        self.skip_button.setText(self.tr("&Skip…"))
        self.skip_button.setToolTip(self.tr("Register without a fingerprint; you are asked for the reason (Alt+S)"))
        self.ok_button.setText(self.tr("Use this fingerprint"))
        self.ok_button.setToolTip(self.tr("Keep the enrolled fingerprint (Enter)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the capture and close (Esc)"))
        if self._last_step is not None:
            self._on_step(self._last_step)
        if self._last_progress is not None:
            self._on_progress(*self._last_progress)
        if self._result is not None:
            self._show_result(self._result)
        if self._last_error is not None:
            self._show_error(self._last_error)

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_last_error"):
            self._retranslate()
        super().changeEvent(event)

    # ---- running the enrolment ------------------------------------------------------------------
    @property
    def position(self) -> FingerPosition:
        return FingerPosition(int(self.finger.currentData()))

    @property
    def running(self) -> bool:
        return self._running

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._running and self._result is None and self._handle is None:
            self.start()

    def start(self) -> None:
        """Start (or restart) the enrolment of the chosen finger on the scanner's thread."""
        if self._running:
            self._restart = True
            self._stop()
            return
        self._result = None
        self._last_error = None
        self._last_step = None
        self._last_progress = None
        self._press = None
        self.press.clear()
        self._restart = False
        self._running = True
        self.ok_button.setEnabled(False)
        self.ok_button.setDefault(False)
        self.retry_button.setEnabled(False)
        self.quality.setValue(0)
        self.quality.setFormat(self.tr("Quality: –"))
        self.upload.setValue(0)
        self.upload.setFormat(self.tr("Image: waiting"))
        self.guidance.clear()
        self.message.setText(self.tr("Starting…"))
        cancel = threading.Event()
        self._cancel = cancel
        relay = self._relay
        position = self.position
        presses, min_quality, timeout = self._presses, self._min_quality, self._timeout

        def emit(signal: Any, *args: Any) -> None:
            if not cancel.is_set():
                try:
                    signal.emit(*args)
                except RuntimeError:  # the dialog is gone; the enrolment stops at its next step
                    cancel.set()

        def work(scanner: Any) -> EnrollmentResult:
            if scanner.capture_image():
                # a finger is still on the glass (a retry, or the finger was changed): the first press
                # must be a fresh one of the chosen finger, or the presses would not belong together
                emit(relay.step, EnrollStep("lift_finger", LIFT_FIRST))
                scanner.wait_for_removal(timeout, cancel=cancel)
                if cancel.is_set():
                    raise EnrollmentCancelled()
            observed = ObservedScanner(
                scanner,
                on_progress=lambda got, total, baud: emit(relay.progress, got, total, baud),
                on_image=lambda img: emit(relay.image, img),
            )
            return enroll_finger(
                observed,  # type: ignore[arg-type]
                position=position,
                presses=presses,
                min_quality=min_quality,
                on_step=lambda step: emit(relay.step, step),
                cancel=cancel,
                timeout_per_press=timeout,
            )

        # no overall time limit: each press has its own (`timeout_per_press`), and Cancel stops it
        op = self.ctx.devices.device_op(self, "fingerprint", work, timeout=None)
        # on_finished also runs when the work was cancelled (the runner shows a Cancelled as nothing and
        # calls no failure handler): a restart with another finger waits for that
        op.on_success(self._on_done).on_failure(self._on_failed).on_finished(self._on_finished)
        self._handle = op.start()
        self._handle.token.on_cancel(cancel.set)  # the app quitting cancels it too: the wait ends at once

    def _stop(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        if self._handle is not None and hasattr(self._handle, "cancel"):
            self._handle.cancel()

    # ---- slots ---------------------------------------------------------------------------------
    def _on_finger_changed(self, _index: int) -> None:
        self._result = None
        self.start()

    def _on_step(self, step: EnrollStep) -> None:
        self._last_step = step
        if step.press:
            self._press = (step.press, step.presses)
        if self._press is not None:
            self.press.setText(
                self.tr("Press %1 of %2").replace("%1", str(self._press[0])).replace("%2", str(self._press[1]))
            )
        self.message.setText(texts.step_text(step))
        if step.quality is not None:
            q = step.quality
            self.quality.setValue(q.score)
            self.quality.setFormat(
                self.tr("Quality %1/100 (needs %2)").replace("%1", str(q.score)).replace("%2", str(self._min_quality))
            )
            self.guidance.setText(texts.quality_guidance(q) if q.score < self._min_quality else "")
        if step.code == "captured":
            self.upload.setValue(0)
        if step.code in ("place_finger",) and step.press:
            self.upload.setFormat(self.tr("Image: waiting for the finger"))

    def _on_progress(self, received: int, expected: int, baud: int) -> None:
        self._last_progress = (received, expected, baud)
        total_s = wire_seconds(expected, baud)
        got_s = wire_seconds(received, baud)
        self.upload.setValue(int(100 * received / max(expected, 1)))
        self.upload.setFormat(
            self.tr("%1 of %2 s at %3 baud")
            .replace("%1", f"{got_s:.1f}")
            .replace("%2", f"{total_s:.1f}")
            .replace("%3", str(baud))
        )

    def _on_image(self, image: np.ndarray) -> None:
        a = np.ascontiguousarray(image, dtype=np.uint8)
        h, w = a.shape
        qimg = QImage(a.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
        self.image.setPixmap(
            QPixmap.fromImage(qimg).scaled(
                self.image.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def _on_finished(self) -> None:
        self._running = False
        self._handle = None
        if self._restart:
            self.start()

    def _on_done(self, result: EnrollmentResult) -> None:
        if self._restart:
            return  # the finger was changed meanwhile: this result is not wanted (restart follows)
        self._result = result
        self.retry_button.setEnabled(True)
        self.ok_button.setEnabled(True)
        self.ok_button.setDefault(True)
        self.ok_button.setFocus()
        self._show_result(result)

    def _show_result(self, result: EnrollmentResult) -> None:
        self.quality.setValue(result.quality)
        self.quality.setFormat(self.tr("Quality %1/100").replace("%1", str(result.quality)))

    def _on_failed(self, exc: BaseException) -> bool:
        if self._restart or isinstance(exc, EnrollmentCancelled | Cancelled):
            return True  # cancelled by the operator (or for a restart): nothing to say
        if isinstance(exc, DeviceError):
            self._last_error = exc
            self._show_error(exc)
            self.retry_button.setEnabled(True)
            self.retry_button.setDefault(True)
            self.retry_button.setFocus()
            return True
        return False  # a bug: the app's error handler reports it

    def _show_error(self, exc: BaseException) -> None:
        self.message.setText(texts.error_text(exc))
        self.guidance.setText(self.tr("Press Retry (Alt+R) to start this finger again, or choose another finger."))

    def _on_ok(self) -> None:
        if self._result is None:
            return
        self.capture = Capture(result=self._result)
        self.accept()

    def _on_skip(self) -> None:
        dialog = SkipDialog(self.ctx, self, needs_supervisor=self._skip_needs_supervisor)
        self.skip_dialog = dialog

        def finished(_code: int) -> None:
            self.skip_dialog = None
            if dialog.choice is None:
                return
            self.capture = Capture(skip=dialog.choice)
            self._stop()
            self.accept()

        dialog.finished.connect(finished)
        dialog.open()

    def done(self, r: int) -> None:
        self._restart = False
        self._stop()
        super().done(r)
