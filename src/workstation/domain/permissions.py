"""The written permission matrix. The area services call `require()`; the UI only hides what is refused anyway.

| permission          | assistant | officer | supervisor | admin |
|---------------------|:---------:|:-------:|:----------:|:-----:|
| read_person         |     x     |    x    |     x      |       |
| register            |     x     |    x    |            |       |
| enter_declaration   |     x     |    x    |            |       |
| manage_property     |     x     |    x    |            |       |
| verify (spot check) |           |    x    |            |       |
| complete_task       |           |    x    |            |       |
| read_tasks          |     x     |    x    |     x      |       |
| export              |           |    x    |     x      |       |
| read_reports        |           |    x    |     x      |       |
| read_audit          |           |         |     x      |   x   |
| override_freeze     |           |         |     x      |       |
| sync                |     x     |    x    |     x      |       |
| capture_fingerprint |     x     |    x    |            |       |
| manage_operators    |           |         |            |   x   |
| manage_devices      |           |         |            |   x   |
| manage_settings     |           |         |            |   x   |
| purge               |           |         |            |   x   |

An admin manages the installation and does not browse residents' records (separation of duties);
an admin reads the audit trail because it covers operator and key management.

Reads are bounded too: one call returns at most `max_page(role)` rows (a search returns a page, not
the store; each page is a separate audited read). An assistant registers and looks people up; an
officer or supervisor browses a grid; nobody lists the whole population in one call (an export is
its own permission, audited with its row count).

| role       | rows per read |
|------------|:-------------:|
| assistant  |      50       |
| officer    |      200      |
| supervisor |      500      |
| admin      |      200      |
"""

from __future__ import annotations

from enum import StrEnum

from workstation.domain.enums import Role
from workstation.errors import PermissionDenied
from workstation.i18n import QT_TRANSLATE_NOOP


class Permission(StrEnum):
    READ_PERSON = "read_person"
    REGISTER = "register"
    ENTER_DECLARATION = "enter_declaration"
    MANAGE_PROPERTY = "manage_property"
    VERIFY = "verify"
    COMPLETE_TASK = "complete_task"
    READ_TASKS = "read_tasks"
    EXPORT = "export"
    READ_REPORTS = "read_reports"
    READ_AUDIT = "read_audit"
    OVERRIDE_FREEZE = "override_freeze"
    SYNC = "sync"
    CAPTURE_FINGERPRINT = "capture_fingerprint"
    # confirm a registration without a fingerprint where the station requires one (policy "required")
    APPROVE_FINGERPRINT_SKIP = "approve_fingerprint_skip"
    MANAGE_OPERATORS = "manage_operators"
    MANAGE_DEVICES = "manage_devices"
    MANAGE_SETTINGS = "manage_settings"
    PURGE = "purge"


P = Permission
MATRIX: dict[Role, frozenset[Permission]] = {
    Role.ASSISTANT: frozenset(
        {P.READ_PERSON, P.REGISTER, P.ENTER_DECLARATION, P.MANAGE_PROPERTY, P.READ_TASKS, P.SYNC, P.CAPTURE_FINGERPRINT}
    ),
    Role.OFFICER: frozenset(
        {
            P.READ_PERSON,
            P.REGISTER,
            P.ENTER_DECLARATION,
            P.MANAGE_PROPERTY,
            P.VERIFY,
            P.COMPLETE_TASK,
            P.READ_TASKS,
            P.EXPORT,
            P.READ_REPORTS,
            P.SYNC,
            P.CAPTURE_FINGERPRINT,
        }
    ),
    Role.SUPERVISOR: frozenset(
        {P.READ_PERSON, P.READ_TASKS, P.EXPORT, P.READ_REPORTS, P.READ_AUDIT, P.OVERRIDE_FREEZE, P.SYNC,
         P.APPROVE_FINGERPRINT_SKIP}
    ),
    Role.ADMIN: frozenset({P.READ_AUDIT, P.MANAGE_OPERATORS, P.MANAGE_DEVICES, P.MANAGE_SETTINGS, P.PURGE}),
}

PAGE_LIMIT: dict[Role, int] = {Role.ASSISTANT: 50, Role.OFFICER: 200, Role.SUPERVISOR: 500, Role.ADMIN: 200}

#: What each role is called (English source, "roles" context; the app's role names are the same texts).
ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: QT_TRANSLATE_NOOP("roles", "Administrator"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("roles", "Supervisor"),
    Role.OFFICER: QT_TRANSLATE_NOOP("roles", "Officer"),
    Role.ASSISTANT: QT_TRANSLATE_NOOP("roles", "Assistant"),
}

#: What each permission lets a person do, as the end of "… may not <action>".
ACTIONS: dict[Permission, str] = {
    P.READ_PERSON: QT_TRANSLATE_NOOP("permissions", "read residents' records"),
    P.REGISTER: QT_TRANSLATE_NOOP("permissions", "register residents"),
    P.ENTER_DECLARATION: QT_TRANSLATE_NOOP("permissions", "enter landlord declarations"),
    P.MANAGE_PROPERTY: QT_TRANSLATE_NOOP("permissions", "manage rental properties and rooms"),
    P.VERIFY: QT_TRANSLATE_NOOP("permissions", "record spot checks"),
    P.COMPLETE_TASK: QT_TRANSLATE_NOOP("permissions", "complete tasks"),
    P.READ_TASKS: QT_TRANSLATE_NOOP("permissions", "read tasks"),
    P.EXPORT: QT_TRANSLATE_NOOP("permissions", "export records"),
    P.READ_REPORTS: QT_TRANSLATE_NOOP("permissions", "read reports"),
    P.READ_AUDIT: QT_TRANSLATE_NOOP("permissions", "read the audit trail"),
    P.OVERRIDE_FREEZE: QT_TRANSLATE_NOOP("permissions", "lift the sync freeze"),
    P.SYNC: QT_TRANSLATE_NOOP("permissions", "sync with the central platform"),
    P.CAPTURE_FINGERPRINT: QT_TRANSLATE_NOOP("permissions", "capture fingerprints"),
    P.APPROVE_FINGERPRINT_SKIP: QT_TRANSLATE_NOOP(
        "permissions", "confirm a registration without a fingerprint where one is required"
    ),
    P.MANAGE_OPERATORS: QT_TRANSLATE_NOOP("permissions", "manage operators"),
    P.MANAGE_DEVICES: QT_TRANSLATE_NOOP("permissions", "manage devices"),
    P.MANAGE_SETTINGS: QT_TRANSLATE_NOOP("permissions", "change station settings"),
    P.PURGE: QT_TRANSLATE_NOOP("permissions", "purge records past retention"),
}

NOT_ALLOWED = QT_TRANSLATE_NOOP("permissions", "The role {role} may not {action}.")


def allowed(role: Role, permission: Permission) -> bool:
    """Whether `role` holds `permission` in the matrix above."""
    return permission in MATRIX[role]


def require(role: Role, permission: Permission) -> None:
    """Refuse what the matrix does not allow.

    Raises `PermissionDenied` ("The role Assistant may not record spot checks.", in the operator's
    language) when `role` lacks `permission`; returns None otherwise.
    """
    if not allowed(role, permission):
        raise PermissionDenied(NOT_ALLOWED.format(role=ROLE_LABELS[role], action=ACTIONS[permission]))


def max_page(role: Role) -> int:
    """The most rows one read may return to `role` (the table in this module's docstring)."""
    return PAGE_LIMIT[role]
