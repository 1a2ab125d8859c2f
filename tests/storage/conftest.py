import pytest

from helpers import MemoryKeyring, make_station


@pytest.fixture
def st(tmp_path):
    s = make_station(tmp_path / "station", backend=MemoryKeyring())
    yield s
    s.db.close()
