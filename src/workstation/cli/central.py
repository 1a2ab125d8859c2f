"""`workstation-central`: the reference central platform (init, serve, enroll-code, push-task,
import-prereg, revoke-device, import-folder, transfer-record, release-checkpoint, rotate-key, status).

Every argument is checked before anything is written (`cli/checks.py`; a bad one is a usage error,
exit code 2); a refused operation — no platform in the folder, an unknown station or device, a
database that cannot be opened — prints a message and exits with 1 (`cli/terminal.py`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr, TypeAdapter
from pydantic import ValidationError as SchemaError

from workstation.cli import checks
from workstation.cli.terminal import UsageError, run_main
from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP

DEFAULT_DIR = Path("central-data")
PREREG_EXAMPLE = '[{"name": "Zhang San", "phone": "13800000000"}]'
MAX_ENROLL_MINUTES = 7 * 24 * 60

Scalar = StrictStr | StrictInt | StrictFloat | StrictBool | None


class PreregRow(BaseModel):
    """One pre-registration as the platform passes it to a station: a name at least; any other
    field a plain value (text, number, true/false or null)."""

    model_config = ConfigDict(extra="allow")
    id: StrictStr | None = Field(default=None, min_length=1, max_length=64)
    name: StrictStr = Field(min_length=1, max_length=64)

    def extras_are_scalars(self) -> list[str]:
        return [k for k, v in (self.model_extra or {}).items() if not isinstance(v, str | int | float | bool | None)]


PREREG_FILE = TypeAdapter(list[PreregRow])


def db_url(value: str) -> str:
    """A SQLAlchemy database URL whose driver is installed (sqlite:///…, postgresql+psycopg://…)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        url = make_url(value)
        url.get_dialect()
    except (ArgumentError, ValueError):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a database URL (e.g. sqlite:////srv/central/central.sqlite3 or "
            "postgresql+psycopg://user@host/db)"
        ) from None
    except NoSuchModuleError:
        raise argparse.ArgumentTypeError(f"no database driver for {value.split(':', 1)[0]!r}") from None
    return value


class Refused(UserFacingError):
    pass


def _open(args: argparse.Namespace) -> Any:
    from workstation.central.keys import CONFIG, load_config, load_keys
    from workstation.central.service import Central

    data_dir = Path(args.data_dir)
    if not (data_dir / CONFIG).is_file():
        raise Refused(
            QT_TRANSLATE_NOOP("platform-cli", "No platform at {path}; run `workstation-central init` first.").format(
                path=str(data_dir)
            )
        )
    try:
        cfg = load_config(data_dir)
        url = args.db_url or str(cfg["db_url"])
        keys = load_keys(data_dir)
    except (ValueError, KeyError, TypeError, OSError) as exc:
        raise Refused(
            QT_TRANSLATE_NOOP(
                "platform-cli",
                "The platform files in {path} are damaged or incomplete. Restore the folder from its backup.",
            ).format(path=str(data_dir)),
            hint=f"{type(exc).__name__}: {exc}",
        ) from None
    return Central(_store(url), keys)


def _store(url: str) -> Any:
    from sqlalchemy.exc import SQLAlchemyError

    from workstation.central.store import Store

    try:
        return Store(url)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise Refused(
            QT_TRANSLATE_NOOP("platform-cli", "Cannot open the platform database {url}: {reason}").format(
                url=_safe_url(url), reason=reason
            )
        ) from None


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(database URL)"


def _known_station(central: Any, station_code: str) -> None:
    """Refuse a station the platform has never heard of: no enrolled device and no enrollment code."""
    from sqlalchemy import select

    from workstation.central.store import Device, EnrollCode

    with central.store.sessions() as s:
        known = s.execute(select(Device.id).where(Device.station_code == station_code).limit(1)).first() or \
            s.execute(select(EnrollCode.code_hash).where(EnrollCode.station_code == station_code).limit(1)).first()
    if not known:
        raise Refused(
            QT_TRANSLATE_NOOP(
                "platform-cli",
                "No station {station} is known to this platform (no device enrolled and no enrollment code "
                "issued). Check the code, or issue one with `workstation-central enroll-code`.",
            ).format(station=station_code)
        )


def cmd_init(args: argparse.Namespace) -> int:
    from workstation.central import keys as k

    data_dir = Path(args.data_dir)
    if (data_dir / k.SIGN_KEY).exists() or (data_dir / k.CONFIG).exists():
        raise Refused(
            QT_TRANSLATE_NOOP(
                "platform-cli",
                "{path} already holds a platform; nothing was changed. Its keys are the platform's identity: "
                "a second init would cut off every enrolled station.",
            ).format(path=str(data_dir))
        )
    if args.db_url:
        _store(args.db_url).close()  # the database must open before any key is written
    pk = k.init_keys(data_dir, hosts=args.host, db_url=args.db_url)
    print(f"Platform initialised in {data_dir}")
    print(f"CA certificate: {data_dir / k.CA_CERT}")
    print(f"CA fingerprint (SHA-256): {k.ca_fingerprint(pk.ca_pem)}")
    print(f"Encryption key id: {pk.key_id}")
    return 0


def _with_central(func: Any) -> Any:
    def run(args: argparse.Namespace) -> int:
        from workstation.central.service import ServiceError

        central = _open(args)
        try:
            rc: int = func(central, args)
            return rc
        except ServiceError as exc:
            raise Refused(exc.message) from None
        finally:
            central.store.close()

    return run


@_with_central
def cmd_serve(central: Any, args: argparse.Namespace) -> int:
    from workstation.central.app import create_app
    from workstation.central.server import serve

    print(f"Serving https://{args.host}:{args.port} (OpenAPI at /openapi.json)")
    serve(create_app(central), central.keys.tls_cert, central.keys.tls_key, args.host, args.port)
    return 0


@_with_central
def cmd_enroll_code(central: Any, args: argparse.Namespace) -> int:
    from workstation.central import keys as k

    code = central.enroll_code(args.station_code, ttl=timedelta(minutes=args.minutes))
    print(f"Enrollment code for station {args.station_code} (valid {args.minutes} minutes, one use): {code}")
    print(f"CA fingerprint to check at the workstation: {k.ca_fingerprint(central.keys.ca_pem)}")
    return 0


@_with_central
def cmd_push_task(central: Any, args: argparse.Namespace) -> int:
    _known_station(central, args.station_code)
    tid = central.push_task(args.station_code, title=args.title, kind=args.kind, details=args.details,
                            due_date=args.due)
    print(f"Task {tid} queued for station {args.station_code}")
    return 0


def _prereg_rows(value: Any, file: str) -> list[dict[str, Any]]:
    try:
        rows = PREREG_FILE.validate_python(value)
    except SchemaError as exc:
        first = exc.errors()[0]
        where = "/".join(str(p) for p in first["loc"]) or "(top level)"
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "platform-cli", "{file}: not a list of pre-registrations ({where}: {reason}); expected e.g. {example}"
            ).format(file=file, where=where, reason=first["msg"], example=PREREG_EXAMPLE)
        ) from None
    for i, row in enumerate(rows):
        bad = row.extras_are_scalars()
        if bad:
            raise UsageError(
                QT_TRANSLATE_NOOP(
                    "platform-cli", "{file}: row {row}: field {field} must be text, a number, `true`/`false` or `null`"
                ).format(file=file, row=i, field=repr(bad[0]))
            )
    if not rows:
        raise UsageError(
            QT_TRANSLATE_NOOP("platform-cli", "{file}: the list is empty; nothing to import").format(file=file)
        )
    out: list[dict[str, Any]] = [r.model_dump() for r in rows]
    for item in out:
        if item.get("id") is None:
            item.pop("id", None)  # the platform gives it one
    return out


