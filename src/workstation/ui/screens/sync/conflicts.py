"""Conflicts on the Sync page: the list of changes the platform did not apply, and the dialog that shows
this station's version beside the platform's and records the officer's decision.

The list is `desk.conflicts.open()` (DB lane); the comparison `desk.conflicts.compare` fetches the
platform's copy with a signed request (NET lane); the decision is `desk.conflicts.resolve` (NET lane: it
fetches the platform's copy again, then writes the chosen version over the record here, or queues this
station's version to be sent again, so both sides converge with the next sync). A record deleted on one
side gets buttons and a note that say what each decision does to it. Both copies are personal data: the
comparison is audited by the core, and the dialog drops it when it closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.errors import Conflict, UserFacingError
from workstation.i18n import render
from workstation.sync.conflicts import Comparison, FieldDiff, OpenConflict, Resolution
from workstation.ui import i18n
from workstation.ui.context import DeskContext
from workstation.ui.screens.sync import run
from workstation.ui.screens.sync.model import local_time
from workstation.ui.tasks import Lane

Index = QModelIndex | QPersistentModelIndex
DIFF_BRUSH = QBrush(QColor("#fff4ce"))


def record_kind(record_type: str) -> str:
    labels = {
        "person": QCoreApplication.translate("Conflicts", "Resident"),
        "identity_document": QCoreApplication.translate("Conflicts", "Identity document"),
        "property": QCoreApplication.translate("Conflicts", "Rental property"),
        "room": QCoreApplication.translate("Conflicts", "Room"),
        "tenancy": QCoreApplication.translate("Conflicts", "Tenancy (who lives where)"),
        "declaration": QCoreApplication.translate("Conflicts", "Landlord declaration"),
        "spot_check": QCoreApplication.translate("Conflicts", "Spot check"),
        "task": QCoreApplication.translate("Conflicts", "Task"),
        "fingerprint": QCoreApplication.translate("Conflicts", "Fingerprint"),
    }
    return labels.get(record_type, record_type)


def field_label(name: str) -> str:
    """Words for a record field (the field's name when it has none)."""
    labels = {
        "name": QCoreApplication.translate("ConflictFields", "Name"),
        "name_latin": QCoreApplication.translate("ConflictFields", "Name (Latin letters)"),
        "sex": QCoreApplication.translate("ConflictFields", "Sex"),
        "birth_date": QCoreApplication.translate("ConflictFields", "Date of birth"),
        "phone": QCoreApplication.translate("ConflictFields", "Phone"),
        "employer": QCoreApplication.translate("ConflictFields", "Employer"),
        "arrival_date": QCoreApplication.translate("ConflictFields", "Arrived on"),
        "household_address": QCoreApplication.translate("ConflictFields", "Household registration address"),
        "nationality": QCoreApplication.translate("ConflictFields", "Nationality"),
        "visa_type": QCoreApplication.translate("ConflictFields", "Visa or permit type"),
        "visa_number": QCoreApplication.translate("ConflictFields", "Visa or permit number"),
        "entry_date": QCoreApplication.translate("ConflictFields", "Date of entry"),
        "stay_until": QCoreApplication.translate("ConflictFields", "Staying until"),
        "notes": QCoreApplication.translate("ConflictFields", "Notes"),
        "grid_code": QCoreApplication.translate("ConflictFields", "Grid"),
        "property_id": QCoreApplication.translate("ConflictFields", "Rental property (record id)"),
        "person_id": QCoreApplication.translate("ConflictFields", "Resident (record id)"),
        "room_id": QCoreApplication.translate("ConflictFields", "Room (record id)"),
        "tenancy_id": QCoreApplication.translate("ConflictFields", "Tenancy (record id)"),
        "doc_type": QCoreApplication.translate("ConflictFields", "Document type"),
        "number": QCoreApplication.translate("ConflictFields", "Document number"),
        "issuer": QCoreApplication.translate("ConflictFields", "Issued by"),
        "address": QCoreApplication.translate("ConflictFields", "Address"),
        "valid_from": QCoreApplication.translate("ConflictFields", "Valid from"),
        "valid_to": QCoreApplication.translate("ConflictFields", "Valid until"),
        "long_term": QCoreApplication.translate("ConflictFields", "Valid long-term"),
        "pass_number": QCoreApplication.translate("ConflictFields", "Permit number"),
        "issue_count": QCoreApplication.translate("ConflictFields", "Times issued"),
        "previous_number": QCoreApplication.translate("ConflictFields", "Previous number"),
        "source": QCoreApplication.translate("ConflictFields", "Source"),
        "validity_at_registration": QCoreApplication.translate("ConflictFields", "Validity when registered"),
        "kind": QCoreApplication.translate("ConflictFields", "Kind"),
        "landlord_name": QCoreApplication.translate("ConflictFields", "Landlord"),
        "landlord_phone": QCoreApplication.translate("ConflictFields", "Landlord's phone"),
        "landlord_id_number": QCoreApplication.translate("ConflictFields", "Landlord's ID number"),
        "manager_name": QCoreApplication.translate("ConflictFields", "Property manager"),
        "manager_phone": QCoreApplication.translate("ConflictFields", "Property manager's phone"),
        "assistant_username": QCoreApplication.translate("ConflictFields", "Assistant"),
        "district_code": QCoreApplication.translate("ConflictFields", "Police district"),
        "label": QCoreApplication.translate("ConflictFields", "Room"),
        "capacity": QCoreApplication.translate("ConflictFields", "Capacity"),
        "start_date": QCoreApplication.translate("ConflictFields", "From"),
        "end_date": QCoreApplication.translate("ConflictFields", "Until"),
        "relation": QCoreApplication.translate("ConflictFields", "Relation"),
        "updated_at": QCoreApplication.translate("ConflictFields", "Last changed (UTC)"),
        "deleted_at": QCoreApplication.translate("ConflictFields", "Deleted (UTC)"),
        "title": QCoreApplication.translate("ConflictFields", "Title"),
        "details": QCoreApplication.translate("ConflictFields", "Details"),
        "due_date": QCoreApplication.translate("ConflictFields", "Due"),
        "status": QCoreApplication.translate("ConflictFields", "Status"),
        "result": QCoreApplication.translate("ConflictFields", "Result"),
        "result_notes": QCoreApplication.translate("ConflictFields", "Result notes"),
    }
    return labels.get(name, name)


class ConflictsModel(QAbstractTableModel):
    """Open conflicts (`set_rows`). Columns: record, id, versions, detected."""

    COLUMNS = 4

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OpenConflict] = []

    def set_rows(self, rows: list[OpenConflict] | tuple[OpenConflict, ...]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, i: int) -> OpenConflict:
        return self._rows[i]

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        c = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return c.id
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return c.record_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return record_kind(c.record_type)
        if col == 1:
            return c.record_id[:8] + "…" if len(c.record_id) > 12 else c.record_id
        if col == 2:
            return (
                QCoreApplication.translate("Conflicts", "ours v{v} (from v{b}), platform v{p}")
                .replace("{v}", str(c.version))
                .replace("{b}", "—" if c.base_version is None else str(c.base_version))
                .replace("{p}", str(c.platform_version))
            )
        if col == 3:
            return local_time(c.detected_at)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        names = (
            QCoreApplication.translate("Conflicts", "Record"),
            QCoreApplication.translate("Conflicts", "Record id"),
            QCoreApplication.translate("Conflicts", "Versions"),
            QCoreApplication.translate("Conflicts", "Reported"),
        )
        return names[section] if 0 <= section < len(names) else None


