"""Every console command with bad arguments and bad files: missing, empty, the wrong type, a folder
where a file belongs and the other way round, under a file, unwritable, unicode and quote characters.

A case fails on any exception that escapes the command (a traceback at the terminal), on the text
"Traceback" in what it printed, on exit code 70 (`EXIT_BUG`: the command caught a bug), on a zero exit
code for something that must fail, and on a failure without a message. Usage errors exit with
`EXIT_USAGE`; refused operations with `EXIT_REFUSED` (checked once the two differ).

The commands run in-process through their `main` (fast, and an escaping exception is caught with its
traceback); `test_console_scripts_are_wired` runs each installed script once as a real process.
"""

from __future__ import annotations

import importlib
import io
import os
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ADMIN_PASSWORD, make_station
from workstation.cli.terminal import EXIT_BUG, EXIT_REFUSED, EXIT_USAGE
from workstation.domain.enums import Role

MODULES = {
    "workstation": "workstation.cli.app",
    "workstation-admin": "workstation.cli.admin",
    "workstation-sim": "workstation.cli.sim",
    "workstation-central": "workstation.cli.central",
}
OK, USAGE, REFUSED = "ok", "usage", "refused"
# cases whose fix belongs to another piece of work in progress: reported as xfail while they fail
PENDING: dict[str, str] = {}


@dataclass
class Outcome:
    rc: int
    out: str
    err: str
    escaped: str  # the traceback of an exception that left `main`, if any


def invoke(command: str, argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str = "quit\n") -> Outcome:
    module = importlib.import_module(MODULES[command])
    capsys.readouterr()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    escaped = ""
    try:
        rc = module.main(list(argv))
    except SystemExit as exc:  # argparse
        rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        rc, escaped = -1, traceback.format_exc()
    finally:
        sys.stdin = saved
    cap = capsys.readouterr()
    return Outcome(rc, cap.out, cap.err, escaped)


def run_cases(command: str, cases: list[tuple[str, list[str], str]], capsys: pytest.CaptureFixture[str],
              stdin: str = "quit\n", before: object = None) -> None:
    failures, pending = [], []
    for label, argv, expect in cases:
        if callable(before):
            before(argv)
        name = f"{command} {label}"
        try:
            check(invoke(command, argv, capsys, stdin), expect, name)
        except AssertionError as exc:
            (pending if name in PENDING else failures).append(str(exc))
    assert not failures, "\n\n".join(failures)
    if pending:
        pytest.xfail("; ".join(PENDING[n] for n in PENDING if any(x.startswith(n) for x in pending)))


def check(outcome: Outcome, expect: str, label: str) -> None:
    shown = f"{label}\n--- rc {outcome.rc}\n--- out\n{outcome.out[-2000:]}\n--- err\n{outcome.err[-2000:]}"
    assert not outcome.escaped, f"{label}: exception escaped\n{outcome.escaped}"
    assert "Traceback" not in outcome.out + outcome.err, shown
    assert outcome.rc != EXIT_BUG, shown
    if expect == OK:
        assert outcome.rc == 0, shown
        return
    assert outcome.rc not in (0, -1), shown
    assert (outcome.out + outcome.err).strip(), f"{label}: failed without a message"
    if EXIT_REFUSED != EXIT_USAGE:
        assert outcome.rc == (EXIT_USAGE if expect == USAGE else EXIT_REFUSED), shown


