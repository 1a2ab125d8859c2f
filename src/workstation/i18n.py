"""One way to write a user-visible text: English in the code, marked, translated in a Qt Linguist file.

Every text a person can see (errors, validation reasons, device guidance, sync ledger errors, CLI
output) is written once, in English, inside a marker Qt Linguist's ``pyside6-lupdate`` extracts::

    from workstation.i18n import QT_TRANSLATE_NOOP

    NO_CARD = QT_TRANSLATE_NOOP("sam", "No card on the reader. Place the ID card flat on the reader.")
    raise UserFacingError(QT_TRANSLATE_NOOP("sync", "Port {port} is busy.").format(port=port))

Rules the extractor imposes (``lupdate`` reads the source text, it does not run it):

- the marker is called by its own name, ``QT_TRANSLATE_NOOP(context, text)`` or
  ``QT_TRANSLATE_NOOP(context, text, disambiguation)``, with string literals only (no f-strings, no
  keyword arguments, no alias such as ``N_ = QT_TRANSLATE_NOOP``);
- parameters are named placeholders (``{port}``) filled after translation by ``.format(**params)``,
  never pasted into the text; a parameter that is itself a marked text is translated too;
- a ``#:`` comment on the line before the marker reaches the translator as a note.

The translations live in ``resources/translations/workstation_<lang>.ts`` (``scripts/translations.py``
refreshes them with ``pyside6-lupdate`` and builds the ``.qm`` the desktop app loads with
``QTranslator``). This module is Qt-free: the core and the CLIs read the ``.ts`` XML directly, so
the same file serves both; it never imports Qt.

``Text`` and ``Message`` are ``str`` subclasses whose value is the English text, so logs, ``str(exc)``
and English output keep working unchanged; ``render(text, lang)`` gives the operator's language.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import string
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from workstation.resources import resource_path

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "QT_TRANSLATE_NOOP",
    "TRANSLATIONS_DIR",
    "Catalogue",
    "Listing",
    "Message",
    "Renderable",
    "Sentences",
    "Text",
    "catalogue",
    "compiled_translation",
    "dumps",
    "loads",
    "normalise_language",
    "operator_language",
    "placeholders",
    "render",
]

#: The languages the workstation ships; the first is the source language of every text.
LANGUAGES = ("en", "zh_CN")
DEFAULT_LANGUAGE = "zh_CN"  # the users are Chinese community police (docs: glossary)

#: Where the ``.ts`` files (and, once built, the ``.qm`` files) are: ``resources/translations``
#: (see `workstation.resources` for the checkout, bundle and ``WORKSTATION_RESOURCES`` layouts).
TRANSLATIONS_DIR = resource_path("translations")
TS_PREFIX = "workstation_"


class Text(str):
    """An English source text marked for translation; its ``str`` value is the English text.

    ``context`` groups texts the way Qt Linguist does (a module area such as ``"sam"``, or a Qt class
    name in the UI); ``disambiguation`` tells apart two equal English texts that translate
    differently. Create it only through ``QT_TRANSLATE_NOOP`` so ``lupdate`` sees it.
    """

    context: str
    disambiguation: str | None

    def __new__(cls, context: str, text: str, disambiguation: str | None = None) -> Text:
        self = super().__new__(cls, text)
        self.context = context
        self.disambiguation = disambiguation
        return self

    @property
    def source(self) -> str:
        """The English source text (what the ``.ts`` file lists as ``<source>``)."""
        return str.__str__(self)

    def format(self, **params: Any) -> Message:  # type: ignore[override]
        """This text with its named placeholders to be filled after translation (see `Message`)."""
        return Message(self, params)

    def __repr__(self) -> str:
        return f"Text({self.context!r}, {self.source!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Text, (self.context, self.source, self.disambiguation))


class Message(str):
    """A marked text with its parameters; its ``str`` value is the English rendering.

    Parameters may be plain values (numbers, dates, names: inserted as they are, format specs such
    as ``{code:02X}`` apply) or marked texts/messages (translated into the same language first).
    """

    text: Text
    params: Mapping[str, Any]

    def __new__(cls, text: Text, params: Mapping[str, Any]) -> Message:
        params = dict(params)
        self = super().__new__(cls, _fill(text.source, params, "en"))
        self.text = text
        self.params = params
        return self

    def __repr__(self) -> str:
        return f"Message({self.text!r}, {self.params!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.text, self.params))


@runtime_checkable
class Renderable(Protocol):
    """Anything that can show itself in a language (errors, validation problems, lists of them)."""

    def render(self, lang: str) -> str: ...


class Sentences(str):
    """Complete sentences shown one after another: English joins them with a space, Chinese with
    nothing (a Chinese full stop carries its own spacing). ``str`` is the English."""

    parts: tuple[str, ...]

    def __new__(cls, parts: Iterable[str]) -> Sentences:
        parts = tuple(p for p in parts if p)
        self = super().__new__(cls, " ".join(render(p, "en") for p in parts))
        self.parts = parts
        return self

    def render(self, lang: str) -> str:
        lang = normalise_language(lang)
        return ("" if lang == "zh_CN" else " ").join(render(p, lang) for p in self.parts)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Sentences, (self.parts,))


_SEPARATORS = {"comma": (", ", "、"), "semicolon": ("; ", "；")}


class Listing(str):
    """Items of a list in running text: English ``a, b, c``, Chinese ``a、b、c`` (the enumeration
    comma); with ``separator="semicolon"`` clauses ``a; b`` / ``a；b``. Items that are marked texts
    are translated. ``str`` is the English."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, parts: Iterable[str], separator: str = "comma") -> Listing:
        parts = tuple(parts)
        self = super().__new__(cls, _SEPARATORS[separator][0].join(render(p, "en") for p in parts))
        self.parts = parts
        self.separator = separator
        return self

    def render(self, lang: str) -> str:
        en, zh = _SEPARATORS[self.separator]
        return (zh if normalise_language(lang) == "zh_CN" else en).join(render(p, lang) for p in self.parts)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Listing, (self.parts, self.separator))


