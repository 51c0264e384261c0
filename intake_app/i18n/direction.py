"""Paragraph direction from the language, not from the first letter.

The Unicode bidi algorithm gives a paragraph the direction of its first strong character, so
an Arabic glossary entry that begins with "CJIB" would be laid out left to right. For a
right-to-left language every paragraph that does not already start right to left gets a
RIGHT-TO-LEFT MARK (an invisible strong RTL character); Qt on screen and the bidi code on
paper then agree on the direction the client reads in.
"""

from __future__ import annotations

import unicodedata

RLM = "\u200f"
_RTL_CLASSES = frozenset({"R", "AL"})
_LTR_CLASSES = frozenset({"L"})


def first_strong_is_rtl(text: str) -> bool | None:
    """True/False for the first strong character's direction; None if there is none."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return True
        if kind in _LTR_CLASSES:
            return False
    return None


def in_reading_direction(text: str, rtl: bool) -> str:
    """``text`` with each paragraph marked right to left when the language is RTL."""
    if not rtl or not text:
        return text
    return "\n".join(
        RLM + paragraph if paragraph and first_strong_is_rtl(paragraph) is False else paragraph
        for paragraph in text.split("\n")
    )
