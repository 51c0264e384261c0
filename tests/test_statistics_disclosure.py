"""Disclosure control (core.cell_key, core.statistics_audit, core.statistics): the p-table's
promises, the closed-form audit against brute force, what a published table shows, merging,
and the reader's check. The full attacker is tests/test_statistics_attack.py."""

from __future__ import annotations

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.core.cell_key import HIGH_SMALL, LOW, SMALL, mean_and_variance, perturb, preimage
from intake_app.core.statistics import (
    CellState,
    CountTable,
    DisclosureError,
    StatisticsReport,
    SuppressedTable,
    check_published,
    check_threshold,
    merge_tables,
    publish_table,
    recover_hidden,
    visible_share,
)
from intake_app.core.statistics_audit import Layout, Star, bounds, protected


def table(counts: list[list[int]], *, table_id: str = "t", threshold: int = 5) -> SuppressedTable:
    """A published table whose month cells are ``counts`` as published values."""
    months = tuple(f"2026-{m + 1:02d}" for m in range(len(counts[0])))
    rows = tuple((f"r{i}", f"Rij {i}") for i in range(len(counts)))
    true = CountTable(table_id, "Test", "gesprekken", rows, months,
                      tuple(tuple(row) for row in counts))  # fmt: skip
    return publish_table(true, counts, threshold)


def test_every_small_count_can_show_as_every_small_value_and_the_mean_is_the_count() -> None:
    keys = range(0, 2**32, 2**32 // 20_000)
    for value in range(SMALL + 1):
        seen = {perturb(value, key) for key in keys}
        assert seen == set(range(LOW, HIGH_SMALL + 1)), value
        mean, _ = mean_and_variance(value)
        assert abs(mean - value) < 1e-9
    for value in (5, 6, 40):
        assert {perturb(value, key) for key in keys} == set(range(value - 2, value + 3))
        assert abs(mean_and_variance(value)[0] - value) < 1e-9


def test_the_preimage_is_every_count_that_can_show_so() -> None:
    keys = range(0, 2**32, 2**32 // 5_000)
    reach: dict[int, set[int]] = {}
    for value in range(0, 30):
        for key in keys:
            reach.setdefault(perturb(value, key), set()).add(value)
    for shown, values in reach.items():
        low, high = preimage(shown)
        assert values == set(range(low, min(high, 29) + 1)), shown


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 8), min_size=2, max_size=3),
    st.lists(st.integers(0, 8), min_size=1, max_size=2),
    st.lists(st.integers(0, 2**32 - 1), min_size=6, max_size=6),
)
def test_the_closed_form_star_bounds_equal_brute_force(
    first: list[int], second: list[int], keys: list[int]
) -> None:
    """One centre (the sum), two groups that both add up to it: the audit's bounds are
    exactly what trying every possible filling gives."""
    total = sum(first)
    second = [*second[:-1], max(0, total - sum(second[:-1]))]
    if sum(second) != total:
        return
    true = [total, *first, *second]
    layout = Layout(
        tuple(("t", str(i)) for i in range(len(true))),
        (Star(0, (tuple(range(1, 1 + len(first))), tuple(range(1 + len(first), len(true))))),),
    )
    published = [perturb(v, k) for v, k in zip(true, keys, strict=False)]
    got = bounds(layout, published)
    ranges = [range(preimage(p)[0], preimage(p)[1] + 1) for p in published]
    feasible: list[set[int]] = [set() for _ in true]
    for filling in product(*ranges[1 : 1 + len(first)]):
        s = sum(filling)
        if s not in ranges[0]:
            continue
        for rest in product(*ranges[1 + len(first) :]):
            if sum(rest) == s:
                for i, v in enumerate((s, *filling, *rest)):
                    feasible[i].add(v)
    assert [(min(f), max(f)) for f in feasible] == got


def test_the_protection_interval() -> None:
    assert protected(1, 0, 2) and not protected(1, 1, 4) and not protected(2, 1, 2)
    assert protected(4, 3, 4) and not protected(3, 2, 3)
    assert protected(0, 0, 0) and protected(9, 9, 9)  # no small group


def test_a_table_shows_small_values_as_below_the_threshold_and_adds_up() -> None:
    published = table([[2, 30], [-1, 30]], threshold=3)
    assert published.display(0, 0) == "<3" and published.display(1, 0) == "<3"
    assert published.values[-1] == (1, 60, 61) and published.display(2, 0) == "<3"
    assert published.display(2, 2) == "61"
    with pytest.raises(DisclosureError):
        check_threshold(2)


def test_check_refuses_a_visible_small_count() -> None:
    honest = table([[20, 3], [40, 50]])
    fields = {name: getattr(honest, name) for name in SuppressedTable.__slots__}
    opened = SuppressedTable(**{**fields, "states": tuple(("shown",) * 3 for _ in range(3))})
    assert check_published([honest]) == []
    assert any("te klein" in p for p in check_published([opened]))


def test_check_refuses_free_text_dates_and_unknown_rows() -> None:
    base = {name: getattr(table([[20, 30], [40, 50]]), name) for name in SuppressedTable.__slots__}
    named = SuppressedTable(**{**base, "rows": (("r0", "Fatima <b>"), ("r1", "Rij 1"))})
    dated = SuppressedTable(**{**base, "rows": (("r0", "14-03-2026"), ("r1", "Rij 1"))})
    day_column = SuppressedTable(**{**base, "columns": ("2026-03-14", "2026-04")})
    assert check_published([dated])
    assert check_published([day_column])
    assert check_published([named], {"t": frozenset({"r1"})})


def test_hidden_values_come_back_from_the_totals_where_a_line_has_one() -> None:
    grid = recover_hidden(table([[20, 3, 30], [2, 50, 1]]))
    assert grid[0][1] == 3  # one hidden in its row
    assert grid[1] == [2, 50, 1, 53]  # two hidden in the row, one each in their columns


def test_merging_adds_files_and_hides_nothing_new() -> None:
    one = table([[20, 30], [3, 40]])
    two = table([[10, 10], [2, 30]])
    merged = merge_tables([one, two], 5)
    assert merged.shown_value(2, 2) == 20 + 30 + 3 + 40 + 10 + 10 + 2 + 30
    assert merged.shown_value(1, 0) == 5  # 3 + 2, both worked out from their totals
    assert merged.states[0][0] == CellState.SHOWN
    assert check_published([merged]) == []
    shown, cells = visible_share([merged])
    assert (shown, cells) == (9, 9)


def test_csv_round_trip_in_both_dialects(tmp_path) -> None:
    from intake_app.services.statistics_export import read_csv, write_csv

    mixed = table([[20, 3, 30], [40, 50, 60]], table_id="mixed")
    report = StatisticsReport("2026-01", "2026-03", None, 5, (mixed,))
    for dialect in ("nl", "standard"):
        back = read_csv(write_csv(report, tmp_path / f"{dialect}.csv", dialect))
        after = back.table("mixed")
        assert after.states == mixed.states
        assert all(
            after.display(r, c) == mixed.display(r, c)
            for r in range(len(mixed.row_ids))
            for c in range(len(mixed.column_ids))
        )
        assert check_published(back.tables) == []
