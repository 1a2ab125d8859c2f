import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from keyring.backends import fail

from helpers import ADMIN_PASSWORD, make_station
from workstation.storage import audit, demo, station
from workstation.storage.db import Database
from workstation.storage.services import Services
from workstation.storage.vault import KeyVault


def test_rekey_keeps_data_and_audit_and_rotates_passphrase(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 50)
    old_key = st.db.raw_key
    new_pass = station.rekey(st.db, st.data_dir, st.admin, passphrase=st.passphrase)
    from workstation.storage.errors import WrongKey

    with pytest.raises(WrongKey):
        station.unlock(st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    db, _ = station.unlock(st.data_dir, passphrase=new_pass, backend=fail.Keyring())
    assert db.raw_key != old_key
    with db.read() as s:
        assert audit.verify(s).ok
    assert Services(db, st.admin).count_people() == 50
    db.close()
    assert not list(st.data_dir.glob("*.new"))


REKEY_CHILD = r"""
import sys
sys.path.insert(0, sys.argv[3])
import helpers
from keyring.backends import fail
from pathlib import Path
from workstation.storage import station, operators, vault
data_dir, passphrase = Path(sys.argv[1]), sys.argv[2]
db, _ = station.unlock(data_dir, passphrase=passphrase, backend=fail.Keyring())
admin = operators.authenticate(db, "admin", helpers.ADMIN_PASSWORD)
orig = vault.new_recovery_passphrase
def announce():
    p = orig()
    print("NEWPASS", p, flush=True)
    return p
station.new_recovery_passphrase = announce
station.rekey(db, data_dir, admin, passphrase=passphrase, backend=fail.Keyring(),
              kdf=vault.KdfParams.fast_for_tests())
print("DONE", flush=True)
"""


@pytest.mark.slow
def test_rekey_survives_a_kill_at_any_point(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 300)
    st.db.close()
    passphrases = [st.passphrase]
    rng = random.Random(7)
    tests_dir = str(Path(__file__).parents[1])
    for _ in range(int(os.environ.get("REKEY_KILLS", "12"))):
        child = subprocess.Popen(
            [sys.executable, "-c", REKEY_CHILD, str(st.data_dir), passphrases[-1], tests_dir],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.8, 1.6))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        for line in out.splitlines():
            if line.startswith("NEWPASS"):
                passphrases.append(line.split()[1])
        # exactly one of the known passphrases opens it, and all data is there
        opened = None
        for p in reversed(passphrases):
            try:
                opened, _ = station.unlock(st.data_dir, passphrase=p, backend=fail.Keyring())
                passphrases.append(p)
                break
            except Exception:
                continue
        assert opened is not None, "no passphrase opens the database after a kill during rekey"
        assert Services(opened, st.admin).count_people() == 300
        with opened.read() as s:
            assert audit.verify(s).ok
        opened.close()


def test_backup_is_encrypted_and_restorable(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 20)
    out = station.backup(st.db, st.admin, tmp_path / "backup")
    assert b"SQLite format 3" not in out.read_bytes()[:100]
    master = KeyVault(tmp_path / "backup" / "workstation.db.keys", backend=fail.Keyring()).unlock_with_passphrase(
        st.passphrase, restore_keyring=False
    )
    restored = Database.open(out, master)
    assert Services(restored, st.admin).count_people() == 20
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
    assert "person             30" in status.stdout and "Audit trail:  OK" in status.stdout
    bad = subprocess.run(
        [*exe, "status"], env=dict(env, WORKSTATION_PASSPHRASE="WRONG-WRONG"), capture_output=True, text=True
    )
    assert bad.returncode == 2 and "passphrase is wrong" in bad.stderr
    assert subprocess.run([*exe, "verify-audit"], env=env, capture_output=True).returncode == 0
