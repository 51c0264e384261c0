"""Drafts and catalogs: never silently two texts for one message (issue 19)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from intake_app.i18n import drafts
from intake_app.i18n.catalog_checks import read_catalog, translated_languages
from intake_app.i18n.translator import DOMAINS
from tests.conftest import REPO

CATALOGS = REPO / "translations"


def test_drafts_and_catalogs_say_the_same() -> None:
    found = drafts.disagreements(CATALOGS)
    assert not found, "\n".join(map(str, found)) + "\nmake translations, then apply-drafts/adopt"


def test_no_two_draft_files_translate_one_text_differently() -> None:
    conflicts = drafts.draft_conflicts(CATALOGS)
    assert not conflicts, "\n".join(map(str, conflicts))


def _catalogs(tmp_path: Path, catalog_text: str, draft_text: str) -> Path:
    for domain in DOMAINS:
        template = Catalog(domain=domain)
        if domain == "ui":
            template.add("Pauze", locations=[("x.py", 1)])
            template.add("Open", context="knop", locations=[("x.py", 2)])
        with (tmp_path / f"{domain}.pot").open("wb") as handle:
            write_po(handle, template)
        for code in translated_languages():
            catalog = Catalog(locale=code, domain=domain)
            if domain == "ui" and code == "tr":
                catalog.add("Pauze", catalog_text)
                catalog.add("Open", "", context="knop")
            folder = tmp_path / code / "LC_MESSAGES"
            folder.mkdir(parents=True, exist_ok=True)
            with (folder / f"{domain}.po").open("wb") as handle:
                write_po(handle, catalog)
    (tmp_path / "drafts").mkdir()
    data = {"tr": {"Pauze": draft_text, drafts.draft_key("Open", "knop"): "Aç"}}
    (tmp_path / "drafts" / "a.json").write_text(json.dumps(data), "utf-8")
    return tmp_path


def _tr(tmp_path: Path) -> Catalog:
    return read_catalog(tmp_path / "tr" / "LC_MESSAGES" / "ui.po", "tr")


def test_fill_keeps_a_filled_entry_and_reports_the_difference(tmp_path: Path, monkeypatch, capsys):
    from intake_app.cli import catalogs

    _catalogs(tmp_path, "Ara", "Mola")
    monkeypatch.setattr(catalogs, "TRANSLATIONS", tmp_path)
    catalogs.fill()
    out = capsys.readouterr().out
    assert "1 entries differ" in out and "'Ara'" in out and "'Mola'" in out
    assert _tr(tmp_path)["Pauze"].string == "Ara"  # nothing overwritten silently
    assert _tr(tmp_path).get("Open", context="knop").string == "Aç"  # a context draft fills
    assert catalogs.main(["check"]) == 1
    assert catalogs.main(["apply-drafts", "tr"]) == 0
    assert _tr(tmp_path)["Pauze"].string == "Mola"
    assert catalogs.main(["check"]) == 0


def test_adopt_makes_the_catalog_win_in_every_draft_file(tmp_path: Path, monkeypatch) -> None:
    from intake_app.cli import catalogs

    _catalogs(tmp_path, "Mola", "Ara")
    (tmp_path / "drafts" / "b.json").write_text(json.dumps({"tr": {"Pauze": "Ara"}}), "utf-8")
    monkeypatch.setattr(catalogs, "TRANSLATIONS", tmp_path)
    assert catalogs.main(["adopt"]) == 0
    assert drafts.load_drafts(tmp_path)["tr"]["Pauze"] == "Mola"
    for name in ("a.json", "b.json"):
        assert json.loads((tmp_path / "drafts" / name).read_text("utf-8"))["tr"]["Pauze"] == "Mola"
    assert drafts.disagreements(tmp_path) == [] and drafts.draft_conflicts(tmp_path) == []


def test_draft_conflicts_name_both_files(tmp_path: Path) -> None:
    _catalogs(tmp_path, "Mola", "Mola")
    (tmp_path / "drafts" / "b.json").write_text(json.dumps({"tr": {"Pauze": "Ara"}}), "utf-8")
    (conflict,) = drafts.draft_conflicts(tmp_path)
    assert conflict.texts == {"a.json": "Mola", "b.json": "Ara"}


@pytest.mark.parametrize("bad", [["apply-drafts", "xx"], ["nothing"], []])
def test_catalogs_cli_refuses_unknown_arguments(bad: list[str]) -> None:
    from intake_app.cli import catalogs

    assert catalogs.main(bad) == 2


def test_check_reports_two_draft_files_and_adopt_settles_them(tmp_path: Path, monkeypatch, capsys):
    from intake_app.cli import catalogs

    _catalogs(tmp_path, "Mola", "Mola")
    # A later file (as another branch might add) with an older text: the drafts merged say
    # "Mola" only by file order luck; check names both files, adopt keeps the catalog's text.
    (tmp_path / "drafts" / "0-old.json").write_text(json.dumps({"tr": {"Pauze": "Ara"}}), "utf-8")
    monkeypatch.setattr(catalogs, "TRANSLATIONS", tmp_path)
    assert catalogs.main(["check"]) == 1
    out = capsys.readouterr().out
    assert "translated differently by two draft files" in out and "0-old.json" in out
    assert catalogs.main(["adopt"]) == 0
    assert drafts.draft_conflicts(tmp_path) == [] and catalogs.main(["check"]) == 0
    old = json.loads((tmp_path / "drafts" / "0-old.json").read_text("utf-8"))
    assert old["tr"]["Pauze"] == "Mola"
