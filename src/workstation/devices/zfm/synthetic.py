"""Synthetic optical-sensor finger images (clearly artificial ridge patterns) and the 4-bit UpImage format.

Nothing here is a real fingerprint. A "finger" is a ridge pattern grown by iterated oriented (Gabor)
filtering of seeded noise along an orientation field from a zero-pole model (cores and deltas) plus a
smooth random perturbation, all seeded by a hash of ``identity`` and ``position``. Each press of the
same finger resamples that master pattern with a small deterministic translation, rotation, pressure
and noise change, so two presses are alike but not identical; different fingers differ clearly.

Images look like an FTIR optical sensor's: light background, dark ridges inside an elliptical contact
area. ``quality``: ``"good"``; ``"poor"`` (dry, washed out: ridges barely darker than valleys);
``"smudged"`` (wet: blurred ridges under blotches); ``"partial"`` (only a small part of the tip touches).

``pack_4bit`` is the UpImage wire format (the module's side); ``unpack_4bit`` is what the emulated module
does with DownImage data. The character files the module derives from an image live in ``emulator.py``.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt

Quality = Literal["good", "poor", "smudged", "partial"]
QUALITIES: tuple[str, ...] = ("good", "poor", "smudged", "partial")

FloatArray = npt.NDArray[np.float64]
ByteImage = npt.NDArray[np.uint8]

MARGIN = 48  # master canvas border beyond the sensor, room for translation and rotation

# ---- small numpy image helpers --------------------------------------------------------------------


def _seed(*parts: object) -> int:
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def _gauss_kernel(sigma: float) -> FloatArray:
    radius = max(1, math.ceil(3 * sigma))
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    k = np.exp(-(x**2) / (2 * sigma * sigma))
    return np.asarray(k / k.sum(), dtype=np.float64)


def blur(img: FloatArray, sigma: float) -> FloatArray:
    """Separable Gaussian blur with edge replication."""
    if sigma <= 0:
        return img
    k = _gauss_kernel(sigma)
    r = len(k) // 2
    padded = np.pad(img, ((0, 0), (r, r)), mode="edge")
    out = np.zeros_like(img)
    for i, w in enumerate(k):
        out += w * padded[:, i : i + img.shape[1]]
    padded = np.pad(out, ((r, r), (0, 0)), mode="edge")
    out2 = np.zeros_like(img)
    for i, w in enumerate(k):
        out2 += w * padded[i : i + img.shape[0], :]
    return out2


def _bilinear(img: FloatArray, xs: FloatArray, ys: FloatArray, fill: float) -> FloatArray:
    h, w = img.shape
    x0 = np.floor(xs).astype(np.int64)
    y0 = np.floor(ys).astype(np.int64)
    fx = xs - x0
    fy = ys - y0
    inside = (x0 >= 0) & (y0 >= 0) & (x0 < w - 1) & (y0 < h - 1)
    x0c = np.clip(x0, 0, w - 2)
    y0c = np.clip(y0, 0, h - 2)
    v = (
        img[y0c, x0c] * (1 - fx) * (1 - fy)
        + img[y0c, x0c + 1] * fx * (1 - fy)
        + img[y0c + 1, x0c] * (1 - fx) * fy
        + img[y0c + 1, x0c + 1] * fx * fy
    )
    return np.where(inside, v, fill)


# ---- the master pattern of one finger -------------------------------------------------------------


@dataclass(frozen=True)
class _Master:
    ridges: FloatArray  # -1 (ridge) .. +1 (valley), canvas (H + 2·MARGIN) × (W + 2·MARGIN)
    cx: float  # contact ellipse centre in sensor coordinates
    cy: float
    ax: float  # semi-axes
    ay: float
    period: float


def _orientation_field(rng: np.random.Generator, w: int, h: int) -> FloatArray:
    """Ridge direction (radians, mod π) on the canvas from a zero-pole model plus smooth perturbation."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    z = xx + 1j * yy
    cx, cy = w / 2 + rng.uniform(-0.1, 0.1) * w, h * rng.uniform(0.38, 0.52)
    kind = rng.choice(["arch", "left_loop", "right_loop", "whorl", "twin_loop"], p=[0.12, 0.3, 0.3, 0.18, 0.1])
    cores: list[complex] = []
    deltas: list[complex] = []
    spread = rng.uniform(70, 110)
    if kind in ("left_loop", "right_loop"):
        side = -1 if kind == "left_loop" else 1
        cores.append(complex(cx, cy))
        deltas.append(complex(cx + side * spread * rng.uniform(0.7, 1.2), cy + spread * rng.uniform(0.6, 1.0)))
    elif kind == "whorl":
        d = rng.uniform(8, 22)
        a = rng.uniform(0, math.pi)
        cores += [
            complex(cx + d * math.cos(a), cy + d * math.sin(a)),
            complex(cx - d * math.cos(a), cy - d * math.sin(a)),
        ]
        deltas += [complex(cx - spread, cy + spread * 0.8), complex(cx + spread, cy + spread * 0.85)]
    elif kind == "twin_loop":
        cores += [complex(cx - 18, cy - 20), complex(cx + 18, cy + 20)]
        deltas += [complex(cx - spread * 1.1, cy + spread * 0.5), complex(cx + spread * 1.1, cy + spread * 1.1)]
    theta = np.zeros((h, w))
    for c in cores:
        theta += 0.5 * np.angle(z - c)
    for d_ in deltas:
        theta -= 0.5 * np.angle(z - d_)
    if kind == "arch":
        amp = rng.uniform(0.45, 0.8)
        theta = amp * np.sin(math.pi * (xx - cx) / w) * np.exp(-(((yy - cy - 40) / (0.6 * h)) ** 2))
    theta += rng.uniform(-0.25, 0.25)
    # smooth random perturbation: a few low-frequency waves, so that same-class fingers still differ
    waves = [(70.0, 160.0, 0.15, 0.32)] * 5 + [(40.0, 70.0, 0.08, 0.16)] * 4
    for lo, hi, a_lo, a_hi in waves:
        fx, fy = rng.uniform(-1, 1, size=2) * (2 * math.pi / rng.uniform(lo, hi))
        theta += rng.uniform(a_lo, a_hi) * np.sin(fx * xx + fy * yy + rng.uniform(0, 2 * math.pi))
    return np.asarray(theta, dtype=np.float64)


