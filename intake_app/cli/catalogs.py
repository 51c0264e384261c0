"""Extract, update, fill and compile the gettext catalogs with Babel (``make translations``).

    python -m intake_app.cli.catalogs extract|update|fill|compile|missing

Run from the repository root. Compiled ``.mo`` files are build output, not committed.
``fill`` copies draft translations from ``translations/drafts/*.json``
(``{"language": {"Dutch msgid": "translation"}}``) into every still-empty ``msgstr``;
a text a translator has already written in a ``.po`` file always wins.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

from intake_app.i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from intake_app.i18n.translator import DOMAINS

TRANSLATIONS = Path("translations")
SOURCES = {"ui": "intake_app", "content": "resources/content"}
# Besides gettext & co: Translator.format, N_ marks, and the Dutch message of every error.
UI_KEYWORDS = (
    "format", "N_", "IntakeError", "StorageError", "ConfigurationError", "ContentError",
    "NotFoundError", "DisclosureError",
)  # fmt: skip


def _babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


def extract(out_dir: Path = TRANSLATIONS) -> None:
    for domain in DOMAINS:
        pot = str(out_dir / f"{domain}.pot")
        _babel(
            "extract", "-F", str(TRANSLATIONS / "babel.cfg"), "-o", pot,
            "--project=intake_app", "--copyright-holder=intake_app contributors",
            "--sort-by-file", "--add-comments=TRANSLATORS:",
            *(f"--keyword={k}" for k in (UI_KEYWORDS if domain == "ui" else ())),
            SOURCES[domain],
        )  # fmt: skip


def update() -> None:
    for domain in DOMAINS:
        for language in LANGUAGES:
            if language.code == SOURCE_LANGUAGE:
                continue
            po = TRANSLATIONS / language.code / "LC_MESSAGES" / f"{domain}.po"
            command = "update" if po.exists() else "init"
            _babel(
                command, "-i", str(TRANSLATIONS / f"{domain}.pot"), "-d", str(TRANSLATIONS),
                "-D", domain, "-l", language.code,
                # A guess from a similar old text is worse than none: it can swap meanings
                # and placeholders. Drafts fill the gaps instead (see fill()).
                *(["--no-fuzzy-matching"] if command == "update" else []),
            )  # fmt: skip


def drafts() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for path in sorted((TRANSLATIONS / "drafts").glob("*.json")):
        for language, messages in json.loads(path.read_text(encoding="utf-8")).items():
            merged.setdefault(language, {}).update(messages)
    return merged


def fill() -> None:
    all_drafts = drafts()
    for language in LANGUAGES:
        if language.code == SOURCE_LANGUAGE:
            continue
        messages = all_drafts.get(language.code, {})
        for domain in DOMAINS:
            po = TRANSLATIONS / language.code / "LC_MESSAGES" / f"{domain}.po"
            if not po.exists():
                continue
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=language.code)
            changed = False
            for message in catalog:
                if not message.id or (message.string and not message.fuzzy):
                    continue
                # Empty, or only a fuzzy guess from a similar old text: a draft is better,
                # and no text is better than a guess.
                draft = messages.get(str(message.id), "")
                if message.fuzzy or (draft and not message.string):
                    message.string = draft
                    message.flags.discard("fuzzy")
                    changed = True
            if changed:
                with po.open("wb") as handle:
                    write_po(handle, catalog, sort_by_file=True)


def compile_all() -> None:
    for domain in DOMAINS:
        if any(TRANSLATIONS.glob(f"*/LC_MESSAGES/{domain}.po")):
            _babel("compile", "-d", str(TRANSLATIONS), "-D", domain)


def missing() -> None:
    """Print, per language, the texts that still show in Dutch (``make translations`` first)."""
    from intake_app.i18n.catalog_checks import missing_translations, report

    print(report(missing_translations(TRANSLATIONS)) or "Every text is translated.")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    actions = {
        "extract": extract, "update": update, "fill": fill, "compile": compile_all,
        "missing": missing,
    }  # fmt: skip
    if len(args) != 1 or args[0] not in actions:
        print(
            "usage: python -m intake_app.cli.catalogs extract|update|fill|compile|missing",
            file=sys.stderr,
        )
        return 2
    actions[args[0]]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
