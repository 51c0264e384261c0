"""The one place where views call services. Emits typed signals; errors become sentences.

Every service call runs on one worker thread while the GUI thread keeps painting and
handling input. Writes wait for their result in a short local event loop, so callers still get
it back in order; reads (the conversation list, further pages, a search) are handed back by a
callback when they arrive, because they are asked for from places (a view scrolling, a timer)
where a nested event loop is not safe. So neither a slow disk nor a frozen shared server
freezes the window (issue 20), and the one worker keeps every read after the writes before it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal

from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import Translator
from intake_app.services.dto import SessionState
from intake_app.services.gate import ServiceNotInRoleError
from intake_app.services.intake import IntakeService
from intake_app.ui.session_list_model import PAGE_SIZE, DeliverPage, SessionListing

T = TypeVar("T")
WAITING_AFTER_MS = 800  # a save that takes longer than this shows "waiting for the database"


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
    sessions_listed = Signal(object)  # ui.session_list_model.SessionListing
    failed = Signal(str)  # one translated sentence
    status = Signal(str)  # one translated sentence: what a press did (status bar)
    printed = Signal(Path)
    # A slow database (a shared server over Wi-Fi): the window says it is waiting, says so
    # when a click came while the previous one was still being saved, and clears an old
    # error once the database answers again (issue 20).
    waiting = Signal(bool)
    ignored = Signal(str)  # one translated sentence: what happened to the extra click
    recovered = Signal()

    def __init__(self, service: IntakeService | None, ui: Translator) -> None:
        super().__init__()
        # None for a role without conversations (a coordinator): bootstrap built no
        # IntakeService for them, and every call is a refusal in one sentence.
        self._service = service
        self.ui = ui
        self.state: SessionState | None = None
        # One thread: operations stay in the order the counsellor gave them.
        self.worker = QThreadPool()
        self.worker.setMaxThreadCount(1)
        self.busy = False
        self.failing = False  # the last call failed: the next success clears the message
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(WAITING_AFTER_MS)
        self._slow.timeout.connect(lambda: self.waiting.emit(True))
        # Bumped when the screen locks: a result of a call begun before never reaches a view.
        self.epoch = 0
        self._reading: set[_Job] = set()

    def discard_pending(self) -> None:
        """The screen locked: results still on their way are kept out of the views."""
        self.epoch += 1

    def _run(self, action: Callable[[], T]) -> T | None:
        if self.busy:
            # A second click while the first is being saved is not queued (it could land on
            # the next card), but never dropped without a word either.
            self.ignored.emit(
                self.ui.gettext(
                    "Even geduld: het vorige wordt nog opgeslagen. Kies daarna opnieuw."
                )
            )
            return None
        self.busy = True
        self._slow.start()
        try:
            return self._succeeded(self._in_background(action))
        except IntakeError as exc:
            self._failed(exc)
            return None
        finally:
            self.busy = False
            self._slow.stop()
            self.waiting.emit(False)

    def _succeeded(self, result: T) -> T:
        if self.failing:
            self.failing = False
            self.recovered.emit()
        return result

    def _failed(self, exc: IntakeError) -> None:
        self.failing = True
        self.failed.emit(exc.render(self.ui.gettext))

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

    def _publish(
        self, action: Callable[[], SessionState], session_id: int | None = None
    ) -> SessionState | None:
        """Run ``action`` and show its result, unless the screen locked meanwhile or (for
        ``session_id``) another conversation was opened: then no view gets it."""
        epoch = self.epoch
        state = self._run(action)
        if state is None:
            return None
        if session_id is not None and (self.state is None or self.state.id != session_id):
            return None  # the conversation changed while this was saved
        self.state = state  # saved either way; after unlocking it is reloaded from here
        if epoch != self.epoch:
            return None
        self.session_changed.emit(state)
        return state

    @property
    def service(self) -> IntakeService:
        if self._service is None:
            raise ServiceNotInRoleError()
        return self._service

    def call(self, action: Callable[[], T]) -> T | None:
        """Run one call of another service (consent, the client's language) on the worker.

        Waited for like a write: the result comes back in order, a failure is one sentence on
        ``failed`` and ``None`` here.
        """
        return self._run(action)

    def set_client_language(self, code: str) -> SessionState | None:
        """Store the client's language with the open conversation, without redrawing it."""
        state = self.state
        if state is None:
            return None
        session_id = state.id
        stored = self._run(lambda: self.service.set_client_language(session_id, code))
        if stored is not None and self.state is not None and self.state.id == session_id:
            self.state = stored
        return stored

    def _read(self, action: Callable[[], T], deliver: Callable[[T], None]) -> None:
        """Run a read on the worker and hand its result to ``deliver`` on the GUI thread.

        Nothing waits for it. A result that arrives after the screen locked is dropped, like
        a late write; a failure is one sentence in the status bar, as for writes.
        """
        epoch = self.epoch
        job = _Job(action)
        self._reading.add(job)  # the runnable must outlive the call that started it

        def arrived() -> None:
            self._reading.discard(job)
            if epoch != self.epoch:
                return
            if isinstance(job.error, IntakeError):
                self._failed(job.error)
                return
            if job.error is not None:
                raise job.error
            deliver(self._succeeded(job.result))  # type: ignore[arg-type]

        job.done.finished.connect(arrived, Qt.ConnectionType.QueuedConnection)
        self.worker.start(job)

    @property
    def reading(self) -> bool:
        """A read has been asked for and its result has not reached the views yet."""
        return bool(self._reading)

    def finish_reads(self) -> None:
        """Wait for reads still on the worker (before the database closes)."""
        self.worker.waitForDone()

    def session_page(self, offset: int, limit: int, search: str, deliver: DeliverPage) -> None:
        """Ask for one page of the conversation list; ``deliver`` gets it when it is read."""
        if self._service is None:
            return
        self._read(lambda: self.service.session_page(offset, limit, search), deliver)

    def refresh_sessions(self) -> None:
        """The first page and the conversation to resume: two small queries, once per change.

        ``sessions_listed`` carries them to the start screen when they are read.
        """
        if self._service is None:
            return
        self._read(
            lambda: SessionListing(
                self.service.session_page(0, PAGE_SIZE), self.service.latest_unfinished()
            ),
            self.sessions_listed.emit,
        )

    def start(self, client_language: str, *, practice: bool = False) -> SessionState | None:
        return self._publish(lambda: self.service.start_session(client_language, practice=practice))

    def open(self, session_id: int) -> SessionState | None:
        return self._publish(lambda: self.service.resume_session(session_id))

    def apply(self, operation: Callable[[IntakeService, int], SessionState]) -> SessionState | None:
        """Run one service operation on the open session and publish the result."""
        state = self.state
        if state is None:
            return None
        session_id = state.id
        return self._publish(lambda: operation(self.service, session_id), session_id)

    def answer(self, card_id: str, choices: list[str]) -> SessionState | None:
        return self.apply(lambda s, sid: s.answer(sid, card_id, choices))

    def decline(self, card_id: str) -> SessionState | None:
        return self.apply(lambda s, sid: s.decline(sid, card_id))
