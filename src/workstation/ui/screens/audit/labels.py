"""Words for the audit trail: every action code written anywhere in ``src/`` and the known keys of its details.

The stored rows are never changed (the chain is hashed); only how they are shown. `event_label(action)`
gives an action's words in the UI language; `details_text(details)` turns the JSON details some reads
record (``{"rows": 2}``, ``{"kind": "browse", ...}``) into plain words ("2 rows; search: browse"), and
leaves plain-text details as they are. ``tests/ui/test_audit_labels.py`` scans the source for every
action literal and fails when one has no label here.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication

from workstation.i18n import QT_TRANSLATE_NOOP

CTX = "AuditEvents"

#: action code → English words (translated in the "AuditEvents" context).
EVENT_LABELS: dict[str, str] = {
    "login": QT_TRANSLATE_NOOP("AuditEvents", "Logged in"),
    "database.unlock": QT_TRANSLATE_NOOP("AuditEvents", "Station unlocked"),
    "operator.change_password": QT_TRANSLATE_NOOP("AuditEvents", "Changed own password"),
    "operator.confirm": QT_TRANSLATE_NOOP("AuditEvents", "Confirmed an action with their password"),
    "operator.create": QT_TRANSLATE_NOOP("AuditEvents", "Created an operator"),
    "operator.disable": QT_TRANSLATE_NOOP("AuditEvents", "Disabled an operator"),
    "operator.enable": QT_TRANSLATE_NOOP("AuditEvents", "Enabled an operator"),
    "operator.unlock": QT_TRANSLATE_NOOP("AuditEvents", "Unlocked an operator's account"),
    "operator.reset_password": QT_TRANSLATE_NOOP("AuditEvents", "Reset an operator's password"),
    "operator.role": QT_TRANSLATE_NOOP("AuditEvents", "Changed an operator's role"),
    "person.read": QT_TRANSLATE_NOOP("AuditEvents", "Opened a resident's record"),
    "person.search": QT_TRANSLATE_NOOP("AuditEvents", "Searched residents"),
    "person.rows": QT_TRANSLATE_NOOP("AuditEvents", "Listed residents"),
    "person.count": QT_TRANSLATE_NOOP("AuditEvents", "Counted residents"),
    "person.export": QT_TRANSLATE_NOOP("AuditEvents", "Exported residents"),
    "person.create": QT_TRANSLATE_NOOP("AuditEvents", "Registered a resident"),
    "person.update": QT_TRANSLATE_NOOP("AuditEvents", "Changed a resident"),
    "person.delete": QT_TRANSLATE_NOOP("AuditEvents", "Deleted a resident"),
    "identity_document.create": QT_TRANSLATE_NOOP("AuditEvents", "Added an identity document"),
    "identity_document.update": QT_TRANSLATE_NOOP("AuditEvents", "Changed an identity document"),
    "identity_document.delete": QT_TRANSLATE_NOOP("AuditEvents", "Deleted an identity document"),
    "property.read": QT_TRANSLATE_NOOP("AuditEvents", "Opened a rental property"),
    "property.search": QT_TRANSLATE_NOOP("AuditEvents", "Searched rental properties"),
    "property.rows": QT_TRANSLATE_NOOP("AuditEvents", "Listed rental properties"),
    "property.create": QT_TRANSLATE_NOOP("AuditEvents", "Added a rental property"),
    "property.update": QT_TRANSLATE_NOOP("AuditEvents", "Changed a rental property"),
    "property.delete": QT_TRANSLATE_NOOP("AuditEvents", "Deleted a rental property"),
    "room.list": QT_TRANSLATE_NOOP("AuditEvents", "Listed rooms"),
    "room.tenancies": QT_TRANSLATE_NOOP("AuditEvents", "Listed who lives in a room"),
    "room.occupants": QT_TRANSLATE_NOOP("AuditEvents", "Listed who lives in a property's rooms"),
    "room.create": QT_TRANSLATE_NOOP("AuditEvents", "Added a room"),
    "room.update": QT_TRANSLATE_NOOP("AuditEvents", "Changed a room"),
    "room.delete": QT_TRANSLATE_NOOP("AuditEvents", "Deleted a room"),
    "declaration.compare": QT_TRANSLATE_NOOP("AuditEvents", "Compared a declaration with the record"),
    "declaration.overdue": QT_TRANSLATE_NOOP("AuditEvents", "Listed overdue declarations"),
    "declaration.late_properties": QT_TRANSLATE_NOOP("AuditEvents", "Listed landlords late declaring"),
    "declaration.create": QT_TRANSLATE_NOOP("AuditEvents", "Entered a residence declaration"),
    "declaration.update": QT_TRANSLATE_NOOP("AuditEvents", "Changed a residence declaration"),
    "declaration.delete": QT_TRANSLATE_NOOP("AuditEvents", "Deleted a residence declaration"),
    "monthly_round.read": QT_TRANSLATE_NOOP("AuditEvents", "Listed a grid's monthly round"),
    "visit_sheet.print": QT_TRANSLATE_NOOP("AuditEvents", "Printed a visit sheet"),
    "settings.change": QT_TRANSLATE_NOOP("AuditEvents", "Changed a station setting"),
    "tenancy.create": QT_TRANSLATE_NOOP("AuditEvents", "Recorded who lives where"),
    "tenancy.update": QT_TRANSLATE_NOOP("AuditEvents", "Changed a tenancy"),
    "tenancy.delete": QT_TRANSLATE_NOOP("AuditEvents", "Ended a tenancy"),
    "tenancy.move": QT_TRANSLATE_NOOP("AuditEvents", "Moved a resident to another room"),
    "tenancy.overlap_acknowledged": QT_TRANSLATE_NOOP("AuditEvents", "Accepted an overlapping tenancy"),
    "spot_check.create": QT_TRANSLATE_NOOP("AuditEvents", "Recorded a spot check"),
    "spot_check.update": QT_TRANSLATE_NOOP("AuditEvents", "Changed a spot check"),
    "spot_check.delete": QT_TRANSLATE_NOOP("AuditEvents", "Deleted a spot check"),
    "task.list": QT_TRANSLATE_NOOP("AuditEvents", "Listed tasks"),
    "task.create": QT_TRANSLATE_NOOP("AuditEvents", "Created a task"),
    "task.update": QT_TRANSLATE_NOOP("AuditEvents", "Updated a task"),
    "task.delete": QT_TRANSLATE_NOOP("AuditEvents", "Deleted a task"),
    "task.received": QT_TRANSLATE_NOOP("AuditEvents", "Task received from the platform"),
    "task.updated_by_platform": QT_TRANSLATE_NOOP("AuditEvents", "Task changed by the platform"),
    "fingerprint.read": QT_TRANSLATE_NOOP("AuditEvents", "Read fingerprints"),
    "fingerprint.create": QT_TRANSLATE_NOOP("AuditEvents", "Captured a fingerprint"),
    "fingerprint.update": QT_TRANSLATE_NOOP("AuditEvents", "Changed a fingerprint"),
    "fingerprint.delete": QT_TRANSLATE_NOOP("AuditEvents", "Deleted a fingerprint"),
    "fingerprint.skip": QT_TRANSLATE_NOOP("AuditEvents", "Registered without a fingerprint"),
    "prereg.list": QT_TRANSLATE_NOOP("AuditEvents", "Listed pre-registrations"),
    "prereg.match": QT_TRANSLATE_NOOP("AuditEvents", "Looked for a pre-registration"),
    "prereg.confirmed": QT_TRANSLATE_NOOP("AuditEvents", "Confirmed a pre-registration"),
    "prereg.rejected": QT_TRANSLATE_NOOP("AuditEvents", "Rejected a pre-registration"),
    "report.read": QT_TRANSLATE_NOOP("AuditEvents", "Read the dashboard figures"),
    "registration.blocked": QT_TRANSLATE_NOOP("AuditEvents", "Registration blocked (freeze rule)"),
    "freeze.override": QT_TRANSLATE_NOOP("AuditEvents", "Overrode the freeze rule"),
    "audit.read": QT_TRANSLATE_NOOP("AuditEvents", "Read the audit trail"),
    "audit.verify": QT_TRANSLATE_NOOP("AuditEvents", "Verified the audit trail"),
    "audit.export": QT_TRANSLATE_NOOP("AuditEvents", "Exported the audit trail"),
    "audit.anchor": QT_TRANSLATE_NOOP("AuditEvents", "Anchored the audit trail"),
    "sync.enroll": QT_TRANSLATE_NOOP("AuditEvents", "Enrolled with the platform"),
    "sync.conflict": QT_TRANSLATE_NOOP("AuditEvents", "Platform reported a conflict"),
    "sync.conflict.compare": QT_TRANSLATE_NOOP("AuditEvents", "Compared a sync conflict"),
    "sync.conflict.resolve": QT_TRANSLATE_NOOP("AuditEvents", "Resolved a sync conflict"),
    "sync.checkpoint_refused": QT_TRANSLATE_NOOP("AuditEvents", "Platform refused the audit checkpoint"),
    "sync.revoked": QT_TRANSLATE_NOOP("AuditEvents", "Platform revoked this workstation"),
    "sync.platform_key": QT_TRANSLATE_NOOP("AuditEvents", "Platform key changed"),
    "sync.offline_export": QT_TRANSLATE_NOOP("AuditEvents", "Exported batches for offline transfer"),
    "sync.offline_import": QT_TRANSLATE_NOOP("AuditEvents", "Imported receipts from offline transfer"),
    "database.backup": QT_TRANSLATE_NOOP("AuditEvents", "Backed up the station"),
    "database.restore": QT_TRANSLATE_NOOP("AuditEvents", "Restored the station"),
    "database.rekey": QT_TRANSLATE_NOOP("AuditEvents", "Changed the database key"),
    "station.init": QT_TRANSLATE_NOOP("AuditEvents", "Station set up"),
    "setting.platform": QT_TRANSLATE_NOOP("AuditEvents", "Platform setting received"),
    "device.assign": QT_TRANSLATE_NOOP("AuditEvents", "Assigned a device"),
    "device.forget": QT_TRANSLATE_NOOP("AuditEvents", "Forgot a device"),
    "device.scan": QT_TRANSLATE_NOOP("AuditEvents", "Scanned for devices"),
    "device.scanner_set": QT_TRANSLATE_NOOP("AuditEvents", "Changed the fingerprint scanner's settings"),
    "retention.purge": QT_TRANSLATE_NOOP("AuditEvents", "Purged records past retention"),
    "demo.generate": QT_TRANSLATE_NOOP("AuditEvents", "Generated demo data"),
}

#: detail key → "label: {value}" pattern (translated in the "AuditDetails" context).
DETAIL_KEYS: dict[str, str] = {
    "kind": QT_TRANSLATE_NOOP("AuditDetails", "search by: {value}"),
    "status": QT_TRANSLATE_NOOP("AuditDetails", "status: {value}"),
    "query": QT_TRANSLATE_NOOP("AuditDetails", "query: {value}"),
    "grid": QT_TRANSLATE_NOOP("AuditDetails", "grid: {value}"),
    "order": QT_TRANSLATE_NOOP("AuditDetails", "order: {value}"),
    "page": QT_TRANSLATE_NOOP("AuditDetails", "page: {value}"),
    "from_room": QT_TRANSLATE_NOOP("AuditDetails", "from room {value}"),
    "to_room": QT_TRANSLATE_NOOP("AuditDetails", "to room {value}"),
    "from_tenancy": QT_TRANSLATE_NOOP("AuditDetails", "previous tenancy: {value}"),
    "on": QT_TRANSLATE_NOOP("AuditDetails", "on {value}"),
    "round": QT_TRANSLATE_NOOP("AuditDetails", "round of {value}"),
    "number": QT_TRANSLATE_NOOP("AuditDetails", "ID number: {value}"),
    "due_from": QT_TRANSLATE_NOOP("AuditDetails", "due from {value}"),
    "due_before": QT_TRANSLATE_NOOP("AuditDetails", "due before {value}"),
    "landlord_late": QT_TRANSLATE_NOOP("AuditDetails", "landlord late: {value}"),
    "sex": QT_TRANSLATE_NOOP("AuditDetails", "sex: {value}"),
    "name": QT_TRANSLATE_NOOP("AuditDetails", "name: {value}"),
    "phone": QT_TRANSLATE_NOOP("AuditDetails", "phone: {value}"),
    "address": QT_TRANSLATE_NOOP("AuditDetails", "address: {value}"),
    "reason": QT_TRANSLATE_NOOP("AuditDetails", "reason: {value}"),
    "note": QT_TRANSLATE_NOOP("AuditDetails", "note: {value}"),
    "policy": QT_TRANSLATE_NOOP("AuditDetails", "fingerprint policy: {value}"),
    "approved_by": QT_TRANSLATE_NOOP("AuditDetails", "confirmed by {value}"),
}

#: detail key whose value is a count → "{n} …" (translated in the "AuditDetails" context).
COUNT_KEYS: dict[str, str] = {
    "rows": QT_TRANSLATE_NOOP("AuditDetails", "{n} rows"),
    "matches": QT_TRANSLATE_NOOP("AuditDetails", "{n} matches"),
    "lines": QT_TRANSLATE_NOOP("AuditDetails", "{n} lines compared"),
    "differences": QT_TRANSLATE_NOOP("AuditDetails", "{n} differences"),
    "rooms": QT_TRANSLATE_NOOP("AuditDetails", "{n} rooms"),
    "properties": QT_TRANSLATE_NOOP("AuditDetails", "{n} properties"),
    "people": QT_TRANSLATE_NOOP("AuditDetails", "{n} people"),
    "overlaps": QT_TRANSLATE_NOOP("AuditDetails", "{n} overlapping tenancies"),
}

#: target types (the About column) → words.
TARGET_TYPES: dict[str, str] = {
    "person": QT_TRANSLATE_NOOP("AuditDetails", "resident"),
    "property": QT_TRANSLATE_NOOP("AuditDetails", "property"),
    "room": QT_TRANSLATE_NOOP("AuditDetails", "room"),
    "tenancy": QT_TRANSLATE_NOOP("AuditDetails", "tenancy"),
    "operator": QT_TRANSLATE_NOOP("AuditDetails", "operator"),
    "task": QT_TRANSLATE_NOOP("AuditDetails", "task"),
    "prereg": QT_TRANSLATE_NOOP("AuditDetails", "pre-registration"),
    "device": QT_TRANSLATE_NOOP("AuditDetails", "device"),
    "declaration": QT_TRANSLATE_NOOP("AuditDetails", "declaration"),
    "fingerprint": QT_TRANSLATE_NOOP("AuditDetails", "fingerprint"),
    "identity_document": QT_TRANSLATE_NOOP("AuditDetails", "identity document"),
    "spot_check": QT_TRANSLATE_NOOP("AuditDetails", "spot check"),
    "station": QT_TRANSLATE_NOOP("AuditDetails", "station"),
    "batch": QT_TRANSLATE_NOOP("AuditDetails", "sync batch"),
    "setting": QT_TRANSLATE_NOOP("AuditDetails", "setting"),
    "audit_anchor": QT_TRANSLATE_NOOP("AuditDetails", "audit anchor"),
}

#: detail values worth words (search kinds, statuses, pages, orders).
DETAIL_VALUES: dict[str, str] = {
    "browse": QT_TRANSLATE_NOOP("AuditDetails", "browse"),
    "name": QT_TRANSLATE_NOOP("AuditDetails", "name"),
    "phone": QT_TRANSLATE_NOOP("AuditDetails", "phone"),
    "id_number": QT_TRANSLATE_NOOP("AuditDetails", "ID number"),
    "pinyin": QT_TRANSLATE_NOOP("AuditDetails", "pinyin"),
    "address": QT_TRANSLATE_NOOP("AuditDetails", "address"),
    "first": QT_TRANSLATE_NOOP("AuditDetails", "first"),
    "next": QT_TRANSLATE_NOOP("AuditDetails", "next"),
    "pending": QT_TRANSLATE_NOOP("AuditDetails", "pending"),
    "confirmed": QT_TRANSLATE_NOOP("AuditDetails", "confirmed"),
    "rejected": QT_TRANSLATE_NOOP("AuditDetails", "rejected"),
    "open": QT_TRANSLATE_NOOP("AuditDetails", "open"),
    "done": QT_TRANSLATE_NOOP("AuditDetails", "done"),
    "in_progress": QT_TRANSLATE_NOOP("AuditDetails", "in progress"),
}

#: values worth words under one key only (the codes are too short to translate everywhere): key → value → words.
KEYED_VALUES: dict[str, dict[str, str]] = {
    # fingerprint.skip: the reason codes (FingerprintSkipReason) and the station's fingerprint policy
    "reason": {
        "finger_injured": QT_TRANSLATE_NOOP("AuditDetails", "finger injured or missing"),
        "no_usable_finger": QT_TRANSLATE_NOOP("AuditDetails", "no usable finger"),
        "device_unavailable": QT_TRANSLATE_NOOP("AuditDetails", "fingerprint scanner unavailable"),
        "too_young": QT_TRANSLATE_NOOP("AuditDetails", "child under the age for fingerprints"),
        "refused": QT_TRANSLATE_NOOP("AuditDetails", "the person refused"),
        "other": QT_TRANSLATE_NOOP("AuditDetails", "other reason"),
    },
    "policy": {
        "required": QT_TRANSLATE_NOOP("AuditDetails", "required"),
        "optional": QT_TRANSLATE_NOOP("AuditDetails", "optional"),
    },
}


def _tr(ctx: str, text: str) -> str:
    return QCoreApplication.translate(ctx, str(text))


def event_label(action: str) -> str:
    """Words for an audit action in the UI language (the action code itself when it has none)."""
    text = EVENT_LABELS.get(action)
    return _tr(CTX, text) if text is not None else action


def target_type_label(target_type: str | None) -> str:
    """Words for a row's target type (the code itself when it has none; "" for None)."""
    if not target_type:
        return ""
    text = TARGET_TYPES.get(target_type)
    return _tr("AuditDetails", text) if text is not None else target_type


