"""workstation-sim starts emulators a driver can talk to over socket://, and obeys commands."""

import subprocess
import sys

from workstation.devices.sam.driver import SamReader
from workstation.devices.transport import Transport


def test_sim_serves_an_id_card_reader_over_tcp():
    proc = subprocess.Popen([sys.executable, "-m", "workstation.cli.sim", "--tcp"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        url = None
        for _ in range(10):
            line = proc.stdout.readline()
            if line.startswith("idcard "):
                url = line.split()[1]
            if line.strip() == "ready":
                break
        assert url and url.startswith("socket://127.0.0.1:")
        tr = Transport(url, baudrate=115200)
        try:
            read = SamReader(tr).read_card()
            assert read.ok and read.document.number == "11010519491231002X"
            proc.stdin.write("remove\n")
            proc.stdin.flush()
            while not proc.stdout.readline().startswith("ok remove"):
                pass
            assert SamReader(tr).find_card() is False
        finally:
            tr.close()
        proc.stdin.write("quit\n")
        proc.stdin.flush()
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
