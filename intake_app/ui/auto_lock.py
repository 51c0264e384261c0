"""Idle auto-lock: after a few quiet minutes the screen locks and forgets what it showed.

``IdleWatcher`` filters the application's input events and restarts a timer on each one.
``ScreenLock`` then *clears* every view that holds client data (not just covers it): views
implement ``clear_sensitive()`` and ``restore()``; a view without them is wiped widget by
widget (fields, lists, tables; never its labels and icons) and refreshed from the
database. Only the logged-in user's password unlocks, and the
window returns to the same screen and the same card, because the state lives in the database.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from intake_app.core.errors import IntakeError
from intake_app.core.security import AuditAction, lock_minutes
from intake_app.core.text_hygiene import MAX_LENGTHS
from intake_app.i18n.translator import Translator
from intake_app.services.accounts import AccountService
from intake_app.ui import pictograms
from intake_app.ui.accessibility import announce
from intake_app.ui.widgets import named

_USER_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)

LOCK_PICTOGRAM = "1F512"


class IdleWatcher(QObject):
    """Emits ``idle`` when no key, mouse or touch input came for ``timeout_ms``."""

    idle = Signal()

    def __init__(self, app: QApplication, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_ms)
        self.timer.timeout.connect(self.idle)
        app.installEventFilter(self)
        self.timer.start()

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self.timer.setInterval(timeout_ms)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _USER_INPUT and self.timer.isActive():
            self.timer.start()  # restart the countdown
        return False

    def stop(self) -> None:
        self.timer.stop()
        self._app.removeEventFilter(self)


class LockScreen(QWidget):
    """Shown while locked: who is logged in, a password field, nothing about the client."""

    unlock_requested = Signal(str)
    close_requested = Signal()  # another user: log out (ui/user_switch.py); all is saved

    def __init__(self, translator: Translator) -> None:
        super().__init__()
        self.setObjectName("LockScreen")
        self.tr_ui = translator
        self.username = ""
        self.icon = QLabel()
        self.icon.setPixmap(pictograms.pixmap(LOCK_PICTOGRAM, 96))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = named(QLabel(), "LockTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explanation = named(QLabel(), "", wrap=True)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(MAX_LENGTHS["password"])
        self.password.setMinimumWidth(320)
        self.password.returnPressed.connect(self._submit)
        self.unlock_button = named(QPushButton(), "Primary")
        self.unlock_button.clicked.connect(self._submit)
        self.error = named(QLabel(), "LoginError", wrap=True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close_requested)

        box = QWidget()
        box.setObjectName("LockBox")
        box.setMaximumWidth(460)
        inner = QVBoxLayout(box)
        inner.setSpacing(14)
        for widget in (self.icon, self.title, self.explanation, self.password,
                       self.unlock_button, self.error, self.close_button):  # fmt: skip
            inner.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.retranslate_ui()

    def _submit(self) -> None:
        self.unlock_requested.emit(self.password.text())

    def show_for(self, username: str) -> None:
        self.username = username
        self.password.clear()
        self.error.clear()
        self.password.setAccessibleDescription("")
        self.retranslate_ui()
        self.password.setFocus()
        announce(self.title, f"{self.title.text()} {self.explanation.text()}")

    def show_error(self, message: str) -> None:
        self.password.clear()
        self.error.setText(message)
        self.password.setAccessibleDescription(message)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self.error, message)

    def retranslate_ui(self) -> None:
        t = self.tr_ui
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if t.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.title.setText(t.gettext("Het scherm is op slot"))
        self.explanation.setText(
            t.format(
                "Niets is verloren. {name}, vul uw wachtwoord in om verder te gaan.",
                name=self.username,
            )
        )
        self.password.setPlaceholderText(t.gettext("Wachtwoord"))
        # A placeholder is no name for a screen reader; the name says the same.
        self.password.setAccessibleName(t.gettext("Wachtwoord"))
        self.icon.setAccessibleName(t.gettext("Het scherm is op slot"))
        self.unlock_button.setText(t.gettext("Ontgrendelen"))
        self.close_button.setText(t.gettext("Andere gebruiker: afmelden"))


def wipe_widgets(root: QWidget) -> None:
    """Empty every field, list and table under ``root`` (for views with no hook).

    Labels, buttons and icons are the view's own chrome: they stay, so the view looks the
    same after unlocking. Views that show client data in labels implement
    ``clear_sensitive()`` themselves.
    """
    for line in root.findChildren(QLineEdit):
        line.clear()
    for edit in root.findChildren(QTextEdit):
        edit.clear()
    for plain in root.findChildren(QPlainTextEdit):
        plain.clear()
    for listing in root.findChildren(QListWidget):
        listing.clear()
    for table in root.findChildren(QTableWidget):
        table.clearContents()
        table.setRowCount(0)
    for combo in root.findChildren(QComboBox):
        if combo.isEditable():
            combo.clearEditText()


def lock_pages(view: QWidget) -> list[QWidget]:
    """The views a lock must clear: a tab widget's pages each count as a view."""
    if isinstance(view, QTabWidget):
        pages = (view.widget(i) for i in range(view.count()))
        return [inner for page in pages if page is not None for inner in lock_pages(page)]
    if view.property("no_client_data"):  # e.g. figures: aggregates only, nothing to clear
        return []
    return [view]


