"""Confirming a pre-registration of a resident who is already registered shows the submitted data beside
the record (differences highlighted) and says what Confirm does: it settles the pre-registration and copies
nothing into the record (checked on the real store after confirming)."""

from __future__ import annotations

import json

from workstation.domain.enums import Role
from workstation.storage.sync_tables import SyncPrereg
from workstation.ui.screens.tasks import SettlePreRegistrationDialog


def _prereg(db, pid: str, payload: dict) -> None:
    with db.write() as s:
        s.add(SyncPrereg(id=pid, payload=json.dumps(payload, ensure_ascii=False)))


def _open(qtbot, ctx, pid: str) -> SettlePreRegistrationDialog:
    row = next(r for r in ctx.desk.preregistrations.list() if r.id == pid)
    dialog = SettlePreRegistrationDialog(ctx, row, "confirmed")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.looked_up, timeout=10_000)
    return dialog


def test_confirm_beside_the_existing_record_copies_nothing(qtbot, login, shoot, switch_language):
    officer = login(Role.OFFICER)
    person = officer.desk.residents.find("", limit=1).items[0]
    detail = officer.desk.residents.get(person.id)
    number = detail.documents[0].number
    _prereg(officer.db, "pre-x", {"name": detail.name, "id_number": number, "phone": "13900009999",
                                  "address": "深圳市南山区预登记路9号"})
    dialog = _open(qtbot, officer, "pre-x")
    assert dialog.existing is not None and dialog.existing.id == person.id
    assert dialog.differences() == ["phone", "address"]
    assert dialog.compare.isVisible()
    text = dialog.compare.text()
    assert "13900009999" in text and "预登记路9号" in text and "background-color" in text
    assert number not in text  # the number is shown masked
    assert "NOT copied" in dialog.next_step.text() and "phone, address" in dialog.next_step.text()
    shots = shoot(dialog, "prereg-confirm-existing", sizes=None)
    assert all(p.stat().st_size > 3000 for p in shots)
    switch_language("zh_CN")
    assert "NOT copied" not in dialog.next_step.text() and dialog.next_step.text()
    switch_language("en")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.done_changes is not None, timeout=10_000)
    after = officer.desk.residents.get(person.id)
    assert after.phone == detail.phone and after.version == detail.version  # Confirm changed no record
    assert [r.id for r in officer.desk.preregistrations.list(status="confirmed")] == ["pre-x"]


def test_confirm_without_a_registered_resident_says_so(qtbot, login):
    officer = login(Role.OFFICER)
    _prereg(officer.db, "pre-y", {"name": "未登记", "id_number": "110105194912310037"})
    dialog = _open(qtbot, officer, "pre-y")
    assert dialog.existing is None and not dialog.compare.isVisible()
    assert "No registered resident holds this ID number" in dialog.next_step.text()
    _prereg(officer.db, "pre-z", {"name": "无号码"})
    row = next(r for r in officer.desk.preregistrations.list() if r.id == "pre-z")
    plain = SettlePreRegistrationDialog(officer, row, "confirmed")
    qtbot.addWidget(plain)
    assert "changes no resident's record" in plain.next_step.text()
