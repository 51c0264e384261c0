"""The flow engine's rules on the shipped content, without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from intake_app.content.loader import load_flow
from intake_app.core.engine import IntakeEngine, PhaseView
from intake_app.core.model import Answer, AnswerState, IntakeSession, PhaseStatus
from tests.conftest import REPO

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def engine() -> IntakeEngine:
    return IntakeEngine(load_flow(REPO / "resources" / "content"))


def _session(**changes: object) -> IntakeSession:
    return replace(IntakeSession(id=1, code="K-TEST-01", created_at=NOW, updated_at=NOW), **changes)


def _answered(session: IntakeSession, card: str, *values: str) -> IntakeSession:
    answer = Answer(card, AnswerState.ANSWERED, values, NOW)
    return replace(session, answers={**session.answers, card: answer})


def test_the_client_question_comes_before_money_and_informal_debts(engine) -> None:
    ids = [card.id for card in engine.sequence(_session())]
    assert ids.index("primary_question") < ids.index("income_sources")
    assert ids.index("urgency_check") < ids.index("on_the_spot")


def test_informal_debts_stay_closed_until_trust_is_marked(engine) -> None:
    closed = _session()
    assert "inf_wedding" not in {c.id for c in engine.sequence(closed)}
    views = {s.phase.id: s.view for s in engine.phase_states(closed)}
    assert views["informal"] is PhaseView.LOCKED and views["wellbeing"] is PhaseView.LOCKED
    opened = _session(trust_confirmed_at=NOW)
    assert "inf_wedding" in {c.id for c in engine.sequence(opened)}


def test_postponed_phase_is_left_out_and_remembered(engine) -> None:
    session = _session(trust_confirmed_at=NOW, phase_status={"informal": PhaseStatus.POSTPONED})
    assert "inf_family_nl" not in {c.id for c in engine.sequence(session)}
    assert [p.id for p in engine.reminders(session)] == ["informal"]


def test_the_counsellor_can_reorder_and_skip(engine) -> None:
    session = _session(
        phase_order=("money", "question"), phase_status={"prepare": PhaseStatus.SKIPPED}
    )
    first = engine.first_card(session)
    assert first is not None and first.phase == "money"
    assert "interpreter_mode" not in {c.id for c in engine.sequence(session)}


def test_conditional_card_follows_the_answer(engine) -> None:
    session = _session()
    assert "gender_preference_honoured" not in {c.id for c in engine.sequence(session)}
    asked = _answered(session, "counsellor_gender_preference", "female")
    assert "gender_preference_honoured" in {c.id for c in engine.sequence(asked)}
    assert engine.next_card(asked, "counsellor_gender_preference").id == (
        "gender_preference_honoured"
    )
    none = _answered(session, "counsellor_gender_preference", "no_preference")
    assert engine.next_card(none, "counsellor_gender_preference").id == "own_community_preference"


def test_declined_answer_never_opens_a_condition(engine) -> None:
    declined = replace(
        _session(),
        answers={
            "counsellor_gender_preference": Answer(
                "counsellor_gender_preference", AnswerState.NOT_DISCUSSED, (), NOW
            )
        },
    )
    assert "gender_preference_honoured" not in {c.id for c in engine.sequence(declined)}


def test_completion_needs_a_follow_up_date(engine) -> None:
    assert engine.completion_problems(_session())
    assert not engine.completion_problems(_session(follow_up_date=date(2026, 11, 29)))


def test_back_and_next_skip_hidden_cards(engine) -> None:
    session = _session()
    assert engine.previous_card(session, "own_community_preference").id == (
        "counsellor_gender_preference"
    )
    assert engine.previous_card(session, "interpreter_mode") is None
    last = engine.sequence(session)[-1]
    assert engine.next_card(session, last.id) is None
