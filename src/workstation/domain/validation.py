"""Validation as pure functions with messages an officer understands.

Every function returns a list of `Problem(field, code, message)`; an empty list means valid. The
message is a marked text (`workstation.i18n`): English in the code, Chinese in the translation file.
Area services refuse the whole save with `ValidationError(problems)` when any is found, so nothing is
half-saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from workstation.domain.countries import is_known_code, normalise_country_code
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Sex, VisaType
from workstation.domain.identifiers import DIGITS, identifier_problems, normalise_identifier, normalise_phone
from workstation.errors import Problem, field_label
from workstation.i18n import QT_TRANSLATE_NOOP

Problems = list[Problem]

#: How a field is named at the start of a sentence about its characters (`identifier_problems`).
AN_ID_NUMBER = QT_TRANSLATE_NOOP("validation", "An ID number")
A_DOCUMENT_NUMBER = QT_TRANSLATE_NOOP("validation", "A document number")
A_PHONE_NUMBER = QT_TRANSLATE_NOOP("validation", "A phone number")
A_TRAVEL_PERMIT_NUMBER = QT_TRANSLATE_NOOP("validation", "A travel permit number")
THE_PREVIOUS_CARD_NUMBER = QT_TRANSLATE_NOOP("validation", "The previous card number")
A_NATIONALITY_CODE = QT_TRANSLATE_NOOP("validation", "A nationality code")
A_CODE = QT_TRANSLATE_NOOP("validation", "A code")
A_VISA_NUMBER = QT_TRANSLATE_NOOP("validation", "A visa or permit number")

GB11643_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
GB11643_CHECK = "10X98765432"
EARLIEST_BIRTH = date(1850, 1, 1)  # the GB 11643 example number is born 1880
MOBILE_RE = re.compile(r"^1[3-9][0-9]{9}$")  # ASCII digits only (\d would accept any script's digits)
E164_RE = re.compile(r"^\+[1-9][0-9]{7,14}$")  # ITU-T E.164: + country code and number, 8–15 digits
_ID_RE = re.compile(r"^[0-9]{17}[0-9X]$")


def gb11643_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character for the first 17 digits of a citizen ID number."""
    if len(first17) != 17 or not (first17.isascii() and first17.isdigit()):
        raise ValueError("need exactly 17 digits")
    s = sum(int(c) * w for c, w in zip(first17, GB11643_WEIGHTS, strict=True))
    return GB11643_CHECK[s % 11]


def normalise_id_number(number: str) -> str:
    """A document number in its stored form (`identifiers.normalise_identifier`: NFKC, ASCII digits,
    upper case, no spaces): full-width `４４…ｘ` and Arabic-Indic digits give the ASCII number."""
    return normalise_identifier(number)


def citizen_id_birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def citizen_id_sex(number: str) -> Sex:
    return Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE


