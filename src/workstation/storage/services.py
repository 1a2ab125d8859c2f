"""Services: the only way to write records.

Each call checks the actor's permission, validates its input with the domain's pure functions
(refusing the whole save with every reason), then in ONE transaction writes the record, its outbox
row and its audit row. Reads of a person's record are audited too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.domain.countries import normalise_country_code
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import (
    DocumentType,
    DocumentValidity,
    FingerPosition,
    Operation,
    PropertyKind,
    Sex,
    SpotCheckResult,
    TaskStatus,
    TenancyRelation,
    TenancySource,
)
from workstation.domain.identifiers import identifier_problems
from workstation.domain.permissions import Permission
from workstation.domain.validation import (
    Problems,
    normalise_id_number,
    normalise_mobile,
    validate_country_code,
    validate_date_range,
    validate_document,
    validate_mobile,
)
from workstation.errors import Conflict, NotFound, UserFacingError, ValidationError
from workstation.storage import audit, operators, outbox, search
from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.storage.schema import (
    AuditEvent,
    Declaration,
    Fingerprint,
    IdentityDocumentRow,
    Person,
    Property,
    Room,
    SpotCheck,
    SyncMixin,
    Task,
    Tenancy,
    utcnow,
)

R = TypeVar("R", bound=SyncMixin)
_FLAGGED = (DocumentValidity.EXPIRED, DocumentValidity.NOT_YET_VALID)
FreezeGuard = Callable[[Session, Actor], None]

_PERSON_FIELDS = {
    "name",
    "name_latin",
    "sex",
    "birth_date",
    "phone",
    "employer",
    "arrival_date",
    "household_address",
    "nationality",
    "notes",
}
_PROPERTY_FIELDS = {
    "address",
    "grid_code",
    "kind",
    "landlord_name",
    "landlord_phone",
    "landlord_id_number",
    "manager_name",
    "manager_phone",
}


@dataclass
class PersonView:
    person: Person
    documents: list[IdentityDocumentRow]
    tenancies: list[Tenancy]
    fingerprints: list[tuple[int, int]] = field(default_factory=list)  # (position, quality)


def _raise(problems: Problems) -> None:
    if problems:
        raise ValidationError(problems)


class Services:
    def __init__(self, db: Database, actor: Actor, *, freeze_guard: FreezeGuard | None = None) -> None:
        self.db = db
        self.actor = actor
        self.freeze_guard = freeze_guard

    def _authorize(self, permission: Permission) -> None:
        """Every public call starts here: role permission and "operator still active" (operators.authorize)."""
        operators.authorize(self.db, self.actor, permission)

    # ---- generic record life cycle ---------------------------------------------------------
    def _create(self, s: Session, record: R, details: str = "") -> R:
        record.version = 1
        record.created_by = self.actor.username
        record.created_at = record.updated_at = utcnow()
        s.add(record)
        s.flush()
        outbox.append(s, record, Operation.CREATE, base_version=None)
        audit.record(
            s,
            actor=self.actor.username,
            action=f"{outbox.record_type_of(record)}.create",
            target_type=outbox.record_type_of(record),
            target_id=record.id,
            details=details,
        )
        return record

    def _load(self, s: Session, model: type[R], record_id: str, base_version: int | None) -> R:
        record = s.get(model, record_id)
        if record is None or record.deleted_at is not None:
            raise NotFound(
                f"The {model.__tablename__.replace('_', ' ')} no longer exists.",  # type: ignore[attr-defined]
                "记录不存在或已删除。",
            )
        if base_version is not None and record.version != base_version:
            raise Conflict(
                f"Someone changed this record meanwhile (version {record.version}, you edited {base_version}). "
                "Reload it and apply your change again.",
                "该记录已被他人修改，请重新载入后再修改。",
            )
        return record

    def _update(self, s: Session, record: R, changes: dict[str, Any], details: str = "") -> R:
        base = record.version
        changed = [k for k, v in changes.items() if getattr(record, k) != v]
        for k in changed:
            setattr(record, k, changes[k])
        if not changed:
            return record
        record.version = base + 1
        record.updated_at = utcnow()
        s.flush()
        outbox.append(s, record, Operation.UPDATE, base_version=base)
        audit.record(
            s,
            actor=self.actor.username,
            action=f"{outbox.record_type_of(record)}.update",
            target_type=outbox.record_type_of(record),
            target_id=record.id,
            details=details or "changed: " + ", ".join(sorted(changed)),
        )
        return record

    def _delete(self, s: Session, record: R, details: str = "") -> None:
        base = record.version
        record.version = base + 1
        record.deleted_at = record.updated_at = utcnow()
        s.flush()
        outbox.append(s, record, Operation.DELETE, base_version=base)
        audit.record(
            s,
            actor=self.actor.username,
            action=f"{outbox.record_type_of(record)}.delete",
            target_type=outbox.record_type_of(record),
            target_id=record.id,
            details=details,
        )

    def _guard_registration(self, what: str) -> None:
        """Ask the freeze guard (sync's freeze rules) before a registration. A refusal is audited in
        its own transaction, so the record of the refused attempt survives the refusal."""
        if self.freeze_guard is None:
            return
        try:
            with self.db.read() as s:
                self.freeze_guard(s, self.actor)
        except UserFacingError as exc:
            with self.db.write() as s:
                audit.record(s, actor=self.actor.username, action="registration.blocked", outcome="refused",
                             details=f"{what}: {exc.message}")
            raise

    # ---- residents -------------------------------------------------------------------------
    def register_resident(
        self,
        document: IdentityDocument,
        *,
        phone: str | None = None,
        employer: str | None = None,
        arrival_date: date | None = None,
        household_address: str | None = None,
        notes: str | None = None,
        room_id: str | None = None,
        tenancy_start: date | None = None,
        relation: TenancyRelation = TenancyRelation.TENANT,
        source: TenancySource | None = None,
        today: date | None = None,
    ) -> str:
        """Register a resident with their document (and optionally bind them to a room).

        Identifiers are stored in their normalised form (`domain.identifiers`). The document's validity
        on `today` is stored on the document row (`validity_at_registration`) and in the audit details:
        an expired or not-yet-valid document is registered, and the record says so."""
        self._authorize(Permission.REGISTER)
        today = today or date.today()
        problems = validate_document(document, today=today) + validate_mobile(phone)
        problems += validate_date_range(arrival_date, None, start_field="arrival_date", end_field="", latest=today)
        if room_id is not None and tenancy_start is None:
            tenancy_start = arrival_date or today
        _raise(problems)
        number = normalise_id_number(document.number)
        self._guard_registration("register resident")
        with self.db.write() as s:
            dup = s.execute(
                select(IdentityDocumentRow.person_id).where(
                    IdentityDocumentRow.number == number,
                    IdentityDocumentRow.doc_type == document.doc_type.value,
                    IdentityDocumentRow.deleted_at.is_(None),
                )
            ).first()
            if dup:
                raise ValidationError([("number", "this document is already registered; open that resident")])
            name = document.name or document.name_latin or ""
            validity = document.validity(today)
            grid_code = property_id = None
            if room_id is not None:  # current residence set at creation: one version, one outbox row
                room = self._load(s, Room, room_id, None)
                prop = self._load(s, Property, room.property_id, None)
                grid_code, property_id = prop.grid_code, prop.id
            person = self._create(
                s,
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
                    grid_code=grid_code,
                    property_id=property_id,
                ),
                details=f"registered from {document.source}"
                + (f"; document {validity.value.replace('_', ' ')}" if validity in _FLAGGED else ""),
            )
            self._create(
                s,
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
                self._bind(s, person, room_id, tenancy_start, None, relation, source or self._default_source())
            return person.id

    def _default_source(self) -> TenancySource:
        return TenancySource.OFFICER if self.actor.role.value == "officer" else TenancySource.ASSISTANT

    def update_person(self, person_id: str, *, base_version: int, **changes: Any) -> int:
        self._authorize(Permission.REGISTER)
        unknown = set(changes) - _PERSON_FIELDS
        if unknown:
            raise ValidationError([(k, "this field cannot be changed here") for k in sorted(unknown)])
        problems: Problems = []
        if "phone" in changes:
            problems += validate_mobile(changes["phone"])
            if changes["phone"]:
                changes["phone"] = normalise_mobile(changes["phone"])
        if "sex" in changes:
            changes["sex"] = Sex(changes["sex"]).value
        if changes.get("nationality"):
            changes["nationality"] = normalise_country_code(changes["nationality"])
            problems += validate_country_code(changes["nationality"])
        if "name" in changes and not str(changes["name"]).strip():
            problems.append(("name", "name is required"))
        _raise(problems)
        with self.db.write() as s:
            person = self._load(s, Person, person_id, base_version)
            if "name" in changes:
                changes.update(search.name_index(changes["name"]))
            return self._update(s, person, changes).version

    def delete_person(self, person_id: str, *, base_version: int, reason: str) -> None:
        self._authorize(Permission.REGISTER)
        if not reason.strip():
            raise ValidationError([("reason", "say why the record is deleted")])
        with self.db.write() as s:
            person = self._load(s, Person, person_id, base_version)
            for t in s.execute(
                select(Tenancy).where(Tenancy.person_id == person_id, Tenancy.deleted_at.is_(None))
            ).scalars():
                self._delete(s, t, details="resident deleted")
            self._delete(s, person, details=reason)

    def get_person(self, person_id: str) -> PersonView:
        """Open a resident's record. Audited (who saw whose record, when)."""
        self._authorize(Permission.READ_PERSON)
        with self.db.write() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise NotFound("No such resident.", "没有该人员。")
            docs = list(
                s.execute(
                    select(IdentityDocumentRow).where(
                        IdentityDocumentRow.person_id == person_id, IdentityDocumentRow.deleted_at.is_(None)
                    )
                ).scalars()
            )
            tenancies = list(
                s.execute(select(Tenancy).where(Tenancy.person_id == person_id, Tenancy.deleted_at.is_(None))).scalars()
            )
            fps = [
                (p, q)
                for p, q in s.execute(
                    select(Fingerprint.position, Fingerprint.quality).where(
                        Fingerprint.person_id == person_id, Fingerprint.deleted_at.is_(None)
                    )
                )
            ]
            audit.record(s, actor=self.actor.username, action="person.read", target_type="person", target_id=person_id)
            return PersonView(person, docs, tenancies, fps)

    def search(
        self, query: str, *, grid_code: str | None = None, property_id: str | None = None, limit: int = 50
    ) -> list[search.PersonHit]:
        self._authorize(Permission.READ_PERSON)
        with self.db.write() as s:
            hits = search.search_people(s, query, grid_code=grid_code, property_id=property_id, limit=limit)
            audit.record(
                s,
                actor=self.actor.username,
                action="person.search",
                details=json.dumps(
                    {"q": query, "grid": grid_code, "property": property_id, "hits": len(hits)}, ensure_ascii=False
                ),
            )
            return hits

    # ---- properties, rooms, tenancies --------------------------------------------------------
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
    ) -> str:
        self._authorize(Permission.MANAGE_PROPERTY)
        problems: Problems = []
        if not address.strip():
            problems.append(("address", "address is required"))
        if not grid_code.strip():
            problems.append(("grid_code", "grid code is required"))
        problems += validate_mobile(landlord_phone, field_name="landlord_phone")
        problems += validate_mobile(manager_phone, field_name="manager_phone")
        if landlord_id_number:
            problems += identifier_problems(
                normalise_id_number(landlord_id_number), field_name="landlord_id_number", label="An ID number"
            )
        _raise(problems)
        with self.db.write() as s:
            return self._create(
                s,
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
            ).id

    def update_property(self, property_id: str, *, base_version: int, **changes: Any) -> int:
        self._authorize(Permission.MANAGE_PROPERTY)
        unknown = set(changes) - _PROPERTY_FIELDS
        if unknown:
            raise ValidationError([(k, "this field cannot be changed here") for k in sorted(unknown)])
        problems: Problems = []
        for f in ("landlord_phone", "manager_phone"):
            if changes.get(f):
                problems += validate_mobile(changes[f], field_name=f)
                changes[f] = normalise_mobile(changes[f])
        if changes.get("landlord_id_number"):
            changes["landlord_id_number"] = normalise_id_number(changes["landlord_id_number"])
            problems += identifier_problems(
                changes["landlord_id_number"], field_name="landlord_id_number", label="An ID number"
            )
        _raise(problems)
        with self.db.write() as s:
            prop = self._load(s, Property, property_id, base_version)
            return self._update(s, prop, changes).version

    def add_room(self, property_id: str, *, label: str, capacity: int | None = None) -> str:
        self._authorize(Permission.MANAGE_PROPERTY)
        if not label.strip():
            raise ValidationError([("label", "room label is required")])
        with self.db.write() as s:
            self._load(s, Property, property_id, None)
            return self._create(s, Room(property_id=property_id, label=label.strip(), capacity=capacity)).id

    def bind(
        self,
        person_id: str,
        room_id: str,
        *,
        start: date,
        end: date | None = None,
        relation: TenancyRelation = TenancyRelation.TENANT,
        source: TenancySource | None = None,
    ) -> str:
        """人屋捆绑: bind a resident to a room for a period."""
        self._authorize(Permission.REGISTER)
        _raise(validate_date_range(start, end, start_field="start", end_field="end"))
        self._guard_registration("bind resident to room")
        with self.db.write() as s:
            person = self._load(s, Person, person_id, None)
            return self._bind(s, person, room_id, start, end, relation, source or self._default_source())

    def _bind(
        self,
        s: Session,
        person: Person,
        room_id: str,
        start: date,
        end: date | None,
        relation: TenancyRelation,
        source: TenancySource,
    ) -> str:
        room = self._load(s, Room, room_id, None)
        prop = self._load(s, Property, room.property_id, None)
        t = self._create(
            s,
            Tenancy(
                person_id=person.id,
                room_id=room_id,
                start_date=start,
                end_date=end,
                relation=TenancyRelation(relation).value,
                source=TenancySource(source).value,
            ),
        )
        if end is None or end >= date.today():
            self._update(s, person, {"grid_code": prop.grid_code, "property_id": prop.id}, details="current residence")
        return t.id

    def end_tenancy(self, tenancy_id: str, *, base_version: int, end: date) -> int:
        self._authorize(Permission.REGISTER)
        with self.db.write() as s:
            t = self._load(s, Tenancy, tenancy_id, base_version)
            _raise(validate_date_range(t.start_date, end, start_field="start", end_field="end"))
            return self._update(s, t, {"end_date": end}).version

    # ---- declarations and spot checks ------------------------------------------------------
    def record_declaration(
        self,
        property_id: str,
        *,
        declared_on: date,
        declarant_name: str,
        declarant_phone: str | None,
        entries: Iterable[dict[str, str]],
    ) -> str:
        """业主申报: the landlord's list of who lives where."""
        self._authorize(Permission.ENTER_DECLARATION)
        rows = [dict(e) for e in entries]
        problems: Problems = validate_mobile(declarant_phone, field_name="declarant_phone")
        if not declarant_name.strip():
            problems.append(("declarant_name", "the declarant's name is required"))
        if declared_on > date.today():
            problems.append(("declared_on", "a declaration cannot be dated in the future"))
        for i, e in enumerate(rows, 1):
            if not e.get("name", "").strip():
                problems.append((f"entries[{i}]", "each declared tenant needs a name"))
            if e.get("id_number"):
                e["id_number"] = normalise_id_number(e["id_number"])
                problems += identifier_problems(e["id_number"], field_name=f"entries[{i}]", label="An ID number")
            if e.get("phone"):
                e["phone"] = normalise_mobile(e["phone"])
        _raise(problems)
        with self.db.write() as s:
            self._load(s, Property, property_id, None)
            return self._create(
                s,
                Declaration(
                    property_id=property_id,
                    declared_on=declared_on,
                    declarant_name=declarant_name.strip(),
                    declarant_phone=normalise_mobile(declarant_phone) if declarant_phone else None,
                    entries=rows,
                ),
                details=f"{len(rows)} tenants declared",
            ).id

    def record_spot_check(
        self,
        property_id: str,
        *,
        result: SpotCheckResult,
        tenancy_id: str | None = None,
        notes: str | None = None,
        checked_at: datetime | None = None,
    ) -> str:
        """抽查核查: an officer's check of a binding (or a whole property) against reality."""
        self._authorize(Permission.VERIFY)
        result = SpotCheckResult(result)
        if result is not SpotCheckResult.CONSISTENT and not (notes or "").strip():
            raise ValidationError([("notes", "say what did not match")])
        with self.db.write() as s:
            prop = self._load(s, Property, property_id, None)
            if tenancy_id is not None:
                t = self._load(s, Tenancy, tenancy_id, None)
                room = self._load(s, Room, t.room_id, None)
                if room.property_id != property_id:
                    raise ValidationError([("tenancy_id", "that binding belongs to another property")])
            return self._create(
                s,
                SpotCheck(
                    property_id=property_id,
                    tenancy_id=tenancy_id,
                    grid_code=prop.grid_code,
                    result=result.value,
                    notes=notes,
                    checked_at=checked_at or utcnow(),
                ),
            ).id

    # ---- tasks -----------------------------------------------------------------------------
    def list_tasks(self, *, status: TaskStatus | None = None) -> list[Task]:
        self._authorize(Permission.READ_TASKS)
        with self.db.read() as s:
            stmt = select(Task).where(Task.deleted_at.is_(None)).order_by(Task.due_date, Task.received_at)
            if status is not None:
                stmt = stmt.where(Task.status == status.value)
            return list(s.execute(stmt).scalars())

    def complete_task(self, task_id: str, *, result: str, notes: str | None = None) -> int:
        """Give a task its result (反馈); the result syncs back through the outbox."""
        self._authorize(Permission.COMPLETE_TASK)
        if not result.strip():
            raise ValidationError([("result", "choose a result")])
        with self.db.write() as s:
            task = self._load(s, Task, task_id, None)
            return self._update(
                s,
                task,
                {
                    "status": TaskStatus.DONE.value,
                    "result": result,
                    "result_notes": notes,
                    "completed_at": utcnow(),
                    "completed_by": self.actor.username,
                },
            ).version

    # ---- fingerprints ----------------------------------------------------------------------
    def add_fingerprint(
        self,
        person_id: str,
        *,
        position: FingerPosition,
        template: bytes,
        quality: int,
        device: str | None = None,
        image: bytes | None = None,
    ) -> str:
        self._authorize(Permission.CAPTURE_FINGERPRINT)
        if not template:
            raise ValidationError([("template", "no template was captured")])
        if not 0 <= quality <= 100:
            raise ValidationError([("quality", "quality must be 0–100")])
        from workstation.storage import settings

        with self.db.write() as s:
            self._load(s, Person, person_id, None)
            keep_image = bool(settings.get(s, "store_fingerprint_images"))
            fp = Fingerprint(
                person_id=person_id,
                position=int(FingerPosition(position)),
                template_enc=self._seal_biometric(template, person_id),
                quality=quality,
                device=device,
                image_enc=self._seal_biometric(image, person_id) if (image and keep_image) else None,
            )
            return self._create(s, fp, details=f"finger {int(position)} quality {quality}").id

    def _seal_biometric(self, data: bytes, person_id: str) -> bytes:
        import os

        nonce = os.urandom(12)
        return nonce + AESGCM(self.db.subkey("fingerprint-templates")).encrypt(nonce, data, person_id.encode())

    def fingerprint_template(self, fingerprint_id: str) -> bytes:
        self._authorize(Permission.CAPTURE_FINGERPRINT)
        with self.db.write() as s:
            fp = self._load(s, Fingerprint, fingerprint_id, None)
            audit.record(
                s, actor=self.actor.username, action="fingerprint.read", target_type="person", target_id=fp.person_id
            )
            blob = fp.template_enc
            return AESGCM(self.db.subkey("fingerprint-templates")).decrypt(blob[:12], blob[12:], fp.person_id.encode())

    # ---- supervision: audit, reports, export --------------------------------------------------
    def read_audit(
        self, *, limit: int = 200, before_seq: int | None = None, target_id: str | None = None
    ) -> list[AuditEvent]:
        """Newest first. Reading the audit trail is itself audited."""
        self._authorize(Permission.READ_AUDIT)
        with self.db.write() as s:
            stmt = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
            if before_seq is not None:
                stmt = stmt.where(AuditEvent.seq < before_seq)
            if target_id is not None:
                stmt = stmt.where(AuditEvent.target_id == target_id)
            rows = list(s.execute(stmt).scalars())
            audit.record(
                s,
                actor=self.actor.username,
                action="audit.read",
                details=f"{len(rows)} rows" + (f" of {target_id}" if target_id else ""),
            )
            return rows

    def report(self) -> dict[str, Any]:
        """The dashboard's figures (一致率, 反馈率, registrations, backlog)."""
        self._authorize(Permission.READ_REPORTS)
        from workstation.storage import metrics

        with self.db.read() as s:
            return {
                "consistency_station": metrics.consistency_station(s),
                "consistency_by_grid": metrics.consistency_by_grid(s),
                "feedback_rate": metrics.feedback_rate(s),
                "registrations_per_day": metrics.registrations_per_day(s, days=14),
                "backlog": metrics.unsynced_backlog(s),
            }

    def export_residents(self, *, grid_code: str | None = None) -> list[dict[str, Any]]:
        """Rows for a CSV export of residents (by grid). Audited with the row count."""
        self._authorize(Permission.EXPORT)
        with self.db.write() as s:
            stmt = select(Person).where(Person.deleted_at.is_(None)).order_by(Person.name_pinyin)
            if grid_code:
                stmt = stmt.where(Person.grid_code == grid_code)
            rows = [
                {
                    "name": p.name,
                    "sex": p.sex,
                    "birth_date": p.birth_date,
                    "phone": p.phone,
                    "grid_code": p.grid_code,
                    "employer": p.employer,
                }
                for p in s.execute(stmt).scalars()
            ]
            audit.record(
                s,
                actor=self.actor.username,
                action="person.export",
                details=f"{len(rows)} residents, grid {grid_code or 'all'}",
            )
            return rows

    # ---- helpers for forms -----------------------------------------------------------------
    def list_properties(self, *, grid_code: str | None = None, limit: int = 200) -> list[Property]:
        self._authorize(Permission.READ_PERSON)
        with self.db.read() as s:
            stmt = select(Property).where(Property.deleted_at.is_(None)).order_by(Property.address).limit(limit)
            if grid_code:
                stmt = stmt.where(Property.grid_code == grid_code)
            return list(s.execute(stmt).scalars())

    def rooms_of(self, property_id: str) -> list[Room]:
        self._authorize(Permission.READ_PERSON)
        with self.db.read() as s:
            return list(
                s.execute(
                    select(Room).where(Room.property_id == property_id, Room.deleted_at.is_(None)).order_by(Room.label)
                ).scalars()
            )

    def count_people(self) -> int:
        with self.db.read() as s:
            return int(
                s.execute(select(func.count()).select_from(Person).where(Person.deleted_at.is_(None))).scalar_one()
            )


DOC_TYPES = list(DocumentType)
