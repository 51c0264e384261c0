"""The intake state machine: which card comes next, what is open, what may close.

Pure functions over a Flow and an IntakeSession, so every rule is tested without a
database or a screen. Services apply the moves and store them.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from intake_app.core.flow import Card, Flow, Phase
from intake_app.core.model import AnswerState, IntakeSession, PhaseStatus


class PhaseView(enum.StrEnum):
    """How a phase looks to the counsellor's phase list."""

    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"
    POSTPONED = "postponed"
    LOCKED = "locked"  # waits for the trust gate (INT-09)


@dataclass(frozen=True, slots=True)
class PhaseState:
    phase: Phase
    view: PhaseView
    answered: int
    total: int


def _flag(session: IntakeSession, flag: str) -> bool:
    """The counsellor's flags by their content name (core.flow.FLAGS)."""
    return {"trauma": session.trauma_flag, "safety": session.safety_flag}.get(flag, False)


class IntakeEngine:
    def __init__(self, flow: Flow) -> None:
        self.flow = flow

    # -- phases -----------------------------------------------------------------------
    def ordered_phases(self, session: IntakeSession) -> list[Phase]:
        """The counsellor's order first (INT-10), then any phase it does not name."""
        by_id = {phase.id: phase for phase in self.flow.phases}
        chosen = [by_id[pid] for pid in session.phase_order if pid in by_id]
        return chosen + [p for p in self.flow.phases if p not in chosen]

    def is_locked(self, session: IntakeSession, phase: Phase) -> bool:
        return phase.requires_trust and session.trust_confirmed_at is None

    def is_available(self, session: IntakeSession, phase: Phase) -> bool:
        status = session.phase_status.get(phase.id, PhaseStatus.OPEN)
        if status in (PhaseStatus.SKIPPED, PhaseStatus.POSTPONED):
            return False
        return not self.is_locked(session, phase)

    def phase_states(self, session: IntakeSession) -> list[PhaseState]:
        states = []
        for phase in self.ordered_phases(session):
            cards = [c for c in phase.cards if self.is_visible(session, c)]
            answered = sum(1 for c in cards if c.id in session.answers)
            status = session.phase_status.get(phase.id, PhaseStatus.OPEN)
            if status is PhaseStatus.SKIPPED:
                view = PhaseView.SKIPPED
            elif status is PhaseStatus.POSTPONED:
                view = PhaseView.POSTPONED
            elif self.is_locked(session, phase):
                view = PhaseView.LOCKED
            elif status is PhaseStatus.DONE or (cards and answered == len(cards)):
                view = PhaseView.DONE
            else:
                view = PhaseView.OPEN
            states.append(PhaseState(phase, view, answered, len(cards)))
        return states

    # -- cards ------------------------------------------------------------------------
    def is_visible(self, session: IntakeSession, card: Card) -> bool:
        condition = card.condition
        if condition is None:
            return True
        if condition.unless_flag and _flag(session, condition.unless_flag):
            return False
        if not condition.card:
            return True
        answer = session.answers.get(condition.card)
        if answer is None or answer.state is AnswerState.NOT_DISCUSSED:
            return False
        return condition.holds(answer.value)

    def sequence(self, session: IntakeSession) -> list[Card]:
        """Every card the client can be shown now, in order."""
        return [
            card
            for phase in self.ordered_phases(session)
            if self.is_available(session, phase)
            for card in phase.cards
            if self.is_visible(session, card)
        ]

    def _all_cards(self, session: IntakeSession) -> list[Card]:
        return [card for phase in self.ordered_phases(session) for card in phase.cards]

    def first_card(self, session: IntakeSession) -> Card | None:
        cards = self.sequence(session)
        return cards[0] if cards else None

    def next_card(self, session: IntakeSession, card_id: str) -> Card | None:
        """The next showable card after ``card_id``, even if that card is now hidden."""
        return self._step(session, card_id, +1)

    def previous_card(self, session: IntakeSession, card_id: str) -> Card | None:
        return self._step(session, card_id, -1)

    def _step(self, session: IntakeSession, card_id: str, direction: int) -> Card | None:
        showable = {card.id for card in self.sequence(session)}
        order = self._all_cards(session)
        ids = [card.id for card in order]
        index = ids.index(self.flow.card(card_id).id) + direction
        while 0 <= index < len(order):
            if order[index].id in showable:
                return order[index]
            index += direction
        return None

    def first_open_card(self, session: IntakeSession) -> Card | None:
        """Where to resume: the first showable card without an answer."""
        for card in self.sequence(session):
            if card.id not in session.answers:
                return card
        return None

    def first_card_of(self, session: IntakeSession, phase_id: str) -> Card | None:
        phase = self.flow.phase(phase_id)
        for card in self.sequence(session):
            if card.phase == phase.id:
                return card
        return None

    # -- closing ----------------------------------------------------------------------
    def completion_problems(self, session: IntakeSession) -> Sequence[str]:
        """Dutch msgids of what still blocks completing the session (empty: may close)."""
        problems = []
        if session.follow_up_date is None:
            problems.append("Kies eerst een datum voor de nazorg.")
        return problems

    def reminders(self, session: IntakeSession) -> list[Phase]:
        """Phases postponed to a next visit (INT-09)."""
        return [
            phase
            for phase in self.ordered_phases(session)
            if session.phase_status.get(phase.id) is PhaseStatus.POSTPONED
        ]
