"""The long-lived objects are taken out of the garbage collector's full walks once per run
(`workstation.ui.memory`), in a process of its own (a freeze is for the whole process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

PROGRAM = """
import gc
from workstation.ui import memory
before = len(gc.get_objects())
assert gc.get_freeze_count() == 0 and not memory.frozen()
assert memory.freeze_long_lived() is True
frozen = gc.get_freeze_count()
assert memory.frozen() and frozen >= before // 2, (frozen, before)
assert len(gc.get_objects()) < before // 10  # a full collection now walks only what is new
assert memory.freeze_long_lived() is False and gc.get_freeze_count() == frozen  # once per run
class Cycle:
    pass
a, b = Cycle(), Cycle()
a.other, b.other = b, a  # garbage made after the freeze is still collected
del a, b
assert gc.collect() >= 2
print("ok")
"""


def test_freeze_long_lived_once_per_run_and_later_garbage_is_still_collected():
    r = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120,
                       env={"PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stdout + r.stderr
