"""The audit viewer on real widgets over a real encrypted station: the lazily loaded trail (qtmodeltester),
filters by operator, person, event kind and date range, "verify chain" naming a row tampered with
through a raw connection, and the export (a private CSV file and an audit event of its own)."""

from __future__ import annotations

import csv
import os
import stat
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import func, select

from conftest import window_login
from workstation.domain.enums import Role
from workstation.domain.permissions import Permission
from workstation.errors import PermissionDenied
from workstation.storage import audit
from workstation.storage.schema import AuditEvent
from workstation.ui.screens.audit import AuditPage
from workstation.ui.screens.audit.model import AuditQuery, AuditTrailModel


def fill(ctx, n: int) -> None:
    """`n` audit rows by the officer (real audited reads) and one change."""
    for i in range(n):
        ctx.desk.residents.find(f"张{i}", limit=5)


def open_page(qtbot, ctx) -> AuditPage:
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 720)
    page.show()
    page.on_shown()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page.model.busy, timeout=10_000)
    return page


def searched(qtbot, page) -> None:
    with qtbot.waitSignal(page.model.searched, timeout=10_000):
        page.apply_filters()
    qtbot.waitUntil(lambda: not page.model.busy, timeout=10_000)


def shown(page) -> list:
    return [page.model.row(i) for i in range(page.model.rowCount())]


def max_seq(db) -> int:
    with db.read() as s:
        return int(s.execute(select(func.max(AuditEvent.seq))).scalar_one())


def test_model_passes_qtmodeltester_and_fetches_more(qtbot, qtmodeltester, login):
    officer, supervisor = login(Role.OFFICER), login(Role.SUPERVISOR)
    fill(officer, 30)
    model = AuditTrailModel(supervisor, page_size=10)
    qtmodeltester.check(model, force_py=True)  # empty; the tester stays connected for what follows
    with qtbot.waitSignal(model.searched, timeout=10_000):
        model.search(AuditQuery())
    qtbot.waitUntil(lambda: not model.busy)
    assert model.rowCount() == 10 and model.canFetchMore()
    seqs = [model.row(i).seq for i in range(10)]
    assert seqs == sorted(seqs, reverse=True)  # newest first
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 20 and not model.busy, timeout=10_000)
    assert [model.row(i).seq for i in range(20)] == sorted({model.row(i).seq for i in range(20)}, reverse=True)
    model.retranslate()
    model.clear()
    assert model.rowCount() == 0


def test_filters_operator_kind_person_and_dates(qtbot, login):
    officer, supervisor = login(Role.OFFICER), login(Role.SUPERVISOR)
    pid = officer.desk.residents.find("", limit=1).items[0].id
    officer.desk.residents.get(pid)  # person.read about that resident
    fill(officer, 3)
    page = open_page(qtbot, supervisor)
    assert {r.actor for r in shown(page)} >= {"officer1", "supervisor1"}

    qtbot.waitUntil(lambda: page.actor_box.findText("officer1") > 0, timeout=10_000)  # operators loaded
    page.actor_box.setCurrentIndex(page.actor_box.findText("officer1"))
    searched(qtbot, page)
    assert shown(page) and {r.actor for r in shown(page)} == {"officer1"}

    page.kind_box.setCurrentIndex(page.kind_box.findData("read"))
    searched(qtbot, page)
    actions = {r.action for r in shown(page)}
    assert actions and all(a.split(".")[-1] in ("read", "search", "rows", "list", "count") for a in actions)
    assert "person.search" in actions

    page.person_box.setText(pid)  # a record id is taken as it is
    page.find_person()
    qtbot.waitUntil(lambda: page.model.query.target_id == pid and not page.model.busy, timeout=10_000)
    assert [r.action for r in shown(page)] == ["person.read"] and shown(page)[0].target_id == pid
    assert page.person_clear.isVisible() and page.person_box.isReadOnly()

    page.reset_filters()
    qtbot.waitUntil(lambda: page.model.query == AuditQuery() and not page.model.busy, timeout=10_000)
    tomorrow = date.today() + timedelta(days=1)
    page.from_box.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    searched(qtbot, page)
    assert page.model.rowCount() == 0 and "No event" in page.status.text()
    page.from_box.setDate(QDate.currentDate())
    page.to_box.setDate(QDate.currentDate())
    searched(qtbot, page)
    assert page.model.rowCount() > 0


