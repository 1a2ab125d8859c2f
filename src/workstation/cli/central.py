"""`workstation-central`: the reference central platform (init, serve, enroll-code, push-task,
import-prereg, revoke-device, import-folder, status)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_DIR = Path("central-data")


def _open(args: argparse.Namespace) -> object:
    from workstation.central.keys import load_config, load_keys
    from workstation.central.service import Central
    from workstation.central.store import Store

    data_dir = Path(args.data_dir)
    if not (data_dir / "central.json").exists():
        raise SystemExit(f"No platform at {data_dir}; run `workstation-central init` first.")
    cfg = load_config(data_dir)
    url = args.db_url or str(cfg["db_url"])
    return Central(Store(url), load_keys(data_dir))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="workstation-central", description="Reference central platform")
    p.add_argument("--data-dir", default=str(DEFAULT_DIR), help="platform data directory (keys, config, SQLite)")
    p.add_argument("--db-url", help="database URL (default: SQLite in the data directory)")
    sub = p.add_subparsers(dest="command", required=True)
    i = sub.add_parser("init", help="create the CA, TLS certificate, signing and encryption keys")
    i.add_argument("--host", action="append", help="host name or IP for the TLS certificate (repeatable)")
    s = sub.add_parser("serve", help="serve HTTPS")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8443)
    e = sub.add_parser("enroll-code", help="one-time, short-lived enrollment code for a station")
    e.add_argument("station_code")
    e.add_argument("--minutes", type=int, default=15)
    t = sub.add_parser("push-task", help="send a task to a station")
    t.add_argument("station_code")
    t.add_argument("title")
    t.add_argument("--kind", default="visit")
    t.add_argument("--details")
    t.add_argument("--due")
    r = sub.add_parser("import-prereg", help="import pre-registrations (JSON list) for a station")
    r.add_argument("station_code")
    r.add_argument("file")
    v = sub.add_parser("revoke-device", help="revoke a device")
    v.add_argument("device_id")
    f = sub.add_parser("import-folder", help="offline transfer: ingest sealed batches, write receipts")
    f.add_argument("folder")
    tr = sub.add_parser("transfer-record", help="hand a record to another station (only its devices may change it)")
    tr.add_argument("record_type")
    tr.add_argument("record_id")
    tr.add_argument("to_station")
    tr.add_argument("--reason", default="")
    rc = sub.add_parser(
        "release-checkpoint", help="forget a station's audit checkpoint after its trail went back (once examined)"
    )
    rc.add_argument("station_code")
    sub.add_parser("rotate-key", help="new batch-encryption key, announced to stations by the downlink")
    sub.add_parser("status", help="counts of devices, batches, records and conflicts")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from datetime import timedelta

    from workstation.central import keys as k
    from workstation.central.service import Central, ServiceError, import_folder

    if args.command == "init":
        pk = k.init_keys(Path(args.data_dir), hosts=args.host, db_url=args.db_url)
        print(f"Platform initialised in {args.data_dir}")
        print(f"CA certificate: {Path(args.data_dir) / k.CA_CERT}")
        print(f"CA fingerprint (SHA-256): {k.ca_fingerprint(pk.ca_pem)}")
        print(f"Encryption key id: {pk.key_id}")
        return 0
    central = _open(args)
    assert isinstance(central, Central)
    try:
        if args.command == "serve":
            from workstation.central.app import create_app
            from workstation.central.server import serve

            print(f"Serving https://{args.host}:{args.port} (OpenAPI at /openapi.json)")
            serve(create_app(central), central.keys.tls_cert, central.keys.tls_key, args.host, args.port)
        elif args.command == "enroll-code":
            code = central.enroll_code(args.station_code, ttl=timedelta(minutes=args.minutes))
            print(f"Enrollment code for station {args.station_code} (valid {args.minutes} minutes, one use): {code}")
            print(f"CA fingerprint to check at the workstation: {k.ca_fingerprint(central.keys.ca_pem)}")
        elif args.command == "push-task":
            tid = central.push_task(
                args.station_code, title=args.title, kind=args.kind, details=args.details, due_date=args.due
            )
            print(f"Task {tid} queued for station {args.station_code}")
        elif args.command == "import-prereg":
            rows = json.loads(Path(args.file).read_text())
            print(f"{central.import_prereg(args.station_code, rows)} pre-registrations queued")
        elif args.command == "revoke-device":
            central.revoke_device(args.device_id)
            print(f"Device {args.device_id} revoked")
        elif args.command == "import-folder":
            n, errors = import_folder(central, args.folder)
            print(f"{n} batches received; receipts written to {args.folder}")
            for e in errors:
                print(f"refused: {e}", file=sys.stderr)
            return 1 if errors else 0
        elif args.command == "transfer-record":
            before = central.transfer_record(args.record_type, args.record_id, args.to_station, reason=args.reason)
            print(f"{args.record_type} {args.record_id} now belongs to station {args.to_station} (was {before})")
        elif args.command == "release-checkpoint":
            known = central.checkpoint_of(args.station_code)
            central.reset_checkpoint(args.station_code)
            print(
                f"Station {args.station_code}: audit checkpoint {known and known['seq']} forgotten; "
                "its next batch sets it"
            )
        elif args.command == "rotate-key":
            print(f"New encryption key id: {central.rotate_key()} (the old key is kept for sealed batches)")
        elif args.command == "status":
            for key, value in central.status().items():
                print(f"{key}: {value}")
    except ServiceError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    finally:
        central.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
