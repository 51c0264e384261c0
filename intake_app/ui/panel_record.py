"""The counsellor panel's card section: record form, flags, notes (a mixin of CounsellorPanel).

What the client's screen says in Dutch, the tip for this card, the record form of this card
(ui/record_forms.py), the trauma and safety flags with the trauma referral (INT-13), paper
and remittance choices, neighbourhood and interpreter (issue 21), the counsellor's note,
knowledge cards and phrase bank (ORG-03, INT-14) and the network map button (INT-17).
Kept apart from ui/counsellor_panel.py (layout, header, footer) and ui/panel_phases.py
(phases, clock) because all of it follows the card on screen and the session's record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.flow import Card, Flow
from intake_app.core.model import IntakeSession
from intake_app.i18n.translator import Translator
from intake_app.services.dto import SessionState
from intake_app.ui import pictograms
from intake_app.ui.accessibility import set_name
from intake_app.ui.controller import IntakeController
from intake_app.ui.interpreter_fields import InterpreterFields
from intake_app.ui.knowledge_panel import KnowledgePanel
from intake_app.ui.neighbourhood_field import NeighbourhoodField
from intake_app.ui.paper_choices import PaperChoices
from intake_app.ui.record_forms import RecordForms
from intake_app.ui.trauma_referral import TraumaReferral
from intake_app.ui.widgets import named, separator

# A mixin of a QWidget: mypy checks it as one, at run time it is a plain class.
if TYPE_CHECKING:
    _PanelBase = QWidget
else:
    _PanelBase = object

NOTE_LIMIT = 4000


class RecordSection(_PanelBase):
    """The card's widgets of the panel; CounsellorPanel provides the attributes below."""

    controller: IntakeController
    flow: Flow
    tr_ui: Translator
    state: SessionState | None
    card: Card | None
    scroll_area: QScrollArea

    # -- building -----------------------------------------------------------------------
    def _build_record_section(self) -> None:
        controller, t = self.controller, self.tr_ui
        # What the client's screen says, in Dutch: a volunteer who does not read the client's
        # language still knows which question is on screen and what each number means.
        self.card_dutch = named(QLabel(), "CardDutch", wrap=True)
        self.card_dutch.setTextFormat(Qt.TextFormat.PlainText)
        self.tip_heading = named(QLabel(), "PanelHeading")
        self.tip = named(QLabel(), "Tip", wrap=True)
        self.tip.setTextFormat(Qt.TextFormat.PlainText)
        self.records = RecordForms(controller, t, self.flow)

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

    def _add_record_section(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.card_dutch)
        layout.addWidget(self.tip_heading)
        layout.addWidget(self.tip)
        layout.addWidget(self.records)
        layout.addWidget(separator())
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
        layout.addWidget(separator())
        layout.addWidget(self.knowledge)

    # -- showing ------------------------------------------------------------------------
    def _show_card_state(self, state: SessionState) -> None:
        self.records.show_state(state, self.card)
        self.knowledge.show_card(self.card.id if self.card is not None else None)

    def _bring_form_into_view(self, state: SessionState) -> None:
        answer = state.answer(self.card.id) if self.card is not None else None
        form = self.records.current_form()
        if answer is not None and "yes" in answer.values and form is not None:
            # "Ja" kept the card for its form: bring the form into view.
            self.scroll_area.ensureWidgetVisible(form.add_button)

    def _show_record(self, record: IntakeSession) -> None:
        self.trauma.setChecked(record.trauma_flag)
        self.safety.setChecked(record.safety_flag)
        self.trauma_referral.show_record(record)
        self.paper.show_record(record)
        self.neighbourhood.show_record(record)
        self.interpreter.show_record(record)
        self.notes_count.setText(self.tr_ui.format("{count} notities", count=len(record.notes)))

    def _retranslate_record_section(self, t: Translator) -> None:
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
        self.records.retranslate_ui(t)
        self.knowledge.retranslate_ui(t)
        self.network_map_button.setText(t.gettext("Netwerkkaart met de klant"))
        self.trauma_referral.retranslate_ui(t)

    def _clear_record_section(self) -> None:
        """Auto-lock: nothing of the card or the record stays in these widgets."""
        for label in (self.tip, self.card_dutch, self.notes_count):
            label.clear()
        self.note.clear()
        self.trauma.setChecked(False)
        self.safety.setChecked(False)
        self.records.clear_sensitive()
        self.knowledge.clear_sensitive()
        self.neighbourhood.clear_sensitive()
        self.trauma_referral.show_record(None)

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
