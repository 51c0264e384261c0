"""Paragraph direction comes from the client's language, not from the first letter: an
Arabic or Dari glossary entry that begins with CJIB, BKR or Wsnp still reads right to left
(issue 19). Screenshots of the glossary and the consent card in ar and fa_AF are saved to
$INTAKE_SHOTS_DIR when set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from intake_app.i18n.direction import RLM, first_strong_is_rtl, in_reading_direction
from intake_app.ui.consent_view import ConsentView
from intake_app.ui.glossary_view import GlossaryDialog
from intake_app.ui.read_aloud import ReadAloud

RTL = ["ar", "fa_AF"]


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("INTAKE_SHOTS_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _paragraph_direction(text: str) -> Qt.LayoutDirection:
    """What Qt's bidi algorithm makes of the text's first paragraph."""
    document = QTextDocument(text)  # kept alive while its block is asked
    return document.firstBlock().textDirection()


def test_marks_only_paragraphs_that_would_start_left_to_right() -> None:
    assert in_reading_direction("CJIB (مكتب)", rtl=True) == RLM + "CJIB (مكتب)"
    assert in_reading_direction("مكتب CJIB", rtl=True) == "مكتب CJIB"
    assert in_reading_direction("BKR يحتفظ\nWsnp تسوية", rtl=True) == (
        f"{RLM}BKR يحتفظ\n{RLM}Wsnp تسوية"
    )
    assert in_reading_direction("CJIB", rtl=False) == "CJIB"
    assert in_reading_direction("", rtl=True) == ""
    assert first_strong_is_rtl("12 €") is None


@pytest.mark.parametrize("code", RTL)
def test_glossary_entries_starting_with_an_acronym_read_right_to_left(
    gui_app, qtbot, context, shots, code
) -> None:
    translator = context.translators.get(code)
    dialog = GlossaryDialog(context.glossary, translator, reader=ReadAloud("mock"))
    qtbot.addWidget(dialog)
    dialog.show()
    for entry_id in ("cjib", "bkr", "wsnp"):
        dialog.show_entry(entry_id)
        entry = context.glossary.entry(entry_id)
        raw = translator.gettext(entry.explanation)
        assert raw[:4].isascii()  # the translation itself starts with the Latin acronym
        assert _paragraph_direction(raw) == Qt.LayoutDirection.LeftToRight  # the old bug
        for label in (dialog.title, dialog.explanation):
            assert _paragraph_direction(label.text()) == Qt.LayoutDirection.RightToLeft
        row = [e.id for e in context.glossary.entries].index(entry_id)
        item = dialog.words.item(row)
        assert _paragraph_direction(item.text()) == Qt.LayoutDirection.RightToLeft
    dialog.show_entry("cjib")
    qtbot.wait(20)
    dialog.grab().save(str(shots / f"glossary-cjib-{code}.png"))


@pytest.mark.parametrize("code", RTL)
def test_consent_card_in_right_to_left_languages(gui_app, qtbot, context, shots, code) -> None:
    session = context.intake.start_session(code)
    translators = context.translators
    view = ConsentView(
        context.consent, translators.get(code), translators.dutch(), translators.dutch()
    )
    qtbot.addWidget(view)
    view.resize(1000, 900)
    view.set_session(session.id)
    view.show()
    qtbot.wait(20)
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    for row in view.keep_rows:  # "BSN" inside an Arabic sentence does not turn it around
        assert _paragraph_direction(row.text.text()) == Qt.LayoutDirection.RightToLeft
        assert _paragraph_direction(row.dutch.text()) == Qt.LayoutDirection.LeftToRight
    view.grab().save(str(shots / f"consent-{code}.png"))
