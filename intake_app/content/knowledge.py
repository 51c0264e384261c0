"""Knowledge cards and the phrase bank for the counsellor (ORG-03, GEN-10, PRV-09, INT-14).

``resources/content/knowledge.yaml`` holds them as data. Titles and texts are Dutch gettext
message ids (``content`` domain, counsellor-only: the client never sees them). A topic names
the intake cards where it applies (``cards:``); the panel offers it there. ``check_links``
reports card ids that the flow does not have, so a renamed card cannot silently drop a topic.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from intake_app.content import pictograms
from intake_app.content.loader import ContentProblem, InvalidContentError
from intake_app.content.yaml_source import LocatedDict, load_yaml

KNOWLEDGE_FILE = "knowledge.yaml"
_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class KnowledgeTopic:
    id: str
    title: str  # Dutch msgid
    text: str  # Dutch msgid
    pictogram: str
    cards: tuple[str, ...]  # intake card ids where the topic applies
    tips: tuple[str, ...] = ()  # Dutch msgids
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Phrase:
    """A describing sentence (INT-14) and the judging one it replaces."""

    id: str
    text: str  # Dutch msgid
    instead: str  # Dutch msgid


@dataclass(frozen=True, slots=True)
class Knowledge:
    topics: tuple[KnowledgeTopic, ...] = ()
    phrases: tuple[Phrase, ...] = ()
    judging_words: tuple[str, ...] = ()

    def topic(self, topic_id: str) -> KnowledgeTopic:
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def for_card(self, card_id: str | None) -> tuple[KnowledgeTopic, ...]:
        return tuple(t for t in self.topics if card_id is not None and card_id in t.cards)

    def search(
        self, query: str, translate: Callable[[str], str] = str
    ) -> tuple[KnowledgeTopic, ...]:
        """Topics whose every query word occurs in the title, text, tips or keywords
        (Dutch, and in the counsellor's language through ``translate``); accents and case
        do not matter. An empty query finds every topic."""
        words = _fold(query).split()
        found = []
        for topic in self.topics:
            texts = [topic.title, topic.text, *topic.tips]
            haystack = _fold(" ".join([*texts, *map(translate, texts), *topic.keywords]))
            if all(word in haystack for word in words):
                found.append(topic)
        return tuple(found)

    def judging_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the judging words occur in ``text`` (whole words, any case), in order."""
        spans = [
            (m.start(), m.end())
            for word in self.judging_words
            for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
        ]
        return sorted(spans)

    def check_links(self, card_ids: Iterable[str]) -> list[ContentProblem]:
        known = set(card_ids)
        return [
            ContentProblem(KNOWLEDGE_FILE, f"topic {t.id!r} names unknown card {card!r}")
            for t in self.topics
            for card in t.cards
            if card not in known
        ]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def load_knowledge(
    content_dir: Path, *, pictogram_exists: Callable[[str], bool] = pictograms.exists
) -> Knowledge:
    """Read ``knowledge.yaml``; an absent file is no knowledge, a broken one an error."""
    path = content_dir / KNOWLEDGE_FILE
    if not path.is_file():
        return Knowledge()
    try:
        doc = load_yaml(path, display_name=KNOWLEDGE_FILE)
    except ValueError as exc:
        raise InvalidContentError([ContentProblem(KNOWLEDGE_FILE, str(exc))]) from exc
    if not isinstance(doc, LocatedDict):
        raise InvalidContentError([ContentProblem(f"{KNOWLEDGE_FILE}:1", "expected 'topics:'")])
    problems: list[ContentProblem] = []
    topics = [
        topic
        for item in _items(doc, "topics", problems)
        if (topic := _topic(item, problems, pictogram_exists)) is not None
    ]
    phrases = [
        Phrase(
            _text(item, "id", problems),
            _text(item, "text", problems),
            _text(item, "instead", problems),
        )
        for item in _items(doc, "phrases", problems)
    ]
    words = doc.get("judging_words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        problems.append(ContentProblem(doc.where(), "'judging_words' must be a list of words"))
        words = []
    for kind, ids in (("topic", [t.id for t in topics]), ("phrase", [p.id for p in phrases])):
        problems += [
            ContentProblem(KNOWLEDGE_FILE, f"{kind} id {i!r} is used twice")
            for i in sorted({i for i in ids if ids.count(i) > 1})
        ]
    if problems:
        raise InvalidContentError(problems)
    return Knowledge(tuple(topics), tuple(phrases), tuple(w.strip() for w in words))


def _items(doc: LocatedDict, key: str, problems: list[ContentProblem]) -> list[LocatedDict]:
    items = doc.get(key, [])
    if not isinstance(items, list):
        problems.append(ContentProblem(doc.where(), f"'{key}' must be a list"))
        return []
    good = [item for item in items if isinstance(item, LocatedDict)]
    if len(good) < len(items):
        problems.append(ContentProblem(KNOWLEDGE_FILE, f"each of '{key}' must be a mapping"))
    return good


def _text(item: LocatedDict, key: str, problems: list[ContentProblem]) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(ContentProblem(item.where(), f"'{key}' is missing"))
        return ""
    if key == "id" and not _ID.match(value):
        problems.append(ContentProblem(item.where(), f"id {value!r}: use a-z, 0-9 and _"))
    return value.strip()


def _words(item: LocatedDict, key: str, problems: list[ContentProblem]) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(ContentProblem(item.where(), f"'{key}' must be a list of words"))
        return ()
    return tuple(v.strip() for v in value)


def _topic(
    item: LocatedDict, problems: list[ContentProblem], pictogram_exists: Callable[[str], bool]
) -> KnowledgeTopic | None:
    before = len(problems)
    ident, title, text = (_text(item, key, problems) for key in ("id", "title", "text"))
    code = pictograms.normalise_code(item.get("pictogram", ""))
    if not pictogram_exists(code):
        problems.append(ContentProblem(item.where(), f"pictogram {code!r} is not in OpenMoji"))
    cards = _words(item, "cards", problems)
    if not cards:
        problems.append(ContentProblem(item.where(), "'cards' names no card"))
    tips = []
    for tip in item.get("tips", []) or []:
        if isinstance(tip, LocatedDict):
            tips.append(_text(tip, "text", problems))
        else:
            problems.append(ContentProblem(item.where(), "each tip needs 'text:'"))
    keywords = _words(item, "keywords", problems)
    if len(problems) > before:
        return None
    return KnowledgeTopic(ident, title, text, code, cards, tuple(tips), keywords)
