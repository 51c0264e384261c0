"""Every document kind, in every language, for a session mixing every script within one line.

Read back as a person would: pdftotext for the characters, glyph positions (pdftotext -bbox)
for the order on right-to-left lines, pdffonts for the fonts.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path
from xml.sax.saxutils import unescape

import pytest
from babel.dates import format_date

from intake_app.core.summary import SummaryDocument, SummaryKind, SummaryLine, SummarySection
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.languages import LANGUAGES
from intake_app.reporting.bidi_text import LRI, PDI, RLI, display, isolate
from intake_app.reporting.summary_pdf import render_summary_report
from intake_app.services.summaries import PrintOptions
from tests.mixed_scripts import (
    ACTION_TEXT,
    COMPANION,
    COUNTRY,
    CREDITORS,
    PHONE_TASK,
    REFERRAL,
    TASK,
    make_mixed_session,
)
from tests.pdf_text import normalise

CODES = [language.code for language in LANGUAGES]
KINDS = ["client", "discreet", "handover"]
OPTIONS = PrintOptions(counsellor="Sanne", role="vrijwilliger")
ON_PAPER = {
    "client": (*CREDITORS, COUNTRY, TASK, ACTION_TEXT, REFERRAL, COMPANION, PHONE_TASK),
    "discreet": (TASK, PHONE_TASK),  # no creditors, amounts or referral on the discreet paper
    "handover": (*CREDITORS, COUNTRY, TASK, ACTION_TEXT, REFERRAL, COMPANION, PHONE_TASK),
}
_PUNCTUATION = "().,:;-"


def _raw_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return normalise(out)


def _letters(text: str) -> Counter[str]:
    """The characters a reader must find, without spaces and punctuation."""
    return Counter(c for c in normalise(text) if not c.isspace() and c not in _PUNCTUATION)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", CODES)
def test_every_character_of_every_script_comes_back(context, tmp_path, language, kind) -> None:
    sid = make_mixed_session(context.storage.sessions, language)
    path = context.summaries.write(sid, kind, tmp_path / f"{kind}.pdf", OPTIONS)
    text = _raw_text(path)
    on_paper = _letters(text)
    assert "\ufffd" not in text
    assert context.summaries._renderer.last_missing == ()
    for phrase in ON_PAPER[kind]:
        wanted = _letters(phrase)
        short = {c: n for c, n in wanted.items() if on_paper[c] < n}
        assert not short, (phrase, short)
        # Words come back whole: a name is never split by a font switch or a reordering.
        words = set(re.sub(r"[().,:;]", " ", text).split())
        for word in re.sub(r"[().,:;]", " ", normalise(phrase)).split():
            assert word in words or word[::-1] in words, (phrase, word)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", CODES)
def test_only_embedded_fonts(context, tmp_path, language, kind) -> None:
    sid = make_mixed_session(context.storage.sessions, language)
    path = context.summaries.write(sid, kind, tmp_path / f"{kind}.pdf", OPTIONS)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows, fonts
    assert all(row[-5] == "yes" for row in rows), fonts  # the "emb" column
    assert not any("Helvetica" in row[0] for row in rows), fonts
    # The Ge'ez country and the Arabic names are in every kind but the discreet one's tasks
    # (which still hold Arabic and Ge'ez): each script's font is on paper.
    names = " ".join(row[0] for row in rows)
    assert "NotoSansArabic" in names and "NotoSansEthiopic" in names, fonts


def _lines(path: Path, tmp_path: Path) -> list[list[tuple[str, float]]]:
    """Words by printed line. Fonts differ in ascent, so a line is words whose tops lie
    within a few points of each other (lines are 12 points apart or more)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>'
    result = []
    for page in out.split("<page ")[1:]:
        lines: list[tuple[float, list[tuple[str, float]]]] = []
        words = sorted(((w, float(x), float(y)) for x, y, w in re.findall(pattern, page)),
                       key=lambda w: w[2])  # fmt: skip
        for word, x, y in words:
            if lines and y - lines[-1][0] < 5:
                lines[-1][1].append((normalise(unescape(word)), x))
            else:
                lines.append((y, [(normalise(unescape(word)), x)]))
        result += [sorted(words, key=lambda w: w[1]) for _y, words in lines]
    return result


def _line_with(lines: list[list[tuple[str, float]]], *tokens: str) -> list[tuple[str, float]]:
    for line in lines:
        drawn = [word for word, _x in line]
        if all(any(token in word for word in drawn) for token in tokens):
            return line
    raise AssertionError(f"no line holds {tokens}")


def _x(line: list[tuple[str, float]], token: str) -> float:
    return next(x for word, x in line if token in word)


