"""The coordinator's dashboard: anonymous statistics with charts, tables and exports.

Only suppressed figures reach this view (the service returns a StatisticsReport). This
module holds the filters, the summary and prevention lines, the table and the layout;
the charts are drawn in ui/stats_charts.py, the neighbourhood list and file exports are a
mixin in ui/stats_controls.py, and counting and writing files run as a ui/stats_job.py
job on a QThreadPool worker, so the window stays responsive and shows progress.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.core.statistics import (
    DEFAULT_THRESHOLD,
    HIDDEN_SECONDARY,
    MINIMUM_THRESHOLD,
    StatisticsReport,
    small_label,
)
from intake_app.i18n.translator import Translator
from intake_app.services.prevention import COST_REFERENCES, resolved_totals
from intake_app.services.statistics import StatisticsService
from intake_app.ui.stats_charts import chart_view, monthly_chart, replace_chart, totals_chart
from intake_app.ui.stats_controls import StatsControls
from intake_app.ui.stats_job import StatsJob, Work


def _month(date: QDate) -> str:
    return f"{date.year():04d}-{date.month():02d}"


class StatsDashboard(StatsControls, QWidget):
    """Filters (period, neighbourhood, threshold), charts, one table at a time, exports."""

    finished = Signal(object)  # StatisticsReport
    exported = Signal(object)  # Path
    failed = Signal(str)

    def __init__(
        self,
        service: StatisticsService,
        ui: Translator,
        parent: QWidget | None = None,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statsDashboard")
        self.service = service
        self.tr_ui = ui
        self.pool = pool or QThreadPool.globalInstance()
        self.report: StatisticsReport | None = None
        self._jobs: set[StatsJob] = set()

        today = QDate.currentDate()
        self.from_label, self.to_label = QLabel(), QLabel()
        self.from_edit = QDateEdit(QDate(today.year(), 1, 1))
        self.to_edit = QDateEdit(QDate(today.year(), today.month(), 1))
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("yyyy-MM")
        self.neighbourhood_label = QLabel()
        self.neighbourhood = QComboBox()
        self.neighbourhoods_button = QPushButton()  # the coordinator's list (STA-19)
        self.neighbourhoods_button.clicked.connect(self._ask_neighbourhoods)
        self.threshold_label = QLabel()
        self.threshold = QSpinBox()
        self.threshold.setRange(MINIMUM_THRESHOLD, 50)
        self.threshold.setValue(service.threshold or DEFAULT_THRESHOLD)
        self.threshold.valueChanged.connect(lambda _value: self.retranslate_ui())
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("primaryButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.progress = QProgressBar()
        self.progress.setRange(0, 3)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(180)

        filters = QHBoxLayout()
        for widget in (
            self.from_label, self.from_edit, self.to_label, self.to_edit,
            self.neighbourhood_label, self.neighbourhood, self.neighbourhoods_button,
            self.threshold_label, self.threshold,
            self.refresh_button, self.progress,
        ):  # fmt: skip
            filters.addWidget(widget)
        filters.addStretch(1)

        self.summary = QLabel()
        self.summary.setObjectName("statsSummary")
        self.summary.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.prevention = QLabel()  # ORG-07: resolved on the spot, with indicative costs
        self.prevention.setObjectName("statsPrevention")
        self.prevention.setWordWrap(True)

        self.sessions_chart = chart_view()
        self.interpreter_chart = chart_view()
        self.informal_chart = chart_view()
        charts = QGridLayout()
        charts.addWidget(self.sessions_chart, 0, 0)
        charts.addWidget(self.interpreter_chart, 0, 1)
        charts.addWidget(self.informal_chart, 0, 2)

        self.table_choice = QComboBox()
        self.table_choice.currentIndexChanged.connect(self._show_table)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.reference = QLabel()
        self.reference.setWordWrap(True)
        self.reference.setObjectName("statsReference")

        self.export_buttons: dict[str, QPushButton] = {}
        exports = QHBoxLayout()
        exports.addWidget(self.table_choice, 1)
        for fmt in ("csv", "xlsx", "pdf"):
            button = QPushButton()
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, fmt=fmt: self._ask_export(fmt))
            self.export_buttons[fmt] = button
            exports.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.prevention)
        layout.addLayout(charts, 5)
        layout.addLayout(exports)
        layout.addWidget(self.table, 4)
        layout.addWidget(self.reference)
        layout.addWidget(self.legend)
        self._load_neighbourhoods()
        self.retranslate_ui()

    # -- running a job on the worker (ui/stats_job.py) ----------------------------------------
    def _run(self, work: Work, done: Callable[[object], None]) -> None:
        job = StatsJob(work)
        self._jobs.add(job)  # keep the Python object alive until it reports
        job.signals.progress.connect(self._progress)

        def finished(result: object) -> None:
            self._jobs.discard(job)
            done(result)

        def failed(error: object) -> None:
            self._jobs.discard(job)
            self._failed(error)

        job.signals.done.connect(finished)
        job.signals.failed.connect(failed)
        self._busy(True)
        self.pool.start(job)

    def _busy(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)
        for button in self.export_buttons.values():
            button.setEnabled(not busy and self.report is not None)
        if busy:
            self.progress.setValue(0)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _failed(self, error: object) -> None:
        self._busy(False)
        message = (
            error.render(self.tr_ui.gettext)
            if isinstance(error, IntakeError)
            else self.tr_ui.gettext("Er ging iets mis.")
        )
        self.summary.setText(message)
        self.failed.emit(message)

    # -- actions --------------------------------------------------------------------------------
    def refresh(self) -> None:
        first, last = _month(self.from_edit.date()), _month(self.to_edit.date())
        neighbourhood = self.neighbourhood.currentData()
        threshold = self.threshold.value()
        self.summary.setText(self.tr_ui.gettext("Bezig met tellen…"))
        self._run(
            lambda progress: self.service.compute(
                first, last, neighbourhood, threshold, progress=progress
            ),
            self._show_report,
        )

    # -- showing a report -----------------------------------------------------------------------
    def _show_report(self, result: object) -> None:
        assert isinstance(result, StatisticsReport)
        self.report = result
        self._busy(False)
        self.progress.setValue(self.progress.maximum())
        self._show_summary()
        self._show_prevention()
        self._draw_charts()
        current = self.table_choice.currentData()
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for table in result.tables:
            self.table_choice.addItem(self.tr_ui.gettext(table.title), table.id)
        index = self.table_choice.findData(current)
        self.table_choice.setCurrentIndex(max(index, 0))
        self.table_choice.blockSignals(False)
        self._show_table()
        self.finished.emit(result)

    def _show_summary(self) -> None:
        report = self.report
        if report is None:
            self.summary.setText(self.tr_ui.gettext("Kies een periode en klik op Bijwerken."))
            return
        where = report.neighbourhood or self.tr_ui.gettext("alle wijken")
        if report.sessions is None:
            count = self.tr_ui.format("minder dan {n} gesprekken", n=report.threshold)
        else:
            count = self.tr_ui.format("ongeveer {n} gesprekken", n=report.sessions)
        self.summary.setText(
            self.tr_ui.format(
                "{first} tot en met {last}, {where}: {count}. Oefengesprekken tellen niet mee.",
                first=report.first_month,
                last=report.last_month,
                where=where,
                count=count,
            )
        )

    def _show_prevention(self) -> None:
        """ORG-07 in one line: the published counts and the research's indicative costs."""
        t, report = self.tr_ui, self.report
        totals = resolved_totals(report) if report is not None else {}
        if report is None or not totals:
            self.prevention.setText("")
            return

        def shown(row_id: str) -> str:
            value = totals.get(row_id)
            return str(value) if value is not None else f"<{report.threshold}"

        def euros(key: str) -> str:
            return f"{COST_REFERENCES[key]:,}".replace(",", ".")

        self.prevention.setText(
            t.format(
                "Preventie, meteen opgelost: uitzetting {eviction}, afsluiting {disconnection}, "
                "deurwaarder {bailiff}, anders {other}. Indicatief, uit onderzoek: een "
                "huisuitzetting kost al snel € {eviction_cost}, een plaats in een pleeggezin "
                "€ {foster_cost}.",
                eviction=shown("eviction"),
                disconnection=shown("disconnection"),
                bailiff=shown("bailiff"),
                other=shown("other"),
                eviction_cost=euros("eviction"),
                foster_cost=euros("foster_care"),
            )
        )

    def _show_table(self) -> None:
        report = self.report
        if report is None or self.table_choice.currentIndex() < 0:
            return
        table = report.table(self.table_choice.currentData())
        labels = [self.tr_ui.gettext(label) for _, label in table.rows] + [
            self.tr_ui.gettext("Totaal")
        ]
        columns = [*table.columns, self.tr_ui.gettext("Totaal")]
        self.table.clear()
        self.table.setRowCount(len(labels))
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setVerticalHeaderLabels(labels)
        for r in range(len(labels)):
            for c in range(len(columns)):
                item = QTableWidgetItem(table.display(r, c))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if r == len(labels) - 1 or c == len(columns) - 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        # Up to a year fits the width; more months scroll, each column wide enough for its
        # "2026-03" (stretched, 48 months would be elided to "026-0").
        mode = (
            QHeaderView.ResizeMode.Stretch
            if len(columns) <= 13
            else QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setSectionResizeMode(mode)
        self.reference.setText(self.tr_ui.gettext(table.reference) if table.reference else "")
        self.reference.setVisible(bool(table.reference))

    def _draw_charts(self) -> None:
        report, t = self.report, self.tr_ui
        if report is None:
            return
        replace_chart(self.sessions_chart, monthly_chart(report.table("sessions"), t))
        replace_chart(
            self.interpreter_chart,
            totals_chart(report.table("interpreter_mode"), t, skip={"not_answered"}),
        )
        replace_chart(self.informal_chart, totals_chart(report.table("informal_card"), t))

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.from_label.setText(t.gettext("Van"))
        self.to_label.setText(t.gettext("Tot en met"))
        self.neighbourhood_label.setText(t.gettext("Wijk"))
        self.neighbourhoods_button.setText(t.gettext("Wijken…"))
        self.threshold_label.setText(t.gettext("Drempel"))
        self.refresh_button.setText(t.gettext("Bijwerken"))
        self.export_buttons["csv"].setText(t.gettext("Opslaan als CSV"))
        self.export_buttons["xlsx"].setText(t.gettext("Opslaan als Excel"))
        self.export_buttons["pdf"].setText(t.gettext("Opslaan als pdf"))
        self.legend.setText(
            t.format(
                "{small} = minder dan {n} (ook 0). Alle aantallen zijn licht verstoord, zodat "
                "niemand te herkennen is; totalen zijn sommen van de getoonde cellen. "
                "{hidden} = onbekend na samenvoegen. Verborgen aantallen staan niet in de "
                "grafieken (* bij een maand). Geen namen, notities of datums: alleen aantallen "
                "per maand.",
                small=small_label(self.threshold.value()),
                n=self.threshold.value(),
                hidden=HIDDEN_SECONDARY,
            )
        )
        self._show_summary()
        if self.report is not None:
            self._draw_charts()
            self._show_table()


__all__ = ["StatsDashboard"]
