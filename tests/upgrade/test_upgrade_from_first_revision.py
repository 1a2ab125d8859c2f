"""A newer build opens the data of the oldest one: backup first, Alembic upgrade, keys kept, the
audit chain still verifies, every record is still there.

The fixture in ``data/rev0001`` was written by the code of commit 0edc294 (schema revision 0001
only) with ``make_rev0001_station.py``; it is opened here by the current code exactly as a desk
that installed an upgrade would open it.
"""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from helpers import MemoryKeyring
from workstation.storage import audit
from workstation.storage.migrate import current_revision
from workstation.storage.schema import Person
from workstation.storage.station import unlock

FIXTURE = Path(__file__).parent / "data" / "rev0001"


@pytest.fixture
def old_station(tmp_path: Path) -> tuple[Path, dict]:
    data = tmp_path / "station"
    shutil.copytree(FIXTURE, data)
    (data / "expected.json").unlink()
    return data, json.loads((FIXTURE / "expected.json").read_text())


def _heads() -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    from workstation.storage.migrate import alembic_config

    return tuple(ScriptDirectory.from_config(alembic_config()).get_heads())


def test_fixture_is_at_the_first_revision(old_station):
    _, expected = old_station
    assert expected["revision"] == "0001"
    assert _heads() != ("0001",), "the current code must have newer migrations than the fixture"


def test_current_code_upgrades_an_old_station_and_keeps_everything(old_station):
    data, expected = old_station
    before_bytes = (data / "workstation.db").read_bytes()
    db, method = unlock(data, passphrase=expected["passphrase"], backend=MemoryKeyring())
    try:
        assert method == "passphrase"
        assert current_revision(db.engine) == _heads()
        with db.read() as s:
            assert s.execute(select(func.count()).select_from(Person)).scalar_one() == expected["persons"]
            person = s.get(Person, expected["person_id"])
            assert person is not None and person.name == "升级测试"
            # 0014 read the pinyin of the properties already stored: 演示市幸福路1号 of 业主甲
            from workstation.storage.search import property_pinyin_ids

            assert property_pinyin_ids(s, "xingfulu1") == [expected["property_id"]]
            assert property_pinyin_ids(s, "yzj") == [expected["property_id"]]
        with db.read() as s:
            result = audit.verify(s)
        assert result.ok, result.message
        assert result.rows_checked > expected["audit_rows"]  # the old trail plus the unlock row
    finally:
        db.close()

    # backup first: the untouched old file sits in backups/, openable with the same passphrase
    snapshots = sorted((data / "backups").iterdir())
    assert len(snapshots) == 1
    snap = snapshots[0]
    assert snap.name.startswith("before-upgrade-0001-to-")
    assert (snap / "workstation.db").read_bytes() == before_bytes
    assert (snap / "workstation.db.keys").exists()
    assert stat.S_IMODE(snap.stat().st_mode) == 0o700
    assert stat.S_IMODE((snap / "workstation.db").stat().st_mode) == 0o600
    old = snap / "workstation.db"
    from workstation.storage.db import Database
    from workstation.storage.vault import KeyVault

    master = KeyVault(snap / "workstation.db.keys", backend=MemoryKeyring()).unlock_with_passphrase(
        expected["passphrase"], restore_keyring=False
    )
    copy = Database.open(old, master, migrate=False)
    try:
        assert current_revision(copy.engine) == ("0001",)
    finally:
        copy.close()


def test_reopening_after_the_upgrade_takes_no_second_backup(old_station):
    data, expected = old_station
    for _ in range(2):
        db, _ = unlock(data, passphrase=expected["passphrase"], backend=MemoryKeyring())
        db.close()
    assert len(list((data / "backups").iterdir())) == 1
