"""Rental housing rules as pure functions: a property's four parties, a room, overlapping bindings.

The housing area (`storage.areas.housing`) refuses a save with `ValidationError(problems)` when any
function here finds a problem; the desktop app's property and room dialogs call the same functions
to put each reason beside its field before anything is sent.

A property answers to four parties: its landlord (业主: name, mobile, ID number), its
property-management company (物管单位: name, mobile), the assistant who registers it (协管员: an
operator's user name, checked against the operator table by the area) and the police district (警区:
a code) that checks it.

Bindings (人屋捆绑) are half-open periods ``[start, end)`` (`end` None: still running; see
`running_on`). Two bindings of one person overlap when they share a day: the day someone moves from
one room to another ends one binding and starts the next (`periods_overlap`).

Whether a room's tile shows it verified by spot checks (抽查核查) is `room_verified`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from workstation.domain.identifiers import identifier_problems
from workstation.domain.validation import Problems, normalise_id_number, validate_citizen_id, validate_mobile
from workstation.errors import Problem
from workstation.i18n import QT_TRANSLATE_NOOP

MAX_ADDRESS = 200
MAX_CODE = 32  # grid and district codes
MAX_LANDLORD_NAME = 64
MAX_MANAGER_NAME = 128
MAX_ROOM_LABEL = 32
MAX_CAPACITY = 500
_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def normalise_code(code: str) -> str:
    """A grid or district code as stored: trimmed, upper case (``g01`` → ``G01``)."""
    return code.strip().upper()


def _too_long(field: str, value: str | None, limit: int) -> Problems:
    if value is not None and len(value.strip()) > limit:
        return [
            Problem(
                field,
                "too_long",
                QT_TRANSLATE_NOOP("validation", "At most {limit} characters.").format(limit=limit),
            )
        ]
    return []


def validate_code(code: str | None, *, field_name: str, required: bool) -> Problems:
    """A grid (网格) or police district (警区) code: ASCII letters, digits, ``-``, ``_`` or ``.``, at most
    32 characters; `required` says whether an empty one is a problem."""
    if code is None or not code.strip():
        if required:
            return [Problem(field_name, "required", QT_TRANSLATE_NOOP("validation", "This code is required."))]
        return []
    c = normalise_code(code)
    problems = identifier_problems(c, field_name=field_name, label="A code", allowed="-_.")
    if problems:
        return problems
    if len(c) > MAX_CODE:
        return _too_long(field_name, c, MAX_CODE)
    if not _CODE_RE.match(c):
        return [
            Problem(
                field_name,
                "format",
                QT_TRANSLATE_NOOP("validation", "A code starts with a letter or a digit."),
            )
        ]
    return []


def validate_landlord_id_number(number: str | None, *, field_name: str = "landlord_id_number") -> Problems:
    """The landlord's ID number: empty, or a valid resident ID number (GB 11643, check digit included)
    when it has 18 characters, or another document number of ASCII letters and digits."""
    if not number or not number.strip():
        return []
    n = normalise_id_number(number)
    if len(n) == 18 and n[:17].isdigit():
        return validate_citizen_id(n, field_name=field_name)
    return identifier_problems(n, field_name=field_name, label="An ID number")


def validate_property(
    *,
    address: str | None = None,
    grid_code: str | None = None,
    landlord_name: str | None = None,
    landlord_phone: str | None = None,
    landlord_id_number: str | None = None,
    manager_name: str | None = None,
    manager_phone: str | None = None,
    district_code: str | None = None,
    partial: bool = False,
) -> Problems:
    """Every problem with a property's fields, by field name (the names the housing area takes).

    Args:
        partial: an update: only the fields given (not None) are checked, and address and grid code
            are required only when given. A new property (`partial` False) needs both.

    Returns:
        The problems found ([] when valid). The assistant is checked by the area (it needs the
        operator table).
    """
    problems: Problems = []
    if address is not None or not partial:
        if not (address or "").strip():
            problems.append(Problem("address", "required", QT_TRANSLATE_NOOP("storage", "address is required")))
        problems += _too_long("address", address, MAX_ADDRESS)
    if grid_code is not None or not partial:
        if not (grid_code or "").strip():
            problems.append(Problem("grid_code", "required", QT_TRANSLATE_NOOP("storage", "grid code is required")))
        else:
            problems += validate_code(grid_code, field_name="grid_code", required=True)
    problems += _too_long("landlord_name", landlord_name, MAX_LANDLORD_NAME)
    problems += validate_mobile(landlord_phone, field_name="landlord_phone")
    problems += validate_landlord_id_number(landlord_id_number)
    problems += _too_long("manager_name", manager_name, MAX_MANAGER_NAME)
    problems += validate_mobile(manager_phone, field_name="manager_phone")
    problems += validate_code(district_code, field_name="district_code", required=False)
    return problems


def validate_room(*, label: str | None = None, capacity: int | None = None, partial: bool = False) -> Problems:
    """A room's label (required, at most 32 characters) and capacity (None: not set; else 1..500)."""
    problems: Problems = []
    if label is not None or not partial:
        if not (label or "").strip():
            problems.append(Problem("label", "required", QT_TRANSLATE_NOOP("storage", "room label is required")))
        problems += _too_long("label", label, MAX_ROOM_LABEL)
    if capacity is not None and capacity < 1:
        problems.append(Problem("capacity", "invalid", QT_TRANSLATE_NOOP("storage", "capacity must be at least 1")))
    elif capacity is not None and capacity > MAX_CAPACITY:
        problems.append(
            Problem(
                "capacity",
                "invalid",
                QT_TRANSLATE_NOOP("validation", "At most {limit} people in one room.").format(limit=MAX_CAPACITY),
            )
        )
    return problems


