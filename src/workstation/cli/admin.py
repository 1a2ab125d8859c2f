"""`workstation`: the desktop app (stub until the UI issue lands)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("workstation: UI not built yet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
