# ruff: noqa: I001  (imports of the old code of commit 0edc294, which ruff cannot resolve against this tree)
"""Make the upgrade-test fixture: a station created by the FIRST schema revision (0001), with data.

This script runs against the code of commit 0edc294 (the last commit whose migrations stop at
0001), not against the current tree::

    git worktree add --detach /tmp/old0001 0edc294
    PYTHONPATH=/tmp/old0001/src .venv/bin/python tests/upgrade/make_rev0001_station.py tests/upgrade/data/rev0001

It writes ``workstation.db`` and ``workstation.db.keys`` (no keyring entry: the recovery
passphrase below opens it) and ``expected.json`` with what the station holds, so that the
upgrade test can check every record survives. The files are committed; run this again only if
the fixture must change.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

PASSPHRASE = "upgrade-fixture-passphrase-0001"
ADMIN = ("admin", "Admin-pass-0001")


def main(out: Path) -> None:
    from workstation.domain.documents import IdentityDocument
    from workstation.domain.enums import DocumentType, FingerPosition, Role, Sex, SpotCheckResult
    from workstation.storage import audit, demo
    from workstation.storage.migrate import current_revision
    from workstation.storage.operators import authenticate, create_operator
    from workstation.storage.schema import AuditEvent, Person
    from workstation.storage.services import Services
    from workstation.storage.station import init_station
    from workstation.storage.vault import KdfParams

    out.mkdir(parents=True, exist_ok=True)
    res = init_station(out, station_code="440305001", station_name="升级测试警务室", admin_username=ADMIN[0],
                       admin_password=ADMIN[1], use_keyring=False, kdf=KdfParams.fast_for_tests(),
                       passphrase=PASSPHRASE)
    db = res.database
    assert current_revision(db.engine) == ("0001",), current_revision(db.engine)
    admin = authenticate(db, *ADMIN)
    create_operator(db, admin, username="li", display_name="李警官", role=Role.OFFICER, password="Officer-pass-1")
    officer = authenticate(db, "li", "Officer-pass-1")
    demo.generate(db, 120, seed=7)
    svc = Services(db, officer)
    doc = IdentityDocument(doc_type=DocumentType.RESIDENT_ID, number="11010519491231002X", name="升级测试",
                           sex=Sex.FEMALE, birth_date=date(1949, 12, 31), address="演示市幸福路1号",
                           issuer="演示市公安局", valid_from=date(2015, 1, 1), valid_to=None, long_term=True,
                           source="manual")
    pid = svc.register_resident(doc, phone="17000000001")
    prop = svc.create_property(address="演示市幸福路1号", grid_code="G01", landlord_name="业主甲",
                               landlord_phone="17000000002")
    room = svc.add_room(prop, label="101", capacity=2)
    svc.bind(pid, room, start=date(2026, 1, 1))
    svc.record_spot_check(prop, result=SpotCheckResult.CONSISTENT)
    svc.add_fingerprint(pid, position=FingerPosition.RIGHT_INDEX, template=b"T" * 512, quality=77)
    with db.read() as s:
        expected = {
            "revision": "0001",
            "persons": s.execute(select(func.count()).select_from(Person)).scalar_one(),
            "audit_rows": s.execute(select(func.count()).select_from(AuditEvent)).scalar_one(),
            "person_id": pid,
            "property_id": prop,
            "passphrase": PASSPHRASE,
            "admin": list(ADMIN),
        }
    with db.read() as s:
        result = audit.verify(s)
    assert result.ok, result
    db.close()
    (out / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps(expected, ensure_ascii=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
