"""The counsellor's panel forms for the handover chain (issue 21), driven as a counsellor
would, and the window's print path with sender, role and organisation from the account."""

from __future__ import annotations

import os
from datetime import date

from PySide6.QtCore import QDate

from intake_app.core.flow import RecordKind
from intake_app.core.model import ConsentPurpose, DebtStage, DebtStatus, IncomeSource
from intake_app.core.security import Role
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from tests.test_intake_widgets import Driver

SHOTS = os.environ.get("HANDOVER_PNG_DIR")  # to look at: HANDOVER_PNG_DIR=/tmp/shots


class CounsellorDriver(Driver):
    """The Driver, logged in as a counsellor with a display name (the sender)."""

    def __init__(self, qtbot, db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
        from intake_app.bootstrap.context import build_context

        self.qtbot = qtbot
        built = build_context(db_url=db_url, data_dir=tmp_path)
        accounts = built.security.accounts
        accounts.create_first_admin("beheer", "Beheer", "een lang wachtwoord 1")
        accounts.add_user("carla", "Carla Jansen", Role.COUNSELLOR, "een lang wachtwoord 2")
        built.storage_admin.set_organisation_name("Stichting Geldzorg Oost")
        accounts.login("carla", "een lang wachtwoord 2")
        self.context = built.for_current_user()
        self.window = MainWindow(self.context, Translator("nl", self.context.paths.catalogs))
        qtbot.addWidget(self.window)
        self.window.resize(1366, 698)
        self.window.show()
        self.client = self.window.intake_view.client
        self.panel = self.window.intake_view.panel


def _go(d: Driver, card: str) -> None:
    d.window.controller.apply(lambda s, sid: s.go_to(sid, card))
    d.qtbot.wait(20)
    assert d.card == card


def _shot(d: Driver, name: str) -> None:
    """The window at 1366x698 with the panel scrolled to the top of the current form."""
    if not SHOTS:
        return
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea

    form = d.panel.records.current_form()
    for area in d.panel.findChildren(QScrollArea):
        if area.widget() is not None and area.widget().isAncestorOf(form):
            top = form.mapTo(area.widget(), QPoint(0, 0)).y()
            area.verticalScrollBar().setValue(top - 40)
    d.qtbot.wait(50)
    d.window.grab().save(os.path.join(SHOTS, f"{name}.png"))


def _set_date(edit, day: date) -> None:  # type: ignore[no-untyped-def]
    edit.setDate(QDate(day.year, day.month, day.day))


def test_the_panel_forms_store_the_handover_chain(gui_app, qtbot, db_url, tmp_path) -> None:
    d = CounsellorDriver(qtbot, db_url, tmp_path)
    d.start("nl")
    d.context.intake.confirm_trust(d.window.controller.state.id)

    _go(d, "urgency_check")
    d.choose("eviction")
    _go(d, "urgency_check")  # back to the card: its form lists what the answer added
    form = d.form(RecordKind.URGENCIES)
    assert form.items.count() == 1
    form.items.setCurrentRow(0)
    d.click(form.edit_button)
    form.has_deadline.setChecked(True)
    _set_date(form.deadline, date(2026, 12, 10))
    form.agreed.setText("Woonstad wacht tot 10 december")
    _shot(d, "urgencies")
    d.click(form.add_button)
    urgency = d.state().urgencies[0]
    assert (urgency.deadline, urgency.agreed, urgency.resolved) == (
        date(2026, 12, 10), "Woonstad wacht tot 10 december", False
    )  # fmt: skip

    _go(d, "household")
    form = d.form(RecordKind.HOUSEHOLD)
    form.adults.setValue(2)
    form.kids.setValue(3)
    form.ages.setText("3, 7 en ongeveer 12")
    form.others.setText("moeder")
    _shot(d, "household")
    d.click(form.add_button)
    state = d.state()
    assert (state.household_adults, state.household_children, state.household_others) == (
        2, 3, "moeder"
    )  # fmt: skip

    _go(d, "income_sources")
    form = d.form(RecordKind.INCOMES)
    form.source.setCurrentIndex(form.source.findData(IncomeSource.BENEFIT))
    form.whose.setText("cliënt")
    form.description.setText("Participatiewet")
    form.amount.setText("1250")
    form.up_to.setText("1300")
    _shot(d, "incomes")
    d.click(form.add_button)
    income = d.state().incomes[0]
    assert (income.source, income.amount.cents, income.amount_up_to.cents, income.whose) == (
        IncomeSource.BENEFIT, 125000, 130000, "cliënt"
    )  # fmt: skip
    assert form.items.count() == 1 and "Uitkering (cliënt)" in form.items.item(0).text()

    _go(d, "formal_debts")
    form = d.form(RecordKind.FORMAL_DEBTS)
    form.creditor.setText("Flanderijn")
    form.category.setCurrentIndex(form.category.findData("energy"))
    form.amount.setText("1843,50")
    form.approximate.setChecked(False)
    details = form.formal_details
    details.reference.setText("FL-2026-118734")
    details.original.setText("Vattenfall")
    details.stage.setCurrentIndex(details.stage.findData(DebtStage.BAILIFF))
    details.status.setCurrentIndex(details.status.findData(DebtStatus.UNDISPUTED))
    details.has_deadline.setChecked(True)
    _set_date(details.deadline, date(2026, 12, 4))
    _shot(d, "formal-debt")
    d.click(form.add_button)
    debt = d.state().debts[0]
    assert (debt.reference, debt.initial_creditor, debt.stage, debt.deadline, debt.status) == (
        "FL-2026-118734", "Vattenfall", DebtStage.BAILIFF, date(2026, 12, 4),
        DebtStatus.UNDISPUTED,
    )  # fmt: skip
    # Editing shows every stored detail again, and keeps them.
    form.items.setCurrentRow(0)
    d.click(form.edit_button)
    assert details.reference.text() == "FL-2026-118734"
    assert details.stage.currentData() == DebtStage.BAILIFF
    details.reference.setText("FL-2026-118735")
    d.click(form.add_button)
    assert d.state().debts[0].reference == "FL-2026-118735"
    assert d.state().debts[0].initial_creditor == "Vattenfall"

    _go(d, "referral")
    form = d.form(RecordKind.REFERRAL)
    form.organisation.setEditText("Schuldhulp Gemeente")
    form.contact.setText("mevrouw De Vries")
    form.has_appointment.setChecked(True)
    form.place.setText("Stadskantoor, balie 3")
    form.accompanied.setText("Sanne")
    _shot(d, "referral")
    d.click(form.add_button)
    referral = d.state().referrals[0]
    assert (referral.contact_person, referral.appointment_place) == (
        "mevrouw De Vries", "Stadskantoor, balie 3"
    )  # fmt: skip
    assert referral.appointment is not None

    # The window's print path: sender, role and organisation from the account and settings.
    sid = d.window.controller.state.id
    d.context.intake.set_consents(sid, {ConsentPurpose.HANDOVER_FORMAL: True})
    dialog = d.window.intake_view.open_preview("handover")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=20000)
    from tests.test_handover_chain import _text

    pdf = tmp_path / "window.pdf"
    pdf.write_bytes(dialog.data)
    text = _text(pdf)
    assert "Afzender: Carla Jansen, schuldhulpverlener" in text
    assert "Organisatie: Stichting Geldzorg Oost" in text
    assert "kenmerk FL-2026-118735" in text and "Stadskantoor, balie 3" in text
    assert "Uitkering (cliënt, Participatiewet)" in text
    dialog.close()
    d.finish()
