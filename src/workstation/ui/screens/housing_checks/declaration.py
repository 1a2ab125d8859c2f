"""Landlord declarations (业主申报): what the landlord declared beside what is recorded, and entering a
declaration.

`DeclarationDialog` shows one property's comparison (`desk.housing.declaration_comparison`, an audited
read): one person a line, differences (declared in another room, declared but not recorded, not
declared yet or overdue) on a warm background and named in words. `DeclarationEntryDialog` enters
what the landlord's declaration says: who lives in which room, since when
(`desk.housing.record_declaration`); an assistant may enter declarations (the permission matrix).
Every database call runs on the DB lane.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.domain.permissions import Permission
from workstation.errors import ValidationError
from workstation.storage.areas.base import Kind
from workstation.storage.areas.checks import Agreement, DeclarationComparison
from workstation.ui import i18n
from workstation.ui.screens.housing_checks import texts
from workstation.ui.screens.housing_checks.models import ComparisonModel, EntriesModel
from workstation.ui.screens.registration.logic import parse_date
from workstation.ui.widgets.dialogs import DeskDialog, button, heading
from workstation.ui.widgets.field_errors import FieldErrors, ProblemsLabel

REFRESH_KINDS = {Kind.DECLARATION, Kind.TENANCY, Kind.PERSON, Kind.ROOM, Kind.PROPERTY}


def can(ctx: Any, permission: Permission) -> bool:
    check = getattr(ctx, "can", None)
    return bool(check(permission)) if callable(check) else True


def table_view(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.setAlternatingRowColors(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


SMALLEST_SCREEN = 1366  # px: the narrowest screen the desk is made for (desk-ui.md)


def widen_to_fit(dialog: QWidget, view: QTableView) -> None:
    """Make `dialog` wide enough for every column of `view` at its content's width (no sideways
    scrolling, no column cut off at the right), up to its screen's width (a screen narrower than
    `SMALLEST_SCREEN` counts as that wide); never narrower than it is, and moved left if it would
    then stand past the screen's right edge."""
    header = view.horizontalHeader()
    header.resizeSections()  # each section at its contents' width now (the layout is lazy)
    overflow = header.length() - view.viewport().width()  # the last section stretches only into room left
    if overflow <= 0:
        return
    wanted = dialog.width() + overflow + 2
    screen = dialog.screen().availableGeometry() if dialog.screen() is not None else None
    limit = max(screen.width() if screen is not None else 0, SMALLEST_SCREEN) - 20
    target = min(wanted, limit)
    if target <= dialog.width():
        return
    dialog.resize(target, dialog.height())
    if screen is not None and screen.width() >= SMALLEST_SCREEN and dialog.frameGeometry().right() > screen.right():
        dialog.move(max(screen.left(), screen.right() - dialog.frameGeometry().width()), dialog.y())


