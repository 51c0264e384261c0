"""The records inside a session for ``SqlSessionRepository``: debts, incomes, urgencies,
actions, provisions, next steps, referrals, consents and notes.

Split off from repository.py as a mixin: each change is one committed transaction that also
touches the session's "last saved" time; the methods differ only in the table they write.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import SQLModel, col, select

from intake_app.core.errors import NotFoundError
from intake_app.core.model import (
    Consent,
    ConsentPurpose,
    Debt,
    Income,
    NextStep,
    Note,
    OnTheSpotAction,
    ProvisionCheck,
    Referral,
    ReferralStatus,
    Urgency,
)
from intake_app.storage.mapping import to_columns
from intake_app.storage.session_store import (
    SessionStore,
)
from intake_app.storage.tables import (
    ActionRow,
    ConsentRow,
    DebtRow,
    IncomeRow,
    NextStepRow,
    NoteRow,
    ProvisionRow,
    ReferralRow,
    UrgencyRow,
)


class SessionRecords(SessionStore):
    """Add, change and remove the child records of one session."""

    def _add(self, session_id: int, row_class: type[SQLModel], item: object) -> int:
        with self._session() as session:
            row = self._session_row(session, session_id)
            child = row_class(session_id=session_id, **to_columns(item))
            self._touch(row)
            session.add_all([child, row])
            session.commit()
            child_id: int = child.id  # type: ignore[attr-defined]
            return child_id

    def _replace(self, session_id: int, row_class: type[SQLModel], item: Any) -> None:
        if item.id is None:
            raise ValueError("an item without id cannot be replaced")
        with self._session() as session:
            row = self._session_row(session, session_id)
            child = session.get(row_class, item.id)
            if child is None or child.session_id != session_id:  # type: ignore[attr-defined]
                raise NotFoundError("Dit onderdeel bestaat niet meer.")
            for name, value in to_columns(item).items():
                setattr(child, name, value)
            self._touch(row)
            session.add_all([child, row])
            session.commit()

    def _remove(self, session_id: int, row_class: type[SQLModel], item_id: int) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            child = session.get(row_class, item_id)
            if child is not None and child.session_id == session_id:  # type: ignore[attr-defined]
                session.delete(child)
            self._touch(row)
            session.add(row)
            session.commit()

    def add_debt(self, session_id: int, debt: Debt) -> int:
        return self._add(session_id, DebtRow, debt)

    def update_debt(self, session_id: int, debt: Debt) -> None:
        self._replace(session_id, DebtRow, debt)

    def remove_debt(self, session_id: int, debt_id: int) -> None:
        self._remove(session_id, DebtRow, debt_id)

    def add_income(self, session_id: int, income: Income) -> int:
        return self._add(session_id, IncomeRow, income)

    def update_income(self, session_id: int, income: Income) -> None:
        self._replace(session_id, IncomeRow, income)

    def remove_income(self, session_id: int, income_id: int) -> None:
        self._remove(session_id, IncomeRow, income_id)

    def add_urgency(self, session_id: int, urgency: Urgency) -> int:
        return self._add(session_id, UrgencyRow, urgency)

    def update_urgency(self, session_id: int, urgency: Urgency) -> None:
        self._replace(session_id, UrgencyRow, urgency)

    def remove_urgency(self, session_id: int, urgency_id: int) -> None:
        self._remove(session_id, UrgencyRow, urgency_id)

    def add_action(self, session_id: int, action: OnTheSpotAction) -> int:
        return self._add(session_id, ActionRow, action)

    def update_action(self, session_id: int, action: OnTheSpotAction) -> None:
        self._replace(session_id, ActionRow, action)

    def remove_action(self, session_id: int, action_id: int) -> None:
        self._remove(session_id, ActionRow, action_id)

    def remove_provision(self, session_id: int, provision_id: str) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            for stored in session.exec(
                select(ProvisionRow).where(
                    ProvisionRow.session_id == session_id,
                    ProvisionRow.provision_id == provision_id,
                )
            ):
                session.delete(stored)
            self._touch(row)
            session.add(row)
            session.commit()

    def set_provision(self, session_id: int, check: ProvisionCheck) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            existing = session.exec(
                select(ProvisionRow).where(
                    ProvisionRow.session_id == session_id,
                    ProvisionRow.provision_id == check.provision_id,
                )
            ).first()
            stored = existing or ProvisionRow(
                session_id=session_id, provision_id=check.provision_id, status=""
            )
            for name, value in to_columns(check).items():
                setattr(stored, name, value)
            self._touch(row)
            session.add_all([stored, row])
            session.commit()

    def add_next_step(self, session_id: int, step: NextStep) -> int:
        return self._add(session_id, NextStepRow, step)

    def update_next_step(self, session_id: int, step: NextStep) -> None:
        self._replace(session_id, NextStepRow, step)

    def remove_next_step(self, session_id: int, step_id: int) -> None:
        self._remove(session_id, NextStepRow, step_id)

    def add_referral(self, session_id: int, referral: Referral) -> int:
        return self._add(session_id, ReferralRow, referral)

    def update_referral(self, session_id: int, referral: Referral) -> None:
        self._replace(session_id, ReferralRow, referral)

    def remove_referral(self, session_id: int, referral_id: int) -> None:
        self._remove(session_id, ReferralRow, referral_id)

    def set_referral_status(
        self, session_id: int, referral_id: int, status: ReferralStatus
    ) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            referral = session.get(ReferralRow, referral_id)
            if referral is None or referral.session_id != session_id:
                raise NotFoundError("Deze verwijzing bestaat niet meer.")
            referral.status = status.value
            self._touch(row)
            session.add_all([referral, row])
            session.commit()

    def record_consent(self, session_id: int, consent: Consent) -> None:
        """Consents are appended, never overwritten: the history is the record."""
        self._add(session_id, ConsentRow, consent)

    def revoke_consent(self, session_id: int, purpose: ConsentPurpose, at: datetime) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            active = session.exec(
                select(ConsentRow).where(
                    ConsentRow.session_id == session_id,
                    ConsentRow.purpose == purpose.value,
                    col(ConsentRow.revoked_at).is_(None),
                )
            ).all()
            for consent in active:
                consent.revoked_at = at
                session.add(consent)
            self._touch(row)
            session.add(row)
            session.commit()

    def add_note(self, session_id: int, note: Note) -> int:
        return self._add(session_id, NoteRow, note)
