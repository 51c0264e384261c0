"""Three complete intakes through the services API, on a real SQLite file.

Invented cases: a wedding loan with money lent out; an urgent eviction letter with unused
provisions; a client who prefers not to talk about money between people.
"""

from __future__ import annotations

from datetime import date

import pytest

from intake_app.core.debts import totals
from intake_app.core.errors import IntakeError
from intake_app.core.model import (
    ActionType,
    AnswerState,
    Debt,
    DebtKind,
    Direction,
    Money,
    OnTheSpotAction,
    Owner,
    PhaseStatus,
    ProvisionCheck,
    ProvisionStatus,
    Relationship,
    SessionStatus,
    UrgencyType,
    Wish,
)
from intake_app.services.intake import IntakeService

FOLLOW_UP = date(2026, 11, 29)


def _prepare(service: IntakeService, sid: int) -> None:
    service.answer(sid, "interpreter_mode", ["professional_in_person"])
    service.answer(sid, "present", ["alone"])
    service.answer(sid, "counsellor_gender_preference", ["female"])
    state = service.answer(sid, "gender_preference_honoured", ["yes"])
    assert state.current_card == "own_community_preference"
    for card, option in [("own_community_preference", "no_matter"), ("setting", "walk_in"),
                         ("time_slot", "daytime"), ("route_in", "key_person")]:  # fmt: skip
        service.answer(sid, card, [option])
    state = service.answer(sid, "preferred_channel", ["whatsapp", "no_post_home"])
    assert state.current_card == "welcome_who"


def _through_welcome(service: IntakeService, sid: int) -> None:
    for _card in range(5):  # four cards and the children's reassurance (GEN-06)
        state = service.next(sid)
    assert state.current_card == "primary_question"


def test_wedding_loan_and_money_lent_out(context) -> None:
    service = context.intake
    sid = service.start_session("tr").id
    _prepare(service, sid)
    _through_welcome(service, sid)
    service.answer(sid, "primary_question", ["letter"])
    state = service.answer(sid, "urgency_check", ["none"])
    assert state.current_card == "on_the_spot"
    assert state.record.urgencies == ()
    service.next(sid)
    for card, values in [("household", ["couple_with_children"]), ("money_manager", ["together"]),
                         ("financial_independence", ["own_income", "own_account"]),
                         ("income_sources", ["work"]), ("work_self", ["has_work"]),
                         ("work_partner", ["wants_work"]),
                         ("problems_since", ["1_to_3_years"])]:  # fmt: skip
        service.answer(sid, card, values)
    service.add_debt(
        sid,
        Debt(
            DebtKind.FORMAL,
            Direction.OWED_BY_CLIENT,
            "formal_debts",
            amount=Money(45_000),
            creditor="Energiebedrijf",
        ),
    )
    service.next(sid)
    state = service.answer(sid, "documents_to_bring", ["letters", "bank_statements"])
    # Without trust the next card skips phases 5 and 6.
    assert state.current_card == "provisions_check"

    state = service.confirm_trust(sid)
    state = service.go_to_phase(sid, "informal")
    assert state.current_card == "informal_intro"
    state = service.go_to(sid, "inf_wedding")
    service.answer(sid, "inf_wedding", ["yes"])
    service.add_debt(
        sid,
        Debt(
            DebtKind.INFORMAL,
            Direction.OWED_BY_CLIENT,
            "inf_wedding",
            amount=Money(800_000, approximate=True),
            relationship=Relationship.SIBLING,
            country="TR",
            purpose="bruiloft dochter",
            wish=Wish.INCLUDE_IN_PLAN,
        ),
    )
    service.go_to(sid, "inf_lent_out")
    service.answer(sid, "inf_lent_out", ["yes"])
    state = service.add_debt(
        sid,
        Debt(
            DebtKind.INFORMAL,
            Direction.OWED_TO_CLIENT,
            "inf_lent_out",
            amount=Money(50_000),
            relationship=Relationship.FRIEND,
            wish=Wish.WANT_BACK,
        ),
    )
    assert state.changed == {"debts"}
    state = service.set_appointment(sid, follow_up=FOLLOW_UP, next_appointment=None)
    state = service.complete(sid)

    record = context.storage.sessions.get_session(sid)
    assert record.status is SessionStatus.COMPLETED and record.completed_at is not None
    assert record.answers["inf_wedding"].value == ("yes",)
    by_direction = totals(record.debts)
    assert by_direction[(DebtKind.INFORMAL, Direction.OWED_BY_CLIENT)].cents == 800_000
    assert by_direction[(DebtKind.INFORMAL, Direction.OWED_TO_CLIENT)].cents == 50_000
    assert by_direction[(DebtKind.FORMAL, Direction.OWED_BY_CLIENT)].cents == 45_000
    # Nothing netted: each direction keeps its own full sum, and no row is changed.
    assert {d.amount.cents for d in record.debts} == {800_000, 50_000, 45_000}
    assert by_direction[(DebtKind.INFORMAL, Direction.OWED_BY_CLIENT)].approximate


