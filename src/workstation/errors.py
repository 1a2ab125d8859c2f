"""The small family of errors a user may see, each with a plain-language message in both languages.

Anything that is not one of these is a bug and is reported as one.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An expected failure the operator can act on (wrong password, no card, platform unreachable)."""

    def __init__(self, message: str, message_zh: str | None = None, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh or message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} — {self.hint}"


class ValidationError(UserFacingError):
    """Input refused; `problems` lists every (field, message) so a form can mark each field."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = list(problems)
        text = "; ".join(f"{f}: {m}" if f else m for f, m in self.problems)
        super().__init__(f"Not saved: {text}", f"未保存：{text}")


class PermissionDenied(UserFacingError):
    pass


class NotFound(UserFacingError):
    pass


class Conflict(UserFacingError):
    """A record changed since it was read (stale version)."""


class Cancelled(Exception):
    """The operator stopped an operation (pressed Cancel, closed the dialog). Not an error: the UI shows
    nothing, a console command exits quietly with its "cancelled" code. Deliberately not a
    `UserFacingError`, so no handler shows it as one; `message`/`message_zh` say what stopped, for a
    status line or a log."""

    def __init__(self, message: str = "Cancelled.", message_zh: str = "已取消。") -> None:
        super().__init__(message)
        self.message = message
        self.message_zh = message_zh
