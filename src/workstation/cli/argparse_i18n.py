"""argparse's own words ("usage:", "error:", "the following arguments are required", "options", …) in
the operator's language, from the workstation's translation file.

argparse makes its output translatable through `gettext`: it imports ``gettext`` and ``ngettext``
under the names ``argparse._`` and ``argparse.ngettext`` and calls them, at the moment it builds a
parser or formats a message, with its English texts (Python's "How to translate the argparse
output" howto). The usual way to translate it is to give it a gettext translation of the
``argparse`` domain; `install` does that with a `gettext.NullTranslations` subclass whose lookups
go to `workstation.i18n.catalogue` (context ``"argparse"`` of ``workstation_<lang>.ts``), so the
console commands need no ``.mo`` files and argparse speaks the same language as the rest of their
output (``WORKSTATION_LANG``, else the locale: `workstation.i18n.operator_language`, read at each
lookup). argparse itself is not changed: only the two names it looks its translations up with.

The texts argparse passes are listed below, marked, so ``lupdate`` puts them in the ``.ts`` and the
coverage test sees a missing translation; ``tests/test_cli_language.py`` checks that the running
Python's argparse asks for nothing else an operator can see (its remaining texts report mistakes in
how a parser was built: bugs, never shown to an operator). Their ``%s``/``%(name)s`` placeholders
are argparse's and must stay in every translation.
"""

from __future__ import annotations

import argparse
import gettext
from typing import Any

from workstation.i18n import QT_TRANSLATE_NOOP, catalogue, normalise_language

DOMAIN = "argparse"

# What argparse (3.11 to 3.13) shows an operator: help layout, usage errors. Singular and plural of
# an ``ngettext`` are both listed (Chinese has one form).
ARGPARSE_TEXTS = (
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "subcommands"),
    QT_TRANSLATE_NOOP("argparse", "%(heading)s:"),
    QT_TRANSLATE_NOOP("argparse", " (default: %(default)s)"),
    QT_TRANSLATE_NOOP("argparse", "show this help message and exit"),
    QT_TRANSLATE_NOOP("argparse", "show program's version number and exit"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: warning: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
    QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s arguments"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "unexpected option string: %s"),
    QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
    QT_TRANSLATE_NOOP("argparse", "argument '%(argument_name)s' is deprecated"),
    QT_TRANSLATE_NOOP("argparse", "option '%(option)s' is deprecated"),
    QT_TRANSLATE_NOOP("argparse", "command '%(parser_name)s' is deprecated"),
)

#: argparse's texts that report a parser built wrongly (a bug in the command's code, found by any
#: test that builds the parser); they are not translated.
DEVELOPER_TEXTS = frozenset(
    {
        ".__call__() not defined",
        "%r is not callable",
        "'required' is an invalid argument for positionals",
        'argument "-" with mode %r',
        "cannot have multiple subparser arguments",
        "cannot merge actions - two groups are named %r",
        "conflicting option string: %s",
        "conflicting option strings: %s",
        "conflicting subparser alias: %s",
        "conflicting subparser: %s",
        "dest= is required for options like %r",
        "invalid conflict_resolution value: %r",
        "invalid option string %(option)r: must start with a character %(prefix_chars)r",
        "mutually exclusive arguments must be optional",
    }
)


class CatalogueTranslations(gettext.NullTranslations):
    """A gettext translation of the ``argparse`` domain read from the workstation's catalogue.

    ``lang`` ``None`` (the default) means the operator's language at each lookup, so a process that
    changes ``WORKSTATION_LANG`` (a test) gets the new language on its next parser. A text with no
    translation is returned as it is (English), as gettext does.
    """

    def __init__(self, lang: str | None = None) -> None:
        super().__init__()
        self.lang = lang

    def gettext(self, message: str) -> str:
        lang = normalise_language(self.lang)
        if lang == "en" or not message:
            return message
        return catalogue(lang).lookup(DOMAIN, message) or message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


_ORIGINAL: dict[str, Any] = {}


def install(lang: str | None = None) -> CatalogueTranslations:
    """Make argparse look its texts up in the workstation's catalogue (see the module docstring).

    Call it before building a parser (argparse translates "show this help message and exit" when the
    parser is created). Idempotent; `uninstall` restores gettext's functions.
    """
    translations = CatalogueTranslations(lang)
    for name in ("_", "ngettext"):
        _ORIGINAL.setdefault(name, getattr(argparse, name))
    setattr(argparse, "_", translations.gettext)  # noqa: B010 (argparse's lookup names, see docstring)
    setattr(argparse, "ngettext", translations.ngettext)  # noqa: B010
    return translations


def uninstall() -> None:
    """Give argparse back the `gettext` functions it imported (English unless a ``.mo`` is bound)."""
    for name, func in _ORIGINAL.items():
        setattr(argparse, name, func)
    _ORIGINAL.clear()
