"""The attacker test (issue 15): integer programming against everything the app publishes.

Generated laptops with planted small counts (one client in a rare language in a tiny
neighbourhood, sparse and tiny organisations), and at least ten export scenarios: periods that
overlap (Jan–Jun and Jan–May), thresholds 3 to 6, every neighbourhood filter, merges of two
laptops, years of months. For each scenario every number in every file must be a sum of
published atoms, and the ILP attacker, granted all atoms and every relation between true
counts, must not narrow any small count beyond the protection interval. The old suppression
is kept as a regression case: the same kind of attacker breaks it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.core.statistics import visible_share
from intake_app.storage.database import sqlite_url
from tests import legacy_suppression as legacy
from tests.attacker import Finding, OldExport, attack_atoms, attack_suppressed, published_numbers
from tests.stats_generator import generate


@dataclass
class Laptop:
    name: str
    context: AppContext
    folder: Path


def _laptop(folder: Path, name: str, sessions: int, seed: int, days: int) -> Laptop:
    context = build_context(db_url=sqlite_url(folder / f"{name}.db"), data_dir=folder)
    engine = context.storage.engine
    generate(engine, sessions, seed=seed, days=days)
    # Planted small counts: a few sessions in a rare language, in a tiny neighbourhood.
    generate(engine, 3, seed=seed + 100, days=days, first_id=50_000, languages=["ti"])
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE intake_session SET neighbourhood = 'Kleindorp', practice = 0, "
            "completed_at = created_at, status = 'completed' WHERE id >= 50000"
        )
    return Laptop(name, context, folder)


@pytest.fixture(scope="module")
def laptops(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Laptop]]:
    folder = tmp_path_factory.mktemp("attack")
    built = {
        "a": _laptop(folder, "a", 300, 5, 180),
        "b": _laptop(folder, "b", 200, 9, 150),
        "small": _laptop(folder, "small", 60, 13, 180),
        "tiny": _laptop(folder, "tiny", 15, 17, 90),
        "year": _laptop(folder, "year", 200, 19, 365),
    }
    yield built
    for laptop in built.values():
        laptop.context.close()


# (laptop, [(first month, last month, neighbourhood, threshold), ...]): one scenario each.
SCENARIOS = [
    ("a", [("2026-01", "2026-06", None, 5)]),
    ("a", [("2026-01", "2026-06", None, 5), ("2026-01", "2026-05", None, 5)]),
    (
        "a",
        [
            ("2026-01", "2026-06", None, 3),
            ("2026-01", "2026-06", None, 5),
            ("2026-01", "2026-06", None, 6),
        ],
    ),
    (
        "a",
        [
            ("2026-01", "2026-06", nb, 5)
            for nb in (None, "Noordwijk", "Zuidhoek", "Oosterpark", "Westeinde", "Kleindorp")
        ],
    ),
    ("b", [("2026-02", "2026-06", None, 3), ("2026-02", "2026-05", "Kleindorp", 3)]),
    ("small", [("2026-01", "2026-06", None, 5), ("2026-03", "2026-03", None, 3)]),
    ("tiny", [("2026-01", "2026-03", None, 5), ("2026-01", "2026-02", None, 3)]),
    (
        "year",
        [
            ("2026-01", "2026-12", None, 5),
            ("2026-02", "2026-12", None, 5),
            ("2026-01", "2026-11", None, 5),
        ],
    ),
    ("year", [(f"2026-{m:02d}", f"2026-{m:02d}", None, 3) for m in range(1, 13)]),
    ("year", [("2026-06", "2026-09", nb, 4) for nb in (None, "Noordwijk", "Kleindorp")]),
]


@pytest.mark.parametrize(("name", "exports"), SCENARIOS)
def test_no_small_count_can_be_narrowed_from_any_set_of_exports(
    laptops: dict[str, Laptop], name: str, exports: list[tuple[str, str, str | None, int]]
) -> None:
    laptop = laptops[name]
    stats = laptop.context.statistics
    checked = 0
    places: set[tuple[str, str]] = set()
    for i, (first, last, neighbourhood, threshold) in enumerate(exports):
        report = stats.compute(first, last, neighbourhood, threshold)
        assert report.atoms is not None and stats.check(report) == []
        out = stats.export(report, laptop.folder / f"{name}-{i}.csv")
        checked += published_numbers(out, report.atoms, threshold)
        # Atoms do not depend on the export: the whole laptop's atoms contain these.
        whole = stats.compute(first, last).atoms
        assert whole is not None
        for place, block in report.atoms.blocks.items():
            assert whole.blocks[place] == block
        places.update(report.atoms.blocks)
    assert checked > 100
    # The attacker gets every atom of these blocks: more than the files give away.
    findings, attacked = _attack(laptop)
    assert attacked > 50
    assert [f for f in findings if (f.atom[2], f.atom[3]) in places] == []


_ATTACKS: dict[str, tuple[list[Finding], int]] = {}


def _attack(laptop: Laptop) -> tuple[list[Finding], int]:
    """The ILP attacker over every atom of the laptop's year, once per laptop."""
    if laptop.name not in _ATTACKS:
        atoms = laptop.context.statistics.compute("2026-01", "2026-12").atoms
        assert atoms is not None
        _ATTACKS[laptop.name] = attack_atoms(atoms)
    return _ATTACKS[laptop.name]


