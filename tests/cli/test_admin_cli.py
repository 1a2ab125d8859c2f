"""`workstation-admin` as an administrator uses it: logins, roles, demo stations, the keyring note."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ADMIN_PASSWORD, make_station
from workstation.cli import admin
from workstation.domain.enums import Role


@dataclass
class Result:
    rc: int
    out: str
    err: str


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")  # never the developer's keyring
    for var in ("WORKSTATION_USER", "WORKSTATION_NEW_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    st = make_station(tmp_path / "station")
    st.actor(Role.OFFICER, "officer1")
    st.actor(Role.SUPERVISOR, "chief")
    st.db.close()
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", st.passphrase)

    def go(*argv: str) -> Result:
        capsys.readouterr()
        rc = admin.main(["--data-dir", str(st.data_dir), *argv])
        out = capsys.readouterr()
        return Result(rc, out.out, out.err)

    go.data_dir = st.data_dir  # type: ignore[attr-defined]
    return go


def test_user_works_before_and_after_the_command(run, monkeypatch):
    monkeypatch.setenv("WORKSTATION_USER", "chief")
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", "password-chief")
    before = run("--user", "chief", "verify-audit")
    after = run("verify-audit", "--user", "chief")
    assert before.rc == after.rc == 0 and "OK" in before.out and "OK" in after.out
    # the data folder too
    monkeypatch.setenv("WORKSTATION_USER", "admin")
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", ADMIN_PASSWORD)
    r = admin.main(["status", "--data-dir", str(run.data_dir)])
    assert r == 0


def test_status_and_verify_audit_need_a_role_that_may_read_the_audit_trail(run, monkeypatch):
    monkeypatch.setenv("WORKSTATION_USER", "officer1")
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", "password-officer1")
    for command in ("status", "verify-audit"):
        r = run("--user", "officer1", command)
        assert r.rc != 0 and "may not read the audit trail" in r.err and "Audit trail" not in r.out, command
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", "wrong-password")
    r = run("--user", "officer1", "status")
    assert r.rc != 0 and "Wrong user name or password" in r.err
    monkeypatch.setenv("WORKSTATION_USER", "admin")
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", ADMIN_PASSWORD)
    r = run("status")
    assert r.rc == 0 and "Audit trail:  OK" in r.out


def test_the_admin_password_variable_is_only_the_password_of_its_user(run, monkeypatch):
    # WORKSTATION_ADMIN_PASSWORD belongs to WORKSTATION_USER (default admin): never tried for another --user
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", "password-chief")
    r = run("--user", "chief", "verify-audit")
    assert r.rc != 0 and "WORKSTATION_ADMIN_PASSWORD is the password of 'admin'" in r.err
    assert "WORKSTATION_USER=chief" in r.err


def test_demo_data_only_on_a_demo_station(run, tmp_path, monkeypatch):
    r = run("demo-data", "20")
    assert r.rc != 0 and "demo station" in r.err
    assert re.search(r"\n  Residents +0\n", run("status").out)
    demo_dir = tmp_path / "demo"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("WORKSTATION_PASSPHRASE")
    init = admin.main(["--data-dir", str(demo_dir), "init", "--station-code", "DEMO1", "--station-name", "演示",
                       "--no-keyring", "--demo"])
    assert init == 0


def test_the_last_admin_cannot_disable_themselves_and_a_reset_is_changed_at_login(run, monkeypatch):
    r = run("operator", "disable", "admin")
    assert r.rc != 0 and "last active administrator" in r.err
    r = run("operator", "role", "admin", "--role", "officer")
    assert r.rc != 0 and "last active administrator" in r.err
    monkeypatch.setenv("WORKSTATION_NEW_PASSWORD", "temporary-pw-1")
    assert run("operator", "reset", "chief").rc == 0
    assert "must change password" in run("operator", "list").out
    monkeypatch.setenv("WORKSTATION_USER", "chief")
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", "temporary-pw-1")
    monkeypatch.setenv("WORKSTATION_NEW_PASSWORD", "chief-own-pw-1")
    r = run("--user", "chief", "verify-audit")  # asked for a new password, then goes on
    assert r.rc == 0 and "reset by an administrator" in r.err and "OK" in r.out
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", "chief-own-pw-1")
    monkeypatch.setenv("WORKSTATION_NEW_PASSWORD", "chief-newer-pw-2")
    assert run("--user", "chief", "password").rc == 0  # self-service change
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", "chief-newer-pw-2")
    assert run("--user", "chief", "verify-audit").rc == 0


def test_operator_names_are_checked_before_any_password_is_asked(run, monkeypatch):
    monkeypatch.delenv("WORKSTATION_NEW_PASSWORD", raising=False)
    r = run("operator", "add", "evil\x1b[2J")
    assert r.rc != 0 and "user name" in r.err and "\x1b" not in r.err
    r = run("operator", "add", "OFFICER1")
    assert r.rc != 0  # a case twin: no password was needed to find out
    r = run("operator", "disable")
    assert r.rc == 2 and "needs the user name" in r.err


def test_help_says_what_happens_without_a_keyring(capsys):
    with pytest.raises(SystemExit):
        admin.main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "recovery passphrase becomes the everyday key" in text
    assert "WORKSTATION_ADMIN_PASSWORD (the password of WORKSTATION_USER" in text


def test_readme_says_what_happens_without_a_keyring():
    readme = " ".join((Path(__file__).parents[2] / "README.md").read_text().split())
    assert "everyday key" in readme and "WORKSTATION_USER" in readme


def test_a_locked_out_operator_is_unlocked_by_the_same_core_call_as_the_app(run):
    import os

    from workstation.storage import operators, station

    db, _how = station.unlock(run.data_dir, passphrase=os.environ["WORKSTATION_PASSPHRASE"])
    try:
        for _ in range(5):
            with pytest.raises(operators.AuthenticationFailed):
                operators.authenticate(db, "officer1", "wrong-password")
    finally:
        db.close()
    assert "officer1         Officer        locked" in run("operator", "list").out
    r = run("operator", "unlock", "officer1")
    assert r.rc == 0 and "Operator officer1 unlocked." in r.out
    assert "officer1         Officer        active" in run("operator", "list").out
    assert "was not locked" in run("operator", "unlock", "officer1").out


def test_what_a_command_reports_reads_in_chinese_under_zh(run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Output lines are marked texts too: under WORKSTATION_LANG=zh_CN no English sentence is left."""
    from helpers import english_words

    monkeypatch.setenv("WORKSTATION_LANG", "zh_CN")
    r = run("verify-audit")
    assert r.rc == 0 and r.out.startswith("正常：") and not english_words(r.out), r.out
    r = run("operator", "disable", "officer1")
    assert r.rc == 0 and r.out.strip() == "操作员 officer1 已停用。"
    r = run("operator", "list")
    assert "已停用" in r.out and "disabled" not in r.out
    monkeypatch.setenv("WORKSTATION_LANG", "en")
    assert run("operator", "enable", "officer1").out.strip() == "Operator officer1 enabled."
