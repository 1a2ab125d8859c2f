"""Landlord declarations against the record, spot checks of a visit, visit sheets (issue 11 items 4–6).

Mixed into `Housing` (reached as `desk.housing`):

    overdue_tenancies(*, property_id=None, grid_code=None, today=None, limit=…) -> tuple[OverdueTenancy, ...]
    late_properties(*, grid_code=None, today=None, limit=…) -> tuple[LateProperty, ...]
    declaration_comparison(property_id, *, today=None) -> DeclarationComparison
    record_visit(property_id, *, findings, checked_at=None) -> Changes
    consistency(*, property_id=None, grid_code=None) -> Consistency
    occupants(property_id, *, today=None) -> SheetProperty
    visit_sheet(*, property_id=None, grid_code=None, today=None, limit=…) -> VisitSheet
    monthly_round(grid_code, *, today=None, limit=…, printing=False) -> VisitSheet
    sheet_printed(sheet) -> None

Audit actions of the sheets: ``visit_sheet.print`` when a sheet is read to be printed (or a sheet
read before is printed: `sheet_printed`), ``monthly_round.read`` when a grid's round is only listed
on screen. Both are reads of personal data (the audit viewer's "read" kind).

The overdue rule (业主申报时限). The duty: 公安部《租赁房屋治安管理规定》(1995) article 7 makes
the lessor register the tenant's identity and report it to the police (the 公安派出所); the number
of days he has is set locally (local rules on rental housing and 流动人口 registration), kept here as
the station setting `declaration_deadline_days` (default 3, from the day the tenant moved in; an
administrator sets 1–30 in `storage.policy`). The "late landlords" list is for following up the
people living there now, so a binding is overdue when it:

* was recorded by an officer or an assistant (its `source`; a binding recorded from a landlord's
  declaration is never overdue),
* is running today (not ended: `end_date`, the move-out day, is empty or after today,
  `domain.housing.running_on`; an ended stay that was never declared is history, not a follow-up:
  `declaration_comparison` still shows it, as `Agreement.NEVER_DECLARED`),
* started more than N days ago (`start_date + N days` has passed), and
* no declaration of that property names the person, counting declarations dated from
  `start_date - N days` on (an older one is about an earlier stay). An entry names the person by one
  of their document numbers, or by name when the entry gives no number.

Entering the declaration, even late, ends the overdue state; so does ending the binding.

Speed: only staff-recorded live bindings can be overdue. `schema.StaffBinding` (migration 0013)
holds one small row for each, kept by triggers in every write's transaction: its property, its
dates and the date of the latest declaration naming the person, so the rule above is one row's test
(`_overdue_condition`) and every overdue read here starts from that table (see `landlord_late`).
Its matching is the SQL of migration 0013; `declaration_comparison` applies the same rule in Python.

Every read of personal data here is audited; ID numbers leave masked (`storage.masking`).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from workstation.domain.enums import SpotCheckResult, TenancyRelation, TenancySource
from workstation.domain.housing import running_on
from workstation.domain.permissions import Permission
from workstation.domain.validation import Problems, normalise_id_number
from workstation.errors import Problem, ValidationError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import metrics
from workstation.storage import settings as station_settings
from workstation.storage.areas.base import Area, Changes, Transaction, raise_problems
from workstation.storage.areas.residents import running_sql
from workstation.storage.masking import mask_number
from workstation.storage.metrics import Rate
from workstation.storage.schema import (
    Declaration,
    IdentityDocumentRow,
    Person,
    Property,
    Room,
    SpotCheck,
    StaffBinding,
    Tenancy,
    utcnow,
)

DEADLINE_SETTING = "declaration_deadline_days"
RECORDED_BY_STAFF = (TenancySource.OFFICER.value, TenancySource.ASSISTANT.value)


# ---- results ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OverdueTenancy:
    """A binding whose landlord has not declared the tenant in time. `due_date` is the last day the
    declaration was on time (start_date + the deadline)."""

    tenancy_id: str
    person_id: str
    person_name: str
    property_id: str
    address: str
    grid_code: str
    room_label: str
    start_date: date
    due_date: date
    source: TenancySource


@dataclass(frozen=True)
class LateProperty:
    """A property whose landlord is late: how many bindings are overdue, and the earliest due date."""

    property_id: str
    address: str
    grid_code: str
    landlord_name: str | None
    overdue: int
    oldest_due: date


class Agreement(enum.StrEnum):
    """How one line of a declaration compares with the record."""

    SAME = "same"  # declared in the room where the binding is recorded
    OTHER_ROOM = "other_room"  # declared, but in another room
    FROM_DECLARATION = "from_declaration"  # the binding was itself recorded from a declaration
    PENDING = "pending"  # recorded, not declared yet, still within the deadline
    OVERDUE = "overdue"  # recorded, not declared, deadline passed
    NOT_RECORDED = "not_recorded"  # declared, nobody of that name/number bound here
    MOVED_OUT = "moved_out"  # declared, their binding here has ended
    NEVER_DECLARED = "never_declared"  # recorded by staff, ended, never declared (history, not overdue)

    @property
    def differs(self) -> bool:
        """A difference an officer should look at (highlighted on screen)."""
        return self in (Agreement.OTHER_ROOM, Agreement.OVERDUE, Agreement.NOT_RECORDED, Agreement.PENDING)


@dataclass(frozen=True)
class ComparisonLine:
    """One person: what the landlord declared (declared_*) beside what is recorded (recorded_*)."""

    agreement: Agreement
    name: str
    id_number_masked: str | None
    declared_room: str | None
    declared_since: date | None
    declared_on: date | None
    recorded_room: str | None
    recorded_since: date | None
    tenancy_id: str | None
    due_date: date | None  # recorded lines: the last day a declaration was on time


@dataclass(frozen=True)
class DeclarationInfo:
    id: str
    declared_on: date
    declarant_name: str
    declarant_phone: str | None
    entries: int


@dataclass(frozen=True)
class DeclarationComparison:
    property_id: str
    address: str
    grid_code: str
    landlord_name: str | None
    deadline_days: int
    lines: tuple[ComparisonLine, ...]  # recorded people (by room), ended never-declared ones, declared-only ones
    declarations: tuple[DeclarationInfo, ...]  # newest first

    @property
    def differences(self) -> int:
        return sum(1 for line in self.lines if line.agreement.differs)


@dataclass(frozen=True)
class VisitFinding:
    """One finding of a visit: about a binding (`tenancy_id`), about a room checked on its own, such as
    an empty one (`room_id`, no `tenancy_id`), or about the property as a whole (neither). Notes are
    required unless the finding is CONSISTENT. A binding's finding is stored with its room too."""

    result: SpotCheckResult
    tenancy_id: str | None = None
    notes: str | None = None
    room_id: str | None = None


