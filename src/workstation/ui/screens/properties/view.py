"""One property on screen: its four parties, its rooms as tiles, and the open room's bindings.

A tile says in words (and in colour) what a room is: how many people are bound now against its
capacity, whether it is empty, full or over capacity, whether a landlord declaration names someone
in it (declared) and whether a spot check since the current tenants moved in found it consistent
(verified); ⚠ marks a tenant also bound to another room. Click a tile (or Tab to it and press
Enter/Space) to open the room: who lives there now and who lived there before (from/to, relation,
source), with Bind / End / Move. With a room open, a card on the reader binds its holder
(`PropertiesPage.on_card_placed`).

For other parts of the page (declarations, spot checks, visit sheets): the toolbar is the
`QHBoxLayout` named ``"property_actions"`` (`PropertyView.actions_layout`; add buttons with
`add_action(button)`), `PropertyView.reload()` reads the property again, `property_id` /
`detail` / `current_room` say what is open.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.domain.permissions import Permission
from workstation.ui.models.properties import TenanciesModel, percent
from workstation.ui.screens.properties import dialogs
from workstation.ui.tasks import Lane, Op

TILE_WIDTH = 150
WARM_TILES = 48  # tiles built ahead of time (`TileGrid.warm_up`): a property of 40 rooms opens at once
TILE_SPACING = 8

# (background, border, text): each state also says itself in words on the tile
STATE_COLOURS = {
    "empty": ("#f1f1f1", "#8a8a8a", "#333333"),
    "verified": ("#e3f4e1", "#2e7d32", "#1b3d1d"),
    "unverified": ("#fff4ce", "#8a6d00", "#3d2e00"),
    "over": ("#fde7e9", "#b3261e", "#5c0f0b"),
}


def room_state(room: Any) -> str:
    """ "empty", "over" (above capacity), "verified" or "unverified" (the tile's colour)."""
    if room.empty:
        return "empty"
    if room.capacity is not None and room.occupants > room.capacity:
        return "over"
    return "verified" if room.verified else "unverified"


def tile_lines(room: Any) -> list[str]:
    """What a tile says, line by line (never colour alone)."""
    # (the count is a plain name: lupdate reads a numerus call only with a name or a number there)
    if room.capacity is not None:
        capacity = room.capacity  # "1 / 2 people": the noun goes with the capacity
        people = QCoreApplication.translate("PropertyView", "%1 / %n [person|people]", None, capacity).replace(
            "%1", str(room.occupants))
    else:
        occupants = room.occupants
        people = QCoreApplication.translate("PropertyView", "%n [person|people]", None, occupants)
    lines = [people]
    if room.empty:
        lines.append(QCoreApplication.translate("PropertyView", "Empty"))
    else:
        if room.capacity is not None and room.occupants > room.capacity:
            lines.append(QCoreApplication.translate("PropertyView", "Over capacity"))
        elif room.full:
            lines.append(QCoreApplication.translate("PropertyView", "Full"))
        lines.append(
            QCoreApplication.translate("PropertyView", "Verified")
            if room.verified
            else QCoreApplication.translate("PropertyView", "Not verified")
        )
    lines.append(
        QCoreApplication.translate("PropertyView", "Declared")
        if room.declared
        else QCoreApplication.translate("PropertyView", "Not declared")
    )
    if room.overlaps:
        lines.append("⚠ " + QCoreApplication.translate("PropertyView", "Bound twice"))
    return lines


def tile_style_sheet() -> str:
    """Colours of every tile state (`room_state`), selection and keyboard focus, for the tile grid."""
    rules = []
    for state, (bg, border, fg) in STATE_COLOURS.items():
        rules.append(
            f'RoomTile[state="{state}"] {{ background: {bg}; border: 1px solid {border}; border-radius: 4px; }}'
        )
        rules.append(f'RoomTile[state="{state}"] QLabel {{ color: {fg}; background: transparent; border: none; }}')
    rules.append("RoomTile[selected=\"true\"] { border: 3px solid #0b3d91; }")
    rules.append("RoomTile:focus { border: 3px solid #0b3d91; }")
    return "\n".join(rules)


class RoomTile(QFrame):
    """One room. `activated(room_id)` on click, Enter or Space."""

    activated = Signal(str)

    def __init__(self, room: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.room = room
        self.selected = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFixedWidth(TILE_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(1)
        self.title = QLabel()
        f = self.title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.25)
        self.title.setFont(f)
        self.body = QLabel()
        self.body.setObjectName("tile_text")
        lay.addWidget(self.title)
        lay.addWidget(self.body)
        lay.addStretch(1)
        # room for the title and five lines of state, whatever the font: every tile the same height
        self.setFixedHeight(self.title.fontMetrics().lineSpacing() + 5 * self.body.fontMetrics().lineSpacing() + 18)
        if room is not None:
            self.set_room(room)

    def set_room(self, room: Any) -> None:
        """Show `room` (tiles are reused from one property to the next: only their texts change)."""
        self.room = room
        self.setObjectName(f"tile_{room.label}")
        self.title.setText(room.label)
        self.retranslate()

    def state(self) -> str:
        return room_state(self.room)

    def text(self) -> str:
        return "\n".join([self.room.label, *tile_lines(self.room)])

    def retranslate(self) -> None:
        self.body.setText("\n".join(tile_lines(self.room)))
        self.setToolTip(self.text())
        self.setAccessibleName(self.text().replace("\n", ", "))
        self._style()

    def set_selected(self, selected: bool) -> None:
        self.selected = selected
        self._style()

    def _style(self) -> None:
        """State and selection as dynamic properties: the grid's one style sheet colours them (a
        style sheet per tile would be parsed 40 times when a large property opens)."""
        changed = self.property("state") != self.state() or self.property("selected") != self.selected
        self.setProperty("state", self.state())
        self.setProperty("selected", self.selected)
        if changed:  # a reused tile may have been polished already (hidden ones too): polish it again
            self.style().unpolish(self)
            self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus()
            self.activated.emit(self.room.id)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.room.id)
            return
        super().keyPressEvent(event)


class TileGrid(QWidget):
    """The tiles, as many columns as fit."""

    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setSpacing(TILE_SPACING)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tiles: list[RoomTile] = []
        self._pool: list[RoomTile] = []
        self._columns = 0
        self._width = 0
        self.setStyleSheet(tile_style_sheet())

    def set_rooms(self, rooms: Any, selected: str | None) -> None:
        """Show `rooms`. Tile widgets are kept and reused (a property of 40 rooms opens without
        building 40 widgets each time); tiles beyond the rooms are hidden."""
        rooms = list(rooms)
        self.tiles = []
        for i, r in enumerate(rooms):
            if i < len(self._pool):
                tile = self._pool[i]
                tile.set_room(r)
            else:
                tile = RoomTile(r, self)
                tile.activated.connect(self.activated)
                self._pool.append(tile)
            tile.set_selected(r.id == selected)
            self.tiles.append(tile)
        for tile in self._pool[len(rooms) :]:
            if tile.isVisibleTo(self):
                self.grid.removeWidget(tile)
                tile.hide()
        self._columns = 0
        self._place()
        for tile in self.tiles:
            tile.show()

    def warm_up(self, count: int = WARM_TILES, batch: int = 8) -> None:
        """Build hidden tiles ahead of time, a few per turn of the event loop (no stall), so that
        opening even the first large property only fills in texts."""
        missing = count - len(self._pool)
        if missing <= 0:
            return
        for _ in range(min(batch, missing)):
            tile = RoomTile(None, self)
            tile.hide()
            tile.activated.connect(self.activated)
            self._pool.append(tile)
        QTimer.singleShot(0, self, lambda: self.warm_up(count, batch))

    def tile(self, room_id: str) -> RoomTile | None:
        return next((t for t in self.tiles if t.room.id == room_id), None)

    def select(self, room_id: str | None) -> None:
        for t in self.tiles:
            t.set_selected(t.room.id == room_id)

    def fit(self, width: int) -> None:
        """Lay the tiles out in as many columns as `width` (the scroll area's viewport) holds."""
        self._width = width
        self._place()

    def _place(self) -> None:
        width = self._width or self.width()
        columns = max(1, (width - 2 * TILE_SPACING) // (TILE_WIDTH + TILE_SPACING))
        if columns == self._columns:
            return
        self._columns = columns
        for i, t in enumerate(self.tiles):
            self.grid.addWidget(t, i // columns, i % columns)

    def retranslate(self) -> None:
        for t in self.tiles:
            t.retranslate()


class PropertyView(QWidget):
    """One property: parties, toolbar (``property_actions``), tiles, the open room's bindings.

    Signals: `back()` (to the list); `shown(property_id, seconds)` when a property's tiles are on
    screen (seconds since `open_property` was asked); `room_shown(room_id)` when a room's bindings are."""

    back = Signal()
    shown = Signal(str, float)
    room_shown = Signal(str)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("propertyView")
        self.property_id: str | None = None
        self.detail: Any = None
        self.current_room: Any = None
        self._room_id: str | None = None
        self._seq = 0
        self._room_seq = 0
        self._asked_at = 0.0
        may_manage = ctx.can(Permission.MANAGE_PROPERTY)
        may_register = ctx.can(Permission.REGISTER)

        self.back_button = QPushButton()
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self.back)
        self.heading = QLabel()
        self.heading.setObjectName("property_heading")
        f = self.heading.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.35)
        self.heading.setFont(f)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setObjectName("property_summary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.heading, 1)

        self.party_boxes: dict[str, QGroupBox] = {}
        self.party_labels: dict[str, QLabel] = {}
        parties = QHBoxLayout()
        for key in ("landlord", "manager", "assistant", "district"):
            box = QGroupBox()
            box.setObjectName(f"party_{key}")
            label = QLabel()
            label.setObjectName(f"party_{key}_text")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            QVBoxLayout(box).addWidget(label)
            parties.addWidget(box, 1)
            self.party_boxes[key] = box
            self.party_labels[key] = label

        # the toolbar other parts add to (declarations, spot checks, visit sheets)
        self.actions_bar = QWidget()
        self.actions_layout = QHBoxLayout(self.actions_bar)
        self.actions_layout.setObjectName("property_actions")
        self.actions_layout.setContentsMargins(0, 0, 0, 0)
        self.edit_button = self._button("edit_property", self._edit, may_manage)
        self.add_room_button = self._button("add_room", self._add_room, may_manage)
        self.rename_room_button = self._button("rename_room", self._rename_room, may_manage)
        self.remove_room_button = self._button("remove_room", self._remove_room, may_manage)
        bar_row = QHBoxLayout()
        bar_row.addWidget(self.actions_bar)
        bar_row.addStretch(1)

        self.tiles = TileGrid()
        self.tiles.setObjectName("room_tiles")
        self.tiles.activated.connect(self.open_room)
        scroll = QScrollArea()
        scroll.setObjectName("tiles_scroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.tiles)
        scroll.viewport().installEventFilter(self)
        self._scroll = scroll
        self.legend = QLabel()
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        self.no_rooms = QLabel()
        self.no_rooms.setWordWrap(True)
        self.no_rooms.hide()
        left = QWidget()
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(self.no_rooms)
        left_lay.addWidget(scroll, 1)
        left_lay.addWidget(self.legend)

        self.room_heading = QLabel()
        self.room_heading.setObjectName("room_heading")
        rf = self.room_heading.font()
        rf.setBold(True)
        rf.setPointSizeF(rf.pointSizeF() * 1.15)
        self.room_heading.setFont(rf)
        self.card_hint = QLabel()
        self.card_hint.setObjectName("card_hint")
        self.card_hint.setWordWrap(True)
        self.card_hint.setStyleSheet("color: #0b3d91;")
        self.bind_button = self._button("bind_person", self._bind, may_register, bar=False)
        self.end_button = self._button("end_tenancy", self._end, may_register, bar=False)
        self.move_button = self._button("move_tenant", self._move, may_register, bar=False)
        room_buttons = QHBoxLayout()
        for b in (self.bind_button, self.end_button, self.move_button):
            room_buttons.addWidget(b)
        room_buttons.addStretch(1)
        self.tenancies = TenanciesModel(self)
        self.table = QTableView()
        self.table.setObjectName("tenancies")
        self.table.setModel(self.tenancies)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # two lines a row (name / number, from / to, relation / source), each column as wide as its
        # longest line; the note takes the rest (elided, whole in the tooltip): no sideways scrolling
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.tenancies.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)
        self._size_rows()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.room_panel = QWidget()
        self.room_panel.setObjectName("room_panel")
        right_lay = QVBoxLayout(self.room_panel)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.addWidget(self.room_heading)
        right_lay.addWidget(self.card_hint)
        right_lay.addLayout(room_buttons)
        right_lay.addWidget(self.table, 1)

        # the tiles keep two columns; the room's bindings get the rest of the width (they read whole
        # beside the tiles at 1366 px with the demo desk open); the splitter moves if wanted
        scroll_bar = scroll.style().pixelMetric(scroll.style().PixelMetric.PM_ScrollBarExtent)
        margins = self.tiles.grid.contentsMargins()
        left.setMinimumWidth(2 * TILE_SPACING + 2 * (TILE_WIDTH + TILE_SPACING) + margins.left() + margins.right()
                             + scroll_bar + 2 * scroll.frameWidth())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.room_panel)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([left.minimumWidth(), 10 * left.minimumWidth()])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(parties)
        layout.addWidget(self.summary)
        layout.addLayout(bar_row)
        layout.addWidget(self.splitter, 1)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        self.retranslate()
        self._update_buttons()

    def _button(self, name: str, slot: Any, allowed: bool, *, bar: bool = True) -> QPushButton:
        b = QPushButton()
        b.setObjectName(name)
        b.clicked.connect(slot)
        b.setVisible(allowed)
        if bar:
            self.actions_layout.addWidget(b)
        return b

    def add_action(self, button: QWidget) -> None:
        """Add a button (or any widget) to the property's toolbar (``property_actions``)."""
        self.actions_layout.addWidget(button)

    # ---- texts ------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.back_button.setText(QCoreApplication.translate("PropertyView", "← All properties"))
        self.back_button.setToolTip(QCoreApplication.translate("PropertyView", "Back to the property list (Esc)"))
        self.party_boxes["landlord"].setTitle(QCoreApplication.translate("PropertyView", "Landlord"))
        self.party_boxes["manager"].setTitle(QCoreApplication.translate("PropertyView", "Property management"))
        self.party_boxes["assistant"].setTitle(QCoreApplication.translate("PropertyView", "Assistant"))
        self.party_boxes["district"].setTitle(QCoreApplication.translate("PropertyView", "Police district"))
        self.edit_button.setText(QCoreApplication.translate("PropertyView", "Edit property…"))
        self.add_room_button.setText(QCoreApplication.translate("PropertyView", "Add room…"))
        self.rename_room_button.setText(QCoreApplication.translate("PropertyView", "Rename room…"))
        self.remove_room_button.setText(QCoreApplication.translate("PropertyView", "Remove room"))
        self.bind_button.setText(QCoreApplication.translate("PropertyView", "Bind a person…"))
        self.bind_button.setToolTip(
            QCoreApplication.translate("PropertyView", "Find a registered resident by name, pinyin, ID number or phone")
        )
        self.end_button.setText(QCoreApplication.translate("PropertyView", "End binding…"))
        self.move_button.setText(QCoreApplication.translate("PropertyView", "Move to another room…"))
        self.legend.setText(
            QCoreApplication.translate(
                "PropertyView",
                "Green: verified by a spot check · Amber: not verified · Grey: empty · Red: more people than "
                "the room's capacity (rooms with a capacity set). Each tile also says it in words.",
            )
        )
        self.no_rooms.setText(
            QCoreApplication.translate(
                "PropertyView", "This property has no rooms yet. Add the rooms first, then bind people to them."
            )
        )
        self.tiles.retranslate()
        self.tenancies.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.tenancies.columnCount() - 1)
        self._show_detail_texts()
        self._show_room_texts()

    def _size_rows(self) -> None:
        """Rows of the bindings table two lines high in the table's font."""
        self.table.verticalHeader().setDefaultSectionSize(2 * self.table.fontMetrics().lineSpacing() + 10)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        if event.type() == QEvent.Type.FontChange:
            self._size_rows()
        super().changeEvent(event)

    def eventFilter(self, obj: Any, event: QEvent) -> bool:
        if obj is self._scroll.viewport() and event.type() == QEvent.Type.Resize:
            self.tiles.fit(self._scroll.viewport().width())
        return super().eventFilter(obj, event)

    def _show_detail_texts(self) -> None:
        d = self.detail
        if d is None:
            self.heading.clear()
            self.summary.clear()
            for label in self.party_labels.values():
                label.clear()
            return
        self.heading.setText(d.address)
        none = QCoreApplication.translate("PropertyView", "not recorded")
        landlord = [d.landlord_name or none]
        if d.landlord_phone:
            landlord.append(QCoreApplication.translate("PropertyView", "Mobile: %1").replace("%1", d.landlord_phone))
        if d.landlord_id_number:
            landlord.append(QCoreApplication.translate("PropertyView", "ID: %1").replace("%1", d.landlord_id_number))
        self.party_labels["landlord"].setText("\n".join(landlord))
        manager = [d.manager_name or none]
        if d.manager_phone:
            manager.append(QCoreApplication.translate("PropertyView", "Mobile: %1").replace("%1", d.manager_phone))
        self.party_labels["manager"].setText("\n".join(manager))
        if d.assistant_username:
            name = d.assistant_name or d.assistant_username
            who = name if name == d.assistant_username else f"{name} ({d.assistant_username})"
        else:
            who = QCoreApplication.translate("PropertyView", "none bound")
        self.party_labels["assistant"].setText(who)
        self.party_labels["district"].setText(d.district_code or none)
        last = (
            d.last_spot_check.date().isoformat()
            if d.last_spot_check
            else QCoreApplication.translate("PropertyView", "never")
        )
        rooms, bound = len(d.rooms), d.bound_now  # plain names for the numerus calls (what lupdate reads)
        self.summary.setText(" · ".join((
            QCoreApplication.translate("PropertyView", "Grid %1").replace("%1", d.grid_code),
            QCoreApplication.translate("PropertyView", "%n room(s)", None, rooms),
            QCoreApplication.translate("PropertyView", "%n [person|people] bound now", None, bound),
            QCoreApplication.translate("PropertyView", "consistency rate %1").replace("%1", percent(d.consistency)),
            QCoreApplication.translate("PropertyView", "last spot check %1").replace("%1", last),
        )))

    def _show_room_texts(self) -> None:
        room = self.current_room
        if room is None:
            self.room_heading.setText(QCoreApplication.translate("PropertyView", "Choose a room"))
            self.card_hint.setText(
                QCoreApplication.translate(
                    "PropertyView", "Click a room (or Tab to it and press Enter) to see who lives there."
                )
            )
            return
        self.room_heading.setText(
            QCoreApplication.translate("PropertyView", "Room %1").replace("%1", room.label)
            + " — "
            + " · ".join(tile_lines(room))
        )
        if self.ctx.can(Permission.REGISTER):
            self.card_hint.setText(
                QCoreApplication.translate(
                    "PropertyView", "Place an ID card on the reader to bind its holder to room %1."
                ).replace("%1", room.label)
            )
        else:
            self.card_hint.setText(
                QCoreApplication.translate("PropertyView", "Your role reads who lives here; it does not bind people.")
            )

    # ---- opening ------------------------------------------------------------------------------------------
    def open_property(self, property_id: str) -> None:
        """Show `property_id` (its tiles appear when the audited read answers)."""
        if property_id != self.property_id:
            self.detail = None
            self.current_room = None
            self._room_id = None
            self.tenancies.clear()
            self.tiles.set_rooms((), None)
            self._show_detail_texts()
            self._show_room_texts()
        self.property_id = property_id
        self._asked_at = time.perf_counter()
        self.reload()

    def reload(self) -> None:
        """Read the open property again (and its open room's bindings)."""
        pid = self.property_id
        if pid is None:
            return
        self._seq += 1
        seq = self._seq
        desk = self.ctx.desk

        def show(detail: Any) -> None:
            if seq != self._seq or pid != self.property_id:
                return
            self.detail = detail
            room_id = self._room_id if any(r.id == self._room_id for r in detail.rooms) else None
            self.current_room = next((r for r in detail.rooms if r.id == room_id), None)
            self._room_id = room_id
            self.tiles.set_rooms(detail.rooms, room_id)
            self.no_rooms.setVisible(not detail.rooms)
            self._show_detail_texts()
            self._show_room_texts()
            self._update_buttons()
            if self._asked_at:
                self.shown.emit(pid, time.perf_counter() - self._asked_at)
                self._asked_at = 0.0
            if room_id is not None:
                self._load_room(room_id)
            else:
                self.tenancies.clear()

        def failed(exc: BaseException) -> bool:
            from workstation.errors import NotFound
            from workstation.ui.errors import show_error

            if seq == self._seq and isinstance(exc, NotFound):
                self.clear()
                self.back.emit()
            show_error(self, exc)
            return True

        Op(self, lambda _t: desk.housing.get_property(pid), lane=Lane.DB).on_success(show).on_failure(failed).start()

    def schedule_reload(self) -> None:
        """Reload once the current burst of change notices has arrived."""
        if self.property_id is not None:
            self._reload_timer.start()

    def open_room(self, room_id: str) -> None:
        """Open a room of the shown property: its tile is marked and its bindings load."""
        if self.detail is None:
            return
        room = next((r for r in self.detail.rooms if r.id == room_id), None)
        if room is None:
            return
        self._room_id = room_id
        self.current_room = room
        self.tiles.select(room_id)
        self._show_room_texts()
        self._update_buttons()
        self._load_room(room_id)

    def _load_room(self, room_id: str) -> None:
        self._room_seq += 1
        seq = self._room_seq
        desk = self.ctx.desk

        def show(rows: Any) -> None:
            if seq != self._room_seq or room_id != self._room_id:
                return
            self.tenancies.set_rows(rows)
            self._update_buttons()
            self.room_shown.emit(room_id)

        Op(self, lambda _t: desk.housing.room_tenancies(room_id), lane=Lane.DB).on_success(show).on_failure(
            self._room_failed
        ).start()

    def _room_failed(self, exc: BaseException) -> bool:
        from workstation.errors import NotFound
        from workstation.ui.errors import show_error

        if isinstance(exc, NotFound):  # removed meanwhile (another desk, sync): the property reloads
            self._room_id = None
            self.current_room = None
            self.schedule_reload()
            return True
        show_error(self, exc)
        return True

    def clear(self) -> None:
        """Forget what is shown (lock, or the property vanished)."""
        self._seq += 1
        self._room_seq += 1
        self.property_id = None
        self.detail = None
        self.current_room = None
        self._room_id = None
        self.tiles.set_rooms((), None)
        self.tenancies.clear()
        self._show_detail_texts()
        self._show_room_texts()
        self._update_buttons()

    # ---- actions ----------------------------------------------------------------------------------------------
    def selected_tenancy(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.tenancies.tenancy(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        has_room = self.current_room is not None
        self.edit_button.setEnabled(self.detail is not None)
        self.add_room_button.setEnabled(self.detail is not None)
        self.rename_room_button.setEnabled(has_room)
        self.remove_room_button.setEnabled(has_room)
        self.bind_button.setEnabled(has_room)
        t = self.selected_tenancy()
        # a binding not ended yet (running, or with a planned move-out still ahead) can be ended or moved;
        # one whose move-out day is today or earlier is history (half-open periods, domain.housing.running_on)
        open_ended = t is not None and (t.end_date is None or t.end_date > date.today())
        self.end_button.setEnabled(open_ended)
        self.move_button.setEnabled(open_ended and self.detail is not None and len(self.detail.rooms) > 1)

    def _present(self, dialog: Any) -> Any:
        dialog.saved.connect(lambda _c: self.schedule_reload())
        dialog.open()
        return dialog

    def _edit(self) -> None:
        if self.detail is not None:
            self._present(dialogs.PropertyDialog(self.ctx, self, self.detail))

    def _add_room(self) -> None:
        if self.detail is not None:
            self._present(dialogs.RoomDialog(self.ctx, self, self.detail.id))

    def _rename_room(self) -> None:
        if self.detail is not None and self.current_room is not None:
            self._present(dialogs.RoomDialog(self.ctx, self, self.detail.id, self.current_room))

    def _remove_room(self) -> None:
        if self.current_room is not None:
            dialogs.remove_room(self.ctx, self, self.current_room, lambda _c: self.schedule_reload())

    def _bind(self) -> None:
        if self.detail is not None and self.current_room is not None:
            self._present(dialogs.BindDialog(self.ctx, self, self.current_room, self.detail.address))

    def _end(self) -> None:
        t = self.selected_tenancy()
        if t is not None and self.current_room is not None:
            self._present(dialogs.EndTenancyDialog(self.ctx, self, t, self.current_room.label))

    def _move(self) -> None:
        t = self.selected_tenancy()
        if t is not None and self.current_room is not None and self.detail is not None:
            self._present(dialogs.MoveDialog(self.ctx, self, t, self.current_room.label, self.detail.rooms))
