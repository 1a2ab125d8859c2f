"""Housing (以屋管人): rental properties, rooms, bindings (人屋捆绑), landlord declarations, spot checks.

Reached as `desk.housing`. Reads of properties (landlords' names, phones and ID numbers) are audited
and bounded per role like every read of personal data; list rows mask the landlord's ID number.

    find_properties(query: str = "", *, grid_code: str | None = None, after: str | None = None,
                    limit: int = 20) -> Page[PropertyRow]      (search-as-you-type on the address)
    get_property(property_id: str) -> PropertyDetail           (unmasked, audited)
    rooms(property_id: str) -> tuple[RoomRow, ...]
    create_property(...) / update_property(...) / add_room(...) -> Changes
    bind(person_id, room_id, *, start, end=None, relation=TENANT, source=None) -> Changes
    end_tenancy(tenancy_id, *, base_version, end) -> Changes
    record_declaration(...) / record_spot_check(...) -> Changes

Declarations against the record, the overdue rule, visits, consistency rates and visit sheets are
in `storage.areas.checks` (`HousingChecks`, a base of `Housing`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select, text, tuple_

from workstation.domain.enums import PropertyKind, SpotCheckResult, TenancyRelation, TenancySource
from workstation.domain.identifiers import identifier_problems
from workstation.domain.permissions import Permission
from workstation.domain.validation import (
    Problems,
    normalise_id_number,
    normalise_mobile,
    validate_date_range,
    validate_mobile,
)
from workstation.errors import Problem, ValidationError, field_label
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage.areas.base import UNSET, Changes, Page, Unset, raise_problems
from workstation.storage.areas.checks import HousingChecks
from workstation.storage.areas.residents import bind, load_person
from workstation.storage.masking import mask_number, mask_query
from workstation.storage.schema import Declaration, Person, Property, Room, SpotCheck, Tenancy, utcnow
from workstation.storage.search import BadCursor, QueryKind


@dataclass(frozen=True)
class PropertyRow:
    """One line of a property list or of the registration form's property picker."""

    id: str
    version: int
    address: str
    grid_code: str
    kind: PropertyKind
    landlord_name: str | None
    landlord_phone: str | None
    landlord_id_number_masked: str | None
    manager_name: str | None


@dataclass(frozen=True)
class PropertyDetail:
    id: str
    version: int
    address: str
    grid_code: str
    kind: PropertyKind
    landlord_name: str | None
    landlord_phone: str | None
    landlord_id_number: str | None
    manager_name: str | None
    manager_phone: str | None
    residents: int  # live people whose current residence it is
    rooms: tuple[RoomRow, ...]


@dataclass(frozen=True)
class RoomRow:
    id: str
    version: int
    property_id: str
    label: str
    capacity: int | None
    occupants: int  # bindings running today


