"""A resident's record: documents, bindings with their history, fingerprints; edit and delete.

Opening it is an audited read (`desk.residents.get`). Edits carry the version the operator saw, so
a record changed meanwhile (on this desk or by sync) is refused with a clear conflict message and a
Reload button instead of overwriting the other change. Delete asks for the reason and is offered
only where the role may register residents. Fingerprints show which finger and how good, never
the template.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workstation.domain.enums import DocumentType, Sex, VisaType
from workstation.domain.permissions import Permission
from workstation.errors import Conflict, ValidationError
from workstation.i18n import render
from workstation.ui import i18n
from workstation.ui.screens.registration import texts
from workstation.ui.screens.registration.form import add_fingerprint, fingerprint_policy, present
from workstation.ui.screens.registration.logic import format_date, parse_date
from workstation.ui.screens.residents.delete import DeleteResidentDialog
from workstation.ui.tasks import Lane, Op
from workstation.ui.widgets.field_errors import FieldErrors

# a foreign guest's stay: shown for a foreign national (a passport, a foreign nationality, or a stay on record)
STAY = ("visa_type", "visa_number", "entry_date", "stay_until")
EDITABLE = ("name", "sex", "birth_date", "phone", "employer", "arrival_date", "household_address", *STAY, "notes")
DATES = ("birth_date", "arrival_date", "entry_date", "stay_until")
# what a document's chip or MRZ says: not typed over once a device read it
FROM_DOCUMENT = ("name", "sex", "birth_date")


def _local(when: datetime) -> str:
    """A stored time (naive UTC) in this computer's time zone, to the minute."""
    return when.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def read_from_device(detail: Any) -> bool:
    """The record's identity fields came from a card's chip or a passport's MRZ (a document read by a
    device: source "card" or "mrz")."""
    return any(getattr(d, "source", None) in ("card", "mrz") for d in detail.documents)


def is_foreign_guest(detail: Any) -> bool:
    """The record is a foreign national's: a passport among the documents, a nationality other than
    China's, or a stay already recorded."""
    return (
        any(getattr(detail, f) is not None for f in STAY)
        or any(d.doc_type is DocumentType.PASSPORT for d in detail.documents)
        or (detail.nationality or "CHN") != "CHN"
    )


def _can(ctx: Any, permission: Permission) -> bool:
    can = getattr(ctx, "can", None)
    return bool(can(permission)) if callable(can) else True


def open_detail(ctx: Any, parent: QWidget | None, person_id: str) -> None:
    """Read the record (audited, DB lane) and show it in a window of its own."""
    desk = ctx.desk
    anchor = parent if parent is not None else ctx.runner

    def show(detail: Any) -> None:
        present(ResidentDetailDialog(ctx, parent, detail))

    Op(anchor, lambda _t: desk.residents.get(person_id), lane=Lane.DB).on_success(show).start()


