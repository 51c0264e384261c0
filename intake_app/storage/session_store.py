"""The shared ground of ``SqlSessionRepository``'s parts: row-to-domain mapping, the
database error wording, and ``SessionStore``, the base class holding the engine and the
transaction helpers.

The repository is split by concern (storage/session_lists.py, session_one_trip.py,
session_records.py, repository.py); what all of them use lives here once, so no part has to
import another.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session, SQLModel

from intake_app.core.errors import NotFoundError, StorageError
from intake_app.core.listing import SessionHeader
from intake_app.core.model import (
    Answer,
    AnswerState,
    Consent,
    Debt,
    Income,
    IntakeSession,
    NextStep,
    Note,
    OnTheSpotAction,
    ProvisionCheck,
    Referral,
    ReferralStatus,
    SessionStatus,
    Urgency,
)
from intake_app.storage.database import READ_ONLY
from intake_app.storage.tables import (
    SESSION_CHOICES,
    ActionRow,
    ConsentRow,
    DebtRow,
    IncomeRow,
    NextStepRow,
    NoteRow,
    ProvisionRow,
    ReferralRow,
    SessionRow,
    UrgencyRow,
)

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread

# Session fields a caller may change with update_session (the rest have their own methods).
UPDATABLE_SESSION_FIELDS = frozenset(
    {
        "client_language", "status", "current_card", "practice", "first_name", "age_band",
        "neighbourhood", "visit", "trust_confirmed_at", "trauma_flag", "safety_flag",
        "follow_up_date", "next_appointment", "completed_at", "phase_order",
        *SESSION_CHOICES,
    }
)  # fmt: skip

# Child records of a session: (row class, domain class), in print order.
CHILDREN: dict[str, tuple[type[SQLModel], type[Any]]] = {
    "debts": (DebtRow, Debt),
    "incomes": (IncomeRow, Income),
    "urgencies": (UrgencyRow, Urgency),
    "actions": (ActionRow, OnTheSpotAction),
    "provisions": (ProvisionRow, ProvisionCheck),
    "next_steps": (NextStepRow, NextStep),
    "referrals": (ReferralRow, Referral),
    "consents": (ConsentRow, Consent),
    "notes": (NoteRow, Note),
}


def new_session_code() -> str:
    """A pseudonymous, readable code such as ``K-7F3A-Q2`` (no name, no BSN)."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))
    return f"K-{chars[:4]}-{chars[4:]}"


def _is_postgres_error(exc: SQLAlchemyError) -> bool:
    return type(getattr(exc, "orig", None)).__module__.startswith("psycopg")


def storage_error(exc: SQLAlchemyError) -> StorageError:
    """One clear sentence for a failed database call; the transaction was rolled back."""
    reason = str(getattr(exc, "orig", None) or exc)
    if any(word in reason.lower() for word in ("disk is full", "no space left", "disk full")):
        return StorageError(
            "De schijf is vol: dit is niet opgeslagen. Wat eerder is opgeslagen, is veilig. "
            "Maak ruimte vrij en probeer het opnieuw."
        )
    if _is_postgres_error(exc):
        from intake_app.storage.postgres import describe_failure

        described = describe_failure(reason)
        if described is not None:
            return described
    if isinstance(exc, OperationalError):
        return StorageError(
            "De database is niet bereikbaar of zit op slot: {reason}", reason=reason
        )
    return StorageError("Opslaan in de database is mislukt: {reason}", reason=reason)


def utcnow() -> datetime:
    return datetime.now(UTC)


OPEN_REFERRAL_STATUSES = tuple(status.value for status in ReferralStatus if status.open)


def to_header(row: Any) -> SessionHeader:
    session_id, code, updated_at, language, status, current_card, practice = row
    return SessionHeader(
        session_id, code, updated_at, language, status, current_card, bool(practice)
    )


def to_session(row: Any, **parts: Any) -> IntakeSession:
    assert row.id is not None
    return IntakeSession(
        id=row.id,
        code=row.code,
        created_at=row.created_at,
        updated_at=row.updated_at,
        client_language=row.client_language,
        status=SessionStatus(row.status),
        current_card=row.current_card,
        practice=row.practice,
        first_name=row.first_name,
        age_band=row.age_band,
        neighbourhood=row.neighbourhood,
        visit=row.visit,
        trust_confirmed_at=row.trust_confirmed_at,
        trauma_flag=row.trauma_flag,
        safety_flag=row.safety_flag,
        follow_up_date=row.follow_up_date,
        next_appointment=row.next_appointment,
        completed_at=row.completed_at,
        phase_order=tuple(json.loads(row.phase_order_json or "[]")),
        **{name: getattr(row, name) for name in SESSION_CHOICES},
        **parts,
    )


def table_of(row_class: type[SQLModel]) -> Any:
    return row_class.__table__  # type: ignore[attr-defined]


def to_answer(row: Any) -> Answer:
    return Answer(
        card_id=row.card_id,
        state=AnswerState(row.state),
        value=tuple(json.loads(row.value_json)),
        answered_at=row.answered_at,
    )


# The start screen offers to resume the latest unfinished conversation changed this recently.
RESUME_WINDOW = timedelta(days=30)


class SessionStore:
    """The engine and the transaction helpers every part of the repository uses."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with Session(self._engine, expire_on_commit=False) as session:
                yield session
        except SQLAlchemyError as exc:
            raise storage_error(exc) from exc

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """For list reads: a deferred BEGIN (``READ_ONLY``), so they never queue behind a
        writer's lock or take it from one (WAL lets readers go on; issue 16, unlock)."""
        try:
            with Session(
                self._engine.execution_options(**READ_ONLY), expire_on_commit=False
            ) as session:
                yield session
        except SQLAlchemyError as exc:
            raise storage_error(exc) from exc

    @staticmethod
    def _session_row(session: Session, session_id: int) -> SessionRow:
        row = session.get(SessionRow, session_id)
        if row is None:
            raise NotFoundError("Gesprek {id} bestaat niet.", id=session_id)
        return row

    @staticmethod
    def _touch(row: SessionRow) -> None:
        row.updated_at = utcnow()
