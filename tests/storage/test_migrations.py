"""The schema built by the Alembic migrations equals the models' schema (no drift)."""

import warnings

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import workstation.storage.sync_tables  # noqa: F401  (the sync tables share the metadata)
from workstation.storage.migrate import EXPRESSION_INDEXES, current_revision, include_name
from workstation.storage.schema import Base


def test_migrations_match_models(st):
    with st.db.engine.connect() as conn, warnings.catch_warnings():
        # SQLAlchemy cannot reflect an index on an expression from SQLite; it says so and skips it
        for name in EXPRESSION_INDEXES:
            warnings.filterwarnings("ignore", f"Skipped unsupported reflection of expression-based index {name}$")
            warnings.filterwarnings("ignore", f"autogenerate skipping metadata-specified expression-based index "
                                              f"'{name}'")
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), Base.metadata)
    assert diffs == []


def test_the_expression_indexes_exist(st):
    """What the comparison above cannot see: the migrations did create them, on the expression."""
    with st.db.engine.connect() as conn:
        sql = dict(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index'").all())
    for name in EXPRESSION_INDEXES:
        assert name in sql, name
    assert "substr(number, -4)" in sql["ix_identity_document_number_tail"]


def test_reopening_does_not_migrate_again(st):
    heads = current_revision(st.db.engine)
    st.db.migrate()
    assert current_revision(st.db.engine) == heads
