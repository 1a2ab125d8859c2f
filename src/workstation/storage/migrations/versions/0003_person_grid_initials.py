"""person: index (grid_code, name_initials) so a grid-filtered initials search reads only hits

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_person_grid_initials", "person", ["grid_code", "name_initials"])


def downgrade() -> None:
    op.drop_index("ix_person_grid_initials", table_name="person")
