"""The first schema: sessions and their answers.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_session",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("client_language", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("current_card", sa.String(length=64), nullable=True),
        sa.Column("practice", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_intake_session_code", "intake_session", ["code"], unique=True)
    op.create_index("ix_intake_session_updated_at", "intake_session", ["updated_at"])
    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("intake_session.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("card_id", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("value_json", sa.String(length=4000), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("session_id", "card_id", name="uq_answer_session_card"),
    )
    op.create_index("ix_answer_session_id", "answer", ["session_id"])


def downgrade() -> None:
    op.drop_table("answer")
    op.drop_table("intake_session")
