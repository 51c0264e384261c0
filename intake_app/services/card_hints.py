"""Counsellor hints that come from the card in view and the family's answers.

- COM-06: a sensitive card while a family member, child or key person interprets: offer a
  professional interpreter. The interpreter's kind is the one stored for the session.
- INT-03, GEN-06: a reassurance card whose text the organisation has not yet approved or
  replaced is a placeholder: the counsellor is told, so nothing is promised by accident.
- GEN-06: the fear of uithuisplaatsing keeps parents away: said on the children's card,
  and with children in the home on the family and money cards.
- GEN-03: on the money cards, with a partner: offer to talk to each partner apart.
- ORG-08: a wish for work or study (either partner) suggests social services or UWV.
"""

from __future__ import annotations

from intake_app.core.flow import Flow
from intake_app.core.model import AnswerState, IntakeSession
from intake_app.core.organisation_texts import PLACEHOLDER
from intake_app.i18n.translator import N_

# Interpreters from the client's own circle (COM-06).
INTERPRETING_RELATIVES = {"family_member", "child", "key_person"}
WORK_CARDS = ("work_self", "work_partner")
WORK_WISHES = {"wants_work", "wants_study"}
MONEY_CARDS = ("money_manager", "financial_independence", "who_signed")
WITH_CHILDREN = {"single_parent", "couple_with_children"}
WITH_PARTNER = {"couple", "couple_with_children"}

CHILD_INTERPRETS = N_("Een kind tolkt bij een gevoelig onderwerp. Bied een professionele tolk aan.")
RELATIVE_INTERPRETS = N_(
    "Een familielid tolkt bij een gevoelig onderwerp. Bied een professionele tolk aan."
)
PLACEHOLDER_TEXT = N_(
    "Voorbeeldtekst: uw organisatie heeft deze tekst nog niet goedgekeurd of vervangen. "
    "Zeg niets toe wat u niet kunt waarmaken."
)
CHILDREN_AT_HOME = N_(
    "Kinderen in huis: veel ouders zijn bang dat hun kinderen uit huis worden geplaatst. "
    "Leg uit wat u wel en niet meldt."
)
PARTNERS_APART = N_("Bied aan om elke partner apart te spreken, als dat veilig en gewenst is.")
WORK_REFERRAL = N_("Wens voor werk of opleiding: verwijs naar de sociale dienst of het UWV.")


def interpreter_kind(session: IntakeSession) -> str:
    """The kind stored for the session; the card's answer when nothing is stored (sessions
    from before the kind was stored)."""
    if session.interpreter_kind:
        return session.interpreter_kind
    answer = session.answers.get("interpreter_mode")
    return answer.value[0] if answer is not None and answer.value else ""


def _answered(session: IntakeSession, card_id: str) -> set[str]:
    answer = session.answers.get(card_id)
    if answer is None or answer.state is not AnswerState.ANSWERED:
        return set()
    return set(answer.value)


def card_hints(flow: Flow, session: IntakeSession) -> list[str]:
    hints: list[str] = []
    current = session.current_card
    card = flow.card(current) if current is not None else None
    kind = interpreter_kind(session)
    if card is not None and card.sensitive and kind in INTERPRETING_RELATIVES:
        hints.append(CHILD_INTERPRETS if kind == "child" else RELATIVE_INTERPRETS)
    if card is not None and card.organisation_text == PLACEHOLDER:
        hints.append(PLACEHOLDER_TEXT)
    household = _answered(session, "household")
    # Not on every card: on the children's card, and where family and money are asked.
    if current == "welcome_children" or (
        household & WITH_CHILDREN and current in ("household", *MONEY_CARDS, "life_domains")
    ):
        hints.append(CHILDREN_AT_HOME)
    if current in MONEY_CARDS and household & WITH_PARTNER:
        hints.append(PARTNERS_APART)
    if any(_answered(session, card_id) & WORK_WISHES for card_id in WORK_CARDS):
        hints.append(WORK_REFERRAL)
    return hints
