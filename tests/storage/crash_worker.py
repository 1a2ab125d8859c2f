"""Crash-loop helper: a zygote that imports everything once, then forks writers on request.

Usage: python crash_worker.py DB_PATH MASTER_HEX. Reads "fork SEED" lines on stdin; answers
"pid N". Each forked writer writes through the real service layer and prints
"ack TYPE ID VERSION" after each commit returned, until it is killed.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import traceback
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workstation.domain.documents import IdentityDocument
from workstation.domain.enums import DocumentType, Role, Sex, SpotCheckResult
from workstation.domain.validation import gb11643_check_char
from workstation.errors import ValidationError
from workstation.storage.db import Database
from workstation.storage.operators import Actor
from workstation.storage.schema import Person, Property
from workstation.wiring import open_desk


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def writer(db_path: Path, master: bytes, seed: int) -> None:
    rng = random.Random(seed)
    db = Database.open(db_path, master)
    sv = open_desk(db, Actor("crash-officer", Role.OFFICER), freeze_rules=False)
    with db.read() as s:
        people = {p.id: p.version for p in s.query(Person).filter(Person.deleted_at.is_(None)).limit(200)}
        props = [p.id for p in s.query(Property).limit(50)]
    rooms: list[str] = []
    n = 0
    while True:
        n += 1
        op = rng.random()
        if not props or op < 0.08:
            grid = f"G{rng.randrange(1, 5):02d}"
            pid = sv.housing.create_property(address=f"演示市崩溃路{seed}-{n}号", grid_code=grid).id
            props.append(pid)
            say(f"ack property {pid} 1")
        elif not rooms or op < 0.15:
            rid = sv.housing.add_room(rng.choice(props), label=f"{seed}-{n}").id  # unique per property
            rooms.append(rid)
            say(f"ack room {rid} 1")
        elif op < 0.6 or not people:
            born = date(1950 + rng.randrange(50), 1 + rng.randrange(12), 1 + rng.randrange(28))
            first17 = f"440305{born:%Y%m%d}{rng.randrange(1000):03d}"
            number = first17 + gb11643_check_char(first17)
            sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
            doc = IdentityDocument(
                doc_type=DocumentType.RESIDENT_ID, number=number, name="崩溃测试", sex=sex, birth_date=born
            )
            try:
                pid = sv.residents.register(doc, room_id=rng.choice(rooms), phone="13800138000").id
            except ValidationError as exc:  # duplicate number from the RNG: refused, nothing saved
                if [p.field for p in exc.problems] != ["number"]:
                    raise
                continue
            people[pid] = 1
            say(f"ack person {pid} 1")
        elif op < 0.9:
            pid = rng.choice(list(people))
            v = sv.residents.update(pid, base_version=people[pid], employer=f"雇主{seed}-{n}").version
            people[pid] = v
            say(f"ack person {pid} {v}")
        else:
            sid = sv.housing.record_spot_check(rng.choice(props), result=SpotCheckResult.CONSISTENT).id
            say(f"ack spot_check {sid} 1")


def main() -> None:
    db_path, master = Path(sys.argv[1]), bytes.fromhex(sys.argv[2])
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # auto-reap killed writers
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        if cmd != "fork":
            continue
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                writer(db_path, master, int(arg))
            except BaseException:  # a writer must only ever die by the test's SIGKILL: say why it did not
                traceback.print_exc()
            finally:
                os._exit(1)
        say(f"pid {pid}")


if __name__ == "__main__":
    main()
