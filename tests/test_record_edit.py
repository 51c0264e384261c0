"""'Ja' on an informal-debt card keeps the card and its form; records change and go, audited."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.errors import IntakeError
from intake_app.core.flow import RecordKind
from intake_app.core.model import (
    ActionType,
    Direction,
    NextStep,
    OnTheSpotAction,
    Owner,
    ProvisionCheck,
    ProvisionStatus,
    Referral,
)
from intake_app.i18n.translator import Translator
from intake_app.ui.main_window import MainWindow
from intake_app.ui.record_forms import DebtForm

PASSWORD = "beheer-wachtwoord-1"
LEFT = Qt.MouseButton.LeftButton


def _window(qtbot, db_url, tmp_path):  # type: ignore[no-untyped-def]
    context = DatabaseGate(db_url=db_url, data_dir=tmp_path).open_first_run(
        "beheer", "Anna", PASSWORD
    )
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    return window


def _changes(window, session_id: int) -> int:  # type: ignore[no-untyped-def]
    return sum(
        1
        for e in window.context.security.audit.entries()
        if e.action == "changed" and e.target == f"session:{session_id}"
    )


def test_yes_keeps_the_card_and_its_form_then_edit_and_delete(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    window = _window(qtbot, db_url, tmp_path)
    window._start("ar")
    controller = window.controller
    sid = controller.state.id
    window.context.intake.confirm_trust(sid)
    controller.apply(lambda s, i: s.go_to(i, "inf_remittance"))
    view = window.intake_view
    client, panel = view.client, view.panel
    qtbot.mouseClick(client.option_buttons["yes"], LEFT)
    assert client.card.id == "inf_remittance"  # the card stays
    form = panel.records.current_form()
    assert isinstance(form, DebtForm) and form is panel.records.forms[RecordKind.INFORMAL_DEBTS]
    assert form.direction.currentData() == Direction.REMITTANCE.value  # this card's direction
    assert client.option_buttons["yes"].property("chosen")  # one answer: marked "chosen"
    assert client.done_button.isVisible() and client.done_button.isEnabled()

    form.amount.setText("150")
    form.relationship.setCurrentIndex(form.relationship.findData("parent"))
    qtbot.mouseClick(form.add_button, LEFT)
    debts = window.context.intake.open_session(sid).record.debts
    assert [(d.direction, d.card_id, d.amount.cents) for d in debts] == [
        (Direction.REMITTANCE, "inf_remittance", 15_000)
    ]
    assert window.statusBar().currentMessage() == "Bewaard."

    # Change it: the same record, a new amount.
    form.items.setCurrentRow(0)
    assert form.edit_button.isEnabled()
    qtbot.mouseClick(form.edit_button, LEFT)
    assert form.amount.text() == "150,00"
    form.amount.setText("175")
    qtbot.mouseClick(form.add_button, LEFT)
    debts = window.context.intake.open_session(sid).record.debts
    assert [(d.id, d.amount.cents) for d in debts] == [(debts[0].id, 17_500)]
    assert form.items.count() == 1 and "175" in form.items.item(0).text()

    # Remove it, after a confirmation.
    form.items.setCurrentRow(0)
    qtbot.mouseClick(form.delete_button, LEFT)
    box = form.confirm_box
    assert box is not None and box.isVisible()
    assert window.context.intake.open_session(sid).record.debts  # nothing gone yet
    box.button(QMessageBox.StandardButton.Yes).click()
    QApplication.processEvents()
    assert window.context.intake.open_session(sid).record.debts == ()
    assert form.items.count() == 0

    # The client's "Verder" moves on.
    qtbot.mouseClick(client.done_button, LEFT)
    assert client.card.id != "inf_remittance"
    window.context.close()


def test_every_record_kind_changes_and_goes_through_the_gate(
    gui_app, qtbot, db_url, tmp_path
) -> None:
    window = _window(qtbot, db_url, tmp_path)
    service = window.context.intake
    sid = service.start_session("nl").id
    now = datetime.now(UTC)
    state = service.add_action(sid, OnTheSpotAction(ActionType.CREDITOR_CALLED, now, "Gebeld"))
    action = state.record.actions[0]

    with pytest.raises(IntakeError):  # NUL is refused by the gate, as when adding
        service.update_action(sid, _replace(action, description="Gebeld\x00"))
    state = service.update_action(sid, _replace(action, description="Gebeld met\u202e de bank"))
    assert state.record.actions[0].description == "Gebeld met de bank"  # cleaned by the gate
    state = service.remove_action(sid, action.id)
    assert state.record.actions == ()

    state = service.add_next_step(sid, NextStep("Brief meenemen", Owner.CLIENT, date(2030, 1, 2)))
    step = state.record.next_steps[0]
    state = service.update_next_step(sid, _replace(step, what="Brieven meenemen"))
    assert state.record.next_steps[0].what == "Brieven meenemen"
    assert service.remove_next_step(sid, step.id).record.next_steps == ()

    state = service.add_referral(sid, Referral(None, "Voedselbank", formal=True, warm=False))
    referral = state.record.referrals[0]
    state = service.update_referral(sid, _replace(referral, warm=True))
    assert state.record.referrals[0].warm
    assert service.remove_referral(sid, referral.id).record.referrals == ()

    service.set_provision(
        sid, ProvisionCheck("huurtoeslag", ProvisionStatus.RECEIVES, Owner.CLIENT)
    )
    assert service.remove_provision(sid, "huurtoeslag").record.provisions == ()
    assert _changes(window, sid) >= 1  # audited as changes of this conversation (ids only)
    window.context.close()


def _replace(record, **changes):  # type: ignore[no-untyped-def]
    import dataclasses

    return dataclasses.replace(record, **changes)
