"""Lists that stay fast with years of data (issue 16): pages, search, resume offer, Nazorg.

Run on both backends: the list queries are plain SQL that PostgreSQL must answer alike.
"""

from __future__ import annotations

from datetime import date

from intake_app.core.listing import normalise_code_search
from intake_app.core.model import Referral, ReferralStatus
from intake_app.core.security import AuditAction


def test_pages_come_newest_first_and_add_up(any_context) -> None:
    intake = any_context.intake
    codes = [intake.start_session("nl").code for _ in range(7)]
    first = intake.session_page(0, 3, count=True)
    assert first.total == 7 and first.offset == 0 and first.has_more
    assert [i.code for i in first.items] == codes[::-1][:3]  # the most recent first
    rest = intake.session_page(3, 10)
    assert [i.code for i in first.items + rest.items] == codes[::-1] and not rest.has_more
    assert intake.session_page(7, 10).items == ()


def test_search_by_code_prefix_ignores_case_dashes_and_wildcards(any_context) -> None:
    intake = any_context.intake
    codes = [intake.start_session("nl").code for _ in range(5)]
    wanted = codes[2]
    typed = wanted[:6].lower()  # "k-7f3a" typed in lower case
    page = intake.session_page(0, 50, typed, count=True)
    assert wanted in [i.code for i in page.items]
    assert all(i.code.startswith(wanted[:6]) for i in page.items)
    assert page.total == len(page.items)
    # SQL wildcards are not the code's alphabet: they never widen the search.
    assert intake.session_page(0, 50, "%", count=True).total == 5  # nothing left: everything
    assert (
        intake.session_page(0, 50, "K-%", count=True).total
        == intake.session_page(0, 50, "K-", count=True).total
    )
    assert intake.session_page(0, 50, "ZZZZZZZZ").items == ()
    assert normalise_code_search(" k-7f'; drop") == "K-7FDROP"


def test_resume_offer_is_the_latest_unfinished_session(any_context) -> None:
    intake = any_context.intake
    assert intake.latest_unfinished() is None
    older = intake.start_session("nl")
    newer = intake.start_session("ar")
    assert intake.latest_unfinished().code == newer.code
    intake.set_appointment(newer.id, follow_up=date(2026, 12, 1), next_appointment=None)
    intake.complete(newer.id)
    assert intake.latest_unfinished().code == older.code


def test_nazorg_is_one_window_of_dates_with_open_referrals(any_context) -> None:
    intake = any_context.intake
    today = date(2026, 11, 22)
    due = intake.start_session("nl").id
    intake.set_appointment(due, follow_up=date(2026, 11, 20), next_appointment=None)
    intake.add_referral(due, Referral(None, "Budgetmaatje", formal=False, warm=True))
    state = intake.add_referral(due, Referral(None, "Voedselbank", formal=False, warm=False))
    arrived = next(r.id for r in state.record.referrals if r.organisation_name == "Voedselbank")
    any_context.storage.sessions.set_referral_status(due, arrived, ReferralStatus.ARRIVED)
    soon = intake.start_session("nl").id
    intake.set_appointment(soon, follow_up=date(2026, 11, 27), next_appointment=None)
    ancient = intake.start_session("nl").id  # overdue for a year: not this week's work
    intake.set_appointment(ancient, follow_up=date(2025, 11, 1), next_appointment=None)
    later = intake.start_session("nl").id
    intake.set_appointment(later, follow_up=date(2027, 3, 1), next_appointment=None)
    practice = intake.start_session("nl", practice=True).id
    intake.set_appointment(practice, follow_up=date(2026, 11, 21), next_appointment=None)

    items = intake.follow_ups(today)
    assert [i.session_id for i in items] == [due, soon]
    assert items[0].overdue and items[0].open_referrals == ("Budgetmaatje",)
    assert not items[1].overdue and items[1].open_referrals == ()


def test_viewing_nazorg_writes_one_audit_line_not_one_per_row(context) -> None:
    intake = context.intake
    for day in (18, 19, 20, 21):
        sid = intake.start_session("nl").id
        intake.set_appointment(sid, follow_up=date(2026, 11, day), next_appointment=None)
    log = context.storage.audit
    before = len(log.events(limit=10_000))
    assert len(intake.follow_ups(date(2026, 11, 22))) == 4
    after = log.events(limit=10_000)  # newest first
    new = after[: len(after) - before]
    assert [(e.action, e.target) for e in new] == [(AuditAction.OPENED, "follow-ups")]
