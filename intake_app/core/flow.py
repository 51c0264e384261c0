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
    cards: tuple[Card, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Flow:
    phases: tuple[Phase, ...]

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
