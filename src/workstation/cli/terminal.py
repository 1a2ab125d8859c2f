"""Opening the station and logging an operator in from a terminal, shared by the console commands.

Secrets are asked for interactively; for scripts they may come from the environment — never from
command-line arguments, which other users can see in the process list:

* ``WORKSTATION_PASSPHRASE`` — the station's recovery passphrase. On a computer without a keyring
  service (see `KEYRING_NOTE`) it is needed by every command: it has become the everyday key.
* ``WORKSTATION_ADMIN_PASSWORD`` — the password of the operator named by ``WORKSTATION_USER``
  (default ``admin``), and only theirs: a command run with another ``--user`` asks for that
  operator's password instead (or, with no terminal, stops and says so).
* ``WORKSTATION_NEW_PASSWORD`` — a new password being set (operator add/reset/password).

Everything a command prints is a marked text (`workstation.i18n`) rendered in the operator's language
(``WORKSTATION_LANG``, else the locale), its ``--help`` and argparse's own words included
(`workstation.cli.argparse_i18n`). `run_main` runs a command and turns every expected failure into a
message and an exit code (`EXIT_CODES`, also printed at the end of every command's ``--help``): 0 done; 1 refused or
failed (`EXIT_REFUSED`: the command line was right, the operation could not be done: wrong password,
no permission, invalid data, disk full, device or platform problem); 2 usage error (`EXIT_USAGE`, also
what argparse uses: the command line itself is wrong); 70 a bug (`EXIT_BUG`, an unexpected exception:
reported as one, without a traceback unless WORKSTATION_DEBUG is set); 130 stopped by the operator
(`EXIT_CANCELLED`: Ctrl-C or a cancelled operation, `errors.Cancelled`; nothing to report).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import traceback
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workstation.cli import argparse_i18n
from workstation.errors import Cancelled, UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP, Message, Text, render
from workstation.storage.errors import AuditTrailDamaged, DatabaseMissing, KeyringUnavailable, PasswordChangeRequired

if TYPE_CHECKING:  # storage (SQLAlchemy, SQLCipher, cryptography) loads when a command opens the station:
    # `workstation` with no command starts the desktop app, whose window shows before storage is imported
    from workstation.storage.db import Database
    from workstation.storage.operators import Actor

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2  # argparse's own code for a bad command line
EXIT_BUG = 70  # sysexits.h EX_SOFTWARE
EXIT_CANCELLED = 130  # as a shell reports a command stopped by Ctrl-C

EXIT_CODES = QT_TRANSLATE_NOOP(
    "cli",
    "Exit codes: 0 done; 1 refused or failed (the command was understood but could not be done, the "
    "message says why); 2 usage error (the command line is wrong); 70 internal error (a bug, please "
    "report it); 130 stopped by the operator (Ctrl-C, cancelled).",
)

KEYRING_NOTE = QT_TRANSLATE_NOOP(
    "cli",
    "Without a keyring service (for example a Linux desktop without Secret Service / KWallet, a server or "
    "a remote session) the station's key cannot be kept by the system, and the recovery passphrase becomes "
    "the everyday key: every command and every start of the app asks for it (scripts: WORKSTATION_PASSPHRASE). "
    "Keep it like a password. Once a keyring is available, `workstation-admin unlock` stores the key there "
    "again and the passphrase goes back to the safe.",
)
SECRETS_NOTE = QT_TRANSLATE_NOOP(
    "cli",
    "Secrets are asked for at the terminal; scripts may set WORKSTATION_PASSPHRASE (recovery passphrase), "
    "WORKSTATION_ADMIN_PASSWORD (the password of WORKSTATION_USER, default `admin`, and of no one else) and "
    "WORKSTATION_NEW_PASSWORD (a password being set).",
)

# What the help calls the values an operator types (argparse's metavars), marked so usage lines read
# in the operator's language ("--data-dir 目录"); `render` them when building a parser.
DIR = QT_TRANSLATE_NOOP("cli", "DIR")
FILE = QT_TRANSLATE_NOOP("cli", "FILE")
PATH = QT_TRANSLATE_NOOP("cli", "PATH")
USER = QT_TRANSLATE_NOOP("cli", "USER")
NAME = QT_TRANSLATE_NOOP("cli", "NAME")
CODE = QT_TRANSLATE_NOOP("cli", "CODE")
NUMBER = QT_TRANSLATE_NOOP("cli", "N")
TEXT = QT_TRANSLATE_NOOP("cli", "TEXT")
COMMAND = QT_TRANSLATE_NOOP("cli", "COMMAND")


def ask(prompt: str, *, confirm: bool = False, env: str | None = None) -> str:
    """A secret typed at the terminal (twice if `confirm`). Raises UserFacingError with no terminal
    (naming `env`, the variable a script may set instead) or when two entries differ."""
    if not sys.stdin.isatty():
        if env:
            needed = QT_TRANSLATE_NOOP("cli", "{what} needed: set {variable} or run in a terminal").format(
                what=prompt, variable=env
            )
        else:
            needed = QT_TRANSLATE_NOOP("cli", "{what} needed: run in a terminal").format(what=prompt)
        raise UserFacingError(needed)
    value = getpass.getpass(render(QT_TRANSLATE_NOOP("cli", "{what}: ").format(what=prompt)))
    if confirm and getpass.getpass(render(QT_TRANSLATE_NOOP("cli", "{what} (again): ").format(what=prompt))) != value:
        raise UserFacingError(QT_TRANSLATE_NOOP("cli", "The two entries differ."))
    return value


def secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """A secret from the environment variable `env`, else `ask`ed at the terminal."""
    return os.environ.get(env) or ask(prompt, confirm=confirm, env=env)


#: What `secret`/`password_of` ask for (marked, so "Recovery passphrase needed" reads whole in Chinese).
RECOVERY_PASSPHRASE = QT_TRANSLATE_NOOP("cli", "Recovery passphrase")
CURRENT_RECOVERY_PASSPHRASE = QT_TRANSLATE_NOOP("cli", "Current recovery passphrase")
BACKUP_RECOVERY_PASSPHRASE = QT_TRANSLATE_NOOP("cli", "Recovery passphrase of the backup")
PASSWORD_FOR = QT_TRANSLATE_NOOP("cli", "Password for {user}")
NEW_PASSWORD_FOR = QT_TRANSLATE_NOOP("cli", "New password for {user}")
CURRENT_PASSWORD_FOR = QT_TRANSLATE_NOOP("cli", "Current password for {user}")
FIRST_ADMIN_PASSWORD = QT_TRANSLATE_NOOP("cli", "Password for the first admin '{user}'")


def env_user() -> str:
    """The operator scripts log in as: WORKSTATION_USER, default 'admin'."""
    return os.environ.get("WORKSTATION_USER") or "admin"


def password_of(user: str, prompt: str | None = None, *, confirm: bool = False) -> str:
    """`user`'s password: from WORKSTATION_ADMIN_PASSWORD only if WORKSTATION_USER (default 'admin')
    names `user`, otherwise asked at the terminal. Raises UserFacingError with no terminal."""
    from workstation.storage import operators

    prompt = prompt or PASSWORD_FOR.format(user=user)
    owner = env_user()
    given = os.environ.get("WORKSTATION_ADMIN_PASSWORD")
    if given and operators.canonical_username(owner) == operators.canonical_username(user):
        return given
    if given and not sys.stdin.isatty():
        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "cli",
                "WORKSTATION_ADMIN_PASSWORD is the password of '{owner}' (WORKSTATION_USER), not of '{user}'. Set "
                "WORKSTATION_USER={user} for a script that logs in as '{user}', or run in a terminal.",
            ).format(owner=owner, user=user),
        )
    return ask(prompt, confirm=confirm, env="WORKSTATION_ADMIN_PASSWORD")


def open_station(args: argparse.Namespace) -> Database:
    """Unlock the station in `args.data_dir`: keyring first, else the recovery passphrase (saying
    that without a keyring the passphrase is the everyday key)."""
    from workstation.storage import station

    data_dir = Path(args.data_dir)
    if not station.db_path(data_dir).exists():
        raise DatabaseMissing(str(station.db_path(data_dir)))
    try:
        db, _method = station.unlock(data_dir)
    except KeyringUnavailable as exc:
        if not os.environ.get("WORKSTATION_PASSPHRASE"):
            print(exc.render(), file=sys.stderr)
            print(render(KEYRING_NOTE), file=sys.stderr)
        db, _method = station.unlock(data_dir, passphrase=secret("WORKSTATION_PASSPHRASE", RECOVERY_PASSPHRASE))
    if db.read_only_reason is not None:  # opened read-only for an inspection: say so first
        print(AuditTrailDamaged(db.read_only_reason).render(), file=sys.stderr)
    return db


def login(db: Database, args: argparse.Namespace) -> Actor:
    """Log `args.user` in. After an administrator reset their password, ask for a new one (twice) and
    set it (`operators.change_password`) before going on."""
    from workstation.storage import operators

    password = password_of(args.user)
    try:
        return operators.authenticate(db, args.user, password)
    except PasswordChangeRequired as exc:
        print(exc.render(), file=sys.stderr)
        new = secret("WORKSTATION_NEW_PASSWORD", NEW_PASSWORD_FOR.format(user=args.user), confirm=True)
        return operators.change_password(db, args.user, password, new)


class UsageError(UserFacingError):
    """A command-line argument that cannot be right (exit code `EXIT_USAGE`)."""


def usage_checked(check: Callable[[str], object], value: str, what: str) -> object:
    """Run an argument check from `cli.checks` outside argparse (e.g. on a global option that only one
    command constrains); its complaint becomes a UsageError."""
    try:
        return check(value)
    except argparse.ArgumentTypeError as exc:
        raise UsageError(QT_TRANSLATE_NOOP("cli", "{what}: {exc}").format(what=what, exc=exc)) from None


def add_common(parser: argparse.ArgumentParser, *, user: bool = True) -> None:
    """`--data-dir` (and `--user`) accepted after a subcommand too; SUPPRESS keeps the value given
    before the subcommand when they are not repeated."""
    parser.add_argument(
        "--data-dir", default=argparse.SUPPRESS, metavar=render(DIR),
        help=render(QT_TRANSLATE_NOOP("cli", "station data directory (as before the command)")),
    )
    if user:
        parser.add_argument(
            "--user", default=argparse.SUPPRESS, metavar=render(USER),
            help=render(QT_TRANSLATE_NOOP("cli", "operator to log in as (as before the command)")),
        )


def report(exc: UserFacingError) -> None:
    """The error in the operator's language (`workstation.i18n.operator_language`); a technical hint
    (not a marked text) follows in parentheses for whoever has to look into it."""
    print(exc.for_operator(), file=sys.stderr)
    if exc.hint and not isinstance(exc.hint, Text | Message):
        print(f"  ({exc.hint})", file=sys.stderr)


def run_main(
    build_parser: Callable[[], argparse.ArgumentParser],
    argv: Sequence[str] | None,
    default: Callable[[argparse.Namespace], int] | None = None,
) -> int:
    """Build the command's parser (argparse speaking the operator's language: `argparse_i18n.install`
    comes first), parse `argv` and run the chosen command (`args.func`, else `default`); every failure
    becomes a message and an exit code (module docstring). Never shows a traceback unless
    WORKSTATION_DEBUG is set."""
    argparse_i18n.install()
    parser = build_parser()
    exit_codes = render(EXIT_CODES)
    if exit_codes not in (parser.epilog or ""):
        parser.epilog = f"{parser.epilog} {exit_codes}" if parser.epilog else exit_codes
    args = parser.parse_args(argv)
    func = getattr(args, "func", None) or default
    if func is None:
        parser.print_usage(sys.stderr)
        return EXIT_USAGE
    try:
        rc: int = func(args)
        return rc
    except UsageError as exc:
        report(exc)
        return EXIT_USAGE
    except UserFacingError as exc:
        report(exc)
        return EXIT_REFUSED
    except Cancelled:
        return EXIT_CANCELLED  # the operator chose to stop: nothing to report
    except KeyboardInterrupt:
        print("\n" + render(QT_TRANSLATE_NOOP("cli", "interrupted")), file=sys.stderr)
        return EXIT_CANCELLED
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        text = exc.strerror or str(exc)
        refused = QT_TRANSLATE_NOOP("cli", "The system refused: {reason}{where}. Nothing else was changed.")
        print(UserFacingError(refused.format(reason=text, where=where)).for_operator(), file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # a bug: say so plainly instead of a traceback
        if os.environ.get("WORKSTATION_DEBUG"):
            traceback.print_exc()
        bug = QT_TRANSLATE_NOOP("cli", "internal error (a bug, please report it): {kind}: {detail}")
        print(render(bug.format(kind=type(exc).__name__, detail=str(exc))), file=sys.stderr)
        return EXIT_BUG


def display_width(text: str) -> int:
    """How many terminal columns `text` takes: a Chinese character (East Asian wide or full-width)
    takes two, combining marks none, anything else one."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text
    )


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` terminal columns (`display_width`), so columns of Chinese
    and Latin text line up; a longer text is returned whole."""
    return text + " " * max(0, width - display_width(text))