def test_person_filter_by_name_offers_the_matches(qtbot, login):
    officer, supervisor = login(Role.OFFICER), login(Role.SUPERVISOR)
    rows = officer.desk.residents.find("", limit=40).items
    surname = next(r.name[0] for r in rows if sum(1 for o in rows if o.name[:1] == r.name[:1]) > 1)
    page = open_page(qtbot, supervisor)
    page.person_box.setText(surname)
    page.find_person()
    qtbot.waitUntil(lambda: page.person_choice.isVisible(), timeout=10_000)
    assert page.person_choice.count() > 2  # "choose one of …" and the matches
    offered = [page.person_choice.itemText(i) for i in range(1, page.person_choice.count())]
    assert all("*" in text for text in offered if any(c.isdigit() for c in text.split()[-2]))  # masked numbers
    pid = page.person_choice.itemData(1)
    page.choose_person(pid)
    qtbot.waitUntil(lambda: page.model.query.target_id == pid and not page.model.busy, timeout=10_000)
    page.person_box.setReadOnly(False)
    page.clear_person()
    page.person_box.setText("无此人姓名无此人")
    page.find_person()
    qtbot.waitUntil(lambda: page.person_error.isVisible(), timeout=10_000)
    assert "No resident" in page.person_error.text()


def _tamper(db, seq: int) -> None:
    """A raw edit of one audit row, past its append-only guard (tests/storage/test_audit.py)."""
    conn = db.raw_connection()
    conn.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    conn.execute("UPDATE audit_event SET details = 'nothing happened here' WHERE seq = ?", (seq,))
    conn.close()


def test_verify_chain_names_the_tampered_row(qtbot, login):
    officer, supervisor = login(Role.OFFICER), login(Role.SUPERVISOR)
    fill(officer, 5)
    page = open_page(qtbot, supervisor)
    handle = page.verify_chain()
    assert handle is not None
    qtbot.waitUntil(lambda: page.last_verify is not None, timeout=30_000)
    assert page.last_verify.ok and "intact" in page.verify_box.text()
    assert page.verify_box.isVisible() and not page.show_broken.isVisible()

    target = max_seq(supervisor.db) - 4
    _tamper(supervisor.db, target)
    page.verify_chain()
    qtbot.waitUntil(lambda: page.last_verify is not None and page.verify_button.isEnabled(), timeout=30_000)
    res = page.last_verify
    assert not res.ok and res.first_broken_seq == target
    assert f"row {target}" in page.verify_box.text() and "altered" in page.verify_box.text()
    assert page.show_broken.isVisible()
    # the list jumps to that row, marked
    qtbot.waitUntil(lambda: page.model.query.upto_seq == target and not page.model.busy, timeout=10_000)
    assert page.model.row(0).seq == target
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert page.table.selectionModel().isRowSelected(0)
    # the check is itself audited, with its outcome
    with supervisor.db.read() as s:
        last = s.execute(
            select(AuditEvent).where(AuditEvent.action == "audit.verify").order_by(AuditEvent.seq.desc()).limit(1)
        ).scalar_one()
    assert last.outcome == "broken" and f"first broken row {target}" in last.details


