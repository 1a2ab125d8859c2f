"""The whole desk flow, end to end: a card placed on the emulated reader (pty serial link) → the form →
a finger pressed on the emulated scanner → saved → person, document, binding, fingerprint, outbox and
audit rows in the encrypted store → a sync reaches the reference platform on loopback.

The card flow is driven with key events alone (no clicks, no setText): the keyboard-only promise. The
passport and manual flows follow it."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "sync"))

from desk_fixtures import *  # noqa: F403 - the desk's fixtures (bridge, ctx, runner, station_fx, ...)
from desk_fixtures import card, drain, mrz_lines, off_gui
from platform_helpers import make_platform

from workstation.storage.schema import (
    AuditEvent,
    Fingerprint,
    IdentityDocumentRow,
    OutboxEntry,
    Person,
    Tenancy,
)
from workstation.sync import client as sc
from workstation.ui.screens.registration import new_manual_registration, open_for_card, open_for_passport
from workstation.ui.screens.registration.fingerprint import FingerprintDialog
from workstation.ui.screens.registration.form import RegistrationForm
from workstation.ui.tasks import Lane

pytestmark = pytest.mark.qt

STATION = "440305001"  # the test station's code (helpers.make_station)


@pytest.fixture
def platform(tmp_path, station_fx):
    p = make_platform(tmp_path / "central", "sqlite")
    code = p.central.enroll_code(STATION)
    off_gui(lambda: sc.enroll(station_fx.db, p.url, code, STATION, p.ca_pem, actor=station_fx.admin))
    yield p
    p.close()


@pytest.fixture
def room(ctx):
    """A property and room to bind the new resident to (address searched as you type)."""
    prop = off_gui(lambda: ctx.desk.housing.create_property(address="演示市东城区幸福路18号", grid_code="G07")).id
    off_gui(lambda: ctx.desk.housing.add_room(prop, label="301"))
    return prop


def the_form(qtbot) -> RegistrationForm:
    qtbot.waitUntil(lambda: any(isinstance(w, RegistrationForm) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=15000)
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, RegistrationForm) and w.isVisible())


def the_fingerprint_dialog(qtbot) -> FingerprintDialog:
    qtbot.waitUntil(lambda: any(isinstance(w, FingerprintDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=15000)
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, FingerprintDialog) and w.isVisible())


def press_finger_when_asked(bridge, dialog, identity="synthetic-a"):
    """The person at the desk: presses the chosen finger when asked, lifts it when asked. Returns the
    step codes seen (for the failure message)."""
    device = bridge.demo.device("fingerprint")
    codes = []

    def on_step(step):
        codes.append(step.code)
        if step.code == "place_finger":
            device.place_finger(identity, int(dialog.position), quality="good")
        elif step.code == "lift_finger":
            device.lift_finger()

    dialog._relay.step.connect(on_step)
    last = dialog._last_step
    if last is None or last.code in ("start", "place_finger"):  # asked before we were listening
        device.place_finger(identity, int(dialog.position), quality="good")
    return codes


def type_into(qtbot, widget, text):
    """Type `text` where the focus is, as an operator does: key presses for ASCII, and for Chinese the
    commit of an input method (QTest only knows ASCII keys)."""
    qtbot.waitUntil(widget.hasFocus, timeout=10000)
    for run in _runs(text):
        if run.isascii():
            qtbot.keyClicks(QApplication.focusWidget(), run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(QApplication.focusWidget(), event)


def _runs(text):
    out = []
    for ch in text:
        if out and out[-1][-1].isascii() == ch.isascii():
            out[-1] += ch
        else:
            out.append(ch)
    return out


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, k, modifier)


def choose_property_and_room(qtbot, form, fragment):
    type_into(qtbot, form.editors["property"], fragment)
    popup = form.property_completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=15000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    room = form.editors["room"]
    qtbot.waitUntil(lambda: room.isEnabled() and room.count() > 0 and room.hasFocus(), timeout=15000)


def finish_with_fingerprint(qtbot, bridge, form):
    """Ctrl+S; the fingerprint dialog opens (station policy asks for one); the finger is pressed;
    Enter keeps it; the registration is saved."""
    with qtbot.waitSignal(form.saved, timeout=60000) as saved:
        key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        try:
            dialog = the_fingerprint_dialog(qtbot)
        except Exception as exc:
            shown = {n: form.errors.label(n).text() for n in form.editors if form.errors.label(n)
                     and form.errors.label(n).isVisibleTo(form)}
            raise AssertionError(f"no fingerprint dialog; the form says {shown} {form.message.text()!r}") from exc
        codes = press_finger_when_asked(bridge, dialog)
        try:
            qtbot.waitUntil(lambda: dialog.ok_button.isEnabled() and dialog.ok_button.hasFocus(), timeout=40000)
        except Exception as exc:
            raise AssertionError(f"not enrolled: {codes}; {dialog.message.text()!r}; "
                                 f"focus {QApplication.focusWidget()!r}") from exc
        key(qtbot, Qt.Key.Key_Return)
    return saved.args[0]


def sync_now(qtbot, ctx, db):
    """A sync on the network lane, as the app runs it; returns its result."""
    results = []

    def work(_t):
        client = sc.SyncClient(db)
        try:
            return client.sync()
        finally:
            client.close()

    ctx.op(work, lane=Lane.NET).on_success(results.append).start()
    qtbot.waitUntil(lambda: bool(results), timeout=30000)
    return results[0]


def assert_stored_and_synced(qtbot, ctx, station_fx, platform, pid, *, doc_type, with_room=True):
    with station_fx.db.read() as s:
        person = s.get(Person, pid)
        assert person is not None and person.deleted_at is None
        doc = s.execute(select(IdentityDocumentRow).where(IdentityDocumentRow.person_id == pid)).scalar_one()
        assert doc.doc_type == doc_type
        fp = s.execute(select(Fingerprint).where(Fingerprint.person_id == pid)).scalar_one()
        assert fp.quality >= 50 and fp.template_enc
        tenancies = s.execute(select(Tenancy).where(Tenancy.person_id == pid)).scalars().all()
        assert len(tenancies) == (1 if with_room else 0)
        ids = {pid, doc.id, fp.id, *(t.id for t in tenancies)}
        outbox = {(r.record_type, r.record_id) for r in s.execute(select(OutboxEntry)).scalars()}
        assert {i for _t, i in outbox} >= ids
        actions = set(s.execute(select(AuditEvent.action)).scalars())
        assert {"person.create", "identity_document.create", "fingerprint.create"} <= actions
    result = sync_now(qtbot, ctx, station_fx.db)
    assert result.error is None and result.remaining == 0
    on_platform = {rid for _t, rid, _v in platform.central.record_versions()}
    assert ids <= on_platform


def test_card_to_saved_and_synced_with_the_keyboard_alone(qtbot, ctx, runner, bridge, station_fx, platform, room):
    bridge.card_placed.connect(lambda doc: open_for_card(ctx, None, doc))
    bridge.demo.device("idcard").place_card(card("resident_id"))
    form = the_form(qtbot)
    assert form.editors["name"].text() == "张三"
    type_into(qtbot, form.editors["phone"], "13800138000")
    key(qtbot, Qt.Key.Key_Tab)
    type_into(qtbot, form.editors["employer"], "演示科技有限公司")
    key(qtbot, Qt.Key.Key_Tab)
    assert form.editors["arrival_date"].hasFocus()  # today, already filled
    key(qtbot, Qt.Key.Key_Tab)
    choose_property_and_room(qtbot, form, "幸福路18")
    pid = finish_with_fingerprint(qtbot, bridge, form)
    drain(qtbot, runner)
    with station_fx.db.read() as s:
        person = s.get(Person, pid)
        assert person.phone == "13800138000" and person.employer == "演示科技有限公司"
        assert person.property_id == room and person.grid_code == "G07"
    assert_stored_and_synced(qtbot, ctx, station_fx, platform, pid, doc_type="resident_id")


def test_passport_swipe_to_saved_and_synced(qtbot, ctx, runner, bridge, station_fx, platform, room):
    bridge.passport_read.connect(lambda mrz: open_for_passport(ctx, None, mrz))
    bridge.demo.device("mrz").present(mrz_lines("td3_specimen"))
    form = the_form(qtbot)
    assert form.stay_group.isVisible() and form.editors["nationality"].text() == "UTO"
    assert form.editors["number"].text() == "L898902C3"
    assert form.expired_banner.isVisible()  # the specimen expired in 2012
    qtbot.waitUntil(form.editors["visa_type"].hasFocus, timeout=10000)  # nothing chosen yet
    key(qtbot, Qt.Key.Key_Z)  # keyboard search in the list: "Z — work"
    assert form.editors["visa_type"].currentData() == "Z"
    key(qtbot, Qt.Key.Key_Tab)
    type_into(qtbot, form.editors["visa_number"], "V1234567")
    key(qtbot, Qt.Key.Key_Tab)
    type_into(qtbot, form.editors["entry_date"], "2024-05-01")
    key(qtbot, Qt.Key.Key_Tab)
    type_into(qtbot, form.editors["stay_until"], "2030-05-01")
    key(qtbot, Qt.Key.Key_Tab)
    type_into(qtbot, form.editors["phone"], "13800138001")
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    choose_property_and_room(qtbot, form, "幸福路18")
    pid = finish_with_fingerprint(qtbot, bridge, form)
    drain(qtbot, runner)
    with station_fx.db.read() as s:
        person = s.get(Person, pid)
        assert person.nationality == "UTO" and person.name_latin == "ERIKSSON, ANNA MARIA"
        assert (person.visa_type, person.visa_number) == ("Z", "V1234567")
        assert (person.entry_date, person.stay_until) == (date(2024, 5, 1), date(2030, 5, 1))
        assert not person.notes  # the stay is in its fields, not in the notes
    assert_stored_and_synced(qtbot, ctx, station_fx, platform, pid, doc_type="passport")
    from workstation.central.store import Record

    with platform.central.store.sessions() as s:  # the stay reached the platform with the record
        payload = json.loads(s.get(Record, ("person", pid)).payload)
    assert (payload["visa_type"], payload["visa_number"], payload["entry_date"], payload["stay_until"]) == (
        "Z", "V1234567", "2024-05-01", "2030-05-01"
    )


def test_manual_entry_to_saved_and_synced(qtbot, ctx, runner, bridge, station_fx, platform):
    form = new_manual_registration(ctx, None)
    assert form.editors["doc_type"].isVisible()
    type_into(qtbot, form.editors["number"], "11010519491231002X")
    key(qtbot, Qt.Key.Key_Tab)
    type_into(qtbot, form.editors["name"], "张三")
    # the valid number says the sex and the date of birth: filled, and Tab passes them by
    assert form.editors["sex"].currentData() == "female" or form.editors["sex"].currentText() in ("Female", "女")
    assert form.editors["birth_date"].text() == "1949-12-31"
    key(qtbot, Qt.Key.Key_Tab)
    type_into(qtbot, form.editors["address"], "北京市朝阳区测试路1号")
    for _ in range(5):  # issued by, valid from, valid until, long-term → phone
        key(qtbot, Qt.Key.Key_Tab)
    type_into(qtbot, form.editors["phone"], "13800138002")
    pid = finish_with_fingerprint(qtbot, bridge, form)
    drain(qtbot, runner)
    with station_fx.db.read() as s:
        doc = s.execute(select(IdentityDocumentRow).where(IdentityDocumentRow.person_id == pid)).scalar_one()
        assert doc.source == "manual" and doc.number == "11010519491231002X"
    assert_stored_and_synced(qtbot, ctx, station_fx, platform, pid, doc_type="resident_id", with_room=False)
