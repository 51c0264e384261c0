"""The counsellor's side panel: Dutch, compact, never shown to the client as a form.

Phase list with skip/postpone/reorder (INT-10), the trust gate (INT-09), the tip for this
card, escalation hints (REF-04), flags, notes, the record form of this card, elapsed time
(visible to the counsellor only, INT-04) and the session's closing actions.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from intake_app.content.practice import PracticeCase
from intake_app.core.engine import PhaseView
from intake_app.core.flow import Card, Flow
from intake_app.core.model import PhaseStatus
from intake_app.core.summary import SummaryKind
from intake_app.i18n.translator import Translator
from intake_app.services.dto import SessionState
from intake_app.ui import pictograms
from intake_app.ui.accessibility import ScrollToFocus, no_tab_stop, set_name
from intake_app.ui.client_view import PHASE_STATUS
from intake_app.ui.controller import IntakeController
from intake_app.ui.interpreter_fields import InterpreterFields
from intake_app.ui.knowledge_panel import KnowledgePanel
from intake_app.ui.neighbourhood_field import NeighbourhoodField
from intake_app.ui.paper_choices import PaperChoices
from intake_app.ui.record_forms import RecordForms
from intake_app.ui.trauma_referral import TraumaReferral
from intake_app.ui.widgets import named

NOTE_LIMIT = 4000
PANEL_WIDTH = 380
# OpenMoji pictograms, not text symbols: no bundled font has ○ ✓ ⏸ 🔒 ▲ ▼ (they showed
# as empty boxes). tests/test_glyphs.py checks every text against the shipped fonts.
# The marks are for the eye; a screen reader gets the words (PHASE_STATUS in client_view).
PHASE_MARKS = {
    PhaseView.OPEN: "26AA",  # white circle
    PhaseView.DONE: "2705",  # check mark
    PhaseView.SKIPPED: "23ED",  # skip
    PhaseView.POSTPONED: "23F8",  # pause
    PhaseView.LOCKED: "1F512",  # lock
}
MARK_SIZE = 16


class CounsellorPanel(QWidget):
    print_requested = Signal(str)  # SummaryKind value
    back_requested = Signal()
    hide_requested = Signal()
    network_map_requested = Signal()  # INT-17, ui/network_map_view.py

    def __init__(
        self,
        controller: IntakeController,
        flow: Flow,
        translator: Translator,
        practice_cases: tuple[PracticeCase, ...] = (),
    ) -> None:
        super().__init__()
        self.setObjectName("CounsellorPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFixedWidth(PANEL_WIDTH)
        self.controller = controller
        self.flow = flow
        self.tr_ui = translator
        self.state: SessionState | None = None
        self.card: Card | None = None
        t = translator

        self.session_label = named(QLabel(), "PanelHeading", wrap=True)
        self.hide_button = QPushButton()
        self.hide_button.clicked.connect(self.hide_requested)
        self.elapsed_label = named(QLabel(), "ElapsedTime")
        self.elapsed = QElapsedTimer()
        self.clock = QTimer(self)
        self.clock.setInterval(15_000)
        self.clock.timeout.connect(self._tick)
        self.hints = named(QLabel(), "Hints", wrap=True)
        self.practice_cases = practice_cases
        self.practice_case = QComboBox()
        for case in practice_cases:
            self.practice_case.addItem(case.title, case.id)
        self.practice_story = named(QLabel(), "Tip", wrap=True)
        self.practice_case.currentIndexChanged.connect(self._show_case)
        self.practice_story.setBuddy(self.practice_case)
        self.reminders = named(QLabel(), "Reminders", wrap=True)

        self.phase_heading = named(QLabel(), "PanelHeading")
        self.phase_list = QListWidget()
        self.phase_list.setMaximumHeight(190)
        self.phase_list.itemActivated.connect(lambda _item: self._go_to_phase())
        self.go_button = QPushButton()
        self.skip_button = QPushButton()
        self.postpone_button = QPushButton()
        self.reopen_button = QPushButton()
        self.up_button = QPushButton()
        self.down_button = QPushButton()
        for button, code in ((self.up_button, "1F53C"), (self.down_button, "1F53D")):
            button.setIcon(pictograms.icon(code, 20))
        self.go_button.clicked.connect(self._go_to_phase)
        self.skip_button.clicked.connect(lambda: self._set_phase(PhaseStatus.SKIPPED))
        self.postpone_button.clicked.connect(lambda: self._set_phase(PhaseStatus.POSTPONED))
        self.reopen_button.clicked.connect(lambda: self._set_phase(PhaseStatus.OPEN))
        self.up_button.clicked.connect(lambda: self._move_phase(-1))
        self.down_button.clicked.connect(lambda: self._move_phase(+1))
        self.trust_button = named(QPushButton(), "TrustButton")
        self.trust_button.clicked.connect(
            lambda: controller.apply(lambda s, sid: s.confirm_trust(sid))
        )

        # What the client's screen says, in Dutch: a volunteer who does not read the client's
        # language still knows which question is on screen and what each number means.
        self.card_dutch = named(QLabel(), "CardDutch", wrap=True)
        self.card_dutch.setTextFormat(Qt.TextFormat.PlainText)
        self.tip_heading = named(QLabel(), "PanelHeading")
        self.tip = named(QLabel(), "Tip", wrap=True)
        self.tip.setTextFormat(Qt.TextFormat.PlainText)
        self.records = RecordForms(controller, t, flow)

        self.trauma = QCheckBox()
        self.safety = QCheckBox()
        self.trauma.clicked.connect(
            lambda on: controller.apply(lambda s, sid: s.set_flags(sid, trauma=on))
        )
        self.safety.clicked.connect(
            lambda on: controller.apply(lambda s, sid: s.set_flags(sid, safety=on))
        )
        self.paper = PaperChoices(controller, t)  # discreet paper, remittances (issue 21)
        self.neighbourhood = NeighbourhoodField(controller, t)  # from the coordinator's list
        self.interpreter = InterpreterFields(controller, t)  # COM-05 (issue 21)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(70)
        # Tab moves on (a note has no use for tab characters); Ctrl+Enter saves the note.
        self.note.setTabChangesFocus(True)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            save = QShortcut(QKeySequence(keys), self.note)
            save.setContext(Qt.ShortcutContext.WidgetShortcut)
            save.activated.connect(self._save_note)
        self.note_button = QPushButton()
        self.note_button.clicked.connect(self._save_note)
        self.notes_count = QLabel()
        # Knowledge cards and phrase bank (ORG-03, INT-14); trauma referral (INT-13).
        self.knowledge = KnowledgePanel(t, self.note)
        self.knowledge.install_shortcut(self)
        self.trauma_referral = TraumaReferral(controller, t)
        self.network_map_button = QPushButton()
        self.network_map_button.setIcon(pictograms.icon("1F46A", 20))
        self.network_map_button.clicked.connect(self.network_map_requested)

        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.previous_button.setIcon(pictograms.icon("25C0", 18))
        self.next_button.setIcon(pictograms.icon("25B6", 18))
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # icon after text
        self.previous_button.clicked.connect(lambda: controller.apply(lambda s, sid: s.back(sid)))
        self.next_button.clicked.connect(lambda: controller.apply(lambda s, sid: s.next(sid)))
        self.print_kind = QComboBox()
        # On Linux a combo box's name is its value; its label (the buddy) says what it is.
        self.print_kind_label = QLabel()
        self.print_kind_label.setBuddy(self.print_kind)
        for kind in SummaryKind:
            self.print_kind.addItem("", kind.value)
        self.print_button = named(QPushButton(), "Primary")
        self.print_button.clicked.connect(
            lambda: self.print_requested.emit(str(self.print_kind.currentData()))
        )
        self.pause_button = QPushButton()
        self.pause_button.clicked.connect(self._end_visit)
        self.complete_button = QPushButton()
        self.complete_button.clicked.connect(self.ask_complete)
        self.confirm_box: QMessageBox | None = None
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_requested)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(14, 14, 14, 14)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(self.session_label, 1)
        top.addWidget(self.hide_button)
        layout.addLayout(top)
        layout.addWidget(self.elapsed_label)
        layout.addWidget(self.practice_case)
        layout.addWidget(self.practice_story)
        layout.addWidget(self.hints)
        layout.addWidget(self.reminders)
        layout.addWidget(self.phase_heading)
        layout.addWidget(self.phase_list)
        phase_buttons = QHBoxLayout()
        for button in (self.go_button, self.skip_button, self.postpone_button,
                       self.reopen_button, self.up_button, self.down_button):  # fmt: skip
            phase_buttons.addWidget(button)
        layout.addLayout(phase_buttons)
        layout.addWidget(self.trust_button)
        layout.addWidget(_line())
        layout.addWidget(self.card_dutch)
        layout.addWidget(self.tip_heading)
        layout.addWidget(self.tip)
        layout.addWidget(self.records)
        layout.addWidget(_line())
        layout.addWidget(self.trauma)
        layout.addWidget(self.trauma_referral)
        layout.addWidget(self.safety)
        layout.addWidget(self.paper)
        layout.addWidget(self.neighbourhood)
        layout.addWidget(self.interpreter)
        layout.addWidget(self.note)
        note_row = QHBoxLayout()
        note_row.addWidget(self.notes_count, 1)
        note_row.addWidget(self.note_button)
        layout.addLayout(note_row)
        layout.addWidget(self.network_map_button)
        layout.addWidget(_line())
        layout.addWidget(self.knowledge)
        layout.addStretch(1)

        # Moving on, printing and closing stay in view; the rest scrolls.
        footer = QWidget()
        footer_layout = QVBoxLayout(footer)
        footer_layout.setContentsMargins(14, 6, 14, 12)
        footer_layout.setSpacing(6)
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.next_button)
        footer_layout.addLayout(navigation)
        print_row = QHBoxLayout()
        print_row.addWidget(self.print_kind_label)
        print_row.addWidget(self.print_kind, 1)
        print_row.addWidget(self.print_button, 1)
        footer_layout.addLayout(print_row)
        closing = QHBoxLayout()
        closing.addWidget(self.pause_button)
        closing.addWidget(self.complete_button)
        footer_layout.addLayout(closing)
        footer_layout.addWidget(self.back_button)

        scroll = QScrollArea()
        self.scroll_area = scroll
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The panel has one width; forms wrap inside it instead of pushing it wider.
        content.setFixedWidth(PANEL_WIDTH - 16)
        scroll.setWidget(content)
        no_tab_stop(scroll)
        self.scroll_area = scroll
        ScrollToFocus(scroll)  # a focused field is always in view
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(scroll, 1)
        outer.addWidget(_line())
        outer.addWidget(footer)
        self.retranslate_ui()

    # -- state --------------------------------------------------------------------------
    def start_clock(self) -> None:
        self.elapsed.start()
        self.clock.start()
        self._tick()

    def show_state(self, state: SessionState) -> None:
        previous = self.card
        self.state = state
        self.card = self.flow.card(state.current_card) if state.current_card else None
        if self.card != previous:  # a new card: the panel starts at the top
            self.scroll_area.verticalScrollBar().setValue(0)
        selected = self._selected_phase()
        self.phase_list.clear()
        for phase_state in state.phases:
            phase = phase_state.phase
            title = self.tr_ui.gettext(phase.title)
            item = QListWidgetItem(f"{phase.number}. {title}")
            item.setIcon(pictograms.icon(PHASE_MARKS[phase_state.view], MARK_SIZE))
            item.setData(Qt.ItemDataRole.UserRole, phase.id)
            status = self.tr_ui.gettext(PHASE_STATUS[phase_state.view])
            if self.card is not None and self.card.phase == phase.id:
                status += ", " + self.tr_ui.gettext("nu bezig")
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{phase.number}. {title}, {status}")
            if self.card is not None and self.card.phase == phase.id:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.phase_list.addItem(item)
            if phase.id == selected:
                self.phase_list.setCurrentItem(item)
        self.records.show_state(state, self.card)
        self.knowledge.show_card(self.card.id if self.card is not None else None)
        self.retranslate_ui()
        answer = state.answer(self.card.id) if self.card is not None else None
        form = self.records.current_form()
        if answer is not None and "yes" in answer.values and form is not None:
            # "Ja" kept the card for its form: bring the form into view.
            self.scroll_area.ensureWidgetVisible(form.add_button)

    def _selected_phase(self) -> str | None:
        item = self.phase_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        state = self.state
        record = state.record if state is not None else None
        if state is not None and record is not None:
            label = t.format("Gesprek {code} · bezoek {visit}", code=state.code, visit=record.visit)
            if record.practice:
                label += " · " + t.gettext("Oefenmodus")
            self.session_label.setText(label)
            self.hints.setText("\n".join(t.gettext(hint) for hint in state.hints))
            self.hints.setVisible(bool(state.hints))
            postponed = [p.phase for p in state.phases if p.view is PhaseView.POSTPONED]
            self.reminders.setText(
                t.format(
                    "Uitgesteld naar een volgend bezoek: {phases}",
                    phases=", ".join(t.gettext(p.title) for p in postponed),
                )
            )
            self.reminders.setVisible(bool(postponed))
            practising = record.practice and bool(self.practice_cases)
            self.practice_case.setVisible(practising)
            self.practice_story.setVisible(practising)
            self._show_case()
            locked = any(p.view is PhaseView.LOCKED for p in state.phases)
            self.trust_button.setVisible(locked)
            self.trauma.setChecked(record.trauma_flag)
            self.safety.setChecked(record.safety_flag)
            self.trauma_referral.show_record(record)
            self.paper.show_record(record)
            self.neighbourhood.show_record(record)
            self.interpreter.show_record(record)
            self.notes_count.setText(t.format("{count} notities", count=len(record.notes)))
            self.complete_button.setToolTip(
                "\n".join(t.gettext(p) for p in state.completion_problems)
            )
            # What cannot be done yet is not offered; the tooltip says what is still open.
            self.complete_button.setEnabled(not state.completion_problems)
        self.hide_button.setText(t.gettext("Verbergen"))
        self.hide_button.setToolTip(t.gettext("Paneel verbergen (Ctrl+H)"))
        self.phase_heading.setText(t.gettext("Fasen"))
        self.go_button.setText(t.gettext("Ga naar"))
        self.skip_button.setText(t.gettext("Overslaan"))
        self.postpone_button.setText(t.gettext("Later"))
        self.postpone_button.setToolTip(t.gettext("Uitstellen naar een volgend bezoek"))
        self.reopen_button.setText(t.gettext("Open"))
        self.reopen_button.setToolTip(t.gettext("Fase weer openen"))
        self.up_button.setToolTip(t.gettext("Fase eerder"))
        self.down_button.setToolTip(t.gettext("Fase later"))
        # The arrows say nothing to a screen reader: the name is what they do.
        set_name(self.up_button, t.gettext("Fase eerder"))
        set_name(self.down_button, t.gettext("Fase later"))
        set_name(self.phase_list, t.gettext("Fasen"))
        self.print_kind_label.setText(t.gettext("Document:"))
        self.trust_button.setText(t.gettext("Er is vertrouwen: open Geld tussen mensen"))
        self._show_card_dutch()
        self.tip_heading.setText(t.gettext("Tip voor u"))
        tip = self.card.counsellor_tip if self.card else ""
        self.tip.setText(t.gettext(tip) if tip else t.gettext("Geen tip bij deze stap."))
        self.trauma.setText(t.gettext("Mogelijk trauma (herinnering voor u)"))
        self.safety.setText(t.gettext("Zorgen over veiligheid (wordt nooit geprint)"))
        self.paper.retranslate_ui(t)
        self.neighbourhood.retranslate_ui(t)
        self.interpreter.retranslate_ui(t)
        self.note.setPlaceholderText(t.gettext("Notitie, alleen voor u. Wordt nooit geprint."))
        set_name(
            self.note,
            t.gettext("Notitie, alleen voor u. Wordt nooit geprint."),
            t.gettext("Ctrl+Enter bewaart de notitie."),
        )
        self.note_button.setText(t.gettext("Notitie bewaren"))
        self.previous_button.setText(t.gettext("Vorige"))
        self.previous_button.setToolTip(t.gettext("Vorige kaart (Ctrl+pijl links)"))
        set_name(self.previous_button, t.gettext("Vorige"))
        self.next_button.setText(t.gettext("Volgende"))
        self.next_button.setToolTip(t.gettext("Volgende kaart (Ctrl+pijl rechts)"))
        set_name(self.next_button, t.gettext("Volgende"))
        self.print_button.setText(t.gettext("Afdrukken"))
        kind_names = {
            SummaryKind.CLIENT: t.gettext("Samenvatting klant"),
            SummaryKind.DISCREET: t.gettext("Discrete samenvatting"),
            SummaryKind.HANDOVER: t.gettext("Overdrachtsbrief"),
        }
        for index in range(self.print_kind.count()):
            self.print_kind.setItemText(
                index, kind_names[SummaryKind(self.print_kind.itemData(index))]
            )
        self.print_button.setToolTip("Ctrl+P")
        self.pause_button.setText(t.gettext("Bezoek afsluiten"))
        self.pause_button.setToolTip(t.gettext("Het gesprek gaat een volgende keer verder."))
        self.complete_button.setText(t.gettext("Gesprek afronden"))
        self.back_button.setText(t.gettext("Naar het overzicht"))
        self.records.retranslate_ui(t)
        self.knowledge.retranslate_ui(t)
        self.network_map_button.setText(t.gettext("Netwerkkaart met de klant"))
        self.trauma_referral.retranslate_ui(t)
        self._tick()

    def clear_sensitive(self) -> None:
        """Auto-lock: nothing of the conversation stays in the panel; the chrome does."""
        self.state = None
        self.card = None
        for label in (self.session_label, self.hints, self.reminders, self.tip, self.card_dutch,
                      self.notes_count, self.practice_story):  # fmt: skip
            label.clear()
        self.phase_list.clear()
        self.note.clear()
        self.trauma.setChecked(False)
        self.safety.setChecked(False)
        self.complete_button.setToolTip("")
        self.records.clear_sensitive()
        self.knowledge.clear_sensitive()
        self.neighbourhood.clear_sensitive()
        self.trauma_referral.show_record(None)
        self.clock.stop()

    def restore(self) -> None:
        if self.elapsed.isValid():
            self.clock.start()

    def _show_card_dutch(self) -> None:
        card, state = self.card, self.state
        client_reads_dutch = state is None or state.client_language == "nl"
        if card is None or client_reads_dutch or self.flow.phase_of(card.id).counsellor_only:
            self.card_dutch.hide()
            return
        # The content's msgids are the Dutch texts (docs/ARCHITECTURE.md, "Texts").
        lines = [self.tr_ui.format("Op het scherm van de klant: {title}", title=card.title)]
        lines += [f"{n}  {option.label}" for n, option in enumerate(card.options, start=1)]
        self.card_dutch.setText("\n".join(lines))
        self.card_dutch.show()

    # -- actions ------------------------------------------------------------------------
    def _show_case(self) -> None:
        index = self.practice_case.currentIndex()
        if 0 <= index < len(self.practice_cases):
            story = self.practice_cases[index].story
            self.practice_story.setText(
                self.tr_ui.format("Oefencasus (verzonnen): {story}", story=story)
            )

    def _tick(self) -> None:
        minutes = self.elapsed.elapsed() // 60_000 if self.elapsed.isValid() else 0
        self.elapsed_label.setText(
            self.tr_ui.format("Tijd dit bezoek: {minutes} min", minutes=minutes)
        )

    def _go_to_phase(self) -> None:
        phase_id = self._selected_phase()
        if phase_id is not None:
            self.controller.apply(lambda s, sid: s.go_to_phase(sid, phase_id))

    def _set_phase(self, status: PhaseStatus) -> None:
        phase_id = self._selected_phase()
        if phase_id is not None:
            self.controller.apply(lambda s, sid: s.set_phase_status(sid, phase_id, status))

    def _move_phase(self, offset: int) -> None:
        phase_id = self._selected_phase()
        if phase_id is not None:
            self.controller.apply(lambda s, sid: s.move_phase(sid, phase_id, offset))

    def _save_note(self) -> None:
        text = self.note.toPlainText()
        if len(text) > NOTE_LIMIT:
            # Refuse rather than cut: the counsellor decides what to shorten.
            self.controller.failed.emit(
                self.tr_ui.format(
                    "Een notitie mag hoogstens {limit} tekens hebben.", limit=NOTE_LIMIT
                )
            )
            return
        card_id = self.card.id if self.card else None
        if self.controller.apply(lambda s, sid: s.add_note(sid, text, card_id)) is not None:
            self.note.clear()
            self.controller.status.emit(self.tr_ui.gettext("Notitie bewaard."))

    def ask_complete(self) -> None:
        """Completing cannot be undone from the screen: ask first, say what is still open."""
        state = self.state
        if state is None:
            return
        t = self.tr_ui
        text = t.gettext("Het gesprek afronden? Daarna staat het als afgerond in de lijst.")
        if state.completion_problems:
            open_items = "\n".join("• " + t.gettext(p) for p in state.completion_problems)
            text += "\n\n" + t.gettext("Nog open:") + "\n" + open_items
        box = QMessageBox(
            QMessageBox.Icon.Question,
            t.gettext("Gesprek afronden"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(t.gettext("Afronden"))
        box.button(QMessageBox.StandardButton.No).setText(t.gettext("Annuleren"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(self._complete)
        box.open()
        self.confirm_box = box

    def _complete(self) -> None:
        if self.controller.apply(lambda s, sid: s.complete(sid)) is not None:
            self.controller.status.emit(self.tr_ui.gettext("Het gesprek is afgerond."))

    def _end_visit(self) -> None:
        if self.controller.apply(lambda s, sid: s.pause(sid)) is not None:
            self.back_requested.emit()


def _line() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet("color: #D5DEDC;")
    return line
