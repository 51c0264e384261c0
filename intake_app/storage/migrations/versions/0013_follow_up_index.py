"""An index on the follow-up date, for the Nazorg list (issue 16).

Revision ID: 0013_follow_up_index
Revises: 0012_coordinator
Create Date: 2026-11-26

Nazorg asks for the sessions whose follow-up falls in a window of dates; without an index
SQLite scanned every session (50,000 on a busy office's laptop) on each refresh.
"""

from __future__ import annotations

from alembic import op

revision = "0013_follow_up_index"
down_revision = "0012_coordinator"
branch_labels = None
depends_on = None

INDEX = "ix_intake_session_follow_up_date"


def upgrade() -> None:
    op.create_index(INDEX, "intake_session", ["follow_up_date"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="intake_session")
