import subprocess
import sys


def test_demo_app_starts_on_embedded_defaults_twice(tmp_path):
    cmd = [sys.executable, "-m", "workstation.cli.app", "--demo", "--data-dir", str(tmp_path / "demo"), "status"]
    first = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "Residents: 500" in first.stdout and "(created now)" in first.stdout
    # no USB-serial reader on a CI machine: the emulated desk is started and the demo card read through it
    assert "The ID card reader is emulated (demo mode)." in first.stdout
    assert "Demo card on the emulated reader: 张三 110105********002X (Resident ID card)" in first.stdout
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "(key from the recovery passphrase)" in again.stdout and "Residents: 500" in again.stdout


def test_app_without_station_says_what_to_do(tmp_path):
    r = subprocess.run([sys.executable, "-m", "workstation.cli.app", "--data-dir", str(tmp_path / "none"), "status"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "workstation-admin init" in r.stdout
