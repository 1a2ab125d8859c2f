"""The interpreter's garbage collector and the GUI thread.

A full collection (generation 2) walks every object the collector tracks, with the interpreter lock
held: whichever thread triggers it, the window waits until it ends. After the desk has started and a
session has opened, the collector tracks ~400 000 objects (Qt's bindings, SQLAlchemy's mappings, the
translation catalogue, the pages) and one full collection took 100-300 ms on a busy desk machine: the
longest stall of a 20 000-record sync (benchmarks/ui.py). Nearly all of those objects live as long as
the app; `freeze_long_lived()` moves them out of the collector's walks (`gc.freeze`), so the full
collections that follow walk only what was made since.

Frozen objects are still freed by reference counting; only a reference cycle among them would stay
(the price: a few cycles made at start-up). It is done once per run, after the first session opened,
so the objects of later sessions stay collectable.
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_long_lived() -> bool:
    """Move every object the collector tracks now into its permanent generation, once per run (later
    calls do nothing). Returns True when it froze. Cheap: no walk, no collection."""
    global _frozen
    if _frozen:
        return False
    gc.freeze()
    _frozen = True
    return True


def frozen() -> bool:
    """Has `freeze_long_lived` run in this process?"""
    return _frozen