def validate_citizen_id(
    number: str,
    *,
    birth_date: date | None = None,
    sex: Sex | None = None,
    today: date | None = None,
    field_name: str = "number",
    source: str = "manual",
) -> Problems:
    """GB 11643-1999: 18 characters, a real birth date in range, check digit; birth/sex consistent.

    The number is normalised first (`normalise_id_number`), so a number typed in full-width digits is
    checked, and named in messages, as the ASCII number it stands for. `source` is where the number
    came from (a document's ``source``: ``"card"`` read from a chip, anything else typed): a wrong
    check digit of a card's number asks to read the card again; of a typed number it says the number
    is not a valid ID number and asks to check it against the document, without naming the expected
    last character (that would invite changing only the last digit of a mistyped number)."""
    n = normalise_id_number(number)
    today = today or date.today()
    not_ascii = identifier_problems(n, field_name=field_name, label="An ID number")
    if not_ascii:
        return not_ascii
    if len(n) != 18:
        return [
            Problem(
                field_name,
                "length",
                QT_TRANSLATE_NOOP("validation", "An ID number has 18 characters; this one has {count}.").format(
                    count=len(n)
                ),
            )
        ]
    if not _ID_RE.match(n):
        return [
            Problem(
                field_name,
                "characters",
                QT_TRANSLATE_NOOP("validation", "An ID number may contain only digits, and X as the last character."),
            )
        ]
    problems: Problems = []
    born = citizen_id_birth_date(n)
    if born is None:
        problems.append(
            Problem(
                field_name,
                "birth_date",
                QT_TRANSLATE_NOOP("validation", "Characters 7–14 ({digits}) are not a real date of birth.").format(
                    digits=n[6:14]
                ),
            )
        )
    elif born > today:
        problems.append(
            Problem(
                field_name,
                "birth_date_range",
                QT_TRANSLATE_NOOP(
                    "validation", "The date of birth in the number ({date}) cannot be after today ({today})."
                ).format(date=born.isoformat(), today=today.isoformat()),
            )
        )
    elif born < EARLIEST_BIRTH:
        problems.append(
            Problem(
                field_name,
                "birth_date_range",
                QT_TRANSLATE_NOOP(
                    "validation", "The date of birth in the number ({date}) is before {earliest}."
                ).format(date=born.isoformat(), earliest=EARLIEST_BIRTH.isoformat()),
            )
        )
    expected = gb11643_check_char(n[:17])
    if n[17] != expected:
        text: str
        if source == "card":
            text = QT_TRANSLATE_NOOP(
                "validation",
                "The check digit is wrong (the last character should be {expected}); please re-read the card.",
            ).format(expected=expected)
        else:
            text = QT_TRANSLATE_NOOP(
                "validation",
                "This is not a valid ID number (its check digit does not match). "
                "Check every digit against the document.",
            )
        problems.append(Problem(field_name, "check_digit", text))
    if not problems:
        if birth_date is not None and born is not None and born != birth_date:
            problems.append(
                Problem(
                    "birth_date",
                    "differs_from_id_number",
                    QT_TRANSLATE_NOOP(
                        "validation", "The date of birth differs from the one in the ID number ({date})."
                    ).format(date=born.isoformat()),
                )
            )
        if sex in (Sex.MALE, Sex.FEMALE) and sex != citizen_id_sex(n):
            problems.append(
                Problem(
                    "sex",
                    "differs_from_id_number",
                    QT_TRANSLATE_NOOP(
                        "validation", "The sex differs from the ID number (17th digit: odd = male, even = female)."
                    ),
                )
            )
    return problems


def validate_mobile(phone: str | None, *, field_name: str = "phone", required: bool = False) -> Problems:
    """A mainland mobile number (11 digits starting 13–19), or an international number in E.164 form,
    checked in its normalised form (`normalise_mobile`): full-width digits, spaces, hyphens and a +86
    prefix are accepted.

    A number written with ``+`` (or the international prefix ``00``) is international: ITU-T E.164
    allows at most 15 digits after the ``+`` (country code included, never starting with 0); we ask
    for at least 8 (the shortest national numbers with their country code, e.g. Macau's
    +853 6xxx xxxx, have 11; 8 leaves room for small states). A +86 number must be a mainland mobile
    (the mainland rule). Without ``+`` the mainland rule holds: 11 digits starting 13–19. Holders of a
    HK/Macau/Taiwan permit and foreigners often have only a +852/+853/+886 or foreign number."""
    if not phone or not phone.strip():
        return (
            [Problem(field_name, "required", QT_TRANSLATE_NOOP("validation", "A mobile number is required."))]
            if required
            else []
        )
    p = normalise_mobile(phone)
    not_ascii = identifier_problems(p, field_name=field_name, label=A_PHONE_NUMBER, allowed="+", kinds=DIGITS)
    if not_ascii:
        return not_ascii
    if p.startswith("+") and not p.startswith("+86"):
        if not E164_RE.match(p):
            return [
                Problem(
                    field_name,
                    "format",
                    QT_TRANSLATE_NOOP(
                        "validation",
                        "Not an international number: write + and the country code, then the number, "
                        "8–15 digits in all (e.g. +852 6123 4567).",
                    ),
                )
            ]
        return []
    if not MOBILE_RE.match(p):
        return [
            Problem(
                field_name,
                "format",
                QT_TRANSLATE_NOOP(
                    "validation",
                    "Not a mainland mobile number (11 digits starting 13–19); "
                    "a number abroad is written with + and the country code (e.g. +852 6123 4567).",
                ),
            )
        ]
    return []


def normalise_mobile(phone: str) -> str:
    """The stored form of a phone number (`identifiers.normalise_phone`)."""
    return normalise_phone(phone)


