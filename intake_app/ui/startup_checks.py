"""The quick check and start-up backup, run on a worker once the window is on screen (issue 16).

While they run, a line in the status bar says so; the window can be read and used, and the first
write of any save waits until the check has passed (storage/write_gate.py), so a save made
meanwhile is only slower, never lost. If the check finds damage, saves are refused with one
sentence (what was typed stays on screen) and the recovery dialog offers the latest backup, for
an admin (ui/recovery_dialog.py). Why this is safe: docs/ARCHITECTURE.md, "Start-up checks off
the path to the window".
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow

from intake_app.bootstrap.context import AppContext
from intake_app.core.durability import CorruptDatabaseError, StorageNotice
from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import Translator
from intake_app.storage.opening import DeferredChecks
from intake_app.ui.recovery_dialog import Opener, RecoveryDialog
from intake_app.ui.widgets import named


class _Signals(QObject):
    done = Signal()


class _Run(QRunnable):
    def __init__(self, checks: DeferredChecks) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.checks = checks
        self.notices: tuple[StorageNotice, ...] = ()
        self.error: BaseException | None = None
        self.signals = _Signals()

    def run(self) -> None:
        try:
            self.notices = self.checks.run()
        except BaseException as exc:  # handed to the GUI thread
            self.error = exc
        self.signals.done.emit()


class StartupChecks(QObject):
    """Runs ``context.storage.deferred`` (if any) and shows how it went."""

    finished = Signal(bool)  # True: the file is sound and writes go on

    def __init__(
        self,
        window: QMainWindow,
        context: AppContext,
        ui: Translator,
        open_as: Opener,
        key: bytes | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.tr_ui = ui
        self._open_as = open_as
        self._key = key
        self.checks = context.storage.deferred
        self.status = named(QLabel(), "StartupCheckStatus")
        self.status.setContentsMargins(8, 0, 8, 0)  # not flush against the window's edge
        self.status.setVisible(False)
        window.statusBar().addWidget(self.status, 1)
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)
        self._job: _Run | None = None
        self.passed: bool | None = None  # None while running (or when nothing was deferred)

    def start(self) -> None:
        if self.checks is None:
            return
        # Before the window takes its first keystroke: from now on writes wait for the check.
        self.checks.hold()
        self._show(self.tr_ui.gettext("Controle en reservekopie lopen…"))
        self._job = _Run(self.checks)
        self._job.signals.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.pool.start(self._job)

    def wait(self) -> None:
        """Until the worker is done (closing, tests, benchmarks)."""
        self.pool.waitForDone()

    def _show(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.status.setVisible(bool(text))

    def _done(self) -> None:
        job = self._job
        assert job is not None
        t = self.tr_ui
        if job.error is None:
            self.passed = True
            self._show("")
            if job.notices:  # the backup could not be written: say so, work goes on
                text = " ".join(notice.render(t.gettext) for notice in job.notices)
                self.window.statusBar().showMessage(text, 30000)
            self.finished.emit(True)
            return
        self.passed = False
        if isinstance(job.error, CorruptDatabaseError):
            self._show(t.gettext("De database is beschadigd. Er wordt niets opgeslagen."))
            self.finished.emit(False)
            if self.ask_recovery(job.error):
                self._show(
                    t.gettext("De reservekopie is teruggezet. Sluit de app en start hem opnieuw.")
                )
            return
        message = job.error.render(t.gettext) if isinstance(job.error, IntakeError) else ""
        self._show(message or t.gettext("De controle van de database is mislukt."))
        self.finished.emit(False)

    def ask_recovery(self, error: CorruptDatabaseError) -> bool:
        """The recovery dialog (tests replace this); True when a backup was put back."""
        if QGuiApplication.platformName() in ("offscreen", "minimal"):
            return False
        dialog = RecoveryDialog(error, self.tr_ui, self._key, open_as=self._open_as)
        return dialog.exec() == QDialog.DialogCode.Accepted


def start_checks(
    window: QMainWindow,
    context: AppContext,
    ui: Translator,
    open_as: Opener,
    key: bytes | None = None,
) -> StartupChecks:
    checks = StartupChecks(window, context, ui, open_as, key)
    checks.start()
    return checks
