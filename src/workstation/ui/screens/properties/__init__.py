"""Properties page (出租屋): the list by grid, one property's rooms as tiles, people bound to rooms.

The list: search by address fragment or landlord (name or mobile), filter by grid, order by address
or by consistency rate (lowest first); each row shows rooms, people bound now, the last spot check
and the consistency rate, computed by the core for the rows of the page only. An assistant's list
shows the properties bound to them first (marked ★). Enter or a double click opens a property
(`open_property`), Esc goes back to the list.

With a room open, a card on the reader binds its holder to that room (`on_card_placed` returns
True): a registered person is bound at once (an overlap with another room asks first); an unknown
one gets the registration form (part 1) with this property and room chosen, so saving registers and
binds in one step.

For other parts of the page: `open_property(property_id)`, `property_view` (`PropertyView`: its
toolbar ``property_actions``, `reload()`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.domain.permissions import Permission
from workstation.ui.models.properties import PropertiesModel, PropertyQuery
from workstation.ui.pages import PageBase
from workstation.ui.screens.housing_checks import PropertyChecks, open_monthly_round
from workstation.ui.screens.properties import dialogs
from workstation.ui.screens.properties.view import PropertyView
from workstation.ui.tasks import Lane, Op
from workstation.ui.widgets.tables import steady_view

__all__ = ["PropertiesPage", "PropertyView"]

SEARCH_MIN_WIDTH = 280  # px: the placeholder "Address, landlord's name or mobile" reads whole
COLUMN_WIDTHS = (None, 50, 130, 85, 50, 60, 90, 100)  # px, at least; None: the address stretches
LANDLORD_COLUMN = 2
# the landlord column reads a four-character Chinese name and a mobile whole (a three-character name
# and its mobile were cut to "name · …"): at least this sample's width in the table's font (U+56FD
# stands for any full-width Han character)
LANDLORD_SAMPLE = chr(0x56FD) * 4 + " · 13900000000"
SEARCH_DELAY_MS = 100  # pause after the last keystroke (each search is an audited read)
REFRESH_KINDS = frozenset({"property", "room", "tenancy", "declaration", "spot_check", "person"})


class PropertyList(QWidget):
    """Search box, grid filter, order, the table and its status line."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("propertyList")
        self.model = PropertiesModel(ctx, self)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(SEARCH_MIN_WIDTH)  # never squeezed to "地址、业…"
        self.grid_box = QLineEdit()
        self.grid_box.setObjectName("grid")
        self.grid_box.setMaximumWidth(110)
        self.order_box = QComboBox()
        self.order_box.setObjectName("order")
        self.order_box.addItem("", "address")
        self.order_box.addItem("", "consistency")
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search_box)
        self.grid_label = QLabel()
        self.grid_label.setBuddy(self.grid_box)
        self.order_label = QLabel()
        self.order_label.setBuddy(self.order_box)
        self.late_box = QCheckBox()
        self.late_box.setObjectName("landlord_late")
        self.round_button = QPushButton()
        self.round_button.setObjectName("monthly_round")
        self.new_button = QPushButton()
        self.new_button.setObjectName("new_property")
        self.new_button.setVisible(ctx.can(Permission.MANAGE_PROPERTY))
        self.table = QTableView()
        self.table.setObjectName("propertiesTable")
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
        # the address takes what the other columns leave (long ones elided, whole in the tooltip): no
        # horizontal scrolling at 1366 px in either language
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.status = QLabel()
        self.status.setObjectName("status")
        # two rows: what to look for (the search box gets the room), then what to do
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.grid_label)
        top.addWidget(self.grid_box)
        top.addWidget(self.order_label)
        top.addWidget(self.order_box)
        actions = QHBoxLayout()
        actions.addWidget(self.late_box)
        actions.addStretch(1)
        actions.addWidget(self.round_button)
        actions.addWidget(self.new_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addLayout(actions)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self.timer.start())
        self.grid_box.textChanged.connect(lambda _t: self.timer.start())
        self.grid_box.returnPressed.connect(self.run_search)  # Enter: now, not after the pause
        self.order_box.currentIndexChanged.connect(lambda _i: self.run_search())
        self.late_box.toggled.connect(lambda _on: self.run_search())
        self.model.searched.connect(lambda *_: self.show_count())
        self.model.rowsInserted.connect(lambda *_: self.show_count())
        self.retranslate()

    def retranslate(self) -> None:
        self.search_label.setText(self.tr("&Search:"))
        self.search_box.setPlaceholderText(self.tr("Address, landlord's name, mobile or pinyin"))
        self.grid_label.setText(self.tr("&Grid:"))
        self.grid_box.setPlaceholderText(self.tr("all"))
        self.order_label.setText(self.tr("&Order:"))
        self.order_box.setItemText(0, self.tr("by address"))
        self.order_box.setItemText(1, self.tr("by consistency rate, lowest first"))
        self.new_button.setText(self.tr("New property…"))
        self.late_box.setText(self.tr("&Landlords late only"))
        self.late_box.setToolTip(self.tr("Only properties with a tenant the landlord has not declared within the "
                                         "station's time limit"))
        self.round_button.setText(self.tr("Monthly round…"))
        self.round_button.setToolTip(self.tr("The grid's properties not spot-checked this month, printable as one "
                                             "sheet"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._size_columns()
        self.show_count()

    def _size_columns(self) -> None:
        """Every column but the address at least as wide as its title in this language (or its
        `COLUMN_WIDTHS` minimum; the landlord's name and mobile: `LANDLORD_SAMPLE`); the address
        stretches over the rest."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        for col in range(1, self.model.columnCount()):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            least = COLUMN_WIDTHS[col] if col < len(COLUMN_WIDTHS) else 80
            if col == LANDLORD_COLUMN:
                least = max(least or 0, self.table.fontMetrics().horizontalAdvance(LANDLORD_SAMPLE) + 10)
            header.resizeSection(col, max(least or 0, metrics.horizontalAdvance(title) + 12))

    def current_query(self) -> PropertyQuery:
        return PropertyQuery(
            text=self.search_box.text().strip(),
            grid_code=self.grid_box.text().strip().upper() or None,
            order=str(self.order_box.currentData()),
            landlord_late=self.late_box.isChecked(),
        )

    def run_search(self) -> None:
        self.timer.stop()
        self.model.search(self.current_query())

    def show_count(self) -> None:
        n = self.model.rowCount()
        if n == 0:
            q = self.model.query
            self.status.setText(self.tr("No property found.") if (q.text or q.grid_code or q.landlord_late) else "")
        elif self.model.has_more():
            self.status.setText(self.tr("%n [property|properties] shown; scroll for more", "", n))
        else:
            self.status.setText(self.tr("%n [property|properties]", "", n))


class PropertiesPage(PageBase):
    """The properties page: the list, and one property (`open_property`)."""

    nav_key = "properties"
    permission = Permission.READ_PERSON

    def __init__(self, ctx: Any, item: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.list = PropertyList(ctx, self)
        self.model = self.list.model
        self.property_view = PropertyView(ctx, self)
        self.checks = PropertyChecks(ctx, self.property_view)  # declarations, spot check, visit sheet
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.property_view)
        lay = QVBoxLayout(self)
        lay.addWidget(self.stack)
        self.list.table.doubleClicked.connect(lambda idx: self.open_row(idx.row()))
        self.list.table.installEventFilter(self)
        self.list.search_box.installEventFilter(self)
        self.list.search_box.returnPressed.connect(self._enter_in_search)
        self.list.new_button.clicked.connect(self.new_property)
        self.list.round_button.clicked.connect(
            lambda: open_monthly_round(ctx, self, self.list.grid_box.text().strip().upper())
        )
        self.list.model.failed.connect(lambda exc: self._failed(exc))
        self.property_view.back.connect(self.show_list)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.property_view, self.show_list,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        changed = getattr(ctx, "changed", None)
        if changed is not None:
            changed.connect(self._on_changed)

    # ---- PageBase ----------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Properties")

    def retranslate(self) -> None:
        self.list.retranslate()
        self.property_view.retranslate()
        self.checks.retranslate()

    def on_shown(self) -> None:
        self.property_view.tiles.warm_up()  # the tiles of a large property, built while the list shows
        if self.stack.currentWidget() is self.property_view:
            self.property_view.reload()
            return
        if self.list.model.rowCount() == 0:
            self.list.run_search()
        self.list.search_box.setFocus()

    def clear_personal(self) -> None:
        self.list.timer.stop()
        self.list.search_box.clear()
        self.list.model.clear()
        self.list.status.clear()
        self.property_view.clear()
        self.stack.setCurrentWidget(self.list)

    def on_card_placed(self, doc: Any) -> bool:
        """With a room open (and a role that registers): bind the card's holder to it; True then."""
        return self._bind_read(doc)

    def on_passport_read(self, mrz: Any) -> bool:
        """A passport swiped with a room open binds its holder the same way (a foreign national)."""
        return self._bind_read(mrz)

    def _bind_read(self, doc: Any) -> bool:
        view = self.property_view
        if (self.stack.currentWidget() is not view or view.current_room is None or view.detail is None
                or not self.ctx.can(Permission.REGISTER) or not self.isVisible()):
            return False
        from workstation.ui.screens.registration import _document_of

        document, _problems = _document_of(doc)
        room, address, pid = view.current_room, view.detail.address, view.detail.id
        desk = self.ctx.desk
        number = document.number

        def known(row: Any) -> None:
            if row is None:
                self._register_then_bind(doc, pid, address, room)
                return
            dialogs.bind_person(
                self.ctx, self, row.id, room.id, start=date.today(),
                on_done=lambda _c: self._say(self.tr("%1 is bound to room %2.").replace("%1", row.name)
                                             .replace("%2", room.label)),
                on_error=self._failed,
            )

        if not number:
            self._register_then_bind(doc, pid, address, room)
            return True
        Op(self, lambda _t: desk.residents.find_by_id_number(number), lane=Lane.DB).on_success(known).on_failure(
            self._failed
        ).start()
        return True

    # ---- what other parts call -----------------------------------------------------------------------------
    def open_property(self, property_id: str) -> None:
        """Show the property `property_id` (its rooms as tiles)."""
        self.stack.setCurrentWidget(self.property_view)
        self.property_view.open_property(property_id)
        self.property_view.setFocus()

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list)
        self.list.table.setFocus()

    def show_filtered(self, *, grid_code: str | None = None) -> None:
        """The list of every property of `grid_code` (the list behind a grid's bar on the Today page;
        `MainWindow.open_list`): the search box cleared, the grid filter set, searched at once."""
        self.stack.setCurrentWidget(self.list)
        self.list.search_box.clear()
        self.list.grid_box.setText(grid_code or "")
        self.list.run_search()
        self.list.table.setFocus()

    def open_row(self, row: int) -> None:
        pid = self.list.model.row_id(row)
        if pid is not None and self.list.model.row_at(row) is not None:
            self.open_property(pid)

    def new_property(self) -> None:
        dialog = dialogs.PropertyDialog(self.ctx, self)
        dialog.saved.connect(lambda changes: self.open_property(changes.id))
        dialog.open()

    # ---- inside --------------------------------------------------------------------------------------------------
    def _register_then_bind(self, doc: Any, property_id: str, address: str, room: Any) -> None:
        from workstation.ui.screens.registration import register_document

        form = register_document(self.ctx, self.window(), doc)
        form.choose_property(property_id, address, room.id)
        form.saved.connect(lambda _pid: self.property_view.schedule_reload())

    def _on_changed(self, changes: Any) -> None:
        self.list.model.on_changed(changes)
        kinds = {str(getattr(c.kind, "value", c.kind)) for c in getattr(changes, "changed", ())}
        if kinds & REFRESH_KINDS and self.stack.currentWidget() is self.property_view:
            self.property_view.schedule_reload()
        if self.list.late_box.isChecked() and kinds & {"declaration", "tenancy", "person"}:
            self.list.run_search()  # a declaration entered (or a binding changed): who is late changes

    def _say(self, text: str) -> None:
        show = getattr(self.window(), "show_message", None)
        if callable(show):
            show(text, "info")

    def _failed(self, exc: BaseException) -> bool:
        from workstation.ui.errors import show_error

        show_error(self, exc)
        return True

    def _enter_in_search(self) -> None:
        if self.list.timer.isActive():
            self.list.run_search()
            return
        if self.list.model.rowCount():
            self.list.table.setFocus()
            self.list.table.selectRow(0)

    def eventFilter(self, obj: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if obj is self.list.search_box and key == Qt.Key.Key_Down and self.list.model.rowCount():
                self.list.table.setFocus()
                self.list.table.selectRow(0)
                return True
            if obj is self.list.table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_row(self.list.table.currentIndex().row())
                return True
        return super().eventFilter(obj, event)
