"""Disk full, database busy, read-only, damaged: each reaches the operator as a known error with a plain
message naming the file, mapped once by SQLite result code (issue 8 item 4). Real SQLCipher files and
real SQLite conditions, no mocks."""

from datetime import date

import pytest
from sqlalchemy import event, func, select, text

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex
from workstation.errors import UserFacingError
from workstation.storage.db import Database, connect_raw
from workstation.storage.schema import Person
from workstation.storage.sqlite_errors import (
    DatabaseBusy,
    DatabaseCorrupt,
    DatabaseReadOnly,
    DiskFull,
    EnvironmentProblem,
    known_error,
)
from workstation.wiring import open_desk


def _doc(seq: int) -> IdentityDocument:
    from workstation.domain.validation import gb11643_check_char

    first17 = f"11010519800101{seq:03d}"
    n = first17 + gb11643_check_char(first17)
    return IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID, number=n, name="测试", sex=Sex.MALE if int(n[16]) % 2 else Sex.FEMALE,
        birth_date=date(1980, 1, 1),
    )


def _on_every_checkout(db: Database, sql: str) -> None:
    """Run `sql` on each pooled connection as it is handed out (a per-connection pragma)."""
    event.listen(db.engine, "checkout", lambda dbapi_conn, _rec, _proxy: dbapi_conn.execute(sql))


def _people(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(Person)).scalar_one())


def test_disk_full_is_a_known_error_and_saves_nothing(st):
    desk = open_desk(st.db, st.actor(Role.OFFICER))
    desk.residents.register(_doc(1))
    with st.db.read() as s:
        pages = int(s.execute(text("PRAGMA page_count")).scalar_one())
    _on_every_checkout(st.db, f"PRAGMA max_page_count = {pages + 2}")  # the disk is "full" two pages on
    with pytest.raises(DiskFull) as err:
        desk.residents.register(_doc(2), notes="很长的备注" * 20_000)
    assert str(st.db.path) in err.value.message and "磁盘已满" in err.value.message_zh
    assert isinstance(err.value, UserFacingError) and err.value.code == 13
    assert _people(st.db) == 1


def test_database_busy_elsewhere_is_a_known_error(st):
    desk = open_desk(st.db, st.actor(Role.OFFICER))
    _on_every_checkout(st.db, "PRAGMA busy_timeout = 50")
    other = connect_raw(st.db.path, st.db.raw_key)  # another program holds the write lock
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseBusy) as err:
            desk.residents.register(_doc(3))
        assert "another program" in err.value.message
    finally:
        other.execute("ROLLBACK")
        other.close()
    desk.residents.register(_doc(3))  # released: the same call goes through
    assert _people(st.db) == 1


def test_read_only_database_is_a_known_error(st):
    desk = open_desk(st.db, st.actor(Role.OFFICER))
    _on_every_checkout(st.db, "PRAGMA query_only = ON")
    with pytest.raises(DatabaseReadOnly) as err:
        desk.residents.register(_doc(4))
    assert "cannot be written" in err.value.message


def test_a_damaged_file_is_a_known_error(st):
    path, master = st.db.path, st.db._master
    st.db.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(1, len(data) // page):  # every page but the first (the key check still passes)
        data[n * page + 100] ^= 0xFF
    path.write_bytes(bytes(data))
    db = Database(path, master)
    try:
        with pytest.raises(DatabaseCorrupt) as err, db.read() as s:
            for table in ("operator", "setting", "audit_event", "person"):
                s.execute(text(f"SELECT * FROM {table}")).all()
        assert "restore it from the latest backup" in err.value.message and str(path) in err.value.message
    finally:
        db.close()


def test_other_database_errors_stay_bugs(st):
    with pytest.raises(Exception) as err, st.db.write() as s:
        s.execute(text("SELECT * FROM no_such_table"))
    assert not isinstance(err.value, EnvironmentProblem)
    assert known_error(err.value, st.db.path) is None
    assert known_error(ValueError("disk full"), st.db.path) is None  # never by the words of a message


def test_sqlcipher_errors_arrive_as_sqlalchemy_errors(st):
    """The engine is given SQLCipher's DB-API module, so its errors are wrapped like any driver's:
    `except sqlalchemy.exc.IntegrityError` (the sync conflicts' "platform values break a rule") and
    `except sqlalchemy.exc.DatabaseError` (`Database.open`'s damaged-file path) catch them, and the
    original SQLCipher error is kept in `.orig` with its SQLite result code."""
    import sqlalchemy.exc
    from sqlcipher3 import dbapi2 as sqlcipher

    from workstation.storage.sqlite_errors import sqlite_code

    with pytest.raises(sqlalchemy.exc.IntegrityError) as err, st.db.write() as s:
        s.execute(text("CREATE TEMP TABLE once (x UNIQUE)"))
        s.execute(text("INSERT INTO once VALUES (1)"))
        s.execute(text("INSERT INTO once VALUES (1)"))
    assert isinstance(err.value.orig, sqlcipher.IntegrityError)
    assert sqlite_code(err.value) == 19  # SQLITE_CONSTRAINT
    with pytest.raises(sqlalchemy.exc.OperationalError), st.db.write() as s:
        s.execute(text("SELECT * FROM no_such_table"))
