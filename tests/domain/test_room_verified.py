"""When a room's tile shows it verified by spot checks (`domain.housing.room_verified`): every current
tenant's latest check since moving in consistent, nobody unchecked; an empty room checked on its own
since the last move-out."""

from datetime import UTC, date, datetime

from workstation.domain.housing import CheckSeen, Occupant, local_day, room_verified

ROOM, OTHER = "room-201", "room-202"
DAY = date(2026, 11, 30)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A stored instant (naive UTC) for a local time of `day` (the tests run in the machine's zone)."""
    return datetime(day.year, day.month, day.day, hour, minute).astimezone(UTC).replace(tzinfo=None)


def tenant(tid: str, start: date, recorded: datetime) -> Occupant:
    return Occupant(tenancy_id=tid, start=start, recorded_at=recorded)


def check(when: datetime, ok: bool, tenancy: str | None = None, room: str | None = ROOM) -> CheckSeen:
    return CheckSeen(at=when, consistent=ok, tenancy_id=tenancy, room_id=room)


OLD = tenant("a", date(2026, 2, 12), at(date(2026, 2, 12), 9))  # bound in February


def test_local_day_is_the_desks_day_not_the_utc_day():
    morning = at(DAY, 7)  # before 08:00 in UTC+8 this is still the 29th in UTC
    assert local_day(morning) == DAY


def test_a_tenant_never_checked_is_not_verified():
    assert not room_verified(ROOM, [OLD], [])
    assert not room_verified(ROOM, [OLD], [check(at(DAY, 10), True, room=OTHER)])  # another room's check
    assert not room_verified(ROOM, [OLD], [check(at(DAY, 10), True, "b")])  # another tenant's binding


def test_a_consistent_check_of_the_binding_verifies_the_tenant():
    assert room_verified(ROOM, [OLD], [check(at(DAY, 10), True, "a")])


def test_the_room_check_and_the_property_check_cover_the_tenants_bound_then():
    assert room_verified(ROOM, [OLD], [check(at(DAY, 10), True)])  # the room on its own
    assert room_verified(ROOM, [OLD], [check(at(DAY, 10), True, room=None)])  # the whole property
    # a whole-property check that found something wrong un-verifies every room of it
    assert not room_verified(ROOM, [OLD], [check(at(DAY, 10), True, "a"), check(at(DAY, 11), False, room=None)])


def test_inconsistent_then_consistent_and_back():
    first, later = at(DAY, 10), at(DAY, 15)
    assert room_verified(ROOM, [OLD], [check(first, False, "a"), check(later, True, "a")])
    assert not room_verified(ROOM, [OLD], [check(first, True, "a"), check(later, False, "a")])
    # a later whole-property check (it covers the tenant) clears an earlier mismatch...
    assert room_verified(ROOM, [OLD], [check(first, False, "a"), check(later, True, room=None)])
    # ...but one visit's findings count together: a mismatch among them is not hidden by the others
    assert not room_verified(ROOM, [OLD], [check(first, False, "a"), check(first, True, room=None)])
    assert not room_verified(ROOM, [OLD], [check(first, True, room=None), check(first, False, "a")])


def test_one_tenant_not_found_makes_the_room_unverified_whatever_the_others():
    """The demo case: one visit marks 张三 consistent and 程涛玉 not found (查无此人)."""
    zhang = tenant("z", DAY, at(DAY, 8))
    when = at(DAY, 10)
    for order in ([check(when, True, "z"), check(when, False, "a")], [check(when, False, "a"), check(when, True, "z")]):
        assert not room_verified(ROOM, [OLD, zhang], order)


def test_a_tenant_bound_after_the_visit_the_same_day_is_not_verified():
    """The room was checked at 10:00; two tenants were bound at 15:00, one saying they moved in that
    day, one backdated to March: neither was seen, though both move-in days are on or before the check."""
    visit = [check(at(DAY, 10), True, "a"), check(at(DAY, 10), True)]
    assert room_verified(ROOM, [OLD], visit)
    same_day = tenant("n", DAY, at(DAY, 15))
    backdated = tenant("m", date(2026, 3, 4), at(DAY, 15))
    assert not room_verified(ROOM, [OLD, same_day], visit)
    assert not room_verified(ROOM, [OLD, backdated], visit)
    # checked later that day: verified again
    assert room_verified(ROOM, [OLD, same_day, backdated], [*visit, check(at(DAY, 16), True)])


def test_a_check_before_the_move_in_day_does_not_count():
    """A binding recorded ahead (moving in on the 30th, recorded on the 28th) and a check on the 29th."""
    ahead = tenant("f", DAY, at(date(2026, 11, 28), 9))
    assert not room_verified(ROOM, [ahead], [check(at(date(2026, 11, 29), 10), True)])
    assert not room_verified(ROOM, [ahead], [check(at(date(2026, 11, 29), 10), True, "f")])
    assert room_verified(ROOM, [ahead], [check(at(DAY, 10), True, "f")])


def test_a_binding_check_counts_even_if_entered_with_an_earlier_visit_time():
    """A visit entered later names the binding itself: it vouches for that person (made on or after
    the move-in day), even though the binding row was recorded after the visit's time."""
    late_recorded = tenant("r", date(2026, 11, 1), at(DAY, 15))
    assert room_verified(ROOM, [late_recorded], [check(at(date(2026, 11, 20), 10), True, "r")])
    assert not room_verified(ROOM, [late_recorded], [check(at(date(2026, 11, 20), 10), True)])


def test_an_empty_room_needs_its_own_check_since_the_last_move_out():
    left = date(2026, 11, 28)
    ended = at(left, 18)  # the move-out recorded that evening
    assert not room_verified(ROOM, [], [])
    assert not room_verified(ROOM, [], [check(at(DAY, 10), True, room=None)])  # the whole property: no
    assert room_verified(ROOM, [], [check(at(DAY, 10), True)])  # nobody ever left
    assert not room_verified(ROOM, [], [check(at(date(2026, 11, 20), 10), True)], vacated=left, vacated_recorded=ended)
    assert not room_verified(ROOM, [], [check(at(left, 10), True)], vacated=left, vacated_recorded=ended)
    assert room_verified(ROOM, [], [check(at(left, 19), True)], vacated=left, vacated_recorded=ended)
    assert not room_verified(ROOM, [], [check(at(DAY, 9), True), check(at(DAY, 10), False)], vacated=left)
