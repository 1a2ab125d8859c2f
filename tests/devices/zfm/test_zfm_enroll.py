"""The enrolment workflow end to end against ZfmEmulator (pty and socket://).

The officer's actions are driven by the reported steps: on "place_finger" the test puts the next
finger on the emulated glass, on "lift_finger" it lifts it. Nothing is timed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from workstation.devices.emulation import EmulatorServer
from workstation.devices.transport import Transport
from workstation.devices.zfm.driver import DEFAULT_BAUD, FingerprintScanner
from workstation.devices.zfm.emulator import ZfmEmulator
from workstation.devices.zfm.enroll import (
    EnrollmentCancelled,
    EnrollmentFailed,
    EnrollmentResult,
    EnrollmentTimeout,
    EnrollStep,
    enroll_finger,
)
from workstation.domain.enums import FingerPosition
from workstation.errors import Cancelled, UserFacingError


class Rig:
    def __init__(self, link: str = "pty", **emu: Any) -> None:
        self.emu = ZfmEmulator(**emu)
        self.server = EmulatorServer(self.emu, baudrate=DEFAULT_BAUD)
        self.url = self.server.start_pty() if link == "pty" else self.server.start_tcp()
        self.transport = Transport(self.url, baudrate=DEFAULT_BAUD, timeout=0.02)
        self.scanner = FingerprintScanner(self.transport, timeout=1.0)

    def close(self) -> None:
        self.transport.close()
        self.server.stop()


@pytest.fixture(params=["pty", "tcp"])
def rig(request: pytest.FixtureRequest) -> Iterator[Rig]:
    r = Rig(request.param)
    yield r
    r.close()


@pytest.fixture
def make_rig() -> Iterator[Any]:
    rigs: list[Rig] = []

    def make(link: str = "pty", **kw: Any) -> Rig:
        r = Rig(link, **kw)
        rigs.append(r)
        return r

    yield make
    for r in rigs:
        r.close()


class Officer:
    """Follows the on-screen steps: places the next finger (identity, position, quality) when asked,
    lifts it when asked. Records every step."""

    def __init__(self, emu: ZfmEmulator, identity: str, position: int, qualities: list[str] | None = None) -> None:
        self.emu = emu
        self.identity = identity
        self.position = position
        self.qualities = list(qualities or [])
        self.steps: list[EnrollStep] = []
        self.placed: list[str] = []

    def __call__(self, step: EnrollStep) -> None:
        assert step.message_en and step.message_zh and step.message_en != step.message_zh
        self.steps.append(step)
        if step.code == "place_finger":
            quality = self.qualities.pop(0) if self.qualities else "good"
            self.placed.append(quality)
            self.emu.place_finger(self.identity, self.position, quality=quality)
        elif step.code == "lift_finger":
            self.emu.lift_finger()

    @property
    def codes(self) -> list[str]:
        return [s.code for s in self.steps]


def enrol(rig: Rig, officer: Officer, **kw: Any) -> EnrollmentResult:
    kw.setdefault("position", FingerPosition(officer.position))
    kw.setdefault("timeout_per_press", 2.0)
    kw.setdefault("poll_interval", 0.01)
    return enroll_finger(rig.scanner, on_step=officer, **kw)


def test_three_press_enrolment_end_to_end(rig: Rig) -> None:
    officer = Officer(rig.emu, "alice", 2)
    result = enrol(rig, officer)
    assert result.position == FingerPosition.RIGHT_INDEX
    assert result.page_id == 0 and result.duplicate_of is None
    assert len(result.template) == 512 and result.template == rig.emu.library[0]
    assert len(result.qualities) == 3 and result.quality == min(result.qualities) >= 50
    assert officer.codes.count("press_accepted") == 3 and officer.placed == ["good"] * 3
    assert officer.codes[0] == "start" and officer.codes[-1] == "done"
    for code in ("merging", "checking_duplicate", "not_duplicate", "stored", "uploading_template"):
        assert code in officer.codes
    press_steps = [s for s in officer.steps if s.code == "place_finger"]
    assert [s.press for s in press_steps] == [1, 2, 3] and all(s.presses == 3 for s in press_steps)
    assert "right index finger" in press_steps[0].message_en and "右手食指" in press_steps[0].message_zh
    check = officer.steps[officer.codes.index("checking_duplicate")]
    assert "platform" in check.message_en and "平台" in check.message_zh


def test_two_press_enrolment(make_rig: Any) -> None:
    rig = make_rig()
    officer = Officer(rig.emu, "bob", 7)
    result = enrol(rig, officer, presses=2)
    assert officer.codes.count("press_accepted") == 2 and result.page_id == 0
    with pytest.raises(ValueError):
        enrol(rig, Officer(rig.emu, "bob", 7), presses=4)


@pytest.mark.parametrize("bad", ["poor", "partial", "smudged"])
def test_quality_gate_refuses_with_guidance_then_accepts(make_rig: Any, bad: str) -> None:
    rig = make_rig()
    officer = Officer(rig.emu, "carol", 3, [bad, "good", "good", "good"])
    result = enrol(rig, officer)
    refused = [s for s in officer.steps if s.code == "quality_refused"]
    assert len(refused) == 1 and refused[0].press == 1
    report = refused[0].quality
    assert report is not None and not report.acceptable and report.problems
    assert report.guidance_en in refused[0].message_en and report.guidance_zh in refused[0].message_zh
    # the refused press did not count: press 1 was asked for again, and three presses were accepted
    presses = [s.press for s in officer.steps if s.code == "place_finger"]
    assert presses == [1, 1, 2, 3]
    assert officer.codes.count("press_accepted") == 3
    assert result.page_id == 0 and all(q >= 50 for q in result.qualities)


def test_partial_press_asks_to_move_to_centre(make_rig: Any) -> None:
    rig = make_rig()
    officer = Officer(rig.emu, "carol", 3, ["partial"])
    enrol(rig, officer)
    refused = next(s for s in officer.steps if s.code == "quality_refused")
    assert refused.quality is not None and "partial" in refused.quality.problems
    assert "centre" in refused.message_en and "中央" in refused.message_zh


def test_duplicate_on_second_enrolment_of_the_same_finger(rig: Rig) -> None:
    first = enrol(rig, Officer(rig.emu, "dave", 1))
    other = enrol(rig, Officer(rig.emu, "erin", 1))
    assert (first.page_id, other.page_id) == (0, 1) and other.duplicate_of is None
    officer = Officer(rig.emu, "dave", 1)
    again = enrol(rig, officer)
    assert again.duplicate_of == 0 and again.page_id is None
    assert set(rig.emu.library) == {0, 1}  # not stored a second time
    dup = next(s for s in officer.steps if s.code == "duplicate")
    assert dup.page == 0
    assert "already enrolled on this scanner at page 0" in dup.message_en and "第0页" in dup.message_zh
    assert "platform" in dup.message_en
    assert len(again.template) == 512


def test_full_library_is_not_stored_unless_evicting(make_rig: Any) -> None:
    rig = make_rig(capacity=2)
    enrol(rig, Officer(rig.emu, "p1", 2))
    enrol(rig, Officer(rig.emu, "p2", 2))
    officer = Officer(rig.emu, "p3", 2)
    full = enrol(rig, officer)
    assert full.page_id is None and full.duplicate_of is None and full.template
    assert "library_full" in officer.codes and set(rig.emu.library) == {0, 1}
    seen: list[set[int]] = []

    def evict(used: set[int]) -> int:
        seen.append(set(used))
        return 1

    officer = Officer(rig.emu, "p4", 2)
    evicted = enrol(rig, officer, evict=evict)
    assert seen == [{0, 1}] and evicted.page_id == 1 and "evicted" in officer.codes
    assert rig.emu.library[1] == evicted.template


def test_cancel_stops_enrolment(make_rig: Any) -> None:
    rig = make_rig()
    cancel = threading.Event()
    steps: list[str] = []

    def on_step(step: EnrollStep) -> None:
        steps.append(step.code)
        if step.code == "place_finger" and step.press == 2:
            cancel.set()  # the officer presses Cancel instead of placing the finger
        elif step.code == "place_finger":
            rig.emu.place_finger("fay", 2)
        elif step.code == "lift_finger":
            rig.emu.lift_finger()

    with pytest.raises(EnrollmentCancelled) as info:
        enroll_finger(rig.scanner, position=2, on_step=on_step, cancel=cancel, poll_interval=0.01)
    assert steps[-1] == "cancelled" and info.value.message_zh
    # a cancel is not an error: a UI catching UserFacingError to show a box does not catch it
    assert isinstance(info.value, Cancelled) and not isinstance(info.value, UserFacingError)
    assert rig.emu.library == {}


def test_timeout_when_no_finger_comes(make_rig: Any) -> None:
    rig = make_rig()
    steps: list[str] = []
    with pytest.raises(EnrollmentTimeout) as info:
        enroll_finger(
            rig.scanner, position=2, on_step=lambda s: steps.append(s.code), timeout_per_press=0.1, poll_interval=0.01
        )
    assert steps[-1] == "timeout" and "Start again" in info.value.message


def test_too_many_bad_presses_fail(make_rig: Any) -> None:
    rig = make_rig()
    officer = Officer(rig.emu, "gus", 2, ["poor"] * 10)
    with pytest.raises(EnrollmentFailed):
        enrol(rig, officer, max_refusals=3)
    assert officer.codes.count("quality_refused") == 4 and officer.codes[-1] == "failed"


def test_enrolment_never_changes_module_settings(make_rig: Any) -> None:
    rig = make_rig(packet_size=64, security=4)
    before = rig.scanner.read_system_parameters()
    enrol(rig, Officer(rig.emu, "hal", 9, ["poor"]))
    after = rig.scanner.read_system_parameters()
    assert (after.packet_size, after.security, after.baud_n, after.address) == (
        before.packet_size,
        before.security,
        before.baud_n,
        before.address,
    )


def test_press_the_module_cannot_use_is_asked_again(make_rig: Any) -> None:
    """With the host gate off, a washed-out press reaches Img2Tz, which refuses it (0x07): not counted."""
    rig = make_rig()
    officer = Officer(rig.emu, "ivy", 2, ["poor"])
    result = enrol(rig, officer, min_quality=0)
    refused = next(s for s in officer.steps if s.code == "features_refused")
    assert refused.press == 1 and "0x07" not in refused.message_en  # plain words, the code is in the error hint
    assert [s.press for s in officer.steps if s.code == "place_finger"] == [1, 1, 2, 3]
    assert result.page_id == 0


def test_third_press_of_another_finger_is_refused(make_rig: Any) -> None:
    rig = make_rig()
    officer = Officer(rig.emu, "jon", 3)

    def on_step(step: EnrollStep) -> None:
        placed_before = len(officer.placed)
        officer(step)
        if step.code == "place_finger" and placed_before == 2:  # the third placement: the wrong finger
            rig.emu.lift_finger()
            rig.emu.place_finger("jon", 4)

    result = enroll_finger(rig.scanner, position=3, on_step=on_step, poll_interval=0.01)
    codes = [s.code for s in officer.steps]
    assert codes.count("press_mismatch") == 1 and codes.count("press_accepted") == 3
    assert result.page_id == 0


def test_presses_of_different_fingers_do_not_combine(make_rig: Any) -> None:
    rig = make_rig()
    officer = Officer(rig.emu, "kay", 2)

    def on_step(step: EnrollStep) -> None:
        officer(step)
        if step.code == "place_finger" and step.press == 2:
            rig.emu.lift_finger()
            rig.emu.place_finger("lee", 8)

    with pytest.raises(EnrollmentFailed) as info:
        enroll_finger(rig.scanner, position=2, on_step=on_step, poll_interval=0.01)
    assert officer.codes[-1] == "merge_failed" and "0x0A" in str(info.value)
    assert rig.emu.library == {}


def test_capture_failure_is_asked_again(make_rig: Any) -> None:
    rig = make_rig()
    officer = Officer(rig.emu, "max", 5)
    rig.emu.set_failure(0x03)  # the first capture fails

    def on_step(step: EnrollStep) -> None:
        officer(step)
        if step.code == "capture_failed":
            rig.emu.set_failure(None)

    result = enroll_finger(rig.scanner, position=5, on_step=on_step, poll_interval=0.01)
    failed = next(s for s in officer.steps if s.code == "capture_failed")
    assert failed.press == 1 and "could not take the image" in failed.message_en
    assert [s.press for s in officer.steps if s.code == "place_finger"] == [1, 1, 2, 3]
    assert result.page_id == 0