@dataclass(frozen=True)
class Consistency:
    """一致率 (consistent spot checks / all spot checks, `storage.metrics`): of a property, of a grid
    and of the station. None where not asked for."""

    property: Rate | None
    grid: Rate | None
    station: Rate


@dataclass(frozen=True)
class SheetPerson:
    tenancy_id: str
    person_id: str
    name: str
    id_number_masked: str | None
    since: date
    relation: TenancyRelation


@dataclass(frozen=True)
class SheetRoom:
    room_id: str
    label: str
    capacity: int | None
    people: tuple[SheetPerson, ...]


@dataclass(frozen=True)
class SheetProperty:
    property_id: str
    address: str
    grid_code: str
    landlord_name: str | None
    landlord_phone: str | None
    last_check: datetime | None  # UTC, naive
    rooms: tuple[SheetRoom, ...]


@dataclass(frozen=True)
class VisitSheet:
    """What a printed visit sheet lists: properties (by address), their rooms (by label) and the people
    bound to each today, ID numbers masked. `month` is set for a monthly round (its first day);
    `truncated` when more properties matched than one read may return."""

    grid_code: str | None
    month: date | None
    generated_at: datetime  # UTC, naive
    generated_by: str
    properties: tuple[SheetProperty, ...]
    truncated: bool = False


