"""Draft translations (``translations/drafts/*.json``) and how they meet the ``.po`` catalogs.

A draft file is ``{"language": {"key": "translation"}}``. The key is the Dutch msgid, or
``context`` + U+0004 + msgid for a text with a ``msgctxt`` (gettext's own notation). Files
are read in name order; a later file wins for the same key.

Drafts and catalogs must say the same. Where they disagree nothing is kept silently:
``disagreements()`` lists every difference, ``make translations`` prints them, a test fails on
them, and the person who knows which side is right runs ``catalogs apply-drafts`` (drafts win)
or ``catalogs adopt`` (the catalog wins, e.g. after a translator worked in Poedit).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from intake_app.core import safe_write
from intake_app.i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from intake_app.i18n.translator import DOMAINS

DRAFTS_FOLDER = "drafts"
ADDED_FILE = "added.json"  # where a key goes that no draft file held before
CONTEXT_SEPARATOR = "\x04"


def draft_key(msgid: str, context: str | None = None) -> str:
    return f"{context}{CONTEXT_SEPARATOR}{msgid}" if context else msgid


def message_key(message: Message) -> str:
    return draft_key(str(message.id), message.context)


def translated_codes() -> list[str]:
    return [lang.code for lang in LANGUAGES if lang.code != SOURCE_LANGUAGE]


def draft_files(catalog_dir: Path) -> list[Path]:
    return sorted((catalog_dir / DRAFTS_FOLDER).glob("*.json"))


def load_drafts(catalog_dir: Path) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for path in draft_files(catalog_dir):
        for language, messages in json.loads(path.read_text(encoding="utf-8")).items():
            merged.setdefault(language, {}).update(messages)
    return merged


def _write_json(path: Path, data: dict[str, dict[str, str]]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    safe_write.write_text(path, text + "\n")


def set_drafts(catalog_dir: Path, code: str, texts: dict[str, str]) -> None:
    """Write ``texts`` (key -> translation) into every draft file that holds the key for
    ``code``, so no older file keeps a different text; keys no file holds go to added.json."""
    if not texts:
        return
    folder = catalog_dir / DRAFTS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    placed: set[str] = set()
    for path in draft_files(catalog_dir):
        data = json.loads(path.read_text(encoding="utf-8"))
        messages = data.get(code, {})
        hits = {key: text for key, text in texts.items() if key in messages}
        if hits:
            messages.update(hits)
            _write_json(path, data)
            placed |= hits.keys()
    rest = {key: text for key, text in texts.items() if key not in placed}
    if rest:
        added = folder / ADDED_FILE
        data = json.loads(added.read_text(encoding="utf-8")) if added.exists() else {}
        data.setdefault(code, {}).update(rest)
        _write_json(added, data)


def po_file(catalog_dir: Path, code: str, domain: str) -> Path:
    return catalog_dir / code / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(path: Path, code: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=code)


def write_catalog(path: Path, catalog: Catalog) -> None:
    with safe_write.atomic_file(path) as handle:
        write_po(handle, catalog, sort_by_file=True)


def catalogs(catalog_dir: Path, codes: Iterable[str]) -> Iterator[tuple[str, str, Path]]:
    for code in codes:
        for domain in DOMAINS:
            path = po_file(catalog_dir, code, domain)
            if path.exists():
                yield code, domain, path


@dataclass(frozen=True, slots=True)
class Disagreement:
    code: str
    domain: str
    key: str
    catalog: str
    draft: str

    def __str__(self) -> str:
        shown = self.key.replace(CONTEXT_SEPARATOR, " | ")
        return (
            f"{self.code}/{self.domain}: {shown!r}\n"
            f"    catalog: {self.catalog!r}\n    draft:   {self.draft!r}"
        )


def _text(message: Message) -> str:
    return message.string if isinstance(message.string, str) else ""


def disagreements(catalog_dir: Path, codes: Iterable[str] | None = None) -> list[Disagreement]:
    """Entries where both the catalog and the drafts have a text, and the texts differ."""
    drafts = load_drafts(catalog_dir)
    found: list[Disagreement] = []
    for code, domain, path in catalogs(catalog_dir, codes or translated_codes()):
        messages = drafts.get(code, {})
        for message in read_catalog(path, code):
            if not message.id or not isinstance(message.id, str) or message.fuzzy:
                continue
            draft = messages.get(message_key(message), "")
            text = _text(message)
            if draft and text and draft != text:
                found.append(Disagreement(code, domain, message_key(message), text, draft))
    return found


def fill(catalog_dir: Path) -> int:
    """Copy drafts into empty or fuzzy entries (a fuzzy guess is worse than no text).
    A filled entry is never overwritten here: see ``apply_drafts``. Returns entries filled."""
    drafts = load_drafts(catalog_dir)
    filled = 0
    for code, _domain, path in catalogs(catalog_dir, translated_codes()):
        messages = drafts.get(code, {})
        catalog = read_catalog(path, code)
        changed = False
        for message in catalog:
            if not message.id or (message.string and not message.fuzzy):
                continue
            draft = messages.get(message_key(message), "")
            if message.fuzzy or (draft and not message.string):
                message.string = draft
                message.flags.discard("fuzzy")
                changed = True
                filled += 1 if draft else 0
        if changed:
            write_catalog(path, catalog)
    return filled


def apply_drafts(catalog_dir: Path, codes: Iterable[str] | None = None) -> list[Disagreement]:
    """Drafts win: overwrite every catalog entry that disagrees. Returns what changed."""
    changed = disagreements(catalog_dir, codes)
    by_file: dict[tuple[str, str], dict[str, str]] = {}
    for item in changed:
        by_file.setdefault((item.code, item.domain), {})[item.key] = item.draft
    for (code, domain), texts in by_file.items():
        path = po_file(catalog_dir, code, domain)
        catalog = read_catalog(path, code)
        for message in catalog:
            if message.id and message_key(message) in texts:
                message.string = texts[message_key(message)]
        write_catalog(path, catalog)
    return changed


def adopt_catalogs(catalog_dir: Path, codes: Iterable[str] | None = None) -> list[Disagreement]:
    """The catalogs win: write their texts into the drafts where they disagree, and into
    every draft file of a key that two draft files translate differently."""
    wanted = list(codes or translated_codes())
    changed = disagreements(catalog_dir, wanted)
    by_code: dict[str, dict[str, str]] = {}
    for item in changed:
        by_code.setdefault(item.code, {})[item.key] = item.catalog
    texts = catalog_texts(catalog_dir, wanted)
    for conflict in draft_conflicts(catalog_dir):
        text = texts.get(conflict.code, {}).get(conflict.key)
        if text:
            by_code.setdefault(conflict.code, {})[conflict.key] = text
    for code, found in by_code.items():
        set_drafts(catalog_dir, code, found)
    return changed


def catalog_texts(catalog_dir: Path, codes: Iterable[str]) -> dict[str, dict[str, str]]:
    """Per language: draft key -> the catalog's (non-fuzzy) text."""
    result: dict[str, dict[str, str]] = {}
    for code, _domain, path in catalogs(catalog_dir, codes):
        for message in read_catalog(path, code):
            if message.id and isinstance(message.id, str) and not message.fuzzy and _text(message):
                result.setdefault(code, {})[message_key(message)] = _text(message)
    return result


@dataclass(frozen=True, slots=True)
class DraftConflict:
    code: str
    key: str
    texts: dict[str, str]  # draft file name -> its text

    def __str__(self) -> str:
        shown = self.key.replace(CONTEXT_SEPARATOR, " | ")
        lines = [f"    {name}: {text!r}" for name, text in self.texts.items()]
        return f"{self.code}: {shown!r} has different drafts\n" + "\n".join(lines)


def draft_conflicts(catalog_dir: Path) -> list[DraftConflict]:
    """Keys that two draft files translate differently (the later file would win unseen)."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for path in draft_files(catalog_dir):
        for code, messages in json.loads(path.read_text(encoding="utf-8")).items():
            for key, text in messages.items():
                seen.setdefault((code, key), {})[path.name] = text
    return [
        DraftConflict(code, key, texts)
        for (code, key), texts in seen.items()
        if len(set(texts.values())) > 1
    ]
