"""A pseudo-locale for layout tests: every text 40 % longer, accented, and bracketed.

Translations are often longer than Dutch (German-like languages, Somali, Polish). Showing a
window in this locale reveals buttons and labels that cut their text off: the brackets at
both ends must stay visible. ``{placeholders}`` are kept as they are.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from intake_app.i18n.translator import Translator

GROWTH = 1.4
_ACCENTS = str.maketrans(
    "aeiouyncszAEIOUYNCSZ", "àéîöûÿñçšžÀÉÎÖÛŸÑÇŠŽ"
)  # fmt: skip
_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")


def pseudo(text: str) -> str:
    if not text:
        return text
    parts = _PLACEHOLDER.split(text)
    body = "".join(
        part if _PLACEHOLDER.fullmatch(part) else part.translate(_ACCENTS) for part in parts
    )
    padding = max(1, math.ceil(len(text) * GROWTH) - len(text) - 2)
    return f"[{body}{'~' * padding}]"


class PseudoTranslator(Translator):
    """Dutch, lengthened; behaves as a left-to-right language."""

    def __init__(self, catalog_dir: Path) -> None:
        super().__init__("nl", catalog_dir)

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return pseudo(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)
