"""An invented, complete session: every kind of record the intake keeps, in three scripts."""

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
    Direction,
    FormalCategory,
    Money,
    NextStep,
    Note,
    OnTheSpotAction,
    Owner,
    PhaseStatus,
    Pressure,
    ProvisionCheck,
    ProvisionStatus,
    Referral,
    ReferralStatus,
    Relationship,
    Urgency,
    UrgencyType,
    Wish,
)
from intake_app.storage.repository import SqlSessionRepository

NOW = datetime(2026, 11, 22, 10, 30, 15, 123456, tzinfo=UTC)


def fill_session(repo: SqlSessionRepository, language: str = "ar") -> int:
    s = repo.create_session(client_language=language)
    repo.update_session(
        s.id, first_name="سلمى", age_band="35-44", neighbourhood="Noord", visit=2,
        trust_confirmed_at=NOW, trauma_flag=True, follow_up_date=date(2026, 11, 29),
        next_appointment=NOW, phase_order=["question", "welcome"],
    )  # fmt: skip
    repo.set_phase_status(s.id, "informal", PhaseStatus.POSTPONED)
    repo.set_phase_status(s.id, "welcome", PhaseStatus.DONE)
    repo.add_debt(
        s.id,
        Debt(
            DebtKind.INFORMAL, Direction.OWED_BY_CLIENT, "inf_wedding",
            amount=Money(800000, approximate=True), relationship=Relationship.SIBLING,
            country="ኤርትራ", purpose="bruiloft", pressure=Pressure.SOME, wish=Wish.PAY_BACK,
            deadline=date(2027, 1, 31),
        ),
    )  # fmt: skip
    repo.add_debt(
        s.id,
        Debt(
            DebtKind.FORMAL, Direction.OWED_BY_CLIENT, "formal_debts", amount=Money(123456),
            creditor="Woonbedrijf Voorbeeld", category=FormalCategory.RENT, monthly=True,
        ),
    )  # fmt: skip
    repo.add_debt(
        s.id, Debt(DebtKind.INFORMAL, Direction.REMITTANCE, "inf_remittance", amount=Money(15000))
    )
    repo.add_urgency(s.id, Urgency(UrgencyType.EVICTION, deadline=date(2026, 12, 1)))
    repo.add_action(s.id, OnTheSpotAction(ActionType.CREDITOR_CALLED, NOW, "Verhuurder gebeld"))
    repo.set_provision(
        s.id, ProvisionCheck("huurtoeslag", ProvisionStatus.APPLIED_TODAY, Owner.TOGETHER)
    )
    repo.add_next_step(s.id, NextStep("Brief meenemen", Owner.CLIENT, date(2026, 11, 29)))
    ref = repo.add_referral(
        s.id, Referral(None, "Schuldhulpmaatje", formal=False, warm=True, accompanied_by="Noor")
    )
    repo.set_referral_status(s.id, ref, ReferralStatus.ARRIVED)
    repo.record_consent(s.id, Consent(ConsentPurpose.HANDOVER_FORMAL, True, NOW))
    repo.revoke_consent(s.id, ConsentPurpose.HANDOVER_FORMAL, NOW)
    repo.record_consent(s.id, Consent(ConsentPurpose.STORAGE, True, NOW))
    repo.add_note(s.id, Note("Alleen voor mij\nTweede regel", NOW, "inf_wedding"))
    repo.record_answer(
        s.id, Answer("primary_question", AnswerState.ANSWERED, ("rent", "energy")),
        next_card="urgency_check",
    )  # fmt: skip
    repo.record_answer(
        s.id, Answer("urgency_check", AnswerState.NOT_DISCUSSED, ()), next_card="household"
    )
    return s.id
