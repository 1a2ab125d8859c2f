"""The freeze rule in words for the Sync page and the status bar: a warning before registration is
blocked (at `sync.freeze.WARN_AT` of either limit), the block itself, or a supervisor's override."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from PySide6.QtCore import QCoreApplication

from workstation.sync.freeze import WARN_AT, FreezeOutlook


@dataclass(frozen=True)
class FreezeNotice:
    """`kind` "blocked", "warning" or "override"; `text` for the page, `short` for the status bar."""

    kind: str
    text: str
    short: str


def _hours(h: float) -> str:
    return f"{h:.0f}" if h >= 10 else f"{h:.1f}"


def _local_hhmm(when: object) -> str:
    from datetime import datetime

    assert isinstance(when, datetime)
    return when.replace(tzinfo=UTC).astimezone().strftime("%m-%d %H:%M")


def freeze_notice(o: FreezeOutlook | None) -> FreezeNotice | None:
    """What to say about the freeze rule now, or None when unsynced work is well within its limits."""
    if o is None:
        return None
    way_out = QCoreApplication.translate(
        "FreezeNotice",
        "Sync now, or export the sealed batches to a USB stick below if there is no network; a supervisor "
        "can lift the block for a while.",
    )
    figures = []
    waiting, limit = o.waiting, o.max_waiting  # plain names for the numerus calls (what lupdate reads)
    if o.max_age_h > 0 and o.oldest_age_h is not None and o.oldest_age_h >= WARN_AT * o.max_age_h:
        figures.append(
            QCoreApplication.translate(
                "FreezeNotice",
                "the oldest waiting change is {age} hours old (limit {limit} hours)")
            .replace("{age}", _hours(o.oldest_age_h))
            .replace("{limit}", _hours(o.max_age_h))
        )
    if o.max_waiting > 0 and o.waiting >= WARN_AT * o.max_waiting:
        figures.append(
            QCoreApplication.translate("FreezeNotice", "%n change(s) waiting (limit {limit})", None, waiting)
            .replace("{limit}", str(o.max_waiting))
        )
    detail = QCoreApplication.translate("FreezeNotice", "; ").join(figures)
    if o.frozen:
        return FreezeNotice(
            "blocked",
            QCoreApplication.translate("FreezeNotice", "New registrations are blocked: {detail}. {way_out}")
            .replace("{detail}", detail)
            .replace("{way_out}", way_out),
            QCoreApplication.translate("FreezeNotice", "registration blocked: sync needed"),
        )
    if o.override_until is not None and o.share >= 1.0:
        return FreezeNotice(
            "override",
            QCoreApplication.translate(
                "FreezeNotice",
                "The limits are exceeded ({detail}), but a supervisor's override keeps registration "
               "open until {time}. {way_out}")
            .replace("{detail}", detail)
            .replace("{time}", _local_hhmm(o.override_until))
            .replace("{way_out}", way_out),
            QCoreApplication.translate(
                "FreezeNotice",
                "override until {time}").replace("{time}", _local_hhmm(o.override_until)),
        )
    if not o.warning:
        return None
    if o.blocks_at is not None and o.oldest_age_h is not None and o.oldest_age_h >= WARN_AT * o.max_age_h:
        left = max(0.0, o.max_age_h - o.oldest_age_h)
        short = QCoreApplication.translate(
            "FreezeNotice",
            "registration blocks in {h} h unless synced").replace("{h}", _hours(left))
        text = (
            QCoreApplication.translate(
                "FreezeNotice",
                "New registrations will be blocked at {time} (in {h} hours) unless this workstation "
               "syncs: {detail}. {way_out}")
            .replace("{time}", _local_hhmm(o.blocks_at))
            .replace("{h}", _hours(left))
        )
    else:
        short = (
            QCoreApplication.translate(
                "FreezeNotice", "{n} of %n change(s) waiting: registration blocks at %n", None, limit
            ).replace("{n}", str(o.waiting))
        )
        text = QCoreApplication.translate(
            "FreezeNotice",
            "New registrations will be blocked once more than %n change(s) wait for the platform: {detail}. "
            "{way_out}", None, limit,
        )
    return FreezeNotice("warning", text.replace("{detail}", detail).replace("{way_out}", way_out), short)
