"""Settings (retention period, backup count) and the record of anonymised sessions.

Revision ID: 0003a_storage
Revises: 0002_intake_records
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003a_storage"
down_revision = "0002_intake_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(length=64), primary_key=True),
        sa.Column("value", sa.String(length=4000), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
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
    op.drop_table("app_setting")
