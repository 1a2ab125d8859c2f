"""The registration desk: a card, a passport or the keyboard opens a registration (or the known person).

Entry points the main window calls (UI-CONTRACT.md):

* `open_for_card(ctx, parent, doc)` — a card was placed: the resident who holds that document opens
  (an audited read); an unknown one gets a new registration with the card's fields filled, read-only.
* `open_for_passport(ctx, parent, mrz)` — a passport was swiped: the same for a foreign national.
* `new_manual_registration(ctx, parent)` — F2: typed in, no device needed.

Each returns at once; the lookup runs on the DB lane and the window opens when it answers.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QWidget

from workstation.domain.documents import IdentityDocument
from workstation.domain.permissions import Permission
from workstation.errors import PermissionDenied
from workstation.i18n import QT_TRANSLATE_NOOP
from workstation.ui.errors import show_error
from workstation.ui.screens.registration.form import RegistrationForm, present
from workstation.ui.tasks import Lane, Op

__all__ = [
    "RegistrationForm",
    "new_manual_registration",
    "open_for_card",
    "open_for_passport",
    "register_document",
    "spare_form",
]


def _document_of(read: Any) -> tuple[IdentityDocument, list[tuple[str, str]]]:
    """An `IdentityDocument`, a card read (`CardRead`: `.document`, `.problems`) or an MRZ result
    (`MrzResult`: `.to_document()`) → (document, problems found while reading)."""
    if isinstance(read, IdentityDocument):
        return read, []
    if hasattr(read, "document"):
        return read.document, list(getattr(read, "problems", []) or [])
    if hasattr(read, "to_document"):
        doc = read.to_document()
        return doc, []
    raise TypeError(f"not a document: {type(read).__name__}")


NOT_REGISTERED = QT_TRANSLATE_NOOP(
    "Registration", "This person is not registered here, and your role may not register residents."
)
_spares: dict[int, RegistrationForm] = {}
SPARE_DELAY_MS = 500


def spare_form(ctx: Any, parent: QWidget | None) -> None:
    """Build the next registration form ahead of time, hidden, so a card placed later opens at once
    (building and laying out the form's ~60 widgets costs tens of milliseconds). One per session; it
    holds no personal data until a document is put in it; dropped with the session."""
    key = id(ctx)
    old = _spares.get(key)
    if old is not None and shiboken6.isValid(old):
        if old.ctx is ctx:
            return
        old.deleteLater()  # left by a session that ended (its id is reused)
    form = RegistrationForm(ctx, parent)
    form.ensurePolished()
    _spares[key] = form
    ctx.destroyed.connect(lambda *_: _drop_spare(key))


def _drop_spare(key: int) -> None:
    form = _spares.pop(key, None)
    if form is not None and shiboken6.isValid(form):
        form.deleteLater()


def _take_spare(ctx: Any, parent: QWidget | None) -> RegistrationForm | None:
    form = _spares.pop(id(ctx), None)
    if form is None or not shiboken6.isValid(form):
        return None
    if form.ctx is not ctx or form.parent() is not parent:  # another session's (ids are reused)
        form.deleteLater()
        return None
    return form


def _open_form(ctx: Any, parent: QWidget | None, doc: IdentityDocument | None,
               problems: list[tuple[str, str]]) -> RegistrationForm:
    form = _take_spare(ctx, parent)
    if form is None:
        form = RegistrationForm(ctx, parent, document=doc, card_problems=problems)
    else:
        form.set_document(doc, problems)
    form.open_existing.connect(lambda pid: open_resident(ctx, parent, pid))
    form.saved.connect(lambda pid, f=form: _say_registered(ctx, parent, pid, f.person_name()))
    present(form)
    # the next form is built once this one is on screen; the timer belongs to the session (it dies with
    # it), not to this form: a form closed at once (a wrong card) must not leave the next card without one
    anchor = ctx if isinstance(ctx, QObject) else form
    QTimer.singleShot(
        SPARE_DELAY_MS,
        anchor,
        lambda: spare_form(ctx, parent) if shiboken6.isValid(ctx) and _alive(parent) else None,
    )
    return form


def _say_registered(ctx: Any, parent: QWidget | None, person_id: str, name: str) -> None:
    """After a save the form closes: the window's message bar says who was registered, with a button
    that opens the record (a window without a message bar: nothing to say it in)."""
    window = parent.window() if parent is not None else None
    show_message = getattr(window, "show_message", None)
    if not callable(show_message):
        return
    show_message(  # texts as functions: they follow a change of language while the message shows
        lambda: QCoreApplication.translate("Registration", "Registered {name}.").replace("{name}", name or "—"),
        "info",
        (lambda: QCoreApplication.translate("Registration", "Open the record"),
         lambda: open_resident(ctx, parent, person_id)),
    )


def _alive(parent: QWidget | None) -> bool:
    return parent is None or shiboken6.isValid(parent)


def open_resident(ctx: Any, parent: QWidget | None, person_id: str) -> None:
    """Open a resident's record (an audited read, on the DB lane)."""
    from workstation.ui.screens.residents.detail import open_detail

    open_detail(ctx, parent, person_id)


def _open_for(ctx: Any, parent: QWidget | None, read: Any) -> None:
    doc, problems = _document_of(read)
    desk = ctx.desk
    anchor = parent if parent is not None else ctx.runner

    def known(row: Any) -> None:
        if row is not None:
            open_resident(ctx, parent, row.id)
        elif not ctx.can(Permission.REGISTER):  # e.g. a supervisor: reads records, registers nobody
            show_error(parent, PermissionDenied(NOT_REGISTERED))
        else:
            _open_form(ctx, parent, doc, problems)

    if not doc.number:
        _open_form(ctx, parent, doc, problems)
        return
    Op(anchor, lambda _t: desk.residents.find_by_id_number(doc.number), lane=Lane.DB).on_success(known).start()


def open_for_card(ctx: Any, parent: QWidget | None, doc: Any) -> None:
    """A card was placed (`doc`: the decoded `IdentityDocument`, or the reader's `CardRead`).

    Known holder → their record opens (audited read); unknown → a new registration, card fields read-only."""
    _open_for(ctx, parent, doc)


def open_for_passport(ctx: Any, parent: QWidget | None, mrz: Any) -> None:
    """A passport was swiped (`mrz`: the reader's `MrzResult`, or an `IdentityDocument` from one).

    Known holder → their record; otherwise a new registration of a foreign national with the MRZ's
    fields read-only and the stay fields (visa or permit, date of entry, intended stay) to fill."""
    _open_for(ctx, parent, mrz)


def new_manual_registration(ctx: Any, parent: QWidget | None) -> RegistrationForm:
    """F2: a new registration typed in by the operator (no device needed). Returns the form, shown."""
    return _open_form(ctx, parent, None, [])


def register_document(ctx: Any, parent: QWidget | None, read: Any) -> RegistrationForm:
    """A new registration for a document read by a device (a card's `CardRead`, an `IdentityDocument`
    or an MRZ result) whose holder is known not to be registered (e.g. the properties page binding a
    card's holder to the open room). Returns the form, shown."""
    doc, problems = _document_of(read)
    return _open_form(ctx, parent, doc, problems)
