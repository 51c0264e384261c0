"""The handover letter's parts that a formal intake needs (issue 21, Wgs basisdienstverlening):
the household, income per month, and per formal debt its reference number, the original
creditor, the stage of collection, the deadline and the status. Dutch only: the letter is for
the receiving professional. ``handover_letter`` places these lines; ``creditor_list`` writes
the same debts as data.
"""

from __future__ import annotations

from intake_app.core.model import (
    Debt,
    DebtStage,
    DebtStatus,
    FormalCategory,
    Income,
    IncomeSource,
    IntakeSession,
    Money,
)
from intake_app.i18n.formatting import Formatter
from intake_app.services.summary_texts import CATEGORY, nl_amount, unit

STAGE = {
    DebtStage.REMINDER: "herinnering of aanmaning",
    DebtStage.COLLECTION_AGENCY: "bij een incassobureau",
    DebtStage.BAILIFF: "bij de deurwaarder",
    DebtStage.GARNISHMENT: "beslag gelegd",
}
STATUS = {
    DebtStatus.UNDISPUTED: "niet betwist",
    DebtStatus.DISPUTED: "betwist door de cliënt",
    DebtStatus.UNKNOWN: "",  # not said: nothing printed rather than "status onbekend"
}
INCOME_SOURCE = {
    IncomeSource.WORK: "Werk",
    IncomeSource.BENEFIT: "Uitkering",
    IncomeSource.PENSION: "AOW of pensioen",
    IncomeSource.ALLOWANCES: "Toeslagen",
    IncomeSource.CHILD_BENEFIT: "Kinderbijslag",
    IncomeSource.ALIMONY: "Alimentatie",
    IncomeSource.STUDENT_FINANCE: "Studiefinanciering",
    IncomeSource.OTHER: "Ander inkomen",
}


def money_range(fmt: Formatter, low: Money | None, high: Money | None) -> str:
    """ "ongeveer € 1.200,00", "€ 1.100,00 tot € 1.300,00" or "onbekend"."""
    if low is None:
        return "onbekend"
    text = fmt.money(low.cents)
    if high is not None and high.cents != low.cents:
        text += f" tot {fmt.money(high.cents)}"
    approximate = low.approximate or (high is not None and high.approximate)
    return ("ongeveer " if approximate else "") + text


def household_lines(session: IntakeSession) -> list[str]:
    parts = []
    if session.household_adults is not None:
        adults = session.household_adults
        parts.append(f"{adults} volwassene" + ("n" if adults != 1 else ""))
    if session.household_children is not None:
        children = session.household_children
        text = f"{children} kind" + ("eren" if children != 1 else "")
        if children and session.household_children_ages:
            text += f" (leeftijd: {unit(session.household_children_ages)})"
        parts.append(text)
    lines = ["Samenstelling: " + ", ".join(parts)] if parts else []
    if session.household_others:
        lines.append(f"Woont er ook: {unit(session.household_others)}")
    return lines


def income_text(income: Income) -> str:
    text = INCOME_SOURCE[income.source]
    extra = ", ".join(unit(part) for part in (income.whose, income.description) if part)
    return f"{text} ({extra})" if extra else text


def income_amount(fmt: Formatter, income: Income) -> str:
    """Per month: the section's heading says so (the amount column is narrow)."""
    return money_range(fmt, income.amount, income.amount_up_to)


def income_total(fmt: Formatter, incomes: tuple[Income, ...]) -> str:
    """The known amounts added (the low end of a range), per month."""
    known = [i.amount for i in incomes if i.amount is not None]
    cents = sum(money.cents for money in known)
    rough = any(m.approximate for m in known) or any(i.amount_up_to for i in incomes)
    return ("ongeveer " if rough else "") + fmt.money(cents)


def formal_debt_text(fmt: Formatter, debt: Debt) -> str:
    """Creditor (kind), reference, original creditor, stage, deadline, status."""
    label = CATEGORY[debt.category or FormalCategory.OTHER][0]
    parts = [f"{unit(debt.creditor) or label} ({label.lower()})"]
    if debt.reference:
        parts.append(f"kenmerk {unit(debt.reference)}")
    if debt.initial_creditor:
        parts.append(f"oorspronkelijke schuldeiser {unit(debt.initial_creditor)}")
    if debt.stage is not None:
        parts.append(STAGE[debt.stage])
    if debt.deadline:
        parts.append(f"termijn {fmt.date(debt.deadline)}")
    if STATUS[debt.status]:
        parts.append(STATUS[debt.status])
    return ", ".join(parts)


def formal_debt_amount(fmt: Formatter, debt: Debt) -> str:
    if debt.amount_up_to is not None:
        return money_range(fmt, debt.amount, debt.amount_up_to)
    return nl_amount(fmt, debt)
