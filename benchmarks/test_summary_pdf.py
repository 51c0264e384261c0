"""A 3-page client summary with Arabic, as PDF bytes (budget: 1.0 s, design.md section 9)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from intake_app.bootstrap.context import build_context
from intake_app.services.summaries import PrintOptions
from intake_app.storage.database import sqlite_url
from tests.pdf_text import pages
from tests.summary_data import make_session

EXTRA_STEPS = 4  # with these, the Arabic client summary fills three pages
OPTIONS = PrintOptions(counsellor="Sanne", show_remittances=True)


def _session(tmp_path: Path) -> int:
    context = build_context(db_url=sqlite_url(tmp_path / "bench.db"), data_dir=tmp_path)
    sid = make_session(context.storage.sessions, "ar", extra_steps=EXTRA_STEPS)
    context.close()
    return sid


def test_arabic_client_summary_three_pages(benchmark, tmp_path: Path) -> None:
    """In the running app: database read, content, layout, pictograms, fonts subset."""
    sid = _session(tmp_path)
    context = build_context(db_url=sqlite_url(tmp_path / "bench.db"), data_dir=tmp_path)
    data = context.summaries.render(sid, "client", OPTIONS)  # the first print, see below
    assert pages(data, tmp_path) == 3

    result = benchmark.pedantic(
        lambda: context.summaries.render(sid, "client", OPTIONS), rounds=10, iterations=1
    )
    assert result == data
    context.close()


_FIRST_PRINT = """
import time
from pathlib import Path
from intake_app.bootstrap.context import build_context
from intake_app.services.summaries import PrintOptions
context = build_context(db_url={url!r}, data_dir=Path({data!r}))
if {warm}:
    context.summaries.warm_up()  # what the app does on a worker thread after start
start = time.perf_counter()
context.summaries.render({sid}, "client", PrintOptions(show_remittances=True))
print(time.perf_counter() - start)
"""


def _first_print(benchmark, tmp_path: Path, *, warm: bool) -> list[float]:
    sid = _session(tmp_path)
    script = textwrap.dedent(
        _FIRST_PRINT.format(
            url=sqlite_url(tmp_path / "bench.db"), data=str(tmp_path), warm=warm, sid=sid
        )
    )
    seconds: list[float] = []

    def first_print() -> None:
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        ).stdout
        seconds.append(float(out.split()[-1]))

    benchmark.pedantic(first_print, rounds=3, iterations=1)
    benchmark.extra_info["render_seconds"] = seconds
    return seconds


def test_first_print_after_warm_up(benchmark, tmp_path: Path) -> None:
    seconds = _first_print(benchmark, tmp_path, warm=True)
    print(f"\nfirst print after warm-up: {min(seconds):.3f}-{max(seconds):.3f} s")
    assert max(seconds) < 1.0


def test_first_print_cold(benchmark, tmp_path: Path) -> None:
    """No warm-up: pays for importing ReportLab and svglib and parsing every pictogram."""
    seconds = _first_print(benchmark, tmp_path, warm=False)
    print(f"\nfirst print cold (imports included): {min(seconds):.3f}-{max(seconds):.3f} s")
