"""An amount field: the strict parser, an inline message, and asking back when in doubt.

``12.50`` is not silently read as 1250 cents or as 12 euro 50: the field asks
"Bedoelt u € 12,50?" with Yes/No buttons. Nothing typed is thrown away on an error.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from intake_app.i18n.amounts import MAX_LENGTH, Amount, AmountError, AskBack, parse_amount
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import Translator
from intake_app.ui.widgets import named


class AmountInput(QWidget):
    """``cents`` is the confirmed amount, or None while empty, wrong or not yet confirmed."""

    amount_changed = Signal(object)  # int cents, or None when cleared

    def __init__(self, translator: Translator) -> None:
        super().__init__()
        self.setObjectName("AmountInput")
        self.tr_client = translator
        self.cents: int | None = None
        self.pending: AskBack | None = None
        self.error: AmountError | None = None

        self.edit = named(QLineEdit(), "AmountEdit")
        self.edit.setMaxLength(MAX_LENGTH)
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.edit.editingFinished.connect(self.commit)
        self.edit.textEdited.connect(self._edited)
        self.message = named(QLabel(), "AmountMessage", wrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.yes = QPushButton()
        self.yes.clicked.connect(self.confirm)
        self.no = QPushButton()
        self.no.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.yes)
        buttons.addWidget(self.no)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.set_translator(translator)

    # -- input ------------------------------------------------------------------------
    def _edited(self, _text: str) -> None:
        self.pending = None
        self.error = None
        self._show()

    def commit(self) -> int | None:
        """Parse what is typed; store it, ask back, or show why it cannot be used."""
        self.pending = None
        self.error = None
        if not self.edit.text().strip():
            self._set(None)
            self._show()
            return None
        try:
            result = parse_amount(self.edit.text())
        except AmountError as exc:
            self.error = exc
        else:
            if isinstance(result, Amount):
                self._set(result.cents)
                self.edit.setText(self._money(result.cents))
            else:
                self.pending = result
        self._show()
        return self.cents

    def confirm(self) -> None:
        """Yes: the asked-back amount is what was meant."""
        if self.pending is not None:
            cents = self.pending.cents
            self.pending = None
            self._set(cents)
            self.edit.setText(self._money(cents))
        self._show()

    def reject(self) -> None:
        """No: keep the text so it can be corrected, store nothing."""
        self.pending = None
        self.error = None
        self._show()
        self.edit.setFocus()
        self.edit.selectAll()

    def set_cents(self, cents: int | None) -> None:
        self.pending = None
        self.error = None
        self._set(cents)
        self.edit.setText("" if cents is None else self._money(cents))
        self._show()

    def _set(self, cents: int | None) -> None:
        if cents != self.cents:
            self.cents = cents
            self.amount_changed.emit(cents)

    # -- showing ----------------------------------------------------------------------
    @staticmethod
    def _money(cents: int) -> str:
        # Dutch writing in the field and the question: it is the writing the parser reads
        # back, and the one on Dutch letters and bills the client brings.
        return Formatter("nl").money(cents)

    def set_translator(self, translator: Translator) -> None:
        self.tr_client = translator
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if translator.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._show()

    def _show(self) -> None:
        t = self.tr_client
        self.edit.setPlaceholderText(t.gettext("Bedrag in euro"))
        self.yes.setText(t.gettext("Ja"))
        self.no.setText(t.gettext("Nee"))
        asking = self.pending is not None
        self.yes.setVisible(asking)
        self.no.setVisible(asking)
        if self.pending is not None:
            money = self._money(self.pending.cents)
            if t.rtl:  # keep "€ 12,50" in one piece inside a right-to-left sentence
                money = f"\u2068{money}\u2069"
            text = t.format(self.pending.question, amount=money)
        elif self.error is not None:
            text = self.error.render(t.gettext)
        else:
            text = ""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setProperty("error", self.error is not None)
        self.message.style().polish(self.message)