@_with_central
def cmd_import_prereg(central: Any, args: argparse.Namespace) -> int:
    try:
        value = checks.json_file(str(args.file))
    except argparse.ArgumentTypeError as exc:
        raise UsageError(str(exc)) from None
    rows = _prereg_rows(value, str(args.file))
    _known_station(central, args.station_code)
    print(f"{central.import_prereg(args.station_code, rows)} pre-registrations queued")
    return 0


@_with_central
def cmd_revoke_device(central: Any, args: argparse.Namespace) -> int:
    central.revoke_device(args.device_id)
    print(f"Device {args.device_id} revoked")
    return 0


@_with_central
def cmd_import_folder(central: Any, args: argparse.Namespace) -> int:
    from workstation.central.service import import_folder

    folder = Path(args.folder)
    if not any(folder.glob("*.wsb")):
        raise Refused(
            QT_TRANSLATE_NOOP("platform-cli", "No sealed batches (`*.wsb`) in {folder}; nothing was imported.").format(
                folder=str(folder)
            )
        )
    n, errors = import_folder(central, folder)
    print(f"{n} batches received; receipts written to {folder}")
    for e in errors:
        print(f"refused: {e}", file=sys.stderr)
    return 1 if errors else 0


@_with_central
def cmd_transfer_record(central: Any, args: argparse.Namespace) -> int:
    _known_station(central, args.to_station)
    before = central.transfer_record(args.record_type, args.record_id, args.to_station, reason=args.reason or "")
    print(f"{args.record_type} {args.record_id} now belongs to station {args.to_station} (was {before})")
    return 0


