"""Words for the audit trail: every action code written anywhere in ``src/``, the target types, and
every form of details the code writes or ever wrote, in the operator's language.

Audit rows are append-only and hash-chained: they are never rewritten, only shown. Their ``details``
come in three kinds, all turned into words here at display time (`details_words`, `details_text`):

* JSON objects (``{"rows": 2, "kind": "browse"}``): known keys and values have words
  (`DETAIL_KEYS`, `COUNT_KEYS`, `DETAIL_VALUES`);
* ``key=value`` lists (``role=officer``, ``port=/dev/ttyUSB0; protocol=sam; baud=115200``, demo and
  purge counts): `KV_KEYS` gives each key words and a way to show its value;
* plain English sentences written before details were structured (``via passphrase``,
  ``changed: phone, address``, ``15 rows checked: 15 rows verified``): `LEGACY_FORMS` recognises each
  form the code ever wrote (found with ``git log -G 'details='`` and a scan of every audit writer),
  and a sentence that is the English of a marked text (a verification result, a sync refusal, a
  freeze reason) is recognised from the translation file (`_unrender`).

The other columns have words too: the target type (`TARGET_TYPES`), a target id that is a code rather
than a record's id (`TARGET_IDS`: device roles, setting keys, the anchoring row) and the outcome
(`OUTCOME_LABELS`); ``tests/sync/test_audit_words.py`` scans the writers for every target type and
outcome.

What is not recognised is shown as recorded. Qt-free, marked with the core's marker: the desk's audit
viewer (``ui/screens/audit/labels.py``) and the CLIs render the same words. It sits in the sync layer
because it names things from storage, devices and sync alike.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from workstation.devices.manager.scanner_settings import SETTING_NAMES
from workstation.devices.manager.status import ROLE_NAMES, DeviceState, role_label
from workstation.domain.documents import VALIDITY_LABELS, document_type_label
from workstation.domain.enums import DocumentValidity, Role
from workstation.domain.permissions import ROLE_LABELS
from workstation.i18n import QT_TRANSLATE_NOOP, Listing, Message, Text, catalogue, render
from workstation.storage.areas.biometrics import SKIP_REASONS
from workstation.storage.labels import table_label
from workstation.storage.station import ANCHOR_ADOPTED
from workstation.storage.vault import backend_label

#: action code → English words (translated in the "AuditEvents" context).
EVENT_LABELS: dict[str, Text] = {
    "login": QT_TRANSLATE_NOOP("AuditEvents", "Logged in"),
    "unlock": QT_TRANSLATE_NOOP("AuditEvents", "Unlocked the desk"),
    "logout": QT_TRANSLATE_NOOP("AuditEvents", "Logged out"),
    "lock": QT_TRANSLATE_NOOP("AuditEvents", "Locked the desk"),
    "lock.idle": QT_TRANSLATE_NOOP("AuditEvents", "Desk locked after idle time"),
    "database.unlock": QT_TRANSLATE_NOOP("AuditEvents", "Station unlocked"),
    "operator.change_password": QT_TRANSLATE_NOOP("AuditEvents", "Changed own password"),
    # every attempt, its outcome in the Outcome column: ok, or failed / refused / locked as a login's
    "operator.confirm": QT_TRANSLATE_NOOP("AuditEvents", "Confirmation with their password (countersigning)"),
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
    "retention.purge.dry_run": QT_TRANSLATE_NOOP("AuditEvents", "Counted what a purge would remove"),
    "demo.generate": QT_TRANSLATE_NOOP("AuditEvents", "Generated demo data"),
}

#: detail key → "label: {value}" pattern (translated in the "AuditDetails" context).
DETAIL_KEYS: dict[str, Text] = {
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
    "q": QT_TRANSLATE_NOOP("AuditDetails", "query: {value}"),
    "property": QT_TRANSLATE_NOOP("AuditDetails", "rental property: {value}"),
    "registered_on": QT_TRANSLATE_NOOP("AuditDetails", "registered on {value}"),
    "tenancy": QT_TRANSLATE_NOOP("AuditDetails", "tenancy: {value}"),
    "room": QT_TRANSLATE_NOOP("AuditDetails", "room {value}"),
    "reason": QT_TRANSLATE_NOOP("AuditDetails", "reason: {value}"),
    "note": QT_TRANSLATE_NOOP("AuditDetails", "note: {value}"),
    "policy": QT_TRANSLATE_NOOP("AuditDetails", "fingerprint policy: {value}"),
    "approved_by": QT_TRANSLATE_NOOP("AuditDetails", "confirmed by {value}"),
}

#: detail key whose value is a count → "{n} …" (translated in the "AuditDetails" context).
COUNT_KEYS: dict[str, Text] = {
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
TARGET_TYPES: dict[str, Text] = {
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

#: the station's settings (`storage.settings.DEFAULTS` keys: the targets of ``settings.change`` and
#: ``setting.platform`` rows) → words, as the Administration page's settings tab names them
SETTING_WORDS: dict[str, Text] = {
    "retention_days": QT_TRANSLATE_NOOP("AuditDetails", "days acknowledged data is kept"),
    "idle_lock_minutes": QT_TRANSLATE_NOOP("AuditDetails", "idle minutes before the desk locks"),
    "max_failed_logins": QT_TRANSLATE_NOOP("AuditDetails", "wrong passwords in a row before an account locks"),
    "lockout_minutes": QT_TRANSLATE_NOOP("AuditDetails", "minutes an account stays locked"),
    "fingerprint_policy": QT_TRANSLATE_NOOP("AuditDetails", "fingerprint at registration"),
    "store_fingerprint_images": QT_TRANSLATE_NOOP("AuditDetails", "fingerprint images kept"),
    "photo_policy": QT_TRANSLATE_NOOP("AuditDetails", "ID card photo at registration"),
    "language": QT_TRANSLATE_NOOP("AuditDetails", "language for operators who chose none"),
    "declaration_deadline_days": QT_TRANSLATE_NOOP("AuditDetails", "days a landlord has to declare a new tenant"),
    "freeze_max_unsynced_age_hours": QT_TRANSLATE_NOOP(
        "AuditDetails", "hours an unsynced change may wait before registration stops"
    ),
    "freeze_max_unsynced_records": QT_TRANSLATE_NOOP(
        "AuditDetails", "unsynced changes allowed before registration stops"
    ),
}

#: target ids that are codes rather than a record's id, by target type → words (the About column shows
#: these words instead of the code). A device row's target is the device role it is about
#: (``device.assign``: ``idcard``; a sync row's is the platform's device id, data shown as recorded); a
#: setting row's is the setting's key; the row that starts anchoring is `storage.station.ANCHOR_ADOPTED`.
TARGET_IDS: dict[str, Mapping[str, str]] = {
    ANCHOR_ADOPTED[0]: {ANCHOR_ADOPTED[1]: QT_TRANSLATE_NOOP("AuditDetails", "taken into use")},
    "device": dict(ROLE_NAMES),
    "setting": dict(SETTING_WORDS),
}

#: an event's outcome (the Outcome column) → words: every outcome the code writes (translated in the
#: "AuditEvents" context)
OUTCOME_LABELS: dict[str, Text] = {
    "ok": QT_TRANSLATE_NOOP("AuditEvents", "ok"),
    "refused": QT_TRANSLATE_NOOP("AuditEvents", "refused"),
    "failed": QT_TRANSLATE_NOOP("AuditEvents", "failed"),
    "locked": QT_TRANSLATE_NOOP("AuditEvents", "locked out"),
    "must_change": QT_TRANSLATE_NOOP("AuditEvents", "password change required"),
    "broken": QT_TRANSLATE_NOOP("AuditEvents", "broken"),
    # sync.enroll by an operator who is not an administrator
    "denied": QT_TRANSLATE_NOOP("AuditEvents", "not permitted"),
    # device.scanner_set: the scanner did not confirm the new setting
    "unconfirmed": QT_TRANSLATE_NOOP("AuditEvents", "not confirmed by the device"),
    # database.rekey given up before the new passphrase was typed back
    "abandoned": QT_TRANSLATE_NOOP("AuditEvents", "abandoned"),
}

#: detail values worth words (search kinds, statuses, pages, orders).
DETAIL_VALUES: dict[str, Text] = {
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
KEYED_VALUES: dict[str, dict[str, Text]] = {
    # fingerprint.skip: the reason codes in the words the desk offered them in (the biometrics area's
    # `SKIP_REASONS`), and the station's fingerprint policy
    "reason": {reason.value: words for reason, words in SKIP_REASONS.items()},
    "policy": {
        "required": QT_TRANSLATE_NOOP("AuditDetails", "required"),
        "optional": QT_TRANSLATE_NOOP("AuditDetails", "optional"),
    },
}


# ---- words for values inside details --------------------------------------------------------------

#: how the station was unlocked (``database.unlock``: ``via passphrase``)
UNLOCK_METHODS: dict[str, Text] = {
    "passphrase": QT_TRANSLATE_NOOP("AuditDetails", "the recovery passphrase"),
    "keyring": QT_TRANSLATE_NOOP("AuditDetails", "the key in the system keyring"),
    "created": QT_TRANSLATE_NOOP("AuditDetails", "the new station's key"),
}
#: where a registered document came from (``registered from card``)
DOCUMENT_SOURCES: dict[str, Text] = {
    "card": QT_TRANSLATE_NOOP("AuditDetails", "the ID card reader"),
    "mrz": QT_TRANSLATE_NOOP("AuditDetails", "the passport reader"),
    "manual": QT_TRANSLATE_NOOP("AuditDetails", "typed in by hand"),
}
#: device connection states (``device.scan``'s ``states=idcard:connected,…``)
DEVICE_STATES: dict[str, Text] = {
    DeviceState.SEARCHING.value: QT_TRANSLATE_NOOP("AuditDetails", "searching"),
    DeviceState.CONNECTED.value: QT_TRANSLATE_NOOP("AuditDetails", "connected"),
    DeviceState.DISCONNECTED.value: QT_TRANSLATE_NOOP("AuditDetails", "disconnected"),
    DeviceState.RECONNECTING.value: QT_TRANSLATE_NOOP("AuditDetails", "reconnecting"),
    DeviceState.NOT_FOUND.value: QT_TRANSLATE_NOOP("AuditDetails", "not found"),
}
#: a record's fields, as the ``changed: a, b`` of an update names them (the columns of the synced tables)
FIELD_WORDS: dict[str, Text] = {
    "address": QT_TRANSLATE_NOOP("AuditFields", "address"),
    "arrival_date": QT_TRANSLATE_NOOP("AuditFields", "date of arrival"),
    "assistant_username": QT_TRANSLATE_NOOP("AuditFields", "assistant"),
    "birth_date": QT_TRANSLATE_NOOP("AuditFields", "date of birth"),
    "capacity": QT_TRANSLATE_NOOP("AuditFields", "capacity"),
    "captured_at": QT_TRANSLATE_NOOP("AuditFields", "time captured"),
    "checked_at": QT_TRANSLATE_NOOP("AuditFields", "time checked"),
    "completed_at": QT_TRANSLATE_NOOP("AuditFields", "time completed"),
    "completed_by": QT_TRANSLATE_NOOP("AuditFields", "completed by"),
    "declarant_name": QT_TRANSLATE_NOOP("AuditFields", "declarant's name"),
    "declarant_phone": QT_TRANSLATE_NOOP("AuditFields", "declarant's phone"),
    "declared_on": QT_TRANSLATE_NOOP("AuditFields", "date declared"),
    "details": QT_TRANSLATE_NOOP("AuditFields", "details"),
    "device": QT_TRANSLATE_NOOP("AuditFields", "device"),
    "district_code": QT_TRANSLATE_NOOP("AuditFields", "district code"),
    "doc_type": QT_TRANSLATE_NOOP("AuditFields", "document type"),
    "due_date": QT_TRANSLATE_NOOP("AuditFields", "due date"),
    "employer": QT_TRANSLATE_NOOP("AuditFields", "employer"),
    "end_date": QT_TRANSLATE_NOOP("AuditFields", "end date"),
    "entries": QT_TRANSLATE_NOOP("AuditFields", "declared tenants"),
    "entry_date": QT_TRANSLATE_NOOP("AuditFields", "date of entry"),
    "grid_code": QT_TRANSLATE_NOOP("AuditFields", "grid"),
    "household_address": QT_TRANSLATE_NOOP("AuditFields", "household registration address"),
    "image_enc": QT_TRANSLATE_NOOP("AuditFields", "fingerprint image"),
    "issue_count": QT_TRANSLATE_NOOP("AuditFields", "number of issues"),
    "issuer": QT_TRANSLATE_NOOP("AuditFields", "issuing authority"),
    "kind": QT_TRANSLATE_NOOP("AuditFields", "kind"),
    "label": QT_TRANSLATE_NOOP("AuditFields", "room number"),
    "landlord_id_number": QT_TRANSLATE_NOOP("AuditFields", "landlord's ID number"),
    "landlord_name": QT_TRANSLATE_NOOP("AuditFields", "landlord's name"),
    "landlord_phone": QT_TRANSLATE_NOOP("AuditFields", "landlord's phone"),
    "long_term": QT_TRANSLATE_NOOP("AuditFields", "valid long-term"),
    "manager_name": QT_TRANSLATE_NOOP("AuditFields", "manager's name"),
    "manager_phone": QT_TRANSLATE_NOOP("AuditFields", "manager's phone"),
    "name": QT_TRANSLATE_NOOP("AuditFields", "name"),
    "name_initials": QT_TRANSLATE_NOOP("AuditFields", "name initials"),
    "name_initials_alt": QT_TRANSLATE_NOOP("AuditFields", "name initials"),
    "name_latin": QT_TRANSLATE_NOOP("AuditFields", "name in Latin letters"),
    "name_pinyin": QT_TRANSLATE_NOOP("AuditFields", "name in pinyin"),
    "name_pinyin_alt": QT_TRANSLATE_NOOP("AuditFields", "name in pinyin"),
    "nationality": QT_TRANSLATE_NOOP("AuditFields", "nationality"),
    "notes": QT_TRANSLATE_NOOP("AuditFields", "notes"),
    "number": QT_TRANSLATE_NOOP("AuditFields", "document number"),
    "pass_number": QT_TRANSLATE_NOOP("AuditFields", "travel permit number"),
    "person_id": QT_TRANSLATE_NOOP("AuditFields", "resident"),
    "phone": QT_TRANSLATE_NOOP("AuditFields", "mobile number"),
    "platform_id": QT_TRANSLATE_NOOP("AuditFields", "platform's number"),
    "position": QT_TRANSLATE_NOOP("AuditFields", "finger"),
    "previous_number": QT_TRANSLATE_NOOP("AuditFields", "previous card number"),
    "property_id": QT_TRANSLATE_NOOP("AuditFields", "rental property"),
    "quality": QT_TRANSLATE_NOOP("AuditFields", "quality"),
    "received_at": QT_TRANSLATE_NOOP("AuditFields", "time received"),
    "relation": QT_TRANSLATE_NOOP("AuditFields", "relation"),
    "result": QT_TRANSLATE_NOOP("AuditFields", "result"),
    "result_notes": QT_TRANSLATE_NOOP("AuditFields", "notes on the result"),
    "room_id": QT_TRANSLATE_NOOP("AuditFields", "room"),
    "sex": QT_TRANSLATE_NOOP("AuditFields", "sex"),
    "source": QT_TRANSLATE_NOOP("AuditFields", "source"),
    "start_date": QT_TRANSLATE_NOOP("AuditFields", "start date"),
    "status": QT_TRANSLATE_NOOP("AuditFields", "status"),
    "stay_until": QT_TRANSLATE_NOOP("AuditFields", "intended stay until"),
    "subject_ref": QT_TRANSLATE_NOOP("AuditFields", "subject"),
    "subject_type": QT_TRANSLATE_NOOP("AuditFields", "kind of subject"),
    "template_enc": QT_TRANSLATE_NOOP("AuditFields", "fingerprint template"),
    "tenancy_id": QT_TRANSLATE_NOOP("AuditFields", "tenancy"),
    "title": QT_TRANSLATE_NOOP("AuditFields", "title"),
    "valid_from": QT_TRANSLATE_NOOP("AuditFields", "valid from"),
    "valid_to": QT_TRANSLATE_NOOP("AuditFields", "valid to"),
    "validity_at_registration": QT_TRANSLATE_NOOP("AuditFields", "validity when registered"),
    "visa_number": QT_TRANSLATE_NOOP("AuditFields", "visa or permit number"),
    "visa_type": QT_TRANSLATE_NOOP("AuditFields", "visa or permit type"),
}
_YES = QT_TRANSLATE_NOOP("AuditDetails", "yes")
_NO = QT_TRANSLATE_NOOP("AuditDetails", "no")
_ALL = QT_TRANSLATE_NOOP("AuditDetails", "all")
_NONE = QT_TRANSLATE_NOOP("AuditDetails", "none")
_NOT_SHOWN = QT_TRANSLATE_NOOP("AuditDetails", "not shown")
_ON_CONNECT = QT_TRANSLATE_NOOP("AuditDetails", "when it connects")
_SERIAL = QT_TRANSLATE_NOOP("AuditDetails", "serial number {number}")
_PORT = QT_TRANSLATE_NOOP("AuditDetails", "{device} ({extra})")
_ROLE_STATE = QT_TRANSLATE_NOOP("AuditDetails", "{device} {state}")
_ASSIGNMENT = QT_TRANSLATE_NOOP("AuditDetails", "{port}, {protocol}, {baud} baud")
_ASSIGNMENT_EXPLICIT = QT_TRANSLATE_NOOP("AuditDetails", "{port}, {protocol}, {baud} baud, assigned by hand")
_ASSIGNMENT_REMEMBERED = QT_TRANSLATE_NOOP("AuditDetails", "{port}, {protocol}, {baud} baud, remembered")
_KV = QT_TRANSLATE_NOOP("AuditDetails", "{label}: {value}")
_COUNT = QT_TRANSLATE_NOOP("AuditDetails", "{label} {count}")


#: what a registration that the freeze rule stopped was doing (``registration.blocked``)
GUARDED: dict[str, Text] = {
    "register resident": QT_TRANSLATE_NOOP("AuditDetails", "registering a resident"),
    "bind resident to room": QT_TRANSLATE_NOOP("AuditDetails", "binding a resident to a room"),
    "move tenant to another room": QT_TRANSLATE_NOOP("AuditDetails", "moving a tenant to another room"),
}


def _unrender(english: str, depth: int = 0) -> str:
    """`english` as the marked text it is the English of (see `_unrender_cached`), else itself."""
    return _unrender_cached(english, depth)


def _words(table: dict[str, Text]) -> Callable[[str], str]:
    return lambda v: table.get(v.strip(), v)


def _role(value: str) -> str:
    try:
        return ROLE_LABELS[Role(value.strip())]
    except ValueError:
        return value


def _yes_no(value: str) -> str:
    v = value.strip().lower()
    return _YES if v in ("yes", "true", "1") else _NO if v in ("no", "false", "0") else value


def _port(value: str) -> str:
    """``/dev/ttyUSB0 (1a86:7523, serial A5XK3)`` (`PortInfo.label`) with "serial" in words."""
    m = re.fullmatch(r"(\S+) \((.*)\)", value.strip())
    if m is None:
        return value
    extra = [_SERIAL.format(number=x[len("serial ") :]) if x.startswith("serial ") else x for x in m[2].split(", ")]
    return _PORT.format(device=m[1], extra=Listing(extra))


def _assignment(value: str) -> str:
    """``/dev/ttyUSB0 sam 115200 baud explicit`` (an assignment in the CLI's English) or ``none``."""
    v = value.strip()
    if v in ("none", "-", ""):
        return _NONE
    m = re.fullmatch(r"(.+?) (\w+) (\d+) baud(?: (explicit|remembered))?", v)
    if m is None:
        return value
    text = {"explicit": _ASSIGNMENT_EXPLICIT, "remembered": _ASSIGNMENT_REMEMBERED}.get(m[4] or "", _ASSIGNMENT)
    return text.format(port=_port(m[1]), protocol=m[2].upper(), baud=m[3])


def _states(value: str) -> str:
    """``idcard:connected,fingerprint:not_found`` (``device.scan``)."""
    parts = []
    for item in value.split(","):
        role, _, state = item.partition(":")
        if not state:
            return value
        parts.append(_ROLE_STATE.format(device=role_label(role.strip()), state=DEVICE_STATES.get(state, state)))
    return Listing(parts)


def _fields(value: str) -> str:
    return Listing([FIELD_WORDS.get(f.strip(), f.strip()) for f in value.split(",") if f.strip()])


def _time(value: str) -> str:
    """An ISO time as written (``2026-11-30T08:00:00.123+00:00``) → ``2026-11-30 08:00``."""
    m = re.match(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)", value.strip())
    return f"{m[1]} {m[2]}" if m else value


#: a setting's value as a ``settings.change`` / ``setting.platform`` row writes it (Python's repr:
#: ``'optional'``, ``True``, ``''``) → words; numbers are shown as written
SETTING_VALUES: dict[str, Text] = {
    "'required'": QT_TRANSLATE_NOOP("AuditDetails", "required"),
    "'optional'": QT_TRANSLATE_NOOP("AuditDetails", "optional"),
    "'off'": QT_TRANSLATE_NOOP("AuditDetails", "not taken"),
    "'show'": QT_TRANSLATE_NOOP("AuditDetails", "shown"),
    "'hide'": QT_TRANSLATE_NOOP("AuditDetails", "not shown"),
    "''": QT_TRANSLATE_NOOP("AuditDetails", "the computer's language"),
    "'zh_CN'": QT_TRANSLATE_NOOP("AuditDetails", "Chinese"),
    "'en'": QT_TRANSLATE_NOOP("AuditDetails", "English"),
    "True": QT_TRANSLATE_NOOP("AuditDetails", "yes"),
    "False": QT_TRANSLATE_NOOP("AuditDetails", "no"),
}


def _setting_value(value: str) -> str:
    return SETTING_VALUES.get(value.strip(), value)


def _checked(value: str) -> str:
    return _ON_CONNECT if value.strip() == "on connect" else _yes_no(value)


@dataclass(frozen=True)
class _Key:
    label: Text
    value: Callable[[str], str] = str


#: ``key=value`` keys the code writes (operators, devices, scanner settings) → words and value.
KV_KEYS: dict[str, _Key] = {
    "role": _Key(QT_TRANSLATE_NOOP("AuditDetails", "role"), _role),
    "port": _Key(QT_TRANSLATE_NOOP("AuditDetails", "port"), _port),
    "protocol": _Key(QT_TRANSLATE_NOOP("AuditDetails", "protocol"), lambda v: v.upper()),
    "baud": _Key(QT_TRANSLATE_NOOP("AuditDetails", "baud rate")),
    "checked": _Key(QT_TRANSLATE_NOOP("AuditDetails", "checked"), _checked),
    "was": _Key(QT_TRANSLATE_NOOP("AuditDetails", "before"), _assignment),
    "os_user": _Key(QT_TRANSLATE_NOOP("AuditDetails", "system user")),
    "extra_ports": _Key(
        QT_TRANSLATE_NOOP("AuditDetails", "ports named by hand"), lambda v: _NONE if v.strip() == "-" else v
    ),
    "found": _Key(QT_TRANSLATE_NOOP("AuditDetails", "devices found")),
    "states": _Key(QT_TRANSLATE_NOOP("AuditDetails", "states"), _states),
    "setting": _Key(QT_TRANSLATE_NOOP("AuditDetails", "setting"), _words(SETTING_NAMES)),
    "old": _Key(QT_TRANSLATE_NOOP("AuditDetails", "before"), lambda v: _unrender(v)),
    "new": _Key(QT_TRANSLATE_NOOP("AuditDetails", "after"), lambda v: _unrender(v)),
    "remembered_baud": _Key(
        QT_TRANSLATE_NOOP("AuditDetails", "remembered baud rate"), lambda v: _NONE if v.strip() == "-" else v
    ),
    "seed": _Key(QT_TRANSLATE_NOOP("AuditDetails", "random seed")),
}


# ---- plain-English details the code writes or wrote -------------------------------------------------
@dataclass(frozen=True)
class LegacyForm:
    """One way the code wrote details in English: `pattern` (a regular expression, matched whole, its
    named groups the parameters) → `text` (marked; its placeholders are the groups), each group shown
    through `values` when given there. `actions`: the audit actions it was written for (None: any)."""

    pattern: str
    text: Text
    values: dict[str, Callable[[str], str]]
    actions: tuple[str, ...] | None = None

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.DOTALL)


