"""Residents page (实有人口): one search box over the whole store, filters, the table, the record.

The search runs on the DB lane as the operator types: a short pause after the last keystroke
(`SEARCH_DELAY_MS`), then one search; keystrokes while it runs leave only the newest query to run
next, and a result that is no longer the newest is dropped. Enter (or a double click) opens the
selected resident (an audited read). Filters: grid code and property (search as you type), and
the day of registration when the Today page's chart opened the list (`show_filtered`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from workstation.domain.permissions import Permission
from workstation.ui.models.residents import Query, ResidentsModel
from workstation.ui.pages import PageBase
from workstation.ui.screens.registration.form import find_properties
from workstation.ui.screens.residents.detail import ResidentDetailDialog, open_detail
from workstation.ui.tasks import Lane, Op
from workstation.ui.widgets.tables import steady_view

__all__ = ["ResidentDetailDialog", "ResidentsPage"]

# pause after the last keystroke before a search: events of one burst (a paste, an input method's commit)
# make one search. Not longer: it is added to every search, and a keystroke while a search runs already
# leaves only the newest query to run next (each search is an audited read).
SEARCH_DELAY_MS = 25


class ResidentsPage(PageBase):
    """The residents table with its search box and filters."""

    nav_key = "residents"
    permission = Permission.READ_PERSON

    def __init__(self, ctx: Any, item: Any = None, parent: Any = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("residentsPage")
        self.model = ResidentsModel(ctx, self)
        self._property_id: str | None = None
        self._registered_on: date | None = None
        self._property_hits: list[tuple[str, str]] = []
        self._property_seq = 0

        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._on_text)
        self.search_box.returnPressed.connect(self._open_first)
        self.search_box.installEventFilter(self)
        self.grid_box = QLineEdit()
        self.grid_box.setObjectName("grid")
        self.grid_box.setMaximumWidth(120)
        self.grid_box.textChanged.connect(self._on_text)
        self.property_box = QLineEdit()
        self.property_box.setObjectName("property")
        self.property_box.setClearButtonEnabled(True)
        self._property_model = QStringListModel(self)
        completer = QCompleter(self._property_model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._on_property_chosen)  # activated(QString), the default overload
        self.property_box.setCompleter(completer)
        self.property_box.textEdited.connect(self._on_property_edited)
        self._property_timer = QTimer(self)
        self._property_timer.setSingleShot(True)
        self._property_timer.setInterval(200)
        self._property_timer.timeout.connect(self._search_properties)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search_box)
        self.grid_label = QLabel()
        self.grid_label.setBuddy(self.grid_box)
        self.property_label = QLabel()
        self.property_label.setBuddy(self.property_box)
        self.day_filter = QPushButton()  # "Registered on 2026-11-30 ✕": set by show_filtered, a click clears it
        self.day_filter.setObjectName("registeredOn")
        self.day_filter.setVisible(False)
        self.day_filter.clicked.connect(self._clear_day)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newRegistration")
        self.new_button.clicked.connect(self._new_registration)
        self.new_button.setVisible(_can(ctx, Permission.REGISTER))

        self.table = QTableView()
        self.table.setObjectName("residentsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        steady_view(self.table)  # each search's rows painted once
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate((170, 60, 100, 190, 120, 330, 70)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda idx: self.open_row(idx.row()))
        self.table.installEventFilter(self)
        self.status = QLabel()
        self.status.setObjectName("status")

        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search_box, 3)
        top.addWidget(self.grid_label)
        top.addWidget(self.grid_box)
        top.addWidget(self.property_label)
        top.addWidget(self.property_box, 2)
        top.addWidget(self.day_filter)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.model.searched.connect(self._on_searched)
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        self.model.failed.connect(self._on_failed)
        changed = getattr(ctx, "changed", None)
        if changed is not None:
            changed.connect(self.model.on_changed)
        self._retranslate()

    # ---- PageBase ------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Residents")

    def on_shown(self) -> None:
        if self.model.rowCount() == 0:
            self.run_search()
        self.search_box.setFocus()

    def clear_personal(self) -> None:
        """Lock: nothing personal stays on screen or in the model."""
        self.search_box.clear()
        self._timer.stop()
        self.model.clear()
        self.status.clear()

    def search(self, text: str) -> None:
        """Search `text` now (the main window's search box hands its text over with Enter)."""
        self.search_box.setText(text)
        self.run_search()
        self.search_box.setFocus()

    def show_filtered(self, *, grid_code: str | None = None, registered_on: date | None = None) -> None:
        """Show every resident of `grid_code` and/or registered on `registered_on` (the list behind a bar
        of the Today page's charts; `MainWindow.open_list`). The search box and property filter are
        cleared; the day shows as a button that clears it."""
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.property_box.clear()
        self._property_id = None
        self.grid_box.blockSignals(True)
        self.grid_box.setText(grid_code or "")
        self.grid_box.blockSignals(False)
        self._registered_on = registered_on
        self._show_day()
        self.run_search()

    def _clear_day(self) -> None:
        self._registered_on = None
        self._show_day()
        self.run_search()

    def _show_day(self) -> None:
        day = self._registered_on
        self.day_filter.setVisible(day is not None)
        if day is not None:
            self.day_filter.setText(self.tr("Registered on %1 ✕").replace("%1", day.isoformat()))
            self.day_filter.setToolTip(self.tr("Show residents registered on any day"))

    def focus_search(self, text: str | None = None) -> None:
        """Put the cursor in the search box (Ctrl+F); `text` (from the window's search box) searches it."""
        if text is not None:
            self.search_box.setText(text)
        self.search_box.setFocus()
        self.search_box.selectAll()

    # ---- texts ----------------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.search_label.setText(self.tr("&Search:"))
        self.search_box.setPlaceholderText(self.tr("Name, pinyin, ID number, phone or address"))
        self.search_box.setToolTip(self.tr("Type to search; Enter or ↓ goes to the list"))
        self.grid_label.setText(self.tr("&Grid:"))
        self.grid_box.setPlaceholderText(self.tr("all"))
        self.property_label.setText(self.tr("&Property:"))
        self.property_box.setPlaceholderText(self.tr("all properties"))
        self.new_button.setText(self.tr("New registration"))
        self.new_button.setToolTip(self.tr("Register a resident by typing the document (F2)"))
        self._show_day()
        self._show_count()

    def retranslate(self) -> None:
        self._retranslate()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    # ---- searching -----------------------------------------------------------------------------------
    def current_query(self) -> Query:
        return Query(
            text=self.search_box.text().strip(),
            grid_code=self.grid_box.text().strip().upper() or None,
            property_id=self._property_id,
            registered_on=self._registered_on,
        )

    def _on_text(self, _text: str = "") -> None:
        self._timer.start()

    def run_search(self) -> None:
        self._timer.stop()
        self.model.search(self.current_query())

    def _on_searched(self, _query: Query, _seconds: float) -> None:
        self._show_count()
        if self.model.rowCount():
            self.table.scrollToTop()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        if n == 0:
            filtered = self.model.query.text or self._property_id or self._registered_on
            self.status.setText(self.tr("No resident found.") if filtered else "")
        elif self.model.has_more():
            self.status.setText(self.tr("%n resident(s) shown; scroll for more", "", n))
        else:
            self.status.setText(self.tr("%n resident(s)", "", n))

    def _on_failed(self, exc: BaseException) -> None:
        from workstation.ui.errors import show_error

        show_error(self, exc)

    # ---- property filter ------------------------------------------------------------------------------
    def _on_property_edited(self, text: str) -> None:
        if self._property_id is not None:
            self._property_id = None
            self._timer.start()
        if text.strip():
            self._property_timer.start()

    def _search_properties(self) -> None:
        text = self.property_box.text().strip()
        if not text:
            return
        self._property_seq += 1
        seq = self._property_seq
        desk = self.ctx.desk

        def shown(hits: list[tuple[str, str]]) -> None:
            if seq != self._property_seq:
                return
            self._property_hits = hits
            self._property_model.setStringList([a for _i, a in hits])
            if hits and self.focusWidget() is self.property_box:
                self.property_box.completer().complete()

        Op(self, lambda _t: find_properties(desk, text), lane=Lane.DB).on_success(shown).start()

    def _on_property_chosen(self, address: str) -> None:
        self._property_id = next((pid for pid, a in self._property_hits if a == address), None)
        self.run_search()

    # ---- opening --------------------------------------------------------------------------------------
    def eventFilter(self, obj: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if obj is self.search_box and key == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus()
                self.table.selectRow(0)
                return True
            if obj is self.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_row(self.table.currentIndex().row())
                return True
        return super().eventFilter(obj, event)

    def _open_first(self) -> None:
        if self._timer.isActive():
            self.run_search()
            return
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def open_row(self, row: int) -> None:
        pid = self.model.row_id(row)
        if pid is None or not (self.model.flags(self.model.index(row, 0)) & Qt.ItemFlag.ItemIsEnabled):
            return
        open_detail(self.ctx, self, pid)

    def _new_registration(self) -> None:
        from workstation.ui.screens.registration import new_manual_registration

        new_manual_registration(self.ctx, self)


def _can(ctx: Any, permission: Permission) -> bool:
    can = getattr(ctx, "can", None)
    return bool(can(permission)) if callable(can) else True


