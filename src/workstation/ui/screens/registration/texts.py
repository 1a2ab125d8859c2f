"""Words of the registration desk that are not tied to one widget: names of documents, fingers, sexes;
the core's messages (device steps, validation reasons) rendered in the UI's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from workstation.domain.documents import DOCUMENT_TYPE_LABELS
from workstation.domain.enums import DocumentType, FingerPosition, Sex, VisaType
from workstation.i18n import render as core_render

_C = "Registration"

_tables: dict[str, dict[Any, str]] = {}  # name → translated table, for the language in _tables_language
_tables_language: str | None = None


def _table(name: str, build: Callable[[], dict[Any, str]]) -> dict[Any, str]:
    """The table `build()` makes (its texts translated), made once per UI language: a form fills its
    lists and labels with hundreds of lookups, and each one translating the whole table again cost
    milliseconds on the GUI thread."""
    global _tables_language
    from workstation.ui import i18n

    language = i18n.current()
    if language != _tables_language:
        _tables.clear()
        _tables_language = language
    table = _tables.get(name)
    if table is None:
        table = _tables[name] = build()
    return table


def tr(text: str) -> str:
    return QCoreApplication.translate("Registration", text)


def chinese_ui() -> bool:
    """The UI speaks Chinese now (`workstation.ui.i18n` switches the language)."""
    from workstation.ui import i18n

    return i18n.is_chinese()


def with_colon(label: str) -> str:
    """A form label with the colon of the UI's language (Chinese uses the full-width "：")."""
    return QCoreApplication.translate("Registration", "%1:").replace("%1", label)


def doc_type_name(doc_type: DocumentType) -> str:
    """A document type's name in the UI language (the core's table, `documents.DOCUMENT_TYPE_LABELS`)."""
    return QCoreApplication.translate("Registration", DOCUMENT_TYPE_LABELS[doc_type])


def sex_name(sex: Sex) -> str:
    def build() -> dict[Any, str]:
        return {
            Sex.MALE: QCoreApplication.translate("Registration", "Male"),
            Sex.FEMALE: QCoreApplication.translate("Registration", "Female"),
            Sex.UNKNOWN: QCoreApplication.translate("Registration", "Not stated"),
            Sex.UNSPECIFIED: QCoreApplication.translate("Registration", "Unspecified"),
        }

    return _table("sex_name", build)[sex]


def finger_name(position: FingerPosition) -> str:
    names = {
        FingerPosition.UNKNOWN: QCoreApplication.translate("Registration", "Unknown finger"),
        FingerPosition.RIGHT_THUMB: QCoreApplication.translate("Registration", "Right thumb"),
        FingerPosition.RIGHT_INDEX: QCoreApplication.translate("Registration", "Right index finger"),
        FingerPosition.RIGHT_MIDDLE: QCoreApplication.translate("Registration", "Right middle finger"),
        FingerPosition.RIGHT_RING: QCoreApplication.translate("Registration", "Right ring finger"),
        FingerPosition.RIGHT_LITTLE: QCoreApplication.translate("Registration", "Right little finger"),
        FingerPosition.LEFT_THUMB: QCoreApplication.translate("Registration", "Left thumb"),
        FingerPosition.LEFT_INDEX: QCoreApplication.translate("Registration", "Left index finger"),
        FingerPosition.LEFT_MIDDLE: QCoreApplication.translate("Registration", "Left middle finger"),
        FingerPosition.LEFT_RING: QCoreApplication.translate("Registration", "Left ring finger"),
        FingerPosition.LEFT_LITTLE: QCoreApplication.translate("Registration", "Left little finger"),
    }
    return f"{names[position]} ({int(position)})"


