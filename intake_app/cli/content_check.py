"""``intake-admin content check [PATH]``: validate content and show its coverage.

The same validation the app runs at start, plus a table of cards per phase and of how
many client-facing texts each language has translated.
"""

from __future__ import annotations

import sys
from pathlib import Path

from intake_app.content.knowledge import Knowledge, load_knowledge
from intake_app.content.loader import InvalidContentError, load_flow
from intake_app.core.flow import Flow
from intake_app.i18n.languages import LANGUAGES, SOURCE_LANGUAGE
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
    print(f"Vertaald voor de klant ({len(texts)} teksten):")
    for language in LANGUAGES:
        if language.code == SOURCE_LANGUAGE:
            continue
        translator = Translator(language.code, catalog_dir)
        done = sum(1 for text in texts if translator.has(text))
        print(f"  {language.code:<6} {done:>4}/{len(texts):<4} {100 * done // len(texts):>3}%  "
              f"{language.dutch_name}")  # fmt: skip
    return 0


def _report_knowledge(knowledge: Knowledge) -> None:
    """The knowledge cards for the counsellor (ORG-03, GEN-10, PRV-09) and the phrase bank
    (INT-14): Dutch, counsellor-only, so not in the client's translation count below."""
    print(f"Kenniskaarten voor de hulpverlener ({len(knowledge.topics)}):")
    for topic in knowledge.topics:
        print(f"  {topic.id:<20} {len(topic.cards):>2} kaarten  {topic.title}")
    print(f"Zinnen zonder oordeel: {len(knowledge.phrases)}; "
          f"oordeelwoorden: {len(knowledge.judging_words)}\n")  # fmt: skip
