"""One scheme for user-visible text: marked English in the code, Chinese in the Qt Linguist file.

These tests fail when a marked text has no finished Chinese translation, when the committed .ts is
not what lupdate extracts from the code now, when a translation drops or invents a placeholder or
leaves English words in a Chinese sentence, and when a marker is written so lupdate cannot read it.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from helpers import english_words
from workstation import i18n
from workstation.errors import Problem, ValidationError
from workstation.i18n import QT_TRANSLATE_NOOP, Catalogue, Message, Text, operator_language, placeholders, render

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "workstation"


def _script():
    spec = importlib.util.spec_from_file_location("translations_script", ROOT / "scripts" / "translations.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


script = _script()
ZH = script.ts_path("zh_CN")


def test_ts_has_the_same_source_texts_as_the_code() -> None:
    """lupdate run into a temporary file finds exactly the texts of the committed .ts."""
    committed = set(script.entries(ZH))
    found = script.extracted("zh_CN")
    assert not (found - committed), f"marked in the code but not in {ZH.name}; run scripts/translations.py"
    assert not (committed - found), f"in {ZH.name} but no longer in the code; run scripts/translations.py"


def test_every_marked_text_has_a_finished_chinese_translation() -> None:
    missing = [
        f"[{ctx}] {src!r}"
        for (ctx, src, _), (kind, text) in script.entries(ZH).items()
        if kind == "unfinished" or not text.strip()
    ]
    assert not missing, "no finished Chinese translation:\n" + "\n".join(missing)


def test_translations_keep_every_placeholder() -> None:
    wrong = [
        f"[{ctx}] {src!r} → {text!r}"
        for (ctx, src, _), (_kind, text) in script.entries(ZH).items()
        if text and placeholders(src) != placeholders(text)
    ]
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_chinese_translations_are_whole_chinese() -> None:
    """'错误：需要Recovery passphrase' (issue 9 item 12) is the kind: no English words in Chinese text
    (`helpers.english_words` says what may stay in Latin letters)."""
    bad = []
    for (ctx, src, _), (_kind, text) in script.entries(ZH).items():
        words = english_words(text)
        if words:
            bad.append(f"[{ctx}] {src!r} → {text!r}: {sorted(words)}")
    assert not bad, "English words in Chinese translations:\n" + "\n".join(bad)


def _marker_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "QT_TRANSLATE_NOOP":
            yield node


def test_chinese_punctuation_is_chinese() -> None:
    """Chinese text quotes with “” (a `backtick` is a Markdown habit that shows as it is: the backup
    message's `workstation-admin restore`) and its ellipsis is …… — never ``...`` nor a lone ``…`` (a
    range is written 至, "1 至 6")."""
    bad = []
    for (ctx, src, _), (_kind, text) in script.entries(ZH).items():
        found = []
        if "`" in text:
            found.append("backtick")
        if "..." in text:
            found.append("ASCII ...")
        if "…" in text.replace("……", ""):
            found.append("a lone …")
        if found:
            bad.append(f"[{ctx}] {src!r} → {text!r}: {', '.join(found)}")
    assert not bad, "not Chinese punctuation:\n" + "\n".join(bad)


# one word for one thing in the Chinese UI (the first is used; the others are how it was also said)
ONE_WORD = {
    "登记码": "注册码 (the enrollment code: 注册 is enrolling with the platform; 登记 registers residents)",
    "注销": "退出登录 (log out: 注销 also reads as cancelling an account)",
    "CA 指纹": "证书指纹 (指纹 alone is a person's fingerprint here)",
    "SHA-256 指纹": "证书指纹（SHA-256）",
    "平台给您的指纹": "平台提供的证书指纹",
    "组批": "正在准备 / 待上传 (batching is the sync client's word, not the officer's)",
    "已封包": "已打包",
}


def test_one_word_for_one_thing_in_chinese() -> None:
    bad = [
        f"[{ctx}] {src!r} → {text!r}: say {ONE_WORD[word]}"
        for (ctx, src, _), (_kind, text) in script.entries(ZH).items()
        for word in ONE_WORD
        if word in text
    ]
    assert not bad, "two words for one thing:\n" + "\n".join(bad)


def test_markers_are_written_so_lupdate_reads_them() -> None:
    """String literals only (no f-strings, no variables, no keywords), called by the marker's own name."""
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _marker_calls(tree):
            literal = all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args)
            if not (2 <= len(call.args) <= 3) or call.keywords or not literal:
                bad.append(f"{path.relative_to(ROOT)}:{call.lineno}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Name):
                if node.value.id == "QT_TRANSLATE_NOOP":
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno} (alias: lupdate would not see it)")
            if isinstance(node, ast.ImportFrom) and any(
                a.name == "QT_TRANSLATE_NOOP" and a.asname not in (None, "QT_TRANSLATE_NOOP") for a in node.names
            ):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno} (import alias)")
    assert not bad, "markers lupdate cannot read:\n" + "\n".join(bad)


