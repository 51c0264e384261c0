"""ORG-07 and STA-14 (issue 15, 18): the prevention indicator and "follow-up done" through the
cell key method. The true counts behind the published atoms match a plain-Python count over
the generated rows; the published numbers pass the export's own audit; the cost figures are
shown as the research's indicative figures, never as an amount about our sessions."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from intake_app.bootstrap.context import AppContext
from intake_app.services.statistics_tables import REFERENCES
from tests.stats_generator import generate
from tests.test_statistics_service import MONTHS, _by_month, _month, _true

BANDS = (("within_7", 8), ("8_14", 15), ("15_30", 31), ("31_60", 61))


def _band(days: int) -> str:
    return next((name for name, upper in BANDS if days < upper), "over_60")


def test_prevention_and_follow_up_done_match_an_independent_count(
    context: AppContext, tmp_path: Path
) -> None:
    generated = generate(context.storage.engine, 500, seed=11, days=200)
    sessions = generated.counted(date(2026, 1, 1), date(2026, 7, 1))
    rows = generated.rows
    report = context.statistics.compute("2026-01", "2026-06")

    resolved = _by_month(
        sessions, rows["urgency"], lambda r: r["type"] if r["resolved"] else None, True
    )
    assert sum(resolved.values()) > 20  # the generator plants resolved urgencies
    prevention = report.table("prevention")
    for row_id in ("eviction", "disconnection", "bailiff", "other"):
        for month in MONTHS:
            assert _true(prevention, row_id, month) == resolved.get((row_id, month), 0)

    # Follow-up done: every referral at an end status and every step done.
    items: dict[int, list[tuple[bool, date | None]]] = {}
    for r in rows["referral"]:
        still = r["status"] in ("planned", "appointment_made")
        items.setdefault(r["session_id"], []).append((still, None if still else r["status_on"]))
    for s in rows["next_step"]:
        items.setdefault(s["session_id"], []).append((not s["done"], None))
    state: Counter[tuple[str, str]] = Counter()
    days: Counter[tuple[str, str]] = Counter()
    for sid, session in sessions.items():
        month = _month(session["completed_at"])
        if sid not in items:
            state[("nothing_to_follow", month)] += 1
            continue
        if any(still for still, _ in items[sid]):
            state[("open", month)] += 1
            continue
        state[("done", month)] += 1
        dates = [d for _, d in items[sid] if d is not None]
        band = _band((max(dates) - session["completed_at"].date()).days) if dates else "unknown"
        days[(band, month)] += 1
    assert state and days
    done = report.table("follow_up_done")
    for row_id in ("done", "open", "nothing_to_follow"):
        for month in MONTHS:
            assert _true(done, row_id, month) == state.get((row_id, month), 0), (row_id, month)
    done_days = report.table("follow_up_done_days")
    for row_id, _ in done_days.rows:
        for month in MONTHS:
            assert _true(done_days, row_id, month) == days.get((row_id, month), 0)

    # Published through the cell key method and the export's audit, like every other table.
    assert context.statistics.check(report) == []
    out = context.statistics.export(report, tmp_path / "s.xlsx")
    sheet_text = " ".join(
        str(cell.value)
        for sheet in load_workbook(out).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )
    assert "€ 6.000" in sheet_text and "€ 13.500" in sheet_text and "Indicatief" in sheet_text
    assert "Indicatief" in REFERENCES["prevention"]
