"""Administration, tab "Platform enrollment": enroll this workstation with the central platform.

The administrator types the platform's address and the one-time code and chooses the platform's CA
certificate file. The certificate's SHA-256 fingerprint is shown at once, and nothing is sent
until the administrator has confirmed that it is the fingerprint the platform team gave (ticking
the box; a fingerprint typed into the optional field is compared as well). Then
`sync.client.enroll` runs on the NET lane with that very certificate and fingerprint — the same call
as ``workstation sync --enroll`` (administrator only, audited as ``sync.enroll``). Replacing an
existing enrollment needs its own tick and is confirmed against the device id shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.errors import Problem, ValidationError
from workstation.sync import client as sync_client
from workstation.sync import pinning
from workstation.sync.pinning import CaCertificate
from workstation.ui.context import DeskContext
from workstation.ui.screens.admin.common import STYLES, Note, Reasons, failure_to, heading, hint
from workstation.ui.screens.sync.model import local_time
from workstation.ui.tasks import Lane


class EnrollmentTab(QWidget):
    """`refresh()` reads the current enrollment; `load_ca(path)` reads a CA file and shows its
    fingerprint; `enroll()` sends (only once the fingerprint is confirmed)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admin_enrollment")
        self.ctx = ctx
        self.ca: CaCertificate | None = None
        self.current: sync_client.Enrollment | None = None
        self.loaded = False
        self.busy = False
        self.errors = Reasons()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        self.status = QLabel()
        self.status.setObjectName("enrollment_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.status)
        self.intro = hint("enrollment_intro")
        lay.addWidget(self.intro)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.url = QLineEdit()
        self.url.setObjectName("enroll_url")
        self.url.setPlaceholderText("https://platform.example:8443")
        self.station_code = QLineEdit(ctx.station.station_code)
        self.station_code.setObjectName("enroll_station_code")
        self.station_code.setMaxLength(32)
        self.code = QLineEdit()
        self.code.setObjectName("enroll_code")
        self.code.setMaxLength(80)
        self.ca_path = QLineEdit()
        self.ca_path.setObjectName("enroll_ca_path")
        self.ca_path.setReadOnly(True)
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("enroll_choose_ca")
        self.choose_button.clicked.connect(self.choose_ca)
        ca_row = QWidget()
        ca_lay = QHBoxLayout(ca_row)
        ca_lay.setContentsMargins(0, 0, 0, 0)
        ca_lay.addWidget(self.ca_path, 1)
        ca_lay.addWidget(self.choose_button)
        self.given = QLineEdit()
        self.given.setObjectName("enroll_fingerprint_given")
        self.given.setMaxLength(128)
        self.given.textChanged.connect(self._given_changed)
        self.labels: dict[str, QLabel] = {}
        for key, w in (("url", self.url), ("station_code", self.station_code), ("code", self.code),
                       ("ca_file", ca_row), ("fingerprint", self.given)):
            label = QLabel()
            self.labels[key] = label
            form.addRow(label, self.errors.wrap(key, w))
        lay.addLayout(form)

        self.fp_heading = heading("enroll_fingerprint_heading")
        lay.addWidget(self.fp_heading)
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("enroll_fingerprint")
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        f = self.fingerprint.font()
        f.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "monospace", *f.families()])
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.fingerprint.setFont(f)
        self.fingerprint.setStyleSheet("padding: 6px 10px; border: 1px solid #8a8a8a; background: #ffffff;")
        fp_row = QHBoxLayout()
        fp_row.addWidget(self.fingerprint)
        fp_row.addStretch(1)
        lay.addLayout(fp_row)
        self.ca_details = QLabel()
        self.ca_details.setObjectName("enroll_ca_details")
        self.ca_details.setWordWrap(True)
        lay.addWidget(self.ca_details)
        self.match = QLabel()
        self.match.setObjectName("enroll_fingerprint_match")
        self.match.setWordWrap(True)
        self.match.hide()
        lay.addWidget(self.match)
        self.confirm = QCheckBox()
        self.confirm.setObjectName("enroll_confirm_fingerprint")
        self.confirm.toggled.connect(lambda _c: self._update_button())
        lay.addWidget(self.errors.wrap("confirm", self.confirm))
        self.replace = QCheckBox()
        self.replace.setObjectName("enroll_replace")
        self.replace.toggled.connect(lambda _c: self._update_button())
        self.replace.hide()
        lay.addWidget(self.replace)

        actions = QHBoxLayout()
        self.enroll_button = QPushButton()
        self.enroll_button.setObjectName("enroll_now")
        self.enroll_button.clicked.connect(self.enroll)
        actions.addWidget(self.enroll_button)
        actions.addStretch(1)
        lay.addLayout(actions)
        self.note = Note("enrollment_note")
        lay.addWidget(self.note)
        lay.addStretch(1)
        self.retranslate()
        self._show_ca(None)

    # ---- texts ----------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "The platform team gives you its address, a one-time code, its CA certificate file and that "
                "certificate's SHA-256 fingerprint. Choose the file: its fingerprint appears below. Compare it "
                "with the one you were given, character by character, before anything is sent."
            )
        )
        texts = {
            "url": self.tr("Platform address"),
            "station_code": self.tr("Station code"),
            "code": self.tr("One-time code"),
            "ca_file": self.tr("CA certificate file"),
            "fingerprint": self.tr("Fingerprint you were given (optional)"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.choose_button.setText(self.tr("Choose file…"))
        self.given.setPlaceholderText(self.tr("paste it here to have it compared"))
        self.fp_heading.setText(self.tr("SHA-256 fingerprint of the CA certificate"))
        self.confirm.setText(
            self.tr("I have compared this fingerprint with the one the platform team gave me: they are the same.")
        )
        self.enroll_button.setText(self.tr("Enroll with the platform"))
        self.errors.retranslate()
        self._render_status()
        self._render_ca()
        self._update_button()

    def changeEvent(self, event: Any) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- the current enrollment ---------------------------------------------------------------------
    def refresh(self) -> None:
        db = self.ctx.db
        self.ctx.op(lambda _t: sync_client.current_enrollment(db), parent=self).on_success(
            self._show_current
        ).on_failure(failure_to(self, self.note)).start()

    def _show_current(self, current: sync_client.Enrollment | None) -> None:
        self.current = current
        self.loaded = True
        if current is None:
            self.replace.setChecked(False)
        self.replace.setVisible(current is not None)
        if current is not None and not self.url.text():
            self.url.setText(current.platform_url)
        self._render_status()
        self._update_button()

    def _render_status(self) -> None:
        cur = self.current
        if not self.loaded:
            self.status.setText(self.tr("Reading the enrollment…"))
            self.status.setStyleSheet("")
        elif cur is None:
            self.status.setText(self.tr("This workstation is not enrolled with the central platform yet."))
            self.status.setStyleSheet(STYLES["warning"])
        else:
            self.status.setText(
                self.tr("Enrolled with {url} as device {device} (station {station}) since {t}.")
                .replace("{url}", cur.platform_url)
                .replace("{device}", cur.device_id)
                .replace("{station}", cur.station_code)
                .replace("{t}", local_time(cur.enrolled_at))
            )
            self.status.setStyleSheet(STYLES["info"])
        if cur is not None:
            self.replace.setText(
                self.tr(
                    "Replace this enrollment (device {device}). Batches the old platform acknowledged stay as they "
                    "are; the ones it has not acknowledged (%n [batch|batches]) are sent to the new one instead.",
                    "", cur.unacknowledged_batches,
                )
                .replace("{device}", cur.device_id)
            )

    # ---- the CA certificate -------------------------------------------------------------------------
    def choose_ca(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("The platform's CA certificate"),
            self.ca_path.text(),
            self.tr("Certificates") + " (*.pem *.crt *.cer);;" + self.tr("All files") + " (*)",
        )
        if path:
            self.load_ca(path)

    def load_ca(self, path: str) -> None:
        """Read the CA file off the GUI thread and show its fingerprint (a bad file: the reason beside it)."""
        self.ca_path.setText(path)
        self._show_ca(None)
        self.errors.clear()
        self.note.clear_note()
        self.ctx.op(lambda _t: pinning.read_ca_certificate(path), parent=self).on_success(self._show_ca).on_failure(
            failure_to(self, self.note, self.errors)
        ).start()

    def _show_ca(self, ca: CaCertificate | None) -> None:
        self.ca = ca
        self.confirm.setChecked(False)
        self.confirm.setEnabled(ca is not None)
        self._render_ca()
        self._compare()
        self._update_button()

    def _render_ca(self) -> None:
        ca = self.ca
        if ca is None:
            self.fingerprint.setText(self.tr("Choose the CA certificate file first."))
            self.ca_details.hide()
            return
        groups = ca.fingerprint_groups.split(":")
        half = len(groups) // 2
        self.fingerprint.setText(":".join(groups[:half]) + ":\n" + ":".join(groups[half:]))
        self.ca_details.setText(
            self.tr("Issued to: {subject}; valid until {t}.")
            .replace("{subject}", ca.subject)
            .replace("{t}", ca.not_after.strftime("%Y-%m-%d"))
        )
        self.ca_details.show()

    def _given_changed(self, _text: str) -> None:
        self.confirm.setChecked(False)  # a new fingerprint to compare: confirm again
        self._compare()

    def _compare(self) -> None:
        """Compare a typed fingerprint with the file's (a help; the tick is what counts)."""
        typed = self.given.text().strip()
        if self.ca is None or not typed:
            self.match.hide()
            return
        try:
            digits = pinning.check_fingerprint(typed)
        except Exception:
            digits = ""
        if digits == self.ca.sha256:
            self.match.setText(self.tr("The fingerprint you typed matches the certificate's."))
            self.match.setStyleSheet(STYLES["info"])
        else:
            self.match.setText(
                self.tr("The fingerprint you typed does NOT match the certificate's. Do not enroll: check the file.")
            )
            self.match.setStyleSheet(STYLES["error"])
            self.confirm.setChecked(False)
        self.match.show()
        self._update_button()

    def _fingerprint_ok(self) -> bool:
        typed = self.given.text().strip()
        if self.ca is None or not typed:
            return True
        try:
            return pinning.check_fingerprint(typed) == self.ca.sha256
        except Exception:
            return False

    def _update_button(self) -> None:
        ready = (
            self.ca is not None
            and self.confirm.isChecked()
            and self._fingerprint_ok()
            and self.loaded
            and (self.current is None or self.replace.isChecked())
            and not self.busy
        )
        self.enroll_button.setEnabled(ready)

    # ---- enrolling ------------------------------------------------------------------------------------
    def enroll(self) -> None:
        """Send the enrollment (NET lane). Does nothing until the fingerprint is confirmed."""
        ca = self.ca
        if self.busy or ca is None or not self.confirm.isChecked() or not self._fingerprint_ok():
            if ca is not None and not self.confirm.isChecked():
                self.errors.show([Problem("confirm", "required", self.tr("confirm the fingerprint first"))])
            return
        if self.current is not None and not self.replace.isChecked():
            return
        self.errors.clear()
        self.note.clear_note()
        db, actor = self.ctx.db, self.ctx.operator
        url, code, station = self.url.text(), self.code.text(), self.station_code.text()
        replace_device = self.current.device_id if self.current is not None else None

        def work(_t: Any) -> str:
            problems: list[Problem] = []
            checked: dict[str, str] = {}
            for key, check, value in (
                ("url", pinning.check_platform_url, url),
                ("code", pinning.check_one_time_code, code),
                ("station_code", pinning.check_station_code, station),
            ):
                try:
                    checked[key] = check(value)
                except ValidationError as exc:
                    problems.extend(exc.problems)
            if problems:
                raise ValidationError(problems)
            return sync_client.enroll(
                db,
                checked["url"],
                checked["code"],
                checked["station_code"],
                ca.pem,
                actor=actor,
                ca_fingerprint=ca.sha256,
                replace=replace_device is not None,
                confirm=lambda cur: cur.device_id == replace_device,
            )

        self.busy = True
        self._update_button()

        def finished() -> None:
            self.busy = False
            self._update_button()

        self.ctx.op(work, lane=Lane.NET, parent=self).on_success(self._enrolled).on_failure(
            failure_to(self, self.note, self.errors)
        ).on_finished(finished).with_progress(self.tr("Enrolling with the platform…")).start()

    def _enrolled(self, device_id: str) -> None:
        self.code.clear()
        self.confirm.setChecked(False)
        self.replace.setChecked(False)
        self.note.say(
            self.tr("Enrolled: this workstation is device {device} of the platform and can sync now.").replace(
                "{device}", device_id
            ),
            "info",
        )
        self.refresh()
        win = self.window()
        refresh = getattr(win, "refresh_sync_state", None)
        if callable(refresh):
            refresh()
