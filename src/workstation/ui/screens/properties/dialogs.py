"""Dialogs of the properties page: a property's four parties, a room, binding a person (search), ending
a binding, moving a tenant, and the question an overlapping binding asks.

Every reason a save is refused stands beside its field: first from the same domain functions the
housing area calls (`domain.housing.validate_property` / `validate_room`), then from the core's own
`ValidationError` (the assistant, a duplicate room label). Saves run on the DB lane (`ctx.op`); the
page refreshes from the `Changes` they announce.

Overlapping bindings (the person is bound to another room for the same period) are never written
silently: the core refuses (`OverlappingTenancy`) and `OverlapQuestion` asks the operator to keep
both bindings (written with ``acknowledge_overlap=True``, audited), to move the person instead
(one current overlap: `move_tenant`), or to cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.domain.enums import PropertyKind, TenancyRelation
from workstation.domain.housing import validate_property, validate_room
from workstation.errors import Problem, ValidationError
from workstation.ui import i18n
from workstation.ui.errors import show_error
from workstation.ui.models.properties import relation_name
from workstation.ui.screens.registration.logic import format_date, parse_date
from workstation.ui.tasks import Lane, Op
from workstation.ui.widgets.field_errors import FieldErrors


def kind_name(kind: Any) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {
        "apartment": QCoreApplication.translate("Properties", "Apartment"),
        "house": QCoreApplication.translate("Properties", "Self-built house"),
        "dormitory": QCoreApplication.translate("Properties", "Dormitory"),
        "shop_residence": QCoreApplication.translate("Properties", "Shop with living space"),
        "other": QCoreApplication.translate("Properties", "Other"),
    }
    return names.get(str(getattr(kind, "value", kind)), str(kind))


class _FormDialog(QDialog):
    """Shared parts: field errors, Save/Cancel, Ctrl+S, a busy flag, the save callback."""

    saved = Signal(object)  # the Changes

    def __init__(self, ctx: Any, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.errors = FieldErrors()
        self._saving = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttons = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole
        self.save_button = self.buttons.addButton(QCoreApplication.translate("Properties", "Save"), role.AcceptRole)
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(
            QCoreApplication.translate("Properties", "Cancel"), role.RejectRole
        )
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)

    def save(self) -> None:  # pragma: no cover - every dialog defines it
        raise NotImplementedError

    def _run(self, work: Callable[[Any], Any], *, on_failure: Callable[[BaseException], bool] | None = None) -> None:
        if self._saving:
            return
        self._saving = True
        self.save_button.setEnabled(False)

        def done(changes: Any) -> None:
            self._saving = False
            self.saved.emit(changes)
            self.accept()

        def failed(exc: BaseException) -> bool:
            self._saving = False
            self.save_button.setEnabled(True)
            if on_failure is not None and on_failure(exc):
                return True
            if isinstance(exc, ValidationError):
                rest = self.errors.show(exc.problems)
                if rest:
                    self.general.setText("; ".join(i18n.problem_text(p) for p in rest))
                    self.general.show()
                return True
            if hasattr(exc, "render") and hasattr(self, "general"):
                self.general.setText(i18n.message_of(exc))  # beside the form, not behind it
                self.general.show()
                return True
            return False

        self.ctx.op(work, lane=Lane.DB, parent=self).on_success(done).on_failure(failed).start()

    def _general_label(self) -> QLabel:
        self.general = QLabel()
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.setStyleSheet("color: #b3261e;")
        self.general.hide()
        return self.general

    def _show_local(self, problems: list[Problem]) -> bool:
        """Show `problems` beside their fields; True when there were any."""
        self.general.hide()
        rest = self.errors.show(problems)
        if rest:
            self.general.setText("; ".join(i18n.problem_text(p) for p in rest))
            self.general.show()
        return bool(problems)


def _text(edit: QLineEdit) -> str | None:
    t = edit.text().strip()
    return t or None


# ---- a property -------------------------------------------------------------------------------------
PROPERTY_FIELDS = ("address", "grid_code", "kind", "landlord_name", "landlord_phone", "landlord_id_number",
                   "manager_name", "manager_phone", "assistant_username", "district_code")


class PropertyDialog(_FormDialog):
    """Create (`detail` None) or edit a property with its four parties. `saved(Changes)`."""

    def __init__(self, ctx: Any, parent: QWidget | None, detail: Any = None) -> None:
        super().__init__(ctx, parent)
        self.detail = detail
        self.setObjectName("propertyDialog")
        self.setWindowTitle(self.tr("Edit property") if detail is not None else self.tr("New property"))
        self.editors: dict[str, QWidget] = {}
        e = self.editors
        for name in PROPERTY_FIELDS:
            if name == "kind":
                combo = QComboBox()
                for k in PropertyKind:
                    combo.addItem(kind_name(k), k.value)
                e[name] = combo
            elif name == "assistant_username":
                combo = QComboBox()
                combo.addItem(self.tr("(none)"), None)
                e[name] = combo
            else:
                edit = QLineEdit()
                edit.textEdited.connect(lambda _t, n=name: self._clear_error(n))
                e[name] = edit
            e[name].setObjectName(name)
        lines = {k: w for k, w in e.items() if isinstance(w, QLineEdit)}
        lines["grid_code"].setMaximumWidth(160)
        lines["district_code"].setMaximumWidth(160)
        lines["address"].setMinimumWidth(360)
        lines["landlord_phone"].setPlaceholderText(self.tr("11-digit mobile"))
        lines["manager_phone"].setPlaceholderText(self.tr("11-digit mobile"))
        lines["district_code"].setPlaceholderText("JQ-02")  # an example code, not language
        lines["grid_code"].setPlaceholderText("G01")  # an example code, not language

        layout = QVBoxLayout(self)
        place = QFormLayout()
        place.addRow(self.tr("&Address:"), self.errors.wrap("address", e["address"]))
        place.addRow(self.tr("&Grid:"), self.errors.wrap("grid_code", e["grid_code"]))
        place.addRow(self.tr("&Kind:"), e["kind"])
        layout.addLayout(place)
        parties = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        self.landlord_box = self._group(self.tr("Landlord"), [
            (self.tr("Name:"), "landlord_name"), (self.tr("Mobile:"), "landlord_phone"),
            (self.tr("ID number:"), "landlord_id_number")])
        self.manager_box = self._group(self.tr("Property management company"), [
            (self.tr("Company or manager:"), "manager_name"), (self.tr("Mobile:"), "manager_phone")])
        self.assistant_box = self._group(self.tr("Assistant who registers it"), [
            (self.tr("Assistant:"), "assistant_username")])
        self.district_box = self._group(self.tr("Police district that checks it"), [
            (self.tr("District code:"), "district_code")])
        left.addWidget(self.landlord_box)
        left.addWidget(self.assistant_box)
        right.addWidget(self.manager_box)
        right.addWidget(self.district_box)
        left.addStretch(1)
        right.addStretch(1)
        parties.addLayout(left, 1)
        parties.addLayout(right, 1)
        layout.addLayout(parties)
        layout.addWidget(self._general_label())
        layout.addWidget(self.buttons)
        self.setMinimumWidth(680)
        self._fill()
        self._load_assistants()

    def _group(self, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for label, name in rows:
            form.addRow(label, self.errors.wrap(name, self.editors[name]))
        return box

    def _clear_error(self, name: str) -> None:
        label = self.errors.label(name)
        if label is not None:
            label.hide()

    def _fill(self) -> None:
        d = self.detail
        if d is None:
            return
        for name in PROPERTY_FIELDS:
            w = self.editors[name]
            if isinstance(w, QLineEdit):
                w.setText(getattr(d, name) or "")
        kind: QComboBox = self.editors["kind"]  # type: ignore[assignment]
        kind.setCurrentIndex(max(0, kind.findData(str(getattr(d.kind, "value", d.kind)))))

    def _load_assistants(self) -> None:
        desk = self.ctx.desk
        current = getattr(self.detail, "assistant_username", None)
        mine = self.ctx.operator.username if self.detail is None and self.ctx.role.value == "assistant" else None

        def show(rows: Any) -> None:
            combo: QComboBox = self.editors["assistant_username"]  # type: ignore[assignment]
            for a in rows:
                combo.addItem(f"{a.display_name} ({a.username})" if a.display_name != a.username else a.username,
                              a.username)
            wanted = current or mine
            if wanted and combo.findData(wanted) < 0:  # disabled since: still shown, so nothing changes unseen
                combo.addItem(wanted, wanted)
            combo.setCurrentIndex(max(0, combo.findData(wanted)) if wanted else 0)

        Op(self, lambda _t: desk.housing.assistants(), lane=Lane.DB).on_success(show).start()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in PROPERTY_FIELDS:
            w = self.editors[name]
            out[name] = w.currentData() if isinstance(w, QComboBox) else (w.text().strip() if isinstance(
                w, QLineEdit) else None)
        return out

    def validate(self) -> list[Problem]:
        v = self.values()
        return validate_property(
            address=v["address"], grid_code=v["grid_code"], landlord_name=v["landlord_name"] or None,
            landlord_phone=v["landlord_phone"] or None, landlord_id_number=v["landlord_id_number"] or None,
            manager_name=v["manager_name"] or None, manager_phone=v["manager_phone"] or None,
            district_code=v["district_code"] or None,
        )

    def save(self) -> None:
        if self._saving or self._show_local(self.validate()):
            return
        v = self.values()
        housing = self.ctx.desk.housing
        d = self.detail
        v["kind"] = PropertyKind(v["kind"])
        if d is None:
            self._run(lambda _t: housing.create_property(**v))
        else:
            pid, version = d.id, d.version
            self._run(lambda _t: housing.update_property(pid, base_version=version, **v))


# ---- a room -------------------------------------------------------------------------------------------
class RoomDialog(_FormDialog):
    """Add a room to a property (`room` None) or rename one (label and capacity). `saved(Changes)`."""

    def __init__(self, ctx: Any, parent: QWidget | None, property_id: str, room: Any = None) -> None:
        super().__init__(ctx, parent)
        self.property_id = property_id
        self.room = room
        self.setObjectName("roomDialog")
        self.setWindowTitle(self.tr("Rename room") if room is not None else self.tr("Add a room"))
        self.label_edit = QLineEdit(room.label if room is not None else "")
        self.label_edit.setObjectName("label")
        self.capacity_edit = QLineEdit(str(room.capacity) if room is not None and room.capacity else "")
        self.capacity_edit.setObjectName("capacity")
        self.capacity_edit.setPlaceholderText(self.tr("not set"))
        self.capacity_edit.setMaximumWidth(120)
        form = QFormLayout()
        form.addRow(self.tr("Room &label:"), self.errors.wrap("label", self.label_edit))
        form.addRow(self.tr("&Capacity (people):"), self.errors.wrap("capacity", self.capacity_edit))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._general_label())
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)

    def _capacity(self) -> tuple[int | None, list[Problem]]:
        text = self.capacity_edit.text().strip()
        if not text:
            return None, []
        if not text.isascii() or not text.isdigit():
            return None, [Problem("capacity", "invalid", self.tr("a whole number of people, or empty"))]
        return int(text), []

    def save(self) -> None:
        if self._saving:
            return
        capacity, problems = self._capacity()
        label = self.label_edit.text()
        problems = validate_room(label=label, capacity=capacity) + problems
        if self._show_local(problems):
            return
        housing = self.ctx.desk.housing
        if self.room is None:
            pid = self.property_id
            self._run(lambda _t: housing.add_room(pid, label=label, capacity=capacity))
        else:
            rid, version = self.room.id, self.room.version
            self._run(lambda _t: housing.rename_room(rid, base_version=version, label=label, capacity=capacity))


# ---- overlapping bindings -------------------------------------------------------------------------------
class OverlapQuestion(QMessageBox):
    """The person is bound to another room for the same period: keep both, move them here, or cancel.
    `chosen(str)`: "both", "move" or "cancel"."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None, exc: Any, *, can_move: bool) -> None:
        super().__init__(parent)
        self.setObjectName("overlapQuestion")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Bound to another room"))
        self.setText(i18n.message_of(exc))
        self.setInformativeText(self.tr(
            "Keep both only if the person really lives in both rooms at the same time (recorded in the audit "
            "trail). Otherwise move the person: the other binding ends on the day of the move."))
        self.both_button = self.addButton(self.tr("Keep both bindings"), QMessageBox.ButtonRole.AcceptRole)
        self.move_button: QPushButton | None = None
        if can_move:
            self.move_button = self.addButton(self.tr("Move here instead"), QMessageBox.ButtonRole.YesRole)
        self.cancel_button = self.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttonClicked.connect(self._on_clicked)

    def _on_clicked(self, button: Any) -> None:
        if button is self.both_button:
            self.chosen.emit("both")
        elif self.move_button is not None and button is self.move_button:
            self.chosen.emit("move")
        else:
            self.chosen.emit("cancel")


