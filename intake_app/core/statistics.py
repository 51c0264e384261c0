"""Anonymous statistics for coordinators: tables, what they show, and merging (design.md §8).

Pure logic, standard library only. A table has category rows and month columns, with a total
row and a total column. Its month cells are sums of perturbed atoms (``core.cell_key``,
``core.statistics_audit``); totals are sums of those cells, so a published table adds up. A
value below the threshold is shown as "<5"; nothing else is hidden. ``check_published``
looks at a file as a reader would, and the exports refuse to write a file that fails it or
the attacker's audit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from intake_app.core.errors import IntakeError
from intake_app.core.statistics_audit import ProtectedAtoms

DEFAULT_THRESHOLD = 5
MINIMUM_THRESHOLD = 3
TOTAL = "totaal"
HIDDEN_SECONDARY = "x"
WITHHELD_MARK = "-"
MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def N_(message: str) -> str:
    """Mark a text for extraction; translated later by a Translator (core has no i18n)."""
    return message


class DisclosureError(IntakeError):
    """A statistics file would reveal something about a person; nothing was written."""


def check_threshold(threshold: int) -> int:
    if threshold < MINIMUM_THRESHOLD:
        raise DisclosureError(
            "De drempel voor kleine aantallen moet minstens {minimum} zijn, niet {threshold}.",
            minimum=MINIMUM_THRESHOLD,
            threshold=threshold,
        )
    return threshold


def small_label(threshold: int) -> str:
    """How a hidden small count is shown: "<5" for the default threshold."""
    return f"<{threshold}"


# -- tables -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountTable:
    """Exact counts: ``counts[row][column]``; totals are computed, not stored."""

    id: str
    title: str  # Dutch msgid
    unit: str  # Dutch msgid: what is counted ("gesprekken", "schulden", ...)
    rows: tuple[tuple[str, str], ...]  # (row id, Dutch label msgid)
    columns: tuple[str, ...]  # months, "YYYY-MM"
    counts: tuple[tuple[int, ...], ...]
    linked: bool = False  # every session in exactly one row: totals are the session counts
    reference: str = ""  # a municipality-level figure from the research, for comparison

    def grid(self) -> list[list[int | None]]:
        """The counts with a total column and a total row added: (R+1) x (C+1)."""
        out: list[list[int | None]] = [[*row, sum(row)] for row in self.counts]
        columns = len(self.columns) + 1
        out.append(
            [sum(int(out[r][c] or 0) for r in range(len(self.rows))) for c in range(columns)]
        )
        return out


class CellState:
    SHOWN = "shown"
    PRIMARY = "primary"  # below the threshold: shown as "<5"
    SECONDARY = "secondary"  # hidden so a small cell cannot be worked out: shown as "x"
    WITHHELD = "withheld"  # the whole table cannot be shown safely: "-", no bounds at all


@dataclass(frozen=True, slots=True)
class SuppressedTable:
    """A table ready to publish. ``values`` are the published values: sums of perturbed atoms
    (None: unknown after a merge); a value below the threshold is shown as "<t" only.
    ``true_values`` are the real counts, for the tests; ``display`` is all an export writes."""

    id: str
    title: str
    unit: str
    rows: tuple[tuple[str, str], ...]  # without the total row
    columns: tuple[str, ...]  # without the total column
    values: tuple[tuple[int | None, ...], ...]  # (R+1) x (C+1), totals last
    states: tuple[tuple[str, ...], ...]
    threshold: int
    linked: bool = False
    reference: str = ""
    merged: bool = False  # added up from several files: "x" is a value no file gave
    true_values: tuple[tuple[int, ...], ...] | None = None  # never exported

    def display(self, r: int, c: int) -> str:
        state = self.states[r][c]
        if state == CellState.PRIMARY:
            return small_label(self.threshold)
        if state == CellState.SECONDARY:
            return HIDDEN_SECONDARY
        if state == CellState.WITHHELD:
            return WITHHELD_MARK
        return str(self.values[r][c])

    def shown_value(self, r: int, c: int) -> int | None:
        return self.values[r][c] if self.states[r][c] == CellState.SHOWN else None

    @property
    def row_ids(self) -> tuple[str, ...]:
        return (*(row_id for row_id, _ in self.rows), TOTAL)

    @property
    def column_ids(self) -> tuple[str, ...]:
        return (*self.columns, TOTAL)

    def hidden_count(self) -> int:
        return sum(state != CellState.SHOWN for row in self.states for state in row)


# -- disclosure: what a table shows ---------------------------------------------------------

Position = tuple[int, int]


def with_totals(inner: Sequence[Sequence[int]]) -> list[list[int]]:
    """A grid of published month cells with a total column and a total row added. Totals are
    sums of the published (perturbed) cells, so every published table adds up exactly and a
    total says nothing that its cells do not."""
    out = [[*row, sum(row)] for row in inner]
    width = len(out[0]) if out else 1
    out.append([sum(row[c] for row in out) for c in range(width)])
    return out


def display_states(values: Sequence[Sequence[int | None]], threshold: int) -> list[list[str]]:
    """Every published value below the threshold is shown as "<t"; unknown values (after a
    merge) as "x". Nothing else is hidden: no secondary suppression is needed, because the
    values are perturbed atoms (``core.statistics_audit``), not counts."""
    check_threshold(threshold)
    states = []
    for row in values:
        states.append(
            [
                CellState.SECONDARY
                if value is None
                else CellState.PRIMARY
                if value < threshold
                else CellState.SHOWN
                for value in row
            ]
        )
    return states


def publish_table(
    table: CountTable, published: Sequence[Sequence[int]], threshold: int
) -> SuppressedTable:
    """The table as it may be shown: ``published`` are the month cells (sums of perturbed
    atoms); ``table.counts`` (the true counts) are kept beside them for the tests only."""
    grid = with_totals(published)
    return SuppressedTable(
        id=table.id,
        title=table.title,
        unit=table.unit,
        rows=table.rows,
        columns=table.columns,
        values=tuple(tuple(row) for row in grid),
        states=tuple(tuple(row) for row in display_states(grid, threshold)),
        threshold=threshold,
        linked=table.linked,
        reference=table.reference,
        true_values=tuple(tuple(int(v or 0) for v in row) for row in table.grid()),
    )


# -- what may leave the laptop ----------------------------------------------------------------

_SAFE_LABEL = re.compile(r"^[\w .,'()/<>≥%€+-]{1,60}$")
_DATE_LIKE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{4}-\d{2}-\d{2}")


def is_safe_label(text: str) -> bool:
    """A short label of letters, digits and plain punctuation that does not look like a date."""
    return bool(_SAFE_LABEL.match(text)) and not _DATE_LIKE.search(text)


def check_published(
    tables: Sequence[SuppressedTable],
    allowed_rows: Mapping[str, frozenset[str]] | None = None,
) -> list[str]:
    """Problems that forbid publishing these tables (empty: safe). Judged from what a reader
    sees: no visible count below the threshold, no hidden cell that can be worked out, no
    exact dates, ids or free text (row ids must be known where ``allowed_rows`` names them)."""
    problems: list[str] = []
    for table in tables:
        if table.threshold < MINIMUM_THRESHOLD:
            problems.append(f"{table.id}: drempel {table.threshold} is te laag")
        for column in table.columns:
            if not MONTH_PATTERN.match(column):
                problems.append(f"{table.id}: kolom {column!r} is geen maand")
        for row_id, label in table.rows:
            for text in (row_id, label):
                if not is_safe_label(text):
                    problems.append(f"{table.id}: rij {text!r} is geen vaste categorie")
            known = allowed_rows.get(table.id) if allowed_rows is not None else None
            if known is not None and row_id not in known:
                problems.append(f"{table.id}: onbekende rij {row_id!r}")
        for r, row in enumerate(table.states):
            for c, state in enumerate(row):
                value = table.values[r][c]
                if state == CellState.SHOWN and (value is None or value < table.threshold):
                    problems.append(
                        f"{table.id}: cel ({table.row_ids[r]}, {table.column_ids[c]}) is te klein"
                    )
    return problems


def ensure_publishable(
    tables: Sequence[SuppressedTable],
    allowed_rows: Mapping[str, frozenset[str]] | None = None,
) -> None:
    problems = check_published(tables, allowed_rows)
    if problems:
        raise DisclosureError(
            "Het bestand is niet opgeslagen: het zou iets over personen kunnen verraden "
            "({detail}).",
            detail="; ".join(problems[:3]),
        )


# -- merging published tables from several laptops ------------------------------------------


def recover_hidden(table: SuppressedTable) -> list[list[int | None]]:
    """The values of a published table with the hidden ones worked out where the totals allow
    (a line with one unknown). Safe: a published value is a sum of perturbed atoms, which an
    attacker may know anyway (docs/statistics.md); it is never a true count."""
    grid: list[list[int | None]] = [
        [table.shown_value(r, c) for c in range(len(table.column_ids))]
        for r in range(len(table.row_ids))
    ]
    rows, columns = len(grid) - 1, len(grid[0]) - 1
    lines = [[(r, c) for c in range(columns)] + [(r, columns)] for r in range(rows + 1)]
    lines += [[(r, c) for r in range(rows)] + [(rows, c)] for c in range(columns + 1)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            *parts, (tr, tc) = line
            unknown = [pos for pos in [*parts, (tr, tc)] if grid[pos[0]][pos[1]] is None]
            if len(unknown) != 1:
                continue
            r, c = unknown[0]
            known = sum(int(grid[p[0]][p[1]] or 0) for p in parts if p != (r, c))
            total = grid[tr][tc]
            grid[r][c] = known if (r, c) == (tr, tc) else int(total or 0) - known
            changed = True
    return grid


def merge_tables(parts: Sequence[SuppressedTable], threshold: int) -> SuppressedTable:
    """Add up the same table from several files, cell by cell. A hidden cell is worked out
    from its file's totals where it can be; a cell that stays unknown in any file is "x".
    Nothing is hidden beyond that: the sum of published values is itself published safely."""
    first = parts[0]
    threshold = max(threshold, *(part.threshold for part in parts))
    row_ids: list[str] = []
    labels: dict[str, str] = {}
    columns: set[str] = set()
    for part in parts:
        for row_id, label in part.rows:
            if row_id not in labels:
                row_ids.append(row_id)
                labels[row_id] = label
        columns.update(part.columns)
    ordered_columns = sorted(columns)
    all_rows = [*row_ids, TOTAL]
    all_columns = [*ordered_columns, TOTAL]
    grid: list[list[int | None]] = [[0] * len(all_columns) for _ in all_rows]
    for part in parts:
        known = recover_hidden(part)
        r_index = {row_id: i for i, row_id in enumerate(part.row_ids)}
        c_index = {column: i for i, column in enumerate(part.column_ids)}
        for r, row_id in enumerate(all_rows):
            for c, column in enumerate(all_columns):
                if row_id not in r_index or column not in c_index:
                    continue  # this file had no such row or month: it counted nothing there
                value = known[r_index[row_id]][c_index[column]]
                current = grid[r][c]
                grid[r][c] = None if value is None or current is None else current + value
    return SuppressedTable(
        id=first.id,
        title=first.title,
        unit=first.unit,
        rows=tuple((row_id, labels[row_id]) for row_id in row_ids),
        columns=tuple(ordered_columns),
        values=tuple(tuple(row) for row in grid),
        states=tuple(tuple(row) for row in display_states(grid, threshold)),
        threshold=threshold,
        linked=first.linked,
        reference=first.reference,
        merged=True,
    )


def merge_all(files: Sequence[Sequence[SuppressedTable]], threshold: int) -> list[SuppressedTable]:
    """Merge whole files table by table, in the order of the first file."""
    order: list[str] = []
    parts: dict[str, list[SuppressedTable]] = {}
    for tables in files:
        for table in tables:
            if table.id not in parts:
                order.append(table.id)
                parts[table.id] = []
            parts[table.id].append(table)
    return [merge_tables(parts[table_id], threshold) for table_id in order]


def visible_share(tables: Sequence[SuppressedTable]) -> tuple[int, int]:
    """(cells shown as a number, all cells): what the report states as its usefulness."""
    shown = sum(state == CellState.SHOWN for t in tables for row in t.states for state in row)
    return shown, sum(len(row) for t in tables for row in t.states)


# -- what storage hands over, and the report --------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatisticsQuery:
    """Completed, non-practice sessions whose completion falls in these months (inclusive)."""

    first_month: str  # "YYYY-MM"
    last_month: str
    neighbourhood: str | None = None
    cards: tuple[str, ...] = ()  # the cards whose options are counted (empty: all)

    def months(self) -> tuple[str, ...]:
        year, month = (int(part) for part in self.first_month.split("-"))
        end = tuple(int(part) for part in self.last_month.split("-"))
        out = []
        while (year, month) <= end:
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(out)


# source -> {(row id, neighbourhood, month): (count, sum of the records' keys)}
RawCounts = Mapping[str, Mapping[tuple[str, str, str], tuple[int, int]]]


class StatisticsSource(Protocol):
    """What the statistics service needs from storage: grouped counts, never rows."""

    def raw_counts(self, query: StatisticsQuery) -> RawCounts: ...
    def neighbourhoods(self) -> list[str]: ...
    def neighbourhood_list(self) -> list[str]: ...
    def set_neighbourhood_list(self, names: list[str]) -> None: ...
    def cell_key_secret(self) -> bytes: ...


@dataclass(frozen=True, slots=True)
class StatisticsReport:
    first_month: str
    last_month: str
    neighbourhood: str | None
    threshold: int
    tables: tuple[SuppressedTable, ...]
    sessions: int | None = None  # total completed sessions; None when hidden
    notes: tuple[str, ...] = field(default=())
    atoms: ProtectedAtoms | None = None  # what the tables are made of; None after a merge

    def table(self, table_id: str) -> SuppressedTable:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)


class StatsDocumentWriter(Protocol):
    def write(self, report: StatisticsReport, out: Path) -> Path:
        """Write ``report`` as a printable PDF to ``out`` and return the path."""
        ...
