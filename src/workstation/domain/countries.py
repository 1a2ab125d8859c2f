"""Nationality and issuing-state codes as ICAO Doc 9303 Part 3 (§5, "Codes for nationality, place of
birth, location of issuing State/authority and other purposes") lets them appear in an MRZ.

Most codes are ISO 3166-1 alpha-3 (`pycountry`, with its zh_CN translations). Doc 9303 adds its own:
``D`` for Germany (written ``D<<`` in the MRZ: the filler ``<`` is not part of the code), the British
nationality classes (GBD…GBS), UN documents (UNO, UNA, UNK), stateless persons and refugees (XXA,
XXB, XXC, XXX), the laissez-passer issuing organisations (EUE, XBA, XCC, …), Kosovo (RKS) and the
specimen state Utopia (UTO).

Stored form: the code as read, fillers removed, upper case (``D``, ``XXA``, ``DEU``) — never
translated to another code, so what is stored is what the document says. `country_name` gives the
name in English and Chinese for display.
"""

from __future__ import annotations

import functools
import gettext

import pycountry

from workstation.domain.identifiers import normalise_identifier

# ICAO 9303 Part 3 codes that are not ISO 3166-1 alpha-3: (English, Chinese)
ICAO_SPECIAL_CODES: dict[str, tuple[str, str]] = {
    "D": ("Germany", "德国"),
    "GBD": ("British Overseas Territories Citizen", "英国海外领土公民"),
    "GBN": ("British National (Overseas)", "英国国民（海外）"),
    "GBO": ("British Overseas Citizen", "英国海外公民"),
    "GBP": ("British Protected Person", "英国受保护人"),
    "GBS": ("British Subject", "英国臣民"),
    "UNO": ("United Nations Organization", "联合国"),
    "UNA": ("Specialized agency of the United Nations", "联合国专门机构"),
    "UNK": ("Resident of Kosovo (UNMIK travel document)", "科索沃居民（联合国科索沃特派团旅行证件）"),
    "XXA": ("Stateless person", "无国籍人"),
    "XXB": ("Refugee (1951 Convention)", "难民（1951年公约）"),
    "XXC": ("Refugee (other)", "难民（其他）"),
    "XXX": ("Unspecified nationality", "国籍不明"),
    "EUE": ("European Union", "欧洲联盟"),
    "XBA": ("African Development Bank", "非洲开发银行"),
    "XIM": ("African Export-Import Bank", "非洲进出口银行"),
    "XCC": ("Caribbean Community", "加勒比共同体"),
    "XCE": ("Council of Europe", "欧洲委员会"),
    "XCO": ("Common Market for Eastern and Southern Africa", "东部和南部非洲共同市场"),
    "XDC": ("Southern African Development Community", "南部非洲发展共同体"),
    "XEC": ("Economic Community of West African States", "西非国家经济共同体"),
    "XES": ("Organisation of Eastern Caribbean States", "东加勒比国家组织"),
    "XMP": ("Parliamentary Assembly of the Mediterranean", "地中海议会大会"),
    "XOM": ("Sovereign Military Order of Malta", "马耳他主权军事修会"),
    "XPO": ("International Criminal Police Organization (INTERPOL)", "国际刑警组织"),
    "RKS": ("Kosovo", "科索沃"),
    "ZIM": ("Zimbabwe", "津巴布韦"),  # used in Zimbabwe's MRZs alongside ISO ZWE
    "UTO": ("Utopia (ICAO specimen)", "乌托邦（ICAO样本）"),
}

# Common everyday Chinese names where the ISO translation is the long official form or political wording
_ZH_OVERRIDES: dict[str, str] = {
    "CHN": "中国",
    "HKG": "中国香港",
    "MAC": "中国澳门",
    "TWN": "中国台湾",
    "KOR": "韩国",
    "PRK": "朝鲜",
    "USA": "美国",
    "GBR": "英国",
    "RUS": "俄罗斯",
    "IRN": "伊朗",
    "LAO": "老挝",
    "SYR": "叙利亚",
    "VEN": "委内瑞拉",
    "BOL": "玻利维亚",
    "TZA": "坦桑尼亚",
    "VNM": "越南",
    "MDA": "摩尔多瓦",
    "FLK": "福克兰群岛",
}


@functools.lru_cache(maxsize=1)
def _zh() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    except OSError:  # a packaging without the translations: English names only
        return gettext.NullTranslations()


def normalise_country_code(code: str) -> str:
    """The stored form of a nationality or issuing-state code: identifier normalisation (NFKC, upper
    case, no spaces) with the MRZ filler ``<`` removed (``"D<<"`` → ``"D"``)."""
    return normalise_identifier(code).replace("<", "")


def is_known_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code or an ICAO 9303 Part 3 special code (after normalisation)."""
    c = normalise_country_code(code)
    return c in ICAO_SPECIAL_CODES or (len(c) == 3 and pycountry.countries.get(alpha_3=c) is not None)


@functools.lru_cache(maxsize=512)
def country_name(code: str) -> tuple[str, str] | None:
    """(English, Chinese) name for a nationality / issuing-state code, None for an unknown code.

    ``country_name("D") == ("Germany", "德国")``, ``country_name("XXA") == ("Stateless person", "无国籍人")``."""
    c = normalise_country_code(code)
    if c in ICAO_SPECIAL_CODES:
        return ICAO_SPECIAL_CODES[c]
    if len(c) != 3:
        return None
    country = pycountry.countries.get(alpha_3=c)
    if country is None:
        return None
    english = getattr(country, "common_name", None) or country.name
    return english, _ZH_OVERRIDES.get(c) or _zh().gettext(country.name)


def country_label(code: str | None, *, chinese: bool = True) -> str:
    """A display text such as "德国 (D)" or "Germany (D)"; the bare code when unknown, "" for None."""
    if not code:
        return ""
    names = country_name(code)
    c = normalise_country_code(code)
    if names is None:
        return c
    return f"{names[1] if chinese else names[0]} ({c})"
