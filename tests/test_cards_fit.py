"""Every card of the shipped content fits a laptop screen (1366x698: 768 minus a taskbar).

Walks every card in Dutch, Arabic, Tigrinya and the pseudo-locale (40 % longer) and fails
when an option lies outside the visible part of the card area, when a client label is cut
off, or when a card carries no number to say.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from intake_app.bootstrap.context import build_context
from intake_app.i18n.pseudo import PseudoTranslator
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.option_card import OptionCard, fit_grid

WIDTH, HEIGHT = 1366, 698


def _label_problems(label: QLabel, what: str) -> list[str]:
    """A wrapped label is cut off when it is lower than its text or a word is wider."""
    if not label.isVisible() or not label.text():
        return []
    problems = []
    if label.wordWrap():
        width = label.contentsRect().width()
        metrics = QFontMetrics(label.font())
        wide = [w for w in label.text().split() if metrics.horizontalAdvance(w) > width]
        if wide:
            problems.append(f"{what}: {wide} wider than {width}px")
        if label.heightForWidth(label.width()) > label.height():
            problems.append(f"{what}: {label.text()!r} lower than its text")
    elif label.sizeHint().width() > label.width():
        problems.append(f"{what}: {label.text()!r} cut off")
    return problems


def _card_problems(client, card_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    viewport: QWidget = client.options_area.viewport()
    for number, (option_id, button) in enumerate(client.option_buttons.items(), start=1):
        assert isinstance(button, OptionCard)
        if not button.isVisible():
            problems.append(f"{card_id}/{option_id}: hidden")
            continue
        top = button.mapTo(viewport, QPoint(0, 0)).y()
        bottom = button.mapTo(viewport, QPoint(0, button.height())).y()
        if top < 0 or bottom > viewport.height():
            problems.append(
                f"{card_id}/{option_id}: {top}..{bottom} outside 0..{viewport.height()}"
            )
        problems += _label_problems(button.caption, f"{card_id}/{option_id}")
        if number <= 9 and (not button.number.isVisible() or button.number.text() != str(number)):
            problems.append(f"{card_id}/{option_id}: no number {number}")
    for label in (client.card_title, client.explanation):
        problems += _label_problems(label, f"{card_id} {label.objectName()}")
    return problems


def _settle(client) -> None:
    """Let Qt finish laying out, as the running app's event loop does. One pass is not always
    enough: after the end recap the options area shows again and the cards are placed in a
    layout pass that itself asks for another (found with the smileys in Arabic)."""
    before = None
    for _ in range(10):
        QApplication.processEvents()
        now = [b.geometry().getRect() for b in client.option_buttons.values()]
        if now == before:
            return
        before = now


@pytest.mark.parametrize("language", ["nl", "ar", "ti", "pseudo"])
def test_every_option_of_every_card_is_in_view(gui_app, qtbot, db_url, tmp_path, language):
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    window._start("nl" if language == "pseudo" else language)
    state = window.controller.state
    context.intake.confirm_trust(state.id)
    client = window.intake_view.client
    if language == "pseudo":
        client.set_translator(PseudoTranslator(context.paths.catalogs))
    problems: list[str] = []
    walked = 0
    for card in context.intake.flow.cards():
        # go_to refuses a card whose condition does not hold: show it as the view would.
        window.controller.apply(lambda s, sid, c=card.id: s.go_to(sid, c))
        client.show_card(card, (), client.phases)
        _settle(client)
        assert client.card is not None and client.card.id == card.id
        problems += _card_problems(client, card.id)
        walked += 1
    assert walked == len(list(context.intake.flow.cards())) > 30
    assert window.height() == HEIGHT
    assert problems == [], "\n".join(problems)
    context.close()


def test_the_walk_notices_an_option_below_the_fold(gui_app, qtbot, db_url, tmp_path) -> None:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    window._start("nl")
    window.controller.apply(lambda s, sid: s.go_to(sid, "route_in"))
    QApplication.processEvents()
    client = window.intake_view.client
    assert _card_problems(client, "route_in") == []
    client.option_buttons["other"].setFixedHeight(2000)  # as a card that did not fit
    client.option_buttons["other"].caption.setText("Langgerektewoordzonderspatiesdatnergenspast")
    QApplication.processEvents()
    assert any("wider" in p for p in _card_problems(client, "route_in"))
    assert any("outside" in p for p in _card_problems(window.intake_view.client, "route_in"))
    context.close()


def test_focus_and_scroll_start_fresh_on_every_card(gui_app, qtbot, db_url, tmp_path) -> None:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    window._start("nl")
    window.activateWindow()
    client = window.intake_view.client
    first = next(iter(client.option_buttons.values()))
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    client.options_area.verticalScrollBar().setRange(0, 100)
    client.options_area.verticalScrollBar().setValue(50)
    card = client.card.id
    window.controller.apply(lambda s, sid: s.next(sid))
    assert client.card.id != card
    assert not any(b.hasFocus() for b in client.option_buttons.values())
    assert client.options_area.verticalScrollBar().value() == 0
    assert not any(b.isChecked() or b.property("chosen") for b in client.option_buttons.values())
    context.close()


def test_fit_grid_shrinks_cards_before_leaving_one_out(gui_app) -> None:
    font = QApplication.font()
    captions = ["Huur"] * 11
    roomy = fit_grid(captions, 940, 900, 12, lambda points: font)
    short = fit_grid(captions, 940, 300, 12, lambda points: font)
    assert roomy.fits and short.fits
    assert short.pictogram < roomy.pictogram
    rows = -(-11 // short.columns)
    assert rows * short.card_height + 12 * (rows - 1) <= 300
    hopeless = fit_grid(captions, 300, 40, 12, lambda points: font)
    assert not hopeless.fits


def test_a_long_word_gets_a_wider_card_not_an_ellipsis(gui_app) -> None:
    font = QApplication.font()
    font.setPointSize(15)
    word = "Schuldhulpverleningsorganisatie"
    choice = fit_grid([word, "Ja", "Nee", "Misschien"], 940, 400, 12, lambda p: font)
    width = (940 - 12 * (choice.columns - 1)) // choice.columns - 26
    assert QFontMetrics(font).horizontalAdvance(word) <= width
    assert choice.fits
