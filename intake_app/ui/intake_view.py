"""The intake screen: the client's card view and, beside it, the counsellor's panel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.flow import Card, Flow
from intake_app.i18n.translator import Translator, Translators
from intake_app.services.dto import SessionState
from intake_app.ui import pictograms
from intake_app.ui.controller import IntakeController
from intake_app.ui.widgets import named

CARD_PICTOGRAM = 96
OPTION_PICTOGRAM = 96
OPTIONS_PER_ROW = 4


class ClientView(QWidget):
    """What the client looks at: one question, big pictogram cards, in their language."""

    option_chosen = Signal(str, str)  # card id, option id
    declined = Signal(str)  # card id

    def __init__(self, flow: Flow, translator: Translator) -> None:
        super().__init__()
        self.setObjectName("ClientView")
        self.flow = flow
        self.tr_client = translator
        self.card: Card | None = None
        self.selected: tuple[str, ...] = ()
        self.paused = False

        self.phase_title = named(QLabel(), "PhaseTitle")
        self.card_pictogram = QLabel()
        self.card_pictogram.setFixedSize(CARD_PICTOGRAM, CARD_PICTOGRAM)
        self.card_title = named(QLabel(), "CardTitle", wrap=True)
        self.card_title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.explanation = named(QLabel(), "CardExplanation", wrap=True)
        self.options_grid = QGridLayout()
        self.options_grid.setSpacing(16)
        for column in range(OPTIONS_PER_ROW):
            self.options_grid.setColumnStretch(column, 1)
        self.option_buttons: dict[str, QToolButton] = {}

        self.pause_button = named(QPushButton(), "ComfortButton")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.decline_button = named(QPushButton(), "ComfortButton")
        self.decline_button.clicked.connect(self._decline)

        header = QHBoxLayout()
        header.addWidget(self.card_pictogram)
        header.addWidget(self.card_title, 1)
        comfort = QHBoxLayout()
        comfort.addWidget(self.pause_button)
        comfort.addStretch(1)
        comfort.addWidget(self.decline_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(self.phase_title)
        layout.addLayout(header)
        layout.addWidget(self.explanation)
        layout.addSpacing(8)
        layout.addLayout(self.options_grid)
        layout.addStretch(1)
        layout.addLayout(comfort)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Digits pick the n-th card, so a client can answer by saying a number.
        key = event.key()
        if Qt.Key.Key_1.value <= key <= Qt.Key.Key_9.value and not event.modifiers():
            self._choose_by_number(key - Qt.Key.Key_0.value)
            return
        super().keyPressEvent(event)

    # -- showing ----------------------------------------------------------------------
    def set_translator(self, translator: Translator) -> None:
        self.tr_client = translator
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if translator.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.retranslate_ui()

    def show_card(self, card: Card | None, selected: tuple[str, ...] = ()) -> None:
        self.card = card
        self.selected = selected
        self.paused = False
        self._rebuild_options()
        self.retranslate_ui()

    def _rebuild_options(self) -> None:
        while self.options_grid.count():
            item = self.options_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.option_buttons = {}
        if self.card is None:
            return
        for index, option in enumerate(self.card.options):
            button = named(QToolButton(), "OptionCard")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setIcon(pictograms.icon(option.pictogram, OPTION_PICTOGRAM))
            button.setIconSize(QSize(OPTION_PICTOGRAM, OPTION_PICTOGRAM))
            button.setCheckable(True)
            button.setChecked(option.id in self.selected)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, o=option.id: self._choose(o))
            row, column = divmod(index, OPTIONS_PER_ROW)
            self.options_grid.addWidget(button, row, column)
            self.option_buttons[option.id] = button

    def retranslate_ui(self) -> None:
        t = self.tr_client
        self.pause_button.setText(t.gettext("Verder") if self.paused else t.gettext("Pauze"))
        self.decline_button.setText(t.gettext("Liever niet"))
        card = self.card
        if card is None:
            self.phase_title.setText("")
            self.card_pictogram.setPixmap(pictograms.pixmap("1F91D", CARD_PICTOGRAM))
            self.card_title.setText(t.gettext("Dank u wel. Alles is bewaard."))
            self.explanation.setText("")
            self.decline_button.setEnabled(False)
            return
        self.decline_button.setEnabled(True)
        phase = next(p for p in self.flow.phases if p.id == card.phase)
        self.phase_title.setText(t.gettext(phase.title))
        if self.paused:
            self.card_pictogram.setPixmap(pictograms.pixmap("2615", CARD_PICTOGRAM))
            self.card_title.setText(t.gettext("Even pauze. Neem de tijd."))
            self.explanation.setText("")
        else:
            self.card_pictogram.setPixmap(pictograms.pixmap(card.pictogram, CARD_PICTOGRAM))
            self.card_title.setText(t.gettext(card.title))
            self.explanation.setText(t.gettext(card.explanation))
        for option in card.options:
            button = self.option_buttons[option.id]
            button.setText(t.gettext(option.label))
            button.setVisible(not self.paused)

    # -- input ------------------------------------------------------------------------
    def _choose(self, option_id: str) -> None:
        if self.card is not None and not self.paused:
            self.option_chosen.emit(self.card.id, option_id)

    def _choose_by_number(self, number: int) -> None:
        if self.card is not None and number <= len(self.card.options):
            self._choose(self.card.options[number - 1].id)

    def _decline(self) -> None:
        if self.card is not None:
            self.declined.emit(self.card.id)

    def toggle_pause(self) -> None:
        self.paused = not self.paused
        self.retranslate_ui()


class CounsellorPanel(QWidget):
    """Dutch, compact: the session code, the tip for this card, printing and navigation."""

    print_requested = Signal()
    back_requested = Signal()

    def __init__(self, translator: Translator) -> None:
        super().__init__()
        self.setObjectName("CounsellorPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFixedWidth(340)
        self.tr_ui = translator
        self.card: Card | None = None
        self.code = ""
        self.session_label = named(QLabel(), "PanelHeading")
        self.tip_heading = named(QLabel(), "PanelHeading")
        self.tip = named(QLabel(), "Tip", wrap=True)
        self.tip.setTextFormat(Qt.TextFormat.PlainText)
        self.print_button = named(QPushButton(), "Primary")
        self.print_button.clicked.connect(self.print_requested)
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 20, 16, 20)
        layout.addWidget(self.session_label)
        layout.addSpacing(12)
        layout.addWidget(self.tip_heading)
        layout.addWidget(self.tip)
        layout.addStretch(1)
        layout.addWidget(self.print_button)
        layout.addWidget(self.back_button)

    def show_state(self, code: str, card: Card | None) -> None:
        self.code = code
        self.card = card
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.session_label.setText(t.format("Gesprek {code}", code=self.code))
        self.tip_heading.setText(t.gettext("Tip voor u"))
        tip = self.card.counsellor_tip if self.card else ""
        self.tip.setText(t.gettext(tip) if tip else t.gettext("Geen tip bij deze stap."))
        self.print_button.setText(t.gettext("Afdrukken"))
        self.back_button.setText(t.gettext("Naar het overzicht"))


class IntakeView(QWidget):
    closed = Signal()

    def __init__(
        self, controller: IntakeController, flow: Flow, translators: Translators, ui: Translator
    ) -> None:
        super().__init__()
        self.controller = controller
        self.flow = flow
        self.translators = translators
        self.tr_ui = ui
        self.client = ClientView(flow, translators.dutch())
        self.panel = CounsellorPanel(ui)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.client, 1)
        layout.addWidget(self.panel)

        self.client.option_chosen.connect(lambda card, option: controller.answer(card, [option]))
        self.client.declined.connect(controller.decline)
        self.panel.print_requested.connect(self.ask_and_print)
        self.panel.back_requested.connect(self.closed)
        controller.session_changed.connect(self.show_state)
        hide_panel = QShortcut(QKeySequence("Ctrl+H"), self)
        hide_panel.activated.connect(lambda: self.panel.setVisible(not self.panel.isVisible()))

    def show_state(self, state: SessionState) -> None:
        if self.client.tr_client.code != state.client_language:
            self.client.set_translator(self.translators.get(state.client_language))
        card = self.flow.card(state.current_card) if state.current_card else None
        answer = state.answer(card.id) if card else None
        self.client.show_card(card, answer.values if answer else ())
        self.panel.show_state(state.code, card)

    def retranslate_ui(self) -> None:
        self.client.retranslate_ui()
        self.panel.retranslate_ui()

    def ask_save_path(self, suggested: Path) -> Path | None:
        """Ask where to save the PDF (tests replace this)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr_ui.gettext("Samenvatting opslaan"), str(suggested), "PDF (*.pdf)"
        )
        return Path(name) if name else None

    def ask_and_print(self) -> None:
        state = self.controller.state
        if state is None:
            return
        target = self.ask_save_path(Path.home() / f"samenvatting-{state.code}.pdf")
        if target is not None:
            self.controller.print_summary(target)
