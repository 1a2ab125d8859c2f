"""The audit viewer names residents as the rest of the desk does (name and masked ID number, never a record
id) in the About column and in the person filter; logging out, locking and unlocking are in the trail; the
Outcome column's title is not clipped in English. Real widgets over a real encrypted station."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from sqlalchemy import select

from conftest import authenticate, window_login
from workstation.domain.enums import Role
from workstation.storage import operators
from workstation.storage.schema import AuditEvent
from workstation.ui.screens.audit import AuditPage

_UUID_PART = re.compile(r"[0-9a-f]{8}")


def open_page(qtbot, ctx) -> AuditPage:
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    page.on_shown()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page.model.busy, timeout=10_000)
    return page


def _about(page, row: int) -> str:
    m = page.model
    return m.data(m.index(row, m.COLUMNS.index("target")))


def _resident(officer):
    r = officer.desk.residents.find("", limit=1).items[0]
    officer.desk.residents.get(r.id)  # person.read about that resident
    return r


def test_rows_and_filter_name_the_resident_not_the_record_id(qtbot, login):
    officer, admin = login(Role.OFFICER), login(Role.ADMIN)
    r = _resident(officer)
    assert r.id_number_masked and "*" in r.id_number_masked
    page = open_page(qtbot, admin)  # an administrator: may read the trail, not look residents up
    row = next(i for i in range(page.model.rowCount()) if page.model.row(i).target_id == r.id)
    about = _about(page, row)
    assert r.name in about and r.id_number_masked in about
    assert r.id[:8] not in about and not _UUID_PART.search(about)

    page.table.doubleClicked.emit(page.model.index(row, 0))  # the row's resident becomes the filter
    qtbot.waitUntil(lambda: page.model.query.target_id == r.id and not page.model.busy, timeout=10_000)
    assert page.person_box.text() == f"{r.name} {r.id_number_masked}"

    page.clear_person()
    page.person_box.setText(r.id)  # a pasted record id: the filter then shows whom it is
    page.find_person()
    qtbot.waitUntil(lambda: page.model.query.target_id == r.id and not page.model.busy, timeout=10_000)
    qtbot.waitUntil(lambda: page.person_box.text() == f"{r.name} {r.id_number_masked}", timeout=10_000)


def test_property_rows_show_the_address(qtbot, login):
    officer, supervisor = login(Role.OFFICER), login(Role.SUPERVISOR)
    prop = officer.desk.housing.create_property(address="深圳市南山区审计路9号", grid_code="G01")
    page = open_page(qtbot, supervisor)
    row = next(i for i in range(page.model.rowCount()) if page.model.row(i).target_id == prop.id)
    assert "审计路9号" in _about(page, row) and prop.id[:8] not in _about(page, row)


def _session_events(db, username) -> list[str]:
    with db.read() as s:
        return list(
            s.execute(
                select(AuditEvent.action)
                .where(AuditEvent.actor == username, AuditEvent.action.in_(("login", "unlock", "logout", "lock",
                                                                            "lock.idle")))
                .order_by(AuditEvent.seq)
            ).scalars()
        )


def test_logout_lock_and_unlock_are_in_the_trail(qtbot, main_window):
    win = main_window
    db = win.station.db
    window_login(qtbot, win, Role.OFFICER)
    win.lock()
    qtbot.waitUntil(lambda: _session_events(db, "officer1")[-1:] == ["lock"], timeout=10_000)
    window_login(qtbot, win, Role.OFFICER)  # the lock screen: the same operator unlocks
    qtbot.waitUntil(lambda: _session_events(db, "officer1")[-1:] == ["unlock"], timeout=10_000)
    win._on_idle()  # the idle time ran out
    qtbot.waitUntil(lambda: _session_events(db, "officer1")[-1:] == ["lock.idle"], timeout=10_000)
    window_login(qtbot, win, Role.OFFICER)
    win.logout()
    qtbot.waitUntil(lambda: _session_events(db, "officer1")[-1:] == ["logout"], timeout=10_000)
    assert _session_events(db, "officer1") == ["login", "lock", "unlock", "lock.idle", "unlock", "logout"]

    window_login(qtbot, win, Role.SUPERVISOR)  # the supervisor reads it in words, under "Logins and unlocking"
    page = win.show_page("audit")
    page.kind_box.setCurrentIndex(page.kind_box.findData("sign_in"))
    with qtbot.waitSignal(page.model.searched, timeout=10_000):
        page.apply_filters()
    qtbot.waitUntil(lambda: not page.model.busy, timeout=10_000)
    m = page.model
    events = [m.data(m.index(i, m.COLUMNS.index("event"))) for i in range(m.rowCount()) if m.row(i).actor == "officer1"]
    assert events[:5] == ["Logged out", "Unlocked the desk", "Desk locked after idle time", "Unlocked the desk",
                          "Locked the desk"]


def test_quitting_with_sessions_open_records_their_logout(qtbot, tmp_path, languages):
    """`ui.app.Startup.shutdown`: the app closed with a session open is that operator's logout."""
    from helpers import MemoryKeyring, make_station
    from workstation.storage import station
    from workstation.ui.app import Startup

    kr = MemoryKeyring()
    make_station(tmp_path / "st", backend=kr).db.close()
    s = Startup(data_dir=tmp_path / "st", demo=False, languages=languages, keyring_backend=kr, devices=None,
                demo_platform=False)
    try:
        with qtbot.waitSignal(s.window_ready, timeout=20_000) as ready:
            s.start()
        window_login(qtbot, ready.args[0], Role.ADMIN)
    finally:
        s.shutdown()
        s.deleteLater()
    db, _how = station.unlock(tmp_path / "st", backend=kr)
    try:
        assert _session_events(db, "admin")[-2:] == ["login", "logout"]
    finally:
        db.close()


def test_outcome_title_is_not_clipped_in_english(qtbot, login, switch_language):
    supervisor = login(Role.SUPERVISOR)
    page = open_page(qtbot, supervisor)
    header = page.table.horizontalHeader()
    col = page.model.COLUMNS.index("outcome")
    for lang in ("en", "zh_CN"):
        switch_language(lang)
        qtbot.wait(10)
        title = page.model.headerData(col, Qt.Orientation.Horizontal)
        assert header.sectionSize(col) >= header.fontMetrics().horizontalAdvance(title) + 12, (lang, title)


def test_session_events_are_only_those(ui_station):
    import pytest

    actor = authenticate(ui_station.db, Role.OFFICER)
    with pytest.raises(ValueError):
        operators.record_session_event(ui_station.db, actor, "person.read")
