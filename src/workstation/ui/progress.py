"""A progress dialog that appears only when work takes longer than about half a second.

Like Anki's progress manager (`qt/aqt/progress.py`): quick work shows nothing at all, slower work
shows a window-modal dialog with the work's own label, a bar (busy indicator while the total is
unknown) and, where the work allows, a Cancel button that sets the work's cancel flag.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

DELAY_MS = 500


class DelayedProgress(QObject):
    """Create when work starts; `update()` as it reports; `finish()` when it ends (closes the dialog,
    or stops it from ever appearing)."""

    def __init__(
        self,
        parent: QWidget | None,
        label: str,
        *,
        cancellable: bool = False,
        on_cancel: Callable[[], None] | None = None,
        delay_ms: int = DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._label = label
        self._cancellable = cancellable
        self._on_cancel = on_cancel
        self.dialog: QProgressDialog | None = None
        self._last: tuple[int, int | None, str | None] | None = None
        self._finished = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show)
        self._timer.start(delay_ms)

    @property
    def shown(self) -> bool:
        return self.dialog is not None and self.dialog.isVisible()

    def _show(self) -> None:
        if self._finished:
            return
        dlg = QProgressDialog(self._parent)
        dlg.setObjectName("progress")
        dlg.setWindowTitle(self._label)
        dlg.setLabelText(self._label)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumWidth(360)
        if self._cancellable:
            dlg.setCancelButtonText(self.tr("Cancel"))
            dlg.canceled.connect(self._cancel)
        else:
            dlg.setCancelButton(None)
        dlg.setRange(0, 0)
        self.dialog = dlg
        if self._last is not None:
            self._apply(*self._last)
        dlg.show()

    def _cancel(self) -> None:
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling…"))
        if self._on_cancel is not None:
            self._on_cancel()

    def update(self, done: int, total: int | None = None, text: str | None = None) -> None:
        self._last = (done, total, text)
        if self.dialog is not None:
            self._apply(done, total, text)

    def _apply(self, done: int, total: int | None, text: str | None) -> None:
        dlg = self.dialog
        if dlg is None:
            return
        # the label first: a modal QProgressDialog's setValue processes events, and the work may
        # finish (and `finish` drop the dialog) meanwhile
        if text:
            dlg.setLabelText(f"{self._label}\n{text}")
        if total:
            dlg.setRange(0, total)
            dlg.setValue(min(done, total))

    def finish(self) -> None:
        self._finished = True
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self.deleteLater()
