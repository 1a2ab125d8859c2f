"""Opening the station and logging an operator in from a terminal, shared by the console commands.

Secrets are asked for interactively; for scripts they may come from the environment — never from
command-line arguments, which other users can see in the process list:

* ``WORKSTATION_PASSPHRASE`` — the station's recovery passphrase. On a computer without a keyring
  service (see `KEYRING_NOTE`) it is needed by every command: it has become the everyday key.
* ``WORKSTATION_ADMIN_PASSWORD`` — the password of the operator named by ``WORKSTATION_USER``
  (default ``admin``), and only theirs: a command run with another ``--user`` asks for that
  operator's password instead (or, with no terminal, stops and says so).
* ``WORKSTATION_NEW_PASSWORD`` — a new password being set (operator add/reset/password).

`run_main` runs a command and turns every expected failure into a message in both languages and an
exit code (`EXIT_CODES`, also printed at the end of every command's ``--help``): 0 done; 1 refused or
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
from collections.abc import Callable, Sequence
from pathlib import Path

from workstation.errors import Cancelled, UserFacingError
from workstation.storage import operators, station
from workstation.storage.db import Database
from workstation.storage.errors import AuditTrailDamaged, DatabaseMissing, KeyringUnavailable, PasswordChangeRequired
from workstation.storage.operators import Actor

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2  # argparse's own code for a bad command line
EXIT_BUG = 70  # sysexits.h EX_SOFTWARE
EXIT_CANCELLED = 130  # as a shell reports a command stopped by Ctrl-C

EXIT_CODES = (
    "Exit codes: 0 done; 1 refused or failed (the command was understood but could not be done, the "
    "message says why); 2 usage error (the command line is wrong); 70 internal error (a bug, please "
    "report it); 130 stopped by the operator (Ctrl-C, cancelled)."
)

KEYRING_NOTE = (
    "Without a keyring service (for example a Linux desktop without Secret Service / KWallet, a server or "
    "a remote session) the station's key cannot be kept by the system, and the recovery passphrase becomes "
    "the everyday key: every command and every start of the app asks for it (scripts: WORKSTATION_PASSPHRASE). "
    "Keep it like a password. Once a keyring is available, `workstation-admin unlock` stores the key there "
    "again and the passphrase goes back to the safe."
)
SECRETS_NOTE = (
    "Secrets are asked for at the terminal; scripts may set WORKSTATION_PASSPHRASE (recovery passphrase), "
    "WORKSTATION_ADMIN_PASSWORD (the password of WORKSTATION_USER, default 'admin', and of no one else) and "
    "WORKSTATION_NEW_PASSWORD (a password being set)."
)


def ask(prompt: str, *, confirm: bool = False, env: str | None = None) -> str:
    """A secret typed at the terminal (twice if `confirm`). Raises UserFacingError with no terminal
    (naming `env`, the variable a script may set instead) or when two entries differ."""
    if not sys.stdin.isatty():
        hint_en = f"set {env} or run in a terminal" if env else "run in a terminal"
        hint_zh = f"请设置 {env} 或在终端中运行" if env else "请在终端中运行"
        raise UserFacingError(f"{prompt} needed: {hint_en}", f"需要{_zh(prompt)}：{hint_zh}")
    value = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"{prompt} (again): ") != value:
        raise UserFacingError("The two entries differ.", "两次输入不一致。")
    return value


def secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """A secret from the environment variable `env`, else `ask`ed at the terminal."""
    return os.environ.get(env) or ask(prompt, confirm=confirm, env=env)


def _zh(prompt: str) -> str:
    for en, zh in (("Recovery passphrase", "恢复口令"), ("Current recovery passphrase", "当前恢复口令"),
                   ("New password", "新密码"), ("Password", "密码")):
        if prompt.startswith(en):
            return zh + prompt[len(en):]
    return prompt


def env_user() -> str:
    """The operator scripts log in as: WORKSTATION_USER, default 'admin'."""
    return os.environ.get("WORKSTATION_USER") or "admin"


def password_of(user: str, prompt: str | None = None, *, confirm: bool = False) -> str:
    """`user`'s password: from WORKSTATION_ADMIN_PASSWORD only if WORKSTATION_USER (default 'admin')
    names `user`, otherwise asked at the terminal. Raises UserFacingError with no terminal."""
    prompt = prompt or f"Password for {user}"
    owner = env_user()
    given = os.environ.get("WORKSTATION_ADMIN_PASSWORD")
    if given and operators.canonical_username(owner) == operators.canonical_username(user):
        return given
    if given and not sys.stdin.isatty():
        raise UserFacingError(
            f"WORKSTATION_ADMIN_PASSWORD is the password of {owner!r} (WORKSTATION_USER), not of {user!r}. "
            f"Set WORKSTATION_USER={user} for a script that logs in as {user!r}, or run in a terminal.",
            f"WORKSTATION_ADMIN_PASSWORD 是 {owner!r}（WORKSTATION_USER）的密码，不是 {user!r} 的。"
            f"以 {user!r} 登录的脚本请设置 WORKSTATION_USER={user}，或在终端中运行。",
        )
    return ask(prompt, confirm=confirm, env="WORKSTATION_ADMIN_PASSWORD")


def open_station(args: argparse.Namespace) -> Database:
    """Unlock the station in `args.data_dir`: keyring first, else the recovery passphrase (saying
    that without a keyring the passphrase is the everyday key)."""
    data_dir = Path(args.data_dir)
    if not station.db_path(data_dir).exists():
        raise DatabaseMissing(str(station.db_path(data_dir)))
    try:
        db, _method = station.unlock(data_dir)
    except KeyringUnavailable as exc:
        if not os.environ.get("WORKSTATION_PASSPHRASE"):
            print(exc.message, file=sys.stderr)
            print(KEYRING_NOTE, file=sys.stderr)
        db, _method = station.unlock(data_dir, passphrase=secret("WORKSTATION_PASSPHRASE", "Recovery passphrase"))
    if db.read_only_reason is not None:  # opened read-only for an inspection: say so first
        print(AuditTrailDamaged(db.read_only_reason).message, file=sys.stderr)
    return db


def login(db: Database, args: argparse.Namespace) -> Actor:
    """Log `args.user` in. After an administrator reset their password, ask for a new one (twice) and
    set it (`operators.change_password`) before going on."""
    password = password_of(args.user)
    try:
        return operators.authenticate(db, args.user, password)
    except PasswordChangeRequired as exc:
        print(exc.message, file=sys.stderr)
        new = secret("WORKSTATION_NEW_PASSWORD", f"New password for {args.user}", confirm=True)
        return operators.change_password(db, args.user, password, new)


class UsageError(UserFacingError):
    """A command-line argument that cannot be right (exit code `EXIT_USAGE`)."""


def usage_checked(check: Callable[[str], object], value: str, what: str) -> object:
    """Run an argument check from `cli.checks` outside argparse (e.g. on a global option that only one
    command constrains); its complaint becomes a UsageError."""
    try:
        return check(value)
    except argparse.ArgumentTypeError as exc:
        raise UsageError(f"{what}: {exc}", f"{what}：{exc}") from None


def add_common(parser: argparse.ArgumentParser, *, user: bool = True) -> None:
    """`--data-dir` (and `--user`) accepted after a subcommand too; SUPPRESS keeps the value given
    before the subcommand when they are not repeated."""
    parser.add_argument("--data-dir", default=argparse.SUPPRESS, help="station data directory (as before the command)")
    if user:
        parser.add_argument("--user", default=argparse.SUPPRESS, help="operator to log in as (as before the command)")


def report(exc: UserFacingError) -> None:
    print(f"error: {exc}", file=sys.stderr)
    if exc.message_zh != exc.message:
        print(f"错误：{exc.message_zh}", file=sys.stderr)


def run_main(
    parser: argparse.ArgumentParser,
    argv: Sequence[str] | None,
    default: Callable[[argparse.Namespace], int] | None = None,
) -> int:
    """Parse `argv` and run the chosen command (`args.func`, else `default`); every failure becomes a
    message and an exit code (module docstring). Never shows a traceback unless WORKSTATION_DEBUG is set."""
    if EXIT_CODES not in (parser.epilog or ""):
        parser.epilog = f"{parser.epilog} {EXIT_CODES}" if parser.epilog else EXIT_CODES
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
        print("\ninterrupted / 已中断", file=sys.stderr)
        return EXIT_CANCELLED
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        text = exc.strerror or str(exc)
        print(f"error: the system refused: {text}{where}. Nothing else was changed.", file=sys.stderr)
        print(f"错误：操作系统拒绝：{text}{where}。其余内容未作改动。", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # a bug: say so plainly instead of a traceback
        if os.environ.get("WORKSTATION_DEBUG"):
            traceback.print_exc()
        print(f"internal error (a bug, please report it): {type(exc).__name__}: {exc}", file=sys.stderr)
        print(f"内部错误（程序缺陷，请报告）：{type(exc).__name__}", file=sys.stderr)
        return EXIT_BUG
