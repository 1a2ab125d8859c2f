"""`workstation-central`: the reference central platform (init, serve, enroll-code, push-task,
import-prereg, revoke-device, import-folder, transfer-record, release-checkpoint, rotate-key, status).

Every argument is checked before anything is written (`cli/checks.py`; a bad one is a usage error,
exit code 2); a refused operation — no platform in the folder, an unknown station or device, a
database that cannot be opened — prints a message and exits with 1 (`cli/terminal.py`). Help, messages
and output lines are marked texts printed in the operator's language (`workstation.i18n`).
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
from workstation.i18n import QT_TRANSLATE_NOOP, render

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
        not_url = QT_TRANSLATE_NOOP(
            "platform-cli",
            "{value} is not a database URL (e.g. sqlite:////srv/central/central.sqlite3 or "
            "postgresql+psycopg://user@host/db)",
        )
        raise argparse.ArgumentTypeError(render(not_url.format(value=repr(value)))) from None
    except NoSuchModuleError:
        no_driver = QT_TRANSLATE_NOOP("platform-cli", "no database driver for {scheme}")
        raise argparse.ArgumentTypeError(render(no_driver.format(scheme=repr(value.split(":", 1)[0])))) from None
    return value


class Refused(UserFacingError):
    pass


def _say(text: str) -> None:
    """Print one line in the operator's language."""
    print(render(text))


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
    _say(QT_TRANSLATE_NOOP("platform-cli", "Platform initialised in {path}").format(path=data_dir))
    _say(QT_TRANSLATE_NOOP("platform-cli", "CA certificate: {path}").format(path=data_dir / k.CA_CERT))
    _say(QT_TRANSLATE_NOOP("platform-cli", "CA fingerprint (SHA-256): {fingerprint}").format(
        fingerprint=k.ca_fingerprint(pk.ca_pem)))
    _say(QT_TRANSLATE_NOOP("platform-cli", "Encryption key id: {key_id}").format(key_id=pk.key_id))
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

    _say(QT_TRANSLATE_NOOP("platform-cli", "Serving {url} (OpenAPI at /openapi.json)").format(
        url=f"https://{args.host}:{args.port}"))
    serve(create_app(central), central.keys.tls_cert, central.keys.tls_key, args.host, args.port)
    return 0


@_with_central
def cmd_enroll_code(central: Any, args: argparse.Namespace) -> int:
    from workstation.central import keys as k

    code = central.enroll_code(args.station_code, ttl=timedelta(minutes=args.minutes))
    _say(QT_TRANSLATE_NOOP(
        "platform-cli", "Enrollment code for station {station} (valid {minutes} minutes, one use): {code}"
    ).format(station=args.station_code, minutes=args.minutes, code=code))
    _say(QT_TRANSLATE_NOOP("platform-cli", "CA fingerprint to check at the workstation: {fingerprint}").format(
        fingerprint=k.ca_fingerprint(central.keys.ca_pem)))
    return 0


@_with_central
def cmd_push_task(central: Any, args: argparse.Namespace) -> int:
    _known_station(central, args.station_code)
    tid = central.push_task(args.station_code, title=args.title, kind=args.kind, details=args.details,
                            due_date=args.due)
    _say(QT_TRANSLATE_NOOP("platform-cli", "Task {task} queued for station {station}").format(
        task=tid, station=args.station_code))
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
    _say(QT_TRANSLATE_NOOP("platform-cli", "{count} pre-registrations queued").format(
        count=central.import_prereg(args.station_code, rows)))
    return 0


@_with_central
def cmd_revoke_device(central: Any, args: argparse.Namespace) -> int:
    central.revoke_device(args.device_id)
    _say(QT_TRANSLATE_NOOP("platform-cli", "Device {device} revoked").format(device=args.device_id))
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
    _say(QT_TRANSLATE_NOOP("platform-cli", "{count} batches received; receipts written to {folder}").format(
        count=n, folder=folder))
    for e in errors:
        print(render(QT_TRANSLATE_NOOP("platform-cli", "refused: {error}").format(error=e)), file=sys.stderr)
    return 1 if errors else 0


@_with_central
def cmd_transfer_record(central: Any, args: argparse.Namespace) -> int:
    _known_station(central, args.to_station)
    before = central.transfer_record(args.record_type, args.record_id, args.to_station, reason=args.reason or "")
    _say(QT_TRANSLATE_NOOP("platform-cli", "{kind} {record} now belongs to station {station} (was {before})").format(
        kind=args.record_type, record=args.record_id, station=args.to_station, before=before))
    return 0


@_with_central
def cmd_release_checkpoint(central: Any, args: argparse.Namespace) -> int:
    _known_station(central, args.station_code)
    known = central.checkpoint_of(args.station_code)
    central.reset_checkpoint(args.station_code)
    _say(QT_TRANSLATE_NOOP(
        "platform-cli", "Station {station}: audit checkpoint {seq} forgotten; its next batch sets it"
    ).format(station=args.station_code, seq=known["seq"] if known else "-"))
    return 0


