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
    """Logging in with this user name is locked after repeated failures; `seconds_left` until it
    may be tried again (`operators.authenticate`).

    Given for a real account and, after the same number of failures, for a name that is no account
    (or a disabled one), so the answer still never tells which user names exist."""

    def __init__(self, seconds_left: int) -> None:
        self.seconds_left = max(0, int(seconds_left))
        super().__init__(locked_text(self.seconds_left))


def locked_text(seconds_left: int) -> str:
    """The lockout's time left as a sentence (marked text), in whole minutes rounded up: "locked for
    another 8 minutes". A login screen that counts down calls it again as time passes."""
    minutes = max(1, -(-int(seconds_left) // 60))
    if minutes == 1:
        return QT_TRANSLATE_NOOP(
            "storage",
            "Too many failed attempts: logging in with this user name is locked for another minute. "
            "An administrator can unlock an account by resetting its password.",
        )
    return QT_TRANSLATE_NOOP(
        "storage",
        "Too many failed attempts: logging in with this user name is locked for another {minutes} minutes. "
        "An administrator can unlock an account by resetting its password.",
    ).format(minutes=minutes)


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


class StationBusy(UserFacingError):
    """The data folder is locked by another process (see `workstation.storage.lock`)."""

    def __init__(self, data_dir: str, *, needs_exclusive: bool) -> None:
        if needs_exclusive:
            super().__init__(
                QT_TRANSLATE_NOOP(
                    "storage",
                    "The station in {data_dir} is open in another program. Close the workstation app (and any "
                    "other workstation command) first, then try again. Nothing was changed.",
                ).format(data_dir=data_dir),
            )
        else:
            super().__init__(
                QT_TRANSLATE_NOOP(
                    "storage",
                    "The station in {data_dir} is being re-keyed or restored by an administrator. Try again when "
                    "that has finished.",
                ).format(data_dir=data_dir),
            )


class AppAlreadyRunning(StationBusy):
    def __init__(self, data_dir: str) -> None:
        UserFacingError.__init__(
            self,
            QT_TRANSLATE_NOOP(
                "storage", "The workstation app is already running on the station in {data_dir}. Switch to that window."
            ).format(data_dir=data_dir),
        )


RESTORE_FROM_BACKUP = QT_TRANSLATE_NOOP(
    "storage", "Restore the station from a backup (workstation-admin restore). Nothing was changed."
)
CHOOSE_ANOTHER_BACKUP = QT_TRANSLATE_NOOP("storage", "Choose another backup.")


class DatabaseDamaged(UserFacingError):
    """A station file cannot be used as it is. The files are left exactly as they were.

    ``problem`` says what is wrong with ``path`` and ``todo`` what to do, both marked texts (a
    problem is written without a final full stop: it is followed by the todo)."""

    def __init__(self, path: str, problem: str, *, todo: str | None = None) -> None:
        UserFacingError.__init__(
            self,
            QT_TRANSLATE_NOOP("storage", "{path}: {problem}. {todo}").format(
                path=path, problem=problem, todo=todo or RESTORE_FROM_BACKUP
            ),
        )
        self.path = path


class KeyDoesNotOpenDatabase(DatabaseDamaged, WrongKey):
    """The key (checked, from the key file) does not read the database: damaged or foreign file."""


class KeyFileDamaged(DatabaseDamaged):
    def __init__(self, path: str, problem: str) -> None:
        super().__init__(
            path,
            problem,
            todo=QT_TRANSLATE_NOOP(
                "storage",
                "Put back the key file from the backup made with this database (workstation.db.keys in the "
                "backup folder) and unlock with that backup's recovery passphrase. Nothing was changed.",
            ),
        )


class AuditTrailDamaged(UserFacingError):
    """The audit trail fails its checks; the station opens read-only for an inspection."""

    def __init__(self, problem: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage",
                "The audit trail is damaged: {problem}. The station is open read-only for an inspection; nothing "
                "can be saved. Report this to your supervisor and restore from a backup.",
            ).format(problem=problem),
        )
        self.problem = problem


class PassphraseMismatch(UserFacingError):
    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "storage",
                "The passphrase typed back does not match the new recovery passphrase. The key was not changed "
                "yet; type it again exactly as shown.",
            ),
        )


class BackupFailed(UserFacingError):
    pass