def validate_date_range(
    start: date | None,
    end: date | None,
    *,
    start_field: str,
    end_field: str,
    earliest: date = EARLIEST_BIRTH,
    latest: date | None = None,
) -> Problems:
    problems: Problems = []
    for value, name in ((start, start_field), (end, end_field)):
        if value is not None and value < earliest:
            problems.append(
                Problem(
                    name,
                    "too_early",
                    QT_TRANSLATE_NOOP("validation", "{date} is before {earliest}.").format(
                        date=value.isoformat(), earliest=earliest.isoformat()
                    ),
                )
            )
        if value is not None and latest is not None and value > latest:
            problems.append(
                Problem(
                    name,
                    "too_late",
                    QT_TRANSLATE_NOOP("validation", "{date} is after {latest}.").format(
                        date=value.isoformat(), latest=latest.isoformat()
                    ),
                )
            )
    if start is not None and end is not None and end < start:
        problems.append(
            Problem(
                end_field,
                "ends_before_start",
                QT_TRANSLATE_NOOP("validation", "It ends ({end}) before it starts ({start}).").format(
                    end=end.isoformat(), start=start.isoformat()
                ),
            )
        )
    return problems


def validate_not_after_today(value: date | None, *, field_name: str, today: date | None = None) -> Problems:
    """A date that cannot be in the future (birth, arrival, entry): a problem (code ``"too_late"``)
    saying so plainly with today's date when `value` is after `today` (default: the system date);
    [] for None or a date up to today."""
    today = today or date.today()
    if value is None or value <= today:
        return []
    return [
        Problem(
            field_name,
            "too_late",
            QT_TRANSLATE_NOOP("validation", "The {field} cannot be after today ({today}).").format(
                field=field_label(field_name), today=today.isoformat()
            ),
        )
    ]


def mrz_check_digit(field: str) -> int:
    """ICAO 9303 7-3-1 check digit: digits, A–Z = 10–35, '<' = 0."""
    total = 0
    for i, ch in enumerate(field):
        if "0" <= ch <= "9":
            v = int(ch)
        elif "A" <= ch <= "Z":
            v = ord(ch) - 55
        elif ch == "<":
            v = 0
        else:
            raise ValueError(f"character {ch!r} is not allowed in an MRZ")
        total += v * (7, 3, 1)[i % 3]
    return total % 10


_REQUIRED: dict[DocumentType, tuple[str, ...]] = {
    DocumentType.RESIDENT_ID: ("number", "name", "birth_date", "sex"),
    DocumentType.HMT_PERMIT: ("number", "name", "birth_date", "sex"),
    DocumentType.FOREIGNER_PR_2017: ("number", "name_latin", "birth_date", "nationality"),
    DocumentType.FOREIGNER_PR_2023: ("number", "name_latin", "birth_date", "nationality"),
    DocumentType.PASSPORT: ("number", "name_latin", "birth_date", "nationality"),
    DocumentType.OTHER: ("number", "name"),
}

def required_fields(doc_type: DocumentType) -> tuple[str, ...]:
    return _REQUIRED[doc_type]


def validate_document(doc: IdentityDocument, *, today: date | None = None) -> Problems:
    """Required fields per document type, number format and check digits, dates in range.

    Identifiers are checked in their normalised form (`domain.identifiers`); anything that is not an
    ASCII digit or letter after normalisation is refused with a reason. Nationality and issuing state
    are ICAO 9303 Part 3 codes (`domain.countries`, incl. ``D``, ``XXA``, ``UNO``). An expired or
    not-yet-valid document is NOT a problem here: it may be registered, flagged to the operator and
    recorded (`documents.document_validity`)."""
    today = today or date.today()
    problems: Problems = []
    for f in _REQUIRED[doc.doc_type]:
        value = getattr(doc, f)
        if value is None or (isinstance(value, str) and not value.strip()) or (value == Sex.UNKNOWN and f == "sex"):
            problems.append(
                Problem(
                    f,
                    "required",
                    QT_TRANSLATE_NOOP("validation", "The {field} is required for this document type.").format(
                        field=field_label(f)
                    ),
                )
            )
    if doc.number:
        n = normalise_id_number(doc.number)
        allowed = {DocumentType.PASSPORT: "<", DocumentType.OTHER: "<-/"}.get(doc.doc_type, "")
        not_ascii = identifier_problems(n, field_name="number", label=A_DOCUMENT_NUMBER, allowed=allowed)
        problems += not_ascii
        if not not_ascii:
            problems += _number_problems(doc.doc_type, n, doc, today)
    for f, label in (("pass_number", A_TRAVEL_PERMIT_NUMBER), ("previous_number", THE_PREVIOUS_CARD_NUMBER)):
        value = getattr(doc, f)
        if value:
            problems += identifier_problems(normalise_id_number(value), field_name=f, label=label)
    if doc.nationality:
        problems += validate_country_code(doc.nationality, field_name="nationality")
    if doc.issuer and (doc.doc_type is DocumentType.PASSPORT or doc.source == "mrz"):
        problems += validate_country_code(doc.issuer, field_name="issuer")
    if doc.birth_date is not None and doc.birth_date > today:
        problems += validate_not_after_today(doc.birth_date, field_name="birth_date", today=today)
    elif doc.birth_date is not None and doc.birth_date < EARLIEST_BIRTH:
        problems += validate_date_range(doc.birth_date, None, start_field="birth_date", end_field="")
    if doc.long_term and doc.valid_to is not None:
        problems.append(
            Problem(
                "valid_to",
                "long_term_has_end",
                QT_TRANSLATE_NOOP("validation", "A long-term document has no end date."),
            )
        )
    problems += validate_date_range(
        doc.valid_from, doc.valid_to, start_field="valid_from", end_field="valid_to", latest=date(2100, 12, 31)
    )
    return _dedupe(problems)


