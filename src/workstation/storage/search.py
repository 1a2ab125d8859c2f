"""Resident search as an officer at a desk expects it.

One box: an exact ID number, a Chinese name prefix, pinyin (full "zhangsan" or initials "zs", with
the surname's own reading or the everyday one: 曾志强 is found by "zengzhiqiang" and "cengzhiqiang"),
a phone number, or an address fragment; filters by grid and property. Numbers and pinyin are
normalised as on entry (`domain.identifiers`): a number typed in full-width digits finds the record.
Every path is an index range scan with a LIMIT (address fragments use an FTS5 trigram index), so it
stays fast at 1 M residents. Returns ids and display fields only; opening a record is a separate, audited read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, or_, select, text
from sqlalchemy.orm import Session

from workstation.domain.identifiers import normalise_identifier, normalise_phone
from workstation.domain.names import has_han, name_readings
from workstation.storage.schema import IdentityDocumentRow, Person, Property

_ID_LIKE = re.compile(r"^[0-9]{15}$|^[0-9]{17}[0-9X]$|^[A-Z]{3}[0-9]{12}$|^[A-Z0-9<]{6,12}$")
_PHONE = re.compile(r"^1[3-9][0-9]{2,9}$")
_LATIN = re.compile(r"^[A-Za-z ]+$")
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


@dataclass(frozen=True)
class PersonHit:
    id: str
    name: str
    sex: str
    birth_date: date | None
    phone: str | None
    grid_code: str | None
    property_id: str | None


def _prefix(column: Any, value: str) -> Any:
    return and_(column >= value, column < value + _MAX)


def search_people(
    session: Session,
    query: str,
    *,
    grid_code: str | None = None,
    property_id: str | None = None,
    limit: int = 50,
) -> list[PersonHit]:
    q = query.strip()
    folded = unicodedata.normalize("NFKC", q)  # full-width letters and digits as ASCII, for non-name paths
    base: Select[Person] = select(Person).where(Person.deleted_at.is_(None))
    if grid_code:
        base = base.where(Person.grid_code == grid_code)
    if property_id:
        base = base.where(Person.property_id == property_id)
    if not q:
        stmt = base.order_by(Person.name_pinyin).limit(limit)
        return _hits(session, stmt)
    compact = q.replace(" ", "")
    if has_han(q):
        people = _hits(session, base.where(_prefix(Person.name, compact)).order_by(Person.name).limit(limit))
        # an address fragment: 3+ characters use the trigram index; 2 characters (a LIKE scan over all
        # addresses) only when no name matched
        if (len(people) < limit and len(compact) >= 3) or (not people and len(compact) == 2):
            people += _address_hits(session, base, compact, limit - len(people), exclude={p.id for p in people})
        return people
    phone = normalise_phone(folded)
    if _PHONE.match(phone) and len(phone) >= 4:
        by_phone = _hits(session, base.where(_prefix(Person.phone, phone)).limit(limit))
        if by_phone or len(phone) == 11:
            return by_phone
    number = normalise_identifier(folded)
    if _ID_LIKE.match(number) and any(c.isdigit() for c in number):
        ids = select(IdentityDocumentRow.person_id).where(
            IdentityDocumentRow.number == number, IdentityDocumentRow.deleted_at.is_(None)
        )
        found = _hits(session, base.where(Person.id.in_(ids)).limit(limit))
        if found or len(number) >= 15:
            return found
    if _LATIN.match(folded):
        key = folded.replace(" ", "").lower()
        stmt = base.where(
            or_(
                _prefix(Person.name_pinyin, key),
                _prefix(Person.name_initials, key),
                _prefix(Person.name_pinyin_alt, key),
                _prefix(Person.name_initials_alt, key),
            )
        )
        # four index range scans, merged by SQLite's OR optimisation
        return _hits(session, stmt.limit(limit))
    return _address_hits(session, base, compact, limit, exclude=set())


def _address_hits(
    session: Session, base: Select[Person], fragment: str, limit: int, *, exclude: set[str]
) -> list[PersonHit]:
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
        return []
    stmt = base.where(Person.property_id.in_(prop_ids))
    if exclude:
        stmt = stmt.where(Person.id.not_in(exclude))
    return _hits(session, stmt.limit(limit))


def _hits(session: Session, stmt: Select[Person]) -> list[PersonHit]:
    """Only the display columns: a hit list never hydrates whole records."""
    cols = stmt.with_only_columns(
        Person.id, Person.name, Person.sex, Person.birth_date, Person.phone, Person.grid_code, Person.property_id
    )
    return [PersonHit(*row) for row in session.execute(cols)]
