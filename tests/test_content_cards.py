"""The counselling cards of issue 18 (client part): reassurance, independence, work, savings
circle, the cultural interview, interpreter warnings and gender options. Real services on a
temporary SQLite file; the CLI through ``main``."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake_app.bootstrap.context import build_context
from intake_app.cli.content_check import client_texts
from intake_app.cli.main import main
from intake_app.content.loader import InvalidContentError, load_flow
from intake_app.core import organisation_texts
from intake_app.core.errors import IntakeError
from intake_app.core.flow import RecordKind
from intake_app.core.model import Debt, DebtKind, Direction, Money
from intake_app.core.organisation_texts import OrganisationText
from intake_app.i18n.drafts import load_drafts
from intake_app.i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from intake_app.i18n.translator import Translator
from intake_app.services import card_hints
from tests.conftest import REPO

CONTENT = REPO / "resources" / "content"
CATALOGS = REPO / "translations"
NEW_CARDS = (
    "welcome_children", "money_manager", "financial_independence", "who_signed", "work_self",
    "work_partner", "inf_savings_circle", "inf_savings_circle_turn", "culture_intro",
    "culture_life_world", "culture_migration", "culture_family_ties",
)  # fmt: skip
CULTURE = ("culture_intro", "culture_life_world", "culture_migration", "culture_family_ties")


def _ids(state) -> list[str]:  # type: ignore[no-untyped-def]
    return [card.id for card in state]


def test_every_new_card_has_its_texts_in_all_nine_languages() -> None:
    """Dutch is the source; the other eight have a catalog entry or a draft (content check)."""
    flow = load_flow(CONTENT)
    drafts = load_drafts(CATALOGS)
    texts = [
        text
        for card_id in NEW_CARDS
        for card in [flow.card(card_id)]
        for text in (card.title, card.explanation, *(o.label for o in card.options))
        if text
    ]
    assert set(texts) <= set(client_texts(flow))
    for language in LANGUAGES:
        if language.code == SOURCE_LANGUAGE:
            continue
        translator = Translator(language.code, CATALOGS)
        missing = [
            t for t in texts if not translator.has(t) and not drafts.get(language.code, {}).get(t)
        ]
        assert not missing, (language.code, missing)


def test_content_check_reports_drafts_and_placeholders(capsys: pytest.CaptureFixture[str]) -> None:
    """INT-03, GEN-06: the check names the placeholder texts the organisation must decide on;
    texts only in a draft are counted as 'ontwerp', never as translated."""
    assert main(["content", "check"]) == 0
    out = capsys.readouterr().out
    assert "ontwerp" in out and "ontbreekt   0" in out
    assert "Voorbeeldteksten die uw organisatie moet goedkeuren of vervangen:" in out
    assert "welcome_children: Hulp vragen is goed voor uw gezin." in out
    assert "welcome_not_government" in out
    assert "Informatiebladen (4):" in out  # COM-10: the sheets, counted the same way
    assert "Tigrinya (concept, nog niet nagekeken)" in out  # no catalog reviewed yet


def test_a_card_may_be_hidden_under_a_flag_and_unknown_flags_are_refused(tmp_path: Path) -> None:
    (tmp_path / "01_x.yaml").write_text(
        "phase: {id: x, number: 1, title: X, pictogram: 2709}\n"
        "cards:\n"
        "  - {id: a, kind: info, title: A, pictogram: 2709, show_if: {unless_flag: trauma}}\n"
        "  - {id: b, kind: info, title: B, pictogram: 2709, show_if: {unless_flag: moon}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidContentError) as caught:
        load_flow(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "01_x.yaml:4: unknown flag 'moon' (allowed: trauma, safety)"
    ]


def test_int16_cultural_interview_is_hidden_under_the_trauma_flag(context) -> None:
    """INT-16: offered after trust, optional, and hidden while 'mogelijk trauma' is set."""
    service = context.intake
    sid = service.start_session("nl").id
    service.confirm_trust(sid)
    state = service.go_to_phase(sid, "wellbeing")
    session = context.storage.sessions.get_session(sid)
    assert "culture_intro" in _ids(service.engine.sequence(session))
    assert "culture_life_world" not in _ids(service.engine.sequence(session))  # until "Ja"
    service.answer(sid, "life_domains", ["none"])
    state = service.answer(sid, "culture_intro", ["yes"])
    assert state.current_card == "culture_life_world"
    session = context.storage.sessions.get_session(sid)
    assert set(CULTURE) <= set(_ids(service.engine.sequence(session)))

    state = service.set_flags(sid, trauma=True)
    session = context.storage.sessions.get_session(sid)
    assert not set(CULTURE) & set(_ids(service.engine.sequence(session)))
    with pytest.raises(IntakeError):
        service.go_to(sid, "culture_intro")
    assert any("trauma" in hint for hint in state.hints)


def test_com06_sensitive_card_with_a_child_or_relative_interpreting(context) -> None:
    """COM-06: the interpreter's kind stored for the session decides, on sensitive cards only."""
    service = context.intake
    sid = service.start_session("nl").id
    service.answer(sid, "interpreter_mode", ["child"])
    service.confirm_trust(sid)
    flow = service.flow
    assert flow.card("life_domains").sensitive and flow.card("financial_independence").sensitive
    state = service.go_to(sid, "life_domains")
    assert card_hints.CHILD_INTERPRETS in state.hints
    state = service.go_to(sid, "primary_question")  # not sensitive: no warning
    assert card_hints.CHILD_INTERPRETS not in state.hints
    service.set_interpreter(sid, kind="family_member", language="ar")
    state = service.go_to(sid, "financial_independence")
    assert card_hints.RELATIVE_INTERPRETS in state.hints
    service.set_interpreter(sid, kind="professional_in_person", language="ar")
    state = service.go_to(sid, "life_domains")
    assert not {card_hints.RELATIVE_INTERPRETS, card_hints.CHILD_INTERPRETS} & set(state.hints)


