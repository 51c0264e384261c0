"""The coordinator dashboard: real widgets, real charts, counting off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import QAbstractBarSeries
from PySide6.QtCore import QDate

from intake_app.bootstrap.context import AppContext
from intake_app.core.statistics import StatisticsReport
from intake_app.ui.stats_dashboard import StatsDashboard
from tests.stats_generator import generate

SHOTS = Path("/tmp/stats-shots")


def _dashboard(qtbot, context: AppContext) -> StatsDashboard:
    generate(context.storage.engine, 600, seed=5, days=180)
    view = StatsDashboard(context.statistics, context.translators.dutch())
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.from_edit.setDate(QDate(2026, 1, 1))
    view.to_edit.setDate(QDate(2026, 6, 1))
    return view


def test_dashboard_counts_off_the_gui_thread_and_draws_real_charts(
    qtbot, gui_app, context: AppContext, tmp_path: Path
) -> None:
    view = _dashboard(qtbot, context)
    assert view.neighbourhood.count() == 1 + 4  # "Alle wijken" and the four invented ones
    with qtbot.waitSignal(view.finished, timeout=20000) as blocker:
        view.refresh()
        assert not view.refresh_button.isEnabled()  # busy while the worker counts
    report = blocker.args[0]
    assert isinstance(report, StatisticsReport)
    assert view.progress.value() == view.progress.maximum()
    assert str(report.sessions) in view.summary.text()

    chart = view.sessions_chart.chart()
    series = chart.series()[0]
    assert isinstance(series, QAbstractBarSeries)
    assert len(series.barSets()) == 2 and series.barSets()[0].count() == 6
    sessions = report.table("sessions")
    assert series.barSets()[0].at(0) == float(sessions.shown_value(0, 0) or 0)
    interpreter = report.table("interpreter_mode")
    visible = [
        r
        for r, (row_id, _) in enumerate(interpreter.rows)
        if row_id != "not_answered" and interpreter.shown_value(r, 6) is not None
    ]
    assert view.interpreter_chart.chart().series()[0].barSets()[0].count() == len(visible)

    view.table_choice.setCurrentIndex(view.table_choice.findData("interpreter_mode"))
    assert view.table.rowCount() == len(report.table("interpreter_mode").rows) + 1
    assert view.table.item(view.table.rowCount() - 1, 6).text() == interpreter.display(
        len(interpreter.rows), 6
    )
    assert "gemeenteniveau" in view.reference.text() and view.reference.isVisibleTo(view)

    out = tmp_path / "dash.csv"
    with qtbot.waitSignal(view.exported, timeout=20000):
        view.export("csv", out)
    assert out.read_text(encoding="utf-8").startswith("\ufefftabel;")

    SHOTS.mkdir(exist_ok=True)
    view.show()
    qtbot.waitExposed(view)
    view.grab().save(str(SHOTS / "dashboard-nl.png"))
    view.table_choice.setCurrentIndex(view.table_choice.findData("informal_card"))
    view.grab().save(str(SHOTS / "dashboard-informal-nl.png"))


def test_dashboard_neighbourhood_filter_and_error_in_one_sentence(
    qtbot, gui_app, context: AppContext
) -> None:
    view = _dashboard(qtbot, context)
    view.neighbourhood.setCurrentIndex(view.neighbourhood.findData("Oosterpark"))
    with qtbot.waitSignal(view.finished, timeout=20000) as blocker:
        view.refresh()
    assert blocker.args[0].neighbourhood == "Oosterpark"
    assert "Oosterpark" in view.summary.text()

    view.threshold.setValue(7)
    assert view.legend.text().startswith("<7 = minder dan 7")
    with qtbot.waitSignal(view.finished, timeout=20000) as blocker:
        view.refresh()
    assert blocker.args[0].threshold == 7
    shown = {view.table.item(r, c).text() for r in range(view.table.rowCount())
             for c in range(view.table.columnCount())}  # fmt: skip
    assert "<7" in shown and "<5" not in shown

    view.from_edit.setDate(QDate(2026, 6, 1))
    view.to_edit.setDate(QDate(2026, 1, 1))
    with qtbot.waitSignal(view.failed, timeout=20000) as failed:
        view.refresh()
    assert failed.args[0] == "De eerste maand ligt na de laatste maand."
    assert view.refresh_button.isEnabled()


def test_charts_say_geen_gegevens_when_there_is_nothing_to_show(
    qtbot, gui_app, context: AppContext
) -> None:
    view = StatsDashboard(context.statistics, context.translators.dutch())
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.from_edit.setDate(QDate(2026, 1, 1))
    view.to_edit.setDate(QDate(2029, 12, 1))  # 48 empty months
    with qtbot.waitSignal(view.finished, timeout=20000):
        view.refresh()
    for chart_view in (view.sessions_chart, view.interpreter_chart, view.informal_chart):
        assert chart_view.chart().title().endswith("geen gegevens")
    view.show()
    qtbot.waitExposed(view)
    SHOTS.mkdir(exist_ok=True)
    view.grab().save(str(SHOTS / "dashboard-empty-nl.png"))


def test_the_coordinator_sets_the_neighbourhood_list_in_the_dashboard(
    qtbot, gui_app, context: AppContext
) -> None:
    view = StatsDashboard(context.statistics, context.translators.dutch())
    qtbot.addWidget(view)
    assert view.set_neighbourhoods("Noordwijk\n\nDe Hoek\n")
    names = [view.neighbourhood.itemData(i) for i in range(view.neighbourhood.count())]
    assert names == [None, "Noordwijk", "De Hoek"]
    with qtbot.waitSignal(view.failed, timeout=5000):
        assert not view.set_neighbourhoods("Wijk van 14-03-2026")
    assert context.statistics.neighbourhood_list() == ["Noordwijk", "De Hoek"]