@pytest.mark.parametrize("language", ["ar", "fa_AF"])
def test_runs_brackets_numbers_and_dates_in_order_on_rtl_lines(context, tmp_path, language) -> None:
    sid = make_mixed_session(context.storage.sessions, language)
    path = context.summaries.write(sid, "client", tmp_path / "client.pdf", OPTIONS)
    lines = _lines(path, tmp_path)

    # A phone number and its bracket inside a Dutch task, inside a right-to-left line.
    line = _line_with(lines, "Bel", "0900", "8020", "(gratis)")
    assert _x(line, "Bel") < _x(line, "0900") < _x(line, "8020") < _x(line, "(gratis)")

    # A Dutch task with an Arabic name in it stays one left-to-right unit, brackets intact.
    line = _line_with(lines, "Brief", "van", "(Energie", "Noord)")
    arabic = [x for word, x in line if re.search("[\u0600-\u06ff]", word)]
    assert arabic, line
    assert _x(line, "Brief") < _x(line, "van") < min(arabic)
    assert max(arabic) < _x(line, "(Energie") < _x(line, "Noord)")

    # A date in the client's words: read right to left, "1 ... 2026" (day first).
    month = normalise(format_date(date(2026, 12, 1), "MMMM", locale=Formatter(language).locale))
    # Words are drawn in visual order; other dates (a debt's deadline) may share the month,
    # and a long line may wrap before the year: day and month stay together, day rightmost.
    line = next(
        candidate
        for candidate in lines
        if any(month[::-1] in word for word, _x in candidate)
        and any(word == "1" for word, _x in candidate)
    )
    day = next(x for word, x in line if word == "1")
    assert _x(line, month[::-1]) < day
    if any("2026" in word for word, _x in line):
        assert _x(line, "2026") < _x(line, month[::-1])

    # The country in brackets after an Arabic relationship: brackets around it, on its left.
    line = _line_with(lines, "(" + COUNTRY + ")")
    relationship = [x for word, x in line if re.search("[\u0600-\u06ff]", word)]
    assert relationship and _x(line, COUNTRY) < min(relationship)

    # Amounts in Dutch notation, the euro sign before the number.
    line = _line_with(lines, "2.590,00")
    assert _x(line, "€") < _x(line, "2.590,00")


def test_isolates_wrap_every_run_of_the_other_direction() -> None:
    assert isolate("قال (Energie Noord BV) اليوم", rtl=True) == (
        f"قال ({LRI}Energie Noord BV{PDI}) اليوم"
    )
    assert isolate("tel. 0900 8020 مساء", rtl=True) == f"{LRI}tel. 0900 8020{PDI} مساء"
    assert isolate("Broer (سلمى) zegt", rtl=False) == f"Broer ({RLI}سلمى{PDI}) zegt"
    # A full stop and a bracket that belong to the Arabic sentence stay outside the run.
    assert display(isolate("اتصلنا (Woonstad).", rtl=True), rtl=True) == ".(Woonstad) انلصتا"


def test_stray_direction_controls_in_a_name_cannot_break_its_unit(context, tmp_path) -> None:
    from intake_app.core.model import Debt, DebtKind, Direction, Money

    repo = context.storage.sessions
    sid = make_mixed_session(repo, "ar")
    repo.add_debt(
        sid,
        Debt(DebtKind.FORMAL, Direction.OWED_BY_CLIENT, "formal_debts", Money(100),
             creditor="Incasso\u2069 \u2067Oost\u202e BV"),
    )  # fmt: skip
    path = context.summaries.write(sid, "client", tmp_path / "client.pdf", OPTIONS)
    line = _line_with(_lines(path, tmp_path), "Incasso", "Oost", "BV")
    assert _x(line, "Incasso") < _x(line, "Oost") < _x(line, "BV")


def test_a_character_no_font_has_is_replaced_visibly_and_reported(tmp_path, caplog) -> None:
    fonts = Path(__file__).parent.parent / "resources" / "fonts"
    document = SummaryDocument(
        language="nl",
        rtl=False,
        title="Proef",
        subtitle="",
        sections=(SummarySection("Kop", (SummaryLine("Bakker \ue000 en ✓ → ⚠"),)),),
        kind=SummaryKind.CLIENT,
    )
    with caplog.at_level("WARNING"):
        rendered = render_summary_report(document, fonts)
    assert rendered.missing == ("\ue000",)
    assert "U+E000" in caplog.text
    path = tmp_path / "proef.pdf"
    path.write_bytes(rendered.data)
    text = _raw_text(path)
    assert "Bakker \ufffd en ✓ → ⚠" in text  # symbols from the symbol fonts, nothing dropped


def test_the_statistics_pdf_names_only_embedded_fonts(tmp_path) -> None:
    from intake_app.core.statistics import StatisticsReport
    from intake_app.reporting.stats_report import render_stats_report

    fonts = Path(__file__).parent.parent / "resources" / "fonts"
    path = tmp_path / "stats.pdf"
    path.write_bytes(
        render_stats_report(StatisticsReport("2026-01", "2026-03", None, 5, ()), fonts)
    )
    listing = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert rows and all(row[-5] == "yes" for row in rows), listing
