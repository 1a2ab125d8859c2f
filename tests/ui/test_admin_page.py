"""The Administration page on real widgets over a real encrypted station: operators and roles,
station settings, enrollment with the reference platform on loopback, backup and purge. Every
action goes through its screen and leaves its audit event; a role without the permission neither
sees the page nor gets the core to do it."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from sqlalchemy import func, select, update

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from platform_helpers import make_platform

from conftest import window_login
from workstation.domain.enums import Role
from workstation.errors import PermissionDenied
from workstation.storage import operators, policy, retention, station
from workstation.storage.operators import LOCKED, OperatorAccount
from workstation.storage.schema import SYNCABLE, AuditEvent, Person, utcnow
from workstation.sync import client as sc
from workstation.sync import pinning
from workstation.ui.pages import visible_nav
from workstation.ui.screens.admin import AdminPage
from workstation.ui.screens.admin.models import OperatorsModel, PurgePreviewModel


def events(db, action: str) -> list[AuditEvent]:
    with db.read() as s:
        return list(s.execute(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq)).scalars())


def open_page(qtbot, ctx, tab: str = "operators") -> AdminPage:
    page = AdminPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.show_tab(tab)
    page.on_shown()
    return page


def operators_loaded(qtbot, page) -> None:
    tab = page.tab("operators")
    qtbot.waitUntil(lambda: tab.loaded and not tab._loading and not tab._again, timeout=10_000)


def open_dialog(qtbot, tab, name: str) -> QDialog:
    qtbot.waitUntil(lambda: tab.findChild(QDialog, name) is not None and tab.findChild(QDialog, name).isVisible())
    return tab.findChild(QDialog, name)


def press_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def select_operator(qtbot, tab, username: str) -> OperatorAccount:
    qtbot.waitUntil(lambda: tab.model.row_of(username) >= 0, timeout=10_000)
    tab.select(username)
    acc = tab.selected()
    assert acc is not None and acc.username == username
    return acc


def tick(qtbot, box) -> None:
    """Click a check box on its indicator (the middle of a wide box may be empty space)."""
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def note_says(qtbot, note, text: str, kind: str = "info") -> None:
    qtbot.waitUntil(lambda: note.isVisible() and text in note.text(), timeout=15_000)
    assert note.kind == kind, note.text()


# ---- models ---------------------------------------------------------------------------------------------
def test_models_pass_qtmodeltester(qtmodeltester, login):
    admin = login(Role.ADMIN)
    model = OperatorsModel()
    qtmodeltester.check(model, force_py=True)
    model.set_rows(operators.accounts(admin.db, admin.operator))
    assert model.rowCount() == 4 and model.columnCount() == 5
    qtmodeltester.check(model, force_py=True)
    model.retranslate()
    assert model.data(model.index(model.row_of("admin"), 2)) == "Administrator"

    preview = PurgePreviewModel()
    qtmodeltester.check(preview, force_py=True)
    preview.set_rows([("person", 3), ("tenancy", 2), ("outbox", 9)])
    qtmodeltester.check(preview, force_py=True)
    assert preview.total == 14
    assert preview.data(preview.index(0, 0)) == "Residents" and preview.data(preview.index(0, 1)) == "3"


# ---- operators ------------------------------------------------------------------------------------------
def test_operator_actions_work_through_the_screen_and_are_audited(qtbot, login, ui_station):
    ctx = login(Role.ADMIN)
    db = ctx.db
    page = open_page(qtbot, ctx)
    tab = page.tab("operators")
    operators_loaded(qtbot, page)
    assert tab.model.rowCount() == 4
    assert not tab.unlock_button.isEnabled()  # nothing selected

    # create: a bad name and a typo in the password are refused beside their fields, nothing written
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dlg = open_dialog(qtbot, tab, "new_operator_dialog")
    qtbot.keyClicks(dlg.username, "new officer")
    qtbot.keyClicks(dlg.password, "secret-pass-1")
    qtbot.keyClicks(dlg.confirm, "secret-pass-2")
    press_ok(qtbot, dlg)
    assert dlg.errors.label("confirm").isVisible() and "differ" in dlg.errors.label("confirm").text()
    dlg.confirm.clear()
    qtbot.keyClicks(dlg.confirm, "secret-pass-1")
    press_ok(qtbot, dlg)
    qtbot.waitUntil(lambda: dlg.errors.label("username").isVisible(), timeout=10_000)
    assert "letters, digits" in dlg.errors.label("username").text()
    assert all("officer" not in e.target_id for e in events(db, "operator.create")[3:])  # only the fixture's
    dlg.username.clear()
    qtbot.keyClicks(dlg.username, "Officer2")
    dlg.display_name.setText("王警官")
    dlg.role.setCurrentIndex(dlg.role.findData(Role.OFFICER.value))
    press_ok(qtbot, dlg)
    note_says(qtbot, tab.note, "Operator officer2 (Officer) created.")
    assert [e.target_id for e in events(db, "operator.create")][-1] == "officer2"
    assert operators.authenticate(db, "officer2", "secret-pass-1").role is Role.OFFICER

    # change role
    select_operator(qtbot, tab, "officer2")
    qtbot.mouseClick(tab.role_button, Qt.MouseButton.LeftButton)
    dlg = open_dialog(qtbot, tab, "change_role_dialog")
    dlg.role.setCurrentIndex(dlg.role.findData(Role.SUPERVISOR.value))
    press_ok(qtbot, dlg)
    note_says(qtbot, tab.note, "officer2 is now Supervisor.")
    assert events(db, "operator.role")[-1].details == "officer -> supervisor"

    # lock the account with wrong passwords, then unlock it from the screen
    for _ in range(5):
        with pytest.raises(operators.AuthenticationFailed):
            operators.authenticate(db, "officer2", "wrong-password")
    tab.refresh()
    qtbot.waitUntil(lambda: tab.model.rows() and next(
        a for a in tab.model.rows() if a.username == "officer2").state == LOCKED, timeout=10_000)
    select_operator(qtbot, tab, "officer2")
    assert "Locked until" in tab.model.data(tab.model.index(tab.model.row_of("officer2"), 3))
    assert tab.unlock_button.isEnabled()
    qtbot.mouseClick(tab.unlock_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.note, "officer2 is unlocked and can log in again.")
    assert events(db, "operator.unlock")[-1].target_id == "officer2"
    assert operators.authenticate(db, "officer2", "secret-pass-1").role is Role.SUPERVISOR

    # reset password
    select_operator(qtbot, tab, "officer2")
    qtbot.mouseClick(tab.reset_button, Qt.MouseButton.LeftButton)
    dlg = open_dialog(qtbot, tab, "reset_password_dialog")
    qtbot.keyClicks(dlg.password, "short")
    qtbot.keyClicks(dlg.confirm, "short")
    press_ok(qtbot, dlg)
    qtbot.waitUntil(lambda: dlg.errors.label("password").isVisible(), timeout=10_000)
    assert "at least 8" in dlg.errors.label("password").text()
    dlg.password.clear()
    dlg.confirm.clear()
    qtbot.keyClicks(dlg.password, "temporary-1")
    qtbot.keyClicks(dlg.confirm, "temporary-1")
    press_ok(qtbot, dlg)
    note_says(qtbot, tab.note, "Password of officer2 reset")
    assert events(db, "operator.reset_password")[-1].target_id == "officer2"
    with pytest.raises(operators.PasswordChangeRequired):
        operators.authenticate(db, "officer2", "temporary-1")

    # disable, then enable
    select_operator(qtbot, tab, "officer2")
    assert tab.disable_button.text() == "Disable"
    qtbot.mouseClick(tab.disable_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.note, "officer2 is disabled")
    assert events(db, "operator.disable")[-1].target_id == "officer2"
    qtbot.waitUntil(lambda: next(a for a in tab.model.rows() if a.username == "officer2").state == "disabled")
    select_operator(qtbot, tab, "officer2")
    qtbot.waitUntil(lambda: tab.disable_button.text() == "Enable")
    qtbot.mouseClick(tab.disable_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.note, "officer2 is enabled")
    assert events(db, "operator.enable")[-1].target_id == "officer2"

    # the last active administrator can be neither disabled nor demoted: refused in words
    select_operator(qtbot, tab, "admin")
    qtbot.mouseClick(tab.disable_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.note, "last active administrator", kind="error")
    assert not [e for e in events(db, "operator.disable") if e.target_id == "admin"]
    select_operator(qtbot, tab, "admin")
    qtbot.mouseClick(tab.role_button, Qt.MouseButton.LeftButton)
    dlg = open_dialog(qtbot, tab, "change_role_dialog")
    dlg.role.setCurrentIndex(dlg.role.findData(Role.OFFICER.value))
    press_ok(qtbot, dlg)
    qtbot.waitUntil(lambda: dlg.errors.label("username").isVisible(), timeout=10_000)
    assert "last active administrator" in dlg.errors.label("username").text()
    assert dlg.isVisible()
    dlg.reject()
    assert not [e for e in events(db, "operator.role") if e.target_id == "admin"]


# ---- settings -------------------------------------------------------------------------------------------
def test_settings_are_checked_beside_their_fields_audited_and_the_idle_lock_applies_at_once(
    qtbot, main_window, ui_station
):
    win = main_window
    window_login(qtbot, win, Role.ADMIN)
    page = win.show_page("admin")
    assert isinstance(page, AdminPage)
    tab = page.show_tab("settings")
    qtbot.waitUntil(lambda: tab.policy is not None, timeout=10_000)
    assert tab.edits["retention_days"].text() == "730"
    assert tab.edits["idle_lock_minutes"].text() == "10"
    db = ui_station.db

    for key, bad in (("retention_days", "5"), ("idle_lock_minutes", "ten"), ("lockout_minutes", "0")):
        tab.edits[key].setText(bad)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.errors.label("retention_days").isVisible(), timeout=10_000)
    assert "from 30 to 3650" in tab.errors.label("retention_days").text()
    assert "from 1 to 120" in tab.errors.label("idle_lock_minutes").text()
    assert tab.errors.label("lockout_minutes").isVisible()
    assert not tab.errors.label("max_failed_logins").isVisible()
    assert events(db, "settings.change") == []  # one bad value: nothing saved

    tab.edits["retention_days"].setText("400")
    tab.edits["idle_lock_minutes"].setText("3")
    tab.edits["lockout_minutes"].setText("15")
    tab.edits["max_failed_logins"].setText("4")
    tab.fingerprint.setCurrentIndex(tab.fingerprint.findData("required"))
    tab.photo.setCurrentIndex(tab.photo.findData("hide"))
    tab.keep_images.setChecked(True)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.note, "Settings saved (7 changed).")
    assert not tab.errors.label("retention_days").isVisible()
    changed = {e.target_id: e.details for e in events(db, "settings.change")}
    assert changed == {
        "retention_days": "730 -> 400",
        "idle_lock_minutes": "10 -> 3",
        "max_failed_logins": "5 -> 4",
        "lockout_minutes": "10 -> 15",
        "fingerprint_policy": "'optional' -> 'required'",
        "store_fingerprint_images": "False -> True",
        "photo_policy": "'show' -> 'hide'",
    }
    assert all(e.actor == "admin" for e in events(db, "settings.change"))
    # the running window locks after the new idle time; the desk's settings follow
    assert win.idle_timer.interval() == 3 * 60_000 and win.idle_timer.isActive()
    assert ui_station.settings.idle_lock_minutes == 3
    assert ui_station.settings.fingerprint_policy == "required" and ui_station.settings.photo_policy == "hide"
    # the login rules read the new lockout policy
    with pytest.raises(operators.AuthenticationFailed) as err:
        operators.authenticate(db, "officer1", "wrong-password")
    assert "After 4 failed attempts" in err.value.message and "15 minutes" in err.value.message

    # saving again without a change says so and audits nothing
    n = len(events(db, "settings.change"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.note, "Nothing to save")
    assert len(events(db, "settings.change")) == n


def test_the_declaration_deadline_is_set_in_the_settings_tab_checked_and_audited(qtbot, main_window, ui_station):
    """业主申报时限: the days a landlord has to declare a new tenant, 1–30, set through the screen; the
    housing checks judge overdue bindings by the saved value."""
    from workstation.storage.areas.checks import deadline_days

    win = main_window
    window_login(qtbot, win, Role.ADMIN)
    tab = win.show_page("admin").show_tab("settings")
    qtbot.waitUntil(lambda: tab.policy is not None, timeout=10_000)
    edit = tab.edits["declaration_deadline_days"]
    assert edit.text() == "3" and edit.isVisibleTo(tab)
    assert "declare a new tenant" in tab.labels["declaration_deadline_days"].text()
    db = ui_station.db
    for bad in ("0", "31", "three"):
        edit.setText(bad)
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: tab.errors.label("declaration_deadline_days").isVisible(), timeout=10_000)
        assert "from 1 to 30" in tab.errors.label("declaration_deadline_days").text()
    assert events(db, "settings.change") == []
    edit.setText("7")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.note, "Settings saved (1 changed).")
    assert [(e.target_id, e.details, e.actor) for e in events(db, "settings.change")] == [
        ("declaration_deadline_days", "3 -> 7", "admin")
    ]
    assert not tab.errors.label("declaration_deadline_days").isVisible()
    with db.read() as s:
        assert deadline_days(s) == 7
    assert policy.read(db, operators.authenticate(db, "admin", "admin-pass-1")).declaration_deadline_days == 7


def test_the_station_language_is_the_language_of_operators_who_chose_none(
    qtbot, main_window, ui_station, switch_language
):
    from workstation.ui import i18n

    win = main_window
    ui_station.preferences.set_language_of("admin", "en")  # the administrator chose English
    window_login(qtbot, win, Role.ADMIN)
    tab = win.show_page("admin").show_tab("settings")
    qtbot.waitUntil(lambda: tab.policy is not None, timeout=10_000)
    tab.language.setCurrentIndex(tab.language.findData("zh_CN"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.note, "Settings saved (1 changed).")
    assert "next login" in tab.note.text()
    assert [(e.target_id, e.details) for e in events(ui_station.db, "settings.change")] == [
        ("language", "'' -> 'zh_CN'")]
    assert i18n.current() == "en" and ui_station.settings.language == "zh_CN"
    win.logout()
    window_login(qtbot, win, Role.SUPERVISOR)  # has chosen no language
    assert i18n.current() == "zh_CN"
    win.logout()
    window_login(qtbot, win, Role.ADMIN)  # keeps their own choice
    assert i18n.current() == "en"


# ---- who may ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", [Role.OFFICER, Role.SUPERVISOR, Role.ASSISTANT])
def test_a_role_without_the_permission_does_not_see_the_page_and_the_core_refuses(
    qtbot, main_window, login, ui_station, role, tmp_path
):
    win = main_window
    window_login(qtbot, win, role)
    assert "admin" not in win.session.pages
    assert win.show_page("admin") is None
    ctx = login(role)
    assert "admin" not in [i.key for i in visible_nav(ctx)]
    db, actor = ctx.db, ctx.operator
    refused = [
        lambda: operators.create_operator(db, actor, username="x1", display_name="x", role=Role.ADMIN,
                                          password="password-1"),
        lambda: operators.accounts(db, actor),
        lambda: operators.set_disabled(db, actor, "admin", True),
        lambda: operators.set_role(db, actor, "officer1", Role.ADMIN),
        lambda: operators.reset_password(db, actor, "admin", "password-1"),
        lambda: operators.unlock(db, actor, "admin"),
        lambda: policy.read(db, actor),
        lambda: policy.change(db, actor, idle_lock_minutes=60),
        lambda: station.backup(db, actor, tmp_path / "bk"),
        lambda: retention.purge(db, actor, dry_run=True),
        lambda: sc.enroll(db, "https://127.0.0.1:9", "CODE", "440305001", "", actor=actor),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied):
            call()
    assert not (tmp_path / "bk").exists()
    assert events(db, "settings.change") == [] and events(db, "operator.disable") == []


# ---- enrollment -------------------------------------------------------------------------------------------

def platform_devices(central) -> int:
    from workstation.central.store import Device

    with central.store.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Device)))


def test_enrollment_shows_the_fingerprint_first_and_sends_only_once_confirmed(
    qtbot, login, ui_station, central, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    ctx = login(Role.ADMIN)
    db = ctx.db
    page = open_page(qtbot, ctx, "enrollment")
    tab = page.tab("enrollment")
    qtbot.waitUntil(lambda: tab.loaded, timeout=10_000)
    assert "not enrolled" in tab.status.text()
    assert tab.station_code.text() == ui_station.station_code
    code = central.central.enroll_code(ui_station.station_code)
    not_pem = tmp_path / "notes.txt"
    not_pem.write_text("hello")
    ca_file = tmp_path / "platform-ca.pem"
    ca_file.write_text(central.ca_pem)
    expected = pinning.format_fingerprint(pinning.read_ca_certificate(ca_file).sha256)

    # a file that is no certificate: refused beside the field
    chosen = [str(not_pem)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (chosen[0], "")))
    qtbot.mouseClick(tab.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.errors.label("ca_file").isVisible(), timeout=10_000)
    assert "not a PEM certificate" in tab.errors.label("ca_file").text()
    assert tab.ca is None and not tab.enroll_button.isEnabled()

    qtbot.keyClicks(tab.url, central.url)
    qtbot.keyClicks(tab.code, code.lower()[:4] + "-" + code.lower()[4:])  # as read out
    chosen[0] = str(ca_file)
    qtbot.mouseClick(tab.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.ca is not None, timeout=10_000)
    # the fingerprint is shown before anything can be sent
    assert tab.fingerprint.text().replace("\n", "") == expected  # both halves, as read aloud
    assert not tab.errors.label("ca_file").isVisible()
    assert not tab.enroll_button.isEnabled()
    tab.enroll()  # even when called directly: refused until confirmed
    assert "confirm the fingerprint" in tab.errors.label("confirm").text()
    assert platform_devices(central) == 0 and sc.current_enrollment(db) is None
    assert events(db, "sync.enroll") == []

    # a typed fingerprint that differs blocks enrollment; the right one is accepted
    qtbot.keyClicks(tab.given, "AB:" + expected[3:-2] + "00")
    assert "does NOT match" in tab.match.text()
    tab.confirm.setChecked(True)
    assert not tab.enroll_button.isEnabled()
    tab.given.setText(expected.lower())
    assert "matches" in tab.match.text()
    assert not tab.enroll_button.isEnabled()
    tick(qtbot, tab.confirm)
    assert tab.confirm.isChecked() and tab.enroll_button.isEnabled()
    assert platform_devices(central) == 0

    qtbot.mouseClick(tab.enroll_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.note, "Enrolled: this workstation is device")
    current = sc.current_enrollment(db)
    assert current is not None and current.platform_url == central.url
    assert platform_devices(central) == 1
    ok = [e for e in events(db, "sync.enroll") if e.outcome == "ok"]
    assert len(ok) == 1 and ok[0].actor == "admin"
    qtbot.waitUntil(lambda: current.device_id in tab.status.text(), timeout=10_000)
    assert tab.replace.isVisible() and not tab.enroll_button.isEnabled()  # replacing needs its own tick

    # a used code is refused by the platform, in words, and audited as failed
    tab.replace.setChecked(True)
    qtbot.keyClicks(tab.code, code)
    tab.confirm.setChecked(True)
    qtbot.mouseClick(tab.enroll_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.note, "The platform refused enrollment", kind="error")
    assert sc.current_enrollment(db).device_id == current.device_id
    assert [e.outcome for e in events(db, "sync.enroll")] == ["ok", "failed"]


def test_enrollment_fields_are_checked_beside_them(qtbot, login, central, tmp_path):
    ctx = login(Role.ADMIN)
    page = open_page(qtbot, ctx, "enrollment")
    tab = page.tab("enrollment")
    qtbot.waitUntil(lambda: tab.loaded, timeout=10_000)
    ca_file = tmp_path / "ca.pem"
    ca_file.write_text(central.ca_pem)
    tab.load_ca(str(ca_file))
    qtbot.waitUntil(lambda: tab.ca is not None, timeout=10_000)
    tab.url.setText("http://platform.example")
    tab.station_code.setText("bad code!")
    tab.confirm.setChecked(True)
    qtbot.mouseClick(tab.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.errors.label("url").isVisible(), timeout=10_000)
    assert "https://" in tab.errors.label("url").text()
    assert tab.errors.label("code").isVisible() and tab.errors.label("station_code").isVisible()
    assert events(ctx.db, "sync.enroll") == [] and platform_devices(central) == 0


# ---- backup and purge ---------------------------------------------------------------------------------------
def test_backup_through_the_screen_writes_a_backup_that_restores(
    qtbot, login, ui_station, station_template, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    ctx = login(Role.ADMIN)
    page = open_page(qtbot, ctx, "maintenance")
    tab = page.tab("maintenance")
    assert not tab.backup_button.isEnabled()  # no folder yet
    target = tmp_path / "usb" / "backup-1"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(target)))
    qtbot.mouseClick(tab.choose_button, Qt.MouseButton.LeftButton)
    assert tab.folder.text() == str(target)
    steps: list[tuple[int, int | None, str | None]] = []
    real_backup = station.backup

    def spying_backup(db, actor, folder, *, progress=None):
        def spy(done, total, text):
            steps.append((done, total, text))
            progress(done, total, text)

        return real_backup(db, actor, folder, progress=spy)

    monkeypatch.setattr(station, "backup", spying_backup)
    qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.backup_note, "Backup written to")
    assert [s[0] for s in steps] == [0, 1, 2, 3, 4] and steps[-1][1] == 4
    assert [e.outcome for e in events(ctx.db, "database.backup")] == ["ok"]
    with ctx.db.read() as s:
        people = s.scalar(select(func.count()).select_from(Person))

    # the same folder again: refused in words, audited as refused nothing written over
    tab.folder.setText(str(target))
    qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.backup_note, "already holds a backup", kind="error")

    from keyring.backends import fail

    restored = station.restore(target, tmp_path / "restored", passphrase=station_template.passphrase,
                               backend=fail.Keyring())
    try:
        with restored.read() as s:
            assert s.scalar(select(func.count()).select_from(Person)) == people
        assert [e.action for e in events(restored, "database.restore")] == ["database.restore"]
    finally:
        restored.close()


def _age_everything(db, days: int) -> None:
    """Every record acknowledged by the platform and last changed `days` ago (as after a long time)."""
    from workstation.storage.schema import OutboxEntry, Tenancy

    old = utcnow() - timedelta(days=days)
    with db.write() as s:
        for model in SYNCABLE.values():
            s.execute(update(model).values(acked_version=model.version, updated_at=old))
        s.execute(update(Tenancy).values(end_date=old.date()))  # everyone moved out long ago
        s.execute(update(OutboxEntry).values(acked_at=old))


def test_purge_lists_what_would_go_then_purges_it(qtbot, login, ui_station):
    ctx = login(Role.ADMIN)
    db = ctx.db
    page = open_page(qtbot, ctx, "maintenance")
    tab = page.tab("maintenance")
    assert not tab.purge_button.isVisible()

    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)  # nothing acknowledged yet
    qtbot.waitUntil(lambda: tab.preview_report is not None, timeout=10_000)
    assert "Nothing to purge" in tab.preview_label.text() and not tab.purge_button.isVisible()

    _age_everything(db, 800)
    with db.read() as s:
        people = s.scalar(select(func.count()).select_from(Person))
    qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.preview_report is not None and tab.preview_report.total > 0, timeout=10_000)
    report = tab.preview_report
    assert report.counts["person"] > 0
    assert tab.model.rowCount() == len([n for n in report.counts.values() if n])
    listed = {tab.model.data(tab.model.index(r, 0)): int(tab.model.data(tab.model.index(r, 1)))
              for r in range(tab.model.rowCount())}
    assert listed["Residents"] == report.counts["person"]
    assert str(report.total) in tab.preview_label.text()
    with db.read() as s:  # the preview deleted nothing
        assert s.scalar(select(func.count()).select_from(Person)) == people
    assert [e.action for e in events(db, "retention.purge.dry_run")] == ["retention.purge.dry_run"] * 2

    assert tab.purge_button.isVisible() and not tab.purge_button.isEnabled()  # the tick first
    tick(qtbot, tab.purge_confirm)
    assert tab.purge_button.isEnabled()
    qtbot.mouseClick(tab.purge_button, Qt.MouseButton.LeftButton)
    note_says(qtbot, tab.purge_note, f"Purged {report.total} records")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == people - report.counts["person"]
    done = events(db, "retention.purge")
    assert len(done) == 1 and f"person={report.counts['person']}" in done[0].details
    assert not tab.purge_button.isVisible()
    assert retention.purge(db, ctx.operator, dry_run=True).total == 0


# ---- screenshots ----------------------------------------------------------------------------------------------
def test_screenshots_of_every_tab_and_dialog(qtbot, main_window, ui_station, shoot, tmp_path):
    win = main_window
    window_login(qtbot, win, Role.ADMIN)
    page = win.show_page("admin")
    ops = page.show_tab("operators")
    qtbot.waitUntil(lambda: ops.loaded, timeout=10_000)
    ops.select("officer1")
    shots = shoot(win, "admin-operators")
    settings_tab = page.show_tab("settings")
    qtbot.waitUntil(lambda: settings_tab.policy is not None, timeout=10_000)
    settings_tab.edits["retention_days"].setText("5")
    qtbot.mouseClick(settings_tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings_tab.errors.label("retention_days").isVisible(), timeout=10_000)
    shots += shoot(win, "admin-settings")
    enroll = page.show_tab("enrollment")
    qtbot.waitUntil(lambda: enroll.loaded, timeout=10_000)
    p = make_platform(tmp_path / "central", "sqlite", serve=False)
    ca_file = tmp_path / "ca.pem"
    ca_file.write_text(p.ca_pem)
    p.store.close()
    enroll.url.setText("https://platform.example:8443")
    enroll.code.setText("ABCD-EFGH-JKLM")
    enroll.load_ca(str(ca_file))
    qtbot.waitUntil(lambda: enroll.ca is not None, timeout=10_000)
    shots += shoot(win, "admin-enrollment")
    maint = page.show_tab("maintenance")
    _age_everything(ui_station.db, 800)
    maint.folder.setText(str(tmp_path / "backup"))
    maint.preview()
    qtbot.waitUntil(lambda: maint.preview_report is not None, timeout=10_000)
    shots += shoot(win, "admin-maintenance")

    from workstation.ui.screens.admin.operators import ChangeRoleDialog, NewOperatorDialog, ResetPasswordDialog

    ctx = win.ctx
    acc = next(a for a in ops.model.rows() if a.username == "officer1")
    shots += shoot.made(lambda: NewOperatorDialog(ctx, win), "admin-new-operator")
    shots += shoot.made(lambda: ResetPasswordDialog(ctx, acc, win), "admin-reset-password")
    shots += shoot.made(lambda: ChangeRoleDialog(ctx, acc, win), "admin-change-role")
    assert all(s.exists() and s.stat().st_size > 0 for s in shots)
