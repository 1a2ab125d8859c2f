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


def test_the_newest_revision_read_from_the_scripts_is_alembics():
    from alembic.script import ScriptDirectory

    from workstation.storage.migrate import alembic_config, script_heads

    assert script_heads() == tuple(sorted(ScriptDirectory.from_config(alembic_config()).get_heads()))


def _script(folder, name, revision, down):
    (folder / f"{name}.py").write_text(f'"""x"""\nrevision = "{revision}"\ndown_revision = {down}\n')


def test_script_heads_follows_the_chain_and_gives_up_on_what_it_cannot_read(tmp_path):
    from workstation.storage.migrate import script_heads

    _script(tmp_path, "0001_a", "0001", "None")
    _script(tmp_path, "0002_b", "0002", '"0001"')
    _script(tmp_path, "0003_c", "0003", '"0002"')
    assert script_heads(tmp_path) == ("0003",)
    _script(tmp_path, "0004_merge", "0004", '("0002", "0003")')  # a merge: Alembic decides
    assert script_heads(tmp_path) is None
    assert script_heads(tmp_path / "missing") is None


def test_opening_an_up_to_date_station_does_not_load_alembic(st):
    """Every start but the first after an upgrade: the stored revision is the newest, so the unlock does
    not import Alembic (a fresh interpreter, as at a desk)."""
    import subprocess
    import sys
    import textwrap

    st.db.close()
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from keyring.backends import fail
        from workstation.storage import station
        from workstation.storage.migrate import current_revision
        db, _ = station.unlock(Path({str(st.data_dir)!r}), passphrase={st.passphrase!r}, backend=fail.Keyring())
        print("alembic loaded:", "alembic" in sys.modules)
        print("revision:", current_revision(db.engine))
        db.close()
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert "alembic loaded: False" in out.stdout, out.stdout + out.stderr
    from workstation.storage.migrate import script_heads

    assert f"revision: {script_heads()!r}" in out.stdout
