"""The client view's comfort row and reading aids (a mixin of ClientView).

"Pauze", "Herhaal" and "Zeg ik liever niet" (INT-12) are always in the same place and
always work, whatever the card; "Herhaal" reads the card aloud where a voice speaks the
client's language, and the glossary words of the card open their explanation in the
client's language. Kept apart from ui/client_view.py (the question and what an answer
means) and ui/option_grid.py (the answer cards) because these are the client's ways to
slow down, hear again or not answer, and belong to no single card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from intake_app.content.glossary import Glossary
from intake_app.core.flow import Card
from intake_app.i18n.client_texts import DECLINE
from intake_app.i18n.translator import Translator
from intake_app.ui import pictograms
from intake_app.ui.glossary_view import GlossaryDialog, GlossaryLinks
from intake_app.ui.read_aloud import ReadAloudButton
from intake_app.ui.widgets import named

# A mixin of a QWidget: mypy checks it as one, at run time it is a plain class.
if TYPE_CHECKING:
    _ViewBase = QWidget
else:
    _ViewBase = object

COMFORT_ICON = 32


class ClientComfort(_ViewBase):
    """ClientView provides the attributes and signals below."""

    card: Card | None
    paused: bool
    tr_client: Translator

    if TYPE_CHECKING:
        declined = Signal(str)
        repeat_requested = Signal(str)

        def retranslate_ui(self) -> None: ...

    # -- building -----------------------------------------------------------------------
    def _build_reading_aids(self, translator: Translator, glossary: Glossary | None) -> None:
        # Read aloud where a voice speaks the client's language (hidden otherwise), and the
        # glossary words this card uses, explained in the client's language.
        self.glossary_dialog: GlossaryDialog | None = None
        self.read_aloud = ReadAloudButton(translator)
        self.glossary = glossary
        self.glossary_links = GlossaryLinks(glossary or Glossary(()), translator)
        self.glossary_links.hide()
        self.glossary_links.term_requested.connect(self.open_glossary)

    def _build_comfort_row(self) -> None:
        self.pause_button = named(QPushButton(), "ComfortButton")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.repeat_button = named(QPushButton(), "ComfortButton")
        self.repeat_button.clicked.connect(self._repeat)
        self.decline_button = named(QPushButton(), "ComfortButton")
        self.decline_button.clicked.connect(self._decline)
        comfort_pictograms: dict[QPushButton, str] = {
            self.pause_button: "2615",  # hot beverage
            self.repeat_button: "1F501",  # repeat arrows
            self.decline_button: "1F910",  # zipped mouth
        }
        for button, code in comfort_pictograms.items():
            button.setIcon(pictograms.icon(code, COMFORT_ICON))
            button.setIconSize(QSize(COMFORT_ICON, COMFORT_ICON))

    # -- showing ------------------------------------------------------------------------
    def _show_glossary_words(self, card: Card | None, *labels: str) -> None:
        if self.glossary is not None and card is not None:
            self.glossary_links.show_text(card.title, card.explanation, *labels)
        else:
            self.glossary_links.hide()

    def _retranslate_comfort(self, client: Translator) -> None:
        self.pause_button.setText(
            client.gettext("Verder") if self.paused else client.gettext("Pauze")
        )
        self.repeat_button.setText(client.gettext("Herhaal"))
        self.decline_button.setText(client.gettext(DECLINE))

    # -- actions ------------------------------------------------------------------------
    def open_glossary(self, entry_id: str) -> None:
        if self.glossary is None:
            return
        dialog = GlossaryDialog(self.glossary, self.tr_client, self, self.read_aloud.reader)
        dialog.show_entry(entry_id)
        dialog.open()
        self.glossary_dialog = dialog

    def _decline(self) -> None:
        if self.card is not None:
            self.declined.emit(self.card.id)

    def _repeat(self) -> None:
        """Show the card again from the start, and read it aloud where a voice exists."""
        if self.card is not None:
            self.paused = False
            self.retranslate_ui()
            if self.read_aloud.has_voice:
                self.read_aloud.read()
            self.repeat_requested.emit(self.card.id)

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self.retranslate_ui()
