"""Supervision: the audit trail, the dashboard's figures, exports. Reached as `desk.supervision`.

    audit_trail(*, actor=, target_id=, kind=, since=, until=, upto_seq=, after=, limit=200) -> Page[AuditRow]
    audit_actors() -> tuple[str, ...]
    verify_audit(*, progress=None) -> audit.VerifyResult
    export_audit(path, *, actor=, target_id=, kind=, since=, until=, progress=None) -> int
    report() -> Report
    dashboard(*, days: int = 30, today: date | None = None) -> Dashboard
    count_residents() -> int
    export_residents(*, grid_code: str | None = None) -> tuple[ExportRow, ...]

Every one of these reads is itself audited, except `dashboard`: it returns counts and rates that
name nobody, and the Today page reads it every minute (an audit row a minute per open desk would
bury the rows that matter). What a role may not read is left out of it (None), never computed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from workstation.domain.permissions import Permission, allowed
from workstation.errors import UserFacingError
from workstation.files import open_atomic
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import audit, metrics
from workstation.storage.areas.base import Area, Page
from workstation.storage.errors import AuditTrailDamaged
from workstation.storage.masking import mask_number
from workstation.storage.schema import AuditEvent, IdentityDocumentRow, Operator, Person, Property, Room
from workstation.storage.search import BadCursor

# Event kinds the audit viewer filters by (``kind=``), each a set of actions (``%`` as in SQL LIKE).
AUDIT_KINDS: dict[str, tuple[str, ...]] = {
    "sign_in": (
        "login", "unlock", "logout", "lock", "lock.idle", "database.unlock", "operator.change_password",
        "operator.confirm",
    ),
    "read": ("%.read", "%.search", "%.rows", "%.list", "%.count", "%.print", "declaration.compare",
             "declaration.overdue", "declaration.late_properties", "room.occupants", "room.tenancies"),
    "change": ("%.create", "%.update", "%.delete", "tenancy.move", "tenancy.overlap_acknowledged",
               "fingerprint.skip"),
    "export": ("%.export",),
    "sync": ("sync.%", "freeze.%", "prereg.%", "task.received", "task.updated_by_platform"),
    "admin": (
        "operator.create", "operator.disable", "operator.enable", "operator.unlock", "operator.reset_password",
        "operator.role", "database.backup",
        "database.restore", "database.rekey", "station.%", "setting.%", "settings.%", "device.%", "retention.%",
        "audit.%", "demo.%",
    ),
}
# ``kind="refused"``: every event whose outcome is not "ok" (refusals, failed logins, blocked registrations).
REFUSED = "refused"
EXPORT_COLUMNS = ("seq", "at_utc", "actor", "action", "target_type", "target_id", "details", "outcome")
EXPORT_CHUNK = 5000  # rows read per query while exporting


@dataclass(frozen=True)
class AuditSubject:
    """Whom or what an audit row is about, in words as the rest of the desk shows it: a resident's name
    and masked ID number (``name``, ``id_number_masked``); a property's address, a room's property
    address and label (``name``)."""

    name: str
    id_number_masked: str | None = None


@dataclass(frozen=True)
class AuditRow:
    """One audit event as recorded (ID numbers and search text already masked). `subject`: the record
    it is about in words (None: no such record here any more, or not a resident, property or room)."""

    seq: int
    at: datetime
    actor: str
    action: str
    target_type: str | None
    target_id: str | None
    details: str
    outcome: str
    subject: AuditSubject | None = None


@dataclass(frozen=True)
class Report:
    """The dashboard's figures (一致率, 反馈率, registrations, backlog)."""

    consistency_station: metrics.Rate
    consistency_by_grid: tuple[tuple[str, metrics.Rate], ...]
    feedback_rate: metrics.Rate
    registrations_per_day: tuple[tuple[date, int], ...]  # the last 14 days, oldest first
    backlog: metrics.Backlog


@dataclass(frozen=True)
class Dashboard:
    """What the Today page draws, for one operator. Series are oldest first, one value per day
    (`metrics.day_starts`), the last day being `day`. A field is None when the operator's role may not
    read it: the three charts need ``read_reports``, the backlog ``sync``, tasks due ``read_tasks`` and
    the pre-registrations ``read_person``."""

    day: date
    registrations_per_day: tuple[tuple[date, int], ...] | None  # residents registered that day
    consistency_by_grid: tuple[tuple[str, metrics.Rate], ...] | None  # by grid code, sorted
    feedback_per_day: tuple[tuple[date, metrics.Rate], ...] | None  # 反馈率 at each day's end
    backlog: metrics.Backlog | None  # changes waiting for the platform now, the oldest, those for a decision
    backlog_per_day: tuple[tuple[date, int], ...] | None  # changes waiting at each day's end
    tasks_due: int | None  # open tasks due today or earlier
    tasks_overdue: int | None  # of those, due before today
    preregistrations_waiting: int | None  # pre-registrations waiting for the officer


