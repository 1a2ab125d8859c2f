"""Offline transfer: sealed batches out to a folder (USB stick), receipts back the same way.

Export writes ``<seq>-<batch_id>.wsb`` (the exact sealed bytes) for every unacknowledged batch; the
platform imports the folder (``workstation-central import-folder``) and writes
``<seq>-<batch_id>.receipt.json`` beside each; importing the receipts on the workstation verifies
each against the platform key and acknowledges the batch exactly as an online upload would.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from workstation.files import write_atomic
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import audit
from workstation.storage.db import Database
from workstation.storage.sync_tables import SyncBatch
from workstation.sync import envelope as env
from workstation.sync.client import ACKNOWLEDGED, SEALED, SENDING, SyncClient, SyncError


def _atomic_write(path: Path, data: bytes) -> None:
    """Private (0600) temp file, fsync, rename, fsync of the folder (`storage.files.write_atomic`)."""
    write_atomic(path, data)


# ``progress(done, total)``: files written or receipts read so far, of how many. It may raise (a cancel).
TransferProgress = Callable[[int, int], None]


def receipts_in(folder: Path) -> list[Path]:
    """The receipt files (``*.receipt.json``) in `folder`, in batch order."""
    return sorted(Path(folder).glob("*.receipt.json"))


def _audit(db: Database, actor: str, action: str, details: str) -> None:
    with db.write() as s:
        audit.record(s, actor=actor, action=action, details=details)


def export_batches(
    db: Database, folder: Path, *, progress: TransferProgress | None = None, actor: str | None = None
) -> list[Path]:
    """Seal whatever is pending and write every unacknowledged sealed batch to `folder`.

    `progress(done, total)` after each file; `actor` (a user name) records the export in the audit
    trail ("sync.offline_export", with the number of batches and the folder)."""
    client = SyncClient(db)
    client.build_batches()
    client.seal_batches()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    with db.read() as s:
        rows = (
            s.execute(select(SyncBatch).where(SyncBatch.state.in_([SEALED, SENDING])).order_by(SyncBatch.seq))
            .scalars()
            .all()
        )
    if progress is not None:
        progress(0, len(rows))
    for b in rows:
        assert b.envelope is not None
        p = folder / f"{b.seq:08d}-{b.batch_id}.wsb"
        _atomic_write(p, b.envelope)
        out.append(p)
        if progress is not None:
            progress(len(out), len(rows))
    if actor is not None:
        _audit(db, actor, "sync.offline_export", f"{len(out)} sealed batches to {folder}")
    return out


def import_receipts(
    db: Database, folder: Path, *, progress: TransferProgress | None = None, actor: str | None = None
) -> int:
    """Verify and apply receipts found in `folder`. Returns the number of batches acknowledged.

    `progress(done, total)` after each receipt file; `actor` records the import in the audit trail
    ("sync.offline_import", with the number of batches acknowledged and the folder)."""
    client = SyncClient(db)
    d = client.device()
    n = 0
    found = receipts_in(folder)
    if progress is not None:
        progress(0, len(found))
    for i, p in enumerate(found, 1):
        if progress is not None and i > 1:
            progress(i - 1, len(found))
        try:
            receipt = json.loads(p.read_text(encoding="utf-8"))
            body = env.verify_receipt(receipt, env.b64d(d.platform_sign_pub))
            body["batch_id"], body["device"], body["seq"], body["envelope_hash"]
        except env.EnvelopeError as exc:
            raise SyncError(
                QT_TRANSLATE_NOOP("sync", "{name}: the receipt's signature is not valid ({reason}).").format(
                    name=p.name, reason=exc.message
                )
            ) from exc
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # not JSON, not UTF-8, wrong shape
            raise SyncError(
                QT_TRANSLATE_NOOP(
                    "sync",
                    "{name} is not a receipt (damaged or another file); nothing after it was applied.",
                ).format(name=p.name),
            ) from exc
        with db.read() as s:
            b = s.get(SyncBatch, body["batch_id"])
        if b is None or b.state == ACKNOWLEDGED:
            continue
        if (body["device"], body["seq"], body["envelope_hash"]) != (d.device_id, client.wire_seq(b), b.envelope_hash):
            raise SyncError(
                QT_TRANSLATE_NOOP("sync", "{name}: the receipt does not match the batch it names").format(name=p.name)
            )
        client._acknowledge(b, receipt, body)
        n += 1
    if progress is not None:
        progress(len(found), len(found))
    if actor is not None:
        _audit(db, actor, "sync.offline_import", f"{n} batches acknowledged from receipts in {folder}")
    return n
