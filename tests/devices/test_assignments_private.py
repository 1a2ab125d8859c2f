"""The remembered device assignments are a station file like the others: private to the user
(0600 in a 0700 folder, whatever the umask) and written atomically (issue 9, item 10's kind)."""

from __future__ import annotations

import os
import stat

import pytest

from workstation.devices.manager.assignments import Assignment, AssignmentStore
from workstation.devices.manager.ports import PortIdentity


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes (Windows relies on the profile folder's ACL)")
def test_assignments_file_is_private_and_written_atomically(tmp_path):
    old = os.umask(0)
    try:
        path = tmp_path / "config" / "device-assignments.json"
        store = AssignmentStore(path)
        store.set(Assignment("idcard", PortIdentity("/dev/ttyUSB0", 0x1A86, 0x7523, "A1"), "sam", 115200))
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert sorted(p.name for p in path.parent.iterdir()) == ["device-assignments.json"]
    assert AssignmentStore(path).get("idcard") is not None
