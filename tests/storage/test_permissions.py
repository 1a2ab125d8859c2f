"""Every role × every service operation, allowed or refused as the issue writes it.

The expected table is written out here independently of domain.permissions.MATRIX, so a change to
either one without the other fails.
"""

from datetime import date
from pathlib import Path

import pytest

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, FingerPosition, Role, Sex, SpotCheckResult
from workstation.errors import PermissionDenied
from workstation.storage import operators, retention, station
from workstation.storage.schema import Task
from workstation.wiring import open_desk

EXPECTED = {
    # operation:            assistant, officer, supervisor, admin
    "register_resident": (1, 1, 0, 0),
    "update_person": (1, 1, 0, 0),
    "get_person": (1, 1, 1, 0),
    "search": (1, 1, 1, 0),
    "create_property": (1, 1, 0, 0),
    "add_room": (1, 1, 0, 0),
    "bind": (1, 1, 0, 0),
    "record_declaration": (1, 1, 0, 0),
    "record_spot_check": (0, 1, 0, 0),
    "complete_task": (0, 1, 0, 0),
    "list_tasks": (1, 1, 1, 0),
    "add_fingerprint": (1, 1, 0, 0),
    "record_fingerprint_skip": (1, 1, 0, 0),
    "approve_fingerprint_skip": (0, 0, 1, 0),  # the one confirming (by password) where a finger is required
    "export_residents": (0, 1, 1, 0),
    "report": (0, 1, 1, 0),
    "read_audit": (0, 0, 1, 1),
    "create_operator": (0, 0, 0, 1),
    "disable_operator": (0, 0, 0, 1),
    "reset_password": (0, 0, 0, 1),
    "purge": (0, 0, 0, 1),
    "backup": (0, 0, 0, 1),
    "delete_person": (1, 1, 0, 0),
}
ROLES = [Role.ASSISTANT, Role.OFFICER, Role.SUPERVISOR, Role.ADMIN]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from helpers import make_station

    st = make_station(tmp_path_factory.mktemp("perm") / "station")
    officer = st.actor(Role.OFFICER, "setup-officer")
    sv = open_desk(st.db, officer, freeze_rules=False)
    prop = sv.housing.create_property(address="演示市幸福路1号", grid_code="G01").id
    room = sv.housing.add_room(prop, label="101").id
    actors = {r: st.actor(r, f"perm-{r.value}") for r in ROLES if r is not Role.ADMIN}
    actors[Role.ADMIN] = st.admin
    yield st, sv, prop, room, actors
    st.db.close()


_counter = iter(range(10, 10_000))


def _doc():
    from workstation.domain.validation import gb11643_check_char

    first17 = f"11010519800101{next(_counter) % 1000:03d}"
    n = first17 + gb11643_check_char(first17)
    sex = Sex.MALE if int(n[16]) % 2 else Sex.FEMALE
    return IdentityDocument(
        doc_type=DocumentType.RESIDENT_ID, number=n, name="测试", sex=sex, birth_date=date(1980, 1, 1)
    )


def _run(op, st, setup_sv, prop, room, actor, tmp_path: Path):
    sv = open_desk(st.db, actor, freeze_rules=False)
    if op == "register_resident":
        return sv.residents.register(_doc()).id
    if op == "approve_fingerprint_skip":
        # the role confirming at an officer's desk: a supervisor's password confirms, anyone else's is refused
        from helpers import ADMIN_PASSWORD

        password = ADMIN_PASSWORD if actor.role is Role.ADMIN else "password-" + actor.username
        return setup_sv.biometrics.approver(actor.username, password)
    if op in ("update_person", "delete_person", "get_person", "bind", "add_fingerprint", "record_fingerprint_skip"):
        pid = setup_sv.residents.register(_doc()).id
        if op == "update_person":
            return sv.residents.update(pid, base_version=1, employer="X").version
        if op == "delete_person":
            return sv.residents.delete(pid, base_version=1, reason="moved away")
        if op == "get_person":
            return sv.residents.get(pid)
        if op == "bind":
            return sv.housing.bind(pid, room, start=date(2024, 1, 1)).id
        if op == "record_fingerprint_skip":
            return sv.biometrics.record_skip(pid, reason="finger_injured")
        return sv.biometrics.add(pid, position=FingerPosition.RIGHT_INDEX, template=b"\x03\x01" * 256, quality=80).id
    if op == "search":
        return sv.residents.find("ce").items
    if op == "create_property":
        return sv.housing.create_property(address="演示市和平街2号", grid_code="G02").id
    if op == "add_room":
        return sv.housing.add_room(prop, label=f"{next(_counter)}").id  # labels are unique per property
    if op == "record_declaration":
        return sv.housing.record_declaration(
            prop,
            declared_on=date(2024, 5, 1),
            declarant_name="王五",
            declarant_phone=None,
            entries=[{"name": "赵六", "room": "101"}],
        ).id
    if op == "record_spot_check":
        return sv.housing.record_spot_check(prop, result=SpotCheckResult.CONSISTENT).id
    if op == "complete_task":
        with st.db.write() as s:
            t = Task(platform_id=f"T-{next(_counter)}", kind="verify_person", title="核查", version=1)
            s.add(t)
            s.flush()
            tid = t.id
        return sv.tasks.complete(tid, result="verified").version
    if op == "list_tasks":
        return sv.tasks.list().items
    if op == "export_residents":
        return sv.supervision.export_residents()
    if op == "report":
        return sv.supervision.report()
    if op == "read_audit":
        return sv.supervision.audit_trail(limit=5).items
    if op == "create_operator":
        return operators.create_operator(
            st.db,
            actor,
            username=f"new{next(_counter)}",
            display_name="n",
            role=Role.ASSISTANT,
            password="long-enough-pw",
        )
    if op == "disable_operator":
        return operators.set_disabled(st.db, actor, "setup-officer", False)
    if op == "reset_password":
        return operators.reset_password(st.db, actor, "perm-assistant", "password-perm-assistant")
    if op == "purge":
        return retention.purge(st.db, actor, dry_run=True)
    if op == "backup":
        return station.backup(st.db, actor, tmp_path / f"backup-{next(_counter)}")
    raise AssertionError(op)


@pytest.mark.parametrize("op", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES, ids=[r.value for r in ROLES])
def test_role_operation(world, op, role, tmp_path):
    st, setup_sv, prop, room, actors = world
    allowed = bool(EXPECTED[op][ROLES.index(role)])
    if allowed:
        _run(op, st, setup_sv, prop, room, actors[role], tmp_path)
    else:
        with pytest.raises(PermissionDenied):
            _run(op, st, setup_sv, prop, room, actors[role], tmp_path)


def test_assistant_cannot_verify_export_or_read_audit():
    from workstation.domain.permissions import Permission, allowed

    for p in (Permission.VERIFY, Permission.EXPORT, Permission.READ_AUDIT):
        assert not allowed(Role.ASSISTANT, p)
