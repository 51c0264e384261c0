"""``intake-admin``: the session list, and errors as one sentence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from intake_app.cli.main import main
from intake_app.storage.database import sqlite_url


def test_sessions_list_shows_created_sessions(
    context, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    state = context.intake.start_session("tr")
    context.intake.answer(state.id, "primary_question", ["energy"])
    assert main(["--db", db_url, "sessions", "list"]) == 0
    out = capsys.readouterr().out
    assert state.code in out
    assert " tr " in out


def test_empty_database_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", sqlite_url(tmp_path / "new.db"), "sessions", "list"]) == 0
    assert "Nog geen gesprekken" in capsys.readouterr().out


def test_environment_variable_selects_the_database(
    context, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    state = context.intake.start_session("nl")
    monkeypatch.setenv("INTAKE_APP_DB_URL", db_url)
    assert main(["sessions", "list"]) == 0
    assert state.code in capsys.readouterr().out


def test_bad_db_url_is_one_sentence_without_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "intake_app.cli.main", "--db", "nonsense://x", "sessions", "list"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "niet ondersteund" in result.stderr


def test_content_check_passes_on_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check"]) == 0
    out = capsys.readouterr().out
    assert "Inhoud in orde" in out
    assert "informal" in out and "(na vertrouwen)" in out
    assert "ar " in out and "ti " in out  # translation coverage per language


def test_content_check_reports_problems_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "01_bad.yaml").write_text(
        "phase:\n  id: bad\n  number: 1\n  title: X\n  pictogram: 2709\n"
        "cards:\n  - id: c\n    kind: choice\n    title: Y\n    pictogram: 2709\n",
        encoding="utf-8",
    )
    assert main(["content", "check", str(tmp_path)]) == 1
    assert "01_bad.yaml:7: a 'choice' card needs at least two options" in capsys.readouterr().err
