"""Test helpers: a reference platform on loopback (SQLite or PostgreSQL) and enrolled stations."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from workstation.central.app import create_app
from workstation.central.keys import PlatformKeys, init_keys, load_keys
from workstation.central.server import ServerThread
from workstation.central.service import Central
from workstation.central.store import Store

PG_URL = os.environ.get("WORKSTATION_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def pg_schema_url() -> tuple[str, str]:
    """A fresh schema in the test database, or skip with a message if there is no PostgreSQL."""
    try:
        eng = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
        schema = "ws_" + uuid.uuid4().hex[:12]
        with eng.begin() as c:
            c.execute(sa.text(f"CREATE SCHEMA {schema}"))
        eng.dispose()
    except Exception as exc:
        pytest.skip(f"PostgreSQL at 127.0.0.1:5432 (database test) not available: {exc.__class__.__name__}")
    return PG_URL, schema


def drop_schema(schema: str) -> None:
    eng = sa.create_engine(PG_URL)
    with eng.begin() as c:
        c.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    eng.dispose()


@dataclass
class Platform:
    data_dir: Path
    keys: PlatformKeys
    store: Store
    central: Central
    server: ServerThread | None
    schema: str | None = None
    last_port: int = 0

    @property
    def url(self) -> str:
        assert self.server is not None
        return self.server.url

    @property
    def ca_pem(self) -> str:
        return self.keys.ca_pem.decode()

    def start(self, port: int = 0) -> None:
        self.server = ServerThread(create_app(self.central), self.keys.tls_cert, self.keys.tls_key, port=port).start()

    def stop(self) -> None:
        if self.server is not None:
            self.last_port = self.server.port
            self.server.stop()
            self.server = None

    def restart(self) -> None:
        """Stop the service, reopen the store from disk with a new service object, same port."""
        port = self.server.port if self.server else self.last_port
        self.stop()
        self.store.close()
        self.store = Store(self.store.url, schema=self.schema)
        self.central = Central(self.store, load_keys(self.data_dir))
        self.start(port)

    def close(self) -> None:
        self.stop()
        self.store.close()
        if self.schema:
            drop_schema(self.schema)


def make_platform(data_dir: Path, backend: str = "sqlite", *, serve: bool = True) -> Platform:
    keys = init_keys(data_dir)
    schema = None
    if backend == "postgres":
        url, schema = pg_schema_url()
    else:
        url = f"sqlite:///{data_dir / 'central.sqlite3'}"
    store = Store(url, schema=schema)
    p = Platform(data_dir, keys, store, Central(store, keys), None, schema)
    if serve:
        p.start()
    return p
