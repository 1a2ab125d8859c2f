"""The late-landlord filter reads a table of staff-recorded bindings kept by triggers

Whether a landlord has declared a binding (`storage.areas.checks`: a live declaration of the binding's
property naming the person, by document number or, without one, by name) was worked out per binding
from every declaration of its property and each of their JSON entries, and each binding cost random
reads of the tenancy, room, person and declaration tables. At 1 M residents with 100 000 bindings
recorded by staff (90 000 of them declared) the station's "landlords late" list took 20–30 s, a
grid's about 1 s, even from the partial index of migration 0012.

`staff_binding` holds one small row per live binding recorded by an officer or an assistant (live
room and person too): its property, its dates, and `last_declared_on`, the date of the latest live
declaration of the property naming the person (NULL: none). A binding is overdue when its deadline
has passed, it is still running and `last_declared_on` is NULL or before `start_date - N days`: one
row answers it, the station's list is one scan of a compact table, a property's or a grid's a lookup
by property. Triggers keep it in the transaction of every write that can change it (a declaration
written or deleted, a binding written, a room removed, a person renamed or deleted, a document
changed), whatever writes it (the areas, sync, retention), the way migration 0010 keeps its counts.
Nothing writes it directly.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

STAFF = "('officer', 'assistant')"

#: the latest live declaration of the binding's property naming its person (t, r, p in scope)
LAST_DECLARED = (
    "(SELECT max(d.declared_on) FROM declaration AS d, json_each(d.entries) AS e "
    "WHERE d.property_id = r.property_id AND d.deleted_at IS NULL AND ("
    "EXISTS (SELECT 1 FROM identity_document AS i WHERE i.person_id = t.person_id AND i.deleted_at IS NULL "
    "AND i.number = json_extract(e.value, '$.id_number')) "
    "OR (coalesce(json_extract(e.value, '$.id_number'), '') = '' "
    "AND lower(trim(json_extract(e.value, '$.name'))) = lower(trim(p.name)))))"
)


def fill(where: str) -> str:
    """SQL: insert the rows of the bindings `t` that `where` selects (those that belong in the table)."""
    return (
        "INSERT INTO staff_binding (tenancy_id, property_id, start_date, end_date, last_declared_on) "
        f"SELECT t.id, r.property_id, t.start_date, t.end_date, {LAST_DECLARED} "
        "FROM tenancy AS t JOIN room AS r ON r.id = t.room_id JOIN person AS p ON p.id = t.person_id "
        f"WHERE ({where}) AND t.deleted_at IS NULL AND t.source IN {STAFF} AND r.deleted_at IS NULL "
        "AND p.deleted_at IS NULL;"
    )


def _refresh(where: str) -> str:
    """SQL statements of a trigger: recompute the rows of the bindings `t` that `where` selects."""
    gone = f"DELETE FROM staff_binding WHERE tenancy_id IN (SELECT t.id FROM tenancy AS t WHERE {where}); "
    return gone + fill(where)


def _of_property(pid: str) -> str:
    return f"t.room_id IN (SELECT id FROM room WHERE property_id = {pid})"


TRIGGERS = {
    "staff_binding_declaration_ai": "AFTER INSERT ON declaration BEGIN " + _refresh(_of_property("NEW.property_id")),
    "staff_binding_declaration_au": "AFTER UPDATE OF property_id, declared_on, entries, deleted_at ON declaration "
    "BEGIN " + _refresh(_of_property("OLD.property_id")) + " " + _refresh(_of_property("NEW.property_id")),
    "staff_binding_declaration_ad": "AFTER DELETE ON declaration BEGIN " + _refresh(_of_property("OLD.property_id")),
    "staff_binding_tenancy_ai": "AFTER INSERT ON tenancy BEGIN " + _refresh("t.id = NEW.id"),
    "staff_binding_tenancy_au": "AFTER UPDATE OF room_id, person_id, source, start_date, end_date, deleted_at "
    "ON tenancy BEGIN " + _refresh("t.id = NEW.id"),
    "staff_binding_tenancy_ad": "AFTER DELETE ON tenancy BEGIN DELETE FROM staff_binding WHERE tenancy_id = OLD.id;",
    "staff_binding_room_au": "AFTER UPDATE OF property_id, deleted_at ON room BEGIN " + _refresh("t.room_id = NEW.id"),
    "staff_binding_person_au": "AFTER UPDATE OF name, deleted_at ON person BEGIN " + _refresh("t.person_id = NEW.id"),
    "staff_binding_document_ai": "AFTER INSERT ON identity_document BEGIN " + _refresh("t.person_id = NEW.person_id"),
    "staff_binding_document_au": "AFTER UPDATE OF person_id, number, deleted_at ON identity_document BEGIN "
    + _refresh("t.person_id = OLD.person_id") + " " + _refresh("t.person_id = NEW.person_id"),
    "staff_binding_document_ad": "AFTER DELETE ON identity_document BEGIN " + _refresh("t.person_id = OLD.person_id"),
}


def upgrade() -> None:
    op.create_table(
        "staff_binding",
        sa.Column("tenancy_id", sa.String(36), nullable=False),
        sa.Column("property_id", sa.String(36), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("last_declared_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("tenancy_id", name="pk_staff_binding"),
    )
    op.create_index("ix_staff_binding_property_id", "staff_binding", ["property_id", "start_date"])
    op.execute(fill(f"t.deleted_at IS NULL AND t.source IN {STAFF}"))
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body} END")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ix_staff_binding_property_id", table_name="staff_binding")
    op.drop_table("staff_binding")
