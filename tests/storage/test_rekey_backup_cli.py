import os
import re
import subprocess
import sys

import pytest
from keyring.backends import fail

from helpers import ADMIN_PASSWORD, make_station
from workstation.cli.terminal import EXIT_REFUSED
from workstation.storage import audit, demo, station
from workstation.storage.db import Database
from workstation.storage.vault import KeyVault
from workstation.wiring import open_desk


def test_rekey_keeps_data_and_audit_and_rotates_passphrase(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 50)
    old_key = st.db.raw_key
    new_pass = station.rekey(st.db, st.data_dir, st.admin, passphrase=st.passphrase, confirm=lambda p: p)
    from workstation.storage.errors import WrongKey

    with pytest.raises(WrongKey):
        station.unlock(st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    db, _ = station.unlock(st.data_dir, passphrase=new_pass, backend=fail.Keyring())
    assert db.raw_key != old_key
    with db.read() as s:
        assert audit.verify(s).ok
    assert open_desk(db, st.admin).supervision.count_residents() == 50
    db.close()
    assert not list(st.data_dir.glob("*.new")) and not list(st.data_dir.glob("*.commit"))


def test_backup_is_encrypted_and_restorable(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 20)
    out = station.backup(st.db, st.admin, tmp_path / "backup")
    assert b"SQLite format 3" not in out.read_bytes()[:100]
    master = KeyVault(tmp_path / "backup" / "workstation.db.keys", backend=fail.Keyring()).unlock_with_passphrase(
        st.passphrase, restore_keyring=False
    )
    restored = Database.open(out, master)
    assert open_desk(restored, st.admin).supervision.count_residents() == 20
    restored.close()
    st.db.close()


def test_admin_cli_end_to_end(tmp_path):
    env = dict(
        os.environ, WORKSTATION_ADMIN_PASSWORD=ADMIN_PASSWORD, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"
    )
    exe = [sys.executable, "-m", "workstation.cli.admin", "--data-dir", str(tmp_path / "d")]
    out = subprocess.run(
        [*exe, "init", "--station-code", "440305001", "--station-name", "演示警务室", "--no-keyring", "--demo"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    passphrase = next(line.strip() for line in out.splitlines() if line.startswith("    ") and "-" in line)
    env["WORKSTATION_PASSPHRASE"] = passphrase
    subprocess.run([*exe, "demo-data", "30"], env=env, check=True, capture_output=True)
    env["WORKSTATION_NEW_PASSWORD"] = "officer-pass-1"
    subprocess.run([*exe, "operator", "add", "li", "--role", "officer"], env=env, check=True, capture_output=True)
    status = subprocess.run([*exe, "status"], env=env, capture_output=True, text=True)
    assert status.returncode == 0, status.stderr
    assert re.search(r"\n  Residents +30\n", status.stdout) and "Audit trail:  OK" in status.stdout, status.stdout
    bad = subprocess.run(
        [*exe, "status"], env=dict(env, WORKSTATION_PASSPHRASE="WRONG-WRONG"), capture_output=True, text=True
    )
    assert bad.returncode == EXIT_REFUSED and "passphrase is wrong" in bad.stderr
    assert subprocess.run([*exe, "verify-audit"], env=env, capture_output=True).returncode == 0


def test_admin_cli_rekey_needs_the_new_passphrase_typed_back_and_restore(tmp_path):
    env = dict(
        os.environ, WORKSTATION_ADMIN_PASSWORD=ADMIN_PASSWORD, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"
    )
    exe = [sys.executable, "-m", "workstation.cli.admin", "--data-dir", str(tmp_path / "d")]
    out = subprocess.run(
        [*exe, "init", "--station-code", "440305001", "--station-name", "测试", "--no-keyring", "--demo"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout
    old = next(line.strip() for line in out.splitlines() if line.startswith("    ") and "-" in line)
    env["WORKSTATION_PASSPHRASE"] = old
    subprocess.run([*exe, "demo-data", "7"], env=env, check=True, capture_output=True)
    subprocess.run([*exe, "backup", str(tmp_path / "bk")], env=env, check=True, capture_output=True)
    # typed back wrong: nothing changes, the old passphrase still opens it
    wrong = subprocess.run([*exe, "rekey"], env=env, input="NOT-THE-ONE\n", capture_output=True, text=True)
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr and "not changed" in wrong.stderr
    assert subprocess.run([*exe, "verify-audit"], env=env, capture_output=True).returncode == 0
    # typed back right: committed
    child = subprocess.Popen([*exe, "rekey"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    shown = None
    while shown is None:
        line = child.stdout.readline()
        assert line, child.stderr.read()
        if line.startswith("    ") and "-" in line:
            shown = line.strip()
    child.stdin.write(shown + "\n")
    child.stdin.flush()
    _out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert subprocess.run([*exe, "verify-audit"], env=env, capture_output=True).returncode == EXIT_REFUSED
    assert subprocess.run([*exe, "verify-audit"], env=dict(env, WORKSTATION_PASSPHRASE=shown),
                          capture_output=True).returncode == 0
    # restore the backup (made before the rekey: it opens with the passphrase of its time)
    r = subprocess.run([*exe, "restore", str(tmp_path / "bk")], env=env, capture_output=True, text=True)
    assert r.returncode != 0 and "--replace" in r.stderr
    r = subprocess.run([*exe, "restore", str(tmp_path / "bk"), "--replace"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    status = subprocess.run([*exe, "status"], env=env, capture_output=True, text=True)
    assert status.returncode == 0 and re.search(r"\n  Residents +7\n", status.stdout), status.stdout + status.stderr
