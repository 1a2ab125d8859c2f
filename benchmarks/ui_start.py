"""Start-up and memory figures of the desktop app, for `benchmarks/ui.py` (which prints the last line).

- `measure_start_s(data_dir)`: wall time from launching ``python -m workstation.ui.app --demo`` (a new
  process: interpreter, imports, Qt, unlock, window) to its login window being shown, median of
  `runs` launches on an existing demo station (the first launch, which creates the station, is not
  counted). The app prints ``login window after …`` and quits when ``WORKSTATION_EXIT_AT_LOGIN`` is set.
- `rss_mb()`: this process's resident memory now, in MB (call it after opening the residents page).

Run alone: ``python benchmarks/ui_start.py`` prints ``ui_start: start_s=<s> rss_mb=<MB>`` (the
RSS of this process after an in-process start-up to the login window).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def measure_start_s(
    data_dir: Path,
    *,
    runs: int = 3,
    timeout: float = 300,
    command: list[str] | None = None,
    before_each: Callable[[], object] | None = None,
) -> float:
    """Median seconds from launch to the login window over `runs` launches (after one that creates
    the demo station). `command` replaces ``python -m workstation.ui.app`` (a packaged build's
    executable); `before_each` runs before every timed launch (e.g. dropping the page cache)."""
    env = {**os.environ, "WORKSTATION_EXIT_AT_LOGIN": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    cmd = [*(command or [sys.executable, "-m", "workstation.ui.app"]), "--demo", "--data-dir", str(data_dir)]
    times = []
    for i in range(runs + 1):
        if i and before_each is not None:
            before_each()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        assert proc.stdout is not None
        shown = None
        for line in proc.stdout:
            if line.startswith("login window after"):
                shown = time.perf_counter() - t0
                break
        _out, err = proc.communicate(timeout=timeout)
        if shown is None or proc.returncode != 0:
            raise RuntimeError(f"the app did not reach its login window (exit {proc.returncode}): {err[-2000:]}")
        if i:  # the first run creates the demo station
            times.append(shown)
    return statistics.median(times)


def rss_mb() -> float:
    """Resident set size of this process now (Linux: /proc; elsewhere the peak from getrusage)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        start = measure_start_s(folder)
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from workstation.ui.app import build_for_benchmark

        startup, window = build_for_benchmark(folder)
        mem = rss_mb()
        if window is not None:
            window.close()
        startup.shutdown()
    print(f"ui_start: start_s={start:.2f} rss_mb={mem:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
