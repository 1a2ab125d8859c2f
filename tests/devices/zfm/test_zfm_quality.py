"""Host-side image quality on images generated here: the ordering of clear vs degraded prints must hold."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from workstation.devices.zfm.quality import ACCEPT_SCORE, GUIDANCE, QualityReport, assess
from workstation.i18n import Sentences, render

H, W = 288, 256
Float = npt.NDArray[np.float64]


def ridges(
    *,
    period: float = 9.0,
    lo: float = 40,
    hi: float = 210,
    bg: float = 235,
    cx: float = 0.5,
    cy: float = 0.5,
    rx: float = 0.38,
    ry: float = 0.42,
    noise: float = 4.0,
    seed: int = 1,
) -> Float:
    """A whorl-like ridge pattern (dark ridges) in an elliptical finger area on light glass."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:H, 0:W].astype(np.float64)
    dx, dy = x - cx * W, y - cy * H
    r = np.hypot(dx, 0.8 * dy) + 6 * np.sin(2 * np.arctan2(dy, dx))
    wave = 0.5 + 0.5 * np.cos(2 * np.pi * r / period)
    finger = (dx / (rx * W)) ** 2 + (dy / (ry * H)) ** 2 <= 1
    img = np.where(finger, lo + (hi - lo) * wave, bg) + rng.normal(0, noise, (H, W))
    return np.clip(img, 0, 255)


def blur(img: Float, sigma: float) -> Float:
    if sigma <= 0:
        return img
    rad = int(3 * sigma)
    k = np.exp(-(np.arange(-rad, rad + 1) ** 2) / (2 * sigma * sigma))
    k /= k.sum()
    pad = np.pad(img, rad, mode="edge")
    rows = np.apply_along_axis(lambda v: np.convolve(v, k, "valid"), 1, pad)
    return np.apply_along_axis(lambda v: np.convolve(v, k, "valid"), 0, rows)


def scanned(img: Float) -> npt.NDArray[np.uint8]:
    """As the scanner delivers it: 16 grey levels, nibble × 17."""
    return (np.clip(np.rint(img / 17), 0, 15) * 17).astype(np.uint8)


def q(img: Float) -> QualityReport:
    return assess(scanned(img))


def test_clear_print_is_accepted_without_problems() -> None:
    r = q(ridges())
    assert r.acceptable and r.score >= ACCEPT_SCORE
    assert r.problems == [] and r.guidance_en == "" and r.guidance_zh == ""
    assert 0 <= r.score <= 100
    for v in (r.contrast, r.coverage, r.sharpness, r.brightness, r.centre_offset):
        assert 0.0 <= v <= 1.0


@pytest.mark.parametrize("period", [7.0, 8.0, 10.0, 12.0])
def test_normal_ridge_periods_are_accepted(period: float) -> None:
    assert q(ridges(period=period)).acceptable


def test_blur_lowers_score_and_sharpness_monotonically() -> None:
    reports = [q(blur(ridges(), s)) for s in (0.0, 1.5, 2.5, 3.5)]
    scores = [r.score for r in reports]
    sharp = [r.sharpness for r in reports]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]
    assert sharp == sorted(sharp, reverse=True) and sharp[0] > sharp[-1]
    heavy = reports[-1]
    assert not heavy.acceptable
    assert "smudged" in heavy.problems
    assert "press again" in heavy.guidance_en and "重新按压" in heavy.guidance_zh


def test_low_contrast_scores_below_clear() -> None:
    clear = q(ridges())
    faint = q(ridges(lo=110, hi=145))
    assert faint.contrast < clear.contrast
    assert faint.score < clear.score and not faint.acceptable
    assert faint.problems


def test_dark_wet_print_says_too_wet() -> None:
    r = q(ridges(lo=30, hi=70, bg=60))
    assert not r.acceptable
    assert r.problems[0] == "too_dark"
    assert "wet" in r.guidance_en and "太湿" in r.guidance_zh


def test_light_print_says_press_harder() -> None:
    r = q(ridges(lo=185, hi=235, bg=240))
    assert not r.acceptable
    assert r.problems[0] == "too_light"
    assert "Press harder" in r.guidance_en and "用力" in r.guidance_zh


def test_partial_print_says_move_to_centre() -> None:
    clear = q(ridges())
    partial = q(ridges(cx=0.05, cy=0.1))
    assert partial.coverage < clear.coverage
    assert partial.centre_offset > clear.centre_offset
    assert not partial.acceptable and partial.score < clear.score
    assert "partial" in partial.problems
    assert "centre" in partial.guidance_en and "中央" in partial.guidance_zh


def test_small_centred_touch_asks_for_more_finger() -> None:
    r = q(ridges(rx=0.13, ry=0.13))
    assert not r.acceptable
    assert "partial" not in r.problems and r.problems


def test_blank_glass_is_the_worst() -> None:
    rng = np.random.default_rng(3)
    blank = q(np.full((H, W), 235.0) + rng.normal(0, 4, (H, W)))
    others = [q(ridges()), q(blur(ridges(), 2.5)), q(ridges(lo=110, hi=145)), q(ridges(cx=0.05, cy=0.1))]
    assert blank.coverage == 0.0 and blank.score == 0
    assert all(blank.score <= o.score and blank.coverage < o.coverage for o in others)
    assert blank.problems == ["no_finger"]


def test_noise_without_ridge_structure_is_refused() -> None:
    rng = np.random.default_rng(4)
    noise = rng.uniform(0, 255, (H, W))
    r = q(noise)
    assert r.coverage < q(ridges()).coverage
    assert not r.acceptable


def test_every_problem_has_guidance_in_both_languages() -> None:
    for code, text in GUIDANCE.items():
        zh = render(text, "zh_CN")
        assert code and text and zh and zh != str(text)
    two = Sentences([GUIDANCE["partial"], GUIDANCE["smudged"]])  # how a report joins several problems
    assert render(two, "zh_CN") == render(GUIDANCE["partial"], "zh_CN") + render(GUIDANCE["smudged"], "zh_CN")
    assert str(two) == f"{GUIDANCE['partial']} {GUIDANCE['smudged']}"


def test_input_checks_and_types() -> None:
    with pytest.raises(ValueError):
        assess(np.zeros((4, 4)))
    with pytest.raises(ValueError):
        assess(np.zeros(100))
    img = scanned(ridges())
    assert assess(img) == assess(img.astype(np.float64))
