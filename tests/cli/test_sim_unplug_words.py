"""`workstation-sim`: unplugging or plugging back in a device says which, in the operator's language,
on standard error (it was silent: only the protocol line ``ok unplug`` on standard output); the
protocol lines stay as scripts read them. Real emulators on TCP ports, `sim.main` as the console runs it."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from helpers import english_words
from workstation.cli import argparse_i18n, sim

COMMANDS = "unplug\nunplug mrz\nreplug idcard\nreplug\nunplug printer\nquit\n"


@pytest.fixture(autouse=True)
def _clean() -> Iterator[None]:
    yield
    argparse_i18n.uninstall()


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str) -> tuple[str, str]:
    monkeypatch.setenv("WORKSTATION_LANG", lang)
    monkeypatch.setattr("sys.stdin", io.StringIO(COMMANDS))
    capsys.readouterr()
    assert sim.main(["--tcp", "--card", ""]) == 0
    out = capsys.readouterr()
    return out.out, out.err


def test_unplugging_says_which_device_in_chinese(monkeypatch, capsys) -> None:
    out, err = _run(monkeypatch, capsys, "zh_CN")
    lines = err.splitlines()
    assert lines == [
        "已拔出（如同拔掉连接线）：身份证阅读器、指纹仪、护照阅读器。输入“replug”重新插上。",
        "原已拔出：护照阅读器。",
        "已重新插上：身份证阅读器。",
        "已重新插上：指纹仪、护照阅读器。",
        "原已插上：身份证阅读器。",
        "这里没有设备“printer”。请指明其中之一：“idcard”（身份证阅读器）、“fingerprint”（指纹仪）、"
        "“mrz”（护照阅读器）。",
    ], err
    assert not english_words(err), err
    # standard output is still the protocol scripts read
    assert [ln for ln in out.splitlines() if not ln.startswith(("idcard ", "fingerprint ", "mrz "))] == [
        "ready", "ok unplug", "ok unplug mrz", "ok replug idcard", "ok replug", "? unplug printer"]


def test_unplugging_says_which_device_in_english(monkeypatch, capsys) -> None:
    _out, err = _run(monkeypatch, capsys, "en")
    assert err.splitlines()[:3] == [
        "Unplugged (as if the cable were pulled): ID card reader, fingerprint scanner, passport reader. "
        "Type “replug” to plug back in.",
        "Already unplugged: passport reader.",
        "Plugged back in: ID card reader.",
    ], err


def test_unplug_and_replug_change_only_the_device_named() -> None:
    argparse_i18n.install()
    args = sim.build_parser().parse_args(["--tcp", "--card", ""])
    devices = sim.start(args)
    try:
        assert sim.plug(devices, ["mrz"], plugged=False) == ["mrz"]
        assert {r: s.plugged for r, (s, _) in devices.items()} == {"idcard": True, "fingerprint": True, "mrz": False}
        assert sim.plug(devices, ["mrz"], plugged=False) == []  # already: told, nothing changes
        assert sim.handle("replug mrz", devices, args.scenario) is True
        assert all(s.plugged for s, _ in devices.values())
    finally:
        for server, _ in devices.values():
            server.stop()
