"""Resident search as an officer at a desk expects it.

One box: an exact ID number or its last four characters ("002x"), a Chinese name prefix, pinyin
(full "zhangsan" or initials "zs", with the surname's own reading or the everyday one: 曾志强 is found
by "zengzhiqiang" and "cengzhiqiang"), a phone number, or an address fragment; filters by grid and
property. Numbers and pinyin are normalised as on entry (`domain.identifiers`): a number typed in
full-width digits finds the record. Every path is an index range scan with a LIMIT (address
fragments use an FTS5 trigram index), so it stays fast at 1 M residents. Results come in pages that
follow an index (keyset: each page continues after the last row's ordering key, never with an
OFFSET). Returns ids only (`find_people`); the residents area builds display rows for them, and
opening a record is a separate, audited read.

Properties are found by the pinyin of their address and landlord through `property_pinyin_ids` (the
keys `property_keys` makes, in the trigram index of migration 0014); the housing area does the rest.

A query runs as a plan of phases, each an index range in its own order:

| query                         | phases (in order)                                                    |
|-------------------------------|----------------------------------------------------------------------|
| empty                         | browse by (name_pinyin, id)                                          |
| Chinese characters            | name prefix by (name, id); then addresses (2 characters: only     |
|                               | when no name matched; 1 character: never)                         |
| digits 1[3-9]…, 4+ characters | phone prefix by (phone, id); with fewer than 11 digits and no match, go on as below |
| 4 characters: digits, last X  | the tail of an ID number ("002x") by id, through the index on      |
|                               | substr(number, -4) (after a phone prefix of the same 4 digits, in  |
|                               | the same group); then the rest only when neither found anyone      |
| an ID or passport number      | exact document number by id; shorter than 15 and no match: go on     |
| Latin letters                 | prefix of the full pinyin, the initials, then the surname's other  |
|                               | reading of both (name_pinyin[_alt], name_initials[_alt]), each by  |
|                               | (key, id), each leaving out those an earlier one found             |
| anything else                 | address fragment by id                                               |
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal_column, not_, select, text, true, tuple_
from sqlalchemy.orm import InstrumentedAttribute, Session

from workstation.domain.identifiers import normalise_identifier, normalise_phone
from workstation.domain.names import has_han, name_readings, text_pinyin
from workstation.errors import UserFacingError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage.schema import NUMBER_TAIL, IdentityDocumentRow, Person, Property

_ID_LIKE = re.compile(r"^[0-9]{15}$|^[0-9]{17}[0-9X]$|^[A-Z]{3}[0-9]{12}$|^[A-Z0-9<]{6,12}$")
_PHONE = re.compile(r"^1[3-9][0-9]{2,9}$")
_LATIN = re.compile(r"^[A-Za-z ]+$")
_PINYINISH = re.compile(r"^[a-z0-9]+$")
_TAIL = re.compile(f"^[0-9]{{{NUMBER_TAIL - 1}}}[0-9X]$")
_MAX = "\U0010ffff"


def name_keys(name: str) -> tuple[str, str]:
    """(full pinyin without spaces or tones, initials) of a name with its surname reading
    (`domain.names.name_readings`); Latin names lower-cased."""
    r = name_readings(name)
    return r.pinyin, r.initials


def name_index(name: str) -> dict[str, str | None]:
    """Every name-key column of `Person` for `name`: both readings where the surname has its own."""
    r = name_readings(name)
    return {
        "name_pinyin": r.pinyin,
        "name_initials": r.initials,
        "name_pinyin_alt": r.pinyin_alt,
        "name_initials_alt": r.initials_alt,
    }


# ---- properties: pinyin of addresses and landlords ----------------------------------------------------
# The FTS5 trigram index `property_fts_pinyin` (migration 0014) holds the properties' pinyin keys,
# rowid = the property's rowid.
_INITIALS_MARK = "^"  # before a landlord's initials in the keys: "zs" is looked up as "^zs"


def property_keys(address: str, landlord_name: str | None) -> str:
    """The pinyin a property is found by, as one text for a trigram index: the address's
    (`domain.names.text_pinyin`), the landlord's name with its surname and everyday readings
    (`name_readings`), and the landlord's initials after a ``^`` (so two letters find them), separated
    by spaces (a query holds no space, so no match straddles two keys).

    ``property_keys("演示市北山区幸福路38号", "曾小明") ==
    "yanshishibeishanquxingfulu38hao zengxiaoming cengxiaoming ^zxm ^cxm"``."""
    parts = [text_pinyin(address or "")]
    if landlord_name and landlord_name.strip():
        r = name_readings(landlord_name)
        parts += [r.pinyin, r.pinyin_alt or "", _INITIALS_MARK + r.initials if r.initials else "",
                  _INITIALS_MARK + r.initials_alt if r.initials_alt else ""]
    return " ".join(p for p in parts if p)


def index_property_keys(conn: Any, rows: Iterable[tuple[str, str, str | None]]) -> None:
    """(Re)write the pinyin keys of properties (id, address, landlord name) in ``property_fts_pinyin``, on
    `conn` (a Connection or Session), in the caller's transaction. Called by the property mapper's
    insert and update events (`storage.schema`), by bulk inserts that bypass the mapper (the demo
    generator) and by migration 0014; a property's hard delete is followed by a trigger."""
    params = [{"id": pid, "k": property_keys(address, landlord)} for pid, address, landlord in rows]
    if not params:
        return
    conn.execute(text("DELETE FROM property_fts_pinyin WHERE rowid = (SELECT rowid FROM property WHERE id = :id)"),
                 params)
    conn.execute(text("INSERT INTO property_fts_pinyin(rowid, keys) SELECT rowid, :k FROM property WHERE id = :id"),
                 params)


