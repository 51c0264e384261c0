"""The counsellor's side panel: Dutch, compact, never shown to the client as a form.

This module lays the panel out and holds its header (session, escalation hints (REF-04),
practice case, postponed phases), its footer (moving on, printing, ending the visit,
completing) and the state it shows. Its two larger sections are mixins in their own
modules, so that each stays readable: the phase list with skip/postpone/reorder (INT-10),
the trust gate (INT-09) and the elapsed time (counsellor only, INT-04) in
ui/panel_phases.py; what follows the card on screen (its Dutch, tip and record form,
flags, notes, knowledge cards) in ui/panel_record.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from intake_app.content.practice import PracticeCase
from intake_app.core.engine import PhaseView
from intake_app.core.flow import Card, Flow
from intake_app.core.summary import SummaryKind
from intake_app.i18n.translator import Translator
from intake_app.services.dto import SessionState
from intake_app.ui import pictograms
from intake_app.ui.accessibility import ScrollToFocus, no_tab_stop, set_name
from intake_app.ui.controller import IntakeController
from intake_app.ui.panel_phases import PhaseSection
from intake_app.ui.panel_record import RecordSection
from intake_app.ui.widgets import named, separator

PANEL_WIDTH = 380


class CounsellorPanel(PhaseSection, RecordSection, QWidget):
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

        self.session_label = named(QLabel(), "PanelHeading", wrap=True)
        self.hide_button = QPushButton()
        self.hide_button.clicked.connect(self.hide_requested)
        self._build_clock()
        self.hints = named(QLabel(), "Hints", wrap=True)
        self.practice_cases = practice_cases
        self.practice_case = QComboBox()
        for case in practice_cases:
            self.practice_case.addItem(case.title, case.id)
        self.practice_story = named(QLabel(), "Tip", wrap=True)
        self.practice_case.currentIndexChanged.connect(self._show_case)
        self.practice_story.setBuddy(self.practice_case)
        self.reminders = named(QLabel(), "Reminders", wrap=True)
        self._build_phases()
        self._build_record_section()
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
        self._add_phases(layout)
        layout.addWidget(separator())
        self._add_record_section(layout)
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
        outer.addWidget(separator())
        outer.addWidget(footer)
        self.retranslate_ui()

    # -- state --------------------------------------------------------------------------
    def show_state(self, state: SessionState) -> None:
        previous = self.card
        self.state = state
        self.card = self.flow.card(state.current_card) if state.current_card else None
        if self.card != previous:  # a new card: the panel starts at the top
            self.scroll_area.verticalScrollBar().setValue(0)
        self._show_phases(state)
        self._show_card_state(state)
        self.retranslate_ui()
        self._bring_form_into_view(state)

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
            self._show_trust_gate(state)
            self._show_record(record)
            self.complete_button.setToolTip(
                "\n".join(t.gettext(p) for p in state.completion_problems)
            )
            # What cannot be done yet is not offered; the tooltip says what is still open.
            self.complete_button.setEnabled(not state.completion_problems)
        self.hide_button.setText(t.gettext("Verbergen"))
        self.hide_button.setToolTip(t.gettext("Paneel verbergen (Ctrl+H)"))
        self._retranslate_phases(t)
        self.print_kind_label.setText(t.gettext("Document:"))
        self._retranslate_record_section(t)
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
        self._tick()

    def clear_sensitive(self) -> None:
        """Auto-lock: nothing of the conversation stays in the panel; the chrome does."""
        self.state = None
        self.card = None
        for label in (self.session_label, self.hints, self.reminders, self.practice_story):
            label.clear()
        self.phase_list.clear()
        self.complete_button.setToolTip("")
        self._clear_record_section()
        self.clock.stop()

    # -- actions ------------------------------------------------------------------------
    def _show_case(self) -> None:
        index = self.practice_case.currentIndex()
        if 0 <= index < len(self.practice_cases):
            story = self.practice_cases[index].story
            self.practice_story.setText(
                self.tr_ui.format("Oefencasus (verzonnen): {story}", story=story)
            )

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
