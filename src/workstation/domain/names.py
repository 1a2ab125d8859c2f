"""Chinese names: which characters are Chinese, and the pinyin readings a name is found by.

Chinese characters (Han ideographs) are not only the basic block U+4E00–U+9FFF: names use
characters from every CJK extension (𠮷 U+20BB7 is in Extension B) and the compatibility blocks.
`is_han` covers all of them (Unicode 15.1 blocks, see `HAN_RANGES`), so every part of the product
agrees on what a Chinese name is.

Surnames: many common surnames are read differently from the same character elsewhere (曾 zēng not
céng, 单 shàn not dān, 尉迟 yùchí). pypinyin (0.55) has no surname mode, so `SURNAME_READINGS` lists
the surnames whose reading differs from pypinyin's everyday one, from the surname entries of
《现代汉语词典》 (7th ed.) and the 《百家姓》 readings. `name_readings` gives both the surname reading and
the everyday reading; the search index keeps both, so an officer finds 曾志强 by ``zengzhiqiang``,
``zzq``, ``cengzhiqiang`` or ``czq``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

# Han ideograph blocks (Unicode 15.1): basic, extensions A–I, compatibility ideographs and supplement,
# plus 〇 (U+3007, IDEOGRAPHIC NUMBER ZERO, used in names and addresses)
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x2A6DF),  # Extension B
    (0x2A700, 0x2B73F),  # Extension C
    (0x2B740, 0x2B81F),  # Extension D
    (0x2B820, 0x2CEAF),  # Extension E
    (0x2CEB0, 0x2EBEF),  # Extension F
    (0x2EBF0, 0x2EE5F),  # Extension I
    (0x2F800, 0x2FA1F),  # Compatibility Ideographs Supplement
    (0x30000, 0x3134F),  # Extension G
    (0x31350, 0x323AF),  # Extension H
)
HAN_CLASS = "".join(f"\\U{a:08x}-\\U{b:08x}" if a != b else f"\\U{a:08x}" for a, b in HAN_RANGES)
HAN_RE = re.compile(f"[{HAN_CLASS}]")
_RUNS = re.compile(f"[{HAN_CLASS}]+|[^{HAN_CLASS}]+")  # a text as alternating Han / other runs


def is_han(ch: str) -> bool:
    """True when the one character `ch` is a Han ideograph in any CJK block (see `HAN_RANGES`)."""
    cp = ord(ch)
    return any(a <= cp <= b for a, b in HAN_RANGES)


def has_han(text: str) -> bool:
    """True when `text` contains at least one Han ideograph (any CJK block)."""
    return HAN_RE.search(text) is not None


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal or a fixed-width table: 2 for every Han ideograph (any CJK
    block, also where this Python's Unicode data predates the block) and for other wide or full-width
    characters (East Asian Width W/F, UAX #11), 0 for combining marks, 1 otherwise."""
    width = 0
    for ch in text:
        if is_han(ch) or unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 2
        elif not unicodedata.combining(ch):
            width += 1
    return width


# Compound surnames (复姓) and their readings; pypinyin reads several of them wrongly on their own.
COMPOUND_SURNAMES: dict[str, str] = {
    "尉迟": "yuchi", "万俟": "moqi", "单于": "chanyu", "长孙": "zhangsun", "令狐": "linghu",
    "澹台": "tantai", "皇甫": "huangfu", "上官": "shangguan", "欧阳": "ouyang", "司马": "sima",
    "诸葛": "zhuge", "东方": "dongfang", "宇文": "yuwen", "慕容": "murong", "公孙": "gongsun",
    "夏侯": "xiahou", "闻人": "wenren", "赫连": "helian", "呼延": "huyan", "拓跋": "tuoba",
    "百里": "baili", "端木": "duanmu", "南宫": "nangong", "东郭": "dongguo", "西门": "ximen",
    "第五": "diwu", "乐正": "yuezheng", "仲孙": "zhongsun", "钟离": "zhongli", "宗政": "zongzheng",
    "濮阳": "puyang", "淳于": "chunyu", "太叔": "taishu", "申屠": "shentu", "轩辕": "xuanyuan",
    "羊舌": "yangshe", "微生": "weisheng", "公冶": "gongye", "亓官": "qiguan", "子车": "ziju",
    "颛孙": "zhuansun", "壤驷": "rangsi", "公良": "gongliang", "漆雕": "qidiao", "谷梁": "guliang",
    "段干": "duangan", "巫马": "wuma", "司徒": "situ", "司空": "sikong", "梁丘": "liangqiu",
    "公羊": "gongyang", "左丘": "zuoqiu", "东门": "dongmen",
}
# Single-character surnames whose surname reading differs from the everyday one
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng", "单": "shan", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha", "解": "xie",
    "盖": "ge", "乐": "yue", "秘": "bi", "覃": "qin", "翟": "zhai", "种": "chong", "缪": "miao",
    "召": "shao", "员": "yun", "句": "gou", "能": "nai", "隗": "wei", "阚": "kan", "繁": "po",
    "黑": "he", "长": "chang", "薄": "bo", "祭": "zhai", "折": "she", "蕃": "pi", "粘": "nian",
    "便": "pian", "都": "du", "洗": "xian", "重": "chong", "藏": "zang", "卜": "bu", "炅": "gui",
}