def property_pinyin_ids(session: Session, fragment: str, *, limit: int = 2000) -> list[str] | None:
    """Ids of the properties whose pinyin keys (`property_keys`) hold `fragment`: pinyin of an address
    anywhere in it ("xingfu", "xingfulu38"), a landlord's name ("duxiaoming", "xiaoming") or initials
    (two letters or more: "dxm", "zs"). Case and spaces do not matter. None: `fragment` is not pinyin
    (it needs a Latin letter, and only letters, digits and spaces) or too short (one letter), so the
    caller adds no pinyin condition. A trigram index lookup, at most `limit` ids."""
    folded = unicodedata.normalize("NFKC", fragment)
    key = folded.replace(" ", "").lower()
    if not (_PINYINISH.match(key) and any(c.isalpha() for c in key)):
        return None
    if len(key) < 3:
        if len(key) < 2 or not key.isalpha():
            return None
        key = _INITIALS_MARK + key
    phrase = '"' + key.replace('"', '""') + '"'
    return list(session.execute(
        text("SELECT p.id FROM property_fts_pinyin f JOIN property p ON p.rowid = f.rowid "
             "WHERE property_fts_pinyin MATCH :q LIMIT :n"),
        {"q": phrase, "n": limit},
    ).scalars())


class QueryKind(StrEnum):
    """What a search box query was taken for (recorded in the audit trail instead of the query)."""

    BROWSE = "browse"
    NAME = "name"  # Chinese characters: a name prefix or an address fragment
    PHONE = "phone"
    ID_NUMBER = "id_number"
    PINYIN = "pinyin"  # Latin letters: pinyin, initials or a Latin name
    ADDRESS = "address"


@dataclass(frozen=True)
class Found:
    """One page of a search: person ids in display order, the cursor of the next page (None: last
    page; a next page may turn out empty) and what the query was taken for."""

    ids: tuple[str, ...]
    next: str | None
    kind: QueryKind


