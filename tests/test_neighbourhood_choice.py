"""A session's neighbourhood from the coordinator's list (STA-19, issue 15): chosen in the
counsellor's panel, stored through the gate, in the session file, counted on its row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intake_app.bootstrap.context import AppContext, build_context
from intake_app.core.errors import IntakeError
from intake_app.storage.database import sqlite_url
from intake_app.ui.controller import IntakeController
from intake_app.ui.neighbourhood_field import NeighbourhoodField


def test_the_counsellor_chooses_from_the_list_and_it_travels(
    context: AppContext, tmp_path: Path
) -> None:
    intake = context.intake
    state = intake.start_session("nl")
    assert intake.neighbourhood_choices() == []  # no list yet: nothing to choose
    with pytest.raises(IntakeError):
        intake.set_neighbourhood(state.id, "Noordwijk")
    context.statistics.set_neighbourhood_list(["Noordwijk", "Zuidhoek"])
    assert intake.neighbourhood_choices() == ["Noordwijk", "Zuidhoek"]
    with pytest.raises(IntakeError):
        intake.set_neighbourhood(state.id, "Noordwijk-Oost")  # not on the list: refused
    chosen = intake.set_neighbourhood(state.id, "  Noordwijk ")
    assert chosen.record is not None and chosen.record.neighbourhood == "Noordwijk"
    assert intake.open_session(state.id).record.neighbourhood == "Noordwijk"
    lines = [e for e in context.storage.audit.events() if e.target == f"session:{state.id}"]
    assert any(e.action == "changed" for e in lines)

    # In the session file, and back on another laptop.
    out = context.session_files.export_session(state.id, tmp_path / "s.json")
    assert json.loads(out.read_text(encoding="utf-8"))["session"]["neighbourhood"] == "Noordwijk"
    other = build_context(db_url=sqlite_url(tmp_path / "other.db"), data_dir=tmp_path / "o")
    try:
        item = other.session_files.import_session(out)
        assert other.intake.open_session(item.id).record.neighbourhood == "Noordwijk"
    finally:
        other.close()

    assert intake.set_neighbourhood(state.id, "").record.neighbourhood == ""  # cleared


def test_the_panel_field_offers_the_list_and_stores_the_choice(
    qtbot, gui_app, context: AppContext
) -> None:
    context.statistics.set_neighbourhood_list(["Noordwijk", "Zuidhoek"])
    controller = IntakeController(context.intake, context.translators.dutch())
    state = controller.start("nl")
    assert state is not None
    field = NeighbourhoodField(controller, context.translators.dutch())
    qtbot.addWidget(field)
    field.show_record(state.record)
    qtbot.waitUntil(lambda: not controller.reading)  # the list is read on the worker
    assert [field.choice.itemText(i) for i in range(field.choice.count())] == [
        "geen wijk gekozen",
        "Noordwijk",
        "Zuidhoek",
    ]
    assert field.choice.isEnabled() and field.label.buddy() is field.choice
    field.choice.setCurrentIndex(2)
    field.choice.activated.emit(2)  # as a keyboard or mouse choice does
    qtbot.waitUntil(
        lambda: context.intake.open_session(state.id).record.neighbourhood == "Zuidhoek"
    )
