"""Statistics files: CSV for Dutch spreadsheets (and standard CSV), XLSX with the same numbers
read back by openpyxl, percentages beside counts, and the coordinator's neighbourhood list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from intake_app.bootstrap.context import AppContext
from intake_app.cli.main import main
from intake_app.core.errors import IntakeError
from tests.stats_generator import generate


@pytest.fixture
def stats_db(context: AppContext) -> AppContext:
    generate(context.storage.engine, 300, seed=4, days=150)
    return context


def _rows(path: Path, delimiter: str) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=delimiter))


def test_dutch_csv_has_bom_semicolons_and_decimal_commas(
    stats_db: AppContext, tmp_path: Path
) -> None:
    stats = stats_db.statistics
    report = stats.compute("2026-01", "2026-05")
    out = stats.export(report, tmp_path / "nl.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b"tabel;titel;")
    assert "Eén bezoek".encode() in raw  # UTF-8, so Dutch Excel shows "Eén", not "EÃ©n"
    rows = _rows(out, ";")
    assert rows[0][-1] == "procent"
    percents = [row[7] for row in rows[1:] if row[0] != "#meta" and row[7]]
    assert percents and all("," in p and "." not in p for p in percents)
    meta = {row[3]: row[6] for row in rows if row[0] == "#meta"}
    assert meta["methode"] == "celsleutel-1" and "/" in meta["cellen_getoond"]

    standard = stats.export(report, tmp_path / "std.csv", dialect="standard")
    text = standard.read_bytes()
    assert text.startswith(b"tabel,titel,")
    std_rows = _rows(standard, ",")
    assert [r[6] for r in std_rows] == [r[6] for r in rows]  # the same numbers
    assert all("," not in r[7] for r in std_rows[1:])


def test_xlsx_read_back_gives_the_same_numbers_as_the_csv(
    stats_db: AppContext, tmp_path: Path
) -> None:
    stats = stats_db.statistics
    report = stats.compute("2026-01", "2026-05")
    rows = _rows(stats.export(report, tmp_path / "s.csv"), ";")
    book = load_workbook(stats.export(report, tmp_path / "s.xlsx"), read_only=True)
    compared = 0
    for table in report.tables:
        sheet = list(book[table.id[:31]].iter_rows(values_only=True))
        header = sheet[2]
        months = [header[i] for i in range(1, len(header), 2)]
        assert months == [*table.columns, "Totaal"]
        csv_cells = {(r[3], r[5]): (r[6], r[7]) for r in rows if r[0] == table.id}
        for r, row_id in enumerate(table.row_ids):
            line = sheet[3 + r]
            for c, month in enumerate(table.column_ids):
                value, share = line[1 + 2 * c], line[2 + 2 * c]
                text, percent = csv_cells[(row_id, month)]
                if text.isdigit():
                    assert value == int(text)  # a number in the spreadsheet, not text
                    assert (share or "") == (
                        "" if not percent else float(percent.replace(",", "."))
                    )
                else:
                    assert value == text and share in (None, "")
                compared += 1
    assert compared > 1000


def test_percentages_are_of_the_month(stats_db: AppContext) -> None:
    from intake_app.services.statistics_export import percent

    report = stats_db.statistics.compute("2026-01", "2026-05")
    table = report.table("minutes")
    total_row = len(table.rows)
    for c in range(len(table.column_ids)):
        shown = [percent(report, table, r, c) for r in range(total_row)]
        if all(p is not None for p in shown):
            assert abs(sum(p for p in shown if p is not None) - 100) < 0.5
        assert percent(report, table, total_row, c) in (None, 100.0)


def test_the_coordinator_keeps_the_neighbourhood_list(
    stats_db: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    stats = stats_db.statistics
    assert stats.set_neighbourhood_list(["Noordwijk ", "Zuidhoek", "Noordwijk"]) == [
        "Noordwijk",
        "Zuidhoek",
    ]
    assert stats.neighbourhoods() == ["Noordwijk", "Zuidhoek"]
    report = stats.compute("2026-01", "2026-05")
    rows = report.table("neighbourhood").row_ids
    assert rows[:2] == ("Noordwijk", "Zuidhoek")
    assert "Oosterpark" not in rows and "other_neighbourhoods" in rows  # counted under the rest
    with pytest.raises(IntakeError):
        stats.set_neighbourhood_list(["Wijk op 14-03-2026"])
    assert stats.neighbourhood_list() == ["Noordwijk", "Zuidhoek"]


def test_cli_neighbourhoods_and_standard_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", url, "stats", "neighbourhoods", "--set", "Noordwijk", "De Hoek"]) == 0
    assert capsys.readouterr().out.splitlines() == ["Noordwijk", "De Hoek"]
    assert main(["--db", url, "stats", "neighbourhoods", "--set", "14-03-2026"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    out = tmp_path / "s.csv"
    assert main(["--db", url, "stats", "export", "--from", "2026-01", "--to", "2026-02",
                 "--csv-dialect", "standard", "--out", str(out)]) == 0  # fmt: skip
    assert out.read_bytes().startswith(b"tabel,")
