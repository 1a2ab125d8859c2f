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
    pass


class AccountLocked(UserFacingError):
    pass