def bind_person(
    ctx: Any,
    parent: QWidget,
    person_id: str,
    room_id: str,
    *,
    start: date,
    relation: TenancyRelation = TenancyRelation.TENANT,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], bool] | None = None,
) -> None:
    """Bind `person_id` to `room_id` from `start` (DB lane). An overlap asks `OverlapQuestion` first;
    `on_done(Changes)` after the write; other errors go to `on_error` (True: handled) or the window."""
    from workstation.storage.areas.housing import OverlappingTenancy

    housing = ctx.desk.housing

    def done(changes: Any) -> None:
        if on_done is not None:
            on_done(changes)

    def failed(exc: BaseException) -> bool:
        if isinstance(exc, OverlappingTenancy):
            running = [o for o in exc.overlaps if o.end_date is None or o.end_date > start]
            can_move = len(exc.overlaps) == 1 and len(running) == 1 and running[0].start_date <= start
            question = OverlapQuestion(parent, exc, can_move=can_move)

            def answer(what: str) -> None:
                if what == "both":
                    ctx.op(lambda _t: housing.bind(person_id, room_id, start=start, relation=relation,
                                                   acknowledge_overlap=True), parent=parent
                           ).on_success(done).on_failure(failed).start()
                elif what == "move":
                    o = running[0]
                    ctx.op(lambda _t: housing.move_tenant(o.tenancy_id, base_version=o.version, room_id=room_id,
                                                          on=start), parent=parent
                           ).on_success(done).on_failure(failed).start()

            question.chosen.connect(answer)
            question.open()
            return True
        if on_error is not None:
            return on_error(exc)
        return False

    ctx.op(lambda _t: housing.bind(person_id, room_id, start=start, relation=relation), parent=parent
           ).on_success(done).on_failure(failed).start()


