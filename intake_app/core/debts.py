"""Totals per direction. Money owed, money lent out and money sent abroad are separate
sums and are never netted against each other (requirements.md section 4.4).

Only the client's own, confirmed debts make her total: a debt of the partner, or one the
client is not sure of, is listed apart (issue 21) so it cannot inflate what she owes. A range
("tussen 100 en 200") counts with its low end and makes the total approximate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from intake_app.core.model import Debt, DebtKind, Debtor, Direction


@dataclass(frozen=True, slots=True)
class Total:
    cents: int
    approximate: bool  # at least one amount is an estimate
    unknown: int  # entries without an amount


def is_own(debt: Debt) -> bool:
    """The client's own debt, as far as she knows: it counts in her total."""
    return debt.debtor is Debtor.CLIENT and debt.confirmed


def own(debts: Iterable[Debt]) -> list[Debt]:
    return [debt for debt in debts if is_own(debt)]


def kept_apart(debts: Iterable[Debt]) -> list[Debt]:
    """The partner's debts and those not confirmed: listed, never added to her total."""
    return [debt for debt in debts if not is_own(debt)]


def total(debts: Iterable[Debt]) -> Total:
    cents, approximate, unknown = 0, False, 0
    for debt in debts:
        if debt.amount is None:
            unknown += 1
            continue
        cents += debt.amount.cents
        approximate = approximate or debt.amount.approximate or debt.amount_up_to is not None
    return Total(cents, approximate, unknown)


def totals(debts: Iterable[Debt]) -> dict[tuple[DebtKind, Direction], Total]:
    """One total per (kind, direction) that occurs, of the client's own debts only; never one
    grand balance."""
    groups: dict[tuple[DebtKind, Direction], list[Debt]] = {}
    for debt in own(debts):
        groups.setdefault((debt.kind, debt.direction), []).append(debt)
    return {key: total(group) for key, group in groups.items()}
