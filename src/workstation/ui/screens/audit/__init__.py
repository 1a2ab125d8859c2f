"""Part 3 of the desktop app: the audit viewer (`AuditPage`, nav key ``audit``)."""

from workstation.ui.screens.audit.page import AuditPage

__all__ = ["AuditPage"]