def test_marked_texts_fill_their_placeholders_in_english() -> None:
    """Every marked text with placeholders names them, so `.format(**params)` can fill them."""
    for path in sorted(SRC.rglob("*.py")):
        for call in _marker_calls(ast.parse(path.read_text(encoding="utf-8"))):
            text = call.args[1].value  # type: ignore[attr-defined]
            for name in placeholders(text):
                assert name.isidentifier(), f"{path}:{call.lineno}: placeholder {{{name}}} must be a name"


# Chinese string literals in code: files holding data (names for synthetic residents, what the card
# itself says) keep them; the others are messages not yet moved into the .ts file. The second list
# may only shrink.
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
CJK_DATA = {
    "storage/demo.py",  # synthetic residents' names and addresses
    "devices/sam/decode.py",  # '长期' as printed on the card
    "devices/sam/emulator.py",  # the same, on emulated cards
    "wiring.py",  # the demo station's name and its demo operators' display names (open_demo_station)
    "domain/names.py",  # compound surnames and their readings
    "domain/countries.py",  # Chinese names of ICAO codes (reference data, shown as the country's name)
    "ui/i18n.py",  # each language names itself in the language menu ("简体中文", "English")
    "i18n.py",  # the Chinese enumeration comma that joins a list (Listing)
}
NOT_YET_CONVERTED: set[str] = set()


def _cjk_literals(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and CJK.search(node.value)
    ]


def test_chinese_lives_in_the_translation_file_not_in_the_code() -> None:
    found = {str(p.relative_to(SRC)): lines for p in sorted(SRC.rglob("*.py")) if (lines := _cjk_literals(p))}
    unexpected = {f: lines for f, lines in found.items() if f not in CJK_DATA | NOT_YET_CONVERTED}
    assert not unexpected, f"Chinese text in code (write English, mark it, translate in {ZH.name}): {unexpected}"
    done = sorted(NOT_YET_CONVERTED - set(found))
    assert not done, f"converted: remove from NOT_YET_CONVERTED: {done}"


# ---- the Qt-free loader and render -------------------------------------------------------------


def test_render_translates_then_fills_named_placeholders() -> None:
    msg = QT_TRANSLATE_NOOP("storage", "No workstation database at {path}. Run `workstation-admin init` first.")
    filled = msg.format(path="/srv/站点")
    assert str(filled) == "No workstation database at /srv/站点. Run `workstation-admin init` first."
    assert render(filled, "zh_CN") == "/srv/站点 处没有工作站数据库，请先运行“workstation-admin init”。"
    assert render(filled, "en") == str(filled)
    assert isinstance(filled, Message) and isinstance(msg, Text)


def test_marked_parameters_are_translated_in_the_same_language() -> None:
    """Issue 9 item 12's kind ('错误：需要Recovery passphrase'): a marked parameter is translated with its sentence."""
    from workstation.devices.errors import DeviceTimeout

    zh = DeviceTimeout().for_operator("zh_CN")
    assert zh == "错误：设备无响应，请检查连接线和电源。"
    assert (
        DeviceTimeout().for_operator("en")
        == "Error: No answer from the device. Check the cable and that the device is powered."
    )


def test_a_text_without_translation_falls_back_to_english() -> None:
    assert render(QT_TRANSLATE_NOOP("nowhere", "Not in any file {n}").format(n=3), "zh_CN") == "Not in any file 3"
    assert render("plain technical detail", "zh_CN") == "plain technical detail"


def test_a_translation_that_does_not_fit_its_parameters_falls_back_to_english(tmp_path: Path) -> None:
    ts = tmp_path / "workstation_zh_CN.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        "<context><name>t</name>"
        "<message><source>Port {port}</source><translation>串口 {prot}</translation></message>"
        '<message><source>Gone</source><translation type="vanished">没了</translation></message>'
        '<message><source>Draft</source><translation type="unfinished">草稿</translation></message>'
        "</context></TS>",
        encoding="utf-8",
    )
    cat = Catalogue.from_ts(ts)
    assert cat.lang == "zh_CN" and cat.lookup("t", "Port {port}") == "串口 {prot}"
    assert cat.lookup("t", "Gone") is None and cat.lookup("t", "Draft") == "草稿"  # as lrelease does
    i18n._catalogues["zh_CN"], saved = cat, i18n.catalogue("zh_CN")
    try:
        assert render(QT_TRANSLATE_NOOP("t", "Port {port}").format(port="COM3"), "zh_CN") == "Port COM3"
    finally:
        i18n._catalogues["zh_CN"] = saved


