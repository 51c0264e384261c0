"""Counsellor forms for what the next organisation needs (issue 21, "handover chain fit"):
the referral with its joint appointment (when, where, with whom), the household, income per
source and month, and the state of each urgency (deadline, what was agreed, resolved).

Same base as ui/record_forms.py (``RecordForm``): the stored list with change and remove,
the fields to add one more, every change committed at once and audited by the gate.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, time
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QLineEdit, QSpinBox

from intake_app.core.errors import IntakeError
from intake_app.core.flow import Card
from intake_app.core.model import (
    Income,
    IncomeSource,
    IntakeSession,
    Money,
    Referral,
    Urgency,
    UrgencyType,
)
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import N_, Translator
from intake_app.services.dto import SessionState
from intake_app.ui.controller import IntakeController
from intake_app.ui.informal_details import _euros
from intake_app.ui.record_form import (
    RecordForm,
    _qt_datetime,
    _to_date,
    next_working_day_at,
    parse_amount,
    typed_date,
)

INCOME_SOURCE = {
    IncomeSource.WORK: N_("Werk"),
    IncomeSource.BENEFIT: N_("Uitkering"),
    IncomeSource.PENSION: N_("AOW of pensioen"),
    IncomeSource.ALLOWANCES: N_("Toeslagen"),
    IncomeSource.CHILD_BENEFIT: N_("Kinderbijslag"),
    IncomeSource.ALIMONY: N_("Alimentatie"),
    IncomeSource.STUDENT_FINANCE: N_("Studiefinanciering"),
    IncomeSource.OTHER: N_("Ander inkomen"),
}
URGENCY_TYPE = {
    UrgencyType.EVICTION: N_("Dreigende huisuitzetting"),
    UrgencyType.DISCONNECTION: N_("Dreigende afsluiting"),
    UrgencyType.BAILIFF: N_("Deurwaarder of beslag"),
    UrgencyType.OTHER: N_("Iets anders dat snel moet"),
}
NOT_ASKED = N_("niet gevraagd")
MAX_PEOPLE = 30


def _day(value: QDate) -> Any:
    return _to_date(value)


class _LabelledCombos(RecordForm):
    """A RecordForm whose combo boxes carry their own labels (the shared LABELS table maps
    one text per value, and "other" means something else in every list)."""

    def labelled(self, labels: Mapping[Any, str]) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        for index, (value, message) in enumerate(labels.items()):
            combo.addItem("", value)
            self.text(functools.partial(combo.setItemText, index), message)
        return combo


def _money_text(t: Translator, low: Money | None, high: Money | None) -> str:
    if low is None:
        return t.gettext("bedrag onbekend")
    f = Formatter(t.code)
    text = f.money(low.cents) + (f" – {f.money(high.cents)}" if high is not None else "")
    return t.format("ongeveer {amount}", amount=text) if low.approximate else text


class ReferralForm(RecordForm):
    """The organisation, one contact person there, and the joint appointment (INT-19)."""

    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__(controller, t)
        self.organisation = QComboBox()
        self.organisation.setEditable(True)
        self._suggesting = 0  # the session whose suggestions are shown or on their way
        self.warm = self.check(N_("Warme overdracht (samen een afspraak)"))
        self.warm.setChecked(True)
        self.formal = self.check(N_("Formele organisatie"))
        self.formal.setChecked(True)
        self.contact = QLineEdit()
        self.contact.setMaxLength(120)
        self.has_appointment = self.check(N_("Er is een gezamenlijke afspraak"))
        self.appointment = typed_date(QDateTimeEdit(_qt_datetime(next_working_day_at())))
        self.appointment.setEnabled(False)
        self.has_appointment.toggled.connect(self.appointment.setEnabled)
        self.place = QLineEdit()
        self.place.setMaxLength(120)
        self.accompanied = QLineEdit()
        self.accompanied.setMaxLength(120)
        self.form.addRow(self.label(N_("Organisatie")), self.organisation)
        self.form.addRow("", self.formal)
        self.form.addRow("", self.warm)
        self.form.addRow(self.label(N_("Contactpersoon daar")), self.contact)
        self.form.addRow("", self.has_appointment)
        self.form.addRow(self.label(N_("Wanneer")), self.appointment)
        self.form.addRow(self.label(N_("Waar")), self.place)
        self.form.addRow(self.label(N_("Gaat mee")), self.accompanied)

    def show_state(self, state: SessionState, card: Card) -> None:
        super().show_state(state, card)
        # The suggestions are read on the worker (issue 20); what is typed meanwhile stays.
        session_id = state.id
        self._suggesting = session_id
        self.controller.read(
            lambda: self.controller.service.referral_suggestions(session_id),
            lambda found: self._suggest(session_id, found),
        )

    def _suggest(self, session_id: int, suggestions: list[Any]) -> None:
        if session_id != self._suggesting:
            return  # another conversation was opened meanwhile
        current = self.organisation.currentText()
        self.organisation.clear()
        for suggestion in suggestions:
            self.organisation.addItem(suggestion.name, suggestion.id)
        self.organisation.setEditText(current)

    def records(self, session: IntakeSession) -> list[Any]:
        return list(session.referrals)

    def describe_one(self, record: Any) -> str:
        warm = self.t.gettext("warm")
        return f"{record.organisation_name}" + (f" ({warm})" if record.warm else "")

    def load(self, record: Any) -> None:
        self.organisation.setEditText(record.organisation_name)
        self.formal.setChecked(record.formal)
        self.warm.setChecked(record.warm)
        self.contact.setText(record.contact_person)
        self.has_appointment.setChecked(record.appointment is not None)
        if record.appointment is not None:
            self.appointment.setDateTime(_qt_datetime(record.appointment.astimezone()))
        self.place.setText(record.appointment_place)
        self.accompanied.setText(record.accompanied_by)

    def removal(self, record: Any) -> Callable[..., SessionState]:
        return lambda s, sid: s.remove_referral(sid, record.id)

    def _appointment(self) -> datetime | None:
        if not self.has_appointment.isChecked():
            return None
        moment = self.appointment.dateTime()
        clock = moment.time()
        local = datetime.combine(_day(moment.date()), time(clock.hour(), clock.minute()))
        return local.astimezone().astimezone(UTC)

    def operation(self) -> Callable[..., SessionState]:
        name = self.organisation.currentText().strip()
        if not name:
            raise IntakeError("Kies of typ een organisatie.")
        index = self.organisation.findText(name)
        organisation_id = self.organisation.itemData(index) if index >= 0 else None
        referral = Referral(
            organisation_id,
            name,
            formal=self.formal.isChecked(),
            warm=self.warm.isChecked(),
            contact_person=self.contact.text().strip(),
            appointment=self._appointment(),
            appointment_place=self.place.text().strip(),
            accompanied_by=self.accompanied.text().strip(),
        )
        if self.editing is not None:  # status, dates and feedback stay as they are
            changed = dataclasses.replace(
                self.editing,
                **{
                    field: getattr(referral, field)
                    for field in ("organisation_id", "organisation_name", "formal", "warm",
                                 "contact_person", "appointment", "appointment_place",
                                 "accompanied_by")
                },
            )  # fmt: skip
            return lambda s, sid: s.update_referral(sid, changed)
        return lambda s, sid: s.add_referral(sid, referral)

    def reset(self) -> None:
        for field in (self.contact, self.place, self.accompanied):
            field.clear()
        self.has_appointment.setChecked(False)


class HouseholdForm(RecordForm):
    """Who lives in the household; one set of fields, saved with "Bewaren"."""

    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__(controller, t)
        self.items.hide()
        self.text(self.add_button.setText, N_("Bewaren"))
        self.adults = self._count()
        self.kids = self._count()
        self.ages = QLineEdit()
        self.ages.setMaxLength(200)
        self.text(self.ages.setPlaceholderText, N_("ongeveer, bv. 3, 7 en 12"))
        self.others = QLineEdit()
        self.others.setMaxLength(200)
        self.text(self.others.setPlaceholderText, N_("bv. moeder, een neef (geen namen)"))
        self.form.addRow(self.label(N_("Volwassenen")), self.adults)
        self.form.addRow(self.label(N_("Kinderen")), self.kids)
        self.form.addRow(self.label(N_("Leeftijd kinderen")), self.ages)
        self.form.addRow(self.label(N_("Woont er ook")), self.others)

    def _count(self) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(-1, MAX_PEOPLE)  # -1 shows "niet gevraagd": None is stored
        self.text(spin.setSpecialValueText, NOT_ASKED)
        spin.setValue(-1)
        return spin

    def show_state(self, state: SessionState, card: Card) -> None:
        self.card = card
        record = state.record
        if record is None:
            return
        for spin, value in (
            (self.adults, record.household_adults),
            (self.kids, record.household_children),
        ):
            spin.setValue(-1 if value is None else value)
        self.ages.setText(record.household_children_ages)
        self.others.setText(record.household_others)

    def operation(self) -> Callable[..., SessionState]:
        adults, children = (None if s.value() < 0 else s.value() for s in (self.adults, self.kids))
        ages, others = self.ages.text(), self.others.text()
        return lambda s, sid: s.set_household(
            sid, adults=adults, children=children, children_ages=ages, others=others
        )


class IncomesForm(_LabelledCombos):
    """Income per source and month; an estimate or a range is fine."""

    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__(controller, t)
        self.source = self.labelled(INCOME_SOURCE)
        self.whose = QLineEdit()
        self.whose.setMaxLength(60)
        self.text(self.whose.setPlaceholderText, N_("cliënt, partner …"))
        self.description = QLineEdit()
        self.description.setMaxLength(200)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("1.234,56")
        self.text(self.amount.setAccessibleName, N_("Bedrag per maand (€)"))
        self.approximate = self.check(N_("ongeveer"))
        self.approximate.setChecked(True)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(self.approximate)
        self.up_to = QLineEdit()
        self.text(self.up_to.setPlaceholderText, N_("bij een schatting"))
        self.form.addRow(self.label(N_("Bron")), self.source)
        self.form.addRow(self.label(N_("Van wie")), self.whose)
        self.form.addRow(self.label(N_("Toelichting")), self.description)
        self.form.addRow(self.label(N_("Bedrag per maand (€)")), amount_row)
        self.form.addRow(self.label(N_("Tot bedrag (€)")), self.up_to)

    def records(self, session: IntakeSession) -> list[Any]:
        return list(session.incomes)

    def describe_one(self, record: Any) -> str:
        source = self.t.gettext(INCOME_SOURCE[record.source])
        whose = f" ({record.whose})" if record.whose else ""
        return f"{source}{whose}: {_money_text(self.t, record.amount, record.amount_up_to)}"

    def load(self, record: Any) -> None:
        self.source.setCurrentIndex(self.source.findData(record.source))
        self.whose.setText(record.whose)
        self.description.setText(record.description)
        self.amount.setText(_euros(record.amount))
        self.approximate.setChecked(record.amount is None or record.amount.approximate)
        self.up_to.setText(_euros(record.amount_up_to))

    def removal(self, record: Any) -> Callable[..., SessionState]:
        return lambda s, sid: s.remove_income(sid, record.id)

    def operation(self) -> Callable[..., SessionState]:
        cents, up_to = parse_amount(self.amount.text()), parse_amount(self.up_to.text())
        approximate = self.approximate.isChecked()
        income = Income(
            IncomeSource(self.source.currentData()),
            amount=None if cents is None else Money(cents, approximate),
            amount_up_to=None if up_to is None else Money(up_to, approximate),
            whose=self.whose.text().strip(),
            description=self.description.text().strip(),
        )
        if self.editing is not None:
            changed = dataclasses.replace(income, id=self.editing.id)
            return lambda s, sid: s.update_income(sid, changed)
        return lambda s, sid: s.add_income(sid, income)

    def reset(self) -> None:
        for field in (self.whose, self.description, self.amount, self.up_to):
            field.clear()


class UrgenciesForm(_LabelledCombos):
    """Each urgency: by when, what was agreed, resolved (the client's answer adds them)."""

    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__(controller, t)
        self.type = self.labelled(URGENCY_TYPE)
        self.has_deadline = self.check(N_("Er is een datum"))
        self.deadline = typed_date(QDateEdit(QDate.currentDate().addDays(7)))
        self.deadline.setEnabled(False)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        self.agreed = QLineEdit()
        self.agreed.setMaxLength(200)
        self.text(self.agreed.setPlaceholderText, N_("met wie, wat, tot wanneer"))
        self.resolved = self.check(N_("Opgelost"))
        self.form.addRow(self.label(N_("Wat")), self.type)
        self.form.addRow("", self.has_deadline)
        self.form.addRow(self.label(N_("Uiterlijk")), self.deadline)
        self.form.addRow(self.label(N_("Afgesproken")), self.agreed)
        self.form.addRow("", self.resolved)

    def records(self, session: IntakeSession) -> list[Any]:
        return list(session.urgencies)

    def describe_one(self, record: Any) -> str:
        parts = [self.t.gettext(URGENCY_TYPE[record.type])]
        if record.deadline:
            parts.append(Formatter(self.t.code).date(record.deadline))
        if record.resolved:
            parts.append(self.t.gettext("opgelost"))
        return " · ".join(parts)

    def load(self, record: Any) -> None:
        self.type.setCurrentIndex(self.type.findData(record.type))
        self.has_deadline.setChecked(record.deadline is not None)
        if record.deadline is not None:
            d = record.deadline
            self.deadline.setDate(QDate(d.year, d.month, d.day))
        self.agreed.setText(record.agreed)
        self.resolved.setChecked(record.resolved)

    def removal(self, record: Any) -> Callable[..., SessionState]:
        return lambda s, sid: s.remove_urgency(sid, record.id)

    def operation(self) -> Callable[..., SessionState]:
        urgency = Urgency(
            UrgencyType(self.type.currentData()),
            deadline=_day(self.deadline.date()) if self.has_deadline.isChecked() else None,
            resolved=self.resolved.isChecked(),
            agreed=self.agreed.text().strip(),
        )
        if self.editing is not None:
            changed = dataclasses.replace(urgency, id=self.editing.id)
            return lambda s, sid: s.update_urgency(sid, changed)
        return lambda s, sid: s.add_urgency(sid, urgency)

    def reset(self) -> None:
        self.agreed.clear()
        self.has_deadline.setChecked(False)
        self.resolved.setChecked(False)
