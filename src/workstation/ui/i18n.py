"""Languages and fonts: Qt translators for the app and Qt's own strings, switchable without a restart.

English is the source language of every string (`self.tr("…")`, `QCoreApplication.translate(ctx,
"…")`, and the core's `QT_TRANSLATE_NOOP` texts). The app's translator reads the same committed
Qt Linguist file the core and the CLIs read (`resources/translations/workstation_zh_CN.ts`, through
`workstation.i18n.catalogue`), so no compiled `.qm` has to be built or kept in step; Qt's own strings
come from PySide6's `qtbase_zh_CN.qm`. Installing a translator makes Qt post `QEvent.LanguageChange`
to every window; our widgets re-set their texts in `changeEvent` (`retranslate`).

Core errors and device states render in the UI language through `message_of`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QSettings, QTranslator, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from workstation import i18n as core_i18n
from workstation.resources import resource_path

# first found wins; then the platform default (desk-ui.md "Fonts")
CJK_FONTS = ["Microsoft YaHei UI", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]
MIN_POINT_SIZE = 10  # officers of every age read this all day (desk-ui.md "Who sits there")

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
TRANSLATIONS_DIR = resource_path("translations")


def system_language() -> str:
    """The language the desk starts in: ``WORKSTATION_LANG`` when set, else the system locale's ("zh_CN"
    for any Chinese locale, "en" for any other language); no real locale (C/POSIX) gives Chinese, as
    in the CLIs (`workstation.i18n.operator_language`: the users are Chinese community police)."""
    import os

    if os.environ.get("WORKSTATION_LANG"):
        return core_i18n.normalise_language(os.environ["WORKSTATION_LANG"])
    lang = QLocale.system().language()
    if lang in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return core_i18n.DEFAULT_LANGUAGE
    return "zh_CN" if lang == QLocale.Language.Chinese else "en"


def normalise(code: str | None) -> str:
    if not code:
        return system_language()
    return "zh_CN" if code.lower().startswith("zh") else "en"


class CatalogueTranslator(QTranslator):
    """A QTranslator over `workstation.i18n.catalogue(lang)`: the .ts file, read once, no .qm needed."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalogue = core_i18n.catalogue(lang)

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return self._catalogue.lookup(context, source, disambiguation or None) or ""

    def isEmpty(self) -> bool:
        return len(self._catalogue) == 0


_FORMS = re.compile(r"\[([^\[\]|]*)\|([^\[\]|]*)\]")  # "[person|people]": the singular, the plural


def english_plural(source: str, n: int) -> str:
    """The English form of a numerus text for `n`: ``(s)`` is "" for one and "s" otherwise; ``[a|b]``
    is a for one and b otherwise (irregular plurals: ``"%n [property|properties]"``). ``%n`` stays
    (Qt fills it in)."""
    one = n == 1
    text = source.replace("(s)", "" if one else "s")
    return _FORMS.sub(lambda m: m.group(1) if one else m.group(2), text)


class EnglishPlurals(QTranslator):
    """English numerus forms from the source text itself (`english_plural`): ``"%n change(s)
    waiting"`` with n = 1 reads "1 change waiting", otherwise "… changes …"; ``"%n [person|people]"``
    "1 person" / "2 people" (English needs no .ts; Chinese has one form). Every text shown with a
    count is asked for with it: ``self.tr("%n resident(s)", "", n)``."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        if n < 0 or ("(s)" not in source and not _FORMS.search(source)):
            return None  # type: ignore[return-value]  # a null QString: "not translated here" ("" would be a translation)
        return english_plural(source, n)

    def isEmpty(self) -> bool:
        return False


class Languages(QObject):
    """The app's translators. One per QApplication; `switch(code)` changes the language at once."""

    changed = Signal(str)

    def __init__(self, app: QCoreApplication, *, translations_dir: Path = TRANSLATIONS_DIR) -> None:
        super().__init__(app)
        self._app = app
        self._dir = translations_dir  # (the catalogue is read through workstation.i18n)
        self._installed: list[QTranslator] = []
        self.code = "en"

    def switch(self, code: str | None) -> str:
        """Install the translators for `code` ("zh_CN", "en"; None: the system's). Returns the code used."""
        code = normalise(code)
        for t in self._installed:
            self._app.removeTranslator(t)
        self._installed = []
        set_current(code)
        if code == "en":
            plurals = EnglishPlurals(self)
            self._app.installTranslator(plurals)
            self._installed.append(plurals)
        else:
            ours = CatalogueTranslator(code, self)
            self._app.installTranslator(ours)
            self._installed.append(ours)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qt = QTranslator(self)
            if qt.load(f"qtbase_{code}", qt_dir):
                self._app.installTranslator(qt)  # asked first: it answers only Qt's own texts
                self._installed.append(qt)
        QLocale.setDefault(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China)
            if code == "zh_CN"
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        )
        self.code = code
        self.changed.emit(code)
        return code


