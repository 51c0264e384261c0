"""``intake-admin content check [PATH]``: validate content and show its coverage.

The same validation the app runs at start, plus a table of cards per phase and of how
many client-facing texts each language has translated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from intake_app.content.info_sheets import InfoSheets, load_info_sheets
from intake_app.content.knowledge import Knowledge, load_knowledge
from intake_app.content.loader import InvalidContentError, load_flow
from intake_app.core.flow import Flow
from intake_app.core.organisation_texts import placeholder_cards
from intake_app.i18n.drafts import load_drafts
from intake_app.i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from intake_app.i18n.status import STATUS_LABELS, review_status
from intake_app.i18n.translator import Translator


def client_texts(flow: Flow) -> list[str]:
    """Every text a client may see (counsellor-only phases and tips excluded)."""
    texts: list[str] = []
    for phase in flow.phases:
        if phase.counsellor_only:
            continue
        texts.append(phase.title)
        for card in phase.cards:
            texts += [card.title, card.explanation, *(o.label for o in card.options)]
    texts += [text for p in flow.provisions for text in (p.label, p.explanation)]
    return [text for text in dict.fromkeys(texts) if text]


def run(content_dir: Path, catalog_dir: Path) -> int:
    try:
        flow = load_flow(content_dir)
        knowledge = load_knowledge(content_dir)
        problems = knowledge.check_links(c.id for p in flow.phases for c in p.cards)
        if problems:
            raise InvalidContentError(problems)
        sheets = load_info_sheets(content_dir)
    except InvalidContentError as exc:
        print(f"{len(exc.problems)} fout(en) in {content_dir}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"Inhoud in orde: {content_dir}\n")
    print(f"{'fase':<4} {'id':<12} {'kaarten':>7}  titel")
    for phase in flow.phases:
        gate = "  (na vertrouwen)" if phase.requires_trust else ""
        only = "  (alleen hulpverlener)" if phase.counsellor_only else ""
        print(f"{phase.number:<4} {phase.id:<12} {len(phase.cards):>7}  {phase.title}{gate}{only}")
    total = sum(len(p.cards) for p in flow.phases)
    print(f"{'':<4} {'totaal':<12} {total:>7}\n")
    _report_knowledge(knowledge)
    texts = client_texts(flow)
    print(f"Vertaald voor de klant ({len(texts)} teksten; ontwerp: nog niet in de catalogus):")
    _report_languages(texts, catalog_dir)
    placeholders = placeholder_cards(flow)
    if placeholders:
        print("\nVoorbeeldteksten die uw organisatie moet goedkeuren of vervangen:")
        for card in placeholders:
            print(f"  {card.id}: {card.title}")
    _report_sheets(sheets, catalog_dir)
    return 0


def _report_knowledge(knowledge: Knowledge) -> None:
    """The knowledge cards for the counsellor (ORG-03, GEN-10, PRV-09) and the phrase bank
    (INT-14): Dutch, counsellor-only, so not in the client's translation count below."""
    print(f"Kenniskaarten voor de hulpverlener ({len(knowledge.topics)}):")
    for topic in knowledge.topics:
        print(f"  {topic.id:<20} {len(topic.cards):>2} kaarten  {topic.title}")
    print(f"Zinnen zonder oordeel: {len(knowledge.phrases)}; "
          f"oordeelwoorden: {len(knowledge.judging_words)}\n")  # fmt: skip


def _report_sheets(sheets: InfoSheets, catalog_dir: Path) -> None:
    """The information sheets (COM-10) and how far each language has them: in the catalog,
    or only as a draft (translations/drafts/) until the catalogs are made again."""
    if not sheets.sheets:
        return
    print(f"\nInformatiebladen ({len(sheets.sheets)}):")
    for sheet in sheets.sheets:
        note = "  (bedragen: 'kijk wat nu geldt')" if sheet.names_numbers else ""
        print(f"  {sheet.id:<16} {sheet.title}{note}")
    texts = list(dict.fromkeys(sheets.texts()))
    print(f"Vertaald ({len(texts)} teksten; ontwerp: nog niet in de catalogus):")
    _report_languages(texts, catalog_dir)


def _report_languages(texts: list[str], catalog_dir: Path) -> None:
    """Per language: in the catalog, only a draft, or missing. A draft is not yet in a
    catalog: counted apart, so nobody mistakes it for a checked translation
    (docs/translations.md); the screen shows Dutch for it until then."""
    drafts = load_drafts(catalog_dir)
    for language in LANGUAGES:
        if language.code == SOURCE_LANGUAGE or not texts:
            continue
        translator = Translator(language.code, catalog_dir)
        done = sum(1 for text in texts if translator.has(text))
        draft = sum(
            1
            for text in texts
            if not translator.has(text) and drafts.get(language.code, {}).get(text)
        )
        missing = len(texts) - done - draft
        # A catalog that nobody reviewed is still a draft as a whole (translations/*/STATUS).
        status = STATUS_LABELS[review_status(language.code, catalog_dir)]
        print(f"  {language.code:<6} {done:>4}/{len(texts):<4} {100 * done // len(texts):>3}%"
              f"  ontwerp {draft:>3}  ontbreekt {missing:>3}  {language.dutch_name}"
              f" ({status})")  # fmt: skip
