"""The one place where the intake's views call services. Emits typed signals; errors become
sentences.

Every call runs on the window's worker (``ui/background.py``) while the GUI thread keeps
painting and handling input. Writes wait for their result, so callers still get it back in
order; reads (the conversation list, further pages, a search, the recap) are handed back by a
callback when they arrive. So neither a slow disk nor a frozen shared server freezes the window
(issue 20), and the one worker keeps every read after the writes before it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal

from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import Translator
from intake_app.services.dto import SessionState
from intake_app.services.gate import ServiceNotInRoleError
from intake_app.services.intake import IntakeService
from intake_app.ui.background import Background, BusyError
from intake_app.ui.session_list_model import PAGE_SIZE, DeliverPage, SessionListing

T = TypeVar("T")


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

    def __init__(
        self, service: IntakeService | None, ui: Translator, background: Background | None = None
    ) -> None:
        super().__init__()
        # None for a role without conversations (a coordinator): bootstrap built no
        # IntakeService for them, and every call is a refusal in one sentence.
        self._service = service
        self.ui = ui
        self.state: SessionState | None = None
        # The window's one worker: operations stay in the order the counsellor gave them.
        self.background = background or Background(self)
        self.background.waiting.connect(self.waiting)
        self.failing = False  # the last call failed: the next success clears the message

    @property
    def worker(self) -> QThreadPool:
        return self.background.pool

    @property
    def epoch(self) -> int:
        return self.background.epoch

    def discard_pending(self) -> None:
        """The screen locked: results still on their way are kept out of the views."""
        self.background.discard_pending()

    def _run(self, action: Callable[[], T]) -> T | None:
        if self.background.busy:
            # A second click while the first is being saved is not queued (it could land on
            # the next card), but never dropped without a word either.
            self.ignored.emit(BusyError().render(self.ui.gettext))
            return None
        try:
            return self._succeeded(self.background.call(action))
        except IntakeError as exc:
            self._failed(exc)
            return None

    def _succeeded(self, result: T) -> T:
        if self.failing:
            self.failing = False
            self.recovered.emit()
        return result

    def _failed(self, exc: IntakeError) -> None:
        self.failing = True
        self.failed.emit(exc.render(self.ui.gettext))

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

    def set_client_language(self, code: str) -> bool:
        """Store the client's language with the open conversation, without redrawing it.

        Not waited for: the picker answers a key press at once, and quick choices (arrow keys
        through the list) are saved one after the other on the worker, the last one last. A
        waited save here ran a local event loop inside the combo box's key handler, and the
        next key press, handled in that loop, was refused as a double click while the picker
        had already moved on. A failure is one sentence, as for every write. False without an
        open conversation.
        """
        state = self.state
        if state is None:
            return False
        session_id = state.id

        def stored(new_state: SessionState) -> None:
            if self.state is not None and self.state.id == session_id:
                self.state = new_state

        self.background.later(
            lambda: self.service.set_client_language(session_id, code),
            lambda new_state: stored(self._succeeded(new_state)),
            self._failed,
        )
        return True

    def read(self, action: Callable[[], T], deliver: Callable[[T], None]) -> None:
        """Run a read on the worker and hand its result to ``deliver`` on the GUI thread.

        Nothing waits for it. A result that arrives after the screen locked is dropped, like
        a late write; a failure is one sentence in the status bar, as for writes.
        """
        self.background.later(action, lambda result: deliver(self._succeeded(result)), self._failed)

    @property
    def reading(self) -> bool:
        """A read has been asked for and its result has not reached the views yet."""
        return self.background.reading

    def finish_reads(self) -> None:
        """Wait for reads still on the worker (before the database closes)."""
        self.background.finish()

    def session_page(self, offset: int, limit: int, search: str, deliver: DeliverPage) -> None:
        """Ask for one page of the conversation list; ``deliver`` gets it when it is read."""
        if self._service is None:
            return
        self.read(lambda: self.service.session_page(offset, limit, search), deliver)

    def refresh_sessions(self) -> None:
        """The first page and the conversation to resume: two small queries, once per change.

        ``sessions_listed`` carries them to the start screen when they are read.
        """
        if self._service is None:
            return
        self.read(
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
