"""Statistics over 100,000 generated sessions: aggregate + suppress + write CSV (budget: 2 s).

The sessions (with about a million answer, debt and other rows) are inserted once with bulk
SQL by tests/stats_generator.py; the benchmark times only the work a coordinator waits for.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.storage.database import sqlite_url
from tests.stats_generator import generate

SESSIONS = 100_000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("stats")
    context = build_context(db_url=sqlite_url(folder / "big.db"), data_dir=folder)
    generate(context.storage.engine, SESSIONS, seed=100, days=365)
    yield context, folder
    context.close()


def test_statistics_100k_sessions_aggregate_suppress_write_csv(
    benchmark, big: tuple[AppContext, Path]
) -> None:
    context, folder = big
    out = folder / "stats.csv"

    cpu: list[float] = []

    def run() -> int | None:
        start = time.process_time()
        report = context.statistics.compute("2026-01", "2026-12")
        context.statistics.export(report, out)
        cpu.append(time.process_time() - start)
        return report.sessions

    sessions = benchmark.pedantic(run, rounds=3, iterations=1, warmup_rounds=1)
    # CPU seconds of all threads: on a machine busy with other work, wall time says little.
    benchmark.extra_info["cpu_seconds_min"] = round(min(cpu), 3)
    print(f"CPU time per run: {', '.join(f'{c:.2f}' for c in cpu)} s")
    assert sessions is not None and sessions > 80_000
    assert out.stat().st_size > 10_000