class BadCursor(UserFacingError):
    """A cursor that this search did not hand out (or from an older version of it)."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("storage", "The list position is no longer valid; start the search again."))


def _prefix(column: Any, value: str) -> ColumnElement[bool]:
    return and_(column >= value, column < value + _MAX)


@dataclass(frozen=True)
class _Phase:
    kind: QueryKind
    group: int  # phases of one group run one after the other
    needs_empty: bool  # run only when the groups before it found nobody
    where: Callable[[Session], ColumnElement[bool] | None]  # None: this phase finds nobody
    order: tuple[InstrumentedAttribute[Any], ...]  # index order; Person.id last (a unique key)


def _const(cond: ColumnElement[bool]) -> Callable[[Session], ColumnElement[bool] | None]:
    return lambda _s: cond


def _address(fragment: str, exclude: ColumnElement[bool] | None) -> Callable[[Session], ColumnElement[bool] | None]:
    def where(session: Session) -> ColumnElement[bool] | None:
        if len(fragment) >= 3:
            # FTS5 trigram: the phrase query finds the fragment anywhere in the address
            phrase = '"' + fragment.replace('"', '""') + '"'
            prop_ids = [
                r[0]
                for r in session.execute(
                    text(
                        "SELECT p.id FROM property_fts f JOIN property p ON p.rowid = f.rowid "
                        "WHERE property_fts MATCH :q LIMIT 200"
                    ),
                    {"q": phrase},
                )
            ]
        else:
            prop_ids = list(
                session.execute(select(Property.id).where(Property.address.contains(fragment)).limit(200)).scalars()
            )
        if not prop_ids:
            return None
        cond = Person.property_id.in_(prop_ids)
        return cond if exclude is None else and_(cond, not_(exclude))

    return where


# The index each phase walks, by its ordering column: alone, or after the grid filter. Named with
# INDEXED BY (`storage.db` renders the hint): each is the plan's range scan in display order, which
# stops at the page's LIMIT; the planner, left alone with a large store's statistics, may prefer a
# skip-scan of a grid index and then sort every match.
_OWN_INDEX = {
    "name": "ix_person_name",
    "name_pinyin": "ix_person_name_pinyin",
    "name_initials": "ix_person_name_initials",
    "name_pinyin_alt": "ix_person_name_pinyin_alt",
    "name_initials_alt": "ix_person_name_initials_alt",
    "phone": "ix_person_phone",
}
_GRID_INDEX = {
    "name_pinyin": "ix_person_grid_code",
    "name_initials": "ix_person_grid_initials",
    "name_pinyin_alt": "ix_person_grid_pinyin_alt",
    "name_initials_alt": "ix_person_grid_initials_alt",
}


def _index_of(phase: _Phase, grid_code: str | None, property_id: str | None) -> str | None:
    """The index `phase` must walk with these filters, or None (the planner's choice: a property's
    residents are few, and an id-ordered phase has no range of its own)."""
    if property_id:
        return None
    lead = phase.order[0].key
    return _GRID_INDEX.get(lead) if grid_code else _OWN_INDEX.get(lead)


def _plan(q: str) -> list[_Phase]:
    """The phases for query `q` (stripped), as the table in the module docstring says."""
    if not q:
        return [_Phase(QueryKind.BROWSE, 0, False, lambda _s: true(), (Person.name_pinyin, Person.id))]
    compact = q.replace(" ", "")
    if has_han(q):
        by_name = _prefix(Person.name, compact)
        phases = [_Phase(QueryKind.NAME, 0, False, _const(by_name), (Person.name, Person.id))]
        if len(compact) >= 3:
            phases.append(_Phase(QueryKind.ADDRESS, 0, False, _address(compact, by_name), (Person.id,)))
        elif len(compact) == 2:
            phases.append(_Phase(QueryKind.ADDRESS, 1, True, _address(compact, None), (Person.id,)))
        return phases
    folded = unicodedata.normalize("NFKC", q)  # full-width letters and digits as ASCII, for non-name paths
    phases = []
    group, needs_empty = 0, False
    number = normalise_identifier(folded)
    tail = None
    if _TAIL.match(number):  # the last characters of an ID number, as officers type them ("002x")
        docs = select(IdentityDocumentRow.person_id).where(
            func.substr(IdentityDocumentRow.number, literal_column(str(-NUMBER_TAIL))) == number,
            IdentityDocumentRow.deleted_at.is_(None),
        )
        tail = _Phase(QueryKind.ID_NUMBER, group, needs_empty, _const(Person.id.in_(docs)), (Person.id,))
    phone = normalise_phone(folded)
    if _PHONE.match(phone) and len(phone) >= 4:
        phases.append(_Phase(QueryKind.PHONE, group, needs_empty, _const(_prefix(Person.phone, phone)),
                             (Person.phone, Person.id)))
        if len(phone) == 11:
            return phases
    if tail is not None:
        phases.append(tail)  # with a phone prefix of four digits: both, the phones first
    if phases:
        group, needs_empty = group + 1, True
    if _ID_LIKE.match(number) and any(c.isdigit() for c in number):
        numbers = select(IdentityDocumentRow.person_id).where(
            IdentityDocumentRow.number == number, IdentityDocumentRow.deleted_at.is_(None)
        )
        phases.append(_Phase(QueryKind.ID_NUMBER, group, needs_empty, _const(Person.id.in_(numbers)), (Person.id,)))
        if len(number) >= 15:
            return phases
        group, needs_empty = group + 1, True
    if _LATIN.match(folded):
        key = folded.replace(" ", "").lower()
        earlier: list[ColumnElement[bool]] = []
        for column in (Person.name_pinyin, Person.name_initials, Person.name_pinyin_alt, Person.name_initials_alt):
            match = _prefix(column, key)
            cond = and_(match, *(not_(e) for e in earlier))  # each reading finds only the new ones
            phases.append(_Phase(QueryKind.PINYIN, group, needs_empty, _const(cond), (column, Person.id)))
            earlier.append(and_(column.is_not(None), match))  # never NULL, so NOT(...) keeps NULL readings
        return phases
    phases.append(_Phase(QueryKind.ADDRESS, group, needs_empty, _address(compact, None), (Person.id,)))
    return phases


def query_kind(query: str) -> QueryKind:
    """What `query` is taken for: the kind of the first phase of its plan."""
    return _plan(query.strip())[0].kind


def _signature(*parts: str | None) -> str:
    """Ties a cursor to its query and filters (a cursor of another search is refused, not misread)."""
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:12]


def _encode(sig: str, state: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps([sig, *state], ensure_ascii=False).encode()).decode()


def _decode(cursor: str, sig: str, n_phases: int) -> tuple[int, bool, bool, list[str]]:
    try:
        got, idx, found_before, found, key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        ok = (got == sig and isinstance(idx, int) and 0 <= idx < n_phases and isinstance(key, list)
              and all(isinstance(k, str) for k in key))
    except (ValueError, TypeError, binascii.Error):
        ok = False
    if not ok:
        raise BadCursor()
    return idx, bool(found_before), bool(found), key


def find_people(
    session: Session,
    query: str,
    *,
    grid_code: str | None = None,
    property_id: str | None = None,
    registered_on: date | None = None,
    after: str | None = None,
    limit: int = 50,
) -> Found:
    """One page of the people `query` finds (live records only), filtered by current grid and property
    and by the day they were registered.

    Args:
        query: the search box text (see the module docstring for what it may be).
        registered_on: only people registered (record created) that day, 00:00 to 24:00 UTC as
            `metrics.registrations_per_day` counts it.
        after: the `next` cursor of the previous page of the same query and filters, or None.
        limit: the most ids to return (the caller bounds it per role).

    Returns:
        `Found`: ids in display order, the next cursor, the query's kind.

    Raises:
        BadCursor: `after` is not a cursor of this query.
    """
    q = query.strip()
    phases = _plan(q)
    sig = _signature(q, grid_code, property_id, registered_on.isoformat() if registered_on else None)
    idx, found_before, found, key = (0, False, False, []) if after is None else _decode(after, sig, len(phases))
    base: list[ColumnElement[bool]] = [Person.deleted_at.is_(None)]
    if grid_code:
        base.append(Person.grid_code == grid_code)
    if property_id:
        base.append(Person.property_id == property_id)
    if registered_on is not None:
        start = datetime.combine(registered_on, datetime.min.time())
        base += [Person.created_at >= start, Person.created_at < start + timedelta(days=1)]
    ids: list[str] = []
    while idx < len(phases) and len(ids) < limit:
        phase = phases[idx]
        cond = None if (phase.needs_empty and found_before) else phase.where(session)
        if cond is not None:
            if key and len(key) != len(phase.order):
                raise BadCursor()
            stmt = select(*phase.order).where(*base, cond)
            index = _index_of(phase, grid_code, property_id)
            if index is not None:
                stmt = stmt.with_hint(Person, f"INDEXED BY {index}", "sqlite")
            if key:
                stmt = stmt.where(tuple_(*phase.order) > tuple_(*key))
            want = limit - len(ids)
            rows = session.execute(stmt.order_by(*phase.order).limit(want + 1)).all()
            ids.extend(r[-1] for r in rows[:want])
            found = found or bool(rows)
            if len(rows) > want:
                cursor = _encode(sig, [idx, found_before, found, [str(v) for v in rows[want - 1]]])
                return Found(tuple(ids), cursor, phases[0].kind)
        idx, key = idx + 1, []
        if idx < len(phases) and phases[idx].group != phase.group:
            found_before = found
    more = idx < len(phases)
    return Found(tuple(ids), _encode(sig, [idx, found_before, found, []]) if more else None, phases[0].kind)
