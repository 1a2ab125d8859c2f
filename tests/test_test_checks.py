"""The suite's own checks can fail: a test that leaves a thread running or logs a warning it did not
declare is reported (tests/conftest.py), a test that declares its warning passes. Runs pytest on a
small test file in a fresh folder with this suite's conftest."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import workstation

CASES = '''
import logging
import threading


def test_leaves_a_thread():
    stop = threading.Event()
    threading.Thread(target=stop.wait, name="worker-left-behind").start()
    test_leaves_a_thread.stop = stop


def test_leaves_a_project_daemon_thread():
    stop = threading.Event()
    threading.Thread(target=stop.wait, name="device-manager", daemon=True).start()
    test_leaves_a_project_daemon_thread.stop = stop


def test_logs_an_undeclared_warning():
    logging.getLogger("workstation.devices").warning("port lost")


def test_logs_an_undeclared_warning_from_a_thread():
    t = threading.Thread(target=lambda: logging.getLogger("workstation.sync").error("upload failed"))
    t.start()
    t.join()


def test_declares_its_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="workstation.devices"):
        logging.getLogger("workstation.devices").warning("port lost")
    assert "port lost" in caplog.text


def test_stops_its_thread_and_logs_info():
    t = threading.Thread(target=lambda: logging.getLogger("workstation").info("fine"), name="device-events_0")
    t.start()
    t.join()


def test_zz_release_the_threads():
    test_leaves_a_thread.stop.set()
    test_leaves_a_project_daemon_thread.stop.set()
'''


def test_leaked_threads_and_undeclared_warnings_fail(tmp_path):
    shutil.copy(Path(__file__).parent / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_cases.py").write_text(CASES)
    r = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", "test_cases.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, PYTHONPATH=str(Path(workstation.__file__).parents[1])),
    )
    out = r.stdout
    assert r.returncode == 1, out
    for name in ("test_leaves_a_thread", "test_leaves_a_project_daemon_thread", "test_logs_an_undeclared_warning",
                 "test_logs_an_undeclared_warning_from_a_thread"):
        assert f"ERROR test_cases.py::{name} " in out, out
    for name in ("test_declares_its_warning", "test_stops_its_thread_and_logs_info", "test_zz_release_the_threads"):
        assert f"PASSED test_cases.py::{name}" in out and f"ERROR test_cases.py::{name} " not in out, out
    assert "worker-left-behind" in out and "device-manager (daemon)" in out and "port lost" in out


def test_test_file_names_are_unique_across_folders():
    """The suite imports test modules by their file name (pytest's default "prepend" import mode, which
    the `from conftest import …` helpers rely on): two folders holding the same test file name stop the
    whole run at collection ("import file mismatch"). Name a new file after its folder's subject."""
    tests = Path(__file__).parent
    seen: dict[str, list[str]] = {}
    for path in tests.rglob("test_*.py"):
        seen.setdefault(path.name, []).append(str(path.relative_to(tests)))
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}
