"""What services hand to the ui and cli: frozen, plain, no database objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SessionListItem:
    id: int
    code: str
    updated_at: datetime
    client_language: str
    status: str
    current_card: str | None
    practice: bool


@dataclass(frozen=True, slots=True)
class AnswerView:
    card_id: str
    declined: bool  # "Liever niet": not discussed, never a "no"
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SessionState:
    id: int
    code: str
    client_language: str
    current_card: str | None  # None: every card has been seen
    answers: dict[str, AnswerView]
    updated_at: datetime

    def answer(self, card_id: str) -> AnswerView | None:
        return self.answers.get(card_id)
