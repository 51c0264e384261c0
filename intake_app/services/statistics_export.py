"""Writing and reading anonymous statistics files: CSV (also the file format for merging) and
XLSX. See docs/statistics.md for the format. openpyxl is imported on first use only."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from intake_app.core import safe_write
from intake_app.core.statistics import (
    HIDDEN_SECONDARY,
    TOTAL,
    WITHHELD_MARK,
    CellState,
    DisclosureError,
    StatisticsReport,
    SuppressedTable,
    check_threshold,
    small_label,
    visible_share,
)

FORMAT_NAME = "intake-app-statistiek"
FORMAT_VERSION = "2"
HEADER = ("tabel", "titel", "eenheid", "rij", "label", "maand", "aantal", "procent")
META = "#meta"
DUTCH = "nl"  # semicolons, UTF-8 with a byte-order mark, decimal comma: Dutch Excel opens it
STANDARD = "standard"  # RFC 4180: commas, UTF-8 without BOM, decimal point
DIALECTS = (DUTCH, STANDARD)
BOM = "\ufeff"
_OF_SESSIONS = ("gesprekken", "vermeldingen")  # units counted per session: % of the sessions


def percent(report: StatisticsReport, table: SuppressedTable, r: int, c: int) -> float | None:
    """The share a shown count is of its month (one decimal), or None when either is hidden.
    Linked tables and item tables: of the table's own month total; per-session counts in
    other tables: of the sessions that month. Worked out from published values only."""
    value = table.shown_value(r, c)
    if value is None:
        return None
    base_table = table
    if not table.linked and table.unit in _OF_SESSIONS:
        sessions = [t for t in report.tables if t.id == "sessions"]
        base_table = sessions[0] if sessions else table
    try:
        column = base_table.column_ids.index(table.column_ids[c])
    except ValueError:
        return None
    base = base_table.shown_value(len(base_table.rows), column)
    if not base or base <= 0:
        return None
    return round(100 * value / base, 1)


def format_percent(value: float | None, dialect: str) -> str:
    if value is None:
        return ""
    text = f"{value:.1f}"
    return text.replace(".", ",") if dialect == DUTCH else text


def meta_rows(report: StatisticsReport) -> list[tuple[str, str]]:
    return [
        ("formaat", FORMAT_NAME),
        ("versie", FORMAT_VERSION),
        ("van", report.first_month),
        ("tot_en_met", report.last_month),
        ("wijk", report.neighbourhood or ""),
        ("drempel", str(report.threshold)),
        ("samengevoegd", "ja" if any(table.merged for table in report.tables) else "nee"),
        ("methode", "celsleutel-1"),  # docs/statistics.md: every count is slightly perturbed
        ("cellen_getoond", "{}/{}".format(*visible_share(report.tables))),
        ("mediaan_dagen_tot_nazorg", median_band(report, "follow_up_days")),
        ("mediaan_dagen_tot_nazorg_gedaan", median_band(report, "follow_up_done_days")),
        # ORG-07: the research's indicative costs beside the prevention table (not our data).
        ("kosten_indicatief_euro", "uitzetting 6000, pleegzorg 13500 (onderzoek)"),
    ]


def median_band(report: StatisticsReport, table_id: str) -> str:
    """The row (band) where the running total of the published totals passes half: the
    median without exact days (STA-14). Empty when the table is missing or hidden."""
    tables = [t for t in report.tables if t.id == table_id]
    if not tables:
        return ""
    table = tables[0]
    column = len(table.columns)
    totals = [table.shown_value(r, column) for r in range(len(table.rows))]
    whole = table.shown_value(len(table.rows), column)
    if whole is None or any(value is None for value in totals):
        return ""
    running = 0
    for (row_id, _), value in zip(table.rows, totals, strict=True):
        running += int(value or 0)
        if 2 * running >= whole:
            return row_id
    return ""


MAX_MERGE_BYTES = 50 * 1024 * 1024  # far above a real export (kilobytes); /dev/zero is not one

# A spreadsheet reads a cell that starts with one of these as a formula (or the start of
# one): "=HYPERLINK(...)" in a neighbourhood name would become a live link or worse.
FORMULA_STARTS = frozenset("=+-@\t\r")
_SHEET_FORBIDDEN = str.maketrans({char: "_" for char in "[]:*?/\\"})


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could read ``text`` as a formula.

    The format's own mark ``-`` (table withheld) is one character and can never be one.
    """
    return text[:1] in FORMULA_STARTS and text != WITHHELD_MARK


