"""IntakeService on both backends: start, answer, decline, list, resume, print model."""

from __future__ import annotations

from intake_app.bootstrap.context import build_context


def test_intake_service_on_both_backends(any_context, any_db_url: str, tmp_path) -> None:
    intake = any_context.intake
    state = intake.start_session("ar")
    card = intake.flow.first_card()
    after = intake.answer(state.id, card.id, [card.options[0].id])
    assert after.answer(card.id).values == (card.options[0].id,)
    declined = intake.decline(state.id, card.id)
    assert declined.answer(card.id).declined  # "Liever niet": not discussed, never a no
    assert [item.code for item in intake.list_sessions()] == [state.code]
    assert any_context.summaries.build(state.id, "client").rtl
    any_context.close()

    again = build_context(db_url=any_db_url, data_dir=tmp_path)
    try:
        resumed = again.intake.open_session(state.id)
        assert resumed.answer(card.id).declined
        assert resumed.updated_at.tzinfo is not None
    finally:
        again.close()
