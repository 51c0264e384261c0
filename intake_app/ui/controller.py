"""The one place where views call services. Emits typed signals; errors become sentences."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from intake_app.core.errors import IntakeError
from intake_app.i18n.translator import Translator
from intake_app.services.dto import SessionListItem, SessionState
from intake_app.services.intake import IntakeService

T = TypeVar("T")


class IntakeController(QObject):
    session_changed = Signal(object)  # SessionState
    sessions_listed = Signal(list)  # list[SessionListItem]
    failed = Signal(str)  # one translated sentence
    printed = Signal(Path)

    def __init__(self, service: IntakeService, ui: Translator) -> None:
        super().__init__()
        self.service = service
        self.ui = ui
        self.state: SessionState | None = None

    def _run(self, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except IntakeError as exc:
            self.failed.emit(exc.render(self.ui.gettext))
            return None

    def _publish(self, state: SessionState | None) -> SessionState | None:
        if state is not None:
            self.state = state
            self.session_changed.emit(state)
        return state

    def refresh_sessions(self) -> list[SessionListItem]:
        items = self._run(self.service.list_sessions) or []
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