# ---- the area ----------------------------------------------------------------------------------------
class HousingChecks(Area):
    """Declarations, overdue bindings, visits, consistency and visit sheets (see the module docstring)."""

    # ---- declarations and the deadline ------------------------------------------------------------
    def overdue_tenancies(
        self,
        *,
        property_id: str | None = None,
        grid_code: str | None = None,
        today: date | None = None,
        limit: int = 200,
    ) -> tuple[OverdueTenancy, ...]:
        """Bindings whose landlord declaration is overdue (the rule in the module docstring), oldest
        due date first; of one property, one grid, or the station. Audited.

        Args:
            today: the day to judge on (default: today).
            limit: at most this many (clamped to the role's page size).

        Raises:
            PermissionDenied: the role may not read residents' data.
        """
        self._require(Permission.READ_PERSON)
        n = self._limit(limit)
        with self._write() as tx:
            days = deadline_days(tx.session)
            rows = _overdue(tx.session, days=days, today=today or date.today(), property_id=property_id,
                            grid_code=grid_code, limit=n)
            out = tuple(
                OverdueTenancy(
                    tenancy_id=t.id, person_id=t.person_id, person_name=name, property_id=pid, address=address,
                    grid_code=grid, room_label=label, start_date=t.start_date,
                    due_date=t.start_date + timedelta(days=days), source=TenancySource(t.source),
                )
                for t, name, pid, address, grid, label in rows
            )
            tx.audit("declaration.overdue", target_type="property" if property_id else None, target_id=property_id,
                     details=json.dumps({"grid": grid_code, "rows": len(out)}))
            return out

    def late_properties(
        self, *, grid_code: str | None = None, today: date | None = None, limit: int = 200
    ) -> tuple[LateProperty, ...]:
        """Properties whose landlord is late declaring at least one binding, by address. Audited.

        Raises:
            PermissionDenied: the role may not read residents' and landlords' data.
        """
        self._require(Permission.READ_PERSON)
        n = self._limit(limit)
        with self._write() as tx:
            days = deadline_days(tx.session)
            day = today or date.today()
            # the page of properties first (the list filter's plan), then the overdue bindings of
            # those properties only, counted from `staff_binding`
            conds: list[ColumnElement[bool]] = [Property.deleted_at.is_(None),
                                                landlord_late(days=days, today=day, grid_code=grid_code)]
            if grid_code:
                conds.append(Property.grid_code == grid_code)
            props = tx.session.execute(
                select(Property.id, Property.address, Property.grid_code, Property.landlord_name)
                .where(*conds).order_by(Property.address, Property.id).limit(n)
            ).all()
            counts: dict[str, tuple[int, Any]] = {}
            ids = [p[0] for p in props]
            for i in range(0, len(ids), 900):
                for pid, c, first in tx.session.execute(
                    select(StaffBinding.property_id, func.count(), func.min(StaffBinding.start_date))
                    .where(StaffBinding.property_id.in_(ids[i:i + 900]), _overdue_condition(days=days, today=day))
                    .group_by(StaffBinding.property_id)
                ):
                    counts[pid] = (int(c), first)
            out = tuple(
                LateProperty(property_id=i, address=a, grid_code=g, landlord_name=ln, overdue=counts[i][0],
                             oldest_due=_as_date(counts[i][1]) + timedelta(days=days))
                for i, a, g, ln in props if i in counts
            )
            tx.audit("declaration.late_properties", details=json.dumps({"grid": grid_code, "rows": len(out)}))
            return out

    def late_property_ids(self, property_ids: Sequence[str], *, today: date | None = None) -> frozenset[str]:
        """Which of `property_ids` have a landlord late declaring (for marking rows of a list). Not
        audited separately: it reveals no personal data beyond the list the caller already read.

        Raises:
            PermissionDenied: the role may not read residents' data.
        """
        self._require(Permission.READ_PERSON)
        ids = list(dict.fromkeys(property_ids))[: self._limit(10_000)]
        if not ids:
            return frozenset()
        with self.db.read() as s:
            days = deadline_days(s)
            late = _overdue_condition(days=days, today=today or date.today())
            found = s.execute(
                select(StaffBinding.property_id).distinct()
                .where(StaffBinding.property_id.in_(ids), late)
            ).scalars().all()
            return frozenset(found)

    def declaration_comparison(self, property_id: str, *, today: date | None = None) -> DeclarationComparison:
        """What the landlord declared for a property beside the bindings recorded there: one line per
        person (`Agreement` says how they compare; `.differs` marks what to highlight). Audited.

        Raises:
            PermissionDenied: the role may not read residents' data.
            NotFound: no such property (or deleted).
        """
        self._require(Permission.READ_PERSON)
        day = today or date.today()
        with self._write() as tx:
            s = tx.session
            prop = tx.load(Property, property_id)
            days = deadline_days(s)
            result = _compare(s, prop, days=days, today=day)
            tx.audit("declaration.compare", target_type="property", target_id=property_id,
                     details=json.dumps({"lines": len(result.lines), "differences": result.differences}))
            return result

    # ---- spot checks ---------------------------------------------------------------------------
    def record_visit(
        self, property_id: str, *, findings: Iterable[VisitFinding], checked_at: datetime | None = None
    ) -> Changes:
        """抽查核查: every finding of one visit, as spot checks in one transaction (each with its outbox
        and audit rows). The consistency rates (`consistency`) count them at once.

        Args:
            findings: at least one; a binding at most once.
            checked_at: when the visit was made (UTC, naive; default now).

        Returns:
            Changes: one SPOT_CHECK per finding, in order.

        Raises:
            PermissionDenied: the role may not verify (an assistant enters declarations, never checks).
            ValidationError: no finding; a mismatch without notes (field ``findings[i]``); a binding
                twice or of another property.
            NotFound: the property or a binding was deleted.
        """
        self._require(Permission.VERIFY)
        items = list(findings)
        problems: Problems = []
        if not items:
            problems.append(Problem("findings", "required",
                                    QT_TRANSLATE_NOOP("storage", "record at least one finding of the visit")))
        seen: set[str] = set()
        for i, f in enumerate(items, 1):
            result = SpotCheckResult(f.result)
            if result is not SpotCheckResult.CONSISTENT and not (f.notes or "").strip():
                problems.append(
                    Problem(f"findings[{i}]", "invalid", QT_TRANSLATE_NOOP("storage", "say what did not match"))
                )
            if f.tenancy_id is not None and f.room_id is not None:
                problems.append(Problem(f"findings[{i}]", "invalid",
                                        QT_TRANSLATE_NOOP("storage", "name a person or a room, not both")))
            if f.tenancy_id is not None:
                if f.tenancy_id in seen:
                    problems.append(Problem(f"findings[{i}]", "invalid",
                                            QT_TRANSLATE_NOOP("storage", "this person is checked twice")))
                seen.add(f.tenancy_id)
        raise_problems(problems)
        when = checked_at or utcnow()
        with self._write() as tx:
            prop = tx.load(Property, property_id)
            for i, f in enumerate(items, 1):
                room_id = f.room_id
                if f.tenancy_id is not None:
                    t = tx.load(Tenancy, f.tenancy_id)
                    room_id = t.room_id
                    if tx.load(Room, t.room_id).property_id != property_id:
                        raise ValidationError([Problem(
                            f"findings[{i}]", "invalid",
                            QT_TRANSLATE_NOOP("storage", "that binding belongs to another property"))])
                elif room_id is not None and tx.load(Room, room_id).property_id != property_id:
                    raise ValidationError([Problem(
                        f"findings[{i}]", "invalid",
                        QT_TRANSLATE_NOOP("storage", "that room belongs to another property"))])
                tx.create(SpotCheck(property_id=property_id, tenancy_id=f.tenancy_id, room_id=room_id,
                                    grid_code=prop.grid_code, result=SpotCheckResult(f.result).value,
                                    notes=(f.notes or "").strip() or None, checked_at=when))
            return tx.changes

    def consistency(self, *, property_id: str | None = None, grid_code: str | None = None) -> Consistency:
        """The consistency rate (一致率) of a property, a grid and the station, as `storage.metrics`
        computes it (consistent / all spot checks). No personal data: not audited.

        Raises:
            PermissionDenied: the role may not read residents' data.
        """
        self._require(Permission.READ_PERSON)
        with self.db.read() as s:
            return Consistency(
                property=metrics.consistency_of_property(s, property_id) if property_id else None,
                grid=metrics.consistency_of_grid(s, grid_code) if grid_code else None,
                station=metrics.consistency_station(s),
            )

    # ---- visit sheets ----------------------------------------------------------------------------
    def occupants(self, property_id: str, *, today: date | None = None) -> SheetProperty:
        """A property's rooms and who is bound to each today (ID numbers masked): what a visit checks.
        Audited.

        Raises:
            PermissionDenied: the role may not read residents' data.
            NotFound: no such property (or deleted).
        """
        self._require(Permission.READ_PERSON)
        with self._write() as tx:
            prop = tx.load(Property, property_id)
            (sheet,) = _sheet_properties(tx.session, [prop], today or date.today())
            tx.audit("room.occupants", target_type="property", target_id=property_id,
                     details=json.dumps({"rooms": len(sheet.rooms)}))
            return sheet

    def visit_sheet(
        self,
        *,
        property_id: str | None = None,
        grid_code: str | None = None,
        today: date | None = None,
        limit: int = 500,
    ) -> VisitSheet:
        """The data of a printed visit sheet: one property, or every property of a grid (by address, at
        most `limit`, clamped to the role's page size). Printing is an audited read: the audit row
        ("visit_sheet.print") is written here.

        Raises:
            PermissionDenied: the role may not read residents' data.
            ValueError: neither or both of `property_id` and `grid_code` given.
            NotFound: no such property (or deleted).
        """
        if (property_id is None) == (grid_code is None):
            raise ValueError("give a property_id or a grid_code")
        self._require(Permission.READ_PERSON)
        n = self._limit(limit)
        day = today or date.today()
        with self._write() as tx:
            if property_id is not None:
                props = [tx.load(Property, property_id)]
            else:
                props = list(tx.session.execute(
                    select(Property).where(Property.grid_code == grid_code, Property.deleted_at.is_(None))
                    .order_by(Property.address, Property.id).limit(n + 1)
                ).scalars())
            return self._sheet(tx, props, n, day, grid_code=grid_code, month=None)

    def monthly_round(
        self, grid_code: str, *, today: date | None = None, limit: int = 500, printing: bool = False
    ) -> VisitSheet:
        """集中清查: the properties of a grid not spot-checked this calendar month (the desk's local
        month), in address order, as one visit sheet. An audited read: ``monthly_round.read`` when
        listed on screen, ``visit_sheet.print`` with `printing` (read to be printed at once); a listed
        round printed later is audited by `sheet_printed`.

        Raises:
            PermissionDenied: the role may not read residents' data.
            ValidationError: no grid code.
        """
        self._require(Permission.READ_PERSON)
        if not grid_code.strip():
            raise ValidationError([Problem("grid_code", "required",
                                           QT_TRANSLATE_NOOP("storage", "grid code is required"))])
        n = self._limit(limit)
        day = today or date.today()
        first = day.replace(day=1)
        since = datetime.combine(first, time.min).astimezone(UTC).replace(tzinfo=None)
        checked = exists().where(SpotCheck.property_id == Property.id, SpotCheck.deleted_at.is_(None),
                                 SpotCheck.checked_at >= since)
        with self._write() as tx:
            props = list(tx.session.execute(
                select(Property)
                .where(Property.grid_code == grid_code.strip(), Property.deleted_at.is_(None), ~checked)
                .order_by(Property.address, Property.id).limit(n + 1)
            ).scalars())
            return self._sheet(tx, props, n, day, grid_code=grid_code.strip(), month=first,
                               action="visit_sheet.print" if printing else "monthly_round.read")

    def sheet_printed(self, sheet: VisitSheet) -> None:
        """Audit the printing (preview, printer or PDF) of a sheet read before, such as a monthly round
        listed on screen (``visit_sheet.print``, with the grid, the month and how many properties and
        people it lists).

        Raises:
            PermissionDenied: the role may not read residents' data.
        """
        self._require(Permission.READ_PERSON)
        with self._write() as tx:
            _audit_sheet(tx, sheet, "visit_sheet.print")

    def _sheet(
        self, tx: Transaction, props: list[Property], n: int, day: date, *, grid_code: str | None,
        month: date | None, action: str = "visit_sheet.print",
    ) -> VisitSheet:
        truncated = len(props) > n
        sheet = VisitSheet(
            grid_code=grid_code, month=month, generated_at=utcnow(), generated_by=self.actor.username,
            properties=_sheet_properties(tx.session, props[:n], day), truncated=truncated,
        )
        _audit_sheet(tx, sheet, action)
        return sheet


