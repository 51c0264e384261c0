"""The base of the counsellor's record forms: labels of stored values, the amount parser,
and ``RecordForm`` (the stored list with change and remove, the fields to add one more).

Concrete forms per ``RecordKind`` are in ``ui/record_forms.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QTime, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.core.flow import Card
from intake_app.core.model import (
    ActionType,
    ConsentPurpose,
    Direction,
    FormalCategory,
    IntakeSession,
    Money,
    Owner,
    Pressure,
    ProvisionStatus,
    Wish,
)
from intake_app.i18n import amounts
from intake_app.i18n.formatting import Formatter
from intake_app.i18n.translator import N_, Translator
from intake_app.services.dto import SessionState
from intake_app.services.summary_texts import RELATIONSHIP
from intake_app.ui.controller import IntakeController

DateEdit = TypeVar("DateEdit", bound=QDateTimeEdit)

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


DATE_FORMAT = "dd-MM-yyyy"  # digits only, so every part can be typed
DATETIME_FORMAT = "dd-MM-yyyy HH:mm"
APPOINTMENT_HOUR = 10


class _SelectsItsSection(QObject):
    """Typing replaces a selected section; a click leaves only a cursor, and then Qt's
    validator refuses every digit ("the field ignores what I type"). So the section under
    the cursor is selected after each click or focus."""

    def __init__(self, edit: QDateTimeEdit) -> None:
        super().__init__(edit)
        self.edit = edit
        edit.installEventFilter(self)
        edit.lineEdit().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _SELECT_ON:
            QTimer.singleShot(0, self, self._select)
        return False

    def _select(self) -> None:
        self.edit.setSelectedSection(self.edit.currentSection())


_SELECT_ON = frozenset({QEvent.Type.FocusIn, QEvent.Type.MouseButtonRelease})


def typed_date(edit: DateEdit) -> DateEdit:
    """A date (and time) field that takes typed digits as well as the calendar."""
    edit.setDisplayFormat(DATETIME_FORMAT if type(edit) is QDateTimeEdit else DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setCurrentSection(QDateTimeEdit.Section.DaySection)
    _SelectsItsSection(edit)
    return edit


def next_working_day_at(now: datetime | None = None, hour: int = APPOINTMENT_HOUR) -> datetime:
    """The default appointment: the next working day at a round hour (never 06:41)."""
    day = (now or datetime.now()).date() + timedelta(days=1)
    while day.weekday() >= 5:  # Saturday, Sunday
        day += timedelta(days=1)
    return datetime.combine(day, time(hour, 0))


def _qt_datetime(moment: datetime) -> QDateTime:
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


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
        self.add_text = N_("Toevoegen")
        self.text(self.add_button.setText, self.add_text)
        self.add_button.clicked.connect(self.submit)
        # Every stored record can be changed or removed (each change audited by the gate).
        self.stored: list[Any] = []
        self.editing: Any = None
        self.edit_button = QPushButton()
        self.text(self.edit_button.setText, N_("Wijzigen"))
        self.edit_button.clicked.connect(self.start_edit)
        self.delete_button = QPushButton()
        self.text(self.delete_button.setText, N_("Verwijderen"))
        self.delete_button.clicked.connect(self.ask_delete)
        self.cancel_button = QPushButton()
        self.text(self.cancel_button.setText, N_("Annuleren"))
        self.cancel_button.clicked.connect(self.stop_edit)
        self.cancel_button.hide()
        self.confirm_box: QMessageBox | None = None
        self.items.currentRowChanged.connect(lambda _row: self._enable_record_buttons())
        record_buttons = QHBoxLayout()
        record_buttons.addStretch(1)
        record_buttons.addWidget(self.edit_button)
        record_buttons.addWidget(self.delete_button)
        self.record_buttons = QWidget()
        self.record_buttons.setLayout(record_buttons)
        self.record_buttons.hide()  # until there is something stored to change
        record_buttons.setContentsMargins(0, 0, 0, 0)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.cancel_button)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items)
        layout.addWidget(self.record_buttons)
        layout.addLayout(self.form)
        layout.addLayout(add_row)
        layout.addStretch(1)  # spare height goes below the button, not between the rows
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
        self.stored = self.records(state.record) if state.record is not None else []
        for record in self.stored:
            self.items.addItem(QListWidgetItem(self.describe_one(record)))
        self.items.setVisible(self.items.count() > 0)
        if self.editing is not None and self.editing.id not in {r.id for r in self.stored}:
            self.stop_edit()  # removed meanwhile
        self._enable_record_buttons()

    def records(self, session: IntakeSession) -> list[Any]:
        """The stored records this form lists (each with an ``id``)."""
        return []

    def describe_one(self, record: Any) -> str:
        return str(record)

    def describe(self, session: IntakeSession) -> list[str]:
        return [self.describe_one(record) for record in self.records(session)]

    def _enable_record_buttons(self) -> None:
        editable = type(self).load is not RecordForm.load
        chosen = 0 <= self.items.currentRow() < len(self.stored)
        self.record_buttons.setVisible(bool(self.stored))
        self.edit_button.setVisible(editable)
        self.edit_button.setEnabled(chosen and self.editing is None)
        self.delete_button.setEnabled(chosen and self.editing is None)

    def selected_record(self) -> Any:
        row = self.items.currentRow()
        return self.stored[row] if 0 <= row < len(self.stored) else None

    def start_edit(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        self.editing = record
        self.load(record)
        self.add_button.setText(self.t.gettext("Wijziging bewaren"))
        self.cancel_button.show()
        self._enable_record_buttons()

    def stop_edit(self) -> None:
        self.editing = None
        self.reset()
        self.add_button.setText(self.t.gettext(self.add_text))
        self.cancel_button.hide()
        self._enable_record_buttons()

    def load(self, record: Any) -> None:
        """Put a stored record in the fields to change it (forms that can edit)."""

    def ask_delete(self) -> None:
        record = self.selected_record()
        if record is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.t.gettext("Verwijderen?"),
            self.t.format("Dit verwijderen: {what}?", what=self.describe_one(record)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.t.gettext("Verwijderen"))
        box.button(QMessageBox.StandardButton.No).setText(self.t.gettext("Annuleren"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(lambda: self.delete(record))
        box.open()  # not exec(): the window keeps painting
        self.confirm_box = box

    def delete(self, record: Any) -> None:
        removal = self.removal(record)
        if removal is not None and self.controller.apply(removal) is not None:
            self.controller.status.emit(self.t.gettext("Verwijderd."))

    def removal(self, record: Any) -> Callable[..., SessionState] | None:
        return None

    def submit(self) -> None:
        try:
            operation = self.operation()
        except IntakeError as exc:
            self.controller.failed.emit(exc.render(self.t.gettext))
            return
        if operation is not None and self.controller.apply(operation) is not None:
            done = N_("Wijziging bewaard.") if self.editing is not None else N_("Bewaard.")
            self.controller.status.emit(self.t.gettext(done))
            self.stop_edit()

    def operation(self) -> Callable[..., SessionState] | None:
        return None

    def reset(self) -> None:
        pass

    def money(self, money: Money | None) -> str:
        if money is None:
            return self.t.gettext("bedrag onbekend")
        text = Formatter(self.t.code).money(money.cents)
        return self.t.format("ongeveer {amount}", amount=text) if money.approximate else text
