"""Start-up: keyring unlock straight to the login; passphrase dialog when the keyring has no entry
(wrong passphrase: the reason in the dialog, try again); a second copy on the same station refused;
no station: says what to do; the console command opens the demo app up to its login window."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QMessageBox

from helpers import MemoryKeyring, make_station
from workstation.ui.app import Exit, Startup


@pytest.fixture
def startups():
    made = []
    yield made
    for s in made:
        if s.window is not None:
            s.window.close()
            s.window.deleteLater()  # before the station it shows (the startup owns it) goes
        s.shutdown()
        s.deleteLater()


def make_startup(startups, folder, backend, languages):
    s = Startup(data_dir=folder, demo=False, languages=languages, keyring_backend=backend, devices=None,
                demo_platform=False)
    startups.append(s)
    return s


def test_keyring_unlock_goes_straight_to_the_login(tmp_path, qtbot, languages, startups):
    kr = MemoryKeyring()
    make_station(tmp_path / "st", backend=kr).db.close()
    s = make_startup(startups, tmp_path / "st", kr, languages)
    with qtbot.waitSignal(s.window_ready, timeout=20_000) as ready:
        s.start()
    win = ready.args[0]
    assert win.login_screen.isVisible() and win.session is None
    assert win.station.station_name == "测试警务室"
    assert s.passphrase_dialog is None


def test_passphrase_dialog_when_the_keyring_entry_is_missing(tmp_path, qtbot, languages, startups):
    st = make_station(tmp_path / "st", backend=MemoryKeyring())
    st.db.close()
    empty = MemoryKeyring()  # another user account / reinstalled system: no entry
    s = make_startup(startups, tmp_path / "st", empty, languages)
    s.start()
    qtbot.waitUntil(lambda: s.passphrase_dialog is not None and s.passphrase_dialog.isVisible(), timeout=20_000)
    dlg = s.passphrase_dialog
    dlg.field.setText("not the passphrase")
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dlg.isVisible() and dlg.error.isVisible(), timeout=20_000)
    assert "passphrase is wrong" in dlg.error.text()
    assert not s.station.is_open  # the login window behind the dialog answers nobody yet
    dlg.field.setText(st.passphrase)
    with qtbot.waitSignal(s.window_ready, timeout=20_000):
        dlg.buttons.accepted.emit()
    assert not dlg.isVisible()
    assert empty.entries  # the keyring entry is back: next start-up needs no passphrase


def test_cancelling_the_passphrase_quits(tmp_path, qtbot, languages, startups):
    make_station(tmp_path / "st", backend=MemoryKeyring()).db.close()
    s = make_startup(startups, tmp_path / "st", MemoryKeyring(), languages)
    s.start()
    qtbot.waitUntil(lambda: s.passphrase_dialog is not None and s.passphrase_dialog.isVisible(), timeout=20_000)
    with qtbot.waitSignal(s.failed) as failed:
        s.passphrase_dialog.reject()
    assert failed.args == [int(Exit.CANCELLED)]


def test_a_second_copy_on_the_same_station_is_refused(tmp_path, qtbot, languages, startups):
    kr = MemoryKeyring()
    make_station(tmp_path / "st", backend=kr).db.close()
    # the first copy: another process holding the station (as the running app does)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from workstation.ui.app import lock_station
            lock = lock_station({str(tmp_path / "st")!r})
            print("held", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        s = make_startup(startups, tmp_path / "st", kr, languages)
        s.start()
        box = s.refusal
        assert box is not None and box.isVisible()
        assert "already running" in box.text()
        assert s.window is None and s.station is None  # no second writer: the store was never opened
        with qtbot.waitSignal(s.failed) as failed:
            box.button(QMessageBox.StandardButton.Ok).click()
        assert failed.args == [int(Exit.ALREADY_RUNNING)]
    finally:
        holder.stdin.close()
        holder.wait(10)
    # the first copy has quit: now it opens
    s2 = make_startup(startups, tmp_path / "st", kr, languages)
    with qtbot.waitSignal(s2.window_ready, timeout=20_000):
        s2.start()


def test_no_station_says_what_to_do(tmp_path, qtbot, languages, startups):
    s = make_startup(startups, tmp_path / "nothing", MemoryKeyring(), languages)
    s.start()
    assert s.refusal is not None and "workstation-admin init" in s.refusal.text()
    with qtbot.waitSignal(s.failed) as failed:
        s.refusal.accept()
    assert failed.args == [int(Exit.NO_STATION)]


def test_console_command_opens_the_demo_app_to_its_login(tmp_path):
    env = {**os.environ, "WORKSTATION_EXIT_AT_LOGIN": "1", "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(sys.path)}
    cmd = [sys.executable, "-m", "workstation.cli.app", "--demo", "--data-dir", str(tmp_path / "demo")]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "login window after" in r.stdout
    assert "Traceback" not in r.stderr
    assert (tmp_path / "demo" / "workstation.db").exists()
    from workstation.storage.lock import acquire_app_lock

    acquire_app_lock(tmp_path / "demo").release()  # released at quit


def test_the_app_stops_cleanly_on_sigterm(tmp_path):
    """A service stop or Ctrl+C closes the app the normal way: exit 0, the station released."""
    import signal
    import time

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-m", "workstation.ui.app", "--demo", "--data-dir", str(tmp_path / "d")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 120
        while not (tmp_path / "d" / "workstation.db").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)  # the window, devices and platform starting
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    from workstation.storage.lock import acquire_app_lock

    acquire_app_lock(tmp_path / "d").release()


def test_the_login_shows_before_the_station_is_open_and_answers_once_it_is(tmp_path, qtbot, languages, startups):
    from helpers import ADMIN_PASSWORD

    kr = MemoryKeyring()
    make_station(tmp_path / "st", backend=kr).db.close()
    s = make_startup(startups, tmp_path / "st", kr, languages)
    with qtbot.waitSignal(s.login_shown, timeout=20_000) as shown:
        s.start()
    win = shown.args[0]
    assert win.login_screen.isVisible() and not s.station.is_open  # the unlock starts after the window
    screen = win.login_screen
    screen.username.setText("admin")
    screen.password.setText(ADMIN_PASSWORD)
    screen.submit()  # pressed while the station is still being unlocked
    assert screen.login_button.text() == "Opening the station…" and not screen.login_button.isEnabled()
    qtbot.waitUntil(lambda: win.session is not None, timeout=20_000)
    assert s.station.is_open and win.station.station_name == "测试警务室"
    assert win.windowTitle().startswith("测试警务室")


HEAVY = ("sqlalchemy", "alembic", "cryptography", "argon2", "sqlcipher3", "pypinyin", "httpx", "fastapi", "numpy",
         "pyqtgraph", "workstation.storage.db", "workstation.sync.client", "workstation.central")


# The `workstation` command (and the packaged app, packaging/entry.py) reaches the desktop app through
# the console's parser (workstation.cli.app): building it must not load storage either.
CONSOLE_FIRST = """
from workstation.cli import app as console, argparse_i18n
argparse_i18n.install()
assert not console.build_parser().parse_args(["--demo"]).self_test
"""


@pytest.mark.parametrize("via", ["app", "console"])
def test_the_login_window_shows_before_storage_is_imported(tmp_path, via):
    """What the login window needs loads first; storage, sync and their libraries load on the unlock
    worker afterwards (the start-up benchmark's start_s is this window; measure with -X importtime)."""
    script = (CONSOLE_FIRST if via == "console" else "") + textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from workstation.ui import app
        qapp = app.make_app()
        languages = app.i18n.Languages(qapp)
        languages.switch("en")
        s = app.Startup(data_dir=Path({str(tmp_path / "demo")!r}), demo=True, languages=languages, devices=None,
                        demo_platform=False)
        s.start()  # the window shows; the unlock waits for the event loop
        assert s.window is not None and s.window.login_screen.isVisible() and not s.station.is_open
        print("heavy:" + ",".join(m for m in {HEAVY!r} if m in sys.modules))
        s.shutdown()
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": os.pathsep.join(sys.path)}
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    assert "heavy:\n" in r.stdout, f"imported before the login window: {r.stdout}"
