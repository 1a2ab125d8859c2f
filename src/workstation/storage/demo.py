"""Synthetic demo data: residents, properties, rooms and bindings with valid check digits.

Clearly synthetic: every address is in 演示市 (a city that does not exist), every record carries
the note "演示数据（虚构）" (demo data, invented), and phone numbers use the 170 prefix block. Names are drawn from
common surnames and given-name characters, so search behaves as it would on real data.

The bulk path writes with executemany in large transactions and one audit row per call; demo
records are marked acknowledged (they never sync). Synthetic data goes only into a station created as
a demo station (`init_station(demo=True)`); ID numbers never repeat one already in the station, so
the same seed run twice gives new people, not duplicates.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from workstation.domain.validation import gb11643_check_char
from workstation.errors import UserFacingError
from workstation.storage import audit
from workstation.storage.db import Database
from workstation.storage.schema import (
    Declaration,
    IdentityDocumentRow,
    Person,
    Property,
    Room,
    Station,
    Tenancy,
    utcnow,
)
from workstation.storage.search import index_property_keys, name_index

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣怡佳琪梓涵子轩浩然雨彤思远一鸣晨曦嘉怡文博志强海峰建国建华丽娟晓明晓燕"
STREETS = [
    "幸福路",
    "和平街",
    "建设大道",
    "人民路",
    "光明巷",
    "朝阳路",
    "新华街",
    "育才路",
    "文化路",
    "解放大道",
    "青年路",
    "东风街",
    "滨河路",
    "花园巷",
    "振兴路",
    "科技园路",
    "南湖街",
    "北山路",
    "西岭巷",
    "长安街",
]
DISTRICTS = ["东城区", "西城区", "南湖区", "北山区", "新港区"]
REGIONS = ["110105", "310104", "440305", "420106", "510107", "330106", "320102", "610113", "430104", "350203"]
EMPLOYERS = ["演示科技有限公司", "示范物流公司", "样例餐饮店", "演示建筑工程队", "示例制衣厂", None, None]


class NotADemoStation(UserFacingError):
    def __init__(self) -> None:
        super().__init__(
            "Synthetic demo data can only be added to a demo station (one created as a demo station), "
            "never to a station in service.",
            "演示数据只能加入演示工作站（创建时即为演示站），不能加入正在使用的工作站。",
        )


def _unique_numbers(s: Session, rng: random.Random, docs: list[dict[str, object]]) -> None:
    """Redraw every ID number in `docs` that repeats one in this chunk or already in the station."""
    seen: set[str] = set()
    todo = list(docs)
    while todo:
        taken: set[str] = set()
        numbers = [str(d["number"]) for d in todo]
        for i in range(0, len(numbers), 500):
            part = numbers[i : i + 500]
            taken.update(s.execute(select(IdentityDocumentRow.number).where(IdentityDocumentRow.number.in_(part))).scalars())
        again = []
        for d in todo:
            n = str(d["number"])
            if n in taken or n in seen:
                born = date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
                d["number"] = synthetic_id(rng, born, int(n[16]) % 2 == 1)
                again.append(d)
            else:
                seen.add(n)
        todo = again


def synthetic_id(rng: random.Random, born: date, male: bool) -> str:
    seq = rng.randrange(0, 500) * 2 + (1 if male else 0)
    first17 = f"{rng.choice(REGIONS)}{born:%Y%m%d}{seq:03d}"
    return first17 + gb11643_check_char(first17)


def synthetic_name(rng: random.Random) -> str:
    n = 1 if rng.random() < 0.35 else 2
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(n))


def generate(
    db: Database,
    n_residents: int,
    *,
    seed: int = 1,
    actor: str = "demo",
    chunk: int = 20_000,
    residents_per_property: int = 10,
) -> dict[str, int]:
    """Insert n synthetic residents with documents, properties (≈ n/10), rooms and bindings; returns
    the count per table. Raises NotADemoStation on a station not created as a demo station, and
    UserFacingError for a negative count. ID numbers are unique within the station."""
    if n_residents < 0:
        raise UserFacingError("The number of residents cannot be negative.", "居民数量不能为负数。")
    with db.read() as s:
        st = s.execute(select(Station)).scalar_one_or_none()
        existing = int(s.execute(select(func.count()).select_from(Person)).scalar_one())
    if st is None or not st.demo:
        raise NotADemoStation()
    # a second run with the same seed continues where the first left off instead of repeating it
    rng = random.Random(f"{seed}:{existing}")
    counts = {"person": 0, "identity_document": 0, "property": 0, "room": 0, "tenancy": 0, "declaration": 0}
    today = date.today()
    now = utcnow()
    seen_rooms: dict[str, dict[str, object]] = {}  # a property's rooms may be made in an earlier chunk
    seen_landlords: dict[str, object] = {}
    for rows in _chunks(rng, n_residents, chunk, residents_per_property, today, now):
        with db.write() as s:
            _unique_numbers(s, rng, dict(rows)[IdentityDocumentRow])
            rows.append((Declaration, _declarations(rows, now, seen_rooms, seen_landlords)))
            for model, values in rows:
                if values:
                    s.execute(insert(model.__table__), values)  # Core executemany: the bulk path
                    counts[model.__tablename__] += len(values)
                if model is Property:  # the bulk path bypasses the mapper's events: pinyin keys here
                    index_property_keys(s, [(str(v["id"]), str(v["address"]), v["landlord_name"])  # type: ignore[misc]
                                            for v in values])
    with db.write() as s:
        audit.record(
            s,
            actor=actor,
            action="demo.generate",
            details=", ".join(f"{k}={v}" for k, v in counts.items()) + f" seed={seed}",
        )
    return counts


def _chunks(
    rng: random.Random, n: int, chunk: int, per_prop: int, today: date, now: datetime
) -> Iterator[list[tuple[Any, list[dict[str, object]]]]]:
    made = 0
    prop_no = 0
    while made < n:
        size = min(chunk, n - made)
        people: list[dict[str, object]] = []
        docs: list[dict[str, object]] = []
        props: list[dict[str, object]] = []
        rooms: list[dict[str, object]] = []
        tenancies: list[dict[str, object]] = []
        room_ids: list[tuple[str, str, str]] = []
        for i in range(size):
            if (made + i) % per_prop == 0:
                prop_no += 1
                pid = str(uuid.uuid4())
                grid = f"G{rng.randrange(1, 41):02d}"
                props.append(
                    dict(
                        id=pid,
                        version=1,
                        acked_version=1,
                        created_at=now,
                        updated_at=now,
                        address=f"演示市{rng.choice(DISTRICTS)}{rng.choice(STREETS)}{prop_no}号",
                        grid_code=grid,
                        kind="apartment",
                        landlord_name=synthetic_name(rng),
                        landlord_phone=f"170{rng.randrange(10**8):08d}",
                        created_by="demo",
                    )
                )
                room_ids = []
                for r in range(1, 5):
                    rid = str(uuid.uuid4())
                    rooms.append(
                        dict(
                            id=rid,
                            version=1,
                            acked_version=1,
                            created_at=now,
                            updated_at=now,
                            property_id=pid,
                            label=f"{rng.randrange(1, 8)}0{r}",
                            created_by="demo",
                        )
                    )
                    room_ids.append((rid, pid, grid))
            male = rng.random() < 0.5
            born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 55))
            name = synthetic_name(rng)
            person_id = str(uuid.uuid4())
            room_id, prop_id, grid = rng.choice(room_ids)
            created = now - timedelta(days=rng.randrange(0, 60), minutes=rng.randrange(0, 1440))
            people.append(
                dict(
                    id=person_id,
                    version=1,
                    acked_version=1,
                    created_at=created,
                    updated_at=created,
                    name=name,
                    **name_index(name),
                    sex="1" if male else "2",
                    birth_date=born,
                    phone=f"170{rng.randrange(10**8):08d}",
                    employer=rng.choice(EMPLOYERS),
                    arrival_date=today - timedelta(days=rng.randrange(1, 900)),
                    notes="演示数据（虚构）",
                    grid_code=grid,
                    property_id=prop_id,
                    created_by="demo",
                )
            )
            docs.append(
                dict(
                    id=str(uuid.uuid4()),
                    version=1,
                    acked_version=1,
                    created_at=created,
                    updated_at=created,
                    person_id=person_id,
                    doc_type="resident_id",
                    number=synthetic_id(rng, born, male),
                    long_term=born.year < 1975,
                    valid_from=date(2015, 1, 1),
                    source="manual",
                    created_by="demo",
                )
            )
            tenancies.append(
                dict(
                    id=str(uuid.uuid4()),
                    version=1,
                    acked_version=1,
                    created_at=created,
                    updated_at=created,
                    person_id=person_id,
                    room_id=room_id,
                    start_date=today - timedelta(days=rng.randrange(1, 700)),
                    relation="tenant",
                    source="landlord_declaration",
                    created_by="demo",
                )
            )
        made += size
        yield [(Property, props), (Room, rooms), (Person, people), (IdentityDocumentRow, docs), (Tenancy, tenancies)]


def _declarations(
    rows: list[tuple[Any, list[dict[str, object]]]], now: datetime, seen_rooms: dict[str, dict[str, object]],
    seen_landlords: dict[str, object],
) -> list[dict[str, object]]:
    """One landlord declaration (业主申报) per property of a chunk, naming every tenant bound there
    (name, ID number, room, since), dated the day the last of them moved in: the demo bindings are
    recorded "from the landlord's declaration", so the declaration they come from exists too and the
    declaration comparison agrees with the record. Called after `_unique_numbers` (the final numbers);
    `seen_rooms` / `seen_landlords` carry rooms and landlords over from earlier chunks."""
    tables = dict(rows)
    seen_rooms.update({str(r["id"]): r for r in tables[Room]})
    seen_landlords.update({str(p["id"]): p["landlord_name"] for p in tables[Property]})
    room_of, landlord = seen_rooms, seen_landlords
    name_of = {str(p["id"]): p["name"] for p in tables[Person]}
    number_of = {str(d["person_id"]): d["number"] for d in tables[IdentityDocumentRow]}
    entries: dict[str, list[dict[str, str]]] = {}
    last: dict[str, date] = {}
    for t in tables[Tenancy]:
        room = room_of[str(t["room_id"])]
        pid = str(room["property_id"])
        start = t["start_date"]
        assert isinstance(start, date)
        entries.setdefault(pid, []).append({
            "name": str(name_of[str(t["person_id"])]), "id_number": str(number_of[str(t["person_id"])]),
            "room": str(room["label"]), "since": start.isoformat(),
        })
        last[pid] = max(last.get(pid, start), start)
    return [
        dict(id=str(uuid.uuid4()), version=1, acked_version=1, created_at=now, updated_at=now, property_id=pid,
             declared_on=last[pid], declarant_name=str(landlord.get(pid) or "业主"), declarant_phone=None,
             entries=found, created_by="demo")
        for pid, found in entries.items()
    ]


DEMO_CARD_NUMBER = "11010519491231002X"  # the emulated reader's resident ID card (resources/scenarios/cards)


def platform_work(db: Database, *, today: date | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What the demo platform sends a new demo station: a few tasks (keyword arguments of
    `Central.push_task`, without the station) about its own residents and properties, one of them
    overdue, and pre-registrations (`Central.import_prereg` rows), one for the card on the emulated
    reader. Synthetic, like everything the demo holds. Returns (tasks, pre-registrations)."""
    today = today or date.today()
    with db.read() as s:
        person = s.execute(
            select(Person.id, Person.name).where(Person.deleted_at.is_(None)).order_by(Person.id).limit(1)
        ).first()
        prop = s.execute(
            select(Property.id, Property.address).where(Property.deleted_at.is_(None)).order_by(Property.id).limit(1)
        ).first()
    tasks: list[dict[str, Any]] = []
    if person is not None:
        tasks.append({
            "title": f"核查{person.name}的居住情况", "kind": "verify_person", "subject_type": "person",
            "subject_ref": person.id, "due_date": (today - timedelta(days=2)).isoformat(),
            "details": "综管站转来：请核实此人是否仍在登记地址居住。",
        })
    if prop is not None:
        tasks.append({
            "title": f"复查出租屋：{prop.address}", "kind": "revisit_property", "subject_type": "property",
            "subject_ref": prop.id, "due_date": (today + timedelta(days=3)).isoformat(),
            "details": "房东申报人数与登记不一致，请上门复查。",
        })
    tasks.append({
        "title": "辖区治安隐患排查", "kind": "other", "due_date": (today + timedelta(days=14)).isoformat(),
        "details": "按分局部署开展本月排查。",
    })
    preregs: list[dict[str, Any]] = [
        {"name": "张三", "id_number": DEMO_CARD_NUMBER, "phone": "13800000001",
         "address": "深圳市南山区演示路1号201室", "submitted_at": today.isoformat()},
        {"name": "王五", "id_number_masked": "4403**********1234", "phone": "13800000002",
         "address": "深圳市南山区演示路8号", "submitted_at": today.isoformat()},
    ]
    return tasks, preregs
