"""`workstation-admin`: station set-up and maintenance from a terminal.

Secrets are asked for interactively; for scripts they may come from the environment
(WORKSTATION_ADMIN_PASSWORD, WORKSTATION_PASSPHRASE) — never from command-line arguments, which
other users can see in the process list.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workstation.cli import devices as devices_cli
from workstation.cli.terminal import NEW_PASSWORD_FOR, PASSWORD_FOR, RECOVERY_PASSPHRASE, login, open_station, secret
from workstation.domain.enums import Role
from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import audit, metrics, operators, retention, station
from workstation.storage.vault import KeyVault


def cmd_init(args: argparse.Namespace) -> int:
    prompt = QT_TRANSLATE_NOOP("cli", "Password for the first admin {user}").format(user=args.admin)
    pw = secret("WORKSTATION_ADMIN_PASSWORD", prompt, confirm=True)
    res = station.init_station(
        Path(args.data_dir),
        station_code=args.station_code,
        station_name=args.station_name,
        admin_username=args.admin,
        admin_password=pw,
        use_keyring=not args.no_keyring,
    )
    res.database.close()
    print(f"Station {args.station_code} {args.station_name} created in {args.data_dir}")
    print(
        "Key storage: "
        + (
            "OS keyring + recovery passphrase"
            if res.keyring_used
            else "recovery passphrase only (no OS keyring available)"
        )
    )
    print()
    print("RECOVERY PASSPHRASE — write it down now and keep it in the station safe. It is shown only once;")
    print("without it and without this computer's keyring the data cannot be opened by anyone.")
    print()
    print(f"    {res.recovery_passphrase}")
    print()
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    db, method = station.unlock(data_dir, passphrase=secret("WORKSTATION_PASSPHRASE", RECOVERY_PASSPHRASE))
    vault = KeyVault(station.keyfile_path(data_dir))
    print(f"Unlocked via {method}. Keyring backend: {vault.backend_name}")
    db.close()
    return 0


def cmd_operator(args: argparse.Namespace) -> int:
    db = open_station(args)
    try:
        admin = login(db, args)
        if args.action == "add":
            pw = secret("WORKSTATION_NEW_PASSWORD", PASSWORD_FOR.format(user=args.username), confirm=True)
            operators.create_operator(
                db,
                admin,
                username=args.username,
                display_name=args.name or args.username,
                role=Role(args.role),
                password=pw,
            )
            print(f"Operator {args.username} ({args.role}) created.")
        elif args.action == "disable":
            operators.set_disabled(db, admin, args.username, True)
            print(f"Operator {args.username} disabled.")
        elif args.action == "enable":
            operators.set_disabled(db, admin, args.username, False)
            print(f"Operator {args.username} enabled.")
        elif args.action == "reset":
            pw = secret("WORKSTATION_NEW_PASSWORD", NEW_PASSWORD_FOR.format(user=args.username), confirm=True)
            operators.reset_password(db, admin, args.username, pw)
            print(f"Password of {args.username} reset; they must change it at next login.")
        elif args.action == "list":
            for op in operators.list_operators(db, admin):
                state = "disabled" if op.disabled else "active"
                print(f"{op.username:16} {op.role:10} {state:8} {op.display_name}")
    finally:
        db.close()
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from workstation.storage.migrate import current_revision
    from workstation.storage.schema import SYNCABLE, AuditEvent, Operator

    data_dir = Path(args.data_dir)
    db = open_station(args)
    ok = True
    try:
        st = station.station_of(db)
        print(f"Station:      {st.code} {st.name}")
        print(f"Database:     {db.path} ({_size(db.path)})")
        print(f"Schema:       {', '.join(current_revision(db.engine))}")
        print(f"Key backend:  {KeyVault(station.keyfile_path(data_dir)).backend_name}")
        with db.read() as s:
            for name, model in SYNCABLE.items():
                n = s.execute(select(func.count()).select_from(model)).scalar_one()
                print(f"  {name:18} {n}")
            print(f"  {'operator':18} {s.execute(select(func.count()).select_from(Operator)).scalar_one()}")
            print(f"  {'audit_event':18} {s.execute(select(func.count()).select_from(AuditEvent)).scalar_one()}")
            b = metrics.unsynced_backlog(s)
            print(f"Unsynced:     {b.records} changes" + (f", oldest {b.oldest:%Y-%m-%d %H:%M}" if b.oldest else ""))
            v = audit.verify(s)
            print(f"Audit trail:  {'OK' if v.ok else 'BROKEN'} — {v.message}")
            ok &= v.ok
        conn = db.raw_connection()
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            cipher = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        finally:
            conn.close()
        print(f"Integrity:    {integrity}; page HMACs: {'ok' if not cipher else f'{len(cipher)} errors'}")
        ok &= integrity == "ok" and not cipher
    finally:
        db.close()
    return 0 if ok else 1


def _size(path: Path) -> str:
    total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    return f"{total / 1e6:.1f} MB"


def cmd_verify_audit(args: argparse.Namespace) -> int:
    db = open_station(args)
    try:
        with db.read() as s:
            v = audit.verify(s)
        print(("OK: " if v.ok else "BROKEN: ") + v.message)
        return 0 if v.ok else 1
    finally:
        db.close()


def cmd_rekey(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir)
    db = open_station(args)
    admin = login(db, args)
    new_pass = station.rekey(
        db,
        data_dir,
        admin,
        passphrase=secret("WORKSTATION_PASSPHRASE", QT_TRANSLATE_NOOP("cli", "Current recovery passphrase")),
    )
    print("Database re-encrypted under a new key. NEW RECOVERY PASSPHRASE (the old one no longer works):")
    print(f"\n    {new_pass}\n")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    db = open_station(args)
    try:
        out = station.backup(db, login(db, args), Path(args.target))
        print(f"Encrypted backup written to {out} (with its key file; restore needs the recovery passphrase).")
    finally:
        db.close()
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    db = open_station(args)
    try:
        rep = retention.purge(db, login(db, args), dry_run=args.dry_run)
        verb = "Would purge" if args.dry_run else "Purged"
        print(
            f"{verb} (acknowledged and older than {rep.cutoff:%Y-%m-%d}): "
            + ", ".join(f"{k} {v}" for k, v in rep.counts.items())
        )
    finally:
        db.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from workstation.storage import demo

    db = open_station(args)
    try:
        login(db, args)
        counts = demo.generate(db, args.count, seed=args.seed, actor=args.user)
        print("Synthetic demo data added: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    finally:
        db.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="workstation-admin", description="Police-room workstation administration")
    p.add_argument("--data-dir", default=str(station.default_data_dir()), help="station data directory")
    p.add_argument("--user", default="admin", help="admin operator for commands that need one")
    sub = p.add_subparsers(dest="command", required=True)
    i = sub.add_parser("init", help="create station, database, keys and the first admin")
    i.add_argument("--station-code", required=True)
    i.add_argument("--station-name", required=True)
    i.add_argument("--admin", default="admin")
    i.add_argument("--no-keyring", action="store_true", help="do not use the OS keyring (passphrase only)")
    i.set_defaults(func=cmd_init)
    sub.add_parser("unlock", help="unlock with the recovery passphrase; restores the keyring entry").set_defaults(
        func=cmd_unlock
    )
    o = sub.add_parser("operator", help="manage operators")
    o.add_argument("action", choices=["add", "disable", "enable", "reset", "list"])
    o.add_argument("username", nargs="?", default="")
    o.add_argument("--role", choices=[r.value for r in Role], default=Role.OFFICER.value)
    o.add_argument("--name", help="display name")
    o.set_defaults(func=cmd_operator)
    sub.add_parser("status", help="counts, size, key backend, integrity").set_defaults(func=cmd_status)
    sub.add_parser("verify-audit", help="verify the audit chain").set_defaults(func=cmd_verify_audit)
    sub.add_parser("rekey", help="re-encrypt the database under a new key").set_defaults(func=cmd_rekey)
    b = sub.add_parser("backup", help="encrypted backup to a folder")
    b.add_argument("target")
    b.set_defaults(func=cmd_backup)
    pu = sub.add_parser("purge", help="purge acknowledged data past retention")
    pu.add_argument("--dry-run", action="store_true")
    pu.set_defaults(func=cmd_purge)
    d = sub.add_parser("demo-data", help="add N synthetic residents (clearly marked) for training and demos")
    d.add_argument("count", type=int)
    d.add_argument("--seed", type=int, default=1)
    d.set_defaults(func=cmd_demo)
    devices_cli.add_parser(sub)  # `devices ...` (cli/devices.py)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        rc: int = args.func(args)
        return rc
    except UserFacingError as exc:
        print(exc.for_operator(), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