def _audit_sheet(tx: Transaction, sheet: VisitSheet, action: str) -> None:
    """The audit row of a sheet read or printed: one property's (its target) or a grid's."""
    one = sheet.grid_code is None and bool(sheet.properties)
    people = sum(len(r.people) for p in sheet.properties for r in p.rooms)
    tx.audit(
        action,
        target_type="property" if one else None,
        target_id=sheet.properties[0].property_id if one else None,
        details=json.dumps({"grid": sheet.grid_code, "round": sheet.month.isoformat() if sheet.month else None,
                            "properties": len(sheet.properties), "people": people}),
    )


# ---- helpers ----------------------------------------------------------------------------------------
def deadline_days(session: Session) -> int:
    """The station's `declaration_deadline_days` (default 3), at least 0."""
    try:
        return max(0, int(station_settings.get(session, DEADLINE_SETTING)))
    except (TypeError, ValueError):
        return int(station_settings.DEFAULTS[DEADLINE_SETTING])


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _overdue_condition(*, days: int, today: date) -> ColumnElement[bool]:
    """SQL condition on `StaffBinding` (a live staff-recorded binding, migration 0013): running today,
    deadline passed, and no declaration of its property naming the person dated `start - days` or
    later (`last_declared_on` is the latest such declaration's date, kept by triggers)."""
    return and_(
        StaffBinding.start_date < today - timedelta(days=days),
        or_(StaffBinding.end_date.is_(None), StaffBinding.end_date > today),  # half-open: running_on
        or_(StaffBinding.last_declared_on.is_(None),
            StaffBinding.last_declared_on < func.date(StaffBinding.start_date, f"-{int(days)} days")),
    )