def _relation_combo() -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("relation")
    for r in TenancyRelation:
        combo.addItem(relation_name(r), r.value)
    return combo


def _date_problems(field: str, text: str, *, required: bool = True) -> tuple[date | None, list[Problem]]:
    from PySide6.QtCore import QCoreApplication

    try:
        value = parse_date(text)
    except ValueError:
        return None, [Problem(field, "invalid", QCoreApplication.translate(
            "Properties", "not a date: type it as 2024-03-01"))]
    if value is None and required:
        return None, [Problem(field, "required", QCoreApplication.translate("Properties", "a date is required"))]
    return value, []


# ---- binding by search ------------------------------------------------------------------------------------
class BindDialog(_FormDialog):
    """Find a resident (name, pinyin, ID number, phone) and bind them to `room`. `saved(Changes)`."""

    SEARCH_DELAY_MS = 250

    def __init__(self, ctx: Any, parent: QWidget | None, room: Any, address: str) -> None:
        super().__init__(ctx, parent)
        self.room = room
        self.setObjectName("bindDialog")
        self.setWindowTitle(self.tr("Bind a person to room %1").replace("%1", room.label))
        self.save_button.setText(self.tr("Bind"))
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search")
        self.search_box.setPlaceholderText(self.tr("Name, pinyin, ID number or phone"))
        self.search_box.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("results")
        self.results.setMinimumHeight(180)
        self.results.itemDoubleClicked.connect(lambda _i: self.save())
        self.start_edit = QLineEdit(format_date(date.today()))
        self.start_edit.setObjectName("start")
        self.start_edit.setMaximumWidth(140)
        self.relation = _relation_combo()
        self.where = QLabel(self.tr("Room %1 at %2").replace("%1", room.label).replace("%2", address))
        self.where.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Find:"), self.search_box)
        form.addRow(self.tr("Found:"), self.errors.wrap("person", self.results))
        form.addRow(self.tr("Start &date:"), self.errors.wrap("start", self.start_edit))
        form.addRow(self.tr("&Relation:"), self.relation)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addLayout(form)
        layout.addWidget(self._general_label())
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._seq = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())

    def run_search(self) -> None:
        self._timer.stop()
        text = self.search_box.text().strip()
        self._seq += 1
        seq = self._seq
        if not text:
            self.results.clear()
            return
        desk = self.ctx.desk

        def show(page: Any) -> None:
            if seq != self._seq:
                return
            self.results.clear()
            for r in page.items:
                parts = [r.name, r.id_number_masked or "", r.address or self.tr("no current address")]
                item = QListWidgetItem("  ·  ".join(p for p in parts if p))
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                self.results.addItem(item)
            if self.results.count():
                self.results.setCurrentRow(0)

        Op(self, lambda _t: desk.residents.find(text, limit=20), lane=Lane.DB).on_success(show).start()

    def save(self) -> None:
        if self._saving:
            return
        start, problems = _date_problems("start", self.start_edit.text())
        item = self.results.currentItem()
        if item is None:
            problems.append(Problem("person", "required", self.tr("find the person and choose them in the list")))
        if self._show_local(problems) or item is None or start is None:
            return
        person_id = item.data(Qt.ItemDataRole.UserRole)
        relation = TenancyRelation(self.relation.currentData())
        self._saving = True
        self.save_button.setEnabled(False)

        def done(changes: Any) -> None:
            self._saving = False
            self.saved.emit(changes)
            self.accept()

        def failed(exc: BaseException) -> bool:
            self._saving = False
            self.save_button.setEnabled(True)
            if isinstance(exc, ValidationError):
                self._show_local(list(exc.problems))
                return True
            if hasattr(exc, "render"):
                self.general.setText(i18n.message_of(exc))
                self.general.show()
                return True
            return False

        bind_person(self.ctx, self, person_id, self.room.id, start=start, relation=relation, on_done=done,
                    on_error=failed)