@_with_central
def cmd_rotate_key(central: Any, args: argparse.Namespace) -> int:
    _say(QT_TRANSLATE_NOOP(
        "platform-cli", "New encryption key id: {key_id} (the old key is kept for sealed batches)"
    ).format(key_id=central.rotate_key()))
    return 0


#: `Central.status` keys in words.
STATUS_LABELS = {
    "key_id": QT_TRANSLATE_NOOP("platform-cli", "Encryption key id"),
    "devices": QT_TRANSLATE_NOOP("platform-cli", "Enrolled devices"),
    "revoked": QT_TRANSLATE_NOOP("platform-cli", "of which revoked"),
    "batches": QT_TRANSLATE_NOOP("platform-cli", "Batches received"),
    "records": QT_TRANSLATE_NOOP("platform-cli", "Records held"),
    "record_versions": QT_TRANSLATE_NOOP("platform-cli", "Record versions received"),
    "conflicts": QT_TRANSLATE_NOOP("platform-cli", "Conflicts reported to stations"),
    "downlink_items": QT_TRANSLATE_NOOP(
        "platform-cli", "Items queued for stations (tasks, pre-registrations, settings)"
    ),
}
STATUS_LINE = QT_TRANSLATE_NOOP("platform-cli", "{label}: {value}")


