"""Device benchmark: decoded record and fingerprint image against the wire time at the baud.

- ID card, as the officer sees it: a `CardPoller` (its default interval) watches the emulated reader
  (pacing on at 115200 baud); the card is placed at a random moment of the poll cycle; the time to
  `on_card_placed` (find → select → read 30 10, text + photo + fingerprints → decoded `CardRead`) minus
  the wire time of every byte exchanged meanwhile in both directions (8N1: 10 bits a byte) is the
  overhead. Median of N placements over a pty. A direct `read_card` (no poller) is printed as the baseline.
- Fingerprint image: UpImage of a 256×288 image (4-bit, packets of 128) from the emulated scanner
  (pacing on at 57600 baud) to the decoded 8-bit array. Ratio = measured / wire time.

Last line: ``devices: read_overhead_ms=<ms> image_ratio=<measured/wire>``
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from pathlib import Path

from workstation.devices.emulation import EmulatorServer
from workstation.devices.transport import Transport, wire_seconds

ROOT = Path(__file__).resolve().parents[1]


def bench_card(n: int, baud: int) -> float:
    from workstation.devices.sam.driver import CardPoller, SamReader
    from workstation.devices.sam.emulator import SamEmulator, load_card_scenario
    from workstation.devices.transport import PortWorker

    emu = SamEmulator()
    server = EmulatorServer(emu, baudrate=baud, pace=True)
    url = server.start_pty()
    card = load_card_scenario(ROOT / "resources" / "scenarios" / "cards" / "resident_id.json")
    tr = Transport(url, baudrate=baud)
    reader = SamReader(tr)

    def wire_since(before: tuple[int, int]) -> float:
        return wire_seconds(server.bytes_received - before[0] + server.bytes_sent - before[1], baud)

    direct, polled = [], []
    worker = PortWorker("bench-sam")
    placed: list[float] = []
    got = threading.Event()
    removed = threading.Event()
    poller = CardPoller(
        reader, worker, with_fingerprint=True,
        on_card_placed=lambda c: (placed.append(time.perf_counter()), got.set()),
        on_card_removed=removed.set,
    )
    rng = random.Random(1)
    try:
        for _ in range(n):  # baseline: the read alone, no poller
            emu.place_card(card)
            before = (server.bytes_received, server.bytes_sent)
            t = time.perf_counter()
            result = worker.call(reader.read_card, with_fingerprint=True)
            elapsed = time.perf_counter() - t
            assert result.document.number
            direct.append((elapsed - wire_since(before)) * 1000)
            emu.remove_card()
            worker.call(reader.find_card)  # the reader notices the removal
        poller.start()
        for _ in range(n):
            time.sleep(rng.uniform(0, poller.interval))  # anywhere in the poll cycle
            got.clear()
            removed.clear()
            before = (server.bytes_received, server.bytes_sent)
            t = time.perf_counter()
            emu.place_card(card)
            if not got.wait(10):
                raise RuntimeError("the poller did not report the card")
            polled.append((placed[-1] - t - wire_since(before)) * 1000)
            emu.remove_card()
            if not removed.wait(10):
                raise RuntimeError("the poller did not report the removal")
    finally:
        poller.stop()
        worker.shutdown()
        tr.close()
        server.stop()
    print(f"card read alone: {n} reads at {baud} baud, overhead median {statistics.median(direct):.1f} ms "
          f"(min {min(direct):.1f}, max {max(direct):.1f})", flush=True)
    print(f"card placed → record (poller every {poller.interval * 1000:.0f} ms): overhead median "
          f"{statistics.median(polled):.1f} ms (min {min(polled):.1f}, max {max(polled):.1f})", flush=True)
    return statistics.median(polled)


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
