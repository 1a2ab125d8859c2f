"""Registering without a fingerprint through the desk (issue 10 item 7): the form asks for the finger on
save, the capture dialog's Skip asks for a reason from the fixed list (and, where the station requires
a fingerprint, a supervisor's name and password), the core records it as an audited event of the
biometrics area, and the resident's record shows "fingerprint skipped: <reason>, by, when" in the
operator's language. Real widgets, the emulated scanner over a pty, an encrypted station."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))

from desk_fixtures import *  # noqa: F403 - the desk's fixtures (bridge, ctx, runner, station_fx, ...)
from desk_fixtures import drain, make_ctx, off_gui

from workstation.domain.enums import FingerprintSkipReason, Role, Sex
from workstation.storage import policy
from workstation.storage.schema import AuditEvent, Person
from workstation.ui.screens.registration import new_manual_registration
from workstation.ui.screens.residents.detail import ResidentDetailDialog

pytestmark = pytest.mark.qt


def _fill(form) -> None:
    ed = form.editors
    ed["number"].setText("11010519491231002X")
    ed["name"].setText("张三")
    ed["sex"].setCurrentIndex(ed["sex"].findData(Sex.FEMALE.value))
    ed["birth_date"].setText("19491231")
    ed["phone"].setText("13800138000")


def _skip_through_the_dialogs(qtbot, form, reason, *, supervisor=None, note=""):
    """Save → the capture dialog opens → Skip → reason (and supervisor) → OK. Returns the skip dialog."""
    form.save()
    qtbot.waitUntil(lambda: getattr(form, "fingerprint_dialog", None) is not None
                    and form.fingerprint_dialog.isVisible(), timeout=10_000)
    fp = form.fingerprint_dialog
    assert fp.skip_button.isVisible()
    fp.skip_button.click()
    qtbot.waitUntil(lambda: fp.skip_dialog is not None and fp.skip_dialog.isVisible(), timeout=5_000)
    skip = fp.skip_dialog
    skip.reason_buttons[reason].click()
    skip.note.setText(note)
    if supervisor is not None:
        assert skip.supervisor_box.isVisible()
        skip.username.setText(supervisor[0])
        skip.password.setText(supervisor[1])
    else:
        assert skip.supervisor_box.isHidden()
    qtbot.mouseClick(skip.ok_button, Qt.MouseButton.LeftButton)
    return skip


def _skip_rows(db, pid):
    with db.read() as s:
        return [json.loads(d) for d in s.execute(
            select(AuditEvent.details).where(AuditEvent.action == "fingerprint.skip", AuditEvent.target_id == pid)
        ).scalars()]


def test_optional_policy_the_officer_skips_and_the_record_says_so(qtbot, ctx, runner, station_fx, switch_language):
    form = new_manual_registration(ctx, None)
    _fill(form)
    with qtbot.waitSignal(form.saved, timeout=20_000) as saved:
        _skip_through_the_dialogs(qtbot, form, FingerprintSkipReason.OTHER, note="双手缠着绷带")
    pid = saved.args[0]
    drain(qtbot, runner)
    assert _skip_rows(station_fx.db, pid) == [
        {"reason": "other", "note": "双手缠着绷带", "policy": "optional", "approved_by": None}]
    with station_fx.db.read() as s:
        assert s.get(Person, pid).notes is None

    dialog = ResidentDetailDialog(ctx, None, off_gui(lambda: ctx.desk.residents.get(pid)))
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.fingerprint_skip.text()
    assert not dialog.fingerprint_skip.isHidden()  # on the fingerprint tab
    assert text.startswith("Fingerprint skipped: other: 双手缠着绷带, by officer1, ")
    switch_language("zh_CN")
    qtbot.waitUntil(lambda: "Fingerprint skipped" not in dialog.fingerprint_skip.text(), timeout=5_000)
    assert dialog.fingerprint_skip.text().startswith("跳过指纹采集：其他：双手缠着绷带；操作人 officer1，")
    dialog.close()
    drain(qtbot, runner)


def test_required_policy_needs_a_supervisor_and_records_who(qtbot, station_fx, runner, bridge):
    policy.change(station_fx.db, station_fx.admin, fingerprint_policy="required")
    ctx = make_ctx(station_fx, runner, bridge, fingerprint_policy="required")
    off_gui(lambda: station_fx.actor(Role.SUPERVISOR, "sup1"))
    form = new_manual_registration(ctx, None)
    _fill(form)
    with qtbot.waitSignal(form.saved, timeout=30_000) as saved:
        _skip_through_the_dialogs(qtbot, form, FingerprintSkipReason.DEVICE_UNAVAILABLE,
                                  supervisor=("sup1", "password-sup1"))
    pid = saved.args[0]
    drain(qtbot, runner)
    assert _skip_rows(station_fx.db, pid) == [
        {"reason": "device_unavailable", "note": None, "policy": "required", "approved_by": "sup1"}]
    dialog = ResidentDetailDialog(ctx, None, off_gui(lambda: ctx.desk.residents.get(pid)))
    qtbot.addWidget(dialog)
    assert "fingerprint scanner unavailable" in dialog.fingerprint_skip.text()
    assert "(confirmed by supervisor sup1)" in dialog.fingerprint_skip.text()
    dialog.close()
    drain(qtbot, runner)


def test_skip_dialog_and_record_screenshots(qtbot, station_fx, runner, bridge, shoot):
    from workstation.ui.screens.registration.fingerprint import SkipDialog

    policy.change(station_fx.db, station_fx.admin, fingerprint_policy="required")
    ctx = make_ctx(station_fx, runner, bridge, fingerprint_policy="required")
    sup = off_gui(lambda: station_fx.actor(Role.SUPERVISOR, "sup1"))

    def make():
        dlg = SkipDialog(ctx, None, needs_supervisor=True)
        dlg.reason_buttons[FingerprintSkipReason.FINGER_INJURED].click()
        dlg.note.setText("右手食指包扎")
        dlg.username.setText("sup1")
        return dlg

    written = shoot.made(make, "fingerprint-skip-dialog")
    from workstation.domain.documents import IdentityDocument
    from workstation.domain.enums import DocumentType

    doc = IdentityDocument(DocumentType.RESIDENT_ID, "11010519491231002X", "张三", Sex.FEMALE,
                           __import__("datetime").date(1949, 12, 31))
    pid = off_gui(lambda: ctx.desk.residents.register(doc)).id
    off_gui(lambda: ctx.desk.biometrics.record_skip(pid, reason="finger_injured", note="右手食指包扎", approver=sup))
    dialog = ResidentDetailDialog(ctx, None, off_gui(lambda: ctx.desk.residents.get(pid)))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    written += shoot(dialog, "resident-fingerprint-skipped", sizes=None)
    assert all(p.stat().st_size > 3000 for p in written)
    dialog.close()
    drain(qtbot, runner)
