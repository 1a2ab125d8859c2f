"""The audit viewer (supervisor, administrator): the station's tamper-evident trail, filtered by
operator, person, event kind and date range, loaded a page at a time as the table scrolls; "verify
chain" walks the whole chain on the DB lane with a progress dialog (cancellable) and names the first
broken row; "export" writes the filtered view to a CSV file for an inspection (itself audited).

Every read runs on the DB lane through the core (`desk.supervision`): `audit_trail`, `audit_actors`,
`verify_audit`, `export_audit`, and `desk.residents.find` for the person filter.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.domain.permissions import Permission
from workstation.errors import UserFacingError
from workstation.i18n import render
from workstation.sync.audit_words import KIND_LABELS
from workstation.ui import i18n
from workstation.ui.context import DeskContext
from workstation.ui.pages import NavItem, PageBase
from workstation.ui.screens.audit.model import AuditQuery, AuditTrailModel, subject_text
from workstation.ui.tasks import OpHandle
from workstation.ui.widgets.tables import steady_view

_BOX = "padding: 8px; border: 1px solid {b}; background: {bg}; color: {fg};"
OK_STYLE = _BOX.format(b="#5a9e5a", bg="#e8f5e8", fg="#12361a")
BAD_STYLE = _BOX.format(b="#c42b1c", bg="#fde7e9", fg="#8c1d18")
FIELD_ERROR_STYLE = "color: #a4262c;"
NO_DATE = QDate(2000, 1, 1)  # the date edits' "any" value (shown as the special value text)
FILTER_DELAY_MS = 150
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# The event kinds offered, in order (keys of `storage.areas.supervision.AUDIT_KINDS`, and "refused").
KINDS = ("sign_in", "read", "change", "export", "sync", "admin", "refused")


def local_midnight_utc(d: date) -> datetime:
    """Local midnight at the start of `d` as a naive UTC time (how the trail stores times)."""
    return datetime(d.year, d.month, d.day).astimezone().astimezone(UTC).replace(tzinfo=None)


class AuditPage(PageBase):
    """The audit viewer (nav key ``audit``, permission READ_AUDIT).

    `apply_filters()` runs the current filter; `verify_chain()` starts the verification (returns its
    `OpHandle`); `export_to(path)` writes the filtered view. `last_verify` is the last `VerifyResult`."""

    nav_key = "audit"
    permission = Permission.READ_AUDIT

    def __init__(self, ctx: DeskContext, item: NavItem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = AuditTrailModel(ctx, self)
        self.last_verify: Any = None
        self.last_export: tuple[Path, int] | None = None
        self._person_id: str | None = None
        self._person_label = ""
        self._person_hits: list[tuple[str, str]] = []
        self._verify: OpHandle | None = None
        self._export: OpHandle | None = None
        self._actors_loaded = False

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 12)
        lay.setSpacing(8)
        self.heading = QLabel()
        self.heading.setObjectName("audit_heading")
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        self.heading.setFont(f)
        lay.addWidget(self.heading)
        self.intro = QLabel()
        self.intro.setObjectName("audit_intro")
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)

        # ---- filters ------------------------------------------------------------------------------
        row1 = QHBoxLayout()
        self.actor_label = QLabel()
        self.actor_box = QComboBox()
        self.actor_box.setObjectName("audit_actor")
        self.actor_box.setEditable(True)
        self.actor_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.actor_box.setMinimumWidth(160)
        self.actor_box.addItem("", None)
        self.actor_box.currentIndexChanged.connect(self._schedule)
        actor_edit = self.actor_box.lineEdit()
        assert actor_edit is not None  # editable
        actor_edit.editingFinished.connect(self._schedule)
        self.actor_label.setBuddy(self.actor_box)
        self.kind_label = QLabel()
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("audit_kind")
        self.kind_box.addItem("", None)
        for k in KINDS:
            self.kind_box.addItem(k, k)
        self.kind_box.currentIndexChanged.connect(self._schedule)
        self.kind_label.setBuddy(self.kind_box)
        self.from_label = QLabel()
        self.from_box = self._date_edit("audit_from")
        self.from_label.setBuddy(self.from_box)
        self.to_label = QLabel()
        self.to_box = self._date_edit("audit_to")
        self.to_label.setBuddy(self.to_box)
        filters: tuple[QWidget, ...] = (self.actor_label, self.actor_box, self.kind_label, self.kind_box,
                                        self.from_label, self.from_box, self.to_label, self.to_box)
        for w in filters:
            row1.addWidget(w)
        row1.addStretch(1)
        lay.addLayout(row1)

        row2 = QHBoxLayout()
        self.person_label = QLabel()
        self.person_box = QLineEdit()
        self.person_box.setObjectName("audit_person")
        self.person_box.setClearButtonEnabled(True)
        self.person_box.setMinimumWidth(280)
        self.person_box.returnPressed.connect(self.find_person)
        self.person_box.textEdited.connect(self._person_edited)
        self.person_label.setBuddy(self.person_box)
        self.person_find = QPushButton()
        self.person_find.setObjectName("audit_person_find")
        self.person_find.clicked.connect(self.find_person)
        self.person_choice = QComboBox()
        self.person_choice.setObjectName("audit_person_choice")
        self.person_choice.setMinimumWidth(260)
        self.person_choice.activated.connect(self._person_chosen)
        self.person_choice.hide()
        self.person_error = QLabel()
        self.person_error.setObjectName("audit_person_error")
        self.person_error.setStyleSheet(FIELD_ERROR_STYLE)
        self.person_error.hide()
        self.person_clear = QPushButton()
        self.person_clear.setObjectName("audit_person_clear")
        self.person_clear.clicked.connect(self.clear_person)
        self.person_clear.hide()
        person: tuple[QWidget, ...] = (self.person_label, self.person_box, self.person_find, self.person_choice,
                                       self.person_clear, self.person_error)
        for w in person:
            row2.addWidget(w)
        row2.addStretch(1)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("audit_reset")
        self.reset_button.clicked.connect(self.reset_filters)
        row2.addWidget(self.reset_button)
        self.verify_button = QPushButton()
        self.verify_button.setObjectName("audit_verify")
        self.verify_button.clicked.connect(self.verify_chain)
        row2.addWidget(self.verify_button)
        self.export_button = QPushButton()
        self.export_button.setObjectName("audit_export")
        self.export_button.clicked.connect(self.choose_export)
        row2.addWidget(self.export_button)
        lay.addLayout(row2)

        verify_row = QHBoxLayout()
        self.verify_box = QLabel()
        self.verify_box.setObjectName("audit_verify_result")
        self.verify_box.setWordWrap(True)
        self.verify_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_box.hide()
        verify_row.addWidget(self.verify_box, 1)
        self.show_broken = QPushButton()
        self.show_broken.setObjectName("audit_show_broken")
        self.show_broken.clicked.connect(self.show_broken_row)
        self.show_broken.hide()
        verify_row.addWidget(self.show_broken)
        lay.addLayout(verify_row)

        # ---- the table ----------------------------------------------------------------------------
        self.table = QTableView()
        self.table.setObjectName("audit_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        steady_view(self.table)  # each page of the trail painted once
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(self._row_double_clicked)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(40)
        header.setStretchLastSection(True)  # the details take what is left
        self._fit_columns()
        lay.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setObjectName("audit_status")
        lay.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filters)
        self.model.searched.connect(self._on_searched)
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        self.model.failed.connect(self._on_failed)
        self.model.loading.connect(lambda _b: self._show_count())
        self.retranslate()

    # the columns' widths: No., time, operator, event, outcome, about (the details take the rest)
    WIDTHS = (48, 134, 80, 164, 44, 240)
    DETAILS_MIN = 120  # the About column gives way (down to ABOUT_MIN) so that the details keep this much
    ABOUT_MIN = 150

    def _fit_columns(self) -> None:
        """Each column at its width, never narrower than its title in the UI language ("Outcome" is wider
        than 结果); on a narrow page (the demo desk beside it) the About column narrows first."""
        header = self.table.horizontalHeader()
        fm = header.fontMetrics()
        widths = []
        for col, width in enumerate(self.WIDTHS):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            widths.append(max(width, fm.horizontalAdvance(title) + 24))
        room = self.table.viewport().width() - sum(widths[:-1]) - self.DETAILS_MIN
        widths[-1] = max(min(widths[-1], room), self.ABOUT_MIN)
        for col, width in enumerate(widths):
            header.resizeSection(col, width)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _date_edit(self, name: str) -> QDateEdit:
        box = QDateEdit()
        box.setObjectName(name)
        box.setCalendarPopup(True)
        box.setDisplayFormat("yyyy-MM-dd")
        box.setMinimumDate(NO_DATE)
        box.setDate(NO_DATE)
        box.dateChanged.connect(self._schedule)
        return box

    # ---- PageBase ------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Audit trail")

    def on_shown(self) -> None:
        if self.model.rowCount() == 0 and not self.model.busy:
            self.apply_filters()  # first on the DB lane: the rows are what the supervisor waits for
        if not self._actors_loaded:
            self._load_actors()

    def clear_personal(self) -> None:
        self._timer.stop()
        self.model.clear()
        self.clear_person(search=False)
        self.person_box.clear()
        self.verify_box.hide()
        self.show_broken.hide()
        self.status.clear()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Audit trail"))
        self.intro.setText(
            self.tr(
                "Who read or changed what on this workstation, and when, newest first. Every row is chained to "
                "the one before it, so a row changed or removed afterwards is found by \"Verify chain\". "
                "ID numbers appear masked, as they were recorded."
            )
        )
        self.actor_label.setText(self.tr("&Operator:"))
        self.actor_box.setItemText(0, self.tr("All operators"))
        self.actor_box.setToolTip(self.tr("Choose an operator, or type a user name"))
        self.kind_label.setText(self.tr("&Event:"))
        names: dict[str | None, str] = {k: render(v, i18n.current()) for k, v in KIND_LABELS.items()}
        names[None] = self.tr("All events")
        for i in range(self.kind_box.count()):
            self.kind_box.setItemText(i, names.get(self.kind_box.itemData(i), str(self.kind_box.itemData(i))))
        self.from_label.setText(self.tr("&From:"))
        self.to_label.setText(self.tr("&To:"))
        for box in (self.from_box, self.to_box):
            box.setSpecialValueText(self.tr("any date"))
        self.person_label.setText(self.tr("&Person:"))
        if self.ctx.can(Permission.READ_PERSON):
            self.person_box.setPlaceholderText(self.tr("Name or ID number of a resident, then Enter"))
        else:
            self.person_box.setPlaceholderText(self.tr("Double-click a row about a resident, or paste its record id"))
        self.person_box.setToolTip(
            self.tr("Your role may not search residents by name or ID number. Rows about a resident show "
                    "the resident's name and masked ID number in the About column: double-click such a row to "
                    "list only that resident's events.")
            if not self.ctx.can(Permission.READ_PERSON)
            else self.tr("Find a resident by name or ID number, or double-click a row about a resident")
        )
        self.person_find.setText(self.tr("Find"))
        self.person_clear.setText(self.tr("Any person"))
        self._fit_columns()
        self.person_choice.setToolTip(self.tr("Several residents match: choose one"))
        self.reset_button.setText(self.tr("Clear filters"))
        self.verify_button.setText(self.tr("Verify chain"))
        self.verify_button.setToolTip(
            self.tr("Check every row of the trail against the chain: names the first row changed or removed")
        )
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(
            self.tr("Write the rows of the current filter to a CSV file for an inspection (recorded in the trail)")
        )
        self.show_broken.setText(self.tr("Show that row"))
        self._render_verify()
        self.model.retranslate()
        self._show_count()

    # ---- filters -------------------------------------------------------------------------------------
    def _schedule(self, *_args: Any) -> None:
        self._timer.start()

    def current_query(self) -> AuditQuery:
        actor_text = self.actor_box.currentText().strip()
        actor: str | None = None
        if self.actor_box.currentIndex() > 0 and actor_text == self.actor_box.itemText(self.actor_box.currentIndex()):
            actor = self.actor_box.currentData() or actor_text
        elif actor_text and actor_text != self.actor_box.itemText(0):
            actor = actor_text
        since = until = None
        if self.from_box.date() != NO_DATE:
            since = local_midnight_utc(_py_date(self.from_box.date()))
        if self.to_box.date() != NO_DATE:
            until = local_midnight_utc(_py_date(self.to_box.date()) + timedelta(days=1))
        return AuditQuery(
            actor=actor, target_id=self._person_id, kind=self.kind_box.currentData(), since=since, until=until
        )

    def apply_filters(self) -> None:
        """Run the current filter (first page; more as the table scrolls)."""
        self._timer.stop()
        self.model.highlight_seq = None
        self.model.search(self.current_query())

    def reset_filters(self) -> None:
        for w in (self.actor_box, self.kind_box, self.from_box, self.to_box):
            w.blockSignals(True)
        self.actor_box.setCurrentIndex(0)
        self.actor_box.setEditText(self.actor_box.itemText(0))
        self.kind_box.setCurrentIndex(0)
        self.from_box.setDate(NO_DATE)
        self.to_box.setDate(NO_DATE)
        for w in (self.actor_box, self.kind_box, self.from_box, self.to_box):
            w.blockSignals(False)
        self.person_box.clear()
        self.clear_person(search=False)
        self.apply_filters()

    def _load_actors(self) -> None:
        supervision = self.ctx.desk.supervision
        self._actors_loaded = True

        def show(names: tuple[str, ...]) -> None:
            current = self.actor_box.currentText()
            self.actor_box.blockSignals(True)
            while self.actor_box.count() > 1:
                self.actor_box.removeItem(1)
            for n in names:
                self.actor_box.addItem(n, n)
            self.actor_box.setEditText(current)
            self.actor_box.blockSignals(False)

        self.ctx.op(lambda _t: supervision.audit_actors(), parent=self).on_success(show).start()

    # ---- the person filter ----------------------------------------------------------------------------
    def _person_edited(self, _text: str) -> None:
        self.person_error.hide()

    def find_person(self) -> None:
        """Resolve the person box: a record id is used as it is; otherwise (roles that may read residents)
        the residents matching the text are looked up — one is taken, several are offered to choose."""
        text = self.person_box.text().strip()
        self.person_error.hide()
        if not text:
            self.clear_person()
            return
        if _UUID.match(text):
            self._set_person(text.lower(), text.lower())
            return
        if not self.ctx.can(Permission.READ_PERSON):
            self._person_problem(self.tr("Enter a resident's record id (36 characters, with dashes)."))
            return
        residents = self.ctx.desk.residents
        self.person_find.setEnabled(False)
        self.ctx.op(lambda _t: residents.find(text, limit=20), parent=self).on_success(self._person_found).on_failure(
            self._person_failed
        ).on_finished(lambda: self.person_find.setEnabled(True)).start()

    def _person_found(self, page: Any) -> None:
        hits = [(r.id, _person_text(r)) for r in page.items]
        self._person_hits = hits
        if not hits:
            self.person_choice.hide()
            self._person_problem(self.tr("No resident matches this name or number."))
            return
        if len(hits) == 1:
            self.person_choice.hide()
            self._set_person(*hits[0])
            return
        self.person_choice.clear()
        self.person_choice.addItem(self.tr("Choose one of %n resident(s)…", "", len(hits)), None)
        for pid, label in hits:
            self.person_choice.addItem(label, pid)
        self.person_choice.show()

    def _person_failed(self, exc: BaseException) -> bool:
        if isinstance(exc, UserFacingError):
            self._person_problem(i18n.message_of(exc))
            return True
        return False

    def _person_problem(self, text: str) -> None:
        self.person_error.setText(text)
        self.person_error.show()

    def _person_chosen(self, index: int) -> None:
        pid = self.person_choice.itemData(index)
        if pid:
            self.person_choice.hide()
            self._set_person(pid, self.person_choice.itemText(index))

    def choose_person(self, person_id: str) -> None:
        """Take `person_id` among the offered matches (what choosing in the list does)."""
        index = self.person_choice.findData(person_id)
        if index >= 0:
            self.person_choice.setCurrentIndex(index)
            self._person_chosen(index)

    def _row_double_clicked(self, index: Any) -> None:
        """A row about a resident narrows the trail to that resident (its record id in the filter)."""
        if not index.isValid():
            return
        r = self.model.row(index.row())
        if r.target_type == "person" and r.target_id:
            self._set_person(r.target_id, subject_text(r) or r.target_id)

    def _set_person(self, person_id: str, label: str) -> None:
        self._person_id = person_id
        self._person_label = label
        self.person_box.setText(label)
        self.person_box.setReadOnly(True)
        self.person_find.hide()
        self.person_clear.show()
        self.person_error.hide()
        self.apply_filters()

    def clear_person(self, *, search: bool = True) -> None:
        was = self._person_id is not None
        self._person_id = None
        self._person_label = ""
        self.person_box.setReadOnly(False)
        if was:
            self.person_box.clear()
        self.person_find.show()
        self.person_clear.hide()
        self.person_choice.hide()
        self.person_error.hide()
        if search and was:
            self.apply_filters()

    # ---- the list --------------------------------------------------------------------------------------
    def _on_searched(self, _query: AuditQuery, _seconds: float) -> None:
        self._show_count()
        if self._person_id is not None and self._person_label == self._person_id:  # a record id was pasted
            for r in self.model.rows:
                if getattr(r, "target_id", None) == self._person_id and subject_text(r):
                    self._person_label = subject_text(r)
                    self.person_box.setText(self._person_label)  # the resident in words, not the id
                    break
        seq = self.model.highlight_seq
        row = self.model.row_of(seq) if seq is not None else -1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        elif self.model.rowCount():
            self.table.scrollToTop()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        if self.model.busy and n == 0:
            self.status.setText(self.tr("Reading the trail…"))
        elif n == 0:
            self.status.setText(self.tr("No event matches these filters."))
        elif self.model.has_more():
            self.status.setText(self.tr("%n event(s) shown; more load as you scroll down.", "", n))
        else:
            self.status.setText(self.tr("%n event(s).", "", n))

    def _on_failed(self, exc: BaseException) -> None:
        from workstation.ui.errors import show_error

        show_error(self, exc)

    # ---- verify chain -----------------------------------------------------------------------------------
    @property
    def verifying(self) -> bool:
        return self._verify is not None and not self._verify.done

    def verify_chain(self) -> OpHandle | None:
        """Walk the whole chain on the DB lane (progress dialog after ~0.5 s, cancellable)."""
        if self.verifying:
            return None
        supervision = self.ctx.desk.supervision
        self.verify_button.setEnabled(False)
        self.last_verify = None

        def finished() -> None:
            self.verify_button.setEnabled(True)

        self._verify = (
            self.ctx.op(lambda token: supervision.verify_audit(progress=token), parent=self)
            .on_success(self._verified)
            .on_finished(finished)
            .with_progress(self.tr("Verifying the audit trail…"), cancellable=True)
            .start()
        )
        return self._verify

    def _verified(self, result: Any) -> None:
        self.last_verify = result
        self._render_verify()
        if result.ok or result.first_broken_seq is None:
            self.apply_filters()  # the check itself is a new row at the top
        else:
            self.show_broken_row()

    def _render_verify(self) -> None:
        res = self.last_verify
        if res is None:
            self.verify_box.hide()
            self.show_broken.hide()
            return
        reason = render(res.message, i18n.current())
        if res.ok:
            self.verify_box.setStyleSheet(OK_STYLE)
            self.verify_box.setText(
                self.tr("The audit trail is intact: %n row(s) checked, none changed or removed.", "",
                        res.rows_checked
                )
            )
            self.show_broken.hide()
        elif res.first_broken_seq is not None:
            self.verify_box.setStyleSheet(BAD_STYLE)
            self.verify_box.setText(
                self.tr(
                    "The audit trail is broken at row {seq}: {reason}. Rows after it cannot be trusted either. "
                    "Report this to the station's supervisor and keep the workstation as it is for an inspection."
                )
                .replace("{seq}", str(res.first_broken_seq))
                .replace("{reason}", reason)
            )
            self.show_broken.show()
        else:
            self.verify_box.setStyleSheet(BAD_STYLE)
            self.verify_box.setText(
                self.tr(
                    "The audit trail failed its check: {reason}. Report this to the station's supervisor and keep "
                    "the workstation as it is for an inspection."
                ).replace("{reason}", reason)
            )
            self.show_broken.hide()
        self.verify_box.show()

    def show_broken_row(self) -> None:
        """List the trail from the first broken row down, that row selected and marked."""
        res = self.last_verify
        if res is None or res.first_broken_seq is None:
            return
        seq = int(res.first_broken_seq)
        self.model.highlight_seq = seq
        self.model.search(AuditQuery(upto_seq=seq))

    # ---- export -------------------------------------------------------------------------------------------
    def choose_export(self) -> None:
        """Ask where to write the CSV (a Qt file dialog, window-modal), then export."""
        name = f"audit-{self.ctx.station.station_code or 'station'}-{datetime.now():%Y%m%d-%H%M}.csv"
        dialog = QFileDialog(self, self.tr("Export the audit trail"), str(Path.home() / name))
        dialog.setObjectName("audit_export_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("Spreadsheet files (CSV)") + " (*.csv)")
        dialog.setDefaultSuffix("csv")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()

    def export_to(self, path: Path) -> OpHandle | None:
        """Write the rows of the current filter to `path` (DB lane, progress dialog, cancellable)."""
        if self._export is not None and not self._export.done:
            return None
        supervision = self.ctx.desk.supervision
        query = self.model.query
        self.export_button.setEnabled(False)

        def work(token: Any) -> int:
            return int(supervision.export_audit(Path(path), **query.core_filter(), progress=token))

        def done(rows: int) -> None:
            self.last_export = (Path(path), rows)
            win = self.window()
            text = self.tr("%n event(s) written to {path}.", "", rows).replace("{path}", str(path))
            if hasattr(win, "show_message"):
                win.show_message(text, "info")
            else:
                self.status.setText(text)
            self.apply_filters()  # the export is a new row at the top

        def finished() -> None:
            self.export_button.setEnabled(True)

        self._export = (
            self.ctx.op(work, parent=self)
            .on_success(done)
            .on_finished(finished)
            .with_progress(self.tr("Exporting the audit trail…"), cancellable=True)
            .start()
        )
        return self._export


def _py_date(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def _person_text(row: Any) -> str:
    """A resident in the person filter: name, masked ID number, date of birth."""
    parts = [row.name or row.name_latin or ""]
    if row.id_number_masked:
        parts.append(row.id_number_masked)
    if row.birth_date:
        parts.append(row.birth_date.isoformat())
    return "  ".join(p for p in parts if p)
