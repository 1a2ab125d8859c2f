"""The outbox's acknowledgement (`outbox.mark_acknowledged`, set-based in SQLite) and the batch content's
canonical JSON built in slices (`envelope.canonical_sliced`), on a real SQLCipher station."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from helpers import make_station
from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex
from workstation.domain.validation import gb11643_check_char
from workstation.storage import outbox
from workstation.storage.schema import OutboxEntry, Person
from workstation.sync import envelope as env
from workstation.wiring import open_desk


@pytest.fixture
def st(tmp_path):
    s = make_station(tmp_path / "station")
    yield s
    s.db.close()


def _register(desk, n: int) -> list[str]:
    ids = []
    for i in range(n):
        first17 = f"11010519800101{2 * i + 1:03d}"  # odd: male
        doc = IdentityDocument(
            doc_type=DocumentType.RESIDENT_ID, number=first17 + gb11643_check_char(first17), name=f"测试{i}",
            sex=Sex.MALE, birth_date=date(1980, 1, 1),
        )
        ids.append(desk.residents.register(doc).id)
    return ids


def _rows(st, pid: str) -> list[tuple[int, int, datetime | None]]:
    with st.db.read() as s:
        return [tuple(r) for r in s.execute(
            select(OutboxEntry.seq, OutboxEntry.version, OutboxEntry.acked_at)
            .where(OutboxEntry.record_type == "person", OutboxEntry.record_id == pid).order_by(OutboxEntry.seq)
        )]


def _acked_version(st, pid: str) -> int | None:
    with st.db.read() as s:
        return s.get(Person, pid).acked_version


@pytest.mark.parametrize("chunk", [outbox.ACK_CHUNK, 2])
def test_acknowledging_raises_each_record_to_its_newest_acknowledged_version(st, monkeypatch, chunk):
    monkeypatch.setattr(outbox, "ACK_CHUNK", chunk)  # 2: one record's versions fall in different chunks
    desk = open_desk(st.db, st.actor(Role.OFFICER), freeze_rules=False)
    a, b = _register(desk, 2)
    for n in range(3):  # a: versions 1..4
        version = desk.residents.get(a).version
        desk.residents.update(a, base_version=version, phone=f"1380013800{n}")
    rows_a, rows_b = _rows(st, a), _rows(st, b)
    assert [v for _s, v, _at in rows_a] == [1, 2, 3, 4] and [v for _s, v, _at in rows_b] == [1]
    at = datetime(2026, 5, 1, 8, 30)
    with st.db.write() as s:  # versions 1..3 of a, and b
        n = outbox.mark_acknowledged(s, [q for q, v, _at in rows_a if v <= 3] + [rows_b[0][0]], at)
    assert n == 4
    assert _acked_version(st, a) == 3 and _acked_version(st, b) == 1
    assert [at_ is not None for _s, _v, at_ in _rows(st, a)] == [True, True, True, False]
    with st.db.write() as s:  # again, with the newest: only the new row counts; an older one lowers nothing
        n = outbox.mark_acknowledged(s, [rows_a[0][0], rows_a[3][0]], datetime(2026, 5, 2))
    assert n == 1
    assert _acked_version(st, a) == 4
    assert all(at_ is not None for _s, _v, at_ in _rows(st, a))
    assert _rows(st, a)[0][2] == at  # an acknowledged row keeps its first acknowledgement time


def test_a_record_type_without_a_table_is_acknowledged_in_the_outbox_only(st):
    with st.db.write() as s:
        entry = outbox.append_payload(s, record_type="prereg", record_id="P-1", operation="update", version=1,
                                      base_version=None, payload={"outcome": "registered"})
        s.flush()
        seq = entry.seq
    with st.db.write() as s:
        assert outbox.mark_acknowledged(s, [seq], datetime(2026, 5, 1)) == 1
        assert outbox.mark_acknowledged(s, [], datetime(2026, 5, 1)) == 0
    with st.db.read() as s:
        assert s.get(OutboxEntry, seq).acked_at == datetime(2026, 5, 1)


@pytest.mark.parametrize("count", [0, 1, 49, 50, 51, 1001])
def test_canonical_sliced_is_canonical_byte_for_byte(count):
    records = [
        {"seq": i, "record_type": "person", "record_id": f"id-{i}", "version": 2, "base_version": None,
         "operation": "update", "payload": json.dumps({"name": "张三", "note": 'a "quote"\n'}, ensure_ascii=False),
         "created_at": env.utc_iso(datetime(2026, 5, 1, 8, 30, 0, i % 3))}
        for i in range(count)
    ]
    content = {"records": records, "checkpoint": {"seq": 7, "hash": "ab"}, "checkpoint_sig": "c2ln",
               "station_code": "440305001"}
    assert env.canonical_sliced(content, "records") == env.canonical(content)


def test_utc_iso_of_a_naive_time_is_utc_with_its_offset():
    assert env.utc_iso(datetime(2026, 5, 1, 8, 30)) == "2026-05-01T08:30:00+00:00"
    assert env.utc_iso(datetime(2026, 5, 1, 8, 30, 0, 123456)) == "2026-05-01T08:30:00.123456+00:00"
    back = env.parse_time(env.utc_iso(datetime(2026, 5, 1, 8, 30)))
    assert back == datetime.fromisoformat("2026-05-01T08:30:00+00:00")