class ScreenLock(QObject):
    """Locks a main window (anything with a ``stack`` of views) and unlocks it again."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        window: QWidget,
        accounts: AccountService,
        translator: Translator,
        minutes: float | str | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.stack = window.stack  # type: ignore[attr-defined]
        self.accounts = accounts
        self.tr_ui = translator
        self.screen = LockScreen(translator)
        self.stack.addWidget(self.screen)
        self.screen.unlock_requested.connect(self.try_unlock)
        self.screen.close_requested.connect(window.close)
        self._return_to: QWidget | None = None
        self.is_locked = False
        self._unlocking = False  # the password is being checked (on the window's worker)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.watcher = IdleWatcher(app, self.timeout_ms(minutes), parent=self)
        self.watcher.idle.connect(self.lock)
        self.shortcut = QShortcut(QKeySequence("Ctrl+L"), window)
        self.shortcut.activated.connect(self.lock)

    @staticmethod
    def timeout_ms(minutes: float | str | None) -> int:
        return int(lock_minutes(minutes) * 60_000)

    def _views(self) -> list[QWidget]:
        return [
            self.stack.widget(i)
            for i in range(self.stack.count())
            if self.stack.widget(i) is not self.screen
        ]

    def _pages(self) -> list[QWidget]:
        return [page for view in self._views() for page in lock_pages(view)]

    def lock(self) -> None:
        if self.is_locked:
            return
        self.is_locked = True
        current = self.stack.currentWidget()
        self._return_to = current if current is not self.screen else None
        self.stack.setCurrentWidget(self.screen)
        self.clear_views()
        user = self.accounts.current
        self._set_menus_enabled(False)  # no dialog may be opened from a locked window
        self.screen.show_for(user.display_name if user else "")
        self.accounts.audit_event(AuditAction.LOCKED)
        self.locked.emit()

    def clear_views(self) -> None:
        """Every view forgets its client data; also what Afmelden does (ui/user_switch.py)."""
        for view in self._pages():
            clear = getattr(view, "clear_sensitive", None)
            if callable(clear):
                clear()
            else:
                wipe_widgets(view)
        status = getattr(self.window, "statusBar", None)
        if callable(status):
            status().clearMessage()
        for dialog in self.window.findChildren(QWidget):
            if dialog.isWindow() and dialog is not self.window and dialog.isVisible():
                dialog.hide()  # an open message box may show client data
        window_clear = getattr(self.window, "clear_sensitive", None)
        if callable(window_clear):
            window_clear()

    def try_unlock(self, password: str) -> bool:
        if self._unlocking:
            return False  # Enter pressed again while the check runs on the worker
        self._unlocking = True
        try:
            self.accounts.unlock(password)
        except IntakeError as exc:
            self.screen.show_error(exc.render(self.tr_ui.gettext))
            return False
        finally:
            self._unlocking = False
        self.is_locked = False
        self.screen.password.clear()
        for view in self._pages():
            restore = getattr(view, "restore", None)
            if callable(restore):
                restore()
            else:
                self._rebuild(view)
        self._set_menus_enabled(True)
        window_restore = getattr(self.window, "restore", None)
        if callable(window_restore):
            window_restore()
        returned = self._return_to or self._views()[0]
        self.stack.setCurrentWidget(returned)
        # Focus somewhere sensible again (the lock screen's field had it): the view's own
        # choice (the client's question), or its first control.
        focus_first = getattr(returned, "focus_first", None)
        if callable(focus_first):
            focus_first()
        else:
            returned.setFocus(Qt.FocusReason.OtherFocusReason)  # a tab widget: its tab bar
        self.watcher.timer.start()
        self.unlocked.emit()
        return True

    def _set_menus_enabled(self, enabled: bool) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.menuBar().setEnabled(enabled)

    def _rebuild(self, view: QWidget) -> None:
        """A view without ``restore()``: its texts again, and its data from the database."""
        retranslate = getattr(view, "retranslate_ui", None)
        if callable(retranslate):
            retranslate()
        refresh = getattr(view, "refresh", None)
        if callable(refresh):
            refresh()
