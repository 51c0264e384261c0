"""What the papers say for their readers: Dutch amounts, named months, the urgent block's
state, the oral-explanation note, and a handover that speaks to the receiving professional."""

from __future__ import annotations

import re

import pytest

from intake_app.core.model import ConsentPurpose, Urgency, UrgencyType
from intake_app.i18n.formatting import Formatter
from intake_app.services import summary_texts as s
from intake_app.services.summaries import PrintOptions
from tests.pdf_text import flat, pdf_text
from tests.summary_data import make_session

ALL_CONSENTS = (
    ConsentPurpose.HANDOVER_FORMAL,
    ConsentPurpose.SHARING_INFORMAL,
    ConsentPurpose.INFORMAL_DEBTS_IN_HANDOVER,
)
OPTIONS = PrintOptions(counsellor="Sanne")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")


def _text(context, sid: int, kind: str, tmp_path) -> str:
    return flat(pdf_text(context.summaries.render(sid, kind, OPTIONS), tmp_path))


@pytest.mark.parametrize("language", ["ti", "so", "fa_AF", "en", "ar", "pl", "uk"])
def test_every_amount_in_dutch_notation_the_clients_own_beside_it(
    context, tmp_path, language
) -> None:
    sid = make_session(context.storage.sessions, language)
    text = _text(context, sid, "client", tmp_path)
    for cents in (123456, 45000, 30099, 50000, 123456 + 45000 + 30099):
        assert flat(Formatter("nl").money(cents)) in text, cents  # "€ 1.234,56"
    document = context.summaries.build(sid, "client", OPTIONS)
    lines = [line for section in document.sections for line in section.lines if line.amount]
    assert lines
    own = Formatter(language).money(123456)
    if own != Formatter("nl").money(123456):
        assert any(own in line.amount_own for line in lines)


@pytest.mark.parametrize("language", ["ti", "so", "en", "fa_AF", "nl"])
def test_dates_carry_the_month_by_name(context, tmp_path, language) -> None:
    sid = make_session(context.storage.sessions, language)
    for kind in ("client", "discreet"):
        text = _text(context, sid, kind, tmp_path)
        assert not _NUMERIC_DATE.search(text), _NUMERIC_DATE.search(text)
        assert "december 2026" in text  # the Dutch line, and the month by name


def test_urgent_block_shows_what_is_open_settled_and_done_today(context, tmp_path) -> None:
    repo = context.storage.sessions
    sid = make_session(repo, "nl")  # open: disconnection by 28 Nov; settled: bailiff
    repo.add_urgency(sid, Urgency(UrgencyType.EVICTION, resolved=True))
    document = context.summaries.build(sid, "client", OPTIONS)
    urgent = document.sections[0]
    assert urgent.heading == s.H_URGENT
    texts = [line.text for line in urgent.lines]
    open_line = next(t for t in texts if s.URGENCY[UrgencyType.DISCONNECTION][0] in t)
    assert s.STILL_OPEN in open_line and "28 november 2026" in open_line
    assert "De deurwaarder: dit is geregeld." in texts
    assert "Uw huis: dit is geregeld." in texts
    # A settled threat is never printed as a warning.
    assert not any(s.URGENCY[UrgencyType.EVICTION][0] in t for t in texts)
    assert not any(s.URGENCY[UrgencyType.BAILIFF][0] in t for t in texts)
    # What was done today stands in the block, not a second time below it.
    assert any(t.startswith("Vandaag gedaan: We hebben gebeld") for t in texts)
    assert document.section(s.H_DONE) is None
    text = _text(context, sid, "client", tmp_path)
    assert "Dit is nog niet opgelost." in text and "Uw huis: dit is geregeld." in text


def test_without_urgencies_what_was_done_has_its_own_section(context) -> None:
    repo = context.storage.sessions
    sid = repo.create_session(client_language="nl").id
    from intake_app.core.model import ActionType, OnTheSpotAction
    from tests.summary_data import AT

    repo.add_action(sid, OnTheSpotAction(ActionType.FORM_FILLED, AT))
    document = context.summaries.build(sid, "client", OPTIONS)
    assert document.section(s.H_URGENT) is None
    assert document.section(s.H_DONE) is not None


@pytest.mark.parametrize("language", ["ar", "so", "ti"])
def test_dutch_free_text_on_a_translated_paper_was_explained_orally(context, language) -> None:
    sid = make_session(context.storage.sessions, language)
    client = context.translators.get(language).gettext(s.EXPLAINED_ORALLY)
    for kind in ("client", "discreet"):
        document = context.summaries.build(sid, kind, OPTIONS)
        lines = [line for section in document.sections for line in section.lines]
        task = next(line for line in lines if "Samen de toeslag aanvragen" in line.text)
        assert client in task.text  # in the client's own line ...
        assert s.EXPLAINED_ORALLY not in task.dutch  # ... not in the Dutch one


def test_no_oral_note_on_a_dutch_paper(context) -> None:
    sid = make_session(context.storage.sessions, "nl")
    document = context.summaries.build(sid, "client", OPTIONS)
    assert not any(
        s.EXPLAINED_ORALLY in line.text for section in document.sections for line in section.lines
    )


def test_handover_speaks_to_the_receiving_professional(context, tmp_path) -> None:
    sid = make_session(context.storage.sessions, "ar", consents=ALL_CONSENTS)
    text = _text(context, sid, "handover", tmp_path)
    assert "Aan de ontvangende hulpverlener" in text
    assert "Schuldeiser gebeld" in text and "Formulier samen met de cliënt ingevuld" in text
    assert "Huurtoeslag: ontvangt niet, wie: cliënt en hulpverlener samen" in text
    assert "Dreigende afsluiting van energie of water: nog open, uiterlijk" in text
    assert "Deurwaarder / beslag: opgelost" in text
    # Sentences addressed to the client stay on the client's papers.
    for client_words in ("We hebben", " uw ", " u ", "U zelf", "geld voor uw kinderen"):
        assert client_words not in f" {text} ", client_words