@dataclass
class Paths:
    root: Path
    missing: Path
    empty_file: Path
    a_file: Path
    empty_dir: Path
    full_dir: Path
    under_file: Path
    unwritable: Path
    odd: Path  # unicode and quote characters, does not exist yet
    station: Path
    demo_station: Path
    passphrases: dict[Path, str]


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "empty.txt").write_bytes(b"")
    (root / "file.txt").write_text("not what was asked for\n")
    (root / "empty-dir").mkdir()
    (root / "full-dir").mkdir()
    (root / "full-dir" / "something").write_text("x")
    if os.geteuid() == 0:  # root writes anywhere a mode allows: sysfs refuses even root
        unwritable = Path("/sys/workstation-fuzz/inner")
    else:
        (root / "locked").mkdir(mode=0o500)
        unwritable = root / "locked" / "inner"
    st = make_station(root / "station")
    st.actor(Role.OFFICER, "officer1")
    st.db.close()
    demo = make_station(root / "demo-station", demo=True)
    demo.db.close()
    return Paths(root, root / "missing", root / "empty.txt", root / "file.txt", root / "empty-dir",
                 root / "full-dir", root / "file.txt" / "sub", unwritable,
                 root / "O'Brien \"引号\" ; 目录 `x`", st.data_dir, demo.data_dir,
                 {st.data_dir: st.passphrase, demo.data_dir: demo.passphrase})


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, paths: Paths) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.delenv("WORKSTATION_USER", raising=False)
    monkeypatch.delenv("WORKSTATION_NEW_PASSWORD", raising=False)
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", paths.passphrases[paths.station])


