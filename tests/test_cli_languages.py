"""``intake-admin languages``: the coordinator lists and chooses the offered languages."""

from __future__ import annotations

import pytest

from intake_app.cli.main import main


def test_languages_list_and_offer(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "languages", "list"]) == 0
    out = capsys.readouterr().out
    assert "ti      Tigrinya      ja          draft" in out
    assert "nl      Nederlands    ja          source" in out
    assert main(["--db", db_url, "languages", "offer", "ti", "ar"]) == 0
    assert "Aangeboden: nl, ar, ti" in capsys.readouterr().out
    assert main(["--db", db_url, "languages", "list"]) == 0
    out = capsys.readouterr().out
    assert "tr      Turks         nee" in out
    assert "ar      Arabisch      ja" in out


def test_unknown_language_is_one_sentence(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "languages", "offer", "xx"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("intake-admin: Deze taal kent de app niet: xx.")
    assert "Traceback" not in err
