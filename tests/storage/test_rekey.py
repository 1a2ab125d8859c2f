"""Rekey (issue 9, item 2): committed only after the new passphrase was shown and typed back; at
every instant exactly one known passphrase opens the station; no file wrapped by a retired
passphrase is left; every secret derived from the master rotates."""

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from keyring.backends import fail
from sqlalchemy import func, select

from helpers import MemoryKeyring, make_station
from workstation.domain.enums import Role
from workstation.errors import UserFacingError
from workstation.storage import audit, demo, station, vault
from workstation.storage.errors import PassphraseMismatch, StationBusy, WrongKey
from workstation.storage.schema import Person
from workstation.wiring import open_desk

SRC = Path(__file__).parents[2] / "src"
STEPS = [
    "checked",
    "exported",
    "resealed",
    "audited",
    "staged",
    "shown",
    "confirmed",
    "committed",
    "db-swapped",
    "anchor-swapped",
    "bak-written",
    "keys-swapped",
    "done",
]
RANDOM_KILLS = int(os.environ.get("REKEY_KILLS", "8"))


def _opens_with(data_dir, passphrase):
    try:
        db, _ = station.unlock(data_dir, passphrase=passphrase, backend=fail.Keyring())
    except WrongKey:
        return None
    return db


def _files_openable_by(data_dir: Path, passphrase: str, scratch: Path) -> list[str]:
    """Names of files in `data_dir` that are key files opening with `passphrase`."""
    found = []
    for f in sorted(data_dir.iterdir()):
        if not f.is_file() or ".keys" not in f.name:
            continue
        scratch.mkdir(exist_ok=True)
        copy = scratch / "probe.keys"
        shutil.copyfile(f, copy)
        try:
            vault.KeyVault(copy, backend=fail.Keyring()).unlock_with_passphrase(passphrase, restore_keyring=False)
            found.append(f.name)
        except UserFacingError:
            pass
        finally:
            copy.unlink()
    return found


def test_commit_only_after_the_new_passphrase_is_typed_back(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 10)
    pending = station.begin_rekey(st.db, st.data_dir, st.admin, passphrase=st.passphrase, backend=fail.Keyring())
    # while pending the folder is held exclusively: nobody opens the half-done state
    with pytest.raises(StationBusy):
        station.unlock(st.data_dir, passphrase=st.passphrase, backend=fail.Keyring())
    with pytest.raises(PassphraseMismatch):
        pending.commit("WRONG-" + pending.new_passphrase)
    pending.abandon()
    db = _opens_with(st.data_dir, st.passphrase)
    assert db is not None, "an abandoned rekey must leave the old passphrase in force"
    with db.read() as s:
        assert audit.verify(s).ok
        rows = s.execute(select(audit.AuditEvent).where(audit.AuditEvent.action == "database.rekey")).scalars().all()
        assert [r.outcome for r in rows] == ["abandoned"]
    assert not [p.name for p in st.data_dir.iterdir() if p.name.endswith((".new", ".commit"))]
    # typed back correctly (case and dashes do not matter): committed
    admin = st.admin
    pending = station.begin_rekey(db, st.data_dir, admin, passphrase=st.passphrase, backend=fail.Keyring())
    pending.commit(pending.new_passphrase.lower().replace("-", " "))
    assert _opens_with(st.data_dir, st.passphrase) is None
    db = _opens_with(st.data_dir, pending.new_passphrase)
    assert db is not None
    assert db.read_only_reason is None
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Person)).scalar_one() == 10
        assert audit.verify(s).ok
    db.close()
    # no key file (nor its .bak) is still wrapped by the retired passphrase
    assert _files_openable_by(st.data_dir, st.passphrase, tmp_path / "probe") == []


def test_every_secret_derived_from_the_master_rotates(tmp_path):
    from datetime import date

    from workstation.domain.documents import IdentityDocument
    from workstation.domain.enums import DocumentType, Sex
    from workstation.sync import client as sync_client
    from workstation.sync.models import SyncDevice

    kr = MemoryKeyring()
    st = make_station(tmp_path / "s", backend=kr)
    officer = st.actor(Role.OFFICER, "li")
    svc = open_desk(st.db, officer)
    doc = IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID,
        number="11010519491231002X",
        name="张三",
        sex=Sex.FEMALE,
        birth_date=date(1949, 12, 31),
    )
    pid = svc.residents.register(doc).id
    fid = svc.biometrics.add(pid, position=1, template=b"T" * 512, quality=80).id
    device_secret = os.urandom(32)
    with st.db.write() as s:
        s.add(
            SyncDevice(
                id=1,
                device_id="d",
                station_code="c",
                platform_url="u",
                ca_pem="",
                key_id="k",
                platform_enc_pub="",
                platform_sign_pub="",
                sign_pub="",
                sign_priv_wrapped=sync_client._wrap(st.db, device_secret),
            )
        )
    old = {label: st.db.subkey(label) for label in vault.SUBKEY_LABELS}
    old_key_id = next(iter(kr.entries))[1]
    new_pass = station.rekey(
        st.db,
        st.data_dir,
        st.admin,
        passphrase=st.passphrase,
        confirm=lambda p: p,
        backend=kr,
        kdf=vault.KdfParams.fast_for_tests(),
    )
    db, method = station.unlock(st.data_dir, backend=kr)  # the new keyring entry opens it
    assert method == "keyring" and new_pass
    assert (st.data_dir / "workstation.db.keys").exists()
    assert old_key_id not in {k for _s, k in kr.entries}, "the retired keyring entry is deleted"
    for label in vault.SUBKEY_LABELS:
        assert db.subkey(label) != old[label], f"subkey {label} did not rotate"
    # the values sealed under the old subkeys were re-sealed: they open under the new ones only
    assert open_desk(db, officer).biometrics.template(fid) == b"T" * 512
    with db.read() as s:
        blob = s.get(SyncDevice, 1).sign_priv_wrapped
        assert sync_client._unwrap(db, blob) == device_secret
        with pytest.raises(InvalidTag):
            AESGCM(old["sync-device-keys"]).decrypt(blob[:12], blob[12:], b"sync-device-sign")
        assert audit.verify(s).ok  # every row re-MACed under the new audit key
    db.close()


