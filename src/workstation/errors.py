"""The small family of errors a user may see, each with a plain-language message in both languages.

A message is written once, in English, marked with ``QT_TRANSLATE_NOOP`` (see `workstation.i18n`);
its Chinese lives in ``resources/translations/workstation_zh_CN.ts``. ``exc.render(lang)`` gives the
text in the operator's language; ``str(exc)`` and ``exc.message`` stay English (logs, tests).
Anything that is not one of these errors is a bug and is reported as one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from workstation.i18n import QT_TRANSLATE_NOOP, Message, Text, normalise_language, render

#: The line a console command prints for a user-facing error (``{message}`` already translated).
ERROR_LINE = QT_TRANSLATE_NOOP("errors", "Error: {message}")
HINT_LINE = QT_TRANSLATE_NOOP("errors", "What to do: {hint}")
NOT_SAVED = QT_TRANSLATE_NOOP("errors", "Not saved: {problems}")
#: How one validation problem reads in a sentence: field label, then the reason.
PROBLEM_WITH_FIELD = QT_TRANSLATE_NOOP("errors", "{field}: {reason}")
#: Joins several problems in one sentence.
PROBLEM_SEPARATOR = QT_TRANSLATE_NOOP("errors", "; ")
#: What stopped when the operator cancelled and nothing more specific is known (`Cancelled`).
CANCELLED = QT_TRANSLATE_NOOP("errors", "Cancelled.")


class UserFacingError(Exception):
    """An expected failure the operator can act on (wrong password, no card, platform unreachable).

    ``message`` is a marked text (`workstation.i18n.Text` or `Message`, whose ``str`` is English);
    a plain ``str`` is shown as it is in every language, so use one only for text that is not
    language (a path, a code). ``hint`` is either a marked text (advice the operator reads) or a
    plain technical detail for logs and the details pane.
    """

    def __init__(self, message: str, message_zh: str | None = None, *, hint: str | None = None) -> None:
        if message_zh is not None and not isinstance(message, Text | Message):
            message = _Pair(message, message_zh)  # not yet converted: see _Pair
        super().__init__(message)
        self.message = message
        self.hint = hint

    @property
    def message_zh(self) -> str:
        """The message in Chinese (shorthand for ``render(self.message, "zh_CN")``)."""
        return render(self.message, "zh_CN")

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``None``: the operator's language), without the hint."""
        return render(self.message, lang)

    def for_operator(self, lang: str | None = None) -> str:
        """``Error: <message>`` and, when the hint is advice (a marked text), ``What to do: <hint>``.

        What a console command prints; a technical hint (an unmarked ``str``) is left to logs.
        """
        lines = [render(ERROR_LINE.format(message=self.message), lang)]
        if isinstance(self.hint, Text | Message):
            lines.append(render(HINT_LINE.format(hint=self.hint), lang))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} — {self.hint}"


class _Pair(str):
    """A message still written as an (English, Chinese) pair in the code; English as ``str``.

    Transitional: modules are being moved to marked texts (``QT_TRANSLATE_NOOP``) one by one, and
    ``tests/test_translations.py`` lists the files that still hold Chinese literals. Do not add new
    uses: write the English text marked, and its Chinese in the ``.ts`` file.
    """

    zh: str

    def __new__(cls, en: str, zh: str) -> _Pair:
        self = super().__new__(cls, en)
        self.zh = zh
        return self

    def render(self, lang: str) -> str:
        return self.zh if normalise_language(lang) == "zh_CN" else str.__str__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Pair, (str.__str__(self), self.zh))


class Problem(NamedTuple):
    """One reason input was refused, placed beside its field by a form.

    ``field`` names the input (``"number"``, ``"birth_date"``, ``"entries[2]"``; ``""`` for the whole
    record); ``code`` is a stable machine-readable reason (``"required"``, ``"check_digit"``) a form
    or a test may branch on; ``message`` is the marked text (English ``str``; `render` translates).
    """

    field: str
    code: str
    message: str

    def render(self, lang: str | None = None) -> str:
        """The reason alone in ``lang``, for showing beside the field."""
        return render(self.message, lang)