def spreadsheet_cell(text: str) -> str:
    """The one escaping for every CSV cell: a formula-like text gets a leading apostrophe,
    which spreadsheets show as text; ``read_csv`` takes it off again."""
    return "'" + text if is_formula_like(text) else text


def _unescape_cell(text: str) -> str:
    return text[1:] if text[:1] == "'" and is_formula_like(text[1:]) else text


def _csv_rows(report: StatisticsReport, dialect: str) -> Iterator[tuple[str, ...]]:
    yield HEADER
    for key, value in meta_rows(report):
        yield (META, "", "", key, "", "", value, "")
    for table in report.tables:
        labels = [*(label for _, label in table.rows), "Totaal"]
        for r, row_id in enumerate(table.row_ids):
            for c, column in enumerate(table.column_ids):
                yield (
                    table.id,
                    table.title,
                    table.unit,
                    row_id,
                    labels[r],
                    column,
                    table.display(r, c),
                    format_percent(percent(report, table, r, c), dialect),
                )


def _write_atomically(out: Path, data: bytes) -> Path:
    """Owner-only, temp file and rename, devices refused: ``core.safe_write``."""
    return safe_write.write_bytes(out, data)


def csv_bytes(report: StatisticsReport, dialect: str = DUTCH) -> bytes:
    """The one place a statistics CSV is made (so one writer can add escaping for all)."""
    if dialect not in DIALECTS:
        raise ValueError(dialect)
    buffer = io.StringIO()
    if dialect == DUTCH:
        buffer.write(BOM)
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    else:
        writer = csv.writer(buffer, lineterminator="\r\n")
    # CRLF (RFC 4180): the csv module then quotes a cell holding a CR or LF too, so a CR in a
    # label from a merged file cannot break a row in two.
    writer.writerows(
        tuple(spreadsheet_cell(cell) for cell in row) for row in _csv_rows(report, dialect)
    )
    return buffer.getvalue().encode("utf-8")


def write_csv(report: StatisticsReport, out: Path, dialect: str = DUTCH) -> Path:
    return _write_atomically(out, csv_bytes(report, dialect))


