"""The main window: the start screen and the intake screen in one stack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from intake_app.bootstrap.context import AppContext
from intake_app.i18n.translator import Translator
from intake_app.ui.controller import IntakeController
from intake_app.ui.directory_view import DirectoryView
from intake_app.ui.follow_up_view import FollowUpView
from intake_app.ui.intake_view import IntakeView
from intake_app.ui.start_view import StartView


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, ui: Translator) -> None:
        super().__init__()
        self.context = context
        self.tr_ui = ui
        self.controller = IntakeController(context.intake, ui)
        self.start_view = StartView(ui)
        self.intake_view = IntakeView(
            self.controller, context.intake.flow, context.translators, ui, context.practice_cases
        )
        self.last_error_box: QMessageBox | None = None
        self.follow_ups = FollowUpView(context.intake, ui)
        self.directory_view = DirectoryView(context.directory, ui)
        self.home = QTabWidget()
        self.home.addTab(self.start_view, "")
        self.home.addTab(self.follow_ups, "")
        self.home.addTab(self.directory_view, "")
        # The coordinator's figures load QtCharts: built when the tab is first opened.
        self.stats_tab = QWidget()
        QVBoxLayout(self.stats_tab).setContentsMargins(0, 0, 0, 0)
        self.stats_dashboard: QWidget | None = None
        self.home.addTab(self.stats_tab, "")
        self.home.currentChanged.connect(self._home_tab_changed)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.intake_view)
        self.setCentralWidget(self.stack)
        self.resize(1280, 760)
        self.setMinimumSize(1024, 640)

        self.start_view.new_requested.connect(self._start)
        self.start_view.resume_requested.connect(self._resume)
        self.intake_view.closed.connect(self.show_start)
        self.controller.sessions_listed.connect(self.start_view.show_sessions)
        self.controller.failed.connect(self._show_error)
        self.controller.printed.connect(self._printed)
        self.follow_ups.open_requested.connect(self._resume)
        self.directory_view.failed.connect(self._show_error)
        self.retranslate_ui()
        self.show_start()

    def show_start(self) -> None:
        self.controller.refresh_sessions()
        self.home.setCurrentWidget(self.start_view)
        self.stack.setCurrentWidget(self.home)

    def _home_tab_changed(self, _index: int) -> None:
        if self.home.currentWidget() is self.follow_ups:
            error = self.follow_ups.refresh()
            if error:
                self._show_error(error)
        elif self.home.currentWidget() is self.directory_view:
            self.directory_view.refresh()
        elif self.home.currentWidget() is self.stats_tab and self.stats_dashboard is None:
            from intake_app.ui.stats_dashboard import StatsDashboard

            dashboard = StatsDashboard(self.context.statistics, self.tr_ui)
            dashboard.failed.connect(self._show_error)
            layout = self.stats_tab.layout()
            assert layout is not None
            layout.addWidget(dashboard)
            self.stats_dashboard = dashboard

    def _start(self, language: str, practice: bool = False) -> None:
        if self.controller.start(language, practice=practice) is not None:
            self.stack.setCurrentWidget(self.intake_view)
            self.intake_view.begin_visit()

    def _resume(self, session_id: int) -> None:
        if self.controller.open(session_id) is not None:
            self.stack.setCurrentWidget(self.intake_view)
            self.intake_view.begin_visit()

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        # open(), not exec(): the window stays responsive and nothing typed is lost.
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr_ui.gettext("Dat lukte niet"), message, parent=self
        )
        box.open()
        self.last_error_box = box

    def _printed(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr_ui.format("Opgeslagen: {path}", path=path), 15000)

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.setWindowTitle(t.gettext("Samen kijken naar geld en post"))
        self.home.setTabText(self.home.indexOf(self.start_view), t.gettext("Gesprekken"))
        self.home.setTabText(self.home.indexOf(self.follow_ups), t.gettext("Nazorg"))
        self.home.setTabText(self.home.indexOf(self.directory_view), t.gettext("Sociale kaart"))
        self.home.setTabText(self.home.indexOf(self.stats_tab), t.gettext("Cijfers"))
        self.follow_ups.retranslate_ui()
        self.directory_view.retranslate_ui()
        self.start_view.retranslate_ui()
        self.intake_view.retranslate_ui()
