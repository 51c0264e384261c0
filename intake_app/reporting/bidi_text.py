"""Right-to-left text for ReportLab: shape, wrap in logical order, reorder per line.

ReportLab 5.1 without ``rlbidi`` lays Arabic words out left to right (design.md section 7).
So: join the letters with ``arabic-reshaper``, break the *logical* text into lines that fit
the column, then put each line in visual order with ``python-bidi``, and right-align.
Characters the script font lacks (the euro sign, Latin letters, digits in Ge'ez fonts) are
set in Noto Sans: ReportLab has no font fallback of its own.
"""

from __future__ import annotations

from functools import cache
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display  # this one mirrors brackets; bidi.get_display does not
from reportlab.pdfbase import pdfmetrics

# Direction marks steer the reordering; after it they are invisible and unprintable.
_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"), None)
_MARKS.update(dict.fromkeys(range(0x2066, 0x206A), None))
# Embeddings, overrides and isolates in user text could reorder a printed line (a creditor
# name shown backwards). They are dropped before layout; RLM/LRM marks (Babel uses them) stay.
_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e"), None)
_CONTROLS.update(dict.fromkeys(range(0x2066, 0x206A), None))
_CONTROLS.update(dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F], None))
FALLBACK = "NotoSans"


def clean(text: str) -> str:
    """User text without bidi embedding/override/isolate controls and control characters."""
    return text.translate(_CONTROLS)


@cache
def _covered(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def _fallback(font_name: str) -> str:
    return f"{FALLBACK}-Bold" if font_name.endswith("-Bold") else FALLBACK


def runs(text: str, font_name: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font, text) runs: the script font where it has the glyph."""
    covered = _covered(font_name)
    fallback = _fallback(font_name)
    result: list[tuple[str, str]] = []
    for char in text:
        font = font_name if (ord(char) in covered or char == " ") else fallback
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + char)
        else:
            result.append((font, char))
    return result


def markup(text: str, font_name: str) -> str:
    """Escaped Paragraph markup for user text, with fallback runs in ``<font>`` tags.

    User text never becomes ReportLab markup (design.md section 5): every run is escaped.
    """
    parts = []
    for font, run in runs(text, font_name):
        piece = escape(run)
        parts.append(piece if font == font_name else f'<font face="{font}">{piece}</font>')
    return "".join(parts)


def width(text: str, font_name: str, size: float) -> float:
    return float(
        sum(pdfmetrics.stringWidth(run, font, size) for font, run in runs(text, font_name))
    )


def wrap_logical(text: str, font_name: str, size: float, max_width: float) -> list[str]:
    """Greedy word wrap of shaped text, still in logical (reading) order."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and width(candidate, font_name, size) > max_width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def visual_lines(text: str, font_name: str, size: float, max_width: float) -> list[str]:
    """The lines of an RTL text, each in visual order, ready to be drawn left to right."""
    shaped = arabic_reshaper.reshape(text)
    return [
        get_display(line, base_dir="R").translate(_MARKS)
        for line in wrap_logical(shaped, font_name, size, max_width)
    ]


def rtl_markup(text: str, font_name: str, size: float, max_width: float) -> str:
    """Paragraph markup for right-aligned RTL text: one visual line per ``<br/>``."""
    return "<br/>".join(
        markup(line, font_name) for line in visual_lines(text, font_name, size, max_width)
    )