def write_xlsx(report: StatisticsReport, out: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    about = book.active
    about.title = "Over dit bestand"
    about.append(["Anonieme statistiek, intake_app"])
    for key, value in meta_rows(report):
        about.append([key, value])
    about.append([])
    about.append([f"{small_label(report.threshold)}: minder dan {report.threshold}, verborgen."])
    about.append([f"{HIDDEN_SECONDARY}: onbekend na samenvoegen."])
    about.append(["Alle aantallen zijn licht verstoord (celsleutelmethode); zie de handleiding."])
    about["A1"].font = Font(bold=True)
    for table in report.tables:
        sheet = book.create_sheet(table.id.translate(_SHEET_FORBIDDEN)[:31] or "tabel")
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([f"Aantal {table.unit}"])
        header: list[object] = [""]
        for column in [*table.columns, "Totaal"]:
            header += [column, "%"]
        sheet.append(header)
        labels = [*(label for _, label in table.rows), "Totaal"]
        for r in range(len(table.row_ids)):
            cells: list[object] = [labels[r]]
            for c in range(len(table.column_ids)):
                shown = table.shown_value(r, c)
                cells.append(shown if shown is not None else table.display(r, c))
                share = percent(report, table, r, c)
                cells.append(share if share is not None else "")
            sheet.append(cells)
        if table.reference:
            sheet.append([])
            sheet.append([table.reference])
        sheet.column_dimensions["A"].width = 42
    _text_not_formulas(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return _write_atomically(out, buffer.getvalue())


def _text_not_formulas(book: Any) -> None:
    """Every formula-like string in the workbook is stored as a text cell (openpyxl makes a
    formula of any string that starts with "=") and marked so that editing keeps it text."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True


# -- reading a CSV statistics file (for merging) ---------------------------------------------


def _bad_file(path: Path, reason: str) -> DisclosureError:
    return DisclosureError(
        "{file} is geen geldig statistiekbestand: {reason}.", file=path.name, reason=reason
    )


def read_csv(path: Path) -> StatisticsReport:
    """Read a CSV written by ``write_csv``. Hidden cells come back as unknown (None)."""
    try:  # with or without a byte-order mark; regular files only, size-limited
        text = safe_write.read_bytes(path, MAX_MERGE_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _bad_file(path, "het is geen UTF-8-tekst") from exc
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        rows = [
            [_unescape_cell(cell) for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as exc:  # a field past the csv module's limit, a NUL, a stray quote
        raise _bad_file(path, "een veld is te lang of onleesbaar") from exc
    if not rows or tuple(rows[0]) != HEADER:
        raise _bad_file(path, "de kopregel klopt niet")
    meta: dict[str, str] = {}
    cells: dict[str, dict[tuple[str, str], str]] = {}
    info: dict[str, tuple[str, str]] = {}
    labels: dict[str, dict[str, str]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(HEADER):
            raise _bad_file(path, f"regel {line} heeft niet {len(HEADER)} kolommen")
        table, title, unit, row_id, label, month, value, _percent = row
        if table == META:
            meta[row_id] = value
            continue
        info.setdefault(table, (title, unit))
        if row_id != TOTAL:
            labels.setdefault(table, {}).setdefault(row_id, label)
        cells.setdefault(table, {})[(row_id, month)] = value
    if meta.get("formaat") != FORMAT_NAME or meta.get("versie") != FORMAT_VERSION:
        raise _bad_file(path, "het formaat of de versie is onbekend")
    try:
        threshold = check_threshold(int(meta.get("drempel", "")))
    except ValueError as exc:
        raise _bad_file(path, "de drempel ontbreekt") from exc
    tables = []
    for table_id, table_cells in cells.items():
        months = sorted({month for _, month in table_cells if month != TOTAL})
        row_ids = list(labels.get(table_id, {}))
        values: list[tuple[int | None, ...]] = []
        states: list[tuple[str, ...]] = []
        for row_id in [*row_ids, TOTAL]:
            row_values: list[int | None] = []
            row_states: list[str] = []
            for month in [*months, TOTAL]:
                raw = table_cells.get((row_id, month))
                if raw is None:
                    raise _bad_file(path, f"tabel {table_id} mist een cel")
                number_or_none, state = _parse_cell(raw, threshold)
                if state is None:
                    raise _bad_file(path, f"tabel {table_id} heeft een onbekende waarde")
                row_values.append(number_or_none)
                row_states.append(state)
            values.append(tuple(row_values))
            states.append(tuple(row_states))
        title, unit = info[table_id]
        tables.append(
            SuppressedTable(
                id=table_id,
                title=title,
                unit=unit,
                rows=tuple((row_id, labels[table_id][row_id]) for row_id in row_ids),
                columns=tuple(months),
                values=tuple(values),
                states=tuple(states),
                threshold=threshold,
                linked=_is_linked(table_id),
                merged=meta.get("samengevoegd") == "ja",
            )
        )
    return StatisticsReport(
        first_month=meta.get("van", ""),
        last_month=meta.get("tot_en_met", ""),
        neighbourhood=meta.get("wijk") or None,
        threshold=threshold,
        tables=tuple(tables),
    )


def _parse_cell(raw: str, threshold: int) -> tuple[int | None, str | None]:
    if raw == small_label(threshold):
        return None, CellState.PRIMARY
    if raw == HIDDEN_SECONDARY:
        return None, CellState.SECONDARY
    if raw.isascii() and raw.isdigit():
        return int(raw), CellState.SHOWN
    return None, None


def _is_linked(table_id: str) -> bool:
    from intake_app.services.statistics_tables import NEIGHBOURHOOD, SPECS

    return table_id == NEIGHBOURHOOD or any(spec.id == table_id and spec.linked for spec in SPECS)


def report_tables(reports: Sequence[StatisticsReport]) -> list[list[SuppressedTable]]:
    return [list(report.tables) for report in reports]
