"""Checks over the gettext catalogs, shared by the tests and ``catalogs missing``.

They are generic: new cards in ``resources/content/`` are covered as soon as
``make translations`` has extracted them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from intake_app.i18n.client_texts import is_client_content, is_client_ui
from intake_app.i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from intake_app.i18n.translator import DOMAINS

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def translated_languages() -> list[str]:
    return [lang.code for lang in LANGUAGES if lang.code != SOURCE_LANGUAGE]


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def po_path(catalog_dir: Path, code: str, domain: str) -> Path:
    return catalog_dir / code / "LC_MESSAGES" / f"{domain}.po"


@dataclass(frozen=True, slots=True)
class Message:
    domain: str
    msgid: str
    client: bool  # the client reads it (held to the plain-language standard)


def template_messages(catalog_dir: Path) -> list[Message]:
    """Every msgid in the ``.pot`` templates, marked client-facing or not."""
    found: list[Message] = []
    for domain in DOMAINS:
        for message in read_catalog(catalog_dir / f"{domain}.pot"):
            if not message.id or not isinstance(message.id, str):
                continue
            if domain == "content":
                client = is_client_content(message.auto_comments)
            else:
                client = is_client_ui(message.id, list(message.locations))
            found.append(Message(domain, message.id, client))
    return found


def missing_translations(catalog_dir: Path) -> dict[str, list[Message]]:
    """Per language: the template messages without a ``msgstr`` (they show in Dutch)."""
    messages = template_messages(catalog_dir)
    result: dict[str, list[Message]] = {}
    for code in translated_languages():
        done: set[tuple[str, str]] = set()
        for domain in DOMAINS:
            path = po_path(catalog_dir, code, domain)
            if path.exists():
                done |= {
                    (domain, str(m.id))
                    for m in read_catalog(path, code)
                    if m.id and m.string and not m.fuzzy  # gettext skips fuzzy entries
                }
        result[code] = [m for m in messages if (m.domain, m.msgid) not in done]
    return result


def placeholder_problems(catalog_dir: Path) -> list[str]:
    """Translations whose ``{placeholders}`` differ from the Dutch msgid's."""
    problems: list[str] = []
    for code in translated_languages():
        for domain in DOMAINS:
            path = po_path(catalog_dir, code, domain)
            if not path.exists():
                continue
            for message in read_catalog(path, code):
                if not message.id or not message.string:
                    continue
                ids = _texts(message.id)
                wanted = placeholders(ids[-1])
                for text in _texts(message.string):
                    if text and placeholders(text) != wanted:
                        problems.append(f"{code}/{domain}: {ids[0]!r} -> {text!r}")
    return problems


def _texts(value: object) -> list[str]:
    """A msgid or msgstr as a list: plural entries are sequences of texts."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return []


def compile_problems(catalog_dir: Path) -> list[str]:
    """Compile every ``.po`` in memory; report Babel's checks and anything gettext refuses."""
    import gettext

    problems: list[str] = []
    for code in translated_languages():
        for domain in DOMAINS:
            path = po_path(catalog_dir, code, domain)
            if not path.exists():
                problems.append(f"{code}/{domain}: no catalog")
                continue
            catalog = read_catalog(path, code)
            for message, errors in catalog.check():
                problems += [f"{code}/{domain}: {message.id!r}: {error}" for error in errors]
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            try:
                gettext.GNUTranslations(buffer)
            except (OSError, ValueError) as exc:
                problems.append(f"{code}/{domain}: does not load: {exc}")
    return problems


def report(missing: dict[str, list[Message]]) -> str:
    lines: list[str] = []
    for code, messages in missing.items():
        if messages:
            lines.append(f"{code}: {len(messages)} missing")
            lines += [f"  [{m.domain}] {m.msgid}" for m in messages]
    return "\n".join(lines)
