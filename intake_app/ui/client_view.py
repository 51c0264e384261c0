"""What the client looks at: one question, big pictogram cards, in their own language.

Calm by design (design.md section 2): a quiet row of phase pictograms instead of a
percentage, "Pauze", "Herhaal" and "Liever niet" always in the same place, RTL for
Arabic and Dari. Digits 1-9 choose a card so a client can answer by saying a number.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QEvent, QLocale, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.content.glossary import Glossary
from intake_app.core.engine import PhaseState, PhaseView
from intake_app.core.flow import AnswerKind, Card, Flow, Option, RecordKind
from intake_app.i18n.translator import N_, Translator
from intake_app.ui import pictograms
from intake_app.ui.accessibility import announce, no_tab_stop, plain, set_name, tab_chain
from intake_app.ui.glossary_view import GlossaryDialog, GlossaryLinks
from intake_app.ui.read_aloud import ReadAloudButton
from intake_app.ui.widgets import named

CARD_PICTOGRAM = 96
OPTION_PICTOGRAM = 96  # design.md section 2: card pictograms of at least 96 px
PROGRESS_PICTOGRAM = 28
OPTIONS_PER_ROW = 4
COMPACT_PER_ROW = 6  # more than eight cards: smaller, six to a row, so all fit at 768 px
COMPACT_PICTOGRAM = 64
LABEL_WIDTH = 18  # characters per line under a pictogram
COMPACT_LABEL_WIDTH = 12


# Phase status in words for the progress pictograms (screen readers, tooltips).
PHASE_STATUS = {
    PhaseView.OPEN: N_("open"),
    PhaseView.DONE: N_("afgerond"),
    PhaseView.SKIPPED: N_("overgeslagen"),
    PhaseView.POSTPONED: N_("uitgesteld"),
    PhaseView.LOCKED: N_("op slot"),
}


def wrap_label(text: str, width: int = LABEL_WIDTH) -> str:
    """Break a card label over lines: a tool button elides instead of wrapping."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