def test_verify_reports_progress_and_cancels(login):
    from workstation.errors import Cancelled
    from workstation.ui.tasks import CancelToken

    officer, supervisor = login(Role.OFFICER), login(Role.SUPERVISOR)
    with officer.db.write() as s:
        for i in range(2 * audit.VERIFY_STEP + 10):
            audit.record(s, actor="tester", action="test.event", details=f"event {i}")
    reports: list[tuple[int, int | None]] = []
    token = CancelToken()
    token._progress = lambda done, total, _t: reports.append((done, total))
    assert supervisor.desk.supervision.verify_audit(progress=token).ok
    assert reports[0][0] == 0 and reports[-1][0] == reports[-1][1] == max_seq(supervisor.db) - 1
    assert len(reports) >= 3
    stop = CancelToken()
    stop._progress = lambda done, _total, _t: stop.cancel() if done else None
    with pytest.raises(Cancelled):
        supervisor.desk.supervision.verify_audit(progress=stop)


def test_export_writes_a_private_csv_and_is_audited(qtbot, login, tmp_path):
    officer, supervisor = login(Role.OFFICER), login(Role.SUPERVISOR)
    fill(officer, 4)
    page = open_page(qtbot, supervisor)
    qtbot.waitUntil(lambda: page.actor_box.findText("officer1") > 0, timeout=10_000)
    page.actor_box.setCurrentIndex(page.actor_box.findText("officer1"))
    searched(qtbot, page)
    expected = len(shown(page))
    path = tmp_path / "inspection" / "audit.csv"
    path.parent.mkdir()
    page.export_to(path)
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=10_000)
    assert page.last_export == (path, expected)
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["seq", "at_utc", "actor", "action", "target_type", "target_id", "details", "outcome"]
    assert len(rows) == expected + 1 and {r[2] for r in rows[1:]} == {"officer1"}
    with supervisor.db.read() as s:
        ev = s.execute(
            select(AuditEvent).where(AuditEvent.action == "audit.export").order_by(AuditEvent.seq.desc()).limit(1)
        ).scalar_one()
    assert ev.actor == "supervisor1" and f"{expected} rows" in ev.details and "operator officer1" in ev.details
    assert "audit.csv" in ev.details


def test_export_to_a_missing_folder_says_so(qtbot, login, tmp_path):
    supervisor = login(Role.SUPERVISOR)
    page = open_page(qtbot, supervisor)
    errors: list = []
    from workstation.ui import errors as ui_errors

    original = ui_errors.show_error
    ui_errors.show_error = lambda _w, exc: errors.append(exc)
    try:
        page.export_to(tmp_path / "no-such-folder" / "audit.csv")
        qtbot.waitUntil(lambda: bool(errors) and page.export_button.isEnabled(), timeout=10_000)
    finally:
        ui_errors.show_error = original
    assert "could not be written" in str(errors[0])


def test_role_without_read_audit_neither_sees_nor_reads(qtbot, main_window, login):
    officer = login(Role.OFFICER)
    assert not officer.can(Permission.READ_AUDIT)
    with pytest.raises(PermissionDenied):
        officer.desk.supervision.audit_trail()
    with pytest.raises(PermissionDenied):
        officer.desk.supervision.verify_audit()
    window_login(qtbot, main_window, Role.OFFICER)
    assert "audit" not in main_window.session.pages


def test_admin_filters_by_record_id(qtbot, login):
    officer, admin = login(Role.OFFICER), login(Role.ADMIN)
    pid = officer.desk.residents.find("", limit=1).items[0].id
    officer.desk.residents.get(pid)
    page = open_page(qtbot, admin)
    page.person_box.setText("张三")  # an admin may not look residents up by name
    page.find_person()
    assert page.person_error.isVisible() and "record id" in page.person_error.text()
    page.person_box.setText(pid.upper())
    page.find_person()
    qtbot.waitUntil(lambda: page.model.query.target_id == pid and not page.model.busy, timeout=10_000)
    assert {r.target_id for r in shown(page)} == {pid}


