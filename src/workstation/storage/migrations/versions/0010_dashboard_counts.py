"""The Today dashboard's running counts: rows per day (registrations; outbox rows created and
acknowledged) and live spot checks per grid and result, kept by triggers

Counting the rows of the last 30 days through an index costs one step per row: at a million
residents registered over two months, and an outbox that keeps every change for its retention, the
dashboard's per-day series took over half a second a refresh. These tables hold the counts
themselves, kept in the same transaction as every write by SQLite triggers (whoever writes: the
areas, sync, the demo generator, retention), so a series is a few dozen primary-key reads.

* ``daily_count(series, day, n)`` — rows whose timestamp falls on ``day`` (``YYYY-MM-DD``, the first
  ten characters of the stored UTC timestamp): series ``person.created``, ``outbox.created``,
  ``outbox.acked``. Deleted rows are taken off their day; a row without the timestamp counts nowhere.
* ``grid_check_count(grid_code, result, n)`` — live (not deleted) spot checks per grid and result.

Both are filled from the existing rows here. The outbox index on ``(acked_at, created_at)`` replaces
the one on ``acked_at`` alone: the backlog (count and oldest of the rows not acknowledged) reads the
index only. The two indexes of 0009 served the range counts these tables replace, and go.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _bump(series: str, ts: str, delta: int) -> str:
    """SQL of a trigger statement: add `delta` to `series` on the day of timestamp `ts` (NULL: none)."""
    if delta > 0:
        return (
            f"INSERT INTO daily_count (series, day, n) SELECT '{series}', substr({ts}, 1, 10), {delta} "
            f"WHERE {ts} IS NOT NULL ON CONFLICT (series, day) DO UPDATE SET n = n + {delta};"
        )
    return f"UPDATE daily_count SET n = n - {-delta} WHERE series = '{series}' AND day = substr({ts}, 1, 10);"


def _check(grid: str, result: str, live: str, delta: int) -> str:
    """SQL of a trigger statement: add `delta` to the count of (`grid`, `result`) when `live` holds."""
    if delta > 0:
        return (
            f"INSERT INTO grid_check_count (grid_code, result, n) SELECT {grid}, {result}, {delta} "
            f"WHERE {live} ON CONFLICT (grid_code, result) DO UPDATE SET n = n + {delta};"
        )
    return (
        f"UPDATE grid_check_count SET n = n - {-delta} WHERE grid_code = {grid} AND result = {result} AND {live};"
    )


TRIGGERS = {
    "daily_count_person_ai": "AFTER INSERT ON person BEGIN " + _bump("person.created", "NEW.created_at", 1),
    "daily_count_person_ad": "AFTER DELETE ON person BEGIN " + _bump("person.created", "OLD.created_at", -1),
    "daily_count_person_au": "AFTER UPDATE OF created_at ON person WHEN OLD.created_at IS NOT NEW.created_at BEGIN "
    + _bump("person.created", "OLD.created_at", -1)
    + " "
    + _bump("person.created", "NEW.created_at", 1),
    "daily_count_outbox_ai": "AFTER INSERT ON outbox BEGIN "
    + _bump("outbox.created", "NEW.created_at", 1)
    + " "
    + _bump("outbox.acked", "NEW.acked_at", 1),
    "daily_count_outbox_ad": "AFTER DELETE ON outbox BEGIN "
    + _bump("outbox.created", "OLD.created_at", -1)
    + " "
    + _bump("outbox.acked", "OLD.acked_at", -1),
    "daily_count_outbox_au_created": "AFTER UPDATE OF created_at ON outbox "
    "WHEN OLD.created_at IS NOT NEW.created_at BEGIN "
    + _bump("outbox.created", "OLD.created_at", -1)
    + " "
    + _bump("outbox.created", "NEW.created_at", 1),
    "daily_count_outbox_au_acked": "AFTER UPDATE OF acked_at ON outbox WHEN OLD.acked_at IS NOT NEW.acked_at BEGIN "
    + _bump("outbox.acked", "OLD.acked_at", -1)
    + " "
    + _bump("outbox.acked", "NEW.acked_at", 1),
    "grid_check_count_ai": "AFTER INSERT ON spot_check BEGIN "
    + _check("NEW.grid_code", "NEW.result", "NEW.deleted_at IS NULL", 1),
    "grid_check_count_ad": "AFTER DELETE ON spot_check BEGIN "
    + _check("OLD.grid_code", "OLD.result", "OLD.deleted_at IS NULL", -1),
    "grid_check_count_au": "AFTER UPDATE OF grid_code, result, deleted_at ON spot_check BEGIN "
    + _check("OLD.grid_code", "OLD.result", "OLD.deleted_at IS NULL", -1)
    + " "
    + _check("NEW.grid_code", "NEW.result", "NEW.deleted_at IS NULL", 1),
}


def upgrade() -> None:
    op.create_table(
        "daily_count",
        sa.Column("series", sa.String(24), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", "day", name="pk_daily_count"),
    )
    op.create_table(
        "grid_check_count",
        sa.Column("grid_code", sa.String(32), nullable=False),
        sa.Column("result", sa.String(16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("grid_code", "result", name="pk_grid_check_count"),
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body} END")
    op.execute(
        "INSERT INTO daily_count (series, day, n) SELECT 'person.created', substr(created_at, 1, 10), count(*) "
        "FROM person WHERE created_at IS NOT NULL GROUP BY 2"
    )
    op.execute(
        "INSERT INTO daily_count (series, day, n) SELECT 'outbox.created', substr(created_at, 1, 10), count(*) "
        "FROM outbox WHERE created_at IS NOT NULL GROUP BY 2"
    )
    op.execute(
        "INSERT INTO daily_count (series, day, n) SELECT 'outbox.acked', substr(acked_at, 1, 10), count(*) "
        "FROM outbox WHERE acked_at IS NOT NULL GROUP BY 2"
    )
    op.execute(
        "INSERT INTO grid_check_count (grid_code, result, n) SELECT grid_code, result, count(*) "
        "FROM spot_check WHERE deleted_at IS NULL GROUP BY grid_code, result"
    )
    op.drop_index("ix_outbox_created_at", table_name="outbox")
    op.drop_index("ix_spot_check_grid_result", table_name="spot_check")
    op.drop_index("ix_outbox_acked_at", table_name="outbox")
    op.create_index("ix_outbox_acked_at_created_at", "outbox", ["acked_at", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_acked_at_created_at", table_name="outbox")
    op.create_index("ix_outbox_acked_at", "outbox", ["acked_at"])
    op.create_index("ix_spot_check_grid_result", "spot_check", ["grid_code", "result", "deleted_at"])
    op.create_index("ix_outbox_created_at", "outbox", ["created_at"])
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.drop_table("grid_check_count")
    op.drop_table("daily_count")