# ---- workstation-admin -----------------------------------------------------------------------
def admin_cases(p: Paths) -> list[tuple[str, list[str], str]]:
    init = ["init", "--station-code", "440305009", "--station-name", "测试"]
    cases: list[tuple[str, list[str], str]] = [
        ("no command", [], USAGE),
        ("unknown command", ["frobnicate"], USAGE),
        ("init: existing station", ["--data-dir", str(p.station), *init], USAGE),
        ("init: folder not empty", ["--data-dir", str(p.full_dir), *init], USAGE),
        ("init: a file", ["--data-dir", str(p.a_file), *init], USAGE),
        ("init: under a file", ["--data-dir", str(p.under_file), *init], USAGE),
        ("init: unwritable", ["--data-dir", str(p.unwritable), *init], REFUSED),
        ("init: empty path", ["--data-dir", "", *init], USAGE),
        ("init: no station code", ["--data-dir", str(p.root / "new1"), "init", "--station-name", "x"], USAGE),
        ("init: bad station code", ["--data-dir", str(p.root / "new2"), "init", "--station-code", "a b'c",
                                    "--station-name", "x"], USAGE),
        ("init: empty station name", ["--data-dir", str(p.root / "new3"), "init", "--station-code", "1",
                                      "--station-name", " "], USAGE),
        ("init: control chars in name", ["--data-dir", str(p.root / "new4"), "init", "--station-code", "1",
                                         "--station-name", "a\x1b[2Jb"], USAGE),
        ("init: bad admin name", ["--data-dir", str(p.root / "new5"), *init, "--admin", "ad\u202emin"], REFUSED),
        ("init: unicode and quotes in the path", ["--data-dir", str(p.odd), *init, "--no-keyring"], OK),
        ("status: missing folder", ["--data-dir", str(p.missing), "status"], REFUSED),
        ("status: a file", ["--data-dir", str(p.a_file), "status"], REFUSED),
        ("status: empty folder", ["--data-dir", str(p.empty_dir), "status"], REFUSED),
        ("status: other folder", ["--data-dir", str(p.full_dir), "status"], REFUSED),
        ("unlock: missing folder", ["--data-dir", str(p.missing), "unlock"], REFUSED),
        ("verify-audit: officer", ["--data-dir", str(p.station), "verify-audit", "--user", "officer1"], REFUSED),
        ("backup: to a file", ["--data-dir", str(p.station), "backup", str(p.a_file)], USAGE),
        ("backup: under a file", ["--data-dir", str(p.station), "backup", str(p.under_file)], USAGE),
        ("backup: folder not empty", ["--data-dir", str(p.station), "backup", str(p.full_dir)], USAGE),
        ("backup: empty path", ["--data-dir", str(p.station), "backup", ""], USAGE),
        ("backup: unwritable", ["--data-dir", str(p.station), "backup", str(p.unwritable)], REFUSED),
        ("backup: no target", ["--data-dir", str(p.station), "backup"], USAGE),
        ("backup: new folder", ["--data-dir", str(p.station), "backup", str(p.root / "backup-new")], OK),
        ("backup: quotes in the path", ["--data-dir", str(p.station), "backup", str(p.root / "O'Brien \"备份\"")], OK),
        ("restore: missing backup", ["--data-dir", str(p.root / "restored"), "restore", str(p.missing)], USAGE),
        ("restore: backup is a file", ["--data-dir", str(p.root / "restored"), "restore", str(p.a_file)], USAGE),
        ("restore: empty backup folder", ["--data-dir", str(p.root / "restored"), "restore", str(p.empty_dir)],
         REFUSED),
        ("restore: other folder", ["--data-dir", str(p.root / "restored"), "restore", str(p.full_dir)], REFUSED),
        ("restore: over a station", ["--data-dir", str(p.station), "restore", str(p.root / "backup-new")], REFUSED),
        ("restore: into a file", ["--data-dir", str(p.a_file), "restore", str(p.root / "backup-new")], REFUSED),
        ("restore: quotes in the path", ["--data-dir", str(p.root / "还原 'x' \"y\""), "restore",
                                         str(p.root / "O'Brien \"备份\"")], OK),
        ("operator: unknown action", ["--data-dir", str(p.station), "operator", "frob"], USAGE),
        ("operator: no name", ["--data-dir", str(p.station), "operator", "disable"], USAGE),
        ("operator: unknown name", ["--data-dir", str(p.station), "operator", "disable", "ghost"], REFUSED),
        ("operator: escape in name", ["--data-dir", str(p.station), "operator", "add", "a\x1b]0;x\x07"], REFUSED),
        ("operator: huge name", ["--data-dir", str(p.station), "operator", "add", "x" * 100_000], REFUSED),
        ("operator: bad role", ["--data-dir", str(p.station), "operator", "role", "officer1", "--role", "god"],
         USAGE),
        ("operator: last admin", ["--data-dir", str(p.station), "operator", "disable", "admin"], REFUSED),
        ("demo-data: negative", ["--data-dir", str(p.station), "demo-data", "-5"], USAGE),
        ("demo-data: not a number", ["--data-dir", str(p.station), "demo-data", "many"], USAGE),
        ("demo-data: live station", ["--data-dir", str(p.station), "demo-data", "5"], REFUSED),
        ("purge: officer", ["--data-dir", str(p.station), "purge", "--user", "officer1"], REFUSED),
        ("devices: assign without port", ["--data-dir", str(p.station), "devices", "assign", "idcard"], USAGE),
        ("devices: unknown role", ["--data-dir", str(p.station), "devices", "forget", "scanner",
                                   "--assignments", str(p.root / "assign.json")], REFUSED),
        ("devices: assignments is a folder", ["devices", "list", "--assignments", str(p.empty_dir)], USAGE),
        ("devices: assignments not JSON", ["devices", "list", "--assignments", str(p.a_file)], USAGE),
        ("devices: assignments empty", ["devices", "list", "--assignments", str(p.empty_file)], USAGE),
        ("devices: assignments under a file", ["devices", "list", "--assignments", str(p.under_file)], USAGE),
        ("devices: scanner-set bad value", ["--data-dir", str(p.station), "devices", "scanner-set", "baud", "x",
                                            "--yes", "--assignments", str(p.root / "assign.json")], REFUSED),
    ]
    return cases


def test_workstation_admin(paths: Paths, capsys, monkeypatch):
    def login_as(argv: list[str]) -> None:
        if "--user" in argv:
            monkeypatch.setenv("WORKSTATION_USER", argv[argv.index("--user") + 1])
            monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", "password-" + argv[argv.index("--user") + 1])
        else:
            monkeypatch.delenv("WORKSTATION_USER", raising=False)
            monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", ADMIN_PASSWORD)
        if "operator" in argv and "add" in argv:
            monkeypatch.setenv("WORKSTATION_NEW_PASSWORD", "new-password-1")

    run_cases("workstation-admin", admin_cases(paths), capsys, before=login_as)