def test_audit_page_screenshots(qtbot, main_window, shoot, switch_language):
    win = main_window
    window_login(qtbot, win, Role.SUPERVISOR)
    fill(win.ctx, 3)
    page = win.show_page("audit")
    assert isinstance(page, AuditPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and not page.model.busy, timeout=10_000)
    written = shoot(win, "audit-page")
    target = max_seq(win.station.db) - 3
    _tamper(win.station.db, target)
    page.verify_chain()
    qtbot.waitUntil(lambda: page.last_verify is not None and page.verify_button.isEnabled(), timeout=30_000)
    qtbot.waitUntil(lambda: page.model.query.upto_seq == target and not page.model.busy, timeout=10_000)
    written += shoot(win, "audit-page-broken")
    switch_language("zh_CN")
    qtbot.wait(20)
    assert page.verify_box.text() and str(target) in page.verify_box.text()
    assert all(p.stat().st_size > 5000 for p in written)


def test_every_kind_filter_returns_exactly_the_rows_of_its_condition(login):
    """A kind is read as one index range per action it covers (supervision._rows): the same rows, in the
    same order, as the plain SQL condition over the whole trail, page after page."""
    from workstation.storage.areas.supervision import _COLUMNS, AUDIT_KINDS, REFUSED, _kind_condition

    officer, supervisor = login(Role.OFFICER), login(Role.SUPERVISOR)
    fill(officer, 3)
    officer.desk.housing.create_property(address="深圳市南山区审计路1号", grid_code="G01")
    with pytest.raises(PermissionDenied):
        officer.desk.supervision.audit_trail()  # a refusal is not audited here, but a failed login is:
    from workstation.errors import UserFacingError
    from workstation.storage import operators

    with pytest.raises(UserFacingError):
        operators.authenticate(supervisor.db, "officer1", "wrong password")
    for kind in (*AUDIT_KINDS, REFUSED):
        with supervisor.db.read() as s:
            expected = [r.seq for r in s.execute(
                select(*_COLUMNS).where(_kind_condition(kind)).order_by(AuditEvent.seq.desc())
            ).all()]
        got, after = [], None
        while True:
            page = supervisor.desk.supervision.audit_trail(kind=kind, after=after, limit=7)
            got += [r.seq for r in page.items]
            if page.next is None:
                break
            after = page.next
        assert got == expected, kind
    assert any(supervisor.desk.supervision.audit_trail(kind=REFUSED).items)
    with pytest.raises(ValueError):
        supervisor.desk.supervision.audit_trail(kind="nonsense")


def test_cancelled_export_leaves_the_old_file_and_no_temp_and_is_not_audited(login, tmp_path):
    """The export streams to a temporary file (`files.open_atomic`): cancelling after the first
    chunk leaves the file that was there before byte-identical, removes the temporary file and
    audits nothing."""
    from workstation.errors import Cancelled
    from workstation.storage.areas import supervision as supervision_area
    from workstation.ui.tasks import CancelToken

    officer, supervisor = login(Role.OFFICER), login(Role.SUPERVISOR)
    with officer.db.write() as s:
        for i in range(supervision_area.EXPORT_CHUNK + 10):
            audit.record(s, actor="tester", action="test.event", details=f"event {i}")
    folder = tmp_path / "usb"
    folder.mkdir()
    path = folder / "audit.csv"
    path.write_bytes(b"an earlier inspection\r\n")
    before = max_seq(supervisor.db)
    stop = CancelToken()
    stop._progress = lambda done, _total, _t: stop.cancel() if done else None
    with pytest.raises(Cancelled):
        supervisor.desk.supervision.export_audit(path, progress=stop)
    assert path.read_bytes() == b"an earlier inspection\r\n"
    assert sorted(p.name for p in folder.iterdir()) == ["audit.csv"]
    assert max_seq(supervisor.db) == before
    # and the same export, not cancelled, replaces it whole
    written = supervisor.desk.supervision.export_audit(path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) == written + 1 >= supervision_area.EXPORT_CHUNK + 11
    assert sorted(p.name for p in folder.iterdir()) == ["audit.csv"]
