"""What the mixins of ``IntakeService`` (aftercare, conversation choices, handover details,
neighbourhood) may use of the service they are mixed into: one declaration instead of four."""

from __future__ import annotations

from typing import TYPE_CHECKING

from intake_app.core.ports import SessionRepository
from intake_app.services.access import Access

if TYPE_CHECKING:
    from intake_app.services.dto import SessionState


class IntakeMixin:
    _access: Access
    _sessions: SessionRepository

    if TYPE_CHECKING:  # provided by IntakeService

        def open_session(
            self, session_id: int, *, changed: set[str] | None = None
        ) -> SessionState: ...
