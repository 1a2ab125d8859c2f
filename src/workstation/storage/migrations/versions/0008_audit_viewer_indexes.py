"""audit_event: indexes for the audit viewer's filters (operator, person, event, date range)

The viewer lists the trail newest first in keyset pages (``seq < cursor ORDER BY seq DESC``), filtered
by operator, by the record a row is about (a resident's id), by event (action, or outcome for the
refusals) and by a date range. Each filter
gets an index that ends in ``seq`` so a filtered page is a range scan, not a walk of the whole trail;
the date range is turned into a range of ``seq`` through the index on ``at``.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_event_actor_seq", "audit_event", ["actor", "seq"])
    op.create_index("ix_audit_event_target_id_seq", "audit_event", ["target_id", "seq"])
    op.create_index("ix_audit_event_action_seq", "audit_event", ["action", "seq"])
    op.create_index("ix_audit_event_at", "audit_event", ["at"])
    op.create_index("ix_audit_event_outcome_seq", "audit_event", ["outcome", "seq"])


def downgrade() -> None:
    op.drop_index("ix_audit_event_outcome_seq", table_name="audit_event")
    op.drop_index("ix_audit_event_at", table_name="audit_event")
    op.drop_index("ix_audit_event_action_seq", table_name="audit_event")
    op.drop_index("ix_audit_event_target_id_seq", table_name="audit_event")
    op.drop_index("ix_audit_event_actor_seq", table_name="audit_event")
