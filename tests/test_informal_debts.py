"""Informal debts in full (issue 21, INF-01…14): every field stored, edited, in the session
file, and the partner's or unconfirmed debts kept out of the client's own total."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from intake_app.core.debts import kept_apart, own, totals
from intake_app.core.errors import IntakeError
from intake_app.core.model import (
    Debt,
    DebtKind,
    Debtor,
    DebtStatus,
    Direction,
    Frequency,
    Money,
    Relationship,
    Terms,
    Wish,
)
from intake_app.services.session_file import to_document

DATA = Path(__file__).resolve().parent / "data"

WEDDING = Debt(
    DebtKind.INFORMAL,
    Direction.OWED_BY_CLIENT,
    "inf_wedding",
    amount=Money(600000, approximate=True),
    relationship=Relationship.IN_LAW,
    relationship_text="zwager",
    country="Marokko",
    purpose="bruiloft van de dochter",
    terms=Terms.VERBAL,
    since=date(2024, 6, 1),
    deadline=date(2027, 1, 31),
    monthly_repayment=Money(10000),
    regular=False,
    in_budget=True,
    status=DebtStatus.DISPUTED,
    caused_by_ex_partner=True,
    wish=Wish.INCLUDE_IN_PLAN,
    consent_handover=True,
)
REMITTANCE = Debt(
    DebtKind.INFORMAL,
    Direction.REMITTANCE,
    "inf_remittance",
    amount=Money(10000),
    amount_up_to=Money(20000),
    frequency=Frequency.IRREGULAR,
    regular=False,
    relationship=Relationship.PARENT,
    relationship_text="moeder in Eritrea",
    wish=Wish.KEEP_SENDING,
)
PARTNERS = Debt(
    DebtKind.INFORMAL,
    Direction.OWED_BY_CLIENT,
    "inf_friends",
    amount=Money(300000),
    relationship=Relationship.FRIEND,
    debtor=Debtor.PARTNER,
)
UNSURE = Debt(
    DebtKind.INFORMAL,
    Direction.OWED_BY_CLIENT,
    "inf_family_nl",
    amount=Money(50000),
    relationship=Relationship.SIBLING,
    confirmed=False,
)


def _without_ids(debts):
    return [replace(debt, id=None) for debt in debts]


def test_every_field_is_stored_edited_and_in_the_session_file(any_context, tmp_path) -> None:
    service = any_context.intake
    sid = service.start_session("nl").id
    for debt in (WEDDING, REMITTANCE, PARTNERS, UNSURE):
        state = service.add_debt(sid, debt)
    assert _without_ids(state.record.debts) == [WEDDING, REMITTANCE, PARTNERS, UNSURE]

    # Edited: the partner's debt turns out to be her own after all, the range narrows.
    stored = {debt.card_id: debt for debt in state.record.debts}
    service.update_debt(sid, replace(stored["inf_friends"], debtor=Debtor.CLIENT))
    state = service.update_debt(
        sid,
        replace(stored["inf_remittance"], amount_up_to=Money(15000), frequency=Frequency.MONTHLY),
    )
    edited = {debt.card_id: debt for debt in state.record.debts}
    assert edited["inf_friends"].debtor is Debtor.CLIENT
    assert edited["inf_remittance"].amount_up_to == Money(15000)
    assert edited["inf_remittance"].frequency is Frequency.MONTHLY

    out = tmp_path / "session.json"
    any_context.session_files.export_session(sid, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    wedding = document["session"]["debts"][0]
    assert wedding["relationship_text"] == "zwager" and wedding["since"] == "2024-06-01"
    assert wedding["monthly_repayment"] == {"cents": 10000, "approximate": False}
    document["session"]["code"] = "K-COPY-01"  # the same database: a code of its own
    out.write_text(json.dumps(document), encoding="utf-8")
    imported = any_context.session_files.import_session(out)
    again = any_context.storage.sessions.get_session(imported.id)
    assert _without_ids(again.debts) == _without_ids(state.record.debts)


def test_the_partners_and_unconfirmed_debts_stay_out_of_her_total() -> None:
    debts = [WEDDING, PARTNERS, UNSURE, REMITTANCE]
    assert own(debts) == [WEDDING, REMITTANCE]
    assert kept_apart(debts) == [PARTNERS, UNSURE]
    owed = totals(debts)[(DebtKind.INFORMAL, Direction.OWED_BY_CLIENT)]
    assert (owed.cents, owed.approximate) == (600000, True)
    sent = totals(debts)[(DebtKind.INFORMAL, Direction.REMITTANCE)]
    assert (sent.cents, sent.approximate) == (10000, True)  # a range: its low end, "about"


def test_impossible_amounts_are_refused_in_one_sentence(context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    with pytest.raises(IntakeError, match="hoogste"):
        service.add_debt(sid, replace(REMITTANCE, amount_up_to=Money(5000)))
    with pytest.raises(IntakeError, match="negatief"):
        service.add_debt(sid, replace(WEDDING, monthly_repayment=Money(-1)))
    assert context.intake.open_session(sid).record.debts == ()


def test_a_session_file_of_todays_format_imports_unchanged(context) -> None:
    """The file as the app wrote it before issue 21: every value comes back as it was."""
    path = DATA / "session-file-2026-11.json"
    old = json.loads(path.read_text(encoding="utf-8"))["session"]
    item = context.session_files.import_session(path)
    new = to_document(context.storage.sessions.get_session(item.id))["session"]
    for key, value in old.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            assert [
                {k: r[k] for k in record} for r, record in zip(new[key], value, strict=True)
            ] == value, key
        elif key not in ("updated_at",):
            assert new[key] == value, key
    debt = context.storage.sessions.get_session(item.id).debts[0]
    assert (debt.debtor, debt.confirmed, debt.relationship_text, debt.frequency) == (
        Debtor.CLIENT,
        True,
        "",
        None,
    )


def test_the_details_widget_stores_and_shows_every_field(gui_app, qtbot, context) -> None:
    from PySide6.QtCore import QDate

    from intake_app.i18n.translator import Translator
    from intake_app.ui.informal_details import InformalDetails
    from intake_app.ui.record_forms import parse_amount

    t = Translator("nl", context.paths.catalogs)
    details = InformalDetails(t, parse_amount)
    qtbot.addWidget(details)
    details.show()
    details.more.setChecked(True)
    assert details.body.isVisible()
    details.relationship_text.setText("zwager")
    details.purpose.setText("bruiloft van de dochter")
    details.has_since.setChecked(True)
    details.since.setDate(QDate(2024, 6, 1))
    details.terms.setCurrentIndex(details.terms.findData(Terms.VERBAL))
    details.amount_up_to.setText("7.000")
    details.monthly_repayment.setText("100,00")
    details.regular.setCurrentIndex(details.regular.findData(False))
    details.in_budget.setCurrentIndex(details.in_budget.findData(True))
    details.disputed.setChecked(True)
    details.ex_partner.setChecked(True)
    details.partner.setChecked(True)
    base = Debt(
        DebtKind.INFORMAL,
        Direction.OWED_BY_CLIENT,
        "inf_wedding",
        amount=Money(600000, approximate=True),
        relationship=Relationship.IN_LAW,
    )
    debt = details.apply(base)
    assert (debt.since, debt.amount_up_to, debt.monthly_repayment) == (
        date(2024, 6, 1),
        Money(700000, approximate=True),
        Money(10000),
    )
    assert (debt.regular, debt.in_budget, debt.status, debt.debtor, debt.confirmed) == (
        False,
        True,
        DebtStatus.DISPUTED,
        Debtor.PARTNER,
        True,
    )
    sid = context.intake.start_session("nl").id
    stored = context.intake.add_debt(sid, debt).record.debts[0]
    again = InformalDetails(t, parse_amount)
    qtbot.addWidget(again)
    again.load(stored)  # editing shows what was stored, and gives it back unchanged
    assert again.apply(replace(stored, status=DebtStatus.UNKNOWN)) == stored
    out = os.environ.get("AFTERCARE_PNG")
    if out:
        details.resize(420, details.sizeHint().height())
        details.grab().save(out)


def test_the_papers_show_deadline_and_disputed_and_never_private_items(context, tmp_path) -> None:
    import subprocess

    from intake_app.core.model import ConsentPurpose

    service = context.intake
    sid = service.start_session("nl").id
    service.set_consents(
        sid,
        {ConsentPurpose.HANDOVER_FORMAL: True, ConsentPurpose.INFORMAL_DEBTS_IN_HANDOVER: True},
    )
    secret = replace(UNSURE, relationship=Relationship.FRIEND, wish=Wish.KEEP_PRIVATE)
    for debt in (WEDDING, PARTNERS, secret):
        service.add_debt(sid, debt)

    client = tmp_path / "client.pdf"
    context.summaries.write(sid, "client", client)
    text = subprocess.run(["pdftotext", str(client), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "klopt niet volgens u" in flat and "terugbetalen vóór 31 januari 2027" in flat
    assert "niet in uw totaal" in flat  # the partner's debt: listed, not counted
    assert "500,00" not in flat  # "privé houden": never on paper
    assert "6.000,00" in flat and "9.000,00" not in flat  # her own total only

    handover = tmp_path / "handover.pdf"
    context.summaries.write(sid, "handover", handover)
    letter = " ".join(
        subprocess.run(
            ["pdftotext", str(handover), "-"], capture_output=True, text=True
        ).stdout.split()
    )
    for phrase in (
        "zwager",
        "voor: bruiloft van de dochter",
        "betwist door de cliënt",
        "ontstaan door de ex-partner",
    ):
        assert phrase in letter, phrase
