"""Opening the station and logging an operator in from a terminal, shared by the console commands.

Secrets are asked for interactively; for scripts they may come from the environment
(WORKSTATION_ADMIN_PASSWORD, WORKSTATION_PASSPHRASE) — never from command-line arguments, which
other users can see in the process list.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP, render
from workstation.storage import operators, station
from workstation.storage.db import Database
from workstation.storage.errors import PasswordChangeRequired
from workstation.storage.operators import Actor

RECOVERY_PASSPHRASE = QT_TRANSLATE_NOOP("cli", "Recovery passphrase")
PASSWORD_FOR = QT_TRANSLATE_NOOP("cli", "Password for {user}")
NEW_PASSWORD_FOR = QT_TRANSLATE_NOOP("cli", "New password for {user}")


def secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UserFacingError(
            QT_TRANSLATE_NOOP("cli", "{what} is needed: set {variable} or run the command in a terminal.").format(
                what=prompt, variable=env
            )
        )
    value = getpass.getpass(render(QT_TRANSLATE_NOOP("cli", "{what}: ").format(what=prompt)))
    if confirm and getpass.getpass(render(QT_TRANSLATE_NOOP("cli", "{what} (again): ").format(what=prompt))) != value:
        raise UserFacingError(QT_TRANSLATE_NOOP("cli", "The two entries differ."))
    return value


def open_station(args: argparse.Namespace) -> Database:
    data_dir = Path(args.data_dir)
    try:
        db, _method = station.unlock(data_dir)
    except UserFacingError as exc:
        if "keyring" not in exc.message.lower():
            raise
        if not os.environ.get("WORKSTATION_PASSPHRASE"):
            print(exc.render(), file=sys.stderr)
        db, _method = station.unlock(data_dir, passphrase=secret("WORKSTATION_PASSPHRASE", RECOVERY_PASSPHRASE))
    return db


def login(db: Database, args: argparse.Namespace) -> Actor:
    """Log `args.user` in. After an administrator reset their password, ask for a new one (twice) and
    set it (`operators.change_password`) before going on."""
    password = secret("WORKSTATION_ADMIN_PASSWORD", PASSWORD_FOR.format(user=args.user))
    try:
        return operators.authenticate(db, args.user, password)
    except PasswordChangeRequired as exc:
        print(exc.render(), file=sys.stderr)
        new = secret("WORKSTATION_NEW_PASSWORD", NEW_PASSWORD_FOR.format(user=args.user), confirm=True)
        return operators.change_password(db, args.user, password, new)
