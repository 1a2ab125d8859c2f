"""`workstation-admin`: station set-up and maintenance from a terminal.

Secrets are asked for interactively; for scripts they may come from the environment (see
`cli/terminal.py`: WORKSTATION_PASSPHRASE, WORKSTATION_ADMIN_PASSWORD for WORKSTATION_USER only,
WORKSTATION_NEW_PASSWORD) — never from command-line arguments, which other users can see in the
process list. `--data-dir` and `--user` may stand before or after the command.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workstation.cli import checks
from workstation.cli import devices as devices_cli
from workstation.cli.terminal import (
    BACKUP_RECOVERY_PASSPHRASE,
    CODE,
    COMMAND,
    CURRENT_PASSWORD_FOR,
    CURRENT_RECOVERY_PASSPHRASE,
    DIR,
    FIRST_ADMIN_PASSWORD,
    KEYRING_NOTE,
    NAME,
    NEW_PASSWORD_FOR,
    NUMBER,
    PASSWORD_FOR,
    RECOVERY_PASSPHRASE,
    SECRETS_NOTE,
    USER,
    UsageError,
    add_common,
    display_width,
    env_user,
    login,
    open_station,
    pad,
    password_of,
    run_main,
    secret,
    usage_checked,
)
from workstation.domain.enums import Role
from workstation.domain.permissions import ROLE_LABELS, Permission
from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP, Listing, render
from workstation.storage import audit, metrics, operators, retention, station
from workstation.storage.db import Database
from workstation.storage.labels import table_label
from workstation.storage.operators import Actor
from workstation.storage.vault import KeyVault, backend_label

#: How `station.unlock` got the key (``unlock``'s report).
UNLOCKED_BY = {
    "keyring": QT_TRANSLATE_NOOP("cli", "the key from the system keyring"),
    "passphrase": QT_TRANSLATE_NOOP("cli", "the recovery passphrase"),
}
#: one item of a list of counts: "Residents 500"
COUNT = QT_TRANSLATE_NOOP("cli", "{label} {count}")
#: what ``PRAGMA integrity_check`` found
INTEGRITY_OK = QT_TRANSLATE_NOOP("cli", "ok")
INTEGRITY_PROBLEM = QT_TRANSLATE_NOOP("cli", "damaged (SQLite reports: {problem})")
#: `operators.OperatorAccount.state` in ``operator list``.
ACCOUNT_STATES = {
    "active": QT_TRANSLATE_NOOP("cli", "active"),
    "disabled": QT_TRANSLATE_NOOP("cli", "disabled"),
    "locked": QT_TRANSLATE_NOOP("cli", "locked"),
}


def _say(text: str) -> None:
    """Print one line (or lines) in the operator's language."""
    print(render(text))


def cmd_init(args: argparse.Namespace) -> int:
    data_dir = Path(str(usage_checked(checks.folder_to_write, args.data_dir, "--data-dir")))
    if station.db_path(data_dir).exists() or station.keyfile_path(data_dir).exists():
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "cli",
                "{data_dir} already holds a workstation station; nothing was changed. Choose a new or empty "
                "folder.",
            ).format(data_dir=data_dir),
        )
    usage_checked(checks.empty_folder, args.data_dir, "--data-dir")
    admin_name = operators.validate_username(args.admin)
    pw = password_of(args.admin, FIRST_ADMIN_PASSWORD.format(user=admin_name), confirm=True)
    operators.validate_display_name(admin_name)
    if len(pw) < operators.MIN_PASSWORD:  # before anything is created
        raise UsageError(
            QT_TRANSLATE_NOOP("cli", "The admin password needs at least {min_password} characters.").format(
                min_password=operators.MIN_PASSWORD
            )
        )
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    res = station.init_station(
        data_dir,
        station_code=args.station_code,
        station_name=args.station_name,
        admin_username=admin_name,
        admin_password=pw,
        use_keyring=not args.no_keyring,
        demo=args.demo,
    )
    res.database.close()
    if args.demo:
        created = QT_TRANSLATE_NOOP("cli", "Demo station (synthetic data only) {code} {name} created in {path}")
    else:
        created = QT_TRANSLATE_NOOP("cli", "Station {code} {name} created in {path}")
    _say(created.format(code=args.station_code, name=args.station_name, path=data_dir))
    if res.keyring_used:
        _say(QT_TRANSLATE_NOOP("cli", "Key storage: OS keyring + recovery passphrase"))
    else:
        _say(QT_TRANSLATE_NOOP("cli", "Key storage: recovery passphrase only (no OS keyring available)"))
    print()
    _say(
        QT_TRANSLATE_NOOP(
            "cli",
            "RECOVERY PASSPHRASE — write it down now and keep it in the station safe. It is shown only once;\n"
            "without it and without this computer's keyring the data cannot be opened by anyone.",
        )
    )
    print()
    print(f"    {res.recovery_passphrase}")
    print()
    if not res.keyring_used:
        _say(KEYRING_NOTE)
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    if not station.db_path(data_dir).exists():
        from workstation.storage.errors import DatabaseMissing

        raise DatabaseMissing(str(station.db_path(data_dir)))
    db, method = station.unlock(data_dir, passphrase=secret("WORKSTATION_PASSPHRASE", RECOVERY_PASSPHRASE))
    vault = KeyVault(station.keyfile_path(data_dir), backend=None)
    how = UNLOCKED_BY.get(method, method)
    _say(QT_TRANSLATE_NOOP("cli", "Unlocked with {how}. Keyring backend: {backend}").format(
        how=how, backend=backend_label(vault.backend_name)))
    db.close()
    return 0