# ---- workstation (the app and `workstation sync`) ----------------------------------------------
def app_cases(p: Paths) -> list[tuple[str, list[str], str]]:
    st = ["--data-dir", str(p.station)]
    return [
        # (without a command `workstation` opens the desktop app: only what fails before it starts is here)
        ("unknown option", ["--frob"], USAGE),
        ("data dir is a file", ["--data-dir", str(p.a_file)], USAGE),
        ("data dir under a file", ["--data-dir", str(p.under_file)], USAGE),
        ("unknown command", ["frob"], USAGE),
        ("status: data dir missing", ["--data-dir", str(p.missing), "status"], REFUSED),
        ("status: data dir empty folder", ["--data-dir", str(p.empty_dir), "status"], REFUSED),
        ("status: data dir is a file", ["--data-dir", str(p.a_file), "status"], USAGE),
        ("status: --demo on a live station", ["--demo", *st, "status"], REFUSED),
        ("status: --demo into an unwritable folder", ["--demo", "--data-dir", str(p.unwritable), "status"],
         REFUSED),
        ("sync: station missing", ["--data-dir", str(p.missing), "sync", "--status"], REFUSED),
        ("sync: status", [*st, "sync", "--status"], OK),
        ("sync: enroll without code", [*st, "sync", "--enroll", "https://127.0.0.1:1"], USAGE),
        ("sync: enroll with a missing CA", [*st, "sync", "--enroll", "https://127.0.0.1:1", "--code", "X",
                                           "--station-code", "440305001", "--ca", str(p.missing)], USAGE),
        ("sync: enroll with an empty CA", [*st, "sync", "--enroll", "https://127.0.0.1:1", "--code", "X",
                                           "--station-code", "440305001", "--ca", str(p.empty_file)], USAGE),
        ("sync: enroll with a non-PEM CA", [*st, "sync", "--enroll", "https://127.0.0.1:1", "--code", "X",
                                            "--station-code", "440305001", "--ca", str(p.a_file)], USAGE),
        ("sync: enroll with a folder as CA", [*st, "sync", "--enroll", "https://127.0.0.1:1", "--code", "X",
                                              "--station-code", "440305001", "--ca", str(p.empty_dir)], USAGE),
        ("sync: enroll with a bad URL", [*st, "sync", "--enroll", "not a url", "--code", "X",
                                         "--station-code", "440305001", "--ca", str(p.a_file)], USAGE),
        ("sync: export to a file", [*st, "sync", "--export", str(p.a_file)], USAGE),
        ("sync: export under a file", [*st, "sync", "--export", str(p.under_file)], USAGE),
        ("sync: export unwritable", [*st, "sync", "--export", str(p.unwritable)], REFUSED),
        # (an enrolled station exporting to such a path: tests/sync/test_sync_cli.py)
        ("sync: export, not enrolled", [*st, "sync", "--export", str(p.root / "U盘 'x' \"y\"")], REFUSED),
        ("sync: status and export at once", [*st, "sync", "--status", "--export", str(p.root / "x")], USAGE),
        ("sync: receipts from a missing folder", [*st, "sync", "--import-receipts", str(p.missing)], USAGE),
        ("sync: receipts from a file", [*st, "sync", "--import-receipts", str(p.a_file)], USAGE),
        ("sync: receipts from an empty folder", [*st, "sync", "--import-receipts", str(p.empty_dir)], REFUSED),
        ("sync: not enrolled", [*st, "sync"], REFUSED),
    ]


def test_workstation(paths: Paths, capsys):
    run_cases("workstation", app_cases(paths), capsys)


