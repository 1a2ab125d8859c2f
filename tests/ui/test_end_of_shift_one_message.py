"""The end-of-shift dialog says one thing of each record left, with or without sync conflicts, in both
languages: it said "They are sent at the next sync from this desk; nothing is lost." and, beside it, that
some of them a sync does not send; after a sync that left only those, "The sync did not finish: records
waiting for your decision…" repeated the list's words (and stayed English after a language switch).
Rendered over a 1366x768 window; the whole flow against the reference platform on loopback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from conftest import window_login
from helpers import english_words
from workstation.domain.enums import Role
from workstation.sync import client as sc
from workstation.ui.screens.sync import EndOfShiftDialog

KINDS = {"property": 2, "person": 1}  # three records left on this desk

#: (case, records waiting for a conflict decision, what the body says of the records, what it must not say)
CASES = [
    ("pending", 0, ["They are sent at the next sync from this desk; nothing is lost."], ["decision"]),
    ("some-for-decision", 1, [
        "1 of them waits for your decision on a sync conflict (Sync page); a sync sends it only after you decide.",
        "The others are sent at the next sync from this desk. Nothing is lost.",
    ], ["They are sent", "does not send"]),
    ("only-for-decision", 3, [
        "They wait for your decision on a sync conflict (Sync page); a sync sends them only after you decide.",
    ], ["next sync", "does not send"]),
]


@pytest.mark.parametrize(("case", "for_decision", "says", "not_says"), CASES, ids=[c[0] for c in CASES])
def test_each_case_reads_as_one_message(qtbot, ctx, switch_language, shoot, case, for_decision, says, not_says):
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    dlg = EndOfShiftDialog(ctx, KINDS, quitting=False, parent=window, for_decision=for_decision)
    dlg.show()
    body = dlg.body.text()
    for text in says:
        assert text in body, body
    for text in not_says:
        assert text not in body, body
    assert body.count("Nothing is lost") + body.count("nothing is lost") == 1
    only_decisions = for_decision >= sum(KINDS.values())
    assert dlg.sync_button.isHidden() == only_decisions  # a sync cannot send what waits for a decision
    assert dlg.leave_button.text() == ("Log out" if only_decisions else "Log out without syncing")
    assert all(p.stat().st_size > 3000 for p in shoot(dlg, f"end-of-shift-{case}", sizes=None))
    switch_language("zh_CN")
    body = dlg.body.text()
    assert not english_words(body.replace("<li>", "").replace("</li>", "")), body
    assert body.count("不会丢失") == 1, body
    assert body.count("处理同步冲突") == (1 if for_decision else 0), body
    assert ("下次在本机同步时会自动上传" in body) == (not only_decisions), body


def test_a_sync_that_leaves_only_conflicts_says_what_it_did_once(qtbot, main_window, enrolled, switch_language,
                                                                  shoot):
    win = main_window
    win.resize(1366, 768)
    window_login(qtbot, win, Role.OFFICER)
    ctx = win.ctx
    h = ctx.desk.housing
    pid = h.create_property(address="深圳市南山区交班路9号", grid_code="G01").id
    client = sc.SyncClient(ctx.db)
    try:
        client.sync()
        enrolled.central.edit_record("property", pid, {"address": "平台修改的地址"})  # the platform at v2
        h.update_property(pid, base_version=1, address="本站修改的地址")  # ours v2 from v1: a conflict
        assert client.sync().conflicts == 1
    finally:
        client.close()
    h.create_property(address="深圳市南山区交班路10号", grid_code="G01")  # and one a sync sends

    win.logout()
    qtbot.waitUntil(lambda: (d := win.findChild(EndOfShiftDialog, "end_of_shift")) is not None and d.isVisible(),
                    timeout=10_000)
    dlg = win.findChild(EndOfShiftDialog, "end_of_shift")
    assert "1 of them waits for your decision" in dlg.body.text()
    assert "The others are sent at the next sync" in dlg.body.text()
    shoot(dlg, "end-of-shift-before-sync", sizes=None)
    switch_language("en")
    qtbot.mouseClick(dlg.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.error.isVisible(), timeout=30_000)
    box, body = dlg.error.text(), dlg.body.text()
    assert box.startswith("Sync done: 1 change sent"), box  # what the sync did; not "did not finish"
    assert "decision" not in box and "did not finish" not in box
    assert "<li>1 rental property</li>" in body and "It waits for your decision" in body, body  # one record
    assert dlg.sync_button.isHidden() and dlg.leave_button.text() == "Log out"
    assert win.session is not None  # not logged out: the officer decides, or logs out
    shoot(dlg, "end-of-shift-after-sync", sizes=None)
    switch_language("zh_CN")
    box = dlg.error.text()
    assert box.startswith("同步完成") and not english_words(box), box  # said again in the new language
    switch_language("en")
    dlg.leave()
    qtbot.waitUntil(lambda: win.session is None, timeout=5_000)
