"""A byte-faithful ZhianTec / Synochip optical fingerprint module (ZFM-20, R30x, AS608, R503) emulator.

State as on the module (spec §1.9): an image buffer (valid flag = status bit 3), CharBuffer1/2, a template
library of ``capacity`` pages, 16 notepad pages of 32 bytes, and the "flash" settings (password, address,
security level, packet size, baud N) which survive ``on_connect`` (a power cycle or a new TCP client) while
the volatile state (image, buffers, password verification) does not.

The finger is scripted from outside: ``place_finger(identity, position, quality=...)`` puts a synthetic finger
on the sensor (each call is a new press with a slightly different pose, see ``synthetic.py``);
``lift_finger()`` removes it. ``set_failure(cc)`` makes GenImg answer ``cc`` until cleared.

Choices where the spec leaves room (documented here so the host driver can rely on them):

* Bad checksum on a command packet for this address → ACK 0x01. Bad checksum on a data packet of a
  DownChar/DownImage transfer → no reply, the transfer is rejected. Packets for another address → silence.
  Garbage between packets is skipped (the parser resynchronises on ``EF 01``).
* Unknown or unimplemented instruction → 0xFC ("unsupported command", R503 wording). Wrong parameter
  length or an invalid BufferID (not 1/2) → 0x01.
* A non-zero password: until VfyPwd succeeds every other command gets 0x21 (also GetEcho/SoftReset).
  Status bit 2 (PWD) is set only after a successful VfyPwd against a non-zero password, so a module with the
  default password reports status 0 as in spec 6.1.
* GenImg: 0x02 with no finger, else 0x00 (whatever the image quality, as the R503 manual says); a failed
  GenImg leaves the image buffer invalid. Img2Tz judges the image buffer's content: no valid image → 0x15,
  too little ridge area (washed-out "poor", "partial") → 0x07, ridge area mostly incoherent ("smudged") → 0x06.
* A CharBuffer always holds ``template_size`` bytes (UpChar sends that many). Img2Tz puts a character file
  (``template_size // 2`` bytes, ``03 01 …``) in its first half and zeroes the second; RegModel stores
  ``char1 + char2`` (second half re-headed ``03 03 …``) into both buffers, or answers 0x0A when the two
  character files are not the same finger.
* Match answers CC + score(2) and Search/HighSpeedSearch CC + PageID(2) + score(2) also on failure (zeros for
  Search, the best score for Match), as the manual's fixed-length ACKs do. Search returns the best-scoring
  page in the range (ties: lowest page).
* Store/LoadChar/ReadIndexTable outside the library → 0x0B; LoadChar of an empty page → 0x0C; DeleteChar with
  N = 0 or beyond the library → 0x10; notepad page > 15 → 0x1C; SetSysPara unknown parameter → 0x1A, value
  out of range → 0x1B. UpImage without a valid image → 0x0F.
* DownChar/DownImage: ACK 0x00, then the host's data packets (no ACK per packet). Every packet but the last
  must carry exactly the packet size, the last at most that, and the total must be exactly the buffer size;
  otherwise the transfer is rejected silently (CharBuffer zeroed / image buffer invalid). A command packet
  during a transfer aborts it (rejected) and is then executed.
* SetSysPara answers at the old settings, then applies: a new baud N changes the server's pacing baud right
  after the ACK (or only at the next power cycle/SoftReset if ``baud_applies_on_reset``); packet size applies
  to the next transfer. SetAddr (0x15) answers from the *new* address (what the manuals say; UNVERIFIED).
* The server's baud follows 9600·N (also at power-up), so on an `EmulatorServer(enforce_baud=True)` pty
  link a host at another line speed is not heard, as on a real UART.
* SoftReset (0x3D): ACK, then one raw 0x55 byte; volatile state is reset as on power-up.
* ReadProdInfo (0x3C) is answered only with ``model="R503"`` (46 bytes, spec §1.4 layout, ASCII fields padded
  with NUL); other models answer 0xFC. GetImageEx (0x28, R503 only) captures like GenImg but answers 0x07 for an image
  that Img2Tz would refuse (the image stays in the buffer). AuraLedConfig (0x35), LED on/off (0x50/0x51)
  and GetEcho (0x53 → 0x55) are answered by every model.

Character files are derived from the image buffer (so DownImage followed by Img2Tz works). Layout of one
character file of ``template_size // 2`` bytes (opaque to the host; only this emulator reads it):

    0  03, 01 (03 03 for the second impression inside a RegModel template)
    2  block size in pixels (16 for 256×288 / 512-byte templates), 3 columns, 4 rows of blocks
    5  dominant ridge period × 10 (pixels), 6–7 foreground block count, 8 coverage %, 9 reserved 0
   10  block orientations, two 4-bit values a byte (row-major, high nibble first): 0..14 = ridge direction
       in 12° steps, 15 = background / unreliable block
  ...  zero padding; last 2 bytes: 16-bit sum of everything before (a corrupt character file is ignored)

Scoring: the double-angle orientation fields are compared under a coarse-to-fine search over rotation
(±10°) and translation (±24 px); agreement and ridge-period agreement give 0..300. On the synthetic fingers
another press of the same finger scores about 100–280 (typically 140–200) on 256×288 images and 75–190
on 192×192; different fingers score 0–35 (almost always 0). A match needs ``SECURITY_THRESHOLDS[security]``
(35/45/55/70/90 for levels 1..5); RegModel uses the same threshold.
"""

