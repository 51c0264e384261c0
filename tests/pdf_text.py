"""Read PDFs back the way a person would: text with pdftotext, glyph positions with -bbox."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

# Direction marks, and Arabic vowel signs (harakat): the PDF leaves those out on purpose,
# because without a shaping engine they would sit on the wrong letter.
_MARKS = re.compile("[\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\u064b-\u0652]")


def normalise(text: str) -> str:
    """NFKC folds Arabic presentation forms back to letters; direction marks go."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", text))


def pdf_text(pdf: Path | bytes, tmp: Path | None = None) -> str:
    path = _as_file(pdf, tmp)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return normalise(out)


def flat(text: str) -> str:
    """Whitespace folded to single spaces: wrapped lines read as one."""
    return " ".join(text.split())


def pages(pdf: Path | bytes, tmp: Path | None = None) -> int:
    info = subprocess.run(
        ["pdfinfo", str(_as_file(pdf, tmp))], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert match
    return int(match.group(1))


def words_with_x(pdf: Path | bytes, tmp: Path | None = None) -> list[tuple[str, float, float]]:
    """(word as drawn, xMin, yMin) for every word pdftotext -bbox finds.

    yMin counts on over the pages (PAGE_STEP per page), so two lines at the same height on
    different pages are never taken for one line (a heading on page 1 and the word-of-mouth
    question on page 2 were)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(_as_file(pdf, tmp)), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>'
    words: list[tuple[str, float, float]] = []
    for number, page in enumerate(out.split("<page ")[1:]):
        offset = number * PAGE_STEP
        words += [(w, float(x), float(y) + offset) for x, y, w in re.findall(pattern, page)]
    return words


PAGE_STEP = 100_000.0


def _as_file(pdf: Path | bytes, tmp: Path | None) -> Path:
    if isinstance(pdf, Path):
        return pdf
    assert tmp is not None
    path = tmp / f"doc-{abs(hash(pdf))}.pdf"
    path.write_bytes(pdf)
    return path
