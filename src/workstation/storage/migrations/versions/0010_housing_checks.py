"""Housing checks: the late-landlord index, and the room of a spot check

The "landlords late" filter (`storage.areas.checks`) looks for bindings recorded by an officer or an
assistant, still running, whose landlord declaration is overdue. Bindings recorded from a landlord's
declaration (most of a station's) can never be overdue, so a partial index holds only the live
bindings recorded by staff, by room: a property's or a grid's check walks its rooms into it, and the
station-wide list scans it alone (its columns answer the start/end test without reading the table).

A spot check of an empty room was stored as a check of the whole property with the room's label in
its notes; `spot_check.room_id` (nullable, a room of the check's property) now names the room, so the
room's tile can show it verified.

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


def upgrade() -> None:
    op.create_index(
        "ix_tenancy_staff_open", "tenancy", ["room_id", "start_date", "end_date", "person_id"],
        sqlite_where=sa.text("deleted_at IS NULL AND source IN ('officer', 'assistant')"),
    )
    with op.batch_alter_table("spot_check", schema=None) as batch_op:
        batch_op.add_column(sa.Column("room_id", sa.String(length=36), nullable=True))
        batch_op.create_foreign_key("fk_spot_check_room_id_room", "room", ["room_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("spot_check", schema=None) as batch_op:
        batch_op.drop_constraint("fk_spot_check_room_id_room", type_="foreignkey")
        batch_op.drop_column("room_id")
    op.drop_index("ix_tenancy_staff_open", table_name="tenancy")
