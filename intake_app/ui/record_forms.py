"""Counsellor forms for what a card records besides the client's answer.

One small form per ``RecordKind`` (debts, actions, provisions, steps, appointment,
consent, referral). Each form shows what is stored and adds to it through the controller;
every add is committed at once like an answer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, time
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.core.flow import Card, Flow, RecordKind
from intake_app.core.model import (
    ActionType,
    Debt,
    DebtKind,
    Direction,
    FormalCategory,
    IntakeSession,
    Money,
    NextStep,
    OnTheSpotAction,
    Owner,
    Pressure,
    Referral,
    Relationship,
    Wish,
)
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import N_, Translator
from intake_app.services.dto import SessionState
from intake_app.ui.accessibility import buddy_form_rows
from intake_app.ui.controller import IntakeController
from intake_app.ui.informal_details import InformalDetails
from intake_app.ui.provisions_form import ProvisionsForm
from intake_app.ui.record_form import (
    LABELS,
    RecordForm,
    _qt_datetime,
    _to_date,
    next_working_day_at,
    parse_amount,
    typed_date,
)


class ActionsForm(RecordForm):
    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__(controller, t)
        self.type = self.combo([a.value for a in ActionType])
        self.description = QLineEdit()
        self.description.setMaxLength(300)
        self.text(self.description.setPlaceholderText, N_("Wat is er gedaan? (komt op papier)"))
        self.form.addRow(self.label(N_("Actie")), self.type)
        self.form.addRow(self.label(N_("Toelichting")), self.description)

    def records(self, session: IntakeSession) -> list[Any]:
        return list(session.actions)

    def describe_one(self, record: Any) -> str:
        return f"{self.t.gettext(LABELS[record.type])}: {record.description}".rstrip(": ")

    def load(self, record: Any) -> None:
        self.type.setCurrentIndex(self.type.findData(record.type.value))
        self.description.setText(record.description)

    def removal(self, record: Any) -> Callable[..., SessionState]:
        return lambda s, sid: s.remove_action(sid, record.id)

    def operation(self) -> Callable[..., SessionState]:
        kind, text = ActionType(self.type.currentData()), self.description.text().strip()
        if self.editing is not None:
            changed = dataclasses.replace(self.editing, type=kind, description=text)
            return lambda s, sid: s.update_action(sid, changed)
        action = OnTheSpotAction(kind, datetime.now(UTC), text)
        return lambda s, sid: s.add_action(sid, action)

    def reset(self) -> None:
        self.description.clear()


class DebtForm(RecordForm):
    def __init__(self, controller: IntakeController, t: Translator, formal: bool) -> None:
        super().__init__(controller, t)
        self.formal = formal
        self.creditor = QLineEdit()
        self.creditor.setMaxLength(120)
        self.category = self.combo([c.value for c in FormalCategory])
        self.relationship = self.combo([r.value for r in Relationship])
        self.direction = self.combo([d.value for d in Direction])
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("1.234,56")
        self.text(self.amount.setAccessibleName, N_("Bedrag (€)"))  # its row holds two fields
        self.approximate = self.check(N_("ongeveer"))
        self.approximate.setChecked(True)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(self.approximate)
        self.country = QLineEdit()
        self.country.setMaxLength(60)
        self.pressure = self.combo([p.value for p in Pressure])
        self.wish = self.combo([w.value for w in Wish])
        self.consent = self.check(N_("Mag mee in de overdracht"))
        # INF-11: is someone asking for the money back, and by when?
        self.has_deadline = self.check(N_("Er is een datum om terug te betalen"))
        self.deadline = typed_date(QDateEdit(QDate.currentDate().addMonths(1)))
        self.deadline.setEnabled(False)
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        if formal:
            self.form.addRow(self.label(N_("Schuldeiser")), self.creditor)
            self.form.addRow(self.label(N_("Soort")), self.category)
        else:
            self.form.addRow(self.label(N_("Soort")), self.direction)
            self.form.addRow(self.label(N_("Relatie (geen naam)")), self.relationship)
            self.form.addRow(self.label(N_("Land")), self.country)
            self.form.addRow(self.label(N_("Druk")), self.pressure)
            self.form.addRow("", self.has_deadline)
            self.form.addRow(self.label(N_("Datum")), self.deadline)
            self.form.addRow(self.label(N_("Wens")), self.wish)
            self.form.addRow("", self.consent)
            self.details = InformalDetails(t, parse_amount)  # the rest of the INF cards
            self.form.addRow(self.details)
        self.form.addRow(self.label(N_("Bedrag (€)")), amount_row)

    def show_state(self, state: SessionState, card: Card) -> None:
        if card != self.card and card.debt_direction:
            self.direction.setCurrentIndex(self.direction.findData(card.debt_direction))
        super().show_state(state, card)

    def records(self, session: IntakeSession) -> list[Any]:
        return [d for d in session.debts if (d.kind is DebtKind.FORMAL) == self.formal]

    def describe_one(self, record: Any) -> str:
        if self.formal:
            who = record.creditor
        else:
            relation = LABELS.get(record.relationship or "", "")
            who = f"{self.t.gettext(LABELS[record.direction])} · {self.t.gettext(relation)}"
        return f"{who}: {self.money(record.amount)}"

    def load(self, record: Any) -> None:
        def pick(combo: QComboBox, value: object) -> None:
            if value is not None:
                combo.setCurrentIndex(combo.findData(str(value)))

        self.creditor.setText(record.creditor)
        pick(self.category, record.category)
        pick(self.direction, record.direction)
        pick(self.relationship, record.relationship)
        pick(self.pressure, record.pressure)
        pick(self.wish, record.wish)
        self.country.setText(record.country)
        self.consent.setChecked(record.consent_handover)
        self.has_deadline.setChecked(record.deadline is not None)
        if record.deadline is not None:
            self.deadline.setDate(QDate(record.deadline.year, record.deadline.month,
                                        record.deadline.day))  # fmt: skip
        money = record.amount
        self.amount.setText(
            "" if money is None else f"{money.cents // 100},{money.cents % 100:02d}"
        )
        self.approximate.setChecked(money is None or money.approximate)

    def removal(self, record: Any) -> Callable[..., SessionState]:
        return lambda s, sid: s.remove_debt(sid, record.id)

    def operation(self) -> Callable[..., SessionState]:
        cents = parse_amount(self.amount.text())
        amount = None if cents is None else Money(cents, self.approximate.isChecked())
        card_id = self.card.id if self.card else ""
        if self.formal:
            debt = Debt(
                DebtKind.FORMAL, Direction.OWED_BY_CLIENT, card_id, amount=amount,
                creditor=self.creditor.text().strip(),
                category=FormalCategory(self.category.currentData()),
            )  # fmt: skip
        else:
            direction = Direction(self.direction.currentData())
            debt = Debt(
                DebtKind.INFORMAL, direction, card_id, amount=amount,
                monthly=direction is Direction.REMITTANCE,
                relationship=Relationship(self.relationship.currentData()),
                country=self.country.text().strip(),
                pressure=Pressure(self.pressure.currentData()),
                deadline=_to_date(self.deadline.date()) if self.has_deadline.isChecked() else None,
                wish=Wish(self.wish.currentData()),
                consent_handover=self.consent.isChecked(),
            )  # fmt: skip
            debt = self.details.apply(debt)
        if self.editing is not None:
            changed = dataclasses.replace(debt, id=self.editing.id, card_id=self.editing.card_id)
            return lambda s, sid: s.update_debt(sid, changed)
        return lambda s, sid: s.add_debt(sid, debt)

    def reset(self) -> None:
        self.creditor.clear()
        self.amount.clear()
        self.country.clear()
        if not self.formal:
            self.details.reset()

    def retranslate_ui(self, translator: Translator) -> None:
        super().retranslate_ui(translator)
        if not self.formal:
            self.details.retranslate_ui(translator)


class NextStepsForm(RecordForm):
    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__(controller, t)
        self.what = QLineEdit()
        self.what.setMaxLength(300)
        self.owner = self.combo([o.value for o in Owner])
        self.due = typed_date(QDateEdit(QDate.currentDate().addDays(7)))
        self.form.addRow(self.label(N_("Wat")), self.what)
        self.form.addRow(self.label(N_("Wie")), self.owner)
        self.form.addRow(self.label(N_("Wanneer")), self.due)

    def records(self, session: IntakeSession) -> list[Any]:
        return list(session.next_steps)

    def describe_one(self, record: Any) -> str:
        f = Formatter(self.t.code)
        when = f" · {f.date(record.due)}" if record.due else ""
        return f"{record.what} · {self.t.gettext(LABELS[record.owner])}{when}"

    def load(self, record: Any) -> None:
        self.what.setText(record.what)
        self.owner.setCurrentIndex(self.owner.findData(record.owner.value))
        if record.due is not None:
            self.due.setDate(QDate(record.due.year, record.due.month, record.due.day))

    def removal(self, record: Any) -> Callable[..., SessionState]:
        return lambda s, sid: s.remove_next_step(sid, record.id)

    def operation(self) -> Callable[..., SessionState]:
        step = NextStep(self.what.text().strip(), Owner(self.owner.currentData()),
                        _to_date(self.due.date()))  # fmt: skip
        if self.editing is not None:
            changed = dataclasses.replace(self.editing, what=step.what, owner=step.owner,
                                          due=step.due)  # fmt: skip
            return lambda s, sid: s.update_next_step(sid, changed)
        return lambda s, sid: s.add_next_step(sid, step)

    def reset(self) -> None:
        self.what.clear()


class AppointmentForm(RecordForm):
    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__(controller, t)
        self.items.hide()
        self.text(self.add_button.setText, N_("Bewaren"))
        self.follow_up = typed_date(QDateEdit(QDate.currentDate().addDays(7)))
        self.appointment = typed_date(QDateTimeEdit(_qt_datetime(next_working_day_at())))
        self.has_appointment = self.check(N_("Er is een nieuwe afspraak"))
        self.has_appointment.setChecked(True)
        self.form.addRow(self.label(N_("Nazorg op")), self.follow_up)
        self.form.addRow("", self.has_appointment)
        self.form.addRow(self.label(N_("Afspraak")), self.appointment)

    def show_state(self, state: SessionState, card: Card) -> None:
        self.card = card
        record = state.record
        if record is not None and record.follow_up_date is not None:
            d = record.follow_up_date
            self.follow_up.setDate(QDate(d.year, d.month, d.day))

    def operation(self) -> Callable[..., SessionState]:
        follow_up = _to_date(self.follow_up.date())
        appointment = None
        if self.has_appointment.isChecked():
            moment = self.appointment.dateTime()
            day = _to_date(moment.date())
            clock = moment.time()
            local = datetime.combine(day, time(clock.hour(), clock.minute())).astimezone()
            appointment = local.astimezone(UTC)
        return lambda s, sid: s.set_appointment(
            sid, follow_up=follow_up, next_appointment=appointment
        )


class ReferralForm(RecordForm):
    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__(controller, t)
        self.organisation = QComboBox()
        self.organisation.setEditable(True)
        self.warm = self.check(N_("Warme overdracht (samen een afspraak)"))
        self.warm.setChecked(True)
        self.formal = self.check(N_("Formele organisatie"))
        self.formal.setChecked(True)
        self.accompanied = QLineEdit()
        self.accompanied.setMaxLength(120)
        self.form.addRow(self.label(N_("Organisatie")), self.organisation)
        self.form.addRow("", self.formal)
        self.form.addRow("", self.warm)
        self.form.addRow(self.label(N_("Gaat mee")), self.accompanied)

    def show_state(self, state: SessionState, card: Card) -> None:
        super().show_state(state, card)
        current = self.organisation.currentText()
        self.organisation.clear()
        for suggestion in self.controller.service.referral_suggestions(state.id):
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
        self.accompanied.setText(record.accompanied_by)

    def removal(self, record: Any) -> Callable[..., SessionState]:
        return lambda s, sid: s.remove_referral(sid, record.id)

    def operation(self) -> Callable[..., SessionState]:
        name = self.organisation.currentText().strip()
        if not name:
            raise IntakeError("Kies of typ een organisatie.")
        index = self.organisation.findText(name)
        organisation_id = self.organisation.itemData(index) if index >= 0 else None
        referral = Referral(
            organisation_id, name, formal=self.formal.isChecked(), warm=self.warm.isChecked(),
            accompanied_by=self.accompanied.text().strip(),
        )  # fmt: skip
        if self.editing is not None:
            changed = dataclasses.replace(
                self.editing, organisation_id=organisation_id, organisation_name=name,
                formal=referral.formal, warm=referral.warm, accompanied_by=referral.accompanied_by,
            )  # fmt: skip
            return lambda s, sid: s.update_referral(sid, changed)
        return lambda s, sid: s.add_referral(sid, referral)

    def reset(self) -> None:
        self.accompanied.clear()


class RecordForms(QStackedWidget):
    """Shows the form that belongs to the current card, or nothing."""

    def __init__(self, controller: IntakeController, t: Translator, flow: Flow) -> None:
        super().__init__()
        self.empty = QLabel()
        self.addWidget(self.empty)
        self.forms: dict[RecordKind, RecordForm] = {
            RecordKind.ACTIONS: ActionsForm(controller, t),
            RecordKind.FORMAL_DEBTS: DebtForm(controller, t, formal=True),
            RecordKind.INFORMAL_DEBTS: DebtForm(controller, t, formal=False),
            RecordKind.PROVISIONS: ProvisionsForm(controller, t, flow),
            RecordKind.NEXT_STEPS: NextStepsForm(controller, t),
            RecordKind.APPOINTMENT: AppointmentForm(controller, t),
            RecordKind.REFERRAL: ReferralForm(controller, t),
        }
        for form in self.forms.values():
            self.addWidget(form)
            buddy_form_rows(form.form)  # each field is named by its row's label

    def show_state(self, state: SessionState, card: Card | None) -> None:
        form = self.forms.get(card.records) if card is not None and card.records else None
        if form is None or card is None:
            self.setCurrentWidget(self.empty)
            self.hide()
            return
        form.show_state(state, card)
        self.setCurrentWidget(form)
        self.show()

    def retranslate_ui(self, translator: Translator) -> None:
        for form in self.forms.values():
            form.retranslate_ui(translator)

    def clear_sensitive(self) -> None:
        """Auto-lock: the stored records and anything half typed leave the screen."""
        for form in self.forms.values():
            form.items.clear()
            for field in form.findChildren(QLineEdit):
                field.clear()
        self.setCurrentWidget(self.empty)
        self.hide()

    def current_form(self) -> RecordForm | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, RecordForm) else None
