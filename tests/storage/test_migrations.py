"""The schema built by the Alembic migrations equals the models' schema (no drift)."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import workstation.storage.sync_tables  # noqa: F401  (the sync tables share the metadata)
from workstation.storage.migrate import current_revision, include_name
from workstation.storage.schema import Base


def test_migrations_match_models(st):
    with st.db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), Base.metadata)
    assert diffs == []


def test_reopening_does_not_migrate_again(st):
    heads = current_revision(st.db.engine)
    st.db.migrate()
    assert current_revision(st.db.engine) == heads
