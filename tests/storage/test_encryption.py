"""Records are never on disk in plaintext; a wrong key or passphrase changes nothing."""

import sqlite3
from datetime import date

import pytest

from helpers import MemoryKeyring, file_digests
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex
from workstation.storage import station
from workstation.storage.db import Database
from workstation.storage.errors import KeyringUnavailable, WrongKey
from workstation.wiring import open_desk

CANARY_NAME = "欧阳金鳞"
CANARY_ID = "11010519491231002X"
CANARY_PHONE = "13987654321"
CANARY_ADDR = "金丝雀巷九十九号"


def _register_canaries(st):
    officer = st.actor(Role.OFFICER)
    sv = open_desk(st.db, officer, freeze_rules=False)
    pid = sv.housing.create_property(address=CANARY_ADDR, grid_code="G07").id
    room = sv.housing.add_room(pid, label="101").id
    doc = IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID,
        number=CANARY_ID,
        name=CANARY_NAME,
        sex=Sex.FEMALE,
        birth_date=date(1949, 12, 31),
        long_term=True,
        valid_from=date(2010, 1, 1),
    )
    sv.residents.register(doc, phone=CANARY_PHONE, room_id=room, employer="Canary Employer Ltd")
    return sv


def test_canaries_never_appear_in_database_wal_or_shm(st):
    _register_canaries(st)
    files = [p for p in st.data_dir.iterdir() if p.name.startswith("workstation.db")]
    assert any(p.name.endswith("-wal") for p in files), "WAL should exist while the database is open"
    needles = [
        CANARY_NAME.encode("utf-8"),
        CANARY_ID.encode(),
        CANARY_PHONE.encode(),
        CANARY_ADDR.encode("utf-8"),
        b"Canary Employer",
        "欧阳".encode("utf-16-le"),
        b"SQLite format 3",
    ]
    for p in files:
        blob = p.read_bytes()
        for needle in needles:
            assert needle not in blob, f"{needle!r} found in {p.name}"
    # the same check must be able to fail: a plaintext database with the same data shows them
    plain = Database.open_plain(st.data_dir.parent / "plain.db")
    with plain.write() as s:
        s.connection().exec_driver_sql(
            "INSERT INTO station (id, code, name, created_at) VALUES ('x', ?, 'n', '2020-01-01')", (CANARY_ID,)
        )
    plain.close()
    assert CANARY_ID.encode() in (st.data_dir.parent / "plain.db").read_bytes()


def test_plain_sqlite_cannot_open_it(st):
    _register_canaries(st)
    st.db.close()
    conn = sqlite3.connect(st.data_dir / "workstation.db")
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_wrong_key_is_clear_and_changes_nothing(st):
    _register_canaries(st)
    st.db.close()
    before = file_digests(st.data_dir)
    with pytest.raises(WrongKey) as err:
        Database.open(st.data_dir / "workstation.db", b"\x01" * 64)
    assert "does not open this database" in err.value.message
    assert file_digests(st.data_dir) == before


def test_wrong_passphrase_is_clear_and_changes_nothing(st):
    st.db.close()
    before = file_digests(st.data_dir)
    from keyring.backends import fail

    with pytest.raises(WrongKey) as err:
        station.unlock(st.data_dir, passphrase="AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF", backend=fail.Keyring())
    assert "passphrase is wrong" in err.value.message
    assert file_digests(st.data_dir) == before


def test_missing_database_is_not_created(tmp_path):
    from workstation.storage.errors import DatabaseMissing

    with pytest.raises(DatabaseMissing):
        Database.open(tmp_path / "nothing.db", b"\x02" * 64)
    assert not (tmp_path / "nothing.db").exists()


def test_keyring_missing_then_passphrase_then_keyring_restored(st):
    from keyring.backends import fail

    _register_canaries(st)
    st.db.close()
    # keyring gone (no backend at all): keyring-only unlock fails with a clear message
    with pytest.raises(KeyringUnavailable):
        station.unlock(st.data_dir, backend=fail.Keyring())
    db, method = station.unlock(st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    assert method == "passphrase"
    desk = open_desk(db, st.actor(Role.OFFICER, "o2"), freeze_rules=False)
    assert desk.residents.find(CANARY_NAME).items[0].name == CANARY_NAME
    db.close()
    # keyring changed (a new, empty store): passphrase unlock re-creates the entry ...
    new_store = MemoryKeyring()
    with pytest.raises(KeyringUnavailable):
        station.unlock(st.data_dir, backend=new_store)
    db, method = station.unlock(st.data_dir, passphrase=st.passphrase, backend=new_store)
    assert method == "passphrase"
    db.close()
    assert new_store.entries, "keyring entry should have been restored"
    # ... so the next start needs no passphrase
    db, method = station.unlock(st.data_dir, backend=new_store)
    assert method == "keyring"
    db.close()


def test_tampered_keyring_entry_falls_back_to_passphrase(st):
    st.db.close()
    (key,) = st.keyring.entries
    st.keyring.entries[key] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    with pytest.raises(KeyringUnavailable):
        station.unlock(st.data_dir, backend=st.keyring)
    db, method = station.unlock(st.data_dir, passphrase=st.passphrase, backend=st.keyring)
    assert method == "passphrase"
    db.close()


def test_connection_pragmas(st):
    with st.db.read() as s:
        assert s.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert s.connection().exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert s.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert s.connection().exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
        assert s.connection().exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_key_file_holds_no_plaintext_secret(st):
    import json

    doc = json.loads((st.data_dir / "workstation.db.keys").read_text())
    assert set(doc["wrapped"]) == {"passphrase", "keyring"}
    assert st.db.raw_key.hex() not in json.dumps(doc)
