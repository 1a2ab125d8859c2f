"""The sync ledger's stored error texts (English, from `workstation.sync.client.plain_error` and the
client's refusals) in the UI language: the known causes are recognised and said in the operator's
words; anything else goes through the core catalogue (`ui.i18n.message_of`) or is shown as stored."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from workstation import i18n as core_i18n
from workstation.ui import i18n


def plain_sync_error(text: str | None) -> str:
    """One sentence saying why the last send failed, in the UI language ("" for None)."""
    if not text:
        return ""
    low = text.lower()
    if "connection dropped" in low:
        return QCoreApplication.translate("SyncErrors", "The connection dropped during the transfer.")
    if "could not be reached" in low:
        return QCoreApplication.translate(
            "SyncErrors", "The central platform could not be reached (no network, or the platform is down)."
        )
    if "did not answer in time" in low:
        return QCoreApplication.translate("SyncErrors", "The central platform did not answer in time.")
    if "certificate" in low:
        return QCoreApplication.translate(
            "SyncErrors", "The platform's certificate is not the one this workstation trusts. Call the administrator."
        )
    if low.startswith("resending"):
        return QCoreApplication.translate(
            "SyncErrors", "The platform asked for earlier batches again; they are resent."
        )
    return str(core_i18n.render(text, i18n.current()))