class ComparisonModel(QAbstractTableModel):
    """The two versions field by field (`FieldDiff`s); differing fields first, marked."""

    COLUMNS = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FieldDiff] = []
        self.station_version = 0
        self.station_deleted = False
        self.platform_version: int | None = None
        self.platform_deleted = False

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self._rows = list(comparison.fields) if comparison is not None else []
        self.station_version = comparison.station_version if comparison is not None else 0
        self.station_deleted = comparison.station_deleted if comparison is not None else False
        platform = comparison.platform if comparison is not None else None
        self.platform_version = platform.version if platform is not None else None
        self.platform_deleted = platform.deleted if platform is not None else False
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)

    def row(self, i: int) -> FieldDiff:
        return self._rows[i]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.BackgroundRole:
            return DIFF_BRUSH if r.differs else None
        if role == Qt.ItemDataRole.FontRole and r.differs:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.UserRole:
            return r.name
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == 0:
            return field_label(r.name)
        if col == 1:
            return r.station
        if col == 2:
            return "" if r.platform is None else r.platform
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return QCoreApplication.translate("Conflicts", "Field")
        if section == 1:
            if self.station_deleted:
                return QCoreApplication.translate("Conflicts", "This station (version {v}, deleted)").replace(
                    "{v}", str(self.station_version)
                )
            return QCoreApplication.translate("Conflicts", "This station (version {v})").replace(
                "{v}", str(self.station_version)
            )
        if section == 2:
            if self.platform_version is None:
                return QCoreApplication.translate("Conflicts", "Central platform")
            if self.platform_deleted:
                return QCoreApplication.translate("Conflicts", "Central platform (version {v}, deleted)").replace(
                    "{v}", str(self.platform_version)
                )
            return QCoreApplication.translate("Conflicts", "Central platform (version {v})").replace(
                "{v}", str(self.platform_version)
            )
        return None


