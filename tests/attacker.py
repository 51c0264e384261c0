"""The attacker of the statistics, with integer programming (scipy's HiGHS).

Two attacks:

- ``attack_atoms``: against the cell key method. The attacker is granted every perturbed atom
  exactly (the most any set of exports can give away, since every published number is a sum
  of atoms; ``published_numbers`` checks that for real files) and every relation between
  true counts we know of, equalities and inequalities; for each small true count it asks the
  ILP for the lowest and highest value consistent with all of it.
- ``attack_suppressed``: against the old suppression (tests/legacy_suppression.py), over the
  numbers of several exports: visible numbers exact, "<t" 0..t-1, "x" at least t, rows and
  columns add up, linked tables share their monthly totals, months shared across periods.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from intake_app.core.cell_key import SMALL, preimage
from intake_app.core.statistics_audit import AtomKey, ProtectedAtoms, protected
from intake_app.services.statistics_atoms import CENTER, INTERPRETED, REFERRAL_TABLES, layout
from intake_app.services.statistics_tables import SPECS


@dataclass
class Finding:
    atom: AtomKey
    true: int
    low: int
    high: int


class _Model:
    """min/max of single variables under linear constraints, integers, with HiGHS."""

    def __init__(self, n: int, low: Sequence[float], high: Sequence[float]) -> None:
        self.n = n
        self.bounds = Bounds(np.array(low, dtype=float), np.array(high, dtype=float))
        self.rows: list[np.ndarray] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self._constraints: list[LinearConstraint] | None = None
        self._integral = np.ones(n)
        self.integer_solves = 0

    def add(self, terms: Iterable[tuple[int, float]], low: float, high: float) -> None:
        row = np.zeros(self.n)
        for i, k in terms:
            row[i] += k
        self.rows.append(row)
        self.lower.append(low)
        self.upper.append(high)

    def extreme(self, i: int, sign: float) -> float:
        c = np.zeros(self.n)
        c[i] = sign
        if self._constraints is None:
            self._constraints = (
                [LinearConstraint(np.array(self.rows), self.lower, self.upper)] if self.rows else []
            )
        # The LP relaxation first: when its optimum is already integral it is the ILP's too.
        relaxed = milp(c, constraints=self._constraints, bounds=self.bounds)
        assert relaxed.status == 0, relaxed.message  # the truth is always feasible
        if np.allclose(relaxed.x, np.round(relaxed.x), atol=1e-7):
            return float(round(relaxed.x[i]))
        result = milp(
            c, constraints=self._constraints, integrality=self._integral, bounds=self.bounds
        )
        assert result.status == 0, result.message
        self.integer_solves += 1
        return float(result.x[i])

    def range(self, i: int) -> tuple[int, int]:
        return round(self.extreme(i, 1.0)), round(self.extreme(i, -1.0))


def _relations(
    index: dict[tuple[str, str], int],
) -> list[tuple[list[tuple[int, float]], float, float]]:
    """Every relation between the true atoms of one block we know of: linear rows with bounds."""
    inf = np.inf
    rows: list[tuple[list[tuple[int, float]], float, float]] = []

    def positions(table_id: str) -> list[int]:
        return [i for (t, _), i in index.items() if t == table_id]

    center = index[CENTER]
    for spec in SPECS:
        if spec.linked:  # every session once: rows add up to the sessions of the block
            rows.append(([(i, 1.0) for i in positions(spec.id)] + [(center, -1.0)], 0, 0))
    kind, status = (positions(t) for t in REFERRAL_TABLES)
    rows.append(([(i, 1.0) for i in kind] + [(i, -1.0) for i in status], 0, 0))
    days = positions("follow_up_days")
    rows.append(([(i, 1.0) for i in days] + [(index[("follow_up_planned", "yes")], -1.0)], 0, 0))
    done_days = positions("follow_up_done_days")
    done = index[("follow_up_done", "done")]
    rows.append(([(i, 1.0) for i in done_days] + [(done, -1.0)], 0, 0))
    interpreted = [index[("interpreter_mode", o)] for o in INTERPRETED]
    with_interpreter = positions("minutes_interpreter")
    rows.append(([(i, 1.0) for i in with_interpreter] + [(i, -1.0) for i in interpreted], 0, 0))
    # Inequalities the app's audit does not use: an attacker may.
    for row_id, _ in next(s for s in SPECS if s.id == "minutes").rows:
        a, b = index[("minutes_interpreter", row_id)], index[("minutes", row_id)]
        rows.append(([(a, 1.0), (b, -1.0)], -inf, 0))
    urgent = index[("urgent", "yes")]
    types = positions("urgency_type")
    for i in types:
        rows.append(([(i, 1.0), (urgent, -1.0)], -inf, 0))  # each type: at most the urgent
    rows.append(([(i, 1.0) for i in types] + [(urgent, -1.0)], 0, inf))  # together: at least
    for row_id in ("eviction", "disconnection", "bailiff", "other"):  # resolved: at most found
        a, b = index[("prevention", row_id)], index[("urgency_type", row_id)]
        rows.append(([(a, 1.0), (b, -1.0)], -inf, 0))
    for i in positions("follow_up_done"):  # sessions with a referral or step: at most all
        rows.append(([(i, 1.0), (center, -1.0)], -inf, 0))
    for table_id in ("informal_card", "formal_category"):  # sessions per card: each at most all
        for i in positions(table_id):
            rows.append(([(i, 1.0), (center, -1.0)], -inf, 0))
    return rows


def attack_atoms(atoms: ProtectedAtoms) -> tuple[list[Finding], int]:
    """Small true counts the ILP attacker narrows beyond the protection interval, and how
    many small counts were attacked."""
    plan = layout()
    index = plan.index()
    relations = _relations(index)
    constrained = frozenset(i for terms, _, _ in relations for i, _ in terms)
    findings: list[Finding] = []
    attacked = 0
    for place, (true, published) in atoms.blocks.items():
        for i, low, high in _block_ranges(tuple(true), tuple(published), relations, constrained):
            attacked += 1
            assert low <= true[i] <= high  # the attacker's model must hold for the truth
            if not protected(true[i], low, high):
                findings.append(Finding((*plan.atoms[i], *place), true[i], low, high))
    return findings, attacked


# Overlapping exports (January-June and January-May, a year and its months) publish the same
# block again: the same truth and the same published numbers give the same bounds, so each
# distinct block is solved once per test run.
_SOLVED: dict[tuple[tuple[int, ...], tuple[int, ...]], list[tuple[int, int, int]]] = {}


def _block_ranges(
    true: tuple[int, ...],
    published: tuple[int, ...],
    relations: list[tuple[list[tuple[int, float]], float, float]],
    constrained: frozenset[int],
) -> list[tuple[int, int, int]]:
    """(atom, tightest low, tightest high) for every small true count of one block."""
    key = (true, published)
    if key not in _SOLVED:
        ranges = [preimage(p) for p in published]
        model = _Model(len(true), [r[0] for r in ranges], [r[1] for r in ranges])
        for terms, low, high in relations:
            model.add(terms, low, high)
        _SOLVED[key] = [
            (i, *(model.range(i) if i in constrained else ranges[i]))
            for i in range(len(true))
            if 1 <= true[i] <= SMALL
        ]
    return _SOLVED[key]


# -- published files ---------------------------------------------------------------------------


def read_cells(path: Path) -> dict[tuple[str, str, str], str]:
    """(table, row, month) -> the text in the "aantal" column, from a Dutch or standard CSV."""
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > 1 else ","
    return {
        (row[0], row[3], row[5]): row[6]
        for row in csv.reader(text.splitlines(), delimiter=delimiter)
        if row and row[0] not in ("tabel", "#meta")
    }


def published_numbers(path: Path, atoms: ProtectedAtoms, threshold: int) -> int:
    """Check that every number in an export is a sum of published atoms (so the file gives an
    attacker nothing beyond the atoms) and that "<t" stands for such a sum below t. Returns
    how many numbers were checked."""
    cells = read_cells(path)
    by_table: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    months = sorted({m for (_, _, m) in cells if m != "totaal"})
    rows: dict[str, list[str]] = defaultdict(list)
    for table, row, _month in cells:
        if row != "totaal" and row not in rows[table]:
            rows[table].append(row)
    for table, row_ids in rows.items():
        for row in row_ids:
            for month in months:
                by_table[table][(row, month)] = atoms.cell_value(table, row, month)
            by_table[table][(row, "totaal")] = sum(by_table[table][(row, m)] for m in months)
        for month in [*months, "totaal"]:
            by_table[table][("totaal", month)] = sum(by_table[table][(r, month)] for r in row_ids)
    checked = 0
    for (table, row, month), text in cells.items():
        expected = by_table[table][(row, month)]
        if text == f"<{threshold}":
            assert expected < threshold, (table, row, month)
        else:
            assert int(text) == expected, (table, row, month, text, expected)
        checked += 1
    return checked


# -- the old method ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OldExport:
    """One export made with the old suppression: table id -> legacy SuppressedTable."""

    tables: dict[str, object]


def attack_suppressed(
    exports: Sequence[OldExport], enough: int = 10
) -> list[tuple[str, str, str, int]]:
    """Hidden small cells ("<t") that the LP pins to one value from 1 to t-1 across these
    exports: (table, row, month, value). Inner month cells are the same unknowns in every
    export; totals belong to their export."""
    variables: dict[tuple[object, ...], int] = {}
    low: list[float] = []
    high: list[float] = []
    fixed: dict[tuple[object, ...], int] = {}
    equations: list[list[tuple[tuple[object, ...], float]]] = []
    small: dict[tuple[object, ...], int] = {}

    def var(key: tuple[object, ...], lo: float, hi: float) -> tuple[object, ...]:
        if key not in variables:
            variables[key] = len(low)
            low.append(lo)
            high.append(hi)
        else:
            i = variables[key]
            low[i], high[i] = max(low[i], lo), min(high[i], hi)
        return key

    for e, export in enumerate(exports):
        for table in export.tables.values():
            t = table.threshold  # type: ignore[attr-defined]
            rows, columns = len(table.rows), len(table.columns)  # type: ignore[attr-defined]
            keys: dict[tuple[int, int], tuple[object, ...]] = {}
            for r in range(rows + 1):
                for c in range(columns + 1):
                    month = table.column_ids[c]  # type: ignore[attr-defined]
                    if table.linked and r == rows and c < columns:  # type: ignore[attr-defined]
                        key: tuple[object, ...] = ("sessions", month)
                    elif r < rows and c < columns and table.id != "neighbourhood":  # type: ignore[attr-defined]
                        # Month cells are the same people in every export. (Which neighbourhoods
                        # fold into "Overige wijken" depends on the period: not those rows.)
                        key = (table.id, table.row_ids[r], month)  # type: ignore[attr-defined]
                    else:
                        key = (e, table.id, table.row_ids[r], month)  # type: ignore[attr-defined]
                    state = table.states[r][c]  # type: ignore[attr-defined]
                    if state == "shown":
                        fixed[key] = table.values[r][c]  # type: ignore[attr-defined]
                        var(key, fixed[key], fixed[key])
                    elif state == "primary":
                        var(key, 0, t - 1)
                        small[key] = t
                    elif state == "secondary":
                        var(key, t, np.inf)
                    else:
                        var(key, 0, np.inf)
                    keys[(r, c)] = key
            for r in range(rows + 1):
                equations.append(
                    [(keys[(r, c)], 1.0) for c in range(columns)] + [(keys[(r, columns)], -1.0)]
                )
            for c in range(columns + 1):
                equations.append(
                    [(keys[(r, c)], 1.0) for r in range(rows)] + [(keys[(rows, c)], -1.0)]
                )
    model = _Model(len(low), low, high)
    for equation in equations:
        model.add([(variables[k], w) for k, w in equation], 0, 0)
    pinned = []
    for key, t in small.items():
        if len(key) != 3:
            continue  # a total of one export: the inner cells are the target
        lo, hi = model.range(variables[key])
        if lo == hi and 1 <= lo < t:
            pinned.append((str(key[0]), str(key[1]), str(key[2]), lo))
            if len(pinned) == enough:
                break  # broken enough
    return pinned
