"""Masking personal values before they are written where they should not stand in clear (the audit
trail, list rows).

ID numbers keep their region and the last four characters (`audit.mask_id_numbers`); other document
numbers keep two characters at each end; search text keeps only enough to tell queries apart.
"""

from __future__ import annotations

from workstation.storage.audit import mask_id_numbers
from workstation.storage.search import QueryKind


def mask_number(number: str | None) -> str | None:
    """A document number as a list may show it.

    110105194912310029 → 110105********0029; E12345678 → E1*****78; 6 characters or fewer → all stars.
    """
    if number is None:
        return None
    masked = mask_id_numbers(number)
    if masked != number:
        return masked
    if len(number) <= 6:
        return "*" * len(number)
    return number[:2] + "*" * (len(number) - 4) + number[-2:]


def mask_query(kind: QueryKind, query: str) -> str:
    """Search text as the audit trail records it: never in clear.

    A name or address keeps its first character, pinyin its first letter, a phone number its first
    three digits (the carrier), an ID number what `mask_number` keeps; every other character is a star,
    so the length stays visible. An empty query (browsing) records "".
    """
    q = query.strip()
    if not q:
        return ""
    if kind is QueryKind.ID_NUMBER:
        return mask_number(q.replace(" ", "").upper()) or ""
    keep = 3 if kind is QueryKind.PHONE else 1
    return q[:keep] + "*" * max(len(q) - keep, 0)
