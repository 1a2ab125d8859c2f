"""The shared dialog helpers (`workstation.ui.widgets.dialogs.DeskDialog`, `FieldErrors`) through real
dialogs over a real encrypted station: a write is not started twice, a read asked for `once` is not
run twice, the buttons come back after a write, and reasons shown beside fields are said again in the
new language. What the store did is read back from the store and its audit trail."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from sqlalchemy import func, select

from workstation.storage.schema import AuditEvent, Task, utcnow
from workstation.ui.screens.housing_checks.declaration import DeclarationDialog
from workstation.ui.screens.tasks.dialogs import CompleteTaskDialog
from workstation.ui.widgets.field_errors import ProblemsLabel

pytestmark = pytest.mark.qt


def open_task(db: Any) -> str:
    tid = str(uuid.uuid4())
    with db.write() as s:
        s.add(Task(id=tid, platform_id=tid, version=1, acked_version=1, received_at=utcnow(), kind="visit",
                   title="走访", status="open"))
    return tid


def audited(db: Any, action: str, target: str) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == action, AuditEvent.target_id == target)).scalar_one())


def test_a_save_while_one_runs_writes_nothing_more(qtbot, ctx):
    tid = open_task(ctx.db)
    task = next(t for t in ctx.desk.tasks.list().items if t.id == tid)
    dialog = CompleteTaskDialog(ctx, task)
    qtbot.addWidget(dialog)
    dialog.result_box.setCurrentIndex(dialog.result_box.findData("verified"))
    dialog.save()
    assert dialog.busy and not dialog.buttons.isEnabled()
    dialog.save()  # a second click while the first write runs
    qtbot.waitUntil(lambda: dialog.done_changes is not None and not dialog.busy, timeout=10_000)
    assert dialog.buttons.isEnabled()
    with ctx.db.read() as s:
        row = s.get(Task, tid)
        assert (row.status, row.result, row.version) == ("done", "verified", 2)  # written once
    assert audited(ctx.db, "task.update", tid) == 1


def test_reasons_beside_fields_are_said_again_in_the_new_language(qtbot, ctx, switch_language):
    tid = open_task(ctx.db)
    task = next(t for t in ctx.desk.tasks.list().items if t.id == tid)
    dialog = CompleteTaskDialog(ctx, task)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()  # no result chosen
    label = dialog.errors.label("result")
    assert isinstance(label, QLabel) and label.isVisible() and label.text() == "choose a result"
    switch_language("zh_CN")
    qtbot.waitUntil(lambda: dialog.ok_button.text().startswith("办结"))  # the dialog's retranslate ran
    assert label.isVisible() and label.text() == "请选择结果"
    switch_language("en")
    qtbot.waitUntil(lambda: dialog.ok_button.text() == "&Complete")
    assert label.text() == "choose a result"
    dialog.errors.clear()
    switch_language("zh_CN")
    qtbot.waitUntil(lambda: dialog.ok_button.text().startswith("办结"))
    assert not label.isVisible() and label.text() == ""
    with ctx.db.read() as s:
        assert s.get(Task, tid).version == 1  # nothing was sent


def test_a_read_asked_for_once_runs_once_and_loading_follows_it(qtbot, ctx):
    pid = ctx.desk.housing.find_properties("", limit=1).items[0].id
    before = audited(ctx.db, "declaration.compare", pid)
    dialog = DeclarationDialog(ctx, None, pid)  # reads the comparison
    qtbot.addWidget(dialog)
    assert dialog.loading
    dialog.reload()  # while the first read runs: not again
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    assert dialog.comparison is not None and dialog.comparison.property_id == pid
    assert audited(ctx.db, "declaration.compare", pid) == before + 1
    dialog.reload()
    qtbot.waitUntil(lambda: not dialog.loading, timeout=10_000)
    assert audited(ctx.db, "declaration.compare", pid) == before + 2


def test_problems_label_shows_lines_and_hides_when_none(qtbot):
    label = ProblemsLabel("problems")
    qtbot.addWidget(label)
    label.show_lines(["one", "two"])
    assert label.text() == "one\ntwo" and not label.isHidden()
    label.show_lines([])
    assert label.text() == "" and label.isHidden() and label.objectName() == "problems"
