"""One normalisation for every identifier, applied where it enters the workstation and in search.

Identifiers are ID and permit numbers, passport and other document numbers, phone numbers and codes.
People type them with the Chinese input method's full-width characters (`４４０３…１２００４ｘ`), with
other scripts' digits (Arabic-Indic `٤٤٠`), with spaces; readers deliver them in ASCII. Each is
brought to one form before it is validated, stored, compared or searched:

1. Unicode compatibility normalisation (NFKC, UAX #15): full-width digits and letters become ASCII;
2. any remaining Unicode decimal digit (category Nd: Arabic-Indic, Devanagari, …) becomes its ASCII
   digit (`unicodedata.decimal`);
3. every space (including the ideographic space U+3000) is removed;
4. ASCII letters are upper-cased.

What is still not an ASCII letter, digit or allowed punctuation after that is refused by
`identifier_problems` with a reason; it is never silently dropped.
"""

from __future__ import annotations

import unicodedata

from workstation.errors import Problem
from workstation.i18n import QT_TRANSLATE_NOOP

Problems = list[Problem]

#: What an identifier may hold, for `identifier_problems`' ``kinds``.
DIGITS_AND_LATIN_LETTERS = QT_TRANSLATE_NOOP("validation", "digits and Latin letters")
DIGITS = QT_TRANSLATE_NOOP("validation", "digits")
_ONE_NOT_ALLOWED = QT_TRANSLATE_NOOP("validation", "{label} may contain only {kinds}; {characters} is not allowed.")
_SOME_NOT_ALLOWED = QT_TRANSLATE_NOOP("validation", "{label} may contain only {kinds}; {characters} are not allowed.")

_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def normalise_identifier(value: str) -> str:
    """The one stored and compared form of an identifier (see the module docstring for the steps).

    ``normalise_identifier("４４０３０５１９８５０６１２００４x") == "44030519850612004X"``. Characters that
    are neither digits nor letters after NFKC are kept as they are (validation names them)."""
    s = unicodedata.normalize("NFKC", value)
    out: list[str] = []
    for ch in s:
        if ch.isspace():
            continue
        if not ch.isascii():
            d = unicodedata.decimal(ch, None)
            if d is not None:
                out.append(str(d))
                continue
        out.append(ch.upper() if ch.isascii() else ch)
    return "".join(out)


def non_ascii_characters(value: str, *, allowed: str = "") -> list[str]:
    """The characters of an already normalised identifier that are not ASCII letters/digits or `allowed`."""
    return [ch for ch in dict.fromkeys(value) if ch not in _ASCII_ALNUM and ch not in allowed]


def identifier_problems(
    value: str, *, field_name: str, label: str, allowed: str = "", kinds: str = DIGITS_AND_LATIN_LETTERS
) -> Problems:
    """A problem (code ``"characters"``) when the normalised `value` still holds characters other than
    ASCII digits, Latin letters and `allowed` (e.g. "<" for MRZ numbers, "-" for codes); [] otherwise.
    `label` names the field at the start of the sentence (a marked text such as ``"An ID number"``),
    `kinds` what it may hold (marked, e.g. `DIGITS`)."""
    bad = non_ascii_characters(value, allowed=allowed)
    if not bad:
        return []
    shown = ", ".join(f"“{ch}”" for ch in bad[:3])
    text = _ONE_NOT_ALLOWED if len(bad) == 1 else _SOME_NOT_ALLOWED
    return [Problem(field_name, "characters", text.format(label=label, kinds=kinds, characters=shown))]


def normalise_phone(phone: str) -> str:
    """A phone number in its stored form: identifier normalisation, then without hyphens, brackets and
    dots, and without the mainland country code (+86 / 0086) in front of a mobile number; the
    international prefix ``00`` of another country's number becomes ``+`` (E.164 form)."""
    p = normalise_identifier(phone)
    for ch in "-()./":
        p = p.replace(ch, "")
    for prefix in ("+86", "0086"):
        if p.startswith(prefix) and len(p) == len(prefix) + 11:
            return p[len(prefix) :]
    if p.startswith("00") and not p.startswith("0086"):
        return "+" + p[2:]  # the international prefix 00 is the E.164 "+"
    return p


def normalise_code(code: str) -> str:
    """A code (nationality, issuing state, card type) in its stored form: identifier normalisation."""
    return normalise_identifier(code)
