"""`workstation sync` (end-of-shift sync from a terminal, with a progress bar) and
`workstation sync --status`. Wired into `workstation` by cli/app.py via add_arguments/run."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workstation.i18n import QT_TRANSLATE_NOOP, Listing, render

if TYPE_CHECKING:  # loaded by the commands that open the station, not by building `workstation`'s parser
    from workstation.storage.db import Database

NONE = QT_TRANSLATE_NOOP("cli", "none")
#: one item of a list of counts: "Sealed (signed, waiting to send) 2"
COUNT = QT_TRANSLATE_NOOP("sync-cli", "{label} {count}")


def _say(text: str) -> None:
    """Print one line in the operator's language."""
    print(render(text))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `workstation sync` (texts in the operator's language)."""
    from workstation.cli import checks
    from workstation.cli.terminal import CODE, DIR, FILE, USER

    what = parser.add_mutually_exclusive_group()
    what.add_argument("--status", action="store_true",
                      help=render(QT_TRANSLATE_NOOP("sync-cli", "show what has and has not reached the platform")))
    what.add_argument("--enroll", metavar="URL", type=checks.https_url,
                      help=render(QT_TRANSLATE_NOOP(
                          "sync-cli",
                          "enroll with the platform at URL (administrator; needs --code, --station-code and --ca)")))
    parser.add_argument(
        "--replace-enrollment",
        action="store_true",
        help=render(QT_TRANSLATE_NOOP(
            "sync-cli", "with --enroll: replace this workstation's existing enrollment (asks for confirmation)")),
    )
    parser.add_argument("--user", default=None, metavar=render(USER),
                        help=render(QT_TRANSLATE_NOOP(
                            "sync-cli", "administrator who enrolls (default: WORKSTATION_USER or `admin`)")))
    parser.add_argument("--code", type=checks.text(64, QT_TRANSLATE_NOOP("sync-cli", "enrollment code")),
                        metavar=render(CODE),
                        help=render(QT_TRANSLATE_NOOP("sync-cli", "one-time enrollment code")))
    parser.add_argument("--station-code", type=checks.code(32, QT_TRANSLATE_NOOP("cli", "station code")),
                        metavar=render(CODE),
                        help=render(QT_TRANSLATE_NOOP("sync-cli", "station code the enrollment code was issued for")))
    parser.add_argument("--ca", metavar=render(FILE), type=checks.pem_certificate,
                        help=render(QT_TRANSLATE_NOOP("sync-cli", "the platform's CA certificate (PEM)")))
    parser.add_argument("--fingerprint", type=checks.sha256_fingerprint, metavar="SHA-256",
                        help=render(QT_TRANSLATE_NOOP("sync-cli", "the CA fingerprint given with the code")))
    what.add_argument("--export", metavar=render(DIR), type=checks.folder_to_write,
                      help=render(QT_TRANSLATE_NOOP("sync-cli", "offline transfer: write sealed batches to a folder")))
    what.add_argument("--import-receipts", metavar=render(DIR), type=checks.existing_folder,
                      help=render(QT_TRANSLATE_NOOP("sync-cli", "offline transfer: read receipts from a folder")))
    parser.add_argument("--no-downlink", action="store_true",
                        help=render(QT_TRANSLATE_NOOP("sync-cli", "upload only")))


def _open_db(args: argparse.Namespace) -> Database:
    data_dir = getattr(args, "data_dir", None)
    if getattr(args, "demo", False):
        from workstation.wiring import demo_data_dir, open_demo_station

        db, _ = open_demo_station(Path(data_dir) if data_dir else demo_data_dir())
        return db
    from workstation.storage import station

    d = Path(data_dir) if data_dir else station.default_data_dir()
    db, _how = station.unlock(d, passphrase=os.environ.get("WORKSTATION_PASSPHRASE"))
    return db


def _bar(done: int, total: int, message: str) -> None:
    width = 30
    frac = done / total if total else 1.0
    fill = int(width * frac)
    sys.stderr.write(f"\r[{'#' * fill}{'.' * (width - fill)}] {done}/{total} {message[:40]:<40}")
    sys.stderr.flush()


def _local(at: datetime | None, *, seconds: bool = False) -> str:
    """A stored time (naive UTC) as local ``YYYY-MM-DD HH:MM`` (``:SS`` with `seconds`); "-" for None."""
    if at is None:
        return "-"
    return at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def print_status(db: Database) -> None:
    from workstation.sync import client as sc
    from workstation.sync import freeze

    st = sc.status(db)
    if not st.enrolled:
        _say(QT_TRANSLATE_NOOP(
            "sync-cli", "Not enrolled with the platform. Use `workstation sync --enroll URL --code CODE --ca FILE`."))
    else:
        _say(QT_TRANSLATE_NOOP("sync-cli", "Device {device} ({status})").format(
            device=st.device_id, status=sc.device_status_label(st.device_status)))
    oldest = _local(st.oldest_unacknowledged)
    unacknowledged = QT_TRANSLATE_NOOP(
        "sync-cli", "Changes not yet acknowledged by the platform: {count} (oldest {oldest})"
    )
    _say(unacknowledged.format(count=st.unacknowledged_records, oldest=oldest))
    stopped_here = st.held_records + st.refused_records  # apart: the freeze rule counts only what a sync sends
    if stopped_here:
        _say(QT_TRANSLATE_NOOP("sync-cli", "  of which a sync sends: {count} (oldest {oldest})").format(
            count=st.sendable_records, oldest=_local(st.oldest_sendable)))
    _say(QT_TRANSLATE_NOOP("sync-cli", "  of which not yet in a batch: {count}").format(count=st.unbatched_records))
    if stopped_here:
        _say(QT_TRANSLATE_NOOP(
            "sync-cli", "  of which waiting for a decision on a sync conflict, not for a sync: {count}"
        ).format(count=stopped_here))
    stopped = [(sc.HELD, st.held_records), (sc.REFUSED, st.refused_records), (sc.DECIDED, st.decided_records)]
    if any(n for _state, n in stopped):
        _say(QT_TRANSLATE_NOOP("sync-cli", "Changes a conflict stopped: {changes}").format(
            changes=Listing((COUNT.format(label=sc.state_label(k), count=n) for k, n in stopped if n),
                            separator="semicolon")))
    order = list(sc.STATE_LABELS)
    counts = sorted(st.batches.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))
    batches = (
        Listing(COUNT.format(label=sc.state_label(k), count=v) for k, v in counts) if st.batches else NONE
    )
    _say(QT_TRANSLATE_NOOP("sync-cli", "Batches: {batches}").format(batches=batches))
    for b in st.pending_batches:
        retry = _local(b.next_retry_at, seconds=True)
        _say(QT_TRANSLATE_NOOP(
            "sync-cli", "  #{seq} {state}: {count} records, {attempts} attempts, next retry {retry}"
        ).format(seq=b.seq, state=sc.state_label(b.state), count=b.record_count, attempts=b.attempts, retry=retry))
        if b.last_error:
            print(render(QT_TRANSLATE_NOOP("sync", "      last error: {error}").format(error=b.last_error)))
    if st.open_conflicts:
        _say(QT_TRANSLATE_NOOP("sync-cli", "Conflicts to resolve: {count}").format(count=st.open_conflicts))
    with db.read() as s:
        print(render(freeze.evaluate(s).explain()))


