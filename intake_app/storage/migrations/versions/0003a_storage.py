"""The record of anonymised sessions (retention); settings live in app_setting (0003c).

Revision ID: 0003a_storage
Revises: 0003c_languages
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003a_storage"
down_revision = "0003c_languages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "session_anonymised",
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("intake_session.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("session_anonymised")
