"""The counsellor panel's phase list, trust gate and visit clock (a mixin of CounsellorPanel).

Phase list with go to/skip/postpone/reopen/reorder (INT-10), the trust gate that opens the
locked phase (INT-09) and the elapsed time of this visit (visible to the counsellor only,
INT-04). Kept apart from ui/counsellor_panel.py, which lays the panel out and holds its
header and footer, because these widgets only read the session's phases and only change
them: the card's record, notes and flags live in ui/panel_record.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.engine import PhaseView
from intake_app.core.flow import Card
from intake_app.core.model import PhaseStatus
from intake_app.i18n.translator import Translator
from intake_app.services.dto import SessionState
from intake_app.ui import pictograms
from intake_app.ui.accessibility import set_name
from intake_app.ui.client_view import PHASE_STATUS
from intake_app.ui.controller import IntakeController
from intake_app.ui.widgets import named

# A mixin of a QWidget: mypy checks it as one, at run time it is a plain class.
if TYPE_CHECKING:
    _PanelBase = QWidget
else:
    _PanelBase = object

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


class PhaseSection(_PanelBase):
    """The phase widgets of the panel; CounsellorPanel provides the attributes below."""

    controller: IntakeController
    tr_ui: Translator
    card: Card | None

    # -- building -----------------------------------------------------------------------
    def _build_clock(self) -> None:
        self.elapsed_label = named(QLabel(), "ElapsedTime")
        self.elapsed = QElapsedTimer()
        self.clock = QTimer(self)
        self.clock.setInterval(15_000)
        self.clock.timeout.connect(self._tick)

    def _build_phases(self) -> None:
        controller = self.controller
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

    def _add_phases(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.phase_heading)
        layout.addWidget(self.phase_list)
        phase_buttons = QHBoxLayout()
        for button in (self.go_button, self.skip_button, self.postpone_button,
                       self.reopen_button, self.up_button, self.down_button):  # fmt: skip
            phase_buttons.addWidget(button)
        layout.addLayout(phase_buttons)
        layout.addWidget(self.trust_button)

    # -- showing ------------------------------------------------------------------------
    def _show_phases(self, state: SessionState) -> None:
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

    def _show_trust_gate(self, state: SessionState) -> None:
        locked = any(p.view is PhaseView.LOCKED for p in state.phases)
        self.trust_button.setVisible(locked)

    def _retranslate_phases(self, t: Translator) -> None:
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
        self.trust_button.setText(t.gettext("Er is vertrouwen: open Geld tussen mensen"))

    def _selected_phase(self) -> str | None:
        item = self.phase_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    # -- the visit's clock --------------------------------------------------------------
    def start_clock(self) -> None:
        self.elapsed.start()
        self.clock.start()
        self._tick()

    def restore(self) -> None:
        if self.elapsed.isValid():
            self.clock.start()

    def _tick(self) -> None:
        minutes = self.elapsed.elapsed() // 60_000 if self.elapsed.isValid() else 0
        self.elapsed_label.setText(
            self.tr_ui.format("Tijd dit bezoek: {minutes} min", minutes=minutes)
        )

    # -- actions ------------------------------------------------------------------------
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
