"""Every record of the intake round-trips through real SQLite, and directions never merge."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import text

from intake_app.core.model import (
    ActionType,
    Answer,
    AnswerState,
    Consent,
    ConsentPurpose,
    Debt,
    DebtKind,
    Direction,
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
from intake_app.storage.opening import open_storage

NOW = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)


def test_full_session_round_trip(any_db_url: str) -> None:
    storage = open_storage(any_db_url)
    repo = storage.sessions
    s = repo.create_session(client_language="tr")
    repo.update_session(
        s.id, first_name="Ayşe", age_band="35-44", trauma_flag=True,
        follow_up_date=date(2026, 11, 29), phase_order=["question", "welcome"],
    )  # fmt: skip
    repo.set_phase_status(s.id, "informal", PhaseStatus.POSTPONED)
    loan = repo.add_debt(
        s.id,
        Debt(
            DebtKind.INFORMAL, Direction.OWED_BY_CLIENT, "inf_wedding",
            amount=Money(800000, approximate=True), relationship=Relationship.SIBLING,
            country="TR", purpose="bruiloft", pressure=Pressure.SOME, wish=Wish.PAY_BACK,
        ),
    )  # fmt: skip
    repo.add_debt(
        s.id,
        Debt(DebtKind.INFORMAL, Direction.OWED_TO_CLIENT, "inf_lent_out", amount=Money(50000)),
    )
    repo.add_urgency(s.id, Urgency(UrgencyType.EVICTION, deadline=date(2026, 12, 1)))
    repo.add_action(s.id, OnTheSpotAction(ActionType.CREDITOR_CALLED, NOW, "Woonbedrijf gebeld"))
    repo.set_provision(s.id, ProvisionCheck("huurtoeslag", ProvisionStatus.NOT_RECEIVING))
    repo.set_provision(
        s.id, ProvisionCheck("huurtoeslag", ProvisionStatus.APPLIED_TODAY, Owner.TOGETHER)
    )
    repo.add_next_step(s.id, NextStep("Brief meenemen", Owner.CLIENT, date(2026, 11, 29)))
    ref = repo.add_referral(s.id, Referral(None, "Schuldhulpmaatje", formal=False, warm=True))
    repo.set_referral_status(s.id, ref, ReferralStatus.ARRIVED)
    repo.record_consent(s.id, Consent(ConsentPurpose.HANDOVER_FORMAL, True, NOW))
    repo.revoke_consent(s.id, ConsentPurpose.HANDOVER_FORMAL, NOW)
    repo.add_note(s.id, Note("Alleen voor mij", NOW, "inf_wedding"))
    repo.record_answer(
        s.id, Answer("primary_question", AnswerState.ANSWERED, ("rent",)), next_card=None
    )
    storage.close()

    again = open_storage(any_db_url)
    got = again.sessions.get_session(s.id)
    assert got.first_name == "Ayşe" and got.trauma_flag and got.age_band == "35-44"
    assert got.phase_order == ("question", "welcome")
    assert got.phase_status == {"informal": PhaseStatus.POSTPONED}
    owed, lent = got.debts
    assert owed.id == loan and owed.amount == Money(800000, approximate=True)
    assert owed.relationship is Relationship.SIBLING and owed.wish is Wish.PAY_BACK
    assert lent.direction is Direction.OWED_TO_CLIENT and lent.amount == Money(50000)
    assert got.urgencies[0].type is UrgencyType.EVICTION
    assert got.actions[0].at == NOW
    assert got.provisions == (
        ProvisionCheck("huurtoeslag", ProvisionStatus.APPLIED_TODAY, Owner.TOGETHER),
    )
    assert got.referrals[0].status is ReferralStatus.ARRIVED
    assert not got.consent(ConsentPurpose.HANDOVER_FORMAL)
    assert got.notes[0].text == "Alleen voor mij"
    with again.engine.connect() as connection:
        options = connection.execute(text("SELECT card_id, option_id FROM answer_option")).all()
    assert options == [("primary_question", "rent")]
    again.sessions.delete_session(s.id)
    with again.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM debt")).scalar() == 0
    again.close()
