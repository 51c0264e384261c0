"""Tables for accounts and the audit log (migration 0003b_accounts)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class UserAccountRow(SQLModel, table=True):
    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=40, unique=True, index=True)  # casefolded
    display_name: str = Field(max_length=80)
    role: str = Field(max_length=16)
    password_hash: str = Field(max_length=200)  # Argon2id, PHC string
    created_at: datetime
    active: bool = True
    failed_attempts: int = 0
    locked_until: datetime | None = None


class AuditEventRow(SQLModel, table=True):
    """Who did what to which record. Never free text: ``detail`` is an id (card, purpose)."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str = Field(max_length=40)
    action: str = Field(max_length=24)
    target: str = Field(default="", max_length=80)
    detail: str = Field(default="", max_length=64)
