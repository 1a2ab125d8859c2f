#!/usr/bin/env python3
"""Refresh the translation files from the sources, build the compiled ones, or check both.

    python scripts/translations.py            # update: lupdate src/workstation → resources/translations/*.ts
    python scripts/translations.py release    # lrelease *.ts → *.qm (what the desktop app loads)
    python scripts/translations.py check      # exit 1 if a .ts is stale or a translation is missing
    python scripts/translations.py merge      # after `git merge` conflicted in a .ts: keep both sides

Every user-visible text is written once in English in the code, marked with
``QT_TRANSLATE_NOOP(context, text)`` (the Qt-free marker in ``workstation/i18n.py``) or, in the
Qt widgets of ``src/workstation/ui``, with ``self.tr(text)`` / ``QCoreApplication.translate``.
``update`` runs Qt Linguist's ``pyside6-lupdate`` over ``src/workstation`` into
``resources/translations/workstation_<lang>.ts`` with ``-no-obsolete`` (a text removed from the code
leaves the file), no source locations (so moving code does not rewrite the file) and messages
sorted (so two branches adding texts merge cleanly). Then translate what is new: open the ``.ts`` in
Qt Linguist (``pyside6-linguist``) or edit the XML, replacing ``type="unfinished"`` translations
with finished ones; use the terms in ``docs``/the glossary. When two branches both changed a
``.ts`` (a merge conflict), run ``merge``: it keeps every message of both sides, then updates.

What is committed and what is built: the ``.ts`` files are committed; they are the only source of
the translations. The CLIs, the core and the desktop app all read them directly through
``workstation.i18n.catalogue`` (the app's ``QTranslator`` is a thin wrapper over it, see
``workstation/ui/i18n.py``), so nothing has to be built for the workstation to speak Chinese. The
``.qm`` files are NOT committed (``.gitignore``): ``release`` builds them for Qt Linguist users or a
package that wants them, and ``workstation.i18n.compiled_translation(lang)`` builds one on demand.

``check`` is what ``tests/test_translations.py`` runs: lupdate into a temporary copy must give the
same set of source texts as the committed file, and every text needs a finished Chinese translation.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "src" / "workstation"
TRANSLATIONS = ROOT / "resources" / "translations"
#: The languages translated from the English source (English needs no file: the code is English).
TARGET_LANGUAGES = ("zh_CN",)

Key = tuple[str, str, str | None]  # (context, source, disambiguation)


def ts_path(lang: str) -> Path:
    return TRANSLATIONS / f"workstation_{lang}.ts"


def tool(name: str) -> str:
    """The path of a PySide6 tool (``pyside6-lupdate``): next to this Python, on PATH, or in .venv."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    sys.path.insert(0, str(ROOT / "scripts"))
    import _venv

    py = _venv.ensure("dev")
    for candidate in (py.parent / name, py.parent / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    raise SystemExit(f"{name} not found: install PySide6 (pip install -e '.[dev]')")


def lupdate(ts: Path, lang: str) -> None:
    """Merge the marked texts of ``src/workstation`` into ``ts`` (created if missing)."""
    # lupdate scans directories only for C++/QML/JS extensions: Python files are listed one by one
    # (in a list file, so the command line stays short on Windows).
    files = sorted(p for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts)
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "sources.lst"
        listing.write_text("".join(f"{p}\n" for p in files), encoding="utf-8")
        _run_lupdate(f"@{listing}", ts, lang)


def _run_lupdate(sources: str, ts: Path, lang: str) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            sources,
            "-no-obsolete",
            "-locations",
            "none",
            "-sort-messages",
            "-source-language",
            "en",
            "-target-language",
            lang,
            "-silent",
            "-ts",
            str(ts),
        ],
        check=True,
    )


def update() -> None:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for lang in TARGET_LANGUAGES:
        lupdate(ts_path(lang), lang)
    report(sys.stdout)


