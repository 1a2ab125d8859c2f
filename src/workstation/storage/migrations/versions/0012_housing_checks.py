"""Housing checks: the late-landlord index, and the room of a spot check

The "landlords late" filter (`storage.areas.checks`) looks for bindings recorded by an officer or an
assistant, still running, whose landlord declaration is overdue. Bindings recorded from a landlord's
declaration (most of a station's) can never be overdue, so a partial index holds only the live
bindings recorded by staff, by room: a property's or a grid's check walks its rooms into it, and the
station-wide list scans it alone (its columns answer the start/end test without reading the table).

A spot check of an empty room was stored as a check of the whole property with the room's label in
its notes; `spot_check.room_id` (nullable, a room of the check's property) now names the room, so the
room's tile can show it verified.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_tenancy_staff_open", "tenancy", ["room_id", "start_date", "end_date", "person_id"],
        sqlite_where=sa.text("deleted_at IS NULL AND source IN ('officer', 'assistant')"),
    )
    # a plain ADD COLUMN (SQLite allows REFERENCES on a column added with no default): a batch copy of
    # the table would drop the triggers migration 0010 keeps on spot_check
    op.execute(
        "ALTER TABLE spot_check ADD COLUMN room_id VARCHAR(36) "
        "CONSTRAINT fk_spot_check_room_id_room REFERENCES room (id)"
    )


def downgrade() -> None:
    # SQLite cannot drop a column with a foreign key: the batch copies the table, so 0010's triggers
    # on spot_check are made again afterwards
    with op.batch_alter_table("spot_check", schema=None) as batch_op:
        batch_op.drop_column("room_id")
    spec = importlib.util.spec_from_file_location("m0010", Path(__file__).with_name("0010_dashboard_counts.py"))
    assert spec is not None and spec.loader is not None
    m0010 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m0010)
    for name, body in m0010.TRIGGERS.items():
        if " ON spot_check " in body:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(f"CREATE TRIGGER {name} {body} END")
    op.drop_index("ix_tenancy_staff_open", table_name="tenancy")
