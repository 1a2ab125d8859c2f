"""End of shift: logging out (or closing the app) with changes the platform has not acknowledged
offers to sync first and says plainly what would stay on this desk if not.

The main window calls `offer_end_of_shift(window, ctx, proceed)` at the start of `logout()` and of
`closeEvent()`: it returns False when there is nothing to say (not enrolled, revoked, nothing
waiting, or the operator already chose) and the caller goes on; True when it opened the dialog, and
the caller stops — `proceed()` is called later if the operator chooses to go on (after a sync that
emptied the queue, or "log out anyway").

The sync runs in the dialog, with its progress; its outcome shows there before the logout goes on:
a finished sync says what it sent and received for `OUTCOME_MS`, then logs out (the login screen's
message bar repeats it and the status bar reads the new state from the store); a sync that did not
finish says why and what stays on this desk, and offers "log out anyway" or "stay logged in".

Records that wait for the officer's decision on a sync conflict (Sync page) are a sync's to send only once
decided: the dialog says so of them, and of the others that the next sync sends them, in one message.
When only such records are left, no sync is offered (before, or after one that sent the rest: then the
box under the list says what that sync did)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from workstation.domain.permissions import Permission
from workstation.sync.client import SendResult
from workstation.ui.context import DeskContext
from workstation.ui.screens.sync import data, run
from workstation.ui.screens.sync.errors_text import plain_sync_error
from workstation.ui.tasks import OpHandle

_DONE_ATTR = "_end_of_shift_confirmed"
WAIT_RETRY_MS = 200  # while a background sync runs, "sync now" tries again this often


def kind_label(record_type: str, n: int) -> str:
    """``"3 residents"`` for an outbox record type and a count, in the UI language."""
    labels = {
        "person": QCoreApplication.translate("EndOfShift", "%n resident(s)", None, n),
        "identity_document": QCoreApplication.translate("EndOfShift", "%n identity document(s)", None, n),
        "property": QCoreApplication.translate("EndOfShift", "%n rental [property|properties]", None, n),
        "room": QCoreApplication.translate("EndOfShift", "%n room(s)", None, n),
        "tenancy": QCoreApplication.translate("EndOfShift", "%n [tenancy|tenancies] (who lives where)", None, n),
        "declaration": QCoreApplication.translate("EndOfShift", "%n residence declaration(s)", None, n),
        "spot_check": QCoreApplication.translate("EndOfShift", "%n spot check(s)", None, n),
        "task": QCoreApplication.translate("EndOfShift", "%n task(s)", None, n),
        "fingerprint": QCoreApplication.translate("EndOfShift", "%n fingerprint(s)", None, n),
        "prereg": QCoreApplication.translate("EndOfShift", "%n pre-registration outcome(s)", None, n),
    }
    return labels.get(record_type) or QCoreApplication.translate(
        "EndOfShift", "%n other record(s) ({kind})", None, n
    ).replace("{kind}", record_type)


class EndOfShiftDialog(QDialog):
    """Window-modal (opened with `open()`, never blocking the event loop). `choice` after it closes:
    "synced" (the queue is empty), "leave" (go on, changes stay here) or "" (cancelled).
    `outcome_shown(text)` when a finished sync's outcome is on screen (the logout follows after
    `OUTCOME_MS`); `outcome` holds that text."""

    outcome_shown = Signal(str)
    # How long a finished sync's outcome stays in the dialog before the logout (or quit) goes on.
    OUTCOME_MS = 1_500

    def __init__(
        self, ctx: DeskContext, by_kind: dict[str, int], *, quitting: bool, parent: QWidget, for_decision: int = 0
    ) -> None:
        super().__init__(parent)
        self.for_decision = for_decision  # of the waiting records: those a sync does not send (a conflict)
        self.setObjectName("end_of_shift")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.ctx = ctx
        self.by_kind = dict(by_kind)
        self.quitting = quitting
        self.choice = ""
        self.result_: SendResult | None = None
        self.outcome = ""
        self.failed_once = False
        self._handle: OpHandle | None = None
        # what the box under the list says (a failure, or what a sync did), in the UI language when called
        self._box: Callable[[], str] | None = None

        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 16, 20, 16)
        lay.setSpacing(10)
        self.heading = QLabel()
        self.heading.setObjectName("end_of_shift_heading")
        f = self.heading.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.25)
        self.heading.setFont(f)
        lay.addWidget(self.heading)
        self.body = QLabel()
        self.body.setObjectName("end_of_shift_body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setMinimumWidth(460)
        lay.addWidget(self.body)
        self.state = QLabel()
        self.state.setObjectName("end_of_shift_state")
        self.state.setWordWrap(True)
        self.state.hide()
        lay.addWidget(self.state)
        self.progress = QProgressBar()
        self.progress.setObjectName("end_of_shift_progress")
        self.progress.hide()
        lay.addWidget(self.progress)
        self.error = QLabel()
        self.error.setObjectName("end_of_shift_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("padding: 6px; border: 1px solid #c8a600; background: #fff4ce; color: #3d2e00;")
        self.error.hide()
        lay.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("end_of_shift_sync")
        self.sync_button.clicked.connect(self.sync_first)
        self.sync_button.setVisible(ctx.can(Permission.SYNC))
        self.leave_button = QPushButton()
        self.leave_button.setObjectName("end_of_shift_leave")
        self.leave_button.clicked.connect(self.leave)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("end_of_shift_cancel")
        self.cancel_button.clicked.connect(self.reject)
        for b in (self.sync_button, self.leave_button, self.cancel_button):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        if ctx.can(Permission.SYNC):
            self.sync_button.setDefault(True)
            self.sync_button.setFocus()
        else:
            self.cancel_button.setDefault(True)
        self._texts()

    def _texts(self) -> None:
        if self.only_decisions_left:
            self.setWindowTitle(self.tr("End of shift: sync conflicts wait for your decision"))
        else:
            self.setWindowTitle(self.tr("End of shift: sync first?"))
        total = sum(self.by_kind.values())
        self.heading.setText(self.tr("Not at the central platform yet: %n record(s)", "", total))
        items = "".join(
            f"<li>{kind_label(k, n)}</li>" for k, n in sorted(self.by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        if self.quitting:
            stay = self.tr("If you close the workstation now, these stay on this desk only:")
        else:
            stay = self.tr("If you log out now, these stay on this desk only:")
        self.body.setText(f"<p>{stay}</p><ul>{items}</ul><p>{self._later_text(total)}</p>")
        if self._box is not None:
            self.error.setText(self._box())
        if self.outcome:  # synced: nothing stays behind
            self.heading.setText(self.tr("Every change has reached the central platform"))
            self.body.hide()
        if not self.outcome:  # every record left waits for a conflict decision: a sync is not offered
            self.sync_button.setVisible(self.ctx.can(Permission.SYNC) and not self.only_decisions_left)
            if self.only_decisions_left:
                self.cancel_button.setDefault(True)
        if self.quitting:
            self.sync_button.setText(self.tr("Try again") if self.failed_once else self.tr("Sync now, then close"))
            self.leave_button.setText(self.tr("Close anyway") if self.failed_once else self.tr("Close without syncing"))
            if self.only_decisions_left:  # nothing a sync could send: closing is not "without syncing"
                self.leave_button.setText(self.tr("Close the workstation"))
            self.cancel_button.setText(self.tr("Keep working"))
        else:
            self.sync_button.setText(self.tr("Try again") if self.failed_once else self.tr("Sync now, then log out"))
            self.leave_button.setText(
                self.tr("Log out anyway") if self.failed_once else self.tr("Log out without syncing")
            )
            if self.only_decisions_left:
                self.leave_button.setText(self.tr("Log out"))
            self.cancel_button.setText(self.tr("Stay logged in"))
        if self.syncing:
            self.state.setText(
                self.tr("Sending the waiting changes to the central platform and fetching its updates…")
            )
        elif self.result_ is not None and not self.result_.error and self.outcome:
            self.state.setText(self._outcome_text(self.result_))

    @property
    def only_decisions_left(self) -> bool:
        """Every record still here waits for the officer's decision on a sync conflict (none for a sync)."""
        return 0 < sum(self.by_kind.values()) <= self.for_decision

    def _later_text(self, total: int) -> str:
        """What becomes of the records listed, as one message: sent at the next sync; or, for those that
        wait for a conflict decision (`for_decision`), sent once decided - never both said of the same."""
        waiting = min(self.for_decision, total)
        if waiting <= 0:
            return self.tr("They are sent at the next sync from this desk; nothing is lost.")
        if waiting >= total:
            return self.tr(
                "[It waits|They wait] for your decision on a sync conflict (Sync page); a sync sends [it|them] only "
                "after you decide. Nothing is lost.",
                "",
                total,
            )
        return self.tr(
            "%n of them [waits|wait] for your decision on a sync conflict (Sync page); a sync sends [it|them] only "
            "after you decide. The others are sent at the next sync from this desk. Nothing is lost.",
            "",
            waiting,
        )

    def _outcome_text(self, res: SendResult) -> str:
        then = self.tr("Closing the workstation…") if self.quitting else self.tr("Logging out…")
        return run.result_text(res) + " " + then

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._texts()
        super().changeEvent(event)

    @property
    def syncing(self) -> bool:
        return self._handle is not None and not self._handle.done

    def sync_first(self) -> None:
        """Start the sync (NET lane); progress and state in the dialog, the buttons off meanwhile."""
        if self.syncing or self.outcome:
            return
        self.error.hide()
        handle = run.start_sync(
            self.ctx,
            self,
            on_progress=self._on_progress,
            on_done=self._on_done,
            on_failed=self._on_failed,
            on_finished=self._on_finished,
        )
        if handle is None:  # a background sync is under way: this one starts as soon as it has ended
            QTimer.singleShot(WAIT_RETRY_MS, self, self._retry)
            self.progress.setRange(0, 0)
            self.progress.show()
            self.state.setText(self.tr("Waiting for the sync under way to finish…"))
            self.state.show()
            for b in (self.sync_button, self.leave_button):
                b.setEnabled(False)
            return
        self._handle = handle
        self.result_ = None
        self.progress.setRange(0, 0)
        self.progress.show()
        self.state.show()
        for b in (self.sync_button, self.leave_button):
            b.setEnabled(False)
        self._texts()
        self.adjustSize()

    def _retry(self) -> None:
        if self.isVisible():  # not after "stay logged in"
            self.sync_first()

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat("%v / %m")

    def _on_done(self, res: SendResult) -> None:
        self.result_ = res
        db = self.ctx.db
        self.ctx.op(
            lambda _t: (data.unacknowledged_by_kind(db), data.waiting_for_decision(db)), parent=self
        ).on_success(self._after_sync).start()

    def _after_sync(self, answer: tuple[dict[str, int], int]) -> None:
        by_kind, self.for_decision = answer
        res = self.result_
        if not by_kind and res is not None and not res.error:
            self.outcome = self._outcome_text(res)
            self._texts()
            self.progress.setRange(0, 1)
            self.progress.setValue(1)
            self.progress.setFormat(self.tr("Done"))
            self.progress.show()
            self.state.setText(self.outcome)
            self.state.show()
            for b in (self.sync_button, self.leave_button, self.cancel_button):
                b.hide()  # nothing to choose: the logout goes on
            self.adjustSize()
            self.outcome_shown.emit(self.outcome)
            QTimer.singleShot(self.OUTCOME_MS, self, self._go_on)
            return
        self.by_kind = by_kind
        reason = res.error if res is not None else None
        if reason:
            self._show_error(lambda: plain_sync_error(reason))
        elif res is not None and self.only_decisions_left:
            # the sync finished; what it did in the box, what is left (waiting for decisions) in the list above
            done: SendResult = res
            self._show_error(lambda: run.result_text(done), finished=True)
        else:
            self._show_error(lambda: self.tr("Some changes were not acknowledged by the platform."))

    def _go_on(self) -> None:
        self.choice = "synced"
        self.accept()

    def _on_failed(self, exc: BaseException) -> bool:
        from workstation.errors import UserFacingError

        if not isinstance(exc, UserFacingError):
            return False
        self._show_error(lambda: run.describe_failure(exc))
        return True

    def _show_error(self, reason: Callable[[], str], *, finished: bool = False) -> None:
        """The box under the list: "The sync did not finish: `reason()`", or (`finished`) `reason()` alone
        (a sync that finished with records left for conflict decisions); said again after a language
        switch. Then the choices: try again, go on anyway, or stay."""
        self.failed_once = True
        self.state.hide()
        self.progress.hide()
        if finished:
            self._box = reason
        else:
            self._box = lambda: self.tr("The sync did not finish: {reason}").replace("{reason}", reason())
        self.error.show()
        self._texts()  # what stays on this desk now, and "log out anyway" / "stay logged in"
        for b in (self.sync_button, self.leave_button, self.cancel_button):
            b.setEnabled(True)
        self.cancel_button.setDefault(True)
        self.adjustSize()

    def _on_finished(self) -> None:
        if not self.outcome and self.result_ is None:  # failed as a whole: `_on_failed` said why
            self.progress.hide()
            self.state.hide()
            for b in (self.sync_button, self.leave_button):
                b.setEnabled(True)

    def leave(self) -> None:
        self.choice = "leave"
        self.accept()

    def reject(self) -> None:
        if self.outcome:  # synced: the logout goes on (Esc does not undo it)
            return
        if self.syncing and self._handle is not None:
            self._handle.cancel()  # between batches; what was acknowledged stays acknowledged
        super().reject()