class ResidentDetailDialog(QDialog):
    """One resident's record. `changed_record(person_id)` after a save or delete."""

    changed_record = Signal(str)

    def __init__(self, ctx: Any, parent: QWidget | None, detail: Any, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.today = today or date.today()
        self._busy = False
        self.delete_dialog: DeleteResidentDialog | None = None  # the reason asked by `delete`, while open
        self.setObjectName("residentDetail")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.errors = FieldErrors()
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        may_edit = _can(ctx, Permission.REGISTER)

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.heading.setFont(f)
        self.conflict = QLabel()
        self.conflict.setObjectName("conflict")
        self.conflict.setWordWrap(True)
        self.conflict.setStyleSheet("QLabel#conflict { background: #fdecea; color: #8a1c1c; border: 1px solid #8a1c1c;"
                                    " padding: 6px; }")
        self.conflict.hide()

        person = QWidget()
        form = QFormLayout(person)
        self.person_form = form
        self._rows: dict[str, QWidget] = {}
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in EDITABLE:
            if name == "sex":
                ed: QWidget = QComboBox()
                for s in (Sex.MALE, Sex.FEMALE, Sex.UNKNOWN):
                    ed.addItem(texts.sex_name(s), s.value)  # type: ignore[attr-defined]
            elif name == "visa_type":
                visa = QComboBox()
                visa.addItem("", "")  # none recorded
                for kind in VisaType:
                    visa.addItem(texts.visa_type_name(kind), kind.value)
                ed = visa
            else:
                ed = QLineEdit()
            ed.setObjectName(name)
            ed.setEnabled(may_edit)
            self.editors[name] = ed
            label = QLabel()
            label.setBuddy(ed)
            self.labels[name] = label
            self._rows[name] = self.errors.wrap(name, ed)
            form.addRow(label, self._rows[name])

        self.device_note = QLabel()
        self.device_note.setObjectName("deviceNote")
        self.device_note.setWordWrap(True)
        form.addRow(self.device_note)
        self.documents = self._table("documents", 6, stretch=2)
        self.tenancies = self._table("tenancies", 6, stretch=0)
        self.fingerprints = self._table("fingerprints", 3, stretch=2)
        self.tabs = QTabWidget()
        self.tabs.addTab(person, "")
        self.tabs.addTab(self.documents, "")
        self.tabs.addTab(self.tenancies, "")
        fp_page = QWidget()
        fp_layout = QVBoxLayout(fp_page)
        self.no_fingerprints = QLabel()
        self.no_fingerprints.setObjectName("noFingerprints")
        fp_layout.addWidget(self.no_fingerprints)
        self.fingerprint_skip = QLabel()  # "Fingerprint skipped: <reason>, by <who>, <when>"
        self.fingerprint_skip.setObjectName("fingerprintSkip")
        self.fingerprint_skip.setWordWrap(True)
        self.fingerprint_skip.hide()
        fp_layout.addWidget(self.fingerprint_skip)
        fp_layout.addWidget(self.fingerprints, 1)
        fp_layout.addStretch(0)  # takes the room the table leaves when there is none (`_fill`)
        self._fp_layout = fp_layout
        self.capture_button = QPushButton()
        self.capture_button.setObjectName("captureFingerprint")
        self.capture_button.clicked.connect(self._capture)
        self.capture_button.setVisible(
            _can(ctx, Permission.CAPTURE_FINGERPRINT) and fingerprint_policy(ctx) != "off"
        )
        fp_layout.addWidget(self.capture_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(fp_page, "")

        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        self.save_button.setVisible(may_edit)
        self.reload_button = QPushButton()
        self.reload_button.setObjectName("reload")
        self.reload_button.clicked.connect(self.reload)
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("delete")
        self.delete_button.clicked.connect(self.delete)
        self.delete_button.setVisible(may_edit)
        self.close_button = QPushButton()
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)
        for b in (self.save_button, self.reload_button, self.delete_button, self.close_button):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.conflict)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        if may_edit:
            QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        QShortcut(QKeySequence("F5"), self).activated.connect(self.reload)
        self.resize(820, 560)
        self._retranslate()
        self._fill(detail)

    def _table(self, name: str, columns: int, *, stretch: int) -> QTableWidget:
        t = QTableWidget(0, columns)
        t.setObjectName(name)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.verticalHeader().setVisible(False)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return t

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Resident"))
        for name, label in self.labels.items():
            label.setText(texts.with_colon(_label(name)))
        sex: QComboBox = self.editors["sex"]  # type: ignore[assignment]
        for i in range(sex.count()):
            sex.setItemText(i, texts.sex_name(Sex(sex.itemData(i))))
        visa: QComboBox = self.editors["visa_type"]  # type: ignore[assignment]
        for i in range(1, visa.count()):
            visa.setItemText(i, texts.visa_type_name(VisaType(visa.itemData(i))))
        visa.setItemText(0, self.tr("(none recorded)"))
        self.tabs.setTabText(0, self.tr("&Person"))
        self.tabs.setTabText(1, self.tr("&Documents"))
        self.tabs.setTabText(2, self.tr("&Housing history"))
        self.tabs.setTabText(3, self.tr("Fin&gerprints"))
        self.documents.setHorizontalHeaderLabels(
            [self.tr("Type"), self.tr("Number"), self.tr("Issued by"), self.tr("Valid from"), self.tr("Valid until"),
             self.tr("Read from")]
        )
        self.tenancies.setHorizontalHeaderLabels(
            [self.tr("Address"), self.tr("Room"), self.tr("Grid"), self.tr("From"), self.tr("Until"),
             self.tr("Relation")]
        )
        self.fingerprints.setHorizontalHeaderLabels([self.tr("Finger"), self.tr("Quality"), self.tr("Captured")])
        self.capture_button.setText(self.tr("Capture a fingerprint…"))
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save the changes (Ctrl+S)"))
        self.reload_button.setText(self.tr("&Reload"))
        self.reload_button.setToolTip(self.tr("Read the record again from the store (F5)"))
        self.delete_button.setText(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete this resident; you are asked for the reason"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the record (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._fill(self.detail)
        super().changeEvent(event)

    # ---- showing ---------------------------------------------------------------------------------
    def _fill(self, d: Any) -> None:
        self.detail = d
        name = d.name if not d.name_latin or d.name_latin == d.name else f"{d.name} ({d.name_latin})"
        self.heading.setText(name)
        foreign = is_foreign_guest(d)
        for field in STAY:
            self.person_form.setRowVisible(self._rows[field], foreign)
        for field in EDITABLE:
            ed = self.editors[field]
            value = getattr(d, field)
            if isinstance(ed, QComboBox):
                i = ed.findData(value.value if hasattr(value, "value") else (value or ""))
                ed.setCurrentIndex(max(i, 0))
            else:
                ed.setText(format_date(value) if isinstance(value, date) else (value or ""))  # type: ignore[attr-defined]
        self.documents.setRowCount(len(d.documents))
        for r, doc in enumerate(d.documents):
            valid_to = self.tr("long-term") if doc.long_term else format_date(doc.valid_to)
            expired = not doc.long_term and doc.valid_to is not None and doc.valid_to < self.today
            if expired:
                valid_to += " " + self.tr("(expired)")
            values = [texts.doc_type_name(doc.doc_type), doc.number, doc.issuer or "", format_date(doc.valid_from),
                      valid_to, _source(doc.source)]
            for c, v in enumerate(values):
                self.documents.setItem(r, c, QTableWidgetItem(v))
        self.tenancies.setRowCount(len(d.tenancies))
        for r, t in enumerate(d.tenancies):
            until = format_date(t.end_date) or self.tr("current")
            values = [t.property_address, t.room_label, t.grid_code, format_date(t.start_date), until,
                      _relation(t.relation)]
            for c, v in enumerate(values):
                self.tenancies.setItem(r, c, QTableWidgetItem(v))
        locked = read_from_device(d)
        may_edit = _can(self.ctx, Permission.REGISTER)
        for field in FROM_DOCUMENT:
            ed = self.editors[field]
            if isinstance(ed, QLineEdit):
                ed.setReadOnly(locked)
            else:
                ed.setEnabled(may_edit and not locked)
            ed.setToolTip(self.tr("Read from the document by the reader; not edited by hand") if locked else "")
        self.device_note.setText(
            self.tr("Name, sex and date of birth were read from the document's chip or machine-readable zone "
                    "and cannot be edited here.") if locked else ""
        )
        self.device_note.setVisible(locked)
        self.no_fingerprints.setText(self.tr("None enrolled"))
        skip = d.fingerprint_skip
        self.no_fingerprints.setVisible(not d.fingerprints and skip is None)  # a skip says it itself
        self.fingerprints.setVisible(bool(d.fingerprints))
        self._fp_layout.setStretch(3, 0 if d.fingerprints else 1)  # no table: the texts stay at the top
        self.fingerprints.setRowCount(len(d.fingerprints))
        if skip is not None and not d.fingerprints:
            text = (
                self.tr("Fingerprint skipped: %1, by %2, %3")
                .replace("%1", render(skip.reason_text, i18n.current()))
                .replace("%2", skip.by_name)
                .replace("%3", _local(skip.at))
            )
            if skip.approved_by_name:
                text += " " + self.tr("(confirmed by supervisor %1)").replace("%1", skip.approved_by_name)
            self.fingerprint_skip.setText(text)
            self.fingerprint_skip.show()
        else:
            self.fingerprint_skip.hide()
        for r, fp in enumerate(d.fingerprints):
            values = [texts.finger_name(fp.position), f"{fp.quality}/100",
                      _local(fp.captured_at) if fp.captured_at else ""]
            for c, v in enumerate(values):
                self.fingerprints.setItem(r, c, QTableWidgetItem(v))

    # ---- actions ---------------------------------------------------------------------------------
    def _values(self) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        values: dict[str, Any] = {}
        problems: list[tuple[str, str]] = []
        for field in EDITABLE:
            ed = self.editors[field]
            if isinstance(ed, QComboBox):
                data = ed.currentData()
                new: Any = Sex(data) if field == "sex" else (VisaType(data) if data else None)
            else:
                text = ed.text().strip()  # type: ignore[attr-defined]
                if field in DATES:
                    try:
                        new = parse_date(text)
                    except ValueError:
                        problems.append((field, self.tr("not a date: write it as 2024-03-01")))
                        continue
                else:
                    new = text or None
            old = getattr(self.detail, field)
            if new != old:
                values[field] = new
        return values, problems

    def save(self) -> None:
        if self._busy:
            return
        values, problems = self._values()
        self.errors.show([(f, texts.problem_text(m)) for f, m in problems])
        if problems or not values:
            return
        if "name" in values and not values["name"]:
            values["name"] = ""
        pid, version = self.detail.id, self.detail.version
        desk = self.ctx.desk
        self._busy = True

        def work(_t: Any) -> Any:
            return desk.residents.update(pid, base_version=version, **values)

        self.ctx.op(work, parent=self).on_success(self._on_saved).on_failure(self._on_failed).on_finished(
            self._done
        ).start()

    def _done(self) -> None:
        self._busy = False

    def _on_saved(self, _changes: Any) -> None:
        self.conflict.hide()
        self.changed_record.emit(self.detail.id)
        self.reload()

    def _on_failed(self, exc: BaseException) -> bool:
        if isinstance(exc, Conflict):
            self.conflict.setText(
                self.tr("Not saved: someone changed this record after you opened it. Press Reload (F5) to see "
                        "the current record, then make your change again.")
            )
            self.conflict.show()
            self.reload_button.setFocus()
            return True
        if isinstance(exc, ValidationError):
            rest = self.errors.show([(p[0], texts.problem_text(p[-1])) for p in exc.problems])
            if rest:
                self.conflict.setText(self.tr("Not saved:") + " " + "; ".join(m for _f, m in rest))
                self.conflict.show()
            return True
        return False

    def reload(self) -> None:
        pid = self.detail.id
        desk = self.ctx.desk
        self.conflict.hide()
        self.errors.clear()
        Op(self, lambda _t: desk.residents.get(pid), lane=Lane.DB).on_success(self._fill).start()

    def delete(self) -> None:
        """Ask for the reason in a window-modal dialog (`delete_dialog`, opened with `open()`: the demo
        desk and the devices stay usable meanwhile); it deletes, then this record closes."""
        if self._busy or not _can(self.ctx, Permission.REGISTER):
            return
        dialog = DeleteResidentDialog(self.ctx, self.detail, self)
        self.delete_dialog = dialog
        # a bound method, not a closure over `self`: a connection holds a closure (and so this record)
        # until the dialog is deleted, which could then delete this record in the middle of that
        dialog.deleted.connect(self._deleted)
        dialog.open()

    def _deleted(self, person_id: str) -> None:
        self.changed_record.emit(person_id)
        self.accept()

    def _capture(self) -> None:
        from workstation.ui.screens.registration.fingerprint import FingerprintDialog

        dialog = FingerprintDialog(self.ctx, self, person_label=self.detail.name,
                                   allow_skip=False)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        pid = self.detail.id
        desk = self.ctx.desk

        def finished(_code: int) -> None:
            cap = dialog.capture
            if cap is None or cap.result is None:
                return
            result = cap.result

            def work(_t: Any) -> Any:
                return add_fingerprint(desk, pid, result)

            self.ctx.op(work, parent=self).on_success(self._on_saved).start()

        dialog.finished.connect(finished)
        dialog.open()


def _label(name: str) -> str:
    if name == "household_address":
        return QCoreApplication.translate("Registration", "Household address")
    return texts.field_label(name)


def _source(source: str) -> str:
    if source == "card":
        return QCoreApplication.translate("Registration", "ID card reader")
    if source == "mrz":
        return QCoreApplication.translate("Registration", "Passport reader")
    return QCoreApplication.translate("Registration", "Typed in")


def _relation(relation: Any) -> str:
    value = getattr(relation, "value", relation)
    return {
        "tenant": QCoreApplication.translate("Registration", "Tenant"),
        "owner": QCoreApplication.translate("Registration", "Owner"),
        "family": QCoreApplication.translate("Registration", "Family member"),
        "employee_dorm": QCoreApplication.translate("Registration", "Employee dormitory"),
    }.get(value, QCoreApplication.translate("Registration", "Other"))