def _form(pattern: str, text: Text, actions: Iterable[str] | None = None, **values: Callable[[str], str]) -> LegacyForm:
    return LegacyForm(pattern, text, values, tuple(actions) if actions is not None else None)


def _verify_message(value: str) -> str:
    return _unrender(value)


#: a conflict decision's choice (``sync.conflicts.CHOICES``)
CONFLICT_CHOICES: dict[str, Text] = {
    "accepted the platform's version": QT_TRANSLATE_NOOP("AuditDetails", "accepted the platform's version"),
    "kept this station's version": QT_TRANSLATE_NOOP("AuditDetails", "kept this station's version"),
}
#: what a conflict decision did (``sync.conflicts.OUTCOMES`` keys)
CONFLICT_OUTCOMES: dict[str, Text] = {
    "sent_delete": QT_TRANSLATE_NOOP("AuditDetails", "the deletion sent again"),
    "sent_station": QT_TRANSLATE_NOOP("AuditDetails", "this station's version sent again"),
    "sent_station_restore": QT_TRANSLATE_NOOP("AuditDetails", "this station's version sent again, restoring it"),
    "deleted_person_here": QT_TRANSLATE_NOOP("AuditDetails", "the resident deleted here too"),
    "deleted_here": QT_TRANSLATE_NOOP("AuditDetails", "deleted here too"),
    "restored_here": QT_TRANSLATE_NOOP("AuditDetails", "restored here"),
    "took_platform": QT_TRANSLATE_NOOP("AuditDetails", "the platform's version taken"),
}
_REPLACED = QT_TRANSLATE_NOOP("AuditDetails", "{outcome}, {n} unsent changes replaced")


