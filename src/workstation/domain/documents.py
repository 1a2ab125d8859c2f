"""Identity documents as the devices and the registration form produce them.

An `IdentityDocument` is what a card reader, an MRZ reader or an officer's typing yields; storage
keeps the fields residence registration needs. There is deliberately no ethnicity field: the ID
card carries one, the card decoder reads past it and it never reaches this type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from workstation.domain.enums import DocumentType, FingerPosition, Sex


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
    nationality: str | None = None  # ISO 3166-1 alpha-3
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

    def with_changes(self, **changes: object) -> IdentityDocument:
        from dataclasses import replace

        return replace(self, **changes)  # type: ignore[arg-type]
