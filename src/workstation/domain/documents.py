"""Identity documents as the devices and the registration form produce them.

An `IdentityDocument` is what a card reader, an MRZ reader or an officer's typing yields; storage
keeps the fields residence registration needs. There is deliberately no ethnicity field: the ID
card carries one, the card decoder reads past it and it never reaches this type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from workstation.domain.enums import DocumentType, DocumentValidity, FingerPosition, Sex
from workstation.domain.identifiers import normalise_identifier
from workstation.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True, slots=True)
class CardFingerprint:
    """One of the (up to two) fingerprint feature records on a resident ID card."""

    position: FingerPosition
    chinese_code: int
    quality: int  # 0 unknown, 1..100
    registered: bool
    features: bytes = field(repr=False, default=b"")  # proprietary, opaque


@dataclass(frozen=True, slots=True)
class IdentityDocument:
    doc_type: DocumentType
    number: str
    name: str  # Chinese name where the document has one, otherwise the Latin name
    sex: Sex = Sex.UNKNOWN
    birth_date: date | None = None
    name_latin: str | None = None  # English/Latin name (foreigner cards, passports); may contain spaces
    address: str | None = None
    issuer: str | None = None  # issuing authority, or issuing state for passports
    nationality: str | None = None  # ISO 3166-1 alpha-3 or ICAO 9303 code as read ("D", "XXA"): domain.countries
    valid_from: date | None = None
    valid_to: date | None = None
    long_term: bool = False  # "长期": no expiry
    pass_number: str | None = None  # HK/Macau/Taiwan: 通行证 number
    issue_count: int | None = None  # HK/Macau/Taiwan: 签发次数; 2023 foreigner card: renewal count
    previous_number: str | None = None  # 2023 foreigner card: link to the 2017 card number
    photo: bytes | None = field(default=None, repr=False)  # WLT blob as read; opaque
    fingerprints: tuple[CardFingerprint, ...] = ()
    source: str = "manual"  # "card", "mrz", "manual"
    mrz_checks: dict[str, bool] | None = None  # per-field check digit results for MRZ documents

    def __post_init__(self) -> None:
        # every identifier enters in its one normalised form (domain.identifiers): a number typed in
        # full-width digits is the same number as the one a reader delivers
        for name in ("number", "pass_number", "previous_number"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, normalise_identifier(value))
        if self.nationality is not None:
            from workstation.domain.countries import normalise_country_code

            object.__setattr__(self, "nationality", normalise_country_code(self.nationality) or None)

    def validity(self, today: date | None = None) -> DocumentValidity:
        """This document's validity on `today` (default: the current date); see `document_validity`."""
        return document_validity(self.valid_from, self.valid_to, long_term=self.long_term, today=today)

    def with_changes(self, **changes: object) -> IdentityDocument:
        from dataclasses import replace

        return replace(self, **changes)  # type: ignore[arg-type]


def document_validity(
    valid_from: date | None, valid_to: date | None, *, long_term: bool = False, today: date | None = None
) -> DocumentValidity:
    """Validity of a document period on `today` (default: the current date).

    NOT_YET_VALID when `valid_from` is after today; EXPIRED when `valid_to` is before today (the end
    date itself is the last valid day, as printed on the card "有效期限 2010.01.01-2030.01.01" and in
    an MRZ's date of expiry); a long-term (长期) document never expires; UNKNOWN when neither date is
    known."""
    today = today or date.today()
    if valid_from is not None and valid_from > today:
        return DocumentValidity.NOT_YET_VALID
    if not long_term and valid_to is not None and valid_to < today:
        return DocumentValidity.EXPIRED
    if valid_from is None and valid_to is None and not long_term:
        return DocumentValidity.UNKNOWN
    return DocumentValidity.VALID


VALIDITY_MESSAGES: dict[DocumentValidity, str] = {
    DocumentValidity.EXPIRED: QT_TRANSLATE_NOOP(
        "documents",
        "This document has expired. Registration is allowed; the record notes that an expired document was used.",
    ),
    DocumentValidity.NOT_YET_VALID: QT_TRANSLATE_NOOP(
        "documents",
        "This document is not valid yet (its start date is in the future). Check the dates; the record notes it.",
    ),
}


#: What each kind of document is called (marked, context ``"Registration"``: the registration form,
#: ``workstation status``'s demo card line and the audit trail's words all show these).
DOCUMENT_TYPE_LABELS: dict[DocumentType, str] = {
    DocumentType.RESIDENT_ID: QT_TRANSLATE_NOOP("Registration", "Resident ID card"),
    DocumentType.HMT_PERMIT: QT_TRANSLATE_NOOP("Registration", "HK/Macau/Taiwan residence permit"),
    DocumentType.FOREIGNER_PR_2017: QT_TRANSLATE_NOOP("Registration", "Foreigner permanent residence card (2017)"),
    DocumentType.FOREIGNER_PR_2023: QT_TRANSLATE_NOOP("Registration", "Foreigner permanent residence card (2023)"),
    DocumentType.PASSPORT: QT_TRANSLATE_NOOP("Registration", "Passport"),
    DocumentType.OTHER: QT_TRANSLATE_NOOP("Registration", "Other document"),
}

#: A document's validity against the day it was registered, in words (the audit trail shows these).
VALIDITY_LABELS: dict[DocumentValidity, str] = {
    DocumentValidity.VALID: QT_TRANSLATE_NOOP("documents", "valid"),
    DocumentValidity.EXPIRED: QT_TRANSLATE_NOOP("documents", "expired"),
    DocumentValidity.NOT_YET_VALID: QT_TRANSLATE_NOOP("documents", "not yet valid"),
    DocumentValidity.UNKNOWN: QT_TRANSLATE_NOOP("documents", "validity not known (no dates)"),
}


def document_type_label(doc_type: str) -> str:
    """The marked name of a document type (a `DocumentType` or its stored value); an unknown value as itself."""
    try:
        return DOCUMENT_TYPE_LABELS[DocumentType(doc_type)]
    except ValueError:
        return str(doc_type)


def validity_warning(validity: DocumentValidity) -> str | None:
    """The text to show the operator for an expired or not-yet-valid document (marked: render it), else None."""
    return VALIDITY_MESSAGES.get(validity)