class ClientView(QWidget):
    option_chosen = Signal(str, list)  # card id, option ids
    declined = Signal(str)  # card id
    next_requested = Signal()
    repeat_requested = Signal(str)  # card id: show again, read aloud where possible

    def __init__(
        self,
        flow: Flow,
        translator: Translator,
        dutch: Translator,
        glossary: Glossary | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("ClientView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.flow = flow
        self.tr_client = translator
        self.tr_dutch = dutch
        self.card: Card | None = None
        self.selected: list[str] = []
        self.paused = False
        self.phases: tuple[PhaseState, ...] = ()
        self.glossary_dialog: GlossaryDialog | None = None

        self.progress = QHBoxLayout()
        self.progress.setSpacing(6)
        self.progress_icons: dict[str, QLabel] = {}
        self.counsellor_banner = named(QLabel(), "CounsellorBanner", wrap=True)
        self.phase_title = named(QLabel(), "PhaseTitle")
        self.card_pictogram = QLabel()
        self.card_pictogram.setFixedSize(CARD_PICTOGRAM, CARD_PICTOGRAM)
        self.card_title = named(QLabel(), "CardTitle", wrap=True)
        # The question takes focus when a card changes (a screen reader reads it out), but is
        # no Tab stop of its own: Tab goes on to the options.
        self.card_title.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.card_title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.explanation = named(QLabel(), "CardExplanation", wrap=True)
        # Read aloud where a voice speaks the client's language (hidden otherwise), and the
        # glossary words this card uses, explained in the client's language.
        self.read_aloud = ReadAloudButton(translator)
        self.glossary = glossary
        self.glossary_links = GlossaryLinks(glossary or Glossary(()), translator)
        self.glossary_links.hide()
        self.glossary_links.term_requested.connect(self.open_glossary)
        # The cards sit in a scroll area: on a short screen they scroll, never overlap the
        # "Pauze" / "Herhaal" / "Liever niet" row.
        self.options_area = QScrollArea()
        self.options_area.setObjectName("OptionsArea")
        self.options_area.setWidgetResizable(True)
        self.options_area.setFrameShape(QFrame.Shape.NoFrame)
        self.options_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        no_tab_stop(self.options_area)
        options_widget = QWidget()
        options_widget.setObjectName("OptionsWidget")
        self.options_area.setWidget(options_widget)
        options_column = QVBoxLayout(options_widget)
        options_column.setContentsMargins(0, 0, 0, 0)
        self.options_grid = QGridLayout()
        options_column.addLayout(self.options_grid)
        options_column.addStretch(1)
        self.options_grid.setSpacing(14)
        for column in range(COMPACT_PER_ROW):
            self.options_grid.setColumnStretch(column, 1)
        self.option_buttons: dict[str, QToolButton] = {}
        self._pool: list[QToolButton] = []
        self._arrows = _ArrowKeys(self)
        self._compact = False
        self.done_button = named(QPushButton(), "Primary")
        self.done_button.setMinimumHeight(48)
        self.done_button.clicked.connect(self._confirm)

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
            button.setIcon(pictograms.icon(code, 32))
            button.setIconSize(QSize(32, 32))

        header = QHBoxLayout()
        header.addWidget(self.card_pictogram)
        header.addWidget(self.card_title, 1)
        header.addWidget(self.read_aloud)
        comfort = QHBoxLayout()
        comfort.addWidget(self.pause_button)
        comfort.addWidget(self.repeat_button)
        comfort.addStretch(1)
        comfort.addWidget(self.decline_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(12)
        layout.addLayout(self.progress)
        layout.addWidget(self.counsellor_banner)
        layout.addWidget(self.phase_title)
        layout.addLayout(header)
        layout.addWidget(self.explanation)
        layout.addWidget(self.glossary_links)
        layout.addWidget(self.options_area, 1)
        layout.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addLayout(comfort)
        # A click on the card gives it the digit keys; Tab never stops on the card itself.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._build_progress()

    # -- showing ----------------------------------------------------------------------
    def set_translator(self, translator: Translator) -> None:
        self.tr_client = translator
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if translator.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.read_aloud.set_translator(translator)
        self.glossary_links.set_translator(translator)
        self.retranslate_ui()

    def open_glossary(self, entry_id: str) -> None:
        if self.glossary is None:
            return
        dialog = GlossaryDialog(self.glossary, self.tr_client, self, self.read_aloud.reader)
        dialog.show_entry(entry_id)
        dialog.open()
        self.glossary_dialog = dialog

    def _build_progress(self) -> None:
        for phase in self.flow.phases:
            if phase.counsellor_only:
                continue
            icon = QLabel()
            icon.setPixmap(pictograms.pixmap(phase.pictogram, PROGRESS_PICTOGRAM))
            icon.setFixedSize(PROGRESS_PICTOGRAM + 8, PROGRESS_PICTOGRAM + 8)
            icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.progress.addWidget(icon)
            self.progress_icons[phase.id] = icon
        self.progress.addStretch(1)

    def show_card(
        self, card: Card | None, selected: tuple[str, ...] = (), phases: tuple[PhaseState, ...] = ()
    ) -> None:
        rebuild = card is None or self.card is None or card.id != self.card.id
        self.card = card
        self.selected = list(selected)
        self.phases = phases or self.phases
        self.paused = False
        if rebuild:
            self._rebuild_options()
            if self.glossary is not None and card is not None:
                labels = (option.label for option in self._shown_options())
                self.glossary_links.show_text(card.title, card.explanation, *labels)
            else:
                self.glossary_links.hide()
        self.retranslate_ui()
        if rebuild:
            self._update_tab_order()
            self._show_question()

    def _rebuild_options(self) -> None:
        # Buttons are pooled and reused: creating and styling widgets is what makes a step slow.
        self.option_buttons = {}
        options = self._shown_options()
        compact = len(options) > 2 * OPTIONS_PER_ROW
        self._compact = compact
        per_row = COMPACT_PER_ROW if compact else OPTIONS_PER_ROW
        size = COMPACT_PICTOGRAM if compact else OPTION_PICTOGRAM
        while len(self._pool) < len(options):
            self._pool.append(self._new_option_button(len(self._pool)))
        multi = self.card is not None and self.card.kind is AnswerKind.MULTI
        for index, button in enumerate(self._pool):
            if index < len(options):
                option = options[index]
                if button.isCheckable() != multi:
                    button.setChecked(False)
                    button.setCheckable(multi)
                button.setIcon(pictograms.icon(option.pictogram, size))
                button.setIconSize(QSize(size, size))
                if button.property("compact") != compact:
                    button.setProperty("compact", compact)
                    button.style().unpolish(button)
                    button.style().polish(button)
                row, column = divmod(index, per_row)
                self.options_grid.addWidget(button, row, column)
                self.option_buttons[option.id] = button
            button.setVisible(index < len(options))
        # Empty columns take no room when there are only four to a row.
        for column in range(COMPACT_PER_ROW):
            self.options_grid.setColumnStretch(column, 1 if column < per_row else 0)

    def _update_tab_order(self) -> None:
        """The task's order: the options, "Klaar", then reading aids, then the comfort row."""
        chain: list[QWidget] = [self.card_title, *self.option_buttons.values(), self.done_button]
        chain += [self.read_aloud, *self.glossary_links.buttons.values()]
        chain += [self.pause_button, self.repeat_button, self.decline_button]
        tab_chain(chain)

    def focus_question(self) -> None:
        """Focus on the question, so a screen reader reads it (after unlock, on start)."""
        self.card_title.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_question(self) -> None:
        """A new card: focus its question when the client side had focus, and announce it."""
        focused = QApplication.focusWidget()
        ours = focused is None or not focused.isVisible() or self.isAncestorOf(focused)
        if ours and self.isVisible():
            self.focus_question()
        announce(self.card_title, self._question_text())

    def _question_text(self) -> str:
        return " ".join(part for part in (self.card_title.text(), self.explanation.text()) if part)

    def _shown_options(self) -> tuple[Option, ...]:
        """The card's options; on the provisions card, the provisions as cards to look at."""
        card = self.card
        if card is None:
            return ()
        if card.records is RecordKind.PROVISIONS and not card.options:
            return tuple(Option(p.id, p.label, p.pictogram) for p in self.flow.provisions)
        return card.options

    def _new_option_button(self, index: int) -> QToolButton:
        button = named(QToolButton(), "OptionCard")
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        button.setIconSize(QSize(OPTION_PICTOGRAM, OPTION_PICTOGRAM))
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # One answer: a plain button, pressing it records the answer. Several answers: a
        # check box whose toggle (a click, Space, or AT's "Toggle" action) changes the set.
        button.clicked.connect(lambda _=False, i=index: self._pressed(i))
        button.toggled.connect(lambda on, i=index: self._toggled(i, on))
        button.installEventFilter(self._arrows)
        row, column = divmod(index, OPTIONS_PER_ROW)
        self.options_grid.addWidget(button, row, column)
        return button

    def _texts(self) -> Translator:
        """Counsellor-only cards stay in Dutch: the client is not meant to read them."""
        phase = self.flow.phase_of(self.card.id) if self.card else None
        return self.tr_dutch if phase is not None and phase.counsellor_only else self.tr_client

    def retranslate_ui(self) -> None:
        t = self._texts()
        client = self.tr_client
        # The language a screen reader should speak in (children inherit the locale).
        locale = QLocale(t.code.replace("-", "_"))
        if self.locale() != locale:
            self.setLocale(locale)
        self.pause_button.setText(
            client.gettext("Verder") if self.paused else client.gettext("Pauze")
        )
        self.repeat_button.setText(client.gettext("Herhaal"))
        self.decline_button.setText(client.gettext("Liever niet"))
        self._retranslate_progress()
        card = self.card
        if card is None:
            self.counsellor_banner.hide()
            self.phase_title.setText("")
            self.card_pictogram.setPixmap(pictograms.pixmap("1F91D", CARD_PICTOGRAM))
            set_name(self.card_pictogram, client.gettext("Plaatje bij de vraag"), "")
            self.card_title.setText(client.gettext("Dank u wel. Alles is bewaard."))
            self.explanation.setText("")
            self.done_button.hide()
            for button in (self.decline_button, self.repeat_button):
                button.setEnabled(False)
            return
        phase = self.flow.phase_of(card.id)
        self.counsellor_banner.setVisible(phase.counsellor_only)
        self.counsellor_banner.setText(
            self.tr_dutch.gettext(
                "Alleen voor de hulpverlener: vul dit in voor het gesprek begint."
            )
        )
        for button in (self.decline_button, self.repeat_button):
            button.setEnabled(True)
        self.phase_title.setText(t.gettext(phase.title))
        if self.paused:
            self.card_pictogram.setPixmap(pictograms.pixmap("2615", CARD_PICTOGRAM))
            self.card_title.setText(client.gettext("Even pauze. Neem de tijd."))
            self.explanation.setText("")
        else:
            self.card_pictogram.setPixmap(pictograms.pixmap(card.pictogram, CARD_PICTOGRAM))
            # A picture that says what the question says: described, so it is not a riddle.
            set_name(self.card_pictogram, t.gettext("Plaatje bij de vraag"), t.gettext(card.title))
            self.card_title.setText(t.gettext(card.title))
            self.explanation.setText(t.gettext(card.explanation))
            self.explanation.setVisible(bool(card.explanation))
            self.read_aloud.set_text(f"{t.gettext(card.title)} {t.gettext(card.explanation)}")
        for number, option in enumerate(self._shown_options(), start=1):
            option_button = self.option_buttons[option.id]
            width = COMPACT_LABEL_WIDTH if self._compact else LABEL_WIDTH
            label = t.gettext(option.label)
            option_button.setText(wrap_label(label, width))
            # One answer: a button marked "chosen" (a property for the style sheet and words
            # for a screen reader); several answers: a check box that is checked.
            chosen = option.id in self.selected
            option_button.setChecked(option_button.isCheckable() and chosen)
            marked = chosen and not option_button.isCheckable()
            if option_button.property("chosen") != marked:
                option_button.setProperty("chosen", marked)
                option_button.style().unpolish(option_button)
                option_button.style().polish(option_button)
            # The name without the wrapping's line breaks; the digit that chooses it as a hint.
            hint = t.format("Toets {number}", number=number)
            if marked:
                hint = t.format("Gekozen. {hint}", hint=hint)
            set_name(option_button, plain(label), hint)
            option_button.setVisible(not self.paused)
        # One height for every card on the step, so a long label does not make a ragged grid.
        shown = list(self.option_buttons.values())
        for card_button in shown:
            card_button.setMinimumHeight(0)
            card_button.setMaximumHeight(16777215)
        tallest = max((b.sizeHint().height() for b in shown), default=0)
        for card_button in shown:
            card_button.setFixedHeight(tallest)
        self.done_button.setVisible(
            not self.paused and card.kind in (AnswerKind.INFO, AnswerKind.MULTI)
        )
        self.done_button.setText(client.gettext("Verder") if card.kind is AnswerKind.INFO
                                 else client.gettext("Klaar"))  # fmt: skip
        self.done_button.setEnabled(card.kind is AnswerKind.INFO or bool(self.selected))

    def _retranslate_progress(self) -> None:
        current_phase = self.flow.phase_of(self.card.id).id if self.card else None
        views = {state.phase.id: state.view for state in self.phases}
        client = self.tr_client
        for phase_id, icon in self.progress_icons.items():
            view = views.get(phase_id, PhaseView.OPEN)
            icon.setProperty("current", phase_id == current_phase)
            icon.setProperty("done", view is PhaseView.DONE)
            icon.setEnabled(view not in (PhaseView.LOCKED, PhaseView.SKIPPED, PhaseView.POSTPONED))
            title = client.gettext(self.flow.phase(phase_id).title)
            icon.setToolTip(title)
            status = client.gettext(PHASE_STATUS[view])
            if phase_id == current_phase:
                status = client.gettext("nu bezig")
            set_name(icon, client.format("{phase}: {status}", phase=title, status=status))
            icon.style().unpolish(icon)
            icon.style().polish(icon)

    # -- input ------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1.value <= key <= Qt.Key.Key_9.value and not event.modifiers():
            self._choose_by_number(key - Qt.Key.Key_0.value)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.done_button.isVisible():
            self._confirm()
            return
        if key == Qt.Key.Key_Escape:
            self.toggle_pause()
            return
        super().keyPressEvent(event)

    def _choose(self, option_id: str) -> None:
        card = self.card
        if card is None or self.paused or card.kind is AnswerKind.INFO:
            return
        if card.kind is AnswerKind.CHOICE:
            self.selected = [option_id]
            self.option_chosen.emit(card.id, [option_id])
            return
        # Multi: toggle, then "Klaar" stores the set. "None of these" clears the rest.
        exclusive = {"none"}
        if option_id in self.selected:
            self.selected.remove(option_id)
        elif option_id in exclusive:
            self.selected = [option_id]
        else:
            self.selected = [o for o in self.selected if o not in exclusive] + [option_id]
        self.retranslate_ui()

    def _pressed(self, index: int) -> None:
        if not self._pool[index].isCheckable():
            self._choose_by_number(index + 1)

    def _toggled(self, index: int, on: bool) -> None:
        """A check box changed (click, Space or AT's Toggle): make the selection agree."""
        options = self._shown_options()
        if self.card is None or index >= len(options) or not self._pool[index].isCheckable():
            return
        if on != (options[index].id in self.selected):
            self._choose_by_number(index + 1)
            if on != (options[index].id in self.selected):
                self.retranslate_ui()  # refused (paused): show the true state again

    def move_between_options(self, step: int) -> None:
        """Arrow keys within the card: the next or previous option gets focus."""
        buttons = [b for b in self.option_buttons.values() if b.isVisible()]
        if not buttons:
            return
        focused = QApplication.focusWidget()
        index = buttons.index(focused) if focused in buttons else -1 if step > 0 else 0
        buttons[(index + step) % len(buttons)].setFocus(Qt.FocusReason.TabFocusReason)

    def _choose_by_number(self, number: int) -> None:
        if self.card is not None and number <= len(self.card.options):
            self._choose(self.card.options[number - 1].id)

    def _confirm(self) -> None:
        card = self.card
        if card is None or self.paused:
            return
        if card.kind is AnswerKind.INFO:
            self.next_requested.emit()
        elif self.selected:
            self.option_chosen.emit(card.id, list(self.selected))

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


class _ArrowKeys(QObject):
    """Arrow keys move between the option cards (a scroll area would otherwise scroll)."""

    def __init__(self, view: ClientView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        rtl = self.view.layoutDirection() == Qt.LayoutDirection.RightToLeft
        steps = {
            Qt.Key.Key_Right: -1 if rtl else 1,
            Qt.Key.Key_Left: 1 if rtl else -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Up: -1,
        }
        step = steps.get(Qt.Key(event.key()))
        if step is None:
            return False
        self.view.move_between_options(step)
        return True