def _outcome(value: str) -> str:
    code, _, rest = value.partition(", ")
    words = CONFLICT_OUTCOMES.get(code, code)
    m = re.fullmatch(r"(\d+) unsent changes replaced", rest)
    return _REPLACED.format(outcome=words, n=int(m[1])) if m else words


def _counts(value: str) -> str:
    """``person=5, identity_document=5`` → "Residents 5, Identity documents 5"."""
    items = []
    for item in value.split(","):
        key, sep, n = item.strip().partition("=")
        if not sep:
            return value
        items.append(_COUNT.format(label=table_label(key), count=n))
    return Listing(items)


_ANY = "(?P<{0}>.+)"
#: Every plain-English details form the code writes or ever wrote, most specific first. A clause of
#: details joined by "; " is matched on its own when the whole does not match.
LEGACY_FORMS: tuple[LegacyForm, ...] = (
    # station, keys, backups
    _form(
        r"via (?P<method>\w+)",
        QT_TRANSLATE_NOOP("AuditDetails", "opened with {method}"),
        ["database.unlock"],
        method=_words(UNLOCK_METHODS),
    ),
    _form(r"demo station", QT_TRANSLATE_NOOP("AuditDetails", "a demo station")),
    _form(
        r"key backend (?P<backend>\S+)",
        QT_TRANSLATE_NOOP("AuditDetails", "key storage: {backend}"),
        backend=backend_label,
    ),
    _form(
        r"the audit trail's head is anchored in workstation\.db\.anchor from here on",
        QT_TRANSLATE_NOOP("AuditDetails", "from here on the end of the audit trail is also kept in the anchor file"),
    ),
    _form(
        r"abandoned before the new passphrase was confirmed",
        QT_TRANSLATE_NOOP("AuditDetails", "abandoned before the new passphrase was confirmed"),
    ),
    _form(
        r"new master key: database key, audit MAC, fingerprint and device-key wrapping",
        QT_TRANSLATE_NOOP(
            "AuditDetails", "new master key for the database, the audit trail, fingerprints and device keys"
        ),
    ),
    _form(r"new master key", QT_TRANSLATE_NOOP("AuditDetails", "new master key")),
    _form(r"audit row (?P<seq>\d+|None)", QT_TRANSLATE_NOOP("AuditDetails", "audit trail up to entry {seq}")),
    _form(
        r"from (?P<folder>.+) made (?P<made>\S+)",
        QT_TRANSLATE_NOOP("AuditDetails", "from {folder}, made {made}"),
        ["database.restore"],
        made=_time,
    ),
    # operators and logins
    _form(
        r"(?P<old>admin|supervisor|officer|assistant) -> (?P<new>admin|supervisor|officer|assistant)",
        QT_TRANSLATE_NOOP("AuditDetails", "from {old} to {new}"),
        ["operator.role"],
        old=_role,
        new=_role,
    ),
    _form(r"was locked", QT_TRANSLATE_NOOP("AuditDetails", "the account was locked")),
    _form(r"was not locked", QT_TRANSLATE_NOOP("AuditDetails", "the account was not locked")),
    _form(r"unknown or disabled account", QT_TRANSLATE_NOOP("AuditDetails", "no such account, or a disabled one")),
    # what a supervisor's confirmation was for (`operators.confirm` purpose; the first form until 2026-12)
    _form(
        r"(?:confirmed a )?registration without a fingerprint",
        QT_TRANSLATE_NOOP("AuditDetails", "for a registration without a fingerprint"),
    ),
    _form(
        r"lockout until (?P<until>\S+)",
        QT_TRANSLATE_NOOP("AuditDetails", "locked out until {until} (UTC)"),
        until=_time,
    ),
    # records
    _form(
        r"registered from (?P<source>\w+)",
        QT_TRANSLATE_NOOP("AuditDetails", "registered from {source}"),
        source=_words(DOCUMENT_SOURCES),
    ),
    _form(
        r"(?P<doc_type>[a-z_0-9]+) (?P<number>\S+) validity (?P<validity>[a-z_]+)",
        QT_TRANSLATE_NOOP("AuditDetails", "{doc_type} {number}, {validity}"),
        ["identity_document.create"],
        doc_type=document_type_label,
        validity=lambda v: (
            VALIDITY_LABELS.get(DocumentValidity(v), v) if v in {x.value for x in DocumentValidity} else v
        ),
    ),
    _form(
        r"(?P<doc_type>[a-z_0-9]+) (?P<number>\S+)",
        QT_TRANSLATE_NOOP("AuditDetails", "{doc_type} {number}"),
        ["identity_document.create"],
        doc_type=document_type_label,
    ),
    _form(
        r"finger (?P<position>\d+) quality (?P<quality>\d+)",
        QT_TRANSLATE_NOOP("AuditDetails", "finger position {position}, quality {quality}"),
    ),
    _form(r"(?P<n>\d+) tenants declared", QT_TRANSLATE_NOOP("AuditDetails", "{n} tenants declared")),
    _form(r"changed: (?P<fields>[a-z_, ]+)", QT_TRANSLATE_NOOP("AuditDetails", "changed: {fields}"), fields=_fields),
    _form(r"current residence", QT_TRANSLATE_NOOP("AuditDetails", "current residence changed")),
    _form(r"moved to room (?P<room>.+)", QT_TRANSLATE_NOOP("AuditDetails", "moved to room {room}")),
    _form(r"room (?P<old>.+) -> (?P<new>.+)", QT_TRANSLATE_NOOP("AuditDetails", "room {old} renamed {new}")),
    _form(r"room (?P<room>.+)", QT_TRANSLATE_NOOP("AuditDetails", "room {room}"), ["room.delete"]),
    _form(r"resident deleted", QT_TRANSLATE_NOOP("AuditDetails", "the resident was deleted")),
    # reads, exports and verification of the trail
    _form(
        r"(?P<n>\d+) rows checked: (?P<message>.*)",
        QT_TRANSLATE_NOOP("AuditDetails", "{n} entries checked: {message}"),
        ["audit.verify"],
        message=_verify_message,
    ),
    _form(
        r"(?P<n>\d+) rows checked, first broken row (?P<first>\d+): (?P<message>.*)",
        QT_TRANSLATE_NOOP("AuditDetails", "{n} entries checked, the first broken one is {first}: {message}"),
        ["audit.verify"],
        message=_verify_message,
    ),
    _form(
        r"(?P<n>\d+) rows, (?P<what>.+), to (?P<file>[^,]+)",
        QT_TRANSLATE_NOOP("AuditDetails", "{n} entries ({what}) to {file}"),
        ["audit.export"],
        what=lambda v: _filter(v),
    ),
    _form(
        r"(?P<n>\d+) rows, (?P<what>.+)",
        QT_TRANSLATE_NOOP("AuditDetails", "{n} entries ({what})"),
        ["audit.read"],
        what=lambda v: _filter(v),
    ),
    _form(
        r"(?P<n>\d+) rows of (?P<target>.+)",
        QT_TRANSLATE_NOOP("AuditDetails", "{n} entries about {target}"),
        ["audit.read"],
    ),
    _form(r"(?P<n>\d+) rows", QT_TRANSLATE_NOOP("AuditDetails", "{n} entries"), ["audit.read", "audit.export"]),
    _form(
        r"(?P<n>\d+) residents, grid (?P<grid>.+)",
        QT_TRANSLATE_NOOP("AuditDetails", "{n} residents, grid {grid}"),
        grid=lambda v: _ALL if v == "all" else v,
    ),
    _form(
        r"retention (?P<days>\d+) days, cutoff (?P<cutoff>[\d-]+): (?P<counts>.*)",
        QT_TRANSLATE_NOOP("AuditDetails", "kept {days} days, older than {cutoff}: {counts}"),
        counts=_counts,
    ),
    _form(
        r"(?P<counts>\w+=\d+(?:, \w+=\d+)*) seed=(?P<seed>\d+)",
        QT_TRANSLATE_NOOP("AuditDetails", "{counts}; random seed {seed}"),
        counts=_counts,
    ),
    # settings
    _form(
        r"set by the platform to (?P<value>.*)",
        QT_TRANSLATE_NOOP("AuditDetails", "set by the platform to {value}"),
        value=_setting_value,
    ),
    _form(
        r"(?P<old>.*) -> (?P<new>.*)",
        QT_TRANSLATE_NOOP("AuditDetails", "from {old} to {new}"),
        ["settings.change"],
        old=_setting_value,
        new=_setting_value,
    ),
    # sync
    _form(
        r"enrolled with (?P<url>\S+) \(platform key (?P<key>[^)]+)\)",
        QT_TRANSLATE_NOOP("AuditDetails", "enrolled with {url} (platform key {key})"),
    ),
    _form(
        r"replaces device (?P<device>\S+) at (?P<url>\S+)",
        QT_TRANSLATE_NOOP("AuditDetails", "replaces device {device} at {url}"),
    ),
    _form(
        r"enrollment with (?P<url>\S+) refused: not an administrator",
        QT_TRANSLATE_NOOP("AuditDetails", "enrollment with {url} refused: not an administrator"),
    ),
    _form(
        r"already enrolled as (?P<device>\S+)", QT_TRANSLATE_NOOP("AuditDetails", "already enrolled as device {device}")
    ),
    _form(r"replacement not asked for", QT_TRANSLATE_NOOP("AuditDetails", "replacing it was not asked for")),
    _form(
        r"replacing (?P<device>\S+) was not confirmed",
        QT_TRANSLATE_NOOP("AuditDetails", "replacing device {device} was not confirmed"),
    ),
    _form(
        r"CA fingerprint of (?P<url>\S+) does not match",
        QT_TRANSLATE_NOOP("AuditDetails", "the CA fingerprint of {url} does not match"),
    ),
    _form(
        r"(?P<url>\S+) sent an inconsistent key id",
        QT_TRANSLATE_NOOP("AuditDetails", "{url} sent an inconsistent key id"),
    ),
    _form(
        r"(?P<url>https?://\S+) refused: (?P<reason>.+)", QT_TRANSLATE_NOOP("AuditDetails", "{url} refused: {reason}")
    ),
    _form(
        r"(?P<url>https?://\S+): (?P<error>.+)",
        QT_TRANSLATE_NOOP("AuditDetails", "{url}: {error}"),
        error=lambda v: _unrender(v),
    ),
    _form(
        r"the platform reports this device revoked",
        QT_TRANSLATE_NOOP("AuditDetails", "the platform reports this workstation revoked"),
    ),
    _form(
        r"(?P<reason>checkpoint_behind|checkpoint_fork): ours (?P<ours>\S+), platform (?P<platform>\S+)",
        QT_TRANSLATE_NOOP("AuditDetails", "{reason}: this station's entry {ours}, the platform's {platform}"),
        reason=_words(
            {
                "checkpoint_behind": QT_TRANSLATE_NOOP("AuditDetails", "the audit trail went back"),
                "checkpoint_fork": QT_TRANSLATE_NOOP("AuditDetails", "the audit trail forked"),
            }
        ),
    ),
    _form(
        r"not applied: (?P<reason>.+)",
        QT_TRANSLATE_NOOP("AuditDetails", "not applied: {reason}"),
        reason=lambda v: _unrender(v),
    ),
    _form(
        r"platform has version (?P<version>\S+)",
        QT_TRANSLATE_NOOP("AuditDetails", "the platform has version {version}"),
    ),
    _form(
        r"ours (?P<version>\S+) was based on (?P<base>\S+)",
        QT_TRANSLATE_NOOP("AuditDetails", "ours, version {version}, was based on version {base}"),
    ),
    _form(
        r"ours (?P<ours>\S+), platform (?P<platform>.+)",
        QT_TRANSLATE_NOOP("AuditDetails", "this station's version {ours}, the platform's {platform}"),
        platform=lambda v: _NOT_SHOWN if v == "not shown" else v,
    ),
    # a conflict decided on the Sync page (sync.conflicts): the choice, an optional note, what was done
    _form(
        r"(?P<choice>accepted the platform's version|kept this station's version) \((?P<outcome>[a-z_]+(?:, \d+ "
        r"unsent changes replaced)?)\)",
        QT_TRANSLATE_NOOP("AuditDetails", "{choice} ({outcome})"),
        choice=_words(CONFLICT_CHOICES),
        outcome=lambda v: _outcome(v),
    ),
    _form(
        r"(?P<choice>accepted the platform's version|kept this station's version): (?P<note>.*) \((?P<outcome>"
        r"[a-z_]+(?:, \d+ unsent changes replaced)?)\)",
        QT_TRANSLATE_NOOP("AuditDetails", "{choice}: {note} ({outcome})"),
        choice=_words(CONFLICT_CHOICES),
        outcome=lambda v: _outcome(v),
    ),
    _form(
        r"sync conflict: this station's version sent again",
        QT_TRANSLATE_NOOP("AuditDetails", "sync conflict: this station's version sent again"),
    ),
    _form(
        r"sync conflict: the platform's version taken",
        QT_TRANSLATE_NOOP("AuditDetails", "sync conflict: the platform's version taken"),
    ),
    _form(
        r"resident deleted on the platform \(sync conflict decided\)",
        QT_TRANSLATE_NOOP("AuditDetails", "the resident was deleted on the platform (a sync conflict decided)"),
    ),
    _form(r"restored", QT_TRANSLATE_NOOP("AuditDetails", "restored")),
    _form(r"no field changed here", QT_TRANSLATE_NOOP("AuditDetails", "no field changed here")),
    _form(r"accepted the platform's version", QT_TRANSLATE_NOOP("AuditDetails", "accepted the platform's version")),
    _form(
        r"accepted the platform's version: (?P<note>.*)",
        QT_TRANSLATE_NOOP("AuditDetails", "accepted the platform's version: {note}"),
    ),
    _form(
        r"kept this station's version; the platform's record is to be corrected",
        QT_TRANSLATE_NOOP("AuditDetails", "kept this station's version; the platform's record is to be corrected"),
    ),
    _form(
        r"kept this station's version; the platform's record is to be corrected: (?P<note>.*)",
        QT_TRANSLATE_NOOP(
            "AuditDetails", "kept this station's version; the platform's record is to be corrected: {note}"
        ),
    ),
    _form(
        r"platform key (?P<old>\S+) -> (?P<new>\S+)",
        QT_TRANSLATE_NOOP("AuditDetails", "platform key {old} replaced by {new}"),
    ),
    _form(
        r"pre-registration from the platform", QT_TRANSLATE_NOOP("AuditDetails", "pre-registration from the platform")
    ),
    _form(r"reason: (?P<reason>.*)", QT_TRANSLATE_NOOP("AuditDetails", "reason: {reason}")),
    _form(
        r"(?P<n>\d+) sealed batches to (?P<folder>.+)",
        QT_TRANSLATE_NOOP("AuditDetails", "{n} sealed batches to {folder}"),
    ),
    _form(
        r"(?P<n>\d+) batches acknowledged from receipts in (?P<folder>.+)",
        QT_TRANSLATE_NOOP("AuditDetails", "{n} batches acknowledged from receipts in {folder}"),
    ),
    _form(
        r"until (?P<until>\S+): (?P<reason>.*) \(state: (?P<state>.*)\)",
        QT_TRANSLATE_NOOP("AuditDetails", "until {until}: {reason} (then: {state})"),
        ["freeze.override"],
        until=_time,
        state=lambda v: _unrender(v),
    ),
    _form(
        r"(?P<what>[^:]+): (?P<message>.*)",
        QT_TRANSLATE_NOOP("AuditDetails", "{what}: {message}"),
        ["registration.blocked"],
        what=_words(GUARDED),
        message=lambda v: _unrender(v),
    ),
)

