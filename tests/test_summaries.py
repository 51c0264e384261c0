"""The printed documents, read back with pdftotext: content, totals, what must stay off paper."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from intake_app.core.model import (
    ConsentPurpose,
    Debt,
    DebtKind,
    Direction,
    Money,
    NextStep,
    Note,
    Owner,
    Relationship,
    UrgencyType,
)
from intake_app.core.summary import SummaryKind
from intake_app.i18n.formatting import Formatter
from intake_app.services import summary_texts as s
from intake_app.services.summaries import ConsentMissingError, PrintOptions, UnknownSummaryKindError
from tests.pdf_text import flat, normalise, pages, pdf_text, words_with_x
from tests.summary_data import CREDITORS, NOTE_TEXT, make_session

LANGUAGES = ["nl", "tr", "ar", "pl", "ti"]
ALL_CONSENTS = (
    ConsentPurpose.HANDOVER_FORMAL,
    ConsentPurpose.SHARING_INFORMAL,
    ConsentPurpose.INFORMAL_DEBTS_IN_HANDOVER,
)
CLIENT_HEADINGS = (
    s.H_URGENT, s.H_DONE, s.H_FORMAL, s.H_INFORMAL, s.H_LENT, s.H_PROVISIONS,
    s.H_NEXT, s.H_DOCUMENTS, s.H_APPOINTMENT, s.H_REFERRAL, s.H_LANGUAGE,
)  # fmt: skip
FORMAL_TOTAL = 123456 + 45000 + 30099
OPTIONS = PrintOptions(counsellor="Sanne")


def _amount(language: str, cents: int) -> str:
    """What a reader finds on paper: the digits Babel wrote (RTL lines keep their digits)."""
    text = normalise(Formatter(language).money(cents))
    if language == "ar":
        found = re.search(r"[\d.,]+", text)
        assert found
        return found.group(0)
    return flat(text)


def _has(text: str, phrase: str, language: str) -> bool:
    """``phrase`` is on paper. For Arabic word by word: pdftotext's own reordering of RTL
    lines moves punctuation around; the real order is checked from glyph positions below."""
    phrase = normalise(phrase)
    if language != "ar":
        return flat(phrase) in text
    words = set(re.sub(r"[.:،,()]", " ", text).split())
    return all(word in words for word in re.sub(r"[.:،,()]", " ", phrase).split())


def _render(context, session_id: int, kind: str, tmp_path: Path, **options: object) -> str:
    data = context.summaries.render(session_id, kind, PrintOptions(counsellor="Sanne", **options))
    assert data.startswith(b"%PDF")
    return pdf_text(data, tmp_path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_client_summary_has_every_section_amount_and_total(context, tmp_path, language) -> None:
    sid = make_session(context.storage.sessions, language)
    text = _render(context, sid, "client", tmp_path)
    one_line = flat(text)
    client = context.translators.get(language)
    for heading in CLIENT_HEADINGS:
        translated = client.gettext(heading)
        if language != "nl":
            assert translated != heading, f"no draft translation for {heading!r}"
            assert heading in one_line  # Dutch alongside
        assert _has(one_line, translated, language), translated
    # The urgent block comes first, before "Vandaag gedaan".
    assert one_line.index(normalise(client.gettext(s.H_URGENT))) < one_line.index(
        normalise(client.gettext(s.H_DONE))
    )
    for cents in (123456, 45000, 30099, 50000, 20000, 75000, FORMAL_TOTAL, 70000):
        assert _amount(language, cents) in one_line, cents
    assert _has(one_line, client.gettext(s.TOTAL), language)
    for creditor in CREDITORS:
        assert creditor in one_line
    assert "Schuldhulp Rotterdam-Zuid" in one_line
    assert "OpenMoji" in one_line and "CC BY-SA 4.0" in one_line
    for message, _pictogram in (s.CHANNEL["whatsapp"], s.CHANNEL["no_post_home"]):
        assert _has(one_line, client.gettext(message), language), message
    # Never on paper: notes, flags; remittances only when the client asks.
    assert NOTE_TEXT not in one_line and "Geheime" not in one_line
    assert "veilig" not in one_line.lower() and "trauma" not in one_line.lower()
    assert s.H_REMITTANCE not in one_line
    assert _amount(language, 15000) not in one_line
    # A resolved urgency is not printed; the open one is.
    assert _has(one_line, client.gettext(s.URGENCY[UrgencyType.DISCONNECTION][0]), language)
    assert not _has(one_line, client.gettext(s.URGENCY[UrgencyType.BAILIFF][0]), language)


@pytest.mark.parametrize("language", ["nl", "ar", "ti"])
def test_remittances_only_when_the_client_wants_them_shown(context, tmp_path, language) -> None:
    sid = make_session(context.storage.sessions, language)
    text = flat(_render(context, sid, "client", tmp_path, show_remittances=True))
    client = context.translators.get(language)
    assert _has(text, client.gettext(s.H_REMITTANCE), language)
    assert _amount(language, 15000) in text
    assert "Eritrea" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_discreet_summary_has_no_names_partners_or_amounts(context, tmp_path, language) -> None:
    sid = make_session(context.storage.sessions, language)
    text = flat(_render(context, sid, "discreet", tmp_path))
    client = context.translators.get(language)
    for heading in (s.DISCREET_TITLE, s.H_NEXT, s.H_APPOINTMENT):
        assert _has(text, client.gettext(heading), language), heading
    assert "Samen de toeslag aanvragen" in text  # a shared task is the client's too
    assert normalise("Bel … over …") in text  # creditor name and amount taken out
    assert "Brief sturen naar de gemeente" not in text  # the counsellor's own task
    assert _has(text, client.gettext(s.CHANNEL["no_post_home"][0]), language)
    for creditor in CREDITORS:
        assert creditor not in text
    for forbidden in ("€", "EUR", "1.234", "1,234", "Partner", "Ex-partner", NOTE_TEXT):
        assert forbidden not in text, forbidden
    for heading in (s.H_FORMAL, s.H_INFORMAL, s.H_LENT, s.H_URGENT, s.H_REFERRAL):
        assert heading not in text
        assert not _has(text, client.gettext(heading), language)
    assert not _has(text, client.gettext(s.RELATIONSHIP[Relationship.PARTNER]), language)


def test_handover_is_dutch_and_only_what_was_consented(context, tmp_path) -> None:
    sid = make_session(context.storage.sessions, "ar", consents=ALL_CONSENTS)
    text = flat(_render(context, sid, "handover", tmp_path, role="vrijwilliger"))
    for expected in ("Warme overdracht", "Sanne, vrijwilliger", "Schuldhulp Rotterdam-Zuid",
                     "Dreigende afsluiting", *CREDITORS, "Broer of zus", "Zelf uitgeleend",
                     "Geld naar familie", "Eritrea", "Huurtoeslag", "geen post naar huis",
                     "Taal van de cliënt: Arabisch", "telefoontolk", "gezondheid"):  # fmt: skip
        assert expected in text, expected
    nl = Formatter("nl")
    for cents in (FORMAL_TOTAL, 70000, 75000, 15000):
        assert flat(normalise(nl.money(cents))) in text
    assert "Niet gedeeld" not in text
    # Pressure to pay back belongs to money the client owes, not to money lent out.
    assert text.count("er is druk om terug te betalen") == 2
    for forbidden in (NOTE_TEXT, "Geheime", "veilig", "trauma", "Veiligheid"):
        assert forbidden.lower() not in text.lower(), forbidden


def test_handover_without_consent_is_refused(context) -> None:
    sid = make_session(context.storage.sessions, "tr")
    with pytest.raises(ConsentMissingError) as raised:
        context.summaries.render(sid, "handover")
    assert "toestemming" in str(raised.value)


def test_revoked_consent_blocks_the_handover_again(context) -> None:
    repo = context.storage.sessions
    sid = make_session(repo, "nl", consents=(ConsentPurpose.HANDOVER_FORMAL,))
    context.summaries.render(sid, "handover")
    repo.revoke_consent(sid, ConsentPurpose.HANDOVER_FORMAL, datetime.now(UTC))
    with pytest.raises(ConsentMissingError):
        context.summaries.render(sid, "handover")


def test_handover_leaves_out_what_was_not_consented(context, tmp_path) -> None:
    sid = make_session(context.storage.sessions, "pl", consents=(ConsentPurpose.SHARING_INFORMAL,))
    text = flat(_render(context, sid, "handover", tmp_path))
    for creditor in CREDITORS:  # no HANDOVER_FORMAL: no formal debts
        assert creditor not in text
    assert "Broer of zus" not in text  # no INFORMAL_DEBTS_IN_HANDOVER
    assert flat(normalise(Formatter("nl").money(50000))) not in text
    assert "Niet gedeeld op verzoek van de cliënt" in text
    assert "schulden bij bedrijven en instanties" in text
    assert normalise("Bel … over …") in text  # names and amounts also leave the task texts


def test_informal_debt_without_its_own_consent_stays_out(context, tmp_path) -> None:
    sid = make_session(context.storage.sessions, "nl", consents=ALL_CONSENTS)
    context.storage.sessions.add_debt(
        sid,
        Debt(DebtKind.INFORMAL, Direction.OWED_BY_CLIENT, "inf_community", Money(99900),
             relationship=Relationship.COMMUNITY, consent_handover=False),
    )  # fmt: skip
    text = flat(_render(context, sid, "handover", tmp_path))
    assert "Moskee, kerk of vereniging" not in text
    assert "999" not in text
    assert "Broer of zus" in text


def test_user_text_is_never_read_as_markup(context, tmp_path) -> None:
    repo = context.storage.sessions
    sid = make_session(repo, "nl")
    repo.add_debt(
        sid,
        Debt(DebtKind.FORMAL, Direction.OWED_BY_CLIENT, "formal_debts", Money(100),
             creditor="<b>Bold & Co</b> <img src='/etc/passwd'/>"),
    )  # fmt: skip
    repo.add_note(sid, Note("nog een notitie", datetime.now(UTC)))
    text = flat(_render(context, sid, "client", tmp_path))
    assert "<b>Bold & Co</b> <img src='/etc/passwd'/>" in text
    assert "nog een notitie" not in text


def test_the_same_summary_gives_the_same_bytes(context) -> None:
    sid = make_session(context.storage.sessions, "ar")
    options = PrintOptions(today=datetime(2026, 11, 22, tzinfo=UTC).date())
    first = context.summaries.render(sid, SummaryKind.CLIENT, options)
    assert context.summaries.render(sid, SummaryKind.CLIENT, options) == first


def test_unknown_kind_is_a_clear_error(context) -> None:
    sid = make_session(context.storage.sessions, "nl")
    with pytest.raises(UnknownSummaryKindError, match="bestaat niet"):
        context.summaries.render(sid, "everything")


@pytest.mark.parametrize("language", ["ar", "fa_AF"])
def test_arabic_words_are_laid_out_right_to_left(context, tmp_path, language) -> None:
    """Word order from glyph positions: the first word read is the rightmost on paper."""
    sid = make_session(context.storage.sessions, language)
    data = context.summaries.render(sid, "client", OPTIONS)
    arabic = context.translators.get(language)
    checked = 0
    for message in (s.TITLE, s.H_DONE, s.H_INFORMAL, s.H_LENT, s.H_NEXT):
        sentence = normalise(arabic.gettext(message)).rstrip(".")
        expected = sentence.split()
        assert len(expected) >= 2
        words = words_with_x(data, tmp_path)
        # Words are drawn in visual order: reversed letters give the logical word back.
        logical = [(normalise(w[::-1]).strip(".:"), x, y) for w, x, y in words]
        by_line: dict[float, list[tuple[str, float]]] = {}
        for word, x, y in logical:
            by_line.setdefault(round(y), []).append((word, x))
        for line in by_line.values():
            found = {word: x for word, x in line}
            if all(word in found for word in expected):
                xs = [found[word] for word in expected]
                assert xs == sorted(xs, reverse=True), (message, xs)
                checked += 1
                break
        else:
            raise AssertionError(f"{sentence!r} not found on one line")
    assert checked == 5


@pytest.mark.parametrize("language", ["nl", "ar", "ti"])
def test_very_long_texts_run_over_pages_and_lose_nothing(context, tmp_path, language) -> None:
    repo = context.storage.sessions
    sid = make_session(repo, language)
    long_task = " ".join(f"stap{n}" for n in range(1500))
    repo.add_next_step(sid, NextStep(long_task, Owner.CLIENT))
    repo.add_next_step(sid, NextStep("x" * 3000, Owner.CLIENT))
    data = context.summaries.render(sid, "client")
    text = pdf_text(data, tmp_path)
    for n in (0, 700, 1499):  # beginning, middle and end of the long text are on paper
        assert f"stap{n}" in text
    assert pages(data, tmp_path) > 3


@pytest.mark.parametrize("language", ["nl", "ar", "ti"])
def test_fonts_are_embedded(context, tmp_path, language) -> None:
    sid = make_session(context.storage.sessions, language)
    path = tmp_path / "summary.pdf"
    context.summaries.write(sid, "client", path)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert not any("Helvetica" in row[0] for row in rows), fonts  # every style names Noto
    assert rows and all(row[-5] == "yes" for row in rows), fonts  # the "emb" column
    script_font = {"nl": "NotoSans", "ar": "NotoSansArabic", "ti": "NotoSansEthiopic"}[language]
    assert any(script_font in row[0] for row in rows)


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_direction_controls_in_names_cannot_reverse_a_line(context, tmp_path, language) -> None:
    repo = context.storage.sessions
    sid = make_session(repo, language)
    repo.add_debt(
        sid,
        Debt(DebtKind.FORMAL, Direction.OWED_BY_CLIENT, "formal_debts", Money(100),
             creditor="\u202eIncasso Oost\u202c\x07"),
    )  # fmt: skip
    text = flat(_render(context, sid, "client", tmp_path))
    assert "Incasso Oost" in text
    assert "tsoO ossacnI" not in text


def test_no_double_full_stop_after_a_date(context, tmp_path) -> None:
    sid = make_session(context.storage.sessions, "uk")  # Babel writes "2026 р."
    text = flat(_render(context, sid, "client", tmp_path))
    assert "р.." not in text and "р." in text
