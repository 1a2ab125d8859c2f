"""person: (grid_code, everyday reading) indexes, so a grid-filtered pinyin search that also matches the
everyday reading of a surname (0004) stays four index range scans instead of a scan of the whole grid

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_person_grid_pinyin_alt", "person", ["grid_code", "name_pinyin_alt"])
    op.create_index("ix_person_grid_initials_alt", "person", ["grid_code", "name_initials_alt"])


def downgrade() -> None:
    op.drop_index("ix_person_grid_initials_alt", table_name="person")
    op.drop_index("ix_person_grid_pinyin_alt", table_name="person")
