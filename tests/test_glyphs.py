"""No tofu: every character the window can show has a glyph in a font the app ships.

A text symbol such as 🔒, ⏸ or ▲ rendered as an empty box on a stock machine (issue 13).
Checked over every string in the catalogs (both domains, every language, Dutch msgids too)
and over every text, tooltip and list item of the real window in Dutch, Arabic and Tigrinya.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtGui import QFont, QRawFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QWidget,
)

from intake_app.bootstrap.context import build_context
from intake_app.core.model import PhaseStatus
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[1]
FONTS = REPO / "resources" / "fonts"


@cache
def _fonts() -> tuple[QRawFont, ...]:
    fonts = []
    for path in sorted(FONTS.glob("*.ttf")):
        raw = QRawFont()
        raw.loadFromData(path.read_bytes(), 12, QFont.HintingPreference.PreferDefaultHinting)
        assert raw.isValid(), path
        fonts.append(raw)
    return tuple(fonts)


def _needs_glyph(char: str) -> bool:
    # Spaces, line breaks and invisible format characters (bidi isolates) draw nothing.
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf")


def missing(text: str) -> set[str]:
    return {
        char
        for char in set(text)
        if _needs_glyph(char) and not any(f.supportsCharacter(ord(char)) for f in _fonts())
    }


def test_the_check_notices_tofu(gui_app) -> None:
    assert missing("漢 한") == {"漢", "한"}  # no bundled font has CJK or Hangul
    assert missing("Gesprek · € 1.234,56 – ‘klaar’ …") == set()
    assert missing("ሰላም مرحبا") == set()


@cache
def _source_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "intake_app").rglob("*.py"))


@pytest.mark.parametrize("domain", ["ui", "content"])
def test_every_catalog_string_has_glyphs(gui_app, domain: str) -> None:
    """Window texts still in use (a msgid gone from the code waits for the next extraction
    to become obsolete) and every content text."""
    problems: dict[str, set[str]] = {}
    for po in sorted((REPO / "translations").glob(f"*/LC_MESSAGES/{domain}.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id:
                continue
            first = message.id[0] if isinstance(message.id, tuple | list) else message.id
            if domain == "ui" and first not in _source_text():
                continue
            ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
            strings = (
                message.string if isinstance(message.string, tuple | list) else (message.string,)
            )
            for text in (*ids, *strings):
                if text and (gone := missing(text)):
                    problems[f"{po.parent.parent.name}: {text[:60]!r}"] = gone
    assert problems == {}


def _window_texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                texts += [widget.item(row).text(), widget.item(row).toolTip()]
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
    return [text for text in texts if text]


@pytest.mark.parametrize("language", ["nl", "ar", "ti"])
def test_every_text_of_the_window_has_glyphs(gui_app, qtbot, db_url, tmp_path, language) -> None:
    context = build_context(db_url=db_url, data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    texts = _window_texts(window)
    window._start(language)
    state = window.controller.state
    context.intake.confirm_trust(state.id)
    for card in context.intake.flow.cards():
        window.controller.apply(lambda s, sid, c=card.id: s.go_to(sid, c))
        window.intake_view.client.show_card(card, (), window.intake_view.client.phases)
        QApplication.processEvents()
        texts += _window_texts(window)
    postponed = PhaseStatus.POSTPONED
    window.controller.apply(lambda s, sid: s.set_phase_status(sid, "today", postponed))
    texts += _window_texts(window)
    problems = {text[:60]: gone for text in set(texts) if (gone := missing(text))}
    assert problems == {}
    context.close()
