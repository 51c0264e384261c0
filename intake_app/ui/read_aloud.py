"""Read a card aloud with QtTextToSpeech, where a voice exists for the client's language.

``QTextToSpeech.setLocale`` silently keeps the old locale when no voice exists, so the locale
is checked after setting it; without a voice (or without a working engine) the button hides.
Tests use Qt's ``mock`` engine, which only speaks a few languages (en, nb, nn, fi).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QToolButton, QWidget

from intake_app.i18n.languages import language
from intake_app.i18n.translator import Translator
from intake_app.ui import pictograms
from intake_app.ui.widgets import named

SPEAKER = "1F50A"  # speaker with sound waves


class ReadAloud:
    """One speech engine; ``use_language`` says whether there is a voice for a language."""

    def __init__(self, engine: str | None = None, parent: QWidget | None = None) -> None:
        self.tts = QTextToSpeech(engine, parent) if engine else QTextToSpeech(parent)
        self.code: str | None = None

    @property
    def working(self) -> bool:
        return self.tts.state() != QTextToSpeech.State.Error

    def use_language(self, code: str) -> bool:
        """Switch to ``code``'s voice; False if the engine has none (it then stays silent)."""
        self.code = None
        if not self.working:
            return False
        wanted = QLocale(language(code).babel_locale)
        self.tts.setLocale(wanted)
        if self.tts.locale().language() != wanted.language():
            return False  # setLocale kept the old locale: no voice for this language
        self.code = code
        return True

    def speak(self, text: str) -> bool:
        if self.code is None or not text.strip():
            return False
        self.tts.stop()
        self.tts.say(text)
        return True

    def stop(self) -> None:
        self.tts.stop()


class ReadAloudButton(QToolButton):
    """A speaker button for the client card; hidden when no voice speaks the language.

    The card sets the text to read with ``set_text`` (already in the client's language).
    """

    def __init__(self, translator: Translator, reader: ReadAloud | None = None) -> None:
        super().__init__()
        named(self, "ReadAloud")
        self.reader = reader or ReadAloud(parent=self)
        self.text_to_read = ""
        self.setIcon(pictograms.icon(SPEAKER, 48))
        self.setIconSize(QSize(48, 48))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setMinimumHeight(44)
        self.clicked.connect(self.read)
        self.tr_client = translator
        self.set_translator(translator)

    @property
    def has_voice(self) -> bool:
        return self.reader.code is not None

    def set_translator(self, translator: Translator) -> None:
        self.tr_client = translator
        # setVisible(False) on a widget never shown keeps it hidden when its parent shows.
        self.setHidden(not self.reader.use_language(translator.code))
        self.retranslate_ui()

    def set_text(self, text: str) -> None:
        self.text_to_read = text

    def read(self) -> bool:
        return self.reader.speak(self.text_to_read)

    def retranslate_ui(self) -> None:
        label = self.tr_client.gettext("Voorlezen")
        self.setText(label)
        self.setToolTip(label)
        self.setAccessibleName(label)