#: the audit viewer's event kinds (`storage.areas.supervision.AUDIT_KINDS` keys and "refused"), in words
KIND_LABELS: dict[str, Text] = {
    "sign_in": QT_TRANSLATE_NOOP("AuditPage", "Logins and unlocking"),
    "read": QT_TRANSLATE_NOOP("AuditPage", "Reads of personal data"),
    "change": QT_TRANSLATE_NOOP("AuditPage", "Changes to records"),
    "export": QT_TRANSLATE_NOOP("AuditPage", "Exports"),
    "sync": QT_TRANSLATE_NOOP("AuditPage", "Sync with the platform"),
    "admin": QT_TRANSLATE_NOOP("AuditPage", "Administration"),
    "refused": QT_TRANSLATE_NOOP("AuditPage", "Refused or failed"),
}

#: ``_describe_filter``'s words (``operator li, kind sync, from 2026-01-01T00:00``) → words
_FILTER_WORDS: dict[str, Text] = {
    "operator": QT_TRANSLATE_NOOP("AuditDetails", "operator {value}"),
    "about": QT_TRANSLATE_NOOP("AuditDetails", "about {value}"),
    "kind": QT_TRANSLATE_NOOP("AuditDetails", "kind {value}"),
    "from": QT_TRANSLATE_NOOP("AuditDetails", "from {value}"),
    "until": QT_TRANSLATE_NOOP("AuditDetails", "until {value}"),
}
_NO_FILTER = QT_TRANSLATE_NOOP("AuditDetails", "no filter")