# ---- ending and moving ---------------------------------------------------------------------------------------
class EndTenancyDialog(_FormDialog):
    """End a binding: the move-out day (from that day on the person no longer lives in the room; ended
    with today, they are no longer bound now). `saved(Changes)`."""

    def __init__(self, ctx: Any, parent: QWidget | None, tenancy: Any, room_label: str) -> None:
        super().__init__(ctx, parent)
        self.tenancy = tenancy
        self.setObjectName("endTenancyDialog")
        self.setWindowTitle(self.tr("End binding"))
        self.save_button.setText(self.tr("End binding"))
        self.info = QLabel(self.tr("%1 in room %2 since %3.").replace("%1", tenancy.person_name).replace(
            "%2", room_label).replace("%3", tenancy.start_date.isoformat()))
        self.info.setWordWrap(True)
        self.end_edit = QLineEdit(format_date(date.today()))
        self.end_edit.setObjectName("end")
        self.end_edit.setMaximumWidth(140)
        form = QFormLayout()
        form.addRow(self.tr("&Moved out on:"), self.errors.wrap("end", self.end_edit))
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(form)
        layout.addWidget(self._general_label())
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def save(self) -> None:
        if self._saving:
            return
        end, problems = _date_problems("end", self.end_edit.text())
        if end is not None and end < self.tenancy.start_date:
            problems.append(Problem("end", "ends_before_start", self.tr("the binding started on %1").replace(
                "%1", self.tenancy.start_date.isoformat())))
        if self._show_local(problems) or end is None:
            return
        housing = self.ctx.desk.housing
        tid, version = self.tenancy.id, self.tenancy.version
        self._run(lambda _t: housing.end_tenancy(tid, base_version=version, end=end))


