"""The Sync page, the status bar and Today show the changes waiting for a conflict decision apart from
what a sync sends, and the freeze warning counts only the latter (`outbox.backlog`, `sync.freeze`). Real
widgets against the reference platform on loopback."""

from __future__ import annotations

from conftest import window_login
from workstation.domain.enums import Role
from workstation.storage import settings
from workstation.sync import client as sc
from workstation.sync import freeze


def _conflict_and_held_edit(ctx, platform) -> str:
    """A property synced; changed on the platform and here from the same version (refused: a conflict);
    then changed here once more (held behind the conflict)."""
    pid = ctx.desk.housing.create_property(address="深圳市南山区冲突路1号", grid_code="G01").id
    client = sc.SyncClient(ctx.db)
    try:
        assert client.sync().error is None
        platform.central.edit_record("property", pid, {"address": "平台修改的地址"})
        ctx.desk.housing.update_property(pid, base_version=1, address="本站修改的地址")
        assert client.sync().conflicts == 1
    finally:
        client.close()
    ctx.desk.housing.update_property(pid, base_version=2, landlord_phone="13800138009")  # held
    return pid


def test_changes_for_a_decision_shown_apart_and_not_counted_by_the_freeze(qtbot, main_window, enrolled, shoot):
    win = main_window
    window_login(qtbot, win, Role.OFFICER)
    ctx = win.ctx
    _conflict_and_held_edit(ctx, enrolled)
    with ctx.db.write() as s:
        settings.set(s, freeze.COUNT_KEY, 1)  # the two waiting for the decision would pass this limit

    page = win.show_page("sync")
    page.overview = None
    page.refresh()
    qtbot.waitUntil(lambda: page.overview is not None and not page._refreshing, timeout=10_000)
    qtbot.waitUntil(lambda: page.conflicts_model.rowCount() == 1, timeout=10_000)
    ov = page.overview
    assert (ov.waiting, ov.for_decision, ov.freeze.waiting, ov.freeze.for_decision) == (2, 2, 0, 2)
    assert "2 changes waiting for the central platform" in page.summary.text()
    assert "Of these, waiting for your decision on a sync conflict (below), not for a sync: 2." \
        in page.summary.text()
    assert page.freeze_box.isHidden()  # nothing a sync could send: no warning, no block
    win.refresh_sync_state()
    qtbot.waitUntil(lambda: "(2 for a conflict decision)" in win.sync_label.text(), timeout=10_000)
    assert win.sync_label.text().startswith("⇅ 2 changes waiting (2 for a conflict decision)")
    assert "⚠" not in win.sync_label.text()

    ctx.desk.housing.create_property(address="深圳市南山区冲突路2号", grid_code="G01")  # one a sync sends
    page.overview = None
    page.refresh()
    qtbot.waitUntil(lambda: page.overview is not None and not page._refreshing, timeout=10_000)
    assert (page.overview.waiting, page.overview.freeze.waiting) == (3, 1)
    assert page.freeze_box.isVisible() and "1 change waiting (limit 1)" in page.freeze_box.text()
    win.refresh_sync_state()
    qtbot.waitUntil(lambda: "⚠" in win.sync_label.text(), timeout=10_000)
    assert "(2 for a conflict decision)" in win.sync_label.text() and "1 of 1 change waiting" in win.sync_label.text()
    written = shoot(win, "sync-page-for-a-decision")

    today = win.show_page("today")
    qtbot.waitUntil(lambda: today.dashboard is not None and not today.stale, timeout=20_000)
    qtbot.waitUntil(lambda: "(2 for a conflict decision)" in today.charts["backlog"].summary.text(), timeout=20_000)
    assert today.charts["backlog"].summary.text().startswith("3 waiting now")
    assert all(p.stat().st_size > 5000 for p in written)
