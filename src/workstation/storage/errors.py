"""User-facing storage errors."""

from __future__ import annotations

from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP


class WrongKey(UserFacingError):
    def __init__(self, what: str = "key") -> None:
        if what == "passphrase":
            super().__init__(
                QT_TRANSLATE_NOOP("storage", "The recovery passphrase is wrong. Nothing was changed; try again.")
            )
        else:
            super().__init__(
                QT_TRANSLATE_NOOP("storage", "The database key does not open this database. Nothing was changed.")
            )


class KeyringUnavailable(UserFacingError):
    def __init__(self, reason: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage",
                "The system keyring is not available ({reason}). Unlock with the station recovery passphrase.",
            ).format(reason=reason)
        )


class DatabaseMissing(UserFacingError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage", "No workstation database at {path}. Run `workstation-admin init` first."
            ).format(path=path)
        )


class AuthenticationFailed(UserFacingError):
    """Login refused. One answer for every reason (unknown name, wrong password, disabled, locked),
    so the answer never tells which user names exist."""


class AccountLocked(AuthenticationFailed):
    """Kept for callers that catch it; `operators.authenticate` answers a locked account with the same
    `AuthenticationFailed` as any other refusal (see there)."""


class PasswordChangeRequired(UserFacingError):
    """The password was right but an administrator reset it: the operator must choose a new one now,
    with `operators.change_password(db, username, old_password, new_password)` (which logs them in).
    No `Actor` is handed out until then."""

    def __init__(self, username: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage", "Your password was reset by an administrator. Choose a new password to continue."
            )
        )
        self.username = username


class OperatorInactive(UserFacingError):
    """The operator of an open session was disabled, deleted, given another role, or had their
    password reset since they logged in: the session is over and they must log in again."""

    def __init__(self, username: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage",
                "The account '{username}' was changed by an administrator (disabled, new role or password reset). "
                "Log in again.",
            ).format(username=username)
        )
        self.username = username
