"""Words for the station's tables when a person is shown how many rows each holds.

`workstation-admin status` lists every table with its count, `purge` and `demo-data` say what they
removed or added per table: a person reads "实有人口 500", never ``person 500``. One table here,
Qt-free, marked with the core's marker (`workstation.i18n.QT_TRANSLATE_NOOP`, context ``"records"``);
the CLIs render it with `workstation.i18n.render`, the desk with its current language.
"""

from __future__ import annotations

from workstation.i18n import QT_TRANSLATE_NOOP, Text

#: table name → what its rows are, as the label of a count ("Residents: 500").
TABLE_LABELS: dict[str, Text] = {
    "person": QT_TRANSLATE_NOOP("records", "Residents"),
    "identity_document": QT_TRANSLATE_NOOP("records", "Identity documents"),
    "property": QT_TRANSLATE_NOOP("records", "Rental properties"),
    "room": QT_TRANSLATE_NOOP("records", "Rooms"),
    "tenancy": QT_TRANSLATE_NOOP("records", "Tenancies (who lives where)"),
    "declaration": QT_TRANSLATE_NOOP("records", "Landlord declarations"),
    "spot_check": QT_TRANSLATE_NOOP("records", "Spot checks"),
    "task": QT_TRANSLATE_NOOP("records", "Tasks"),
    "fingerprint": QT_TRANSLATE_NOOP("records", "Fingerprints"),
    "operator": QT_TRANSLATE_NOOP("records", "Operators"),
    "audit_event": QT_TRANSLATE_NOOP("records", "Audit trail entries"),
    "outbox": QT_TRANSLATE_NOOP("records", "Sync log entries"),
    "prereg": QT_TRANSLATE_NOOP("records", "Pre-registrations"),
}

_OTHER = QT_TRANSLATE_NOOP("records", "Other records ({table})")


def table_label(table: str) -> str:
    """The marked words for `table`'s rows (``"Residents"`` for ``"person"``); a table with no words
    here reads "Other records (<name>)" rather than its bare name. Returns a marked text: render it."""
    return TABLE_LABELS.get(table) or _OTHER.format(table=table)


__all__ = ["TABLE_LABELS", "table_label"]
