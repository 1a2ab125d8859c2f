"""The registration form against the real desk facade on an encrypted station, with cards from the
emulated reader over a pty (the same decode path as a real card)."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import *  # noqa: F403 - the desk's fixtures (bridge, ctx, runner, station_fx, ...)
from desk_fixtures import card, drain, make_ctx, off_gui

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, FingerprintSkipReason, Role, Sex, VisaType
from workstation.storage.schema import AuditEvent, IdentityDocumentRow, OutboxEntry, Person
from workstation.ui.screens.registration import new_manual_registration, open_for_card
from workstation.ui.screens.registration.fingerprint import Capture, SkipChoice
from workstation.ui.screens.registration.form import RegistrationForm
from workstation.ui.screens.residents.detail import ResidentDetailDialog

pytestmark = pytest.mark.qt


def forms():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, RegistrationForm) and w.isVisible()]


def place(qtbot, bridge, card_obj):
    """Place a card on the emulated reader; return the decoded document the bridge emits."""
    with qtbot.waitSignal(bridge.card_placed, timeout=5000) as blocker:
        bridge.demo.device("idcard").place_card(card_obj)
    return blocker.args[0]


def test_card_opens_a_filled_read_only_form(qtbot, ctx, bridge):
    doc = place(qtbot, bridge, card("resident_id"))
    open_for_card(ctx, None, doc)
    qtbot.waitUntil(lambda: len(forms()) == 1, timeout=5000)
    form = forms()[0]
    ed = form.editors
    assert ed["name"].text() == "张三"
    assert ed["number"].text() == "11010519491231002X"
    assert ed["birth_date"].text() == "1949-12-31"
    assert ed["address"].text().startswith("北京市朝阳区")
    assert ed["issuer"].text() == "北京市公安局朝阳分局"
    assert form.long_term.isChecked() and ed["valid_to"].text() in ("Long-term", "长期")
    assert ed["sex"].currentData() == Sex.FEMALE.value
    for name in ("name", "number", "birth_date", "address", "issuer"):
        assert ed[name].isReadOnly(), name
        assert ed[name].focusPolicy() == Qt.FocusPolicy.NoFocus, name
    assert not form.expired_banner.isVisible()
    # no WLT decoder in the test environment: a plain note says so
    assert "no photo decoder installed" in form.photo.text() and "WLT" not in form.photo.text()
    qtbot.waitUntil(lambda: ed["phone"].hasFocus(), timeout=2000)
    # the HK/Macau/Taiwan fields are not shown for a resident ID card
    assert not ed["pass_number"].isVisibleTo(form)


@pytest.mark.parametrize(
    ("name", "shown", "hidden"),
    [
        ("hmt_permit", ["pass_number", "issue_count", "address"], ["nationality", "name_latin"]),
        ("foreigner_2017", ["name_latin", "nationality"], ["address", "pass_number"]),
        ("foreigner_2023", ["name_latin", "nationality", "previous_number", "issue_count"], ["address"]),
    ],
)
def test_card_layouts(qtbot, ctx, name, shown, hidden):
    from workstation.devices.sam.decode import decode_card

    c = card(name)
    read = decode_card(c.text, c.photo)
    form = RegistrationForm(ctx, None, document=read.document.with_changes(source="card"))
    form.show()
    for f in shown:
        assert form.editors[f].isVisibleTo(form), f
    for f in hidden:
        assert not form.editors[f].isVisibleTo(form), f
    assert form.editors["number"].text() == read.document.number


def test_expired_document_is_flagged(qtbot, ctx):
    doc = IdentityDocument(
        DocumentType.RESIDENT_ID, "11010519491231002X", "张三", Sex.FEMALE, date(1949, 12, 31),
        valid_from=date(2005, 1, 1), valid_to=date(2015, 1, 1), source="card",
    )
    form = RegistrationForm(ctx, None, document=doc)
    form.show()
    assert form.expired_banner.isVisible()
    assert "2015-01-01" in form.expired_banner.text()


def test_validation_reasons_stand_beside_their_fields(qtbot, ctx):
    form = new_manual_registration(ctx, None)
    form.editors["number"].setText("110105194912310021")  # wrong check digit
    form.editors["name"].setText("李四")
    form.editors["birth_date"].setText("1949-13-01")
    form.editors["phone"].setText("12345")
    form.editors["arrival_date"].setText((date.today() + timedelta(days=3)).isoformat())
    form.save()
    errors = {n: form.errors.label(n) for n in ("number", "birth_date", "phone", "arrival_date")}
    for n, label in errors.items():
        assert label.isVisibleTo(form) and label.text(), n
    assert "check digit" in errors["number"].text()
    assert "mobile" in errors["phone"].text()
    assert not forms() or form.isVisible()  # nothing saved, the form stays


def test_manual_registration_saves_record_outbox_and_audit(qtbot, ctx, runner, station_fx):
    form = new_manual_registration(ctx, None)
    ed = form.editors
    ed["number"].setText("11010519491231002X")
    ed["name"].setText("张三")
    ed["sex"].setCurrentIndex(ed["sex"].findData(Sex.FEMALE.value))
    ed["birth_date"].setText("19491231")
    ed["phone"].setText("13800138000")
    ed["employer"].setText("演示科技有限公司")
    form.capture = Capture(skip=SkipChoice(FingerprintSkipReason.FINGER_INJURED))
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        form.save()
    pid = saved.args[0]
    drain(qtbot, runner)
    with station_fx.db.read() as s:
        person = s.get(Person, pid)
        assert person.name == "张三" and person.phone == "13800138000" and person.employer == "演示科技有限公司"
        assert person.notes is None  # the skip is an event of its own, not a line in the notes
        (skip,) = s.execute(select(AuditEvent.details).where(AuditEvent.action == "fingerprint.skip",
                                                             AuditEvent.target_id == pid)).scalars()
        assert '"reason": "finger_injured"' in skip
        doc = s.execute(select(IdentityDocumentRow).where(IdentityDocumentRow.person_id == pid)).scalar_one()
        assert doc.number == "11010519491231002X" and doc.source == "manual"
        kinds = {r for r in s.execute(select(OutboxEntry.record_type).where(OutboxEntry.record_id.in_([pid, doc.id])))
                 .scalars()}
        assert kinds == {"person", "identity_document"}
        actions = set(s.execute(select(AuditEvent.action).where(AuditEvent.target_id == pid)).scalars())
        assert "person.create" in actions


def test_known_number_offers_the_existing_record(qtbot, ctx, runner):
    desk = ctx.desk
    doc = IdentityDocument(DocumentType.RESIDENT_ID, "11010519491231002X", "张三", Sex.FEMALE, date(1949, 12, 31))
    pid = off_gui(lambda: desk.residents.register(doc)).id
    form = new_manual_registration(ctx, None)
    form.editors["number"].setText("11010519491231002X")
    form.check_duplicate_now()
    qtbot.waitUntil(lambda: form.duplicate_banner.isVisible(), timeout=5000)
    assert "张三" in form.duplicate_text.text()
    with qtbot.waitSignal(form.open_existing, timeout=2000) as opened:
        form.duplicate_button.click()
    assert opened.args[0] == pid
    qtbot.waitUntil(lambda: any(isinstance(w, ResidentDetailDialog) and w.isVisible() and w.detail.id == pid
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    drain(qtbot, runner)


def test_card_of_a_known_person_opens_their_record(qtbot, ctx, runner, bridge, station_fx):
    doc = place(qtbot, bridge, card("resident_id"))
    pid = off_gui(lambda: ctx.desk.residents.register(doc.with_changes(photo=None))).id
    open_for_card(ctx, None, doc)

    def detail():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, ResidentDetailDialog) and w.isVisible()]

    qtbot.waitUntil(lambda: len(detail()) == 1, timeout=5000)
    dialog = detail()[0]
    assert dialog.detail.id == pid
    assert not forms()
    with station_fx.db.read() as s:
        reads = s.execute(select(AuditEvent).where(AuditEvent.action == "person.read", AuditEvent.target_id == pid))
        assert reads.first() is not None


def test_supervisor_sees_no_edit_or_delete(qtbot, station_fx, runner, bridge):
    sup = make_ctx(station_fx, runner, bridge, Role.SUPERVISOR)
    officer = make_ctx(station_fx, runner, bridge, Role.OFFICER)
    doc = IdentityDocument(DocumentType.RESIDENT_ID, "11010519491231002X", "张三", Sex.FEMALE, date(1949, 12, 31))
    pid = off_gui(lambda: officer.desk.residents.register(doc)).id
    dialog = ResidentDetailDialog(sup, None, off_gui(lambda: sup.desk.residents.get(pid)))
    assert not dialog.delete_button.isVisibleTo(dialog)
    assert not dialog.save_button.isVisibleTo(dialog)
    assert isinstance(dialog.editors["phone"], QLineEdit) and not dialog.editors["phone"].isEnabled()


def test_a_role_that_may_not_register_gets_no_form_for_an_unknown_card(qtbot, station_fx, runner, bridge):
    from PySide6.QtWidgets import QMessageBox

    sup = make_ctx(station_fx, runner, bridge, Role.SUPERVISOR)
    doc = place(qtbot, bridge, card("resident_id"))
    open_for_card(sup, None, doc)
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()),
                    timeout=10000)
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert "may not register" in box.text()
    assert not forms()
    box.close()
    drain(qtbot, runner)


def _passport_form(ctx, *, born=date(1985, 3, 2)):
    doc = IdentityDocument(
        DocumentType.PASSPORT, "P1234567", "ERIKSSON, ANNA", Sex.FEMALE, born, name_latin="ERIKSSON, ANNA",
        nationality="SWE", issuer="SWE", valid_to=date(2031, 1, 1), source="mrz",
    )
    form = RegistrationForm(ctx, None, document=doc)
    form.show()
    return form


def test_a_foreign_guests_stay_is_asked_with_reasons_beside_each_field(qtbot, ctx):
    form = _passport_form(ctx)
    ed = form.editors
    assert form.stay_group.isVisible() and ed["visa_type"].currentIndex() == -1  # nothing guessed
    assert ed["visa_type"].count() == len(VisaType)
    form.save()
    for name in ("visa_type", "entry_date", "stay_until"):
        assert form.errors.label(name).isVisibleTo(form) and "required" in form.errors.label(name).text(), name
    ed["visa_type"].setCurrentIndex(ed["visa_type"].findData("Q2"))
    ed["visa_number"].setText("Q2-1")
    ed["entry_date"].setText("1980-01-01")  # before the birth date of 1985
    ed["stay_until"].setText("1979-12-31")
    form.save()
    texts = {n: form.errors.label(n).text() for n in ("visa_number", "entry_date", "stay_until")}
    assert "may contain" in texts["visa_number"] or "letters" in texts["visa_number"]
    assert "before the date of birth" in texts["entry_date"]
    assert "before the date of entry" in texts["stay_until"]
    ed["entry_date"].setText((date.today() + timedelta(days=2)).isoformat())
    form.save()
    assert "cannot be after today" in form.errors.label("entry_date").text()
    ed["entry_date"].setText("2024.5.1")
    ed["stay_until"].setText("someday")
    form.save()
    assert "not a date" in form.errors.label("stay_until").text()
    assert not form.errors.label("entry_date").isVisibleTo(form)
    assert form.isVisible()  # nothing saved


def test_a_visa_free_entry_needs_no_number_and_the_stay_is_saved_in_its_fields(qtbot, ctx, runner, station_fx):
    form = _passport_form(ctx)
    ed = form.editors
    ed["visa_number"].setText("E1234567")
    ed["visa_type"].setCurrentIndex(ed["visa_type"].findData(VisaType.VISA_FREE.value))
    assert not ed["visa_number"].isEnabled() and ed["visa_number"].text() == ""
    ed["entry_date"].setText(date.today().isoformat())
    ed["stay_until"].setText((date.today() + timedelta(days=30)).isoformat())
    ed["notes"].setText("travelling with a child")
    form.capture = Capture(skip=SkipChoice(FingerprintSkipReason.NO_USABLE_FINGER))
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        form.save()
    drain(qtbot, runner)
    with station_fx.db.read() as s:
        person = s.get(Person, saved.args[0])
        assert (person.visa_type, person.visa_number) == ("visa_free", None)
        assert (person.entry_date, person.stay_until) == (date.today(), date.today() + timedelta(days=30))
        assert person.notes.startswith("travelling with a child") and "visa" not in person.notes.lower()


def test_the_stay_is_not_asked_of_a_resident_id_card(qtbot, ctx, bridge):
    doc = place(qtbot, bridge, card("resident_id"))
    form = RegistrationForm(ctx, None, document=doc)
    form.show()
    assert not form.stay_group.isVisible()
    form.save()
    assert not form.errors.label("visa_type").isVisibleTo(form)


def test_a_form_closed_at_once_still_leaves_a_spare_for_the_next_card(qtbot, ctx, bridge):
    """The next form is built ahead of time after a card opened one, even when that form was closed
    before the spare's delay (a wrong card put back): the next card fills the spare, not a new form."""
    from desk_fixtures import card_spec

    from workstation.devices.sam.emulator import card_from_spec
    from workstation.ui.screens import registration

    registration.spare_form(ctx, None)
    first_spare = registration._spares[id(ctx)]
    doc = place(qtbot, bridge, card("resident_id"))
    open_for_card(ctx, None, doc)
    qtbot.waitUntil(lambda: len(forms()) == 1, timeout=5000)
    assert forms()[0] is first_spare  # the card filled the form built ahead of time
    assert id(ctx) not in registration._spares
    forms()[0].done(0)  # closed at once, long before SPARE_DELAY_MS
    qtbot.waitUntil(lambda: id(ctx) in registration._spares, timeout=registration.SPARE_DELAY_MS + 5000)
    second_spare = registration._spares[id(ctx)]
    assert second_spare is not first_spare and not second_spare.isVisible()
    with qtbot.waitSignal(bridge.card_removed, timeout=5000):
        bridge.demo.device("idcard").remove_card()
    doc = place(qtbot, bridge, card_from_spec({**card_spec("resident_id"), "name": "李四"}))
    open_for_card(ctx, None, doc)
    qtbot.waitUntil(lambda: len(forms()) == 1, timeout=5000)
    assert forms()[0] is second_spare and forms()[0].editors["name"].text() == "李四"
