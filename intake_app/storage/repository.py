"""SqlSessionRepository: the core SessionRepository port on SQLModel tables.

Every write method is one committed transaction: when it returns, the data is on disk.
The class is composed of parts by concern (mixins, each in its own module): the session lists
and Nazorg queries (session_lists.py), the reads and writes done in one round trip
(session_one_trip.py) and the records inside a session (session_records.py); the shared
helpers are in session_store.py. This module keeps the life of a session itself: create,
change, delete, phase status.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from intake_app.core.errors import StorageError
from intake_app.core.model import IntakeSession, PhaseStatus, SessionStatus
from intake_app.storage.session_lists import SessionLists
from intake_app.storage.session_one_trip import SessionOneTrip
from intake_app.storage.session_records import SessionRecords
from intake_app.storage.session_store import (  # callers name these through this module
    RESUME_WINDOW as RESUME_WINDOW,
)
from intake_app.storage.session_store import (
    UPDATABLE_SESSION_FIELDS,
    new_session_code,
    to_session,
)
from intake_app.storage.session_store import (
    storage_error as storage_error,
)
from intake_app.storage.session_store import (
    utcnow as utcnow,
)
from intake_app.storage.tables import PhaseStateRow, SessionRow


class SqlSessionRepository(SessionLists, SessionOneTrip, SessionRecords):
    """The ``SessionRepository`` port; the parts above hold most of its methods."""

    # -- sessions -------------------------------------------------------------------------
    def create_session(
        self, *, client_language: str, practice: bool = False, owner: str | None = None
    ) -> IntakeSession:
        now = utcnow()
        for _attempt in range(5):
            row = SessionRow(
                code=new_session_code(),
                created_at=now,
                updated_at=now,
                client_language=client_language,
                practice=practice,
                owner=owner,
            )
            try:
                with self._session() as session:
                    session.add(row)
                    session.commit()
                    return to_session(row)
            except StorageError as exc:
                if not isinstance(exc.__cause__, IntegrityError):
                    raise
        raise StorageError("Er kon geen nieuwe gesprekscode worden gemaakt.")

    def update_session(self, session_id: int, **changes: Any) -> None:
        unknown = set(changes) - UPDATABLE_SESSION_FIELDS
        if unknown:
            raise ValueError(f"not updatable here: {sorted(unknown)}")
        with self._session() as session:
            row = self._session_row(session, session_id)
            for name, value in changes.items():
                if name == "phase_order":
                    row.phase_order_json = json.dumps(list(value))
                elif name == "status":
                    row.status = SessionStatus(value).value
                else:
                    setattr(row, name, value)
            self._touch(row)
            session.add(row)
            session.commit()

    def delete_session(self, session_id: int) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            session.delete(row)
            session.commit()

    def set_phase_status(self, session_id: int, phase_id: str, status: PhaseStatus) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            existing = session.exec(
                select(PhaseStateRow).where(
                    PhaseStateRow.session_id == session_id, PhaseStateRow.phase_id == phase_id
                )
            ).first()
            state = existing or PhaseStateRow(session_id=session_id, phase_id=phase_id, status="")
            state.status = status.value
            self._touch(row)
            session.add_all([state, row])
            session.commit()
