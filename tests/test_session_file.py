"""Session files: export and import round-trip exactly; bad files are refused by field name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from intake_app.bootstrap.context import build_context
from intake_app.cli.main import main as admin
from intake_app.core import model
from intake_app.core.durability import SessionFileError
from intake_app.core.errors import StorageError
from intake_app.services.session_file import CHILDREN, from_document, schema, to_document
from intake_app.storage.database import sqlite_url
from tests.sample_session import fill_session

REPO = Path(__file__).resolve().parents[1]


def _session_part(path: Path) -> dict[str, Any]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return dict(document["session"])


def test_export_import_round_trips_exactly(any_context, tmp_path: Path) -> None:
    session_id = fill_session(any_context.storage.sessions)
    first = any_context.session_files.export_session(session_id, tmp_path / "one.json")
    assert first.stat().st_mode & 0o077 == 0  # personal data: owner-only

    # Into another database (a SQLite file: also PostgreSQL -> SQLite when parametrized so).
    other = build_context(db_url=sqlite_url(tmp_path / "other.db"), data_dir=tmp_path / "o")
    try:
        item = other.session_files.import_session(first)
        second = other.session_files.export_session(item.id, tmp_path / "two.json")
        again = other.storage.sessions.get_session(item.id)
    finally:
        other.close()
    assert _session_part(first) == _session_part(second)
    original = any_context.storage.sessions.get_session(session_id)
    # Field for field the same session, apart from the local database ids.
    assert to_document(again, exported_at=original.created_at) == to_document(
        original, exported_at=original.created_at
    )
    assert again.debts[0].amount == model.Money(800000, approximate=True)
    assert again.first_name == "سلمى"
    assert again.answers["urgency_check"].state is model.AnswerState.NOT_DISCUSSED


def test_import_refuses_a_code_that_already_exists(any_context, tmp_path: Path) -> None:
    session_id = fill_session(any_context.storage.sessions)
    out = any_context.session_files.export_session(session_id, tmp_path / "s.json")
    with pytest.raises(StorageError, match="staat al in deze database"):
        any_context.session_files.import_session(out)
    assert len(any_context.intake.list_sessions()) == 1


def _exported(context, tmp_path: Path) -> dict[str, Any]:
    session_id = fill_session(context.storage.sessions)
    out = context.session_files.export_session(session_id, tmp_path / "s.json")
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (lambda d: d["session"].pop("code"), "session.code", "ontbreekt"),
        (lambda d: d["session"]["debts"][1].update(direction="netted"),
         "session.debts[2].direction", "onbekende waarde"),
        (lambda d: d["session"]["debts"][0]["amount"].update(cents=12.5),
         "session.debts[1].amount.cents", "verkeerde soort"),
        (lambda d: d["session"]["debts"][0]["amount"].update(cents=-5),
         "session.debts[1].amount.cents", "te klein"),
        (lambda d: d["session"].update(created_at="22-11-2026"), "session.created_at",
         "verkeerde vorm"),
        (lambda d: d["session"]["notes"][0].update(text="x" * 5000), "session.notes[1].text",
         "te lang"),
        (lambda d: d["session"].update(bsn="123456789"), "session.bsn", "hoort niet"),
        (lambda d: d.update(format="something-else"), "format", "onbekende waarde"),
        (lambda d: d["session"].update(client_language="xx"), "session.client_language",
         "onbekende waarde"),
        (lambda d: d["session"]["answers"].append(dict(d["session"]["answers"][0])),
         "session.answers[3].card_id", "twee keer"),
        (lambda d: d["session"].update(follow_up_date="2026-02-31"), "session.follow_up_date",
         "geen geldige datum"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_naming_the_field(
    context, tmp_path: Path, change, field: str, problem: str
) -> None:
    document = _exported(context, tmp_path)
    change(document)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    before = context.intake.list_sessions()
    with pytest.raises(SessionFileError) as caught:
        context.session_files.import_session(bad)
    message = str(caught.value)
    assert field in message
    assert problem in message
    assert "\n" not in message
    assert context.intake.list_sessions() == before  # nothing half-imported


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"{ not json", "geen JSON"), (b"\xff\xfe\x00garbage", "geen tekstbestand")],
)
def test_unreadable_files_give_one_sentence(
    context, tmp_path: Path, content: bytes, expected: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(SessionFileError, match=expected):
        context.session_files.import_session(bad)
    with pytest.raises(SessionFileError, match="bestaat niet"):
        context.session_files.import_session(tmp_path / "missing.json")


def test_schema_matches_the_domain_model() -> None:
    """Every dataclass field is in the schema and every enum value is allowed, no more."""
    properties = schema()["properties"]["session"]["properties"]
    classes = {name: cls for name, cls in CHILDREN.items()} | {"answers": model.Answer}
    for name, cls in classes.items():
        item = properties[name]["items"]["properties"]
        assert set(item) == {f for f in cls.__dataclass_fields__ if f != "id"}, name
    assert properties["debts"]["items"]["properties"]["direction"]["enum"] == [
        d.value for d in model.Direction
    ]
    session_fields = set(model.IntakeSession.__dataclass_fields__) - {"id"}
    assert set(properties) == session_fields


def test_from_document_needs_a_valid_document() -> None:
    with pytest.raises(SessionFileError, match="format"):
        from_document({"session": {}})


def test_cli_export_and_import(context, db_url: str, tmp_path: Path, capsys) -> None:
    session_id = fill_session(context.storage.sessions)
    out = tmp_path / "s.json"
    assert admin(["--db", db_url, "sessions", "export", str(session_id), "--out", str(out)]) == 0
    target = sqlite_url(tmp_path / "target.db")
    assert admin(["--db", target, "sessions", "import", str(out)]) == 0
    assert "ingelezen als nummer 1" in capsys.readouterr().out
    out.write_text('{"format": "intake-app-session"}', encoding="utf-8")
    assert admin(["--db", target, "sessions", "import", str(out)]) == 2
    assert "veld version ontbreekt" in capsys.readouterr().err


def test_the_documented_example_is_a_valid_session_file(context) -> None:
    example = REPO / "docs" / "session-example.json"
    item = context.session_files.import_session(example)
    assert item.code == "K-7F3A-Q2"
    again = context.storage.sessions.get_session(item.id)
    assert (
        to_document(again, exported_at=again.created_at)["session"]["debts"]
        == json.loads(example.read_text(encoding="utf-8"))["session"]["debts"]
    )
