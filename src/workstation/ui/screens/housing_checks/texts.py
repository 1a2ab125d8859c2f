"""Texts the housing-check dialogs share (English source, context "HousingChecks")."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from workstation.domain.enums import SpotCheckResult, TenancyRelation
from workstation.storage.areas.checks import Agreement
from workstation.storage.metrics import Rate

CTX = "HousingChecks"


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def agreement_name(a: Agreement) -> str:
    return {
        Agreement.SAME: QCoreApplication.translate("HousingChecks", "Declared as recorded"),
        Agreement.OTHER_ROOM: QCoreApplication.translate("HousingChecks", "Declared in another room"),
        Agreement.FROM_DECLARATION: QCoreApplication.translate("HousingChecks", "Recorded from a declaration"),
        Agreement.PENDING: QCoreApplication.translate("HousingChecks", "Not declared yet"),
        Agreement.OVERDUE: QCoreApplication.translate("HousingChecks", "Declaration overdue"),
        Agreement.NOT_RECORDED: QCoreApplication.translate("HousingChecks", "Declared, not recorded"),
        Agreement.MOVED_OUT: QCoreApplication.translate("HousingChecks", "Declared, moved out"),
        Agreement.NEVER_DECLARED: QCoreApplication.translate("HousingChecks", "Moved out, never declared"),
    }[Agreement(a)]


def result_name(r: SpotCheckResult | None) -> str:
    if r is None:
        return QCoreApplication.translate("HousingChecks", "Not checked")
    return {
        SpotCheckResult.CONSISTENT: QCoreApplication.translate("HousingChecks", "Consistent"),
        SpotCheckResult.INCONSISTENT: QCoreApplication.translate("HousingChecks", "Inconsistent"),
        SpotCheckResult.NOT_FOUND: QCoreApplication.translate("HousingChecks", "Not found"),
    }[SpotCheckResult(r)]


def relation_name(r: Any) -> str:
    value = getattr(r, "value", r)
    return {
        TenancyRelation.TENANT.value: QCoreApplication.translate("HousingChecks", "Tenant"),
        TenancyRelation.OWNER.value: QCoreApplication.translate("HousingChecks", "Owner"),
        TenancyRelation.FAMILY.value: QCoreApplication.translate("HousingChecks", "Family member"),
        TenancyRelation.EMPLOYEE_DORM.value: QCoreApplication.translate("HousingChecks", "Employee dormitory"),
    }.get(value, QCoreApplication.translate("HousingChecks", "Other"))


def rate_text(rate: Rate | None) -> str:
    """"66.7% (2 of 3)", or "no spot checks yet"."""
    if rate is None or not rate.denominator:
        return QCoreApplication.translate("HousingChecks", "no spot checks yet")
    text = QCoreApplication.translate("HousingChecks", "%1 (%2 of %3)")
    return text.replace("%1", rate.percent()).replace("%2", str(rate.numerator)).replace("%3", str(rate.denominator))


def day(value: date | None) -> str:
    return value.isoformat() if value else ""


def moment(value: datetime | None) -> str:
    """A UTC naive datetime in the desk's local time, to the minute."""
    if value is None:
        return ""
    from datetime import UTC

    return value.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def with_colon(text: str) -> str:
    from workstation.ui.screens.registration.texts import with_colon as colon

    return colon(text)
