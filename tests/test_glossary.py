"""The glossary of debt words: loads, links from card texts, refuses broken entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake_app.content.glossary import load_glossary
from intake_app.content.loader import InvalidContentError, load_flow
from tests.conftest import REPO

REQUIRED = {
    "deurwaarder", "cjib", "beslag", "toeslag", "bkr", "minnelijk_traject", "wsnp",
    "bewindvoering", "beslagvrije_voet", "incasso", "betalingsregeling",
}  # fmt: skip


def test_shipped_glossary_has_the_debt_words_with_pictograms() -> None:
    glossary = load_glossary(REPO / "resources" / "content")
    assert {e.id for e in glossary.entries} >= REQUIRED
    assert all(e.pictogram and e.explanation for e in glossary.entries)


def test_flow_loader_skips_the_glossary() -> None:
    load_flow(REPO / "resources" / "content")  # would fail on glossary.yaml as a phase


def test_find_terms_whole_words_in_order() -> None:
    glossary = load_glossary(REPO / "resources" / "content")
    text = "Heeft u een brief van het CJIB? Of komt de Deurwaarder? Let op uw beslagvrije voet."
    assert [e.id for e in glossary.find_terms(text)] == ["cjib", "deurwaarder", "beslagvrije_voet"]
    assert glossary.find_terms("Huurtoeslag aanvragen")[0].id == "toeslag"
    assert glossary.find_terms("beslagvrije voet")[0].id == "beslagvrije_voet"
    assert [e.id for e in glossary.find_terms("beslagvrije voet")] == ["beslagvrije_voet"]
    assert glossary.find_terms("Een brief over de huur.") == []
    assert glossary.find_terms("abkrx") == []


def test_broken_glossary_is_refused(tmp_path: Path) -> None:
    (tmp_path / "glossary.yaml").write_text(
        "glossary:\n  - id: x\n    pictogram: ZZZZ\n    title: X\n  - id: x\n    pictogram: 1F512\n"
        "    title: Y\n    explanation: Uitleg.\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidContentError) as caught:
        load_glossary(tmp_path)
    messages = [str(p) for p in caught.value.problems]
    assert any("glossary.yaml:2" in m and "explanation" in m for m in messages)
    assert any("ZZZZ" in m for m in messages)


def test_missing_glossary_is_empty(tmp_path: Path) -> None:
    assert load_glossary(tmp_path).entries == ()