def _filter(value: str) -> str:
    if value.strip() == "no filter":
        return _NO_FILTER
    parts = []
    for item in value.split(", "):
        name, _, v = item.partition(" ")
        text = _FILTER_WORDS.get(name)
        if text is None or not v:
            return value
        shown = KIND_LABELS.get(v, v) if name == "kind" else _time(v)
        parts.append(text.format(value=shown))
    return Listing(parts)


# ---- the English of a marked text, recognised ---------------------------------------------------------
#: contexts whose marked texts are written into details as their English (verification results, sync
#: refusals and errors, freeze reasons, device and validation messages)
UNRENDER_CONTEXTS = ("audit", "sync", "platform", "supervision", "errors", "validation", "storage", "scanner")


@functools.lru_cache(maxsize=1)
def _known_texts() -> tuple[dict[str, Text], list[tuple[re.Pattern[str], Text]]]:
    """(English source → marked text) of the `UNRENDER_CONTEXTS` texts without placeholders, and
    (regex, marked text) for those with, longest literal first. Read from the Chinese catalogue's keys."""
    exact: dict[str, Text] = {}
    patterns: list[tuple[int, re.Pattern[str], Text]] = []
    for context, source, disambiguation in catalogue("zh_CN").sources():
        if context not in UNRENDER_CONTEXTS:
            continue
        text = Text(context, source, disambiguation)
        parts = re.split(r"(\{[a-z_]+(?::[^}]*)?\})", source)
        if len(parts) == 1:
            exact.setdefault(source, text)
            continue
        literal = "".join(p for i, p in enumerate(parts) if i % 2 == 0)
        if sum(ch.isalpha() for ch in literal) < 4:
            continue  # "{a}: {b}" would match anything
        regex, seen = "", set()
        for i, p in enumerate(parts):
            if i % 2 == 0:
                regex += re.escape(p)
                continue
            name = p[1:-1].split(":")[0]
            regex += f"(?P={name})" if name in seen else f"(?P<{name}>.+?)"
            seen.add(name)
        patterns.append((len(literal), re.compile(regex + r"\Z", re.DOTALL), text))
    patterns.sort(key=lambda t: -t[0])
    return exact, [(r, t) for _, r, t in patterns]