def release(out_dir: Path = TRANSLATIONS) -> list[Path]:
    """Build ``workstation_<lang>.qm`` from each ``.ts`` into ``out_dir``; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    built = []
    for lang in TARGET_LANGUAGES:
        qm = out_dir / f"workstation_{lang}.qm"
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_path(lang)), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def entries(ts: Path) -> dict[Key, tuple[str | None, str]]:
    """Every live message of a .ts: key → (translation type or None when finished, translation)."""
    out: dict[Key, tuple[str | None, str]] = {}
    for ctx in ET.parse(ts).getroot().iter("context"):  # noqa: S314 (our own file)
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            kind = None if tr is None else tr.get("type")
            if kind in ("vanished", "obsolete"):
                continue
            forms = [] if tr is None else tr.findall("numerusform")
            text = (forms[0].text if forms else (tr.text if tr is not None else "")) or ""
            out[(name, msg.findtext("source") or "", msg.findtext("comment"))] = (kind, text)
    return out


def extracted(lang: str) -> set[Key]:
    """The source texts lupdate finds in the code now (run into a temporary copy of the .ts)."""
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / ts_path(lang).name
        lupdate(ts, lang)
        return set(entries(ts))


def problems(lang: str) -> list[str]:
    """Why the committed .ts of ``lang`` is not complete and current (empty list: it is)."""
    path = ts_path(lang)
    if not path.exists():
        return [f"{path} is missing: run python scripts/translations.py"]
    committed = entries(path)
    found = extracted(lang)
    out = [
        f"not in {path.name} (run scripts/translations.py): [{c}] {s!r}" for c, s, _ in sorted(found - set(committed))
    ]
    out += [
        f"no longer in the code (run scripts/translations.py): [{c}] {s!r}"
        for c, s, _ in sorted(set(committed) - found)
    ]
    out += [
        f"no finished {lang} translation: [{c}] {s!r}"
        for (c, s, _), (kind, text) in sorted(committed.items())
        if kind == "unfinished" or not text.strip()
    ]
    return out


def report(stream: object) -> int:
    bad = [p for lang in TARGET_LANGUAGES for p in problems(lang)]
    for line in bad:
        print(line, file=stream)  # type: ignore[call-overload]
    total = sum(len(entries(ts_path(lang))) for lang in TARGET_LANGUAGES)
    print(f"{total} texts, {len(bad)} problems", file=stream)  # type: ignore[call-overload]
    return 1 if bad else 0


def merge_conflict(lang: str) -> int:
    """Resolve a git merge conflict in a .ts: every message of both sides (git index stages 2 and 3),
    a finished translation preferred over an unfinished one (ours when both are finished), then
    `update` prunes what the merged code no longer marks. Returns the number of messages kept."""
    path = ts_path(lang)
    rel = path.relative_to(ROOT).as_posix()
    sides = []
    for stage in (2, 3):  # ours, theirs
        shown = subprocess.run(["git", "show", f":{stage}:{rel}"], cwd=ROOT, capture_output=True, check=True)
        sides.append(ET.fromstring(shown.stdout))  # noqa: S314 (our own file)
    merged: dict[Key, ET.Element] = {}
    order: list[Key] = []
    for root in sides:
        for ctx in root.iter("context"):
            name = ctx.findtext("name") or ""
            for msg in ctx.iter("message"):
                key = (name, msg.findtext("source") or "", msg.findtext("comment"))
                tr = msg.find("translation")
                finished = tr is not None and not tr.get("type") and bool((tr.text or "").strip())
                if key not in merged:
                    order.append(key)
                    merged[key] = msg
                elif finished:
                    old = merged[key].find("translation")
                    if old is None or old.get("type") or not (old.text or "").strip():
                        merged[key] = msg
    root = ET.Element("TS", sides[0].attrib)
    contexts: dict[str, ET.Element] = {}
    for key in order:
        ctx = contexts.get(key[0])
        if ctx is None:
            ctx = contexts[key[0]] = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = key[0]
        ctx.append(merged[key])
    body = ET.tostring(root, encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")
    lupdate(path, lang)
    return len(entries(path))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        update()
        return 0
    if command == "release":
        for qm in release():
            print(qm.relative_to(ROOT))
        return 0
    if command == "check":
        return report(sys.stdout)
    if command == "merge":
        for lang in TARGET_LANGUAGES:
            print(f"{ts_path(lang).relative_to(ROOT)}: {merge_conflict(lang)} messages from both sides")
        return report(sys.stdout)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
