"""Device benchmark: decoded record and fingerprint image against the wire time at the baud.

- ID card: the card is on the emulated reader (pacing on at 115200 baud); find → select → read
  (30 10, text + photo + fingerprints) → decoded `CardRead`. Overhead = measured − wire time of
  every byte exchanged in both directions (8N1: 10 bits a byte). Median of N reads over a pty.
- Fingerprint image: UpImage of a 256×288 image (4-bit, packets of 128) from the emulated scanner
  (pacing on at 57600 baud) to the decoded 8-bit array. Ratio = measured / wire time.

Last line: ``devices: read_overhead_ms=<ms> image_ratio=<measured/wire>``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from workstation.devices.emulation import EmulatorServer
from workstation.devices.transport import Transport, wire_seconds

ROOT = Path(__file__).resolve().parents[1]


def bench_card(n: int, baud: int) -> float:
    from workstation.devices.sam.driver import SamReader
    from workstation.devices.sam.emulator import SamEmulator, load_card_scenario

    emu = SamEmulator()
    server = EmulatorServer(emu, baudrate=baud, pace=True)
    url = server.start_pty()
    card = load_card_scenario(ROOT / "resources" / "scenarios" / "cards" / "resident_id.json")
    tr = Transport(url, baudrate=baud)
    reader = SamReader(tr)
    overheads = []
    try:
        for _ in range(n):
            emu.place_card(card)
            sent_before, recv_before = server.bytes_received, server.bytes_sent
            t = time.perf_counter()
            result = reader.read_card(with_fingerprint=True)
            elapsed = time.perf_counter() - t
            assert result.document.number
            wire = wire_seconds((server.bytes_received - sent_before) + (server.bytes_sent - recv_before), baud)
            overheads.append((elapsed - wire) * 1000)
            emu.remove_card()
            reader.find_card()  # the reader notices the removal
    finally:
        tr.close()
        server.stop()
    print(f"card: {n} reads at {baud} baud, overhead median {statistics.median(overheads):.1f} ms "
          f"(min {min(overheads):.1f}, max {max(overheads):.1f})", flush=True)
    return statistics.median(overheads)


def bench_image(n: int, baud: int) -> float | None:
    try:
        from workstation.devices.zfm.driver import FingerprintScanner
        from workstation.devices.zfm.emulator import ZfmEmulator
    except ImportError:
        print("image: fingerprint driver not available", flush=True)
        return None
    emu = ZfmEmulator()
    server = EmulatorServer(emu, baudrate=baud, pace=True)
    url = server.start_pty()
    tr = Transport(url, baudrate=baud)
    scanner = FingerprintScanner(tr)
    ratios = []
    try:
        scanner.verify_password()
        scanner.read_system_parameters()
        for _ in range(n):
            emu.place_finger("bench-person", 2)
            scanner.capture_image()
            sent_before = server.bytes_sent
            t = time.perf_counter()
            image = scanner.upload_image()
            elapsed = time.perf_counter() - t
            wire = wire_seconds(server.bytes_sent - sent_before + 12, baud)
            ratios.append(elapsed / wire)
            emu.lift_finger()
            assert image.size > 0
    finally:
        tr.close()
        server.stop()
    print(f"image: {n} uploads at {baud} baud, measured/wire median {statistics.median(ratios):.3f}", flush=True)
    return statistics.median(ratios)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reads", type=int, default=10)
    ap.add_argument("--images", type=int, default=3)
    ap.add_argument("--card-baud", type=int, default=115200)
    ap.add_argument("--image-baud", type=int, default=57600)
    a = ap.parse_args()
    overhead = bench_card(a.reads, a.card_baud)
    ratio = bench_image(a.images, a.image_baud)
    print(f"devices: read_overhead_ms={overhead:.1f} image_ratio={'n/a' if ratio is None else f'{ratio:.3f}'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
