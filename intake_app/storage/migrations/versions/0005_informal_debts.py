"""Informal debts in full: what the INF cards ask, and whose debt it is (issue 21).

Revision ID: 0005_informal_debts
Revises: 0004_aftercare
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_informal_debts"
down_revision = "0004_aftercare"
branch_labels = None
depends_on = None


def _new() -> tuple[sa.Column[object], ...]:
    return (
        sa.Column("relationship_text", sa.String(length=60), nullable=False, server_default=""),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("amount_up_to_cents", sa.Integer(), nullable=True),
        sa.Column("amount_up_to_approximate", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("frequency", sa.String(length=24), nullable=True),
        sa.Column("monthly_repayment_cents", sa.Integer(), nullable=True),
        sa.Column(
            "monthly_repayment_approximate", sa.Boolean(), nullable=False, server_default=sa.false()
        ),
        sa.Column("regular", sa.Boolean(), nullable=True),
        sa.Column("in_budget", sa.Boolean(), nullable=True),
        sa.Column("caused_by_ex_partner", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("debtor", sa.String(length=16), nullable=False, server_default="client"),
        sa.Column("confirmed", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite supports it): a batch copy of the table would drop and
    # recreate it, and ON DELETE CASCADE would take the child rows with it.
    for column in _new():
        op.add_column("debt", column)


def downgrade() -> None:
    for column in reversed(_new()):
        op.drop_column("debt", column.name)  # SQLite 3.35+: no batch copy (see upgrade)
