"""The scanner's 4-bit image format (spec §1.7).

Over the UART only the upper 4 bits of each pixel travel and two adjacent pixels of the same row
share a byte: rows top → bottom, left pixel in the high nibble, right pixel in the low nibble. The
host turns a nibble back into 8 bits as ``nibble × 17`` (0x0 → 0, 0xF → 255).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]

DEFAULT_WIDTH = 256  # ZFM-20 / R30x / AS608 / FPM10A
DEFAULT_HEIGHT = 288


def packed_size(width: int, height: int) -> int:
    """Bytes of a width × height image on the wire (two pixels a byte)."""
    if width <= 0 or height <= 0 or width % 2:
        raise ValueError(f"image size {width}×{height} must be positive with an even width")
    return width * height // 2


def unpack_4bit(data: bytes | bytearray | memoryview, width: int, height: int) -> Image:
    """Wire bytes → uint8 array of shape (height, width), values multiples of 17."""
    n = packed_size(width, height)
    if len(data) != n:
        raise ValueError(f"a {width}×{height} image needs {n} bytes, got {len(data)}")
    packed = np.frombuffer(data, dtype=np.uint8).reshape(height, width // 2)
    out = np.empty((height, width), dtype=np.uint8)
    np.multiply(packed >> 4, 17, out=out[:, 0::2], casting="unsafe")
    np.multiply(packed & 0x0F, 17, out=out[:, 1::2], casting="unsafe")
    return out


def pack_4bit(img: npt.ArrayLike) -> bytes:
    """uint8 (or 0..255) array of shape (height, width) → wire bytes for DownImage.

    Each pixel is rounded to the nearest nibble (``round(value / 17)``), so an image that came from
    `unpack_4bit` packs back to the same bytes.
    """
    a = np.asarray(img)
    if a.ndim != 2:
        raise ValueError(f"expected a 2-D grey image, got shape {a.shape}")
    packed_size(a.shape[1], a.shape[0])
    v = np.clip(a.astype(np.int32), 0, 255)
    nib = ((v + 8) // 17).astype(np.uint8)
    return ((nib[:, 0::2] << 4) | nib[:, 1::2]).astype(np.uint8).tobytes()
