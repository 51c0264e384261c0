"""The session repository as the services see it: checked, cleaned and audited.

``GuardedSessionRepository`` implements the ``SessionRepository`` port around the real one:
- it asks ``Access`` first (a coordinator never reads a session, PRV-10);
- it cleans every text a person typed (core/text_hygiene.py) before it is stored;
- it writes the audit log: opened, changed, erased, consent given or revoked. Note text never
  goes into the log, only that a note was added. Repeated "opened"/"changed" events for the
  same session and user are written at most once per ``AUDIT_INTERVAL``, so autosaving every
  answer does not double the writes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from intake_app.core.listing import DueFollowUp, SessionHeader
from intake_app.core.model import (
    Answer,
    Consent,
    ConsentPurpose,
    Debt,
    IntakeSession,
    NextStep,
    Note,
    OnTheSpotAction,
    PhaseStatus,
    ProvisionCheck,
    Referral,
    ReferralStatus,
    Urgency,
)
from intake_app.core.ports import SessionRepository
from intake_app.core.security import AuditAction, Permission
from intake_app.core.text_hygiene import clean_note, clean_text
from intake_app.services.access import Access

AUDIT_INTERVAL = timedelta(minutes=10)
T = TypeVar("T")

# Free-text fields per record type and the length rule (core/text_hygiene.MAX_LENGTHS).
_TEXT_FIELDS: dict[type, dict[str, str]] = {
    Debt: {
        "creditor": "creditor",
        "country": "short",
        "purpose": "short",
        "relationship_text": "name",
    },
    OnTheSpotAction: {"description": "short"},
    NextStep: {"what": "short"},
    Referral: {
        "organisation_name": "creditor",
        "accompanied_by": "creditor",
        "contact_person": "creditor",
        "feedback": "short",
    },
}
_SESSION_TEXT = {"first_name": "name", "neighbourhood": "short", "age_band": "short"}


def _clean(record: T) -> T:
    fields = _TEXT_FIELDS.get(type(record), {})
    changes = {name: clean_text(getattr(record, name), kind) for name, kind in fields.items()}
    return dataclasses.replace(record, **changes) if changes else record  # type: ignore[type-var]


class GuardedSessionRepository:
    def __init__(self, inner: SessionRepository, access: Access) -> None:
        self._inner = inner
        self._access = access
        self._last: dict[tuple[int, str, int, AuditAction], datetime] = {}

    # -- helpers ----------------------------------------------------------------------
    def _read(self, session_id: int) -> None:
        self._access.require(Permission.READ_SESSIONS, f"session:{session_id}")
        self._audit_once(AuditAction.OPENED, session_id)

    def _write(self, session_id: int, detail: str = "") -> None:
        self._access.require(Permission.WRITE_SESSIONS, f"session:{session_id}")
        self._audit_once(AuditAction.CHANGED, session_id, detail)

    def _audit_once(self, action: AuditAction, session_id: int, detail: str = "") -> None:
        key = (self._access.generation, self._access.actor, session_id, action)
        now = datetime.now(UTC)
        last = self._last.get(key)
        if last is None or now - last >= AUDIT_INTERVAL:
            self._last[key] = now
            self._access.audit(action, f"session:{session_id}", detail)

    # -- sessions ---------------------------------------------------------------------
    def create_session(
        self, *, client_language: str, practice: bool = False, owner: str | None = None
    ) -> IntakeSession:
        """The owner is always whoever is logged in: nobody starts a session for another."""
        user = self._access.require(Permission.WRITE_SESSIONS, "session:new")
        created = self._inner.create_session(
            client_language=client_language, practice=practice, owner=user.username
        )
        self._audit_once(AuditAction.CHANGED, created.id, "created")
        return created

    def list_sessions(self) -> Sequence[IntakeSession]:
        self._access.require(Permission.READ_SESSIONS, "sessions")
        return self._inner.list_sessions()

    def count_sessions(self, search: str = "") -> int:
        self._access.require(Permission.READ_SESSIONS, "sessions")
        return self._inner.count_sessions(search)

    def session_page(self, offset: int, limit: int, search: str = "") -> Sequence[SessionHeader]:
        self._access.require(Permission.READ_SESSIONS, "sessions")
        return self._inner.session_page(offset, limit, search)

    def latest_unfinished(self, owner: str | None = None) -> SessionHeader | None:
        """Only the logged-in user's own (issue 20); ``owner`` cannot ask for another's."""
        user = self._access.require(Permission.READ_SESSIONS, "sessions")
        return self._inner.latest_unfinished(user.username)

    def due_follow_ups(self, since: date, until: date) -> Sequence[DueFollowUp]:
        # The audit line for viewing the list is the gate's (IntakeService.follow_ups).
        self._access.require(Permission.READ_SESSIONS, "follow-ups")
        return self._inner.due_follow_ups(since, until)

    def open_aftercare(
        self, since: date, until: date
    ) -> tuple[Sequence[tuple[int, Referral]], Sequence[tuple[int, NextStep]]]:
        self._access.require(Permission.READ_SESSIONS, "follow-ups")
        return self._inner.open_aftercare(since, until)

    def get_session(self, session_id: int) -> IntakeSession:
        self._access.require(Permission.READ_SESSIONS, f"session:{session_id}")
        session = self._inner.get_session(session_id)
        # Audited once it exists: a mistyped number opened nothing and leaves no trace.
        self._audit_once(AuditAction.OPENED, session_id)
        return session

    def update_session(self, session_id: int, **changes: Any) -> None:
        self._write(session_id)
        for name, kind in _SESSION_TEXT.items():
            if isinstance(changes.get(name), str):
                changes[name] = clean_text(changes[name], kind)
        self._inner.update_session(session_id, **changes)

    def delete_session(self, session_id: int) -> None:
        self._access.require(Permission.ERASE_SESSIONS, f"session:{session_id}")
        self._inner.delete_session(session_id)
        self._access.audit(AuditAction.ERASED, f"session:{session_id}")

    def record_answer(self, session_id: int, answer: Answer, *, next_card: str | None) -> None:
        self._write(session_id, answer.card_id)
        self._inner.record_answer(session_id, answer, next_card=next_card)

    def set_phase_status(self, session_id: int, phase_id: str, status: PhaseStatus) -> None:
        self._write(session_id)
        self._inner.set_phase_status(session_id, phase_id, status)

    # -- records ----------------------------------------------------------------------
    def add_debt(self, session_id: int, debt: Debt) -> int:
        self._write(session_id)
        return self._inner.add_debt(session_id, _clean(debt))

    def update_debt(self, session_id: int, debt: Debt) -> None:
        self._write(session_id)
        self._inner.update_debt(session_id, _clean(debt))

    def remove_debt(self, session_id: int, debt_id: int) -> None:
        self._write(session_id)
        self._inner.remove_debt(session_id, debt_id)

    def add_urgency(self, session_id: int, urgency: Urgency) -> int:
        self._write(session_id)
        return self._inner.add_urgency(session_id, urgency)

    def update_urgency(self, session_id: int, urgency: Urgency) -> None:
        self._write(session_id)
        self._inner.update_urgency(session_id, urgency)

    def remove_urgency(self, session_id: int, urgency_id: int) -> None:
        self._write(session_id)
        self._inner.remove_urgency(session_id, urgency_id)

    def add_action(self, session_id: int, action: OnTheSpotAction) -> int:
        self._write(session_id)
        return self._inner.add_action(session_id, _clean(action))

    def update_action(self, session_id: int, action: OnTheSpotAction) -> None:
        self._write(session_id)
        self._inner.update_action(session_id, _clean(action))

    def remove_action(self, session_id: int, action_id: int) -> None:
        self._write(session_id)
        self._inner.remove_action(session_id, action_id)

    def remove_provision(self, session_id: int, provision_id: str) -> None:
        self._write(session_id)
        self._inner.remove_provision(session_id, provision_id)

    def set_provision(self, session_id: int, check: ProvisionCheck) -> None:
        self._write(session_id)
        self._inner.set_provision(session_id, check)

    def add_next_step(self, session_id: int, step: NextStep) -> int:
        self._write(session_id)
        return self._inner.add_next_step(session_id, _clean(step))

    def update_next_step(self, session_id: int, step: NextStep) -> None:
        self._write(session_id)
        self._inner.update_next_step(session_id, _clean(step))

    def remove_next_step(self, session_id: int, step_id: int) -> None:
        self._write(session_id)
        self._inner.remove_next_step(session_id, step_id)

    def add_referral(self, session_id: int, referral: Referral) -> int:
        self._write(session_id)
        return self._inner.add_referral(session_id, _clean(referral))

    def update_referral(self, session_id: int, referral: Referral) -> None:
        self._write(session_id)
        self._inner.update_referral(session_id, _clean(referral))

    def remove_referral(self, session_id: int, referral_id: int) -> None:
        self._write(session_id)
        self._inner.remove_referral(session_id, referral_id)

    def set_referral_status(
        self, session_id: int, referral_id: int, status: ReferralStatus
    ) -> None:
        self._write(session_id)
        self._inner.set_referral_status(session_id, referral_id, status)

    def record_consent(self, session_id: int, consent: Consent) -> None:
        self._access.require(Permission.WRITE_SESSIONS, f"session:{session_id}")
        self._inner.record_consent(session_id, consent)
        action = AuditAction.CONSENT_GIVEN if consent.given else AuditAction.CONSENT_REVOKED
        self._access.audit(action, f"session:{session_id}", consent.purpose.value)

    def revoke_consent(self, session_id: int, purpose: ConsentPurpose, at: datetime) -> None:
        self._access.require(Permission.WRITE_SESSIONS, f"session:{session_id}")
        self._inner.revoke_consent(session_id, purpose, at)
        self._access.audit(AuditAction.CONSENT_REVOKED, f"session:{session_id}", purpose.value)

    def add_note(self, session_id: int, note: Note) -> int:
        # The audit says *that* a note was added, never what it says.
        self._write(session_id, "note")
        return self._inner.add_note(
            session_id, dataclasses.replace(note, text=clean_note(note.text))
        )