class MoveDialog(_FormDialog):
    """Move a tenant to another room of the property in one step (end + bind). `saved(Changes)`."""

    def __init__(self, ctx: Any, parent: QWidget | None, tenancy: Any, room_label: str, rooms: Any) -> None:
        super().__init__(ctx, parent)
        self.tenancy = tenancy
        self.setObjectName("moveDialog")
        self.setWindowTitle(self.tr("Move to another room"))
        self.save_button.setText(self.tr("Move"))
        self.info = QLabel(self.tr("%1, now in room %2.").replace("%1", tenancy.person_name).replace(
            "%2", room_label))
        self.info.setWordWrap(True)
        self.room_combo = QComboBox()
        self.room_combo.setObjectName("room")
        for r in rooms:
            if r.id != tenancy.room_id:
                self.room_combo.addItem(r.label, r.id)
        self.on_edit = QLineEdit(format_date(date.today()))
        self.on_edit.setObjectName("on")
        self.on_edit.setMaximumWidth(140)
        form = QFormLayout()
        form.addRow(self.tr("&To room:"), self.errors.wrap("room_id", self.room_combo))
        form.addRow(self.tr("&First day in the new room:"), self.errors.wrap("on", self.on_edit))
        note = QLabel(self.tr(
            "The binding to room %1 ends on that day: from then on the person counts in the new room only."
        ).replace("%1", room_label))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self._general_label())
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def save(self) -> None:
        from workstation.storage.areas.housing import OverlappingTenancy

        if self._saving:
            return
        on, problems = _date_problems("on", self.on_edit.text())
        room_id = self.room_combo.currentData()
        if room_id is None:
            problems.append(Problem("room_id", "required", self.tr("add another room first")))
        if self._show_local(problems) or on is None:
            return
        housing = self.ctx.desk.housing
        tid, version = self.tenancy.id, self.tenancy.version

        def overlap(exc: BaseException) -> bool:
            if not isinstance(exc, OverlappingTenancy):
                return False
            question = OverlapQuestion(self, exc, can_move=False)

            def answer(what: str) -> None:
                if what == "both":
                    self._run(lambda _t: housing.move_tenant(tid, base_version=version, room_id=room_id, on=on,
                                                             acknowledge_overlap=True))

            question.chosen.connect(answer)
            question.open()
            return True

        self._run(lambda _t: housing.move_tenant(tid, base_version=version, room_id=room_id, on=on),
                  on_failure=overlap)


def remove_room(ctx: Any, parent: QWidget, room: Any, on_done: Callable[[Any], None]) -> QMessageBox:
    """Ask, then remove `room`; the core's refusal (a current tenant) is shown in the window's message
    bar with its reason. Returns the (open, window-modal) question."""
    from PySide6.QtCore import QCoreApplication

    box = QMessageBox(parent)
    box.setObjectName("removeRoomQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Properties", "Remove room"))
    box.setText(QCoreApplication.translate("Properties", "Remove room %1? Its past bindings stay in the history.")
                .replace("%1", room.label))
    yes = box.addButton(QCoreApplication.translate("Properties", "Remove"), QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton(QCoreApplication.translate("Properties", "Keep"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    housing = ctx.desk.housing
    rid, version = room.id, room.version

    def refused(exc: BaseException) -> bool:
        show_error(parent, exc)  # RoomOccupied: the core's reason, in the window's message bar
        return True

    def clicked(button: Any) -> None:
        if button is yes:
            ctx.op(lambda _t: housing.remove_room(rid, base_version=version), parent=parent).on_success(
                on_done).on_failure(refused).start()

    box.buttonClicked.connect(clicked)
    box.open()
    return box
