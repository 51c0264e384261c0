"""The bundled Noto fonts for ReportLab, and the per-character fallback across all of them.

ReportLab has no font fallback of its own: a character the chosen font lacks prints as
nothing (a Ge'ez country name vanished from a Dutch line). So every character is given the
first font in a chain that has its glyph: the script font of the text first, then every
other bundled font. Where no font has the glyph, a visible replacement is printed and the
character is reported (design.md section 7: no character may vanish).
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Family:
    regular: str  # ReportLab name
    regular_file: str
    bold: str = ""  # empty: the regular face serves bold text too
    bold_file: str = ""


# In fallback order after the text's own script font. Symbols last: Noto Sans has the euro
# sign, quotes and dashes; arrows, check marks and warning signs live in the symbol fonts.
FAMILIES = (
    Family("NotoSans", "NotoSans-Regular.ttf", "NotoSans-Bold", "NotoSans-Bold.ttf"),
    Family(
        "NotoSansArabic",
        "NotoSansArabic-Regular.ttf",
        "NotoSansArabic-Bold",
        "NotoSansArabic-Bold.ttf",
    ),
    Family(
        "NotoSansEthiopic",
        "NotoSansEthiopic-Regular.ttf",
        "NotoSansEthiopic-Bold",
        "NotoSansEthiopic-Bold.ttf",
    ),
    Family(
        "NotoSansSymbols",
        "NotoSansSymbols-Regular.ttf",
        "NotoSansSymbols-Bold",
        "NotoSansSymbols-Bold.ttf",
    ),
    Family("NotoSansSymbols2", "NotoSansSymbols2-Regular.ttf"),
    Family("NotoSansTifinagh", "NotoSansTifinagh-Regular.ttf"),
)
FONT_FILES = {
    name: file
    for family in FAMILIES
    for name, file in ((family.regular, family.regular_file), (family.bold, family.bold_file))
    if name
}
LATIN = "NotoSans"
LATIN_BOLD = "NotoSans-Bold"
SCRIPT_FONT = {"ar": "NotoSansArabic", "fa_AF": "NotoSansArabic", "ti": "NotoSansEthiopic"}
REPLACEMENT = "\ufffd"  # Noto Sans has it; "?" if a font set ever lacks it


@cache
def register_fonts(fonts_dir: Path) -> None:
    for name, file_name in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(fonts_dir / file_name)))


def font_for(language: str, *, bold: bool = False) -> str:
    base = SCRIPT_FONT.get(language, LATIN)
    return f"{base}-Bold" if bold else base


def is_bold(font_name: str) -> bool:
    return font_name.endswith("-Bold")


@cache
def chain(font_name: str) -> tuple[str, ...]:
    """``font_name`` first, then every bundled face of the same weight (or regular)."""
    bold = is_bold(font_name)
    others = [(f.bold or f.regular) if bold else f.regular for f in FAMILIES]
    return (font_name, *(name for name in others if name != font_name))


@cache
def covered(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def invisible(char: str) -> bool:
    """Format characters (ZWNJ, direction marks, soft hyphen): nothing to draw, nothing lost."""
    return unicodedata.category(char) == "Cf"


def font_runs(text: str, font_name: str, missing: list[str] | None = None) -> list[tuple[str, str]]:
    """``text`` as (font, text) runs, every character in a font that has its glyph.

    Neutral characters (spaces, punctuation) stay in the font of the run they are in when it
    has them, so a bracket inside an Arabic phrase does not switch fonts back and forth.
    A character no font has becomes ``REPLACEMENT`` and is appended to ``missing``.
    """
    fonts = chain(font_name)
    result: list[tuple[str, str]] = []
    for char in text:
        if invisible(char):
            continue
        code = ord(char)
        current = result[-1][0] if result else font_name
        if _neutral(char) and code in covered(current):
            font = current
        else:
            font = next((name for name in fonts if code in covered(name)), "")
        if not font:
            if missing is not None:  # measuring passes None; the drawing pass reports
                missing.append(char)
                log.warning("No bundled font has U+%04X; printed as a replacement.", code)
            font = next((name for name in fonts if ord(REPLACEMENT) in covered(name)), LATIN)
            char = REPLACEMENT if ord(REPLACEMENT) in covered(font) else "?"
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + char)
        else:
            result.append((font, char))
    return result


def _neutral(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("WS", "ON", "CS", "ES", "ET", "S", "B")