def _logged_in(args: argparse.Namespace, permission: Permission | None = None) -> tuple[Database, Actor]:
    """Open the station and log `--user` in (with `permission` checked); closes the station on failure."""
    db = open_station(args)
    try:
        actor = login(db, args)
        if permission is not None:
            operators.authorize(db, actor, permission)
    except BaseException:
        db.close()
        raise
    return db, actor


def cmd_operator(args: argparse.Namespace) -> int:
    if args.action != "list" and not args.username:
        raise UsageError(
            QT_TRANSLATE_NOOP("cli", "`operator {action}` needs the user name of the operator.").format(
                action=args.action
            )
        )
    if args.action == "add":  # refuse a bad name before any password is asked for
        operators.validate_username(args.username)
        operators.validate_display_name(args.name or args.username)
    db, admin = _logged_in(args, Permission.MANAGE_OPERATORS)
    try:
        if args.action == "add":
            pw = secret("WORKSTATION_NEW_PASSWORD", PASSWORD_FOR.format(user=args.username), confirm=True)
            operators.create_operator(
                db,
                admin,
                username=args.username,
                display_name=args.name or args.username,
                role=Role(args.role or Role.OFFICER.value),
                password=pw,
            )
            _say(QT_TRANSLATE_NOOP("cli", "Operator {user} ({role}) created.").format(
                user=operators.canonical_username(args.username), role=ROLE_LABELS[Role(args.role or "officer")]))
        elif args.action == "disable":
            operators.set_disabled(db, admin, args.username, True)
            _say(QT_TRANSLATE_NOOP("cli", "Operator {user} disabled.").format(user=args.username))
        elif args.action == "enable":
            operators.set_disabled(db, admin, args.username, False)
            _say(QT_TRANSLATE_NOOP("cli", "Operator {user} enabled.").format(user=args.username))
        elif args.action == "role":
            if not args.role:
                raise UsageError(QT_TRANSLATE_NOOP("cli", "`operator role` needs --role."))
            operators.set_role(db, admin, args.username, Role(args.role))
            _say(QT_TRANSLATE_NOOP("cli", "Operator {user} is now {role}; their open sessions end.").format(
                user=args.username, role=ROLE_LABELS[Role(args.role)]))
        elif args.action == "reset":
            pw = secret("WORKSTATION_NEW_PASSWORD", NEW_PASSWORD_FOR.format(user=args.username), confirm=True)
            operators.reset_password(db, admin, args.username, pw)
            _say(QT_TRANSLATE_NOOP("cli", "Password of {user} reset; they must change it at next login.").format(
                user=args.username))
        elif args.action == "unlock":
            was_locked = operators.unlock(db, admin, args.username)
            if was_locked:
                _say(QT_TRANSLATE_NOOP("cli", "Operator {user} unlocked.").format(user=args.username))
            else:
                _say(QT_TRANSLATE_NOOP("cli", "Operator {user} was not locked.").format(user=args.username))
        elif args.action == "list":
            for acc in operators.accounts(db, admin):
                state = render(ACCOUNT_STATES.get(acc.state, acc.state))
                if acc.must_change_password:
                    state = render(QT_TRANSLATE_NOOP("cli", "{state}, must change password").format(state=state))
                print(f"{pad(acc.username, 16)} {pad(render(ROLE_LABELS[acc.role]), 14)} {pad(state, 8)} "
                      f"{acc.display_name}")
    finally:
        db.close()
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    db = open_station(args)
    try:
        old = password_of(args.user, CURRENT_PASSWORD_FOR.format(user=args.user))
        new = secret("WORKSTATION_NEW_PASSWORD", NEW_PASSWORD_FOR.format(user=args.user), confirm=True)
        actor = operators.change_password(db, args.user, old, new)
        _say(QT_TRANSLATE_NOOP("cli", "Password of {user} changed.").format(user=actor.username))
    finally:
        db.close()
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from workstation.storage.migrate import current_revision
    from workstation.storage.schema import SYNCABLE, AuditEvent, Operator

    data_dir = Path(args.data_dir)
    db, _actor = _logged_in(args, Permission.READ_AUDIT)
    ok = True
    try:
        st = station.station_of(db)
        if st.demo:
            _say(QT_TRANSLATE_NOOP("cli", "Station:      {code} {name} (a demo station: synthetic data only)").format(
                code=st.code, name=st.name))
        else:
            _say(QT_TRANSLATE_NOOP("cli", "Station:      {code} {name}").format(code=st.code, name=st.name))
        _say(QT_TRANSLATE_NOOP("cli", "Database:     {path} ({size})").format(path=db.path, size=_size(db.path)))
        _say(QT_TRANSLATE_NOOP("cli", "Schema:       {revision}").format(
            revision=", ".join(current_revision(db.engine))))
        _say(QT_TRANSLATE_NOOP("cli", "Key backend:  {backend}").format(
            backend=backend_label(KeyVault(station.keyfile_path(data_dir)).backend_name)))
        with db.read() as s:
            models: dict[str, type[Any]] = {**SYNCABLE, "operator": Operator, "audit_event": AuditEvent}
            counts = {name: s.execute(select(func.count()).select_from(m)).scalar_one() for name, m in models.items()}
            width = max(display_width(render(table_label(name))) for name in counts) + 2
            for name, n in counts.items():
                print(f"  {pad(render(table_label(name)), width)} {n:>8}")
            b = metrics.unsynced_backlog(s)
            if b.oldest:
                _say(QT_TRANSLATE_NOOP("cli", "Unsynced:     {count} changes, oldest {oldest}").format(
                    count=b.records, oldest=f"{b.oldest:%Y-%m-%d %H:%M}"))
            else:
                _say(QT_TRANSLATE_NOOP("cli", "Unsynced:     {count} changes").format(count=b.records))
            v = audit.verify(s)
            if v.ok:
                _say(QT_TRANSLATE_NOOP("cli", "Audit trail:  OK — {message}").format(message=v.message))
            else:
                _say(QT_TRANSLATE_NOOP("cli", "Audit trail:  BROKEN — {message}").format(message=v.message))
            ok &= v.ok
        conn = db.raw_connection()
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        finally:
            conn.close()
        # PRAGMA integrity_check answers "ok" or SQLite's own (English) description of each problem
        found = INTEGRITY_OK if integrity == "ok" else INTEGRITY_PROBLEM.format(problem=integrity)
        if not cipher:
            _say(QT_TRANSLATE_NOOP("cli", "Integrity:    {integrity}; page HMACs: ok").format(integrity=found))
        else:
            _say(QT_TRANSLATE_NOOP("cli", "Integrity:    {integrity}; page HMACs: {count} errors").format(
                integrity=found, count=len(cipher)))
        ok &= integrity == "ok" and not cipher
    finally:
        db.close()
    return 0 if ok else 1


