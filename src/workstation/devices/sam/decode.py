"""Decoding (and, for emulators and tests, encoding) of the card's text, fingerprint and photo blocks.

Text block: 256 bytes of UTF-16LE, space padded; the character at bytes 248–249 tells the layout:
'J' HK/Macau/Taiwan residence permit, 'I' foreigner permanent residence card (2017), 'Y' foreigner
permanent residence ID card (2023), anything else a resident ID card.

BOUNDARY: the resident ID card carries an ethnic-group code (bytes 32–35). It is read past on the
wire and dropped here; it never reaches `IdentityDocument`, `CardRead` or anything stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from workstation.domain.documents import CardFingerprint, IdentityDocument, validity_warning
from workstation.domain.enums import DocumentType, DocumentValidity, FingerPosition, Sex
from workstation.domain.validation import Problems, validate_document
from workstation.errors import Problem, field_label
from workstation.i18n import QT_TRANSLATE_NOOP

TEXT_LEN = 256
PHOTO_LEN = 1024
FINGERPRINT_LEN = 1024
FINGER_RECORD_LEN = 512
LONG_TERM = "长期"

PHOTO_DECODER_MISSING = QT_TRANSLATE_NOOP(
    "sam",
    "The photo on the card is stored in the vendor's WLT format. The vendor WLT decoder library is not "
    "installed, so the photo cannot be shown; the rest of the card was read normally.",
)


# ---- layouts: (name, byte offset, byte length) --------------------------------------------------
_RESIDENT = {
    "name": (0, 30),
    "sex": (30, 2),
    # (32, 4): ethnic group code — deliberately not decoded into anything
    "birth": (36, 16),
    "address": (52, 70),
    "number": (122, 36),
    "issuer": (158, 30),
    "valid_from": (188, 16),
    "valid_to": (204, 16),
}
_HMT = {
    **{k: v for k, v in _RESIDENT.items()},
    "pass_number": (220, 18),
    "issue_count": (238, 4),
}
_FOREIGNER_2017 = {
    "name_latin": (0, 120),
    "sex": (120, 2),
    "number": (122, 30),
    "nationality": (152, 6),
    "name": (158, 30),
    "valid_from": (188, 16),
    "valid_to": (204, 16),
    "birth": (220, 16),
    "card_version": (236, 4),
    "authority_code": (240, 8),
}
_FOREIGNER_2023 = {
    "name": (0, 30),
    "sex": (30, 2),
    "renewal_count": (32, 4),
    "birth": (36, 16),
    "name_latin_1": (52, 70),
    "number": (122, 36),
    "valid_from": (188, 16),
    "valid_to": (204, 16),
    "name_latin_2": (220, 22),
    "nationality": (242, 6),
    "previous_number": (250, 6),
}
TYPE_FLAG_OFFSET = 248
TYPE_FLAGS = {"J": DocumentType.HMT_PERMIT, "I": DocumentType.FOREIGNER_PR_2017, "Y": DocumentType.FOREIGNER_PR_2023}
_LAYOUTS = {
    DocumentType.RESIDENT_ID: _RESIDENT,
    DocumentType.HMT_PERMIT: _HMT,
    DocumentType.FOREIGNER_PR_2017: _FOREIGNER_2017,
    DocumentType.FOREIGNER_PR_2023: _FOREIGNER_2023,
}
_SEX = {"1": Sex.MALE, "2": Sex.FEMALE, "9": Sex.UNSPECIFIED, "0": Sex.UNKNOWN}


@dataclass(frozen=True, slots=True)
class CardRead:
    """One card as read: the document, validation problems (never raised) and raw block facts."""

    document: IdentityDocument
    problems: Problems = field(default_factory=list)
    raw_fingerprint_len: int = 0
    # the document's validity on the day it was read: EXPIRED / NOT_YET_VALID are shown to the operator
    validity: DocumentValidity = DocumentValidity.UNKNOWN

    @property
    def validity_warning(self) -> str | None:
        """(English, Chinese) warning for an expired or not-yet-valid card, None otherwise."""
        return validity_warning(self.validity)

    @property
    def ok(self) -> bool:
        return not self.problems


def _field(block: bytes, off: int, size: int) -> str:
    """UTF-16LE text, trailing spaces (and NULs) stripped — never cut at the first space."""
    raw = block[off : off + size]
    return raw.decode("utf-16-le", errors="replace").rstrip(" \x00")


def card_type(block: bytes) -> DocumentType:
    if len(block) < TEXT_LEN:
        return DocumentType.RESIDENT_ID
    flag = block[TYPE_FLAG_OFFSET : TYPE_FLAG_OFFSET + 2].decode("utf-16-le", errors="replace")
    return TYPE_FLAGS.get(flag, DocumentType.RESIDENT_ID)


def _date(value: str, label: str, problems: Problems) -> date | None:
    if not value:
        return None
    if len(value) == 8 and value.isascii() and value.isdigit():
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            pass
    problems.append(
        Problem(
            label,
            "date",
            QT_TRANSLATE_NOOP("sam", "The card's {field} '{value}' is not a valid date.").format(
                field=field_label(label), value=value
            ),
        )
    )
    return None


def _int(value: str) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() else None


def decode_text_block(block: bytes) -> tuple[IdentityDocument, Problems]:
    """The 256-byte text block → IdentityDocument(source="card") plus decoding problems."""
    problems: Problems = []
    if len(block) != TEXT_LEN:
        problems.append(
            Problem(
                "",
                "length",
                QT_TRANSLATE_NOOP("sam", "The card's text block has {count} bytes instead of {expected}.").format(
                    count=len(block), expected=TEXT_LEN
                ),
            )
        )
        block = block[:TEXT_LEN] + b"\x20" * (TEXT_LEN - len(block[:TEXT_LEN]))
    doc_type = card_type(block)
    f = {k: _field(block, off, size) for k, (off, size) in _LAYOUTS[doc_type].items()}
    valid_to_raw = f["valid_to"]
    long_term = valid_to_raw.startswith(LONG_TERM)
    valid_to = None if long_term else _date(valid_to_raw, "valid_to", problems)
    common: dict[str, object] = {
        "doc_type": doc_type,
        "number": f["number"].upper(),
        "sex": _SEX.get(f["sex"], Sex.UNKNOWN),
        "birth_date": _date(f["birth"], "birth_date", problems),
        "valid_from": _date(f["valid_from"], "valid_from", problems),
        "valid_to": valid_to,
        "long_term": long_term,
        "source": "card",
    }
    if doc_type in (DocumentType.RESIDENT_ID, DocumentType.HMT_PERMIT):
        doc = IdentityDocument(
            name=f["name"],
            address=f["address"] or None,
            issuer=f["issuer"] or None,
            pass_number=(f.get("pass_number") or None),
            issue_count=_int(f.get("issue_count", "")),
            **common,  # type: ignore[arg-type]
        )
    elif doc_type == DocumentType.FOREIGNER_PR_2017:
        doc = IdentityDocument(
            name=f["name"] or f["name_latin"],
            name_latin=f["name_latin"] or None,
            nationality=f["nationality"] or None,
            **common,  # type: ignore[arg-type]
        )
    else:
        # the English name is split over two fields: join the raw 35 + 11 characters, then strip
        latin = (
            block[52:122].decode("utf-16-le", errors="replace") + block[220:242].decode("utf-16-le", errors="replace")
        ).rstrip(" \x00")
        doc = IdentityDocument(
            name=f["name"] or latin,
            name_latin=latin or None,
            nationality=f["nationality"] or None,
            issue_count=_int(f["renewal_count"]),
            previous_number=f["previous_number"] or None,
            **common,  # type: ignore[arg-type]
        )
    return doc, problems


# ---- fingerprints --------------------------------------------------------------------------------
def decode_fingerprints(block: bytes) -> tuple[CardFingerprint, ...]:
    """1024 bytes = two 512-byte records; a record without the 'C' marker is absent."""
    out: list[CardFingerprint] = []
    for i in range(0, len(block) - FINGER_RECORD_LEN + 1, FINGER_RECORD_LEN):
        rec = block[i : i + FINGER_RECORD_LEN]
        if rec[0] != 0x43:
            continue
        code = rec[5]
        out.append(
            CardFingerprint(
                position=FingerPosition.from_chinese_code(code),
                chinese_code=code,
                quality=rec[6] if rec[6] <= 100 else 0,
                registered=rec[4] == 0x01,
                features=bytes(rec),
            )
        )
    return tuple(out)


def encode_fingerprint_record(chinese_code: int, *, quality: int = 80, registered: bool = True, seed: int = 0) -> bytes:
    """A synthetic 512-byte record ('C' marker, result, position, quality, filler, CRC byte)."""
    rec = bytearray(FINGER_RECORD_LEN)
    rec[0] = 0x43
    rec[1] = 0x01
    rec[4] = 0x01 if registered else 0x02
    rec[5] = chinese_code
    rec[6] = quality
    for j in range(7, 511):
        rec[j] = (j * 31 + seed * 17 + chinese_code) & 0xFF
    rec[511] = 0
    for b in rec[:511]:  # stand-in CRC byte: the real CRC-8 polynomial is not documented
        rec[511] ^= b
    return bytes(rec)


def encode_fingerprint_block(fingers: Sequence[CardFingerprint]) -> bytes:
    """Fingerprint block for an emulated card: b"" for none, else 1024 bytes (up to two records)."""
    if not fingers:
        return b""
    recs = [
        f.features
        if len(f.features) == FINGER_RECORD_LEN
        else encode_fingerprint_record(f.chinese_code, quality=f.quality, registered=f.registered, seed=n)
        for n, f in enumerate(fingers[:2])
    ]
    return b"".join(recs).ljust(FINGERPRINT_LEN, b"\x00")


# ---- photo ---------------------------------------------------------------------------------------
PhotoDecoder = Callable[[bytes], bytes | None]
_photo_decoder: PhotoDecoder | None = None


def register_photo_decoder(decoder: PhotoDecoder | None) -> None:
    """Install (or with None remove) a WLT → BMP decoder, e.g. a wrapper around the vendor library."""
    global _photo_decoder
    _photo_decoder = decoder


def photo_decoder_available() -> bool:
    return _photo_decoder is not None


def decode_photo(blob: bytes) -> bytes | None:
    """BMP bytes from the WLT blob, or None when no decoder is installed (see PHOTO_DECODER_MISSING)."""
    if _photo_decoder is None or not blob:
        return None
    return _photo_decoder(blob)


# ---- whole card ----------------------------------------------------------------------------------
def decode_card(text: bytes, photo: bytes = b"", fingerprint: bytes = b"", *, today: date | None = None) -> CardRead:
    doc, problems = decode_text_block(text)
    doc = doc.with_changes(photo=photo or None, fingerprints=decode_fingerprints(fingerprint))
    problems = problems + [p for p in validate_document(doc, today=today) if p not in problems]
    return CardRead(document=doc, problems=problems, raw_fingerprint_len=len(fingerprint), validity=doc.validity(today))


# ---- encoder (inverse of decode_text_block; for emulators and tests) ----------------------------
def _put(block: bytearray, off: int, size: int, value: str) -> None:
    raw = value.encode("utf-16-le")
    if len(raw) > size:
        raise ValueError(f"{value!r} does not fit in {size // 2} characters")
    block[off : off + size] = raw + b"\x20\x00" * ((size - len(raw)) // 2)


def _d(value: date | None) -> str:
    return value.strftime("%Y%m%d") if value is not None else ""


def encode_text_block(
    doc: IdentityDocument,
    *,
    ethnicity: str = "01",
    card_version: str = "20",
    authority_code: str = "0000",
) -> bytes:
    """256-byte UTF-16LE text block for `doc` in the layout its doc_type selects.

    `ethnicity` is only written on the wire of a resident ID card, as real cards carry it; the
    decoder drops it.
    """
    b = bytearray(b"\x20\x00" * (TEXT_LEN // 2))
    valid_to = LONG_TERM if doc.long_term else _d(doc.valid_to)
    t = doc.doc_type
    if t in (DocumentType.RESIDENT_ID, DocumentType.HMT_PERMIT):
        lay = _LAYOUTS[t]
        values = {
            "name": doc.name,
            "sex": doc.sex.value,
            "birth": _d(doc.birth_date),
            "address": doc.address or "",
            "number": doc.number,
            "issuer": doc.issuer or "",
            "valid_from": _d(doc.valid_from),
            "valid_to": valid_to,
        }
        if t == DocumentType.RESIDENT_ID:
            _put(b, 32, 4, ethnicity)
        else:
            values["pass_number"] = doc.pass_number or ""
            values["issue_count"] = f"{doc.issue_count:02d}" if doc.issue_count is not None else ""
            _put(b, TYPE_FLAG_OFFSET, 2, "J")
        for k, v in values.items():
            _put(b, *lay[k], v)
    elif t == DocumentType.FOREIGNER_PR_2017:
        lay = _FOREIGNER_2017
        for k, v in {
            "name_latin": doc.name_latin or "",
            "sex": doc.sex.value,
            "number": doc.number,
            "nationality": doc.nationality or "",
            "name": doc.name if doc.name != doc.name_latin else "",
            "valid_from": _d(doc.valid_from),
            "valid_to": valid_to,
            "birth": _d(doc.birth_date),
            "card_version": card_version,
            "authority_code": authority_code,
        }.items():
            _put(b, *lay[k], v)
        _put(b, TYPE_FLAG_OFFSET, 2, "I")
    elif t == DocumentType.FOREIGNER_PR_2023:
        lay = _FOREIGNER_2023
        latin = doc.name_latin or ""
        if len(latin) > 46:
            raise ValueError("English name longer than 46 characters")
        for k, v in {
            "name": doc.name if doc.name != latin else "",
            "sex": doc.sex.value,
            "renewal_count": f"{doc.issue_count:02d}" if doc.issue_count is not None else "",
            "birth": _d(doc.birth_date),
            "name_latin_1": latin[:35],
            "number": doc.number,
            "valid_from": _d(doc.valid_from),
            "valid_to": valid_to,
            "name_latin_2": latin[35:],
            "nationality": doc.nationality or "",
            "previous_number": doc.previous_number or "",
        }.items():
            _put(b, *lay[k], v)
        _put(b, TYPE_FLAG_OFFSET, 2, "Y")
    else:
        raise ValueError(f"{t} is not an ID card type")
    return bytes(b)
