"""`workstation sync` through the real `workstation` entry point (cli/app.py hosts the subcommand)."""

from __future__ import annotations

import pytest
from sync_fixtures import STATION, add_properties, services

from workstation.cli import app


def test_workstation_sync_enroll_sync_status(sqlite_platform, station, tmp_path, monkeypatch, capsys):
    p = sqlite_platform
    from helpers import ADMIN_PASSWORD

    monkeypatch.setenv("WORKSTATION_PASSPHRASE", station.passphrase)
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", ADMIN_PASSWORD)  # enrolling needs the administrator
    add_properties(services(station), 5)
    station.db.close()
    ca = tmp_path / "ca.pem"
    ca.write_bytes(p.keys.ca_pem)
    d = str(station.data_dir)
    code = p.central.enroll_code(STATION)
    rc = app.main(
        ["--data-dir", d, "sync", "--enroll", p.url, "--code", code, "--station-code", STATION, "--ca", str(ca)]
    )
    assert rc == 0 and "Enrolled as device" in capsys.readouterr().out
    assert app.main(["--data-dir", d, "sync", "--status"]) == 0
    out = capsys.readouterr().out
    assert "not yet acknowledged by the platform: 5" in out and "Registration is open" in out
    assert app.main(["--data-dir", d, "sync"]) == 0
    out = capsys.readouterr()
    assert "5 changes acknowledged in 1 batches" in out.out and "5/5" in out.err
    assert p.central.status()["record_versions"] == 5
    p.stop()
    add_properties(services(station), 1)  # (the closed engine reconnects on use)
    assert app.main(["--data-dir", d, "sync"]) == 1
    assert "could not be reached" in capsys.readouterr().out
    assert app.main(["--data-dir", d, "sync", "--status"]) == 0
    out = capsys.readouterr().out
    assert "last error: Not sent: the platform could not be reached" in out and "1 attempts" in out


def test_offline_transfer_through_the_console_commands_with_quotes_in_the_path(
        sqlite_platform, station, tmp_path, monkeypatch, capsys):
    """`workstation sync --export` → `workstation-central import-folder` → `workstation sync
    --import-receipts`, through a folder whose name holds quotes, spaces and Chinese."""
    from sync_fixtures import enroll

    from workstation.cli import central as central_cli

    p = sqlite_platform
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", station.passphrase)
    enroll(p, station)
    add_properties(services(station), 3)
    station.db.close()
    d = str(station.data_dir)
    usb = tmp_path / "U盘 'O'Brien' \"移动\" ; x"
    with pytest.raises(SystemExit) as usage:  # not there yet: a usage error
        app.main(["--data-dir", d, "sync", "--import-receipts", str(usb)])
    assert usage.value.code == 2
    assert "no folder" in capsys.readouterr().err
    assert app.main(["--data-dir", d, "sync", "--export", str(usb)]) == 0
    assert "1 sealed batches written" in capsys.readouterr().out
    assert central_cli.main(["--data-dir", str(p.data_dir), "import-folder", str(usb)]) == 0
    assert "1 batches received" in capsys.readouterr().out
    assert app.main(["--data-dir", d, "sync", "--import-receipts", str(usb)]) == 0
    assert "1 batches acknowledged" in capsys.readouterr().out
    (usb / "00000009-x.receipt.json").write_text("{not json")
    assert app.main(["--data-dir", d, "sync", "--import-receipts", str(usb)]) != 0
    err = capsys.readouterr().err
    assert "is not a receipt" in err and "Traceback" not in err