def _size(path: Path) -> str:
    total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    return f"{total / 1e6:.1f} MB"


def cmd_verify_audit(args: argparse.Namespace) -> int:
    db, _actor = _logged_in(args, Permission.READ_AUDIT)
    try:
        with db.read() as s:
            v = audit.verify(s)
        if v.ok:
            _say(QT_TRANSLATE_NOOP("cli", "OK: {message}").format(message=v.message))
        else:
            _say(QT_TRANSLATE_NOOP("cli", "BROKEN: {message}").format(message=v.message))
        return 0 if v.ok else 1
    finally:
        db.close()


def _confirm_new_passphrase(new_pass: str) -> str:
    """Show the new passphrase and read it back (from the terminal, or one line on stdin)."""
    _say(QT_TRANSLATE_NOOP("cli", "NEW RECOVERY PASSPHRASE — write it down now and keep it in the station safe:"))
    print(f"\n    {new_pass}\n", flush=True)
    print(render(QT_TRANSLATE_NOOP("cli", "The key is changed only after you type it back. Type the new passphrase:")),
          flush=True)
    line = sys.stdin.readline()
    if not line:
        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "cli",
                "No confirmation was typed: the key was not changed; the old passphrase still works.",
            ),
        )
    return line.strip()


def cmd_rekey(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    db, admin = _logged_in(args, Permission.MANAGE_SETTINGS)
    try:
        current = secret("WORKSTATION_PASSPHRASE", CURRENT_RECOVERY_PASSPHRASE)
        station.rekey(db, data_dir, admin, passphrase=current, confirm=_confirm_new_passphrase)
    finally:
        db.close()
    _say(
        QT_TRANSLATE_NOOP(
            "cli",
            "Key changed: the database, the audit MAC key and the fingerprint and device-key wrapping are under the\n"
            "new master key. Only the new recovery passphrase opens the station now.",
        )
    )
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    db, admin = _logged_in(args, Permission.MANAGE_SETTINGS)
    try:
        out = station.backup(db, admin, Path(args.target))
        _say(QT_TRANSLATE_NOOP(
            "cli", "Encrypted backup written to {path} (with its key file; restore needs the recovery passphrase)."
        ).format(path=out))
    finally:
        db.close()
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    if station.db_path(data_dir).exists() and not args.replace:
        raise UserFacingError(
            QT_TRANSLATE_NOOP(
                "cli",
                "{data_dir} already holds a station. Add --replace to replace it by the backup (changes made "
                "since the backup are lost). Nothing was changed.",
            ).format(data_dir=data_dir),
        )
    passphrase = secret("WORKSTATION_PASSPHRASE", BACKUP_RECOVERY_PASSPHRASE)
    db = station.restore(Path(args.backup), data_dir, passphrase=passphrase, actor=args.user)
    db.close()
    _say(QT_TRANSLATE_NOOP(
        "cli", "Station restored from {path}. It opens with the recovery passphrase of that backup."
    ).format(path=args.backup))
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    db, admin = _logged_in(args, Permission.PURGE)
    try:
        rep = retention.purge(db, admin, dry_run=args.dry_run)
        if args.dry_run:
            purged = QT_TRANSLATE_NOOP("cli", "Would purge (acknowledged and older than {cutoff}): {counts}")
        else:
            purged = QT_TRANSLATE_NOOP("cli", "Purged (acknowledged and older than {cutoff}): {counts}")
        counts = Listing(COUNT.format(label=retention.purge_label(k), count=v) for k, v in rep.counts.items())
        _say(purged.format(cutoff=f"{rep.cutoff:%Y-%m-%d}", counts=counts))
    finally:
        db.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from workstation.storage import demo

    db, admin = _logged_in(args, Permission.MANAGE_SETTINGS)
    try:
        counts = demo.generate(db, args.count, seed=args.seed, actor=admin.username)
        _say(QT_TRANSLATE_NOOP("cli", "Synthetic demo data added: {counts}").format(
            counts=Listing(COUNT.format(label=table_label(k), count=v) for k, v in counts.items())))
    finally:
        db.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The `workstation-admin` command line; every text in the operator's language (build it after
    `argparse_i18n.install`, as `run_main` does)."""
    p = argparse.ArgumentParser(
        prog="workstation-admin",
        description=render(QT_TRANSLATE_NOOP("cli", "Police-room workstation administration.")),
        epilog=render(KEYRING_NOTE) + " " + render(SECRETS_NOTE),
    )
    p.add_argument(
        "--data-dir", default=str(station.default_data_dir()), metavar=render(DIR),
        help=render(QT_TRANSLATE_NOOP(
            "cli", "station data directory (default: WORKSTATION_DATA_DIR or the user data folder)"
        )),
    )
    p.add_argument(
        "--user", default=env_user(), metavar=render(USER),
        help=render(QT_TRANSLATE_NOOP("cli", "operator to log in as (default: WORKSTATION_USER or `admin`)")),
    )
    sub = p.add_subparsers(dest="command", required=True, metavar=render(COMMAND))

    def command(name: str, help_text: str, func: object, *, user: bool = True) -> argparse.ArgumentParser:
        shown = render(help_text)
        sp = sub.add_parser(name, help=shown, description=shown)
        add_common(sp, user=user)
        sp.set_defaults(func=func)
        return sp

    i = command("init", QT_TRANSLATE_NOOP("cli", "create station, database, keys and the first admin"), cmd_init,
                user=False)
    i.add_argument("--station-code", required=True, metavar=render(CODE),
                   type=checks.code(32, QT_TRANSLATE_NOOP("cli", "station code")),
                   help=render(QT_TRANSLATE_NOOP("cli", "the station's code (ASCII letters, digits, `-`, `_`)")))
    i.add_argument("--station-name", required=True, metavar=render(NAME),
                   type=checks.text(128, QT_TRANSLATE_NOOP("cli", "station name")),
                   help=render(QT_TRANSLATE_NOOP("cli", "the station's name as it is shown")))
    i.add_argument("--admin", default=env_user(), metavar=render(USER),
                   help=render(QT_TRANSLATE_NOOP(
                       "cli", "the first admin's user name (default: WORKSTATION_USER or `admin`)")))
    i.add_argument("--no-keyring", action="store_true",
                   help=render(QT_TRANSLATE_NOOP(
                       "cli", "do not use the OS keyring: the recovery passphrase becomes the everyday key")))
    i.add_argument("--demo", action="store_true",
                   help=render(QT_TRANSLATE_NOOP(
                       "cli", "a demo station for training: accepts synthetic data (demo-data), never in service")))
    command("unlock", QT_TRANSLATE_NOOP("cli", "unlock with the recovery passphrase; restores the keyring entry"),
            cmd_unlock, user=False)
    o = command("operator", QT_TRANSLATE_NOOP("cli", "manage operators (admin login)"), cmd_operator)
    actions = ["add", "disable", "enable", "role", "reset", "unlock", "list"]
    o.add_argument("action", choices=actions, metavar=render(QT_TRANSLATE_NOOP("cli", "ACTION")),
                   help=render(QT_TRANSLATE_NOOP("cli", "one of: {actions}").format(actions=", ".join(actions))))
    o.add_argument("username", nargs="?", default="", metavar=render(USER),
                   help=render(QT_TRANSLATE_NOOP("cli", "the operator's user name (not for `list`)")))
    o.add_argument("--role", choices=[r.value for r in Role],
                   help=render(QT_TRANSLATE_NOOP("cli", "role for add (default officer) and role")))
    o.add_argument("--name", type=checks.text(64, QT_TRANSLATE_NOOP("cli", "display name")), metavar=render(NAME),
                   help=render(QT_TRANSLATE_NOOP("cli", "display name")))
    command("password", QT_TRANSLATE_NOOP("cli", "change your own password (the operator given by --user)"),
            cmd_password)
    command("status", QT_TRANSLATE_NOOP(
        "cli", "counts, size, key backend, integrity (login with a role that may read the audit trail)"), cmd_status)
    command("verify-audit", QT_TRANSLATE_NOOP(
        "cli", "verify the audit chain (login with a role that may read the audit trail)"), cmd_verify_audit)
    command("rekey", QT_TRANSLATE_NOOP("cli", "re-encrypt the database under a new key (admin login)"), cmd_rekey)
    b = command("backup", QT_TRANSLATE_NOOP("cli", "encrypted backup to a new or empty folder (admin login)"),
                cmd_backup)
    b.add_argument("target", type=checks.empty_folder, metavar=render(DIR),
                   help=render(QT_TRANSLATE_NOOP("cli", "a new or empty folder for the backup")))
    pu = command("purge", QT_TRANSLATE_NOOP("cli", "purge acknowledged data past retention (admin login)"), cmd_purge)
    r = command("restore", QT_TRANSLATE_NOOP(
        "cli", "replace the station by a backup folder (close the workstation app first)"), cmd_restore, user=False)
    r.add_argument("backup", type=checks.existing_folder, metavar=render(DIR),
                   help=render(QT_TRANSLATE_NOOP("cli", "the backup folder")))
    r.add_argument("--replace", action="store_true",
                   help=render(QT_TRANSLATE_NOOP("cli", "replace an existing station in --data-dir")))
    pu.add_argument("--dry-run", action="store_true",
                    help=render(QT_TRANSLATE_NOOP("cli", "only count what would be purged")))
    d = command("demo-data", QT_TRANSLATE_NOOP(
        "cli", "add N synthetic residents (clearly marked); only on a demo station (admin login)"), cmd_demo)
    d.add_argument("count", type=checks.int_range(1, 1_000_000, QT_TRANSLATE_NOOP("cli", "count")),
                   metavar=render(NUMBER), help=render(QT_TRANSLATE_NOOP("cli", "how many residents (1–1000000)")))
    d.add_argument("--seed", type=checks.int_range(0, 2**31, QT_TRANSLATE_NOOP("cli", "seed")), default=1,
                   metavar=render(NUMBER),
                   help=render(QT_TRANSLATE_NOOP("cli", "start of the random sequence (the same seed, the same data)")))
    devices_cli.add_parser(sub)  # `devices ...` (cli/devices.py)
    return p


def main(argv: list[str] | None = None) -> int:
    return run_main(build_parser, argv)


if __name__ == "__main__":
    sys.exit(main())