def _confirm_replacement(current: Any) -> bool:
    """Show what is being replaced and ask for the current device id to be typed (scripts: the
    environment variable WORKSTATION_CONFIRM holds it)."""
    enrolled = QT_TRANSLATE_NOOP(
        "sync-cli",
        "This workstation is enrolled with {url} as device {device} (since {since} UTC).\n"
        "Batches the old platform acknowledged stay acknowledged; {count} batches it has not acknowledged will be "
        "sent to the new platform instead.",
    )
    print(
        render(enrolled.format(url=current.platform_url, device=current.device_id,
                               since=f"{current.enrolled_at:%Y-%m-%d %H:%M}", count=current.unacknowledged_batches)),
        file=sys.stderr,
    )
    if sys.stdin.isatty():
        answer = input(render(QT_TRANSLATE_NOOP("sync-cli", "Type the current device id to replace this enrollment: ")))
    else:
        answer = os.environ.get("WORKSTATION_CONFIRM", "")
    return bool(answer.strip() == current.device_id)


def run(args: argparse.Namespace) -> int:
    from workstation.sync import client as sc
    from workstation.sync import transfer

    db = _open_db(args)
    try:
        if args.enroll:
            if not (args.code and args.ca and args.station_code):
                from workstation.cli.terminal import UsageError

                raise UsageError(
                    QT_TRANSLATE_NOOP("sync-cli", "`--enroll` needs `--code`, `--station-code` and `--ca`")
                )
            from workstation.cli import terminal

            args.user = args.user or terminal.env_user()
            actor = terminal.login(db, args)
            dev = sc.enroll(
                db,
                args.enroll,
                args.code,
                args.station_code,
                Path(args.ca).read_text(),
                actor=actor,
                ca_fingerprint=args.fingerprint,
                replace=args.replace_enrollment,
                confirm=_confirm_replacement,
            )
            _say(QT_TRANSLATE_NOOP("sync-cli", "Enrolled as device {device}").format(device=dev))
            return 0
        if args.status:
            print_status(db)
            return 0
        if args.export:
            paths = transfer.export_batches(db, Path(args.export))
            _say(QT_TRANSLATE_NOOP("sync-cli", "{count} sealed batches written to {folder}").format(
                count=len(paths), folder=args.export))
            return 0
        if args.import_receipts:
            if not any(Path(args.import_receipts).glob("*.receipt.json")):
                from workstation.errors import UserFacingError

                raise UserFacingError(QT_TRANSLATE_NOOP(
                    "sync-cli", "No receipts (`*.receipt.json`) in {folder}; nothing was acknowledged."
                ).format(folder=str(args.import_receipts)))
            n = transfer.import_receipts(db, Path(args.import_receipts))
            _say(QT_TRANSLATE_NOOP("sync-cli", "{count} batches acknowledged from receipts in {folder}").format(
                count=n, folder=args.import_receipts))
            return 0
        client = sc.SyncClient(db)
        try:
            res: Any = client.sync(progress=_bar, downlink=not args.no_downlink)
        finally:
            client.close()
        sys.stderr.write("\n")
        _say(QT_TRANSLATE_NOOP(
            "sync-cli", "{records} changes acknowledged in {acknowledged} batches; {remaining} batches waiting"
        ).format(records=res.records, acknowledged=res.acknowledged, remaining=res.remaining))
        if res.conflicts:
            _say(QT_TRANSLATE_NOOP(
                "sync-cli", "{count} conflicts need your decision (see `workstation sync --status`)"
            ).format(count=res.conflicts))
        if res.error:
            _say(QT_TRANSLATE_NOOP("sync-cli", "Not finished: {error}").format(error=res.error))
            return 1
        return 0
    finally:
        db.close()
