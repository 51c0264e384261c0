"""The one place where views call services. Emits typed signals; errors become sentences.

Every service call that writes runs on one worker thread while the GUI thread keeps
painting and handling input (a short local event loop waits for the result). So a slow disk
never freezes the window, and callers still get the result back in order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal

from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import Translator
from intake_app.services.dto import SessionListItem, SessionState
from intake_app.services.intake import IntakeService

T = TypeVar("T")


class _Done(QObject):
    finished = Signal()


class _Job(QRunnable):
    """One service call on the worker; the result or the exception is handed back."""

    def __init__(self, action: Callable[[], object]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.action = action
        self.result: object = None
        self.error: BaseException | None = None
        self.done = _Done()

    def run(self) -> None:
        try:
            self.result = self.action()
        except BaseException as exc:  # handed to the GUI thread, raised there
            self.error = exc
        self.done.finished.emit()


class IntakeController(QObject):
    session_changed = Signal(object)  # SessionState
    sessions_listed = Signal(list)  # list[SessionListItem]
    failed = Signal(str)  # one translated sentence
    status = Signal(str)  # one translated sentence: what a press did (status bar)
    printed = Signal(Path)

    def __init__(self, service: IntakeService, ui: Translator) -> None:
        super().__init__()
        self.service = service
        self.ui = ui
        self.state: SessionState | None = None
        # One thread: operations stay in the order the counsellor gave them.
        self.worker = QThreadPool()
        self.worker.setMaxThreadCount(1)
        self.busy = False

    def _run(self, action: Callable[[], T], *, background: bool = True) -> T | None:
        if not background:  # a short read: no need to hand it to the worker
            try:
                return action()
            except IntakeError as exc:
                self.failed.emit(exc.render(self.ui.gettext))
                return None
        if self.busy:
            return None  # a second click while the first is being saved: ignored, not queued
        self.busy = True
        try:
            return self._in_background(action)
        except IntakeError as exc:
            self.failed.emit(exc.render(self.ui.gettext))
            return None
        finally:
            self.busy = False

    def _in_background(self, action: Callable[[], T]) -> T:
        job = _Job(action)
        waiting = QEventLoop()
        job.done.finished.connect(waiting.quit, Qt.ConnectionType.QueuedConnection)
        self.worker.start(job)
        waiting.exec()
        # The local loop can also end because the application is quitting: the write must
        # still finish before anyone closes the database.
        self.worker.waitForDone()
        if job.error is not None:
            raise job.error
        return job.result  # type: ignore[return-value]

    def _publish(self, state: SessionState | None) -> SessionState | None:
        if state is not None:
            self.state = state
            self.session_changed.emit(state)
        return state

    def refresh_sessions(self) -> list[SessionListItem]:
        items = self._run(self.service.list_sessions, background=False) or []
        self.sessions_listed.emit(items)
        return items

    def start(self, client_language: str, *, practice: bool = False) -> SessionState | None:
        return self._publish(
            self._run(lambda: self.service.start_session(client_language, practice=practice))
        )

    def open(self, session_id: int) -> SessionState | None:
        return self._publish(self._run(lambda: self.service.resume_session(session_id)))

    def apply(self, operation: Callable[[IntakeService, int], SessionState]) -> SessionState | None:
        """Run one service operation on the open session and publish the result."""
        state = self.state
        if state is None:
            return None
        session_id = state.id
        return self._publish(self._run(lambda: operation(self.service, session_id)))

    def answer(self, card_id: str, choices: list[str]) -> SessionState | None:
        return self.apply(lambda s, sid: s.answer(sid, card_id, choices))

    def decline(self, card_id: str) -> SessionState | None:
        return self.apply(lambda s, sid: s.decline(sid, card_id))
