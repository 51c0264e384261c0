"""The Nazorg tab: a referral followed to "aangekomen" from the list, a step marked done."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from intake_app.core.model import ConsentPurpose, NextStep, Owner, Referral, ReferralStatus
from intake_app.i18n.translator import Translator
from intake_app.ui.follow_up_view import FollowUpView

REPO = Path(__file__).resolve().parents[1]
TODAY = date.today()


def _loaded(qtbot, view: FollowUpView, action) -> object:
    """Run ``action`` and wait for the list to come back from the worker thread."""
    with qtbot.waitSignal(view.loaded, timeout=30000):
        result = action()
    return result


def _click(qtbot, view: FollowUpView, button) -> None:
    _loaded(qtbot, view, lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))


def _lines(view: FollowUpView) -> list[str]:
    return view.texts()


def test_nazorg_list_follows_a_referral_to_arrived(gui_app, qtbot, context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    service.set_appointment(sid, follow_up=TODAY, next_appointment=None)
    service.add_referral(sid, Referral(None, "Schuldhulp Gemeente", formal=True, warm=True))
    state = service.add_next_step(sid, NextStep("Brief deurwaarder meenemen", Owner.CLIENT))
    referral_id = state.record.referrals[0].id
    step_id = state.record.next_steps[0].id
    service.set_consents(sid, {ConsentPurpose.FEEDBACK_TO_REFERRER: True})

    view = FollowUpView(service, Translator("nl", REPO / "translations"))
    qtbot.addWidget(view)
    view.resize(1100, 420)
    view.show()
    _loaded(qtbot, view, lambda: view.refresh(TODAY))
    lines = _lines(view)
    assert len(lines) == 3 and state.code in lines[0]
    assert any("Schuldhulp Gemeente · gepland" in line for line in lines)

    # The heading line has no referral actions; a referral line has.
    assert view.select("session", sid)
    assert not view.status_buttons[ReferralStatus.ARRIVED].isEnabled()
    assert view.select("referral", sid, referral_id)
    assert view.status_buttons[ReferralStatus.ARRIVED].isEnabled()
    assert not view.step_done_button.isEnabled()

    assert _loaded(qtbot, view, lambda: view.set_contact("Mevrouw De Vries"))
    assert any("contact: Mevrouw De Vries" in line for line in _lines(view))
    assert view.select("referral", sid, referral_id)
    _click(qtbot, view, view.status_buttons[ReferralStatus.APPOINTMENT_MADE])
    assert any("afspraak gemaakt" in line for line in _lines(view))
    out = os.environ.get("AFTERCARE_PNG")  # to look at: AFTERCARE_PNG=/tmp/nazorg.png
    if out:
        view.grab().save(out)
    assert view.select("referral", sid, referral_id)
    told = "Ze is aangemeld, de intake staat gepland."
    assert _loaded(qtbot, view, lambda: view.record_feedback(told))
    assert view.select("referral", sid, referral_id)
    _click(qtbot, view, view.status_buttons[ReferralStatus.ARRIVED])
    assert not any("Schuldhulp Gemeente" in line for line in _lines(view))  # done: off the list

    assert view.select("step", sid, step_id)
    _click(qtbot, view, view.step_done_button)
    assert len(_lines(view)) == 1  # only the session's own follow-up date is left

    stored = context.storage.sessions.get_session(sid)
    (referral,) = stored.referrals
    assert (referral.status, referral.status_on, referral.contact_person) == (
        ReferralStatus.ARRIVED,
        TODAY,
        "Mevrouw De Vries",
    )
    assert referral.feedback.startswith("Ze is aangemeld") and referral.feedback_on == TODAY
    assert stored.next_steps[0].done


def test_feedback_without_consent_is_refused_in_one_sentence(gui_app, qtbot, context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    service.set_appointment(sid, follow_up=TODAY, next_appointment=None)
    state = service.add_referral(sid, Referral(None, "Wijkteam", formal=False, warm=False))
    view = FollowUpView(service, Translator("nl", REPO / "translations"))
    qtbot.addWidget(view)
    _loaded(qtbot, view, lambda: view.refresh(TODAY))
    assert view.select("referral", sid, state.record.referrals[0].id)
    assert not view.record_feedback("Aangekomen.")
    assert "geen toestemming" in view.message.text() and "\n" not in view.message.text()
    assert context.storage.sessions.get_session(sid).referrals[0].feedback == ""
