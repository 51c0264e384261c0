"""Aftercare that can be worked: a referral's contact person, dates and feedback (issue 21).

The status column already holds free ids; ``appointment_made`` is a new value, no change.

Revision ID: 0004_aftercare
Revises: 0003a_storage
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_aftercare"
down_revision = "0003a_storage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite supports it), no batch copy of the table.
    op.add_column(
        "referral",
        sa.Column("contact_person", sa.String(length=120), nullable=False, server_default=""),
    )
    op.add_column("referral", sa.Column("planned_on", sa.Date(), nullable=True))
    op.add_column("referral", sa.Column("status_on", sa.Date(), nullable=True))
    op.add_column(
        "referral", sa.Column("feedback", sa.String(length=500), nullable=False, server_default="")
    )
    op.add_column("referral", sa.Column("feedback_on", sa.Date(), nullable=True))


def downgrade() -> None:
    for name in ("feedback_on", "feedback", "status_on", "planned_on", "contact_person"):
        op.drop_column("referral", name)  # SQLite 3.35+: no batch copy (see upgrade)
