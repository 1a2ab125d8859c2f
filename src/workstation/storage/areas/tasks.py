"""Tasks (任务单) pushed by the platform, and their results (反馈). Reached as `desk.tasks`.

    list(*, status: TaskStatus | None = None, due_from: date | None = None, due_before: date | None = None,
         after: str | None = None, limit: int = 200) -> Page[TaskRow]
    complete(task_id: str, *, result: str, notes: str | None = None) -> Changes
    feedback_rate() -> metrics.Rate      (反馈率: tasks with a result / tasks received)

The inbox's filters are these keyword arguments (`today` is the desk's date):
    open          status=OPEN
    due this week status=OPEN, due_from=Monday of this week, due_before=the Monday after
    overdue       status=OPEN, due_before=today          (`TaskRow.overdue(today)` marks a row)
    done          status=DONE

Pre-registrations (预登记) arrive with the tasks through sync; the desk reaches them as
`desk.preregistrations` (`workstation.sync.preregistrations`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import String, func, select, tuple_, type_coerce

from workstation.domain.enums import TaskStatus
from workstation.domain.permissions import Permission
from workstation.errors import Problem, ValidationError
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.storage import metrics
from workstation.storage.areas.base import Area, Changes, Page
from workstation.storage.schema import Task, utcnow
from workstation.storage.search import BadCursor


@dataclass(frozen=True)
class TaskRow:
    id: str
    version: int
    platform_id: str
    kind: str
    title: str
    details: str | None
    subject_type: str | None
    subject_ref: str | None
    due_date: date | None
    status: TaskStatus
    result: str | None
    result_notes: str | None
    received_at: datetime
    completed_at: datetime | None
    completed_by: str | None

    def overdue(self, today: date) -> bool:
        """Still open and its due date (a calendar date) is before `today`. An undated task is never overdue."""
        return self.status is TaskStatus.OPEN and self.due_date is not None and self.due_date < today

    def days_overdue(self, today: date) -> int:
        """Whole days past the due date (0 when not overdue)."""
        return (today - self.due_date).days if self.due_date is not None and self.overdue(today) else 0


RESULT_MAX = 32  # characters of a result code (Task.result)
NOTES_MAX = 2000  # characters of the notes of a result


# Keyset order: due date (none last), then arrival, then id. Dates compare as SQLite stores them (ISO text).
_DUE = func.coalesce(type_coerce(Task.due_date, String), "9999-12-31")
_RECEIVED = type_coerce(Task.received_at, String)


class Tasks(Area):
    """The task inbox. See the module docstring."""

    def list(
        self,
        *,
        status: TaskStatus | None = None,
        due_from: date | None = None,
        due_before: date | None = None,
        after: str | None = None,
        limit: int = 200,
    ) -> Page[TaskRow]:
        """Tasks by due date (undated last), then arrival, at most `limit` (clamped to the role's page).
        Audited with the filters and the row count.

        Args:
            status: only tasks in this status (None: all).
            due_from: only tasks due on or after this date (undated tasks are then left out).
            due_before: only tasks due before this date, not on it (undated tasks are then left out).
            after: the `next` cursor of the previous page, with the same filters.

        Returns:
            A `Page` of `TaskRow`s.

        Raises:
            PermissionDenied: the role may not read tasks.
            BadCursor: `after` is not a cursor of this list.
        """
        self._require(Permission.READ_TASKS)
        n = self._limit(limit)
        stmt = select(Task, _DUE.label("k_due"), _RECEIVED.label("k_received")).where(Task.deleted_at.is_(None))
        if status is not None:
            stmt = stmt.where(Task.status == TaskStatus(status).value)
        if due_from is not None:
            stmt = stmt.where(Task.due_date.is_not(None), Task.due_date >= due_from)
        if due_before is not None:
            stmt = stmt.where(Task.due_date.is_not(None), Task.due_date < due_before)
        if after is not None:
            try:
                key = json.loads(after)
                ok = isinstance(key, list) and len(key) == 3 and all(isinstance(k, str) for k in key)
            except ValueError:
                ok = False
            if not ok:
                raise BadCursor()
            stmt = stmt.where(tuple_(_DUE, _RECEIVED, Task.id) > tuple_(*key))
        with self._write() as tx:
            found = tx.session.execute(stmt.order_by(_DUE, _RECEIVED, Task.id).limit(n + 1)).all()
            rows = tuple(_task_row(t) for t, _, _ in found[:n])
            filters = {
                "status": TaskStatus(status).value if status else None,
                "due_from": due_from.isoformat() if due_from else None,
                "due_before": due_before.isoformat() if due_before else None,
                "rows": len(rows),
            }
            tx.audit("task.list", details=json.dumps(filters))
        nxt = None
        if len(found) > n:
            t, due, received = found[n - 1]
            nxt = json.dumps([due, received, t.id])
        return Page(rows, nxt)

    def complete(self, task_id: str, *, result: str, notes: str | None = None) -> Changes:
        """Give a task its result (反馈); the result syncs back through the outbox (an update of the
        task: status "done", result, notes, completed_at, completed_by).

        Args:
            result: a short result code (at most `RESULT_MAX` characters), e.g. "verified".
            notes: free text (at most `NOTES_MAX` characters); blank means none.

        Returns:
            `Changes` with the task (kind TASK).

        Raises:
            PermissionDenied: the role may not complete tasks.
            ValidationError: no result chosen, or a field too long (problems "result", "notes").
            NotFound: the task was withdrawn.
        """
        self._require(Permission.COMPLETE_TASK)
        problems: list[Problem] = []
        if not result.strip():
            problems.append(Problem("result", "required", QT_TRANSLATE_NOOP("storage", "choose a result")))
        elif len(result.strip()) > RESULT_MAX:
            problems.append(Problem("result", "too_long", QT_TRANSLATE_NOOP("storage", "the result code is too long")))
        notes = (notes or "").strip() or None
        if notes is not None and len(notes) > NOTES_MAX:
            problems.append(
                Problem(
                    "notes", "too_long",
                    QT_TRANSLATE_NOOP("storage", "at most 2000 characters (now {n})").format(n=len(notes)),
                )
            )
        if problems:
            raise ValidationError(problems)
        result = result.strip()
        with self._write() as tx:
            task = tx.load(Task, task_id)
            tx.update(
                task,
                {
                    "status": TaskStatus.DONE.value,
                    "result": result,
                    "result_notes": notes,
                    "completed_at": utcnow(),
                    "completed_by": self.actor.username,
                },
            )
            return tx.changes

    def feedback_rate(self) -> metrics.Rate:
        """The feedback rate (反馈率): tasks with a result / tasks received (`metrics.feedback_rate`).

        Raises:
            PermissionDenied: the role may not read tasks.
        """
        self._require(Permission.READ_TASKS)
        with self.db.read() as s:
            return metrics.feedback_rate(s)


def _task_row(t: Task) -> TaskRow:
    return TaskRow(
        id=t.id, version=t.version, platform_id=t.platform_id, kind=t.kind, title=t.title, details=t.details,
        subject_type=t.subject_type, subject_ref=t.subject_ref, due_date=t.due_date, status=TaskStatus(t.status),
        result=t.result, result_notes=t.result_notes, received_at=t.received_at, completed_at=t.completed_at,
        completed_by=t.completed_by,
    )
