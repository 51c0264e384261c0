"""The language widgets, driven for real with pytest-qt (offscreen): amount field, read-aloud,
language picker and review status, glossary, fonts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTextToSpeech import QTextToSpeech

from intake_app.content.glossary import load_glossary
from intake_app.i18n.status import ReviewStatus
from intake_app.i18n.translator import Translator
from intake_app.ui.amount_input import AmountInput
from intake_app.ui.glossary_view import GlossaryDialog, GlossaryLinks
from intake_app.ui.language_picker import LanguagePicker, ReviewStatusLabel
from intake_app.ui.read_aloud import ReadAloud, ReadAloudButton
from tests.conftest import REPO

CATALOGS = REPO / "translations"


def t(code: str) -> Translator:
    return Translator(code, CATALOGS)


# -- amount field ---------------------------------------------------------------------------
def _amount(qtbot, code: str = "nl") -> AmountInput:
    field = AmountInput(t(code))
    qtbot.addWidget(field)
    field.show()
    return field


def test_amount_accepted_and_shown_in_dutch_writing(gui_app, qtbot) -> None:
    field = _amount(qtbot)
    with qtbot.waitSignal(field.amount_changed) as signal:
        field.edit.setText("1.234,56")
        field.commit()
    assert signal.args == [123456]
    assert field.cents == 123456
    assert field.edit.text().replace("\xa0", " ") == "€ 1.234,56"
    assert not field.message.isVisible()


def test_amount_with_point_is_asked_back_then_confirmed(gui_app, qtbot) -> None:
    field = _amount(qtbot)
    field.edit.setText("12.50")
    assert field.commit() is None  # nothing stored before the answer
    assert field.message.isVisible() and field.yes.isVisible()
    assert field.message.text().replace("\xa0", " ") == "Bedoelt u € 12,50?"
    qtbot.mouseClick(field.yes, Qt.MouseButton.LeftButton)
    assert field.cents == 1250
    assert not field.yes.isVisible()


def test_amount_ask_back_no_keeps_the_text(gui_app, qtbot) -> None:
    field = _amount(qtbot)
    field.edit.setText("12.50")
    field.commit()
    qtbot.mouseClick(field.no, Qt.MouseButton.LeftButton)
    assert field.cents is None
    assert field.edit.text() == "12.50"


@pytest.mark.parametrize("typed", ["1e6", "NaN", "Infinity", "12,345"])
def test_bad_amount_gets_a_translated_message_and_loses_nothing(gui_app, qtbot, typed) -> None:
    field = _amount(qtbot, "ar")
    field.edit.setText(typed)
    field.commit()
    assert field.cents is None
    assert field.edit.text() == typed
    assert field.message.isVisible()
    assert any("\u0600" <= ch <= "\u06ff" for ch in field.message.text())
    assert field.layoutDirection() == Qt.LayoutDirection.RightToLeft
    field.set_translator(t("nl"))
    assert field.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert field.edit.text() == typed
    assert field.message.text() in {
        "Dit is geen bedrag. Typ alleen cijfers, zoals 1.234,56.",
        "Typ hoogstens twee cijfers na de komma.",
    }


def test_amount_field_switches_language_live_keeping_input(gui_app, qtbot) -> None:
    field = _amount(qtbot)
    field.edit.setText("12.50")
    field.commit()
    dutch_question = field.message.text()
    field.set_translator(t("tr"))
    assert field.edit.text() == "12.50"
    assert field.pending is not None
    assert field.message.text() != dutch_question
    field.confirm()
    assert field.cents == 1250


def test_arabic_indic_digits_typed_per_key(gui_app, qtbot) -> None:
    field = _amount(qtbot, "ar")
    field.edit.setFocus()
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in "١٢٣٤٫٥":  # per-character key events: keyClicks aborts on non-ASCII
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(field.edit, event)
    assert field.edit.text() == "١٢٣٤٫٥"
    field.commit()
    assert field.cents == 123450


# -- read aloud -----------------------------------------------------------------------------
def test_read_aloud_only_where_a_voice_exists(gui_app, qtbot) -> None:
    reader = ReadAloud("mock")
    button = ReadAloudButton(t("en"), reader)
    qtbot.addWidget(button)
    button.show()
    assert button.has_voice and button.isVisible()
    button.set_text("Your question today")
    with qtbot.waitSignal(reader.tts.stateChanged, timeout=2000):
        assert button.read()
    assert reader.tts.state() in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Ready)
    # The mock engine has no Dutch or Tigrinya voice: setLocale silently keeps en_GB.
    for code in ("nl", "ti", "ar"):
        button.set_translator(t(code))
        assert reader.tts.locale().name() == "en_GB"
        assert not button.has_voice and not button.isVisible()
        assert not button.read()
    button.set_translator(t("en"))
    assert button.isVisible()


def test_read_aloud_hidden_when_engine_broken(gui_app, qtbot) -> None:
    reader = ReadAloud("mock")
    reader.tts.setEngine("no-such-engine")
    button = ReadAloudButton(t("en"), reader)
    qtbot.addWidget(button)
    assert not button.has_voice


# -- language picker and review status ---------------------------------------------------
def test_language_picker_offers_only_chosen_languages(gui_app, qtbot) -> None:
    picker = LanguagePicker(["nl", "ar", "ti"])
    qtbot.addWidget(picker)
    assert picker.codes() == ["nl", "ar", "ti"]
    assert picker.set_current_code("ti")
    picker.set_languages(["nl", "tr", "ti", "uk"])
    assert picker.current_code() == "ti"  # kept
    assert not picker.set_current_code("ar")
    assert "ትግርኛ" in picker.itemText(picker.findData("ti"))


def test_review_status_label_for_the_counsellor(gui_app, qtbot) -> None:
    label = ReviewStatusLabel(t("nl"), {"ar": ReviewStatus.DRAFT, "tr": ReviewStatus.REVIEWED})
    qtbot.addWidget(label)
    label.show_language("ar")
    assert label.text() == "Vertaling Arabisch: concept, nog niet nagekeken"
    label.show_language("tr")
    assert "nagekeken door een moedertaalspreker" in label.text()
    label.show_language("nl")
    assert "brontaal" in label.text()


# -- glossary -------------------------------------------------------------------------------
def test_glossary_dialog_in_arabic_is_right_to_left(gui_app, qtbot) -> None:
    glossary = load_glossary(REPO / "resources" / "content")
    dialog = GlossaryDialog(glossary, t("ar"), reader=ReadAloud("mock"))
    qtbot.addWidget(dialog)
    dialog.show_entry("deurwaarder")
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.title.text() != "Deurwaarder"
    assert dialog.dutch_word.isVisible() is False or "Deurwaarder" in dialog.dutch_word.text()
    assert "Deurwaarder" in dialog.dutch_word.text()
    assert not dialog.pictogram.pixmap().isNull()
    assert not dialog.read_aloud.has_voice  # the mock engine has no Arabic voice
    dialog.set_translator(t("nl"))
    assert dialog.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert dialog.title.text() == "Deurwaarder"
    assert dialog.words.currentRow() == 0


def test_glossary_falls_back_to_dutch_with_pictogram(gui_app, qtbot, tmp_path) -> None:
    glossary = load_glossary(REPO / "resources" / "content")
    untranslated = Translator("so", tmp_path)  # no catalogs at all
    dialog = GlossaryDialog(glossary, untranslated, reader=ReadAloud("mock"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_entry("beslagvrije_voet")
    assert dialog.title.text() == "Beslagvrije voet"
    assert dialog.explanation.text().startswith("De beslagvrije voet")
    assert not dialog.pictogram.pixmap().isNull()
    assert not dialog.dutch_word.isVisible()


def test_glossary_links_from_a_card_text(gui_app, qtbot) -> None:
    glossary = load_glossary(REPO / "resources" / "content")
    links = GlossaryLinks(glossary, t("tr"))
    qtbot.addWidget(links)
    links.show()
    assert links.show_text("Komt de deurwaarder?", "Of het CJIB?") == ["deurwaarder", "cjib"]
    with qtbot.waitSignal(links.term_requested) as signal:
        qtbot.mouseClick(links.buttons["cjib"], Qt.MouseButton.LeftButton)
    assert signal.args == ["cjib"]
    assert links.show_text("Een brief over de huur.") == []
    assert not links.isVisible()


# -- fonts ----------------------------------------------------------------------------------
_FONT_PROBE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtGui import QFontDatabase, QTextLayout
    from PySide6.QtWidgets import QApplication
    from intake_app.ui.fonts import install_fonts

    app = QApplication([])
    def runs(text):
        layout = QTextLayout(text, app.font())
        layout.beginLayout(); layout.createLine(); layout.endLayout()
        return [[r.rawFont().familyName(), list(r.glyphIndexes())] for r in layout.glyphRuns()]
    samples = {"ti": "ትግርኛ ገንዘብ", "ar": "المال والرسائل", "nl": "Geld en post"}
    before = {k: runs(v) for k, v in samples.items()}
    result = {"families": QFontDatabase.families(), "before": before}
    install_fonts(app, Path(sys.argv[1]))
    result["after"] = {k: runs(v) for k, v in samples.items()}
    print(json.dumps(result))
    """
)


