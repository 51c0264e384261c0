"""Plural forms: which gettext ``msgstr[i]`` belongs to which CLDR category.

Babel writes the ``Plural-Forms`` header of a catalog from its own table. For Arabic that
table orders the last two forms differently from CLDR: index 4 is CLDR *other* (100-102, ...)
and index 5 is CLDR *many* (11-99, ...). A translator who fills the forms in CLDR order would
put them in the wrong slots, so the README and this helper state the real order.
"""

from __future__ import annotations

import gettext

from babel import Locale
from babel.messages.plurals import get_plural

from intake_app.i18n.languages import language

_SAMPLES = range(0, 1001)


def gettext_plural_index(code: str, n: int) -> int:
    """The ``msgstr`` index gettext picks for ``n`` under the catalog header Babel writes."""
    expr = get_plural(language(code).babel_locale).plural_expr
    return int(gettext.c2py(expr)(n))


def category_order(code: str) -> list[str]:
    """CLDR category names in gettext ``msgstr[0..n]`` order for this language's catalogs."""
    locale = Locale.parse(language(code).babel_locale)
    count = get_plural(language(code).babel_locale).num_plurals
    order: list[str] = ["?"] * count
    for n in _SAMPLES:
        index = gettext_plural_index(code, n)
        if order[index] == "?":
            order[index] = locale.plural_form(n)
    return order