@functools.lru_cache(maxsize=4096)
def _unrender_cached(english: str, depth: int) -> str:
    """`english` as the marked text it is the English of (its parameters recognised in turn), a list of
    such texts joined by "; ", or `english` itself when it is none of these."""
    value = english.strip()
    exact, patterns = _known_texts()
    if value in exact:
        return exact[value]
    if depth > 3:
        return english
    # a list of marked texts first: a pattern's last placeholder would otherwise swallow the items after it
    for sep, kind in (("; ", "semicolon"), (", ", "comma")):
        if sep in value:
            parts = [_unrender(p, depth + 1) for p in value.split(sep)]
            if all(isinstance(p, Text | Message) for p in parts):
                return Listing(parts, kind)
    for regex, text in patterns:
        m = regex.match(value)
        if m is not None:
            return Message(text, {k: _param(v, depth + 1) for k, v in m.groupdict().items()})
    return english


def _param(value: str, depth: int) -> object:
    """A recognised parameter: a number as a number (a format such as ``{hours:.0f}`` needs one), else
    the marked text it is the English of, else itself."""
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return _unrender(value, depth)


def _legacy(clause: str, action: str | None, *, whole: bool = False) -> str | None:
    """The first of `LEGACY_FORMS` that `clause` is, in words; None when none. `whole`: `clause` is a
    whole details text holding "; " — only forms written for `action` or holding "; " themselves may
    take all of it (another would swallow several clauses in one group)."""
    for form in LEGACY_FORMS:
        if form.actions is not None and (action is None or action not in form.actions):
            continue
        if whole and form.actions is None and "; " not in form.pattern:
            continue
        m = form.regex.fullmatch(clause)
        if m is None:
            continue
        params = {
            k: (form.values[k](v) if k in form.values and v is not None else (v or ""))
            for k, v in m.groupdict().items()
        }
        return form.text.format(**params)
    return None


