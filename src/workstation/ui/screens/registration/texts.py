"""Words of the registration desk that are not tied to one widget: names of documents, fingers, sexes;
the core's messages (device steps, validation reasons) rendered in the UI's language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from workstation.domain.enums import DocumentType, FingerPosition, Sex

_C = "Registration"


def tr(text: str) -> str:
    return QCoreApplication.translate(_C, text)


def chinese_ui() -> bool:
    """The UI speaks Chinese now (`workstation.ui.i18n` switches the language)."""
    from workstation.ui import i18n

    return i18n.is_chinese()


def core_message(en: str, zh: str | None) -> str:
    """A core message given in both languages, in the UI's language."""
    return zh if (zh and chinese_ui()) else en


def doc_type_name(doc_type: DocumentType) -> str:
    names = {
        DocumentType.RESIDENT_ID: QCoreApplication.translate(_C, "Resident ID card"),
        DocumentType.HMT_PERMIT: QCoreApplication.translate(_C, "HK/Macau/Taiwan residence permit"),
        DocumentType.FOREIGNER_PR_2017: QCoreApplication.translate(_C, "Foreigner permanent residence card (2017)"),
        DocumentType.FOREIGNER_PR_2023: QCoreApplication.translate(_C, "Foreigner permanent residence card (2023)"),
        DocumentType.PASSPORT: QCoreApplication.translate(_C, "Passport"),
        DocumentType.OTHER: QCoreApplication.translate(_C, "Other document"),
    }
    return names[doc_type]


def sex_name(sex: Sex) -> str:
    names = {
        Sex.MALE: QCoreApplication.translate(_C, "Male"),
        Sex.FEMALE: QCoreApplication.translate(_C, "Female"),
        Sex.UNKNOWN: QCoreApplication.translate(_C, "Not stated"),
        Sex.UNSPECIFIED: QCoreApplication.translate(_C, "Unspecified"),
    }
    return names[sex]


def finger_name(position: FingerPosition) -> str:
    names = {
        FingerPosition.UNKNOWN: QCoreApplication.translate(_C, "Unknown finger"),
        FingerPosition.RIGHT_THUMB: QCoreApplication.translate(_C, "Right thumb"),
        FingerPosition.RIGHT_INDEX: QCoreApplication.translate(_C, "Right index finger"),
        FingerPosition.RIGHT_MIDDLE: QCoreApplication.translate(_C, "Right middle finger"),
        FingerPosition.RIGHT_RING: QCoreApplication.translate(_C, "Right ring finger"),
        FingerPosition.RIGHT_LITTLE: QCoreApplication.translate(_C, "Right little finger"),
        FingerPosition.LEFT_THUMB: QCoreApplication.translate(_C, "Left thumb"),
        FingerPosition.LEFT_INDEX: QCoreApplication.translate(_C, "Left index finger"),
        FingerPosition.LEFT_MIDDLE: QCoreApplication.translate(_C, "Left middle finger"),
        FingerPosition.LEFT_RING: QCoreApplication.translate(_C, "Left ring finger"),
        FingerPosition.LEFT_LITTLE: QCoreApplication.translate(_C, "Left little finger"),
    }
    return f"{names[position]} ({int(position)})"


def field_label(name: str) -> str:
    labels = {
        "doc_type": QCoreApplication.translate(_C, "Document type"),
        "name": QCoreApplication.translate(_C, "Name"),
        "name_latin": QCoreApplication.translate(_C, "Name (Latin letters)"),
        "sex": QCoreApplication.translate(_C, "Sex"),
        "birth_date": QCoreApplication.translate(_C, "Date of birth"),
        "nationality": QCoreApplication.translate(_C, "Nationality"),
        "number": QCoreApplication.translate(_C, "Document number"),
        "address": QCoreApplication.translate(_C, "Address"),
        "issuer": QCoreApplication.translate(_C, "Issued by"),
        "valid_from": QCoreApplication.translate(_C, "Valid from"),
        "valid_to": QCoreApplication.translate(_C, "Valid until"),
        "pass_number": QCoreApplication.translate(_C, "Travel permit number"),
        "issue_count": QCoreApplication.translate(_C, "Times issued"),
        "previous_number": QCoreApplication.translate(_C, "Previous card number"),
        "visa_type": QCoreApplication.translate(_C, "Visa or permit type"),
        "visa_number": QCoreApplication.translate(_C, "Visa or permit number"),
        "entry_date": QCoreApplication.translate(_C, "Date of entry"),
        "stay_until": QCoreApplication.translate(_C, "Intended stay until"),
        "phone": QCoreApplication.translate(_C, "Mobile phone"),
        "employer": QCoreApplication.translate(_C, "Employer"),
        "arrival_date": QCoreApplication.translate(_C, "Arrival date"),
        "property": QCoreApplication.translate(_C, "Property"),
        "room": QCoreApplication.translate(_C, "Room"),
        "notes": QCoreApplication.translate(_C, "Notes"),
    }
    return labels.get(name, name)


def visa_types() -> list[str]:
    return [
        QCoreApplication.translate(_C, "Visa"),
        QCoreApplication.translate(_C, "Residence permit"),
        QCoreApplication.translate(_C, "Stay permit"),
        QCoreApplication.translate(_C, "Visa-free entry"),
        QCoreApplication.translate(_C, "Other"),
    ]


def skip_reasons() -> list[str]:
    return [
        QCoreApplication.translate(_C, "Finger injured or missing"),
        QCoreApplication.translate(_C, "Fingerprint cannot be read (worn ridges)"),
        QCoreApplication.translate(_C, "Fingerprint scanner out of order"),
        QCoreApplication.translate(_C, "Child under the age for fingerprints"),
    ]


def step_text(step: Any) -> str:
    """An enrolment step's text in the UI's language (the core gives English and Chinese)."""
    return core_message(step.message_en, step.message_zh)


def quality_guidance(report: Any) -> str:
    en = getattr(report, "guidance_en", "") or ""
    zh = getattr(report, "guidance_zh", "") or ""
    return core_message(en, zh)


def error_text(exc: BaseException) -> str:
    """A user-facing error (`workstation.errors.UserFacingError` family) in the UI's language."""
    from workstation.ui.i18n import message_of

    return message_of(exc)


# validation reasons of `workstation.domain.validation`, translated by their English text; reasons
# with numbers in them are matched by their fixed start
def problem_text(message: str) -> str:
    translated = QCoreApplication.translate("validation", message)
    return translated
