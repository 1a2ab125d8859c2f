"""Administration, tab "Backup and purge".

* Backup: an encrypted copy of the station (database, key file, audit anchor, manifest) into a new
  or empty folder chosen with a folder dialog — `storage.station.backup`, the same call as
  ``workstation-admin backup``, with its steps shown as progress; audited as ``database.backup``.
* Purge: first a dry run lists what would be deleted (acknowledged by the platform and past the
  retention period; `storage.retention.purge(dry_run=True)`, audited as ``retention.purge.dry_run``);
  only then, after a tick, the purge itself with the same cut-off (audited as ``retention.purge``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation import i18n as core_i18n
from workstation.domain.permissions import Permission
from workstation.storage import retention, station
from workstation.storage.retention import PurgeReport
from workstation.ui import i18n
from workstation.ui.context import DeskContext
from workstation.ui.screens.admin.common import Note, Reasons, failure_to, hint
from workstation.ui.screens.admin.models import PurgePreviewModel
from workstation.ui.tasks import CancelToken


class MaintenanceTab(QWidget):
    """`back_up()` writes a backup to the chosen folder; `preview()` runs the purge's dry run;
    `purge()` purges what the preview listed (after the tick)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admin_maintenance")
        self.ctx = ctx
        self.errors = Reasons()
        self.preview_report: PurgeReport | None = None
        self.preview_at: datetime | None = None
        self.last_backup: str | None = None
        self.busy = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)

        # ---- backup
        self.backup_box = QGroupBox()
        self.backup_box.setObjectName("backup_box")
        bl = QVBoxLayout(self.backup_box)
        self.backup_intro = hint("backup_intro")
        bl.addWidget(self.backup_intro)
        row = QHBoxLayout()
        self.folder_label = QLabel()
        self.folder = QLineEdit()
        self.folder.setObjectName("backup_folder")
        self.folder.textChanged.connect(lambda _t: self._update_buttons())
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("backup_choose")
        self.choose_button.clicked.connect(self.choose_folder)
        folder_row = QWidget()
        fr = QHBoxLayout(folder_row)
        fr.setContentsMargins(0, 0, 0, 0)
        fr.addWidget(self.folder, 1)
        fr.addWidget(self.choose_button)
        row.addWidget(self.folder_label)
        row.addWidget(self.errors.wrap("folder", folder_row), 1)
        bl.addLayout(row)
        actions = QHBoxLayout()
        self.backup_button = QPushButton()
        self.backup_button.setObjectName("backup_now")
        self.backup_button.clicked.connect(self.back_up)
        actions.addWidget(self.backup_button)
        actions.addStretch(1)
        bl.addLayout(actions)
        self.backup_note = Note("backup_note")
        bl.addWidget(self.backup_note)
        lay.addWidget(self.backup_box)

        # ---- purge
        self.purge_box = QGroupBox()
        self.purge_box.setObjectName("purge_box")
        pl = QVBoxLayout(self.purge_box)
        self.purge_intro = hint("purge_intro")
        pl.addWidget(self.purge_intro)
        prow = QHBoxLayout()
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("purge_preview")
        self.preview_button.clicked.connect(self.preview)
        prow.addWidget(self.preview_button)
        prow.addStretch(1)
        pl.addLayout(prow)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("purge_preview_text")
        self.preview_label.setWordWrap(True)
        pl.addWidget(self.preview_label)
        self.model = PurgePreviewModel(self)
        self.table = QTableView()
        self.table.setObjectName("purge_table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMaximumHeight(
            hh.sizeHint().height() + 8 * self.table.verticalHeader().defaultSectionSize() + 4
        )
        self.table.hide()
        pl.addWidget(self.table)
        self.purge_confirm = QCheckBox()
        self.purge_confirm.setObjectName("purge_confirm")
        self.purge_confirm.toggled.connect(lambda _c: self._update_buttons())
        self.purge_confirm.hide()
        pl.addWidget(self.purge_confirm)
        arow = QHBoxLayout()
        self.purge_button = QPushButton()
        self.purge_button.setObjectName("purge_now")
        self.purge_button.clicked.connect(self.purge)
        self.purge_button.hide()
        arow.addWidget(self.purge_button)
        arow.addStretch(1)
        pl.addLayout(arow)
        self.purge_note = Note("purge_note")
        pl.addWidget(self.purge_note)
        lay.addWidget(self.purge_box)
        lay.addStretch(1)
        self.retranslate()
        self._update_buttons()

    # ---- texts ----------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.backup_box.setTitle(self.tr("Backup"))
        self.backup_intro.setText(
            self.tr(
                "An encrypted copy of the whole station into a new or empty folder (for example on a USB disk "
                "kept in the station safe). Restoring it needs the recovery passphrase of today."
            )
        )
        self.folder_label.setText(self.tr("Folder"))
        self.choose_button.setText(self.tr("Choose folder…"))
        self.backup_button.setText(self.tr("Back up now"))
        self.purge_box.setTitle(self.tr("Purge old data"))
        self.purge_intro.setText(
            self.tr(
                "Data the platform has acknowledged and that is older than the retention period (Station settings) "
                "is deleted from this desk for good. First see what would go; nothing is deleted by the preview."
            )
        )
        self.preview_button.setText(self.tr("Show what would be purged"))
        self.purge_confirm.setText(
            self.tr("I have checked the list: delete these records from this desk (a backup keeps them).")
        )
        self._render_preview()
        self.model.retranslate()
        self.errors.retranslate()

    def changeEvent(self, event: Any) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Nothing to read ahead: the preview is read when asked for."""

    def _update_buttons(self) -> None:
        can_backup = self.ctx.can(Permission.MANAGE_SETTINGS)
        can_purge = self.ctx.can(Permission.PURGE)
        self.backup_button.setEnabled(can_backup and not self.busy and bool(self.folder.text().strip()))
        self.choose_button.setEnabled(can_backup and not self.busy)
        self.preview_button.setEnabled(can_purge and not self.busy)
        report = self.preview_report
        self.purge_button.setEnabled(
            can_purge and not self.busy and report is not None and report.total > 0 and self.purge_confirm.isChecked()
        )

    def _set_busy(self, on: bool) -> None:
        self.busy = on
        self._update_buttons()

    # ---- backup ---------------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the backup"), self.folder.text())
        if path:
            self.folder.setText(path)

    def back_up(self) -> None:
        if self.busy:
            return
        self.errors.clear()
        self.backup_note.clear_note()
        db, actor, target = self.ctx.db, self.ctx.operator, self.folder.text().strip()
        lang = i18n.current()

        def work(token: CancelToken) -> str:
            def progress(done: int, total: int, text: str) -> None:
                token.report(done, total, core_i18n.render(text, lang))

            return str(station.backup(db, actor, target, progress=progress))

        self._set_busy(True)
        self.ctx.op(work, parent=self).on_success(self._backed_up).on_failure(
            failure_to(self, self.backup_note, self.errors)
        ).on_finished(lambda: self._set_busy(False)).with_progress(self.tr("Backing up the station…")).start()

    def _backed_up(self, path: str) -> None:
        self.last_backup = path
        self.backup_note.say(
            self.tr(
                "Backup written to {folder}. Keep it with the recovery passphrase; restoring is done with "
                "the command \"workstation-admin restore\"."
            ).replace("{folder}", self.folder.text().strip()),
            "info",
        )
        self.folder.clear()

    # ---- purge ----------------------------------------------------------------------------------------
    def preview(self) -> None:
        """The dry run (nothing deleted): lists what a purge would delete now."""
        if self.busy:
            return
        self.purge_note.clear_note()
        db, actor = self.ctx.db, self.ctx.operator
        self._set_busy(True)

        def work(_t: CancelToken) -> tuple[datetime, PurgeReport]:
            from workstation.storage.schema import utcnow

            now = utcnow()
            return now, retention.purge(db, actor, now=now, dry_run=True)

        self.ctx.op(work, parent=self).on_success(self._show_preview).on_failure(
            failure_to(self, self.purge_note)
        ).on_finished(lambda: self._set_busy(False)).with_progress(self.tr("Looking for data past retention…")).start()

    def _show_preview(self, result: tuple[datetime, PurgeReport]) -> None:
        self.preview_at, self.preview_report = result
        self.purge_confirm.setChecked(False)
        self.model.set_rows([(k, n) for k, n in result[1].counts.items() if n])
        self._render_preview()
        self._update_buttons()

    def _render_preview(self) -> None:
        report = self.preview_report
        if report is None:
            self.preview_label.setText("")
            self.preview_label.hide()
            self.table.hide()
            self.purge_confirm.hide()
            self.purge_button.hide()
            return
        cutoff = report.cutoff.strftime("%Y-%m-%d")
        self.preview_label.show()
        if report.total == 0:
            self.preview_label.setText(
                self.tr("Nothing to purge: no acknowledged data is older than {date}.").replace("{date}", cutoff)
            )
            self.table.hide()
            self.purge_confirm.hide()
            self.purge_button.hide()
            return
        self.preview_label.setText(
            self.tr("Acknowledged by the platform and older than {date}: %n record(s). A purge deletes:", "",
                    report.total)
            .replace("{date}", cutoff)
        )
        self.table.show()
        self.purge_confirm.show()
        self.purge_button.show()
        self.purge_button.setText(self.tr("Purge %n record(s)", "", report.total))

    def purge(self) -> None:
        """Purge with the preview's cut-off (only after the preview and the tick)."""
        report, at = self.preview_report, self.preview_at
        if self.busy or report is None or at is None or not self.purge_confirm.isChecked():
            return
        db, actor = self.ctx.db, self.ctx.operator
        self._set_busy(True)
        self.ctx.op(lambda _t: retention.purge(db, actor, now=at), parent=self).on_success(self._purged).on_failure(
            failure_to(self, self.purge_note)
        ).on_finished(lambda: self._set_busy(False)).with_progress(self.tr("Purging…")).start()

    def _purged(self, report: PurgeReport) -> None:
        self.preview_report = None
        self.preview_at = None
        self.purge_confirm.setChecked(False)
        self.model.set_rows([])
        self._render_preview()
        self.purge_note.say(
            self.tr("Purged %n record(s) acknowledged by the platform and older than {date}.", "", report.total)
            .replace("{date}", report.cutoff.strftime("%Y-%m-%d")),
            "info",
        )
        self._update_buttons()