def test_a_merged_report_of_two_laptops_stays_useful(
    laptops: dict[str, Laptop], tmp_path: Path
) -> None:
    files = []
    shares = []
    for name in ("a", "b"):
        stats = laptops[name].context.statistics
        report = stats.compute("2026-01", "2026-06")
        files.append(stats.export(report, tmp_path / f"{name}.csv"))
        shown, cells = visible_share(report.tables)
        shares.append(shown / cells)
    stats = laptops["a"].context.statistics
    merged = stats.merge(files)
    shown, cells = visible_share(merged.tables)
    # docs/statistics.md: a merge shows at least 90 % of the cells the less complete file shows.
    assert shown / cells >= 0.9 * min(shares), (shown, cells, shares)
    assert stats.check(merged) == []
    stats.export(merged, tmp_path / "merged.csv")


def _old_exports(context: AppContext, periods: list[tuple[str, str]]) -> list[OldExport]:
    out = []
    for first, last in periods:
        report = context.statistics.compute(first, last)
        tables = []
        for table in report.tables:
            assert table.true_values is not None
            counts = tuple(tuple(row[:-1]) for row in table.true_values[:-1])
            tables.append(
                legacy.CountTable(
                    table.id,
                    table.title,
                    table.unit,
                    table.rows,
                    table.columns,
                    counts,
                    table.linked,
                )
            )
        suppressed = legacy.suppress_all(tables, 5)
        out.append(OldExport({table.id: table for table in suppressed}))
    return out


def test_the_old_suppression_is_broken_by_the_same_attacker(laptops: dict[str, Laptop]) -> None:
    """Regression case: the method this replaces gives small counts away exactly."""
    context = laptops["a"].context
    exports = _old_exports(context, [("2026-01", "2026-06"), ("2026-01", "2026-05")])
    pinned = attack_suppressed(exports)
    assert pinned, "the LP attacker should recover hidden small counts of the old method"
    truth = context.statistics.compute("2026-01", "2026-06")
    for table_id, row_id, month, value in pinned:
        table = truth.table(table_id)
        assert table.true_values is not None
        true = table.true_values[table.row_ids.index(row_id)][table.column_ids.index(month)]
        assert value == true  # recovered exactly: a small group of real people


def test_the_cell_key_noise_is_the_same_for_the_same_records(laptops: dict[str, Laptop]) -> None:
    stats = laptops["a"].context.statistics
    one = stats.compute("2026-01", "2026-06")
    two = stats.compute("2026-03", "2026-04", threshold=3)
    for row in range(len(one.table("language").rows)):
        assert one.table("language").values[row][2:4] == two.table("language").values[row][0:2]


def test_the_noise_is_small_and_unbiased(laptops: dict[str, Laptop]) -> None:
    report = laptops["year"].context.statistics.compute("2026-01", "2026-12")
    assert report.atoms is not None
    pairs = [(v, p) for _, v, p in report.atoms.items()]
    differences = [p - v for v, p in pairs]
    assert abs(sum(differences) / len(differences)) < 0.1
    assert all(-2 <= p <= 6 for v, p in pairs if v <= 4)  # small counts: within -2..6
    assert all(abs(p - v) <= 2 for v, p in pairs if v > 4)