# ---- workstation-sim -------------------------------------------------------------------------
def sim_cases(p: Paths) -> list[tuple[str, list[str], str]]:
    return [
        ("unknown option", ["--frob"], USAGE),
        ("corrupt above 1", ["--corrupt", "2"], USAGE),
        ("corrupt not a number", ["--corrupt", "nan"], USAGE),
        ("port base out of range", ["--tcp", "--port-base", "99999"], USAGE),
        ("negative latency", ["--latency", "-1"], USAGE),
        ("drop after zero", ["--drop-after", "0"], USAGE),
        ("scenario folder missing", ["--scenario", str(p.missing)], USAGE),
        ("scenario folder is a file", ["--scenario", str(p.a_file)], USAGE),
        ("scenario folder empty", ["--scenario", str(p.empty_dir)], USAGE),
        ("unknown card", ["--card", "no_such_card"], USAGE),
        ("card path outside", ["--card", "../../../etc/passwd"], USAGE),
        ("bad host", ["--tcp", "--host", "not a host!"], USAGE),
        ("a good run", ["--tcp", "--card", ""], OK),
    ]


def test_workstation_sim(paths: Paths, capsys):
    # a good run also gets bad commands on its standard input: each is answered, none ends it
    run_cases("workstation-sim", sim_cases(paths), capsys,
              stdin="card no_such\nfinger x y\npassport ../../x\nbogus\n\x00\nquit\n")


