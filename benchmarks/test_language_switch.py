"""Live language switch of the whole window (budget: 100 ms, design.md section 9)."""

from __future__ import annotations

from itertools import cycle
from pathlib import Path

from PySide6.QtCore import Qt

from intake_app.bootstrap.context import build_context
from intake_app.i18n.translator import Translator
from intake_app.storage.database import sqlite_url
from intake_app.ui.main_window import MainWindow

BUDGET_SECONDS = 0.100


def test_switch_client_and_counsellor_language(benchmark, qtbot, tmp_path: Path) -> None:
    context = build_context(db_url=sqlite_url(tmp_path / "bench.db"), data_dir=tmp_path)
    window = MainWindow(context, Translator("nl", context.paths.catalogs))
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.start_view.new_button, Qt.MouseButton.LeftButton)
    languages = cycle(["ar", "ti", "fa_AF", "tr", "uk", "nl"])

    def switch() -> None:
        code = next(languages)
        window.set_client_language(code)  # stored in the database, then retranslated
        window.set_ui_language(code)
        window.repaint()

    benchmark.pedantic(switch, rounds=30, iterations=1, warmup_rounds=6)
    assert benchmark.stats.stats.median < BUDGET_SECONDS
    context.close()
