"""Disclosure control (core.statistics): nothing below the threshold is shown, and no hidden
cell can be worked out from the totals. The brute-force check here is independent of the
algebra and interval reasoning in core: it tries every table that fits what is shown."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app.core.statistics import (
    CellState,
    CountTable,
    DisclosureError,
    SuppressedTable,
    check_published,
    check_threshold,
    ensure_publishable,
    merge_tables,
    suppress_all,
    suppress_grid,
    suppress_table,
)


def table(counts: list[list[int]], *, table_id: str = "t", linked: bool = False) -> CountTable:
    months = tuple(f"2026-{m + 1:02d}" for m in range(len(counts[0])))
    return CountTable(
        id=table_id,
        title="Test",
        unit="gesprekken",
        rows=tuple((f"r{i}", f"Rij {i}") for i in range(len(counts))),
        columns=months,
        counts=tuple(tuple(row) for row in counts),
        linked=linked,
    )


def alternatives(published: SuppressedTable, limit: int = 40) -> list[list[list[int]]]:
    """Every interior filling (cells 0..limit) that agrees with what is shown: visible numbers
    exact, "<t" is 0..t-1, "x" is at least t, and the totals add up. Brute force."""
    rows, columns = len(published.rows), len(published.columns)
    t = published.threshold

    def fits(r: int, c: int, value: int) -> bool:
        state = published.states[r][c]
        if state == CellState.SHOWN:
            return value == published.values[r][c]
        if state == CellState.PRIMARY:
            return 0 <= value < t
        return value >= t

    ranges = []
    for r in range(rows):
        for c in range(columns):
            if published.states[r][c] == CellState.SHOWN:
                ranges.append([published.values[r][c]])
            elif published.states[r][c] == CellState.PRIMARY:
                ranges.append(list(range(t)))
            else:
                ranges.append(list(range(t, limit + 1)))
    found = []
    for flat in product(*ranges):
        grid = [list(flat[r * columns : (r + 1) * columns]) for r in range(rows)]
        full = [[*row, sum(row)] for row in grid]
        full.append([sum(full[r][c] for r in range(rows)) for c in range(columns + 1)])
        if all(fits(r, c, full[r][c]) for r in range(rows + 1) for c in range(columns + 1)):
            found.append(full)
    return found


def assert_nothing_recomputable(published: SuppressedTable) -> None:
    values = published.values
    for r, row in enumerate(published.states):
        for c, state in enumerate(row):
            if state == CellState.SHOWN:
                assert values[r][c] is not None and values[r][c] >= published.threshold


small_grids = st.integers(1, 2).flatmap(
    lambda rows: st.integers(1, 2).flatmap(
        lambda cols: st.lists(
            st.lists(st.sampled_from([0, 1, 2, 4, 5, 6, 9]), min_size=cols, max_size=cols),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_grids)
def test_no_hidden_cell_can_be_recomputed_brute_force(counts: list[list[int]]) -> None:
    published = suppress_table(table(counts), 5)
    assert_nothing_recomputable(published)
    fillings = alternatives(published)
    truth = published.values
    assert fillings, "the true table must itself fit what is shown"
    for r, row in enumerate(published.states):
        for c, state in enumerate(row):
            if state != CellState.SHOWN and 0 < (truth[r][c] or 0) < published.threshold:
                seen = {filling[r][c] for filling in fillings}
                assert len(seen) >= 2, (counts, r, c, published.states)


adversarial = st.tuples(
    st.integers(2, 6),  # rows
    st.integers(1, 7),  # months
    st.integers(0, 400),  # a large count everywhere else
    st.integers(1, 4),  # the one rare person (or few)
    st.integers(0, 5),
    st.integers(0, 6),
)


@settings(max_examples=80, deadline=None)
@given(adversarial)
def test_one_rare_client_never_shows(shape: tuple[int, int, int, int, int, int]) -> None:
    rows, months, big, rare, rare_row, rare_month = shape
    counts = [[big] * months for _ in range(rows)]
    counts[rare_row % rows][rare_month % months] = rare
    published = suppress_table(table(counts), 5)
    assert published.states[rare_row % rows][rare_month % months] in {
        CellState.PRIMARY,
        CellState.WITHHELD,
    }
    assert check_published([published]) == []
    assert_nothing_recomputable(published)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=6), min_size=1, max_size=6).filter(
        lambda rows: len({len(r) for r in rows}) == 1
    ),
    st.integers(3, 10),
)
def test_random_tables_pass_their_own_check(counts: list[list[int]], threshold: int) -> None:
    published = suppress_table(table(counts), threshold)
    assert check_published([published]) == []
    for r in range(len(counts) + 1):
        for c in range(len(counts[0]) + 1):
            shown = published.display(r, c)
            assert shown in {f"<{threshold}", "x", "-"} or int(shown) >= threshold


def test_single_small_cell_gets_a_partner_in_its_row_and_column() -> None:
    published = suppress_table(table([[20, 3, 30], [40, 50, 60]]), 5)
    assert published.display(0, 1) == "<5"
    hidden_in_row = [c for c in range(4) if published.states[0][c] != CellState.SHOWN]
    hidden_in_column = [r for r in range(3) if published.states[r][1] != CellState.SHOWN]
    assert len(hidden_in_row) >= 2 and len(hidden_in_column) >= 2


def test_zero_is_shown_as_small_so_small_means_zero_to_four() -> None:
    published = suppress_table(table([[0, 12], [12, 12]]), 5)
    assert published.display(0, 0) == "<5"


def test_threshold_text_follows_the_threshold_and_never_below_three() -> None:
    published = suppress_table(table([[2, 30], [30, 30]]), 3)
    assert published.display(0, 0) == "<3"
    with pytest.raises(DisclosureError):
        check_threshold(2)
    with pytest.raises(DisclosureError):
        suppress_table(table([[1]]), 2)


def test_check_refuses_a_visible_small_count_and_a_recomputable_cell() -> None:
    honest = suppress_table(table([[20, 3], [40, 50]]), 5)
    visible_small = SuppressedTable(
        **{**_fields(honest), "states": tuple(tuple("shown" for _ in row) for row in honest.states)}
    )
    assert any("te herleiden" in p for p in check_published([visible_small]))
    only_primary = [list(row) for row in honest.states]
    only_primary = [[CellState.SHOWN] * 3 for _ in range(3)]
    only_primary[0][1] = CellState.PRIMARY
    one_hidden = SuppressedTable(
        **{**_fields(honest), "states": tuple(tuple(row) for row in only_primary)}
    )
    assert check_published([one_hidden])
    with pytest.raises(DisclosureError):
        ensure_publishable([one_hidden])


def test_check_refuses_free_text_dates_and_unknown_rows() -> None:
    base = _fields(suppress_table(table([[20, 30], [40, 50]]), 5))
    named = SuppressedTable(**{**base, "rows": (("r0", "Fatima <b>"), ("r1", "Rij 1"))})
    dated = SuppressedTable(**{**base, "rows": (("r0", "14-03-2026"), ("r1", "Rij 1"))})
    day_column = SuppressedTable(**{**base, "columns": ("2026-03-14", "2026-04")})
    assert check_published([dated])
    assert check_published([day_column])
    assert check_published([named], {"t": frozenset({"r1"})})


def test_linked_tables_hide_the_same_monthly_totals() -> None:
    a = table([[2, 40], [1, 50]], table_id="a", linked=True)
    b = table([[1, 45], [2, 45]], table_id="b", linked=True)
    out = suppress_all([a, b], 5)
    assert out[0].states[-1] == out[1].states[-1]


def test_merging_adds_visible_cells_and_keeps_hidden_ones_unknown() -> None:
    one = suppress_table(table([[20, 30], [3, 40]]), 5)
    two = suppress_table(table([[10, 10], [2, 30]]), 5)
    merged = merge_tables([one, two], 5)
    assert merged.shown_value(2, 2) == 20 + 30 + 3 + 40 + 10 + 10 + 2 + 30
    assert merged.states[1][0] != CellState.SHOWN  # small in both files
    assert check_published([merged]) == []


def test_a_table_that_cannot_be_made_safe_is_withheld() -> None:
    # Four rows of five ones: rows of 5 ("x", at least 5) against months of 4 ("<5", at
    # most 4) would pin every monthly total to 4. So nothing of it is shown.
    grid = [[1, 1, 1, 1, 1, 5] for _ in range(4)] + [[4, 4, 4, 4, 4, 20]]
    states = suppress_grid(grid, 5)
    assert all(state == CellState.WITHHELD for row in states for state in row)


def _fields(published: SuppressedTable) -> dict[str, object]:
    return {name: getattr(published, name) for name in SuppressedTable.__slots__}


def test_csv_round_trip_keeps_every_marker(tmp_path) -> None:
    from intake_app.core.statistics import StatisticsReport
    from intake_app.services.statistics_export import read_csv, write_csv

    ones = suppress_table(table([[1, 1, 1, 1, 1] for _ in range(4)], table_id="ones"), 5)
    mixed = suppress_table(table([[20, 3, 30], [40, 50, 60]], table_id="mixed"), 5)
    report = StatisticsReport("2026-01", "2026-05", None, 5, (ones, mixed))
    back = read_csv(write_csv(report, tmp_path / "s.csv"))
    for before, after in zip(report.tables, back.tables, strict=True):
        assert after.states == before.states
        assert [
            [after.display(r, c) for c in range(len(after.column_ids))]
            for r in range(len(after.row_ids))
        ] == [
            [before.display(r, c) for c in range(len(before.column_ids))]
            for r in range(len(before.row_ids))
        ]
    assert back.table("ones").display(0, 0) == "-"
    assert check_published(back.tables) == []
