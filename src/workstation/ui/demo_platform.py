"""The demo's central platform: the reference platform (`workstation.central`) on loopback, with the
demo station enrolled, so "Sync now" works in the demo as it would at a real desk. Qt-free.

Its data (keys, SQLite) lives in ``<demo data folder>/demo-platform``; it listens on the port it used
last time when that is free (else any free port, and the station is enrolled again).
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.storage.db import Database

logger = logging.getLogger("workstation.ui.demo_platform")


@dataclass
class DemoPlatform:
    server: Any
    store: Any
    url: str

    def stop(self) -> None:
        self.server.stop()
        self.store.close()


def _free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def seed_work(central: Any, db: Database, station_code: str) -> None:
    """Give a new demo platform something to send down: a few tasks and pre-registrations for the demo
    station (`storage.demo.platform_work`); they arrive with the first sync."""
    from workstation.storage import demo

    tasks, preregs = demo.platform_work(db)
    for task in tasks:
        central.push_task(station_code, **task)
    central.import_prereg(station_code, preregs)


def start_demo_platform(
    db: Database, data_dir: Path, station_code: str, *, admin: tuple[str, str] | None = None
) -> DemoPlatform:
    """Start the platform and make sure the station is enrolled with it (blocking: network and disk;
    run off the GUI thread). `admin`: (user, password) of the station administrator who enrolls it
    (default: the demo station's documented admin login). Returns the running platform; `stop()` it
    at quit."""
    from workstation.central.app import create_app
    from workstation.central.keys import init_keys, load_keys
    from workstation.central.server import ServerThread
    from workstation.central.service import Central
    from workstation.central.store import Store
    from workstation.sync import client as sc

    folder = Path(data_dir) / "demo-platform"
    first_run = not (folder / "central.json").exists()
    keys = load_keys(folder) if not first_run else init_keys(folder)
    store = Store(f"sqlite:///{folder / 'central.sqlite3'}")
    central = Central(store, keys)
    port_file = folder / "port"
    port = int(port_file.read_text()) if port_file.exists() else 0
    server = ServerThread(
        create_app(central), keys.tls_cert, keys.tls_key, port=port if port and _free(port) else 0
    ).start()
    port_file.write_text(str(server.port))
    current = sc.current_enrollment(db)
    if current is None or current.platform_url != server.url:
        # the demo station's administrator enrolls it (documented demo login; synthetic data only)
        from workstation.storage import operators
        from workstation.wiring import DEMO_ADMIN_PASSWORD

        user, password = admin or ("admin", DEMO_ADMIN_PASSWORD)
        actor = operators.authenticate(db, user, password)
        code = central.enroll_code(station_code)
        sc.enroll(
            db,
            server.url,
            code,
            station_code,
            keys.ca_pem.decode(),
            actor=actor,
            replace=current is not None,
            confirm=lambda _current: True,
        )
        logger.info("demo station enrolled with the demo platform at %s", server.url)
    if first_run:
        seed_work(central, db, station_code)
    return DemoPlatform(server, store, server.url)
