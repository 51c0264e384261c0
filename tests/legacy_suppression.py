"""Today's method before the cell key method, kept as a regression case: primary and
secondary suppression with exact Fraction elimination (the code of core/statistics.py until
this branch). ``tests/test_statistics_attack.py`` shows an LP attacker breaking it.
Do not use in the app."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from intake_app.core.statistics import TOTAL, DisclosureError, check_threshold

HIDDEN_SECONDARY = "x"
WITHHELD_MARK = "-"
_INF = 10**15


def small_label(threshold: int) -> str:
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
    """A table ready to publish. ``values`` keeps the true counts (None: unknown after a
    merge) for the checks only; ``display`` is all an export may write."""

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
    merged: bool = False  # added up from several files: an "x" may hide small counts

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


# -- disclosure: can a hidden cell be worked out? ---------------------------------------------

Position = tuple[int, int]


def _lines(rows: int, columns: int) -> list[list[tuple[Position, int]]]:
    """The sum constraints of a grid with totals: each row and each column adds up."""
    lines: list[list[tuple[Position, int]]] = []
    for r in range(rows + 1):
        lines.append([*(((r, c), 1) for c in range(columns)), ((r, columns), -1)])
    for c in range(columns + 1):
        lines.append([*(((r, c), 1) for r in range(rows)), ((rows, c), -1)])
    return lines


def _determined_by_algebra(
    lines: list[list[tuple[Position, int]]],
    known: Mapping[Position, int],
    hidden: Sequence[Position],
) -> dict[Position, Fraction]:
    """Hidden cells whose value follows exactly from the row and column sums, with that value."""
    index = {pos: i for i, pos in enumerate(hidden)}
    width = len(hidden)
    matrix: list[list[Fraction]] = []
    for line in lines:
        equation = [Fraction(0)] * (width + 1)
        for pos, coefficient in line:
            if pos in index:
                equation[index[pos]] += coefficient
            else:
                equation[width] -= coefficient * known[pos]
        if any(equation[:width]):
            matrix.append(equation)
    # Reduced row echelon form; a pivot variable is fixed when its row has no free variables.
    pivots: list[int] = []
    row = 0
    for col in range(width):
        if row == len(matrix):
            break
        pivot = next((i for i in range(row, len(matrix)) if matrix[i][col] != 0), None)
        if pivot is None:
            continue
        matrix[row], matrix[pivot] = matrix[pivot], matrix[row]
        lead = matrix[row][col]
        matrix[row] = [value / lead for value in matrix[row]]
        for i in range(len(matrix)):
            if i != row and matrix[i][col] != 0:
                factor = matrix[i][col]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[row], strict=True)]
        pivots.append(col)
        row += 1
    pivot_set = set(pivots)
    fixed: dict[Position, Fraction] = {}
    for i, col in enumerate(pivots):
        if all(matrix[i][j] == 0 for j in range(width) if j not in pivot_set):
            fixed[hidden[col]] = matrix[i][width]
    return fixed


def _narrowed_by_bounds(
    lines: list[list[tuple[Position, int]]],
    known: Mapping[Position, int],
    bounds: dict[Position, tuple[int, int]],
) -> dict[Position, int]:
    """Hidden cells that interval reasoning over the sums pins to a single value."""
    bounds = dict(bounds)
    for _ in range(50):
        changed = False
        for line in lines:
            hidden = [(pos, k) for pos, k in line if pos in bounds]
            if not hidden:
                continue
            rhs = -sum(k * known[pos] for pos, k in line if pos not in bounds)
            for pos, k in hidden:
                low = high = 0
                for other, ko in hidden:
                    if other == pos:
                        continue
                    lo_o, hi_o = bounds[other]
                    if ko > 0:
                        low, high = low + lo_o, high + hi_o
                    else:
                        low, high = low - hi_o, high - lo_o
                # k * x = rhs - others
                if k > 0:
                    new_lo, new_hi = rhs - high, rhs - low
                else:
                    new_lo, new_hi = low - rhs, high - rhs
                lo, hi = bounds[pos]
                lo2, hi2 = max(lo, new_lo), min(hi, new_hi, _INF)
                if (lo2, hi2) != (lo, hi) and lo2 <= hi2:
                    bounds[pos] = (lo2, hi2)
                    changed = True
        if not changed:
            break
    return {pos: lo for pos, (lo, hi) in bounds.items() if lo == hi}


def disclosed_cells(
    values: Sequence[Sequence[int | None]],
    states: Sequence[Sequence[str]],
    threshold: int,
    *,
    secondary_floor: int | None = None,
) -> set[Position]:
    """Cells that give away a small group: a visible count below the threshold, or a hidden
    cell that can be worked out, from what is shown, to a value from 1 to threshold - 1.

    What a reader knows: "<5" is 0 to 4 (every count below the threshold is hidden, zeros
    too), "x" is at least the threshold (``secondary_floor``; 0 for merged files, where an
    "x" may be a sum of small counts), and every row and column adds up to its total.
    Hidden values are never used, so the same check works on a published file.
    """
    floor = threshold if secondary_floor is None else secondary_floor
    rows, columns = len(values) - 1, len(values[0]) - 1
    lines = _lines(rows, columns)
    known: dict[Position, int] = {}
    bounds: dict[Position, tuple[int, int]] = {}
    leaks: set[Position] = set()
    for r in range(rows + 1):
        for c in range(columns + 1):
            state, value = states[r][c], values[r][c]
            if state == CellState.SHOWN:
                if value is None or value < threshold:
                    leaks.add((r, c))
                known[(r, c)] = value or 0
            elif state == CellState.PRIMARY:
                bounds[(r, c)] = (0, threshold - 1)
            elif state == CellState.WITHHELD:
                bounds[(r, c)] = (0, _INF)
            else:
                bounds[(r, c)] = (floor, _INF)
    if not bounds:
        return leaks
    # Worked out to 0: nobody. To the threshold or more: no small group (an "x" is that
    # anyway). Anything in between gives away a small group of people.
    fixed = _determined_by_algebra(lines, known, list(bounds))
    leaks |= {pos for pos, value in fixed.items() if 0 < value < threshold}
    pinned = _narrowed_by_bounds(lines, known, bounds)
    leaks |= {pos for pos, value in pinned.items() if 0 < value < threshold}
    return leaks


# -- suppression ------------------------------------------------------------------------------


def suppress_grid(
    values: Sequence[Sequence[int | None]],
    threshold: int,
    forced: Iterable[Position] = (),
    *,
    secondary_floor: int | None = None,
) -> list[list[str]]:
    """Cell states for a grid with totals: every count below the threshold (0 included) is
    primary ("<5"); then secondary cells ("x") until nothing can be worked out.
    ``None`` values (unknown after a merge) and ``forced`` cells are hidden as well."""
    check_threshold(threshold)
    rows, columns = len(values) - 1, len(values[0]) - 1
    states = [[CellState.SHOWN] * (columns + 1) for _ in range(rows + 1)]
    for r in range(rows + 1):
        for c in range(columns + 1):
            value = values[r][c]
            if value is None:
                states[r][c] = CellState.SECONDARY
            elif value < threshold:
                states[r][c] = CellState.PRIMARY
    for r, c in forced:
        if states[r][c] == CellState.SHOWN:
            states[r][c] = CellState.SECONDARY

    def judged() -> set[Position]:
        shown = [
            [values[r][c] if states[r][c] == CellState.SHOWN else None for c in range(columns + 1)]
            for r in range(rows + 1)
        ]
        return disclosed_cells(shown, states, threshold, secondary_floor=secondary_floor)

    for _ in range((rows + 1) * (columns + 1) + 1):
        leaks = judged()
        if not leaks:
            return states
        visible = [
            (r2, c2)
            for r2 in range(rows + 1)
            for c2 in range(columns + 1)
            if states[r2][c2] == CellState.SHOWN
        ]
        if not visible:
            break
        picked: list[Position] = []
        for r, c in sorted(leaks):
            if any(p[0] == r or p[1] == c for p in picked):
                continue  # one new hidden cell per line and round; then look again

            def cost(pos: Position, r: int = r, c: int = c) -> tuple[int, int, int]:
                on_line = pos[0] == r or pos[1] == c
                margin = pos[0] == rows or pos[1] == columns
                return (0 if on_line else 1, int(margin), values[pos[0]][pos[1]] or 0)

            candidates = [pos for pos in visible if pos not in picked]
            if candidates:
                pick = min(candidates, key=cost)
                picked.append(pick)
                states[pick[0]][pick[1]] = CellState.SECONDARY
    if judged():
        # Even with every cell hidden, "<5" and "x" together pin something down (a table of
        # ones, say): then the table is withheld, every cell "-", which says nothing at all.
        states = [[CellState.WITHHELD] * (columns + 1) for _ in range(rows + 1)]
    if judged():
        raise DisclosureError("De tabel kan niet veilig worden gemaakt; er is niets opgeslagen.")
    return states


def suppress_table(
    table: CountTable, threshold: int, forced: Iterable[Position] = ()
) -> SuppressedTable:
    grid = table.grid()
    states = suppress_grid(grid, threshold, forced)
    return SuppressedTable(
        id=table.id,
        title=table.title,
        unit=table.unit,
        rows=table.rows,
        columns=table.columns,
        values=tuple(tuple(row) for row in grid),
        states=tuple(tuple(row) for row in states),
        threshold=threshold,
        linked=table.linked,
        reference=table.reference,
    )


def suppress_all(tables: Sequence[CountTable], threshold: int) -> list[SuppressedTable]:
    """Suppress every table. Linked tables share their totals (the sessions per month), so a
    total hidden in one of them is hidden in all: otherwise another table would give it away."""
    check_threshold(threshold)
    hidden_totals: set[int] = set()  # column index in the total row
    while True:
        out = []
        for table in tables:
            forced = [(len(table.rows), c) for c in hidden_totals] if table.linked else []
            out.append(suppress_table(table, threshold, forced))
        found = {
            c
            for table in out
            if table.linked
            for c, state in enumerate(table.states[-1])
            if state != CellState.SHOWN
        }
        if found <= hidden_totals:
            return out
        hidden_totals |= found
