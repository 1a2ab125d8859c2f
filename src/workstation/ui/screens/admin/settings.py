"""Administration, tab "Station settings": retention, idle lock, lockout policy, fingerprint and photo
policy, the desk's language, the landlords' declaration deadline. Read and saved through
`storage.policy` (checked, audited) on the DB lane; a refused value gets its reason beside its
field. A saved idle lock counts in the running window at once (`Station.apply_settings`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workstation.storage import policy
from workstation.storage.policy import PolicyChange, StationPolicy
from workstation.ui.context import DeskContext
from workstation.ui.i18n import LANGUAGES as LANGUAGE_NAMES
from workstation.ui.screens.admin.common import Note, Reasons, failure_to, hint

NUMBERS = ("retention_days", "idle_lock_minutes", "max_failed_logins", "lockout_minutes", "declaration_deadline_days")


class SettingsTab(QWidget):
    """The station policy form. `refresh()` reads it; `save()` writes what was changed."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admin_settings")
        self.ctx = ctx
        self.policy: StationPolicy | None = None
        self.errors = Reasons()
        self._busy = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        self.intro = hint("settings_intro")
        lay.addWidget(self.intro)

        self.edits: dict[str, QLineEdit] = {}
        for key in NUMBERS:
            e = QLineEdit()
            e.setObjectName(f"setting_{key}")
            e.setMaximumWidth(120)
            e.setMaxLength(6)
            e.textEdited.connect(self._edited)
            self.edits[key] = e
        self.fingerprint = QComboBox()
        self.fingerprint.setObjectName("setting_fingerprint_policy")
        for value in policy.FINGERPRINT_POLICIES:
            self.fingerprint.addItem("", value)
        self.keep_images = QCheckBox()
        self.keep_images.setObjectName("setting_store_fingerprint_images")
        self.photo = QComboBox()
        self.photo.setObjectName("setting_photo_policy")
        for value in policy.PHOTO_POLICIES:
            self.photo.addItem("", value)
        self.language = QComboBox()
        self.language.setObjectName("setting_language")
        for value in policy.LANGUAGES:
            self.language.addItem("", value)
        for w in (self.fingerprint, self.photo, self.language):
            w.currentIndexChanged.connect(self._edited)
            w.setMaximumWidth(360)
        self.keep_images.toggled.connect(self._edited)

        self.labels: dict[str, QLabel] = {}

        def group(name: str, keys: list[tuple[str, QWidget]]) -> QGroupBox:
            box = QGroupBox()
            box.setObjectName(name)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            for key, w in keys:
                label = QLabel()
                self.labels[key] = label
                form.addRow(label, self.errors.wrap(key, w))
            return box

        self.group_desk = group(
            "settings_desk",
            [("idle_lock_minutes", self.edits["idle_lock_minutes"]), ("language", self.language)],
        )
        self.group_login = group(
            "settings_login",
            [("max_failed_logins", self.edits["max_failed_logins"]),
             ("lockout_minutes", self.edits["lockout_minutes"])],
        )
        self.group_registration = group(
            "settings_registration",
            [("fingerprint_policy", self.fingerprint), ("store_fingerprint_images", self.keep_images),
             ("photo_policy", self.photo)],
        )
        # the setting is the station's; whether a photo can be shown at all is this desk's (the card's WLT
        # photo needs a decoder a vendor licenses): said plainly beside the setting
        self.photo_note = QLabel()
        self.photo_note.setObjectName("photo_decoder_note")
        self.photo_note.setWordWrap(True)
        self.photo_note.setStyleSheet("color: #7a4b00;")
        self.photo_note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)  # the row's width
        self.photo_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # right under the field
        reg_form = self.group_registration.layout()
        assert isinstance(reg_form, QFormLayout)
        reg_form.addRow("", self.photo_note)
        self.group_housing = group(
            "settings_housing", [("declaration_deadline_days", self.edits["declaration_deadline_days"])]
        )
        self.group_data = group("settings_data", [("retention_days", self.edits["retention_days"])])
        body = QWidget()
        body.setObjectName("settings_body")
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        for g in (self.group_desk, self.group_login, self.group_registration, self.group_housing, self.group_data):
            column.addWidget(g)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("settings_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.viewport().setAutoFillBackground(False)
        body.setAutoFillBackground(False)
        lay.addWidget(scroll, 1)

        actions = QHBoxLayout()
        self.save_button = QPushButton()
        self.save_button.setObjectName("settings_save")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton()
        self.revert_button.setObjectName("settings_revert")
        self.revert_button.clicked.connect(self.refresh)
        actions.addWidget(self.save_button)
        actions.addWidget(self.revert_button)
        actions.addStretch(1)
        lay.addLayout(actions)
        self.note = Note("settings_note")
        lay.addWidget(self.note)
        self.retranslate()
        self._set_enabled(False)

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "Rules for the whole station. Each change is recorded in the audit trail. The platform may set some "
                "of them too; the latest change counts."
            )
        )
        self.group_desk.setTitle(self.tr("The desk"))
        self.group_login.setTitle(self.tr("Logging in"))
        self.group_registration.setTitle(self.tr("Registration"))
        self.group_housing.setTitle(self.tr("Rental housing"))
        self.group_data.setTitle(self.tr("Keeping data"))
        texts = {
            "retention_days": self.tr("Keep acknowledged data for (days, 30–3650)"),
            "idle_lock_minutes": self.tr("Lock the desk after idle minutes (1–120)"),
            "language": self.tr("Language for operators who chose none"),
            "max_failed_logins": self.tr("Wrong passwords in a row before an account locks (3–20)"),
            "lockout_minutes": self.tr("Minutes an account stays locked (1–1440)"),
            "fingerprint_policy": self.tr("Fingerprint at registration"),
            "store_fingerprint_images": self.tr("Fingerprint images"),
            "photo_policy": self.tr("ID card photo at registration"),
            "declaration_deadline_days": self.tr("Days a landlord has to declare a new tenant (1–30)"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        fp = {
            "required": self.tr("Required (skipping needs a supervisor's confirmation)"),
            "optional": self.tr("Asked for, may be skipped with a reason"),
            "off": self.tr("Not taken"),
        }
        for i in range(self.fingerprint.count()):
            self.fingerprint.setItemText(i, fp[self.fingerprint.itemData(i)])
        self.keep_images.setText(self.tr("Keep the image too (more personal data)"))
        photo = {"show": self.tr("Shown"), "hide": self.tr("Not shown")}
        for i in range(self.photo.count()):
            self.photo.setItemText(i, photo[self.photo.itemData(i)])
        self.show_photo_note()
        lang = {"": self.tr("The computer's language"), **LANGUAGE_NAMES}
        for i in range(self.language.count()):
            self.language.setItemText(i, lang[self.language.itemData(i)])
        self.save_button.setText(self.tr("Save settings"))
        self.errors.retranslate()
        self.revert_button.setText(self.tr("Undo changes"))

    def show_photo_note(self) -> None:
        """Beside the photo setting: that this desk has no photo decoder, when it has none (a desk with one
        shows nothing there). Checked again each time the tab is shown."""
        from workstation.devices.sam.decode import photo_decoder_available

        missing = not photo_decoder_available()
        self.photo_note.setText(
            self.tr(
                "No photo decoder is installed on this desk: registration here cannot show the ID card photo, "
                "whatever is chosen."
            )
            if missing
            else ""
        )
        self.photo_note.setVisible(missing)

    def showEvent(self, event: Any) -> None:
        self.show_photo_note()
        super().showEvent(event)

    def changeEvent(self, event: Any) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _set_enabled(self, on: bool) -> None:
        for w in (*self.edits.values(), self.fingerprint, self.keep_images, self.photo, self.language,
                  self.save_button, self.revert_button):
            w.setEnabled(on)

    def _edited(self, *_a: Any) -> None:
        if self.note.kind == "info":
            self.note.clear_note()

    # ---- reading --------------------------------------------------------------------------------------
    def refresh(self) -> None:
        db, actor = self.ctx.db, self.ctx.operator
        self.ctx.op(lambda _t: policy.read(db, actor), parent=self).on_success(self._show).on_failure(
            failure_to(self, self.note)
        ).start()

    def _show(self, p: StationPolicy) -> None:
        self.policy = p
        self.errors.clear()
        for key, edit in self.edits.items():
            edit.setText(str(getattr(p, key)))
        self.fingerprint.setCurrentIndex(max(0, self.fingerprint.findData(p.fingerprint_policy)))
        self.keep_images.setChecked(p.store_fingerprint_images)
        self.photo.setCurrentIndex(max(0, self.photo.findData(p.photo_policy)))
        self.language.setCurrentIndex(max(0, self.language.findData(p.language)))
        self._set_enabled(True)

    # ---- saving ---------------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What the form holds (numbers as typed)."""
        return {
            **{key: edit.text() for key, edit in self.edits.items()},
            "fingerprint_policy": str(self.fingerprint.currentData()),
            "store_fingerprint_images": self.keep_images.isChecked(),
            "photo_policy": str(self.photo.currentData()),
            "language": str(self.language.currentData()),
        }

    def save(self) -> None:
        if self._busy or self.policy is None:
            return
        self.errors.clear()
        self.note.clear_note()
        db, actor, values = self.ctx.db, self.ctx.operator, self.values()
        self._busy = True
        self.save_button.setEnabled(False)

        def finished() -> None:
            self._busy = False
            self.save_button.setEnabled(True)

        self.ctx.op(lambda _t: policy.change(db, actor, **values), parent=self).on_success(self._saved).on_failure(
            failure_to(self, self.note, self.errors)
        ).on_finished(finished).start()

    def _saved(self, result: PolicyChange) -> None:
        self._show(result.policy)
        if not result.changed:
            self.note.say(self.tr("Nothing to save: every setting already had this value."), "info")
            return
        self.ctx.station.apply_settings({k: getattr(result.policy, k) for k in result.changed})
        text = self.tr("Settings saved (%n changed).", "", len(result.changed))
        if "idle_lock_minutes" in result.changed:
            text += " " + self.tr("The desk now locks after %n idle minute(s).", "", result.policy.idle_lock_minutes)
        if "language" in result.changed:
            text += " " + self.tr("The language applies from the next login of operators who chose none.")
        self.note.say(text, "info")
