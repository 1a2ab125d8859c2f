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


class StationBusy(UserFacingError):
    """The data folder is locked by another process (see `workstation.storage.lock`)."""

    def __init__(self, data_dir: str, *, needs_exclusive: bool) -> None:
        if needs_exclusive:
            super().__init__(
                f"The station in {data_dir} is open in another program. Close the workstation app "
                "(and any other workstation command) first, then try again. Nothing was changed.",
                f"{data_dir} 中的工作站正被其他程序使用。"
                "请先关闭工作站应用（及其他工作站命令）后重试，数据未作任何改动。",
            )
        else:
            super().__init__(
                f"The station in {data_dir} is being re-keyed or restored by an administrator. "
                "Try again when that has finished.",
                f"{data_dir} 中的工作站正在由管理员更换密钥或恢复备份，请在完成后重试。",
            )


class AppAlreadyRunning(StationBusy):
    def __init__(self, data_dir: str) -> None:
        UserFacingError.__init__(
            self,
            f"The workstation app is already running on the station in {data_dir}. Switch to that window.",
            f"{data_dir} 中的工作站应用已在运行，请切换到该窗口。",
        )


class DatabaseDamaged(UserFacingError):
    """A station file cannot be used as it is. The files are left exactly as they were."""

    def __init__(
        self, path: str, problem: str, problem_zh: str, *, todo: str | None = None, todo_zh: str | None = None
    ) -> None:
        todo = todo or "Restore the station from a backup (workstation-admin restore). Nothing was changed."
        todo_zh = todo_zh or "请从备份恢复本站（workstation-admin restore），数据未作任何改动。"
        UserFacingError.__init__(self, f"{path}: {problem}. {todo}", f"{path}：{problem_zh}。{todo_zh}")
        self.path = path


class KeyDoesNotOpenDatabase(DatabaseDamaged, WrongKey):
    """The key (checked, from the key file) does not read the database: damaged or foreign file."""


class KeyFileDamaged(DatabaseDamaged):
    def __init__(self, path: str, problem: str, problem_zh: str) -> None:
        super().__init__(
            path,
            problem,
            problem_zh,
            todo="Put back the key file from the backup made with this database (workstation.db.keys in the "
            "backup folder) and unlock with that backup's recovery passphrase. Nothing was changed.",
            todo_zh="请从与此数据库同时制作的备份中取回密钥文件（备份文件夹中的 workstation.db.keys），"
            "并用该备份的恢复口令解锁，数据未作任何改动。",
        )


class AuditTrailDamaged(UserFacingError):
    """The audit trail fails its checks; the station opens read-only for an inspection."""

    def __init__(self, problem: str) -> None:
        super().__init__(
            f"The audit trail is damaged: {problem}. The station is open read-only for an inspection; "
            "nothing can be saved. Report this to your supervisor and restore from a backup.",
            f"审计记录已损坏：{problem}。工作站以只读方式打开以供检查，无法保存任何内容。请报告主管并从备份恢复。",
        )
        self.problem = problem


class PassphraseMismatch(UserFacingError):
    def __init__(self) -> None:
        super().__init__(
            "The passphrase typed back does not match the new recovery passphrase. The key was not changed yet; "
            "type it again exactly as shown.",
            "输入的口令与新的恢复口令不一致，密钥尚未更换；请按显示内容重新输入。",
        )


class BackupFailed(UserFacingError):
    pass