from __future__ import annotations

import json
import math
import random
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from workstation.devices.emulation import EmulatedDevice
from workstation.devices.errors import ProtocolError
from workstation.devices.zfm import framer as fr
from workstation.devices.zfm.synthetic import (
    QUALITIES,
    ByteImage,
    FloatArray,
    blur,
    finger_image,
    pack_4bit,
    unpack_4bit,
)

GET_IMAGE_EX = 0x28  # R503 only
SECURITY_THRESHOLDS = {1: 35, 2: 45, 3: 55, 4: 70, 5: 90}
MAX_SCORE = 300
NOTEPAD_PAGES = 16
NOTEPAD_PAGE_SIZE = 32
INDEX_PAGE_IDS = 256
BLOCK_SIZES = (16, 20, 24, 32)
ORIENTATION_LEVELS = 15  # 12° steps; nibble 15 = background block
BACKGROUND = 15
CF_HEADER = 10  # bytes before the orientation nibbles
MIN_FOREGROUND_FRACTION = 0.2  # of all blocks: less ridge area than this → 0x07
MIN_COHERENT_FRACTION = 0.75  # of the ridge area: less → 0x06
CONTRAST_STD = 20.0  # grey-level standard deviation of a block holding ridges
COHERENCE = 0.5
CHAR_FIRST = 0x01
CHAR_SECOND = 0x03

U8Array = npt.NDArray[np.uint8]
BoolArray = npt.NDArray[np.bool_]


# ---- character files ---------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Features:
    """One decoded character file: block orientation field (radians, mod π) and foreground mask."""

    block: int
    theta: FloatArray
    mask: BoolArray
    period: float

    @property
    def count(self) -> int:
        return int(self.mask.sum())


