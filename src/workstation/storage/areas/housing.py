"""Housing (以屋管人): rental properties, rooms, bindings (人屋捆绑), landlord declarations, spot checks.

Reached as `desk.housing`. Reads of properties (landlords' names, phones and ID numbers) and of who
lives in a room are audited and bounded per role like every read of personal data; list rows mask
ID numbers.

    find_properties(query: str = "", *, grid_code: str | None = None,
                    order: PropertyOrder = PropertyOrder.ADDRESS, mine_first: bool | None = None,
                    after: str | None = None, limit: int = 20) -> Page[PropertyRow]
        address fragment or landlord (name or mobile), or their pinyin ("xingfu", "dxm"); per row:
        rooms, people bound now, last spot check and consistency rate, computed for the page's rows only
    property_rows(ids) -> dict[str, PropertyRow]              (a lazy table's cache refresh)
    get_property(property_id: str) -> PropertyDetail           (unmasked, audited; rooms as tiles)
    rooms(property_id: str) -> tuple[RoomRow, ...]
    room_tenancies(room_id: str) -> tuple[RoomTenancy, ...]    (current first, then past; audited)
    assistants() -> tuple[AssistantRow, ...]                   (operators a property may be bound to)
    create_property(...) / update_property(...) -> Changes     (the four parties, validated)
    add_room(...) / rename_room(...) / remove_room(...) -> Changes
    bind(person_id, room_id, *, start, end=None, relation=TENANT, source=None,
         acknowledge_overlap=False) -> Changes
    end_tenancy(tenancy_id, *, base_version, end) -> Changes
    move_tenant(tenancy_id, *, base_version, room_id, on, acknowledge_overlap=False) -> Changes
    record_declaration(...) / record_spot_check(...) -> Changes

Bindings are half-open periods ``[start_date, end_date)`` (`domain.housing.running_on`):
`start_date` is the day the person moved in, `end_date` the day they moved out (None: still living
there), and the move-out day is not part of the binding. "Current" / "bound now" = running today, so a
binding ended today, or a person moved to another room today, is no longer current today; every read
here and in `storage.areas.checks` (counts, tiles, room lists, visit sheets, spot-check lists, the
person's current residence) uses that one rule (`residents.running_sql` in SQL). Overlapping bindings
of one person in two rooms (`domain.housing.periods_overlap`, the same half-open periods: a move day
shared by the old binding's end and the new one's start is no overlap) are never written silently:
`bind` and `move_tenant` raise `OverlappingTenancy`
naming the other bindings, and write only when called again with ``acknowledge_overlap=True`` (the
acknowledgement is in the audit row). Binding someone to a room they are already bound to for that
period raises `AlreadyBound`. Lists show every overlap (`RoomRow.overlaps`, `RoomTenancy.overlaps`).

Declarations against the record, the overdue rule, visits, consistency rates and visit sheets are
in `storage.areas.checks` (`HousingChecks`, a base of `Housing`).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, or_, select, text, tuple_
from sqlalchemy.orm import Session

from workstation.domain.enums import PropertyKind, Role, SpotCheckResult, TenancyRelation, TenancySource
from workstation.domain.housing import (
    CheckSeen,
    Occupant,
    normalise_code,
    periods_overlap,
    room_verified,
    running_on,
    validate_property,
    validate_room,
)
from workstation.domain.identifiers import identifier_problems
from workstation.domain.permissions import Permission
from workstation.domain.validation import (
    Problems,
    normalise_id_number,
    normalise_mobile,
    validate_date_range,
    validate_mobile,
)
from workstation.errors import Problem, UserFacingError, ValidationError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage.areas.base import UNSET, Changes, Page, Transaction, Unset, raise_problems
from workstation.storage.areas.checks import HousingChecks, deadline_days
from workstation.storage.areas.checks import landlord_late as late_condition
from workstation.storage.areas.residents import bind, load_person, running_sql, settle_residence
from workstation.storage.masking import mask_number, mask_query
from workstation.storage.metrics import Rate, consistency_for_properties
from workstation.storage.schema import (
    Declaration,
    IdentityDocumentRow,
    Operator,
    Person,
    Property,
    Room,
    SpotCheck,
    Tenancy,
    utcnow,
)
from workstation.storage.search import BadCursor, QueryKind, property_pinyin_ids

NO_CHECKS = Rate(0, 0)  # the consistency rate of a property never spot-checked


class PropertyOrder(enum.StrEnum):
    """How a property list is ordered (after the assistant's own properties, when those come first)."""

    ADDRESS = "address"
    CONSISTENCY = "consistency"  # lowest consistency rate first; never checked last; then by address


@dataclass(frozen=True)
class PropertyRow:
    """One line of a property list or of the registration form's property picker.

    The figures are computed for the rows of the page only: `rooms` (live rooms), `bound_now`
    (people with a binding running today), `last_spot_check` (UTC) and `consistency` (consistent
    spot checks / all, as `storage.metrics.consistency_by_property` computes it)."""

    id: str
    version: int
    address: str
    grid_code: str
    kind: PropertyKind
    landlord_name: str | None
    landlord_phone: str | None
    landlord_id_number_masked: str | None
    manager_name: str | None
    manager_phone: str | None = None
    assistant_username: str | None = None
    district_code: str | None = None
    rooms: int = 0
    bound_now: int = 0
    last_spot_check: datetime | None = None
    consistency: Rate = NO_CHECKS


@dataclass(frozen=True)
class RoomRow:
    """A room as a tile shows it.

    `occupants`: bindings running today; `declared`: a landlord declaration of the property names
    someone in this room (by its label), or someone bound here now was recorded from a landlord's
    declaration (source `TenancySource.LANDLORD_DECLARATION`: the tenants' "source" column says
    so, and the tile must not contradict it); `verified`: every current tenant's latest spot check
    since moving in found them consistent, and none is unchecked (for an empty room: the latest check
    of the room on its own since the last move-out was consistent), the rule of
    `domain.housing.room_verified`; `overlaps`: current tenants also bound to another room for an
    overlapping period."""

    id: str
    version: int
    property_id: str
    label: str
    capacity: int | None
    occupants: int  # bindings running today
    declared: bool = False
    verified: bool = False
    overlaps: int = 0

    @property
    def empty(self) -> bool:
        return self.occupants == 0

    @property
    def full(self) -> bool:
        """At or above its capacity (never, when no capacity is set)."""
        return self.capacity is not None and self.occupants >= self.capacity


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
    assistant_username: str | None = None
    assistant_name: str | None = None  # the operator's display name
    district_code: str | None = None
    bound_now: int = 0
    last_spot_check: datetime | None = None
    consistency: Rate = NO_CHECKS


@dataclass(frozen=True)
class TenancyOverlap:
    """Another binding of the same person whose period overlaps (`domain.housing.periods_overlap`)."""

    tenancy_id: str
    version: int
    room_id: str
    room_label: str
    property_id: str
    address: str
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class RoomTenancy:
    """A binding of a room, current or ended, with who it binds (ID number masked)."""

    id: str
    version: int
    room_id: str
    person_id: str
    person_name: str
    id_number_masked: str | None
    start_date: date
    end_date: date | None
    relation: TenancyRelation
    source: TenancySource
    created_by: str | None
    overlaps: tuple[TenancyOverlap, ...] = ()

    def current(self, today: date) -> bool:
        """Running on `today`."""
        return running_on(self.start_date, self.end_date, today)


@dataclass(frozen=True)
class AssistantRow:
    """An assistant (协管员) a property may be bound to."""

    username: str
    display_name: str


class OverlappingTenancy(UserFacingError):
    """The person is bound to another room for an overlapping period. `overlaps` names those
    bindings; call again with ``acknowledge_overlap=True`` to keep both (or move the person instead)."""

    def __init__(self, overlaps: Sequence[TenancyOverlap]) -> None:
        first = overlaps[0]
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage",
                "This person is already bound to room {room} at {address} since {start}. Both bindings would "
                "run at the same time: confirm that both are right, or move the person instead.",
            ).format(room=first.room_label, address=first.address, start=first.start_date.isoformat())
        )
        self.overlaps = tuple(overlaps)


