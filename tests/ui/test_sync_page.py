"""The Sync page and the end-of-shift check, on real widgets against the reference platform on loopback
(tests/sync's platform helpers and fault proxy): waiting counts, sync now, an upload dropped midway
(error and next retry shown, then completed, nothing sent twice), logout with changes not acknowledged."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from fault_proxy import FaultProxy

from conftest import window_login
from workstation.domain.enums import Role
from workstation.storage.schema import OutboxEntry
from workstation.sync import client as sc
from workstation.ui.screens.sync import EndOfShiftDialog, SyncPage, run
from workstation.ui.screens.sync.data import unacknowledged_by_kind

STATION = "440305001"




def waiting(db) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.acked_at.is_(None))))


def acked(db) -> list[tuple[str, int]]:
    with db.read() as s:
        return sorted(
            (r.record_id, r.version)
            for r in s.execute(select(OutboxEntry).where(OutboxEntry.acked_at.is_not(None))).scalars()
        )


def add_properties(ctx, n):
    return [ctx.desk.housing.create_property(address=f"深圳市南山区同步路{i}号", grid_code="G01").id for i in range(n)]


def shown_count(page, state) -> int:
    m = page.model
    for r in range(m.rowCount()):
        if m.data(m.index(r, 0), Qt.ItemDataRole.UserRole) == state:
            return int(m.data(m.index(r, 2)))
    raise KeyError(state)


def open_page(qtbot, ctx) -> SyncPage:
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.on_shown()
    qtbot.waitUntil(lambda: page.overview is not None and not page._refreshing, timeout=10_000)
    return page


def refreshed(qtbot, page) -> None:
    page.overview = None
    page.refresh()
    qtbot.waitUntil(lambda: page.overview is not None and not page._refreshing, timeout=10_000)


def test_model_passes_qtmodeltester(qtmodeltester, ctx, enrolled):
    from workstation.ui.screens.sync.data import overview
    from workstation.ui.screens.sync.model import SyncStateModel

    model = SyncStateModel()
    qtmodeltester.check(model, force_py=True)  # empty
    add_properties(ctx, 2)
    model.set_rows(overview(ctx.db).rows)  # reset while the tester watches
    assert model.rowCount() == 5  # not in a batch yet, building, sealed, sending, acknowledged
    model.set_rows(overview(ctx.db).rows)  # same states: dataChanged
    qtmodeltester.check(model, force_py=True)
    model.retranslate()


def test_sync_now_sends_what_is_waiting(qtbot, ctx, enrolled):
    ids = add_properties(ctx, 3)
    page = open_page(qtbot, ctx)
    before = waiting(ctx.db)
    assert before >= 3
    assert page.overview.waiting == before
    assert shown_count(page, "unbatched") == before  # nothing batched yet
    assert str(before) in page.summary.text()
    assert page.sync_button.isEnabled()

    handle = page.sync_now()
    assert handle is not None and page.syncing
    assert page.sync_now() is None  # one sync at a time
    assert page.progress.isVisible()  # the window is not blocked: the test's event loop keeps running
    qtbot.waitUntil(
        lambda: not page.syncing and page.overview is not None and page.overview.waiting == 0, timeout=30_000
    )
    qtbot.waitUntil(lambda: not page.progress.isVisible())
    assert waiting(ctx.db) == 0
    assert shown_count(page, "acknowledged") == before
    assert shown_count(page, "unbatched") == 0 and shown_count(page, "sealed") == 0
    assert page.error_box.isHidden()
    on_platform = {rid for _t, rid, _v in enrolled.central.record_versions()}
    assert set(ids) <= on_platform
    assert page.last_result is not None and page.last_result.records == before


def test_drop_mid_upload_shows_error_and_retry_then_completes_once(qtbot, ctx, enrolled, monkeypatch):
    import ssl

    import httpx

    proxy = FaultProxy(enrolled.server.port).start()
    clients: list[httpx.Client] = []

    def via_proxy(db):
        tls = sc.ssl_context(enrolled.ca_pem)
        tls.maximum_version = ssl.TLSVersion.TLSv1_2  # see tests/sync/fault_proxy.py
        http = httpx.Client(
            base_url=proxy.url, verify=tls, timeout=3.0, limits=httpx.Limits(max_keepalive_connections=0)
        )
        clients.append(http)
        return sc.SyncClient(db, http=http, max_records=max(1, waiting(db) // 3))

    monkeypatch.setattr(run, "client_factory", via_proxy)
    try:
        add_properties(ctx, 3)
        page = open_page(qtbot, ctx)
        total = waiting(ctx.db)
        proxy.faults.extend(["pass", "drop_response"])  # batch 1 acknowledged; batch 2 committed, answer lost
        page.sync_now()
        qtbot.waitUntil(lambda: not page.syncing, timeout=30_000)
        qtbot.waitUntil(
            lambda: page.overview is not None and not page._refreshing and page.error_box.isVisible(), timeout=10_000
        )
        ov = page.overview
        assert 0 < ov.waiting < total
        assert ov.next_retry_at is not None and ov.last_error
        text = page.error_box.text()
        assert "The connection dropped during the transfer." in text
        assert "Next automatic try at" in text
        assert sc.SyncClient(ctx.db).backoff(1).total_seconds() > 0
        hhmm = page.error_box.text().split("Next automatic try at ")[1][:5]
        assert hhmm[2] == ":" and hhmm.replace(":", "").isdigit()
        assert page.sync_button.isEnabled()
        assert shown_count(page, "sealed") + shown_count(page, "sending") > 0

        page.sync_now()  # the second sync completes
        qtbot.waitUntil(lambda: not page.syncing, timeout=30_000)
        qtbot.waitUntil(
            lambda: page.overview is not None and not page._refreshing and page.overview.waiting == 0, timeout=10_000
        )
        assert page.error_box.isHidden()
        plat = [(rid, v) for _t, rid, v in enrolled.central.record_versions()]
        assert not [k for k, n in Counter(plat).items() if n > 1], "a change reached the platform twice"
        assert sorted(plat) == acked(ctx.db)
        assert proxy.responses_dropped == 1
    finally:
        for c in clients:
            c.close()
        proxy.stop()


def test_background_sync_sends_without_asking(qtbot, ctx, enrolled, monkeypatch):
    monkeypatch.setattr(SyncPage, "BACKGROUND_MS", 100)
    ids = add_properties(ctx, 2)
    page = open_page(qtbot, ctx)
    qtbot.waitUntil(lambda: waiting(ctx.db) == 0, timeout=20_000)
    assert set(ids) <= {rid for _t, rid, _v in enrolled.central.record_versions()}
    qtbot.waitUntil(lambda: page.overview is not None and page.overview.waiting == 0, timeout=10_000)
    assert page.error_box.isHidden()


def test_not_enrolled_says_so_and_cannot_sync(qtbot, ctx):
    page = open_page(qtbot, ctx)
    assert not page.overview.enrolled
    assert "not enrolled" in page.platform_label.text()
    assert not page.sync_button.isEnabled()


def _dialog(qtbot, win) -> EndOfShiftDialog:
    qtbot.waitUntil(
        lambda: (
            win.findChild(EndOfShiftDialog, "end_of_shift") is not None
            and win.findChild(EndOfShiftDialog, "end_of_shift").isVisible()
        )
    )
    return win.findChild(EndOfShiftDialog, "end_of_shift")


def test_logout_offers_sync_and_lists_what_stays(qtbot, main_window, enrolled):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    add_properties(win.ctx, 2)
    kinds = unacknowledged_by_kind(win.ctx.db)
    assert kinds["property"] >= 2

    win.logout()
    dlg = _dialog(qtbot, win)
    assert win.session is not None  # not logged out yet
    body = dlg.body.text()
    assert f"{kinds['property']} rental properties" in body
    if "person" in kinds:
        assert f"{kinds['person']} residents" in body
    assert "stay on this desk" in body
    assert dlg.sync_button.isVisible() and dlg.leave_button.isVisible()

    qtbot.mouseClick(dlg.cancel_button, Qt.MouseButton.LeftButton)  # "Cancel": nothing happens
    qtbot.waitUntil(lambda: not dlg.isVisible())
    qtbot.wait(20)
    assert win.session is not None

    win.logout()
    dlg = _dialog(qtbot, win)
    qtbot.mouseClick(dlg.sync_button, Qt.MouseButton.LeftButton)  # sync first, then log out
    qtbot.waitUntil(lambda: win.session is None, timeout=30_000)
    assert waiting(win.station.db) == 0
    assert win.screens.currentWidget() is win.login_screen

    window_login(qtbot, win, Role.OFFICER)  # nothing waiting: logout goes straight through
    win.logout()
    qtbot.wait(50)
    assert win.session is None and win.findChild(EndOfShiftDialog, "end_of_shift") is None


def test_close_with_changes_left_behind(qtbot, main_window, enrolled):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    add_properties(win.ctx, 1)
    win.close()
    dlg = _dialog(qtbot, win)
    assert win.isVisible()
    assert "close the workstation" in dlg.body.text()
    n = waiting(win.station.db)
    qtbot.mouseClick(dlg.leave_button, Qt.MouseButton.LeftButton)  # close without syncing
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=5_000)
    assert waiting(win.station.db) == n  # nothing lost: still waiting on this desk


def test_f5_runs_the_sync_page(qtbot, main_window, enrolled):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    add_properties(win.ctx, 1)
    page = win.session.pages["sync"]
    assert isinstance(page, SyncPage)
    qtbot.keyClick(win, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.last_result is not None and not page.syncing, timeout=30_000)
    assert waiting(win.station.db) == 0
    assert "Sync done: 1 change sent" in win.message_bar.label.text()
    assert win.session.current_page is not page  # F5 works from any page


def test_sync_page_screenshots(qtbot, main_window, enrolled, shoot, switch_language):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    add_properties(win.ctx, 3)
    page = win.show_page("sync")
    qtbot.waitUntil(lambda: page.overview is not None and not page._refreshing, timeout=10_000)
    written = shoot(win, "sync-page-waiting", prepare=lambda: None)
    enrolled.stop()  # the platform goes away: the page shows the error and the next try
    page.sync_now()
    qtbot.waitUntil(lambda: not page.syncing, timeout=60_000)
    qtbot.waitUntil(
        lambda: page.overview is not None and not page._refreshing and page.error_box.isVisible(), timeout=10_000
    )
    written += shoot(win, "sync-page-error")
    enrolled.start(enrolled.last_port)
    win.logout()
    dlg = _dialog(qtbot, win)
    written += shoot(dlg, "end-of-shift", sizes=None)
    switch_language("zh_CN")
    qtbot.wait(20)
    assert "收班" in dlg.windowTitle() or "同步" in dlg.windowTitle()
    assert "中心平台" in page.heading.text()
    dlg.leave()
    qtbot.waitUntil(lambda: win.session is None, timeout=5_000)
    assert all(p.stat().st_size > 5000 for p in written)


# ---- conflicts, freeze warnings, offline transfer (issue 12 item 1, rest) ------------------------------------
def _conflict(ctx, platform) -> str:
    """A property synced, then changed on the platform and here from the same version: a conflict."""
    (pid,) = add_properties(ctx, 1)
    client = sc.SyncClient(ctx.db)
    try:
        client.sync()
        platform.central.edit_record("property", pid, {"address": "平台修改的地址"})  # platform now at v2
        ctx.desk.housing.update_property(pid, base_version=1, address="本站修改的地址")  # ours v2 from v1
        assert client.sync().conflicts == 1
    finally:
        client.close()
    return pid


def _audit_actions(db, action):
    from workstation.storage.schema import AuditEvent

    with db.read() as s:
        return list(s.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars())


def test_conflict_shown_side_by_side_and_decided(qtbot, qtmodeltester, ctx, enrolled):
    from workstation.ui.screens.sync.conflicts import ConflictDialog

    pid = _conflict(ctx, enrolled)
    page = open_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)
    assert page.conflicts_table.isVisible() and page.compare_button.isVisible()
    assert "Not applied by the platform" in page.conflicts_label.text() and ": 1 change." in page.conflicts_label.text()
    qtmodeltester.check(page.conflicts_model, force_py=True)
    assert page.conflicts_model.row(0).record_id == pid

    dlg = page.open_conflict(0)
    assert isinstance(dlg, ConflictDialog)
    qtbot.waitUntil(lambda: dlg.comparison is not None, timeout=20_000)
    qtmodeltester.check(dlg.model, force_py=True)
    rows = {dlg.model.row(i).name: dlg.model.row(i) for i in range(dlg.model.rowCount())}
    assert rows["address"].station == "本站修改的地址" and rows["address"].platform == "平台修改的地址"
    assert rows["address"].differs and dlg.model.row(0).differs  # what differs comes first
    assert not rows["grid_code"].differs
    assert "version 2" in dlg.model.headerData(1, Qt.Orientation.Horizontal)
    assert "version 2" in dlg.model.headerData(2, Qt.Orientation.Horizontal)
    assert dlg.missing.isHidden()
    assert [e.target_id for e in _audit_actions(ctx.db, "sync.conflict.compare")] == [pid]  # an audited read

    assert dlg.platform_button.isEnabled() and dlg.station_button.isEnabled()
    assert dlg.platform_button.text() == "Accept the platform's version"

    dlg.note.setText("与房东电话核实")
    qtbot.mouseClick(dlg.platform_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.decided == "platform", timeout=20_000)
    assert dlg.comparison is None and dlg.model.rowCount() == 0  # the copies are not kept
    assert dlg.resolution.outcome == "took_platform"
    record = ctx.desk.housing.get_property(pid)
    assert record.address == "平台修改的地址" and record.version == 3  # written here, version bumped
    assert sc.status(ctx.db).open_conflicts == 0 and waiting(ctx.db) == 1  # the decision goes to the platform
    (ev,) = _audit_actions(ctx.db, "sync.conflict.resolve")
    assert ev.target_id == pid and "platform's version" in ev.details and "房东" in ev.details
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 0 and page.conflicts_table.isHidden(), timeout=10_000)
    assert page.decision_box.isVisible() and "now stored here (version 3)" in page.decision_box.text()

    page.sync_now()  # the next sync converges: both sides hold the platform's values at version 3
    qtbot.waitUntil(lambda: not page.syncing and page.overview is not None and page.overview.waiting == 0,
                    timeout=30_000)
    assert page.decision_box.isHidden() and page.conflicts_model.rowCount() == 0
    _assert_same_on_both_sides(ctx, "property", pid, address="平台修改的地址", version=3)


def _assert_same_on_both_sides(ctx, record_type, record_id, *, version, deleted=False, **values):
    from workstation.storage import outbox
    from workstation.storage.schema import SYNCABLE

    client = sc.SyncClient(ctx.db)
    try:
        copy = client.platform_record(record_type, record_id)
    finally:
        client.close()
    with ctx.db.read() as s:
        local = s.get(SYNCABLE[record_type], record_id)
        ours = {k: v for k, v in outbox.record_payload(local).items() if k not in outbox.NOT_FROM_PAYLOAD}
    theirs = {k: v for k, v in copy.payload.items() if k not in outbox.NOT_FROM_PAYLOAD}
    assert theirs == ours
    assert copy.version == local.version == version and copy.deleted == deleted == (local.deleted_at is not None)
    for k, v in values.items():
        assert ours[k] == v


def test_conflict_kept_through_the_dialog_reaches_the_platform(qtbot, ctx, enrolled):
    pid = _conflict(ctx, enrolled)
    page = open_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)
    dlg = page.open_conflict(0)
    qtbot.waitUntil(lambda: dlg.comparison is not None, timeout=20_000)
    qtbot.mouseClick(dlg.station_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.decided == "station", timeout=20_000)
    assert ctx.desk.housing.get_property(pid).address == "本站修改的地址"
    assert "the next sync sends it to the platform" in page.decision_box.text()
    page.sync_now()
    qtbot.waitUntil(lambda: not page.syncing and page.overview is not None and page.overview.waiting == 0,
                    timeout=30_000)
    _assert_same_on_both_sides(ctx, "property", pid, address="本站修改的地址", version=3)


def test_conflict_over_a_record_the_platform_deleted_says_what_each_choice_does(qtbot, ctx, enrolled):
    pid = _conflict(ctx, enrolled)
    enrolled.central.delete_record("property", pid)  # the platform's staff delete it (version 3)
    page = open_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)
    dlg = page.open_conflict(0)
    qtbot.waitUntil(lambda: dlg.comparison is not None, timeout=20_000)
    assert dlg.missing.isVisible() and "The platform has deleted this record" in dlg.missing.text()
    assert dlg.platform_button.text() == "Accept: delete it here too"
    assert dlg.station_button.text() == "Keep: restore it on the platform"
    assert "deleted" in dlg.model.headerData(2, Qt.Orientation.Horizontal)
    qtbot.mouseClick(dlg.platform_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.decided == "platform", timeout=20_000)
    assert "deleted here too" in page.decision_box.text()
    from workstation.errors import NotFound

    with pytest.raises(NotFound):
        ctx.desk.housing.get_property(pid)
    page.sync_now()
    qtbot.waitUntil(lambda: not page.syncing and page.overview is not None and page.overview.waiting == 0,
                    timeout=30_000)
    _assert_same_on_both_sides(ctx, "property", pid, version=4, deleted=True)


def test_platform_moved_while_the_dialog_was_open_reloads_and_decides_nothing(qtbot, ctx, enrolled):
    pid = _conflict(ctx, enrolled)
    page = open_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)
    dlg = page.open_conflict(0)
    qtbot.waitUntil(lambda: dlg.comparison is not None, timeout=20_000)
    enrolled.central.edit_record("property", pid, {"address": "平台第二次修改"})
    dlg.decide("platform")
    qtbot.waitUntil(lambda: dlg.error.isVisible(), timeout=20_000)
    assert "Nothing was decided" in dlg.error.text() and "version 3" in dlg.error.text()
    qtbot.waitUntil(lambda: dlg.comparison is not None and dlg.platform_button.isEnabled(), timeout=20_000)
    assert "version 3" in dlg.model.headerData(2, Qt.Orientation.Horizontal)
    assert not dlg.decided and ctx.desk.housing.get_property(pid).address == "本站修改的地址"
    dlg.decide("platform")
    qtbot.waitUntil(lambda: dlg.decided == "platform", timeout=20_000)
    assert ctx.desk.housing.get_property(pid).address == "平台第二次修改"


def test_another_stations_record_offers_only_withdrawing(qtbot, ctx, enrolled):
    pid = _conflict(ctx, enrolled)
    enrolled.central.transfer_record("property", pid, "440305999", reason="moved")
    page = open_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)
    dlg = page.open_conflict(0)
    qtbot.waitUntil(lambda: dlg.comparison is not None, timeout=20_000)
    assert dlg.platform_button.text() == "Withdraw this station's change" and dlg.platform_button.isEnabled()
    assert dlg.station_button.isHidden()
    assert "only withdraw" in dlg.missing.text()
    qtbot.mouseClick(dlg.platform_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.decided == "platform", timeout=20_000)
    assert "left as it is" in page.decision_box.text()
    assert ctx.desk.housing.get_property(pid).address == "本站修改的地址"


def test_platform_copy_of_another_stations_record_is_not_shown(ctx, enrolled):
    pid = _conflict(ctx, enrolled)
    enrolled.central.transfer_record("property", pid, "440305999", reason="moved")
    (c,) = ctx.desk.conflicts.open()
    client = sc.SyncClient(ctx.db)
    try:
        comparison = ctx.desk.conflicts.compare(c.id, client=client)
    finally:
        client.close()
    assert comparison.platform is None and "another station" in comparison.platform_missing
    assert all(f.platform is None and not f.differs for f in comparison.fields)


def _set_limits(db, *, records=None, hours=None, age_hours=None):
    from datetime import timedelta

    from sqlalchemy import update

    from workstation.storage import settings
    from workstation.storage.schema import utcnow
    from workstation.sync import freeze

    with db.write() as s:
        if records is not None:
            settings.set(s, freeze.COUNT_KEY, records)
        if hours is not None:
            settings.set(s, freeze.AGE_KEY, hours)
        if age_hours is not None:
            s.execute(update(OutboxEntry).values(created_at=utcnow() - timedelta(hours=age_hours)))


def test_freeze_warning_shown_before_it_blocks(qtbot, main_window, ui_station):
    from workstation.sync import freeze

    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    ctx = win.ctx
    n = waiting(ctx.db) + 4
    _set_limits(ctx.db, records=n + 1)  # four more changes: 80 % of the limit, not blocked
    add_properties(ctx, 4)
    page = win.show_page("sync")
    refreshed(qtbot, page)
    with ctx.db.read() as s:
        assert not freeze.evaluate(s).frozen  # registration still open...
    assert page.freeze_box.isVisible()  # ...and the warning is already there
    assert f"once more than {n + 1} changes wait" in page.freeze_box.text()
    assert f"{n} changes waiting (limit {n + 1})" in page.freeze_box.text()
    win.refresh_sync_state()
    qtbot.waitUntil(lambda: "⚠" in win.sync_label.text(), timeout=10_000)
    assert f"{n} of {n + 1} changes waiting" in win.sync_label.text()

    _set_limits(ctx.db, records=10_000, hours=10, age_hours=9)  # by age: 9 of 10 hours
    refreshed(qtbot, page)
    assert "will be blocked at" in page.freeze_box.text() and "in 1.0 hours" in page.freeze_box.text()
    assert "9.0 hours old (limit 10 hours)" in page.freeze_box.text()

    add_properties(ctx, 0)
    _set_limits(ctx.db, age_hours=11)  # past the limit: blocked, and said so
    refreshed(qtbot, page)
    assert "New registrations are blocked" in page.freeze_box.text()
    assert page.freeze_box.styleSheet() != page.error_box.styleSheet()  # red, not the warning's yellow
    win.refresh_sync_state()
    qtbot.waitUntil(lambda: "registration blocked" in win.sync_label.text(), timeout=10_000)


def test_offline_transfer_through_the_page(qtbot, ctx, enrolled, tmp_path):
    from workstation.central.service import import_folder

    add_properties(ctx, 5)
    total = waiting(ctx.db)
    page = open_page(qtbot, ctx)
    stick = tmp_path / "usb"
    assert page.import_receipts(stick) is None and "No receipts" in page.transfer_label.text()
    reports: list[tuple[int, int | None]] = []
    handle = page.export_batches(stick)
    assert handle is not None and page.transferring and not page.export_button.isEnabled()
    inner = handle.token._progress
    handle.token._progress = lambda d, t, x: (reports.append((d, t)), inner(d, t, x))
    qtbot.waitUntil(lambda: not page.transferring, timeout=20_000)
    files = sorted(stick.glob("*.wsb"))
    assert files and f"{len(files)} sealed batch{'' if len(files) == 1 else 'es'} written" in page.transfer_label.text()
    written, errors = import_folder(enrolled.central, stick)  # at the platform's office
    assert written == len(files) and not errors
    page.import_receipts(stick)
    qtbot.waitUntil(lambda: not page.transferring, timeout=20_000)
    assert f"{len(files)} batch{'' if len(files) == 1 else 'es'} acknowledged" in page.transfer_label.text()
    assert waiting(ctx.db) == 0 and total > 0
    assert _audit_actions(ctx.db, "sync.offline_export") and _audit_actions(ctx.db, "sync.offline_import")
    qtbot.waitUntil(lambda: page.overview is not None and page.overview.waiting == 0 and not page._refreshing,
                    timeout=10_000)


def test_offline_transfer_to_an_unusable_folder_says_so(qtbot, ctx, enrolled, tmp_path):
    add_properties(ctx, 1)
    page = open_page(qtbot, ctx)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    page.export_batches(blocker / "usb")
    qtbot.waitUntil(lambda: not page.transferring, timeout=20_000)
    assert "did not finish" in page.transfer_label.text() and "folder could not be used" in page.transfer_label.text()


def test_conflicts_freeze_and_transfer_screenshots(qtbot, main_window, enrolled, shoot, switch_language):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    _conflict(win.ctx, enrolled)
    add_properties(win.ctx, 3)
    _set_limits(win.ctx.db, records=10_000, hours=10, age_hours=8.5)
    page = win.show_page("sync")
    refreshed(qtbot, page)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)
    win.refresh_sync_state()
    qtbot.waitUntil(lambda: "⚠" in win.sync_label.text(), timeout=10_000)
    written = shoot(win, "sync-page-conflict-freeze")

    from workstation.ui.screens.sync.conflicts import ConflictDialog

    def make():
        dlg = ConflictDialog(win.ctx, page.conflicts_model.row(0), parent=win)
        dlg.resize(900, 560)
        qtbot.waitUntil(lambda: dlg.comparison is not None, timeout=20_000)
        return dlg

    written += shoot.made(make, "conflict-dialog")
    assert all(p.stat().st_size > 5000 for p in written)


def test_conflict_over_a_deleted_record_and_decision_screenshots(qtbot, main_window, enrolled, shoot, switch_language):
    from workstation.ui.screens.sync.conflicts import ConflictDialog

    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    pid = _conflict(win.ctx, enrolled)
    enrolled.central.delete_record("property", pid)
    page = win.show_page("sync")
    refreshed(qtbot, page)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)

    def make():
        dlg = ConflictDialog(win.ctx, page.conflicts_model.row(0), parent=win)
        dlg.resize(900, 560)
        qtbot.waitUntil(lambda: dlg.comparison is not None, timeout=20_000)
        return dlg

    written = shoot.made(make, "conflict-dialog-platform-deleted")
    dlg = page.open_conflict(0)
    qtbot.waitUntil(lambda: dlg.comparison is not None, timeout=20_000)
    dlg.decide("station")
    qtbot.waitUntil(lambda: dlg.decided == "station", timeout=20_000)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 0, timeout=10_000)
    assert "restores it there" in page.decision_box.text()
    written += shoot(win, "sync-page-conflict-decided")
    switch_language("zh_CN")
    assert "冲突已处理" in page.decision_box.text()
    assert all(p.stat().st_size > 5000 for p in written)


def test_held_refused_and_superseded_changes_in_words(qtbot, qtmodeltester, ctx, enrolled, switch_language):
    """A change of a record with an undecided conflict is held (not sent, counted as held); the refused
    change waits for the decision; once decided it reads 'superseded by a conflict decision', apart from
    the changes the platform acknowledged, in both languages."""
    from workstation.i18n import render
    from workstation.ui.screens.sync.model import state_label

    pid = _conflict(ctx, enrolled)
    ctx.desk.housing.update_property(pid, base_version=2, landlord_phone="13800138002")  # version 3, held
    page = open_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(page.model, force_py=True)
    assert (shown_count(page, "held"), shown_count(page, "refused"), shown_count(page, "unbatched")) == (1, 1, 0)
    assert shown_count(page, "acknowledged") == 1  # the create; the refused change is not counted there
    assert "Later changes of these records held until you decide: 1 " in page.conflicts_label.text()
    m = page.model
    labels = {m.data(m.index(r, 0), Qt.ItemDataRole.UserRole): m.data(m.index(r, 0)) for r in range(m.rowCount())}
    assert labels["held"] == "Held by a conflict (sent with the decision)"
    assert m.data(m.index(list(labels).index("held"), 1)) == ""  # a change's state: no batch count

    page.sync_now()  # the held change stays here
    qtbot.waitUntil(lambda: not page.syncing and page.overview is not None and not page._refreshing,
                    timeout=30_000)
    refreshed(qtbot, page)
    assert shown_count(page, "held") == 1
    from workstation.central.store import Record

    with enrolled.central.store.sessions() as s:
        assert s.get(Record, ("property", pid)).version == 2  # the platform's edit stands

    dlg = page.open_conflict(0)
    qtbot.waitUntil(lambda: dlg.comparison is not None, timeout=20_000)
    qtbot.mouseClick(dlg.platform_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.decided == "platform", timeout=20_000)
    refreshed(qtbot, page)
    assert shown_count(page, "decided") == 1 and shown_count(page, "acknowledged") == 1
    with pytest.raises(KeyError):
        shown_count(page, "held")  # replaced by the decision
    assert state_label("decided") == "Superseded by a conflict decision (never applied by the platform)"
    switch_language("zh_CN")
    assert state_label("decided") == render(sc.state_label("decided"), "zh_CN") != sc.state_label("decided")
    row = next(r for r in range(m.rowCount()) if m.data(m.index(r, 0), Qt.ItemDataRole.UserRole) == "decided")
    assert m.data(m.index(row, 0)) == "已被冲突处理结果取代（平台从未采用）"


def test_end_of_shift_says_what_waits_for_a_conflict_decision(qtbot, main_window, enrolled, shoot):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    pid = _conflict(win.ctx, enrolled)
    win.ctx.desk.housing.update_property(pid, base_version=2, landlord_phone="13800138003")  # held
    win.logout()
    dlg = _dialog(qtbot, win)
    assert "<li>1 rental property</li>" in dlg.body.text()  # one record, two changes (refused and held)
    assert "It waits for your decision on a sync conflict (Sync page); a sync sends it only after you decide." \
        in dlg.body.text()
    assert "next sync" not in dlg.body.text()  # not also "sent at the next sync"
    assert dlg.sync_button.isHidden() and dlg.leave_button.text() == "Log out"  # a sync cannot send it
    assert all(p.stat().st_size > 5000 for p in shoot(dlg, "end-of-shift-waiting-for-a-decision", sizes=None))
    assert win.session is not None  # not logged out: "log out" / "stay logged in"
    dlg.leave()
    qtbot.waitUntil(lambda: win.session is None, timeout=5_000)


def test_held_and_superseded_screenshots(qtbot, main_window, enrolled, shoot, switch_language):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    pid = _conflict(win.ctx, enrolled)
    win.ctx.desk.housing.update_property(pid, base_version=2, landlord_phone="13800138004")  # held
    page = win.show_page("sync")
    refreshed(qtbot, page)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)
    written = shoot(win, "sync-page-held-by-conflict")
    dlg = page.open_conflict(0)
    qtbot.waitUntil(lambda: dlg.comparison is not None, timeout=20_000)
    dlg.decide("platform")
    qtbot.waitUntil(lambda: dlg.decided == "platform", timeout=20_000)
    refreshed(qtbot, page)
    written += shoot(win, "sync-page-superseded")
    win.logout()
    end = _dialog(qtbot, win)
    written += shoot(end, "end-of-shift-after-decision", sizes=None)
    end.leave()
    qtbot.waitUntil(lambda: win.session is None, timeout=5_000)
    assert all(p.stat().st_size > 5000 for p in written)
