"""The catalogs: compile, placeholders match, templates are current, every client text is
translated (or reported), and the Dutch client texts are plain (short, readable)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from intake_app.content.glossary import load_glossary
from intake_app.i18n.catalog_checks import (
    compile_problems,
    missing_translations,
    placeholder_problems,
    read_catalog,
    report,
    template_messages,
    translated_languages,
)
from intake_app.i18n.client_texts import CLIENT_UI_MESSAGES
from intake_app.i18n.translator import DOMAINS, Translator
from tests.conftest import REPO

CATALOGS = REPO / "translations"
MAX_WORDS = 15
MIN_FLESCH_DOUMA = 60
# Flesch-Douma says nothing about a one- or two-word label ("Huur", "Zorgverzekering").
MIN_WORDS_FOR_FLESCH = 5


def client_texts() -> list[str]:
    return sorted({m.msgid for m in template_messages(CATALOGS) if m.client})


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def words(text: str) -> list[str]:
    return re.findall(r"[\w{}'’-]+(?:[.,]\d+)*", text)


def test_catalogs_compile_cleanly() -> None:
    assert compile_problems(CATALOGS) == []


def test_placeholders_identical_in_msgid_and_msgstr() -> None:
    assert placeholder_problems(CATALOGS) == []


def test_templates_are_current(tmp_path: Path, monkeypatch) -> None:
    from intake_app.cli import catalogs

    monkeypatch.chdir(REPO)
    catalogs.extract(tmp_path)
    for domain in DOMAINS:
        fresh = {str(m.id) for m in read_catalog(tmp_path / f"{domain}.pot") if m.id}
        committed = {str(m.id) for m in read_catalog(CATALOGS / f"{domain}.pot") if m.id}
        assert fresh == committed, (
            f"translations/{domain}.pot is out of date: run `make translations`. "
            f"New: {sorted(fresh - committed)} Gone: {sorted(committed - fresh)}"
        )


def test_every_language_catalog_has_every_template_message() -> None:
    for code in translated_languages():
        for domain in DOMAINS:
            pot = {str(m.id) for m in read_catalog(CATALOGS / f"{domain}.pot") if m.id}
            po = {str(m.id) for m in read_catalog(CATALOGS / code / "LC_MESSAGES" / f"{domain}.po")}
            assert pot <= po, f"{code}/{domain}.po misses {sorted(pot - po)}: make translations"


def test_client_ui_texts_and_glossary_translated_in_every_language() -> None:
    glossary = load_glossary(REPO / "resources" / "content")
    required = set(CLIENT_UI_MESSAGES)
    required |= {m.msgid for m in template_messages(CATALOGS) if m.client and m.domain == "ui"}
    required |= {e.title for e in glossary.entries} | {e.explanation for e in glossary.entries}
    missing = missing_translations(CATALOGS)
    strict = {code: [m for m in msgs if m.msgid in required] for code, msgs in missing.items()}
    assert not any(strict.values()), report(strict)


def test_all_other_texts_translated_or_reported() -> None:
    """New cards may land before their translations: then this lists them per language
    (`python -m intake_app.cli.catalogs missing` prints the same) instead of failing."""
    missing = missing_translations(CATALOGS)
    if any(missing.values()):
        pytest.xfail(
            "untranslated texts (they show in Dutch with the pictogram):\n" + report(missing)
        )


def test_missing_translation_falls_back_to_dutch_never_blank(tmp_path: Path) -> None:
    # A language without any catalog: every text is the Dutch one.
    for code in translated_languages():
        bare = Translator(code, tmp_path)
        for message in template_messages(CATALOGS):
            assert bare.gettext(message.msgid) == message.msgid
    # With the real catalogs: never an empty string.
    for code in translated_languages():
        translator = Translator(code, CATALOGS)
        for message in template_messages(CATALOGS):
            assert translator.gettext(message.msgid).strip()


def test_client_texts_exist() -> None:
    texts = client_texts()
    assert "Waar wilt u vandaag over praten?" in texts
    assert "Zeg ik liever niet" in texts
    tips = [m for m in template_messages(CATALOGS) if m.msgid.startswith("Begin met de vraag")]
    assert tips and not tips[0].client  # counsellor tips are not held to the client standard


@pytest.mark.parametrize("text", client_texts())
def test_client_sentences_at_most_15_words(text: str) -> None:
    for sentence in sentences(text):
        assert len(words(sentence)) <= MAX_WORDS, f"{len(words(sentence))} words: {sentence}"


def _names() -> tuple[list[str], list[str]]:
    """Names the client learns with a pictogram and an explanation: arrangements and glossary
    words, long one-word answers ("Zorgverzekering"), and the debt terms of
    translations/terms/nl.yaml, also inside compounds ("Zorgtoeslag")."""
    from intake_app.content.loader import load_flow
    from intake_app.i18n.terms import load_terms

    content = REPO / "resources" / "content"
    flow = load_flow(content)
    names = {p.label for p in flow.provisions} | {e.title for e in load_glossary(content).entries}
    labels = {o.label for ph in flow.phases for c in ph.cards for o in c.options}
    names |= {label for label in labels if " " not in label and len(label) >= 10}
    terms = [t for t in load_terms(CATALOGS, "nl").terms if " " not in t]
    return sorted(names, key=len, reverse=True), terms


NAMES, TERM_WORDS = _names()


def without_names(text: str) -> str:
    """The text around the names: Flesch-Douma counts the syllables of "Kwijtschelding"
    against a sentence that explains it; the plain words around a name must be plain."""
    for name in NAMES:
        text = re.sub(rf"\b{re.escape(name)}\b", " ", text, flags=re.IGNORECASE)
    for term in TERM_WORDS:
        text = re.sub(rf"\w*{re.escape(term)}\w*", " ", text, flags=re.IGNORECASE)
    return text


def test_names_are_taken_out_but_plain_words_stay() -> None:
    assert words(without_names("Kwijtschelding (geen belasting aan de gemeente)")) == [
        "geen", "belasting", "aan", "de",
    ]  # fmt: skip
    assert words(without_names("Een half jaar tot een jaar")) == words("Een half jaar tot een jaar")


@pytest.mark.parametrize("text", client_texts())
def test_client_texts_flesch_douma_at_least_60(text: str) -> None:
    import textstat

    textstat.set_lang("nl")
    text = without_names(text)
    if len(words(text)) < MIN_WORDS_FOR_FLESCH:
        return
    score = textstat.flesch_reading_ease(text)
    assert score >= MIN_FLESCH_DOUMA, f"Flesch-Douma {score:.0f}: {text}"


def test_plain_language_checks_catch_long_and_hard_text() -> None:
    import textstat

    textstat.set_lang("nl")
    long = (
        "Wij verzoeken u vriendelijk om de onderstaande gegevens betreffende uw "
        "inkomsten en uitgaven zorgvuldig te controleren en aan te vullen."
    )
    assert len(words(sentences(long)[0])) > MAX_WORDS
    assert textstat.flesch_reading_ease(long) < MIN_FLESCH_DOUMA


def test_mo_files_are_build_output_not_committed() -> None:
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8")
    assert "translations/**/*.mo" in ignored
    assert os.path.exists(CATALOGS / "ar" / "LC_MESSAGES" / "ui.mo")  # made by make test


def _tiny_catalogs(tmp_path: Path, translation: str) -> Path:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    for domain in DOMAINS:
        template = Catalog(domain=domain)
        if domain == "ui":
            template.add("Gesprek {code}", locations=[("x.py", 1)])
        with (tmp_path / f"{domain}.pot").open("wb") as handle:
            write_po(handle, template)
        for code in translated_languages():
            catalog = Catalog(locale=code, domain=domain)
            if domain == "ui" and code == "tr":
                catalog.add("Gesprek {code}", translation)
            folder = tmp_path / code / "LC_MESSAGES"
            folder.mkdir(parents=True, exist_ok=True)
            with (folder / f"{domain}.po").open("wb") as handle:
                write_po(handle, catalog)
    return tmp_path


def test_checks_catch_a_broken_placeholder_and_report_missing(tmp_path: Path) -> None:
    catalogs = _tiny_catalogs(tmp_path, "Görüşme {kod}")
    assert placeholder_problems(catalogs) == ["tr/ui: 'Gesprek {code}' -> 'Görüşme {kod}'"]
    missing = missing_translations(catalogs)
    assert missing["tr"] == []
    assert [m.msgid for m in missing["ar"]] == ["Gesprek {code}"]
    assert "ar: 1 missing" in report(missing)
    # A broken placeholder never breaks the screen: Translator.format falls back to Dutch.
    from babel.messages.mofile import write_mo

    po = read_catalog(catalogs / "tr" / "LC_MESSAGES" / "ui.po", "tr")
    with (catalogs / "tr" / "LC_MESSAGES" / "ui.mo").open("wb") as handle:
        write_mo(handle, po)
    assert Translator("tr", catalogs).format("Gesprek {code}", code="K-1") == "Gesprek K-1"


def test_fuzzy_guess_counts_as_missing_and_a_draft_replaces_it(tmp_path: Path, monkeypatch):
    from babel.messages.pofile import write_po

    from intake_app.cli import catalogs

    _tiny_catalogs(tmp_path, "Görüşme {code}")
    po_file = tmp_path / "tr" / "LC_MESSAGES" / "ui.po"
    catalog = read_catalog(po_file, "tr")
    catalog["Gesprek {code}"].flags.add("fuzzy")  # what `pybabel update` guesses
    with po_file.open("wb") as handle:
        write_po(handle, catalog)
    assert [m.msgid for m in missing_translations(tmp_path)["tr"]] == ["Gesprek {code}"]
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "x.json").write_text('{"tr": {"Gesprek {code}": "Görüşme {code}!"}}', "utf-8")
    monkeypatch.setattr(catalogs, "TRANSLATIONS", tmp_path)
    catalogs.fill()
    message = read_catalog(po_file, "tr")["Gesprek {code}"]
    assert message.string == "Görüşme {code}!" and not message.fuzzy
    assert missing_translations(tmp_path)["tr"] == []