@_with_central
def cmd_release_checkpoint(central: Any, args: argparse.Namespace) -> int:
    _known_station(central, args.station_code)
    known = central.checkpoint_of(args.station_code)
    central.reset_checkpoint(args.station_code)
    print(f"Station {args.station_code}: audit checkpoint {known and known['seq']} forgotten; its next batch sets it")
    return 0


@_with_central
def cmd_rotate_key(central: Any, args: argparse.Namespace) -> int:
    print(f"New encryption key id: {central.rotate_key()} (the old key is kept for sealed batches)")
    return 0


@_with_central
def cmd_status(central: Any, args: argparse.Namespace) -> int:
    for key, value in central.status().items():
        print(f"{key}: {value}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="workstation-central", description="Reference central platform")
    p.add_argument("--data-dir", default=str(DEFAULT_DIR), type=checks.folder_to_write,
                   help="platform data directory (keys, config, SQLite)")
    p.add_argument("--db-url", type=db_url, help="database URL (default: SQLite in the data directory)")
    sub = p.add_subparsers(dest="command", required=True)
    station = checks.code(32, "station code")
    i = sub.add_parser("init", help="create the CA, TLS certificate, signing and encryption keys")
    i.add_argument("--host", action="append", type=checks.host_name,
                   help="host name or IP for the TLS certificate (repeatable)")
    i.set_defaults(func=cmd_init)
    s = sub.add_parser("serve", help="serve HTTPS")
    s.add_argument("--host", default="127.0.0.1", type=checks.host_name)
    s.add_argument("--port", type=checks.tcp_port, default=8443)
    s.set_defaults(func=cmd_serve)
    e = sub.add_parser("enroll-code", help="one-time, short-lived enrollment code for a station")
    e.add_argument("station_code", type=station)
    e.add_argument("--minutes", type=checks.int_range(1, MAX_ENROLL_MINUTES, "minutes"), default=15,
                   help=f"how long the code is valid (1–{MAX_ENROLL_MINUTES}, default 15)")
    e.set_defaults(func=cmd_enroll_code)
    t = sub.add_parser("push-task", help="send a task to a station the platform knows")
    t.add_argument("station_code", type=station)
    t.add_argument("title", type=checks.text(200, "title"))
    t.add_argument("--kind", default="visit", type=checks.code(32, "task kind"))
    t.add_argument("--details", type=checks.text(2000, "details"))
    t.add_argument("--due", type=checks.future_date, help="due date, YYYY-MM-DD (today or later)")
    t.set_defaults(func=cmd_push_task)
    r = sub.add_parser("import-prereg", help="import pre-registrations (JSON list) for a station")
    r.add_argument("station_code", type=station)
    r.add_argument("file", type=checks.existing_file, help=f"JSON list, e.g. {PREREG_EXAMPLE}")
    r.set_defaults(func=cmd_import_prereg)
    v = sub.add_parser("revoke-device", help="revoke a device")
    v.add_argument("device_id", type=checks.text(64, "device id"))
    v.set_defaults(func=cmd_revoke_device)
    f = sub.add_parser("import-folder", help="offline transfer: ingest sealed batches, write receipts")
    f.add_argument("folder", type=checks.existing_folder)
    f.set_defaults(func=cmd_import_folder)
    tr = sub.add_parser("transfer-record", help="hand a record to another station (only its devices may change it)")
    tr.add_argument("record_type", type=checks.code(32, "record type"))
    tr.add_argument("record_id", type=checks.text(36, "record id"))
    tr.add_argument("to_station", type=station)
    tr.add_argument("--reason", type=checks.text(200, "reason"), help="why (kept with the transfer)")
    tr.set_defaults(func=cmd_transfer_record)
    rc = sub.add_parser("release-checkpoint",
                        help="forget a station's audit checkpoint after its trail went back (once examined)")
    rc.add_argument("station_code", type=station)
    rc.set_defaults(func=cmd_release_checkpoint)
    sub.add_parser("rotate-key", help="new batch-encryption key, announced to stations by the downlink") \
        .set_defaults(func=cmd_rotate_key)
    sub.add_parser("status", help="counts of devices, batches, records and conflicts").set_defaults(func=cmd_status)
    return p


def main(argv: list[str] | None = None) -> int:
    return run_main(build_parser(), argv)


if __name__ == "__main__":
    sys.exit(main())