def _value(v: Any) -> str:
    if isinstance(v, bool):
        if v:
            return QCoreApplication.translate("AuditDetails", "yes")
        return QCoreApplication.translate("AuditDetails", "no")
    if isinstance(v, str):
        known = DETAIL_VALUES.get(v)
        return _tr("AuditDetails", known) if known is not None else v
    if isinstance(v, dict):
        return ", ".join(f"{k} {_value(x)}" for k, x in v.items() if x is not None and x != "")
    if isinstance(v, list):
        return "; ".join(_value(x) for x in v)
    return str(v)


def details_text(details: str) -> str:
    """`details` as plain words in the UI language: a JSON object becomes ``"2 rows; status: pending"``
    (known keys translated, unknown ones as ``key: value``, empty values left out); any other text is
    returned with its white space collapsed. Never raises."""
    text = " ".join((details or "").split())
    if not text.startswith("{"):
        return text
    try:
        data = json.loads(details)
    except ValueError:
        return text
    if not isinstance(data, dict):
        return text
    parts: list[str] = []
    for key, v in data.items():
        if v is None or v == "" or v == [] or v == {}:
            continue
        if key == "rows" and v == 1:
            parts.append(QCoreApplication.translate("AuditDetails", "1 row"))
        elif key in COUNT_KEYS:
            n = len(v) if isinstance(v, list | dict) else v
            parts.append(_tr("AuditDetails", COUNT_KEYS[key]).format(n=n))
        elif key in DETAIL_KEYS:
            keyed = KEYED_VALUES.get(key, {}).get(v) if isinstance(v, str) else None
            value = _tr("AuditDetails", keyed) if keyed is not None else _value(v)
            parts.append(_tr("AuditDetails", DETAIL_KEYS[key]).format(value=value))
        else:
            parts.append(f"{key}: {_value(v)}")
    return "; ".join(parts)
