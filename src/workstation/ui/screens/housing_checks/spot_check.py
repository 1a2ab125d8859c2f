"""Spot checks (抽查核查): record what a visit found, per person bound to a room (or per empty room).

The dialog lists the property's rooms and who is bound to each today (`desk.housing.occupants`, an
audited read, ID numbers masked). The officer marks each line consistent, inconsistent or not found
(notes required unless consistent) and saves the visit in one transaction
(`desk.housing.record_visit`). The consistency rate (一致率) of the property and of its grid, as
`storage.metrics` computes it, is shown above the table and read again after every change of spot
checks on this desk (`ctx.changed`), so it updates at once. Verifying is an officer's permission:
for any other role the dialog says so and saves nothing (the core refuses anyway).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from workstation.domain.enums import SpotCheckResult
from workstation.domain.permissions import Permission
from workstation.errors import ValidationError
from workstation.storage.areas.base import Kind
from workstation.storage.areas.checks import Consistency, SheetProperty, VisitFinding
from workstation.storage.schema import utcnow
from workstation.ui import i18n
from workstation.ui.screens.housing_checks import texts
from workstation.ui.screens.housing_checks.declaration import can, table_view
from workstation.ui.screens.housing_checks.models import RESULT_COLUMN, FindingRow, FindingsModel
from workstation.ui.widgets.dialogs import DeskDialog, button, heading
from workstation.ui.widgets.field_errors import ProblemsLabel

RESULTS = (None, SpotCheckResult.CONSISTENT, SpotCheckResult.INCONSISTENT, SpotCheckResult.NOT_FOUND)


class ResultDelegate(QStyledItemDelegate):
    """The finding column: a combo box of not checked / consistent / inconsistent / not found."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | Any) -> QWidget:
        box = QComboBox(parent)
        for r in RESULTS:
            box.addItem(texts.result_name(r), r.value if r else "")
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | Any) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | Any) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def finding_rows(sheet: SheetProperty) -> list[FindingRow]:
    """One line per person bound today, by room; an empty room gets one line of its own."""
    rows = []
    for room in sheet.rooms:
        if not room.people:
            rows.append(FindingRow(room=room.label, tenancy_id=None, name="", id_number_masked=None, since="",
                                   room_id=room.room_id))
        for p in room.people:
            rows.append(FindingRow(room=room.label, tenancy_id=p.tenancy_id, name=p.name,
                                   id_number_masked=p.id_number_masked, since=p.since.isoformat()))
    return rows


def merged_rows(current: list[FindingRow], shown: list[FindingRow]) -> list[FindingRow]:
    """The lines of `current` (who is bound now: `finding_rows` of a fresh read) with what the officer did
    on the same line of `shown` (the lines on screen): its finding, notes and saved state, matched by
    binding (an empty room's line by room). A line whose binding ended meanwhile is gone; a new binding
    comes as a new, unmarked line."""

    def key(f: FindingRow) -> tuple[str, str | None]:
        return ("tenancy", f.tenancy_id) if f.tenancy_id else ("room", f.room_id)

    done = {key(f): f for f in shown if f.result is not None or f.notes or f.saved_at is not None}
    out: list[FindingRow] = []
    for f in current:
        old = done.get(key(f))
        out.append(replace(f, result=old.result, notes=old.notes, saved_at=old.saved_at) if old else f)
    return out


def findings_of(rows: list[FindingRow]) -> list[VisitFinding]:
    """The marked lines not saved yet as `VisitFinding`s; an empty room's line is a finding of that room
    (`room_id`)."""
    out = []
    for f in rows:
        if f.result is None or f.saved_at is not None:
            continue
        room_id = f.room_id if f.tenancy_id is None else None
        out.append(VisitFinding(result=f.result, tenancy_id=f.tenancy_id, notes=f.notes.strip() or None,
                                room_id=room_id))
    return out