def _number_problems(doc_type: DocumentType, n: str, doc: IdentityDocument, today: date) -> Problems:
    """Format and check digits of an ASCII, normalised document number."""
    problems: Problems = []
    if doc_type in (DocumentType.RESIDENT_ID, DocumentType.HMT_PERMIT, DocumentType.FOREIGNER_PR_2023):
        problems += validate_citizen_id(n, birth_date=doc.birth_date, sex=doc.sex, today=today, source=doc.source)
        if doc_type == DocumentType.HMT_PERMIT and not problems and n[:2] not in ("81", "82", "83"):
            problems.append(
                Problem(
                    "number",
                    "prefix",
                    QT_TRANSLATE_NOOP("validation", "A HK/Macau/Taiwan permit number starts with 81, 82 or 83."),
                )
            )
        if doc_type == DocumentType.FOREIGNER_PR_2023 and not problems and n[0] != "9":
            problems.append(
                Problem(
                    "number",
                    "prefix",
                    QT_TRANSLATE_NOOP("validation", "A 2023 foreigner permanent residence card number starts with 9."),
                )
            )
    elif doc_type == DocumentType.FOREIGNER_PR_2017:
        if not re.fullmatch(r"[A-Z]{3}[0-9]{12}", n):
            problems.append(
                Problem(
                    "number",
                    "format",
                    QT_TRANSLATE_NOOP("validation", "A 2017 foreigner card number is 3 letters and 12 digits."),
                )
            )
    elif doc_type == DocumentType.PASSPORT:
        if not re.fullmatch(r"[A-Z0-9<]{5,20}", n):
            problems.append(
                Problem(
                    "number",
                    "format",
                    QT_TRANSLATE_NOOP("validation", "A passport number has 5–20 letters and digits."),
                )
            )
    return problems


def validate_country_code(code: str, *, field_name: str = "nationality") -> Problems:
    """A nationality or issuing-state code as ICAO 9303 Part 3 writes it: ISO 3166-1 alpha-3 or one of
    the ICAO codes (``D`` for Germany, ``XXA``/``XXB``/``XXC``/``XXX``, ``UNO``/``UNA``/``UNK``, …)."""
    c = normalise_country_code(code)
    if is_known_code(c):
        return []
    problems = identifier_problems(c, field_name=field_name, label=A_NATIONALITY_CODE)
    return problems or [
        Problem(
            field_name,
            "unknown_code",
            QT_TRANSLATE_NOOP(
                "validation", "“{code}” is not a nationality code of ICAO 9303 (such as CHN, GBR, D, XXA, UNO)."
            ).format(code=c),
        )
    ]


def parse_visa_type(value: str | VisaType | None) -> VisaType | None:
    """`VisaType` of a stored or typed value (``"L"``, ``"l"``, ``"residence_permit"``); None for ""/None.

    Raises ValueError when it is none of them (`validate_stay` reports that beside the field)."""
    if value is None or isinstance(value, VisaType):
        return value
    text = normalise_identifier(value) if value.strip() else ""
    if not text:
        return None
    for v in VisaType:
        if text in (v.value.upper(), v.name):
            return v
    raise ValueError(value)


