"""Mixed-direction text for ReportLab: isolate, shape, wrap in logical order, reorder per line.

ReportLab 5.1 without ``rlbidi`` lays Arabic words out left to right (design.md section 7).
So, for every paragraph that holds right-to-left text or is itself right-to-left:

1. user text loses embedding/override/isolate controls (``clean``): it cannot steer layout;
2. Arabic letters are joined with ``arabic-reshaper`` (in logical order);
3. the logical text is broken into lines that fit the column;
4. per line, every run of the *other* direction is wrapped in an isolate (LRI or RLI ... PDI,
   ``isolate``), so a Dutch creditor name, a phone number or a date inside an Arabic sentence
   is one unit and brackets and full stops stay with the sentence they belong to;
5. the line is put in visual order by the Unicode rules (``display``): python-bidi's Python
   implementation resolves the paragraph with each isolate standing in as one neutral
   character (rule X5a-X6a), and mirrors brackets at right-to-left levels (rule L4);
   the inside of each isolate is resolved the same way with its own direction.

The paragraph direction comes from the document language, never from the first strong
character: an Arabic summary line that starts with a Dutch name is still right-to-left.
Fonts are chosen per character afterwards (``reporting.fonts.font_runs``).
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display  # the Python one mirrors brackets; the Rust one does not

from intake_app.reporting.fonts import font_runs
from intake_app.reporting.fonts import invisible as _invisible

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_OPENERS = (LRI, RLI, FSI)
# Embeddings and overrides in user text could reorder a printed line (a creditor name shown
# backwards): they are dropped before layout. Isolates stay: they can only group text, never
# reverse it, and ``services.summaries`` uses FSI ... PDI to keep a date or amount one unit.
# RLM/LRM marks (Babel uses them) stay too.
_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e"), None)
_CONTROLS.update(dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F], None))
_RTL = frozenset(("R", "AL"))
_RTL_SEEDS = frozenset(("R", "AL", "AN"))
_LTR_SEEDS = frozenset(("L", "EN"))
_CLOSERS = {")": "(", "]": "[", "}": "{"}
# Stand-ins for isolates while the outer line is resolved: box-drawing characters are
# neutral (ON) and never mirrored, so each behaves as the single neutral rule X6a wants.
_STAND_INS = [chr(code) for code in range(0x2500, 0x2580)]


def clean(text: str) -> str:
    """User text without bidi embedding/override/isolate controls and control characters."""
    return text.translate(_CONTROLS)


def _class(char: str) -> str:
    return unicodedata.bidirectional(char)


def _arabic_script(char: str) -> bool:
    """The Arabic comma and other Arabic punctuation belong to the Arabic text around them."""
    code = ord(char)
    return 0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def has_rtl(text: str) -> bool:
    return any(_class(char) in _RTL_SEEDS for char in text)


def _runs_of_other_direction(text: str, rtl: bool) -> list[tuple[int, int]]:
    """(start, end) of every maximal run of the direction opposite to the paragraph's."""
    seeds = _LTR_SEEDS if rtl else _RTL_SEEDS
    stops = _RTL_SEEDS if rtl else frozenset(("L",))
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        start = _seed_at(text, index, seeds, rtl)
        if start is None:
            index += 1
            continue
        end = start
        while end < len(text) and _class(text[end]) not in stops:
            char = text[end]
            if (rtl and _arabic_script(char)) or char in _OPENERS:
                break
            # A bracket opened before the run closes outside it: "(Woonstad) (huur)".
            if char in _CLOSERS and text[start:end].count(_CLOSERS[char]) <= text[start:end].count(
                char
            ):
                break
            end += 1
        end = _trim(text, start, end, seeds)
        runs.append((start, end))
        index = max(end, start + 1)
    return runs


def _seed_at(text: str, index: int, seeds: frozenset[str], rtl: bool) -> int | None:
    kind = _class(text[index])
    if kind in seeds:
        return index
    # "€ 2.590,00" in a right-to-left line: the currency sign belongs with its number.
    if rtl and kind == "ET":
        rest = text[index + 1 :].lstrip(" \u00a0\u202f")
        if rest and _class(rest[0]) == "EN":
            return index
    return None


def _trim(text: str, start: int, end: int, seeds: frozenset[str]) -> int:
    """Leave trailing spaces and punctuation to the paragraph, except a closing bracket
    whose opening bracket is in the run, or a currency or percent sign after a number."""
    run = text[start:end]
    keep = len(run)
    while keep > 0:
        char = run[keep - 1]
        kind = _class(char)
        if kind in seeds:
            break
        if char in _CLOSERS and run[: keep - 1].count(_CLOSERS[char]) > run[: keep - 1].count(char):
            break
        before = run[: keep - 1].rstrip(" \u00a0\u202f")
        if kind == "ET" and before and _class(before[-1]) == "EN":
            break
        keep -= 1
    return start + keep


