"""The reference platform in a child process on loopback, driven over a pipe (the demo's platform and
the UI benchmark's).

Run in the desk app's own process, the platform's request handling (parsing, verifying and storing a
20 000-record sync) competes with the GUI thread for the interpreter lock and stalls the window; in a
process of its own it competes only for a CPU. `PlatformProcess.start(folder)` starts it (keys and
SQLite in `folder`, created on first use) and waits until it serves; the parent asks it for
enrollment codes and gives it work to send down; `stop()` ends it. The child also ends when the
parent goes away (the pipe closes), so a killed app leaves no platform behind.

Works from source and from the PyInstaller build (`multiprocessing` spawn; the build's entry point
calls `multiprocessing.freeze_support()`).
"""

from __future__ import annotations

import multiprocessing
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

START_TIMEOUT_S = 60.0


def _free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _serve(folder: str, port: int, conn: Any) -> None:
    """The child: start the platform, say where it is, then answer the parent until it says stop or
    goes away."""
    from workstation.central.app import create_app
    from workstation.central.keys import init_keys, load_keys
    from workstation.central.server import ServerThread
    from workstation.central.service import Central
    from workstation.central.store import Store

    where = Path(folder)
    first_run = not (where / "central.json").exists()
    keys = init_keys(where) if first_run else load_keys(where)
    store = Store(f"sqlite:///{where / 'central.sqlite3'}")
    central = Central(store, keys)
    server = ServerThread(create_app(central), keys.tls_cert, keys.tls_key,
                          port=port if port and _free(port) else 0).start()
    try:
        conn.send({"url": server.url, "port": server.port, "ca_pem": keys.ca_pem.decode(), "first_run": first_run})
    except OSError:  # the parent quit while this was starting: nobody to serve
        server.stop()
        store.close()
        return
    try:
        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                break  # the parent is gone
            what = msg[0]
            if what == "stop":
                break
            try:
                if what == "enroll_code":
                    conn.send(("ok", central.enroll_code(msg[1])))
                elif what == "seed":
                    _station, tasks, preregs = msg[1], msg[2], msg[3]
                    for task in tasks:
                        central.push_task(_station, **task)
                    conn.send(("ok", central.import_prereg(_station, preregs)))
                else:
                    conn.send(("error", f"unknown request {what!r}"))
            except Exception as exc:  # the parent reports it; the platform keeps serving
                conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        server.stop()
        store.close()


@dataclass
class PlatformProcess:
    """A running platform child: `url`, `port`, `ca_pem` (its CA certificate), `first_run` (its keys
    were created by this start)."""

    process: Any
    conn: Any
    url: str
    port: int
    ca_pem: str
    first_run: bool
    _lock: threading.Lock

    @classmethod
    def start(cls, folder: Path, *, port: int = 0) -> PlatformProcess:
        """Start the platform with its data in `folder` on `port` (0, or taken: any free port) and
        wait until it serves (blocking: run off the GUI thread).

        Raises:
            RuntimeError: it did not start within `START_TIMEOUT_S` (its error, if it said one).
        """
        Path(folder).mkdir(parents=True, exist_ok=True)
        ctx = multiprocessing.get_context("spawn")  # no fork of a threaded Qt process
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(str(folder), port, child), name="demo-platform", daemon=True)
        proc.start()
        child.close()
        if not parent.poll(START_TIMEOUT_S):
            proc.terminate()
            raise RuntimeError("the platform did not start")
        try:
            hello = parent.recv()
        except EOFError:
            proc.join(5)
            raise RuntimeError(f"the platform did not start (exit code {proc.exitcode})") from None
        return cls(proc, parent, hello["url"], hello["port"], hello["ca_pem"], hello["first_run"], threading.Lock())

    def _ask(self, *msg: Any) -> Any:
        with self._lock:
            self.conn.send(msg)
            if not self.conn.poll(START_TIMEOUT_S):
                raise RuntimeError("the platform did not answer")
            kind, value = self.conn.recv()
        if kind != "ok":
            raise RuntimeError(f"the platform refused: {value}")
        return value

    def enroll_code(self, station_code: str) -> str:
        """A one-time enrollment code for `station_code`."""
        return str(self._ask("enroll_code", station_code))

    def seed(self, station_code: str, tasks: list[dict[str, Any]], preregs: list[dict[str, Any]]) -> None:
        """Queue tasks (`Central.push_task` keyword arguments) and pre-registrations for the station."""
        self._ask("seed", station_code, tasks, preregs)

    def stop(self, wait: float = 10.0) -> None:
        """Stop the platform: ask it to, wait up to `wait` seconds for the child to end, then end it
        (terminate, then kill). The desk app quitting passes a short `wait`: its platform is the demo's,
        whose store (SQLite) survives being stopped mid-write."""
        with self._lock:
            try:
                self.conn.send(("stop",))
            except (BrokenPipeError, OSError):
                pass
            self.conn.close()
        self.process.join(wait)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