def block_size_for(width: int, height: int, char_size: int) -> int:
    """The smallest block size whose orientation field fits a character file of ``char_size`` bytes."""
    for bs in BLOCK_SIZES:
        n = (width // bs) * (height // bs)
        if CF_HEADER + (n + 1) // 2 + 2 <= char_size:
            return bs
    raise ValueError(f"a {char_size}-byte character file cannot hold the features of a {width}×{height} image")


def _cf_checksum(body: bytes) -> bytes:
    return (sum(body) & 0xFFFF).to_bytes(2, "big")


class ImageTooPoor(Exception):
    def __init__(self, cc: int) -> None:
        super().__init__(f"confirmation code 0x{cc:02X}")
        self.cc = cc


def _ridge_period(img: FloatArray) -> float:
    """Dominant ridge spacing in pixels: peak of the radially summed power spectrum (4.5..16 px)."""
    a = img - img.mean()
    power = np.abs(np.fft.rfft2(a)) ** 2
    h, w = a.shape
    ky = np.fft.fftfreq(h)[:, None]
    kx = np.fft.rfftfreq(w)[None, :]
    r = np.broadcast_to(np.sqrt(kx**2 + ky**2), power.shape)
    band = (r > 1 / 16) & (r < 1 / 4.5)
    edges = np.linspace(1 / 16, 1 / 4.5, 41)
    ring, _ = np.histogram(r[band], bins=edges, weights=power[band])
    ring = np.convolve(ring, np.array([1.0, 2.0, 3.0, 2.0, 1.0]), mode="same")
    centres = (edges[:-1] + edges[1:]) / 2
    k = int(np.argmax(ring))
    near = np.abs(centres - centres[k]) <= 0.15 * centres[k]
    f = float((centres[near] * ring[near]).sum() / ring[near].sum())
    return 1.0 / f


def extract_features(img: npt.NDArray[np.uint8], block: int) -> Features:
    """Img2Tz's analysis of an image buffer; raises ImageTooPoor(0x06 / 0x07)."""
    a = np.asarray(img, dtype=np.float64)
    rows, cols = a.shape[0] // block, a.shape[1] // block
    a = a[: rows * block, : cols * block]
    grads = np.gradient(blur(a, 1.0))
    gy, gx = np.asarray(grads[0], dtype=np.float64), np.asarray(grads[1], dtype=np.float64)

    def bsum(x: FloatArray) -> FloatArray:
        return np.asarray(x.reshape(rows, block, cols, block).sum(axis=(1, 3)), dtype=np.float64)

    gxx, gyy, gxy = bsum(gx * gx), bsum(gy * gy), bsum(gx * gy)
    vx, vy = 2 * gxy, gxx - gyy
    coherence = np.sqrt(vx**2 + vy**2) / (gxx + gyy + 1e-9)
    theta = np.mod(0.5 * np.arctan2(vx, vy) + math.pi / 2, math.pi)  # ridge direction, image coordinates
    std = a.reshape(rows, block, cols, block).std(axis=(1, 3))
    ridged = std >= CONTRAST_STD
    mask = ridged & (coherence >= COHERENCE)
    total = rows * cols
    if ridged.sum() < MIN_FOREGROUND_FRACTION * total:
        raise ImageTooPoor(fr.CC_FEW_FEATURES)
    if mask.sum() < MIN_COHERENT_FRACTION * ridged.sum():
        raise ImageTooPoor(fr.CC_MESSY)
    if mask.sum() < MIN_FOREGROUND_FRACTION * total:
        raise ImageTooPoor(fr.CC_FEW_FEATURES)
    region = np.kron(mask, np.ones((block, block), dtype=bool))
    period = _ridge_period(np.where(region, a, a[region].mean()))
    return Features(block, np.asarray(theta, dtype=np.float64), mask, period)


def encode_char_file(f: Features, size: int, *, second: bool = False) -> bytes:
    rows, cols = f.mask.shape
    q = np.rint(f.theta / math.pi * ORIENTATION_LEVELS).astype(np.int64) % ORIENTATION_LEVELS
    q = np.where(f.mask, q, BACKGROUND).ravel()
    if len(q) % 2:
        q = np.append(q, BACKGROUND)
    nibbles = bytes(((q[0::2] << 4) | q[1::2]).astype(np.uint8).tobytes())
    quality = round(100 * f.count / (rows * cols))
    head = bytes([0x03, CHAR_SECOND if second else CHAR_FIRST, f.block, cols, rows, min(255, round(f.period * 10))])
    head += f.count.to_bytes(2, "big") + bytes([quality, 0])
    body = (head + nibbles).ljust(size - 2, b"\x00")
    if len(body) != size - 2:
        raise ValueError("character file too small for these features")
    return body + _cf_checksum(body)


def decode_char_file(cf: bytes) -> Features | None:
    """A character file's features, or None when it is not a valid character file."""
    if len(cf) < CF_HEADER + 2 or cf[0] != 0x03 or cf[1] not in (CHAR_FIRST, CHAR_SECOND):
        return None
    if _cf_checksum(cf[:-2]) != cf[-2:]:
        return None
    block, cols, rows = cf[2], cf[3], cf[4]
    n = rows * cols
    if block == 0 or n == 0 or CF_HEADER + (n + 1) // 2 > len(cf) - 2:
        return None
    raw = np.frombuffer(cf[CF_HEADER : CF_HEADER + (n + 1) // 2], dtype=np.uint8)
    flat = np.empty(len(raw) * 2, dtype=np.int64)
    flat[0::2] = raw >> 4
    flat[1::2] = raw & 0x0F
    q = flat[:n].reshape(rows, cols)
    mask = q != BACKGROUND
    if not mask.any():
        return None
    theta = np.where(mask, q, 0).astype(np.float64) * math.pi / ORIENTATION_LEVELS
    return Features(int(block), theta, mask, cf[5] / 10 if cf[5] else 0.0)


@lru_cache(maxsize=4096)
def buffer_features(buf: bytes) -> tuple[Features, ...]:
    """The valid character files in a CharBuffer / template (one after Img2Tz, two after RegModel)."""
    half = len(buf) // 2
    decoded = (decode_char_file(buf[:half]), decode_char_file(buf[half:]))
    return tuple(f for f in decoded if f is not None)


_ROT_COARSE = np.radians(np.array([-10.0, -5.0, 0.0, 5.0, 10.0]))
_SHIFT_COARSE = np.arange(-24.0, 25.0, 6.0)
_COARSE_POINTS = 96  # the coarse search uses at most this many of a's blocks


def _field(f: Features) -> npt.NDArray[np.complex128]:
    """b's orientations as a double-angle unit field, zero off the foreground, with a zero border of one block
    (so clipped indices of points outside the image land on zeros)."""
    z = np.where(f.mask, np.exp(2j * f.theta), 0)
    return np.asarray(np.pad(z, 1), dtype=np.complex128)


def _similarity(
    a: Features, b: Features, rots: FloatArray, txs: FloatArray, tys: FloatArray, *, points: int | None = None
) -> tuple[float, float, float, float]:
    """Best (agreement, rotation, tx, ty) over the given transforms of a onto b.

    Agreement = Σ cos 2(θa + rot − θb) over a's foreground blocks mapped into b (bilinear, background counts 0),
    divided by the smaller foreground: 1 for identical fields that overlap fully."""
    rows, cols = b.mask.shape
    zb = _field(b)
    r, c = np.nonzero(a.mask)
    if points is not None and len(r) > points:
        keep = np.linspace(0, len(r) - 1, points).astype(np.int64)
        r, c = r[keep], c[keep]
        norm = min(a.count, b.count) * points / a.count
    else:
        norm = min(a.count, b.count)
    px = (c + 0.5) * a.block
    py = (r + 0.5) * a.block
    cx, cy = a.mask.shape[1] * a.block / 2, a.mask.shape[0] * a.block / 2
    za = np.exp(-2j * a.theta[r, c])
    rot, tx, ty = np.meshgrid(rots, txs, tys, indexing="ij")
    rot, tx, ty = rot.ravel()[:, None], tx.ravel()[:, None], ty.ravel()[:, None]
    cos, sin = np.cos(rot), np.sin(rot)
    bx = (cos * (px - cx) - sin * (py - cy) + cx + tx) / b.block + 0.5  # +1 border − 0.5 block centre
    by = (sin * (px - cx) + cos * (py - cy) + cy + ty) / b.block + 0.5
    x0 = np.clip(np.floor(bx).astype(np.int64), 0, cols + 1)
    y0 = np.clip(np.floor(by).astype(np.int64), 0, rows + 1)
    fx = np.clip(bx - x0, 0.0, 1.0)
    fy = np.clip(by - y0, 0.0, 1.0)
    x1 = np.minimum(x0 + 1, cols + 1)
    y1 = np.minimum(y0 + 1, rows + 1)
    sample = (zb[y0, x0] * (1 - fx) + zb[y0, x1] * fx) * (1 - fy) + (zb[y1, x0] * (1 - fx) + zb[y1, x1] * fx) * fy
    dot = (sample * za * np.exp(-2j * rot)).real.sum(axis=1)
    q = dot / max(1.0, norm)
    k = int(np.argmax(q))
    return float(q[k]), float(rot[k, 0]), float(tx[k, 0]), float(ty[k, 0])


def feature_score(a: Features, b: Features) -> int:
    """0..300: how alike two character files are (coarse-to-fine alignment search)."""
    q, rot, tx, ty = _similarity(a, b, _ROT_COARSE, _SHIFT_COARSE, _SHIFT_COARSE, points=_COARSE_POINTS)
    for step, shift in ((math.radians(2.0), 3.0), (math.radians(1.0), 1.5)):
        q, rot, tx, ty = _similarity(
            a,
            b,
            np.array([rot - step, rot, rot + step]),
            np.array([tx - shift, tx, tx + shift]),
            np.array([ty - shift, ty, ty + shift]),
        )
    if a.period and b.period:  # ridge spacing must agree too
        ratio = abs(math.log(a.period / b.period))
        q -= max(0.0, ratio - 0.12) * 1.5
    s = max(0.0, (q - 0.72) / (1.0 - 0.72))
    return max(0, min(MAX_SCORE, round(MAX_SCORE * math.pow(s, 1.3))))


def template_score(x: bytes, y: bytes) -> int:
    """Best score between any character file of buffer/template x and any of y (0 if either has none)."""
    fx, fy = buffer_features(x), buffer_features(y)
    return int(max((feature_score(a, b) for a in fx for b in fy), default=0))


# ---- scenarios ------------------------------------------------------------------------------------------

EMULATOR_OPTIONS = (
    "address",
    "password",
    "capacity",
    "packet_size",
    "image_width",
    "image_height",
    "template_size",
    "baud_n",
    "security",
    "capture_latency_s",
    "model",
)


def load_finger_scenario(path: str | Path) -> dict[str, Any]:
    """Load and check one finger scenario (resources/scenarios/fingers/*.json).

    Keys: ``label`` (text), ``identity`` (any string; seeds the synthetic finger), ``position`` (ISO finger
    position 0..10, default 2), ``presses`` (qualities of successive presses: "good", "poor", "smudged",
    "partial"; default two good), ``module`` (ZfmEmulator keyword arguments, e.g. an R503 geometry; default
    none), ``expect`` (what the module should do: ``img2tz`` = the Img2Tz confirmation code of each press,
    ``same_finger`` = the good presses enrol and identify). Returns them as a dict with defaults filled in;
    raises ValueError on a malformed file. ``emulator_for_scenario(spec)`` builds the configured module.
    """
    spec = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(spec, dict):
        raise ValueError("a finger scenario is a JSON object")
    identity = spec.get("identity")
    if not isinstance(identity, str) or not identity:
        raise ValueError("scenario needs an 'identity' string")
    position = spec.get("position", 2)
    if not isinstance(position, int) or not 0 <= position <= 10:
        raise ValueError("'position' must be an ISO finger position 0..10")
    presses = spec.get("presses", ["good", "good"])
    if not isinstance(presses, list) or not presses or any(p not in QUALITIES for p in presses):
        raise ValueError(f"'presses' must be a non-empty list of {', '.join(QUALITIES)}")
    module = spec.get("module", {})
    if not isinstance(module, dict) or any(k not in EMULATOR_OPTIONS for k in module):
        raise ValueError(f"'module' may only set {', '.join(EMULATOR_OPTIONS)}")
    expect = spec.get("expect", {})
    if not isinstance(expect, dict):
        raise ValueError("'expect' must be an object")
    return {
        "label": str(spec.get("label", identity)),
        "identity": identity,
        "position": position,
        "presses": list(presses),
        "module": dict(module),
        "expect": dict(expect),
    }


def emulator_for_scenario(spec: dict[str, Any]) -> ZfmEmulator:
    """A module configured as a loaded scenario's ``module`` section says (defaults otherwise)."""
    return ZfmEmulator(**spec.get("module", {}))


# ---- the module ----------------------------------------------------------------------------------------


@dataclass
class _Transfer:
    """A DownChar/DownImage in progress: data packets from the host."""

    target: int  # 0 image buffer, 1/2 CharBuffer
    size: int
    packet_size: int
    data: bytearray = field(default_factory=bytearray)
    ok: bool = True
    short_seen: bool = False


@dataclass
class _Finger:
    identity: str
    position: int
    quality: str
    press: int
    image: ByteImage


class ZfmEmulator(EmulatedDevice):
    name = "fingerprint"

    def __init__(
        self,
        *,
        address: int = 0xFFFFFFFF,
        password: int = 0,
        capacity: int = 300,
        packet_size: int = 128,
        image_width: int = 256,
        image_height: int = 288,
        template_size: int = 512,
        baud_n: int = 6,
        security: int = 3,
        capture_latency_s: float = 0.0,
        model: str = "ZFM-20",
    ) -> None:
        super().__init__()
        if packet_size not in fr.PACKET_SIZES.values():
            raise ValueError("packet_size must be 32, 64, 128 or 256")
        if not 1 <= baud_n <= 12:
            raise ValueError("baud_n must be 1..12")
        if not 1 <= security <= 5:
            raise ValueError("security must be 1..5")
        if not 1 <= capacity <= 4 * INDEX_PAGE_IDS:
            raise ValueError("capacity must be 1..1024")
        if image_width % 2 or image_width < 64 or image_height < 64:
            raise ValueError("image must be at least 64×64 with an even width")
        if template_size % 2:
            raise ValueError("template_size must be even")
        self.address = address & 0xFFFFFFFF
        self.password = password & 0xFFFFFFFF
        self.capacity = capacity
        self.packet_size = packet_size
        self.image_width = image_width
        self.image_height = image_height
        self.template_size = template_size
        self.baud_n = baud_n
        self.security = security
        self.capture_latency_s = capture_latency_s
        self.model = model
        self.block = block_size_for(image_width, image_height, template_size // 2)
        self.baud_applies_on_reset = False  # True: a new baud N takes effect only at power-up / SoftReset
        self.library: dict[int, bytes] = {}
        self.notepad: list[bytes] = [bytes(NOTEPAD_PAGE_SIZE) for _ in range(NOTEPAD_PAGES)]
        self.commands_seen: list[int] = []
        self._lock = threading.RLock()  # protocol state: held while a command is handled and answered
        self._scenario_lock = threading.Lock()  # press counters
        self._parser = fr.PacketParser(None)
        self._random = random.Random(f"zfm:{model}:{address}")  # GetRandomCode: deterministic per module
        self._finger: _Finger | None = None
        self._presses: dict[tuple[str, int], int] = {}
        self._failure: int | None = None
        self._failure_times: int | None = None
        self._command_failures: dict[int, tuple[int, int]] = {}
        self._power_up()

    # ---- volatile state ---------------------------------------------------------------------------------
    def _power_up(self) -> None:
        self._verified = self.password == 0
        self._pwd_bit = False
        self._pass_bit = False
        self.image: ByteImage | None = None  # the image buffer; None = no valid image (status bit 3 clear)
        self.char_buffers: dict[int, bytes] = {1: bytes(self.template_size), 2: bytes(self.template_size)}
        self._transfer: _Transfer | None = None
        self._parser.clear()
        self._apply_baud()

    def _apply_baud(self) -> None:
        if self._server is not None:
            self._server.baudrate = 9600 * self.baud_n

    @property
    def status_register(self) -> int:
        return (
            (0x02 if self._pass_bit else 0) | (0x04 if self._pwd_bit else 0) | (0x08 if self.image is not None else 0)
        )

    @property
    def threshold(self) -> int:
        return SECURITY_THRESHOLDS[self.security]

    # ---- scenario control (any thread) ------------------------------------------------------------------
    def place_finger(self, identity: str, position: int, *, quality: str = "good") -> None:
        """Put a finger on the sensor: a new press (pose differs slightly from the previous press).

        Safe from any thread, and does not wait for a reply in progress (a paced UpImage takes seconds)."""
        if quality not in QUALITIES:
            raise ValueError(f"quality must be one of {', '.join(QUALITIES)}")
        key = (identity, int(position))
        with self._scenario_lock:
            press = self._presses.get(key, 0)
            self._presses[key] = press + 1
        image = finger_image(
            identity, int(position), press, width=self.image_width, height=self.image_height, quality=quality
        )
        self._finger = _Finger(identity, int(position), quality, press, image)  # one atomic assignment

    def lift_finger(self) -> None:
        self._finger = None

    @property
    def finger_present(self) -> bool:
        return self._finger is not None

    def set_failure(self, cc: int | None, *, times: int | None = None) -> None:
        """Make GenImg answer ``cc`` (e.g. 0x03 capture failed) until cleared with None, or only for the
        next `times` captures."""
        self._failure = None if cc is None else cc & 0xFF
        self._failure_times = times

    def fail_command(self, code: int, cc: int, *, times: int = 1) -> None:
        """Answer the next `times` commands with instruction `code` with confirmation code `cc` only (e.g.
        UpChar 0x0D, any command 0x01 as if its packet had been damaged), without executing them."""
        with self._scenario_lock:
            self._command_failures[code & 0xFF] = (cc & 0xFF, times)

    # ---- link ------------------------------------------------------------------------------------------
    def on_connect(self) -> None:
        with self._lock:
            self._power_up()

    def on_bytes(self, data: bytes) -> None:
        with self._lock:
            self._parser.feed(data)
            while True:
                try:
                    packet = self._parser.next_packet()
                except fr.ChecksumError as exc:
                    self._bad_checksum(exc)
                    continue
                except ProtocolError:
                    continue
                if packet is None:
                    return
                self._on_packet(packet)

    def _ack(self, cc: int, data: bytes = b"") -> bytes:
        return fr.build_ack(cc, data, self.address)

    def _bad_checksum(self, exc: fr.ChecksumError) -> None:
        if exc.address != self.address:
            return
        if exc.pid in (fr.PID_DATA, fr.PID_END):
            if self._transfer is not None:
                self._transfer.ok = False
                if exc.pid == fr.PID_END:
                    self._finish_transfer()
            return
        if exc.pid == fr.PID_COMMAND:
            self.send(self._ack(fr.CC_PACKET_ERROR))

    def _on_packet(self, packet: fr.Packet) -> None:
        if packet.address != self.address:
            return  # "at wrong adder value, module will reject to transfer"
        if packet.pid in (fr.PID_DATA, fr.PID_END):
            if self._transfer is not None:
                self._receive_data(packet)
            return
        if packet.pid != fr.PID_COMMAND:
            return
        if self._transfer is not None:  # a command aborts a half-received DownChar/DownImage
            self._transfer.ok = False
            self._finish_transfer()
        code = packet.code
        self.commands_seen.append(code)
        if not self._verified and code != fr.VFY_PWD:
            self.send(self._ack(fr.CC_PASSWORD_REQUIRED))
            return
        with self._scenario_lock:
            injected = self._command_failures.get(code)
            if injected is not None:
                cc, times = injected
                if times <= 1:
                    del self._command_failures[code]
                else:
                    self._command_failures[code] = (cc, times - 1)
        if injected is not None:
            self.send(self._ack(injected[0]))
            return
        handler = self._handlers().get(code)
        if handler is None:
            self.send(self._ack(fr.CC_UNSUPPORTED))
            return
        handler(packet.data)

    def _handlers(self) -> dict[int, Any]:
        return {
            fr.VFY_PWD: self._vfy_pwd,
            fr.SET_PWD: self._set_pwd,
            fr.SET_ADDR: self._set_addr,
            fr.GEN_IMG: self._gen_img,
            fr.IMG2TZ: self._img2tz,
            fr.MATCH: self._match,
            fr.SEARCH: self._search,
            fr.HIGH_SPEED_SEARCH: self._search,
            fr.REG_MODEL: self._reg_model,
            fr.STORE: self._store,
            fr.LOAD_CHAR: self._load_char,
            fr.UP_CHAR: self._up_char,
            fr.DOWN_CHAR: self._down_char,
            fr.UP_IMAGE: self._up_image,
            fr.DOWN_IMAGE: self._down_image,
            fr.DELETE_CHAR: self._delete_char,
            fr.EMPTY: self._empty,
            fr.SET_SYS_PARA: self._set_sys_para,
            fr.READ_SYS_PARA: self._read_sys_para,
            fr.TEMPLATE_NUM: self._template_num,
            fr.READ_INDEX_TABLE: self._read_index_table,
            fr.GET_RANDOM: self._get_random,
            fr.WRITE_NOTEPAD: self._write_notepad,
            fr.READ_NOTEPAD: self._read_notepad,
            fr.READ_PROD_INFO: self._read_prod_info,
            fr.SOFT_RESET: self._soft_reset,
            fr.AURA_LED: self._simple_ok,
            0x50: self._simple_ok,  # ZFM60 LED on
            0x51: self._simple_ok,  # ZFM60 LED off
            fr.GET_ECHO: self._get_echo,
            GET_IMAGE_EX: self._get_image_ex,
        }

    # ---- helpers -----------------------------------------------------------------------------------------
    def _params(self, data: bytes, n: int) -> bool:
        if len(data) != n:
            self.send(self._ack(fr.CC_PACKET_ERROR))
            return False
        return True

    def _buffer_id(self, data: bytes) -> int | None:
        if data[0] not in (1, 2):
            self.send(self._ack(fr.CC_PACKET_ERROR))
            return None
        return data[0]

    # ---- password / address ------------------------------------------------------------------------------
    def _vfy_pwd(self, data: bytes) -> None:
        if not self._params(data, 4):
            return
        if int.from_bytes(data, "big") == self.password:
            self._verified = True
            self._pwd_bit = self.password != 0
            self.send(self._ack(fr.CC_OK))
        else:
            self._verified = self.password == 0
            self._pwd_bit = False
            self.send(self._ack(fr.CC_WRONG_PASSWORD))

    def _set_pwd(self, data: bytes) -> None:
        if not self._params(data, 4):
            return
        self.password = int.from_bytes(data, "big")
        self._pwd_bit = self.password != 0
        self.send(self._ack(fr.CC_OK))

    def _set_addr(self, data: bytes) -> None:
        if not self._params(data, 4):
            return
        self.address = int.from_bytes(data, "big")
        self.send(self._ack(fr.CC_OK))  # from the new address

    # ---- capture and features ----------------------------------------------------------------------------
    def _capture(self) -> int:
        """Take an image into the image buffer; the confirmation code of GenImg."""
        if self.capture_latency_s > 0:
            time.sleep(self.capture_latency_s)
        self._pass_bit = False
        finger, failure = self._finger, self._failure  # set from other threads: read each once
        if failure is not None and self._failure_times is not None:
            self._failure_times -= 1
            if self._failure_times <= 0:
                self._failure = self._failure_times = None
        if failure is not None or finger is None:
            self.image = None
            return fr.CC_NO_FINGER if failure is None else failure
        self.image = finger.image.copy()
        return fr.CC_OK

    def _gen_img(self, data: bytes) -> None:
        if self._params(data, 0):
            self.send(self._ack(self._capture()))

    def _get_image_ex(self, data: bytes) -> None:
        """R503 GetImageEx: GenImg that also answers 0x07 when the image is too poor for a character file
        (the image stays in the buffer so the host can still upload it)."""
        if self.model != "R503":
            self.send(self._ack(fr.CC_UNSUPPORTED))
            return
        if not self._params(data, 0):
            return
        cc = self._capture()
        if cc == fr.CC_OK and self.image is not None:
            try:
                extract_features(self.image, self.block)
            except ImageTooPoor:
                cc = fr.CC_FEW_FEATURES
        self.send(self._ack(cc))

    def _img2tz(self, data: bytes) -> None:
        if not self._params(data, 1) or (buf := self._buffer_id(data)) is None:
            return
        if self.image is None:
            self.send(self._ack(fr.CC_NO_IMAGE))
            return
        try:
            features = extract_features(self.image, self.block)
        except ImageTooPoor as exc:
            self.send(self._ack(exc.cc))
            return
        half = self.template_size // 2
        self.char_buffers[buf] = encode_char_file(features, half) + bytes(half)
        self.send(self._ack(fr.CC_OK))

    def _match(self, data: bytes) -> None:
        if not self._params(data, 0):
            return
        score = template_score(self.char_buffers[1], self.char_buffers[2])
        self._pass_bit = score >= self.threshold
        self.send(self._ack(fr.CC_OK if self._pass_bit else fr.CC_NO_MATCH, score.to_bytes(2, "big")))

    def _search(self, data: bytes) -> None:
        if not self._params(data, 5) or (buf := self._buffer_id(data)) is None:
            return
        start = int.from_bytes(data[1:3], "big")
        count = int.from_bytes(data[3:5], "big")
        if start >= self.capacity:
            self.send(self._ack(fr.CC_BAD_PAGE))
            return
        probe = buffer_features(self.char_buffers[buf])
        best_page, best_score = -1, -1
        for page in range(start, min(self.capacity, start + count)):
            template = self.library.get(page)
            if template is None or not probe:
                continue
            score = max(
                (feature_score(a, b) for a in probe for b in buffer_features(template)),
                default=0,
            )
            if score > best_score:
                best_page, best_score = page, score
        self._pass_bit = best_score >= self.threshold
        if self._pass_bit:
            self.send(self._ack(fr.CC_OK, best_page.to_bytes(2, "big") + best_score.to_bytes(2, "big")))
        else:
            self.send(self._ack(fr.CC_NOT_FOUND, bytes(4)))

    def _reg_model(self, data: bytes) -> None:
        if not self._params(data, 0):
            return
        half = self.template_size // 2
        one, two = self.char_buffers[1][:half], self.char_buffers[2][:half]
        fa, fb = decode_char_file(one), decode_char_file(two)
        if fa is None or fb is None or feature_score(fa, fb) < self.threshold:
            self.send(self._ack(fr.CC_COMBINE_FAIL))
            return
        second = bytearray(two)
        second[1] = CHAR_SECOND
        second[-2:] = _cf_checksum(bytes(second[:-2]))
        template = one + bytes(second)
        self.char_buffers[1] = self.char_buffers[2] = template
        self.send(self._ack(fr.CC_OK))

    # ---- library -------------------------------------------------------------------------------------------
    def _buffer_and_page(self, data: bytes) -> tuple[int, int] | None:
        """`BufferID PageID(2)` of Store/LoadChar; answered (0x01 / 0x0B) and None when not usable."""
        if not self._params(data, 3) or (buf := self._buffer_id(data)) is None:
            return None
        page = int.from_bytes(data[1:3], "big")
        if page >= self.capacity:
            self.send(self._ack(fr.CC_BAD_PAGE))
            return None
        return buf, page

    def _store(self, data: bytes) -> None:
        if (target := self._buffer_and_page(data)) is None:
            return
        buf, page = target
        self.library[page] = bytes(self.char_buffers[buf])
        self.send(self._ack(fr.CC_OK))

    def _load_char(self, data: bytes) -> None:
        if (target := self._buffer_and_page(data)) is None:
            return
        buf, page = target
        template = self.library.get(page)
        if template is None:
            self.send(self._ack(fr.CC_READ_TEMPLATE))
            return
        self.char_buffers[buf] = template
        self.send(self._ack(fr.CC_OK))

    def _delete_char(self, data: bytes) -> None:
        if not self._params(data, 4):
            return
        page = int.from_bytes(data[0:2], "big")
        n = int.from_bytes(data[2:4], "big")
        if n == 0 or page + n > self.capacity:
            self.send(self._ack(fr.CC_DELETE_FAIL))
            return
        for p in range(page, page + n):
            self.library.pop(p, None)
        self.send(self._ack(fr.CC_OK))

    def _empty(self, data: bytes) -> None:
        if not self._params(data, 0):
            return
        self.library.clear()
        self.send(self._ack(fr.CC_OK))

    def _template_num(self, data: bytes) -> None:
        if not self._params(data, 0):
            return
        self.send(self._ack(fr.CC_OK, len(self.library).to_bytes(2, "big")))

    def _read_index_table(self, data: bytes) -> None:
        if not self._params(data, 1):
            return
        page = data[0]
        if page > 3:
            self.send(self._ack(fr.CC_BAD_PAGE))
            return
        bitmap = bytearray(INDEX_PAGE_IDS // 8)
        for pid in self.library:
            i = pid - INDEX_PAGE_IDS * page
            if 0 <= i < INDEX_PAGE_IDS:
                bitmap[i // 8] |= 1 << (i % 8)
        self.send(self._ack(fr.CC_OK, bytes(bitmap)))

    # ---- bulk transfers -----------------------------------------------------------------------------------
    def _stream(self, ack: bytes, data: bytes) -> None:
        self.send(ack + b"".join(fr.split_data(data, self.packet_size, self.address)))

    def _up_char(self, data: bytes) -> None:
        if not self._params(data, 1) or (buf := self._buffer_id(data)) is None:
            return
        self._stream(self._ack(fr.CC_OK), self.char_buffers[buf])

    def _up_image(self, data: bytes) -> None:
        if not self._params(data, 0):
            return
        if self.image is None:
            self.send(self._ack(fr.CC_UPLOAD_IMAGE))
            return
        self._stream(self._ack(fr.CC_OK), pack_4bit(self.image))

    def _down_char(self, data: bytes) -> None:
        if not self._params(data, 1) or (buf := self._buffer_id(data)) is None:
            return
        self._transfer = _Transfer(buf, self.template_size, self.packet_size)
        self.send(self._ack(fr.CC_OK))

    def _down_image(self, data: bytes) -> None:
        if not self._params(data, 0):
            return
        self._transfer = _Transfer(0, self.image_width * self.image_height // 2, self.packet_size)
        self.image = None
        self.send(self._ack(fr.CC_OK))

    def _receive_data(self, packet: fr.Packet) -> None:
        t = self._transfer
        assert t is not None
        n = len(packet.payload)
        if n > t.packet_size or t.short_seen:
            t.ok = False
        if n < t.packet_size:
            t.short_seen = True  # only the last packet may be short
        t.data += packet.payload
        if len(t.data) > t.size:
            t.ok = False
        if packet.pid == fr.PID_END:
            self._finish_transfer()

    def _finish_transfer(self) -> None:
        t = self._transfer
        self._transfer = None
        if t is None:
            return
        ok = t.ok and len(t.data) == t.size
        if t.target == 0:
            self.image = unpack_4bit(bytes(t.data), self.image_width, self.image_height) if ok else None
        else:
            self.char_buffers[t.target] = bytes(t.data) if ok else bytes(self.template_size)

    # ---- parameters ------------------------------------------------------------------------------------
    def _set_sys_para(self, data: bytes) -> None:
        if not self._params(data, 2):
            return
        param, value = data[0], data[1]
        if param == fr.PARAM_BAUD:
            if not 1 <= value <= 12 or (self.model == "R503" and value not in (1, 2, 4, 6, 12)):
                self.send(self._ack(0x1B))
                return
            self.send(self._ack(fr.CC_OK))  # at the old baud
            self.baud_n = value
            if not self.baud_applies_on_reset:
                self._apply_baud()
        elif param == fr.PARAM_SECURITY:
            if not 1 <= value <= 5:
                self.send(self._ack(0x1B))
                return
            self.send(self._ack(fr.CC_OK))
            self.security = value
        elif param == fr.PARAM_PACKET_SIZE:
            if value not in fr.PACKET_SIZES:
                self.send(self._ack(0x1B))
                return
            self.send(self._ack(fr.CC_OK))
            self.packet_size = fr.PACKET_SIZES[value]
        else:
            self.send(self._ack(fr.CC_BAD_REGISTER))

    def _read_sys_para(self, data: bytes) -> None:
        if not self._params(data, 0):
            return
        code = {v: k for k, v in fr.PACKET_SIZES.items()}[self.packet_size]
        body = (
            self.status_register.to_bytes(2, "big")
            + (0).to_bytes(2, "big")  # system identifier code
            + self.capacity.to_bytes(2, "big")
            + self.security.to_bytes(2, "big")
            + self.address.to_bytes(4, "big")
            + code.to_bytes(2, "big")
            + self.baud_n.to_bytes(2, "big")
        )
        self.send(self._ack(fr.CC_OK, body))

    def _get_random(self, data: bytes) -> None:
        if not self._params(data, 0):
            return
        self.send(self._ack(fr.CC_OK, self._random.getrandbits(32).to_bytes(4, "big")))

    def _write_notepad(self, data: bytes) -> None:
        if not self._params(data, 1 + NOTEPAD_PAGE_SIZE):
            return
        if data[0] >= NOTEPAD_PAGES:
            self.send(self._ack(fr.CC_BAD_NOTEPAD_PAGE))
            return
        self.notepad[data[0]] = bytes(data[1:])
        self.send(self._ack(fr.CC_OK))

    def _read_notepad(self, data: bytes) -> None:
        if not self._params(data, 1):
            return
        if data[0] >= NOTEPAD_PAGES:
            self.send(self._ack(fr.CC_BAD_NOTEPAD_PAGE))
            return
        self.send(self._ack(fr.CC_OK, self.notepad[data[0]]))

    def product_info(self) -> bytes:
        """The 46-byte ReadProdInfo block (R503 layout)."""

        def text(s: str, n: int) -> bytes:
            return s.encode("ascii", "replace")[:n].ljust(n, b"\x00")

        return (
            text(self.model, 16)
            + text("0001", 4)
            + text(f"EMU{self.address & 0xFFFFF:05X}", 8)
            + bytes([1, 0])
            + text("SYNTHOPT", 8)
            + self.image_width.to_bytes(2, "big")
            + self.image_height.to_bytes(2, "big")
            + self.template_size.to_bytes(2, "big")
            + self.capacity.to_bytes(2, "big")
        )

    def _read_prod_info(self, data: bytes) -> None:
        if self.model != "R503":
            self.send(self._ack(fr.CC_UNSUPPORTED))
            return
        if not self._params(data, 0):
            return
        self.send(self._ack(fr.CC_OK, self.product_info()))

    def _soft_reset(self, data: bytes) -> None:
        if not self._params(data, 0):
            return
        self.send(self._ack(fr.CC_OK))
        self._power_up()
        self.send(bytes([fr.CC_ECHO_OK]))

    def _simple_ok(self, data: bytes) -> None:
        self.send(self._ack(fr.CC_OK))

    def _get_echo(self, data: bytes) -> None:
        self.send(self._ack(fr.CC_ECHO_OK))
