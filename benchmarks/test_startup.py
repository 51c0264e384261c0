"""Process start to the first painted window, offscreen, warm (budget: 1.0 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from intake_app.storage.database import sqlite_url


def test_start_to_first_paint(benchmark, tmp_path: Path) -> None:
    db = sqlite_url(tmp_path / "bench.db")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "intake_app.app", "--db", db, "--smoke-test"]
    subprocess.run(command, check=True, env=env, capture_output=True)  # warm: migrate, caches

    def start() -> None:
        subprocess.run(command, check=True, env=env, capture_output=True)

    benchmark.pedantic(start, rounds=5, iterations=1)
