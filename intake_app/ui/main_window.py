"""The main window: the start screen and the intake screen in one stack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QWidget

from intake_app.bootstrap.context import AppContext
from intake_app.i18n.translator import Translator
from intake_app.ui.controller import IntakeController
from intake_app.ui.intake_view import IntakeView
from intake_app.ui.start_view import StartView


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, ui: Translator) -> None:
        super().__init__()
        self.context = context
        self.tr_ui = ui
        self.controller = IntakeController(context.intake, ui)
        self.start_view = StartView(ui)
        self.intake_view = IntakeView(self.controller, context.intake.flow, context.translators, ui)
        self.last_error_box: QMessageBox | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_view)
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
        # Coordinator statistics in their own window; QtCharts loads on first use (start-up).
        self.stats_window: QWidget | None = None
        self.stats_action = self.menuBar().addAction("")
        self.stats_action.triggered.connect(self.show_statistics)
        self.retranslate_ui()
        self.show_start()

    def show_start(self) -> None:
        self.controller.refresh_sessions()
        self.stack.setCurrentWidget(self.start_view)

    def _start(self, language: str) -> None:
        if self.controller.start(language) is not None:
            self.stack.setCurrentWidget(self.intake_view)

    def _resume(self, session_id: int) -> None:
        if self.controller.open(session_id) is not None:
            self.stack.setCurrentWidget(self.intake_view)

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

    def show_statistics(self) -> QWidget:
        if self.stats_window is None:
            from intake_app.ui.stats_dashboard import StatsDashboard

            # A separate window, but a child: it closes and is deleted with the main window.
            self.stats_window = StatsDashboard(self.context.statistics, self.tr_ui, parent=self)
            self.stats_window.setWindowFlag(Qt.WindowType.Window, True)
            self.stats_window.setWindowTitle(self.tr_ui.gettext("Anonieme statistiek"))
            self.stats_window.resize(1366, 768)
        self.stats_window.show()
        self.stats_window.raise_()
        return self.stats_window

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr_ui.gettext("Samen kijken naar geld en post"))
        self.stats_action.setText(self.tr_ui.gettext("Statistiek"))
        self.start_view.retranslate_ui()
        self.intake_view.retranslate_ui()
