"""``Translator(locale)``: one object per language, never a global ``_`` (design.md section 3).

Two gettext domains: ``ui`` (window texts) and ``content`` (cards). Dutch is the source
language, so a missing catalog or string shows the Dutch text, never an empty label.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from intake_app.i18n.languages import SOURCE_LANGUAGE, Language, language

DOMAINS = ("ui", "content")


class Translator:
    def __init__(self, code: str, catalog_dir: Path) -> None:
        self.language: Language = language(code)
        self.code = self.language.code
        self._catalog = _load(self.code, catalog_dir)

    def gettext(self, message: str) -> str:
        if not message:
            return ""
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalog.pgettext(context, message)

    def format(self, message: str, **params: object) -> str:
        """Translate, then fill named placeholders; a broken translation falls back to Dutch."""
        try:
            return self.gettext(message).format(**params)
        except (KeyError, IndexError, ValueError):
            return message.format(**params)

    def has(self, message: str) -> bool:
        """True if this language has its own text for ``message`` (Dutch always has)."""
        return self.code == SOURCE_LANGUAGE or self._catalog.gettext(message) != message

    @property
    def rtl(self) -> bool:
        return self.language.rtl


@cache
def _load(code: str, catalog_dir: Path) -> gettext.NullTranslations:
    catalog: gettext.NullTranslations = gettext.NullTranslations()
    if code == SOURCE_LANGUAGE:
        return catalog
    for domain in DOMAINS:
        found = gettext.translation(domain, localedir=catalog_dir, languages=[code], fallback=True)
        if isinstance(catalog, gettext.GNUTranslations):
            catalog.add_fallback(found)
        else:
            catalog = found
    return catalog


class Translators:
    """One Translator per language code, made on first use."""

    def __init__(self, catalog_dir: Path) -> None:
        self.catalog_dir = catalog_dir
        self._made: dict[str, Translator] = {}

    def get(self, code: str) -> Translator:
        if code not in self._made:
            self._made[code] = Translator(code, self.catalog_dir)
        return self._made[code]

    def dutch(self) -> Translator:
        return self.get(SOURCE_LANGUAGE)


def N_(message: str) -> str:
    """Mark a text for extraction where it is translated later, by a Translator."""
    return message
