"""Alembic environment: uses the engine handed over in config.attributes (keyed SQLCipher engine)."""

from __future__ import annotations

from alembic import context

import workstation.storage.sync_tables  # noqa: F401  (the sync tables share the metadata)
from workstation.storage.migrate import include_name
from workstation.storage.schema import Base

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
