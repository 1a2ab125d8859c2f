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
    pass


class AccountLocked(UserFacingError):
    pass