class ConflictDialog(QDialog):
    """Both versions of one conflicted record side by side and the decision. Window-modal (`open()`).

    `comparison` once loaded; `decided` is the choice carried out ("platform"/"station"), "" otherwise,
    and `resolution` what it did (`on_decided` gets it)."""

    def __init__(self, ctx: DeskContext, conflict: OpenConflict, *, parent: QWidget,
                 on_decided: Callable[[Resolution], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ctx = ctx
        self.conflict = conflict
        self.comparison: Comparison | None = None
        self.decided = ""
        self.resolution: Resolution | None = None
        self.failure = ""
        self._on_decided = on_decided
        self.setMinimumSize(820, 520)
        self.resize(900, 600)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)
        self.heading = QLabel()
        self.heading.setObjectName("conflict_heading")
        f = self.heading.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.25)
        self.heading.setFont(f)
        lay.addWidget(self.heading)
        self.explain = QLabel()
        self.explain.setObjectName("conflict_explain")
        self.explain.setWordWrap(True)
        lay.addWidget(self.explain)
        self.missing = QLabel()
        self.missing.setObjectName("conflict_missing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("padding: 6px; border: 1px solid #c8a600; background: #fff4ce; color: #3d2e00;")
        self.missing.hide()
        lay.addWidget(self.missing)
        self.model = ComparisonModel(self)
        self.table = QTableView()
        self.table.setObjectName("conflict_fields")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        note_row = QHBoxLayout()
        self.note_label = QLabel()
        self.note = QLineEdit()
        self.note.setObjectName("conflict_note")
        self.note.setMaxLength(120)
        self.note_label.setBuddy(self.note)
        note_row.addWidget(self.note_label)
        note_row.addWidget(self.note, 1)
        lay.addLayout(note_row)
        self.error = QLabel()
        self.error.setObjectName("conflict_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4262c;")
        self.error.hide()
        lay.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.platform_button = QPushButton()
        self.platform_button.setObjectName("conflict_take_platform")
        self.platform_button.clicked.connect(lambda: self.decide("platform"))
        self.station_button = QPushButton()
        self.station_button.setObjectName("conflict_keep_station")
        self.station_button.clicked.connect(lambda: self.decide("station"))
        self.close_button = QPushButton()
        self.close_button.setObjectName("conflict_close")
        self.close_button.clicked.connect(self.reject)
        for b in (self.platform_button, self.station_button, self.close_button):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        for b in (self.platform_button, self.station_button):
            b.setEnabled(False)
        self._texts()
        self._load()

    # ---- texts ----------------------------------------------------------------------------------------
    def _texts(self) -> None:
        c = self.conflict
        cmp = self.comparison
        self.setWindowTitle(self.tr("Conflict with the central platform"))
        self.heading.setText(
            self.tr("{kind} {id}: two versions").replace("{kind}", record_kind(c.record_type)).replace(
                "{id}", c.record_id[:8]
            )
        )
        self.explain.setText(
            self.tr(
                "The platform did not apply this station's change (version {v}, made from version {b}) because it "
                "already holds version {p}. Compare the two; the fields that differ are marked and listed first. "
                "Then decide which version stands: accepting the platform's version writes it over the record "
                "here; keeping this station's version sends it to the platform again with the next sync. Either "
                "way both end up holding the same record."
            )
            .replace("{v}", str(c.version))
            .replace("{b}", "—" if c.base_version is None else str(c.base_version))
            .replace("{p}", str(c.platform_version))
        )
        self.note_label.setText(self.tr("&Note (optional):"))
        self.note.setPlaceholderText(self.tr("e.g. confirmed with the resident by phone"))
        platform_deleted = cmp is not None and cmp.platform is not None and cmp.platform.deleted
        station_deleted = cmp is not None and cmp.station_deleted
        if cmp is not None and cmp.not_owner:
            self.platform_button.setText(self.tr("Withdraw this station's change"))
        elif platform_deleted and not station_deleted:
            self.platform_button.setText(self.tr("Accept: delete it here too"))
        elif station_deleted and not platform_deleted:
            self.platform_button.setText(self.tr("Accept: restore it here"))
        else:
            self.platform_button.setText(self.tr("Accept the platform's version"))
        if platform_deleted and not station_deleted:
            self.station_button.setText(self.tr("Keep: restore it on the platform"))
        elif station_deleted and not platform_deleted:
            self.station_button.setText(self.tr("Keep it deleted"))
        else:
            self.station_button.setText(self.tr("Keep this station's version"))
        self.close_button.setText(self.tr("Decide later"))
        if cmp is not None:
            note = self._state_note(cmp)
            self.missing.setText(note)
            self.missing.setVisible(bool(note))
        elif not self.failure:
            self.missing.setText(self.tr("Fetching the platform's copy…"))
            self.missing.show()

    def _state_note(self, cmp: Comparison) -> str:
        """What the decision does when the platform shows no copy or one side deleted the record ("" when
        both hold it)."""
        if cmp.platform_missing:
            shown = self.tr("The platform's copy cannot be shown: {reason}.").replace(
                "{reason}", render(cmp.platform_missing, i18n.current())
            )
            if cmp.not_owner:
                return shown + " " + self.tr(
                    "This station's change cannot be sent to it. You can only withdraw the change; the record "
                    "here is left as it is."
                )
            return shown + " " + self.tr("Keeping this station's version sends it to the platform again.")
        platform_deleted = cmp.platform is not None and cmp.platform.deleted
        if platform_deleted and not cmp.station_deleted:
            if cmp.conflict.record_type == "person":
                return self.tr(
                    "The platform has deleted this resident. Accepting its version deletes the resident here too, "
                    "with their bindings to rooms; keeping this station's version restores the resident on the "
                    "platform."
                )
            return self.tr(
                "The platform has deleted this record. Accepting its version deletes it here too; keeping this "
                "station's version restores it on the platform."
            )
        if cmp.station_deleted and not platform_deleted:
            return self.tr(
                "This record was deleted here. Accepting the platform's version restores it here with the "
                "platform's values; keeping this station's version asks the platform to delete its copy too."
            )
        if cmp.station_deleted and platform_deleted:
            return self.tr("Both sides have deleted this record; either decision keeps it deleted.")
        return ""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._texts()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.COLUMNS - 1)
            if self.model.rowCount():
                self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(self.model.rowCount() - 1, 0))
        super().changeEvent(event)

    # ---- loading --------------------------------------------------------------------------------------
    def _load(self) -> None:
        conflicts = self.ctx.desk.conflicts
        db = self.ctx.db
        cid = self.conflict.id

        def work(_token: Any) -> Comparison:
            client = run.client_factory(db)
            try:
                comparison: Comparison = conflicts.compare(cid, client=client)
                return comparison
            finally:
                client.close()

        self.ctx.op(work, lane=Lane.NET, parent=self).on_success(self._show).on_failure(self._failed).start()

    def _show(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.model.set_comparison(comparison)
        self._texts()
        self.platform_button.setEnabled("platform" in comparison.choices)
        self.station_button.setEnabled("station" in comparison.choices)
        self.station_button.setVisible("station" in comparison.choices or not comparison.not_owner)
        default = self.station_button if "station" in comparison.choices else self.platform_button
        default.setDefault(True)

    def _failed(self, exc: BaseException) -> bool:
        if not isinstance(exc, UserFacingError):
            return False
        self.failure = i18n.message_of(exc)
        self.missing.hide()
        if self.comparison is None:
            self.error.setText(
                self.tr("The comparison could not be loaded: {reason}").replace("{reason}", self.failure)
            )
        else:
            self.error.setText(self.tr("Nothing was decided: {reason}").replace("{reason}", self.failure))
        self.error.show()
        return True

    # ---- deciding -------------------------------------------------------------------------------------
    def decide(self, choice: str) -> None:
        """Carry out `choice` ("platform" or "station") on the NET lane (the core fetches the platform's copy
        again and refuses when it moved on since this comparison: the comparison is then loaded again)."""
        conflicts = self.ctx.desk.conflicts
        db = self.ctx.db
        cid = self.conflict.id
        note = self.note.text()
        cmp = self.comparison
        seen = cmp.platform.version if cmp is not None and cmp.platform is not None else None
        for b in (self.platform_button, self.station_button):
            b.setEnabled(False)
        self.error.hide()

        def work(_token: Any) -> Resolution:
            client = run.client_factory(db)
            try:
                resolution: Resolution = conflicts.resolve(
                    cid, choice=choice, note=note, client=client, seen_version=seen
                )
                return resolution
            finally:
                client.close()

        def done(resolution: Resolution) -> None:
            self.decided = choice
            self.resolution = resolution
            if resolution.changes:
                self.ctx.station.broadcast(resolution.changes)  # the screens showing the record refresh
            if self._on_decided is not None:
                self._on_decided(resolution)
            self.accept()

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, Conflict):  # the platform moved on: show what it holds now
                handled = self._failed(exc)
                self.comparison = None
                self.model.set_comparison(None)
                self.failure = ""
                self._load()
                return handled
            if self.comparison is not None:
                self.platform_button.setEnabled("platform" in self.comparison.choices)
                self.station_button.setEnabled("station" in self.comparison.choices)
            return self._failed(exc)

        self.ctx.op(work, lane=Lane.NET, parent=self).on_success(done).on_failure(failed).start()

    def done(self, result: int) -> None:
        self.model.set_comparison(None)  # the two copies are personal data: not kept after closing
        self.comparison = None
        super().done(result)
