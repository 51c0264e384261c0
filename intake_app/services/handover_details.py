"""What the next organisation needs to act on a handover (issue 21, "handover chain fit").

``HandoverDetails`` is part of ``IntakeService`` (a mixin, like aftercare.py): the household,
income per source (approximate or a range is fine), and the state of each urgency (its
deadline, what was agreed, resolved). Formal debts' reference number, original creditor and
stage travel on ``Debt`` through ``add_debt``/``update_debt``; the joint appointment's place
on ``Referral`` through ``update_referral``.
"""

from __future__ import annotations

from intake_app.core.errors import IntakeError
from intake_app.core.model import Income, Urgency
from intake_app.core.security import AuditAction, Permission
from intake_app.services.dto import SessionState
from intake_app.services.gate import gated
from intake_app.services.intake_mixin import IntakeMixin

MAX_PEOPLE = 30  # a household count beyond this is a typing error


def _count(value: int | None) -> int | None:
    if value is not None and not 0 <= value <= MAX_PEOPLE:
        raise IntakeError("Vul een aantal personen in tussen 0 en {most}.", most=MAX_PEOPLE)
    return value


def _check_income(income: Income) -> None:
    for money in (income.amount, income.amount_up_to):
        if money is not None and money.cents < 0:
            raise IntakeError("Een bedrag kan niet negatief zijn.")
    if income.amount_up_to is not None and (
        income.amount is None or income.amount_up_to.cents < income.amount.cents
    ):
        raise IntakeError("Bij een bedrag van … tot … moet het tweede bedrag het hoogste zijn.")


class HandoverDetails(IntakeMixin):
    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_household(
        self,
        session_id: int,
        *,
        adults: int | None,
        children: int | None,
        children_ages: str = "",
        others: str = "",
    ) -> SessionState:
        """Who lives in the household: adults, children (ages roughly), who else."""
        self._sessions.update_session(
            session_id,
            household_adults=_count(adults),
            household_children=_count(children),
            household_children_ages=children_ages.strip(),
            household_others=others.strip(),
        )
        return self.open_session(session_id, changed={"household"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def add_income(self, session_id: int, income: Income) -> SessionState:
        _check_income(income)
        self._sessions.add_income(session_id, income)
        return self.open_session(session_id, changed={"incomes"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def update_income(self, session_id: int, income: Income) -> SessionState:
        _check_income(income)
        self._sessions.update_income(session_id, income)
        return self.open_session(session_id, changed={"incomes"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_income(self, session_id: int, income_id: int) -> SessionState:
        self._sessions.remove_income(session_id, income_id)
        return self.open_session(session_id, changed={"incomes"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def add_urgency(self, session_id: int, urgency: Urgency) -> SessionState:
        """One more urgency, noted by the counsellor (the client's answer adds them too)."""
        self._sessions.add_urgency(session_id, urgency)
        return self.open_session(session_id, changed={"urgencies"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def remove_urgency(self, session_id: int, urgency_id: int) -> SessionState:
        self._sessions.remove_urgency(session_id, urgency_id)
        return self.open_session(session_id, changed={"urgencies"})

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def update_urgency(self, session_id: int, urgency: Urgency) -> SessionState:
        """An urgency's deadline, what was agreed, and whether it is resolved."""
        self._sessions.update_urgency(session_id, urgency)
        return self.open_session(session_id, changed={"urgencies"})
