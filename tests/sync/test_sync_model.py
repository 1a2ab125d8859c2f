"""Hypothesis stateful model: edits, seals, sends, faults, client crashes (the client object is
dropped and reopened from the database) and platform restarts, interleaved. Invariants: the
platform never holds a duplicate, everything the client counts as acknowledged is on the platform,
and once the link is clean again the platform's set equals the client's acknowledged set.

In-process ASGI transport (the faults here are about the protocol, not the socket; the socket-level
faults run over real HTTPS in test_faults.py). Episodes: 200 when CI=true, SYNC_MODEL_EPISODES to
choose (e.g. 1000)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as stt
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from keyring.backends import fail
from platform_helpers import make_platform
from sqlalchemy import select
from starlette.testclient import TestClient
from sync_fixtures import enroll

from helpers import make_station
from workstation.central.app import create_app
from workstation.central.keys import load_keys
from workstation.central.service import Central
from workstation.central.store import Store
from workstation.domain.enums import Role
from workstation.storage import station as station_mod
from workstation.storage.schema import OutboxEntry, Property
from workstation.sync import client as sc
from workstation.wiring import open_desk

EPISODES = int(os.environ.get("SYNC_MODEL_EPISODES", "200" if os.environ.get("CI") == "true" else "40"))


class Crash(BaseException):
    """The client process dies: nothing after this point runs in the client."""


class FaultTransport(httpx.BaseTransport):
    def __init__(self, holder: RuleBasedStateMachine) -> None:
        self.holder = holder
        self.fault: str | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        fault, self.fault = self.fault, None
        if fault == "drop_request":
            raise httpx.ConnectError("dropped", request=request)
        if fault == "crash_before":
            raise Crash()
        resp = self.holder.tc._transport.handle_request(request)
        resp.read()
        if fault == "drop_response":
            raise httpx.ReadError("response lost", request=request)
        if fault == "crash_after":
            raise Crash()
        return resp


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    base = tmp_path_factory.mktemp("model-template")
    p = make_platform(base / "central", "sqlite")
    st = make_station(base / "station")
    enroll(p, st)
    officer = st.actor(Role.OFFICER)
    passphrase = st.passphrase
    st.db.close()
    p.close()
    return base, passphrase, officer


def build_model(template):
    base, passphrase, officer = template

    class Model(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.dir = Path(tempfile.mkdtemp(prefix="ws-model-"))
            shutil.copytree(base / "station", self.dir / "station")
            shutil.copytree(base / "central", self.dir / "central")
            self.keys = load_keys(self.dir / "central")
            self.url = f"sqlite:///{self.dir / 'central' / 'central.sqlite3'}"
            self.transport = FaultTransport(self)
            self._start_platform()
            self._open_client()
            self.props: dict[str, int] = {}

        # ---- plumbing ----
        def _start_platform(self) -> None:
            self.store = Store(self.url)
            self.central = Central(self.store, self.keys)
            self.tc = TestClient(create_app(self.central), base_url="https://testserver")

        def _open_client(self) -> None:
            self.db, _ = station_mod.unlock(self.dir / "station", passphrase=passphrase, backend=fail.Keyring())
            self.http = httpx.Client(base_url="https://testserver", transport=self.transport)
            self.client = sc.SyncClient(self.db, http=self.http, max_records=3)
            self.svc = open_desk(self.db, officer, freeze_rules=False)

        def teardown(self) -> None:
            try:
                self.transport.fault = None
                self.central.hooks.fail_before = self.central.hooks.fail_after_commit = 0
                self.client.build_batches()
                self.client.seal_batches()
                res = self.client.send()
                assert res.error is None, res.error
                assert res.remaining == 0
                plat = self.platform_versions()
                assert sorted(plat) == self.acked()
                with self.db.read() as s:
                    assert s.scalar(select(OutboxEntry).where(OutboxEntry.acked_at.is_(None))) is None
                    for pid, v in self.props.items():
                        assert s.get(Property, pid).acked_version == v
            finally:
                self.http.close()
                self.db.close()
                self.tc.close()
                self.store.close()
                shutil.rmtree(self.dir, ignore_errors=True)

        def platform_versions(self) -> list[tuple[str, int]]:
            return [(rid, v) for _t, rid, v in self.central.record_versions()]

        def acked(self) -> list[tuple[str, int]]:
            with self.db.read() as s:
                return sorted(
                    (r.record_id, r.version)
                    for r in s.execute(select(OutboxEntry).where(OutboxEntry.acked_at.is_not(None))).scalars()
                )

        # ---- rules ----
        @initialize(n=stt.integers(1, 6))
        def start(self, n: int) -> None:
            self.create(n)

        @rule(n=stt.integers(1, 4))
        def create(self, n: int) -> None:
            for _ in range(n):
                pid = self.svc.housing.create_property(address="测试路1号", grid_code="G01").id
                self.props[pid] = 1

        @precondition(lambda self: bool(self.props))
        @rule(i=stt.integers(0, 1000))
        def update(self, i: int) -> None:
            pid = sorted(self.props)[i % len(self.props)]
            changes = self.svc.housing.update_property(pid, base_version=self.props[pid], address=f"新地址{i}")
            if changes:  # the same address again changes nothing and keeps the version
                self.props[pid] = changes.version

        @rule()
        def build(self) -> None:
            self.client.build_batches()

        @rule()
        def seal(self) -> None:
            self.client.build_batches()
            self.client.seal_batches()

        @rule(
            fault=stt.sampled_from([None, None, "drop_request", "drop_response", "5xx_before", "5xx_after"]),
            seal_first=stt.booleans(),
        )
        def send(self, fault: str | None, seal_first: bool) -> None:
            if seal_first:
                self.seal()
            if fault == "5xx_before":
                self.central.hooks.fail_before = 1
            elif fault == "5xx_after":
                self.central.hooks.fail_after_commit = 1
            else:
                self.transport.fault = fault
            self.client.send()
            self.transport.fault = None
            self.central.hooks.fail_before = self.central.hooks.fail_after_commit = 0

        @rule(when=stt.sampled_from(["idle", "crash_before", "crash_after"]))
        def crash(self, when: str) -> None:
            if when != "idle":
                self.seal()
                self.transport.fault = when
                try:
                    self.client.send()
                except Crash:
                    pass
                self.transport.fault = None
            self.http.close()
            self.db.close()
            del self.client
            self._open_client()

        @rule()
        def restart_platform(self) -> None:
            self.tc.close()
            self.store.close()
            self._start_platform()

        @invariant()
        def no_duplicates_and_acked_subset(self) -> None:
            if not hasattr(self, "client"):
                return
            plat = self.platform_versions()
            assert not [k for k, n in Counter(plat).items() if n > 1]
            assert set(self.acked()) <= set(plat)

    return Model


def test_sync_model(template):
    Model = build_model(template)
    run_state_machine_as_test(
        Model,
        settings=settings(
            max_examples=EPISODES,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            print_blob=True,
        ),
    )