@dataclass(frozen=True)
class ExportRow:
    name: str
    sex: str
    birth_date: date | None
    phone: str | None
    grid_code: str | None
    employer: str | None


def _describe_filter(
    actor: str | None, target_id: str | None, kind: str | None, since: datetime | None, until: datetime | None
) -> str:
    """The filter of an audited read or export in words (for its own audit row)."""
    parts = [
        f"{name} {value}"
        for name, value in (
            ("operator", actor),
            ("about", target_id),
            ("kind", kind),
            ("from", since.isoformat(timespec="minutes") if since else None),
            ("until", until.isoformat(timespec="minutes") if until else None),
        )
        if value
    ]
    return ", ".join(parts) if parts else "no filter"


def _kind_condition(kind: str) -> ColumnElement[bool]:
    """The SQL condition of an event kind (`AUDIT_KINDS` or `REFUSED`). Raises ValueError for another."""
    if kind == REFUSED:
        return AuditEvent.outcome != "ok"
    return or_(*(AuditEvent.action.like(p) if "%" in p else AuditEvent.action == p for p in _patterns(kind)))


def _patterns(kind: str) -> tuple[str, ...]:
    patterns = AUDIT_KINDS.get(kind)
    if patterns is None:
        raise ValueError(f"unknown audit event kind {kind!r}; one of {sorted(AUDIT_KINDS)} or {REFUSED!r}")
    return patterns


def _like(pattern: str, value: str) -> bool:
    """SQL LIKE with ``%`` only (the patterns of `AUDIT_KINDS`), in Python."""
    return re.fullmatch(".*".join(re.escape(part) for part in pattern.split("%")), value) is not None


def _distinct(s: Session, column: InstrumentedAttribute[str]) -> list[str]:
    """The distinct values of an indexed column, one index probe each (a skip scan: a few dozen probes,
    not a walk of a million rows)."""
    out: list[str] = []
    last = ""
    while True:
        value = s.execute(select(column).where(column > last).order_by(column).limit(1)).scalar()
        if value is None:
            return out
        out.append(value)
        last = value


def _kind_values(s: Session, kind: str) -> tuple[InstrumentedAttribute[str], list[str]]:
    """The column an event kind selects on and the values of it that the trail holds."""
    if kind == REFUSED:
        return AuditEvent.outcome, [o for o in _distinct(s, AuditEvent.outcome) if o != "ok"]
    patterns = _patterns(kind)
    return AuditEvent.action, [a for a in _distinct(s, AuditEvent.action) if any(_like(p, a) for p in patterns)]


_Trail = Select[int, datetime, str, str, str | None, str | None, str, str]


def _rows(s: Session, stmt: _Trail, kind: str | None, n: int) -> list[Any]:
    """The first `n` rows of `stmt` (newest first) that are of `kind`. A kind is read as one index range
    per action (or outcome) it covers, merged by seq: as cheap for a rare kind as for a common one."""
    if kind is None:
        return list(s.execute(stmt.limit(n)).all())
    column, values = _kind_values(s, kind)
    found: list[Any] = []
    for value in values:
        found.extend(s.execute(stmt.where(column == value).limit(n)).all())
    found.sort(key=lambda r: r.seq, reverse=True)
    return found[:n]


def _subjects(s: Session, rows: list[Any]) -> dict[tuple[str, str], AuditSubject]:
    """The residents, properties and rooms `rows` are about, in words (one query per type): a resident's
    name (or Latin name) and first document's number masked; a property's address; a room's property
    address and label. Records deleted here keep their words while their rows remain."""
    ids: dict[str, set[str]] = {"person": set(), "property": set(), "room": set()}
    for r in rows:
        if r.target_type in ids and r.target_id:
            ids[r.target_type].add(str(r.target_id))
    out: dict[tuple[str, str], AuditSubject] = {}
    if ids["person"]:
        doc = (
            select(IdentityDocumentRow.number)
            .where(IdentityDocumentRow.person_id == Person.id)
            .order_by(IdentityDocumentRow.deleted_at.is_not(None), IdentityDocumentRow.created_at)
            .limit(1)
            .correlate(Person)
            .scalar_subquery()
        )
        for pid, name, latin, number in s.execute(
            select(Person.id, Person.name, Person.name_latin, doc).where(Person.id.in_(ids["person"]))
        ):
            out[("person", pid)] = AuditSubject(name or latin or "", mask_number(number))
    if ids["property"]:
        for pid, address in s.execute(select(Property.id, Property.address).where(Property.id.in_(ids["property"]))):
            out[("property", pid)] = AuditSubject(address)
    if ids["room"]:
        for rid, label, address in s.execute(
            select(Room.id, Room.label, Property.address)
            .join(Property, Property.id == Room.property_id)
            .where(Room.id.in_(ids["room"]))
        ):
            out[("room", rid)] = AuditSubject(f"{address} {label}".strip())
    return out