def field_label(name: str) -> str:
    def build() -> dict[Any, str]:
        return {
            "doc_type": QCoreApplication.translate("Registration", "Document type"),
            "name": QCoreApplication.translate("Registration", "Name"),
            "name_latin": QCoreApplication.translate("Registration", "Name (Latin letters)"),
            "sex": QCoreApplication.translate("Registration", "Sex"),
            "birth_date": QCoreApplication.translate("Registration", "Date of birth"),
            "nationality": QCoreApplication.translate("Registration", "Nationality"),
            "number": QCoreApplication.translate("Registration", "Document number"),
            "address": QCoreApplication.translate("Registration", "Address"),
            "issuer": QCoreApplication.translate("Registration", "Issued by"),
            "valid_from": QCoreApplication.translate("Registration", "Valid from"),
            "valid_to": QCoreApplication.translate("Registration", "Valid until"),
            "pass_number": QCoreApplication.translate("Registration", "Travel permit number"),
            "issue_count": QCoreApplication.translate("Registration", "Times issued"),
            "previous_number": QCoreApplication.translate("Registration", "Previous card number"),
            "visa_type": QCoreApplication.translate("Registration", "Visa or permit type"),
            "visa_number": QCoreApplication.translate("Registration", "Visa or permit number"),
            "entry_date": QCoreApplication.translate("Registration", "Date of entry"),
            "stay_until": QCoreApplication.translate("Registration", "Intended stay until"),
            "phone": QCoreApplication.translate("Registration", "Mobile phone"),
            "employer": QCoreApplication.translate("Registration", "Employer"),
            "arrival_date": QCoreApplication.translate("Registration", "Arrival date"),
            "property": QCoreApplication.translate("Registration", "Property"),
            "room": QCoreApplication.translate("Registration", "Room"),
            "notes": QCoreApplication.translate("Registration", "Notes"),
        }

    return _table("field_label", build).get(name, name)


def list_separator() -> str:
    """Between the items of a short list in a sentence ("、" in Chinese)."""
    return QCoreApplication.translate("Registration", ", ", "list separator")


def mrz_check_label(key: str) -> str:
    """A check digit's field (a key of `IdentityDocument.mrz_checks`, see `devices.mrz.parse`) in the UI's
    language: the operator never sees the internal key."""
    from workstation.devices.mrz.parse import FIELD_LABELS as MRZ_LABELS

    marked = MRZ_LABELS.get(key)
    return problem_text(marked) if marked is not None else field_label(key)


def visa_type_name(kind: VisaType) -> str:
    """A visa category's letter and what it is for, or a permit's name (the desk's list and the record)."""
    def build() -> dict[Any, str]:
        return {
            VisaType.C: QCoreApplication.translate("Registration", "C — crew"),
            VisaType.D: QCoreApplication.translate("Registration", "D — permanent residence"),
            VisaType.F: QCoreApplication.translate("Registration", "F — exchanges and visits"),
            VisaType.G: QCoreApplication.translate("Registration", "G — transit"),
            VisaType.J1: QCoreApplication.translate("Registration", "J1 — resident journalist"),
            VisaType.J2: QCoreApplication.translate("Registration", "J2 — journalist on a short assignment"),
            VisaType.L: QCoreApplication.translate("Registration", "L — tourism"),
            VisaType.M: QCoreApplication.translate("Registration", "M — business and trade"),
            VisaType.Q1: QCoreApplication.translate("Registration", "Q1 — family reunion (long stay)"),
            VisaType.Q2: QCoreApplication.translate("Registration", "Q2 — visiting relatives (short stay)"),
            VisaType.R: QCoreApplication.translate("Registration", "R — high-level talent"),
            VisaType.S1: QCoreApplication.translate("Registration", "S1 — private affairs (long stay)"),
            VisaType.S2: QCoreApplication.translate("Registration", "S2 — private affairs (short stay)"),
            VisaType.X1: QCoreApplication.translate("Registration", "X1 — study (long term)"),
            VisaType.X2: QCoreApplication.translate("Registration", "X2 — study (short term)"),
            VisaType.Z: QCoreApplication.translate("Registration", "Z — work"),
            VisaType.RESIDENCE_PERMIT: QCoreApplication.translate("Registration", "Residence permit"),
            VisaType.STAY_PERMIT: QCoreApplication.translate("Registration", "Stay permit"),
            VisaType.VISA_FREE: QCoreApplication.translate("Registration", "Visa-free entry (no number)"),
        }

    return _table("visa_type_name", build)[kind]


def step_text(step: Any) -> str:
    """An enrolment step's message (marked by the core) in the UI's language."""
    return problem_text(step.message)


def quality_guidance(report: Any) -> str:
    """The core's guidance for a refused press (marked; "" when there is none) in the UI's language."""
    return problem_text(report.guidance) if report.guidance else ""


def error_text(exc: BaseException) -> str:
    """A user-facing error (`workstation.errors.UserFacingError` family) in the UI's language."""
    from workstation.ui.i18n import message_of

    return message_of(exc)


def problem_text(message: object) -> str:
    """A core text (marked, see `workstation.i18n`) or a text this UI already translated, in the UI's
    language."""
    from workstation.ui import i18n

    return core_render(message, i18n.current())
