"""What a formal debt needs for the handover chain (issue 21): the creditor's reference number
(kenmerk, dossiernummer), the original creditor when an agency or bailiff collects, the stage
of collection, the deadline and the status. Shown under the creditor in the formal debt form;
``apply`` puts the fields on a Debt, ``load`` shows a stored one.
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
    QWidget,
)

from intake_app.core.model import Debt, DebtStage, DebtStatus
from intake_app.i18n.translator import N_, Translator
from intake_app.ui.translated_fields import TranslatedFields

STAGE = {
    None: N_("onbekend"),
    DebtStage.REMINDER: N_("herinnering of aanmaning"),
    DebtStage.COLLECTION_AGENCY: N_("incassobureau"),
    DebtStage.BAILIFF: N_("deurwaarder"),
    DebtStage.GARNISHMENT: N_("beslag"),
}
STATUS = {
    DebtStatus.UNKNOWN: N_("niet gevraagd"),
    DebtStatus.UNDISPUTED: N_("klopt volgens de cliënt"),
    DebtStatus.DISPUTED: N_("betwist door de cliënt"),
}


class FormalDetails(TranslatedFields, QWidget):
    def __init__(self, t: Translator, date_field: Callable[[QDateEdit], QDateEdit]) -> None:
        super().__init__()
        self._init_translated(t)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        # Labels above their fields: a reference number needs the panel's full width.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.reference = QLineEdit()
        self.reference.setMaxLength(60)
        self._text(self.reference.setPlaceholderText, N_("zoals op de brief"))
        self.original = QLineEdit()
        self.original.setMaxLength(120)
        self._text(self.original.setPlaceholderText, N_("bij incasso of deurwaarder"))
        self.stage = self._combo(STAGE)
        self.status = self._combo(STATUS)
        self.has_deadline = QCheckBox()
        self._text(self.has_deadline.setText, N_("Er is een termijn"))
        self.deadline = date_field(QDateEdit(QDate.currentDate().addDays(14)))
        self.deadline.setEnabled(False)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        for message, widget in (
            (N_("Kenmerk of dossiernummer"), self.reference),
            (N_("Oorspronkelijke schuldeiser"), self.original),
            (N_("Stadium"), self.stage),
            (N_("Status"), self.status),
        ):
            label = QLabel()
            self._text(label.setText, message)
            label.setBuddy(widget)  # a screen reader names the field by its visible label
            self.form.addRow(label, widget)
        self.form.addRow("", self.has_deadline)
        deadline_label = QLabel()
        self._text(deadline_label.setText, N_("Termijn"))
        deadline_label.setBuddy(self.deadline)
        self.form.addRow(deadline_label, self.deadline)

    def apply(self, debt: Debt) -> Debt:
        day = self.deadline.date()
        return replace(
            debt,
            reference=self.reference.text().strip(),
            initial_creditor=self.original.text().strip(),
            # Qt hands enum data back as plain strings
            stage=DebtStage(stage) if (stage := self.stage.currentData()) else None,
            status=DebtStatus(self.status.currentData()),
            deadline=date(day.year(), day.month(), day.day())
            if self.has_deadline.isChecked()
            else None,
        )

    def load(self, debt: Debt) -> None:
        self.reference.setText(debt.reference)
        self.original.setText(debt.initial_creditor)
        self.stage.setCurrentIndex(max(0, self.stage.findData(debt.stage)))
        self.status.setCurrentIndex(max(0, self.status.findData(debt.status)))
        self.has_deadline.setChecked(debt.deadline is not None)
        if debt.deadline is not None:
            d = debt.deadline
            self.deadline.setDate(QDate(d.year, d.month, d.day))

    def reset(self) -> None:
        self.reference.clear()
        self.original.clear()
        self.stage.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.has_deadline.setChecked(False)
