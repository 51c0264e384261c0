"""Knowledge cards in context for the counsellor and the volunteer (ORG-03, GEN-10, PRV-09),
the phrase bank of describing sentences with judging words marked (INT-14), and the trauma
reminder's GP / POH-GGZ referral in one press (INT-13)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from intake_app.bootstrap.context import build_context
from intake_app.cli.main import main
from intake_app.content.knowledge import load_knowledge
from intake_app.content.loader import InvalidContentError, load_flow
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.trauma_referral import GP_REFERRAL
from tests.conftest import REPO

CONTENT = REPO / "resources" / "content"
# ORG-03 and GEN-10 name these topics; PRV-09 gives them to volunteers as well.
REQUIRED_TOPICS = {
    "shame_taboo", "wedding_loans", "money_home", "benefits_scandal", "trauma",
    "intersectional_lens", "positive_norm", "womens_experience", "stress_sensitive",
}  # fmt: skip


def test_every_required_topic_is_there_and_linked_to_real_cards() -> None:
    knowledge = load_knowledge(CONTENT)
    assert {t.id for t in knowledge.topics} >= REQUIRED_TOPICS
    flow = load_flow(CONTENT)
    assert knowledge.check_links(c.id for p in flow.phases for c in p.cards) == []
    assert all(t.cards and t.text and t.tips for t in knowledge.topics)
    assert [t.id for t in knowledge.for_card("inf_wedding")] == ["wedding_loans"]


def test_search_ignores_case_and_accents_and_needs_every_word() -> None:
    knowledge = load_knowledge(CONTENT)
    assert [t.id for t in knowledge.search("TOESLAGEN")] == ["benefits_scandal"]
    assert [t.id for t in knowledge.search("motiverende gespreksvoering")] == ["stress_sensitive"]
    assert knowledge.search("bruiloft toeslagenaffaire") == ()
    assert len(knowledge.search("")) == len(knowledge.topics)


def test_phrase_bank_describes_and_judging_words_are_found() -> None:
    knowledge = load_knowledge(CONTENT)  # INT-14
    texts = [p.text for p in knowledge.phrases]
    assert "Ik zie drie brieven van de energieleverancier." in texts
    assert all(p.instead and p.instead != p.text for p in knowledge.phrases)
    note = "Klant is lui en Onverstandig geweest."
    assert [note[a:b] for a, b in knowledge.judging_spans(note)] == ["lui", "Onverstandig"]
    assert knowledge.judging_spans("Ik zie drie brieven.") == []


def test_content_check_reports_the_knowledge_cards(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check"]) == 0
    out = capsys.readouterr().out
    assert "Kenniskaarten voor de hulpverlener (10):" in out
    assert "benefits_scandal" in out and "De toeslagenaffaire" in out
    assert "Zinnen zonder oordeel: 10" in out


def test_content_check_refuses_a_topic_for_an_unknown_card(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    path = content / "knowledge.yaml"
    path.write_text(
        path.read_text("utf-8").replace("cards: [inf_wedding,", "cards: [no_such_card,"), "utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "intake_app.cli.main", "content", "check", str(content)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "topic 'wedding_loans' names unknown card 'no_such_card'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_knowledge_file_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "knowledge.yaml").write_text(
        "topics:\n  - id: x\n    title: X\n    pictogram: 2709\n    cards: [a]\n", "utf-8"
    )
    with pytest.raises(InvalidContentError) as caught:
        load_knowledge(tmp_path)
    assert "knowledge.yaml:2: 'text' is missing" in [str(p) for p in caught.value.problems]


def _window(qtbot, db_url, tmp_path):  # type: ignore[no-untyped-def]
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    return window


def test_knowledge_opens_from_the_card_and_by_search(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    window._start("tr")
    sid = window.controller.state.id
    window.controller.apply(lambda s, i: s.confirm_trust(i))
    window.controller.apply(lambda s, i: s.go_to(i, "inf_wedding"))
    knowledge = window.intake_view.panel.knowledge
    assert knowledge.heading.text() == "Kennis bij deze stap"
    assert knowledge.topics.count() == 1
    assert knowledge.topics.item(0).text() == "Leningen voor een bruiloft"
    # From the card: the list item opens the topic with Enter.
    knowledge.topics.setFocus()
    knowledge.topics.setCurrentRow(0)
    qtbot.keyClick(knowledge.topics, Qt.Key.Key_Return)
    assert knowledge.shown is not None and knowledge.shown.id == "wedding_loans"
    assert knowledge.topic_text.isVisible() and "bruiloft" in knowledge.topic_text.text()
    assert knowledge.topic_text.hasFocus()
    # Typing a note while the card is open: saving it does not pull focus to the card.
    panel = window.intake_view.panel
    panel.note.setFocus()
    panel.note.setPlainText("Lening bij de broer.")
    qtbot.keyClick(panel.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.context.intake.open_session(sid).record.notes[0].text == "Lening bij de broer."
    assert panel.note.hasFocus() and knowledge.shown is not None
    qtbot.keyClick(knowledge.topic_text, Qt.Key.Key_Tab)
    qtbot.keyClick(knowledge.close_button, Qt.Key.Key_Space)
    assert knowledge.shown is None and not knowledge.topic_text.isVisible()
    # Search from anywhere in the window: Ctrl+K, type, Enter opens the first hit.
    window.intake_view.client.focus_question()
    qtbot.keyClick(window.intake_view.client, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert knowledge.search.hasFocus()
    qtbot.keyClicks(knowledge.search, "toeslagen")
    assert knowledge.topics.count() == 1
    assert knowledge.heading.text() == "Kenniskaarten: 1 gevonden"
    qtbot.keyClick(knowledge.search, Qt.Key.Key_Return)
    assert knowledge.shown is not None and knowledge.shown.id == "benefits_scandal"
    # Down from the search field into the results.
    knowledge.search.setFocus()
    knowledge.search.setText("familie")
    qtbot.keyClick(knowledge.search, Qt.Key.Key_Down)
    assert knowledge.topics.hasFocus() and knowledge.topics.currentRow() == 0
    knowledge.search.setText("geen treffer xyz")
    assert knowledge.none_label.isVisible() and not knowledge.topics.isVisible()
    assert len(window.context.intake.open_session(sid).record.notes) == 1  # reading adds none
    window.context.close()


def test_a_phrase_goes_into_the_note_by_key(gui_app, qtbot, db_url, tmp_path) -> None:
    window = _window(qtbot, db_url, tmp_path)
    window._start("nl")
    panel = window.intake_view.panel
    phrases = panel.knowledge.phrases
    assert phrases.count() == 10 and "U heeft niet betaald." in phrases.item(0).toolTip()
    panel.note.setPlainText("Eerste gesprek.")
    panel.note.moveCursor(panel.note.textCursor().MoveOperation.End)
    phrases.setFocus()
    phrases.setCurrentRow(0)
    qtbot.keyClick(phrases, Qt.Key.Key_Return)
    expected = "Eerste gesprek. Ik zie drie brieven van de energieleverancier."
    assert panel.note.toPlainText() == expected
    assert panel.note.hasFocus()  # back in the note to go on typing
    # Judging words are marked in the note (optional help, INT-14).
    panel.note.setPlainText("Hij is lui.")
    QApplication.processEvents()
    ranges = panel.note.document().firstBlock().layout().formats()
    assert [(r.start, r.length) for r in ranges] == [(7, 3)]
    window.context.close()


def test_trauma_reminder_offers_a_gp_referral_in_one_press(gui_app, qtbot, db_url, tmp_path):
    window = _window(qtbot, db_url, tmp_path)
    window._start("ar")
    sid = window.controller.state.id
    panel = window.intake_view.panel
    offer = panel.trauma_referral
    assert not offer.isVisible()  # INT-13: only with the trauma flag
    panel.trauma.click()
    assert offer.isVisible() and "huisarts" in offer.suggestion.text()
    offer.button.click()
    referrals = window.context.intake.open_session(sid).record.referrals
    assert [r.organisation_name for r in referrals] == [GP_REFERRAL]
    assert referrals[0].planned_on is not None
    assert not offer.button.isEnabled()  # once is enough
    offer.button.click()
    assert len(window.context.intake.open_session(sid).record.referrals) == 1
    panel.trauma.click()
    assert not offer.isVisible()
    window.context.close()


def test_knowledge_texts_are_extracted_as_counsellor_only() -> None:
    """The client standard (every language, plain B1) does not apply to them (ORG-03)."""
    from intake_app.content.extractor import extract_yaml
    from intake_app.i18n.client_texts import is_client_content

    with (CONTENT / "knowledge.yaml").open("rb") as handle:
        found = list(extract_yaml(handle, {}, [], {}))
    texts = {text: comments for _line, _fn, text, comments in found}
    assert "Ik zie drie brieven van de energieleverancier." in texts
    assert "U heeft niet betaald." in texts  # the judging sentence, shown as "in plaats van"
    assert "De toeslagenaffaire" in texts
    assert not any(is_client_content(comments) for comments in texts.values())