def test_urgent_eviction_letter_and_unused_provisions(context) -> None:
    service = context.intake
    sid = service.start_session("ar").id
    service.set_phase_status(sid, "prepare", PhaseStatus.SKIPPED)
    state = service.open_session(sid)
    _through_welcome(service, sid)
    service.answer(sid, "primary_question", ["letter"])
    state = service.answer(sid, "urgency_check", ["eviction", "bailiff"])
    assert {u.type for u in state.record.urgencies} == {UrgencyType.EVICTION, UrgencyType.BAILIFF}
    assert state.current_card == "on_the_spot"
    # Answering again does not duplicate the urgent matters.
    state = service.answer(sid, "urgency_check", ["eviction", "bailiff"])
    assert len(state.record.urgencies) == 2
    state = service.add_action(
        sid,
        OnTheSpotAction(ActionType.CREDITOR_CALLED, state.updated_at, "Woningcorporatie gebeld"),
    )
    assert state.record.actions[0].description == "Woningcorporatie gebeld"
    state = service.go_to_phase(sid, "provisions")
    service.set_provision(sid, ProvisionCheck("huurtoeslag", ProvisionStatus.NOT_RECEIVING))
    state = service.set_provision(
        sid, ProvisionCheck("kwijtschelding", ProvisionStatus.APPLIED_TODAY, Owner.TOGETHER)
    )
    assert {p.provision_id: p.status for p in state.record.provisions} == {
        "huurtoeslag": ProvisionStatus.NOT_RECEIVING,
        "kwijtschelding": ProvisionStatus.APPLIED_TODAY,
    }
    with pytest.raises(IntakeError):
        service.set_provision(sid, ProvisionCheck("unknown_thing", ProvisionStatus.UNKNOWN))
    with pytest.raises(IntakeError, match="nazorg"):
        service.complete(sid)  # INT-20: no follow-up date yet
    service.set_appointment(sid, follow_up=FOLLOW_UP, next_appointment=None)
    state = service.complete(sid)
    assert state.record.status is SessionStatus.COMPLETED


def test_client_declines_money_between_people(context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    service.set_phase_status(sid, "prepare", PhaseStatus.SKIPPED)
    state = service.confirm_trust(sid)
    state = service.go_to_phase(sid, "informal")
    state = service.next(sid)  # past the normalising intro
    informal_cards = []
    while state.current_card and state.current_card.startswith("inf_"):
        informal_cards.append(state.current_card)
        state = service.decline(sid, state.current_card)
    assert "inf_wedding" in informal_cards and "inf_asked_network" in informal_cards
    assert state.current_card == "life_domains"
    record = context.storage.sessions.get_session(sid)
    for card in informal_cards:
        assert record.answers[card].state is AnswerState.NOT_DISCUSSED
        assert record.answers[card].value == ()  # "Liever niet" is never stored as "no"
    assert record.debts == ()


def test_pause_and_resume_counts_the_visit(context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    service.answer(sid, "interpreter_mode", ["none"])
    service.pause(sid)
    state = service.resume_session(sid)
    assert state.record.visit == 2 and state.record.status is SessionStatus.ACTIVE
    assert state.current_card == "present"


def test_reorder_phases_moves_the_flow(context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    state = service.move_phase(sid, "question", -2)
    assert [p.phase.id for p in state.phases][:3] == ["question", "prepare", "welcome"]


def test_bad_input_is_refused_with_a_message(context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    with pytest.raises(IntakeError):
        service.answer(sid, "interpreter_mode", ["none", "phone_interpreter"])
    with pytest.raises(IntakeError):
        service.add_note(sid, "   ")
    with pytest.raises(IntakeError):
        service.add_note(sid, "x" * 4001)
    with pytest.raises(IntakeError):
        service.add_debt(sid, Debt(DebtKind.FORMAL, Direction.OWED_BY_CLIENT, "formal_debts"))
    with pytest.raises(IntakeError):
        service.start_session("xx")


def test_follow_up_list_shows_who_is_due_and_open_referrals(context) -> None:
    from intake_app.core.model import Referral

    service = context.intake
    due = service.start_session("nl").id
    service.set_appointment(due, follow_up=date(2026, 11, 20), next_appointment=None)
    service.add_referral(due, Referral(None, "Budgetmaatje", formal=False, warm=True))
    later = service.start_session("nl").id
    service.set_appointment(later, follow_up=date(2027, 3, 1), next_appointment=None)
    practice = service.start_session("nl", practice=True).id
    service.set_appointment(practice, follow_up=date(2026, 11, 21), next_appointment=None)
    items = service.follow_ups(date(2026, 11, 22))
    assert [item.session_id for item in items] == [due]
    assert items[0].overdue and items[0].open_referrals == ("Budgetmaatje",)


def test_directory_suggestions_respect_preferences(context) -> None:
    from intake_app.core.directory import Organisation

    directory = context.directory
    directory.save(Organisation("Schuldhulp Gemeente", languages=("nl",)))
    directory.save(
        Organisation("Moskee Al-Amal", formal=False, languages=("ar", "nl"), own_community=True)
    )
    directory.save(
        Organisation("Vrouwenhuis", formal=False, languages=("ar",), contact_genders=("female",))
    )
    with pytest.raises(IntakeError):
        directory.save(Organisation("  "))
    with pytest.raises(IntakeError):
        directory.save(Organisation("X", languages=("xx",)))
    service = context.intake
    sid = service.start_session("ar").id
    service.answer(sid, "counsellor_gender_preference", ["female"])
    service.answer(sid, "own_community_preference", ["no"])
    names = [org.name for org in service.referral_suggestions(sid)]
    assert names == ["Vrouwenhuis", "Schuldhulp Gemeente"]  # no community org after a "no"
    service.answer(sid, "own_community_preference", ["yes"])
    assert service.referral_suggestions(sid)[0].name == "Moskee Al-Amal"


def test_life_domain_signals_suggest_referrals(context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    service.confirm_trust(sid)
    state = service.answer(sid, "life_domains", ["health", "safety_at_home"])
    assert any("huisarts" in hint for hint in state.hints)
    assert any("Veilig Thuis" in hint for hint in state.hints)
    state = service.decline(sid, "life_domains")
    assert not any("huisarts" in hint for hint in state.hints)  # "Liever niet" suggests nothing
