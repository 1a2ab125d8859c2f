import pytest
from sqlalchemy import func, select

from helpers import make_station
from workstation.storage import demo
from workstation.storage.demo import NotADemoStation
from workstation.storage.schema import IdentityDocumentRow, Person
from workstation.wiring import open_desk


def test_demo_data_is_refused_on_a_station_in_service(st):
    with pytest.raises(NotADemoStation, match="demo station"):
        demo.generate(st.db, 10)
    assert open_desk(st.db, st.admin).supervision.count_residents() == 0


def test_the_same_seed_twice_gives_no_duplicate_id_numbers(tmp_path):
    s = make_station(tmp_path / "demo", demo=True)
    try:
        demo.generate(s.db, 300, seed=1)
        demo.generate(s.db, 300, seed=1)
        demo.generate(s.db, 300, seed=1, chunk=50)
        with s.db.read() as db:
            numbers = list(db.execute(select(IdentityDocumentRow.number)).scalars())
            people = db.execute(select(func.count()).select_from(Person)).scalar_one()
        assert people == 900 and len(numbers) == 900 and len(set(numbers)) == 900
    finally:
        s.db.close()


def test_redrawn_id_numbers_stay_valid_and_match_the_person(tmp_path):
    from workstation.domain.validation import gb11643_check_char

    s = make_station(tmp_path / "demo", demo=True)
    try:
        for _ in range(3):
            demo.generate(s.db, 200, seed=5)
        with s.db.read() as db:
            rows = db.execute(select(IdentityDocumentRow.number, Person.birth_date, Person.sex)
                              .join(Person, Person.id == IdentityDocumentRow.person_id)).all()
        for number, born, sex in rows:
            assert gb11643_check_char(number[:17]) == number[17]
            assert number[6:14] == f"{born:%Y%m%d}" and int(number[16]) % 2 == (1 if sex == "1" else 0)
    finally:
        s.db.close()


def test_demo_bindings_from_declarations_have_their_declaration(tmp_path):
    """Demo bindings say "from the landlord's declaration": the declaration exists and names them, so
    the comparison agrees with the record and every occupied tile reads "declared"."""
    from workstation.domain.enums import Role
    from workstation.storage.areas.checks import Agreement
    from workstation.storage.schema import Property

    s = make_station(tmp_path / "demo", demo=True)
    try:
        counts = demo.generate(s.db, 95, seed=2, chunk=35, residents_per_property=7)
        assert counts["declaration"] >= counts["property"]
        desk = open_desk(s.db, s.actor(Role.OFFICER), freeze_rules=False)
        with s.db.read() as db:
            ids = list(db.execute(select(Property.id)).scalars())
        for pid in ids:
            c = desk.housing.declaration_comparison(pid)
            assert {line.agreement for line in c.lines} == {Agreement.SAME}, pid
            assert c.declarations
            rooms = desk.housing.get_property(pid).rooms
            assert all(r.declared for r in rooms if r.occupants)
    finally:
        s.db.close()
