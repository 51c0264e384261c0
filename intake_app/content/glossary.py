"""The glossary of debt words: a pictogram and a plain explanation per word (design.md §6).

``resources/content/glossary.yaml`` holds the entries; their ``title`` and ``explanation`` are
Dutch gettext message ids in the ``content`` domain (extracted by ``content/extractor.py``).
``find_terms`` finds the entries a Dutch card text uses, so a card can link to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from intake_app.content import pictograms
from intake_app.content.loader import ContentProblem, InvalidContentError
from intake_app.content.yaml_source import LocatedDict, load_yaml

GLOSSARY_FILE = "glossary.yaml"


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    id: str
    title: str  # Dutch msgid, e.g. "Deurwaarder"
    explanation: str  # Dutch msgid
    pictogram: str
    match: tuple[str, ...]  # Dutch word forms, matched as whole words, any case


@dataclass(frozen=True, slots=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]

    def entry(self, entry_id: str) -> GlossaryEntry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    def find_terms(self, text: str) -> list[GlossaryEntry]:
        """The entries whose words occur in ``text`` (Dutch), in order of first occurrence."""
        found: list[tuple[int, GlossaryEntry]] = []
        for entry in self.entries:
            hits = [m.start() for word in entry.match for m in _word(word).finditer(text)]
            if hits:
                found.append((min(hits), entry))
        return [entry for _, entry in sorted(found, key=lambda hit: hit[0])]


def _word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)


def load_glossary(
    content_dir: Path, *, pictogram_exists: Callable[[str], bool] = pictograms.exists
) -> Glossary:
    """Read ``glossary.yaml``; an absent file is an empty glossary, a broken one an error."""
    path = content_dir / GLOSSARY_FILE
    if not path.is_file():
        return Glossary(())
    try:
        doc = load_yaml(path, display_name=GLOSSARY_FILE)
    except ValueError as exc:
        raise InvalidContentError([ContentProblem(GLOSSARY_FILE, str(exc))]) from exc
    problems: list[ContentProblem] = []
    items = doc.get("glossary") if isinstance(doc, LocatedDict) else None
    if not isinstance(items, list):
        raise InvalidContentError([ContentProblem(f"{GLOSSARY_FILE}:1", "expected 'glossary:'")])
    entries: list[GlossaryEntry] = []
    for item in items:
        if not isinstance(item, LocatedDict):
            problems.append(ContentProblem(GLOSSARY_FILE, "each entry must be a mapping"))
            continue
        entry = _entry(item, problems, pictogram_exists)
        if entry is not None:
            entries.append(entry)
    ids = [e.id for e in entries]
    problems += [
        ContentProblem(GLOSSARY_FILE, f"entry id {i!r} is used twice")
        for i in sorted({i for i in ids if ids.count(i) > 1})
    ]
    if problems:
        raise InvalidContentError(problems)
    return Glossary(tuple(entries))


def _entry(
    item: LocatedDict, problems: list[ContentProblem], pictogram_exists: Callable[[str], bool]
) -> GlossaryEntry | None:
    before = len(problems)

    def text(key: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(ContentProblem(item.where(), f"'{key}' is missing"))
            return ""
        return value.strip()

    ident, title, explanation = text("id"), text("title"), text("explanation")
    code = pictograms.normalise_code(item.get("pictogram", ""))
    if not pictogram_exists(code):
        problems.append(ContentProblem(item.where(), f"pictogram {code!r} is not in OpenMoji"))
    raw_match = item.get("match") or [title]
    if not isinstance(raw_match, list) or not all(isinstance(w, str) for w in raw_match):
        problems.append(ContentProblem(item.where(), "'match' must be a list of words"))
        raw_match = [title]
    if len(problems) > before:
        return None
    return GlossaryEntry(ident, title, explanation, code, tuple(w.strip() for w in raw_match))