def _grow_ridges(rng: np.random.Generator, theta: FloatArray, period: float) -> FloatArray:
    """Iterated oriented band-pass filtering of noise (the usual SFinGe-style ridge growth), via FFT."""
    h, w = theta.shape
    bins = 16
    freq = 1.0 / period
    sigma = 0.55 * period
    ky = np.fft.fftfreq(h)[:, None]
    kx = np.fft.rfftfreq(w)[None, :]
    filters = []
    for b in range(bins):
        phi = b * math.pi / bins + math.pi / 2  # normal to the ridge direction
        u0, v0 = freq * math.cos(phi), freq * math.sin(phi)
        # Fourier transform of an even Gabor kernel: two Gaussians at ±(u0, v0)
        g1 = np.exp(-2 * (math.pi * sigma) ** 2 * ((kx - u0) ** 2 + (ky - v0) ** 2))
        g2 = np.exp(-2 * (math.pi * sigma) ** 2 * ((kx + u0) ** 2 + (ky + v0) ** 2))
        filters.append(g1 + g2)
    pos = np.mod(theta, math.pi) / math.pi * bins
    lo = np.floor(pos).astype(np.int64) % bins
    hi = (lo + 1) % bins
    frac = pos - np.floor(pos)
    img = rng.normal(0.0, 1.0, size=(h, w))
    for _ in range(7):
        spec = np.fft.rfft2(img)
        responses = np.stack([np.fft.irfft2(spec * f, s=(h, w)) for f in filters])
        rows, cols = np.mgrid[0:h, 0:w]
        out = responses[lo, rows, cols] * (1 - frac) + responses[hi, rows, cols] * frac
        out /= np.std(out) + 1e-9
        img = np.clip(out * 1.6, -1.0, 1.0)
    return np.asarray(img, dtype=np.float64)


@lru_cache(maxsize=64)
def _master(identity: str, position: int, width: int, height: int) -> _Master:
    rng = np.random.default_rng(_seed("zfm-finger", identity, position, width, height))
    cw, ch = width + 2 * MARGIN, height + 2 * MARGIN
    period = float(rng.uniform(7.5, 10.5)) * min(1.0, max(width, height) / 288) ** 0.3
    theta = _orientation_field(rng, cw, ch)
    ridges = _grow_ridges(rng, theta, period)
    return _Master(
        ridges=ridges,
        cx=width / 2 + float(rng.uniform(-8, 8)),
        cy=height / 2 + float(rng.uniform(-4, 12)),
        ax=width * float(rng.uniform(0.36, 0.44)),
        ay=height * float(rng.uniform(0.40, 0.47)),
        period=period,
    )