def test_geez_and_arabic_render_with_only_dejavu_installed(tmp_path: Path) -> None:
    import json

    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.exists():
        pytest.skip("DejaVu Sans is not installed")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(dejavu, fonts)
    (tmp_path / "fonts.conf").write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{fonts}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "fonts.conf")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run(
        [sys.executable, "-c", _FONT_PROBE, str(REPO / "resources" / "fonts")],
        capture_output=True, text=True, check=True, env=env, cwd=REPO,
    ).stdout  # fmt: skip
    result = json.loads(out.strip().splitlines()[-1])
    assert not any("Noto" in family for family in result["families"])  # a stock machine
    # Without our fonts: Ge'ez is glyph 0 (empty boxes).
    assert all(0 in glyphs for _, glyphs in result["before"]["ti"])
    for script, family in (("ti", "Noto Sans Ethiopic"), ("ar", "Noto Sans Arabic")):
        runs = result["after"][script]
        assert family in {name for name, _ in runs}
        assert all(0 not in glyphs for _, glyphs in runs), runs


# -- direction --------------------------------------------------------------------------------
def test_arrows_point_the_reading_way(gui_app, qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    from intake_app.content.pictograms import exists
    from intake_app.ui.direction import apply_direction, back_arrow, next_arrow

    assert next_arrow(t("nl")) == back_arrow(t("ar")) == "27A1"
    assert next_arrow(t("ar")) == next_arrow(t("fa_AF")) == back_arrow(t("ti")) == "2B05"
    assert exists("27A1") and exists("2B05")
    widget = QWidget()
    qtbot.addWidget(widget)
    apply_direction(widget, t("fa_AF"))
    assert widget.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_language_names_in_the_counsellors_language(gui_app, qtbot) -> None:
    from intake_app.i18n.language_names import LANGUAGE_NAMES
    from intake_app.i18n.languages import LANGUAGES

    assert set(LANGUAGE_NAMES) == {lang.dutch_name for lang in LANGUAGES}
    picker = LanguagePicker(["nl", "ar"], ui=t("nl"))
    qtbot.addWidget(picker)
    picker.set_current_code("ar")
    assert picker.itemText(1) == "\u2068العربية\u2069 (Arabisch)"
    picker.set_translator(t("en"))
    assert picker.itemText(1) == "\u2068العربية\u2069 (Arabic)"
    assert picker.itemText(0) == "\u2068Nederlands\u2069 (Dutch)"
    assert picker.current_code() == "ar"
    label = ReviewStatusLabel(t("en"), {"ar": ReviewStatus.DRAFT})
    qtbot.addWidget(label)
    label.show_language("ar")
    assert label.text() == "Translation Arabic: draft, not yet checked"
