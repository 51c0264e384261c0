"""A step change in the client view: the next card built and laid out (budget: 16 ms)."""

from __future__ import annotations

from pathlib import Path

from intake_app.bootstrap.context import build_context
from intake_app.i18n.translator import Translator
from intake_app.storage.database import sqlite_url


def test_client_view_step_change(benchmark, qapp, tmp_path: Path) -> None:
    from intake_app.ui.client_view import ClientView

    context = build_context(db_url=sqlite_url(tmp_path / "bench.db"), data_dir=tmp_path)
    flow = context.intake.flow
    view = ClientView(flow, context.translators.get("ar"), Translator("nl", context.paths.catalogs))
    view.resize(1000, 700)
    view.show()
    cards = [c for c in flow.cards() if c.options]  # the heaviest steps: pictogram grids
    position = {"index": 0}

    def step() -> None:
        card = cards[position["index"] % len(cards)]
        position["index"] += 1
        view.show_card(card)
        view.grab()  # forces layout and a full paint of the new card

    benchmark.pedantic(step, rounds=60, iterations=1, warmup_rounds=len(cards))
    context.close()
