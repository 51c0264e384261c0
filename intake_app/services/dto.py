"""What services hand to the ui and cli: frozen, plain, no database objects.

The core dataclasses (``IntakeSession`` and its records) are frozen domain values, so a
SessionState carries one as ``record`` rather than copying every field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from intake_app.core.engine import PhaseState
from intake_app.core.listing import SessionHeader
from intake_app.core.model import IntakeSession


@dataclass(frozen=True, slots=True)
class SessionListItem:
    id: int
    code: str
    updated_at: datetime
    client_language: str
    status: str
    current_card: str | None
    practice: bool

    @classmethod
    def of_header(cls, header: SessionHeader) -> SessionListItem:
        return cls(
            id=header.id,
            code=header.code,
            updated_at=header.updated_at,
            client_language=header.client_language,
            status=header.status,
            current_card=header.current_card,
            practice=header.practice,
        )

    @classmethod
    def of(cls, session: IntakeSession) -> SessionListItem:
        return cls(
            id=session.id,
            code=session.code,
            updated_at=session.updated_at,
            client_language=session.client_language,
            status=session.status.value,
            current_card=session.current_card,
            practice=session.practice,
        )


@dataclass(frozen=True, slots=True)
class SessionPage:
    """One page of the conversation list, newest first, and how many match in all."""

    items: tuple[SessionListItem, ...]
    offset: int
    has_more: bool  # a further page exists (one row more was read; nothing is counted)
    total: int | None = None  # how many match in all, only when asked (it costs a scan)


@dataclass(frozen=True, slots=True)
class AnswerView:
    card_id: str
    declined: bool  # "Zeg ik liever niet": not discussed, never a "no"
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SessionState:
    id: int
    code: str
    client_language: str
    current_card: str | None  # None: every showable card has been seen
    answers: dict[str, AnswerView]
    updated_at: datetime
    record: IntakeSession | None = None
    phases: tuple[PhaseState, ...] = ()
    completion_problems: tuple[str, ...] = ()  # Dutch msgids
    hints: tuple[str, ...] = ()  # Dutch msgids for the counsellor (REF-04, COM-06)
    changed: frozenset[str] = field(default_factory=frozenset)  # what this operation changed

    def answer(self, card_id: str) -> AnswerView | None:
        return self.answers.get(card_id)


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    """One line of the follow-up list (nazorg, INT-20): who is due, and did help arrive."""

    session_id: int
    code: str
    follow_up_date: date
    overdue: bool
    open_referrals: tuple[str, ...]  # organisation names still on their way
    tasks: tuple[FollowUpTask, ...] = ()  # what to do, most pressing first
    first_due: date | None = None  # the most pressing date: the list's order
    too_many_referrals: bool = False  # more than two open at once (REF-05)


@dataclass(frozen=True, slots=True)
class FollowUpTask:
    """One thing to do on the follow-up list: an open referral or a step not yet done."""

    kind: str  # "referral" or "step"
    item_id: int
    label: str  # the organisation, or what has to happen
    due: date
    status: str = ""  # a referral's ReferralStatus value
    contact_person: str = ""
