"""The two hot paths of ``SqlSessionRepository`` that run as one round trip on PostgreSQL:
reading a whole session (``get_session``) and saving an answer (``record_answer``).

Split off from repository.py as a mixin because both are built as pipelined statement lists
(storage/pipeline.py) rather than ORM sessions, with their own budget (design.md section 9).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, update
from sqlalchemy import select as sql_select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from intake_app.core.errors import NotFoundError
from intake_app.core.model import (
    Answer,
    AnswerState,
    IntakeSession,
    PhaseStatus,
)
from intake_app.storage.mapping import to_domain
from intake_app.storage.pipeline import Step, run_in_one_trip
from intake_app.storage.session_store import (
    CHILDREN,
    SessionStore,
    storage_error,
    table_of,
    to_answer,
    to_session,
    utcnow,
)
from intake_app.storage.tables import (
    AnswerOptionRow,
    AnswerRow,
    PhaseStateRow,
    SessionRow,
)


class SessionOneTrip(SessionStore):
    """Reading a session with all its records, and saving one answer: one round trip each."""

    def get_session(self, session_id: int) -> IntakeSession:
        """The session and every record in it: one round trip on PostgreSQL (pipeline)."""
        steps: list[Step] = [
            (sql_select(table_of(SessionRow)).where(table_of(SessionRow).c.id == session_id), None),
            (
                sql_select(table_of(AnswerRow)).where(
                    table_of(AnswerRow).c.session_id == session_id
                ),
                None,
            ),
            (
                sql_select(table_of(PhaseStateRow)).where(
                    table_of(PhaseStateRow).c.session_id == session_id
                ),
                None,
            ),
        ]
        for row_class, _domain in CHILDREN.values():
            table = table_of(row_class)
            steps.append(
                (
                    sql_select(table).where(table.c.session_id == session_id).order_by(table.c.id),
                    None,
                )
            )
        try:
            found, answers, phases, *children = run_in_one_trip(self._engine, steps, write=False)
        except SQLAlchemyError as exc:
            raise storage_error(exc) from exc
        if not found:
            raise NotFoundError("Gesprek {id} bestaat niet.", id=session_id)
        parts: dict[str, Any] = {
            "answers": {a.card_id: to_answer(a) for a in answers},
            "phase_status": {p.phase_id: PhaseStatus(p.status) for p in phases},
        }
        for (name, (_row, domain_class)), rows in zip(CHILDREN.items(), children, strict=True):
            parts[name] = tuple(to_domain(child, domain_class) for child in rows)
        return to_session(found[0], **parts)

    # -- answers and phases -----------------------------------------------------------------
    def record_answer(self, session_id: int, answer: Answer, *, next_card: str | None) -> None:
        """One short transaction in plain SQL (no ORM flush): the hot path of the intake.

        design.md section 9 budgets it at p50 5 ms / p99 50 ms including the fsync.
        """
        # The session's "last saved" is the answer's own time: the service returns exactly
        # what was committed without reading it back.
        now = answer.answered_at or utcnow()
        answers = AnswerRow.__table__  # type: ignore[attr-defined]
        options = AnswerOptionRow.__table__  # type: ignore[attr-defined]
        sessions = SessionRow.__table__  # type: ignore[attr-defined]
        values = {
            "state": answer.state.value,
            "value_json": json.dumps(list(answer.value), ensure_ascii=False),
            "answered_at": answer.answered_at or now,
        }
        this_card = (answers.c.session_id == session_id) & (answers.c.card_id == answer.card_id)
        if self._engine.dialect.name == "postgresql":
            self._record_answer_in_one_trip(session_id, answer, next_card, values, now)
            return
        try:
            with self._engine.begin() as connection:
                touched = connection.execute(
                    update(sessions)
                    .where(sessions.c.id == session_id)
                    .values(current_card=next_card, updated_at=now)
                ).rowcount
                if not touched:
                    raise NotFoundError("Gesprek {id} bestaat niet.", id=session_id)
                if not connection.execute(update(answers).where(this_card).values(values)).rowcount:
                    connection.execute(
                        insert(answers).values(
                            session_id=session_id, card_id=answer.card_id, **values
                        )
                    )
                connection.execute(
                    delete(options).where(
                        (options.c.session_id == session_id) & (options.c.card_id == answer.card_id)
                    )
                )
                if answer.state is AnswerState.ANSWERED and answer.value:
                    connection.execute(
                        insert(options),
                        [
                            {"session_id": session_id, "card_id": answer.card_id, "option_id": o}
                            for o in answer.value
                        ],
                    )
        except SQLAlchemyError as exc:
            raise storage_error(exc) from exc

    def _record_answer_in_one_trip(
        self,
        session_id: int,
        answer: Answer,
        next_card: str | None,
        values: dict[str, Any],
        now: datetime,
    ) -> None:
        """PostgreSQL: the same transaction as one pipeline (one round trip, issue 20).

        An upsert replaces the read-then-write; the answer's foreign key refuses a session
        that does not exist, which aborts the whole transaction.
        """
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        answers, options, sessions = (
            table_of(AnswerRow),
            table_of(AnswerOptionRow),
            table_of(SessionRow),
        )
        upsert = pg_insert(answers).values(session_id=session_id, card_id=answer.card_id, **values)
        upsert = upsert.on_conflict_do_update(constraint="uq_answer_session_card", set_=values)
        chosen = [
            {"option_id": option}
            for option in (answer.value if answer.state is AnswerState.ANSWERED else ())
        ]
        steps: list[Step] = [
            (
                update(sessions)
                .where(sessions.c.id == session_id)
                .values(current_card=next_card, updated_at=now),
                None,
            ),
            (upsert, None),
            (
                delete(options).where(
                    (options.c.session_id == session_id) & (options.c.card_id == answer.card_id)
                ),
                None,
            ),
            (
                insert(options).values(
                    session_id=session_id, card_id=answer.card_id, option_id=bindparam("option_id")
                ),
                chosen,
            ),
        ]
        try:
            run_in_one_trip(self._engine, steps, write=True)
        except IntegrityError as exc:
            if "foreign key" in str(exc.orig).lower():
                raise NotFoundError("Gesprek {id} bestaat niet.", id=session_id) from exc
            raise storage_error(exc) from exc
        except SQLAlchemyError as exc:
            raise storage_error(exc) from exc