def _segments(text: str) -> list[tuple[str, str]]:
    """Top-level pieces: ("", plain text) or (opener, inside of an isolate)."""
    pieces: list[tuple[str, str]] = []
    plain: list[str] = []
    inside: list[str] = []
    opener = ""
    depth = 0
    for char in text:
        if depth == 0:
            if char in _OPENERS:
                if plain:
                    pieces.append(("", "".join(plain)))
                    plain = []
                opener, depth, inside = char, 1, []
            elif char != PDI:  # a stray PDI closes nothing
                plain.append(char)
            continue
        if char in _OPENERS:
            depth += 1
        elif char == PDI:
            depth -= 1
            if depth == 0:
                pieces.append((opener, "".join(inside)))
                continue
        inside.append(char)
    if depth:  # an isolate left open runs to the end of the line
        pieces.append((opener, "".join(inside)))
    if plain:
        pieces.append(("", "".join(plain)))
    return pieces


def _inner_rtl(opener: str, inside: str) -> bool:
    if opener != FSI:
        return opener == RLI
    for kind, piece in _segments(inside):  # first strong character, isolates skipped (P2)
        if kind:
            continue
        for char in piece:
            if _class(char) in ("L", "R", "AL"):
                return _class(char) != "L"
    return False


def isolate(text: str, rtl: bool) -> str:
    """``text`` with LRI/RLI ... PDI around every run of the other direction.

    Isolates already in the text are kept as units and their inside treated the same way.
    """
    opener = LRI if rtl else RLI
    parts: list[str] = []
    for kind, piece in _segments(text):
        if kind:
            parts += [kind, isolate(piece, _inner_rtl(kind, piece)), PDI]
            continue
        last = 0
        for start, end in _runs_of_other_direction(piece, rtl):
            parts += [piece[last:start], opener, piece[start:end], PDI]
            last = end
        parts.append(piece[last:])
    return "".join(parts)


def display(text: str, rtl: bool) -> str:
    """One line in visual (left-to-right drawing) order, controls removed.

    Each top-level isolate is resolved on its own and stands in the line as one neutral.
    """
    outer: list[str] = []
    inner: dict[str, str] = {}
    free = (c for c in _STAND_INS if c not in text)
    for kind, piece in _segments(text):
        if kind:
            stand_in = next(free)
            inner[stand_in] = display(piece, _inner_rtl(kind, piece))
            outer.append(stand_in)
        else:
            outer.append(piece)
    line = "".join(outer)
    if rtl or has_rtl(line):
        line = get_display(line, base_dir="R" if rtl else "L")
    line = "".join(inner.get(char, char) for char in line)
    return "".join(char for char in line if not _invisible(char))


def _resolve_first_strong(text: str) -> str:
    """FSI becomes LRI or RLI from its whole inside, before wrapping can split it."""
    parts = []
    for kind, piece in _segments(text):
        if not kind:
            parts.append(piece)
            continue
        opener = (RLI if _inner_rtl(kind, piece) else LRI) if kind == FSI else kind
        parts += [opener, _resolve_first_strong(piece), PDI]
    return "".join(parts)


def _balanced(lines: list[str]) -> list[str]:
    """An isolate broken over two lines is reopened at the start of the next one."""
    result = []
    carried: list[str] = []
    for line in lines:
        stack = list(carried)
        for char in line:
            if char in _OPENERS:
                stack.append(char)
            elif char == PDI and stack:
                stack.pop()
        result.append("".join(carried) + line)
        carried = stack
    return result


def markup(text: str, font_name: str, missing: list[str] | None = None) -> str:
    """Escaped Paragraph markup, with every fallback run in a ``<font>`` tag.

    User text never becomes ReportLab markup (design.md section 5): every run is escaped.
    """
    parts = []
    for font, run in font_runs(text, font_name, missing):
        piece = escape(run)
        parts.append(piece if font == font_name else f'<font face="{font}">{piece}</font>')
    return "".join(parts)


def width(text: str, font_name: str, size: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    return float(
        sum(pdfmetrics.stringWidth(run, font, size) for font, run in font_runs(text, font_name))
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


def visual_lines(text: str, font_name: str, size: float, max_width: float, rtl: bool) -> list[str]:
    """The lines of a paragraph, each in visual order, ready to be drawn left to right."""
    # Runs are found on the whole paragraph (a bracket opened on one line and closed on the
    # next stays one unit); only the reordering is per line, as UAX #9 rule L1-L2 says.
    shaped = isolate(_resolve_first_strong(arabic_reshaper.reshape(clean(text))), rtl)
    lines = _balanced(wrap_logical(shaped, font_name, size, max_width))
    return [display(line, rtl) for line in lines]


def paragraph_markup(
    text: str,
    font_name: str,
    size: float,
    max_width: float,
    *,
    rtl: bool,
    missing: list[str] | None = None,
) -> str:
    """Paragraph markup for ``text`` in a paragraph of the given direction.

    Left-to-right text without any right-to-left character is left to ReportLab's own
    wrapping; everything else is laid out here, one visual line per ``<br/>``.
    """
    text = clean(text)
    if not rtl and not has_rtl(text):
        return markup(text, font_name, missing).replace("\n", "<br/>")
    return "<br/>".join(
        markup(line, font_name, missing)
        for line in visual_lines(text, font_name, size, max_width, rtl)
    )
