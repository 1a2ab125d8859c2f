"""The registration form: a card's, a passport's or a typed document, plus what the operator adds.

Card first: the document's fields arrive filled and read-only (they are what the chip says), the
cursor waits in the first field the operator fills (phone), and Tab walks only through what is left
to type: phone → employer → arrival date → property (search as you type) → room → notes → Save.
Ctrl+S saves from anywhere, Enter on the last field saves, Esc cancels (asking first when something
was typed). Every reason a save is refused stands beside its field, from the same domain functions
the residents service calls. A number already in the store offers that record instead of a
duplicate. Saving writes the person, the document, the binding, the fingerprint captured for the
registration (or the reason it was skipped), and their outbox and audit rows in one transaction
(`desk.residents.register(fingerprint=)` / `(fingerprint_skip=)`): a resident is never saved without
the finger the officer saw taken. A save that fails keeps the capture, so the officer fixes the field
and saves again without taking the finger again (unless the core refused the finger itself).
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workstation.devices.sam import decode as sam_decode
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Sex, VisaType
from workstation.domain.validation import (
    citizen_id_birth_date,
    citizen_id_sex,
    normalise_id_number,
    validate_citizen_id,
)
from workstation.errors import ValidationError
from workstation.storage.areas.biometrics import EnrolledFinger, SkipRequest
from workstation.ui import i18n
from workstation.ui.screens.registration import texts
from workstation.ui.screens.registration.logic import (
    DESK_FIELDS,
    DOCUMENT_FIELDS,
    STAY_FIELDS,
    DeskEntry,
    format_date,
    is_expired,
    layout_for,
    parse_date,
    shows_stay_fields,
    validate_entry,
)
from workstation.ui.tasks import Lane, Op
from workstation.ui.widgets.field_errors import FieldErrors

# documents whose 18-character number (GB 11643 layout) holds the date of birth and the sex
NUMBER_TELLS_BIRTH_AND_SEX = {DocumentType.RESIDENT_ID, DocumentType.HMT_PERMIT, DocumentType.FOREIGNER_PR_2023}
LONG_TERM_TYPES = {DocumentType.RESIDENT_ID, DocumentType.HMT_PERMIT, DocumentType.FOREIGNER_PR_2017,
                   DocumentType.FOREIGNER_PR_2023}
DATE_FIELDS = {"birth_date", "valid_from", "valid_to", "entry_date", "stay_until", "arrival_date"}
# the fields of the core's problems with a finger itself (`Biometrics.check_finger`): a capture it
# refused is not kept for the next save
FINGER_FIELDS = {"position", "template", "quality"}
SEARCH_DELAY_MS = 200  # property search: wait this long after the last keystroke
DUPLICATE_DELAY_MS = 300
#: The banners' looks (a sheet each; none for the whole form, see `_look_read_only`).
BANNER_STYLE = "QLabel#{name} {{ background: {bg}; color: {fg}; border: 1px solid {fg}; padding: 6px; }}"


def _look_read_only(editor: QLineEdit) -> None:
    """A read-only field has the window's background, an editable one the usual base. Through the palette:
    a style sheet on the form (``QLineEdit[readOnly="true"]``) made every one of its ~200 widgets go
    through the style-sheet style, polished and painted more slowly (a spare form cost ~10 ms more)."""
    if editor.isReadOnly():
        palette = editor.palette()
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        editor.setPalette(palette)
    else:
        editor.setPalette(QPalette())  # the parent's again


def setting(ctx: Any, key: str, default: Any) -> Any:
    """A station setting from `ctx.settings` (a mapping or an object with attributes)."""
    s = getattr(ctx, "settings", None)
    if s is None:
        return default
    if isinstance(s, dict):
        return s.get(key, default)
    if hasattr(s, key):
        return getattr(s, key)
    values = getattr(s, "values", None)
    return values.get(key, default) if isinstance(values, dict) else default


def fingerprint_policy(ctx: Any) -> str:
    """"required", "optional" (asked, may be skipped) or "off" (station setting `fingerprint_policy`)."""
    value = str(setting(ctx, "fingerprint_policy", "optional") or "optional").lower()
    return value if value in ("required", "optional", "off") else "optional"


class RegistrationForm(QDialog):
    """A new registration. `document`: what a device read (None: manual entry); `source` says which.

    Signals: `saved(person_id)` after a successful save; `open_existing(person_id)` when the operator
    takes the existing record offered for a number already in the store.
    """

    saved = Signal(str)
    open_existing = Signal(str)

    def __init__(
        self,
        ctx: Any,
        parent: QWidget | None = None,
        *,
        document: IdentityDocument | None = None,
        card_problems: list[tuple[str, str]] | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.document = document
        self.from_device = document is not None and document.source in ("card", "mrz")
        self.capture: Any = None  # fingerprint Capture once taken or skipped
        self._property_id: str | None = None
        self._property_hits: list[tuple[str, str]] = []  # (id, address)
        self._property_search_seq = 0
        self._wanted_room: str | None = None  # choose_property(..., room_id): chosen once rooms load
        self._duplicate_id: str | None = None
        self._duplicate_row: Any = None
        self._duplicate_seq = 0
        self._saving = False
        self.discard_question: QMessageBox | None = None  # "discard the registration?" while it is asked
        self._dirty = False
        self._from_number = False  # birth date and sex were taken from a valid typed ID number
        self.setObjectName("registrationForm")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.errors = FieldErrors()
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self._rows: dict[str, QWidget] = {}

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        hf = self.heading.font()
        hf.setPointSizeF(hf.pointSizeF() * 1.3)
        hf.setBold(True)
        self.heading.setFont(hf)

        # ---- banners -------------------------------------------------------------------------
        self.expired_banner = self._banner("expiredBanner", "#fdecea", "#8a1c1c")
        self.mrz_banner = self._banner("mrzBanner", "#fff4e5", "#7a4b00")
        self.duplicate_banner = QFrame()
        self.duplicate_banner.setObjectName("duplicateBanner")
        self.duplicate_banner.setStyleSheet(
            "QFrame#duplicateBanner { background: #e8f0fe; border: 1px solid #3b6bc4; }"
        )
        dup_layout = QHBoxLayout(self.duplicate_banner)
        self.duplicate_text = QLabel()
        self.duplicate_text.setWordWrap(True)
        self.duplicate_button = QPushButton()
        self.duplicate_button.setObjectName("openExisting")
        self.duplicate_button.clicked.connect(self._on_open_existing)
        dup_layout.addWidget(self.duplicate_text, 1)
        dup_layout.addWidget(self.duplicate_button)
        self.duplicate_banner.hide()

        # ---- document --------------------------------------------------------------------------
        self.doc_group = QGroupBox()
        doc_form = QFormLayout(self.doc_group)
        doc_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.doc_form = doc_form
        doc_type = QComboBox()
        for t in DocumentType:
            doc_type.addItem(texts.doc_type_name(t), t.value)
        doc_type.currentIndexChanged.connect(self._on_doc_type_changed)
        sex = QComboBox()
        for s in (Sex.MALE, Sex.FEMALE, Sex.UNKNOWN):
            sex.addItem(texts.sex_name(s), s.value)
        self.sex_text = QLineEdit()  # a card's sex, read-only like its other fields
        self.sex_text.setObjectName("sex_text")
        self.sex_text.setReadOnly(True)
        _look_read_only(self.sex_text)
        self.sex_text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        sex_box = QWidget()
        sb = QHBoxLayout(sex_box)
        sb.setContentsMargins(0, 0, 0, 0)
        sb.addWidget(sex, 1)
        sb.addWidget(self.sex_text, 1)
        valid_to = QLineEdit()
        self.country_names: dict[str, QLabel] = {}
        country_boxes: dict[str, QWidget] = {}
        for cname in ("nationality", "issuer"):
            name_label = QLabel()
            name_label.setObjectName(f"{cname}_name")
            name_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.country_names[cname] = name_label
        long_term = QCheckBox()
        long_term.setObjectName("long_term")
        long_term.toggled.connect(lambda on: valid_to.setEnabled(not on) if not self.from_device else None)
        valid_to_box = QWidget()
        vt = QHBoxLayout(valid_to_box)
        vt.setContentsMargins(0, 0, 0, 0)
        vt.addWidget(valid_to, 1)
        vt.addWidget(long_term)
        self.long_term = long_term
        for name in DOCUMENT_FIELDS:
            if name == "doc_type":
                editor: QWidget = doc_type
            elif name == "sex":
                editor = sex
            elif name == "valid_to":
                editor = valid_to
            else:
                editor = QLineEdit()
            editor.setObjectName(name)
            self.editors[name] = editor
            if name in self.country_names:
                cbox = QWidget()
                cb = QHBoxLayout(cbox)
                cb.setContentsMargins(0, 0, 0, 0)
                cb.addWidget(editor, 1)
                cb.addWidget(self.country_names[name], 2)
                country_boxes[name] = cbox
                editor.textChanged.connect(lambda _t, n=name: self._show_country_name(n))  # type: ignore[attr-defined]
            shown = {"valid_to": valid_to_box, "sex": sex_box, **country_boxes}.get(name, editor)
            self._add_row(doc_form, name, shown, editor)

        self.photo = QLabel()
        self.photo.setObjectName("photo")
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setWordWrap(True)
        self.photo.setFixedWidth(150)
        self.photo.setMinimumHeight(160)
        self.photo.setFrameShape(QFrame.Shape.Box)

        # ---- foreign guest's stay -------------------------------------------------------------
        self.stay_group = QGroupBox()
        stay_form = QFormLayout(self.stay_group)
        visa_type = QComboBox()  # typing a category's letter(s) chooses it (keyboard search)
        for kind in VisaType:
            visa_type.addItem(texts.visa_type_name(kind), kind.value)
        visa_type.setCurrentIndex(-1)  # nothing is guessed: the operator chooses from the visa in the passport
        visa_type.currentIndexChanged.connect(self._on_visa_type_changed)
        for name in STAY_FIELDS:
            editor = visa_type if name == "visa_type" else QLineEdit()
            editor.setObjectName(name)
            self.editors[name] = editor
            self._add_row(stay_form, name, editor, editor)

        # ---- what the operator adds ------------------------------------------------------------
        self.desk_group = QGroupBox()
        desk_form = QFormLayout(self.desk_group)
        desk_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        prop = QLineEdit()
        self._completer_model = QStringListModel(self)
        completer = QCompleter(self._completer_model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(self._on_property_chosen)  # activated(QString), the default overload
        prop.setCompleter(completer)
        prop.textEdited.connect(self._on_property_edited)
        self.property_completer = completer
        self.property_state = QLabel()  # "searching…", "no property matches": the list is for this text only
        self.property_state.setObjectName("propertyState")
        self.property_state.hide()  # shown while it says something (`_property_status`)
        prop_box = QWidget()
        pb = QHBoxLayout(prop_box)
        pb.setContentsMargins(0, 0, 0, 0)
        pb.addWidget(prop, 1)
        pb.addWidget(self.property_state)
        room = QComboBox()
        room.setEnabled(False)
        self.room_combo = room
        self._rooms_state = "no_property"  # what the room box says while empty (`_show_room_placeholder`)
        self._rooms_for: str | None = None  # the property whose rooms are loading or shown
        for name in (*DESK_FIELDS, "notes"):
            if name == "property":
                editor = prop
            elif name == "room":
                editor = room
            else:
                editor = QLineEdit()
            editor.setObjectName(name)
            self.editors[name] = editor
            self._add_row(desk_form, name, prop_box if name == "property" else editor, editor)
        self._property_timer = QTimer(self)
        self._property_timer.setSingleShot(True)
        self._property_timer.setInterval(SEARCH_DELAY_MS)
        self._property_timer.timeout.connect(self._search_properties)
        self._duplicate_timer = QTimer(self)
        self._duplicate_timer.setSingleShot(True)
        self._duplicate_timer.setInterval(DUPLICATE_DELAY_MS)
        self._duplicate_timer.timeout.connect(self._check_duplicate)
        self.editors["number"].textEdited.connect(lambda _t: self._duplicate_timer.start())  # type: ignore[attr-defined]
        self.editors["number"].textChanged.connect(lambda _t: self._fill_from_number())  # type: ignore[attr-defined]

        # ---- fingerprint and buttons ------------------------------------------------------------
        self.fingerprint_status = QLabel()
        self.fingerprint_status.setObjectName("fingerprintStatus")
        self.fingerprint_button = QPushButton()
        self.fingerprint_button.setObjectName("fingerprintButton")
        self.fingerprint_button.clicked.connect(self.take_fingerprint)
        self.save_button = QPushButton()
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.reject)
        for b in (self.fingerprint_button, self.save_button, self.cancel_button):
            b.setAutoDefault(False)
        self.message = QLabel()
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.fingerprint_status, 1)
        buttons.addWidget(self.fingerprint_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        doc_row = QHBoxLayout()
        doc_row.addWidget(self.doc_group, 1)
        doc_row.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.heading)
        body_layout.addWidget(self.expired_banner)
        body_layout.addWidget(self.mrz_banner)
        body_layout.addWidget(self.duplicate_banner)
        body_layout.addLayout(doc_row)
        body_layout.addWidget(self.stay_group)
        body_layout.addWidget(self.desk_group)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.save)
        QShortcut(QKeySequence("F4"), self).activated.connect(self.take_fingerprint)
        for name in (*DOCUMENT_FIELDS, *STAY_FIELDS, *DESK_FIELDS, "notes"):
            self.editors[name].installEventFilter(self)
            sig = getattr(self.editors[name], "textEdited", None)
            if sig is not None:
                sig.connect(self._mark_dirty)

        self.setMinimumSize(720, 560)
        self._body = body
        self._retranslate()
        self._load(document, card_problems or [])

    def set_document(self, document: IdentityDocument | None, card_problems: list[Any] | None = None) -> None:
        """Fill a form built ahead of time (see `registration.spare_form`) with `document`."""
        self.document = document
        self.from_device = document is not None and document.source in ("card", "mrz")
        self.today = date.today()
        self._retranslate()
        self._load(document, list(card_problems or []))

    # ---- construction helpers ----------------------------------------------------------------
    def _banner(self, name: str, bg: str, fg: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setStyleSheet(BANNER_STYLE.format(name=name, bg=bg, fg=fg))
        label.hide()
        return label

    def _add_row(self, form: QFormLayout, name: str, shown: QWidget, editor: QWidget) -> None:
        label = QLabel()
        label.setBuddy(editor)
        self.labels[name] = label
        box = self.errors.wrap(name, shown)
        self._rows[name] = box
        form.addRow(label, box)

    def _row_visible(self, name: str, visible: bool) -> None:
        box = self._rows[name]
        parent = box.parentWidget()
        form = parent.layout() if parent is not None else None
        if isinstance(form, QFormLayout):
            form.setRowVisible(box, visible)

    def _retranslate(self) -> None:
        title = self._title()
        self.setWindowTitle(title)
        who = ""
        if self.document is not None:
            who = self.document.name or self.document.name_latin or ""
            if self.document.name_latin and self.document.name and self.document.name_latin != self.document.name:
                who = f"{self.document.name} ({self.document.name_latin})"
        self.heading.setText(f"{title}: {who}" if who else title)
        self.doc_group.setTitle(self.tr("Document"))
        self.stay_group.setTitle(self.tr("Stay of a foreign national"))
        self.desk_group.setTitle(self.tr("Residence"))
        for name, label in self.labels.items():
            label.setText(texts.with_colon(texts.field_label(name)))
        combo: QComboBox = self.editors["doc_type"]  # type: ignore[assignment]
        for i in range(combo.count()):
            combo.setItemText(i, texts.doc_type_name(DocumentType(combo.itemData(i))))
        sex: QComboBox = self.editors["sex"]  # type: ignore[assignment]
        for i in range(sex.count()):
            sex.setItemText(i, texts.sex_name(Sex(sex.itemData(i))))
        visa: QComboBox = self.editors["visa_type"]  # type: ignore[assignment]
        for i in range(visa.count()):
            visa.setItemText(i, texts.visa_type_name(VisaType(visa.itemData(i))))
        visa.setPlaceholderText(self.tr("choose: type the letter, e.g. L or Q2"))
        sex.setPlaceholderText(self.tr("choose"))
        visa.setToolTip(self.tr("The visa or permit in the passport; type its letter (L, M, Z, Q1, …) to choose"))
        if hasattr(self, "_body"):
            if self.document is not None:
                self.sex_text.setText(texts.sex_name(self.document.sex))
            self._apply_layout(self.current_doc_type())
            self._show_banners()
        self.long_term.setText(self.tr("Long-term"))
        for name in DATE_FIELDS:
            ed = self.editors.get(name)
            if isinstance(ed, QLineEdit) and not (self.from_device and name in DOCUMENT_FIELDS):
                ed.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.editors["phone"].setPlaceholderText(  # type: ignore[attr-defined]
            self.tr("11-digit mobile, or + and country code (e.g. +852…)")
        )
        self.editors["property"].setPlaceholderText(  # type: ignore[attr-defined]
            self.tr("Type part of the address to search")
        )
        self.editors["property"].setToolTip(
            self.tr("Type part of the address; choose with ↓ and Enter")
        )
        self.editors["nationality"].setPlaceholderText(self.tr("3-letter code, e.g. GBR"))  # type: ignore[attr-defined]
        self._show_room_placeholder()
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save the registration (Ctrl+S; Enter on the last field)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Close without saving (Esc)"))
        self.fingerprint_button.setText(self.tr("&Fingerprint…"))
        self.fingerprint_button.setToolTip(self.tr("Capture a fingerprint now (F4)"))
        self.duplicate_button.setText(self.tr("&Open that record"))
        self.duplicate_button.setToolTip(self.tr("Open the resident already registered with this number (Alt+O)"))
        self._show_fingerprint_status()
        self._show_photo()
        for cname in self.country_names:
            self._show_country_name(cname)

    def _title(self) -> str:
        """The window's title: what the registration is made from (a card by its kind, a passport, typed)."""
        doc = self.document
        if doc is None or doc.source not in ("card", "mrz"):
            return self.tr("New registration (manual entry)")
        if doc.source == "mrz" or doc.doc_type is DocumentType.PASSPORT:
            return self.tr("New registration of a foreign national (passport)")
        return {
            DocumentType.RESIDENT_ID: self.tr("New registration from the resident ID card"),
            DocumentType.HMT_PERMIT: self.tr("New registration from the HK/Macau/Taiwan residence permit"),
            DocumentType.FOREIGNER_PR_2017: self.tr("New registration from the foreigner permanent residence card"),
            DocumentType.FOREIGNER_PR_2023: self.tr("New registration from the foreigner permanent residence card"),
        }.get(doc.doc_type, self.tr("New registration from the card"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_body"):
            self._retranslate()
            self._set_read_only(self.from_device)
            self._from_number = False
            self._fill_from_number()
        super().changeEvent(event)

    def sizeHint(self):
        from PySide6.QtCore import QSize

        hint = self._body.sizeHint() + QSize(40, 90)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            hint = hint.boundedTo(QSize(screen.width() - 40, screen.height() - 60))
        return hint.expandedTo(self.minimumSize())

    # ---- filling -------------------------------------------------------------------------------
    def _load(self, doc: IdentityDocument | None, card_problems: list[tuple[str, str]]) -> None:
        doc_type = doc.doc_type if doc else DocumentType.RESIDENT_ID
        combo: QComboBox = self.editors["doc_type"]  # type: ignore[assignment]
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findData(doc_type.value))
        combo.blockSignals(False)
        if doc is not None:
            for name in DOCUMENT_FIELDS:
                if name in ("doc_type", "sex", "valid_to"):
                    continue
                value = getattr(doc, name, None)
                ed = self.editors[name]
                if isinstance(ed, QLineEdit):
                    ed.setText(format_date(value) if name in DATE_FIELDS else ("" if value is None else str(value)))
            sex: QComboBox = self.editors["sex"]  # type: ignore[assignment]
            idx = sex.findData(doc.sex.value)
            sex.setCurrentIndex(idx if idx >= 0 else sex.findData(Sex.UNKNOWN.value))
            vt: QLineEdit = self.editors["valid_to"]  # type: ignore[assignment]
            vt.setText(format_date(doc.valid_to))
            self.long_term.setChecked(doc.long_term)
            self.sex_text.setText(texts.sex_name(doc.sex))
            for name in DOCUMENT_FIELDS:
                ed = self.editors[name]
                if isinstance(ed, QLineEdit):
                    ed.setCursorPosition(0)  # a long address shows its beginning
        else:
            sex_combo: QComboBox = self.editors["sex"]  # type: ignore[assignment]
            sex_combo.setCurrentIndex(-1)  # nothing is guessed: the number tells it, or the operator chooses
        self.editors["arrival_date"].setText(self.today.isoformat())  # type: ignore[attr-defined]
        self.editors["visa_type"].setCurrentIndex(-1)  # type: ignore[attr-defined]
        for name in ("visa_number", "entry_date", "stay_until"):
            self.editors[name].setText("")  # type: ignore[attr-defined]
        self._apply_layout(doc_type)
        self._set_read_only(self.from_device)
        self._from_number = False
        self._fill_from_number()
        self._card_problems = card_problems
        self._show_banners()
        self._show_photo()
        self._show_fingerprint_status()
        if not self.from_device:
            first = self.editors["number"]
        elif shows_stay_fields(doc_type):
            first = self.editors["visa_type"]
        else:
            first = self.editors["phone"]
        self._first = first
        self._focus_pending = True
        if self.isVisible():
            self._focus_first()
        # else: showEvent puts the cursor there (a form built ahead of time is hidden until used)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._focus_pending:  # the first showing only (the lock screen hides and shows it again)
            QTimer.singleShot(0, self, self._focus_first)  # once the window is active; dropped with the form

    def _focus_first(self) -> None:
        # once: the window system's own show event comes after Qt's and schedules this again; the
        # operator may have tabbed on meanwhile (the cursor must not jump back to the first field)
        if not self._focus_pending:
            return
        self._focus_pending = False
        self._first.setFocus()

    def _on_doc_type_changed(self, _index: int) -> None:
        self._apply_layout(self.current_doc_type())
        self.errors.clear()
        self._fill_from_number()

    def _fill_from_number(self) -> None:
        """Manual entry: a valid 18-character number (GB 11643; resident ID, HK/Macau/Taiwan permit, 2023
        foreigner card) says the date of birth (characters 7–14) and the sex (17th digit odd = male):
        they are filled from it and not typed over. While the number is not valid they stay editable."""
        if self.from_device:
            return
        born: date | None = None
        sex_of: Sex | None = None
        if self.current_doc_type() in NUMBER_TELLS_BIRTH_AND_SEX:
            n = normalise_id_number(self._text("number"))
            if len(n) == 18 and not validate_citizen_id(n, today=self.today):
                born, sex_of = citizen_id_birth_date(n), citizen_id_sex(n)
        birth: QLineEdit = self.editors["birth_date"]  # type: ignore[assignment]
        sex: QComboBox = self.editors["sex"]  # type: ignore[assignment]
        if born is not None and sex_of is not None:
            birth.setText(format_date(born))
            sex.setCurrentIndex(sex.findData(sex_of.value))
            why = self.tr("Taken from the ID number")
        elif self._from_number:
            why = ""
        else:
            return
        self._from_number = born is not None
        birth.setReadOnly(self._from_number)
        _look_read_only(birth)
        birth.setFocusPolicy(Qt.FocusPolicy.NoFocus if self._from_number else Qt.FocusPolicy.StrongFocus)
        sex.setEnabled(not self._from_number)
        birth.setToolTip(why)
        sex.setToolTip(why)

    def _show_banners(self) -> None:
        """Expired document, unclean read, number already registered: in the current language."""
        doc = self.document
        if doc is not None and is_expired(doc, today=self.today):
            self.expired_banner.setText(
                self.tr("⚠ This document expired on %1. Register only if the law allows it; "
                        "ask for a valid document.").replace("%1", format_date(doc.valid_to))
            )
            self.expired_banner.show()
        failed = [f for f, ok in (doc.mrz_checks or {}).items() if not ok] if doc else []
        problems = getattr(self, "_card_problems", [])
        if failed or problems:
            what = (
                texts.list_separator().join(texts.mrz_check_label(f) for f in failed)
                if failed
                else "; ".join(texts.problem_text(p[-1]) for p in problems)
            )
            self.mrz_banner.setText(
                self.tr("⚠ The document did not read cleanly (%1). Check the fields against the document.")
                .replace("%1", what)
            )
            self.mrz_banner.show()
        row = getattr(self, "_duplicate_row", None)
        if row is not None:
            self.duplicate_text.setText(
                self.tr("This number is already registered: %1 (born %2). Open that record instead of a second one.")
                .replace("%1", row.name)
                .replace("%2", format_date(row.birth_date) or "?")
            )

    def _apply_layout(self, doc_type: DocumentType) -> None:
        shown = set(layout_for(doc_type))
        for name in DOCUMENT_FIELDS:
            if name == "doc_type":
                self._row_visible(name, not self.from_device)
            else:
                self._row_visible(name, name in shown)
        self.stay_group.setVisible(shows_stay_fields(doc_type))
        # only cards can say 长期; a device's document says it in the field itself
        self.long_term.setVisible(doc_type in LONG_TERM_TYPES and not self.from_device)
        self.labels["issuer"].setText(
            texts.with_colon(
                self.tr("Issuing state") if doc_type is DocumentType.PASSPORT else texts.field_label("issuer")
            )
        )
        self._order_tabs(doc_type)

    def _order_tabs(self, doc_type: DocumentType) -> None:
        chain: list[QWidget] = []
        if not self.from_device:
            chain.append(self.editors["doc_type"])
            chain += [self.editors[n] for n in DOCUMENT_FIELDS if n in layout_for(doc_type)]
            if "valid_to" in layout_for(doc_type) and doc_type in LONG_TERM_TYPES:
                chain.insert(chain.index(self.editors["valid_to"]) + 1, self.long_term)
        if shows_stay_fields(doc_type):
            chain += [self.editors[n] for n in STAY_FIELDS]
        chain += [self.editors[n] for n in (*DESK_FIELDS, "notes")]
        chain += [self.save_button, self.fingerprint_button, self.cancel_button]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _set_read_only(self, read_only: bool) -> None:
        for name in DOCUMENT_FIELDS:
            ed = self.editors[name]
            if isinstance(ed, QLineEdit):
                if ed.isReadOnly() != read_only:
                    ed.setReadOnly(read_only)
                    _look_read_only(ed)
            else:
                ed.setEnabled(not read_only)
            # a card's fields are not to be typed over: Tab skips them
            ed.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus)
        self.long_term.setEnabled(not read_only)
        self.long_term.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus)
        self.editors["sex"].setVisible(not read_only)
        self.sex_text.setVisible(read_only)
        vt: QLineEdit = self.editors["valid_to"]  # type: ignore[assignment]
        if read_only and self.long_term.isChecked():
            vt.setText(self.tr("Long-term"))
        if read_only:
            for name in DATE_FIELDS & set(DOCUMENT_FIELDS):
                self.editors[name].setPlaceholderText("")  # type: ignore[attr-defined]
        if read_only:
            self.editors["valid_to"].setEnabled(True)
        else:
            self.editors["valid_to"].setEnabled(not self.long_term.isChecked())

    def _show_country_name(self, name: str) -> None:
        """The country's name in the UI's language beside a nationality / issuing-state code (ICAO 9303
        codes such as UTO, XXA and D included); nothing for an unknown code or a card's issuing office."""
        from workstation.domain.countries import country_name

        label = self.country_names[name]
        code = self._text(name)
        is_code = name == "nationality" or self.current_doc_type() is DocumentType.PASSPORT or (
            self.document is not None and self.document.source == "mrz"
        )
        names = country_name(code) if code and is_code and len(code) <= 3 else None
        label.setText("" if names is None else (names[1] if texts.chinese_ui() else names[0]))
        label.setVisible(names is not None)  # a card's issuing office keeps the whole width

    def _show_photo(self) -> None:
        doc = self.document
        if doc is None or doc.source != "card" or str(setting(self.ctx, "photo_policy", "show")) == "hide":
            self.photo.hide()
            return
        self.photo.show()
        bmp = sam_decode.decode_photo(doc.photo) if doc.photo else None
        pixmap = QPixmap()
        if bmp and pixmap.loadFromData(bmp):
            self.photo.setPixmap(pixmap.scaled(self.photo.size(), Qt.AspectRatioMode.KeepAspectRatio))
        elif not sam_decode.photo_decoder_available():
            self.photo.setText(i18n.keep_line_ends(
                self.tr("The card photo cannot be shown on this workstation (no photo decoder installed).")
            ))
        else:
            self.photo.setText(self.tr("The card holds no photo that could be shown."))

    def _show_fingerprint_status(self) -> None:
        policy = fingerprint_policy(self.ctx)
        cap = self.capture
        self.fingerprint_button.setVisible(policy != "off")
        if policy == "off":
            self.fingerprint_status.clear()
        elif cap is not None and cap.result is not None:
            self.fingerprint_status.setText(
                self.tr("Fingerprint taken: %1, quality %2/100")
                .replace("%1", texts.finger_name(cap.result.position))
                .replace("%2", str(cap.result.quality))
            )
        elif cap is not None:
            self.fingerprint_status.setText(self.tr("No fingerprint: %1").replace("%1", cap.skip_reason or ""))
        elif policy == "required":
            self.fingerprint_status.setText(self.tr("A fingerprint is required (asked when you save)."))
        else:
            self.fingerprint_status.setText(self.tr("A fingerprint is asked for when you save."))

    # ---- reading the form -----------------------------------------------------------------------
    def _text(self, name: str) -> str:
        ed = self.editors[name]
        if isinstance(ed, QComboBox):
            return ed.currentText().strip()
        return str(ed.text()).strip()  # type: ignore[attr-defined]

    def _date(self, name: str, problems: list[tuple[str, str]]) -> date | None:
        try:
            return parse_date(self._text(name))
        except ValueError:
            problems.append((name, self.tr("not a date: write it as 2024-03-01")))
            return None

    def current_doc_type(self) -> DocumentType:
        combo: QComboBox = self.editors["doc_type"]  # type: ignore[assignment]
        return DocumentType(combo.currentData())

    def read(self) -> tuple[IdentityDocument, DeskEntry, list[tuple[str, str]]]:
        """The document, the operator's entry and the problems of reading them (dates that are not dates)."""
        problems: list[tuple[str, str]] = []
        if self.from_device and self.document is not None:
            doc = self.document
        else:
            t = self.current_doc_type()
            shown = set(layout_for(t))

            def opt(name: str) -> str | None:
                return (self._text(name) or None) if name in shown else None

            count = opt("issue_count")
            issue_count: int | None = None
            if count is not None:
                if count.isdigit():
                    issue_count = int(count)
                else:
                    problems.append(("issue_count", self.tr("a number, e.g. 0 or 1")))
            sex_combo: QComboBox = self.editors["sex"]  # type: ignore[assignment]
            name = opt("name") or ""
            latin = opt("name_latin")
            long_term = self.long_term.isChecked() and "valid_to" in shown and t in LONG_TERM_TYPES
            doc = IdentityDocument(
                doc_type=t,
                number=self._text("number").upper(),
                name=name or (latin or ""),
                sex=Sex(sex_combo.currentData()) if sex_combo.currentIndex() >= 0 else Sex.UNKNOWN,
                birth_date=self._date("birth_date", problems),
                name_latin=latin,
                address=opt("address"),
                issuer=opt("issuer"),
                nationality=(opt("nationality") or "").upper() or None,
                valid_from=self._date("valid_from", problems) if "valid_from" in shown else None,
                valid_to=None if long_term or "valid_to" not in shown else self._date("valid_to", problems),
                long_term=long_term,
                pass_number=opt("pass_number"),
                issue_count=issue_count,
                previous_number=opt("previous_number"),
                source=self.document.source if self.document is not None else "manual",
            )
        stay = shows_stay_fields(doc.doc_type)
        entry = DeskEntry(
            phone=self._text("phone") or None,
            employer=self._text("employer") or None,
            arrival_date=self._date("arrival_date", problems),
            room_id=self._room_id(),
            notes=self._text("notes") or None,
            visa_type=self._visa_type() if stay else None,
            visa_number=(self._text("visa_number") or None) if stay else None,
            entry_date=self._date("entry_date", problems) if stay else None,
            stay_until=self._date("stay_until", problems) if stay else None,
        )
        return doc, entry, problems

    def person_name(self) -> str:
        """The name of the person this form registers: the document's (with its Latin form when it has
        both), else the typed name."""
        doc = self.document
        if doc is not None and (doc.name or doc.name_latin):
            if doc.name and doc.name_latin and doc.name != doc.name_latin:
                return f"{doc.name} ({doc.name_latin})"
            return doc.name or doc.name_latin or ""
        return self._text("name") or self._text("name_latin")

    def _visa_type(self) -> str | None:
        visa: QComboBox = self.editors["visa_type"]  # type: ignore[assignment]
        return str(visa.currentData()) if visa.currentIndex() >= 0 else None

    def _on_visa_type_changed(self, _index: int) -> None:
        """A visa-free entry has no number to type: its field is off (and Tab passes it by)."""
        kind = self._visa_type()
        numbered = kind is None or VisaType(kind).has_number
        number: QLineEdit = self.editors["visa_number"]  # type: ignore[assignment]
        if not numbered:
            number.clear()
        number.setEnabled(numbered)
        self._dirty = self._dirty or kind is not None

    def _room_id(self) -> str | None:
        room: QComboBox = self.editors["room"]  # type: ignore[assignment]
        if not room.isEnabled() or room.currentIndex() < 0:
            return None
        data = room.currentData()
        return str(data) if data else None

    def validate(self) -> list[tuple[str, str]]:
        """Show every reason beside its field; returns them (empty: the form may be saved)."""
        doc, entry, problems = self.read()
        unreadable = {q[0] for q in problems}
        problems += [(p[0], p[-1]) for p in validate_entry(doc, entry, today=self.today) if p[0] not in unreadable]
        if self._text("property") and self._property_id is None:
            problems.append(("property", self.tr("choose a property from the list (type part of its address)")))
        elif self._property_id is not None and entry.room_id is None:
            problems.append(("room", self.tr("choose the room")))
        self.show_problems(problems)
        return problems

    def show_problems(self, problems: list[Any]) -> None:
        """Each (field, reason) beside its field; reasons naming no field of the form below the form.
        A problem is a (field, message) pair or the core's (field, code, message)."""
        shown = [(p[0], texts.problem_text(p[-1])) for p in problems]
        rest = self.errors.show(shown)
        if rest:
            self.message.setText(self.tr("Not saved:") + " " + "; ".join(m for _f, m in rest))
            self.message.show()
        else:
            self.message.hide()

    # ---- keyboard -----------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # type: ignore[attr-defined]
                return False
            popup = self.property_completer.popup()
            if obj is self.editors["property"] and popup is not None and popup.isVisible():
                return False
            if obj is self.editors["notes"]:
                self.save()
                return True
            self.focusNextChild()
            return True
        return super().eventFilter(obj, event)

    def _mark_dirty(self, *_: Any) -> None:
        self._dirty = True

    def reject(self) -> None:
        """Esc, Cancel or the window's close button. With something typed, first ask whether to
        discard it (`discard_question`): window-modal and opened with `open()` (no nested event loop),
        so the demo desk and the devices stay usable while it waits; the form closes on "Discard"."""
        if self._dirty and not self._saving:
            if self.discard_question is not None:  # asked already: the same question, in front
                self.discard_question.raise_()
                self.discard_question.activateWindow()
                return
            box = QMessageBox(
                QMessageBox.Icon.Question,
                self.tr("Discard the registration?"),
                self.tr("What you typed in this registration will be lost."),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setObjectName("discardQuestion")
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.setEscapeButton(QMessageBox.StandardButton.Cancel)
            box.setWindowModality(Qt.WindowModality.WindowModal)  # not the demo desk's window too
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.discard_question = box
            box.finished.connect(self._discard_answered)  # a bound method: no closure keeping the form alive
            box.open()
            return
        super().reject()

    def _discard_answered(self, _result: int) -> None:
        box, self.discard_question = self.discard_question, None
        if box is not None and box.clickedButton() is box.button(QMessageBox.StandardButton.Discard):
            super().reject()

    # ---- property and room ------------------------------------------------------------------------
    def _on_property_edited(self, text: str) -> None:
        """Every keystroke drops the list of the previous text at once (↓+Enter can never take a result
        of an older query) and says a search is coming; the search runs once typing pauses."""
        self._property_id = None
        self._rooms_for = None
        room: QComboBox = self.editors["room"]  # type: ignore[assignment]
        room.clear()
        room.setEnabled(False)
        self._rooms_state = "no_property"
        self._show_room_placeholder()
        self._property_search_seq += 1  # a search still on its way is stale from now on
        self._property_hits = []
        self._completer_model.setStringList([])
        popup = self.property_completer.popup()
        if popup is not None:
            popup.hide()
        self._property_status(self.tr("searching…") if text.strip() else "")
        self._property_timer.start()

    def _property_status(self, text: str) -> None:
        self.property_state.setText(text)
        self.property_state.setVisible(bool(text))

    def _search_properties(self) -> None:
        text = self._text("property")
        if len(text) < 1:
            self._property_status("")
            return
        self._property_search_seq += 1
        seq = self._property_search_seq
        desk = self.ctx.desk
        Op(self, lambda _t: find_properties(desk, text), lane=Lane.DB).on_success(
            lambda hits: self._on_properties(seq, hits)
        ).start()

    def _on_properties(self, seq: int, hits: list[tuple[str, str]]) -> None:
        if seq != self._property_search_seq:
            return  # typed on since: the latest query wins, an older result is never shown
        self._property_hits = hits
        self._property_status("" if hits else self.tr("no property matches"))
        self._completer_model.setStringList([address for _id, address in hits])
        # focusWidget(): the field the operator is in, even while another window is active meanwhile
        if hits and self.focusWidget() is self.editors["property"]:
            self.property_completer.complete()

    def _on_property_chosen(self, address: str) -> None:
        match = next((pid for pid, a in self._property_hits if a == address), None)
        if match is None:
            return
        self._property_id = match
        self._rooms_for = match
        self._property_status("")
        self.errors.show([])
        room: QComboBox = self.editors["room"]  # type: ignore[assignment]
        room.clear()
        self._rooms_state = "loading"
        self._show_room_placeholder()
        room.setEnabled(True)  # next in the Tab order at once (property → room → notes), while its rooms load
        # chosen with Enter or a click: the room is next, the cursor goes there (after the key or click
        # is done: a Tab that chose the property moves there by itself)
        QTimer.singleShot(0, self, self._to_room_after_property)
        desk = self.ctx.desk
        Op(self, lambda _t: rooms_of(desk, match), lane=Lane.DB).on_success(
            lambda rooms: self._on_rooms(rooms, match)
        ).start()

    def _show_room_placeholder(self) -> None:
        """What the empty room box says, in the UI language: choose the property first, loading, choose
        the room, or that the property has no rooms."""
        texts = {
            "no_property": self.tr("choose the property first"),
            "loading": self.tr("loading rooms…"),
            "rooms": self.tr("choose the room"),
            "no_rooms": self.tr("this property has no rooms"),
        }
        self.room_combo.setPlaceholderText(texts[self._rooms_state])

    def _to_room_after_property(self) -> None:
        room: QComboBox = self.editors["room"]  # type: ignore[assignment]
        if room.isEnabled() and self.focusWidget() in (self.editors["property"], self.property_completer.popup()):
            room.setFocus(Qt.FocusReason.OtherFocusReason)
        self._offer_rooms()

    def _offer_rooms(self) -> None:
        """The room has the cursor, its rooms are there and none is chosen: its list opens (↓, Enter)."""
        room: QComboBox = self.editors["room"]  # type: ignore[assignment]
        if room.hasFocus() and room.isEnabled() and room.count() > 1 and room.currentIndex() < 0 and self.isVisible():
            room.showPopup()

    def _on_rooms(self, rooms: list[tuple[str, str]], property_id: str | None = None) -> None:
        room: QComboBox = self.editors["room"]  # type: ignore[assignment]
        if property_id is not None and property_id != self._rooms_for:
            return  # the operator chose another property (or typed on) meanwhile
        self._rooms_state = "rooms" if rooms else "no_rooms"
        self._show_room_placeholder()
        room.clear()
        for rid, label in rooms:
            room.addItem(label, rid)
        # one room: it is the one; several: the operator chooses (↓), nothing is guessed (unless the
        # page that opened the form named the room: `choose_property(..., room_id)`)
        wanted = self._wanted_room
        self._wanted_room = None
        room.setCurrentIndex(room.findData(wanted) if wanted else (0 if len(rooms) == 1 else -1))
        room.setEnabled(bool(rooms))  # no rooms: Tab passes it by (its text says why)
        if rooms and self.focusWidget() in (self.editors["property"], self.property_completer.popup()):
            room.setFocus(Qt.FocusReason.OtherFocusReason)
        self._offer_rooms()

    def choose_property(self, property_id: str, address: str, room_id: str | None = None) -> None:
        """Take `property_id` as the property (e.g. the page's open property); loads its rooms and,
        when `room_id` is given, chooses that room once they are loaded."""
        self._wanted_room = room_id
        self.editors["property"].setText(address)  # type: ignore[attr-defined]
        self._property_hits = [(property_id, address)]
        self._on_property_chosen(address)

    # ---- duplicates -----------------------------------------------------------------------------
    def check_duplicate_now(self) -> None:
        self._check_duplicate()

    def _check_duplicate(self) -> None:
        number = self._text("number").upper()
        self._duplicate_seq += 1
        seq = self._duplicate_seq
        if len(number) < 6:
            self._show_duplicate(seq, None)
            return
        desk = self.ctx.desk
        Op(self, lambda _t: desk.residents.find_by_id_number(number), lane=Lane.DB).on_success(
            lambda row: self._show_duplicate(seq, row)
        ).start()

    def _show_duplicate(self, seq: int, row: Any) -> None:
        if seq != self._duplicate_seq:
            return
        if row is None:
            self._duplicate_id = self._duplicate_row = None
            self.duplicate_banner.hide()
            return
        self._duplicate_id = row.id
        self._duplicate_row = row
        self._show_banners()
        self.duplicate_banner.show()

    def _on_open_existing(self) -> None:
        if self._duplicate_id is None:
            return
        pid = self._duplicate_id
        self._dirty = False
        self.open_existing.emit(pid)
        self.accept()

    # ---- fingerprint ----------------------------------------------------------------------------
    def take_fingerprint(self, *, then_save: bool = False) -> None:
        from workstation.ui.screens.registration.fingerprint import FingerprintDialog

        if fingerprint_policy(self.ctx) == "off":
            return
        doc = self.document
        label = (doc.name or doc.name_latin or "") if doc else self._text("name") or self._text("name_latin")
        # "optional": the operator may skip, giving the reason; "required": only with a supervisor's
        # confirmation (the core checks it again when the skip is recorded)
        dialog = FingerprintDialog(self.ctx, self, person_label=label, allow_skip=True,
                                   skip_needs_supervisor=fingerprint_policy(self.ctx) == "required")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        was = self.focusWidget()

        def finished(_code: int) -> None:
            # the keyboard back in the form at once (Ctrl+S, Esc): a window manager activates the parent of
            # a closed dialog, a desk without one (or a demo desk clicked meanwhile) may not
            self.activateWindow()
            if dialog.capture is not None:
                self.capture = dialog.capture
                self._show_fingerprint_status()
                if then_save:
                    self.save()
                    return
                self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)
            elif was is not None and was.isVisibleTo(self) and was.isEnabled():
                was.setFocus(Qt.FocusReason.OtherFocusReason)  # cancelled: where the operator was
            else:
                self.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

        dialog.finished.connect(finished)
        dialog.open()
        self.fingerprint_dialog = dialog

    # ---- saving ---------------------------------------------------------------------------------
    def save(self) -> None:
        """Validate; ask for the fingerprint where policy wants one; then write in the background."""
        if self._saving:
            return
        if self.validate():
            return
        if self._duplicate_id is not None:
            self.duplicate_button.setFocus()
            return
        if fingerprint_policy(self.ctx) != "off" and self.capture is None:
            self.take_fingerprint(then_save=True)
            return
        doc, entry, _ = self.read()
        notes = entry.notes
        result = self.capture.result if self.capture is not None else None
        skip = self.capture.skip if self.capture is not None else None
        desk = self.ctx.desk
        self._saving = True
        self.save_button.setEnabled(False)

        def work(_token: Any) -> Any:
            return desk.residents.register(
                doc,
                phone=entry.phone,
                employer=entry.employer,
                arrival_date=entry.arrival_date,
                notes=notes,
                visa_type=entry.visa_type,
                visa_number=entry.visa_number,
                entry_date=entry.entry_date,
                stay_until=entry.stay_until,
                room_id=entry.room_id,
                tenancy_start=entry.arrival_date if entry.room_id else None,
                # the finger taken, or the skip (an audited event of the biometrics area), is written with
                # the resident (one transaction); one the core would refuse stops the registration before
                # anything is saved
                fingerprint=enrolled_finger(result) if result is not None else None,
                fingerprint_skip=SkipRequest(skip.reason, skip.note, skip.approver) if skip is not None else None,
            )

        (
            self.ctx.op(work, lane=Lane.DB, parent=self)
            .on_success(self._on_saved)
            .on_failure(self._on_save_failed)
            .with_progress(self.tr("Saving the registration…"))
            .start()
        )

    def _on_saved(self, changes: Any) -> None:
        self._saving = False
        self._dirty = False
        self.saved.emit(changes.id)
        self.accept()

    def _on_save_failed(self, exc: BaseException) -> bool:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            # the capture is kept for the next save, unless the core refused the finger itself
            if any(p[0] in FINGER_FIELDS for p in exc.problems) and self.capture is not None:
                self.capture = None
                self._show_fingerprint_status()
            self.show_problems(exc.problems)
            if any(p[0] == "number" for p in exc.problems):
                self._check_duplicate()
            return True
        if self.capture is not None and getattr(self.capture, "skip", None) is not None:
            self.capture = None  # the skip was refused (e.g. the policy changed): ask again on the next save
            self._show_fingerprint_status()
        return False


