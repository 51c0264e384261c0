"""The shipped content loads; broken content is refused with file:line for every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake_app.content.loader import InvalidContentError, load_flow
from intake_app.core.flow import AnswerKind
from tests.conftest import REPO


def test_shipped_content_loads_with_pictograms() -> None:
    flow = load_flow(REPO / "resources" / "content")
    card = flow.card("primary_question")
    assert card.kind is AnswerKind.CHOICE
    assert {o.id for o in card.options} >= {"letter", "rent", "energy", "fine", "other"}
    assert card.pictogram == "1F4AC"


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "01_test.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_problems_name_file_and_line(tmp_path: Path) -> None:
    content = _write(
        tmp_path,
        "phase:\n"
        "  id: welcome\n"
        "  number: 1\n"
        "  title: Welkom\n"
        "  pictogram: 1F44B\n"
        "cards:\n"
        "  - id: hello\n"
        "    kind: dance\n"
        "    title: Hallo\n"
        "    pictogram: ZZZZ\n"
        "  - id: choose\n"
        "    kind: choice\n"
        "    title: Kies\n"
        "    pictogram: 2709\n"
        "    options:\n"
        "      - {id: only, label: Eén, pictogram: 2709}\n",
    )
    with pytest.raises(InvalidContentError) as caught:
        load_flow(content)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("01_test.yaml:7: unknown answer kind 'dance'") for m in messages)
    assert any(m.startswith("01_test.yaml:7: pictogram ZZZZ") for m in messages)
    assert any(m.startswith("01_test.yaml:11: a 'choice' card needs") for m in messages)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    content = _write(tmp_path, "phase:\n  id: x\n  title: [unclosed\n")
    with pytest.raises(InvalidContentError) as caught:
        load_flow(content)
    assert "01_test.yaml" in str(caught.value.problems[0])


def test_duplicate_card_ids_across_files_are_refused(tmp_path: Path) -> None:
    card = "cards:\n  - id: same\n    kind: info\n    title: T\n    pictogram: 2709\n"
    for number in (1, 2):
        (tmp_path / f"0{number}_p.yaml").write_text(
            f"phase:\n  id: p{number}\n  number: {number}\n  title: P\n  pictogram: 2709\n" + card,
            encoding="utf-8",
        )
    with pytest.raises(InvalidContentError, match="same"):
        load_flow(tmp_path)


def test_extractor_finds_card_texts_with_their_place() -> None:
    from intake_app.content.extractor import extract_yaml

    with (REPO / "resources/content/02_question.yaml").open("rb") as handle:
        found = list(extract_yaml(handle, {}, [], {}))
    texts = {message: comments for _line, _f, message, comments in found}
    assert texts["Waar wilt u vandaag over praten?"] == ["primary_question.title"]
    assert texts["Huur"] == ["rent.label"]
    assert any(m.startswith("Begin met de vraag die de klant") for m in texts)


def test_two_options_with_the_same_label_are_refused(tmp_path: Path) -> None:
    content = _write(
        tmp_path,
        "phase:\n  id: p\n  number: 1\n  title: P\n  pictogram: 2709\n"
        "cards:\n  - id: c\n    kind: choice\n    title: T\n    pictogram: 2709\n"
        "    options:\n"
        '      - {id: a, pictogram: 2705, label: "Ja"}\n'
        "      - {id: b, pictogram: 2705, label: Ja}\n",
    )
    with pytest.raises(InvalidContentError, match="label 'Ja' is used twice"):
        load_flow(content)


def test_a_comma_that_splits_a_label_in_a_flow_mapping_is_refused(tmp_path: Path) -> None:
    """``{label: Buurthuis, moskee of kerk}`` is valid YAML, but the label would be cut."""
    content = _write(
        tmp_path,
        "phase:\n"
        "  id: welcome\n"
        "  number: 1\n"
        "  title: Welkom\n"
        "  pictogram: 1F44B\n"
        "cards:\n"
        "  - id: where\n"
        "    kind: choice\n"
        "    title: Waar?\n"
        "    pictogram: 2709\n"
        "    options:\n"
        "      - {id: a, pictogram: 2709, label: Thuis}\n"
        "      - {id: b, pictogram: 2709, label: Buurthuis, moskee of kerk}\n",
    )
    with pytest.raises(InvalidContentError) as caught:
        load_flow(content)
    (problem,) = caught.value.problems
    assert str(problem).startswith("01_test.yaml:13: YAML error: 'moskee of kerk' has no value")
    assert "quotes" in str(problem)


def test_shipped_labels_with_commas_are_whole() -> None:
    flow = load_flow(REPO / "resources" / "content")
    labels = {o.id: o.label for o in flow.card("setting").options}
    assert labels["community_location"] == "Buurthuis, moskee of kerk"
