"""Fixtures and helpers shared by tests/sync and tests/central."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from platform_helpers import make_platform

from helpers import make_station
from workstation.domain.enums import Role
from workstation.sync import client as sc
from workstation.wiring import open_desk

STATION = "440305001"


@pytest.fixture(params=["sqlite", "postgres"])
def platform(request, tmp_path):
    p = make_platform(tmp_path / "central", request.param)
    yield p
    p.close()


@pytest.fixture
def sqlite_platform(tmp_path):
    p = make_platform(tmp_path / "central", "sqlite")
    yield p
    p.close()


@pytest.fixture
def station(tmp_path):
    st = make_station(tmp_path / "station")
    yield st
    st.db.close()


def enroll(platform, st):
    code = platform.central.enroll_code(STATION)
    return sc.enroll(st.db, platform.url, code, STATION, platform.ca_pem, actor=st.admin)


def services(st, role=Role.OFFICER):
    cache = st.__dict__.setdefault("_sync_actors", {})
    if role not in cache:
        cache[role] = st.actor(role) if role != Role.ADMIN else st.admin
    actor = cache[role]
    return open_desk(st.db, actor, freeze_rules=False)


def add_properties(svc, n, grid="G01"):
    return [svc.housing.create_property(address=f"深圳市南山区测试路{i}号", grid_code=grid).id for i in range(n)]
