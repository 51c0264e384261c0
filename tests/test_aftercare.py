"""Aftercare that can be worked (issue 21, INT-20, REF-05, REF-06), through the services,
on SQLite and on PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from intake_app.core.model import ConsentPurpose, NextStep, Owner, Referral, ReferralStatus
from intake_app.core.security import AuditAction
from intake_app.services.aftercare import TOO_MANY_REFERRALS, FeedbackConsentError

TODAY = date(2026, 11, 26)


def test_a_referral_followed_from_planned_to_arrived_with_feedback(any_context) -> None:
    service = any_context.intake
    sid = service.start_session("nl").id
    service.set_appointment(sid, follow_up=date(2026, 12, 1), next_appointment=None)
    state = service.add_referral(sid, Referral(None, "Schuldhulp Gemeente", formal=True, warm=True))
    (referral,) = state.record.referrals
    assert referral.status is ReferralStatus.PLANNED and referral.planned_on is not None

    state = service.set_referral_contact(sid, referral.id, "  mevrouw De Vries ")
    assert state.record.referrals[0].contact_person == "mevrouw De Vries"
    appointment = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
    service.set_referral_status(
        sid, referral.id, ReferralStatus.APPOINTMENT_MADE, on=TODAY, appointment=appointment
    )
    (item,) = service.follow_ups(TODAY)
    assert item.first_due == date(2026, 11, 28)  # the appointment comes before the follow-up
    assert [(t.kind, t.status, t.contact_person) for t in item.tasks] == [
        ("referral", "appointment_made", "mevrouw De Vries")
    ]

    # Feedback to whoever sent the client needs the client's yes first (REF-06).
    with pytest.raises(FeedbackConsentError):
        service.record_feedback(sid, referral.id, "Ze is aangekomen.", on=TODAY)
    service.set_consents(sid, {ConsentPurpose.FEEDBACK_TO_REFERRER: True})
    service.set_referral_status(sid, referral.id, ReferralStatus.ARRIVED, on=date(2026, 11, 28))
    state = service.record_feedback(
        sid, referral.id, "Aangekomen, traject gestart.", on=date(2026, 11, 29)
    )
    stored = state.record.referrals[0]
    assert (stored.status, stored.status_on, stored.appointment) == (
        ReferralStatus.ARRIVED,
        date(2026, 11, 28),
        appointment.replace(tzinfo=stored.appointment.tzinfo),
    )
    assert (stored.feedback, stored.feedback_on) == (
        "Aangekomen, traject gestart.",
        date(2026, 11, 29),
    )

    # Arrived: nothing left to do for it; the session stays listed for its follow-up date.
    (item,) = service.follow_ups(TODAY)
    assert item.tasks == () and item.open_referrals == ()
    events = any_context.storage.audit.events(limit=50)
    assert any(e.action is AuditAction.CHANGED and e.target == f"session:{sid}" for e in events)


def test_the_list_puts_what_needs_doing_now_first(context) -> None:
    service = context.intake
    later = service.start_session("nl").id
    service.set_appointment(later, follow_up=date(2026, 12, 2), next_appointment=None)
    now = service.start_session("nl").id
    service.set_appointment(now, follow_up=date(2026, 12, 3), next_appointment=None)
    state = service.add_next_step(now, NextStep("Huurtoeslag aanvragen", Owner.CLIENT, due=TODAY))
    step_id = state.record.next_steps[0].id
    items = service.follow_ups(TODAY)
    assert [item.session_id for item in items] == [now, later]
    assert items[0].tasks[0].label == "Huurtoeslag aanvragen"

    service.set_step_done(now, step_id)
    items = service.follow_ups(TODAY)
    assert [item.session_id for item in items] == [later, now]
    assert items[1].tasks == ()


def test_more_than_two_open_referrals_warns(context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    service.set_appointment(sid, follow_up=TODAY, next_appointment=None)
    for name in ("Wijkteam", "Budgetmaatje"):
        state = service.add_referral(sid, Referral(None, name, formal=False, warm=False))
    assert TOO_MANY_REFERRALS not in state.hints
    state = service.add_referral(sid, Referral(None, "Voedselbank", formal=True, warm=False))
    assert TOO_MANY_REFERRALS in state.hints
    assert service.follow_ups(TODAY)[0].too_many_referrals
    # One lost to contact: two open again, no warning.
    first = state.record.referrals[0].id
    state = service.set_referral_status(sid, first, ReferralStatus.LOST_CONTACT, on=TODAY)
    assert TOO_MANY_REFERRALS not in state.hints
    assert not service.follow_ups(TODAY)[0].too_many_referrals


def _admin(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "intake_app.cli.main", "--db", db_url, "aftercare", *args],
        capture_output=True,
        text=True,
    )


def test_aftercare_on_the_command_line(context, db_url: str) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    service.set_appointment(sid, follow_up=TODAY, next_appointment=None)
    state = service.add_referral(sid, Referral(None, "Wijkteam Noord", formal=False, warm=True))
    rid = state.record.referrals[0].id
    listed = _admin(db_url, "list", "--today", TODAY.isoformat())
    assert listed.returncode == 0, listed.stderr
    assert f"verwijzing {rid}: Wijkteam Noord" in listed.stdout and "planned" in listed.stdout

    done = _admin(
        db_url, "referral", str(sid), str(rid), "--status", "arrived", "--on", "2026-11-27"
    )
    assert done.returncode == 0, done.stderr
    stored = context.storage.sessions.get_session(sid).referrals[0]
    assert (stored.status, stored.status_on) == (ReferralStatus.ARRIVED, date(2026, 11, 27))

    missing = _admin(db_url, "referral", str(sid), "999", "--status", "arrived")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.count("\n") == 1 and "bestaat niet meer" in missing.stderr


def test_a_database_from_before_issue_21_keeps_its_rows(any_db_url: str) -> None:
    """0003a → HEAD: sessions, answers, debts and referrals kept; the new fields defaulted."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from intake_app.core.model import Debtor
    from intake_app.storage.migrate import alembic_config
    from intake_app.storage.opening import open_storage

    engine = create_engine(any_db_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003a_storage")
    at = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO intake_session (id, code, created_at, updated_at, client_language,"
                " status, practice, first_name, age_band, neighbourhood, visit, trauma_flag,"
                " safety_flag, phase_order_json) VALUES (1, 'K-OLD2-CD', :t, :t, 'ar',"
                " 'paused', false, '', '', '', 1, false, true, '[]')"
            ),
            {"t": at},
        )
        connection.execute(
            text(
                "INSERT INTO answer (session_id, card_id, state, value_json, answered_at)"
                " VALUES (1, 'primary_question', 'answered', '[\"rent\"]', :t)"
            ),
            {"t": at},
        )
        connection.execute(
            text(
                "INSERT INTO debt (session_id, kind, direction, card_id, amount_cents,"
                " approximate, monthly, creditor, country, purpose, terms, pressure, wish,"
                " status, consent_handover) VALUES (1, 'informal', 'owed_by_client',"
                " 'inf_wedding', 800000, true, false, '', '', 'bruiloft', 'verbal', 'some',"
                " 'pay_back', 'disputed', false)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO referral (session_id, organisation_name, formal, warm, status,"
                " accompanied_by) VALUES (1, 'Wijkteam', false, true, 'planned', '')"
            )
        )
    engine.dispose()
    storage = open_storage(any_db_url)
    try:
        session = storage.sessions.get_session(1)
        assert session.answers["primary_question"].value == ("rent",)
        (debt,) = session.debts
        assert (debt.amount.cents, debt.purpose, debt.debtor, debt.confirmed) == (
            800000,
            "bruiloft",
            Debtor.CLIENT,
            True,
        )
        (referral,) = session.referrals
        assert (referral.organisation_name, referral.contact_person) == ("Wijkteam", "")
        assert session.discreet is None and session.paper_discreet  # the safety flag
    finally:
        storage.close()


