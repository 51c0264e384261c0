"""Term lists: one rendering per debt word per language (``translations/terms/*.yaml``).

``nl.yaml`` names the terms, a pattern that finds each in a Dutch text, and groups of terms
that must never share a translation. ``<language>.yaml`` gives each term's translation, the
patterns that recognise it in any inflection, the form of address the language uses, and
renderings to ``avoid`` (wrong register, wrong dialect, a misleading word).
``term_problems()`` holds every client text of a language to its list; the drafts follow
the same lists, and the review sheet shows them to the reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from intake_app.i18n.catalog_checks import po_path, read_catalog, template_messages

TERMS_FOLDER = "terms"
_TERM_FIELDS = frozenset({"term", "match", "explain"})
# Arabic short-vowel marks are optional in writing: "المُحضِر" is "المحضر".
_HARAKAT = re.compile("[\u064b-\u0652]")


@dataclass(frozen=True, slots=True)
class Term:
    key: str  # the Dutch term, e.g. "toeslag"
    term: str  # its rendering in this language
    patterns: tuple[re.Pattern[str], ...]
    explain: str = ""

    def found_in(self, text: str) -> bool:
        plain = _HARAKAT.sub("", text)
        return any(p.search(plain) for p in self.patterns)


@dataclass(frozen=True, slots=True)
class Avoid:
    pattern: re.Pattern[str]
    why: str


@dataclass(frozen=True, slots=True)
class TermList:
    code: str
    address: str
    terms: dict[str, Term]
    avoid: tuple[Avoid, ...] = ()
    confusable: tuple[tuple[str, ...], ...] = ()


def _compile(patterns: object) -> tuple[re.Pattern[str], ...]:
    items = [patterns] if isinstance(patterns, str) else list(patterns or [])  # type: ignore[call-overload]
    return tuple(re.compile(str(p), re.IGNORECASE) for p in items)


def load_terms(catalog_dir: Path, code: str) -> TermList:
    """The term list of ``code`` (``nl`` gives the Dutch patterns and confusable groups)."""
    path = catalog_dir / TERMS_FOLDER / f"{code}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    for key, value in (data.get("terms") or {}).items():
        # An unquoted comma in {...} makes a stray key and cuts the text before it.
        if not isinstance(value, dict) or not set(value) <= _TERM_FIELDS or None in value.values():
            raise ValueError(f"{path.name}: term {key!r} is cut or malformed: {value!r}")
    terms = {
        str(key): Term(str(key), str(v["term"]), _compile(v["match"]), str(v.get("explain", "")))
        for key, v in (data.get("terms") or {}).items()
    }
    avoid = tuple(
        Avoid(re.compile(str(a["pattern"]), re.IGNORECASE), str(a["why"]))
        for a in data.get("avoid") or []
    )
    groups = tuple(tuple(str(t) for t in group) for group in data.get("confusable") or [])
    return TermList(code, str(data.get("address", "")), terms, avoid, groups)


def client_translations(catalog_dir: Path, code: str) -> list[tuple[str, str]]:
    """(Dutch, translation) for every translated client text of ``code``."""
    catalogs = {
        domain: {str(m.id): m.string for m in read_catalog(po_path(catalog_dir, code, domain))}
        for domain in ("ui", "content")
    }
    pairs: list[tuple[str, str]] = []
    for message in template_messages(catalog_dir):
        text = catalogs[message.domain].get(message.msgid)
        if message.client and isinstance(text, str) and text:
            pairs.append((message.msgid, text))
    return pairs


def term_problems(catalog_dir: Path, code: str) -> list[str]:
    """Client texts that leave out the language's term, use a confusable term's word, or a
    rendering the list says to avoid."""
    dutch = load_terms(catalog_dir, "nl")
    own = load_terms(catalog_dir, code)
    problems: list[str] = []
    missing = sorted(set(dutch.terms) - set(own.terms))
    if missing:
        problems.append(f"{code}: no term for {missing}")
    for source, text in client_translations(catalog_dir, code):
        present = {key for key, term in dutch.terms.items() if term.found_in(source)}
        for key in sorted(present & set(own.terms)):
            if not own.terms[key].found_in(text):
                problems.append(
                    f"{code}: {source!r} -> {text!r} lacks {key} = {own.terms[key].term}"
                )
        for group in dutch.confusable:
            if not present & set(group):
                continue
            for key in set(group) - present:
                if key in own.terms and own.terms[key].found_in(text):
                    said = sorted(present & set(group))
                    problems.append(
                        f"{code}: {source!r} -> {text!r} uses the word for {key} "
                        f"({own.terms[key].term}), but the Dutch says {said}"
                    )
        problems += [
            f"{code}: {source!r} -> {text!r}: {avoid.why}"
            for avoid in own.avoid
            if avoid.pattern.search(text)
        ]
    return problems
