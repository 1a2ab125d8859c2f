"""Host-side fingerprint image quality, so bad captures are refused before they become templates.

numpy only. The image is cut into 16×16 blocks (about two ridge periods at ~500 dpi). A block is
*ridge-like* when its grey levels vary enough (standard deviation) and its gradients share one
orientation (structure-tensor coherence) — what parallel ridges look like and what blank glass, sensor
noise, a wet smear or a dry dab do not. From those blocks:

* coverage  — share of all blocks that are ridge-like (how much usable finger is on the glass);
* contrast  — grey-level spread (2.5th..97.5th percentile) inside the finger area, 0..1;
* sharpness — RMS gradient relative to that spread, scaled so crisp ridges at a normal ridge period
  reach about 1; smears and blur that keep the spread but soften the ridges score low;
* brightness and centre offset of the ridge area, used for guidance (light / dark / off-centre).

`score` (0..100) is the product of the three normalised measures raised to weights (coverage counts
fully, contrast and sharpness by their square roots), so one very bad measure sinks the
score. `ACCEPT_SCORE` is the enrolment gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from workstation.i18n import QT_TRANSLATE_NOOP, Sentences, render

ACCEPT_SCORE = 50  # enrolment refuses a press scoring below this

BLOCK = 16
RIDGE_MIN_STD = 8.0  # grey levels (0..255): below this a block is flat (blank glass, smear)
RIDGE_MIN_COHERENCE = 0.35  # 0 = no dominant orientation (noise), 1 = perfectly parallel ridges

# measure → (value at which its score starts above 0, value at which it is full)
CONTRAST_RANGE = (0.15, 0.45)
COVERAGE_RANGE = (0.15, 0.50)
SHARPNESS_RANGE = (0.30, 0.75)
WEIGHTS = {"contrast": 0.5, "coverage": 1.0, "sharpness": 0.5}  # exponents

# per-measure thresholds that name a problem (on the normalised 0..1 measure scores)
PROBLEM_BELOW = 0.5
DARK_BELOW = 0.30  # mean grey of the finger area / 255
LIGHT_ABOVE = 0.75
OFF_CENTRE_ABOVE = 0.35  # centroid of the ridge area from the image centre, as a share of half the size
SHARPNESS_SCALE = 0.16  # RMS gradient / 255 of crisp full-range ridges at a ~9-pixel period


# problem code → guidance for the officer (marked; Chinese in the .ts file); listed in order of importance
GUIDANCE: dict[str, str] = {
    "no_finger": QT_TRANSLATE_NOOP("zfm", "Place the finger flat on the glass."),
    "too_dark": QT_TRANSLATE_NOOP(
        "zfm", "The finger is too wet or pressing too hard: dry the finger and press more gently."
    ),
    "too_light": QT_TRANSLATE_NOOP(
        "zfm", "Press harder: the print is too light (a very dry finger may need a little moisture)."
    ),
    "partial": QT_TRANSLATE_NOOP("zfm", "Move the finger to the centre of the glass."),
    "low_coverage": QT_TRANSLATE_NOOP("zfm", "Press harder and place more of the finger, flat, on the glass."),
    "smudged": QT_TRANSLATE_NOOP(
        "zfm", "The print is smudged or blurred: lift the finger, wipe the glass and press again without moving."
    ),
    "low_contrast": QT_TRANSLATE_NOOP("zfm", "The print is faint: lift the finger and press again."),
}


@dataclass(frozen=True, slots=True)
class QualityReport:
    score: int  # 0..100
    contrast: float  # 0..1
    coverage: float  # 0..1
    sharpness: float  # 0..1
    brightness: float  # mean grey of the finger area, 0..1
    centre_offset: float  # 0 = ridge area centred, 1 = at the edge
    problems: list[str] = field(default_factory=list)
    guidance: str = ""  # what the officer should do, marked (`workstation.i18n.render`); "" when nothing

    @property
    def guidance_en(self) -> str:
        return render(self.guidance, "en")

    @property
    def guidance_zh(self) -> str:
        return render(self.guidance, "zh_CN")

    @property
    def acceptable(self) -> bool:
        return self.score >= ACCEPT_SCORE


def _ramp(value: float, lo_hi: tuple[float, float]) -> float:
    lo, hi = lo_hi
    return float(min(1.0, max(0.0, (value - lo) / (hi - lo))))


def _blocks(a: npt.NDArray[np.float64], b: int) -> npt.NDArray[np.float64]:
    """(H, W) → (H//b, W//b, b*b)."""
    h, w = a.shape[0] // b, a.shape[1] // b
    return a[: h * b, : w * b].reshape(h, b, w, b).swapaxes(1, 2).reshape(h, w, b * b)


def assess(img: npt.ArrayLike) -> QualityReport:
    """Quality of a grey fingerprint image (uint8 or 0..255 values, height × width)."""
    a = np.asarray(img, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] < BLOCK or a.shape[1] < BLOCK:
        raise ValueError(f"expected a 2-D grey image of at least {BLOCK}×{BLOCK}, got shape {a.shape}")
    gy, gx = (np.asarray(g, dtype=np.float64) for g in np.gradient(a))
    px = _blocks(a, BLOCK)
    bxx = _blocks(gx * gx, BLOCK).sum(-1)
    byy = _blocks(gy * gy, BLOCK).sum(-1)
    bxy = _blocks(gx * gy, BLOCK).sum(-1)
    std = px.std(-1)
    energy = bxx + byy
    coherence = np.sqrt((bxx - byy) ** 2 + 4 * bxy**2) / np.maximum(energy, 1e-9)
    ridge = (std >= RIDGE_MIN_STD) & (coherence >= RIDGE_MIN_COHERENCE)
    coverage = float(ridge.mean())

    if ridge.any():
        lo, hi = np.percentile(px[ridge], [5.0, 95.0], axis=-1)
        contrast = float(np.median(hi - lo)) / 255.0
        rms_gradient = np.sqrt(energy[ridge] / (BLOCK * BLOCK))
        sharpness = min(1.0, float(np.median(rms_gradient)) / 255.0 / SHARPNESS_SCALE)
        brightness = float(px[ridge].mean()) / 255.0
        rows, cols = np.nonzero(ridge)
        cy = (rows.mean() + 0.5) / ridge.shape[0]
        cx = (cols.mean() + 0.5) / ridge.shape[1]
        centre_offset = float(min(1.0, 2 * max(abs(cy - 0.5), abs(cx - 0.5))))
    else:
        contrast = float(np.median(np.ptp(px, axis=-1))) / 255.0
        sharpness = 0.0
        brightness = float(a.mean()) / 255.0
        centre_offset = 0.0

    scores = {
        "contrast": _ramp(contrast, CONTRAST_RANGE),
        "coverage": _ramp(coverage, COVERAGE_RANGE),
        "sharpness": _ramp(sharpness, SHARPNESS_RANGE),
    }
    score = 100.0
    for name, weight in WEIGHTS.items():
        score *= scores[name] ** weight
    problems = _problems(scores, coverage, brightness, centre_offset, any_ridge=bool(ridge.any()))
    return QualityReport(
        score=round(score),
        contrast=round(contrast, 4),
        coverage=round(coverage, 4),
        sharpness=round(sharpness, 4),
        brightness=round(brightness, 4),
        centre_offset=round(centre_offset, 4),
        problems=problems,
        guidance=Sentences(GUIDANCE[p] for p in problems),
    )


def _problems(
    scores: dict[str, float], coverage: float, brightness: float, centre_offset: float, *, any_ridge: bool
) -> list[str]:
    out: list[str] = []
    low_contrast = scores["contrast"] < PROBLEM_BELOW
    low_coverage = scores["coverage"] < PROBLEM_BELOW
    if not any_ridge or coverage < COVERAGE_RANGE[0] / 2:
        if brightness < DARK_BELOW:
            out.append("too_dark")
        elif brightness > LIGHT_ABOVE or not any_ridge:
            out.append("no_finger" if not any_ridge and brightness > LIGHT_ABOVE else "too_light")
        else:
            out.append("low_coverage")
        return out
    if brightness < DARK_BELOW and (low_contrast or low_coverage):
        out.append("too_dark")
    elif brightness > LIGHT_ABOVE and (low_contrast or low_coverage):
        out.append("too_light")
    if low_coverage and centre_offset > OFF_CENTRE_ABOVE:
        out.append("partial")
    elif low_coverage and "too_light" not in out and "too_dark" not in out:
        out.append("low_coverage")
    if scores["sharpness"] < PROBLEM_BELOW and "too_dark" not in out and "too_light" not in out:
        out.append("smudged")
    elif low_contrast and not out:
        out.append("low_contrast")
    return out
