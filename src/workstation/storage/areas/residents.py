"""Residents (实有人口) and their identity documents: find, open, register, update, delete.

The desk reaches this area as `desk.residents` (`workstation.wiring.Desk`). Its API, as the
residents screen uses it:

    find(query: str, *, grid_code: str | None = None, property_id: str | None = None,
         after: str | None = None, limit: int = 200) -> Page[ResidentRow]
        One page of a search (or of browsing, query ""), following an index: pass `page.next`
        back as `after` for the next page. `limit` is clamped to the role's `max_page`.
        Audited: the kind of query, the query masked, filters and the row count.
    rows(ids: Sequence[str]) -> dict[str, ResidentRow]
        Display rows for ids (a lazy table's cache refresh); vanished residents are absent.
        At most `max_page` ids per call. Audited (count only).
    get(person_id: str) -> ResidentDetail
        The whole record: documents, tenancies with history, fingerprints (finger position and
        quality only), version. Audited ("who saw whose record").
    find_by_id_number(number: str) -> ResidentRow | None
        The live resident holding document `number` (any type). Audited with the number masked.
    register(document: IdentityDocument, *, phone=None, employer=None, arrival_date=None,
             household_address=None, notes=None, visa_type=None, visa_number=None, entry_date=None,
             stay_until=None, room_id=None, tenancy_start=None, relation=TenancyRelation.TENANT,
             source=None, today=None, fingerprint_skip=None, fingerprint=None) -> Changes
        Card, passport (MRZ) and manual entry alike (`document.source` says which). A finger taken
        (`biometrics.EnrolledFinger`) or a skip (`biometrics.SkipRequest`) is written with the resident.
        `changes.id` is the new resident's id. A foreign guest's stay (visa or permit type and
        number, date of entry, intended stay) is checked by `domain.validation.validate_stay`.
    update(person_id: str, *, base_version: int, name=UNSET, name_latin=UNSET, sex=UNSET,
           birth_date=UNSET, phone=UNSET, employer=UNSET, arrival_date=UNSET,
           household_address=UNSET, nationality=UNSET, notes=UNSET, visa_type=UNSET,
           visa_number=UNSET, entry_date=UNSET, stay_until=UNSET) -> Changes
        Only the given fields change (None clears one). Stale `base_version` → `Conflict`.
    delete(person_id: str, *, base_version: int, reason: str) -> Changes
        Deletes the resident and ends (deletes) their bindings.

Every call raises `PermissionDenied` when the operator's role may not do it, `ValidationError`
(every problem, by field) for bad input, `NotFound` for a vanished record. Every write returns
`Changes` (kinds and ids written). Call from a worker thread, never the GUI thread.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from workstation.domain.countries import normalise_country_code
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import (
    DocumentType,
    DocumentValidity,
    FingerPosition,
    Sex,
    TenancyRelation,
    TenancySource,
    VisaType,
)
from workstation.domain.housing import running_on
from workstation.domain.permissions import Permission
from workstation.domain.validation import (
    Problems,
    normalise_id_number,
    normalise_mobile,
    normalise_visa_number,
    parse_visa_type,
    validate_country_code,
    validate_document,
    validate_mobile,
    validate_not_after_today,
    validate_stay,
)
from workstation.errors import NotFound, Problem, ValidationError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import search
from workstation.storage.areas.base import (
    UNSET,
    Area,
    Changes,
    Kind,
    Page,
    Transaction,
    Unset,
    check_live,
    raise_problems,
)
from workstation.storage.areas.biometrics import (
    Biometrics,
    EnrolledFinger,
    FingerprintSkip,
    SkipRequest,
    last_skip,
    write_skip,
)
from workstation.storage.masking import mask_number, mask_query
from workstation.storage.schema import (
    Fingerprint,
    IdentityDocumentRow,
    Person,
    Property,
    Room,
    Tenancy,
)

_FLAGGED = (DocumentValidity.EXPIRED, DocumentValidity.NOT_YET_VALID)


@dataclass(frozen=True)
class ResidentRow:
    """One line of the residents table: display fields only, the ID number masked."""

    id: str
    version: int
    name: str
    name_latin: str | None
    sex: Sex
    birth_date: date | None
    phone: str | None
    grid_code: str | None
    property_id: str | None
    address: str | None  # the current residence's property address
    doc_type: DocumentType | None  # the first (oldest) live document
    id_number_masked: str | None


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    version: int
    doc_type: DocumentType
    number: str
    issuer: str | None
    nationality: str | None
    name_latin: str | None
    address: str | None
    valid_from: date | None
    valid_to: date | None
    long_term: bool
    pass_number: str | None
    issue_count: int | None
    previous_number: str | None
    source: str  # "card", "mrz", "manual"
    validity_at_registration: DocumentValidity | None  # on the day it was registered


@dataclass(frozen=True)
class TenancyInfo:
    """A binding (人屋捆绑), current or ended, with where it is."""

    id: str
    version: int
    room_id: str
    room_label: str
    property_id: str
    property_address: str
    grid_code: str
    start_date: date
    end_date: date | None
    relation: TenancyRelation
    source: TenancySource

    def current(self, today: date) -> bool:
        """Running on `today` (`domain.housing.running_on`: the move-out day `end_date` no longer
        counts)."""
        return running_on(self.start_date, self.end_date, today)


@dataclass(frozen=True)
class FingerprintInfo:
    """An enrolled finger: never the template, only which finger and how good."""

    id: str
    position: FingerPosition
    quality: int  # 0..100
    captured_at: datetime


@dataclass(frozen=True)
class ResidentDetail:
    id: str
    version: int
    name: str
    name_latin: str | None
    sex: Sex
    birth_date: date | None
    phone: str | None
    employer: str | None
    arrival_date: date | None
    household_address: str | None
    nationality: str | None
    notes: str | None
    # a foreign guest's stay (None for others): visa or permit, date of entry, intended stay
    visa_type: VisaType | None
    visa_number: str | None
    entry_date: date | None
    stay_until: date | None
    grid_code: str | None
    property_id: str | None
    created_at: datetime
    updated_at: datetime
    documents: tuple[DocumentInfo, ...]
    tenancies: tuple[TenancyInfo, ...]  # newest start first, ended ones included
    fingerprints: tuple[FingerprintInfo, ...]
    # the latest registration without a fingerprint ("fingerprint.skip" in the audit trail), if any
    fingerprint_skip: FingerprintSkip | None = None


def _rows(session: Session, ids: Sequence[str]) -> dict[str, ResidentRow]:
    """Display rows for live people among `ids` (one query)."""
    if not ids:
        return {}
    doc = (
        select(IdentityDocumentRow.doc_type, IdentityDocumentRow.number)
        .where(IdentityDocumentRow.person_id == Person.id, IdentityDocumentRow.deleted_at.is_(None))
        .order_by(IdentityDocumentRow.created_at, IdentityDocumentRow.id)
        .limit(1)
        .correlate(Person)
    )
    stmt = (
        select(
            Person.id, Person.version, Person.name, Person.name_latin, Person.sex, Person.birth_date, Person.phone,
            Person.grid_code, Person.property_id, Property.address,
            doc.with_only_columns(IdentityDocumentRow.doc_type).scalar_subquery(),
            doc.with_only_columns(IdentityDocumentRow.number).scalar_subquery(),
        )
        .outerjoin(Property, Property.id == Person.property_id)
        .where(Person.id.in_(list(ids)), Person.deleted_at.is_(None))
    )
    out: dict[str, ResidentRow] = {}
    for r in session.execute(stmt):
        out[r[0]] = ResidentRow(
            id=r[0], version=r[1], name=r[2], name_latin=r[3], sex=Sex(r[4]), birth_date=r[5], phone=r[6],
            grid_code=r[7], property_id=r[8], address=r[9],
            doc_type=DocumentType(r[10]) if r[10] else None, id_number_masked=mask_number(r[11]),
        )
    return out


class Residents(Area):
    """Residents and their documents. See the module docstring for the whole API."""

    # ---- reads -----------------------------------------------------------------------------
    def find(
        self,
        query: str,
        *,
        grid_code: str | None = None,
        property_id: str | None = None,
        registered_on: date | None = None,
        after: str | None = None,
        limit: int = 200,
    ) -> Page[ResidentRow]:
        """One page of residents found by `query` (search box text; "" browses by pinyin).

        Args:
            query: an ID number, a name (Chinese prefix, pinyin, initials), a phone number or an
                address fragment (`storage.search`).
            grid_code, property_id: filters on the current residence.
            registered_on: only residents registered that day (the day's bar of the Today page's
                registrations chart; a UTC day, as `metrics.registrations_per_day` counts it).
            after: `page.next` of the previous page of the same query and filters.
            limit: rows wanted; clamped to 1..`max_page(role)`.

        Returns:
            A `Page` of `ResidentRow` in display order; `next` is None on the last page.

        Raises:
            PermissionDenied: the role may not read residents.
            BadCursor: `after` is not a cursor of this query.
        """
        self._require(Permission.READ_PERSON)
        n = self._limit(limit)
        with self._audited_read() as tx:
            found = search.find_people(
                tx.session, query, grid_code=grid_code, property_id=property_id, registered_on=registered_on,
                after=after, limit=n,
            )
            rows = _rows(tx.session, found.ids)
            tx.audit("person.search", details=_search_details(
                kind=found.kind.value, query=mask_query(found.kind, query), grid=grid_code, property=property_id,
                registered_on=registered_on.isoformat() if registered_on else None,
                page="next" if after else "first", rows=len(rows),
            ))
        return Page(tuple(rows[i] for i in found.ids if i in rows), found.next)

    def rows(self, ids: Sequence[str]) -> dict[str, ResidentRow]:
        """Display rows for `ids` (for a table's row cache). Residents deleted or purged meanwhile
        are absent from the result.

        Raises:
            PermissionDenied: the role may not read residents.
            ValidationError: more ids than `max_page(role)`.
        """
        self._require(Permission.READ_PERSON)
        if len(ids) > self._limit(len(ids)):
            raise ValidationError(
                [
                    Problem(
                        "ids",
                        "invalid",
                        QT_TRANSLATE_NOOP("storage", "at most {limit} rows at a time").format(
                            limit=self._limit(len(ids))
                        ),
                    )
                ]
            )
        with self._audited_read() as tx:
            rows = _rows(tx.session, ids)
            tx.audit("person.rows", details=_search_details(rows=len(rows)))
        return rows

    def find_by_id_number(self, number: str) -> ResidentRow | None:
        """The live resident who holds the document `number` (any document type), or None.

        Raises:
            PermissionDenied: the role may not read residents.
        """
        self._require(Permission.READ_PERSON)
        compact = normalise_id_number(number.replace(" ", "")) if number.strip() else ""
        with self._audited_read() as tx:
            pid = tx.session.execute(
                select(IdentityDocumentRow.person_id)
                .join(Person, Person.id == IdentityDocumentRow.person_id)
                .where(
                    IdentityDocumentRow.number == compact,
                    IdentityDocumentRow.deleted_at.is_(None),
                    Person.deleted_at.is_(None),
                )
                .limit(1)
            ).scalar_one_or_none()
            rows = _rows(tx.session, [pid] if pid else [])
            tx.audit("person.search", details=_search_details(
                kind=search.QueryKind.ID_NUMBER.value, query=mask_number(compact) or "", rows=len(rows)
            ))
        return rows.get(pid) if pid else None

    def get(self, person_id: str) -> ResidentDetail:
        """Open a resident's whole record. Audited (who saw whose record, when).

        Raises:
            PermissionDenied: the role may not read residents.
            NotFound: no such resident (or deleted).
        """
        self._require(Permission.READ_PERSON)
        with self._audited_read() as tx:
            s = tx.session
            person = s.get(Person, person_id)
            if person is None or person.deleted_at is not None:
                raise NotFound(QT_TRANSLATE_NOOP("storage", "No such resident: the record was deleted meanwhile."))
            docs = s.execute(
                select(IdentityDocumentRow)
                .where(IdentityDocumentRow.person_id == person_id, IdentityDocumentRow.deleted_at.is_(None))
                .order_by(IdentityDocumentRow.created_at)
            ).scalars()
            tenancies = s.execute(
                select(Tenancy, Room.label, Property.id, Property.address, Property.grid_code)
                .join(Room, Room.id == Tenancy.room_id)
                .join(Property, Property.id == Room.property_id)
                .where(Tenancy.person_id == person_id, Tenancy.deleted_at.is_(None))
                .order_by(Tenancy.start_date.desc(), Tenancy.created_at.desc())
            ).all()
            fps = s.execute(
                select(Fingerprint.id, Fingerprint.position, Fingerprint.quality, Fingerprint.captured_at)
                .where(Fingerprint.person_id == person_id, Fingerprint.deleted_at.is_(None))
                .order_by(Fingerprint.position)
            ).all()
            skip = last_skip(s, person_id)
            tx.audit("person.read", target_type="person", target_id=person_id)
            return ResidentDetail(
                id=person.id, version=person.version, name=person.name, name_latin=person.name_latin,
                sex=Sex(person.sex), birth_date=person.birth_date, phone=person.phone, employer=person.employer,
                arrival_date=person.arrival_date, household_address=person.household_address,
                nationality=person.nationality, notes=person.notes, visa_type=_visa_type(person.visa_type),
                visa_number=person.visa_number, entry_date=person.entry_date, stay_until=person.stay_until,
                grid_code=person.grid_code,
                property_id=person.property_id, created_at=person.created_at, updated_at=person.updated_at,
                documents=tuple(_document_info(d) for d in docs),
                tenancies=tuple(
                    TenancyInfo(
                        id=t.id, version=t.version, room_id=t.room_id, room_label=label, property_id=prop_id,
                        property_address=address, grid_code=grid, start_date=t.start_date, end_date=t.end_date,
                        relation=TenancyRelation(t.relation), source=TenancySource(t.source),
                    )
                    for t, label, prop_id, address, grid in tenancies
                ),
                fingerprints=tuple(
                    FingerprintInfo(id=i, position=FingerPosition(p), quality=q, captured_at=at) for i, p, q, at in fps
                ),
                fingerprint_skip=skip,
            )

    # ---- writes ----------------------------------------------------------------------------
    def register(
        self,
        document: IdentityDocument,
        *,
        phone: str | None = None,
        employer: str | None = None,
        arrival_date: date | None = None,
        household_address: str | None = None,
        notes: str | None = None,
        visa_type: VisaType | str | None = None,
        visa_number: str | None = None,
        entry_date: date | None = None,
        stay_until: date | None = None,
        room_id: str | None = None,
        tenancy_start: date | None = None,
        relation: TenancyRelation = TenancyRelation.TENANT,
        source: TenancySource | None = None,
        today: date | None = None,
        fingerprint_skip: SkipRequest | None = None,
        fingerprint: EnrolledFinger | None = None,
    ) -> Changes:
        """Register a resident with their document, and optionally bind them to a room.

        Identifiers are stored in their normalised form (`domain.identifiers`). The document's validity
        on `today` is stored on the document row (`validity_at_registration`) and in the audit details:
        an expired or not-yet-valid document is registered, and the record says so.

        Args:
            document: as the card reader, the MRZ reader or the form produced it (`document.source`).
            visa_type, visa_number, entry_date, stay_until: a foreign guest's stay (`VisaType` or its
                value; the number as typed, stored normalised); optional here, the desk's form asks
                for them on a passport (`validate_stay(required=True)`).
            room_id: bind to this room from `tenancy_start` (default: arrival date, else today).
            source: who vouches for the binding (default: the operator's role).
            today: the date checks use (tests).
            fingerprint_skip: the resident is registered without a fingerprint, for this reason: checked
                before anything is written (`Biometrics.check_skip`) and recorded ("fingerprint.skip") in
                the registration's own transaction - both are written, or neither.
            fingerprint: the finger taken for this registration: checked before anything is written
                (`Biometrics.check_finger`: the permission to capture fingerprints, then the finger) and
                stored (sealed template, image where the station keeps images, outbox and audit rows) in
                the registration's own transaction - both are written, or neither. Not with
                `fingerprint_skip`.

        Returns:
            Changes: the person (first: `changes.id` is the new resident), the document, the
            tenancy when a room was given, and the fingerprint when one was given.

        Raises:
            PermissionDenied: the role may not register.
            ValidationError: invalid document, phone or dates, or stay (unknown visa type, entry in
                the future or before birth, stay ending before the entry); both a fingerprint and a skip
                (field "fingerprint"); the document is already registered.
            NotFound: the room or its property was deleted.
            RegistrationFrozen: sync's freeze rules hold registrations (audited as refused).
            PermissionDenied, ValidationError, NothingToSkip, SupervisorNeeded: the skip would be refused
                (as `Biometrics.record_skip`); nothing is registered.
            PermissionDenied, ValidationError: the fingerprint would be refused (as `Biometrics.add`: the
                role may not capture fingerprints; no such finger position, no template, quality outside
                0–100); nothing is registered.
        """
        self._require(Permission.REGISTER)
        today = today or date.today()
        problems = validate_document(document, today=today) + validate_mobile(phone)
        problems += validate_not_after_today(arrival_date, field_name="arrival_date", today=today)
        problems += validate_stay(visa_type=visa_type, visa_number=visa_number, entry_date=entry_date,
                                  stay_until=stay_until, birth_date=document.birth_date, today=today)
        if fingerprint is not None and fingerprint_skip is not None:
            problems.append(Problem("fingerprint", "invalid", QT_TRANSLATE_NOOP(
                "storage", "a fingerprint was both taken and skipped: keep one or the other")))
        if room_id is not None and tenancy_start is None:
            tenancy_start = arrival_date or today
        raise_problems(problems)
        biometrics = Biometrics(self._ctx)
        skip = None
        if fingerprint_skip is not None:
            skip = biometrics.check_skip(
                reason=fingerprint_skip.reason, note=fingerprint_skip.note, approver=fingerprint_skip.approver
            )
        finger = biometrics.check_finger(fingerprint) if fingerprint is not None else None
        number = normalise_id_number(document.number)
        self._guard_registration("register resident")
        with self._write() as tx:
            s = tx.session
            dup = s.execute(
                select(IdentityDocumentRow.person_id).where(
                    IdentityDocumentRow.number == number,
                    IdentityDocumentRow.doc_type == document.doc_type.value,
                    IdentityDocumentRow.deleted_at.is_(None),
                )
            ).first()
            if dup:
                raise ValidationError(
                    [
                        Problem(
                            "number",
                            "invalid",
                            QT_TRANSLATE_NOOP("storage", "this document is already registered; open that resident"),
                        )
                    ]
                )
            name = document.name or document.name_latin or ""
            validity = document.validity(today)
            grid_code = property_id = None
            if room_id is not None:  # current residence set at creation: one version, one outbox row
                room = tx.load(Room, room_id)
                prop = tx.load(Property, room.property_id)
                grid_code, property_id = prop.grid_code, prop.id
            person = tx.create(
                Person(
                    name=name,
                    **search.name_index(name),
                    name_latin=document.name_latin,
                    sex=document.sex.value,
                    birth_date=document.birth_date,
                    phone=normalise_mobile(phone) if phone else None,
                    employer=employer,
                    arrival_date=arrival_date,
                    household_address=household_address or document.address,
                    nationality=document.nationality,
                    notes=notes,
                    visa_type=_stored_visa_type(visa_type),
                    visa_number=normalise_visa_number(visa_number) if visa_number and visa_number.strip() else None,
                    entry_date=entry_date,
                    stay_until=stay_until,
                    grid_code=grid_code,
                    property_id=property_id,
                ),
                details=f"registered from {document.source}"
                + (f"; document {validity.value.replace('_', ' ')}" if validity in _FLAGGED else ""),
            )
            tx.create(
                IdentityDocumentRow(
                    person_id=person.id,
                    doc_type=document.doc_type.value,
                    number=number,
                    issuer=document.issuer,
                    nationality=document.nationality,
                    name_latin=document.name_latin,
                    address=document.address,
                    valid_from=document.valid_from,
                    valid_to=document.valid_to,
                    long_term=document.long_term,
                    pass_number=document.pass_number,
                    issue_count=document.issue_count,
                    previous_number=document.previous_number,
                    source=document.source,
                    validity_at_registration=validity.value,
                ),
                details=f"{document.doc_type.value} {number} validity {validity.value}",
            )
            if room_id is not None:
                assert tenancy_start is not None
                bind(tx, person, room_id, start=tenancy_start, end=None, relation=relation,
                     source=source or self._default_source())
            if skip is not None:
                assert fingerprint_skip is not None
                code, words, policy = skip
                write_skip(tx, person.id, reason=code, words=words, policy=policy, approver=fingerprint_skip.approver)
            if finger is not None:
                biometrics.write_finger(tx, person.id, finger)
            return tx.changes

    def update(
        self,
        person_id: str,
        *,
        base_version: int,
        name: str | Unset = UNSET,
        name_latin: str | Unset | None = UNSET,
        sex: Sex | Unset = UNSET,
        birth_date: date | Unset | None = UNSET,
        phone: str | Unset | None = UNSET,
        employer: str | Unset | None = UNSET,
        arrival_date: date | Unset | None = UNSET,
        household_address: str | Unset | None = UNSET,
        nationality: str | Unset | None = UNSET,
        notes: str | Unset | None = UNSET,
        visa_type: VisaType | str | Unset | None = UNSET,
        visa_number: str | Unset | None = UNSET,
        entry_date: date | Unset | None = UNSET,
        stay_until: date | Unset | None = UNSET,
    ) -> Changes:
        """Change the given fields of a resident (UNSET: leave as is; None: clear).

        Args:
            base_version: the version the operator edited (`ResidentDetail.version`).
            visa_type, visa_number, entry_date, stay_until: the stay, checked together with the
                stored values of the ones not given (`validate_stay`: e.g. a new entry date after
                the stored intended stay is refused on `stay_until`).

        Returns:
            Changes: the person, or nothing when every value was already equal.

        Raises:
            PermissionDenied: the role may not register.
            ValidationError: empty name, invalid phone, arrival in the future, invalid stay.
            NotFound: the resident was deleted.
            Conflict: the resident changed since `base_version` (reload and apply again).
        """
        self._require(Permission.REGISTER)
        values: dict[str, Any] = {
            k: v
            for k, v in {
                "name": name, "name_latin": name_latin, "sex": sex, "birth_date": birth_date, "phone": phone,
                "employer": employer, "arrival_date": arrival_date, "household_address": household_address,
                "nationality": nationality, "notes": notes, "visa_type": visa_type, "visa_number": visa_number,
                "entry_date": entry_date, "stay_until": stay_until,
            }.items()
            if v is not UNSET
        }
        problems: Problems = []
        if "phone" in values:
            problems += validate_mobile(values["phone"])
            if values["phone"]:
                values["phone"] = normalise_mobile(values["phone"])
        if "sex" in values:
            values["sex"] = Sex(values["sex"]).value
        if values.get("nationality"):
            values["nationality"] = normalise_country_code(values["nationality"])
            problems += validate_country_code(values["nationality"])
        if "name" in values and not str(values["name"]).strip():
            problems.append(Problem("name", "required", QT_TRANSLATE_NOOP("storage", "name is required")))
        if isinstance(values.get("arrival_date"), date):
            problems += validate_not_after_today(values["arrival_date"], field_name="arrival_date")
        raise_problems(problems)
        stay = ("visa_type", "visa_number", "entry_date", "stay_until", "birth_date")
        with self._write() as tx:
            person = tx.load(Person, person_id, base_version)
            if any(k in values for k in stay):  # checked with the stored values of the others
                now = {k: values[k] if k in values else getattr(person, k) for k in stay}
                raise_problems(validate_stay(**now, today=date.today()))
                if "visa_type" in values:
                    values["visa_type"] = _stored_visa_type(values["visa_type"])
                if "visa_number" in values:
                    number = values["visa_number"]
                    values["visa_number"] = normalise_visa_number(number) if number and number.strip() else None
            if "name" in values:
                values["name"] = str(values["name"]).strip()
                values.update(search.name_index(values["name"]))
            tx.update(person, values)
            return tx.changes

    def delete(self, person_id: str, *, base_version: int, reason: str) -> Changes:
        """Delete a resident (a tombstone that syncs) and their bindings, saying why.

        Returns:
            Changes: the person first, then each binding deleted.

        Raises:
            PermissionDenied: the role may not register.
            ValidationError: no reason given.
            NotFound: already deleted.
            Conflict: the resident changed since `base_version`.
        """
        self._require(Permission.REGISTER)
        if not reason.strip():
            raise ValidationError(
                [Problem("reason", "invalid", QT_TRANSLATE_NOOP("storage", "say why the record is deleted"))]
            )
        with self._write() as tx:
            person = tx.load(Person, person_id, base_version)
            for t in tx.session.execute(
                select(Tenancy).where(Tenancy.person_id == person_id, Tenancy.deleted_at.is_(None))
            ).scalars():
                tx.delete(t, details="resident deleted")
            tx.delete(person, details=reason)
            # bindings go first on the wire (children before the parent); the person leads the result
            return Changes(tuple(sorted(tx.changes.changed, key=lambda c: c.kind is not Kind.PERSON)))


def bind(
    tx: Transaction,
    person: Person,
    room_id: str,
    *,
    start: date,
    end: date | None,
    relation: TenancyRelation,
    source: TenancySource,
) -> Tenancy:
    """Create the binding of `person` to `room_id` in `tx`; a binding still running makes that room the
    person's current residence. Raises NotFound when the room or its property was deleted."""
    room = tx.load(Room, room_id)
    prop = tx.load(Property, room.property_id)
    t = tx.create(
        Tenancy(
            person_id=person.id,
            room_id=room_id,
            start_date=start,
            end_date=end,
            relation=TenancyRelation(relation).value,
            source=TenancySource(source).value,
        ),
    )
    if end is None or end > date.today():
        tx.update(person, {"grid_code": prop.grid_code, "property_id": prop.id}, details="current residence")
    return t


def running_sql(today: date) -> ColumnElement[bool]:
    """SQL condition on `Tenancy`: a live binding running on `today` (`domain.housing.running_on`:
    half-open ``[start_date, end_date)``, so one ended or moved away from today is not running)."""
    return (
        Tenancy.deleted_at.is_(None)
        & (Tenancy.start_date <= today)
        & (Tenancy.end_date.is_(None) | (Tenancy.end_date > today))
    )


def settle_residence(tx: Transaction, person: Person, today: date) -> None:
    """After a binding of `person` ended: their current residence (`property_id`, `grid_code`) is the
    property of their newest binding still running (or starting later) on `today`; with none left,
    `property_id` is cleared (they no longer live in a registered room) and `grid_code` kept (the grid
    they were last registered in). Written (outbox + audit) only when it changes."""
    row = tx.session.execute(
        select(Property.id, Property.grid_code)
        .join(Room, Room.property_id == Property.id)
        .join(Tenancy, Tenancy.room_id == Room.id)
        .where(Tenancy.person_id == person.id, Tenancy.deleted_at.is_(None), Room.deleted_at.is_(None),
               Property.deleted_at.is_(None), Tenancy.end_date.is_(None) | (Tenancy.end_date > today))
        .order_by(Tenancy.start_date.desc(), Tenancy.created_at.desc())
        .limit(1)
    ).first()
    values: dict[str, Any] = (
        {"property_id": row[0], "grid_code": row[1]} if row is not None else {"property_id": None}
    )
    if any(getattr(person, k) != v for k, v in values.items()):
        tx.update(person, values, details="current residence")


def load_person(tx: Transaction, person_id: str) -> Person:
    """The live person `person_id` (NotFound otherwise)."""
    return check_live(Person, tx.session.get(Person, person_id), None)


def _document_info(d: IdentityDocumentRow) -> DocumentInfo:
    return DocumentInfo(
        id=d.id, version=d.version, doc_type=DocumentType(d.doc_type), number=d.number, issuer=d.issuer,
        nationality=d.nationality, name_latin=d.name_latin, address=d.address, valid_from=d.valid_from,
        valid_to=d.valid_to, long_term=d.long_term, pass_number=d.pass_number, issue_count=d.issue_count,
        previous_number=d.previous_number, source=d.source,
        validity_at_registration=DocumentValidity(d.validity_at_registration) if d.validity_at_registration else None,
    )


def _stored_visa_type(value: VisaType | str | None) -> str | None:
    """The stored form of a validated visa type (its `VisaType` value)."""
    kind = parse_visa_type(value)
    return kind.value if kind is not None else None


def _visa_type(stored: str | None) -> VisaType | None:
    """A stored visa type as `VisaType`; a value this version does not know (synced from a newer
    one) reads as None rather than failing the whole record."""
    try:
        return parse_visa_type(stored)
    except ValueError:
        return None


def _search_details(**fields: object) -> str:
    """Audit details of a read as JSON (values already masked), None and "" left out."""
    return json.dumps({k: v for k, v in fields.items() if v is not None and v != ""}, ensure_ascii=False)


__all__ = [
    "DocumentInfo",
    "FingerprintInfo",
    "ResidentDetail",
    "ResidentRow",
    "Residents",
    "TenancyInfo",
]
