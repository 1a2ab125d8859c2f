"""What the registration form decides, without Qt: layouts per document, date parsing, expiry, problems.

The form widget (`form.py`) shows and hides rows by the layout chosen here and places every
validation reason beside its field; the reasons come from the same domain functions the services
call (`workstation.domain.validation`), so the form never accepts what the save would refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType
from workstation.domain.validation import (
    Problems,
    normalise_id_number,
    validate_document,
    validate_mobile,
    validate_not_after_today,
    validate_stay,
)

# Document fields of the form, in display (and tab) order.
DOCUMENT_FIELDS = (
    "doc_type",
    "number",  # first: typed in, it is checked against the store at once
    "name",
    "name_latin",
    "sex",
    "birth_date",
    "nationality",
    "address",
    "issuer",
    "valid_from",
    "valid_to",
    "pass_number",
    "issue_count",
    "previous_number",
)
# Fields the law asks of hotels and landlords for a foreign guest (passport registrations).
STAY_FIELDS = ("visa_type", "visa_number", "entry_date", "stay_until")
# What the operator adds to any registration.
DESK_FIELDS = ("phone", "employer", "arrival_date", "property", "room")

# Which document fields each layout shows; doc_type only shows (editable) in manual entry.
LAYOUTS: dict[DocumentType, tuple[str, ...]] = {
    DocumentType.RESIDENT_ID: ("name", "sex", "birth_date", "address", "number", "issuer", "valid_from", "valid_to"),
    DocumentType.HMT_PERMIT: (
        "name",
        "sex",
        "birth_date",
        "address",
        "number",
        "pass_number",
        "issue_count",
        "issuer",
        "valid_from",
        "valid_to",
    ),
    DocumentType.FOREIGNER_PR_2017: (
        "name_latin",
        "name",
        "sex",
        "birth_date",
        "nationality",
        "number",
        "issuer",
        "valid_from",
        "valid_to",
    ),
    DocumentType.FOREIGNER_PR_2023: (
        "name_latin",
        "name",
        "sex",
        "birth_date",
        "nationality",
        "number",
        "issue_count",
        "previous_number",
        "valid_from",
        "valid_to",
    ),
    DocumentType.PASSPORT: ("name_latin", "sex", "birth_date", "nationality", "number", "issuer", "valid_to"),
    DocumentType.OTHER: ("name", "name_latin", "sex", "birth_date", "nationality", "number", "issuer", "valid_to"),
}

_DATE_RE = re.compile(r"^\s*(\d{4})[-./\u5e74]?(\d{1,2})[-./\u6708]?(\d{1,2})\u65e5?\s*$")  # year, month, day marks


def layout_for(doc_type: DocumentType) -> tuple[str, ...]:
    """The document fields shown for `doc_type`, in order (see `LAYOUTS`)."""
    return LAYOUTS[doc_type]


def shows_stay_fields(doc_type: DocumentType) -> bool:
    """A passport holder is a foreign guest: entry date, visa/permit and intended stay are asked."""
    return doc_type is DocumentType.PASSPORT


def parse_date(text: str) -> date | None:
    """'2024-03-01', '20240301', '2024.3.1', '2024/03/01' or '2024年3月1日' → date; '' → None.

    Raises ValueError when the text is not a real date (the form shows that beside the field)."""
    if not text.strip():
        return None
    m = _DATE_RE.match(text)
    if not m:
        raise ValueError(text)
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def format_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def is_expired(doc: IdentityDocument, *, today: date | None = None) -> bool:
    """True when the document has an end of validity before `today` (a 长期 document never expires)."""
    today = today or date.today()
    return not doc.long_term and doc.valid_to is not None and doc.valid_to < today


@dataclass(frozen=True)
class DeskEntry:
    """What the operator adds to the document (all optional; validated by `validate_entry`)."""

    phone: str | None = None
    employer: str | None = None
    arrival_date: date | None = None
    room_id: str | None = None
    notes: str | None = None
    visa_type: str | None = None  # a `VisaType` value
    visa_number: str | None = None
    entry_date: date | None = None
    stay_until: date | None = None


def validate_entry(doc: IdentityDocument, entry: DeskEntry, *, today: date | None = None) -> Problems:
    """Every reason the save would refuse, as (field, message) pairs, from the domain's functions.

    Same checks as the residents service (`validate_document`, `validate_mobile`, the arrival date
    not in the future, `validate_stay`), with the foreign-guest fields of a passport registration
    required here (type, number unless visa-free, entry date, intended stay)."""
    today = today or date.today()
    problems = validate_document(doc, today=today) + validate_mobile(entry.phone)
    problems += validate_not_after_today(entry.arrival_date, field_name="arrival_date", today=today)
    problems += validate_stay(
        visa_type=entry.visa_type, visa_number=entry.visa_number, entry_date=entry.entry_date,
        stay_until=entry.stay_until, birth_date=doc.birth_date, today=today, required=shows_stay_fields(doc.doc_type),
    )
    return [p for i, p in enumerate(problems) if p not in problems[:i]]


def normalised_number(doc: IdentityDocument) -> str:
    return normalise_id_number(doc.number or "")