_COLUMNS = (
    AuditEvent.seq,
    AuditEvent.at,
    AuditEvent.actor,
    AuditEvent.action,
    AuditEvent.target_type,
    AuditEvent.target_id,
    AuditEvent.details,
    AuditEvent.outcome,
)


class Supervision(Area):
    """Audit trail, reports and export. See the module docstring."""

    def _trail_query(
        self,
        s: Session,
        *,
        actor: str | None,
        target_id: str | None,
        since: datetime | None,
        until: datetime | None,
    ) -> _Trail | None:
        """The filtered trail (every filter but the kind: see `_rows`), newest first, without a limit;
        None when the date range holds no row."""
        conditions: list[ColumnElement[bool]] = []
        if actor:
            conditions.append(AuditEvent.actor == actor)
        if target_id:
            conditions.append(AuditEvent.target_id == target_id)
        # A date range becomes a range of seq through the index on `at` (rows are written in time
        # order, so the first row at or after a time bounds the seq); the time itself is kept as a
        # condition too, so a row is never shown outside the range.
        if since is not None:
            lo = s.execute(select(AuditEvent.seq).where(AuditEvent.at >= since).order_by(AuditEvent.at).limit(1))
            first = lo.scalar()
            if first is None:
                return None
            conditions += [AuditEvent.seq >= first, AuditEvent.at >= since]
        if until is not None:
            hi = s.execute(select(AuditEvent.seq).where(AuditEvent.at >= until).order_by(AuditEvent.at).limit(1))
            beyond = hi.scalar()
            if beyond is not None:
                conditions.append(AuditEvent.seq < beyond)
            conditions.append(AuditEvent.at < until)
        stmt = select(*_COLUMNS).order_by(AuditEvent.seq.desc())
        if conditions:
            stmt = stmt.where(and_(*conditions))
        return stmt

    def audit_trail(
        self,
        *,
        actor: str | None = None,
        target_id: str | None = None,
        kind: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        upto_seq: int | None = None,
        after: str | None = None,
        limit: int = 200,
    ) -> Page[AuditRow]:
        """One page of audit events, newest first, keyset-paged (pass `Page.next` back as `after`).

        Filters (all optional, combined with AND): `actor` — the operator's user name (or "sync");
        `target_id` — the id of the record a row is about (a resident's id); `kind` — a key of
        `AUDIT_KINDS` or `REFUSED`; `since` / `until` — naive UTC times, `since` included, `until`
        excluded; `upto_seq` — start at this row (the viewer's "show the broken row"). Rows hold the
        text as recorded (ID numbers were masked when written) and, for a row about a resident, property
        or room, that record in words (`AuditRow.subject`: name and masked ID number, address; read in
        the same audited read). Each page is an audited read
        ("audit.read" with the filter and the row count). At most `max_page(role)` rows a page.

        Raises:
            PermissionDenied: the role may not read the audit trail.
            BadCursor: `after` is not a cursor of this list.
            ValueError: `kind` is not a known kind.
        """
        self._require(Permission.READ_AUDIT)
        n = self._limit(limit)
        if after is not None and not after.isdigit():
            raise BadCursor()
        with self._audited_read() as tx:
            if kind is not None and kind != REFUSED:
                _patterns(kind)  # ValueError for an unknown kind, before anything is read
            stmt = self._trail_query(tx.session, actor=actor, target_id=target_id, since=since, until=until)
            found: list[AuditRow] = []
            if stmt is not None:
                if after is not None:
                    stmt = stmt.where(AuditEvent.seq < int(after))
                if upto_seq is not None:
                    stmt = stmt.where(AuditEvent.seq <= int(upto_seq))
                raw = _rows(tx.session, stmt, kind, n + 1)
                words = _subjects(tx.session, raw[:n])  # part of this audited read
                found = [
                    AuditRow(
                        r.seq, r.at, r.actor, r.action, r.target_type, r.target_id, r.details, r.outcome,
                        words.get((r.target_type or "", r.target_id or "")),
                    )
                    for r in raw
                ]
            rows = tuple(found[:n])
            what = _describe_filter(actor, target_id, kind, since, until)
            tx.audit("audit.read", details=f"{len(rows)} rows, {what}" if what != "no filter" else f"{len(rows)} rows")
        return Page(rows, str(rows[-1].seq) if len(found) > n else None)

    def audit_actors(self) -> tuple[str, ...]:
        """User names the operator filter offers: every operator of the station, then "sync" (the sync
        client's own rows), sorted. Not audited (operator names, no personal data of residents).

        Raises:
            PermissionDenied: the role may not read the audit trail.
        """
        self._require(Permission.READ_AUDIT)
        with self.db.read() as s:
            names = set(s.execute(select(Operator.username)).scalars())
        return tuple(sorted(names | {"sync"}))

    def verify_audit(self, *, progress: audit.VerifyProgress | None = None) -> audit.VerifyResult:
        """Walk the whole audit chain (`storage.audit.AuditLog.verify`): every row's hash, link and MAC,
        then the head, the append-only guards and the anchor file. `progress` gets ``report(done,
        total)`` (rows) and ``raise_if_cancelled()`` every few thousand rows. The check is itself
        audited ("audit.verify", outcome "ok" or "broken") when the trail can still be written to; a
        damaged head refuses that row, and the result (naming the damage) is returned all the same.

        Raises:
            PermissionDenied: the role may not read the audit trail.
            Cancelled: whatever `progress.raise_if_cancelled()` raises (the walk stops; nothing audited).
        """
        self._require(Permission.READ_AUDIT)
        with self.db.read() as s:
            result = audit.verify(s, progress=progress)
        first = f", first broken row {result.first_broken_seq}" if result.first_broken_seq is not None else ""
        try:
            with self._write() as tx:
                tx.audit(
                    "audit.verify",
                    details=f"{result.rows_checked} rows checked{first}: {result.message}",
                    outcome="ok" if result.ok else "broken",
                )
        except AuditTrailDamaged:
            pass  # the head itself is damaged: the result says so, and nothing can be added to the trail
        return result

    def export_audit(
        self,
        path: Path,
        *,
        actor: str | None = None,
        target_id: str | None = None,
        kind: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        progress: audit.VerifyProgress | None = None,
    ) -> int:
        """Write the filtered trail (same filters as `audit_trail`, every matching row, newest first) to
        `path` as CSV (UTF-8 with a BOM so a spreadsheet reads the Chinese; columns `EXPORT_COLUMNS`,
        times in UTC), streamed to a temporary file and renamed when complete, private to the user
        (`files.open_atomic`: 0600; memory does not grow with the trail). ID numbers are
        as recorded, masked. The export is audited ("audit.export" with the filter, the row count and
        the file name). `progress` as in `verify_audit` (rows written / rows to write). Returns the
        number of rows written.

        Raises:
            PermissionDenied: the role may not read the audit trail.
            UserFacingError: the file could not be written (folder missing, read-only, disk full).
            Cancelled: the operator cancelled (nothing written, nothing audited).
            ValueError: `kind` is not a known kind.
        """
        self._require(Permission.READ_AUDIT)
        rows = 0
        try:
            with self.db.read() as s, open_atomic(Path(path)) as raw:
                out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                out.write("\ufeff")
                writer = csv.writer(out, lineterminator="\r\n")
                writer.writerow(EXPORT_COLUMNS)
                stmt = self._trail_query(s, actor=actor, target_id=target_id, since=since, until=until)
                total = 0
                if stmt is not None:
                    counted = stmt.order_by(None).where(_kind_condition(kind)) if kind else stmt.order_by(None)
                    total = int(s.execute(select(func.count()).select_from(counted.subquery())).scalar() or 0)
                if progress is not None:
                    progress.raise_if_cancelled()
                    progress.report(0, total, None)
                cursor: int | None = None
                while stmt is not None:
                    page = stmt if cursor is None else stmt.where(AuditEvent.seq < cursor)
                    found = _rows(s, page, kind, EXPORT_CHUNK)
                    for r in found:
                        writer.writerow(
                            [r.seq, r.at.isoformat(sep=" ", timespec="seconds"), r.actor, r.action,
                             r.target_type or "", r.target_id or "", _csv_safe(r.details), r.outcome]
                        )
                    rows += len(found)
                    if progress is not None:
                        progress.raise_if_cancelled()
                        progress.report(rows, max(total, rows), None)
                    if len(found) < EXPORT_CHUNK:
                        break
                    cursor = int(found[-1].seq)
                out.flush()
                out.detach()  # `open_atomic` fsyncs and renames the file it owns
        except OSError as exc:
            raise UserFacingError(
                QT_TRANSLATE_NOOP("supervision", "The export could not be written to {path}: {reason}").format(
                    path=str(path), reason=exc.strerror or type(exc).__name__
                )
            ) from exc
        what = _describe_filter(actor, target_id, kind, since, until)
        with self._write() as tx:
            tx.audit("audit.export", details=f"{rows} rows, {what}, to {Path(path).name}")
        return rows

    def report(self) -> Report:
        """The dashboard's figures. Audited.

        Raises:
            PermissionDenied: the role may not read reports.
        """
        self._require(Permission.READ_REPORTS)
        with self._write() as tx:
            s = tx.session
            report = Report(
                consistency_station=metrics.consistency_station(s),
                consistency_by_grid=tuple(sorted(metrics.consistency_by_grid(s).items())),
                feedback_rate=metrics.feedback_rate(s),
                registrations_per_day=tuple(metrics.registrations_per_day(s, days=14)),
                backlog=metrics.unsynced_backlog(s),
            )
            tx.audit("report.read")
        return report

    def dashboard(self, *, days: int = 30, today: date | None = None) -> Dashboard:
        """The Today page's figures over the `days` days (1..366) ending with `today` (default: the
        local date), each part only if the role may read it (see `Dashboard`). Not audited (see the
        module docstring). One read transaction: the parts agree with each other.

        Raises:
            OperatorInactive: the operator was disabled or changed since logging in.
            ValueError: `days` is outside 1..366 (a bug in the caller).
        """
        if not 1 <= days <= 366:
            raise ValueError(f"days must be 1..366, not {days}")
        self._require_active()
        day = today or date.today()
        role = self.actor.role
        reports = allowed(role, Permission.READ_REPORTS)
        sync = allowed(role, Permission.SYNC)
        tasks = allowed(role, Permission.READ_TASKS)
        with self.db.read() as s:
            due = metrics.tasks_due(s, today=day) if tasks else None
            return Dashboard(
                day=day,
                registrations_per_day=tuple(metrics.registrations_per_day(s, days=days, today=day))
                if reports else None,
                consistency_by_grid=tuple(sorted(metrics.consistency_by_grid(s).items())) if reports else None,
                feedback_per_day=tuple(metrics.feedback_rate_per_day(s, days=days, today=day)) if reports else None,
                backlog=metrics.unsynced_backlog(s) if sync else None,
                backlog_per_day=tuple(metrics.backlog_per_day(s, days=days, today=day)) if sync else None,
                tasks_due=due[0] if due is not None else None,
                tasks_overdue=due[1] if due is not None else None,
                preregistrations_waiting=metrics.preregistrations_waiting(s)
                if allowed(role, Permission.READ_PERSON) else None,
            )

    def count_residents(self) -> int:
        """How many live residents the station holds (any role: a count names nobody). Audited.

        Raises:
            OperatorInactive: the operator was disabled or changed since logging in.
        """
        self._require_active()
        with self._write() as tx:
            n = int(tx.session.execute(
                select(func.count()).select_from(Person).where(Person.deleted_at.is_(None))
            ).scalar_one())
            tx.audit("person.count", details=json.dumps({"rows": n}))
        return n

    def export_residents(self, *, grid_code: str | None = None) -> tuple[ExportRow, ...]:
        """Rows for a CSV export of residents (optionally one grid). Audited with the row count.

        Raises:
            PermissionDenied: the role may not export.
        """
        self._require(Permission.EXPORT)
        stmt = select(Person).where(Person.deleted_at.is_(None)).order_by(Person.name_pinyin)
        if grid_code:
            stmt = stmt.where(Person.grid_code == grid_code)
        with self._write() as tx:
            rows = tuple(
                ExportRow(p.name, p.sex, p.birth_date, p.phone, p.grid_code, p.employer)
                for p in tx.session.execute(stmt).scalars()
            )
            tx.audit("person.export", details=f"{len(rows)} residents, grid {grid_code or 'all'}")
        return rows


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (=, +, -, @ at the start)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
