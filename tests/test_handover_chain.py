"""The handover chain (issue 21): what the next organisation needs to act, on the letter and
as a creditor list for its case system (saldoverzoek), through the services and the CLI."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from intake_app.core.model import (
    ConsentPurpose,
    Debt,
    DebtKind,
    DebtStage,
    DebtStatus,
    Direction,
    FormalCategory,
    Income,
    IncomeSource,
    Money,
    Referral,
    Relationship,
    Wish,
)
from intake_app.core.security import AuditAction, Role
from intake_app.services.creditor_list import schema
from intake_app.services.session_checks import format_checker
from intake_app.services.session_file import to_document
from intake_app.services.summaries import ConsentMissingError, PrintOptions

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"

BAILIFF = Debt(
    DebtKind.FORMAL, Direction.OWED_BY_CLIENT, "formal_debts", amount=Money(184350),
    creditor="Flanderijn", initial_creditor="Vattenfall", reference="FL-2026-118734",
    stage=DebtStage.BAILIFF, deadline=date(2026, 12, 4), status=DebtStatus.UNDISPUTED,
    category=FormalCategory.ENERGY,
)  # fmt: skip
RENT = Debt(
    DebtKind.FORMAL, Direction.OWED_BY_CLIENT, "formal_debts", amount=Money(61200, True),
    creditor="Woonstad", reference="HUUR 44-1021", stage=DebtStage.REMINDER,
    category=FormalCategory.RENT, status=DebtStatus.DISPUTED,
)  # fmt: skip
SISTER = Debt(
    DebtKind.INFORMAL, Direction.OWED_BY_CLIENT, "inf_family_nl", amount=Money(300000),
    relationship=Relationship.SIBLING, consent_handover=True, deadline=date(2027, 3, 1),
)  # fmt: skip
PRIVATE = dataclasses.replace(SISTER, relationship=Relationship.FRIEND, wish=Wish.KEEP_PRIVATE)
LENT_OUT = dataclasses.replace(SISTER, direction=Direction.OWED_TO_CLIENT, card_id="inf_lent_out")


def _full_session(service, consents: bool = True) -> int:
    sid = service.start_session("nl").id
    service.set_household(
        sid, adults=2, children=3, children_ages="3, 7 en ongeveer 12", others="moeder"
    )
    service.add_income(
        sid, Income(IncomeSource.BENEFIT, Money(125000, True), whose="cliënt",
                    description="Participatiewet")
    )  # fmt: skip
    service.add_income(sid, Income(IncomeSource.WORK, Money(40000), Money(60000), whose="partner"))
    for debt in (BAILIFF, RENT, SISTER, PRIVATE, LENT_OUT):
        service.add_debt(sid, debt)
    service.answer(sid, "urgency_check", ["eviction", "disconnection"])
    eviction, disconnection = service.open_session(sid).record.urgencies
    service.update_urgency(
        sid, dataclasses.replace(eviction, deadline=date(2026, 12, 10),
                                 agreed="Woonstad wacht tot 10 december")
    )  # fmt: skip
    service.update_urgency(
        sid, dataclasses.replace(disconnection, resolved=True, agreed="regeling met Vattenfall")
    )
    service.add_referral(
        sid,
        Referral(
            None, "Schuldhulp Gemeente", formal=True, warm=True,
            appointment=datetime(2026, 12, 2, 8, 30, tzinfo=UTC),
            appointment_place="Stadskantoor, balie 3", contact_person="mevrouw De Vries",
            accompanied_by="Sanne",
        ),
    )  # fmt: skip
    if consents:
        service.set_consents(
            sid,
            {ConsentPurpose.HANDOVER_FORMAL: True, ConsentPurpose.INFORMAL_DEBTS_IN_HANDOVER: True},
        )
    return sid


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def _last(context, action: AuditAction):
    return next(e for e in context.storage.audit.events(limit=20) if e.action is action)


def test_everything_is_stored_on_both_databases(any_context) -> None:
    sid = _full_session(any_context.intake)
    record = any_context.storage.sessions.get_session(sid)
    assert (record.household_adults, record.household_children) == (2, 3)
    assert record.household_children_ages == "3, 7 en ongeveer 12"
    assert [i.source for i in record.incomes] == [IncomeSource.BENEFIT, IncomeSource.WORK]
    assert record.incomes[1].amount_up_to == Money(60000)
    stored = {d.creditor: d for d in record.debts if d.kind is DebtKind.FORMAL}
    assert stored["Flanderijn"].reference == "FL-2026-118734"
    assert stored["Flanderijn"].initial_creditor == "Vattenfall"
    assert stored["Flanderijn"].stage is DebtStage.BAILIFF
    assert record.urgencies[0].agreed == "Woonstad wacht tot 10 december"
    assert record.urgencies[1].resolved
    assert record.referrals[0].appointment_place == "Stadskantoor, balie 3"
    # and it survives a session file
    income = record.incomes[0]
    any_context.intake.update_income(sid, dataclasses.replace(income, amount=Money(130000)))
    any_context.intake.remove_income(sid, record.incomes[1].id)
    assert [i.amount for i in any_context.storage.sessions.get_session(sid).incomes] == [
        Money(130000)
    ]


def test_the_letter_reads_back_with_all_of_it(context, tmp_path) -> None:
    sid = _full_session(context.intake)
    pdf = context.summaries.write(sid, "handover", tmp_path / "h.pdf")
    text = _text(pdf)
    for expected in (
        "Huishouden",
        "2 volwassenen, 3 kinderen (leeftijd: 3, 7 en ongeveer 12)",
        "Woont er ook: moeder",
        "Inkomen per maand",
        "Uitkering (cliënt, Participatiewet)",
        "ongeveer € 1.250,00",
        "€ 400,00 tot € 600,00",
        "Flanderijn (gas en licht), kenmerk FL-2026-118734, oorspronkelijke schuldeiser "
        "Vattenfall, bij de deurwaarder, termijn 4 december 2026, niet betwist",
        "Woonstad (huur), kenmerk HUUR 44-1021, herinnering of aanmaning, betwist door de cliënt",
        "Dreigende huisuitzetting: nog open, uiterlijk 10 december 2026. Afgesproken: "
        "Woonstad wacht tot 10 december",
        "opgelost. Afgesproken: regeling met Vattenfall",
        "Contactpersoon: mevrouw De Vries",
        "Gezamenlijke afspraak: 2 december 2026",
        "Stadskantoor, balie 3",
        "Gaat mee: Sanne",
    ):
        assert expected in text, expected
    assert "status onbekend" not in text


def test_without_formal_consent_household_income_and_debts_stay_out(context, tmp_path) -> None:
    sid = _full_session(context.intake, consents=False)
    context.intake.set_consents(sid, {ConsentPurpose.SHARING_INFORMAL: True})
    text = _text(context.summaries.write(sid, "handover", tmp_path / "h.pdf"))
    for absent in ("Participatiewet", "FL-2026-118734", "volwassenen", "Vattenfall"):
        assert absent not in text, absent
    assert "Niet gedeeld op verzoek van de cliënt: huishouden en inkomen" in text


def _creditors(context, sid: int, out: Path) -> dict:
    written = context.summaries.write_creditor_list(sid, out)
    document = json.loads(written.read_text(encoding="utf-8"))
    Draft202012Validator(schema(), format_checker=format_checker()).validate(document)
    return document


def test_the_creditor_list_matches_the_stored_records(context, tmp_path) -> None:
    sid = _full_session(context.intake)
    out = tmp_path / "schulden.json"
    document = _creditors(context, sid, out)
    assert out.stat().st_mode & 0o777 == 0o600  # written through core/safe_write
    record = context.storage.sessions.get_session(sid)
    formal = [d for d in record.debts if d.kind is DebtKind.FORMAL]
    listed = document["creditors"]
    assert [c["kind"] for c in listed] == ["formal", "formal", "informal"]
    for entry, debt in zip(listed, formal, strict=False):
        assert entry["creditor"] == debt.creditor
        assert entry["original_creditor"] == debt.initial_creditor
        assert entry["reference"] == debt.reference
        assert entry["amount"] == {"cents": debt.amount.cents,
                                   "approximate": debt.amount.approximate}  # fmt: skip
        assert entry["stage"] == (debt.stage.value if debt.stage else None)
        assert entry["deadline"] == (debt.deadline.isoformat() if debt.deadline else None)
        assert entry["status"] == debt.status.value
    # money owed to a sister, with consent; the friend "privé houden" and money lent out: not
    assert listed[2]["creditor"] == "Broer of zus" and listed[2]["relationship"] == "sibling"
    assert listed[2]["deadline"] == "2027-03-01"
    assert document["session_code"] == record.code
    printed = _last(context, AuditAction.PRINTED)
    assert (printed.target, printed.detail) == (f"session:{sid}", "creditor_list")

    # Without consent for informal debts in the handover, the list holds the formal ones only.
    context.intake.set_consents(sid, {ConsentPurpose.INFORMAL_DEBTS_IN_HANDOVER: False})
    assert [c["kind"] for c in _creditors(context, sid, out)["creditors"]] == ["formal"] * 2


def test_the_creditor_list_is_refused_without_consent(context, tmp_path) -> None:
    sid = _full_session(context.intake, consents=False)
    context.intake.set_consents(sid, {ConsentPurpose.SHARING_INFORMAL: True})
    out = tmp_path / "schulden.json"
    with pytest.raises(ConsentMissingError, match="toestemming"):
        context.summaries.write_creditor_list(sid, out)
    assert not out.exists()
    refused = _last(context, AuditAction.PRINT_REFUSED)
    assert (refused.target, refused.detail) == (f"session:{sid}", "creditor_list")


def test_the_sender_comes_from_the_account_and_the_organisation(context, tmp_path) -> None:
    accounts = context.security.accounts
    accounts.create_first_admin("beheer", "Beheer", "een lang wachtwoord 1")
    accounts.add_user("carla", "Carla Jansen", Role.COUNSELLOR, "een lang wachtwoord 2")
    context.storage_admin.set_organisation_name("Stichting Geldzorg Oost")
    changed = _last(context, AuditAction.SETTING_CHANGED)
    assert changed.target == "setting:organisation_name"
    accounts.login("carla", "een lang wachtwoord 2")
    carla = context.for_current_user()
    sid = _full_session(carla.intake)
    letter = carla.summaries.build(sid, "handover")
    sender = " ".join(line.text for line in letter.sections[0].lines)
    assert "Afzender: Carla Jansen, schuldhulpverlener" in sender
    assert "Organisatie: Stichting Geldzorg Oost" in sender
    # What the caller says wins (the command line's --role, --organisation).
    other = carla.summaries.build(sid, "handover", PrintOptions(role="vrijwilliger"))
    assert "Afzender: Carla Jansen, vrijwilliger" in " ".join(
        line.text for line in other.sections[0].lines
    )
    listed = _creditors(carla, sid, tmp_path / "c.json")
    assert listed["sender"] == {
        "name": "Carla Jansen",
        "role": "schuldhulpverlener",
        "organisation": "Stichting Geldzorg Oost",
    }


def test_an_old_session_file_imports_into_the_new_schema_unchanged(context) -> None:
    """A file as the app wrote it before this change (format of 0006_print_choices)."""
    path = DATA / "session-before-0007.json"
    old = json.loads(path.read_text(encoding="utf-8"))["session"]
    assert "incomes" not in old and "reference" not in old["debts"][0]
    item = context.session_files.import_session(path)
    session = context.storage.sessions.get_session(item.id)
    new = to_document(session)["session"]
    for key, value in old.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            assert [
                {k: r[k] for k in record} for r, record in zip(new[key], value, strict=True)
            ] == value, key
        elif key != "updated_at":
            assert new[key] == value, key
    assert session.incomes == () and session.household_adults is None
    assert all(d.reference == "" and d.stage is None for d in session.debts)


def _admin(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "INTAKE_APP_DB_URL"}
    return subprocess.run(
        [sys.executable, "-m", "intake_app.cli.main", *args],
        capture_output=True, text=True, env=env, cwd=REPO,
    )  # fmt: skip


def test_the_command_line_writes_the_letter_and_the_list(context, db_url, tmp_path) -> None:
    sid = _full_session(context.intake)
    quiet = _full_session(context.intake, consents=False)
    context.intake.set_consents(quiet, {ConsentPurpose.SHARING_INFORMAL: True})
    done = _admin("--db", db_url, "organisation", "set", "Stichting Geldzorg Oost")
    assert done.returncode == 0, done.stderr
    pdf, data = tmp_path / "h.pdf", tmp_path / "h.json"
    base = ["--db", db_url, "summary", str(sid), "--kind", "handover", "--out", str(pdf)]
    done = _admin(*base, "--data", str(data), "--role", "vrijwilliger")
    assert done.returncode == 0, done.stderr
    document = json.loads(data.read_text(encoding="utf-8"))
    Draft202012Validator(schema(), format_checker=format_checker()).validate(document)
    assert document["sender"]["organisation"] == "Stichting Geldzorg Oost"
    assert document["sender"]["role"] == "vrijwilliger"
    assert "Organisatie: Stichting Geldzorg Oost" in _text(pdf)

    def refused(*args: str, needle: str) -> None:
        result = _admin(*args)
        assert result.returncode == 2, result
        assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
        assert needle in result.stderr, result.stderr

    # no consent to hand over formal debts: nothing written
    none_pdf, none_data = tmp_path / "n.pdf", tmp_path / "n.json"
    refused("--db", db_url, "summary", str(quiet), "--kind", "handover", "--out", str(none_pdf),
            "--data", str(none_data), needle="toestemming")  # fmt: skip
    assert not none_data.exists() and not none_pdf.exists()
    # bad paths and the wrong kind
    refused(*base, "--data", str(tmp_path), needle="map")
    refused(*base, "--data", str(tmp_path / "nergens" / "x.json"), needle="bestaat niet")
    refused(*base, "--data", str(pdf), needle="hetzelfde bestand")
    refused("--db", db_url, "summary", str(sid), "--kind", "client", "--out", str(pdf),
            "--data", str(data), needle="overdracht")  # fmt: skip


def test_the_documented_example_fits_the_schema() -> None:
    text = (REPO / "docs" / "creditor-list.md").read_text(encoding="utf-8")
    example = text.split("```json", 1)[1].split("```", 1)[0]
    Draft202012Validator(schema(), format_checker=format_checker()).validate(json.loads(example))