def offer_end_of_shift(
    window: QWidget, ctx: DeskContext, proceed: Callable[[], object], *, quitting: bool = False
) -> bool:
    """Open the end-of-shift dialog when the platform has not acknowledged some changes (True: the caller
    stops; `proceed()` runs later if the operator goes on). False: nothing to offer, go on now.

    Reads small aggregates on the GUI thread (the enrollment row, the unacknowledged records per kind and
    how many of them wait for a conflict decision): the answer decides whether the logout happens at all."""
    if getattr(ctx, _DONE_ATTR, False):
        return False
    open_ = window.findChild(EndOfShiftDialog, "end_of_shift")
    if open_ is not None and open_.isVisible():
        open_.raise_()
        open_.activateWindow()
        return True
    if not data.enrolled(ctx.db):
        return False  # nothing could be sent anyway: not a question to ask at every logout
    by_kind = data.unacknowledged_by_kind(ctx.db)
    if not by_kind:
        return False
    for_decision = data.waiting_for_decision(ctx.db)
    dlg = EndOfShiftDialog(ctx, by_kind, quitting=quitting, parent=window, for_decision=for_decision)

    def finished(_code: int) -> None:
        choice, synced = dlg.choice, (dlg.result_ if dlg.outcome else None)
        dlg.deleteLater()
        if not choice:
            return
        setattr(ctx, _DONE_ATTR, True)

        def go_on() -> None:
            proceed()
            show = getattr(window, "show_message", None)
            if synced is not None and callable(show) and getattr(window, "session", None) is None:
                show(run.result_text(synced), "info")  # on the login screen: what the last sync did

        QTimer.singleShot(0, go_on)

    dlg.finished.connect(finished)
    dlg.open()
    return True
