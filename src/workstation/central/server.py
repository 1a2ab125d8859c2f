"""Running the platform under uvicorn with its own TLS certificate (foreground or in a thread)."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn
from fastapi import FastAPI

LIMIT_CONCURRENCY = 64
"""Connections and requests one worker process serves at once; with `Limits.max_batch_bytes` this
bounds the memory a worker can be made to hold for bodies (64 × 16 MiB)."""


def _config(app: FastAPI, certfile: Path, keyfile: Path, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        ssl_certfile=str(certfile),
        ssl_keyfile=str(keyfile),
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
        timeout_keep_alive=5,  # an idle kept-alive connection is closed after 5 s
        limit_concurrency=LIMIT_CONCURRENCY,  # more requests at once than this answer 503 (bounds memory)
        h11_max_incomplete_event_size=16 * 1024,  # request line + headers
    )


def serve(app: FastAPI, certfile: Path, keyfile: Path, host: str = "127.0.0.1", port: int = 8443) -> None:
    uvicorn.Server(_config(app, certfile, keyfile, host, port)).run()


class ServerThread:
    """uvicorn in a background thread on an ephemeral loopback port (tests, benchmarks, demo)."""

    def __init__(self, app: FastAPI, certfile: Path, keyfile: Path, *, port: int = 0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.port: int = self.sock.getsockname()[1]
        self.server = uvicorn.Server(_config(app, certfile, keyfile, "127.0.0.1", self.port))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the platform did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


def app_from_env() -> FastAPI:
    """App factory for running several worker processes under uvicorn:
    ``uvicorn --factory workstation.central.server:app_from_env --workers 4 --ssl-certfile ... ``.
    Reads WORKSTATION_CENTRAL_DIR (the platform data folder), and optionally WORKSTATION_CENTRAL_DB
    (database URL, default: the folder's config) and WORKSTATION_CENTRAL_SCHEMA (PostgreSQL schema)."""
    import os

    from workstation.central.app import create_app
    from workstation.central.keys import load_config, load_keys
    from workstation.central.service import Central
    from workstation.central.store import Store

    data_dir = Path(os.environ["WORKSTATION_CENTRAL_DIR"])
    url = os.environ.get("WORKSTATION_CENTRAL_DB") or str(load_config(data_dir)["db_url"])
    store = Store(url, schema=os.environ.get("WORKSTATION_CENTRAL_SCHEMA") or None)
    return create_app(Central(store, load_keys(data_dir)))
