"""Live language switching (no restart, nothing lost), RTL for Arabic and Dari, and a
pseudo-locale 40 % longer that must not cut off any button or label."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from intake_app.bootstrap.context import build_context
from intake_app.content.glossary import load_glossary
from intake_app.i18n.pseudo import GROWTH, PseudoTranslator, pseudo
from intake_app.i18n.translator import Translator
from intake_app.ui.amount_input import AmountInput
from intake_app.ui.glossary_view import GlossaryDialog, GlossaryLinks
from intake_app.ui.main_window import MainWindow
from intake_app.ui.read_aloud import ReadAloud, ReadAloudButton
from tests.conftest import REPO

CATALOGS = REPO / "translations"


def _window(qtbot, db_url: str, data_dir: Path, ui: Translator | None = None) -> MainWindow:
    context = build_context(db_url=db_url, data_dir=data_dir)
    window = MainWindow(context, ui or Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.show()
    return window


def test_coordinator_choice_limits_the_start_view(gui_app, qtbot, db_url, tmp_path) -> None:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    context.languages.set_offered(["ar", "ti"])
    context.close()
    window = _window(qtbot, db_url, tmp_path)
    assert window.start_view.language.codes() == ["nl", "ar", "ti"]
    window.start_view.language.set_current_code("ar")
    assert "concept" in window.start_view.review_status.text()
    window.context.close()


def test_counsellor_language_switches_live_keeping_choices(gui_app, qtbot, db_url, tmp_path):
    window = _window(qtbot, db_url, tmp_path)
    assert not window.client_language.isVisible()  # only during a conversation
    start = window.start_view
    start.language.set_current_code("ti")
    assert start.new_button.text() == "Nieuw gesprek"
    window.set_ui_language("en")
    assert start.new_button.text() == "New conversation"
    assert start.language.current_code() == "ti"  # the client's choice is untouched
    assert window.ui_language_label.text() == "Screen:"
    assert "Tigrinya" in start.review_status.text() and "draft" in start.review_status.text()
    window.set_ui_language("nl")
    assert start.new_button.text() == "Nieuw gesprek"
    window.context.close()


def test_client_language_switch_keeps_answers_and_mirrors(gui_app, qtbot, db_url, tmp_path):
    window = _window(qtbot, db_url, tmp_path)
    qtbot.mouseClick(window.start_view.new_button, Qt.MouseButton.LeftButton)
    client = window.intake_view.client
    panel = window.intake_view.panel
    qtbot.waitUntil(lambda: window.client_language.isVisible() and window.client_status.isVisible())
    window.controller.apply(lambda s, sid: s.go_to_phase(sid, "question"))
    # A filled-in step: one option chosen on screen, and an amount typed but not yet confirmed.
    card = client.card
    assert card is not None
    client.show_card(card, ("rent",))
    amount = AmountInput(client.tr_client)
    client.layout().addWidget(amount)
    amount.edit.setText("12.50")
    amount.commit()
    state_before = window.controller.state
    window.set_client_language("ar")
    qtbot.waitUntil(lambda: not window.controller.reading)  # stored on the worker
    amount.set_translator(client.tr_client)
    assert window.client_status.text() == "Vertaling Arabisch: concept, nog niet nagekeken"
    assert client.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert panel.layoutDirection() == Qt.LayoutDirection.LeftToRight  # Dutch panel stays LTR
    assert client.card_title.text() == "عمّ نتحدث اليوم؟"
    assert client.option_buttons["rent"].property("chosen")  # one answer: a button, marked
    assert amount.edit.text() == "12.50" and amount.pending is not None
    assert panel.tip_heading.text() == "Tip voor u"
    # Stored with the session; nothing else changed.
    stored = window.context.intake.open_session(state_before.id)
    assert stored.client_language == "ar"
    assert stored.answers == state_before.answers
    # Answer, switch to Dari, and the answer is still there.
    qtbot.mouseClick(client.option_buttons["energy"], Qt.MouseButton.LeftButton)
    window.set_client_language("fa_AF")
    qtbot.waitUntil(lambda: not window.controller.reading)
    assert client.layoutDirection() == Qt.LayoutDirection.RightToLeft
    state = window.context.intake.open_session(state_before.id)
    assert state.answers["primary_question"].values == ("energy",)
    assert state.client_language == "fa_AF"
    window.set_client_language("ti")
    assert client.layoutDirection() == Qt.LayoutDirection.LeftToRight
    window.context.close()


# -- pseudo-locale --------------------------------------------------------------------------
def test_pseudo_locale_is_40_percent_longer_and_keeps_placeholders() -> None:
    for text in ("Nieuw gesprek", "Gesprek {code}", "Ja"):
        longer = pseudo(text)
        assert len(longer) >= len(text) * GROWTH
        assert longer.startswith("[") and longer.endswith("]")
    assert "{code}" in pseudo("Gesprek {code}")


def _cut_off(root: QWidget) -> list[str]:
    """Buttons and labels narrower (or, wrapped, lower) than their text needs."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        need = widget.sizeHint().width()
        if isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() < need:
                problems.append(f"button {widget.text()!r}: {widget.width()} < {need}")
        elif isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.height() < widget.heightForWidth(widget.width()):
                    problems.append(f"label {widget.text()!r} too low")
            elif widget.width() < need:
                problems.append(f"label {widget.text()!r}: {widget.width()} < {need}")
    return problems


def test_pseudo_locale_cuts_off_nothing(gui_app, qtbot, db_url, tmp_path) -> None:
    import os

    shots = Path(os.environ.get("INTAKE_SHOTS_DIR") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    pseudo_ui = PseudoTranslator(CATALOGS)
    window = _window(qtbot, db_url, tmp_path, ui=pseudo_ui)
    window.resize(1024, 640)  # the smallest the window may be
    qtbot.wait(50)
    window.grab().save(str(shots / "start-pseudo.png"))
    assert window.start_view.new_button.text().startswith("[")
    assert _cut_off(window) == [], _cut_off(window)

    glossary = load_glossary(REPO / "resources" / "content")
    dialog = GlossaryDialog(glossary, pseudo_ui, reader=ReadAloud("mock"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_entry("beslagvrije_voet")
    qtbot.wait(50)
    dialog.grab().save(str(shots / "glossary-pseudo.png"))
    assert _cut_off(dialog) == []

    panel = QWidget()
    qtbot.addWidget(panel)
    from PySide6.QtWidgets import QVBoxLayout

    layout = QVBoxLayout(panel)
    amount = AmountInput(pseudo_ui)
    links = GlossaryLinks(glossary, pseudo_ui)
    reader = ReadAloudButton(pseudo_ui, ReadAloud("mock"))
    for widget in (amount, links, reader):
        layout.addWidget(widget)
    panel.resize(640, 300)
    panel.show()
    amount.edit.setText("12.50")
    amount.commit()
    links.show_text("De deurwaarder en het CJIB en de beslagvrije voet")
    qtbot.wait(50)
    panel.grab().save(str(shots / "widgets-pseudo.png"))
    assert _cut_off(panel) == []
    window.context.close()


def test_cut_off_detector_finds_a_squeezed_button(gui_app, qtbot) -> None:
    from PySide6.QtWidgets import QPushButton

    button = QPushButton(pseudo("Verder met dit gesprek"))
    qtbot.addWidget(button)
    button.setFixedWidth(40)
    button.show()
    assert _cut_off(button)
