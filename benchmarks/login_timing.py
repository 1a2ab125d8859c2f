"""Login timing: does the time of a refused login tell whether the user name exists?

A station with argon2-cffi's production parameters; each kind of login is timed `--rounds` times
(alternating, so machine load hits them alike): a real name with a wrong password, an unknown name,
a disabled account, a locked account, and a successful login. Every refusal runs one Argon2
verification (an unknown name against a dummy hash), so the medians should agree within noise.

Last line: ``login_timing: real_ms=<median> unknown_ms=<median> disabled_ms=<median> locked_ms=<median>
ok_ms=<median> max_ratio=<largest median / smallest median among the refusals>``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import update

from workstation.domain.enums import Role
from workstation.storage import operators, settings, station
from workstation.storage.errors import AuthenticationFailed
from workstation.storage.schema import Operator, utcnow
from workstation.storage.vault import KdfParams


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    a = ap.parse_args()
    operators.set_password_hasher(PasswordHasher())  # production parameters
    with tempfile.TemporaryDirectory(prefix="ws-login-bench-") as tmp:
        res = station.init_station(Path(tmp) / "st", station_code="BENCH", station_name="bench",
                                   admin_username="admin", admin_password="admin-pass-1", use_keyring=False,
                                   kdf=KdfParams.fast_for_tests())
        db = res.database
        admin = operators.authenticate(db, "admin", "admin-pass-1")
        for name in ("real", "gone", "locked"):
            operators.create_operator(db, admin, username=name, display_name=name, role=Role.OFFICER,
                                      password="password-" + name)
        operators.set_disabled(db, admin, "gone")
        with db.write() as s:
            settings.set(s, "max_failed_logins", 10**6)  # "real" must never lock during the run
        kinds = {
            "real": ("real", "wrong-password"),
            "unknown": ("nobody-here", "wrong-password"),
            "disabled": ("gone", "wrong-password"),
            "locked": ("locked", "password-locked"),
            "ok": ("real", "password-real"),
        }
        times: dict[str, list[float]] = {k: [] for k in kinds}
        for _ in range(a.rounds):
            with db.write() as s:  # keep "locked" locked, whatever the counter says
                s.execute(update(Operator).where(Operator.username == "locked")
                          .values(locked_until=utcnow() + timedelta(hours=1)))
            for kind, (name, password) in kinds.items():
                t = time.perf_counter()
                try:
                    operators.authenticate(db, name, password)
                except AuthenticationFailed:
                    pass
                times[kind].append((time.perf_counter() - t) * 1000)
        db.close()
    med = {k: statistics.median(v) for k, v in times.items()}
    refusals = [med[k] for k in ("real", "unknown", "disabled", "locked")]
    for k, v in times.items():
        print(f"{k:9} median {med[k]:7.1f} ms  min {min(v):7.1f}  max {max(v):7.1f}", file=sys.stderr)
    print(f"login_timing: real_ms={med['real']:.1f} unknown_ms={med['unknown']:.1f} "
          f"disabled_ms={med['disabled']:.1f} locked_ms={med['locked']:.1f} ok_ms={med['ok']:.1f} "
          f"max_ratio={max(refusals) / min(refusals):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