def validate_stay(
    *,
    visa_type: str | VisaType | None,
    visa_number: str | None,
    entry_date: date | None,
    stay_until: date | None,
    birth_date: date | None = None,
    today: date | None = None,
    required: bool = False,
) -> Problems:
    """A foreign guest's stay (出入境管理法 art. 39; 境外人员住宿登记): visa or permit type and number,
    date of entry, intended stay.

    The type is a `VisaType` (its value or name); a numbered type wants a number of 4–32 ASCII letters
    and digits (checked normalised), a visa-free entry has none. The entry is not after `today` and not
    before `birth_date`; the stay does not end before the entry. With `required` (a passport
    registration at the desk) the type, the number where the type has one, the entry and the intended
    stay must all be given; without it an absent field is no problem (a record synced or imported
    without them stays valid). Returns every problem, by field (`visa_type`, `visa_number`,
    `entry_date`, `stay_until`)."""
    today = today or date.today()
    problems: Problems = []
    kind: VisaType | None = None
    try:
        kind = parse_visa_type(visa_type)
    except ValueError:
        problems.append(
            Problem(
                "visa_type",
                "unknown_type",
                QT_TRANSLATE_NOOP("validation", "“{value}” is not a visa or permit type (such as L, M, Z, Q1, X1)."
                                  ).format(value=str(visa_type).strip()),
            )
        )
    number = normalise_identifier(visa_number) if visa_number and visa_number.strip() else ""
    if required:
        for value, name in ((visa_type, "visa_type"), (entry_date, "entry_date"), (stay_until, "stay_until")):
            if value is None or (isinstance(value, str) and not value.strip()):
                problems.append(_required_for_foreigner(name))
        if kind is not None and kind.has_number and not number:
            problems.append(_required_for_foreigner("visa_number"))
    if number:
        if kind is VisaType.VISA_FREE:
            problems.append(
                Problem(
                    "visa_number",
                    "not_numbered",
                    QT_TRANSLATE_NOOP("validation", "A visa-free entry has no visa or permit number."),
                )
            )
        elif kind is None and not problems_for(problems, "visa_type"):
            problems.append(
                Problem(
                    "visa_type",
                    "required",
                    QT_TRANSLATE_NOOP("validation", "Say which visa or permit the number belongs to."),
                )
            )
        not_ascii = identifier_problems(number, field_name="visa_number", label=A_VISA_NUMBER)
        problems += not_ascii
        if not not_ascii and not re.fullmatch(r"[A-Z0-9]{4,32}", number):
            problems.append(
                Problem(
                    "visa_number",
                    "format",
                    QT_TRANSLATE_NOOP("validation", "A visa or permit number has 4–32 letters and digits."),
                )
            )
    if entry_date is not None:
        if entry_date > today:
            problems += validate_not_after_today(entry_date, field_name="entry_date", today=today)
        if birth_date is not None and entry_date < birth_date:
            problems.append(
                Problem(
                    "entry_date",
                    "before_birth",
                    QT_TRANSLATE_NOOP("validation", "The date of entry {date} is before the date of birth ({born})."
                                      ).format(date=entry_date.isoformat(), born=birth_date.isoformat()),
                )
            )
        elif entry_date < EARLIEST_BIRTH:
            problems += validate_date_range(entry_date, None, start_field="entry_date", end_field="")
    if stay_until is not None:
        if entry_date is not None and stay_until < entry_date:
            problems.append(
                Problem(
                    "stay_until",
                    "ends_before_start",
                    QT_TRANSLATE_NOOP(
                        "validation", "The intended stay ends ({end}) before the date of entry ({start})."
                    ).format(end=stay_until.isoformat(), start=entry_date.isoformat()),
                )
            )
        problems += validate_date_range(None, stay_until, start_field="", end_field="stay_until",
                                        latest=date(2100, 12, 31))
    return _dedupe(problems)


def normalise_visa_number(number: str) -> str:
    """The stored form of a visa or permit number (identifier normalisation)."""
    return normalise_identifier(number)


def problems_for(problems: Iterable[Problem], field: str) -> Problems:
    """The problems about `field`."""
    return [p for p in problems if p.field == field]


def _required_for_foreigner(field: str) -> Problem:
    return Problem(
        field,
        "required",
        QT_TRANSLATE_NOOP("validation", "The {field} is required for a foreign national's registration.").format(
            field=field_label(field)
        ),
    )


def _dedupe(problems: Iterable[Problem]) -> Problems:
    seen: set[tuple[str, str, str]] = set()
    out: Problems = []
    for p in problems:
        key = (p.field, p.code, str(p.message))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
