"""What the client looks at: one question, big pictogram cards, in their own language.

Calm by design (design.md section 2): a quiet row of phase pictograms instead of a
percentage, "Pauze", "Herhaal" and "Zeg ik liever niet" always in the same place, RTL for
Arabic and Dari. Digits 1-9 choose a card so a client can answer by saying a number.
This module holds the question, the progress row, the layout and what an answer means;
the answer cards and their fitting are in ui/option_grid.py, the comfort row and the
reading aids (read aloud, glossary words) in ui/client_comfort.py.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from intake_app.content.glossary import Glossary
from intake_app.core.engine import PhaseState, PhaseView
from intake_app.core.flow import AnswerKind, Card, Flow, RecordKind
from intake_app.i18n.direction import in_reading_direction
from intake_app.i18n.translator import N_, Translator
from intake_app.ui import pictograms
from intake_app.ui.accessibility import announce, set_name, tab_chain
from intake_app.ui.client_comfort import ClientComfort
from intake_app.ui.option_grid import OptionGrid
from intake_app.ui.widgets import named

CARD_PICTOGRAM = 72  # the question's own pictogram; the answer cards get the room
PROGRESS_PICTOGRAM = 28


# Phase status in words for the progress pictograms (screen readers, tooltips).
PHASE_STATUS = {
    PhaseView.OPEN: N_("open"),
    PhaseView.DONE: N_("afgerond"),
    PhaseView.SKIPPED: N_("overgeslagen"),
    PhaseView.POSTPONED: N_("uitgesteld"),
    PhaseView.LOCKED: N_("op slot"),
}


class ClientView(OptionGrid, ClientComfort, QWidget):
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
        self._build_reading_aids(translator, glossary)
        self._build_options_area()
        self.done_button = named(QPushButton(), "Primary")
        self.done_button.setMinimumHeight(48)
        self.done_button.clicked.connect(self._confirm)

        self._build_comfort_row()

        # Compact chrome, so that the answer cards get the height of a laptop screen:
        # the phase title sits beside the progress row, the explanation and the glossary
        # words beside the question's pictogram, "Klaar" in the row of comfort buttons.
        top = QHBoxLayout()
        top.addLayout(self.progress, 1)
        top.addWidget(self.phase_title)
        text_column = QVBoxLayout()
        text_column.setSpacing(4)
        text_column.addWidget(self.card_title)
        text_column.addWidget(self.explanation)
        text_column.addWidget(self.glossary_links)
        header = QHBoxLayout()
        header.addWidget(self.card_pictogram, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(text_column, 1)
        header.addWidget(self.read_aloud, 0, Qt.AlignmentFlag.AlignTop)
        comfort = QHBoxLayout()
        comfort.addWidget(self.pause_button)
        comfort.addWidget(self.repeat_button)
        comfort.addStretch(1)
        comfort.addWidget(self.done_button)
        comfort.addWidget(self.decline_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.counsellor_banner)
        layout.addLayout(header)
        layout.addWidget(self.options_area, 1)
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
            labels = (option.label for option in self._shown_options())
            self._show_glossary_words(card, *labels)
        self.retranslate_ui()
        if rebuild:
            self._update_tab_order()
            self._show_question()

    def focus_chain(self) -> list[QWidget]:
        """The task's order: the options, "Klaar", then reading aids, then the comfort row."""
        chain: list[QWidget] = [self.card_title, *self.option_buttons.values(), self.done_button]
        chain += [self.read_aloud, *self.glossary_links.buttons.values()]
        chain += [self.pause_button, self.repeat_button, self.decline_button]
        return chain

    def _update_tab_order(self) -> None:
        tab_chain(self.focus_chain())

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

    def _texts(self) -> Translator:
        """Counsellor-only cards stay in Dutch: the client is not meant to read them."""
        phase = self.flow.phase_of(self.card.id) if self.card else None
        return self.tr_dutch if phase is not None and phase.counsellor_only else self.tr_client

    def retranslate_ui(self) -> None:
        t = self._texts()
        client = self.tr_client
        # A counsellor-only card reads in the counsellor's direction, not the client's.
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if t.rtl else Qt.LayoutDirection.LeftToRight
        )
        # The language a screen reader should speak in (children inherit the locale).
        locale = QLocale(t.code.replace("-", "_"))
        if self.locale() != locale:
            self.setLocale(locale)
        self._retranslate_comfort(client)
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
            # Paragraph direction from the language, not from a leading "CJIB" or amount.
            self.card_title.setText(in_reading_direction(t.gettext(card.title), t.rtl))
            self.explanation.setText(in_reading_direction(t.gettext(card.explanation), t.rtl))
            self.explanation.setVisible(bool(card.explanation))
            self.read_aloud.set_text(f"{t.gettext(card.title)} {t.gettext(card.explanation)}")
        self._show_options(t)
        onward = card.kind is AnswerKind.INFO or self._kept_for_its_form()
        self.done_button.setVisible(not self.paused and (onward or card.kind is AnswerKind.MULTI))
        self.done_button.setText(client.gettext("Verder") if onward
                                 else client.gettext("Klaar"))  # fmt: skip
        self.done_button.setEnabled(onward or bool(self.selected))

    def _kept_for_its_form(self) -> bool:
        """After "Ja" on an informal-debt card the card stays while the counsellor notes
        it (services/intake.py); "Verder" then moves on."""
        card = self.card
        return (
            card is not None
            and card.kind is AnswerKind.CHOICE
            and card.records is RecordKind.INFORMAL_DEBTS
            and "yes" in self.selected
        )

    def _retranslate_progress(self) -> None:
        current_phase = self.flow.phase_of(self.card.id).id if self.card else None
        views = {state.phase.id: state.view for state in self.phases}
        client = self.tr_client
        for phase_id, icon in self.progress_icons.items():
            view = views.get(phase_id, PhaseView.OPEN)
            icon.setProperty("current", phase_id == current_phase)
            icon.setProperty("done", view is PhaseView.DONE)
            icon.setEnabled(view not in (PhaseView.LOCKED, PhaseView.SKIPPED, PhaseView.POSTPONED))
            # The client's words, and the counsellor's Dutch under them.
            title = self.flow.phase(phase_id).title
            client_title = client.gettext(title)
            names = dict.fromkeys((client_title, self.tr_dutch.gettext(title)))
            icon.setToolTip("\n".join(names))
            status = client.gettext(PHASE_STATUS[view])
            if phase_id == current_phase:
                status = client.gettext("nu bezig")
            set_name(icon, client.format("{phase}: {status}", phase=client_title, status=status))
            icon.style().unpolish(icon)
            icon.style().polish(icon)

    def clear_sensitive(self) -> None:
        """Auto-lock: no card, no answer, no language left on screen (the chrome stays)."""
        self.card = None
        self.selected = []
        self._clear_options()
        for label in (self.phase_title, self.card_title, self.explanation, self.counsellor_banner):
            label.clear()
        self.card_pictogram.clear()
        self.glossary_links.hide()
        self.done_button.hide()
        self.read_aloud.set_text("")
        for icon in self.progress_icons.values():
            icon.setProperty("current", False)
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

    def _choose_by_number(self, number: int) -> None:
        if self.card is not None and number <= len(self.card.options):
            self._choose(self.card.options[number - 1].id)

    def choose_number(self, number: int) -> None:
        """A digit typed anywhere in the window (ui/intake_view.py's shortcuts)."""
        if self.isVisible():
            self._choose_by_number(number)

    def _confirm(self) -> None:
        card = self.card
        if card is None or self.paused:
            return
        if card.kind is AnswerKind.INFO or self._kept_for_its_form():
            self.next_requested.emit()
        elif self.selected:
            self.option_chosen.emit(card.id, list(self.selected))
