"""Texts the organisation approves or replaces: the reassurance cards (INT-03, GEN-06).

The app ships placeholder texts for these cards (``organisation_text: true`` in the
content). What an organisation may promise about the Belastingdienst, confidentiality and
children is its own decision, so the coordinator either approves the shipped text or writes
the organisation's own. Until then the counsellor panel says the text is a placeholder.
An own text is Dutch: other languages show it in Dutch (translated aloud), never the
placeholder's translation, because that would promise something the organisation did not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from intake_app.core.flow import Card, Flow

SETTING_PREFIX = "organisation_text:"


@dataclass(frozen=True, slots=True)
class OrganisationText:
    approved: bool = False  # the shipped text as it is
    title: str = ""  # the organisation's own text; empty: keep the shipped one
    explanation: str = ""

    @property
    def settled(self) -> bool:
        """No longer a placeholder: approved, or replaced by the organisation's own text."""
        return self.approved or bool(self.title.strip())


def setting_key(card_id: str) -> str:
    return f"{SETTING_PREFIX}{card_id}"


def _card(card: Card, text: OrganisationText | None) -> Card:
    if not card.organisation_text or text is None or not text.settled:
        return card
    if text.title.strip():
        return replace(
            card,
            title=text.title.strip(),
            explanation=text.explanation.strip(),
            organisation_text=False,
        )
    return replace(card, organisation_text=False)


def apply(flow: Flow, texts: Mapping[str, OrganisationText]) -> Flow:
    """The flow with the organisation's decisions on its placeholder cards."""
    phases = tuple(
        replace(phase, cards=tuple(_card(card, texts.get(card.id)) for card in phase.cards))
        for phase in flow.phases
    )
    return replace(flow, phases=phases)


def placeholder_cards(flow: Flow) -> list[Card]:
    return [card for card in flow.cards() if card.organisation_text]
