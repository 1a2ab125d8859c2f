"""What a change was based on, by content: `outbox.base_hash`

Versions are counted on each side: the platform's staff can edit a record to version 2 while this station
makes its own version 2, and a later change here "based on version 2" would then be applied by the
platform over an edit this station never saw. Each outbox row now carries a hash of the base version as
this station held it (`storage.outbox.content_hash`): its own change at that version, or the platform's
copy a conflict was decided over. The sealed batch sends it (`base_hash`) and the platform compares it
with its own copy as well as the version number. Rows written before this revision have none and are
sent on the version alone, as before.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN: a batch (copy-and-rename) would drop the outbox's triggers (0010)
    op.add_column("outbox", sa.Column("base_hash", sa.String(64), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE outbox DROP COLUMN base_hash")
