"""One owner of the data folder (issue 9, item 1): while another process holds a station open,
rekey and restore refuse ("close the workstation app first") and lose nothing; a second app
instance is refused; a killed holder leaves no stale lock."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from keyring.backends import fail
from sqlalchemy import func, select

from helpers import file_digests, make_station
from workstation.storage import demo, lock, station
from workstation.storage.errors import AppAlreadyRunning, StationBusy
from workstation.storage.schema import Person

SRC = Path(__file__).parents[2] / "src"

# Another process: opens the station, registers a resident every 50 ms, prints each save.
HOLDER = r"""
import sys, time
sys.path.insert(0, sys.argv[3])
import helpers
from keyring.backends import fail
from pathlib import Path
from workstation.storage import demo, station, lock
data_dir = Path(sys.argv[1])
app = lock.acquire_app_lock(data_dir) if sys.argv[4] == "app" else None
db, _ = station.unlock(data_dir, passphrase=sys.argv[2], backend=fail.Keyring())
print("READY", flush=True)
for i in range(10_000):
    if sys.stdin.readable() and i >= 1 and sys.argv[4] == "stop-after-5" and i > 5:
        break
    demo.generate(db, 1, seed=1000 + i)
    print("SAVED", i, flush=True)
    time.sleep(0.05)
db.close()
"""


def _holder(st, mode="write"):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(st.data_dir), st.passphrase, str(Path(__file__).parents[1]), mode],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(SRC)),
    )
    assert child.stdout.readline().strip() == "READY"
    return child


def _count(data_dir, passphrase):
    db, _ = station.unlock(data_dir, passphrase=passphrase, backend=fail.Keyring())
    with db.read() as s:
        n = s.execute(select(func.count()).select_from(Person)).scalar_one()
    db.close()
    return n


def test_rekey_and_restore_refused_while_another_process_writes(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 5)
    backup = station.backup(st.db, st.admin, tmp_path / "bk").parent
    child = _holder(st)
    try:
        for _ in range(3):
            child.stdout.readline()
        with pytest.raises(StationBusy) as err:
            station.rekey(st.db, st.data_dir, st.admin, passphrase=st.passphrase, confirm=lambda p: p)
        assert "Close the workstation app" in err.value.message
        st.db.close()
        with pytest.raises(StationBusy):
            station.restore(backup, st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    finally:
        child.terminate()
        out, _ = child.communicate(timeout=30)
    saved = 3 + out.count("SAVED")
    # every save the other process reported is there, under the old passphrase
    assert _count(st.data_dir, st.passphrase) >= 5 + saved - 1


def test_second_app_instance_is_refused_and_a_dead_holder_leaves_no_lock(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    st.db.close()
    child = _holder(st, "app")
    try:
        with pytest.raises(AppAlreadyRunning):
            lock.acquire_app_lock(st.data_dir)
        with pytest.raises(StationBusy):
            lock.acquire_station_lock(st.data_dir, exclusive=True)
        lock.acquire_station_lock(st.data_dir).release()  # a shared opener (admin status) is fine
    finally:
        child.kill()
        child.communicate(timeout=30)
    lock.acquire_app_lock(st.data_dir).release()  # the OS dropped the dead process's locks
    lock.acquire_station_lock(st.data_dir, exclusive=True).release()


def test_the_same_process_twice_is_also_one_owner_each(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    first = lock.acquire_app_lock(st.data_dir)
    with pytest.raises(AppAlreadyRunning):
        lock.acquire_app_lock(st.data_dir)
    first.release()
    before = file_digests(st.data_dir)
    other, _ = station.unlock(st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    with pytest.raises(StationBusy):
        station.begin_rekey(st.db, st.data_dir, st.admin, passphrase=st.passphrase, backend=fail.Keyring())
    assert {k: v for k, v in file_digests(st.data_dir).items() if k.endswith((".keys", ".keys.bak"))} == {
        k: v for k, v in before.items() if k.endswith((".keys", ".keys.bak"))
    }
    other.close()
    st.db.close()


def test_leftover_temp_files_of_a_killed_write_are_removed_only_when_alone(tmp_path):
    """A process killed inside write_atomic leaves ``<file>.tmp-*`` (the rekey kill test found an
    anchor one). The next unlock removes every such leftover of the station's files, but only when
    no other process has the station open (its own atomic write may be under way)."""
    st = make_station(tmp_path / "station", backend=fail.Keyring())
    st.db.close()
    leftovers = [st.data_dir / f"workstation.db.anchor.tmp-dead{i}" for i in range(2)]
    leftovers.append(st.data_dir / "workstation.db.keys.tmp-deadbeef")
    for p in leftovers:
        p.write_bytes(b"half")
    other = lock.acquire_station_lock(st.data_dir)  # another process has it open
    try:
        db, _ = station.unlock(st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
        db.close()
        assert all(p.exists() for p in leftovers)
    finally:
        other.release()
    db, _ = station.unlock(st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    db.close()
    assert not any(p.exists() for p in leftovers)
