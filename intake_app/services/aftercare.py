"""Aftercare that can be worked (INT-20, REF-05, REF-06): referrals followed to the end.

``AftercareOperations`` is part of ``IntakeService`` (a mixin, split off along this seam to
keep intake.py small): the same guarded store, the same gate, the same per-role context.
A referral moves planned → appointment made → arrived / not arrived / lost to contact, each
step with its date; feedback to the referrer needs the client's consent; the follow-up list
puts first what needs doing now.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from intake_app.core.errors import IntakeError
from intake_app.core.listing import FOLLOW_UP_HORIZON_DAYS, FOLLOW_UP_LOOKBACK_DAYS, DueFollowUp
from intake_app.core.model import (
    MAX_OPEN_REFERRALS,
    ConsentPurpose,
    IntakeSession,
    NextStep,
    Referral,
    ReferralStatus,
)
from intake_app.core.security import AuditAction, Permission
from intake_app.i18n.translator import N_
from intake_app.services.dto import FollowUpItem, FollowUpTask, SessionState
from intake_app.services.gate import gated
from intake_app.services.intake_mixin import IntakeMixin

TOO_MANY_REFERRALS = N_(
    "Meer dan twee verwijzingen tegelijk open: te veel doorverwezen? Houd één vaste contactpersoon."
)


class FeedbackConsentError(IntakeError):
    """Feedback to the referrer is personal data: the client has to agree first (REF-06)."""

    message = N_("De cliënt heeft geen toestemming gegeven voor terugkoppeling aan de verwijzer.")


def too_many_referrals(session: IntakeSession) -> bool:
    """REF-05: more than two open referrals at once."""
    return sum(1 for r in session.referrals if r.status.open) > MAX_OPEN_REFERRALS


def _referral(session: IntakeSession, referral_id: int) -> Referral:
    for referral in session.referrals:
        if referral.id == referral_id:
            return referral
    raise IntakeError("Deze verwijzing bestaat niet meer.")


def _step(session: IntakeSession, step_id: int) -> NextStep:
    for step in session.next_steps:
        if step.id == step_id:
            return step
    raise IntakeError("Deze stap bestaat niet meer.")


def _referral_task(referral: Referral, fallback: date) -> FollowUpTask:
    # Due on its appointment day (then someone should ask: did she get there?), else on the
    # session's follow-up date.
    return FollowUpTask(
        kind="referral",
        item_id=referral.id or 0,
        label=referral.organisation_name,
        status=referral.status.value,
        due=referral.appointment.date() if referral.appointment else fallback,
        contact_person=referral.contact_person,
    )


def _step_task(step: NextStep, fallback: date) -> FollowUpTask:
    return FollowUpTask(
        kind="step", item_id=step.id or 0, label=step.what, due=step.due or fallback
    )


def follow_up_item(
    due: DueFollowUp,
    referrals: Sequence[Referral],
    steps: Sequence[NextStep],
    today: date,
) -> FollowUpItem:
    """One session's line on the follow-up list with what there is to do, most pressing first."""
    fallback = due.follow_up_date
    tasks = sorted(
        [_referral_task(r, fallback) for r in referrals if r.status.open]
        + [_step_task(s, fallback) for s in steps if not s.done],
        key=lambda task: (task.due, task.kind, task.label),
    )
    first = min([due.follow_up_date, *(task.due for task in tasks)])
    return FollowUpItem(
        due.session_id,
        due.code,
        due.follow_up_date,
        first < today,
        due.open_referrals,
        tasks=tuple(tasks),
        first_due=first,
        too_many_referrals=sum(1 for r in referrals if r.status.open) > MAX_OPEN_REFERRALS,
    )


class AftercareOperations(IntakeMixin):
    """Referral status, contact person, feedback and steps done; mixed into IntakeService."""

    # One audit line for viewing the list, not one per row (it shows codes only).
    @gated(Permission.READ_SESSIONS, AuditAction.OPENED, target="follow-ups")
    def follow_ups(
        self,
        today: date,
        *,
        horizon_days: int = FOLLOW_UP_HORIZON_DAYS,
        lookback_days: int = FOLLOW_UP_LOOKBACK_DAYS,
    ) -> list[FollowUpItem]:
        """Follow-ups due from ``lookback_days`` ago to ``today + horizon_days``, each with
        its open referrals and steps; the most pressing first.

        Three queries for the whole list (design.md section 9: Nazorg within 0.3 s at 50,000
        sessions), never one read per session.
        """
        since, until = today - timedelta(days=lookback_days), today + timedelta(days=horizon_days)
        due = self._sessions.due_follow_ups(since, until)
        open_referrals, open_steps = self._sessions.open_aftercare(since, until)
        referrals: dict[int, list[Referral]] = {}
        steps: dict[int, list[NextStep]] = {}
        for session_id, referral in open_referrals:
            referrals.setdefault(session_id, []).append(referral)
        for session_id, step in open_steps:
            steps.setdefault(session_id, []).append(step)
        items = [
            follow_up_item(d, referrals.get(d.session_id, []), steps.get(d.session_id, []), today)
            for d in due
        ]
        return sorted(items, key=lambda item: (item.first_due or item.follow_up_date, item.code))

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_referral_status(
        self,
        session_id: int,
        referral_id: int,
        status: ReferralStatus,
        *,
        on: date,
        appointment: datetime | None = None,
    ) -> SessionState:
        """Record where a referral stands, and since when (the appointment, when made)."""
        referral = _referral(self._sessions.get_session(session_id), referral_id)
        if status is ReferralStatus.APPOINTMENT_MADE and appointment is None:
            appointment = referral.appointment
        changed = replace(
            referral,
            status=status,
            status_on=on,
            appointment=appointment if appointment is not None else referral.appointment,
        )
        self._sessions.update_referral(session_id, changed)
        return self.open_session(session_id, changed={"referrals"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_referral_contact(
        self, session_id: int, referral_id: int, contact_person: str
    ) -> SessionState:
        """One named person at the organisation the client can ask for (REF-05)."""
        referral = _referral(self._sessions.get_session(session_id), referral_id)
        self._sessions.update_referral(
            session_id, replace(referral, contact_person=contact_person.strip())
        )
        return self.open_session(session_id, changed={"referrals"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def record_feedback(
        self, session_id: int, referral_id: int, feedback: str, *, on: date
    ) -> SessionState:
        """What the referrer was told about the referral (REF-06); only with consent."""
        session = self._sessions.get_session(session_id)
        referral = _referral(session, referral_id)
        if not session.consent(ConsentPurpose.FEEDBACK_TO_REFERRER):
            raise FeedbackConsentError()
        text = feedback.strip()
        if not text:
            raise IntakeError("Beschrijf wat u hebt teruggekoppeld.")
        self._sessions.update_referral(session_id, replace(referral, feedback=text, feedback_on=on))
        return self.open_session(session_id, changed={"referrals"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_step_done(self, session_id: int, step_id: int, done: bool = True) -> SessionState:
        step = _step(self._sessions.get_session(session_id), step_id)
        self._sessions.update_next_step(session_id, replace(step, done=done))
        return self.open_session(session_id, changed={"next_steps"})
