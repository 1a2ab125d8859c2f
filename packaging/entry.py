"""PyInstaller entry point of every executable in the one-folder build.

The name the program was started by picks the console command, so one script serves
``workstation`` (the desk app; ``workstation-console`` is its console debug variant) and
``workstation-admin``.
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a spawned child (the demo's platform, central/child.py) runs here
    # argv[0] as invoked: on Linux workstation-admin and workstation-console are links to one program
    name = os.path.splitext(os.path.basename(sys.argv[0] or sys.executable))[0].lower()
    if name.startswith("workstation-admin"):
        from workstation.cli.admin import main as admin_main

        return int(admin_main() or 0)
    from workstation.cli.app import main as app_main

    return int(app_main() or 0)


if __name__ == "__main__":
    sys.exit(main())
