"""The session lists of ``SqlSessionRepository``: the list page, its search and count, the
start screen's "resume" offer and the Nazorg (follow-up) queries.

Split off from repository.py as a mixin: these are read-only queries over many sessions
(headers only, a page at a time, design.md section 9), apart from the writes on one session.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, func, or_
from sqlalchemy import select as sql_select
from sqlmodel import col, select

from intake_app.core.listing import DueFollowUp, SessionHeader, normalise_code_search
from intake_app.core.model import (
    IntakeSession,
    NextStep,
    Referral,
    SessionStatus,
)
from intake_app.storage.mapping import to_domain
from intake_app.storage.session_store import (
    OPEN_REFERRAL_STATUSES,
    RESUME_WINDOW,
    SessionStore,
    to_header,
    to_session,
)
from intake_app.storage.tables import (
    NextStepRow,
    ReferralRow,
    SessionRow,
)


class SessionLists(SessionStore):
    """Reads over many sessions: lists, pages, the resume offer, due follow-ups."""

    def list_sessions(self) -> Sequence[IntakeSession]:
        with self._session() as session:
            rows = session.exec(select(SessionRow).order_by(col(SessionRow.updated_at).desc()))
            return [to_session(row) for row in rows]

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
            return [to_header(row) for row in rows]

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
            return to_header(row) if row is not None else None

    def due_follow_ups(self, since: date, until: date) -> Sequence[DueFollowUp]:
        # One query: the due sessions joined with their referrals still on their way.
        open_referral = and_(
            col(ReferralRow.session_id) == col(SessionRow.id),
            col(ReferralRow.status).in_(OPEN_REFERRAL_STATUSES),
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
            .where(*due, col(ReferralRow.status).in_(OPEN_REFERRAL_STATUSES))
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
