"""The fingerprint capture dialog against the emulated ZFM scanner on a pty, through the device manager's
port thread (the dialog never touches the port itself)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import *  # noqa: F403 - the desk's fixtures (bridge, ctx, runner, station_fx, ...)
from desk_fixtures import drain

from workstation.domain.enums import FingerPosition
from workstation.ui.screens.registration.fingerprint import FingerprintDialog

pytestmark = pytest.mark.qt


class Finger:
    """Presses the emulated finger whenever the dialog asks for it, lifts it when asked; `qualities` per press."""

    def __init__(self, bridge, dialog, qualities=("good",), identity="synthetic-a"):
        self.device = bridge.demo.device("fingerprint")
        self.qualities = list(qualities)
        self.identity = identity
        self.codes: list[str] = []
        self.presses = 0
        dialog._relay.step.connect(self.on_step)
        self.dialog = dialog

    def on_step(self, step):
        self.codes.append(step.code)
        if step.code == "place_finger":
            q = self.qualities[min(self.presses, len(self.qualities) - 1)]
            self.presses += 1
            self.device.place_finger(self.identity, int(self.dialog.position), quality=q)
        elif step.code == "lift_finger":
            self.device.lift_finger()


def wait_enrolled(qtbot, dialog, finger, timeout=40000):
    try:
        qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=timeout)
    except Exception as exc:
        raise AssertionError(f"not enrolled: steps {finger.codes}; message {dialog.message.text()!r}") from exc


def test_enrolment_shows_images_progress_and_quality(qtbot, ctx, runner, bridge):
    dialog = FingerprintDialog(ctx, None, person_label="张三", timeout_per_press=5)
    finger = Finger(bridge, dialog)
    images = []
    progress = []
    dialog._relay.image.connect(images.append)
    dialog._relay.progress.connect(lambda got, total, baud: progress.append((got, total, baud)))
    dialog.show()
    wait_enrolled(qtbot, dialog, finger)
    assert finger.codes[0] == "start" and finger.codes[-1] == "done"
    assert len(images) >= 3 and images[0].shape == (288, 256)
    assert dialog.image.pixmap() is not None and not dialog.image.pixmap().isNull()
    assert progress and progress[-1][0] == progress[-1][1] and progress[-1][2] == 57600
    assert "57600" in dialog.upload.text()
    assert dialog.quality.value() >= 50
    dialog.ok_button.click()
    assert dialog.capture is not None and dialog.capture.result is not None
    assert dialog.capture.result.template and dialog.capture.result.position is FingerPosition.RIGHT_INDEX
    drain(qtbot, runner)


def test_poor_press_shows_the_core_guidance_and_asks_again(qtbot, ctx, runner, bridge):
    dialog = FingerprintDialog(ctx, None, timeout_per_press=5)
    finger = Finger(bridge, dialog, qualities=("smudged", "good"))
    guidance = []
    dialog._relay.step.connect(lambda s: guidance.append(dialog.guidance.text()) if s.code == "quality_refused"
                               else None)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled() or not dialog.running, timeout=40000)
    assert "quality_refused" in finger.codes or "features_refused" in finger.codes
    if "quality_refused" in finger.codes:
        qtbot.waitUntil(lambda: bool(guidance) and guidance[0] != "", timeout=2000)
    assert dialog.ok_button.isEnabled()
    dialog.done(0)
    drain(qtbot, runner)


def test_cancel_stops_the_scanner_and_shows_nothing(qtbot, ctx, runner, bridge):
    dialog = FingerprintDialog(ctx, None, timeout_per_press=10)
    dialog.show()
    qtbot.waitUntil(lambda: "Place" in dialog.message.text() or "请将" in dialog.message.text(), timeout=10000)
    dialog.cancel_button.click()
    drain(qtbot, runner, 5000)
    assert dialog.capture is None
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    # the scanner is free again: a new capture starts at once
    again = FingerprintDialog(ctx, None, timeout_per_press=5)
    finger = Finger(bridge, again)
    again.show()
    wait_enrolled(qtbot, again, finger)
    again.done(0)
    drain(qtbot, runner)


def test_changing_the_finger_restarts_with_that_finger(qtbot, ctx, runner, bridge):
    dialog = FingerprintDialog(ctx, None, timeout_per_press=5)
    finger = Finger(bridge, dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "place_finger" in finger.codes, timeout=10000)
    dialog.finger.setCurrentIndex(dialog.finger.findData(int(FingerPosition.LEFT_THUMB)))
    wait_enrolled(qtbot, dialog, finger)
    dialog.ok_button.click()
    assert dialog.capture.result.position is FingerPosition.LEFT_THUMB
    drain(qtbot, runner)


def _skip_dialog(qtbot, dialog):
    dialog.skip_button.click()
    qtbot.waitUntil(lambda: dialog.skip_dialog is not None and dialog.skip_dialog.isVisible(), timeout=5000)
    return dialog.skip_dialog


def test_skip_asks_for_a_reason_from_the_fixed_list(qtbot, ctx, runner, bridge):
    from workstation.domain.enums import FingerprintSkipReason

    dialog = FingerprintDialog(ctx, None, allow_skip=True, timeout_per_press=10)
    dialog.show()
    skip = _skip_dialog(qtbot, dialog)
    assert len(skip.reason_buttons) == len(FingerprintSkipReason) and skip.supervisor_box.isHidden()
    assert not skip.ok_button.isEnabled()  # no reason chosen yet
    skip.reason_buttons[FingerprintSkipReason.OTHER].click()
    assert not skip.ok_button.isEnabled() and "required" in skip.note.placeholderText()  # other needs words
    skip.reason_buttons[FingerprintSkipReason.FINGER_INJURED].click()
    assert skip.ok_button.isEnabled()
    skip.note.setText("右手食指  包扎")
    qtbot.mouseClick(skip.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.capture is not None, timeout=5000)
    assert dialog.capture.result is None
    skipped = dialog.capture.skip
    assert (skipped.reason, skipped.note) == (FingerprintSkipReason.FINGER_INJURED, "右手食指 包扎")
    assert dialog.capture.skip_reason == "finger injured or missing (右手食指 包扎)"
    drain(qtbot, runner, 10000)


def test_where_a_fingerprint_is_required_a_supervisor_confirms_the_skip(qtbot, ctx, runner, bridge, station_fx):
    from workstation.domain.enums import FingerprintSkipReason, Role

    station_fx.actor(Role.SUPERVISOR, "sup1")
    dialog = FingerprintDialog(ctx, None, allow_skip=True, skip_needs_supervisor=True, timeout_per_press=10)
    dialog.show()
    skip = _skip_dialog(qtbot, dialog)
    assert skip.supervisor_box.isVisible()
    skip.reason_buttons[FingerprintSkipReason.REFUSED].click()
    assert not skip.ok_button.isEnabled()  # no supervisor yet
    skip.username.setText("sup1")
    skip.password.setText("wrong password")
    qtbot.mouseClick(skip.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: skip.error.isVisible(), timeout=10000)
    assert skip.password.text() == "" and dialog.capture is None and skip.isVisible()
    assert "password" in skip.error.text().lower()
    skip.password.setText("password-sup1")
    qtbot.mouseClick(skip.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.capture is not None, timeout=10000)
    assert dialog.capture.skip.approver.username == "sup1"
    assert dialog.capture.skip_reason == "the person refused; confirmed by sup1"
    drain(qtbot, runner, 10000)


def test_no_skip_where_policy_forbids(qtbot, ctx, runner, bridge):
    dialog = FingerprintDialog(ctx, None, allow_skip=False, timeout_per_press=10)
    dialog.show()
    assert not dialog.skip_button.isVisible()
    dialog.done(0)
    drain(qtbot, runner, 10000)
