"""Each search phase walks its own index in display order and stops at the page's LIMIT, also under the
statistics of a 1 M store (where SQLite's planner, left alone, skip-scans a grid index and sorts every
match: a 1-letter pinyin prefix took 0.4 s) — storage/search.py names the index (INDEXED BY)."""

import pytest
from sqlalchemy import event

from workstation.storage import demo, search

# sqlite_stat1 of the benchmark's store of 1 M residents (benchmarks/ui.py), for the person table
STAT_1M = {
    "ix_person_grid_initials_alt": "1000000 25000 101", "ix_person_grid_pinyin_alt": "1000000 25000 62",
    "ix_person_name_initials_alt": "1000000 1232", "ix_person_name_pinyin_alt": "1000000 173",
    "ix_person_grid_initials": "1000000 25000 6", "ix_person_property_id": "1000000 10",
    "ix_person_phone": "1000000 1", "ix_person_name_pinyin": "1000000 4", "ix_person_name_initials": "1000000 126",
    "ix_person_name": "1000000 3", "ix_person_grid_code": "1000000 25000 2", "ix_person_created_at": "1000000 3",
    "sqlite_autoindex_person_1": "1000000 1",
}


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    from helpers import make_station

    st = make_station(tmp_path_factory.mktemp("plans") / "station", demo=True)
    demo.generate(st.db, 300, seed=5)
    yield st
    st.db.close()


def _plans(st, query, **filters):
    """The query plan of every person statement `find_people` runs, in one session that carries the
    1 M store's statistics."""
    plans = []
    with st.db.write() as s:
        conn = s.connection()
        conn.exec_driver_sql("ANALYZE")
        for idx, stat in STAT_1M.items():
            conn.exec_driver_sql("UPDATE sqlite_stat1 SET stat = ? WHERE tbl = 'person' AND idx = ?", (stat, idx))
        conn.exec_driver_sql("ANALYZE sqlite_schema")  # this connection loads the statistics again

        def capture(c, cursor, statement, parameters, context, many):
            if statement.lstrip().startswith("SELECT") and "FROM person" in statement and "LIMIT" in statement:
                rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
                plans.append(" | ".join(r[-1] for r in rows))

        event.listen(conn, "before_cursor_execute", capture)
        try:
            search.find_people(s, query, limit=50, **filters)
        finally:
            event.remove(conn, "before_cursor_execute", capture)
    return plans


@pytest.mark.parametrize(("query", "index"), [
    ("q", "ix_person_name_pinyin"), ("zh", "ix_person_name_pinyin"), ("", "ix_person_name_pinyin"),
    ("张", "ix_person_name"), ("1391234", "ix_person_phone"),
])
def test_a_phase_walks_its_own_index_and_sorts_no_whole_range(town, query, index):
    first = _plans(town, query)[0]
    assert f"USING INDEX {index} " in first, first
    assert "USE TEMP B-TREE FOR ORDER BY" not in first, first  # at most the last term (id) within a key


def test_every_pinyin_reading_walks_its_own_index(town):
    plans = _plans(town, "lyq")
    own = ["ix_person_name_pinyin", "ix_person_name_initials", "ix_person_name_pinyin_alt",
           "ix_person_name_initials_alt"]
    for index, plan in zip(own, plans, strict=False):
        assert f"USING INDEX {index} " in plan, plan


def test_with_a_grid_the_phase_walks_the_grid_index(town):
    first = _plans(town, "q", grid_code="G01")[0]
    assert "USING INDEX ix_person_grid_code (grid_code=? AND name_pinyin>? AND name_pinyin<?)" in first, first
    assert "USE TEMP B-TREE FOR ORDER BY" not in first, first


@pytest.mark.parametrize("query", ["002x", "1391"])
def test_an_id_number_tail_is_one_lookup_in_the_expression_index(town, query):
    """'002x' (and a 4-digit phone prefix, which is searched as both) reads the documents through the
    index on substr(number, -4): no scan of 1 M documents."""
    plans = _plans(town, query)
    tail = [p for p in plans if "identity_document" in p]
    assert tail, plans
    assert "USING INDEX ix_identity_document_number_tail (<expr>=?)" in tail[0], tail[0]
    assert "SCAN identity_document" not in tail[0], tail[0]