_current = "en"


def set_current(code: str) -> None:
    global _current
    _current = code


def current() -> str:
    """The UI language now ("zh_CN" or "en")."""
    return _current


def is_chinese() -> bool:
    return _current == "zh_CN"


WORD_JOINER = "\u2060"  # no line break on either side; draws nothing


def _cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0xF900 <= o <= 0xFAFF


def keep_line_ends(text: str, n: int = 4) -> str:
    """`text` with the last `n` characters of each of its lines joined (U+2060 WORD JOINER) where they are
    Chinese characters or punctuation: Qt may break a Chinese line between any two characters, and a
    word-wrapped label then can leave "录。" alone on its last line. English is left as it is (it breaks
    at spaces). Returns the text to show; what it shows is unchanged."""
    out = []
    for line in text.split("\n"):
        tail = line[-n:]
        if len(line) > n and all(_cjk(ch) for ch in tail):
            line = line[:-n] + WORD_JOINER.join(tail)
        out.append(line)
    return "\n".join(out)


def message_of(exc: object) -> str:
    """The text of a user-facing error (or a `DeviceStatus`: anything with `message`/`message_zh`) in the UI
    language. A `hint` is technical and not shown."""
    render = getattr(exc, "render", None)
    if callable(render):
        return str(render(_current))
    if is_chinese():
        text = getattr(exc, "message_zh", None)
        if text:
            return str(text)
    text = getattr(exc, "message", None)
    return core_i18n.render(text, _current) if text else str(exc)


def problem_text(problem: Any) -> str:
    """One validation problem's reason in the UI language (`Problem.render`, or a (field, text) pair)."""
    render = getattr(problem, "render", None)
    return str(render(_current)) if callable(render) else core_i18n.render(problem[-1], _current)


def apply_fonts(app: QApplication) -> QFont:
    """The app font: the first installed CJK font of `CJK_FONTS`, the rest as fallbacks, then the platform
    default; never smaller than `MIN_POINT_SIZE`. Returns the font set."""
    font = QFont(app.font())
    installed = set(QFontDatabase.families())
    families = [f for f in CJK_FONTS if f in installed] + [f for f in CJK_FONTS if f not in installed]
    default = font.family()
    font.setFamilies([*families, default])
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    # widgets that pick another family still fall back to the CJK list for Chinese glyphs
    QFont.insertSubstitutions(default, families)
    app.setFont(font)
    return font


class Preferences:
    """Per-operator preferences of this station (language), in an INI file in the data folder.

    Holds operator user names and choices only: no personal data of residents."""

    def __init__(self, data_dir: Path) -> None:
        self._s = QSettings(str(Path(data_dir) / "ui-preferences.ini"), QSettings.Format.IniFormat)

    def language_of(self, username: str) -> str | None:
        v = self._s.value(f"operators/{username}/language")
        return str(v) if v else None

    def set_language_of(self, username: str, code: str) -> None:
        self._s.setValue(f"operators/{username}/language", code)
        self._s.sync()

    def value(self, key: str, default: object = None) -> object:
        return self._s.value(key, default)

    def set_value(self, key: str, value: object) -> None:
        self._s.setValue(key, value)
        self._s.sync()
