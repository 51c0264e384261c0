"""The statistics SQL on a real, throwaway PostgreSQL server (design.md §4, §10)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from intake_app.bootstrap.context import build_context
from tests.stats_generator import generate

PG_BIN = Path("/usr/lib/postgresql/15/bin")
pytestmark = pytest.mark.postgres


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    if not (PG_BIN / "initdb").exists() or shutil.which("runuser") is None:
        pytest.skip("PostgreSQL 15 (Debian package postgresql) is not installed")
    # Not under pytest's tmp folder: that one is closed to the postgres user.
    folder = Path(tempfile.mkdtemp(prefix="intake-stats-pg-"))
    shutil.chown(folder, "postgres")
    port = _free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_postgres, str(PG_BIN / "initdb"), "-D", f"{folder}/data", "-A", "trust",
                    "-U", "intake"], check=True, capture_output=True)  # fmt: skip
    subprocess.run([*as_postgres, str(PG_BIN / "pg_ctl"), "-D", f"{folder}/data", "-o",
                    f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "-l",
                    f"{folder}/log", "-w", "start"], check=True, capture_output=True)  # fmt: skip
    try:
        yield f"postgresql+psycopg://intake@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, str(PG_BIN / "pg_ctl"), "-D", f"{folder}/data", "-m",
                        "fast", "-w", "stop"], check=False, capture_output=True)  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def test_statistics_on_postgresql_match_an_independent_count(pg_url: str, tmp_path: Path) -> None:
    context = build_context(db_url=pg_url, data_dir=tmp_path)
    try:
        generated = generate(context.storage.engine, 300, seed=21, days=200)
        report = context.statistics.compute("2026-01", "2026-06")
        sessions = generated.counted(date(2026, 1, 1), date(2026, 7, 1))
        sessions_table = report.table("sessions")
        assert sessions_table.true_values is not None
        assert sessions_table.true_values[-1][-1] == len(sessions)
        language = report.table("language")
        assert language.true_values is not None
        expected = Counter(s["client_language"] for s in sessions.values())
        for r, (code, _) in enumerate(language.rows[:-1]):
            assert language.true_values[r][-1] == expected.get(code, 0)
        per_month = Counter(s["completed_at"].strftime("%Y-%m") for s in sessions.values())
        minutes = report.table("minutes").true_values
        assert minutes is not None
        assert list(minutes[-1][:-1]) == [per_month[f"2026-{m:02d}"] for m in range(1, 7)]
        assert context.statistics.check(report) == []
        out = context.statistics.export(report, tmp_path / "pg.csv")
        assert out.read_text(encoding="utf-8").startswith("\ufefftabel;")
        # The same sessions give the same perturbed atoms on PostgreSQL: a second run agrees.
        again = context.statistics.compute("2026-01", "2026-06")
        assert again.table("language").values == language.values
    finally:
        context.close()
