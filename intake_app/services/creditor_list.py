"""The creditor list beside the handover letter (issue 21): the same debts as data.

The receiving organisation's case system (Allegro, Perspectief) asks every creditor for the
balance through the Schuldenknooppunt's standard message (saldoverzoek). This file lets it
take the creditors, reference numbers and amounts over instead of retyping them from paper.
The format is ``docs/creditor-list.md`` with the JSON Schema ``creditor_list_schema.json``
beside this module. The consent rules are the letter's: nothing without consent to hand
over formal debts; money owed to people only with consent for informal debts in the
handover and the client's yes for that debt, never one marked "privé houden"; never names of
people (only the relationship).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import Any

from intake_app.core.model import (
    ConsentPurpose,
    Debt,
    DebtKind,
    Direction,
    IntakeSession,
    Money,
    Relationship,
    Wish,
)
from intake_app.i18n.translator import N_
from intake_app.services.summary_texts import RELATIONSHIP, ConsentMissingError, PrintOptions

FORMAT = "intake-app-creditor-list"
VERSION = 1


@cache
def schema() -> dict[str, Any]:
    text = resources.files("intake_app.services").joinpath("creditor_list_schema.json")
    loaded: dict[str, Any] = json.loads(text.read_text())
    return loaded


def _money(value: Money | None) -> dict[str, Any] | None:
    return None if value is None else {"cents": value.cents, "approximate": value.approximate}


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _formal(debt: Debt) -> dict[str, Any]:
    return {
        "kind": "formal",
        "creditor": debt.creditor,
        "original_creditor": debt.initial_creditor,
        "reference": debt.reference,
        "category": debt.category.value if debt.category else None,
        "amount": _money(debt.amount),
        "amount_up_to": _money(debt.amount_up_to),
        "stage": debt.stage.value if debt.stage else None,
        "deadline": _day(debt.deadline),
        "status": debt.status.value,
        "whose": debt.debtor.value,
        "confirmed": debt.confirmed,
    }


def _informal(debt: Debt) -> dict[str, Any]:
    relation = debt.relationship or Relationship.OTHER
    return {
        "kind": "informal",
        "creditor": RELATIONSHIP[relation],  # never a name (INF-R5)
        "relationship": relation.value,
        "amount": _money(debt.amount),
        "amount_up_to": _money(debt.amount_up_to),
        "deadline": _day(debt.deadline),
        "status": debt.status.value,
        "whose": debt.debtor.value,
        "confirmed": debt.confirmed,
    }


def shareable_informal(session: IntakeSession) -> list[Debt]:
    """Money the client owes people, as far as she agreed to hand it over."""
    if not session.consent(ConsentPurpose.INFORMAL_DEBTS_IN_HANDOVER):
        return []
    return [
        d
        for d in session.debts
        if d.kind is DebtKind.INFORMAL
        and d.direction is Direction.OWED_BY_CLIENT
        and d.consent_handover
        and d.wish is not Wish.KEEP_PRIVATE
    ]


def creditor_list(session: IntakeSession, options: PrintOptions) -> dict[str, Any]:
    """The document; raises ConsentMissingError without consent to hand over formal debts."""
    if not session.consent(ConsentPurpose.HANDOVER_FORMAL):
        raise ConsentMissingError(
            N_(
                "De cliënt heeft geen toestemming gegeven om schulden door te geven. "
                "De lijst met schuldeisers wordt niet gemaakt."
            )
        )
    formal = [d for d in session.debts if d.kind is DebtKind.FORMAL]
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": datetime.now(UTC).isoformat(),
        "session_code": session.code,
        "sender": {
            "name": options.counsellor,
            "role": options.role,
            "organisation": options.organisation,
        },
        "creditors": [_formal(d) for d in formal]
        + [_informal(d) for d in shareable_informal(session)],
    }
