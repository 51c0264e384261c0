"""SqlSessionRepository: the core SessionRepository port on SQLModel tables.

Every write method is one committed transaction: when it returns, the data is on disk.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, or_, update
from sqlalchemy import select as sql_select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlmodel import Session, SQLModel, col, select

from intake_app.core.errors import NotFoundError, StorageError
from intake_app.core.listing import DueFollowUp, SessionHeader, normalise_code_search
from intake_app.core.model import (
    Answer,
    AnswerState,
    Consent,
    ConsentPurpose,
    Debt,
    Income,
    IntakeSession,
    NextStep,
    Note,
    OnTheSpotAction,
    PhaseStatus,
    ProvisionCheck,
    Referral,
    ReferralStatus,
    SessionStatus,
    Urgency,
)
from intake_app.storage.database import READ_ONLY
from intake_app.storage.mapping import to_columns, to_domain
from intake_app.storage.pipeline import Step, run_in_one_trip
from intake_app.storage.tables import (
    SESSION_CHOICES,
    ActionRow,
    AnswerOptionRow,
    AnswerRow,
    ConsentRow,
    DebtRow,
    IncomeRow,
    NextStepRow,
    NoteRow,
    PhaseStateRow,
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
_CHILDREN: dict[str, tuple[type[SQLModel], type[Any]]] = {
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


_OPEN_REFERRAL_STATUSES = tuple(status.value for status in ReferralStatus if status.open)


def _to_header(row: Any) -> SessionHeader:
    session_id, code, updated_at, language, status, current_card, practice = row
    return SessionHeader(
        session_id, code, updated_at, language, status, current_card, bool(practice)
    )


def _to_session(row: Any, **parts: Any) -> IntakeSession:
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


def _table(row_class: type[SQLModel]) -> Any:
    return row_class.__table__  # type: ignore[attr-defined]


def _to_answer(row: Any) -> Answer:
    return Answer(
        card_id=row.card_id,
        state=AnswerState(row.state),
        value=tuple(json.loads(row.value_json)),
        answered_at=row.answered_at,
    )


# The start screen offers to resume the latest unfinished conversation changed this recently.
RESUME_WINDOW = timedelta(days=30)


class SqlSessionRepository:
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
                    return _to_session(row)
            except StorageError as exc:
                if not isinstance(exc.__cause__, IntegrityError):
                    raise
        raise StorageError("Er kon geen nieuwe gesprekscode worden gemaakt.")

    def list_sessions(self) -> Sequence[IntakeSession]:
        with self._session() as session:
            rows = session.exec(select(SessionRow).order_by(col(SessionRow.updated_at).desc()))
            return [_to_session(row) for row in rows]

    # -- lists: headers only, a page at a time (design.md section 9) --------------------
    _HEADER_COLUMNS: tuple[Any, ...] = (
        SessionRow.id,
        SessionRow.code,
        SessionRow.updated_at,
        SessionRow.client_language,
        SessionRow.status,
        SessionRow.current_card,
        SessionRow.practice,
    )

    @staticmethod
    def _code_filter(search: str) -> Any:
        prefix = normalise_code_search(search)
        return col(SessionRow.code).startswith(prefix, autoescape=True) if prefix else None

    def count_sessions(self, search: str = "") -> int:
        query = select(func.count()).select_from(SessionRow)
        where = self._code_filter(search)
        if where is not None:
            query = query.where(where)
        with self._reading() as session:
            return int(session.exec(query).one())

    def session_page(self, offset: int, limit: int, search: str = "") -> Sequence[SessionHeader]:
        query = sql_select(*self._HEADER_COLUMNS).order_by(
            col(SessionRow.updated_at).desc(), col(SessionRow.id).desc()
        )
        where = self._code_filter(search)
        if where is not None:
            query = query.where(where)
        with self._reading() as session:
            rows = session.execute(query.offset(max(offset, 0)).limit(max(limit, 0)))
            return [_to_header(row) for row in rows]

    def latest_unfinished(self, owner: str | None = None) -> SessionHeader | None:
        if owner is None:  # nobody's banner offers a session without an owner
            return None
        unfinished = or_(
            col(SessionRow.status) == SessionStatus.PAUSED.value,
            and_(
                col(SessionRow.status) != SessionStatus.COMPLETED.value,
                col(SessionRow.current_card).is_not(None),
            ),
        )
        # Only a recent one is offered: the walk down the updated_at index then stops within
        # the window, instead of reading every session when none is unfinished (1 s at 50,000
        # encrypted sessions, on every start and unlock). Older ones stay in the list.
        recent = col(SessionRow.updated_at) >= datetime.now(UTC) - RESUME_WINDOW
        query = (
            sql_select(*self._HEADER_COLUMNS)
            .where(recent, unfinished, col(SessionRow.owner) == owner)
            .order_by(col(SessionRow.updated_at).desc(), col(SessionRow.id).desc())
            .limit(1)
        )
        with self._reading() as session:
            row = session.execute(query).first()
            return _to_header(row) if row is not None else None

    def due_follow_ups(self, since: date, until: date) -> Sequence[DueFollowUp]:
        # One query: the due sessions joined with their referrals still on their way.
        open_referral = and_(
            col(ReferralRow.session_id) == col(SessionRow.id),
            col(ReferralRow.status).in_(_OPEN_REFERRAL_STATUSES),
        )
        query = (
            select(
                col(SessionRow.id),
                col(SessionRow.code),
                col(SessionRow.follow_up_date),
                col(ReferralRow.organisation_name),
            )
            .outerjoin(ReferralRow, open_referral)
            .where(
                col(SessionRow.practice).is_(False),
                col(SessionRow.follow_up_date).is_not(None),
                col(SessionRow.follow_up_date) >= since,
                col(SessionRow.follow_up_date) <= until,
            )
            .order_by(col(SessionRow.follow_up_date), col(SessionRow.code), col(ReferralRow.id))
        )
        found: dict[int, tuple[str, date, list[str]]] = {}
        with self._reading() as session:
            for session_id, code, follow_up, organisation in session.exec(query):
                assert session_id is not None and follow_up is not None  # by the WHERE
                entry = found.setdefault(session_id, (code, follow_up, []))
                if organisation is not None:
                    entry[2].append(organisation)
        return [
            DueFollowUp(session_id, code, follow_up, tuple(names))
            for session_id, (code, follow_up, names) in found.items()
        ]

    def open_aftercare(
        self, since: date, until: date
    ) -> tuple[Sequence[tuple[int, Referral]], Sequence[tuple[int, NextStep]]]:
        """The open referrals and steps not done of the sessions ``due_follow_ups`` lists:
        two queries for the whole Nazorg list, never one per session (issue 21)."""
        due = (
            col(SessionRow.practice).is_(False),
            col(SessionRow.follow_up_date).is_not(None),
            col(SessionRow.follow_up_date) >= since,
            col(SessionRow.follow_up_date) <= until,
        )
        referrals = (
            select(ReferralRow)
            .join(SessionRow, col(SessionRow.id) == col(ReferralRow.session_id))
            .where(*due, col(ReferralRow.status).in_(_OPEN_REFERRAL_STATUSES))
            .order_by(col(ReferralRow.id))
        )
        steps = (
            select(NextStepRow)
            .join(SessionRow, col(SessionRow.id) == col(NextStepRow.session_id))
            .where(*due, col(NextStepRow.done).is_(False))
            .order_by(col(NextStepRow.id))
        )
        with self._session() as session:
            return (
                [(row.session_id, to_domain(row, Referral)) for row in session.exec(referrals)],
                [(row.session_id, to_domain(row, NextStep)) for row in session.exec(steps)],
            )

    def get_session(self, session_id: int) -> IntakeSession:
        """The session and every record in it: one round trip on PostgreSQL (pipeline)."""
        steps: list[Step] = [
            (sql_select(_table(SessionRow)).where(_table(SessionRow).c.id == session_id), None),
            (
                sql_select(_table(AnswerRow)).where(_table(AnswerRow).c.session_id == session_id),
                None,
            ),
            (
                sql_select(_table(PhaseStateRow)).where(
                    _table(PhaseStateRow).c.session_id == session_id
                ),
                None,
            ),
        ]
        for row_class, _domain in _CHILDREN.values():
            table = _table(row_class)
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
            "answers": {a.card_id: _to_answer(a) for a in answers},
            "phase_status": {p.phase_id: PhaseStatus(p.status) for p in phases},
        }
        for (name, (_row, domain_class)), rows in zip(_CHILDREN.items(), children, strict=True):
            parts[name] = tuple(to_domain(child, domain_class) for child in rows)
        return _to_session(found[0], **parts)

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

        answers, options, sessions = _table(AnswerRow), _table(AnswerOptionRow), _table(SessionRow)
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

    # -- child records ----------------------------------------------------------------------
    def _add(self, session_id: int, row_class: type[SQLModel], item: object) -> int:
        with self._session() as session:
            row = self._session_row(session, session_id)
            child = row_class(session_id=session_id, **to_columns(item))
            self._touch(row)
            session.add_all([child, row])
            session.commit()
            child_id: int = child.id  # type: ignore[attr-defined]
            return child_id

    def _replace(self, session_id: int, row_class: type[SQLModel], item: Any) -> None:
        if item.id is None:
            raise ValueError("an item without id cannot be replaced")
        with self._session() as session:
            row = self._session_row(session, session_id)
            child = session.get(row_class, item.id)
            if child is None or child.session_id != session_id:  # type: ignore[attr-defined]
                raise NotFoundError("Dit onderdeel bestaat niet meer.")
            for name, value in to_columns(item).items():
                setattr(child, name, value)
            self._touch(row)
            session.add_all([child, row])
            session.commit()

    def _remove(self, session_id: int, row_class: type[SQLModel], item_id: int) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            child = session.get(row_class, item_id)
            if child is not None and child.session_id == session_id:  # type: ignore[attr-defined]
                session.delete(child)
            self._touch(row)
            session.add(row)
            session.commit()

    def add_debt(self, session_id: int, debt: Debt) -> int:
        return self._add(session_id, DebtRow, debt)

    def update_debt(self, session_id: int, debt: Debt) -> None:
        self._replace(session_id, DebtRow, debt)

    def remove_debt(self, session_id: int, debt_id: int) -> None:
        self._remove(session_id, DebtRow, debt_id)

    def add_income(self, session_id: int, income: Income) -> int:
        return self._add(session_id, IncomeRow, income)

    def update_income(self, session_id: int, income: Income) -> None:
        self._replace(session_id, IncomeRow, income)

    def remove_income(self, session_id: int, income_id: int) -> None:
        self._remove(session_id, IncomeRow, income_id)

    def add_urgency(self, session_id: int, urgency: Urgency) -> int:
        return self._add(session_id, UrgencyRow, urgency)

    def update_urgency(self, session_id: int, urgency: Urgency) -> None:
        self._replace(session_id, UrgencyRow, urgency)

    def remove_urgency(self, session_id: int, urgency_id: int) -> None:
        self._remove(session_id, UrgencyRow, urgency_id)

    def add_action(self, session_id: int, action: OnTheSpotAction) -> int:
        return self._add(session_id, ActionRow, action)

    def update_action(self, session_id: int, action: OnTheSpotAction) -> None:
        self._replace(session_id, ActionRow, action)

    def remove_action(self, session_id: int, action_id: int) -> None:
        self._remove(session_id, ActionRow, action_id)

    def remove_provision(self, session_id: int, provision_id: str) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            for stored in session.exec(
                select(ProvisionRow).where(
                    ProvisionRow.session_id == session_id,
                    ProvisionRow.provision_id == provision_id,
                )
            ):
                session.delete(stored)
            self._touch(row)
            session.add(row)
            session.commit()

    def set_provision(self, session_id: int, check: ProvisionCheck) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            existing = session.exec(
                select(ProvisionRow).where(
                    ProvisionRow.session_id == session_id,
                    ProvisionRow.provision_id == check.provision_id,
                )
            ).first()
            stored = existing or ProvisionRow(
                session_id=session_id, provision_id=check.provision_id, status=""
            )
            for name, value in to_columns(check).items():
                setattr(stored, name, value)
            self._touch(row)
            session.add_all([stored, row])
            session.commit()

    def add_next_step(self, session_id: int, step: NextStep) -> int:
        return self._add(session_id, NextStepRow, step)

    def update_next_step(self, session_id: int, step: NextStep) -> None:
        self._replace(session_id, NextStepRow, step)

    def remove_next_step(self, session_id: int, step_id: int) -> None:
        self._remove(session_id, NextStepRow, step_id)

    def add_referral(self, session_id: int, referral: Referral) -> int:
        return self._add(session_id, ReferralRow, referral)

    def update_referral(self, session_id: int, referral: Referral) -> None:
        self._replace(session_id, ReferralRow, referral)

    def remove_referral(self, session_id: int, referral_id: int) -> None:
        self._remove(session_id, ReferralRow, referral_id)

    def set_referral_status(
        self, session_id: int, referral_id: int, status: ReferralStatus
    ) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            referral = session.get(ReferralRow, referral_id)
            if referral is None or referral.session_id != session_id:
                raise NotFoundError("Deze verwijzing bestaat niet meer.")
            referral.status = status.value
            self._touch(row)
            session.add_all([referral, row])
            session.commit()

    def record_consent(self, session_id: int, consent: Consent) -> None:
        """Consents are appended, never overwritten: the history is the record."""
        self._add(session_id, ConsentRow, consent)

    def revoke_consent(self, session_id: int, purpose: ConsentPurpose, at: datetime) -> None:
        with self._session() as session:
            row = self._session_row(session, session_id)
            active = session.exec(
                select(ConsentRow).where(
                    ConsentRow.session_id == session_id,
                    ConsentRow.purpose == purpose.value,
                    col(ConsentRow.revoked_at).is_(None),
                )
            ).all()
            for consent in active:
                consent.revoked_at = at
                session.add(consent)
            self._touch(row)
            session.add(row)
            session.commit()

    def add_note(self, session_id: int, note: Note) -> int:
        return self._add(session_id, NoteRow, note)