def running_on(start: date, end: date | None, day: date) -> bool:
    """Whether a binding is current ("bound now") on `day`.

    A binding is the half-open period ``[start, end)``: `start` is the day the person moved in,
    `end` the day they moved out (None: still living there). The move-out day is NOT a day of the
    binding, so a binding ended today, or a person moved to another room today, is no longer current
    today: a person is in exactly one room after a same-day move. A binding with ``end == start``
    (ended or moved on the day it began) was never current. `storage.areas.residents.running_sql`
    is the same rule in SQL; every "current"/"bound now" read uses one of the two."""
    return start <= day and (end is None or day < end)


def periods_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Whether two bindings (half-open periods ``[start, end)``, see `running_on`; None: still
    running) share at least one day.

    ``[1 May, 10 May)`` and ``[10 May, —)`` do not overlap (a move on 10 May); ``[1 May, —)`` and
    ``[5 May, —)`` do; an empty period ``[10 May, 10 May)`` overlaps nothing."""
    far = date.max
    a_stop, b_stop = a_end or far, b_end or far
    return a_start < a_stop and b_start < b_stop and a_start < b_stop and b_start < a_stop


@dataclass(frozen=True)
class CheckSeen:
    """A spot check as `room_verified` reads it.

    `at`: when the visit was made (UTC, naive, as stored); `consistent`: its result was CONSISTENT
    (inconsistent and not found are not); `tenancy_id`: the binding it is about (None: a check of a
    room on its own or of the whole property); `room_id`: the room of that binding or the room checked
    on its own (None with no `tenancy_id`: the whole property)."""

    at: datetime
    consistent: bool
    tenancy_id: str | None = None
    room_id: str | None = None


@dataclass(frozen=True)
class Occupant:
    """A binding running today, as `room_verified` reads it: its id, its move-in day (local) and when
    it was recorded (UTC, naive: its row's `created_at`)."""

    tenancy_id: str
    start: date
    recorded_at: datetime


def local_day(at: datetime) -> date:
    """The desk's local calendar day of a stored UTC instant (naive UTC, as the database keeps it)."""
    return at.replace(tzinfo=UTC).astimezone().date()


def _latest_consistent(checks: Sequence[CheckSeen]) -> bool:
    """Whether the latest of `checks` (some) found everything consistent. Checks made at the same
    instant (one visit's findings) count together: one of them not consistent is enough."""
    if not checks:
        return False
    last = max(c.at for c in checks)
    return all(c.consistent for c in checks if c.at == last)


def room_verified(
    room_id: str,
    occupants: Sequence[Occupant],
    checks: Iterable[CheckSeen],
    *,
    vacated: date | None = None,
    vacated_recorded: datetime | None = None,
) -> bool:
    """Whether a room's tile shows it verified (green 已核实) rather than not verified (amber).

    An occupied room (`occupants`: its bindings running today) is verified only when EVERY current
    tenant's latest check since moving in found them consistent:

    * a check covers a tenant when it is about their binding (`tenancy_id`), or about their room on
      its own (`room_id` only) or the whole property (neither), and was made on or after their
      move-in day (the local day of `at`);
    * a check of the room or the property covers a tenant only if made after their binding was
      recorded (`recorded_at`): a visit in the morning cannot vouch for someone bound in the
      afternoon, even when the binding says they moved in that day or long before;
    * a tenant with no covering check (bound since the last visit) makes the room not verified, and
      so does one whose latest covering check was inconsistent or not found (findings of one visit,
      made at the same instant, count together: one mismatch among them is enough).

    An empty room (no `occupants`) is verified when the latest check of the room on its own
    (`tenancy_id` None, `room_id` this room) made on or after the last move-out day (`vacated`, None:
    nobody ever left) and after that move-out was recorded (`vacated_recorded`) was consistent: a
    check while tenants still lived there says nothing of the room empty. Checks of the whole
    property do not vouch for an empty room.

    Args:
        room_id: the room.
        occupants: its bindings running today.
        checks: the property's live spot checks (any order; others' rooms and bindings are ignored).
        vacated: an empty room's last move-out day (its latest binding `end_date` on or before today).
        vacated_recorded: when that binding's end was recorded (its row's `updated_at`, UTC naive).

    Returns:
        True for verified.
    """
    seen = list(checks)
    if not occupants:
        own = [c for c in seen if c.tenancy_id is None and c.room_id == room_id
               and (vacated is None or local_day(c.at) >= vacated)
               and (vacated_recorded is None or c.at >= vacated_recorded)]
        return _latest_consistent(own)
    for o in occupants:
        covering = [
            c for c in seen
            if local_day(c.at) >= o.start and (
                c.tenancy_id == o.tenancy_id
                or (c.tenancy_id is None and c.room_id in (None, room_id) and c.at >= o.recorded_at)
            )
        ]
        if not _latest_consistent(covering):
            return False
    return True
