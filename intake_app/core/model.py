"""The intake as data: sessions and the answers given in them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class SessionStatus(enum.StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"


class AnswerState(enum.StrEnum):
    """How a card was answered. 'Liever niet' is NOT_DISCUSSED, never a 'no' (INT-12)."""

    ANSWERED = "answered"
    NOT_DISCUSSED = "not_discussed"


@dataclass(frozen=True, slots=True)
class Answer:
    card_id: str
    state: AnswerState
    value: tuple[str, ...] = ()
    answered_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class IntakeSession:
    id: int
    code: str
    created_at: datetime
    updated_at: datetime
    client_language: str = "nl"
    status: SessionStatus = SessionStatus.ACTIVE
    current_card: str | None = None
    practice: bool = False
    answers: dict[str, Answer] = field(default_factory=dict)
