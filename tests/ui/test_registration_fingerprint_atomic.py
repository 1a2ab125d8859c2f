"""The registration form hands the finger it captured to the registration itself
(`desk.residents.register(fingerprint=)`): saving writes one resident with their fingerprint in one
transaction. A save the core refuses keeps the capture, so the officer fixes the field and saves again
without taking the finger again; a finger the core refuses is asked for again. Real widgets, the real
desk facade on an encrypted station."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import *  # noqa: F403 - the desk's fixtures (bridge, ctx, runner, station_fx, ...)
from desk_fixtures import drain, off_gui

from workstation.devices.zfm.enroll import EnrollmentResult
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, FingerPosition, Sex
from workstation.domain.validation import gb11643_check_char
from workstation.storage.schema import AuditEvent, Fingerprint, OutboxEntry, Person
from workstation.ui.screens.registration import new_manual_registration
from workstation.ui.screens.registration.fingerprint import Capture

pytestmark = pytest.mark.qt

NUMBER = "11010519491231002X"  # female, born 1949-12-31
OTHER_NUMBER = "11010519491231004" + gb11643_check_char("11010519491231004")  # the same, another sequence
TEMPLATE = b"\x03\x01" * 256


def _fill(form, number=NUMBER) -> None:
    ed = form.editors
    ed["number"].setText(number)
    ed["name"].setText("张三")
    ed["sex"].setCurrentIndex(ed["sex"].findData(Sex.FEMALE.value))
    ed["birth_date"].setText("19491231")
    ed["phone"].setText("13800138000")


def _taken(template=TEMPLATE) -> Capture:
    """What the capture dialog hands back after an enrolment (`FingerprintDialog.capture`)."""
    return Capture(result=EnrollmentResult(template=template, quality=83, position=FingerPosition.RIGHT_INDEX,
                                           page_id=None, duplicate_of=None))


def _hand_over(form, capture: Capture) -> None:
    """What the form does with the capture dialog's result when the dialog closes (`take_fingerprint`)."""
    form.capture = capture
    form._show_fingerprint_status()


def _fingerprints(db) -> list[tuple[str, int, int]]:
    with db.read() as s:
        return [tuple(r) for r in s.execute(select(Fingerprint.person_id, Fingerprint.position, Fingerprint.quality))]


def _persons(db) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(Person.id)))


def test_saving_with_a_capture_registers_one_resident_with_the_finger(qtbot, ctx, runner, station_fx):
    form = new_manual_registration(ctx, None)
    _fill(form)
    _hand_over(form, _taken())
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        form.save()
    pid = saved.args[0]
    drain(qtbot, runner)
    assert _persons(station_fx.db) == [pid]
    assert _fingerprints(station_fx.db) == [(pid, int(FingerPosition.RIGHT_INDEX), 83)]
    with station_fx.db.read() as s:
        (fid,) = s.scalars(select(Fingerprint.id))
        assert s.scalars(select(OutboxEntry.record_type).where(OutboxEntry.record_id == fid)).all() == ["fingerprint"]
        assert s.scalars(select(AuditEvent.action).where(AuditEvent.target_id == fid)).all() == ["fingerprint.create"]
    assert off_gui(lambda: ctx.desk.biometrics.template(fid)) == TEMPLATE
    assert getattr(form, "fingerprint_dialog", None) is None  # the capture given was used, not asked again


def test_a_refused_save_keeps_the_finger_for_the_corrected_save(qtbot, ctx, runner, station_fx):
    """The number was registered meanwhile (another desk): the core refuses the registration, nothing of
    it is stored, the capture stays; the officer corrects the number and saves again, no new capture."""
    form = new_manual_registration(ctx, None)
    _fill(form)
    _hand_over(form, _taken())
    other = off_gui(lambda: ctx.desk.residents.register(IdentityDocument(
        DocumentType.RESIDENT_ID, NUMBER, "张三", Sex.FEMALE, date(1949, 12, 31)))).id
    form.save()
    qtbot.waitUntil(lambda: form.errors.label("number").isVisibleTo(form), timeout=10_000)
    assert "already registered" in form.errors.label("number").text()
    qtbot.waitUntil(form.duplicate_banner.isVisible, timeout=10_000)  # the record meanwhile is offered
    assert _persons(station_fx.db) == [other] and _fingerprints(station_fx.db) == []
    assert form.capture is not None and form.capture.result is not None  # kept
    assert form.fingerprint_status.text() == "Fingerprint taken: Right index finger (2), quality 83/100"

    form.editors["number"].setText(OTHER_NUMBER)
    form.check_duplicate_now()
    qtbot.waitUntil(lambda: form.duplicate_banner.isHidden(), timeout=10_000)
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        form.save()
    pid = saved.args[0]
    drain(qtbot, runner)
    assert getattr(form, "fingerprint_dialog", None) is None  # not asked for the finger again
    assert sorted(_persons(station_fx.db)) == sorted([other, pid])
    assert _fingerprints(station_fx.db) == [(pid, int(FingerPosition.RIGHT_INDEX), 83)]


def test_a_finger_the_core_refuses_is_asked_for_again(qtbot, ctx, runner, station_fx, shoot):
    form = new_manual_registration(ctx, None)
    _fill(form)
    _hand_over(form, _taken(template=b""))  # a scanner that handed over no template
    form.save()
    qtbot.waitUntil(form.message.isVisible, timeout=10_000)
    assert form.message.text() == "Not saved: no template was captured"
    assert form.capture is None  # the next save asks for the finger again
    assert form.fingerprint_status.text() == "A fingerprint is asked for when you save."
    assert _persons(station_fx.db) == []
    written = shoot(form, "registration-finger-refused")
    assert all(p.stat().st_size > 3000 for p in written)
    drain(qtbot, runner)