def finger_image(
    identity: str,
    position: int,
    press: int = 0,
    *,
    width: int = 256,
    height: int = 288,
    quality: str = "good",
) -> ByteImage:
    """One press of a synthetic finger as the sensor sees it: uint8, height × width, light background."""
    if quality not in QUALITIES:
        raise ValueError(f"quality must be one of {', '.join(QUALITIES)}")
    if width < 64 or height < 64:
        raise ValueError("image too small")
    m = _master(identity, int(position), width, height)
    rng = np.random.default_rng(_seed("zfm-press", identity, position, press, quality, width, height))
    # pose of this press (press 0 is near the master pose, later presses wander a little)
    spread = 1.0 if press else 0.4
    angle = math.radians(float(rng.uniform(-5, 5)) * spread)
    tx, ty = (float(v) for v in rng.uniform(-9, 9, size=2) * spread)
    pressure = float(rng.uniform(-0.25, 0.25))
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float64)
    # inverse mapping: sensor pixel → master canvas
    cxs, cys = width / 2, height / 2
    ca, sa = math.cos(angle), math.sin(angle)
    dx, dy = xx - cxs - tx, yy - cys - ty
    mx = ca * dx + sa * dy + cxs + MARGIN
    my = -sa * dx + ca * dy + cys + MARGIN
    ridges = _bilinear(m.ridges, mx, my, 1.0)
    # contact area: an ellipse that moves with the finger
    ex, ey, ax, ay = m.cx + tx, m.cy + ty, m.ax, m.ay
    if quality == "partial":  # just a corner of the tip touches
        corner = rng.integers(0, 4)
        ex += (-1 if corner % 2 == 0 else 1) * ax * 0.95
        ey += (-1 if corner < 2 else 1) * ay * 0.85
        ax, ay = ax * 0.55, ay * 0.5
    r = np.sqrt(((xx - ex) / ax) ** 2 + ((yy - ey) / ay) ** 2)
    contact = np.clip((1.08 - r) / 0.12, 0.0, 1.0)
    # ridge darkness: pressure widens ridges; soft threshold keeps ridge edges smooth
    ink = 1.0 / (1.0 + np.exp(-4.0 * (-ridges + pressure)))  # 1 on ridges, 0 in valleys
    noise = rng.normal(0, 1, size=(height, width))
    background = 238 + 6 * blur(rng.normal(0, 1, size=(height, width)), 6) * 4
    if quality == "good":
        ridge_v, valley_v = 45.0, 200.0
        ink = np.clip(ink + 0.08 * blur(noise, 1.0), 0, 1)
    elif quality == "partial":
        ridge_v, valley_v = 55.0, 205.0
        ink = np.clip(ink + 0.08 * blur(noise, 1.0), 0, 1)
    elif quality == "poor":  # dry and washed out: faint, broken ridges
        ridge_v, valley_v = 196.0, 214.0
        breaks = blur(rng.normal(0, 1, size=(height, width)), 3.0)
        ink = ink * (breaks > -0.05)
    else:  # smudged: wet, ridges run together and blotches cover them
        ridge_v, valley_v = 70.0, 170.0
        ink = blur(ink, 3.2)
        blotch = blur(rng.normal(0, 1, size=(height, width)), 3.5)
        blotch /= np.std(blotch) + 1e-9
        ink = np.clip(0.35 * ink + 0.5 + 0.35 * blotch, 0, 1)
    finger = valley_v + (ridge_v - valley_v) * ink
    img = background * (1 - contact) + finger * contact + rng.normal(0, 3.0, size=(height, width))
    out: ByteImage = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    return out


# ---- 4-bit transfer format ---------------------------------------------------------------------------


def pack_4bit(img: npt.NDArray[np.uint8]) -> bytes:
    """UpImage wire format: rows top→bottom, two pixels a byte, left pixel in the high nibble, value >> 4."""
    a = np.asarray(img, dtype=np.uint8)
    if a.ndim != 2 or a.shape[1] % 2:
        raise ValueError("image must be 2-D with an even width")
    hi = a[:, 0::2] >> 4
    lo = a[:, 1::2] >> 4
    return bytes(((hi << 4) | lo).astype(np.uint8).tobytes())


def unpack_4bit(data: bytes, width: int, height: int) -> ByteImage:
    """The module's side of DownImage: nibble × 17 (0x0 → 0, 0xF → 255)."""
    if len(data) != width * height // 2:
        raise ValueError(f"expected {width * height // 2} bytes, got {len(data)}")
    b = np.frombuffer(data, dtype=np.uint8).reshape(height, width // 2)
    out = np.empty((height, width), dtype=np.uint8)
    out[:, 0::2] = (b >> 4) * 17
    out[:, 1::2] = (b & 0x0F) * 17
    return out
