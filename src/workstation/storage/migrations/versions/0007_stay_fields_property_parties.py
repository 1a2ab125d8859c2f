"""person: a foreign guest's stay (visa or permit, date of entry, intended stay); property: the
assistant (协管员) who registers it and the police district (警区) that checks it

Foreign guests are registered with the fields the law asks of hotels and landlords (出入境管理法
article 39; 公安部《境外人员住宿登记》): visa or residence-permit type and number, date of entry
and the date the guest intends to stay until. They were kept in the notes before this revision; they
are columns now so a form can validate them and a list can show them.

A rental property answers to four parties: landlord (业主) and property-management company (物管单位)
were already columns; the registering assistant (an operator's username) and the police district
(警区 code) are added, with an index on the assistant so an assistant's list shows their own first.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("person", sa.Column("visa_type", sa.String(24), nullable=True))
    op.add_column("person", sa.Column("visa_number", sa.String(32), nullable=True))
    op.add_column("person", sa.Column("entry_date", sa.Date(), nullable=True))
    op.add_column("person", sa.Column("stay_until", sa.Date(), nullable=True))
    op.add_column("property", sa.Column("assistant_username", sa.String(64), nullable=True))
    op.add_column("property", sa.Column("district_code", sa.String(32), nullable=True))
    op.create_index("ix_property_assistant_username", "property", ["assistant_username"])


def downgrade() -> None:
    op.drop_index("ix_property_assistant_username", table_name="property")
    with op.batch_alter_table("property") as batch:
        batch.drop_column("district_code")
        batch.drop_column("assistant_username")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("stay_until")
        batch.drop_column("entry_date")
        batch.drop_column("visa_number")
        batch.drop_column("visa_type")
