"""STA-20: the optional three-smiley feedback is counted through the statistics service, with
the cell key method like every published count, and a skipped answer lands in "Niet
besproken". The feedback is an answer of the session's ``client_feedback`` card: it is
stored with the session only (no name, no free text) and read by no printed document."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from pathlib import Path

from intake_app.bootstrap.context import AppContext
from intake_app.content.loader import load_flow
from intake_app.core.cell_key import HIGH_SMALL
from intake_app.services.statistics_tables import SPECS, counted_cards
from tests.stats_generator import NEIGHBOURHOODS, Generated, generate, insert

MONTHS = [f"2026-{m:02d}" for m in range(1, 7)]
FACES = ("good", "okay", "not_good")
REPO = Path(__file__).resolve().parents[1]


def _feedback(context: AppContext, generated: Generated) -> list[dict[str, object]]:
    """A face for about two in three sessions; the rest skipped ("hoeft niet")."""
    rng = random.Random(5)
    rows = []
    for session in generated.sessions():
        if rng.random() < 0.65:
            rows.append(
                {"session_id": session["id"], "card_id": "client_feedback",
                 "option_id": rng.choice(FACES)}
            )  # fmt: skip
    extra = Generated({name: [] for name in generated.rows})
    extra.rows["answer_option"] = rows
    insert(context.storage.engine, extra)
    return rows


def test_the_smileys_are_a_card_the_statistics_count() -> None:
    flow = load_flow(REPO / "resources" / "content")
    card = flow.card("client_feedback")
    spec = next(s for s in SPECS if s.id == "client_feedback")
    assert spec.requirement == "STA-20"
    assert {o.id for o in card.options} == {row_id for row_id, _ in spec.rows} == set(FACES)
    assert "client_feedback" in counted_cards()


def test_sta_20_smileys_counted_with_the_cell_key_method(context: AppContext) -> None:
    generated = generate(context.storage.engine, 400, seed=3, days=180)
    feedback = _feedback(context, generated)
    report = context.statistics.compute("2026-01", "2026-06")
    table = report.table("client_feedback")
    assert table.true_values is not None
    sessions = generated.counted(date(2026, 1, 1), date(2026, 7, 1))

    expected: Counter[tuple[str, str]] = Counter()
    answered: Counter[str] = Counter()
    for row in feedback:
        session = sessions.get(int(str(row["session_id"])))
        if session is not None:
            month = session["completed_at"].strftime("%Y-%m")
            expected[(str(row["option_id"]), month)] += 1
            answered[month] += 1
    per_month = Counter(s["completed_at"].strftime("%Y-%m") for s in sessions.values())
    assert sum(expected.values()) > 100  # enough to mean something

    def true(row_id: str, month: str) -> int:
        assert table.true_values is not None
        return table.true_values[table.row_ids.index(row_id)][table.column_ids.index(month)]

    def published(row_id: str, month: str) -> int:
        return table.values[table.row_ids.index(row_id)][table.column_ids.index(month)]

    for month in MONTHS:
        for face in FACES:
            assert true(face, month) == expected[(face, month)]
            # A month cell is the sum of one perturbed atom per neighbourhood
            # (docs/statistics.md): each atom moves a little, never far.
            bound = HIGH_SMALL * len(NEIGHBOURHOODS)
            assert abs(published(face, month) - true(face, month)) <= bound
        # Skipped (or never asked): the rest of the month's sessions.
        assert true("not_answered", month) == per_month[month] - answered[month]
    # Published values are the perturbed ones: somewhere a count moved.
    moved = [
        (face, month)
        for face in FACES
        for month in MONTHS
        if published(face, month) != true(face, month)
    ]
    assert moved