def test_the_statistics_count_referrals_by_their_status(context) -> None:
    """STA-14: the figures see what the Nazorg list recorded (raw counts, before the
    disclosure control that hides small numbers)."""
    from intake_app.core.model import SessionStatus
    from intake_app.core.statistics import StatisticsQuery
    from intake_app.storage.statistics_queries import SqlStatisticsQueries

    service = context.intake
    sid = service.start_session("nl").id
    for name in ("Wijkteam", "Schuldhulp", "Voedselbank"):
        state = service.add_referral(sid, Referral(None, name, formal=True, warm=False))
    first, second, _third = (r.id for r in state.record.referrals)
    service.set_referral_status(sid, first, ReferralStatus.ARRIVED, on=TODAY)
    service.set_referral_status(sid, second, ReferralStatus.APPOINTMENT_MADE, on=TODAY)
    context.storage.sessions.update_session(
        sid, status=SessionStatus.COMPLETED, completed_at=datetime(2026, 11, 20, tzinfo=UTC)
    )
    counts = SqlStatisticsQueries(context.storage.engine).raw_counts(
        StatisticsQuery("2026-11", "2026-11")
    )["referral_status"]
    by_status: dict[str, int] = {}
    for (value, _neighbourhood, _month), (count, _keys) in counts.items():
        by_status[value] = by_status.get(value, 0) + count
    assert by_status == {"arrived": 1, "appointment_made": 1, "planned": 1}
