"""User-facing storage errors."""

from __future__ import annotations

from workstation.errors import UserFacingError


class WrongKey(UserFacingError):
    def __init__(self, what: str = "key") -> None:
        if what == "passphrase":
            super().__init__(
                "The recovery passphrase is wrong. Nothing was changed; try again.",
                "恢复口令不正确，数据未作任何改动，请重试。",
            )
        else:
            super().__init__(
                "The database key does not open this database. Nothing was changed.",
                "数据库密钥无法打开此数据库，数据未作任何改动。",
            )


class KeyringUnavailable(UserFacingError):
    def __init__(self, reason: str) -> None:
        super().__init__(
            f"The system keyring is not available ({reason}). Unlock with the station recovery passphrase.",
            f"系统密钥环不可用（{reason}），请使用本站恢复口令解锁。",
        )


class DatabaseMissing(UserFacingError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"No workstation database at {path}. Run `workstation-admin init` first.",
            f"{path} 处没有工作站数据库，请先运行 `workstation-admin init`。",
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
            "Your password was reset by an administrator. Choose a new password to continue.",
            "您的密码已由管理员重置，请设置新密码后继续。",
        )
        self.username = username


class OperatorInactive(UserFacingError):
    """The operator of an open session was disabled, deleted, given another role, or had their
    password reset since they logged in: the session is over and they must log in again."""

    def __init__(self, username: str) -> None:
        super().__init__(
            f"The account {username!r} was changed by an administrator (disabled, new role or password reset). "
            "Log in again.",
            f"账号 {username!r} 已被管理员更改（停用、改变角色或重置密码），请重新登录。",
        )
        self.username = username