@_with_central
def cmd_status(central: Any, args: argparse.Namespace) -> int:
    for key, value in central.status().items():
        _say(STATUS_LINE.format(label=STATUS_LABELS.get(key, key), value=value))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The `workstation-central` command line (help in the operator's language; see `terminal.run_main`)."""
    from workstation.cli.terminal import CODE, COMMAND, DIR, FILE, NUMBER, TEXT

    p = argparse.ArgumentParser(prog="workstation-central",
                                description=render(QT_TRANSLATE_NOOP("platform-cli", "Reference central platform")))
    p.add_argument("--data-dir", default=str(DEFAULT_DIR), type=checks.folder_to_write, metavar=render(DIR),
                   help=render(QT_TRANSLATE_NOOP("platform-cli", "platform data directory (keys, config, SQLite)")))
    p.add_argument("--db-url", type=db_url, metavar="URL",
                   help=render(QT_TRANSLATE_NOOP(
                       "platform-cli", "database URL (default: SQLite in the data directory)")))
    sub = p.add_subparsers(dest="command", required=True, metavar=render(COMMAND))
    station = checks.code(32, QT_TRANSLATE_NOOP("cli", "station code"))
    station_help = render(QT_TRANSLATE_NOOP("platform-cli", "the station's code"))
    host = render(QT_TRANSLATE_NOOP("platform-cli", "HOST"))
    i = sub.add_parser("init", help=render(QT_TRANSLATE_NOOP(
        "platform-cli", "create the CA, TLS certificate, signing and encryption keys")))
    i.add_argument("--host", action="append", type=checks.host_name, metavar=host,
                   help=render(QT_TRANSLATE_NOOP(
                       "platform-cli", "host name or IP for the TLS certificate (repeatable)")))
    i.set_defaults(func=cmd_init)
    s = sub.add_parser("serve", help=render(QT_TRANSLATE_NOOP("platform-cli", "serve HTTPS")))
    s.add_argument("--host", default="127.0.0.1", type=checks.host_name, metavar=host,
                   help=render(QT_TRANSLATE_NOOP("platform-cli", "address to listen on (default 127.0.0.1)")))
    s.add_argument("--port", type=checks.tcp_port, default=8443, metavar=render(NUMBER),
                   help=render(QT_TRANSLATE_NOOP("platform-cli", "TCP port (default 8443)")))
    s.set_defaults(func=cmd_serve)
    e = sub.add_parser("enroll-code", help=render(QT_TRANSLATE_NOOP(
        "platform-cli", "one-time, short-lived enrollment code for a station")))
    e.add_argument("station_code", type=station, metavar=render(CODE), help=station_help)
    minutes = QT_TRANSLATE_NOOP("platform-cli", "minutes")
    e.add_argument("--minutes", type=checks.int_range(1, MAX_ENROLL_MINUTES, minutes),
                   default=15, metavar=render(NUMBER),
                   help=render(QT_TRANSLATE_NOOP(
                       "platform-cli", "how long the code is valid (1–{max}, default 15)").format(
                       max=MAX_ENROLL_MINUTES)))
    e.set_defaults(func=cmd_enroll_code)
    t = sub.add_parser("push-task", help=render(QT_TRANSLATE_NOOP(
        "platform-cli", "send a task to a station the platform knows")))
    t.add_argument("station_code", type=station, metavar=render(CODE), help=station_help)
    t.add_argument("title", type=checks.text(200, QT_TRANSLATE_NOOP("platform-cli", "title")), metavar=render(TEXT),
                   help=render(QT_TRANSLATE_NOOP("platform-cli", "the task's title")))
    t.add_argument("--kind", default="visit", type=checks.code(32, QT_TRANSLATE_NOOP("platform-cli", "task kind")),
                   metavar=render(CODE),
                   help=render(QT_TRANSLATE_NOOP("platform-cli", "kind of task (default: visit)")))
    t.add_argument("--details", type=checks.text(2000, QT_TRANSLATE_NOOP("platform-cli", "details")),
                   metavar=render(TEXT), help=render(QT_TRANSLATE_NOOP("platform-cli", "what is to be done")))
    t.add_argument("--due", type=checks.future_date, metavar=render(QT_TRANSLATE_NOOP("platform-cli", "YYYY-MM-DD")),
                   help=render(QT_TRANSLATE_NOOP("platform-cli", "due date, YYYY-MM-DD (today or later)")))
    t.set_defaults(func=cmd_push_task)
    r = sub.add_parser("import-prereg", help=render(QT_TRANSLATE_NOOP(
        "platform-cli", "import pre-registrations (JSON list) for a station")))
    r.add_argument("station_code", type=station, metavar=render(CODE), help=station_help)
    r.add_argument("file", type=checks.existing_file, metavar=render(FILE),
                   help=render(QT_TRANSLATE_NOOP("platform-cli", "JSON list, e.g. {example}").format(
                       example=PREREG_EXAMPLE)))
    r.set_defaults(func=cmd_import_prereg)
    v = sub.add_parser("revoke-device", help=render(QT_TRANSLATE_NOOP("platform-cli", "revoke a device")))
    v.add_argument("device_id", type=checks.text(64, QT_TRANSLATE_NOOP("platform-cli", "device id")),
                   metavar=render(QT_TRANSLATE_NOOP("platform-cli", "DEVICE")),
                   help=render(QT_TRANSLATE_NOOP("platform-cli", "the device's id")))
    v.set_defaults(func=cmd_revoke_device)
    f = sub.add_parser("import-folder", help=render(QT_TRANSLATE_NOOP(
        "platform-cli", "offline transfer: ingest sealed batches, write receipts")))
    f.add_argument("folder", type=checks.existing_folder, metavar=render(DIR),
                   help=render(QT_TRANSLATE_NOOP("platform-cli", "the folder the sealed batches were carried in")))
    f.set_defaults(func=cmd_import_folder)
    tx = sub.add_parser("transfer-record", help=render(QT_TRANSLATE_NOOP(
        "platform-cli", "hand a record to another station (only its devices may change it)")))
    tx.add_argument("record_type", type=checks.code(32, QT_TRANSLATE_NOOP("platform-cli", "record type")),
                     metavar=render(QT_TRANSLATE_NOOP("platform-cli", "TYPE")),
                     help=render(QT_TRANSLATE_NOOP("platform-cli", "kind of record (e.g. resident, property)")))
    tx.add_argument("record_id", type=checks.text(36, QT_TRANSLATE_NOOP("platform-cli", "record id")),
                     metavar=render(QT_TRANSLATE_NOOP("platform-cli", "RECORD")),
                     help=render(QT_TRANSLATE_NOOP("platform-cli", "the record's id")))
    tx.add_argument("to_station", type=station, metavar=render(CODE),
                     help=render(QT_TRANSLATE_NOOP("platform-cli", "the station that takes the record over")))
    tx.add_argument("--reason", type=checks.text(200, QT_TRANSLATE_NOOP("platform-cli", "reason")),
                    metavar=render(TEXT),
                     help=render(QT_TRANSLATE_NOOP("platform-cli", "why (kept with the transfer)")))
    tx.set_defaults(func=cmd_transfer_record)
    rc = sub.add_parser("release-checkpoint", help=render(QT_TRANSLATE_NOOP(
        "platform-cli", "forget a station's audit checkpoint after its trail went back (once examined)")))
    rc.add_argument("station_code", type=station, metavar=render(CODE), help=station_help)
    rc.set_defaults(func=cmd_release_checkpoint)
    sub.add_parser("rotate-key", help=render(QT_TRANSLATE_NOOP(
        "platform-cli", "new batch-encryption key, announced to stations by the downlink"))).set_defaults(
        func=cmd_rotate_key)
    sub.add_parser("status", help=render(QT_TRANSLATE_NOOP(
        "platform-cli", "counts of devices, batches, records and conflicts"))).set_defaults(func=cmd_status)
    return p


def main(argv: list[str] | None = None) -> int:
    return run_main(build_parser, argv)


if __name__ == "__main__":
    sys.exit(main())
