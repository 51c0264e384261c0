"""Screenshots in nl, tr, ar, ti and fa_AF: the client card, a card with an amount, the
glossary. Saved to $INTAKE_SHOTS_DIR when set (to look at them), else to a temp folder.
Checks what a look would: Arabic and Dari mirrored, Ge'ez drawn with real glyphs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QVBoxLayout, QWidget

from intake_app.bootstrap.context import build_context
from intake_app.i18n.languages import language
from intake_app.i18n.translator import Translator
from intake_app.ui.amount_input import AmountInput
from intake_app.ui.glossary_view import GlossaryDialog, GlossaryLinks
from intake_app.ui.main_window import MainWindow
from intake_app.ui.read_aloud import ReadAloud, ReadAloudButton

LANGUAGES = ["nl", "tr", "ar", "ti", "fa_AF"]


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("INTAKE_SHOTS_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _glyphs_missing(widget: QWidget, text: str) -> bool:
    layout = QTextLayout(text, widget.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return any(0 in run.glyphIndexes() for run in layout.glyphRuns())


@pytest.mark.parametrize("code", LANGUAGES)
def test_screens_in_language(gui_app, qtbot, db_url, tmp_path, shots, code) -> None:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    window.start_view.language.set_current_code(code)
    window.start_view.review_status.show_language(code)
    window.grab().save(str(shots / f"start-{code}.png"))

    qtbot.mouseClick(window.start_view.new_button, Qt.MouseButton.LeftButton)
    client = window.intake_view.client
    assert window.controller.state.client_language == code
    rtl = code in ("ar", "fa_AF")
    expected = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    # Phase 0 is the counsellor's, in Dutch and left to right; the client's cards follow.
    assert client.layoutDirection() == Qt.LayoutDirection.LeftToRight
    window.controller.apply(lambda s, sid: s.go_to_phase(sid, "welcome"))
    assert client.layoutDirection() == expected
    assert not _glyphs_missing(client.card_title, client.card_title.text())
    qtbot.waitUntil(window.client_status.isVisible)  # the toolbar relayouts on the next turn
    assert language(code).dutch_name in window.client_status.text()
    window.grab().save(str(shots / f"card-{code}.png"))

    # A card with an amount, the glossary links and read-aloud, in the client's language.
    translator = context.translators.get(code)
    extra = QWidget()
    layout = QVBoxLayout(extra)
    amount = AmountInput(translator)
    links = GlossaryLinks(context.glossary, translator)
    links.set_translator(translator)
    reader = ReadAloudButton(translator, ReadAloud("mock"))
    for widget in (amount, links, reader):
        layout.addWidget(widget)
    client.layout().insertWidget(3, extra)
    for button in client.option_buttons.values():
        button.hide()  # room for the amount: a debt card has no option cards
    amount.edit.setText("1.234,56")
    amount.commit()
    links.show_text("Komt de deurwaarder? Of is er beslag op uw loon?")
    qtbot.wait(20)
    assert amount.cents == 123456
    assert amount.layoutDirection() == expected
    window.grab().save(str(shots / f"amount-{code}.png"))
    amount.edit.setText("12.50")
    amount.commit()
    qtbot.wait(20)
    assert not _glyphs_missing(amount.message, amount.message.text())
    window.grab().save(str(shots / f"askback-{code}.png"))

    dialog = GlossaryDialog(context.glossary, translator, reader=ReadAloud("mock"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_entry("deurwaarder")
    qtbot.wait(20)
    assert dialog.layoutDirection() == expected
    assert not _glyphs_missing(dialog.explanation, dialog.explanation.text())
    dialog.grab().save(str(shots / f"glossary-{code}.png"))
    context.close()