_KV_ITEM = re.compile(r"([a-z_]+)=([^;]*)")


def _kv(clause: str) -> str | None:
    m = _KV_ITEM.fullmatch(clause)
    if m is None:
        return None
    key, value = m[1], m[2]
    if key in KV_KEYS:
        spec = KV_KEYS[key]
        return _KV.format(label=spec.label, value=spec.value(value))
    if key in FIELD_WORDS or key in COUNT_KEYS:
        return None
    try:
        return _COUNT.format(label=table_label(key), count=int(value)) if key in _TABLES else None
    except ValueError:
        return None


_TABLES = {
    "person",
    "identity_document",
    "property",
    "room",
    "tenancy",
    "declaration",
    "spot_check",
    "task",
    "fingerprint",
    "outbox",
    "operator",
    "audit_event",
    "prereg",
}


def _plain(details: str, action: str | None) -> str:
    text = " ".join(details.split())
    whole = _legacy(text, action, whole="; " in text) or _kv(text)
    if whole is not None:
        return whole
    if re.fullmatch(r"\w+=[^,;]*(?:, \w+=[^,;]*)+", text):  # demo counts without a seed
        return _counts(text)
    clauses = text.split("; ")
    if len(clauses) > 1:
        shown = [_legacy(c, action) or _kv(c) or _unrender(c) for c in clauses]
        return Listing(shown, "semicolon")
    found = _unrender(text)
    return found


