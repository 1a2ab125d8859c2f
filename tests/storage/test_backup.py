"""Backups (issue 9, item 6): temp name, fsync, rename; a killed backup leaves nothing that looks
valid; the audited outcome is the real one; bad targets are refused in words."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from keyring.backends import fail
from sqlalchemy import func, select

from helpers import make_station
from workstation.storage import demo, station
from workstation.storage.errors import BackupFailed, DatabaseDamaged
from workstation.storage.schema import AuditEvent, Person

SRC = Path(__file__).parents[2] / "src"
BACKUP_KILLS = int(os.environ.get("BACKUP_KILLS", "30" if os.environ.get("CI") == "true" else "12"))


def _backup_events(db):
    with db.read() as s:
        rows = s.execute(select(AuditEvent).where(AuditEvent.action == "database.backup")).scalars().all()
        return [(r.outcome, r.details) for r in rows]


def test_bad_targets_are_refused_in_words_and_failures_audited(st, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for bad in ("", "   "):
        with pytest.raises(BackupFailed):
            station.backup(st.db, st.admin, bad)
    assert not (tmp_path / "workstation.db").exists()
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    with pytest.raises(BackupFailed) as err:
        station.backup(st.db, st.admin, a_file)
    assert "is a file" in err.value.message
    with pytest.raises(BackupFailed):
        station.backup(st.db, st.admin, st.data_dir)
    with pytest.raises(BackupFailed) as err:  # under a file: the OS refuses; audited as failed
        station.backup(st.db, st.admin, a_file / "sub")
    assert "could not be written" in err.value.message
    assert [o for o, _d in _backup_events(st.db)] == ["failed"]
    # an existing empty folder is fine; a second backup into it is refused
    (tmp_path / "empty").mkdir()
    station.backup(st.db, st.admin, tmp_path / "empty")
    with pytest.raises(BackupFailed) as err:
        station.backup(st.db, st.admin, tmp_path / "empty")
    assert "already holds a backup" in err.value.message
    assert [o for o, _d in _backup_events(st.db)] == ["failed", "ok"]


def test_backup_restores_with_its_passphrase(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 12)
    out = station.backup(st.db, st.admin, tmp_path / "bk")
    assert station.check_backup(out.parent)["audit_seq"] > 0
    st.db.close()
    db = station.restore(out.parent, tmp_path / "restored", passphrase=st.passphrase, backend=fail.Keyring())
    try:
        assert db.read_only_reason is None
        with db.read() as s:
            assert s.execute(select(func.count()).select_from(Person)).scalar_one() == 12
            actions = [a for (a,) in s.execute(select(AuditEvent.action).order_by(AuditEvent.seq.desc()).limit(2))]
        assert "database.restore" in actions
    finally:
        db.close()
    # an altered backup is refused before anything is touched
    with open(out, "r+b") as fh:
        fh.seek(5000)
        fh.write(b"\0")
    with pytest.raises(DatabaseDamaged):
        station.restore(out.parent, tmp_path / "again", passphrase=st.passphrase, backend=fail.Keyring())
    assert not (tmp_path / "again" / "workstation.db").exists()


BACKUP_CHILD = r"""
import sys
sys.path.insert(0, sys.argv[3])
import helpers
from keyring.backends import fail
from pathlib import Path
from workstation.storage import station, operators
db, _ = station.unlock(sys.argv[1], passphrase=sys.argv[2], backend=fail.Keyring())
admin = operators.authenticate(db, "admin", helpers.ADMIN_PASSWORD)
print("GO", flush=True)
station.backup(db, admin, Path(sys.argv[4]))
print("DONE", flush=True)
db.close()
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_backup_leaves_nothing_that_looks_valid(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 2000)
    st.db.close()
    rng = random.Random(3)
    tally = {"complete": 0, "nothing": 0, "incomplete (no database)": 0}
    durations = []
    for i in range(BACKUP_KILLS + 1):
        target = tmp_path / f"bk{i}"
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                BACKUP_CHILD,
                str(st.data_dir),
                st.passphrase,
                str(Path(__file__).parents[1]),
                str(target),
            ],
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(SRC)),
        )
        assert child.stdout.readline().strip() == "GO"
        started = time.monotonic()
        if i > 0:  # the first run is whole: it measures how long a backup takes
            time.sleep(rng.uniform(0, durations[0] * 1.2))
            child.send_signal(signal.SIGKILL)
        child.communicate(timeout=120)
        if i == 0:
            durations.append(time.monotonic() - started)
        db_file = target / "workstation.db"
        if db_file.exists():
            # whatever has the real name is complete: it opens and holds every resident
            station.check_backup(target)
            restored = station.restore(target, tmp_path / f"r{i}", passphrase=st.passphrase, backend=fail.Keyring())
            with restored.read() as s:
                assert s.execute(select(func.count()).select_from(Person)).scalar_one() == 2000
            restored.close()
            tally["complete"] += 1
        else:
            if (target / "BACKUP.json").exists():
                pytest.fail("a manifest without its database")
            with pytest.raises(DatabaseDamaged):
                station.check_backup(target)
            tally[
                "nothing"
                if not target.exists() or not any(p for p in target.iterdir() if ".tmp-" not in p.name)
                else "incomplete (no database)"
            ] += 1
    print(f"backup kills: {BACKUP_KILLS}, full backup {durations[0]:.2f}s, outcomes {tally}")


def test_restore_over_a_damaged_station(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 4)
    bk = station.backup(st.db, st.admin, tmp_path / "bk").parent
    st.db.close()
    (st.data_dir / "workstation.db").write_bytes(b"")
    (st.data_dir / "workstation.db.keys").write_bytes(b"garbage")
    with pytest.raises(DatabaseDamaged):
        station.unlock(st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    db = station.restore(bk, st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Person)).scalar_one() == 4
    db.close()
    db, _ = station.unlock(st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    assert db.read_only_reason is None
    db.close()
