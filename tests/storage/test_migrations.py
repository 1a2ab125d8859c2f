"""The schema built by the Alembic migrations equals the models' schema (no drift)."""

import contextlib

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from workstation.storage.migrate import current_revision, include_name
from workstation.storage.schema import Base

with contextlib.suppress(ImportError):
    import workstation.sync.models  # noqa: F401


def test_migrations_match_models(st):
    with st.db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), Base.metadata)
    assert diffs == []


def test_reopening_does_not_migrate_again(st):
    heads = current_revision(st.db.engine)
    st.db.migrate()
    assert current_revision(st.db.engine) == heads
