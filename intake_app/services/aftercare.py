"""Aftercare that can be worked (INT-20, REF-05, REF-06): referrals followed to the end.

``AftercareOperations`` is part of ``IntakeService`` (a mixin, split off along this seam to
keep intake.py small): the same guarded store, the same gate, the same per-role context.
A referral moves planned → appointment made → arrived / not arrived / lost to contact, each
step with its date; feedback to the referrer needs the client's consent; the follow-up list
puts first what needs doing now.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from intake_app.core.errors import IntakeError
from intake_app.core.model import (
    MAX_OPEN_REFERRALS,
    ConsentPurpose,
    IntakeSession,
    NextStep,
    Referral,
    ReferralStatus,
)
from intake_app.core.ports import SessionRepository
from intake_app.core.security import AuditAction, Permission
from intake_app.i18n.translator import N_
from intake_app.services.access import Access
from intake_app.services.dto import FollowUpItem, FollowUpTask, SessionState
from intake_app.services.gate import gated

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


def tasks_of(session: IntakeSession, today: date) -> tuple[FollowUpTask, ...]:
    """What there is to do for one session, most pressing first.

    A referral is due on its appointment day (then someone should ask: did she get there?),
    else on the session's follow-up date; a step on its own due date, else the follow-up date.
    """
    fallback = session.follow_up_date or today
    tasks = [
        FollowUpTask(
            kind="referral",
            item_id=referral.id or 0,
            label=referral.organisation_name,
            status=referral.status.value,
            due=referral.appointment.date() if referral.appointment else fallback,
            contact_person=referral.contact_person,
        )
        for referral in session.referrals
        if referral.status.open
    ] + [
        FollowUpTask(kind="step", item_id=step.id or 0, label=step.what, due=step.due or fallback)
        for step in session.next_steps
        if not step.done
    ]
    return tuple(sorted(tasks, key=lambda task: (task.due, task.kind, task.label)))


def follow_up_item(session: IntakeSession, today: date, horizon_days: int) -> FollowUpItem | None:
    """The session's line on the follow-up list, or None when nothing falls due soon."""
    tasks = tasks_of(session, today)
    dates = [task.due for task in tasks]
    if session.follow_up_date is not None:
        dates.append(session.follow_up_date)
    if not dates or session.practice:
        return None
    first = min(dates)
    if (first - today).days > horizon_days or (session.follow_up_date is None and not tasks):
        return None
    return FollowUpItem(
        session.id,
        session.code,
        session.follow_up_date or first,
        first < today,
        tuple(t.label for t in tasks if t.kind == "referral"),
        tasks=tasks,
        first_due=first,
        too_many_referrals=too_many_referrals(session),
    )


class AftercareOperations:
    """Referral status, contact person, feedback and steps done; mixed into IntakeService."""

    _access: Access
    _sessions: SessionRepository

    if TYPE_CHECKING:  # provided by IntakeService

        def open_session(
            self, session_id: int, *, changed: set[str] | None = None
        ) -> SessionState: ...

    @gated(Permission.READ_SESSIONS, None)
    def follow_ups(self, today: date, *, horizon_days: int = 7) -> list[FollowUpItem]:
        """Sessions with something due before ``today + horizon_days``; most pressing first."""
        items = []
        for listed in self._sessions.list_sessions():
            if listed.practice:
                continue
            item = follow_up_item(self._sessions.get_session(listed.id), today, horizon_days)
            if item is not None:
                items.append(item)
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