def QT_TRANSLATE_NOOP(context: str, text: str, disambiguation: str | None = None) -> Text:
    """Mark ``text`` (English) for translation in ``context``; returns it as a `Text` (a ``str``).

    The name and signature are Qt's, so ``pyside6-lupdate`` extracts the call from any Python file,
    including modules that never import Qt. Nothing is translated here: ``render`` does that.
    """
    return Text(context, text, disambiguation)


def normalise_language(lang: str | None) -> str:
    """``"zh"``, ``"zh_CN.UTF-8"``, ``"zh-Hans"`` → ``"zh_CN"``; anything else (``"en_GB"``, ``"C"``) → ``"en"``.

    ``None`` means the operator's language (`operator_language`).
    """
    if lang is None:
        return operator_language()
    low = lang.strip().lower().replace("-", "_")
    return "zh_CN" if low.startswith("zh") else "en"


def operator_language(environ: Mapping[str, str] | None = None) -> str:
    """The language to show the operator: ``WORKSTATION_LANG``, else the POSIX locale variables.

    Order: ``WORKSTATION_LANG``, ``LANGUAGE`` (its first entry), ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
    (the gettext order). A value of ``C``/``POSIX`` or none at all gives `DEFAULT_LANGUAGE`
    (Chinese), since the stations run for Chinese police; ``WORKSTATION_LANG=en`` gives English.
    """
    env = os.environ if environ is None else environ
    for name in ("WORKSTATION_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = (env.get(name) or "").split(":")[0].strip()
        if value and value.split(".")[0].upper() not in ("C", "POSIX"):
            return normalise_language(value)
    return DEFAULT_LANGUAGE


class Catalogue:
    """The translations of one language, read from its Qt Linguist ``.ts`` file (no Qt needed).

    A translation counts when it is non-empty and neither ``vanished`` nor ``obsolete`` (as
    ``lrelease`` does by default, so the CLIs and the app show the same words). Lookup is by
    (context, English source, disambiguation); a text with no translation renders in English.
    """

    def __init__(self, entries: Mapping[tuple[str, str, str | None], str], *, lang: str) -> None:
        self.lang = lang
        self._entries = dict(entries)

    @classmethod
    def from_ts(cls, path: Path, *, lang: str | None = None) -> Catalogue:
        """Read ``path`` (a ``.ts`` file). Raises ``OSError`` or ``xml.etree.ElementTree.ParseError``."""
        entries: dict[tuple[str, str, str | None], str] = {}
        root = ET.parse(path).getroot()  # noqa: S314
        for ctx in root.iter("context"):
            name = ctx.findtext("name") or ""
            for msg in ctx.iter("message"):
                tr = msg.find("translation")
                if tr is None or tr.get("type") in ("vanished", "obsolete"):
                    continue
                forms = tr.findall("numerusform")
                text = (forms[0].text if forms else tr.text) or ""
                if text:
                    entries[(name, msg.findtext("source") or "", msg.findtext("comment"))] = text
        return cls(entries, lang=lang or root.get("language") or path.stem.removeprefix(TS_PREFIX))

    def lookup(self, context: str, source: str, disambiguation: str | None = None) -> str | None:
        """The translation of one source text, or ``None`` when it has none."""
        return self._entries.get((context, source, disambiguation))

    def sources(self) -> list[tuple[str, str, str | None]]:
        """Every (context, English source, disambiguation) this catalogue translates."""
        return list(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


_catalogues: dict[str, Catalogue] = {}
_lock = threading.Lock()


def catalogue(lang: str) -> Catalogue:
    """The catalogue for ``lang`` (normalised), read once from `TRANSLATIONS_DIR`; English is empty.

    A missing or unreadable file gives an empty catalogue (texts show in English) rather than an
    error: a person must always get some message. The coverage test keeps the file complete.
    """
    lang = normalise_language(lang)
    with _lock:
        cat = _catalogues.get(lang)
        if cat is None:
            path = TRANSLATIONS_DIR / f"{TS_PREFIX}{lang}.ts"
            try:
                cat = Catalogue.from_ts(path, lang=lang) if lang != "en" else Catalogue({}, lang="en")
            except (OSError, ET.ParseError):
                cat = Catalogue({}, lang=lang)
            _catalogues[lang] = cat
        return cat


def render(text: object, lang: str | None = None) -> str:
    """``text`` in ``lang`` (``None``: the operator's language, see `operator_language`).

    ``text`` is a `Message` (translated, then its placeholders filled, marked parameters translated
    too), a `Text` (translated), a `Renderable` (its ``render(lang)``) or any other value (returned
    as ``str(text)``: technical detail such as a port name or an exception text that was never
    marked). A text with no translation,
    or whose translation does not fit its parameters, falls back to English.
    """
    lang = normalise_language(lang)
    if isinstance(text, Message):
        return _fill(_translate(text.text, lang), text.params, lang, fallback=text.text.source)
    if isinstance(text, Text):
        return _translate(text, lang)
    if isinstance(text, Renderable):
        return text.render(lang)
    return str(text)


def _translate(text: Text, lang: str) -> str:
    if lang == "en":
        return text.source
    found = catalogue(lang).lookup(text.context, text.source, text.disambiguation)
    return found if found is not None else text.source


def _fill(pattern: str, params: Mapping[str, Any], lang: str, *, fallback: str | None = None) -> str:
    values = {k: (render(v, lang) if isinstance(v, Text | Message | Renderable) else v) for k, v in params.items()}
    try:
        return pattern.format_map(values)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        if fallback is not None and fallback != pattern:
            return _fill(fallback, params, lang)
        raise


_STORED = "i18n:"  # prefix of a stored marked text (see `dumps`)


def dumps(text: str) -> str:
    """A marked text as a string to keep in a database column, so it can be shown in another language
    later (a sync ledger error, a status note). A `Message` keeps its context, source and parameters
    (JSON after the prefix ``i18n:``); parameters are kept as text (marked ones stay marked); anything
    else is stored as it is. `loads` reverses it."""
    if isinstance(text, Text | Message):
        return _STORED + json.dumps(_to_json(text), ensure_ascii=False, separators=(",", ":"))
    return str(text)


def loads(stored: str) -> str:
    """The text kept by `dumps`: a `Text`/`Message` again (``str`` is English), or the plain string
    (rows written before texts were marked, or never marked). A damaged value is returned as it is."""
    if not stored.startswith(_STORED):
        return stored
    try:
        value = _from_json(json.loads(stored[len(_STORED) :]))
    except (ValueError, KeyError, TypeError):
        return stored
    return value if isinstance(value, str) else stored


def _to_json(value: object) -> object:
    if isinstance(value, Message):
        return {
            "c": value.text.context,
            "s": value.text.source,
            "d": value.text.disambiguation,
            "p": {k: _to_json(v) for k, v in value.params.items()},
        }
    if isinstance(value, Text):
        return {"c": value.context, "s": value.source, "d": value.disambiguation}
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return str(value)


def _from_json(value: Any) -> Any:
    if isinstance(value, dict):
        text = Text(str(value["c"]), str(value["s"]), value.get("d"))
        if "p" not in value:
            return text
        return Message(text, {str(k): _from_json(v) for k, v in dict(value["p"]).items()})
    return value


def compiled_translation(lang: str) -> Path | None:
    """The ``.qm`` file of ``lang`` for Qt's ``QTranslator``, built from its ``.ts`` when missing or stale.

    Returns ``TRANSLATIONS_DIR/workstation_<lang>.qm`` when it is at least as new as the ``.ts``
    (a package ships it built by ``scripts/translations.py release``); otherwise runs Qt's
    ``lrelease`` (from the installed PySide6, found without importing it) into that folder, or into
    the user's cache folder when that one is read-only. ``None`` for English (the source language),
    or when there is no ``.ts`` or no ``lrelease``: the app then shows English. Does not import Qt.
    """
    lang = normalise_language(lang)
    ts = TRANSLATIONS_DIR / f"{TS_PREFIX}{lang}.ts"
    if lang == "en" or not ts.exists():
        return None
    name = f"{TS_PREFIX}{lang}.qm"
    import platformdirs

    candidates = [TRANSLATIONS_DIR / name, Path(platformdirs.user_cache_dir("workstation")) / "translations" / name]
    for qm in candidates:
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            return qm
    tool = _lrelease()
    if tool is None:
        return next((qm for qm in candidates if qm.exists()), None)  # stale beats nothing
    for qm in candidates:
        try:
            qm.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True, timeout=60)
            return qm
        except (OSError, subprocess.SubprocessError):
            continue
    return None


def _lrelease() -> str | None:
    spec = importlib.util.find_spec("PySide6")  # locates the package without importing it
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        for exe in ("lrelease", "lrelease.exe"):
            if (Path(folder) / exe).exists():
                return str(Path(folder) / exe)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def placeholders(pattern: str) -> set[str]:
    """The named placeholders of a text (``"{port} at {baud:d}"`` → ``{"port", "baud"}``)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(pattern) if name}
