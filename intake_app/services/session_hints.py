"""The escalation hints beside the conversation, for the counsellor (REF-04, INT-11).

Split off from intake.py: ``session_hints`` is a pure function of the flow and the session
(no storage, no gate), which ``IntakeService`` puts into every ``SessionState``; the hints of
the card in view come from card_hints.py.
"""

from __future__ import annotations

from intake_app.core.flow import Flow
from intake_app.core.model import (
    AnswerState,
    DebtKind,
    FormalCategory,
    IntakeSession,
)
from intake_app.i18n.translator import N_
from intake_app.services.aftercare import (
    TOO_MANY_REFERRALS,
    too_many_referrals,
)
from intake_app.services.card_hints import card_hints

# The question behind the question (INT-11): a signal suggests where help could come from.
LIFE_DOMAIN_REFERRALS = {
    "health": N_("Zorgen over gezondheid: bespreek een verwijzing naar de huisarts of de GGZ."),
    "parenting": N_("Zorgen over opvoeding: het wijkteam of jeugdteam kan meedenken."),
    "caregiving": N_("Zorg voor een ander: vraag naar mantelzorgondersteuning in de gemeente."),
    "safety_at_home": N_(
        "Onveilig thuis: zet de veiligheidsvlag en overleg met Veilig Thuis of een professional."
    ),
    "work_or_course": N_("Werk of taalles: verwijs naar het werkplein, UWV of taalaanbod."),
    "loneliness": N_("Alleen voelen: noem een buurthuis, maatje of zelforganisatie."),
}


def session_hints(flow: Flow, session: IntakeSession) -> list[str]:
    """Escalation hints for volunteers (REF-04), the referrals the life-domain answers
    point to (INT-11); services/card_hints.py adds those of the card in view (COM-06,
    INT-03, GEN-03, GEN-06, ORG-08)."""
    hints: list[str] = []
    domains = session.answers.get("life_domains")
    if domains is not None and domains.state is AnswerState.ANSWERED:
        hints += [LIFE_DOMAIN_REFERRALS[d] for d in domains.value if d in LIFE_DOMAIN_REFERRALS]
    formal = [d for d in session.debts if d.kind is DebtKind.FORMAL]
    if len(formal) >= 3 and session.urgencies:
        hints.append(N_("Meerdere schuldeisers en iets dringends: schakel een professional in."))
    if too_many_referrals(session):
        hints.append(TOO_MANY_REFERRALS)
    if session.trauma_flag:
        hints.append(
            N_("Mogelijk trauma: vraag niet door over de vlucht, houd het kort, bied pauzes.")
        )
    if session.safety_flag:
        hints.append(N_("Zorgen over veiligheid: overleg met een professional of Veilig Thuis."))
    if any(d.category is FormalCategory.TAX_OFFICE for d in formal):
        hints.append(N_("Schulden bij de Belastingdienst: vraag een professional mee te kijken."))
    hints += card_hints(flow, session)
    return hints
