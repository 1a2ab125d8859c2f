"""Words for the audit trail in the desk's language: the core's tables (`workstation.sync.audit_words`,
which the CLIs use too) rendered in the UI's current language.

The stored rows are never changed (the chain is hashed); only how they are shown. `event_label(action)`
gives an action's words; `details_text(details, action)` turns a row's details — JSON
(``{"rows": 2}``), ``key=value`` lists (``role=officer``) and the plain English older rows hold
(``via passphrase``) — into plain words; `target_type_label`, `target_id_label` and `outcome_label`
give the About and Outcome columns' words. ``tests/ui/test_audit_labels.py`` scans the source for every
action literal and fails when one has no label in the core's table.
"""

from __future__ import annotations

from workstation.i18n import render
from workstation.sync import audit_words
from workstation.sync.audit_words import COUNT_KEYS, DETAIL_KEYS, DETAIL_VALUES, EVENT_LABELS, TARGET_TYPES
from workstation.ui import i18n as ui_i18n

__all__ = [
    "COUNT_KEYS",
    "DETAIL_KEYS",
    "DETAIL_VALUES",
    "EVENT_LABELS",
    "TARGET_TYPES",
    "details_text",
    "event_label",
    "outcome_label",
    "target_id_label",
    "target_type_label",
]


def event_label(action: str) -> str:
    """Words for an audit action in the UI language (the action code itself when it has none)."""
    return render(audit_words.event_label(action), ui_i18n.current())


def target_type_label(target_type: str | None) -> str:
    """Words for a row's target type (the code itself when it has none; "" for None)."""
    return render(audit_words.target_type_label(target_type), ui_i18n.current())


def target_id_label(target_type: str | None, target_id: str | None) -> str | None:
    """Words for a row's target id when it is a code (a device role, a setting, the anchoring row), in
    the UI language; None when it is a record's id or a name (`audit_words.target_id_label`)."""
    words = audit_words.target_id_label(target_type, target_id)
    return None if words is None else render(words, ui_i18n.current())


def outcome_label(outcome: str) -> str:
    """Words for a row's outcome in the UI language (the code itself when it has none)."""
    return render(audit_words.outcome_label(outcome), ui_i18n.current())


def details_text(details: str, action: str | None = None) -> str:
    """`details` (of a row with `action`) as plain words in the UI language (`audit_words.details_words`).
    Never raises."""
    return render(audit_words.details_words(details, action), ui_i18n.current())
