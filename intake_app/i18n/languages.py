"""The languages the app knows, with the facts the ui and print need (design.md section 6)."""

from __future__ import annotations

from dataclasses import dataclass

SOURCE_LANGUAGE = "nl"


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # gettext catalog name
    native_name: str
    dutch_name: str
    babel_locale: str  # what Babel formats with (Babel has no 'prs' for Dari)
    rtl: bool = False


LANGUAGES: tuple[Language, ...] = (
    Language("nl", "Nederlands", "Nederlands", "nl_NL"),
    Language("tr", "Türkçe", "Turks", "tr_TR"),
    Language("ar", "العربية", "Arabisch", "ar", rtl=True),
    Language("pl", "Polski", "Pools", "pl_PL"),
    Language("en", "English", "Engels", "en_GB"),
    Language("ti", "ትግርኛ", "Tigrinya", "ti_ER"),
    Language("so", "Soomaali", "Somalisch", "so_SO"),
    Language("fa_AF", "دری", "Dari", "fa_AF", rtl=True),
    Language("uk", "Українська", "Oekraïens", "uk_UA"),
)

_BY_CODE = {language.code: language for language in LANGUAGES}


def language(code: str) -> Language:
    """The Language for a catalog code; unknown codes fall back to Dutch."""
    return _BY_CODE.get(code, _BY_CODE[SOURCE_LANGUAGE])


def is_known(code: str) -> bool:
    return code in _BY_CODE