_open_windows: set[QWidget] = set()


def keep_open(window: QDialog) -> None:
    """Hold a window that has no parent until it closes (Python would otherwise collect it)."""
    if window.parent() is None:
        _open_windows.add(window)
        window.finished.connect(lambda _code: _open_windows.discard(window))


def present(window: QDialog) -> None:
    """Show a registration-desk window in front, keyboard focus in it."""
    keep_open(window)
    window.show()
    window.activateWindow()


def find_properties(desk: Any, text: str, limit: int = 20) -> list[tuple[str, str]]:
    """(id, address) of properties whose address contains `text` (runs on the DB lane)."""
    page = desk.housing.find_properties(text, limit=limit)
    return [(p.id, p.address) for p in page.items]


def rooms_of(desk: Any, property_id: str) -> list[tuple[str, str]]:
    """(id, label) of the rooms of a property (runs on the DB lane)."""
    return [(r.id, r.label) for r in desk.housing.rooms(property_id)]


def enrolled_finger(result: Any) -> EnrolledFinger:
    """The finger to store from an enrolment's result (`devices.zfm.enroll.EnrollmentResult`): its
    position, template and quality."""
    return EnrolledFinger(position=result.position, template=result.template, quality=result.quality)


def add_fingerprint(desk: Any, person_id: str, result: Any) -> Any:
    """Store an enrolment's finger for a resident registered earlier (the resident's detail page)
    through the fingerprint service (call off the GUI thread); returns its Changes. A registration
    passes its finger to `desk.residents.register(fingerprint=)` instead (`enrolled_finger`)."""
    return desk.biometrics.add(
        person_id, position=result.position, template=result.template, quality=result.quality
    )
