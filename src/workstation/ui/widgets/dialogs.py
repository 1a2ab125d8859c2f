"""What the desk's dialogs share: texts set in `retranslate()` and set again on a language switch, a
bold heading, buttons that do not take Enter from the form, own OK/Cancel buttons, and reads and
writes on the DB lane with the dialog's state kept for them (`loading`, `busy`).

Usage::

    class SomeDialog(DeskDialog):
        def __init__(self, ctx, parent):
            super().__init__(ctx, parent)
            self.save_button = button("save", self.save)
            ...
            self.retranslate()
            self.load(lambda: desk.housing.occupants(pid), self._show)

        def retranslate(self) -> None:
            self.save_button.setText(self.tr("&Save"))

        def save(self) -> None:
            self.submit(lambda: desk.housing.record_visit(pid, findings=f), self._saved,
                        failed=self._failed, disable=(self.save_button,))

The subclass calls `self.tr` for its texts (its own translation context); nothing here has text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

T = TypeVar("T")


def heading(name: str, text: str = "", *, scale: float = 1.25) -> QLabel:
    """A dialog's bold, larger heading (`scale` × the font's size), wrapped, named `name`."""
    label = QLabel(text)
    label.setObjectName(name)
    f = label.font()
    f.setPointSizeF(f.pointSizeF() * scale)
    f.setBold(True)
    label.setFont(f)
    label.setWordWrap(True)
    return label


def button(name: str, clicked: Callable[[], Any] | None = None, *, default: bool = False) -> QPushButton:
    """A push button named `name` (text set by `retranslate`); `clicked()` on a click. Only the `default`
    one takes Enter: the others are not auto-default, so Enter in a field never presses them."""
    b = QPushButton()
    b.setObjectName(name)
    if clicked is not None:
        b.clicked.connect(lambda _checked=False: clicked())
    b.setAutoDefault(default)
    b.setDefault(default)
    return b


def ok_cancel(
    accept: Callable[[], Any], reject: Callable[[], Any]
) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """A button box with own OK ("ok", the default) and Cancel ("cancel") buttons: (box, ok, cancel).
    Own buttons, not standard ones: a QDialogButtonBox puts its standard texts back on a language switch."""
    box = QDialogButtonBox()
    ok = QPushButton()
    ok.setObjectName("ok")
    ok.setDefault(True)
    cancel = QPushButton()
    cancel.setObjectName("cancel")
    box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(accept)
    box.rejected.connect(reject)
    return box, ok, cancel


class DeskDialog(QDialog):
    """A dialog of the desk over a session (`ctx`, a `DeskContext`): `retranslate()` runs again on a
    language switch; `load` and `submit` run core calls on the DB lane (`loading` while loads run,
    `busy` while a write runs: a second write is not started)."""

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._reads = 0
        self._busy = False

    def retranslate(self) -> None:
        """Every text in the UI language (again after a language switch)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def loading(self) -> bool:
        """True while a `load` runs."""
        return self._reads > 0

    @property
    def busy(self) -> bool:
        """True while a `submit` runs."""
        return self._busy

    def load(self, work: Callable[[], T], shown: Callable[[T], Any], *, once: bool = False) -> bool:
        """Run `work()` on the DB lane, then `shown(result)` on the GUI thread. A failure goes to the
        app's error handling. `once`: not while another load runs. Returns whether it was started."""
        if once and self._reads:
            return False
        self._reads += 1

        def finished() -> None:
            self._reads -= 1

        self.ctx.op(lambda _t: work(), parent=self).on_success(shown).on_finished(finished).start()
        return True

    def submit(
        self,
        work: Callable[[], T],
        saved: Callable[[T], Any],
        *,
        failed: Callable[[BaseException], bool] | None = None,
        disable: Iterable[QWidget] = (),
        after: Callable[[], Any] | None = None,
    ) -> bool:
        """Run the write `work()` on the DB lane unless one runs already; the `disable` widgets are
        disabled meanwhile. `saved(result)` on success (a `Changes` is announced on `ctx.changed`);
        `failed(exc)` on failure (True: handled; otherwise, or without it, the app's error handling);
        `after()` in every case, once the widgets are enabled again. Returns whether it was started."""
        if self._busy:
            return False
        widgets = list(disable)
        self._busy = True
        for w in widgets:
            w.setEnabled(False)

        def finished() -> None:
            self._busy = False
            for w in widgets:
                w.setEnabled(True)
            if after is not None:
                after()

        op = self.ctx.op(lambda _t: work(), parent=self).on_success(saved)
        if failed is not None:
            op.on_failure(failed)
        op.on_finished(finished).start()
        return True
