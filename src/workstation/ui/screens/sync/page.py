"""The Sync page: what is waiting for the central platform, per ledger state, the last error in plain
words with the next automatic try, and "sync now" (F5) with a progress bar, never blocking the window;
the freeze rule's warning before it blocks registration; conflicts the platform reported, each opened
with both versions side by side (`conflicts.ConflictDialog`); and offline transfer — sealed batches
out to a folder (a USB stick) and the platform's receipts back in, with progress (`sync.transfer`,
the same code as `workstation sync --export/--import-receipts`).

Reads run on the DB lane (`data.overview`, `desk.conflicts.open`), the sync on the NET lane
(`run.start_sync`), the transfer on the DB lane. The page refreshes when shown, after every sync, and
every 30 s while visible (the next retry time moves).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.domain.permissions import Permission
from workstation.i18n import render
from workstation.sync.client import SendResult
from workstation.sync.conflicts import Resolution
from workstation.ui import i18n
from workstation.ui.context import DeskContext
from workstation.ui.pages import NavItem, PageBase
from workstation.ui.screens.sync import data, run
from workstation.ui.screens.sync.conflicts import ConflictDialog, ConflictsModel
from workstation.ui.screens.sync.errors_text import plain_sync_error
from workstation.ui.screens.sync.freeze_text import freeze_notice
from workstation.ui.screens.sync.model import SyncStateModel, local_time
from workstation.ui.tasks import OpHandle

REFRESH_MS = 30_000
_BOX = "padding: 8px; border: 1px solid {b}; background: {bg}; color: {fg};"
WARN_STYLE = _BOX.format(b="#c8a600", bg="#fff4ce", fg="#3d2e00")
OK_STYLE = _BOX.format(b="#5a9e5a", bg="#e8f5e8", fg="#12361a")
BLOCKED_STYLE = _BOX.format(b="#c42b1c", bg="#fde7e9", fg="#8c1d18")


def _minutes_until(dt: datetime) -> int:
    now = datetime.now(UTC).replace(tzinfo=None)
    return max(0, int((dt - now).total_seconds() // 60) + (1 if (dt - now).total_seconds() % 60 else 0))


class SyncPage(PageBase):
    """The Sync page (nav key ``sync``, permission SYNC). `sync_now()` starts a sync unless one runs
    (returns its `OpHandle`, or None when it did not start); `refresh()` re-reads the ledger."""

    nav_key = "sync"
    permission = Permission.SYNC
    # Background sync (issue 12): FIRST_BACKGROUND_MS after login, then every BACKGROUND_MS, the current
    # session's page runs one `SyncClient.tick` (send what is due, fetch tasks and pre-registrations).
    BACKGROUND_MS = 60_000
    FIRST_BACKGROUND_MS = 3_000

    def __init__(self, ctx: DeskContext, item: NavItem | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.overview: data.SyncOverview | None = None
        self.last_result: SendResult | None = None
        self.last_failure: str | None = None
        self._handle: OpHandle | None = None
        self._background_handle: OpHandle | None = None
        self._now_after_background = False
        self._refreshing = False
        self._transfer: OpHandle | None = None
        self.transfer_result = ""
        self.conflict_dialog: ConflictDialog | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("sync_scroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("sync_content")
        self.scroll_area.setWidget(content)
        outer.addWidget(self.scroll_area)
        lay = QVBoxLayout(content)  # the page scrolls when a short screen cannot hold it all
        lay.setContentsMargins(32, 24, 32, 24)
        lay.setSpacing(12)
        self.heading = QLabel()
        self.heading.setObjectName("sync_heading")
        f = self.heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        self.heading.setFont(f)
        lay.addWidget(self.heading)
        self.platform_label = QLabel()
        self.platform_label.setObjectName("sync_platform")
        self.platform_label.setWordWrap(True)
        lay.addWidget(self.platform_label)
        self.summary = QLabel()
        self.summary.setObjectName("sync_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.summary)
        self.freeze_box = QLabel()
        self.freeze_box.setObjectName("sync_freeze")
        self.freeze_box.setWordWrap(True)
        self.freeze_box.setStyleSheet(WARN_STYLE)
        self.freeze_box.hide()
        lay.addWidget(self.freeze_box)
        self.error_box = QLabel()
        self.error_box.setObjectName("sync_error")
        self.error_box.setWordWrap(True)
        self.error_box.setStyleSheet(WARN_STYLE)
        self.error_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_box.hide()
        lay.addWidget(self.error_box)
        self.conflicts_label = QLabel()
        self.conflicts_label.setObjectName("sync_conflicts")
        self.conflicts_label.setWordWrap(True)
        self.conflicts_label.setStyleSheet(WARN_STYLE)
        self.conflicts_label.hide()
        lay.addWidget(self.conflicts_label)
        self.decision_box = QLabel()  # what the last conflict decision did, until the next sync
        self.decision_box.setObjectName("sync_decision")
        self.decision_box.setWordWrap(True)
        self.decision_box.setStyleSheet(OK_STYLE)
        self.decision_box.hide()
        self.last_resolution: Resolution | None = None
        lay.addWidget(self.decision_box)

        actions = QHBoxLayout()
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("sync_now")
        self.sync_button.clicked.connect(self.sync_now)
        actions.addWidget(self.sync_button)
        self.progress = QProgressBar()
        self.progress.setObjectName("sync_progress")
        self.progress.setMinimumWidth(260)
        self.progress.hide()
        actions.addWidget(self.progress, 1)
        self.result_label = QLabel()
        self.result_label.setObjectName("sync_result")
        self.result_label.setWordWrap(True)
        actions.addWidget(self.result_label, 2)
        lay.addLayout(actions)

        self.model = SyncStateModel(self)
        self.table = QTableView()
        self.table.setObjectName("sync_states")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self._fit_table()
        lay.addWidget(self.table)

        # ---- conflicts the platform reported ----------------------------------------------------------
        self.conflicts_model = ConflictsModel(self)
        self.conflicts_table = QTableView()
        self.conflicts_table.setObjectName("sync_conflicts_table")
        self.conflicts_table.setModel(self.conflicts_model)
        self.conflicts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.conflicts_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.conflicts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.conflicts_table.verticalHeader().hide()
        ch = self.conflicts_table.horizontalHeader()
        ch.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        ch.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        ch.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        ch.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.conflicts_table.doubleClicked.connect(lambda idx: self.open_conflict(idx.row()))
        self._fit_conflicts()
        self.conflicts_table.hide()
        lay.addWidget(self.conflicts_table)
        conflict_actions = QHBoxLayout()
        self.compare_button = QPushButton()
        self.compare_button.setObjectName("sync_compare")
        self.compare_button.clicked.connect(lambda: self.open_conflict(self._selected_conflict_row()))
        self.compare_button.hide()
        conflict_actions.addWidget(self.compare_button)
        conflict_actions.addStretch(1)
        lay.addLayout(conflict_actions)

        # ---- offline transfer -------------------------------------------------------------------------
        self.transfer_heading = QLabel()
        self.transfer_heading.setObjectName("sync_transfer_heading")
        tf = self.transfer_heading.font()
        tf.setBold(True)
        self.transfer_heading.setFont(tf)
        lay.addWidget(self.transfer_heading)
        self.transfer_help = QLabel()
        self.transfer_help.setObjectName("sync_transfer_help")
        self.transfer_help.setWordWrap(True)
        lay.addWidget(self.transfer_help)
        transfer_row = QHBoxLayout()
        self.export_button = QPushButton()
        self.export_button.setObjectName("sync_export")
        self.export_button.clicked.connect(lambda: self._choose_folder("export"))
        transfer_row.addWidget(self.export_button)
        self.import_button = QPushButton()
        self.import_button.setObjectName("sync_import")
        self.import_button.clicked.connect(lambda: self._choose_folder("import"))
        transfer_row.addWidget(self.import_button)
        self.transfer_progress = QProgressBar()
        self.transfer_progress.setObjectName("sync_transfer_progress")
        self.transfer_progress.setMinimumWidth(200)
        self.transfer_progress.hide()
        transfer_row.addWidget(self.transfer_progress, 1)
        self.transfer_label = QLabel()
        self.transfer_label.setObjectName("sync_transfer_result")
        self.transfer_label.setWordWrap(True)
        transfer_row.addWidget(self.transfer_label, 2)
        lay.addLayout(transfer_row)
        lay.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._on_timer)
        self._timer.start()
        self._background = QTimer(self)
        self._background.setInterval(self.BACKGROUND_MS)
        self._background.timeout.connect(self.background_sync)
        self._background.start()
        QTimer.singleShot(self.FIRST_BACKGROUND_MS, self, self.background_sync)  # tasks soon after login
        ctx.changed.connect(self._on_changed)
        self.retranslate()

    # ---- PageBase ------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Sync")

    def on_shown(self) -> None:
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Sync with the central platform"))
        self.sync_button.setText(self.tr("Sync now (F5)"))
        self.sync_button.setToolTip(
            self.tr("Send every waiting change to the central platform and fetch its updates (F5).")
        )
        self.compare_button.setText(self.tr("Compare the two versions and decide…"))
        self.transfer_heading.setText(self.tr("Offline transfer (no network)"))
        self.transfer_help.setText(
            self.tr(
                "Write the sealed batches to a folder on a USB stick and take it to the platform's office; "
                "they import it and write a receipt beside each batch. Bring the stick back and import the "
                "receipts here: the batches count as acknowledged, as after an online sync. The batches are "
                "encrypted for the platform: the stick carries nothing readable."
            )
        )
        self.export_button.setText(self.tr("Export sealed batches to a folder…"))
        self.import_button.setText(self.tr("Import receipts from a folder…"))
        self.model.retranslate()
        self.conflicts_model.retranslate()
        self._render_decision()
        self._render()

    def clear_personal(self) -> None:
        if self.conflict_dialog is not None:
            self.conflict_dialog.reject()

    # ---- reading -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the ledger off the GUI thread; the page updates when the answer arrives."""
        if self._refreshing:
            return
        db = self.ctx.db

        def done() -> None:
            self._refreshing = False

        conflicts = self.ctx.desk.conflicts

        def read(_t: Any) -> tuple[data.SyncOverview, tuple[Any, ...]]:
            ov = data.overview(db)
            return ov, conflicts.open() if ov.open_conflicts else ()

        try:
            self.ctx.op(read, parent=self).on_success(self._show_all).on_finished(done).start()
        except RuntimeError:  # the app is shutting down: nothing to refresh
            return
        self._refreshing = True

    def _show_all(self, result: tuple[data.SyncOverview, tuple[Any, ...]]) -> None:
        ov, conflicts = result
        self.conflicts_model.set_rows(conflicts)
        self._show(ov)

    def _on_timer(self) -> None:
        if self.isVisible():
            self.refresh()

    def _on_changed(self, _changes: Any) -> None:
        if self.isVisible():
            self.refresh()

    def _show(self, ov: data.SyncOverview) -> None:
        self.overview = ov
        self.model.set_rows(ov.rows)
        self._fit_table()
        self._render()
        win = self.window()
        if getattr(win, "_sync_waiting", ov.waiting) != ov.waiting:
            self._refresh_window()  # the status bar's count follows what the page shows

    def _fit_table(self) -> None:
        """As tall as its rows (five states): no empty band, no scroll bar."""
        rows = max(5, self.model.rowCount())
        t = self.table
        t.setFixedHeight(
            t.horizontalHeader().sizeHint().height()
            + rows * t.verticalHeader().defaultSectionSize()
            + 2 * t.frameWidth()
        )

    def background_sync(self) -> None:
        """One silent background step when this session is the window's current one and the station can
        sync; nothing while another sync runs."""
        ov = self.overview
        win = self.window()
        if not win.isVisible() or getattr(win, "ctx", self.ctx) is not self.ctx or not self.ctx.can(Permission.SYNC):
            return
        if ov is not None and (not ov.enrolled or ov.device_status == "revoked"):
            return  # (with no overview yet, the step itself checks the enrollment off the GUI thread)
        self._background_handle = run.start_background(
            self.ctx, self, self._after_background, on_received=self._on_received
        )

    def _after_background(self) -> None:
        self.refresh()
        if self._now_after_background:  # F5 pressed while the background sync ran: run it now
            self._now_after_background = False
            self.sync_now()

    def _on_received(self, res: SendResult) -> None:
        """A background sync brought tasks or pre-registrations: say so (the pages already show them)."""
        win = self.window()
        if hasattr(win, "show_message") and not getattr(win, "locked", False) and getattr(win, "ctx", None) is self.ctx:
            win.show_message(run.arrived_text(res), "info")

    def _render(self) -> None:
        ov = self.overview
        running = self._handle is not None and not self._handle.done
        if ov is None:
            self.platform_label.setText(self.tr("Reading what is waiting…"))
            self.summary.setText("")
            self.sync_button.setEnabled(False)
            self._render_result()
            return
        if not ov.enrolled:
            self.platform_label.setText(
                self.tr(
                    "This workstation is not enrolled with the central platform yet: nothing can be sent. "
                    "Ask the administrator to enroll it."
                )
            )
        elif ov.device_status == "revoked":
            self.platform_label.setText(
                self.tr("The platform has revoked this workstation: it can no longer sync. Call the administrator.")
            )
        else:
            self.platform_label.setText(self.tr("Central platform: {url}").replace("{url}", ov.platform_url or ""))
        self.sync_button.setEnabled(ov.enrolled and ov.device_status != "revoked" and not running)

        if ov.waiting:
            text = "<b>" + self.tr("%n change(s) waiting for the central platform", "", ov.waiting)
            text += "</b>"
            if ov.oldest_waiting is not None:
                text += "<br>" + self.tr("The oldest waiting change was made {t}.").replace(
                    "{t}", local_time(ov.oldest_waiting)
                )
            if ov.for_decision:  # the freeze rule counts only what a sync sends (sync.freeze)
                text += "<br>" + self.tr(
                    "Of these, waiting for your decision on a sync conflict (below), not for a sync: {n}. They do "
                    "not count toward the limits that block new registrations."
                ).replace("{n}", str(ov.for_decision))
        else:
            text = "<b>" + self.tr("Every change has reached the central platform.") + "</b>"
        if ov.last_acknowledged_at is not None:
            text += "<br>" + self.tr("Last receipt from the platform: {t}.").replace(
                "{t}", local_time(ov.last_acknowledged_at)
            )
        self.summary.setText(text)

        error = ov.last_error and plain_sync_error(ov.last_error)
        if self.last_failure:
            error = self.last_failure
        if error:
            msg = self.tr("The last sync did not finish: {reason}").replace("{reason}", error)
            if ov.next_retry_at is not None and not self.last_failure:
                minutes = _minutes_until(ov.next_retry_at)
                if minutes > 0:
                    msg += " " + self.tr("Next automatic try at {t} (in {m} min), or press Sync now.").replace(
                        "{t}", local_time(ov.next_retry_at)[-5:]
                    ).replace("{m}", str(minutes))
                else:
                    msg += " " + self.tr("The next automatic try is due now, or press Sync now.")
            msg += " " + self.tr("Nothing is lost: what was not acknowledged is sent again, never twice.")
            self.error_box.setText(msg)
            self.error_box.show()
        else:
            self.error_box.hide()
        if ov.open_conflicts:
            text = self.tr(
                "Not applied by the platform, which holds another version of the record: %n change(s). "
                "Open each one below, compare the two versions and record which one stands.", "",
                ov.open_conflicts,
            )
            if ov.held:
                text += " " + self.tr(
                    "Later changes of these records held until you decide: {n} (a sync does not send them; "
                    "the decision takes them with it)."
                ).replace("{n}", str(ov.held))
            self.conflicts_label.setText(text)
            self.conflicts_label.show()
        else:
            self.conflicts_label.hide()
        has_rows = self.conflicts_model.rowCount() > 0
        self._fit_conflicts()
        self.conflicts_table.setVisible(has_rows)
        self.compare_button.setVisible(has_rows)
        notice = freeze_notice(ov.freeze)
        if notice is None:
            self.freeze_box.hide()
        else:
            self.freeze_box.setStyleSheet(BLOCKED_STYLE if notice.kind == "blocked" else WARN_STYLE)
            self.freeze_box.setText(notice.text)
            self.freeze_box.show()
        can_transfer = ov.enrolled and ov.device_status != "revoked" and not self.transferring
        self.export_button.setEnabled(can_transfer)
        self.import_button.setEnabled(can_transfer)
        self._render_result()

    def _render_result(self) -> None:
        res = self.last_result
        if self._handle is not None and not self._handle.done:
            self.result_label.setText(self.tr("Syncing…"))
        elif res is None:
            self.result_label.setText("")
        elif res.error:
            self.result_label.setText(
                self.tr("%n change(s) reached the platform before the sync stopped.", "", res.records)
                if res.records
                else ""
            )
        else:
            self.result_label.setText(run.result_text(res))

    # ---- sync now ------------------------------------------------------------------------------------
    @property
    def syncing(self) -> bool:
        return self._handle is not None and not self._handle.done

    def sync_now(self) -> OpHandle | None:
        """Start a sync on the NET lane (nothing when one runs, or the station cannot sync)."""
        if self.syncing or not self.ctx.can(Permission.SYNC):
            return None
        handle = run.start_sync(
            self.ctx,
            self,
            on_progress=self._on_progress,
            on_done=self._on_done,
            on_failed=self._on_failed,
            on_finished=self._on_finished,
        )
        if handle is None:  # a background or end-of-shift sync is running: its result shows when it ends
            bg = self._background_handle
            if bg is not None and not bg.done:  # this page's background step: sync now right after it
                self._now_after_background = True
                self.result_label.setText(self.tr("Syncing…"))
            else:
                self.result_label.setText(self.tr("A sync is already running."))
            return None
        self._handle = handle
        self.last_failure = None
        self.last_resolution = None  # the decision's "next sync" is this one
        self._render_decision()
        self.progress.setRange(0, 0)  # busy until the first report gives a total
        self.progress.show()
        self.sync_button.setEnabled(False)
        self._render_result()
        return self._handle

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat("%v / %m")

    def _on_done(self, res: SendResult) -> None:
        self.last_result = res
        win = self.window()
        if res.error:
            text = self.tr("Sync not finished: {reason}").replace("{reason}", plain_sync_error(res.error))
            kind = "warning"
        else:
            text = run.result_text(res)
            kind = "info"
        if hasattr(win, "show_message"):
            win.show_message(text, kind)

    def _on_failed(self, exc: BaseException) -> bool:
        from workstation.errors import UserFacingError

        if not isinstance(exc, UserFacingError):
            return False  # a bug: the crash dialog (ui/errors.py)
        self.last_result = None
        self.last_failure = run.describe_failure(exc)
        return True

    def _on_finished(self) -> None:
        self.progress.hide()
        self._render()
        self.refresh()
        self._refresh_window()

    def _refresh_window(self) -> None:
        win = self.window()
        if hasattr(win, "refresh_sync_state"):
            try:
                win.refresh_sync_state()
            except RuntimeError:  # the app is shutting down (the runner takes no more work)
                pass

    # ---- conflicts --------------------------------------------------------------------------------------
    def _fit_conflicts(self) -> None:
        """As tall as its rows, up to four (then it scrolls)."""
        t = self.conflicts_table
        rows = max(1, min(4, self.conflicts_model.rowCount()))
        header = t.horizontalHeader().sizeHint().height()
        t.setFixedHeight(header + rows * t.verticalHeader().defaultSectionSize() + 2 * t.frameWidth())

    def _selected_conflict_row(self) -> int:
        rows = self.conflicts_table.selectionModel().selectedRows()
        return rows[0].row() if rows else 0

    def open_conflict(self, row: int) -> ConflictDialog | None:
        """Open the comparison of the conflict in `row` (window-modal; fetches the platform's copy)."""
        if not (0 <= row < self.conflicts_model.rowCount()):
            return None
        dlg = ConflictDialog(self.ctx, self.conflicts_model.row(row), parent=self, on_decided=self._after_decision)
        self.conflict_dialog = dlg
        dlg.finished.connect(lambda _r: setattr(self, "conflict_dialog", None))
        dlg.open()
        return dlg

    def _after_decision(self, resolution: Resolution) -> None:
        self.last_resolution = resolution
        self._render_decision()
        self.refresh()
        self._refresh_window()

    def _render_decision(self) -> None:
        r = self.last_resolution
        if r is None:
            self.decision_box.hide()
            return
        self.decision_box.setText(
            self.tr("Conflict decided: {what}").replace("{what}", render(r.message, i18n.current()))
        )
        self.decision_box.show()

    # ---- offline transfer ---------------------------------------------------------------------------------
    @property
    def transferring(self) -> bool:
        return self._transfer is not None and not self._transfer.done

    def _choose_folder(self, what: str) -> None:
        title = (
            self.tr("Folder to write the sealed batches to (e.g. the USB stick)")
            if what == "export"
            else self.tr("Folder holding the platform's receipts (e.g. the USB stick)")
        )
        dialog = QFileDialog(self, title)
        dialog.setObjectName(f"sync_{what}_folder")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if what == "export":
            dialog.fileSelected.connect(lambda path: self.export_batches(Path(path)))
        else:
            dialog.fileSelected.connect(lambda path: self.import_receipts(Path(path)))
        dialog.open()

    def export_batches(self, folder: Path) -> OpHandle | None:
        """Seal what waits and write every unacknowledged batch to `folder` (DB lane, progress bar).
        The same code as `workstation sync --export` (`sync.transfer.export_batches`); audited."""
        from workstation.sync import transfer

        db = self.ctx.db
        actor = self.ctx.operator.username

        def work(token: Any) -> int:
            def progress(done: int, total: int) -> None:
                token.raise_if_cancelled()
                token.report(done, total)

            return len(transfer.export_batches(db, Path(folder), progress=progress, actor=actor))

        def done(n: int) -> None:
            self.transfer_result = (
                self.tr("%n sealed [batch|batches] written to {folder}. Take them to the platform's office.", "", n)
                .replace("{folder}", str(folder))
                if n
                else self.tr("Nothing to export: no change is waiting for the platform.")
            )

        return self._start_transfer(work, done, self.tr("Writing the sealed batches…"))

    def import_receipts(self, folder: Path) -> OpHandle | None:
        """Verify and apply the platform's receipts found in `folder` (DB lane, progress bar). The same
        code as `workstation sync --import-receipts` (`sync.transfer.import_receipts`); audited."""
        from workstation.sync import transfer

        if not transfer.receipts_in(Path(folder)):
            self.transfer_result = self.tr(
                "No receipts (files ending in .receipt.json) in {folder}: nothing was acknowledged."
            ).replace("{folder}", str(folder))
            self.transfer_label.setText(self.transfer_result)
            return None
        db = self.ctx.db
        actor = self.ctx.operator.username

        def work(token: Any) -> int:
            def progress(done: int, total: int) -> None:
                token.raise_if_cancelled()
                token.report(done, total)

            return transfer.import_receipts(db, Path(folder), progress=progress, actor=actor)

        def done(n: int) -> None:
            self.transfer_result = self.tr(
                "%n [batch|batches] acknowledged from the receipts in {folder}.", "", n
            ).replace("{folder}", str(folder))

        return self._start_transfer(work, done, self.tr("Reading the receipts…"))

    def _start_transfer(self, work: Any, done: Any, label: str) -> OpHandle | None:
        if self.transferring:
            return None
        self.transfer_result = ""
        self.transfer_label.setText(label)
        self.transfer_progress.setRange(0, 0)
        self.transfer_progress.show()
        self.export_button.setEnabled(False)
        self.import_button.setEnabled(False)

        def failed(exc: BaseException) -> bool:
            from workstation.errors import UserFacingError
            from workstation.ui import i18n

            if isinstance(exc, UserFacingError):
                reason = i18n.message_of(exc)
            elif isinstance(exc, OSError):
                reason = self.tr("the folder could not be used ({error})").replace(
                    "{error}", exc.strerror or type(exc).__name__
                )
            else:
                return False
            self.transfer_result = self.tr("The transfer did not finish: {reason}").replace("{reason}", reason)
            return True

        def finished() -> None:
            self.transfer_progress.hide()
            self.transfer_label.setText(self.transfer_result)
            self.refresh()
            self._refresh_window()

        op = self.ctx.op(work, parent=self).on_success(done).on_failure(failed).on_finished(finished)
        self._transfer = op.start()
        token = self._transfer.token
        inner = token._progress
        runner = self.ctx.runner

        def report(n: int, total: int | None, text: str | None) -> None:
            if inner is not None:
                inner(n, total, text)
            runner.call_soon(lambda: self._on_transfer_progress(n, total) if shiboken6.isValid(self) else None)

        token._progress = report
        return self._transfer

    def _on_transfer_progress(self, done: int, total: int | None) -> None:
        if not self.transferring or not total:
            return
        self.transfer_progress.setRange(0, total)
        self.transfer_progress.setValue(min(done, total))
        self.transfer_progress.setFormat("%v / %m")
