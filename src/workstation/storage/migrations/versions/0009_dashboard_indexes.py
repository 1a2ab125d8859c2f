"""Indexes for the Today dashboard: outbox rows by creation time, spot checks by grid and result

The dashboard draws the changes waiting for the platform at the end of each of the last 30 days,
derived from the backlog now and the outbox rows created and acknowledged since (one range count a
day). Acknowledged rows stay for their retention, so the outbox grows with every change the station
makes: without an index on `created_at` each count would read the whole table. `acked_at` has its
index already.

The consistency rate per grid (一致率) groups every live spot check by grid and counts the
consistent ones; `(grid_code, result, deleted_at)` answers that from the index alone (a covering
index: no table row is read). `ix_spot_check_grid_code` stays for lookups by grid.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_created_at", "outbox", ["created_at"])
    op.create_index("ix_spot_check_grid_result", "spot_check", ["grid_code", "result", "deleted_at"])


def downgrade() -> None:
    op.drop_index("ix_spot_check_grid_result", table_name="spot_check")
    op.drop_index("ix_outbox_created_at", table_name="outbox")