def landlord_late(*, days: int, today: date, grid_code: str | None = None) -> ColumnElement[bool]:
    """SQL condition on `Property` (for a property list's "landlords late" filter): at least one binding
    of its rooms is overdue by the rule of the module docstring.

    Pass the `grid_code` the list is filtered by: within one grid a correlated EXISTS looks each of
    the grid's properties up in `staff_binding` by property (one index probe), stopping as soon as the
    page is full; over the whole station an uncorrelated ``Property.id IN (…)`` works the set out
    once in one scan of that compact table."""
    late = select(StaffBinding.property_id).where(_overdue_condition(days=days, today=today))
    if grid_code:
        return late.where(StaffBinding.property_id == Property.id).correlate(Property).exists()
    return Property.id.in_(late)


def _overdue(
    s: Session, *, days: int, today: date, property_id: str | None, grid_code: str | None, limit: int
) -> list[Any]:
    stmt = (
        select(Tenancy, Person.name, Property.id, Property.address, Property.grid_code, Room.label)
        .select_from(StaffBinding)
        .join(Tenancy, Tenancy.id == StaffBinding.tenancy_id)
        .join(Room, Room.id == Tenancy.room_id)
        .join(Property, Property.id == StaffBinding.property_id)
        .join(Person, Person.id == Tenancy.person_id)
        .where(_overdue_condition(days=days, today=today), Property.deleted_at.is_(None))
        .order_by(StaffBinding.start_date, Property.address, Room.label)
        .limit(limit)
    )
    if property_id is not None:
        stmt = stmt.where(StaffBinding.property_id == property_id)
    if grid_code:
        stmt = stmt.where(Property.grid_code == grid_code)
    return list(s.execute(stmt))


