"""Texts the organisation approves or replaces: the reassurance cards (INT-03, GEN-06).

The app ships placeholder texts for these cards (``organisation_text: true`` in the
content). What an organisation may promise about the Belastingdienst, confidentiality and
children is its own decision, so the coordinator either approves the shipped text or writes
the organisation's own (``intake-admin languages text``). Until then the counsellor panel
says the text is a placeholder. An own text is Dutch: the other languages show it in Dutch
(read out by the interpreter), never the placeholder's translation, which would promise
something the organisation did not. Decisions take effect when the app starts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace

from intake_app.core.flow import Card, Flow

SETTING_PREFIX = "organisation_text:"
PLACEHOLDER, APPROVED, OWN = "placeholder", "approved", "own"


@dataclass(frozen=True, slots=True)
class OrganisationText:
    approved: bool = False  # the shipped text as it is
    title: str = ""  # the organisation's own text; empty: keep the shipped one
    explanation: str = ""

    @property
    def state(self) -> str:
        if self.title.strip():
            return OWN
        return APPROVED if self.approved else PLACEHOLDER

    def to_setting(self) -> str:
        data = {"approved": self.approved, "title": self.title, "explanation": self.explanation}
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_setting(cls, value: str | None) -> OrganisationText:
        """A stored decision; anything unreadable counts as no decision (placeholder)."""
        try:
            data = json.loads(value) if value else {}
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        return cls(
            approved=data.get("approved") is True,
            title=str(data.get("title") or ""),
            explanation=str(data.get("explanation") or ""),
        )


def setting_key(card_id: str) -> str:
    return f"{SETTING_PREFIX}{card_id}"


def _card(card: Card, text: OrganisationText | None) -> Card:
    if not card.organisation_text or text is None:
        return card
    if text.state == OWN:
        return replace(
            card,
            title=text.title.strip(),
            explanation=text.explanation.strip(),
            organisation_text=OWN,
        )
    return replace(card, organisation_text=text.state)


def apply(flow: Flow, texts: Mapping[str, OrganisationText]) -> Flow:
    """The flow with the organisation's decisions on its placeholder cards."""
    phases = tuple(
        replace(phase, cards=tuple(_card(card, texts.get(card.id)) for card in phase.cards))
        for phase in flow.phases
    )
    return replace(flow, phases=phases)


def organisation_cards(flow: Flow) -> list[Card]:
    """Every card whose text is the organisation's to decide."""
    return [card for card in flow.cards() if card.organisation_text]


def placeholder_cards(flow: Flow) -> list[Card]:
    return [card for card in flow.cards() if card.organisation_text == PLACEHOLDER]