class AlreadyBound(UserFacingError):
    """The person is already bound to this very room for that period."""

    def __init__(self, room_label: str, start: date) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("storage", "This person is already bound to room {room} (since {start}).").format(
                room=room_label, start=start.isoformat()
            )
        )


class RoomOccupied(UserFacingError):
    """A room with a current (or future) tenant cannot be removed."""

    def __init__(self, room_label: str, tenants: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage",
                "Room {room} cannot be removed: {count} tenant(s) are bound to it now. End or move their "
                "bindings first.",
            ).format(room=room_label, count=tenants)
        )
        self.tenants = tenants




def _running(today: date) -> ColumnElement[bool]:
    """Tenancy rows running on `today` (`storage.areas.residents.running_sql`)."""
    return running_sql(today)


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _opt(normalise: Callable[[str], str], value: str | None) -> str | None:
    """`normalise(value)`, or None for a missing or blank value."""
    v = _blank_to_none(value)
    return None if v is None else normalise(v)


class Housing(HousingChecks):
    """Properties, rooms, bindings, declarations and spot checks. See the module docstring."""

    # ---- reads -----------------------------------------------------------------------------
    def find_properties(
        self,
        query: str = "",
        *,
        grid_code: str | None = None,
        order: PropertyOrder = PropertyOrder.ADDRESS,
        mine_first: bool | None = None,
        landlord_late: bool = False,
        after: str | None = None,
        limit: int = 20,
    ) -> Page[PropertyRow]:
        """Properties whose address contains `query`, or whose landlord's name or mobile does (all of
        them when `query` is empty), in grid `grid_code` when given.

        Addresses of three characters or more use the address trigram index; pinyin (Latin letters
        and digits: of the address, of the landlord's name, the landlord's initials from two letters)
        uses the pinyin trigram index (`storage.search.property_pinyin_ids`); shorter fragments and
        landlords' names scan the properties (of the grid, when one is given).

        Args:
            order: `PropertyOrder.ADDRESS`, or `CONSISTENCY` (lowest consistency rate first,
                properties never spot-checked last; address breaks ties).
            mine_first: the properties bound to the calling operator (`assistant_username`) first;
                None: for an assistant yes, for other roles no.
            landlord_late: only properties whose landlord is late declaring a binding
                (`storage.areas.checks`, the station's `declaration_deadline_days`).
            after: `page.next` of the previous page of the same query, filters and order.
            limit: rows wanted, clamped to 1..`max_page(role)`.

        Returns:
            A `Page` of `PropertyRow` (the figures computed for these rows only); pass `next` as
            `after` for more.

        Raises:
            PermissionDenied: the role may not read residents' and landlords' data.
            BadCursor: `after` is not a cursor of this list.
        """
        self._require(Permission.READ_PERSON)
        n = self._limit(limit)
        order = PropertyOrder(order)
        fragment = query.strip()
        mine = (self.actor.role is Role.ASSISTANT) if mine_first is None else bool(mine_first)
        grid = normalise_code(grid_code) if grid_code and grid_code.strip() else None
        conds: list[ColumnElement[bool]] = [Property.deleted_at.is_(None)]
        if grid:
            conds.append(Property.grid_code == grid)
        lead: list[ColumnElement[Any]] = []
        if mine:
            lead.append(case((Property.assistant_username == self.actor.username, 0), else_=1))
        with self._write() as tx:
            s = tx.session
            if fragment:
                conds.append(_match(s, fragment))
            if landlord_late:
                conds.append(late_condition(days=deadline_days(s), today=date.today(), grid_code=grid))
            if order is PropertyOrder.CONSISTENCY:
                checks = select(
                    SpotCheck.property_id.label("pid"),
                    (func.sum(case((SpotCheck.result == SpotCheckResult.CONSISTENT.value, 1.0), else_=0.0))
                     / func.count()).label("rate"),
                ).where(SpotCheck.deleted_at.is_(None))
                if grid:
                    checks = checks.where(
                        SpotCheck.property_id.in_(select(Property.id).where(Property.grid_code == grid))
                    )
                rates = checks.group_by(SpotCheck.property_id).subquery()
                lead.append(func.coalesce(rates.c.rate, literal(2.0)))
                stmt = select(Property, *lead).outerjoin(rates, rates.c.pid == Property.id)
            else:
                stmt = select(Property, *lead)
            keys = [*lead, Property.address, Property.id]
            key = _decode_key(after, len(keys))
            if key is not None:
                conds.append(tuple_(*keys) > tuple_(*key))
            found = s.execute(stmt.where(*conds).order_by(*keys).limit(n + 1)).all()
            page = found[:n]
            stats = _stats(s, [r[0].id for r in page], date.today())
            rows = tuple(_property_row(r[0], stats) for r in page)
            tx.audit("property.search", details=json.dumps(
                {"kind": QueryKind.ADDRESS.value if fragment else QueryKind.BROWSE.value,
                 "query": mask_query(QueryKind.ADDRESS, fragment), "grid": grid, "order": order.value,
                 "landlord_late": landlord_late,
                 "page": "next" if after else "first", "rows": len(rows)},
                ensure_ascii=False,
            ))
        nxt = None
        if len(found) > n:
            last = page[-1]
            nxt = json.dumps([*last[1:], last[0].address, last[0].id], ensure_ascii=False)
        return Page(rows, nxt)

    def property_rows(self, ids: Sequence[str]) -> dict[str, PropertyRow]:
        """List rows for `ids` (a table's cache refresh after a write); deleted properties are absent.

        Raises:
            PermissionDenied: the role may not read residents' and landlords' data.
            ValidationError: more ids than `max_page(role)`.
        """
        self._require(Permission.READ_PERSON)
        if len(ids) > self._limit(len(ids)):
            raise ValidationError([Problem("ids", "invalid", QT_TRANSLATE_NOOP(
                "storage", "at most {limit} rows at a time").format(limit=self._limit(len(ids))))])
        with self._write() as tx:
            s = tx.session
            props = list(s.execute(
                select(Property).where(Property.id.in_(list(ids)), Property.deleted_at.is_(None))
            ).scalars())
            stats = _stats(s, [p.id for p in props], date.today())
            tx.audit("property.rows", details=json.dumps({"rows": len(props)}))
            return {p.id: _property_row(p, stats) for p in props}

    def get_property(self, property_id: str) -> PropertyDetail:
        """A property with its four parties in full (landlord's ID number unmasked), its rooms as
        tiles (`RoomRow`), resident and binding counts and its consistency rate. Audited.

        Raises:
            PermissionDenied: the role may not read residents' and landlords' data.
            NotFound: no such property (or deleted).
        """
        self._require(Permission.READ_PERSON)
        today = date.today()
        with self._write() as tx:
            s = tx.session
            p = tx.load(Property, property_id)
            residents = int(s.execute(
                select(func.count()).select_from(Person)
                .where(Person.property_id == property_id, Person.deleted_at.is_(None))
            ).scalar_one())
            rooms = _rooms(s, property_id, today)
            stats = _stats(s, [property_id], today)
            assistant_name = None
            if p.assistant_username:
                assistant_name = s.execute(
                    select(Operator.display_name).where(Operator.username == p.assistant_username)
                ).scalar_one_or_none()
            tx.audit("property.read", target_type="property", target_id=property_id)
            _n, bound, last, rate = stats.get(property_id, (0, 0, None, Rate(0, 0)))
            return PropertyDetail(
                id=p.id, version=p.version, address=p.address, grid_code=p.grid_code, kind=PropertyKind(p.kind),
                landlord_name=p.landlord_name, landlord_phone=p.landlord_phone,
                landlord_id_number=p.landlord_id_number, manager_name=p.manager_name,
                manager_phone=p.manager_phone, residents=residents, rooms=rooms,
                assistant_username=p.assistant_username, assistant_name=assistant_name,
                district_code=p.district_code, bound_now=bound, last_spot_check=last, consistency=rate,
            )

    def rooms(self, property_id: str) -> tuple[RoomRow, ...]:
        """The live rooms of a property, by label, as tiles (occupants, declared, verified). Audited.

        Raises:
            PermissionDenied: the role may not read residents' data.
            NotFound: no such property (or deleted).
        """
        self._require(Permission.READ_PERSON)
        with self._write() as tx:
            tx.load(Property, property_id)
            rooms = _rooms(tx.session, property_id, date.today())
            tx.audit("room.list", target_type="property", target_id=property_id,
                     details=json.dumps({"rows": len(rooms)}))
            return rooms

    def room_tenancies(self, room_id: str) -> tuple[RoomTenancy, ...]:
        """Who is bound to a room now and who was before: the bindings running today first (by start,
        newest first), then the others (future and ended, newest start first). Each names its
        overlapping bindings in other rooms. ID numbers masked. Audited (who saw who lives where).

        Raises:
            PermissionDenied: the role may not read residents' data.
            NotFound: no such room (or removed).
        """
        self._require(Permission.READ_PERSON)
        today = date.today()
        with self._write() as tx:
            s = tx.session
            tx.load(Room, room_id)
            rows = s.execute(
                select(Tenancy, Person.name)
                .join(Person, Person.id == Tenancy.person_id)
                .where(Tenancy.room_id == room_id, Tenancy.deleted_at.is_(None))
                .order_by(Tenancy.start_date.desc(), Tenancy.created_at.desc())
            ).all()
            person_ids = sorted({t.person_id for t, _n in rows})
            numbers = _first_numbers(s, person_ids)
            overlaps = _overlaps(s, [(t.id, t.person_id, t.room_id, t.start_date, t.end_date) for t, _n in rows])
            out = [
                RoomTenancy(
                    id=t.id, version=t.version, room_id=t.room_id, person_id=t.person_id, person_name=name,
                    id_number_masked=mask_number(numbers.get(t.person_id)), start_date=t.start_date,
                    end_date=t.end_date, relation=TenancyRelation(t.relation), source=TenancySource(t.source),
                    created_by=t.created_by, overlaps=overlaps.get(t.id, ()),
                )
                for t, name in rows
            ]
            out.sort(key=lambda r: 0 if r.current(today) else 1)  # stable: newest start first within each
            tx.audit("room.tenancies", target_type="room", target_id=room_id,
                     details=json.dumps({"rows": len(out)}))
            return tuple(out)

    def assistants(self) -> tuple[AssistantRow, ...]:
        """The station's enabled assistants (协管员), by user name: whom a property may be bound to.

        Raises:
            PermissionDenied: the role may not read residents' data.
        """
        self._require(Permission.READ_PERSON)
        with self.db.read() as s:
            rows = s.execute(
                select(Operator.username, Operator.display_name)
                .where(Operator.role == Role.ASSISTANT.value, Operator.disabled.is_(False))
                .order_by(Operator.username)
            ).all()
        return tuple(AssistantRow(u, d) for u, d in rows)

    # ---- writes: properties ----------------------------------------------------------------
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
        assistant_username: str | None = None,
        district_code: str | None = None,
    ) -> Changes:
        """A new rental property (出租屋) with its four parties: landlord (业主), property-management
        company (物管单位: `manager_*`), assistant (协管员: an assistant's user name) and police
        district (警区: `district_code`). Empty texts are stored as not set. `changes.id` is its id.

        Raises:
            PermissionDenied: the role may not manage properties.
            ValidationError: every problem by field (`domain.housing.validate_property`; an
                `assistant_username` that is not an enabled assistant of this station).
        """
        self._require(Permission.MANAGE_PROPERTY)
        problems = validate_property(
            address=address, grid_code=grid_code, landlord_name=landlord_name, landlord_phone=landlord_phone,
            landlord_id_number=landlord_id_number, manager_name=manager_name, manager_phone=manager_phone,
            district_code=district_code,
        )
        raise_problems(problems)
        assistant = _blank_to_none(assistant_username)
        with self._write() as tx:
            raise_problems(_assistant_problems(tx.session, assistant))
            tx.create(
                Property(
                    address=address.strip(),
                    grid_code=normalise_code(grid_code),
                    kind=PropertyKind(kind).value,
                    landlord_name=_blank_to_none(landlord_name),
                    landlord_phone=_opt(normalise_mobile, landlord_phone),
                    landlord_id_number=_opt(normalise_id_number, landlord_id_number),
                    manager_name=_blank_to_none(manager_name),
                    manager_phone=_opt(normalise_mobile, manager_phone),
                    assistant_username=assistant,
                    district_code=_opt(normalise_code, district_code),
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
        assistant_username: str | Unset | None = UNSET,
        district_code: str | Unset | None = UNSET,
    ) -> Changes:
        """Change the given fields of a property (UNSET: leave as is; None or "": clear). Returns
        empty `Changes` when every value was already equal.

        Raises:
            PermissionDenied: the role may not manage properties.
            ValidationError: every problem by field (as `create_property`).
            NotFound: the property was deleted.
            Conflict: it changed since `base_version`.
        """
        self._require(Permission.MANAGE_PROPERTY)
        given: dict[str, Any] = {
            k: v
            for k, v in {
                "address": address, "grid_code": grid_code, "kind": kind, "landlord_name": landlord_name,
                "landlord_phone": landlord_phone, "landlord_id_number": landlord_id_number,
                "manager_name": manager_name, "manager_phone": manager_phone,
                "assistant_username": assistant_username, "district_code": district_code,
            }.items()
            if v is not UNSET
        }
        checked: dict[str, str | None] = {}
        for k, v in given.items():
            if k in ("address", "grid_code"):
                checked[k] = str(v)  # given: required ("" is a problem)
            elif k not in ("kind", "assistant_username"):
                checked[k] = _blank_to_none(v)
        raise_problems(validate_property(partial=True, **checked))
        normalisers: dict[str, Callable[[str], str]] = {
            "landlord_phone": normalise_mobile, "manager_phone": normalise_mobile,
            "landlord_id_number": normalise_id_number, "district_code": normalise_code,
        }
        values: dict[str, Any] = {}
        for k, v in given.items():
            if k == "kind":
                values[k] = PropertyKind(v).value
            elif k == "address":
                values[k] = str(v).strip()
            elif k == "grid_code":
                values[k] = normalise_code(str(v))
            else:
                values[k] = _opt(normalisers.get(k, str.strip), v)
        with self._write() as tx:
            record = tx.load(Property, property_id, base_version)
            if values.get("assistant_username") is not None and values["assistant_username"] != (
                record.assistant_username
            ):
                raise_problems(_assistant_problems(tx.session, values["assistant_username"]))
            tx.update(record, values)
            return tx.changes

    # ---- writes: rooms ---------------------------------------------------------------------
    def add_room(self, property_id: str, *, label: str, capacity: int | None = None) -> Changes:
        """A room of a property. `changes.id` is its id.

        Raises:
            PermissionDenied: the role may not manage properties.
            ValidationError: no label, a label another live room of the property has, a capacity
                below 1 (or above 500).
            NotFound: the property was deleted.
        """
        self._require(Permission.MANAGE_PROPERTY)
        raise_problems(validate_room(label=label, capacity=capacity))
        with self._write() as tx:
            tx.load(Property, property_id)
            raise_problems(_label_problems(tx.session, property_id, label.strip(), None))
            tx.create(Room(property_id=property_id, label=label.strip(), capacity=capacity))
            return tx.changes

    def rename_room(
        self, room_id: str, *, base_version: int, label: str, capacity: int | Unset | None = UNSET
    ) -> Changes:
        """Give a room another label (and, when given, another capacity; None: not set).

        Raises:
            PermissionDenied: the role may not manage properties.
            ValidationError: no label, a label another live room of the property has, a bad capacity.
            NotFound: the room was removed.
            Conflict: it changed since `base_version`.
        """
        self._require(Permission.MANAGE_PROPERTY)
        cap = None if isinstance(capacity, Unset) else capacity
        raise_problems(validate_room(label=label, capacity=cap))
        values: dict[str, Any] = {"label": label.strip()}
        if not isinstance(capacity, Unset):
            values["capacity"] = capacity
        with self._write() as tx:
            room = tx.load(Room, room_id, base_version)
            raise_problems(_label_problems(tx.session, room.property_id, label.strip(), room.id))
            old = room.label
            tx.update(room, values, details=f"room {old} -> {label.strip()}" if old != label.strip() else "")
            return tx.changes

    def remove_room(self, room_id: str, *, base_version: int) -> Changes:
        """Remove a room (a tombstone that syncs). Its past bindings stay in the history.

        Raises:
            PermissionDenied: the role may not manage properties.
            RoomOccupied: someone is bound to it now or from a later date (end or move them first).
            NotFound: the room was removed already.
            Conflict: it changed since `base_version`.
        """
        self._require(Permission.MANAGE_PROPERTY)
        today = date.today()
        with self._write() as tx:
            room = tx.load(Room, room_id, base_version)
            tenants = int(tx.session.execute(
                select(func.count(func.distinct(Tenancy.person_id))).where(
                    Tenancy.room_id == room_id, Tenancy.deleted_at.is_(None),
                    Tenancy.end_date.is_(None) | (Tenancy.end_date > today),
                )
            ).scalar_one())
            if tenants:
                raise RoomOccupied(room.label, tenants)
            tx.delete(room, details=f"room {room.label}")
            return tx.changes

    # ---- writes: bindings ------------------------------------------------------------------
    def bind(
        self,
        person_id: str,
        room_id: str,
        *,
        start: date,
        end: date | None = None,
        relation: TenancyRelation = TenancyRelation.TENANT,
        source: TenancySource | None = None,
        acknowledge_overlap: bool = False,
    ) -> Changes:
        """人屋捆绑: bind a resident to a room for a period (a running one becomes their residence).

        Args:
            acknowledge_overlap: the operator confirmed that the person really lives in both rooms
                for the overlapping period (the audit row records it). Without it an overlap refuses.

        Returns:
            Changes: the tenancy (first), and the person when their current residence moved.

        Raises:
            PermissionDenied: the role may not register.
            ValidationError: the period ends before it starts.
            AlreadyBound: the person is bound to this room for an overlapping period already.
            OverlappingTenancy: bound to another room for an overlapping period (not acknowledged).
            NotFound: the person, room or property was deleted.
            RegistrationFrozen: sync's freeze rules hold registrations.
        """
        self._require(Permission.REGISTER)
        raise_problems(validate_date_range(start, end, start_field="start", end_field="end"))
        self._guard_registration("bind resident to room")
        with self._write() as tx:
            person = load_person(tx, person_id)
            room = tx.load(Room, room_id)
            others = _check_overlaps(tx.session, person_id, room, start, end, (), acknowledge_overlap)
            t = bind(tx, person, room_id, start=start, end=end, relation=relation,
                     source=source or self._default_source())
            if others:
                _audit_overlap(tx, t.id, others)
            return tx.changes

    def end_tenancy(self, tenancy_id: str, *, base_version: int, end: date) -> Changes:
        """End a binding: `end` is the move-out day, the first day the person no longer lives in the
        room (bindings are half-open ``[start, end)``, `domain.housing.running_on`). Ended with today,
        the binding is no longer current today: the room, the property's count, the visit sheet and
        the spot check stop listing the person at once. When the person's current residence was this
        binding's property, it moves to their remaining running binding, or is cleared
        (`storage.areas.residents.settle_residence`).

        Returns:
            Changes: the binding, and the person when their current residence changed.

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
            if not running_on(t.start_date, end, date.today()):
                settle_residence(tx, load_person(tx, t.person_id), date.today())
            return tx.changes

    def move_tenant(
        self,
        tenancy_id: str,
        *,
        base_version: int,
        room_id: str,
        on: date,
        acknowledge_overlap: bool = False,
    ) -> Changes:
        """Move a tenant to another room in one step: the binding `tenancy_id` ends and a binding to
        `room_id` starts on `on`, in ONE transaction (both with outbox and audit rows, and a
        ``tenancy.move`` audit row linking them). The old binding's move-out day (`end_date`) is `on`
        itself, the new one's start (half-open periods, `domain.housing.running_on`): from `on` on
        the person is current in the new room only, even when moved on the day of moving in. The new
        one keeps the old one's relation and a planned end that lies after `on`.

        Returns:
            Changes: the ended binding first, then the new one (and the person, when their residence
            moved to another property).

        Raises:
            PermissionDenied: the role may not register.
            ValidationError: the same room; `on` before the binding started or after it ended.
            OverlappingTenancy: the person is bound elsewhere for an overlapping period (not acknowledged).
            AlreadyBound: already bound to `room_id` for an overlapping period.
            NotFound, Conflict: the binding, room or person vanished or changed meanwhile.
            RegistrationFrozen: sync's freeze rules hold registrations.
        """
        self._require(Permission.REGISTER)
        self._guard_registration("move tenant to another room")
        with self._write() as tx:
            t = tx.load(Tenancy, tenancy_id, base_version)
            problems: Problems = []
            if t.room_id == room_id:
                problems.append(Problem("room_id", "same_room", QT_TRANSLATE_NOOP(
                    "storage", "choose another room: the person is bound to this one")))
            if on < t.start_date:
                problems.append(Problem("on", "before_start", QT_TRANSLATE_NOOP(
                    "storage", "the move cannot be before the binding started ({start})").format(
                        start=t.start_date.isoformat())))
            elif t.end_date is not None and on > t.end_date:
                problems.append(Problem("on", "ended", QT_TRANSLATE_NOOP(
                    "storage", "this binding ended on {end}: bind the person to the new room instead").format(
                        end=t.end_date.isoformat())))
            raise_problems(problems)
            person = load_person(tx, t.person_id)
            old_room = tx.load(Room, t.room_id)
            new_room = tx.load(Room, room_id)
            planned_end = t.end_date if t.end_date is not None and t.end_date > on else None
            others = _check_overlaps(tx.session, t.person_id, new_room, on, planned_end, (t.id,),
                                     acknowledge_overlap)
            tx.update(t, {"end_date": on}, details=f"changed: end_date; moved to room {new_room.label}")
            new = bind(tx, person, room_id, start=on, end=planned_end, relation=TenancyRelation(t.relation),
                       source=self._default_source())
            tx.audit("tenancy.move", target_type="tenancy", target_id=new.id, details=json.dumps(
                {"from_tenancy": t.id, "from_room": old_room.label, "to_room": new_room.label,
                 "on": on.isoformat()}, ensure_ascii=False))
            if others:
                _audit_overlap(tx, new.id, others)
            return tx.changes

    # ---- writes: declarations and spot checks ----------------------------------------------
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




def _match(s: Session, fragment: str) -> ColumnElement[bool]:
    """Properties whose address, landlord's name or landlord's mobile holds `fragment`, or whose
    pinyin keys do (`storage.search.property_pinyin_ids`: the address's or the landlord's pinyin,
    the landlord's initials)."""
    alternatives: list[ColumnElement[bool]] = [Property.landlord_name.contains(fragment, autoescape=True)]
    if len(fragment) >= 3:
        phrase = '"' + fragment.replace('"', '""') + '"'
        ids = s.execute(
            text(
                "SELECT p.id FROM property_fts f JOIN property p ON p.rowid = f.rowid "
                "WHERE property_fts MATCH :q LIMIT 2000"
            ),
            {"q": phrase},
        ).scalars().all()
        alternatives.append(Property.id.in_(ids))
    else:
        alternatives.append(Property.address.contains(fragment, autoescape=True))
    pinyin = property_pinyin_ids(s, fragment)  # "xingfu", "duxiaoming", "dxm": None when not pinyin
    if pinyin:
        alternatives.append(Property.id.in_(pinyin))
    digits = fragment.replace(" ", "").replace("-", "")
    if len(digits) >= 4 and digits.isascii() and digits.isdigit():
        alternatives.append(Property.landlord_phone.contains(digits, autoescape=True))
    return or_(*alternatives)


Stats = dict[str, tuple[int, int, datetime | None, Rate]]


def _stats(s: Session, ids: Sequence[str], today: date) -> Stats:
    """Per property among `ids`: (live rooms, people bound today, last spot check, consistency rate)."""
    if not ids:
        return {}
    ids = list(ids)
    rooms = dict(s.execute(
        select(Room.property_id, func.count())
        .where(Room.property_id.in_(ids), Room.deleted_at.is_(None))
        .group_by(Room.property_id)
    ).all())
    bound = dict(s.execute(
        select(Room.property_id, func.count(func.distinct(Tenancy.person_id)))
        .join(Tenancy, Tenancy.room_id == Room.id)
        .where(Room.property_id.in_(ids), Room.deleted_at.is_(None), _running(today))
        .group_by(Room.property_id)
    ).all())
    last = dict(s.execute(
        select(SpotCheck.property_id, func.max(SpotCheck.checked_at))
        .where(SpotCheck.property_id.in_(ids), SpotCheck.deleted_at.is_(None))
        .group_by(SpotCheck.property_id)
    ).all())
    rates = consistency_for_properties(s, ids)
    return {
        i: (int(rooms.get(i, 0)), int(bound.get(i, 0)), last.get(i), rates.get(i, Rate(0, 0)))
        for i in ids
    }


def _property_row(p: Property, stats: Stats | None = None) -> PropertyRow:
    n_rooms, bound, last, rate = (stats or {}).get(p.id, (0, 0, None, Rate(0, 0)))
    return PropertyRow(
        id=p.id, version=p.version, address=p.address, grid_code=p.grid_code, kind=PropertyKind(p.kind),
        landlord_name=p.landlord_name, landlord_phone=p.landlord_phone,
        landlord_id_number_masked=mask_number(p.landlord_id_number), manager_name=p.manager_name,
        manager_phone=p.manager_phone, assistant_username=p.assistant_username, district_code=p.district_code,
        rooms=n_rooms, bound_now=bound, last_spot_check=last, consistency=rate,
    )


def _rooms(s: Session, property_id: str, today: date) -> tuple[RoomRow, ...]:
    """The live rooms of a property as tiles (see `RoomRow`), by label."""
    rooms = s.execute(
        select(Room.id, Room.version, Room.label, Room.capacity)
        .where(Room.property_id == property_id, Room.deleted_at.is_(None))
        .order_by(Room.label, Room.id)
    ).all()
    if not rooms:
        return ()
    room_ids = [r[0] for r in rooms]
    current = []
    recorded: dict[str, datetime] = {}  # when each current binding was recorded
    from_declaration: set[str] = set()  # rooms with someone bound from a landlord's declaration
    for tid, person, room, start, end, source, created in s.execute(
        select(Tenancy.id, Tenancy.person_id, Tenancy.room_id, Tenancy.start_date, Tenancy.end_date, Tenancy.source,
               Tenancy.created_at)
        .where(Tenancy.room_id.in_(room_ids), _running(today))
    ):
        current.append((tid, person, room, start, end))
        recorded[tid] = created
        if source == TenancySource.LANDLORD_DECLARATION.value:
            from_declaration.add(room)
    by_room: dict[str, list[tuple[str, str, str, date, date | None]]] = {}
    for row in current:
        by_room.setdefault(row[2], []).append(row)
    declared_labels: set[str] = set()
    for entries in s.execute(
        select(Declaration.entries).where(Declaration.property_id == property_id, Declaration.deleted_at.is_(None))
    ).scalars():
        for e in entries or []:
            if isinstance(e, Mapping) and str(e.get("room") or "").strip():
                declared_labels.add(str(e["room"]).strip())
    # the last move-out day of each room (bindings ended on or before today; `[start, end)`) and when
    # the latest of those endings was recorded
    moved_out: dict[str, tuple[date, datetime]] = {}
    for room, left, updated in s.execute(
        select(Tenancy.room_id, Tenancy.end_date, Tenancy.updated_at)
        .where(Tenancy.room_id.in_(room_ids), Tenancy.deleted_at.is_(None), Tenancy.end_date.is_not(None),
               Tenancy.end_date <= today)
    ):
        if left is None:
            continue
        was = moved_out.get(room)
        moved_out[room] = (max(was[0], left), max(was[1], updated)) if was else (left, updated)
    checks = [
        CheckSeen(at=at, consistent=result == SpotCheckResult.CONSISTENT.value, tenancy_id=tid, room_id=room)
        for tid, at, result, room in s.execute(
            select(SpotCheck.tenancy_id, SpotCheck.checked_at, SpotCheck.result, SpotCheck.room_id)
            .where(SpotCheck.property_id == property_id, SpotCheck.deleted_at.is_(None))
        )
    ]
    overlaps = _overlaps(s, current)
    out = []
    for rid, version, label, capacity in rooms:
        running = by_room.get(rid, [])
        vacated = moved_out.get(rid)
        verified = room_verified(
            rid, [Occupant(r[0], r[3], recorded[r[0]]) for r in running], checks,
            vacated=vacated[0] if vacated else None, vacated_recorded=vacated[1] if vacated else None,
        )
        out.append(RoomRow(
            id=rid, version=version, property_id=property_id, label=label, capacity=capacity,
            occupants=len({r[1] for r in running}),
            declared=label.strip() in declared_labels or rid in from_declaration, verified=verified,
            overlaps=len({r[1] for r in running if overlaps.get(r[0])}),
        ))
    return tuple(out)


def _first_numbers(s: Session, person_ids: Sequence[str]) -> dict[str, str]:
    """The first (oldest) live document number of each person."""
    if not person_ids:
        return {}
    out: dict[str, str] = {}
    for pid, number in s.execute(
        select(IdentityDocumentRow.person_id, IdentityDocumentRow.number)
        .where(IdentityDocumentRow.person_id.in_(list(person_ids)), IdentityDocumentRow.deleted_at.is_(None))
        .order_by(IdentityDocumentRow.created_at, IdentityDocumentRow.id)
    ):
        out.setdefault(pid, number)
    return out


def _overlaps(
    s: Session, tenancies: Sequence[tuple[str, str, str, date, date | None]]
) -> dict[str, tuple[TenancyOverlap, ...]]:
    """For bindings (id, person, room, start, end): the person's live bindings in OTHER rooms whose
    period overlaps (`periods_overlap`), by binding id (absent: none)."""
    if not tenancies:
        return {}
    persons = sorted({t[1] for t in tenancies})
    others = s.execute(
        select(Tenancy.id, Tenancy.version, Tenancy.person_id, Tenancy.room_id, Tenancy.start_date,
               Tenancy.end_date, Room.label, Property.id, Property.address)
        .join(Room, Room.id == Tenancy.room_id)
        .join(Property, Property.id == Room.property_id)
        .where(Tenancy.person_id.in_(persons), Tenancy.deleted_at.is_(None))
    ).all()
    by_person: dict[str, list[Any]] = {}
    for o in others:
        by_person.setdefault(o[2], []).append(o)
    out: dict[str, tuple[TenancyOverlap, ...]] = {}
    for tid, person, room, start, end in tenancies:
        found = tuple(
            TenancyOverlap(tenancy_id=o[0], version=o[1], room_id=o[3], room_label=o[6], property_id=o[7],
                           address=o[8], start_date=o[4], end_date=o[5])
            for o in by_person.get(person, [])
            if o[0] != tid and o[3] != room and periods_overlap(start, end, o[4], o[5])
        )
        if found:
            out[tid] = found
    return out


def _check_overlaps(
    s: Session, person_id: str, room: Room, start: date, end: date | None, exclude: Iterable[str],
    acknowledged: bool,
) -> tuple[TenancyOverlap, ...]:
    """The person's live bindings that the period [start, end] in `room` would overlap.

    Raises:
        AlreadyBound: one of them is in `room` itself.
        OverlappingTenancy: some are in other rooms and the operator has not acknowledged them.
    """
    skip = set(exclude)
    rows = s.execute(
        select(Tenancy.id, Tenancy.version, Tenancy.room_id, Tenancy.start_date, Tenancy.end_date, Room.label,
               Property.id, Property.address)
        .join(Room, Room.id == Tenancy.room_id)
        .join(Property, Property.id == Room.property_id)
        .where(Tenancy.person_id == person_id, Tenancy.deleted_at.is_(None))
        .order_by(Tenancy.start_date)
    ).all()
    clashing = [r for r in rows if r[0] not in skip and periods_overlap(start, end, r[3], r[4])]
    same = [r for r in clashing if r[2] == room.id]
    if same:
        raise AlreadyBound(room.label, same[0][3])
    found = tuple(
        TenancyOverlap(tenancy_id=r[0], version=r[1], room_id=r[2], room_label=r[5], property_id=r[6],
                       address=r[7], start_date=r[3], end_date=r[4])
        for r in clashing
    )
    if found and not acknowledged:
        raise OverlappingTenancy(found)
    return found


def _audit_overlap(tx: Transaction, tenancy_id: str, others: Sequence[TenancyOverlap]) -> None:
    tx.audit("tenancy.overlap_acknowledged", target_type="tenancy", target_id=tenancy_id, details=json.dumps(
        {"overlaps": [{"tenancy": o.tenancy_id, "room": o.room_label, "property": o.property_id} for o in others]},
        ensure_ascii=False,
    ))


def _assistant_problems(s: Session, username: str | None) -> Problems:
    """A problem unless `username` (when set) is an enabled assistant of this station."""
    if username is None:
        return []
    role = s.execute(
        select(Operator.role).where(Operator.username == username, Operator.disabled.is_(False))
    ).scalar_one_or_none()
    if role != Role.ASSISTANT.value:
        return [Problem("assistant_username", "invalid", QT_TRANSLATE_NOOP(
            "storage", "choose one of this station's assistants"))]
    return []


def _label_problems(s: Session, property_id: str, label: str, room_id: str | None) -> Problems:
    """A problem when another live room of the property has `label` already."""
    clash = s.execute(
        select(Room.id).where(
            Room.property_id == property_id, Room.label == label, Room.deleted_at.is_(None),
            Room.id != (room_id or ""),
        ).limit(1)
    ).scalar_one_or_none()
    if clash is not None:
        return [Problem("label", "duplicate", QT_TRANSLATE_NOOP(
            "storage", "this property has a room {label} already").format(label=label))]
    return []


def _decode_key(after: str | None, size: int) -> list[Any] | None:
    """The sort key of the last row of the previous page (`size` values: the lead keys, address, id)."""
    if after is None:
        return None
    try:
        key = json.loads(after)
    except (ValueError, TypeError):
        raise BadCursor() from None
    if not (isinstance(key, list) and len(key) == size and all(isinstance(k, str) for k in key[-2:])
            and all(isinstance(k, int | float) and not isinstance(k, bool) for k in key[:-2])):
        raise BadCursor()
    return key
