"""The rest of what the INF cards ask about money between people (issue 21, INF-01…14).

Folded away under "Meer over deze schuld" so the narrow counsellor panel stays short: since
when, the terms, purpose or event, a range ("tussen 100 en 200"), how often, the monthly
repayment, regular or not, into the budget or not, disputed, caused by the ex-partner, the
partner's debt or not yet confirmed (both kept out of the client's own total), and the
relationship in the client's own words beside the list. ``apply`` puts the fields on a Debt,
``load`` shows a stored one (for editing).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.model import (
    Debt,
    DebtKind,
    Debtor,
    DebtStatus,
    Direction,
    Frequency,
    Money,
    Terms,
)
from intake_app.i18n.translator import N_, Translator
from intake_app.ui.translated_fields import TranslatedFields

FREQUENCY = {
    None: N_("niet gevraagd"),
    Frequency.WEEKLY: N_("elke week"),
    Frequency.MONTHLY: N_("elke maand"),
    Frequency.FEW_TIMES_A_YEAR: N_("een paar keer per jaar"),
    Frequency.YEARLY: N_("één keer per jaar"),
    Frequency.IRREGULAR: N_("wisselend, als er nood is"),
    Frequency.ONCE: N_("één keer"),
}
TERMS = {
    Terms.UNKNOWN: N_("onbekend"),
    Terms.NONE: N_("geen afspraken"),
    Terms.VERBAL: N_("mondeling afgesproken"),
    Terms.WRITTEN: N_("op papier"),
}
YES_NO = {None: N_("niet gevraagd"), True: N_("ja"), False: N_("nee")}


def _euros(money: Money | None) -> str:
    """Cents as the counsellor types them back: 1234,56 (the parser's unambiguous form)."""
    if money is None:
        return ""
    return f"{money.cents // 100},{money.cents % 100:02d}"


class InformalDetails(TranslatedFields, QWidget):
    def __init__(self, t: Translator, parse_amount: Callable[[str], int | None]) -> None:
        super().__init__()
        self._init_translated(t)
        self._parse = parse_amount
        self.more = QCheckBox()
        self._text(self.more.setText, N_("Meer over deze schuld"))
        self.body = QWidget()
        self.more.toggled.connect(self.body.setVisible)
        self.body.setVisible(False)
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.relationship_text = QLineEdit()
        self.relationship_text.setMaxLength(60)
        self.purpose = QLineEdit()
        self.purpose.setMaxLength(200)
        self.has_since = QCheckBox()
        self._text(self.has_since.setText, N_("Sinds"))
        self.since = QDateEdit(QDate.currentDate())
        self.since.setCalendarPopup(True)
        self.since.setEnabled(False)
        self.has_since.toggled.connect(self.since.setEnabled)
        self.terms = self._combo(TERMS)
        self.amount_up_to = QLineEdit()
        self.amount_up_to.setPlaceholderText("1.234,56")
        self.frequency = self._combo(FREQUENCY)
        self.monthly_repayment = QLineEdit()
        self.monthly_repayment.setPlaceholderText("50,00")
        self.regular = self._combo(YES_NO)
        self.in_budget = self._combo(YES_NO)
        self.disputed = QCheckBox()
        self._text(self.disputed.setText, N_("De cliënt is het er niet mee eens (betwist)"))
        self.ex_partner = QCheckBox()
        self._text(self.ex_partner.setText, N_("Ontstaan door de ex-partner"))
        self.partner = QCheckBox()
        self._text(self.partner.setText, N_("Schuld van de partner, niet van de cliënt"))
        self.unconfirmed = QCheckBox()
        self._text(self.unconfirmed.setText, N_("Nog niet zeker of het klopt"))
        rows: list[tuple[str, QWidget]] = [
            (N_("Relatie in eigen woorden (geen naam)"), self.relationship_text),
            (N_("Waarvoor (doel of gebeurtenis)"), self.purpose),
            ("", self.has_since),
            (N_("Datum"), self.since),
            (N_("Afspraken"), self.terms),
            (N_("Tot bedrag (€), bij een schatting"), self.amount_up_to),
            (N_("Hoe vaak"), self.frequency),
            (N_("Aflossing per maand (€)"), self.monthly_repayment),
            (N_("Vast bedrag, op vaste tijden?"), self.regular),
            (N_("Meenemen in het budget?"), self.in_budget),
        ]
        for message, widget in rows:
            if message:
                label = QLabel()
                self._text(label.setText, message)
                label.setBuddy(widget)  # the label names its field for a screen reader
                form.addRow(label, widget)
            else:
                form.addRow("", widget)
        for box in (self.disputed, self.ex_partner, self.partner, self.unconfirmed):
            form.addRow("", box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.more)
        layout.addWidget(self.body)

    def _money(self, field: QLineEdit, approximate: bool = False) -> Money | None:
        cents = self._parse(field.text())
        return None if cents is None else Money(cents, approximate)

    def apply(self, debt: Debt) -> Debt:
        """``debt`` with the details filled in; raises IntakeError for an unclear amount."""
        approximate = debt.amount.approximate if debt.amount is not None else False
        since = self.since.date()
        return replace(
            debt,
            relationship_text=self.relationship_text.text().strip(),
            purpose=self.purpose.text().strip(),
            since=date(since.year(), since.month(), since.day())
            if self.has_since.isChecked()
            else None,
            terms=Terms(self.terms.currentData()),
            amount_up_to=self._money(self.amount_up_to, approximate),
            frequency=self.frequency.currentData(),
            monthly_repayment=self._money(self.monthly_repayment),
            regular=self.regular.currentData(),
            in_budget=self.in_budget.currentData(),
            status=DebtStatus.DISPUTED if self.disputed.isChecked() else debt.status,
            caused_by_ex_partner=self.ex_partner.isChecked(),
            debtor=Debtor.PARTNER if self.partner.isChecked() else Debtor.CLIENT,
            confirmed=not self.unconfirmed.isChecked(),
        )

    def load(self, debt: Debt) -> None:
        """Show a stored debt's details (to edit them)."""
        self.relationship_text.setText(debt.relationship_text)
        self.purpose.setText(debt.purpose)
        self.has_since.setChecked(debt.since is not None)
        if debt.since is not None:
            self.since.setDate(QDate(debt.since.year, debt.since.month, debt.since.day))
        self.terms.setCurrentIndex(self.terms.findData(debt.terms))
        for field, money in (
            (self.amount_up_to, debt.amount_up_to),
            (self.monthly_repayment, debt.monthly_repayment),
        ):
            field.setText(_euros(money))
        self.frequency.setCurrentIndex(max(0, self.frequency.findData(debt.frequency)))
        self.regular.setCurrentIndex(max(0, self.regular.findData(debt.regular)))
        self.in_budget.setCurrentIndex(max(0, self.in_budget.findData(debt.in_budget)))
        self.disputed.setChecked(debt.status is DebtStatus.DISPUTED)
        self.ex_partner.setChecked(debt.caused_by_ex_partner)
        self.partner.setChecked(debt.debtor is Debtor.PARTNER)
        self.unconfirmed.setChecked(not debt.confirmed)
        self.more.setChecked(True)

    def reset(self) -> None:
        self.load(Debt(DebtKind.INFORMAL, Direction.OWED_BY_CLIENT, ""))
        self.more.setChecked(False)
