"""Statistics export of 48 months at 10,000 sessions, disclosure check included: ≤ 2 s.

Budget from issue 16 and design.md §9 (a laptop after three years). Timed: compute (grouped
SQL, cell key perturbation with the per-block audit) and the CSV export (the reader's check,
the atoms re-audited, the file written). The budget is on WALL-CLOCK seconds: what the
coordinator waits for. On a shared machine other processes steal the cores, so the run
records the load average beside the numbers, and the budget is checked on the fastest of the
rounds (the one least disturbed, as ``timeit`` does); the median and the CPU seconds are
reported too (docs/statistics.md, "Cost", has the measured numbers).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.storage.database import sqlite_url
from tests.stats_generator import generate

SESSIONS = 10_000
BUDGET_SECONDS = 2.0


@pytest.fixture(scope="module")
def laptop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, Path]]:
    folder = tmp_path_factory.mktemp("stats48")
    context = build_context(db_url=sqlite_url(folder / "laptop.db"), data_dir=folder)
    generate(context.storage.engine, SESSIONS, seed=48, days=4 * 365)
    yield context, folder
    context.close()


def test_statistics_export_48_months_10k_sessions(
    benchmark, laptop: tuple[AppContext, Path]
) -> None:
    context, folder = laptop
    out = folder / "stats.csv"
    cpu: list[float] = []
    wall: list[float] = []

    def run() -> int | None:
        start, start_wall = time.process_time(), time.perf_counter()
        report = context.statistics.compute("2026-01", "2029-12")
        context.statistics.export(report, out)
        cpu.append(time.process_time() - start)
        wall.append(time.perf_counter() - start_wall)
        return report.sessions

    load_before = os.getloadavg()[0]
    sessions = benchmark.pedantic(run, rounds=5, iterations=1, warmup_rounds=1)
    load_after = os.getloadavg()[0]
    best_wall, median_wall = min(wall), statistics.median(wall)
    benchmark.extra_info["wall_seconds_min"] = round(best_wall, 3)
    benchmark.extra_info["wall_seconds_median"] = round(median_wall, 3)
    benchmark.extra_info["cpu_seconds_median"] = round(statistics.median(cpu), 3)
    benchmark.extra_info["load_average"] = f"{load_before:.1f} -> {load_after:.1f}"
    print(
        f"wall {', '.join(f'{w:.2f}' for w in wall)} s; CPU {', '.join(f'{c:.2f}' for c in cpu)}"
        f" s; load average {load_before:.1f} -> {load_after:.1f} on {os.cpu_count()} cores"
    )
    assert sessions is not None and sessions > 8_000
    assert best_wall <= BUDGET_SECONDS, (
        f"statistics took {best_wall:.2f} s wall clock at best (median {median_wall:.2f} s, "
        f"load {load_before:.1f}; budget 2 s)"
    )
