"""SQLModel tables. Money is integer cents; times are timezone-aware UTC."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


class SessionRow(SQLModel, table=True):
    __tablename__ = "intake_session"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True, index=True)
    created_at: datetime
    updated_at: datetime = Field(index=True)
    client_language: str = Field(default="nl", max_length=8)
    status: str = Field(default="active", max_length=16)
    current_card: str | None = Field(default=None, max_length=64)
    practice: bool = False


class AnswerRow(SQLModel, table=True):
    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("session_id", "card_id", name="uq_answer_session_card"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("intake_session.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    card_id: str = Field(max_length=64)
    state: str = Field(max_length=16)
    value_json: str = Field(default="[]", max_length=4000)
    answered_at: datetime
