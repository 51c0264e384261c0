"""One rendering per debt word per language, in every client text (translations/terms/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake_app.i18n.catalog_checks import translated_languages
from intake_app.i18n.terms import load_terms, term_problems
from tests.conftest import REPO

CATALOGS = REPO / "translations"
TERMS = (
    "toeslag", "uitkering", "bijstand", "gemeente", "deurwaarder", "incassobureau", "beslag",
    "bewindvoering", "kwijtschelding", "minnelijk traject", "CJIB", "BKR", "Wsnp",
)  # fmt: skip


def test_every_language_has_a_term_list_with_every_term_and_its_address() -> None:
    assert set(load_terms(CATALOGS, "nl").terms) == set(TERMS)
    for code in translated_languages():
        terms = load_terms(CATALOGS, code)
        assert set(terms.terms) == set(TERMS), code
        assert terms.address, f"{code}: say which form of address the texts use"


@pytest.mark.parametrize("code", translated_languages())
def test_client_texts_use_the_term_list(code: str) -> None:
    assert term_problems(CATALOGS, code) == []


def test_confusable_terms_have_different_renderings() -> None:
    dutch = load_terms(CATALOGS, "nl")
    for code in translated_languages():
        terms = load_terms(CATALOGS, code).terms
        for group in dutch.confusable:
            renderings = [terms[key].term for key in group]
            assert len(set(renderings)) == len(renderings), (code, renderings)
            for key in group:  # no term's word is found inside another's rendering
                for other in set(group) - {key}:
                    assert not terms[other].found_in(terms[key].term), (code, key, other)


def test_acronyms_stay_latin() -> None:
    for code in translated_languages():
        terms = load_terms(CATALOGS, code).terms
        assert [terms[a].term for a in ("CJIB", "BKR", "Wsnp")] == ["CJIB", "BKR", "Wsnp"]


def test_the_check_catches_a_collision_a_missing_term_and_an_avoided_word(tmp_path: Path) -> None:
    """The defects of issue 19, rebuilt in a tiny catalog: Turkish toeslag/uitkering share
    a word, "Pauze" reads as "search"."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    (tmp_path / "terms").mkdir()
    for code in ("nl", "tr"):
        text = (CATALOGS / "terms" / f"{code}.yaml").read_text("utf-8")
        (tmp_path / "terms" / f"{code}.yaml").write_text(text, "utf-8")
    texts = {"Uitkering": "Sosyal ödenek", "Toeslag": "Ödenek", "Pauze": "Ara"}
    for domain in ("ui", "content"):
        template = Catalog(domain=domain)
        catalog = Catalog(locale="tr", domain=domain)
        for dutch, turkish in texts.items():
            if (domain == "ui") == (dutch == "Pauze"):
                template.add(dutch, auto_comments=["x.title"])
                catalog.add(dutch, turkish)
        with (tmp_path / f"{domain}.pot").open("wb") as handle:
            write_po(handle, template)
        (tmp_path / "tr" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        with (tmp_path / "tr" / "LC_MESSAGES" / f"{domain}.po").open("wb") as handle:
            write_po(handle, catalog)
    problems = "\n".join(term_problems(tmp_path, "tr"))
    assert "'Uitkering' -> 'Sosyal ödenek' lacks uitkering" in problems
    assert "'Uitkering' -> 'Sosyal ödenek' uses the word for toeslag" in problems
    assert "'Pauze' -> 'Ara'" in problems
    assert "'Toeslag'" not in problems
