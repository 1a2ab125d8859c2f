"""What the console commands print for a station, in Chinese, holds no English: status and listing
outputs of `workstation`, `workstation-admin` and `workstation-central`, on a fresh station and on a
demo station with data (`test_cli_language` covers help pages and usage errors; this covers output).

Raw codes were the kind found here: table names (``person 500``), batch states (``sealed``), roles
(``officer``), key backends (``keyring.backends.fail.Keyring``), ``ok`` from SQLite, device roles
(``idcard (sam)``), document types (``resident_id``). Each named case is asserted with its words.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import ADMIN_PASSWORD, english_words, make_station
from workstation.cli import argparse_i18n
from workstation.domain.enums import Role

MODULES = {
    "workstation": "workstation.cli.app",
    "workstation-admin": "workstation.cli.admin",
    "workstation-central": "workstation.cli.central",
}
#: data the station holds or the operator typed, not English: user names, the station code, codes
DATA = {"admin", "li", "DEMO", "demo"}


@pytest.fixture(autouse=True)
def _chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("WORKSTATION_LANG", "zh_CN")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")  # never the developer's keyring
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("WORKSTATION_ADMIN_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.delenv("WORKSTATION_USER", raising=False)
    yield
    argparse_i18n.uninstall()


def _no_codes(text: str) -> str:
    """`text` without fingerprints, key ids and enrollment codes (generated codes, not words)."""
    return re.sub(r"\b[0-9a-f]{12,}\b|\b[0-9A-Z]{12}\b", " ", text)


def _run(command: str, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    try:
        rc = importlib.import_module(MODULES[command]).main(argv)
    except SystemExit as exc:
        rc = exc.code if isinstance(exc.code, int) else 0
    out = capsys.readouterr()
    return rc, out.out + out.err


def _station(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, demo: bool) -> Path:
    from workstation.storage import demo as demo_data

    st = make_station(tmp_path / ("demo" if demo else "fresh"), demo=demo)
    st.actor(Role.OFFICER, "li")
    if demo:
        demo_data.generate(st.db, 12, actor="admin")
    st.db.close()
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", st.passphrase)
    return st.data_dir


def _commands(d: Path) -> list[tuple[str, list[str]]]:
    admin = ["--data-dir", str(d)]
    return [
        ("workstation-admin", [*admin, "status"]),
        ("workstation-admin", [*admin, "verify-audit"]),
        ("workstation-admin", [*admin, "operator", "list"]),
        ("workstation-admin", [*admin, "unlock"]),
        ("workstation-admin", [*admin, "purge", "--dry-run"]),
        ("workstation-admin", [*admin, "devices", "list"]),
        ("workstation", ["--data-dir", str(d), "status"]),
        ("workstation", ["--data-dir", str(d), "sync", "--status"]),
    ]


@pytest.mark.parametrize("demo", [False, True], ids=["fresh station", "demo station"])
def test_status_and_listings_are_chinese_throughout(
    demo: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    d = _station(tmp_path, monkeypatch, demo=demo)
    outputs = {}
    bad = {}
    for command, argv in _commands(d):
        rc, out = _run(command, argv, capsys)
        assert rc == 0, (command, argv, out)
        assert "Traceback" not in out
        outputs[" ".join([command, *argv[2:]])] = out
        if words := english_words(out, DATA):
            bad[" ".join([command, *argv[2:]])] = (sorted(words), out)
    assert not bad, bad
    status = outputs["workstation-admin status"]
    # the tables in words (issue: `person`, `outbox` in the Chinese output)
    assert re.search(r"\n  实有人口 +(12|0)\n", status) and "审计记录" in status and "person" not in status
    assert "密钥存储：   无（没有系统密钥环服务" in status and "完整性：     正常" in status
    assert ("演示警务室：仅含虚构数据" in status) == demo
    listed = outputs["workstation-admin operator list"]
    assert "民警" in listed and "officer" not in listed
    purge = outputs["workstation-admin purge --dry-run"]
    assert "平台已确认的同步记录 0" in purge and "outbox" not in purge
    assert "身份证阅读器（SAM）" in outputs["workstation status"]
    assert "批次：无" in outputs["workstation sync --status"]


def test_demo_data_and_the_platform_status_are_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    d = _station(tmp_path, monkeypatch, demo=True)
    rc, out = _run("workstation-admin", ["--data-dir", str(d), "demo-data", "3"], capsys)
    assert rc == 0 and "实有人口 3" in out and "person" not in out and not english_words(out, DATA), out
    plat = tmp_path / "platform"
    for argv in (["init"], ["enroll-code", "S1"], ["status"]):
        rc, out = _run("workstation-central", ["--data-dir", str(plat), *argv], capsys)
        assert rc == 0 and not english_words(_no_codes(out)), (argv, out)
    assert "已注册的设备：0" in out and "devices" not in out
    rc, out = _run("workstation-central", ["--data-dir", str(plat), "revoke-device", "nope"], capsys)
    assert rc == 1 and "没有设备 nope" in out and not english_words(out, {"nope"}), out


def test_sync_status_names_batch_states_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A station with batches in several states (written as the sync client writes them) shows each
    state in words: 已打包，待发送 (sealed), 平台已确认 (acknowledged), not ``sealed 1, acknowledged 2``."""
    from workstation.storage.sync_tables import SyncBatch, SyncDevice
    from workstation.sync.client import UNREACHABLE

    st = make_station(tmp_path / "st")
    with st.db.write() as s:
        s.add(SyncDevice(id=1, device_id="20261130-0001", station_code="440305001", platform_url="https://127.0.0.1:1",
                         ca_pem="", key_id="k", platform_enc_pub="", platform_sign_pub="", sign_pub="",
                         sign_priv_wrapped=b""))
        for seq, state in ((1, "acknowledged"), (2, "acknowledged"), (3, "sealed"), (4, "building")):
            s.add(SyncBatch(batch_id=f"b{seq}", seq=seq, state=state, record_count=seq, attempts=seq - 1,
                            last_error=UNREACHABLE if state == "sealed" else None))
    st.db.close()
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", st.passphrase)
    rc, out = _run("workstation", ["--data-dir", str(st.data_dir), "sync", "--status"], capsys)
    assert rc == 0, out
    assert "平台已确认 2" in out and "已打包，待发送 1" in out and "正在准备 1" in out, out
    assert "#3 已打包，待发送：3 条记录" in out, out
    assert "设备 20261130-0001（正常）" in out and "无法连接中心平台" in out, out
    assert not english_words(out), out


def test_the_platform_says_why_it_refused_an_imported_batch_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workstation-central import-folder` on a damaged and a cut batch: each refusal names the file and
    says why in Chinese (the platform's refusals are marked texts; the HTTP body keeps the English)."""
    from workstation.sync import envelope

    plat = tmp_path / "platform"
    rc, _out = _run("workstation-central", ["--data-dir", str(plat), "init"], capsys)
    assert rc == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / "0001.wsb").write_bytes(b"not a batch at all")
    (usb / "0002.wsb").write_bytes(envelope.MAGIC + (4000).to_bytes(4, "big") + b"{}")
    rc, out = _run("workstation-central", ["--data-dir", str(plat), "import-folder", str(usb)], capsys)
    assert rc == 1, out
    assert "0001.wsb：这不是封包批次（文件标识错误或过短）" in out, out
    assert "0002.wsb：" in out and not english_words(out, {"wsb"}), out
