"""Alembic environment: uses the engine handed over in config.attributes (keyed SQLCipher engine)."""

from __future__ import annotations

import contextlib

from alembic import context

from workstation.storage.migrate import include_name
from workstation.storage.schema import Base

with contextlib.suppress(ImportError):
    import workstation.sync.models  # noqa: F401  (sync tables share the metadata)

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    raise RuntimeError("run migrations through workstation.storage.migrate.upgrade()")

with engine.connect() as connection:
    context.configure(
        connection=connection, target_metadata=Base.metadata, render_as_batch=True, include_name=include_name
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
