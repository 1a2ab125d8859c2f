"""workstation-sim: the `passport NAME [framing]` command swipes an MRZ scenario on the emulated reader."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from workstation.devices.mrz.driver import DEFAULT_BAUD, MrzReader
from workstation.devices.transport import Transport


def _command(proc: subprocess.Popen[str], line: str) -> str:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    while True:
        out = proc.stdout.readline()
        assert out, "workstation-sim ended"
        if out.startswith(("ok ", "error ", "? ")):
            return out.strip()


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs pty pairs")
def test_sim_passport_command_over_a_pty() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "workstation.cli.sim", "--card", ""],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = None
        for _ in range(10):
            line = proc.stdout.readline()
            if line.startswith("mrz "):
                url = line.split()[1]
            if line.strip() == "ready":
                break
        assert url and url.startswith("/dev/")
        tr = Transport(url, baudrate=DEFAULT_BAUD)  # open before the swipe: a passive reader pushes once
        try:
            assert _command(proc, "passport td1_spain desko") == "ok passport td1_spain desko"
            r = MrzReader(tr, framing="desko", today=date(2026, 11, 24)).read_document(5.0)
            assert r.format == "TD1" and r.document_number == "BAA000589" and r.valid
            assert _command(proc, "passport td3_bad_check_digit") == "ok passport td3_bad_check_digit"
            r = MrzReader(tr, framing="3m").read_document(5.0)  # default framing
            assert r.failed_fields == ("birth_date", "composite")
            assert _command(proc, "passport no_such_scenario").startswith("error ")
            assert _command(proc, "passport td3_specimen hid").startswith("error ")
        finally:
            tr.close()
        assert proc.stdin is not None
        proc.stdin.write("quit\n")
        proc.stdin.flush()
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
