"""Catalogs with the draft translations applied, in a temporary folder, for tests and
screenshots of texts that are still drafts (the lead compiles the real catalogs after merging:
docs/translations.md). Entries the catalog already has are kept as they are."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo

from intake_app.i18n.drafts import load_drafts, po_file, read_catalog
from intake_app.i18n.translator import DOMAINS

REPO = Path(__file__).resolve().parents[1]
CATALOGS = REPO / "translations"


def catalogs_with_drafts(target: Path, codes: tuple[str, ...]) -> Path:
    drafts = load_drafts(CATALOGS)
    for code in codes:
        out = target / code / "LC_MESSAGES"
        out.mkdir(parents=True, exist_ok=True)
        for domain in DOMAINS:
            catalog = read_catalog(po_file(CATALOGS, code, domain), code)
            if domain == "ui":  # one msgid, one meaning: the ui domain is looked up first
                for msgid, text in drafts.get(code, {}).items():
                    message = catalog.get(msgid)
                    if message is None or not message.string:
                        catalog.add(msgid, text)
            with (out / f"{domain}.mo").open("wb") as handle:
                write_mo(handle, catalog)
    return target