class Housing(HousingChecks):
    """Properties, rooms, bindings, declarations and spot checks. See the module docstring."""

    # ---- reads -----------------------------------------------------------------------------
    def find_properties(
        self, query: str = "", *, grid_code: str | None = None, after: str | None = None, limit: int = 20
    ) -> Page[PropertyRow]:
        """Properties whose address contains `query` (all of them, by address, when empty).

        Three characters or more use the address trigram index; shorter fragments scan addresses.

        Returns:
            A `Page` of `PropertyRow` ordered by address; pass `next` as `after` for more.

        Raises:
            PermissionDenied: the role may not read residents' and landlords' data.
            BadCursor: `after` is not a cursor of this list.
        """
        self._require(Permission.READ_PERSON)
        n = self._limit(limit)
        fragment = query.strip()
        conds: list[ColumnElement[bool]] = [Property.deleted_at.is_(None)]
        if grid_code:
            conds.append(Property.grid_code == grid_code)
        key = _decode_key(after)
        with self._write() as tx:
            s = tx.session
            if len(fragment) >= 3:
                phrase = '"' + fragment.replace('"', '""') + '"'
                ids = s.execute(
                    text(
                        "SELECT p.id FROM property_fts f JOIN property p ON p.rowid = f.rowid "
                        "WHERE property_fts MATCH :q LIMIT 2000"
                    ),
                    {"q": phrase},
                ).scalars().all()
                conds.append(Property.id.in_(ids))
            elif fragment:
                conds.append(Property.address.contains(fragment))
            if key is not None:
                conds.append(tuple_(Property.address, Property.id) > tuple_(*key))
            found = list(
                s.execute(select(Property).where(*conds).order_by(Property.address, Property.id).limit(n + 1))
                .scalars()
            )
            rows = tuple(_property_row(p) for p in found[:n])
            tx.audit("property.search", details=json.dumps(
                {"kind": QueryKind.ADDRESS.value if fragment else QueryKind.BROWSE.value,
                 "query": mask_query(QueryKind.ADDRESS, fragment), "grid": grid_code, "rows": len(rows)},
                ensure_ascii=False,
            ))
        nxt = json.dumps([rows[-1].address, rows[-1].id], ensure_ascii=False) if len(found) > n else None
        return Page(rows, nxt)

    def get_property(self, property_id: str) -> PropertyDetail:
        """A property with its landlord's details in full, its rooms and resident count. Audited.

        Raises:
            PermissionDenied: the role may not read residents' and landlords' data.
            NotFound: no such property (or deleted).
        """
        self._require(Permission.READ_PERSON)
        with self._write() as tx:
            p = tx.load(Property, property_id)
            residents = int(tx.session.execute(
                select(func.count()).select_from(Person)
                .where(Person.property_id == property_id, Person.deleted_at.is_(None))
            ).scalar_one())
            rooms = _rooms(tx.session, property_id)
            tx.audit("property.read", target_type="property", target_id=property_id)
            return PropertyDetail(
                id=p.id, version=p.version, address=p.address, grid_code=p.grid_code, kind=PropertyKind(p.kind),
                landlord_name=p.landlord_name, landlord_phone=p.landlord_phone,
                landlord_id_number=p.landlord_id_number, manager_name=p.manager_name,
                manager_phone=p.manager_phone, residents=residents, rooms=rooms,
            )

    def rooms(self, property_id: str) -> tuple[RoomRow, ...]:
        """The live rooms of a property, by label, with how many bindings run today. Audited.

        Raises:
            PermissionDenied: the role may not read residents' data.
            NotFound: no such property (or deleted).
        """
        self._require(Permission.READ_PERSON)
        with self._write() as tx:
            tx.load(Property, property_id)
            rooms = _rooms(tx.session, property_id)
            tx.audit("room.list", target_type="property", target_id=property_id,
                     details=json.dumps({"rows": len(rooms)}))
            return rooms

    # ---- writes ----------------------------------------------------------------------------
    def create_property(
        self,
        *,
        address: str,
        grid_code: str,
        kind: PropertyKind = PropertyKind.APARTMENT,
        landlord_name: str | None = None,
        landlord_phone: str | None = None,
        landlord_id_number: str | None = None,
        manager_name: str | None = None,
        manager_phone: str | None = None,
    ) -> Changes:
        """A new rental property (出租屋). `changes.id` is its id.

        Raises:
            PermissionDenied: the role may not manage properties.
            ValidationError: no address or grid code; invalid phone numbers.
        """
        self._require(Permission.MANAGE_PROPERTY)
        problems: Problems = []
        if not address.strip():
            problems.append(Problem("address", "required", QT_TRANSLATE_NOOP("storage", "address is required")))
        if not grid_code.strip():
            problems.append(Problem("grid_code", "required", QT_TRANSLATE_NOOP("storage", "grid code is required")))
        problems += validate_mobile(landlord_phone, field_name="landlord_phone")
        problems += validate_mobile(manager_phone, field_name="manager_phone")
        if landlord_id_number:
            problems += identifier_problems(
                normalise_id_number(landlord_id_number), field_name="landlord_id_number", label="An ID number"
            )
        raise_problems(problems)
        with self._write() as tx:
            tx.create(
                Property(
                    address=address.strip(),
                    grid_code=grid_code.strip(),
                    kind=PropertyKind(kind).value,
                    landlord_name=landlord_name,
                    landlord_phone=normalise_mobile(landlord_phone) if landlord_phone else None,
                    landlord_id_number=normalise_id_number(landlord_id_number) if landlord_id_number else None,
                    manager_name=manager_name,
                    manager_phone=normalise_mobile(manager_phone) if manager_phone else None,
                ),
            )
            return tx.changes

    def update_property(
        self,
        property_id: str,
        *,
        base_version: int,
        address: str | Unset = UNSET,
        grid_code: str | Unset = UNSET,
        kind: PropertyKind | Unset = UNSET,
        landlord_name: str | Unset | None = UNSET,
        landlord_phone: str | Unset | None = UNSET,
        landlord_id_number: str | Unset | None = UNSET,
        manager_name: str | Unset | None = UNSET,
        manager_phone: str | Unset | None = UNSET,
    ) -> Changes:
        """Change the given fields of a property (UNSET: leave as is; None: clear).

        Raises:
            PermissionDenied: the role may not manage properties.
            ValidationError: empty address or grid code, invalid phone numbers.
            NotFound: the property was deleted.
            Conflict: it changed since `base_version`.
        """
        self._require(Permission.MANAGE_PROPERTY)
        values: dict[str, Any] = {
            k: v
            for k, v in {
                "address": address, "grid_code": grid_code, "kind": kind, "landlord_name": landlord_name,
                "landlord_phone": landlord_phone, "landlord_id_number": landlord_id_number,
                "manager_name": manager_name, "manager_phone": manager_phone,
            }.items()
            if v is not UNSET
        }
        problems: Problems = []
        for f in ("address", "grid_code"):
            if f in values:
                values[f] = str(values[f]).strip()
                if not values[f]:
                    problems.append(
                        Problem(
                            f,
                            "required",
                            QT_TRANSLATE_NOOP("storage", "{field} is required").format(field=field_label(f)),
                        )
                    )
        for f in ("landlord_phone", "manager_phone"):
            if values.get(f):
                problems += validate_mobile(values[f], field_name=f)
                values[f] = normalise_mobile(values[f])
        if "kind" in values:
            values["kind"] = PropertyKind(values["kind"]).value
        if values.get("landlord_id_number"):
            values["landlord_id_number"] = normalise_id_number(values["landlord_id_number"])
            problems += identifier_problems(
                values["landlord_id_number"], field_name="landlord_id_number", label="An ID number"
            )
        raise_problems(problems)
        with self._write() as tx:
            tx.update(tx.load(Property, property_id, base_version), values)
            return tx.changes

    def add_room(self, property_id: str, *, label: str, capacity: int | None = None) -> Changes:
        """A room of a property. `changes.id` is its id.

        Raises:
            PermissionDenied: the role may not manage properties.
            ValidationError: no label; a capacity below 1.
            NotFound: the property was deleted.
        """
        self._require(Permission.MANAGE_PROPERTY)
        problems: Problems = []
        if not label.strip():
            problems.append(Problem("label", "required", QT_TRANSLATE_NOOP("storage", "room label is required")))
        if capacity is not None and capacity < 1:
            problems.append(Problem("capacity", "invalid", QT_TRANSLATE_NOOP("storage", "capacity must be at least 1")))
        raise_problems(problems)
        with self._write() as tx:
            tx.load(Property, property_id)
            tx.create(Room(property_id=property_id, label=label.strip(), capacity=capacity))
            return tx.changes

    def bind(
        self,
        person_id: str,
        room_id: str,
        *,
        start: date,
        end: date | None = None,
        relation: TenancyRelation = TenancyRelation.TENANT,
        source: TenancySource | None = None,
    ) -> Changes:
        """人屋捆绑: bind a resident to a room for a period (a running one becomes their residence).

        Returns:
            Changes: the tenancy (first), and the person when their current residence moved.

        Raises:
            PermissionDenied: the role may not register.
            ValidationError: the period ends before it starts.
            NotFound: the person, room or property was deleted.
            RegistrationFrozen: sync's freeze rules hold registrations.
        """
        self._require(Permission.REGISTER)
        raise_problems(validate_date_range(start, end, start_field="start", end_field="end"))
        self._guard_registration("bind resident to room")
        with self._write() as tx:
            person = load_person(tx, person_id)
            bind(tx, person, room_id, start=start, end=end, relation=relation,
                 source=source or self._default_source())
            return tx.changes

    def end_tenancy(self, tenancy_id: str, *, base_version: int, end: date) -> Changes:
        """End a binding on `end`.

        Raises:
            PermissionDenied: the role may not register.
            ValidationError: `end` is before the binding's start.
            NotFound, Conflict: as for every update.
        """
        self._require(Permission.REGISTER)
        with self._write() as tx:
            t = tx.load(Tenancy, tenancy_id, base_version)
            raise_problems(validate_date_range(t.start_date, end, start_field="start", end_field="end"))
            tx.update(t, {"end_date": end})
            return tx.changes

    def record_declaration(
        self,
        property_id: str,
        *,
        declared_on: date,
        declarant_name: str,
        declarant_phone: str | None,
        entries: Iterable[Mapping[str, str]],
    ) -> Changes:
        """业主申报: the landlord's list of who lives where.

        Args:
            entries: one mapping per tenant: ``name`` (required), ``id_number``, ``room`` (a room
                label), ``since`` (the day they moved in, ISO ``YYYY-MM-DD``), ``phone``.

        Raises:
            PermissionDenied: the role may not enter declarations.
            ValidationError: no declarant name, a date in the future, a tenant without a name, an
                invalid ID number or moving-in date (fields ``entries[i]``, from 1).
            NotFound: the property was deleted.
        """
        self._require(Permission.ENTER_DECLARATION)
        rows = [{k: str(v).strip() for k, v in dict(e).items() if v is not None and str(v).strip()} for e in entries]
        problems: Problems = validate_mobile(declarant_phone, field_name="declarant_phone")
        if not declarant_name.strip():
            problems.append(
                Problem("declarant_name", "required", QT_TRANSLATE_NOOP("storage", "the declarant's name is required"))
            )
        if declared_on > date.today():
            problems.append(
                Problem(
                    "declared_on",
                    "invalid",
                    QT_TRANSLATE_NOOP("storage", "a declaration cannot be dated in the future"),
                )
            )
        for i, e in enumerate(rows, 1):
            if not e.get("name", "").strip():
                problems.append(
                    Problem(
                        f"entries[{i}]", "invalid", QT_TRANSLATE_NOOP("storage", "each declared tenant needs a name")
                    )
                )
            if e.get("id_number"):
                e["id_number"] = normalise_id_number(e["id_number"])
                problems += identifier_problems(e["id_number"], field_name=f"entries[{i}]", label="An ID number")
            if e.get("phone"):
                e["phone"] = normalise_mobile(e["phone"])
            if e.get("since"):
                try:
                    e["since"] = date.fromisoformat(e["since"]).isoformat()
                except ValueError:
                    problems.append(
                        Problem(
                            f"entries[{i}]",
                            "invalid",
                            QT_TRANSLATE_NOOP("storage", "the moving-in date is not a date: write it as 2024-03-01"),
                        )
                    )
        raise_problems(problems)
        with self._write() as tx:
            tx.load(Property, property_id)
            tx.create(
                Declaration(
                    property_id=property_id,
                    declared_on=declared_on,
                    declarant_name=declarant_name.strip(),
                    declarant_phone=normalise_mobile(declarant_phone) if declarant_phone else None,
                    entries=rows,
                ),
                details=f"{len(rows)} tenants declared",
            )
            return tx.changes

    def record_spot_check(
        self,
        property_id: str,
        *,
        result: SpotCheckResult,
        tenancy_id: str | None = None,
        notes: str | None = None,
        checked_at: datetime | None = None,
    ) -> Changes:
        """抽查核查: an officer's check of a binding (or a whole property) against reality.

        Raises:
            PermissionDenied: the role may not verify.
            ValidationError: a mismatch without notes; a binding of another property.
            NotFound: the property, binding or room was deleted.
        """
        self._require(Permission.VERIFY)
        result = SpotCheckResult(result)
        if result is not SpotCheckResult.CONSISTENT and not (notes or "").strip():
            raise ValidationError([Problem("notes", "invalid", QT_TRANSLATE_NOOP("storage", "say what did not match"))])
        with self._write() as tx:
            prop = tx.load(Property, property_id)
            if tenancy_id is not None:
                t = tx.load(Tenancy, tenancy_id)
                room = tx.load(Room, t.room_id)
                if room.property_id != property_id:
                    raise ValidationError(
                        [
                            Problem(
                                "tenancy_id",
                                "invalid",
                                QT_TRANSLATE_NOOP("storage", "that binding belongs to another property"),
                            )
                        ]
                    )
            tx.create(
                SpotCheck(
                    property_id=property_id,
                    tenancy_id=tenancy_id,
                    grid_code=prop.grid_code,
                    result=result.value,
                    notes=notes,
                    checked_at=checked_at or utcnow(),
                ),
            )
            return tx.changes


