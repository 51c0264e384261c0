"""``intake-admin summary``: the three documents from the command line, errors in one sentence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from intake_app.cli.main import main
from intake_app.core.model import ConsentPurpose
from tests.pdf_text import flat, pdf_text
from tests.summary_data import CREDITORS, make_session


@pytest.mark.parametrize("kind", ["client", "discreet", "handover"])
def test_summary_writes_each_kind(context, db_url, tmp_path, capsys, kind) -> None:
    sid = make_session(context.storage.sessions, "tr", consents=(ConsentPurpose.HANDOVER_FORMAL,))
    out = tmp_path / f"{kind}.pdf"
    args = ["--db", db_url, "summary", str(sid), "--kind", kind, "--out", str(out)]
    assert main([*args, "--counsellor", "Sanne"]) == 0
    assert str(out) in capsys.readouterr().out
    text = flat(pdf_text(out))
    assert "Sanne" in text
    assert (CREDITORS[0] in text) is (kind != "discreet")
    assert not list(tmp_path.glob("*.part"))


def _admin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "intake_app.cli.main", *args], capture_output=True, text=True
    )


def test_handover_without_consent_is_one_sentence(context, db_url, tmp_path) -> None:
    sid = make_session(context.storage.sessions, "nl")
    out = tmp_path / "h.pdf"
    result = _admin("--db", db_url, "summary", str(sid), "--kind", "handover", "--out", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert "toestemming" in result.stderr
    assert not out.exists()


def test_unknown_session_and_bad_folder_are_one_sentence(context, db_url, tmp_path) -> None:
    out = tmp_path / "x.pdf"
    result = _admin("--db", db_url, "summary", "999", "--out", str(out))
    assert result.returncode == 2 and "999 bestaat niet" in result.stderr
    assert "Traceback" not in result.stderr
    sid = make_session(context.storage.sessions, "nl")
    missing: Path = tmp_path / "nope" / "x.pdf"
    result = _admin("--db", db_url, "summary", str(sid), "--out", str(missing))
    assert result.returncode == 2 and "bestaat niet" in result.stderr
    assert result.stderr.count("\n") == 1
