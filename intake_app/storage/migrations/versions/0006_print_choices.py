"""A session's print choices and the language of the conversation (issue 21).

Revision ID: 0006_print_choices
Revises: 0005_informal_debts
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_print_choices"
down_revision = "0005_informal_debts"
branch_labels = None
depends_on = None


def _new() -> tuple[sa.Column[object], ...]:
    return (
        sa.Column("discreet", sa.Boolean(), nullable=True),
        sa.Column("print_remittances", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("spoken_language", sa.String(length=8), nullable=False, server_default=""),
        sa.Column("interpreter_kind", sa.String(length=32), nullable=False, server_default=""),
        sa.Column("interpreter_language", sa.String(length=8), nullable=False, server_default=""),
        sa.Column("interpreter_gender", sa.String(length=8), nullable=False, server_default=""),
    )


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite supports it): a batch copy of the table would drop and
    # recreate it, and ON DELETE CASCADE would take the child rows with it.
    for column in _new():
        op.add_column("intake_session", column)


def downgrade() -> None:
    for column in reversed(_new()):
        op.drop_column("intake_session", column.name)  # SQLite 3.35+: no batch copy (see upgrade)