class SpotCheckDialog(DeskDialog):
    """Record a visit's findings for one property; the consistency rates update as soon as it is saved.

    After a save the saved lines keep their findings, say "saved" and become read-only (the status
    line says how many and when); lines left unmarked can still be marked and saved.

    Who is bound to each room is read again (on the DB lane) each time the dialog is shown and after
    every change of bindings, rooms or residents on this desk (`reload`), keeping what was marked on the
    lines still there (`merged_rows`)."""

    def __init__(self, ctx: Any, parent: QWidget | None, property_id: str) -> None:
        super().__init__(ctx, parent)
        self.property_id = property_id
        self.sheet: SheetProperty | None = None
        self.rates: Consistency | None = None
        self.may_verify = can(ctx, Permission.VERIFY)
        self.saved_count = 0
        self._last_saved: tuple[int, datetime] | None = None  # the last save: findings, when (retranslated)
        self._last_problem: Any = None  # what the problems line shows: an exception or "nothing marked"
        self._reload_after_write = False  # bindings changed while a save ran: read them once it is done
        self.setObjectName("spotCheckDialog")
        self.heading = heading("heading")
        self.rate_label = QLabel()
        self.rate_label.setObjectName("rates")
        self.rate_label.setWordWrap(True)
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("QLabel#refusal { background: #fff4e5; color: #663c00; border: 1px solid #b26a00;"
                                   " padding: 6px; }")
        self.refusal.setVisible(not self.may_verify)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(self.may_verify)
        self.model = FindingsModel(self)
        self.table = table_view("findings")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(RESULT_COLUMN, ResultDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers if self.may_verify
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.problems = ProblemsLabel("problems")
        self.status = QLabel()
        self.status.setObjectName("status")
        self.all_button = button("allConsistent", lambda: self.model.set_all(SpotCheckResult.CONSISTENT))
        self.save_button = button("save", self.save)
        self.close_button = button("close", self.reject)
        self.all_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.all_button.setVisible(self.may_verify)
        self.save_button.setVisible(self.may_verify)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.rate_label)
        layout.addWidget(self.refusal)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        self.resize(980, 520)
        self.retranslate()
        # who is bound to each room is read when the dialog is shown (`showEvent`), each time it is shown
        ctx.changed.connect(self._on_changed)

    # ---- texts -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Spot check"))
        self.refusal.setText(self.tr("Only an officer records spot checks. You can read the rooms and the people "
                                     "bound to them here; an officer verifies them on a visit."))
        self.hint.setText(self.tr("Mark what the visit found for each person (double-click the Finding cell). "
                                  "Say what did not match in the notes."))
        self.all_button.setText(self.tr("Mark the rest &consistent"))
        self.all_button.setToolTip(self.tr("Every line not marked yet becomes consistent"))
        self.save_button.setText(self.tr("&Save the findings"))
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()
        self._show_sheet(self.sheet)
        self._show_rates(self.rates)
        self._show_saved()
        if isinstance(self._last_problem, ValidationError):
            self._failed(self._last_problem)
        elif self._last_problem is not None:
            self._problems([self._nothing_to_save()])

    # ---- reading -----------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        """Each time the dialog is shown: who is bound now (not what was bound when it was made)."""
        super().showEvent(event)
        if not event.spontaneous():
            self.reload()

    def reload(self) -> None:
        """Read the rooms and who is bound to each again (DB lane; the marks on lines still there are
        kept, `merged_rows`) and the rates (the grid's once the sheet names it)."""
        pid = self.property_id
        desk = self.ctx.desk
        self.load(lambda: desk.housing.occupants(pid), self._show_sheet)
        self.refresh_rates()

    def refresh_rates(self) -> None:
        pid = self.property_id
        desk = self.ctx.desk
        grid = self.sheet.grid_code if self.sheet else None
        self.load(lambda: desk.housing.consistency(property_id=pid, grid_code=grid), self._show_rates)

    def _on_changed(self, changes: Any) -> None:
        kinds: frozenset[Kind] = getattr(changes, "kinds", frozenset())
        if Kind.SPOT_CHECK in kinds:
            self.refresh_rates()
        if kinds & {Kind.TENANCY, Kind.ROOM, Kind.PERSON}:
            if self.busy:  # a save runs: its lines are marked saved first, then the bindings are read
                self._reload_after_write = True
            else:
                self.reload()

    def _show_sheet(self, sheet: SheetProperty | None) -> None:
        first = self.sheet is None and sheet is not None
        self.sheet = sheet
        if sheet is None:
            self.heading.setText(self.tr("Loading…"))
            return
        self.heading.setText(sheet.address)
        rows = merged_rows(finding_rows(sheet), self.model.rows())
        if rows != self.model.rows():  # unchanged: the table (and an open editor) stays as it is
            if self.busy:  # a save runs on these lines (by position): read again once it is done
                self._reload_after_write = True
            else:
                self.model.set_rows(rows)
        if first and (self.rates is None or self.rates.grid is None):
            self.refresh_rates()  # now the grid is known
        self.all_button.setEnabled(self.may_verify and self.model.rowCount() > 0)
        self.save_button.setEnabled(self.may_verify and self.model.rowCount() > 0 and not self.busy)
        if self.model.rowCount() == 0:
            self.status.setText(self.tr("This property has no rooms yet."))
        elif self._last_saved is None:
            self.status.setText("")

    def _show_rates(self, rates: Consistency | None) -> None:
        self.rates = rates
        if rates is None:
            self.rate_label.setText("")
            return
        grid = self.sheet.grid_code if self.sheet else ""
        parts = [texts.with_colon(self.tr("Consistency rate")) + " "
                 + self.tr("this property %1").replace("%1", texts.rate_text(rates.property))]
        if rates.grid is not None:
            parts.append(self.tr("grid %1: %2").replace("%1", grid).replace("%2", texts.rate_text(rates.grid)))
        self.rate_label.setText(" · ".join(parts))

    # ---- saving ----------------------------------------------------------------------------------
    def save(self) -> None:
        if self.busy or not self.may_verify:
            return
        rows = self.model.to_save()
        findings = findings_of(self.model.rows())
        if not findings:
            self._last_problem = "nothing marked"
            self._problems([self._nothing_to_save()])
            return
        self._last_problem = None
        self._problems([])
        pid = self.property_id
        desk = self.ctx.desk

        def done() -> None:
            self.save_button.setEnabled(self.model.rowCount() > 0)
            if self._reload_after_write:
                self._reload_after_write = False
                self.reload()

        when = utcnow()

        def saved(changes: Any) -> None:
            self.saved_count += len(changes.changed)
            self._last_saved = (len(changes.changed), when)
            self.model.mark_saved(rows, when)  # kept on screen, marked saved, read-only
            self._show_saved()

        self.submit(lambda: desk.housing.record_visit(pid, findings=findings, checked_at=when), saved,
                    failed=self._failed, disable=(self.save_button,), after=done)

    def _show_saved(self) -> None:
        if self._last_saved is None:
            return
        n, when = self._last_saved
        self.status.setText(self.tr("Saved %n finding(s) at %1: they stay below, marked saved.", "", n)
                            .replace("%1", texts.moment(when)[-5:]))

    def _nothing_to_save(self) -> str:
        if self.model.saved():
            return self.tr("Nothing new to save: the marked lines are saved. Mark another line, or close.")
        return self.tr("Mark at least one line with what the visit found.")

    def _failed(self, exc: BaseException) -> bool:
        if not isinstance(exc, ValidationError):
            return False
        self._last_problem = exc
        marked = self.model.to_save()
        lines = []
        for p in exc.problems:
            field = str(p[0])
            text = i18n.problem_text(p)
            if field.startswith("findings[") and field.endswith("]"):
                i = int(field[9:-1]) - 1
                if 0 <= i < len(marked):
                    f = self.model.row(marked[i])
                    who = f.name or self.tr("room %1").replace("%1", f.room)
                    lines.append(self.tr("%1: %2").replace("%1", who).replace("%2", text))
                    continue
            lines.append(text)
        self._problems(lines)
        return True

    def _problems(self, lines: list[str]) -> None:
        self.problems.show_lines(lines)
