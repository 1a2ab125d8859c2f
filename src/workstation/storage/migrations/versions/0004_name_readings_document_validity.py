"""person: surname and everyday name readings; identity_document: validity at registration

Adds person.name_pinyin_alt / name_initials_alt (the everyday reading when the surname has its own,
e.g. 曾 zeng / ceng) with their indexes, and identity_document.validity_at_registration. Rebuilds the
name keys of every existing person with `domain.names.name_readings`, so people registered before
this version are found by the surname reading too (the primary keys change from e.g. cengzhiqiang to
zengzhiqiang with cengzhiqiang kept as the alternative). Only the local search columns are rewritten:
no version, outbox or audit row, since the keys are derived from the name and carry no new fact.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("person", sa.Column("name_pinyin_alt", sa.String(128), nullable=True))
    op.add_column("person", sa.Column("name_initials_alt", sa.String(32), nullable=True))
    op.create_index("ix_person_name_pinyin_alt", "person", ["name_pinyin_alt"])
    op.create_index("ix_person_name_initials_alt", "person", ["name_initials_alt"])
    op.add_column("identity_document", sa.Column("validity_at_registration", sa.String(16), nullable=True))
    _rebuild_name_keys()


def _rebuild_name_keys() -> None:
    from workstation.domain.names import COMPOUND_SURNAMES, SURNAME_READINGS, name_readings

    conn = op.get_bind()
    person = sa.table(
        "person",
        sa.column("id", sa.String),
        sa.column("name", sa.String),
        sa.column("name_pinyin", sa.String),
        sa.column("name_initials", sa.String),
        sa.column("name_pinyin_alt", sa.String),
        sa.column("name_initials_alt", sa.String),
    )
    # only names whose keys can change: a surname with its own reading, or keys left empty (names of
    # characters pypinyin does not know); every other name keeps the keys it has
    affected = sa.or_(
        sa.func.substr(person.c.name, 1, 1).in_(sorted(SURNAME_READINGS)),
        sa.func.substr(person.c.name, 1, 2).in_(sorted(COMPOUND_SURNAMES)),
        person.c.name_pinyin == "",
        person.c.name_initials == "",
    )
    rows = conn.execute(sa.select(person.c.id, person.c.name).where(affected)).all()
    updates = []
    for pid, name in rows:
        r = name_readings(name or "")
        updates.append({"pid": pid, "p": r.pinyin, "i": r.initials, "pa": r.pinyin_alt, "ia": r.initials_alt})
    if updates:
        conn.execute(
            person.update()
            .where(person.c.id == sa.bindparam("pid"))
            .values(
                name_pinyin=sa.bindparam("p"),
                name_initials=sa.bindparam("i"),
                name_pinyin_alt=sa.bindparam("pa"),
                name_initials_alt=sa.bindparam("ia"),
            ),
            updates,
        )


def downgrade() -> None:
    op.drop_column("identity_document", "validity_at_registration")
    op.drop_index("ix_person_name_initials_alt", table_name="person")
    op.drop_index("ix_person_name_pinyin_alt", table_name="person")
    op.drop_column("person", "name_initials_alt")
    op.drop_column("person", "name_pinyin_alt")
