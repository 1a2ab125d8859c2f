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
