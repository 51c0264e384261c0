"""The shape of an intake: phases made of cards, loaded from content (design.md section 2).

These are plain definitions; the content layer builds them from YAML and validates them.
Texts are gettext message ids (the plain Dutch source text), translated at display time.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from intake_app.core.errors import ContentError


class AnswerKind(enum.StrEnum):
    INFO = "info"  # nothing to answer; the client reads or listens
    CHOICE = "choice"  # one option
    MULTI = "multi"  # several options


class RecordKind(enum.StrEnum):
    """What the counsellor records on a card besides the client's answer (panel forms)."""

    ACTIONS = "actions"
    FORMAL_DEBTS = "formal_debts"
    INFORMAL_DEBTS = "informal_debts"
    PROVISIONS = "provisions"
    NEXT_STEPS = "next_steps"
    APPOINTMENT = "appointment"
    CONSENT = "consent"
    REFERRAL = "referral"
    HOUSEHOLD = "household"  # who lives there (issue 21, handover chain)
    INCOMES = "incomes"  # income per source and month
    URGENCIES = "urgencies"  # each urgency's deadline, what was agreed, resolved
    # The end recap in the client view (COM-04): what we talked about and agreed; then what
    # the client can expect, our number to pass on and the information sheets (INT-18,
    # INT-24, COM-10). Shown by ui/recap_view.py instead of answer cards.
    RECAP = "recap"
    EXPECTATIONS_AGAIN = "expectations_again"


# Counsellor flags a card may be hidden under (``show_if: {unless_flag: trauma}``).
FLAGS = ("trauma", "safety")


@dataclass(frozen=True, slots=True)
class Condition:
    """Show a card only when another card's answer has (or lacks) certain options, and/or
    only while a counsellor flag is off: the cultural interview is hidden when the trauma
    flag is set (INT-16). ``card`` is empty for a condition on a flag alone."""

    card: str
    any_of: tuple[str, ...] = ()
    none_of: tuple[str, ...] = ()
    unless_flag: str = ""  # one of FLAGS

    def holds(self, chosen: tuple[str, ...] | None) -> bool:
        values = set(chosen or ())
        if self.any_of and not values & set(self.any_of):
            return False
        return not values & set(self.none_of)


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    label: str
    pictogram: str


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    phase: str
    kind: AnswerKind
    title: str
    pictogram: str
    explanation: str = ""
    counsellor_tip: str = ""
    options: tuple[Option, ...] = ()
    condition: Condition | None = None
    records: RecordKind | None = None
    debt_direction: str = ""  # for INFORMAL_DEBTS: the Direction a new entry starts with
    sensitive: bool = False  # suggest a professional interpreter first (COM-06)
    # A text the organisation approves or replaces (INT-03, GEN-06; core/organisation_texts.py):
    # "" (an ordinary card), "placeholder" (as shipped), "approved" or "own".
    organisation_text: str = ""

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise ContentError(
            "Kaart {card} heeft geen keuze {option}.", card=self.id, option=option_id
        )


@dataclass(frozen=True, slots=True)
class Phase:
    id: str
    number: int
    title: str
    pictogram: str
    counsellor_only: bool = False
    requires_trust: bool = False  # opens only after the counsellor marks trust (INT-09)
    cards: tuple[Card, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Provision:
    id: str
    label: str
    pictogram: str
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Flow:
    phases: tuple[Phase, ...]
    provisions: tuple[Provision, ...] = ()

    def phase(self, phase_id: str) -> Phase:
        for phase in self.phases:
            if phase.id == phase_id:
                return phase
        raise ContentError("Onbekende fase: {phase}.", phase=phase_id)

    def phase_of(self, card_id: str) -> Phase:
        return self.phase(self.card(card_id).phase)

    def cards(self) -> Iterator[Card]:
        for phase in self.phases:
            yield from phase.cards

    def card(self, card_id: str) -> Card:
        for card in self.cards():
            if card.id == card_id:
                return card
        raise ContentError("Onbekende kaart: {card}.", card=card_id)

    def card_ids(self) -> Sequence[str]:
        return [card.id for card in self.cards()]

    def first_card(self) -> Card:
        for card in self.cards():
            return card
        raise ContentError("De inhoud bevat geen kaarten.")

    def next_card(self, card_id: str) -> Card | None:
        ids = self.card_ids()
        index = ids.index(self.card(card_id).id)
        return self.card(ids[index + 1]) if index + 1 < len(ids) else None

    def previous_card(self, card_id: str) -> Card | None:
        ids = self.card_ids()
        index = ids.index(self.card(card_id).id)
        return self.card(ids[index - 1]) if index > 0 else None