def test_gen03_gen04_money_manager_and_independence_are_answers(context) -> None:
    """GEN-03: who manages the money is recorded (no head-of-household field) and partners
    are offered a talk apart; GEN-04: own income, account, access, debts, contracts, who
    signed."""
    service = context.intake
    sid = service.start_session("nl").id
    state = service.go_to_phase(sid, "money")
    state = service.answer(sid, "household", ["couple_with_children"])
    assert state.current_card == "money_manager"
    assert card_hints.PARTNERS_APART in state.hints
    assert card_hints.CHILDREN_AT_HOME in state.hints  # GEN-06 counsellor reminder
    state = service.answer(sid, "money_manager", ["partner"])
    state = service.answer(sid, "financial_independence", ["own_income", "contracts_own_name"])
    assert state.current_card == "who_signed"  # shown because a contract is in her name
    state = service.answer(sid, "who_signed", ["partner"])
    assert state.current_card == "income_sources"
    answers = state.record.answers
    assert answers["money_manager"].value == ("partner",)
    assert answers["who_signed"].value == ("partner",)
    fields = {f for f in state.record.__dataclass_fields__}  # type: ignore[attr-defined]
    assert not {"head_of_household", "hoofd_van_het_huishouden"} & fields


def test_org08_work_for_both_partners_suggests_social_services_or_uwv(context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    service.go_to_phase(sid, "money")
    service.answer(sid, "household", ["single"])
    session = context.storage.sessions.get_session(sid)
    assert "work_partner" not in _ids(service.engine.sequence(session))
    service.answer(sid, "household", ["couple"])
    session = context.storage.sessions.get_session(sid)
    assert {"work_self", "work_partner"} <= set(_ids(service.engine.sequence(session)))
    state = service.answer(sid, "work_self", ["has_work"])
    assert card_hints.WORK_REFERRAL not in state.hints
    state = service.answer(sid, "work_partner", ["wants_study"])
    assert card_hints.WORK_REFERRAL in state.hints


def test_inf13_savings_circle_feeds_the_informal_debts(context) -> None:
    """INF-13: "Ja" keeps the card and opens the informal-debt form; the contribution is
    noted as the repayment; the turn is its own card."""
    service = context.intake
    sid = service.start_session("nl").id
    service.confirm_trust(sid)
    card = service.flow.card("inf_savings_circle")
    assert card.records is RecordKind.INFORMAL_DEBTS and card.phase == "informal"
    service.go_to(sid, "inf_savings_circle")
    state = service.answer(sid, "inf_savings_circle", ["yes"])
    assert state.current_card == "inf_savings_circle"
    state = service.add_debt(
        sid,
        Debt(
            DebtKind.INFORMAL,
            Direction(card.debt_direction),
            "inf_savings_circle",
            amount=Money(120_000),
            monthly_repayment=Money(10_000),
        ),
    )
    state = service.next(sid)
    assert state.current_card == "inf_savings_circle_turn"
    state = service.answer(sid, "inf_savings_circle_turn", ["received"])
    debts = [d for d in state.record.debts if d.card_id == "inf_savings_circle"]
    assert len(debts) == 1 and debts[0].monthly_repayment == Money(10_000)


def test_gen11_gender_options_include_other_and_rather_not_say(context) -> None:
    service = context.intake
    sid = service.start_session("nl").id
    preference = {o.id for o in service.flow.card("counsellor_gender_preference").options}
    assert {"nonbinary", "declined"} <= preference
    for gender in ("other", "declined"):
        state = service.set_interpreter(sid, kind="phone_interpreter", gender=gender)
        assert state.record.interpreter_gender == gender
    with pytest.raises(IntakeError):
        service.set_interpreter(sid, kind="phone_interpreter", gender="x")


def test_int03_gen06_organisation_texts_are_placeholders_until_decided() -> None:
    flow = load_flow(CONTENT)
    assert [c.id for c in organisation_texts.placeholder_cards(flow)] == [
        "welcome_not_government",
        "welcome_children",
    ]
    decided = organisation_texts.apply(
        flow,
        {
            "welcome_not_government": OrganisationText(approved=True),
            "welcome_children": OrganisationText(title="Eigen titel", explanation="Eigen uitleg"),
        },
    )
    assert organisation_texts.placeholder_cards(decided) == []
    assert decided.card("welcome_not_government").title == "Wij zijn niet de Belastingdienst."
    assert decided.card("welcome_children").title == "Eigen titel"
    assert OrganisationText.from_setting("{not json").state == organisation_texts.PLACEHOLDER


def test_int03_gen06_coordinator_replaces_the_children_text(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Through intake-admin; the next start shows the organisation's text and the panel
    hint about the placeholder is gone for it."""
    context = build_context(db_url=db_url, data_dir=tmp_path)
    sid = context.intake.start_session("nl").id
    state = context.intake.go_to(sid, "welcome_children")
    assert card_hints.PLACEHOLDER_TEXT in state.hints
    context.close()
    own = ["--title", "Uw kinderen en onze hulp", "--explanation", "Wij praten eerst met u."]
    assert main(["--db", db_url, "languages", "text", "welcome_children", *own]) == 0
    assert "eigen tekst" in capsys.readouterr().out
    assert main(["--db", db_url, "languages", "text", "welcome_children"]) == 2
    assert "Kies precies een van" in capsys.readouterr().err
    context = build_context(db_url=db_url, data_dir=tmp_path)
    try:
        assert context.intake.flow.card("welcome_children").title == "Uw kinderen en onze hulp"
        state = context.intake.go_to(sid, "welcome_children")
        assert card_hints.PLACEHOLDER_TEXT not in state.hints
        state = context.intake.go_to(sid, "welcome_not_government")
        assert card_hints.PLACEHOLDER_TEXT in state.hints
    finally:
        context.close()
    assert main(["--db", db_url, "languages", "texts"]) == 0
    out = capsys.readouterr().out
    assert "welcome_children: eigen tekst" in out and "welcome_not_government: VOORBEELD" in out
