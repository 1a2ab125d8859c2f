"""Property search by pinyin; resident search by the tail of an ID number

An officer at an English desk, or one who types pinyin, found no property by "xingfu" (幸福路): the
property search matched the Chinese address and the landlord's name only. `property_fts_pinyin` is
an FTS5 trigram index of each property's pinyin keys (`storage.search.property_keys`: the address's
pinyin, the landlord's name in both readings and the landlord's initials), rowid = the property's
rowid. The keys are computed in Python (pypinyin), so the property mapper's insert and update events
write them (`storage.schema`), and this migration fills them for the properties already stored
(a few microseconds each: addresses share their street); a hard delete of a property removes its
row by trigger. The keys are local search data: they are not a column of the synced property.

Officers also type the last four characters of an ID number ("002x"). `ix_identity_document_number_tail`
is an index on the expression ``substr(number, -4)``, so that search is one index lookup at 1 M
residents, with no new column to keep.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    from workstation.storage.search import index_property_keys

    op.execute("CREATE VIRTUAL TABLE property_fts_pinyin USING fts5(keys, tokenize='trigram')")
    op.execute("CREATE TRIGGER property_fts_pinyin_ad AFTER DELETE ON property BEGIN "
               "DELETE FROM property_fts_pinyin WHERE rowid = old.rowid; END")
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, address, landlord_name FROM property")).all()
    for i in range(0, len(rows), BATCH):
        index_property_keys(conn, [(r[0], r[1], r[2]) for r in rows[i:i + BATCH]])
    op.create_index("ix_identity_document_number_tail", "identity_document", [sa.text("substr(number, -4)")])


def downgrade() -> None:
    op.drop_index("ix_identity_document_number_tail", table_name="identity_document")
    op.execute("DROP TRIGGER IF EXISTS property_fts_pinyin_ad")
    op.execute("DROP TABLE IF EXISTS property_fts_pinyin")