def _key(text: str | None) -> str:
    """A room label as compared: no spaces, case-blind."""
    return "".join((text or "").split()).casefold()


def _name_key(text: str | None) -> str:
    """A name as compared (the same as the overdue query's lower(trim(name)) for ASCII letters)."""
    return (text or "").strip().lower()


def _parse_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _documents(s: Session, person_ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
    """Live document numbers per person: [(doc_type, number)], resident ID cards first."""
    out: dict[str, list[tuple[str, str]]] = {}
    ids = list(dict.fromkeys(person_ids))
    for i in range(0, len(ids), 900):
        rows = s.execute(
            select(IdentityDocumentRow.person_id, IdentityDocumentRow.doc_type, IdentityDocumentRow.number)
            .where(IdentityDocumentRow.person_id.in_(ids[i:i + 900]), IdentityDocumentRow.deleted_at.is_(None))
            .order_by(IdentityDocumentRow.created_at)
        ).all()
        for pid, kind, number in rows:
            out.setdefault(pid, []).append((kind, number))
    for docs in out.values():
        docs.sort(key=lambda d: d[0] != "resident_id")
    return out


def _compare(s: Session, prop: Property, *, days: int, today: date) -> DeclarationComparison:
    tenancies = s.execute(
        select(Tenancy, Room.label, Person.name)
        .join(Room, Room.id == Tenancy.room_id)
        .join(Person, Person.id == Tenancy.person_id)
        .where(Room.property_id == prop.id, Room.deleted_at.is_(None), Tenancy.deleted_at.is_(None),
               Person.deleted_at.is_(None))
        .order_by(Room.label, Tenancy.start_date)
    ).all()
    docs = _documents(s, [t.person_id for t, _l, _n in tenancies])
    declarations = list(s.execute(
        select(Declaration).where(Declaration.property_id == prop.id, Declaration.deleted_at.is_(None))
        .order_by(Declaration.declared_on.desc(), Declaration.created_at.desc())
    ).scalars())
    # each declared person once: the newest declaration naming them
    declared: list[tuple[Declaration, dict[str, Any]]] = []
    seen: set[str] = set()
    for d in declarations:
        for e in d.entries or []:
            number = normalise_id_number(str(e.get("id_number") or "")) if e.get("id_number") else ""
            key = "#" + number if number else "@" + _name_key(e.get("name"))
            if key not in seen:
                seen.add(key)
                declared.append((d, e))

    def names(entry: dict[str, Any], person_id: str, name: str) -> bool:
        number = normalise_id_number(str(entry.get("id_number") or "")) if entry.get("id_number") else ""
        if number:
            return any(n == number for _k, n in docs.get(person_id, []))
        return _name_key(entry.get("name")) == _name_key(name)

    running = [(t, lb, nm) for t, lb, nm in tenancies if running_on(t.start_date, t.end_date, today)]
    # ended stays; an empty one (moved or ended the day it began: `running_on` never held) is no stay
    ended = [(t, lb, nm) for t, lb, nm in tenancies if t.end_date is not None and t.start_date < t.end_date <= today]
    used: set[int] = set()
    lines: list[ComparisonLine] = []
    for t, label, name in running:
        window = t.start_date - timedelta(days=days)
        match = next(((i, d, e) for i, (d, e) in enumerate(declared)
                      if _as_date(d.declared_on) >= window and names(e, t.person_id, name)), None)
        doc_number = next((n for _k, n in docs.get(t.person_id, [])), None)
        due = t.start_date + timedelta(days=days)
        if match is not None:
            i, d, e = match
            used.add(i)
            room = str(e.get("room") or "")
            agreement = Agreement.SAME if _key(room) == _key(label) else Agreement.OTHER_ROOM
            lines.append(ComparisonLine(
                agreement=agreement, name=name, id_number_masked=mask_number(doc_number), declared_room=room or None,
                declared_since=_parse_day(e.get("since")), declared_on=_as_date(d.declared_on),
                recorded_room=label, recorded_since=t.start_date, tenancy_id=t.id, due_date=due))
            continue
        if t.source == TenancySource.LANDLORD_DECLARATION.value:
            # bound straight from what the landlord declared (no declaration form on file): the
            # binding is the declaration, so its room and date are the declared ones
            lines.append(ComparisonLine(
                agreement=Agreement.FROM_DECLARATION, name=name, id_number_masked=mask_number(doc_number),
                declared_room=label, declared_since=t.start_date,
                declared_on=t.created_at.date() if t.created_at else None, recorded_room=label,
                recorded_since=t.start_date, tenancy_id=t.id, due_date=due))
            continue
        agreement = Agreement.OVERDUE if today > due else Agreement.PENDING
        lines.append(ComparisonLine(
            agreement=agreement, name=name, id_number_masked=mask_number(doc_number), declared_room=None,
            declared_since=None, declared_on=None, recorded_room=label, recorded_since=t.start_date,
            tenancy_id=t.id, due_date=due))
    for t, label, name in ended:  # history: an ended stay the landlord never declared (no longer overdue)
        if t.source not in RECORDED_BY_STAFF:
            continue
        window = t.start_date - timedelta(days=days)
        if any(_as_date(d.declared_on) >= window and names(e, t.person_id, name) for d, e in declared):
            continue  # declared: its entry shows as MOVED_OUT below
        doc_number = next((n for _k, n in docs.get(t.person_id, [])), None)
        lines.append(ComparisonLine(
            agreement=Agreement.NEVER_DECLARED, name=name, id_number_masked=mask_number(doc_number),
            declared_room=None, declared_since=None, declared_on=None, recorded_room=label,
            recorded_since=t.start_date, tenancy_id=t.id, due_date=t.start_date + timedelta(days=days)))
    for i, (d, e) in enumerate(declared):
        if i in used:
            continue
        left = any(names(e, t.person_id, nm) for t, _lb, nm in ended)
        raw = str(e.get("id_number") or "")
        lines.append(ComparisonLine(
            agreement=Agreement.MOVED_OUT if left else Agreement.NOT_RECORDED, name=str(e.get("name") or ""),
            id_number_masked=mask_number(normalise_id_number(raw)) if raw else None,
            declared_room=str(e.get("room") or "") or None, declared_since=_parse_day(e.get("since")),
            declared_on=_as_date(d.declared_on), recorded_room=None, recorded_since=None, tenancy_id=None,
            due_date=None))
    return DeclarationComparison(
        property_id=prop.id, address=prop.address, grid_code=prop.grid_code, landlord_name=prop.landlord_name,
        deadline_days=days, lines=tuple(lines),
        declarations=tuple(DeclarationInfo(id=d.id, declared_on=_as_date(d.declared_on),
                                           declarant_name=d.declarant_name, declarant_phone=d.declarant_phone,
                                           entries=len(d.entries or [])) for d in declarations),
    )


def _sheet_properties(s: Session, props: Sequence[Property], today: date) -> tuple[SheetProperty, ...]:
    """Rooms (by label) and people bound today for each of `props`, in the given order."""
    ids = [p.id for p in props]
    rooms: dict[str, list[Room]] = {}
    people: dict[str, list[tuple[Tenancy, str]]] = {}
    last: dict[str, datetime] = {}
    for i in range(0, len(ids), 900):
        chunk = ids[i:i + 900]
        for r in s.execute(select(Room).where(Room.property_id.in_(chunk), Room.deleted_at.is_(None))
                           .order_by(Room.label)).scalars():
            rooms.setdefault(r.property_id, []).append(r)
        for t, name in s.execute(
            select(Tenancy, Person.name)
            .join(Room, Room.id == Tenancy.room_id)
            .join(Person, Person.id == Tenancy.person_id)
            .where(Room.property_id.in_(chunk), Room.deleted_at.is_(None), Tenancy.deleted_at.is_(None),
                   Person.deleted_at.is_(None), running_sql(today))
            .order_by(Tenancy.start_date, Person.name)
        ):
            people.setdefault(t.room_id, []).append((t, name))
        last.update(dict(s.execute(
            select(SpotCheck.property_id, func.max(SpotCheck.checked_at))
            .where(SpotCheck.property_id.in_(chunk), SpotCheck.deleted_at.is_(None))
            .group_by(SpotCheck.property_id)
        ).all()))
    docs = _documents(s, [t.person_id for group in people.values() for t, _n in group])
    out = []
    for p in props:
        sheet_rooms = tuple(
            SheetRoom(
                room_id=r.id, label=r.label, capacity=r.capacity,
                people=tuple(
                    SheetPerson(tenancy_id=t.id, person_id=t.person_id, name=name,
                                id_number_masked=mask_number(next((n for _k, n in docs.get(t.person_id, [])), None)),
                                since=t.start_date, relation=TenancyRelation(t.relation))
                    for t, name in people.get(r.id, [])
                ),
            )
            for r in rooms.get(p.id, [])
        )
        out.append(SheetProperty(property_id=p.id, address=p.address, grid_code=p.grid_code,
                                 landlord_name=p.landlord_name, landlord_phone=p.landlord_phone,
                                 last_check=last.get(p.id), rooms=sheet_rooms))
    return tuple(out)
