"""Extract, update, fill and compile the gettext catalogs with Babel (``make translations``).

    python -m intake_app.cli.catalogs extract|update|fill|check|compile|missing
    python -m intake_app.cli.catalogs apply-drafts|adopt [LANG ...]

Run from the repository root. Compiled ``.mo`` files are build output, not committed.
``fill`` copies draft translations from ``translations/drafts/*.json``
(``{"language": {"Dutch msgid": "translation"}}``, see ``i18n/drafts.py``) into every
still-empty ``msgstr`` and lists every entry where a draft and a filled catalog entry
disagree; ``check`` exits 1 on such entries. Nothing filled is overwritten silently:
``apply-drafts`` makes the drafts win, ``adopt`` the catalogs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from intake_app.i18n import drafts
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


def fill() -> None:
    """Fill empty entries from the drafts, then say where drafts and catalogs disagree."""
    filled = drafts.fill(TRANSLATIONS)
    if filled:
        print(f"{filled} empty entries filled from translations/drafts/.")
    report_disagreements()


def report_disagreements() -> int:
    found = drafts.disagreements(TRANSLATIONS)
    conflicts = drafts.draft_conflicts(TRANSLATIONS)
    if not found and not conflicts:
        return 0
    if conflicts:
        print(f"\n{len(conflicts)} texts are translated differently by two draft files:")
        for conflict in conflicts:
            print(f"  {conflict}")
    if found:
        print(f"\n{len(found)} entries differ between translations/drafts/ and the catalogs:")
    for item in found:
        print(f"  {item}")
    print(
        "Neither side was changed. If the drafts are right:\n"
        "    python -m intake_app.cli.catalogs apply-drafts [LANG ...]\n"
        "If the catalogs are right (edited in Poedit, a review was imported, or two draft\n"
        "files disagree and the catalog has the text to keep):\n"
        "    python -m intake_app.cli.catalogs adopt [LANG ...]"
    )
    return 1


def apply_drafts(codes: list[str]) -> None:
    changed = drafts.apply_drafts(TRANSLATIONS, codes or None)
    print(f"{len(changed)} catalog entries replaced by their draft.")


def adopt(codes: list[str]) -> None:
    changed = drafts.adopt_catalogs(TRANSLATIONS, codes or None)
    print(f"{len(changed)} drafts replaced by the catalog text.")


def compile_all() -> None:
    for domain in DOMAINS:
        if any(TRANSLATIONS.glob(f"*/LC_MESSAGES/{domain}.po")):
            _babel("compile", "-d", str(TRANSLATIONS), "-D", domain)


def missing() -> None:
    """Print, per language, the texts that still show in Dutch (``make translations`` first)."""
    from intake_app.i18n.catalog_checks import missing_translations, report

    print(report(missing_translations(TRANSLATIONS)) or "Every text is translated.")


USAGE = (
    "usage: python -m intake_app.cli.catalogs extract|update|fill|check|compile|missing\n"
    "       python -m intake_app.cli.catalogs apply-drafts|adopt [LANG ...]"
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    actions = {
        "extract": extract, "update": update, "fill": fill, "compile": compile_all,
        "missing": missing,
    }  # fmt: skip
    with_languages = {"apply-drafts": apply_drafts, "adopt": adopt}
    known = {lang.code for lang in LANGUAGES if lang.code != SOURCE_LANGUAGE}
    if args and args[0] in with_languages and set(args[1:]) <= known:
        with_languages[args[0]](args[1:])
        return 0
    if args == ["check"]:
        return report_disagreements()
    if len(args) != 1 or args[0] not in actions:
        print(USAGE, file=sys.stderr)
        return 2
    actions[args[0]]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
