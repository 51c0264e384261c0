"""The JSON Schema and the importer agree, over one corpus of good and bad session files
(tests/bad_inputs/sessions, made by tests/bad_inputs/make_sessions.py).

- every good file passes both;
- every file the schema refuses, the importer refuses (its message names the field);
- the files only the importer refuses are exactly the rules the schema cannot say (content
  references, two fields compared, text hygiene), listed as ``importer`` in the manifest;
- imported text is cleaned as typed text is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from intake_app.content.loader import load_flow
from intake_app.core.durability import SessionFileError
from intake_app.i18n.languages import LANGUAGES
from intake_app.services.session_checks import format_checker
from intake_app.services.session_file import from_document, read_document, schema
from tests.conftest import REPO

CORPUS = Path(__file__).resolve().parent / "bad_inputs" / "sessions"
FLOW = load_flow(REPO / "resources" / "content")


def _manifest() -> list[tuple[str, str, str]]:
    lines = (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t")) for line in lines]  # type: ignore[misc]


ENTRIES = _manifest()


def _schema_errors(document: object) -> list[str]:
    validator = Draft202012Validator(schema(), format_checker=format_checker())
    return [error.message for error in validator.iter_errors(document)]


def test_the_corpus_is_big_and_covers_every_verdict() -> None:
    verdicts = [verdict for _, verdict, _ in ENTRIES]
    assert {"good", "schema", "importer", "unparsable"} <= set(verdicts)
    assert verdicts.count("schema") + verdicts.count("importer") >= 80
    on_disk = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.json")}
    assert on_disk == {name for name, _, _ in ENTRIES}


@pytest.mark.parametrize(("name", "verdict", "expected"), ENTRIES, ids=[e[0] for e in ENTRIES])
def test_schema_and_importer_agree(name: str, verdict: str, expected: str) -> None:
    path = CORPUS / name
    if verdict == "unparsable":
        with pytest.raises(SessionFileError, match=expected):
            read_document(path)
        return
    document = read_document(path)
    errors = _schema_errors(document)
    if verdict == "good":
        assert errors == []
        from_document(document, FLOW)
        return
    if verdict == "schema":
        assert errors, "the schema should refuse this file"
    else:
        assert errors == [], "the schema cannot know this rule; the importer does"
    with pytest.raises(SessionFileError) as caught:
        from_document(document, FLOW)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


def test_the_schema_lists_exactly_the_languages_of_the_app() -> None:
    allowed = schema()["properties"]["session"]["properties"]["client_language"]["enum"]
    assert allowed == [language.code for language in LANGUAGES]


def test_imported_text_is_cleaned_like_typed_text(context, tmp_path: Path) -> None:
    document = json.loads((CORPUS / "good" / "example.json").read_text(encoding="utf-8"))
    session = document["session"]
    session["code"] = "K-CLEAN-1"
    session["first_name"] = "Sel\u202ema\u200b"  # right-to-left override, zero width space
    session["neighbourhood"] = "No\x1b[31mord"  # an ESC sequence for a terminal
    session["debts"][1]["creditor"] = "Woonbedrijf\u2066 Voorbeeld\u2069"
    session["notes"][0]["text"] = "regel een\n\tregel twee\x07"
    path = tmp_path / "s.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    item = context.session_files.import_session(path)
    stored = context.storage.sessions.get_session(item.id)
    assert stored.first_name == "Selma"
    assert stored.neighbourhood == "No[31mord"
    assert stored.debts[1].creditor == "Woonbedrijf Voorbeeld"
    assert stored.notes[0].text == "regel een\n\tregel twee"