class DeclarationDialog(DeskDialog):
    """One property's declarations beside its record. Reloads when declarations or bindings change."""

    def __init__(self, ctx: Any, parent: QWidget | None, property_id: str) -> None:
        super().__init__(ctx, parent)
        self.property_id = property_id
        self.comparison: DeclarationComparison | None = None
        self.entry_dialog: DeclarationEntryDialog | None = None
        self.setObjectName("declarationDialog")
        self.heading = heading("heading")
        self.rule = QLabel()
        self.rule.setObjectName("rule")
        self.rule.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.model = ComparisonModel(self)
        self.table = table_view("comparison")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history = QLabel()
        self.history.setObjectName("history")
        self.history.setWordWrap(True)
        self.enter_button = button("enterDeclaration", self.enter_declaration)
        self.enter_button.setVisible(can(ctx, Permission.ENTER_DECLARATION))
        self.enter_button.setEnabled(False)
        self.reload_button = button("reload", self.reload)
        self.close_button = button("close", self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enter_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.rule)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.history)
        layout.addLayout(buttons)
        self.resize(1080, 520)
        self.retranslate()
        ctx.changed.connect(self._on_changed)
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Landlord declarations"))
        self.enter_button.setText(self.tr("&Enter a declaration…"))
        self.enter_button.setToolTip(self.tr("Enter what the landlord declared: who lives in which room, since when"))
        self.reload_button.setText(self.tr("&Reload"))
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()
        self._show(self.comparison)

    def reload(self) -> None:
        """Read the comparison again (not while a read runs)."""
        pid = self.property_id
        desk = self.ctx.desk
        self.load(lambda: desk.housing.declaration_comparison(pid), self._show, once=True)

    def _on_changed(self, changes: Any) -> None:
        kinds: frozenset[Kind] = getattr(changes, "kinds", frozenset())
        if kinds & REFRESH_KINDS:
            self.reload()

    def _show(self, c: DeclarationComparison | None) -> None:
        self.comparison = c
        if c is None:
            self.heading.setText(self.tr("Loading…"))
            return
        self.heading.setText(c.address)
        landlord = c.landlord_name or self.tr("not recorded")
        self.rule.setText(
            self.tr("Landlord: %1. A landlord declares a new tenant within %n day(s) of moving in; a tenant "
                    "recorded by an officer or assistant and not declared by then is overdue.", "", c.deadline_days)
            .replace("%1", landlord)
        )
        if c.differences:
            self.summary.setText(self.tr("%1 of %n line(s) differ from the record (highlighted).", "", len(c.lines))
                                 .replace("%1", str(c.differences)))
        elif c.lines:
            self.summary.setText(self.tr("The declarations agree with the record."))
        else:
            self.summary.setText(self.tr("Nobody is recorded or declared here."))
        self.model.set_rows(c.lines)
        widen_to_fit(self, self.table)  # every column readable (the last one was cut off at 1080 px)
        if c.declarations:
            parts = [
                self.tr("%1 by %2 (%n tenant(s))", "", d.entries).replace("%1", d.declared_on.isoformat())
                .replace("%2", d.declarant_name)
                for d in c.declarations[:5]
            ]
            self.history.setText(texts.with_colon(self.tr("Declarations")) + " " + "; ".join(parts))
        elif any(line.agreement is Agreement.FROM_DECLARATION for line in c.lines):
            n = sum(1 for line in c.lines if line.agreement is Agreement.FROM_DECLARATION)
            self.history.setText(self.tr(
                "No declaration form is on file for this property. Registered straight from what the landlord "
                "declared (\"Recorded from a declaration\"): %n tenant(s), with the room and date recorded then.",
                "", n))
        else:
            self.history.setText(self.tr("The landlord has declared nothing for this property yet."))
        self.enter_button.setEnabled(True)

    def enter_declaration(self) -> DeclarationEntryDialog | None:
        """Open the entry dialog (rooms read first); returns it once open (tests), else None."""
        c = self.comparison
        if c is None or not can(self.ctx, Permission.ENTER_DECLARATION):
            return None
        dialog = DeclarationEntryDialog(self.ctx, self, property_id=c.property_id, address=c.address,
                                        landlord_name=c.landlord_name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.entry_dialog = dialog
        return dialog


class RoomDelegate(QStyledItemDelegate):
    """The room column: an editable combo box of the property's room labels."""

    def __init__(self, rooms: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.rooms = rooms

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | Any) -> QWidget:
        box = QComboBox(parent)
        box.setEditable(True)
        box.addItems(self.rooms)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | Any) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | Any) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class DeclarationEntryDialog(DeskDialog):
    """Enter one declaration of a property: date, declarant, and the tenants (name, ID number, room,
    moving-in date). Problems show beside their field, a tenant's under the table."""

    def __init__(
        self,
        ctx: Any,
        parent: QWidget | None,
        *,
        property_id: str,
        address: str,
        landlord_name: str | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.property_id = property_id
        self.address = address
        self.today = today or date.today()
        self.saved = False
        self._core_problems: list[Any] = []  # the store's last refusal (shown again in a new language)
        self.setObjectName("declarationEntry")
        self.errors = FieldErrors()
        self.heading = heading("heading")
        self.declared_on = QLineEdit(self.today.isoformat())
        self.declared_on.setObjectName("declared_on")
        self.declarant_name = QLineEdit(landlord_name or "")
        self.declarant_name.setObjectName("declarant_name")
        self.declarant_phone = QLineEdit()
        self.declarant_phone.setObjectName("declarant_phone")
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, editor in (("declared_on", self.declared_on), ("declarant_name", self.declarant_name),
                             ("declarant_phone", self.declarant_phone)):
            label = QLabel()
            label.setBuddy(editor)
            self.labels[name] = label
            form.addRow(label, self.errors.wrap(name, editor))
        self.tenants_label = QLabel()
        self.model = EntriesModel(self)
        self.model.append({})
        self.table = table_view("entries")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.room_delegate = RoomDelegate([], self.table)
        self.table.setItemDelegateForColumn(2, self.room_delegate)
        self.tenants_label.setBuddy(self.table)
        self.entry_errors = ProblemsLabel("error_entries")
        self.add_button = button("addTenant", self.add_tenant)
        self.remove_button = button("removeTenant", self.remove_tenant)
        self.save_button = button("save", self.save, default=True)
        self.cancel_button = button("cancel", self.reject)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.tenants_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.entry_errors)
        layout.addLayout(buttons)
        self.resize(760, 480)
        self.retranslate()
        self._load_rooms()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Enter a landlord declaration"))
        self.heading.setText(self.address)
        self.labels["declared_on"].setText(texts.with_colon(self.tr("&Declared on")))
        self.labels["declarant_name"].setText(texts.with_colon(self.tr("Declared &by")))
        self.labels["declarant_phone"].setText(texts.with_colon(self.tr("&Phone")))
        self.declared_on.setPlaceholderText(self.tr("for example 2024-03-01"))
        self.tenants_label.setText(self.tr("&Tenants declared (a row each; the room and moving-in date as the "
                                           "landlord gave them):"))
        self.add_button.setText(self.tr("&Add a tenant"))
        self.remove_button.setText(self.tr("Re&move the tenant"))
        self.save_button.setText(self.tr("&Save the declaration"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.model.retranslate()
        if self.entry_errors.isVisible() or any(lb.isVisible() for lb in self._error_labels()):
            _values, problems = self.read()
            self._show_problems(problems or self._core_problems)

    def _error_labels(self) -> list[QLabel]:
        return [lb for name in self.labels if (lb := self.errors.label(name)) is not None]

    def _load_rooms(self) -> None:
        pid = self.property_id
        desk = self.ctx.desk

        def show(rooms: Any) -> None:
            self.room_delegate.rooms = [r.label for r in rooms]

        self.load(lambda: desk.housing.rooms(pid), show)

    def add_tenant(self) -> None:
        self.model.append({})
        index = self.model.index(self.model.rowCount() - 1, 0)
        self.table.setCurrentIndex(index)
        self.table.setFocus()  # typing starts editing the name (AnyKeyPressed)

    def remove_tenant(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.model.removeRows(row, 1)

    def read(self) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """The values to save and the problems found on the desk (dates that are not dates)."""
        problems: list[tuple[str, str]] = []
        try:
            declared_on = parse_date(self.declared_on.text())
        except ValueError:
            declared_on = None
            problems.append(("declared_on", self.tr("not a date: write it as 2024-03-01")))
        else:
            if declared_on is None:
                problems.append(("declared_on", self.tr("the date of the declaration is required")))
        entries = self.model.entries()
        for i, e in enumerate(entries, 1):
            if e.get("since"):
                try:
                    since = parse_date(e["since"])
                    e["since"] = since.isoformat() if since else ""
                except ValueError:
                    problems.append((f"entries[{i}]", self.tr("the moving-in date is not a date: write it as "
                                                              "2024-03-01")))
        if not entries:
            problems.append(("entries", self.tr("declare at least one tenant")))
        values = {"declared_on": declared_on, "declarant_name": self.declarant_name.text().strip(),
                  "declarant_phone": self.declarant_phone.text().strip() or None, "entries": entries}
        return values, problems

    def save(self) -> None:
        if self.busy:
            return
        values, problems = self.read()
        self._core_problems = []
        self._show_problems(problems)
        if problems:
            return
        pid = self.property_id
        desk = self.ctx.desk

        def saved(_changes: Any) -> None:
            self.saved = True
            self.accept()

        self.submit(lambda: desk.housing.record_declaration(pid, **values), saved, failed=self._failed,
                    disable=(self.save_button,))

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, ValidationError):
            self._core_problems = list(exc.problems)
            self._show_problems(self._core_problems)
            return True
        return False

    def _show_problems(self, problems: list[Any]) -> None:
        self.errors.clear()
        rest = self.errors.show(problems)
        lines = []
        for p in rest:
            field, text = str(p[0]), i18n.problem_text(p)
            if field.startswith("entries[") and field.endswith("]"):
                lines.append(self.tr("Tenant %1: %2").replace("%1", field[8:-1]).replace("%2", str(text)))
            else:
                lines.append(str(text))
        self.entry_errors.show_lines(lines)
