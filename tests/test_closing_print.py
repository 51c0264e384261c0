"""What goes home on paper at the end (issue 18): "Wat u van ons kunt verwachten" (INT-18)
and "U mag ons nummer doorgeven" (INT-24) on the client's summary, and an information sheet
(COM-10) in the client's language with Dutch beside it, read back with pdftotext, in Dutch
and in Arabic. The Arabic texts are drafts until the lead compiles the catalogs, so these
tests print with the drafts applied to a copy of the catalogs (tests/draft_catalogs.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.content.info_sheets import InvalidContentError, load_info_sheets
from intake_app.core.model import NextStep, Owner
from intake_app.i18n.translator import Translators
from intake_app.services.summaries import SummaryService, UnknownInfoSheetError
from intake_app.storage.settings import SqlSettingsStore
from tests.draft_catalogs import catalogs_with_drafts
from tests.pdf_text import flat, normalise, pdf_text

PHONE = "010 - 123 45 67"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def context(tmp_path: Path):  # type: ignore[no-untyped-def]
    built = build_context(data_dir=tmp_path / "data")
    built.directory.set_own_phone(PHONE)
    yield built
    built.close()


def _service(context: AppContext, tmp_path: Path) -> SummaryService:
    """The summary service as bootstrap builds it, over catalogs with the drafts applied."""
    catalogs = catalogs_with_drafts(tmp_path / "catalogs", ("ar", "ti"))
    return SummaryService(
        context.security.sessions,
        Translators(catalogs),
        context.parts.writer,
        context.security.access,
        flow=context.parts.flow,
        info_sheets=context.parts.info_sheets,
        settings=SqlSettingsStore(context.storage.engine),
    )


def _session(context: AppContext, language: str) -> int:
    intake = context.intake
    sid = intake.start_session(language).id
    intake.answer(sid, "primary_question", ["rent"])
    intake.add_next_step(sid, NextStep("Verhuurder bellen", Owner.COUNSELLOR, date(2026, 12, 1)))
    intake.set_appointment(
        sid, follow_up=date(2026, 12, 8), next_appointment=datetime(2026, 12, 8, 9, 30, tzinfo=UTC)
    )
    return sid


def test_int_18_expectations_and_int_24_number_on_the_dutch_summary(
    context: AppContext, tmp_path: Path
) -> None:
    text = flat(pdf_text(context.summaries.render(_session(context, "nl"), "client"), tmp_path))
    assert "Waar u over wilde praten" in text and "Huur" in text
    assert "Wat u van ons kunt verwachten" in text
    for line in (
        "Wij helpen u met uw post en uw rekeningen.",
        "Wij betalen geen rekeningen voor u en wij lenen geen geld uit.",
        "Wij beslissen niet voor u. U beslist zelf.",
        "Wij nemen uiterlijk 8 december 2026 contact met u op.",
    ):
        assert line in text, line
    assert "Kent u iemand met zorgen over geld?" in text
    assert f"U mag ons nummer doorgeven: {PHONE}." in text
    # The expectations come after what was agreed: the end of the paper repeats the end.
    assert text.index("Wat gaat er nu gebeuren") < text.index("Wat u van ons kunt verwachten")


def test_without_a_phone_number_the_card_still_invites_word_of_mouth(
    context: AppContext, tmp_path: Path
) -> None:
    context.directory.set_own_phone("")
    text = flat(pdf_text(context.summaries.render(_session(context, "nl"), "client"), tmp_path))
    assert "U mag anderen over ons vertellen." in text and PHONE not in text


def test_the_discreet_paper_leaves_the_expectations_out(
    context: AppContext, tmp_path: Path
) -> None:
    sid = _session(context, "nl")
    text = flat(pdf_text(context.summaries.render(sid, "discreet"), tmp_path))
    assert "Wat u van ons kunt verwachten" not in text and PHONE not in text


def test_expectations_in_arabic_with_dutch_beside(context: AppContext, tmp_path: Path) -> None:
    service = _service(context, tmp_path)
    text = pdf_text(service.render(_session(context, "ar"), "client"), tmp_path)
    flat_text = flat(text)
    # Every word of the Arabic heading and lines is printed (RTL order is tested elsewhere).
    for arabic in ("ما يمكن انتظاره منا", "لا نقرر نيابةً عنك. القرار لك.",
                   "يمكنك إعطاء رقمنا للآخرين"):  # fmt: skip
        for word in normalise(arabic).replace(".", " ").split():
            assert word in text, word
    # Dutch beside it, for whoever reads Dutch at home or at the next desk.
    assert "Wat u van ons kunt verwachten" in flat_text
    assert "Wij beslissen niet voor u. U beslist zelf." in flat_text
    assert PHONE in flat_text


def test_com_10_information_sheet_in_dutch(context: AppContext, tmp_path: Path) -> None:
    summaries = context.summaries
    assert [s.id for s in summaries.info_sheets()] == [
        "huurtoeslag", "zorgtoeslag", "kwijtschelding", "schuldhulp",
    ]  # fmt: skip
    document = summaries.info_sheet("kwijtschelding", "nl")
    text = flat(pdf_text(summaries.render_document(document), tmp_path))
    assert "Informatie over kwijtschelding" in text
    assert "Met kwijtschelding hoeft u die belasting niet te betalen." in text
    assert "Regels en bedragen veranderen elk jaar. Vraag ons wat nu geldt." in text
    assert f"Vragen? Bel ons: {PHONE}." in text
    # A number that changes over time carries "check what applies now".
    zorg = flat(pdf_text(summaries.render_document(summaries.info_sheet("zorgtoeslag", "nl")),
                         tmp_path))  # fmt: skip
    assert "18 jaar of ouder. Kijk wat nu geldt." in zorg


def test_com_10_information_sheet_in_arabic_with_dutch_beside(
    context: AppContext, tmp_path: Path
) -> None:
    service = _service(context, tmp_path)
    document = service.info_sheet("huurtoeslag", "ar")
    assert document.rtl and document.language == "ar"
    text = pdf_text(service.render_document(document), tmp_path)
    for arabic in ("معلومات عن بدل الإيجار", "ما هو بدل الإيجار"):
        for word in normalise(arabic).split():
            assert word in text, word
    flat_text = flat(text)
    assert "Informatie over huurtoeslag" in flat_text
    assert "Huurtoeslag is geld van de overheid voor uw huur." in flat_text


def test_an_unknown_sheet_is_one_sentence(context: AppContext) -> None:
    with pytest.raises(UnknownInfoSheetError) as caught:
        context.summaries.info_sheet("bestaat_niet", "nl")
    assert caught.value.render(lambda m: m) == "Dit informatieblad bestaat niet: bestaat_niet."


def test_the_loader_refuses_an_amount_without_check_current(tmp_path: Path) -> None:
    (tmp_path / "info_sheets.yaml").write_text(
        "info_sheets:\n  - id: x\n    title: X\n    label: X\n    pictogram: 1F3E0\n"
        "    sections:\n      - title: Y\n        pictogram: 2753\n        lines:\n"
        "          - text: U krijgt € 100 per maand.\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidContentError) as caught:
        load_info_sheets(tmp_path)
    assert "info_sheets.yaml:10" in str(caught.value.problems[0])
    assert "check_current" in str(caught.value.problems[0])


def test_the_shipped_sheets_load() -> None:
    sheets = load_info_sheets(REPO / "resources" / "content")
    assert len(sheets.sheets) == 4 and sheets.sheet("zorgtoeslag").names_numbers


def test_int_24_the_coordinator_sets_the_number_with_intake_admin(tmp_path: Path) -> None:
    """``intake-admin phone``: set, show, refuse nonsense in one sentence, remove."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'phone.db'}"

    def admin(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "intake_app.cli.main", "--db", url, "phone", *args],
            capture_output=True,
            text=True,
            check=False,
        )

    assert admin(PHONE).returncode == 0
    assert admin().stdout.strip() == PHONE
    refused = admin("bel me maar")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.strip() == "intake-admin: Dit is geen telefoonnummer: bel me maar."
    assert admin("").stdout.strip() == "Telefoonnummer gewist."
    assert admin().stdout.strip() == "(geen nummer ingesteld)"
