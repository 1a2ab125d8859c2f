"""Tasks (任务单) pushed by the platform, and their results (反馈). Reached as `desk.tasks`.

    list(*, status: TaskStatus | None = None, after: str | None = None, limit: int = 200) -> Page[TaskRow]
    complete(task_id: str, *, result: str, notes: str | None = None) -> Changes

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


# Keyset order: due date (none last), then arrival, then id. Dates compare as SQLite stores them (ISO text).
_DUE = func.coalesce(type_coerce(Task.due_date, String), "9999-12-31")
_RECEIVED = type_coerce(Task.received_at, String)


class Tasks(Area):
    """The task inbox. See the module docstring."""

    def list(self, *, status: TaskStatus | None = None, after: str | None = None, limit: int = 200) -> Page[TaskRow]:
        """Tasks by due date (undated last), then arrival. Audited with the row count.

        Raises:
            PermissionDenied: the role may not read tasks.
            BadCursor: `after` is not a cursor of this list.
        """
        self._require(Permission.READ_TASKS)
        n = self._limit(limit)
        stmt = select(Task, _DUE.label("k_due"), _RECEIVED.label("k_received")).where(Task.deleted_at.is_(None))
        if status is not None:
            stmt = stmt.where(Task.status == TaskStatus(status).value)
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
            tx.audit("task.list", details=json.dumps({"status": status.value if status else None, "rows": len(rows)}))
        nxt = None
        if len(found) > n:
            t, due, received = found[n - 1]
            nxt = json.dumps([due, received, t.id])
        return Page(rows, nxt)

    def complete(self, task_id: str, *, result: str, notes: str | None = None) -> Changes:
        """Give a task its result (反馈); the result syncs back through the outbox.

        Raises:
            PermissionDenied: the role may not complete tasks.
            ValidationError: no result chosen.
            NotFound: the task was withdrawn.
        """
        self._require(Permission.COMPLETE_TASK)
        if not result.strip():
            raise ValidationError([Problem("result", "invalid", QT_TRANSLATE_NOOP("storage", "choose a result"))])
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


def _task_row(t: Task) -> TaskRow:
    return TaskRow(
        id=t.id, version=t.version, platform_id=t.platform_id, kind=t.kind, title=t.title, details=t.details,
        subject_type=t.subject_type, subject_ref=t.subject_ref, due_date=t.due_date, status=TaskStatus(t.status),
        result=t.result, result_notes=t.result_notes, received_at=t.received_at, completed_at=t.completed_at,
        completed_by=t.completed_by,
    )
