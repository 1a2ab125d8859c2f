"""`workstation sync` through the real `workstation` entry point (cli/app.py hosts the subcommand)."""

from __future__ import annotations

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
