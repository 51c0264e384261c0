"""The review kit round trip: export a sheet, edit it with openpyxl as a reviewer would,
import it, and find the catalog, the drafts and the review status updated (issue 19)."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from intake_app.i18n import drafts
from intake_app.i18n.status import ReviewStatus, review_status
from intake_app.services.translation_review import DUTCH, FIRST_ROW, OK, REMARK, VERSION, WHO
from tests.conftest import REPO

NEW = "أفضّل ألّا أقول"


def _admin(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "intake_app.cli.main", "translations", *args],
        capture_output=True, text=True, cwd=REPO,
    )  # fmt: skip


@pytest.fixture
def catalogs(tmp_path: Path) -> Path:
    copy = tmp_path / "translations"
    shutil.copytree(REPO / "translations", copy, ignore=shutil.ignore_patterns("*.mo"))
    return copy


def _rows(sheet):
    for row in sheet.iter_rows(min_row=FIRST_ROW):
        yield {cell.column: cell for cell in row}


def _translated(catalogs: Path, code: str, msgid: str) -> str:
    path = catalogs / code / "LC_MESSAGES" / "ui.mo"
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle).gettext(msgid)


def test_review_sheet_round_trip(catalogs: Path, tmp_path: Path) -> None:
    sheet_file = tmp_path / "ar.xlsx"
    made = _admin("review-sheet", "ar", "--out", str(sheet_file), "--catalogs", str(catalogs))
    assert made.returncode == 0, made.stderr
    assert f"Opgeslagen: {sheet_file}" in made.stdout

    book = load_workbook(sheet_file)
    sheet = book["Teksten"]
    assert sheet["B1"].value == "ar" and sheet.protection.sheet
    terms = {row[0]: row[2] for row in book["Woordenlijst"].iter_rows(values_only=True)}
    assert terms["toeslag"] == "بدل" and terms["Wsnp"] == "Wsnp"
    rows = list(_rows(sheet))
    by_dutch = {row[DUTCH].value: row for row in rows}
    decline = by_dutch["Zeg ik liever niet"]
    assert decline[WHO].value == "klant" and decline[VERSION].value is None
    assert by_dutch["Moeilijke woorden"][WHO].value == "klant"
    # The reviewer: initials and date, a new version, a broken placeholder, a remark.
    sheet["B2"], sheet["B3"] = "F.B.", "2026-11-26"
    decline[VERSION].value = NEW
    by_dutch["Bedoelt u {amount}?"][VERSION].value = "هل المقصود {bedrag}؟"
    by_dutch["Klaar"][REMARK].value = "«تم» قصيرة جدًا؟"
    book.save(sheet_file)

    done = _admin("import-review", str(sheet_file), "--catalogs", str(catalogs))
    assert done.returncode == 0, done.stderr
    assert "1 tekst(en) veranderd" in done.stdout
    assert f"wordt: {NEW!r}" in done.stdout
    assert "{placeholders} anders" in done.stdout and "1 opmerking(en)" in done.stdout
    assert _translated(catalogs, "ar", "Zeg ik liever niet") == NEW  # compiled at once
    assert _translated(catalogs, "ar", "Bedoelt u {amount}?") == "هل المقصود {amount}؟"
    assert drafts.load_drafts(catalogs)["ar"]["Zeg ik liever niet"] == NEW
    assert drafts.disagreements(catalogs) == []
    po = (catalogs / "ar" / "LC_MESSAGES" / "ui.po").read_text("utf-8")
    assert "# review F.B. 2026-11-26: «تم» قصيرة جدًا؟" in po
    # Only part of the client texts was checked: still a draft, and it says so.
    assert review_status("ar", catalogs) is ReviewStatus.DRAFT
    status = (catalogs / "ar" / "STATUS").read_text("utf-8").splitlines()
    assert status[0] == "draft" and status[1].startswith("Partly reviewed by F.B. on 2026-11-26")

    # A second pass: every client text marked OK (or rewritten) -> reviewed.
    book = load_workbook(sheet_file)
    sheet = book["Teksten"]
    by_dutch = {row[DUTCH].value: row for row in _rows(sheet)}
    by_dutch["Bedoelt u {amount}?"][VERSION].value = None
    for row in _rows(sheet):
        if row[WHO].value == "klant" and not row[VERSION].value:
            row[OK].value = "x"
    book.save(sheet_file)
    again = _admin("import-review", str(sheet_file), "--catalogs", str(catalogs),
                   "--reviewer", "FB", "--date", "2026-11-27")  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "0 tekst(en) veranderd" in again.stdout  # the new version is already in
    assert review_status("ar", catalogs) is ReviewStatus.REVIEWED
    status = (catalogs / "ar" / "STATUS").read_text("utf-8").splitlines()
    assert status[0] == "reviewed" and status[1].startswith("Reviewed by FB on 2026-11-27")
    assert status[2].startswith("Partly reviewed by F.B.")  # the history stays


def test_import_refuses_a_sheet_without_initials_and_a_file_that_is_no_sheet(
    catalogs: Path, tmp_path: Path
) -> None:
    sheet_file = tmp_path / "tr.xlsx"
    assert (
        _admin(
            "review-sheet", "tr", "--out", str(sheet_file), "--catalogs", str(catalogs)
        ).returncode
        == 0
    )
    result = _admin("import-review", str(sheet_file), "--catalogs", str(catalogs))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "initialen" in result.stderr and "Traceback" not in result.stderr
    bogus = tmp_path / "not.xlsx"
    bogus.write_text("hello", "utf-8")
    result = _admin("import-review", str(bogus), "--catalogs", str(catalogs))
    assert result.returncode == 2 and "geen reviewblad" in result.stderr
    assert "Traceback" not in result.stderr
    result = _admin("review-sheet", "xx", "--out", str(tmp_path / "x.xlsx"))
    assert result.returncode == 2 and "Onbekende taalcode: xx." in result.stderr
    assert review_status("tr", catalogs) is ReviewStatus.DRAFT