@dataclass(frozen=True, slots=True)
class NameReadings:
    """Search keys of one name: the surname reading (`pinyin`, `initials`) and, when it differs, the
    everyday reading of the same characters (`pinyin_alt`, `initials_alt`, else None)."""

    pinyin: str
    initials: str
    pinyin_alt: str | None = None
    initials_alt: str | None = None


def _syllables(text: str) -> list[str]:
    """Pinyin syllables of `text` without tones; a character pypinyin does not know stays itself, so a
    name of only rare characters still has non-empty keys."""
    # imported here: its dictionaries hold ~55 MB, needed only when a name is registered or changed
    # (searching uses the stored readings), so a desk that only searches never loads them
    from pypinyin import Style, lazy_pinyin

    out = ("".join(c for c in s if c.isalnum()).lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors=_KEEP))
    return [s for s in out if s]


def _keep(chars: str) -> list[str]:
    """pypinyin `errors` handler: keep Han characters without a reading (one "syllable" each), drop
    punctuation such as the middle dot of 阿依古丽·买买提."""
    return [c for c in chars if is_han(c) or c.isalnum()]


# pypinyin documents a callable `errors` that returns a list (one item per syllable); its stubs only
# admit one returning str
_KEEP = cast(Callable[[str], str], _keep)


def _initials(syllables: list[str]) -> str:
    return "".join(s[0] for s in syllables if s)


def _surname_syllables(name: str) -> list[str] | None:
    """Syllables of the name read with its surname reading, None when the table has nothing for it."""
    if name[:2] in COMPOUND_SURNAMES:
        return _split_compound(COMPOUND_SURNAMES[name[:2]], name[:2]) + _syllables(name[2:])
    if name[:1] in SURNAME_READINGS:
        return [SURNAME_READINGS[name[0]], *_syllables(name[1:])]
    return None


def _split_compound(reading: str, chars: str) -> list[str]:
    """"yuchi" for 尉迟 → ["yu", "chi"] (the second character's everyday reading marks the split)."""
    second = _syllables(chars[1])[0]
    if reading.endswith(second):
        return [reading[: -len(second)], second]
    return [reading[: len(reading) // 2], reading[len(reading) // 2 :]]  # pragma: no cover - table is checked


@functools.lru_cache(maxsize=65536)
def name_readings(name: str) -> NameReadings:
    """Search keys for a person's name.

    Chinese names (any Han character, see `is_han`): full pinyin without spaces or tones and initials,
    first with the surname reading (`SURNAME_READINGS`, `COMPOUND_SURNAMES`), then, when different,
    the everyday reading. Keys are never empty for a non-empty name: characters without a known
    reading stand for themselves. Latin names: lower-case letters and the words' initials.
    """
    s = name.strip()
    if not has_han(s):
        latin = re.sub(r"[^a-z]", "", s.lower())
        return NameReadings(latin, "".join(w[0] for w in s.lower().split() if w))
    everyday = _syllables(s)
    surname = _surname_syllables(s)
    if surname is None or surname == everyday:
        return NameReadings("".join(everyday), _initials(everyday))
    full, alt = "".join(surname), "".join(everyday)
    ini, ini_alt = _initials(surname), _initials(everyday)
    return NameReadings(full, ini, alt if alt != full else None, ini_alt if ini_alt != ini else None)


@functools.lru_cache(maxsize=65536)
def _han_run_pinyin(run: str) -> str:
    """The pinyin of a run of Han characters (pypinyin's phrase readings, so 重庆 is chongqing)."""
    return "".join(_syllables(run))


def text_pinyin(text: str) -> str:
    """Pinyin of free text such as an address, for a substring search: every Han run read (no tones,
    no spaces), ASCII letters (lower case) and digits kept, anything else dropped; full-width forms
    folded first (NFKC). ``text_pinyin("演示市北山区幸福路38号") == "yanshishibeishanquxingfulu38hao"``.

    Runs of Han characters are cached (addresses share their city, district and street), so reading
    a station's addresses costs a few microseconds each after the first of a street."""
    out = []
    for run in _RUNS.findall(unicodedata.normalize("NFKC", text)):
        if HAN_RE.match(run):
            out.append(_han_run_pinyin(run))
        else:
            out.append("".join(c for c in run.lower() if c.isascii() and c.isalnum()))
    return "".join(out)
