"""A session's neighbourhood, chosen from the coordinator's list (STA-19, issue 15).

``NeighbourhoodChoice`` is part of ``IntakeService`` (a mixin, like aftercare.py). The
counsellor picks a name from the list the coordinator keeps (``StatisticsService.
set_neighbourhood_list``); the statistics then count the session under that row. Free text is
refused when a list exists, so a name typed differently never becomes a row of its own (and
never one small group). Without a list nothing can be chosen yet.
"""

from __future__ import annotations

from collections.abc import Callable

from intake_app.core.errors import IntakeError
from intake_app.core.security import AuditAction, Permission
from intake_app.services.dto import SessionState
from intake_app.services.gate import gated
from intake_app.services.intake_mixin import IntakeMixin

NeighbourhoodList = Callable[[], list[str]]


class NeighbourhoodChoice(IntakeMixin):
    _neighbourhood_list: NeighbourhoodList | None

    @gated(Permission.WRITE_SESSIONS, None)  # the coordinator's list: no client data
    def neighbourhood_choices(self) -> list[str]:
        """The names a counsellor may choose from (empty: the coordinator keeps no list)."""
        return list(self._neighbourhood_list()) if self._neighbourhood_list else []

    @gated(
        Permission.WRITE_SESSIONS, AuditAction.CHANGED, target="session:{session_id}", in_body=True
    )
    def set_neighbourhood(self, session_id: int, name: str) -> SessionState:
        """Store the session's neighbourhood: a name from the list, or "" for none."""
        chosen = " ".join(name.split())
        if chosen and chosen not in self.neighbourhood_choices():
            raise IntakeError("Kies een wijk uit de lijst van de coördinator.")
        self._sessions.update_session(session_id, neighbourhood=chosen)
        return self.open_session(session_id, changed={"session"})