# ---- JSON details -----------------------------------------------------------------------------------
def _value(v: Any) -> str:
    if isinstance(v, bool):
        return _YES if v else _NO
    if isinstance(v, str):
        return DETAIL_VALUES.get(v, v)
    if isinstance(v, dict):
        return Listing(
            [_COUNT.format(label=_key_words(k), count=_value(x)) for k, x in v.items() if x is not None and x != ""]
        )
    if isinstance(v, list):
        return Listing([_value(x) for x in v], "semicolon")
    return str(v)


def _key_words(key: str) -> str:
    return TARGET_TYPES.get(key) or FIELD_WORDS.get(key) or key


def _json_words(data: dict[str, Any]) -> str:
    parts: list[str] = []
    for key, v in data.items():
        if v is None or v == "" or v == [] or v == {}:
            continue
        if key == "rows" and v == 1:
            parts.append(_ONE_ROW)
        elif key in COUNT_KEYS:
            n = len(v) if isinstance(v, list | dict) else v
            parts.append(COUNT_KEYS[key].format(n=n))
        elif key in DETAIL_KEYS:
            keyed = KEYED_VALUES.get(key, {}).get(v) if isinstance(v, str) else None
            parts.append(DETAIL_KEYS[key].format(value=keyed if keyed is not None else _value(v)))
        else:
            parts.append(_KV.format(label=_key_words(key), value=_value(v)))
    return Listing(parts, "semicolon")


_ONE_ROW = QT_TRANSLATE_NOOP("AuditDetails", "1 row")


# ---- what the viewer and the CLIs call ------------------------------------------------------------------
def event_label(action: str) -> str:
    """The marked words for an audit action (`EVENT_LABELS`); the action code itself when it has none."""
    return EVENT_LABELS.get(action, action)


def target_type_label(target_type: str | None) -> str:
    """The marked words for a row's target type (the code itself when it has none; "" for None)."""
    if not target_type:
        return ""
    return TARGET_TYPES.get(target_type, target_type)


def target_id_label(target_type: str | None, target_id: str | None) -> str | None:
    """The marked words for a row's target id when that id is a code (`TARGET_IDS`: a device role, a
    setting's key, the anchoring row's ``adopted``); None when it is a record's id or a name (data, shown
    as recorded)."""
    if not target_type or not target_id:
        return None
    return TARGET_IDS.get(target_type, {}).get(target_id)


def outcome_label(outcome: str) -> str:
    """The marked words for a row's outcome (`OUTCOME_LABELS`); the code itself when it has none."""
    return OUTCOME_LABELS.get(outcome, outcome)


@functools.lru_cache(maxsize=8192)
def details_words(details: str, action: str | None = None) -> str:
    """A row's `details` as a marked text to render (``str`` is English): JSON objects, ``key=value``
    lists and every known plain-English form in words (see the module's doc); `action` (the row's)
    tells apart forms only one action wrote. Anything else is returned with its white space collapsed.
    Never raises."""
    text = " ".join((details or "").split())
    if not text:
        return ""
    try:
        if text.startswith("{"):
            try:
                data = json.loads(details)
            except ValueError:
                return text
            return _json_words(data) if isinstance(data, dict) else text
        return _plain(text, action)
    except Exception:  # a display must never fail over an odd row; show it as recorded
        return text


def details_text(details: str, lang: str | None = None, action: str | None = None) -> str:
    """`details_words` rendered in `lang` (None: the operator's language)."""
    return render(details_words(details, action), lang)


__all__ = [
    "COUNT_KEYS",
    "DETAIL_KEYS",
    "DETAIL_VALUES",
    "EVENT_LABELS",
    "FIELD_WORDS",
    "KIND_LABELS",
    "KV_KEYS",
    "LEGACY_FORMS",
    "OUTCOME_LABELS",
    "SETTING_VALUES",
    "SETTING_WORDS",
    "TARGET_IDS",
    "TARGET_TYPES",
    "LegacyForm",
    "details_text",
    "details_words",
    "event_label",
    "outcome_label",
    "target_id_label",
    "target_type_label",
]
