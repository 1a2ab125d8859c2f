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
from workstation.storage import operators, station
from workstation.storage.db import Database
from workstation.storage.errors import PasswordChangeRequired
from workstation.storage.operators import Actor


def secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UserFacingError(f"{prompt} needed: set {env} or run in a terminal", f"需要{prompt}")
    value = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass(f"{prompt} (again): ") != value:
        raise UserFacingError("The two entries differ.", "两次输入不一致。")
    return value


def open_station(args: argparse.Namespace) -> Database:
    data_dir = Path(args.data_dir)
    try:
        db, _method = station.unlock(data_dir)
    except UserFacingError as exc:
        if "keyring" not in exc.message.lower():
            raise
        if not os.environ.get("WORKSTATION_PASSPHRASE"):
            print(exc.message, file=sys.stderr)
        db, _method = station.unlock(data_dir, passphrase=secret("WORKSTATION_PASSPHRASE", "Recovery passphrase"))
    return db


def login(db: Database, args: argparse.Namespace) -> Actor:
    """Log `args.user` in. After an administrator reset their password, ask for a new one (twice) and
    set it (`operators.change_password`) before going on."""
    password = secret("WORKSTATION_ADMIN_PASSWORD", f"Password for {args.user}")
    try:
        return operators.authenticate(db, args.user, password)
    except PasswordChangeRequired as exc:
        print(exc.message, file=sys.stderr)
        new = secret("WORKSTATION_NEW_PASSWORD", f"New password for {args.user}", confirm=True)
        return operators.change_password(db, args.user, password, new)
