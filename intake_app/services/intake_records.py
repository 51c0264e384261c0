"""The records inside a conversation, for ``IntakeService``: debts, on-the-spot actions,
provisions, next steps, referrals (and the directory's suggestions) and consents.

``RecordOperations`` is part of ``IntakeService`` (a mixin, like aftercare.py), split off from
intake.py along this seam: each method checks what was typed, stores one record through the
guarded store and returns the new ``SessionState`` naming what changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime

from intake_app.core.directory import Organisation
from intake_app.core.errors import IntakeError
from intake_app.core.flow import Flow
from intake_app.core.model import (
    Consent,
    ConsentPurpose,
    Debt,
    DebtKind,
    NextStep,
    OnTheSpotAction,
    ProvisionCheck,
    Referral,
)
from intake_app.core.security import AuditAction, Permission
from intake_app.services.directory import DirectoryService
from intake_app.services.dto import SessionState
from intake_app.services.gate import gated
from intake_app.services.intake_mixin import IntakeMixin


def _now() -> datetime:
    return datetime.now(UTC)


class RecordOperations(IntakeMixin):
    """Add, change and remove the records of a session (all gated like the rest)."""

    flow: Flow
    directory: DirectoryService | None

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def add_debt(self, session_id: int, debt: Debt) -> SessionState:
        _check_debt(debt)
        self._sessions.add_debt(session_id, debt)
        return self.open_session(session_id, changed={"debts"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def update_debt(self, session_id: int, debt: Debt) -> SessionState:
        _check_debt(debt)
        self._sessions.update_debt(session_id, debt)
        return self.open_session(session_id, changed={"debts"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_debt(self, session_id: int, debt_id: int) -> SessionState:
        self._sessions.remove_debt(session_id, debt_id)
        return self.open_session(session_id, changed={"debts"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def add_action(self, session_id: int, action: OnTheSpotAction) -> SessionState:
        self._sessions.add_action(session_id, action)
        return self.open_session(session_id, changed={"actions"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def update_action(self, session_id: int, action: OnTheSpotAction) -> SessionState:
        self._sessions.update_action(session_id, action)
        return self.open_session(session_id, changed={"actions"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_action(self, session_id: int, action_id: int) -> SessionState:
        self._sessions.remove_action(session_id, action_id)
        return self.open_session(session_id, changed={"actions"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_provision(self, session_id: int, provision_id: str) -> SessionState:
        """Forget what was noted about one provision (it shows as not yet looked at)."""
        self._sessions.remove_provision(session_id, provision_id)
        return self.open_session(session_id, changed={"provisions"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_provision(self, session_id: int, check: ProvisionCheck) -> SessionState:
        if check.provision_id not in {p.id for p in self.flow.provisions}:
            raise IntakeError("Onbekende regeling: {id}.", id=check.provision_id)
        self._sessions.set_provision(session_id, check)
        return self.open_session(session_id, changed={"provisions"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def add_next_step(self, session_id: int, step: NextStep) -> SessionState:
        if not step.what.strip():
            raise IntakeError("Beschrijf wat er moet gebeuren.")
        self._sessions.add_next_step(session_id, step)
        return self.open_session(session_id, changed={"next_steps"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def update_next_step(self, session_id: int, step: NextStep) -> SessionState:
        if not step.what.strip():
            raise IntakeError("Beschrijf wat er moet gebeuren.")
        self._sessions.update_next_step(session_id, step)
        return self.open_session(session_id, changed={"next_steps"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_next_step(self, session_id: int, step_id: int) -> SessionState:
        self._sessions.remove_next_step(session_id, step_id)
        return self.open_session(session_id, changed={"next_steps"})

    @gated(Permission.READ_SESSIONS, None, target="session:{session_id}", in_body=True)
    def referral_suggestions(self, session_id: int) -> list[Organisation]:
        if self.directory is None:
            return []
        return self.directory.suggestions(self._sessions.get_session(session_id))

    @gated(
        Permission.WRITE_SESSIONS,
        AuditAction.CONSENT_GIVEN,
        target="session:{session_id}",
        in_body=True,
    )
    def set_consents(self, session_id: int, wanted: Mapping[ConsentPurpose, bool]) -> SessionState:
        """Record newly given consents and revoke withdrawn ones; history is kept (PRV-04)."""
        session = self._sessions.get_session(session_id)
        now = _now()
        for purpose, give in wanted.items():
            has = session.consent(purpose)
            if give and not has:
                self._sessions.record_consent(session_id, Consent(purpose, True, now))
            elif has and not give:
                self._sessions.revoke_consent(session_id, purpose, now)
        return self.open_session(session_id, changed={"consents"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def add_referral(self, session_id: int, referral: Referral) -> SessionState:
        if referral.planned_on is None:
            referral = replace(referral, planned_on=_now().date())
        self._sessions.add_referral(session_id, referral)
        return self.open_session(session_id, changed={"referrals"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def update_referral(self, session_id: int, referral: Referral) -> SessionState:
        self._sessions.update_referral(session_id, referral)
        return self.open_session(session_id, changed={"referrals"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_referral(self, session_id: int, referral_id: int) -> SessionState:
        self._sessions.remove_referral(session_id, referral_id)
        return self.open_session(session_id, changed={"referrals"})


def _check_debt(debt: Debt) -> None:
    """One sentence for what cannot be stored as typed."""
    amounts = (debt.amount, debt.amount_up_to, debt.monthly_repayment)
    if any(money is not None and money.cents < 0 for money in amounts):
        raise IntakeError("Een bedrag kan niet negatief zijn.")
    if debt.kind is DebtKind.FORMAL and not debt.creditor.strip():
        raise IntakeError("Vul in bij wie de schuld is.")
    if debt.amount_up_to is not None and (
        debt.amount is None or debt.amount_up_to.cents < debt.amount.cents
    ):
        raise IntakeError("Bij een bedrag van … tot … moet het tweede bedrag het hoogste zijn.")
