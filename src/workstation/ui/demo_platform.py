"""The demo's central platform: the reference platform (`workstation.central`) on loopback, with the
demo station enrolled, so "Sync now" works in the demo as it would at a real desk. Qt-free.

It runs in a child process (`central.child.PlatformProcess`): in the app's own process its handling of
a sync would hold the interpreter lock and stall the window. Its data (keys, SQLite) lives in
``<demo data folder>/demo-platform``; it listens on the port it used last time when that is free
(else any free port, and the station is enrolled again).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workstation.central.child import PlatformProcess
    from workstation.storage.db import Database

logger = logging.getLogger("workstation.ui.demo_platform")

def seed_work(platform: PlatformProcess, db: Database, station_code: str) -> None:
    """Give a new demo platform something to send down: a few tasks and pre-registrations for the demo
    station (`storage.demo.platform_work`); they arrive with the first sync."""
    from workstation.storage import demo

    tasks, preregs = demo.platform_work(db)
    platform.seed(station_code, tasks, preregs)


def start_demo_platform(
    db: Database, data_dir: Path, station_code: str, *, admin: tuple[str, str] | None = None
) -> PlatformProcess:
    """Start the platform and make sure the station is enrolled with it (blocking: a process start,
    network and disk; run off the GUI thread). `admin`: (user, password) of the station
    administrator who enrolls it (default: the demo station's documented admin login). Returns the
    running platform (`url`); `stop()` it at quit."""
    from workstation.central.child import PlatformProcess
    from workstation.sync import client as sc

    folder = Path(data_dir) / "demo-platform"
    port_file = folder / "port"
    port = int(port_file.read_text()) if port_file.exists() else 0
    platform = PlatformProcess.start(folder, port=port)
    try:
        port_file.write_text(str(platform.port))
        current = sc.current_enrollment(db)
        if current is None or current.platform_url != platform.url:
            # the demo station's administrator enrolls it (documented demo login; synthetic data only)
            from workstation.storage import operators
            from workstation.wiring import DEMO_ADMIN_PASSWORD

            user, password = admin or ("admin", DEMO_ADMIN_PASSWORD)
            actor = operators.authenticate(db, user, password)
            sc.enroll(
                db,
                platform.url,
                platform.enroll_code(station_code),
                station_code,
                platform.ca_pem,
                actor=actor,
                replace=current is not None,
                confirm=lambda _current: True,
            )
            logger.info("demo station enrolled with the demo platform at %s", platform.url)
        if platform.first_run:
            seed_work(platform, db, station_code)
    except BaseException:
        platform.stop()
        raise
    return platform