def _property_row(p: Property) -> PropertyRow:
    return PropertyRow(
        id=p.id, version=p.version, address=p.address, grid_code=p.grid_code, kind=PropertyKind(p.kind),
        landlord_name=p.landlord_name, landlord_phone=p.landlord_phone,
        landlord_id_number_masked=mask_number(p.landlord_id_number), manager_name=p.manager_name,
    )


def _rooms(s: Any, property_id: str) -> tuple[RoomRow, ...]:
    today = date.today()
    occupants = (
        select(func.count())
        .select_from(Tenancy)
        .where(
            Tenancy.room_id == Room.id, Tenancy.deleted_at.is_(None), Tenancy.start_date <= today,
            (Tenancy.end_date.is_(None)) | (Tenancy.end_date >= today),
        )
        .correlate(Room)
        .scalar_subquery()
    )
    rows = s.execute(
        select(Room.id, Room.version, Room.label, Room.capacity, occupants)
        .where(Room.property_id == property_id, Room.deleted_at.is_(None))
        .order_by(Room.label)
    ).all()
    return tuple(RoomRow(id=i, version=v, property_id=property_id, label=lb, capacity=c, occupants=int(n))
                 for i, v, lb, c, n in rows)


def _decode_key(after: str | None) -> tuple[str, str] | None:
    if after is None:
        return None
    try:
        address, pid = json.loads(after)
    except (ValueError, TypeError):
        raise BadCursor() from None
    if not (isinstance(address, str) and isinstance(pid, str)):
        raise BadCursor()
    return address, pid
