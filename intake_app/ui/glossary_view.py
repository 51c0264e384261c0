"""The glossary of debt words for the client: pictogram, word and a plain explanation.

``GlossaryDialog`` lists every word and shows one; ``GlossaryLinks`` is a row of small buttons
for the words a card text uses (``Glossary.find_terms``), each opening the dialog at that word.
A word without a translation shows the Dutch text with its pictogram, never an empty page.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.content.glossary import Glossary, GlossaryEntry
from intake_app.i18n.direction import in_reading_direction
from intake_app.i18n.languages import SOURCE_LANGUAGE
from intake_app.i18n.translator import Translator
from intake_app.ui import pictograms
from intake_app.ui.read_aloud import ReadAloud, ReadAloudButton
from intake_app.ui.widgets import named

ENTRY_PICTOGRAM = 128
LIST_PICTOGRAM = 40


def _direction(translator: Translator) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if translator.rtl else Qt.LayoutDirection.LeftToRight


class GlossaryDialog(QDialog):
    def __init__(
        self,
        glossary: Glossary,
        translator: Translator,
        parent: QWidget | None = None,
        reader: ReadAloud | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("GlossaryDialog")
        self.glossary = glossary
        self.tr_client = translator
        self.current: GlossaryEntry | None = None

        self.words = named(QListWidget(), "GlossaryList")
        self.words.setIconSize(QSize(LIST_PICTOGRAM, LIST_PICTOGRAM))
        self.words.setFixedWidth(330)
        self.words.setWordWrap(True)
        self.words.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.words.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.words.currentRowChanged.connect(self._row_changed)
        self.pictogram = QLabel()
        self.pictogram.setFixedSize(ENTRY_PICTOGRAM, ENTRY_PICTOGRAM)
        self.title = named(QLabel(), "GlossaryTitle", wrap=True)
        self.dutch_word = named(QLabel(), "DutchWord")
        self.explanation = named(QLabel(), "GlossaryExplanation", wrap=True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.read_aloud = ReadAloudButton(translator, reader or ReadAloud(parent=self))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        head = QHBoxLayout()
        head.addWidget(self.pictogram)
        head.addSpacing(12)
        titles = QVBoxLayout()
        titles.addStretch(1)
        titles.addWidget(self.title)
        titles.addWidget(self.dutch_word)
        titles.addStretch(1)
        head.addLayout(titles, 1)
        detail = QVBoxLayout()
        detail.setSpacing(16)
        detail.addLayout(head)
        detail.addWidget(self.explanation)
        detail.addStretch(1)
        detail.addWidget(self.read_aloud, 0, Qt.AlignmentFlag.AlignLeading)
        body = QHBoxLayout()
        body.setSpacing(24)
        body.addWidget(self.words)
        body.addLayout(detail, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 520)
        self._fill_list()
        self.set_translator(translator)
        if glossary.entries:
            self.show_entry(glossary.entries[0].id)

    def _fill_list(self) -> None:
        self.words.clear()
        for entry in self.glossary.entries:
            item = QListWidgetItem(pictograms.icon(entry.pictogram, LIST_PICTOGRAM), "")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setSizeHint(QSize(0, 56))
            self.words.addItem(item)

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.glossary.entries):
            self.current = self.glossary.entries[row]
            self._show_current()

    def show_entry(self, entry_id: str) -> None:
        ids = [entry.id for entry in self.glossary.entries]
        self.words.setCurrentRow(ids.index(entry_id))
        self.current = self.glossary.entry(entry_id)
        self._show_current()

    def set_translator(self, translator: Translator) -> None:
        self.tr_client = translator
        self.setLayoutDirection(_direction(translator))
        self.read_aloud.set_translator(translator)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        t = self.tr_client
        self.setWindowTitle(t.gettext("Moeilijke woorden"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(t.gettext("Sluiten"))
        for row, entry in enumerate(self.glossary.entries):
            item = self.words.item(row)
            if item is not None:
                # The list shows the word itself; an explanation in brackets only in the detail.
                title = t.gettext(entry.title)
                short = title.split(" (", 1)[0] if " (" in title else title
                item.setText(in_reading_direction(short, t.rtl))
                item.setToolTip(in_reading_direction(title, t.rtl))
        self._show_current()

    def _show_current(self) -> None:
        entry = self.current
        if entry is None:
            return
        t = self.tr_client
        self.pictogram.setPixmap(pictograms.pixmap(entry.pictogram, ENTRY_PICTOGRAM))
        # Direction from the language: "CJIB (…)" in Arabic still reads right to left.
        self.title.setText(in_reading_direction(t.gettext(entry.title), t.rtl))
        # The Dutch word as the client will hear and read it on letters.
        show_dutch = t.code != SOURCE_LANGUAGE and t.gettext(entry.title) != entry.title
        self.dutch_word.setText(t.format("In het Nederlands: {word}", word=entry.title))
        self.dutch_word.setVisible(show_dutch)
        self.explanation.setText(in_reading_direction(t.gettext(entry.explanation), t.rtl))
        self.read_aloud.set_text(f"{t.gettext(entry.title)}. {t.gettext(entry.explanation)}")


class GlossaryLinks(QWidget):
    """Buttons for the glossary words in a (Dutch) card text; emits the chosen entry id."""

    term_requested = Signal(str)

    def __init__(self, glossary: Glossary, translator: Translator) -> None:
        super().__init__()
        self.setObjectName("GlossaryLinks")
        self.glossary = glossary
        self.tr_client = translator
        self.entries: list[GlossaryEntry] = []
        self.buttons: dict[str, QToolButton] = {}
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addStretch(1)

    def show_text(self, *dutch_texts: str) -> list[str]:
        """Offer the glossary words found in these Dutch msgids; returns their ids."""
        found: dict[str, GlossaryEntry] = {}
        for text in dutch_texts:
            for entry in self.glossary.find_terms(text):
                found.setdefault(entry.id, entry)
        self.entries = list(found.values())
        for button in self.buttons.values():
            self.row.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for index, entry in enumerate(self.entries):
            button = named(QToolButton(), "GlossaryLink")
            button.setIcon(pictograms.icon(entry.pictogram, 32))
            button.setIconSize(QSize(32, 32))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setMinimumHeight(44)
            button.clicked.connect(lambda _=False, e=entry.id: self.term_requested.emit(e))
            self.row.insertWidget(index, button)
            self.buttons[entry.id] = button
        self.setVisible(bool(self.entries))
        self.retranslate_ui()
        return [entry.id for entry in self.entries]

    def set_translator(self, translator: Translator) -> None:
        self.tr_client = translator
        self.setLayoutDirection(_direction(translator))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for entry in self.entries:
            title = self.tr_client.gettext(entry.title)
            self.buttons[entry.id].setText(in_reading_direction(title, self.tr_client.rtl))
            self.buttons[entry.id].setToolTip(self.tr_client.gettext("Wat betekent dit woord?"))
