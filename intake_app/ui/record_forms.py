"""Counsellor forms for what a card records besides the client's answer.

One small form per ``RecordKind`` (debts, actions, provisions, steps, appointment,
consent, referral). Each form shows what is stored and adds to it through the controller;
every add is committed at once like an answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.core.flow import Card, Flow, RecordKind
from intake_app.core.model import (
    ActionType,
    ConsentPurpose,
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
    ProvisionCheck,
    ProvisionStatus,
    Referral,
    Relationship,
    Wish,
)
from intake_app.i18n import amounts
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import N_, Translator
from intake_app.services.dto import SessionState
from intake_app.services.summaries import RELATIONSHIP
from intake_app.ui.accessibility import buddy_form_rows
from intake_app.ui.controller import IntakeController

# Dutch labels for stored values (the counsellor's language; translated via the ui catalog).
LABELS: dict[str, str] = {
    ActionType.CREDITOR_CALLED: N_("Schuldeiser gebeld"),
    ActionType.PAYMENT_ARRANGEMENT_REQUESTED: N_("Betalingsregeling gevraagd"),
    ActionType.FORM_FILLED: N_("Formulier ingevuld"),
    ActionType.APPOINTMENT_MADE: N_("Afspraak gemaakt"),
    ActionType.BENEFIT_APPLICATION_STARTED: N_("Aanvraag regeling gestart"),
    ActionType.OTHER: N_("Iets anders"),
    FormalCategory.RENT: N_("Huur"),
    FormalCategory.ENERGY: N_("Energie"),
    FormalCategory.WATER: N_("Water"),
    FormalCategory.HEALTH_INSURANCE: N_("Zorgverzekering"),
    FormalCategory.MUNICIPAL_TAX: N_("Gemeentebelasting"),
    FormalCategory.TAX_OFFICE: N_("Belastingdienst of toeslagen"),
    FormalCategory.FINE: N_("Boete (CJIB)"),
    FormalCategory.TELECOM: N_("Telefoon en internet"),
    FormalCategory.BANK_LOAN: N_("Lening of rood staan"),
    FormalCategory.BUY_NOW_PAY_LATER: N_("Achteraf betalen"),
    FormalCategory.STUDY: N_("Studieschuld (DUO)"),
    FormalCategory.OTHER: N_("Anders"),
    Pressure.NONE: N_("Geen druk"),
    Pressure.SOME: N_("Wat druk"),
    Pressure.HIGH: N_("Veel druk"),
    Pressure.UNKNOWN: N_("Onbekend"),
    Wish.PAY_BACK: N_("Terugbetalen"),
    Wish.INCLUDE_IN_PLAN: N_("Meenemen in het plan"),
    Wish.KEEP_PRIVATE: N_("Privé houden"),
    Wish.WANT_BACK: N_("Terug willen"),
    Wish.KEEP_SENDING: N_("Blijven sturen"),
    Wish.DONT_KNOW: N_("Weet nog niet"),
    ProvisionStatus.RECEIVES: N_("Krijgt het al"),
    ProvisionStatus.NOT_RECEIVING: N_("Krijgt het niet"),
    ProvisionStatus.UNKNOWN: N_("Onbekend"),
    ProvisionStatus.APPLIED_TODAY: N_("Vandaag aangevraagd"),
    ProvisionStatus.NOT_APPLICABLE: N_("Niet van toepassing"),
    Owner.CLIENT: N_("Klant"),
    Owner.COUNSELLOR: N_("Hulpverlener"),
    Owner.TOGETHER: N_("Samen"),
    Owner.OTHER: N_("Iemand anders"),
    ConsentPurpose.STORAGE: N_("Gegevens bewaren voor de hulp"),
    ConsentPurpose.HANDOVER_FORMAL: N_("Overdracht aan een hulporganisatie"),
    ConsentPurpose.SHARING_INFORMAL: N_("Delen met een vrijwilliger of sleutelpersoon"),
    ConsentPurpose.INFORMAL_DEBTS_IN_HANDOVER: N_("Geld tussen mensen in de overdracht"),
    Direction.OWED_BY_CLIENT: N_("Klant moet terugbetalen"),
    Direction.OWED_TO_CLIENT: N_("Klant krijgt nog geld"),
    Direction.REMITTANCE: N_("Geld naar familie (per maand)"),
    Direction.GIFT: N_("Gekregen, geen lening"),
}
# Relationships in the same words the client reads on paper.
LABELS.update({relation.value: text for relation, text in RELATIONSHIP.items()})


def parse_amount(text: str) -> int | None:
    """Euros as typed by the counsellor, in cents; empty is None (amount unknown).

    The strict parser of ``i18n.amounts`` decides; an ambiguous "12.50" is asked back
    instead of guessed, and nothing is stored until the counsellor writes it clearly.
    """
    if not text.strip():
        return None
    result = amounts.parse_amount(text)
    if isinstance(result, amounts.AskBack):
        raise IntakeError(
            "Bedoelt u {amount}? Schrijf het bedrag dan met een komma, zoals 12,50.",
            amount=Formatter("nl").money(result.cents),
        )
    return result.cents


def _combo(t: Translator, values: list[str]) -> QComboBox:
    combo = QComboBox()
    # Long labels must not widen the narrow panel: the popup still shows them in full.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    for value in values:
        combo.addItem(t.gettext(LABELS.get(value, value)), value)
    return combo


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class RecordForm(QWidget):
    """Base: a title, the stored list, and the fields to add one more."""

    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__()
        self.controller = controller
        self.t = t
        self.items = QListWidget()
        self.items.setMaximumHeight(130)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._texts: list[tuple[Callable[[str], None], str]] = []
        self._combos: list[tuple[QComboBox, list[str]]] = []
        self.text(self.items.setAccessibleName, N_("Al genoteerd"))
        self.add_button = QPushButton()
        self.text(self.add_button.setText, N_("Toevoegen"))
        self.add_button.clicked.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items)
        layout.addLayout(self.form)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        self.card: Card | None = None

    # -- texts that follow the counsellor's language live (retranslate_ui) --------------------
    def text(self, setter: Callable[[str], None], message: str) -> None:
        setter(self.t.gettext(message))
        self._texts.append((setter, message))

    def label(self, message: str) -> QLabel:
        label = QLabel()
        self.text(label.setText, message)
        return label

    def check(self, message: str) -> QCheckBox:
        box = QCheckBox()
        self.text(box.setText, message)
        return box

    def combo(self, values: list[str]) -> QComboBox:
        combo = _combo(self.t, values)
        self._combos.append((combo, values))
        return combo

    def retranslate_ui(self, translator: Translator) -> None:
        self.t = translator
        for setter, message in self._texts:
            setter(translator.gettext(message))
        for combo, values in self._combos:
            for index, value in enumerate(values):
                combo.setItemText(index, translator.gettext(LABELS.get(value, value)))

    def show_state(self, state: SessionState, card: Card) -> None:
        self.card = card
        self.items.clear()
        if state.record is not None:
            for text in self.describe(state.record):
                self.items.addItem(QListWidgetItem(text))
        self.items.setVisible(self.items.count() > 0)

    def describe(self, session: IntakeSession) -> list[str]:
        return []

    def submit(self) -> None:
        try:
            operation = self.operation()
        except IntakeError as exc:
            self.controller.failed.emit(exc.render(self.t.gettext))
            return
        if operation is not None and self.controller.apply(operation) is not None:
            self.reset()

    def operation(self) -> Callable[..., SessionState] | None:
        return None

    def reset(self) -> None:
        pass

    def money(self, money: Money | None) -> str:
        if money is None:
            return self.t.gettext("bedrag onbekend")
        text = Formatter(self.t.code).money(money.cents)
        return self.t.format("ongeveer {amount}", amount=text) if money.approximate else text


class ActionsForm(RecordForm):
    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__(controller, t)
        self.type = self.combo([a.value for a in ActionType])
        self.description = QLineEdit()
        self.description.setMaxLength(300)
        self.text(self.description.setPlaceholderText, N_("Wat is er gedaan? (komt op papier)"))
        self.form.addRow(self.label(N_("Actie")), self.type)
        self.form.addRow(self.label(N_("Toelichting")), self.description)

    def describe(self, session: IntakeSession) -> list[str]:
        return [
            f"{self.t.gettext(LABELS[a.type])}: {a.description}".rstrip(": ")
            for a in session.actions
        ]

    def operation(self) -> Callable[..., SessionState]:
        action = OnTheSpotAction(
            ActionType(self.type.currentData()), datetime.now(UTC), self.description.text().strip()
        )
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
        self.deadline = QDateEdit(QDate.currentDate().addMonths(1))
        self.deadline.setCalendarPopup(True)
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
        self.form.addRow(self.label(N_("Bedrag (€)")), amount_row)

    def show_state(self, state: SessionState, card: Card) -> None:
        if card != self.card and card.debt_direction:
            self.direction.setCurrentIndex(self.direction.findData(card.debt_direction))
        super().show_state(state, card)

    def describe(self, session: IntakeSession) -> list[str]:
        lines = []
        for debt in session.debts:
            if (debt.kind is DebtKind.FORMAL) != self.formal:
                continue
            if self.formal:
                who = debt.creditor
            else:
                relation = LABELS.get(debt.relationship or "", "")
                who = f"{self.t.gettext(LABELS[debt.direction])} · {self.t.gettext(relation)}"
            lines.append(f"{who}: {self.money(debt.amount)}")
        return lines

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
        return lambda s, sid: s.add_debt(sid, debt)

    def reset(self) -> None:
        self.creditor.clear()
        self.amount.clear()
        self.country.clear()


class ProvisionsForm(RecordForm):
    def __init__(self, controller: IntakeController, t: Translator, flow: Flow) -> None:
        super().__init__(controller, t)
        self.items.hide()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.text(self.add_button.setText, N_("Bewaren"))
        self.rows: dict[str, tuple[QComboBox, QComboBox]] = {}
        for provision in flow.provisions:
            status = self.combo([s.value for s in ProvisionStatus])
            status.setCurrentIndex(status.findData(ProvisionStatus.UNKNOWN.value))
            owner = self.combo([o.value for o in Owner])
            # Two fields on one row: each gets a name of its own (the row label has no buddy).
            # Two combo boxes on one row: the row label names the first (its buddy), a
            # description tells a screen reader what the second is about.
            self.text(owner.setAccessibleDescription, N_("Wie"))
            row = QHBoxLayout()
            row.addWidget(status, 1)
            row.addWidget(owner)
            row_label = self.label(provision.label)
            row_label.setBuddy(status)
            self.form.addRow(row_label, row)
            self.rows[provision.id] = (status, owner)

    def show_state(self, state: SessionState, card: Card) -> None:
        self.card = card
        if state.record is None:
            return
        for check in state.record.provisions:
            if check.provision_id in self.rows:
                status, owner = self.rows[check.provision_id]
                status.setCurrentIndex(status.findData(check.status.value))
                if check.owner is not None:
                    owner.setCurrentIndex(owner.findData(check.owner.value))

    def operation(self) -> Callable[..., SessionState]:
        checks = [
            ProvisionCheck(pid, ProvisionStatus(status.currentData()), Owner(owner.currentData()))
            for pid, (status, owner) in self.rows.items()
        ]

        def save(service: object, session_id: int) -> SessionState:
            state = None
            for check in checks:
                state = service.set_provision(session_id, check)  # type: ignore[attr-defined]
            assert state is not None
            return state

        return save


class NextStepsForm(RecordForm):
    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__(controller, t)
        self.what = QLineEdit()
        self.what.setMaxLength(300)
        self.owner = self.combo([o.value for o in Owner])
        self.due = QDateEdit(QDate.currentDate().addDays(7))
        self.due.setCalendarPopup(True)
        self.form.addRow(self.label(N_("Wat")), self.what)
        self.form.addRow(self.label(N_("Wie")), self.owner)
        self.form.addRow(self.label(N_("Wanneer")), self.due)

    def describe(self, session: IntakeSession) -> list[str]:
        f = Formatter(self.t.code)
        return [
            f"{s.what} · {self.t.gettext(LABELS[s.owner])}"
            + (f" · {f.date(s.due)}" if s.due else "")
            for s in session.next_steps
        ]

    def operation(self) -> Callable[..., SessionState]:
        step = NextStep(self.what.text().strip(), Owner(self.owner.currentData()),
                        _to_date(self.due.date()))  # fmt: skip
        return lambda s, sid: s.add_next_step(sid, step)

    def reset(self) -> None:
        self.what.clear()


class AppointmentForm(RecordForm):
    def __init__(self, controller: IntakeController, t: Translator) -> None:
        super().__init__(controller, t)
        self.items.hide()
        self.text(self.add_button.setText, N_("Bewaren"))
        self.follow_up = QDateEdit(QDate.currentDate().addDays(7))
        self.follow_up.setCalendarPopup(True)
        self.appointment = QDateTimeEdit(QDateTime.currentDateTime().addDays(7))
        self.appointment.setCalendarPopup(True)
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

    def describe(self, session: IntakeSession) -> list[str]:
        warm = self.t.gettext("warm")
        return [
            f"{r.organisation_name}" + (f" ({warm})" if r.warm else "") for r in session.referrals
        ]

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

    def current_form(self) -> RecordForm | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, RecordForm) else None
