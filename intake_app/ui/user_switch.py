"""Afmelden and change of user without restarting the app (issue 13).

``UserSession`` builds the main window for whoever logged in (their role's services, tabs,
account menu and screen lock) and, on Afmelden, takes it down again in this order:

1. the open conversation is saved: a half-typed note is stored, the visit is paused, so the
   session resumes later exactly where it stopped (nothing lost);
2. every view forgets its client data (the screen lock's own wipe, ui/auto_lock.py);
3. ``logged_out`` goes into the audit log and the user is logged out;
4. the log-in dialog appears; whoever logs in next gets a *new* window composed for their
   role (bootstrap/context.py): nothing of the previous window, panel or permissions stays.
   Closing the dialog ends the app (``ended``).

A new window instead of a reset one: every view is built from the new context, so no widget
can keep something of the previous user that a reset forgot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QWidget

from intake_app.bootstrap.security import DatabaseGate
from intake_app.core.model import SessionStatus
from intake_app.i18n.translator import Translator
from intake_app.ui.account_dialogs import install_account_menu
from intake_app.ui.auto_lock import ScreenLock
from intake_app.ui.background import off_thread
from intake_app.ui.login_dialog import LoginDialog
from intake_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from intake_app.bootstrap.context import AppContext


class UserSession(QObject):
    """One user at a time in this app; ``window`` is the current user's window."""

    window_ready = Signal(object)  # the new MainWindow, after every log-in
    ended = Signal()  # nobody logged in again: the app may quit

    def __init__(
        self,
        gate: DatabaseGate,
        ui: Translator,
        lock_minutes: float | str | None = None,
    ) -> None:
        super().__init__()
        self.gate = gate
        self.ui = ui
        self.lock_minutes = lock_minutes
        self.context: AppContext | None = None
        self.window: MainWindow | None = None
        self.screen_lock: ScreenLock | None = None
        self.login_dialog: LoginDialog | None = None
        self.log_out_action: QAction | None = None
        self._logging_out = False

    # -- building ---------------------------------------------------------------------
    def open_for(self, context: AppContext) -> MainWindow:
        """The window of the user logged in to ``context``, with lock and account menu."""
        self.context = context
        window = MainWindow(context, self.ui)
        # The lock's audit line and the unlock's check run on the window's worker too.
        accounts = off_thread(context.security.accounts, window.background)
        screen_lock = ScreenLock(window, accounts, self.ui, self.lock_minutes)
        screen_lock.shortcut.setEnabled(False)  # the menu's "Scherm op slot" has Ctrl+L
        # "Andere gebruiker" on the lock screen: log out (everything is saved) instead of
        # closing the app.
        screen_lock.screen.close_requested.disconnect()
        screen_lock.screen.close_requested.connect(self.log_out)
        window.screen_lock = screen_lock  # type: ignore[attr-defined]  # keep it alive
        # The menu's dialogs (password, new user, audit log, languages) call their services
        # on the window's worker (issue 20), like every view.
        background = window.background
        languages = context.services.languages
        actions = install_account_menu(
            window,
            accounts,
            off_thread(context.security.audit, background),
            self.ui,
            screen_lock.lock,
            off_thread(languages, background) if languages is not None else None,
            log_out=self.log_out,
        )
        log_out = actions["log_out"]
        window.addAction(log_out)  # window-wide: works wherever focus is
        self.window, self.screen_lock, self.log_out_action = window, screen_lock, log_out
        self.window_ready.emit(window)
        return window

    # -- Afmelden ---------------------------------------------------------------------
    def log_out(self) -> LoginDialog | None:
        """Save, wipe, log out, and ask who is next (see the module's docstring)."""
        window, context = self.window, self.context
        if window is None or context is None or self.login_dialog is not None:
            return None
        if self._logging_out:  # pressed again while the saves below wait for the worker
            return None
        self._logging_out = True
        try:
            return self._log_out(window, context)
        finally:
            self._logging_out = False

    def _log_out(self, window: MainWindow, context: AppContext) -> LoginDialog:
        self._save_conversation(window)
        window.controller.worker.waitForDone()  # no save may still be on its way
        assert self.screen_lock is not None
        self.screen_lock.watcher.stop()
        self.screen_lock.clear_views()
        user = context.security.accounts.current
        off_thread(context.security.accounts, window.background).logout()  # logged_out
        dialog = LoginDialog(self.gate, self.ui)
        dialog.setObjectName("LoginAfterLogOut")
        if user is not None and not dialog.first_run:  # say what the press did
            dialog.intro.setText(
                self.ui.format(
                    "{name} is afgemeld; het gesprek is bewaard. Wie logt er nu in?",
                    name=user.display_name,
                )
            )
        dialog.accepted.connect(lambda: self._logged_in(dialog))
        dialog.rejected.connect(self._no_one_logged_in)
        self.login_dialog = dialog
        # The dialog first, then the old window goes: the app always has a window on screen.
        dialog.open()
        window.hide()
        self.window = None
        self.screen_lock = None
        window.deleteLater()
        return dialog

    @staticmethod
    def _save_conversation(window: MainWindow) -> None:
        """Nothing typed is lost: a note not yet saved is stored, the visit is paused."""
        view, state = window._intake_view, window.controller.state
        if view is None or state is None:
            return
        if state.record is not None and state.record.status is SessionStatus.COMPLETED:
            return
        note = view.panel.note.toPlainText().strip()
        if note:
            view.panel._save_note()
        window.controller.apply(lambda service, sid: service.pause(sid))

    def _logged_in(self, dialog: LoginDialog) -> None:
        self.login_dialog = None
        new = dialog.context
        old = self.context
        assert new is not None
        if old is not None and old.storage is not new.storage:
            old.close()  # an encrypted database: each log-in opened its own connection
        window = self.open_for(new)
        show_window(window)

    def _no_one_logged_in(self) -> None:
        self.login_dialog = None
        if self.context is not None:
            self.context.close()
            self.context = None
        self.ended.emit()


def show_window(window: QWidget) -> None:
    """Maximised on an organisation laptop (1366x768): every pixel; else its own size."""
    screen = QGuiApplication.primaryScreen()
    if screen is not None and screen.availableGeometry().height() < 820:
        window.showMaximized()
    else:
        window.show()
    # After the log-in dialog closes, the window takes keyboard focus (and a screen reader's).
    window.activateWindow()
