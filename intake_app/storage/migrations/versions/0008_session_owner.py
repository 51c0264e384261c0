"""Who started a conversation, for the resume banner (issue 20).

Revision ID: 0008_session_owner
Revises: 0006_print_choices
Create Date: 2026-11-26

Sessions from before this revision keep a NULL owner: they stay in every list but no
user's "Verder met dit gesprek" banner offers them (nobody can tell whose they were).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_session_owner"
down_revision = "0006_print_choices"
branch_labels = None
depends_on = None

INDEX = "ix_intake_session_owner"


def upgrade() -> None:
    # Plain ADD COLUMN (as 0006): a batch copy would recreate the table, and ON DELETE
    # CASCADE would take the child rows with it.
    op.add_column("intake_session", sa.Column("owner", sa.String(length=40), nullable=True))
    op.create_index(INDEX, "intake_session", ["owner"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="intake_session")
    op.drop_column("intake_session", "owner")  # SQLite 3.35+: no batch copy (see upgrade)
