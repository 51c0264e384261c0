"""Totals per direction. Money owed, money lent out and money sent abroad are separate
sums and are never netted against each other (requirements.md section 4.4)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from intake_app.core.model import Debt, DebtKind, Direction


@dataclass(frozen=True, slots=True)
class Total:
    cents: int
    approximate: bool  # at least one amount is an estimate
    unknown: int  # entries without an amount


def total(debts: Iterable[Debt]) -> Total:
    cents, approximate, unknown = 0, False, 0
    for debt in debts:
        if debt.amount is None:
            unknown += 1
            continue
        cents += debt.amount.cents
        approximate = approximate or debt.amount.approximate
    return Total(cents, approximate, unknown)


def totals(debts: Iterable[Debt]) -> dict[tuple[DebtKind, Direction], Total]:
    """One total per (kind, direction) that occurs; never one grand balance."""
    groups: dict[tuple[DebtKind, Direction], list[Debt]] = {}
    for debt in debts:
        groups.setdefault((debt.kind, debt.direction), []).append(debt)
    return {key: total(group) for key, group in groups.items()}
