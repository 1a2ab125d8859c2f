"""ICAO 9303 machine-readable zone parser: TD1, TD2, TD3, MRV-A and MRV-B, with every check digit.

Pure functions, no I/O. `parse_mrz(lines)` normalises what a reader delivered, detects the layout,
splits the fields and reports each check digit separately (`MrzResult.checks`, keyed by field);
a document whose check digits fail is still parsed so the officer can see which field is wrong.
Anything that is not an MRZ raises `MrzFormatError` (a `ProtocolError`) with a plain message.

Decisions (device-protocols.md §3):

* Normalisation: each line loses CR/LF, spaces (anywhere) and trailing ``_`` padding (3M pads lines
  to 30/44 with ``_``) and is upper-cased; empty lines are dropped (3M sends a missing top line as an
  empty line). Lines shorter than the layout width are padded with ``<`` (readers that drop trailing
  fillers); this is noted in `MrzResult.problems` and any damage shows in the check digits.
* Layout: 3 lines of 30 → TD1; 2 lines of 44 → TD3, or MRV-A when the code starts with ``V``;
  2 lines of 36 → TD2, or MRV-B when the code starts with ``V``. MRV has no composite check digit.
* Optional-data check digit (TD3 position 43): ``<`` or ``0`` are both accepted when the field is
  all fillers.
* Document-number overflow (TD1, and TD2 which has the same rule in 9303 Part 6): when the check
  digit position holds ``<`` and the optional data starts with a non-filler, the optional data up
  to the first ``<`` holds the remaining number characters followed by the real check digit, which
  is computed over the whole number (9 principal + overflow characters). UNVERIFIED against the
  8th-edition text.
* Dates (YYMMDD): birth dates are in the past relative to ``today`` (20YY when YY ≤ today's YY,
  else 19YY, and a further 100 years back if that is still in the future); expiry dates fall in the
  window [today - 50 years, today + 50 years). ``<<`` day/month or an impossible date gives None
  (the raw text is kept and the check digit still covers it).
* Sex: ``M``, ``F``; ``X`` and ``<`` are "unspecified".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from workstation.devices.errors import ProtocolError
from workstation.domain.countries import country_name
from workstation.domain.documents import IdentityDocument, document_validity, validity_warning
from workstation.domain.enums import DocumentType, DocumentValidity, Sex
from workstation.domain.validation import mrz_check_digit
from workstation.i18n import QT_TRANSLATE_NOOP, Listing

TD1 = "TD1"
TD2 = "TD2"
TD3 = "TD3"
MRVA = "MRV-A"
MRVB = "MRV-B"
FORMATS = (TD1, TD2, TD3, MRVA, MRVB)
LINE_COUNT = {TD1: 3, TD2: 2, TD3: 2, MRVA: 2, MRVB: 2}
LINE_WIDTH = {TD1: 30, TD2: 36, TD3: 44, MRVA: 44, MRVB: 36}

# check-digit field names (keys of MrzResult.checks and IdentityDocument.mrz_checks)
DOCUMENT_NUMBER = "document_number"
BIRTH_DATE = "birth_date"
EXPIRY_DATE = "expiry_date"
PERSONAL_NUMBER = "personal_number"
COMPOSITE = "composite"

FIELD_LABELS: dict[str, str] = {
    DOCUMENT_NUMBER: QT_TRANSLATE_NOOP("mrz", "document number"),
    BIRTH_DATE: QT_TRANSLATE_NOOP("mrz", "date of birth"),
    EXPIRY_DATE: QT_TRANSLATE_NOOP("mrz", "date of expiry"),
    PERSONAL_NUMBER: QT_TRANSLATE_NOOP("mrz", "personal number"),
    COMPOSITE: QT_TRANSLATE_NOOP("mrz", "overall check"),
}

_OCR_REPAIR = QT_TRANSLATE_NOOP("mrz", "{field}: read {read}, taken as {taken} (OCR repair; check digit matches)")

_MRZ_CHARS = re.compile(r"[0-9A-Z<]*")
_SEX = {"M": Sex.MALE, "F": Sex.FEMALE, "X": Sex.UNSPECIFIED, "<": Sex.UNSPECIFIED}


class MrzFormatError(ProtocolError):
    """The text is not a machine-readable zone (wrong line count or length, characters outside 0-9 A-Z <)."""


@dataclass(frozen=True, slots=True)
class CheckDigit:
    """One check digit: the field it protects, the characters it covers, what was printed and what it should be."""

    field: str
    data: str
    given: str
    computed: int
    ok: bool


@dataclass(frozen=True, slots=True)
class MrzResult:
    format: str  # TD1, TD2, TD3, MRV-A, MRV-B
    lines: tuple[str, ...]  # normalised lines the fields were taken from
    document_code: str  # "P", "PO", "I", "ID", "V", … (fillers removed)
    issuing_state: str  # ISO 3166-1 alpha-3 or ICAO code, fillers removed ("D" for Germany)
    surname: str
    given_names: str
    document_number: str  # fillers removed, overflow characters included
    nationality: str
    birth_date_raw: str
    birth_date: date | None
    sex_raw: str
    expiry_date_raw: str
    expiry_date: date | None
    optional_data: str  # TD3 personal number, TD2/MRV optional data, TD1 optional data 1 (after any overflow)
    optional_data_2: str  # TD1 only
    check_digits: tuple[CheckDigit, ...]
    problems: tuple[str, ...] = ()  # notes that are not check-digit failures (padding, impossible dates)
    # validity on the day it was read (from the date of expiry): EXPIRED is shown to the operator
    validity: DocumentValidity = DocumentValidity.UNKNOWN
    checks: dict[str, bool] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "checks", {c.field: c.ok for c in self.check_digits})

    @property
    def valid(self) -> bool:
        """Every check digit matches."""
        return all(c.ok for c in self.check_digits)

    @property
    def failed_fields(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.check_digits if not c.ok)

    @property
    def nationality_name(self) -> tuple[str, str] | None:
        """(English, Chinese) name of the nationality code (ICAO 9303 Part 3), None when unknown."""
        return country_name(self.nationality) if self.nationality else None

    @property
    def issuing_state_name(self) -> tuple[str, str] | None:
        """(English, Chinese) name of the issuing state or organisation, None when unknown."""
        return country_name(self.issuing_state) if self.issuing_state else None

    @property
    def validity_warning(self) -> str | None:
        """The warning for an expired or not-yet-valid document (marked), None otherwise."""
        return validity_warning(self.validity)

    @property
    def sex(self) -> Sex:
        return _SEX.get(self.sex_raw, Sex.UNKNOWN)

    @property
    def name_latin(self) -> str:
        return f"{self.surname}, {self.given_names}" if self.given_names else self.surname

    @property
    def doc_type(self) -> DocumentType:
        return DocumentType.PASSPORT if self.document_code.startswith("P") else DocumentType.OTHER

    def to_document(self) -> IdentityDocument:
        """The document as the registration form takes it; `mrz_checks` has one entry per check digit."""
        return IdentityDocument(
            doc_type=self.doc_type,
            number=self.document_number,
            name=self.name_latin,
            sex=self.sex,
            birth_date=self.birth_date,
            name_latin=self.name_latin,
            issuer=self.issuing_state or None,
            nationality=self.nationality or None,
            valid_to=self.expiry_date,
            source="mrz",
            mrz_checks=dict(self.checks),
        )


# ---- normalisation and layout detection --------------------------------------------------------
def normalise_line(line: str) -> str:
    """Unicode compatibility form (NFKC: an MRZ typed with full-width characters becomes ASCII), drop
    CR/LF, spaces and trailing ``_`` padding, upper-case."""
    s = unicodedata.normalize("NFKC", line)
    s = s.replace("\r", "").replace("\n", "").replace(" ", "").replace("\t", "")
    return s.rstrip("_").upper()


def _ascii_digits(s: str) -> bool:
    """Only ASCII digits (str.isdigit also accepts other scripts' digits, which an MRZ never holds)."""
    return bool(s) and s.isascii() and s.isdigit()


def split_lines(text: str | Sequence[str]) -> list[str]:
    raw = text.splitlines() if isinstance(text, str) else list(text)
    return [n for n in (normalise_line(str(x)) for x in raw) if n]


def detect_format(lines: Sequence[str]) -> str:
    """Layout of already-normalised, non-empty lines; MrzFormatError when it is not an MRZ shape."""
    widths = [len(x) for x in lines]
    longest = max(widths, default=0)
    fmt: str | None = None
    if len(lines) == 3 and longest == 30:
        fmt = TD1
    elif len(lines) == 2 and longest == 44:
        fmt = MRVA if lines[0].startswith("V") else TD3
    elif len(lines) == 2 and longest == 36:
        fmt = MRVB if lines[0].startswith("V") else TD2
    if fmt is None:
        shape = ", ".join(str(w) for w in widths) or "none"
        raise MrzFormatError(
            f"not a machine-readable zone: expected 3 lines of 30 characters or 2 lines of 36 or 44, "
            f"got {len(lines)} line(s) of {shape} characters"
        )
    return fmt


# ---- field helpers -----------------------------------------------------------------------------
def _check(name: str, data: str, given: str, *, filler_ok: bool = False) -> CheckDigit:
    computed = mrz_check_digit(data)
    if filler_ok and data.strip("<") == "" and given in ("<", "0"):
        return CheckDigit(name, data, given, computed, True)
    return CheckDigit(name, data, given, computed, _ascii_digits(given) and int(given) == computed)


def _strip(s: str) -> str:
    return s.replace("<", " ").strip()


def _names(s: str) -> tuple[str, str]:
    primary, _, secondary = s.partition("<<")
    return " ".join(primary.replace("<", " ").split()), " ".join(secondary.replace("<", " ").split())


def _yymmdd(raw: str) -> tuple[int, int, int] | None:
    if len(raw) != 6 or not _ascii_digits(raw):
        return None
    return int(raw[:2]), int(raw[2:4]), int(raw[4:6])


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def birth_date_from(raw: str, today: date) -> date | None:
    parts = _yymmdd(raw)
    if parts is None:
        return None
    yy, mm, dd = parts
    century = today.year - today.year % 100
    year = century + yy if yy <= today.year % 100 else century - 100 + yy
    d = _make_date(year, mm, dd)
    if d is not None and d > today:
        d = _make_date(year - 100, mm, dd)
    return d


def expiry_date_from(raw: str, today: date) -> date | None:
    parts = _yymmdd(raw)
    if parts is None:
        return None
    yy, mm, dd = parts
    low = today.year - 50
    year = low - low % 100 + yy
    if year < low:
        year += 100
    return _make_date(year, mm, dd)


# ---- the parser --------------------------------------------------------------------------------
def parse_mrz(text: str | Sequence[str], *, today: date | None = None) -> MrzResult:
    """Parse an MRZ given as lines (or one string with line breaks). Raises only `MrzFormatError`."""
    today = today or date.today()
    lines = split_lines(text)
    fmt = detect_format(lines)
    width = LINE_WIDTH[fmt]
    problems: list[str] = []
    for i, line in enumerate(lines):
        if not _MRZ_CHARS.fullmatch(line):
            bad = next(ch for ch in line if not _MRZ_CHARS.fullmatch(ch))
            raise MrzFormatError(f"unreadable character {bad!r} in MRZ line {i + 1} at position {line.index(bad) + 1}")
        if len(line) < width:
            problems.append(
                QT_TRANSLATE_NOOP("mrz", "Line {line} had {count} of {width} characters; padded with fillers.").format(
                    line=i + 1, count=len(line), width=width
                )
            )
    lines = repair_ocr([x.ljust(width, "<") for x in lines], fmt, problems)
    result = _parse_td1(lines, today, problems) if fmt == TD1 else _parse_two_line(fmt, lines, today, problems)
    return replace(result, validity=document_validity(None, result.expiry_date, today=today))


# OCR confusions repaired inside numeric fields only, and only when the check digit then matches
_OCR_DIGITS = str.maketrans("OIZSB", "01258")
_REPAIRED = "OCR repair; the check digit matches"
# per layout: (field, line, data start, data end, check position) for the all-digit fields (the dates)
_NUMERIC: dict[str, tuple[tuple[str, int, int, int, int], ...]] = {
    TD1: ((BIRTH_DATE, 1, 0, 6, 6), (EXPIRY_DATE, 1, 8, 14, 14)),
    **{f: ((BIRTH_DATE, 1, 13, 19, 19), (EXPIRY_DATE, 1, 21, 27, 27)) for f in (TD2, TD3, MRVA, MRVB)},
}


def repair_ocr(lines: list[str], fmt: str, problems: list[str]) -> list[str]:
    """Undo O/0, I/1, Z/2, S/5, B/8 misreads in the date fields and in check-digit positions when,
    and only when, the repaired field then matches its check digit. Each repair is noted in `problems`.
    Alphanumeric fields (document and personal numbers, names) are never changed."""
    rows = [list(x) for x in lines]

    def fix(name: str, line: int, a: int, b: int, c: int, *, numeric_data: bool) -> None:
        data, check = "".join(rows[line][a:b]), rows[line][c]
        new_data = data.translate(_OCR_DIGITS) if numeric_data else data
        new_check = check.translate(_OCR_DIGITS)
        if (new_data, new_check) == (data, check) or not _ascii_digits(new_check):
            return
        if not all(_ascii_digits(ch) or ch == "<" for ch in new_data) and numeric_data:
            return
        if mrz_check_digit(new_data) != int(new_check):
            return
        rows[line][a:b] = list(new_data)
        rows[line][c] = new_check
        problems.append(_OCR_REPAIR.format(field=FIELD_LABELS[name], read=data + check, taken=new_data + new_check))

    for name, line, a, b, c in _NUMERIC[fmt]:
        fix(name, line, a, b, c, numeric_data=True)
    if fmt == TD1:
        fix(DOCUMENT_NUMBER, 0, 5, 14, 14, numeric_data=False)
    else:
        fix(DOCUMENT_NUMBER, 1, 0, 9, 9, numeric_data=False)
    if fmt == TD3:
        fix(PERSONAL_NUMBER, 1, 28, 42, 42, numeric_data=False)
    composite = {TD1: (1, 29), TD2: (1, 35), TD3: (1, 43)}.get(fmt)
    if composite is not None and rows[composite[0]][composite[1]] in "OIZSB":
        line, c = composite
        joined = ["".join(r) for r in rows]
        data = _composite_data(fmt, joined)
        new_check = rows[line][c].translate(_OCR_DIGITS)
        if mrz_check_digit(data) == int(new_check):
            problems.append(_OCR_REPAIR.format(field=FIELD_LABELS[COMPOSITE], read=rows[line][c], taken=new_check))
            rows[line][c] = new_check
    return ["".join(r) for r in rows]


def _composite_data(fmt: str, lines: Sequence[str]) -> str:
    if fmt == TD1:
        l1, l2 = lines[0], lines[1]
        return l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
    l2 = lines[1]
    return l2[0:10] + l2[13:20] + (l2[21:43] if fmt == TD3 else l2[21:35])


def _dates(birth: str, expiry: str, today: date, problems: list[str]) -> tuple[date | None, date | None]:
    b = birth_date_from(birth, today)
    e = expiry_date_from(expiry, today)
    if b is None:
        problems.append(
            QT_TRANSLATE_NOOP("mrz", "date of birth '{value}' is incomplete or impossible").format(value=birth)
        )
    if e is None:
        problems.append(
            QT_TRANSLATE_NOOP("mrz", "date of expiry '{value}' is incomplete or impossible").format(value=expiry)
        )
    return b, e


def _number_with_overflow(principal: str, given: str, optional: str) -> tuple[str, str, str, str]:
    """(number, check data, check digit, optional data after the overflow) — see module docstring."""
    if given == "<" and optional[:1] not in ("", "<"):
        ext = optional.split("<", 1)[0]
        number = principal + ext[:-1]
        return number, number, ext[-1], optional[len(ext) + 1 :]
    return principal, principal, given, optional


def _parse_two_line(fmt: str, lines: list[str], today: date, problems: list[str]) -> MrzResult:
    l1, l2 = lines
    visa = fmt in (MRVA, MRVB)
    optional = l2[28:] if visa else l2[28:42] if fmt == TD3 else l2[28:35]
    number, number_data, number_check, optional_rest = l2[0:9], l2[0:9], l2[9], optional
    if fmt == TD2:
        number, number_data, number_check, optional_rest = _number_with_overflow(l2[0:9], l2[9], optional)
    checks = [
        _check(DOCUMENT_NUMBER, number_data, number_check),
        _check(BIRTH_DATE, l2[13:19], l2[19]),
        _check(EXPIRY_DATE, l2[21:27], l2[27]),
    ]
    if fmt == TD3:
        checks.append(_check(PERSONAL_NUMBER, l2[28:42], l2[42], filler_ok=True))
        checks.append(_check(COMPOSITE, _composite_data(fmt, lines), l2[43]))
    elif fmt == TD2:
        checks.append(_check(COMPOSITE, _composite_data(fmt, lines), l2[35]))
    surname, given = _names(l1[5:])
    birth, expiry = _dates(l2[13:19], l2[21:27], today, problems)
    return MrzResult(
        format=fmt,
        lines=tuple(lines),
        document_code=l1[0:2].replace("<", ""),
        issuing_state=l1[2:5].replace("<", ""),
        surname=surname,
        given_names=given,
        document_number=number.replace("<", ""),
        nationality=l2[10:13].replace("<", ""),
        birth_date_raw=l2[13:19],
        birth_date=birth,
        sex_raw=l2[20],
        expiry_date_raw=l2[21:27],
        expiry_date=expiry,
        optional_data=_strip(optional_rest),
        optional_data_2="",
        check_digits=tuple(checks),
        problems=tuple(problems),
    )


def _parse_td1(lines: list[str], today: date, problems: list[str]) -> MrzResult:
    l1, l2, l3 = lines
    number, number_data, number_check, optional_rest = _number_with_overflow(l1[5:14], l1[14], l1[15:30])
    checks = (
        _check(DOCUMENT_NUMBER, number_data, number_check),
        _check(BIRTH_DATE, l2[0:6], l2[6]),
        _check(EXPIRY_DATE, l2[8:14], l2[14]),
        _check(COMPOSITE, _composite_data(TD1, lines), l2[29]),
    )
    surname, given = _names(l3)
    birth, expiry = _dates(l2[0:6], l2[8:14], today, problems)
    return MrzResult(
        format=TD1,
        lines=tuple(lines),
        document_code=l1[0:2].replace("<", ""),
        issuing_state=l1[2:5].replace("<", ""),
        surname=surname,
        given_names=given,
        document_number=number.replace("<", ""),
        nationality=l2[15:18].replace("<", ""),
        birth_date_raw=l2[0:6],
        birth_date=birth,
        sex_raw=l2[7],
        expiry_date_raw=l2[8:14],
        expiry_date=expiry,
        optional_data=_strip(optional_rest),
        optional_data_2=_strip(l2[18:29]),
        check_digits=checks,
        problems=tuple(problems),
    )


def failed_fields_text(result: MrzResult) -> str:
    """The fields whose check digit failed, as a list in running text (marked labels, rendered per
    language: "date of birth, overall check" / "出生日期、总校验位")."""
    return Listing(FIELD_LABELS.get(f, f) for f in result.failed_fields)
