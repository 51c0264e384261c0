"""Input hygiene: NFC, no direction or control characters, NUL refused, length limits."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake_app.core.summary import SummaryDocument, SummaryLine, SummarySection
from intake_app.core.text_hygiene import (
    BIDI_CONTROLS,
    MAX_LENGTHS,
    InvalidTextError,
    clean_amount_text,
    clean_name,
    clean_note,
    clean_text,
)

no_nul = st.text(
    alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
    max_size=80,
)


@given(no_nul)
def test_cleaned_names_hold_no_controls_and_are_nfc(raw: str) -> None:
    cleaned = clean_name(raw[: MAX_LENGTHS["name"]])
    assert unicodedata.is_normalized("NFC", cleaned)
    assert not BIDI_CONTROLS & set(cleaned)
    assert all(unicodedata.category(ch) != "Cc" for ch in cleaned)
    assert cleaned == cleaned.strip()


@given(no_nul)
def test_cleaning_is_idempotent(raw: str) -> None:
    once = clean_text(raw, "short")
    assert clean_text(once, "short") == once


@given(st.text(min_size=0, max_size=30), st.text(min_size=0, max_size=30))
def test_nul_is_always_refused(before: str, after: str) -> None:
    with pytest.raises(InvalidTextError):
        clean_text(before + "\x00" + after)


@given(no_nul)
def test_notes_keep_their_lines_but_lose_other_controls(raw: str) -> None:
    cleaned = clean_note("a\n" + raw + "\tb")
    assert cleaned.startswith("a")
    assert all(unicodedata.category(ch) != "Cc" or ch in "\n\t" for ch in cleaned)
    assert not BIDI_CONTROLS & set(cleaned)


def test_arabic_name_with_an_override_is_stripped_but_kept() -> None:
    assert clean_name("\u202eفاطمة\u202c \u2067علي\u2069") == "فاطمة علي"
    # ZWNJ shapes Persian words and must survive.
    assert clean_name("می\u200cخواهم") == "می\u200cخواهم"


def test_amount_with_invisible_marks_is_cleaned() -> None:
    assert clean_amount_text("\u200f€\u202a 1.234,56\u202c") == "€ 1.234,56"


def test_decomposed_letters_become_nfc() -> None:
    assert clean_name("Yi\u0307lmaz Müller") == unicodedata.normalize("NFC", "Yi\u0307lmaz Müller")
    assert clean_name("Mu\u0308ller") == "Müller"


def test_length_limit_names_both_numbers() -> None:
    with pytest.raises(InvalidTextError) as caught:
        clean_name("a" * 61)
    assert "61" in str(caught.value) and "60" in str(caught.value)
    assert clean_note("x" * MAX_LENGTHS["note"]) == "x" * MAX_LENGTHS["note"]


def test_markup_in_user_text_prints_literally(tmp_path: Path, paths) -> None:
    from intake_app.reporting.summary_pdf import write_summary

    hostile = '<img src="/etc/passwd"> <b>vet</b> & co'
    document = SummaryDocument(
        language="nl",
        rtl=False,
        title=hostile,
        subtitle="K-TEST-01",
        sections=(SummarySection("Kop", (SummaryLine(hostile, ""),), ""),),
        footer="",
    )
    out = write_summary(document, paths.fonts, tmp_path / "x.pdf")
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count('<img src="/etc/passwd">') == 2
    assert "<b>vet</b> & co" in text
