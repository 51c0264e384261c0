"""The dashboard's charts: QtCharts bar charts drawn from suppressed statistics tables.

Kept apart from ui/stats_dashboard.py (filters, summary, table, exports) because drawing
is self-contained: each function gets a table and the translator and returns a chart, and
touches no other widget. Hidden small numbers never reach a chart (the table shows "<5").
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from intake_app.core.statistics import SuppressedTable
from intake_app.i18n.translator import Translator

ACCENT = QColor("#2f6f73")
SOFT = QColor("#9cc5c0")


def chart_view() -> QChartView:
    view = QChartView(QChart())
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view


def replace_chart(view: QChartView, chart: QChart) -> None:
    """The view owns its chart; it lets go of the old one, so delete that here."""
    old = view.chart()
    view.setChart(chart)
    if old is not None:
        old.deleteLater()


def empty_chart(chart: QChart, title: str, t: Translator) -> QChart:
    """A chart with nothing to draw says so, instead of staying blank."""
    chart.setTitle(t.format("{title}: geen gegevens", title=title))
    chart.legend().setVisible(False)
    return chart


def monthly_chart(table: SuppressedTable, t: Translator) -> QChart:
    chart = QChart()
    title = t.gettext(table.title)
    chart.setTitle(title)
    if all(table.shown_value(r, c) is None for r in range(len(table.rows))
           for c in range(len(table.columns))):  # fmt: skip
        return empty_chart(chart, title, t)
    series = QStackedBarSeries()
    for r, (_row_id, label) in enumerate(table.rows):
        bars = QBarSet(t.gettext(label))
        bars.setColor(ACCENT if r == 0 else SOFT)
        for c in range(len(table.columns)):
            bars.append(float(table.shown_value(r, c) or 0))
        series.append(bars)
    chart.addSeries(series)
    # "2026-03" as "03-26": the whole month names do not fit under a bar.
    months = [
        f"{column[5:]}-{column[2:4]}"
        + ("" if table.shown_value(len(table.rows), c) is not None else "*")
        for c, column in enumerate(table.columns)
    ]
    _axes(chart, series, months, horizontal=False)
    return chart


def totals_chart(table: SuppressedTable, t: Translator, skip: set[str] | None = None) -> QChart:
    chart = QChart()
    title = t.gettext(table.title)
    chart.setTitle(title)
    bars = QBarSet(t.gettext(table.unit))
    bars.setColor(ACCENT)
    names = []
    total_column = len(table.columns)
    for r, (row_id, label) in enumerate(table.rows):
        if skip and row_id in skip:
            continue
        value = table.shown_value(r, total_column)
        if value is None:
            continue  # hidden small numbers stay out of the chart (the table shows "<5")
        names.append(_short(t.gettext(label)))
        bars.append(float(value))
    if not names:
        return empty_chart(chart, title, t)
    # A horizontal chart draws its first category at the bottom: reverse to read top-down.
    values = [bars.at(i) for i in range(bars.count())]
    bars.remove(0, bars.count())
    bars.append(list(reversed(values)))
    names.reverse()
    series = QHorizontalBarSeries()
    series.append(bars)
    chart.addSeries(series)
    _axes(chart, series, names, horizontal=True)
    chart.legend().setVisible(False)
    return chart


def _axes(chart: QChart, series: object, names: list[str], *, horizontal: bool) -> None:
    small = QFont()
    small.setPointSize(8)
    title = QFont()
    title.setPointSize(10)
    title.setBold(True)
    chart.setTitleFont(title)
    chart.setMargins(QMargins(4, 4, 4, 4))
    categories = QBarCategoryAxis()
    categories.append(names)
    categories.setLabelsFont(small)
    if not horizontal and len(names) > 12:
        categories.setLabelsAngle(-90)  # many months: upright labels fit under thin bars
    # Qt shortens labels that seem too long to "0…" or "…": ours are short already.
    categories.setTruncateLabels(False)
    values = QValueAxis()
    values.setLabelsFont(small)
    values.setLabelFormat("%d")
    values.setTruncateLabels(False)
    values.applyNiceNumbers()
    chart.addAxis(
        categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom
    )
    chart.addAxis(
        values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
    )
    series.attachAxis(categories)  # type: ignore[attr-defined]
    series.attachAxis(values)  # type: ignore[attr-defined]
    values.setMin(0)
    values.applyNiceNumbers()
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)


def _short(label: str, limit: int = 28) -> str:
    """A category label that fits beside a bar: Qt would elide a long one to "…"."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