def test_no_subkey_escapes_rotation():
    """Every subkey label used anywhere in src/ is one that rekey rotates (vault.SUBKEY_LABELS)."""
    used = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text()
        used |= set(re.findall(r"subkey\(\s*\"([^\"]+)\"", text))
        used |= set(re.findall(r"^KEY_LABEL\s*=\s*\"([^\"]+)\"", text, re.M))
    assert used, "the scan found no subkey use at all: it is broken"
    assert used <= vault.SUBKEY_LABELS, f"not rotated by rekey: {used - vault.SUBKEY_LABELS}"


REKEY_CHILD = r"""
import os, signal, sys
sys.path.insert(0, sys.argv[4])
import helpers
from keyring.backends import fail
from pathlib import Path
from workstation.storage import station, operators, vault
data_dir, passphrase, kill_at = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
db, _ = station.unlock(data_dir, passphrase=passphrase, backend=fail.Keyring())
admin = operators.authenticate(db, "admin", helpers.ADMIN_PASSWORD)
def on_step(name):
    print("STEP", name, flush=True)
    if name == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
print("BEGIN", flush=True)
pending = station.begin_rekey(db, data_dir, admin, passphrase=passphrase, backend=fail.Keyring(),
                              kdf=vault.KdfParams.fast_for_tests(), on_step=on_step)
print("NEWPASS", pending.new_passphrase, flush=True)
on_step("shown")
pending.commit(pending.new_passphrase)
print("DONE", flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_rekey_killed_at_every_step_and_at_random_moments(tmp_path):
    st = make_station(tmp_path / "s", demo=True)
    demo.generate(st.db, 300)
    st.db.close()
    tests_dir = str(Path(__file__).parents[1])
    current = st.passphrase
    rng = random.Random(7)
    plan: list = [(step, None) for step in STEPS]
    outcomes = []
    durations = []
    while plan:
        kill_at, delay = plan.pop(0)
        child = subprocess.Popen(
            [sys.executable, "-c", REKEY_CHILD, str(st.data_dir), current, kill_at or "-", tests_dir],
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(SRC)),
        )
        begin = child.stdout.readline()
        assert begin.strip() == "BEGIN", begin
        started = time.monotonic()
        if delay is not None:
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=120)
        out = begin + rest
        durations.append(time.monotonic() - started)
        if kill_at == "done":  # then random moments over the whole length of a rekey (from its start)
            plan += [(None, rng.uniform(0.0, durations[-1] * 1.1)) for _ in range(RANDOM_KILLS)]
        steps = [line.split()[1] for line in out.splitlines() if line.startswith("STEP")]
        new = next((line.split()[1] for line in out.splitlines() if line.startswith("NEWPASS")), None)
        if kill_at is not None:
            assert steps and steps[-1] == kill_at, out
        # exactly one known passphrase opens the station: the new one once committed, else the old
        opened_old = _opens_with(st.data_dir, current)
        if opened_old is not None:
            db, retired, now = opened_old, new, current
            if kill_at is not None:
                assert "committed" not in steps, f"killed after {kill_at}: committed, yet the old passphrase opens"
        else:
            assert new is not None, f"killed after {steps[-1:]}: the old passphrase no longer opens, no new one shown"
            db = _opens_with(st.data_dir, new)
            assert db is not None, f"killed after {steps[-1:]}: no known passphrase opens the station"
            retired, now = current, new
            if kill_at is not None:
                assert "committed" in steps
        try:
            assert db.read_only_reason is None, db.read_only_reason
            with db.read() as s:
                assert s.execute(select(func.count()).select_from(Person)).scalar_one() == 300
                v = audit.verify(s)
                assert v.ok, v.message
        finally:
            db.close()
        if retired is not None:
            assert _opens_with(st.data_dir, retired) is None
            assert _files_openable_by(st.data_dir, retired, tmp_path / "probe") == []
        assert not [p.name for p in st.data_dir.iterdir() if p.name.endswith((".new", ".commit")) or ".tmp-" in p.name]
        outcomes.append((kill_at or f"random {delay:.2f}s", "new" if now != current else "old"))
        current = now
    print(f"rekey kills ({len(outcomes)}, full run {durations[STEPS.index('done')]:.1f}s):", outcomes)