#: What a field is called in a sentence (``Not saved: date of birth: …``); forms use their own labels.
FIELD_LABELS: dict[str, str] = {
    "number": QT_TRANSLATE_NOOP("fields", "document number"),
    "doc_type": QT_TRANSLATE_NOOP("fields", "document type"),
    "name": QT_TRANSLATE_NOOP("fields", "name"),
    "name_latin": QT_TRANSLATE_NOOP("fields", "name in Latin letters"),
    "birth_date": QT_TRANSLATE_NOOP("fields", "date of birth"),
    "sex": QT_TRANSLATE_NOOP("fields", "sex"),
    "nationality": QT_TRANSLATE_NOOP("fields", "nationality"),
    "issuer": QT_TRANSLATE_NOOP("fields", "issuing state"),
    "pass_number": QT_TRANSLATE_NOOP("fields", "travel permit number"),
    "previous_number": QT_TRANSLATE_NOOP("fields", "previous card number"),
    "valid_from": QT_TRANSLATE_NOOP("fields", "valid from"),
    "valid_to": QT_TRANSLATE_NOOP("fields", "valid to"),
    "phone": QT_TRANSLATE_NOOP("fields", "mobile number"),
    "arrival_date": QT_TRANSLATE_NOOP("fields", "date of arrival"),
    "visa_type": QT_TRANSLATE_NOOP("fields", "visa or permit type"),
    "visa_number": QT_TRANSLATE_NOOP("fields", "visa or permit number"),
    "entry_date": QT_TRANSLATE_NOOP("fields", "date of entry"),
    "stay_until": QT_TRANSLATE_NOOP("fields", "intended stay until"),
    "reason": QT_TRANSLATE_NOOP("fields", "reason"),
    "address": QT_TRANSLATE_NOOP("fields", "address"),
    "grid_code": QT_TRANSLATE_NOOP("fields", "grid cell"),
    "landlord_phone": QT_TRANSLATE_NOOP("fields", "landlord's mobile number"),
    "manager_phone": QT_TRANSLATE_NOOP("fields", "property manager's mobile number"),
    "label": QT_TRANSLATE_NOOP("fields", "room"),
    "capacity": QT_TRANSLATE_NOOP("fields", "capacity"),
    "ids": QT_TRANSLATE_NOOP("fields", "selection"),
    "start": QT_TRANSLATE_NOOP("fields", "start date"),
    "end": QT_TRANSLATE_NOOP("fields", "end date"),
    "declarant_name": QT_TRANSLATE_NOOP("fields", "declarant's name"),
    "declarant_phone": QT_TRANSLATE_NOOP("fields", "declarant's mobile number"),
    "declared_on": QT_TRANSLATE_NOOP("fields", "declaration date"),
    "notes": QT_TRANSLATE_NOOP("fields", "notes"),
    "tenancy_id": QT_TRANSLATE_NOOP("fields", "binding"),
    "result": QT_TRANSLATE_NOOP("fields", "result"),
    "template": QT_TRANSLATE_NOOP("fields", "fingerprint template"),
    "quality": QT_TRANSLATE_NOOP("fields", "image quality"),
    "username": QT_TRANSLATE_NOOP("fields", "user name"),
    "password": QT_TRANSLATE_NOOP("fields", "password"),
    "new_password": QT_TRANSLATE_NOOP("fields", "new password"),
    "display_name": QT_TRANSLATE_NOOP("fields", "display name"),
    "role": QT_TRANSLATE_NOOP("fields", "role"),
}
_ENTRY_LABEL = QT_TRANSLATE_NOOP("fields", "declared tenant {number}")


def field_label(field: str) -> str:
    """The marked label of a field name (``"entries[2]"`` → declared tenant 3); unknown names as they are."""
    if field.startswith("entries[") and field.endswith("]") and field[8:-1].isdigit():
        return _ENTRY_LABEL.format(number=int(field[8:-1]) + 1)
    return FIELD_LABELS.get(field, field)


class ValidationError(UserFacingError):
    """Input refused; ``problems`` lists every `Problem` so a form can mark each field.

    The whole message (``Not saved: …``) is itself a marked text whose reasons are rendered in the
    same language as the sentence around them. A bare ``(field, message)`` pair is accepted while
    callers move to `Problem` (its code is then ``"invalid"``).
    """

    def __init__(self, problems: Iterable[Problem | tuple[str, str]]) -> None:
        self.problems: list[Problem] = [
            p if isinstance(p, Problem) else Problem(p[0], "invalid", p[1]) for p in problems
        ]
        super().__init__(NOT_SAVED.format(problems=_ProblemList(self.problems)))


class _ProblemList(str):
    """Several problems as one sentence part, rendered in the language of the sentence around them."""

    def __new__(cls, problems: list[Problem]) -> _ProblemList:
        self = super().__new__(cls, _join(problems, "en"))
        self.problems = problems
        return self

    problems: list[Problem]

    def render(self, lang: str) -> str:
        return _join(self.problems, lang)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_ProblemList, (self.problems,))


def _join(problems: list[Problem], lang: str) -> str:
    parts = [
        render(PROBLEM_WITH_FIELD.format(field=field_label(p.field), reason=p.message), lang)
        if p.field
        else render(p.message, lang)
        for p in problems
    ]
    return render(PROBLEM_SEPARATOR, lang).join(parts)


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

    def __init__(self, message: str = CANCELLED, message_zh: str | None = None) -> None:
        if message_zh is not None and not isinstance(message, Text | Message):
            message = _Pair(message, message_zh)  # not yet converted (see _Pair)
        super().__init__(message)
        self.message = message

    @property
    def message_zh(self) -> str:
        return render(self.message, "zh_CN")

    def render(self, lang: str | None = None) -> str:
        """What stopped, in ``lang`` (``None``: the operator's language)."""
        return render(self.message, lang)
