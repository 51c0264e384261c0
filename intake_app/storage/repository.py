"""SqlSessionRepository: the core SessionRepository port on SQLModel tables."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session, col, select

from intake_app.core.errors import NotFoundError, StorageError
from intake_app.core.model import Answer, AnswerState, IntakeSession, SessionStatus
from intake_app.storage.tables import AnswerRow, SessionRow

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_session_code() -> str:
    """A pseudonymous, readable code such as ``K-7F3A-Q2`` (no name, no BSN)."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))
    return f"K-{chars[:4]}-{chars[4:]}"


def utcnow() -> datetime:
    return datetime.now(UTC)


def _to_session(row: SessionRow, answers: dict[str, Answer] | None = None) -> IntakeSession:
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
        answers=answers or {},
    )


def _to_answer(row: AnswerRow) -> Answer:
    return Answer(
        card_id=row.card_id,
        state=AnswerState(row.state),
        value=tuple(json.loads(row.value_json)),
        answered_at=row.answered_at,
    )


class SqlSessionRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with Session(self._engine, expire_on_commit=False) as session:
                yield session
        except OperationalError as exc:
            raise StorageError(
                "De database is niet bereikbaar of zit op slot: {reason}", reason=str(exc.orig)
            ) from exc
        except SQLAlchemyError as exc:
            raise StorageError("Opslaan in de database is mislukt: {reason}", reason=exc) from exc

    def create_session(self, *, client_language: str, practice: bool = False) -> IntakeSession:
        now = utcnow()
        for _attempt in range(5):
            row = SessionRow(
                code=new_session_code(),
                created_at=now,
                updated_at=now,
                client_language=client_language,
                practice=practice,
            )
            try:
                with self._session() as session:
                    session.add(row)
                    session.commit()
                    return _to_session(row)
            except StorageError as exc:
                if not isinstance(exc.__cause__, IntegrityError):
                    raise
        raise StorageError("Er kon geen nieuwe gesprekscode worden gemaakt.")

    def list_sessions(self) -> Sequence[IntakeSession]:
        with self._session() as session:
            rows = session.exec(select(SessionRow).order_by(col(SessionRow.updated_at).desc()))
            return [_to_session(row) for row in rows]

    def get_session(self, session_id: int) -> IntakeSession:
        with self._session() as session:
            row = session.get(SessionRow, session_id)
            if row is None:
                raise NotFoundError("Gesprek {id} bestaat niet.", id=session_id)
            answers = session.exec(select(AnswerRow).where(AnswerRow.session_id == session_id))
            return _to_session(row, {a.card_id: _to_answer(a) for a in answers})

    def record_answer(self, session_id: int, answer: Answer, *, next_card: str | None) -> None:
        now = utcnow()
        with self._session() as session:
            row = session.get(SessionRow, session_id)
            if row is None:
                raise NotFoundError("Gesprek {id} bestaat niet.", id=session_id)
            existing = session.exec(
                select(AnswerRow).where(
                    AnswerRow.session_id == session_id, AnswerRow.card_id == answer.card_id
                )
            ).first()
            stored = existing or AnswerRow(
                session_id=session_id, card_id=answer.card_id, state="", answered_at=now
            )
            stored.state = answer.state.value
            stored.value_json = json.dumps(list(answer.value), ensure_ascii=False)
            stored.answered_at = answer.answered_at or now
            row.current_card = next_card
            row.updated_at = now
            session.add(stored)
            session.add(row)
            session.commit()
