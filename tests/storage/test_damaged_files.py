"""Damaged files (issue 9, item 5): never a new station in place of the one asked for, never a
traceback; each case names the file and what to do, and leaves the files as they were."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from keyring.backends import fail

from helpers import ADMIN_PASSWORD, file_digests, make_station
from workstation.storage import demo, station
from workstation.storage.errors import DatabaseDamaged, KeyFileDamaged

DB, KEYS = "workstation.db", "workstation.db.keys"


def _zero(d):
    (d / DB).write_bytes(b"")


def _truncate_to(n):
    def damage(d):
        with open(d / DB, "r+b") as fh:
            fh.truncate(n)

    return damage


def _half(d):
    size = (d / DB).stat().st_size
    _truncate_to(size // 2)(d)


def _flip(offset_from_start):
    def damage(d):
        with open(d / DB, "r+b") as fh:
            fh.seek(offset_from_start)
            b = fh.read(1)
            fh.seek(offset_from_start)
            fh.write(bytes([b[0] ^ 0x10]))

    return damage


def _flip_last_page(d):
    _flip((d / DB).stat().st_size - 2000)(d)


def _plain(d):
    import sqlite3

    (d / DB).unlink()
    sqlite3.connect(d / DB).execute("CREATE TABLE x (y)").connection.close()


def _no_keys(d):
    (d / KEYS).unlink()
    (d / (KEYS + ".bak")).unlink(missing_ok=True)


def _garbage_keys(d):
    (d / KEYS).write_bytes(os.urandom(300))
    (d / (KEYS + ".bak")).unlink(missing_ok=True)


def _mistyped_keys(field, value):
    def damage(d):
        doc = json.loads((d / KEYS).read_text())
        target = doc
        *path, last = field.split(".")
        for k in path:
            target = target[k]
        target[last] = value
        (d / KEYS).write_text(json.dumps(doc))
        (d / (KEYS + ".bak")).unlink(missing_ok=True)

    return damage


def _other_station_keys(other):
    def damage(d):
        shutil.copy2(other / KEYS, d / KEYS)
        (d / (KEYS + ".bak")).unlink(missing_ok=True)

    return damage


def _stale_wal_of(other):
    def damage(d):
        shutil.copy2(other / (DB + "-wal"), d / (DB + "-wal"))

    return damage


@pytest.fixture(scope="module")
def other_station(tmp_path_factory):
    """Another station, killed while its WAL held data (for the stale-WAL case)."""
    base = tmp_path_factory.mktemp("other")
    st = make_station(base / "st", demo=True)
    passphrase = st.passphrase
    st.db.close()
    code = (
        "import sys,os\nsys.path.insert(0, sys.argv[3])\nimport helpers\nfrom keyring.backends import fail\n"
        "from workstation.storage import station, demo\n"
        "db,_ = station.unlock(sys.argv[1], passphrase=sys.argv[2], backend=fail.Keyring())\n"
        "demo.generate(db, 20)\nos._exit(0)\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(base / "st"), passphrase, str(os.path.dirname(os.path.dirname(__file__)))],
        check=True,
    )
    assert (base / "st" / (DB + "-wal")).stat().st_size > 0
    (base / "passphrase").write_text(passphrase)
    return base / "st"


CASES = {
    "zero-byte database": (_zero, DatabaseDamaged, DB, "empty"),
    "cut to 100 bytes": (_truncate_to(100), DatabaseDamaged, DB, "cut off"),
    "cut to 3 pages": (_truncate_to(3 * 4096), DatabaseDamaged, DB, ""),
    "half a database": (_half, DatabaseDamaged, DB, ""),
    "bit flip in page 1": (_flip(100), DatabaseDamaged, DB, "damaged"),
    "bit flip in the last page": (_flip_last_page, DatabaseDamaged, DB, "damaged"),
    "plaintext database": (_plain, DatabaseDamaged, DB, "unencrypted"),
    "missing key file": (_no_keys, KeyFileDamaged, KEYS, "missing"),
    "garbage key file": (_garbage_keys, KeyFileDamaged, KEYS, "damaged"),
    "key file with a number for a string": (_mistyped_keys("wrapped.passphrase.salt", 5), KeyFileDamaged, KEYS, ""),
    "key file with a string for a number": (
        _mistyped_keys("wrapped.passphrase.time_cost", "3"),
        KeyFileDamaged,
        KEYS,
        "",
    ),
    "key file asking for 1 TB of memory": (
        _mistyped_keys("wrapped.passphrase.memory_kib", 2**30),
        KeyFileDamaged,
        KEYS,
        "",
    ),
    "key file with bad base64": (
        _mistyped_keys("wrapped.passphrase.ct", "!!!!not-base64!!!!"),
        KeyFileDamaged,
        KEYS,
        "",
    ),
    "key file of an unknown version": (_mistyped_keys("version", 9), KeyFileDamaged, KEYS, ""),
    "key file without wraps": (_mistyped_keys("wrapped", {}), KeyFileDamaged, KEYS, ""),
}


@pytest.mark.parametrize("case", [*CASES, "stale WAL from another station", "key file of another station"])
def test_damaged_file_is_named_and_left_as_it_was(case, tmp_path, other_station):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 30)
    passphrase = st.passphrase
    st.db.close()
    if case == "stale WAL from another station":
        damage, kind, name, words = _stale_wal_of(other_station), DatabaseDamaged, DB, "another station"
    elif case == "key file of another station":
        damage, kind, name, words = _other_station_keys(other_station), DatabaseDamaged, DB, "another station"
        passphrase = (other_station.parent / "passphrase").read_text()  # the key file's own passphrase
    else:
        damage, kind, name, words = CASES[case]
    damage(st.data_dir)
    before = file_digests(st.data_dir)
    with pytest.raises(kind) as err:
        db, _ = station.unlock(st.data_dir, passphrase=passphrase, backend=fail.Keyring())
        db.close()  # (only reached when the damage went unnoticed)
    msg = err.value.message
    assert name in msg and ("backup" in msg or "restore" in msg.lower()), msg
    assert words in msg, msg
    after = file_digests(st.data_dir)
    assert {k: v for k, v in after.items() if k != "workstation.lock"} == {
        k: v for k, v in before.items() if k != "workstation.lock"
    }, "the damaged files must be left exactly as they were"
    assert err.value.message_zh and err.value.message_zh != msg


def test_zero_byte_database_through_the_cli_is_a_message_not_a_new_station(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    st.db.close()
    _zero(st.data_dir)
    env = dict(
        os.environ,
        WORKSTATION_PASSPHRASE=st.passphrase,
        WORKSTATION_ADMIN_PASSWORD=ADMIN_PASSWORD,
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    r = subprocess.run(
        [sys.executable, "-m", "workstation.cli.admin", "--data-dir", str(st.data_dir), "status"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode != 0 and "Traceback" not in r.stderr and "empty" in r.stderr
    assert (st.data_dir / DB).stat().st_size == 0


def test_a_damaged_station_is_not_touched_even_to_restore_the_keyring(tmp_path):
    from helpers import MemoryKeyring

    kr = MemoryKeyring()
    st = make_station(tmp_path / "s", backend=kr)
    st.db.close()
    kr.entries.clear()  # the keyring lost its entry: a passphrase unlock would re-create it...
    _half(st.data_dir)
    before = file_digests(st.data_dir)
    with pytest.raises(DatabaseDamaged):
        station.unlock(st.data_dir, passphrase=st.passphrase, backend=kr)
    assert file_digests(st.data_dir) == before and not kr.entries  # ...but not on a damaged station
