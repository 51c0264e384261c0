"""The main window: the start screen and the intake screen in one stack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from intake_app.bootstrap.context import AppContext
from intake_app.core.security import Permission
from intake_app.i18n.status import review_statuses
from intake_app.i18n.translator import Translator
from intake_app.ui.background import off_thread
from intake_app.ui.controller import IntakeController
from intake_app.ui.directory_view import DirectoryView
from intake_app.ui.follow_up_view import FollowUpView
from intake_app.ui.intake_view import IntakeView
from intake_app.ui.language_picker import LanguagePicker, ReviewStatusLabel
from intake_app.ui.qt_translations import use_qt_translations
from intake_app.ui.session_files import SessionFileActions
from intake_app.ui.start_view import StartView
from intake_app.ui.wheel_guard import install_wheel_guard


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, ui: Translator) -> None:
        super().__init__()
        install_wheel_guard(self)  # the wheel never changes a field without focus (issue 13)
        use_qt_translations(ui.code)  # Qt's own dialogs in the counsellor's language
        self.context = context
        self.tr_ui = ui
        # Only the services of the user's role exist (bootstrap/context.py): a coordinator's
        # context has no IntakeService, so the conversation tabs stay hidden and empty.
        self.controller = IntakeController(context.services.intake, ui)
        # Every other view gets its service through the controller's one worker (issue 20):
        # each call waited for off the GUI thread, in order with the intake's own calls.
        self.background = self.controller.background
        self.start_view = StartView(ui)
        self._intake_view: IntakeView | None = None  # built on first use (start-up)
        self.last_error_box: QMessageBox | None = None
        self.follow_ups = FollowUpView(context.services.intake, ui)
        self.directory_view = DirectoryView(off_thread(context.directory, self.background), ui)
        self.home = QTabWidget()
        self.home.addTab(self.start_view, "")
        self.home.addTab(self.follow_ups, "")
        self.home.addTab(self.directory_view, "")
        # The coordinator's figures load QtCharts: built when the tab is first opened.
        self.stats_tab = QWidget()
        self.stats_tab.setProperty("no_client_data", True)  # aggregates: a lock leaves them
        QVBoxLayout(self.stats_tab).setContentsMargins(0, 0, 0, 0)
        self.stats_dashboard: QWidget | None = None
        self.home.addTab(self.stats_tab, "")
        # The coordinator's self-scan and counsellor profiles (ORG-01, ORG-05): built on use.
        self.team_tab = QWidget()
        self.team_tab.setProperty("no_client_data", True)
        QVBoxLayout(self.team_tab).setContentsMargins(0, 0, 0, 0)
        self.team_view: QWidget | None = None
        self.home.addTab(self.team_tab, "")
        self.home.currentChanged.connect(self._home_tab_changed)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)
        self._build_language_bar()
        self.resize(1280, 760)
        self.setMinimumSize(1024, 640)

        self.start_view.new_requested.connect(self._start)
        self.start_view.resume_requested.connect(self._resume)
        self.controller.sessions_listed.connect(self.start_view.show_sessions)
        self.start_view.set_page_source(self.controller.session_page)
        self.controller.failed.connect(self._show_error)
        self.controller.waiting.connect(self._show_waiting)
        self.controller.ignored.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.controller.recovered.connect(self.statusBar().clearMessage)
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("WaitingForDatabase")
        self.waiting_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.waiting_label)
        self.controller.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.controller.printed.connect(self._printed)
        self.follow_ups.open_requested.connect(self._resume)
        self.follow_ups.failed.connect(self._show_error)
        self.directory_view.failed.connect(self._show_error)
        # Storage (issue 4): session files, and a warning about the database's folder.
        self.session_files = SessionFileActions(context, ui, self, self.background)
        self.start_view.export_requested.connect(self.session_files.ask_export)
        self.start_view.import_requested.connect(self.session_files.ask_import)
        self.session_files.done.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self.session_files.done.connect(lambda _text: self.controller.refresh_sessions())
        self.session_files.failed.connect(self._show_error)
        self.start_view.show_notice(" ".join(self.session_files.notices()))
        self.retranslate_ui()
        self.show_start()

    # -- languages (issue 5): both switch live, without restart and without losing input ----
    def _build_language_bar(self) -> None:
        offered = off_thread(self.context.languages, self.background).offered_codes()
        statuses = review_statuses(self.context.paths.catalogs)
        self.start_view.set_languages(offered, statuses)
        self.language_bar = QToolBar()
        self.language_bar.setObjectName("LanguageBar")
        self.language_bar.setMovable(False)
        self.ui_language_label = QLabel()
        self.ui_language = LanguagePicker(ui=self.tr_ui)
        self.ui_language.set_current_code(self.tr_ui.code)
        self.ui_language.language_chosen.connect(self.set_ui_language)
        self.client_language_label = QLabel()
        self.client_language = LanguagePicker(offered, ui=self.tr_ui)
        self.client_language.language_chosen.connect(self.set_client_language)
        # The labels name their pickers for a screen reader (not their current value).
        self.ui_language_label.setBuddy(self.ui_language)
        self.client_language_label.setBuddy(self.client_language)
        # The counsellor always sees whether the client's language is a draft translation.
        self.client_status = ReviewStatusLabel(self.tr_ui, statuses)
        self.client_status.setWordWrap(False)
        self.language_bar.addWidget(self.ui_language_label)
        self.language_bar.addWidget(self.ui_language)
        # Shown only during a conversation (a toolbar hides widgets through their actions).
        self.client_actions = [
            self.language_bar.addWidget(widget)
            for widget in (self.client_language_label, self.client_language, self.client_status)
        ]
        self.addToolBar(self.language_bar)

    def set_ui_language(self, code: str) -> None:
        """The counsellor's own screen language; the client's view is not touched."""
        translator = self.context.translators.get(code)
        use_qt_translations(code)
        self.tr_ui = translator
        self.controller.ui = translator
        self.start_view.set_translator(translator)
        if self._intake_view is not None:
            self._intake_view.tr_ui = translator
            self._intake_view.panel.tr_ui = translator
        self.follow_ups.tr_ui = translator
        self.directory_view.tr_ui = translator
        self.client_status.tr_ui = translator
        self.ui_language.set_translator(translator)
        self.client_language.set_translator(translator)
        self.ui_language.set_current_code(code)
        self.retranslate_ui()

    def set_client_language(self, code: str) -> None:
        """The client's language, stored with the session; what is on screen stays filled in."""
        state = self.controller.state
        # Stored on the worker, not waited for (issue 20, and arrow keys through the picker);
        # a failure is one sentence from the controller.
        in_intake = state is not None and self._in_intake()
        if in_intake and not self.controller.set_client_language(code):
            return
        self.client_language.set_current_code(code)
        self.client_status.show_language(code)
        if self._intake_view is not None:
            self._intake_view.client.set_translator(self.context.translators.get(code))

    def _sync_client_language(self) -> None:
        state = self.controller.state
        in_intake = state is not None and self._in_intake()
        for action in self.client_actions:
            action.setVisible(in_intake)
        if state is not None and in_intake:
            self.client_language.set_current_code(state.client_language)
            self.client_status.show_language(state.client_language)

    def show_start(self) -> None:
        self._apply_role()
        if self.home.isTabVisible(self.home.indexOf(self.start_view)):
            self.controller.refresh_sessions()
            self.home.setCurrentWidget(self.start_view)
        self.stack.setCurrentWidget(self.home)

    def _apply_role(self) -> None:
        """Show each person only the tabs their role allows (PRV-10): a coordinator sees
        figures and the directory, never conversations."""
        access = self.context.security.access
        sessions = access.may(Permission.READ_SESSIONS)
        if not sessions:  # move away first: hiding the current tab selects its neighbour
            self.home.setCurrentWidget(self.directory_view)
        for tab in (self.start_view, self.follow_ups):
            self.home.setTabVisible(self.home.indexOf(tab), sessions)
        self.home.setTabVisible(
            self.home.indexOf(self.directory_view),
            access.may(Permission.MANAGE_DIRECTORY) or sessions,
        )
        figures = self.home.indexOf(self.stats_tab)
        self.home.setTabVisible(figures, access.may(Permission.VIEW_STATISTICS))
        self.home.setTabVisible(
            self.home.indexOf(self.team_tab), access.may(Permission.MANAGE_TEAM)
        )
        if not sessions and access.may(Permission.VIEW_STATISTICS):
            self.home.setCurrentIndex(figures)
        self._sync_client_language()

    def _home_tab_changed(self, _index: int) -> None:
        if self.home.currentWidget() is self.follow_ups and self.home.isTabVisible(
            self.home.indexOf(self.follow_ups)
        ):
            self.follow_ups.refresh()
        elif self.home.currentWidget() is self.directory_view:
            self.directory_view.refresh()
        elif self.home.currentWidget() is self.stats_tab and self.stats_dashboard is None:
            from intake_app.ui.stats_dashboard import StatsDashboard

            statistics = off_thread(self.context.statistics, self.background)
            dashboard = StatsDashboard(statistics, self.tr_ui)
            dashboard.failed.connect(self._show_error)
            layout = self.stats_tab.layout()
            assert layout is not None
            layout.addWidget(dashboard)
            dashboard.show()  # added to a parent already on screen: Qt does not show it
            self.stats_dashboard = dashboard
        elif self.home.currentWidget() is self.team_tab:
            self._show_team()

    def _show_team(self) -> None:
        if self.team_view is None:
            from intake_app.ui.team_view import TeamView

            team = TeamView(off_thread(self.context.team, self.background), self.tr_ui)
            team.failed.connect(self._show_error)
            team.saved.connect(lambda text: self.statusBar().showMessage(text, 8000))
            layout = self.team_tab.layout()
            assert layout is not None
            layout.addWidget(team)
            team.show()
            self.team_view = team
        self.team_view.refresh()  # type: ignore[attr-defined]

    @property
    def intake_view(self) -> IntakeView:
        """The intake screen, built the first time a conversation opens (keeps start-up fast)."""
        if self._intake_view is None:
            context, ui = self.context, self.tr_ui
            view = IntakeView(
                self.controller,
                context.intake.flow,
                context.translators,
                ui,
                context.practice_cases,
                context.glossary,
                off_thread(context.summaries, self.background),  # previews, sheets, printed
                context.consent,
            )
            view.panel.knowledge.set_knowledge(context.knowledge)
            self.stack.addWidget(view)
            view.closed.connect(self.show_start)
            self._intake_view = view
            if self.controller.state is not None:
                view.show_state(self.controller.state)
        return self._intake_view

    def _in_intake(self) -> bool:
        return self._intake_view is not None and self.stack.currentWidget() is self._intake_view

    def _start(self, language: str, practice: bool = False) -> None:
        self.intake_view  # noqa: B018 - build it before the first state is published
        if self.controller.start(language, practice=practice) is not None:
            self._enter_intake()

    def _resume(self, session_id: int) -> None:
        self.intake_view  # noqa: B018 - build it before the first state is published
        if self.controller.open(session_id) is not None:
            self._enter_intake()

    def _enter_intake(self) -> None:
        # While the session was being saved the screen may have locked (the GUI thread keeps
        # running timers): never show a conversation on top of the lock screen.
        if self.stack.currentWidget() is not self.home:
            return
        self.stack.setCurrentWidget(self.intake_view)
        self.intake_view.begin_visit()
        self._sync_client_language()

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        # open(), not exec(): the window stays responsive and nothing typed is lost.
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr_ui.gettext("Dat lukte niet"), message, parent=self
        )
        box.open()
        self.last_error_box = box

    def _show_waiting(self, waiting: bool) -> None:
        self.waiting_label.setText(self.tr_ui.gettext("Wachten op de database…"))
        self.waiting_label.setVisible(waiting)

    def _printed(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr_ui.format("Opgeslagen: {path}", path=path), 15000)

    def clear_sensitive(self) -> None:
        """Auto-lock (ui/auto_lock.py): nothing about a client stays on screen."""
        self.controller.discard_pending()  # a save finishing now must not refill a view
        self.statusBar().clearMessage()
        if self.last_error_box is not None:
            self.last_error_box.close()
        self.start_view.clear_sensitive()
        self.follow_ups.clear_sensitive()
        # Nothing on the lock screen may change a conversation, not even its language.
        self.language_bar.setEnabled(False)

    def restore(self) -> None:
        """After unlocking: the conversation list comes back from the database."""
        self.language_bar.setEnabled(True)
        self.controller.refresh_sessions()
        if self.home.currentWidget() is self.follow_ups:
            self.follow_ups.refresh()

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.setWindowTitle(t.gettext("Samen kijken naar geld en post"))
        self.home.setTabText(self.home.indexOf(self.start_view), t.gettext("Gesprekken"))
        self.home.setTabText(self.home.indexOf(self.follow_ups), t.gettext("Nazorg"))
        self.home.setTabText(self.home.indexOf(self.directory_view), t.gettext("Sociale kaart"))
        self.home.setTabText(self.home.indexOf(self.stats_tab), t.gettext("Cijfers"))
        self.home.setTabText(self.home.indexOf(self.team_tab), t.gettext("Team"))
        self.follow_ups.retranslate_ui()
        self.directory_view.retranslate_ui()
        self.start_view.retranslate_ui()
        if self._intake_view is not None:
            self._intake_view.retranslate_ui()
        if hasattr(self, "language_bar"):
            self.ui_language_label.setText(self.tr_ui.gettext("Scherm:"))
            self.client_language_label.setText(self.tr_ui.gettext("Klant:"))
            self.client_status.retranslate_ui()
