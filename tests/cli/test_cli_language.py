"""Every console command speaks the operator's language whole: its ``--help`` (each subcommand's too),
argparse's own words ("usage:", "error:", "the following arguments are required") and its usage errors.

The commands run in-process through their ``main``, as `test_console_fuzz` does; the Chinese output
may keep in Latin letters only what `helpers.english_words` allows and what the operator types
(option names, subcommand names and choices of that command, device roles).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import english_words
from workstation.cli import argparse_i18n
from workstation.cli.argparse_i18n import ARGPARSE_TEXTS, DEVELOPER_TEXTS
from workstation.cli.terminal import EXIT_USAGE

MODULES = {
    "workstation": "workstation.cli.app",
    "workstation-admin": "workstation.cli.admin",
    "workstation-sim": "workstation.cli.sim",
    "workstation-central": "workstation.cli.central",
}
#: what an operator types that is not an option or a choice of the parser: device roles and the
#: fingerprint module's settings (cli/devices.py names them in its help)
TYPED = {"idcard", "fingerprint", "mrz", "baud", "packet-size", "security"}


def _subcommands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _subcommands(sub, (*path, name))


def _typed_words(parser: argparse.ArgumentParser) -> set[str]:
    """Option strings, subcommand names and choices of `parser` and its subcommands."""
    words = set(TYPED)
    for action in parser._actions:
        words.update(s.lstrip("-") for s in action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                words.add(name)
                words |= _typed_words(sub)
        elif action.choices is not None:
            words.update(str(c) for c in action.choices)
    return {w for word in words for w in re.findall(r"[A-Za-z][A-Za-z'-]*", word)} | words


def _run(command: str, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    module = importlib.import_module(MODULES[command])
    capsys.readouterr()
    try:
        rc = module.main(argv)
    except SystemExit as exc:  # argparse: --help and usage errors
        rc = exc.code if isinstance(exc.code, int) else 0
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.fixture(autouse=True)
def _english_argparse_afterwards() -> Iterator[None]:
    yield
    argparse_i18n.uninstall()  # other tests build parsers of their own


@pytest.fixture
def zh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKSTATION_LANG", "zh_CN")


def _parser(command: str) -> argparse.ArgumentParser:
    argparse_i18n.install()
    parser: argparse.ArgumentParser = importlib.import_module(MODULES[command]).build_parser()
    return parser


@pytest.mark.parametrize("command", MODULES)
def test_every_help_page_is_chinese_throughout(command: str, zh: None, capsys: pytest.CaptureFixture[str]) -> None:
    typed = _typed_words(_parser(command))
    paths = list(_subcommands(_parser(command)))
    assert len(paths) >= (1 if command == "workstation-sim" else 3)
    bad = {}
    for path in paths:
        rc, out, err = _run(command, [*path, "--help"], capsys)
        assert rc == 0 and not err, (path, err)
        assert out.startswith("用法：") and "显示此帮助信息并退出" in out, out
        assert "选项" in out and "options" not in out
        if words := english_words(out, typed):
            bad[" ".join((command, *path))] = sorted(words)
    assert not bad, f"English words in Chinese help: {bad}"


@pytest.mark.parametrize("command", MODULES)
def test_every_help_page_is_english_under_en(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    for path in _subcommands(_parser(command)):
        rc, out, _ = _run(command, [*path, "--help"], capsys)
        assert rc == 0 and out.startswith("usage: ") and "show this help message and exit" in out
        assert not re.search(r"[\u3400-\u9fff]", out), (path, out)


def _bad_arguments(tmp_path: Path) -> list[tuple[str, list[str], str, str]]:
    """(command, argv, English words of the complaint, its Chinese)."""
    a_file = tmp_path / "a-file.txt"
    a_file.write_text("x")
    return [
        ("workstation", ["--data-dir", str(a_file)], "is a file, not a folder", "是文件，不是文件夹"),
        ("workstation", ["frobnicate"], "invalid choice: 'frobnicate'", "无效的选择：'frobnicate'"),
        ("workstation-admin", ["init", "--station-code", "a b", "--station-name", "x"],
         "station code 'a b' must be 1–32 ASCII letters", "警务室代码 'a b' 必须是 1–32 个 ASCII 字母"),
        ("workstation-admin", ["operator"], "the following arguments are required: ACTION", "缺少以下参数：操作"),
        ("workstation-admin", ["demo-data", "many"], "'many' is not a whole number", "'many' 不是整数"),
        ("workstation-admin", ["devices", "list", "--assignments", str(tmp_path)], "is a folder, not a file",
         "是文件夹，不是文件"),
        ("workstation-admin", ["status", "--frob"], "unrecognized arguments: --frob", "无法识别的参数：--frob"),
        ("workstation-sim", ["--latency", "99"], "latency must be between 0 and 60, not 99", "延迟必须在 0 到 60 之间"),
        ("workstation-sim", ["--card", "no-such-card"], "no card scenario 'no-such-card'",
         "没有证件场景 'no-such-card'"),
        ("workstation-central", ["serve", "--port", "0"], "port 0 is outside 1–65535", "端口 0 不在 1–65535 范围内"),
        ("workstation-central", ["enroll-code"], "the following arguments are required: CODE", "缺少以下参数：代码"),
        ("workstation-central", ["push-task", "S1", "title", "--due", "2001-01-01"], "2001-01-01 has already passed",
         "2001-01-01 已经过去"),
    ]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_usage_errors_speak_one_language(
    lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WORKSTATION_LANG", lang)
    for command, argv, en, zh in _bad_arguments(tmp_path):
        rc, out, err = _run(command, argv, capsys)
        assert rc == EXIT_USAGE, (command, argv, rc, out, err)
        if lang == "en":
            assert err.startswith("usage: ") and f"{command}" in err and ": error: " in err, err
            assert en in err, (argv, err)
            continue
        assert err.startswith("用法：") and "：错误：" in err and zh in err, (argv, err)
        quoted = re.sub(r"'[^']*'", " ", err)  # values as typed (argparse quotes them, and its choices)
        words = english_words(quoted, _typed_words(_parser(command)))
        assert not words, f"{command} {argv}: English words {sorted(words)} in {err!r}"


def test_argparse_asks_for_no_text_we_do_not_translate() -> None:
    """A Python whose argparse shows an operator a new text fails here until the text is marked."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    asked = {
        arg.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext")
        for arg in node.args
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    }
    assert len(asked) > 20
    assert not asked - set(ARGPARSE_TEXTS) - DEVELOPER_TEXTS


def test_argparse_translations_keep_its_placeholders() -> None:
    from workstation.i18n import catalogue

    cat = catalogue("zh_CN")
    pattern = re.compile(r"%\(\w+\)[sdr]|%[sdr]")
    for text in ARGPARSE_TEXTS:
        translated = cat.lookup("argparse", text)
        assert translated, text
        assert sorted(pattern.findall(translated)) == sorted(pattern.findall(text)), (text, translated)
        assert translated.endswith("\n") == text.endswith("\n")


def test_uninstall_gives_argparse_its_own_words_back(zh: None) -> None:
    argparse_i18n.install()
    assert "显示此帮助信息并退出" in argparse.ArgumentParser(prog="x").format_help()
    argparse_i18n.uninstall()
    assert "show this help message and exit" in argparse.ArgumentParser(prog="x").format_help()
