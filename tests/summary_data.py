"""An invented intake with everything the printed documents show (no real people)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from intake_app.core.model import (
    ActionType,
    Answer,
    AnswerState,
    Consent,
    ConsentPurpose,
    Debt,
    DebtKind,
    DebtStatus,
    Direction,
    FormalCategory,
    Money,
    NextStep,
    Note,
    OnTheSpotAction,
    Owner,
    Pressure,
    ProvisionCheck,
    ProvisionStatus,
    Referral,
    Relationship,
    Urgency,
    UrgencyType,
    Wish,
)

AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
NOTE_TEXT = "Geheime notitie: cliënt bang voor ex-partner"
CREDITORS = ("Woonstad Zuid", "Energie Noord BV", "ZorgPlus Verzekeringen")
PARTNER_TEXT = "Ex-partner"


def make_session(
    repo,
    language: str,
    *,
    consents: tuple[ConsentPurpose, ...] = (),
    extra_steps: int = 0,
    informal_consent: bool = True,
) -> int:
    session = repo.create_session(client_language=language)
    sid = session.id
    repo.update_session(
        sid,
        safety_flag=True,
        discreet=False,  # chosen with the client: full paper despite the safety flag
        trauma_flag=True,
        next_appointment=datetime(2026, 12, 3, 10, 30, tzinfo=UTC),
        follow_up_date=date(2026, 12, 10),
    )
    repo.add_urgency(sid, Urgency(UrgencyType.DISCONNECTION, deadline=date(2026, 11, 28)))
    repo.add_urgency(sid, Urgency(UrgencyType.BAILIFF, resolved=True))
    repo.add_action(sid, OnTheSpotAction(ActionType.CREDITOR_CALLED, AT, "Energie Noord BV"))
    repo.add_action(sid, OnTheSpotAction(ActionType.FORM_FILLED, AT))
    formal = [
        (CREDITORS[0], FormalCategory.RENT, 123456, False),
        (CREDITORS[1], FormalCategory.ENERGY, 45000, True),
        (CREDITORS[2], FormalCategory.HEALTH_INSURANCE, 30099, False),
    ]
    for creditor, category, cents, approx in formal:
        repo.add_debt(
            sid,
            Debt(
                DebtKind.FORMAL,
                Direction.OWED_BY_CLIENT,
                "formal_debts",
                Money(cents, approx),
                creditor=creditor,
                category=category,
                status=DebtStatus.UNDISPUTED,
            ),
        )
    informal = [
        (Direction.OWED_BY_CLIENT, "inf_family_nl", Relationship.SIBLING, 50000, False, ""),
        (Direction.OWED_BY_CLIENT, "inf_friends", Relationship.FRIEND, 20000, False, ""),
        (Direction.OWED_TO_CLIENT, "inf_lent_out", Relationship.PARTNER, 75000, False, ""),
        (Direction.REMITTANCE, "inf_remittance", Relationship.PARENT, 15000, True, "Eritrea"),
    ]
    for direction, card, relation, cents, monthly, country in informal:
        repo.add_debt(
            sid,
            Debt(
                DebtKind.INFORMAL,
                direction,
                card,
                Money(cents),
                monthly=monthly,
                relationship=relation,
                country=country,
                pressure=Pressure.SOME,
                wish=Wish.PAY_BACK,
                consent_handover=informal_consent,
            ),
        )
    repo.set_provision(
        sid, ProvisionCheck("huurtoeslag", ProvisionStatus.NOT_RECEIVING, Owner.TOGETHER)
    )
    repo.set_provision(sid, ProvisionCheck("zorgtoeslag", ProvisionStatus.RECEIVES))
    repo.add_next_step(
        sid, NextStep("Bel Woonstad Zuid over € 1.234,56", Owner.CLIENT, date(2026, 11, 25))
    )
    repo.add_next_step(sid, NextStep("Brief sturen naar de gemeente", Owner.COUNSELLOR))
    repo.add_next_step(sid, NextStep("Samen de toeslag aanvragen", Owner.TOGETHER))
    for n in range(extra_steps):
        repo.add_next_step(
            sid, NextStep(f"Extra taak {n + 1}: papieren sorteren en meenemen", Owner.CLIENT)
        )
    repo.add_referral(
        sid,
        Referral(
            None,
            "Schuldhulp Rotterdam-Zuid",
            formal=True,
            warm=True,
            appointment=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
            accompanied_by="sleutelpersoon",
        ),
    )
    for card, values in (
        ("documents_to_bring", ("letters", "bank_statements")),
        ("interpreter_mode", ("phone_interpreter",)),
        ("primary_question", ("energy",)),
        ("life_domains", ("health", "safety_at_home")),
        ("preferred_channel", ("whatsapp", "no_post_home")),
    ):
        repo.record_answer(sid, Answer(card, AnswerState.ANSWERED, values, AT), next_card=None)
    repo.add_note(sid, Note(NOTE_TEXT, AT))
    for purpose in consents:
        repo.record_consent(sid, Consent(purpose, True, AT))
    return sid
