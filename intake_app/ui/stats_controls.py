"""The dashboard's neighbourhood list and file exports (a mixin of StatsDashboard).

The coordinator's list of neighbourhoods (STA-19: typed one a line, offered as a filter)
and saving the shown report as CSV, Excel or PDF. Kept apart from ui/stats_dashboard.py
(filters, counting, summary, charts and table) because these are the dashboard's two
dialogs with the coordinator: each asks for something and hands it to the service.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QInputDialog, QLabel, QProgressBar, QWidget

from intake_app.core.errors import IntakeError
from intake_app.core.statistics import StatisticsReport
from intake_app.i18n.translator import Translator
from intake_app.services.statistics import StatisticsService
from intake_app.ui.stats_job import Work

# A mixin of a QWidget: mypy checks it as one, at run time it is a plain class.
if TYPE_CHECKING:
    from collections.abc import Callable

    _DashboardBase = QWidget
else:
    _DashboardBase = object


class StatsControls(_DashboardBase):
    """StatsDashboard provides the attributes and signals below."""

    service: StatisticsService
    tr_ui: Translator
    report: StatisticsReport | None
    neighbourhood: QComboBox
    summary: QLabel
    progress: QProgressBar

    if TYPE_CHECKING:
        exported = Signal(object)
        failed = Signal(str)

        def _run(self, work: Work, done: Callable[[object], None]) -> None: ...
        def _busy(self, busy: bool) -> None: ...

    # -- the coordinator's neighbourhoods ---------------------------------------------
    def _load_neighbourhoods(self) -> None:
        self.neighbourhood.clear()
        self.neighbourhood.addItem(self.tr_ui.gettext("Alle wijken"), None)
        try:
            names = self.service.neighbourhoods()
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            names = []
        for name in names:
            self.neighbourhood.addItem(name, name)

    def _ask_neighbourhoods(self) -> None:
        try:
            current = "\n".join(self.service.neighbourhood_list())
        except IntakeError as exc:
            self.failed.emit(exc.render(self.tr_ui.gettext))
            return
        text, accepted = QInputDialog.getMultiLineText(
            self,
            self.tr_ui.gettext("Wijken"),
            self.tr_ui.gettext("De wijken voor de statistiek, één per regel:"),
            current,
        )
        if accepted:
            self.set_neighbourhoods(text)

    def set_neighbourhoods(self, text: str) -> bool:
        """Keep the list typed by the coordinator (one name a line); False if refused."""
        try:
            self.service.set_neighbourhood_list(text.splitlines())
        except IntakeError as exc:
            message = exc.render(self.tr_ui.gettext)
            self.summary.setText(message)
            self.failed.emit(message)
            return False
        self._load_neighbourhoods()
        return True

    # -- exports ----------------------------------------------------------------------
    def export(self, fmt: str, out: Path) -> None:
        report = self.report
        if report is None:
            return
        self._run(lambda _progress: self.service.export(report, out, fmt), self._exported)

    def _ask_export(self, fmt: str) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr_ui.gettext("Statistiek opslaan"), f"statistiek.{fmt}", f"*.{fmt}"
        )
        if name:
            self.export(fmt, Path(name))

    def _exported(self, path: object) -> None:
        self._busy(False)
        self.progress.setValue(self.progress.maximum())
        self.summary.setText(self.tr_ui.format("Opgeslagen: {path}", path=path))
        self.exported.emit(path)
