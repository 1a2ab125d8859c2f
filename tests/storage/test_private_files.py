"""Files private to the user (issue 9, item 10): every file and folder the station creates is
0700/0600 on POSIX, whatever the umask (Windows: see docs/security.md)."""

import os
import stat
import sys
from pathlib import Path

import pytest
from keyring.backends import fail

from helpers import make_station
from workstation.storage import demo, station

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; Windows relies on profile ACLs")


def _loose(root: Path) -> list[str]:
    bad = []
    for p in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(p.stat().st_mode)
        want = 0o700 if p.is_dir() else 0o600
        if mode != want:
            bad.append(f"{p.relative_to(root.parent)} {oct(mode)}")
    return bad


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_station_files_are_private_whatever_the_umask(tmp_path, open_umask):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 10)
    assert _loose(st.data_dir) == []  # while open: -wal and -shm too
    backup = station.backup(st.db, st.admin, tmp_path / "bk").parent
    new_pass = station.rekey(st.db, st.data_dir, st.admin, passphrase=st.passphrase, confirm=lambda p: p)
    db, _ = station.unlock(st.data_dir, passphrase=new_pass, backend=fail.Keyring())
    assert _loose(st.data_dir) == []
    db.close()
    restored = station.restore(backup, tmp_path / "r", passphrase=st.passphrase, backend=fail.Keyring())
    restored.close()
    for folder in (st.data_dir, backup, tmp_path / "r"):
        assert _loose(folder) == []


def test_an_older_station_is_made_private_at_unlock(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    st.db.close()
    os.chmod(st.data_dir, 0o755)
    for p in st.data_dir.iterdir():
        os.chmod(p, 0o644)
    db, _ = station.unlock(st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    db.close()
    assert _loose(st.data_dir) == []