# ---- workstation-central ---------------------------------------------------------------------
def central_cases(p: Paths) -> list[tuple[str, list[str], str]]:
    d = ["--data-dir", str(p.root / "central")]
    (p.root / "prereg-object.json").write_text('{"name": "张三"}')
    (p.root / "prereg-bad-row.json").write_text('[{"name": "张三"}, {"nom": 1}]')
    (p.root / "prereg-nested.json").write_text('[{"name": "张三", "x": {"y": 1}}]')
    (p.root / "prereg-empty-list.json").write_text("[]")
    (p.root / "prereg-latin1.json").write_bytes('[{"name": "Müller"}]'.encode("latin-1"))
    (p.root / "prereg-ok.json").write_text('[{"name": "张三", "phone": "13800000000"}]')
    (p.root / "broken-central").mkdir(exist_ok=True)
    (p.root / "broken-central" / "central.json").write_text("")
    return [
        ("no command", [*d], USAGE),
        ("status before init", [*d, "status"], REFUSED),
        ("init", [*d, "init"], OK),
        ("init twice", [*d, "init"], REFUSED),
        ("init into a file", ["--data-dir", str(p.a_file), "init"], USAGE),
        ("init under a file", ["--data-dir", str(p.under_file), "init"], USAGE),
        ("init unwritable", ["--data-dir", str(p.unwritable), "init"], REFUSED),
        ("init quotes in the path", ["--data-dir", str(p.root / "平台 'a' \"b\""), "init"], OK),
        ("init bad host", ["--data-dir", str(p.root / "c2"), "init", "--host", "a b"], USAGE),
        ("init unreachable database", ["--data-dir", str(p.root / "c3"), "--db-url",
                                       "postgresql+psycopg://nobody@127.0.0.1:1/x", "init"], REFUSED),
        ("damaged config", ["--data-dir", str(p.root / "broken-central"), "status"], REFUSED),
        ("bad db url", [*d, "--db-url", "nonsense", "status"], USAGE),
        ("unknown db driver", [*d, "--db-url", "oracle+nope://x/y", "status"], USAGE),
        ("sqlite under a file", [*d, "--db-url", f"sqlite:///{p.under_file}/x.db", "status"], REFUSED),
        ("serve port too big", [*d, "serve", "--port", "99999"], USAGE),
        ("serve port zero", [*d, "serve", "--port", "0"], USAGE),
        ("serve port not a number", [*d, "serve", "--port", "http"], USAGE),
        ("enroll-code negative minutes", [*d, "enroll-code", "440305001", "--minutes", "-5"], USAGE),
        ("enroll-code zero minutes", [*d, "enroll-code", "440305001", "--minutes", "0"], USAGE),
        ("enroll-code bad station", [*d, "enroll-code", "44 03'05"], USAGE),
        ("enroll-code", [*d, "enroll-code", "440305001"], OK),
        ("push-task unknown station", [*d, "push-task", "999999999", "核查"], REFUSED),
        ("push-task due tomorrow", [*d, "push-task", "440305001", "核查", "--due", "tomorrow"], USAGE),
        ("push-task due in the past", [*d, "push-task", "440305001", "核查", "--due", "2001-01-01"], USAGE),
        ("push-task empty title", [*d, "push-task", "440305001", " "], USAGE),
        ("push-task", [*d, "push-task", "440305001", "核查 3-301", "--due", "2099-12-31"], OK),
        ("import-prereg missing file", [*d, "import-prereg", "440305001", str(p.missing)], USAGE),
        ("import-prereg empty file", [*d, "import-prereg", "440305001", str(p.empty_file)], USAGE),
        ("import-prereg not JSON", [*d, "import-prereg", "440305001", str(p.a_file)], USAGE),
        ("import-prereg a folder", [*d, "import-prereg", "440305001", str(p.empty_dir)], USAGE),
        ("import-prereg an object", [*d, "import-prereg", "440305001", str(p.root / "prereg-object.json")], USAGE),
        ("import-prereg a row without name", [*d, "import-prereg", "440305001",
                                              str(p.root / "prereg-bad-row.json")], USAGE),
        ("import-prereg nested value", [*d, "import-prereg", "440305001", str(p.root / "prereg-nested.json")],
         USAGE),
        ("import-prereg empty list", [*d, "import-prereg", "440305001", str(p.root / "prereg-empty-list.json")],
         USAGE),
        ("import-prereg not UTF-8", [*d, "import-prereg", "440305001", str(p.root / "prereg-latin1.json")], USAGE),
        ("import-prereg unknown station", [*d, "import-prereg", "999999999", str(p.root / "prereg-ok.json")],
         REFUSED),
        ("import-prereg", [*d, "import-prereg", "440305001", str(p.root / "prereg-ok.json")], OK),
        ("revoke unknown device", [*d, "revoke-device", "no-such-device"], REFUSED),
        ("import-folder missing", [*d, "import-folder", str(p.missing)], USAGE),
        ("import-folder a file", [*d, "import-folder", str(p.a_file)], USAGE),
        ("import-folder empty", [*d, "import-folder", str(p.empty_dir)], REFUSED),
        ("transfer-record unknown record", [*d, "transfer-record", "person", "no-such-id", "440305001"], REFUSED),
        ("transfer-record unknown station", [*d, "transfer-record", "person", "x", "999999999"], REFUSED),
        ("transfer-record bad type", [*d, "transfer-record", "per son", "x", "440305001"], USAGE),
        ("transfer-record missing station", [*d, "transfer-record", "person", "x"], USAGE),
        ("release-checkpoint unknown station", [*d, "release-checkpoint", "999999999"], REFUSED),
        ("release-checkpoint bad station", [*d, "release-checkpoint", ""], USAGE),
        ("status", [*d, "status"], OK),
    ]


def test_workstation_central(paths: Paths, capsys):
    run_cases("workstation-central", central_cases(paths), capsys)


# ---- the installed scripts themselves -----------------------------------------------------------
@pytest.mark.parametrize("script,argv", [
    ("workstation", ["--data-dir", "{file}"]),
    ("workstation-admin", ["backup", "{file}"]),
    ("workstation-sim", ["--corrupt", "7"]),
    ("workstation-central", ["serve", "--port", "99999"]),
])
def test_console_scripts_are_wired(paths: Paths, script: str, argv: list[str]):
    exe = Path(sys.executable).parent / script
    if not exe.exists():
        pytest.skip(f"{script} is not installed in this environment")
    argv = [a.replace("{file}", str(paths.a_file)) for a in argv]
    r = subprocess.run([str(exe), *argv], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert r.returncode == EXIT_USAGE and "Traceback" not in r.stderr and "error:" in r.stderr, r.stderr