def test_validation_error_is_one_language_throughout() -> None:
    """Today's kind of failure: English reasons pasted inside a Chinese sentence."""
    reason = QT_TRANSLATE_NOOP("fields", "date of birth")  # any translated text stands in for a reason
    err = ValidationError([Problem("birth_date", "mismatch", reason), Problem("entries[1]", "required", reason)])
    assert err.problems[0].field == "birth_date" and err.problems[0].code == "mismatch"
    assert err.render("zh_CN") == "未保存：出生日期：出生日期；第2位申报租客：出生日期"
    assert err.render("en") == "Not saved: date of birth: date of birth; declared tenant 2: date of birth"
    assert err.problems[1].render("zh_CN") == "出生日期"


def test_operator_language_from_the_environment() -> None:
    assert operator_language({"WORKSTATION_LANG": "en", "LANG": "zh_CN.UTF-8"}) == "en"
    assert operator_language({"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert operator_language({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert operator_language({"LANGUAGE": "zh_TW:en"}) == "zh_CN"
    assert operator_language({"LANG": "C"}) == "zh_CN"  # the default for a station with no locale set
    assert operator_language({}) == "zh_CN"


def test_texts_survive_pickling_across_processes() -> None:
    import pickle

    msg = QT_TRANSLATE_NOOP("devices", "No answer from the {device}. Check the cable and that the device is powered.")
    filled = pickle.loads(pickle.dumps(msg.format(device=QT_TRANSLATE_NOOP("devices", "device"))))
    assert render(filled, "zh_CN") == "设备无响应，请检查连接线和电源。"
    assert isinstance(filled.params["device"], Text) and filled.params["device"].context == "devices"


def test_core_and_cli_render_without_importing_qt() -> None:
    code = (
        "import sys, workstation.i18n, workstation.errors, workstation.cli.admin, workstation.cli.app\n"
        "from workstation.i18n import render, QT_TRANSLATE_NOOP\n"
        "assert render(QT_TRANSLATE_NOOP('errors', 'Error: {message}').format(message='x'), 'zh_CN') == '错误：x'\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_release_builds_the_qm_the_desktop_app_loads(tmp_path: Path) -> None:
    (qm,) = script.release(tmp_path)
    data = qm.read_bytes()
    assert data[:16] == bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")  # the .qm magic number
    assert len(data) > 1000


def test_the_app_gets_a_qm_built_from_the_ts_when_it_has_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ZH.name).write_bytes(ZH.read_bytes())
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    qm = i18n.compiled_translation("zh_CN")
    assert qm == tmp_path / "workstation_zh_CN.qm" and qm.read_bytes()[:4] == bytes.fromhex("3cb86418")
    assert i18n.compiled_translation("zh_CN") == qm  # up to date: not rebuilt
    assert i18n.compiled_translation("en") is None


def test_dates_and_numbers_are_inserted_as_they_are() -> None:
    text = QT_TRANSLATE_NOOP("nowhere", "born {born}, {count:d} times, code 0x{code:02X}")
    assert str(text.format(born=date(1990, 1, 2), count=3, code=10)) == "born 1990-01-02, 3 times, code 0x0A"


def test_a_stored_message_is_shown_later_in_either_language() -> None:
    """Sync ledger errors are kept in the database and shown later, in the language of whoever reads them."""
    from workstation.sync.client import CONFLICT_REASONS

    error = QT_TRANSLATE_NOOP("sync", "Not sent: {error}. It will be retried automatically.").format(
        error="network error (ConnectError)"
    )
    nested = QT_TRANSLATE_NOOP("sync", "The platform rejected the batch: {problem}.").format(
        problem=CONFLICT_REASONS["stale"]
    )
    for original in (error, nested, QT_TRANSLATE_NOOP("sync", "batch {seq} acknowledged").format(seq=7)):
        stored = i18n.dumps(original)
        again = i18n.loads(stored)
        assert isinstance(stored, str) and str(again) == str(original)
        assert render(again, "zh_CN") == render(original, "zh_CN") != str(original)
    assert render(i18n.loads(i18n.dumps(nested)), "zh_CN") == "平台拒收该批次：它基于较旧的版本。"
    assert i18n.loads("an error stored before texts were marked") == "an error stored before texts were marked"
    assert i18n.loads('i18n:{"damaged') == 'i18n:{"damaged'


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh_CN", "错误：需要恢复口令：请设置 WORKSTATION_PASSPHRASE 或在终端中运行"),
        ("en", "Error: Recovery passphrase needed: set WORKSTATION_PASSPHRASE or run in a terminal"),
    ],
)
def test_a_console_command_speaks_one_language_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    """Issue 9 item 12: the Chinese message read "错误：需要Recovery passphrase"."""
    from helpers import make_station
    from workstation.cli import admin

    make_station(tmp_path / "st").db.close()
    monkeypatch.setenv("WORKSTATION_LANG", lang)
    monkeypatch.delenv("WORKSTATION_PASSPHRASE", raising=False)
    assert admin.main(["--data-dir", str(tmp_path / "st"), "unlock"]) != 0  # stdin is not a terminal under pytest
    err = capsys.readouterr().err
    assert err.strip() == expected
